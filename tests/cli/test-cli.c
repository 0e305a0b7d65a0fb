/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "atlas-core.h"
#include "cli-test-util.h"

/* Runs the built platsatlas-cli (its path in $PLATSATLAS_CLI) on the
 * packaged datasets and compares with what core computes in-process. */

static JsonObject *
find_by_id (JsonArray  *array,
            const char *member,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, member), id) == 0)
        return object;
    }

  return NULL;
}

static void
test_info_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *info, *riket, *kommun, *folkmangd;

  cli_test_run (&run, "info", "sverige-kommuner", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  info = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (info, "id"), ==, "sverige-kommuner");
  riket = find_by_id (json_object_get_array_member (info, "divisions"), "id", "riket");
  kommun = find_by_id (json_object_get_array_member (info, "divisions"), "id", "kommun");
  g_assert_nonnull (riket);
  g_assert_cmpint (json_object_get_int_member (riket, "areas"), ==, 1);
  g_assert_nonnull (kommun);
  g_assert_cmpint (json_object_get_int_member (kommun, "areas"), ==, 290);
  /* The start the app opens with, chosen by core: kommun, the latest year */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (info, "start"), "level"), ==, "kommun");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (info, "start"), "year"), ==,
                   json_array_get_int_element (json_object_get_array_member (info, "years"),
                                               json_array_get_length (json_object_get_array_member (info, "years")) - 1));

  folkmangd = find_by_id (json_object_get_array_member (info, "indicators"), "id", "folkmangd");
  g_assert_nonnull (folkmangd);
  g_assert_cmpstr (json_object_get_string_member (folkmangd, "unit"), ==, "count");
  g_assert_true (json_object_has_member (folkmangd, "name"));
  g_assert_true (json_object_has_member (folkmangd, "theme"));
  g_assert_false (json_object_get_boolean_member (folkmangd, "demonstration"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "years")), ==, 14);
  g_assert_true (json_object_has_member (info, "licence"));
  g_assert_true (json_object_has_member (info, "sources"));
}

static void
test_info_text (void)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "info", "uppsala-lan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "deso"));
  g_assert_nonnull (strstr (run.out, "omradestyp"));
}

static void
test_values_csv (void)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "values", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--area", "0180", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "area_code,area_name,level,year,value,missing_reason,demonstration\n"
                   "0180,Stockholm,kommun,2024,995574,,false\n");
}

