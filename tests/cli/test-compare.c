/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "atlas-core.h"
#include "cli-test-util.h"

/* `platsatlas-cli compare` (the binary in $PLATSATLAS_CLI) must print the
 * numbers of the in-process AtlasComparison the panel shows. */

static AtlasComparison *
compare_in_process (AtlasDataset *dataset,
                    guint         since)
{
  g_autoptr(GError) error = NULL;
  AtlasComparison *comparison;

  comparison = atlas_comparison_new (dataset, atlas_dataset_lookup_area (dataset, "0180"),
                                     atlas_dataset_lookup_area (dataset, "1480"), 2024, since,
                                     &error);
  g_assert_no_error (error);
  return comparison;
}

/* null in JSON exactly where the comparison has NaN, else the same double */
static void
assert_number (JsonObject *object,
               const char *member,
               double      expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (isnan (expected))
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (node));
      return;
    }
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpfloat (json_node_get_double (node), ==, expected);
}

static void
assert_row (JsonObject         *object,
            AtlasComparisonRow *row)
{
  JsonNode *better = json_object_get_member (object, "better");
  const char *nick = atlas_comparison_better_to_nick (atlas_comparison_row_get_better (row));
  AtlasValueSource source;
  AtlasMissingReason reason;

  assert_number (object, "a", atlas_comparison_row_get_value (row, ATLAS_COMPARISON_SIDE_A, &source, &reason));
  g_assert_cmpstr (json_object_get_string_member (object, "a_missing_reason"), ==,
                   source == ATLAS_VALUE_MISSING ? atlas_missing_reason_to_nick (reason) : NULL);
  assert_number (object, "b", atlas_comparison_row_get_value (row, ATLAS_COMPARISON_SIDE_B, NULL, NULL));
  assert_number (object, "difference", atlas_comparison_row_get_difference (row));
  assert_number (object, "relative_difference", atlas_comparison_row_get_relative_difference (row));
  assert_number (object, "kommun", atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_A_KOMMUN, NULL, NULL));
  assert_number (object, "lan", atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_A_LAN, NULL, NULL));
  assert_number (object, "riket", atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_RIKET, NULL, NULL));
  assert_number (object, "change_a", atlas_comparison_row_get_change (row, ATLAS_COMPARISON_SIDE_A));
  assert_number (object, "change_b", atlas_comparison_row_get_change (row, ATLAS_COMPARISON_SIDE_B));
  if (nick == NULL)
    g_assert_true (JSON_NODE_HOLDS_NULL (better));
  else
    g_assert_cmpstr (json_node_get_string (better), ==, nick);
}

static void
assert_json_matches (const char      *text,
                     AtlasComparison *comparison)
{
  g_autoptr(JsonNode) root = cli_test_parse_json (text);
  JsonObject *object = json_node_get_object (root);
  JsonArray *indicators = json_object_get_array_member (object, "indicators");
  GListModel *rows = G_LIST_MODEL (comparison);

  g_assert_cmpstr (json_object_get_string_member (object, "package"), ==, "sverige-kommuner");
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2024);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "a"), "code"), ==, "0180");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "b"), "name"), ==, "Göteborg");
  g_assert_cmpuint (json_array_get_length (indicators), ==, g_list_model_get_n_items (rows));
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (rows, i);
      JsonObject *entry = json_array_get_object_element (indicators, i);

      g_assert_cmpstr (json_object_get_string_member (entry, "id"), ==,
                       atlas_indicator_get_id (atlas_comparison_row_get_indicator (row)));
      assert_row (entry, row);
    }
}

static void
test_json (void)
{
  g_autoptr(AtlasDataset) dataset = cli_test_load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare_in_process (dataset, 0);
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first;

  cli_test_run (&run, "compare", "sverige-kommuner", "--areas", "0180,1480", "--year", "2024", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_json_matches (run.out, comparison);

  /* folkmängd comes first and has both values; the 2024 shares have none */
  root = cli_test_parse_json (run.out);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                       "indicators"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "folkmangd");
  g_assert_cmpfloat (json_object_get_double_member (first, "difference"), ==, 995574.0 - 608993.0);
  /* without --since there is no change, and null is not zero */
  g_assert_true (json_object_get_null_member (json_node_get_object (root), "since"));
  g_assert_true (json_object_get_null_member (first, "change_a"));
}

static void
test_since (void)
{
  g_autoptr(AtlasDataset) dataset = cli_test_load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare_in_process (dataset, 2011);
  AtlasComparisonRow *row = atlas_comparison_lookup_row (comparison, "folkmangd");
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "compare", "sverige-kommuner", "--areas", "0180,1480", "--year", "2024",
                "--since", "2011", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (isnan (atlas_comparison_row_get_change (row, ATLAS_COMPARISON_SIDE_A)));
  assert_json_matches (run.out, comparison);
}

static void
test_text (void)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "compare", "sverige-kommuner", "--areas", "0180,1480", "--year", "2024",
                "--theme", "arbete", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Stockholm"));
  g_assert_nonnull (strstr (run.out, "+0,02\302\240procentenheter"));
  g_assert_null (strstr (run.out, "Folkmängd"));
}

/* Unknown codes and the same area twice are command-line mistakes: usage
 * errors, exit status 2, like every unknown name in platsatlas-cli. */
static void
test_errors (void)
{
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) same = { 0 };
  g_auto(CliRun) one = { 0 };
  g_auto(CliRun) since = { 0 };

  cli_test_run (&unknown, "compare", "sverige-kommuner", "--areas", "0180,9999", "--year", "2024", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "9999"));
  g_assert_cmpstr (unknown.out, ==, "");

  cli_test_run (&same, "compare", "sverige-kommuner", "--areas", "0180,0180", "--year", "2024", NULL);
  g_assert_cmpint (same.status, ==, 2);
  g_assert_nonnull (strstr (same.err, "0180"));

  cli_test_run (&one, "compare", "sverige-kommuner", "--areas", "0180", "--year", "2024", NULL);
  g_assert_cmpint (one.status, ==, 2);
  g_assert_nonnull (strstr (one.err, "--areas"));

  cli_test_run (&since, "compare", "sverige-kommuner", "--areas", "0180,1480", "--year", "2011",
                "--since", "2024", NULL);
  g_assert_cmpint (since.status, ==, 2);
  g_assert_nonnull (strstr (since.err, "2024"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/compare/json", test_json);
  g_test_add_func ("/cli/compare/since", test_since);
  g_test_add_func ("/cli/compare/text", test_text);
  g_test_add_func ("/cli/compare/errors", test_errors);

  return g_test_run ();
}
