/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-core.h"

/* atlas_comparison_export(): CSV numbers equal the model's, the PDF names
 * the areas, and a failed export leaves nothing behind. */

typedef struct
{
  AtlasDataset    *dataset;
  AtlasComparison *comparison;
  char            *directory;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "sverige-kommuner", NULL);
  g_autoptr(GError) error = NULL;

  fixture->dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  fixture->comparison = atlas_comparison_new (fixture->dataset,
                                              atlas_dataset_lookup_area (fixture->dataset, "0180"),
                                              atlas_dataset_lookup_area (fixture->dataset, "1480"),
                                              2024, 2011, &error);
  g_assert_no_error (error);
  fixture->directory = g_dir_make_tmp ("platsatlas-compare-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_directory (fixture->directory);
  g_free (fixture->directory);
  g_assert_finalize_object (fixture->comparison);
  g_assert_finalize_object (fixture->dataset);
}

static guint
count_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
export (Fixture    *fixture,
        const char *name)
{
  char *path = g_build_filename (fixture->directory, name, NULL);
  g_autoptr(GError) error = NULL;
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (fixture->dataset, "arbetsloshet");

  g_assert_true (atlas_comparison_export (fixture->comparison, indicator, "sv", path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static int
column_index (char      **header,
              const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_assert_not_reached ();
  return -1;
}

/* A CSV cell back to a number: empty means missing. */
static double
cell_number (char      **cells,
             char      **header,
             const char *column)
{
  const char *text = cells[column_index (header, column)];

  return *text == '\0' ? NAN : g_ascii_strtod (text, NULL);
}

static void
assert_same_number (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
check_csv_line (Fixture  *fixture,
                char    **header,
                char    **cells)
{
  AtlasComparisonRow *row = atlas_comparison_lookup_row (fixture->comparison,
                                                         cells[column_index (header, "id")]);
  AtlasValueSource source;

  g_assert_nonnull (row);
  g_assert_cmpstr (cells[column_index (header, "source")], ==,
                   atlas_indicator_get_source (atlas_comparison_row_get_indicator (row)));
  g_assert_cmpstr (cells[column_index (header, "demonstration")], ==, "false");
  g_assert_cmpstr (cells[column_index (header, "a_code")], ==, "0180");
  g_assert_cmpstr (cells[column_index (header, "b_name")], ==, "Göteborg");
  g_assert_cmpstr (cells[column_index (header, "since")], ==, "2011");
  for (guint s = 0; s < 2; s++)
    {
      double value = atlas_comparison_row_get_value (row, s, &source, NULL);

      assert_same_number (cell_number (cells, header, s == 0 ? "a" : "b"), value);
      /* A missing value is an empty cell with its reason, never a zero. */
      if (source == ATLAS_VALUE_MISSING)
        g_assert_cmpstr (cells[column_index (header, s == 0 ? "a_missing_reason" : "b_missing_reason")], !=, "");
      assert_same_number (cell_number (cells, header, s == 0 ? "change_a" : "change_b"),
                          atlas_comparison_row_get_change (row, s));
    }
  assert_same_number (cell_number (cells, header, "difference"),
                      atlas_comparison_row_get_difference (row));
  assert_same_number (cell_number (cells, header, "riket"),
                      atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_RIKET, NULL, NULL));
  /* Every missing reference value says why. */
  if (isnan (cell_number (cells, header, "riket")))
    g_assert_cmpstr (cells[column_index (header, "riket_missing_reason")], !=, "");
}

/* One CSV line into its fields, quotes as RFC 4180 has them. */
static GStrv
split_csv (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_strv_builder_add (fields, field->str);
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  return g_strv_builder_end (fields);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = export (fixture, "jamforelse.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (fixture->comparison));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* No field holds a line break, so lines split exactly. */
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 2);
  g_assert_cmpstr (lines[n_rows + 1], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "package,year,since,a_code,a_name,a_level,"
                                             "b_code,b_name,b_level,id,name,theme,unit,source,"
                                             "demonstration,a,"));
  header = split_csv (lines[0]);
  /* No column twice; the levels of the package, no other. */
  for (guint i = 0; header[i] != NULL; i++)
    for (guint j = i + 1; header[j] != NULL; j++)
      g_assert_cmpstr (header[i], !=, header[j]);
  column_index (header, "lan");
  column_index (header, "kommun_missing_reason");
  for (guint i = 1; i <= n_rows; i++)
    {
      g_auto(GStrv) cells = split_csv (lines[i]);

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      check_csv_line (fixture, header, cells);
    }
}

static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  argv[0] = program;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = export (fixture, "jamforelse.PDF");
  g_autofree char *text = pdf_text (path);

  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Stockholm (A) jämfört med Göteborg (B), 2024"));
  g_assert_nonnull (strstr (text, "Arbetslöshet"));
  g_assert_nonnull (strstr (text, "Förändring A sedan 2011"));
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = export (fixture, "jamforelse.png");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
}

static void
test_failures_leave_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->directory, "no-such-folder", "a.pdf", NULL);
  g_autofree char *wrong = g_build_filename (fixture->directory, "a.docx", NULL);
  g_autofree char *cancelled_path = g_build_filename (fixture->directory, "a.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_comparison_export (fixture->comparison, NULL, "sv", missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_false (atlas_comparison_export (fixture->comparison, NULL, "sv", wrong, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (atlas_comparison_export (fixture->comparison, NULL, "sv", cancelled_path,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Neither the files nor any temporary file. */
  g_assert_cmpuint (count_files (fixture->directory), ==, 0);
}

