"""Every wrong call raises one clear catalog error in the learner's language and changes nothing."""

import math

import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from fingerprint import differences, fingerprint


def fresh_conv():
    torch.manual_seed(0)
    return nn.Conv2d(3, 2, 3)


def pruned_conv():
    conv = fresh_conv()
    prune.random_unstructured(conv, name="weight", amount=0.5)
    return conv


def filters_pruned_bias_kept():
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 2, 3))
    prune.ln_structured(model[0], name="weight", amount=0.5, n=2, dim=0)
    return model


def state(module):
    """Everything a helper could change: tensors and their dtypes, parameter objects, buffers, hooks."""
    return fingerprint(module)


def same_state(a, b):
    return not differences(a, b)


def conv_with_81_left():
    conv = nn.Conv2d(3, 4, 3)
    prune.l1_unstructured(conv, name="weight", amount=27)
    return conv


def conv_with_2_filters_left():
    conv = nn.Conv2d(3, 4, 3)
    prune.ln_structured(conv, name="weight", amount=2, n=2, dim=0)
    return conv


def with_scalar_parameter():
    module = nn.Module()
    module.scale = nn.Parameter(torch.tensor(2.0))
    return module


def bias_pruned_conv():
    conv = fresh_conv()
    prune.l1_unstructured(conv, name="bias", amount=1)
    return conv


def mask_without_orig():
    state = dict(pruned_conv().state_dict())
    state["weight"] = state.pop("weight_orig")
    return state


def two_linears():
    return nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))


def every_filter_pruned():
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 2, 3))
    ph.prune_filters(model, 1.0)
    return model


def batchnorm_still_fires():
    """prune_filters masks the bias, but the BatchNorm after it adds its own constant."""
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Conv2d(4, 2, 3))
    with torch.no_grad():
        model[1].bias.fill_(0.5)
    ph.prune_filters(model, 0.5)
    return model.eval()


def three_convs():
    return nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Conv2d(8, 4, 3), nn.ReLU(), nn.Conv2d(4, 2, 3))


def apply(amount, name="weight", method="random_unstructured"):
    return lambda m: ph.apply_method(m, name, method, amount)


SAYS_WHAT_TO_DO = {"ko": ("세요",), "en": ("Use", "use", "Pass", "Prune", "build", "Save", "Check", "Mask", "Load",
                                           "Create", "Draw")}

