/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>

#include "atlas-data-export.h"
#include "atlas-export-private.h"
#include "atlas-gdal-private.h"
#include "atlas-geometry-private.h"

/* The data behind a map, for people who take it into their own systems:
 * CSV for spreadsheets, GeoPackage for GIS. Both come from one list of
 * rows, so the two files always say the same. */

static const char * const data_extensions[] = {
  [ATLAS_DATA_FORMAT_CSV] = "csv",
  [ATLAS_DATA_FORMAT_GPKG] = "gpkg",
};

gboolean
atlas_data_format_from_path (const char       *path,
                             AtlasDataFormat  *format,
                             GError          **error)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (data_extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, data_extensions[i]) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Cannot export data to “%s”: the file name must end in .csv or .gpkg"), path);
  return FALSE;
}

gboolean
atlas_data_format_matches (const char *path)
{
  return path != NULL && atlas_data_format_from_path (path, NULL, NULL);
}

/* Rows */

typedef struct
{
  AtlasArea          *area;
  double              value;      /* NaN when missing */
  AtlasMissingReason  reason;
  AtlasValueSource    origin;
  gboolean            demonstration;
} Row;

static GArray *
collect_rows (AtlasFigure *figure)
{
  AtlasDataset *dataset = atlas_figure_get_dataset (figure);
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasDivision *division = atlas_figure_get_division (figure);
  guint year = atlas_figure_get_year (figure);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));

  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      Row row = { atlas_division_get_area (division, i), NAN, ATLAS_MISSING_NONE, 0, FALSE };

      if (!atlas_figure_shows_area (figure, row.area))
        continue;
      row.origin = atlas_dataset_get_value (dataset, indicator, year, row.area, &row.value, &row.reason);
      if (row.origin == ATLAS_VALUE_MISSING)
        row.value = NAN;
      row.demonstration = atlas_dataset_value_is_demonstration (dataset, indicator, row.origin);
      g_array_append_val (rows, row);
    }
  return rows;
}

static gboolean
check_figure (AtlasFigure  *figure,
              GError      **error)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasDivision *division = atlas_figure_get_division (figure);

  if (indicator == NULL || division == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("No indicator and level were chosen for the data export"));
      return FALSE;
    }
  if (atlas_dataset_peek_values (atlas_figure_get_dataset (figure), indicator,
                                 atlas_figure_get_year (figure), division) == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                   _("The package “%s” has no values for %u"),
                   atlas_dataset_get_id (atlas_figure_get_dataset (figure)), atlas_figure_get_year (figure));
      return FALSE;
    }
  return TRUE;
}

/* The stated name, else one made from the code and a named ancestor. */
static char *
dup_area_name (AtlasArea *area)
{
  const char *name = atlas_area_get_name (area);

  return name != NULL ? g_strdup (name) : atlas_area_dup_display_name (area);
}

/* A value read back exactly: the shortest round-trip decimal. */
static char *
format_value (double        value,
              AtlasCsvStyle style)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *dot;

  if (isnan (value))
    return g_strdup ("");
  g_ascii_dtostr (buffer, sizeof buffer, value);
  dot = strchr (buffer, '.');
  if (dot != NULL && style == ATLAS_CSV_STYLE_SWEDISH)
    *dot = ',';
  return g_strdup (buffer);
}

/* The column names, shared by CSV and GeoPackage. */
static const char * const columns[] = {
  "area_code", "area_name", "parent_code", "parent_name", "level", "indicator",
  "value", "unit", "unit_label", "year", "missing_reason", "demonstration",
  "source", "definition", "value_origin",
};

enum
{
  COL_AREA_CODE, COL_AREA_NAME, COL_PARENT_CODE, COL_PARENT_NAME, COL_LEVEL,
  COL_INDICATOR, COL_VALUE, COL_UNIT, COL_UNIT_LABEL, COL_YEAR, COL_MISSING,
  COL_DEMONSTRATION, COL_SOURCE, COL_DEFINITION, COL_ORIGIN, N_COLUMNS
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == N_COLUMNS);

