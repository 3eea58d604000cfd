"""A learner opens lesson 02 in JupyterLab, runs it, and moves the amount slider.

Before the run, the explorer cell must read a "run this cell" sentence in
the notebook's language; after it, the heatmap must carry its legend, axis
captions and bias marker, and the slider a track wide enough to drag.

Real browser (Debian's Chromium driven by Playwright), real JupyterLab server,
for the Korean and the English notebook with the matching JupyterLab UI
language. Screenshots go to test-artifacts/browser/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import prune_helpers as ph
from prune_helpers.sparsity import percent

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
# Debian's Chromium; the same variables as .ci/browser-deps point elsewhere.
CHROMIUM = Path(os.environ.get("PRUNE_STARTER_CHROMIUM", "/usr/bin/chromium"))
LESSON = "02_random_unstructured.ipynb"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MENU_WORDS = {"ko": ["파일", "편집", "보기", "실행"], "en": ["File", "Edit", "View", "Run"]}
SEED_LAYER_ELEMENTS = 54  # the explorer in lesson 02 wraps nn.Conv2d(3, 2, 3)

NANUM_FONTS = Path(os.environ.get("PRUNE_STARTER_NANUM", "/usr/share/fonts/truetype/nanum"))  # Korean in screenshots
INSTALL_HINT = "sudo apt-get install chromium fonts-nanum"


def missing_system_packages() -> list[str]:
    """The Debian packages this test needs that are not installed (`.ci/browser-deps` installs them)."""
    return [name for name, path in (("chromium", CHROMIUM), ("fonts-nanum", NANUM_FONTS)) if not path.exists()]


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


if missing_system_packages():
    reason = f"browser test skipped: needs {' and '.join(missing_system_packages())}; run: {INSTALL_HINT}"
    if running_in_ci():  # CI never skips it: `bash .ci/install --test` installs them there or fails
        raise RuntimeError(f"CI must run the browser test, but {reason}")
    pytest.skip(reason, allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_language(language: str, key: str, **values) -> str:
    """A catalog text in `language`, from the same catalog the kernel uses."""
    previous = ph.get_language()
    ph.set_language(language)
    try:
        return ph.t(key, **values)
    finally:
        ph.set_language(previous)


def expected_label(language: str, amount: float) -> str:
    """The label the explorer must show."""
    zeros = round(amount * SEED_LAYER_ELEMENTS)
    return in_language(language, "explorer.label", sparsity=percent(zeros / SEED_LAYER_ELEMENTS),
                       zeros=zeros, numel=SEED_LAYER_ELEMENTS, amount=amount)


def check_the_unrun_explorer_cell(page, language: str) -> None:
    """Before anything runs, the explorer's output reads "▶ run this cell ..." in the notebook's language.

    An unrun notebook is untrusted, so JupyterLab shows the stored text/plain
    instead of drawing the widget: it must not be `VBox(children=(...`.
    """
    cell = page.locator(".jp-CodeCell", has_text="ph.AmountExplorer(").first
    cell.scroll_into_view_if_needed()
    output = cell.locator(".jp-OutputArea-output").first
    output.wait_for(timeout=30_000)
    cell.screenshot(path=str(ARTIFACTS / f"{language}-explorer-before-run.png"))
    assert output.inner_text().strip() == in_language(language, "widget.fallback_explorer")


def check_the_heatmap_frame(page, language: str) -> None:
    """Legend, axis captions, a bias marker over the bias column, a slider track wide enough to drag."""
    heatmap = page.locator(".ph-mask-heatmap").first
    text = heatmap.inner_text()
    for key in ("plot.kept", "plot.pruned", "plot.out_axis", "plot.in_axis", "heatmap.bias"):
        assert in_language(language, key) in text, (key, text)
    # Both boxes in one script call, inside the same heatmap: two separate calls could straddle a scroll of
    # the notebook (a CI run once measured the marker 780 px "below" the image that way).
    image, marker = heatmap.evaluate(
        "(h, css) => css.map(c => { const r = h.querySelector('.' + c).getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })",
        ["ph-mask-image", "ph-bias-marker"],
    )
    bias_centre = ph.plots.mask_png_layout((2, 3, 3, 3), (2,)).bias
    assert abs(marker["x"] + marker["width"] / 2 - (image["x"] + bias_centre)) <= 3, (marker, image)
    assert marker["y"] + marker["height"] <= image["y"] + 1, "the bias marker must sit above the image"
    track = page.locator(".ph-amount-slider .noUi-target").first.bounding_box()
    assert track["width"] >= 200, f"slider track only {track['width']:.0f} px wide"


class JupyterLab:
    """`jupyter lab` on 127.0.0.1 with a token and throwaway settings, stopped by its own pid."""

    def __init__(self, workdir: Path, language: str):
        self.port, self.token = free_port(), secrets.token_hex(16)
        settings, workspaces = workdir / "settings", workdir / "workspaces"
        translation = settings / "@jupyterlab" / "translation-extension"
        translation.mkdir(parents=True)
        workspaces.mkdir()
        locale = "ko_KR" if language == "ko" else "en"
        (translation / "plugin.jupyterlab-settings").write_text(json.dumps({"locale": locale}))
        notifications = settings / "@jupyterlab" / "apputils-extension"
        notifications.mkdir(parents=True)
        (notifications / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(workspaces),
                   JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), PYTHONUNBUFFERED="1")
        env.pop("PRUNE_HELPERS_LANG", None)
        self.log = open(workdir / "jupyter.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={workdir / 'notebooks'}",
             "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self._wait_until_up()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}; see {self.log.name}")
            try:
                urllib.request.urlopen(self.url(f"api/status?token={self.token}"), timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError("jupyter lab did not answer within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


@pytest.fixture
def lab(tmp_path, request):
    """A JupyterLab serving one lesson: the parameter is a language (lesson 02) or (language, notebook file)."""
    language, lesson = request.param if isinstance(request.param, tuple) else (request.param, LESSON)
    notebooks = tmp_path / "notebooks" / language
    notebooks.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / language / lesson, notebooks / lesson)
    server = JupyterLab(tmp_path, language)
    try:
        yield server, language
    finally:
        server.stop()


@contextlib.contextmanager
def notebook_page(server: JupyterLab, language: str, notebook: str):
    """Headless Chromium showing `notebook` in the lab, once its menu bar is up; the browser is closed afterwards."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server.url(f"lab/tree/{language}/{notebook}?reset&token={server.token}"))
            page.locator(".lm-MenuBar-itemLabel").first.wait_for(timeout=60_000)
            yield page
        finally:
            browser.close()


