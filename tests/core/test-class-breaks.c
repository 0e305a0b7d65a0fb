/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-core.h"

#define EPSILON 1e-9

static AtlasClassBreaks *
compute_ok (AtlasClassMethod  method,
            const double     *values,
            gsize             n_values,
            guint             n_classes)
{
  g_autoptr(GError) error = NULL;
  AtlasClassBreaks *breaks;

  breaks = atlas_class_breaks_compute (method, values, n_values, n_classes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (breaks);
  return breaks;
}

static void
assert_breaks (const AtlasClassBreaks *breaks,
               const double           *expected,
               guint                   n_expected)
{
  guint n_breaks;
  const double *b = atlas_class_breaks_get_breaks (breaks, &n_breaks);

  g_assert_cmpuint (n_breaks, ==, n_expected);
  g_assert_cmpuint (atlas_class_breaks_get_n_classes (breaks), ==, n_expected + 1);
  for (guint i = 0; i < n_breaks; i++)
    g_assert_cmpfloat_with_epsilon (b[i], expected[i], EPSILON);
}

/* Total within-class sum of squared deviations of the classes the breaks
 * assign the values to. */
static double
partition_ssq (const AtlasClassBreaks *breaks,
               const double           *values,
               gsize                   n)
{
  double sum[ATLAS_CLASS_MAX] = { 0 }, sum2[ATLAS_CLASS_MAX] = { 0 }, count[ATLAS_CLASS_MAX] = { 0 };
  double total = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      int c = atlas_class_breaks_classify (breaks, values[i]);

      sum[c] += values[i];
      sum2[c] += values[i] * values[i];
      count[c] += 1;
    }
  for (guint c = 0; c < ATLAS_CLASS_MAX; c++)
    {
      if (count[c] > 0)
        total += sum2[c] - sum[c] * sum[c] / count[c];
    }

  return total;
}

/* The SSQ of the values grouped by @labels, summed afresh (no rounding
 * carried over from other partitions). */
static double
labelled_ssq (const double *values,
              const guint  *labels,
              guint         n)
{
  double sum[ATLAS_CLASS_MAX] = { 0 }, sum2[ATLAS_CLASS_MAX] = { 0 }, count[ATLAS_CLASS_MAX] = { 0 };
  double total = 0.0;

  for (guint i = 0; i < n; i++)
    {
      sum[labels[i]] += values[i];
      sum2[labels[i]] += values[i] * values[i];
      count[labels[i]] += 1;
    }
  for (guint c = 0; c < ATLAS_CLASS_MAX; c++)
    {
      if (count[c] > 0)
        total += sum2[c] - sum[c] * sum[c] / count[c];
    }

  return total;
}

/* The least SSQ over every assignment of the values to at most k labels
 * (not only contiguous ones). Labels are enumerated as restricted growth
 * strings, so that each set partition is visited once. */
static double
brute_force_ssq (const double *values,
                 guint         n,
                 guint         k,
                 guint        *labels,
                 guint         i,
                 guint         n_used)
{
  double best = INFINITY;

  if (i == n)
    return labelled_ssq (values, labels, n);

  for (guint c = 0; c < MIN (n_used + 1, k); c++)
    {
      double ssq;

      labels[i] = c;
      ssq = brute_force_ssq (values, n, k, labels, i + 1, MAX (n_used, c + 1));
      best = MIN (best, ssq);
    }

  return best;
}

static void
assert_jenks_optimal (const double *values,
                      guint         n,
                      guint         k)
{
  g_autoptr(AtlasClassBreaks) breaks = compute_ok (ATLAS_CLASS_METHOD_JENKS, values, n, k);
  guint labels[16];
  double optimum;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (labels));
  optimum = brute_force_ssq (values, n, k, labels, 0, 0);

  g_assert_cmpuint (atlas_class_breaks_get_n_classes (breaks), ==, k);
  g_assert_cmpfloat_with_epsilon (partition_ssq (breaks, values, n), optimum,
                                  EPSILON * (1.0 + optimum));
}

