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
            ph.apply_method(layer, "weight", "ln_structured", 0.5)
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


def ends_in_a_convolution():
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 4, 3, padding=1), nn.ReLU(),
                         nn.Conv2d(4, 3, 1))


def test_prune_filters_leaves_the_last_layer_whole_even_when_it_is_a_convolution():
    """It pruned every Conv2d, zeroing whole output maps of a model that ends in a convolution."""
    model = ph.prune_filters(ends_in_a_convolution(), 0.5)
    assert hasattr(model[0], "weight_mask") and hasattr(model[2], "weight_mask")
    assert not prune.is_pruned(model[4]) or not hasattr(model[4], "weight_mask")
    with torch.no_grad():
        outputs = model(EXAMPLE)
    assert bool((outputs.flatten(2).abs().amax(dim=2) > 0).all())  # every output map still carries a value
    compacted = ph.compact(model)
    reference = ph.compact_with_torch_pruning(model, EXAMPLE)
    assert compacted[4].out_channels == reference[4].out_channels == 3
    with torch.no_grad():
        assert (compacted(EXAMPLE) - outputs).abs().max() < 1e-5
        assert (reference(EXAMPLE) - outputs).abs().max() < 1e-5


def test_prune_filters_prunes_hidden_units_of_an_mlp_and_compact_cuts_them():
    """An MLP used to be left unpruned without a word."""
    torch.manual_seed(0)
    model = ph.prune_filters(nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 2)), 0.5)
    assert [int(m.weight_mask.amax(dim=1).sum()) for m in (model[0], model[2])] == [4, 2]
    assert not hasattr(model[4], "weight_mask")
    x = torch.randn(5, 6)
    compacted = ph.compact(model)
    reference = ph.compact_with_torch_pruning(model, x)
    assert [compacted[i].out_features for i in (0, 2, 4)] == [4, 2, 2]
    with torch.no_grad():
        assert (compacted(x) - model(x)).abs().max() < 1e-6 and (reference(x) - model(x)).abs().max() < 1e-6


def test_prune_filters_checks_every_layer_before_pruning_any():
    model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Conv2d(8, 4, 3), nn.ReLU(), nn.Conv2d(4, 2, 3))
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.prune_filters(model, 6)  # fine for 8 filters, not for 4
    assert caught.value.key == "error.amount_count_range"
    assert not prune.is_pruned(model)


def batchnorm_model(**norm_options):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8, **norm_options), nn.ReLU(),
                          nn.Conv2d(8, 4, 3, padding=1))
    model.train()
    with torch.no_grad():
        model(torch.randn(16, 1, 8, 8))  # non-trivial running statistics
    return model.eval()


def test_the_refusal_names_the_batchnorm_when_it_is_the_cause():
    """The message blamed the bias and suggested prune_filters, which had been used."""
    model = batchnorm_model()
    with torch.no_grad():
        model[1].bias.fill_(0.25)
    ph.prune_filters(model, 0.5)
    for compacting in (ph.compact, lambda m: ph.compact_with_torch_pruning(m, EXAMPLE)):
        with pytest.raises(ph.PruneHelperError) as caught:
            compacting(model)
        assert caught.value.key == "error.compact_batchnorm" and caught.value.values["norm"] == "1"
    without_bias_mask = batchnorm_model()
    prune.ln_structured(without_bias_mask[0], name="weight", amount=0.5, n=2, dim=0)
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.compact(without_bias_mask)
    assert caught.value.key == "error.compact_constant"


def test_masking_the_batchnorm_too_makes_it_compactable_and_the_reference_agrees():
    model = batchnorm_model()
    ph.prune_filters(model, 0.5)
    channel_mask = model[0].weight_mask.flatten(1).amax(dim=1)
    prune.custom_from_mask(model[1], name="weight", mask=channel_mask)
    prune.custom_from_mask(model[1], name="bias", mask=channel_mask)
    compacted = ph.compact(model)
    reference = ph.compact_with_torch_pruning(model, EXAMPLE)
    with torch.no_grad():
        expected = model(EXAMPLE)
        assert (compacted(EXAMPLE) - expected).abs().max() < 1e-5
        assert (reference(EXAMPLE) - expected).abs().max() < 1e-5
    assert compacted[1].num_batches_tracked == model[1].num_batches_tracked


@pytest.mark.parametrize("options", [{"affine": False}, {"track_running_stats": False}])
def test_batchnorm_without_affine_or_running_statistics_compacts(options):
    model = batchnorm_model(**options)
    ph.prune_filters(model, 0.5)
    if options.get("affine", True) is False:
        with torch.no_grad():
            model[1].running_mean.zero_()  # so a removed channel really outputs zero in eval mode
    compacted = ph.compact(model)
    with torch.no_grad():
        assert (compacted(EXAMPLE) - model(EXAMPLE)).abs().max() < 1e-5
    assert compacted[1].num_features == 4


def test_compact_keeps_dtype_device_and_mode():
    model = ph.prune_filters(ends_in_a_convolution().double(), 0.5).eval()
    compacted = ph.compact(model)
    assert {p.dtype for p in compacted.parameters()} == {torch.float64} and not compacted.training
    with torch.no_grad():
        assert (compacted(EXAMPLE.double()) - model(EXAMPLE.double())).abs().max() < 1e-12


def test_compact_refuses_to_leave_a_layer_without_channels():
    model = ph.prune_filters(ends_in_a_convolution(), 1.0)
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.compact(model)
    assert caught.value.key == "error.compact_empty" and caught.value.values["layer"] == "0"


def test_a_linear_straight_on_a_feature_map_is_refused():
    """Such a Linear mixes the last spatial axis, so dropping its 'inputs' with the channels would be wrong."""
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Linear(6, 2))
    ph.prune_filters(model, 0.5)
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.compact(model)
    assert caught.value.key == "error.compact_unsupported"


def test_kept_outputs_of_other_layer_kinds():
    transposed = nn.ConvTranspose2d(4, 6, 3)
    with torch.no_grad():
        transposed.weight[:, 2] = 0
    assert ph.kept_outputs(transposed) == [0, 1, 3, 4, 5]
    norm = nn.BatchNorm2d(3)
    with torch.no_grad():
        norm.weight[1] = 0
    assert ph.kept_outputs(norm) == [0, 2]
