/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-class-breaks.h"

/*
 * Class breaks for choropleth maps.
 *
 * Every method works on the finite values only (NaN and ±∞ are skipped) and
 * returns inner breaks; a value belongs to the first class whose upper
 * boundary is ≥ it. Two rules are shared by all methods:
 *
 * - When the data have no more distinct values than classes were asked for,
 *   every distinct value gets a class of its own (breaks at every distinct
 *   value but the largest). This is what each method tends to anyway, and
 *   it never produces duplicate breaks.
 * - A break that is not strictly above the previous one, or not strictly
 *   below the maximum, is dropped: it would only add an empty class. The
 *   result then has fewer classes than asked for.
 *
 * Methods, for n sorted finite values x[0] ≤ … ≤ x[n-1] and k classes:
 *
 * - quantile: break i (1 ≤ i < k) is x[⌈i·n/k⌉ − 1], the largest value of
 *   the first i·n/k values, so that class i holds the i-th k-quantile group.
 *   Tied values cannot be split (they classify alike), so breaks that fall
 *   inside a run of ties merge and the result has fewer classes.
 * - equal: breaks at min + i·(max − min)/k.
 * - jenks: the partition into k contiguous groups with the least total
 *   within-group sum of squared deviations, computed exactly by dynamic
 *   programming (see jenks_breaks()); each break is the largest value of
 *   its group.
 * - stddev: classes of one standard deviation σ (population σ, divided by
 *   n) centred on the mean m: breaks at m + j·σ with j = −(k/2 − 1) … (k/2 − 1)
 *   for even k (the mean is a break) and j = ±0.5, ±1.5, … for odd k (the
 *   middle class straddles the mean). Breaks outside [min, max] are dropped.
 *
 * Box and percentile maps have fixed classes with a meaning of their own,
 * so none of their breaks is dropped: a class no value falls in stays, and
 * the legend shows it empty (an outlier class with no areas says there are
 * no outliers). Their quantile Q(p) is the linear interpolation between
 * order statistics (Hyndman and Fan type 7, as R's quantile() default and
 * Excel's KVARTIL.INK/QUARTILE.INC): with h = (n − 1)·p,
 * Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 *
 * - box (hinge 1.5) and box3 (hinge 3.0): Q1 = Q(0.25), median = Q(0.5),
 *   Q3 = Q(0.75), IQR = Q3 − Q1; breaks at Q1 − hinge·IQR, Q1, median, Q3,
 *   Q3 + hinge·IQR. Classes: lower outliers (strictly below the lower
 *   fence: the first break is the double just below it), up to Q1,
 *   Q1 to the median, the median to Q3, Q3 to the upper fence, upper
 *   outliers (above the upper fence).
 * - percentile: breaks at Q(0.01), Q(0.10), Q(0.50), Q(0.90), Q(0.99);
 *   classes < 1 %, 1–10 %, 10–50 %, 50–90 %, 90–99 %, > 99 % (to the
 *   maximum, 100 %).
 *
 * Tied breaks (Q1 = median when many values are equal) are kept too: the
 * later of two equal breaks closes an empty class.
 */

struct _AtlasClassBreaks
{
  gatomicrefcount  ref;
  AtlasClassMethod method;
  guint            n_breaks;
  guint            n_requested;  /* classes asked for; n_breaks + 1 may be fewer */
  double           min;
  double           max;
  gboolean         centred;      /* atlas_class_breaks_compute_centred() */
  double           breaks[ATLAS_CLASS_MAX - 1];
};

G_DEFINE_BOXED_TYPE (AtlasClassBreaks, atlas_class_breaks,
                     atlas_class_breaks_ref, atlas_class_breaks_unref)

static const char * const method_nicks[] = {
  [ATLAS_CLASS_METHOD_QUANTILE] = "quantile",
  [ATLAS_CLASS_METHOD_EQUAL_INTERVAL] = "equal",
  [ATLAS_CLASS_METHOD_JENKS] = "jenks",
  [ATLAS_CLASS_METHOD_STDDEV] = "stddev",
  [ATLAS_CLASS_METHOD_BOX] = "box",
  [ATLAS_CLASS_METHOD_BOX3] = "box3",
  [ATLAS_CLASS_METHOD_PERCENTILE] = "percentile",
  [ATLAS_CLASS_METHOD_MANUAL] = "manual",
};

