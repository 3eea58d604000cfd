"""Interactive views: sliders that re-prune a fresh copy of a layer on every move.

Pruning the same layer again would compound (0.9 then 0.1 keeps pruning what
is left), so each change starts from an untouched copy. Heatmaps are drawn
straight to PNG for a widgets.Image: no matplotlib figure per change.
Every widget exposes its controls (`slider`, `method`, ...) and its current
state (`mask`, `sparsity`, ...) so tests and exercise cells can drive it.
"""

from __future__ import annotations

import html
import math
import numbers
from typing import Callable

import ipywidgets as widgets
import torch
from torch import nn
from torch.nn.utils import prune

from .messages import CATALOG, PruneHelperError, every_text, t
from .methods import METHODS, check_method, copy_model, pruned_copy
from .plots import KEPT_RGB, PRUNED_RGB, PngLayout, mask_png, mask_png_layout, png_width
from .sparsity import count_zeros, percent
from .validate import (accepts, check_amount, check_float_weight, check_module, check_name, check_nonempty, check_seed,
                       check_tensor, is_number)

CSS_ROOT = "ph-amount-explorer"
CSS_SLIDER = "ph-amount-slider"
CSS_METHOD = "ph-method-choice"
CSS_LABEL = "ph-sparsity-label"
CSS_IMAGE = "ph-mask-image"
CSS_CODE = "ph-pytorch-call"
CSS_HEATMAP = "ph-mask-heatmap"  # an image with its legend, axis captions and tick numbers
CSS_LEGEND = "ph-mask-legend"
CSS_AXIS = "ph-mask-axis"
CSS_BIAS = "ph-bias-marker"  # a span in the heatmap's head, over the bias column
CSS_COLUMN = "ph-compare-column"

SLIDER_WIDTH = "420px"  # the default 300 px leaves a ~110 px track: about 5 px per step of 0.05
DESCRIPTION_WIDTH = "72px"  # fits "amount", "p_out", "단계", "횟수"
COLUMN_GAP = "0 32px 12px 0"  # margin right of each heatmap in a MethodComparison
SMALL_TEXT = "font-size:11px;line-height:13px;color:var(--jp-ui-font-color2, #616161);white-space:nowrap"
AXIS_CAPTIONS = {  # (rows, columns) caption keys, as in plot_mask
    "conv": ("plot.out_axis", "plot.in_axis"),
    "matrix": ("plot.out_axis_linear", "plot.in_axis_linear"),
    "vector": ("heatmap.entry_axis", None),
}


def _show_png(image: widgets.Image, png: bytes) -> None:
    image.value = png
    image.width = str(png_width(png))  # natural size: stretched pixels look blurred


def _with_class(widget: widgets.DOMWidget, css: str) -> widgets.DOMWidget:
    widget.add_class(css)
    return widget


def _slider_look() -> dict:
    """Layout and style for every slider: a track wide enough to drag 21 positions."""
    return {"layout": widgets.Layout(width=SLIDER_WIDTH), "style": {"description_width": DESCRIPTION_WIDTH}}


def _amount_slider(amount: float) -> widgets.FloatSlider:
    slider = widgets.FloatSlider(value=amount, min=0.0, max=1.0, step=0.05, description="amount", readout_format=".2f",
                                 **_slider_look())
    return _with_class(slider, CSS_SLIDER)


class _Panel(widgets.VBox):
    """The outer box of a view. Its text form is a catalog sentence (`fallback`, a key).

    JupyterLab shows an output's text form until the cell has run in this
    session (an unrun notebook is untrusted, so its widget views are not
    drawn), and so do GitHub and nbviewer: a learner reads "run this cell"
    instead of `VBox(children=(HBox(...`.
    """

    def __init__(self, children, fallback: str, **kwargs):
        super().__init__(children, **kwargs)
        self.fallback = fallback

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle:
            bundle["text/plain"] = t(self.fallback)
        return bundle


