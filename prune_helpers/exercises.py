"""Self-check exercises: check a learner's answer, reply in their language, never give it away.

Expected answers are computed by running PyTorch when checked, not stored as
literals, so they stay true if PyTorch's behaviour ever changes. They run
inside `fork_rng`, so checking an answer never shifts the learner's random
sequence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn
from torch.nn.utils import prune

from .messages import PruneHelperError, t


def _conv():
    return nn.Conv2d(3, 2, 3, stride=1, padding=1)


def _zeros_after_random_pruning(amount: float) -> int:
    conv = _conv()
    prune.random_unstructured(conv, name="weight", amount=amount)
    return int((conv.weight == 0).sum())


def _second_draw_repeats() -> bool:
    torch.manual_seed(0)
    return bool(torch.equal(torch.rand(1), torch.rand(1)))


def _buffer_names_after_pruning() -> set[str]:
    conv = _conv()
    prune.random_unstructured(conv, name="weight", amount=0.5)
    prune.random_unstructured(conv, name="bias", amount=0.5)
    return {name for name, _ in conv.named_buffers()}


def _as_text(answer) -> str:
    return str(getattr(answer, "type", answer)).strip().strip("'\"").lower()


def _as_int(answer):
    return int(answer) if isinstance(answer, (int, float, torch.Tensor)) and not isinstance(answer, bool) else answer


def _as_shape(answer):
    return tuple(int(a) for a in answer) if isinstance(answer, (tuple, list, torch.Size)) else answer


def _as_name_set(answer):
    return {str(a) for a in answer} if isinstance(answer, (list, tuple, set)) else answer


@dataclass(frozen=True)
class Exercise:
    expected: Callable[[], object]
    normalize: Callable[[object], object] = lambda answer: answer


EXERCISES: dict[str, Exercise] = {
    "00-1": Exercise(lambda: torch.device("cpu").type, _as_text),
    "00-2": Exercise(_second_draw_repeats),
    "01-1": Exercise(lambda: _conv().weight.shape[0], _as_int),
    "01-2": Exercise(lambda: sum(p.numel() for p in _conv().parameters()), _as_int),
    "01-3": Exercise(lambda: tuple(nn.Conv2d(16, 32, 5).weight.shape), _as_shape),
    "02-1": Exercise(lambda: _zeros_after_random_pruning(0.5), _as_int),
    "02-2": Exercise(lambda: _zeros_after_random_pruning(0.3), _as_int),
    "02-3": Exercise(_buffer_names_after_pruning, _as_name_set),
}


def grade(exercise_id: str, answer) -> tuple[bool | None, str]:
    """(correct?, reply). None means no answer was given yet."""
    if exercise_id not in EXERCISES:
        raise PruneHelperError("error.unknown_exercise", value=exercise_id, choices=", ".join(EXERCISES))
    if answer is None:
        return None, t("exercise.no_answer", id=exercise_id)
    exercise = EXERCISES[exercise_id]
    with torch.random.fork_rng(devices=[]):
        expected = exercise.expected()
    try:
        correct = exercise.normalize(answer) == expected
    except (TypeError, ValueError):
        correct = False
    if correct:
        return True, t("exercise.correct", id=exercise_id, why=t(f"ex.{exercise_id}.why"))
    return False, t("exercise.wrong", id=exercise_id, hint=t(f"ex.{exercise_id}.hint"))


def check(exercise_id: str, answer=None) -> None:
    """Print whether `answer` is right, with a hint (not the answer) when it is not."""
    print(grade(exercise_id, answer)[1])
