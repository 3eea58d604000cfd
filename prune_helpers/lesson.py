"""The first code cell of every lesson: language, seed, threads, fonts, versions.

The language is written into the first code cell by the build
(`ph.start_lesson("ko")`), so a notebook keeps its language wherever it is
opened: another folder, a renamed file, Colab, VS Code. Without it, the
notebook's folder name (`ko`/`en`) and then `PRUNE_HELPERS_LANG` decide.
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import torch

from .messages import LANGUAGES, PruneHelperError, get_language, set_language, t
from .plots import use_korean_font
from .tables import Table

DISTRIBUTION = "prune-starter"


def language_from_folder(folder: Path | None = None) -> str | None:
    name = (folder or Path.cwd()).name
    return name if name in LANGUAGES else None


def start_lesson(language: str | None = None, seed: int = 0, threads: int = 1) -> None:
    """Set the language, seed torch, fix the thread count and enable Korean fonts.

    One thread makes every printed number the same on every machine (results
    of some float operations depend on how work is split across threads).
    """
    from .validate import check_whole, check_whole_seed

    seed, threads = check_whole_seed(seed), check_whole(threads, "threads", 1, 1)
    if language is not None and not isinstance(language, str):
        raise PruneHelperError("language.unknown", value=language)
    chosen = language or language_from_folder() or os.environ.get("PRUNE_HELPERS_LANG") or get_language()
    set_language(chosen)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    use_korean_font()
    short_tracebacks()
    print(t("lesson.started", language=t("language.name"), seed=seed, threads=threads))
    differing = versions_differing()
    if differing:
        print(t("lesson.versions_differ", packages=", ".join(differing)))


def short_tracebacks() -> None:
    """In Jupyter, show an error as its last line, as the stored notebooks do.

    A cell that fails on purpose inside `torch.nn.utils.prune` otherwise
    prints some 40 lines of PyTorch's own source before the one line that
    matters. `%xmode Context` brings the full traceback back.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "InteractiveTB"):
        shell.InteractiveTB.set_mode(mode="Minimal")


def versions_differing() -> list[str]:
    """Pinned packages installed at another version (Colab's own torch, say): printed numbers may differ then."""
    try:
        pins = pinned_requirements()
    except metadata.PackageNotFoundError:
        return []
    return [f"{package} {installed_version(package)}" for package, pinned in sorted(pins.items())
            if installed_version(package) not in (pinned, None)]


def pinned_requirements() -> dict[str, str]:
    """{package: version} pinned with == in this project's own metadata (extras excluded)."""
    pins = {}
    for requirement in metadata.requires(DISTRIBUTION) or []:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^;\s]+)", requirement.strip())
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package).split("+")[0]
    except metadata.PackageNotFoundError:
        return None


def check_versions() -> Table:
    """Pinned vs installed versions; a mismatch means stored outputs may differ."""
    columns = [t(f"versions.{c}") for c in ("package", "pinned", "installed", "status")]
    rows = []
    for package, pinned in sorted(pinned_requirements().items(), key=lambda kv: kv[0].lower()):
        installed = installed_version(package)
        if installed is None:
            status = t("versions.missing")
        else:
            status = t("versions.ok") if installed == pinned else t("versions.mismatch")
        rows.append([package, pinned, installed or "-", status])
    return Table(columns, rows)
