/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TYPE_HISTORY_PANEL (atlas_type_history_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTypeHistoryPanel, atlas_type_history_panel, ATLAS, TYPE_HISTORY_PANEL, GtkWidget)

/**
 * AtlasTypeHistoryPanel:
 *
 * The area types (områdestyp) of the selected län or kommun (else riket)
 * over the years: per year and type the number of areas and residents as
 * a chart and a table, and the areas whose type changed between two
 * chosen years as a map, with the caveat that types are relative. "Show
 * on map" draws only the areas of one type, or the changed ones, on the
 * main map (the state's highlight, at the history's level). It follows
 * the state's dataset and selection, computing only while shown. The numbers are those of `platsatlas-cli types-history`
 * (AtlasTypeHistory).
 */
GtkWidget        *atlas_type_history_panel_new         (AtlasExplorerState    *state);
AtlasTypeHistory *atlas_type_history_panel_get_history (AtlasTypeHistoryPanel *self);
/* The years compared (indices into the history's years). */
void              atlas_type_history_panel_set_years   (AtlasTypeHistoryPanel *self,
                                                        guint                  from_index,
                                                        guint                  to_index);
/* 0: every area; 1..n: the areas of type n in the second year; n + 1:
 * the areas whose type changed. */
void              atlas_type_history_panel_set_shown   (AtlasTypeHistoryPanel *self,
                                                        guint                  shown);
AtlasAnalysisMap *atlas_type_history_panel_get_change_map (AtlasTypeHistoryPanel *self);

G_END_DECLS
