/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis.h"
#include "atlas-problem-flags.h"

struct _AtlasProblemFlags
{
  gatomicrefcount  ref;
  AtlasDataset    *dataset;
  AtlasDivision   *division;
  guint            year;
  double           share;
  GArray          *thresholds; /* AtlasFlagThreshold; the indicator is a strong ref */
  guint8          *cells;      /* per area × indicator: CELL_* */
  guint           *counts;     /* per area */
  gboolean         demonstration;
};

enum
{
  CELL_FLAGGED = 1 << 0,
  CELL_MISSING = 1 << 1,
};

G_DEFINE_BOXED_TYPE (AtlasProblemFlags, atlas_problem_flags,
                     atlas_problem_flags_ref, atlas_problem_flags_unref)

static gboolean
has_polarity (AtlasIndicator *indicator)
{
  return atlas_indicator_get_polarity (indicator) != ATLAS_POLARITY_NEUTRAL &&
         atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY;
}

/**
 * atlas_problem_flags_dup_default_indicators:
 * @dataset: a dataset
 *
 * Returns: (transfer full) (element-type AtlasIndicator): the indicators
 *   flagged when none are named: those of kind "indicator" with a polarity
 */
GPtrArray *
atlas_problem_flags_dup_default_indicators (AtlasDataset *dataset)
{
  GListModel *model = atlas_dataset_get_indicators (dataset);
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (model, i);

      if (atlas_indicator_get_kind (indicator) == ATLAS_INDICATOR_KIND_INDICATOR &&
          has_polarity (indicator))
        g_ptr_array_add (chosen, g_steal_pointer (&indicator));
    }

  return chosen;
}

static gboolean
check_request (AtlasDataset  *dataset,
               guint          year,
               double         share,
               GPtrArray     *indicators,
               GError       **error)
{
  if (!(share > 0.0 && share <= 100.0))
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("The share of areas to flag must be more than 0 and at most 100 percent, "
                   "not %g"), share);
  else if (!atlas_dataset_has_year (dataset, year))
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("The package “%s” has no year %u"), atlas_dataset_get_id (dataset), year);
  else if (indicators->len == 0)
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_NO_DATA,
                 _("The package “%s” has no indicator with a polarity (higher or lower "
                   "is better) to flag areas by"), atlas_dataset_get_id (dataset));
  else
    {
      for (guint i = 0; i < indicators->len; i++)
        if (!has_polarity (g_ptr_array_index (indicators, i)))
          {
            g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                         _("The indicator “%s” has no polarity: flags need to know whether "
                           "higher or lower values are worse"),
                         atlas_indicator_get_id (g_ptr_array_index (indicators, i)));
            return FALSE;
          }
      return TRUE;
    }

  return FALSE;
}

