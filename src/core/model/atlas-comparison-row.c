/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "atlas-comparison-private.h"

/**
 * AtlasComparisonRow:
 *
 * One indicator of an #AtlasComparison: A's and B's values, their
 * difference, which is better, reference values and the change since an
 * earlier year. Immutable; every number is NaN where it does not exist, so
 * a missing value never turns into zero.
 *
 * The rules:
 * - difference = A − B, in the indicator's unit; for percent indicators
 *   that is percentage points.
 * - relative difference = (A − B) / |B|, only for units with a true zero
 *   (kr, count, days): not for percent (a ratio of shares misleads; the
 *   percentage points say it), not for index units (their zero is
 *   arbitrary), not for categories, and not when B is 0 or missing.
 * - better follows the polarity; neutral indicators, categories and
 *   missing values have none; exactly equal values are "equal".
 * - normalized difference = |A − B| divided by the population standard
 *   deviation of the indicator over all areas of A's level that year, so
 *   that indicators in different units can be ranked together; NaN when
 *   the difference is missing or the level has fewer than two values or no
 *   spread.
 * - change = value in the year − value in the since-year, per area;
 *   relative change by the same rule as the relative difference.
 */

typedef struct
{
  double             value;
  AtlasValueSource   source;
  AtlasMissingReason reason;
} Cell;

struct _AtlasComparisonRow
{
  GObject                parent_instance;

  AtlasIndicator        *indicator;
  Cell                   now[2];
  Cell                   since[2];
  Cell                   references[ATLAS_COMPARISON_N_REFERENCES];
  double                 difference;
  double                 relative_difference;
  double                 normalized_difference;
  double                 change[2];
  double                 relative_change[2];
  AtlasComparisonBetter  better;
  GArray                *history[2];
  gboolean               demonstration;
};

G_DEFINE_FINAL_TYPE (AtlasComparisonRow, atlas_comparison_row, G_TYPE_OBJECT)

static void
atlas_comparison_row_finalize (GObject *object)
{
  AtlasComparisonRow *self = ATLAS_COMPARISON_ROW (object);

  g_clear_object (&self->indicator);
  g_clear_pointer (&self->history[0], g_array_unref);
  g_clear_pointer (&self->history[1], g_array_unref);

  G_OBJECT_CLASS (atlas_comparison_row_parent_class)->finalize (object);
}

static void
atlas_comparison_row_class_init (AtlasComparisonRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_comparison_row_finalize;
}

static void
atlas_comparison_row_init (AtlasComparisonRow *self)
{
  self->better = ATLAS_COMPARISON_BETTER_NOT_APPLICABLE;
}

/* No area (A has no kommun) or no year (no since-year) reads as missing
 * with no reason: there is nothing to look up, rather than a gap. */
static void
read_cell (const AtlasComparisonContext *context,
           AtlasIndicator               *indicator,
           guint                         year,
           AtlasArea                    *area,
           Cell                         *cell)
{
  cell->value = NAN;
  cell->source = ATLAS_VALUE_MISSING;
  cell->reason = ATLAS_MISSING_NONE;
  if (area == NULL || year == 0)
    return;

  cell->source = atlas_dataset_get_value (context->dataset, indicator, year, area,
                                          &cell->value, &cell->reason);
  if (cell->source == ATLAS_VALUE_MISSING)
    cell->value = NAN;
}

/* Ratios only mean something where zero means "none". */
static gboolean
has_true_zero (AtlasIndicator *indicator)
{
  switch (atlas_indicator_get_unit (indicator))
    {
    case ATLAS_UNIT_SEK:
    case ATLAS_UNIT_COUNT:
    case ATLAS_UNIT_DAYS:
      return TRUE;
    case ATLAS_UNIT_PERCENT:
    case ATLAS_UNIT_INDEX:
    case ATLAS_UNIT_CATEGORY:
    default:
      return FALSE;
    }
}

static double
relative (AtlasIndicator *indicator,
          double          value,
          double          base)
{
  if (!has_true_zero (indicator) || isnan (value) || isnan (base) || base == 0)
    return NAN;

  return (value - base) / fabs (base);
}

