"""Lesson packs: what belongs to one lesson and to no other, kept in one file per lesson.

A pack, `packs/NN_name.py`, has the same name as its source `lessons/NN_name.py`
and holds the lesson's exercises (`EXERCISES`, numbered from 1) and the labels
only its code cells print (`LABELS`, ko/en texts like the shared catalog's).
Exercise ids are made here from the file's number, "NN-k", so a renumbered
lesson renames two files and edits nothing inside them. A pack is loaded by
its path (its name starts with a digit), the first time any is needed.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACK_NAME = re.compile(r"^(\d\d)_([a-z0-9_]+)\.py$")


@dataclass(frozen=True)
class Pack:
    number: str
    slug: str
    exercises: dict  # {1: Exercise, ...}
    labels: dict  # {key: {"ko": ..., "en": ...}}

    @property
    def stem(self) -> str:
        return f"{self.number}_{self.slug}"

    def exercise_id(self, k: int) -> str:
        return f"{self.number}-{k}"


class PackError(ValueError):
    """A pack breaks a rule that every pack keeps (a course author's mistake, not a learner's)."""


def _load(path: Path) -> Pack:
    match = PACK_NAME.match(path.name)
    spec = importlib.util.spec_from_file_location(f"{__name__}.lesson_{match.group(1)}_{match.group(2)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exercises, labels = getattr(module, "EXERCISES", {}), getattr(module, "LABELS", {})
    if sorted(exercises) != list(range(1, len(exercises) + 1)):
        raise PackError(f"{path.name}: exercises must be numbered 1, 2, ... (found {sorted(exercises)})")
    return Pack(match.group(1), match.group(2), exercises, labels)


def pack_paths(folder: Path = HERE) -> list[Path]:
    return sorted(p for p in folder.glob("*.py") if PACK_NAME.match(p.name))


@functools.lru_cache(maxsize=1)
def packs() -> tuple[Pack, ...]:
    """Every lesson's pack, in lesson order."""
    loaded = tuple(_load(path) for path in pack_paths())
    numbers = [p.number for p in loaded]
    if len(set(numbers)) != len(numbers):
        raise PackError(f"two packs share a lesson number: {numbers}")
    return loaded


@functools.lru_cache(maxsize=1)
def all_exercises() -> dict:
    """{"NN-k": Exercise} over every pack."""
    return {pack.exercise_id(k): exercise for pack in packs() for k, exercise in pack.exercises.items()}


@functools.lru_cache(maxsize=1)
def all_labels() -> dict[str, dict[str, str]]:
    """Every pack's labels plus its exercises' hints and explanations, as catalog entries ("ex.NN-k.hint")."""
    from ..messages import CATALOG

    merged: dict[str, dict[str, str]] = {}
    for pack in packs():
        entries = dict(pack.labels)
        for k, exercise in pack.exercises.items():
            entries[f"ex.{pack.exercise_id(k)}.hint"] = exercise.hint
            entries[f"ex.{pack.exercise_id(k)}.why"] = exercise.why
        for key, entry in entries.items():
            if key in merged or key in CATALOG:
                raise PackError(f"{pack.stem}.py: label {key!r} is already defined elsewhere; labels are unique")
            merged[key] = entry
    return merged
