/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-window.h"

static AtlasApplication *app;

static gboolean
is_idle (gpointer data)
{
  return !atlas_window_get_loading (data);
}

/* A window showing the default package, as after starting the app. */
static AtlasWindow *
open_default_window (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = atlas_get_default_dataset_path ();

  app_test_show_package (window, path);
  return window;
}

static AtlasDivision *
get_division (AtlasMap *map)
{
  return atlas_map_get_division (map);
}

static void
test_window_default_dataset (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasMap *map = atlas_window_get_map (window);
  AtlasDivision *division = get_division (map);
  AtlasIndicator *indicator = atlas_map_get_indicator (map);
  guint year = atlas_map_get_year (map);
  guint drawn = 0;

  g_assert_nonnull (division);
  g_assert_cmpstr (atlas_division_get_id (division), ==, "kommun");
  g_assert_cmpuint (atlas_division_get_n_areas (division), ==, 290);
  g_assert_nonnull (indicator);
  g_assert_true (atlas_dataset_has_year (atlas_window_get_dataset (window), year));
  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    if (atlas_map_get_area_class (map, atlas_division_get_area (division, i)) >= 0)
      drawn++;
  g_assert_cmpuint (drawn, >, 250);

  app_test_close_window (window);
}

static gboolean
on_quiet_check (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* An idle window paints nothing: once the package is shown and the
 * basemap drawn, some 300 ms pass without a frame within 15 s. (A spinner
 * turning on a hidden page once kept the window at sixty frames a second,
 * and every change waited for the next of them.) */
static void
test_window_idle_paints_nothing (void)
{
  AtlasWindow *window = open_default_window ();
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  gboolean quiet = FALSE;

  while (!quiet && g_get_monotonic_time () < deadline)
    {
      gint64 frames = gdk_frame_clock_get_frame_counter (clock);
      gboolean checked = FALSE;

      g_timeout_add (300, on_quiet_check, &checked);
      while (!checked)
        g_main_context_iteration (NULL, TRUE);
      quiet = gdk_frame_clock_get_frame_counter (clock) == frames;
    }
  g_assert_true (quiet);

  app_test_close_window (window);
}

typedef struct
{
  AtlasMap  *map;
  GArray    *before;
} ClassesChange;

static GArray *
dup_classes (AtlasMap *map)
{
  AtlasDivision *division = get_division (map);
  guint n = atlas_division_get_n_areas (division);
  GArray *classes = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

  for (guint i = 0; i < n; i++)
    {
      int klass = atlas_map_get_area_class (map, atlas_division_get_area (division, i));

      g_array_append_val (classes, klass);
    }
  return classes;
}

static gboolean
classes_changed (gpointer data)
{
  ClassesChange *change = data;
  g_autoptr(GArray) now = dup_classes (change->map);

  return now->len == change->before->len &&
         memcmp (now->data, change->before->data, now->len * sizeof (int)) != 0;
}

static void
test_window_level_and_year (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasMap *map = atlas_window_get_map (window);
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);
  ClassesChange change = { map, NULL };

  atlas_window_set_division (window, atlas_dataset_lookup_division (dataset, "lan"));
  g_assert_cmpstr (atlas_division_get_id (get_division (map)), ==, "lan");
  g_assert_cmpuint (atlas_division_get_n_areas (get_division (map)), ==, 21);

  atlas_window_set_division (window, atlas_dataset_lookup_division (dataset, "kommun"));
  atlas_window_set_year (window, years[0]);
  app_test_drain ();
  change.before = dup_classes (map);
  atlas_window_set_year (window, years[n_years - 1]);
  g_assert_true (app_test_wait_for (classes_changed, &change));
  g_array_unref (change.before);

  /* The keyboard steps through the package's years. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.year-previous", NULL);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n_years - 2]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.year-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.year-next", NULL);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n_years - 1]);

  app_test_close_window (window);
}

static AtlasArea *
first_result (AtlasSearch *search,
              const char  *text)
{
  GtkEditable *entry = atlas_search_get_entry (search);
  GListModel *results = atlas_search_get_results (search);
  g_autoptr(AtlasArea) area = NULL;

  gtk_editable_set_text (entry, text);
  /* The entry delays this signal while typing; emit it now. */
  g_signal_emit_by_name (entry, "search-changed");
  area = g_list_model_get_item (results, 0);
  return area;   /* the dataset keeps it alive */
}

