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

/* Every field of the state survives the file: classification with manual
 * breaks, palette, region, camera, selection, comparison and filter. */
static void
test_round_trip_every_field (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "views.json", NULL);
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  AtlasClassification *classification = atlas_explorer_state_get_classification (state);
  const double inner[] = { 2.5, 4.0, 7.25 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (inner, 3, 0.5, 12.0, NULL);
  const char *selection[] = { "0380", "0381", "0305", NULL };
  const char *types[] = { "1", "3", NULL };
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) view = NULL;
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(AtlasSavedView) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AtlasExplorerState *got;
  AtlasClassBreaks *got_breaks;
  const double *got_inner;
  guint n_inner = 0;
  double lat, lon, zoom;

  atlas_explorer_state_set_package (state, "/data/uppsala-lan");
  atlas_explorer_state_set_level (state, "deso");
  atlas_explorer_state_set_indicator (state, "inkomst");
  atlas_explorer_state_set_year (state, 2021);
  atlas_explorer_state_set_since_year (state, 2018);
  atlas_explorer_state_set_camera (state, 59.86, 17.64, 10.5);
  g_object_set (classification, "method", ATLAS_CLASS_METHOD_MANUAL, "count", 4, "pooled", FALSE,
                "manual-breaks", breaks, "palette-scheme", "blues", "palette-reverse", TRUE, NULL);
  atlas_explorer_state_set_region (state, "0380");
  atlas_explorer_state_set_selection (state, selection);
  atlas_explorer_state_set_compare (state, "0380C1010", "0381C1020");
  atlas_explorer_state_set_filter (state, "omradestyp", types);
  atlas_explorer_state_set_presenting (state, TRUE);

  view = atlas_saved_view_new_for_state ("Allt", state);
  /* A copy: the state moving on does not change the view */
  atlas_explorer_state_set_year (state, 2022);
  g_assert_cmpuint (atlas_saved_view_get_year (view), ==, 2021);
  g_list_store_append (views, view);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"version\" : 2"));
  g_assert_nonnull (strstr (text, "\"since-year\" : 2018"));

  loaded = atlas_saved_views_load (path, &error);
  g_assert_no_error (error);
  back = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
  got = atlas_saved_view_get_state (back);
  g_assert_cmpstr (atlas_saved_view_get_name (back), ==, "Allt");
  g_assert_cmpstr (atlas_explorer_state_get_package (got), ==, "/data/uppsala-lan");
  g_assert_cmpstr (atlas_explorer_state_get_level (got), ==, "deso");
  g_assert_cmpstr (atlas_explorer_state_get_indicator (got), ==, "inkomst");
  g_assert_cmpuint (atlas_explorer_state_get_year (got), ==, 2021);
  g_assert_cmpuint (atlas_explorer_state_get_since_year (got), ==, 2018);
  atlas_explorer_state_get_camera (got, &lat, &lon, &zoom);
  g_assert_cmpfloat (lat, ==, 59.86);
  g_assert_cmpfloat (lon, ==, 17.64);
  g_assert_cmpfloat (zoom, ==, 10.5);
  classification = atlas_explorer_state_get_classification (got);
  g_assert_cmpint (atlas_classification_get_method (classification), ==, ATLAS_CLASS_METHOD_MANUAL);
  g_assert_cmpuint (atlas_classification_get_count (classification), ==, 4);
  g_assert_false (atlas_classification_get_pooled (classification));
  g_assert_cmpstr (atlas_classification_get_palette_scheme (classification), ==, "blues");
  g_assert_true (atlas_classification_get_palette_reverse (classification));
  got_breaks = atlas_classification_get_manual_breaks (classification);
  g_assert_nonnull (got_breaks);
  g_assert_true (atlas_class_breaks_equal (got_breaks, breaks));
  got_inner = atlas_class_breaks_get_breaks (got_breaks, &n_inner);
  g_assert_cmpuint (n_inner, ==, 3);
  g_assert_cmpfloat (got_inner[2], ==, 7.25);
  g_assert_cmpfloat (atlas_class_breaks_get_min (got_breaks), ==, 0.5);
  g_assert_cmpfloat (atlas_class_breaks_get_max (got_breaks), ==, 12.0);
  g_assert_cmpstr (atlas_explorer_state_get_region (got), ==, "0380");
  g_assert_true (g_strv_equal (atlas_explorer_state_get_selection (got), selection));
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (got), ==, "0380C1010");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (got), ==, "0381C1020");
  g_assert_cmpstr (atlas_explorer_state_get_filter_indicator (got), ==, "omradestyp");
  g_assert_true (g_strv_equal (atlas_explorer_state_get_filter_codes (got), types));
  /* Presentation mode is how a view is shown, not part of it */
  g_assert_false (atlas_explorer_state_get_presenting (got));

  remove_file_and_dir (path);
}

/* A file written by the first version (format 1: no manual breaks,
 * selection, comparison or filter) still loads, with those empty. */
