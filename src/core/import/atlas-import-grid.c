/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-error.h"
#include "atlas-import-private.h"

/* Statistikdatabasen's layout, the same in its CSV and XLSX exports: a
 * title row, one to four header rows over the value columns (contents,
 * year, dimension values), data rows keyed by an area code or a
 * "Kommun (område)" label in one column, maybe with dimension columns
 * beside it (long format), then footnotes. */

#define MAX_KEY_COLUMN 4

typedef enum
{
  COLUMN_EMPTY,
  COLUMN_KEY,
  COLUMN_YEAR,
  COLUMN_DIM,
  COLUMN_VALUE,
} ColumnKind;

typedef struct
{
  ImportGrid  *grid;
  const char  *name;
  ImportTable *table;
  guint        key_column;
  guint        n_columns;
  guint        first_data;  /* row index */
  guint        last_data;
  int          title_row;   /* -1 without one */
  GArray      *header_rows; /* guint row indexes */
  ColumnKind  *kinds;
  GPtrArray   *title_dims;  /* char *: the title's "efter a, b och c" */
} Layout;

static const char *
cell (ImportGrid *grid,
      guint       row,
      guint       column)
{
  GPtrArray *cells = g_ptr_array_index (grid->rows, row);
  const char *text = column < cells->len ? g_ptr_array_index (cells, column) : NULL;

  return text != NULL && *text != '\0' ? text : NULL;
}

static guint
n_filled (ImportGrid *grid,
          guint       row)
{
  GPtrArray *cells = g_ptr_array_index (grid->rows, row);
  guint n = 0;

  for (guint c = 0; c < cells->len; c++)
    if (cell (grid, row, c) != NULL)
      n++;
  return n;
}

static gboolean
is_key (const char *text)
{
  g_autofree char *code = NULL;

  if (text == NULL)
    return FALSE;
  code = atlas_import_normalize_code (text, NULL, NULL);
  return code != NULL || atlas_import_is_area_label (text);
}

/* How strongly a column looks like area keys: its distinct codes and
 * labels, codes with letters (RegSO, DeSO) counting most and codes that
 * needed a leading zero least, since numbers in value columns can look
 * like kommun codes. */
static guint
key_score (ImportGrid *grid,
           guint       column)
{
  g_autoptr(GHashTable) exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) padded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) lettered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 0; r < grid->rows->len; r++)
    {
      const char *text = cell (grid, r, column);
      gboolean was_padded = FALSE;
      char *code = text != NULL ? atlas_import_normalize_code (text, NULL, &was_padded) : NULL;

      if (code != NULL && atlas_import_code_level (code) >= IMPORT_LEVEL_REGSO)
        g_hash_table_add (lettered, code);
      else if (code != NULL)
        g_hash_table_add (was_padded ? padded : exact, code);
      else if (text != NULL && atlas_import_is_area_label (text))
        g_hash_table_add (lettered, g_strdup (text));
    }
  return 4 * g_hash_table_size (lettered) + 2 * g_hash_table_size (exact) + g_hash_table_size (padded);
}

/* What a user can do about a file without area keys: a file of one
 * column was split on another character (tabs, or a semicolon file read
 * as commas); else show what the first column holds. */
static char *
key_hint (ImportGrid *grid)
{
  guint widest = 0;
  const char *first = NULL;

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (grid->rows, r);

      widest = MAX (widest, cells->len);
      if (first == NULL || r == 1)
        first = cell (grid, r, 0);
    }
  if (widest <= 1 && first != NULL && strchr (first, '\t') != NULL)
    return g_strdup_printf (_(". Hint: the file is tab-separated; save it from Excel as "
                              "“CSV (semicolon-separated)” or choose PxWeb's CSV download"));
  if (widest <= 1)
    return g_strdup_printf (_(". Hint: only one column was found; is the file separated by "
                              "semicolons or commas? Save it from Excel as “CSV (semicolon-separated)”"));
  if (first != NULL && g_ascii_isdigit (first[0]) && strchr (first, ' ') != NULL)
    return g_strdup_printf (_(". Hint: “%s” holds a code and a name in one cell; expected the code "
                              "alone in a column (in Statistikdatabasen, show the region as code)"), first);
  if (first != NULL)
    return g_strdup_printf (_(". Hint: the first column holds “%s”, which is neither a code nor a "
                              "“Kommun (område)” label"), first);
  return g_strdup ("");
}

