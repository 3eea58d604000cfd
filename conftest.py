"""Notebook checks that depend on the machine: cells tagged `device-dependent`.

A few cells must print something else on a GPU (the GPU's name, masks drawn
by CUDA's random generator). They carry the `device-dependent` tag; on a
machine with CUDA, nbval runs them but does not compare their output. On a
CPU-only machine they are compared like every other cell.
"""

import torch

DEVICE_DEPENDENT = "device-dependent"


def excused_on_this_machine() -> bool:
    """True where `ph.pick_device()` would not choose the CPU the stored outputs were made on."""
    import os

    forced = os.environ.get("PRUNE_HELPERS_DEVICE", "").strip().lower()
    if forced:
        return forced != "cpu"
    mps = getattr(torch.backends, "mps", None)
    return torch.cuda.is_available() or (mps is not None and mps.is_available())


def pytest_collection_modifyitems(config, items):
    if not excused_on_this_machine():
        return
    for item in items:
        cell = getattr(item, "cell", None)
        options = getattr(item, "options", None)
        if cell is not None and options is not None and DEVICE_DEPENDENT in cell.metadata.get("tags", []):
            options["check"] = False
