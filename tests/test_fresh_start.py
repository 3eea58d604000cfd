"""Every lesson runs on its own from a fresh kernel, in any order, on a machine with any thread count.

The main test run checks the notebooks in order on this 2-core machine. This
test checks the English ones again in reverse order with OMP_NUM_THREADS=1, as
a one-core laptop would run them. Each notebook gets a fresh kernel from nbval.
`ph.start_lesson()` pins torch to one thread, because training with two
threads gives (slightly) different weights.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_lessons_pass_strict_nbval_in_reverse_order_with_one_thread():
    notebooks = sorted((ROOT / "notebooks" / "en").glob("*.ipynb"), reverse=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *map(str, notebooks)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
