"""Interactive views: sliders that re-prune a fresh copy of a layer on every move.

Pruning the same layer again would compound (0.9 then 0.1 keeps pruning what
is left), so each change starts from an untouched copy. Heatmaps are drawn
straight to PNG for a widgets.Image: no matplotlib figure per change.
Every widget exposes its controls (`slider`, `method`, ...) and its current
state (`mask`, `sparsity`, ...) so tests and exercise cells can drive it.
"""

from __future__ import annotations

import copy
import html
from typing import Callable

import ipywidgets as widgets
import torch
from torch import nn
from torch.nn.utils import prune

from .messages import PruneHelperError, t
from .methods import METHODS, check_method, pruned_copy
from .plots import mask_png, png_width
from .sparsity import count_zeros, percent
from .validate import check_amount, check_module, check_name, check_tensor

CSS_ROOT = "ph-amount-explorer"
CSS_SLIDER = "ph-amount-slider"
CSS_METHOD = "ph-method-choice"
CSS_LABEL = "ph-sparsity-label"
CSS_IMAGE = "ph-mask-image"
CSS_CODE = "ph-pytorch-call"


def _show_png(image: widgets.Image, png: bytes) -> None:
    image.value = png
    image.width = str(png_width(png))  # natural size: stretched pixels look blurred


def _with_class(widget: widgets.DOMWidget, css: str) -> widgets.DOMWidget:
    widget.add_class(css)
    return widget


def _amount_slider(amount: float) -> widgets.FloatSlider:
    slider = widgets.FloatSlider(value=amount, min=0.0, max=1.0, step=0.05, description="amount", readout_format=".2f")
    return _with_class(slider, CSS_SLIDER)


def _pristine(module: nn.Module, name: str, amount: float) -> nn.Module:
    """Check everything up front, then keep an untouched copy to prune again and again."""
    check_name(check_module(module), name)
    if prune.is_pruned(module):
        raise PruneHelperError("error.already_pruned", name=name)
    check_amount(float(amount), getattr(module, name).numel(), name)
    return copy.deepcopy(module)


class _Displayable:
    widget: widgets.Widget

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class AmountExplorer(_Displayable):
    """Move `slider` (or set `slider.value`) and watch `mask`, `label` and `image` follow.

    The module passed in is never changed: it is copied once, and every
    update prunes a new copy of that pristine copy.
    """

    def __init__(self, module: nn.Module, name: str = "weight", method: str = "random_unstructured",
                 amount: float = 0.5, seed: int = 0, methods: tuple[str, ...] = tuple(METHODS)):
        for choice in (method, *methods):
            check_method(choice)
        self._pristine = _pristine(module, name, amount)
        self.name, self.seed = name, seed
        self.slider = _amount_slider(amount)
        self.method = _with_class(widgets.Dropdown(options=list(methods), value=method, description=t("explorer.method")), CSS_METHOD)
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.code = _with_class(widgets.HTML(), CSS_CODE)
        self.image = _with_class(widgets.Image(format="png"), CSS_IMAGE)
        self.widget = _with_class(widgets.VBox([widgets.HBox([self.slider, self.method]), self.label, self.image, self.code]), CSS_ROOT)
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
        _show_png(self.image, mask_png(self.mask, self._bias_mask()))

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
        for method in methods:
            check_method(method)
        self._pristine = _pristine(module, name, amount)
        self.name, self.seed, self.methods = name, seed, methods
        self.slider = _amount_slider(amount)
        self.labels = {m: _with_class(widgets.HTML(), CSS_LABEL) for m in methods}
        self.images = {m: _with_class(widgets.Image(format="png"), CSS_IMAGE) for m in methods}
        columns = [widgets.VBox([widgets.HTML(f"<b>{html.escape(m)}</b>"), self.labels[m], self.images[m]]) for m in methods]
        self.widget = _with_class(widgets.VBox([self.slider, widgets.HBox(columns)]), CSS_ROOT)
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
            _show_png(self.images[method], mask_png(mask))


class MaskSteps(_Displayable):
    """A slider over a sequence of masks, e.g. the mask after each pruning step."""

    def __init__(self, masks: list[torch.Tensor], titles: list[str] | None = None):
        self.masks = [check_tensor(m).detach().clone() for m in masks]
        self.titles = titles or [str(i) for i in range(len(self.masks))]
        self.slider = _with_class(widgets.IntSlider(value=0, min=0, max=len(self.masks) - 1, description=t("steps.step")), CSS_SLIDER)
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.image = _with_class(widgets.Image(format="png"), CSS_IMAGE)
        self.widget = _with_class(widgets.VBox([self.slider, self.label, self.image]), CSS_ROOT)
        self.slider.observe(lambda change: self.update(), names="value")
        self.update()

    def update(self) -> None:
        self.mask = self.masks[self.slider.value]
        zeros, numel = count_zeros(self.mask)
        self.sparsity = zeros / numel
        self.label.value = t("steps.label", title=html.escape(self.titles[self.slider.value]), sparsity=percent(self.sparsity))
        _show_png(self.image, mask_png(self.mask))


class Calculator(_Displayable):
    """Sliders for a formula's inputs and one line with its result.

    `sliders` maps an argument name to (min, max, step, start); all-int
    ranges give an integer slider. `text_key` names the catalog sentence that
    shows the inputs and `{result}`.
    """

    def __init__(self, formula: Callable[..., float], text_key: str, **sliders: tuple):
        self.formula, self.text_key = formula, text_key
        self.sliders = {}
        for name, (low, high, step, start) in sliders.items():
            kind = widgets.IntSlider if all(isinstance(v, int) for v in (low, high, step, start)) else widgets.FloatSlider
            self.sliders[name] = _with_class(kind(value=start, min=low, max=high, step=step, description=name), CSS_SLIDER)
            self.sliders[name].observe(lambda change: self.update(), names="value")
        self.label = _with_class(widgets.HTML(), CSS_LABEL)
        self.widget = _with_class(widgets.VBox([*self.sliders.values(), self.label]), CSS_ROOT)
        self.update()

    def update(self) -> None:
        values = {name: slider.value for name, slider in self.sliders.items()}
        self.result = self.formula(**values)
        self.label.value = t(self.text_key, result=percent(self.result), **values)
