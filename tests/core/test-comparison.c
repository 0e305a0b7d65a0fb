/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-core.h"

/* AtlasComparison on the packaged datasets. Every expected number is
 * computed here from atlas_dataset_get_value(), independently of the
 * comparison's own code. */

#define NBSP "\302\240"
#define MINUS_SIGN "\342\210\222"

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

static AtlasArea *
area (AtlasDataset *dataset,
      const char   *code)
{
  AtlasArea *found = atlas_dataset_lookup_area (dataset, code);

  g_assert_nonnull (found);
  return found;
}

/* The value as the dataset gives it, NaN when missing. */
static double
value_of (AtlasDataset       *dataset,
          const char         *indicator_id,
          guint               year,
          const char         *code,
          AtlasValueSource   *source,
          AtlasMissingReason *reason)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasValueSource found_source;
  double value = NAN;

  g_assert_nonnull (indicator);
  found_source = atlas_dataset_get_value (dataset, indicator, year, area (dataset, code),
                                          &value, reason);
  if (source != NULL)
    *source = found_source;

  return found_source == ATLAS_VALUE_MISSING ? NAN : value;
}

static AtlasComparison *
compare (AtlasDataset *dataset,
         const char   *code_a,
         const char   *code_b,
         guint         year,
         guint         since_year)
{
  g_autoptr(GError) error = NULL;
  AtlasComparison *comparison = atlas_comparison_new (dataset, area (dataset, code_a),
                                                      area (dataset, code_b), year,
                                                      since_year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (comparison);
  return comparison;
}

static AtlasComparisonRow *
row_of (AtlasComparison *comparison,
        const char      *indicator_id)
{
  AtlasComparisonRow *row = atlas_comparison_lookup_row (comparison, indicator_id);

  g_assert_nonnull (row);
  return row;
}

static void
test_differences (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  AtlasComparison *comparison = compare (dataset, "0180", "1480", 2024, 0);
  g_autoptr(AtlasComparison) reversed = compare (dataset, "1480", "0180", 2024, 0);
  const char *ids[] = { "folkmangd", "median_inkomst", "arbetsloshet" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      AtlasComparisonRow *row = row_of (comparison, ids[i]);
      double a = value_of (dataset, ids[i], 2024, "0180", NULL, NULL);
      double b = value_of (dataset, ids[i], 2024, "1480", NULL, NULL);

      g_assert_false (isnan (a) || isnan (b));
      g_assert_cmpfloat (atlas_comparison_row_get_value (row, ATLAS_COMPARISON_SIDE_A, NULL, NULL), ==, a);
      g_assert_cmpfloat (atlas_comparison_row_get_value (row, ATLAS_COMPARISON_SIDE_B, NULL, NULL), ==, b);
      /* A − B, and swapping the areas flips the sign */
      g_assert_cmpfloat (atlas_comparison_row_get_difference (row), ==, a - b);
      g_assert_cmpfloat (atlas_comparison_row_get_difference (row_of (reversed, ids[i])), ==, b - a);
    }

  /* Stockholm is larger and richer than Göteborg */
  g_assert_cmpfloat (atlas_comparison_row_get_difference (row_of (comparison, "folkmangd")), >, 0);
  g_assert_cmpfloat_with_epsilon (atlas_comparison_row_get_relative_difference (row_of (comparison, "median_inkomst")),
                                  (533800.0 - 456000.0) / 456000.0, 1e-12);
  g_assert_cmpfloat (atlas_comparison_row_get_relative_difference (row_of (comparison, "folkmangd")), ==,
                     (value_of (dataset, "folkmangd", 2024, "0180", NULL, NULL) -
                      value_of (dataset, "folkmangd", 2024, "1480", NULL, NULL)) /
                     value_of (dataset, "folkmangd", 2024, "1480", NULL, NULL));
  g_assert_finalize_object (comparison);
}

/* Percent: percentage points and no relative difference. */
static void
test_percentage_points (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 0);
  AtlasComparisonRow *percent = row_of (comparison, "arbetsloshet");
  AtlasComparisonRow *sek = row_of (comparison, "median_inkomst");

  g_assert_true (atlas_comparison_row_in_percentage_points (percent));
  g_assert_false (atlas_comparison_row_in_percentage_points (sek));
  g_assert_true (isnan (atlas_comparison_row_get_relative_difference (percent)));
  g_assert_cmpfloat (atlas_comparison_row_get_difference (percent), ==,
                     value_of (dataset, "arbetsloshet", 2024, "0180", NULL, NULL) -
                     value_of (dataset, "arbetsloshet", 2024, "1480", NULL, NULL));
}

