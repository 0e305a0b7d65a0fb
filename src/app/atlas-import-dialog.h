/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-window.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_IMPORT_DIALOG (atlas_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ATLAS, IMPORT_DIALOG, AdwWindow)

/*
 * AtlasImportDialog:
 *
 * The "Import Data" assistant: takes statistics and geometry files,
 * shows what AtlasImporter recognised in them (levels, fields,
 * indicators with units, notes), writes the package to a folder the user
 * picks and opens it in @window the way "Open…" does, so a package that
 * fails to load leaves the shown one in place. Errors stay in the
 * dialog, naming file and place.
 *
 * Its pages (atlas_import_dialog_get_page()): "files", "busy",
 * "review", "error" and "done".
 */
GtkWidget   *atlas_import_dialog_new            (AtlasWindow       *window);
void         atlas_import_dialog_add_file       (AtlasImportDialog *self,
                                                 GFile             *file);
/* Recognises the added files in the background. */
void         atlas_import_dialog_inspect        (AtlasImportDialog *self);
/* Writes the package into @folder (or a new folder inside it when it
 * is not empty) in the background, then opens it in the window. */
void         atlas_import_dialog_write_to       (AtlasImportDialog *self,
                                                 GFile             *folder);
void         atlas_import_dialog_cancel         (AtlasImportDialog *self);

/* Choices, as `platsatlas-cli pack` takes them; each reads the files
 * again with every choice and draws the preview anew. */
void         atlas_import_dialog_select         (AtlasImportDialog *self,
                                                 const char        *dimension,
                                                 const char        *value);
void         atlas_import_dialog_split          (AtlasImportDialog *self,
                                                 const char        *dimension);
void         atlas_import_dialog_add_share      (AtlasImportDialog *self,
                                                 const char        *count,
                                                 const char        *total);
void         atlas_import_dialog_rename         (AtlasImportDialog *self,
                                                 const char        *id,
                                                 const char        *name);
void         atlas_import_dialog_set_crs        (AtlasImportDialog *self,
                                                 guint              epsg);

const char  *atlas_import_dialog_get_page       (AtlasImportDialog *self);
gboolean     atlas_import_dialog_get_busy       (AtlasImportDialog *self);
/* The package as it will be written, and the map it opens with */
AtlasDataset *atlas_import_dialog_get_preview   (AtlasImportDialog *self);
GdkTexture  *atlas_import_dialog_get_preview_texture (AtlasImportDialog *self);
const char  *atlas_import_dialog_get_preview_caption (AtlasImportDialog *self);
/* "Name (unit)" of each recognised indicator */
GListModel  *atlas_import_dialog_get_indicators (AtlasImportDialog *self);
const char  *atlas_import_dialog_get_message    (AtlasImportDialog *self);
GtkEditable *atlas_import_dialog_get_title_entry (AtlasImportDialog *self);

/* Whether dropped @files are for the importer rather than a package
 * to open: statistics or geometry files, or several files at once. */
gboolean     atlas_import_dialog_wants_files    (GSList            *files);
/* Opens the dialog on @window with @files and inspects them. */
void         atlas_import_dialog_run            (AtlasWindow       *window,
                                                 GSList            *files);

G_END_DECLS
