/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-explore-panel.h"
#include "atlas-multiples-view.h"
#include "atlas-window.h"

/* Small multiples in the window's Utforska section, on the real
 * Stockholm and Uppsala package: one panel per year with values, breaks
 * pooled over the years shown (what `platsatlas-cli multiples --years`
 * draws), computed here again from the package's values. */

static AtlasApplication *app;

static void
expand_all (GtkWidget *root)
{
  if (GTK_IS_EXPANDER (root))
    gtk_expander_set_expanded (GTK_EXPANDER (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 100 && gtk_widget_get_height (widget) > 100;
}

static AtlasMultiplesView *
open_view (AtlasWindow *window)
{
  GtkWidget *panel;
  GtkWidget *view;

  expand_all (GTK_WIDGET (window));
  panel = app_test_find_widget (GTK_WIDGET (window), ATLAS_TYPE_EXPLORE_PANEL);
  g_assert_nonnull (panel);
  atlas_explore_panel_show_page (ATLAS_EXPLORE_PANEL (panel), "multiples");
  app_test_drain ();
  view = atlas_explore_panel_get_multiples_view (ATLAS_EXPLORE_PANEL (panel));
  g_assert_true (ATLAS_IS_MULTIPLES_VIEW (view));
  return ATLAS_MULTIPLES_VIEW (view);
}

static gboolean
has_values (const double *values,
            guint         n)
{
  for (guint i = 0; values != NULL && i < n; i++)
    if (isfinite (values[i]))
      return TRUE;
  return FALSE;
}

static void
assert_same_breaks (AtlasClassBreaks *shown,
                    AtlasClassBreaks *expected)
{
  guint n_shown, n_expected;
  const double *a = atlas_class_breaks_get_breaks (shown, &n_shown);
  const double *b = atlas_class_breaks_get_breaks (expected, &n_expected);

  g_assert_cmpuint (n_shown, ==, n_expected);
  for (guint i = 0; i < n_shown; i++)
    g_assert_cmpfloat_with_epsilon (a[i], b[i], 1e-9);
}

/* `platsatlas-cli classify --pooled --json`: the breaks over every year
 * of the package, the same choice as the view's when it shows them all. */
static GArray *
dup_cli_pooled_breaks (const char *package)
{
  const char *argv[] = { g_getenv ("PLATSATLAS_CLI"), "classify", package, "--indicator", "utrikes_fodda_andel",
                         "--level", "kommun", "--year", "2023", "--pooled", "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));
  JsonArray *array;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "breaks");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      double value = json_array_get_double_element (array, i);

      g_array_append_val (breaks, value);
    }
  return breaks;
}

static void
test_years_on_screen (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-multiples-XXXXXX", NULL);
  g_autoptr(GArray) pooled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(AtlasClassBreaks) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AtlasExplorerState *state;
  AtlasMultiplesView *view;
  AtlasSmallMultiples *multiples;
  AtlasDataset *dataset;
  AtlasDivision *division;
  AtlasIndicator *indicator;
  const guint *all_years;
  guint n_all, n_areas;
  GtkWindow *larger;
  gsize length;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  app_test_show_package (window, path);
  state = atlas_window_get_state (window);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "utrikes_fodda_andel");
  atlas_explorer_state_set_year (state, 2023);
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  view = open_view (window);
  multiples = atlas_multiples_view_get_multiples (view);
  g_assert_nonnull (multiples);

  /* The years of the package with any kommun value, the latest six. */
  dataset = atlas_explorer_state_get_dataset (state);
  division = atlas_dataset_lookup_division (dataset, "kommun");
  indicator = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  n_areas = atlas_division_get_n_areas (division);
  all_years = atlas_dataset_get_years (dataset, &n_all);
  for (guint i = 0; i < n_all; i++)
    if (has_values (atlas_dataset_peek_values (dataset, indicator, all_years[i], division), n_areas))
      g_array_append_val (years, all_years[i]);
  if (years->len > 6)
    g_array_remove_range (years, 0, years->len - 6);
  g_assert_cmpuint (years->len, >=, 4);
  g_assert_cmpuint (atlas_small_multiples_get_n_panels (multiples), ==, years->len);

  /* Quantiles, five classes, over every value of those years pooled
   * (NaN included, as the classifier skips them). */
  for (guint i = 0; i < years->len; i++)
    g_array_append_vals (pooled, atlas_dataset_peek_values (dataset, indicator, g_array_index (years, guint, i),
                                                            division), n_areas);
  expected = atlas_class_breaks_compute (ATLAS_CLASS_METHOD_QUANTILE, (const double *) pooled->data, pooled->len, 5,
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < years->len; i++)
    assert_same_breaks (atlas_small_multiples_get_breaks (multiples, i), expected);

  /* The CLI's pooled breaks, when the package's years are the years
   * shown (2020–2023 here). */
  if (years->len == n_all)
    {
      g_autoptr(GArray) cli = dup_cli_pooled_breaks (path);
      guint n_shown;
      const double *shown = atlas_class_breaks_get_breaks (atlas_small_multiples_get_breaks (multiples, 0), &n_shown);

      g_assert_cmpuint (cli->len, ==, n_shown);
      for (guint i = 0; i < n_shown; i++)
        g_assert_cmpfloat_with_epsilon (shown[i], g_array_index (cli, double, i), 1e-9);
    }
  else
    g_test_message ("package years %u, shown %u: the CLI's --pooled is another choice", n_all, years->len);

  /* Drawn at the sidebar's width, and larger in a window of its own. */
  g_assert_true (app_test_wait_for (is_allocated, view));
  larger = atlas_multiples_view_open_larger (view);
  g_assert_true (app_test_wait_for (is_allocated, gtk_window_get_child (larger)));
  g_assert_cmpint (gtk_widget_get_width (gtk_window_get_child (larger)), >, gtk_widget_get_width (GTK_WIDGET (view)));

  /* The figure export writes the same maps. */
  pdf = g_build_filename (dir, "smamultiplar.pdf", NULL);
  g_assert_true (atlas_small_multiples_save (multiples, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (contents, "%PDF"));
  g_unlink (pdf);
  g_rmdir (dir);

  app_test_close_window (window);
}

static void
test_indicators_of_a_year (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  AtlasExplorerState *state;
  AtlasMultiplesView *view;
  AtlasSmallMultiples *multiples;
  AtlasDataset *dataset;
  AtlasDivision *division;
  AtlasIndicator *first;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  app_test_show_package (window, path);
  state = atlas_window_get_state (window);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "utrikes_fodda_andel");
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  view = open_view (window);
  atlas_multiples_view_set_by_indicator (view, TRUE);
  app_test_drain ();
  multiples = atlas_multiples_view_get_multiples (view);
  g_assert_nonnull (multiples);
  g_assert_cmpuint (atlas_small_multiples_get_n_panels (multiples), >=, 2);

  /* The first map is the state's indicator, classed over its own 2022
   * values; a change of year reclassifies it. */
  dataset = atlas_explorer_state_get_dataset (state);
  division = atlas_dataset_lookup_division (dataset, "kommun");
  first = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  for (guint year = 2022; year >= 2021; year--)
    {
      g_autoptr(AtlasClassBreaks) expected = NULL;

      atlas_explorer_state_set_year (state, year);
      app_test_drain ();
      multiples = atlas_multiples_view_get_multiples (view);
      g_assert_nonnull (multiples);
      expected = atlas_class_breaks_compute (ATLAS_CLASS_METHOD_QUANTILE,
                                             atlas_dataset_peek_values (dataset, first, year, division),
                                             atlas_division_get_n_areas (division), 5, NULL);
      assert_same_breaks (atlas_small_multiples_get_breaks (multiples, 0), expected);
    }
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

  g_test_add_func ("/multiples/years-on-screen", test_years_on_screen);
  g_test_add_func ("/multiples/indicators-of-a-year", test_indicators_of_a_year);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  app_test_remove_config_home (config_dir);
  return status;
}
