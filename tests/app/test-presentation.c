/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-export-dialog.h"
#include "atlas-window.h"

/* Presentation mode, saved views and the export dialog, driven through
 * the window's actions and keys as a user would.
 *
 * Set PLATSATLAS_TEST_FIGURE_DIR to keep the figures exported through the
 * dialog there (for looking at them); by default they go to a temporary
 * folder that is removed. */

static AtlasApplication *app;

static AtlasWindow *
open_window (const char *package)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", package, NULL);

  app_test_show_package (window, path);
  return window;
}

static gboolean
presentation_state (AtlasWindow *window)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "presentation");

  g_assert_nonnull (state);
  return g_variant_get_boolean (state);
}

/* The sidebar is the start of the outermost paned around the map. */
static GtkWidget *
get_sidebar (AtlasWindow *window)
{
  GtkWidget *paned = NULL;

  for (GtkWidget *w = GTK_WIDGET (atlas_window_get_map (window)); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_PANED (w))
      paned = w;
  g_assert_nonnull (paned);
  return gtk_paned_get_start_child (GTK_PANED (paned));
}

/* A real key press (XTest) to the window. */
static void
press_key (AtlasWindow     *window,
           guint            keyval,
           GdkModifierType  modifiers)
{
  app_test_press_key (window, keyval, modifiers);
}

