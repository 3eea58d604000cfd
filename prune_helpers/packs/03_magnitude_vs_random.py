"""Lesson 03 (Magnitude vs random): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (03 → "03-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_int, as_sorted_values


SURVIVOR_WEIGHTS = [0.3, -0.9, 0.05, 0.6, -0.1, 0.2]


def _l1_survivors() -> list[float]:
    layer = nn.Linear(6, 1, bias=False)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([SURVIVOR_WEIGHTS]))
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return sorted(round(v, 4) for v in layer.weight[layer.weight_mask.bool()].tolist())


def _zeros_for_amount(amount: float, numel: int) -> int:
    layer = nn.Linear(numel, 1, bias=False)
    prune.l1_unstructured(layer, name="weight", amount=amount)
    return int((layer.weight_mask == 0).sum())


EXERCISES = {
    1: Exercise(
        expected=_l1_survivors,
        normalize=as_sorted_values,
        hint={
            "ko": 'l1_unstructured는 절댓값 |w|가 가장 작은 것부터 없앱니다. 부호는 상관없습니다. 남는 값들을 리스트로 답하세요.',
            "en": 'l1_unstructured removes the smallest absolute values |w| first; the sign does not matter. Answer with a list of the values that stay.',
        },
        why={"ko": '크기 기반 프루닝은 값의 크기만 봅니다. -0.9는 크기가 큰 가중치입니다.', "en": 'Magnitude pruning looks at size only: -0.9 is a large weight.'},
        right=[0.3, -0.9, 0.6],
        wrong=[0.3, 0.6, 0.2],
    ),
    2: Exercise(
        expected=lambda: _zeros_for_amount(0.25, 10),
        normalize=as_int,
        hint={
            "ko": 'amount × 원소 수를 먼저 계산하세요. 파이썬의 round는 .5로 끝나는 수를 가장 가까운 짝수로 반올림합니다.',
            "en": "compute amount × elements first; Python's round sends a number ending in .5 to the nearest even integer.",
        },
        why={"ko": 'PyTorch는 round(amount × 원소 수)를 쓰고, round(2.5)는 짝수 쪽으로 반올림됩니다.', "en": 'PyTorch uses round(amount × elements), and round(2.5) rounds to the even side.'},
        right=2,
        wrong=3,
    ),
}

LABELS = {
    "plot.before": {"ko": "프루닝 전", "en": "before pruning"},
    "out.removed_vs_kept": {
        "ko": "없앤 것 중 최대 {removed:.4f} · 남긴 것 중 최소 {kept:.4f}",
        "en": "largest removed {removed:.4f}  smallest kept {kept:.4f}",
    },
    "out.output_change": {"ko": "출력의 상대 변화 {error:.3f}", "en": "relative output change {error:.3f}"},
    "out.mean_kept": {"ko": "남은 가중치의 평균 |w| {magnitude:.4f}", "en": "mean |w| kept {magnitude:.4f}"},
}
