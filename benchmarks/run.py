"""Every speed, size and accuracy goal of the course, measured in one run and printed as tables.

    .venv/bin/python benchmarks/run.py             # everything (about 6 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick     # a short smoke run: proves it works, times mean nothing
    .venv/bin/python benchmarks/run.py --markdown benchmarks/RESULTS.md   # also write the tables there

Each figure is a median over repeats; each comparison is a ratio of two
figures measured in the same run, interleaved. Nothing here fails on a time:
a missed target is reported as missed, with the reason measured.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib.util
import io
import platform
import statistics
import sys
import time
from pathlib import Path

import ipywidgets as widgets
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.utils import prune  # noqa: E402

import prune_helpers as ph  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SECTIONS: list[tuple[str, list[str], list[list[str]]]] = []


def report(title: str, columns: list[str], rows: list[list]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    SECTIONS.append((title, columns, cells))
    widths = [max(len(r[i]) for r in [columns] + cells) for i in range(len(columns))]
    print(f"\n## {title}")
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    sys.stdout.flush()


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


# --- 1. slider update -----------------------------------------------------------------


def naive_slider(layer: nn.Module):
    """The baseline a beginner writes: `interact`, a fresh copy, a new pyplot figure per change."""

    def draw(amount):
        pruned = copy.deepcopy(layer)
        prune.random_unstructured(pruned, name="weight", amount=amount)
        figure = plt.figure(figsize=(6, 6))
        plt.imshow(ph.mask_grid(pruned.weight_mask), cmap="gray", interpolation="nearest")
        plt.title(f"amount={amount:.2f}")
        figure.savefig(io.BytesIO(), format="png")  # what the inline backend does to show it
        plt.close(figure)

    slider = widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05)
    widgets.interactive(draw, amount=slider)
    return slider


def time_moves(slider, values) -> list[float]:
    times = []
    for value in values:
        started = time.perf_counter()
        slider.value = value
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench_slider(quick: bool) -> None:
    torch.manual_seed(0)
    layer = nn.Conv2d(64, 64, 3)
    explorer = ph.AmountExplorer(layer)
    values = [round(0.05 * i, 2) for i in range(1, 20)] * (1 if quick else 3)
    ours, naive = [], []
    with contextlib.redirect_stdout(io.StringIO()):  # interact's clear_output prints escape codes outside Jupyter
        baseline = naive_slider(layer)
        for value in values:  # interleaved: one move each, in turn
            ours += time_moves(explorer.slider, [value])
            naive += time_moves(baseline, [value])
    ours_ms, naive_ms = statistics.median(ours), statistics.median(naive)
    report("1. Slider update, Conv2d(64, 64, 3), kernel side", ["approach", "median ms", "p90 ms", "ratio", "target", "status"], [
        ["AmountExplorer (fresh copy, mask -> PNG -> widgets.Image)", f"{ours_ms:.2f}",
         f"{sorted(ours)[int(0.9 * len(ours))]:.2f}", f"{naive_ms / ours_ms:.1f}x faster",
         "<= 10 ms and >= 15x", verdict(ours_ms <= 10 and naive_ms / ours_ms >= 15)],
        ["interact + new matplotlib figure per change", f"{naive_ms:.2f}", f"{sorted(naive)[int(0.9 * len(naive))]:.2f}",
         "1.0x", "", ""],
    ])


def bench_new_widgets(quick: bool) -> None:
    """Lessons 13 and 14's widgets: a schedule redraw and a head switched off, each one synchronous update."""
    explorer = ph.ScheduleExplorer()
    finals = [round(0.5 + 0.02 * i, 2) for i in range(1, 24)] * (1 if quick else 3)
    schedule_ms = time_moves(explorer.final, finals)
    data = ph.load_digits_data(dtype=torch.float64)
    toggles = ph.HeadToggles(ph.tiny_vit(), data)
    boxes = list(toggles.boxes.values())
    head_ms = []
    for round_ in range(2 if quick else 6):
        for box in boxes:
            started = time.perf_counter()
            box.value = not box.value
            head_ms.append((time.perf_counter() - started) * 1000)
    rows = []
    for name, times in (("ScheduleExplorer: final sparsity moved (lesson 13)", schedule_ms),
                        ("HeadToggles: one head switched off or on, 360 images (lesson 14)", head_ms)):
        median = statistics.median(times)
        rows.append([name, f"{median:.2f}", f"{sorted(times)[int(0.9 * len(times))]:.2f}", "<= 50 ms", verdict(median <= 50)])
    report("1b. Widget updates of lessons 13-14, kernel side", ["widget", "median ms", "p90 ms", "target", "status"], rows)


# --- 2. lesson run time ------------------------------------------------------------------


