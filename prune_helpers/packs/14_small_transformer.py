"""Lesson 14 (Pruning a small transformer): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (14 → "14-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

import torch
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_bool, as_int, as_text


def _layer_whose_columns_switch_a_head_off() -> str:
    """Mask head 0's 8 input columns in each of q, k, v, proj; only one gives the model without head 0."""
    from prune_helpers.methods import copy_model
    from prune_helpers.transformer import Attention

    torch.manual_seed(0)
    attention = Attention(32, 4).double()
    x = torch.randn(3, 4, 32, dtype=torch.float64)
    reference = copy_model(attention)  # head 0's values are zero: nothing of head 0 reaches the output
    rows = torch.ones_like(reference.v.weight)
    rows[:8] = 0
    prune.custom_from_mask(reference.v, name="weight", mask=rows)
    prune.custom_from_mask(reference.v, name="bias", mask=rows[:, 0])
    with torch.no_grad():
        expected = reference(x)
    matches = []
    for name in ("q", "k", "v", "proj"):
        trial = copy_model(attention)
        layer = getattr(trial, name)
        columns = torch.ones_like(layer.weight)
        columns[:, :8] = 0
        prune.custom_from_mask(layer, name="weight", mask=columns)
        with torch.no_grad():
            if torch.allclose(trial(x), expected, atol=1e-12, rtol=0):
                matches.append(name)
    return matches[0] if len(matches) == 1 else ",".join(matches)


def _weights_kept_at_two_four(rows: int, columns: int) -> int:
    """Keep the 2 largest |w| of every 4 consecutive weights of each row, as lesson 08's TwoFourPruning."""
    weight = torch.randn(rows, columns, generator=torch.Generator().manual_seed(0))
    groups = weight.abs().reshape(-1, 4)
    mask = torch.zeros_like(groups).scatter_(1, groups.topk(2, dim=1).indices, 1.0)
    layer = torch.nn.Linear(columns, rows, bias=False)
    prune.custom_from_mask(layer, name="weight", mask=mask.reshape(rows, columns))
    return int(layer.weight_mask.sum())


def _wanda_score_changes_when_rescaled() -> bool:
    """Scale input feature 0 by 16 and the weights reading it by 1/16: does any |W_ij| · ||X_j|| change?"""
    generator = torch.Generator().manual_seed(0)
    weight = torch.randn(6, 8, generator=generator, dtype=torch.float64)
    inputs = torch.randn(20, 8, generator=generator, dtype=torch.float64)
    before = weight.abs() * inputs.norm(dim=0)
    inputs[:, 0] *= 16
    weight[:, 0] /= 16
    after = weight.abs() * inputs.norm(dim=0)
    return not torch.equal(before, after)


