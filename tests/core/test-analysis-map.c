/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "atlas-core.h"

/* Maps of flag counts and segregation indices: the classes follow the
 * analysis, the legend counts them, and the figure exports with the
 * caption's reference, caveat and demonstration mark. */

static AtlasDataset *
load_test_package (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, NULL);

  g_assert_nonnull (dataset);
  return dataset;
}

static void
test_flags_map (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasProblemFlags) flags = atlas_problem_flags_new (dataset, atlas_dataset_lookup_division (dataset, "omrade"),
                                                               2022, 30, NULL, NULL);
  g_autoptr(AtlasAnalysisMap) map = atlas_analysis_map_new_for_flags (flags, NULL);
  g_autoptr(AtlasAnalysisMap) bergby = atlas_analysis_map_new_for_flags (flags, atlas_dataset_lookup_area (dataset, "0102"));
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-analysis-map-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "flags.svg", NULL);
  g_autofree char *contents = NULL;
  /* counts 1 0 1 0 2 1 0 1, worked by hand in test-problem-flags */
  const int expected[] = { 1, 0, 1, 0, 2, 1, 0, 1 };
  const int *classes;
  guint n;

  classes = atlas_analysis_map_get_classes (map, &n);
  g_assert_cmpuint (n, ==, 8);
  for (guint a = 0; a < n; a++)
    g_assert_cmpint (classes[a], ==, expected[a]);
  g_assert_cmpuint (atlas_analysis_map_get_n_classes (map), ==, 4);
  g_assert_nonnull (strstr (atlas_analysis_map_get_class_label (map, 3), "3"));

  g_assert_true (atlas_analysis_map_export (bergby, svg, 72, NULL));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  /* The legend counts Bergby's three areas only; the caption states the
   * package-wide reference and a threshold. */
  g_assert_nonnull (strstr (contents, "(1)"));
  g_assert_nonnull (strstr (contents, "2022"));
  g_assert_nonnull (strstr (contents, "Inkomst"));
  g_assert_null (strstr (contents, "Demonstrationsdata"));
  g_assert_cmpint (g_remove (svg), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_segregation_map (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  AtlasIndicator *group = atlas_dataset_lookup_indicator (dataset, "utrikes_andel");
  g_autoptr(AtlasSegregation) seg = atlas_segregation_new (dataset, &group, 1,
                                                           atlas_dataset_lookup_indicator (dataset, "befolkning"),
                                                           atlas_dataset_lookup_division (dataset, "omrade"),
                                                           atlas_dataset_lookup_division (dataset, "kommun"),
                                                           2022, NULL);
  g_autoptr(AtlasAnalysisMap) d = atlas_analysis_map_new_for_segregation (seg, ATLAS_SEGREGATION_INDEX_DISSIMILARITY);
  g_autoptr(AtlasAnalysisMap) iso = atlas_analysis_map_new_for_segregation (seg, ATLAS_SEGREGATION_INDEX_ISOLATION);
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-analysis-map-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "d.pdf", NULL);
  const int *classes = atlas_analysis_map_get_classes (d, NULL);

  /* D: Ankeby 0.36 → class 3 (0.3–0.4), Bergby 1 → 4, Centrum 0 → 0 */
  g_assert_cmpint (classes[0], ==, 3);
  g_assert_cmpint (classes[1], ==, 4);
  g_assert_cmpint (classes[2], ==, 0);
  /* isolation: Centrum 0.2 → class 2 */
  g_assert_cmpint (atlas_analysis_map_get_classes (iso, NULL)[2], ==, 2);
  g_assert_cmpuint (atlas_analysis_map_get_n_classes (d), ==, 5);

  g_assert_true (atlas_analysis_map_export (d, pdf, 72, NULL));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis-map/flags", test_flags_map);
  g_test_add_func ("/analysis-map/segregation", test_segregation_map);
  return g_test_run ();
}
