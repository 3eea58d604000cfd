"""`lessons/build.py` as a module, loaded once for every test that reads lesson sources or notebooks.

build.py is a script, not part of the package (the installed course needs
no jupytext), so the tests load it by its path.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if "notebook_build" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("notebook_build", ROOT / "lessons" / "build.py")
    sys.modules["notebook_build"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["notebook_build"])
build = sys.modules["notebook_build"]
