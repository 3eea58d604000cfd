"""Honest speed and FLOP measurements: medians of interleaved repeats, ratios from one run.

Timings on a shared machine drift; measuring the variants in turn, round
after round, and comparing medians keeps a slow moment from favouring one
variant.
"""

from __future__ import annotations

import math
import numbers
import statistics

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from .messages import PruneHelperError, t
from .methods import copy_model
from .tables import Table
from .validate import check_module, check_nonempty, check_tensor, check_whole, is_number


def _forward(model: nn.Module, example: torch.Tensor):
    """`model(example)`, with a clear error when the example does not fit the model."""
    try:
        return model(example)
    except Exception as error:
        raise PruneHelperError("error.example_input", shape=list(example.shape)) from error


def flops(model: nn.Module, example: torch.Tensor) -> int:
    """FLOPs PyTorch counts for one forward pass (zeros in a weight still count).

    Counted on a copy: a forward pass in training mode would move a
    BatchNorm's running statistics in the learner's model.
    """
    copied = copy_model(check_module(model))
    check_tensor(example)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        _forward(copied, example)
    return counter.get_total_flops()


def median_ms(models: dict[str, nn.Module], example: torch.Tensor, rounds: int = 5,
              min_run_time: float = 0.1) -> dict[str, list[float]]:
    """{name: [median ms of each round]}: every round times every model once, in turn.

    `torch.utils.benchmark` is imported here, not with the package: it imports
    `torch.utils.cpp_extension`, which on a CUDA build of torch without a GPU
    writes a warning to stderr that would land in every lesson's first cell.
    """
    from torch.utils import benchmark

    times = {name: [] for name in models}
    with torch.no_grad():
        for model in models.values():
            _forward(model, example)  # warm-up
        for _ in range(rounds):
            for name, model in models.items():
                timer = benchmark.Timer(stmt="model(x)", globals={"model": model, "x": example})
                times[name].append(timer.blocked_autorange(min_run_time=min_run_time).median * 1000)
    return times


def timing_copy(model: nn.Module, input_shape: tuple[int, ...], device: str | torch.device) -> nn.Module:
    """An eval-mode copy on `device`, so timing never changes the learner's model."""
    copied = copy_model(check_module(model))
    try:
        return copied.to(device).eval()
    except Exception as error:
        raise PruneHelperError("error.device", value=device) from error


MAX_ELEMENTS = 10 ** 8  # one example batch of at most 400 MB in float32


def _check_speed_inputs(models, input_shape, batch_sizes, rounds, min_run_time) -> None:
    """Everything `speed_rows` needs, checked before any copy is made or any timing starts."""
    if not isinstance(models, dict):
        raise PruneHelperError("error.not_module", kind=type(models).__name__)
    check_nonempty(models, "models", '{"dense": model}')
    for model in models.values():
        check_module(model)
    whole = isinstance(input_shape, (tuple, list, torch.Size)) and all(
        isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 1 for d in input_shape)
    if not whole:
        raise PruneHelperError("error.input_shape", value=input_shape)
    if not isinstance(batch_sizes, (tuple, list)):
        raise PruneHelperError("error.count_arg", arg="batch_sizes", minimum=1, value=batch_sizes, example=(1, 256))
    per_image = math.prod(int(d) for d in input_shape)
    if per_image > MAX_ELEMENTS:
        raise PruneHelperError("error.input_shape", value=input_shape)
    for batch in check_nonempty(batch_sizes, "batch_sizes", "(1, 256)"):
        check_whole(batch, "batch_sizes", 1, 256, maximum=max(1, MAX_ELEMENTS // per_image))
    check_whole(rounds, "rounds", 1, 5, maximum=1000)
    if not is_number(min_run_time) or not math.isfinite(min_run_time) or min_run_time <= 0:
        raise PruneHelperError("error.positive_arg", arg="min_run_time", value=min_run_time, example=0.1)


def speed_rows(models: dict[str, nn.Module], input_shape: tuple[int, ...], batch_sizes: tuple[int, ...] = (1, 256),
               rounds: int = 5, min_run_time: float = 0.1, device: str | torch.device = "cpu") -> list[dict]:
    """Median latency per model and batch size, its speed-up against the first model, and the FLOP limit."""
    _check_speed_inputs(models, input_shape, batch_sizes, rounds, min_run_time)
    models = {name: timing_copy(m, input_shape, device) for name, m in models.items()}
    reference = next(iter(models))
    rows = []
    for batch in batch_sizes:
        example = torch.randn(batch, *input_shape, generator=torch.Generator().manual_seed(0)).to(device)
        times = median_ms(models, example, rounds, min_run_time)
        medians = {name: statistics.median(values) for name, values in times.items()}
        counted = {name: flops(model, example) for name, model in models.items()}
        for name in models:
            rows.append({
                "variant": name, "batch": batch, "median_ms": medians[name],
                "min_ms": min(times[name]), "max_ms": max(times[name]),
                "speedup": _ratio(medians[reference], medians[name]), "flop_ratio": _ratio(counted[reference], counted[name]),
            })
    return rows


def _ratio(reference: float, value: float) -> float:
    """reference / value; a model that does no work at all (nn.Identity: 0 FLOPs) compares as infinitely fast."""
    return reference / value if value else math.inf if reference else 1.0


def speed_table(models: dict[str, nn.Module], input_shape: tuple[int, ...], batch_sizes: tuple[int, ...] = (1, 256),
                rounds: int = 5, min_run_time: float = 0.1, device: str | torch.device = "cpu") -> Table:
    """`speed_rows` as a table in the learner's language."""
    columns = [t(f"speed.{c}") for c in ("variant", "batch", "ms", "spread", "speedup", "flop_ratio")]
    rows = [
        [r["variant"], r["batch"], f"{r['median_ms']:.3f}", f"{r['min_ms']:.3f}–{r['max_ms']:.3f}",
         f"{r['speedup']:.2f}×", f"{r['flop_ratio']:.2f}×"]
        for r in speed_rows(models, input_shape, batch_sizes, rounds, min_run_time, device)
    ]
    return Table(columns, rows)