static void
test_method_nicks (void)
{
  for (AtlasClassMethod m = ATLAS_CLASS_METHOD_QUANTILE; m <= ATLAS_CLASS_METHOD_MANUAL; m++)
    {
      AtlasClassMethod parsed;

      g_assert_true (atlas_class_method_from_nick (atlas_class_method_to_nick (m), &parsed));
      g_assert_cmpint (parsed, ==, m);
      g_assert_nonnull (atlas_class_method_describe (m));
    }
  g_assert_cmpstr (atlas_class_method_to_nick (ATLAS_CLASS_METHOD_EQUAL_INTERVAL), ==, "equal");
  g_assert_false (atlas_class_method_from_nick ("natural", &(AtlasClassMethod) { 0 }));
}

static void
test_jenks_brute_force (void)
{
  static const double skewed[] = { 1, 2, 3, 10, 11, 12, 30, 31, 90, 100, 101, 250 };
  static const double ties[] = { 4, 4, 4, 5, 5, 9, 9, 9, 9, 12, 20, 20 };
  static const double close[] = { 0.1, 0.15, 0.2, 0.9, 1.0, 1.05, 1.1, 2.5, 2.6, 7.0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);

  assert_jenks_optimal (skewed, 12, 3);
  assert_jenks_optimal (skewed, 10, 4);
  assert_jenks_optimal (ties, 12, 3);
  assert_jenks_optimal (ties, 10, 4);
  assert_jenks_optimal (close, 10, 3);
  assert_jenks_optimal (close, 10, 4);

  for (guint round = 0; round < 6; round++)
    {
      double values[12];

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        values[i] = g_rand_double_range (rand, -50.0, 50.0);
      assert_jenks_optimal (values, 12, 3);
      assert_jenks_optimal (values, 10, 4);
    }
}

/* The example of the Ckmeans.1d.dp documentation (Wang and Song 2011):
 * three clusters of sizes 4, 3 and 3 with means −1, 2 and 5. */
static void
test_jenks_textbook (void)
{
  static const double x[] = { -1, 2, -1, 2, 4, 5, 6, -1, 2, -1 };
  static const double expected[] = { -1, 2 };
  g_autoptr(AtlasClassBreaks) breaks = compute_ok (ATLAS_CLASS_METHOD_JENKS, x, 10, 3);
  gsize counts[3];

  assert_breaks (breaks, expected, 2);
  g_assert_cmpuint (atlas_class_breaks_count (breaks, x, 10, counts), ==, 0);
  g_assert_cmpuint (counts[0], ==, 4);
  g_assert_cmpuint (counts[1], ==, 3);
  g_assert_cmpuint (counts[2], ==, 3);
}

static void
test_equal_interval (void)
{
  static const double x[] = { 10, 0, 3, 7, 5, 1 };
  static const double expected[] = { 2, 4, 6, 8 };
  g_autoptr(AtlasClassBreaks) breaks = compute_ok (ATLAS_CLASS_METHOD_EQUAL_INTERVAL, x, 6, 5);

  assert_breaks (breaks, expected, 4);
  g_assert_cmpfloat (atlas_class_breaks_get_min (breaks), ==, 0);
  g_assert_cmpfloat (atlas_class_breaks_get_max (breaks), ==, 10);
  g_assert_cmpint (atlas_class_breaks_get_method (breaks), ==, ATLAS_CLASS_METHOD_EQUAL_INTERVAL);
}