def wait_for_kernel_then_run_all(page, language: str) -> None:
    """Run All only once the kernel really exists; retry if JupyterLab dropped the command.

    JupyterLab shows 'idle' once before the kernel has started, and a Run All
    sent then is silently ignored, so success is judged by a cell prompt
    changing, not by the status indicator.
    """
    indicator = page.locator(".jp-Notebook-ExecutionIndicator")
    indicator.wait_for(timeout=60_000)
    try:
        page.wait_for_function(
            "() => { const s = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;"
            " if (s && s !== 'idle') window.__phSawBusy = true; return window.__phSawBusy && s === 'idle'; }",
            timeout=30_000, polling=100,
        )
    except playwright.TimeoutError:
        pass  # the kernel may have started before we looked; the retry loop below decides
    run_menu = "실행" if language == "ko" else "Run"
    for _ in range(4):
        page.locator(".lm-MenuBar-itemLabel", has_text=run_menu).first.click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        try:
            page.locator(".jp-InputArea-prompt", has_text="[1]").first.wait_for(timeout=10_000)
            return
        except playwright.TimeoutError:
            page.keyboard.press("Escape")
    raise AssertionError("Run All never started the notebook")


def wait_until_every_cell_ran(page, timeout_ms: int = 120_000) -> None:
    """The kernel is idle and no prompt reads [*]: Run All has finished and stopped scrolling the notebook."""
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'"
        " && ![...document.querySelectorAll('.jp-InputArea-prompt')].some(e => e.innerText.includes('*'))",
        timeout=timeout_ms, polling=200,
    )


def wait_for_label(page, text: str) -> float:
    started = time.perf_counter()
    page.wait_for_function(
        "t => document.querySelector('.ph-sparsity-label')?.innerText.trim() === t", arg=text, timeout=15_000
    )
    return (time.perf_counter() - started) * 1000