static int
compare_worst_high (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

static int
compare_worst_low (gconstpointer a,
                   gconstpointer b)
{
  return -compare_worst_high (a, b);
}

static gboolean
is_as_bad (AtlasPolarity polarity,
           double        value,
           double        threshold)
{
  return polarity == ATLAS_POLARITY_LOWER_IS_BETTER ? value >= threshold : value <= threshold;
}

/* The k-th worst value, k = ⌈n × share / 100⌉; the tiny epsilon keeps
 * 20 × 5 / 100 at 1 whatever the rounding of the product. */
static void
find_threshold (AtlasProblemFlags  *self,
                AtlasFlagThreshold *t,
                const double       *values,
                guint               n)
{
  AtlasPolarity polarity = atlas_indicator_get_polarity (t->indicator);
  g_autofree double *sorted = g_new (double, MAX (n, 1));

  for (guint a = 0; a < n; a++)
    if (!isnan (values[a]))
      sorted[t->n_values++] = values[a];
  t->n_missing = n - t->n_values;
  t->threshold = NAN;
  if (t->n_values == 0)
    return;

  qsort (sorted, t->n_values, sizeof (double),
         polarity == ATLAS_POLARITY_LOWER_IS_BETTER ? compare_worst_high : compare_worst_low);
  t->n_worst = (guint) ceil ((double) t->n_values * self->share / 100.0 - 1e-9);
  t->n_worst = CLAMP (t->n_worst, 1, t->n_values);
  t->threshold = sorted[t->n_worst - 1];
}

static void
flag_indicator (AtlasProblemFlags *self,
                guint              i)
{
  AtlasFlagThreshold *t = &g_array_index (self->thresholds, AtlasFlagThreshold, i);
  guint n = atlas_division_get_n_areas (self->division);
  guint n_ind = self->thresholds->len;
  const double *values = atlas_dataset_peek_values (self->dataset, t->indicator, self->year,
                                                    self->division);

  find_threshold (self, t, values, n);
  for (guint a = 0; a < n; a++)
    {
      if (isnan (values[a]))
        self->cells[a * n_ind + i] |= CELL_MISSING;
      else if (is_as_bad (atlas_indicator_get_polarity (t->indicator), values[a], t->threshold))
        {
          self->cells[a * n_ind + i] |= CELL_FLAGGED;
          self->counts[a]++;
          t->n_flagged++;
        }
    }
}

static void
set_indicators (AtlasProblemFlags *self,
                GPtrArray         *indicators)
{
  g_autofree AtlasIndicator **list = g_new0 (AtlasIndicator *, indicators->len);

  for (guint i = 0; i < indicators->len; i++)
    {
      AtlasFlagThreshold t = { g_object_ref (g_ptr_array_index (indicators, i)), NAN, 0, 0, 0, 0 };

      g_array_append_val (self->thresholds, t);
      list[i] = t.indicator;
    }
  self->demonstration = atlas_analysis_uses_demonstration (self->dataset, list, indicators->len);
}

/**
 * atlas_problem_flags_new:
 * @dataset: a dataset
 * @division: the level whose areas are flagged
 * @year: the year
 * @share_percent: the worst share flagged, in percent (5)
 * @indicators: (element-type AtlasIndicator) (nullable): the indicators,
 *   %NULL for every indicator of kind "indicator" with a polarity
 * @error: set when the request does not fit the package
 *
 * Returns: (transfer full) (nullable): the flags
 */
AtlasProblemFlags *
atlas_problem_flags_new (AtlasDataset   *dataset,
                         AtlasDivision  *division,
                         guint           year,
                         double          share_percent,
                         GPtrArray      *indicators,
                         GError        **error)
{
  g_autoptr(GPtrArray) chosen = NULL;
  AtlasProblemFlags *self;
  guint n;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  chosen = indicators != NULL ? g_ptr_array_ref (indicators) : atlas_problem_flags_dup_default_indicators (dataset);
  if (!check_request (dataset, year, share_percent, chosen, error))
    return NULL;

  n = atlas_division_get_n_areas (division);
  self = g_new0 (AtlasProblemFlags, 1);
  g_atomic_ref_count_init (&self->ref);
  self->dataset = g_object_ref (dataset);
  self->division = g_object_ref (division);
  self->year = year;
  self->share = share_percent;
  self->thresholds = g_array_new (FALSE, TRUE, sizeof (AtlasFlagThreshold));
  set_indicators (self, chosen);
  self->cells = g_new0 (guint8, MAX ((gsize) n * chosen->len, 1));
  self->counts = g_new0 (guint, MAX (n, 1));

  for (guint i = 0; i < chosen->len; i++)
    flag_indicator (self, i);

  return self;
}

/**
 * atlas_problem_flags_ref:
 * @self: flags
 *
 * Returns: (transfer full): @self
 */
AtlasProblemFlags *
atlas_problem_flags_ref (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_problem_flags_unref (AtlasProblemFlags *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  for (guint i = 0; i < self->thresholds->len; i++)
    g_object_unref (g_array_index (self->thresholds, AtlasFlagThreshold, i).indicator);
  g_array_unref (self->thresholds);
  g_clear_object (&self->dataset);
  g_clear_object (&self->division);
  g_free (self->cells);
  g_free (self->counts);
  g_free (self);
}

AtlasDataset *
atlas_problem_flags_get_dataset (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

AtlasDivision *
atlas_problem_flags_get_division (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->division;
}

guint
atlas_problem_flags_get_year (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

double
atlas_problem_flags_get_share (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->share;
}

guint
atlas_problem_flags_get_n_indicators (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->thresholds->len;
}

/**
 * atlas_problem_flags_get_threshold:
 * @self: flags
 * @indicator: an index below atlas_problem_flags_get_n_indicators()
 *
 * Returns: (transfer none): how that indicator's flags were set
 */
const AtlasFlagThreshold *
atlas_problem_flags_get_threshold (AtlasProblemFlags *self,
                                   guint              indicator)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (indicator < self->thresholds->len, NULL);
  return &g_array_index (self->thresholds, AtlasFlagThreshold, indicator);
}

guint
atlas_problem_flags_get_count (AtlasProblemFlags *self,
                               guint              area)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (area < atlas_division_get_n_areas (self->division), 0);
  return self->counts[area];
}

static guint8
cell (AtlasProblemFlags *self,
      guint              area,
      guint              indicator)
{
  g_assert (area < atlas_division_get_n_areas (self->division));
  g_assert (indicator < self->thresholds->len);
  return self->cells[area * self->thresholds->len + indicator];
}

gboolean
atlas_problem_flags_is_flagged (AtlasProblemFlags *self,
                                guint              area,
                                guint              indicator)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (cell (self, area, indicator) & CELL_FLAGGED) != 0;
}

gboolean
atlas_problem_flags_is_missing (AtlasProblemFlags *self,
                                guint              area,
                                guint              indicator)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (cell (self, area, indicator) & CELL_MISSING) != 0;
}

