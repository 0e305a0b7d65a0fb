/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-indicator-chooser.h"
#include "atlas-time-slider.h"
#include "atlas-window.h"

/* The window's keys, pressed for real (XTest) with the focus where a user
 * leaves it: a key works wherever focus is, except in a text field that
 * needs it, and means the same in explore and presentation mode. */

static AtlasApplication *app;

static AtlasWindow *
open_window (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "sverige-kommuner", NULL);

  /* Zooming jumps instead of gliding, so its end is there at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  app_test_show_package (window, path);
  atlas_window_set_year (window, 2020);
  app_test_drain ();
  return window;
}

static GtkWidget *
find (AtlasWindow *window,
      GType        type)
{
  GtkWidget *widget = app_test_find_widget (GTK_WIDGET (window), type);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
indicator_list (AtlasWindow *window)
{
  return app_test_find_widget (find (window, ATLAS_TYPE_INDICATOR_CHOOSER), GTK_TYPE_LIST_VIEW);
}

static GtkEditable *
indicator_search (AtlasWindow *window)
{
  return GTK_EDITABLE (app_test_find_widget (find (window, ATLAS_TYPE_INDICATOR_CHOOSER),
                                             GTK_TYPE_SEARCH_ENTRY));
}

static double
zoom (AtlasWindow *window)
{
  return shumate_viewport_get_zoom_level (atlas_map_get_viewport (atlas_window_get_map (window)));
}

static guint
year (AtlasWindow *window)
{
  return atlas_map_get_year (atlas_window_get_map (window));
}

static void
focus (AtlasWindow *window,
       GtkWidget   *widget)
{
  g_assert_nonnull (widget);
  /* A list or a composite widget takes focus on one of its children */
  g_assert_true (gtk_widget_grab_focus (widget) || gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD));
  app_test_drain ();
  g_assert_true (gtk_widget_has_focus (widget) ||
                 gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN);
}

/* "0" with the indicator list focused zooms to the whole level, and does
 * not start a search in the list's search entry. */
static void
test_keys_zero_in_list (void)
{
  AtlasWindow *window = open_window ();
  double framed = zoom (window);

  focus (window, indicator_list (window));
  app_test_press_key (window, GDK_KEY_KP_Add, 0);
  g_assert_cmpfloat (zoom (window), >, framed + 0.5);
  app_test_press_key (window, GDK_KEY_0, 0);
  g_assert_cmpfloat_with_epsilon (zoom (window), framed, 0.01);
  g_assert_cmpstr (gtk_editable_get_text (indicator_search (window)), ==, "");

  app_test_close_window (window);
}

/* Page Up/Down step the years from the sidebar's list and slider too. */
static void
test_keys_years_from_sidebar (void)
{
  AtlasWindow *window = open_window ();

  focus (window, indicator_list (window));
  app_test_press_key (window, GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (year (window), ==, 2019);
  app_test_press_key (window, GDK_KEY_Page_Up, 0);
  g_assert_cmpuint (year (window), ==, 2020);

  focus (window, find (window, ATLAS_TYPE_TIME_SLIDER));
  app_test_press_key (window, GDK_KEY_Page_Up, 0);
  g_assert_cmpuint (year (window), ==, 2021);
  app_test_press_key (window, GDK_KEY_Left, GDK_CONTROL_MASK);
  g_assert_cmpuint (year (window), ==, 2020);

  app_test_close_window (window);
}

/* A text field keeps the keys it types and edits with. */
static void
test_keys_text_field_keeps_keys (void)
{
  AtlasWindow *window = open_window ();
  double framed = zoom (window);
  GtkEditable *search = indicator_search (window);

  focus (window, GTK_WIDGET (search));
  app_test_press_key (window, GDK_KEY_0, 0);
  app_test_press_key (window, GDK_KEY_minus, 0);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "0-");
  g_assert_cmpfloat_with_epsilon (zoom (window), framed, 0.01);
  /* Ctrl+← moves the cursor by a word there, not the year */
  app_test_press_key (window, GDK_KEY_Left, GDK_CONTROL_MASK);
  g_assert_cmpuint (year (window), ==, 2020);

  app_test_close_window (window);
}

static gboolean
presentation_state (AtlasWindow *window)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "presentation");

  return g_variant_get_boolean (state);
}

/* Presentation mode uses the same keys: Page Down is the previous year
 * there too, F11 enters and Esc leaves. */
static void
test_keys_same_in_presentation (void)
{
  AtlasWindow *window = open_window ();

  focus (window, indicator_list (window));
  app_test_press_key (window, GDK_KEY_F11, 0);
  g_assert_true (presentation_state (window));
  app_test_press_key (window, GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (year (window), ==, 2019);
  app_test_press_key (window, GDK_KEY_Right, GDK_CONTROL_MASK);
  g_assert_cmpuint (year (window), ==, 2020);
  app_test_press_key (window, GDK_KEY_Escape, 0);
  g_assert_false (presentation_state (window));

  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = app_test_use_config_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  app = app_test_application_new ();

  g_test_add_func ("/keys/zero-in-list", test_keys_zero_in_list);
  g_test_add_func ("/keys/years-from-sidebar", test_keys_years_from_sidebar);
  g_test_add_func ("/keys/text-field-keeps-keys", test_keys_text_field_keeps_keys);
  g_test_add_func ("/keys/same-in-presentation", test_keys_same_in_presentation);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  app_test_remove_config_home (config_dir);
  return status;
}
