"""Lesson 12 (Lottery tickets): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (12 → "12-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_bool, as_float


def _kept_after_rounds(rounds: int, amount: float) -> float:
    """Share of 100,000 weights still kept after `rounds` prunings of `amount` (100,000 so that no count rounds)."""
    layer = nn.Linear(1000, 100, bias=False)
    for _ in range(rounds):
        prune.l1_unstructured(layer, name="weight", amount=amount)
    return int(layer.weight_mask.sum()) / layer.weight.numel()


def _pruned_then_rewound() -> tuple[nn.Linear, torch.Tensor]:
    """A layer pruned by magnitude, then rewound the lesson's way; also the mask it had before the rewind."""
    start = nn.Linear(8, 4)
    layer = nn.Linear(8, 4)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    before = layer.weight_mask.clone()
    with torch.no_grad():
        layer.weight_orig.copy_(start.weight)
    return layer, before


def _rewind_changes_mask() -> bool:
    layer, before = _pruned_then_rewound()
    return not torch.equal(layer.weight_mask, before)


def _weight_is_initial_before_forward() -> bool:
    layer, _ = _pruned_then_rewound()
    return torch.equal(layer.weight, layer.weight_orig * layer.weight_mask)


EXERCISES = {
    1: Exercise(
        expected=lambda: _kept_after_rounds(5, 0.2),
        normalize=as_float,
        hint={
            "ko": "amount=0.2는 아직 남아 있는 가중치의 20%를 없앱니다. 한 번 할 때마다 남은 몫에 무엇이 곱해지는지 생각하고, 반올림하지 말고 소수로 답하세요(식을 그대로 써도 됩니다).",
            "en": "amount=0.2 removes 20% of the weights still alive. Think of what the kept share is multiplied by each time, and answer with the decimal, unrounded (an expression is fine).",
        },
        why={
            "ko": "한 번에 남은 몫의 80%가 남으므로 0.8⁵ = 0.32768, 약 32.8%입니다. 1 − 5 × 0.2 = 0이 아닙니다.",
            "en": "Each round keeps 80% of what is left, so 0.8⁵ = 0.32768, about 32.8%, not 1 − 5 × 0.2 = 0.",
        },
        right=0.32768,
        wrong=0.0,
    ),
    2: Exercise(
        expected=_rewind_changes_mask,
        normalize=as_bool,
        hint={
            "ko": "a.copy_(b)는 a에만 씁니다. 되감기 셀에서 a 자리에 있는 텐서는 무엇이고, 마스크는 어느 텐서에 들어 있나요? True 또는 False로 답하세요.",
            "en": "a.copy_(b) writes only into a. Which tensor is a in the rewind cell, and which tensor holds the mask? Answer True or False.",
        },
        why={
            "ko": "마스크는 버퍼이고 되감기는 weight_orig에만 씁니다. 그래서 없앤 자리는 계속 0입니다.",
            "en": "The mask is a buffer and the rewind writes only into weight_orig, so pruned weights stay zero.",
        },
        right=False,
        wrong=True,
    ),
    3: Exercise(
        expected=_weight_is_initial_before_forward,
        normalize=as_bool,
        hint={
            "ko": "layer.weight는 순전파 전 훅이 weight_orig * weight_mask로 다시 계산해 넣는 속성입니다. copy_ 뒤에 아직 순전파를 한 번도 하지 않았다면 그 값은 언제 계산된 것인가요? True 또는 False로 답하세요.",
            "en": "layer.weight is an attribute that the forward pre-hook recomputes as weight_orig * weight_mask. With no forward pass since copy_, when was its value computed? Answer True or False.",
        },
        why={
            "ko": "weight는 프루닝할 때 한 번, 그다음에는 순전파 직전마다 다시 계산됩니다. 되감은 직후에는 아직 옛 값이고, 다음 순전파에서 초기값 × 마스크가 됩니다.",
            "en": "weight is computed once when pruning and then again before every forward pass. Right after the rewind it still holds the old product; the next forward pass makes it initial values × mask.",
        },
        right=False,
        wrong=True,
    ),
}

