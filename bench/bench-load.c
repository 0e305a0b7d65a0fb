/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to open each packaged dataset, against a reference measured in the
 * same run: plain OGR reading and reprojecting the package's geometry files
 * to WGS 84, without any of our checking, indexing or values. Prints one
 * JSON object per package, and one for the same package loaded from
 * PostGIS ("source":"postgis"). */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

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

/* The same package loaded from PostGIS on this machine, beside its load
 * from the package folder (GeoPackage geometry, CSV values): the server
 * tables are written once, then read as the app reads them. The two loads
 * take turns, so that both meet the same load on a shared machine, and
 * the ratio is of their medians in this run. Needs the throwaway server
 * of tests/pg-cluster.sh. */
static void
bench_postgis (const char *id,
               const char *path)
{
  const char *service = g_getenv ("PLATSATLAS_TEST_PG_SERVICE");
  const char *why = g_getenv ("PLATSATLAS_TEST_PG_UNAVAILABLE");
  g_autofree char *schema = g_strdelimit (g_strdup_printf ("bench_%s", id), "-", '_');
  g_autoptr(GError) error = NULL;
  double ms[RUNS], files[RUNS], m, f;
  guint n_areas = 0;

  if (service == NULL)
    {
      g_autofree char *escaped = bench_json_escape (why != NULL ? why : "no PostGIS server (run through tests/pg-cluster.sh)");

      printf ("{\"bench\":\"load\",\"source\":\"postgis\",\"package\":\"%s\",\"skipped\":\"%s\"}\n",
              id, escaped);
      fflush (stdout);
      return;
    }
  if (!atlas_postgis_write_package (path, service, schema, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < bench_runs (RUNS) + 1; i++)
    {
      g_autoptr(AtlasDataset) dataset = NULL;
      gint64 start = g_get_monotonic_time ();
      double server_ms, files_ms;

      dataset = atlas_dataset_load_postgis (service, schema, NULL, NULL, NULL, &error);
      server_ms = (g_get_monotonic_time () - start) / 1000.0;
      if (dataset == NULL)
        g_error ("%s", error->message);
      n_areas = count_areas (dataset);
      files_ms = time_load (path, &n_areas);
      /* The first run warms the server's caches. */
      if (i > 0)
        {
          ms[i - 1] = server_ms;
          files[i - 1] = files_ms;
        }
    }

  m = bench_median (ms, bench_runs (RUNS));
  f = bench_median (files, bench_runs (RUNS));
  printf ("{\"bench\":\"load\",\"source\":\"postgis\",\"package\":\"%s\",\"ms\":%.1f,\"areas\":%u,"
          "\"files_ms\":%.1f,\"ratio\":%.2f}\n", id, m, n_areas, f, m / f);
  fflush (stdout);
}

/* A generated package at the limits that used to be quadratic: 1 000
 * category codes and 20 000 areas whose values are all category cells. */
#define SYNTHETIC_AREAS 20000
#define SYNTHETIC_CATEGORIES 1000

static void
write_synthetic_manifest (const char *dir)
{
  g_autoptr(GString) m = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);

  g_string_append (m, "{\"format\":1,\"id\":\"bench\",\"title\":{\"sv\":\"Bench\"},\"version\":\"1\","
                      "\"publisher\":\"bench\",\"licence\":\"CC0\",\"date\":\"2026-01-01\",\"sources\":[],"
                      "\"years\":[2020],\"divisions\":[{\"id\":\"ruta\",\"name\":{\"sv\":\"Ruta\"},\"parent\":null,"
                      "\"geometry\":{\"file\":\"geo/ruta.geojson\",\"code_field\":\"kod\"}}],"
                      "\"themes\":[{\"id\":\"t\",\"name\":{\"sv\":\"T\"}}],"
                      "\"indicators\":[{\"id\":\"typ\",\"theme\":\"t\",\"name\":{\"sv\":\"Typ\"},"
                      "\"unit\":\"category\",\"aggregation\":{\"rule\":\"category\"},\"categories\":[");
  for (guint c = 0; c < SYNTHETIC_CATEGORIES; c++)
    g_string_append_printf (m, "%s{\"code\":%u,\"label\":{\"sv\":\"K%u\"},\"color\":\"#336699\"}",
                            c > 0 ? "," : "", c, c);
  g_string_append (m, "]}]}");
  g_file_set_contents (path, m->str, -1, NULL);
}

static void
write_synthetic_tables (const char *dir)
{
  g_autoptr(GString) geo = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  g_autoptr(GString) csv = g_string_new ("code,typ\n");
  g_autofree char *geo_path = g_build_filename (dir, "geo", "ruta.geojson", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "values", "2020.csv", NULL);

  for (guint a = 0; a < SYNTHETIC_AREAS; a++)
    {
      double x = 11.0 + (a % 200) * 0.01, y = 55.0 + (a / 200) * 0.01;

      g_string_append_printf (geo, "%s{\"type\":\"Feature\",\"properties\":{\"kod\":\"R%05u\"},"
                              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],"
                              "[%.2f,%.2f],[%.2f,%.2f]]]}}",
                              a > 0 ? "," : "", a, x, y, x + 0.01, y, x, y + 0.01, x, y);
      g_string_append_printf (csv, "R%05u,%u\n", a, SYNTHETIC_CATEGORIES - 1 - a % SYNTHETIC_CATEGORIES);
    }
  g_string_append (geo, "]}");
  g_file_set_contents (geo_path, geo->str, -1, NULL);
  g_file_set_contents (csv_path, csv->str, -1, NULL);
}

static void
bench_synthetic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-bench-XXXXXX", NULL);
  g_autofree char *geo = g_build_filename (dir, "geo", NULL);
  g_autofree char *values = g_build_filename (dir, "values", NULL);
  g_autofree char *command = NULL;
  double ms[RUNS];
  guint n_areas = 0;

  g_mkdir (geo, 0700);
  g_mkdir (values, 0700);
  write_synthetic_manifest (dir);
  write_synthetic_tables (dir);

  for (guint i = 0; i < RUNS; i++)
    ms[i] = time_load (dir, &n_areas);
  printf ("{\"bench\":\"load\",\"package\":\"synthetic-%u-categories\",\"ms\":%.1f,\"areas\":%u}\n",
          SYNTHETIC_CATEGORIES, bench_median (ms, RUNS), n_areas);
  fflush (stdout);

  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_warning ("could not remove %s", dir);
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
        {
          bench_package (id, path);
          bench_postgis (id, path);
        }
    }

  bench_synthetic ();
  return 0;
}
