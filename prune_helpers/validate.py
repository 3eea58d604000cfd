"""Input checks that run before any helper touches a module.

Each check raises one catalog error that says what to do, so a learner's typo
never leaves a half-pruned layer behind.
"""

from __future__ import annotations

import math
import numbers

import torch
from torch import nn

from .messages import PruneHelperError


def _kind(value) -> str:
    return type(value).__name__


def check_module(module) -> nn.Module:
    if not isinstance(module, nn.Module):
        raise PruneHelperError("error.not_module", kind=_kind(module))
    return module


def check_tensor(tensor) -> torch.Tensor:
    if not isinstance(tensor, torch.Tensor):
        raise PruneHelperError("error.not_tensor", kind=_kind(tensor))
    return tensor


def prunable_names(module: nn.Module) -> list[str]:
    """Names `prune.*` accepts on this module: its own parameters, pruned or not.

    `weight` comes first even after pruning re-registers it as `weight_orig`
    behind `bias`, so tables keep one order before and after pruning.
    """
    names = []
    for name, _ in module.named_parameters(recurse=False):
        names.append(name[: -len("_orig")] if name.endswith("_orig") else name)
    return sorted(names, key=lambda name: name != "weight")


def check_name(module, name: str) -> str:
    check_module(module)
    choices = prunable_names(module)
    if not choices:
        raise PruneHelperError("error.no_parameters", module=type(module).__name__)
    if name not in choices:
        raise PruneHelperError(
            "error.unknown_name",
            module=type(module).__name__,
            name=name,
            choices=", ".join(repr(c) for c in choices),
        )
    return name


def check_amount(amount, numel: int, name: str = "weight") -> float | int:
    """Accept what `torch.nn.utils.prune` accepts, with a clearer error otherwise.

    A float is a fraction of `numel`; an int is a count. bool is refused even
    though it is an int in Python, because `amount=True` is always a mistake.
    """
    if isinstance(amount, bool) or not isinstance(amount, numbers.Real):
        raise PruneHelperError("error.amount_type", kind=_kind(amount), value=amount)
    if isinstance(amount, numbers.Integral):
        if not 0 <= amount <= numel:
            raise PruneHelperError("error.amount_count_range", value=amount, numel=numel, name=name)
        return int(amount)
    amount = float(amount)
    if math.isnan(amount):
        raise PruneHelperError("error.amount_nan")
    if not 0.0 <= amount <= 1.0:
        raise PruneHelperError("error.amount_fraction_range", value=amount)
    return amount


def pruned_count(amount: float | int, numel: int) -> int:
    """How many entries `prune.*_unstructured` sets to zero (PyTorch rounds)."""
    return amount if isinstance(amount, int) else round(amount * numel)
