/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences: online background tiles are off by default, only a usable
 * address reaches the map, and the window follows the settings. */
#include "config.h"

#include "app-test-util.h"
#include "atlas-map.h"
#include "atlas-preferences.h"
#include "atlas-window.h"

#define GOOD_URL "https://tile.example.org/{z}/{x}/{y}.png"

static AtlasApplication *app;

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "online-tiles-url");
  return settings;
}

static void
test_url_rules (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autofree char *off = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;

  /* Off by default, even with an address */
  g_settings_set_string (settings, "online-tiles-url", GOOD_URL);
  off = atlas_preferences_dup_online_tiles_url (settings);
  g_assert_null (off);

  g_settings_set_boolean (settings, "online-tiles", TRUE);
  g_settings_set_string (settings, "online-tiles-url", "file:///tmp/{z}/{x}/{y}.png");
  bad = atlas_preferences_dup_online_tiles_url (settings);
  g_assert_null (bad);

  g_settings_set_string (settings, "online-tiles-url", GOOD_URL);
  good = atlas_preferences_dup_online_tiles_url (settings);
  g_assert_cmpstr (good, ==, GOOD_URL);
}

static void
test_window_follows (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AtlasWindow *window = atlas_window_new (app);
  AtlasMap *map = atlas_window_get_map (window);

  gtk_window_present (GTK_WINDOW (window));
  app_test_drain ();
  g_assert_null (atlas_map_get_online_tiles_url (map));

  g_settings_set_string (settings, "online-tiles-url", GOOD_URL);
  g_assert_null (atlas_map_get_online_tiles_url (map));
  g_settings_set_boolean (settings, "online-tiles", TRUE);
  g_assert_cmpstr (atlas_map_get_online_tiles_url (map), ==, GOOD_URL);
  g_settings_set_boolean (settings, "online-tiles", FALSE);
  g_assert_null (atlas_map_get_online_tiles_url (map));

  app_test_close_window (window);
}

/* A half-typed address is not saved; a complete one is. */
static void
test_dialog_saves_usable_address (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *prefs = atlas_preferences_new (NULL, settings);
  GtkWidget *entry = NULL;
  g_autofree char *saved = NULL;

  g_settings_set_boolean (settings, "online-tiles", TRUE);
  gtk_window_present (GTK_WINDOW (prefs));
  app_test_drain ();

  entry = GTK_WIDGET (atlas_preferences_get_url_row (ATLAS_PREFERENCES (prefs)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "https://tile.example.org/{z}/");
  saved = g_settings_get_string (settings, "online-tiles-url");
  g_assert_cmpstr (saved, ==, "");
  g_clear_pointer (&saved, g_free);

  gtk_editable_set_text (GTK_EDITABLE (entry), GOOD_URL);
  saved = g_settings_get_string (settings, "online-tiles-url");
  g_assert_cmpstr (saved, ==, GOOD_URL);

  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  app_test_drain ();
  g_assert_null (prefs);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = app_test_application_new ();

  g_test_add_func ("/preferences/url-rules", test_url_rules);
  g_test_add_func ("/preferences/window-follows", test_window_follows);
  g_test_add_func ("/preferences/dialog-saves-usable-address", test_dialog_saves_usable_address);

  status = g_test_run ();
  app_test_application_free (app);
  return status;
}
