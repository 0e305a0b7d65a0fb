/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "atlas-rank.h"

/* TRUE when @a is a better value than @b under @polarity. Neutral
 * indicators rank the highest value first. */
static gboolean
is_better (double        a,
           double        b,
           AtlasPolarity polarity)
{
  if (polarity == ATLAS_POLARITY_LOWER_IS_BETTER)
    return a < b;
  return a > b;
}

/**
 * atlas_rank_values:
 * @values: (array length=n_values): values, NaN where missing
 * @n_values: the number of values
 * @index: the value to rank
 * @include: (array length=n_values) (nullable): which values take part;
 *   %NULL for all of them
 * @polarity: which direction is better
 * @rank: (out caller-allocates): the result
 *
 * Ranks @values[@index] among the finite values that take part.
 *
 * Returns: %FALSE when the value itself is missing or excluded
 */
gboolean
atlas_rank_values (const double   *values,
                   gsize           n_values,
                   gsize           index,
                   const gboolean *include,
                   AtlasPolarity   polarity,
                   AtlasRank      *rank)
{
  double value;
  guint better = 0;
  guint equal = 0;
  guint n = 0;

  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);
  g_return_val_if_fail (rank != NULL, FALSE);

  *rank = (AtlasRank) { 0, 0, 0 };
  if (index >= n_values || isnan (values[index]) || (include != NULL && !include[index]))
    return FALSE;
  value = values[index];
  for (gsize i = 0; i < n_values; i++)
    {
      if (isnan (values[i]) || (include != NULL && !include[i]))
        continue;
      n++;
      if (is_better (values[i], value, polarity))
        better++;
      else if (values[i] == value)
        equal++;
    }
  rank->rank = better + 1;
  rank->n_ranked = n;
  rank->n_tied = equal - 1;
  return TRUE;
}

/* Which areas of @division lie within @within (itself an area of a
 * coarser division). */
static gboolean *
dup_within_mask (AtlasDivision *division,
                 AtlasArea     *within)
{
  guint n = atlas_division_get_n_areas (division);
  const char *within_level = atlas_division_get_id (atlas_area_get_division (within));
  gboolean *mask = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    mask[i] = atlas_area_get_ancestor (atlas_division_get_area (division, i), within_level) == within;
  return mask;
}

/**
 * atlas_rank_area:
 * @dataset: the dataset
 * @indicator: a numeric indicator
 * @year: the year
 * @area: the area to rank
 * @within: (nullable): an ancestor of @area; %NULL ranks among every area
 *   of @area's division
 * @rank: (out caller-allocates): the result
 *
 * Ranks @area among the areas of its own level, the way an official
 * says "12 of 290 kommuner; 3 of 26 in Stockholms län".
 *
 * Returns: %FALSE when there is nothing to rank: a category indicator, or
 *   no value for @area in @year
 */
gboolean
atlas_rank_area (AtlasDataset   *dataset,
                 AtlasIndicator *indicator,
                 guint           year,
                 AtlasArea      *area,
                 AtlasArea      *within,
                 AtlasRank      *rank)
{
  return atlas_rank_area_filtered (dataset, indicator, year, area, within, NULL, rank);
}

/**
 * atlas_rank_area_filtered:
 * @dataset: the dataset
 * @indicator: a numeric indicator
 * @year: the year
 * @area: the area to rank
 * @within: (nullable): an ancestor of @area, or %NULL
 * @filter: (nullable): rank among the areas it shows only
 * @rank: (out caller-allocates): the result
 *
 * atlas_rank_area() among the areas a filter shows. A filter that does not
 * apply at @area's level (no area of it has a type) leaves every area in.
 *
 * Returns: %FALSE when there is nothing to rank, or @area is filtered out
 */
gboolean
atlas_rank_area_filtered (AtlasDataset    *dataset,
                          AtlasIndicator  *indicator,
                          guint            year,
                          AtlasArea       *area,
                          AtlasArea       *within,
                          AtlasAreaFilter *filter,
                          AtlasRank       *rank)
{
  AtlasDivision *division;
  const double *values;
  g_autofree gboolean *mask = NULL;
  g_autofree gboolean *shown = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (ATLAS_IS_AREA (area), FALSE);
  g_return_val_if_fail (within == NULL || ATLAS_IS_AREA (within), FALSE);
  g_return_val_if_fail (rank != NULL, FALSE);

  *rank = (AtlasRank) { 0, 0, 0 };
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
    return FALSE;
  division = atlas_area_get_division (area);
  values = atlas_dataset_peek_values (dataset, indicator, year, division);
  if (values == NULL)
    return FALSE;
  if (within != NULL)
    mask = dup_within_mask (division, within);
  if (filter != NULL && (shown = atlas_area_filter_dup_mask (filter, dataset, division, year)) != NULL)
    {
      if (mask == NULL)
        mask = g_steal_pointer (&shown);
      else
        for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
          mask[i] = mask[i] && shown[i];
    }
  return atlas_rank_values (values, atlas_division_get_n_areas (division),
                            atlas_area_get_index (area), mask,
                            atlas_indicator_get_polarity (indicator), rank);
}
