/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to open each packaged dataset, against a reference measured in the
 * same run: plain OGR reading and reprojecting the package's geometry files
 * to WGS 84, without any of our checking, indexing or values. Prints one
 * JSON object per package. */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>

#include "atlas-core.h"
#include "bench-util.h"

#define RUNS 7

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static guint
count_areas (AtlasDataset *dataset)
{
  GListModel *divisions = atlas_dataset_get_divisions (dataset);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);
      n += atlas_division_get_n_areas (division);
    }

  return n;
}

static double
time_load (const char *path,
           guint      *n_areas)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  if (dataset == NULL)
    g_error ("%s", error->message);
  *n_areas = count_areas (dataset);

  return ms;
}

static void
read_layer (OGRLayerH            layer,
            OGRSpatialReferenceH wgs84)
{
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
  OGRCoordinateTransformationH ct = srs != NULL ? OCTNewCoordinateTransformation (srs, wgs84) : NULL;
  OGRFeatureH feature;

  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

      if (geometry != NULL && ct != NULL)
        OGR_G_Transform (geometry, ct);
      OGR_F_Destroy (feature);
    }

  if (ct != NULL)
    OCTDestroyCoordinateTransformation (ct);
}

static double
time_reference (const char *path)
{
  g_autofree char *geo = g_build_filename (path, "geo", NULL);
  g_autoptr(GDir) dir = g_dir_open (geo, 0, NULL);
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  gint64 start = g_get_monotonic_time ();
  const char *name;

  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (geo, name, NULL);
      GDALDatasetH ds = GDALOpenEx (file, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);

      for (int i = 0; ds != NULL && i < GDALDatasetGetLayerCount (ds); i++)
        read_layer (GDALDatasetGetLayer (ds, i), wgs84);
      if (ds != NULL)
        GDALClose (ds);
    }
  OSRDestroySpatialReference (wgs84);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_package (const char *id,
               const char *path)
{
  double ms[RUNS], ref[RUNS];
  guint n_areas = 0;
  double m, r;

  /* Warm caches and GDAL's driver registry before measuring. */
  time_load (path, &n_areas);
  time_reference (path);

  for (guint i = 0; i < bench_runs (RUNS); i++)
    {
      ms[i] = time_load (path, &n_areas);
      ref[i] = time_reference (path);
    }

  m = bench_median (ms, bench_runs (RUNS));
  r = bench_median (ref, bench_runs (RUNS));
  printf ("{\"bench\":\"load\",\"package\":\"%s\",\"ms\":%.1f,\"areas\":%u,"
          "\"ref_ms\":%.1f,\"ratio\":%.2f}\n", id, m, n_areas, r, m / r);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *datasets = g_build_filename (atlas_get_data_dir (), "datasets", NULL);
  g_autoptr(GDir) dir = g_dir_open (datasets, 0, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  CPLSetErrorHandler (CPLQuietErrorHandler);
  GDALAllRegister ();

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (ids, g_strdup (name));
  g_ptr_array_sort (ids, compare_strings);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *path = g_build_filename (datasets, id, NULL);
      g_autofree char *manifest = g_build_filename (path, "manifest.json", NULL);

      if (g_file_test (manifest, G_FILE_TEST_EXISTS))
        bench_package (id, path);
    }

  return 0;
}
