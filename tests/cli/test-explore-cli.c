/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "atlas-core.h"
#include "cli-test-util.h"

/* values --since, classify --method box|percentile and --since, profile,
 * similar and scatter (the binary in $PLATSATLAS_CLI) against values
 * worked out here. */

static char *
real_package (void)
{
  return g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
}

static char *
similar_package (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "similar", NULL);
}

static JsonObject *
first_row (JsonNode *root)
{
  return json_array_get_object_element (json_node_get_array (root), 0);
}

/* The change column is the later value minus the earlier, both as the
 * values command prints them. */
static void
test_values_since (void)
{
  g_autofree char *path = real_package ();
  g_auto(CliRun) before = { 0, };
  g_auto(CliRun) after = { 0, };
  g_auto(CliRun) change = { 0, };
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) c = NULL;
  double expected;

  cli_test_run (&before, "values", path, "-i", "utrikes_fodda_andel", "-l", "regso", "-y", "2020",
                "-a", "0114R001", "--json", NULL);
  cli_test_run (&after, "values", path, "-i", "utrikes_fodda_andel", "-l", "regso", "-y", "2023",
                "-a", "0114R001", "--json", NULL);
  cli_test_run (&change, "values", path, "-i", "utrikes_fodda_andel", "-l", "regso", "-y", "2023",
                "--since", "2020", "-a", "0114R001", "--json", NULL);
  g_assert_cmpint (change.status, ==, 0);
  b = cli_test_parse_json (before.out);
  a = cli_test_parse_json (after.out);
  c = cli_test_parse_json (change.out);
  expected = json_object_get_double_member (first_row (a), "value")
             - json_object_get_double_member (first_row (b), "value");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first_row (c), "change"), expected, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (first_row (c), "change_unit"), ==, "percentage-points");
  /* 0114R001: 17.486 % in 2020 (1,060 born abroad of 6,062, SCB’s counts); the share rose */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first_row (b), "value"), 17.486, 5e-4);
  g_assert_cmpfloat (expected, >, 0);
}

static void
test_values_since_missing (void)
{
  g_autofree char *path = real_package ();
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) backwards = { 0, };

  /* the income is in the package for 2022 only: every change is missing,
   * with the year that lacks it */
  cli_test_run (&run, "values", path, "-i", "median_nettoinkomst", "-l", "deso", "-y", "2022",
                "--since", "2020", "-a", "0380C1010", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "change,change_missing_reason\n"));
  g_assert_nonnull (strstr (run.out, ",,2020: "));

  cli_test_run (&backwards, "values", path, "-i", "folkmangd", "-l", "regso", "-y", "2020",
                "--since", "2023", NULL);
  g_assert_cmpint (backwards.status, ==, 2);
}

static void
test_classify_box_and_percentile (void)
{
  g_autofree char *path = real_package ();
  const char *methods[] = { "box", "box3", "percentile" };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_auto(CliRun) run = { 0, };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object;
      JsonArray *counts, *labels;
      gint64 total = 0;

      cli_test_run (&run, "classify", path, "-i", "median_nettoinkomst", "-l", "deso", "-y", "2022",
                    "-m", methods[m], "--json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = cli_test_parse_json (run.out);
      object = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, methods[m]);
      g_assert_cmpint (json_object_get_int_member (object, "classes"), ==, 6);
      g_assert_cmpint (json_object_get_int_member (object, "requested_classes"), ==, 6);
      counts = json_object_get_array_member (object, "counts");
      labels = json_object_get_array_member (object, "labels");
      g_assert_cmpuint (json_array_get_length (counts), ==, 6);
      g_assert_cmpuint (json_array_get_length (labels), ==, 6);
      for (guint i = 0; i < 6; i++)
        total += json_array_get_int_element (counts, i);
      g_assert_cmpint (total, ==, 5984);
      g_assert_false (json_object_get_null_member (object, "method_note"));
    }
}

static void
test_classify_since (void)
{
  g_autofree char *path = real_package ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *breaks;

  cli_test_run (&run, "classify", path, "-i", "utrikes_fodda_andel", "-l", "regso", "-y", "2023",
                "--since", "2020", "-n", "6", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "change"), ==, "Förändring 2020–2023, procentenheter");
  g_assert_true (json_object_get_boolean_member (object, "centred"));
  breaks = json_object_get_array_member (object, "breaks");
  g_assert_cmpuint (json_array_get_length (breaks), ==, 5);
  g_assert_cmpfloat (json_array_get_double_element (breaks, 2), ==, 0.0);
  g_assert_cmpfloat (json_array_get_double_element (breaks, 0), ==, -json_array_get_double_element (breaks, 4));
  /* the class labels are in the title's unit, percentage points */
  {
    JsonArray *labels = json_object_get_array_member (object, "labels");

    g_assert_cmpuint (json_array_get_length (labels), ==, 6);
    for (guint i = 0; i < 6; i++)
      {
        const char *label = json_array_get_string_element (labels, i);

        g_assert_true (g_str_has_suffix (label, "\302\240p.e."));
        g_assert_null (strchr (label, '%'));
      }
  }

  /* a method does not combine with a change map */
  {
    g_auto(CliRun) both = { 0, };

    cli_test_run (&both, "classify", path, "-i", "utrikes_fodda_andel", "-l", "regso", "-y", "2023",
                  "--since", "2020", "-m", "box", NULL);
    g_assert_cmpint (both.status, ==, 2);
    g_assert_nonnull (strstr (both.err, "--since"));
  }
}