/**
 * atlas_class_method_to_nick:
 * @method: a classification method
 *
 * Returns: (transfer none): the stable machine name ("quantile", "equal",
 *   "jenks", "stddev", "box", "box3", "percentile", "manual")
 */
const char *
atlas_class_method_to_nick (AtlasClassMethod method)
{
  g_return_val_if_fail (method <= ATLAS_CLASS_METHOD_MANUAL, NULL);

  return method_nicks[method];
}

/**
 * atlas_class_method_from_nick:
 * @nick: a machine name from atlas_class_method_to_nick()
 * @method: (out): the method
 *
 * Returns: %TRUE when @nick names a method
 */
gboolean
atlas_class_method_from_nick (const char       *nick,
                              AtlasClassMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (method_nicks); i++)
    {
      if (g_strcmp0 (nick, method_nicks[i]) == 0)
        {
          *method = (AtlasClassMethod) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * atlas_class_method_describe:
 * @method: a classification method
 *
 * Returns: (transfer none): the translated name shown to users
 */
const char *
atlas_class_method_describe (AtlasClassMethod method)
{
  switch (method)
    {
    case ATLAS_CLASS_METHOD_QUANTILE:
      return _("Quantiles");
    case ATLAS_CLASS_METHOD_EQUAL_INTERVAL:
      return _("Equal intervals");
    case ATLAS_CLASS_METHOD_JENKS:
      return _("Natural breaks (Jenks)");
    case ATLAS_CLASS_METHOD_STDDEV:
      return _("Standard deviation");
    case ATLAS_CLASS_METHOD_BOX:
      return _("Box map (hinge 1.5)");
    case ATLAS_CLASS_METHOD_BOX3:
      return _("Box map (hinge 3.0)");
    case ATLAS_CLASS_METHOD_PERCENTILE:
      return _("Percentile map");
    case ATLAS_CLASS_METHOD_MANUAL:
      return _("Manual");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * atlas_class_method_is_fixed:
 * @method: a classification method
 *
 * Returns: %TRUE for the box and percentile maps, whose six classes are
 *   fixed by their meaning (and may be empty) whatever count is asked for
 */
gboolean
atlas_class_method_is_fixed (AtlasClassMethod method)
{
  return method == ATLAS_CLASS_METHOD_BOX || method == ATLAS_CLASS_METHOD_BOX3
         || method == ATLAS_CLASS_METHOD_PERCENTILE;
}

/**
 * atlas_quantile_sorted:
 * @sorted: (array length=n): finite values, ascending
 * @n: how many, at least one
 * @p: the probability, 0 to 1
 *
 * The type 7 quantile (linear interpolation between order statistics, see
 * the top of this file), the definition box and percentile maps use.
 *
 * Returns: Q(@p)
 */
double
atlas_quantile_sorted (const double *sorted,
                       gsize         n,
                       double        p)
{
  double h, lower;
  gsize i;

  g_return_val_if_fail (sorted != NULL && n > 0, NAN);
  g_return_val_if_fail (p >= 0.0 && p <= 1.0, NAN);

  h = (n - 1) * p;
  lower = floor (h);
  i = (gsize) lower;
  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (h - lower) * (sorted[i + 1] - sorted[i]);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The finite values, sorted ascending. */
static GArray *
sorted_finite_values (const double *values,
                      gsize         n_values)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);

  for (gsize i = 0; i < n_values; i++)
    {
      if (isfinite (values[i]))
        g_array_append_val (sorted, values[i]);
    }

  g_array_sort (sorted, compare_doubles);
  return sorted;
}

/* Distinct values of sorted @x and how often each occurs. */
static void
distinct_values (const double *x,
                 gsize         n,
                 GArray       *unique,
                 GArray       *weights)
{
  for (gsize i = 0; i < n; i++)
    {
      if (unique->len > 0 && g_array_index (unique, double, unique->len - 1) == x[i])
        {
          g_array_index (weights, double, weights->len - 1) += 1.0;
        }
      else
        {
          double one = 1.0;

          g_array_append_val (unique, x[i]);
          g_array_append_val (weights, one);
        }
    }
}

static AtlasClassBreaks *
class_breaks_new (AtlasClassMethod method,
                  double           min,
                  double           max)
{
  AtlasClassBreaks *self = g_new0 (AtlasClassBreaks, 1);

  g_atomic_ref_count_init (&self->ref);
  self->method = method;
  self->min = min;
  self->max = max;
  return self;
}

/* Appends a candidate break, dropping those that would add an empty class. */
static void
add_break (AtlasClassBreaks *self,
           double            value)
{
  if (!isfinite (value) || value >= self->max || value < self->min)
    return;
  if (self->n_breaks > 0 && value <= self->breaks[self->n_breaks - 1])
    return;

  g_assert (self->n_breaks < G_N_ELEMENTS (self->breaks));
  self->breaks[self->n_breaks++] = value;
}

static void
quantile_breaks (AtlasClassBreaks *self,
                 const double     *x,
                 gsize             n,
                 guint             k)
{
  for (guint i = 1; i < k; i++)
    {
      /* ⌈i·n/k⌉ − 1, in integers to avoid rounding surprises */
      gsize index = (i * n + k - 1) / k - 1;

      add_break (self, x[index]);
    }
}

static void
equal_interval_breaks (AtlasClassBreaks *self,
                       guint             k)
{
  double width = (self->max - self->min) / k;

  for (guint i = 1; i < k; i++)
    add_break (self, self->min + i * width);
}

static void
stddev_breaks (AtlasClassBreaks *self,
               const double     *x,
               gsize             n,
               guint             k)
{
  double mean = 0.0;
  double ss = 0.0;
  double sigma;
  /* First multiple of σ: −(k/2 − 1) for even k, −(k − 2)/2 for odd k;
   * both are −(k − 2)/2 and the steps are 1. */
  double first = -((double) k - 2.0) / 2.0;

  for (gsize i = 0; i < n; i++)
    mean += x[i];
  mean /= n;
  for (gsize i = 0; i < n; i++)
    ss += (x[i] - mean) * (x[i] - mean);
  sigma = sqrt (ss / n);

  for (guint i = 0; i + 1 < k; i++)
    add_break (self, mean + (first + i) * sigma);
}

/*
 * Exact Jenks natural breaks: optimal 1-D k-means by dynamic programming.
 *
 * On the m distinct sorted values u[0..m-1] with weights w (how often each
 * occurs), D[c][i] is the least within-group sum of squares of u[0..i] split
 * into c+1 groups:
 *
 *   D[c][i] = min over c ≤ j ≤ i of D[c-1][j-1] + SSQ(j, i)
 *
 * The smallest optimal j is non-decreasing in i (SSQ satisfies the quadrangle
 * inequality), so each row is filled by divide and conquer in O(m log m):
 * solve the middle i over its allowed j range, then the left half with j up
 * to that optimum and the right half with j from it. Working on distinct
 * values is exact too: some optimal partition never splits equal values
 * (assign each value to the nearest optimal group mean and the cost does not
 * grow), and it makes pooled data with many ties cheaper.
 */
typedef struct
{
  const double *u;
  gsize         m;
  /* prefix sums of w, w·(u − shift), w·(u − shift)² over u[0..i-1] */
  double       *sw;
  double       *swx;
  double       *swxx;
  double       *prev;   /* D[c-1][·] */
  double       *cur;    /* D[c][·] */
  gsize        *arg;    /* first index of the last group, per row */
} Jenks;

static double
jenks_ssq (const Jenks *jk,
           gsize        j,
           gsize        i)
{
  double w = jk->sw[i + 1] - jk->sw[j];
  double s = jk->swx[i + 1] - jk->swx[j];
  double ss = jk->swxx[i + 1] - jk->swxx[j];
  double r = ss - s * s / w;

  return r > 0.0 ? r : 0.0;
}

static void
jenks_fill (Jenks *jk,
            gsize  c,
            gsize *row_arg,
            gssize lo,
            gssize hi,
            gsize  jlo,
            gsize  jhi)
{
  gsize mid, best_j, j_end;
  double best = INFINITY;

  if (lo > hi)
    return;

  mid = (gsize) (lo + hi) / 2;
  best_j = MAX (jlo, c);
  j_end = MIN (mid, jhi);
  for (gsize j = MAX (jlo, c); j <= j_end; j++)
    {
      double cost = jk->prev[j - 1] + jenks_ssq (jk, j, mid);

      if (cost < best)
        {
          best = cost;
          best_j = j;
        }
    }

  jk->cur[mid] = best;
  row_arg[mid] = best_j;
  jenks_fill (jk, c, row_arg, lo, (gssize) mid - 1, jlo, best_j);
  jenks_fill (jk, c, row_arg, (gssize) mid + 1, hi, best_j, jhi);
}

static void
jenks_prefix_sums (Jenks        *jk,
                   const double *weights)
{
  /* Shifting by the middle value keeps the sums small: fewer digits lost
   * when SSQ subtracts two large numbers. */
  double shift = jk->u[jk->m / 2];

  jk->sw[0] = jk->swx[0] = jk->swxx[0] = 0.0;
  for (gsize i = 0; i < jk->m; i++)
    {
      double d = jk->u[i] - shift;

      jk->sw[i + 1] = jk->sw[i] + weights[i];
      jk->swx[i + 1] = jk->swx[i] + weights[i] * d;
      jk->swxx[i + 1] = jk->swxx[i] + weights[i] * d * d;
    }
}

/* Requires k ≤ m (fewer distinct values are handled by the caller). */
static void
jenks_breaks (AtlasClassBreaks *self,
              const double     *u,
              const double     *weights,
              gsize             m,
              guint             k)
{
  Jenks jk = { .u = u, .m = m };
  g_autofree double *sums = g_new (double, 3 * (m + 1) + 2 * m);
  g_autofree gsize *arg = g_new (gsize, (gsize) k * m);
  gsize ends[ATLAS_CLASS_MAX];
  gsize end = m - 1;

  jk.sw = sums;
  jk.swx = sums + (m + 1);
  jk.swxx = sums + 2 * (m + 1);
  jk.prev = sums + 3 * (m + 1);
  jk.cur = jk.prev + m;
  jk.arg = arg;
  jenks_prefix_sums (&jk, weights);

  for (gsize i = 0; i < m; i++)
    {
      jk.cur[i] = jenks_ssq (&jk, 0, i);
      arg[i] = 0;
    }
  for (gsize c = 1; c < k; c++)
    {
      double *tmp = jk.prev;

      jk.prev = jk.cur;
      jk.cur = tmp;
      jenks_fill (&jk, c, arg + c * m, (gssize) c, (gssize) m - 1, c, m - 1);
    }

  /* Walk back from the last group to find where each group ends. */
  for (guint c = k; c-- > 0;)
    {
      ends[c] = end;
      if (c > 0)
        end = arg[c * m + end] - 1;
    }
  for (guint c = 0; c + 1 < k; c++)
    add_break (self, u[ends[c]]);
}

/* Breaks kept as they are, ties and empty classes included (see the top of
 * this file). */
static void
fixed_breaks (AtlasClassBreaks *self,
              const double     *x,
              gsize             n)
{
  static const double percentiles[] = { 0.01, 0.10, 0.50, 0.90, 0.99 };
  double b[ATLAS_CLASS_FIXED_CLASSES - 1];

  if (self->method == ATLAS_CLASS_METHOD_PERCENTILE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (percentiles); i++)
        b[i] = atlas_quantile_sorted (x, n, percentiles[i]);
    }
  else
    {
      double hinge = self->method == ATLAS_CLASS_METHOD_BOX3 ? 3.0 : 1.5;
      double q1 = atlas_quantile_sorted (x, n, 0.25);
      double q3 = atlas_quantile_sorted (x, n, 0.75);

      /* Outliers lie strictly beyond the fence: the break is the largest
       * number below it, so that with the boundary rule (≤) a value on
       * the fence is not an outlier, and ties at Q1 with no spread
       * (IQR = 0) are not outliers either. */
      b[0] = nextafter (q1 - hinge * (q3 - q1), -INFINITY);
      b[1] = q1;
      b[2] = atlas_quantile_sorted (x, n, 0.5);
      b[3] = q3;
      b[4] = q3 + hinge * (q3 - q1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    self->breaks[i] = i > 0 ? MAX (b[i], b[i - 1]) : b[i];
  self->n_breaks = G_N_ELEMENTS (b);
}

static gboolean
check_n_classes (guint    n_classes,
                 GError **error)
{
  if (n_classes >= ATLAS_CLASS_MIN && n_classes <= ATLAS_CLASS_MAX)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Cannot make %u classes: the number of classes must be from %d to %d"),
               n_classes, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX);
  return FALSE;
}

static void
compute_by_method (AtlasClassBreaks *self,
                   const double     *x,
                   gsize             n,
                   GArray           *unique,
                   GArray           *weights,
                   guint             k)
{
  switch (self->method)
    {
    case ATLAS_CLASS_METHOD_QUANTILE:
      quantile_breaks (self, x, n, k);
      break;
    case ATLAS_CLASS_METHOD_EQUAL_INTERVAL:
      equal_interval_breaks (self, k);
      break;
    case ATLAS_CLASS_METHOD_JENKS:
      jenks_breaks (self, (const double *) unique->data,
                    (const double *) weights->data, unique->len, k);
      break;
    case ATLAS_CLASS_METHOD_STDDEV:
      stddev_breaks (self, x, n, k);
      break;
    case ATLAS_CLASS_METHOD_MANUAL:
    default:
      g_assert_not_reached ();
    }
}

/**
 * atlas_class_breaks_compute:
 * @method: how to place the breaks; not %ATLAS_CLASS_METHOD_MANUAL
 * @values: (array length=n_values): the data; NaN and infinite values are
 *   skipped
 * @n_values: the number of values
 * @n_classes: how many classes, %ATLAS_CLASS_MIN to %ATLAS_CLASS_MAX;
 *   box and percentile maps always make %ATLAS_CLASS_FIXED_CLASSES
 * @error: return location for a #GError
 *
 * Computes class breaks; see the comment at the top of this file for each
 * method's exact definition. The result may have fewer classes than asked
 * for, never empty duplicate ones.
 *
 * Errors: %G_IO_ERROR_INVALID_ARGUMENT for a class count out of range or the
 * manual method, %ATLAS_DATASET_ERROR_NO_DATA when no value is finite.
 *
 * Returns: (transfer full) (nullable): the breaks
 */
AtlasClassBreaks *
atlas_class_breaks_compute (AtlasClassMethod  method,
                            const double     *values,
                            gsize             n_values,
                            guint             n_classes,
                            GError          **error)
{
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GArray) unique = NULL;
  g_autoptr(GArray) weights = NULL;
  AtlasClassBreaks *self;
  const double *x;

  g_return_val_if_fail (values != NULL || n_values == 0, NULL);
  g_return_val_if_fail (method <= ATLAS_CLASS_METHOD_MANUAL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (method == ATLAS_CLASS_METHOD_MANUAL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Manual class breaks are given, not computed"));
      return NULL;
    }
  if (!check_n_classes (n_classes, error))
    return NULL;

  sorted = sorted_finite_values (values, n_values);
  if (sorted->len == 0)
    {
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                           _("There are no values to classify"));
      return NULL;
    }

  x = (const double *) sorted->data;
  unique = g_array_new (FALSE, FALSE, sizeof (double));
  weights = g_array_new (FALSE, FALSE, sizeof (double));
  distinct_values (x, sorted->len, unique, weights);

  self = class_breaks_new (method, x[0], x[sorted->len - 1]);
  self->n_requested = n_classes;
  if (atlas_class_method_is_fixed (method))
    {
      self->n_requested = ATLAS_CLASS_FIXED_CLASSES;
      fixed_breaks (self, x, sorted->len);
    }
  else if (unique->len <= n_classes)
    {
      for (guint i = 0; i + 1 < unique->len; i++)
        add_break (self, g_array_index (unique, double, i));
    }
  else
    {
      compute_by_method (self, x, sorted->len, unique, weights, n_classes);
    }

  return self;
}

/* The magnitudes of the non-zero values, sorted. */
static GArray *
sorted_magnitudes (const double *values,
                   gsize         n_values)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);

  for (gsize i = 0; i < n_values; i++)
    {
      if (isfinite (values[i]) && values[i] != 0.0)
        {
          double magnitude = fabs (values[i]);

          g_array_append_val (sorted, magnitude);
        }
    }
  g_array_sort (sorted, compare_doubles);
  return sorted;
}