static void
test_values_all_areas (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  cli_test_run (&run, "values", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  /* header, 290 kommuner, and the empty string after the last newline */
  g_assert_cmpuint (g_strv_length (lines), ==, 292);
  g_assert_true (g_strv_contains ((const char * const *) lines, "0180,Stockholm,kommun,2024,995574,,false"));
}

static JsonObject *
single_value_json (const char *package,
                   const char *indicator,
                   const char *level,
                   const char *area,
                   JsonNode  **root)
{
  g_auto(CliRun) run = { 0 };
  JsonArray *rows;

  cli_test_run (&run, "values", package, "--indicator", indicator, "--year", "2024",
                "--level", level, "--area", area, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  *root = cli_test_parse_json (run.out);
  rows = json_node_get_array (*root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  return json_array_get_object_element (rows, 0);
}

static void
test_values_json_stored (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *row = single_value_json ("sverige-kommuner", "folkmangd", "kommun", "0180", &root);

  g_assert_cmpstr (json_object_get_string_member (row, "area_code"), ==, "0180");
  g_assert_cmpstr (json_object_get_string_member (row, "area_name"), ==, "Stockholm");
  g_assert_cmpstr (json_object_get_string_member (row, "level"), ==, "kommun");
  g_assert_cmpint (json_object_get_int_member (row, "year"), ==, 2024);
  g_assert_cmpfloat (json_object_get_double_member (row, "value"), ==, 995574);
  g_assert_cmpstr (json_object_get_string_member (row, "source"), ==, "stored");
  g_assert_cmpstr (json_object_get_string_member (row, "missing_reason"), ==, "");
  g_assert_true (json_object_get_null_member (row, "missing_reason_id"));
}

static void
test_values_riket_derived (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *row = single_value_json ("sverige-kommuner", "folkmangd", "riket", "00", &root);

  g_assert_cmpfloat (json_object_get_double_member (row, "value"), ==, 10587710);
  g_assert_cmpstr (json_object_get_string_member (row, "source"), ==, "derived");
}

/* RFC 4180: quoted when it holds a comma, quote or line break, with inner
 * quotes doubled; then the end of the line. */
static char *
csv_field (const char *text)
{
  g_autoptr(GString) field = g_string_new (text);

  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_replace (field, "\"", "\"\"", 0);
      g_string_prepend_c (field, '"');
      g_string_append_c (field, '"');
    }
  g_string_append_c (field, '\n');

  return g_string_free (g_steal_pointer (&field), FALSE);
}

static void
test_values_riket_missing (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *row = single_value_json ("sverige-kommuner", "median_inkomst", "riket", "00", &root);
  g_auto(CliRun) run = { 0 };
  g_autofree char *expected = NULL;

  g_assert_true (json_object_get_null_member (row, "value"));
  g_assert_cmpstr (json_object_get_string_member (row, "source"), ==, "missing");
  g_assert_cmpstr (json_object_get_string_member (row, "missing_reason_id"), ==,
                   atlas_missing_reason_to_nick (ATLAS_MISSING_NOT_AGGREGATABLE));
  g_assert_cmpstr (json_object_get_string_member (row, "missing_reason"), ==,
                   atlas_missing_reason_describe (ATLAS_MISSING_NOT_AGGREGATABLE));

  /* CSV: an empty value and the reason, quoted when it holds a comma */
  cli_test_run (&run, "values", "sverige-kommuner", "--indicator", "median_inkomst", "--year", "2024",
                "--level", "riket", "--area", "00", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n00,"));
  g_assert_nonnull (strstr (run.out, ",riket,2024,,"));
  expected = csv_field (atlas_missing_reason_describe (ATLAS_MISSING_NOT_AGGREGATABLE));
  /* then the demonstration column */
  expected[strlen (expected) - 1] = '\0';
  g_assert_nonnull (strstr (run.out, expected));
  g_assert_true (g_str_has_suffix (run.out, ",false\n"));
}

static void
compare_classify (AtlasDataset *dataset,
                  const char   *indicator_id,
                  const char   *level,
                  guint         year,
                  const char   *method,
                  guint         n_classes,
                  gboolean      pooled)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AtlasClassBreaks) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *year_text = g_strdup_printf ("%u", year);
  g_autofree char *classes_text = g_strdup_printf ("%u", n_classes);
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasDivision *division = atlas_dataset_lookup_division (dataset, level);
  AtlasClassMethod m;
  JsonObject *result;
  JsonArray *breaks, *counts;
  const double *b;
  guint n_breaks;
  gsize expected_counts[ATLAS_CLASS_MAX];
  gsize missing;

  g_assert_true (atlas_class_method_from_nick (method, &m));
  expected = atlas_class_breaks_for_dataset (dataset, indicator, division, year, pooled, m,
                                             n_classes, &error);
  g_assert_no_error (error);
  b = atlas_class_breaks_get_breaks (expected, &n_breaks);
  missing = atlas_class_breaks_count (expected,
                                      atlas_dataset_peek_values (dataset, indicator, year, division),
                                      atlas_division_get_n_areas (division), expected_counts);

  cli_test_runv (&run, (const char *[]) {
              "classify", atlas_dataset_get_path (dataset), "--indicator", indicator_id,
              "--year", year_text, "--level", level, "--method", method,
              "--classes", classes_text, "--json", pooled ? "--pooled" : NULL, NULL
            });
  g_assert_cmpint (run.status, ==, 0);
  root = cli_test_parse_json (run.out);
  result = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (result, "method"), ==, method);
  g_assert_cmpint (json_object_get_boolean_member (result, "pooled"), ==, pooled);
  g_assert_cmpint (json_object_get_int_member (result, "classes"), ==, n_breaks + 1);
  breaks = json_object_get_array_member (result, "breaks");
  counts = json_object_get_array_member (result, "counts");
  g_assert_cmpuint (json_array_get_length (breaks), ==, n_breaks);
  g_assert_cmpuint (json_array_get_length (counts), ==, n_breaks + 1);
  for (guint i = 0; i < n_breaks; i++)
    g_assert_cmpfloat (json_array_get_double_element (breaks, i), ==, b[i]);
  for (guint i = 0; i <= n_breaks; i++)
    g_assert_cmpint (json_array_get_int_element (counts, i), ==, expected_counts[i]);
  g_assert_cmpint (json_object_get_int_member (result, "missing"), ==, missing);
  g_assert_cmpfloat (json_object_get_double_member (result, "min"), ==,
                     atlas_class_breaks_get_min (expected));
  g_assert_cmpfloat (json_object_get_double_member (result, "max"), ==,
                     atlas_class_breaks_get_max (expected));
}