typedef struct
{
  GError   *error;
  gboolean  done;
} AsyncResult;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *outcome = user_data;

  /* A failure is checked through the error. */
  atlas_comparison_export_finish (ATLAS_COMPARISON (source), result, &outcome->error);
  outcome->done = TRUE;
}

/* The worker thread writes the same file. The loop ends on the callback,
 * however long the worker takes. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "async.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = atlas_comparison_dup_csv (fixture->comparison);
  AsyncResult outcome = { NULL, FALSE };

  atlas_comparison_export_async (fixture->comparison, NULL, "sv", path, NULL, on_exported, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (outcome.error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static guint
count_lines (const char *text,
             const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_equal (lines[i], line);
  return n;
}

/* Demonstration data, from the package of Uppsala län: the watermark,
 * the mark under the title, starred rows, the reasons of missing values
 * and the sources of the rows, on the table and the chart page. */
static void
test_demonstration_pdf (void)
{
  g_autofree char *package = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                               "uppsala-lan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (package, NULL, &error);
  g_autoptr(AtlasComparison) comparison = NULL;
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-compare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.pdf", NULL);
  g_autofree char *text = NULL;
  AtlasIndicator *people;

  g_assert_no_error (error);
  people = atlas_dataset_lookup_indicator (dataset, "befolkning");
  comparison = atlas_comparison_new (dataset, atlas_dataset_lookup_area (dataset, "0380C1010"),
                                     atlas_dataset_lookup_area (dataset, "0381"), 2022, 0, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_comparison_has_demonstration (comparison));
  g_assert_true (atlas_comparison_row_is_demonstration (atlas_comparison_lookup_row (comparison, "befolkning")));
  g_assert_false (atlas_comparison_row_is_demonstration (atlas_comparison_lookup_row (comparison, "omradestyp")));
  g_assert_true (atlas_comparison_export (comparison, people, "sv", path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  /* (the rotated watermark reads as loose letters in pdftotext) */
  g_assert_nonnull (strstr (text, "Befolkning *"));
  g_assert_nonnull (strstr (text, "* Demonstrationsdata – inte verklig statistik"));
  /* riket of a package of one län: partial coverage, said in words */
  g_assert_nonnull (strstr (text, "Uppgift saknas⁵"));
  g_assert_nonnull (strstr (text, "⁵ Uppgift saknas: paketet täcker bara en del av området"));
  g_assert_nonnull (strstr (text, atlas_indicator_get_source (people)));
  g_assert_nonnull (strstr (text, "Källor: "));
  /* the chart page: its source and levels, and the chart's own mark */
  g_assert_nonnull (strstr (text, "Nivå: DeSO (A), Kommun (B)."));
  g_assert_nonnull (strstr (text, "Index: första året med värde = 100"));
  /* under the table's title and above the chart */
  g_assert_cmpuint (count_lines (text, "Demonstrationsdata – inte verklig statistik"), >=, 2);
}

/* A package of one level under riket gets no län column. */
static void
test_csv_levels_of_the_package (void)
{
  g_autofree char *package = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (package, NULL, &error);
  g_autoptr(AtlasComparison) comparison = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;

  g_assert_no_error (error);
  comparison = atlas_comparison_new (dataset, atlas_dataset_lookup_area (dataset, "0101"),
                                     atlas_dataset_lookup_area (dataset, "0102"), 2020, 0, &error);
  g_assert_no_error (error);
  g_assert_null (atlas_comparison_get_reference_level (comparison, ATLAS_COMPARISON_REFERENCE_A_KOMMUN));
  g_assert_cmpstr (atlas_division_get_id (atlas_comparison_get_reference_level (comparison,
                   ATLAS_COMPARISON_REFERENCE_A_LAN)), ==, "kommun");
  csv = atlas_comparison_dup_csv (comparison);
  lines = g_strsplit (csv, "\n", 2);
  header = split_csv (lines[0]);
  g_assert_false (g_strv_contains ((const char * const *) header, "lan"));
  g_assert_false (g_strv_contains ((const char * const *) header, "b_lan"));
  g_assert_true (g_strv_contains ((const char * const *) header, "kommun"));
  g_assert_true (g_strv_contains ((const char * const *) header, "riket"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/comparison-export/demonstration-pdf", test_demonstration_pdf);
  g_test_add_func ("/comparison-export/csv-levels-of-the-package", test_csv_levels_of_the_package);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/comparison-export/csv", test_csv);
  ADD ("/comparison-export/pdf", test_pdf);
  ADD ("/comparison-export/png", test_png);
  ADD ("/comparison-export/failures-leave-nothing", test_failures_leave_nothing);
  ADD ("/comparison-export/async", test_async);
#undef ADD

  return g_test_run ();
}
