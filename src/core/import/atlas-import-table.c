/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-import-private.h"

/* The long form every reader produces: one cell per area key, year and
 * series, with the dimensions that tell the series apart. */

ImportTable *
atlas_import_table_new (const char *name,
                        const char *format)
{
  ImportTable *table = g_new0 (ImportTable, 1);

  table->name = g_strdup (name);
  table->format = g_strdup (format);
  table->footnotes = g_ptr_array_new_with_free_func (g_free);
  table->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  table->dims = g_ptr_array_new ();
  table->series = g_ptr_array_new ();
  table->keys = g_ptr_array_new_with_free_func (g_free);
  table->key_index = g_hash_table_new (g_str_hash, g_str_equal);
  table->cells = g_array_new (FALSE, FALSE, sizeof (ImportCell));
  table->notes = g_ptr_array_new_with_free_func (g_free);

  return table;
}

static void
dim_free (ImportDim *dim)
{
  g_free (dim->id);
  g_free (dim->label);
  g_ptr_array_unref (dim->values);
  g_ptr_array_unref (dim->texts);
  g_free (dim);
}

static void
series_free (ImportSeries *series)
{
  g_free (series->values);
  g_free (series);
}

void
atlas_import_table_free (ImportTable *table)
{
  if (table == NULL)
    return;

  g_free (table->name);
  g_free (table->format);
  g_free (table->title);
  g_free (table->subject);
  g_free (table->source);
  g_free (table->reference);
  g_free (table->updated);
  g_free (table->reference_time);
  g_free (table->version);
  g_ptr_array_unref (table->footnotes);
  g_hash_table_unref (table->units);
  g_ptr_array_foreach (table->dims, (GFunc) dim_free, NULL);
  g_ptr_array_unref (table->dims);
  g_ptr_array_foreach (table->series, (GFunc) series_free, NULL);
  g_ptr_array_unref (table->series);
  g_hash_table_unref (table->key_index);
  g_ptr_array_unref (table->keys);
  g_array_unref (table->cells);
  g_ptr_array_unref (table->notes);
  g_free (table);
}

guint
atlas_import_table_add_key (ImportTable *table,
                            const char  *key)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (table->key_index, key));
  char *copy;

  if (index > 0)
    return index - 1;

  copy = g_strdup (key);
  g_ptr_array_add (table->keys, copy);
  g_hash_table_insert (table->key_index, copy, GUINT_TO_POINTER (table->keys->len));
  return table->keys->len - 1;
}

ImportDim *
atlas_import_table_add_dim (ImportTable *table,
                            const char  *id,
                            const char  *label)
{
  ImportDim *dim = g_new0 (ImportDim, 1);

  dim->id = g_strdup (id);
  dim->label = g_strdup (label != NULL ? label : id);
  dim->values = g_ptr_array_new_with_free_func (g_free);
  dim->texts = g_ptr_array_new_with_free_func (g_free);
  dim->total = -1;
  g_ptr_array_add (table->dims, dim);
  return dim;
}

/* Returns the value's index, adding it when it is new. */
guint
atlas_import_dim_add_value (ImportDim  *dim,
                            const char *value,
                            const char *text)
{
  for (guint i = 0; i < dim->values->len; i++)
    if (g_str_equal (g_ptr_array_index (dim->values, i), value))
      return i;

  g_ptr_array_add (dim->values, g_strdup (value));
  g_ptr_array_add (dim->texts, g_strdup (text != NULL ? text : value));
  if (dim->total < 0 && (atlas_import_is_total (value) || (text != NULL && atlas_import_is_total (text))))
    dim->total = dim->values->len - 1;
  return dim->values->len - 1;
}

guint
atlas_import_table_add_series (ImportTable *table,
                               const guint *values)
{
  guint n = table->dims->len;
  ImportSeries *series;

  for (guint i = 0; i < table->series->len; i++)
    {
      ImportSeries *s = g_ptr_array_index (table->series, i);

      if (n == 0 || memcmp (s->values, values, n * sizeof (guint)) == 0)
        return i;
    }

  series = g_new0 (ImportSeries, 1);
  series->values = g_memdup2 (values, MAX (n, 1) * sizeof (guint));
  g_ptr_array_add (table->series, series);
  return table->series->len - 1;
}

void
atlas_import_table_add_cell (ImportTable *table,
                             guint        key,
                             int          year,
                             guint        series,
                             double       value)
{
  ImportCell cell = { key, year, series, value };

  g_array_append_val (table->cells, cell);
}

void
atlas_import_table_note (ImportTable *table,
                         const char  *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (table->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

/* SCB's totals: Kon "1+2", Alder "totalt", "totalt ålder", "samtliga". */
gboolean
atlas_import_is_total (const char *value)
{
  g_autofree char *folded = g_utf8_strdown (value, -1);

  return g_str_equal (folded, "1+2") || g_str_has_prefix (folded, "totalt") ||
         g_str_equal (folded, "tot") || g_str_equal (folded, "total") ||
         g_str_has_prefix (folded, "samtliga") || g_str_equal (folded, "båda könen");
}

/* Reads "1 234,5", "1234.5", "−3" and SCB's missing-value marks (NAN).
 * *ok is FALSE for text that is not a number at all. */
double
atlas_import_parse_number (const char *text,
                           gboolean   *ok)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;
  double value;

  *ok = TRUE;
  if (text == NULL)
    return NAN;
  text += strspn (text, " \t\"");
  if (*text == '\0' || g_str_has_prefix (text, "..") || g_str_equal (text, "-") ||
      g_str_equal (text, "–") || g_str_equal (text, "x") || g_str_equal (text, "NA"))
    return NAN;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' )
        g_string_append_c (clean, '.');
      else if (c == 0x2212 || c == 0x2013)
        g_string_append_c (clean, '-');
      else if (c == ' ' || c == 0xa0 || c == 0x202f || c == '"')
        continue;
      else if (c < 128)
        g_string_append_c (clean, (char) c);
      else
        break;
    }

  value = g_ascii_strtod (clean->str, &end);
  if (clean->len == 0 || end == NULL || *end != '\0' || !isfinite (value))
    {
      *ok = FALSE;
      return NAN;
    }
  return value;
}

/* 2022 for "2022", "Antal 2022", "2022M12" or "2022K4"; 0 otherwise. */
int
atlas_import_parse_year (const char *text)
{
  const char *p;

  if (text == NULL)
    return 0;
  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]) &&
          (p == text || !g_ascii_isdigit (p[-1])))
        {
          int year = atoi (p);
          const char *rest = p + 4;

          if (year < 1900 || year > 2100)
            return 0;
          /* "2022", "Antal 2022", "2022M12"; not "2022-05-09" dates */
          if (*rest == '\0' || *rest == 'M' || *rest == 'K' || *rest == 'Q' || *rest == ' ')
            return (*rest == ' ' && p == text) ? 0 : year;
          return 0;
        }
    }
  return 0;
}
