/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-comparison-panel.h"
#include "atlas-export-dialog.h"
#include "atlas-indicator-chooser.h"
#include "atlas-time-slider.h"
#include "atlas-window.h"

/* The window's AtlasExplorerState is what the user looks at: setting it
 * moves every widget, the widgets' own changes land in it, and saved views
 * are it serialised. */

static AtlasApplication *app;

static AtlasWindow *
open_window (const char *package)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", package, NULL);

  app_test_show_package (window, path);
  return window;
}

static AtlasArea *
area (AtlasWindow *window,
      const char  *code)
{
  AtlasArea *found = atlas_dataset_lookup_area (atlas_window_get_dataset (window), code);

  g_assert_nonnull (found);
  return found;
}

static const char *
map_area_code (AtlasWindow *window,
               const char  *property)
{
  g_autoptr(AtlasArea) value = NULL;

  g_object_get (atlas_window_get_map (window), property, &value, NULL);
  return value != NULL ? atlas_area_get_code (value) : NULL;
}

static void
on_changed (AtlasExplorerState *state,
            guint              *count)
{
  (*count)++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* One batch on the state: the map, the details, the level switcher and
 * the settings follow. */
static void
test_state_drives_widgets (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasDetails *details = atlas_window_get_details (window);
  ShumateViewport *viewport = atlas_map_get_viewport (map);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *level = NULL;
  GtkDropDown *levels;
  guint changes = 0;

  g_signal_connect (state, "changed", G_CALLBACK (on_changed), &changes);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "lan");
  atlas_explorer_state_set_indicator (state, "folkmangd");
  atlas_explorer_state_set_year (state, 2015);
  atlas_explorer_state_select (state, "03");
  atlas_explorer_state_set_compare (state, "01", "14");
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  g_assert_cmpuint (changes, ==, 1);

  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (map)), ==, "lan");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_map_get_indicator (map)), ==, "folkmangd");
  g_assert_cmpuint (atlas_map_get_year (map), ==, 2015);
  g_assert_cmpstr (atlas_area_get_code (atlas_map_get_selected_area (map)), ==, "03");
  g_assert_cmpstr (map_area_code (window, "compare-a"), ==, "01");
  g_assert_cmpstr (map_area_code (window, "compare-b"), ==, "14");
  g_assert_true (atlas_details_get_area (details) == area (window, "03"));
  g_assert_cmpstr (atlas_indicator_get_id (atlas_details_get_indicator (details)), ==, "folkmangd");
  g_assert_cmpuint (atlas_details_get_year (details), ==, 2015);
  levels = GTK_DROP_DOWN (app_test_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));
  g_assert_true (gtk_drop_down_get_selected_item (levels) == atlas_map_get_division (map));
  level = g_settings_get_string (settings, "level");
  g_assert_cmpstr (level, ==, "lan");

  /* The camera both ways */
  atlas_explorer_state_set_camera (state, 59.5, 17.25, 9);
  app_test_drain ();
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 59.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 17.25, 1e-6);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 9);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 57.7, 11.9);
  {
    double latitude, longitude, zoom;

    atlas_explorer_state_get_camera (state, &latitude, &longitude, &zoom);
    g_assert_cmpfloat_with_epsilon (latitude, 57.7, 1e-6);
    g_assert_cmpfloat_with_epsilon (longitude, 11.9, 1e-6);
    g_assert_cmpfloat (zoom, ==, 9);
  }

  /* Nothing selected, nothing compared */
  atlas_explorer_state_select (state, NULL);
  atlas_explorer_state_set_compare (state, NULL, NULL);
  app_test_drain ();
  g_assert_null (atlas_map_get_selected_area (map));
  g_assert_null (map_area_code (window, "compare-a"));
  g_assert_null (atlas_details_get_area (details));

  g_signal_handlers_disconnect_by_data (state, &changes);
  app_test_close_window (window);
}

/* The selection and the comparison are the state's: setting them there
 * outlines them on the map and describes them in the details; the
 * comparison panel starts a comparison by setting A and B in the state,
 * in one change. */
