"""Lesson 10 (Does pruning make it faster or smaller?): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (10 → "10-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

import torch
from torch import nn

from prune_helpers.exercises import Exercise, as_int


def _flop_drop_when_halved() -> int:
    from prune_helpers.measure import flops

    example = torch.zeros(1, 8, 8, 8)
    full, half = nn.Conv2d(8, 16, 3), nn.Conv2d(4, 8, 3)
    return round(flops(full, example) / flops(half, example[:, :4]))


EXERCISES = {
    1: Exercise(
        expected=_flop_drop_when_halved,
        normalize=as_int,
        hint={
            "ko": '합성곱의 FLOP는 입력 채널 수 × 출력 채널 수에 비례합니다. 둘 다 절반이 되면 몇 분의 일이 되나요? 배율을 정수로 답하세요.',
            "en": "a convolution's FLOPs scale with input channels × output channels. If both halve, by what factor do they drop? Answer with an integer.",
        },
        why={"ko": '두 축이 모두 절반이면 0.5 × 0.5 = 1/4입니다.', "en": 'Both axes halved: 0.5 × 0.5 = 1/4.'},
        right=4,
        wrong=2,
    ),
    2: Exercise(
        expected=lambda: torch.zeros(1, dtype=torch.float32).element_size(),
        normalize=as_int,
        hint={
            "ko": 'float32는 몇 비트이고, 1바이트는 몇 비트인가요? 바이트 수를 정수로 답하세요.',
            "en": 'how many bits is a float32, and how many bits are in a byte? Answer with the number of bytes.',
        },
        why={"ko": '0도 float32로 저장하면 다른 숫자와 똑같이 4바이트를 차지합니다.', "en": 'A zero stored as float32 takes the same 4 bytes as any number.'},
        right=4,
        wrong=32,
    ),
}

LABELS = {
    "semi.result": {
        "ko": "{device}: 밀집 {dense:.3f} ms, 2:4 희소 {sparse:.3f} ms → {ratio:.2f}배",
        "en": "{device}: dense {dense:.3f} ms, 2:4 sparse {sparse:.3f} ms → {ratio:.2f}×",
    },
    "model.removed": {"ko": "remove 후", "en": "removed"},
    "out.model_counts": {
        "ko": "저장된 값 {stored:>6,} · 0이 아닌 값 {nonzero:>6,} · FLOP {flops:>10,}",
        "en": "stored {stored:>6,}  nonzero {nonzero:>6,}  FLOPs {flops:>10,}",
    },
    "out.compact_size": {
        "ko": "{size:>8,}바이트 · 밀집보다 {ratio:.2f}배 작음",
        "en": "{size:>8,} bytes  {ratio:.2f}× smaller",
    },
    "out.csr": {
        "ko": "희소성 {sparsity:.0%}: 밀집 {dense:6.2f} ms · CSR {csr:6.2f} ms → {ratio:5.2f}배",
        "en": "sparsity {sparsity:.0%}: dense {dense:6.2f} ms  CSR {csr:6.2f} ms  -> {ratio:5.2f}×",
    },
}
