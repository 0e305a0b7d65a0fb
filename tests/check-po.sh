#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# po-complete: every file with translatable strings is in po/POTFILES.in, and
# po/sv.po translates every string extracted from them (nothing untranslated,
# nothing fuzzy, formats consistent). Usage: tests/check-po.sh [SRCROOT]
set -euo pipefail
top=$(cd "${1:-$(dirname "$0")/..}" && pwd)
. "$top/tests/po-lib.sh"
cd "$top"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# (a) Files that mark strings for translation but are not listed.
po_potfiles "$top" | LC_ALL=C sort -u >"$tmp/listed"
{
  grep -rlE --include='*.c' --include='*.h' --include='*.ui' \
    '(^|[^[:alnum:]_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(|translatable="yes"' \
    src ui resources data 2>/dev/null || true
  # Desktop and AppStream files are translated whole.
  ls data/*.desktop.in data/*.metainfo.xml.in 2>/dev/null || true
} | LC_ALL=C sort -u >"$tmp/marked"
missing=$(LC_ALL=C comm -23 "$tmp/marked" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  printf '  %s\n' $missing
  status=1
fi
while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists a file that does not exist: $f"
    status=1
  fi
done <"$tmp/listed"
[ "$status" -eq 0 ] || exit "$status"

# Prints each msgid of a PO file (after its msgctxt and " | ", if any), one
# a line, as it is quoted in the file.
list_msgids ()
{
  msgattrib --no-wrap --no-obsolete "$@" | awk -v RS= '
    {
      ctxt = id = mode = ""
      n = split ($0, line, "\n")
      for (i = 1; i <= n; i++) {
        if (line[i] ~ /^msgctxt /) { mode = "c"; ctxt = substr (line[i], 9) }
        else if (line[i] ~ /^msgid /) { mode = "i"; id = substr (line[i], 7) }
        else if (line[i] ~ /^"/ && mode == "i") id = substr (id, 1, length (id) - 1) substr (line[i], 2)
        else if (line[i] ~ /^"/ && mode == "c") ctxt = substr (ctxt, 1, length (ctxt) - 1) substr (line[i], 2)
        else mode = ""
      }
      if (id != "\"\"") print "  " (ctxt != "" ? ctxt " | " : "") id
    }'
}

# (b) Every string extracted correctly, and translated in every language of
# po/LINGUAS.
#
# xgettext cannot expand macros such as G_GSIZE_FORMAT inside a msgid: it
# extracts a cut-off string that never matches at run time. Any warning of
# xgettext marks such a string, so it fails the check.
if ! po_xgettext "$top" "$tmp/platsatlas.pot" 2>"$tmp/xgettext.log" ||
   [ -s "$tmp/xgettext.log" ]; then
  echo "xgettext could not extract every string correctly (use plain %u, %d,"
  echo "%lu… with a cast instead of G_*_FORMAT macros in translatable strings):"
  sed 's/^/  /' "$tmp/xgettext.log"
  status=1
fi
# A msgid ending in a lone "%" was cut off at such a macro.
cut=$(msggrep --no-wrap --msgid -E -e '(^|[^%])(%%)*%$' "$tmp/platsatlas.pot" 2>/dev/null |
      grep -E '^(#:|msgid )' | sed -e '1,2{/^msgid ""$/d}' || true)
if [ -n "$cut" ]; then
  echo "Strings cut off at a G_*_FORMAT macro (never translated at run time):"
  echo "$cut" | sed 's/^/  /'
  status=1
fi
total=$(msgattrib --no-obsolete "$tmp/platsatlas.pot" | grep -c '^msgid ' || true)
total=$((total - 1))   # the header entry

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --no-wrap --output-file="$tmp/$lang.po" \
    "po/$lang.po" "$tmp/platsatlas.pot"
  if ! errors=$(msgfmt --check-format --check-domain -o /dev/null "$tmp/$lang.po" 2>&1); then
    echo "po/$lang.po, merged with the current strings: format errors:"
    echo "$errors" | sed "s|$tmp/||"
    status=1
  fi
  untranslated=$(list_msgids --untranslated "$tmp/$lang.po")
  fuzzy=$(list_msgids --only-fuzzy "$tmp/$lang.po")
  if [ -n "$untranslated" ]; then
    echo "po/$lang.po: $(wc -l <<<"$untranslated") of $total strings untranslated:"
    echo "$untranslated"
    status=1
  fi
  if [ -n "$fuzzy" ]; then
    echo "po/$lang.po: $(wc -l <<<"$fuzzy") of $total strings fuzzy (need review):"
    echo "$fuzzy"
    status=1
  fi
  [ "$status" -ne 0 ] || echo "po/$lang.po: all $total strings translated"
done
if [ "$status" -ne 0 ]; then
  echo "Run tests/update-po.sh, translate po/*.po, and run this check again."
fi
exit "$status"
