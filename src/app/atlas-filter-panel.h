/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FILTER_PANEL (atlas_filter_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasFilterPanel, atlas_filter_panel, ATLAS, FILTER_PANEL, GtkWidget)

/**
 * AtlasFilterPanel:
 *
 * Show only areas of chosen types: a check button per category of the
 * package's category indicator (områdestyp). It writes the explorer
 * state's "filter-indicator" and "filter-codes" and follows them, so the
 * map, the legend counts, rankings, saved views and figures all use the
 * one filter (AtlasAreaFilter). Every type checked, or none, is no filter.
 */
GtkWidget *atlas_filter_panel_new       (AtlasExplorerState *state);
/* Checks exactly the types whose codes are given (for tests). */
void       atlas_filter_panel_set_codes (AtlasFilterPanel   *self,
                                         const int          *codes,
                                         guint               n_codes);

G_END_DECLS
