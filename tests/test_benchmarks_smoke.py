"""The benchmark script still runs end to end (its --quick timings mean nothing and are not checked)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_prints_every_section(tmp_path):
    markdown = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--markdown", str(markdown)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    sections = [f"{number}." for number in range(1, 7)] + ["1b."]  # 1b: the widgets of lessons 13-14
    for section in sections:
        assert f"\n## {section} " in result.stdout
    assert markdown.read_text(encoding="utf-8").count("\n## ") == len(sections)
