"""The small transformer of lesson 14 and its helpers, checked against plain torch.nn.utils.prune calls."""

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from fingerprint import differences, fingerprint
from prune_helpers import transformer


@pytest.fixture(scope="module")
def data():
    return ph.load_digits_data(dtype=torch.float64)


@pytest.fixture(scope="module")
def trained(data):
    """A briefly trained model (3 epochs): accuracies far from chance, so removing heads changes them."""
    return ph.train(ph.tiny_vit(seed=0), data, epochs=3, lr=3e-3, progress=False)


def masked_from_scratch(model, off):
    """The model with heads `off` switched off by one plain custom_from_mask per block."""
    copy = ph.copy_model(model)
    for b, block in enumerate(copy.blocks):
        mask = torch.ones_like(block.attn.proj.weight)
        for head_block, head in off:
            if head_block == b:
                mask[:, 8 * head : 8 * (head + 1)] = 0
        prune.custom_from_mask(block.attn.proj, name="weight", mask=mask)
    return copy


def logits(model, data):
    with torch.no_grad():
        return model(data.test_x)


# --- the model -------------------------------------------------------------------------------------


def test_tiny_vit_has_the_lessons_shape_and_is_the_same_for_one_seed():
    model = ph.tiny_vit(seed=3)
    assert sum(p.numel() for p in model.parameters()) == 18154
    assert next(model.parameters()).dtype == torch.float64
    assert [tuple(b.attn.proj.weight.shape) for b in model.blocks] == [(32, 32), (32, 32)]
    assert ph.all_heads(model) == [(b, h) for b in range(2) for h in range(4)]
    again = ph.tiny_vit(seed=3)
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), again.state_dict().values()))
    other = ph.tiny_vit(seed=4)
    assert not torch.equal(model.embed.weight, other.embed.weight)


def test_tiny_vit_leaves_the_global_random_state_alone():
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    ph.tiny_vit(seed=0)
    assert torch.equal(torch.rand(3), expected)


def test_tiny_vit_position_embedding_is_uniform_in_a_tenth():
    pos = ph.tiny_vit(seed=0).pos.detach()
    assert pos.shape == (1, 4, 32) and float(pos.abs().max()) <= 0.1 and float(pos.std()) > 0.03


def test_the_forward_pass_is_standard_multi_head_attention():
    """Same numbers as torch's own scaled_dot_product_attention on the same q, k, v."""
    torch.manual_seed(0)
    attention = transformer.Attention(32, 4).double()
    x = torch.randn(5, 4, 32, dtype=torch.float64)
    q, k, v = (layer(x).view(5, 4, 4, 8).transpose(1, 2) for layer in (attention.q, attention.k, attention.v))
    expected = attention.proj(nn.functional.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(5, 4, 32))
    with torch.no_grad():
        assert torch.allclose(attention(x), expected, atol=1e-12, rtol=0)


# --- switching heads off ---------------------------------------------------------------------------


def test_proj_columns_switch_a_head_off_exactly_like_its_values_and_q_rows_do_not(trained, data):
    by_proj = masked_from_scratch(trained, {(0, 2)})
    by_v, by_q = ph.copy_model(trained), ph.copy_model(trained)
    rows = torch.ones_like(by_v.blocks[0].attn.v.weight)
    rows[16:24] = 0
    prune.custom_from_mask(by_v.blocks[0].attn.v, name="weight", mask=rows)
    prune.custom_from_mask(by_v.blocks[0].attn.v, name="bias", mask=rows[:, 0])
    prune.custom_from_mask(by_q.blocks[0].attn.q, name="weight", mask=rows)
    assert torch.equal(logits(by_proj, data), logits(by_v, data))
    assert not torch.allclose(logits(by_q, data), logits(by_proj, data))


def test_set_heads_off_gives_the_model_a_fresh_custom_from_mask_would(trained, data):
    model = ph.add_head_masks(ph.copy_model(trained))
    for off in ({(0, 1)}, {(1, 3), (0, 0)}, set(), {(b, h) for b in range(2) for h in range(4)}):
        ph.set_heads_off(model, off)
        assert torch.equal(logits(model, data), logits(masked_from_scratch(trained, off), data)), off
    ph.set_heads_off(model, [])
    assert torch.equal(logits(model, data), logits(trained, data))


