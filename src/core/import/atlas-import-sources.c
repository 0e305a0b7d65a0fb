/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <errno.h>
#include <glib/gstdio.h>

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "atlas-error.h"
#include "atlas-gdal-private.h"
#include "atlas-import-private.h"

/* Recognises each input by its content, never by its name: XLSX and
 * zipped shapefiles are both zips, GeoJSON and PxWeb are both JSON. */

#define MAX_INPUT_BYTES (512 * 1024 * 1024)

void
atlas_import_key_free (ImportKey *key)
{
  if (key == NULL)
    return;
  for (guint l = 0; l < IMPORT_N_LEVELS; l++)
    {
      g_free (key->version[l]);
      g_clear_pointer (&key->names[l], g_hash_table_unref);
      g_clear_pointer (&key->parents[l], g_hash_table_unref);
    }
  g_hash_table_unref (key->labels);
  g_free (key);
}

static void
geometry_free (ImportGeometry *geometry)
{
  if (geometry == NULL)
    return;
  g_free (geometry->path);
  g_free (geometry->layer);
  g_free (geometry->code_field);
  g_free (geometry->name_field);
  g_free (geometry->version);
  g_free (geometry);
}

void
atlas_import_input_free (ImportInput *input)
{
  if (input == NULL)
    return;
  g_free (input->file);
  g_free (input->name);
  g_clear_pointer (&input->table, atlas_import_table_free);
  g_clear_pointer (&input->key, atlas_import_key_free);
  g_clear_pointer (&input->geometry, geometry_free);
  g_free (input);
}

/* "Upplands Väsby (Bollstanäs )" and "Upplands Väsby (Bollstanäs)" are
 * the same, as are "–" and "-". */
