import io
import warnings

import matplotlib
import numpy as np
import torch
from matplotlib.figure import Figure
from PIL import Image
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from prune_helpers import plots


def test_korean_text_draws_without_any_warning():
    assert plots.korean_font_path() is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ph.use_korean_font()
        figure = Figure()
        ax = figure.subplots()
        ax.set_title("가중치 마스크 −1.5 프루닝")
        ax.plot([-1, 1], [-1, 1])
        figure.savefig(io.BytesIO(), format="png")
        ph.set_language("ko")
        conv = nn.Conv2d(3, 2, 3)
        prune.random_unstructured(conv, name="weight", amount=0.5)
        ph.plot_mask(conv)
        ph.plot_histogram({"전": conv.weight_orig, "후": conv.weight})
        ph.font_check_picture()


def test_font_setup_keeps_latin_font_first_and_the_real_minus_sign():
    ph.use_korean_font()
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", "NanumGothic"]
    assert matplotlib.rcParams["axes.unicode_minus"] is True
    assert ph.font_status() == ph.t("font.found", font="NanumGothic")


def test_mask_grid_lays_filters_as_rows_with_gaps():
    mask = torch.ones(2, 3, 3, 3)
    mask[1] = 0
    grid = ph.mask_grid(mask)
    assert grid.shape == (2 * 4 - 1, 3 * 4 - 1)
    assert np.isnan(grid[3]).all() and np.isnan(grid[:, 3]).all()
    assert (grid[:3, :3] == 1).all() and (grid[4:, :3] == 0).all()


def test_mask_grid_of_linear_and_bias():
    assert ph.mask_grid(torch.ones(4, 5)).shape == (4, 5)
    assert ph.mask_grid(torch.ones(4)).shape == (4, 1)


def test_bias_lines_up_with_filter_rows():
    bias = plots.bias_beside(torch.tensor([1.0, 0.0]), torch.ones(2, 3, 3, 3))
    assert ph.mask_grid(bias).shape[0] == ph.mask_grid(torch.ones(2, 3, 3, 3)).shape[0]


def test_mask_png_is_a_png_of_the_right_colours():
    mask = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    image = Image.open(io.BytesIO(ph.mask_png(mask, size=20)))
    assert image.format == "PNG" and image.size == (20, 20)
    assert plots.png_width(ph.mask_png(mask, size=20)) == 20
    pixels = np.array(image.convert("RGB"))
    assert tuple(pixels[0, 0]) == plots.KEPT_RGB and tuple(pixels[0, 19]) == plots.PRUNED_RGB


def test_mask_png_with_bias_is_wider():
    mask = torch.ones(4, 2, 3, 3)
    plain = Image.open(io.BytesIO(ph.mask_png(mask, size=100)))
    with_bias = Image.open(io.BytesIO(ph.mask_png(mask, torch.ones(4), size=100)))
    assert with_bias.size[0] > plain.size[0] and with_bias.size[1] == plain.size[1]


def test_plot_mask_title_counts_kept_and_pruned(language):
    conv = nn.Conv2d(3, 2, 3)
    prune.random_unstructured(conv, name="weight", amount=0.5)
    picture = ph.plot_mask(conv)
    assert picture.png.startswith(b"\x89PNG")
    assert "27" in picture.title and "50.0%" in picture.title
    assert repr(picture) == ph.t("plot.picture", title=picture.title)


def test_histogram_leaves_zeros_out_and_counts_them_in_the_title():
    weights = torch.tensor([0.0, 0.0, 0.0, 0.5, -0.5])
    picture = ph.plot_histogram(weights, bins=4)
    assert "3" in picture.title
    ax = picture.figure.axes[0]
    assert sum(p.get_height() for p in ax.patches) == 2


def test_figures_are_not_left_open_in_pyplot():
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    for _ in range(5):
        ph.font_check_picture()
    assert len(plt.get_fignums()) == before


