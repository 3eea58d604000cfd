"""A tiny vision transformer for the digits, and the few helpers that pruning it needs.

The model is built from plain `nn.Linear` layers (separate q, k, v and proj),
so everything transformer-pruning papers talk about is an ordinary weight that
`torch.nn.utils.prune` can mask: attention head h of a block is columns
h*d:(h+1)*d of its `attn.proj` (d = dim / heads), and an MLP neuron is a row of
`fc1` (and a column of `fc2`). The helpers below only switch masks that a
lesson has already shown being made with the real `prune` calls.
"""

from __future__ import annotations

import html
import math
import numbers

import ipywidgets as widgets
import torch
from torch import nn
from torch.nn.utils import prune

from .explorer import _Displayable, _Panel, _with_class
from .messages import PruneHelperError, t
from .methods import copy_model
from .models import portable_init_
from .training import Digits, _accuracy, accuracy, check_digits
from .validate import check_module, is_number

CSS_TOGGLES = "ph-head-toggles"  # the box that holds every checkbox
CSS_TOGGLE = "ph-head-toggle"  # one checkbox per head
CSS_ACCURACY = "ph-head-accuracy"  # the line with the accuracy
CSS_ROOT = "ph-head-widget"


class Attention(nn.Module):
    """Multi-head self-attention from four plain Linear layers.

    Head h owns rows h*d:(h+1)*d of q, k and v and columns h*d:(h+1)*d of
    proj (d = dim // heads): the heads' outputs sit side by side before proj
    mixes them, so zeroing a head's proj columns removes everything it writes.
    """

    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v = nn.Linear(dim, dim), nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, dim = x.shape
        h, d = self.heads, dim // self.heads
        q, k, v = (layer(x).view(b, n, h, d).transpose(1, 2) for layer in (self.q, self.k, self.v))
        weights = (q @ k.transpose(-2, -1) / math.sqrt(d)).softmax(dim=-1)  # [b, heads, n, n]
        heads_out = (weights @ v).transpose(1, 2).reshape(b, n, dim)  # the heads side by side
        return self.proj(heads_out)


class Block(nn.Module):
    """Pre-norm transformer block: x + attn(norm1(x)), then x + fc2(gelu(fc1(norm2(x))))."""

    def __init__(self, dim: int, heads: int, hidden: int):
        super().__init__()
        self.norm1, self.attn = nn.LayerNorm(dim), Attention(dim, heads)
        self.norm2, self.fc1, self.act, self.fc2 = nn.LayerNorm(dim), nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.fc2(self.act(self.fc1(self.norm2(x))))


