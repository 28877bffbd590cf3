"""Shared fixtures: paths to the test data, the repo's maps and the shared corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ARGUMENTS = ROOT / "arguments"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
#: What each part of ../shared holds, for the reason a test that needs it gives when it skips.
SHARED_PARTS = {"seeds": "the seed texts", "corpus": "the reference corpus", "corpus/iccma": "the ICCMA benchmarks"}


def needs_shared(part: str = "seeds"):
    """Skip unless ``../shared/<part>`` is beside the project: a plain clone has no ``../shared``.

    The one place that decides it, so ``make test`` is green in any clone and runs these where they can.
    """
    return pytest.mark.skipif(
        not (SHARED / part).is_dir(),
        reason=f"needs ../shared/{part} ({SHARED_PARTS[part]}), not in a plain clone",
    )


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Tests share one compiled-module cache of their own, never the user's.

    Under pytest-xdist every worker uses the same one (beside the workers' own temporary
    folders), so the WebAssembly Graphviz is compiled once per run, not once per worker;
    the cache is written atomically, so workers racing to fill it is safe.
    """
    import os

    if os.environ.get("PYTEST_XDIST_WORKER"):
        cache = tmp_path_factory.getbasetemp().parent / "argmap-cache"
        cache.mkdir(exist_ok=True)
    else:
        cache = tmp_path_factory.mktemp("argmap-cache")
    old = os.environ.get("ARGMAP_CACHE_DIR")
    os.environ["ARGMAP_CACHE_DIR"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("ARGMAP_CACHE_DIR", None)
    else:
        os.environ["ARGMAP_CACHE_DIR"] = old


@pytest.fixture
def small_map(tmp_path) -> Path:
    """A copy of the small two-file fixture folder, safe to modify."""
    dest = tmp_path / "maps"
    shutil.copytree(DATA / "small", dest)
    return dest


#: Programs outside Python that some tests run, and how to get each (`.ci/run` installs them all).
PROGRAMS = {
    "dot": "Graphviz `dot` is not installed (Debian: apt-get install graphviz; .ci/run does it)",
    "pandoc": "pandoc is not installed (Debian: apt-get install pandoc; .ci/run does it)",
    "chromium": "Chromium is not installed (Debian: apt-get install chromium; .ci/run does it)",
    "argdown": "Argdown's CLI is not installed (npm install -g @argdown/cli; .ci/run does it)",
}


def have(program: str) -> bool:
    """Whether an external program of :data:`PROGRAMS` can run here."""
    if program == "chromium":
        return any(shutil.which(n) for n in ("chromium", "chromium-browser")) or Path("/usr/bin/chromium").exists()
    return shutil.which(program) is not None


def needs_system_dot():
    return pytest.mark.external("dot")


def pytest_collection_modifyitems(items):
    """``@pytest.mark.external("dot", ...)`` skips, saying how to install it, when a program is missing;
    a test that takes the ``browser`` fixture is a browser test and needs Chromium."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.external("chromium"))
        for mark in list(item.iter_markers("external")):
            for program in mark.args:
                if not have(program):
                    item.add_marker(pytest.mark.skip(reason=PROGRAMS[program]))


def count_calls(fn, *args) -> int:
    """How many Python and C function calls ``fn(*args)`` makes: a machine-independent measure of work
    (the linear-time tests compare it per node at two sizes)."""
    import sys

    n = 0

    def prof(frame, event, arg):
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    sys.setprofile(prof)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return n


# -- Chromium through Playwright (any test that takes `browser` is marked browser) ----------
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()
