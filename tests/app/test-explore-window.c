/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "atlas-application.h"
#include "atlas-change-control.h"
#include "atlas-explore-panel.h"
#include "atlas-legend.h"
#include "atlas-scatter-view.h"
#include "atlas-similar-view.h"
#include "atlas-window.h"

/* The exploring views in the window share its AtlasExplorerState: a
 * rectangle brushed in the scatter plot becomes the state's selection,
 * which the map outlines and the legend counts; a click on the map
 * becomes the plot's marked point; a similar area clicked becomes the
 * comparison. On the real Stockholm and Uppsala package. */

static AtlasApplication *app;

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 100 && gtk_widget_get_height (widget) > 100;
}

/* A collapsed expander holds its panel out of the widget tree. */
static void
expand_all (GtkWidget *root)
{
  if (GTK_IS_EXPANDER (root))
    gtk_expander_set_expanded (GTK_EXPANDER (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

static AtlasExplorePanel *
open_panel (AtlasWindow *window,
            const char  *page)
{
  GtkWidget *panel;

  expand_all (GTK_WIDGET (window));
  panel = app_test_find_widget (GTK_WIDGET (window), ATLAS_TYPE_EXPLORE_PANEL);
  g_assert_nonnull (panel);
  atlas_explore_panel_show_page (ATLAS_EXPLORE_PANEL (panel), page);
  app_test_drain ();
  return ATLAS_EXPLORE_PANEL (panel);
}

static AtlasWindow *
open_deso_window (void)
{
  AtlasWindow *window = atlas_window_new (app);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  AtlasExplorerState *state;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  app_test_show_package (window, path);
  state = atlas_window_get_state (window);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "deso");
  atlas_explorer_state_set_indicator (state, "eftergymnasial_3_25_64_andel");
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  return window;
}

/* The codes of the points the test's own mapping of values to pixels puts
 * inside the rectangle. */
static GPtrArray *
points_inside (AtlasScatterView *view,
               const double      rect[4])
{
  AtlasScatter *scatter = atlas_scatter_view_get_scatter (view);
  GPtrArray *codes = g_ptr_array_new ();
  AtlasScatterFrame frame;

  g_assert_true (atlas_scatter_view_get_frame (view, &frame));
  for (guint i = 0; i < atlas_scatter_get_n_points (scatter); i++)
    {
      const AtlasScatterPoint *p = atlas_scatter_get_point (scatter, i);
      double px = frame.left + (p->x - frame.x_ticks.min) / (frame.x_ticks.max - frame.x_ticks.min) * frame.width;
      double py = frame.top + frame.height
                  - (p->y - frame.y_ticks.min) / (frame.y_ticks.max - frame.y_ticks.min) * frame.height;

      if (px >= rect[0] && px <= rect[2] && py >= rect[1] && py <= rect[3])
        g_ptr_array_add (codes, (gpointer) atlas_area_get_code (p->area));
    }
  return codes;
}

/* The second number of "N områden, M markerade" (any language). */
static guint
selected_in_row (const char *text)
{
  guint numbers[2] = { 0, 0 };
  guint n = 0;

  for (const char *p = text; *p != '\0' && n < 2; p++)
    if (g_ascii_isdigit (*p) && (p == text || !g_ascii_isdigit (p[-1])))
      numbers[n++] = (guint) g_ascii_strtoull (p, NULL, 10);
  g_assert_cmpuint (n, ==, 2);
  return numbers[1];
}

static void
test_brush_selects_on_map (void)
{
  AtlasWindow *window = open_deso_window ();
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasExplorePanel *panel = open_panel (window, "scatter");
  AtlasScatterView *view = ATLAS_SCATTER_VIEW (atlas_explore_panel_get_scatter_view (panel));
  AtlasLegend *legend = ATLAS_LEGEND (atlas_map_get_legend (map));
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) outlined = NULL;
  const char * const *selection;
  AtlasScatterFrame frame;
  guint n_rows, per_class[16] = { 0 }, counted = 0;
  double rect[4];

  atlas_explore_panel_set_y_indicator (panel, atlas_dataset_lookup_indicator (atlas_window_get_dataset (window),
                                                                               "median_nettoinkomst"));
  g_assert_true (app_test_wait_for (is_allocated, view));
  g_assert_nonnull (atlas_scatter_view_get_scatter (view));
  g_assert_true (atlas_scatter_view_get_frame (view, &frame));
  rect[0] = frame.left + frame.width * 0.5;
  rect[1] = frame.top + frame.height * 0.1;
  rect[2] = frame.left + frame.width * 0.9;
  rect[3] = frame.top + frame.height * 0.6;
  expected = points_inside (view, rect);
  g_assert_cmpuint (expected->len, >, 1);

  /* scatter → state → map and legend */
  atlas_scatter_view_brush (view, rect[0], rect[1], rect[2], rect[3]);
  app_test_drain ();
  selection = atlas_explorer_state_get_selection (state);
  g_assert_cmpuint (g_strv_length ((char **) selection), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_strv_contains (selection, g_ptr_array_index (expected, i)));
  outlined = atlas_map_dup_selection_areas (map);
  g_assert_cmpuint (outlined->len, ==, expected->len);
  for (guint i = 0; i < outlined->len; i++)
    {
      int class = atlas_map_get_area_class (map, g_ptr_array_index (outlined, i));

      g_assert_cmpint (class, >=, 0);
      g_assert_cmpint (class, <, (int) G_N_ELEMENTS (per_class));
      per_class[class]++;
    }
  n_rows = atlas_legend_get_n_rows (legend);
  for (guint i = 0; i + 1 < n_rows; i++)
    {
      g_assert_cmpuint (selected_in_row (atlas_legend_get_row_count (legend, i)), ==, per_class[i]);
      counted += per_class[i];
    }
  g_assert_cmpuint (counted, ==, expected->len);

  /* map → state → scatter: a click selects one area, the plot marks it */
  app_test_click_area (window, atlas_dataset_lookup_area (atlas_window_get_dataset (window), "0380C1010"), 0);
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "0380C1010", NULL }));
  {
    g_auto(GStrv) marked = atlas_scatter_view_dup_selection (view);
    g_autoptr(GPtrArray) now_outlined = atlas_map_dup_selection_areas (map);

    g_assert_cmpstrv (marked, ((const char *[]) { "0380C1010", NULL }));
    g_assert_cmpuint (now_outlined->len, ==, 1);
  }
  app_test_close_window (window);
}

