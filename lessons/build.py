"""Generate notebooks/ko and notebooks/en from the one source per lesson in lessons.

    python lessons/build.py              # regenerate and execute every lesson
    python lessons/build.py 02 03        # execute only these; refresh the others' text and navigation
    python lessons/build.py --refresh    # execute nothing: text, navigation, lists (code must be unchanged)
    python lessons/build.py --check      # fail if anything generated drifted from the sources

A lesson is two hand-written files with one name: its source `lessons/NN_name.py`
and its pack `prune_helpers/packs/NN_name.py` (exercises, labels). Everything
that depends on the list of lessons is generated here from the sources: each
notebook's navigation, the start page, the README's lesson table and the
helper map in CONTRIBUTING.md. In markdown, `[[lesson:name]]` becomes a link
"06 수업" / "lesson 06" (`[[Lesson:name]]` capitalised, `[[title:name]]` the
lesson's title), and `[[exercise:k]]`, in markdown or code, becomes the id
"NN-k" of this lesson's k-th exercise, so renumbering a lesson is renaming
its two files.

A source is a jupytext percent file. Markdown cells carry `lang="ko"` or
`lang="en"` and come in pairs; code cells carry no language, so the two
notebooks get the very same code cells. `[[term]]` in markdown is expanded
from glossary.md: in Korean the first use reads 한글(English), later uses
Korean only, and the particle after it agrees with the Korean word.

The one place where the two languages' code differs is written here: in
the first code cell, `localize_code` turns `ph.start_lesson()` into
`ph.start_lesson("ko")` or `ph.start_lesson("en")`, so a notebook keeps its
language wherever it is opened (another folder, Colab, VS Code), and
`missing_package_guard` adds the lines that say, in that language, what to
run when the course's packages are missing.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import jupytext
import nbformat

HERE = Path(__file__).resolve().parent


def _load_particles():
    """prune_helpers/particles.py, the catalog's particle rules, without importing torch."""
    spec = importlib.util.spec_from_file_location("prune_particles", HERE.parent / "prune_helpers" / "particles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


particles = _load_particles()

SOURCES = HERE
NOTEBOOKS = HERE.parent / "notebooks"
GLOSSARY = NOTEBOOKS / "glossary.md"
START_PAGE = "START.ipynb"
LANGUAGES = ("ko", "en")
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
TERM = re.compile(r"\[\[([A-Za-z0-9_\- ]+)\]\]")
MODEL_ID = re.compile(r"[0-9a-f]{32}")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
FIXED_ADDRESS = "0x7f0000000000"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
README = HERE.parent / "README.md"
CONTRIBUTING = HERE.parent / "CONTRIBUTING.md"
PACKS = HERE.parent / "prune_helpers" / "packs"
HELPERS = HERE.parent / "prune_helpers"
REFERENCE = re.compile(r"\[\[(lesson|Lesson|title|exercise):([a-z0-9_]+)\]\]")
LESSON_WORDS = {"ko": "{number} 수업", "en": "lesson {number}"}
TITLE_NUMBER = re.compile(r"^\d\d\.\s*")
NAV_TEXT = {
    "ko": {"home": "목차", "other": "English", "prev": "이전", "next": "다음"},
    "en": {"home": "Contents", "other": "Korean", "prev": "Previous", "next": "Next"},
}


class SourceError(ValueError):
    """A lesson source breaks a rule of the bilingual format."""


@dataclass(frozen=True)
class Lesson:
    source: Path

    @property
    def stem(self) -> str:
        return self.source.stem

    @property
    def number(self) -> str:
        return self.stem.split("_", 1)[0]

    @property
    def slug(self) -> str:
        """The name other lessons use to refer to this one: it survives renumbering."""
        return self.stem.split("_", 1)[1]

    @property
    def pack(self) -> Path:
        return PACKS / f"{self.stem}.py"

    def notebook_path(self, language: str) -> Path:
        return NOTEBOOKS / language / f"{self.stem}.ipynb"


def lessons(prefixes: list[str] | None = None) -> list[Lesson]:
    found = [Lesson(p) for p in sorted(SOURCES.glob("[0-9][0-9]_*.py"))]
    if prefixes:
        found = [lesson for lesson in found if any(lesson.number.startswith(p) for p in prefixes)]
    return found


class Term(NamedTuple):
    korean: str
    english: str
    gloss: str  # what the Korean first use puts in parentheses: the English, plus any other Korean name


def read_glossary(path: Path = GLOSSARY) -> dict[str, Term]:
    """{key: Term(korean, english, gloss)} from the glossary's Markdown table.

    Columns: key | 한국어 | English | 뜻 | meaning | 다른 이름 (optional: another
    Korean name learners meet elsewhere, added to the first-use gloss).
    """
    terms = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and line.startswith("|") and cells[0].startswith("`"):
            also = cells[5] if len(cells) > 5 else ""
            gloss = f"{cells[2]}, {also}" if also else cells[2]
            terms[cells[0].strip("`")] = Term(cells[1], cells[2], gloss)
    return terms


def expand_terms(text: str, language: str, glossary: dict, seen: set[str]) -> str:
    """Replace [[key]] with the glossary term; Korean first use gets (English).

    In Korean, the particle written right after `[[key]]` is made to agree with
    the Korean word, whatever form the source used: `[[bias]]은(는)`,
    `[[bias]]는` and `[[bias]]은` all give 편향(bias)은 at first use and 편향은
    later; `[[filter]](으)로` gives 필터로. The gloss in parentheses does not
    count: the particle follows the Korean word, as read aloud.
    """
    out, position = [], 0
    for match in TERM.finditer(text):
        out.append(text[position:match.start()])
        position = match.end()
        key = match.group(1)
        if key not in glossary:
            raise SourceError(f"unknown glossary term [[{key}]]: add it to {GLOSSARY.name}")
        korean, english, *rest = glossary[key]
        if language == "en":
            out.append(english)
            continue
        first = key not in seen
        seen.add(key)
        out.append(f"{korean}({rest[0] if rest else english})" if first else korean)
        position = agree_particle(text, position, korean, out)
    out.append(text[position:])
    return "".join(out)


def agree_particle(text: str, position: int, word: str, out: list[str]) -> int:
    """Append the particle written at `text[position:]` in the form that agrees with `word`; return the new position."""
    particle, _ = particles.split_particle(text[position:])
    if particle:
        out.append(particles.attach(particles.final_sound(word), particle))
        position += len(particle)
    return position


def source_cells(lesson: Lesson) -> list:
    """The source's cells. Titles, navigation and every generated list read them, so each file is parsed once."""
    stamp = lesson.source.stat().st_mtime_ns
    return _parsed(lesson.source, stamp)


@functools.lru_cache(maxsize=None)
def _parsed(path: Path, stamp: int) -> list:
    return jupytext.read(path).cells


def pack_exercise_numbers(lesson: Lesson) -> list[int]:
    """The exercise numbers in the lesson's pack, read without importing it (the build needs no torch)."""
    import ast

    if not lesson.pack.exists():
        raise SourceError(f"{lesson.source.name} has no pack: copy lessons/templates/pack.py to "
                          f"prune_helpers/packs/{lesson.stem}.py (see CONTRIBUTING.md)")
    for node in ast.parse(lesson.pack.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if getattr(target, "id", None) == "EXERCISES" and isinstance(node.value, ast.Dict):
            return [key.value for key in node.value.keys]
    raise SourceError(f"{lesson.pack.name}: no EXERCISES = {{...}} table")


def expand_references(text: str, lesson: Lesson, language: str, everything: list[Lesson], markdown: bool = True) -> str:
    """Replace [[lesson:name]], [[Lesson:name]], [[title:name]] (markdown) and [[exercise:k]] (anywhere).

    A Korean particle right after a lesson reference is made to agree with
    "NN 수업", as for glossary terms.
    """
    by_slug = {x.slug: x for x in everything}
    out, position, exercises = [], 0, None
    for match in REFERENCE.finditer(text):
        out.append(text[position:match.start()])
        position = match.end()
        kind, label = match.groups()
        if kind == "exercise":
            exercises = pack_exercise_numbers(lesson) if exercises is None else exercises
            if not label.isdigit() or int(label) not in exercises:
                raise SourceError(f"{lesson.source.name}: [[exercise:{label}]] is not in {lesson.pack.name}")
            out.append(f"{lesson.number}-{label}")
            continue
        if not markdown:
            raise SourceError(f"{lesson.source.name}: [[{kind}:{label}]] belongs in markdown, not in code")
        if label not in by_slug:
            raise SourceError(f"{lesson.source.name}: no lesson named {label!r}; names: {', '.join(by_slug)}")
        target = by_slug[label]
        if kind == "title":
            words = title_of(target, language)
        else:
            words = LESSON_WORDS[language].format(number=target.number)
            words = words[0].upper() + words[1:] if kind == "Lesson" else words
        out.append(f"[{words}]({target.stem}.ipynb)")
        if language == "ko":
            position = agree_particle(text, position, words, out)
    out.append(text[position:])
    return "".join(out)


def title_of(lesson: Lesson, language: str) -> str:
    """"05. 반복 프루닝": the number comes from the file name, the words from the source's first heading."""
    for cell in source_cells(lesson):
        if cell.cell_type == "markdown" and cell.metadata.get("lang") == language:
            heading = cell.source.splitlines()[0]
            if not heading.startswith("# ") or TITLE_NUMBER.match(heading[2:]):
                raise SourceError(f"{lesson.source.name}: start with '# Title' (the build adds the number)")
            return f"{lesson.number}. {heading[2:].strip()}"
    raise SourceError(f"{lesson.source.name}: no {language} markdown cell")


def numbered_heading(text: str, lesson: Lesson, language: str) -> str:
    """The title cell with the lesson's number written in front of its heading."""
    first, _, rest = text.partition("\n")
    return f"# {title_of(lesson, language)}" + (f"\n{rest}" if _ else "")


def navigation(lesson: Lesson, language: str, everything: list[Lesson]) -> str:
    text = NAV_TEXT[language]
    other = "en" if language == "ko" else "ko"
    index = [x.stem for x in everything].index(lesson.stem)
    parts = []
    if index > 0:
        before = everything[index - 1]
        parts.append(f"[← {text['prev']}: {title_of(before, language)}]({before.stem}.ipynb)")
    parts.append(f"[{text['home']}](../{START_PAGE})")
    if index + 1 < len(everything):
        after = everything[index + 1]
        parts.append(f"[{text['next']}: {title_of(after, language)} →]({after.stem}.ipynb)")
    parts.append(f"[{text['other']}](../{other}/{lesson.stem}.ipynb)")
    return " | ".join(parts)


START_PAGE_TEXT = {
    "ko": ("# 프루닝 입문 강좌: 여기서 시작하세요\n\n"
           "PyTorch의 `torch.nn.utils.prune`으로 신경망 프루닝을 배우는 강좌입니다. 수업은 차례대로 보세요. 수업 이름을 누르면 "
           "노트북이 열립니다. 셀은 `Shift+Enter`로 하나씩, 또는 *실행 → 모든 셀 실행*으로 한꺼번에 실행합니다. 용어는 "
           "[용어집](glossary.md)에 있습니다.\n\n| 한국어 | English |\n|---|---|\n"),
    "en": ("# A first course in pruning: start here\n\n"
           "A course on neural-network pruning with PyTorch's `torch.nn.utils.prune`. Take the lessons in order; click a "
           "title to open its notebook. Run cells one by one with `Shift+Enter`, or all at once with *Run → Run All "
           "Cells*. Terms are explained in the [glossary](glossary.md).\n\n| 한국어 | English |\n|---|---|\n"),
}


def start_page(everything: list[Lesson]) -> nbformat.NotebookNode:
    """The page JupyterLab opens first: the lesson list in both languages, built from the lesson titles."""
    cells = []
    for language in LANGUAGES:
        rows = "".join(
            f"| [{title_of(lesson, 'ko')}](ko/{lesson.stem}.ipynb) "
            f"| [{title_of(lesson, 'en')}](en/{lesson.stem}.ipynb) |\n"
            for lesson in everything
        )
        cells.append(nbformat.v4.new_markdown_cell(START_PAGE_TEXT[language] + rows))
    for number, cell in enumerate(cells):
        cell.id = f"start-{number}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def between_markers(text: str, name: str, body: str, where: Path) -> str:
    """`text` with the part between `<!-- name:begin ... -->` and `<!-- name:end -->` replaced by `body`."""
    match = re.search(rf"(<!-- {name}:begin[^>]*-->\n)(.*?)(<!-- {name}:end -->)", text, flags=re.S)
    if not match:
        raise SourceError(f"{where.name} lacks the <!-- {name}:begin --> ... <!-- {name}:end --> markers")
    return text[:match.start(2)] + body + text[match.end(2):]


DEVICE_COUNT = re.compile(r"(<!-- device-dependent-count -->)\d+(<!-- /device-dependent-count -->)")


def device_dependent_cells(everything: list[Lesson]) -> int:
    """How many source code cells are tagged `device-dependent` (the README states the number)."""
    return sum("device-dependent" in cell.metadata.get("tags", []) for lesson in everything
               for cell in source_cells(lesson) if cell.cell_type == "code")


def lesson_table(everything: list[Lesson]) -> str:
    """The README's lesson list: number, Korean and English titles, each linking to its notebook."""
    rows = ["| # | 한국어 | English |", "|---|---|---|"]
    for lesson in everything:
        ko, en = (TITLE_NUMBER.sub("", title_of(lesson, language)) for language in LANGUAGES)
        rows.append(f"| {lesson.number} | [{ko}](notebooks/ko/{lesson.stem}.ipynb) "
                    f"| [{en}](notebooks/en/{lesson.stem}.ipynb) |")
    return "\n".join(rows) + "\n"


# Which group of the helper map each module of prune_helpers belongs to (CONTRIBUTING.md).
HELPER_GROUPS = {
    "course plumbing": ("lesson", "device", "messages", "exercises", "validate", "particles", "packs"),
    "teaching views": ("introspect", "explorer", "plots", "tables", "sparsity", "arithmetic"),
    "pruning tools": ("methods", "models", "training", "compact", "storage", "measure", "distributed", "transformer",
                      "tickets", "schedules"),
}


def public_helpers() -> dict[str, str]:
    """{name: module} for everything `prune_helpers/__init__.py` exports, read without importing torch."""
    import ast

    names = {}
    for node in ast.parse((HELPERS / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            names.update({alias.asname or alias.name: node.module for alias in node.names})
    return names


@functools.lru_cache(maxsize=None)
def _module_tree(module: str):
    import ast

    return ast.parse((HELPERS / f"{module}.py").read_text(encoding="utf-8"))


def first_line_of_docstring(module: str, name: str) -> str:
    import ast

    for node in _module_tree(module).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return (ast.get_docstring(node) or "").split("\n")[0].replace("|", "\\|")
    return ""


def helper_map(everything: list[Lesson]) -> str:
    """The map of prune_helpers: each public helper, its group and the lesson whose code first calls it."""
    first_use = {}
    for lesson in everything:
        code = "\n".join(c.source for c in source_cells(lesson) if c.cell_type == "code")
        for name in re.findall(r"\bph\.([A-Za-z_]\w*)", code):
            first_use.setdefault(name, lesson)
    helpers = public_helpers()
    grouped = {module: group for group, modules in HELPER_GROUPS.items() for module in modules}
    missing = sorted({m for m in helpers.values() if m not in grouped})
    if missing:
        raise SourceError(f"put the module(s) {missing} in a group of HELPER_GROUPS in lessons/build.py")
    lines = []
    for group in HELPER_GROUPS:
        lines += [f"**{group}**", "", "| helper | module | first used in | what it is for |", "|---|---|---|---|"]
        for name in sorted((n for n, m in helpers.items() if grouped[m] == group), key=str.lower):
            lesson = first_use.get(name)
            where = f"[{lesson.stem}](lessons/{lesson.stem}.py)" if lesson else "(no lesson: helpers and tests)"
            lines.append(f"| `ph.{name}` | `{helpers[name]}` | {where} | {first_line_of_docstring(helpers[name], name)} |")
        lines.append("")
    return "\n".join(lines)


def generated_pages(everything: list[Lesson]) -> dict[Path, str]:
    """Every file, or part of one, that the list of lessons decides, as it should read now."""
    readme = between_markers(README.read_text(encoding="utf-8"), "lessons", lesson_table(everything), README)
    pages = {
        README: DEVICE_COUNT.sub(rf"\g<1>{device_dependent_cells(everything)}\g<2>", readme),
        CONTRIBUTING: between_markers(CONTRIBUTING.read_text(encoding="utf-8"), "helper-map", helper_map(everything),
                                      CONTRIBUTING),
    }
    pages[NOTEBOOKS / START_PAGE] = nbformat.writes(start_page(everything)) + "\n"
    return pages


def refreshed(lesson: Lesson, language: str, everything: list[Lesson]) -> nbformat.NotebookNode:
    """The committed notebook with its text and navigation regenerated and its outputs kept.

    Only allowed while its code cells are the ones that produced the outputs:
    a changed code cell needs `build.py NN`, which executes the lesson.
    """
    path = lesson.notebook_path(language)
    committed = nbformat.read(path, as_version=4)
    fresh = generate(lesson, language, everything)
    old = [c for c in committed.cells if c.cell_type == "code"]
    if [(c.source, c.metadata.get("tags", [])) for c in old] != [
            (c.source, c.metadata.get("tags", [])) for c in fresh.cells if c.cell_type == "code"]:
        raise SourceError(f"{shown(path)}: its code changed; run build.py {lesson.number} to execute it")
    stored = iter(old)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            before = next(stored)
            cell.outputs, cell.execution_count, cell.metadata = before.outputs, before.execution_count, before.metadata
    fresh.metadata = committed.metadata
    return fresh


START_LESSON = re.compile(r"\bph\.start_lesson\((\)?)")


# What the first code cell says when the course's packages are missing (Colab, a plain Jupyter): the one
# place that names where the course is installed from. A bare ModuleNotFoundError tells a beginner nothing.
MISSING_PACKAGE = {
    "ko": ("이 강좌에 필요한 패키지가 없습니다({missing.name}). 강좌 폴더에서 README의 1번 명령"
           "(bash .ci/install)으로 설치하고, 그 명령이 여는 JupyterLab에서 이 노트북을 여세요. Colab처럼 다른 곳에서는 "
           "강좌 폴더를 올린 뒤 이 노트북에서 %pip install torch==2.13.0 <강좌 폴더>를 실행하고 주피터 커널을 다시 "
           "시작하세요."),
    "en": ("A package this course needs is missing: {missing.name}. In the course folder, install it with the README's "
           "command 1 (bash .ci/install) and open this notebook in the JupyterLab it starts. Elsewhere (Colab, say), "
           "upload the course folder, run %pip install torch==2.13.0 <course folder> in this notebook, then restart "
           "the kernel."),
}


def missing_package_guard(language: str) -> str:
    """Lines the build puts first in each lesson's first code cell, in the notebook's language."""
    import textwrap

    pieces = textwrap.wrap(MISSING_PACKAGE[language], width=80, drop_whitespace=False)
    lines = "".join(f"        f{piece!r}\n" for piece in pieces)
    return (
        "try:\n"
        "    import prune_helpers as ph\n"
        "except ModuleNotFoundError as missing:\n"
        "    raise SystemExit(\n"
        f"{lines}"
        "    ) from None\n"
    )


def localize_code(source: str, language: str) -> str:
    """Write the notebook's language into its `ph.start_lesson(...)` call; nothing else changes."""
    return START_LESSON.sub(
        lambda m: f'ph.start_lesson("{language}")' if m.group(1) else f'ph.start_lesson("{language}", ', source)


def shared_code(source: str, language: str) -> str:
    """Undo `localize_code` and the guard: what is left must be the same in both languages."""
    source = source.removeprefix(missing_package_guard(language))
    return source.replace(f'ph.start_lesson("{language}", ', "ph.start_lesson(").replace(
        f'ph.start_lesson("{language}")', "ph.start_lesson()")


def check_pairs(lesson: Lesson, cells: list) -> None:
    """Every markdown cell is tagged ko or en and sits next to its translation."""
    index = 0
    while index < len(cells):
        cell = cells[index]
        if cell.cell_type != "markdown":
            if "lang" in cell.metadata:
                raise SourceError(f"{lesson.source.name}: code cell {index} has a language; code is shared")
            index += 1
            continue
        pair = cells[index : index + 2]
        languages = [c.metadata.get("lang") for c in pair if c.cell_type == "markdown"]
        if sorted(languages) != sorted(LANGUAGES):
            raise SourceError(f"{lesson.source.name}: markdown cell {index} needs a ko/en pair, found {languages}")
        for c in pair:
            has_hangul = bool(HANGUL.search(TERM.sub("", c.source)))
            if (c.metadata["lang"] == "ko") != has_hangul:
                raise SourceError(f"{lesson.source.name}: cell {index} ({c.metadata['lang']}) is in the wrong language")
        index += 2


def generate(lesson: Lesson, language: str, everything: list[Lesson] | None = None) -> nbformat.NotebookNode:
    """The unexecuted notebook for one language, built only from the source."""
    everything = everything or lessons()
    cells_in_source = source_cells(lesson)
    check_pairs(lesson, cells_in_source)
    glossary, seen = read_glossary(), set()
    nav = navigation(lesson, language, everything)
    cells = [nbformat.v4.new_markdown_cell(nav)]
    for cell in cells_in_source:
        if cell.cell_type == "markdown":
            if cell.metadata.get("lang") == language:
                text = expand_references(cell.source, lesson, language, everything)
                if len(cells) == 1:
                    text = numbered_heading(text, lesson, language)
                cells.append(nbformat.v4.new_markdown_cell(expand_terms(text, language, glossary, seen)))
        else:
            tags = list(cell.metadata.get("tags", []))
            source = localize_code(expand_references(cell.source, lesson, language, everything, markdown=False), language)
            if "ph.start_lesson(" in source and not any(c.cell_type == "code" for c in cells):
                source = missing_package_guard(language) + source
            cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": tags} if tags else {}))
    cells.append(nbformat.v4.new_markdown_cell(nav))
    for number, cell in enumerate(cells):
        cell.id = f"{lesson.number}-{number:03d}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def execute(notebook: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    (NOTEBOOKS / language).mkdir(exist_ok=True)
    # The kernel imports this checkout's prune_helpers (and its packs), even where another one is installed.
    path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(HERE.parent)] + ([path] if path else []))
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS / language)}},
    )
    try:
        client.execute()
    finally:
        if path is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = path
    return notebook


