"""Lesson 04 (Structured pruning): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (04 → "04-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_float, as_int


def _empty_filters() -> int:
    conv = nn.Conv2d(8, 16, 3)
    prune.ln_structured(conv, name="weight", amount=0.25, n=2, dim=0)
    return int((conv.weight_mask.flatten(1).sum(dim=1) == 0).sum())


EXERCISES = {
    1: Exercise(
        expected=_empty_filters,
        normalize=as_int,
        hint={
            "ko": 'dim=0이면 필터 단위로 셉니다. 필터는 몇 개이고, 그 가운데 amount만큼은 몇 개인가요?',
            "en": 'with dim=0 the unit is a filter. How many filters are there, and how many is that amount of them?',
        },
        why={"ko": '구조적 프루닝의 amount는 dim 축의 조각 수에 곱해집니다.', "en": 'A structured amount is a share of the slices along dim.'},
        right=4,
        wrong=8,
    ),
    2: Exercise(
        expected=lambda: round(1 - (1 - 0.5) ** 2, 2),
        normalize=as_float,
        hint={
            "ko": '남는 가중치는 (1 − p_out) × (1 − p_in)입니다. 없어지는 비율을 소수로 답하세요.',
            "en": 'the weights that stay are (1 − p_out) × (1 − p_in). Answer with the removed share as a decimal.',
        },
        why={"ko": '출력과 입력 채널을 함께 줄이면 효과가 곱해져서 1 − (1 − p)²만큼 사라집니다.', "en": 'Cutting output and input channels multiplies: 1 − (1 − p)².'},
        right=0.75,
        wrong=0.5,
    ),
}

LABELS = {
    "calc.between": {
        "ko": "출력 채널 {p_out:.0%}, 입력 채널 {p_in:.0%}을(를) 없애면 두 층 사이 가중치의 {result}이(가) 사라집니다",
        "en": "Removing {p_out:.0%} of output and {p_in:.0%} of input channels removes {result} of the weights between the layers",
    },
    "out.filter_norms": {"ko": "노름 {norms} · 없앨 필터 {removed}", "en": "norms {norms}  removed filters {removed}"},
    "out.empty_filters": {"ko": "빈 필터 {filters}", "en": "empty filters {filters}"},
    "out.kept_filters": {"ko": "남긴 필터 {filters}", "en": "kept filters {filters}"},
    "out.removed_filter_output": {
        "ko": "없앤 필터가 내보내는 가장 큰 값 {value:.4f}",
        "en": "largest output of a removed filter {value:.4f}",
    },
    "out.largest_difference": {"ko": "가장 큰 차이 {value:.2e}", "en": "largest difference {value:.2e}"},
    "out.parameters": {"ko": "파라미터 {before} -> {after}", "en": "parameters {before} -> {after}"},
    "out.removed_formula": {
        "ko": "p={p:.2f}: 없어지는 비율 {removed:.4f}, 식 1-(1-p)^2 = {formula:.4f}",
        "en": "p={p:.2f}: removed {removed:.4f}, formula 1-(1-p)^2 = {formula:.4f}",
    },
}