static void
test_selection_and_comparison (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasDetails *details = atlas_window_get_details (window);
  AtlasComparisonPanel *panel;
  guint a_changes = 0, b_changes = 0;

  atlas_explorer_state_select (state, "0180");
  app_test_drain ();
  g_assert_true (atlas_map_get_selected_area (map) == area (window, "0180"));
  g_assert_true (atlas_details_get_area (details) == area (window, "0180"));
  g_assert_nonnull (strstr (atlas_details_get_heading (details), atlas_area_get_name (area (window, "0180"))));

  /* win.compare-with makes the selection A, the next click B */
  panel = ATLAS_COMPARISON_PANEL (app_test_find_widget (GTK_WIDGET (window), ATLAS_TYPE_COMPARISON_PANEL));
  g_signal_connect (state, "notify::compare-a", G_CALLBACK (on_notify), &a_changes);
  g_signal_connect (state, "notify::compare-b", G_CALLBACK (on_notify), &b_changes);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with", NULL));
  app_test_drain ();
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_cmpuint (a_changes, ==, 0);
  app_test_click_area (window, area (window, "1480"), 0);
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0180");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "1480");
  g_assert_cmpuint (a_changes, ==, 1);
  g_assert_cmpuint (b_changes, ==, 1);
  /* The selection is back on A */
  g_assert_cmpstr (atlas_explorer_state_get_selection (state)[0], ==, "0180");
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_A) == area (window, "0180"));
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_B) == area (window, "1480"));
  g_assert_cmpstr (map_area_code (window, "compare-a"), ==, "0180");
  g_assert_cmpstr (map_area_code (window, "compare-b"), ==, "1480");
  g_signal_handlers_disconnect_by_data (state, &a_changes);
  g_signal_handlers_disconnect_by_data (state, &b_changes);

  /* Presentation mode hides the pins, not the comparison */
  atlas_explorer_state_set_presenting (state, TRUE);
  app_test_drain ();
  g_assert_null (map_area_code (window, "compare-a"));
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0180");
  atlas_explorer_state_set_presenting (state, FALSE);
  app_test_drain ();
  g_assert_cmpstr (map_area_code (window, "compare-b"), ==, "1480");

  /* Another comparison set in the state reaches the panel */
  atlas_explorer_state_set_compare (state, "0380", "1280");
  app_test_drain ();
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_A) == area (window, "0380"));
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_B) == area (window, "1280"));
  g_assert_true (atlas_comparison_get_area (atlas_comparison_panel_get_comparison (panel), ATLAS_COMPARISON_SIDE_B)
                 == area (window, "1280"));

  /* Esc clears the selection in the state; the comparison stays */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-selection", NULL));
  app_test_drain ();
  g_assert_null (atlas_explorer_state_get_selection (state)[0]);
  g_assert_null (atlas_map_get_selected_area (map));
  g_assert_null (atlas_details_get_area (details));
  g_assert_cmpstr (map_area_code (window, "compare-a"), ==, "0380");

  atlas_comparison_panel_clear (panel);
  app_test_drain ();
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "");
  g_assert_null (map_area_code (window, "compare-b"));

  app_test_close_window (window);
}

/* What the user does lands in the state: a click selects, Ctrl+click
 * compares, the year keys step, Esc clears. */
static void
test_widgets_write_state (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  guint year;

  app_test_click_area (window, area (window, "0180"), 0);
  g_assert_cmpstr (atlas_explorer_state_get_selection (state)[0], ==, "0180");
  g_assert_null (atlas_explorer_state_get_selection (state)[1]);

  app_test_click_area (window, area (window, "1480"), GDK_CONTROL_MASK);
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0180");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "1480");

  atlas_explorer_state_set_year (state, 2020);
  year = atlas_explorer_state_get_year (state);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.year-next", NULL));
  app_test_drain ();
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, year + 1);
  g_assert_cmpuint (atlas_map_get_year (map), ==, year + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-selection", NULL));
  app_test_drain ();
  g_assert_null (atlas_explorer_state_get_selection (state)[0]);
  g_assert_null (atlas_map_get_selected_area (map));

  /* Presentation mode is the state's too, whoever switches it */
  atlas_explorer_state_set_presenting (state, TRUE);
  app_test_drain ();
  {
    g_autoptr(GVariant) mode = g_action_group_get_action_state (G_ACTION_GROUP (window), "presentation");
    g_assert_true (g_variant_get_boolean (mode));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL));
  app_test_drain ();
  g_assert_false (atlas_explorer_state_get_presenting (state));

  app_test_close_window (window);
}

