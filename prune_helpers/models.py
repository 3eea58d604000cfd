"""Small models the lessons share, so every lesson prunes the same network."""

from __future__ import annotations

import math
from collections import OrderedDict

import torch
from torch import nn


def portable_init_(model: nn.Module) -> nn.Module:
    """Redo PyTorch's default Conv2d/Linear initialisation so that it gives the same numbers on every CPU and GPU.

    PyTorch draws default weights with `uniform_(-b, b)` (b = 1/sqrt(fan_in),
    for weights and biases alike), and its vectorised and plain CPU kernels
    round `from + (to - from) * x` differently: the same seed gives weights
    that differ in the last bit between CPU types, and every zlib'd size or
    trained accuracy printed later drifts. Here the random numbers `x` come
    from `torch.rand` (exact on every kernel), and the scaling is one float64
    multiply and add, rounded once to the parameter's dtype: the same draws
    as PyTorch's own initialisation, in the same order, within one unit in
    the last place, and identical on every machine.
    """
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                bound = 1 / math.sqrt(module.weight[0].numel())
                for parameter in (module.weight, module.bias):
                    if parameter is not None:
                        draw = torch.rand(parameter.shape, dtype=torch.float32).double()
                        parameter.copy_((draw * (2 * bound) - bound).to(parameter.dtype))
    return model


def _built_portably(layers, device, dtype) -> nn.Sequential:
    """nn.Sequential of the named `layers()`, initialised by `portable_init_`, then moved to `device`/`dtype`.

    The random state is put back after building, so `portable_init_` draws
    the very numbers PyTorch's own initialisation just drew, and leaves the
    random state where building the layers with PyTorch alone leaves it.
    """
    from .device import check_device
    from .validate import check_float_dtype

    device, dtype = check_device(device), check_float_dtype(dtype)  # before any draw: a refusal moves nothing
    state = torch.random.get_rng_state()
    model = nn.Sequential(OrderedDict(layers()))
    torch.random.set_rng_state(state)
    return portable_init_(model).to(device=device, dtype=dtype)


def small_cnn(num_classes: int = 10, in_channels: int = 1, device: str | torch.device | None = None,
              dtype: torch.dtype | None = None) -> nn.Sequential:
    """Conv(1→32)–ReLU–Conv(32→64)–ReLU–MaxPool–Conv(64→128)–ReLU–GAP–Linear(128→10).

    93,962 parameters for 8×8 digit images; named layers make pruning reports
    readable ("conv2.weight" rather than "2.weight"). The weights are drawn on
    the CPU (`portable_init_`) and only then moved to `device`, so one seed
    gives the same model on every machine, and the random state afterwards is
    what building the layers with PyTorch alone leaves.
    """
    from .validate import check_whole

    num_classes = check_whole(num_classes, "num_classes", 1, 10, maximum=100_000)
    in_channels = check_whole(in_channels, "in_channels", 1, 1, maximum=4096)
    return _built_portably(lambda: [
        ("conv1", nn.Conv2d(in_channels, 32, 3, padding=1)),
        ("relu1", nn.ReLU()),
        ("conv2", nn.Conv2d(32, 64, 3, padding=1)),
        ("relu2", nn.ReLU()),
        ("pool", nn.MaxPool2d(2)),
        ("conv3", nn.Conv2d(64, 128, 3, padding=1)),
        ("relu3", nn.ReLU()),
        ("gap", nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(128, num_classes)),
    ], device, dtype)


def prunable_layers(model: nn.Module) -> list[tuple[nn.Module, str]]:
    """(module, "weight") for every Conv2d and Linear: the list global_unstructured wants."""
    from .validate import check_module

    check_module(model)
    return [(m, "weight") for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def small_mlp(hidden: int = 100, device: str | torch.device | None = None,
              dtype: torch.dtype | None = None) -> nn.Sequential:
    """Flatten–Linear(64→hidden)–ReLU–Linear(hidden→10): a LeNet-300-100 scaled down to 8×8 digits.

    7,400 weights with the default `hidden=100`, few enough to train a dozen
    times in seconds, as the lottery-ticket experiment must. Named layers
    (fc1, fc2) and the same random-state pattern as `small_cnn`: the weights
    are drawn on the CPU (`portable_init_`), so one seed gives the same model
    on every machine, and two calls in a row give two different draws.
    """
    from .validate import check_whole

    hidden = check_whole(hidden, "hidden", 1, 100, maximum=100_000)
    return _built_portably(lambda: [
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(64, hidden)),
        ("relu", nn.ReLU()),
        ("fc2", nn.Linear(hidden, 10)),
    ], device, dtype)


def tiny_mlp(device: str | torch.device | None = None, dtype: torch.dtype | None = None) -> nn.Sequential:
    """Flatten–Linear(64→128)–ReLU–Linear(128→64)–ReLU–Linear(64→10): 17,024 weights for 8×8 digits.

    Small enough to train seven times in a few seconds, as lesson 13's
    comparison of pruning schedules must, with three weight matrices of
    different sizes for global pruning to share its zeros between. Named
    layers (fc1, fc2, fc3) and the same random-state pattern as `small_cnn`:
    the weights are drawn on the CPU (`portable_init_`), so one seed gives
    the same model on every machine.
    """
    return _built_portably(lambda: [
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(64, 128)),
        ("relu1", nn.ReLU()),
        ("fc2", nn.Linear(128, 64)),
        ("relu2", nn.ReLU()),
        ("fc3", nn.Linear(64, 10)),
    ], device, dtype)
