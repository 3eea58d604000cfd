"""Lesson 01 (Conv2d anatomy): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (01 → "01-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

from torch import nn

from prune_helpers.exercises import Exercise, as_int, as_shape


def _conv():
    return nn.Conv2d(3, 2, 3, stride=1, padding=1)


EXERCISES = {
    1: Exercise(
        expected=lambda: _conv().weight.shape[0],
        normalize=as_int,
        hint={
            "ko": "weight.shape의 첫 번째 축이 무엇인지, 그리고 nn.Conv2d의 두 번째 인자가 무엇인지 다시 보세요.",
            "en": "what the first axis of weight.shape means, and what the second argument of nn.Conv2d is.",
        },
        why={"ko": "필터 하나가 출력 채널 하나를 만듭니다.", "en": "Each filter makes one output channel."},
        right=2,
        wrong=4,
    ),
    2: Exercise(
        expected=lambda: sum(p.numel() for p in _conv().parameters()),
        normalize=as_int,
        hint={
            "ko": "weight의 원소 수(네 축의 곱)와 bias의 원소 수를 더하세요. p.numel()이 도와줍니다.",
            "en": "add the number of elements of weight (the product of its four axes) and of bias. p.numel() helps.",
        },
        why={"ko": "파라미터 수는 모든 파라미터 텐서의 원소 수의 합입니다.", "en": "A parameter count is the sum of the elements of every parameter tensor."},
        right=56,
        wrong=54,
    ),
    3: Exercise(
        expected=lambda: tuple(nn.Conv2d(16, 32, 5).weight.shape),
        normalize=as_shape,
        hint={
            "ko": "weight 모양은 [출력 채널, 입력 채널, 커널 높이, 커널 너비] 순서입니다. 튜플로 답하세요.",
            "en": "a weight's shape is [out_channels, in_channels, kernel height, kernel width]. Answer with a tuple.",
        },
        why={"ko": "축의 순서를 알면 어떤 조각을 잘라 낼지 고를 수 있습니다.", "en": "Knowing the axis order tells you which slices you can cut."},
        right=(32, 16, 5, 5),
        wrong=(16, 32, 5, 5),
    ),
}

LABELS: dict[str, dict[str, str]] = {}
