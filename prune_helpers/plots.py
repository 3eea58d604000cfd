"""Mask heatmaps and weight histograms that render Korean titles correctly.

Figures are built with `matplotlib.figure.Figure` (not pyplot), so nothing
piles up in pyplot's figure list, and shown as PNG through `Picture`, whose
text form is its title: a stable line that nbval can compare.
"""

from __future__ import annotations

import importlib.util
import math
import io
from pathlib import Path
from typing import NamedTuple

import matplotlib
import numpy as np
import torch
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from PIL import Image
from torch import nn

from .messages import PruneHelperError, t
from .sparsity import count_zeros, percent
from .validate import check_module, check_name, check_nonempty, check_tensor, check_whole

KEPT_RGB = (76, 155, 232)
PRUNED_RGB = (31, 31, 31)
GAP_RGB = (255, 255, 255)
FONT_FAMILY = ["DejaVu Sans", "NanumGothic"]


def korean_font_path() -> Path | None:
    """NanumGothic shipped by koreanize-matplotlib, found without importing it.

    Importing koreanize_matplotlib would force its own rcParams (and turn off
    the real minus sign), so only its font file is used.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / "NanumGothic.ttf"
    return path if path.exists() else None


def use_korean_font() -> Path | None:
    """Make Hangul render in every matplotlib figure, keeping DejaVu Sans for Latin and '−'."""
    path = korean_font_path()
    if path is None:
        return None
    manager = matplotlib.font_manager.fontManager
    if not any(Path(f.fname) == path for f in manager.ttflist):
        manager.addfont(str(path))
    matplotlib.rcParams["font.family"] = FONT_FAMILY
    matplotlib.rcParams["axes.unicode_minus"] = True
    return path


def font_status() -> str:
    """One line for lesson 00: whether Korean text in figures will render, and what to install if not."""
    path = use_korean_font()
    return t("font.found", font="NanumGothic") if path else t("font.missing")


class Picture:
    """A rendered figure: PNG in Jupyter, its title as text."""

    def __init__(self, figure: Figure, title: str):
        self.figure = figure
        self.title = title
        self.png = figure_png(figure)

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:
        return t("plot.picture", title=self.title)


def literal_text(plot):
    """Draw `plot`'s figure with every text taken literally: a "$" in a learner's title is a dollar sign.

    Matplotlib reads "$...$" as mathematical notation and fails on a
    stray one; the setting is read when each text is created, so it
    holds for the figure's whole life without changing the learner's own
    matplotlib settings.
    """
    import functools

    @functools.wraps(plot)
    def literally(*args, **kwargs):
        with matplotlib.rc_context({"text.parse_math": False}):
            return plot(*args, **kwargs)

    return literally


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# --- mask layout -------------------------------------------------------------------


def _layout(array: np.ndarray, fill) -> np.ndarray:
    """Filters as rows of kh×kw blocks with a one-cell `fill` gap between blocks.

    A 3-D (Conv1d) weight is one row of blocks per filter; a 5-D (Conv3d)
    weight shows its kd slices of each input channel side by side.
    """
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim > 4:
        array = array.reshape(array.shape[0], -1, *array.shape[-2:])
    if array.ndim == 1:
        return array[:, None]
    if array.ndim == 2:
        return array
    if array.ndim == 3:
        array = array[:, :, None, :]
    out_ch, in_ch, kh, kw = array.shape
    grid = np.full((out_ch, kh + 1, in_ch, kw + 1), fill, dtype=array.dtype)
    grid[:, :kh, :, :kw] = array.transpose(0, 2, 1, 3)
    return grid.reshape(out_ch * (kh + 1), in_ch * (kw + 1))[:-1, :-1]


def mask_grid(mask: torch.Tensor) -> np.ndarray:
    """Lay a mask out in 2-D with NaN gaps between filters and channels.

    A conv weight [out, in, kh, kw] becomes `out` rows of `in` kh×kw blocks, so
    a pruned filter is a dark row and a pruned input channel a dark column.
    A Linear weight [out, in] stays as it is; a bias [n] becomes a column.
    """
    return _layout(_drawable(mask).detach().to("cpu", torch.float32).numpy(), np.nan)


def _drawable(mask) -> torch.Tensor:
    """A tensor with at least one element (an empty one has nothing to draw)."""
    if check_tensor(mask).numel() == 0:
        raise PruneHelperError("error.empty_tensor", shape=list(mask.shape))
    return mask


GAP, PRUNED, KEPT = 0, 1, 2
PALETTE = [*GAP_RGB, *PRUNED_RGB, *KEPT_RGB]


def grid_indices(grid: np.ndarray) -> np.ndarray:
    """Palette indices of a `mask_grid`: gap, pruned or kept, one byte per pixel."""
    indices = np.full(grid.shape, GAP, dtype=np.uint8)
    indices[grid == 0] = PRUNED
    indices[grid > 0] = KEPT
    return indices


def mask_indices(mask: torch.Tensor) -> np.ndarray:
    """Palette indices laid out like `mask_grid`, built without the float grid (slider hot path)."""
    kept = _drawable(mask).detach().cpu().ne(0).numpy().astype(np.uint8)
    return _layout(kept + PRUNED, GAP)


def grid_rgb(grid: np.ndarray) -> np.ndarray:
    """uint8 RGB image of a `mask_grid`: kept blue, pruned dark, gaps white."""
    return np.array(PALETTE, dtype=np.uint8).reshape(-1, 3)[grid_indices(grid)]


def bias_beside(bias_mask: torch.Tensor, weight_mask: torch.Tensor) -> torch.Tensor:
    """Reshape a bias mask so its `mask_grid` lines up with the weight's filter rows.

    Only when there is one bias entry per filter row: a transposed
    convolution keeps its outputs in dim 1, so its bias stays a plain column.
    """
    aligned = bias_mask.dim() == 1 and weight_mask.dim() >= 3 and bias_mask.shape[0] == weight_mask.shape[0]
    if aligned:
        rows = weight_mask.shape[-2] if weight_mask.dim() >= 4 else 1
        return bias_mask.reshape(-1, 1, 1, 1).expand(-1, 1, rows, 1)
    return bias_mask


def _group_columns(width: int, group: int | None) -> list[int]:
    """Column indices after which an N:M group ends (none after the last column)."""
    return [] if group is None else list(range(group, width, group))


def _check_group(group, mask: torch.Tensor) -> int | None:
    if group is None:
        return None
    group = check_whole(group, "group", 1, 4)
    if mask.dim() != 2:
        raise PruneHelperError("error.group_needs_2d", shape=list(mask.shape))
    return group


def _pad_rows(indices: np.ndarray, rows: int) -> np.ndarray:
    return np.concatenate([indices, np.full((rows - indices.shape[0], indices.shape[1]), GAP, dtype=np.uint8)])


def mask_png(mask: torch.Tensor, bias_mask: torch.Tensor | None = None, size: int = 320,
             group: int | None = None) -> bytes:
    """A heatmap PNG straight from the mask, without matplotlib (fast enough for a slider).

    A 3-colour palette image (one byte per pixel) encodes about 4× faster
    than RGB. `group=4` draws a one-pixel white line after every 4 columns
    of a 2-D mask, so each group of an N:M (2:4) pattern is visible.
    """
    size = check_whole(size, "size", 1, 320, maximum=4096)
    group = _check_group(group, _drawable(mask))
    indices = mask_indices(mask)
    width = indices.shape[1]
    if bias_mask is not None:
        bias = mask_indices(bias_beside(_drawable(bias_mask), mask))
        rows = max(indices.shape[0], bias.shape[0])
        indices, bias = _pad_rows(indices, rows), _pad_rows(bias, rows)
        gap = np.full((rows, 2), GAP, dtype=np.uint8)
        indices = np.concatenate([indices, gap, bias], axis=1)
    scale = max(1, size // max(indices.shape))
    indices = np.repeat(np.repeat(indices, scale, axis=0), scale, axis=1)
    separators = [column * scale for column in _group_columns(width, group)]
    if separators:
        indices = np.insert(indices, separators, GAP, axis=1)
    image = Image.fromarray(indices, mode="P")
    image.putpalette(PALETTE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def png_width(png: bytes) -> int:
    """Pixel width from a PNG header (bytes 16-19 of the IHDR chunk)."""
    return int.from_bytes(png[16:20], "big")


class PngLayout(NamedTuple):
    """Where `mask_png` draws things, in pixels of its image, for labels placed around it.

    `rows` and `columns` are (centre, label) tick pairs: one per filter and
    input channel of a conv weight (one per row and column of a 2-D one),
    thinned so that neighbouring labels keep `min_gap` pixels apart. `bias`
    is the centre of the bias column, or None when there is none. `kind`
    says which axis captions fit: "conv", "matrix" or "vector".
    """

    width: int
    height: int
    scale: int
    kind: str
    rows: list[tuple[float, str]]
    columns: list[tuple[float, str]]
    bias: float | None


def _grid_shape(shape: tuple[int, ...]) -> tuple[int, int]:
    """The (rows, columns) that `_layout` gives a tensor of this shape, without building it."""
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], 1
    if len(shape) == 2:
        return shape[0], shape[1]
    out_ch, kw = shape[0], shape[-1]
    kh = shape[-2] if len(shape) >= 4 else 1
    in_ch = int(np.prod(shape[1:-2])) if len(shape) >= 4 else shape[1]
    return out_ch * (kh + 1) - 1, in_ch * (kw + 1) - 1


def _ticks(count: int, pitch: int, block: int, scale: int, min_gap: int) -> list[tuple[float, str]]:
    """Centres (px) of `count` blocks of `block` cells, one every `pitch` cells, labelled 0, 1, ...; thinned to `min_gap` px."""
    step = max(1, -(-min_gap // (pitch * scale)))
    return [((i * pitch + block / 2) * scale, str(i)) for i in range(0, count, step)]


def mask_png_layout(mask_shape, bias_shape=None, size: int = 320, group: int | None = None,
                    row_gap: int = 14, column_gap: int = 22) -> PngLayout:
    """The geometry of `mask_png(mask, bias_mask, size, group)` from the shapes alone (cheap: no image is drawn).

    Widgets call it once per shape to place tick numbers, axis captions and
    a bias marker beside the image, so a slider move only redraws the PNG.
    """
    shape = tuple(int(n) for n in mask_shape)
    rows, columns = _grid_shape(shape)
    width = columns
    if bias_shape is not None:
        bias = tuple(int(n) for n in bias_shape)
        if len(bias) == 1 and len(shape) >= 3 and bias[0] == shape[0]:  # bias_beside lines it up with the filters
            bias = (bias[0], 1, shape[-2] if len(shape) >= 4 else 1, 1)
        bias_rows, bias_columns = _grid_shape(bias)
        rows, width = max(rows, bias_rows), columns + 2 + bias_columns
    scale = max(1, size // max(rows, width))
    separators = len(_group_columns(columns, group)) if len(shape) == 2 else 0
    if len(shape) >= 3:
        kh = shape[-2] if len(shape) >= 4 else 1
        depth = int(np.prod(shape[2:-2])) if len(shape) > 4 else 1
        block = depth * (shape[-1] + 1) - 1
        kind = "conv"
        row_ticks = _ticks(shape[0], kh + 1, kh, scale, row_gap)
        column_ticks = _ticks(shape[1], block + 1, block, scale, column_gap)
    elif len(shape) == 2:
        kind = "matrix"
        row_ticks = _ticks(shape[0], 1, 1, scale, row_gap)
        column_ticks = [(x + (int(label) // group if separators else 0), label)  # each N:M separator adds a pixel
                        for x, label in _ticks(shape[1], 1, 1, scale, column_gap)]
    else:
        kind = "vector"
        row_ticks, column_ticks = _ticks(rows, 1, 1, scale, row_gap), []
    bias_centre = (columns + 2.5) * scale + separators if bias_shape is not None else None
    return PngLayout(width * scale + separators, rows * scale, scale, kind, row_ticks, column_ticks, bias_centre)


# --- matplotlib figures ----------------------------------------------------------------


def _block_ticks(count: int, block: int, limit: int = 16) -> tuple[list[float], list[str]]:
    step = max(1, -(-count // limit))
    positions = [i * (block + 1) + (block - 1) / 2 for i in range(0, count, step)]
    return positions, [str(i) for i in range(0, count, step)]


def _draw_mask(ax, mask: torch.Tensor, title: str, labelled: bool = True, group: int | None = None) -> None:
    cmap = ListedColormap([np.array(PRUNED_RGB) / 255, np.array(KEPT_RGB) / 255]).with_extremes(bad="white")
    ax.imshow(np.ma.masked_invalid(mask_grid(mask)), cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_title(title, fontsize=10)
    if not labelled:
        ax.set_xticks([])
        ax.set_yticks([])
    elif mask.dim() >= 3:
        kh = mask.shape[-2] if mask.dim() >= 4 else 1
        depth = int(np.prod(mask.shape[2:-2])) if mask.dim() > 4 else 1  # Conv3d: kd blocks per input channel
        ax.set_yticks(*_block_ticks(mask.shape[0], kh))
        ax.set_xticks(*_block_ticks(mask.shape[1], depth * (mask.shape[-1] + 1) - 1))
        ax.set_ylabel(t("plot.out_axis"))
        ax.set_xlabel(t("plot.in_axis"))
    elif mask.dim() == 2:
        ax.set_ylabel(t("plot.out_axis_linear"))
        ax.set_xlabel(t("plot.in_axis_linear"))
    else:
        ax.set_xticks([])
    ax.tick_params(length=0, labelsize=8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if mask.dim() == 2:
        for column in _group_columns(mask.shape[1], group):
            ax.axvline(column - 0.5, color="white", linewidth=1.5)


def _mask_title(name: str, mask: torch.Tensor) -> str:
    zeros, total = count_zeros(mask)
    return t("plot.mask_title", name=name, kept=total - zeros, pruned=zeros, sparsity=percent(zeros / total))


@literal_text
def plot_masks(masks: dict[str, torch.Tensor], title: str = "", labelled: tuple[bool, ...] | None = None,
               group: int | None = None) -> Picture:
    """Several masks side by side, each under its own title (e.g. unstructured vs structured).

    `group=4` draws a thin white line after every 4 columns of each 2-D
    mask: the groups of an N:M (2:4) pattern.
    """
    if not isinstance(masks, dict):
        raise PruneHelperError("error.empty_input", arg="masks", example="{\"weight\": layer.weight_mask}")
    check_nonempty(masks, "masks", "{\"weight\": layer.weight_mask}")
    title = "" if title is None else str(title)
    if group is not None:
        flat = [m for m in masks.values() if check_tensor(m).dim() == 2]
        _check_group(group, flat[0] if flat else next(iter(masks.values())))
    use_korean_font()
    if labelled is not None and not isinstance(labelled, (list, tuple)):
        raise PruneHelperError("error.sequence_arg", arg="labelled", kind=type(labelled).__name__, value=labelled,
                               example="(True, False)")
    labelled = tuple(bool(x) for x in labelled) + (True,) * len(masks) if labelled else (True,) * len(masks)
    grids = [mask_grid(m) for m in masks.values()]
    widths = [max(g.shape[1], 5) for g in grids]
    height = max(g.shape[0] for g in grids)
    cell = min(0.35, 9 / sum(widths), 7 / height)
    # Room above the grids for each title and the figure title: with fixed-aspect images the layout
    # engine shrinks the axes but cannot grow the figure, and titles were clipped or overlapped.
    extra = 1.6 + (0.45 if title else 0.0)
    figsize = (max(4.5, sum(widths) * cell + 1.1 * len(masks) + 0.6), max(2.4, height * cell + extra))
    figure = Figure(figsize=figsize, layout="constrained")
    axes = figure.subplots(1, len(masks), width_ratios=widths, squeeze=False)[0]
    for ax, (label, mask), with_labels in zip(axes, masks.items(), labelled):
        _draw_mask(ax, mask, str(label), with_labels, group)
    figure.legend(
        handles=[
            Patch(color=np.array(KEPT_RGB) / 255, label=t("plot.kept")),
            Patch(color=np.array(PRUNED_RGB) / 255, label=t("plot.pruned")),
        ],
        loc="outside lower center",
        ncols=2,
        frameon=False,
    )
    if title:
        figure.suptitle(title, fontsize=11)
    return Picture(figure, title or " | ".join(str(label) for label in masks))


def plot_mask(module: nn.Module, name: str = "weight", with_bias: bool = True, group: int | None = None) -> Picture:
    """Heatmap of `module`'s pruning mask for `name`, with the bias mask beside it.

    A bias that was not pruned is drawn as all kept, because that is what the
    layer computes with. `group=4` separates every 4 columns of a 2-D
    (Linear) mask, to check an N:M pattern such as 2:4 at a glance.
    """
    check_name(check_module(module), name)
    mask = getattr(module, name + "_mask", None)
    if not isinstance(mask, torch.Tensor):
        raise PruneHelperError("error.not_pruned_picture", module=type(module).__name__, name=name)
    _check_group(group, _drawable(mask))
    masks = {name: mask}
    bias = getattr(module, "bias", None)
    if with_bias and name != "bias" and isinstance(bias, torch.Tensor):
        bias_mask = getattr(module, "bias_mask", torch.ones_like(bias))
        masks["bias"] = bias_beside(bias_mask, mask)
    labelled = (True,) + (False,) * (len(masks) - 1)
    return plot_masks(masks, title=_mask_title(name, mask), labelled=labelled, group=group)


@literal_text
def plot_histogram(tensors: dict[str, torch.Tensor] | torch.Tensor, bins: int = 30) -> Picture:
    """Histogram of the nonzero values; zeros are counted in the title instead.

    Pruned zeros would otherwise be one tall spike that hides the shape of the
    weights that remain.
    """
    if isinstance(tensors, torch.Tensor):
        tensors = {"": tensors}
    if not isinstance(tensors, dict):
        raise PruneHelperError("error.not_tensor", kind=type(tensors).__name__)
    check_nonempty(tensors, "tensors", "{\"weight\": layer.weight}")
    bins = check_whole(bins, "bins", 1, 30, maximum=10_000)
    values = {str(label): check_tensor(x).detach().to("cpu", torch.float32).flatten() for label, x in tensors.items()}
    use_korean_font()
    # constrained layout keeps the axis labels inside the picture (a fixed layout cut off the x label)
    figure = Figure(figsize=(6, 3), layout="constrained")
    ax = figure.subplots()
    everything = torch.cat(list(values.values()))
    finite = everything[torch.isfinite(everything)]
    try:
        edges = np.histogram_bin_edges(finite.numpy() if finite.numel() else np.zeros(1), bins=bins)
    except ValueError:  # values so large and equal that numpy's ±0.5 range vanishes in rounding
        low, high = float(finite.min()), float(finite.max())
        margin = max(abs(low), abs(high), 1.0) * 1e-3
        edges = np.linspace(low - margin, high + margin, bins + 1)
    several = len(values) > 1
    for label, flat in values.items():
        shown = flat[(flat != 0) & torch.isfinite(flat)].numpy()
        if several:
            # outlines only: see-through filled bars mix into a colour the legend does not show
            ax.hist(shown, bins=edges, histtype="step", linewidth=1.8, label=label or None)
        else:
            ax.hist(shown, bins=edges, label=label or None)
    if any(values):
        ax.legend(fontsize=8)
    zeros = ", ".join(f"{label}: {int((f == 0).sum())}" if label else str(int((f == 0).sum())) for label, f in values.items())
    title = t("plot.hist_title", zeros=zeros)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(t("plot.hist_x"))
    ax.set_ylabel(t("plot.hist_y"))
    return Picture(figure, title)


def font_check_picture() -> Picture:
    """A tiny figure whose title mixes Hangul, Latin and a minus sign."""
    use_korean_font()
    figure = Figure(figsize=(5, 1.6))
    ax = figure.subplots()
    ax.plot([-1.5, 0, 1.5], [0, 1, 0])
    title = t("font.check_title")
    ax.set_title(title)
    return Picture(figure, title)


@literal_text
def plot_layer_sparsity(models: dict[str, nn.Module]) -> Picture:
    """Grouped bars: the sparsity of every layer's weight, one colour per model."""
    from .sparsity import effective_tensors, sparsity

    if not isinstance(models, dict):
        raise PruneHelperError("error.not_module", kind=type(models).__name__)
    check_nonempty(models, "models", "{\"local\": model}")
    use_korean_font()
    per_model = {
        label: {path: sparsity(w) for path, name, w in effective_tensors(check_module(m)) if name == "weight"}
        for label, m in models.items()
    }
    layers = list(next(iter(per_model.values())))
    figure = Figure(figsize=(max(5, 1.1 * len(layers) + 2), 3.2), layout="constrained")
    ax = figure.subplots()
    width = 0.8 / len(per_model)
    for index, (label, values) in enumerate(per_model.items()):
        positions = [i + (index - (len(per_model) - 1) / 2) * width for i in range(len(layers))]
        ax.bar(positions, [100 * values.get(layer, 0.0) for layer in layers], width, label=label)
    ax.set_xticks(range(len(layers)), layers)
    ax.set_ylabel(t("plot.sparsity_axis"))
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    title = t("plot.layer_sparsity_title")
    ax.set_title(title, fontsize=10)
    return Picture(figure, title)