/**
 * atlas_class_breaks_compute_centred:
 * @values: (array length=n_values): changes or other signed values; NaN
 *   and infinite values are skipped
 * @n_values: the number of values
 * @n_classes: how many classes, %ATLAS_CLASS_MIN to %ATLAS_CLASS_MAX; an
 *   odd count is rounded up (9 down) to an even one, so that zero is a break
 * @error: return location for a #GError
 *
 * Class breaks for a diverging palette centred on zero (change maps): half
 * the classes below zero, half above, and the breaks on both sides mirror
 * each other. With m classes a side, the magnitudes are the j/m quantiles
 * (j = 1 … m − 1, type 7 as for box maps) of the absolute non-zero values,
 * so that each side holds classes of growing size of change, alike in both
 * directions. Zero belongs to the class below it (the boundary rule). A
 * magnitude that repeats the previous one is dropped (fewer classes).
 * The method reads as %ATLAS_CLASS_METHOD_QUANTILE and
 * atlas_class_breaks_is_centred() is %TRUE.
 *
 * Errors: as for atlas_class_breaks_compute().
 *
 * Returns: (transfer full) (nullable): the breaks
 */
AtlasClassBreaks *
atlas_class_breaks_compute_centred (const double *values,
                                    gsize         n_values,
                                    guint         n_classes,
                                    GError      **error)
{
  g_autoptr(GArray) finite = NULL;
  g_autoptr(GArray) magnitudes = NULL;
  double side[ATLAS_CLASS_MAX / 2];
  guint m, n_side = 0;
  AtlasClassBreaks *self;

  g_return_val_if_fail (values != NULL || n_values == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_n_classes (n_classes, error))
    return NULL;
  finite = sorted_finite_values (values, n_values);
  if (finite->len == 0)
    {
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                           _("There are no values to classify"));
      return NULL;
    }

  m = MIN ((n_classes + 1) / 2, ATLAS_CLASS_MAX / 2);
  magnitudes = sorted_magnitudes (values, n_values);
  for (guint j = 1; j < m && magnitudes->len > 0; j++)
    {
      double a = atlas_quantile_sorted ((const double *) magnitudes->data, magnitudes->len,
                                        (double) j / m);

      if (a > 0.0 && (n_side == 0 || a > side[n_side - 1]))
        side[n_side++] = a;
    }

  self = class_breaks_new (ATLAS_CLASS_METHOD_QUANTILE,
                           g_array_index (finite, double, 0),
                           g_array_index (finite, double, finite->len - 1));
  self->centred = TRUE;
  self->n_requested = 2 * m;
  for (guint j = n_side; j-- > 0;)
    self->breaks[self->n_breaks++] = -side[j];
  self->breaks[self->n_breaks++] = 0.0;
  for (guint j = 0; j < n_side; j++)
    self->breaks[self->n_breaks++] = side[j];
  return self;
}

