/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>

#include "atlas-basemap.h"
#include "atlas-gdal-private.h"
#include "atlas-error.h"
#include "atlas-types.h"

/* How often the reader looks at the cancellable, in features. */
#define CANCEL_CHECK_INTERVAL 64

typedef struct
{
  const char *file;
  const char *layer;
  gboolean    required;
} LayerSource;

/* The basemap directory's files, one per AtlasBasemapLayer. Lakes (GSHHG,
 * see data/basemap/README.md) are optional: a basemap directory made
 * without them still loads. */
static const LayerSource layer_sources[ATLAS_BASEMAP_N_LAYERS] = {
  [ATLAS_BASEMAP_LAND] = { "land.gpkg", "land", TRUE },
  [ATLAS_BASEMAP_COUNTRY] = { "countries.gpkg", "countries", TRUE },
  [ATLAS_BASEMAP_LAKE] = { "lakes.gpkg", "lakes", FALSE },
};

struct _AtlasBasemap
{
  GObject    parent_instance;

  GPtrArray *features[ATLAS_BASEMAP_N_LAYERS];  /* AtlasGeometry */
  GPtrArray *names[ATLAS_BASEMAP_N_LAYERS];     /* char *, may hold NULL */
};

G_DEFINE_FINAL_TYPE (AtlasBasemap, atlas_basemap, G_TYPE_OBJECT)

/* Accumulates the rings of one OGR geometry. */
typedef struct
{
  GArray *coords;   /* double, lon/lat interleaved */
  GArray *offsets;  /* guint, ring starts */
} RingBuilder;

static void
atlas_basemap_finalize (GObject *object)
{
  AtlasBasemap *self = ATLAS_BASEMAP (object);

  for (guint i = 0; i < ATLAS_BASEMAP_N_LAYERS; i++)
    {
      g_clear_pointer (&self->features[i], g_ptr_array_unref);
      g_clear_pointer (&self->names[i], g_ptr_array_unref);
    }

  G_OBJECT_CLASS (atlas_basemap_parent_class)->finalize (object);
}

static void
atlas_basemap_class_init (AtlasBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_basemap_finalize;
}

static void
atlas_basemap_init (AtlasBasemap *self)
{
  for (guint i = 0; i < ATLAS_BASEMAP_N_LAYERS; i++)
    {
      self->features[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_geometry_unref);
      self->names[i] = g_ptr_array_new_with_free_func (g_free);
    }
}

static void
add_ring (RingBuilder  *builder,
          OGRGeometryH  ring)
{
  int n_points = OGR_G_GetPointCount (ring);
  guint start = builder->coords->len / 2;

  if (n_points < 3)
    return;

  g_array_append_val (builder->offsets, start);
  g_array_set_size (builder->coords, builder->coords->len + 2 * (guint) n_points);
  OGR_G_GetPoints (ring,
                   &g_array_index (builder->coords, double, 2 * start), 2 * sizeof (double),
                   &g_array_index (builder->coords, double, 2 * start + 1), 2 * sizeof (double),
                   NULL, 0);
}

/* Polygons, multipolygons and collections of them; lines and points are
 * ignored since the basemap only fills areas. */
static void
add_geometry (RingBuilder  *builder,
              OGRGeometryH  geometry)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  int n = OGR_G_GetGeometryCount (geometry);

  if (type == wkbPolygon)
    {
      for (int i = 0; i < n; i++)
        add_ring (builder, OGR_G_GetGeometryRef (geometry, i));
    }
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    {
      for (int i = 0; i < n; i++)
        add_geometry (builder, OGR_G_GetGeometryRef (geometry, i));
    }
}

