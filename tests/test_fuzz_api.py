"""Property-based fuzzing of the public API: every call works, or raises one catalog error and changes nothing.

The contract, checked on every example:

- either the call succeeds and its result is sane (checked per helper), or it
  raises `PruneHelperError` (never another exception);
- the error's message is its catalog text in the current language (Korean
  ones contain Hangul, English ones do not), and it is set per example;
- after an error the model is exactly as before: state_dict keys, dtypes and
  values, parameter objects, buffers, forward-pre-hooks (see fingerprint.py);
- a seeded helper never moves the learner's random state.

Layers cover Linear, Conv1d/2d/3d, ConvTranspose2d, grouped and bias-free
convolutions, BatchNorm2d, Embedding, LSTM, a 0-d parameter, float64, and
shared (tied) parameters; each can be fresh, pruned, pruned again (a
PruningContainer), structurally pruned, or pruned then `prune.remove`d.
Examples are derandomized, so CI runs the same ~2,100 examples every time.
"""

import io
import math
import re

import numpy as np
import torch
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from fingerprint import differences, fingerprint
from prune_helpers.packs import all_exercises
from prune_helpers.methods import remaining_units

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# --- layers, models and their pruning states ---------------------------------------------


class Scalar(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.tensor(0.7))

    def forward(self, x):
        return x * self.scale


def tied_linears():
    first, second = nn.Linear(4, 4), nn.Linear(4, 4)
    second.weight = first.weight
    return nn.Sequential(first, nn.ReLU(), second)


def tied_embedding():
    embedding, head = nn.Embedding(6, 4), nn.Linear(4, 6)
    head.weight = embedding.weight
    return nn.Sequential(embedding, head)


LAYERS = {
    "linear": lambda: nn.Linear(5, 4),
    "linear_no_bias": lambda: nn.Linear(5, 4, bias=False),
    "linear_f64": lambda: nn.Linear(4, 3).double(),
    "conv1d": lambda: nn.Conv1d(2, 3, 3),
    "conv2d": lambda: nn.Conv2d(2, 4, 3),
    "conv2d_grouped": lambda: nn.Conv2d(4, 4, 3, groups=2),
    "conv2d_no_bias": lambda: nn.Conv2d(2, 3, 3, bias=False),
    "conv3d": lambda: nn.Conv3d(2, 2, 2),
    "conv_transpose2d": lambda: nn.ConvTranspose2d(2, 3, 3),
    "batchnorm2d": lambda: nn.BatchNorm2d(3),
    "embedding": lambda: nn.Embedding(6, 3),
    "lstm": lambda: nn.LSTM(3, 4),
    "scalar": Scalar,
}

# (factory, example input or None)
MODELS = {
    "mlp": (lambda: nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3)),
            lambda: torch.randn(3, 4)),
    "cnn": (lambda: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                                  nn.Conv2d(4, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(6, 3)),
            lambda: torch.randn(2, 1, 6, 6)),
    "cnn_f64": (lambda: nn.Sequential(nn.Conv2d(1, 3, 3), nn.ReLU(), nn.Conv2d(3, 4, 3), nn.AdaptiveAvgPool2d(1),
                                      nn.Flatten(), nn.Linear(4, 2)).double(),
                lambda: torch.randn(2, 1, 7, 7, dtype=torch.float64)),
    "ends_in_conv": (lambda: nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 1)),
                     lambda: torch.randn(2, 1, 5, 5)),
    "bn_no_affine": (lambda: nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4, affine=False), nn.ReLU(),
                                           nn.Conv2d(4, 2, 3)), lambda: torch.randn(2, 1, 6, 6)),
    "bn_no_stats": (lambda: nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4, track_running_stats=False),
                                          nn.Conv2d(4, 2, 3)), lambda: torch.randn(2, 1, 6, 6)),
    "grouped": (lambda: nn.Sequential(nn.Conv2d(2, 4, 3), nn.ReLU(), nn.Conv2d(4, 4, 3, groups=2)),
                lambda: torch.randn(2, 2, 6, 6)),
    "linear_on_map": (lambda: nn.Sequential(nn.Conv2d(1, 3, 3), nn.ReLU(), nn.Linear(4, 2)),
                      lambda: torch.randn(2, 1, 6, 6)),
    "tied_linears": (tied_linears, lambda: torch.randn(3, 4)),
    "tied_embedding": (tied_embedding, lambda: torch.randint(0, 6, (2, 3))),
    "lstm": (lambda: nn.LSTM(3, 4), None),
    "conv3d": (lambda: nn.Sequential(nn.Conv3d(1, 2, 2), nn.ReLU(), nn.Conv3d(2, 2, 2)), lambda: torch.randn(1, 1, 4, 4, 4)),
    "single_linear": (lambda: nn.Linear(3, 2), lambda: torch.randn(2, 3)),
    "no_parameters": (lambda: nn.Sequential(nn.ReLU(), nn.Flatten()), lambda: torch.randn(2, 3)),
}

