"""The install: which torch build it picks, that it installs nothing twice, and the browser test's packages.

Nothing here downloads anything: GPUs are faked with an `nvidia-smi` script on
PATH, package indexes are local servers or closed ports, and pip commands are
printed (`--dry-run`), not run.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHOOSE = ROOT / ".ci" / "choose_torch.py"
HINT = "sudo apt-get install chromium fonts-nanum"

spec = importlib.util.spec_from_file_location("choose_torch", CHOOSE)
choose_torch = importlib.util.module_from_spec(spec)
spec.loader.exec_module(choose_torch)
TORCH = choose_torch.torch_pin()


def clean_env(bin_dir: Path | None = None, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CI" and not k.startswith("PRUNE_STARTER_")}
    env["PATH"] = (f"{bin_dir}:" if bin_dir else "") + "/usr/bin:/bin"
    env.update(extra)
    return env


def fake_command(bin_dir: Path, name: str, script: str) -> None:
    bin_dir.mkdir(exist_ok=True)
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


GPU = 'echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-00000000-0000-0000-0000-000000000000)"'
BROKEN_DRIVER = 'echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver." ; exit 9'


def run_choose(python: str | Path, *args: str, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), str(CHOOSE), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory) -> Path:
    """An interpreter with no torch installed (a venv without pip: created in a blink)."""
    where = tmp_path_factory.mktemp("bare") / "venv"
    venv.create(where, with_pip=False)
    return where / "bin" / "python"


@pytest.mark.parametrize("nvidia_smi, override, expected", [
    (None, "", "cpu"),
    (GPU, "", "cuda"),
    (BROKEN_DRIVER, "", "cpu"),
    ("exit 0", "", "cpu"),  # runs, lists nothing
    (GPU, "cpu", "cpu"),
    (None, "cuda", "cuda"),
    (GPU, "AUTO", "cuda"),
])
def test_the_torch_choice_follows_nvidia_smi_and_the_override(tmp_path, nvidia_smi, override, expected):
    bin_dir = tmp_path / "bin"
    if nvidia_smi:
        fake_command(bin_dir, "nvidia-smi", nvidia_smi)
    env = clean_env(bin_dir, PRUNE_STARTER_TORCH=override)
    result = run_choose(sys.executable, "choice", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(":")[0] == expected, result.stdout


def test_an_unknown_override_is_refused_with_the_choices(tmp_path):
    result = run_choose(sys.executable, "choice", env=clean_env(PRUNE_STARTER_TORCH="gpu"))
    assert result.returncode == 2
    assert "auto, cpu, cuda" in result.stderr


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class TorchIndex:
    """A local stand-in for https://download.pytorch.org/whl/cpu: answers /whl/cpu/torch/ with a page."""

    def __init__(self, directory: Path):
        page = directory / "whl" / "cpu" / "torch"
        page.mkdir(parents=True)
        (page / "index.html").write_text('<a href="torch-0-py3-none-any.whl">torch</a>')
        handler = lambda *a: QuietHandler(*a, directory=str(directory))  # noqa: E731
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/whl/cpu"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def pip_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("-m pip")]


def messages(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("prune-starter:")]


def test_no_gpu_installs_the_cpu_build_from_the_cpu_index(tmp_path, bare_python):
    index = TorchIndex(tmp_path / "index")
    try:
        result = run_choose(bare_python, "install", "--dry-run",
                            env=clean_env(PRUNE_STARTER_TORCH_INDEX=index.url))
    finally:
        index.close()
    assert result.returncode == 0, result.stderr
    assert len(messages(result.stdout)) == 1 and "CPU build" in result.stdout
    assert pip_lines(result.stdout) == [
        f"-m pip --disable-pip-version-check install --quiet torch=={TORCH} --extra-index-url {index.url}"]


def test_an_unreachable_cpu_index_falls_back_to_the_default_index_in_one_line(tmp_path, bare_python):
    started = time.monotonic()
    result = run_choose(bare_python, "install", "--dry-run",
                        env=clean_env(PRUNE_STARTER_TORCH_INDEX="http://127.0.0.1:9/whl/cpu"))
    assert time.monotonic() - started < 10
    assert result.returncode == 0, result.stderr
    [message] = messages(result.stdout)
    assert "http://127.0.0.1:9/whl/cpu unreachable" in message and "default index instead" in message
    assert pip_lines(result.stdout) == [f"-m pip --disable-pip-version-check install --quiet torch=={TORCH}"]


