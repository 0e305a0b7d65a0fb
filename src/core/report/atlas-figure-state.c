/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-change.h"
#include "atlas-error.h"
#include "atlas-figure-state.h"

/* The objects the state names, or FALSE with @error naming what the
 * dataset lacks. */
static gboolean
resolve (AtlasExplorerState  *state,
         AtlasIndicator     **indicator,
         AtlasDivision      **division,
         AtlasArea          **region,
         GError             **error)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (state);
  const char *id = atlas_dataset_get_id (dataset);
  const char *code = atlas_explorer_state_get_region (state);

  if ((*indicator = atlas_explorer_state_lookup_indicator (state)) == NULL)
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                 _("“%s” has no indicator “%s”"), id, atlas_explorer_state_get_indicator (state));
  else if ((*division = atlas_explorer_state_lookup_division (state)) == NULL)
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                 _("“%s” has no level “%s”"), id, atlas_explorer_state_get_level (state));
  else if (code[0] != '\0' && (*region = atlas_explorer_state_lookup_area (state, code)) == NULL)
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                 _("“%s” has no area with the code “%s”"), id, code);
  else
    return TRUE;
  return FALSE;
}

static guint
newest_year (AtlasDataset   *dataset,
             AtlasIndicator *indicator)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, indicator);

  return years->len > 0 ? g_array_index (years, guint, years->len - 1) : 0;
}

AtlasFigure *
atlas_figure_new_for_state (AtlasExplorerState  *state,
                            GError             **error)
{
  AtlasDataset *dataset;
  AtlasIndicator *indicator = NULL;
  AtlasDivision *division = NULL;
  AtlasArea *region = NULL;
  guint year;
  g_autoptr(AtlasFigure) figure = NULL;
  g_autoptr(AtlasClassification) classification = NULL;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  if ((dataset = atlas_explorer_state_get_dataset (state)) == NULL)
    {
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                           _("No dataset is open"));
      return NULL;
    }
  if (!resolve (state, &indicator, &division, &region, error))
    return NULL;

  year = atlas_explorer_state_get_year (state);
  figure = atlas_figure_new (dataset, indicator, division, year != 0 ? year : newest_year (dataset, indicator));
  atlas_figure_set_region (figure, region);
  /* A change map when the map shows one: the year is later, both are
   * the package's and the indicator has numbers; else the year's values. */
  if (atlas_explorer_state_get_since_year (state) != 0
      && atlas_change_check (dataset, indicator, atlas_explorer_state_get_since_year (state),
                             atlas_figure_get_year (figure), NULL))
    atlas_figure_set_since_year (figure, atlas_explorer_state_get_since_year (state));
  classification = atlas_classification_copy (atlas_explorer_state_get_classification (state));
  atlas_figure_set_classification (figure, classification);
  {
    g_autoptr(AtlasAreaFilter) filter = atlas_explorer_state_dup_area_filter (state);

    atlas_figure_set_filter (figure, filter);
  }
  /* The selected area and the compared pair are outlined and named, as
   * on the map; codes the dataset lacks are left out. */
  {
    const char * const *selection = atlas_explorer_state_get_selection (state);
    const char *first = selection != NULL ? selection[0] : NULL;

    atlas_figure_set_marked_areas (figure,
                                   first != NULL ? atlas_explorer_state_lookup_area (state, first) : NULL,
                                   atlas_explorer_state_lookup_area (state, atlas_explorer_state_get_compare_a (state)),
                                   atlas_explorer_state_lookup_area (state, atlas_explorer_state_get_compare_b (state)));
  }
  return g_steal_pointer (&figure);
}