def test_a_head_switched_off_comes_back_on(trained):
    model = ph.add_head_masks(ph.copy_model(trained))
    ph.set_heads_off(model, [(1, 2)])
    assert int(model.blocks[1].attn.proj.weight_mask[:, 16:24].sum()) == 0
    assert int(model.blocks[0].attn.proj.weight_mask.sum()) == 32 * 32
    ph.set_heads_off(model, [(0, 0)])
    assert int(model.blocks[1].attn.proj.weight_mask.sum()) == 32 * 32
    assert int(model.blocks[0].attn.proj.weight_mask[:, 0:8].sum()) == 0


def test_add_head_masks_is_one_custom_from_mask_per_block():
    model = ph.add_head_masks(ph.tiny_vit())
    for block in model.blocks:
        assert isinstance(ph.pruning_hooks(block.attn.proj)[0], prune.CustomFromMask)
        assert bool((block.attn.proj.weight_mask == 1).all())


def test_greedy_removal_takes_the_least_costly_head_at_every_step(trained, data):
    before = fingerprint(trained)
    steps = ph.greedy_head_removal(trained, data)
    assert not differences(before, fingerprint(trained))
    assert steps[0] == (None, ph.accuracy(trained, data))
    assert sorted(head for head, _ in steps[1:]) == ph.all_heads(trained)
    off = set()
    for head, value in steps[1:]:
        candidates = {h: ph.accuracy(masked_from_scratch(trained, off | {h}), data)
                      for h in ph.all_heads(trained) if h not in off}
        assert value == candidates[head] == max(candidates.values())
        assert head == min(h for h, v in candidates.items() if v == value)  # ties go to the lowest head
        off.add(head)


# --- outlier features ------------------------------------------------------------------------------


def test_outlier_features_keep_the_function_bit_for_bit(trained, data):
    before = fingerprint(trained)
    big = ph.with_outlier_features(trained, features=(0, 1), scale=16.0)
    assert not differences(before, fingerprint(trained))
    assert torch.equal(logits(big, data), logits(trained, data))
    for block, original in zip(big.blocks, trained.blocks):
        assert torch.equal(block.norm1.weight[:2], 16 * original.norm1.weight[:2])
        assert torch.equal(block.norm2.bias[:2], 16 * original.norm2.bias[:2])
        assert torch.equal(block.fc1.weight[:, :2], original.fc1.weight[:, :2] / 16)
        assert torch.equal(block.attn.q.weight[:, 2:], original.attn.q.weight[:, 2:])


def test_outlier_features_leave_wanda_scores_unchanged_but_not_magnitudes(trained, data):
    big = ph.with_outlier_features(trained)
    inputs = {}

    def record(name):
        return lambda module, args, output: inputs.__setitem__(name, args[0].reshape(-1, 32))

    for name, model in (("small", trained), ("big", big)):
        handle = model.blocks[0].attn.q.register_forward_hook(record(name))
        with torch.no_grad():
            model(data.train_x[:16])
        handle.remove()
    score = {name: model.blocks[0].attn.q.weight.detach().abs() * inputs[name].norm(dim=0)
             for name, model in (("small", trained), ("big", big))}
    assert torch.equal(score["small"].argsort(dim=1), score["big"].argsort(dim=1))
    assert torch.allclose(score["small"], score["big"], rtol=1e-12, atol=0)
    assert not torch.equal(trained.blocks[0].attn.q.weight.abs().argsort(dim=1), big.blocks[0].attn.q.weight.abs().argsort(dim=1))


def test_outlier_features_work_on_a_pruned_model(trained, data):
    pruned = ph.copy_model(trained)
    prune.l1_unstructured(pruned.blocks[0].attn.q, name="weight", amount=0.5)
    big = ph.with_outlier_features(pruned)
    assert torch.equal(logits(big, data), logits(pruned, data))


# --- the widget ------------------------------------------------------------------------------------