/**
 * atlas_class_breaks_is_centred:
 * @self: breaks
 *
 * Returns: %TRUE for breaks from atlas_class_breaks_compute_centred()
 */
gboolean
atlas_class_breaks_is_centred (const AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->centred;
}

/**
 * atlas_class_breaks_get_n_requested:
 * @self: class breaks
 *
 * Returns: the number of classes asked for; more than
 *   atlas_class_breaks_get_n_classes() when the values have too few
 *   distinct values for them
 */
guint
atlas_class_breaks_get_n_requested (const AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return MAX (self->n_requested, self->n_breaks + 1);
}

/**
 * atlas_class_breaks_new_manual:
 * @breaks: (array length=n_breaks): inner breaks, strictly ascending
 * @n_breaks: 2 to 8 breaks (3 to 9 classes)
 * @min: the smallest value of the data
 * @max: the largest value of the data
 * @error: return location for a #GError
 *
 * Errors: %G_IO_ERROR_INVALID_ARGUMENT when the breaks are not finite, not
 * strictly ascending, or too few or too many.
 *
 * Returns: (transfer full) (nullable): the breaks
 */
AtlasClassBreaks *
atlas_class_breaks_new_manual (const double  *breaks,
                               guint          n_breaks,
                               double         min,
                               double         max,
                               GError       **error)
{
  AtlasClassBreaks *self;

  g_return_val_if_fail (breaks != NULL || n_breaks == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_n_classes (n_breaks + 1, error))
    return NULL;

  for (guint i = 0; i < n_breaks; i++)
    {
      if (!isfinite (breaks[i]) || (i > 0 && breaks[i] <= breaks[i - 1]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Class break %u is not a number above the previous break; "
                         "breaks must be strictly ascending"), i + 1);
          return NULL;
        }
    }

  self = class_breaks_new (ATLAS_CLASS_METHOD_MANUAL, min, max);
  self->n_requested = n_breaks + 1;
  memcpy (self->breaks, breaks, n_breaks * sizeof (double));
  self->n_breaks = n_breaks;
  return self;
}

