/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "atlas-start-view.h"
#include "atlas-theme.h"

/* A package made from one table may have values at one level only
 * (områdestyp for RegSO): opening it at kommun level would show an empty
 * map. The start is the first indicator, real indicators before
 * background ones, with values at the default level, else at any level
 * the map can draw, in its latest year with values there. */

/**
 * atlas_dataset_get_default_division:
 * @self: a dataset
 *
 * The finest drawable level that covers the whole country (kommun for the
 * national package), else the finest drawable level (DeSO for a county).
 *
 * Returns: (transfer none) (nullable): the division
 */
AtlasDivision *
atlas_dataset_get_default_division (AtlasDataset *self)
{
  GListModel *divisions;
  AtlasDivision *complete = NULL;
  AtlasDivision *finest = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  divisions = atlas_dataset_get_divisions (self);
  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (!atlas_division_has_geometry (division))
        continue;
      finest = division;
      if (atlas_division_covers_country (division))
        complete = division;
    }
  return complete != NULL ? complete : finest;
}

/* Themes in package order, then indicators of no listed theme. */
static GPtrArray *
ordered_indicators (AtlasDataset *self)
{
  GListModel *themes = atlas_dataset_get_themes (self);
  GListModel *all = atlas_dataset_get_indicators (self);
  GPtrArray *order = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint t = 0; t < g_list_model_get_n_items (themes); t++)
    {
      g_autoptr(AtlasTheme) theme = g_list_model_get_item (themes, t);

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

          if (g_strcmp0 (atlas_indicator_get_theme_id (indicator), atlas_theme_get_id (theme)) == 0)
            g_ptr_array_add (order, g_steal_pointer (&indicator));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

      if (!g_ptr_array_find (order, indicator, NULL))
        g_ptr_array_add (order, g_steal_pointer (&indicator));
    }
  return order;
}

/* The latest year with a value at the division, stored or derived; 0 for none. */
static guint
latest_year_with_values (AtlasDataset   *self,
                         AtlasIndicator *indicator,
                         AtlasDivision  *division)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (self, indicator);
  guint n_areas = atlas_division_get_n_areas (division);

  for (guint y = years->len; y > 0; y--)
    {
      guint year = g_array_index (years, guint, y - 1);
      const double *values = atlas_dataset_peek_values (self, indicator, year, division);

      for (guint a = 0; values != NULL && a < n_areas; a++)
        if (!isnan (values[a]))
          return year;
    }
  return 0;
}

/* Where an indicator can be shown: the default level first, then the
 * other drawable levels from coarse to fine. */
static AtlasDivision *
level_with_values (AtlasDataset   *self,
                   AtlasIndicator *indicator,
                   AtlasDivision  *first,
                   gboolean        only_first,
                   guint          *year)
{
  GListModel *divisions = atlas_dataset_get_divisions (self);

  if (first != NULL && (*year = latest_year_with_values (self, indicator, first)) > 0)
    return first;
  for (guint i = 0; !only_first && i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (division != first && atlas_division_has_geometry (division)
          && (*year = latest_year_with_values (self, indicator, division)) > 0)
        return division;  /* the dataset keeps it alive */
    }
  return NULL;
}

/**
 * atlas_dataset_choose_start:
 * @self: a dataset
 * @division: (out) (transfer none): the level to open at
 * @indicator: (out) (transfer none): the indicator to show
 * @year: (out): the year to show
 *
 * Chooses what a package opens with: a level the map can draw, an
 * indicator with values at that level, and the latest year with values.
 * A real indicator at the default level
 * (atlas_dataset_get_default_division()) comes first, then a real
 * indicator at any drawable level, then a background variable likewise.
 *
 * Returns: %FALSE when no indicator has a value at any drawable level;
 *   then the default level, the first indicator and the last year
 */