def normalize_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make stored outputs independent of run-to-run noise.

    Consecutive stream chunks are merged (how print() output is chunked
    depends on timing), object addresses, which change on every run, are
    written as one fixed address (nbval masks them on both sides anyway), and
    an error keeps only its last traceback line: the frames above it hold
    this checkout's paths and line numbers.
    """
    for cell in notebook.cells:
        merged = []
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = output.traceback[-1:]
            if output.output_type == "stream":
                output.text = ADDRESS.sub(FIXED_ADDRESS, output.text)
                if merged and merged[-1].output_type == "stream" and merged[-1].name == output.name:
                    merged[-1].text += output.text
                    continue
            elif "text/plain" in output.get("data", {}):
                output.data["text/plain"] = ADDRESS.sub(FIXED_ADDRESS, output.data["text/plain"])
            merged.append(output)
        if cell.cell_type == "code":
            cell.outputs = merged
    return notebook


def stable_widget_ids(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Renumber widget model ids (random UUIDs) in a fixed order, so rebuilding changes nothing.

    Order: each displayed view in cell order, then the models it references,
    depth first; models nobody references come last, sorted by their content.
    """
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not state:
        return notebook
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in state and model_id not in order:
            order.append(model_id)
            for child in re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[model_id], sort_keys=True)):
                visit(child)

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                visit(output["data"][WIDGET_VIEW]["model_id"])
    content = {k: MODEL_ID.sub("", json.dumps(v, sort_keys=True)) for k, v in state.items()}
    order += sorted((k for k in state if k not in order), key=content.get)
    renamed = {old: f"{number:032x}" for number, old in enumerate(order, 1)}
    text = MODEL_ID.sub(lambda m: renamed.get(m.group(0), m.group(0)), nbformat.writes(notebook))
    return nbformat.reads(text, as_version=4)


