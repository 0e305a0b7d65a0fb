/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "atlas-core.h"

/* The by-type chart exports like a figure: every format, real text in SVG
 * with the title, values and the demonstration mark, and nothing left
 * behind on failure. */

static AtlasTypeChart *
chart_for (const char *package,
           const char *indicator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (package, NULL, &error);
  g_autoptr(AtlasTypeBreakdown) breakdown = NULL;

  g_assert_no_error (error);
  breakdown = atlas_type_breakdown_new (dataset, atlas_dataset_lookup_indicator (dataset, indicator),
                                        NULL, NULL, 2022, 0, &error);
  g_assert_no_error (error);
  return atlas_type_chart_new (breakdown);
}

static void
test_export_formats (void)
{
  g_autofree char *package = g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
  g_autoptr(AtlasTypeChart) chart = chart_for (package, "andel");
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-type-chart-XXXXXX", NULL);
  const char *names[] = { "chart.pdf", "chart.svg", "chart.png" };
  const char *magic[] = { "%PDF", "<?xml", "\x89PNG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_assert_true (atlas_type_chart_export (chart, path, 72, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (length > 100 && memcmp (contents, magic[i], strlen (magic[i])) == 0);
      if (i == 1)
        {
          /* Type 1: 26 %, hand-computed in test-type-breakdown. */
          g_assert_nonnull (strstr (contents, "26,0"));
          g_assert_nonnull (strstr (contents, "Stora utmaningar"));
          g_assert_null (strstr (contents, "Demonstrationsdata"));
        }
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_demonstration_and_failure (void)
{
  g_autofree char *package = g_build_filename (atlas_get_data_dir (), "datasets", "uppsala-lan", NULL);
  g_autoptr(AtlasTypeChart) chart = chart_for (package, "arbetslosa_20_64");
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-type-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *title = atlas_type_chart_dup_title (chart);
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_type_chart_export (chart, path, 72, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Demonstrationsdata – inte verklig statistik"));
  g_assert_nonnull (strstr (title, "Arbetslösa"));

  g_assert_false (atlas_type_chart_export (chart, missing, 72, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (atlas_type_chart_export (chart, "chart.txt", 72, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/type-chart/export-formats", test_export_formats);
  g_test_add_func ("/type-chart/demonstration-and-failure", test_demonstration_and_failure);
  return g_test_run ();
}
