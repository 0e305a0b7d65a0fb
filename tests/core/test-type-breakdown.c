/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-core.h"

/* Statistics by area type and the area-type history, checked against the
 * hand-made package in tests/data/analysis (answers worked by hand in the
 * comments) and against sums computed here from the packaged Uppsala
 * package's own DeSO values. */

static AtlasDataset *
load_test_package (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static AtlasDataset *
load_uppsala (void)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "datasets", "uppsala-lan", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static AtlasTypeBreakdown *
breakdown (AtlasDataset *dataset,
           const char   *indicator,
           const char   *region,
           guint         year,
           guint         type_year)
{
  g_autoptr(GError) error = NULL;
  AtlasTypeBreakdown *result;

  result = atlas_type_breakdown_new (dataset, atlas_dataset_lookup_indicator (dataset, indicator),
                                     NULL, region != NULL ? atlas_dataset_lookup_area (dataset, region) : NULL,
                                     year, type_year, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_stat (const AtlasTypeStat *stat,
             guint                n_areas,
             double               weight,
             double               value,
             AtlasMissingReason   reason)
{
  g_assert_cmpuint (stat->n_areas, ==, n_areas);
  g_assert_cmpfloat_with_epsilon (stat->weight, weight, 1e-9);
  g_assert_cmpint (stat->missing_reason, ==, reason);
  if (isnan (value))
    g_assert_true (isnan (stat->value));
  else
    g_assert_cmpfloat_with_epsilon (stat->value, value, 1e-9);
}

static void
test_hand_made_share (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasTypeBreakdown) b = breakdown (dataset, "andel", NULL, 2022, 0);

  g_assert_cmpstr (atlas_division_get_id (atlas_type_breakdown_get_division (b)), ==, "omrade");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_type_breakdown_get_category (b)), ==, "typ");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_type_breakdown_get_weight (b)), ==, "befolkning");
  g_assert_cmpuint (atlas_type_breakdown_get_n_types (b), ==, 5);
  /* Type 1: 0101R01, 0101R03, 0102R01 with andel 10, 30, 30 and befolkning
   * 100, 300, 100: (1000 + 9000 + 3000) / 500 = 26. */
  assert_stat (atlas_type_breakdown_get_stat (b, 0), 3, 500, 26.0, ATLAS_MISSING_NONE);
  assert_stat (atlas_type_breakdown_get_stat (b, 1), 1, 200, 20.0, ATLAS_MISSING_NONE);
  /* Type 3 is 0101R04 alone, whose andel is missing. */
  assert_stat (atlas_type_breakdown_get_stat (b, 2), 1, 400, NAN, ATLAS_MISSING_INCOMPLETE);
  g_assert_cmpuint (atlas_type_breakdown_get_stat (b, 2)->n_missing, ==, 1);
  assert_stat (atlas_type_breakdown_get_stat (b, 3), 1, 100, 5.0, ATLAS_MISSING_NONE);
  assert_stat (atlas_type_breakdown_get_stat (b, 4), 1, 500, 40.0, ATLAS_MISSING_NONE);
  /* 0102R03 has no type in 2022 and counts nowhere. */
  g_assert_cmpuint (atlas_type_breakdown_get_n_untyped (b), ==, 1);
  assert_stat (atlas_type_breakdown_get_total (b), 7, 1700, NAN, ATLAS_MISSING_INCOMPLETE);
  g_assert_true (atlas_type_breakdown_covers_region (b));
  g_assert_false (atlas_type_breakdown_is_demonstration (b));
}

static void
test_hand_made_count_and_median (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasTypeBreakdown) counts = breakdown (dataset, "grupp", NULL, 2022, 0);
  g_autoptr(AtlasTypeBreakdown) medians = breakdown (dataset, "inkomst", NULL, 2022, 0);

  /* grupp has no weight of its own: the package's population is reported. */
  g_assert_cmpstr (atlas_indicator_get_id (atlas_type_breakdown_get_weight (counts)), ==, "befolkning");
  assert_stat (atlas_type_breakdown_get_stat (counts, 0), 3, 500, 50 + 30 + 100, ATLAS_MISSING_NONE);
  assert_stat (atlas_type_breakdown_get_stat (counts, 2), 1, 400, 40, ATLAS_MISSING_NONE);
  assert_stat (atlas_type_breakdown_get_total (counts), 7, 1700, 320, ATLAS_MISSING_NONE);

  for (guint i = 0; i < atlas_type_breakdown_get_n_types (medians); i++)
    g_assert_cmpint (atlas_type_breakdown_get_stat (medians, i)->missing_reason, ==,
                     ATLAS_MISSING_NOT_AGGREGATABLE);
}

