/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-aggregate-private.h"
#include "atlas-analysis.h"
#include "atlas-type-breakdown.h"

struct _AtlasTypeBreakdown
{
  gatomicrefcount  ref;
  AtlasDataset    *dataset;
  AtlasIndicator  *indicator;
  AtlasIndicator  *category;
  AtlasIndicator  *weight;
  AtlasDivision   *division;
  AtlasArea       *region;
  guint            year;
  guint            type_year;
  GArray          *stats;     /* AtlasTypeStat, one per category */
  AtlasTypeStat    total;
  guint            n_untyped;
  gboolean         demonstration;
};

G_DEFINE_BOXED_TYPE (AtlasTypeBreakdown, atlas_type_breakdown,
                     atlas_type_breakdown_ref, atlas_type_breakdown_unref)

/* Values and weights of the areas of one type, combined by the rules of
 * atlas-aggregate-private.h: the same code that derives parent areas. */
typedef struct
{
  AtlasAccumulator value;
  AtlasAccumulator weight;
} TypeSums;

static AtlasArea *
riket (AtlasDataset *dataset)
{
  g_autoptr(AtlasDivision) top = g_list_model_get_item (atlas_dataset_get_divisions (dataset), 0);

  return atlas_division_get_area (top, 0);
}

static AtlasIndicator *
reported_weight (AtlasDataset   *dataset,
                 AtlasIndicator *indicator)
{
  const char *id = atlas_indicator_get_weight_id (indicator);

  if (id != NULL)
    return atlas_dataset_lookup_indicator (dataset, id);
  return atlas_analysis_default_population (dataset);
}

static gboolean
check_request (AtlasTypeBreakdown *self,
               GError            **error)
{
  AtlasDivision *region_division = atlas_area_get_division (self->region);
  const char *id = atlas_dataset_get_id (self->dataset);

  if (atlas_indicator_get_unit (self->category) != ATLAS_UNIT_CATEGORY)
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("“%s” is not a category indicator; break values down by one "
                   "whose unit is category (such as områdestyp)"),
                 atlas_indicator_get_id (self->category));
  else if (self->division == NULL)
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_NO_DATA,
                 _("The category indicator “%s” has no stored values in “%s”"),
                 atlas_indicator_get_id (self->category), id);
  else if (region_division != self->division &&
           !atlas_analysis_division_is_above (region_division, self->division))
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("The region “%s” is at the level “%s”, below the level “%s” "
                   "whose areas have types; choose riket, a län or a kommun"),
                 atlas_area_get_code (self->region), atlas_division_get_id (region_division),
                 atlas_division_get_id (self->division));
  else if (!atlas_dataset_has_year (self->dataset, self->year))
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("The package “%s” has no year %u"), id, self->year);
  else if (!atlas_dataset_has_year (self->dataset, self->type_year))
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("The package “%s” has no year %u"), id, self->type_year);
  else
    return TRUE;

  return FALSE;
}

static int
category_index (AtlasIndicator *category,
                double          code)
{
  for (guint c = 0; c < atlas_indicator_get_n_categories (category); c++)
    if (atlas_indicator_get_category (category, c)->code == (int) code)
      return (int) c;

  return -1;
}

static void
add_area (TypeSums     *sums,
          const double *values,
          const double *own_weights,
          const double *weights,
          guint         a)
{
  atlas_accumulator_add (&sums->value, values[a], own_weights != NULL,
                         own_weights != NULL ? own_weights[a] : NAN);
  atlas_accumulator_add (&sums->weight, weights != NULL ? weights[a] : NAN, FALSE, NAN);
}

static const double *
peek_weight (AtlasTypeBreakdown *self,
             AtlasIndicator     *weight)
{
  return weight != NULL
         ? atlas_dataset_peek_values (self->dataset, weight, self->year, self->division) : NULL;
}

/* Groups the region's areas by their type and sums each group. */
static void
accumulate (AtlasTypeBreakdown *self,
            TypeSums           *sums,
            TypeSums           *total)
{
  gboolean weighted = atlas_indicator_get_aggregation (self->indicator) == ATLAS_AGGREGATION_WEIGHTED_MEAN;
  const double *types = atlas_dataset_peek_values (self->dataset, self->category,
                                                   self->type_year, self->division);
  const double *values = atlas_dataset_peek_values (self->dataset, self->indicator,
                                                    self->year, self->division);
  const double *own = weighted ? peek_weight (self, reported_weight (self->dataset, self->indicator))
                               : NULL;
  const double *weights = peek_weight (self, self->weight);

  for (guint a = 0; a < atlas_division_get_n_areas (self->division); a++)
    {
      int c;

      if (!atlas_analysis_area_in_region (atlas_division_get_area (self->division, a), self->region))
        continue;
      c = isnan (types[a]) ? -1 : category_index (self->category, types[a]);
      if (c < 0)
        {
          self->n_untyped++;
          continue;
        }
      add_area (&sums[c], values, own, weights, a);
      add_area (total, values, own, weights, a);
      if (isnan (values[a]))
        {
          g_array_index (self->stats, AtlasTypeStat, c).n_missing++;
          self->total.n_missing++;
        }
    }
}

