"""Helpers for the prune-starter lessons: they explain and draw, PyTorch does the pruning."""

from .arithmetic import bitmask_limit, compounded_sparsity, n_m_sparsity, removed_between
from .compact import compact, compact_with_torch_pruning, kept_outputs, prune_filters
from .device import best_device, pick_device
from .distributed import masks_agree_across_ranks
from .exercises import check, grade
from .explorer import AmountExplorer, Calculator, MaskSteps, MethodComparison
from .introspect import describe, diff, pruning_history, pruning_hooks, snapshot
from .lesson import check_versions, start_lesson
from .measure import flops, speed_table
from .messages import PruneHelperError, get_language, set_language, t
from .methods import METHODS, apply_method, copy_model, permanent_copy, pruned_copy, remove_pruning
from .models import prunable_layers, small_cnn, small_mlp, tiny_mlp
from .plots import (
    font_check_picture, font_status, mask_grid, mask_png, plot_curves, plot_histogram, plot_layer_sparsity,
    plot_mask, plot_masks, use_korean_font,
)
from .schedules import ScheduleExplorer, amounts_between, cubic_schedule, predicted_zeros
from .sparsity import count_zeros, sparsity, sparsity_report, sparsity_totals
from .storage import (
    checkpoint_sizes, load_into, load_state, pack_bitmask, removed_state, save_state, serialized_size, unpack_bitmask,
)
from .tickets import mask_copies, paired_difference, plot_kept_curves, rewind_
from .training import (
    accuracy, accuracy_curve, iterative_pruning, load_digits_data, prune_globally, sensitivity_scan, train,
    weights_kept,
)
from .transformer import (
    HeadToggles, TinyViT, add_head_masks, all_heads, greedy_head_removal, set_heads_off, tiny_vit,
    with_outlier_features,
)

__all__ = [
    "AmountExplorer",
    "Calculator",
    "HeadToggles",
    "METHODS",
    "MaskSteps",
    "MethodComparison",
    "PruneHelperError",
    "ScheduleExplorer",
    "TinyViT",
    "accuracy",
    "accuracy_curve",
    "add_head_masks",
    "all_heads",
    "amounts_between",
    "apply_method",
    "best_device",
    "bitmask_limit",
    "check",
    "check_versions",
    "checkpoint_sizes",
    "compact",
    "compact_with_torch_pruning",
    "compounded_sparsity",
    "copy_model",
    "count_zeros",
    "cubic_schedule",
    "describe",
    "diff",
    "flops",
    "font_check_picture",
    "font_status",
    "get_language",
    "grade",
    "greedy_head_removal",
    "iterative_pruning",
    "kept_outputs",
    "load_digits_data",
    "load_into",
    "load_state",
    "mask_copies",
    "mask_grid",
    "mask_png",
    "masks_agree_across_ranks",
    "n_m_sparsity",
    "pack_bitmask",
    "paired_difference",
    "permanent_copy",
    "pick_device",
    "plot_curves",
    "plot_histogram",
    "plot_kept_curves",
    "plot_layer_sparsity",
    "plot_mask",
    "plot_masks",
    "predicted_zeros",
    "prunable_layers",
    "prune_filters",
    "prune_globally",
    "pruned_copy",
    "pruning_history",
    "pruning_hooks",
    "remove_pruning",
    "removed_between",
    "removed_state",
    "rewind_",
    "save_state",
    "serialized_size",
    "sensitivity_scan",
    "set_heads_off",
    "set_language",
    "small_cnn",
    "small_mlp",
    "snapshot",
    "sparsity",
    "sparsity_report",
    "sparsity_totals",
    "speed_table",
    "start_lesson",
    "t",
    "tiny_mlp",
    "tiny_vit",
    "train",
    "unpack_bitmask",
    "use_korean_font",
    "weights_kept",
    "with_outlier_features",
]
