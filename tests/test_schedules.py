"""Sparsity schedules (lesson 13): the arithmetic against PyTorch itself, the refusals, the widget, tiny_mlp."""

import math
import xml.etree.ElementTree as ElementTree

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from fingerprint import differences, fingerprint
from prune_helpers.schedules import schedule_svg

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# --- cubic_schedule -----------------------------------------------------------------------------


def test_cubic_schedule_is_zhu_and_gupta_formula_from_s_i_to_exactly_s_f():
    s_i, s_f, n = 0.1, 0.9, 8
    schedule = ph.cubic_schedule(s_i, s_f, n)
    assert len(schedule) == n + 1
    assert schedule[0] == s_i and schedule[-1] == s_f
    for k, value in enumerate(schedule):
        assert math.isclose(value, s_f + (s_i - s_f) * (1 - k / n) ** 3, abs_tol=1e-15)
    assert all(a <= b for a, b in zip(schedule, schedule[1:]))


def test_cubic_schedule_moves_fast_first_and_slowly_last():
    schedule = ph.cubic_schedule(0.0, 0.95, 10)
    steps = [b - a for a, b in zip(schedule, schedule[1:])]
    assert steps == sorted(steps, reverse=True)
    assert steps[0] > 100 * steps[-1]


def test_power_one_is_a_straight_line_and_tf_mot_numbers_match():
    assert ph.cubic_schedule(0.0, 0.8, 4, power=1) == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8])
    # TF-MOT's PolynomialDecay(0.0, 0.9, begin_step=0, end_step=100, power=3) at step 50: 0.9 - 0.9 * 0.5 ** 3
    assert ph.cubic_schedule(0.0, 0.9, 2)[1] == pytest.approx(0.9 - 0.9 * 0.5**3)


def test_a_constant_schedule_is_allowed():
    assert ph.cubic_schedule(0.5, 0.5, 3) == [0.5, 0.5, 0.5, 0.5]


@pytest.mark.parametrize("args, key", [
    ((0.6, 0.5, 10), "error.schedule_order"),
    ((-0.1, 0.5, 10), "error.fraction_arg"),
    ((0.0, 1.5, 10), "error.fraction_arg"),
    ((0.0, float("nan"), 10), "error.fraction_arg"),
    ((0.0, True, 10), "error.fraction_arg"),
    ((0.0, "0.9", 10), "error.fraction_arg"),
    ((0.0, 0.9, 0), "error.count_range"),
    ((0.0, 0.9, 2.5), "error.count_range"),
    ((0.0, 0.9, True), "error.count_range"),
    ((0.0, 0.9, 10, 0), "error.positive_arg"),
    ((0.0, 0.9, 10, float("inf")), "error.positive_arg"),
    ((0.0, 0.9, 10, "3"), "error.positive_arg"),
])
def test_cubic_schedule_refuses_bad_arguments_with_a_catalog_error(args, key, language):
    with pytest.raises(ph.PruneHelperError) as error:
        ph.cubic_schedule(*args)
    assert error.value.key == key
    assert str(error.value) == ph.t(key, **error.value.values)  # in the learner's language


# --- amounts_between -----------------------------------------------------------------------------


def test_amounts_compound_back_into_the_schedule():
    schedule = ph.cubic_schedule(0.2, 0.97, 12)
    amounts = ph.amounts_between(schedule)
    assert amounts[0] == pytest.approx(0.2)  # the first call starts from a dense model
    kept = 1.0
    for target, amount in zip(schedule, amounts):
        kept *= 1 - amount
        assert 1 - kept == pytest.approx(target, abs=1e-12)
    assert all(0.0 <= a <= 1.0 for a in amounts)


def test_amount_between_two_targets_is_a_share_of_what_is_left():
    assert ph.amounts_between([0.5, 0.75]) == pytest.approx([0.5, 0.5])
    assert ph.amounts_between([0.6, 0.9])[1] == pytest.approx(0.75)
    assert ph.amounts_between((0.0, 0.0, 0.3)) == pytest.approx([0.0, 0.0, 0.3])


def test_nothing_left_to_prune_after_everything_is_gone():
    assert ph.amounts_between([0.5, 1.0, 1.0]) == pytest.approx([0.5, 1.0, 0.0])


@pytest.mark.parametrize("schedule, key", [
    ([0.5, 0.4], "error.schedule_decreasing"),
    ([], "error.empty_input"),
    (0.5, "error.sequence_arg"),
    ("0.5", "error.sequence_arg"),
    (torch.tensor([0.1, 0.2]), "error.sequence_arg"),
    ([0.1, 1.2], "error.fraction_arg"),
    ([0.1, float("nan")], "error.fraction_arg"),
    ([0.1, None], "error.fraction_arg"),
])
def test_amounts_between_refuses_what_no_prune_call_can_follow(schedule, key, language):
    with pytest.raises(ph.PruneHelperError) as error:
        ph.amounts_between(schedule)
    assert error.value.key == key