static AtlasComparisonBetter
judge (AtlasIndicator *indicator,
       double          a,
       double          b)
{
  AtlasPolarity polarity = atlas_indicator_get_polarity (indicator);

  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY ||
      polarity == ATLAS_POLARITY_NEUTRAL || isnan (a) || isnan (b))
    return ATLAS_COMPARISON_BETTER_NOT_APPLICABLE;
  if (a == b)
    return ATLAS_COMPARISON_BETTER_EQUAL;
  if ((a > b) == (polarity == ATLAS_POLARITY_HIGHER_IS_BETTER))
    return ATLAS_COMPARISON_BETTER_A;

  return ATLAS_COMPARISON_BETTER_B;
}

/* Population standard deviation over the areas that have a value. */
static double
spread (const AtlasComparisonContext *context,
        AtlasIndicator               *indicator)
{
  AtlasDivision *division = atlas_area_get_division (context->areas[0]);
  const double *values = atlas_dataset_peek_values (context->dataset, indicator,
                                                    context->year, division);
  guint n_areas = atlas_division_get_n_areas (division);
  double sum = 0, sum_sq = 0, mean;
  guint n = 0;

  for (guint i = 0; values != NULL && i < n_areas; i++)
    {
      if (isnan (values[i]))
        continue;
      sum += values[i];
      n++;
    }
  if (n < 2)
    return NAN;

  mean = sum / n;
  for (guint i = 0; i < n_areas; i++)
    {
      if (!isnan (values[i]))
        sum_sq += (values[i] - mean) * (values[i] - mean);
    }

  return sqrt (sum_sq / n);
}

static void
compute_differences (AtlasComparisonRow           *self,
                     const AtlasComparisonContext *context)
{
  double a = self->now[0].value, b = self->now[1].value;
  double sd;

  self->better = judge (self->indicator, a, b);
  self->difference = NAN;
  self->relative_difference = NAN;
  self->normalized_difference = NAN;
  if (atlas_comparison_row_is_category (self) || isnan (a) || isnan (b))
    return;

  self->difference = a - b;
  self->relative_difference = relative (self->indicator, a, b);
  sd = spread (context, self->indicator);
  if (!isnan (sd) && sd > 0)
    self->normalized_difference = fabs (self->difference) / sd;
}

static void
compute_side (AtlasComparisonRow           *self,
              const AtlasComparisonContext *context,
              AtlasComparisonSide           side)
{
  AtlasArea *area = context->areas[side];

  read_cell (context, self->indicator, context->year, area, &self->now[side]);
  read_cell (context, self->indicator, context->since_year, area, &self->since[side]);
  self->change[side] = NAN;
  self->relative_change[side] = NAN;

  if (atlas_comparison_row_is_category (self))
    {
      self->history[side] = atlas_comparison_dup_category_history (context->dataset,
                                                                   self->indicator, area);
      return;
    }

  self->change[side] = self->now[side].value - self->since[side].value;
  self->relative_change[side] = relative (self->indicator, self->now[side].value,
                                          self->since[side].value);
}

static gboolean
cell_is_demonstration (const AtlasComparisonContext *context,
                       AtlasIndicator               *indicator,
                       const Cell                   *cell)
{
  return atlas_dataset_value_is_demonstration (context->dataset, indicator, cell->source);
}

/* A category row also shows its history: any stored year counts. */
static gboolean
any_demonstration (AtlasComparisonRow           *self,
                   const AtlasComparisonContext *context)
{
  for (guint s = 0; s < 2; s++)
    if (cell_is_demonstration (context, self->indicator, &self->now[s])
        || cell_is_demonstration (context, self->indicator, &self->since[s])
        || (self->history[s] != NULL && self->history[s]->len > 0
            && atlas_dataset_value_is_demonstration (context->dataset, self->indicator,
                                                     ATLAS_VALUE_STORED)))
      return TRUE;
  for (guint i = 0; i < ATLAS_COMPARISON_N_REFERENCES; i++)
    if (cell_is_demonstration (context, self->indicator, &self->references[i]))
      return TRUE;

  return FALSE;
}

/*< private >
 * atlas_comparison_row_new:
 * @context: the comparison's areas and years
 * @indicator: the indicator of this row
 *
 * Returns: (transfer full): the row, with everything computed
 */