static void
test_hand_made_region_and_years (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasTypeBreakdown) ankeby = breakdown (dataset, "andel", "0101", 2022, 0);
  g_autoptr(AtlasTypeBreakdown) fixed = breakdown (dataset, "andel", NULL, 2023, 2022);
  g_autoptr(AtlasTypeBreakdown) own = breakdown (dataset, "andel", NULL, 2023, 0);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  /* Ankeby's type 1: andel 10 and 30, befolkning 100 and 300: 10000 / 400. */
  assert_stat (atlas_type_breakdown_get_stat (ankeby, 0), 2, 400, 25.0, ATLAS_MISSING_NONE);
  assert_stat (atlas_type_breakdown_get_stat (ankeby, 4), 0, 0, NAN, ATLAS_MISSING_NOT_IN_SOURCE);

  /* 2023 values grouped by the 2022 types: (12·100 + 30·300 + 30·100) / 500. */
  assert_stat (atlas_type_breakdown_get_stat (fixed, 0), 3, 500, (1200.0 + 9000 + 3000) / 500,
               ATLAS_MISSING_NONE);
  /* by the 2023 types 0101R01 is type 2: (30·300 + 30·100) / 400. */
  assert_stat (atlas_type_breakdown_get_stat (own, 0), 2, 400, 30.0, ATLAS_MISSING_NONE);
  g_assert_cmpuint (atlas_type_breakdown_get_n_untyped (own), ==, 0);

  series = atlas_type_breakdown_new_series (dataset, atlas_dataset_lookup_indicator (dataset, "andel"),
                                            NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpuint (atlas_type_breakdown_get_year (g_ptr_array_index (series, 1)), ==, 2023);
  g_assert_cmpfloat (atlas_type_breakdown_get_stat (g_ptr_array_index (series, 1), 0)->value, ==,
                     atlas_type_breakdown_get_stat (own, 0)->value);
}

static void
test_errors (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  AtlasIndicator *andel = atlas_dataset_lookup_indicator (dataset, "andel");
  g_autoptr(GError) error = NULL;
  AtlasTypeBreakdown *b;

  b = atlas_type_breakdown_new (dataset, andel, andel, NULL, 2022, 0, &error);
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_assert_null (b);
  g_clear_error (&error);

  b = atlas_type_breakdown_new (dataset, andel, NULL, NULL, 2019, 0, &error);
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
  g_assert_null (b);
}

static void
test_no_category (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", NULL);
  g_autofree char *kommuner = g_build_filename (atlas_get_data_dir (), "datasets", "sverige-kommuner", NULL);
  g_autoptr(AtlasDataset) minimal = atlas_dataset_load (path, NULL, NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (kommuner, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (minimal);
  g_assert_nonnull (dataset);
  g_assert_true (atlas_analysis_default_category (minimal, NULL) ==
                 atlas_dataset_lookup_indicator (minimal, "typ"));
  g_assert_null (atlas_analysis_default_category (dataset, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_NO_DATA);
}

/* By type, computed here from the DeSO values: each DeSO counts for the
 * type of its RegSO, shares are weighted by their own weight. */
typedef struct
{
  guint  n_regso;
  double count;
  double share_sum;
  double share_weight;
} Expected;

static void
expected_from_deso (AtlasDataset *dataset,
                    AtlasArea    *region,
                    guint         year,
                    Expected     *expected)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasIndicator *typ = atlas_dataset_lookup_indicator (dataset, "omradestyp");
  AtlasIndicator *bef = atlas_dataset_lookup_indicator (dataset, "befolkning");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "arbetslosa_20_64");
  AtlasIndicator *weight = atlas_dataset_lookup_indicator (dataset, "befolkning_20_64");
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint a = 0; a < atlas_division_get_n_areas (deso); a++)
    {
      AtlasArea *area = atlas_division_get_area (deso, a);
      AtlasArea *regso = atlas_area_get_parent (area);
      double t, b, s, w;

      if (atlas_area_get_ancestor (area, atlas_division_get_id (atlas_area_get_division (region))) != region)
        continue;
      g_assert_cmpint (atlas_dataset_get_value (dataset, typ, year, regso, &t, NULL), ==, ATLAS_VALUE_STORED);
      g_assert_cmpint (atlas_dataset_get_value (dataset, bef, year, area, &b, NULL), ==, ATLAS_VALUE_STORED);
      g_assert_cmpint (atlas_dataset_get_value (dataset, share, year, area, &s, NULL), ==, ATLAS_VALUE_STORED);
      g_assert_cmpint (atlas_dataset_get_value (dataset, weight, year, area, &w, NULL), ==, ATLAS_VALUE_STORED);
      if (!g_hash_table_contains (seen, regso))
        expected[(int) t - 1].n_regso++;
      g_hash_table_add (seen, regso);
      expected[(int) t - 1].count += b;
      expected[(int) t - 1].share_sum += s * w;
      expected[(int) t - 1].share_weight += w;
    }
}