def bench_lessons(quick: bool) -> None:
    spec = importlib.util.spec_from_file_location("notebook_build", ROOT / "lessons" / "build.py")
    build = sys.modules["notebook_build"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    lessons = build.lessons()[:1] if quick else build.lessons()
    rows, totals = [], {}
    for lesson in lessons:
        row = [lesson.stem]
        for language in build.LANGUAGES:
            started = time.perf_counter()
            build.execute(build.generate(lesson, language), language)
            seconds = time.perf_counter() - started
            totals[language] = totals.get(language, 0.0) + seconds
            row.append(f"{seconds:.1f}")
        row.append(verdict(max(float(x) for x in row[1:]) <= 20))
        rows.append(row)
    rows.append(["whole series"] + [f"{totals[lang]:.1f}" for lang in build.LANGUAGES]
                + [verdict(all(v <= 120 for v in totals.values())) + " (<= 120 s per language)"])
    report("2. Lesson run time, fresh kernel via nbclient (s)", ["lesson", "ko", "en", "<= 20 s"], rows)


# --- 3. compaction speed-up ----------------------------------------------------------------


def compaction_models() -> dict[str, nn.Module]:
    torch.manual_seed(0)
    dense = ph.small_cnn()
    masked = ph.prune_filters(copy.deepcopy(dense), 0.5)
    example = torch.zeros(1, 1, 8, 8)
    return {
        "dense": dense, "masked 50%": masked, "removed 50%": ph.permanent_copy(masked, example), "compact 50%": ph.compact(masked),
        "compact 75%": ph.compact(ph.prune_filters(copy.deepcopy(dense), 0.75)),
        "Torch-Pruning 50%": ph.compact_with_torch_pruning(masked, example),
    }


def bench_compaction(quick: bool) -> None:
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    models = compaction_models()
    for device in devices:
        rows = ph.measure.speed_rows(models, (1, 8, 8), (1, 256), rounds=2 if quick else 9,
                                     min_run_time=0.02 if quick else 0.2, device=device)
        by = {(r["variant"], r["batch"]): r for r in rows}
        ours, ref = by[("compact 50%", 256)], by[("Torch-Pruning 50%", 256)]
        table = []
        for r in rows:
            status = ""
            if (r["variant"], r["batch"]) == ("compact 50%", 256):
                status = verdict(r["speedup"] >= 2.5 and ours["median_ms"] <= ref["median_ms"] * 1.05)
                status += f" (>= 2.5x; vs Torch-Pruning {ref['median_ms'] / ours['median_ms']:.2f}x)"
            table.append([r["variant"], r["batch"], f"{r['median_ms']:.3f}", f"{r['min_ms']:.3f}-{r['max_ms']:.3f}",
                          f"{r['speedup']:.2f}x", f"{r['flop_ratio']:.2f}x", status])
        report(f"3. Compaction speed-up on {device} ({torch.get_num_threads()} thread(s)), median ms",
               ["variant", "batch", "median", "min-max", "speed-up", "FLOP limit", "target"], table)


# --- 4. checkpoint size ---------------------------------------------------------------------


def bench_sizes(trained: nn.Module) -> None:
    rows = []
    for sparsity in (0.5, 0.8, 0.9, 0.95):
        model = ph.prune_globally(copy.deepcopy(trained), sparsity)
        actual, formats = ph.storage.checkpoint_size_rows(model)
        cells = {f["format"]: f for f in formats}
        row = [f"{sparsity:.0%} ({actual:.1%} of all)"]
        for name in ("dense", "masked", "removed", "compressed", "bitmask_fp32", "bitmask_fp16"):
            f = cells[name]
            limit = "" if f["limit"] is None else f" / {f['limit']:.2f}"
            row.append(f"{f['ratio']:.2f}x{limit}")
        status = ""
        if sparsity == 0.9:
            status = verdict(cells["bitmask_fp32"]["ratio"] >= 7 and cells["bitmask_fp16"]["ratio"] >= 10)
            status += " (>= 7x fp32, >= 10x fp16)"
        rows.append(row + [status])
    report("4. Checkpoint size: times smaller than dense (measured / limit)",
           ["weight sparsity", "dense", "masked", "removed", "zlib", "bitmask+fp32", "bitmask+fp16", "target at 90%"], rows)


# --- 5. helper overhead ---------------------------------------------------------------------


def big_model() -> nn.Module:
    """About 25M parameters, pruned, so reports read masks and computed weights."""
    torch.manual_seed(0)
    model = nn.Sequential(*[nn.Linear(2236, 2236) for _ in range(5)])
    prune.global_unstructured(ph.prunable_layers(model), pruning_method=prune.L1Unstructured, amount=0.5)
    return model


def raw_sparsity(model: nn.Module) -> tuple[int, int]:
    zeros = total = 0
    for module in model.modules():
        for name, _ in module.named_parameters(recurse=False):
            tensor = getattr(module, name[:-5] if name.endswith("_orig") else name)
            zeros += int((tensor == 0).sum())
            total += tensor.numel()
    return zeros, total


def raw_introspection(model: nn.Module) -> list[tuple]:
    """The same facts `ph.describe` shows, gathered with plain torch calls and no table."""
    rows = []
    for module in model:
        tensors = list(module.named_parameters(recurse=False)) + list(module.named_buffers(recurse=False))
        rows += [(name, list(t.shape), t.requires_grad, str(t.device)) for name, t in tensors]
        rows += [(type(hook).__name__, getattr(hook, "_tensor_name", "")) for hook in module._forward_pre_hooks.values()]
        rows += [(h._tensor_name, list(getattr(module, h._tensor_name).shape)) for h in module._forward_pre_hooks.values()
                 if isinstance(h, prune.BasePruningMethod)]
    return rows


def median_call_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_overhead(quick: bool, threads: int) -> None:
    """Counting 25M floats is memory-bound, so this runs with the machine's default threads."""
    lesson_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    model = big_model()
    params = sum(p.numel() for p in model.parameters())
    repeats = 3 if quick else 15
    pairs = [
        ("sparsity_report", lambda: ph.sparsity_report(model), lambda: raw_sparsity(model)),
        ("describe every module", lambda: [ph.describe(m) for m in model], lambda: raw_introspection(model)),
    ]
    rows = []
    for label, ours, raw in pairs:
        ours_ms, raw_ms = [], []
        for _ in range(repeats):  # interleaved
            ours_ms.append(median_call_ms(ours, 1))
            raw_ms.append(median_call_ms(raw, 1))
        o, r = statistics.median(ours_ms), statistics.median(raw_ms)
        ratio = o / r
        rows.append([label, f"{o:.2f}", f"{r:.2f}", f"{ratio:.2f}x", verdict(o < 100 and ratio <= 1.1) + " (<= 1.1x, < 100 ms)"])
    report(f"5. Helper overhead on a {params / 1e6:.1f}M-parameter pruned model, {threads} thread(s) (median ms)",
           ["helper", "ours", "raw torch", "ratio", "target"], rows)
    torch.set_num_threads(lesson_threads)


# --- 6. accuracy at 12x ------------------------------------------------------------------


def bench_accuracy(quick: bool) -> nn.Module:
    """Lesson 09's fair comparison: the dense model gets the extra epochs the pruned one trains (8), and the
    target is "within two standard errors" (about 1.2-1.4 points with 360 test images), the resolution this
    test set has; the old "within 0.5 points" was less than two test images."""
    data = ph.load_digits_data(dtype=torch.float64)
    torch.manual_seed(0)
    started = time.perf_counter()
    dense = ph.train(ph.small_cnn(dtype=torch.float64), data, epochs=2 if quick else 12, progress=False)
    extra = 4 if quick else 8
    longer = ph.train(copy.deepcopy(dense), data, epochs=extra, lr=1e-3, progress=False)
    baseline = ph.accuracy(longer, data)
    pruned, steps = ph.iterative_pruning(dense, data, [0.5, 0.75, 0.875, 0.92], epochs_per_step=1 if quick else 2)
    seconds = time.perf_counter() - started
    kept = ph.weights_kept(pruned)
    drop = baseline - steps[-1]
    noise = 2 * 100 * (baseline / 100 * (1 - baseline / 100) / len(data.test_y)) ** 0.5
    report("6. Accuracy at 12x compression (load_digits, 360 test images, float64)",
           ["dense + same epochs %", "pruned %", "points below", "2 std. errors", "parameters kept", "compression",
            "train+prune s", "target"],
           [[f"{baseline:.2f}", f"{steps[-1]:.2f}", f"{drop:.2f}", f"{noise:.2f}", f"{kept:.2%}", f"{1 / kept:.1f}x",
             f"{seconds:.1f}", verdict(drop <= noise and 1 / kept >= 12) + " (within 2 std. errors at >= 12x)"]])
    return dense.float()  # the size benchmarks measure float32 checkpoints, as lessons 07 and 10 do


def machine() -> str:
    return (f"{platform.platform()}, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, torch {torch.__version__}, "
            f"torch threads {torch.get_num_threads()}, CUDA {'yes: ' + torch.cuda.get_device_name() if torch.cuda.is_available() else 'no'}")


def write_markdown(path: Path, header: str) -> None:
    lines = ["# Benchmark results", "", header, ""]
    for title, columns, rows in SECTIONS:
        lines += [f"## {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short smoke run; timings are meaningless")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (lessons use 1)")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    default_threads = torch.get_num_threads()
    torch.set_num_threads(args.threads)
    ph.use_korean_font()
    started = time.perf_counter()
    header = f"Machine: {machine()}. Run {'--quick' if args.quick else 'in full'} on {time.strftime('%Y-%m-%d')}."
    print(header)
    bench_slider(args.quick)
    bench_new_widgets(args.quick)
    trained = bench_accuracy(args.quick)
    bench_sizes(trained)
    bench_compaction(args.quick)
    bench_overhead(args.quick, default_threads)
    bench_lessons(args.quick)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s")
    if args.markdown:
        write_markdown(args.markdown, header)
    return 0


if __name__ == "__main__":
    sys.exit(main())
