"""Saving and loading: atomic, weights-only, exact, and refusing what it should refuse."""

import io
import os
import pickle

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from prune_helpers import storage


@pytest.fixture
def pruned_model():
    model = ph.small_cnn()
    prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.9)
    return model


def outputs_equal(a, b):
    x = torch.randn(3, 1, 8, 8)
    with torch.no_grad():
        return torch.equal(a(x), b(x))


def test_pruned_checkpoint_round_trips_masks_and_values_exactly(tmp_path, pruned_model):
    path = tmp_path / "model.pt"
    size = ph.save_state(pruned_model, path)
    assert size == path.stat().st_size > 0
    restored = ph.load_into(ph.small_cnn(), ph.load_state(path))
    assert prune.is_pruned(restored)
    for key, value in pruned_model.state_dict().items():
        assert torch.equal(restored.state_dict()[key], value), key
    assert outputs_equal(restored, pruned_model)


def test_dense_checkpoint_loads_into_a_dense_model(tmp_path):
    model = ph.small_cnn()
    ph.save_state(model, tmp_path / "dense.pt")
    restored = ph.load_into(ph.small_cnn(), ph.load_state(tmp_path / "dense.pt"))
    assert not prune.is_pruned(restored) and outputs_equal(restored, model)


def test_a_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "model.pt"
    ph.save_state({"w": torch.ones(3)}, path)
    original = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(storage.torch, "save", crash)
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.save_state({"w": torch.zeros(3)}, path)
    assert caught.value.key == "error.write_failed"
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]


def test_a_pickled_object_is_refused(tmp_path):
    class Payload:
        def __reduce__(self):
            return (os.system, ("echo should-never-run",))

    path = tmp_path / "evil.pt"
    with open(path, "wb") as file:
        torch.save({"w": torch.ones(1), "extra": Payload()}, file)
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_state(path)
    assert caught.value.key == "error.unsafe_checkpoint"
    assert isinstance(caught.value.__cause__, pickle.UnpicklingError)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_damaged_files_get_a_clear_error(tmp_path, damage):
    path = tmp_path / "model.pt"
    ph.save_state(ph.small_cnn(), path)
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) // 2], "garbage": b"not a checkpoint" * 10, "empty": b""}[damage])
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_state(path)
    assert caught.value.key == "error.corrupt_checkpoint"


def test_missing_file(tmp_path):
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_state(tmp_path / "nope.pt")
    assert caught.value.key == "error.file_missing"


def test_shape_mismatch_changes_nothing(pruned_model):
    other = nn.Sequential(nn.Conv2d(1, 16, 3))  # conv1-like name "0", different sizes
    target = ph.small_cnn()
    target.conv1 = nn.Conv2d(1, 16, 3, padding=1)
    before = {k: v.clone() for k, v in target.state_dict().items()}
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_into(target, pruned_model.state_dict())
    assert caught.value.key == "error.checkpoint_shape"
    assert not prune.is_pruned(target)
    assert all(torch.equal(before[k], v) for k, v in target.state_dict().items())
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_into(other, pruned_model.state_dict())
    assert caught.value.key == "error.checkpoint_key"


def test_removed_state_equals_prune_remove(pruned_model):
    removed = ph.removed_state(pruned_model.state_dict())
    with torch.no_grad():
        pruned_model(torch.zeros(1, 1, 8, 8))
    for module, name in ph.prunable_layers(pruned_model):
        prune.remove(module, name)
    assert removed.keys() == pruned_model.state_dict().keys()
    assert all(torch.equal(removed[k], v) for k, v in pruned_model.state_dict().items())


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16])
def test_bitmask_packing_round_trips_through_weights_only_load(pruned_model, dtype):
    removed = ph.removed_state(pruned_model.state_dict())
    buffer = io.BytesIO()
    torch.save(ph.pack_bitmask(removed, dtype), buffer)
    buffer.seek(0)
    unpacked = ph.unpack_bitmask(torch.load(buffer, weights_only=True))
    for key, value in removed.items():
        expected = value.to(dtype).float() if dtype == torch.float16 else value
        assert torch.equal(unpacked[key], expected), key