static void
test_similar_sets_comparison (void)
{
  AtlasWindow *window = open_deso_window ();
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasExplorePanel *panel;
  AtlasSimilarView *view;
  AtlasSimilarAreas *result;

  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_select (state, "0380");
  atlas_explorer_state_thaw (state);
  panel = open_panel (window, "similar");
  view = ATLAS_SIMILAR_VIEW (atlas_explore_panel_get_similar_view (panel));
  result = atlas_similar_view_get_result (view);
  g_assert_nonnull (result);
  g_assert_cmpstr (atlas_area_get_code (atlas_similar_areas_get_area (result)), ==, "0380");
  g_assert_cmpuint (atlas_similar_areas_get_n_items (result), >, 2);

  atlas_similar_view_activate_row (view, 1);
  app_test_drain ();
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0380");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==,
                   atlas_area_get_code (atlas_similar_areas_get_item (result, 1)));
  app_test_close_window (window);
}

/* "Förändring sedan 2020" in the sidebar: the map classifies each
 * kommun's change of the share born abroad 2020–2023 (the test's own subtraction of the package's
 * values) in classes that hold zero in the middle, and the legend reads
 * the direction through the polarity; 2020 itself shows its values. */
static void
test_change_map (void)
{
  AtlasWindow *window = open_deso_window ();
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  GtkWidget *control = app_test_find_widget (GTK_WIDGET (window), ATLAS_TYPE_CHANGE_CONTROL);
  AtlasDivision *kommuner = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasClassBreaks *breaks;
  const double *limits;
  guint n_limits = 0, checked = 0;
  int zero_class;

  g_assert_nonnull (control);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "utrikes_fodda_andel");
  atlas_explorer_state_set_year (state, 2023);
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  atlas_change_control_set_since (ATLAS_CHANGE_CONTROL (control), 2020);
  app_test_drain ();
  /* The control writes the state, and the map follows the state */
  g_assert_cmpuint (atlas_explorer_state_get_since_year (state), ==, 2020);
  g_assert_cmpuint (atlas_map_get_since_year (map), ==, 2020);
  g_assert_true (atlas_map_get_showing_change (map));
  g_assert_cmpstr (atlas_legend_get_direction (ATLAS_LEGEND (atlas_map_get_legend (map))), ==,
                   atlas_change_describe_direction (indicator, NULL));

  breaks = atlas_map_get_breaks (map);
  limits = atlas_class_breaks_get_breaks (breaks, &n_limits);
  g_assert_cmpuint (n_limits, >=, 2);
  g_assert_cmpfloat (limits[0], <, 0.0);
  g_assert_cmpfloat (limits[n_limits - 1], >, 0.0);
  /* centred: the class that holds 0 has limits on either side of it */
  zero_class = atlas_class_breaks_classify (breaks, 0.0);
  g_assert_cmpint (zero_class, >=, 0);
  for (guint i = 0; i < atlas_division_get_n_areas (kommuner); i++)
    {
      AtlasArea *area = atlas_division_get_area (kommuner, i);
      double before, after;

      if (atlas_dataset_get_value (dataset, indicator, 2020, area, &before, NULL) == ATLAS_VALUE_MISSING
          || atlas_dataset_get_value (dataset, indicator, 2023, area, &after, NULL) == ATLAS_VALUE_MISSING)
        continue;
      g_assert_cmpint (atlas_map_get_area_class (map, area), ==, atlas_class_breaks_classify (breaks, after - before));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 40);
  /* The classes are in the title's unit, percentage points, not in % */
  {
    AtlasLegend *legend = ATLAS_LEGEND (atlas_map_get_legend (map));
    const char *unit = g_str_equal (atlas_language (), "en") ? "pp" : "p.e.";

    for (guint i = 0; i <= n_limits; i++)
      {
        const char *label = atlas_legend_get_row_label (legend, i);

        g_assert_true (g_str_has_suffix (label, unit));
        g_assert_null (strchr (label, '%'));
      }
  }

  atlas_explorer_state_set_year (state, 2020);
  app_test_drain ();
  g_assert_false (atlas_map_get_showing_change (map));
  atlas_change_control_set_since (ATLAS_CHANGE_CONTROL (control), 0);
  app_test_drain ();
  g_assert_cmpuint (atlas_explorer_state_get_since_year (state), ==, 0);
  g_assert_cmpuint (atlas_map_get_since_year (map), ==, 0);
  app_test_close_window (window);
}

