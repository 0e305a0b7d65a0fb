/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Packages kept in PostGIS, against a real server: tests/pg-cluster.sh
 * starts a throwaway cluster around this program and names it in
 * $PLATSATLAS_TEST_PG_SERVICE. Every value and every vertex read from the
 * server is compared with the same package read from its files. */
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-core.h"
#include "cli/cli-test-util.h"

#define PACKAGE_ID "stockholm-uppsala"
#define SCHEMA     "stockholm_uppsala"

static const char *service;
static char *package_dir;
static gboolean written;

static gboolean
have_server (void)
{
  const char *why = g_getenv ("PLATSATLAS_TEST_PG_UNAVAILABLE");

  if (service != NULL)
    return TRUE;
  g_test_skip (why != NULL ? why : "no PostGIS server (run through tests/pg-cluster.sh)");
  return FALSE;
}

/* The package in the server, written once for every test that needs it. */
static void
ensure_written (void)
{
  g_autoptr(GError) error = NULL;

  if (written)
    return;
  g_assert_true (atlas_postgis_write_package (package_dir, service, SCHEMA, &error));
  g_assert_no_error (error);
  written = TRUE;
}

static AtlasDataset *
load_files (const char *path)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static AtlasDataset *
load_server (const char *schema)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load_postgis (service, schema, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
assert_same_geometry (AtlasGeometry *a,
                      AtlasGeometry *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_cmpuint (atlas_geometry_get_n_rings (a), ==, atlas_geometry_get_n_rings (b));
  g_assert_cmpuint (atlas_geometry_get_n_points (a), ==, atlas_geometry_get_n_points (b));
  g_assert_cmpmem (atlas_geometry_get_coords (a), atlas_geometry_get_n_points (a) * 2 * sizeof (double),
                   atlas_geometry_get_coords (b), atlas_geometry_get_n_points (b) * 2 * sizeof (double));
  g_assert_cmpmem (atlas_geometry_get_ring_offsets (a), atlas_geometry_get_n_rings (a) * sizeof (guint),
                   atlas_geometry_get_ring_offsets (b), atlas_geometry_get_n_rings (b) * sizeof (guint));
}

static guint
assert_same_areas (AtlasDivision *a,
                   AtlasDivision *b)
{
  guint n = atlas_division_get_n_areas (a);

  g_assert_cmpstr (atlas_division_get_id (a), ==, atlas_division_get_id (b));
  g_assert_cmpuint (n, ==, atlas_division_get_n_areas (b));
  for (guint i = 0; i < n; i++)
    {
      AtlasArea *x = atlas_division_get_area (a, i);
      AtlasArea *y = atlas_division_get_area (b, i);
      AtlasArea *px = atlas_area_get_parent (x);
      AtlasArea *py = atlas_area_get_parent (y);

      g_assert_cmpstr (atlas_area_get_code (x), ==, atlas_area_get_code (y));
      g_assert_cmpstr (atlas_area_get_name (x), ==, atlas_area_get_name (y));
      g_assert_cmpstr (px != NULL ? atlas_area_get_code (px) : NULL, ==,
                       py != NULL ? atlas_area_get_code (py) : NULL);
      assert_same_geometry (atlas_area_get_geometry (x), atlas_area_get_geometry (y));
    }
  return n;
}

/* Every cell, stored or derived, with its source and missing reason. */
static guint
assert_same_values (AtlasDataset  *a,
                    AtlasDataset  *b,
                    AtlasDivision *da,
                    AtlasDivision *db)
{
  GListModel *indicators = atlas_dataset_get_indicators (a);
  guint n_years, n_stored = 0;
  const guint *years = atlas_dataset_get_years (a, &n_years);

  for (guint k = 0; k < g_list_model_get_n_items (indicators); k++)
    {
      g_autoptr(AtlasIndicator) ia = g_list_model_get_item (indicators, k);
      g_autoptr(AtlasIndicator) ib = g_list_model_get_item (atlas_dataset_get_indicators (b), k);

      g_assert_cmpstr (atlas_indicator_get_id (ia), ==, atlas_indicator_get_id (ib));
      for (guint y = 0; y < n_years; y++)
        for (guint i = 0; i < atlas_division_get_n_areas (da); i++)
          {
            double va = NAN, vb = NAN;
            AtlasMissingReason ra = 0, rb = 0;
            AtlasValueSource sa = atlas_dataset_get_value (a, ia, years[y], atlas_division_get_area (da, i), &va, &ra);
            AtlasValueSource sb = atlas_dataset_get_value (b, ib, years[y], atlas_division_get_area (db, i), &vb, &rb);

            g_assert_cmpint (sa, ==, sb);
            g_assert_cmpint (ra, ==, rb);
            if (memcmp (&va, &vb, sizeof va) != 0)
              g_test_message ("%s %u %s: %.17g ≠ %.17g", atlas_indicator_get_id (ia), years[y],
                              atlas_area_get_code (atlas_division_get_area (da, i)), va, vb);
            g_assert_cmpmem (&va, sizeof va, &vb, sizeof vb);
            n_stored += sa == ATLAS_VALUE_STORED;
          }
    }
  return n_stored;
}

static void
assert_same_dataset (AtlasDataset *a,
                     AtlasDataset *b)
{
  GListModel *da = atlas_dataset_get_divisions (a);
  GListModel *db = atlas_dataset_get_divisions (b);
  guint n_years_a, n_years_b, n_areas = 0, n_stored = 0;
  const guint *ya = atlas_dataset_get_years (a, &n_years_a);
  const guint *yb = atlas_dataset_get_years (b, &n_years_b);

  g_assert_cmpstr (atlas_dataset_get_id (a), ==, atlas_dataset_get_id (b));
  g_assert_cmpstr (atlas_dataset_get_title (a, "sv"), ==, atlas_dataset_get_title (b, "sv"));
  g_assert_cmpstr (atlas_dataset_get_licence (a), ==, atlas_dataset_get_licence (b));
  g_assert_cmpuint (atlas_dataset_get_n_sources (a), ==, atlas_dataset_get_n_sources (b));
  g_assert_cmpmem (ya, n_years_a * sizeof (guint), yb, n_years_b * sizeof (guint));
  g_assert_cmpuint (g_list_model_get_n_items (da), ==, g_list_model_get_n_items (db));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_indicators (a)), ==,
                    g_list_model_get_n_items (atlas_dataset_get_indicators (b)));

  for (guint d = 0; d < g_list_model_get_n_items (da); d++)
    {
      g_autoptr(AtlasDivision) x = g_list_model_get_item (da, d);
      g_autoptr(AtlasDivision) y = g_list_model_get_item (db, d);

      n_areas += assert_same_areas (x, y);
      n_stored += assert_same_values (a, b, x, y);
    }

  /* The package is the real one: thousands of areas, many stored values. */
  g_assert_cmpuint (n_areas, >, 9000);
  g_assert_cmpuint (n_stored, >, 100000);
}