static void
test_quantile (void)
{
  static const double x[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  static const double fifths[] = { 2, 4, 6, 8 };
  static const double thirds[] = { 4, 7 };
  g_autoptr(AtlasClassBreaks) five = compute_ok (ATLAS_CLASS_METHOD_QUANTILE, x, 10, 5);
  g_autoptr(AtlasClassBreaks) three = compute_ok (ATLAS_CLASS_METHOD_QUANTILE, x, 10, 3);
  gsize counts[3];

  assert_breaks (five, fifths, 4);
  /* ⌈10/3⌉ = 4 and ⌈20/3⌉ = 7 values at or below the breaks */
  assert_breaks (three, thirds, 2);
  atlas_class_breaks_count (three, x, 10, counts);
  g_assert_cmpuint (counts[0], ==, 4);
  g_assert_cmpuint (counts[1], ==, 3);
  g_assert_cmpuint (counts[2], ==, 3);
}

static void
test_quantile_ties (void)
{
  static const double x[] = { 1, 1, 1, 1, 1, 1, 2, 3, 4, 5 };
  /* Candidates x[2] = 1, x[4] = 1, x[7] = 3: the tied 1s merge. */
  static const double expected[] = { 1, 3 };
  g_autoptr(AtlasClassBreaks) breaks = compute_ok (ATLAS_CLASS_METHOD_QUANTILE, x, 10, 4);

  assert_breaks (breaks, expected, 2);
}

static void
test_stddev (void)
{
  /* mean 5, population σ 2 */
  static const double x[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  static const double even[] = { 3, 5, 7 };
  static const double odd[] = { 4, 6 };
  /* mean 1, σ √4.4: the break at 1 − σ/2 lies below the minimum */
  static const double skewed[] = { 0, 0, 0, 0, 0, 0, 0, 1, 2, 7 };
  double upper = 1.0 + 0.5 * sqrt (4.4);
  g_autoptr(AtlasClassBreaks) four = compute_ok (ATLAS_CLASS_METHOD_STDDEV, x, 8, 4);
  g_autoptr(AtlasClassBreaks) three = compute_ok (ATLAS_CLASS_METHOD_STDDEV, x, 8, 3);
  g_autoptr(AtlasClassBreaks) dropped = compute_ok (ATLAS_CLASS_METHOD_STDDEV, skewed, 10, 3);

  assert_breaks (four, even, 3);
  assert_breaks (three, odd, 2);
  assert_breaks (dropped, &upper, 1);
}

static void
test_skips_nan (void)
{
  static const double clean[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  double dirty[] = { NAN, 1, 2, 3, INFINITY, 4, 5, NAN, 6, 7, -INFINITY, 8, 9, NAN };

  for (AtlasClassMethod m = ATLAS_CLASS_METHOD_QUANTILE; m < ATLAS_CLASS_METHOD_MANUAL; m++)
    {
      g_autoptr(AtlasClassBreaks) a = compute_ok (m, clean, G_N_ELEMENTS (clean), 4);
      g_autoptr(AtlasClassBreaks) b = compute_ok (m, dirty, G_N_ELEMENTS (dirty), 4);

      g_assert_true (atlas_class_breaks_equal (a, b));
    }
}

static void
test_few_distinct_values (void)
{
  static const double x[] = { 7, 5, 9, 5, 7 };
  static const double expected[] = { 5, 7 };
  static const double same[] = { 3, 3, 3 };

  for (AtlasClassMethod m = ATLAS_CLASS_METHOD_QUANTILE; m < ATLAS_CLASS_METHOD_MANUAL; m++)
    {
      g_autoptr(AtlasClassBreaks) breaks = NULL;
      g_autoptr(AtlasClassBreaks) one = NULL;

      /* box and percentile maps keep their classes: see test_fixed_classes */
      if (atlas_class_method_is_fixed (m))
        continue;
      breaks = compute_ok (m, x, G_N_ELEMENTS (x), 5);
      one = compute_ok (m, same, G_N_ELEMENTS (same), 3);

      assert_breaks (breaks, expected, 2);
      assert_breaks (one, NULL, 0);
      g_assert_cmpint (atlas_class_breaks_classify (one, 3), ==, 0);
    }
}

/* Box maps of 5, 5, 7, 7, 9 by hand (type 7): Q1 = x[1] = 5, median =
 * x[2] = 7, Q3 = x[3] = 7, IQR 2, fences 2 and 10: six classes, the outlier
 * classes and median–Q3 (7 to 7) empty. Equal values are never outliers. */
static void
test_fixed_classes (void)
{
  static const double x[] = { 7, 5, 9, 5, 7 };
  static const double same[] = { 3, 3, 3 };
  static const double box[] = { 5, 7, 7, 10 };
  g_autoptr(AtlasClassBreaks) breaks = compute_ok (ATLAS_CLASS_METHOD_BOX, x, G_N_ELEMENTS (x), 5);
  g_autoptr(AtlasClassBreaks) flat = compute_ok (ATLAS_CLASS_METHOD_BOX3, same, G_N_ELEMENTS (same), 3);
  g_autoptr(AtlasClassBreaks) percentiles = compute_ok (ATLAS_CLASS_METHOD_PERCENTILE, x, G_N_ELEMENTS (x), 9);
  gsize counts[ATLAS_CLASS_MAX];
  const double *b;
  guint n;

  b = atlas_class_breaks_get_breaks (breaks, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (b[0], <, 2.0);
  g_assert_cmpfloat (b[0], >, 2.0 - 1e-12);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (b[i + 1], ==, box[i]);
  atlas_class_breaks_count (breaks, x, G_N_ELEMENTS (x), counts);
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 2);
  g_assert_cmpuint (counts[3], ==, 0);
  g_assert_cmpuint (counts[4], ==, 1);
  g_assert_cmpuint (counts[5], ==, 0);

  g_assert_cmpuint (atlas_class_breaks_get_n_classes (flat), ==, 6);
  g_assert_cmpint (atlas_class_breaks_classify (flat, 3), ==, 1);

  /* P1 = 5 + 0.04·0 = 5, P10 = 5, P50 = 7, P90: h = 3.6 → 7 + 0.6·2 = 8.2,
   * P99: h = 3.96 → 7 + 0.96·2 = 8.92 */
  b = atlas_class_breaks_get_breaks (percentiles, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (b[0], ==, 5);
  g_assert_cmpfloat (b[1], ==, 5);
  g_assert_cmpfloat (b[2], ==, 7);
  g_assert_cmpfloat_with_epsilon (b[3], 8.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (b[4], 8.92, 1e-12);
}

static void
test_errors (void)
{
  static const double x[] = { 1, 2, 3, 4, 5 };
  double nothing[] = { NAN, NAN };
  g_autoptr(GError) error = NULL;

  g_assert_null (atlas_class_breaks_compute (ATLAS_CLASS_METHOD_JENKS, nothing, 2, 3, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA);
  g_clear_error (&error);

  g_assert_null (atlas_class_breaks_compute (ATLAS_CLASS_METHOD_JENKS, x, 5, 2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (atlas_class_breaks_compute (ATLAS_CLASS_METHOD_QUANTILE, x, 5, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (atlas_class_breaks_compute (ATLAS_CLASS_METHOD_MANUAL, x, 5, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_manual (void)
{
  static const double good[] = { 1, 2.5, 4 };
  static const double unordered[] = { 1, 4, 2.5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasClassBreaks) breaks = NULL;

  breaks = atlas_class_breaks_new_manual (good, 3, 0, 5, &error);
  g_assert_no_error (error);
  assert_breaks (breaks, good, 3);
  g_assert_cmpint (atlas_class_breaks_get_method (breaks), ==, ATLAS_CLASS_METHOD_MANUAL);

  g_assert_null (atlas_class_breaks_new_manual (unordered, 3, 0, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (atlas_class_breaks_new_manual (good, 1, 0, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_classify_boundaries (void)
{
  static const double b[] = { 10, 20 };
  double values[] = { 10, 10.000001, 20, 21, -INFINITY, INFINITY, NAN, 9 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (b, 2, 0, 30, NULL);
  gsize counts[3];

  g_assert_cmpint (atlas_class_breaks_classify (breaks, 10), ==, 0);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, 10.000001), ==, 1);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, 20), ==, 1);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, 21), ==, 2);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, -INFINITY), ==, 0);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, INFINITY), ==, 2);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, NAN), ==, -1);

  g_assert_cmpuint (atlas_class_breaks_count (breaks, values, G_N_ELEMENTS (values), counts), ==, 1);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 2);
}

static void
test_boxed_and_equal (void)
{
  static const double x[] = { 1, 2, 4, 8, 16, 32 };
  g_autoptr(AtlasClassBreaks) a = compute_ok (ATLAS_CLASS_METHOD_JENKS, x, 6, 3);
  g_autoptr(AtlasClassBreaks) b = compute_ok (ATLAS_CLASS_METHOD_JENKS, x, 6, 3);
  g_autoptr(AtlasClassBreaks) c = compute_ok (ATLAS_CLASS_METHOD_QUANTILE, x, 6, 3);
  AtlasClassBreaks *copy;

  g_assert_true (atlas_class_breaks_equal (a, b));
  g_assert_false (atlas_class_breaks_equal (a, c));

  g_assert_true (G_TYPE_IS_BOXED (ATLAS_TYPE_CLASS_BREAKS));
  copy = g_boxed_copy (ATLAS_TYPE_CLASS_BREAKS, a);
  g_assert_true (copy == a);
  g_boxed_free (ATLAS_TYPE_CLASS_BREAKS, copy);
}

/* No partition next to the result is better: moving any boundary to the
 * neighbouring distinct value on either side does not lower the SSQ. */
static void
assert_locally_optimal (const AtlasClassBreaks *breaks,
                        const double           *sorted,
                        gsize                   n)
{
  guint n_breaks;
  const double *b = atlas_class_breaks_get_breaks (breaks, &n_breaks);
  double best = partition_ssq (breaks, sorted, n);

  for (guint i = 0; i < n_breaks; i++)
    {
      gsize at = 0;
      double moved[ATLAS_CLASS_MAX - 1];

      while (sorted[at] <= b[i])
        at++;
      /* sorted[at] is the next value above the break, sorted[at - 1] the break */
      for (int step = -1; step <= 1; step += 2)
        {
          g_autoptr(AtlasClassBreaks) other = NULL;
          gsize j = step < 0 ? at - 2 : at;

          if ((step < 0 && at < 2) || j >= n - 1)
            continue;
          memcpy (moved, b, n_breaks * sizeof (double));
          moved[i] = sorted[j];
          if ((i > 0 && moved[i] <= moved[i - 1]) || (i + 1 < n_breaks && moved[i] >= moved[i + 1]))
            continue;
          other = atlas_class_breaks_new_manual (moved, n_breaks, sorted[0], sorted[n - 1], NULL);
          g_assert_cmpfloat (partition_ssq (other, sorted, n), >=, best * (1.0 - 1e-12));
        }
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_jenks_large (void)
{
  const gsize n = 80000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(AtlasClassBreaks) breaks = NULL;

  /* A skewed mix, like incomes: many small values, a long tail */
  for (gsize i = 0; i < n; i++)
    values[i] = exp (g_rand_double_range (rand, 0.0, 4.0)) + g_rand_double (rand);

  breaks = compute_ok (ATLAS_CLASS_METHOD_JENKS, values, n, 9);
  g_assert_cmpuint (atlas_class_breaks_get_n_classes (breaks), ==, 9);

  qsort (values, n, sizeof (double), compare_doubles);
  assert_locally_optimal (breaks, values, n);
}

/* Packaged data: pooled breaks do not depend on the year asked for. */
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

static void
test_dataset_pooled (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "folkmangd");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(AtlasClassBreaks) first = NULL;
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  g_assert_nonnull (indicator);
  g_assert_nonnull (kommun);
  g_assert_cmpuint (n_years, >, 1);

  for (guint i = 0; i < n_years; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasClassBreaks) breaks = NULL;

      breaks = atlas_class_breaks_for_dataset (dataset, indicator, kommun, years[i], TRUE,
                                               ATLAS_CLASS_METHOD_JENKS, 5, &error);
      g_assert_no_error (error);
      if (first == NULL)
        first = atlas_class_breaks_ref (breaks);
      g_assert_true (atlas_class_breaks_equal (first, breaks));
    }
}

static void
test_dataset_one_year (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "folkmangd");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  guint n_years;
  guint year = atlas_dataset_get_years (dataset, &n_years)[n_years - 1];
  const double *values = atlas_dataset_peek_values (dataset, indicator, year, kommun);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasClassBreaks) direct = NULL;
  g_autoptr(AtlasClassBreaks) breaks = NULL;

  g_assert_nonnull (values);
  direct = compute_ok (ATLAS_CLASS_METHOD_QUANTILE, values, atlas_division_get_n_areas (kommun), 7);
  breaks = atlas_class_breaks_for_dataset (dataset, indicator, kommun, year, FALSE,
                                           ATLAS_CLASS_METHOD_QUANTILE, 7, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_class_breaks_equal (direct, breaks));

  g_assert_null (atlas_class_breaks_for_dataset (dataset, indicator, kommun, 1850, FALSE,
                                                 ATLAS_CLASS_METHOD_QUANTILE, 7, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* shares of area types exist from 2022 only */
  g_assert_null (atlas_class_breaks_for_dataset (dataset,
                                                 atlas_dataset_lookup_indicator (dataset, "omradestyp1_andel"),
                                                 kommun, 2015, FALSE,
                                                 ATLAS_CLASS_METHOD_JENKS, 5, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA);
}

static void
test_dataset_category (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("uppsala-lan");
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "omradestyp");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  guint n_years;
  guint year = atlas_dataset_get_years (dataset, &n_years)[0];
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (indicator);
  g_assert_nonnull (regso);
  g_assert_null (atlas_class_breaks_for_dataset (dataset, indicator, regso, year, FALSE,
                                                 ATLAS_CLASS_METHOD_QUANTILE, 5, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/class-breaks/method-nicks", test_method_nicks);
  g_test_add_func ("/class-breaks/jenks/brute-force", test_jenks_brute_force);
  g_test_add_func ("/class-breaks/jenks/textbook", test_jenks_textbook);
  g_test_add_func ("/class-breaks/jenks/large", test_jenks_large);
  g_test_add_func ("/class-breaks/equal-interval", test_equal_interval);
  g_test_add_func ("/class-breaks/quantile", test_quantile);
  g_test_add_func ("/class-breaks/quantile-ties", test_quantile_ties);
  g_test_add_func ("/class-breaks/stddev", test_stddev);
  g_test_add_func ("/class-breaks/skips-nan", test_skips_nan);
  g_test_add_func ("/class-breaks/few-distinct-values", test_few_distinct_values);
  g_test_add_func ("/class-breaks/fixed-classes", test_fixed_classes);
  g_test_add_func ("/class-breaks/errors", test_errors);
  g_test_add_func ("/class-breaks/manual", test_manual);
  g_test_add_func ("/class-breaks/classify-boundaries", test_classify_boundaries);
  g_test_add_func ("/class-breaks/boxed-and-equal", test_boxed_and_equal);
  g_test_add_func ("/class-breaks/dataset/pooled", test_dataset_pooled);
  g_test_add_func ("/class-breaks/dataset/one-year", test_dataset_one_year);
  g_test_add_func ("/class-breaks/dataset/category", test_dataset_category);

  return g_test_run ();
}
