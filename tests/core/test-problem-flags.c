/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-core.h"

/* Problem flags against tests/data/analysis, whose 2022 values are
 *   area     andel (lower is better)  inkomst (higher is better)
 *   0101R01  10                       200
 *   0101R02  20                       300
 *   0101R03  30                       250
 *   0101R04  –                        250
 *   0102R01  30                       150
 *   0102R02   5                       150
 *   0102R03   5                       –
 *   0103R01  40                       400
 * so each indicator has 7 values, and the worst k = ⌈7 × share⌉ of them
 * are flagged, with ties at the threshold all flagged. */

static AtlasDataset *
load_test_package (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static AtlasProblemFlags *
flags_for (AtlasDataset *dataset,
           const char   *level,
           guint         year,
           double        share)
{
  g_autoptr(GError) error = NULL;
  AtlasProblemFlags *flags;

  flags = atlas_problem_flags_new (dataset, atlas_dataset_lookup_division (dataset, level),
                                   year, share, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flags);
  return flags;
}

static void
assert_threshold (AtlasProblemFlags *flags,
                  guint              i,
                  const char        *id,
                  double             value,
                  guint              n_worst,
                  guint              n_flagged)
{
  const AtlasFlagThreshold *t = atlas_problem_flags_get_threshold (flags, i);

  g_assert_cmpstr (atlas_indicator_get_id (t->indicator), ==, id);
  g_assert_cmpfloat (t->threshold, ==, value);
  g_assert_cmpuint (t->n_values, ==, 7);
  g_assert_cmpuint (t->n_missing, ==, 1);
  g_assert_cmpuint (t->n_worst, ==, n_worst);
  g_assert_cmpuint (t->n_flagged, ==, n_flagged);
}

static void
test_share_30 (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasProblemFlags) flags = flags_for (dataset, "omrade", 2022, 30);
  /* k = ⌈2.1⌉ = 3: andel ≥ 30 (40, 30, 30), inkomst ≤ 200 (150, 150, 200) */
  const guint counts[] = { 1, 0, 1, 0, 2, 1, 0, 1 };

  /* The default: every indicator of kind "indicator" with a polarity. */
  g_assert_cmpuint (atlas_problem_flags_get_n_indicators (flags), ==, 2);
  assert_threshold (flags, 0, "andel", 30, 3, 3);
  assert_threshold (flags, 1, "inkomst", 200, 3, 3);
  for (guint a = 0; a < G_N_ELEMENTS (counts); a++)
    g_assert_cmpuint (atlas_problem_flags_get_count (flags, a), ==, counts[a]);
  g_assert_true (atlas_problem_flags_is_flagged (flags, 4, 0));
  g_assert_true (atlas_problem_flags_is_flagged (flags, 4, 1));
  g_assert_cmpuint (atlas_problem_flags_count_areas (flags, 0), ==, 3);
  g_assert_cmpuint (atlas_problem_flags_count_areas (flags, 1), ==, 4);
  g_assert_cmpuint (atlas_problem_flags_count_areas (flags, 2), ==, 1);
  g_assert_cmpuint (atlas_problem_flags_count_areas_at_least (flags, 3), ==, 0);
  g_assert_false (atlas_problem_flags_is_demonstration (flags));
}

static void
test_ties_and_missing (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasProblemFlags) flags = flags_for (dataset, "omrade", 2022, 20);

  /* k = ⌈1.4⌉ = 2: the second worst andel is 30, shared by two areas, so
   * three are flagged; the two lowest incomes tie at 150. */
  assert_threshold (flags, 0, "andel", 30, 2, 3);
  assert_threshold (flags, 1, "inkomst", 150, 2, 2);
  /* 0101R04 has no andel: missing, never flagged. 0102R03 has no inkomst. */
  g_assert_true (atlas_problem_flags_is_missing (flags, 3, 0));
  g_assert_false (atlas_problem_flags_is_flagged (flags, 3, 0));
  g_assert_true (atlas_problem_flags_is_missing (flags, 6, 1));
  g_assert_false (atlas_problem_flags_is_missing (flags, 6, 0));
  g_assert_false (atlas_problem_flags_is_flagged (flags, 6, 0));
}

