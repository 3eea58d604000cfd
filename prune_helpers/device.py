"""Pick the fastest available device and say in one line why."""

from __future__ import annotations

import os

import torch

from .messages import PruneHelperError, t

DEVICE_VARIABLE = "PRUNE_HELPERS_DEVICE"


def devices_here() -> dict[str, int]:
    """How many devices of each kind the lessons can compute on here: {'cpu': 1, 'cuda': n, 'mps': 0 or 1}."""
    mps = getattr(torch.backends, "mps", None)
    return {"cpu": 1, "cuda": torch.cuda.device_count() if torch.cuda.is_available() else 0,
            "mps": int(mps is not None and mps.is_available())}


def forced_device() -> torch.device | None:
    """The device named in PRUNE_HELPERS_DEVICE ('cpu', 'cuda', 'mps'), checked to exist; None if unset."""
    name = os.environ.get(DEVICE_VARIABLE, "").strip().lower()
    if not name:
        return None
    available = devices_here()
    if not available.get(name):
        raise PruneHelperError("error.device_variable", variable=DEVICE_VARIABLE, value=name,
                               choices=", ".join(n for n, count in available.items() if count))
    return torch.device(name)


def check_device(device) -> torch.device | None:
    """None, or a device this computer can compute on, as a `torch.device`.

    Helpers that take `device=` check it before building or moving anything:
    a typo, a GPU that is not there, or 'meta' (tensors without data) would
    otherwise fail halfway, inside PyTorch, with the learner's model already
    moved.
    """
    if device is None:
        return None
    if not isinstance(device, (str, torch.device)):
        raise PruneHelperError("error.device_arg", value=device)
    try:
        parsed = torch.device(device)
    except (RuntimeError, ValueError, TypeError):
        raise PruneHelperError("error.device_arg", value=device) from None
    count = devices_here().get(parsed.type)
    if count is None:
        raise PruneHelperError("error.device_arg", value=device)
    if (parsed.index or 0) >= count:
        raise PruneHelperError("error.device_missing", value=str(parsed))
    return parsed


def best_device() -> tuple[torch.device, str]:
    """(device, explanation): PRUNE_HELPERS_DEVICE if set, else CUDA, else Apple's MPS, else the CPU."""
    forced = forced_device()
    if forced is not None:
        return forced, t("device.forced", variable=DEVICE_VARIABLE, device=forced.type)
    if torch.cuda.is_available():
        return torch.device("cuda"), t("device.cuda", name=torch.cuda.get_device_name(0))
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps"), t("device.mps")
    return torch.device("cpu"), t("device.cpu")


def pick_device(verbose: bool = True) -> torch.device:
    """The device every lesson computes on (see `best_device`), with its one-line reason printed."""
    from .validate import check_flag

    verbose = check_flag(verbose, "verbose")
    device, why = best_device()
    if verbose:
        print(why)
    return device
