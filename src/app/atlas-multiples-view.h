/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

/* Small multiples on screen: the state's indicator for several years
 * (same breaks in every map) or several indicators for the state's year,
 * drawn by core, with a larger view and the figure export. */
#define ATLAS_TYPE_MULTIPLES_VIEW (atlas_multiples_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMultiplesView, atlas_multiples_view, ATLAS, MULTIPLES_VIEW, GtkWidget)

GtkWidget           *atlas_multiples_view_new            (AtlasExplorerState *state);
/* Follows the state now (the explore panel calls it when shown). */
void                 atlas_multiples_view_refresh        (AtlasMultiplesView *self);
/* (transfer none) (nullable): what is drawn, NULL with a message shown. */
AtlasSmallMultiples *atlas_multiples_view_get_multiples  (AtlasMultiplesView *self);
/* Several indicators for the year instead of years. */
void                 atlas_multiples_view_set_by_indicator (AtlasMultiplesView *self,
                                                            gboolean            by_indicator);
/* (transfer none): the larger view's window, opened if needed. */
GtkWindow           *atlas_multiples_view_open_larger    (AtlasMultiplesView *self);

G_END_DECLS
