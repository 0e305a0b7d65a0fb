/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "atlas-core.h"

static void
assert_rank (const double   *values,
             gsize           n_values,
             gsize           index,
             const gboolean *include,
             AtlasPolarity   polarity,
             guint           rank,
             guint           n_ranked,
             guint           n_tied)
{
  AtlasRank result;

  g_assert_true (atlas_rank_values (values, n_values, index, include, polarity, &result));
  g_assert_cmpuint (result.rank, ==, rank);
  g_assert_cmpuint (result.n_ranked, ==, n_ranked);
  g_assert_cmpuint (result.n_tied, ==, n_tied);
}

static void
test_polarity (void)
{
  const double values[] = { 3.0, 1.0, 5.0, 2.0 };

  /* Neutral: the highest value ranks first */
  assert_rank (values, 4, 2, NULL, ATLAS_POLARITY_NEUTRAL, 1, 4, 0);
  assert_rank (values, 4, 1, NULL, ATLAS_POLARITY_NEUTRAL, 4, 4, 0);
  assert_rank (values, 4, 2, NULL, ATLAS_POLARITY_HIGHER_IS_BETTER, 1, 4, 0);
  assert_rank (values, 4, 0, NULL, ATLAS_POLARITY_HIGHER_IS_BETTER, 2, 4, 0);
  /* Lower is better: the lowest value ranks first */
  assert_rank (values, 4, 1, NULL, ATLAS_POLARITY_LOWER_IS_BETTER, 1, 4, 0);
  assert_rank (values, 4, 2, NULL, ATLAS_POLARITY_LOWER_IS_BETTER, 4, 4, 0);
}

static void
test_ties (void)
{
  const double values[] = { 7.0, 9.0, 7.0, 4.0, 7.0 };

  /* Competition ranking: 9 → 1, the three 7s share 2, 4 → 5 */
  assert_rank (values, 5, 0, NULL, ATLAS_POLARITY_HIGHER_IS_BETTER, 2, 5, 2);
  assert_rank (values, 5, 4, NULL, ATLAS_POLARITY_HIGHER_IS_BETTER, 2, 5, 2);
  assert_rank (values, 5, 3, NULL, ATLAS_POLARITY_HIGHER_IS_BETTER, 5, 5, 0);
  assert_rank (values, 5, 2, NULL, ATLAS_POLARITY_LOWER_IS_BETTER, 2, 5, 2);
  assert_rank (values, 5, 1, NULL, ATLAS_POLARITY_LOWER_IS_BETTER, 5, 5, 0);
}

static void
test_missing_and_scope (void)
{
  const double values[] = { NAN, 2.0, 8.0, 6.0, NAN, 1.0 };
  const gboolean include[] = { TRUE, TRUE, FALSE, TRUE, TRUE, FALSE };
  AtlasRank rank;

  /* Missing values are not counted, and a missing value has no rank */
  assert_rank (values, 6, 3, NULL, ATLAS_POLARITY_HIGHER_IS_BETTER, 2, 4, 0);
  g_assert_false (atlas_rank_values (values, 6, 0, NULL, ATLAS_POLARITY_NEUTRAL, &rank));
  g_assert_cmpuint (rank.rank, ==, 0);
  /* Only the included values take part */
  assert_rank (values, 6, 3, include, ATLAS_POLARITY_HIGHER_IS_BETTER, 1, 2, 0);
  assert_rank (values, 6, 1, include, ATLAS_POLARITY_HIGHER_IS_BETTER, 2, 2, 0);
  g_assert_false (atlas_rank_values (values, 6, 2, include, ATLAS_POLARITY_NEUTRAL, &rank));
}

static AtlasDataset *
load_packaged (const char *id)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", id, NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Ranking an area against a brute-force count over the package's values,
 * nationally and within its län. */
static void
test_area (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "arbetsloshet");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasArea *area = atlas_dataset_lookup_area (dataset, "0180");
  AtlasArea *lan = atlas_area_get_parent (area);
  guint n_years;
  guint year = atlas_dataset_get_years (dataset, &n_years)[n_years - 1];
  const double *values = atlas_dataset_peek_values (dataset, indicator, year, kommun);
  double own = values[atlas_area_get_index (area)];
  guint better = 0, n = 0, better_in_lan = 0, n_in_lan = 0;
  AtlasRank national, regional;

  g_assert_nonnull (lan);
  for (guint i = 0; i < atlas_division_get_n_areas (kommun); i++)
    {
      gboolean in_lan = atlas_area_get_parent (atlas_division_get_area (kommun, i)) == lan;

      if (isnan (values[i]))
        continue;
      n++;
      better += values[i] < own;
      n_in_lan += in_lan;
      better_in_lan += in_lan && values[i] < own;
    }
  g_assert_true (atlas_rank_area (dataset, indicator, year, area, NULL, &national));
  g_assert_true (atlas_rank_area (dataset, indicator, year, area, lan, &regional));
  g_assert_cmpuint (national.rank, ==, better + 1);
  g_assert_cmpuint (national.n_ranked, ==, n);
  g_assert_cmpuint (n, ==, 290);
  g_assert_cmpuint (regional.rank, ==, better_in_lan + 1);
  g_assert_cmpuint (regional.n_ranked, ==, n_in_lan);
  g_assert_cmpuint (n_in_lan, ==, 26);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rank/polarity", test_polarity);
  g_test_add_func ("/rank/ties", test_ties);
  g_test_add_func ("/rank/missing-and-scope", test_missing_and_scope);
  g_test_add_func ("/rank/area", test_area);
  return g_test_run ();
}
