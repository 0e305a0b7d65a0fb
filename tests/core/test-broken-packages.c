/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "atlas-core.h"

/* Each package under tests/data/broken/ differs from tests/data/valid-minimal/
 * by one defect (see the README there). Each must give exactly that one
 * problem, at the expected file and place, and must not load. */

typedef struct
{
  const char        *name;
  const char        *file;
  const char        *location; /* NULL: the whole file */
  const char        *phrase;
  AtlasDatasetError  code;
} BrokenCase;

static const BrokenCase cases[] = {
  { "truncated-manifest", "manifest.json", "line 18", "not valid JSON", ATLAS_DATASET_ERROR_MANIFEST },
  { "missing-field", "manifest.json", "publisher", "the field is missing; expected a string", ATLAS_DATASET_ERROR_MANIFEST },
  { "wrong-type", "manifest.json", "indicators[1].decimals", "expected an integer, found a string", ATLAS_DATASET_ERROR_MANIFEST },
  { "unknown-unit", "manifest.json", "indicators[1].unit", "unknown unit “procent”", ATLAS_DATASET_ERROR_MANIFEST },
  { "unit-label-not-count", "manifest.json", "indicators[1].unit_label", "a unit label is only allowed for the unit “count”", ATLAS_DATASET_ERROR_MANIFEST },
  { "unknown-weight", "manifest.json", "indicators[1].aggregation.weight", "unknown weight indicator “befolkning_total”", ATLAS_DATASET_ERROR_MANIFEST },
  { "unknown-theme", "manifest.json", "indicators[0].theme", "unknown theme “arbete”", ATLAS_DATASET_ERROR_MANIFEST },
  { "duplicate-indicator-id", "manifest.json", "indicators[2].id", "duplicate id “andel”", ATLAS_DATASET_ERROR_MANIFEST },
  { "bad-date", "manifest.json", "date", "“21/11/2026” is not a date", ATLAS_DATASET_ERROR_MANIFEST },
  { "year-without-table", "values/2021.csv", NULL, "the table is missing", ATLAS_DATASET_ERROR_VALUES },
  { "missing-geometry-file", "geo/kommuner.geojson", NULL, "the geometry file is missing", ATLAS_DATASET_ERROR_GEOMETRY },
  { "missing-layer", "geo/kommun.geojson", NULL, "no layer “kommuner”", ATLAS_DATASET_ERROR_GEOMETRY },
  { "missing-code-field", "geo/kommun.geojson", NULL, "has no field “kommunkod”", ATLAS_DATASET_ERROR_GEOMETRY },
  { "no-crs", "geo/kommun.csv", NULL, "has no coordinate reference system", ATLAS_DATASET_ERROR_GEOMETRY },
  { "non-polygon", "geo/kommun.geojson", "feature 2", "expected a Polygon or MultiPolygon", ATLAS_DATASET_ERROR_GEOMETRY },
  { "invalid-geometry", "geo/kommun.geojson", "feature 3", "invalid geometry: a ring has fewer than 4 points", ATLAS_DATASET_ERROR_GEOMETRY },
  { "feature-without-code", "geo/kommun.geojson", "feature 3", "no area code in field “kod”", ATLAS_DATASET_ERROR_GEOMETRY },
  { "duplicate-code-geometry", "geo/kommun.geojson", "feature 3", "duplicate area code “0102”", ATLAS_DATASET_ERROR_GEOMETRY },
  { "unknown-parent-code", "geo/deso.geojson", "feature 2", "parent code “0109” is not an area of division “kommun”", ATLAS_DATASET_ERROR_GEOMETRY },
  { "unknown-column", "values/2020.csv", "line 1", "unknown indicator column “folkmangd_total”", ATLAS_DATASET_ERROR_VALUES },
  { "unknown-area", "values/2020.csv", "line 5", "unknown area code “0999”", ATLAS_DATASET_ERROR_VALUES },
  { "duplicate-row", "values/2020.csv", "line 5", "a second row for area “0101”", ATLAS_DATASET_ERROR_VALUES },
  { "non-numeric", "values/2020.csv", "line 3", "non-numeric value “abc” in column “folkmangd”", ATLAS_DATASET_ERROR_VALUES },
  { "category-outside", "values/2020.csv", "line 2", "the value “7” in column “typ” is not a declared category", ATLAS_DATASET_ERROR_VALUES },
  { "wrong-cell-count", "values/2020.csv", "line 3", "the row has 3 cells; expected 4", ATLAS_DATASET_ERROR_VALUES },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "broken", c->name, NULL);
  g_autoptr(GPtrArray) problems = atlas_dataset_validate (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasProblem *problem;
  g_autofree char *line = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->file, ==, c->file);
  g_assert_cmpstr (problem->location, ==, c->location);
  g_assert_nonnull (strstr (problem->message, c->phrase));

  dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, (int) c->code);
  /* With one problem, the message is the problem itself. */
  line = atlas_problem_to_string (problem);
  g_assert_cmpstr (error->message, ==, line);
}

