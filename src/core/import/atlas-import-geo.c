/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "atlas-error.h"
#include "atlas-gdal-private.h"
#include "atlas-import-private.h"
#include "atlas-types.h"

#define note atlas_import_job_note

/* Geometry through OGR: the areas of a layer, and a package's geometry
 * written as one GeoPackage per level in WGS 84, one multipolygon per
 * code (islands stored as several rows are merged), without Z. */

const char *
atlas_import_packaged_borders (ImportLevel level)
{
  static char *paths[IMPORT_N_LEVELS];
  static const char *const files[] = { NULL, "lan.gpkg", "kommun.gpkg", NULL, NULL };
  G_LOCK_DEFINE_STATIC (paths);
  const char *path;

  if (files[level] == NULL)
    return NULL;
  G_LOCK (paths);
  if (paths[level] == NULL)
    paths[level] = g_build_filename (atlas_get_data_dir (), "datasets", "sverige-kommuner",
                                     "geo", files[level], NULL);
  path = paths[level];
  G_UNLOCK (paths);
  return path;
}

static GDALDatasetH
open_vector (const char  *path,
             GError     **error)
{
  GDALDatasetH ds;

  atlas_gdal_init ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, atlas_gdal_geometry_drivers, NULL, NULL);
  if (ds == NULL)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_GEOMETRY,
                 _("%s: OGR cannot open the file (%s); expected GeoPackage, GeoJSON or a shapefile"),
                 path, CPLGetLastErrorMsg ());
  return ds;
}

/* Latin-1 text from a DBF without a .cpg, as UTF-8. */
static char *
utf8_text (const char *text,
           guint      *converted)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  (*converted)++;
  return g_convert (text, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

static const char *
field_text (OGRFeatureH feature,
            int         index)
{
  return index >= 0 && OGR_F_IsFieldSetAndNotNull (feature, index) ? OGR_F_GetFieldAsString (feature, index) : NULL;
}

/**
 * atlas_import_read_areas:
 *
 * Adds an ImportArea (with has_geometry set) for each code of a layer.
 */
gboolean
atlas_import_read_areas (const char  *path,
                         const char  *layer_name,
                         const char  *code_field,
                         const char  *name_field,
                         const char  *parent_field,
                         GHashTable  *areas,
                         guint       *padded,
                         guint       *converted,
                         GError     **error)
{
  GDALDatasetH ds = open_vector (path, error);
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  int code, name, parent;

  if (ds == NULL)
    return FALSE;
  layer = layer_name != NULL ? GDALDatasetGetLayerByName (ds, layer_name) : GDALDatasetGetLayer (ds, 0);
  defn = layer != NULL ? OGR_L_GetLayerDefn (layer) : NULL;
  code = defn != NULL ? OGR_FD_GetFieldIndex (defn, code_field) : -1;
  name = defn != NULL && name_field != NULL ? OGR_FD_GetFieldIndex (defn, name_field) : -1;
  parent = defn != NULL && parent_field != NULL ? OGR_FD_GetFieldIndex (defn, parent_field) : -1;
  while (code >= 0 && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      gboolean was_padded = FALSE;
      char *c = atlas_import_normalize_code (field_text (feature, code), NULL, &was_padded);
      ImportArea *area = c != NULL ? g_hash_table_lookup (areas, c) : NULL;

      if (c != NULL && area == NULL)
        {
          area = g_new0 (ImportArea, 1);
          area->name = utf8_text (field_text (feature, name), converted);
          area->parent = atlas_import_normalize_code (field_text (feature, parent), NULL, NULL);
          g_hash_table_insert (areas, g_strdup (c), area);
          *padded += was_padded;
        }
      if (area != NULL)
        area->has_geometry = area->has_geometry || OGR_F_GetGeometryRef (feature) != NULL;
      g_free (c);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);
  if (code < 0)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_GEOMETRY,
                 _("%s: no field “%s” in the layer; expected the area codes there"), path, code_field);
  return code >= 0;
}

static gboolean
looks_like_sweref (const OGREnvelope *e)
{
  return e->MinX > 100000 && e->MaxX < 1100000 && e->MinY > 6000000 && e->MaxY < 7800000;
}

