/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_VIEWS_POPOVER (atlas_views_popover_get_type ())
G_DECLARE_FINAL_TYPE (AtlasViewsPopover, atlas_views_popover, ATLAS, VIEWS_POPOVER, GtkPopover)

/*
 * AtlasViewsPopover:
 *
 * The saved views (AtlasSavedView) of the user: a list to jump to, rename
 * in place and delete, kept in atlas_saved_view_default_file(). A view is
 * the explorer state serialised: bookmarking copies the state, showing a
 * view assigns it to the state (whose "package" makes the window open
 * another package when the view needs one). It knows nothing of the
 * window or the presentation mode.
 *
 * Adds win.bookmark-view (Ctrl+D), win.next-view and win.previous-view to
 * @actions. Problems (an unreadable file, a view whose package is gone)
 * are shown as toasts, never as crashes.
 */
GtkWidget  *atlas_views_popover_new       (AtlasExplorerState *state,
                                           GActionMap         *actions,
                                           AdwToastOverlay    *toasts);
GListModel *atlas_views_popover_get_views (AtlasViewsPopover *self);
/* Saves what the state shows now, named "Indicator, level year". */
AtlasSavedView *atlas_views_popover_bookmark (AtlasViewsPopover *self);
/* Shows the view: the state takes every field of it. */
void        atlas_views_popover_apply     (AtlasViewsPopover *self,
                                           AtlasSavedView    *view);
/* The next (delta 1) or previous (-1) saved view, wrapping around. */
void        atlas_views_popover_step      (AtlasViewsPopover *self,
                                           int                delta);

G_END_DECLS