static void
test_load_equals_files (void)
{
  g_autoptr(AtlasDataset) files = NULL;
  g_autoptr(AtlasDataset) server = NULL;
  g_autofree char *label = NULL;

  if (!have_server ())
    return;
  ensure_written ();

  files = load_files (package_dir);
  server = load_server (SCHEMA);
  assert_same_dataset (files, server);

  /* The dataset says where it came from, without any password. */
  label = atlas_postgis_describe (service, SCHEMA);
  g_assert_cmpstr (atlas_dataset_get_path (server), ==, label);
  g_assert_nonnull (strstr (label, service));
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(AtlasDataset) files = NULL;
  g_autoptr(AtlasDataset) back = NULL;

  if (!have_server ())
    return;
  ensure_written ();

  tmp = g_dir_make_tmp ("platsatlas-pg-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (tmp, "tillbaka", NULL);
  g_assert_true (atlas_postgis_read_package (service, SCHEMA, out, &error));
  g_assert_no_error (error);

  a = read_file (package_dir, "manifest.json");
  b = read_file (out, "manifest.json");
  g_assert_cmpstr (a, ==, b);

  files = load_files (package_dir);
  back = load_files (out);
  assert_same_dataset (files, back);

  /* An existing, non-empty folder is never written into. */
  g_assert_false (atlas_postgis_read_package (service, SCHEMA, out, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_clear_error (&error);

  /* Nor is an existing schema replaced. */
  g_assert_false (atlas_postgis_write_package (out, service, SCHEMA, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, SCHEMA));

  g_assert_cmpint (g_spawn_command_line_sync (g_strdup_printf ("rm -rf %s", tmp), NULL, NULL, NULL, NULL), ==, TRUE);
}

/* Runs SQL on the test server through GDAL, as the tests' own setup. */
static void
run_sql (const char *sql)
{
  g_autofree char *name = g_strdup_printf ("PG:service=%s", service);
  const char *const drivers[] = { "PostgreSQL", NULL };
  GDALDatasetH ds = GDALOpenEx (name, GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, NULL, NULL);
  OGRLayerH result;

  g_assert_nonnull (ds);
  CPLErrorReset ();
  result = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  g_assert_cmpint (CPLGetLastErrorType (), <, CE_Failure);
  if (result != NULL)
    GDALDatasetReleaseResultSet (ds, result);
  GDALClose (ds);
}

/* Runs a query on the test server and counts the rows it gives. */
static guint
count_rows (const char *sql)
{
  g_autofree char *name = g_strdup_printf ("PG:service=%s", service);
  const char *const drivers[] = { "PostgreSQL", NULL };
  GDALDatasetH ds = GDALOpenEx (name, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  OGRLayerH result;
  OGRFeatureH row;
  guint n = 0;

  g_assert_nonnull (ds);
  result = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  g_assert_nonnull (result);
  while ((row = OGR_L_GetNextFeature (result)) != NULL)
    {
      n++;
      OGR_F_Destroy (row);
    }
  GDALDatasetReleaseResultSet (ds, result);
  GDALClose (ds);
  return n;
}

/* One row per area, year and indicator gives the same dataset as one
 * table per year. The long table is made from the wide one by the server. */
static void
test_long_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) files = NULL;
  g_autoptr(AtlasDataset) server = NULL;

  if (!have_server ())
    return;
  g_assert_true (atlas_postgis_write_package (package_dir, service, "lang_form", &error));
  g_assert_no_error (error);

  run_sql ("CREATE TABLE lang_form.varden (code text, year integer, indicator text, value double precision)");
  for (guint year = 2020; year <= 2023; year++)
    {
      g_autofree char *insert = g_strdup_printf (
        "INSERT INTO lang_form.varden SELECT v.code, %u, j.key, (j.value #>> '{}')::double precision "
        "FROM lang_form.values_%u v, jsonb_each (to_jsonb (v) - 'code' - 'ogc_fid') j "
        "WHERE j.value <> 'null'::jsonb", year, year);
      g_autofree char *drop = g_strdup_printf ("DROP TABLE lang_form.values_%u", year);

      run_sql (insert);
      run_sql (drop);
    }
  run_sql ("UPDATE lang_form.platsatlas_tables SET table_name = 'varden', shape = 'values-long' "
           "WHERE shape = 'values'");

  files = load_files (package_dir);
  server = load_server ("lang_form");
  assert_same_dataset (files, server);
}

static void
assert_load_fails (const char *connection,
                   const char *schema,
                   const char *expected_1,
                   const char *expected_2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_postgis (connection, schema, NULL, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_1));
  g_assert_nonnull (strstr (error->message, expected_2));
}

static void
test_unreachable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-pg-none-XXXXXX", NULL);
  g_autofree char *connection = g_strdup_printf ("host=%s port=5999 dbname=atlas", dir);

  /* A socket folder without a server: nothing listens there. */
  assert_load_fails (connection, SCHEMA, "Cannot reach the database server", dir);
  g_rmdir (dir);

  /* A service pg_service.conf does not have. */
  if (have_server ())
    assert_load_fails ("finns-inte", SCHEMA, "pg_service.conf", "finns-inte");
}