static AtlasComparisonBetter
expected_better (double        a,
                 double        b,
                 AtlasPolarity polarity)
{
  if (polarity == ATLAS_POLARITY_NEUTRAL)
    return ATLAS_COMPARISON_BETTER_NOT_APPLICABLE;
  if (a == b)
    return ATLAS_COMPARISON_BETTER_EQUAL;
  if (polarity == ATLAS_POLARITY_HIGHER_IS_BETTER)
    return a > b ? ATLAS_COMPARISON_BETTER_A : ATLAS_COMPARISON_BETTER_B;
  return a < b ? ATLAS_COMPARISON_BETTER_A : ATLAS_COMPARISON_BETTER_B;
}

static void
test_polarity (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 0);
  g_autoptr(AtlasComparison) reversed = compare (dataset, "1480", "0180", 2024, 0);
  const char *ids[] = { "folkmangd", "median_inkomst", "arbetsloshet" };

  /* median income is higher-is-better and Stockholm's is higher */
  g_assert_cmpint (atlas_comparison_row_get_better (row_of (comparison, "median_inkomst")), ==,
                   ATLAS_COMPARISON_BETTER_A);
  g_assert_cmpint (atlas_comparison_row_get_better (row_of (reversed, "median_inkomst")), ==,
                   ATLAS_COMPARISON_BETTER_B);
  /* unemployment is lower-is-better: 3.46 % against 3.44 % */
  g_assert_cmpint (atlas_comparison_row_get_better (row_of (comparison, "arbetsloshet")), ==,
                   ATLAS_COMPARISON_BETTER_B);
  g_assert_cmpint (atlas_comparison_row_get_better (row_of (comparison, "folkmangd")), ==,
                   ATLAS_COMPARISON_BETTER_NOT_APPLICABLE);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, ids[i]);

      g_assert_cmpint (atlas_comparison_row_get_better (row_of (comparison, ids[i])), ==,
                       expected_better (value_of (dataset, ids[i], 2024, "0180", NULL, NULL),
                                        value_of (dataset, ids[i], 2024, "1480", NULL, NULL),
                                        atlas_indicator_get_polarity (indicator)));
    }
}

/* Two kommuner with the same number of type 1 RegSO (lower is better). */
static void
test_polarity_equal (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "omradestyp1_antal");
  const double *values = atlas_dataset_peek_values (dataset, indicator, 2023, kommun);
  g_autoptr(AtlasComparison) comparison = NULL;
  guint first = G_MAXUINT, second = G_MAXUINT;

  for (guint i = 0; i < atlas_division_get_n_areas (kommun) && second == G_MAXUINT; i++)
    {
      if (isnan (values[i]))
        continue;
      if (first == G_MAXUINT)
        first = i;
      else if (values[i] == values[first])
        second = i;
    }
  g_assert_cmpuint (second, !=, G_MAXUINT);

  comparison = compare (dataset, atlas_area_get_code (atlas_division_get_area (kommun, first)),
                        atlas_area_get_code (atlas_division_get_area (kommun, second)), 2023, 0);
  g_assert_cmpint (atlas_comparison_row_get_better (row_of (comparison, "omradestyp1_antal")), ==,
                   ATLAS_COMPARISON_BETTER_EQUAL);
  g_assert_cmpfloat (atlas_comparison_row_get_difference (row_of (comparison, "omradestyp1_antal")), ==, 0);
}

static void
assert_missing_side (AtlasComparisonRow  *row,
                     AtlasComparisonSide  side,
                     AtlasMissingReason   expected)
{
  AtlasValueSource source;
  AtlasMissingReason reason;

  g_assert_true (isnan (atlas_comparison_row_get_value (row, side, &source, &reason)));
  g_assert_cmpint (source, ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, expected);
  g_assert_cmpint (reason, !=, ATLAS_MISSING_NONE);
}

