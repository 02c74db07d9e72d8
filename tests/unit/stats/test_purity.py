"""The statistics core stays pure: it imports only numpy, scipy, statsmodels, the standard
library and itself (docs/DESIGN: "A pure core ... A test enforces it")."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

STATS = Path(__file__).resolve().parents[3] / "src" / "assurance" / "stats"
ALLOWED_THIRD_PARTY = {"numpy", "scipy", "statsmodels"}


def forbidden_imports(source: str) -> list[str]:
    """Names of modules imported by ``source`` that the pure core may not use."""
    bad: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level > 0:  # relative: inside assurance.stats by construction
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if name == "assurance.stats" or name.startswith("assurance.stats."):
                continue
            if top in ALLOWED_THIRD_PARTY or top in sys.stdlib_module_names:
                continue
            bad.append(name)
    return bad


def modules() -> list[Path]:
    return sorted(STATS.rglob("*.py"))


def test_the_stats_package_exists() -> None:
    assert (STATS / "__init__.py").is_file()
    assert len(modules()) >= 8


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_module_imports_only_allowed_packages(path: Path) -> None:
    assert forbidden_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_module_stays_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize(
    "source",
    [
        "import duckdb",
        "from assurance.warehouse import engine",
        "import assurance.findings",
        "import pandas as pd",
        "from django.db import models",
        "def f():\n    import ibis\n",
    ],
)
def test_the_checker_catches_impure_imports(source: str) -> None:
    assert forbidden_imports(source)


def test_the_checker_allows_the_pure_set() -> None:
    source = (
        "from __future__ import annotations\nimport math\nimport numpy as np\n"
        "from scipy import stats\nfrom statsmodels.tsa.exponential_smoothing.ets import X\n"
        "from assurance.stats.spc import xmr\nfrom . import spc_rules\n"
    )
    assert forbidden_imports(source) == []