CASES = [
    ("negative fraction", fresh_conv, apply(-0.1), "error.amount_fraction_range"),
    ("fraction above one", fresh_conv, apply(1.5), "error.amount_fraction_range"),
    ("NaN", fresh_conv, apply(math.nan), "error.amount_nan"),
    ("string amount", fresh_conv, apply("half"), "error.amount_type"),
    ("None amount", fresh_conv, apply(None), "error.amount_type"),
    ("bool amount", fresh_conv, apply(True), "error.amount_type"),
    ("count above numel", fresh_conv, apply(55), "error.amount_count_range"),
    ("negative count", fresh_conv, apply(-1), "error.amount_count_range"),
    ("structured count above channels", fresh_conv, apply(3, method="random_structured"), "error.amount_count_range"),
    ("unknown parameter", fresh_conv, apply(0.5, name="wieght"), "error.unknown_name"),
    ("unknown method", fresh_conv, apply(0.5, method="magic_unstructured"), "error.unknown_method"),
    ("module without parameters", lambda: nn.ReLU(), apply(0.5), "error.no_parameters"),
    ("explorer on a pruned layer", pruned_conv, lambda m: ph.AmountExplorer(m), "error.already_pruned"),
    ("explorer with a bad amount", fresh_conv, lambda m: ph.AmountExplorer(m, amount=2.0), "error.amount_fraction_range"),
    ("mask picture of an unpruned layer", fresh_conv, lambda m: ph.plot_mask(m), "error.not_pruned_picture"),
    ("a container instead of its layer", lambda: nn.Sequential(nn.Linear(2, 2)), apply(0.5), "error.no_parameters"),
    ("removing pruning never applied", fresh_conv, lambda m: ph.remove_pruning(m, "weight"), "error.not_pruned"),
    ("removing pruning of an unknown name", pruned_conv, lambda m: ph.remove_pruning(m, "kernel"), "error.unknown_name"),
    ("checkpoint of another shape", lambda: nn.Conv2d(3, 4, 3), lambda m: ph.load_into(m, pruned_conv().state_dict()),
     "error.checkpoint_shape"),
    ("checkpoint of another model", lambda: nn.Sequential(nn.Linear(2, 2)),
     lambda m: ph.load_into(m, pruned_conv().state_dict()), "error.checkpoint_key"),
    ("compacting an unsupported layer", lambda: nn.Sequential(nn.Conv2d(1, 4, 3), nn.Sigmoid()),
     lambda m: ph.compact(m), "error.compact_unsupported"),
    ("compacting a filter whose bias still fires", filters_pruned_bias_kept, lambda m: ph.compact(m),
     "error.compact_constant"),
    # issue 11: checked against what is left, so PyTorch never fails after taking the old hook off
    ("count above what is left after pruning", conv_with_81_left, apply(100, method="l1_unstructured"),
     "error.amount_remaining"),
    ("count one above what is left", conv_with_81_left, apply(82), "error.amount_remaining"),
    ("structured count above the filters left", conv_with_2_filters_left, apply(3, method="ln_structured"),
     "error.amount_remaining"),
    ("structured method on a bias", fresh_conv, apply(0.5, name="bias", method="ln_structured"),
     "error.structured_needs_2d"),
    ("structured method on a 0-d parameter", with_scalar_parameter, apply(0.5, name="scale", method="random_structured"),
     "error.structured_needs_2d"),
    ("unhashable method name", fresh_conv, apply(0.5, method=["l1_unstructured"]), "error.unknown_method"),
    ("non-integer seed", fresh_conv, lambda m: ph.apply_method(m, "weight", "random_unstructured", 0.5, seed=0.5),
     "error.seed_type"),
    ("history of a misspelled name", pruned_conv, lambda m: ph.pruning_history(m, "wieght"), "error.unknown_name"),
    ("kept outputs of a layer without weights", lambda: nn.ReLU(), lambda m: ph.kept_outputs(m), "error.no_parameters"),
    ("checkpoint sizes of a layer without parameters", lambda: nn.ReLU(), lambda m: ph.checkpoint_sizes(m),
     "error.no_parameters"),
    ("explorer with a string amount", fresh_conv, lambda m: ph.AmountExplorer(m, amount="half"),
     "error.amount_fraction_only"),
    ("explorer with amount=True", fresh_conv, lambda m: ph.AmountExplorer(m, amount=True), "error.amount_fraction_only"),
    ("comparison with amount=True", fresh_conv, lambda m: ph.MethodComparison(m, amount=True),
     "error.amount_fraction_only"),
    ("explorer asked for a structured method on a bias", fresh_conv,
     lambda m: ph.AmountExplorer(m, name="bias", method="ln_structured"), "error.structured_needs_2d"),
    ("dense checkpoint into a pruned model", pruned_conv, lambda m: ph.load_into(m, fresh_conv().state_dict()),
     "error.checkpoint_dense_into_pruned"),
    ("checkpoint that pruned another parameter", pruned_conv, lambda m: ph.load_into(m, bias_pruned_conv().state_dict()),
     "error.checkpoint_dense_into_pruned"),
    ("checkpoint lacking a layer of the model", lambda: nn.Sequential(*two_linears(), nn.Linear(2, 2)),
     lambda m: ph.load_into(m, two_linears().state_dict()), "error.checkpoint_missing"),
    ("a mask without its _orig", fresh_conv, lambda m: ph.load_into(m, mask_without_orig()), "error.checkpoint_orphan"),
    ("a checkpoint that is not a dict", fresh_conv, lambda m: ph.load_into(m, [1, 2]), "error.not_state"),
    ("compacting after every filter is pruned", every_filter_pruned, lambda m: ph.compact(m), "error.compact_empty"),
    ("compacting where a BatchNorm still fires", batchnorm_still_fires, lambda m: ph.compact(m),
     "error.compact_batchnorm"),
    ("Torch-Pruning reference refuses the same", batchnorm_still_fires,
     lambda m: ph.compact_with_torch_pruning(m, torch.zeros(1, 1, 8, 8)), "error.compact_batchnorm"),
    ("Torch-Pruning reference with an example that does not fit", lambda: ph.prune_filters(three_convs(), 0.5),
     lambda m: ph.compact_with_torch_pruning(m, torch.zeros(1, 5, 8, 8)), "error.example_input"),
    ("prune_filters on a single layer", lambda: nn.Linear(4, 3), lambda m: ph.prune_filters(m, 0.5), "error.no_filters"),
    ("prune_filters with a count one layer cannot take", three_convs, lambda m: ph.prune_filters(m, 6),
     "error.amount_count_range"),
    ("prune_filters with a bad norm", three_convs, lambda m: ph.prune_filters(m, 0.5, n="fro"), "error.norm_type"),
    ("prune_globally without Conv2d or Linear", lambda: nn.BatchNorm2d(3), lambda m: ph.prune_globally(m, 0.5),
     "error.no_prunable_layers"),
    ("prune_globally above one", two_linears, lambda m: ph.prune_globally(m, 1.5), "error.fraction_arg"),
    ("prune_globally with a string", two_linears, lambda m: ph.prune_globally(m, "70%"), "error.fraction_arg"),
    ("weights_kept of a module without parameters", lambda: nn.ReLU(), lambda m: ph.weights_kept(m),
     "error.no_parameters"),
    ("flops with an example that does not fit", fresh_conv, lambda m: ph.flops(m, torch.zeros(1, 4, 8, 8)),
     "error.example_input"),
    ("N:M separators on a conv mask", pruned_conv, lambda m: ph.plot_mask(m, group=4), "error.group_needs_2d"),
]