/* Every field of a row as text (value and year too), NULL for none. */
static void
row_fields (AtlasFigure *figure,
            const Row   *row,
            AtlasCsvStyle style,
            char        *fields[N_COLUMNS])
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasArea *parent = atlas_area_get_parent (row->area);
  const char *lang = atlas_figure_get_lang (figure);

  fields[COL_AREA_CODE] = g_strdup (atlas_area_get_code (row->area));
  fields[COL_AREA_NAME] = dup_area_name (row->area);
  fields[COL_PARENT_CODE] = parent != NULL ? g_strdup (atlas_area_get_code (parent)) : NULL;
  fields[COL_PARENT_NAME] = parent != NULL ? dup_area_name (parent) : NULL;
  fields[COL_LEVEL] = g_strdup (atlas_division_get_id (atlas_figure_get_division (figure)));
  fields[COL_INDICATOR] = g_strdup (atlas_indicator_get_id (indicator));
  fields[COL_VALUE] = format_value (row->value, style);
  fields[COL_UNIT] = g_strdup (atlas_unit_to_nick (atlas_indicator_get_unit (indicator)));
  fields[COL_UNIT_LABEL] = g_strdup (atlas_indicator_get_unit_label (indicator, lang));
  fields[COL_YEAR] = g_strdup_printf ("%u", atlas_figure_get_year (figure));
  fields[COL_MISSING] = isnan (row->value) ? g_strdup (atlas_missing_reason_describe (row->reason)) : NULL;
  fields[COL_DEMONSTRATION] = g_strdup (row->demonstration ? "true" : "false");
  fields[COL_SOURCE] = g_strdup (atlas_indicator_get_source (indicator));
  fields[COL_DEFINITION] = g_strdup (atlas_indicator_get_definition (indicator, lang));
  fields[COL_ORIGIN] = g_strdup (atlas_value_source_to_nick (row->origin));
}

static void
fields_clear (char *fields[N_COLUMNS])
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&fields[i], g_free);
}

/* CSV */

