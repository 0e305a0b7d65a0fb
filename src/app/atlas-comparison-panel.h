/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"
#include "atlas-map.h"
#include "atlas-search.h"

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
 * Attached to a window, it also owns choosing A and B: Ctrl+click on the
 * map, and the window actions win.compare-with (the selection becomes A,
 * the next click or search result B), win.clear-comparison and
 * win.show-comparison (shows or hides the panel).
 */
GtkWidget       *atlas_comparison_panel_new            (void);
/* Connects to the window's map and search and adds the actions to
 * @actions (the window). */
void             atlas_comparison_panel_attach         (AtlasComparisonPanel *self,
                                                        AtlasMap             *map,
                                                        AtlasSearch          *search,
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