LABELS = {
    "lottery_tickets.weights": {
        "ko": "가중치 {count:,}개 (fc1 {fc1:,}개 + fc2 {fc2:,}개), 편향 {biases}개",
        "en": "{count:,} weights (fc1 {fc1:,} + fc2 {fc2:,}), {biases} biases",
    },
    "lottery_tickets.same_draw": {
        "ko": "두 번째로 뽑은 초기값이 첫 번째와 같은가: {same}",
        "en": "the second draw equals the first: {same}",
    },
    "lottery_tickets.dense": {
        "ko": "밀집 모델, {epochs}에폭 학습: 시험 정확도 {accuracy:.1f}%",
        "en": "dense model, trained {epochs} epochs: test accuracy {accuracy:.1f}%",
    },
    "lottery_tickets.kept": {
        "ko": "남은 가중치 {kept:.1f}% (fc1 {fc1:.1f}%, fc2 {fc2:.1f}%)",
        "en": "weights kept {kept:.1f}% (fc1 {fc1:.1f}%, fc2 {fc2:.1f}%)",
    },
    "lottery_tickets.stale": {
        "ko": "순전파 전: fc1.weight가 벌써 초기값 × 마스크인가: {same}",
        "en": "before a forward pass: fc1.weight is already initial values × mask: {same}",
    },
    "lottery_tickets.mask_same": {
        "ko": "되감은 뒤에도 두 층의 마스크가 그대로인가: {same}",
        "en": "both layers' masks unchanged by the rewind: {same}",
    },
    "lottery_tickets.init_where_kept": {
        "ko": "남긴 자리의 가중치가 초기값과 같은가: {same}",
        "en": "kept weights equal their initial values: {same}",
    },
    "lottery_tickets.zero_where_pruned": {
        "ko": "없앤 자리의 가중치는 모두 0인가: {zero}",
        "en": "pruned weights are all zero: {zero}",
    },
    "lottery_tickets.first_round": {
        "ko": "1회차 당첨 복권 후보, {epochs}에폭 다시 학습: 시험 정확도 {accuracy:.1f}%",
        "en": "round-1 ticket, retrained {epochs} epochs: test accuracy {accuracy:.1f}%",
    },
    "lottery_tickets.header": {
        "ko": " 회차  남은 %   fc1 %   fc2 %     (a) 복권 (b) 재초기화   (c) 무작위   (a)−(b) ± 표준 오차",
        "en": "round  kept %   fc1 %   fc2 %   (a) ticket   (b) reinit   (c) random   (a)−(b) ± SE",
    },
    "lottery_tickets.curve_ticket": {
        "ko": "(a) 당첨 복권: 찾은 마스크 + 원래 초기값",
        "en": "(a) ticket: found mask + original init",
    },
    "lottery_tickets.curve_reinit": {
        "ko": "(b) 같은 마스크 + 새로 뽑은 초기값",
        "en": "(b) same mask + fresh init",
    },
    "lottery_tickets.curve_random": {
        "ko": "(c) 무작위 마스크 + 원래 초기값",
        "en": "(c) random mask + original init",
    },
    "lottery_tickets.dense_line": {"ko": "밀집 모델", "en": "dense model"},
    "lottery_tickets.x_axis": {
        "ko": "남은 가중치 (%, 로그 눈금)",
        "en": "weights kept (%, log scale)",
    },
    "lottery_tickets.y_axis": {"ko": "시험 정확도 (%)", "en": "test accuracy (%)"},
    "lottery_tickets.title": {
        "ko": "남은 가중치에 따른 정확도: 같은 10에폭 학습, 시드 0",
        "en": "Accuracy against weights kept: the same 10 epochs of training, seed 0",
    },
}