def _swatch(rgb: tuple[int, int, int]) -> str:
    return ('<span style="display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;'
            f'background:rgb{tuple(rgb)}"></span>')


def _legend_html(bias: bool) -> str:
    """Kept blue, pruned dark (as in plot_mask), and what the separate bias column is."""
    keys = f"{_swatch(KEPT_RGB)}{html.escape(t('plot.kept'))}&emsp;{_swatch(PRUNED_RGB)}{html.escape(t('plot.pruned'))}"
    note = f'<div style="{SMALL_TEXT};white-space:normal">{html.escape(t("heatmap.bias_note"))}</div>' if bias else ""
    return f'<div style="line-height:18px">{keys}{note}</div>'


def _px(value: float) -> str:
    return f"{value:.1f}px"


class _Heatmap:
    """A mask as a PNG (`image`) framed like plot_mask: tick numbers, axis captions, a marked bias column.

    The frame depends only on the shapes, so it is built again only when
    they change; a slider move redraws just the PNG.
    """

    def __init__(self, legend: bool = True):
        self.image = _with_class(widgets.Image(format="png", layout=widgets.Layout(margin="0")), CSS_IMAGE)
        self.head, self.ticks, self.foot = (_with_class(widgets.HTML(layout=widgets.Layout(margin="0")), CSS_AXIS)
                                            for _ in range(3))
        self.legend = _with_class(widgets.HTML(), CSS_LEGEND) if legend else None
        body = widgets.HBox([self.ticks, self.image], layout=widgets.Layout(margin="0"))
        self.widget = _with_class(widgets.VBox([*([self.legend] if legend else []), self.head, body, self.foot]), CSS_HEATMAP)
        self.layout: PngLayout | None = None
        self._shapes = None

    def show(self, mask: torch.Tensor, bias_mask: torch.Tensor | None = None) -> None:
        png = mask_png(mask, bias_mask)
        shapes = (tuple(mask.shape), None if bias_mask is None else tuple(bias_mask.shape))
        if shapes != self._shapes:
            self._frame(*shapes)
            self._shapes = shapes
        _show_png(self.image, png)

    def _frame(self, shape: tuple, bias_shape: tuple | None) -> None:
        layout = self.layout = mask_png_layout(shape, bias_shape)
        rows_key, columns_key = AXIS_CAPTIONS[layout.kind]
        left = 8 + 7 * max((len(label) for _, label in layout.rows), default=1)  # room for the row numbers
        width = left + layout.width
        head = [f'<span style="position:absolute;left:0;bottom:1px;white-space:nowrap">↓ {html.escape(t(rows_key))}</span>']
        if layout.bias is not None:
            head.append(f'<span class="{CSS_BIAS}" style="position:absolute;left:{_px(left + layout.bias)};bottom:1px;'
                        f'transform:translateX(-50%);text-align:center;white-space:nowrap;font-weight:bold">'
                        f'{html.escape(t("heatmap.bias"))}<br>↓</span>')
        self.head.value = (f'<div style="position:relative;width:{width}px;height:30px;line-height:14px">'
                           f'{"".join(head)}</div>')
        top = max(0, layout.height - 13)  # the box clips what sticks out: keep the first and last number inside
        numbers = "".join(f'<span style="position:absolute;right:5px;top:{_px(min(max(y - 6.5, 0), top))}">{label}</span>'
                          for y, label in layout.rows)
        self.ticks.value = f'<div style="position:relative;width:{left}px;height:{layout.height}px;{SMALL_TEXT}">{numbers}</div>'
        foot = [f'<span style="position:absolute;left:{_px(left + x)};top:2px;transform:translateX(-50%)">{label}</span>'
                for x, label in layout.columns]
        if columns_key:
            foot.append(f'<span style="position:absolute;left:{left}px;top:18px;font-size:var(--jp-widgets-font-size);'
                        f'color:var(--jp-widgets-color)">{html.escape(t(columns_key))} →</span>')
        height = 36 if columns_key else 4
        self.foot.value = f'<div style="position:relative;width:{width}px;height:{height}px;{SMALL_TEXT}">{"".join(foot)}</div>'
        if self.legend is not None:
            self.legend.value = _legend_html(layout.bias is not None)