static void
test_valid_minimal (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", NULL);
  g_autoptr(GPtrArray) problems = atlas_dataset_validate (path, NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;
  AtlasIndicator *andel;
  double value = 0;
  AtlasMissingReason reason = ATLAS_MISSING_YEAR;

  g_assert_cmpuint (problems->len, ==, 0);
  dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  /* 0103 has no share: riket's weighted mean is incomplete. */
  andel = atlas_dataset_lookup_indicator (dataset, "andel");
  g_assert_cmpint (atlas_dataset_get_value (dataset, andel, 2020, atlas_dataset_lookup_area (dataset, "00"),
                                            &value, &reason), ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_INCOMPLETE);
  g_assert_finalize_object (dataset);
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load ("/no/such/package", NULL, &error);
  g_autoptr(GPtrArray) problems = atlas_dataset_validate ("/no/such/package", NULL);

  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/no/such/package"));
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_directory_without_manifest (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "broken", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "manifest.json"));
}

static void
copy_file (const char *from_dir,
           const char *to_dir,
           const char *relative,
           const char *replace,
           const char *with)
{
  g_autofree char *from = g_build_filename (from_dir, relative, NULL);
  g_autofree char *to = g_build_filename (to_dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (to);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;

  g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
  text = g_string_new (contents);
  if (replace != NULL)
    g_assert_cmpuint (g_string_replace (text, replace, with, 1), ==, 1);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_true (g_file_set_contents (to, text->str, -1, NULL));
}

/* Problems of several kinds: every one is reported, the error lists the
 * first five and counts the rest. */
static void
test_many_problems (void)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-broken-XXXXXX", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  const char *files[] = { "manifest.json", "geo/kommun.geojson", "values/2020.csv" };

  copy_file (valid, tmp, files[0], "\"2026-11-21\"", "\"igår\"");
  copy_file (valid, tmp, files[1], NULL, NULL);
  copy_file (valid, tmp, files[2], "0103,300,,1\n",
             "0103,300,,1\n0901,1,1,1\n0902,1,1,1\n0903,1,1,1\n0904,1,1,1\n0905,1,1,1\n0906,1,1,1\n");

  problems = atlas_dataset_validate (tmp, NULL);
  g_assert_cmpuint (problems->len, ==, 7);

  dataset = atlas_dataset_load (tmp, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "manifest.json, date: “igår” is not a date"));
  g_assert_nonnull (strstr (error->message, "values/2020.csv, line 5: unknown area code “0901”; expected a code of a division in manifest.json"));
  g_assert_null (strstr (error->message, "“0905”"));
  g_assert_nonnull (strstr (error->message, "… and 2 more problems"));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tmp, files[i], NULL);
      g_unlink (path);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *dir = g_build_filename (tmp, i == 0 ? "geo" : "values", NULL);
      g_rmdir (dir);
    }
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/broken/%s", cases[i].name);
      g_test_add_data_func (name, &cases[i], test_broken);
    }
  g_test_add_func ("/broken/not-found", test_not_found);
  g_test_add_func ("/broken/no-manifest", test_directory_without_manifest);
  g_test_add_func ("/broken/many-problems", test_many_problems);
  g_test_add_func ("/valid/minimal", test_valid_minimal);

  return g_test_run ();
}
