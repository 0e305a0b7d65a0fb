/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

/* Helpers the analysis panels share (atlas-type-history-panel.c,
 * atlas-flags-panel.c, atlas-type-panel.c): */

/* The state's selected area frames a panel when it is a län or a kommun
 * above @typed; anything else is riket (NULL). */
AtlasArea *atlas_analysis_view_pick_region   (AtlasExplorerState *state,
                                              AtlasDivision      *typed);
/* A drawing area that shows @figure (set with _set_figure), scaled to fit. */
GtkWidget *atlas_analysis_view_new_figure    (int               height);
void       atlas_analysis_view_set_figure    (GtkWidget        *area,
                                              AtlasAnalysisMap *figure);
/* Asks for a file name (PDF, PNG or SVG) and exports @figure there with
 * the figure machinery; errors are shown in @status. */
void       atlas_analysis_view_export        (GtkWidget        *widget,
                                              AtlasAnalysisMap *figure,
                                              const char       *name,
                                              GtkLabel         *status);
/* A row: a mnemonic label, then @widget at the end. */
GtkWidget *atlas_analysis_view_new_row       (const char       *mnemonic,
                                              GtkWidget        *widget);
/* A small wrapping caption label. */
GtkWidget *atlas_analysis_view_new_caption   (void);

G_END_DECLS
