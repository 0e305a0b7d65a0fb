/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-import-dialog.h"

/* The Import assistant driven through its API: SCB's Statistikdatabasen
 * CSV of RegSO by områdestyp (tests/data/import) becomes a package that
 * the window opens; a broken file gives an error in the dialog and leaves
 * the window's dataset alone. */

#define FIXTURE "scb_statistikdatabasen_regso_omradestyp_2022.csv"

static AtlasApplication *app;

static gboolean
is_settled (gpointer dialog)
{
  return !g_str_equal (atlas_import_dialog_get_page (dialog), "busy");
}

static AtlasWindow *
open_default_window (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = atlas_get_default_dataset_path ();

  app_test_show_package (window, path);
  return window;
}

static AtlasImportDialog *
inspect (AtlasWindow *window,
         const char  *path)
{
  AtlasImportDialog *dialog = ATLAS_IMPORT_DIALOG (atlas_import_dialog_new (window));
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (dialog));
  atlas_import_dialog_add_file (dialog, file);
  atlas_import_dialog_inspect (dialog);
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "busy");
  g_assert_true (app_test_wait_for (is_settled, dialog));
  return dialog;
}

static gboolean
list_mentions (GListModel *list,
               const char *word)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (list, i);

      if (strstr (gtk_string_object_get_string (item), word) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  AtlasWindow *window;
  const char  *path;
} Opened;

static gboolean
has_package (gpointer data)
{
  Opened *opened = data;
  AtlasDataset *dataset = atlas_window_get_dataset (opened->window);

  return !atlas_window_get_loading (opened->window) && dataset != NULL &&
         g_strcmp0 (atlas_dataset_get_path (dataset), opened->path) == 0;
}

/* Data rows run from below the header row to the first empty row. */
static guint
count_data_rows (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != ',' && lines[i][0] != '\r'; i++)
    n++;
  return n;
}

static AtlasDivision *
find_division (AtlasDataset *dataset,
               const char   *id)
{
  GListModel *divisions = atlas_dataset_get_divisions (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (g_str_equal (atlas_division_get_id (division), id))
        return division;
    }
  return NULL;
}

/* Removes the temporary folder the test made, with the package in it. */
static void
delete_tree (GFile *file)
{
  g_autoptr(GFile) owned = file;
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                               NULL, NULL);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      delete_tree (g_file_get_child (file, g_file_info_get_name (info)));
      g_object_unref (info);
    }
  g_file_delete (owned, NULL, &error);
  g_assert_no_error (error);
}

static void
close_dialog (AtlasImportDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_drain ();
  g_assert_null (dialog);
}

static void
test_import_dialog_writes_and_opens (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "import", FIXTURE, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-import-dialog-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (tmp, "omradestyp", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (target);
  g_autofree char *text = NULL;
  AtlasWindow *window = open_default_window ();
  AtlasImportDialog *dialog = inspect (window, source);
  Opened opened = { window, target };
  AtlasDivision *regso;

  /* SCB's footnote names the classification the column holds. */
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Områdestyp 1 –"));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "review");
  g_assert_true (list_mentions (atlas_import_dialog_get_indicators (dialog), "Områdestyp"));

  gtk_editable_set_text (atlas_import_dialog_get_title_entry (dialog), "Områdestyper i test");
  atlas_import_dialog_write_to (dialog, folder);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "done");
  g_assert_nonnull (strstr (atlas_import_dialog_get_message (dialog), target));
  g_assert_true (app_test_wait_for (has_package, &opened));
  g_assert_cmpstr (atlas_dataset_get_title (atlas_window_get_dataset (window), "sv"), ==,
                   "Områdestyper i test");
  regso = find_division (atlas_window_get_dataset (window), "regso");
  g_assert_nonnull (regso);
  g_assert_cmpuint (atlas_division_get_n_areas (regso), ==, count_data_rows (source));

  close_dialog (dialog);
  app_test_close_window (window);
  delete_tree (g_file_new_for_path (tmp));
}

static void
test_import_dialog_broken_file (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-import-dialog-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (tmp, "trasig.csv", NULL);
  AtlasWindow *window = open_default_window ();
  AtlasDataset *before = atlas_window_get_dataset (window);
  AtlasImportDialog *dialog;
  const char *message;

  g_assert_true (g_file_set_contents (broken, "\"inte\";\"statistik\nbara;text;utan;koder\n", -1, NULL));
  dialog = inspect (window, broken);
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "error");
  message = atlas_import_dialog_get_message (dialog);
  g_test_message ("error shown: %s", message);
  g_assert_nonnull (strstr (message, "trasig.csv"));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_import_dialog_get_indicators (dialog)), ==, 0);
  app_test_drain ();
  g_assert_true (atlas_window_get_dataset (window) == before);

  close_dialog (dialog);
  app_test_close_window (window);
  g_assert_cmpint (g_unlink (broken), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

/* Cancelling goes back a step: from reading to the file page, from
 * writing to the review, and the window keeps its dataset. */
static void
test_import_dialog_cancel (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "import", FIXTURE, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-import-dialog-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  AtlasWindow *window = open_default_window ();
  AtlasDataset *before = atlas_window_get_dataset (window);
  AtlasImportDialog *dialog = ATLAS_IMPORT_DIALOG (atlas_import_dialog_new (window));

  gtk_window_present (GTK_WINDOW (dialog));
  atlas_import_dialog_add_file (dialog, file);
  atlas_import_dialog_inspect (dialog);
  atlas_import_dialog_cancel (dialog);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "files");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_import_dialog_get_indicators (dialog)), ==, 0);

  atlas_import_dialog_inspect (dialog);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "review");
  atlas_import_dialog_write_to (dialog, folder);
  atlas_import_dialog_cancel (dialog);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "review");
  app_test_drain ();
  g_assert_true (atlas_window_get_dataset (window) == before);
  {
    g_autofree char *manifest = g_build_filename (tmp, "manifest.json", NULL);

    g_assert_false (g_file_test (manifest, G_FILE_TEST_EXISTS));
  }

  close_dialog (dialog);
  app_test_close_window (window);
  delete_tree (g_object_ref (folder));
}

static void
test_import_dialog_wants_files (void)
{
  g_autoptr(GFile) csv = g_file_new_for_path ("/tmp/a.csv");
  g_autoptr(GFile) manifest = g_file_new_for_path ("/tmp/paket/manifest.json");
  g_autoptr(GFile) zip = g_file_new_for_path ("/tmp/paket.zip");
  GSList one_csv = { csv, NULL };
  GSList one_manifest = { manifest, NULL };
  GSList one_zip = { zip, NULL };
  GSList zip_and_csv = { zip, &one_csv };

  g_assert_true (atlas_import_dialog_wants_files (&one_csv));
  g_assert_false (atlas_import_dialog_wants_files (&one_manifest));
  g_assert_false (atlas_import_dialog_wants_files (&one_zip));
  g_assert_true (atlas_import_dialog_wants_files (&zip_and_csv));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = app_test_application_new ();
  g_test_add_func ("/import-dialog/writes-and-opens", test_import_dialog_writes_and_opens);
  g_test_add_func ("/import-dialog/broken-file", test_import_dialog_broken_file);
  g_test_add_func ("/import-dialog/cancel", test_import_dialog_cancel);
  g_test_add_func ("/import-dialog/wants-files", test_import_dialog_wants_files);
  status = g_test_run ();
  app_test_application_free (app);
  return status;
}
