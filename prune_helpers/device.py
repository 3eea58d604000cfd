"""Pick the fastest available device and say in one line why."""

from __future__ import annotations

import torch

from .messages import t


def best_device() -> tuple[torch.device, str]:
    """(device, explanation): CUDA if available, else Apple's MPS, else the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda"), t("device.cuda", name=torch.cuda.get_device_name(0))
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps"), t("device.mps")
    return torch.device("cpu"), t("device.cpu")


def pick_device(verbose: bool = True) -> torch.device:
    device, why = best_device()
    if verbose:
        print(why)
    return device
