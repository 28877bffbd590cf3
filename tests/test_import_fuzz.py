"""Generated files for each importer: no traceback, no node not in the input, a warning for every loss.

The generators and the property live in tests/importfuzz.py; bench/fuzz_import.py runs
thousands of examples per importer and prints the outcomes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from importfuzz import STRATEGIES, check_import


@pytest.mark.parametrize("fmt", sorted(STRATEGIES))
def test_every_generated_import_keeps_the_property(fmt):
    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(STRATEGIES[fmt])
    def run(text):
        with tempfile.TemporaryDirectory() as tmp:
            check_import(fmt, text, Path(tmp))

    run()
