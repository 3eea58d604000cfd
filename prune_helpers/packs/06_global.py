"""Lesson 06 (Many layers and global pruning): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (06 → "06-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils import prune

from prune_helpers.exercises import Exercise, as_bool, as_int


def _global_prunes_layers_equally() -> bool:
    big, small = nn.Linear(10, 10), nn.Linear(10, 10)
    with torch.no_grad():
        small.weight.mul_(0.1)
    prune.global_unstructured([(big, "weight"), (small, "weight")], pruning_method=prune.L1Unstructured, amount=0.5)
    return bool(big.weight_mask.mean() == small.weight_mask.mean() == 0.5)


def _pairs_for_small_cnn() -> int:
    from prune_helpers.models import prunable_layers, small_cnn

    return len(prunable_layers(small_cnn()))


EXERCISES = {
    1: Exercise(
        expected=_global_prunes_layers_equally,
        normalize=as_bool,
        hint={
            "ko": '전역 프루닝은 모든 층의 가중치를 한 줄로 세워 크기를 비교합니다. 한 층의 가중치가 모두 작으면 어떻게 될까요? True 또는 False로 답하세요.',
            "en": "global pruning ranks the weights of all layers together. What if one layer's weights are all small? Answer True or False.",
        },
        why={"ko": '전역 프루닝은 층마다 다른 희소성을 만듭니다.', "en": 'Global pruning gives each layer its own sparsity.'},
        right=False,
        wrong=True,
    ),
    2: Exercise(
        expected=_pairs_for_small_cnn,
        normalize=as_int,
        hint={
            "ko": 'Conv2d와 Linear 층을 세어 보세요. ReLU나 풀링 층에는 가중치가 없습니다.',
            "en": 'count the Conv2d and Linear layers; ReLU and pooling layers have no weights.',
        },
        why={"ko": '(모듈, 이름) 쌍 하나가 가중치 텐서 하나입니다.', "en": 'Each (module, name) pair is one weight tensor.'},
        right=4,
        wrong=10,
    ),
}

LABELS = {
    "plot.local": {"ko": "지역 (층마다 50%)", "en": "local (50% per layer)"},
    "plot.global": {"ko": "전역 (전체 50%)", "en": "global (50% overall)"},
    "out.fan_in": {
        "ko": "입력 수(fan-in) {fan_in:4d} · 평균 |w| {mean:.4f}",
        "en": "fan-in {fan_in:4d}  mean |w| {mean:.4f}",
    },
}
