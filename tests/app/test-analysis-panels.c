/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "app-test-util.h"
#include "atlas-filter-panel.h"
#include "atlas-flags-panel.h"
#include "atlas-legend.h"
#include "atlas-map.h"
#include "atlas-type-history-panel.h"

/* The area-type history, problem-area and filter panels on the real
 * Stockholm–Uppsala package: their numbers are those of the core objects
 * the CLI prints (types-history, flags), and choosing a type, a number of
 * flags or a filter shows exactly the areas the package's own values say. */

typedef struct
{
  GtkWindow          *window;
  AtlasMap           *map;
  GtkWidget          *box;
  AtlasDataset       *dataset;
  AtlasExplorerState *state;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->map = ATLAS_MAP (atlas_map_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->map), TRUE);
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), fixture->box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->map));
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);

  fixture->dataset = app_test_load_packaged ("stockholm-uppsala");
  /* As in the window: the map follows the state the panels drive */
  fixture->state = atlas_explorer_state_new ();
  atlas_map_set_state (fixture->map, fixture->state);
  atlas_explorer_state_freeze (fixture->state);
  atlas_explorer_state_set_dataset (fixture->state, fixture->dataset);
  atlas_explorer_state_set_level (fixture->state, "deso");
  atlas_explorer_state_set_indicator (fixture->state, "lag_ek_standard");
  atlas_explorer_state_set_year (fixture->state, 2022);
  atlas_explorer_state_thaw (fixture->state);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  app_test_drain ();
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->dataset);
}

static GtkWidget *
add_panel (Fixture   *fixture,
           GtkWidget *panel)
{
  gtk_box_append (GTK_BOX (fixture->box), panel);
  app_test_drain ();
  return panel;
}

/* The area's type code in @year from the package's own values, -1 none. */
static int
type_of (AtlasDataset *dataset,
         AtlasArea    *area,
         guint         year)
{
  AtlasIndicator *category = atlas_dataset_lookup_indicator (dataset, "omradestyp");
  const double *values = atlas_dataset_peek_values (dataset, category, year, atlas_area_get_division (area));

  return values != NULL && !isnan (values[atlas_area_get_index (area)])
         ? (int) lround (values[atlas_area_get_index (area)]) : -1;
}

/* The areas the legend counts over every row, as its labels print them. */
static guint
legend_total (AtlasMap *map)
{
  AtlasLegend *legend = ATLAS_LEGEND (atlas_map_get_legend (map));
  guint total = 0;

  for (guint r = 0; r < atlas_legend_get_n_rows (legend); r++)
    {
      const char *text = atlas_legend_get_row_count_text (legend, r);
      guint n = 0;

      g_assert_nonnull (text);
      /* "1 415 områden": digits grouped by spaces, then the word */
      for (const char *c = text; *c != '\0' && !g_ascii_isalpha (*c) && (guchar) *c < 0x80; c++)
        if (g_ascii_isdigit (*c))
          n = n * 10 + (guint) (*c - '0');
      total += n;
    }
  return total;
}

/* `platsatlas-cli flags … --json`: per area code, its number of flags. */
static GHashTable *
dup_cli_flag_counts (const char *level,
                     guint       year)
{
  g_autofree char *package = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  g_autofree char *year_text = g_strdup_printf ("%u", year);
  const char *argv[] = { g_getenv ("PLATSATLAS_CLI"), "flags", package, "--level", level,
                         "--year", year_text, "--json", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *areas;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  areas = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "areas");
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *area = json_array_get_object_element (areas, i);

      g_hash_table_insert (counts, g_strdup (json_object_get_string_member (area, "code")),
                           GUINT_TO_POINTER ((guint) json_object_get_int_member (area, "count")));
    }
  return counts;
}