AtlasComparisonRow *
atlas_comparison_row_new (const AtlasComparisonContext *context,
                          AtlasIndicator               *indicator)
{
  AtlasComparisonRow *self = g_object_new (ATLAS_TYPE_COMPARISON_ROW, NULL);

  self->indicator = g_object_ref (indicator);
  compute_side (self, context, ATLAS_COMPARISON_SIDE_A);
  compute_side (self, context, ATLAS_COMPARISON_SIDE_B);
  compute_differences (self, context);
  for (guint i = 0; i < ATLAS_COMPARISON_N_REFERENCES; i++)
    read_cell (context, indicator, context->year, context->references[i],
               &self->references[i]);
  self->demonstration = any_demonstration (self, context);

  return self;
}

/**
 * atlas_comparison_row_is_demonstration:
 * @self: a row
 *
 * Returns: whether any value the row shows (A, B, the references, the
 *   since-year values) is demonstration data, by
 *   atlas_dataset_value_is_demonstration()
 */
gboolean
atlas_comparison_row_is_demonstration (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), FALSE);

  return self->demonstration;
}

/**
 * atlas_comparison_row_get_indicator:
 * @self: a row
 *
 * Returns: (transfer none): the indicator of the row
 */
AtlasIndicator *
atlas_comparison_row_get_indicator (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NULL);

  return self->indicator;
}

static double
report_cell (const Cell         *cell,
             AtlasValueSource   *source,
             AtlasMissingReason *reason)
{
  if (source != NULL)
    *source = cell->source;
  if (reason != NULL)
    *reason = cell->reason;

  return cell->value;
}

/**
 * atlas_comparison_row_get_value:
 * @self: a row
 * @side: A or B
 * @source: (out) (optional): stored, derived or missing
 * @reason: (out) (optional): why it is missing
 *
 * Returns: the area's value in the comparison year; NaN when missing, and
 *   the category code for category indicators
 */
double
atlas_comparison_row_get_value (AtlasComparisonRow  *self,
                                AtlasComparisonSide  side,
                                AtlasValueSource    *source,
                                AtlasMissingReason  *reason)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NAN);

  return report_cell (&self->now[side], source, reason);
}

/**
 * atlas_comparison_row_get_category:
 * @self: a row
 * @side: A or B
 *
 * Returns: (transfer none) (nullable): the area's category in the
 *   comparison year; %NULL for other indicators or when missing
 */
const AtlasCategory *
atlas_comparison_row_get_category (AtlasComparisonRow  *self,
                                   AtlasComparisonSide  side)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NULL);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NULL);

  if (!atlas_comparison_row_is_category (self) || isnan (self->now[side].value))
    return NULL;

  return atlas_indicator_lookup_category (self->indicator,
                                          (int) lround (self->now[side].value));
}

/**
 * atlas_comparison_row_is_category:
 * @self: a row
 *
 * Returns: whether the indicator is a category (områdestyp): such rows
 *   have codes and a history instead of differences
 */
gboolean
atlas_comparison_row_is_category (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), FALSE);

  return atlas_indicator_get_unit (self->indicator) == ATLAS_UNIT_CATEGORY;
}

/**
 * atlas_comparison_row_in_percentage_points:
 * @self: a row
 *
 * Returns: whether differences and changes are percentage points (the
 *   indicator is a percentage)
 */
gboolean
atlas_comparison_row_in_percentage_points (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), FALSE);

  return atlas_indicator_get_unit (self->indicator) == ATLAS_UNIT_PERCENT;
}

/**
 * atlas_comparison_row_get_difference:
 * @self: a row
 *
 * Returns: A − B in the indicator's unit (percentage points for percent);
 *   NaN when either is missing or for categories
 */
double
atlas_comparison_row_get_difference (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);

  return self->difference;
}

/**
 * atlas_comparison_row_get_relative_difference:
 * @self: a row
 *
 * Returns: (A − B) / |B| as a fraction (0.041 for 4.1 %); NaN where not
 *   meaningful (see #AtlasComparisonRow)
 */
double
atlas_comparison_row_get_relative_difference (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);

  return self->relative_difference;
}

/**
 * atlas_comparison_row_get_normalized_difference:
 * @self: a row
 *
 * Returns: |A − B| in standard deviations of the indicator across A's
 *   level that year; NaN when it cannot be computed
 */
double
atlas_comparison_row_get_normalized_difference (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);

  return self->normalized_difference;
}

