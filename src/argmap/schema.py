"""The JSON Schema of a map file, for editors (YAML-language-server) and other tools.

The schema ships with the package as ``map.schema.json`` (draft 2020-12).  It
mirrors :mod:`argmap.loader` — the same keys, id pattern and kinds; a test
keeps the two in step.  Its relation keys (one per row of ``spec.RELATIONS``,
with the row's meaning) and the relations an objection may name are generated
from spec's table; a test checks that the shipped file is what this module
generates (``python -m argmap.schema > src/argmap/map.schema.json`` rewrites it).  It checks the shape of one file; what needs the whole
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

__all__ = ["schema", "schema_text", "shipped_text", "SCHEMA_FILE"]

SCHEMA_FILE = "map.schema.json"


def shipped_text() -> str:
    """The JSON text shipped in the package."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def _with_relations(s: dict) -> dict:
    """``s`` with every relation key and the objectionable relations taken from spec.RELATIONS."""
    from .spec import ATTACKABLE_RELATIONS, RELATION_KINDS, RELATIONS

    props = s["$defs"]["node"]["properties"]
    kept = {k: v for k, v in props.items() if k not in RELATIONS}
    kept.update({k: {"$ref": "#/$defs/relations", "description": RELATIONS[k].meaning} for k in RELATION_KINDS})
    s["$defs"]["node"]["properties"] = kept
    item = s["$defs"]["relationItem"]["oneOf"][1]["properties"]["relation"]
    item["enum"] = [*ATTACKABLE_RELATIONS, None]
    return s


@lru_cache(maxsize=1)
def schema_text() -> str:
    """The schema as JSON text: the shipped file with its relations from spec's table."""
    return json.dumps(_with_relations(json.loads(shipped_text())), indent=2, ensure_ascii=False) + "\n"


def schema() -> dict:
    """The schema as a fresh dict (callers may change it)."""
    return json.loads(schema_text())


if __name__ == "__main__":  # python -m argmap.schema > src/argmap/map.schema.json
    print(schema_text(), end="")
