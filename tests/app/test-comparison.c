/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-comparison-panel.h"
#include "atlas-trend-chart-view.h"
#include "atlas-window.h"

/* The two-area comparison in the window: A and B are chosen the way the
 * UI does it (Ctrl+click on the map, win.compare-with and then a click or
 * a search result), and the panel shows the same numbers as core. */

static AtlasApplication *app;

static AtlasWindow *
open_window (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = atlas_get_default_dataset_path ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  app_test_show_package (window, path);
  atlas_window_set_year (window, 2024);
  app_test_drain ();
  return window;
}

/* The panel is the end child of the paned the map sits in. */
static AtlasComparisonPanel *
get_panel (AtlasWindow *window)
{
  GtkWidget *paned = gtk_widget_get_ancestor (GTK_WIDGET (atlas_window_get_map (window)), GTK_TYPE_PANED);
  GtkWidget *panel;

  g_assert_nonnull (paned);
  panel = gtk_paned_get_end_child (GTK_PANED (paned));
  g_assert_true (ATLAS_IS_COMPARISON_PANEL (panel));
  return ATLAS_COMPARISON_PANEL (panel);
}

static AtlasArea *
area (AtlasWindow *window,
      const char  *code)
{
  AtlasArea *found = atlas_dataset_lookup_area (atlas_window_get_dataset (window), code);

  g_assert_nonnull (found);
  return found;
}

/* A click as the map's layer reports it: the map takes it into the
 * state, and the panel sees only the state. */
static void
click (AtlasWindow     *window,
       AtlasArea       *clicked,
       GdkModifierType  state)
{
  app_test_click_area (window, clicked, state);
}

static AtlasArea *
get_map_area (AtlasWindow *window,
              const char  *property)
{
  g_autoptr(AtlasArea) value = NULL;

  g_object_get (atlas_window_get_map (window), property, &value, NULL);
  return value;
}

/* A is Stockholm, B Göteborg: in the panel, its numbers, and on the map. */
static void
assert_stockholm_goteborg (AtlasWindow *window)
{
  AtlasComparisonPanel *panel = get_panel (window);
  AtlasComparison *shown = atlas_comparison_panel_get_comparison (panel);
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  g_autoptr(AtlasComparison) expected = NULL;
  g_autoptr(GError) error = NULL;
  AtlasComparisonRow *shown_row, *expected_row;

  g_assert_nonnull (shown);
  g_assert_true (atlas_comparison_get_area (shown, ATLAS_COMPARISON_SIDE_A) == area (window, "0180"));
  g_assert_true (atlas_comparison_get_area (shown, ATLAS_COMPARISON_SIDE_B) == area (window, "1480"));
  g_assert_cmpuint (atlas_comparison_get_year (shown), ==, 2024);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_false (atlas_comparison_panel_get_picking (panel));

  expected = atlas_comparison_new (dataset, area (window, "0180"), area (window, "1480"), 2024, 0, &error);
  g_assert_no_error (error);
  shown_row = atlas_comparison_lookup_row (shown, "median_inkomst");
  expected_row = atlas_comparison_lookup_row (expected, "median_inkomst");
  g_assert_nonnull (shown_row);
  g_assert_false (isnan (atlas_comparison_row_get_difference (expected_row)));
  g_assert_cmpfloat (atlas_comparison_row_get_difference (shown_row), ==,
                     atlas_comparison_row_get_difference (expected_row));

  /* The selection is A again, and the map outlines both. */
  g_assert_true (atlas_map_get_selected_area (atlas_window_get_map (window)) == area (window, "0180"));
  g_assert_true (get_map_area (window, "compare-a") == area (window, "0180"));
  g_assert_true (get_map_area (window, "compare-b") == area (window, "1480"));
}

static void
test_comparison_ctrl_click (void)
{
  AtlasWindow *window = open_window ();
  AtlasComparisonPanel *panel = get_panel (window);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));

  click (window, area (window, "0180"), 0);
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  click (window, area (window, "1480"), GDK_CONTROL_MASK);
  assert_stockholm_goteborg (window);

  /* Ctrl+click on the selected area (A) itself does not swap A and B: it
   * starts over with A, and the next Ctrl+click is B again. */
  click (window, area (window, "0180"), GDK_CONTROL_MASK);
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  click (window, area (window, "1480"), GDK_CONTROL_MASK);
  assert_stockholm_goteborg (window);

  /* Clearing forgets both, on the map too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-comparison", NULL));
  app_test_drain ();
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  g_assert_null (get_map_area (window, "compare-a"));
  g_assert_null (get_map_area (window, "compare-b"));

  app_test_close_window (window);
}

static void
test_comparison_compare_with_click (void)
{
  AtlasWindow *window = open_window ();
  AtlasComparisonPanel *panel = get_panel (window);

  click (window, area (window, "0180"), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with", NULL));
  app_test_drain ();
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));

  /* In pick mode a plain click picks B. */
  click (window, area (window, "1480"), 0);
  assert_stockholm_goteborg (window);

  app_test_close_window (window);
}

