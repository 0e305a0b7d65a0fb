/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "atlas-core.h"
#include "cli-test-util.h"

/* What the CLI prints is true and usable as it comes: every value says
 * whether it is demonstration data, by the core rule; JSON is always
 * valid; reference columns follow the package's levels, whatever their
 * ids. Fixtures: tests/data/other-ids (levels "omrade" and "del", a real
 * share weighted by a demonstration count), tests/data/odd-values (1e308
 * that sums to infinity, 1e20, a Latin-1 name) and tests/data/valid-minimal
 * (one level, kommun, no län). */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* The JSON must parse with a strict parser: json-glib reads "inf.0" and
 * "1e+20.0" as errors, as any JSON parser does. */
static JsonNode *
values_json (const char *package,
             const char *indicator,
             const char *level,
             const char *year)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "values", package, "--indicator", indicator, "--year", year,
                "--level", level, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  return cli_test_parse_json (run.out);
}

static JsonObject *
row_of (JsonNode   *root,
        const char *code)
{
  JsonArray *rows = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "area_code"), code))
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_values_demonstration_flag (void)
{
  g_autofree char *other = fixture ("other-ids");
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (other, NULL, NULL);
  AtlasIndicator *andel = atlas_dataset_lookup_indicator (dataset, "andel");
  g_autoptr(JsonNode) stored = values_json (other, "andel", "del", "2020");
  g_autoptr(JsonNode) derived = values_json (other, "andel", "omrade", "2020");
  g_autoptr(JsonNode) weights = values_json (other, "befolkning", "del", "2020");
  g_autoptr(JsonNode) uppsala = values_json ("uppsala-lan", "befolkning", "kommun", "2020");
  g_autoptr(JsonNode) real = values_json ("uppsala-lan", "folkmangd_2016", "kommun", "2016");

  g_assert_nonnull (andel);
  g_assert_false (atlas_indicator_is_demonstration (andel));
  /* Real stored shares are real; averaged with synthetic weights they are not. */
  g_assert_false (json_object_get_boolean_member (row_of (stored, "9101"), "demonstration"));
  g_assert_true (json_object_get_boolean_member (row_of (derived, "91"), "demonstration"));
  g_assert_true (json_object_get_boolean_member (row_of (weights, "9101"), "demonstration"));
  g_assert_true (json_object_get_boolean_member (row_of (uppsala, "0380"), "demonstration"));
  g_assert_false (json_object_get_boolean_member (row_of (real, "0380"), "demonstration"));
  /* The same rule as core's. */
  g_assert_true (atlas_dataset_value_is_demonstration (dataset, andel, ATLAS_VALUE_DERIVED));
  g_assert_false (atlas_dataset_value_is_demonstration (dataset, andel, ATLAS_VALUE_STORED));
  g_assert_false (atlas_dataset_value_is_demonstration (dataset, andel, ATLAS_VALUE_MISSING));
  g_assert_true (atlas_dataset_indicator_is_demonstration (dataset, andel));
}

static void
test_values_csv_demonstration_column (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  cli_test_run (&run, "values", "uppsala-lan", "--indicator", "befolkning", "--year", "2020",
                "--level", "kommun", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "area_code,area_name,level,year,value,missing_reason,demonstration");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_assert_true (g_str_has_suffix (lines[i], ",true"));
}

static void
test_values_json_always_valid (void)
{
  g_autofree char *odd = fixture ("odd-values");
  g_autoptr(JsonNode) huge = values_json (odd, "andel", "kommun", "2020");
  g_autoptr(JsonNode) sums = values_json (odd, "folkmangd", "riket", "2020");
  g_autoptr(JsonNode) names = values_json (odd, "folkmangd", "kommun", "2020");
  const char *name = json_object_get_string_member (row_of (names, "0101"), "area_name");

  g_assert_cmpfloat (json_object_get_double_member (row_of (huge, "0101"), "value"), ==, 1e20);
  /* 1e308 + 1e308 is infinite: no number JSON can carry. */
  g_assert_true (json_node_is_null (json_object_get_member (row_of (sums, "00"), "value")));
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_true (g_str_has_suffix (name, "nkeby"));
}

static JsonArray *
compare_json (const char *package,
              const char *areas,
              const char *year,
              JsonNode  **root)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "compare", package, "--areas", areas, "--year", year, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  *root = cli_test_parse_json (run.out);
  return json_object_get_array_member (json_node_get_object (*root), "indicators");
}