STATES = ["fresh", "pruned", "repruned", "structured", "removed", "filters"]


def prunable_pairs(model: nn.Module) -> list[tuple[nn.Module, str]]:
    pairs = []
    for module in model.modules():
        for name in ph.validate.prunable_names(module):
            pairs.append((module, name))
    return pairs


def put_in_state(model: nn.Module, state: str, seed: int) -> nn.Module:
    """Prune every weight-like tensor of `model` with plain PyTorch calls, as a learner would have."""
    torch.manual_seed(seed)
    if state == "fresh":
        return model
    if state == "filters":  # what prune_filters does, in plain PyTorch: filters and their biases
        layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))][:-1]
        for layer in layers:
            prune.ln_structured(layer, name="weight", amount=0.5, n=2, dim=0)
            if layer.bias is not None:
                prune.custom_from_mask(layer, name="bias", mask=layer.weight_mask.flatten(1).amax(dim=1))
        return model
    for module, name in prunable_pairs(model):
        if name.startswith("bias") or not hasattr(module, name) or name + "_mask" in module._buffers:
            continue
        tensor = getattr(module, name)
        if state == "structured":
            if tensor.dim() >= 2:
                prune.ln_structured(module, name=name, amount=0.5, n=2, dim=0)
            continue
        prune.l1_unstructured(module, name=name, amount=0.3)
        if state == "repruned":
            prune.random_unstructured(module, name=name, amount=0.3)
            if tensor.dim() >= 2:
                prune.ln_structured(module, name=name, amount=1, n=1, dim=0)
        if state == "removed":
            prune.remove(module, name)
    return model


# --- inputs of every type and edge value ------------------------------------------------------

EDGE_AMOUNTS = [0, 1, 0.0, 1.0, -0.0, -1, 2, 3, 27, 54, 1.5, -0.5, 1e-300, 0.9999999, 5e-324, math.nan, math.inf,
                -math.inf, True, False, None, "half", "0.5", 10 ** 30, -(10 ** 30), 2 ** 63, np.float32(0.5),
                np.float64(0.25), np.int64(3), np.int32(0), np.bool_(True), torch.tensor(0.5), [0.5], 0.5j]
amounts = st.one_of(st.sampled_from(EDGE_AMOUNTS), st.floats(-0.5, 1.5), st.floats(0, 1), st.integers(-3, 70))


def mostly(valid, rare):
    """`valid` three times in four, `rare` otherwise, so the success path gets its share of examples too.

    (st.one_of would not do: Hypothesis favours the branch with the richer
    structure, and the edge-case strategies are the richer ones.)
    """
    return st.sampled_from([True, True, True, False]).flatmap(lambda usual: valid if usual else rare)


mostly_valid = mostly(st.one_of(st.floats(0, 1), st.integers(0, 3)), amounts)
seeds = st.one_of(st.sampled_from([0, 1, None, -1, 2 ** 70, np.int64(7), 1.5, "0", True, [0]]), st.integers(0, 10 ** 6))
method_names = st.one_of(st.sampled_from(sorted(ph.METHODS)), st.sampled_from(["magic", "", "L1_unstructured", None, 3,
                                                                              ("l1_unstructured",)]))
