"""The JSON Schema agrees with the loader: same keys, same id pattern, same verdicts on real files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from argmap import loader, spec
from argmap.cli import cli
from argmap.loader import load_bytes
from argmap.model import NODE_KINDS, Project
from argmap.schema import schema, schema_text
from argmap.validate import validate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ARGUMENT_FILES = sorted((ROOT / "arguments").glob("*.yaml"))
ERROR_FILES = sorted((DATA / "errors").glob("*.yaml")) + sorted((DATA / "edit" / "schema-bad").glob("*.yaml"))
#: Loader errors about the shape of one file: the schema must reject these files too.
SCHEMA_CODES = {"unknown-key", "wrong-type", "bad-id", "bad-kind", "missing-id", "missing-text", "empty",
                "bad-url", "bad-map-name", "missing-key", "empty-file", "bad-stance", "bad-weight"}
#: Errors a file's bytes or parser produce before there is anything to validate.
UNPARSED_CODES = {"yaml", "alias", "encoding", "too-large", "too-deep"}


class _EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's language server does: a date is a string, not a timestamp."""


_EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))


def _instance(path: Path):
    return yaml.load(path.read_bytes().decode("utf-8"), Loader=_EditorLoader)


def _validator():
    return jsonschema.Draft202012Validator(schema())


def _loader_codes(path: Path, alone: bool = True) -> set[str]:
    """Error codes for one file; ``alone`` also runs the folder checks with the file on its own."""
    m, diags = load_bytes(path.read_bytes(), str(path), path.stem)
    if m is not None and alone:
        diags += validate(Project((m,)))
    return {d.code for d in diags if d.is_error}


def test_schema_is_valid_draft_2020_12():
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(s)


def test_schema_mirrors_loader_keys_pattern_and_kinds():
    s = schema()
    assert tuple(s["properties"]) == loader.MAP_KEYS
    assert tuple(s["$defs"]["source"]["properties"]) == loader.SOURCE_KEYS
    assert tuple(s["$defs"]["node"]["properties"]) == loader.NODE_KEYS
    assert tuple(s["$defs"]["wording"]["properties"]) == spec.WORDING_KEYS
    assert s["$defs"]["wording"]["additionalProperties"] is False
    assert s["$defs"]["id"]["pattern"] == loader.ID_PATTERN.pattern
    assert s["properties"]["sources"]["propertyNames"]["pattern"] == loader.ID_PATTERN.pattern
    assert s["properties"]["map"]["pattern"] == loader._MAP_NAME.pattern
    assert [k for k in s["$defs"]["node"]["properties"]["kind"]["enum"] if k] == list(loader.NODE_KINDS)
    assert [k for k in s["$defs"]["node"]["properties"]["stance"]["enum"] if k] == list(spec.STANCES)
    item = s["$defs"]["relationItem"]["oneOf"][1]["properties"]
    assert tuple(item) == spec.RELATION_ITEM_KEYS
    assert s["additionalProperties"] is False
    assert s["$defs"]["node"]["additionalProperties"] is False
    assert s["$defs"]["source"]["additionalProperties"] is False


@pytest.mark.parametrize("path", ARGUMENT_FILES + sorted((DATA / "edit").glob("*.yaml")), ids=lambda p: p.name)
def test_good_maps_validate(path):
    assert not _loader_codes(path, alone=False)  # its targets may live in other files of the folder
    errors = [e.message for e in _validator().iter_errors(_instance(path))]
    assert errors == []


@pytest.mark.parametrize("path", ERROR_FILES, ids=lambda p: p.name)
def test_error_fixtures_agree_both_ways(path):
    codes = _loader_codes(path)
    assert codes, f"{path.name} is meant to have an error"
    if codes & UNPARSED_CODES:
        pytest.skip("not YAML the schema can see")
    rejected = list(_validator().iter_errors(_instance(path)))
    if codes & SCHEMA_CODES:
        assert rejected, f"loader says {sorted(codes)}, the schema accepts the file"
    else:  # errors that need the whole folder (dangling, duplicate ids...): beyond a schema
        assert not rejected, f"loader says only {sorted(codes)}, schema says {rejected[0].message}"


def test_schema_command_prints_and_writes(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == schema()
    out = tmp_path / "map.schema.json"
    result = runner.invoke(cli, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_text()


def test_schema_command_never_replaces_a_map(tmp_path):
    """Issue 24: `argmap schema -o arguments/power-concentration.yaml` replaced a debate with JSON Schema."""
    import shutil

    target = tmp_path / "power-concentration.yaml"
    shutil.copy(ROOT / "arguments" / "power-concentration.yaml", target)
    before = target.read_bytes()
    result = CliRunner().invoke(cli, ["schema", "-o", str(target)])
    assert result.exit_code == 1
    assert "is an argmap map (it has `nodes:`); nothing written" in result.output
    assert "Traceback" not in result.output
    assert target.read_bytes() == before


def test_a_nested_relation_address_and_its_kind_list_validate():
    """`to: c->a->b` with `relation:` a kind or a list of kinds (argmap.address) is valid; a list of non-kinds is not."""
    doc = {"nodes": [{"id": "d", "text": "D.", "undercuts": [{"to": "c->a->b", "relation": ["attacks", "supports"]},
                                                              {"to": "c->a->b", "relation": "attacks"}]}]}
    jsonschema.validate(doc, schema())
    doc["nodes"][0]["undercuts"][0]["relation"] = ["attack"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema())