guint
atlas_problem_flags_count_areas (AtlasProblemFlags *self,
                                 guint              count)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint a = 0; a < atlas_division_get_n_areas (self->division); a++)
    n += self->counts[a] == count;
  return n;
}

guint
atlas_problem_flags_count_areas_at_least (AtlasProblemFlags *self,
                                          guint              count)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint a = 0; a < atlas_division_get_n_areas (self->division); a++)
    n += self->counts[a] >= count;
  return n;
}

gboolean
atlas_problem_flags_is_demonstration (AtlasProblemFlags *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->demonstration;
}

/**
 * atlas_problem_flags_dup_reference:
 * @self: flags
 *
 * Returns: (transfer full): which areas the share is taken over
 */
char *
atlas_problem_flags_dup_reference (AtlasProblemFlags *self)
{
  g_autofree char *share = NULL;
  g_autofree char *level = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  share = atlas_format_number (self->share, self->share == floor (self->share) ? 0 : 1, NULL);
  level = atlas_division_dup_name_in_sentence (self->division, NULL);
  return g_strdup_printf (_("The worst %s %% of all %u areas of the level %s in the package "
                            "“%s”, %u, taken separately for each indicator among the areas "
                            "with a value; ties at the threshold are all flagged."),
                          share, atlas_division_get_n_areas (self->division), level,
                          atlas_dataset_get_title (self->dataset, NULL), self->year);
}

/**
 * atlas_problem_flags_get_caveat:
 *
 * Returns: (transfer none): the method's caveats, translated
 */
const char *
atlas_problem_flags_get_caveat (void)
{
  return _("The threshold is artificial: an area just inside the worst share differs little "
           "from one just outside, and the share depends on which areas the package holds. "
           "Crime is counted where it happens, not where people live. Areas with many "
           "students have low incomes and high shares of low economic standard without "
           "the problems these usually signal.");
}
