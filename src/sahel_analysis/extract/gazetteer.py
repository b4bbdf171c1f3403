"""The curated gazetteer: who the documents name, with the Arabic forms they use and the relations they state.

`data/actors.yaml` lists every actor with its forms, titles and Latin forms;
`data/actors_rejected.yaml` the names looked at and left out (and the forms
that must never count as an actor). A project may extend the package's list
with its own actors in `coding/gazetteer.yaml` (same format), which is where
`sahel-analysis actors accept` puts a discovered name. This module reads them,
checks them and holds them as frozen records; extraction (`extract.actors`)
matches the forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

from sahel_analysis.atomic import replace_atomically
from sahel_analysis.corpus.catalog import find_project_root, load_yaml_safely
from sahel_analysis.errors import SahelError
from sahel_analysis.package_data import load_yaml
from sahel_analysis.text.normalize import normalize_arabic

ACTOR_TYPES = (
    "state", "government", "person", "jihadist_group", "jihadist_subgroup", "separatist_movement",
    "foreign_state", "international_organization", "regional_organization", "military_operation",
    "national_institution", "civil_society", "other",
)  # fmt: skip
RELATION_TYPES = (
    "member_of", "part_of", "split_from", "founded_by", "led_by", "affiliated_with", "allied_with", "rival_of",
)  # fmt: skip
GAZETTEER_FILE = "data/actors.yaml"
USER_GAZETTEER = Path("coding") / "gazetteer.yaml"  # a project's own actors, beside its codings
REJECTED_FILE = "data/actors_rejected.yaml"
ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Alias:
    """One surface form of an actor (or a title, or a form that names no actor)."""

    form: str
    actor_id: str | None  # None for generic titles and blocked forms
    kind: str = "name"  # name, title, latin, blocked
    docs: tuple[str, ...] = ()  # the form names the actor only in these documents
    future: bool = False  # kept for documents to come
    awaits_repair: bool = False  # in a verified reading of a seed (tests/data), not yet in its repair

    def applies_to(self, doc_id: str) -> bool:
        """Whether the form may be read as this actor in document `doc_id`."""
        return not self.docs or doc_id in self.docs


@dataclass(frozen=True)
class Relation:
    """A relation between two actors, stated by a verbatim quote of one document."""

    source_id: str
    relation: str
    target_id: str
    doc_id: str
    quote_ar: str
    note: str = ""


@dataclass(frozen=True)
class Actor:
    """One entry of the gazetteer."""

    id: str
    name_en: str
    name_ar: str
    actor_type: str
    country: str = ""
    name_fr: str = ""
    acronym: str = ""
    aliases: tuple[Alias, ...] = ()
    titles: tuple[Alias, ...] = ()
    latin_forms: tuple[Alias, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def label_en(self) -> str:
        """Short English label: the acronym where there is one, else the name without its gloss."""
        return self.acronym or re.sub(r"\s*\(.*\)$", "", self.name_en)


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Every actor, the generic titles, and the forms that must never count as an actor.

    Compared by identity: a gazetteer is one loaded resource, so the matcher
    built over its forms can be cached per gazetteer.
    """

    actors: tuple[Actor, ...]
    generic_titles: tuple[Alias, ...] = ()
    blocked: tuple[Alias, ...] = ()

    def actor(self, actor_id: str) -> Actor:
        """The actor with id `actor_id`."""
        return self._index()[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._index()

    def _index(self) -> dict[str, Actor]:
        return self._by_id

    @cached_property
    def _by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    def all_forms(self) -> tuple[Alias, ...]:
        """Every form the matcher looks for: names, titles, Latin forms, blocked forms."""
        out: list[Alias] = []
        for a in self.actors:
            out += [*a.aliases, *a.titles, *a.latin_forms]
        return (*out, *self.generic_titles, *self.blocked)

    def relations(self) -> tuple[Relation, ...]:
        """Every relation, in gazetteer order."""
        return tuple(r for a in self.actors for r in a.relations)


# ----------------------------------------------------------------------------- loading


def _alias(item: object, actor_id: str | None, kind: str, where: str) -> Alias:
    if isinstance(item, str):
        return Alias(item, actor_id, kind)
    if isinstance(item, Mapping) and isinstance(item.get("form"), str):
        unknown = set(item) - {"form", "docs", "future", "awaits_repair", "note"}
        if unknown:
            raise SahelError(where, f"unknown alias keys {sorted(unknown)} for {item['form']!r}")
        return Alias(
            item["form"],
            actor_id,
            kind,
            tuple(str(d) for d in item.get("docs", ())),
            bool(item.get("future", False)),
            bool(item.get("awaits_repair", False)),
        )
    raise SahelError(where, f"an alias must be a string or a mapping with 'form', not {item!r}")


def parse_gazetteer(data: Mapping, blocked: Iterable[str] = (), where: str = GAZETTEER_FILE) -> Gazetteer:
    """Build and check a gazetteer from its YAML structure.

    Raises SahelError when an id is malformed or repeated, a type or relation is
    outside the CONTRACT vocabulary, a relation points at no actor, or one form
    names two actors in the same document.
    """
    actors = []
    for raw in data.get("actors", []):
        aid = raw.get("id", "")
        if not ID_RE.fullmatch(aid):
            raise SahelError(where, f"actor id {aid!r} is not lowercase snake_case")
        if raw.get("actor_type") not in ACTOR_TYPES:
            raise SahelError(where, f"{aid}: actor_type {raw.get('actor_type')!r} is not in the vocabulary")
        acronym = str(raw.get("acronym", "") or "")
        latin = [*([acronym] if acronym else []), *raw.get("latin_forms", [])]
        relations = []
        for rel in raw.get("relations", []) or []:
            if rel.get("relation") not in RELATION_TYPES:
                raise SahelError(where, f"{aid}: relation {rel.get('relation')!r} is not in the vocabulary")
            relations.append(
                Relation(
                    aid,
                    rel["relation"],
                    rel["target"],
                    str(rel["doc_id"]),
                    rel["quote_ar"],
                    rel.get("note", ""),
                )
            )
        actors.append(
            Actor(
                id=aid,
                name_en=raw["name_en"],
                name_ar=raw["name_ar"],
                actor_type=raw["actor_type"],
                country=raw.get("country", "") or "",
                name_fr=raw.get("name_fr", "") or "",
                acronym=acronym,
                aliases=tuple(_alias(x, aid, "name", where) for x in raw.get("aliases_ar", [])),
                titles=tuple(_alias(x, aid, "title", where) for x in raw.get("titles_ar", []) or []),
                latin_forms=tuple(_alias(x, aid, "latin", where) for x in dict.fromkeys(latin)),
                relations=tuple(relations),
            )
        )
    gaz = Gazetteer(
        tuple(actors),
        tuple(_alias(x, None, "title", where) for x in data.get("generic_titles", [])),
        tuple(Alias(f, None, "blocked") for f in blocked),
    )
    _check(gaz, where)
    return gaz


def _check(gaz: Gazetteer, where: str) -> None:
    ids = [a.id for a in gaz.actors]
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        raise SahelError(where, f"actor ids defined twice: {repeated}")
    for rel in gaz.relations():
        if rel.target_id not in gaz:
            raise SahelError(where, f"{rel.source_id}: relation target {rel.target_id!r} is not an actor")
        if not rel.quote_ar.strip():
            raise SahelError(where, f"{rel.source_id} {rel.relation} {rel.target_id}: empty quote")
    seen: dict[tuple[str, str], str] = {}
    for alias in gaz.all_forms():
        key = normalize_arabic(alias.form) if alias.kind != "latin" else alias.form
        for scope in alias.docs or ("*",):
            owner = seen.setdefault((key, scope), alias.actor_id or "")
            if owner != (alias.actor_id or ""):
                raise SahelError(where, f"form {alias.form!r} names both {owner!r} and {alias.actor_id!r}")


@cache
def load_rejected() -> Mapping:
    """The curated non-actors: discovery candidates rejected with a reason, and blocked forms."""
    return load_yaml(REJECTED_FILE.removeprefix("data/"))


def user_gazetteer_path(root: Path | None = None) -> Path:
    """Where a project keeps its own actors: `coding/gazetteer.yaml` beside its seeds."""
    return (root if root is not None else find_project_root()) / USER_GAZETTEER


def read_user_actors(path: Path) -> list[dict]:
    """The actor entries of a user gazetteer file ([] when there is none), with one-line errors."""
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SahelError(path, f"cannot be read ({type(exc).__name__})") from None
    data = load_yaml_safely(text, path) or {}  # no aliases, no deep nesting, like the catalog
    if not isinstance(data, Mapping) or not isinstance(data.get("actors", []), list):
        raise SahelError(path, "must hold a mapping with an 'actors' list, as data/actors.yaml does")
    return list(data.get("actors", []))


@cache
def _load_gazetteer(user_file: Path, stamp: float) -> Gazetteer:
    blocked = [b["form"] for b in load_rejected().get("blocked", [])]
    package = load_yaml(GAZETTEER_FILE.removeprefix("data/"))
    user = read_user_actors(user_file)
    if not user:
        return parse_gazetteer(package, blocked)
    package_ids = {a["id"] for a in package.get("actors", [])}
    clash = sorted({a.get("id") for a in user} & package_ids)
    if clash:
        raise SahelError(user_file, f"actor id(s) {clash} are already in the package gazetteer")
    merged = {**package, "actors": [*package.get("actors", []), *user]}
    return parse_gazetteer(merged, blocked, where=f"{GAZETTEER_FILE} + {user_file}")


def load_gazetteer() -> Gazetteer:
    """The project gazetteer: the package's actors and the project's own (`coding/gazetteer.yaml`).

    Read once per version of the user file (a new `actors accept` is seen at once).
    Outside a project (the library used on its own) it is the package's list.
    """
    try:
        path = user_gazetteer_path()
    except SahelError:
        path = Path(USER_GAZETTEER)
    return _load_gazetteer(path, path.stat().st_mtime if path.is_file() else 0.0)


def accept_actor(
    surface: str,
    actor_type: str,
    name_en: str,
    *,
    actor_id: str = "",
    country: str = "",
    root: Path | None = None,
) -> Actor:
    """Add a discovered name to the project's own gazetteer, so that it counts as an actor from now on.

    The id is made from the English name unless given. The whole merged
    gazetteer is checked before the file is written (atomically), so a clash
    (an id or a form already taken) leaves the file as it was.
    """
    surface = " ".join(surface.split())
    if not surface:
        raise SahelError("SURFACE", "is empty")
    if actor_type not in ACTOR_TYPES:
        raise SahelError("--type", f"{actor_type!r} is not one of {', '.join(ACTOR_TYPES)}")
    if not name_en.strip():
        raise SahelError("--name-en", "is empty")
    actor_id = actor_id or re.sub(r"[^a-z0-9]+", "_", name_en.lower()).strip("_")
    if not ID_RE.fullmatch(actor_id):
        raise SahelError("--id", f"{actor_id!r} is not lowercase snake_case (letters, digits, _)")
    path = user_gazetteer_path(root)
    entries = read_user_actors(path)
    entry = {"id": actor_id, "name_en": name_en.strip(), "name_ar": surface, "actor_type": actor_type}
    if country:
        entry["country"] = country
    entry["aliases_ar"] = [surface]
    blocked = [b["form"] for b in load_rejected().get("blocked", [])]
    package = load_yaml(GAZETTEER_FILE.removeprefix("data/"))
    if actor_id in {a["id"] for a in package.get("actors", [])}:
        raise SahelError(path, f"actor id {actor_id!r} is already in the package gazetteer")
    merged = parse_gazetteer(
        {**package, "actors": [*package.get("actors", []), *entries, entry]}, blocked, where=str(path)
    )
    header = "# This project's own actors, added to the package gazetteer (format: data/actors.yaml).\n"
    text = header + yaml.safe_dump({"actors": [*entries, entry]}, allow_unicode=True, sort_keys=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return merged.actor(actor_id)
