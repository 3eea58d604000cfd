import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph


def test_count_zeros_and_sparsity_of_a_tensor():
    tensor = torch.tensor([0.0, 1.0, 0.0, 2.0])
    assert ph.count_zeros(tensor) == (2, 4)
    assert ph.sparsity(tensor) == 0.5
    assert ph.sparsity(torch.empty(0)) == 0.0


def test_sparsity_of_a_pruned_module_uses_the_effective_weight():
    conv = nn.Conv2d(3, 2, 3)
    prune.random_unstructured(conv, name="weight", amount=0.5)
    assert ph.sparsity(conv.weight) == pytest.approx(27 / 54)
    assert ph.sparsity(conv.weight_orig) == 0.0


def test_report_has_a_row_per_tensor_and_a_total():
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Linear(8, 4))
    prune.l1_unstructured(model[0], name="weight", amount=0.25)
    report = ph.sparsity_report(model)
    assert len(report.rows) == 5
    first_conv = next(r for r in report.rows if r[0] == "0" and r[1] == "weight")
    assert first_conv[3:] == [54, 216, "25.0%"]
    total = report.rows[-1]
    assert total[3] == 54 and total[4] == 216 + 8 + 32 + 4
    assert ph.sparsity_totals(model) == (54, 260)


def test_report_of_an_unpruned_model_is_all_dense():
    report = ph.sparsity_report(nn.Linear(3, 3))
    assert report.rows[-1][3:] == [0, 12, "0.0%"]


def two_linears_sharing_a_weight():
    first, second = nn.Linear(4, 4), nn.Linear(4, 4)
    second.weight = first.weight
    return nn.Sequential(first, nn.ReLU(), second)


def test_a_shared_weight_is_counted_once():
    """It was counted once per module that holds it: 40 parameters instead of 24."""
    model = two_linears_sharing_a_weight()
    assert ph.sparsity_totals(model) == (0, 24)
    report = ph.sparsity_report(model)
    assert [(r[0], r[1]) for r in report.rows[:-1]] == [("0", "weight"), ("0", "bias"), ("2", "bias")]
    assert report.rows[-1][4] == 24
    prune.l1_unstructured(model[0], name="weight", amount=8)  # pruned: recognised by its weight_orig
    assert ph.sparsity_totals(model) == (8, 24)
    assert ph.weights_kept(model) == pytest.approx(16 / 24)


def test_tied_embedding_and_head_count_the_table_once():
    embedding, head = nn.Embedding(10, 4), nn.Linear(4, 10)
    head.weight = embedding.weight
    model = nn.Sequential(embedding, head)
    prune.l1_unstructured(embedding, name="weight", amount=0.5)
    zeros, total = ph.sparsity_totals(model)
    assert (zeros, total) == (20, 40 + 10)
    assert ph.sparsity_report(model).rows[-1][5] == "40.0%"  # not 20 / 90 = 22.2%
    assert ph.weights_kept(model) == pytest.approx(30 / 50)