# --- predicted_zeros against PyTorch -------------------------------------------------------------


def zeros_after_calls(numel, amounts):
    layer = nn.Linear(numel, 1, bias=False)
    counts = []
    for amount in amounts:
        prune.l1_unstructured(layer, name="weight", amount=amount)
        counts.append(int((layer.weight_mask == 0).sum()))
    return counts


@pytest.mark.parametrize("numel, amounts", [
    (7, [0.5]), (5, [0.5]), (3, [0.5]), (5, [0.1]), (7, [0.5, 0.5]), (10, [0.25, 0.25, 0.25]),
    (101, [0.3, 3, 0.5, 0.0, 1.0]), (17, [0.0, 17]),
])
def test_predicted_zeros_is_what_pytorch_prunes_halves_to_even(numel, amounts):
    assert ph.predicted_zeros(amounts, numel) == zeros_after_calls(numel, amounts)


def test_repeated_global_pruning_lands_on_the_predicted_counts_not_on_round_s_times_n():
    torch.manual_seed(0)
    model = ph.tiny_mlp()
    layers = ph.prunable_layers(model)
    n_weights = sum(m.weight.numel() for m, _ in layers)
    schedule = ph.cubic_schedule(0.0, 0.95, 10)
    amounts = ph.amounts_between(schedule)
    measured = []
    for amount in amounts:
        prune.global_unstructured(layers, pruning_method=prune.L1Unstructured, amount=amount)
        measured.append(sum(int((m.weight == 0).sum()) for m, _ in layers))
    assert ph.predicted_zeros(amounts, n_weights) == measured
    naive = [round(s * n_weights) for s in schedule]
    assert naive != measured and max(abs(a - b) for a, b in zip(naive, measured)) == 1
    hook = next(iter(model.fc1._forward_pre_hooks.values()))
    assert isinstance(hook, prune.PruningContainer) and len(hook._pruning_methods) == 11


def test_predicted_zeros_of_nothing_is_nothing():
    assert ph.predicted_zeros([], 10) == []
    assert ph.predicted_zeros([0.5], 0) == [0]


@pytest.mark.parametrize("amounts, n_weights, key", [
    ([0.5, 5], 7, "error.amount_remaining"),  # 4 zeros after the first call: only 3 left
    ([8], 7, "error.amount_remaining"),
    ([-1], 7, "error.amount_remaining"),
    ([1.5], 7, "error.amount_fraction_range"),
    ([float("nan")], 7, "error.amount_nan"),
    ([True], 7, "error.amount_type"),
    (["0.5"], 7, "error.amount_type"),
    (0.5, 7, "error.sequence_arg"),
    ([0.5], -1, "error.count_range"),
    ([0.5], 7.0, "error.count_range"),
])
def test_predicted_zeros_refuses_what_pytorch_would_refuse(amounts, n_weights, key, language):
    with pytest.raises(ph.PruneHelperError) as error:
        ph.predicted_zeros(amounts, n_weights)
    assert error.value.key == key


def test_a_refused_schedule_leaves_the_model_it_was_meant_for_untouched():
    """Compute the plan first, prune after: a bad schedule stops before any prune call."""
    torch.manual_seed(0)
    model = ph.tiny_mlp()
    prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.3)
    before = fingerprint(model)
    with pytest.raises(ph.PruneHelperError):
        for amount in ph.amounts_between([0.5, 0.9, 0.8]):
            prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=amount)
    with pytest.raises(ph.PruneHelperError):
        ph.predicted_zeros([0.5, 10**6], 17024)
    assert not differences(before, fingerprint(model))


# --- the widget ----------------------------------------------------------------------------------


def test_moving_the_slider_recomputes_schedule_label_and_graph(language):
    explorer = ph.ScheduleExplorer(s_i=0.0, s_f=0.9, n=10)
    assert explorer.schedule == ph.cubic_schedule(0.0, 0.9, 10)
    first = explorer.plot.value
    explorer.final.value = 0.95
    assert explorer.schedule == ph.cubic_schedule(0.0, 0.95, 10)
    assert explorer.amounts == ph.amounts_between(explorer.schedule)
    assert explorer.plot.value != first
    assert "95.0%" in explorer.label.value and "10" in explorer.label.value
    explorer.steps.value = 4
    assert len(explorer.schedule) == 5
    assert explorer.plot.value.count("<circle") == 5
    explorer.update()  # callable directly, too
    assert explorer.schedule == ph.cubic_schedule(0.0, 0.95, 4)


