#!/usr/bin/env python3
"""Fuzz the ```argmap block: parse and draw thousands of generated blocks, count the outcomes.

Each input is a block body built from the block's keys (and misspelt ones), with
values drawn from hostile ones (absolute paths, `..`, symlinks out of the site, paths
of thousands of characters, NUL, bidi controls, YAML tags, anchors, flow nesting)
and ordinary ones, then sometimes mutated byte by byte.  Every block is parsed with
:func:`argmap.embed.parse_block` and, if it parses, drawn with
:func:`argmap.embed.render_block` inside a temporary site whose sibling folder
``outside/`` holds a fake secret and a valid map.  An outcome is one of:

- ``drawn``: an inline SVG came back;
- ``block error``: a :class:`~argmap.embed.BlockError` (a located error);
- ``TRACEBACK``: any other exception (a bug);
- ``LEAK``: a drawing or an error that holds the secret or the outside map's text (a bug).

    python bench/fuzz_blocks.py                  # 2,000 inputs, seed 24
    python bench/fuzz_blocks.py --count 5000 --seed 7

It prints a table of counts (and the first few bugs, if any) and exits 1 if there is a bug.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from argmap.embed import KEYS, BlockError, parse_block, render_block

SMALL = Path(__file__).resolve().parents[1] / "tests" / "data" / "small"
SECRET = "fuzz-secret-3b7e91"
OUTSIDE_TEXT = "FUZZ-OUTSIDE-MARKER"


def make_site(top: Path) -> Path:
    """``top/site`` (maps, a symlink out, a leaky folder) beside ``top/outside`` (a secret, a map)."""
    outside = top / "outside"
    outside.mkdir()
    (outside / "secret.env").write_text(f"TOKEN={SECRET}\n")
    (outside / "m.yaml").write_text(f"map: outside\nnodes:\n  - id: out\n    text: {OUTSIDE_TEXT} here\n")
    (outside / "bad.yaml").write_text(f"{SECRET}: [\n")
    site = top / "site"
    site.mkdir()
    shutil.copytree(SMALL, site / "maps")
    (site / "out").symlink_to(outside, target_is_directory=True)
    (site / "leaky").mkdir()
    shutil.copy(SMALL / "debate.yaml", site / "leaky" / "debate.yaml")
    (site / "leaky" / "x.yaml").symlink_to(outside / "m.yaml")
    (site / "dangling").symlink_to(top / "nowhere")
    return site


SOURCES = [
    "maps", "maps/", "./maps", "maps/debate.yaml", "maps/followup.yaml", "maps/../maps", "maps/nope.yaml",
    "/etc/passwd", "/etc", "/", "..", "../outside", "../outside/secret.env", "../outside/m.yaml", "../outside/bad.yaml",
    "out", "out/m.yaml", "out/secret.env", "leaky", "leaky/debate.yaml", "dangling", "maps/../../outside",
    "~", "~/.ssh/id_rsa", "$HOME", "maps\0x", "\u202emaps", "maps\u2066", "C:\\Windows", "file:///etc/passwd",
    "/proc/self/environ", "/dev/zero", "", " ", "-", "*", "maps/*.yaml",
]
NAMES = ["debate", "followup", "ship-it", "tests-pass", "docs-written", "nope", "", "constructor", "__proto__", "x" * 300]


def value(rng: random.Random, key: str) -> str:
    roll = rng.random()
    if roll < 0.1:
        return rng.choice(["[a, b]", "{a: 1}", "&a x", "*a", "!!binary aGk=", "!!python/object:os.system x", "|\n  maps",
                           ">-\n  maps", "'maps'", '"maps"', "null", "~", "1e999", "-1", "0x10", "[" * rng.randint(1, 40)])
    if roll < 0.15:
        return rng.choice(["a/", "x", "..", "../", "\u202e"]) * rng.randint(100, 3000)
    if key == "source":  # often one that reads, so that drawing is fuzzed too
        return rng.choice(["maps", "maps/debate.yaml", "maps/followup.yaml"] if rng.random() < 0.4 else SOURCES)
    if key in ("map", "focus", "part"):
        return rng.choice(NAMES)
    if key == "depth":
        return rng.choice(["0", "1", "2", "3"] if rng.random() < 0.6 else
                          ["100", "101", "-1", "two", "99999999999999999999", "1.5", "0b11"])
    if key == "color_by":
        return rng.choice(["author", "kind", "status", "none", "strength", "colour", ""])
    if key == "labels":
        return rng.choice(["text", "title", "id", "huge", ""])
    return rng.choice(SOURCES + NAMES)


def block_text(rng: random.Random) -> str:
    keys = [k for k in KEYS if k != "source"]
    chosen = ["source"] if rng.random() < 0.9 else []
    chosen += rng.sample(keys, rng.randint(0, 3))
    if rng.random() < 0.1:  # a key that is no key
        chosen.append(rng.choice(["colour_by", "Source", "src", "", "? x", "- a", "source"]))
    lines = [f"{k}: {value(rng, k)}" for k in chosen]
    text = "\n".join(lines)
    if rng.random() < 0.25 and text:  # mutate a few characters
        chars = list(text)
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(len(chars) + 1)
            op = rng.random()
            junk = rng.choice(":-[]{}#&*!|>'\"%@`\t\n\\\0\u202e\u2028é ")
            if op < 0.4:
                chars.insert(i, junk)
            elif op < 0.7 and chars:
                del chars[min(i, len(chars) - 1)]
            elif chars:
                chars[min(i, len(chars) - 1)] = junk
        text = "".join(chars)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    stages: Counter[str] = Counter()
    bugs: list[tuple[str, str]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        site = make_site(Path(tmp))
        for _ in range(args.count):
            text = block_text(rng)
            try:
                block = parse_block(text, 5)
            except BlockError as exc:
                outcome, stage, shown = "block error", "parse", exc.located("fuzz.md")
            except Exception as exc:  # noqa: BLE001 - that is what we count
                outcome, stage, shown = "TRACEBACK", "parse", f"{type(exc).__name__}: {exc}"
            else:
                try:
                    shown = render_block(block, base=site)
                    outcome, stage = "drawn", "render"
                except BlockError as exc:
                    outcome, stage, shown = "block error", "render", exc.located("fuzz.md")
                except Exception as exc:  # noqa: BLE001
                    outcome, stage, shown = "TRACEBACK", "render", f"{type(exc).__name__}: {exc}"
            if SECRET in shown or OUTSIDE_TEXT in shown or tmp in shown:
                outcome = "LEAK"
            counts[outcome] += 1
            stages[f"{outcome} at {stage}"] += 1
            if outcome in ("TRACEBACK", "LEAK") and len(bugs) < 5:
                bugs.append((repr(text)[:200], shown[:300]))
    seconds = time.perf_counter() - start
    print(f"argmap block fuzz: {args.count:,} inputs, seed {args.seed}, {seconds:.1f} s")
    print(f"{'outcome':<26}{'count':>8}")
    for name in ("drawn at render", "block error at parse", "block error at render", "TRACEBACK at parse",
                 "TRACEBACK at render", "LEAK at parse", "LEAK at render"):
        print(f"{name:<26}{stages[name]:>8}")
    print(f"{'total':<26}{sum(counts.values()):>8}")
    for text, shown in bugs:
        print(f"\nBUG on {text}\n  {shown}")
    return 1 if counts["TRACEBACK"] or counts["LEAK"] else 0


if __name__ == "__main__":
    sys.exit(main())
