#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the packaged lakes layer of the offline basemap.

data/basemap/lakes.gpkg must be EPSG:4326, hold only valid polygons, and
hold Sweden's large lakes: the polygon under each lake's centre is found
and its area computed here (spherical, from the coordinates GDAL hands
back) against the lake's published surface area. Land just beside them
must not be lake.  Prints TAP-like lines and a closing
"N passed, N failed"; exits 1 on any failure.

  check-basemap.py DATA_DIR
"""

import csv
import json
import math
import os
import subprocess
import sys

EARTH_RADIUS_KM = 6371.0088

# (name, lon, lat of a point in open water, surface area in km² as the
# commonly published, rounded; a point on land nearby)
LAKES = [
    ("Vänern", 13.3, 58.9, 5650.0, (13.5, 58.45)),
    ("Vättern", 14.6, 58.4, 1893.0, (15.2, 58.4)),
    ("Mälaren", 17.2, 59.45, 1140.0, (17.6, 59.85)),
    ("Hjälmaren", 15.75, 59.23, 484.0, (15.75, 59.45)),
    ("Storsjön", 14.3, 63.15, 464.0, (14.9, 63.15)),
]
# GSHHG's shorelines are not the register's: a lake within this share of
# its published area is the right polygon (a neighbour or a sliver is not).
AREA_TOLERANCE = 0.12


def ogr(path, sql, fmt="CSV"):
    argv = ["ogr2ogr", "-f", fmt, "/vsistdout/", path, "-dialect", "SQLite", "-sql", sql]
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


def ogr_rows(path, sql):
    return list(csv.DictReader(ogr(path, sql).splitlines()))


def ring_area_km2(ring):
    """Area of a lon/lat ring on the sphere (Lambert cylindrical equal-area)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        total += math.radians(x1 - x0) * (math.sin(math.radians(y0)) + math.sin(math.radians(y1)))
    return abs(total) / 2.0 * EARTH_RADIUS_KM ** 2


def ring_contains(ring, x, y):
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def polygons_at(path, lon, lat):
    """The polygons (lists of rings) of the features whose box holds the point."""
    sql = ("SELECT geom FROM lakes WHERE MbrContains(geom, MakePoint(%r, %r, 4326))" % (lon, lat))
    collection = json.loads(ogr(path, sql, "GeoJSON"))
    polygons = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            polygons.extend(geometry["coordinates"])
    return polygons


def polygon_contains(polygon, lon, lat):
    return ring_contains(polygon[0], lon, lat) and not any(
        ring_contains(hole, lon, lat) for hole in polygon[1:])


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PLATSATLAS_DATA_DIR", "data")
    path = os.path.join(data_dir, "basemap", "lakes.gpkg")
    results = []

    def check(ok, what):
        results.append(ok)
        print("%s %d - %s" % ("ok" if ok else "not ok", len(results), what))

    check(os.path.isfile(path), "%s exists" % path)
    if not results[-1]:
        print("0 passed, 1 failed")
        return 1

    srs = ogr_rows(path, "SELECT s.organization AS org, s.organization_coordsys_id AS id "
                         "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s "
                         "ON s.srs_id = g.srs_id WHERE g.table_name = 'lakes'")
    check([(r["org"].upper(), r["id"]) for r in srs] == [("EPSG", "4326")],
          "the lakes layer is in EPSG:4326 (%s)" % srs)
    counts = ogr_rows(path, "SELECT count(*) AS n, sum(ST_IsValid(geom)) AS valid, "
                            "sum(GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')) AS polygons "
                            "FROM lakes")[0]
    n, valid, polygons = (int(counts[k]) for k in ("n", "valid", "polygons"))
    check(n > 1000, "the layer holds the lakes of the Nordic region (%d features)" % n)
    check(valid == n, "every geometry is valid (%d of %d)" % (valid, n))
    check(polygons == n, "every geometry is a polygon (%d of %d)" % (polygons, n))

    for name, lon, lat, km2, (land_lon, land_lat) in LAKES:
        found = [p for p in polygons_at(path, lon, lat) if polygon_contains(p, lon, lat)]
        check(len(found) == 1, "one lake polygon covers %s's centre (%.2f N, %.2f E)" % (name, lat, lon))
        if found:
            area = ring_area_km2(found[0][0]) - sum(ring_area_km2(h) for h in found[0][1:])
            check(abs(area - km2) <= AREA_TOLERANCE * km2,
                  "it is %s: %.0f km², published %.0f km²" % (name, area, km2))
        on_land = [p for p in polygons_at(path, land_lon, land_lat) if polygon_contains(p, land_lon, land_lat)]
        check(not on_land, "land beside %s (%.2f N, %.2f E) is not lake" % (name, land_lat, land_lon))

    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