gboolean
atlas_dataset_choose_start (AtlasDataset    *self,
                            AtlasDivision  **division,
                            AtlasIndicator **indicator,
                            guint           *year)
{
  g_autoptr(GPtrArray) order = NULL;
  AtlasDivision *fallback;
  const guint *years;
  guint n_years = 0;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  order = ordered_indicators (self);
  fallback = atlas_dataset_get_default_division (self);
  for (guint pass = 0; pass < 4; pass++)
    {
      AtlasIndicatorKind kind = pass < 2 ? ATLAS_INDICATOR_KIND_INDICATOR : ATLAS_INDICATOR_KIND_BACKGROUND;

      for (guint i = 0; i < order->len; i++)
        {
          AtlasIndicator *candidate = g_ptr_array_index (order, i);
          AtlasDivision *found;

          if (atlas_indicator_get_kind (candidate) != kind)
            continue;
          found = level_with_values (self, candidate, fallback, pass % 2 == 0, year);
          if (found != NULL)
            {
              *division = found;
              *indicator = candidate;
              return TRUE;
            }
        }
    }
  years = atlas_dataset_get_years (self, &n_years);
  *division = fallback;
  *indicator = order->len > 0 ? g_ptr_array_index (order, 0) : NULL;
  *year = n_years > 0 ? years[n_years - 1] : 0;
  return FALSE;
}

/* Why an indicator has no values at the default level. */
static char *
dup_reason (AtlasIndicator *indicator,
            AtlasDivision  *usual)
{
  g_autofree char *other = atlas_division_dup_name_in_sentence (usual, NULL);

  switch (atlas_indicator_get_aggregation (indicator))
    {
    case ATLAS_AGGREGATION_CATEGORY:
      return g_strdup_printf (_("categories do not add up to the level %s"), other);
    case ATLAS_AGGREGATION_NONE:
      return g_strdup_printf (_("values such as medians do not add up to the level %s"), other);
    case ATLAS_AGGREGATION_SUM:
    case ATLAS_AGGREGATION_WEIGHTED_MEAN:
    default:
      return g_strdup_printf (_("the package has none for the level %s"), other);
    }
}

/* Any level with a value, drawable or not. */
static AtlasDivision *
any_level_with_values (AtlasDataset   *self,
                       AtlasIndicator *indicator)
{
  GListModel *divisions = atlas_dataset_get_divisions (self);

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (latest_year_with_values (self, indicator, division) > 0)
        return division;
    }
  return NULL;
}

/**
 * atlas_dataset_dup_start_note:
 * @self: a dataset
 * @division: the level chosen by atlas_dataset_choose_start()
 * @indicator: the indicator chosen
 *
 * Returns: (transfer full) (nullable): a sentence saying why the package
 *   does not open with values at the default level: it opens at a finer
 *   level, or its values are at a level without borders; it names values
 *   that cannot be combined (medians, categories). %NULL when the
 *   indicator has values at the default level.
 */
char *
atlas_dataset_dup_start_note (AtlasDataset   *self,
                              AtlasDivision  *division,
                              AtlasIndicator *indicator)
{
  AtlasDivision *usual, *valued;
  g_autofree char *reason = NULL;
  guint year;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  usual = atlas_dataset_get_default_division (self);
  if (division == NULL || indicator == NULL || usual == NULL
      || level_with_values (self, indicator, usual, TRUE, &year) != NULL)
    return NULL;
  reason = dup_reason (indicator, usual);
  if (division != usual)
    return g_strdup_printf (_("“%s” has values only for %s: %s."), atlas_indicator_get_name (indicator, NULL),
                            atlas_division_get_name (division, NULL), reason);
  valued = any_level_with_values (self, indicator);
  if (valued == NULL)
    return g_strdup_printf (_("“%s” has no values in this package."), atlas_indicator_get_name (indicator, NULL));
  return g_strdup_printf (_("“%s” has values only for %s, which has no borders: %s."),
                          atlas_indicator_get_name (indicator, NULL), atlas_division_get_name (valued, NULL), reason);
}
