"""Property-based checks of the amount and sparsity arithmetic against PyTorch itself."""

import math

import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from prune_helpers.validate import check_amount, pruned_count

FAST = settings(max_examples=60, deadline=None)
amounts = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def linear(numel):
    torch.manual_seed(0)
    return nn.Linear(numel, 1, bias=False)


@FAST
@given(amount=amounts, numel=st.integers(1, 300))
def test_float_amount_prunes_round_amount_times_numel(amount, numel):
    layer = linear(numel)
    prune.l1_unstructured(layer, name="weight", amount=amount)
    assert int((layer.weight_mask == 0).sum()) == pruned_count(amount, numel) == round(amount * numel)


@FAST
@given(data=st.data(), numel=st.integers(1, 300))
def test_int_amount_prunes_exactly_that_many(data, numel):
    count = data.draw(st.integers(0, numel))
    layer = linear(numel)
    ph.apply_method(layer, "weight", "random_unstructured", count)
    assert int((layer.weight_mask == 0).sum()) == count


@FAST
@given(amount=st.floats(0.0, 0.9), steps=st.integers(1, 6))
def test_repeated_pruning_compounds_like_the_formula(amount, steps):
    layer = linear(1000)
    for _ in range(steps):
        prune.l1_unstructured(layer, name="weight", amount=amount)
    # each step rounds to whole weights, so allow half a weight per step
    assert abs(ph.sparsity(layer.weight) - ph.compounded_sparsity(amount, steps)) <= steps * 0.5 / 1000 + 1e-9


@FAST
@given(amount=amounts, channels=st.integers(1, 24))
def test_structured_amount_counts_whole_filters(amount, channels):
    conv = nn.Conv2d(2, channels, 3)
    ph.apply_method(conv, "weight", "ln_structured", amount)
    empty = int((conv.weight_mask.flatten(1).sum(dim=1) == 0).sum())
    assert empty == round(amount * channels)
    assert ph.sparsity(conv.weight_mask) == empty / channels


@FAST
@given(value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 400), st.booleans(),
                       st.text(max_size=3), st.none()))
def test_check_amount_accepts_exactly_what_pytorch_accepts(value):
    numel = 54
    conv = nn.Conv2d(3, 2, 3)
    try:
        prune.random_unstructured(conv, name="weight", amount=value)
        pytorch_ok = True
    except (ValueError, TypeError):
        pytorch_ok = False
    try:
        check_amount(value, numel)
        ours_ok = True
    except ph.PruneHelperError:
        ours_ok = False
    if isinstance(value, bool):
        assert not ours_ok  # True/False is always a mistake, even where PyTorch takes it as 1/0
    else:
        assert ours_ok == pytorch_ok, value


@FAST
@given(p_out=st.floats(0, 1), p_in=st.floats(0, 1))
def test_removed_between_is_a_probability_and_symmetric(p_out, p_in):
    removed = ph.removed_between(p_out, p_in)
    assert 0.0 <= removed <= 1.0 + 1e-12
    assert math.isclose(removed, ph.removed_between(p_in, p_out))
    assert removed >= max(p_out, p_in) - 1e-12


@FAST
@given(sparsity=st.floats(0, 1), bits=st.sampled_from([8, 16, 32]))
def test_bitmask_limit_grows_with_sparsity(sparsity, bits):
    assert ph.bitmask_limit(sparsity, bits) <= ph.bitmask_limit(min(1.0, sparsity + 0.01), bits) + 1e-12
    assert ph.bitmask_limit(1.0, bits) == 32.0


@FAST
@given(values=st.lists(st.floats(-5, 5, allow_nan=False), min_size=1, max_size=64))
def test_bitmask_round_trip_is_exact_for_any_values(values):
    state = {"w": torch.tensor(values, dtype=torch.float32)}
    assert torch.equal(ph.unpack_bitmask(ph.pack_bitmask(state))["w"], state["w"])
