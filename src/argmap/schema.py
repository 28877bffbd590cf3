"""The JSON Schema of a map file, for editors (YAML-language-server) and other tools.

The schema ships with the package as ``map.schema.json`` (draft 2020-12).  It
mirrors :mod:`argmap.loader` — the same keys, id pattern and kinds; a test
keeps the two in step.  It checks the shape of one file; what needs the whole
folder (dangling targets, duplicate ids, undeclared sources) is
``argmap check``'s job.

>>> schema()["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema()["$defs"]["node"]["required"])
['id', 'text']
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["schema", "schema_text", "SCHEMA_FILE"]

SCHEMA_FILE = "map.schema.json"


def schema_text() -> str:
    """The schema as the JSON text shipped in the package."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _parsed() -> str:
    return schema_text()


def schema() -> dict:
    """The schema as a fresh dict (callers may change it)."""
    return json.loads(_parsed())
