#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Dumps GSHHG's lake shorelines (level 2: lakes and river-lakes) and the
# islands in them (level 3) as GMT multisegment text into
# data/sources/basemap/: at full resolution for the Nordic countries
# (gshhg-lakes-nordic-f.txt.gz, lon 4…33.5, lat 54…72) and at high
# resolution for the whole basemap box with two degrees round it
# (gshhg-lakes-h.txt.gz, lon -42…77, lat 34…84). build-datasets.py reads
# the dumps and needs no GMT; run this only to refresh them (Debian:
# apt-get install gmt gmt-gshhg-full gmt-gshhg-high). The regions must
# match GSHHG_NORDIC_BOX and GSHHG_DUMP_BOX in build-datasets.py.
#
# gmt coast cuts shorelines into GSHHG's bins (one segment per lake and bin,
# with a "Level N" header) and at the region's edge; build-datasets.py
# joins the pieces into closed rings. -A1/2/3: features of at least 1 km²
# (GSHHG's area of the whole polygon), levels 2 to 3 only.
set -eu
dir=$(cd "$(dirname "$0")/../sources/basemap" && pwd)
# GMT leaves gmt.history and gmt.conf in the current folder.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

dump () {
  gmt coast -R"$1" -D"$2" -A1/2/3 -W2/0.1p -W3/0.1p -M | gzip -9n > "$3.tmp"
  mv "$3.tmp" "$3"
}

dump 4/33.5/54/72 f "$dir/gshhg-lakes-nordic-f.txt.gz"
dump -42/77/34/84 h "$dir/gshhg-lakes-h.txt.gz"