/* The sidebar shows the state, and sets it, without a word to the map:
 * the state's indicator, year and level move the chooser, the slider and
 * the map; the slider and the chooser change the state once each. */
static void
test_sidebar_shares_state (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasIndicatorChooser *chooser = ATLAS_INDICATOR_CHOOSER (app_test_find_widget (GTK_WIDGET (window),
                                                                                  ATLAS_TYPE_INDICATOR_CHOOSER));
  AtlasTimeSlider *slider = ATLAS_TIME_SLIDER (app_test_find_widget (GTK_WIDGET (window), ATLAS_TYPE_TIME_SLIDER));
  GtkRange *scale = GTK_RANGE (app_test_find_widget (GTK_WIDGET (slider), GTK_TYPE_SCALE));
  AtlasIndicator *unemployment = atlas_dataset_lookup_indicator (atlas_window_get_dataset (window), "arbetsloshet");
  guint n_years;
  const guint *years = atlas_dataset_get_years (atlas_window_get_dataset (window), &n_years);
  guint year_notifies = 0, indicator_notifies = 0, changes = 0;

  g_assert_nonnull (chooser);
  g_assert_nonnull (slider);
  g_assert_true (atlas_explorer_state_get_year (state) != years[1]);

  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "lan");
  atlas_explorer_state_set_indicator (state, "median_inkomst");
  atlas_explorer_state_set_year (state, years[1]);
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  g_assert_cmpstr (atlas_indicator_get_id (atlas_indicator_chooser_get_selected (chooser)), ==, "median_inkomst");
  g_assert_cmpuint (atlas_time_slider_get_shown_year (slider), ==, years[1]);
  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (map)), ==, "lan");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_map_get_indicator (map)), ==, "median_inkomst");
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[1]);

  /* The year alone: the slider and the map follow */
  atlas_explorer_state_set_year (state, years[n_years - 1]);
  app_test_drain ();
  g_assert_cmpuint (atlas_time_slider_get_shown_year (slider), ==, years[n_years - 1]);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n_years - 1]);

  /* Moving the slider as the user does: one notify, one change */
  g_signal_connect (state, "notify::year", G_CALLBACK (on_notify), &year_notifies);
  g_signal_connect (state, "notify::indicator", G_CALLBACK (on_notify), &indicator_notifies);
  g_signal_connect (state, "changed", G_CALLBACK (on_changed), &changes);
  gtk_range_set_value (scale, 2);
  app_test_drain ();
  g_assert_cmpuint (year_notifies, ==, 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, years[2]);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[2]);
  g_assert_cmpuint (atlas_time_slider_get_shown_year (slider), ==, years[2]);

  /* Choosing an indicator: one change of the state, however many fields */
  year_notifies = changes = 0;
  atlas_indicator_chooser_choose (chooser, unemployment);
  app_test_drain ();
  g_assert_cmpuint (indicator_notifies, ==, 1);
  g_assert_cmpuint (year_notifies, <=, 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (atlas_explorer_state_get_indicator (state), ==, "arbetsloshet");
  g_assert_true (atlas_map_get_indicator (map) == unemployment);
  g_assert_true (atlas_indicator_chooser_get_selected (chooser) == unemployment);

  /* The slider's own step is the state's year, too */
  atlas_time_slider_step (slider, 1);
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, atlas_map_get_year (map));
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, atlas_time_slider_get_shown_year (slider));

  g_signal_handlers_disconnect_by_data (state, &year_notifies);
  g_signal_handlers_disconnect_by_data (state, &indicator_notifies);
  g_signal_handlers_disconnect_by_data (state, &changes);
  app_test_close_window (window);
}

/* A saved view with manual classes shows its own breaks again after the
 * map has shown another indicator, and the export dialog draws them. */
