/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SIMILAR_VIEW (atlas_similar_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSimilarView, atlas_similar_view, ATLAS, SIMILAR_VIEW, GtkWidget)

/**
 * AtlasSimilarView:
 *
 * The areas most like the chosen one (AtlasSimilarAreas): rank, name and
 * distance, the indicators compared on and the method. Clicking a row
 * emits "compare-requested" with the chosen area's code and the row's, so
 * that the window can open the comparison; "selection-changed" carries
 * every listed code for the map to show.
 */
GtkWidget         *atlas_similar_view_new          (void);
/* @indicators: (nullable) (element-type AtlasIndicator): NULL for the
 * default choice; NULL @area clears the list. */
void               atlas_similar_view_set_area     (AtlasSimilarView *self,
                                                    AtlasDataset     *dataset,
                                                    AtlasArea        *area,
                                                    guint             year,
                                                    GPtrArray        *indicators,
                                                    guint             n);
AtlasSimilarAreas *atlas_similar_view_get_result   (AtlasSimilarView *self);
/* What a click on row @index does (for keyboard activation and tests). */
void               atlas_similar_view_activate_row (AtlasSimilarView *self,
                                                    guint             index);

G_END_DECLS
