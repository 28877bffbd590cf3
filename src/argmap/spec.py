"""The map format's vocabulary: keys, kinds, relation names, id and name rules, suffixes, slugs.

One home for what a map file may say.  The loader checks files against it, the
editors (``edit``, ``fmt``, ``newmap``) write files with it, the JSON Schema
mirrors it (a test keeps them in step).  No I/O and no YAML here.

The ``*_V2`` names are the vocabulary of ``docs/format-v2.md``; the plain
names (``NODE_KEYS``, ``RELATION_KINDS``...) are the same v2 vocabulary, which
the loader, the checker, the JSON Schema and the writers (``edit``, ``fmt``,
``new``) all speak.  ``*_V1`` keep the original subset.

>>> slugify("Downtown land is too valuable to build parking on")
'downtown-land-is-too-valuable'
>>> bool(ID_PATTERN.match("backlash-needs-few-ais")), bool(ID_PATTERN.match("-x"))
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "DEFAULT_FOLDER",
    "MAP_KEYS",
    "SOURCE_KEYS",
    "NODE_KEYS",
    "NODE_KINDS",
    "RELATION_KINDS",
    "RelationKind",
    "RELATIONS",
    "ROLES",
    "PREMISE",
    "ATTACK_KINDS",
    "SUPPORT_KINDS",
    "CONCESSION_KINDS",
    "ANSWER_KINDS",
    "SYMMETRIC_KINDS",
    "DEFAULT_KIND",
    "NODE_KINDS_V1",
    "RELATION_KINDS_V1",
    "NODE_KINDS_V2",
    "RELATION_KINDS_V2",
    "STANCES",
    "DEFAULT_STANCE",
    "NODE_KEYS_V2",
    "SOURCE_KEYS_V2",
    "WORDING_KEYS",
    "RELATION_ITEM_KEYS",
    "REVIEW_CODES",
    "RELATION_SEPARATOR",
    "RELATION_ATTACKERS",
    "ATTACKABLE_RELATIONS",
    "DEFAULT_WEIGHT",
    "ID_PATTERN",
    "MAX_ID_LENGTH",
    "MAP_NAME_PATTERN",
    "MAP_SUFFIXES",
    "URL_SCHEMES",
    "STOP_WORDS",
    "slugify",
    "normalise_url",
]

#: the folder of maps a command reads when given none (``project`` and the CLI use it)
DEFAULT_FOLDER = "arguments"

# -- relations: one row per relation, everything each surface says of it ------------------------
#: What a relation does in an evaluation: ``support`` and ``concession`` lend strength (a concession
#: is agreement, never an attack), ``attack`` defeats, ``answer`` replies to a question and is not
#: evaluated, ``premise`` joins a linked premise to its argument.
ROLES = ("support", "attack", "concession", "answer", "premise")


@dataclass(frozen=True)
class RelationKind:
    """One relation a node can start, and what every surface says and draws of it.

    Adding a relation kind is one row of :data:`RELATIONS` plus its line in
    ``export/theme.EDGE_STYLE``; the checker, evaluation, reports, drawings, Mermaid,
    the JSON Schema, ``add``'s flags, the editor's code actions and the page's words
    all read the row (``tests/test_relations.py`` adds a row and looks at each).
    """

    name: str  #: the key in a node (``supports:``) and the edge key in the graph
    role: str  #: one of :data:`ROLES`
    passive: str  #: seen from the target: "supported by"
    mark: str  #: one character in terminal reports (``show``, ``thread``)
    mermaid: str  #: the Mermaid link between the two boxes
    meaning: str  #: what the key holds (JSON Schema, editor hover)
    add_help: str  #: what ``argmap add --<name> X`` does
    active: str = ""  #: seen from the source; the name unless said
    targets: tuple[str, ...] = ("claim", "argument")  #: node kinds it may point at
    symmetric: bool = False  #: an attack both ways, written on one side
    on_relations: bool = False  #: may point at a relation ``SRC->TGT`` (an objection to the link)
    attackable: bool = False  #: a relation of this kind may itself be objected to
    written: bool = True  #: a key of a node (``premise`` comes from ``premises:`` instead)
    stub: str | None = None  #: the editor's "add a … here" name for a new node that starts it

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"relation {self.name!r}: role {self.role!r} is not one of {ROLES}")
        if not self.active:
            object.__setattr__(self, "active", self.name)

    @property
    def attack(self) -> bool:
        """Counts as an attack in every evaluation (``contradicts`` both ways)."""
        return self.role == "attack"


#: Key of the edge from each premise of an argument to the argument.
PREMISE = "premise"

#: Every relation, in the order legends, reports and files list them.
RELATIONS: dict[str, RelationKind] = {r.name: r for r in (
    RelationKind("supports", "support", "supported by", "+", "-->",
                 "Ids of the nodes this node supports.", "The new node supports this node.",
                 attackable=True, stub="support"),
    RelationKind("attacks", "attack", "attacked by", "-", "--x",
                 "Ids of the nodes this node attacks, or relations SRC->TGT it objects to.",
                 "The new node attacks this node (denies its conclusion), or a relation SRC->TGT (denies the link).",
                 on_relations=True, attackable=True, stub="counterargument"),
    RelationKind("undercuts", "attack", "undercut by", "~", "-.-x",
                 "Ids of the argument nodes whose inference this node denies, or relations SRC->TGT.",
                 "The new node undercuts this argument (denies its inference), or a relation SRC->TGT.",
                 targets=("argument",), on_relations=True, attackable=True),
    RelationKind("concedes", "concession", "conceded by", "=", "-.-o",
                 "v2: nodes this node grants (part of); never an attack.",
                 "The new node grants (part of) this node; never an attack.", stub="concession"),
    RelationKind("answers", "answer", "answered by", "?", "-.->",
                 "v2: questions this node answers.", "The new node answers this question.",
                 targets=("question",), stub="answer"),
    RelationKind("contradicts", "attack", "contradicted by", "x", "x--x",
                 "v2: nodes in symmetric conflict with this one (write it on one side).",
                 "The new node and this one cannot both hold (a mutual attack).",
                 symmetric=True, attackable=True),
    RelationKind(PREMISE, "premise", "premise", "&", "==>",
                 "One of the linked premises of an argument (written as `premises:` on the argument).",
                 "", active="premise of", written=False),
)}

# -- v1: the original vocabulary (a subset of v2) -------------------------------------------
RELATION_KINDS_V1 = ("supports", "attacks", "undercuts")
NODE_KINDS_V1 = ("claim", "argument")
DEFAULT_KIND = "claim"

#: Keys of a map file, in canonical order (``fmt`` writes them in this order).
MAP_KEYS = ("map", "title", "description", "thesis", "sources", "nodes")

# -- v2 (docs/format-v2.md): what the loader accepts and the writers write --------------------
#: ``claim`` is a statement; ``argument`` an inference step that can be undercut; ``question`` is asked, not evaluated.
NODE_KINDS_V2 = NODE_KINDS_V1 + ("question",)
#: The relations a node may start, in the order they are drawn in legends.
RELATION_KINDS_V2 = tuple(name for name, r in RELATIONS.items() if r.written)
#: Relations that count as attacks in every evaluation, report and drawing.
ATTACK_KINDS = tuple(name for name, r in RELATIONS.items() if r.attack)
#: Relations that lend their source's strength to the target.
SUPPORT_KINDS = tuple(name for name, r in RELATIONS.items() if r.role == "support")
#: Relations that grant (part of) the target: agreement, never an attack.
CONCESSION_KINDS = tuple(name for name, r in RELATIONS.items() if r.role == "concession")
#: Relations that answer a question.
ANSWER_KINDS = tuple(name for name, r in RELATIONS.items() if r.role == "answer")
#: Attacks both ways, written on one side.
SYMMETRIC_KINDS = tuple(name for name, r in RELATIONS.items() if r.symmetric)
#: Who holds a node's view: its writer (``own``) or someone it sets down.
STANCES = ("own", "restates", "reports", "steelman")
DEFAULT_STANCE = "own"
#: Stances that need ``held_by`` (the writer sets down someone else's view).
STANCES_NEEDING_HOLDER = ("restates", "reports")
#: Keys of one node, in canonical order.
NODE_KEYS_V2 = (
    ("id", "title", "kind", "scheme", "text", "by", "held_by", "stance", "source", "quote", "wordings", "tags", "weight",
     "premises", "note", "reviewed")
    + RELATION_KINDS_V2
)
#: Keys of one item of a node's ``wordings:`` (a further wording of the same claim), in canonical order.
WORDING_KEYS = ("text", "by", "source", "quote")
#: Keys of one entry of ``sources:``, in canonical order.
SOURCE_KEYS_V2 = ("title", "author", "date", "url", "replies_to", "order", "file", "reviewed")

RELATION_KINDS = RELATION_KINDS_V2
NODE_KINDS = NODE_KINDS_V2
NODE_KEYS = NODE_KEYS_V2
SOURCE_KEYS = SOURCE_KEYS_V2
#: Keys of a relation written as a mapping (``- to: ...``) instead of a plain id.
RELATION_ITEM_KEYS = ("to", "cq", "inferred", "note", "relation", "reviewed")
#: A relation named as a target: ``SRC->TGT``.
RELATION_SEPARATOR = "->"

#: The drawing options that pick what is drawn (a view), as every surface spells them:
#: ``name: (help, command-line flag, default)``.  :data:`argmap.settings.OPTIONS` lists them
#: first; they live here so the CLI can declare its flags without loading the settings.
VIEW_OPTIONS = {
    "map": ("one map of the folder, with ghosts (dashed) for the nodes of other maps it touches", "--map", None),
    "focus": ("a node id: that node and what lies within `depth` relations of it", "--focus", None),
    "depth": ("how many relations `focus` reaches", "--depth", 2),
    "part": ("a part's root id: one part of a big map, drawn as `build --parts 16` draws it", "--part", None),
}
#: Relations that may target a relation (relevance objections, AFRA).
RELATION_ATTACKERS = tuple(name for name, r in RELATIONS.items() if r.on_relations)
#: Relations that may be targeted.
ATTACKABLE_RELATIONS = tuple(name for name, r in RELATIONS.items() if r.attackable)
#: The marks ``argmap review`` puts on a verdict a reviewer should look at, each with what it
#: means.  A mark is acknowledged where it is placed: ``reviewed: {code: reason}`` on the node
#: or source, or ``reviewed: reason`` on the relation item (see docs/format-v2.md).
REVIEW_CODES = {
    "inferred-decides": "a verdict that one link the mapper inferred decides (or would, if it counted)",
    "weaker-attacker": "an attack that does not defeat its heavier target, or defeats a heavier one under plain Dung",
    "not-an-argument": "an attack whose own note says it is no argument (a leaning, an appeal)",
    "concedes-and-attacks": "a holder who both concedes and attacks the same node",
    "conditional-attacked": "a conditional claim attacked by a claim about its condition (a heuristic)",
    "thesis-falls": "a map's thesis that falls",
    "thesis-open": "a map's thesis that stays open",
    "reply-unlinked": "a source that replies to another but whose nodes link to nothing in it",
}
#: Base score of a node for gradual semantics when it has no ``weight``.
DEFAULT_WEIGHT = 0.5

# -- names -------------------------------------------------------------------------------------
#: Node and source ids: a-z, 0-9 and '-', not at either end, at most 100 characters.
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")
MAX_ID_LENGTH = 100
#: Map names (``map:``, else the file's stem).
MAP_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
#: Files read as maps when a folder is given.
MAP_SUFFIXES = (".yaml", ".yml")
URL_SCHEMES = ("http", "https")

#: Words an id made from text does not end with (the cut left the phrase dangling).
STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from into onto than as so that this these those
    is are was were be been being am do does did has have had can could will would shall should may might
    must its it their our your my his her if then which who whom whose what when where while because about
    over under via per""".split()
)