languages = st.sampled_from(["ko", "en"])


def check_refusal(error: ph.PruneHelperError, language: str) -> None:
    message = str(error)
    assert message == ph.t(error.key, **error.values)
    if language == "ko":
        assert HANGUL.search(message), message
    else:
        assert not HANGUL.search(message), message


def contract(model, call, language, read_only=False, label=""):
    """Run `call()`; on PruneHelperError check the message and that `model` is exactly as before.

    Returns (True, result) on success, (False, error) on a refusal. Any other
    exception fails the test.
    """
    ph.set_language(language)
    before = fingerprint(model) if isinstance(model, nn.Module) else None
    try:
        result = call()
    except ph.PruneHelperError as error:
        event(f"{label} refused: {error.key}")
        check_refusal(error, language)
        if before is not None:
            assert not differences(before, fingerprint(model)), differences(before, fingerprint(model))
        return False, error
    event(f"{label} worked")
    if read_only and before is not None:
        assert not differences(before, fingerprint(model)), differences(before, fingerprint(model))
    return True, result


# --- apply_method: every layer kind, state, method, name, amount and seed ---------------------


@fuzz(900)
@given(layer=st.sampled_from(sorted(LAYERS)), state=st.sampled_from(STATES),
       method=mostly(st.sampled_from(sorted(ph.METHODS)), method_names),
       amount=mostly(st.one_of(st.floats(0, 1), st.integers(0, 60)), amounts),
       seed=mostly(st.sampled_from([0, 3, None, 12345]), seeds),
       language=languages, setup_seed=st.integers(0, 3), data=st.data())
def test_apply_method_works_or_refuses_cleanly(layer, state, method, amount, seed, language, setup_seed, data):
    module = put_in_state(LAYERS[layer](), state, setup_seed)
    names = ph.validate.prunable_names(module)
    name = data.draw(mostly(st.sampled_from(names), st.sampled_from(["wieght", "weight_orig", "bias", "scale",
                                                                    "weight_ih_l0"])), label="name")
    valid_name = name in ph.validate.prunable_names(module)
    structured = isinstance(method, str) and method in ph.METHODS and ph.METHODS[method].structured
    units = remaining_units(module, name, structured)[0] if valid_name and getattr(module, name).dim() else None
    zeros_before = int((module._buffers[name + "_mask"] == 0).sum()) if valid_name and name + "_mask" in module._buffers else 0
    rng = torch.random.get_rng_state()
    ok, result = contract(module, lambda: ph.apply_method(module, name, method, amount, seed=seed), language,
                          label=f"{state}")
    if seed is not None or not ok:
        assert torch.equal(torch.random.get_rng_state(), rng)
    if not ok:
        return
    assert result.startswith(f"prune.{method}(module")
    mask = getattr(module, name + "_mask")
    assert prune.is_pruned(module) and mask.shape == getattr(module, name).shape
    if not structured and units is not None:
        expected = int(amount) if isinstance(amount, (int, np.integer)) else round(float(amount) * units)
        assert int((mask == 0).sum()) - zeros_before == expected


# --- model-level helpers ---------------------------------------------------------------------


def check_table(table):
    text = str(table)
    assert table.columns and isinstance(text, str) and "<table>" in table._repr_html_()


