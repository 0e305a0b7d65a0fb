/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-import-dialog.h"
#include "atlas-legend.h"

/* The Import assistant driven through its API: SCB's Statistikdatabasen
 * CSV of RegSO by områdestyp (tests/data/import) becomes a package that
 * the window opens; a broken file gives an error in the dialog and leaves
 * the window's dataset alone. */

#define FIXTURE "scb_statistikdatabasen_regso_omradestyp_2022.csv"

static AtlasApplication *app;

static gboolean
is_settled (gpointer dialog)
{
  return !atlas_import_dialog_get_busy (dialog);
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

#define PXWEB "scb_pxweb_uppsala_regso2025_folkmangd_2024.json"
#define ENKOPING "regso2020_enkoping_3006.geojson"

static void
check_undrawn_note (AtlasWindow   *window,
                    AtlasDivision *division)
{
  AtlasLegend *legend = ATLAS_LEGEND (atlas_map_get_legend (atlas_window_get_map (window)));
  guint n = atlas_division_get_n_areas (division);
  /* Swedish thousands: a no-break space, "3 363" */
  g_autofree char *areas = n >= 1000 ? g_strdup_printf ("%u\302\240%03u", n / 1000, n % 1000)
                                     : g_strdup_printf ("%u", n);
  g_autofree char *expected = g_strdup_printf ("%s av %s områden saknar gränser och ritas inte", areas, areas);

  g_assert_cmpuint (n, <, 1000000);
  g_assert_cmpuint (atlas_division_get_n_undrawn (division), ==, n);
  g_assert_cmpstr (atlas_legend_get_undrawn_note (legend), ==, expected);
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
  /* No RegSO borders: the legend counts every RegSO as not drawn */
  atlas_map_set_division (atlas_window_get_map (window), regso);
  app_test_drain ();
  check_undrawn_note (window, regso);

  close_dialog (dialog);
  app_test_close_window (window);
  delete_tree (g_file_new_for_path (tmp));
}

/* The PxWeb row (region, Alder, Kon, 2024) as the file has it. */
static double
pxweb_value (const char *path,
             const char *code,
             const char *age,
             const char *sex)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *data;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *row = json_array_get_object_element (data, i);
      JsonArray *key = json_object_get_array_member (row, "key");

      if (g_str_has_prefix (json_array_get_string_element (key, 0), code)
          && g_str_equal (json_array_get_string_element (key, 1), age)
          && g_str_equal (json_array_get_string_element (key, 2), sex))
        return g_ascii_strtod (json_array_get_string_element (json_object_get_array_member (row, "values"), 0), NULL);
    }
  g_assert_not_reached ();
}

static guint
count_ages (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ages = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *data;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = 0; i < json_array_get_length (data); i++)
    g_hash_table_add (ages, (gpointer) json_array_get_string_element (
                        json_object_get_array_member (json_array_get_object_element (data, i), "key"), 1));
  return g_hash_table_size (ages);
}

static double
value_at (AtlasDataset   *dataset,
          AtlasIndicator *indicator,
          const char     *code)
{
  double value = NAN;

  atlas_dataset_get_value (dataset, indicator, 2024, atlas_dataset_lookup_area (dataset, code), &value, NULL);
  return value;
}

static AtlasIndicator *
only_indicator (AtlasDataset *dataset)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);
  g_autoptr(AtlasIndicator) first = g_list_model_get_item (indicators, 0);

  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, 1);
  return first;  /* the dataset keeps it */
}

static AtlasIndicator *
indicator_with_value (AtlasDataset *dataset,
                      const char   *code,
                      double        value)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

      if (value_at (dataset, indicator, code) == value)
        return indicator;
    }
  g_assert_not_reached ();
}

/* Each choice reads the files again and the preview is the package as
 * it will be written: Kon 1+2 by default, then Kon 2 (kvinnor), a split
 * of Alder into one indicator per age group, a rename, and a share; the
 * package written has what the last preview had. Values from the file. */
/* Indicators the package stores, without those derived on load. */
static guint
count_stored (AtlasDataset *dataset)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

      n += g_strcmp0 (atlas_indicator_get_theme_id (indicator), "segregationsindex") != 0;
    }
  return n;
}