static void
test_compare_levels_from_hierarchy (void)
{
  g_autofree char *other = fixture ("other-ids");
  g_autofree char *minimal = fixture ("valid-minimal");
  g_autoptr(JsonNode) other_root = NULL;
  g_autoptr(JsonNode) minimal_root = NULL;
  JsonArray *rows = compare_json (other, "9101,9201", "2021", &other_root);
  JsonObject *befolkning = json_array_get_object_element (rows, 0);
  JsonObject *antal = json_array_get_object_element (rows, 2);
  JsonObject *row;

  g_assert_cmpstr (json_object_get_string_member (befolkning, "id"), ==, "befolkning");
  g_assert_cmpfloat (json_object_get_double_member (befolkning, "omrade"), ==, 110 + 310);
  g_assert_cmpfloat (json_object_get_double_member (befolkning, "b_omrade"), ==, 210 + 210);
  g_assert_cmpfloat (json_object_get_double_member (befolkning, "riket"), ==, 840);
  g_assert_false (json_object_has_member (befolkning, "lan"));
  g_assert_false (json_object_has_member (befolkning, "kommun"));
  g_assert_true (json_object_get_boolean_member (befolkning, "demonstration"));
  g_assert_cmpstr (json_object_get_string_member (antal, "source"), ==, "Verklig källa (test)");
  g_assert_false (json_object_get_boolean_member (antal, "demonstration"));

  /* One level only: kommun and riket, no län. */
  rows = compare_json (minimal, "0101,0102", "2020", &minimal_root);
  row = json_array_get_object_element (rows, 0);
  g_assert_true (json_object_has_member (row, "kommun"));
  g_assert_false (json_object_has_member (row, "lan"));
  g_assert_false (json_object_has_member (row, "b_lan"));
  g_assert_cmpfloat (json_object_get_double_member (row, "riket"), ==, 600);
}

static void
test_compare_text_marks_demonstration (void)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "compare", "uppsala-lan", "--areas", "0380,0381", "--year", "2020", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Befolkning *"));
  g_assert_null (strstr (run.out, "Folkmängd 2016 *"));
  g_assert_nonnull (strstr (run.out, "* Demonstrationsdata – inte verklig statistik"));
  /* A's and B's own kommun would repeat the A and B columns. */
  g_assert_null (strstr (run.out, "Kommun (B)"));
}

/* SCB's "VX" income tables are in fixed prices of their latest year: the
 * definition, source and caveat must say so, with the package's last year. */
static void
test_income_in_fixed_prices (void)
{
  g_autoptr(AtlasDataset) dataset = cli_test_load_packaged ("sverige-kommuner");
  AtlasIndicator *income = atlas_dataset_lookup_indicator (dataset, "median_inkomst");
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, income);
  g_autofree char *money = g_strdup_printf ("%u års penningvärde",
                                            g_array_index (years, guint, years->len - 1));
  g_autofree char *money_en = g_strdup_printf ("%u money", g_array_index (years, guint, years->len - 1));

  g_assert_nonnull (strstr (atlas_indicator_get_definition (income, "sv"), "fasta priser"));
  g_assert_nonnull (strstr (atlas_indicator_get_definition (income, "sv"), money));
  g_assert_nonnull (strstr (atlas_indicator_get_definition (income, "en"), money_en));
  g_assert_nonnull (strstr (atlas_indicator_get_source (income), money));
  g_assert_nonnull (strstr (atlas_indicator_get_caveat (income, "sv"), "inflation"));
  g_assert_null (strstr (atlas_indicator_get_definition (income, "sv"), "löpande"));
  g_assert_null (strstr (atlas_indicator_get_caveat (income, "sv"), "Löpande"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/truth/values-demonstration-flag", test_values_demonstration_flag);
  g_test_add_func ("/cli/truth/values-csv-demonstration", test_values_csv_demonstration_column);
  g_test_add_func ("/cli/truth/values-json-always-valid", test_values_json_always_valid);
  g_test_add_func ("/cli/truth/compare-levels-from-hierarchy", test_compare_levels_from_hierarchy);
  g_test_add_func ("/cli/truth/compare-text-demonstration", test_compare_text_marks_demonstration);
  g_test_add_func ("/cli/truth/income-in-fixed-prices", test_income_in_fixed_prices);

  return g_test_run ();
}
