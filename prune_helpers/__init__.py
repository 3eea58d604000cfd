"""Helpers for the prune-starter lessons: they explain and draw, PyTorch does the pruning."""

from .device import best_device, pick_device
from .exercises import check, grade
from .explorer import AmountExplorer
from .introspect import describe, diff, pruning_hooks, snapshot
from .lesson import check_versions, start_lesson
from .messages import PruneHelperError, get_language, set_language, t
from .methods import METHODS, apply_method
from .plots import font_check_picture, font_status, mask_grid, mask_png, plot_histogram, plot_mask, plot_masks, use_korean_font
from .sparsity import count_zeros, sparsity, sparsity_report, sparsity_totals

__all__ = [
    "AmountExplorer",
    "METHODS",
    "PruneHelperError",
    "apply_method",
    "best_device",
    "check",
    "check_versions",
    "count_zeros",
    "describe",
    "diff",
    "font_check_picture",
    "font_status",
    "get_language",
    "grade",
    "mask_grid",
    "mask_png",
    "pick_device",
    "plot_histogram",
    "plot_mask",
    "plot_masks",
    "pruning_hooks",
    "set_language",
    "snapshot",
    "sparsity",
    "sparsity_report",
    "sparsity_totals",
    "start_lesson",
    "t",
    "use_korean_font",
]
