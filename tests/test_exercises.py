import re

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn.utils import prune

import prune_helpers as ph
from prune_helpers.messages import CATALOG
from prune_helpers.packs import all_exercises

EXERCISES = all_exercises()  # every lesson pack's exercises: a new lesson needs no edit here


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_right_answer_is_praised_and_wrong_answer_gets_a_hint_without_the_answer(exercise_id, language):
    right, wrong = EXERCISES[exercise_id].right, EXERCISES[exercise_id].wrong
    ok, reply = ph.grade(exercise_id, right)
    assert ok is True and reply.startswith(f"[{exercise_id}]")
    ok, reply = ph.grade(exercise_id, wrong)
    assert ok is False
    assert ph.t(f"ex.{exercise_id}.hint") in reply
    if not isinstance(right, bool):  # a yes/no hint may name both options
        assert not re.search(rf"\b{re.escape(str(right))}\b", ph.t(f"ex.{exercise_id}.hint"))


def test_no_answer_yet_is_neither_right_nor_wrong(capsys):
    assert ph.grade("02-1", None)[0] is None
    ph.check("02-1")
    assert "answer=None" in capsys.readouterr().out


def test_answers_in_other_forms_are_accepted():
    assert ph.grade("00-1", torch.device("cpu"))[0] is True
    assert ph.grade("00-1", " CPU ")[0] is True
    assert ph.grade("01-3", torch.Size([32, 16, 5, 5]))[0] is True
    assert ph.grade("02-1", torch.tensor(27))[0] is True
    assert ph.grade("02-3", {"bias_mask", "weight_mask"})[0] is True


def test_nonsense_answers_are_wrong_not_crashes():
    assert ph.grade("01-3", "a shape")[0] is False
    assert ph.grade("02-3", 5)[0] is False


def test_expected_answers_come_from_pytorch_itself():
    conv = nn.Conv2d(3, 2, 3)
    prune.random_unstructured(conv, name="weight", amount=0.3)
    assert EXERCISES["02-2"].expected() == int((conv.weight_mask == 0).sum())


def test_checking_does_not_disturb_the_learners_random_sequence():
    torch.manual_seed(0)
    expected = torch.rand(2)
    torch.manual_seed(0)
    for exercise_id in EXERCISES:
        ph.grade(exercise_id, 0)
    assert torch.equal(torch.rand(2), expected)


def test_unknown_exercise_is_a_clear_error():
    with pytest.raises(ph.PruneHelperError, match="02-1"):
        ph.grade("99-9", 1)


@pytest.mark.parametrize("exercise_id, answer", [
    ("03-2", 2.5), ("02-1", 27.5), ("01-2", 56.9), ("09-1", 12.9), ("10-1", 4.9), ("02-1", torch.tensor(27.4)),
    ("04-2", 0.749), ("05-1", 0.7500001), ("07-1", False), ("00-2", 0), ("11-2", 1),
])
def test_a_number_near_the_answer_is_not_the_answer(exercise_id, answer):
    """int() used to truncate 2.5 to 2, and True/False compared equal to 1/0."""
    assert ph.grade(exercise_id, answer)[0] is False


@pytest.mark.parametrize("exercise_id, answer", [
    ("02-1", np.int64(27)), ("02-1", 27.0), ("02-1", np.float32(27.0)), ("02-1", torch.tensor(27.0)),
    ("02-1", np.array(27)), ("02-1", torch.tensor([27])), ("04-2", np.float32(0.75)), ("04-2", torch.tensor(0.75)),
    ("08-1", 1 / 2), ("05-1", 1 - 0.5 ** 2), ("03-1", np.array([0.3, -0.9, 0.6])), ("03-1", torch.tensor([0.6, 0.3, -0.9])),
    ("03-1", (0.6, -0.9, 0.3)), ("01-3", [32, 16, 5, 5]), ("01-3", np.array([32, 16, 5, 5])),
    ("02-3", ("weight_mask", "bias_mask")), ("02-3", {"weight_mask": 1, "bias_mask": 2}.keys()),
    ("06-1", np.bool_(False)), ("08-2", torch.tensor(True)), ("09-2", "'conv1'"),
])
def test_equivalent_forms_of_the_right_answer_are_accepted(exercise_id, answer):
    assert ph.grade(exercise_id, answer)[0] is True, ph.grade(exercise_id, answer)[1]


@pytest.mark.parametrize("exercise_id, answer, key", [
    ("03-2", "2", "form.string_number"),
    ("02-1", " 27 ", "form.string_number"),
    ("08-2", "True", "form.string_bool"),
    ("03-1", "[0.3, -0.9, 0.6]", "form.string_list"),
    ("02-3", "weight_mask", "form.single_name"),
    ("07-1", False, "form.bool_for_number"),
    ("11-2", 1, "form.number_for_bool"),
    ("04-2", 75, "form.percent"),
    ("02-1", torch.tensor([27, 27]), "form.several_values"),
    ("02-1", [27], "form.not_number"),
    ("03-1", 0.3, "form.not_list"),
    ("09-2", nn.Conv2d(1, 1, 1), "form.not_text"),
])
def test_a_right_answer_in_the_wrong_form_is_told_what_form_to_use(exercise_id, answer, key, language):
    ok, reply = ph.grade(exercise_id, answer)
    assert ok is False
    assert ph.t(f"ex.{exercise_id}.hint") in reply
    assert CATALOG[key][language].split("{")[0] in reply, reply


@pytest.mark.parametrize("answer", [
    np.array([0.3, -0.9]), np.array([[1, 2], [3, 4]]), torch.ones(2, 2, requires_grad=True), {"a": 1}, object(),
    [[0.3], [-0.9]], 10 ** 400, float("nan"), float("inf"), -0.0, 1j, b"27", [None], (), set(), range(3),
    np.float64("nan"), torch.tensor([]), np.array([], dtype=object), nn.Linear(1, 1), print,
])
def test_no_answer_crashes_the_checker(answer):
    for exercise_id in EXERCISES:
        ok, reply = ph.grade(exercise_id, answer)
        assert ok in (True, False) and reply.startswith(f"[{exercise_id}]")