static void
test_view_keeps_manual_breaks (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasClassification *classification = atlas_explorer_state_get_classification (state);
  g_autofree char *file = atlas_saved_view_default_file ();
  const double inner[] = { 4.0, 6.5, 9.0 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (inner, 3, 0.0, 30.0, NULL);
  const double *shown;
  guint n = 0;
  GtkWidget *dialog;
  AtlasFigure *figure;

  g_unlink (file);
  atlas_explorer_state_set_indicator (state, "arbetsloshet");
  atlas_explorer_state_set_year (state, 2022);
  app_test_drain ();
  g_object_set (classification, "method", ATLAS_CLASS_METHOD_MANUAL, "manual-breaks", breaks, NULL);
  app_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmark-view", NULL));

  atlas_explorer_state_set_indicator (state, "folkmangd");
  atlas_classification_set_manual_breaks (classification, NULL);
  atlas_classification_set_method (classification, ATLAS_CLASS_METHOD_QUANTILE);
  app_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-view", NULL));
  app_test_drain ();

  g_assert_cmpstr (atlas_explorer_state_get_indicator (state), ==, "arbetsloshet");
  g_assert_cmpint (atlas_classification_get_method (classification), ==, ATLAS_CLASS_METHOD_MANUAL);
  shown = atlas_class_breaks_get_breaks (atlas_map_get_breaks (atlas_window_get_map (window)), &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (shown[0], ==, 4.0);
  g_assert_cmpfloat (shown[1], ==, 6.5);
  g_assert_cmpfloat (shown[2], ==, 9.0);

  dialog = atlas_export_dialog_new (GTK_WINDOW (window), state,
                                    ADW_TOAST_OVERLAY (app_test_find_widget (GTK_WIDGET (window),
                                                                             ADW_TYPE_TOAST_OVERLAY)));
  figure = atlas_export_dialog_get_figure (ATLAS_EXPORT_DIALOG (dialog));
  shown = atlas_class_breaks_get_breaks (atlas_classification_get_manual_breaks (atlas_figure_get_classification (figure)), &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (shown[1], ==, 6.5);
  g_assert_cmpuint (atlas_figure_get_year (figure), ==, 2022);
  gtk_window_destroy (GTK_WINDOW (dialog));

  app_test_close_window (window);
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static gboolean
shows_uppsala (gpointer window)
{
  AtlasDataset *dataset = atlas_window_get_dataset (window);

  return !atlas_window_get_loading (window) && dataset != NULL
         && g_str_equal (atlas_dataset_get_id (dataset), "uppsala-lan");
}

/* A view of another package opens it and shows the view's level,
 * indicator, year and selection there, not that package's defaults. */
static void
test_view_opens_package (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  g_autofree char *file = atlas_saved_view_default_file ();
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "uppsala-lan", NULL);
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) view = atlas_saved_view_new ("Uppsala", path, "folkmangd_2016", "regso", 2016);
  g_autoptr(GError) error = NULL;

  app_test_close_window (window);
  atlas_explorer_state_select (atlas_saved_view_get_state (view), "0305R001");
  g_list_store_append (views, view);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), file, &error));
  g_assert_no_error (error);

  window = open_window ("sverige-kommuner");
  state = atlas_window_get_state (window);
  map = atlas_window_get_map (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-view", NULL));
  g_assert_true (app_test_wait_for (shows_uppsala, window));
  app_test_drain ();

  g_assert_cmpstr (atlas_explorer_state_get_level (state), ==, "regso");
  g_assert_cmpstr (atlas_explorer_state_get_indicator (state), ==, "folkmangd_2016");
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, 2016);
  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (map)), ==, "regso");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_map_get_indicator (map)), ==, "folkmangd_2016");
  g_assert_cmpuint (atlas_map_get_year (map), ==, 2016);
  g_assert_cmpstr (atlas_area_get_code (atlas_map_get_selected_area (map)), ==, "0305R001");

  app_test_close_window (window);
  g_assert_cmpint (g_unlink (file), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = app_test_use_config_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  app = app_test_application_new ();

  g_test_add_func ("/state/drives-widgets", test_state_drives_widgets);
  g_test_add_func ("/state/widgets-write-state", test_widgets_write_state);
  g_test_add_func ("/state/selection-and-comparison", test_selection_and_comparison);
  g_test_add_func ("/state/sidebar-shares-state", test_sidebar_shares_state);
  g_test_add_func ("/state/view-keeps-manual-breaks", test_view_keeps_manual_breaks);
  g_test_add_func ("/state/view-opens-package", test_view_opens_package);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  app_test_remove_config_home (config_dir);
  return status;
}