def test_unticking_a_box_switches_that_head_off_and_ticking_brings_it_back(trained, data, language):
    before = fingerprint(trained)
    toggles = ph.HeadToggles(trained, data)
    dense = ph.accuracy(trained, data)
    assert toggles.accuracy == toggles.dense == dense and toggles.off == set()
    toggles.boxes[(0, 1)].value = False
    expected = ph.accuracy(masked_from_scratch(trained, {(0, 1)}), data)
    assert toggles.off == {(0, 1)} and toggles.accuracy == expected
    assert toggles.label.value == ph.t("heads.accuracy", on=7, total=8, accuracy=expected, dense=dense)
    toggles.boxes[(1, 3)].value = False
    assert toggles.accuracy == ph.accuracy(masked_from_scratch(trained, {(0, 1), (1, 3)}), data)
    toggles.boxes[(0, 1)].value = True
    toggles.boxes[(1, 3)].value = True
    assert toggles.accuracy == dense
    assert not differences(before, fingerprint(trained))


def test_the_widget_carries_the_css_classes_the_browser_test_looks_for(trained, data):
    toggles = ph.HeadToggles(trained, data)
    assert "ph-head-toggles" in toggles.toggles._dom_classes
    assert all("ph-head-toggle" in box._dom_classes for box in toggles.boxes.values())
    assert len(toggles.boxes) == 8
    assert "ph-head-accuracy" in toggles.label._dom_classes


def test_the_widget_reads_run_this_cell_before_it_has_run(trained, data, language):
    bundle = ph.HeadToggles(trained, data).widget._repr_mimebundle_()
    assert bundle["text/plain"] == ph.t("widget.fallback_heads")


def test_the_checkbox_labels_are_in_the_learners_language(trained, data, language):
    toggles = ph.HeadToggles(trained, data)
    assert toggles.boxes[(1, 2)].description == ph.t("heads.head", head=2)
    assert ph.t("heads.block", block=1) in toggles.toggles.children[1].children[0].value


# --- bad input: a clear error, and nothing changed -------------------------------------------------


def masked_model():
    return ph.add_head_masks(ph.tiny_vit())


@pytest.mark.parametrize("make, call, key", [
    (masked_model, lambda m: ph.set_heads_off(m, [(2, 0)]), "error.head_index"),
    (masked_model, lambda m: ph.set_heads_off(m, [(0, 4)]), "error.head_index"),
    (masked_model, lambda m: ph.set_heads_off(m, [(0, 1), (0, -1)]), "error.head_index"),
    (masked_model, lambda m: ph.set_heads_off(m, [(0,)]), "error.head_index"),
    (masked_model, lambda m: ph.set_heads_off(m, [(True, 1)]), "error.head_index"),
    (masked_model, lambda m: ph.set_heads_off(m, 3), "error.head_index"),
    (masked_model, lambda m: ph.set_heads_off(m, [(0.0, 1)]), "error.head_index"),
    (ph.tiny_vit, lambda m: ph.set_heads_off(m, [(0, 1)]), "error.no_head_masks"),
    (masked_model, lambda m: ph.add_head_masks(m), "error.head_masks_present"),
    (ph.small_cnn, lambda m: ph.add_head_masks(m), "error.not_transformer"),
    (lambda: nn.Linear(3, 3), lambda m: ph.all_heads(m), "error.not_transformer"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, scale=0), "error.outlier_scale"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, scale=float("inf")), "error.outlier_scale"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, scale="16"), "error.outlier_scale"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, features=(32,)), "error.feature_index"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, features=()), "error.feature_index"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, features=(0, 0)), "error.feature_index"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, features=5), "error.feature_index"),
    (ph.tiny_vit, lambda m: ph.with_outlier_features(m, features=(1.5,)), "error.feature_index"),
    (ph.tiny_vit, lambda m: ph.greedy_head_removal(m, "digits"), "error.not_digits"),
    (ph.tiny_vit, lambda m: ph.HeadToggles(m, None), "error.not_digits"),
    (ph.small_cnn, lambda m: ph.HeadToggles(m, ph.load_digits_data()), "error.not_transformer"),
])
def test_bad_input_is_refused_with_a_catalog_error_and_changes_nothing(make, call, key, language):
    model = make()
    before = fingerprint(model)
    with pytest.raises(ph.PruneHelperError) as raised:
        call(model)
    assert raised.value.key == key
    assert not differences(before, fingerprint(model))


@pytest.mark.parametrize("seed", [-1, 0.5, True, None, "0"])
def test_tiny_vit_refuses_a_seed_that_is_not_a_whole_number(seed):
    with pytest.raises(ph.PruneHelperError):
        ph.tiny_vit(seed=seed)
