/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-map.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPORT_DIALOG (atlas_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ATLAS, EXPORT_DIALOG, AdwWindow)

/*
 * AtlasExportDialog:
 *
 * Exports what the map shows as a report figure (AtlasFigure): a live
 * preview beside the options (page, file type, resolution, title and
 * subtitle, language, region, one figure per area). Exports run in the
 * background with progress and cancel; core writes files atomically, so a
 * failed or cancelled export leaves nothing behind. Success is announced
 * with a toast on @toasts whose button opens the file.
 */
GtkWidget   *atlas_export_dialog_new        (GtkWindow         *parent,
                                             AtlasExplorerState *state,
                                             AdwToastOverlay   *toasts);
/* The figure being previewed and exported, for tests. */
AtlasFigure *atlas_export_dialog_get_figure (AtlasExportDialog *self);
/* Exports to path (a file, or a folder with the batch option) without
 * asking, as the Export button does after its file chooser. */
void         atlas_export_dialog_export_to  (AtlasExportDialog *self,
                                             const char        *path);

G_END_DECLS
