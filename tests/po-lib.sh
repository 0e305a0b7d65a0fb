# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by check-po.sh and update-po.sh (sourced, not run): how the
# translation template is extracted, so both always agree.

# The files listed in po/POTFILES.in, one a line, without comments.
po_potfiles ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1/po/POTFILES.in"
}

# po_xgettext SRCROOT OUTPUT.pot
# Extracts every translatable string of the files in POTFILES.in. C sources
# use GLib's gettext macros; .ui, .desktop.in and .metainfo.xml.in files are
# recognised by xgettext from their names (GtkBuilder and AppStream ITS
# rules, Desktop Entry syntax).
po_xgettext ()
{
  local top=$1 out=$2
  po_potfiles "$top" | xgettext --directory="$top" --files-from=- \
    --output="$out" --package-name=platsatlas --from-code=UTF-8 \
    --add-comments=Translators: --sort-by-file \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
    --flag=_:1:pass-c-format --flag=N_:1:pass-c-format \
    --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_set_error:4:c-format --flag=g_string_append_printf:2:c-format
}
