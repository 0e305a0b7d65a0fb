/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-map.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PRESENTATION (atlas_presentation_get_type ())
G_DECLARE_FINAL_TYPE (AtlasPresentation, atlas_presentation, ATLAS, PRESENTATION, GObject)

/*
 * AtlasPresentation:
 *
 * The window's "showing it to others" commands, kept out of the window:
 * win.export (Ctrl+E, the export dialog of what the state shows) and
 * win.presentation (F11: full screen, header bar and sidebar hidden, a
 * card with indicator and year on the map, larger type). The mode is the
 * state's "presenting"; the card follows the state and says which saved
 * view of @views it shows, if any.
 *
 * The keys are the window's, the same in both modes (atlas-window.c):
 * Page Up/Down and Ctrl+→/← step years, Ctrl+Page Down/Up step through
 * the saved views, Space plays, +/− zoom, H toggles the high-contrast map,
 * the arrows pan; Esc leaves presentation mode.
 *
 * The "active" property is the mode as the app sees it: a window manager
 * may refuse full screen (Xvfb has none), the rest still applies.
 */
AtlasPresentation *atlas_presentation_new        (GtkWindow          *window,
                                                  AtlasExplorerState *state,
                                                  AtlasMap           *map,
                                                  GtkWidget          *header_bar,
                                                  GtkWidget          *sidebar,
                                                  GtkWidget          *toast_overlay,
                                                  GListModel         *views);
gboolean           atlas_presentation_get_active (AtlasPresentation *self);
void               atlas_presentation_set_active (AtlasPresentation *self,
                                                  gboolean           active);

G_END_DECLS