static AtlasGeometry *
geometry_from_ogr (OGRGeometryH geometry)
{
  RingBuilder builder = {
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  AtlasGeometry *result = NULL;

  add_geometry (&builder, geometry);
  if (builder.offsets->len > 0)
    {
      guint end = builder.coords->len / 2;

      g_array_append_val (builder.offsets, end);
      result = atlas_geometry_new ((const double *) builder.coords->data,
                                   builder.coords->len / 2,
                                   (const guint *) builder.offsets->data,
                                   builder.offsets->len - 1);
    }

  g_array_unref (builder.coords);
  g_array_unref (builder.offsets);
  return result;
}

/* NULL when the layer already is in lon/lat. */
static OGRCoordinateTransformationH
transformation_to_wgs84 (OGRLayerH layer)
{
  OGRSpatialReferenceH source = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH target;
  OGRCoordinateTransformationH transformation = NULL;

  if (source == NULL)
    return NULL;

  target = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (target, 4326);
  /* Without this GDAL 3 hands back latitude first. */
  OSRSetAxisMappingStrategy (target, OAMS_TRADITIONAL_GIS_ORDER);
  if (!OSRIsSame (source, target))
    transformation = OCTNewCoordinateTransformation (source, target);
  OSRDestroySpatialReference (target);
  return transformation;
}

static void
set_layer_error (GError            **error,
                 const char         *path,
                 const LayerSource  *source,
                 const char         *detail)
{
  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_GEOMETRY,
               _("Could not read the basemap file “%s”: expected a polygon layer “%s” in longitude/latitude (%s)"),
               path, source->layer, detail);
}

static gboolean
read_feature (AtlasBasemap                 *self,
              AtlasBasemapLayer             layer,
              OGRFeatureH                   feature,
              OGRCoordinateTransformationH  transformation)
{
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  AtlasGeometry *result;
  int name_field;

  if (geometry == NULL)
    return TRUE;
  if (transformation != NULL && OGR_G_Transform (geometry, transformation) != OGRERR_NONE)
    return FALSE;

  result = geometry_from_ogr (geometry);
  if (result == NULL)
    return TRUE;

  name_field = OGR_F_GetFieldIndex (feature, "name");
  g_ptr_array_add (self->features[layer], result);
  g_ptr_array_add (self->names[layer],
                   name_field >= 0 && OGR_F_IsFieldSetAndNotNull (feature, name_field)
                   ? g_strdup (OGR_F_GetFieldAsString (feature, name_field))
                   : NULL);
  return TRUE;
}

static gboolean
read_layer (AtlasBasemap       *self,
            AtlasBasemapLayer   layer,
            const char         *path,
            OGRLayerH           ogr_layer,
            GCancellable       *cancellable,
            GError            **error)
{
  OGRCoordinateTransformationH transformation = transformation_to_wgs84 (ogr_layer);
  OGRFeatureH feature;
  gboolean ok = TRUE;
  guint n = 0;

  OGR_L_ResetReading (ogr_layer);
  while (ok && (feature = OGR_L_GetNextFeature (ogr_layer)) != NULL)
    {
      if (!read_feature (self, layer, feature, transformation))
        {
          g_autofree char *detail = g_strdup_printf (_("feature %lld could not be reprojected"),
                                                     (long long) OGR_F_GetFID (feature));
          set_layer_error (error, path, &layer_sources[layer], detail);
          ok = FALSE;
        }
      OGR_F_Destroy (feature);
      if (ok && ++n % CANCEL_CHECK_INTERVAL == 0)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  if (transformation != NULL)
    OCTDestroyCoordinateTransformation (transformation);
  return ok;
}

static gboolean
load_layer (AtlasBasemap       *self,
            const char         *directory,
            AtlasBasemapLayer   layer,
            GCancellable       *cancellable,
            GError            **error)
{
  const LayerSource *source = &layer_sources[layer];
  g_autofree char *path = g_build_filename (directory, source->file, NULL);
  GDALDatasetH dataset;
  OGRLayerH ogr_layer;
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (!source->required)
        return TRUE;
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                   _("The basemap file “%s” is missing: expected a GeoPackage with the polygon layer “%s”"),
                   path, source->layer);
      return FALSE;
    }

  CPLPushErrorHandler (CPLQuietErrorHandler);
  dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  CPLPopErrorHandler ();
  if (dataset == NULL)
    {
      set_layer_error (error, path, source, _("GDAL cannot open it as vector data"));
      return FALSE;
    }

  ogr_layer = GDALDatasetGetLayerByName (dataset, source->layer);
  if (ogr_layer == NULL)
    set_layer_error (error, path, source, _("the layer does not exist"));
  ok = ogr_layer != NULL && read_layer (self, layer, path, ogr_layer, cancellable, error);
  GDALClose (dataset);
  return ok;
}