static void
test_comparison_compare_with_search (void)
{
  AtlasWindow *window = open_window ();
  AtlasComparisonPanel *panel = get_panel (window);

  click (window, area (window, "0180"), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with", NULL));
  g_signal_emit_by_name (atlas_window_get_search (window), "area-chosen", area (window, "1480"));
  app_test_drain ();
  assert_stockholm_goteborg (window);

  /* The since-year adds changes that equal core's. */
  atlas_comparison_panel_set_since_year (panel, 2011);
  g_assert_cmpuint (atlas_comparison_get_since_year (atlas_comparison_panel_get_comparison (panel)), ==, 2011);

  /* win.show-comparison hides and shows the panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comparison", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comparison", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));

  app_test_close_window (window);
}

/* Without a selection, win.compare-with picks A first: two search
 * results are A and B. */
static void
test_comparison_pick_a_search (void)
{
  AtlasWindow *window = open_window ();
  AtlasComparisonPanel *panel = get_panel (window);
  AtlasSearch *search = ATLAS_SEARCH (atlas_window_get_search (window));

  g_assert_null (atlas_explorer_state_lookup_selected (atlas_window_get_state (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with", NULL));
  g_signal_emit_by_name (search, "area-chosen", area (window, "0180"));
  app_test_drain ();
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_A) == area (window, "0180"));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  g_signal_emit_by_name (search, "area-chosen", area (window, "1480"));
  app_test_drain ();
  assert_stockholm_goteborg (window);

  app_test_close_window (window);
}

static const char *
state_a (AtlasExplorerState *state)
{
  return atlas_explorer_state_get_compare_a (state);
}

static const char *
state_b (AtlasExplorerState *state)
{
  return atlas_explorer_state_get_compare_b (state);
}

/* The panel needs a state and nothing else: no window, no map, no
 * search. The state's A and B are what it compares, at the state's year;
 * in pick mode the next area selected in the state is the pick, and the
 * state's A alone (what a Ctrl+click on the selected area sets) waits for
 * B. */
static void
test_comparison_state_only (void)
{
  g_autoptr(AtlasDataset) dataset = app_test_load_packaged ("sverige-kommuner");
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  AtlasComparisonPanel *panel = g_object_ref_sink (ATLAS_COMPARISON_PANEL (atlas_comparison_panel_new ()));
  g_autoptr(AtlasComparison) expected = NULL;
  g_autoptr(GError) error = NULL;
  AtlasComparison *shown;
  AtlasArea *stockholm = atlas_dataset_lookup_area (dataset, "0180");
  AtlasArea *goteborg = atlas_dataset_lookup_area (dataset, "1480");

  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_dataset (state, dataset);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "median_inkomst");
  atlas_explorer_state_set_year (state, 2024);
  atlas_explorer_state_thaw (state);
  atlas_comparison_panel_attach (panel, state, G_ACTION_MAP (actions));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));

  /* A and B set in the state: the panel compares them as core does */
  atlas_explorer_state_set_compare (state, "0180", "1480");
  shown = atlas_comparison_panel_get_comparison (panel);
  g_assert_nonnull (shown);
  g_assert_true (atlas_comparison_get_area (shown, ATLAS_COMPARISON_SIDE_A) == stockholm);
  g_assert_true (atlas_comparison_get_area (shown, ATLAS_COMPARISON_SIDE_B) == goteborg);
  g_assert_cmpuint (atlas_comparison_get_year (shown), ==, 2024);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  expected = atlas_comparison_new (dataset, stockholm, goteborg, 2024, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (atlas_comparison_row_get_difference (atlas_comparison_lookup_row (shown, "median_inkomst")), ==,
                     atlas_comparison_row_get_difference (atlas_comparison_lookup_row (expected, "median_inkomst")));

  /* The state's year is the comparison's */
  atlas_explorer_state_set_year (state, 2020);
  g_assert_cmpuint (atlas_comparison_get_year (atlas_comparison_panel_get_comparison (panel)), ==, 2020);

  /* Pick B: the selection is A, the next area selected in the state B,
   * and the selection goes back to A */
  atlas_explorer_state_select (state, "0380");
  g_action_group_activate_action (G_ACTION_GROUP (actions), "compare-with", NULL);
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_cmpstr (state_a (state), ==, "0180");
  atlas_explorer_state_select (state, "1280");
  g_assert_false (atlas_comparison_panel_get_picking (panel));
  g_assert_cmpstr (state_a (state), ==, "0380");
  g_assert_cmpstr (state_b (state), ==, "1280");
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "0380", NULL }));
  shown = atlas_comparison_panel_get_comparison (panel);
  g_assert_true (atlas_comparison_get_area (shown, ATLAS_COMPARISON_SIDE_A) == atlas_dataset_lookup_area (dataset, "0380"));
  g_assert_true (atlas_comparison_get_area (shown, ATLAS_COMPARISON_SIDE_B) == atlas_dataset_lookup_area (dataset, "1280"));

  /* The state's A alone waits for B: the next area selected */
  atlas_explorer_state_set_compare (state, "0180", NULL);
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_A) == stockholm);
  g_assert_null (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_B));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  atlas_explorer_state_select (state, "1480");
  g_assert_false (atlas_comparison_panel_get_picking (panel));
  g_assert_cmpstr (state_a (state), ==, "0180");
  g_assert_cmpstr (state_b (state), ==, "1480");
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "0180", NULL }));

  /* Without a selection the first area selected is A, the second B; the
   * state keeps its A and B until B is picked */
  atlas_explorer_state_select (state, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (actions), "compare-with", NULL);
  atlas_explorer_state_select (state, "1280");
  g_assert_true (atlas_comparison_panel_get_picking (panel));
  g_assert_true (atlas_comparison_panel_get_area (panel, ATLAS_COMPARISON_SIDE_A) == atlas_dataset_lookup_area (dataset, "1280"));
  g_assert_cmpstr (state_a (state), ==, "0180");
  atlas_explorer_state_select (state, "0380");
  g_assert_false (atlas_comparison_panel_get_picking (panel));
  g_assert_cmpstr (state_a (state), ==, "1280");
  g_assert_cmpstr (state_b (state), ==, "0380");

  /* Another level ends the comparison, in the state too */
  atlas_explorer_state_set_level (state, "lan");
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  g_assert_cmpstr (state_a (state), ==, "");
  g_assert_cmpstr (state_b (state), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));

  g_assert_finalize_object (panel);
}