def model_call(helper, model, example, data):
    """(call, read_only, sanity check of the result) for `helper` on `model`.

    Layer-level helpers get one of the model's layers (or the model itself):
    the whole model is still what must stay unchanged.
    """
    layers = [m for m in model.modules() if ph.validate.prunable_names(m)] + [model]
    layer = data.draw(st.sampled_from(layers), label="layer")
    if helper == "sparsity_totals":
        return lambda: ph.sparsity_totals(model), True, lambda r: 0 <= r[0] <= r[1]
    if helper == "sparsity_report":
        return lambda: ph.sparsity_report(model), True, check_table
    if helper == "weights_kept":
        return lambda: ph.weights_kept(model), True, lambda r: 0.0 <= r <= 1.0
    if helper == "checkpoint_sizes":
        return lambda: ph.checkpoint_sizes(model), True, lambda r: len(r.rows) == 6
    if helper == "describe":
        return lambda: (ph.describe(model), ph.snapshot(model), ph.pruning_hooks(model)), True, lambda r: check_table(r[0])
    if helper == "pruning_history":
        name = data.draw(mostly(st.sampled_from(ph.validate.prunable_names(layer) or ["weight"]), st.just("nope")),
                         label="name")
        return lambda: ph.pruning_history(layer, name), True, check_table
    if helper == "kept_outputs":
        return lambda: ph.kept_outputs(layer), True, lambda r: all(isinstance(i, int) for i in r)
    if helper == "copy_model":
        return lambda: (ph.copy_model(model), ph.permanent_copy(model)), True, lambda r: not prune.is_pruned(r[1])
    if helper == "serialized_size":
        return lambda: ph.serialized_size(model), True, lambda r: r > 0
    if helper == "removed_state":
        def pack_round_trip():
            removed = ph.removed_state(model)
            dtype = data.draw(st.sampled_from([None, torch.float16, torch.float64]), label="dtype")
            buffer = io.BytesIO()
            torch.save(ph.pack_bitmask(removed, dtype), buffer)
            buffer.seek(0)
            return removed, ph.unpack_bitmask(torch.load(buffer, weights_only=True)), dtype

        def same_values(r):
            removed, unpacked, dtype = r
            assert list(unpacked) == list(removed)
            for key, value in removed.items():
                assert unpacked[key].dtype == value.dtype
                if dtype is None or not value.is_floating_point():
                    assert torch.equal(unpacked[key], value), key
        return pack_round_trip, True, same_values
    if helper == "prune_globally":
        sparsity = data.draw(mostly_valid, label="sparsity")
        return lambda: ph.prune_globally(model, sparsity), False, lambda r: r is model
    if helper == "prune_filters":
        amount = data.draw(mostly_valid, label="amount")
        n = data.draw(mostly(st.sampled_from([2, 1, math.inf, 0.5]), st.sampled_from([0, -1, "fro", math.nan, None, True])),
                      label="n")
        return lambda: ph.prune_filters(model, amount, n), False, lambda r: r is model
    if helper == "compact":
        def compact_matches(compacted):
            if example is not None:
                reference, smaller = ph.copy_model(model).eval(), ph.copy_model(compacted).eval()
                with torch.no_grad():
                    assert (reference(example) - smaller(example)).abs().max() < 1e-5
        return lambda: ph.compact(model), True, compact_matches
    if helper == "compact_with_torch_pruning":
        given = example if example is not None and data.draw(st.booleans(), label="fits") else torch.zeros(1, 9)
        return lambda: ph.compact_with_torch_pruning(model, given), True, lambda r: isinstance(r, nn.Module)
    if helper == "flops":
        given = example if example is not None and data.draw(st.booleans(), label="fits") else torch.zeros(1, 9)
        return lambda: ph.flops(model, given), True, lambda r: r >= 0
    if helper == "remove_pruning":
        name = data.draw(mostly(st.sampled_from(ph.validate.prunable_names(layer) or ["weight"]), st.just("nope")),
                         label="name")
        return lambda: ph.remove_pruning(layer, name), False, lambda r: r.startswith("prune.remove")
    raise AssertionError(helper)


MODEL_HELPERS = ["sparsity_totals", "sparsity_report", "weights_kept", "checkpoint_sizes", "describe",
                 "pruning_history", "kept_outputs", "copy_model", "serialized_size", "removed_state",
                 "prune_globally", "prune_filters", "compact", "compact_with_torch_pruning", "flops",
                 "remove_pruning"]


@fuzz(900)
@given(kind=st.sampled_from(sorted(MODELS) * 3 + sorted(LAYERS)), state=st.sampled_from(STATES),
       helper=st.sampled_from(MODEL_HELPERS), training=st.booleans(), language=languages, data=st.data())
