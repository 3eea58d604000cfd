"""Which torch build `.ci/install` puts into .venv, and whether .venv needs installing at all.

Run with the interpreter of .venv (standard library only):

    python .ci/choose_torch.py choice               # print cpu or cuda, and why
    python .ci/choose_torch.py install [--dry-run]  # install pyproject.toml's torch pin for that choice
    python .ci/choose_torch.py up-to-date [--test]  # exit 0 when the last install is still current
    python .ci/choose_torch.py stamp [--test]       # record a finished install

Environment:
    PRUNE_STARTER_TORCH=auto|cpu|cuda   auto (default): cuda when `nvidia-smi -L` lists a GPU, else cpu.
    PRUNE_STARTER_TORCH_INDEX=URL       the CPU-only index (default https://download.pytorch.org/whl/cpu).

cpu installs from PyTorch's CPU-only index (about 200 MB instead of about 4 GB of CUDA
packages). When that index does not answer within 5 s, torch comes from pip's default
index instead, and one line says so. cuda installs from pip's default index (on Linux,
PyPI's torch is the CUDA build). A torch of the pinned version already in .venv is kept,
unless PRUNE_STARTER_TORCH asks for the other build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PROBE_SECONDS = 5.0
STAMP_NAME = "prune-starter-install.json"
CHOICES = ("auto", "cpu", "cuda")


def say(message: str) -> None:
    print(f"prune-starter: {message}", flush=True)


def fail(message: str) -> None:
    """Stop with exit status 2 (1 means "not up to date")."""
    print(f"prune-starter: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def torch_pin(root: Path = ROOT) -> str:
    """The version pyproject.toml pins torch to."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"torch\s*==\s*([^\s;]+)", requirement.strip())
        if match:
            return match.group(1)
    fail("pyproject.toml pins no torch==VERSION")


def gpu_listed() -> bool:
    """True when `nvidia-smi -L` runs and lists at least one GPU."""
    if shutil.which("nvidia-smi") is None:
        return False
    try:
        result = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and any(line.startswith("GPU ") for line in result.stdout.splitlines())


def requested(env=os.environ) -> str:
    value = env.get("PRUNE_STARTER_TORCH", "").strip().lower() or "auto"
    if value not in CHOICES:
        fail(f"PRUNE_STARTER_TORCH={value!r}: use one of {', '.join(CHOICES)}")
    return value


def choose(env=os.environ) -> tuple[str, str]:
    """(cpu or cuda, why)."""
    value = requested(env)
    if value != "auto":
        return value, f"PRUNE_STARTER_TORCH={value}"
    if gpu_listed():
        return "cuda", "`nvidia-smi -L` lists an NVIDIA GPU"
    return "cpu", "no NVIDIA GPU (`nvidia-smi -L` lists none)"


def installed_torch() -> tuple[str, str] | None:
    """(version, cpu or cuda) of the torch in this interpreter's environment, without importing it."""
    try:
        dist = metadata.distribution("torch")
    except metadata.PackageNotFoundError:
        return None
    version = dist.version
    local = version.partition("+")[2]
    if local:
        kind = "cpu" if local == "cpu" else "cuda"
    else:  # PyPI's Linux build has no local label but needs the nvidia-* packages
        kind = "cuda" if any(r.startswith("nvidia-") for r in dist.requires or []) else "cpu"
    return version, kind


def index_reachable(url: str, timeout: float = PROBE_SECONDS) -> tuple[bool, str]:
    """Whether `url`/torch/ answers within `timeout` seconds (DNS included), and if not, why."""
    outcome: list[tuple[bool, str]] = []

    def probe() -> None:
        try:
            with urllib.request.urlopen(url.rstrip("/") + "/torch/", timeout=timeout) as response:
                response.read(1)
            outcome.append((True, "ok"))
        except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
            reason = getattr(error, "reason", None) or error
            outcome.append((False, str(reason).strip() or type(error).__name__))

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout)
    return outcome[0] if outcome else (False, f"no answer within {timeout:g} s")


class Plan(NamedTuple):
    uninstall: bool  # remove the torch in .venv first (another version, or the other build asked for)
    pip_args: list[str]  # after `pip install`


def plan(version: str, choice: str, why: str, explicit: bool, installed, env=os.environ,
         reachable=index_reachable) -> tuple[Plan | None, str]:
    """(what to install, or None for nothing; the one line to print)."""
    if installed and installed[0].partition("+")[0] == version and (not explicit or installed[1] == choice):
        return None, f"torch {installed[0]} is already in .venv: nothing to install for torch"
    requirement = f"torch=={version}"
    uninstall = installed is not None
    if choice == "cuda":
        return Plan(uninstall, [requirement]), (
            f"{why}: installing the CUDA build of {requirement} from pip's default index (about 4 GB)")
    index = env.get("PRUNE_STARTER_TORCH_INDEX", "").strip() or CPU_INDEX
    ok, reason = reachable(index)
    if ok:
        return Plan(uninstall, [requirement, "--extra-index-url", index]), (
            f"{why}: installing the CPU build of {requirement} from {index} (about 200 MB)")
    return Plan(uninstall, [requirement]), (
        f"CPU-only index {index} unreachable ({reason}): installing {requirement} from pip's default "
        "index instead (on Linux, PyPI's torch is the CUDA build, about 4 GB)")


def install(dry_run: bool) -> int:
    choice, why = choose()
    todo, message = plan(torch_pin(), choice, why, requested() != "auto", installed_torch())
    say(message)
    if todo is None:
        return 0
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    commands = [pip + ["uninstall", "--quiet", "--yes", "torch"]] if todo.uninstall else []
    commands.append(pip + ["install", "--quiet", *todo.pip_args])
    for command in commands:
        if dry_run:
            print(" ".join(command[1:]))
        else:
            subprocess.run(command, check=True)
    return 0


def stamp_path() -> Path:
    return Path(sys.prefix) / STAMP_NAME


def current_stamp(test: bool, root: Path = ROOT) -> dict:
    return {
        "pyproject.toml": hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest(),
        "torch": choose()[0],
        "test": test,
        "python": sys.version.split()[0],
    }


def up_to_date(test: bool, root: Path = ROOT, path: Path | None = None) -> bool:
    """True when .venv was installed from this pyproject.toml, for this torch choice, with these extras."""
    try:
        recorded = json.loads((path or stamp_path()).read_text(encoding="utf-8"))
        metadata.distribution("prune-starter")
        present = installed_torch()
    except (OSError, ValueError, metadata.PackageNotFoundError):
        return False
    wanted = current_stamp(test, root)
    return (
        present is not None
        and present[0].partition("+")[0] == torch_pin(root)
        and all(recorded.get(key) == wanted[key] for key in ("pyproject.toml", "torch", "python"))
        and (recorded.get("test") is True or not test)
    )


def main(argv: list[str]) -> int:
    command, options = (argv[0] if argv else "choice"), set(argv[1:])
    if command == "choice":
        choice, why = choose()
        print(f"{choice}: {why}")
        return 0
    if command == "install":
        return install("--dry-run" in options)
    if command == "up-to-date":
        if up_to_date("--test" in options):
            say(".venv is up to date (pyproject.toml and the torch choice unchanged): nothing to install")
            return 0
        stamp_path().unlink(missing_ok=True)
        return 1
    if command == "stamp":
        stamp_path().write_text(json.dumps(current_stamp("--test" in options), indent=1) + "\n", encoding="utf-8")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
