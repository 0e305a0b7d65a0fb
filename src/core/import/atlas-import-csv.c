/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-error.h"
#include "atlas-import-private.h"

/* CSV as Statistikdatabasen and Excel write it: UTF-8 with or without a
 * BOM, or CP1252; commas, semicolons or tabs; quoted fields that may span
 * lines; CRLF line ends. */

void
atlas_import_grid_free (ImportGrid *grid)
{
  if (grid == NULL)
    return;
  g_ptr_array_unref (grid->rows);
  g_free (grid->numbers);
  g_free (grid);
}

static char *
decode_text (GBytes     *bytes,
             const char *name,
             GPtrArray  *notes,
             GError    **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local = NULL;
  char *text;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, size -= 3;
  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: the file holds binary data; expected a text file (CSV)"), name);
      return NULL;
    }
  if (g_utf8_validate_len (data, size, NULL))
    return g_strndup (data, size);

  text = g_convert (data, size, "UTF-8", "CP1252", NULL, NULL, &local);
  if (text == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: the text is neither UTF-8 nor Windows-1252 (%s); expected a CSV file saved as UTF-8"),
                   name, local->message);
      return NULL;
    }
  if (notes != NULL)
    g_ptr_array_add (notes, g_strdup_printf (_("%s: read as Windows-1252 (CP1252) text, converted to UTF-8"), name));
  return text;
}

/* The separator that splits the first lines most evenly, outside quotes. */
static char
guess_separator (const char *text)
{
  const char candidates[] = { ';', ',', '\t' };
  guint best_count = 0;
  char best = ',';

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint count = 0, lines = 0;
      gboolean quoted = FALSE;

      for (const char *p = text; *p != '\0' && lines < 20; p++)
        {
          if (*p == '"')
            quoted = !quoted;
          else if (!quoted && *p == '\n')
            lines++;
          else if (!quoted && *p == candidates[c])
            count++;
        }
      if (count > best_count)
        best_count = count, best = candidates[c];
    }
  return best;
}

static void
end_cell (GPtrArray *row,
          GString   *cell)
{
  g_ptr_array_add (row, cell->len > 0 ? g_strdup (cell->str) : NULL);
  g_string_truncate (cell, 0);
}

static void
end_row (ImportGrid *grid,
         GArray     *numbers,
         GPtrArray **row,
         guint       line)
{
  g_ptr_array_add (grid->rows, *row);
  g_array_append_val (numbers, line);
  *row = g_ptr_array_new_with_free_func (g_free);
}

static ImportGrid *
parse_csv (const char *text,
           char        separator)
{
  ImportGrid *grid = g_new0 (ImportGrid, 1);
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;
  guint line = 1, row_line = 1;

  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (cell, '"'), p++;
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == separator)
        end_cell (row, cell);
      else if (!quoted && (*p == '\n' || *p == '\r'))
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          end_cell (row, cell);
          end_row (grid, numbers, &row, row_line);
          row_line = ++line;
        }
      else
        {
          if (*p == '\n')
            line++;
          g_string_append_c (cell, *p);
        }
    }
  if (cell->len > 0 || row->len > 0)
    {
      end_cell (row, cell);
      end_row (grid, numbers, &row, row_line);
    }
  g_ptr_array_unref (row);

  grid->n_numbers = numbers->len;
  grid->numbers = (guint *) g_array_free (numbers, FALSE);
  return grid;
}

/**
 * atlas_import_read_csv_grid:
 * @bytes: the file's content
 * @name: the file's name, for messages
 * @notes: (nullable): where to say what was converted
 * @error: return location for an error
 *
 * Returns: (transfer full): the file's cells, row by row
 */
ImportGrid *
atlas_import_read_csv_grid (GBytes     *bytes,
                            const char *name,
                            GPtrArray  *notes,
                            GError    **error)
{
  g_autofree char *text = decode_text (bytes, name, notes, error);
  char separator;

  if (text == NULL)
    return NULL;

  separator = guess_separator (text);
  if (separator == ';' && notes != NULL)
    g_ptr_array_add (notes, g_strdup_printf (_("%s: semicolon-separated (as Excel saves CSV); decimal commas read as points"), name));
  return parse_csv (text, separator);
}