static void
test_wrong_password (void)
{
  g_autofree char *saved = NULL;

  if (!have_server ())
    return;

  saved = g_strdup (g_getenv ("PGPASSWORD"));
  g_setenv ("PGPASSWORD", "fel-lösenord", TRUE);
  assert_load_fails (service, SCHEMA, "wrong password", service);
  if (saved != NULL)
    g_setenv ("PGPASSWORD", saved, TRUE);
  else
    g_unsetenv ("PGPASSWORD");
}

static void
test_missing_table (void)
{
  g_autoptr(GError) error = NULL;

  if (!have_server ())
    return;

  /* No package at all in the schema. */
  assert_load_fails (service, "inget_paket", "inget_paket.platsatlas_manifest", "platsatlas-cli pack --to-postgis");

  /* A geometry table and a value table named but gone. */
  g_assert_true (atlas_postgis_write_package (package_dir, service, "saknas", &error));
  g_assert_no_error (error);
  run_sql ("DROP TABLE saknas.deso_areas");
  assert_load_fails (service, "saknas", "saknas.deso_areas", "does not exist");
  run_sql ("DROP TABLE saknas.values_2021");
  assert_load_fails (service, "saknas", "saknas.values_2021", "does not exist");

  /* A table whose query fails names itself, and only itself: the failure
   * must not leave the connection's transaction aborted for the tables
   * read after it ("current transaction is aborted"). */
  g_assert_true (atlas_postgis_write_package (package_dir, service, "trasig", &error));
  g_assert_no_error (error);
  run_sql ("ALTER TABLE trasig.lan RENAME TO lan_data");
  run_sql ("CREATE VIEW trasig.lan AS SELECT * FROM trasig.lan_data "
           "WHERE 1 / (SELECT count(*) - count(*) FROM trasig.lan_data) = 1");
  {
    g_autoptr(AtlasDataset) dataset = atlas_dataset_load_postgis (service, "trasig", NULL, NULL, NULL, &error);

    g_assert_null (dataset);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "trasig.lan"));
    g_assert_nonnull (strstr (error->message, "division by zero"));
    g_assert_null (strstr (error->message, "aborted"));
  }
  g_clear_error (&error);

  /* A value table that cannot be read: the values arrive in one query
   * over all of them, which names them all and the server's reason. */
  g_assert_true (atlas_postgis_write_package (package_dir, service, "trasiga_varden", &error));
  g_assert_no_error (error);
  run_sql ("ALTER TABLE trasiga_varden.values_2023 RENAME TO values_2023_data");
  run_sql ("CREATE VIEW trasiga_varden.values_2023 AS SELECT * FROM trasiga_varden.values_2023_data "
           "WHERE 1 / (SELECT count(*) - count(*) FROM trasiga_varden.values_2023_data) = 1");
  assert_load_fails (service, "trasiga_varden", "division by zero", "value tables trasiga_varden.");
}

