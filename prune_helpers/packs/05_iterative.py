"""Lesson 05 (Iterative pruning): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (05 → "05-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_float, as_int


def _compounded() -> float:
    layer = nn.Linear(100, 100)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return float((layer.weight_mask == 0).float().mean())


def _methods_in_container() -> int:
    conv = nn.Conv2d(4, 4, 3)
    prune.l1_unstructured(conv, name="weight", amount=0.2)
    prune.random_unstructured(conv, name="weight", amount=0.2)
    prune.ln_structured(conv, name="weight", amount=0.25, n=1, dim=0)
    return len(conv._forward_pre_hooks[next(iter(conv._forward_pre_hooks))]._pruning_methods)


EXERCISES = {
    1: Exercise(
        expected=lambda: round(_compounded(), 2),
        normalize=as_float,
        hint={
            "ko": '두 번째 amount는 아직 남아 있는 가중치에만 적용됩니다. 소수로 답하세요.',
            "en": 'the second amount applies only to the weights still alive. Answer as a decimal.',
        },
        why={"ko": '반복 프루닝은 누적되므로 1 − (1 − 0.5)²입니다.', "en": 'Iterative pruning compounds: 1 − (1 − 0.5)².'},
        right=0.75,
        wrong=1.0,
    ),
    2: Exercise(
        expected=_methods_in_container,
        normalize=as_int,
        hint={
            "ko": '같은 파라미터를 여러 번 프루닝하면 훅은 하나뿐이고, 그 안의 PruningContainer가 방법을 모아 둡니다.',
            "en": 'pruning one parameter several times keeps one hook; the PruningContainer inside it collects the methods.',
        },
        why={"ko": 'PruningContainer._pruning_methods에 호출마다 하나씩 쌓입니다.', "en": 'PruningContainer._pruning_methods gains one entry per call.'},
        right=3,
        wrong=1,
    ),
}

LABELS = {
    "calc.compound": {
        "ko": "amount={amount:.2f}(으)로 {steps}번 프루닝하면 희소성은 {result}입니다 ({steps} × {amount:.2f}이(가) 아닙니다)",
        "en": "Pruning amount={amount:.2f} {steps} times gives sparsity {result} (not {steps} × {amount:.2f})",
    },
    "out.after_step": {"ko": "{step}단계 뒤: {sparsity:.4f}", "en": "after step {step}: {sparsity:.4f}"},
    "out.formula_measured": {
        "ko": "{step}단계: 식 {formula:.4f} · 측정 {measured:.4f}",
        "en": "step {step}: formula {formula:.4f}  measured {measured:.4f}",
    },
}
