/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_COMPARISON_PANEL (atlas_comparison_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasComparisonPanel, atlas_comparison_panel, ATLAS, COMPARISON_PANEL, GtkWidget)

/*
 * AtlasComparisonPanel:
 *
 * Two areas side by side: every indicator of the package with A's and
 * B's values, the difference, which is better, the kommun, län and riket
 * reference values and, on request, the change since an earlier year; a
 * trend chart of the map's indicator; export. The numbers come from
 * AtlasComparison, like `platsatlas-cli compare`.
 *
 * It follows an AtlasExplorerState, never the map: A and B are the
 * state's "compare-a" and "compare-b" (the map outlines them, and a
 * Ctrl+click on the map sets them), and it compares at the state's
 * dataset, level, indicator and year. Attached to a window, it also owns
 * the window actions win.compare-with (the selected area becomes A, the
 * next area selected, by a click or a search result, B),
 * win.clear-comparison and win.show-comparison (shows or hides the
 * panel).
 */
GtkWidget       *atlas_comparison_panel_new            (void);
/* Follows @state and adds the actions to @actions (the window). */
void             atlas_comparison_panel_attach         (AtlasComparisonPanel *self,
                                                        AtlasExplorerState   *state,
                                                        GActionMap           *actions);
void             atlas_comparison_panel_set_areas      (AtlasComparisonPanel *self,
                                                        AtlasArea            *area_a,
                                                        AtlasArea            *area_b);
AtlasArea       *atlas_comparison_panel_get_area       (AtlasComparisonPanel *self,
                                                        AtlasComparisonSide   side);
/* The comparison shown, NULL until A and B are both chosen. */
AtlasComparison *atlas_comparison_panel_get_comparison (AtlasComparisonPanel *self);
void             atlas_comparison_panel_set_since_year (AtlasComparisonPanel *self,
                                                        guint                 since_year);
/* TRUE while the next click or search result picks an area. */
gboolean         atlas_comparison_panel_get_picking    (AtlasComparisonPanel *self);
void             atlas_comparison_panel_start_picking  (AtlasComparisonPanel *self);
void             atlas_comparison_panel_clear          (AtlasComparisonPanel *self);

G_END_DECLS