/**
 * atlas_class_breaks_ref:
 * @self: breaks
 *
 * Returns: (transfer full): @self
 */
AtlasClassBreaks *
atlas_class_breaks_ref (AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * atlas_class_breaks_unref:
 * @self: (transfer full): breaks
 */
void
atlas_class_breaks_unref (AtlasClassBreaks *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref))
    g_free (self);
}

AtlasClassMethod
atlas_class_breaks_get_method (const AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, ATLAS_CLASS_METHOD_QUANTILE);

  return self->method;
}

guint
atlas_class_breaks_get_n_classes (const AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_breaks + 1;
}

/**
 * atlas_class_breaks_get_breaks:
 * @self: breaks
 * @n_breaks: (out): the number of inner breaks, n_classes − 1
 *
 * Returns: (transfer none) (array length=n_breaks): the inner breaks,
 *   strictly ascending (box and percentile maps: ascending, ties kept)
 */
const double *
atlas_class_breaks_get_breaks (const AtlasClassBreaks *self,
                               guint                  *n_breaks)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_breaks != NULL, NULL);

  *n_breaks = self->n_breaks;
  return self->breaks;
}

double
atlas_class_breaks_get_min (const AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  return self->min;
}

double
atlas_class_breaks_get_max (const AtlasClassBreaks *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  return self->max;
}