char *
atlas_import_fold_label (const char *label)
{
  g_autofree char *folded = g_utf8_casefold (label, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char last = out->len > 0 ? out->str[out->len - 1] : '(';

      if (c == 0x2013 || c == 0x2014 || c == 0x2212)
        c = '-';
      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      /* no space after "(" or "-", nor before ")" or "-" */
      if (space && last != '(' && last != '-' && c != ')' && c != '-')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ---- statistics ------------------------------------------------------------ */

static gboolean
is_zip (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return size >= 4 && memcmp (data, "PK\003\004", 4) == 0;
}

static gboolean
zip_has_member (GBytes     *bytes,
                const char *member)
{
  static gint counter;
  g_autofree char *mem = g_strdup_printf ("/vsimem/platsatlas-probe-%d.zip", g_atomic_int_add (&counter, 1));
  g_autofree char *path = g_strdup_printf ("/vsizip/%s/%s", mem, member);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  VSILFILE *probe;
  gboolean found;

  atlas_gdal_init ();
  VSIFCloseL (VSIFileFromMemBuffer (mem, (GByte *) data, size, FALSE));
  probe = VSIFOpenL (path, "rb");
  found = probe != NULL;
  if (probe != NULL)
    VSIFCloseL (probe);
  VSIUnlink (mem);
  return found;
}

static const char *
skip_space (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size ? data + i : "";
}

static ImportTable *
read_json_table (GBytes      *bytes,
                 const char  *name,
                 GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  /* Cheap sniffing; each reader checks the structure fully. */
  g_autofree char *head = g_strndup (data, MIN (size, 4096));

  if (strstr (head, "\"class\"") != NULL && strstr (head, "\"dataset\"") != NULL)
    return atlas_import_read_json_stat (bytes, name, error);
  if (g_strstr_len (data, (gssize) size, "\"columns\"") != NULL || strstr (head, "\"data\"") != NULL)
    return atlas_import_read_pxweb (bytes, name, error);
  return atlas_import_read_json_stat (bytes, name, error);
}

/**
 * atlas_import_read_table:
 * @bytes: a statistics file's content
 * @name: its name, for messages
 * @error: return location for an error
 *
 * Reads PxWeb JSON, JSON-stat 2.0, or a Statistikdatabasen CSV or XLSX
 * export, recognised by content.
 *
 * Returns: (transfer full) (nullable): the table in long form
 */
ImportTable *
atlas_import_read_table (GBytes      *bytes,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(ImportGrid) grid = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  ImportTable *table;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: the file is empty; expected a table from SCB (XLSX, CSV, PxWeb JSON or JSON-stat)"), name);
      return NULL;
    }
  if (is_zip (bytes))
    {
      grid = atlas_import_read_xlsx_grid (bytes, name, error);
      return grid != NULL ? atlas_import_table_from_grid (grid, name, "scb-xlsx", error) : NULL;
    }
  if (*skip_space (bytes) == '{')
    return read_json_table (bytes, name, error);

  grid = atlas_import_read_csv_grid (bytes, name, notes, error);
  if (grid == NULL)
    return NULL;
  table = atlas_import_table_from_grid (grid, name, "scb-csv", error);
  for (guint i = 0; table != NULL && i < notes->len; i++)
    g_ptr_array_add (table->notes, g_strdup (g_ptr_array_index (notes, i)));
  return table;
}

/* ---- key tables -------------------------------------------------------------- */

static const char *
grid_cell (ImportGrid *grid,
           guint       row,
           guint       column)
{
  GPtrArray *cells = g_ptr_array_index (grid->rows, row);

  return column < cells->len ? g_ptr_array_index (cells, column) : NULL;
}

/* The level whose codes fill a column (90 % of its filled cells). */
static ImportLevel
column_level (ImportGrid *grid,
              guint       column)
{
  guint counts[IMPORT_N_LEVELS] = { 0, };
  guint filled = 0;

  for (guint r = 1; r < grid->rows->len; r++)
    {
      const char *text = grid_cell (grid, r, column);
      g_autofree char *code = NULL;

      gboolean padded = FALSE;

      if (text == NULL)
        continue;
      filled++;
      /* Keys keep their zeros; numbers that need one are values. */
      code = atlas_import_normalize_code (text, NULL, &padded);
      counts[padded ? IMPORT_LEVEL_NONE : atlas_import_code_level (code)]++;
    }
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    if (filled > 0 && counts[l] * 10 >= filled * 9)
      return (ImportLevel) l;
  return IMPORT_LEVEL_NONE;
}

/* A name column of a code column: one name per code, and nearly as
 * many different names as codes. */
static gboolean
names_codes (ImportGrid *grid,
             guint       code_column,
             guint       name_column)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 1; r < grid->rows->len; r++)
    {
      const char *code = grid_cell (grid, r, code_column);
      const char *name = grid_cell (grid, r, name_column);
      const char *seen;

      if (code == NULL || name == NULL)
        continue;
      seen = g_hash_table_lookup (by_code, code);
      if (seen != NULL && !g_str_equal (seen, name))
        return FALSE;
      g_hash_table_insert (by_code, (char *) code, (char *) name);
      g_hash_table_add (names, (char *) name);
    }
  return g_hash_table_size (by_code) > 0 &&
         g_hash_table_size (names) * 10 >= g_hash_table_size (by_code) * 9;
}

/* "DeSO_2018" → "DeSO 2018" */
static char *
header_version (const char  *header,
                ImportLevel  level)
{
  static const char *const names[] = { NULL, "Län", "Kommun", "RegSO", "DeSO" };
  const char *digits = header != NULL ? strpbrk (header, "0123456789") : NULL;

  if (digits == NULL || strspn (digits, "0123456789") != 4)
    return NULL;
  return g_strdup_printf ("%s %.4s", names[level], digits);
}

static void
fill_key_level (ImportKey   *key,
                ImportGrid  *grid,
                guint        column,
                int          name_column,
                int          parent_column,
                ImportLevel  level)
{
  key->names[level] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key->parents[level] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key->version[level] = header_version (grid_cell (grid, 0, column), level);
  for (guint r = 1; r < grid->rows->len; r++)
    {
      char *code = atlas_import_normalize_code (grid_cell (grid, r, column), NULL, NULL);
      const char *name = name_column >= 0 ? grid_cell (grid, r, (guint) name_column) : NULL;
      char *parent = parent_column >= 0 ? atlas_import_normalize_code (grid_cell (grid, r, (guint) parent_column), NULL, NULL) : NULL;

      if (code == NULL)
        {
          g_free (parent);
          continue;
        }
      if (parent != NULL)
        g_hash_table_insert (key->parents[level], g_strdup (code), parent);
      if (name != NULL)
        g_hash_table_insert (key->names[level], code, g_strdup (name));
      else
        g_free (code);
    }
}

