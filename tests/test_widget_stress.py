"""500 random slider moves on every interactive view: no error, no drift, no leak."""

import random

import matplotlib.pyplot as plt
import pytest
import torch
from torch import nn

import prune_helpers as ph

MOVES = 500


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def one_shot_mask(layer, method, amount, seed=0):
    fresh = type(layer)(layer.in_channels, layer.out_channels, layer.kernel_size)
    fresh.load_state_dict(layer.state_dict())
    ph.apply_method(fresh, "weight", method, amount, seed=seed)
    return fresh.weight_mask


def stress(move, rng):
    figures = len(plt.get_fignums())
    for _ in range(100):
        move(rng)
    warm = rss_mb()
    for _ in range(MOVES - 100):
        move(rng)
    assert len(plt.get_fignums()) == figures
    assert rss_mb() - warm < 25, "memory grew while moving the slider"


def random_amount(rng):
    return round(rng.randrange(0, 21) * 0.05, 2)


def test_amount_explorer_survives_500_random_moves():
    rng = random.Random(0)
    layer = nn.Conv2d(16, 16, 3)
    explorer = ph.AmountExplorer(layer)

    def move(rng):
        if rng.random() < 0.2:
            explorer.method.value = rng.choice(list(ph.METHODS))
        explorer.slider.value = random_amount(rng)

    stress(move, rng)
    expected = one_shot_mask(layer, explorer.method.value, float(explorer.slider.value))
    assert torch.equal(explorer.mask, expected)
    assert explorer.sparsity == float((expected == 0).float().mean())


def test_method_comparison_survives_500_random_moves():
    rng = random.Random(1)
    layer = nn.Conv2d(8, 8, 3)
    comparison = ph.MethodComparison(layer)
    stress(lambda rng: setattr(comparison.slider, "value", random_amount(rng)), rng)
    for method, mask in comparison.masks.items():
        assert torch.equal(mask, one_shot_mask(layer, method, float(comparison.slider.value)))


def test_mask_steps_and_calculator_survive_500_random_moves():
    rng = random.Random(2)
    masks = [torch.rand(8, 8) > p for p in (0.0, 0.3, 0.6, 0.9)]
    steps = ph.MaskSteps([m.float() for m in masks])
    calculator = ph.Calculator(ph.compounded_sparsity, "calc.compound", amount=(0.05, 0.9, 0.05, 0.2), steps=(1, 10, 1, 2))

    def move(rng):
        steps.slider.value = rng.randrange(len(masks))
        calculator.sliders["amount"].value = round(rng.randrange(1, 19) * 0.05, 2)
        calculator.sliders["steps"].value = rng.randrange(1, 11)

    stress(move, rng)
    assert torch.equal(steps.mask, masks[steps.slider.value].float())
    values = {name: slider.value for name, slider in calculator.sliders.items()}
    assert calculator.result == pytest.approx(1 - (1 - values["amount"]) ** values["steps"])