def test_initial_sparsity_never_goes_above_the_final_one():
    explorer = ph.ScheduleExplorer(s_i=0.5, s_f=0.9, n=10)
    explorer.final.value = 0.3
    assert explorer.initial.value == 0.3 and explorer.initial.max == 0.3
    assert explorer.schedule == [0.3] * 11
    explorer.final.value = 0.8
    assert explorer.initial.max == 0.8 and explorer.initial.value == 0.3
    explorer.initial.value = 0.7
    assert explorer.schedule[0] == 0.7


def test_the_slider_reaches_full_sparsity_without_dividing_by_zero():
    explorer = ph.ScheduleExplorer()
    explorer.final.value = 1.0
    assert explorer.schedule[-1] == 1.0 and explorer.amounts[-1] == 1.0


def test_the_graph_is_valid_svg_with_one_dot_and_tooltip_per_call(language):
    schedule = ph.cubic_schedule(0.1, 0.8, 6)
    root = ElementTree.fromstring(schedule_svg(schedule))
    namespace = "{http://www.w3.org/2000/svg}"
    circles = root.findall(f"{namespace}circle")
    assert len(circles) == 7
    assert all(circle.find(f"{namespace}title").text.startswith("k=") for circle in circles)
    heights = [float(circle.get("cy")) for circle in circles]
    assert heights == sorted(heights, reverse=True)  # higher sparsity is drawn higher up
    texts = [text.text for text in root.iter(f"{namespace}text")]
    assert ph.t("schedule.x_axis") in texts and ph.t("schedule.y_axis") in texts


def test_css_classes_and_a_run_this_cell_sentence_in_both_languages(language):
    explorer = ph.ScheduleExplorer()
    assert "ph-schedule" in explorer.widget._dom_classes
    assert "ph-schedule-final" in explorer.final._dom_classes
    assert "ph-schedule-label" in explorer.label._dom_classes
    bundle = explorer.widget._repr_mimebundle_()
    assert bundle["text/plain"] == ph.t("widget.fallback_schedule") and bundle["text/plain"].startswith("▶")
    assert bundle[WIDGET_VIEW]["model_id"] == explorer.widget.model_id
    assert repr(explorer) == ph.t("schedule.repr", initial="0.0%", final="90.0%", steps=10)


def test_the_widget_checks_its_arguments_before_building_anything():
    with pytest.raises(ph.PruneHelperError) as error:
        ph.ScheduleExplorer(s_i=0.9, s_f=0.5)
    assert error.value.key == "error.schedule_order"
    with pytest.raises(ph.PruneHelperError):
        ph.ScheduleExplorer(n=0)


def test_the_widget_survives_many_moves():
    explorer = ph.ScheduleExplorer()
    generator = torch.Generator().manual_seed(0)
    for _ in range(200):
        explorer.final.value = round(float(torch.rand(1, generator=generator)), 2)
        explorer.initial.value = round(float(torch.rand(1, generator=generator)) * explorer.final.value, 2)
        explorer.steps.value = int(torch.randint(1, 30, (1,), generator=generator))
        assert explorer.schedule[0] <= explorer.schedule[-1] == explorer.final.value
        assert len(explorer.schedule) == explorer.steps.value + 1


# --- tiny_mlp ------------------------------------------------------------------------------------


def test_tiny_mlp_has_17024_weights_in_three_named_linear_layers():
    model = ph.tiny_mlp()
    layers = ph.prunable_layers(model)
    assert [tuple(m.weight.shape) for m, _ in layers] == [(128, 64), (64, 128), (10, 64)]
    assert sum(m.weight.numel() for m, _ in layers) == 17_024
    assert model(torch.zeros(2, 1, 8, 8)).shape == (2, 10)
    assert [name for name, _ in model.named_children()][1::2] == ["fc1", "fc2", "fc3"]


def test_tiny_mlp_draws_what_pytorch_would_and_leaves_the_same_random_state():
    torch.manual_seed(3)
    ours = ph.tiny_mlp()
    after_ours = torch.random.get_rng_state()
    torch.manual_seed(3)
    theirs = nn.Sequential(nn.Flatten(), nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    assert torch.equal(after_ours, torch.random.get_rng_state())
    for a, b in zip(ours.parameters(), theirs.parameters()):
        assert torch.allclose(a, b, rtol=0, atol=1e-6)


def test_tiny_mlp_accepts_device_and_dtype():
    torch.manual_seed(0)
    a = ph.tiny_mlp()
    torch.manual_seed(0)
    b = ph.tiny_mlp(device="cpu", dtype=torch.float64)
    assert {p.dtype for p in b.parameters()} == {torch.float64}
    assert torch.equal(a.fc2.weight, b.fc2.weight.float())