static void
test_import_dialog_choices (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "import", PXWEB, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-import-dialog-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (tmp, "folkmangd", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (target);
  AtlasWindow *window = open_default_window ();
  AtlasImportDialog *dialog = inspect (window, source);
  Opened opened = { window, target };
  AtlasDataset *preview;
  g_autofree char *women = NULL;
  g_autofree char *total = NULL;
  g_autofree char *share_id = NULL;

  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "review");
  preview = atlas_import_dialog_get_preview (dialog);
  g_assert_cmpfloat (value_at (preview, only_indicator (preview), "0380R001"), ==,
                     pxweb_value (source, "0380R001", "totalt", "1+2"));

  atlas_import_dialog_select (dialog, "Kon", "2");
  g_assert_true (app_test_wait_for (is_settled, dialog));
  preview = atlas_import_dialog_get_preview (dialog);
  g_assert_cmpfloat (value_at (preview, only_indicator (preview), "0380R001"), ==,
                     pxweb_value (source, "0380R001", "totalt", "2"));

  atlas_import_dialog_split (dialog, "Alder");
  g_assert_true (app_test_wait_for (is_settled, dialog));
  preview = atlas_import_dialog_get_preview (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_indicators (preview)), ==, count_ages (source));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_import_dialog_get_indicators (dialog)), ==, count_ages (source));

  /* Women aged -4 as a share of all women: 100 × count / total */
  /* Ids, since each preview is a new dataset */
  women = g_strdup (atlas_indicator_get_id (indicator_with_value (preview, "0380R001",
                                                                  pxweb_value (source, "0380R001", "-4", "2"))));
  total = g_strdup (atlas_indicator_get_id (indicator_with_value (preview, "0380R001",
                                                                  pxweb_value (source, "0380R001", "totalt", "2"))));
  atlas_import_dialog_rename (dialog, women, "Flickor 0–4 år");
  g_assert_true (app_test_wait_for (is_settled, dialog));
  atlas_import_dialog_add_share (dialog, women, total);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  preview = atlas_import_dialog_get_preview (dialog);
  share_id = g_strdup_printf ("andel_%s", women);
  g_assert_nonnull (atlas_dataset_lookup_indicator (preview, share_id));
  g_assert_cmpfloat_with_epsilon (value_at (preview, atlas_dataset_lookup_indicator (preview, share_id), "0380R001"),
                                  100 * pxweb_value (source, "0380R001", "-4", "2")
                                  / pxweb_value (source, "0380R001", "totalt", "2"), 1e-9);

  atlas_import_dialog_write_to (dialog, folder);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "done");
  g_assert_true (app_test_wait_for (has_package, &opened));
  {
    AtlasDataset *written = atlas_window_get_dataset (window);
    AtlasIndicator *renamed = indicator_with_value (written, "0380R001", pxweb_value (source, "0380R001", "-4", "2"));

    /* the ages and the share; the share of a count also yields its
     * segregation index (D) over the RegSO, derived on load */
    g_assert_cmpuint (count_stored (written), ==, count_ages (source) + 1);
    g_assert_cmpstr (atlas_indicator_get_name (renamed, "sv"), ==, "Flickor 0–4 år");
    g_assert_nonnull (atlas_dataset_lookup_indicator (written, share_id));
    /* RegSO 2025 has no borders: the window opens at kommun level */
    g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (atlas_window_get_map (window))), ==, "kommun");
  }

  close_dialog (dialog);
  app_test_close_window (window);
  delete_tree (g_file_new_for_path (tmp));
}

static guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (colours);
}

/* Områdestyp with Enköping's RegSO borders: the preview draws the map
 * the package opens with (RegSO, områdestyp, the file's year), and the
 * window opens the package there, not at an empty kommun map. */
static void
test_import_dialog_preview_and_start (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "import", FIXTURE, NULL);
  g_autofree char *geo = g_test_build_filename (G_TEST_DIST, "data", "import", ENKOPING, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-import-dialog-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) geo_file = g_file_new_for_path (geo);
  AtlasWindow *window = open_default_window ();
  AtlasImportDialog *dialog = ATLAS_IMPORT_DIALOG (atlas_import_dialog_new (window));
  Opened opened = { window, tmp };
  GdkTexture *texture;
  AtlasMap *map;

  gtk_window_present (GTK_WINDOW (dialog));
  atlas_import_dialog_add_file (dialog, csv_file);
  atlas_import_dialog_add_file (dialog, geo_file);
  atlas_import_dialog_inspect (dialog);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "review");
  texture = atlas_import_dialog_get_preview_texture (dialog);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
  /* Five områdestyper, the missing hatch, text and the basemap */
  g_assert_cmpuint (count_colours (texture), >, 8);
  g_test_message ("preview caption: %s", atlas_import_dialog_get_preview_caption (dialog));
  g_assert_nonnull (strstr (atlas_import_dialog_get_preview_caption (dialog), "RegSO"));
  g_assert_nonnull (strstr (atlas_import_dialog_get_preview_caption (dialog), "2022"));

  atlas_import_dialog_write_to (dialog, folder);
  g_assert_true (app_test_wait_for (is_settled, dialog));
  g_assert_cmpstr (atlas_import_dialog_get_page (dialog), ==, "done");
  g_assert_true (app_test_wait_for (has_package, &opened));
  map = atlas_window_get_map (window);
  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (map)), ==, "regso");
  g_assert_cmpstr (atlas_indicator_get_id (atlas_map_get_indicator (map)), ==, "omradestyp");
  g_assert_cmpuint (atlas_map_get_year (map), ==, 2022);

  close_dialog (dialog);
  app_test_close_window (window);
  delete_tree (g_object_ref (folder));
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
  g_test_add_func ("/import-dialog/choices", test_import_dialog_choices);
  g_test_add_func ("/import-dialog/preview-and-start", test_import_dialog_preview_and_start);
  g_test_add_func ("/import-dialog/broken-file", test_import_dialog_broken_file);
  g_test_add_func ("/import-dialog/cancel", test_import_dialog_cancel);
  g_test_add_func ("/import-dialog/wants-files", test_import_dialog_wants_files);
  status = g_test_run ();
  app_test_application_free (app);
  return status;
}