static gboolean
find_key_column (Layout  *layout,
                 GError **error)
{
  guint scores[MAX_KEY_COLUMN], best = 0;

  for (guint c = 0; c < MAX_KEY_COLUMN; c++)
    {
      scores[c] = key_score (layout->grid, c);
      best = MAX (best, scores[c]);
    }
  if (best == 0)
    {
      g_autofree char *hint = key_hint (layout->grid);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_AREAS,
                   _("%s: no column of area codes; expected SCB codes (such as 0114, 0114R001 or 0114C1010) "
                     "or “Kommun (område)” labels in one of the first columns%s"),
                   layout->name, hint);
      return FALSE;
    }
  /* The leftmost of the columns nearly as good as the best. */
  for (guint c = 0; c < MAX_KEY_COLUMN; c++)
    if (scores[c] * 10 >= best * 9)
      {
        layout->key_column = c;
        break;
      }
  return TRUE;
}

static void
find_rows (Layout *layout)
{
  ImportGrid *grid = layout->grid;
  gboolean found = FALSE;

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (grid->rows, r);

      layout->n_columns = MAX (layout->n_columns, cells->len);
      if (!is_key (cell (grid, r, layout->key_column)) || n_filled (grid, r) < 2)
        continue;
      if (!found)
        layout->first_data = r;
      layout->last_data = r;
      found = TRUE;
    }

  layout->title_row = -1;
  layout->header_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < layout->first_data; r++)
    {
      guint n = n_filled (grid, r);

      if (n == 0)
        continue;
      if (layout->title_row < 0 && layout->header_rows->len == 0 && n == 1 &&
          cell (grid, r, 0) != NULL && r + 1 < layout->first_data)
        layout->title_row = (int) r;
      else
        g_array_append_val (layout->header_rows, r);
    }
}

static gboolean
is_year_cell (const char *text)
{
  return text != NULL && strlen (text) == 4 && atlas_import_parse_year (text) > 0;
}

static ColumnKind
classify_column (Layout *layout,
                 guint   column)
{
  ImportGrid *grid = layout->grid;
  guint numbers = 0, texts = 0, years = 0;

  if (column == layout->key_column)
    return COLUMN_KEY;
  for (guint r = layout->first_data; r <= layout->last_data; r++)
    {
      const char *text = cell (grid, r, column);
      gboolean ok;

      if (text == NULL)
        continue;
      years += is_year_cell (text);
      atlas_import_parse_number (text, &ok);
      if (ok)
        numbers++;
      else
        texts++;
    }
  if (numbers + texts == 0)
    return COLUMN_EMPTY;
  /* Left of the key, years are a row dimension; carried down in XLSX. */
  if (years == numbers + texts && column < layout->key_column)
    return COLUMN_YEAR;
  return texts > numbers ? COLUMN_DIM : COLUMN_VALUE;
}

/* "Folkmängden per region efter region, år, ålder och kön" → its
 * subject and the dimension names. */
static void
parse_title (Layout     *layout,
             const char *title)
{
  const char *after = strstr (title, " efter ");
  g_auto(GStrv) parts = NULL;

  layout->title_dims = g_ptr_array_new_with_free_func (g_free);
  layout->table->title = g_strdup (title);
  layout->table->subject = after != NULL ? g_strndup (title, after - title) : g_strdup (title);
  if (after == NULL)
    return;

  parts = g_strsplit_set (after + strlen (" efter "), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) halves = g_strsplit (parts[i], " och ", -1);

      for (guint j = 0; halves[j] != NULL; j++)
        {
          char *part = g_strstrip (g_strdup (halves[j]));

          if (*part != '\0' && g_strcmp0 (part, "region") != 0)
            g_ptr_array_add (layout->title_dims, part);
          else
            g_free (part);
        }
    }
}