def _slider_amount(amount) -> float:
    """The slider shows a fraction, so only a real number from 0.0 to 1.0 (not a count, not a bool)."""
    if not is_number(amount) or isinstance(amount, numbers.Integral):
        raise PruneHelperError("error.amount_fraction_only", kind=type(amount).__name__, value=amount)
    return check_amount(float(amount), 1)


def _pristine(module: nn.Module, name: str, amount: float) -> nn.Module:
    """Check everything up front, then keep an untouched copy to prune again and again."""
    check_name(check_module(module), name)
    if prune.is_pruned(module):
        raise PruneHelperError("error.already_pruned", name=name)
    _slider_amount(amount)
    return copy_model(module)


def _usable_methods(module: nn.Module, name: str, methods, strict: bool) -> list[str]:
    """Known methods that can prune `module.<name>`: structured ones need a tensor of 2 or more dimensions.

    With `strict`, a method that cannot is an error (the learner named it);
    otherwise it is left out of the list, so a bias can be explored with the
    default choices.
    """
    if isinstance(methods, str):
        methods = (methods,)
    try:
        methods = list(methods)
    except TypeError:
        raise PruneHelperError("error.unknown_method", value=methods, choices=", ".join(METHODS)) from None
    for method in methods:
        check_method(method)
    tensor = getattr(module, name)
    usable = [m for m in dict.fromkeys(methods) if tensor.dim() >= 2 or not METHODS[m].structured]
    if strict and len(usable) < len(dict.fromkeys(methods)):
        method = next(m for m in methods if m not in usable)
        raise PruneHelperError("error.structured_needs_2d", method=method, name=name, shape=list(tensor.shape))
    return usable


class _Displayable:
    widget: widgets.Widget

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _check_prunable_tensor(module: nn.Module, name: str) -> None:
    """A tensor a widget can prune again and again and show: floating point, with at least one entry."""
    tensor = check_float_weight(getattr(module, name), name)
    if tensor.numel() == 0:
        raise PruneHelperError("error.empty_tensor", shape=list(tensor.shape))


