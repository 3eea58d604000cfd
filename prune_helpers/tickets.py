"""Lottery tickets (Frankle & Carbin, 2019): the small pieces of iterative magnitude pruning with rewinding.

The loop itself (prune → rewind → retrain) stays in the lesson, written with
`torch.nn.utils.prune`; these helpers do only the bookkeeping around it.
Each one checks everything before it touches a model, so a refused call
leaves the model exactly as it was.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from .messages import PruneHelperError
from .training import check_fits_digits, correct_per_image
from .validate import check_module

_LAYERS = (nn.Conv2d, nn.Linear)


def _layers(model: nn.Module) -> dict[str, nn.Module]:
    """{path: layer} for every Conv2d and Linear, in the model's order (the layers IMP prunes)."""
    return {path: m for path, m in model.named_modules() if isinstance(m, _LAYERS)}


def _values(layer: nn.Module, name: str) -> torch.Tensor | None:
    """The trained values of `layer.<name>` without any mask: `<name>_orig` when pruned, else the parameter."""
    return getattr(layer, name + "_orig", getattr(layer, name))


def mask_copies(model: nn.Module) -> dict[str, torch.Tensor]:
    """{layer path: a copy of its `weight_mask`}: the winning ticket's mask, kept while the model trains on.

    Copies, not the buffers themselves: the next round's pruning replaces
    the buffers, and a baseline given this mask must not see it change.
    """
    check_module(model)
    masks = {path: layer.weight_mask.detach().clone() for path, layer in _layers(model).items()
             if hasattr(layer, "weight_mask")}
    if not masks:
        raise PruneHelperError("error.no_masks", module=type(model).__name__)
    return masks


def rewind_(model: nn.Module, initial: nn.Module) -> nn.Module:
    """Put the initial values back into a pruned model and keep its masks: the rewind of a lottery ticket.

    One copy per parameter under `torch.no_grad()`: the initial weight into
    `weight_orig` (or `weight` for a layer that is not pruned) and the
    initial bias into `bias` (or `bias_orig`). The masks are buffers and
    are not touched, so the weights are the initial ones where kept and
    zero where pruned. Pruning again would add a new mask instead, and
    `prune.remove` would forget the mask. If `initial` is itself pruned,
    its unmasked values (`weight_orig`) are used: the values it started from.
    """
    check_module(model)
    check_module(initial)
    layers, starts = _layers(model), _layers(initial)
    if list(layers) != list(starts):
        raise PruneHelperError("error.rewind_layers", model=", ".join(layers) or "-",
                               initial=", ".join(starts) or "-")
    if not any(hasattr(layer, "weight_mask") for layer in layers.values()):
        raise PruneHelperError("error.no_masks", module=type(model).__name__)
    pairs = []
    for path, layer in layers.items():
        for name in ("weight", "bias"):
            target, source = _values(layer, name), _values(starts[path], name)
            if (target is None) != (source is None) or (target is not None and target.shape != source.shape):
                raise PruneHelperError("error.rewind_shape", layer=path, name=name,
                                       shape=None if target is None else tuple(target.shape),
                                       expected=None if source is None else tuple(source.shape))
            if target is not None:
                pairs.append((target, source))
    with torch.no_grad():
        for target, source in pairs:
            target.copy_(source)
    return model


def paired_difference(model_a: nn.Module, model_b: nn.Module, data) -> tuple[float, float]:
    """(accuracy of a − accuracy of b, its standard error), in points, on the same test images.

    Both models see the same 360 images, so most of the luck of the test set
    cancels: only the images where exactly one of them is right count. The
    standard error of the difference is that of the per-image difference
    (+1, 0 or −1) divided by √n, usually much smaller than that of either
    accuracy alone. The models' train/eval modes are left as they were.
    """
    for model in (check_module(model_a), check_module(model_b)):
        check_fits_digits(model, data)
    scores = [correct_per_image(model, data) for model in (model_a, model_b)]
    difference = scores[0] - scores[1]
    n = difference.numel()
    spread = float(difference.var(unbiased=True)) if n > 1 else 0.0
    return 100.0 * float(difference.mean()), 100.0 * math.sqrt(spread / n)


def plot_kept_curves(curves: dict[str, tuple[list[float], list[float]]], xlabel: str, ylabel: str, title: str,
                     reference: float | None = None, reference_label: str = ""):
    """`plot_curves` with the share of weights kept on a log axis, 100% on the left, as in the paper's figures.

    Each IMP round keeps 80% of what is left, so the points are evenly
    spaced on a log axis; a linear one would crowd the sparse end, where
    the arms differ most. Ticks sit at the kept shares themselves.
    """
    from matplotlib.ticker import NullFormatter, NullLocator

    from .plots import Picture, _numbers, plot_curves

    picture = plot_curves([], curves, xlabel, ylabel, title, reference, reference_label)
    shares = [x for values in curves.values() for x in _numbers(values[0], "x")]  # (xs, ys) pairs, checked above
    if any(x <= 0 for x in shares):
        raise PruneHelperError("error.positive_arg", arg="x", value=min(shares), example=0.8)
    ax = picture.figure.axes[0]
    ax.set_xscale("log")
    ticks = sorted({round(x, 1) for x in shares}, reverse=True)
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(ticks, [f"{x:g}" for x in ticks], fontsize=8)
    ax.invert_xaxis()
    return Picture(picture.figure, picture.title)
