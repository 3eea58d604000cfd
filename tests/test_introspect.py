import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph


def pruned_seed_conv():
    conv = nn.Conv2d(3, 2, 3, stride=1, padding=1)
    before = ph.snapshot(conv)
    prune.random_unstructured(conv, name="weight", amount=0.5)
    return conv, before


def test_snapshot_of_a_fresh_conv_lists_its_two_parameters():
    entries = ph.snapshot(nn.Conv2d(3, 2, 3))
    assert [(e.kind, e.name, e.shape) for e in entries] == [
        ("parameter", "weight", "[2, 3, 3, 3]"),
        ("parameter", "bias", "[2]"),
    ]
    assert all(e.requires_grad == "True" and e.device == "cpu" for e in entries)


def test_snapshot_after_pruning_shows_orig_mask_hook_and_computed_weight():
    conv, _ = pruned_seed_conv()
    kinds = {(e.kind, e.name) for e in ph.snapshot(conv)}
    assert kinds == {
        ("parameter", "weight_orig"),
        ("parameter", "bias"),
        ("buffer", "weight_mask"),
        ("hook", "weight"),
        ("computed", "weight"),
    }
    mask = next(e for e in ph.snapshot(conv) if e.name == "weight_mask")
    assert mask.requires_grad == "False"


def test_diff_reports_rename_buffer_hook_and_computed_attribute():
    conv, before = pruned_seed_conv()
    rows = ph.introspect.diff_entries(before, ph.snapshot(conv))
    summary = sorted((change, entry.kind, entry.name) for change, entry, _ in rows)
    assert summary == [
        ("added", "buffer", "weight_mask"),
        ("added", "computed", "weight"),
        ("added", "hook", "weight"),
        ("renamed", "parameter", "weight_orig"),
    ]
    table = ph.diff(before, ph.snapshot(conv))
    assert len(table.rows) == 4
    assert "weight → weight_orig" in str(table)


def test_diff_of_identical_snapshots_says_nothing_changed():
    conv = nn.Conv2d(3, 2, 3)
    table = ph.diff(ph.snapshot(conv), ph.snapshot(conv))
    assert table.rows == []
    assert "Nothing changed." in str(table)


def test_describe_is_a_table_in_the_current_language(language):
    conv, _ = pruned_seed_conv()
    table = ph.describe(conv)
    assert table.columns[0] == ph.t("table.kind")
    assert len(table.rows) == 5
    assert "<table>" in table._repr_html_()


def test_pruning_hooks_finds_the_pruning_object():
    conv, _ = pruned_seed_conv()
    hooks = ph.pruning_hooks(conv)
    assert len(hooks) == 1 and isinstance(hooks[0], prune.RandomUnstructured)
    assert hooks[0]._tensor_name == "weight"


def test_table_text_aligns_hangul_by_display_width():
    ph.set_language("ko")
    text = str(ph.describe(nn.Conv2d(1, 1, 1)))
    lines = text.splitlines()[1:]
    widths = {ph.tables.display_width(line.split("  ")[0]) for line in lines[2:]}
    assert len(widths) == 1


def test_snapshot_records_device_from_the_tensors():
    entries = ph.snapshot(nn.Linear(2, 2).to(torch.float64))
    assert {e.device for e in entries} == {"cpu"}


def test_diff_after_remove_reads_as_the_reverse_rename():
    conv, _ = pruned_seed_conv()
    before = ph.snapshot(conv)
    prune.remove(conv, "weight")
    rows = ph.introspect.diff_entries(before, ph.snapshot(conv))
    summary = sorted((change, entry.kind, entry.name) for change, entry, _ in rows)
    assert summary == [
        ("removed", "buffer", "weight_mask"),
        ("removed", "computed", "weight"),
        ("removed", "hook", "weight"),
        ("renamed", "parameter", "weight"),
    ]
