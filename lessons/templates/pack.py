"""Lesson NN (lesson title): its exercises, and the labels only its code cells print.

Copied from lessons/templates/pack.py. Exercise ids come from this file's name
(NN → "NN-1"); expected answers are computed by PyTorch when an answer is
checked, never stored. Name labels after the lesson ("<name>.<what>"), so they
never collide with another lesson's.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_bool, as_int


def _zeros_in_twelve(amount: float) -> int:
    layer = nn.Linear(12, 1, bias=False)
    prune.l1_unstructured(layer, name="weight", amount=amount)
    return int((layer.weight_mask == 0).sum())


def _mask_is_a_parameter() -> bool:
    layer = nn.Linear(3, 2)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return "weight_mask" in dict(layer.named_parameters())


EXERCISES = {
    1: Exercise(
        expected=lambda: _zeros_in_twelve(0.5),
        normalize=as_int,
        hint={"ko": "amount × 원소 수를 계산하세요.", "en": "compute amount × elements."},
        why={"ko": "round(0.5 × 12)개가 0이 됩니다.", "en": "round(0.5 × 12) weights become zero."},
        right=6,
        wrong=12,
    ),
    2: Exercise(
        expected=_mask_is_a_parameter,
        normalize=as_bool,
        hint={"ko": "named_parameters()와 named_buffers()를 비교해 보세요.",
              "en": "compare named_parameters() with named_buffers()."},
        why={"ko": "마스크는 학습하지 않으므로 버퍼입니다.", "en": "A mask is not trained, so it is a buffer."},
        right=False,
        wrong=True,
    ),
}

LABELS = {
    "template.kept": {"ko": "남은 가중치 {kept}/{total}개", "en": "weights kept: {kept} of {total}"},
}