static void
test_profile_files (void)
{
  g_autofree char *path = similar_package ();
  g_autofree char *dir = g_dir_make_tmp ("profile-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "ankeby.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(CliRun) single = { 0, };
  g_auto(CliRun) batch = { 0, };
  g_auto(CliRun) again = { 0, };
  g_auto(CliRun) replace = { 0, };
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  cli_test_run (&single, "profile", path, "--area", "0101", "--year", "2020", "-o", one, NULL);
  g_assert_cmpint (single.status, ==, 0);
  g_assert_true (g_file_get_contents (one, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpint (g_unlink (one), ==, 0);

  cli_test_run (&batch, "profile", path, "--level", "kommun", "--year", "2020", "--output-dir", dir, NULL);
  g_assert_cmpint (batch.status, ==, 0);
  cli_test_run (&again, "profile", path, "--level", "kommun", "--year", "2020", "--output-dir", dir, NULL);
  g_assert_cmpint (again.status, ==, 1);
  cli_test_run (&replace, "profile", path, "--level", "kommun", "--year", "2020", "--output-dir", dir,
                "--overwrite", NULL);
  g_assert_cmpint (replace.status, ==, 0);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_assert_true (g_str_has_prefix (name, "010"));
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_cmpint (g_unlink (file), ==, 0);
      n++;
    }
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The ranking worked by hand in tests/core/test-explore.c. */
static void
test_similar_json (void)
{
  g_autofree char *path = similar_package ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  static const char *const order[] = { "0105", "0102", "0103" };
  JsonArray *similar;

  cli_test_run (&run, "similar", path, "--area", "0101", "--year", "2020", "-i", "a,b", "-n", "3", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  similar = json_object_get_array_member (json_node_get_object (root), "similar");
  g_assert_cmpuint (json_array_get_length (similar), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (similar, i), "area_code"),
                     ==, order[i]);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (similar, 0),
                                                                 "distance"),
                                  sqrt (6 / 323.5 + 6 / (312.0 + 5.0 / 6)), 1e-9);
}

/* a against b of tests/data/similar by hand: x = 10 12 10 20 11 30,
 * y = 10 10 14 20 11 30: Sxx = 323.5, Syy = 312.8333…, Sxy = 308.5 (sums
 * of products of deviations from 15.5 and 95/6). */
static void
test_scatter_json (void)
{
  g_autofree char *path = similar_package ();
  g_autofree char *dir = g_dir_make_tmp ("scatter-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "a-b.pdf", NULL);
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  double sxx = 323.5, syy = 312.0 + 5.0 / 6, sxy = 308.5;

  cli_test_run (&run, "scatter", path, "-x", "a", "-y", "b", "-l", "kommun", "--year", "2020",
                "-o", file, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, 6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "r"), sxy / sqrt (sxx * syy), 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "slope"), sxy / sxx, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "intercept"),
                                  95.0 / 6 - sxy / sxx * 15.5, 1e-9);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* "6,9" for 6.94: a value as the figures print one decimal. */
static char *
one_decimal (double value)
{
  g_autofree char *text = g_strdup_printf ("%.1f", value);

  g_strdelimit (text, ".", ',');
  return g_steal_pointer (&text);
}

/* multiples --indicators: one map per indicator, each classed over the
 * kommuner's own values of 2022, so each map's limits run from that
 * indicator's lowest kommun value to its highest (read here from the
 * package); without --year it is a usage error. */
static void
test_multiples_indicators (void)
{
  g_autofree char *path = real_package ();
  g_autofree char *dir = g_dir_make_tmp ("multiples-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "m.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  const char *ids[] = { "utrikes_fodda_andel", "lag_ek_standard" };
  AtlasDivision *kommuner;
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) no_year = { 0, };

  g_assert_nonnull (dataset);
  kommuner = atlas_dataset_lookup_division (dataset, "kommun");
  cli_test_run (&run, "multiples", path, "--indicators", "utrikes_fodda_andel,lag_ek_standard", "--year", "2022",
                "--level", "kommun", "--region", "03", "-o", svg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "2 indikatorer, Kommun i Uppsala län 2022"));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, ids[i]);
      double low = INFINITY, high = -INFINITY;
      g_autofree char *low_text = NULL;
      g_autofree char *high_text = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      for (guint a = 0; a < atlas_division_get_n_areas (kommuner); a++)
        {
          double value;

          if (atlas_dataset_get_value (dataset, indicator, 2022, atlas_division_get_area (kommuner, a), &value, NULL)
              != ATLAS_VALUE_MISSING)
            {
              low = MIN (low, value);
              high = MAX (high, value);
            }
        }
      low_text = one_decimal (low);
      high_text = one_decimal (high);
      first = g_strdup_printf (">%s – ", low_text);
      /* the unit follows after a no-break space */
      last = g_strdup_printf (" – %s\xc2\xa0%%</text>", high_text);
      g_assert_nonnull (strstr (contents, atlas_indicator_get_name (indicator, "sv")));
      g_assert_nonnull (strstr (contents, first));
      g_assert_nonnull (strstr (contents, last));
    }
  g_assert_cmpint (g_unlink (svg), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  cli_test_run (&no_year, "multiples", path, "--indicators", "utrikes_fodda_andel,lag_ek_standard",
                "--level", "kommun", "-o", svg, NULL);
  g_assert_cmpint (no_year.status, ==, 2);
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/explore-cli/values-since", test_values_since);
  g_test_add_func ("/explore-cli/values-since-missing", test_values_since_missing);
  g_test_add_func ("/explore-cli/classify-box-and-percentile", test_classify_box_and_percentile);
  g_test_add_func ("/explore-cli/classify-since", test_classify_since);
  g_test_add_func ("/explore-cli/profile-files", test_profile_files);
  g_test_add_func ("/explore-cli/similar-json", test_similar_json);
  g_test_add_func ("/explore-cli/scatter-json", test_scatter_json);
  g_test_add_func ("/explore-cli/multiples-indicators", test_multiples_indicators);

  return g_test_run ();
}
