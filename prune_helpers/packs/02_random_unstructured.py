"""Lesson 02 (Random unstructured pruning): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (02 → "02-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_int, as_name_set


def _conv():
    return nn.Conv2d(3, 2, 3, stride=1, padding=1)


def _zeros_after_random_pruning(amount: float) -> int:
    conv = _conv()
    prune.random_unstructured(conv, name="weight", amount=amount)
    return int((conv.weight == 0).sum())


def _buffer_names_after_pruning() -> set[str]:
    conv = _conv()
    prune.random_unstructured(conv, name="weight", amount=0.5)
    prune.random_unstructured(conv, name="bias", amount=0.5)
    return {name for name, _ in conv.named_buffers()}


EXERCISES = {
    1: Exercise(
        expected=lambda: _zeros_after_random_pruning(0.5),
        normalize=as_int,
        hint={
            "ko": "amount가 실수이면 전체 원소 수에 곱한 뒤 반올림한 개수만큼 0이 됩니다. 원소 수는 몇 개였나요?",
            "en": "a float amount is multiplied by the number of elements and rounded. How many elements were there?",
        },
        why={"ko": "amount=0.5는 '원소의 절반'이라는 뜻입니다.", "en": "amount=0.5 means 'half of the elements'."},
        right=27,
        wrong=28,
    ),
    2: Exercise(
        expected=lambda: _zeros_after_random_pruning(0.3),
        normalize=as_int,
        hint={
            "ko": "실수 amount × 원소 수를 계산하고 반올림(round)하세요.",
            "en": "compute float amount × number of elements, then round it.",
        },
        why={"ko": "PyTorch는 round(amount × 원소 수)개를 제거합니다.", "en": "PyTorch removes round(amount × number of elements) entries."},
        right=16,
        wrong=15,
    ),
    3: Exercise(
        expected=_buffer_names_after_pruning,
        normalize=as_name_set,
        hint={
            "ko": "프루닝은 마스크를 파라미터가 아니라 버퍼로 등록합니다. 이름 끝에 붙는 말을 떠올리고, 이름들의 리스트로 답하세요.",
            "en": "pruning registers masks as buffers, not parameters. Recall the suffix, and answer with a list of names.",
        },
        why={
            "ko": "버퍼는 학습되지 않지만 state_dict에 저장되고 .to(device)를 따라갑니다.",
            "en": "Buffers are not trained, but they are saved in the state_dict and follow .to(device).",
        },
        right=["weight_mask", "bias_mask"],
        wrong=["weight_orig", "bias_orig"],
    ),
}

LABELS = {
    "plot.unstructured_title": {"ko": "비구조적: 낱개 가중치를 제거", "en": "Unstructured: single weights removed"},
    "plot.structured_title": {"ko": "구조적: 필터 전체를 제거", "en": "Structured: whole filters removed"},
}