static void
finish_stat (AtlasTypeBreakdown *self,
             const TypeSums     *sums,
             AtlasTypeStat      *stat)
{
  AtlasMissingReason fixed = atlas_aggregation_fixed_reason (atlas_indicator_get_aggregation (self->indicator));
  gboolean weighted = atlas_indicator_get_aggregation (self->indicator) == ATLAS_AGGREGATION_WEIGHTED_MEAN;

  stat->n_areas = sums->value.n;
  stat->value = NAN;
  stat->weight = NAN;
  stat->missing_reason = fixed != ATLAS_MISSING_NONE
                         ? fixed : atlas_accumulator_finish (&sums->value, weighted, &stat->value);
  if (self->weight != NULL)
    atlas_accumulator_finish (&sums->weight, FALSE, &stat->weight);
  /* No areas of a type: the type has no value, but its weight is 0. */
  if (sums->value.n == 0 && self->weight != NULL)
    stat->weight = 0.0;
}

static void
compute (AtlasTypeBreakdown *self)
{
  guint n = atlas_indicator_get_n_categories (self->category);
  g_autofree TypeSums *sums = g_new0 (TypeSums, n);
  TypeSums total = { { 0, }, };

  g_array_set_size (self->stats, n);
  for (guint c = 0; c < n; c++)
    g_array_index (self->stats, AtlasTypeStat, c).category = atlas_indicator_get_category (self->category, c);

  accumulate (self, sums, &total);
  for (guint c = 0; c < n; c++)
    finish_stat (self, &sums[c], &g_array_index (self->stats, AtlasTypeStat, c));
  finish_stat (self, &total, &self->total);
}

/**
 * atlas_type_breakdown_new:
 * @dataset: a dataset
 * @indicator: the indicator to break down
 * @category: (nullable): a category indicator, %NULL for the package's only one
 * @region: (nullable): riket, a län or a kommun; %NULL for riket
 * @year: the year of the values
 * @type_year: the year of the types, 0 for @year
 * @error: set when the request does not fit the package
 *
 * Returns: (transfer full) (nullable): the breakdown
 */
AtlasTypeBreakdown *
atlas_type_breakdown_new (AtlasDataset    *dataset,
                          AtlasIndicator  *indicator,
                          AtlasIndicator  *category,
                          AtlasArea       *region,
                          guint            year,
                          guint            type_year,
                          GError         **error)
{
  g_autoptr(AtlasTypeBreakdown) self = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (category == NULL || ATLAS_IS_INDICATOR (category), NULL);
  g_return_val_if_fail (region == NULL || ATLAS_IS_AREA (region), NULL);

  if (category == NULL && (category = atlas_analysis_default_category (dataset, error)) == NULL)
    return NULL;

  self = g_new0 (AtlasTypeBreakdown, 1);
  g_atomic_ref_count_init (&self->ref);
  self->dataset = g_object_ref (dataset);
  self->indicator = g_object_ref (indicator);
  self->category = g_object_ref (category);
  self->weight = reported_weight (dataset, indicator);
  if (self->weight != NULL)
    g_object_ref (self->weight);
  self->division = atlas_analysis_find_stored_division (dataset, category);
  self->region = g_object_ref (region != NULL ? region : riket (dataset));
  self->year = year;
  self->type_year = type_year != 0 ? type_year : year;
  self->stats = g_array_new (FALSE, TRUE, sizeof (AtlasTypeStat));
  self->demonstration = atlas_analysis_uses_demonstration (dataset,
    (AtlasIndicator *[]) { indicator, category, self->weight }, 3);
  if (self->division != NULL)
    g_object_ref (self->division);

  if (!check_request (self, error))
    return NULL;

  compute (self);
  return g_steal_pointer (&self);
}

static gboolean
has_category_values (AtlasDataset   *dataset,
                     AtlasIndicator *category,
                     guint           year)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, category);

  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, guint, i) == year)
      return TRUE;

  return FALSE;
}

