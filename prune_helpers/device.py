"""Pick the fastest available device and say in one line why."""

from __future__ import annotations

import os

import torch

from .messages import PruneHelperError, t

DEVICE_VARIABLE = "PRUNE_HELPERS_DEVICE"


def forced_device() -> torch.device | None:
    """The device named in PRUNE_HELPERS_DEVICE ('cpu', 'cuda', 'mps'), checked to exist; None if unset."""
    name = os.environ.get(DEVICE_VARIABLE, "").strip().lower()
    if not name:
        return None
    available = {"cpu": True, "cuda": torch.cuda.is_available(),
                 "mps": getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available()}
    if not available.get(name):
        raise PruneHelperError("error.device_variable", variable=DEVICE_VARIABLE, value=name,
                               choices=", ".join(n for n, ok in available.items() if ok))
    return torch.device(name)


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
    device, why = best_device()
    if verbose:
        print(why)
    return device