/* The state's since-year is the change map: set on the state (as a saved
 * view does), the map shows the change and the control shows the year;
 * a year not after it shows the year's values with a note; 0 is off. */
static void
test_change_map_follows_state (void)
{
  AtlasWindow *window = open_deso_window ();
  AtlasExplorerState *state = atlas_window_get_state (window);
  AtlasMap *map = atlas_window_get_map (window);
  AtlasChangeControl *control = ATLAS_CHANGE_CONTROL (app_test_find_widget (GTK_WIDGET (window),
                                                                            ATLAS_TYPE_CHANGE_CONTROL));
  g_autoptr(AtlasExplorerState) view = NULL;

  g_assert_nonnull (control);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "utrikes_fodda_andel");
  atlas_explorer_state_set_year (state, 2023);
  atlas_explorer_state_thaw (state);
  app_test_drain ();
  g_assert_false (atlas_map_get_showing_change (map));
  g_assert_cmpuint (atlas_change_control_get_since (control), ==, 0);

  atlas_explorer_state_set_since_year (state, 2020);
  app_test_drain ();
  g_assert_true (atlas_map_get_showing_change (map));
  g_assert_cmpuint (atlas_map_get_since_year (map), ==, 2020);
  g_assert_cmpuint (atlas_change_control_get_since (control), ==, 2020);
  g_assert_null (atlas_change_control_get_note (control));

  /* A year step keeps the change map; a year not after 2020 shows values */
  atlas_explorer_state_set_year (state, 2022);
  app_test_drain ();
  g_assert_true (atlas_map_get_showing_change (map));
  atlas_explorer_state_set_year (state, 2019);
  app_test_drain ();
  g_assert_false (atlas_map_get_showing_change (map));
  g_assert_cmpuint (atlas_change_control_get_since (control), ==, 2020);
  g_assert_nonnull (atlas_change_control_get_note (control));
  g_assert_nonnull (strstr (atlas_change_control_get_note (control), "2020"));

  /* An area-type indicator has no change: its values show */
  atlas_explorer_state_set_year (state, 2023);
  atlas_explorer_state_set_indicator (state, "omradestyp");
  app_test_drain ();
  g_assert_false (atlas_map_get_showing_change (map));

  /* Assigning a view that holds a change map, as applying a saved view does */
  view = atlas_explorer_state_copy (state);
  atlas_explorer_state_set_indicator (view, "utrikes_fodda_andel");
  atlas_explorer_state_set_since_year (view, 2021);
  atlas_explorer_state_set_since_year (state, 0);
  app_test_drain ();
  g_assert_cmpuint (atlas_change_control_get_since (control), ==, 0);
  atlas_explorer_state_assign (state, view);
  app_test_drain ();
  g_assert_true (atlas_map_get_showing_change (map));
  g_assert_cmpuint (atlas_map_get_since_year (map), ==, 2021);
  g_assert_cmpuint (atlas_change_control_get_since (control), ==, 2021);

  atlas_explorer_state_set_since_year (state, 0);
  app_test_drain ();
  g_assert_false (atlas_map_get_showing_change (map));
  g_assert_cmpuint (atlas_change_control_get_since (control), ==, 0);
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

  g_test_add_func ("/explore-window/brush-selects-on-map", test_brush_selects_on_map);
  g_test_add_func ("/explore-window/similar-sets-comparison", test_similar_sets_comparison);
  g_test_add_func ("/explore-window/change-map", test_change_map);
  g_test_add_func ("/explore-window/change-map-follows-state", test_change_map_follows_state);

  status = g_test_run ();
  app_test_application_free (g_steal_pointer (&app));
  app_test_remove_config_home (config_dir);
  return status;
}