def test_an_index_that_never_answers_is_given_up_after_the_timeout():
    with socket.socket() as silent:  # accepts connections (backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        ok, reason = choose_torch.index_reachable(f"http://127.0.0.1:{silent.getsockname()[1]}/cpu", timeout=1)
    assert not ok and time.monotonic() - started < 3, reason


def test_a_gpu_installs_the_cuda_build_from_the_default_index(tmp_path, bare_python):
    fake_command(tmp_path / "bin", "nvidia-smi", GPU)
    result = run_choose(bare_python, "install", "--dry-run", env=clean_env(tmp_path / "bin"))
    assert result.returncode == 0, result.stderr
    [message] = messages(result.stdout)
    assert "NVIDIA GPU" in message and "CUDA build" in message
    assert pip_lines(result.stdout) == [f"-m pip --disable-pip-version-check install --quiet torch=={TORCH}"]


def test_the_pinned_torch_already_installed_is_kept():
    """This very environment has the pinned torch: nothing to install, whatever the GPU says."""
    result = run_choose(sys.executable, "install", "--dry-run", env=clean_env())
    assert result.returncode == 0, result.stderr
    assert pip_lines(result.stdout) == []
    assert messages(result.stdout) == [f"prune-starter: torch {choose_torch.installed_torch()[0]} is already in "
                                       ".venv: nothing to install for torch"]


@pytest.mark.parametrize("installed, explicit, choice, expected", [
    (("2.13.0+cpu", "cpu"), False, "cuda", None),  # auto with a GPU: keep what is there
    (("2.13.0", "cuda"), False, "cpu", None),
    (("2.13.0+cpu", "cpu"), True, "cpu", None),
    (("2.13.0+cpu", "cpu"), True, "cuda", (True, ["torch==2.13.0"])),  # asked for: swap builds
    (("2.12.0+cpu", "cpu"), False, "cpu", (True, ["torch==2.13.0", "--extra-index-url", "URL"])),
    (None, False, "cpu", (False, ["torch==2.13.0", "--extra-index-url", "URL"])),
])
def test_plan(installed, explicit, choice, expected):
    todo, message = choose_torch.plan("2.13.0", choice, "why", explicit, installed,
                                      env={"PRUNE_STARTER_TORCH_INDEX": "URL"}, reachable=lambda url: (True, ""))
    assert (todo and (todo.uninstall, todo.pip_args)) == expected
    assert "\n" not in message


def test_the_stamp_says_up_to_date_until_pyproject_the_torch_choice_or_the_extras_change(tmp_path, monkeypatch):
    monkeypatch.setenv("PRUNE_STARTER_TORCH", "cpu")
    root = tmp_path / "repo"
    root.mkdir()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    stamp = tmp_path / "stamp.json"
    stamp.write_text(json.dumps(choose_torch.current_stamp(False, root)))
    assert choose_torch.up_to_date(False, root, stamp)
    assert not choose_torch.up_to_date(True, root, stamp)  # the test tools were never installed
    stamp.write_text(json.dumps(choose_torch.current_stamp(True, root)))
    assert choose_torch.up_to_date(False, root, stamp) and choose_torch.up_to_date(True, root, stamp)
    monkeypatch.setenv("PRUNE_STARTER_TORCH", "cuda")
    assert not choose_torch.up_to_date(False, root, stamp)
    monkeypatch.setenv("PRUNE_STARTER_TORCH", "cpu")
    (root / "pyproject.toml").write_text(pyproject.replace("numpy==", "numpy>="), encoding="utf-8")
    assert not choose_torch.up_to_date(False, root, stamp)
    assert not choose_torch.up_to_date(False, ROOT, tmp_path / "missing.json")