/* "Kommun (område)" labels of the key's smallest named level below kommun. */
static void
fill_key_labels (ImportKey *key)
{
  for (guint l = IMPORT_LEVEL_REGSO; l < IMPORT_N_LEVELS; l++)
    {
      GHashTableIter iter;
      gpointer code, name;

      if (key->names[l] == NULL || key->names[IMPORT_LEVEL_KOMMUN] == NULL)
        continue;
      g_hash_table_iter_init (&iter, key->names[l]);
      while (g_hash_table_iter_next (&iter, &code, &name))
        {
          g_autofree char *kommun = g_strndup (code, 4);
          const char *kommun_name = g_hash_table_lookup (key->names[IMPORT_LEVEL_KOMMUN], kommun);
          g_autofree char *label = NULL;

          if (kommun_name == NULL)
            continue;
          label = g_strdup_printf ("%s (%s)", kommun_name, (char *) name);
          g_hash_table_insert (key->labels, atlas_import_fold_label (label), g_strdup (code));
        }
    }
}

/**
 * atlas_import_read_key:
 * @grid: a CSV file's cells, with a header row
 * @name: the file's name, for messages
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when the grid
 *   is not one (it has fewer than two columns of codes of different levels)
 */
ImportKey *
atlas_import_read_key (ImportGrid *grid,
                       const char *name)
{
  int columns[IMPORT_N_LEVELS] = { -1, -1, -1, -1, -1 };
  guint n_columns = 0, n_levels = 0;
  ImportKey *key;

  if (grid->rows->len < 2)
    return NULL;
  for (guint r = 0; r < MIN (grid->rows->len, 50); r++)
    n_columns = MAX (n_columns, ((GPtrArray *) g_ptr_array_index (grid->rows, r))->len);
  for (guint c = 0; c < n_columns && c < 32; c++)
    {
      ImportLevel level = column_level (grid, c);

      if (level != IMPORT_LEVEL_NONE && columns[level] < 0)
        columns[level] = (int) c, n_levels++;
    }
  if (n_levels < 2)
    return NULL;

  key = g_new0 (ImportKey, 1);
  key->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    {
      int name_column = -1, parent_column = -1;

      if (columns[l] < 0)
        continue;
      for (guint c = 0; c < n_columns && name_column < 0; c++)
        if (column_level (grid, c) == IMPORT_LEVEL_NONE && names_codes (grid, (guint) columns[l], c))
          name_column = (int) c;
      for (int p = (int) l - 1; p >= IMPORT_LEVEL_LAN && parent_column < 0; p--)
        parent_column = columns[p];
      fill_key_level (key, grid, (guint) columns[l], name_column, parent_column, (ImportLevel) l);
    }
  fill_key_labels (key);
  return key;
}

/* ---- geometry -------------------------------------------------------------- */

typedef struct
{
  guint counts[IMPORT_N_LEVELS];
  GHashTable *distinct;
  gboolean latin1;
} FieldStats;

static void
count_fields (OGRLayerH   layer,
              FieldStats *stats,
              int         n_fields,
              guint      *n_features)
{
  OGRFeatureH feature;

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      for (int f = 0; f < n_fields; f++)
        {
          const char *text = OGR_F_IsFieldSetAndNotNull (feature, f) ? OGR_F_GetFieldAsString (feature, f) : NULL;
          g_autofree char *code = text != NULL ? atlas_import_normalize_code (text, NULL, NULL) : NULL;

          if (text == NULL)
            continue;
          stats[f].counts[atlas_import_code_level (code)]++;
          stats[f].latin1 = stats[f].latin1 || !g_utf8_validate (text, -1, NULL);
          if (g_hash_table_size (stats[f].distinct) < 100000)
            g_hash_table_add (stats[f].distinct, g_strdup (text));
        }
      (*n_features)++;
      OGR_F_Destroy (feature);
    }
}

