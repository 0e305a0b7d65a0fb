/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "atlas-core.h"
#include "cli-test-util.h"

/* by-type, flags, segregation and types-history (the binary in
 * $PLATSATLAS_CLI) print the numbers of the in-process core objects, name
 * their sources and years, and mark demonstration values. */

static char *
test_package (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
}

static AtlasDataset *
load_test_package (void)
{
  g_autofree char *path = test_package ();
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, NULL);

  g_assert_nonnull (dataset);
  return dataset;
}

static void
assert_number (JsonObject *object,
               const char *member,
               double      expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (isnan (expected))
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    g_assert_cmpfloat_with_epsilon (json_node_get_double (node), expected, 1e-9);
}

static void
test_by_type_json (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasTypeBreakdown) b = atlas_type_breakdown_new (dataset, atlas_dataset_lookup_indicator (dataset, "andel"),
                                                              NULL, NULL, 2022, 0, NULL);
  JsonObject *object;
  JsonArray *types;

  cli_test_run (&run, "by-type", path, "--indicator", "andel", "--year", "2022", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "package"), ==, "analysis");
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2022);
  g_assert_false (json_object_get_boolean_member (object, "demonstration"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "indicator"), "definition"),
                   ==, "En andel där lägre är bättre.");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "indicator"), "source"),
                   ==, "Handgjorda testvärden");
  types = json_object_get_array_member (object, "types");
  g_assert_cmpuint (json_array_get_length (types), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *row = json_array_get_object_element (types, i);
      const AtlasTypeStat *stat = atlas_type_breakdown_get_stat (b, i);

      g_assert_cmpint (json_object_get_int_member (row, "code"), ==, stat->category->code);
      g_assert_cmpstr (json_object_get_string_member (row, "label"), ==, stat->category->label.sv);
      g_assert_cmpint (json_object_get_int_member (row, "areas"), ==, stat->n_areas);
      assert_number (row, "weight", stat->weight);
      assert_number (row, "value", stat->value);
    }
  /* type 3 (0101R04) has no andel */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (types, 2), "missing_reason"),
                   ==, "incomplete");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (types, 0), "missing_reason"));
  assert_number (json_array_get_object_element (types, 0), "value", 26.0);
}

static void
test_by_type_text_and_errors (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) bad_region = { 0, };
  g_auto(CliRun) no_category = { 0, };

  cli_test_run (&run, "by-type", "uppsala-lan", "--indicator", "arbetslosa_20_64", "--year", "2022",
                "--region", "0380", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Demonstrationsdata – inte verklig statistik"));
  g_assert_nonnull (strstr (run.out, "2022"));
  g_assert_nonnull (strstr (run.out, "Befolkning 20–64 år"));

  cli_test_run (&bad_region, "by-type", path, "--indicator", "andel", "--year", "2022",
                "--region", "9999", NULL);
  g_assert_cmpint (bad_region.status, ==, 2);
  g_assert_nonnull (strstr (bad_region.err, "9999"));

  cli_test_run (&no_category, "by-type", "sverige-kommuner", "--indicator", "folkmangd",
                "--year", "2022", NULL);
  g_assert_cmpint (no_category.status, ==, 1);
}

static void
test_flags_json (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  const guint counts[] = { 1, 0, 1, 0, 2, 1, 0, 1 };
  JsonObject *object;
  JsonArray *areas, *thresholds, *flags;

  cli_test_run (&run, "flags", path, "--level", "omrade", "--year", "2022", "--share", "30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  assert_number (object, "share", 30);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "reference"), "8"));
  thresholds = json_object_get_array_member (object, "thresholds");
  g_assert_cmpuint (json_array_get_length (thresholds), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (thresholds, 0), "indicator"), ==, "andel");
  assert_number (json_array_get_object_element (thresholds, 0), "value", 30);
  assert_number (json_array_get_object_element (thresholds, 1), "value", 200);
  areas = json_object_get_array_member (object, "areas");
  g_assert_cmpuint (json_array_get_length (areas), ==, 8);
  for (guint a = 0; a < 8; a++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (areas, a), "count"), ==, counts[a]);
  flags = json_object_get_array_member (json_array_get_object_element (areas, 4), "flags");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (areas, 4), "code"), ==, "0102R01");
  g_assert_cmpuint (json_array_get_length (flags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (flags, 0), ==, "andel");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_array_get_object_element (areas, 3), "missing"), 0),
                   ==, "andel");
}

