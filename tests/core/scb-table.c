/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "scb-table.h"

#include <cpl_vsi.h>
#include <stdlib.h>
#include <string.h>

struct _ScbTable
{
  GPtrArray  *rows;      /* GPtrArray of cell strings (NULL for empty) */
  guint       first_data;
  guint       code_column;
  GHashTable *by_code;   /* code -> row (borrowed) */
  GPtrArray  *codes;
};

typedef struct
{
  GPtrArray *strings;    /* shared strings */
  GPtrArray *rows;
  GPtrArray *row;
  GString   *text;
  gboolean   in_text;
  gboolean   shared;
  guint      column;
} Parse;

static char *
read_zip_member (const char *zip,
                 const char *member)
{
  g_autofree char *path = g_strdup_printf ("/vsizip/%s/%s", zip, member);
  GByte *data = NULL;
  vsi_l_offset size = 0;

  if (!VSIIngestFile (NULL, path, &data, &size, -1))
    return NULL;
  {
    char *copy = g_strndup ((const char *) data, size);

    VSIFree (data);
    return copy;
  }
}

/* Element names without their namespace prefix ("x:row" -> "row"). */
static const char *
local_name (const char *name)
{
  const char *colon = strchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static guint
column_of (const char *ref)
{
  guint n = 0;

  for (; *ref >= 'A' && *ref <= 'Z'; ref++)
    n = n * 26 + (guint) (*ref - 'A' + 1);
  return n - 1;
}

static void
on_start (GMarkupParseContext *context,
          const char          *element,
          const char         **names,
          const char         **values,
          gpointer             data,
          GError             **error)
{
  Parse *p = data;
  const char *name = local_name (element);

  if (g_str_equal (name, "row"))
    {
      p->row = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (p->rows, p->row);
    }
  else if (g_str_equal (name, "c"))
    {
      p->shared = FALSE;
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "r"))
            p->column = column_of (values[i]);
          else if (g_str_equal (names[i], "t"))
            p->shared = g_str_equal (values[i], "s");
        }
    }
  else if (g_str_equal (name, "si"))
    g_string_truncate (p->text, 0);
  else if (g_str_equal (name, "v") || g_str_equal (name, "t"))
    {
      if (p->row != NULL)
        g_string_truncate (p->text, 0);
      p->in_text = TRUE;
    }
}

static void
set_cell (Parse *p)
{
  const char *text = p->text->str;

  if (p->shared)
    text = g_ptr_array_index (p->strings, (guint) atoi (text));
  while (p->row->len <= p->column)
    g_ptr_array_add (p->row, NULL);
  g_free (g_ptr_array_index (p->row, p->column));
  p->row->pdata[p->column] = g_strdup (text);
}

static void
on_end (GMarkupParseContext *context,
        const char          *element,
        gpointer             data,
        GError             **error)
{
  Parse *p = data;
  const char *name = local_name (element);

  if (g_str_equal (name, "v") || g_str_equal (name, "t"))
    p->in_text = FALSE;
  if (g_str_equal (name, "si"))
    g_ptr_array_add (p->strings, g_strdup (p->text->str));
  else if (g_str_equal (name, "c") && p->row != NULL && p->text->len > 0)
    set_cell (p);
  if (g_str_equal (name, "c"))
    g_string_truncate (p->text, 0);
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                len,
         gpointer             data,
         GError             **error)
{
  Parse *p = data;

  if (p->in_text)
    g_string_append_len (p->text, text, (gssize) len);
}

static void
parse_xml (Parse      *p,
           const char *xml)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, p, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (xml);
  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static gboolean