static gboolean
pick_code_field (ImportGeometry *geometry,
                 OGRFeatureDefnH defn,
                 FieldStats     *stats,
                 int             n_fields)
{
  int best = -1;
  guint best_count = 0;

  for (int f = 0; f < n_fields; f++)
    for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
      if (stats[f].counts[l] > best_count ||
          (best >= 0 && stats[f].counts[l] == best_count && l > geometry->level))
        best = f, best_count = stats[f].counts[l], geometry->level = (ImportLevel) l;

  if (best < 0 || best_count * 10 < geometry->n_features * 9)
    return FALSE;
  geometry->code_field = g_strdup (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, best)));

  /* A name field: text, not codes, nearly one value per area; one
   * called "namn" or "name" first. */
  for (int pass = 0; pass < 2 && geometry->name_field == NULL; pass++)
    for (int f = 0; f < n_fields && geometry->name_field == NULL; f++)
      {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, f);
        g_autofree char *lower = g_ascii_strdown (OGR_Fld_GetNameRef (field), -1);
        gboolean named = strstr (lower, "namn") != NULL || strstr (lower, "name") != NULL;

        if (f == best || OGR_Fld_GetType (field) != OFTString || stats[f].counts[IMPORT_LEVEL_NONE] == 0 ||
            (pass == 0 && !named) || g_hash_table_size (stats[f].distinct) * 10 < g_hash_table_size (stats[best].distinct) * 9)
          continue;
        geometry->name_field = g_strdup (OGR_Fld_GetNameRef (field));
        geometry->latin1 = stats[f].latin1;
      }
  return TRUE;
}

static gboolean
inspect_layer (ImportGeometry *geometry,
               OGRLayerH       layer)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n_fields = OGR_FD_GetFieldCount (defn);
  g_autofree FieldStats *stats = g_new0 (FieldStats, MAX (n_fields, 1));
  gboolean ok;

  for (int f = 0; f < n_fields; f++)
    stats[f].distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count_fields (layer, stats, n_fields, &geometry->n_features);
  ok = geometry->n_features > 0 && pick_code_field (geometry, defn, stats, n_fields);
  for (int f = 0; f < n_fields; f++)
    g_hash_table_unref (stats[f].distinct);
  if (ok)
    geometry->layer = g_strdup (OGR_L_GetName (layer));
  return ok;
}

/* "deso2018", "RegSO_2025": a division version from a file or layer name. */
static char *
name_version (const char  *name,
              ImportLevel  level)
{
  static const char *const names[] = { NULL, "Län", "Kommun", "RegSO", "DeSO" };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autofree char *wanted = g_ascii_strdown (names[level], -1);
  const char *at = strstr (lower, wanted);
  const char *digits = at != NULL ? strpbrk (at, "0123456789") : NULL;

  if (digits == NULL || strspn (digits, "0123456789") < 4 || digits - at > (int) strlen (wanted) + 1)
    return NULL;
  return g_strdup_printf ("%s %.4s", names[level], digits);
}

static ImportGeometry *
inspect_geometry (const char  *path,
                  const char  *name,
                  GError     **error)
{
  GDALDatasetH ds;
  ImportGeometry *geometry = g_new0 (ImportGeometry, 1);
  gboolean found = FALSE;

  atlas_gdal_init ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, atlas_gdal_geometry_drivers, NULL, NULL);
  if (ds == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_UNRECOGNISED,
                   _("%s: not a statistics file Platsatlas knows, nor geometry OGR reads; expected PxWeb JSON, "
                     "JSON-stat, a Statistikdatabasen CSV or XLSX file, a GeoPackage, GeoJSON or a (zipped) shapefile"),
                   name);
      geometry_free (geometry);
      return NULL;
    }
  for (int i = 0; i < GDALDatasetGetLayerCount (ds) && !found; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);
      OGRwkbGeometryType type = wkbFlatten (OGR_L_GetGeomType (layer));

      if (type != wkbPolygon && type != wkbMultiPolygon && type != wkbUnknown)
        continue;
      geometry->n_features = 0;
      found = inspect_layer (geometry, layer);
    }
  GDALClose (ds);
  if (!found)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_AREAS,
                   _("%s: no polygon layer has a field of area codes; expected SCB codes such as 0380, "
                     "0380R001 or 0380C1010 (integers such as 380 are padded)"), name);
      geometry_free (geometry);
      return NULL;
    }
  geometry->path = g_strdup (path);
  geometry->version = name_version (name, geometry->level);
  if (geometry->version == NULL)
    geometry->version = name_version (geometry->code_field, geometry->level);
  if (geometry->version == NULL)
    geometry->version = name_version (geometry->layer, geometry->level);
  return geometry;
}

/* "bef_2016", "Bef_201612", "omradestyp_2023": a year in a field name. */
static int
field_year (const char *name)
{
  const char *digits = strpbrk (name, "0123456789");
  gsize n = digits != NULL ? strspn (digits, "0123456789") : 0;
  char year[5];

  if (n != 4 && n != 6)
    return 0;
  g_strlcpy (year, digits, sizeof year);
  return atlas_import_parse_year (year);
}