@pytest.mark.parametrize("label, make, call, key", CASES, ids=[c[0] for c in CASES])
def test_bad_call_raises_one_clear_error_and_changes_nothing(language, label, make, call, key):
    module = make()
    before = state(module)
    with pytest.raises(ph.PruneHelperError) as caught:
        call(module)
    assert caught.value.key == key
    message = str(caught.value)
    assert message == ph.t(key, **caught.value.values)
    assert any(marker in message for marker in SAYS_WHAT_TO_DO[language]), message
    assert same_state(before, state(module))


NOT_MODULES = [
    ("string", lambda: ph.describe("conv")),
    ("tensor", lambda: ph.snapshot(torch.zeros(3))),
    ("class instead of instance", lambda: ph.apply_method(nn.Conv2d, "weight", "random_unstructured", 0.5)),
    ("report on a list", lambda: ph.sparsity_report([nn.Linear(1, 1)])),
    ("sparsity of a module", lambda: ph.sparsity(nn.Linear(1, 1))),
]


@pytest.mark.parametrize("label, call", NOT_MODULES, ids=[c[0] for c in NOT_MODULES])
def test_wrong_type_is_named_with_an_example_of_the_right_one(language, label, call):
    with pytest.raises(ph.PruneHelperError) as caught:
        call()
    assert caught.value.key in {"error.not_module", "error.not_tensor"}
    assert any(marker in str(caught.value) for marker in SAYS_WHAT_TO_DO[language])
    assert "nn.Conv2d" in str(caught.value) or "conv.weight" in str(caught.value)


def test_errors_speak_korean_when_the_lesson_is_korean():
    ph.set_language("ko")
    with pytest.raises(ph.PruneHelperError, match="비율로 준 amount=1.5"):
        ph.apply_method(fresh_conv(), "weight", "random_unstructured", 1.5)


