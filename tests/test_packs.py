"""Lesson packs: one lesson's exercises and labels live with it, and the shared catalog keeps only shared text.

These tests loop over the packs and sources, so adding a lesson needs no edit here.
"""

import re
from pathlib import Path

import nbformat
import pytest

from lesson_build import build

from prune_helpers import messages
from prune_helpers.packs import PackError, _load, all_labels, pack_paths, packs

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "lessons").glob("[0-9][0-9]_*.py")}
HELPER_CODE = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "prune_helpers").glob("*.py")}
HELPER_CODE["build.py"] = (ROOT / "lessons" / "build.py").read_text(encoding="utf-8")  # the build writes text too


def test_every_lesson_source_has_a_pack_and_every_pack_a_source():
    assert set(SOURCES) == {pack.stem for pack in packs()}


@pytest.mark.parametrize("pack", packs(), ids=lambda pack: pack.stem)
def test_every_lesson_asks_each_of_its_exercises_once_and_has_at_least_two(pack):
    assert len(pack.exercises) >= 2
    asked = sorted(int(k) for k in re.findall(r'ph\.check\("\[\[exercise:(\d+)\]\]"', SOURCES[pack.stem]))
    assert asked == sorted(pack.exercises), 'ask each exercise once, with ph.check("[[exercise:k]]", answer=None)'


@pytest.mark.parametrize("pack", packs(), ids=lambda pack: pack.stem)
def test_a_packs_labels_are_printed_by_its_own_lesson_and_by_no_other_code(pack):
    for key in pack.labels:
        quoted = f'"{key}"'
        assert quoted in SOURCES[pack.stem], f"{key} is in {pack.stem}'s pack but its lesson never prints it"
        others = [stem for stem, text in SOURCES.items() if stem != pack.stem and quoted in text]
        others += [name for name, text in HELPER_CODE.items() if quoted in text]
        assert not others, f"{key} is shared with {others}: move it to prune_helpers/messages.py"


def _used_by_helpers(key: str) -> bool:
    quoted = f'"{key}"'
    for name, text in HELPER_CODE.items():
        if name == "messages.py":
            text = text.replace(f"{quoted}: {{", "", 1)  # its own definition is not a use
        if quoted in text or f"'{key}'" in text:
            return True
    prefix = key.split(".")[0]
    return any(f't(f"{prefix}.{{' in text or f'"{prefix}.{{' in text for text in HELPER_CODE.values())


@pytest.mark.parametrize("key", sorted(messages.CATALOG))
def test_the_shared_catalog_holds_only_text_that_helpers_or_several_lessons_print(key):
    lessons = [stem for stem, text in SOURCES.items() if f'"{key}"' in text]
    assert _used_by_helpers(key) or len(lessons) >= 2, (
        f"{key} is printed only by {lessons or 'nobody'}: move it to that lesson's pack (or delete it)")


def test_labels_are_unique_across_packs_and_the_catalog():
    labels = all_labels()
    assert not set(labels) & set(messages.CATALOG)
    assert all(set(entry) == set(messages.LANGUAGES) for entry in labels.values())


def test_a_pack_with_a_gap_in_its_exercise_numbers_is_refused(tmp_path):
    pack = tmp_path / "42_gap.py"
    pack.write_text("EXERCISES = {1: None, 3: None}\n", encoding="utf-8")
    with pytest.raises(PackError, match="numbered 1, 2"):
        _load(pack)


def test_templates_are_not_loaded_as_packs():
    assert all(re.match(r"\d\d_", path.name) for path in pack_paths())


def test_packs_are_shipped_with_the_package():
    import tomllib

    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    assert "prune_helpers.packs" in packages


# --- references by name: the build turns them into numbers and links ----------------------------------------


def lesson_copy(tmp_path, stem, number):
    """The source `stem` as if it had been renumbered to `number` (a renamed file, nothing edited inside)."""
    target = tmp_path / f"{number}_{stem.split('_', 1)[1]}.py"
    target.write_text(SOURCES[stem], encoding="utf-8")
    return build.Lesson(target)


