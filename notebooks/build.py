"""Generate notebooks/ko and notebooks/en from the one source per lesson in notebooks/src.

    python notebooks/build.py              # regenerate and execute every lesson
    python notebooks/build.py 02 03        # only lessons whose number starts so
    python notebooks/build.py --check      # fail if committed notebooks drifted from sources

A source is a jupytext percent file. Markdown cells carry `lang="ko"` or
`lang="en"` and come in pairs; code cells carry no language, so the two
notebooks get the very same code cells. `[[term]]` in markdown is expanded
from glossary.md: in Korean the first use reads 한글(English), later uses
Korean only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
GLOSSARY = HERE / "glossary.md"
LANGUAGES = ("ko", "en")
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
TERM = re.compile(r"\[\[([A-Za-z0-9_\- ]+)\]\]")
MODEL_ID = re.compile(r"[0-9a-f]{32}")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
FIXED_ADDRESS = "0x7f0000000000"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
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

    def notebook_path(self, language: str) -> Path:
        return HERE / language / f"{self.stem}.ipynb"


def lessons(prefixes: list[str] | None = None) -> list[Lesson]:
    found = [Lesson(p) for p in sorted(SOURCES.glob("[0-9][0-9]_*.py"))]
    if prefixes:
        found = [lesson for lesson in found if any(lesson.number.startswith(p) for p in prefixes)]
    return found


def read_glossary(path: Path = GLOSSARY) -> dict[str, tuple[str, str]]:
    """{key: (korean, english)} from the glossary's Markdown table."""
    terms = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and line.startswith("|") and cells[0].startswith("`"):
            terms[cells[0].strip("`")] = (cells[1], cells[2])
    return terms


def expand_terms(text: str, language: str, glossary: dict, seen: set[str]) -> str:
    """Replace [[key]] with the glossary term; Korean first use gets (English)."""

    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in glossary:
            raise SourceError(f"unknown glossary term [[{key}]]: add it to {GLOSSARY.name}")
        korean, english = glossary[key]
        if language == "en":
            return english
        first = key not in seen
        seen.add(key)
        return f"{korean}({english})" if first else korean

    return TERM.sub(replace, text)


def title_of(lesson: Lesson, language: str) -> str:
    for cell in jupytext.read(lesson.source).cells:
        if cell.cell_type == "markdown" and cell.metadata.get("lang") == language:
            return cell.source.splitlines()[0].lstrip("# ").strip()
    raise SourceError(f"{lesson.source.name}: no {language} markdown cell")


def navigation(lesson: Lesson, language: str, everything: list[Lesson]) -> str:
    text = NAV_TEXT[language]
    other = "en" if language == "ko" else "ko"
    index = [x.stem for x in everything].index(lesson.stem)
    parts = []
    if index > 0:
        before = everything[index - 1]
        parts.append(f"[← {text['prev']}: {title_of(before, language)}]({before.stem}.ipynb)")
    parts.append(f"[{text['home']}](../../README.md)")
    if index + 1 < len(everything):
        after = everything[index + 1]
        parts.append(f"[{text['next']}: {title_of(after, language)} →]({after.stem}.ipynb)")
    parts.append(f"[{text['other']}](../{other}/{lesson.stem}.ipynb)")
    return " | ".join(parts)


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
    source_cells = jupytext.read(lesson.source).cells
    check_pairs(lesson, source_cells)
    glossary, seen = read_glossary(), set()
    nav = navigation(lesson, language, everything)
    cells = [nbformat.v4.new_markdown_cell(nav)]
    for cell in source_cells:
        if cell.cell_type == "markdown":
            if cell.metadata.get("lang") == language:
                cells.append(nbformat.v4.new_markdown_cell(expand_terms(cell.source, language, glossary, seen)))
        else:
            tags = list(cell.metadata.get("tags", []))
            cells.append(nbformat.v4.new_code_cell(cell.source, metadata={"tags": tags} if tags else {}))
    cells.append(nbformat.v4.new_markdown_cell(nav))
    for number, cell in enumerate(cells):
        cell.id = f"{lesson.number}-{number:03d}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def execute(notebook: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    (HERE / language).mkdir(exist_ok=True)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(HERE / language)}},
    )
    client.execute()
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


def comparable(notebook: nbformat.NotebookNode) -> list[tuple]:
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in notebook.cells]


def drift(lesson: Lesson, language: str, everything: list[Lesson]) -> str | None:
    """Why the committed notebook differs from what its source generates, or None."""
    path = lesson.notebook_path(language)
    if not path.exists():
        return f"{path.relative_to(HERE.parent)} is missing"
    committed = comparable(nbformat.read(path, as_version=4))
    expected = comparable(generate(lesson, language, everything))
    if committed == expected:
        return None
    for index, (got, want) in enumerate(zip(committed, expected)):
        if got != want:
            return f"{path.relative_to(HERE.parent)}: cell {index} differs from its source"
    return f"{path.relative_to(HERE.parent)}: {len(committed)} cells, source makes {len(expected)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*", help="lesson numbers (prefixes) to build; default all")
    parser.add_argument("--check", action="store_true", help="only check that notebooks match their sources")
    parser.add_argument("--no-execute", action="store_true", help="write notebooks without running them")
    args = parser.parse_args(argv)
    everything = lessons()
    chosen = lessons(args.lessons)
    if args.check:
        problems = [p for lesson in chosen for lang in LANGUAGES if (p := drift(lesson, lang, everything))]
        print("\n".join(problems) or f"{len(chosen) * 2} notebooks match their sources")
        return 1 if problems else 0
    for lesson in chosen:
        for language in LANGUAGES:
            notebook = generate(lesson, language, everything)
            started = time.perf_counter()
            if not args.no_execute:
                notebook = stable_widget_ids(normalize_outputs(execute(notebook, language)))
            path = lesson.notebook_path(language)
            nbformat.write(notebook, path)
            print(f"{path.relative_to(HERE.parent)}  {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