static gboolean
looks_like_lon_lat (const OGREnvelope *e)
{
  return e->MinX >= -180 && e->MaxX <= 180 && e->MinY >= -90 && e->MaxY <= 90;
}

static OGRSpatialReferenceH
epsg_srs (guint epsg)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, (int) epsg);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

/* The layer's CRS, or --crs, or SWEREF99 TM when the coordinates say so
 * (saying so), since files without a CRS, or GeoJSON claiming WGS 84
 * with metres, are common. */
static OGRSpatialReferenceH
source_srs (ImportJob   *job,
            OGRLayerH    layer,
            const char  *name,
            GError     **error)
{
  OGRSpatialReferenceH own = OGR_L_GetSpatialRef (layer);
  OGREnvelope e = { 0, };
  gboolean claims_wgs84;

  OGR_L_GetExtent (layer, &e, TRUE);
  claims_wgs84 = own != NULL && OSRIsGeographic (own);
  if (own != NULL && !(claims_wgs84 && looks_like_sweref (&e)))
    {
      own = OSRClone (own);
      OSRSetAxisMappingStrategy (own, OAMS_TRADITIONAL_GIS_ORDER);
      return own;
    }
  if (job->crs != 0)
    {
      note (job, _("%s: %s; used EPSG:%u as --crs says"), name,
            own == NULL ? _("the file names no CRS") : _("the coordinates are metres, not degrees as the file claims"),
            job->crs);
      return epsg_srs (job->crs);
    }
  if (looks_like_sweref (&e))
    {
      note (job, _("%s: %s, but the coordinates look like SWEREF99 TM: read as EPSG:3006 (use --crs to choose another)"),
            name, own == NULL ? _("the file names no CRS") : _("the file claims WGS 84"));
      return epsg_srs (3006);
    }
  if (looks_like_lon_lat (&e))
    {
      note (job, _("%s: the file names no CRS; the coordinates look like longitude and latitude: read as WGS 84"), name);
      return epsg_srs (4326);
    }
  g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_GEOMETRY,
               _("%s: the file names no coordinate reference system; expected one, or --crs EPSG (such as 3006 for SWEREF99 TM)"),
               name);
  return NULL;
}

static void
add_polygons (OGRGeometryH multi,
              OGRGeometryH geometry)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));

  if (type == wkbPolygon)
    OGR_G_AddGeometry (multi, geometry);
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
      add_polygons (multi, OGR_G_GetGeometryRef (geometry, i));
}

typedef struct
{
  const char *path;
  const char *layer;
  const char *code_field;
  const char *name;
} GeometrySource;

static gboolean
source_of (ImportJob      *job,
           ImportLevel     level,
           guint           n,
           GeometrySource *source)
{
  ImportLevelPlan *plan = &job->levels[level];

  if (plan->geometries != NULL)
    {
      ImportInput *input;

      if (n >= plan->geometries->len)
        return FALSE;
      input = g_ptr_array_index (job->inputs, g_array_index (plan->geometries, guint, n));
      *source = (GeometrySource) { input->geometry->path, input->geometry->layer,
                                   input->geometry->code_field, input->name };
      return TRUE;
    }
  if (plan->packaged && n == 0)
    {
      *source = (GeometrySource) { atlas_import_packaged_borders (level), NULL,
                                   level == IMPORT_LEVEL_LAN ? "lan_kod" : "kommun_kod",
                                   level == IMPORT_LEVEL_LAN ? "lan.gpkg" : "kommun.gpkg" };
      return TRUE;
    }
  return FALSE;
}

/* A copy, simplified by --simplify METRES: in the file's own metres when
 * it is projected (SWEREF99 TM), else as METRES / 111 320 degrees (exact
 * north–south, finer east–west at Swedish latitudes). */
static OGRGeometryH
simplified (ImportJob    *job,
            OGRGeometryH  geometry,
            gboolean      projected)
{
  OGRGeometryH simple;

  if (job->simplify <= 0)
    return OGR_G_Clone (geometry);
  simple = OGR_G_SimplifyPreserveTopology (geometry, projected ? job->simplify : job->simplify / 111320.0);
  return simple != NULL ? simple : OGR_G_Clone (geometry);
}