WIDGET_REPR = re.compile(r"[A-Z]\w*\(")  # ipywidgets' text form: VBox(children=(HBox(...


def friendly_widget_text(notebook: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """Give every widget view a text form in the notebook's language instead of the widget's repr.

    JupyterLab draws a stored widget view only once its cell has run (an
    unrun notebook is untrusted), and GitHub never does: both show the
    output's text/plain. The helpers' own views already give a catalog
    sentence ("widget.fallback_*"); any other widget (a plain ipywidgets
    HBox in a lesson) gets the general "widget.fallback" sentence. The
    widget state in the metadata is kept, for viewers that can draw it.
    """
    from prune_helpers.messages import CATALOG  # only after execution: `--check` and the tests need no torch

    sentence = CATALOG["widget.fallback"][language]
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and WIDGET_REPR.match(data.get("text/plain", "")):
                data["text/plain"] = sentence
    return notebook


def comparable(notebook: nbformat.NotebookNode) -> list[tuple]:
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in notebook.cells]


def drift(lesson: Lesson, language: str, everything: list[Lesson]) -> str | None:
    """Why the committed notebook differs from what its source generates, or None."""
    path = lesson.notebook_path(language)
    if not path.exists():
        return f"{shown(path)} is missing"
    committed = comparable(nbformat.read(path, as_version=4))
    expected = comparable(generate(lesson, language, everything))
    if committed == expected:
        return None
    for index, (got, want) in enumerate(zip(committed, expected)):
        if got != want:
            return f"{shown(path)}: cell {index} differs from its source"
    return f"{shown(path)}: {len(committed)} cells, source makes {len(expected)}"