@pytest.mark.parametrize("lab", ["ko", "en"], indirect=True)
def test_learner_moves_the_slider_and_sees_the_heatmap_change(lab):
    server, language = lab
    with notebook_page(server, language, LESSON) as page:
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        for word in MENU_WORDS[language]:
            assert word in menus, (language, menus)

        check_the_unrun_explorer_cell(page, language)
        wait_for_kernel_then_run_all(page, language)
        explorer = page.locator(".ph-amount-explorer").first
        explorer.wait_for(timeout=60_000)
        explorer.scroll_into_view_if_needed()
        # The notebook's own cells move the slider to 0.9 and then to 0.1.
        wait_for_label(page, expected_label(language, 0.1))
        wait_until_every_cell_ran(page)  # Run All scrolls the notebook while cells still run
        explorer.scroll_into_view_if_needed()
        check_the_heatmap_frame(page, language)
        image = page.locator(".ph-mask-image").first
        before = image.screenshot(path=str(ARTIFACTS / f"{language}-heatmap-before.png"))
        page.screenshot(path=str(ARTIFACTS / f"{language}-page-before.png"))

        handle = page.locator(".ph-amount-slider .noUi-handle").first
        handle.focus()
        latencies, amount = [], 0.1
        for _ in range(6):
            amount = round(amount + 0.05, 2)
            started = time.perf_counter()
            handle.press("ArrowRight")
            wait_for_label(page, expected_label(language, amount))
            latencies.append((time.perf_counter() - started) * 1000)

        readout = page.locator(".ph-amount-slider .widget-readout").first
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("0.8")
        page.keyboard.press("Enter")
        wait_for_label(page, expected_label(language, 0.8))

        page.wait_for_timeout(300)  # let the browser paint the new image
        after = image.screenshot(path=str(ARTIFACTS / f"{language}-heatmap-after.png"))
        page.screenshot(path=str(ARTIFACTS / f"{language}-page-after.png"))
        assert before != after
        print(f"\n[{language}] key press -> label update: median {statistics.median(latencies):.0f} ms "
              f"(min {min(latencies):.0f}, max {max(latencies):.0f}, n={len(latencies)}); "
              f"screenshots in {ARTIFACTS.relative_to(ROOT)}")


HEAD_LESSON = "14_small_transformer.ipynb"


def accuracy_line(page) -> str:
    return page.locator(".ph-head-accuracy").first.inner_text().strip()


def wait_for_accuracy_change(page, before: str) -> float:
    started = time.perf_counter()
    page.wait_for_function(
        "t => { const s = document.querySelector('.ph-head-accuracy')?.innerText.trim(); return s && s !== t; }",
        arg=before, timeout=15_000,
    )
    return (time.perf_counter() - started) * 1000


@pytest.mark.parametrize("lab", [("ko", HEAD_LESSON), ("en", HEAD_LESSON)], indirect=True, ids=["ko", "en"])
def test_learner_switches_a_head_off_and_sees_the_accuracy_change(lab):
    """Lesson 14: untick one head's checkbox, and the accuracy line follows; tick it, and it comes back."""
    server, language = lab
    with notebook_page(server, language, HEAD_LESSON) as page:

        cell = page.locator(".jp-CodeCell", has_text="ph.HeadToggles(").first
        cell.scroll_into_view_if_needed()
        output = cell.locator(".jp-OutputArea-output").first
        output.wait_for(timeout=30_000)
        assert output.inner_text().strip() == in_language(language, "widget.fallback_heads")

        wait_for_kernel_then_run_all(page, language)
        toggles = page.locator(".ph-head-toggles").first
        toggles.wait_for(timeout=120_000)
        # The cells after the widget switch a head off and on again from code: wait until every cell has run.
        wait_until_every_cell_ran(page)
        toggles.scroll_into_view_if_needed()
        boxes = page.locator(".ph-head-toggle input[type=checkbox]")
        assert boxes.count() == 8
        every_head_on = in_language(language, "heads.accuracy", on=8, total=8, accuracy=0, dense=0)[:12]
        page.wait_for_function(
            "p => (document.querySelector('.ph-head-accuracy')?.innerText || '').trim().startsWith(p)",
            arg=every_head_on, timeout=15_000,
        )
        all_on = accuracy_line(page)

        latencies = []
        boxes.first.click()
        latencies.append(wait_for_accuracy_change(page, all_on))
        one_off = accuracy_line(page)
        assert not boxes.first.is_checked()
        assert one_off.startswith(in_language(language, "heads.accuracy", on=7, total=8, accuracy=0, dense=0)[:12])
        page.screenshot(path=str(ARTIFACTS / f"{language}-head-off.png"))

        boxes.first.click()
        latencies.append(wait_for_accuracy_change(page, one_off))
        assert accuracy_line(page) == all_on
        print(f"\n[{language}] checkbox click -> accuracy line: "
              f"{', '.join(f'{ms:.0f} ms' for ms in latencies)}; screenshots in {ARTIFACTS.relative_to(ROOT)}")
