"""Mask heatmaps and weight histograms that render Korean titles correctly.

Figures are built with `matplotlib.figure.Figure` (not pyplot), so nothing
piles up in pyplot's figure list, and shown as PNG through `Picture`, whose
text form is its title: a stable line that nbval can compare.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

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
from .validate import check_module, check_name, check_tensor

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


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# --- mask layout -------------------------------------------------------------------


def _layout(array: np.ndarray, fill) -> np.ndarray:
    """Filters as rows of kh×kw blocks with a one-cell `fill` gap between blocks."""
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
    return _layout(check_tensor(mask).detach().to("cpu", torch.float32).numpy(), np.nan)


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
    kept = check_tensor(mask).detach().cpu().ne(0).numpy().astype(np.uint8)
    return _layout(kept + PRUNED, GAP)


def grid_rgb(grid: np.ndarray) -> np.ndarray:
    """uint8 RGB image of a `mask_grid`: kept blue, pruned dark, gaps white."""
    return np.array(PALETTE, dtype=np.uint8).reshape(-1, 3)[grid_indices(grid)]


def bias_beside(bias_mask: torch.Tensor, weight_mask: torch.Tensor) -> torch.Tensor:
    """Reshape a bias mask so its `mask_grid` lines up with the weight's filter rows."""
    if weight_mask.dim() == 4:
        return bias_mask.reshape(-1, 1, 1, 1).expand(-1, 1, weight_mask.shape[2], 1)
    return bias_mask


def mask_png(mask: torch.Tensor, bias_mask: torch.Tensor | None = None, size: int = 320) -> bytes:
    """A heatmap PNG straight from the mask, without matplotlib (fast enough for a slider).

    A 3-colour palette image (one byte per pixel) encodes about 4× faster
    than RGB.
    """
    indices = mask_indices(mask)
    if bias_mask is not None:
        bias = mask_indices(bias_beside(bias_mask, mask))
        gap = np.full((indices.shape[0], 2), GAP, dtype=np.uint8)
        indices = np.concatenate([indices, gap, bias], axis=1)
    scale = max(1, size // max(indices.shape))
    indices = np.repeat(np.repeat(indices, scale, axis=0), scale, axis=1)
    image = Image.fromarray(indices, mode="P")
    image.putpalette(PALETTE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def png_width(png: bytes) -> int:
    """Pixel width from a PNG header (bytes 16-19 of the IHDR chunk)."""
    return int.from_bytes(png[16:20], "big")


# --- matplotlib figures ----------------------------------------------------------------


def _block_ticks(count: int, block: int, limit: int = 16) -> tuple[list[float], list[str]]:
    step = max(1, -(-count // limit))
    positions = [i * (block + 1) + (block - 1) / 2 for i in range(0, count, step)]
    return positions, [str(i) for i in range(0, count, step)]


def _draw_mask(ax, mask: torch.Tensor, title: str, labelled: bool = True) -> None:
    cmap = ListedColormap([np.array(PRUNED_RGB) / 255, np.array(KEPT_RGB) / 255]).with_extremes(bad="white")
    ax.imshow(np.ma.masked_invalid(mask_grid(mask)), cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_title(title, fontsize=10)
    if not labelled:
        ax.set_xticks([])
        ax.set_yticks([])
    elif mask.dim() >= 3:
        kh = mask.shape[2] if mask.dim() == 4 else 1
        ax.set_yticks(*_block_ticks(mask.shape[0], kh))
        ax.set_xticks(*_block_ticks(mask.shape[1], mask.shape[-1]))
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


def _mask_title(name: str, mask: torch.Tensor) -> str:
    zeros, total = count_zeros(mask)
    return t("plot.mask_title", name=name, kept=total - zeros, pruned=zeros, sparsity=percent(zeros / total))


def plot_masks(masks: dict[str, torch.Tensor], title: str = "", labelled: tuple[bool, ...] | None = None) -> Picture:
    """Several masks side by side, each under its own title (e.g. unstructured vs structured)."""
    use_korean_font()
    labelled = labelled or (True,) * len(masks)
    grids = [mask_grid(m) for m in masks.values()]
    widths = [max(g.shape[1], 5) for g in grids]
    height = max(g.shape[0] for g in grids)
    cell = min(0.35, 9 / sum(widths), 7 / height)
    figsize = (max(4.5, sum(widths) * cell + 1.1 * len(masks) + 0.6), max(2.4, height * cell + 1.6))
    figure = Figure(figsize=figsize, layout="constrained")
    axes = figure.subplots(1, len(masks), width_ratios=widths, squeeze=False)[0]
    for ax, (label, mask), with_labels in zip(axes, masks.items(), labelled):
        _draw_mask(ax, mask, label, with_labels)
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
    return Picture(figure, title or " | ".join(masks))


def plot_mask(module: nn.Module, name: str = "weight", with_bias: bool = True) -> Picture:
    """Heatmap of `module`'s pruning mask for `name`, with the bias mask beside it.

    A bias that was not pruned is drawn as all kept, because that is what the
    layer computes with.
    """
    check_name(check_module(module), name)
    mask = getattr(module, name + "_mask", None)
    if mask is None:
        raise PruneHelperError("error.not_pruned_picture", module=type(module).__name__, name=name)
    masks = {name: mask}
    bias = getattr(module, "bias", None)
    if with_bias and name != "bias" and isinstance(bias, torch.Tensor):
        bias_mask = getattr(module, "bias_mask", torch.ones_like(bias))
        masks["bias"] = bias_beside(bias_mask, mask)
    labelled = (True,) + (False,) * (len(masks) - 1)
    return plot_masks(masks, title=_mask_title(name, mask), labelled=labelled)


def plot_histogram(tensors: dict[str, torch.Tensor] | torch.Tensor, bins: int = 30) -> Picture:
    """Histogram of the nonzero values; zeros are counted in the title instead.

    Pruned zeros would otherwise be one tall spike that hides the shape of the
    weights that remain.
    """
    use_korean_font()
    if isinstance(tensors, torch.Tensor):
        tensors = {"": tensors}
    figure = Figure(figsize=(6, 3))
    ax = figure.subplots()
    values = {label: check_tensor(x).detach().to("cpu", torch.float32).flatten() for label, x in tensors.items()}
    edges = np.histogram_bin_edges(torch.cat(list(values.values())).numpy(), bins=bins)
    for label, flat in values.items():
        ax.hist(flat[flat != 0].numpy(), bins=edges, alpha=0.6, label=label or None)
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


def plot_layer_sparsity(models: dict[str, nn.Module]) -> Picture:
    """Grouped bars: the sparsity of every layer's weight, one colour per model."""
    from .sparsity import effective_tensors, sparsity

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


def plot_curves(x: list[float], curves: dict[str, list[float] | tuple[list[float], list[float]]], xlabel: str,
                ylabel: str, title: str, reference: float | None = None, reference_label: str = "") -> Picture:
    """Line plot of several curves (e.g. accuracy against sparsity).

    A curve is either values over the shared `x`, or its own (xs, ys) pair.
    """
    use_korean_font()
    figure = Figure(figsize=(6.4, 3.6), layout="constrained")
    ax = figure.subplots()
    for label, values in curves.items():
        xs, ys = values if isinstance(values, tuple) else (x[: len(values)], values)
        ax.plot(xs, ys, marker="o", label=label)
    if reference is not None:
        ax.axhline(reference, color="gray", linestyle="--", label=reference_label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return Picture(figure, title)
