/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-application.h"
#include "atlas-details.h"
#include "atlas-map.h"
#include "atlas-search.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())
G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

AtlasWindow    *atlas_window_new           (AtlasApplication *application);

/* Loads a package (directory or .zip) in the background. On success it
 * replaces the shown one; on failure the shown one stays and
 * "load-failed" is emitted after the error is shown. */
void            atlas_window_open          (AtlasWindow      *self,
                                            const char       *path);
/* Shows a dataset loaded elsewhere (from PostGIS), replacing the shown one. */
void            atlas_window_show_dataset  (AtlasWindow      *self,
                                            AtlasDataset     *dataset);
AtlasDataset   *atlas_window_get_dataset   (AtlasWindow      *self);
gboolean        atlas_window_get_loading   (AtlasWindow      *self);

void            atlas_window_set_division  (AtlasWindow      *self,
                                            AtlasDivision    *division);
void            atlas_window_set_indicator (AtlasWindow      *self,
                                            AtlasIndicator   *indicator);
void            atlas_window_set_year      (AtlasWindow      *self,
                                            guint             year);
/* Shows the area: switches to its level, selects it and zooms to it. */
void            atlas_window_show_area     (AtlasWindow      *self,
                                            AtlasArea        *area);

/* Everything the window shows (AtlasExplorerState): the widgets follow
 * it, and user actions change it. */
AtlasExplorerState *atlas_window_get_state (AtlasWindow      *self);
AtlasMap       *atlas_window_get_map       (AtlasWindow      *self);
AtlasSearch    *atlas_window_get_search    (AtlasWindow      *self);
AtlasDetails   *atlas_window_get_details   (AtlasWindow      *self);

G_END_DECLS