EXERCISES = {
    1: Exercise(
        expected=_layer_whose_columns_switch_a_head_off,
        normalize=as_text,
        hint={
            "ko": "헤드마다 8개의 출력이 나란히 놓인 뒤 한 층이 그것을 섞습니다. 그 층의 입력 열이 헤드별로 나뉩니다. 층 이름(문자열)으로 답하세요.",
            "en": "the heads' outputs sit side by side, 8 features each, before one layer mixes them; that layer's input columns belong to one head each. Answer with the layer's name (a string).",
        },
        why={
            "ko": "proj의 열 h*8:(h+1)*8만 헤드 h의 출력을 읽으므로, 그 열에 마스크를 씌우면 헤드 h가 쓰는 것이 모두 사라집니다. q, k, v의 열은 모든 헤드가 함께 읽는 입력 특징입니다.",
            "en": "Only columns h*8:(h+1)*8 of proj read head h's output, so masking them removes everything head h writes. The columns of q, k and v are input features that every head reads.",
        },
        right="proj",
        wrong="q",
    ),
    2: Exercise(
        expected=lambda: _weights_kept_at_two_four(4, 8),
        normalize=as_int,
        hint={
            "ko": "N:M 희소성은 연속한 가중치 M개로 된 묶음마다 정확히 N개를 남깁니다. 그러면 행렬 전체의 몇 분의 몇이 남을까요?",
            "en": "N:M sparsity keeps exactly N in every group of M consecutive weights. What share of the whole matrix is that?",
        },
        why={
            "ko": "4 × 8 = 32개 가운데 절반인 16개가 남습니다. 2:4는 언제나 정확히 절반을 남깁니다.",
            "en": "Half of 4 × 8 = 32, so 16 stay: 2:4 always keeps exactly half.",
        },
        right=16,
        wrong=8,
    ),
    3: Exercise(
        expected=_wanda_score_changes_when_rescaled,
        normalize=as_bool,
        hint={
            "ko": "점수는 |W_ij|와 ||X_j||의 곱이고, 이번 변화는 두 값을 모두 바꿉니다. 두 값이 각각 어떻게 바뀌는지 적어 보세요. True 또는 False로 답하세요.",
            "en": "the score is the product of |W_ij| and ||X_j||, and the change touches both. Write down how each one changes. Answer True or False.",
        },
        why={
            "ko": "곱이 그대로이므로 Wanda의 점수도 마스크도 바뀌지 않습니다. 16은 2의 거듭제곱이라 반올림도 생기지 않습니다. 크기 기반 프루닝은 |W_ij|만 보므로 마스크가 바뀝니다.",
            "en": "The product is unchanged, so neither Wanda's scores nor its masks change (16 is a power of two, so nothing is rounded either). Magnitude pruning sees only |W_ij|, so its masks do change.",
        },
        right=False,
        wrong=True,
    ),
}