def test_model_helpers_work_or_refuse_cleanly(kind, state, helper, training, language, data):
    if kind in MODELS:
        factory, make_example = MODELS[kind]
    else:
        factory, make_example = LAYERS[kind], None
    model = put_in_state(factory(), state, 0).train(training)
    example = make_example() if make_example else None
    call, read_only, sane = model_call(helper, model, example, data)
    ok, result = contract(model, call, language, read_only, label=helper)
    if ok:
        sane(result)


# --- checkpoints: any state into any model ----------------------------------------------------


def damaged(state: dict, how: str) -> dict:
    state = dict(state)
    keys = list(state)
    if not keys or how == "as is":
        return state
    key = keys[len(keys) // 2]
    if how == "drop a key":
        del state[key]
    elif how == "rename a key":
        state["x." + key] = state.pop(key)
    elif how == "reshape a tensor":
        state[key] = torch.zeros(3, 1, 2)
    elif how == "a non-tensor value":
        state[key] = [1.0]
    elif how == "drop a mask":
        for candidate in keys:
            if candidate.endswith("_mask"):
                del state[candidate]
                break
    elif how == "orig back to plain":
        for candidate in keys:
            if candidate.endswith("_orig"):
                state[candidate[: -len("_orig")]] = state.pop(candidate)
                break
    return state


@fuzz(300)
@given(source=st.sampled_from(sorted(MODELS)), other=st.sampled_from(sorted(MODELS)), same=st.booleans(),
       source_state=st.sampled_from(STATES), target_state=st.sampled_from(STATES),
       how=st.sampled_from(["as is", "as is", "as is", "drop a key", "rename a key", "reshape a tensor",
                            "a non-tensor value", "drop a mask", "orig back to plain"]),
       language=languages)
def test_load_into_works_or_changes_nothing(source, other, same, source_state, target_state, how, language):
    target = source if same else other
    saved = put_in_state(MODELS[source][0](), source_state, 1).state_dict()
    state = damaged(saved, how)
    model = put_in_state(MODELS[target][0](), target_state, 2)
    ok, restored = contract(model, lambda: ph.load_into(model, state), language, label=how)
    if ok:
        assert restored is model
        loaded = model.state_dict()
        assert set(loaded) == set(state)
        assert all(torch.equal(loaded[k], v.to(loaded[k].dtype)) for k, v in state.items())


@fuzz(60)
@given(kind=st.sampled_from(sorted(MODELS)), state=st.sampled_from(STATES), cut=st.floats(0, 1), language=languages)
def test_saving_and_loading_files_works_or_refuses_cleanly(tmp_path_factory, kind, state, cut, language):
    folder = tmp_path_factory.mktemp("ckpt")
    model = put_in_state(MODELS[kind][0](), state, 3)
    ok, size = contract(model, lambda: ph.save_state(model, folder / "m.pt"), language, read_only=True)
    assert ok and size == ph.serialized_size(model)
    data = (folder / "m.pt").read_bytes()
    (folder / "cut.pt").write_bytes(data[: int(cut * len(data))])
    ok, loaded = contract(None, lambda: ph.load_state(folder / "cut.pt"), language)
    if ok:
        assert set(loaded) == set(model.state_dict())


# --- pictures and widgets -----------------------------------------------------------------------


@fuzz(250)
@given(layer=st.sampled_from(sorted(LAYERS)), amount=mostly_valid,
       view=st.sampled_from(["AmountExplorer", "MethodComparison", "mask_png", "plot_mask", "MaskSteps", "plot_masks",
                             "plot_histogram", "plot_layer_sparsity", "Calculator"]),
       group=mostly(st.none(), st.sampled_from([4, 2, 0, "4", 1.5])), language=languages, data=st.data())
def test_pictures_and_widgets_work_or_refuse_cleanly(layer, amount, view, group, language, data):
    usual = st.just("fresh") if view in ("AmountExplorer", "MethodComparison") else st.sampled_from(STATES[1:])
    state = data.draw(mostly(usual, st.sampled_from(STATES)), label="state")
    module = put_in_state(LAYERS[layer](), state, 4)
    names = ph.validate.prunable_names(module)
    name = data.draw(mostly(st.sampled_from(names), st.just("nope")), label="name")
    if view == "AmountExplorer":
        method = data.draw(mostly(st.sampled_from(sorted(ph.METHODS)), method_names), label="method")
        call = lambda: ph.AmountExplorer(module, name=name, method=method, amount=amount)  # noqa: E731
    elif view == "MethodComparison":
        call = lambda: ph.MethodComparison(module, name=name, amount=amount)  # noqa: E731
    elif view == "mask_png":
        mask = getattr(module, name + "_mask", getattr(module, name, torch.ones(2)))
        size = data.draw(mostly(st.just(320), st.sampled_from([1, 0, -5, 2.5, None])), label="size")
        call = lambda: ph.mask_png(mask, getattr(module, "bias", None), size=size, group=group)  # noqa: E731
    elif view == "plot_mask":
        call = lambda: ph.plot_mask(module, name, group=group)  # noqa: E731
    elif view == "MaskSteps":
        masks = [m for _, m in module.named_buffers() if _.endswith("_mask")] or data.draw(
            st.sampled_from([[], [torch.ones(0)], (torch.ones(3, 3),), torch.ones(2)]), label="masks")
        call = lambda: ph.MaskSteps(masks)  # noqa: E731
    elif view == "plot_masks":
        masks = {n: b for n, b in module.named_buffers() if n.endswith("_mask")} or data.draw(
            st.sampled_from([{}, {"w": torch.ones(0)}, [torch.ones(2)], {"w": torch.ones(4, 8)}]), label="masks")
        call = lambda: ph.plot_masks(masks, title="t", group=group)  # noqa: E731
    elif view == "plot_histogram":
        tensors = data.draw(mostly(st.just({n: p for n, p in module.named_parameters()}),
                                   st.sampled_from([{}, torch.tensor([math.nan, 1.0]), torch.zeros(3), [1.0]])),
                            label="tensors")
        bins = data.draw(mostly(st.integers(1, 40), st.sampled_from([0, -1, 2.5, "10", None])), label="bins")
        call = lambda: ph.plot_histogram(tensors, bins=bins)  # noqa: E731
    elif view == "plot_layer_sparsity":
        models = data.draw(mostly(st.just({"a": module, "b": module}), st.sampled_from([{}, [module], {"x": 3}])),
                           label="models")
        call = lambda: ph.plot_layer_sparsity(models)  # noqa: E731
    else:
        spec = data.draw(mostly(st.tuples(st.floats(0, 0.4), st.floats(0.6, 1), st.floats(0.01, 0.2), st.just(0.5)),
                                st.one_of(anything, st.tuples(st.floats(), st.floats(), st.floats(), st.floats()))),
                         label="slider")
        key = data.draw(mostly(st.just("calc.compound"), st.sampled_from(["calc.nope", None, 3])), label="text key")
        call = lambda: ph.Calculator(ph.compounded_sparsity, key, amount=spec, steps=(1, 10, 1, 2))  # noqa: E731
    ok, result = contract(module, call, language, read_only=True, label=view)
    if ok and view in ("AmountExplorer", "MethodComparison"):
        result.slider.value = 0.35
        assert not prune.is_pruned(module) or state != "fresh"


# --- plain functions: arithmetic and the exercise checker --------------------------------------

anything = st.one_of(
    st.sampled_from(EDGE_AMOUNTS), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=6),
    st.lists(st.floats(-2, 2), max_size=5), st.tuples(st.integers(0, 40), st.integers(0, 40)),
    st.builds(lambda v: np.array(v), st.lists(st.floats(-2, 2), max_size=4)),
    st.builds(lambda v: torch.tensor(v), st.lists(st.integers(-5, 60), max_size=3)),
    st.sets(st.sampled_from(["weight_mask", "bias_mask", "weight_orig"])), st.booleans(), st.none(),
)