static void
test_missing (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 0);
  AtlasComparisonRow *share = row_of (comparison, "omradestyp1_andel");
  AtlasComparisonRow *unemployment = row_of (comparison, "arbetsloshet");
  AtlasMissingReason expected_a, expected_b, expected_riket, reason;
  AtlasValueSource source;

  /* the områdestyp shares have no 2024 values */
  g_assert_true (isnan (value_of (dataset, "omradestyp1_andel", 2024, "0180", NULL, &expected_a)));
  g_assert_true (isnan (value_of (dataset, "omradestyp1_andel", 2024, "1480", NULL, &expected_b)));
  assert_missing_side (share, ATLAS_COMPARISON_SIDE_A, expected_a);
  assert_missing_side (share, ATLAS_COMPARISON_SIDE_B, expected_b);
  g_assert_true (isnan (atlas_comparison_row_get_difference (share)));
  g_assert_true (isnan (atlas_comparison_row_get_relative_difference (share)));
  g_assert_true (isnan (atlas_comparison_row_get_normalized_difference (share)));
  g_assert_cmpint (atlas_comparison_row_get_better (share), ==, ATLAS_COMPARISON_BETTER_NOT_APPLICABLE);
  g_assert_null (atlas_comparison_format_difference (share, "sv"));

  /* unemployment is a rate that is not summed up to riket */
  g_assert_true (isnan (value_of (dataset, "arbetsloshet", 2024, "00", NULL, &expected_riket)));
  g_assert_true (isnan (atlas_comparison_row_get_reference (unemployment, ATLAS_COMPARISON_REFERENCE_RIKET,
                                                            &source, &reason)));
  g_assert_cmpint (source, ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, expected_riket);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NOT_AGGREGATABLE);
}

static void
test_references (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 0);
  AtlasComparisonRow *row = row_of (comparison, "folkmangd");
  AtlasValueSource source;

  g_assert_true (atlas_comparison_get_reference_area (comparison, ATLAS_COMPARISON_REFERENCE_A_KOMMUN) ==
                 area (dataset, "0180"));
  g_assert_true (atlas_comparison_get_reference_area (comparison, ATLAS_COMPARISON_REFERENCE_A_LAN) ==
                 area (dataset, "01"));
  g_assert_true (atlas_comparison_get_reference_area (comparison, ATLAS_COMPARISON_REFERENCE_B_LAN) ==
                 area (dataset, "14"));
  g_assert_cmpfloat (atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_A_LAN, NULL, NULL), ==,
                     value_of (dataset, "folkmangd", 2024, "01", NULL, NULL));
  g_assert_cmpfloat (atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_B_LAN, NULL, NULL), ==,
                     value_of (dataset, "folkmangd", 2024, "14", NULL, NULL));
  g_assert_cmpfloat (atlas_comparison_row_get_reference (row, ATLAS_COMPARISON_REFERENCE_RIKET, &source, NULL), ==,
                     value_of (dataset, "folkmangd", 2024, "00", NULL, NULL));
  g_assert_cmpint (source, !=, ATLAS_VALUE_MISSING);
}

/* A DeSO against its own kommun, whose values are derived from DeSO. */
static void
test_mixed_levels (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("uppsala-lan");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0380C1010", "0380", 2023, 0);
  AtlasComparisonRow *rate = row_of (comparison, "arbetslosa_20_64");
  AtlasComparisonRow *median = row_of (comparison, "median_inkomst_ke");
  AtlasComparisonRow *merit = row_of (comparison, "meritvarde_ak9");
  AtlasValueSource source, expected_source;
  AtlasMissingReason reason, expected_reason;
  double a = value_of (dataset, "arbetslosa_20_64", 2023, "0380C1010", NULL, NULL);
  double b = value_of (dataset, "arbetslosa_20_64", 2023, "0380", &expected_source, NULL);

  g_assert_cmpint (expected_source, ==, ATLAS_VALUE_DERIVED);
  g_assert_cmpfloat (atlas_comparison_row_get_value (rate, ATLAS_COMPARISON_SIDE_B, &source, NULL), ==, b);
  g_assert_cmpint (source, ==, ATLAS_VALUE_DERIVED);
  g_assert_cmpfloat (atlas_comparison_row_get_difference (rate), ==, a - b);

  /* a median is not derived for the kommun: no difference, reason kept */
  g_assert_false (isnan (atlas_comparison_row_get_value (median, ATLAS_COMPARISON_SIDE_A, NULL, NULL)));
  assert_missing_side (median, ATLAS_COMPARISON_SIDE_B, ATLAS_MISSING_NOT_AGGREGATABLE);
  g_assert_true (isnan (atlas_comparison_row_get_difference (median)));
  g_assert_cmpint (atlas_comparison_row_get_better (median), ==, ATLAS_COMPARISON_BETTER_NOT_APPLICABLE);

  /* an index has no meaningful ratio */
  g_assert_false (isnan (atlas_comparison_row_get_difference (merit)));
  g_assert_true (isnan (atlas_comparison_row_get_relative_difference (merit)));

  /* A's kommun is B itself, so B has no separate kommun or län */
  g_assert_true (atlas_comparison_get_reference_area (comparison, ATLAS_COMPARISON_REFERENCE_A_KOMMUN) ==
                 area (dataset, "0380"));
  g_assert_null (atlas_comparison_get_reference_area (comparison, ATLAS_COMPARISON_REFERENCE_B_KOMMUN));
  g_assert_null (atlas_comparison_get_reference_area (comparison, ATLAS_COMPARISON_REFERENCE_B_LAN));
  /* the package covers only Uppsala län: riket is missing, with its reason */
  value_of (dataset, "arbetslosa_20_64", 2023, "00", NULL, &expected_reason);
  g_assert_true (isnan (atlas_comparison_row_get_reference (rate, ATLAS_COMPARISON_REFERENCE_RIKET,
                                                            NULL, &reason)));
  g_assert_cmpint (reason, ==, expected_reason);
  g_assert_cmpint (reason, !=, ATLAS_MISSING_NONE);
}

