/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cpl_string.h>
#include <cpl_vsi.h>

#include "atlas-loader-private.h"

/* Reads the value tables, values/<year>.csv, with a small CSV reader
 * into the package's dense tables (see AtlasPackage), one cell per
 * area of every division. */

static gboolean
index_cells (Loader *l)
{
  AtlasPackage *pkg = l->pkg;
  guint cell = 0;

  pkg->division_offsets = g_new0 (guint, pkg->divisions->len);
  for (guint d = 0; d < pkg->divisions->len; d++)
    {
      AtlasDivision *division = g_ptr_array_index (pkg->divisions, d);

      pkg->division_offsets[d] = cell;
      for (guint a = 0; a < atlas_division_get_n_areas (division); a++, cell++)
        g_hash_table_insert (l->cell_of_code,
                             (char *) atlas_area_get_code (atlas_division_get_area (division, a)),
                             GUINT_TO_POINTER (cell + 1));
    }
  pkg->n_cells = cell;
  if (cell <= ATLAS_LIMIT_AREAS)
    return TRUE;

  atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, NULL, NULL,
                            _("the package has %u areas; expected at most %u in all divisions together"),
                            cell, (guint) ATLAS_LIMIT_AREAS);
  return FALSE;
}

typedef struct
{
  const char *p;
  const char *end;
  guint       line;   /* line of the next record, from 1 */
  GString    *buf;    /* the fields of the record, each NUL-terminated */
  GArray     *starts; /* gsize offsets of the fields in buf */
} CsvReader;

static void
csv_skip_blank_lines (CsvReader *r)
{
  while (r->p < r->end && (*r->p == '\n' || *r->p == '\r'))
    {
      if (*r->p == '\n')
        r->line++;
      r->p++;
    }
}

/* RFC 4180: fields may be quoted, quotes doubled, newlines inside quotes. */
static gboolean
csv_next_record (CsvReader *r,
                 guint     *line)
{
  gboolean quoted = FALSE;
  gsize start = 0;

  csv_skip_blank_lines (r);
  if (r->p >= r->end)
    return FALSE;

  *line = r->line;
  g_string_truncate (r->buf, 0);
  g_array_set_size (r->starts, 0);
  g_array_append_val (r->starts, start);

  for (; r->p < r->end; r->p++)
    {
      char c = *r->p;

      if (quoted && c == '"' && r->p + 1 < r->end && r->p[1] == '"')
        g_string_append_c (r->buf, *r->p++);
      else if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == ',')
        {
          g_string_append_c (r->buf, '\0');
          start = r->buf->len;
          g_array_append_val (r->starts, start);
        }
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else
        {
          if (c == '\n')
            r->line++;
          g_string_append_c (r->buf, c);
        }
    }

  g_string_append_c (r->buf, '\0');
  return TRUE;
}

static char *
csv_field (CsvReader *r,
           guint      i)
{
  return g_strstrip (r->buf->str + g_array_index (r->starts, gsize, i));
}

typedef struct
{
  char  *file;     /* "values/2014.csv" */
  guint  year_index;
  int   *columns;  /* indicator index per column; -1 for code and skipped */
  guint  n_columns;
  guint *row_line; /* per cell: the line of its row, or 0 */
} Table;

static int *
read_table_header (Loader    *l,
                   Table     *t,
                   CsvReader *r)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint line;
  int *columns;

  if (!csv_next_record (r, &line) || !g_str_equal (csv_field (r, 0), "code"))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, _("line 1"),
                                _("the header does not start with “code”; expected “code” followed by indicator ids"));
      return NULL;
    }

  t->n_columns = r->starts->len;
  columns = g_new (int, t->n_columns);
  columns[0] = -1;
  for (guint c = 1; c < t->n_columns; c++)
    {
      const char *name = csv_field (r, c);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (l->indicator_index, name));

      columns[c] = (int) index - 1;
      if (index == 0)
        atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, _("line 1"),
                                  _("unknown indicator column “%s”; expected the id of an indicator in manifest.json"), name);
      else if (!g_hash_table_add (seen, (gpointer) name))
        {
          atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, _("line 1"),
                                    _("the column “%s” appears twice; expected each indicator once"), name);
          columns[c] = -1;
        }
    }

  return columns;
}

static char *
category_codes (AtlasIndicator *indicator)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < atlas_indicator_get_n_categories (indicator); i++)
    g_string_append_printf (s, "%s%d", i > 0 ? ", " : "",
                            atlas_indicator_get_category (indicator, i)->code);

  return g_string_free (s, FALSE);
}

