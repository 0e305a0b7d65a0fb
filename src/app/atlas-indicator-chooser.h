/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_INDICATOR_CHOOSER (atlas_indicator_chooser_get_type ())
G_DECLARE_FINAL_TYPE (AtlasIndicatorChooser, atlas_indicator_chooser,
                      ATLAS, INDICATOR_CHOOSER, GtkWidget)

/**
 * AtlasIndicatorChooser:
 *
 * The indicators of the state's dataset grouped by theme, with a search
 * entry; arrow keys move through the list and choose. Background
 * variables and demonstration values are marked. It shows the state's
 * "indicator"; choosing one sets it and moves the state's "year" to the
 * nearest year the indicator has values for (one change), so that the
 * map is never empty by surprise.
 */
GtkWidget          *atlas_indicator_chooser_new       (AtlasExplorerState    *state);
AtlasExplorerState *atlas_indicator_chooser_get_state (AtlasIndicatorChooser *self);
void       atlas_indicator_chooser_set_filter (AtlasIndicatorChooser *self,
                                               const char            *text);
/* Indicators shown under the current filter (for tests) */
guint      atlas_indicator_chooser_get_n_shown (AtlasIndicatorChooser *self);
/* The indicator chosen in the list, or NULL */
AtlasIndicator *atlas_indicator_chooser_get_selected (AtlasIndicatorChooser *self);
/* Chooses @indicator as a click in the list would */
void       atlas_indicator_chooser_choose     (AtlasIndicatorChooser *self,
                                               AtlasIndicator        *indicator);

G_END_DECLS