/* Passwords and other options never pass: only where the server is. */
static void
test_connection_keywords (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset =
    atlas_dataset_load_postgis ("host=/tmp password=hemligt", SCHEMA, NULL, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "password=hemligt"));
  g_assert_nonnull (strstr (error->message, "~/.pgpass"));
  g_clear_error (&error);

  dataset = atlas_dataset_load_postgis ("regionstat", "Inte;Giltigt", NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_nonnull (strstr (error->message, "Inte;Giltigt"));
}

/* A package of files that names a server is refused like any path out of
 * the package: a server package is only ever opened deliberately. */
static void
test_local_package_cannot_name_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-pg-local-XXXXXX", &error);
  g_autofree char *manifest = read_file (package_dir, "manifest.json");
  g_autofree char *path = g_build_filename (tmp, "manifest.json", NULL);
  g_autoptr(GString) changed = g_string_new (manifest);
  g_autoptr(AtlasDataset) dataset = NULL;

  g_assert_cmpuint (g_string_replace (changed, "\"geo/lan.gpkg\"", "\"PG:service=regionstat tables=lan\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, changed->str, -1, &error));
  dataset = atlas_dataset_load (tmp, NULL, &error);
  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "PG:service=regionstat"));
  g_assert_nonnull (strstr (error->message, "leads out of the package"));
  g_unlink (path);
  g_rmdir (tmp);
}

static void
on_progress (double      fraction,
             const char *step,
             gpointer    user_data)
{
  GArray *fractions = user_data;

  g_assert_nonnull (step);
  g_array_append_val (fractions, fraction);
}

