#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# For translators: regenerates po/platsatlas.pot from the files in
# po/POTFILES.in and merges it into every po/LANG.po of po/LINGUAS. New
# strings arrive untranslated or fuzzy (with the previous msgid as a
# "#| msgid" comment); tests/check-po.sh lists what remains to do.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/po-lib.sh"
cd "$top"

po_xgettext "$top" po/platsatlas.pot
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --update --backup=none --previous "po/$lang.po" po/platsatlas.pot
  echo "po/$lang.po: $(msgfmt --statistics -o /dev/null "po/$lang.po" 2>&1)"
done
