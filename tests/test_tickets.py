"""Lottery-ticket helpers (lesson 12): the rewind keeps masks, baselines are fair, refusals change nothing."""

import copy
import math
from collections import OrderedDict

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from fingerprint import differences, fingerprint


@pytest.fixture(scope="module")
def data():
    return ph.load_digits_data(dtype=torch.float64)


def pruned_mlp(amount=0.2):
    """An untrained small_mlp and a copy of it, moved away from its init and pruned globally like one IMP round."""
    initial = ph.small_mlp(dtype=torch.float64)
    model = copy.deepcopy(initial)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter))  # stands in for training
    prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=amount)
    return initial, model


# --- small_mlp -----------------------------------------------------------------------------------


def test_small_mlp_has_the_lessons_shape_names_and_weight_count():
    model = ph.small_mlp()
    assert [name for name, _ in model.named_children()] == ["flatten", "fc1", "relu", "fc2"]
    assert sum(m.weight.numel() for m, _ in ph.prunable_layers(model)) == 7400
    assert model(torch.zeros(3, 1, 8, 8)).shape == (3, 10)
    assert ph.small_mlp(hidden=7).fc2.weight.shape == (10, 7)


def test_small_mlp_draws_like_pytorch_and_two_calls_differ():
    torch.manual_seed(3)
    first, second = ph.small_mlp(), ph.small_mlp()
    after = torch.rand(1)
    torch.manual_seed(3)
    plain = nn.Linear(64, 100)  # PyTorch's own draw for fc1, from the same state
    assert torch.allclose(first.fc1.weight, plain.weight, atol=1e-6)
    assert not torch.equal(first.fc1.weight, second.fc1.weight)
    torch.manual_seed(3)
    ph.small_mlp(), ph.small_mlp()
    assert torch.equal(torch.rand(1), after)  # the random state moves the same way every time


def test_small_mlp_places_and_casts_like_small_cnn():
    model = ph.small_mlp(device="cpu", dtype=torch.float64)
    assert all(p.dtype == torch.float64 for p in model.parameters())
    torch.manual_seed(0)
    a = ph.small_mlp(dtype=torch.float64)
    torch.manual_seed(0)
    b = ph.small_mlp()
    assert torch.equal(a.fc1.weight, b.fc1.weight.double())


@pytest.mark.parametrize("hidden", [0, -1, 2.5, True, "100", None])
def test_small_mlp_refuses_a_bad_hidden_size(hidden):
    with pytest.raises(ph.PruneHelperError, match="hidden"):
        ph.small_mlp(hidden=hidden)


# --- mask_copies ---------------------------------------------------------------------------------


def test_mask_copies_are_copies_of_every_layers_mask():
    _, model = pruned_mlp()
    masks = ph.mask_copies(model)
    assert list(masks) == ["fc1", "fc2"]
    for name, mask in masks.items():
        assert torch.equal(mask, model.get_submodule(name).weight_mask)
        assert mask.data_ptr() != model.get_submodule(name).weight_mask.data_ptr()
    kept = sum(int(m.sum()) for m in masks.values())
    assert kept == 7400 - round(0.2 * 7400)


def test_mask_copies_do_not_follow_later_pruning():
    _, model = pruned_mlp()
    masks = ph.mask_copies(model)
    prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.5)
    assert int(masks["fc1"].sum()) > int(model.fc1.weight_mask.sum())


@pytest.mark.parametrize("model", [ph.small_mlp(), nn.ReLU(), nn.Sequential()], ids=["unpruned", "no_layers", "empty"])
def test_mask_copies_refuse_a_model_without_masks(model):
    before = fingerprint(model)
    with pytest.raises(ph.PruneHelperError, match="prune.global_unstructured"):
        ph.mask_copies(model)
    assert not differences(before, fingerprint(model))


def test_mask_copies_refuse_what_is_not_a_module():
    with pytest.raises(ph.PruneHelperError, match="nn.Module"):
        ph.mask_copies({"fc1": torch.ones(3)})


# --- rewind_ -------------------------------------------------------------------------------------