FRACTION = mostly(st.one_of(st.floats(0, 1), st.sampled_from([0, 1, 0.0, 1.0])), anything)
WHOLE = mostly(st.integers(0, 12), anything)
ARGUMENTS = {"compounded_sparsity": (FRACTION, WHOLE), "removed_between": (FRACTION, FRACTION),
             "n_m_sparsity": (WHOLE, WHOLE), "bitmask_limit": (FRACTION, mostly(st.sampled_from([8, 16, 32]), WHOLE))}


@fuzz(300)
@given(function=st.sampled_from(sorted(ARGUMENTS)), language=languages, data=st.data())
def test_sparsity_arithmetic_works_or_refuses_cleanly(function, language, data):
    a, b = (data.draw(strategy, label=f"argument {i}") for i, strategy in enumerate(ARGUMENTS[function]))
    ok, result = contract(None, lambda: getattr(ph, function)(a, b), language, label=function)
    if ok:
        assert isinstance(result, float) and not math.isnan(result)
        if function != "bitmask_limit":
            assert -1e-12 <= result <= 1.0 + 1e-12


@fuzz(200)
@given(exercise_id=st.sampled_from(sorted(all_exercises())), answer=anything, language=languages)
def test_the_checker_never_crashes_and_answers_in_the_lesson_language(exercise_id, answer, language):
    ph.set_language(language)
    correct, reply = ph.grade(exercise_id, answer)
    assert correct in (True, False, None) and reply.startswith(f"[{exercise_id}]")
    assert bool(HANGUL.search(reply)) == (language == "ko")


