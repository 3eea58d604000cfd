import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph


def test_method_comparison_prunes_fresh_copies_side_by_side():
    layer = nn.Conv2d(8, 8, 3)
    comparison = ph.MethodComparison(layer)
    comparison.slider.value = 0.9
    comparison.slider.value = 0.3
    for method, mask in comparison.masks.items():
        assert int((mask == 0).sum()) == round(0.3 * 576), method
    assert comparison.kept_magnitude["l1_unstructured"] > comparison.kept_magnitude["random_unstructured"]
    assert not prune.is_pruned(layer)


def test_l1_keeps_exactly_the_largest_weights():
    layer = nn.Linear(20, 20)
    comparison = ph.MethodComparison(layer, methods=("l1_unstructured",), amount=0.5)
    mask = comparison.masks["l1_unstructured"]
    magnitude = layer.weight.detach().abs()
    assert magnitude[mask == 0].max() <= magnitude[mask == 1].min()


def test_mask_steps_shows_each_step():
    masks = [torch.ones(4, 4), torch.tensor([[1.0, 0.0]] * 8).reshape(4, 4)]
    steps = ph.MaskSteps(masks, ["a", "b"])
    assert steps.sparsity == 0.0
    steps.slider.value = 1
    assert steps.sparsity == 0.5 and torch.equal(steps.mask, masks[1])
    assert "b" in steps.label.value


def test_calculator_recomputes_on_every_slider_move(language):
    calculator = ph.Calculator(ph.compounded_sparsity, "calc.compound", amount=(0.05, 0.9, 0.05, 0.2), steps=(1, 10, 1, 2))
    assert calculator.result == 1 - 0.8 ** 2
    calculator.sliders["steps"].value = 3
    assert calculator.result == 1 - 0.8 ** 3
    assert "48.8%" in calculator.label.value
    assert type(calculator.sliders["steps"]).__name__ == "IntSlider"


def test_pruning_history_lists_every_step_with_its_settings():
    conv = nn.Conv2d(4, 4, 3)
    assert ph.pruning_history(conv).rows == []
    prune.l1_unstructured(conv, name="weight", amount=0.2)
    assert [row[1] for row in ph.pruning_history(conv).rows] == ["L1Unstructured"]
    prune.ln_structured(conv, name="weight", amount=0.5, n=2, dim=0)
    rows = ph.pruning_history(conv).rows
    assert [row[1:3] for row in rows] == [["L1Unstructured", 0.2], ["LnStructured", 0.5]]
    assert rows[1][3] == "n=2, dim=0"


def test_remove_pruning_bakes_in_and_refuses_what_was_never_pruned():
    conv = nn.Conv2d(3, 2, 3)
    prune.l1_unstructured(conv, name="weight", amount=0.5)
    assert ph.remove_pruning(conv, "weight") == 'prune.remove(module, "weight")'
    assert not prune.is_pruned(conv) and ph.sparsity(conv.weight) == 0.5
    try:
        ph.remove_pruning(conv, "weight")
    except ph.PruneHelperError as error:
        assert error.key == "error.not_pruned"
    else:
        raise AssertionError("expected an error")


def test_layer_sparsity_chart_has_one_bar_group_per_layer():
    local, glob = ph.small_cnn(), ph.small_cnn()
    for module, name in ph.prunable_layers(local):
        prune.l1_unstructured(module, name=name, amount=0.5)
    picture = ph.plot_layer_sparsity({"local": local, "global": glob})
    bars = picture.figure.axes[0].patches
    assert len(bars) == 8
    assert [round(b.get_height()) for b in bars[:4]] == [50, 50, 50, 50]


def test_permanent_copy_bakes_masks_in_and_leaves_the_original_pruned():
    model = ph.prune_filters(ph.small_cnn(), 0.5)
    example = torch.randn(2, 1, 8, 8)
    permanent = ph.permanent_copy(model, example)
    assert prune.is_pruned(model) and not prune.is_pruned(permanent)
    with torch.no_grad():
        assert torch.equal(permanent(example), model(example))
    assert [n for n, _ in permanent.conv1.named_parameters()] == ["weight", "bias"]


def test_copy_model_works_right_after_pruning_and_keeps_the_masks():
    model = ph.prune_filters(ph.small_cnn(), 0.5)
    copied = ph.copy_model(model, torch.zeros(1, 1, 8, 8))
    assert copied is not model and prune.is_pruned(copied)
    assert torch.equal(copied.conv1.weight_mask, model.conv1.weight_mask)