static gboolean
check_value (Loader         *l,
             Table          *t,
             Place          *location,
             AtlasIndicator *indicator,
             const char     *text,
             double          value)
{
  g_autofree char *codes = NULL;

  if (atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY ||
      (value == floor (value) && fabs (value) < G_MAXINT &&
       atlas_indicator_lookup_category (indicator, (int) value) != NULL))
    return TRUE;

  codes = category_codes (indicator);
  atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, location),
                            _("the value “%s” in column “%s” is not a declared category; expected one of %s"),
                            text, atlas_indicator_get_id (indicator), codes);
  return FALSE;
}

/* A plain decimal number: digits with an optional sign, decimal point and
 * exponent. g_ascii_strtod() also takes hex floats, "inf" and "nan". */
static gboolean
is_decimal (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static void
read_cell (Loader     *l,
           Table      *t,
           Place      *location,
           guint       column,
           const char *text,
           guint       cell)
{
  AtlasPackage *pkg = l->pkg;
  AtlasIndicator *indicator = g_ptr_array_index (pkg->indicators, t->columns[column]);
  StagedValue staged;
  double value = NAN;

  if (*text == '\0' || g_str_equal (text, ".."))
    return;

  if (is_decimal (text))
    value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, location),
                                _("non-numeric value “%s” in column “%s”; expected a number with a decimal point, an empty cell or “..”"),
                                text, atlas_indicator_get_id (indicator));
      return;
    }
  if (!check_value (l, t, location, indicator, text, value))
    return;

  staged.table = (guint32) t->columns[column] * pkg->years->len + t->year_index;
  staged.cell = cell;
  staged.value = value;
  g_array_append_val (l->staged, staged);
}

/* The row's cell, or G_MAXUINT after reporting why the row is skipped. */
static guint
row_cell (Loader     *l,
          Table      *t,
          Place      *location,
          const char *code,
          guint       line)
{
  guint cell = GPOINTER_TO_UINT (g_hash_table_lookup (l->cell_of_code, code));

  if (cell == 0)
    {
      if (l->areas_complete && !g_hash_table_contains (l->rejected_codes, code))
        atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, location),
                                  _("unknown area code “%s”; expected a code of a division in manifest.json"), code);
      return G_MAXUINT;
    }

  cell--;
  if (t->row_line[cell] != 0)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, location),
                                _("a second row for area “%s”; expected one row per area (the first is on line %u)"),
                                code, t->row_line[cell]);
      return G_MAXUINT;
    }

  t->row_line[cell] = line;
  return cell;
}

static void
read_row (Loader    *l,
          Table     *t,
          CsvReader *r,
          guint      line)
{
  g_auto(Place) place = { FALSE, line, NULL };
  Place *location = &place;
  guint cell;

  if (r->starts->len != t->n_columns)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, location),
                                _("the row has %u cells; expected %u as in the header"), r->starts->len, t->n_columns);
      return;
    }

  cell = row_cell (l, t, location, csv_field (r, 0), line);
  if (cell == G_MAXUINT)
    return;

  for (guint c = 1; c < t->n_columns; c++)
    if (t->columns[c] >= 0)
      read_cell (l, t, location, c, csv_field (r, c), cell);
}

/* A NUL byte would silently end a cell early. */
static gboolean
check_text (Loader     *l,
            Table      *t,
            const char *text,
            gsize       length)
{
  const char *nul = memchr (text, '\0', length);
  const char *bad = NULL;
  g_auto(Place) place = { FALSE, 1, NULL };

  if (nul == NULL && g_utf8_validate_len (text, length, &bad))
    return TRUE;

  for (const char *p = text; p < (nul != NULL ? nul : bad); p++)
    place.number += *p == '\n';
  if (nul != NULL)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, &place),
                              _("a NUL byte; expected UTF-8 text"));
  else
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, atlas_loader_where (l, &place),
                              _("the text is not valid UTF-8; expected a table saved as UTF-8"));
  return FALSE;
}

static void
read_rows (Loader    *l,
           Table     *t,
           CsvReader *r)
{
  guint line;

  t->columns = read_table_header (l, t, r);
  t->row_line = g_new0 (guint, l->pkg->n_cells);
  for (guint n = 1; t->columns != NULL && csv_next_record (r, &line); n++)
    {
      if (l->staged->len > ATLAS_LIMIT_VALUE_CELLS)
        {
          g_autofree char *limit = atlas_format_number ((double) ATLAS_LIMIT_VALUE_CELLS, 0, NULL);
          atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, NULL,
                                    _("the tables hold more than %s values; expected at most %s"), limit, limit);
          break;
        }
      read_row (l, t, r, line);
      if (n % 4096 == 0 && g_cancellable_is_cancelled (l->cancellable))
        break;
    }
}

