/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-window.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_VIEWS_POPOVER (atlas_views_popover_get_type ())
G_DECLARE_FINAL_TYPE (AtlasViewsPopover, atlas_views_popover, ATLAS, VIEWS_POPOVER, GtkPopover)

/*
 * AtlasViewsPopover:
 *
 * The saved views (AtlasSavedView) of the user: a list to jump to, rename
 * in place and delete, kept in atlas_saved_view_default_file(). Problems
 * (an unreadable file, a view whose package is gone) are shown as toasts
 * on the window's toast overlay, never as crashes.
 */
GtkWidget  *atlas_views_popover_new       (AtlasWindow       *window,
                                           AdwToastOverlay   *toasts);
GListModel *atlas_views_popover_get_views (AtlasViewsPopover *self);
/* Saves what the map shows now, named "Indicator, level year". */
AtlasSavedView *atlas_views_popover_bookmark (AtlasViewsPopover *self);
/* Shows the view: opens its package first when another one is shown. */
void        atlas_views_popover_apply     (AtlasViewsPopover *self,
                                           AtlasSavedView    *view);
/* The next (delta 1) or previous (-1) saved view, wrapping around. */
void        atlas_views_popover_step      (AtlasViewsPopover *self,
                                           int                delta);

/* The view applied last (transfer none), its position counted from 1 and
 * the number of saved views; NULL when none was applied. */
AtlasSavedView    *atlas_views_popover_get_current (AtlasViewsPopover *self,
                                                    guint             *position,
                                                    guint             *n_views);

G_END_DECLS
