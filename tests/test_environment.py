"""pyproject.toml is the one dependency list; environment.yml and constraints.txt follow it."""

from __future__ import annotations

import re
import tomllib

import yaml


def requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_environment_yml_installs_the_package_and_nothing_else(root):
    """environment.yml lists no packages of its own, so it cannot drift from pyproject.toml."""
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert {requirement_name(d) for d in conda} == {"python", "pip"}
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-c constraints.txt", "-e .[test]"]


def test_python_versions_agree(root):
    """environment.yml's Python satisfies pyproject's requires-python."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert project["requires-python"] == ">=3.11" and python == "python=3.11"


def test_constraints_pin_every_declared_dependency(root):
    """Every dependency in pyproject.toml has an exact pin in constraints.txt."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = {}
    for line in (root / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, _, ver = line.partition("==")
            pins[requirement_name(name)] = ver.strip()
    missing = [d for d in declared if requirement_name(d) not in pins]
    assert missing == []