static void
test_flags_options (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) only = { 0, };
  g_auto(CliRun) neutral = { 0, };
  g_auto(CliRun) share = { 0, };
  g_autoptr(JsonNode) root = NULL;

  cli_test_run (&only, "flags", path, "--level", "omrade", "--year", "2022", "--indicators", "inkomst",
                "--region", "0102", "--json", NULL);
  g_assert_cmpint (only.status, ==, 0);
  root = cli_test_parse_json (only.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "thresholds")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "areas")), ==, 3);

  cli_test_run (&neutral, "flags", path, "--level", "omrade", "--year", "2022", "--indicators", "utrikes_andel", NULL);
  g_assert_cmpint (neutral.status, ==, 2);
  cli_test_run (&share, "flags", path, "--level", "omrade", "--year", "2022", "--share", "0", NULL);
  g_assert_cmpint (share.status, ==, 2);
}

static void
test_segregation_json (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  AtlasIndicator *group = atlas_dataset_lookup_indicator (dataset, "utrikes_andel");
  g_autoptr(AtlasSegregation) seg = atlas_segregation_new (dataset, &group, 1,
                                                           atlas_dataset_lookup_indicator (dataset, "befolkning"),
                                                           atlas_dataset_lookup_division (dataset, "omrade"),
                                                           atlas_dataset_lookup_division (dataset, "kommun"),
                                                           2022, NULL);
  JsonObject *object;
  JsonArray *areas;

  cli_test_run (&run, "segregation", path, "--group", "utrikes_andel", "--total", "befolkning",
                "--level", "omrade", "--by", "kommun", "--year", "2022", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "demonstration"));
  g_assert_nonnull (json_object_get_string_member (object, "count_note"));
  g_assert_nonnull (json_object_get_string_member (object, "method"));
  areas = json_object_get_array_member (object, "areas");
  g_assert_cmpuint (json_array_get_length (areas), ==, 3);
  for (guint c = 0; c < 3; c++)
    {
      JsonObject *row = json_array_get_object_element (areas, c);
      const AtlasSegregationResult *r = atlas_segregation_get_result (seg, c);

      g_assert_cmpstr (json_object_get_string_member (row, "code"), ==, atlas_area_get_code (r->area));
      g_assert_cmpint (json_object_get_int_member (row, "units"), ==, r->n_units);
      assert_number (row, "group_share", r->group_share);
      assert_number (row, "dissimilarity", r->dissimilarity);
      assert_number (row, "isolation", r->isolation);
      assert_number (row, "exposure", r->exposure);
      assert_number (row, "theil", r->theil);
    }
  assert_number (json_array_get_object_element (areas, 1), "dissimilarity", 1.0);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (areas, 2), "unreliable"));
}

static void
test_segregation_errors (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) no_denominator = { 0, };
  g_auto(CliRun) no_by = { 0, };
  g_auto(CliRun) upside_down = { 0, };

  cli_test_run (&no_denominator, "segregation", path, "--group", "andel_utan_namnare", "--total", "befolkning",
                "--level", "omrade", "--by", "kommun", "--year", "2022", NULL);
  g_assert_cmpint (no_denominator.status, ==, 2);
  g_assert_nonnull (strstr (no_denominator.err, "andel_utan_namnare"));
  cli_test_run (&no_by, "segregation", path, "--group", "grupp", "--total", "befolkning",
                "--level", "omrade", "--year", "2022", NULL);
  g_assert_cmpint (no_by.status, ==, 2);
  g_assert_nonnull (strstr (no_by.err, "--by"));
  cli_test_run (&upside_down, "segregation", path, "--group", "grupp", "--total", "befolkning",
                "--level", "kommun", "--by", "omrade", "--year", "2022", NULL);
  g_assert_cmpint (upside_down.status, ==, 2);
}

