"""The amount explorer: a slider that re-prunes a fresh copy of a layer on every move.

Pruning the same layer again would compound (0.9 then 0.1 keeps pruning what
is left), so each change starts from an untouched copy. The heatmap is drawn
straight to PNG for a widgets.Image: no matplotlib figure per change.
"""

from __future__ import annotations

import copy
import html

import ipywidgets as widgets
import torch
from torch import nn
from torch.nn.utils import prune

from .messages import PruneHelperError, t
from .methods import METHODS, apply_method, check_method
from .plots import mask_png, png_width
from .sparsity import count_zeros, percent
from .validate import check_amount, check_module, check_name

CSS_ROOT = "ph-amount-explorer"
CSS_SLIDER = "ph-amount-slider"
CSS_METHOD = "ph-method-choice"
CSS_LABEL = "ph-sparsity-label"
CSS_IMAGE = "ph-mask-image"
CSS_CODE = "ph-pytorch-call"


class AmountExplorer:
    """Move `slider` (or set `slider.value`) and watch `mask`, `label` and `image` follow.

    The module passed in is never changed: it is copied once, and every
    update prunes a new copy of that pristine copy.
    """

    def __init__(
        self,
        module: nn.Module,
        name: str = "weight",
        method: str = "random_unstructured",
        amount: float = 0.5,
        seed: int = 0,
        methods: tuple[str, ...] = tuple(METHODS),
    ):
        check_name(check_module(module), name)
        if prune.is_pruned(module):
            raise PruneHelperError("error.already_pruned", name=name)
        check_method(method)
        for choice in methods:
            check_method(choice)
        check_amount(float(amount), getattr(module, name).numel(), name)
        self.name = name
        self.seed = seed
        self._pristine = copy.deepcopy(module)
        self.slider = widgets.FloatSlider(value=amount, min=0.0, max=1.0, step=0.05, description="amount", readout_format=".2f")
        self.method = widgets.Dropdown(options=list(methods), value=method, description=t("explorer.method"))
        self.label = widgets.HTML()
        self.code = widgets.HTML()
        self.image = widgets.Image(format="png")
        for widget, css in ((self.slider, CSS_SLIDER), (self.method, CSS_METHOD), (self.label, CSS_LABEL), (self.image, CSS_IMAGE), (self.code, CSS_CODE)):
            widget.add_class(css)
        self.widget = widgets.VBox([widgets.HBox([self.slider, self.method]), self.label, self.image, self.code])
        self.widget.add_class(CSS_ROOT)
        self.slider.observe(self._on_change, names="value")
        self.method.observe(self._on_change, names="value")
        self.update()

    def pruned_copy(self, amount: float, method: str) -> tuple[nn.Module, str]:
        """A fresh copy of the layer pruned once at `amount`, and the call that pruned it."""
        module = copy.deepcopy(self._pristine)
        call = apply_method(module, self.name, method, float(amount), seed=self.seed)
        return module, call

    def update(self) -> None:
        self.module, call = self.pruned_copy(self.slider.value, self.method.value)
        self.mask = getattr(self.module, self.name + "_mask")
        zeros, numel = count_zeros(self.mask)
        self.sparsity = zeros / numel
        self.label.value = t("explorer.label", sparsity=percent(self.sparsity), zeros=zeros, numel=numel, amount=self.slider.value)
        self.code.value = f"{html.escape(t('explorer.code'))} <code>{html.escape(call)}</code>"
        self.call = call
        png = mask_png(self.mask, self._bias_mask())
        self.image.value = png
        self.image.width = str(png_width(png))  # natural size: stretched pixels look blurred

    def _bias_mask(self):
        """The bias drawn beside the weight: all kept, since only `name` is pruned here."""
        bias = getattr(self.module, "bias", None)
        if self.name == "bias" or not isinstance(bias, torch.Tensor):
            return None
        return getattr(self.module, "bias_mask", torch.ones_like(bias))

    def _on_change(self, change) -> None:
        self.update()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        return t("explorer.repr", method=self.method.value, amount=self.slider.value, sparsity=percent(self.sparsity))