static void
csv_append (GString    *out,
            const char *field,
            char        separator)
{
  if (field == NULL)
    return;
  if (strchr (field, separator) == NULL && strpbrk (field, "\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GByteArray *
build_csv (AtlasFigure   *figure,
           GArray        *rows,
           AtlasCsvStyle  style)
{
  char separator = style == ATLAS_CSV_STYLE_SWEDISH ? ';' : ',';
  GString *out = g_string_new ("\xef\xbb\xbf");

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_string_append (out, columns[c]);
      g_string_append (out, c + 1 < N_COLUMNS ? (char[]) { separator, 0 } : "\r\n");
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char *fields[N_COLUMNS] = { NULL };

      row_fields (figure, &g_array_index (rows, Row, r), style, fields);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          csv_append (out, fields[c], separator);
          g_string_append (out, c + 1 < N_COLUMNS ? (char[]) { separator, 0 } : "\r\n");
        }
      fields_clear (fields);
    }
  return g_bytes_unref_to_array (g_string_free_to_bytes (out));
}

/* GeoPackage */

char *
atlas_data_export_layer_name (AtlasFigure *figure)
{
  g_autofree char *raw = NULL;
  g_autofree char *ascii = NULL;
  GString *name = g_string_new (NULL);

  g_return_val_if_fail (ATLAS_IS_FIGURE (figure), NULL);

  raw = g_strdup_printf ("%s_%s_%u",
                         atlas_figure_get_indicator (figure) != NULL
                         ? atlas_indicator_get_id (atlas_figure_get_indicator (figure)) : "data",
                         atlas_figure_get_division (figure) != NULL
                         ? atlas_division_get_id (atlas_figure_get_division (figure)) : "areas",
                         atlas_figure_get_year (figure));
  ascii = g_str_to_ascii (raw, "C");
  for (const char *p = ascii; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  return g_string_free (name, FALSE);
}

/* Rings of an AtlasGeometry are one flat even-odd list: a ring inside an
 * odd number of others is a hole of the smallest ring around it. */
static guint
ring_depth (const AtlasGeometry *geometry,
            guint                ring,
            int                 *container)
{
  const double *coords = atlas_geometry_get_coords (geometry);
  const guint *offsets = atlas_geometry_get_ring_offsets (geometry);
  guint n_rings = atlas_geometry_get_n_rings (geometry);
  const double *p = coords + 2 * offsets[ring];
  guint depth = 0;
  double smallest = G_MAXDOUBLE;

  *container = -1;
  for (guint s = 0; s < n_rings; s++)
    {
      guint n = offsets[s + 1] - offsets[s];
      const double *c = coords + 2 * offsets[s];

      if (s == ring || !atlas_ring_contains (c, n, p[0], p[1]))
        continue;
      depth++;
      if (n < smallest)
        {
          smallest = n;
          *container = s;
        }
    }
  return depth;
}

static OGRGeometryH
ring_to_ogr (const AtlasGeometry *geometry,
             guint                ring)
{
  const double *coords = atlas_geometry_get_coords (geometry);
  const guint *offsets = atlas_geometry_get_ring_offsets (geometry);
  OGRGeometryH lr = OGR_G_CreateGeometry (wkbLinearRing);

  for (guint i = offsets[ring]; i < offsets[ring + 1]; i++)
    OGR_G_AddPoint_2D (lr, coords[2 * i], coords[2 * i + 1]);
  OGR_G_CloseRings (lr);
  return lr;
}

static OGRGeometryH
geometry_to_ogr (const AtlasGeometry *geometry)
{
  guint n_rings = atlas_geometry_get_n_rings (geometry);
  g_autofree int *polygon_of = g_new (int, MAX (n_rings, 1));
  g_autofree int *container = g_new (int, MAX (n_rings, 1));
  g_autofree guint *depth = g_new (guint, MAX (n_rings, 1));
  OGRGeometryH multi = OGR_G_CreateGeometry (wkbMultiPolygon);

  for (guint r = 0; r < n_rings; r++)
    depth[r] = ring_depth (geometry, r, &container[r]);
  /* Outer rings first, then each hole into its outer ring's polygon. */
  for (guint r = 0; r < n_rings; r++)
    {
      OGRGeometryH polygon;

      polygon_of[r] = -1;
      if (depth[r] % 2 != 0)
        continue;
      polygon = OGR_G_CreateGeometry (wkbPolygon);
      OGR_G_AddGeometryDirectly (polygon, ring_to_ogr (geometry, r));
      polygon_of[r] = OGR_G_GetGeometryCount (multi);
      OGR_G_AddGeometryDirectly (multi, polygon);
    }
  for (guint r = 0; r < n_rings; r++)
    if (depth[r] % 2 != 0 && container[r] >= 0 && polygon_of[container[r]] >= 0)
      OGR_G_AddGeometryDirectly (OGR_G_GetGeometryRef (multi, polygon_of[container[r]]),
                                 ring_to_ogr (geometry, r));
  return multi;
}

static OGRSpatialReferenceH
srs_for (int epsg)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, epsg);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

static OGRFieldType
column_type (guint column)
{
  switch (column)
    {
    case COL_VALUE: return OFTReal;
    case COL_YEAR: return OFTInteger;
    case COL_DEMONSTRATION: return OFTInteger;
    default: return OFTString;
    }
}

static OGRLayerH
create_gpkg_layer (GDALDatasetH          ds,
                   AtlasFigure          *figure,
                   OGRSpatialReferenceH  srs)
{
  g_autofree char *name = atlas_data_export_layer_name (figure);
  OGRLayerH layer = GDALDatasetCreateLayer (ds, name, srs, wkbMultiPolygon, NULL);

  for (guint c = 0; layer != NULL && c < N_COLUMNS; c++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (columns[c], column_type (c));

      if (c == COL_DEMONSTRATION)
        OGR_Fld_SetSubType (field, OFSTBoolean);
      if (OGR_L_CreateField (layer, field, TRUE) != OGRERR_NONE)
        layer = NULL;
      OGR_Fld_Destroy (field);
    }
  return layer;
}

static void
set_feature_fields (OGRFeatureH  feature,
                    AtlasFigure *figure,
                    const Row   *row)
{
  char *fields[N_COLUMNS] = { NULL };

  row_fields (figure, row, ATLAS_CSV_STYLE_PLAIN, fields);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c == COL_VALUE)
        {
          if (!isnan (row->value))
            OGR_F_SetFieldDouble (feature, c, row->value);
        }
      else if (c == COL_YEAR)
        OGR_F_SetFieldInteger (feature, c, (int) atlas_figure_get_year (figure));
      else if (c == COL_DEMONSTRATION)
        OGR_F_SetFieldInteger (feature, c, row->demonstration);
      else if (fields[c] != NULL)
        OGR_F_SetFieldString (feature, c, fields[c]);
    }
  fields_clear (fields);
}

static gboolean
write_features (OGRLayerH                     layer,
                AtlasFigure                  *figure,
                GArray                       *rows,
                OGRCoordinateTransformationH  ct,
                GCancellable                 *cancellable)
{
  gboolean ok = TRUE;

  for (guint r = 0; ok && r < rows->len; r++)
    {
      const Row *row = &g_array_index (rows, Row, r);
      AtlasGeometry *geometry = atlas_area_get_geometry (row->area);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      set_feature_fields (feature, figure, row);
      if (geometry != NULL && atlas_geometry_get_n_rings (geometry) > 0)
        {
          OGRGeometryH shape = geometry_to_ogr (geometry);

          ok = OGR_G_Transform (shape, ct) == OGRERR_NONE;
          OGR_F_SetGeometryDirectly (feature, shape);
        }
      ok = ok && OGR_L_CreateFeature (layer, feature) == OGRERR_NONE
           && !g_cancellable_is_cancelled (cancellable);
      OGR_F_Destroy (feature);
    }
  return ok;
}