/**
 * atlas_comparison_row_get_better:
 * @self: a row
 *
 * Returns: which area has the better value by the indicator's polarity
 */
AtlasComparisonBetter
atlas_comparison_row_get_better (AtlasComparisonRow *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), ATLAS_COMPARISON_BETTER_NOT_APPLICABLE);

  return self->better;
}

/**
 * atlas_comparison_row_get_reference:
 * @self: a row
 * @reference: which reference area
 * @source: (out) (optional): stored, derived or missing
 * @reason: (out) (optional): why it is missing; %ATLAS_MISSING_NONE with a
 *   missing source when there is no such reference area (see
 *   atlas_comparison_get_reference_area())
 *
 * Returns: the reference area's value in the comparison year, or NaN
 */
double
atlas_comparison_row_get_reference (AtlasComparisonRow       *self,
                                    AtlasComparisonReference  reference,
                                    AtlasValueSource         *source,
                                    AtlasMissingReason       *reason)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);
  g_return_val_if_fail (reference < ATLAS_COMPARISON_N_REFERENCES, NAN);

  return report_cell (&self->references[reference], source, reason);
}

/**
 * atlas_comparison_row_get_since_value:
 * @self: a row
 * @side: A or B
 * @source: (out) (optional): stored, derived or missing
 * @reason: (out) (optional): why it is missing
 *
 * Returns: the area's value in the since-year; NaN when missing or when
 *   the comparison has no since-year
 */
double
atlas_comparison_row_get_since_value (AtlasComparisonRow  *self,
                                      AtlasComparisonSide  side,
                                      AtlasValueSource    *source,
                                      AtlasMissingReason  *reason)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NAN);

  return report_cell (&self->since[side], source, reason);
}

/**
 * atlas_comparison_row_get_change:
 * @self: a row
 * @side: A or B
 *
 * Returns: the value in the year minus the value in the since-year
 *   (percentage points for percent); NaN when either is missing
 */
double
atlas_comparison_row_get_change (AtlasComparisonRow  *self,
                                 AtlasComparisonSide  side)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NAN);

  return self->change[side];
}

/**
 * atlas_comparison_row_get_relative_change:
 * @self: a row
 * @side: A or B
 *
 * Returns: the change as a fraction of the since-year value; NaN where
 *   not meaningful (the rule of the relative difference)
 */
double
atlas_comparison_row_get_relative_change (AtlasComparisonRow  *self,
                                          AtlasComparisonSide  side)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NAN);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NAN);

  return self->relative_change[side];
}

/**
 * atlas_comparison_row_get_history:
 * @self: a row
 * @side: A or B
 *
 * Returns: (transfer none) (nullable) (element-type AtlasCategoryYear):
 *   the area's category per year, for category rows only
 */
GArray *
atlas_comparison_row_get_history (AtlasComparisonRow  *self,
                                  AtlasComparisonSide  side)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (self), NULL);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NULL);

  return self->history[side];
}

/**
 * atlas_comparison_better_to_nick:
 * @better: a judgement
 *
 * Returns: (nullable): "a", "b" or "equal" for JSON, %NULL when not
 *   applicable
 */
const char *
atlas_comparison_better_to_nick (AtlasComparisonBetter better)
{
  switch (better)
    {
    case ATLAS_COMPARISON_BETTER_A:
      return "a";
    case ATLAS_COMPARISON_BETTER_B:
      return "b";
    case ATLAS_COMPARISON_BETTER_EQUAL:
      return "equal";
    case ATLAS_COMPARISON_BETTER_NOT_APPLICABLE:
    default:
      return NULL;
    }
}

/**
 * atlas_comparison_better_to_label:
 * @better: a judgement
 *
 * Returns: (transfer none): "A", "B" or "=" for a table cell, "–" when not
 *   applicable; the same in every language, like the column heads A and B
 */
const char *
atlas_comparison_better_to_label (AtlasComparisonBetter better)
{
  switch (better)
    {
    case ATLAS_COMPARISON_BETTER_A:
      return "A";
    case ATLAS_COMPARISON_BETTER_B:
      return "B";
    case ATLAS_COMPARISON_BETTER_EQUAL:
      return "=";
    case ATLAS_COMPARISON_BETTER_NOT_APPLICABLE:
    default:
      return "–";
    }
}