/* code → merged multipolygon in WGS 84, for the level's areas only. */
static gboolean
collect_shapes (ImportJob      *job,
                ImportLevel     level,
                GeometrySource *source,
                GHashTable     *shapes,
                GHashTable     *earlier,
                GError        **error)
{
  GDALDatasetH ds = open_vector (source->path, error);
  OGRLayerH layer = ds == NULL ? NULL : source->layer != NULL ? GDALDatasetGetLayerByName (ds, source->layer)
                                                               : GDALDatasetGetLayer (ds, 0);
  OGRSpatialReferenceH srs = layer != NULL ? source_srs (job, layer, source->name, error) : NULL;
  OGRSpatialReferenceH wgs84 = epsg_srs (4326);
  OGRCoordinateTransformationH ct = srs != NULL ? OCTNewCoordinateTransformation (srs, wgs84) : NULL;
  int code = layer != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), source->code_field) : -1;
  guint merged = 0, flattened = 0;
  OGRFeatureH feature;

  while (ct != NULL && code >= 0 && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *c = atlas_import_normalize_code (field_text (feature, code), NULL, NULL);
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      OGRGeometryH multi;

      if (c != NULL && geometry != NULL && g_hash_table_contains (job->levels[level].areas, c) &&
          !g_hash_table_contains (earlier, c) && (job->levels[level].packaged || atlas_import_job_draws (job, c)))
        {
          geometry = simplified (job, geometry, OSRIsProjected (srs));
          flattened += OGR_G_Is3D (geometry);
          OGR_G_FlattenTo2D (geometry);
          OGR_G_Transform (geometry, ct);
          multi = g_hash_table_lookup (shapes, c);
          if (multi == NULL)
            g_hash_table_insert (shapes, g_strdup (c), (multi = OGR_G_CreateGeometry (wkbMultiPolygon)));
          else
            merged++;
          add_polygons (multi, geometry);
          OGR_G_DestroyGeometry (geometry);
        }
      OGR_F_Destroy (feature);
    }
  if (merged > 0)
    note (job, _("%s: %u rows repeated a code (islands); merged into one multipolygon per area"), source->name, merged);
  if (flattened > 0)
    note (job, _("%s: dropped the Z coordinates of %u features"), source->name, flattened);
  if (ct != NULL)
    OCTDestroyCoordinateTransformation (ct);
  if (srs != NULL)
    OSRDestroySpatialReference (srs);
  OSRDestroySpatialReference (wgs84);
  if (ds != NULL)
    GDALClose (ds);
  if (ds != NULL && srs != NULL && code < 0)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_GEOMETRY,
                 _("%s: no layer with the field “%s”; expected the layer inspected before"),
                 source->name, source->code_field);
  return ds != NULL && srs != NULL && code >= 0;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static OGRLayerH
