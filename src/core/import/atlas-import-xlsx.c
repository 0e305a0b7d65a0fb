/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_vsi.h>
#include <libxml/xmlreader.h>

#include "atlas-error.h"
#include "atlas-import-private.h"

/* XLSX read in core: SCB writes its sheets with a namespace prefix
 * (<x:worksheet>) that GDAL 3.6's XLSX driver does not understand, so the
 * zip is opened through GDAL's /vsimem/ and /vsizip/ and the XML read with
 * libxml2 by local name and namespace, whatever the prefix. */

#define SPREADSHEET_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define MAX_PART_SIZE (256 * 1024 * 1024)

static GBytes *
read_part (const char  *zip,
           const char  *part)
{
  g_autofree char *path = g_strdup_printf ("/vsizip/%s/%s", zip, part);
  VSILFILE *file = VSIFOpenL (path, "rb");
  GByteArray *data;
  guint8 buffer[65536];
  size_t n;

  if (file == NULL)
    return NULL;
  data = g_byte_array_new ();
  while ((n = VSIFReadL (buffer, 1, sizeof buffer, file)) > 0 && data->len < MAX_PART_SIZE)
    g_byte_array_append (data, buffer, (guint) n);
  VSIFCloseL (file);
  return g_byte_array_free_to_bytes (data);
}

static xmlTextReaderPtr
open_reader (GBytes *part)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (part, &size);

  /* No network, no external entities, no DTD loading. */
  return xmlReaderForMemory (data, (int) size, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static gboolean
is_element (xmlTextReaderPtr reader,
            const char      *local)
{
  const xmlChar *ns = xmlTextReaderConstNamespaceUri (reader);

  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         ns != NULL && strcmp ((const char *) ns, SPREADSHEET_NS) == 0 &&
         strcmp ((const char *) xmlTextReaderConstLocalName (reader), local) == 0;
}

static gboolean
is_end (xmlTextReaderPtr reader,
        const char      *local)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (reader), local) == 0;
}

