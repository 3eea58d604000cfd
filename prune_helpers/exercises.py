"""Self-check exercises: check a learner's answer, reply in their language, never give it away.

The questions live with their lessons (prune_helpers/packs/NN_name.py); this
module holds what every lesson shares: the answer forms (`as_int`,
`as_float`, ...), the comparison, and `check`/`grade`. Expected answers are
computed by running PyTorch when checked, not stored as literals, so they
stay true if PyTorch's behaviour ever changes. They run inside `fork_rng`,
so checking an answer never shifts the learner's random sequence.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from .messages import PruneHelperError, t


class WrongForm(Exception):
    """The answer may be right, but not in a form the checker can compare; `key` says how to write it."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def _kind(answer) -> str:
    return type(answer).__name__


def _is_bool(answer) -> bool:
    return isinstance(answer, (bool, np.bool_))


def _plain(answer):
    """A tensor or numpy value as plain Python: a 0-d one as its number, others as a (nested) list."""
    if isinstance(answer, torch.Tensor):
        answer = answer.detach().cpu()
        return answer.item() if answer.dim() == 0 else answer.tolist()
    if isinstance(answer, (np.ndarray, np.generic)):
        return answer.item() if answer.ndim == 0 else answer.tolist()
    return answer


def _count(array) -> int:
    return int(array.numel()) if isinstance(array, torch.Tensor) else int(array.size)


def _single(answer):
    """A one-element tensor or array as its Python value; several elements is a form slip."""
    if isinstance(answer, (torch.Tensor, np.ndarray)):
        if _count(answer) != 1:
            raise WrongForm("form.several_values", count=_count(answer))
        answer = answer.reshape(())
    return _plain(answer)


def _number(answer, string_key: str = "form.string_number"):
    """One real number from a number, a numpy scalar or a one-element tensor/array."""
    answer = _single(answer)
    if isinstance(answer, str):
        raise WrongForm(string_key, value=answer)
    if _is_bool(answer):
        raise WrongForm("form.bool_for_number", value=answer)
    if not isinstance(answer, numbers.Real):
        raise WrongForm("form.not_number", kind=_kind(answer))
    return answer


def as_bool(answer):
    """True/False, also as numpy or a one-element bool tensor; a number or a string is a form slip."""
    plain = _single(answer)
    if _is_bool(plain):
        return bool(plain)
    if isinstance(plain, str):
        raise WrongForm("form.string_bool", value=plain)
    if isinstance(plain, numbers.Real):
        raise WrongForm("form.number_for_bool", value=plain)
    return plain


def as_text(answer) -> str:
    if isinstance(answer, torch.device):
        return answer.type
    if not isinstance(answer, str):
        raise WrongForm("form.not_text", kind=_kind(answer))
    return answer.strip().strip("'\"").lower()


def as_int(answer):
    """An integer answer: 27, 27.0, np.int64(27) or tensor(27) are 27; 27.5 stays 27.5 (never truncated)."""
    number = _number(answer)
    if isinstance(number, numbers.Integral):
        return int(number)
    number = float(number)
    return int(number) if number.is_integer() else number


def as_float(answer):
    """A decimal answer; ints are fine (1 for 1.0), and a value above 1 is probably a percentage."""
    number = float(_number(answer))
    if number > 1.0 and math.isfinite(number):
        raise WrongForm("form.percent", value=_plain(answer))
    return number


def _values(answer, string_key: str = "form.string_list") -> list:
    """A flat list from a list, tuple, set, numpy array or tensor (not from a string or a single number)."""
    if isinstance(answer, str):
        raise WrongForm(string_key, value=answer)
    if isinstance(answer, (torch.Tensor, np.ndarray)):
        if answer.ndim == 0:
            raise WrongForm("form.not_list", kind=_kind(answer))
        return [v for v in (answer.detach().cpu() if isinstance(answer, torch.Tensor) else answer).flatten().tolist()]
    if isinstance(answer, (list, tuple, set, frozenset, torch.Size)) or type(answer).__name__ in ("dict_keys", "dict_values"):
        return list(answer)
    raise WrongForm("form.not_list", kind=_kind(answer))


def as_shape(answer):
    return tuple(as_int(a) for a in _values(answer))


def as_sorted_values(answer):
    values = [float(_number(a, "form.string_list")) for a in _values(answer)]
    return sorted(round(v, 4) for v in values)


def as_name_set(answer):
    if isinstance(answer, str):
        raise WrongForm("form.single_name")
    if isinstance(answer, dict):
        answer = list(answer)
    names = _values(answer)
    return {n.strip() for n in names if isinstance(n, str)} if all(isinstance(n, str) for n in names) else None


def _same(given, expected) -> bool:
    """Equal, with floats compared to within 1e-9 (0.1 + 0.2 style noise), never by truncation."""
    if isinstance(expected, float) and isinstance(given, numbers.Real) and not _is_bool(given):
        return math.isclose(float(given), expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(expected, bool) or isinstance(given, bool):
        return type(given) is type(expected) and given == expected
    result = given == expected
    return result if isinstance(result, bool) else False


@dataclass(frozen=True)
class Exercise:
    """One self-check question, written in its lesson's pack (prune_helpers/packs/NN_name.py).

    `expected` computes the answer with PyTorch when an answer is checked;
    `normalize` turns the learner's answer into a comparable form (or raises
    WrongForm); `hint` and `why` are ko/en texts (the hint never holds the
    answer); `right` and `wrong` are sample answers the tests grade.
    """

    expected: Callable[[], object]
    normalize: Callable[[object], object]
    hint: dict[str, str]
    why: dict[str, str]
    right: object
    wrong: object


def grade(exercise_id: str, answer) -> tuple[bool | None, str]:
    """(correct?, reply). None means no answer was given yet."""
    from .packs import all_exercises

    exercises = all_exercises()
    if not isinstance(exercise_id, str) or exercise_id not in exercises:
        raise PruneHelperError("error.unknown_exercise", value=exercise_id, choices=", ".join(exercises))
    if answer is None:
        return None, t("exercise.no_answer", id=exercise_id)
    exercise = exercises[exercise_id]
    with torch.random.fork_rng(devices=[]):
        expected = exercise.expected()
    hint = t(f"ex.{exercise_id}.hint")
    try:
        correct = _same(exercise.normalize(answer), expected)
    except WrongForm as form:
        return False, t("exercise.form", id=exercise_id, problem=t(form.key, **form.values), hint=hint)
    except Exception:  # any other odd object is simply not the answer; checking must never crash
        correct = False
    if correct:
        return True, t("exercise.correct", id=exercise_id, why=t(f"ex.{exercise_id}.why"))
    return False, t("exercise.wrong", id=exercise_id, hint=hint)


def check(exercise_id: str, answer=None) -> None:
    """Print whether `answer` is right, with a hint (not the answer) when it is not."""
    print(grade(exercise_id, answer)[1])