static void
assert_history (AtlasDataset *dataset,
                GArray       *history,
                const char   *code)
{
  const guint *years;
  guint n_years, n = 0;

  g_assert_nonnull (history);
  years = atlas_dataset_get_years (dataset, &n_years);
  for (guint i = 0; i < n_years; i++)
    {
      double expected = value_of (dataset, "omradestyp", years[i], code, NULL, NULL);
      const AtlasCategoryYear *entry;

      if (isnan (expected))
        continue;
      g_assert_cmpuint (n, <, history->len);
      entry = &g_array_index (history, AtlasCategoryYear, n++);
      g_assert_cmpuint (entry->year, ==, years[i]);
      g_assert_cmpint (entry->code, ==, (int) expected);
    }
  g_assert_cmpuint (n, ==, history->len);
}

static void
test_category (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("uppsala-lan");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0380R001", "0380R002", 2023, 2022);
  AtlasComparisonRow *row = row_of (comparison, "omradestyp");
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  g_autoptr(GArray) direct = atlas_comparison_dup_category_history (dataset, indicator,
                                                                    area (dataset, "0380R001"));
  GArray *history = atlas_comparison_row_get_history (row, ATLAS_COMPARISON_SIDE_A);
  const AtlasCategory *category = atlas_comparison_row_get_category (row, ATLAS_COMPARISON_SIDE_A);

  g_assert_true (atlas_comparison_row_is_category (row));
  g_assert_true (isnan (atlas_comparison_row_get_difference (row)));
  g_assert_true (isnan (atlas_comparison_row_get_change (row, ATLAS_COMPARISON_SIDE_A)));
  g_assert_cmpint (atlas_comparison_row_get_better (row), ==, ATLAS_COMPARISON_BETTER_NOT_APPLICABLE);
  g_assert_null (atlas_comparison_format_difference (row, "sv"));
  g_assert_nonnull (category);
  g_assert_cmpint (category->code, ==, (int) value_of (dataset, "omradestyp", 2023, "0380R001", NULL, NULL));

  /* the package has områdestyp for 2022 and 2023 */
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpuint (g_array_index (history, AtlasCategoryYear, 0).year, ==, 2022);
  g_assert_cmpuint (g_array_index (history, AtlasCategoryYear, 1).year, ==, 2023);
  assert_history (dataset, history, "0380R001");
  assert_history (dataset, atlas_comparison_row_get_history (row, ATLAS_COMPARISON_SIDE_B), "0380R002");
  assert_history (dataset, direct, "0380R001");
  /* no history for numbers */
  g_assert_null (atlas_comparison_row_get_history (row_of (comparison, "befolkning"),
                                                   ATLAS_COMPARISON_SIDE_A));
}