static guint
count_kommuner_of_type (AtlasDataset *dataset,
                        int           type,
                        guint         year)
{
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  AtlasIndicator *typ = atlas_dataset_lookup_indicator (dataset, "omradestyp");
  g_autoptr(GHashTable) kommuner = g_hash_table_new (NULL, NULL);

  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      double t;

      atlas_dataset_get_value (dataset, typ, year, atlas_division_get_area (regso, a), &t, NULL);
      if ((int) t == type)
        g_hash_table_add (kommuner, atlas_area_get_parent (atlas_division_get_area (regso, a)));
    }

  return g_hash_table_size (kommuner);
}

static void
test_uppsala_lan (void)
{
  g_autoptr(AtlasDataset) dataset = load_uppsala ();
  AtlasArea *lan = atlas_dataset_lookup_area (dataset, "03");
  g_autoptr(AtlasTypeBreakdown) counts = breakdown (dataset, "befolkning", "03", 2022, 0);
  g_autoptr(AtlasTypeBreakdown) shares = breakdown (dataset, "arbetslosa_20_64", "03", 2022, 0);
  Expected expected[5] = { { 0, }, };

  expected_from_deso (dataset, lan, 2022, expected);
  for (guint t = 0; t < 5; t++)
    {
      const AtlasTypeStat *c = atlas_type_breakdown_get_stat (counts, t);
      const AtlasTypeStat *s = atlas_type_breakdown_get_stat (shares, t);

      g_assert_cmpuint (c->n_areas, ==, expected[t].n_regso);
      g_assert_cmpfloat_with_epsilon (c->value, expected[t].count, 1e-6);
      g_assert_cmpfloat_with_epsilon (s->value, expected[t].share_sum / expected[t].share_weight, 1e-9);
      g_assert_cmpfloat_with_epsilon (s->weight, expected[t].share_weight, 1e-6);
    }
  /* The län's areas of type 1 lie in several kommuner. */
  g_assert_cmpuint (count_kommuner_of_type (dataset, 1, 2022), >=, 2);
  g_assert_true (atlas_type_breakdown_is_demonstration (shares));
}

/* The län is the sum of its kommuner, type by type. */
static void
test_uppsala_kommuner_add_up (void)
{
  g_autoptr(AtlasDataset) dataset = load_uppsala ();
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(AtlasTypeBreakdown) lan = breakdown (dataset, "befolkning", "03", 2023, 0);

  for (guint t = 0; t < 5; t++)
    {
      guint n = 0;
      double sum = 0.0;

      for (guint k = 0; k < atlas_division_get_n_areas (kommun); k++)
        {
          AtlasArea *area = atlas_division_get_area (kommun, k);
          g_autoptr(AtlasTypeBreakdown) b = breakdown (dataset, "befolkning",
                                                       atlas_area_get_code (area), 2023, 0);

          n += atlas_type_breakdown_get_stat (b, t)->n_areas;
          if (atlas_type_breakdown_get_stat (b, t)->n_areas > 0)
            sum += atlas_type_breakdown_get_stat (b, t)->value;
        }
      g_assert_cmpuint (n, ==, atlas_type_breakdown_get_stat (lan, t)->n_areas);
      g_assert_cmpfloat_with_epsilon (sum, atlas_type_breakdown_get_stat (lan, t)->value, 1e-6);
    }
}

static void
test_riket_partial (void)
{
  g_autoptr(AtlasDataset) dataset = load_uppsala ();
  g_autoptr(AtlasTypeBreakdown) riket = breakdown (dataset, "befolkning", NULL, 2022, 0);
  g_autoptr(AtlasTypeBreakdown) lan = breakdown (dataset, "befolkning", "03", 2022, 0);

  /* Riket holds only Uppsala län's RegSO: said so, and the numbers agree. */
  g_assert_false (atlas_type_breakdown_covers_region (riket));
  g_assert_true (atlas_type_breakdown_covers_region (lan));
  g_assert_cmpfloat (atlas_type_breakdown_get_total (riket)->value, ==,
                     atlas_type_breakdown_get_total (lan)->value);
}

