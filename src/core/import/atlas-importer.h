/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

#define ATLAS_IMPORT_ERROR (atlas_import_error_quark ())

/**
 * AtlasImportError:
 * @ATLAS_IMPORT_ERROR_FORMAT: a file is malformed for what it claims to be
 * @ATLAS_IMPORT_ERROR_UNRECOGNISED: a file is neither statistics nor geometry
 * @ATLAS_IMPORT_ERROR_NO_AREAS: no area codes or labels were found
 * @ATLAS_IMPORT_ERROR_NO_VALUES: area codes without values
 * @ATLAS_IMPORT_ERROR_NO_YEAR: values without a reference year
 * @ATLAS_IMPORT_ERROR_OPTION: a choice names a dimension, value or
 *   indicator the files do not have
 * @ATLAS_IMPORT_ERROR_GEOMETRY: a geometry file cannot be used
 * @ATLAS_IMPORT_ERROR_OUTPUT: the package cannot be written
 * @ATLAS_IMPORT_ERROR_RECIPE: a recipe file is malformed
 *
 * What went wrong while importing; the message names the file, the place
 * and what was expected.
 */
typedef enum
{
  ATLAS_IMPORT_ERROR_FORMAT,
  ATLAS_IMPORT_ERROR_UNRECOGNISED,
  ATLAS_IMPORT_ERROR_NO_AREAS,
  ATLAS_IMPORT_ERROR_NO_VALUES,
  ATLAS_IMPORT_ERROR_NO_YEAR,
  ATLAS_IMPORT_ERROR_OPTION,
  ATLAS_IMPORT_ERROR_GEOMETRY,
  ATLAS_IMPORT_ERROR_OUTPUT,
  ATLAS_IMPORT_ERROR_RECIPE,
} AtlasImportError;

GQuark atlas_import_error_quark (void);

#define ATLAS_TYPE_IMPORTER (atlas_importer_get_type ())
G_DECLARE_FINAL_TYPE (AtlasImporter, atlas_importer, ATLAS, IMPORTER, GObject)

AtlasImporter *atlas_importer_new             (void);

/* Inputs and choices, set before atlas_importer_inspect() */
void           atlas_importer_add_file        (AtlasImporter       *self,
                                               GFile               *file);
void           atlas_importer_set_id          (AtlasImporter       *self,
                                               const char          *id);
void           atlas_importer_set_title       (AtlasImporter       *self,
                                               const char          *title);
void           atlas_importer_set_crs         (AtlasImporter       *self,
                                               guint                epsg);
gboolean       atlas_importer_select          (AtlasImporter       *self,
                                               const char          *choice,
                                               GError             **error);
void           atlas_importer_split           (AtlasImporter       *self,
                                               const char          *dimension);
gboolean       atlas_importer_add_share       (AtlasImporter       *self,
                                               const char          *share,
                                               GError             **error);
gboolean       atlas_importer_add_sum        (AtlasImporter       *self,
                                               const char          *sum,
                                               GError             **error);
gboolean       atlas_importer_add_merge      (AtlasImporter       *self,
                                               const char          *merge,
                                               GError             **error);
void           atlas_importer_drop           (AtlasImporter       *self,
                                               const char          *id);
void           atlas_importer_dissolve       (AtlasImporter       *self,
                                               const char          *level);
void           atlas_importer_draw_within    (AtlasImporter       *self,
                                               const char          *code);
void           atlas_importer_set_simplify   (AtlasImporter       *self,
                                               double               metres);
gboolean       atlas_importer_rename          (AtlasImporter       *self,
                                               const char          *rename,
                                               GError             **error);
gboolean       atlas_importer_load_recipe     (AtlasImporter       *self,
                                               GFile               *recipe,
                                               gboolean             with_files,
                                               GError             **error);

/* Recognise every file and make a plan (blocking; see the _async form) */
gboolean       atlas_importer_inspect         (AtlasImporter       *self,
                                               GCancellable        *cancellable,
                                               GError             **error);
void           atlas_importer_inspect_async   (AtlasImporter       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       atlas_importer_inspect_finish  (AtlasImporter       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
JsonNode      *atlas_importer_get_plan        (AtlasImporter       *self);

/* Write the package into a new directory */
gboolean       atlas_importer_write           (AtlasImporter       *self,
                                               GFile               *output,
                                               GCancellable        *cancellable,
                                               GError             **error);
void           atlas_importer_write_async     (AtlasImporter       *self,
                                               GFile               *output,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       atlas_importer_write_finish    (AtlasImporter       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* The package as it would be written, loaded from a temporary folder */
AtlasDataset  *atlas_importer_preview         (AtlasImporter       *self,
                                               GCancellable        *cancellable,
                                               GError             **error);
void           atlas_importer_preview_async   (AtlasImporter       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
AtlasDataset  *atlas_importer_preview_finish  (AtlasImporter       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

double         atlas_importer_get_fraction    (AtlasImporter       *self);
JsonNode      *atlas_importer_get_report      (AtlasImporter       *self);
char          *atlas_importer_format_report   (AtlasImporter       *self);
JsonNode      *atlas_importer_get_recipe      (AtlasImporter       *self,
                                               GFile               *relative_to);
gboolean       atlas_importer_save_recipe     (AtlasImporter       *self,
                                               GFile               *recipe,
                                               GError             **error);

G_END_DECLS