def test_helper_accepts_exactly_what_pytorch_accepts_at_the_edges():
    for amount in (0, 0.0, 1.0, 54):
        conv = fresh_conv()
        ph.apply_method(conv, "weight", "random_unstructured", amount)
        expected = amount if isinstance(amount, int) else round(amount * 54)
        assert int((conv.weight_mask == 0).sum()) == expected


def damaged_files(tmp_path):
    good = tmp_path / "good.pt"
    ph.save_state(nn.Conv2d(3, 2, 3), good)
    data = good.read_bytes()
    truncated, corrupted = tmp_path / "truncated.pt", tmp_path / "corrupted.pt"
    truncated.write_bytes(data[: len(data) // 3])
    corrupted.write_bytes(data[:100] + bytes(200) + data[300:])
    return {"truncated": truncated, "corrupted": corrupted, "missing": tmp_path / "missing.pt"}


@pytest.mark.parametrize("kind, key", [
    ("truncated", "error.corrupt_checkpoint"),
    ("corrupted", "error.corrupt_checkpoint"),
    ("missing", "error.file_missing"),
])
def test_bad_checkpoint_files_are_explained_and_left_alone(tmp_path, language, kind, key):
    path = damaged_files(tmp_path)[kind]
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(ph.PruneHelperError) as caught:
        ph.load_state(path)
    assert caught.value.key == key
    assert any(marker in str(caught.value) for marker in SAYS_WHAT_TO_DO[language])
    assert (path.read_bytes() if path.exists() else None) == before


def test_the_table_covers_at_least_fifteen_kinds_of_mistake():
    assert len(CASES) + len(NOT_MODULES) + 3 >= 15


PLAIN_CALLS = [
    ("save into a missing folder", lambda tmp: ph.save_state(nn.Linear(2, 2), tmp / "no" / "such" / "m.pt"),
     "error.folder_missing"),
    ("save onto a folder", lambda tmp: ph.save_state(nn.Linear(2, 2), tmp), "error.write_failed"),
    ("save a list", lambda tmp: ph.save_state([1, 2], tmp / "m.pt"), "error.not_state"),
    ("load from a number", lambda tmp: ph.load_state(3), "error.path_type"),
    ("N:M with m=0", lambda tmp: ph.n_m_sparsity(2, 0), "error.n_m"),
    ("N:M with n>m", lambda tmp: ph.n_m_sparsity(5, 4), "error.n_m"),
    ("compounding more than everything", lambda tmp: ph.compounded_sparsity(1.5, 2), "error.fraction_arg"),
    ("compounding a negative number of times", lambda tmp: ph.compounded_sparsity(0.5, -1), "error.count_range"),
    ("removed share of a percentage", lambda tmp: ph.removed_between(50, 0.5), "error.fraction_arg"),
    ("an empty list of masks", lambda tmp: ph.MaskSteps([]), "error.empty_input"),
    ("titles that do not match the masks", lambda tmp: ph.MaskSteps([torch.ones(2)], ["a", "b"]), "error.titles"),
    ("a calculator with an unknown text", lambda tmp: ph.Calculator(ph.compounded_sparsity, "calc.nope"),
     "error.unknown_text"),
    ("a calculator slider without a step", lambda tmp: ph.Calculator(ph.compounded_sparsity, "calc.compound",
                                                                   amount=(0.0, 1.0, 0.0, 0.5)), "error.slider_spec"),
    ("diff of modules instead of snapshots", lambda tmp: ph.diff(nn.Linear(1, 1), nn.Linear(1, 1)), "error.not_snapshot"),
    ("unpacking something else", lambda tmp: ph.unpack_bitmask({"w": torch.ones(1)}), "error.packed"),
    ("packing to an integer dtype", lambda tmp: ph.pack_bitmask({"w": torch.ones(1)}, torch.int8), "error.dtype"),
    ("a histogram of nothing", lambda tmp: ph.plot_histogram({}), "error.empty_input"),
    ("a histogram with zero bins", lambda tmp: ph.plot_histogram(torch.ones(3), bins=0), "error.count_range"),
    ("a curve longer than x", lambda tmp: ph.plot_curves([0.1], {"a": [1, 2]}, "x", "y", "t"), "error.curve_length"),
    ("an empty mask picture", lambda tmp: ph.mask_png(torch.ones(0, 3)), "error.empty_tensor"),
    ("speed of nothing", lambda tmp: ph.speed_table({}, (1, 8, 8)), "error.empty_input"),
    ("speed with a bad input shape", lambda tmp: ph.speed_table({"a": nn.Linear(2, 2)}, (0, 2)), "error.input_shape"),
    ("grading an unhashable exercise id", lambda tmp: ph.grade(["02-1"], 27), "error.unknown_exercise"),
    ("a small CNN with no classes", lambda tmp: ph.small_cnn(0), "error.count_range"),
    ("a small MLP with a billion hidden units", lambda tmp: ph.small_mlp(10 ** 9), "error.count_range"),
    ("a model in a complex dtype", lambda tmp: ph.small_cnn(dtype=torch.complex64), "error.dtype_arg"),
    ("a model on a GPU that is not here", lambda tmp: ph.tiny_mlp(device="cuda:7"), "error.device_missing"),
    ("digits on the meta device", lambda tmp: ph.load_digits_data(device="meta"), "error.device_arg"),
    ("digits on a device given as a number", lambda tmp: ph.load_digits_data(device=0), "error.device_arg"),
    ("digits with a fractional seed", lambda tmp: ph.load_digits_data(seed=0.5), "error.seed_int"),
    ("a TinyViT whose heads do not divide dim", lambda tmp: ph.TinyViT(dim=30, heads=4), "error.vit_shape"),
    ("a TinyViT whose patches do not tile 8x8", lambda tmp: ph.TinyViT(patch=3), "error.vit_shape"),
    ("a curve of words", lambda tmp: ph.plot_curves([0.1], {"a": ["high"]}, "x", "y", "t"), "error.curve_values"),
    ("a reference that is a string", lambda tmp: ph.plot_curves([0.1], {"a": [1]}, "x", "y", "t", "98"),
     "error.number_arg"),
    ("a lesson on zero threads", lambda tmp: ph.start_lesson("en", 0, 0), "error.count_arg"),
    ("a lesson seeded with None", lambda tmp: ph.start_lesson("en", None), "error.seed_int"),
]


@pytest.mark.parametrize("label, call, key", PLAIN_CALLS, ids=[c[0] for c in PLAIN_CALLS])
def test_bad_arguments_to_model_free_helpers_are_explained(tmp_path, language, label, call, key):
    with pytest.raises(ph.PruneHelperError) as caught:
        call(tmp_path)
    assert caught.value.key == key
    assert any(marker in str(caught.value) for marker in SAYS_WHAT_TO_DO[language]), str(caught.value)


def test_a_checkpoint_cut_after_its_first_4_kb_is_called_corrupt(tmp_path):
    """torch's zip reader raised a raw OSError (seek) for these."""
    good = tmp_path / "good.pt"
    ph.save_state(ph.small_cnn(), good)
    data = good.read_bytes()
    for cut in (4097, 5000, 20000, len(data) - 10):
        damaged = tmp_path / f"cut{cut}.pt"
        damaged.write_bytes(data[:cut])
        with pytest.raises(ph.PruneHelperError) as caught:
            ph.load_state(damaged)
        assert caught.value.key == "error.corrupt_checkpoint", cut


def test_load_into_accepts_a_path(tmp_path):
    source = pruned_conv()
    ph.save_state(source, tmp_path / "ckpt.pt")
    for path in (tmp_path / "ckpt.pt", str(tmp_path / "ckpt.pt")):
        restored = ph.load_into(nn.Conv2d(3, 2, 3), path)
        assert torch.equal(restored.weight_mask, source.weight_mask)
        # the computed weight is right at once, before any forward pass
        assert torch.equal(restored.weight, source.weight) and ph.sparsity(restored.weight) == 0.5


def test_a_failed_repeated_pruning_keeps_the_container_and_its_masks():
    """Before: PyTorch took the old hook off, failed, and left a plain layer with stale buffers."""
    conv = conv_with_81_left()
    mask, hook = conv.weight_mask.clone(), next(iter(conv._forward_pre_hooks.values()))
    with pytest.raises(ph.PruneHelperError):
        ph.apply_method(conv, "weight", "random_unstructured", 100)
    assert prune.is_pruned(conv) and next(iter(conv._forward_pre_hooks.values())) is hook
    assert torch.equal(conv.weight_mask, mask)
    ph.apply_method(conv, "weight", "random_unstructured", 81)
    assert int(conv.weight_mask.sum()) == 0


def test_pruned_copy_of_an_already_pruned_layer_compounds_on_the_copy():
    conv = pruned_conv()
    before = fingerprint(conv)
    copied, call = ph.pruned_copy(conv, "weight", "l1_unstructured", 0.5)
    assert not differences(before, fingerprint(conv))
    assert int((copied.weight_mask == 0).sum()) == 27 + round(0.5 * 27) and "l1_unstructured" in call


def test_copies_do_not_run_the_model():
    """copy_model used to run a forward pass, which moves a training-mode BatchNorm's running statistics."""
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2))
    prune.l1_unstructured(model[0], name="weight", amount=0.5)
    before = fingerprint(model)
    ph.copy_model(model, torch.randn(4, 1, 8, 8))
    ph.permanent_copy(model, torch.randn(4, 1, 8, 8))
    ph.flops(model, torch.randn(4, 1, 8, 8))
    assert not differences(before, fingerprint(model))