/* An areas key's numeric columns with a year in their names
 * ("omradestyp_2022"), as a table keyed by the key's finest codes. */
static ImportTable *
read_key_values (ImportGrid *grid,
                 const char *name)
{
  GPtrArray *header = g_ptr_array_index (grid->rows, 0);
  g_autoptr(ImportTable) table = atlas_import_table_new (name, "scb-csv");
  ImportDim *dim = atlas_import_table_add_dim (table, "field", _("field"));
  ImportLevel finest = IMPORT_LEVEL_NONE;
  int code_column = -1;

  dim->contents = TRUE;
  for (guint c = 0; c < header->len && c < 32; c++)
    {
      ImportLevel level = column_level (grid, c);

      if (level > finest)
        finest = level, code_column = (int) c;
    }
  for (guint c = 0; code_column >= 0 && c < header->len; c++)
    {
      const char *field = g_ptr_array_index (header, c);
      int year = field != NULL && column_level (grid, c) == IMPORT_LEVEL_NONE ? field_year (field) : 0;
      g_autofree char *label = year > 0 ? g_strndup (field, strcspn (field, "0123456789")) : NULL;
      g_autofree double *values = g_new (double, grid->rows->len);
      guint numbers = 0, series;

      for (guint r = 1; year > 0 && r < grid->rows->len; r++)
        {
          const char *text = grid_cell (grid, r, c);
          gboolean ok = FALSE;

          values[r] = text != NULL ? atlas_import_parse_number (text, &ok) : NAN;
          values[r] = ok ? values[r] : NAN;
          numbers += ok;
        }
      /* Names with a year ("RegSO_2020") are not values. */
      if (numbers == 0)
        continue;
      g_strchomp (g_strdelimit (label, "_", ' '));
      series = atlas_import_dim_add_value (dim, label, NULL);
      series = atlas_import_table_add_series (table, &series);
      for (guint r = 1; r < grid->rows->len; r++)
        {
          g_autofree char *code = atlas_import_normalize_code (grid_cell (grid, r, (guint) code_column), NULL, NULL);

          if (code != NULL)
            atlas_import_table_add_cell (table, atlas_import_table_add_key (table, code), year, series, values[r]);
        }
    }
  return table->cells->len > 0 ? g_steal_pointer (&table) : NULL;
}

/* A geometry file's numeric fields with a year in their names, as a
 * table: what a package of that file alone can show. */
static ImportTable *
read_geometry_values (ImportGeometry *geometry,
                      const char     *name)
{
  GDALDatasetH ds = GDALOpenEx (geometry->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, atlas_gdal_geometry_drivers, NULL, NULL);
  OGRLayerH layer = ds != NULL ? GDALDatasetGetLayerByName (ds, geometry->layer) : NULL;
  OGRFeatureDefnH defn = layer != NULL ? OGR_L_GetLayerDefn (layer) : NULL;
  ImportTable *table = atlas_import_table_new (name, "geometry");
  ImportDim *dim = atlas_import_table_add_dim (table, "field", _("field"));
  int code_index = defn != NULL ? OGR_FD_GetFieldIndex (defn, geometry->code_field) : -1;
  OGRFeatureH feature;

  dim->contents = TRUE;
  while (layer != NULL && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *code = atlas_import_normalize_code (OGR_F_GetFieldAsString (feature, code_index), NULL, NULL);

      for (int f = 0; code != NULL && f < OGR_FD_GetFieldCount (defn); f++)
        {
          OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, f);
          OGRFieldType type = OGR_Fld_GetType (field);
          int year = field_year (OGR_Fld_GetNameRef (field));
          guint series;

          if (f == code_index || year == 0 || (type != OFTInteger && type != OFTInteger64 && type != OFTReal))
            continue;
          series = atlas_import_dim_add_value (dim, OGR_Fld_GetNameRef (field), NULL);
          atlas_import_table_add_cell (table, atlas_import_table_add_key (table, code), year,
                                       atlas_import_table_add_series (table, &series),
                                       OGR_F_IsFieldSetAndNotNull (feature, f) ? OGR_F_GetFieldAsDouble (feature, f) : NAN);
        }
      OGR_F_Destroy (feature);
    }
  if (ds != NULL)
    GDALClose (ds);
  return table;
}