def test_palette_indices_match_the_float_grid():
    mask = (torch.rand(5, 3, 3, 2) > 0.5).float()
    assert np.array_equal(plots.mask_indices(mask), plots.grid_indices(ph.mask_grid(mask)))
    assert np.array_equal(plots.mask_indices(mask[0, 0]), plots.grid_indices(ph.mask_grid(mask[0, 0])))


def inside_the_picture(figure, artist) -> bool:
    renderer = figure.canvas.get_renderer() if hasattr(figure.canvas, "get_renderer") else None
    figure.draw_without_rendering()
    box = artist.get_window_extent(renderer)
    width, height = figure.bbox.width, figure.bbox.height
    return box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height


def test_histogram_keeps_its_axis_labels_inside_the_picture(language):
    """The x label was cut off at the bottom edge."""
    picture = ph.plot_histogram({ph.t("plot.before"): torch.randn(200), "l1": torch.randn(200)})
    ax = picture.figure.axes[0]
    assert inside_the_picture(picture.figure, ax.xaxis.label) and inside_the_picture(picture.figure, ax.yaxis.label)


def test_overlapping_histograms_draw_only_colours_the_legend_shows():
    """See-through bars overlapped into a third colour that the legend did not have."""
    before = torch.linspace(-1, 1, 100)
    after = before * (before.abs() > 0.5)
    picture = ph.plot_histogram({"before": before, "after": after})
    ax = picture.figure.axes[0]
    assert all(not patch.get_fill() for patch in ax.patches)  # outlines only: nothing to blend
    legend = ax.get_legend()
    drawn = {tuple(patch.get_edgecolor()) for patch in ax.patches}
    shown = {tuple(handle.get_edgecolor()) for handle in legend.legend_handles}
    assert drawn == shown and len(drawn) == 2


def two_four_layer():
    layer = nn.Linear(16, 8)
    groups = layer.weight.detach().abs().reshape(-1, 4)
    mask = torch.zeros_like(groups).scatter_(1, groups.topk(2, dim=1).indices, 1.0).reshape(8, 16)
    prune.custom_from_mask(layer, name="weight", mask=mask)
    return layer


def test_group_option_separates_every_four_columns_of_a_2_4_mask(language):
    picture = ph.plot_mask(two_four_layer(), with_bias=False, group=4)
    lines = [line.get_xdata()[0] for line in picture.figure.axes[0].lines]
    assert lines == [3.5, 7.5, 11.5]
    assert not ph.plot_mask(two_four_layer(), with_bias=False).figure.axes[0].lines


def test_mask_png_group_inserts_a_one_pixel_gap_every_four_columns():
    mask = torch.ones(2, 8)
    plain = np.array(Image.open(io.BytesIO(ph.mask_png(mask, size=16))).convert("RGB"))
    grouped = np.array(Image.open(io.BytesIO(ph.mask_png(mask, size=16, group=4))).convert("RGB"))
    assert grouped.shape[1] == plain.shape[1] + 1
    white = np.all(grouped == plots.GAP_RGB, axis=-1).all(axis=0)
    assert white.nonzero()[0].tolist() == [8]  # after 4 cells of 2 pixels


def test_masks_of_other_layer_kinds_are_drawn():
    """Conv3d (5-D) masks crashed the layout; Conv1d and ConvTranspose2d biases did not line up."""
    for layer in (nn.Conv1d(2, 3, 3), nn.ConvTranspose2d(2, 3, 3), nn.Conv3d(2, 3, 2), nn.Embedding(5, 3)):
        prune.l1_unstructured(layer, name="weight", amount=0.5)
        assert ph.plot_mask(layer).png.startswith(b"\x89PNG")
        bias = getattr(layer, "bias", None)
        assert Image.open(io.BytesIO(ph.mask_png(layer.weight_mask, None if bias is None else torch.ones_like(bias))))
