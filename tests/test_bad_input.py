"""Every wrong call raises one clear catalog error in the learner's language and changes nothing."""

import math

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph


def fresh_conv():
    torch.manual_seed(0)
    return nn.Conv2d(3, 2, 3)


def pruned_conv():
    conv = fresh_conv()
    prune.random_unstructured(conv, name="weight", amount=0.5)
    return conv


def filters_pruned_bias_kept():
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 2, 3))
    prune.ln_structured(model[0], name="weight", amount=0.5, n=2, dim=0)
    return model


def state(module):
    """Everything a helper could change: tensors, their names, and the hooks."""
    tensors = {k: v.clone() for k, v in module.state_dict().items()}
    return tensors, [type(h).__name__ for h in module._forward_pre_hooks.values()]


def same_state(a, b):
    (ta, ha), (tb, hb) = a, b
    return ha == hb and ta.keys() == tb.keys() and all(torch.equal(ta[k], tb[k]) for k in ta)


def apply(amount, name="weight", method="random_unstructured"):
    return lambda m: ph.apply_method(m, name, method, amount)


SAYS_WHAT_TO_DO = {"ko": ("세요",), "en": ("Use", "use", "Pass", "Prune", "build", "Save", "Check", "Mask")}

CASES = [
    ("negative fraction", fresh_conv, apply(-0.1), "error.amount_fraction_range"),
    ("fraction above one", fresh_conv, apply(1.5), "error.amount_fraction_range"),
    ("NaN", fresh_conv, apply(math.nan), "error.amount_nan"),
    ("string amount", fresh_conv, apply("half"), "error.amount_type"),
    ("None amount", fresh_conv, apply(None), "error.amount_type"),
    ("bool amount", fresh_conv, apply(True), "error.amount_type"),
    ("count above numel", fresh_conv, apply(55), "error.amount_count_range"),
    ("negative count", fresh_conv, apply(-1), "error.amount_count_range"),
    ("structured count above channels", fresh_conv, apply(3, method="random_structured"), "error.amount_count_range"),
    ("unknown parameter", fresh_conv, apply(0.5, name="wieght"), "error.unknown_name"),
    ("unknown method", fresh_conv, apply(0.5, method="magic_unstructured"), "error.unknown_method"),
    ("module without parameters", lambda: nn.ReLU(), apply(0.5), "error.no_parameters"),
    ("explorer on a pruned layer", pruned_conv, lambda m: ph.AmountExplorer(m), "error.already_pruned"),
    ("explorer with a bad amount", fresh_conv, lambda m: ph.AmountExplorer(m, amount=2.0), "error.amount_fraction_range"),
    ("mask picture of an unpruned layer", fresh_conv, lambda m: ph.plot_mask(m), "error.not_pruned_picture"),
    ("a container instead of its layer", lambda: nn.Sequential(nn.Linear(2, 2)), apply(0.5), "error.no_parameters"),
    ("removing pruning never applied", fresh_conv, lambda m: ph.remove_pruning(m, "weight"), "error.not_pruned"),
    ("removing pruning of an unknown name", pruned_conv, lambda m: ph.remove_pruning(m, "kernel"), "error.unknown_name"),
    ("checkpoint of another shape", lambda: nn.Conv2d(3, 4, 3), lambda m: ph.load_into(m, pruned_conv().state_dict()),
     "error.checkpoint_shape"),
    ("checkpoint of another model", lambda: nn.Sequential(nn.Linear(2, 2)),
     lambda m: ph.load_into(m, pruned_conv().state_dict()), "error.checkpoint_key"),
    ("compacting an unsupported layer", lambda: nn.Sequential(nn.Conv2d(1, 4, 3), nn.Sigmoid()),
     lambda m: ph.compact(m), "error.compact_unsupported"),
    ("compacting a filter whose bias still fires", filters_pruned_bias_kept, lambda m: ph.compact(m),
     "error.compact_constant"),
]


@pytest.mark.parametrize("label, make, call, key", CASES, ids=[c[0] for c in CASES])
def test_bad_call_raises_one_clear_error_and_changes_nothing(language, label, make, call, key):
    module = make()
    before = state(module)
    with pytest.raises(ph.PruneHelperError) as caught:
        call(module)
    assert caught.value.key == key
    message = str(caught.value)
    assert message == ph.t(key, **caught.value.values)
    assert any(marker in message for marker in SAYS_WHAT_TO_DO[language]), message
    assert same_state(before, state(module))


NOT_MODULES = [
    ("string", lambda: ph.describe("conv")),
    ("tensor", lambda: ph.snapshot(torch.zeros(3))),
    ("class instead of instance", lambda: ph.apply_method(nn.Conv2d, "weight", "random_unstructured", 0.5)),
    ("report on a list", lambda: ph.sparsity_report([nn.Linear(1, 1)])),
    ("sparsity of a module", lambda: ph.sparsity(nn.Linear(1, 1))),
]


@pytest.mark.parametrize("label, call", NOT_MODULES, ids=[c[0] for c in NOT_MODULES])
def test_wrong_type_is_named_with_an_example_of_the_right_one(language, label, call):
    with pytest.raises(ph.PruneHelperError) as caught:
        call()
    assert caught.value.key in {"error.not_module", "error.not_tensor"}
    assert any(marker in str(caught.value) for marker in SAYS_WHAT_TO_DO[language])
    assert "nn.Conv2d" in str(caught.value) or "conv.weight" in str(caught.value)


def test_errors_speak_korean_when_the_lesson_is_korean():
    ph.set_language("ko")
    with pytest.raises(ph.PruneHelperError, match="비율로 준 amount=1.5"):
        ph.apply_method(fresh_conv(), "weight", "random_unstructured", 1.5)


def test_helper_accepts_exactly_what_pytorch_accepts_at_the_edges():
    for amount in (0, 0.0, 1.0, 54):
        conv = fresh_conv()
        ph.apply_method(conv, "weight", "random_unstructured", amount)
        expected = amount if isinstance(amount, int) else round(amount * 54)
        assert int((conv.weight_mask == 0).sum()) == expected


def damaged_files(tmp_path):
    good = tmp_path / "good.pt"
    ph.save_state(nn.Conv2d(3, 2, 3), good)
    data = good.read_bytes()
    truncated, corrupted = tmp_path / "truncated.pt", tmp_path / "corrupted.pt"
    truncated.write_bytes(data[: len(data) // 3])
    corrupted.write_bytes(data[:100] + bytes(200) + data[300:])
    return {"truncated": truncated, "corrupted": corrupted, "missing": tmp_path / "missing.pt"}


@pytest.mark.parametrize("kind, key", [
    ("truncated", "error.corrupt_checkpoint"),
    ("corrupted", "error.corrupt_checkpoint"),
    ("missing", "error.file_missing"),
])
def test_bad_checkpoint_files_are_explained_and_left_alone(tmp_path, language, kind, key):
    path = damaged_files(tmp_path)[kind]
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_state(path)
    assert caught.value.key == key
    assert any(marker in str(caught.value) for marker in SAYS_WHAT_TO_DO[language])
    assert (path.read_bytes() if path.exists() else None) == before


def test_the_table_covers_at_least_fifteen_kinds_of_mistake():
    assert len(CASES) + len(NOT_MODULES) + 3 >= 15