/**
 * atlas_class_breaks_classify:
 * @self: breaks
 * @value: a value
 *
 * Returns: the index of the first class whose upper boundary is ≥ @value
 *   (values above every break fall in the last class), or -1 for NaN
 */
int
atlas_class_breaks_classify (const AtlasClassBreaks *self,
                             double                  value)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, -1);

  if (isnan (value))
    return -1;

  /* Binary search for the first break ≥ value. */
  hi = self->n_breaks;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->breaks[mid] >= value)
        hi = mid;
      else
        lo = mid + 1;
    }

  return (int) lo;
}

/**
 * atlas_class_breaks_count:
 * @self: breaks
 * @values: (array length=n_values): values to classify
 * @n_values: the number of values
 * @counts: (out caller-allocates): one count for each class
 *
 * Returns: how many of @values are NaN (in no class)
 */
gsize
atlas_class_breaks_count (const AtlasClassBreaks *self,
                          const double           *values,
                          gsize                   n_values,
                          gsize                  *counts)
{
  return atlas_class_breaks_count_included (self, values, NULL, n_values, counts);
}

/**
 * atlas_class_breaks_count_included:
 * @self: breaks
 * @values: (array length=n_values): values to classify
 * @include: (array length=n_values) (nullable): which values count
 * @n_values: the number of values
 * @counts: (out caller-allocates): one count for each class
 *
 * Returns: how many of the included values are NaN (in no class)
 */
