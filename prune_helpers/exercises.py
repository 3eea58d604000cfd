"""Self-check exercises: check a learner's answer, reply in their language, never give it away.

Expected answers are computed by running PyTorch when checked, not stored as
literals, so they stay true if PyTorch's behaviour ever changes. They run
inside `fork_rng`, so checking an answer never shifts the learner's random
sequence.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np
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


SURVIVOR_WEIGHTS = [0.3, -0.9, 0.05, 0.6, -0.1, 0.2]


def _l1_survivors() -> list[float]:
    layer = nn.Linear(6, 1, bias=False)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([SURVIVOR_WEIGHTS]))
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return sorted(round(v, 4) for v in layer.weight[layer.weight_mask.bool()].tolist())


def _zeros_for_amount(amount: float, numel: int) -> int:
    layer = nn.Linear(numel, 1, bias=False)
    prune.l1_unstructured(layer, name="weight", amount=amount)
    return int((layer.weight_mask == 0).sum())


def _empty_filters() -> int:
    conv = nn.Conv2d(8, 16, 3)
    prune.ln_structured(conv, name="weight", amount=0.25, n=2, dim=0)
    return int((conv.weight_mask.flatten(1).sum(dim=1) == 0).sum())


def _compounded() -> float:
    layer = nn.Linear(100, 100)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return float((layer.weight_mask == 0).float().mean())


def _methods_in_container() -> int:
    conv = nn.Conv2d(4, 4, 3)
    prune.l1_unstructured(conv, name="weight", amount=0.2)
    prune.random_unstructured(conv, name="weight", amount=0.2)
    prune.ln_structured(conv, name="weight", amount=0.25, n=1, dim=0)
    return len(conv._forward_pre_hooks[next(iter(conv._forward_pre_hooks))]._pruning_methods)


def _global_prunes_layers_equally() -> bool:
    big, small = nn.Linear(10, 10), nn.Linear(10, 10)
    with torch.no_grad():
        small.weight.mul_(0.1)
    prune.global_unstructured([(big, "weight"), (small, "weight")], pruning_method=prune.L1Unstructured, amount=0.5)
    return bool(big.weight_mask.mean() == small.weight_mask.mean() == 0.5)


def _pairs_for_small_cnn() -> int:
    from .models import prunable_layers, small_cnn

    return len(prunable_layers(small_cnn()))


def _buffers_after_remove() -> int:
    conv = nn.Conv2d(3, 2, 3)
    prune.l1_unstructured(conv, name="weight", amount=0.5)
    prune.remove(conv, "weight")
    return len(list(conv.named_buffers()))


def _masked_size_ratio() -> int:
    from .storage import serialized_size

    layer = nn.Linear(256, 256)
    dense = serialized_size(layer.state_dict())
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    return round(serialized_size(layer.state_dict()) / dense)


def _two_four_sparsity() -> float:
    from .arithmetic import n_m_sparsity

    return n_m_sparsity(2, 4)


def _pruned_after_identity() -> bool:
    conv = nn.Conv2d(3, 2, 3)
    prune.identity(conv, "weight")
    return prune.is_pruned(conv)


def _compression_for_kept(kept: float) -> int:
    model = nn.Linear(1000, 1, bias=False)
    prune.l1_unstructured(model, name="weight", amount=1.0 - kept)
    return round(model.weight.numel() / int(model.weight_mask.sum()))


def _smallest_layer() -> str:
    from .models import small_cnn

    sizes = {name: m.weight.numel() for name, m in small_cnn().named_children() if hasattr(m, "weight")}
    return min(sizes, key=sizes.get)


def _flop_drop_when_halved() -> int:
    from .measure import flops

    example = torch.zeros(1, 8, 8, 8)
    full, half = nn.Conv2d(8, 16, 3), nn.Conv2d(4, 8, 3)
    return round(flops(full, example) / flops(half, example[:, :4]))


def _pairs_needed() -> int:
    from .models import prunable_layers

    return len(prunable_layers(nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2))))


def _masks_follow_to() -> bool:
    layer = nn.Linear(2, 2)
    prune.l1_unstructured(layer, name="weight", amount=0.5)
    layer.to("meta")
    return layer.weight_mask.device.type == "meta"


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


def _as_bool(answer):
    """True/False, also as numpy or a one-element bool tensor; a number or a string is a form slip."""
    plain = _single(answer)
    if _is_bool(plain):
        return bool(plain)
    if isinstance(plain, str):
        raise WrongForm("form.string_bool", value=plain)
    if isinstance(plain, numbers.Real):
        raise WrongForm("form.number_for_bool", value=plain)
    return plain


def _as_text(answer) -> str:
    if isinstance(answer, torch.device):
        return answer.type
    if not isinstance(answer, str):
        raise WrongForm("form.not_text", kind=_kind(answer))
    return answer.strip().strip("'\"").lower()


def _as_int(answer):
    """An integer answer: 27, 27.0, np.int64(27) or tensor(27) are 27; 27.5 stays 27.5 (never truncated)."""
    number = _number(answer)
    if isinstance(number, numbers.Integral):
        return int(number)
    number = float(number)
    return int(number) if number.is_integer() else number


def _as_float(answer):
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


def _as_shape(answer):
    return tuple(_as_int(a) for a in _values(answer))


def _as_sorted_values(answer):
    values = [float(_number(a, "form.string_list")) for a in _values(answer)]
    return sorted(round(v, 4) for v in values)


def _as_name_set(answer):
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
    expected: Callable[[], object]
    normalize: Callable[[object], object] = _as_bool


EXERCISES: dict[str, Exercise] = {
    "00-1": Exercise(lambda: torch.device("cpu").type, _as_text),
    "00-2": Exercise(_second_draw_repeats),
    "01-1": Exercise(lambda: _conv().weight.shape[0], _as_int),
    "01-2": Exercise(lambda: sum(p.numel() for p in _conv().parameters()), _as_int),
    "01-3": Exercise(lambda: tuple(nn.Conv2d(16, 32, 5).weight.shape), _as_shape),
    "02-1": Exercise(lambda: _zeros_after_random_pruning(0.5), _as_int),
    "02-2": Exercise(lambda: _zeros_after_random_pruning(0.3), _as_int),
    "02-3": Exercise(_buffer_names_after_pruning, _as_name_set),
    "03-1": Exercise(_l1_survivors, _as_sorted_values),
    "03-2": Exercise(lambda: _zeros_for_amount(0.25, 10), _as_int),
    "04-1": Exercise(_empty_filters, _as_int),
    "04-2": Exercise(lambda: round(1 - (1 - 0.5) ** 2, 2), _as_float),
    "05-1": Exercise(lambda: round(_compounded(), 2), _as_float),
    "05-2": Exercise(_methods_in_container, _as_int),
    "06-1": Exercise(_global_prunes_layers_equally),
    "06-2": Exercise(_pairs_for_small_cnn, _as_int),
    "07-1": Exercise(_buffers_after_remove, _as_int),
    "07-2": Exercise(_masked_size_ratio, _as_int),
    "08-1": Exercise(lambda: round(_two_four_sparsity(), 2), _as_float),
    "08-2": Exercise(_pruned_after_identity),
    "09-1": Exercise(lambda: _compression_for_kept(0.083), _as_int),
    "09-2": Exercise(_smallest_layer, _as_text),
    "10-1": Exercise(_flop_drop_when_halved, _as_int),
    "10-2": Exercise(lambda: torch.zeros(1, dtype=torch.float32).element_size(), _as_int),
    "11-1": Exercise(_pairs_needed, _as_int),
    "11-2": Exercise(_masks_follow_to),
}


def grade(exercise_id: str, answer) -> tuple[bool | None, str]:
    """(correct?, reply). None means no answer was given yet."""
    if not isinstance(exercise_id, str) or exercise_id not in EXERCISES:
        raise PruneHelperError("error.unknown_exercise", value=exercise_id, choices=", ".join(EXERCISES))
    if answer is None:
        return None, t("exercise.no_answer", id=exercise_id)
    exercise = EXERCISES[exercise_id]
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