static gboolean
presentation_state (AtlasWindow *window)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "presentation");

  return g_variant_get_boolean (state);
}

static void
compare_stockholm_goteborg (AtlasWindow *window)
{
  click (window, area (window, "0180"), 0);
  click (window, area (window, "1480"), GDK_CONTROL_MASK);
  assert_stockholm_goteborg (window);
}

/* Closing the panel ends the comparison: the pins leave the map. A level
 * change does the same. Presentation mode hides panel and pins, and
 * brings both back when it ends. */
static void
test_comparison_pins (void)
{
  AtlasWindow *window = open_window ();
  AtlasComparisonPanel *panel = get_panel (window);
  AtlasDataset *dataset = atlas_window_get_dataset (window);

  compare_stockholm_goteborg (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comparison", NULL));
  app_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  g_assert_null (get_map_area (window, "compare-a"));
  g_assert_null (get_map_area (window, "compare-b"));

  compare_stockholm_goteborg (window);
  atlas_window_set_division (window, atlas_dataset_lookup_division (dataset, "lan"));
  app_test_drain ();
  g_assert_null (atlas_comparison_panel_get_comparison (panel));
  g_assert_null (get_map_area (window, "compare-a"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  atlas_window_set_division (window, atlas_dataset_lookup_division (dataset, "kommun"));
  app_test_drain ();

  compare_stockholm_goteborg (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  app_test_drain ();
  g_assert_true (presentation_state (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_null (get_map_area (window, "compare-a"));
  g_assert_null (get_map_area (window, "compare-b"));
  /* A Ctrl+click there starts nothing */
  click (window, area (window, "1280"), GDK_CONTROL_MASK);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_false (atlas_comparison_panel_get_picking (panel));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  app_test_drain ();
  g_assert_false (presentation_state (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_true (get_map_area (window, "compare-a") == area (window, "0180"));
  g_assert_true (get_map_area (window, "compare-b") == area (window, "1480"));

  app_test_close_window (window);
}

/* Demonstration rows say so beside their names; real rows do not. */
static void
test_comparison_demo_marks (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "uppsala-lan", NULL);
  AtlasComparisonPanel *panel;
  AtlasComparison *comparison;
  guint n_demo = 0, n_marked = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  app_test_show_package (window, path);
  panel = get_panel (window);
  atlas_window_set_division (window, atlas_dataset_lookup_division (atlas_window_get_dataset (window), "regso"));
  app_test_drain ();
  atlas_comparison_panel_set_areas (panel, area (window, "0380R001"), area (window, "0380R002"));
  app_test_drain ();
  comparison = atlas_comparison_panel_get_comparison (panel);
  g_assert_nonnull (comparison);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (comparison)); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (G_LIST_MODEL (comparison), i);

      n_demo += atlas_comparison_row_is_demonstration (row);
    }
  g_assert_cmpuint (n_demo, >, 0);
  for (GtkWidget *w = app_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_GRID); w != NULL; w = NULL)
    for (GtkWidget *cell = gtk_widget_get_first_child (w); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
      n_marked += gtk_widget_has_css_class (cell, "compare-demo-row");
  g_assert_cmpuint (n_marked, ==, n_demo);

  app_test_close_window (window);
}

/* Inside the window, with a size of its own: reachable with the pointer. */
static void
assert_inside (GtkWidget *window,
               GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window));
}

/* Every button, toggle and drop-down of the panel outside its scrolling
 * table (which may scroll them into view) and the hidden pick bar. */
static guint
assert_controls_inside (GtkWidget *window,
                        GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_INFO_BAR (widget))
    return 0;
  if (GTK_IS_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    {
      assert_inside (window, widget);
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_controls_inside (window, child);
  return n;
}

static AtlasWindow *
open_sized (int width,
            int height)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = atlas_get_default_dataset_path ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  app_test_show_package (window, path);
  atlas_window_set_year (window, 2024);
  compare_stockholm_goteborg (window);
  /* The panel is laid out in the window's next frame */
  app_test_drain ();
  g_assert_true (app_test_wait_frame (GTK_WIDGET (window)));
  /* The window did not grow to hold the panel (its decorations may take
   * a few pixels of the size asked for) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, width - 40);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, height);
  return window;
}

/* At 1024 × 700 every control of the panel is on screen. */
static void
test_comparison_fits_small (void)
{
  AtlasWindow *window = open_sized (1024, 700);
  AtlasComparisonPanel *panel = get_panel (window);

  g_assert_cmpuint (assert_controls_inside (GTK_WIDGET (window), GTK_WIDGET (panel)), >=, 5);
  assert_inside (GTK_WIDGET (window), app_test_find_widget (GTK_WIDGET (panel), ATLAS_TYPE_TREND_CHART_VIEW));
  app_test_close_window (window);
}

/* At 1280 × 800 the map keeps its legend in view beside the panel, and
 * the chart has room to be read. */
static void
test_comparison_fits_laptop (void)
{
  AtlasWindow *window = open_sized (1280, 800);
  AtlasComparisonPanel *panel = get_panel (window);
  GtkWidget *chart = app_test_find_widget (GTK_WIDGET (panel), ATLAS_TYPE_TREND_CHART_VIEW);
  GtkWidget *legend = atlas_map_get_legend (atlas_window_get_map (window));
  graphene_rect_t bounds;

  g_assert_cmpuint (assert_controls_inside (GTK_WIDGET (window), GTK_WIDGET (panel)), >=, 5);
  assert_inside (GTK_WIDGET (window), chart);
  g_assert_cmpint (gtk_widget_get_width (chart), >=, 240);
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 160);
  /* The whole legend lies on the map, not under the panel */
  assert_inside (GTK_WIDGET (window), legend);
  g_assert_true (gtk_widget_compute_bounds (legend, GTK_WIDGET (atlas_window_get_map (window)), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (atlas_window_get_map (window))));
  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = app_test_application_new ();

  g_test_add_func ("/comparison/ctrl-click", test_comparison_ctrl_click);
  g_test_add_func ("/comparison/compare-with-click", test_comparison_compare_with_click);
  g_test_add_func ("/comparison/compare-with-search", test_comparison_compare_with_search);
  g_test_add_func ("/comparison/pick-a-search", test_comparison_pick_a_search);
  g_test_add_func ("/comparison/state-only", test_comparison_state_only);
  g_test_add_func ("/comparison/pins", test_comparison_pins);
  g_test_add_func ("/comparison/demo-marks", test_comparison_demo_marks);
  g_test_add_func ("/comparison/fits-1024x700", test_comparison_fits_small);
  g_test_add_func ("/comparison/fits-1280x800", test_comparison_fits_laptop);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  return status;
}
