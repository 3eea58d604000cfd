"""Lesson 08 (Custom pruning): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (08 → "08-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_bool, as_float


def _two_four_sparsity() -> float:
    from prune_helpers.arithmetic import n_m_sparsity

    return n_m_sparsity(2, 4)


def _pruned_after_identity() -> bool:
    conv = nn.Conv2d(3, 2, 3)
    prune.identity(conv, "weight")
    return prune.is_pruned(conv)


EXERCISES = {
    1: Exercise(
        expected=lambda: round(_two_four_sparsity(), 2),
        normalize=as_float,
        hint={
            "ko": '2:4는 4개마다 2개를 남깁니다. 0이 되는 비율을 소수로 답하세요.',
            "en": '2:4 keeps 2 of every 4. Answer with the zero share as a decimal.',
        },
        why={"ko": 'N:M 희소성은 1 − N/M입니다.', "en": 'N:M sparsity is 1 − N/M.'},
        right=0.5,
        wrong=0.25,
    ),
    2: Exercise(
        expected=_pruned_after_identity,
        normalize=as_bool,
        hint={
            "ko": 'prune.identity는 아무것도 없애지 않지만 weight_orig, weight_mask, 훅을 만듭니다. True 또는 False로 답하세요.',
            "en": 'prune.identity removes nothing, yet it creates weight_orig, weight_mask and the hook. Answer True or False.',
        },
        why={"ko": 'is_pruned는 프루닝 훅이 있는지만 봅니다.', "en": 'is_pruned only checks for a pruning hook.'},
        right=True,
        wrong=False,
    ),
}

LABELS: dict[str, dict[str, str]] = {}