# --- training helpers and model builders: foreign models, arguments of every type ------------------

ODD = [None, True, 0, -1, 1, 2, 0.5, -0.5, 1.5, math.nan, math.inf, "x", "cpu", "cuda", "meta", "cuda:7", [], [0.5],
       [0.5, 0.9], (0.5,), [1.0, 0.0], {0: 1}, torch.tensor(0.5), torch.tensor([0.5, 0.9]), np.float64(0.5),
       np.int64(3), nn.Linear(2, 2), object(), 0.5j, [math.nan], [-0.1], ["a"], torch.device("cpu"), torch.float64,
       torch.complex64, torch.int32, torch.float16]


def few_digits():
    """64 training and 20 test images: enough for every helper to run a whole step in milliseconds."""
    full = ph.load_digits_data()
    return ph.training.Digits(full.train_x[:64], full.train_y[:64], full.test_x[:20], full.test_y[:20])


DIGITS = few_digits()


def pruned_mlp():
    """Pruned and never run forward: its `weight` carries autograd history, which `copy.deepcopy` refuses."""
    model = ph.small_mlp()
    prune.global_unstructured(ph.prunable_layers(model), prune.L1Unstructured, amount=0.5)
    return model


DIGIT_MODELS = {
    "small_mlp": ph.small_mlp, "pruned_mlp": pruned_mlp, "small_cnn_f64": lambda: ph.small_cnn(dtype=torch.float64),
    "tiny_vit": ph.tiny_vit, "frozen": lambda: ph.small_mlp().requires_grad_(False),
    "wrong_input": lambda: nn.Linear(3, 3), "five_classes": lambda: nn.Sequential(nn.Flatten(), nn.Linear(64, 5)),
    "no_parameters": nn.ReLU, "lstm": lambda: nn.LSTM(8, 8), "empty": nn.Sequential,
}

