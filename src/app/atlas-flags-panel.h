/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FLAGS_PANEL (atlas_flags_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasFlagsPanel, atlas_flags_panel, ATLAS, FLAGS_PANEL, GtkWidget)

/**
 * AtlasFlagsPanel:
 *
 * Problem areas (SCB and Boverket's method): for a chosen level, year,
 * share and indicators, the number of flags per area as a map (0, 1, 2,
 * 3+), the areas with flags listed with them, the reference population
 * and the method's caveats. "Show on map" draws only the areas with a
 * chosen number of flags on the main map (the state's highlight), and a
 * listed area becomes the state's selection. It follows the state's
 * dataset, year and selection, computing only while shown. The numbers are those of
 * `platsatlas-cli flags` (AtlasProblemFlags).
 */
GtkWidget         *atlas_flags_panel_new        (AtlasExplorerState *state);
AtlasProblemFlags *atlas_flags_panel_get_flags  (AtlasFlagsPanel *self);
AtlasAnalysisMap  *atlas_flags_panel_get_figure (AtlasFlagsPanel *self);
/* Chooses the level by id and the year; FALSE when the package lacks it. */
gboolean           atlas_flags_panel_set_level  (AtlasFlagsPanel *self,
                                                 const char      *level,
                                                 guint            year);
void               atlas_flags_panel_set_share  (AtlasFlagsPanel *self,
                                                 double           percent);
/* 0: every area; 1 + n: the areas with n flags (n = 3: three or more). */
void               atlas_flags_panel_set_shown  (AtlasFlagsPanel *self,
                                                 guint            shown);
/* The rows of the list of flagged areas. */
guint              atlas_flags_panel_get_n_listed (AtlasFlagsPanel *self);

G_END_DECLS
