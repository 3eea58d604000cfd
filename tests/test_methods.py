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


def test_matches_a_direct_pytorch_call_with_the_same_seed():
    conv, reference = nn.Conv2d(3, 2, 3), nn.Conv2d(3, 2, 3)
    ph.apply_method(conv, "weight", "random_unstructured", 0.3, seed=5)
    torch.manual_seed(5)
    prune.random_unstructured(reference, name="weight", amount=0.3)
    assert torch.equal(conv.weight_mask, reference.weight_mask)


def test_int_amount_is_shown_as_a_count():
    assert ph.apply_method(nn.Linear(4, 4), "weight", "l1_unstructured", 3).endswith("amount=3)")
