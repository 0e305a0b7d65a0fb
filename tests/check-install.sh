#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The build-tree app finds its compiled schema without GSETTINGS_SCHEMA_DIR,
# and `meson install --destdir` installs every file a user needs, with
# binaries that run. Usage: check-install.sh BUILD_DIR PREFIX
set -euo pipefail
build=$1
prefix=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

fail () { echo "not ok: $*"; exit 1; }

# The app creates its GSettings before it parses options: --help alone
# aborted when the schema was not installed.
env -u GSETTINGS_SCHEMA_DIR -u GSETTINGS_BACKEND "$build/src/app/platsatlas" --help >/dev/null \
  || fail "the build-tree app does not start without GSETTINGS_SCHEMA_DIR"

meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null
root=$dest$prefix
for f in bin/platsatlas bin/platsatlas-cli \
         share/glib-2.0/schemas/se.platsatlas.Platsatlas.gschema.xml \
         share/applications/se.platsatlas.Platsatlas.desktop \
         share/metainfo/se.platsatlas.Platsatlas.metainfo.xml \
         share/platsatlas/datasets/sverige-kommuner/manifest.json \
         share/platsatlas/datasets/uppsala-lan/manifest.json \
         share/platsatlas/basemap/land.gpkg \
         share/platsatlas/basemap/lakes.gpkg \
         share/locale/sv/LC_MESSAGES/platsatlas.mo; do
  [ -e "$root/$f" ] || fail "meson install did not install $f"
done
echo "ok: installed files present"

# The installed schema compiles, and the installed binaries run with it
# and with the installed data.
glib-compile-schemas --strict "$root/share/glib-2.0/schemas"
GSETTINGS_SCHEMA_DIR=$root/share/glib-2.0/schemas "$root/bin/platsatlas" --help >/dev/null \
  || fail "the installed app does not start"
PLATSATLAS_DATA_DIR=$root/share/platsatlas \
  "$root/bin/platsatlas-cli" info "$root/share/platsatlas/datasets/sverige-kommuner" >/dev/null \
  || fail "the installed platsatlas-cli cannot read the installed dataset"
echo "ok: installed app and CLI run"
