"""Sparsity (the share of zeros) of a tensor, a module and a whole model.

For a pruned tensor the numbers come from the *effective* tensor
(`module.weight`, i.e. `weight_orig * weight_mask`), which is what the layer
really computes with.
"""

from __future__ import annotations

from typing import Iterator

import torch
from torch import nn

from .messages import t
from .tables import Table
from .validate import check_module, check_tensor, prunable_names


def count_zeros(tensor: torch.Tensor) -> tuple[int, int]:
    """(number of zeros, number of elements)."""
    check_tensor(tensor)
    return int((tensor == 0).sum()), tensor.numel()


def sparsity(tensor: torch.Tensor) -> float:
    """Fraction of entries that are exactly zero (0.0 for an empty tensor)."""
    zeros, total = count_zeros(tensor)
    return zeros / total if total else 0.0


def percent(fraction: float) -> str:
    return f"{100 * fraction:.1f}%"


def effective_tensors(model: nn.Module) -> Iterator[tuple[str, str, torch.Tensor]]:
    """(module path, parameter name, effective tensor) for every parameter tensor in `model`, once.

    A tied (shared) parameter belongs to several modules, but it is one
    tensor: counting it at each module inflated the totals (two Linear(4, 4)
    sharing a weight are 24 parameters, not 40). It is listed at its first
    module. A pruned one is recognised by its `_orig` parameter, since its
    computed `weight` is a new tensor at each module.
    """
    check_module(model)
    seen = set()
    for path, module in model.named_modules():
        for name in prunable_names(module):
            underlying = module._parameters.get(name + "_orig", module._parameters.get(name))
            if id(underlying) in seen:
                continue
            seen.add(id(underlying))
            yield path or type(module).__name__, name, getattr(module, name)


def sparsity_totals(model: nn.Module) -> tuple[int, int]:
    """(zeros, elements) over all parameters of `model`, each shared tensor counted once."""
    zeros = total = 0
    for _, _, tensor in effective_tensors(model):
        z, n = count_zeros(tensor)
        zeros, total = zeros + z, total + n
    return zeros, total


def sparsity_report(model: nn.Module) -> Table:
    """One row per parameter tensor (a shared one once), then one row for the whole model."""
    columns = [t(f"table.{c}") for c in ("layer", "name", "shape", "zeros", "total", "sparsity")]
    rows, zeros_all, total_all = [], 0, 0
    for path, name, tensor in effective_tensors(model):
        zeros, total = count_zeros(tensor)
        zeros_all, total_all = zeros_all + zeros, total_all + total
        rows.append([path, name, str(list(tensor.shape)), zeros, total, percent(zeros / total if total else 0.0)])
    rows.append([t("table.all"), "", "", zeros_all, total_all, percent(zeros_all / total_all if total_all else 0.0)])
    return Table(columns, rows)
