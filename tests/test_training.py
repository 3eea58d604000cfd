"""The real-data pipeline: reproducible, honest about what it prunes, and the 12× result holds."""

import pytest
import torch
from torch.nn.utils import prune

import prune_helpers as ph


@pytest.fixture(scope="module")
def data():
    return ph.load_digits_data()


@pytest.fixture(scope="module")
def trained(data):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = ph.train(ph.small_cnn(), data, epochs=12, progress=False)
    yield model
    torch.set_num_threads(threads)


def test_split_holds_out_360_images_with_every_class(data):
    assert data.test_x.shape == (360, 1, 8, 8) and data.train_x.shape == (1437, 1, 8, 8)
    assert float(data.train_x.max()) == 1.0 and float(data.train_x.min()) == 0.0
    assert set(data.test_y.tolist()) == set(range(10))


def test_training_is_reproducible_and_does_not_touch_global_random_state(data):
    torch.manual_seed(5)
    a = ph.small_cnn()
    b = ph.small_cnn()
    b.load_state_dict(a.state_dict())
    expected_next = torch.rand(1)
    torch.manual_seed(5)
    ph.small_cnn(), ph.small_cnn()
    ph.train(a, data, epochs=1, progress=False)
    ph.train(b, data, epochs=1, progress=False)
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
    assert torch.equal(torch.rand(1), expected_next)


def test_dense_model_learns(trained, data):
    assert ph.accuracy(trained, data) > 95


def test_prune_globally_reaches_the_total_even_when_called_again(trained):
    model = ph.prune_globally(ph.small_cnn(), 0.5)
    ph.prune_globally(model, 0.8)
    layers = ph.prunable_layers(model)
    zeros = sum(int((m.weight == 0).sum()) for m, _ in layers)
    total = sum(m.weight.numel() for m, _ in layers)
    assert zeros == round(0.8 * total)


def test_training_keeps_pruned_weights_at_zero(data):
    model = ph.prune_globally(ph.small_cnn(), 0.9)
    mask = model.conv3.weight_mask.clone()
    ph.train(model, data, epochs=1, progress=False)
    assert torch.equal(model.conv3.weight_mask, mask)
    assert bool((model.conv3.weight[mask == 0] == 0).all())


def test_sensitivity_scan_prunes_one_layer_at_a_time(trained, data):
    scan = ph.sensitivity_scan(trained, data, [0.0, 0.99])
    assert list(scan) == ["conv1", "conv2", "conv3", "fc"]
    dense = ph.accuracy(trained, data)
    assert all(values[0] == dense for values in scan.values())
    assert scan["conv1"][1] < dense
    assert not prune.is_pruned(trained)


def test_twelve_times_compression_within_half_a_point(trained, data):
    dense = ph.accuracy(trained, data)
    pruned, steps = ph.iterative_pruning(trained, data, [0.5, 0.75, 0.875, 0.92], epochs_per_step=2)
    assert 1 / ph.weights_kept(pruned) >= 12
    assert steps[-1] >= dense - 0.5