gsize
atlas_class_breaks_count_included (const AtlasClassBreaks *self,
                                   const double           *values,
                                   const gboolean         *include,
                                   gsize                   n_values,
                                   gsize                  *counts)
{
  gsize missing = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);
  g_return_val_if_fail (counts != NULL, 0);

  memset (counts, 0, (self->n_breaks + 1) * sizeof (gsize));
  for (gsize i = 0; i < n_values; i++)
    {
      int index;

      if (include != NULL && !include[i])
        continue;
      index = atlas_class_breaks_classify (self, values[i]);
      if (index < 0)
        missing++;
      else
        counts[index]++;
    }

  return missing;
}

/**
 * atlas_class_breaks_equal:
 * @a: breaks
 * @b: breaks
 *
 * Returns: %TRUE when both have the same method, breaks, minimum and maximum
 *   (compared exactly: the app and the CLI must agree to the last bit)
 */
gboolean
atlas_class_breaks_equal (const AtlasClassBreaks *a,
                          const AtlasClassBreaks *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->method != b->method || a->n_breaks != b->n_breaks || a->centred != b->centred)
    return FALSE;
  if (a->min != b->min || a->max != b->max)
    return FALSE;

  for (guint i = 0; i < a->n_breaks; i++)
    {
      if (a->breaks[i] != b->breaks[i])
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_category_indicator (AtlasIndicator *indicator)
{
  return atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY ||
         atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_CATEGORY;
}

/* Appends the division's values for one year; FALSE for a year the
 * package does not have. */
static gboolean
collect_year (AtlasDataset   *dataset,
              AtlasIndicator *indicator,
              AtlasDivision  *division,
              guint           year,
              GArray         *values)
{
  const double *v = atlas_dataset_peek_values (dataset, indicator, year, division);

  if (v == NULL)
    return FALSE;

  g_array_append_vals (values, v, atlas_division_get_n_areas (division));
  return TRUE;
}

static GArray *
collect_values (AtlasDataset    *dataset,
                AtlasIndicator  *indicator,
                AtlasDivision   *division,
                guint            year,
                gboolean         pooled,
                GError         **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  if (pooled)
    {
      guint n_years;
      const guint *years = atlas_dataset_get_years (dataset, &n_years);

      for (guint i = 0; i < n_years; i++)
        collect_year (dataset, indicator, division, years[i], values);
    }
  else if (!collect_year (dataset, indicator, division, year, values))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The package “%s” has no values for the year %u"),
                   atlas_dataset_get_id (dataset), year);
      return NULL;
    }

  return g_steal_pointer (&values);
}

