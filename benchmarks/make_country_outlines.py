"""Rebuild src/sahel_analysis/data/sahel_outlines.json (GeoJSON): West and North-Central African country outlines for the place map.

Origin: Natural Earth's 1:110m Admin 0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as geopandas 0.14 shipped
them in its wheel (geopandas/datasets/naturalearth_lowres, dropped in geopandas 1.0).
This script reads that shapefile with the standard library only (the .shp
polygons and the .dbf attributes), keeps the rings (islands, mainlands) whose bounding box
meets BBOX, rounds coordinates to DECIMALS places (about a kilometre, far below the
1:110m generalisation) and writes a small GeoJSON the package reads at run time
with json: no geo library, no download.

    .venv/bin/pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    cd /tmp/gpd && unzip -o geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    .venv/bin/python benchmarks/make_country_outlines.py /tmp/gpd/geopandas/datasets/naturalearth_lowres
"""

from __future__ import annotations

import argparse
import json
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "sahel_analysis" / "data" / "sahel_outlines.json"
# lon_min, lat_min, lon_max, lat_max: the Sahel from the Atlantic to Chad, with the neighbours around it.
BBOX = (-18.0, 3.0, 25.0, 29.0)
DECIMALS = 2
POLYGON = 5  # the shapefile shape type of a polygon


def read_dbf(path: Path) -> list[dict[str, str]]:
    """The records of a dBASE III file, every field as stripped text."""
    data = path.read_bytes()
    n, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    for at in range(32, header_len - 1, 32):
        name = data[at : at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[at + 16]))
    records = []
    for k in range(n):
        at = header_len + k * record_len + 1  # skip the deletion flag
        row = {}
        for name, width in fields:
            row[name] = data[at : at + width].decode("latin-1").strip()  # the .cpg says ISO-8859-1
            at += width
        records.append(row)
    return records


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Every shape of a polygon shapefile, as its rings of (lon, lat).

    Natural Earth's 1:110m countries of this region have no holes (every ring
    runs clockwise), so each ring is written as a polygon of its own.
    """
    data = path.read_bytes()
    at, shapes = 100, []
    while at < len(data):
        _, length = struct.unpack(">II", data[at : at + 8])
        body = data[at + 8 : at + 8 + 2 * length]
        at += 8 + 2 * length
        (kind,) = struct.unpack("<i", body[:4])
        if kind != POLYGON:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = [*struct.unpack(f"<{n_parts}i", body[44 : 44 + 4 * n_parts]), n_points]
        points = struct.unpack(f"<{2 * n_points}d", body[44 + 4 * n_parts : 44 + 4 * n_parts + 16 * n_points])
        xy = list(zip(points[0::2], points[1::2], strict=True))
        shapes.append([xy[parts[i] : parts[i + 1]] for i in range(n_parts)])
    return shapes


def meets(ring, bbox) -> bool:
    """Whether the ring's bounding box meets `bbox`."""
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return (
        bool(xs) and min(xs) <= bbox[2] and max(xs) >= bbox[0] and min(ys) <= bbox[3] and max(ys) >= bbox[1]
    )


def simplified(ring):
    """The ring rounded to DECIMALS, consecutive repeats dropped, closed."""
    out = []
    for x, y in ring:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="the naturalearth_lowres folder of a geopandas<1.0 wheel")
    folder = parser.parse_args().folder
    records = read_dbf(folder / "naturalearth_lowres.dbf")
    shapes = read_polygons(folder / "naturalearth_lowres.shp")
    features = []
    for record, rings in sorted(zip(records, shapes, strict=True), key=lambda rs: rs[0]["iso_a3"]):
        rings = [r for r in rings if meets(r, BBOX)]  # France's Guiana and mainland stay out
        if not rings:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"iso3": record["iso_a3"], "name": record["name"]},
                "geometry": {"type": "MultiPolygon", "coordinates": [[simplified(r)] for r in rings]},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries, as shipped in geopandas 0.14.4 "
        "(datasets/naturalearth_lowres); rebuilt by benchmarks/make_country_outlines.py",
        "license": "public domain (Natural Earth terms of use)",
        "bbox": list(BBOX),
        "features": features,
    }
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
