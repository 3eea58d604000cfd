import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph


@pytest.mark.parametrize("method", sorted(ph.METHODS))
def test_apply_method_prunes_in_place_and_returns_the_real_call(method):
    conv = nn.Conv2d(4, 4, 3)
    call = ph.apply_method(conv, "weight", method, 0.5)
    assert call.startswith(f"prune.{method}(module, name=\"weight\", amount=0.50")
    assert prune.is_pruned(conv)
    zeros, total = ph.count_zeros(conv.weight_mask)
    assert zeros == total // 2


def test_structured_methods_remove_whole_filters():
    conv = nn.Conv2d(4, 6, 3)
    ph.apply_method(conv, "weight", "ln_structured", 0.5)
    per_filter = conv.weight_mask.sum(dim=(1, 2, 3))
    assert sorted(per_filter.tolist()) == [0, 0, 0, 36, 36, 36]


def test_same_seed_same_mask_and_global_random_state_untouched():
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    a, b = nn.Conv2d(3, 2, 3), nn.Conv2d(3, 2, 3)
    torch.manual_seed(123)
    ph.apply_method(a, "weight", "random_unstructured", 0.5, seed=7)
    ph.apply_method(b, "weight", "random_unstructured", 0.5, seed=7)
    assert torch.equal(a.weight_mask, b.weight_mask)
    assert torch.equal(torch.rand(1), expected_next)


def test_matches_a_direct_pytorch_call_seeded_with_the_derived_seed():
    conv, reference = nn.Conv2d(3, 2, 3), nn.Conv2d(3, 2, 3)
    ph.apply_method(conv, "weight", "random_unstructured", 0.3, seed=5)
    torch.manual_seed(ph.methods.draw_seed(5))
    prune.random_unstructured(reference, name="weight", amount=0.3)
    assert torch.equal(conv.weight_mask, reference.weight_mask)


def test_draw_seed_never_equals_a_seed_a_learner_types():
    for seed in (0, 1, 5, 42, 1234, 2024, 2**31 - 1, -1, 10**30):
        derived = ph.methods.draw_seed(seed)
        assert 2**31 <= derived < 2**32 and derived == ph.methods.draw_seed(seed)
    assert len({ph.methods.draw_seed(s) for s in range(1000)}) == 1000


@pytest.mark.parametrize("learner_seed", [0, 1, 42])
def test_random_baseline_is_independent_of_weights_made_from_the_same_seed(learner_seed):
    """Issue 11: seed=0 re-seeded the generator that had just drawn the weights (correlation 0.9999998)."""
    torch.manual_seed(learner_seed)
    layer = nn.Linear(40, 40)
    ph.apply_method(layer, "weight", "random_unstructured", 0.8, seed=learner_seed)
    weights = layer.weight_orig.detach()
    kept = weights[layer.weight_mask.bool()]
    assert (kept > 0).sum() > 0.3 * kept.numel() and (kept < 0).sum() > 0.3 * kept.numel()
    assert kept.abs().mean() / weights.abs().mean() == pytest.approx(1.0, abs=0.15)
    # the mask's ranking has nothing to do with the weights' ranking
    torch.manual_seed(learner_seed)
    ranked = torch.rand(40, 40)
    assert abs(float(torch.corrcoef(torch.stack([ranked.flatten(), weights.flatten()]))[0, 1])) > 0.99
    assert not torch.equal(layer.weight_mask, (ranked.flatten().argsort().argsort() >= 1280).float().reshape(40, 40))


def test_seed_none_draws_from_the_learners_own_generator():
    torch.manual_seed(3)
    a = nn.Linear(10, 10)
    ph.apply_method(a, "weight", "random_unstructured", 0.5, seed=None)
    after_a = torch.rand(1)
    torch.manual_seed(3)
    b = nn.Linear(10, 10)
    ph.apply_method(b, "weight", "random_unstructured", 0.5, seed=None)
    assert torch.equal(a.weight_mask, b.weight_mask) and torch.equal(torch.rand(1), after_a)


def test_int_amount_is_shown_as_a_count():
    assert ph.apply_method(nn.Linear(4, 4), "weight", "l1_unstructured", 3).endswith("amount=3)")
