/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_PREFERENCES (atlas_preferences_get_type ())
G_DECLARE_FINAL_TYPE (AtlasPreferences, atlas_preferences, ATLAS, PREFERENCES, AdwPreferencesWindow)

/* Preferences bound straight to the application's GSettings. */
GtkWidget *atlas_preferences_new (GtkWindow *parent,
                                  GSettings *settings);

/* For tests: the tile server address entry */
AdwEntryRow *atlas_preferences_get_url_row (AtlasPreferences *self);

/* The online tile URL the map should use for these settings: NULL unless
 * online tiles are switched on and the template names {z}, {x} and {y}. */
char      *atlas_preferences_dup_online_tiles_url (GSettings *settings);

G_END_DECLS
