"""Honest speed and FLOP measurements: medians of interleaved repeats, ratios from one run.

Timings on a shared machine drift; measuring the variants in turn, round
after round, and comparing medians keeps a slow moment from favouring one
variant.
"""

from __future__ import annotations

import statistics

import torch
from torch import nn
from torch.utils import benchmark
from torch.utils.flop_counter import FlopCounterMode

from .messages import t
from .methods import copy_model
from .tables import Table


def flops(model: nn.Module, example: torch.Tensor) -> int:
    """FLOPs PyTorch counts for one forward pass (zeros in a weight still count)."""
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(example)
    return counter.get_total_flops()


def median_ms(models: dict[str, nn.Module], example: torch.Tensor, rounds: int = 5,
              min_run_time: float = 0.1) -> dict[str, list[float]]:
    """{name: [median ms of each round]}: every round times every model once, in turn."""
    times = {name: [] for name in models}
    with torch.no_grad():
        for model in models.values():
            model(example)  # warm-up
        for _ in range(rounds):
            for name, model in models.items():
                timer = benchmark.Timer(stmt="model(x)", globals={"model": model, "x": example})
                times[name].append(timer.blocked_autorange(min_run_time=min_run_time).median * 1000)
    return times


def timing_copy(model: nn.Module, input_shape: tuple[int, ...], device: str | torch.device) -> nn.Module:
    """An eval-mode copy on `device`, so timing never changes the learner's model."""
    example = torch.zeros(1, *input_shape, device=next(model.parameters()).device)
    return copy_model(model, example).to(device).eval()


def speed_rows(models: dict[str, nn.Module], input_shape: tuple[int, ...], batch_sizes: tuple[int, ...] = (1, 256),
               rounds: int = 5, min_run_time: float = 0.1, device: str | torch.device = "cpu") -> list[dict]:
    """Median latency per model and batch size, its speed-up against the first model, and the FLOP limit."""
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
                "speedup": medians[reference] / medians[name], "flop_ratio": counted[reference] / counted[name],
            })
    return rows


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