static void
test_window_search_matching (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasSearch *search = atlas_window_get_search (window);

  g_assert_cmpstr (atlas_area_get_code (first_result (search, "malmo")), ==, "1280");
  g_assert_cmpstr (atlas_area_get_code (first_result (search, "MALMÖ")), ==, "1280");
  g_assert_cmpstr (atlas_area_get_code (first_result (search, "0380")), ==, "0380");
  g_assert_cmpstr (atlas_area_get_code (first_result (search, "ostersund")), ==, "2380");
  g_assert_null (first_result (search, "xyzzy"));
  gtk_editable_set_text (atlas_search_get_entry (search), "");

  app_test_close_window (window);
}

static void
test_window_search_selects (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasMap *map = atlas_window_get_map (window);
  AtlasSearch *search = atlas_window_get_search (window);
  GtkEditable *entry = atlas_search_get_entry (search);
  AtlasArea *selected;

  /* Ctrl+F */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (entry)));

  /* From län level, a kommun found by name brings its level back. */
  atlas_window_set_division (window, atlas_dataset_lookup_division (atlas_window_get_dataset (window), "lan"));
  gtk_editable_set_text (entry, "Uppsala");
  g_signal_emit_by_name (entry, "activate");
  app_test_drain ();

  selected = atlas_map_get_selected_area (map);
  g_assert_nonnull (selected);
  g_assert_cmpstr (atlas_area_get_code (selected), ==, "0380");
  g_assert_cmpstr (atlas_division_get_id (get_division (map)), ==, "kommun");
  g_assert_cmpstr (atlas_details_get_heading (atlas_window_get_details (window)), ==, "Uppsala");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Escape clears the selection and the details. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-selection", NULL);
  g_assert_null (atlas_map_get_selected_area (map));
  g_assert_cmpstr (atlas_details_get_heading (atlas_window_get_details (window)), ==, "");

  app_test_close_window (window);
}

static void
test_window_open_another (void)
{
  AtlasWindow *window = open_default_window ();
  g_autofree char *uppsala = g_build_filename (atlas_get_data_dir (), "datasets", "uppsala-lan", NULL);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasSearch *search = atlas_window_get_search (window);

  atlas_window_open (window, uppsala);
  g_assert_true (app_test_wait_for (is_idle, window));
  g_assert_cmpstr (atlas_dataset_get_id (atlas_window_get_dataset (window)), ==, "uppsala-lan");
  /* A county package opens on its finest level, not the last one used */
  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (map)), ==, "deso");
  g_assert_nonnull (atlas_map_get_indicator (map));
  /* Search follows the package: DeSO codes are found */
  g_assert_cmpstr (atlas_area_get_code (first_result (search, "0380c1320")), ==, "0380C1320");
  gtk_editable_set_text (atlas_search_get_entry (search), "");

  app_test_close_window (window);
}

static void
on_load_failed (AtlasWindow  *window,
                const GError *error,
                GError      **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

static char *
write_broken_package (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-broken-XXXXXX", &error);
  g_autofree char *manifest = NULL;

  g_assert_no_error (error);
  manifest = g_build_filename (dir, "manifest.json", NULL);
  g_file_set_contents (manifest, "{ \"format\": 1, \"id\": \"broken\", \"title\": ", -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static void
remove_broken_package (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);

  g_assert_cmpint (g_remove (manifest), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
}

static guint
count_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      n++;
  return n;
}

static void
test_window_broken_package (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasDataset *before = atlas_window_get_dataset (window);
  g_autofree char *broken = write_broken_package ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (window, "load-failed", G_CALLBACK (on_load_failed), &error);
  atlas_window_open (window, broken);
  g_assert_true (atlas_window_get_loading (window));
  g_assert_true (app_test_wait_for (is_idle, window));

  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "manifest.json"));
  g_assert_true (atlas_window_get_dataset (window) == before);
  g_assert_cmpuint (count_dialogs (), ==, 1);
  g_assert_cmpstr (atlas_division_get_id (get_division (atlas_window_get_map (window))), ==, "kommun");

  close_dialogs ();
  remove_broken_package (broken);
  app_test_close_window (window);
}

