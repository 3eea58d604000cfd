"""Helpers for the prune-starter lessons: they explain and draw, PyTorch does the pruning."""

from .arithmetic import bitmask_limit, compounded_sparsity, n_m_sparsity, removed_between
from .device import best_device, pick_device
from .exercises import check, grade
from .explorer import AmountExplorer, Calculator, MaskSteps, MethodComparison
from .introspect import describe, diff, pruning_history, pruning_hooks, snapshot
from .lesson import check_versions, start_lesson
from .messages import PruneHelperError, get_language, set_language, t
from .methods import METHODS, apply_method, pruned_copy, remove_pruning
from .models import prunable_layers, small_cnn
from .plots import (
    font_check_picture, font_status, mask_grid, mask_png, plot_histogram, plot_layer_sparsity, plot_mask,
    plot_masks, use_korean_font,
)
from .sparsity import count_zeros, sparsity, sparsity_report, sparsity_totals
from .storage import (
    checkpoint_sizes, load_into, load_state, pack_bitmask, removed_state, save_state, unpack_bitmask,
)

__all__ = [
    "AmountExplorer",
    "Calculator",
    "METHODS",
    "MaskSteps",
    "MethodComparison",
    "PruneHelperError",
    "apply_method",
    "best_device",
    "bitmask_limit",
    "check",
    "check_versions",
    "checkpoint_sizes",
    "compounded_sparsity",
    "count_zeros",
    "describe",
    "diff",
    "font_check_picture",
    "font_status",
    "get_language",
    "grade",
    "load_into",
    "load_state",
    "mask_grid",
    "mask_png",
    "n_m_sparsity",
    "pack_bitmask",
    "pick_device",
    "plot_histogram",
    "plot_layer_sparsity",
    "plot_mask",
    "plot_masks",
    "prunable_layers",
    "pruned_copy",
    "pruning_history",
    "pruning_hooks",
    "remove_pruning",
    "removed_between",
    "removed_state",
    "save_state",
    "set_language",
    "small_cnn",
    "snapshot",
    "sparsity",
    "sparsity_report",
    "sparsity_totals",
    "start_lesson",
    "t",
    "unpack_bitmask",
    "use_korean_font",
]
