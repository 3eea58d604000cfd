"""Lesson 00 (Setup): its exercises, and the labels only its code cells print.

Exercise ids come from this file's name (00 → "00-1"); expected answers
are computed by PyTorch when an answer is checked, never stored.
"""

from __future__ import annotations

import torch

from prune_helpers.exercises import Exercise, as_bool, as_text


def _second_draw_repeats() -> bool:
    torch.manual_seed(0)
    return bool(torch.equal(torch.rand(1), torch.rand(1)))


EXERCISES = {
    1: Exercise(
        expected=lambda: torch.device("cpu").type,
        normalize=as_text,
        hint={
            "ko": "GPU가 없는 컴퓨터에서 torch.cuda.is_available()이 무엇을 돌려주는지, 그때 pick_device가 고르는 장치 이름(문자열)을 생각해 보세요.",
            "en": "what torch.cuda.is_available() returns without a GPU, and which device name (a string) pick_device falls back to.",
        },
        why={"ko": "GPU가 없으면 모든 계산은 CPU에서 합니다.", "en": "Without a GPU, everything runs on the CPU."},
        right="cpu",
        wrong="cuda",
    ),
    2: Exercise(
        expected=_second_draw_repeats,
        normalize=as_bool,
        hint={
            "ko": "시드를 정한 뒤 torch.rand를 두 번 부르면, 두 번째 값은 난수열의 다음 값입니다. True 또는 False로 답하세요.",
            "en": "after seeding, a second torch.rand call draws the *next* number of the sequence. Answer True or False.",
        },
        why={
            "ko": "시드는 난수열의 시작점을 정할 뿐, 뽑을 때마다 다음 값으로 넘어갑니다.",
            "en": "A seed fixes where the sequence starts; every draw moves it on.",
        },
        right=False,
        wrong=True,
    ),
}

LABELS: dict[str, dict[str, str]] = {}
