import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph


def test_compounding_matches_repeated_pytorch_pruning():
    layer = nn.Linear(50, 40)
    for step in range(1, 5):
        prune.l1_unstructured(layer, name="weight", amount=0.2)
        assert ph.sparsity(layer.weight) == pytest.approx(ph.compounded_sparsity(0.2, step), abs=1 / 2000)
    assert ph.compounded_sparsity(0.2, 2) == pytest.approx(0.36)


def test_removed_between_is_one_minus_kept_product():
    assert ph.removed_between(0.5, 0.5) == pytest.approx(0.75)
    assert ph.removed_between(0.5, 0.0) == pytest.approx(0.5)
    assert ph.removed_between(0.0, 0.0) == 0.0


def test_removed_between_matches_physically_smaller_layer():
    full, kept_out, kept_in = nn.Conv2d(8, 16, 3), 8, 4
    smaller = nn.Conv2d(kept_in, kept_out, 3)
    removed = 1 - smaller.weight.numel() / full.weight.numel()
    assert removed == pytest.approx(ph.removed_between(1 - kept_out / 16, 1 - kept_in / 8))


def test_n_m_and_bitmask_limits():
    assert ph.n_m_sparsity(2, 4) == 0.5
    assert ph.bitmask_limit(0.9) == pytest.approx(32 / 4.2)
    assert ph.bitmask_limit(0.9, 16) == pytest.approx(32 / 2.6)
    assert ph.bitmask_limit(0.0) < 1


def test_small_cnn_has_the_documented_size_and_prunable_layers():
    model = ph.small_cnn()
    assert sum(p.numel() for p in model.parameters()) == 93_962
    assert model(torch.zeros(2, 1, 8, 8)).shape == (2, 10)
    assert [type(m).__name__ for m, _ in ph.prunable_layers(model)] == ["Conv2d", "Conv2d", "Conv2d", "Linear"]
