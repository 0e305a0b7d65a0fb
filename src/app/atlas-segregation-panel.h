/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SEGREGATION_PANEL (atlas_segregation_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSegregationPanel, atlas_segregation_panel, ATLAS, SEGREGATION_PANEL, GtkWidget)

/**
 * AtlasSegregationPanel:
 *
 * Segregation of the map's group in the selected kommun (or län, or riket
 * when nothing larger is selected): D, isolation and Theil's H computed on
 * each level of small areas (DeSO, RegSO) side by side, with the number of
 * small areas each rests on and the note that the value depends on the
 * areal unit (MAUP). The group is the map's indicator when it is a share
 * of a count (utrikes födda andel × folkmängd). It follows the state's
 * dataset, indicator, year and selection; the numbers are those of
 * `platsatlas-cli segregation --compare-levels` (AtlasSegregation).
 * Self-contained: the window places it like the area-type panel.
 */
GtkWidget        *atlas_segregation_panel_new        (AtlasExplorerState    *state);
/* The area shown, or NULL when the state's indicator is no group. */
AtlasArea        *atlas_segregation_panel_get_area   (AtlasSegregationPanel *self);
/* One AtlasSegregation per small-area level shown, finest first. */
guint             atlas_segregation_panel_get_n_levels (AtlasSegregationPanel *self);
AtlasSegregation *atlas_segregation_panel_get_level  (AtlasSegregationPanel *self,
                                                      guint                  index);

G_END_DECLS
