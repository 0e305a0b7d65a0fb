/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CLASSIFICATION_PANEL (atlas_classification_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasClassificationPanel, atlas_classification_panel,
                      ATLAS, CLASSIFICATION_PANEL, GtkWidget)

/**
 * AtlasClassificationPanel:
 *
 * Classes and colours of the map: method, number of classes, scope (fixed
 * over all years or per year), manual breaks (remembered per indicator in
 * the "manual-breaks" setting), colour scheme, reverse toggle, and a
 * preview of the colours as people with common colour-vision deficiencies
 * see them. Its controls are bound to the state's AtlasClassification; it
 * follows the state's dataset, level, indicator and year and shows the
 * classes the map shows (computed by the same core rule, while shown).
 */
GtkWidget          *atlas_classification_panel_new       (AtlasExplorerState       *state);
AtlasExplorerState *atlas_classification_panel_get_state (AtlasClassificationPanel *self);
AtlasClassBreaks   *atlas_classification_panel_get_breaks (AtlasClassificationPanel *self);
/* Sets the state's manual breaks for its indicator and remembers them.
 * Errors are those of atlas_class_breaks_new_manual(). */
gboolean   atlas_classification_panel_set_manual_breaks  (AtlasClassificationPanel *self,
                                                          const double             *breaks,
                                                          guint                     n_breaks,
                                                          GError                  **error);

G_END_DECLS