LABELS = {
    "small_transformer.params": {"ko": "파라미터 {count:,}개", "en": "{count:,} parameters"},
    "small_transformer.dense": {
        "ko": "밀집 모델의 시험 정확도 {accuracy:.2f}% ± {noise:.2f}",
        "en": "dense test accuracy {accuracy:.2f}% ± {noise:.2f}",
    },
    "small_transformer.same_logits": {
        "ko": "attn.proj의 열에 마스크를 씌운 모델과 attn.v의 행과 편향에 씌운 모델의 로짓 차이 (최댓값): {gap:.1e}",
        "en": "largest logit difference, attn.proj columns masked vs attn.v rows and bias masked: {gap:.1e}",
    },
    "small_transformer.masked_layer": {
        "ko": "{layer}에서 헤드 0에 마스크를 씌웠을 때 정확도 {accuracy:.2f}%",
        "en": "head 0 masked in {layer}: accuracy {accuracy:.2f}%",
    },
    "small_transformer.greedy_header": {"ko": "끈 헤드 수 · 이번에 끈 헤드 · 정확도", "en": "heads off · head just switched off · accuracy"},
    "small_transformer.norm_pick": {
        "ko": "헤드별 L2 노름 {norms} → 끈 헤드 {head}",
        "en": "L2 norm per head {norms} → head {head} switched off",
    },
    "small_transformer.both_norm_picks": {
        "ko": "노름이 가장 작은 헤드를 블록마다 하나씩 껐을 때 정확도 {accuracy:.2f}%",
        "en": "smallest-norm head of each block switched off: accuracy {accuracy:.2f}%",
    },
    "small_transformer.reapplied": {
        "ko": "custom_from_mask를 다시 불러 켜려고 한 뒤: 헤드 1의 마스크에 남은 1의 수 {ones}/256 · 정확도 {accuracy:.2f}%",
        "en": "after calling custom_from_mask again to switch it on: ones left in head 1's mask {ones} of 256 · accuracy {accuracy:.2f}%",
    },
    "small_transformer.removed_then_reapplied": {
        "ko": "prune.remove 뒤 다시 씌운 뒤: 마스크의 1 {ones}/256 · 0이 아닌 가중치 {nonzero}/256 · 정확도 {accuracy:.2f}%",
        "en": "after prune.remove and a new mask: ones in the mask {ones} of 256 · nonzero weights {nonzero} of 256 · accuracy {accuracy:.2f}%",
    },
    "small_transformer.constant_neurons": {
        "ko": "블록 0에서 없앤 뉴런 {gone}개 가운데 0이 아닌 값을 내보내는 뉴런 {nonzero}개 · 입력이 달라도 같은 값: {constant}",
        "en": "of the {gone} neurons pruned in block 0, {nonzero} still output a nonzero value · the same value for any input: {constant}",
    },
    "small_transformer.same_neurons": {
        "ko": "fc1의 행과 편향에 마스크를 씌운 모델과 fc2의 열에 씌운 모델의 로짓 차이 (최댓값): {gap:.1e}",
        "en": "largest logit difference, fc1 rows and bias masked vs fc2 columns masked: {gap:.1e}",
    },
    "small_transformer.mlp_header": {
        "ko": "뉴런 비율 · fc1 행 (가중치만) · fc1 행 + 편향 · fc2 열",
        "en": "share of neurons · fc1 rows (weight only) · fc1 rows + bias · fc2 columns",
    },
    "small_transformer.removed_axis": {"ko": "없앤 비율 (헤드 또는 뉴런)", "en": "share removed (of the heads or of the neurons)"},
    "small_transformer.acc_axis": {"ko": "시험 정확도 (%)", "en": "test accuracy (%)"},
    "small_transformer.curve_title": {
        "ko": "헤드와 뉴런 없애기 (미세 조정 없음)",
        "en": "Removing heads and MLP neurons (no fine-tuning)",
    },
    "small_transformer.curve_heads": {"ko": "어텐션 헤드 (탐욕적으로 고름)", "en": "attention heads (greedy)"},
    "small_transformer.curve_neurons": {"ko": "뉴런 (fc2 열의 L2 노름)", "en": "MLP neurons (L2 norm of fc2 columns)"},
    "small_transformer.dense_line": {"ko": "밀집 모델", "en": "dense model"},
    "small_transformer.table_header": {
        "ko": "무늬 · 크기 기반 · 완다(Wanda) · 무작위 (시드 3개 평균)",
        "en": "pattern · magnitude · Wanda · random (mean of 3 seeds)",
    },
    "small_transformer.per_layer": {"ko": "층마다 50%", "en": "50% per layer"},
    "small_transformer.per_row": {"ko": "행마다 50%", "en": "50% per row"},
    "small_transformer.groups_ok": {
        "ko": "2:4: 4개 묶음마다 정확히 2개를 남김: {ok}",
        "en": "2:4: every group of 4 keeps exactly 2: {ok}",
    },
    "small_transformer.rows_ok": {
        "ko": "행마다 50%: 모든 행이 정확히 절반을 남김: {ok}",
        "en": "50% per row: every row keeps exactly half: {ok}",
    },
    "small_transformer.agreement": {
        "ko": "행마다 50%에서 크기 기반과 완다(Wanda)의 마스크가 같은 원소의 비율: 층별로 {low:.0%} ~ {high:.0%}",
        "en": "50% per row, share of mask entries where magnitude and Wanda agree: {low:.0%} to {high:.0%} per layer",
    },
    "small_transformer.norm_ratio": {
        "ko": "입력 특징 노름의 최댓값 ÷ 중앙값 (가장 큰 층): {ratio:.1f}",
        "en": "input-feature norm, max ÷ median (largest over the layers): {ratio:.1f}",
    },
    "small_transformer.outlier_model": {
        "ko": "로짓 변화 (최댓값) {change:.1e} · 입력 특징 노름의 최댓값 ÷ 중앙값 {ratio:.1f}",
        "en": "largest logit change {change:.1e} · input-feature norm max ÷ median {ratio:.1f}",
    },
    "small_transformer.outlier_masks": {
        "ko": "완다(Wanda)의 마스크가 전과 완전히 같음: {same} · 크기 기반 마스크가 전과 같은 원소의 비율 {share:.1%}",
        "en": "Wanda's masks bit for bit as before: {same} · magnitude masks unchanged on {share:.1%} of entries",
    },
    "small_transformer.outlier_header": {
        "ko": "이상치가 있는 모델 · 크기 기반 · 완다(Wanda)",
        "en": "model with outliers · magnitude · Wanda",
    },
}
