"""Adding a lesson touches two hand-written files: the contributor guide's steps, followed literally.

In a temporary copy of the course, the test runs the commands of CONTRIBUTING.md's "Add a lesson" block
(with NN_name made the next free number and a throwaway name), writing the lesson from the templates in
between, and then compares every file with the copy it started from.
"""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "CONTRIBUTING.md"
GENERATED_PARTS = {  # files the build may rewrite, and the marked parts it may change in them
    "README.md": ("lessons", "device-dependent-count"),
    "CONTRIBUTING.md": ("helper-map",),
}


def course_files(root: Path) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=root, capture_output=True,
                            text=True, check=True).stdout.split()
    return sorted(name for name in listed if (root / name).is_file())


def digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and ".venv" not in p.parts}


def guide_steps() -> list[str]:
    block = re.search(r"<!-- add-a-lesson:begin -->\n```bash\n(.*?)```\n<!-- add-a-lesson:end -->",
                      GUIDE.read_text(encoding="utf-8"), flags=re.S).group(1)
    return block.splitlines()


def outside_markers(text: str, names) -> str:
    for name in names:
        text = re.sub(rf"(<!-- {name}(?::begin)?[^>]*-->).*?(<!-- (?:/{name}|{name}:end) -->)", r"\1\2", text, flags=re.S)
    return text


def without_navigation(path: Path) -> list:
    cells = nbformat.read(path, as_version=4).cells
    return [nbformat.writes(nbformat.v4.new_notebook(cells=cells[1:-1]))]


def write_the_lesson(course: Path, stem: str) -> None:
    """Step 2 of the guide, done the way an author would: a real title in both languages."""
    source = course / "lessons" / f"{stem}.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("# # 수업 제목", "# # 버려질 수업").replace("# # Lesson title", "# # A throwaway lesson"),
                      encoding="utf-8")
    pack = course / "prune_helpers" / "packs" / f"{stem}.py"
    pack.write_text(pack.read_text(encoding="utf-8").replace("Lesson NN (lesson title)", "A throwaway lesson"),
                    encoding="utf-8")


def test_a_new_lesson_from_the_template_touches_two_hand_written_files(tmp_path):
    course = tmp_path / "course"
    for name in course_files(ROOT):
        target = course / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / name).read_bytes())
    numbers = sorted(int(p.name[:2]) for p in (course / "lessons").glob("[0-9][0-9]_*.py"))
    number = f"{numbers[-1] + 1:02d}"
    stem, previous = f"{number}_throwaway", sorted((course / "lessons").glob("[0-9][0-9]_*.py"))[-1].stem
    before = digests(course)

    environment = {**os.environ, "PYTHONPATH": str(course)}
    for line in guide_steps():
        if line.startswith("# 2."):
            write_the_lesson(course, stem)
        if not line.strip() or line.startswith("#"):
            continue
        command = line.replace("NN_name", stem).replace(" NN", f" {number}").replace(".venv/bin/python", sys.executable)
        done = subprocess.run(command, shell=True, cwd=course, env=environment, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"

    after = digests(course)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    written_by_the_build = {f"notebooks/{language}/{stem}.ipynb" for language in ("ko", "en")}
    written_by_the_build |= {f"notebooks/{language}/{previous}.ipynb" for language in ("ko", "en")}
    written_by_the_build |= {"notebooks/START.ipynb", *GENERATED_PARTS}
    hand_written = changed - written_by_the_build
    assert hand_written == {f"lessons/{stem}.py", f"prune_helpers/packs/{stem}.py"}

    original = {name: (ROOT / name) for name in GENERATED_PARTS}
    for name, marked in GENERATED_PARTS.items():
        assert outside_markers((course / name).read_text(encoding="utf-8"), marked) == outside_markers(
            original[name].read_text(encoding="utf-8"), marked), f"{name} changed outside its generated parts"
    readme = (course / "README.md").read_text(encoding="utf-8")
    assert f"notebooks/ko/{stem}.ipynb" in readme and "A throwaway lesson" in readme
    for language in ("ko", "en"):
        name = f"notebooks/{language}/{previous}.ipynb"
        assert without_navigation(course / name) == without_navigation(ROOT / name), f"{name}: more than navigation"
        assert f"{stem}.ipynb" in nbformat.read(course / name, as_version=4).cells[0].source
        new = nbformat.read(course / f"notebooks/{language}/{stem}.ipynb", as_version=4)
        outputs = "".join(o.get("text", "") for c in new.cells if c.cell_type == "code" for o in c.outputs)
        assert f"[{number}-1]" in outputs  # the exercise id came from the file name