static gboolean
write_gpkg_file (AtlasFigure   *figure,
                 GArray        *rows,
                 const char    *path,
                 GCancellable  *cancellable)
{
  GDALDriverH driver;
  GDALDatasetH ds;
  OGRSpatialReferenceH wgs84 = srs_for (4326);
  OGRSpatialReferenceH sweref = srs_for (ATLAS_DATA_EXPORT_EPSG);
  OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation (wgs84, sweref);
  OGRLayerH layer = NULL;
  gboolean ok = FALSE;

  atlas_gdal_init ();
  driver = GDALGetDriverByName ("GPKG");
  ds = driver != NULL && ct != NULL ? GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
  if (ds != NULL)
    layer = create_gpkg_layer (ds, figure, sweref);
  if (layer != NULL && OGR_L_StartTransaction (layer) == OGRERR_NONE)
    {
      ok = write_features (layer, figure, rows, ct, cancellable);
      ok = OGR_L_CommitTransaction (layer) == OGRERR_NONE && ok;
    }
  if (ds != NULL)
    GDALClose (ds);
  if (ct != NULL)
    OCTDestroyCoordinateTransformation (ct);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (sweref);
  return ok;
}

/* A name in the target's folder that nothing has: GDAL must create the
 * GeoPackage itself, so the name is reserved by checking, not by opening. */
static char *
temporary_path (const char *path)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.tmp.gpkg", base, g_random_int ());
      char *candidate = g_build_filename (directory, name, NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS) && !g_file_test (candidate, G_FILE_TEST_IS_SYMLINK))
        return candidate;
      g_free (candidate);
    }
  return NULL;
}

/* Removes the temporary file and SQLite's companions, which this export
 * created: never anything else. */
static void
remove_temporary (const char *temporary)
{
  const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (temporary, suffixes[i], NULL);

      g_unlink (name);
    }
}

static gboolean
export_gpkg (AtlasFigure   *figure,
             GArray        *rows,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *temporary = temporary_path (path);

  if (temporary == NULL || !write_gpkg_file (figure, rows, temporary, cancellable))
    {
      if (temporary != NULL)
        remove_temporary (temporary);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Cannot export data to “%s”: the GeoPackage could not be written (%s); "
                       "expected a writable folder"), path, CPLGetLastErrorMsg ());
      return FALSE;
    }
  if (g_rename (temporary, path) != 0)
    {
      int saved = errno;

      remove_temporary (temporary);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot export data to “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
atlas_figure_export_data (AtlasFigure   *figure,
                          const char    *path,
                          AtlasCsvStyle  csv_style,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  AtlasDataFormat format;

  g_return_val_if_fail (ATLAS_IS_FIGURE (figure), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!atlas_data_format_from_path (path, &format, error)
      || !atlas_export_check_directory (path, error)
      || !check_figure (figure, error))
    return FALSE;

  rows = collect_rows (figure);
  if (format == ATLAS_DATA_FORMAT_GPKG)
    return export_gpkg (figure, rows, path, cancellable, error);
  else
    {
      g_autoptr(GByteArray) bytes = build_csv (figure, rows, csv_style);

      return !g_cancellable_set_error_if_cancelled (cancellable, error)
             && atlas_export_write_bytes (path, bytes, error);
    }
}

static void
export_data_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AtlasFigure *copy = g_object_get_data (G_OBJECT (task), "figure-copy");
  AtlasCsvStyle style = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "csv-style"));
  GError *error = NULL;

  if (atlas_figure_export_data (copy, task_data, style, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
atlas_figure_export_data_async (AtlasFigure         *figure,
                                const char          *path,
                                AtlasCsvStyle        csv_style,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATLAS_IS_FIGURE (figure));
  g_return_if_fail (path != NULL);

  task = g_task_new (figure, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_figure_export_data_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "figure-copy", atlas_figure_copy (figure), g_object_unref);
  g_object_set_data (G_OBJECT (task), "csv-style", GINT_TO_POINTER (csv_style));
  g_task_run_in_thread (task, export_data_thread);
}

gboolean
atlas_figure_export_data_finish (AtlasFigure   *figure,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, figure), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_figure_export_data_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