/* The label of the presentation card with CSS class @css_class. */
static GtkWidget *
find_card_line (GtkWidget  *widget,
                const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card_line (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
card_text (AtlasWindow *window,
           const char  *css_class)
{
  GtkWidget *label = find_card_line (GTK_WIDGET (window), css_class);

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static guint
n_years (AtlasWindow *window)
{
  guint n = 0;

  atlas_dataset_get_years (atlas_window_get_dataset (window), &n);
  return n;
}

static void
test_presentation_enter_leave (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasMap *map = atlas_window_get_map (window);
  GtkWidget *sidebar = get_sidebar (window);
  gboolean sidebar_visible = gtk_widget_get_visible (sidebar);
  guint year = atlas_map_get_year (map);

  g_assert_false (presentation_state (window));
  /* The arrows are the map's (panning) in either mode, never the years. */
  gtk_widget_grab_focus (GTK_WIDGET (map));
  press_key (window, GDK_KEY_Left, 0);
  g_assert_cmpuint (atlas_map_get_year (map), ==, year);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  app_test_drain ();
  g_assert_true (presentation_state (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_false (gtk_widget_get_visible (sidebar));
  press_key (window, GDK_KEY_Left, 0);
  g_assert_cmpuint (atlas_map_get_year (map), ==, year);

  /* Esc leaves presentation mode. */
  press_key (window, GDK_KEY_Escape, 0);
  g_assert_false (presentation_state (window));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_cmpint (gtk_widget_get_visible (sidebar), ==, sidebar_visible);

  app_test_close_window (window);
}

static void
test_presentation_steps_years (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasMap *map = atlas_window_get_map (window);
  const guint *years;
  guint n = n_years (window);
  guint before;

  g_assert_cmpuint (n, >, 2);
  years = atlas_dataset_get_years (atlas_window_get_dataset (window), &n);
  atlas_explorer_state_set_year (atlas_window_get_state (window), years[n - 1]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  app_test_drain ();
  before = atlas_map_get_year (map);

  /* The keys of explore mode: Page Down/Up, Ctrl+←/→ */
  press_key (window, GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (atlas_map_get_year (map), <, before);
  press_key (window, GDK_KEY_Page_Up, 0);
  g_assert_cmpuint (atlas_map_get_year (map), ==, before);
  press_key (window, GDK_KEY_Left, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_map_get_year (map), <, before);
  press_key (window, GDK_KEY_Escape, 0);
  g_assert_false (presentation_state (window));

  app_test_close_window (window);
}

static void
test_saved_views (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasMap *map = atlas_window_get_map (window);
  g_autofree char *file = atlas_saved_view_default_file ();
  g_autoptr(GListStore) saved = NULL;
  g_autoptr(GError) error = NULL;
  const guint *years;
  guint n;

  g_unlink (file);
  years = atlas_dataset_get_years (atlas_window_get_dataset (window), &n);
  g_assert_cmpuint (n, >, 3);
  atlas_explorer_state_set_year (atlas_window_get_state (window), years[n - 1]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmark-view", NULL));
  atlas_explorer_state_set_year (atlas_window_get_state (window), years[n - 3]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.bookmark-view", NULL));
  app_test_drain ();

  saved = atlas_saved_views_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (saved)), ==, 2);

  /* Ctrl+Page Down/Up step through the saved views, in presentation
   * mode as outside it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  app_test_drain ();
  press_key (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n - 1]);
  g_assert_true (g_str_has_prefix (card_text (window, "presentation-view"), "View 1 of 2: "));
  press_key (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n - 3]);
  g_assert_true (g_str_has_prefix (card_text (window, "presentation-view"), "View 2 of 2: "));
  /* Another year is no longer the saved view: the card stops saying so */
  press_key (window, GDK_KEY_Page_Up, 0);
  g_assert_null (card_text (window, "presentation-view"));
  press_key (window, GDK_KEY_Page_Down, 0);
  press_key (window, GDK_KEY_Page_Up, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n - 1]);
  /* Esc leaves, even with the "saved" toasts still on screen */
  press_key (window, GDK_KEY_Escape, 0);
  g_assert_false (presentation_state (window));
  press_key (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_map_get_year (map), ==, years[n - 3]);

  app_test_close_window (window);
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static gboolean
has_basemap (gpointer window)
{
  return atlas_map_get_basemap (atlas_window_get_map (window)) != NULL;
}

/* The widget point of a lon/lat. */
static void
to_widget (AtlasMap *map,
           double    lon,
           double    lat,
           double   *x,
           double   *y)
{
  atlas_map_lonlat_to_widget (map, lon, lat, x, y);
}

/* The whole level is in view and fills the map one way or the other. */
static gboolean
is_framed (gpointer data)
{
  AtlasMap *map = data;
  const AtlasBBox *bbox = atlas_division_get_bbox (atlas_map_get_division (map));
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  double x0, y0, x1, y1;

  to_widget (map, bbox->min_x, bbox->max_y, &x0, &y0);
  to_widget (map, bbox->max_x, bbox->min_y, &x1, &y1);
  return x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height
         && (y1 - y0 > 0.75 * height || x1 - x0 > 0.5 * width);
}

/* Waits (a bounded number of main loop turns) for the new size to be
 * allocated and framed. */
static void
assert_framed (AtlasMap *map)
{
  g_assert_true (app_test_wait_for (is_framed, map));
}

/* The view never reaches past the basemap's cut edges. */
static void
assert_inside_basemap (AtlasMap *map)
{
  AtlasBBox extent;
  double x0, y0, x1, y1;

  g_assert_true (atlas_basemap_get_extent (atlas_map_get_basemap (map), &extent));
  to_widget (map, extent.min_x, extent.max_y, &x0, &y0);
  to_widget (map, extent.max_x, extent.min_y, &x1, &y1);
  g_assert_cmpfloat (x0, <=, 0.5);
  g_assert_cmpfloat (y0, <=, 0.5);
  g_assert_cmpfloat (x1, >=, gtk_widget_get_width (GTK_WIDGET (map)) - 0.5);
  g_assert_cmpfloat (y1, >=, gtk_widget_get_height (GTK_WIDGET (map)) - 0.5);
}

/* Entering presentation mode frames the whole level in the larger map,
 * whatever the view was; the card names the level and the source; the
 * basemap's cut edges stay out of view even zoomed out all the way; and
 * leaving gives back the view from before. */
static void
test_presentation_framing (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasMap *map = atlas_window_get_map (window);
  ShumateViewport *viewport = atlas_map_get_viewport (map);
  double latitude, longitude;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_assert_true (app_test_wait_for (has_basemap, window));
  atlas_explorer_state_set_camera (atlas_window_get_state (window), 64.0, 10.0, 7);
  app_test_drain ();
  latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  for (guint i = 0; i < 5; i++)
    app_test_drain ();
  assert_framed (map);
  assert_inside_basemap (map);
  g_assert_cmpstr (card_text (window, "presentation-level"), ==,
                   atlas_division_get_name (atlas_map_get_division (map), NULL));
  g_assert_true (g_str_has_prefix (card_text (window, "presentation-source"), "Source: "));
  g_assert_nonnull (strstr (card_text (window, "presentation-source"),
                            atlas_indicator_get_source (atlas_map_get_indicator (map))));

  for (guint i = 0; i < 8; i++)
    press_key (window, GDK_KEY_minus, 0);
  assert_inside_basemap (map);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 80.0, 70.0);
  app_test_drain ();
  assert_inside_basemap (map);
  /* Leaving gives back the view from before */
  press_key (window, GDK_KEY_Escape, 0);
  app_test_drain ();
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 7);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), latitude, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), longitude, 1e-6);
  {
    double state_latitude, state_longitude, state_zoom;

    atlas_explorer_state_get_camera (atlas_window_get_state (window), &state_latitude, &state_longitude, &state_zoom);
    g_assert_cmpfloat_with_epsilon (state_latitude, latitude, 1e-6);
    g_assert_cmpfloat_with_epsilon (state_longitude, longitude, 1e-6);
    g_assert_cmpfloat (state_zoom, ==, 7);
  }

  app_test_close_window (window);
}

/* A view whose package is gone is reported, not followed. */
static void
test_saved_view_package_gone (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasMap *map = atlas_window_get_map (window);
  g_autofree char *file = atlas_saved_view_default_file ();
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) gone = atlas_saved_view_new ("Borta", "/nonexistent/paket", "x", "kommun", 1999);
  g_autoptr(GError) error = NULL;
  guint year = atlas_map_get_year (map);

  app_test_close_window (window);
  g_list_store_append (views, gone);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), file, &error));
  g_assert_no_error (error);

  window = open_window ("sverige-kommuner");
  map = atlas_window_get_map (window);
  year = atlas_map_get_year (map);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-view", NULL));
  app_test_drain ();
  g_assert_false (atlas_window_get_loading (window));
  g_assert_cmpuint (atlas_map_get_year (map), ==, year);

  app_test_close_window (window);
  g_assert_cmpint (g_unlink (file), ==, 0);
}

static AtlasExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ATLAS_IS_EXPORT_DIALOG (item))
        return ATLAS_EXPORT_DIALOG (item);
    }
  return NULL;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Opens the dialog with win.export, checks it took the map's state, and
 * exports a PDF through it for each page format. */
static void
export_through_dialog (const char *package,
                       const char *level,
                       const char *dir)
{
  static const AtlasPageFormat pages[] = {
    ATLAS_PAGE_A4_PORTRAIT, ATLAS_PAGE_A4_LANDSCAPE, ATLAS_PAGE_SLIDE_16X9,
  };
  AtlasWindow *window = open_window (package);
  AtlasMap *map = atlas_window_get_map (window);

  atlas_window_set_division (window, atlas_dataset_lookup_division (atlas_window_get_dataset (window), level));
  app_test_drain ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AtlasExportDialog *dialog;
      AtlasFigure *figure;
      g_autofree char *name = g_strdup_printf ("%s-%s.pdf", package, atlas_page_format_to_nick (pages[i]));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
      dialog = find_export_dialog ();
      g_assert_nonnull (dialog);
      figure = atlas_export_dialog_get_figure (dialog);
      g_assert_true (atlas_figure_get_indicator (figure) == atlas_map_get_indicator (map));
      g_assert_true (atlas_figure_get_division (figure) == atlas_map_get_division (map));
      g_assert_cmpuint (atlas_figure_get_year (figure), ==, atlas_map_get_year (map));
      g_assert_cmpint (atlas_classification_get_count (atlas_figure_get_classification (figure)), ==,
                       atlas_classification_get_count (atlas_map_get_classification (map)));
      atlas_figure_set_page (figure, pages[i]);

      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      atlas_export_dialog_export_to (dialog, path);
      /* The dialog closes itself once the file is written. */
      g_assert_true (app_test_wait_for (is_null, &dialog));
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (data, "%PDF-"));
    }
  app_test_close_window (window);
}

static gboolean
has_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        return TRUE;
    }
  return FALSE;
}

/* A failed export explains itself, keeps the dialog open and writes
 * nothing. */
static void
test_export_dialog_failure (void)
{
  AtlasWindow *window = open_window ("uppsala-lan");
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing-folder", "figur.pdf", NULL);
  AtlasExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  atlas_export_dialog_export_to (dialog, path);
  g_assert_true (app_test_wait_for (has_message_dialog, NULL));
  g_assert_nonnull (dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_close_window (window);
  g_assert_null (dialog);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_export_dialog (void)
{
  const char *keep = g_getenv ("PLATSATLAS_TEST_FIGURE_DIR");
  g_autofree char *dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("platsatlas-export-XXXXXX", NULL);

  g_assert_nonnull (dir);
  export_through_dialog ("sverige-kommuner", "kommun", dir);
  export_through_dialog ("uppsala-lan", "deso", dir);
  if (keep == NULL)
    remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = app_test_use_config_home ();
  int status;

  g_test_init (&argc, &argv, NULL);

  app = app_test_application_new ();

  g_test_add_func ("/presentation/enter-leave", test_presentation_enter_leave);
  g_test_add_func ("/presentation/steps-years", test_presentation_steps_years);
  g_test_add_func ("/presentation/framing", test_presentation_framing);
  g_test_add_func ("/presentation/saved-views", test_saved_views);
  g_test_add_func ("/presentation/saved-view-package-gone", test_saved_view_package_gone);
  g_test_add_func ("/presentation/export-dialog", test_export_dialog);
  g_test_add_func ("/presentation/export-dialog-failure", test_export_dialog_failure);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  app_test_remove_config_home (config_dir);
  return status;
}
