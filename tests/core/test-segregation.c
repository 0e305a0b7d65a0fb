/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "atlas-core.h"

/* Segregation indices against values worked by hand (the formulas are in
 * docs/analyses.md), against tests/data/analysis, and against a direct
 * computation here from the Uppsala package's own DeSO values. */

#define EPS 1e-12

static double
plogp (double p)
{
  return p > 0.0 ? -p * log (p) : 0.0;
}

static void
units (const double           *counts,
       const double           *totals,
       guint                   n_units,
       guint                   n_groups,
       AtlasSegregationResult *r)
{
  *r = (AtlasSegregationResult) { 0, };
  atlas_segregation_compute_units (counts, totals, n_units, n_groups, r);
}

static void
test_complete_and_even (void)
{
  const double apart[] = { 10, 0 }, apart_totals[] = { 10, 10 };
  const double even[] = { 10, 20, 30 }, even_totals[] = { 100, 200, 300 };
  AtlasSegregationResult r;

  /* The group lives alone in the first unit: complete segregation. */
  units (apart, apart_totals, 2, 1, &r);
  g_assert_cmpfloat_with_epsilon (r.dissimilarity, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (r.isolation, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (r.exposure, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (r.theil, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (r.group_share, 0.5, EPS);

  /* 10 % everywhere: no segregation, isolation equals the share. */
  units (even, even_totals, 3, 1, &r);
  g_assert_cmpfloat_with_epsilon (r.dissimilarity, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (r.isolation, 0.1, EPS);
  g_assert_cmpfloat_with_epsilon (r.exposure, 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (r.theil, 0.0, EPS);
  g_assert_cmpuint (r.n_units, ==, 3);
  g_assert_true (r.unreliable);
}

/* Two units, group 30 of 40 and 10 of 60: G = 40, rest R = 60. */
static void
test_two_units_by_hand (void)
{
  const double counts[] = { 30, 10 }, totals[] = { 40, 60 };
  double e = plogp (0.4) + plogp (0.6);
  double e1 = plogp (0.75) + plogp (0.25);
  double e2 = plogp (1.0 / 6) + plogp (5.0 / 6);
  AtlasSegregationResult r;

  units (counts, totals, 2, 1, &r);
  /* D = ½ (|30/40 − 10/60| + |10/40 − 50/60|) = 7/12 */
  g_assert_cmpfloat_with_epsilon (r.dissimilarity, 7.0 / 12, EPS);
  /* xPx = 30/40 · 30/40 + 10/40 · 10/60 */
  g_assert_cmpfloat_with_epsilon (r.isolation, 0.75 * 0.75 + 0.25 / 6, EPS);
  /* xPy = 30/40 · 10/40 + 10/40 · 50/60 */
  g_assert_cmpfloat_with_epsilon (r.exposure, 0.75 * 0.25 + 0.25 * 5 / 6, EPS);
  /* H = Σ t_i (E − E_i) / (T E) */
  g_assert_cmpfloat_with_epsilon (r.theil, (40 * (e - e1) + 60 * (e - e2)) / (100 * e), EPS);
  g_assert_cmpfloat_with_epsilon (r.group, 40, EPS);
  g_assert_cmpfloat_with_epsilon (r.total, 100, EPS);
}

static void
test_multigroup (void)
{
  const double apart[] = { 10, 0, 0, 0, 10, 0 }, apart_totals[] = { 10, 10, 10 };
  const double mixed[] = { 1, 2, 2, 4 }, mixed_totals[] = { 6, 12 };
  const double hand[] = { 6, 2, 1, 5 }, hand_totals[] = { 10, 10 };
  double e, e1, e2;
  AtlasSegregationResult r;

  /* Two groups and the rest (the third unit), each alone: H = 1. */
  units (apart, apart_totals, 3, 2, &r);
  g_assert_cmpfloat_with_epsilon (r.theil, 1.0, EPS);
  g_assert_true (isnan (r.dissimilarity));

  /* The same mix (1:2:3) in both units: H = 0. */
  units (mixed, mixed_totals, 2, 2, &r);
  g_assert_cmpfloat_with_epsilon (r.theil, 0.0, EPS);

  /* Units (6, 2, rest 2) and (1, 5, rest 4): overall (7, 7, 6) of 20. */
  e = plogp (0.35) + plogp (0.35) + plogp (0.3);
  e1 = plogp (0.6) + plogp (0.2) + plogp (0.2);
  e2 = plogp (0.1) + plogp (0.5) + plogp (0.4);
  units (hand, hand_totals, 2, 2, &r);
  g_assert_cmpfloat_with_epsilon (r.theil, (10 * (e - e1) + 10 * (e - e2)) / (20 * e), EPS);
}

static void
test_order_invariance (void)
{
  const double counts[] = { 5, 80, 12, 0, 33, 7 }, totals[] = { 50, 100, 60, 40, 70, 90 };
  double counts_r[6], totals_r[6];
  AtlasSegregationResult a, b;

  for (guint i = 0; i < 6; i++)
    {
      counts_r[i] = counts[(i + 4) % 6];
      totals_r[i] = totals[(i + 4) % 6];
    }
  units (counts, totals, 6, 1, &a);
  units (counts_r, totals_r, 6, 1, &b);
  g_assert_cmpfloat_with_epsilon (a.dissimilarity, b.dissimilarity, EPS);
  g_assert_cmpfloat_with_epsilon (a.isolation, b.isolation, EPS);
  g_assert_cmpfloat_with_epsilon (a.exposure, b.exposure, EPS);
  g_assert_cmpfloat_with_epsilon (a.theil, b.theil, EPS);
  g_assert_cmpuint (a.n_units, ==, 6);
  g_assert_false (a.unreliable);
}

static void
test_undefined (void)
{
  const double none[] = { 0, 0 }, all[] = { 10, 20 }, totals[] = { 10, 20 };
  const double empty_totals[] = { 0, 0 };
  AtlasSegregationResult r;

  units (none, totals, 2, 1, &r);
  g_assert_true (isnan (r.dissimilarity));
  g_assert_true (isnan (r.isolation));
  g_assert_true (isnan (r.theil));
  g_assert_cmpfloat (r.group_share, ==, 0.0);
  units (all, totals, 2, 1, &r);
  g_assert_true (isnan (r.dissimilarity));
  g_assert_cmpfloat_with_epsilon (r.isolation, 1.0, EPS);
  units (none, empty_totals, 2, 1, &r);
  g_assert_cmpuint (r.n_units, ==, 0);
  g_assert_true (isnan (r.group_share));
}

static AtlasDataset *
load_test_package (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static AtlasSegregation *
segregation (AtlasDataset *dataset,
             const char   *group,
             const char   *total,
             const char   *fine,
             const char   *coarse,
             guint         year,
             GError      **error)
{
  AtlasIndicator *g = atlas_dataset_lookup_indicator (dataset, group);

  return atlas_segregation_new (dataset, &g, 1, atlas_dataset_lookup_indicator (dataset, total),
                                atlas_dataset_lookup_division (dataset, fine),
                                atlas_dataset_lookup_division (dataset, coarse), year, error);
}

static void
test_package_by_hand (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasSegregation) seg = segregation (dataset, "grupp", "befolkning", "omrade", "kommun", 2022, NULL);
  const AtlasSegregationResult *ankeby, *bergby, *centrum;

  g_assert_nonnull (seg);
  g_assert_cmpuint (atlas_segregation_get_n_results (seg), ==, 3);
  ankeby = atlas_segregation_get_result (seg, 0);
  bergby = atlas_segregation_get_result (seg, 1);
  centrum = atlas_segregation_get_result (seg, 2);

  /* Ankeby: group (50, 0, 30, 40) of (100, 200, 300, 400); G 120, R 880. */
  g_assert_cmpuint (ankeby->n_units, ==, 4);
  g_assert_cmpfloat_with_epsilon (ankeby->dissimilarity,
                                  0.5 * (fabs (50.0 / 120 - 50.0 / 880) + 200.0 / 880 +
                                         fabs (30.0 / 120 - 270.0 / 880) + fabs (40.0 / 120 - 360.0 / 880)),
                                  EPS);
  g_assert_cmpfloat_with_epsilon (ankeby->isolation,
                                  50.0 / 120 * 0.5 + 30.0 / 120 * 0.1 + 40.0 / 120 * 0.1, EPS);
  g_assert_cmpfloat_with_epsilon (ankeby->group_share, 0.12, EPS);
  g_assert_true (ankeby->unreliable);
  /* Bergby: the whole group lives in one area of three. */
  g_assert_cmpfloat_with_epsilon (bergby->dissimilarity, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (bergby->theil, 1.0, EPS);
  /* Centrum has one area: D and H are 0, isolation is the share, and the
   * result is flagged unreliable. */
  g_assert_cmpuint (centrum->n_units, ==, 1);
  g_assert_cmpfloat_with_epsilon (centrum->dissimilarity, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (centrum->theil, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (centrum->isolation, 0.2, EPS);
  g_assert_true (centrum->unreliable);
  g_assert_cmpint (centrum->missing_reason, ==, ATLAS_MISSING_NONE);
  g_assert_null (atlas_segregation_get_count_note (seg));
  g_assert_false (atlas_segregation_is_demonstration (seg));
}

static void
test_package_shares_and_errors (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasSegregation) counts = segregation (dataset, "grupp", "befolkning", "omrade", "kommun", 2022, NULL);
  g_autoptr(AtlasSegregation) shares = segregation (dataset, "utrikes_andel", "befolkning", "omrade", "kommun", 2022, NULL);
  g_autoptr(AtlasSegregation) later = segregation (dataset, "grupp", "befolkning", "omrade", "kommun", 2023, NULL);
  g_autoptr(GError) error = NULL;

  /* utrikes_andel is grupp / befolkning × 100 with befolkning as weight. */
  for (guint c = 0; c < 3; c++)
    {
      const AtlasSegregationResult *a = atlas_segregation_get_result (counts, c);
      const AtlasSegregationResult *b = atlas_segregation_get_result (shares, c);

      g_assert_cmpfloat_with_epsilon (a->dissimilarity, b->dissimilarity, 1e-9);
      g_assert_cmpfloat_with_epsilon (a->theil, b->theil, 1e-9);
      g_assert_cmpfloat_with_epsilon (a->group, b->group, 1e-9);
    }
  g_assert_nonnull (atlas_segregation_get_count_note (shares));
  g_assert_true (atlas_segregation_is_demonstration (shares));

  /* 2023: grupp is missing for 0101R02, so Ankeby is incomplete. */
  g_assert_cmpint (atlas_segregation_get_result (later, 0)->missing_reason, ==, ATLAS_MISSING_INCOMPLETE);
  g_assert_true (isnan (atlas_segregation_get_result (later, 0)->dissimilarity));
  g_assert_cmpint (atlas_segregation_get_result (later, 1)->missing_reason, ==, ATLAS_MISSING_NONE);

  g_assert_null (segregation (dataset, "andel_utan_namnare", "befolkning", "omrade", "kommun", 2022, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (segregation (dataset, "utrikes_andel", "grupp", "omrade", "kommun", 2022, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (segregation (dataset, "inkomst", "befolkning", "omrade", "kommun", 2022, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (segregation (dataset, "grupp", "befolkning", "kommun", "omrade", 2022, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
}

static void
test_package_riket_and_multigroup (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasSegregation) riket = segregation (dataset, "grupp", "befolkning", "omrade", "riket", 2022, NULL);
  AtlasIndicator *groups[] = { atlas_dataset_lookup_indicator (dataset, "grupp"),
                               atlas_dataset_lookup_indicator (dataset, "utrikes_andel") };
  g_autoptr(AtlasSegregation) multi = NULL;
  g_autoptr(GError) error = NULL;
  const AtlasSegregationResult *r;

  r = atlas_segregation_get_result (riket, 0);
  g_assert_cmpuint (r->n_units, ==, 8);
  g_assert_cmpfloat_with_epsilon (r->group, 320, EPS);
  g_assert_cmpfloat_with_epsilon (r->total, 1900, EPS);
  g_assert_false (r->unreliable);

  /* Two groups and the rest: a multigroup H, no two-group D. */
  multi = atlas_segregation_new (dataset, groups, 2, atlas_dataset_lookup_indicator (dataset, "befolkning"),
                                 atlas_dataset_lookup_division (dataset, "omrade"),
                                 atlas_dataset_lookup_division (dataset, "kommun"), 2022, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_segregation_get_n_groups (multi), ==, 2);
  r = atlas_segregation_get_result (multi, 1);
  g_assert_true (isnan (r->dissimilarity));
  g_assert_true (r->theil >= 0.0 && r->theil <= 1.0);
}

/* D computed directly from the DeSO values of one kommun. */
static double
direct_d (AtlasDataset *dataset,
          AtlasArea    *kommun,
          guint         year)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasIndicator *bef = atlas_dataset_lookup_indicator (dataset, "befolkning");
  double g_all = 0, t_all = 0, d = 0;

  for (int pass = 0; pass < 2; pass++)
    for (guint a = 0; a < atlas_division_get_n_areas (deso); a++)
      {
        AtlasArea *area = atlas_division_get_area (deso, a);
        double s, t;

        if (atlas_area_get_ancestor (area, "kommun") != kommun)
          continue;
        atlas_dataset_get_value (dataset, share, year, area, &s, NULL);
        atlas_dataset_get_value (dataset, bef, year, area, &t, NULL);
        if (pass == 0)
          {
            g_all += s / 100 * t;
            t_all += t;
          }
        else
          d += fabs (s / 100 * t / g_all - (t - s / 100 * t) / (t_all - g_all));
      }

  return d / 2;
}

static void
test_uppsala (void)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "datasets", "uppsala-lan", NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  g_autoptr(AtlasSegregation) deso = segregation (dataset, "utrikes_fodda_andel", "befolkning", "deso", "kommun", 2022, NULL);
  g_autoptr(AtlasSegregation) regso = segregation (dataset, "utrikes_fodda_andel", "befolkning", "regso", "kommun", 2022, NULL);
  g_autoptr(AtlasSegregation) riket = segregation (dataset, "utrikes_fodda_andel", "befolkning", "deso", "riket", 2022, NULL);

  g_assert_nonnull (deso);
  for (guint c = 0; c < atlas_segregation_get_n_results (deso); c++)
    {
      const AtlasSegregationResult *fine = atlas_segregation_get_result (deso, c);
      const AtlasSegregationResult *coarse = atlas_segregation_get_result (regso, c);

      g_assert_cmpfloat_with_epsilon (fine->dissimilarity, direct_d (dataset, fine->area, 2022), 1e-9);
      /* Merging units never raises D or H: RegSO values are at most the
       * DeSO values of the same kommun (the areal unit matters). */
      g_assert_cmpfloat (coarse->dissimilarity, <=, fine->dissimilarity + 1e-12);
      g_assert_cmpfloat (coarse->theil, <=, fine->theil + 1e-12);
      g_assert_cmpuint (coarse->n_units, <=, fine->n_units);
    }
  /* The package holds one län of 21: nothing is said about riket. */
  g_assert_cmpint (atlas_segregation_get_result (riket, 0)->missing_reason, ==, ATLAS_MISSING_PARTIAL_COVERAGE);
  g_assert_true (atlas_segregation_is_demonstration (deso));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segregation/complete-and-even", test_complete_and_even);
  g_test_add_func ("/segregation/two-units-by-hand", test_two_units_by_hand);
  g_test_add_func ("/segregation/multigroup", test_multigroup);
  g_test_add_func ("/segregation/order-invariance", test_order_invariance);
  g_test_add_func ("/segregation/undefined", test_undefined);
  g_test_add_func ("/segregation/package-by-hand", test_package_by_hand);
  g_test_add_func ("/segregation/package-shares-and-errors", test_package_shares_and_errors);
  g_test_add_func ("/segregation/package-riket-and-multigroup", test_package_riket_and_multigroup);
  g_test_add_func ("/segregation/uppsala", test_uppsala);
  return g_test_run ();
}