# helper -> (call with the arguments in order, the usual arguments after the model, does success leave the model alone)
TRAINING_CALLS = {
    "train": (lambda m, epochs, lr, seed, batch, device: ph.train(m, DIGITS, epochs, lr, seed, batch, device,
                                                                   progress=False), [1, 3e-3, 0, 32, None], False),
    "accuracy": (lambda m, data, device: ph.accuracy(m, data, device), [DIGITS, None], False),
    "accuracy_curve": (lambda m, sparsities, prune_fn, epochs: ph.accuracy_curve(m, DIGITS, sparsities, prune_fn,
                                                                                  epochs),
                       [[0.5], ph.prune_globally, 0], True),
    "iterative_pruning": (lambda m, schedule, epochs: ph.iterative_pruning(m, DIGITS, schedule, epochs),
                          [[0.5], 1], True),
    "sensitivity_scan": (lambda m, sparsities: ph.sensitivity_scan(m, DIGITS, sparsities), [[0.5]], True),
    "paired_difference": (lambda m, other, data: ph.paired_difference(m, other, data), [ph.small_mlp(), DIGITS], True),
    "prune_globally": (lambda m, sparsity: ph.prune_globally(m, sparsity), [0.5], False),
}


@fuzz(300)
@given(helper=st.sampled_from(sorted(TRAINING_CALLS)), kind=st.sampled_from(sorted(DIGIT_MODELS)),
       language=languages, data=st.data())
def test_training_helpers_work_or_refuse_cleanly(helper, kind, language, data):
    """Train, measure and prune any model with any argument: it works, or it is refused and the model is untouched."""
    call, usual, leaves_model_alone = TRAINING_CALLS[helper]
    arguments = list(usual)
    slot = data.draw(st.sampled_from([None, *range(len(arguments))]), label="odd argument")
    if slot is not None:
        arguments[slot] = data.draw(st.sampled_from(ODD), label="value")
    model = DIGIT_MODELS[kind]()
    ok, result = contract(model, lambda: call(model, *arguments), language, read_only=leaves_model_alone,
                          label=helper)
    if ok and helper in ("accuracy", "accuracy_curve", "iterative_pruning"):
        values = [result] if helper == "accuracy" else result if helper == "accuracy_curve" else result[1]
        assert all(0.0 <= value <= 100.0 for value in values), values


BUILDERS = {
    "small_cnn": (ph.small_cnn, [10, 1, None, None]),
    "small_mlp": (ph.small_mlp, [100, None, None]),
    "tiny_mlp": (ph.tiny_mlp, [None, None]),
    "tiny_vit": (ph.tiny_vit, [0, None, torch.float64]),
    "TinyViT": (ph.TinyViT, [4, 32, 2, 4, 64, 10]),
    "load_digits_data": (ph.load_digits_data, [0, None, torch.float32]),
}


@fuzz(200)
@given(builder=st.sampled_from(sorted(BUILDERS)), value=st.sampled_from(ODD + [10 ** 9, 3, 7, 16, 64]),
       language=languages, data=st.data())
def test_model_builders_work_or_refuse_cleanly_and_keep_the_random_state(builder, value, language, data):
    function, arguments = BUILDERS[builder]
    arguments = list(arguments)
    arguments[data.draw(st.integers(0, len(arguments) - 1), label="slot")] = value
    rng = torch.random.get_rng_state()
    ok, result = contract(None, lambda: function(*arguments), language, label=builder)
    if not ok:
        assert torch.equal(torch.random.get_rng_state(), rng), "a refused builder must draw nothing"
    elif builder != "load_digits_data":
        assert isinstance(result, nn.Module)


FUZZ_TESTS = [
    test_apply_method_works_or_refuses_cleanly, test_model_helpers_work_or_refuse_cleanly,
    test_load_into_works_or_changes_nothing, test_saving_and_loading_files_works_or_refuses_cleanly,
    test_pictures_and_widgets_work_or_refuse_cleanly, test_sparsity_arithmetic_works_or_refuses_cleanly,
    test_the_checker_never_crashes_and_answers_in_the_lesson_language, test_training_helpers_work_or_refuse_cleanly,
    test_model_builders_work_or_refuse_cleanly_and_keep_the_random_state,
]


def test_ci_runs_at_least_2000_examples():
    """The examples are derandomized, so CI runs the same ones every time; their budget must not shrink."""
    assert sum(test._hypothesis_internal_use_settings.max_examples for test in FUZZ_TESTS) >= 2000
    assert all(test._hypothesis_internal_use_settings.derandomize for test in FUZZ_TESTS)
