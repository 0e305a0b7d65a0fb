/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-core.h"

/* Saved views: the JSON file round-trips, and bad files fail with a
 * message that names the file and says where and what is wrong. */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-views-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_file_and_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
write_views (const char *text)
{
  g_autofree char *dir = make_tmp_dir ();
  char *path = g_build_filename (dir, "views.json", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "views.json", NULL);
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) view = atlas_saved_view_new ("Arbetslöshet \"län\" 2023", "/data/pkg",
                                                         "arbetsloshet", "kommun", 2023);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(AtlasSavedView) back = NULL;
  g_autoptr(GError) error = NULL;
  AtlasClassMethod method;
  guint count;
  gboolean pooled;
  double lat, lon, zoom;

  atlas_saved_view_set_camera (view, 59.86, 17.64, 8.5);
  atlas_saved_view_set_classification (view, ATLAS_CLASS_METHOD_JENKS, 7, FALSE);
  atlas_saved_view_set_palette (view, "viridis", TRUE);
  g_list_store_append (views, view);

  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), path, &error));
  g_assert_no_error (error);
  loaded = atlas_saved_views_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 1);
  back = g_list_model_get_item (G_LIST_MODEL (loaded), 0);

  g_assert_cmpstr (atlas_saved_view_get_name (back), ==, "Arbetslöshet \"län\" 2023");
  g_assert_cmpstr (atlas_saved_view_get_package (back), ==, "/data/pkg");
  g_assert_cmpstr (atlas_saved_view_get_indicator (back), ==, "arbetsloshet");
  g_assert_cmpstr (atlas_saved_view_get_level (back), ==, "kommun");
  g_assert_cmpuint (atlas_saved_view_get_year (back), ==, 2023);
  atlas_saved_view_get_camera (back, &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, 59.86, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 17.64, 1e-9);
  g_assert_cmpfloat_with_epsilon (zoom, 8.5, 1e-9);
  atlas_saved_view_get_classification (back, &method, &count, &pooled);
  g_assert_cmpint (method, ==, ATLAS_CLASS_METHOD_JENKS);
  g_assert_cmpuint (count, ==, 7);
  g_assert_false (pooled);
  g_assert_cmpstr (atlas_saved_view_get_palette_scheme (back), ==, "viridis");
  g_assert_true (atlas_saved_view_get_palette_reverse (back));

  remove_file_and_dir (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_missing_file_is_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load ("/nonexistent/platsatlas/views.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (views);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (views)), ==, 0);
}

static void
test_malformed (void)
{
  g_autofree char *path = write_views ("{\n  \"version\": 1,\n  \"views\": [ { \"name\": } ]\n}\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);

  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, path));
  /* The syntax error is on line 3. */
  g_assert_nonnull (strstr (error->message, ":3:"));
  remove_file_and_dir (path);
}

static void
test_wrong_shape (void)
{
  g_autofree char *path = write_views ("[1, 2]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);

  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "“views”"));
  remove_file_and_dir (path);
}

static void
test_missing_fields (void)
{
  g_autofree char *path = write_views ("{ \"views\": ["
                                       " { \"name\": \"A\", \"package\": \"/p\", \"indicator\": \"x\", \"level\": \"kommun\" },"
                                       " { \"name\": \"B\", \"package\": \"/p\", \"level\": \"kommun\" } ] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);

  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "view 2"));
  g_assert_nonnull (strstr (error->message, "“indicator”"));
  remove_file_and_dir (path);
}

