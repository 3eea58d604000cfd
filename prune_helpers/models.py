"""Small models the lessons share, so every lesson prunes the same network."""

from __future__ import annotations

from collections import OrderedDict

from torch import nn


def small_cnn(num_classes: int = 10, in_channels: int = 1) -> nn.Sequential:
    """Conv(1→32)–ReLU–Conv(32→64)–ReLU–MaxPool–Conv(64→128)–ReLU–GAP–Linear(128→10).

    93,962 parameters for 8×8 digit images; named layers make pruning reports
    readable ("conv2.weight" rather than "2.weight").
    """
    return nn.Sequential(OrderedDict([
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
    ]))


def prunable_layers(model: nn.Module) -> list[tuple[nn.Module, str]]:
    """(module, "weight") for every Conv2d and Linear: the list global_unstructured wants."""
    return [(m, "weight") for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