static void
test_classify_matches_core (void)
{
  g_autoptr(AtlasDataset) sverige = cli_test_load_packaged ("sverige-kommuner");
  g_autoptr(AtlasDataset) uppsala = cli_test_load_packaged ("uppsala-lan");

  compare_classify (sverige, "folkmangd", "kommun", 2024, "jenks", 5, FALSE);
  compare_classify (sverige, "median_inkomst", "kommun", 2015, "quantile", 7, TRUE);
  compare_classify (sverige, "arbetsloshet", "kommun", 2020, "equal", 4, FALSE);
  compare_classify (sverige, "omradestyp1_andel", "lan", 2023, "stddev", 5, FALSE);
  compare_classify (uppsala, "arbetslosa_20_64", "deso", 2020, "jenks", 9, TRUE);
}

static void
test_classify_text (void)
{
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "classify", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--method", "quantile", "--classes", "4", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "class 4:"));
  g_assert_null (strstr (run.out, "class 5:"));
}

static void
test_classify_errors (void)
{
  g_auto(CliRun) method = { 0 };
  g_auto(CliRun) classes = { 0 };
  g_auto(CliRun) category = { 0 };
  g_auto(CliRun) no_data = { 0 };

  cli_test_run (&method, "classify", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--method", "rainbow", NULL);
  g_assert_cmpint (method.status, ==, 2);
  g_assert_true (g_str_has_prefix (method.err, "platsatlas-cli: "));
  g_assert_nonnull (strstr (method.err, "rainbow"));
  g_assert_nonnull (strstr (method.err, "jenks"));

  cli_test_run (&classes, "classify", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--classes", "12", NULL);
  g_assert_cmpint (classes.status, ==, 2);
  g_assert_nonnull (strstr (classes.err, "12"));

  /* a data error: the shares of area types start in 2022 */
  cli_test_run (&no_data, "classify", "sverige-kommuner", "--indicator", "omradestyp1_andel",
                "--year", "2024", "--level", "lan", NULL);
  g_assert_cmpint (no_data.status, ==, 1);
  g_assert_nonnull (strstr (no_data.err, "2024"));

  cli_test_run (&category, "classify", "uppsala-lan", "--indicator", "omradestyp", "--year", "2020",
                "--level", "regso", NULL);
  g_assert_cmpint (category.status, ==, 2);
  g_assert_nonnull (strstr (category.err, "omradestyp"));
}

static void
test_unknown_names (void)
{
  g_auto(CliRun) indicator = { 0 };
  g_auto(CliRun) level = { 0 };
  g_auto(CliRun) year = { 0 };
  g_auto(CliRun) package = { 0 };

  cli_test_run (&indicator, "values", "sverige-kommuner", "--indicator", "lycka", "--year", "2024",
                "--level", "kommun", NULL);
  g_assert_cmpint (indicator.status, ==, 2);
  g_assert_cmpstr (indicator.out, ==, "");
  g_assert_true (g_str_has_prefix (indicator.err, "platsatlas-cli: "));
  g_assert_nonnull (strstr (indicator.err, "lycka"));
  g_assert_nonnull (strstr (indicator.err, "folkmangd"));
  /* one line, naming only real indicators */
  g_assert_cmpint (strchr (indicator.err, '\n') - indicator.err, ==, strlen (indicator.err) - 1);
  g_assert_null (strstr (indicator.err, "(null)"));

  cli_test_run (&level, "values", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "deso", NULL);
  g_assert_cmpint (level.status, ==, 2);
  g_assert_nonnull (strstr (level.err, "riket, lan, kommun"));

  cli_test_run (&year, "values", "sverige-kommuner", "--indicator", "folkmangd", "--year", "1999",
                "--level", "kommun", NULL);
  g_assert_cmpint (year.status, ==, 2);
  g_assert_nonnull (strstr (year.err, "2011–2024"));

  cli_test_run (&package, "info", "atlantis", NULL);
  g_assert_cmpint (package.status, ==, 2);
  g_assert_nonnull (strstr (package.err, "sverige-kommuner"));
}

static void
test_area_errors (void)
{
  g_auto(CliRun) wrong_level = { 0 };
  g_auto(CliRun) unknown = { 0 };

  cli_test_run (&wrong_level, "values", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "lan", "--area", "0180", NULL);
  g_assert_cmpint (wrong_level.status, ==, 2);
  g_assert_nonnull (strstr (wrong_level.err, "kommun"));

  cli_test_run (&unknown, "values", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--area", "9999", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "9999"));
}

static void
test_usage_errors (void)
{
  g_auto(CliRun) none = { 0 };
  g_auto(CliRun) command = { 0 };
  g_auto(CliRun) option = { 0 };
  g_auto(CliRun) help = { 0 };

  cli_test_run (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);

  cli_test_run (&command, "draw", "sverige-kommuner", NULL);
  g_assert_cmpint (command.status, ==, 2);
  g_assert_nonnull (strstr (command.err, "classify"));

  cli_test_run (&option, "info", "--colour", "sverige-kommuner", NULL);
  g_assert_cmpint (option.status, ==, 2);

  cli_test_run (&help, "values", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--indicator"));
}

static void
test_swedish (void)
{
  g_auto(CliRun) run = { 0 };

  g_setenv ("PLATSATLAS_LANG", "sv", TRUE);
  cli_test_run (&run, "values", "sverige-kommuner", "--indicator", "median_inkomst", "--year", "2024",
                "--level", "riket", NULL);
  g_setenv ("PLATSATLAS_LANG", "en", TRUE);

  g_assert_cmpint (run.status, ==, 0);
  /* The missing reason in Swedish, from the compiled catalogue */
  g_assert_nonnull (strstr (run.out, "Medianer"));
  g_assert_null (strstr (run.out, "Medians"));
}

/* The placeholder of a usage error and of --help's usage line is
 * translated like the rest of the sentence. */
static void
test_swedish_usage (void)
{
  g_auto(CliRun) wrong = { 0 };
  g_auto(CliRun) help = { 0 };

  g_setenv ("PLATSATLAS_LANG", "sv", TRUE);
  cli_test_run (&wrong, "segregation", "x", "y", NULL);
  cli_test_run (&help, "values", "--help", NULL);
  g_setenv ("PLATSATLAS_LANG", "en", TRUE);

  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "tar PAKET,"));
  g_assert_null (strstr (wrong.err, "PACKAGE"));

  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "platsatlas-cli values [FLAGGA…] PAKET"));
  g_assert_null (strstr (help.out, "PACKAGE"));
}

