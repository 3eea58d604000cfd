"""The committed notebooks are exactly what their sources generate, in matching ko/en pairs."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

from lesson_build import build

ROOT = Path(__file__).resolve().parents[1]

LESSONS = build.lessons()
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def notebook(lesson, language):
    return nbformat.read(lesson.notebook_path(language), as_version=4)


def test_there_are_lessons_and_every_one_has_both_languages():
    assert [lesson.number for lesson in LESSONS][:3] == ["00", "01", "02"]
    for lesson in LESSONS:
        for language in build.LANGUAGES:
            assert lesson.notebook_path(language).exists()


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_committed_notebooks_match_their_source(lesson):
    for language in build.LANGUAGES:
        assert build.drift(lesson, language, LESSONS) is None


def test_no_stray_notebooks_without_a_source():
    stems = {lesson.stem for lesson in LESSONS}
    for language in build.LANGUAGES:
        assert {p.stem for p in (ROOT / "notebooks" / language).glob("*.ipynb")} == stems


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_code_cells_are_identical_and_markdown_is_paired(lesson):
    ko, en = notebook(lesson, "ko"), notebook(lesson, "en")
    assert [c.cell_type for c in ko.cells] == [c.cell_type for c in en.cells]
    ko_code = [build.shared_code(c.source, "ko") for c in ko.cells if c.cell_type == "code"]
    assert ko_code == [build.shared_code(c.source, "en") for c in en.cells if c.cell_type == "code"]
    for ko_cell, en_cell in zip(ko.cells, en.cells):
        if ko_cell.cell_type == "markdown":
            assert HANGUL.search(ko_cell.source), ko_cell.source[:80]
            assert not HANGUL.search(en_cell.source), en_cell.source[:80]


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_every_lesson_has_goals_summary_exercises_and_navigation(lesson):
    headings = {"ko": ("배울 것", "## 정리", "## 연습 문제"), "en": ("You will learn", "## Summary", "## Exercises")}
    for language in build.LANGUAGES:
        nb = notebook(lesson, language)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for heading in headings[language]:
            assert heading in text, (lesson.stem, language, heading)
        checks = [c for c in nb.cells if c.cell_type == "code" and "ph.check(" in c.source]
        assert len(checks) >= 2
        assert nb.cells[0].source == nb.cells[-1].source == build.navigation(lesson, language, LESSONS)
        assert "[[" not in text


def test_every_stored_output_was_produced_in_order():
    for lesson in LESSONS:
        for language in build.LANGUAGES:
            counts = [c.execution_count for c in notebook(lesson, language).cells if c.cell_type == "code"]
            assert counts == list(range(1, len(counts) + 1)), (lesson.stem, language)


def test_korean_first_use_is_hangul_with_english_then_korean_only():
    glossary = {"mask": ("마스크", "mask")}
    seen = set()
    text = build.expand_terms("[[mask]]을 보고, 다시 [[mask]]을(를)", "ko", glossary, seen)
    assert text == "마스크(mask)를 보고, 다시 마스크를"  # the particle agrees with 마스크, whatever the source wrote
    assert build.expand_terms("a [[mask]]", "en", glossary, set()) == "a mask"


def test_korean_notebooks_introduce_each_term_once_with_its_english():
    glossary = build.read_glossary()
    for lesson in LESSONS:
        used = {m.group(1) for m in build.TERM.finditer(lesson.source.read_text(encoding="utf-8"))}
        text = "\n".join(c.source for c in notebook(lesson, "ko").cells if c.cell_type == "markdown")
        for key in used:
            term = glossary[key]
            assert text.count(f"{term.korean}({term.gloss})") == 1, (lesson.stem, key)


def test_unknown_glossary_term_is_refused():
    with pytest.raises(build.SourceError, match="nonsense"):
        build.expand_terms("[[nonsense]]", "ko", build.read_glossary(), set())


def write_source(tmp_path, text):
    path = tmp_path / "99_test.py"
    path.write_text(text, encoding="utf-8")
    return build.Lesson(path)


def test_source_rules_are_enforced(tmp_path):
    import jupytext

    unpaired = write_source(tmp_path, '# %% [markdown] lang="ko"\n# 한국어만\n\n# %%\nx = 1\n')
    with pytest.raises(build.SourceError, match="pair"):
        build.check_pairs(unpaired, jupytext.read(unpaired.source).cells)
    swapped = write_source(tmp_path, '# %% [markdown] lang="ko"\n# English text\n\n# %% [markdown] lang="en"\n# 한국어\n')
    with pytest.raises(build.SourceError, match="wrong language"):
        build.check_pairs(swapped, jupytext.read(swapped.source).cells)
    coded = write_source(tmp_path, '# %% lang="ko"\nx = 1\n')
    with pytest.raises(build.SourceError, match="code is shared"):
        build.check_pairs(coded, jupytext.read(coded.source).cells)


def test_ci_runs_the_test_command_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```bash\n(bash \.ci/install --test[^\n]*)\n```", readme).group(1)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_environment_yml_pins_the_same_versions_as_pyproject():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = set(project["dependencies"]) | set(project["optional-dependencies"]["test"])
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*-\s*([A-Za-z0-9_.\-]+==[^\s]+)\s*$", environment, flags=re.M))
    assert listed == pins


def test_stream_chunks_are_merged_and_addresses_fixed():
    cell = nbformat.v4.new_code_cell("print(x)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="----"),
        nbformat.v4.new_output("stream", name="stdout", text="\n<obj at 0x7fab12345678>\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Hook at 0x7f99aabbccdd>"}, execution_count=1),
    ]
    error = nbformat.v4.new_output("error", ename="ValueError", evalue="bad",
                                   traceback=["frame in /home/someone/prune_helpers/x.py:12", "ValueError: bad"])
    cell.outputs.append(error)
    notebook = build.normalize_outputs(nbformat.v4.new_notebook(cells=[cell]))
    outputs = notebook.cells[0].outputs
    assert outputs.pop().traceback == ["ValueError: bad"]
    assert len(outputs) == 2
    assert outputs[0].text == f"----\n<obj at {build.FIXED_ADDRESS}>\n"
    assert outputs[1].data["text/plain"] == f"<Hook at {build.FIXED_ADDRESS}>"


def test_widget_ids_are_renumbered_the_same_way_whatever_the_random_ids():
    def notebook_with(root, child):
        cell = nbformat.v4.new_code_cell("w")
        cell.id = "widget-cell"
        cell.outputs = [nbformat.v4.new_output(
            "display_data", data={build.WIDGET_VIEW: {"model_id": root, "version_major": 2, "version_minor": 0}})]
        notebook = nbformat.v4.new_notebook(cells=[cell])
        notebook.metadata["widgets"] = {build.WIDGET_STATE: {"state": {
            root: {"state": {"children": [f"IPY_MODEL_{child}"]}},
            child: {"state": {"value": 1}},
        }, "version_major": 2, "version_minor": 0}}
        return notebook

    first = build.stable_widget_ids(notebook_with("a" * 32, "b" * 32))
    second = build.stable_widget_ids(notebook_with("c" * 32, "0" * 31 + "9"))
    assert nbformat.writes(first) == nbformat.writes(second)
    assert first.cells[0].outputs[0].data[build.WIDGET_VIEW]["model_id"] == f"{1:032x}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_each_notebook_names_its_language_in_its_first_code_cell(lesson):
    """The language travels with the notebook: it is written in the code, not read from the folder."""
    for language in build.LANGUAGES:
        first = next(c for c in notebook(lesson, language).cells if c.cell_type == "code")
        assert f'ph.start_lesson("{language}")' in first.source


def test_localize_code_changes_only_the_start_lesson_call():
    assert build.localize_code("a = 1\nph.start_lesson()\n", "ko") == 'a = 1\nph.start_lesson("ko")\n'
    assert build.localize_code("ph.start_lesson(seed=2)", "en") == 'ph.start_lesson("en", seed=2)'
    assert build.localize_code("print(ph.start_lesson)", "ko") == "print(ph.start_lesson)"


def test_a_missing_package_stops_the_first_cell_with_what_to_run():
    """Opened in Colab or a plain Jupyter without the course installed: a message, never a bare ModuleNotFoundError."""
    import subprocess

    for language, words in (("ko", "README의 1번 명령"), ("en", "README's command 1")):
        code = "import sys\nsys.modules['prune_helpers'] = None\n" + build.missing_package_guard(language)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert done.returncode == 1
        assert words in done.stderr and "prune_helpers" in done.stderr
        assert "Traceback" not in done.stderr
    first = next(c for c in notebook(LESSONS[0], "ko").cells if c.cell_type == "code")
    assert first.source.startswith(build.missing_package_guard("ko"))


def test_the_start_page_lists_every_lesson_and_is_current():
    """JupyterLab opens on notebooks/START.ipynb (README command 1): the lesson list, generated from the titles."""
    page = nbformat.read(ROOT / "notebooks" / build.START_PAGE, as_version=4)
    assert page.cells == build.start_page(LESSONS).cells
    for lesson in LESSONS:
        for language in build.LANGUAGES:
            assert f"({language}/{lesson.stem}.ipynb)" in page.cells[0].source
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("jupyter lab --allow-root notebooks/START.ipynb") == 2


def test_learners_first_view_holds_no_build_machinery():
    names = {p.name for p in (ROOT / "notebooks").iterdir()}
    assert names <= {"ko", "en", "glossary.md", build.START_PAGE, ".ipynb_checkpoints"}, names