static void
test_default_share (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasProblemFlags) flags = flags_for (dataset, "omrade", 2022, 5);
  g_autofree char *reference = atlas_problem_flags_dup_reference (flags);

  /* k = ⌈0.35⌉ = 1: only the single worst value. */
  assert_threshold (flags, 0, "andel", 40, 1, 1);
  assert_threshold (flags, 1, "inkomst", 150, 1, 2);
  g_assert_true (atlas_problem_flags_is_flagged (flags, 7, 0));
  g_assert_nonnull (strstr (reference, "8"));
  g_assert_nonnull (strstr (reference, "2022"));
  g_assert_nonnull (atlas_problem_flags_get_caveat ());
}

static void
test_chosen_indicators_and_errors (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  AtlasDivision *omrade = atlas_dataset_lookup_division (dataset, "omrade");
  g_autoptr(GPtrArray) only = g_ptr_array_new ();
  g_autoptr(GPtrArray) neutral = g_ptr_array_new ();
  g_autoptr(AtlasProblemFlags) flags = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (only, atlas_dataset_lookup_indicator (dataset, "inkomst"));
  flags = atlas_problem_flags_new (dataset, omrade, 2022, 30, only, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_problem_flags_get_n_indicators (flags), ==, 1);
  /* Higher is better: the lowest incomes are flagged, the highest never. */
  g_assert_true (atlas_problem_flags_is_flagged (flags, 0, 0));
  g_assert_false (atlas_problem_flags_is_flagged (flags, 7, 0));

  g_ptr_array_add (neutral, atlas_dataset_lookup_indicator (dataset, "utrikes_andel"));
  g_assert_null (atlas_problem_flags_new (dataset, omrade, 2022, 5, neutral, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (atlas_problem_flags_new (dataset, omrade, 2022, 0, NULL, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (atlas_problem_flags_new (dataset, omrade, 2022, 100.5, NULL, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
}

static void
test_kommun_level (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasProblemFlags) flags = flags_for (dataset, "kommun", 2022, 5);
  const AtlasFlagThreshold *andel = atlas_problem_flags_get_threshold (flags, 0);

  /* Ankeby's andel is missing (incomplete), so only 2 kommuner have one:
   * Bergby (30·100 + 5·100 + 5·200) / 400 = 11.25 and Centrum 40. */
  g_assert_cmpuint (andel->n_values, ==, 2);
  g_assert_cmpfloat (andel->threshold, ==, 40);
  g_assert_true (atlas_problem_flags_is_flagged (flags, 2, 0));
}

static int
compare_desc (const void *a,
              const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

/* The threshold is the k-th highest value, computed here from the values. */
static void
test_uppsala_deso (void)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "datasets", "uppsala-lan", NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasIndicator *bistand = atlas_dataset_lookup_indicator (dataset, "ekonomiskt_bistand");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(AtlasProblemFlags) flags = NULL;
  guint n = atlas_division_get_n_areas (deso), k, flagged = 0;
  g_autofree double *sorted = g_new (double, n);

  g_ptr_array_add (one, bistand);
  flags = atlas_problem_flags_new (dataset, deso, 2022, 5, one, NULL);
  g_assert_nonnull (flags);
  for (guint a = 0; a < n; a++)
    g_assert_cmpint (atlas_dataset_get_value (dataset, bistand, 2022, atlas_division_get_area (deso, a),
                                              &sorted[a], NULL), ==, ATLAS_VALUE_STORED);
  qsort (sorted, n, sizeof (double), compare_desc);
  k = (n * 5 + 99) / 100;
  g_assert_cmpfloat (atlas_problem_flags_get_threshold (flags, 0)->threshold, ==, sorted[k - 1]);
  for (guint a = 0; a < n; a++)
    {
      double v;

      atlas_dataset_get_value (dataset, bistand, 2022, atlas_division_get_area (deso, a), &v, NULL);
      g_assert_cmpint (atlas_problem_flags_is_flagged (flags, a, 0), ==, v >= sorted[k - 1]);
      flagged += v >= sorted[k - 1];
    }
  g_assert_cmpuint (atlas_problem_flags_get_threshold (flags, 0)->n_flagged, ==, flagged);
  g_assert_cmpuint (flagged, >=, k);
  g_assert_true (atlas_problem_flags_is_demonstration (flags));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/problem-flags/share-30", test_share_30);
  g_test_add_func ("/problem-flags/ties-and-missing", test_ties_and_missing);
  g_test_add_func ("/problem-flags/default-share", test_default_share);
  g_test_add_func ("/problem-flags/chosen-indicators-and-errors", test_chosen_indicators_and_errors);
  g_test_add_func ("/problem-flags/kommun-level", test_kommun_level);
  g_test_add_func ("/problem-flags/uppsala-deso", test_uppsala_deso);
  return g_test_run ();
}
