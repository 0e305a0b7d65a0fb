/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPLORE_PANEL (atlas_explore_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasExplorePanel, atlas_explore_panel, ATLAS, EXPLORE_PANEL, GtkWidget)

/**
 * AtlasExplorePanel:
 *
 * The exploring views in the sidebar: the scatter plot of the map's
 * indicator against another (AtlasScatterView), the profile of the
 * selected area (AtlasProfileView) and the areas most like it
 * (AtlasSimilarView). All read and write the window's AtlasExplorerState:
 * brushing the plot sets the state's selection, which the map outlines
 * (it follows the state); a click on the map selects one area, whose
 * point the plot marks; a similar area clicked becomes the comparison.
 * Only the page shown is computed.
 */
GtkWidget      *atlas_explore_panel_new          (AtlasExplorerState *state);
/* "scatter", "profile" or "similar" */
void            atlas_explore_panel_show_page    (AtlasExplorePanel  *self,
                                                  const char         *name);
/* The other indicator of the scatter plot (its y axis). */
void            atlas_explore_panel_set_y_indicator (AtlasExplorePanel *self,
                                                     AtlasIndicator    *indicator);
GtkWidget      *atlas_explore_panel_get_scatter_view (AtlasExplorePanel *self);
GtkWidget      *atlas_explore_panel_get_profile_view (AtlasExplorePanel *self);
GtkWidget      *atlas_explore_panel_get_similar_view (AtlasExplorePanel *self);

GtkWidget *atlas_explore_panel_get_multiples_view (AtlasExplorePanel *self);

G_END_DECLS