/**
 * atlas_type_breakdown_new_series:
 * @dataset: a dataset
 * @indicator: the indicator to break down
 * @category: (nullable): a category indicator, %NULL for the package's only one
 * @region: (nullable): riket, a län or a kommun; %NULL for riket
 * @type_year: a fixed year of the types, or 0 for each year's own types
 * @error: set when the request does not fit the package
 *
 * Returns: (transfer full) (element-type AtlasTypeBreakdown) (nullable):
 *   one breakdown for each year that has values and types, ascending
 */
GPtrArray *
atlas_type_breakdown_new_series (AtlasDataset    *dataset,
                                 AtlasIndicator  *indicator,
                                 AtlasIndicator  *category,
                                 AtlasArea       *region,
                                 guint            type_year,
                                 GError         **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_type_breakdown_unref);
  g_autoptr(GArray) years = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  if (category == NULL && (category = atlas_analysis_default_category (dataset, error)) == NULL)
    return NULL;

  years = atlas_dataset_dup_indicator_years (dataset, indicator);
  for (guint i = 0; i < years->len; i++)
    {
      guint year = g_array_index (years, guint, i);
      AtlasTypeBreakdown *breakdown;

      if (type_year == 0 && !has_category_values (dataset, category, year))
        continue;
      breakdown = atlas_type_breakdown_new (dataset, indicator, category, region, year,
                                            type_year, error);
      if (breakdown == NULL)
        return NULL;
      g_ptr_array_add (series, breakdown);
    }

  return g_steal_pointer (&series);
}

/**
 * atlas_type_breakdown_ref:
 * @self: a breakdown
 *
 * Returns: (transfer full): @self
 */
AtlasTypeBreakdown *
atlas_type_breakdown_ref (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_type_breakdown_unref (AtlasTypeBreakdown *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_clear_object (&self->dataset);
  g_clear_object (&self->indicator);
  g_clear_object (&self->category);
  g_clear_object (&self->weight);
  g_clear_object (&self->division);
  g_clear_object (&self->region);
  g_clear_pointer (&self->stats, g_array_unref);
  g_free (self);
}

AtlasDataset *
atlas_type_breakdown_get_dataset (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

AtlasIndicator *
atlas_type_breakdown_get_indicator (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->indicator;
}

AtlasIndicator *
atlas_type_breakdown_get_category (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->category;
}

AtlasIndicator *
atlas_type_breakdown_get_weight (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->weight;
}

AtlasDivision *
atlas_type_breakdown_get_division (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->division;
}

AtlasArea *
atlas_type_breakdown_get_region (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region;
}

guint
atlas_type_breakdown_get_year (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

guint
atlas_type_breakdown_get_type_year (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->type_year;
}

guint
atlas_type_breakdown_get_n_types (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stats->len;
}

/**
 * atlas_type_breakdown_get_stat:
 * @self: a breakdown
 * @index: a row, below atlas_type_breakdown_get_n_types()
 *
 * Returns: (transfer none): the row of one type
 */
const AtlasTypeStat *
atlas_type_breakdown_get_stat (AtlasTypeBreakdown *self,
                               guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->stats->len, NULL);
  return &g_array_index (self->stats, AtlasTypeStat, index);
}

/**
 * atlas_type_breakdown_get_total:
 * @self: a breakdown
 *
 * Returns: (transfer none): every area with a type, together
 */
const AtlasTypeStat *
atlas_type_breakdown_get_total (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->total;
}

guint
atlas_type_breakdown_get_n_untyped (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_untyped;
}

gboolean
atlas_type_breakdown_is_demonstration (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->demonstration;
}

gboolean
atlas_type_breakdown_covers_region (AtlasTypeBreakdown *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return atlas_analysis_division_covers (self->division, atlas_area_get_division (self->region));
}

/**
 * atlas_type_breakdown_dup_method:
 * @self: a breakdown
 *
 * Returns: (transfer full): how the areas' values were combined
 */
char *
atlas_type_breakdown_dup_method (AtlasTypeBreakdown *self)
{
  AtlasIndicator *own;

  g_return_val_if_fail (self != NULL, NULL);

  switch (atlas_indicator_get_aggregation (self->indicator))
    {
    case ATLAS_AGGREGATION_SUM:
      return g_strdup (_("Sum of the areas’ values."));
    case ATLAS_AGGREGATION_WEIGHTED_MEAN:
      own = reported_weight (self->dataset, self->indicator);
      return g_strdup_printf (_("Mean of the areas’ values weighted by %s."),
                              own != NULL ? atlas_indicator_get_name (own, NULL) : "?");
    case ATLAS_AGGREGATION_NONE:
      return g_strdup (_("Not aggregatable: a median or similar value cannot be combined "
                         "from the areas’ values."));
    case ATLAS_AGGREGATION_CATEGORY:
    default:
      return g_strdup (_("Categories are counted, not aggregated."));
    }
}
