/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-export-dialog.h"
#include "atlas-map-layer.h"
#include "atlas-window.h"

/* The export dialog writes the data behind the map as well as figures,
 * and remembers its choices in GSettings (the memory backend here). */

static AtlasApplication *app;

static AtlasWindow *
open_window (const char *package)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", package, NULL);

  app_test_show_package (window, path);
  return window;
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

/* The combo row whose list has n_items entries (page: 4, file type: 5). */
static AdwComboRow *
find_combo (GtkWidget *root,
            guint      n_items)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found;

      if (ADW_IS_COMBO_ROW (child) && adw_combo_row_get_model (ADW_COMBO_ROW (child)) != NULL
          && g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (child))) == n_items)
        return ADW_COMBO_ROW (child);
      if ((found = find_combo (child, n_items)) != NULL)
        return found;
    }
  return NULL;
}

/* The combo row whose first entry reads @first (in English or Swedish). */
static AdwComboRow *
find_combo_by_first (GtkWidget  *root,
                     const char *english,
                     const char *swedish)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found;

      if (ADW_IS_COMBO_ROW (child) && GTK_IS_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (child))))
        {
          const char *first = gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (child))), 0);

          if (g_strcmp0 (first, english) == 0 || g_strcmp0 (first, swedish) == 0)
            return ADW_COMBO_ROW (child);
        }
      if ((found = find_combo_by_first (child, english, swedish)) != NULL)
        return found;
    }
  return NULL;
}

static AtlasExportDialog *
open_dialog (AtlasWindow *window)
{
  AtlasExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static void
export_and_wait (AtlasExportDialog *dialog,
                 const char        *path)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  atlas_export_dialog_export_to (dialog, path);
  /* The dialog closes itself once the file is written. */
  g_assert_true (app_test_wait_for (is_null, &dialog));
}

/* CSV of the map on screen: every kommun, values as in the package's
 * values file, semicolons and decimal commas by default. */
static void
test_csv_from_dialog (void)
{
  AtlasWindow *window = open_window ("sverige-kommuner");
  AtlasMap *map = atlas_window_get_map (window);
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "karta.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  AtlasExportDialog *dialog;
  guint n_areas;

  atlas_window_set_division (window, atlas_dataset_lookup_division (atlas_window_get_dataset (window), "kommun"));
  app_test_drain ();
  n_areas = atlas_division_get_n_areas (atlas_map_get_division (map));
  dialog = open_dialog (window);
  export_and_wait (dialog, path);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "area_code;"));
  lines = g_strsplit (text, "\r\n", -1);
  /* A header, one line per kommun, and the empty end. */
  g_assert_cmpuint (g_strv_length (lines), ==, n_areas + 2);
  app_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Page, DPI, language come from the settings; the file type and folder
 * chosen are stored for next time. */
static void
test_remembers (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AtlasWindow *window = open_window ("uppsala-lan");
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-export-XXXXXX", NULL);
  g_autofree char *stem = g_build_filename (dir, "data", NULL);
  g_autofree char *written = g_build_filename (dir, "data.gpkg", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *format = NULL;
  AtlasExportDialog *dialog;
  AtlasFigure *figure;
  AdwComboRow *format_row;

  g_settings_set_string (settings, "export-page", "slide-16x9");
  g_settings_set_uint (settings, "export-dpi", 300);
  g_settings_set_string (settings, "export-language", "en");
  g_settings_set_string (settings, "export-format", "pdf");

  dialog = open_dialog (window);
  figure = atlas_export_dialog_get_figure (dialog);
  g_assert_cmpint (atlas_figure_get_page (figure), ==, ATLAS_PAGE_SLIDE_16X9);
  g_assert_cmpuint (atlas_figure_get_dpi (figure), ==, 300);
  g_assert_cmpstr (atlas_figure_get_lang (figure), ==, "en");

  /* GeoPackage is the fifth file type; a name without extension gets it. */
  format_row = find_combo (GTK_WIDGET (dialog), 5);
  g_assert_nonnull (format_row);
  adw_combo_row_set_selected (format_row, 4);
  format = g_settings_get_string (settings, "export-format");
  g_assert_cmpstr (format, ==, "gpkg");
  export_and_wait (dialog, stem);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  folder = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (folder, ==, dir);

  /* Opened again: the GeoPackage is still chosen. */
  dialog = open_dialog (window);
  format_row = find_combo (GTK_WIDGET (dialog), 5);
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_drain ();

  g_settings_reset (settings, "export-format");
  g_settings_reset (settings, "export-page");
  g_settings_reset (settings, "export-dpi");
  g_settings_reset (settings, "export-language");
  app_test_close_window (window);
  g_unlink (written);
  g_rmdir (dir);
}

/* "The view on the map" frames what the map shows: the figure's extent
 * is the map's visible box, worked out here from the layer's view. */
static void
test_view_extent (void)
{
  AtlasWindow *window = open_window ("uppsala-lan");
  AtlasMap *map = atlas_window_get_map (window);
  AtlasExportDialog *dialog;
  AdwComboRow *frame_row;
  AtlasMapView view;
  AtlasBBox extent;
  double west, north, east, south;

  app_test_drain ();
  atlas_map_layer_get_view (atlas_map_get_layer (map), &view);
  g_assert_cmpfloat (view.scale, >, 0);
  atlas_mercator_to_lonlat (view.center_x - view.width / 2 / view.scale,
                            view.center_y - view.height / 2 / view.scale, &west, &north);
  atlas_mercator_to_lonlat (view.center_x + view.width / 2 / view.scale,
                            view.center_y + view.height / 2 / view.scale, &east, &south);

  dialog = open_dialog (window);
  g_assert_false (atlas_figure_get_extent (atlas_export_dialog_get_figure (dialog), NULL));
  frame_row = find_combo_by_first (GTK_WIDGET (dialog), "The level or region", "Nivån eller regionen");
  g_assert_nonnull (frame_row);
  adw_combo_row_set_selected (frame_row, 1);
  g_assert_true (atlas_figure_get_extent (atlas_export_dialog_get_figure (dialog), &extent));
  g_assert_cmpfloat_with_epsilon (extent.min_x, west, 1e-9);
  g_assert_cmpfloat_with_epsilon (extent.max_x, east, 1e-9);
  g_assert_cmpfloat_with_epsilon (extent.min_y, south, 1e-9);
  g_assert_cmpfloat_with_epsilon (extent.max_y, north, 1e-9);
  /* Back to the level: no extent. */
  adw_combo_row_set_selected (frame_row, 0);
  g_assert_false (atlas_figure_get_extent (atlas_export_dialog_get_figure (dialog), NULL));

  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = app_test_application_new ();

  g_test_add_func ("/export-dialog/csv", test_csv_from_dialog);
  g_test_add_func ("/export-dialog/remembers", test_remembers);
  g_test_add_func ("/export-dialog/view-extent", test_view_extent);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  return status;
}
