"""The JSON Schema of a map file, for editors (YAML-language-server) and other tools.

The schema ships with the package as ``map.schema.json`` (draft 2020-12).  It
mirrors :mod:`argmap.loader` — the same keys, id pattern and kinds; a test
keeps the two in step.  Its relation keys (one per row of ``spec.RELATIONS``,
with the row's meaning), the relations an objection may name, the schemes and their
critical questions are generated from spec's and :mod:`argmap.schemes`' tables; a test checks that the shipped file is what this module
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
    item = s["$defs"]["relationItem"]["oneOf"][1]["properties"]
    kinds = [*ATTACKABLE_RELATIONS]
    item["relation"] = {
        "anyOf": [{"enum": [*kinds, None]}, {"type": "array", "minItems": 1, "items": {"enum": kinds}}],
        "description": "Which relation `to:` names, when it names several: its kind, or for a nested address "
                       "(c->a->b, read from the right) a list of kinds, outermost first, one per `->`.",
    }
    return _with_schemes(s)


def _with_schemes(s: dict) -> dict:
    """``s`` with ``scheme`` (after ``kind``) and a relation item's ``cq`` taken from the schemes' catalogue."""
    from .schemes import SCHEMES

    props = s["$defs"]["node"]["properties"]
    scheme = {"enum": [*SCHEMES, None], "description": "The argumentation scheme the node argues by; "
              + "; ".join(f"{k}: {v.title}" for k, v in SCHEMES.items())
              + ". `argmap analyze` lists its critical questions nobody has asked."}
    s["$defs"]["node"]["properties"] = dict(
        kv for k, v in props.items() if k != "scheme" for kv in ([(k, v), ("scheme", scheme)] if k == "kind" else [(k, v)]))
    item = s["$defs"]["relationItem"]["oneOf"][1]["properties"]
    codes = list(dict.fromkeys(q.code for v in SCHEMES.values() for q in v.questions))
    cq = {"enum": codes, "description": "The critical question of the target's scheme (of SRC's, for a relation "
          "SRC->TGT) this reply raises or settles."}
    s["$defs"]["relationItem"]["oneOf"][1]["properties"] = dict(
        kv for k, v in item.items() if k != "cq" for kv in ([(k, v), ("cq", cq)] if k == "to" else [(k, v)]))
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