def test_references_follow_a_renumbered_lesson(tmp_path):
    setup, glob = lesson_copy(tmp_path, "00_setup", "00"), lesson_copy(tmp_path, "06_global", "07")
    everything = [setup, glob]
    assert build.expand_references("see [[lesson:global]]", setup, "en", everything) == "see [lesson 07](07_global.ipynb)"
    assert build.expand_references("[[Lesson:global]] shows", setup, "en", everything).startswith("[Lesson 07]")
    assert build.expand_references("[[lesson:global]]을 보세요", setup, "ko", everything) == (
        "[07 수업](07_global.ipynb)을 보세요")
    assert build.expand_references("[[lesson:global]]는", setup, "ko", everything) == "[07 수업](07_global.ipynb)은"
    assert build.expand_references("[[title:setup]]", glob, "en", everything) == "[00. Setup](00_setup.ipynb)"


def test_exercise_ids_come_from_the_file_number(tmp_path):
    lesson = build.Lesson(tmp_path / "05_iterative.py")
    lesson.source.write_text(SOURCES["05_iterative"], encoding="utf-8")
    code = build.expand_references('ph.check("[[exercise:2]]")', build.lessons(["05"])[0], "en", build.lessons(),
                                   markdown=False)
    assert code == 'ph.check("05-2")'


def test_bad_references_are_refused_with_what_to_fix():
    everything = build.lessons()
    first = everything[0]
    with pytest.raises(build.SourceError, match="no lesson named 'nowhere'"):
        build.expand_references("[[lesson:nowhere]]", first, "en", everything)
    with pytest.raises(build.SourceError, match="not in"):
        build.expand_references("[[exercise:9]]", first, "en", everything)
    with pytest.raises(build.SourceError, match="belongs in markdown"):
        build.expand_references("[[lesson:global]]", first, "en", everything, markdown=False)


def test_no_lesson_source_writes_another_lessons_number_by_hand():
    """'lesson 06' / '06 수업' in a source would go stale on renumbering: write [[lesson:name]]."""
    for stem, text in SOURCES.items():
        markdown = "\n".join(line for line in text.splitlines() if line.startswith("# "))
        assert not re.search(r"\b[Ll]esson \d\d\b|\b\d\d 수업|\*\*\d\d-\d\.\*\*", markdown), stem
        assert not re.search(r'ph\.check\("\d\d-\d"', text), stem


# --- build.py --check covers everything generated --------------------------------------------------------------


def test_check_fails_when_the_readme_lesson_table_is_stale(tmp_path, monkeypatch, capsys):
    readme = tmp_path / "README.md"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    readme.write_text(text.replace("| 05 | [반복 프루닝]", "| 05 | [옛 제목]"), encoding="utf-8")
    monkeypatch.setattr(build, "README", readme)
    assert build.main(["--check"]) == 1
    assert "README.md is stale" in capsys.readouterr().out


def test_check_fails_when_a_navigation_line_is_stale(tmp_path, monkeypatch, capsys):
    import shutil

    copy = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)
    path = copy / "en" / "05_iterative.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[-1].source = notebook.cells[-1].source.replace("Next", "Onwards")
    nbformat.write(notebook, path)
    monkeypatch.setattr(build, "NOTEBOOKS", copy)
    assert build.main(["--check"]) == 1
    assert "05_iterative.ipynb: cell" in capsys.readouterr().out


def test_refresh_keeps_every_stored_notebook_byte_identical_when_nothing_changed():
    everything = build.lessons()
    for lesson in everything:
        for language in build.LANGUAGES:
            path = lesson.notebook_path(language)
            assert nbformat.writes(build.refreshed(lesson, language, everything)) + "\n" == path.read_text(
                encoding="utf-8"), path.name