/* The text of every <t> inside the current element (rich text has several). */
static char *
read_text_runs (xmlTextReaderPtr reader,
                const char      *end)
{
  GString *text = g_string_new (NULL);
  gboolean in_t = FALSE;

  if (xmlTextReaderIsEmptyElement (reader))
    return g_string_free (text, FALSE);
  while (xmlTextReaderRead (reader) == 1 && !is_end (reader, end))
    {
      int type = xmlTextReaderNodeType (reader);

      if (is_element (reader, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
      else if (type == XML_READER_TYPE_END_ELEMENT)
        in_t = FALSE;
      else if (in_t && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
        g_string_append (text, (const char *) xmlTextReaderConstValue (reader));
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
read_shared_strings (GBytes *part)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr reader;

  if (part == NULL)
    return strings;
  reader = open_reader (part);
  while (reader != NULL && xmlTextReaderRead (reader) == 1)
    if (is_element (reader, "si"))
      g_ptr_array_add (strings, read_text_runs (reader, "si"));
  if (reader != NULL)
    xmlFreeTextReader (reader);
  return strings;
}

/* "AB12" → column 27 (0-based), or -1 */
static int
column_of (const char *ref)
{
  int column = 0;

  if (ref == NULL || !g_ascii_isalpha (*ref))
    return -1;
  for (; g_ascii_isalpha (*ref); ref++)
    {
      column = column * 26 + (g_ascii_toupper (*ref) - 'A' + 1);
      if (column > 16384)
        return -1;
    }
  return column - 1;
}

static char *
attribute (xmlTextReaderPtr reader,
           const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* One <c>: its value, looked up in the shared strings when t="s". */
static void
read_cell (xmlTextReaderPtr reader,
           GPtrArray       *shared,
           GPtrArray       *row)
{
  g_autofree char *ref = attribute (reader, "r");
  g_autofree char *type = attribute (reader, "t");
  g_autofree char *value = NULL;
  int column = ref != NULL ? column_of (ref) : (int) row->len;

  if (!xmlTextReaderIsEmptyElement (reader))
    {
      if (g_strcmp0 (type, "inlineStr") == 0)
        value = read_text_runs (reader, "c");
      else
        while (xmlTextReaderRead (reader) == 1 && !is_end (reader, "c"))
          if (is_element (reader, "v") && !xmlTextReaderIsEmptyElement (reader))
            {
              /* A cell has one <v>; a broken file may have more: keep the last. */
              xmlChar *text = xmlTextReaderReadString (reader);

              g_free (value);
              value = text != NULL ? g_strdup ((const char *) text) : NULL;
              xmlFree (text);
            }
    }

  if (value != NULL && g_strcmp0 (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value, NULL, 10);

      g_free (value);
      value = index < shared->len ? g_strdup (g_ptr_array_index (shared, index)) : NULL;
    }
  if (column < 0 || value == NULL)
    return;
  while (row->len < (guint) column)
    g_ptr_array_add (row, NULL);
  if (row->len == (guint) column)
    g_ptr_array_add (row, g_steal_pointer (&value));
}

static ImportGrid *
read_sheet (GBytes    *part,
            GPtrArray *shared)
{
  ImportGrid *grid = g_new0 (ImportGrid, 1);
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  xmlTextReaderPtr reader = open_reader (part);
  GPtrArray *row = NULL;

  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while (reader != NULL && xmlTextReaderRead (reader) == 1)
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint number = r != NULL ? (guint) atoi (r) : numbers->len + 1;

          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (grid->rows, row);
          g_array_append_val (numbers, number);
          if (xmlTextReaderIsEmptyElement (reader))
            row = NULL;
        }
      else if (row != NULL && is_element (reader, "c"))
        read_cell (reader, shared, row);
      else if (is_end (reader, "row"))
        row = NULL;
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);

  grid->n_numbers = numbers->len;
  grid->numbers = (guint *) g_array_free (numbers, FALSE);
  return grid;
}

/* The first worksheet's part name, from the workbook's relationships;
 * SCB's files have one sheet. */
static char *
first_sheet_part (const char *zip)
{
  g_autoptr(GBytes) rels = read_part (zip, "xl/_rels/workbook.xml.rels");
  xmlTextReaderPtr reader;
  char *target = NULL;

  if (rels == NULL)
    return g_strdup ("xl/worksheets/sheet1.xml");
  reader = open_reader (rels);
  while (target == NULL && reader != NULL && xmlTextReaderRead (reader) == 1)
    {
      g_autofree char *type = NULL;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT ||
          strcmp ((const char *) xmlTextReaderConstLocalName (reader), "Relationship") != 0)
        continue;
      type = attribute (reader, "Type");
      if (type != NULL && g_str_has_suffix (type, "/worksheet"))
        target = attribute (reader, "Target");
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  if (target == NULL || strstr (target, "..") != NULL)
    {
      g_free (target);
      return g_strdup ("xl/worksheets/sheet1.xml");
    }
  if (target[0] == '/')
    {
      char *part = g_strdup (target + 1);

      g_free (target);
      return part;
    }
  return g_strconcat ("xl/", g_steal_pointer (&target), NULL);
}

/**
 * atlas_import_read_xlsx_grid:
 * @bytes: the XLSX file's content
 * @name: the file's name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full): the first worksheet's cells, row by row
 */
ImportGrid *
atlas_import_read_xlsx_grid (GBytes     *bytes,
                             const char *name,
                             GError    **error)
{
  static gint counter;
  g_autofree char *mem = g_strdup_printf ("/vsimem/platsatlas-import-%d.xlsx", g_atomic_int_add (&counter, 1));
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GBytes) sheet = NULL;
  g_autoptr(GBytes) strings = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autofree char *sheet_part = NULL;
  ImportGrid *grid = NULL;

  VSIFCloseL (VSIFileFromMemBuffer (mem, (GByte *) data, size, FALSE));
  sheet_part = first_sheet_part (mem);
  sheet = read_part (mem, sheet_part);
  if (sheet == NULL)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                 _("%s: no worksheet “%s” in the file; expected an Excel workbook (XLSX) as Statistikdatabasen saves it"),
                 name, sheet_part);
  else
    {
      strings = read_part (mem, "xl/sharedStrings.xml");
      shared = read_shared_strings (strings);
      grid = read_sheet (sheet, shared);
    }
  VSIUnlink (mem);
  return grid;
}