/* A header row's text over a value column: the cell, or the nearest
 * filled one to its left (merged cells). */
static const char *
header_text (Layout *layout,
             guint   row,
             guint   column)
{
  for (int c = (int) column; c > (int) layout->key_column; c--)
    {
      const char *text = cell (layout->grid, row, (guint) c);

      if (text != NULL)
        return text;
      if (layout->kinds[c] != COLUMN_VALUE)
        break;
    }
  return NULL;
}

static gboolean
is_year_row (Layout *layout,
             guint   row)
{
  gboolean any = FALSE;

  for (guint c = 0; c < layout->n_columns; c++)
    {
      const char *text;

      if (layout->kinds[c] != COLUMN_VALUE)
        continue;
      text = header_text (layout, row, c);
      if (text != NULL && !is_year_cell (text))
        return FALSE;
      any = any || text != NULL;
    }
  return any;
}

static const char *
take_title_dim (Layout *layout,
                guint  *next)
{
  while (*next < layout->title_dims->len)
    {
      const char *dim = g_ptr_array_index (layout->title_dims, (*next)++);

      if (g_strcmp0 (dim, "år") != 0)
        return dim;
    }
  return NULL;
}

/* "Antal 2020" → 2020 and "Antal"; "2022" → 2022 and NULL. */
static int
split_year (const char  *text,
            char       **rest)
{
  int year = atlas_import_parse_year (text);
  g_autofree char *digits = NULL;
  const char *at;

  *rest = NULL;
  if (year == 0)
    {
      *rest = g_strdup (text);
      return 0;
    }
  digits = g_strdup_printf ("%d", year);
  at = strstr (text, digits);
  if (at != NULL)
    {
      char *joined = g_strdup_printf ("%.*s%s", (int) (at - text), text, at + 4);

      *rest = g_strstrip (joined);
      if (**rest == '\0')
        g_clear_pointer (rest, g_free);
    }
  return year;
}

typedef struct
{
  int        *column_years;  /* per column, 0 when unknown */
  GArray     *header_dims;   /* guint row index per header dimension */
  GArray     *row_dims;      /* guint column index per row dimension */
  guint     **column_values; /* per column: value index per header dimension */
} Plan;

static void
plan_clear (Plan   *plan,
            Layout *layout)
{
  for (guint c = 0; c < layout->n_columns; c++)
    g_free (plan->column_values[c]);
  g_free (plan->column_values);
  g_free (plan->column_years);
  g_array_unref (plan->header_dims);
  g_array_unref (plan->row_dims);
}