# --- refusals found by an independent fuzz: each once failed inside PyTorch, some with the model changed ---


def _few_digits(**changes):
    full = ph.load_digits_data()
    parts = dict(train_x=full.train_x[:64], train_y=full.train_y[:64], test_x=full.test_x[:20], test_y=full.test_y[:20])
    parts.update(changes)
    return ph.training.Digits(**parts)


def _checkpoint_with_both_weight_and_weight_orig(model):
    state = dict(model.state_dict())
    state["weight_orig"], state["weight_mask"] = state["weight"], torch.ones_like(state["weight"])
    return state


def _pruned_mlp():
    model = ph.small_mlp(hidden=8)
    prune.global_unstructured(ph.prunable_layers(model), prune.L1Unstructured, amount=0.5)
    return model


def _meta_initial():
    initial = ph.small_mlp(hidden=8)
    initial.fc2.to("meta")
    return initial


MODEL_CALLS = [
    ("a checkpoint PyTorch refuses after prune.identity", lambda: nn.Linear(2, 2),
     lambda m: ph.load_into(m, _checkpoint_with_both_weight_and_weight_orig(m)), "error.checkpoint_mismatch"),
    ("pruning a complex weight", lambda: nn.Linear(4, 3, dtype=torch.complex64),
     lambda m: ph.apply_method(m, "weight", "random_unstructured", 0.5), "error.prune_dtype"),
    ("labels outside 0-9", ph.small_mlp, lambda m: ph.train(m, _few_digits(train_y=torch.full((64,), 27)), 1),
     "error.digits_contents"),
    ("float labels", ph.small_mlp, lambda m: ph.train(m, _few_digits(train_y=torch.zeros(64)), 1),
     "error.digits_contents"),
    ("fewer labels than test images", ph.small_mlp, lambda m: ph.accuracy(m, _few_digits(test_y=torch.zeros(5,
                                                                                            dtype=torch.long))),
     "error.digits_contents"),
    ("a BatchNorm model and a last batch of one", lambda: nn.Sequential(nn.Flatten(), nn.Linear(64, 16),
                                                                          nn.BatchNorm1d(16), nn.Linear(16, 10)),
     lambda m: ph.train(m, _few_digits(train_x=ph.load_digits_data().train_x[:65],
                                       train_y=ph.load_digits_data().train_y[:65]), 1), "error.batch_of_one"),
    ("a lazy layer", lambda: nn.Sequential(nn.Flatten(), nn.LazyLinear(16), nn.Linear(16, 10)),
     lambda m: ph.train(m, _few_digits(), 1), "error.lazy_module"),
    ("rewinding to a model partly on meta", _pruned_mlp, lambda m, initial=_meta_initial(): ph.rewind_(m, initial),
     "error.meta_tensor"),
    ("a model that outputs 5 classes", lambda: nn.Sequential(nn.Flatten(), nn.Linear(64, 5)),
     lambda m: ph.train(m, _few_digits(), 1), "error.model_digits_output"),
    ("a model built for other inputs", lambda: nn.Linear(3, 3), lambda m: ph.accuracy(m, _few_digits()),
     "error.model_digits_input"),
    ("sparsities as a tensor on the meta device", ph.small_mlp,
     lambda m: ph.sensitivity_scan(m, _few_digits(), torch.ones(2, device="meta")), "error.meta_tensor"),
    ("a weight name given as an array", lambda: nn.Linear(3, 3),
     lambda m: ph.apply_method(m, __import__("numpy").array(["weight"]), "l1_unstructured", 0.5), "error.unknown_name"),
]


