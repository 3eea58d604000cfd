"""The compactor computes what the masked model computes, matches Torch-Pruning, and refuses what it cannot do."""

import copy

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph

EXAMPLE = torch.randn(4, 1, 8, 8, generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("amount", [0.25, 0.5, 0.75])
def test_compacted_model_equals_masked_model_and_torch_pruning(amount):
    masked = ph.prune_filters(ph.small_cnn(), amount)
    compacted = ph.compact(masked)
    reference = ph.compact_with_torch_pruning(masked, EXAMPLE)
    with torch.no_grad():
        assert (compacted(EXAMPLE) - masked(EXAMPLE)).abs().max() < 1e-5
        assert (reference(EXAMPLE) - compacted(EXAMPLE)).abs().max() < 1e-5
    assert sum(p.numel() for p in compacted.parameters()) == sum(p.numel() for p in reference.parameters())
    assert not prune.is_pruned(compacted)
    kept = round(32 * (1 - amount))
    assert compacted.conv1.out_channels == kept and compacted.conv2.in_channels == kept


def test_batchnorm_and_hidden_linear_layers_are_compacted_exactly():
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 3),
    ).eval()
    with torch.no_grad():
        model[1].running_mean.uniform_(-1, 1)
        model[1].running_var.uniform_(0.5, 2)
        model[1].weight.uniform_(0.5, 1.5)
    prune.ln_structured(model[0], name="weight", amount=0.5, n=2, dim=0)
    removed = model[0].weight_mask.flatten(1).amax(dim=1) == 0
    # A removed filter outputs 0 only if the BatchNorm maps 0 to 0 for that channel.
    prune.custom_from_mask(model[0], name="bias", mask=(~removed).float())
    with torch.no_grad():
        scale = model[1].weight / torch.sqrt(model[1].running_var + model[1].eps)
        model[1].bias[removed] = (model[1].running_mean * scale)[removed]
    prune.ln_structured(model[7], name="weight", amount=0.5, n=2, dim=0)
    prune.custom_from_mask(model[7], name="bias", mask=model[7].weight_mask.amax(dim=1))
    compacted = ph.compact(model)
    with torch.no_grad():
        assert (compacted(EXAMPLE) - model(EXAMPLE)).abs().max() < 1e-5
    assert compacted[0].out_channels == 4 and compacted[1].num_features == 4 and compacted[7].out_features == 3


def test_unmasked_bias_is_refused_and_model_unchanged():
    model = ph.small_cnn()
    prune.ln_structured(model.conv1, name="weight", amount=0.5, n=2, dim=0)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.compact(model)
    assert caught.value.key == "error.compact_constant"
    assert all(torch.equal(state[k], v) for k, v in model.state_dict().items())


@pytest.mark.parametrize("model", [
    nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.Linear(144, 2)),
    nn.Sequential(nn.Conv2d(2, 4, 3, groups=2), nn.ReLU()),
    nn.Sequential(nn.Conv2d(1, 4, 3), nn.Sigmoid()),
    nn.Conv2d(1, 4, 3),
], ids=["flatten-spatial", "grouped", "sigmoid", "not-sequential"])
def test_unsupported_models_get_a_clear_error(model):
    for layer in model.modules():
        if isinstance(layer, nn.Conv2d):
            ph.prune_filters(nn.Sequential(layer), 0.5)
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.compact(model)
    assert caught.value.key == "error.compact_unsupported"


def test_flops_count_dense_zeros_and_drop_with_compaction():
    dense = ph.small_cnn()
    masked = ph.prune_filters(copy.deepcopy(dense), 0.5)
    assert ph.flops(masked, EXAMPLE) == ph.flops(dense, EXAMPLE)
    ratio = ph.flops(dense, EXAMPLE) / ph.flops(ph.compact(masked), EXAMPLE)
    assert 3.9 < ratio < 4.0


def test_speed_table_accepts_freshly_pruned_models_and_leaves_them_alone():
    masked = ph.prune_filters(ph.small_cnn(), 0.5)
    table = ph.speed_table({"dense": ph.small_cnn(), "masked": masked}, (1, 8, 8), batch_sizes=(1,), rounds=1,
                           min_run_time=0.01)
    assert [row[0] for row in table.rows] == ["dense", "masked"]
    assert table.rows[0][4] == "1.00×"
    assert masked.training and prune.is_pruned(masked)
