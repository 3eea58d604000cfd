"""Lesson 13 (Pruning while training): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (13 → "13-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_float, as_int


def _zeros(layer: nn.Linear) -> int:
    return int((layer.weight_mask == 0).sum())


def _amount_from(start: float, target: float, size: int = 1000) -> float:
    """The amount that takes a layer pruned to `start` on to `target`, read off what PyTorch really pruned."""
    layer = nn.Linear(size, 1, bias=False)
    prune.l1_unstructured(layer, name="weight", amount=start)
    zeros = _zeros(layer)
    amount = (round(target * size) - zeros) / (size - zeros)
    prune.l1_unstructured(layer, name="weight", amount=amount)
    assert _zeros(layer) == round(target * size)
    return round(amount, 6)


def _zeros_after(amounts: list[float], size: int) -> int:
    layer = nn.Linear(size, 1, bias=False)
    for amount in amounts:
        prune.l1_unstructured(layer, name="weight", amount=amount)
    return _zeros(layer)


EXERCISES = {
    1: Exercise(
        expected=lambda: _amount_from(0.6, 0.9),
        normalize=as_float,
        hint={
            "ko": "amount는 아직 남아 있는 가중치에 대한 비율입니다. 남은 40% 가운데 얼마를 없애야 10%만 남을까요? 소수로 답하세요.",
            "en": "amount is a share of the weights still left: of the 40% left, what share must go so that 10% remains? Answer as a decimal.",
        },
        why={
            "ko": "1 − (1 − 0.9) / (1 − 0.6) = 1 − 0.1 / 0.4 = 0.75입니다. 남은 것의 4분의 3을 없앱니다.",
            "en": "1 − (1 − 0.9) / (1 − 0.6) = 1 − 0.1 / 0.4 = 0.75: three quarters of what is left go.",
        },
        right=0.75,
        wrong=0.3,
    ),
    2: Exercise(
        expected=lambda: _zeros_after([0.5], 7),
        normalize=as_int,
        hint={
            "ko": "PyTorch는 amount × 남은 개수를 파이썬의 round로 정수로 바꿉니다. round는 딱 .5인 수를 가까운 짝수로 보냅니다.",
            "en": "PyTorch turns amount × remaining into a whole number with Python's round, which sends an exact .5 to the even neighbour.",
        },
        why={
            "ko": "0.5 × 7 = 3.5이고 round(3.5)는 짝수인 4입니다. round(2.5)는 2이므로 .5가 늘 올라가는 것은 아닙니다.",
            "en": "0.5 × 7 = 3.5, and round(3.5) is the even 4. round(2.5) is 2, so .5 does not always go up.",
        },
        right=4,
        wrong=3,
    ),
    3: Exercise(
        expected=lambda: _zeros_after([0.5, 0.5], 7),
        normalize=as_int,
        hint={
            "ko": "호출마다 남은 개수에 대해 따로 반올림합니다. 첫 호출 뒤에 몇 개가 남는지부터 세어 보세요.",
            "en": "each call rounds on its own, on what is left. Count what remains after the first call first.",
        },
        why={
            "ko": "처음에 round(3.5) = 4개, 남은 3개에서 round(1.5) = 2개를 없애 모두 6개입니다. round(0.75 × 7) = 5와 다릅니다.",
            "en": "First round(3.5) = 4, then round(1.5) = 2 of the 3 left: 6 in all, not round(0.75 × 7) = 5.",
        },
        right=6,
        wrong=5,
    ),
}

LABELS = {
    "pruning_while_training.table_head": {
        "ko": " k  걸음     s_k  amount round(s_k·N)       예측      측정",
        "en": " k  step     s_k  amount round(s_k·N)  predicted  measured",
    },
    "pruning_while_training.one_shot": {"ko": "한 번에 + 미세 조정", "en": "one-shot + fine-tuning"},
    "pruning_while_training.gradual": {"ko": "점진적 (세제곱 스케줄)", "en": "gradual (cubic schedule)"},
    "pruning_while_training.dense_control": {"ko": "밀집 + 20에폭 (대조군)", "en": "dense + 20 epochs (control)"},
    "pruning_while_training.dense_start": {"ko": "출발점: 밀집 모델 (20에폭)", "en": "start: dense model (20 epochs)"},
    "pruning_while_training.result": {
        "ko": "s_f = {sparsity}: 한 번에 + 미세 조정 {one_shot:.1f}% · 점진적 {gradual:.1f}% · 점진적 − 한 번에 {change:+.1f}%p",
        "en": "s_f = {sparsity}: one-shot + fine-tuning {one_shot:.1f}% · gradual {gradual:.1f}% · gradual − one-shot {change:+.1f} points",
    },
    "pruning_while_training.dense": {
        "ko": "밀집: 20에폭 뒤 {before:.1f}% → 20에폭 더 학습한 뒤 {after:.1f}% (대조군)",
        "en": "dense: {before:.1f}% after 20 epochs → {after:.1f}% after 20 more (the control)",
    },
    "pruning_while_training.layers": {
        "ko": "{arm}: 0의 개수 {zeros}/{total} · 층별 희소성 (fc1, fc2, fc3) {layers}",
        "en": "{arm}: {zeros} of {total} weights zero · sparsity per layer (fc1, fc2, fc3) {layers}",
    },
    "pruning_while_training.dips": {
        "ko": "95%: 한 번에 자른 직후 {one_shot:.1f}% · 점진적의 가장 낮은 점 {gradual:.1f}% ({step}번째 걸음)",
        "en": "95%: right after the one-shot cut {one_shot:.1f}% · lowest point of the gradual run {gradual:.1f}% (step {step})",
    },
    "pruning_while_training.plot_title": {
        "ko": "최종 희소성 95%: 추가 학습 460걸음 동안의 시험 정확도",
        "en": "Final sparsity 95%: test accuracy during the 460 extra steps",
    },
    "pruning_while_training.step_axis": {"ko": "추가 학습 걸음 (배치)", "en": "extra training step (batch)"},
    "pruning_while_training.acc_axis": {"ko": "시험 정확도 (%)", "en": "test accuracy (%)"},
}