def _numbers(values, label) -> list[float]:
    """`values` (a list, tuple, 1-d array or tensor of real numbers) as floats, or the curve's catalog error."""
    from .validate import as_list, is_number

    values = as_list(values)
    if not isinstance(values, (list, tuple, range)) or not all(is_number(v) for v in values):
        raise PruneHelperError("error.curve_values", label=label, kind=type(values).__name__)
    numbers = [float(v) for v in values]
    too_large = [v for v in numbers if abs(v) > 1e15]  # inf too: matplotlib cannot scale an axis to it
    if too_large:
        raise PruneHelperError("error.curve_range", label=label, value=too_large[0])
    return numbers


@literal_text
def plot_curves(x: list[float], curves: dict[str, list[float] | tuple[list[float], list[float]]], xlabel: str,
                ylabel: str, title: str, reference: float | None = None, reference_label: str = "") -> Picture:
    """Line plot of several curves (e.g. accuracy against sparsity).

    A curve is either values over the shared `x`, or its own (xs, ys) pair.
    """
    from .validate import check_number

    if not isinstance(curves, dict):
        raise PruneHelperError("error.empty_input", arg="curves", example="{\"global\": [98.1, 97.5]}")
    x = _numbers(x, "x")
    points = {}
    for label, values in curves.items():
        xs, ys = values if isinstance(values, tuple) and len(values) == 2 else (x, values)
        xs, ys = _numbers(xs, label), _numbers(ys, label)
        if len(ys) > len(xs):
            raise PruneHelperError("error.curve_length", label=label, values=len(ys), xs=len(xs))
        points[label] = (xs[: len(ys)], ys)
    if reference is not None:
        reference = check_number(reference, "reference", 98.1)
        if abs(reference) > 1e15:
            raise PruneHelperError("error.number_arg", arg="reference", value=reference, example=98.1)
    use_korean_font()
    figure = Figure(figsize=(6.4, 3.6), layout="constrained")
    ax = figure.subplots()
    for label, (xs, ys) in points.items():
        ax.plot(xs, ys, marker="o", label=str(label))
    if reference is not None:
        ax.axhline(reference, color="gray", linestyle="--", label=reference_label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return Picture(figure, title)