static void
read_table (Loader *l,
            guint   year_index)
{
  guint year = g_array_index (l->pkg->years, guint, year_index);
  Table t = { g_strdup_printf ("values/%u.csv", year), year_index, NULL, 0, NULL };
  CsvReader r = { NULL, NULL, 1, g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gsize)) };
  gsize length = 0;
  g_autofree char *text = NULL;

  text = atlas_loader_read_package_file (l, ATLAS_DATASET_ERROR_VALUES, t.file, ATLAS_LIMIT_TABLE_BYTES,
                                         _("the table is missing; expected one for every year listed in manifest.json"),
                                         &length);
  if (text != NULL && check_text (l, &t, text, length))
    {
      r.p = g_str_has_prefix (text, "\xef\xbb\xbf") ? text + 3 : text;
      r.end = text + length;
      read_rows (l, &t, &r);
    }

  g_free (t.file);
  g_free (t.columns);
  g_free (t.row_line);
  g_string_free (r.buf, TRUE);
  g_array_unref (r.starts);
}

/* Tables for years the manifest does not list would be silently ignored. */
static void
check_stray_tables (Loader *l)
{
  g_autofree char *dir = atlas_loader_package_path (l, "values");
  char **entries = VSIReadDir (dir);

  for (char **e = entries; e != NULL && *e != NULL; e++)
    {
      guint year = 0;
      int consumed = 0;
      gboolean listed = FALSE;

      if (sscanf (*e, "%u.csv%n", &year, &consumed) != 1 || (*e)[consumed] != '\0' || consumed == 0)
        continue;
      for (guint y = 0; y < l->pkg->years->len; y++)
        listed = listed || g_array_index (l->pkg->years, guint, y) == year;
      if (!listed)
        {
          g_autofree char *file = g_strconcat ("values/", *e, NULL);
          atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, file, NULL,
                                    _("a table for %u, which manifest.json does not list; expected the year in “years”"), year);
        }
    }
  CSLDestroy (entries);
}

/* Sized from the areas actually read and the tables actually read, and
 * only when they hold no problem: a manifest alone never allocates. */
static gboolean
allocate_values (Loader *l)
{
  AtlasPackage *pkg = l->pkg;
  guint64 n_tables = (guint64) pkg->indicators->len * pkg->years->len;
  guint64 n = n_tables * pkg->n_cells;
  g_autofree char *cells = NULL;
  g_autofree char *limit = NULL;

  if (n > ATLAS_LIMIT_VALUE_CELLS)
    {
      cells = atlas_format_number ((double) n, 0, NULL);
      limit = atlas_format_number ((double) ATLAS_LIMIT_VALUE_CELLS, 0, NULL);
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_VALUES, NULL, NULL,
                                _("the package needs %s values (%u indicators × %u years × %u areas); expected at most %s"),
                                cells, pkg->indicators->len, pkg->years->len, pkg->n_cells, limit);
      return FALSE;
    }

  pkg->values = g_new (double, MAX (n, 1));
  pkg->states = g_new (guint8, MAX (n, 1));
  pkg->has_stored = g_new0 (gboolean, MAX (n_tables, 1));
  for (gsize i = 0; i < n; i++)
    pkg->values[i] = NAN;
  memset (pkg->states, ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, ATLAS_MISSING_NOT_IN_SOURCE), n);
  return TRUE;
}

static void
store_staged (Loader *l)
{
  AtlasPackage *pkg = l->pkg;

  for (guint i = 0; i < l->staged->len; i++)
    {
      const StagedValue *v = &g_array_index (l->staged, StagedValue, i);
      gsize at = (gsize) v->table * pkg->n_cells + v->cell;

      pkg->values[at] = v->value;
      pkg->states[at] = ATLAS_CELL_STATE (ATLAS_VALUE_STORED, ATLAS_MISSING_NONE);
      pkg->has_stored[v->table] = TRUE;
    }
  g_array_set_size (l->staged, 0);
}

/* A package read from PostGIS gets its value files while the loader
 * reads: each year is read as soon as it is there (atlas-postgis.c). */
static gboolean
wait_for_table (Loader *l,
                guint   year_index)
{
  g_autofree char *file = NULL;

  if (l->server == NULL)
    return TRUE;
  file = g_strdup_printf ("values/%u.csv", g_array_index (l->pkg->years, guint, year_index));
  return atlas_postgis_wait_table (l->server, file, &l->server_error);
}

void
atlas_loader_read_values (Loader *l)
{
  if (!index_cells (l))
    return;

  for (guint y = 0; y < l->pkg->years->len; y++)
    {
      if (g_cancellable_is_cancelled (l->cancellable) || !wait_for_table (l, y))
        return;
      read_table (l, y);
    }

  if (l->server != NULL && !atlas_postgis_wait_values (l->server, &l->server_error))
    return;
  check_stray_tables (l);
  if (*l->classes == 0 && allocate_values (l))
    store_staged (l);
}