/* Cancels once a third of the tables are read. */
static void
on_progress_cancel (double      fraction,
                    const char *step,
                    gpointer    user_data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;

  if (!have_server ())
    return;
  ensure_written ();

  dataset = atlas_dataset_load_postgis (service, SCHEMA, on_progress, fractions, NULL, &error);
  g_assert_no_error (error);
  /* Connection, manifest and each of the ten tables. */
  g_assert_cmpuint (fractions->len, ==, 12);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_clear_object (&dataset);

  /* Cancelled while loading, and before starting. */
  dataset = atlas_dataset_load_postgis (service, SCHEMA, on_progress_cancel, cancellable, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  dataset = atlas_dataset_load_postgis (service, SCHEMA, NULL, NULL, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Ends the loading connection from outside when the step naming @when
 * comes, as if the server went away in the middle of loading. */
typedef struct
{
  const char *when;
  const char *spare; /* the application_name of a connection left alone */
  gboolean    done;
} Cut;

static void
on_progress_cut (double      fraction,
                 const char *step,
                 gpointer    user_data)
{
  Cut *cut = user_data;
  g_autofree char *sql = NULL;

  if (cut->done || strstr (step, cut->when) == NULL)
    return;
  cut->done = TRUE;
  /* A SELECT through GDAL runs when its rows are read. */
  sql = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                         "WHERE datname = current_database () AND pid <> pg_backend_pid () "
                         "AND backend_type = 'client backend' AND application_name <> '%s'", cut->spare);
  g_assert_cmpint (count_rows (sql), >=, 1);
}

static void
assert_cut_fails (const char *when,
                  const char *spare,
                  const char *table)
{
  Cut cut = { when, spare, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_postgis (service, SCHEMA, on_progress_cut, &cut, NULL, &error);

  g_assert_true (cut.done);
  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, table));
  g_assert_nonnull (strstr (error->message, "the connection to the database may have been lost"));
}

/* The connection is lost while value tables and while geometry tables are
 * read: nothing is loaded, the message names the table, and the next load
 * (a new connection) gives the whole package again. */
static void
test_lost_connection (void)
{
  g_autoptr(AtlasDataset) files = NULL;
  g_autoptr(AtlasDataset) server = NULL;

  if (!have_server ())
    return;
  ensure_written ();

  /* Both connections (values are read on a second one), and only the
   * one the geometry is read on. */
  assert_cut_fails ("values_2021", "", SCHEMA ".values_2022");
  assert_cut_fails (SCHEMA ".kommun", "platsatlas-values", SCHEMA ".kommun");

  files = load_files (package_dir);
  server = load_server (SCHEMA);
  assert_same_dataset (files, server);
}

static void
test_cli (void)
{
  g_auto(CliRun) to = { 0 };
  g_auto(CliRun) from = { 0 };
  g_auto(CliRun) info = { 0 };
  g_auto(CliRun) export = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-pg-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (tmp, "paket", NULL);
  g_autofree char *png = g_build_filename (tmp, "karta.png", NULL);
  g_autofree char *target = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(AtlasDataset) files = NULL;
  g_autoptr(AtlasDataset) back = NULL;

  if (!have_server ())
    return;

  cli_test_run (&to, "pack", "--to-postgis", service, "--schema", "via_cli", package_dir, NULL);
  g_assert_cmpint (to.status, ==, 0);
  /* An empty folder made for it is taken. */
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  cli_test_run (&from, "pack", "--from-postgis", service, "--schema", "via_cli", "--output", out, NULL);
  g_assert_cmpint (from.status, ==, 0);
  a = read_file (package_dir, "manifest.json");
  b = read_file (out, "manifest.json");
  g_assert_cmpstr (a, ==, b);
  files = load_files (package_dir);
  back = load_files (out);
  assert_same_dataset (files, back);

  target = g_strdup_printf ("postgis:%s/via_cli", service);
  cli_test_run (&info, "info", target, NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, atlas_dataset_get_title (files, "sv")));
  cli_test_run (&export, "export", target, "--indicator", "folkmangd", "--year", "2023",
                "--level", "regso", "--output", png, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* What failed, in Swedish, naming the connection or table. */
  cli_test_run (&bad, "info", "postgis:finns-inte/via_cli", NULL);
  g_test_message ("%s", bad.err);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "finns-inte"));
  g_assert_nonnull (strstr (bad.err, "pg_service.conf"));
  cli_run_clear (&bad);
  {
    g_autofree char *none = g_strdup_printf ("postgis:host=%s port=5999 dbname=atlas/via_cli", tmp);

    cli_test_run (&bad, "info", none, NULL);
    g_assert_cmpint (bad.status, ==, 1);
    g_assert_nonnull (strstr (bad.err, "Kan inte nå databasservern"));
    g_assert_nonnull (strstr (bad.err, tmp));
    cli_run_clear (&bad);
  }
  g_setenv ("PGPASSWORD", "fel", TRUE);
  cli_test_run (&bad, "info", target, NULL);
  g_unsetenv ("PGPASSWORD");
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "fel lösenord"));
  cli_run_clear (&bad);
  run_sql ("DROP TABLE via_cli.kommun");
  cli_test_run (&bad, "info", target, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "via_cli.kommun"));
  g_assert_nonnull (strstr (bad.err, "finns inte"));

  g_spawn_command_line_sync (g_strdup_printf ("rm -rf %s", tmp), NULL, NULL, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  service = g_getenv ("PLATSATLAS_TEST_PG_SERVICE");
  package_dir = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", PACKAGE_ID, NULL);

  g_test_add_func ("/postgis/load-equals-files", test_load_equals_files);
  g_test_add_func ("/postgis/round-trip", test_round_trip);
  g_test_add_func ("/postgis/long-values", test_long_values);
  g_test_add_func ("/postgis/unreachable", test_unreachable);
  g_test_add_func ("/postgis/wrong-password", test_wrong_password);
  g_test_add_func ("/postgis/missing-table", test_missing_table);
  g_test_add_func ("/postgis/connection-keywords", test_connection_keywords);
  g_test_add_func ("/postgis/local-package-cannot-name-server", test_local_package_cannot_name_server);
  g_test_add_func ("/postgis/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/postgis/lost-connection", test_lost_connection);
  g_test_add_func ("/postgis/cli", test_cli);

  return g_test_run ();
}
