"""The numba kernels load even where no on-disk cache can be written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import newstrace


def test_kernels_import_and_run_without_a_writable_cache(tmp_path: Path) -> None:
    # A copy of the package whose __pycache__ folders are plain files and a home that is a file:
    # neither numba's in-tree nor its user-wide cache can exist, even for root.
    package = tmp_path / "site" / "newstrace"
    shutil.copytree(Path(newstrace.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__", "sample"))
    for folder in [package, *(p for p in package.rglob("*") if p.is_dir())]:
        (folder / "__pycache__").write_text("not a folder")
    not_a_dir = tmp_path / "home-file"
    not_a_dir.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUMBA_")}
    env.update(
        PYTHONPATH=str(tmp_path / "site"),
        HOME=str(not_a_dir),
        XDG_CACHE_HOME=str(not_a_dir),
        PYTHONDONTWRITEBYTECODE="1",
    )
    code = "import newstrace.algo.lsh, newstrace.algo.minhash, newstrace.algo.shingles; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
    help_run = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "--help"], env=env, capture_output=True, text=True, timeout=300
    )
    assert help_run.returncode == 0, help_run.stderr[-2000:]
    assert "ingest" in help_run.stdout