/**
 * atlas_basemap_load:
 * @directory: a directory holding land.gpkg, countries.gpkg and optionally
 *   lakes.gpkg
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the basemap layers, reprojecting to longitude/latitude when a file
 * is in another CRS. Blocks: call it from a worker thread in the app.
 *
 * Returns: (transfer full): the basemap, or %NULL with @error set
 */
AtlasBasemap *
atlas_basemap_load (const char    *directory,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(AtlasBasemap) self = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  atlas_gdal_init ();
  self = g_object_new (ATLAS_TYPE_BASEMAP, NULL);
  for (guint layer = 0; layer < ATLAS_BASEMAP_N_LAYERS; layer++)
    {
      if (!load_layer (self, directory, layer, cancellable, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * atlas_basemap_load_default:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads the basemap from $PLATSATLAS_BASEMAP_DIR, else from the basemap
 * directory under atlas_get_data_dir().
 *
 * Returns: (transfer full): the basemap, or %NULL with @error set
 */
AtlasBasemap *
atlas_basemap_load_default (GCancellable  *cancellable,
                            GError       **error)
{
  const char *env = g_getenv ("PLATSATLAS_BASEMAP_DIR");
  g_autofree char *directory = NULL;

  if (env != NULL && *env != '\0')
    directory = g_strdup (env);
  else
    directory = g_build_filename (atlas_get_data_dir (), "basemap", NULL);

  return atlas_basemap_load (directory, cancellable, error);
}

/**
 * atlas_basemap_get_n_features:
 * @self: a basemap
 * @layer: the layer
 *
 * Returns: how many polygon features the layer holds (0 for a missing
 *   optional layer)
 */
guint
atlas_basemap_get_n_features (AtlasBasemap      *self,
                              AtlasBasemapLayer  layer)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), 0);
  g_return_val_if_fail (layer < ATLAS_BASEMAP_N_LAYERS, 0);

  return self->features[layer]->len;
}

/**
 * atlas_basemap_get_extent:
 * @self: a basemap
 * @extent: (out caller-allocates): the box in lon/lat
 *
 * The union of every feature's box: the basemap files are cut to a box,
 * and land stops with a straight edge there.
 *
 * Returns: %FALSE when the basemap has no features
 */
gboolean
atlas_basemap_get_extent (AtlasBasemap *self,
                          AtlasBBox    *extent)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (extent != NULL, FALSE);

  atlas_bbox_init_empty (extent);
  for (guint layer = 0; layer < ATLAS_BASEMAP_N_LAYERS; layer++)
    for (guint i = 0; i < self->features[layer]->len; i++)
      atlas_bbox_union (extent, atlas_geometry_get_bbox (g_ptr_array_index (self->features[layer], i)));
  return !atlas_bbox_is_empty (extent);
}

/**
 * atlas_basemap_get_feature:
 * @self: a basemap
 * @layer: the layer
 * @index: a feature index below atlas_basemap_get_n_features()
 *
 * Returns: (transfer none): the feature's geometry in longitude/latitude
 */
AtlasGeometry *
atlas_basemap_get_feature (AtlasBasemap      *self,
                           AtlasBasemapLayer  layer,
                           guint              index)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (layer < ATLAS_BASEMAP_N_LAYERS, NULL);
  g_return_val_if_fail (index < self->features[layer]->len, NULL);

  return g_ptr_array_index (self->features[layer], index);
}

/**
 * atlas_basemap_get_feature_name:
 * @self: a basemap
 * @layer: the layer
 * @index: a feature index below atlas_basemap_get_n_features()
 *
 * The feature's "name" attribute as the file states it (Natural Earth's
 * English country names, "Sweden"), used to tell the home country from
 * its neighbours.
 *
 * Returns: (nullable): the name, or %NULL when the feature has none
 */
const char *
atlas_basemap_get_feature_name (AtlasBasemap      *self,
                                AtlasBasemapLayer  layer,
                                guint              index)
{
  g_return_val_if_fail (ATLAS_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (layer < ATLAS_BASEMAP_N_LAYERS, NULL);
  g_return_val_if_fail (index < self->names[layer]->len, NULL);

  return g_ptr_array_index (self->names[layer], index);
}