/* ---- any input -------------------------------------------------------------- */

static char *
zip_path (const char *file,
          GBytes     *bytes)
{
  g_autofree char *absolute = g_canonicalize_filename (file, NULL);

  (void) bytes;
  return g_strconcat ("/vsizip/", absolute, NULL);
}

static gboolean
read_text_input (ImportInput *input,
                 GBytes      *bytes,
                 GError     **error)
{
  g_autoptr(ImportGrid) grid = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  grid = atlas_import_read_csv_grid (bytes, input->name, notes, error);
  if (grid == NULL)
    return FALSE;
  input->key = atlas_import_read_key (grid, input->name);
  if (input->key != NULL)
    {
      input->kind = INPUT_KEY;
      input->table = read_key_values (grid, input->name);
      return TRUE;
    }
  input->table = atlas_import_table_from_grid (grid, input->name, "scb-csv", error);
  for (guint i = 0; input->table != NULL && i < notes->len; i++)
    g_ptr_array_add (input->table->notes, g_strdup (g_ptr_array_index (notes, i)));
  return input->table != NULL;
}

static gboolean
read_geometry_input (ImportInput *input,
                     const char  *path,
                     GError     **error)
{
  input->kind = INPUT_GEOMETRY;
  input->geometry = inspect_geometry (path, input->name, error);
  if (input->geometry == NULL)
    return FALSE;
  input->table = read_geometry_values (input->geometry, input->name);
  return TRUE;
}

static gboolean
is_binary_geometry (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return (size >= 16 && memcmp (data, "SQLite format 3", 15) == 0) ||
         (size >= 4 && memcmp (data, "\0\0\047\012", 4) == 0) ||
         (size >= 3 && memcmp (data, "fgb", 3) == 0);
}

static gboolean
dispatch_input (ImportInput *input,
                GBytes      *bytes,
                GError     **error)
{
  const char *text = skip_space (bytes);

  if (is_zip (bytes) && zip_has_member (bytes, "xl/workbook.xml"))
    {
      input->table = atlas_import_read_table (bytes, input->name, error);
      return input->table != NULL;
    }
  if (is_zip (bytes))
    {
      g_autofree char *path = zip_path (input->file, bytes);

      return read_geometry_input (input, path, error);
    }
  gsize left = g_bytes_get_size (bytes) - (gsize) (text - (const char *) g_bytes_get_data (bytes, NULL));

  if (is_binary_geometry (bytes) ||
      (*text == '{' && g_strstr_len (text, (gssize) MIN (left, 2048), "\"Feature") != NULL))
    return read_geometry_input (input, input->file, error);
  if (*text == '{')
    {
      input->table = atlas_import_read_table (bytes, input->name, error);
      return input->table != NULL;
    }
  return read_text_input (input, bytes, error);
}

/**
 * atlas_import_input_read:
 * @file: a file name
 * @crs: the EPSG code for geometry without a CRS, or 0
 * @notes: where to say what was assumed
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the recognised input
 */
/* Before reading a whole file: a regular file (never a pipe or device,
 * which could block or never end), not empty, not larger than the limit. */
static gboolean
check_input_file (const char  *file,
                  GError     **error)
{
  GStatBuf st;

  if (g_stat (file, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot be read (%s)"), file, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                 _("%s: not a regular file (a folder, pipe or device); expected a table or geometry file"), file);
  else if (st.st_size == 0)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                 _("%s: the file is empty; expected a table from SCB (XLSX, CSV, PxWeb JSON or JSON-stat) or a geometry file"), file);
  else if (st.st_size > MAX_INPUT_BYTES)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                 _("%s: the file is larger than %d MB; expected a smaller table or geometry file"),
                 file, MAX_INPUT_BYTES / (1024 * 1024));
  else
    return TRUE;
  return FALSE;
}

ImportInput *
atlas_import_input_read (const char    *file,
                         guint          crs,
                         GPtrArray     *notes,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GBytes) bytes = NULL;
  ImportInput *input;

  (void) crs;
  (void) notes;
  if (!check_input_file (file, error))
    return NULL;
  bytes = g_file_load_bytes (gfile, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  input = g_new0 (ImportInput, 1);
  input->file = g_strdup (file);
  input->name = g_path_get_basename (file);
  if (!dispatch_input (input, bytes, error))
    g_clear_pointer (&input, atlas_import_input_free);
  return input;
}