static void
test_old_format (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "views", "views-v1.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);
  g_autoptr(AtlasSavedView) first = NULL;
  g_autoptr(AtlasSavedView) second = NULL;
  AtlasExplorerState *state;
  AtlasClassification *classification;
  double lat, lon, zoom;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (views)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (views), 0);
  second = g_list_model_get_item (G_LIST_MODEL (views), 1);
  state = atlas_saved_view_get_state (first);
  g_assert_cmpstr (atlas_saved_view_get_name (first), ==, "Arbetslöshet, Kommun 2023");
  g_assert_cmpstr (atlas_explorer_state_get_package (state), ==, "/home/anna/Platsatlas/sverige-kommuner");
  g_assert_cmpstr (atlas_explorer_state_get_indicator (state), ==, "arbetsloshet");
  g_assert_cmpstr (atlas_explorer_state_get_level (state), ==, "kommun");
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, 2023);
  atlas_explorer_state_get_camera (state, &lat, &lon, &zoom);
  g_assert_cmpfloat (lat, ==, 59.858);
  g_assert_cmpfloat (lon, ==, 17.645);
  g_assert_cmpfloat (zoom, ==, 7.25);
  classification = atlas_explorer_state_get_classification (state);
  g_assert_cmpint (atlas_classification_get_method (classification), ==, ATLAS_CLASS_METHOD_JENKS);
  g_assert_cmpuint (atlas_classification_get_count (classification), ==, 6);
  g_assert_false (atlas_classification_get_pooled (classification));
  g_assert_cmpstr (atlas_classification_get_palette_scheme (classification), ==, "viridis");
  g_assert_true (atlas_classification_get_palette_reverse (classification));
  g_assert_null (atlas_classification_get_manual_breaks (classification));
  g_assert_null (atlas_explorer_state_get_selection (state)[0]);
  g_assert_cmpstr (atlas_explorer_state_get_region (state), ==, "");
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "");
  g_assert_cmpstr (atlas_explorer_state_get_filter_indicator (state), ==, "");

  g_assert_cmpuint (atlas_explorer_state_get_since_year (state), ==, 0);

  state = atlas_saved_view_get_state (second);
  g_assert_cmpstr (atlas_explorer_state_get_level (state), ==, "lan");
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, 0);
  g_assert_null (atlas_classification_get_palette_scheme (atlas_explorer_state_get_classification (state)));
}

/* A version 2 file written before views held the change map's
 * since-year loads whole, without a change map. */
static void
test_v2_without_since (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "views", "views-v2-no-since.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);
  g_autoptr(AtlasSavedView) view = NULL;
  AtlasExplorerState *state;
  const char *selection[] = { "0380", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (views)), ==, 1);
  view = g_list_model_get_item (G_LIST_MODEL (views), 0);
  state = atlas_saved_view_get_state (view);
  g_assert_cmpuint (atlas_explorer_state_get_year (state), ==, 2022);
  g_assert_cmpuint (atlas_explorer_state_get_since_year (state), ==, 0);
  g_assert_cmpint (atlas_classification_get_method (atlas_explorer_state_get_classification (state)), ==,
                   ATLAS_CLASS_METHOD_MANUAL);
  g_assert_cmpstr (atlas_explorer_state_get_region (state), ==, "03");
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), selection);
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "0381");
}

static void
assert_refused (const char *text,
                const char *expected)
{
  g_autofree char *path = write_views (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);

  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, expected));
  remove_file_and_dir (path);
}

#define VIEW_START "{ \"version\": 2, \"views\": [ { \"name\": \"A\", \"package\": \"/p\", " \
                   "\"indicator\": \"x\", \"level\": \"kommun\", "

/* A newer format is refused whole; wrong new members name themselves. */
static void
test_bad_members (void)
{
  assert_refused ("{ \"version\": 3, \"views\": [] }", "“version”");
  assert_refused (VIEW_START "\"manual-breaks\": { \"breaks\": [3, 2], \"min\": 0, \"max\": 4 } } ] }",
                  "“manual-breaks”");
  assert_refused (VIEW_START "\"manual-breaks\": [1, 2] } ] }", "“manual-breaks”");
  assert_refused (VIEW_START "\"since-year\": \"2020\" } ] }", "“since-year”");
  assert_refused (VIEW_START "\"since-year\": -1 } ] }", "“since-year”");
  assert_refused (VIEW_START "\"selection\": [\"0380\", 12] } ] }", "“selection”");
  assert_refused (VIEW_START "\"filter\": { \"indicator\": \"t\", \"codes\": \"1\" } } ] }", "“codes”");
  assert_refused (VIEW_START "\"compare-a\": 1 } ] }", "“compare-a”");
}

static void
on_changed (AtlasExplorerState *state,
            gpointer            user_data)
{
  (*(guint *) user_data)++;
}

/* Applying a view to the app's state is one batch: one "changed", and
 * nothing at all when the state already shows it. */
static void
test_apply (void)
{
  g_autoptr(AtlasSavedView) view = atlas_saved_view_new ("A", "/p", "x", "kommun", 2020);
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  guint changes = 0;

  atlas_saved_view_set_classification (view, ATLAS_CLASS_METHOD_STDDEV, 6, FALSE);
  atlas_saved_view_set_palette (view, "viridis", TRUE);
  atlas_saved_view_set_camera (view, 60, 15, 6);
  g_signal_connect (state, "changed", G_CALLBACK (on_changed), &changes);
  atlas_explorer_state_assign (state, atlas_saved_view_get_state (view));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (atlas_explorer_state_get_level (state), ==, "kommun");
  g_assert_cmpint (atlas_classification_get_method (atlas_explorer_state_get_classification (state)), ==,
                   ATLAS_CLASS_METHOD_STDDEV);
  atlas_explorer_state_assign (state, atlas_saved_view_get_state (view));
  g_assert_cmpuint (changes, ==, 1);
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
  g_test_add_func ("/saved-view/round-trip-every-field", test_round_trip_every_field);
  g_test_add_func ("/saved-view/old-format", test_old_format);
  g_test_add_func ("/saved-view/v2-without-since", test_v2_without_since);
  g_test_add_func ("/saved-view/bad-members", test_bad_members);
  g_test_add_func ("/saved-view/apply", test_apply);
  g_test_add_func ("/saved-view/package-gone", test_package_gone);
  g_test_add_func ("/saved-view/default-file", test_default_file);

  return g_test_run ();
}