static void
test_validate_valid (void)
{
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) root = NULL;

  cli_test_run (&text, "validate", "uppsala-lan", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "valid: "));

  cli_test_run (&json, "validate", "sverige-kommuner", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = cli_test_parse_json (json.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "valid"));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;

  return n;
}

/* The first package of the broken corpus, whatever it is. */
static char *
find_broken_package (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "broken", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *manifest = g_build_filename (path, "manifest.json", NULL);

      if (g_file_test (manifest, G_FILE_TEST_EXISTS))
        g_ptr_array_add (names, g_steal_pointer (&path));
    }
  g_assert_cmpuint (names->len, >, 0);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return g_strdup (g_ptr_array_index (names, 0));
}

static void
test_validate_broken (void)
{
  g_autofree char *path = find_broken_package ();
  g_autoptr(GPtrArray) problems = atlas_dataset_validate (path, NULL);
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *listed;
  const AtlasProblem *first;

  g_assert_cmpuint (problems->len, >, 0);
  first = g_ptr_array_index (problems, 0);

  cli_test_run (&text, "validate", path, NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_true (g_str_has_prefix (text.out, first->file));
  /* every problem, one per line */
  g_assert_cmpuint (count_lines (text.out), ==, problems->len);

  cli_test_run (&json, "validate", path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = cli_test_parse_json (json.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "valid"));
  listed = json_object_get_array_member (json_node_get_object (root), "problems");
  g_assert_cmpuint (json_array_get_length (listed), ==, problems->len);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (listed, 0), "file"),
                   ==, first->file);
}

int
main (int   argc,
      char *argv[])
{
  /* These tests read the CLI's English messages; /cli/i18n/swedish checks
   * the Swedish ones. Our own strings are translated the same way. */
  g_setenv ("PLATSATLAS_LANG", "en", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/info/json", test_info_json);
  g_test_add_func ("/cli/info/text", test_info_text);
  g_test_add_func ("/cli/values/csv", test_values_csv);
  g_test_add_func ("/cli/values/all-areas", test_values_all_areas);
  g_test_add_func ("/cli/values/json-stored", test_values_json_stored);
  g_test_add_func ("/cli/values/riket-derived", test_values_riket_derived);
  g_test_add_func ("/cli/values/riket-missing", test_values_riket_missing);
  g_test_add_func ("/cli/i18n/swedish", test_swedish);
  g_test_add_func ("/cli/i18n/swedish-usage", test_swedish_usage);
  g_test_add_func ("/cli/classify/matches-core", test_classify_matches_core);
  g_test_add_func ("/cli/classify/text", test_classify_text);
  g_test_add_func ("/cli/classify/errors", test_classify_errors);
  g_test_add_func ("/cli/errors/unknown-names", test_unknown_names);
  g_test_add_func ("/cli/errors/area", test_area_errors);
  g_test_add_func ("/cli/errors/usage", test_usage_errors);
  g_test_add_func ("/cli/validate/valid", test_validate_valid);
  g_test_add_func ("/cli/validate/broken", test_validate_broken);

  return g_test_run ();
}
