"""What a learner reads around the interactive views: before a cell runs, and while it runs.

Before: the text form of a widget output (JupyterLab on an unrun notebook,
GitHub, nbviewer) is a catalog sentence, not `VBox(children=(HBox(...`.
While: each heatmap has a legend, axis captions, filter and channel
numbers and a marked bias column, like `plot_mask`; sliders are wide enough
to drag; MethodComparison's heatmaps stand apart.
"""

import importlib.util
import io
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

import prune_helpers as ph
from prune_helpers import explorer as explorer_module
from prune_helpers.plots import mask_png, mask_png_layout

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SHAPES = [(2, 3, 3, 3), (8, 8, 3, 3), (64, 64, 3, 3), (3, 2, 3), (3, 2, 2, 2, 2), (6, 10), (20, 20), (100, 100), (7,)]


def load_build():
    path = next(p for p in (ROOT / "lessons" / "build.py", ROOT / "notebooks" / "build.py") if p.exists())
    spec = importlib.util.spec_from_file_location("notebook_build_frame", path)
    module = sys.modules["notebook_build_frame"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def views():
    conv = nn.Conv2d(3, 2, 3, padding=1)
    return {
        "widget.fallback_explorer": ph.AmountExplorer(conv),
        "widget.fallback_compare": ph.MethodComparison(conv),
        "widget.fallback_steps": ph.MaskSteps([torch.ones(4, 4), torch.zeros(4, 4)]),
        "widget.fallback_calculator": ph.Calculator(ph.compounded_sparsity, "calc.compound",
                                                    amount=(0.05, 0.9, 0.05, 0.2), steps=(1, 10, 1, 2)),
    }


# --- before the cell runs ---------------------------------------------------------------


def test_every_view_shows_a_run_this_cell_sentence_as_text(language):
    for key, view in views().items():
        bundle = view.widget._repr_mimebundle_()
        assert bundle["text/plain"] == ph.t(key) and bundle["text/plain"].startswith("▶")
        assert bundle[WIDGET_VIEW]["model_id"] == view.widget.model_id
        formatted, _ = __import__("IPython").core.formatters.DisplayFormatter().format(view.widget)
        assert formatted["text/plain"] == ph.t(key)


def test_build_gives_other_widgets_the_general_sentence_and_leaves_the_rest(language):
    build = load_build()
    cell = nbformat.v4.new_code_cell("widgets.HBox([slider, square])")
    raw = {"text/plain": "HBox(children=(IntSlider(value=3, description='x'), Label(value='x² = 9')))",
           WIDGET_VIEW: {"model_id": "1" * 32, "version_major": 2, "version_minor": 0}}
    ours = {"text/plain": ph.t("widget.fallback_explorer"), WIDGET_VIEW: {"model_id": "2" * 32}}
    cell.outputs = [nbformat.v4.new_output("display_data", data=raw),
                    nbformat.v4.new_output("display_data", data=ours),
                    nbformat.v4.new_output("execute_result", data={"text/plain": "Conv2d(3, 2, kernel_size=(3, 3))"},
                                           execution_count=1)]
    notebook = build.friendly_widget_text(nbformat.v4.new_notebook(cells=[cell]), language)
    texts = [output.data["text/plain"] for output in notebook.cells[0].outputs]
    assert texts == [ph.messages.CATALOG["widget.fallback"][language], ph.t("widget.fallback_explorer"),
                     "Conv2d(3, 2, kernel_size=(3, 3))"]


# --- the heatmap's frame ------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("with_bias", [False, True], ids=["no-bias", "bias"])
def test_layout_matches_the_png_it_describes(shape, with_bias):
    mask = (torch.rand(shape) > 0.5).float()
    bias = torch.ones(shape[0]) if with_bias else None
    image = Image.open(io.BytesIO(mask_png(mask, bias)))
    layout = mask_png_layout(mask.shape, None if bias is None else bias.shape)
    assert (layout.width, layout.height) == image.size
    pixels = np.array(image)  # palette indices: 0 gap, 1 pruned, 2 kept
    if with_bias:
        column = pixels[:, int(layout.bias)]
        assert (column == 2).any() and not (column == 1).any(), "the bias centre must fall on the all-kept bias column"
    else:
        assert layout.bias is None
    for y, _ in layout.rows:
        assert (pixels[int(y)] != 0).any()
    if len(shape) != 5:  # a Conv3d channel's centre falls between its depth slices, which is right
        for x, _ in layout.columns:
            assert (pixels[:, int(x)] != 0).any()


def test_layout_handles_n_m_group_separators():
    mask = (torch.rand(6, 16) > 0.5).float()
    image = Image.open(io.BytesIO(mask_png(mask, torch.ones(6), group=4)))
    layout = mask_png_layout(mask.shape, (6,), group=4)
    assert (layout.width, layout.height) == image.size
    assert (np.array(image)[:, int(layout.bias)] == 2).any()


def test_ticks_number_filters_and_channels_and_thin_out_on_big_layers():
    small = mask_png_layout((2, 3, 3, 3), (2,))
    assert [label for _, label in small.rows] == ["0", "1"] and [label for _, label in small.columns] == ["0", "1", "2"]
    big = mask_png_layout((64, 64, 3, 3), (64,))
    assert 8 <= len(big.rows) <= 20 and big.rows[0][1] == "0"
    gaps = np.diff([y for y, _ in big.rows])
    assert gaps.min() >= 14


def test_explorer_heatmap_has_legend_captions_numbers_and_a_marked_bias_column(language):
    explorer = ph.AmountExplorer(nn.Conv2d(3, 2, 3, padding=1))
    heatmap = explorer.heatmap
    assert explorer_module.CSS_HEATMAP in heatmap.widget._dom_classes
    assert ph.t("plot.kept") in heatmap.legend.value and ph.t("plot.pruned") in heatmap.legend.value
    assert ph.t("heatmap.bias_note") in heatmap.legend.value
    assert "rgb(76, 155, 232)" in heatmap.legend.value and "rgb(31, 31, 31)" in heatmap.legend.value
    assert ph.t("plot.out_axis") in heatmap.head.value and ph.t("plot.in_axis") in heatmap.foot.value
    marker = re.search(rf'class="{explorer_module.CSS_BIAS}"[^>]*left:([0-9.]+)px[^>]*>([^<]+)<', heatmap.head.value)
    assert marker and marker.group(2) == ph.t("heatmap.bias")
    row_numbers = re.findall(r">(\d+)</span>", heatmap.ticks.value)
    assert row_numbers == ["0", "1"]
    assert heatmap.image is explorer.image and explorer.image in heatmap.widget.children[2].children


def test_no_bias_marker_where_no_bias_is_drawn(language):
    bias_explorer = ph.AmountExplorer(nn.Conv2d(3, 4, 3), name="bias")
    assert explorer_module.CSS_BIAS not in bias_explorer.heatmap.head.value
    assert ph.t("heatmap.entry_axis") in bias_explorer.heatmap.head.value
    no_bias = ph.AmountExplorer(nn.Conv2d(3, 4, 3, bias=False))
    assert explorer_module.CSS_BIAS not in no_bias.heatmap.head.value
    assert ph.t("heatmap.bias_note") not in no_bias.heatmap.legend.value
    comparison = ph.MethodComparison(nn.Linear(6, 4))
    for heatmap in comparison.heatmaps.values():
        assert explorer_module.CSS_BIAS not in heatmap.head.value
        assert ph.t("plot.out_axis_linear") in heatmap.head.value


def test_a_slider_move_redraws_only_the_png():
    explorer = ph.AmountExplorer(nn.Conv2d(4, 4, 3))
    changed = []
    for part in (explorer.heatmap.head, explorer.heatmap.ticks, explorer.heatmap.foot, explorer.heatmap.legend):
        part.observe(changed.append, names="value")
    for value in (0.1, 0.6, 0.95):
        explorer.slider.value = value
    explorer.method.value = "ln_structured"
    assert changed == []


def test_mask_steps_redraws_the_frame_when_the_shape_changes():
    steps = ph.MaskSteps([torch.ones(4, 4), torch.ones(2, 3, 3, 3)])
    assert ph.t("plot.out_axis_linear") in steps.heatmap.head.value
    steps.slider.value = 1
    assert ph.t("plot.out_axis") in steps.heatmap.head.value
    assert (steps.heatmap.layout.width, steps.heatmap.layout.height) == Image.open(io.BytesIO(steps.image.value)).size


# --- sliders and side-by-side heatmaps ----------------------------------------------------


def test_sliders_are_wide_enough_to_drag():
    for view in views().values():
        sliders = [view.slider] if hasattr(view, "slider") else list(view.sliders.values())
        for slider in sliders:
            assert 360 <= int(slider.layout.width.removesuffix("px")) <= 440
            assert slider.style.description_width == explorer_module.DESCRIPTION_WIDTH


def test_method_comparison_heatmaps_stand_apart_each_with_its_caption(language):
    comparison = ph.MethodComparison(nn.Conv2d(8, 8, 3))
    grid = comparison.widget.children[-1]
    assert len(grid.children) == 2
    for method, column in zip(comparison.methods, grid.children):
        assert explorer_module.CSS_COLUMN in column._dom_classes
        right = int(column.layout.margin.split()[1].removesuffix("px"))
        assert right >= 24 and column.layout.border
        title, label, heatmap = column.children
        assert method in title.value and label is comparison.labels[method]
        assert heatmap is comparison.heatmaps[method].widget
    assert ph.t("plot.kept") in comparison.legend.value