static void
test_history_hand_made (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasTypeHistory) history = atlas_type_history_new (dataset, NULL, NULL, NULL, &error);
  g_autoptr(GArray) changes = NULL;
  AtlasTypeBreakdown *y2023;
  const AtlasTypeChange *change;

  g_assert_no_error (error);
  g_assert_cmpuint (atlas_type_history_get_n_years (history), ==, 2);
  g_assert_cmpuint (atlas_type_history_get_n_areas (history), ==, 8);
  /* 0102R03 (index 6) has no type in 2022 and type 3 in 2023. */
  g_assert_cmpstr (atlas_area_get_code (atlas_type_history_get_area (history, 6)), ==, "0102R03");
  g_assert_cmpint (atlas_type_history_get_area_type (history, 6, 0), ==, -1);
  g_assert_cmpint (atlas_type_history_get_area_type (history, 6, 1), ==, 3);

  changes = atlas_type_history_dup_changes (history, 2022, 2023);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, AtlasTypeChange, 0);
  g_assert_cmpstr (atlas_area_get_code (change->area), ==, "0101R01");
  g_assert_cmpint (change->from, ==, 1);
  g_assert_cmpint (change->to, ==, 2);

  /* 2023 residents: type 2 = 0101R01 + 0101R02, type 3 = 0101R04 + 0102R03. */
  y2023 = atlas_type_history_get_breakdown (history, 1);
  g_assert_cmpfloat (atlas_type_breakdown_get_stat (y2023, 1)->value, ==, 300);
  g_assert_cmpfloat (atlas_type_breakdown_get_stat (y2023, 2)->value, ==, 600);
  g_assert_cmpuint (atlas_type_breakdown_get_stat (y2023, 2)->n_areas, ==, 2);
  g_assert_nonnull (strstr (atlas_type_history_get_caveat (), "relativ"));
}

static void
test_history_region (void)
{
  g_autoptr(AtlasDataset) dataset = load_test_package ();
  g_autoptr(AtlasTypeHistory) history = atlas_type_history_new (dataset, NULL,
                                                                atlas_dataset_lookup_area (dataset, "0102"),
                                                                NULL, NULL);
  g_autoptr(GArray) changes = atlas_type_history_dup_changes (history, 2022, 2023);

  g_assert_cmpuint (atlas_type_history_get_n_areas (history), ==, 3);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpstr (atlas_area_get_code (atlas_type_history_get_region (history)), ==, "0102");
}

static void
test_history_uppsala (void)
{
  g_autoptr(AtlasDataset) dataset = load_uppsala ();
  AtlasIndicator *typ = atlas_dataset_lookup_indicator (dataset, "omradestyp");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  g_autoptr(AtlasTypeHistory) history = atlas_type_history_new (dataset, NULL, NULL, NULL, NULL);
  g_autoptr(GArray) changes = atlas_type_history_dup_changes (history, 2022, 2023);
  guint changed = 0;

  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      double t22, t23;

      atlas_dataset_get_value (dataset, typ, 2022, atlas_division_get_area (regso, a), &t22, NULL);
      atlas_dataset_get_value (dataset, typ, 2023, atlas_division_get_area (regso, a), &t23, NULL);
      changed += !isnan (t22) && !isnan (t23) && t22 != t23;
    }
  g_assert_cmpuint (changed, >, 0);
  g_assert_cmpuint (changes->len, ==, changed);
  g_assert_cmpstr (atlas_indicator_get_id (atlas_type_history_get_population (history)), ==, "befolkning");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/type-breakdown/hand-made/share", test_hand_made_share);
  g_test_add_func ("/type-breakdown/hand-made/count-and-median", test_hand_made_count_and_median);
  g_test_add_func ("/type-breakdown/hand-made/region-and-years", test_hand_made_region_and_years);
  g_test_add_func ("/type-breakdown/errors", test_errors);
  g_test_add_func ("/type-breakdown/no-category", test_no_category);
  g_test_add_func ("/type-breakdown/uppsala-lan", test_uppsala_lan);
  g_test_add_func ("/type-breakdown/uppsala-kommuner-add-up", test_uppsala_kommuner_add_up);
  g_test_add_func ("/type-breakdown/riket-partial", test_riket_partial);
  g_test_add_func ("/type-history/hand-made", test_history_hand_made);
  g_test_add_func ("/type-history/region", test_history_region);
  g_test_add_func ("/type-history/uppsala", test_history_uppsala);
  return g_test_run ();
}