@pytest.mark.parametrize("label, make, call, key", MODEL_CALLS, ids=[c[0] for c in MODEL_CALLS])
def test_refusals_leave_the_model_and_the_random_state_as_they_were(language, label, make, call, key):
    model = make()
    before, rng = fingerprint(model), torch.random.get_rng_state()
    with pytest.raises(ph.PruneHelperError) as caught:
        call(model)
    assert torch.equal(rng, torch.random.get_rng_state())
    assert caught.value.key == key
    assert any(marker in str(caught.value) for marker in SAYS_WHAT_TO_DO[language]), str(caught.value)
    assert not differences(before, fingerprint(model))


def test_training_with_dropout_leaves_the_random_state_and_repeats_for_one_seed():
    def trained():
        torch.manual_seed(5)
        model = nn.Sequential(nn.Flatten(), nn.Linear(64, 16), nn.Dropout(0.5), nn.Linear(16, 10))
        rng = torch.random.get_rng_state()
        ph.train(model, _few_digits(), 2, progress=False)
        assert torch.equal(rng, torch.random.get_rng_state())
        return model[1].weight.detach().clone()

    assert torch.equal(trained(), trained())


@pytest.mark.parametrize("text", ["x³", "٣", "１", "²", "12×"])
def test_korean_particles_read_any_digit_without_crashing(text):
    ph.set_language("ko")
    try:
        with pytest.raises(ph.PruneHelperError) as caught:
            ph.grade(text, 1)
        assert text in str(caught.value)
    finally:
        ph.set_language("en")


@pytest.mark.parametrize("call, key", [
    (lambda: ph.t("no.such.key"), "error.unknown_text"),
    (lambda: ph.t(["error.not_module"]), "error.unknown_text"),
    (lambda: ph.t("error.not_module"), "error.text_values"),
])
def test_the_catalog_lookup_refuses_cleanly(call, key):
    with pytest.raises(ph.PruneHelperError) as caught:
        call()
    assert caught.value.key == key


@pytest.mark.parametrize("title", ["$", "cost in $", r"$\foo$", "50% $x"])
def test_dollar_signs_in_titles_are_drawn_as_dollar_signs(title):
    picture = ph.plot_curves([1, 2], {title: [97.0, 96.5]}, title, title, title, 98.0, title)
    assert picture._repr_png_().startswith(b"\x89PNG")
