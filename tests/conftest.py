"""Shared fixtures: every test starts in English with a fixed seed and restores the language."""

import pytest
import torch

import prune_helpers as ph


@pytest.fixture(autouse=True)
def english_and_seeded():
    previous = ph.get_language()
    ph.set_language("en")
    torch.manual_seed(0)
    yield
    ph.set_language(previous)


@pytest.fixture(params=["ko", "en"])
def language(request):
    ph.set_language(request.param)
    return request.param


def pytest_terminal_summary(terminalreporter):
    """Say in one line why the browser test was skipped (pytest hides skip reasons unless -rs)."""
    for report in terminalreporter.stats.get("skipped", []):
        if "test_browser.py" in report.nodeid and isinstance(report.longrepr, tuple):
            terminalreporter.write_line(report.longrepr[2].removeprefix("Skipped: "), yellow=True)
            return