/**
 * atlas_class_breaks_for_dataset:
 * @dataset: a dataset
 * @indicator: an indicator of @dataset (not a category indicator)
 * @division: a division of @dataset
 * @year: the year to classify; ignored when @pooled
 * @pooled: classify the values of every year of the package together, so
 *   that a colour means the same value in every year
 * @method: how to place the breaks (not manual)
 * @n_classes: how many classes, %ATLAS_CLASS_MIN to %ATLAS_CLASS_MAX
 * @error: return location for a #GError
 *
 * The one place the app and the CLI compute breaks from a dataset.
 *
 * Errors: %G_IO_ERROR_INVALID_ARGUMENT for a category indicator (its codes
 * are shown with their own colours, not classified) and as for
 * atlas_class_breaks_compute(); %ATLAS_DATASET_ERROR_UNKNOWN for a year not in
 * the package; %ATLAS_DATASET_ERROR_NO_DATA when there are no values.
 *
 * Returns: (transfer full) (nullable): the breaks
 */
AtlasClassBreaks *
atlas_class_breaks_for_dataset (AtlasDataset      *dataset,
                                AtlasIndicator    *indicator,
                                AtlasDivision     *division,
                                guint              year,
                                gboolean           pooled,
                                AtlasClassMethod   method,
                                guint              n_classes,
                                GError           **error)
{
  g_autoptr(GArray) values = NULL;
  g_autoptr(GError) local_error = NULL;
  AtlasClassBreaks *breaks;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_category_indicator (indicator))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” holds categories, which are shown with their own colours "
                     "and cannot be classified"),
                   atlas_indicator_get_id (indicator));
      return NULL;
    }

  values = collect_values (dataset, indicator, division, year, pooled, error);
  if (values == NULL)
    return NULL;

  breaks = atlas_class_breaks_compute (method, (const double *) values->data,
                                       values->len, n_classes, &local_error);
  if (breaks == NULL &&
      g_error_matches (local_error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA))
    {
      if (pooled)
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                     _("“%s” has no values at the level “%s” in any year"),
                     atlas_indicator_get_id (indicator), atlas_division_get_id (division));
      else
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                     _("“%s” has no values at the level “%s” in %u"),
                     atlas_indicator_get_id (indicator), atlas_division_get_id (division), year);
      return NULL;
    }
  if (breaks == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return breaks;
}