static void
test_window_broken_at_start (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *broken = write_broken_package ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (window, "load-failed", G_CALLBACK (on_load_failed), &error);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open (window, broken);
  g_assert_true (app_test_wait_for (is_idle, window));

  /* Nothing to keep: the window itself says what went wrong. */
  g_assert_nonnull (error);
  g_assert_null (atlas_window_get_dataset (window));
  g_assert_cmpuint (count_dialogs (), ==, 0);

  remove_broken_package (broken);
  app_test_close_window (window);
}

static void
test_window_restores_state (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint n_years;
  /* A copy: the first window's dataset goes away with it */
  guint year = atlas_dataset_get_years (dataset, &n_years)[1];
  ShumateViewport *viewport;
  double latitude;
  AtlasMap *map;

  atlas_window_set_division (window, atlas_dataset_lookup_division (dataset, "lan"));
  atlas_window_set_indicator (window, atlas_dataset_lookup_indicator (dataset, "median_inkomst"));
  atlas_window_set_year (window, year);
  gtk_window_close (GTK_WINDOW (window));
  app_test_drain ();
  latitude = g_settings_get_double (settings, "map-latitude");

  window = open_default_window ();
  map = atlas_window_get_map (window);
  viewport = atlas_map_get_viewport (map);
  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (map)), ==, "lan");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_map_get_indicator (map)), ==, "median_inkomst");
  g_assert_cmpuint (atlas_map_get_year (map), ==, year);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  latitude, 1e-6);
  app_test_close_window (window);

  g_settings_reset (settings, "level");
  g_settings_reset (settings, "indicator");
  g_settings_reset (settings, "year");
}

/* A colour scheme remembered by an older version that no longer exists
 * restores as the indicator's default colours, and the map draws. */
static void
test_window_unknown_scheme (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AtlasWindow *window;
  AtlasClassification *classification;

  g_settings_set_string (settings, "palette-scheme", "RainbowOfOld");
  window = open_default_window ();
  classification = atlas_map_get_classification (atlas_window_get_map (window));
  g_assert_null (atlas_classification_get_palette_scheme (classification));
  g_assert_nonnull (atlas_map_get_palette (atlas_window_get_map (window)));

  atlas_classification_set_palette_scheme (classification, "viridis");
  g_assert_cmpstr (g_settings_get_string (settings, "palette-scheme"), ==, "viridis");
  app_test_close_window (window);
  g_settings_reset (settings, "palette-scheme");
}

static void
test_window_about_and_shortcuts (void)
{
  AtlasWindow *window = open_default_window ();
  g_autoptr(GList) toplevels = NULL;
  guint n_about = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  app_test_drain ();

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      {
        n_about++;
        gtk_window_destroy (l->data);
      }
  g_assert_cmpuint (n_about, ==, 1);
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Windows come and go between tests; the application must not quit. */
  app = app_test_application_new ();

  g_test_add_func ("/window/default-dataset", test_window_default_dataset);
  g_test_add_func ("/window/level-and-year", test_window_level_and_year);
  g_test_add_func ("/window/idle-paints-nothing", test_window_idle_paints_nothing);
  g_test_add_func ("/window/search-matching", test_window_search_matching);
  g_test_add_func ("/window/search-selects", test_window_search_selects);
  g_test_add_func ("/window/open-another", test_window_open_another);
  g_test_add_func ("/window/broken-package", test_window_broken_package);
  g_test_add_func ("/window/broken-at-start", test_window_broken_at_start);
  g_test_add_func ("/window/restores-state", test_window_restores_state);
  g_test_add_func ("/window/unknown-scheme", test_window_unknown_scheme);
  g_test_add_func ("/window/about-and-shortcuts", test_window_about_and_shortcuts);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  return status;
}
