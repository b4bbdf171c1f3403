#!/usr/bin/env python3
"""The project's two commands: `python3 tasks.py report` and `python3 tasks.py test`.

Both need only Python 3.11 and pip. Each creates the virtual environment in
`.venv/` if it is missing, installs the package with its pinned versions
(`constraints.txt`), and then either builds the report or runs every test.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".tasks-installed"


def _inputs_digest() -> str:
    """Hash what decides the installed environment, so we reinstall only when it changes."""
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create `.venv` and install the package, pinned, unless it is already current."""
    if not (BIN / "python").exists():
        print("creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _inputs_digest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("installing sahel-analysis and its pinned dependencies into .venv", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([*pip, "-c", "constraints.txt", "-e", ".[test]"], check=True, cwd=ROOT)
    STAMP.write_text(wanted)


def run(args: list[str]) -> int:
    """Run a command from the virtual environment in the project root."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("MPLBACKEND", None)  # notebooks draw inline; the build saves figures with Agg itself
    return subprocess.run(args, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    usage = "usage: python3 tasks.py {report|test} [extra pytest arguments]"
    if not argv or argv[0] not in {"report", "test"}:
        print(usage, file=sys.stderr)
        return 2
    ensure_environment()
    if argv[0] == "report":
        return run([str(BIN / "sahel-analysis"), "build", *argv[1:]])
    return run([str(BIN / "python"), "-m", "pytest", *argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