static void
test_since (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 2011);
  g_autoptr(AtlasComparison) plain = compare (dataset, "0180", "1480", 2024, 0);
  const char *codes[] = { "0180", "1480" };

  g_assert_cmpuint (atlas_comparison_get_since_year (comparison), ==, 2011);
  for (AtlasComparisonSide side = ATLAS_COMPARISON_SIDE_A; side <= ATLAS_COMPARISON_SIDE_B; side++)
    {
      double now = value_of (dataset, "folkmangd", 2024, codes[side], NULL, NULL);
      double then = value_of (dataset, "folkmangd", 2011, codes[side], NULL, NULL);
      double pnow = value_of (dataset, "arbetsloshet", 2024, codes[side], NULL, NULL);
      double pthen = value_of (dataset, "arbetsloshet", 2011, codes[side], NULL, NULL);
      AtlasComparisonRow *count = row_of (comparison, "folkmangd");
      AtlasComparisonRow *percent = row_of (comparison, "arbetsloshet");

      g_assert_cmpfloat (atlas_comparison_row_get_since_value (count, side, NULL, NULL), ==, then);
      g_assert_cmpfloat (atlas_comparison_row_get_change (count, side), ==, now - then);
      g_assert_cmpfloat (atlas_comparison_row_get_relative_change (count, side), ==, (now - then) / then);
      g_assert_cmpfloat (atlas_comparison_row_get_change (percent, side), ==, pnow - pthen);
      g_assert_true (isnan (atlas_comparison_row_get_relative_change (percent, side)));
      g_assert_true (isnan (atlas_comparison_row_get_change (row_of (plain, "folkmangd"), side)));
    }
}

/* The population standard deviation over the kommuner with a value. */
static double
kommun_spread (AtlasDataset *dataset,
               const char   *indicator_id,
               guint         year)
{
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0, sum_sq = 0, mean;

  for (guint i = 0; i < atlas_division_get_n_areas (kommun); i++)
    {
      const char *code = atlas_area_get_code (atlas_division_get_area (kommun, i));
      double value = value_of (dataset, indicator_id, year, code, NULL, NULL);

      if (!isnan (value))
        g_array_append_val (values, value);
    }
  g_assert_cmpuint (values->len, >, 1);

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  mean = sum / values->len;
  for (guint i = 0; i < values->len; i++)
    sum_sq += pow (g_array_index (values, double, i) - mean, 2);

  return sqrt (sum_sq / values->len);
}

static void
test_sorting (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 0);
  g_autoptr(GListModel) sorted = atlas_comparison_dup_rows_by_difference (comparison);
  AtlasComparisonRow *income = row_of (comparison, "median_inkomst");
  guint n = g_list_model_get_n_items (sorted);
  gboolean seen_missing = FALSE;
  double previous = INFINITY;

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (comparison)));
  g_assert_cmpfloat_with_epsilon (atlas_comparison_row_get_normalized_difference (income),
                                  fabs (atlas_comparison_row_get_difference (income)) /
                                  kommun_spread (dataset, "median_inkomst", 2024), 1e-9);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (sorted, i);
      double score = atlas_comparison_row_get_normalized_difference (row);

      if (isnan (score))
        {
          seen_missing = TRUE;
          continue;
        }
      /* every row with a score comes before every row without one */
      g_assert_false (seen_missing);
      g_assert_cmpfloat (score, <=, previous);
      previous = score;
    }
  g_assert_true (seen_missing);
}

static void
test_errors (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(GError) same = NULL;
  g_autoptr(GError) year = NULL;
  g_autoptr(GError) since = NULL;
  AtlasArea *stockholm = area (dataset, "0180");

  g_assert_null (atlas_comparison_new (dataset, stockholm, stockholm, 2024, 0, &same));
  g_assert_error (same, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_SAME_AREA);
  g_assert_nonnull (strstr (same->message, "0180"));
  g_assert_null (atlas_comparison_new (dataset, stockholm, area (dataset, "1480"), 1999, 0, &year));
  g_assert_error (year, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_YEAR);
  g_assert_null (atlas_comparison_new (dataset, stockholm, area (dataset, "1480"), 2011, 2024, &since));
  g_assert_error (since, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_YEAR);
}