def test_rewind_equals_the_plain_copy_into_weight_orig():
    initial, model = pruned_mlp()
    by_hand = ph.copy_model(model)
    with torch.no_grad():
        for name in ("fc1", "fc2"):
            by_hand.get_submodule(name).weight_orig.copy_(initial.get_submodule(name).weight)
            by_hand.get_submodule(name).bias.copy_(initial.get_submodule(name).bias)
    assert ph.rewind_(model, initial) is model
    for (key, a), (other, b) in zip(model.state_dict().items(), by_hand.state_dict().items()):
        assert key == other and torch.equal(a, b), key


def test_rewind_keeps_masks_and_gives_initial_values_where_kept_and_zero_elsewhere():
    initial, model = pruned_mlp()
    masks = ph.mask_copies(model)
    hooks = fingerprint(model)["hooks"]
    ph.rewind_(model, initial)
    model(torch.zeros(1, 1, 8, 8, dtype=torch.float64))  # the hook recomputes weight from weight_orig and the mask
    assert fingerprint(model)["hooks"] == hooks
    for name, mask in masks.items():
        layer, start = model.get_submodule(name), initial.get_submodule(name)
        assert torch.equal(layer.weight_mask, mask)
        assert torch.equal(layer.weight, start.weight * mask)
        assert torch.equal(layer.bias, start.bias)
        assert layer.weight_orig.requires_grad and layer.weight_orig.grad_fn is None


def test_rewound_weights_stay_zero_where_pruned_while_training(data):
    torch.manual_seed(0)
    initial, model = pruned_mlp(amount=0.5)
    ph.rewind_(model, initial)
    ph.train(model, data, epochs=1, progress=False)
    for name, mask in ph.mask_copies(model).items():
        assert bool((model.get_submodule(name).weight[mask == 0] == 0).all())


def test_rewind_takes_the_unmasked_values_of_a_pruned_initial_model():
    initial, model = pruned_mlp()
    start = copy.deepcopy(initial)
    prune.l1_unstructured(start.fc1, name="weight", amount=0.9)
    ph.rewind_(model, start)
    assert torch.equal(model.fc1.weight_orig, initial.fc1.weight)


def test_rewind_also_rewinds_a_layer_left_unpruned_and_a_pruned_bias():
    initial = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    model = copy.deepcopy(initial)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(1.0)
    prune.l1_unstructured(model[0], name="weight", amount=0.5)
    prune.l1_unstructured(model[0], name="bias", amount=1)
    ph.rewind_(model, initial)
    assert torch.equal(model[0].bias_orig, initial[0].bias)
    assert torch.equal(model[2].weight, initial[2].weight)
    assert torch.equal(model[2].bias, initial[2].bias)


def test_rewind_refuses_a_model_that_is_not_pruned():
    initial = ph.small_mlp()
    model = copy.deepcopy(initial)
    before = fingerprint(model)
    with pytest.raises(ph.PruneHelperError, match="prune.global_unstructured"):
        ph.rewind_(model, initial)
    assert not differences(before, fingerprint(model))


@pytest.mark.parametrize("other, words", [
    (lambda: ph.small_mlp(hidden=50), "shape"),
    (lambda: nn.Sequential(nn.Flatten(), nn.Linear(64, 10)), "layers"),
    (lambda: ph.small_cnn(), "layers"),
    (lambda: nn.Sequential(OrderedDict([("flatten", nn.Flatten()), ("fc1", nn.Linear(64, 100, bias=False)),
                                        ("relu", nn.ReLU()), ("fc2", nn.Linear(100, 10))])), "shape"),
], ids=["narrower", "fewer_layers", "cnn", "no_bias"])
def test_rewind_refuses_another_architecture_and_changes_nothing(other, words, language):
    _, model = pruned_mlp()
    before = fingerprint(model)
    with pytest.raises(ph.PruneHelperError) as error:
        ph.rewind_(model, other())
    assert not differences(before, fingerprint(model))
    if language == "en":
        assert words in str(error.value)