def shown(path: Path) -> str:
    """A path as the messages print it: relative to the course folder when it is inside it."""
    return str(path.relative_to(HERE.parent)) if path.is_relative_to(HERE.parent) else str(path)


def write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*", help="lesson numbers (prefixes) to execute; default all")
    parser.add_argument("--check", action="store_true", help="only check that everything generated matches the sources")
    parser.add_argument("--refresh", action="store_true",
                        help="execute nothing: regenerate text, navigation and lists, keep stored outputs")
    parser.add_argument("--start-page", action="store_true", help="same as --refresh (kept for old habits)")
    parser.add_argument("--no-execute", action="store_true", help="write the chosen notebooks without running them")
    args = parser.parse_args(argv)
    everything = lessons()
    if args.check:
        problems = [p for lesson in everything for lang in LANGUAGES if (p := drift(lesson, lang, everything))]
        for path, text in generated_pages(everything).items():
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                problems.append(f"{shown(path)} is stale: run build.py --refresh")
        print("\n".join(problems) or f"{len(everything) * 2} notebooks and the lesson lists match their sources")
        return 1 if problems else 0
    chosen = [] if args.refresh or args.start_page else lessons(args.lessons)
    stale = []
    for lesson in everything:
        for language in LANGUAGES:
            path = lesson.notebook_path(language)
            if lesson in chosen:
                notebook = generate(lesson, language, everything)
                started = time.perf_counter()
                if not args.no_execute:
                    notebook = stable_widget_ids(normalize_outputs(execute(notebook, language)))
                    notebook = friendly_widget_text(notebook, language)
                nbformat.write(notebook, path)
                print(f"{shown(path)}  {time.perf_counter() - started:.1f} s")
                continue
            if not path.exists():
                stale.append(f"{shown(path)} is missing: run build.py {lesson.number} to execute it")
                continue
            try:
                text = nbformat.writes(refreshed(lesson, language, everything)) + "\n"
            except SourceError as problem:
                stale.append(str(problem))
                continue
            if write_if_changed(path, text):
                print(f"{shown(path)}  refreshed (outputs kept)")
    for path, text in generated_pages(everything).items():
        if write_if_changed(path, text):
            print(f"{shown(path)}  written")
    print("\n".join(stale))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
