"""Headless widget tests: drive the explorer the way a learner's slider would."""

import io

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from prune_helpers import explorer as explorer_module


def one_shot_mask(layer, amount, method="random_unstructured", seed=0):
    copy = nn.Conv2d(layer.in_channels, layer.out_channels, layer.kernel_size)
    copy.load_state_dict(layer.state_dict())
    ph.apply_method(copy, "weight", method, amount, seed=seed)
    return copy.weight_mask


def test_moving_0_9_then_0_1_shows_10_percent_not_compounded():
    layer = nn.Conv2d(8, 8, 3)
    explorer = ph.AmountExplorer(layer)
    explorer.slider.value = 0.9
    assert explorer.sparsity == pytest.approx(round(0.9 * 576) / 576)
    explorer.slider.value = 0.1
    assert explorer.sparsity == pytest.approx(round(0.1 * 576) / 576)
    assert torch.equal(explorer.mask, one_shot_mask(layer, 0.1))
    assert "10.1%" in explorer.label.value and "amount=0.10" in explorer.label.value


def test_label_code_and_image_follow_the_slider(language):
    explorer = ph.AmountExplorer(nn.Conv2d(3, 2, 3, padding=1))
    first_image = explorer.image.value
    explorer.slider.value = 0.25
    assert explorer.call == 'prune.random_unstructured(module, name="weight", amount=0.25)'
    assert "amount=0.25" in explorer.code.value
    assert explorer.label.value == ph.t("explorer.label", sparsity="25.9%", zeros=14, numel=54, amount=0.25)
    assert explorer.image.value != first_image
    assert Image.open(io.BytesIO(explorer.image.value)).format == "PNG"


def test_method_choice_switches_to_structured_pruning():
    explorer = ph.AmountExplorer(nn.Conv2d(4, 6, 3))
    explorer.method.value = "ln_structured"
    explorer.slider.value = 0.5
    per_filter = explorer.mask.sum(dim=(1, 2, 3))
    assert sorted(per_filter.tolist()) == [0, 0, 0, 36, 36, 36]
    assert "prune.ln_structured" in explorer.call


def test_the_layer_passed_in_is_never_changed():
    layer = nn.Conv2d(3, 2, 3)
    weights = layer.weight.detach().clone()
    explorer = ph.AmountExplorer(layer)
    for value in (0.3, 0.8, 1.0, 0.0):
        explorer.slider.value = value
    assert not prune.is_pruned(layer)
    assert torch.equal(layer.weight, weights)
    assert [n for n, _ in layer.named_parameters()] == ["weight", "bias"]


def test_same_amount_gives_the_same_random_mask_every_time():
    explorer = ph.AmountExplorer(nn.Conv2d(3, 2, 3))
    explorer.slider.value = 0.4
    first = explorer.mask.clone()
    explorer.slider.value = 0.7
    explorer.slider.value = 0.4
    assert torch.equal(explorer.mask, first)


def test_stable_css_classes_for_browser_tests():
    explorer = ph.AmountExplorer(nn.Conv2d(3, 2, 3))
    assert explorer_module.CSS_ROOT in explorer.widget._dom_classes
    assert explorer_module.CSS_SLIDER in explorer.slider._dom_classes
    assert explorer_module.CSS_LABEL in explorer.label._dom_classes
    assert explorer_module.CSS_IMAGE in explorer.image._dom_classes


def test_bias_can_be_explored_too():
    explorer = ph.AmountExplorer(nn.Conv2d(3, 4, 3), name="bias", amount=0.5)
    assert explorer.mask.shape == (4,)
    assert explorer.sparsity == 0.5


def test_repr_is_a_short_sentence(language):
    explorer = ph.AmountExplorer(nn.Linear(10, 10), method="l1_unstructured", amount=0.3)
    assert repr(explorer) == ph.t("explorer.repr", method="l1_unstructured", amount=0.3, sparsity="30.0%")


def test_heatmap_shows_the_kept_fraction_in_blue():
    explorer = ph.AmountExplorer(nn.Conv2d(8, 8, 3), amount=0.75)
    pixels = np.array(Image.open(io.BytesIO(explorer.image.value)).convert("RGB"))
    blue = np.all(pixels == ph.plots.KEPT_RGB, axis=-1).sum()
    dark = np.all(pixels == ph.plots.PRUNED_RGB, axis=-1).sum()
    bias_pixels = blue - dark / 3  # the all-kept bias column adds blue pixels
    assert dark / (blue + dark) > 0.6 and bias_pixels > 0


@pytest.mark.parametrize("layer", [nn.Conv1d(2, 3, 3), nn.ConvTranspose2d(2, 3, 3), nn.Conv3d(2, 3, 2)],
                         ids=["Conv1d", "ConvTranspose2d", "Conv3d"])
def test_explorers_work_on_other_convolutions(layer):
    explorer = ph.AmountExplorer(layer, amount=0.5)
    for method in ph.METHODS:
        explorer.method.value = method
        assert Image.open(io.BytesIO(explorer.image.value)).format == "PNG"
    comparison = ph.MethodComparison(layer)
    comparison.slider.value = 0.75
    assert set(comparison.masks) == {"random_unstructured", "l1_unstructured"}
    assert not prune.is_pruned(layer)


def test_a_bias_explorer_offers_only_methods_that_can_prune_it():
    explorer = ph.AmountExplorer(nn.Conv2d(3, 4, 3), name="bias")
    assert list(explorer.method.options) == ["random_unstructured", "l1_unstructured"]
