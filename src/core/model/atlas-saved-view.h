/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-class-breaks.h"
#include "atlas-classification.h"
#include "atlas-explorer-state.h"

G_BEGIN_DECLS

#define ATLAS_SAVED_VIEW_ERROR (atlas_saved_view_error_quark ())

typedef enum
{
  ATLAS_SAVED_VIEW_ERROR_PARSE,        /* not JSON, or not the expected shape */
  ATLAS_SAVED_VIEW_ERROR_MISSING,      /* a required field is missing */
  ATLAS_SAVED_VIEW_ERROR_NO_PACKAGE,   /* the view's package is gone */
} AtlasSavedViewError;

GQuark atlas_saved_view_error_quark (void);

#define ATLAS_TYPE_SAVED_VIEW (atlas_saved_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSavedView, atlas_saved_view, ATLAS, SAVED_VIEW, GObject)

/**
 * AtlasSavedView:
 *
 * A name and an AtlasExplorerState: a bookmark of everything the user
 * was looking at (package, level, indicator, year, camera, classification
 * with manual breaks, palette, region, selection, comparison A and B and
 * the category filter). Only the name can change ("name" property).
 *
 * Views are kept in one small JSON file, by default
 * g_get_user_config_dir()/platsatlas/views.json, rather than in GSettings:
 * the file is easy to read, copy to a colleague or back up, and it is
 * written atomically (g_file_set_contents). `platsatlas-cli export --view`
 * draws a view from it. The format, its version (2) and how version 1
 * files still load are in docs/saved-views.md.
 */
AtlasSavedView   *atlas_saved_view_new           (const char        *name,
                                                  const char        *package,
                                                  const char        *indicator,
                                                  const char        *level,
                                                  guint              year);

AtlasSavedView   *atlas_saved_view_new_for_state (const char         *name,
                                                  AtlasExplorerState *state);
/* The state the view shows (transfer none); apply it with
 * atlas_explorer_state_assign(). */
AtlasExplorerState *atlas_saved_view_get_state   (AtlasSavedView    *self);

const char       *atlas_saved_view_get_name      (AtlasSavedView    *self);
void              atlas_saved_view_set_name      (AtlasSavedView    *self,
                                                  const char        *name);
const char       *atlas_saved_view_get_package   (AtlasSavedView    *self);
const char       *atlas_saved_view_get_indicator (AtlasSavedView    *self);
const char       *atlas_saved_view_get_level     (AtlasSavedView    *self);
guint             atlas_saved_view_get_year      (AtlasSavedView    *self);

/* zoom 0: no camera stored, show the whole level. */
void              atlas_saved_view_set_camera    (AtlasSavedView    *self,
                                                  double             latitude,
                                                  double             longitude,
                                                  double             zoom);
void              atlas_saved_view_get_camera    (AtlasSavedView    *self,
                                                  double            *latitude,
                                                  double            *longitude,
                                                  double            *zoom);
void              atlas_saved_view_set_classification (AtlasSavedView   *self,
                                                       AtlasClassMethod  method,
                                                       guint             count,
                                                       gboolean          pooled);
void              atlas_saved_view_get_classification (AtlasSavedView   *self,
                                                       AtlasClassMethod *method,
                                                       guint            *count,
                                                       gboolean         *pooled);
/* scheme NULL or "": the indicator's default palette. */
void              atlas_saved_view_set_palette   (AtlasSavedView    *self,
                                                  const char        *scheme,
                                                  gboolean           reverse);
const char       *atlas_saved_view_get_palette_scheme  (AtlasSavedView *self);
gboolean          atlas_saved_view_get_palette_reverse (AtlasSavedView *self);
/* ATLAS_SAVED_VIEW_ERROR_NO_PACKAGE when the package path no longer
 * exists, with a message naming the view and the path. */
gboolean          atlas_saved_view_check_package (AtlasSavedView    *self,
                                                  GError           **error);

/* The saved view of @views that @state shows now (transfer none): same
 * package, level, indicator and year; @hint (the index of the view shown
 * last, or -1) wins when several do. @position counts from 1. */
AtlasSavedView   *atlas_saved_views_find_shown   (GListModel         *views,
                                                  AtlasExplorerState *state,
                                                  int                 hint,
                                                  guint              *position);

/* g_get_user_config_dir()/platsatlas/views.json. Free with g_free(). */
char             *atlas_saved_view_default_file  (void);

/**
 * atlas_saved_views_load:
 * @path: the views file
 *
 * A missing file is an empty list. A malformed one is an error naming the
 * file and the line (JSON syntax) or the view (a missing field).
 *
 * Returns: (transfer full) (nullable): a GListStore of AtlasSavedView
 */
GListStore       *atlas_saved_views_load         (const char        *path,
                                                  GError           **error);
/* Writes every AtlasSavedView of views atomically; creates the folder. */
gboolean          atlas_saved_views_save         (GListModel        *views,
                                                  const char        *path,
                                                  GError           **error);

G_END_DECLS