create_layer (GDALDatasetH  ds,
              const char   *name)
{
  OGRSpatialReferenceH wgs84 = epsg_srs (4326);
  OGRLayerH layer = GDALDatasetCreateLayer (ds, name, wgs84, wkbMultiPolygon, NULL);
  const char *const fields[] = { "code", "name", "parent" };

  OSRDestroySpatialReference (wgs84);
  for (guint i = 0; layer != NULL && i < G_N_ELEMENTS (fields); i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[i], OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  return layer;
}

static gboolean
write_shapes (ImportLevelPlan *plan,
              GHashTable      *shapes,
              OGRLayerH        layer)
{
  g_autoptr(GPtrArray) codes = atlas_import_keys (shapes);
  gboolean ok = TRUE;

  g_ptr_array_sort (codes, compare_strings);
  for (guint i = 0; i < codes->len && ok; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      ImportArea *area = g_hash_table_lookup (plan->areas, code);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      OGR_F_SetFieldString (feature, 0, code);
      if (area->name != NULL)
        OGR_F_SetFieldString (feature, 1, area->name);
      if (area->parent != NULL)
        OGR_F_SetFieldString (feature, 2, area->parent);
      OGR_F_SetGeometry (feature, g_hash_table_lookup (shapes, code));
      ok = OGR_L_CreateFeature (layer, feature) == OGRERR_NONE;
      OGR_F_Destroy (feature);
    }
  return ok;
}

/* Every geometry file of the level: the first file's shape of a code wins. */
static gboolean
collect_level (ImportJob   *job,
               ImportLevel  level,
               GHashTable  *shapes,
               GError     **error)
{
  GeometrySource source;

  for (guint n = 0; source_of (job, level, n, &source); n++)
    {
      g_autoptr(GHashTable) earlier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter codes;
      gpointer known;

      g_hash_table_iter_init (&codes, shapes);
      while (g_hash_table_iter_next (&codes, &known, NULL))
        g_hash_table_add (earlier, g_strdup (known));
      if (!collect_shapes (job, level, &source, shapes, earlier, error))
        return FALSE;
    }
  return TRUE;
}

static OGRGeometryH
union_of (OGRGeometryH  parts,
          guint        *failed)
{
  OGRGeometryH merged = OGR_G_UnionCascaded (parts);

  if (merged == NULL)
    {
      /* Simplified borders can self-intersect: repair, then try again. */
      OGRGeometryH valid = OGR_G_MakeValid (parts);

      merged = valid != NULL ? OGR_G_UnionCascaded (valid) : NULL;
      if (valid != NULL)
        OGR_G_DestroyGeometry (valid);
    }
  *failed += merged == NULL;
  return merged != NULL ? OGR_G_ForceToMultiPolygon (merged) : OGR_G_Clone (parts);
}

/* --dissolve: the level's areas as the union of the areas below them. */
static gboolean
dissolve_level (ImportJob   *job,
                ImportLevel  level,
                GHashTable  *shapes,
                GError     **error)
{
  g_autoptr(GHashTable) below = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) OGR_G_DestroyGeometry);
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) OGR_G_DestroyGeometry);
  ImportLevel child = IMPORT_LEVEL_NONE;
  GHashTableIter iter;
  gpointer code, geometry;
  guint failed = 0;

  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    if (job->levels[l].present && job->levels[l].parent == level && job->levels[l].geometry >= 0)
      child = (ImportLevel) l;
  g_assert (child != IMPORT_LEVEL_NONE);
  if (!collect_level (job, child, below, error))
    return FALSE;
  g_hash_table_iter_init (&iter, below);
  while (g_hash_table_iter_next (&iter, &code, &geometry))
    {
      ImportArea *area = g_hash_table_lookup (job->levels[child].areas, code);
      OGRGeometryH multi;

      if (area->parent == NULL || !g_hash_table_contains (job->levels[level].areas, area->parent))
        continue;
      multi = g_hash_table_lookup (parts, area->parent);
      if (multi == NULL)
        g_hash_table_insert (parts, g_strdup (area->parent), (multi = OGR_G_CreateGeometry (wkbMultiPolygon)));
      add_polygons (multi, geometry);
    }
  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, &code, &geometry))
    g_hash_table_insert (shapes, g_strdup (code), union_of (geometry, &failed));
  if (failed > 0)
    note (job, _("%u areas could not be dissolved (GEOS: %s); they are drawn as their parts"),
          failed, CPLGetLastErrorMsg ());
  return TRUE;
}

/**
 * atlas_import_write_geometry:
 *
 * Writes the level's areas that have geometry as a GeoPackage at @path,
 * and marks the areas that got none.
 */
gboolean
atlas_import_write_geometry (ImportJob    *job,
                             ImportLevel   level,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(GHashTable) shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) OGR_G_DestroyGeometry);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  GeometrySource source;
  GDALDatasetH ds;
  OGRLayerH layer;
  GHashTableIter iter;
  gpointer code, area;
  gboolean ok;

  if (job->levels[level].dissolved)
    {
      if (!dissolve_level (job, level, shapes, error))
        return FALSE;
    }
  else if (!source_of (job, level, 0, &source))
    return TRUE;
  else if (!collect_level (job, level, shapes, error))
    return FALSE;

  g_hash_table_iter_init (&iter, job->levels[level].areas);
  while (g_hash_table_iter_next (&iter, &code, &area))
    ((ImportArea *) area)->has_geometry = g_hash_table_contains (shapes, code);

  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  layer = ds != NULL ? create_layer (ds, atlas_import_level_id (level)) : NULL;
  ok = layer != NULL && write_shapes (&job->levels[level], shapes, layer);
  if (ds != NULL)
    GDALClose (ds);
  if (!ok)
    g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OUTPUT,
                 _("%s: GDAL cannot write the GeoPackage (%s); expected a writable folder"),
                 path, CPLGetLastErrorMsg ());
  return ok;
}
