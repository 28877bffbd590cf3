#!/usr/bin/env python3
"""Fuzz every importer: thousands of generated files through the real `argmap import`, and a table of outcomes.

Each generated file (tests/importfuzz.py: Argdown, Kialo, AIF-JSON and arg-microtext
shapes filled with YAML, JSON, XML and Argdown syntax, bool-like words and injection
attempts) is imported into a fresh folder with ``import_to``; the property of
``importfuzz.check_import`` must hold for every one: no traceback, nothing written
when the file is refused (a located error), exactly the nodes the reader read (no
node that is not in the input), a warning for every relation or premise left out,
and a written map that checks clean and is ``fmt --check`` clean.  A failure stops
the run with the generated input.

    python bench/fuzz_import.py                   # 2,000 per importer
    python bench/fuzz_import.py --examples 500 --only aif
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the generators and the property are the test suite's own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000, help="generated files per importer")
    parser.add_argument("--only", action="append", help="one importer (repeatable)")
    args = parser.parse_args()

    from hypothesis import HealthCheck, given, settings
    from importfuzz import STRATEGIES, check_import

    print(f"{'importer':<10} {'inputs':>7} {'clean':>6} {'warned':>7} {'refused':>8} {'nodes':>7} {'tracebacks':>10} "
          f"{'injected':>8} {'seconds':>8}", flush=True)
    for fmt in args.only or sorted(STRATEGIES):
        counts: Counter[str] = Counter()
        start = time.perf_counter()

        @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(STRATEGIES[fmt])
        def run(text):
            with tempfile.TemporaryDirectory() as tmp:
                outcome = check_import(fmt, text, Path(tmp))
                counts[outcome] += 1
                if outcome != "refused":
                    counts["nodes"] += (Path(tmp) / "arguments" / "imported.yaml").read_text().count("\n  - id: ")

        run()  # a traceback, an injected node, an unwarned loss or an unclean map stops here, with its input
        total = counts["clean"] + counts["warned"] + counts["refused"]
        print(f"{fmt:<10} {total:>7,} {counts['clean']:>6,} {counts['warned']:>7,} {counts['refused']:>8,} "
              f"{counts['nodes']:>7,} {0:>10} {0:>8} {time.perf_counter() - start:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