class TinyViT(nn.Module):
    """8×8 image → 4 patches of 4×4 → Linear(16→32) + position → 2 blocks → LayerNorm → mean → Linear(32→10)."""

    def __init__(self, patch: int = 4, dim: int = 32, depth: int = 2, heads: int = 4, hidden: int = 64,
                 classes: int = 10):
        from .validate import check_whole

        patch, dim = check_whole(patch, "patch", 1, 4, maximum=8), check_whole(dim, "dim", 1, 32, maximum=4096)
        depth, heads = check_whole(depth, "depth", 1, 2, maximum=64), check_whole(heads, "heads", 1, 4, maximum=4096)
        hidden = check_whole(hidden, "hidden", 1, 64, maximum=16_384)
        classes = check_whole(classes, "classes", 1, 10, maximum=100_000)
        if 8 % patch or dim % heads:
            raise PruneHelperError("error.vit_shape", patch=patch, dim=dim, heads=heads)
        super().__init__()
        self.patch = patch
        self.embed = nn.Linear(patch * patch, dim)
        self.pos = nn.Parameter(torch.zeros(1, (8 // patch) ** 2, dim))
        self.blocks = nn.Sequential(*[Block(dim, heads, hidden) for _ in range(depth)])
        self.norm, self.head = nn.LayerNorm(dim), nn.Linear(dim, classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:  # [b, 1, 8, 8]
        b, p = images.shape[0], self.patch
        n = 8 // p
        tokens = images.reshape(b, n, p, n, p).permute(0, 1, 3, 2, 4).reshape(b, n * n, p * p)
        x = self.blocks(self.embed(tokens) + self.pos)
        return self.head(self.norm(x).mean(dim=1))


def tiny_vit(seed: int = 0, device: str | torch.device | None = None, dtype: torch.dtype = torch.float64) -> TinyViT:
    """A TinyViT (18,154 parameters) whose weights are the same on every CPU and GPU for one `seed`.

    Linear layers use `portable_init_` and the position embedding is drawn
    with `torch.rand` and scaled in float64 (uniform in ±0.1), so no CPU
    kernel's rounding enters; LayerNorms start at ones and zeros. The draws
    happen on the CPU, then the model moves to `device`. The global random
    state is left as it was.
    """
    from .device import check_device
    from .validate import SEED_RANGE, check_float_dtype, check_whole

    seed, device = check_whole(seed, "seed", 0, 0, maximum=SEED_RANGE[1]), check_device(device)
    dtype = check_float_dtype(dtype, allow_none=False)
    state = torch.random.get_rng_state()
    try:
        torch.manual_seed(seed)
        model = portable_init_(TinyViT())
        with torch.no_grad():
            draw = torch.rand(model.pos.shape, dtype=torch.float32).double()
            model.pos.copy_(draw * 0.2 - 0.1)
    finally:
        torch.random.set_rng_state(state)
    return model.to(device=device, dtype=dtype)


def check_transformer(model) -> nn.Module:
    """A model with `blocks`, each with `attn.proj` (a Linear) and `attn.heads`: what `tiny_vit` builds."""
    check_module(model)
    blocks = getattr(model, "blocks", None)
    # iterated by position below: a ModuleDict would give its keys, not its blocks
    ok = isinstance(blocks, (nn.Sequential, nn.ModuleList)) and len(blocks) > 0
    for block in (blocks.children() if ok else ()):
        attn = getattr(block, "attn", None)
        heads = getattr(attn, "heads", None)
        proj = getattr(attn, "proj", None)
        if not (isinstance(proj, nn.Linear) and isinstance(heads, int) and heads > 0
                and proj.in_features % heads == 0):
            ok = False
    if not ok:
        raise PruneHelperError("error.not_transformer", kind=type(model).__name__)
    return model


def all_heads(model: nn.Module) -> list[tuple[int, int]]:
    """(block, head) for every attention head, block by block."""
    check_transformer(model)
    return [(b, h) for b, block in enumerate(model.blocks) for h in range(block.attn.heads)]


def head_columns(attention: Attention, head: int) -> slice:
    """The columns of `attention.proj.weight` that read head `head`'s output."""
    d = attention.proj.in_features // attention.heads
    return slice(head * d, (head + 1) * d)


def _check_heads(model: nn.Module, off) -> set[tuple[int, int]]:
    known = all_heads(model)
    try:
        chosen = {tuple(head) for head in off}
    except TypeError:
        raise PruneHelperError("error.head_index", value=off, last=known[-1]) from None
    for head in chosen:
        if not (len(head) == 2 and all(isinstance(i, numbers.Integral) and not isinstance(i, bool) for i in head)
                and head in known):
            raise PruneHelperError("error.head_index", value=head, last=known[-1])
    return {(int(b), int(h)) for b, h in chosen}


def add_head_masks(model: nn.Module) -> nn.Module:
    """One all-ones `prune.custom_from_mask` per block on `attn.proj.weight`, so heads can be switched by `set_heads_off`.

    Apply it once: a second `custom_from_mask` would multiply its mask into
    the first, and a zeroed column could never come back.
    """
    check_transformer(model)
    if any(hasattr(block.attn.proj, "weight_mask") for block in model.blocks):
        raise PruneHelperError("error.head_masks_present")
    for block in model.blocks:
        prune.custom_from_mask(block.attn.proj, name="weight", mask=torch.ones_like(block.attn.proj.weight))
    return model


def set_heads_off(model: nn.Module, off) -> nn.Module:
    """Switch off exactly the (block, head) pairs in `off` and switch every other head back on.

    Edits each block's `attn.proj.weight_mask` in place: the pruning forward
    pre-hook multiplies the mask in on the next forward pass, so no new
    `prune` call (which would multiply masks) and no copy of the model is
    needed. The model must carry the masks of `add_head_masks`.
    """
    off = _check_heads(model, off)
    if not all(hasattr(block.attn.proj, "weight_mask") for block in model.blocks):
        raise PruneHelperError("error.no_head_masks")
    for b, block in enumerate(model.blocks):
        mask = block.attn.proj.weight_mask
        mask.fill_(1.0)
        for head_block, head in off:
            if head_block == b:
                mask[:, head_columns(block.attn, head)] = 0.0
    return model


def greedy_head_removal(model: nn.Module, data: Digits) -> list[tuple[tuple[int, int] | None, float]]:
    """Switch heads off one at a time, each step the one whose loss hurts test accuracy least.

    Returns [(None, accuracy with every head), (head, accuracy without it and
    the ones before), ...]. Ties go to the lowest (block, head). Trying every
    subset of 8 heads is 256 evaluations; greedy is 36, and on this model it
    finds almost the same accuracies. Works on a copy: `model` is untouched.
    """
    heads = all_heads(model)
    check_digits(data)
    masked = add_head_masks(copy_model(model))
    steps, off = [(None, accuracy(set_heads_off(masked, ()), data))], set()
    for _ in heads:
        trials = [(_accuracy(set_heads_off(masked, off | {head}), data), head) for head in heads if head not in off]
        best, head = max(trials, key=lambda trial: (trial[0], [-i for i in trial[1]]))
        off.add(head)
        steps.append((head, best))
    return steps


def with_outlier_features(model: nn.Module, features=(0, 1), scale: float = 16.0) -> nn.Module:
    """A copy computing the very same function, whose Linear layers in the blocks see outlier input features.

    After every LayerNorm of every block, features `features` are multiplied by
    `scale` (the LayerNorm's weight and bias) and the columns of the Linear
    layers reading them (q, k, v after norm1; fc1 after norm2) are divided by
    it. A power of two changes no rounding, so the logits stay bit for bit the
    same, while those inputs become `scale` times larger than the rest: the
    kind of feature Dettmers et al. (2022) found in large language models.
    """
    check_transformer(model)
    for block in model.blocks:  # the norms it rescales and the layers that read them, as tiny_vit builds them
        norms = [getattr(block, "norm1", None), getattr(block, "norm2", None)]
        readers = [getattr(block.attn, n, None) for n in ("q", "k", "v")] + [getattr(block, "fc1", None)]
        if not (all(isinstance(n, nn.LayerNorm) and n.elementwise_affine for n in norms)
                and all(isinstance(r, nn.Linear) for r in readers)):
            raise PruneHelperError("error.not_transformer", kind=type(model).__name__)
    if not is_number(scale) or not math.isfinite(scale) or scale <= 0:
        raise PruneHelperError("error.outlier_scale", value=scale)
    width = min(block.norm1.normalized_shape[0] for block in model.blocks)
    try:
        chosen = list(features)
    except TypeError:
        chosen = []
    whole = all(isinstance(j, numbers.Integral) and not isinstance(j, bool) and 0 <= j < width for j in chosen)
    if not chosen or not whole or len(set(chosen)) != len(chosen):
        raise PruneHelperError("error.feature_index", value=features, last=width - 1)
    chosen = [int(j) for j in chosen]
    copy = copy_model(model)
    with torch.no_grad():
        for block in copy.blocks:
            for norm, readers in ((block.norm1, (block.attn.q, block.attn.k, block.attn.v)), (block.norm2, (block.fc1,))):
                for j in chosen:
                    norm.weight[j] *= scale
                    norm.bias[j] *= scale
                    for layer in readers:
                        getattr(layer, "weight_orig", layer.weight)[:, j] /= scale
    return copy


class HeadToggles(_Displayable):
    """One checkbox per attention head (ticked = on); untick one and the test accuracy follows at once.

    `model` is copied once and its copy gets `add_head_masks`; every change
    of a checkbox then only edits masks in place (`set_heads_off`) and runs
    the 360 test images, synchronously, in a few milliseconds. `boxes` maps
    (block, head) to its checkbox; `off`, `accuracy` and `label` show the
    current state. `model` itself is never changed.
    """

    def __init__(self, model: nn.Module, data: Digits):
        heads = all_heads(model)
        self.data = check_digits(data)
        self.model = add_head_masks(copy_model(model))
        self.dense = accuracy(self.model, data)
        self.boxes = {head: _with_class(widgets.Checkbox(value=True, description=t("heads.head", head=head[1]), indent=False,
                                                         layout=widgets.Layout(width="auto", margin="0 16px 0 0")), CSS_TOGGLE)
                      for head in heads}
        rows = []
        for b in sorted({b for b, _ in heads}):
            title = widgets.HTML(f"<b>{html.escape(t('heads.block', block=b))}</b>", layout=widgets.Layout(width="72px"))
            rows.append(widgets.HBox([title, *(box for (block, _), box in self.boxes.items() if block == b)]))
        self.toggles = _with_class(widgets.VBox(rows), CSS_TOGGLES)
        self.label = _with_class(widgets.HTML(), CSS_ACCURACY)
        self.widget = _with_class(_Panel([self.toggles, self.label], "widget.fallback_heads"), CSS_ROOT)
        for box in self.boxes.values():
            box.observe(self._on_change, names="value")
        self.update()

    def update(self) -> None:
        self.off = {head for head, box in self.boxes.items() if not box.value}
        self.accuracy = _accuracy(set_heads_off(self.model, self.off), self.data)  # checked in __init__
        self.label.value = html.escape(t("heads.accuracy", on=len(self.boxes) - len(self.off), total=len(self.boxes),
                                         accuracy=self.accuracy, dense=self.dense))

    def _on_change(self, change) -> None:
        self.update()

    def __repr__(self) -> str:
        return t("heads.accuracy", on=len(self.boxes) - len(self.off), total=len(self.boxes), accuracy=self.accuracy,
                 dense=self.dense)