static void
test_flags (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasFlagsPanel *panel = ATLAS_FLAGS_PANEL (add_panel (fixture, atlas_flags_panel_new (fixture->state)));
  AtlasDivision *deso = atlas_dataset_lookup_division (fixture->dataset, "deso");
  g_autoptr(AtlasProblemFlags) core = atlas_problem_flags_new (fixture->dataset, deso, 2022, 5, NULL, NULL);
  AtlasProblemFlags *shown;
  guint n_flagged = 0, n_three_drawn = 0;

  g_assert_true (atlas_flags_panel_set_level (panel, "deso", 2022));
  shown = atlas_flags_panel_get_flags (panel);
  g_assert_nonnull (shown);
  g_assert_nonnull (atlas_flags_panel_get_figure (panel));
  g_assert_cmpuint (atlas_problem_flags_get_year (shown), ==, 2022);
  g_assert_cmpfloat (atlas_problem_flags_get_share (shown), ==, 5);
  g_assert_cmpuint (atlas_problem_flags_get_n_indicators (shown), ==, atlas_problem_flags_get_n_indicators (core));
  for (guint a = 0; a < atlas_division_get_n_areas (deso); a++)
    {
      guint count = 0;

      /* Each flag again from the package's values and the threshold */
      for (guint i = 0; i < atlas_problem_flags_get_n_indicators (shown); i++)
        {
          const AtlasFlagThreshold *t = atlas_problem_flags_get_threshold (shown, i);
          const double *values = atlas_dataset_peek_values (fixture->dataset, t->indicator, 2022, deso);
          double v = values != NULL ? values[a] : NAN;
          gboolean lower_better = atlas_indicator_get_polarity (t->indicator) == ATLAS_POLARITY_LOWER_IS_BETTER;

          if (!isnan (v) && !isnan (t->threshold) && (lower_better ? v >= t->threshold : v <= t->threshold))
            count++;
        }
      g_assert_cmpuint (atlas_problem_flags_get_count (shown, a), ==, count);
      g_assert_cmpuint (atlas_problem_flags_get_count (core, a), ==, count);
      n_flagged += count > 0;
      /* the legend counts only the areas drawn, those with borders */
      n_three_drawn += count >= 3 && atlas_area_get_geometry (atlas_division_get_area (deso, a)) != NULL;
    }
  g_assert_cmpuint (n_three_drawn, >, 0);
  g_assert_cmpuint (atlas_flags_panel_get_n_listed (panel), ==, n_flagged);

  /* The CLI prints the same count for every area */
  {
    g_autoptr(GHashTable) cli = dup_cli_flag_counts ("deso", 2022);

    g_assert_cmpuint (g_hash_table_size (cli), ==, atlas_division_get_n_areas (deso));
    for (guint a = 0; a < atlas_division_get_n_areas (deso); a++)
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (cli, atlas_area_get_code (atlas_division_get_area (deso, a)))),
                        ==, atlas_problem_flags_get_count (shown, a));
  }

  /* "3 or more" draws only those areas on the map */
  atlas_flags_panel_set_shown (panel, 4);
  app_test_drain ();
  for (guint a = 0; a < atlas_division_get_n_areas (deso); a++)
    g_assert_cmpint (atlas_map_is_area_shown (fixture->map, atlas_division_get_area (deso, a)), ==,
                     atlas_problem_flags_get_count (shown, a) >= 3);
  g_assert_cmpuint (legend_total (fixture->map), ==, n_three_drawn);
  /* At another level the highlight does not apply: every kommun is drawn */
  atlas_explorer_state_set_level (fixture->state, "kommun");
  app_test_drain ();
  g_assert_true (atlas_map_is_area_shown (fixture->map, atlas_division_get_area (atlas_map_get_division (fixture->map), 0)));
  atlas_explorer_state_set_level (fixture->state, "deso");
  app_test_drain ();
  g_assert_cmpuint (legend_total (fixture->map), ==, n_three_drawn);
  /* Another panel clearing its own highlight leaves this one */
  atlas_explorer_state_set_highlight (fixture->state, "another-panel", NULL);
  g_assert_cmpstr (atlas_explorer_state_get_highlight_owner (fixture->state), ==, "flags");
  app_test_drain ();
  g_assert_cmpuint (legend_total (fixture->map), ==, n_three_drawn);
  atlas_flags_panel_set_shown (panel, 0);
  app_test_drain ();
  g_assert_true (atlas_map_is_area_shown (fixture->map, atlas_division_get_area (deso, 0)));

  /* The figure exports through the figure machinery as an A4 PDF */
  {
    g_autofree char *dir = g_dir_make_tmp ("flags-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "flags.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(GError) error = NULL;

    g_assert_true (atlas_analysis_map_export (atlas_flags_panel_get_figure (panel), path, 150, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_cmpint (g_remove (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }

  /* A larger share flags at least as many areas */
  atlas_flags_panel_set_share (panel, 10);
  g_assert_cmpuint (atlas_flags_panel_get_n_listed (panel), >=, n_flagged);

  /* The share reads with the language's decimal mark, and either mark
   * is read back. */
  {
    GtkSpinButton *spin = GTK_SPIN_BUTTON (app_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_SPIN_BUTTON));

    g_assert_nonnull (spin);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==,
                     g_str_equal (atlas_language (), "en") ? "10.0" : "10,0");
    gtk_editable_set_text (GTK_EDITABLE (spin), "7,5");
    gtk_spin_button_update (spin);
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 7.5);
    gtk_editable_set_text (GTK_EDITABLE (spin), "2.5");
    gtk_spin_button_update (spin);
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 2.5);
    g_assert_cmpfloat (atlas_problem_flags_get_share (atlas_flags_panel_get_flags (panel)), ==, 2.5);
  }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasTypeHistoryPanel *panel = ATLAS_TYPE_HISTORY_PANEL (add_panel (fixture, atlas_type_history_panel_new (fixture->state)));
  AtlasTypeHistory *history = atlas_type_history_panel_get_history (panel);
  AtlasDivision *regso = atlas_dataset_lookup_division (fixture->dataset, "regso");
  guint n_years, n_type_one = 0, n_changed = 0, last;

  g_assert_nonnull (history);
  g_assert_true (atlas_type_history_get_division (history) == regso);
  n_years = atlas_type_history_get_n_years (history);
  g_assert_cmpuint (n_years, >=, 2);
  last = atlas_type_history_get_year (history, n_years - 1);
  /* Per year and type, the areas counted from the package's values */
  for (guint y = 0; y < n_years; y++)
    {
      AtlasTypeBreakdown *breakdown = atlas_type_history_get_breakdown (history, y);

      for (guint t = 0; t < atlas_type_breakdown_get_n_types (breakdown); t++)
        {
          const AtlasTypeStat *stat = atlas_type_breakdown_get_stat (breakdown, t);
          guint n = 0;

          for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
            n += type_of (fixture->dataset, atlas_division_get_area (regso, a),
                          atlas_type_history_get_year (history, y)) == stat->category->code;
          g_assert_cmpuint (stat->n_areas, ==, n);
        }
    }

  /* Type 1 in the last year, on the map */
  atlas_type_history_panel_set_shown (panel, 1);
  app_test_drain ();
  g_assert_cmpstr (atlas_explorer_state_get_level (fixture->state), ==, "regso");
  g_assert_true (atlas_map_get_division (fixture->map) == regso);
  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      AtlasArea *area = atlas_division_get_area (regso, a);
      gboolean one = type_of (fixture->dataset, area, last) == 1;

      g_assert_cmpint (atlas_map_is_area_shown (fixture->map, area), ==, one);
      n_type_one += one;
    }
  g_assert_cmpuint (n_type_one, >, 0);

  /* The areas whose type changed from the first to the last year */
  atlas_type_history_panel_set_years (panel, 0, n_years - 1);
  atlas_type_history_panel_set_shown (panel, atlas_indicator_get_n_categories (atlas_type_history_get_category (history)) + 1);
  app_test_drain ();
  g_assert_nonnull (atlas_type_history_panel_get_change_map (panel));
  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      AtlasArea *area = atlas_division_get_area (regso, a);
      int from = type_of (fixture->dataset, area, atlas_type_history_get_year (history, 0));
      int to = type_of (fixture->dataset, area, last);
      gboolean changed = from >= 0 && to >= 0 && from != to;

      g_assert_cmpint (atlas_map_is_area_shown (fixture->map, area), ==, changed);
      n_changed += changed;
    }
  g_assert_cmpuint (n_changed, >, 0);
  atlas_type_history_panel_set_shown (panel, 0);
  app_test_drain ();
  g_assert_true (atlas_map_is_area_shown (fixture->map, atlas_division_get_area (regso, 0)));
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasFilterPanel *panel = ATLAS_FILTER_PANEL (add_panel (fixture, atlas_filter_panel_new (fixture->state)));
  AtlasDivision *regso = atlas_dataset_lookup_division (fixture->dataset, "regso");
  const int codes[] = { 1, 2, 3 };
  g_autoptr(AtlasAreaFilter) filter = NULL;
  g_autoptr(AtlasFigure) figure = NULL;
  guint n_shown = 0, n_drawn = 0;

  atlas_filter_panel_set_codes (panel, codes, G_N_ELEMENTS (codes));
  g_assert_cmpstr (atlas_explorer_state_get_filter_indicator (fixture->state), ==, "omradestyp");
  g_assert_cmpstrv (atlas_explorer_state_get_filter_codes (fixture->state),
                    ((const char *[]) { "1", "2", "3", NULL }));

  /* What the window does with the state's filter (push_filter) */
  filter = atlas_explorer_state_dup_area_filter (fixture->state);
  atlas_map_set_division (fixture->map, regso);
  atlas_map_set_filter (fixture->map, filter);
  app_test_drain ();
  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      AtlasArea *area = atlas_division_get_area (regso, a);
      int type = type_of (fixture->dataset, area, 2022);
      gboolean wanted = type >= 1 && type <= 3;

      g_assert_cmpint (atlas_map_is_area_shown (fixture->map, area), ==, wanted);
      n_shown += wanted;
      /* the legend counts only the areas drawn, those with borders */
      n_drawn += wanted && atlas_area_get_geometry (area) != NULL;
    }
  g_assert_cmpuint (n_drawn, >, 0);
  g_assert_cmpuint (n_shown, <, atlas_division_get_n_areas (regso));
  g_assert_cmpuint (legend_total (fixture->map), ==, n_drawn);

  /* A figure of the state carries the filter */
  atlas_explorer_state_set_level (fixture->state, "regso");
  atlas_explorer_state_set_indicator (fixture->state, "lag_ek_standard");
  atlas_explorer_state_set_year (fixture->state, 2022);
  figure = atlas_figure_new_for_state (fixture->state, NULL);
  g_assert_nonnull (figure);
  g_assert_nonnull (atlas_figure_get_filter (figure));
  g_assert_true (atlas_area_filter_equal (atlas_figure_get_filter (figure), filter));

  /* Every type checked is no filter */
  atlas_filter_panel_set_codes (panel, (const int[]) { 1, 2, 3, 4, 5 }, 5);
  g_assert_cmpstr (atlas_explorer_state_get_filter_indicator (fixture->state), ==, "");
  g_assert_null (atlas_explorer_state_dup_area_filter (fixture->state));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }
  adw_init ();
  GDALAllRegister ();

  g_test_add ("/analysis-panels/flags", Fixture, NULL, fixture_set_up, test_flags, fixture_tear_down);
  g_test_add ("/analysis-panels/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/analysis-panels/filter", Fixture, NULL, fixture_set_up, test_filter, fixture_tear_down);
  return g_test_run ();
}
