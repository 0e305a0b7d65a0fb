/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-window.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_DATABASE_DIALOG (atlas_database_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AtlasDatabaseDialog, atlas_database_dialog, ATLAS, DATABASE_DIALOG, AdwWindow)

/*
 * AtlasDatabaseDialog:
 *
 * "Öppna från databas…": a service (or libpq keywords) and a schema; the
 * package is loaded from PostGIS in the background with a progress bar
 * and a cancel button (docs/postgis.md). On success it replaces the
 * window's dataset and the dialog closes; on failure or cancel the shown
 * dataset stays and the dialog says what failed.
 */
GtkWidget  *atlas_database_dialog_new         (AtlasWindow         *window);
/* Starts loading what the fields say. */
void        atlas_database_dialog_open        (AtlasDatabaseDialog *self,
                                               const char          *connection,
                                               const char          *schema);
void        atlas_database_dialog_cancel      (AtlasDatabaseDialog *self);
gboolean    atlas_database_dialog_get_loading (AtlasDatabaseDialog *self);
/* The last error or state shown, "" when none. */
const char *atlas_database_dialog_get_message (AtlasDatabaseDialog *self);
void        atlas_database_dialog_run         (AtlasWindow         *window);

G_END_DECLS
