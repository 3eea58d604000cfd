"""Lesson 11 (Pitfall clinic and next steps): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (11 → "11-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_bool, as_int


def _pairs_needed() -> int:
    from prune_helpers.models import prunable_layers

    return len(prunable_layers(nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))))


def _masks_follow_to() -> bool:
    layer = nn.Linear(2, 2)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    layer.to("meta")
    return layer.weight_mask.device.type == "meta"


EXERCISES = {
    1: Exercise(
        expected=_pairs_needed,
        normalize=as_int,
        hint={
            "ko": "global_unstructured에는 가중치가 있는 층마다 (모듈, 'weight') 쌍이 하나씩 필요합니다. ReLU에는 가중치가 없습니다.",
            "en": "global_unstructured needs one (module, 'weight') pair per layer with weights; ReLU has none.",
        },
        why={"ko": '쌍의 리스트가 곧 프루닝할 텐서의 목록입니다.', "en": 'The list of pairs is the list of tensors to prune.'},
        right=2,
        wrong=3,
    ),
    2: Exercise(
        expected=_masks_follow_to,
        normalize=as_bool,
        hint={
            "ko": '마스크는 버퍼입니다. 버퍼는 .to(device)를 따라가나요? True 또는 False로 답하세요.',
            "en": 'masks are buffers. Do buffers follow .to(device)? Answer True or False.',
        },
        why={"ko": '버퍼는 파라미터와 함께 옮겨지므로 마스크를 따로 옮길 필요가 없습니다.', "en": 'Buffers move with the parameters, so masks need no separate move.'},
        right=True,
        wrong=False,
    ),
}

LABELS = {
    "out.prune_after_compile": {"ko": "컴파일한 뒤 프루닝:", "en": "prune after compile :"},
    "out.prune_before_compile": {"ko": "프루닝한 뒤 컴파일:", "en": "prune before compile:"},
    "out.deploy_accuracy": {
        "ko": "밀집 {dense:.1f}% → 프루닝 80% + 미세 조정 {pruned:.1f}%",
        "en": "dense {dense:.1f}% → pruned 80% + fine-tuned {pruned:.1f}%",
    },
    "out.int8_close": {
        "ko": "int8 모델의 정확도가 fp32 모델과 1%p 이내: {close}",
        "en": "int8 accuracy within 1 point of fp32: {close}",
    },
    "size.zlib_title": {
        "ko": "zlib으로 압축한 크기, 밀집 fp32 모델과 비교",
        "en": "zlib-compressed size, compared with the dense fp32 model",
    },
    "size.dense_fp32": {"ko": "밀집 fp32", "en": "dense fp32"},
    "size.pruned_fp32": {"ko": "프루닝 80% fp32", "en": "pruned 80% fp32"},
    "size.dense_int8": {"ko": "밀집 int8", "en": "dense int8"},
    "size.pruned_int8": {"ko": "프루닝 80% + int8", "en": "pruned 80% + int8"},
    "out.smaller": {"ko": "{ratio:.1f}배 작음", "en": "{ratio:.1f}× smaller"},
    "out.mask_memory": {
        "ko": "파라미터 + 버퍼 {before:,}바이트 → 프루닝 뒤 {after:,}바이트 ({ratio:.2f}배) · 계산된 weight까지 {computed:,}바이트 ({computed_ratio:.2f}배)",
        "en": "parameters + buffers {before:,} bytes → after pruning {after:,} bytes ({ratio:.2f}×) · with the computed weights {computed:,} bytes ({computed_ratio:.2f}×)",
    },
    "out.masks_agree": {"ko": "모든 랭크의 마스크가 같음: {agree}", "en": "all ranks hold the same mask: {agree}"},
}