static void
assert_format (char       *text,
               const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_format (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 2011);
  g_autoptr(AtlasComparison) reversed = compare (dataset, "1480", "0180", 2024, 0);
  AtlasComparisonRow *income = row_of (comparison, "median_inkomst");
  AtlasComparisonRow *unemployment = row_of (comparison, "arbetsloshet");

  /* 3,46 % against 3,44 %; 533 800 kr against 456 000 kr */
  assert_format (atlas_comparison_format_difference (unemployment, "sv"), "+0,02" NBSP "procentenheter");
  assert_format (atlas_comparison_format_difference (unemployment, "en"), "+0.02 percentage points");
  g_assert_null (atlas_comparison_format_relative_difference (unemployment, "sv"));
  assert_format (atlas_comparison_format_difference (income, "sv"), "+77" NBSP "800" NBSP "kr");
  assert_format (atlas_comparison_format_difference (income, "en"), "+SEK" NBSP "77,800");
  assert_format (atlas_comparison_format_difference (row_of (reversed, "median_inkomst"), "sv"),
                 MINUS_SIGN "77" NBSP "800" NBSP "kr");
  assert_format (atlas_comparison_format_relative_difference (income, "sv"), "+17,1" NBSP "%");
  assert_format (atlas_comparison_format_relative_difference (income, "en"), "+17.1%");
  assert_format (atlas_comparison_format_relative_difference (row_of (reversed, "median_inkomst"), "sv"),
                 MINUS_SIGN "14,6" NBSP "%");
  /* 3,51 % in 2011 to 3,46 % */
  assert_format (atlas_comparison_format_change (unemployment, ATLAS_COMPARISON_SIDE_A, "sv"),
                 MINUS_SIGN "0,05" NBSP "procentenheter");
}

static void
test_trend (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasComparison) comparison = compare (dataset, "0180", "1480", 2024, 0);
  const char *ids[] = { "folkmangd", "median_inkomst" };
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_autoptr(GArray) trend = atlas_comparison_dup_trend (comparison,
                                                            atlas_dataset_lookup_indicator (dataset, ids[k]));

      g_assert_cmpuint (trend->len, ==, n_years);
      for (guint i = 0; i < n_years; i++)
        {
          const AtlasComparisonTrendPoint *point = &g_array_index (trend, AtlasComparisonTrendPoint, i);
          double riket = value_of (dataset, ids[k], years[i], "00", NULL, NULL);

          g_assert_cmpuint (point->year, ==, years[i]);
          g_assert_cmpfloat (point->a, ==, value_of (dataset, ids[k], years[i], "0180", NULL, NULL));
          g_assert_cmpfloat (point->b, ==, value_of (dataset, ids[k], years[i], "1480", NULL, NULL));
          g_assert_true (isnan (riket) ? isnan (point->riket) : point->riket == riket);
        }
    }
}

/* One row per indicator, theme by theme in manifest order. */
static void
test_model (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("uppsala-lan");
  AtlasComparison *comparison = compare (dataset, "0380", "0305", 2023, 0);
  GListModel *model = G_LIST_MODEL (comparison);
  GListModel *themes = atlas_dataset_get_themes (dataset);
  guint n = g_list_model_get_n_items (model);
  guint theme = 0;

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (atlas_dataset_get_indicators (dataset)));
  g_assert_true (g_list_model_get_item_type (model) == ATLAS_TYPE_COMPARISON_ROW);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (model, i);
      const char *id = atlas_indicator_get_theme_id (atlas_comparison_row_get_indicator (row));

      for (;; theme++)
        {
          g_autoptr(AtlasTheme) item = g_list_model_get_item (themes, theme);

          g_assert_nonnull (item);
          if (g_str_equal (atlas_theme_get_id (item), id))
            break;
        }
    }
  g_assert_finalize_object (comparison);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/comparison/differences", test_differences);
  g_test_add_func ("/comparison/percentage-points", test_percentage_points);
  g_test_add_func ("/comparison/polarity", test_polarity);
  g_test_add_func ("/comparison/polarity-equal", test_polarity_equal);
  g_test_add_func ("/comparison/missing", test_missing);
  g_test_add_func ("/comparison/references", test_references);
  g_test_add_func ("/comparison/mixed-levels", test_mixed_levels);
  g_test_add_func ("/comparison/category", test_category);
  g_test_add_func ("/comparison/since", test_since);
  g_test_add_func ("/comparison/sorting", test_sorting);
  g_test_add_func ("/comparison/errors", test_errors);
  g_test_add_func ("/comparison/format", test_format);
  g_test_add_func ("/comparison/trend", test_trend);
  g_test_add_func ("/comparison/model", test_model);

  return g_test_run ();
}