def test_checkpoint_sizes_meet_the_targets_at_90_percent(pruned_model):
    table = ph.checkpoint_sizes(pruned_model)
    ratios = {row[0]: float(row[2].rstrip("×")) for row in table.rows}
    limits = {row[0]: row[3] for row in table.rows}
    assert ratios[ph.t("size.masked")] < 0.55
    assert ratios[ph.t("size.removed")] == 1.0
    assert ratios[ph.t("size.bitmask_fp32")] >= 7.0
    assert ratios[ph.t("size.bitmask_fp16")] >= 10.0
    assert ratios[ph.t("size.bitmask_fp32")] <= float(limits[ph.t("size.bitmask_fp32")].rstrip("×"))


def weights_only_round_trip(packed):
    buffer = io.BytesIO()
    torch.save(packed, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


def test_bitmask_keeps_every_dtype_and_every_value():
    """Everything used to be cast to float32: int64 came back float32 and 16,777,217 as 16,777,216."""
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2)).double()
    prune.l1_unstructured(model[0], name="weight", amount=0.5)
    state = ph.removed_state(model.state_dict())
    state["1.num_batches_tracked"] = torch.tensor(16_777_217)
    state["tiny"] = torch.tensor([1 + 1e-12, 0.0, -3.5], dtype=torch.float64)
    state["half"] = torch.tensor([0.1, 0.0], dtype=torch.float16)
    state["flags"] = torch.tensor([True, False])
    unpacked = ph.unpack_bitmask(weights_only_round_trip(ph.pack_bitmask(state)))
    assert list(unpacked) == list(state)
    for key, value in state.items():
        assert unpacked[key].dtype == value.dtype and torch.equal(unpacked[key], value), key
    assert int(unpacked["1.num_batches_tracked"]) == 16_777_217


def test_fp16_values_are_labelled_lossy_and_the_others_are_not(language):
    lossy = {"ko": "손실", "en": "lossy"}[language]
    assert lossy in ph.t("size.bitmask_fp16")
    for key in ("dense", "masked", "removed", "compressed", "bitmask_fp32"):
        assert lossy not in ph.t(f"size.{key}")


def test_every_size_row_is_measured_on_its_own_state(pruned_model, monkeypatch):
    """"removed" reused the dense number, and "dense" was really the removed state."""
    measured = []
    original = storage.serialized_size
    monkeypatch.setattr(storage, "serialized_size", lambda state: measured.append(state) or original(state))
    _, rows = storage.checkpoint_size_rows(pruned_model)
    dense = storage.dense_state(pruned_model.state_dict())
    removed = ph.removed_state(pruned_model.state_dict())

    def was_measured(expected):
        return any(s.keys() == expected.keys() and all(torch.equal(s[k], v) for k, v in expected.items())
                   for s in measured if isinstance(s, dict) and "keys" not in s)

    assert was_measured(dense) and was_measured(removed)
    assert not torch.equal(dense["conv1.weight"], removed["conv1.weight"])  # two different states
    sizes = {row["format"]: row["bytes"] for row in rows}
    assert sizes["dense"] == original(dense) and sizes["removed"] == original(removed)


def test_sizes_do_not_depend_on_the_file_name(tmp_path):
    """torch.save(state, "name.pt") stores the name in the archive; the helpers' sizes never do."""
    state = ph.small_cnn().state_dict()
    short, long = tmp_path / "a.pt", tmp_path / ("a_much_longer_file_name_than_the_other_one" * 2 + ".pt")
    assert ph.save_state(state, short) == ph.save_state(state, long) == ph.serialized_size(state)
    assert ph.serialized_size(ph.small_cnn()) == ph.serialized_size(state)
    torch.save(state, short)
    torch.save(state, long)
    assert short.stat().st_size != long.stat().st_size  # why the helpers avoid named archives


def test_load_into_validates_everything_before_loading(pruned_model):
    target = ph.small_cnn()
    target.extra = nn.Linear(2, 2)
    before = {k: v.clone() for k, v in target.state_dict().items()}
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_into(target, pruned_model.state_dict())
    assert caught.value.key == "error.checkpoint_missing"
    assert not prune.is_pruned(target)
    assert list(target.state_dict()) == list(before)
    assert all(torch.equal(before[k], v) for k, v in target.state_dict().items())


def test_sparsity_is_right_right_after_loading(pruned_model):
    restored = ph.load_into(ph.small_cnn(), pruned_model.state_dict())
    assert ph.sparsity_totals(restored) == ph.sparsity_totals(pruned_model)