def test_install_scripts_parse_and_ci_runs_the_readme_command():
    for script in ("install", "browser-deps", "run"):
        subprocess.run(["bash", "-n", str(ROOT / ".ci" / script)], check=True)
    install = (ROOT / ".ci" / "install").read_text(encoding="utf-8")
    assert "choose_torch.py up-to-date" in install and "choose_torch.py install" in install
    assert "bash .ci/run" in (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")


# --- the browser test's system packages -------------------------------------------------------

def browser_deps(tmp_path: Path, uid: int, sudo: str | None, apt_get: str | None, **env: str):
    bin_dir = tmp_path / "bin"
    fake_command(bin_dir, "id", f'echo {uid}')
    if sudo is not None:
        fake_command(bin_dir, "sudo", sudo)
    fake_command(bin_dir, "apt-get", apt_get or "exit 100")
    env = clean_env(bin_dir, PRUNE_STARTER_CHROMIUM=str(tmp_path / "chromium"),
                    PRUNE_STARTER_NANUM=str(tmp_path / "nanum"), **env)
    return subprocess.run(["bash", str(ROOT / ".ci" / "browser-deps")], env=env, capture_output=True,
                          text=True, timeout=30)


NO_PASSWORDLESS_SUDO = 'echo "sudo: a password is required" >&2; exit 1'
APT_THAT_INSTALLS = ('[ "$1" = install ] && { printf "#!/bin/sh\\n" > "$PRUNE_STARTER_CHROMIUM"; '
                     'chmod +x "$PRUNE_STARTER_CHROMIUM"; mkdir -p "$PRUNE_STARTER_NANUM"; }; exit 0')


def test_a_learner_without_root_gets_one_line_saying_what_to_install(tmp_path):
    for sudo in (None, NO_PASSWORDLESS_SUDO):
        result = browser_deps(tmp_path, 1000, sudo, None)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [f"prune-starter: browser test skipped until you run: {HINT}"]


def test_ci_without_root_fails_instead_of_skipping(tmp_path):
    result = browser_deps(tmp_path, 1000, NO_PASSWORDLESS_SUDO, None, CI="true")
    assert result.returncode == 1 and HINT in result.stderr


def test_root_installs_them_and_fails_loudly_when_apt_fails(tmp_path):
    assert browser_deps(tmp_path, 0, None, APT_THAT_INSTALLS).returncode == 0
    assert (tmp_path / "nanum").is_dir()
    (tmp_path / "chromium").unlink()
    (tmp_path / "nanum").rmdir()
    failed = browser_deps(tmp_path, 0, None, "exit 100")
    assert failed.returncode == 1 and HINT in failed.stderr


def test_passwordless_sudo_installs_them(tmp_path):
    result = browser_deps(tmp_path, 1000, '[ "$1" = -n ] && shift; exec "$@"', APT_THAT_INSTALLS)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    assert os.access(tmp_path / "chromium", os.X_OK)


def run_browser_test(**env: str) -> subprocess.CompletedProcess:
    env = dict(clean_env(), PATH=os.environ["PATH"], PRUNE_STARTER_CHROMIUM="/nonexistent/chromium", **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_browser.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_the_browser_test_skips_with_the_install_line_without_chromium():
    result = run_browser_test()
    assert result.returncode in (0, 5), result.stdout[-2000:]  # 5: the only module here was skipped
    assert re.search(r"\b1 skipped\b", result.stdout)
    assert re.search(rf"^browser test skipped: needs chromium( and fonts-nanum)?; run: {HINT}$", result.stdout, re.M)


def test_the_browser_test_fails_in_ci_without_chromium():
    result = run_browser_test(CI="true")
    assert result.returncode != 0
    assert "CI must run the browser test" in result.stdout


# --- what the README and the conda file promise -------------------------------------------------

def test_readme_documents_the_torch_choice_reopening_and_the_browser_packages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("PRUNE_STARTER_TORCH=cpu", "PRUNE_STARTER_TORCH=cuda", choose_torch.CPU_INDEX,
                   ".venv/bin/jupyter lab notebooks/", HINT):
        assert readme.count(needle) >= 2, needle  # once in Korean, once in English
    # Editing a lesson needs jupytext, which only the test install brings.
    for heading in ("### 수업 고치기", "### Editing a lesson"):
        section = readme.split(heading)[1].split("\n#")[0]
        assert "bash .ci/install --test" in section, heading


def test_environment_yml_takes_torch_from_the_cpu_index():
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert f"--extra-index-url {choose_torch.CPU_INDEX}" in environment
    assert f"torch=={TORCH}" in environment
