/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Öppna från databas…": a failed or cancelled load leaves the shown
 * dataset as it was and says what failed; a load from the throwaway
 * server of tests/pg-cluster.sh replaces it. */
#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "atlas-database-dialog.h"

static AtlasApplication *app;

static gboolean
is_settled (gpointer dialog)
{
  return !atlas_database_dialog_get_loading (dialog);
}

static AtlasWindow *
open_default_window (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = atlas_get_default_dataset_path ();

  app_test_show_package (window, path);
  return window;
}

static void
test_unreachable_keeps_dataset (void)
{
  AtlasWindow *window = open_default_window ();
  AtlasDataset *before = atlas_window_get_dataset (window);
  AtlasDatabaseDialog *dialog = ATLAS_DATABASE_DIALOG (atlas_database_dialog_new (window));
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-app-pg-XXXXXX", NULL);
  g_autofree char *connection = g_strdup_printf ("host=%s port=5999 dbname=atlas", dir);

  gtk_window_present (GTK_WINDOW (dialog));
  atlas_database_dialog_open (dialog, connection, "stockholm_uppsala");
  g_assert_true (atlas_database_dialog_get_loading (dialog));
  g_assert_true (app_test_wait_for (is_settled, dialog));

  /* Says what failed, naming the connection; the dataset shown is kept. */
  g_test_message ("%s", atlas_database_dialog_get_message (dialog));
  g_assert_nonnull (strstr (atlas_database_dialog_get_message (dialog), "Cannot reach the database server"));
  g_assert_nonnull (strstr (atlas_database_dialog_get_message (dialog), dir));
  g_assert_true (atlas_window_get_dataset (window) == before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_rmdir (dir);
  app_test_close_window (window);
}

static void
test_server_load_and_cancel (void)
{
  const char *service = g_getenv ("PLATSATLAS_TEST_PG_SERVICE");
  g_autofree char *package = g_build_filename (atlas_get_data_dir (), "datasets", "stockholm-uppsala", NULL);
  g_autoptr(GError) error = NULL;
  AtlasWindow *window;
  AtlasDataset *before;
  AtlasDatabaseDialog *dialog;

  if (service == NULL)
    {
      const char *why = g_getenv ("PLATSATLAS_TEST_PG_UNAVAILABLE");
      g_test_skip (why != NULL ? why : "no PostGIS server (run through tests/pg-cluster.sh)");
      return;
    }
  g_assert_true (atlas_postgis_write_package (package, service, "app_test", &error));
  g_assert_no_error (error);

  window = open_default_window ();
  before = atlas_window_get_dataset (window);
  g_assert_cmpstr (atlas_dataset_get_id (before), !=, "stockholm-uppsala");

  /* Cancelled: the dataset stays. */
  dialog = ATLAS_DATABASE_DIALOG (atlas_database_dialog_new (window));
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  atlas_database_dialog_open (dialog, service, "app_test");
  atlas_database_dialog_cancel (dialog);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_nonnull (strstr (atlas_database_dialog_get_message (dialog), "Cancelled"));
  g_assert_true (atlas_window_get_dataset (window) == before);

  /* Loaded: it replaces the dataset and the dialog closes. */
  atlas_database_dialog_open (dialog, service, "app_test");
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_dataset_get_id (atlas_window_get_dataset (window)), ==, "stockholm-uppsala");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = app_test_application_new ();
  g_test_add_func ("/database-dialog/unreachable-keeps-dataset", test_unreachable_keeps_dataset);
  g_test_add_func ("/database-dialog/server-load-and-cancel", test_server_load_and_cancel);
  status = g_test_run ();
  app_test_application_free (app);
  return status;
}