is_deso_code (const char *s)
{
  if (s == NULL || strlen (s) != 9 || strchr ("ABC", s[4]) == NULL)
    return FALSE;
  for (guint i = 0; i < 9; i++)
    if (i != 4 && !g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The column of a DeSO code followed by a value, or -1. */
static int
code_column (GPtrArray *row)
{
  for (guint i = 0; i + 1 < row->len; i++)
    if (is_deso_code (g_ptr_array_index (row, i)) && g_ptr_array_index (row, i + 1) != NULL)
      return (int) i;
  return -1;
}

static void
index_rows (ScbTable *t)
{
  gboolean started = FALSE;

  for (guint i = 0; i < t->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, i);
      int column = code_column (row);

      if (column < 0 && started)
        break;
      if (column < 0)
        continue;
      if (!started)
        t->first_data = i, t->code_column = (guint) column, started = TRUE;
      g_hash_table_insert (t->by_code, g_ptr_array_index (row, column), row);
      g_ptr_array_add (t->codes, g_ptr_array_index (row, column));
    }
  g_assert_true (started);
}

ScbTable *
scb_table_read_xlsx (const char *path)
{
  g_autofree char *strings_xml = read_zip_member (path, "xl/sharedStrings.xml");
  g_autofree char *sheet_xml = read_zip_member (path, "xl/worksheets/sheet1.xml");
  g_autoptr(GString) text = g_string_new (NULL);
  ScbTable *t = g_new0 (ScbTable, 1);
  Parse p = { g_ptr_array_new_with_free_func (g_free), NULL, NULL, text, FALSE, FALSE, 0 };

  parse_xml (&p, strings_xml);
  p.rows = t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  parse_xml (&p, sheet_xml);
  g_ptr_array_unref (p.strings);

  t->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  t->codes = g_ptr_array_new ();
  index_rows (t);
  return t;
}

void
scb_table_free (ScbTable *t)
{
  g_hash_table_unref (t->by_code);
  g_ptr_array_unref (t->codes);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

guint
scb_table_column (ScbTable   *t,
                  const char *label)
{
  for (guint i = 1; i < t->first_data; i++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, i);
      int found = -1;
      guint n = 0;

      for (guint c = t->code_column + 1; c < row->len; c++)
        if (g_strcmp0 (g_ptr_array_index (row, c), label) == 0)
          found = (int) c, n++;
      if (n > 0)
        {
          g_assert_cmpuint (n, ==, 1);
          return (guint) found;
        }
    }
  g_assert_not_reached ();
}

double
scb_table_value (ScbTable   *t,
                 const char *code,
                 guint       column)
{
  GPtrArray *row = g_hash_table_lookup (t->by_code, code);
  const char *cell;
  char *end = NULL;
  double value;

  g_assert_nonnull (row);
  g_assert_cmpuint (column, <, row->len);
  cell = g_ptr_array_index (row, column);
  g_assert_nonnull (cell);
  value = g_ascii_strtod (cell, &end);
  g_assert_true (end != cell && *end == '\0');
  return value;
}

GPtrArray *
scb_table_codes (ScbTable *t)
{
  return t->codes;
}

/* The line after a footer key such as "Intern referenskod:". */
const char *
scb_table_footer (ScbTable   *t,
                  const char *key)
{
  for (guint i = t->first_data; i + 1 < t->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, i);
      GPtrArray *next = g_ptr_array_index (t->rows, i + 1);

      if (row->len > 0 && g_strcmp0 (g_ptr_array_index (row, 0), key) == 0 && next->len > 0)
        return g_ptr_array_index (next, 0);
    }
  return NULL;
}

/* ---------------------------------------------------------------- RegSO CSV */

struct _ScbRegsoCsv
{
  GPtrArray *header;   /* field names */
  GPtrArray *rows;     /* GStrv per line, quotes removed */
};

/* One CSV line: fields separated by commas, text in double quotes ("" is a
 * quote inside a quoted field). */
static GStrv
split_line (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *c = line; *c != '\0' && *c != '\r'; c++)
    {
      if (*c == '"' && quoted && c[1] == '"')
        g_string_append_c (field, *c++);
      else if (*c == '"')
        quoted = !quoted;
      else if (*c == ',' && !quoted)
        {
          g_strv_builder_add (fields, field->str);
          g_string_truncate (field, 0);
        }
      else
        g_string_append_c (field, *c);
    }
  g_strv_builder_add (fields, field->str);
  return g_strv_builder_end (fields);
}

ScbRegsoCsv *
scb_regso_csv_read (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  ScbRegsoCsv *csv = g_new0 (ScbRegsoCsv, 1);
  const char *start;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  start = g_str_has_prefix (contents, "\xef\xbb\xbf") ? contents + 3 : contents;
  lines = g_strsplit (start, "\n", -1);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  csv->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GStrv fields;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      fields = split_line (lines[i]);
      if (csv->header->len == 0)
        {
          for (guint j = 0; fields[j] != NULL; j++)
            g_ptr_array_add (csv->header, g_strdup (fields[j]));
          g_strfreev (fields);
        }
      else
        g_ptr_array_add (csv->rows, fields);
    }
  return csv;
}

void
scb_regso_csv_free (ScbRegsoCsv *csv)
{
  g_ptr_array_unref (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

static guint
header_index (ScbRegsoCsv *csv,
              const char  *name)
{
  for (guint i = 0; i < csv->header->len; i++)
    if (g_str_equal (g_ptr_array_index (csv->header, i), name))
      return i;
  g_assert_not_reached ();
}

double
scb_regso_csv_sum (ScbRegsoCsv *csv,
                   const char  *prefix,
                   const char  *dimension_value,
                   guint        year)
{
  g_autofree char *column = g_strdup_printf ("Antal %u", year);
  guint value_index = header_index (csv, column);
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < csv->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (csv->rows, i);

      g_assert_cmpuint (g_strv_length (row), ==, csv->header->len);
      if (!g_str_has_prefix (row[0], prefix) || !g_str_equal (row[1], dimension_value))
        continue;
      sum += g_ascii_strtod (row[value_index], NULL);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  return sum;
}