def test_rewind_checks_every_layer_before_copying_any():
    initial, model = pruned_mlp()
    other = copy.deepcopy(initial)
    other.fc2 = nn.Linear(100, 9)  # fc1 would fit, fc2 does not
    before = fingerprint(model)
    with pytest.raises(ph.PruneHelperError, match="fc2"):
        ph.rewind_(model, other)
    assert not differences(before, fingerprint(model))


@pytest.mark.parametrize("model, initial", [("model", 3), (None, "initial")])
def test_rewind_refuses_what_is_not_a_module(model, initial):
    start, pruned = pruned_mlp()
    before = fingerprint(pruned)
    with pytest.raises(ph.PruneHelperError, match="nn.Module"):
        ph.rewind_(pruned if model == "model" else model, start if initial == "initial" else initial)
    assert not differences(before, fingerprint(pruned))


# --- paired_difference ---------------------------------------------------------------------------


def test_paired_difference_matches_the_accuracies_and_the_per_image_spread(data):
    torch.manual_seed(0)
    a = ph.train(ph.small_mlp(dtype=torch.float64), data, epochs=1, progress=False)
    b = ph.small_mlp(dtype=torch.float64)
    difference, error = ph.paired_difference(a, b, data)
    assert difference == pytest.approx(ph.accuracy(a, data) - ph.accuracy(b, data))
    right_a = (a(data.test_x).argmax(1) == data.test_y).double()
    right_b = (b(data.test_x).argmax(1) == data.test_y).double()
    only_a, only_b, n = float((right_a > right_b).sum()), float((right_b > right_a).sum()), len(data.test_y)
    mean = (only_a - only_b) / n
    variance = ((only_a + only_b) / n - mean ** 2) * n / (n - 1)
    assert error == pytest.approx(100 * math.sqrt(variance / n))


def test_paired_difference_of_a_model_with_itself_is_zero_and_keeps_training_mode(data):
    model = ph.small_mlp(dtype=torch.float64).train()
    assert ph.paired_difference(model, model, data) == (0.0, 0.0)
    assert model.training


def test_paired_difference_is_smaller_in_error_than_two_independent_accuracies(data):
    torch.manual_seed(0)
    a = ph.train(ph.small_mlp(dtype=torch.float64), data, epochs=2, progress=False)
    b = ph.train(ph.small_mlp(dtype=torch.float64), data, epochs=2, progress=False)
    _, error = ph.paired_difference(a, b, data)
    p = ph.accuracy(a, data) / 100
    assert error < 100 * math.sqrt(2 * p * (1 - p) / len(data.test_y))


@pytest.mark.parametrize("bad", ["data", "no_parameters", "wrong_input"])
def test_paired_difference_refuses_bad_input_and_changes_nothing(data, bad):
    model = ph.small_mlp(dtype=torch.float64).train()
    other = {"data": ph.small_mlp(dtype=torch.float64), "no_parameters": nn.ReLU(),
             "wrong_input": nn.Sequential(nn.Flatten(), nn.Linear(5, 10)).double()}[bad]
    before, other_before = fingerprint(model), fingerprint(other)
    with pytest.raises(ph.PruneHelperError):
        ph.paired_difference(model, other, (data.test_x, data.test_y) if bad == "data" else data)
    assert not differences(before, fingerprint(model))
    assert not differences(other_before, fingerprint(other))


# --- plot_kept_curves ----------------------------------------------------------------------------


def test_plot_kept_curves_uses_a_reversed_log_axis_with_the_kept_shares_as_ticks(language):
    picture = ph.plot_kept_curves({"a": ([100.0, 64.0, 41.0], [97.0, 97.5, 96.0]), "b": ([64.0, 41.0], [96.0, 95.0])},
                                  "kept", "accuracy", "title", 97.0, "dense")
    ax = picture.figure.axes[0]
    assert ax.get_xscale() == "log"
    left, right = ax.get_xlim()
    assert left > right  # 100% on the left
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["100", "64", "41"]
    assert picture.png.startswith(b"\x89PNG")


def test_plot_kept_curves_refuses_a_curve_longer_than_its_x():
    with pytest.raises(ph.PruneHelperError):
        ph.plot_kept_curves({"a": ([100.0], [1.0, 2.0])}, "x", "y", "t")
