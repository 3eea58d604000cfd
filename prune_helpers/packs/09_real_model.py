"""Lesson 09 (A real model on real data): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (09 → "09-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_int, as_text


def _compression_for_kept(kept: float) -> int:
    model = nn.Linear(1000, 1, bias=False)
    prune.l1_unstructured(model, name="weight", amount=1.0 - kept)
    return round(model.weight.numel() / int(model.weight_mask.sum()))


def _smallest_layer() -> str:
    from prune_helpers.models import small_cnn

    sizes = {name: m.weight.numel() for name, m in small_cnn().named_children() if hasattr(m, "weight")}
    return min(sizes, key=sizes.get)


EXERCISES = {
    1: Exercise(
        expected=lambda: _compression_for_kept(0.083),
        normalize=as_int,
        hint={
            "ko": '압축 배율은 (전체 파라미터) ÷ (남은 파라미터)입니다. 남은 비율의 역수를 계산해 정수로 답하세요.',
            "en": 'compression is (all parameters) ÷ (parameters kept): take the reciprocal of the kept share and answer with an integer.',
        },
        why={"ko": '8.3%만 남기면 1 / 0.083 ≈ 12배입니다.', "en": 'Keeping 8.3% means 1 / 0.083 ≈ 12×.'},
        right=12,
        wrong=8,
    ),
    2: Exercise(
        expected=_smallest_layer,
        normalize=as_text,
        hint={
            "ko": 'ph.small_cnn()의 층마다 weight.numel()을 비교해 보세요. 층 이름(문자열)으로 답하세요.',
            "en": "compare weight.numel() for each layer of ph.small_cnn(). Answer with the layer's name (a string).",
        },
        why={"ko": '가중치가 적은 층은 하나하나가 중요해서 프루닝에 민감한 경우가 많습니다.', "en": 'A layer with few weights relies on each of them, so it is often sensitive.'},
        right="conv1",
        wrong="conv3",
    ),
}

LABELS = {
    "plot.acc_axis": {"ko": "시험 정확도 (%)", "en": "test accuracy (%)"},
    "plot.params_gone_axis": {"ko": "없어진 파라미터의 비율 (편향 포함)", "en": "share of all parameters gone (biases included)"},
    "plot.sparsity_frac_axis": {"ko": "없앤 가중치의 비율", "en": "share of weights removed"},
    "plot.sensitivity_title": {"ko": "층별 민감도: 한 층만 프루닝했을 때 (미세 조정 없음)", "en": "Sensitivity: one layer pruned at a time (no fine-tuning)"},
    "plot.curves_title": {"ko": "희소성에 따른 정확도 (전역 L1)", "en": "Accuracy against sparsity (global L1)"},
    "plot.structure_title": {"ko": "실제로 없앤 파라미터에 따른 정확도", "en": "Accuracy against parameters really removed"},
    "plot.dense": {"ko": "밀집 모델", "en": "dense model"},
    "curve.oneshot": {"ko": "한 번에 (미세 조정 없음)", "en": "one-shot (no fine-tuning)"},
    "curve.finetune": {"ko": "한 번에 + 미세 조정 2에폭", "en": "one-shot + 2 epochs fine-tuning"},
    "curve.iterative": {"ko": "반복 (단계마다 2에폭)", "en": "iterative (2 epochs per step)"},
    "curve.unstructured": {"ko": "비구조적 + 미세 조정", "en": "unstructured + fine-tuning"},
    "curve.structured": {"ko": "구조적 (필터) + 미세 조정", "en": "structured (filters) + fine-tuning"},
    "curve.global": {"ko": "전역", "en": "global"},
    "curve.uniform": {"ko": "층마다 같은 비율", "en": "uniform per layer"},
    "result.dense_longer": {
        "ko": "밀집 + {epochs}에폭 더 학습: {accuracy:.1f}%",
        "en": "dense + {epochs} more epochs: {accuracy:.1f}%",
    },
    "result.structured_point": {
        "ko": "구조적: 파라미터 {removed:.1%} 제거 → 정확도 {accuracy:.1f}%",
        "en": "structured: {removed:.1%} of parameters removed → {accuracy:.1f}% accuracy",
    },
    "result.compression": {
        "ko": "밀집 {dense:.2f}% → 프루닝 {pruned:.2f}% ({change:+.2f}%p) · 남은 파라미터 {kept:.2%} → {ratio:.1f}배 압축",
        "en": "dense {dense:.2f}% → pruned {pruned:.2f}% ({change:+.2f} points) · parameters kept {kept:.2%} → {ratio:.1f}× compression",
    },
    "result.target": {
        "ko": "목표(12배 이상 압축, 정확도 하락 0.5%p 이내) 달성 여부: {met}",
        "en": "Target (≥ 12× compression, within 0.5 points of dense) met: {met}",
    },
    "out.finetune": {
        "ko": "미세 조정 에폭 {epochs} · 정확도 {accuracy:.1f}% · 가중치 희소성 {sparsity:.2f}",
        "en": "fine-tuning epochs {epochs} · accuracy {accuracy:.1f}% · weight sparsity {sparsity:.2f}",
    },
}