/* --compare-levels on the real package: Uppsala's indices on DeSO and
 * RegSO, as core computes them, and the chart. */
static void
test_segregation_compare_levels (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-maup-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "maup.pdf", NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  AtlasIndicator *group = atlas_dataset_lookup_indicator (dataset, "hyresratt_andel");
  g_autoptr(AtlasSegregation) deso = atlas_segregation_new (dataset, &group, 1,
                                                            atlas_dataset_lookup_indicator (dataset, "lagenheter"),
                                                            atlas_dataset_lookup_division (dataset, "deso"),
                                                            atlas_dataset_lookup_division (dataset, "kommun"),
                                                            2022, NULL);
  g_autoptr(AtlasSegregation) regso = atlas_segregation_new_on_level (deso, atlas_dataset_lookup_division (dataset, "regso"), NULL);
  AtlasArea *uppsala = atlas_dataset_lookup_area (dataset, "0380");
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) no_area = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  JsonObject *object, *row, *compare;
  JsonArray *areas;

  cli_test_run (&run, "segregation", path, "--group", "hyresratt_andel", "--total", "lagenheter",
                "--level", "deso", "--by", "kommun", "--year", "2022", "--compare-levels", "regso",
                "--area", "0380", "--output", pdf, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "compare_level"), ==, "regso");
  g_assert_cmpstr (json_object_get_string_member (object, "compare_level_version"), ==, "RegSO 2020");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "maup_note"), "MAUP"));
  areas = json_object_get_array_member (object, "areas");
  g_assert_cmpuint (json_array_get_length (areas), ==, 1);
  row = json_array_get_object_element (areas, 0);
  compare = json_object_get_object_member (row, "compare");
  g_assert_cmpstr (json_object_get_string_member (row, "code"), ==, "0380");
  assert_number (row, "dissimilarity", atlas_segregation_lookup_result (deso, uppsala)->dissimilarity);
  assert_number (compare, "dissimilarity", atlas_segregation_lookup_result (regso, uppsala)->dissimilarity);
  assert_number (compare, "theil", atlas_segregation_lookup_result (regso, uppsala)->theil);
  g_assert_cmpint (json_object_get_int_member (compare, "units"), ==,
                   atlas_segregation_lookup_result (regso, uppsala)->n_units);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpint (g_remove (pdf), ==, 0);

  /* A chart is of one area. */
  cli_test_run (&no_area, "segregation", path, "--group", "hyresratt_andel", "--total", "lagenheter",
                "--level", "deso", "--by", "kommun", "--year", "2022", "--compare-levels", "regso",
                "--output", pdf, NULL);
  g_assert_cmpint (no_area.status, ==, 2);
  g_assert_nonnull (strstr (no_area.err, "--area"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* --filter: the rows, ranks and figure of only the areas of some types. */
static void
test_filter (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-filter-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "filter.svg", NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  g_autoptr(AtlasAreaFilter) filter = atlas_area_filter_parse (dataset, "omradestyp=1,2", NULL);
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  g_autofree gboolean *mask = atlas_area_filter_dup_mask (filter, dataset, regso, 2022);
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) figure = { 0, };
  g_auto(CliRun) kommun = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  JsonArray *rows;
  guint n_shown = 0;

  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    n_shown += mask[a];
  cli_test_run (&run, "values", path, "--indicator", "utrikes_fodda_andel", "--level", "regso",
                "--year", "2022", "--filter", "omradestyp=1,2", "--rank", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, n_shown);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      AtlasArea *area = atlas_dataset_lookup_area (dataset, json_object_get_string_member (row, "area_code"));
      AtlasRank rank;

      g_assert_true (mask[atlas_area_get_index (area)]);
      g_assert_true (atlas_rank_area_filtered (dataset, share, 2022, area, NULL, filter, &rank));
      assert_number (row, "rank", rank.rank);
      assert_number (row, "n_ranked", rank.n_ranked);
    }

  cli_test_run (&figure, "export", path, "--indicator", "utrikes_fodda_andel", "--level", "regso",
                "--year", "2022", "--region", "0380", "--filter", "omradestyp=1,2", "--output", svg, NULL);
  g_assert_cmpint (figure.status, ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Områdestyp 1, 2"));
  g_assert_cmpint (g_remove (svg), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* Områdestyp is set per RegSO: at kommun level the filter does not apply. */
  cli_test_run (&kommun, "values", path, "--indicator", "utrikes_fodda_andel", "--level", "kommun",
                "--year", "2022", "--filter", "omradestyp=1", NULL);
  g_assert_cmpint (kommun.status, ==, 2);
  g_assert_nonnull (strstr (kommun.err, "omradestyp=1"));
}

static void
test_types_history_json (void)
{
  g_autofree char *path = test_package ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *change;
  JsonArray *years, *changes;

  cli_test_run (&run, "types-history", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_nonnull (json_object_get_string_member (object, "caveat"));
  years = json_object_get_array_member (object, "years");
  g_assert_cmpuint (json_array_get_length (years), ==, 2);
  /* 2023, type 3: 0101R04 (400) and 0102R03 (200) */
  assert_number (json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (years, 1), "types"), 2),
                 "residents", 600);
  changes = json_object_get_array_member (object, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  change = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "code"), ==, "0101R01");
  g_assert_cmpint (json_object_get_int_member (change, "from"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (change, "to"), ==, 2);
}

static void
test_by_type_output (void)
{
  g_autofree char *path = test_package ();
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-by-type-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "typer.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", "typer.pdf", NULL);
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) bad = { 0, };

  cli_test_run (&run, "by-type", path, "--indicator", "andel", "--year", "2022", "--output", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  cli_test_run (&bad, "by-type", path, "--indicator", "andel", "--year", "2022", "--output", missing, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_map_outputs (void)
{
  g_autofree char *path = test_package ();
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-maps-XXXXXX", NULL);
  g_autofree char *flags_png = g_build_filename (dir, "flags.png", NULL);
  g_autofree char *seg_svg = g_build_filename (dir, "d.svg", NULL);
  g_autofree char *bad_svg = g_build_filename (dir, "bad.svg", NULL);
  g_auto(CliRun) flags = { 0, };
  g_auto(CliRun) seg = { 0, };
  g_auto(CliRun) bad = { 0, };

  cli_test_run (&flags, "flags", path, "--level", "omrade", "--year", "2022", "--output", flags_png, NULL);
  g_assert_cmpint (flags.status, ==, 0);
  g_assert_true (g_file_test (flags_png, G_FILE_TEST_IS_REGULAR));
  cli_test_run (&seg, "segregation", path, "--group", "grupp", "--total", "befolkning", "--level", "omrade",
                "--by", "kommun", "--year", "2022", "--index", "theil", "--output", seg_svg, NULL);
  g_assert_cmpint (seg.status, ==, 0);
  g_assert_true (g_file_test (seg_svg, G_FILE_TEST_IS_REGULAR));
  cli_test_run (&bad, "segregation", path, "--group", "grupp", "--total", "befolkning", "--level", "omrade",
                "--by", "kommun", "--year", "2022", "--index", "gini", "--output", bad_svg, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_false (g_file_test (bad_svg, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_remove (flags_png), ==, 0);
  g_assert_cmpint (g_remove (seg_svg), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/by-type/json", test_by_type_json);
  g_test_add_func ("/cli/by-type/text-and-errors", test_by_type_text_and_errors);
  g_test_add_func ("/cli/by-type/output", test_by_type_output);
  g_test_add_func ("/cli/flags/json", test_flags_json);
  g_test_add_func ("/cli/flags/options", test_flags_options);
  g_test_add_func ("/cli/segregation/json", test_segregation_json);
  g_test_add_func ("/cli/segregation/errors", test_segregation_errors);
  g_test_add_func ("/cli/segregation/compare-levels", test_segregation_compare_levels);
  g_test_add_func ("/cli/filter", test_filter);
  g_test_add_func ("/cli/types-history/json", test_types_history_json);
  g_test_add_func ("/cli/map-outputs", test_map_outputs);
  return g_test_run ();
}