def slugify(text: str, max_words: int = 6, max_length: int = 90) -> str:
    """A readable id made from text: lower-case ASCII words joined by '-'.

    At most ``max_words`` words and ``max_length`` characters, cut at a word
    boundary; when words were cut off, the id does not end with a stop word
    ("to", "the", "is", ...).  Accents are folded (``é`` → ``e``) and apostrophes
    dropped (``don't`` → ``dont``).

    >>> slugify("Customers choose: no backlash!")
    'customers-choose-no-backlash'
    >>> slugify("Downtown land is too valuable to build parking on")
    'downtown-land-is-too-valuable'
    >>> slugify("Prices go up")   # nothing was cut: every word stays
    'prices-go-up'
    >>> slugify("Müller's café won't close")
    'mullers-cafe-wont-close'
    >>> slugify("!!!")
    'node'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    folded = re.sub(r"['`]", "", folded)
    words = re.findall(r"[a-z0-9]+", folded)
    if not words:
        return "node"
    kept = words[:max_words]
    while len("-".join(kept)) > max_length and len(kept) > 1:
        kept.pop()
    if len(kept) < len(words):  # the phrase was cut: do not leave it hanging on "to", "the"...
        trimmed = list(kept)
        while len(trimmed) > 1 and trimmed[-1] in STOP_WORDS:
            trimmed.pop()
        kept = trimmed
    slug = "-".join(kept)
    if len(slug) > max_length:  # one very long word
        slug = slug[:max_length].strip("-")
    return slug or "node"


_UNSAFE_IN_URL = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]|%(?![0-9A-Fa-f]{2})")


def normalise_url(url: str) -> tuple[str | None, str | None]:
    """``(url, None)`` with characters that need it percent-encoded, or ``(None, reason)``.

    >>> normalise_url("https://example.org/a?b=1&c=<2>")
    ('https://example.org/a?b=1&c=%3C2%3E', None)
    >>> normalise_url("https://x/a b")
    ('https://x/a%20b', None)
    >>> normalise_url("javascript:alert(1)")
    (None, 'must start with http:// or https://')
    >>> normalise_url("https:///path")
    (None, 'has no host name after https://')
    """
    url = url.strip()
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in url):
        return None, "contains a line break or control character"
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unbalanced '[' in the host
        return None, f"is not a valid address ({exc})"
    if parts.scheme.lower() not in URL_SCHEMES or not url.lower().startswith(parts.scheme.lower() + "://"):
        return None, "must start with http:// or https://"
    if not parts.hostname:
        return None, f"has no host name after {parts.scheme.lower()}://"
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            return None, f"host name '{parts.hostname}' cannot be written in ASCII"
        netloc = netloc.replace(parts.hostname, host) if parts.hostname in netloc else host
    if any(c in netloc for c in " <>\"{}|\\^`"):
        return None, f"host name '{parts.hostname}' contains a space or a character not allowed in a host"

    def encode(piece: str) -> str:
        return _UNSAFE_IN_URL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), piece)

    return urlunsplit((parts.scheme.lower(), netloc, encode(parts.path), encode(parts.query), encode(parts.fragment))), None