/* Optional fields fall back to the defaults. */
static void
test_defaults (void)
{
  g_autofree char *path = write_views ("{ \"views\": [ { \"name\": \"A\", \"package\": \"/p\","
                                       " \"indicator\": \"x\", \"level\": \"kommun\" } ] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);
  g_autoptr(AtlasSavedView) view = NULL;
  AtlasClassMethod method;
  guint count;
  gboolean pooled;
  double zoom;

  g_assert_no_error (error);
  view = g_list_model_get_item (G_LIST_MODEL (views), 0);
  g_assert_cmpuint (atlas_saved_view_get_year (view), ==, 0);
  atlas_saved_view_get_camera (view, NULL, NULL, &zoom);
  g_assert_cmpfloat (zoom, ==, 0);
  atlas_saved_view_get_classification (view, &method, &count, &pooled);
  g_assert_cmpint (method, ==, ATLAS_CLASS_METHOD_QUANTILE);
  g_assert_cmpuint (count, ==, 5);
  g_assert_true (pooled);
  g_assert_null (atlas_saved_view_get_palette_scheme (view));
  remove_file_and_dir (path);
}

static void
on_changed (AtlasClassification *classification,
            gpointer             user_data)
{
  (*(guint *) user_data)++;
}

/* A view stores and applies a classification's method, count, scope and
 * palette, never its manual breaks; applying changes each setting once. */
static void
test_classification (void)
{
  g_autoptr(AtlasSavedView) view = atlas_saved_view_new ("A", "/p", "x", "kommun", 2020);
  g_autoptr(AtlasClassification) map = atlas_classification_new ();
  g_autoptr(AtlasClassification) target = atlas_classification_new ();
  const double inner[] = { 1.0, 2.0 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (inner, 2, 0.0, 3.0, NULL);
  AtlasClassMethod method;
  guint count, changes = 0;
  gboolean pooled;

  g_object_set (map, "method", ATLAS_CLASS_METHOD_STDDEV, "count", 6, "pooled", FALSE,
                "palette-scheme", "viridis", "palette-reverse", TRUE, "manual-breaks", breaks, NULL);
  atlas_saved_view_store_classification (view, map);
  atlas_saved_view_get_classification (view, &method, &count, &pooled);
  g_assert_cmpint (method, ==, ATLAS_CLASS_METHOD_STDDEV);
  g_assert_cmpuint (count, ==, 6);
  g_assert_false (pooled);
  g_assert_cmpstr (atlas_saved_view_get_palette_scheme (view), ==, "viridis");
  g_assert_true (atlas_saved_view_get_palette_reverse (view));

  g_signal_connect (target, "changed", G_CALLBACK (on_changed), &changes);
  atlas_saved_view_apply_classification (view, target);
  g_assert_cmpuint (changes, ==, 5);
  g_assert_cmpint (atlas_classification_get_method (target), ==, ATLAS_CLASS_METHOD_STDDEV);
  g_assert_cmpuint (atlas_classification_get_count (target), ==, 6);
  g_assert_false (atlas_classification_get_pooled (target));
  g_assert_cmpstr (atlas_classification_get_palette_scheme (target), ==, "viridis");
  g_assert_true (atlas_classification_get_palette_reverse (target));
  g_assert_null (atlas_classification_get_manual_breaks (target));
  atlas_saved_view_apply_classification (view, target);
  g_assert_cmpuint (changes, ==, 5);
}

static void
test_package_gone (void)
{
  g_autoptr(AtlasSavedView) gone = atlas_saved_view_new ("Gammal", "/nonexistent/paket",
                                                         "x", "kommun", 0);
  g_autofree char *real_path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                                 "uppsala-lan", NULL);
  g_autoptr(AtlasSavedView) real = atlas_saved_view_new ("Uppsala", real_path, "x", "deso", 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_saved_view_check_package (gone, &error));
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_NO_PACKAGE);
  g_assert_nonnull (strstr (error->message, "Gammal"));
  g_assert_nonnull (strstr (error->message, "/nonexistent/paket"));
  g_assert_true (atlas_saved_view_check_package (real, NULL));
}

static void
test_default_file (void)
{
  g_autofree char *path = atlas_saved_view_default_file ();

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "platsatlas" G_DIR_SEPARATOR_S "views.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saved-view/round-trip", test_round_trip);
  g_test_add_func ("/saved-view/missing-file", test_missing_file_is_empty);
  g_test_add_func ("/saved-view/malformed", test_malformed);
  g_test_add_func ("/saved-view/wrong-shape", test_wrong_shape);
  g_test_add_func ("/saved-view/missing-fields", test_missing_fields);
  g_test_add_func ("/saved-view/defaults", test_defaults);
  g_test_add_func ("/saved-view/classification", test_classification);
  g_test_add_func ("/saved-view/package-gone", test_package_gone);
  g_test_add_func ("/saved-view/default-file", test_default_file);

  return g_test_run ();
}