class AmountExplorer(_Displayable):
    """Move `slider` (or set `slider.value`) and watch `mask`, `label` and `image` follow.

    The module passed in is never changed: it is copied once, and every
    update prunes a new copy of that pristine copy.
    """

    def __init__(self, module: nn.Module, name: str = "weight", method: str = "random_unstructured",
                 amount: float = 0.5, seed: int = 0, methods: tuple[str, ...] = tuple(METHODS)):
        _check_prunable_tensor(module, check_name(check_module(module), name))
        _usable_methods(module, name, (method,), strict=True)
        options = _usable_methods(module, name, methods, strict=False)
        if method not in options:
            options.insert(0, method)
        self._pristine = _pristine(module, name, amount)
        self.name, self.seed = name, check_seed(seed)
        self.slider = _amount_slider(_slider_amount(amount))
        self.method = _with_class(widgets.Dropdown(options=options, value=method, description=t("explorer.method")), CSS_METHOD)
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.code = _with_class(widgets.HTML(), CSS_CODE)
        self.heatmap = _Heatmap()
        self.image = self.heatmap.image
        controls = widgets.HBox([self.slider, self.method], layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = _with_class(_Panel([controls, self.label, self.heatmap.widget, self.code], "widget.fallback_explorer"), CSS_ROOT)
        self.slider.observe(self._on_change, names="value")
        self.method.observe(self._on_change, names="value")
        self.update()

    def update(self) -> None:
        self.module, self.call = pruned_copy(self._pristine, self.name, self.method.value, float(self.slider.value), self.seed)
        self.mask = getattr(self.module, self.name + "_mask")
        zeros, numel = count_zeros(self.mask)
        self.sparsity = zeros / numel
        self.label.value = t("explorer.label", sparsity=percent(self.sparsity), zeros=zeros, numel=numel, amount=self.slider.value)
        self.code.value = f"{html.escape(t('explorer.code'))} <code>{html.escape(self.call)}</code>"
        self.heatmap.show(self.mask, self._bias_mask())

    def _bias_mask(self) -> torch.Tensor | None:
        """The bias drawn beside the weight: all kept, since only `name` is pruned here."""
        bias = getattr(self.module, "bias", None)
        if self.name == "bias" or not isinstance(bias, torch.Tensor):
            return None
        return getattr(self.module, "bias_mask", torch.ones_like(bias))

    def _on_change(self, change) -> None:
        self.update()

    def __repr__(self) -> str:
        return t("explorer.repr", method=self.method.value, amount=self.slider.value, sparsity=percent(self.sparsity))


class MethodComparison(_Displayable):
    """One slider, one heatmap per method: the same layer pruned side by side."""

    def __init__(self, module: nn.Module, name: str = "weight",
                 methods: tuple[str, ...] = ("random_unstructured", "l1_unstructured"),
                 amount: float = 0.5, seed: int = 0):
        _check_prunable_tensor(module, check_name(check_module(module), name))
        methods = tuple(check_nonempty(_usable_methods(module, name, methods, strict=True), "methods",
                                       "methods=(\"random_unstructured\", \"l1_unstructured\")"))
        self._pristine = _pristine(module, name, amount)
        self.name, self.seed, self.methods = name, check_seed(seed), methods
        self.slider = _amount_slider(_slider_amount(amount))
        self.labels = {m: _with_class(widgets.HTML(), CSS_LABEL) for m in methods}
        self.heatmaps = {m: _Heatmap(legend=False) for m in methods}
        self.images = {m: heatmap.image for m, heatmap in self.heatmaps.items()}
        self.legend = _with_class(widgets.HTML(_legend_html(bias=False)), CSS_LEGEND)
        frame = widgets.Layout(margin=COLUMN_GAP, padding="4px 10px 0 10px", border="1px solid var(--jp-border-color2, #e0e0e0)")
        columns = [_with_class(widgets.VBox([widgets.HTML(f"<b>{html.escape(m)}</b>"), self.labels[m], self.heatmaps[m].widget],
                                            layout=frame), CSS_COLUMN) for m in methods]
        grid = widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.widget = _with_class(_Panel([self.slider, self.legend, grid], "widget.fallback_compare"), CSS_ROOT)
        self.slider.observe(lambda change: self.update(), names="value")
        self.update()

    def update(self) -> None:
        self.modules, self.masks, self.kept_magnitude = {}, {}, {}
        amount = float(self.slider.value)
        for method in self.methods:
            module, _ = pruned_copy(self._pristine, self.name, method, amount, self.seed)
            mask = getattr(module, self.name + "_mask")
            kept = getattr(module, self.name + "_orig").detach().abs()[mask.bool()]
            self.modules[method], self.masks[method] = module, mask
            self.kept_magnitude[method] = float(kept.mean()) if kept.numel() else 0.0
            zeros, numel = count_zeros(mask)
            self.labels[method].value = t("compare.label", sparsity=percent(zeros / numel),
                                          magnitude=f"{self.kept_magnitude[method]:.4f}")
            self.heatmaps[method].show(mask)


class MaskSteps(_Displayable):
    """A slider over a sequence of masks, e.g. the mask after each pruning step."""

    def __init__(self, masks: list[torch.Tensor], titles: list[str] | None = None):
        example = "[layer.weight_mask.clone()]"
        if not isinstance(masks, (list, tuple)):
            raise PruneHelperError("error.empty_input", arg="masks", example=example)
        self.masks = [check_tensor(m).detach().clone() for m in check_nonempty(masks, "masks", example)]
        for mask in self.masks:
            if mask.numel() == 0:
                raise PruneHelperError("error.empty_tensor", shape=list(mask.shape))
        if titles is not None and not isinstance(titles, (list, tuple)):
            raise PruneHelperError("error.sequence_arg", arg="titles", kind=type(titles).__name__, value=titles,
                                   example='["50%", "75%"]')
        self.titles = [str(i) for i in range(len(self.masks))] if titles is None else [str(title) for title in titles]
        if len(self.titles) != len(self.masks):
            raise PruneHelperError("error.titles", titles=len(self.titles), masks=len(self.masks))
        self.slider = _with_class(widgets.IntSlider(value=0, min=0, max=len(self.masks) - 1, description=t("steps.step"),
                                                    **_slider_look()), CSS_SLIDER)
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.heatmap = _Heatmap()
        self.image = self.heatmap.image
        self.widget = _with_class(_Panel([self.slider, self.label, self.heatmap.widget], "widget.fallback_steps"), CSS_ROOT)
        self.slider.observe(lambda change: self.update(), names="value")
        self.update()

    def update(self) -> None:
        self.mask = self.masks[self.slider.value]
        zeros, numel = count_zeros(self.mask)
        self.sparsity = zeros / numel
        self.label.value = t("steps.label", title=html.escape(self.titles[self.slider.value]), sparsity=percent(self.sparsity))
        self.heatmap.show(self.mask)


def _check_formula_takes(formula, sliders: dict) -> None:
    """The formula can be called with exactly the sliders' names as keyword arguments."""
    import inspect

    if not accepts(formula, **{name: None for name in sliders}):
        raise PruneHelperError("error.formula_args", params=", ".join(inspect.signature(formula).parameters),
                               names=", ".join(sliders) or "-")


def _slider_label(name: str) -> str:
    """A slider's label: the argument's name (code, such as amount), or its catalog label where it has one."""
    return t(f"slider.{name}") if f"slider.{name}" in CATALOG else name


class Calculator(_Displayable):
    """Sliders for a formula's inputs and one line with its result.

    `sliders` maps an argument name to (min, max, step, start); all-int
    ranges give an integer slider. `text_key` names the catalog (or lesson pack) sentence that
    shows the inputs and `{result}`.
    """

    def __init__(self, formula: Callable[..., float], text_key: str, **sliders: tuple):
        if not callable(formula):
            raise PruneHelperError("error.not_callable", kind=type(formula).__name__)
        if not isinstance(text_key, str) or text_key not in every_text():
            raise PruneHelperError("error.unknown_text", key=text_key)
        if "result" in sliders:  # the text's {result} is the formula's value
            raise PruneHelperError("error.slider_name", name="result")
        for name, spec in sliders.items():
            finite = isinstance(spec, tuple) and len(spec) == 4 and all(is_number(v) and math.isfinite(v) for v in spec)
            if not finite or not (spec[0] <= spec[3] <= spec[1] and spec[2] > 0):
                raise PruneHelperError("error.slider_spec", name=name, value=spec)
        _check_formula_takes(formula, sliders)
        self.formula, self.text_key = formula, text_key
        self.sliders = {}
        for name, (low, high, step, start) in sliders.items():
            kind = widgets.IntSlider if all(isinstance(v, int) for v in (low, high, step, start)) else widgets.FloatSlider
            self.sliders[name] = _with_class(kind(value=start, min=low, max=high, step=step, description=_slider_label(name),
                                                  **_slider_look()), CSS_SLIDER)
            self.sliders[name].observe(lambda change: self.update(), names="value")
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.widget = _with_class(_Panel([*self.sliders.values(), self.label], "widget.fallback_calculator"), CSS_ROOT)
        self.update()

    def update(self) -> None:
        values = {name: slider.value for name, slider in self.sliders.items()}
        self.result = self.formula(**values)
        self.label.value = t(self.text_key, result=percent(self.result), **values)