static gboolean
has_year_rest (Layout *layout,
               guint   row)
{
  for (guint c = 0; c < layout->n_columns; c++)
    {
      const char *text = layout->kinds[c] == COLUMN_VALUE ? header_text (layout, row, c) : NULL;
      g_autofree char *rest = NULL;

      if (text != NULL && split_year (text, &rest) > 0 && rest != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
add_header_dim (Layout *layout,
                Plan   *plan,
                guint   row,
                guint  *next_title_dim)
{
  const char *label = take_title_dim (layout, next_title_dim);
  g_autofree char *fallback = g_strdup_printf (_("dimension %u"), plan->header_dims->len + 1);
  ImportDim *dim = atlas_import_table_add_dim (layout->table, label != NULL ? label : fallback, NULL);
  guint d = layout->table->dims->len - 1;

  dim->contents = label != NULL && g_str_equal (label, "tabellinnehåll");
  g_array_append_val (plan->header_dims, row);
  /* Without a title, a header like "Antal 2020" holds the contents. */
  dim->contents = dim->contents || (label == NULL && has_year_rest (layout, row));
  for (guint c = 0; c < layout->n_columns; c++)
    {
      const char *text = layout->kinds[c] == COLUMN_VALUE ? header_text (layout, row, c) : NULL;
      g_autofree char *rest = NULL;

      if (layout->kinds[c] != COLUMN_VALUE)
        continue;
      if (text != NULL && split_year (text, &rest) > 0)
        plan->column_years[c] = atlas_import_parse_year (text);
      plan->column_values[c][d] = atlas_import_dim_add_value (dim, rest != NULL ? rest : text != NULL ? text : "–", NULL);
    }
}

static void
plan_headers (Layout *layout,
              Plan   *plan)
{
  guint next_title_dim = 0;

  for (guint h = 0; h < layout->header_rows->len; h++)
    {
      guint row = g_array_index (layout->header_rows, guint, h);
      gboolean has_rest = FALSE;

      if (is_year_row (layout, row))
        {
          for (guint c = 0; c < layout->n_columns; c++)
            if (layout->kinds[c] == COLUMN_VALUE && header_text (layout, row, c) != NULL)
              plan->column_years[c] = atlas_import_parse_year (header_text (layout, row, c));
          next_title_dim += next_title_dim < layout->title_dims->len &&
                            g_str_equal (g_ptr_array_index (layout->title_dims, next_title_dim), "år");
          continue;
        }
      for (guint c = 0; c < layout->n_columns; c++)
        has_rest = has_rest || (layout->kinds[c] == COLUMN_VALUE && header_text (layout, row, c) != NULL);
      if (has_rest)
        add_header_dim (layout, plan, row, &next_title_dim);
    }
}

static const char *
column_label (Layout *layout,
              guint   column)
{
  for (int h = (int) layout->header_rows->len - 1; h >= 0; h--)
    {
      const char *text = cell (layout->grid, g_array_index (layout->header_rows, guint, h), column);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
plan_row_dims (Layout *layout,
               Plan   *plan)
{
  for (guint c = 0; c < layout->n_columns; c++)
    {
      g_autofree char *fallback = NULL;
      const char *label;

      if (layout->kinds[c] != COLUMN_DIM)
        continue;
      label = column_label (layout, c);
      fallback = g_strdup_printf (_("column %u"), c + 1);
      atlas_import_table_add_dim (layout->table, label != NULL ? label : fallback, NULL);
      g_array_append_val (plan->row_dims, c);
    }
}

static void
read_row (Layout *layout,
          Plan   *plan,
          guint   row,
          int     row_year)
{
  ImportTable *table = layout->table;
  guint n_dims = table->dims->len, n_header = plan->header_dims->len;
  g_autofree guint *values = g_new0 (guint, MAX (n_dims, 1));
  const char *key_text = cell (layout->grid, row, layout->key_column);
  g_autofree char *code = atlas_import_normalize_code (key_text, NULL, NULL);
  g_autofree char *key = g_strstrip (g_strdup (key_text));
  guint key_index = atlas_import_table_add_key (table, key);

  for (guint i = 0; i < plan->row_dims->len; i++)
    {
      const char *text = cell (layout->grid, row, g_array_index (plan->row_dims, guint, i));

      values[n_header + i] = atlas_import_dim_add_value (g_ptr_array_index (table->dims, n_header + i),
                                                         text != NULL ? text : "–", NULL);
    }

  for (guint c = 0; c < layout->n_columns; c++)
    {
      int year = plan->column_years[c] > 0 ? plan->column_years[c] : row_year;
      gboolean ok;
      double value;

      if (layout->kinds[c] != COLUMN_VALUE)
        continue;
      value = atlas_import_parse_number (cell (layout->grid, row, c), &ok);
      if (!ok)
        {
          atlas_import_table_note (table, _("%s: row %u, column %u: “%s” is not a number; read as missing"),
                                   layout->name, layout->grid->numbers[row], c + 1, cell (layout->grid, row, c));
          value = NAN;
        }
      memcpy (values, plan->column_values[c], n_header * sizeof (guint));
      atlas_import_table_add_cell (table, key_index, year,
                                   atlas_import_table_add_series (table, values), value);
    }
}

static gboolean
read_rows (Layout  *layout,
           Plan    *plan,
           GError **error)
{
  int row_year = 0;

  for (guint r = layout->first_data; r <= layout->last_data; r++)
    {
      if (!is_key (cell (layout->grid, r, layout->key_column)))
        continue;
      for (guint c = 0; c < layout->key_column; c++)
        if (layout->kinds[c] == COLUMN_YEAR && cell (layout->grid, r, c) != NULL)
          row_year = atlas_import_parse_year (cell (layout->grid, r, c));
      for (guint c = 0; c < layout->n_columns && row_year == 0; c++)
        if (layout->kinds[c] == COLUMN_VALUE && plan->column_years[c] == 0)
          {
            g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_YEAR,
                         _("%s: column %u has no year in its header; expected a header row of years "
                           "(such as 2022) or a year in the column’s title (“Antal 2022”)"),
                         layout->name, c + 1);
            return FALSE;
          }
      read_row (layout, plan, r, row_year);
    }
  return TRUE;
}

/* ---- footnotes ----------------------------------------------------------- */

typedef enum
{
  BLOCK_NOTES,
  BLOCK_SORT,
  BLOCK_REFERENCE_TIME,
  BLOCK_UPDATED,
  BLOCK_SOURCE,
  BLOCK_CONTACT,
  BLOCK_CODE,
  BLOCK_OTHER,
} Block;

static Block
block_of (const char *label)
{
  static const struct { const char *label; Block block; } blocks[] = {
    { "Sort:", BLOCK_SORT },
    { "Referenstid:", BLOCK_REFERENCE_TIME },
    { "Senaste uppdatering:", BLOCK_UPDATED },
    { "Källa:", BLOCK_SOURCE },
    { "Kontaktperson:", BLOCK_CONTACT },
    { "Intern referenskod:", BLOCK_CODE },
    { "Datatyp:", BLOCK_OTHER },
    { "Databas:", BLOCK_OTHER },
    { "Officiell statistik", BLOCK_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_str_equal (label, blocks[i].label))
      return blocks[i].block;
  return BLOCK_NOTES;
}

/* SCB's footnotes carry HTML links: the link text stays, the tags go. */
static char *
strip_tags (const char *text)
{
  GString *plain = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

static void
set_once (char       **field,
          const char  *value)
{
  if (*field == NULL)
    *field = g_strdup (value);
}

/* "Låg ekonomisk standard, procent:" then "andel": a unit per contents;
 * a lone "områdestyp" applies to all of them. */
static void
read_footnote (ImportTable *table,
               Block        block,
               char       **sublabel,
               const char  *text)
{
  gboolean is_sublabel = g_str_has_suffix (text, ":");

  switch (block)
    {
    case BLOCK_NOTES:
      g_ptr_array_add (table->footnotes, strip_tags (text));
      break;
    case BLOCK_SORT:
      if (is_sublabel)
        g_free (*sublabel), *sublabel = g_strndup (text, strlen (text) - 1);
      else
        g_hash_table_insert (table->units, g_strdup (*sublabel != NULL ? *sublabel : "*"), g_strdup (text));
      break;
    case BLOCK_REFERENCE_TIME:
      if (!is_sublabel)
        set_once (&table->reference_time, text);
      break;
    case BLOCK_UPDATED:
      if (!is_sublabel)
        set_once (&table->updated, text);
      break;
    case BLOCK_SOURCE:
      if (!is_sublabel)
        set_once (&table->source, text);
      break;
    case BLOCK_CODE:
      if (!is_sublabel)
        set_once (&table->reference, text);
      break;
    case BLOCK_CONTACT: /* names and addresses stay out of packages */
    case BLOCK_OTHER:
    default:
      break;
    }
}

static gboolean
is_dim_value (ImportTable *table,
              const char  *text)
{
  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      for (guint v = 0; v < dim->values->len; v++)
        if (g_str_equal (g_ptr_array_index (dim->values, v), text))
          return TRUE;
    }
  return table->subject != NULL && g_str_equal (table->subject, text);
}

static void
read_footnotes (Layout *layout)
{
  Block block = BLOCK_NOTES;
  g_autofree char *sublabel = NULL;

  for (guint r = layout->last_data + 1; r < layout->grid->rows->len; r++)
    {
      const char *first = cell (layout->grid, r, 0);
      g_autofree char *text = NULL;
      Block next;

      if (first == NULL || n_filled (layout->grid, r) != 1)
        continue;
      text = g_strstrip (g_strdup (first));
      if (*text == '\0')
        continue;
      next = block_of (text);
      if (next != BLOCK_NOTES)
        {
          block = next;
          g_clear_pointer (&sublabel, g_free);
          continue;
        }
      /* The reference-time block names each contents without a colon. */
      if (block == BLOCK_REFERENCE_TIME && is_dim_value (layout->table, text))
        continue;
      read_footnote (layout->table, block, &sublabel, text);
    }
}

/* A table without a title: its "Sort" (områdestyp), unless that is only
 * a unit word. */
static char *
subject_from_sort (ImportTable *table)
{
  const char *const units[] = { "antal", "andel", "procent", "kronor", "tusentals kronor", "medelvärde", "median" };
  const char *sort = g_hash_table_lookup (table->units, "*");

  if (sort == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (sort, units[i]) == 0)
      return NULL;
  return g_strdup_printf ("%c%s", g_ascii_toupper (sort[0]), sort + 1);
}

/* ---- the whole grid --------------------------------------------------------- */

static gboolean
plan_columns (Layout  *layout,
              GError **error)
{
  gboolean any_value = FALSE;

  layout->kinds = g_new0 (ColumnKind, layout->n_columns + 1);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      layout->kinds[c] = classify_column (layout, c);
      any_value = any_value || layout->kinds[c] == COLUMN_VALUE;
    }
  if (!any_value)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_VALUES,
                 _("%s: rows from line %u have area codes but no column of numbers; expected values beside the codes"),
                 layout->name, layout->grid->numbers[layout->first_data]);
  return any_value;
}

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->header_rows, g_array_unref);
  g_clear_pointer (&layout->title_dims, g_ptr_array_unref);
  g_clear_pointer (&layout->kinds, g_free);
}

/**
 * atlas_import_table_from_grid:
 * @grid: the cells of a CSV file or worksheet
 * @name: the file's name, for messages
 * @format: "scb-csv" or "scb-xlsx"
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the table in long form
 */
ImportTable *
atlas_import_table_from_grid (ImportGrid  *grid,
                              const char  *name,
                              const char  *format,
                              GError     **error)
{
  g_autoptr(ImportTable) table = atlas_import_table_new (name, format);
  Layout layout = { grid, name, table, };
  Plan plan = { NULL, };
  gboolean ok;

  if (!find_key_column (&layout, error))
    return NULL;
  find_rows (&layout);
  if (!plan_columns (&layout, error))
    {
      layout_clear (&layout);
      return NULL;
    }
  if (layout.title_row >= 0)
    parse_title (&layout, cell (grid, (guint) layout.title_row, 0));
  else
    layout.title_dims = g_ptr_array_new_with_free_func (g_free);

  plan.column_years = g_new0 (int, layout.n_columns);
  plan.column_values = g_new0 (guint *, layout.n_columns);
  for (guint c = 0; c < layout.n_columns; c++)
    plan.column_values[c] = g_new0 (guint, layout.header_rows->len + 1);
  plan.header_dims = g_array_new (FALSE, FALSE, sizeof (guint));
  plan.row_dims = g_array_new (FALSE, FALSE, sizeof (guint));
  plan_headers (&layout, &plan);
  plan_row_dims (&layout, &plan);
  ok = read_rows (&layout, &plan, error);
  if (ok)
    read_footnotes (&layout);
  if (ok && table->subject == NULL)
    table->subject = subject_from_sort (table);

  plan_clear (&plan, &layout);
  layout_clear (&layout);
  return ok ? g_steal_pointer (&table) : NULL;
}
