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
import math
import numbers
from collections import OrderedDict

import torch
from torch import nn
from torch.nn.modules.conv import _ConvTransposeNd

from .messages import PruneHelperError
from .validate import check_amount, check_module, check_name, check_tensor, is_number

# Layers that map a zero channel to a zero channel and carry no weights.
PASS_THROUGH = (nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.GELU, nn.SiLU, nn.Tanh, nn.Identity, nn.MaxPool2d,
                nn.AvgPool2d, nn.Dropout, nn.Dropout2d, nn.Flatten)


def _effective(module: nn.Module, name: str) -> torch.Tensor | None:
    """The tensor the layer computes with (mask applied), detached."""
    tensor = getattr(module, name, None)
    return None if tensor is None else tensor.detach().clone()


def _outputs_by_row(layer: nn.Module, weight: torch.Tensor) -> torch.Tensor:
    """The weight as [outputs, everything else]: a transposed convolution keeps its outputs in dim 1."""
    if isinstance(layer, _ConvTransposeNd):
        groups = layer.groups
        grouped = weight.reshape(groups, weight.shape[0] // groups, weight.shape[1], -1)
        return grouped.transpose(1, 2).reshape(groups * weight.shape[1], -1)
    return weight.reshape(weight.shape[0], -1)


def kept_outputs(layer: nn.Module) -> list[int]:
    """Output channels (Conv), rows (Linear) or entries (1-D weights) with at least one nonzero weight."""
    check_name(check_module(layer), "weight")
    weight = _effective(layer, "weight")
    if weight.numel() == 0:
        raise PruneHelperError("error.empty_tensor", shape=list(weight.shape))
    if weight.dim() == 0:
        return [0] if bool(weight.ne(0)) else []
    rows = _outputs_by_row(layer, weight)
    return rows.ne(0).any(dim=1).nonzero().flatten().tolist()


def _zero_channel_output(layer: nn.Module, norm: nn.BatchNorm2d | None) -> tuple[torch.Tensor, torch.Tensor | None]:
    """(what an all-zero filter outputs through its bias, and then through `norm`) per channel.

    A BatchNorm uses its running statistics in eval mode, and the batch's
    otherwise: a channel that is zero everywhere has batch mean and variance
    0, so it comes out as the BatchNorm's bias.
    """
    bias = _effective(layer, "bias")
    constant = torch.zeros(layer.weight.shape[0], dtype=layer.weight.dtype) if bias is None else bias.cpu()
    if norm is None:
        return constant, None
    weight = torch.ones_like(constant) if norm.weight is None else _effective(norm, "weight").cpu()
    shift = torch.zeros_like(constant) if norm.bias is None else _effective(norm, "bias").cpu()
    if norm.training or norm.running_mean is None:
        return constant, constant * 0 + shift
    scale = weight / torch.sqrt(norm.running_var.detach().cpu() + norm.eps)
    return constant, (constant - norm.running_mean.detach().cpu()) * scale + shift


def _check_removed_outputs_zero(name: str, layer: nn.Module, norm_name: str, norm: nn.BatchNorm2d | None,
                                removed: list[int]) -> None:
    """Refuse unless every removed channel outputs exactly zero, naming the cause: bias or BatchNorm."""
    before_norm, after_norm = _zero_channel_output(layer, norm)
    for channel in removed:
        if float(before_norm[channel]) != 0.0:
            raise PruneHelperError("error.compact_constant", layer=name, channel=channel)
        if after_norm is not None and float(after_norm[channel]) != 0.0:
            raise PruneHelperError("error.compact_batchnorm", layer=name, channel=channel, norm=norm_name)


def _factory(*tensors: torch.Tensor | None) -> dict:
    """device and dtype of the first tensor given, so a rebuilt layer lives where the old one did."""
    tensor = next((x for x in tensors if isinstance(x, torch.Tensor)), None)
    return {} if tensor is None else {"device": tensor.device, "dtype": tensor.dtype}


def _smaller(layer: nn.Conv2d | nn.Linear, keep_out: list[int], keep_in: list[int]) -> nn.Module:
    weight = _effective(layer, "weight")
    if isinstance(layer, nn.Conv2d):
        new = nn.Conv2d(len(keep_in), len(keep_out), layer.kernel_size, layer.stride, layer.padding,
                        layer.dilation, bias=layer.bias is not None, padding_mode=layer.padding_mode,
                        **_factory(weight))
    else:
        new = nn.Linear(len(keep_in), len(keep_out), bias=layer.bias is not None, **_factory(weight))
    with torch.no_grad():
        new.weight.copy_(weight[keep_out][:, keep_in])
        if layer.bias is not None:
            new.bias.copy_(_effective(layer, "bias")[keep_out])
    return new.train(layer.training)


def _smaller_norm(norm: nn.BatchNorm2d, keep: list[int]) -> nn.BatchNorm2d:
    new = nn.BatchNorm2d(len(keep), eps=norm.eps, momentum=norm.momentum, affine=norm.affine,
                         track_running_stats=norm.track_running_stats,
                         **_factory(norm.running_mean, getattr(norm, "weight", None)))
    with torch.no_grad():
        for name in ("weight", "bias", "running_mean", "running_var"):
            if getattr(norm, name, None) is not None:
                getattr(new, name).copy_(_effective(norm, name)[keep])
        if norm.num_batches_tracked is not None:
            new.num_batches_tracked.copy_(norm.num_batches_tracked)
    return new.train(norm.training)


def _is_global_pool(layer: nn.Module) -> bool:
    return isinstance(layer, nn.AdaptiveAvgPool2d) and layer.output_size in (1, (1, 1))


def _is_plain_flatten(layer: nn.Module) -> bool:
    return isinstance(layer, nn.Flatten) and layer.start_dim == 1 and layer.end_dim == -1


def _unsupported(name: str, layer: nn.Module, detail: str = "") -> PruneHelperError:
    return PruneHelperError("error.compact_unsupported", layer=f"{name} ({detail or type(layer).__name__})")


def _plan(model: nn.Sequential) -> list[tuple]:
    """Check the whole chain and decide what each layer keeps, before anything is built.

    Returns one step per entry: ("weighted", name, layer, keep_out, keep_in,
    norm_name, norm), or ("copy", name, layer). A Linear may only follow a
    convolution through global pooling and Flatten: applied straight to a
    feature map it mixes the last spatial axis, not the channels.
    """
    if not isinstance(check_module(model), nn.Sequential):
        raise PruneHelperError("error.compact_unsupported", layer=type(model).__name__)
    layers = list(model._modules.items())
    seen = set()
    for name, layer in layers:
        if id(layer) in seen:
            raise _unsupported(name, layer, f"{type(layer).__name__} used twice")
        seen.add(id(layer))
    last = max((i for i, (_, m) in enumerate(layers) if isinstance(m, (nn.Conv2d, nn.Linear))), default=-1)
    steps, keep_in, channels, layout, index = [], None, None, None, 0
    while index < len(layers):
        name, layer = layers[index]
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            if isinstance(layer, nn.Conv2d) and layer.groups != 1:
                raise _unsupported(name, layer, f"Conv2d(groups={layer.groups})")
            if isinstance(layer, nn.Conv2d) and layout in ("features", "flat-map"):
                raise _unsupported(name, layer, "Conv2d after Flatten or Linear")
            if isinstance(layer, nn.Linear) and layout in ("channels", "pooled"):
                raise _unsupported(name, layer, "Linear on a feature map: add AdaptiveAvgPool2d(1) and Flatten")
            inputs = layer.in_channels if isinstance(layer, nn.Conv2d) else layer.in_features
            if keep_in is None:
                keep_in = list(range(inputs))
            elif channels != inputs:  # e.g. Flatten of a spatial map into a Linear
                raise _unsupported(name, layer)
            following = layers[index + 1] if index + 1 < len(layers) else (None, None)
            norm_name, norm = following if isinstance(layer, nn.Conv2d) and isinstance(following[1], nn.BatchNorm2d) else (None, None)
            outputs = layer.weight.shape[0]
            if norm is not None and norm.num_features != outputs:
                raise _unsupported(norm_name, norm)
            keep_out = kept_outputs(layer) if index < last else list(range(outputs))
            steps.append(("weighted", name, layer, keep_out, keep_in, norm_name, norm))
            index += 1 if norm is not None else 0
            keep_in, channels = keep_out, outputs
            layout = "channels" if isinstance(layer, nn.Conv2d) else "features"
        elif isinstance(layer, PASS_THROUGH) or _is_global_pool(layer):
            if isinstance(layer, nn.Flatten):
                if not _is_plain_flatten(layer):
                    raise _unsupported(name, layer, f"Flatten(start_dim={layer.start_dim}, end_dim={layer.end_dim})")
                layout = {"pooled": "features", "channels": "flat-map"}.get(layout, layout)
            elif _is_global_pool(layer) and layout == "channels":
                layout = "pooled"
            steps.append(("copy", name, layer))
        else:
            raise _unsupported(name, layer)
        index += 1
    # Channel by channel only once the whole chain is known to be supported.
    for kind, name, layer, *rest in steps:
        if kind == "weighted":
            keep_out, _, norm_name, norm = rest
            removed = sorted(set(range(layer.weight.shape[0])) - set(keep_out))
            _check_removed_outputs_zero(name, layer, norm_name, norm, removed)
            if not keep_out:
                raise PruneHelperError("error.compact_empty", layer=name)
    return steps


def compact(model: nn.Sequential) -> nn.Sequential:
    """A new, smaller `nn.Sequential` without the channels structured pruning emptied.

    Supported: Conv2d (groups=1), BatchNorm2d right after a Conv2d, Linear,
    zero-preserving activations, pooling, Dropout, and AdaptiveAvgPool2d(1) +
    Flatten between the last Conv2d and a Linear. The last Conv2d/Linear keeps
    all its outputs (they are the model's outputs). Layers keep their dtype,
    device and train/eval mode. `model` is not changed; everything is
    checked before anything is built.
    """
    rebuilt = []
    for step in _plan(model):
        if step[0] == "copy":
            rebuilt.append((step[1], copy.deepcopy(step[2])))
            continue
        _, name, layer, keep_out, keep_in, norm_name, norm = step
        rebuilt.append((name, _smaller(layer, keep_out, keep_in)))
        if norm is not None:
            rebuilt.append((norm_name, _smaller_norm(norm, keep_out)))
    return nn.Sequential(OrderedDict(rebuilt)).train(model.training)


def _filter_layers(model: nn.Module) -> list[nn.Module]:
    """The Conv2d and Linear layers `prune_filters` prunes: all but the last one (in registration order)."""
    layers = [m for m in check_module(model).modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    if len(layers) < 2:
        raise PruneHelperError("error.no_filters", module=type(model).__name__)
    return layers[:-1]


def prune_filters(model: nn.Module, amount: float | int, n: int | float = 2) -> nn.Module:
    """`ln_structured` on the filters (dim 0) of every Conv2d and the rows of every Linear except the
    last weighted layer, plus the same mask on each bias (`custom_from_mask`), so removed filters output zero.

    The last Conv2d/Linear (in registration order) is left whole because its
    outputs are the model's outputs: pruning a final convolution would zero
    the predictions. Hidden Linear layers lose units the same way, which is
    what `compact` can cut out. Other layer types (Conv1d, Conv3d,
    ConvTranspose2d) are not touched. A model with no layer before its last
    Conv2d/Linear, such as a single Linear, is refused. Every layer's amount
    is checked before the first one is pruned; on a pruned layer a float
    amount is a share of the filters still left, as in PyTorch.
    """
    from torch.nn.utils import prune

    from .methods import remaining_units

    layers = _filter_layers(model)
    if not is_number(n) or math.isnan(float(n)) or float(n) <= 0:
        raise PruneHelperError("error.norm_type", kind=type(n).__name__, value=n)
    for layer in layers:
        units, pruned = remaining_units(layer, "weight", structured=True)
        if pruned and is_number(amount) and isinstance(amount, numbers.Integral) and not 0 <= amount <= units:
            raise PruneHelperError("error.amount_remaining", value=amount, name="weight", remaining=units)
        checked = check_amount(amount, units, "weight")
    for layer in layers:
        prune.ln_structured(layer, name="weight", amount=checked, n=n, dim=0)
        if layer.bias is not None:
            prune.custom_from_mask(layer, name="bias", mask=layer.weight_mask.flatten(1).amax(dim=1))
    return model


def compact_with_torch_pruning(model: nn.Sequential, example: torch.Tensor) -> nn.Module:
    """The same compaction done by Torch-Pruning's DependencyGraph, as a reference.

    Runs `compact`'s own checks and plan first, so it refuses what `compact`
    refuses (with the same message) and removes exactly the same channels:
    never the outputs of the last layer, and never a channel a bias or a
    BatchNorm still feeds. Works on a copy: pruning is made permanent first
    (Torch-Pruning needs plain parameters); the graph is traced in eval mode
    so tracing does not move a BatchNorm's running statistics.
    """
    import torch_pruning as tp

    from .methods import permanent_copy

    steps = _plan(model)
    check_tensor(example)
    reference = permanent_copy(model)
    reference.eval()
    try:
        with torch.no_grad():
            reference(example)
    except Exception as error:
        raise PruneHelperError("error.example_input", shape=list(example.shape)) from error
    graph = tp.DependencyGraph().build_dependency(reference, example_inputs=example)
    for step in steps:
        if step[0] != "weighted":
            continue
        _, name, layer, keep_out, _, _, _ = step
        removed = sorted(set(range(layer.weight.shape[0])) - set(keep_out))
        if removed:
            target = reference.get_submodule(name)
            how = tp.prune_conv_out_channels if isinstance(target, nn.Conv2d) else tp.prune_linear_out_channels
            graph.get_pruning_group(target, how, idxs=removed).prune()
    return reference.train(model.training)
