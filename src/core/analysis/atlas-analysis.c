/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-analysis.h"

G_DEFINE_QUARK (atlas-analysis-error-quark, atlas_analysis_error)

/**
 * atlas_analysis_default_category:
 * @dataset: a dataset
 * @error: set when the package has no category indicator, or several
 *
 * Returns: (transfer none) (nullable): the package's only category indicator
 */
AtlasIndicator *
atlas_analysis_default_category (AtlasDataset  *dataset,
                                 GError       **error)
{
  GListModel *indicators;
  AtlasIndicator *found = NULL;
  guint n_found = 0;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  indicators = atlas_dataset_get_indicators (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

      if (atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY)
        continue;
      if (n_found++ == 0)
        found = indicator;
    }

  if (n_found == 1)
    return found;

  if (n_found == 0)
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_NO_DATA,
                 _("The package “%s” has no category indicator (such as områdestyp) "
                   "to break values down by"),
                 atlas_dataset_get_id (dataset));
  else
    g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                 _("The package “%s” has %u category indicators; name the one to "
                   "break values down by"),
                 atlas_dataset_get_id (dataset), n_found);
  return NULL;
}

static gboolean
division_has_stored (AtlasDataset   *dataset,
                     AtlasIndicator *indicator,
                     AtlasDivision  *division,
                     GArray         *years)
{
  guint n = atlas_division_get_n_areas (division);

  for (guint y = 0; y < years->len; y++)
    for (guint a = 0; a < n; a++)
      if (atlas_dataset_get_value (dataset, indicator, g_array_index (years, guint, y),
                                   atlas_division_get_area (division, a),
                                   NULL, NULL) == ATLAS_VALUE_STORED)
        return TRUE;

  return FALSE;
}

/**
 * atlas_analysis_find_stored_division:
 * @dataset: a dataset
 * @indicator: one of its indicators
 *
 * Returns: (transfer none) (nullable): the deepest division with a stored
 *   value of @indicator
 */
AtlasDivision *
atlas_analysis_find_stored_division (AtlasDataset   *dataset,
                                     AtlasIndicator *indicator)
{
  GListModel *divisions;
  g_autoptr(GArray) years = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  divisions = atlas_dataset_get_divisions (dataset);
  years = atlas_dataset_dup_indicator_years (dataset, indicator);
  for (guint d = g_list_model_get_n_items (divisions); d-- > 0;)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, d);

      if (division_has_stored (dataset, indicator, division, years))
        return division;
    }

  return NULL;
}

/**
 * atlas_analysis_default_population:
 * @dataset: a dataset
 *
 * Returns: (transfer none) (nullable): the weight most indicators use
 */
AtlasIndicator *
atlas_analysis_default_population (AtlasDataset *dataset)
{
  GListModel *indicators;
  guint n, best = 0;
  AtlasIndicator *found = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  indicators = atlas_dataset_get_indicators (dataset);
  n = g_list_model_get_n_items (indicators);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasIndicator) candidate = g_list_model_get_item (indicators, i);
      const char *id = atlas_indicator_get_id (candidate);
      guint uses = 0;

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(AtlasIndicator) other = g_list_model_get_item (indicators, j);

          if (g_strcmp0 (atlas_indicator_get_weight_id (other), id) == 0)
            uses++;
        }
      if (uses > best)
        {
          best = uses;
          found = candidate;
        }
    }

  return found;
}

/**
 * atlas_analysis_area_in_region:
 * @area: an area
 * @region: an area at the same or a higher level
 *
 * Returns: whether @area is @region or lies inside it
 */
gboolean
atlas_analysis_area_in_region (AtlasArea *area,
                               AtlasArea *region)
{
  g_return_val_if_fail (ATLAS_IS_AREA (area), FALSE);
  g_return_val_if_fail (ATLAS_IS_AREA (region), FALSE);

  for (AtlasArea *a = area; a != NULL; a = atlas_area_get_parent (a))
    if (a == region)
      return TRUE;

  return FALSE;
}

/**
 * atlas_analysis_division_is_above:
 * @upper: a division
 * @lower: a division
 *
 * Returns: whether @upper is an ancestor of @lower
 */
gboolean
atlas_analysis_division_is_above (AtlasDivision *upper,
                                  AtlasDivision *lower)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (upper), FALSE);
  g_return_val_if_fail (ATLAS_IS_DIVISION (lower), FALSE);

  for (AtlasDivision *d = atlas_division_get_parent (lower); d != NULL;
       d = atlas_division_get_parent (d))
    if (d == upper)
      return TRUE;

  return FALSE;
}

/**
 * atlas_analysis_division_covers:
 * @lower: a division
 * @upper: a division above it
 *
 * Returns: whether the areas of @lower fill every area of @upper
 */
gboolean
atlas_analysis_division_covers (AtlasDivision *lower,
                                AtlasDivision *upper)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (lower), FALSE);
  g_return_val_if_fail (ATLAS_IS_DIVISION (upper), FALSE);

  for (AtlasDivision *d = lower; d != NULL && d != upper; d = atlas_division_get_parent (d))
    if (!atlas_division_covers_parent (d))
      return FALSE;

  return TRUE;
}

/**
 * atlas_analysis_uses_demonstration:
 * @dataset: the package the indicators belong to
 * @indicators: (array length=n_indicators): the indicators a result is
 *   computed from, with %NULL for unused slots
 * @n_indicators: the length of @indicators
 *
 * By the one core rule (atlas_dataset_indicator_is_demonstration), which
 * also sees weights made of demonstration values.
 *
 * Returns: whether any of them holds demonstration values
 */
gboolean
atlas_analysis_uses_demonstration (AtlasDataset           *dataset,
                                   AtlasIndicator * const *indicators,
                                   guint                   n_indicators)
{
  for (guint i = 0; i < n_indicators; i++)
    if (indicators[i] != NULL && atlas_dataset_indicator_is_demonstration (dataset, indicators[i]))
      return TRUE;

  return FALSE;
}
