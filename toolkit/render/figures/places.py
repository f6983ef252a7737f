"""The places the map shows, as data from the model: every register place the edition (or
one document) mentions, with its mentions counted, its coordinates (<geo>) or the basemap
country it is (matched through its <placeName type="en"> to Natural Earth's name), and
the points the regional panel must show (`frame_points`). Pure over the corpus and its
index; drawn by map.py.
"""

from __future__ import annotations

import dataclasses
import functools

from toolkit.model.corpus import Corpus
from toolkit.model.index import Index, ru_sort_key
from toolkit.render.figures import geo

# Natural Earth's English names where a register may use another common form
NE_ALIASES = {
    "Russian Federation": "Russia",
    "Czech Republic": "Czechia",
    "North Macedonia": "Macedonia",
    "Republic of Moldova": "Moldova",
    "Bosnia and Herzegovina": "Bosnia and Herz.",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Republic of Korea": "South Korea",
}
HUGE_KM2 = 5_000_000  # a country this large (Russia, China) does not widen the frame
EARTH_KM = 6371.0


@dataclasses.dataclass(frozen=True)
class MapPlace:
    ref: str  # "pla:almaty"
    name: str  # the register's canonical name
    mentions: int
    lat: float | None = None
    lon: float | None = None
    area: str | None = None  # the basemap's country it is (hatched when it has no point)

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None


def basemap_country(entry) -> str | None:
    """The basemap's name of the country an entry is (its English name, in Natural Earth's
    spelling), if the basemap has it."""
    en = entry.english[0] if entry.english else None
    area = NE_ALIASES.get(en, en)
    return area if area in geo.basemap().countries else None


def map_places(corpus: Corpus, index: Index, docid: str | None = None) -> list[MapPlace]:
    """The places the edition (or one document) mentions, with their mentions counted and
    their coordinates or basemap country; in Russian alphabetical order."""
    if docid is None:
        mentioned = [(entry, len(occs)) for entry, occs in index.entries(corpus, "place")]
    else:
        counts = {ref: n for ref, (n, _) in index.mentions_by_doc.get(docid, {}).items() if ref.startswith("pla:")}
        entries = [corpus.registers.get(ref) for ref in counts]
        mentioned = sorted(((e, counts[e.ref]) for e in entries if e), key=lambda p: ru_sort_key(p[0].name))
    out = []
    for entry, n in mentioned:
        lat, lon = entry.geo if entry.geo else (None, None)
        out.append(MapPlace(entry.ref, entry.name, n, lat, lon, basemap_country(entry)))
    return out


@functools.lru_cache(maxsize=256)
def _country_facts(name: str) -> tuple[tuple[float, float], float]:
    """A country's representative point ((lat, lon): the centre of its largest ring) and
    its area in km² (on the Albers projection, which keeps areas)."""
    base = geo.basemap()
    proj = geo.Albers(60.0)
    best, total = None, 0.0
    for polygon in base.countries[name]:
        ring = geo.ring_points(base.arcs, polygon[0])
        area = geo.ring_area([proj(lon, lat) for lon, lat in ring])
        total += area
        if best is None or area > best[0]:
            best = (area, ring)
    lon, lat = geo.centroid(best[1])
    return (lat, lon), total * EARTH_KM**2


def frame_points(places: list[MapPlace]) -> tuple[tuple[float, float], ...]:
    """What the regional panel must show: the points in the region, and the centres of
    the countries (not the huge ones) that the places name."""
    pts = {p.point for p in places if p.point and geo.in_region(*p.point)}
    for p in places:
        if p.point is None and p.area:
            centre, km2 = _country_facts(p.area)
            if km2 < HUGE_KM2 and geo.in_region(*centre):
                pts.add((round(centre[0], 2), round(centre[1], 2)))
    return tuple(sorted(pts))
