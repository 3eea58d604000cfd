"""Physically remove pruned channels: rebuild a smaller model that computes the same thing.

Masks leave every zero in place, so nothing gets faster. After structured
pruning, whole output channels of a Conv2d are zero; `compact` rebuilds the
chain with only the kept channels: the Conv2d loses those filters, a
following BatchNorm2d loses those entries, and the next Conv2d (or the Linear
after global pooling) loses those input channels.

A channel is only dropped when it really outputs zero everywhere: its filter
and its bias are zero (and, after a BatchNorm, the normalised constant is
zero too). Otherwise the rebuilt model would compute something else, so
`compact` refuses and says which channel still carries a value.
"""

from __future__ import annotations

import copy
from collections import OrderedDict

import torch
from torch import nn

from .messages import PruneHelperError
from .validate import check_module

# Layers that map a zero channel to a zero channel and carry no weights.
PASS_THROUGH = (nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.GELU, nn.SiLU, nn.Tanh, nn.Identity, nn.MaxPool2d,
                nn.AvgPool2d, nn.Dropout, nn.Dropout2d, nn.Flatten)


def _effective(module: nn.Module, name: str) -> torch.Tensor | None:
    """The tensor the layer computes with (mask applied), detached."""
    tensor = getattr(module, name, None)
    return None if tensor is None else tensor.detach().clone()


def kept_outputs(layer: nn.Conv2d | nn.Linear) -> list[int]:
    """Output channels (Conv2d) or rows (Linear) with at least one nonzero weight."""
    weight = _effective(layer, "weight").flatten(1)
    return [c for c in range(weight.shape[0]) if bool(weight[c].ne(0).any())]


def _check_removed_outputs_zero(name: str, layer: nn.Module, norm: nn.BatchNorm2d | None, removed: list[int]) -> None:
    """Refuse unless every removed channel outputs exactly zero (bias and BatchNorm included)."""
    bias = _effective(layer, "bias")
    constant = torch.zeros(layer.weight.shape[0]) if bias is None else bias
    if norm is not None:
        scale = norm.weight.detach() / torch.sqrt(norm.running_var + norm.eps)
        constant = (constant - norm.running_mean) * scale + norm.bias.detach()
    for channel in removed:
        if float(constant[channel]) != 0.0:
            raise PruneHelperError("error.compact_constant", layer=name, channel=channel)


def _smaller(layer: nn.Conv2d | nn.Linear, keep_out: list[int], keep_in: list[int]) -> nn.Module:
    if isinstance(layer, nn.Conv2d):
        if layer.groups != 1:
            raise PruneHelperError("error.compact_unsupported", layer=f"Conv2d(groups={layer.groups})")
        new = nn.Conv2d(len(keep_in), len(keep_out), layer.kernel_size, layer.stride, layer.padding,
                        layer.dilation, bias=layer.bias is not None, padding_mode=layer.padding_mode)
    else:
        new = nn.Linear(len(keep_in), len(keep_out), bias=layer.bias is not None)
    with torch.no_grad():
        new.weight.copy_(_effective(layer, "weight")[keep_out][:, keep_in])
        if layer.bias is not None:
            new.bias.copy_(_effective(layer, "bias")[keep_out])
    return new


def _smaller_norm(norm: nn.BatchNorm2d, keep: list[int]) -> nn.BatchNorm2d:
    new = nn.BatchNorm2d(len(keep), eps=norm.eps, momentum=norm.momentum, affine=norm.affine,
                         track_running_stats=norm.track_running_stats)
    with torch.no_grad():
        for name in ("weight", "bias", "running_mean", "running_var"):
            if getattr(norm, name, None) is not None:
                getattr(new, name).copy_(_effective(norm, name)[keep])
    return new.train(norm.training)


def _is_global_pool(layer: nn.Module) -> bool:
    return isinstance(layer, nn.AdaptiveAvgPool2d) and layer.output_size in (1, (1, 1))


def compact(model: nn.Sequential) -> nn.Sequential:
    """A new, smaller `nn.Sequential` without the channels structured pruning emptied.

    Supported: Conv2d (groups=1), BatchNorm2d after a Conv2d, Linear,
    zero-preserving activations, pooling, Dropout, and AdaptiveAvgPool2d(1) +
    Flatten between the last Conv2d and a Linear. The last Conv2d/Linear keeps
    all its outputs (they are the model's outputs). `model` is not changed.
    """
    if not isinstance(check_module(model), nn.Sequential):
        raise PruneHelperError("error.compact_unsupported", layer=type(model).__name__)
    layers = list(model.named_children())
    last = max((i for i, (_, m) in enumerate(layers) if isinstance(m, (nn.Conv2d, nn.Linear))), default=-1)
    rebuilt, keep_in, channels, index = [], None, None, 0
    while index < len(layers):
        name, layer = layers[index]
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            inputs = layer.weight.shape[1] * (layer.groups if isinstance(layer, nn.Conv2d) else 1)
            if keep_in is None:
                keep_in = list(range(inputs))
            elif channels != inputs:  # e.g. Flatten of a spatial map into a Linear
                raise PruneHelperError("error.compact_unsupported", layer=f"{name} ({type(layer).__name__})")
            following = layers[index + 1][1] if index + 1 < len(layers) else None
            norm = following if isinstance(layer, nn.Conv2d) and isinstance(following, nn.BatchNorm2d) else None
            outputs = layer.weight.shape[0]
            keep_out = kept_outputs(layer) if index < last else list(range(outputs))
            _check_removed_outputs_zero(name, layer, norm, sorted(set(range(outputs)) - set(keep_out)))
            rebuilt.append((name, _smaller(layer, keep_out, keep_in)))
            if norm is not None:
                index += 1
                rebuilt.append((layers[index][0], _smaller_norm(norm, keep_out)))
            keep_in, channels = keep_out, outputs
        elif isinstance(layer, PASS_THROUGH) or _is_global_pool(layer):
            rebuilt.append((name, copy.deepcopy(layer)))
        else:
            raise PruneHelperError("error.compact_unsupported", layer=f"{name} ({type(layer).__name__})")
        index += 1
    return nn.Sequential(OrderedDict(rebuilt)).train(model.training)


def prune_filters(model: nn.Sequential, amount: float, n: int | float = 2) -> nn.Sequential:
    """`ln_structured` on the filters of every Conv2d except the last weighted layer,
    plus the same mask on each bias (`custom_from_mask`), so removed filters output zero.
    """
    from torch.nn.utils import prune

    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    for conv in convs:
        prune.ln_structured(conv, name="weight", amount=amount, n=n, dim=0)
        if conv.bias is not None:
            prune.custom_from_mask(conv, name="bias", mask=conv.weight_mask.flatten(1).amax(dim=1))
    return model


def compact_with_torch_pruning(model: nn.Sequential, example: torch.Tensor) -> nn.Module:
    """The same compaction done by Torch-Pruning's DependencyGraph, as a reference.

    Works on a copy: pruning is made permanent first (Torch-Pruning needs plain
    parameters), then every Conv2d loses the output channels whose filters are zero.
    """
    import torch_pruning as tp

    from .methods import permanent_copy

    reference = permanent_copy(model, example)
    graph = tp.DependencyGraph().build_dependency(reference, example_inputs=example)
    convs = [m for m in reference.modules() if isinstance(m, nn.Conv2d)]
    for conv in convs:
        removed = sorted(set(range(conv.out_channels)) - set(kept_outputs(conv)))
        if removed:
            graph.get_pruning_group(conv, tp.prune_conv_out_channels, idxs=removed).prune()
    return reference.eval()
