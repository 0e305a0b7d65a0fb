/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "atlas-classification-panel.h"
#include "atlas-details.h"
#include "atlas-indicator-chooser.h"
#include "atlas-legend.h"
#include "atlas-map.h"
#include "atlas-sparkline.h"
#include "atlas-time-slider.h"
#include "atlas-tooltip.h"

typedef struct
{
  GtkWindow *window;
  AtlasExplorerState *state;
  AtlasMap *map;
  AtlasIndicatorChooser *chooser;
  AtlasTimeSlider *slider;
  AtlasClassificationPanel *panel;
  AtlasDetails *details;
  AtlasDataset *dataset;
  AtlasDivision *kommun;
} Fixture;

static guint
last_year (AtlasDataset *dataset)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  return years[n_years - 1];
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Each test starts from the schema defaults */
  g_settings_reset (settings, "manual-breaks");
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  /* The map and the panels share one state and know nothing of each other */
  fixture->state = atlas_explorer_state_new ();
  fixture->map = ATLAS_MAP (atlas_map_new ());
  atlas_map_set_state (fixture->map, fixture->state);
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->map), TRUE);
  fixture->chooser = ATLAS_INDICATOR_CHOOSER (atlas_indicator_chooser_new (fixture->state));
  fixture->slider = ATLAS_TIME_SLIDER (atlas_time_slider_new (fixture->state));
  fixture->panel = ATLAS_CLASSIFICATION_PANEL (atlas_classification_panel_new (fixture->state));
  fixture->details = ATLAS_DETAILS (atlas_details_new ());
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (fixture->chooser));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (fixture->slider));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (fixture->panel));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (fixture->details));
  gtk_box_append (GTK_BOX (box), side);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->map));
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);

  fixture->dataset = app_test_load_packaged ("sverige-kommuner");
  fixture->kommun = atlas_dataset_lookup_division (fixture->dataset, "kommun");
  atlas_explorer_state_freeze (fixture->state);
  atlas_explorer_state_set_dataset (fixture->state, fixture->dataset);
  atlas_explorer_state_set_level (fixture->state, "kommun");
  atlas_explorer_state_set_indicator (fixture->state, "arbetsloshet");
  atlas_explorer_state_set_year (fixture->state, last_year (fixture->dataset));
  atlas_explorer_state_thaw (fixture->state);
  atlas_details_set_dataset (fixture->details, fixture->dataset);
  g_object_bind_property (fixture->map, "indicator", fixture->details, "indicator", G_BINDING_SYNC_CREATE);
  g_object_bind_property (fixture->state, "year", fixture->details, "year", G_BINDING_SYNC_CREATE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->state);
  g_clear_object (&fixture->dataset);
}

/* ------------------------------------------------------------------ */

static void
test_chooser (Fixture       *fixture,
              gconstpointer  data)
{
  GListModel *all = atlas_dataset_get_indicators (fixture->dataset);
  AtlasIndicator *income = atlas_dataset_lookup_indicator (fixture->dataset, "median_inkomst");

  g_assert_cmpuint (atlas_indicator_chooser_get_n_shown (fixture->chooser), ==,
                    g_list_model_get_n_items (all));
  atlas_indicator_chooser_set_filter (fixture->chooser, "ARBETSLÖS");
  g_assert_cmpuint (atlas_indicator_chooser_get_n_shown (fixture->chooser), ==, 1);
  /* A theme's name finds its indicators */
  atlas_indicator_chooser_set_filter (fixture->chooser, "områdestyp");
  g_assert_cmpuint (atlas_indicator_chooser_get_n_shown (fixture->chooser), >=, 10);
  /* Typed without Swedish letters */
  atlas_indicator_chooser_set_filter (fixture->chooser, "arbetslos");
  g_assert_cmpuint (atlas_indicator_chooser_get_n_shown (fixture->chooser), ==, 1);
  atlas_indicator_chooser_set_filter (fixture->chooser, "no such indicator");
  g_assert_cmpuint (atlas_indicator_chooser_get_n_shown (fixture->chooser), ==, 0);
  atlas_indicator_chooser_set_filter (fixture->chooser, NULL);

  atlas_indicator_chooser_choose (fixture->chooser, income);
  g_assert_cmpstr (atlas_explorer_state_get_indicator (fixture->state), ==, "median_inkomst");
  g_assert_true (atlas_map_get_indicator (fixture->map) == income);
}

/* The label showing @text under @widget, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tooltips are given to GTK only when it asks for one: the chooser's rows
 * carry their indicator's definition without gtk_widget_set_tooltip_text(),
 * which in GTK 4.8 asks the X server where the pointer is each time. */
static void
test_tooltips_on_demand (Fixture       *fixture,
                         gconstpointer  data)
{
  AtlasIndicator *unemployment = atlas_dataset_lookup_indicator (fixture->dataset, "arbetsloshet");
  GtkWidget *label = gtk_label_new ("x");
  GtkWidget *name, *row;
  GtkTooltip *tooltip;
  gboolean handled = FALSE;

  app_test_drain ();
  name = find_label (GTK_WIDGET (fixture->chooser), atlas_indicator_get_name (unemployment, NULL));
  g_assert_nonnull (name);
  row = gtk_widget_get_parent (name);
  g_assert_cmpstr (atlas_widget_get_tooltip (row), ==, atlas_indicator_get_definition (unemployment, NULL));
  g_assert_true (gtk_widget_get_has_tooltip (row));
  g_assert_null (gtk_widget_get_tooltip_text (row));

  g_object_ref_sink (label);
  g_assert_false (gtk_widget_get_has_tooltip (label));
  atlas_widget_set_tooltip (label, "Källa: SCB");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  g_assert_cmpstr (atlas_widget_get_tooltip (label), ==, "Källa: SCB");
  /* GTK asks with "query-tooltip", and the text is given then */
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &handled);
  g_assert_true (handled);
  g_object_unref (tooltip);
  atlas_widget_set_tooltip (label, "");
  g_assert_false (gtk_widget_get_has_tooltip (label));
  g_assert_null (atlas_widget_get_tooltip (label));
  atlas_widget_set_tooltip (label, "Ny text");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  g_assert_cmpstr (atlas_widget_get_tooltip (label), ==, "Ny text");
  g_object_unref (label);
}

/* A kommun's class in every year, in the current rendering. */
static GArray *
dup_classes (Fixture *fixture)
{
  guint n = atlas_division_get_n_areas (fixture->kommun);
  GArray *classes = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

  for (guint i = 0; i < n; i++)
    {
      int klass = atlas_map_get_area_class (fixture->map, atlas_division_get_area (fixture->kommun, i));

      g_array_append_val (classes, klass);
    }
  return classes;
}

static gboolean
classes_differ (GArray *a,
                GArray *b)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, int, i) != g_array_index (b, int, i))
      return TRUE;
  return FALSE;
}

/* Stepping through the years with fixed classes: the breaks stay, the
 * classes of the areas follow the year. */
static void
test_slider_steps (Fixture       *fixture,
                   gconstpointer  data)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (fixture->dataset, &n_years);
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) last = NULL;
  g_autoptr(AtlasClassBreaks) first_breaks = NULL;

  atlas_classification_set_pooled (atlas_explorer_state_get_classification (fixture->state), TRUE);
  atlas_time_slider_step (fixture->slider, -100);
  g_assert_cmpuint (atlas_map_get_year (fixture->map), ==, years[0]);
  first = dup_classes (fixture);
  first_breaks = atlas_class_breaks_ref (atlas_map_get_breaks (fixture->map));

  atlas_time_slider_step (fixture->slider, 1);
  g_assert_cmpuint (atlas_map_get_year (fixture->map), ==, years[1]);
  while (atlas_time_slider_advance (fixture->slider))
    g_assert_true (atlas_class_breaks_equal (first_breaks, atlas_map_get_breaks (fixture->map)));
  g_assert_cmpuint (atlas_map_get_year (fixture->map), ==, years[n_years - 1]);
  last = dup_classes (fixture);
  g_assert_true (classes_differ (first, last));
  /* Stepping past the end stays at the end */
  atlas_time_slider_step (fixture->slider, 1);
  g_assert_cmpuint (atlas_map_get_year (fixture->map), ==, years[n_years - 1]);
}

static void
on_playing_notify (GObject    *object,
                   GParamSpec *pspec,
                   guint      *n_stops)
{
  if (!atlas_time_slider_get_playing (ATLAS_TIME_SLIDER (object)))
    (*n_stops)++;
}

static void
on_year_notify (AtlasMap *map,
                GParamSpec *pspec,
                GArray   *seen)
{
  guint year = atlas_map_get_year (map);

  g_array_append_val (seen, year);
}

/* Play at the last year starts over from the first and stops at the end,
 * visiting each year in order; the map's classes follow. */
static void
test_slider_plays (Fixture       *fixture,
                   gconstpointer  data)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (fixture->dataset, &n_years);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) before = dup_classes (fixture);
  g_autoptr(GArray) after = NULL;
  guint n_stops = 0;

  atlas_time_slider_set_speed (fixture->slider, 8.0);
  g_signal_connect (fixture->slider, "notify::playing", G_CALLBACK (on_playing_notify), &n_stops);
  g_signal_connect (fixture->map, "notify::year", G_CALLBACK (on_year_notify), seen);
  atlas_time_slider_toggle_playing (fixture->slider);
  g_assert_true (atlas_time_slider_get_playing (fixture->slider));
  g_assert_cmpuint (atlas_map_get_year (fixture->map), ==, years[0]);
  g_assert_true (classes_differ (before, dup_classes (fixture)));

  while (n_stops == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (fixture->map, seen);
  after = dup_classes (fixture);
  g_assert_false (classes_differ (before, after));
  g_assert_cmpuint (seen->len, ==, n_years);
  for (guint i = 0; i < n_years; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, years[i]);
}

/* The map's classes are the CLI's: atlas_class_breaks_for_dataset with
 * the same settings. */
static void
test_breaks_agree (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint counts[] = { 3, 5, 9 };
  AtlasIndicator *indicator = atlas_map_get_indicator (fixture->map);
  guint year = atlas_map_get_year (fixture->map) - 3;

  atlas_explorer_state_set_year (fixture->state, year);
  for (AtlasClassMethod method = ATLAS_CLASS_METHOD_QUANTILE; method < ATLAS_CLASS_METHOD_MANUAL; method++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      for (int pooled = 0; pooled <= 1; pooled++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AtlasClassBreaks) expected = NULL;
          g_autoptr(AtlasClassBreaks) shown = NULL;

          g_object_set (atlas_explorer_state_get_classification (fixture->state), "method", method,
                        "count", counts[c], "pooled", pooled, NULL);
          g_object_get (fixture->map, "breaks", &shown, NULL);
          expected = atlas_class_breaks_for_dataset (fixture->dataset, indicator, fixture->kommun,
                                                     year, pooled, method, counts[c], &error);
          g_assert_no_error (error);
          g_assert_nonnull (shown);
          g_assert_true (atlas_class_breaks_equal (expected, shown));
        }
}

/* Manual breaks: the map shows atlas_class_breaks_new_manual() of them,
 * and they come back for their indicator. */
static void
test_manual_breaks (Fixture       *fixture,
                    gconstpointer  data)
{
  const double values[] = { 2.0, 3.0, 4.5 };
  AtlasIndicator *unemployment = atlas_explorer_state_lookup_indicator (fixture->state);
  g_autoptr(AtlasClassBreaks) range = NULL;
  g_autoptr(AtlasClassBreaks) expected = NULL;
  g_autoptr(AtlasClassBreaks) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const double bad[] = { 3.0, 2.0 };

  atlas_classification_set_method (atlas_explorer_state_get_classification (fixture->state), ATLAS_CLASS_METHOD_MANUAL);
  g_assert_true (atlas_classification_panel_set_manual_breaks (fixture->panel, values, 3, &error));
  g_assert_no_error (error);
  range = atlas_class_breaks_for_dataset (fixture->dataset, unemployment, fixture->kommun,
                                          atlas_map_get_year (fixture->map), TRUE,
                                          ATLAS_CLASS_METHOD_QUANTILE, 3, &error);
  g_assert_no_error (error);
  expected = atlas_class_breaks_new_manual (values, 3, atlas_class_breaks_get_min (range),
                                            atlas_class_breaks_get_max (range), &error);
  g_assert_no_error (error);
  g_object_get (fixture->map, "breaks", &shown, NULL);
  g_assert_true (atlas_class_breaks_equal (expected, shown));
  g_clear_pointer (&shown, atlas_class_breaks_unref);
  /* The panel shows the map's classes, computed from the state alone */
  g_assert_true (atlas_class_breaks_equal (expected, atlas_classification_panel_get_breaks (fixture->panel)));

  /* Remembered per indicator */
  stored = g_settings_get_value (settings, "manual-breaks");
  entry = g_variant_lookup_value (stored, "arbetsloshet", G_VARIANT_TYPE ("ad"));
  g_assert_nonnull (entry);
  g_assert_cmpuint (g_variant_n_children (entry), ==, 3);
  atlas_explorer_state_set_indicator (fixture->state, "median_inkomst");
  g_assert_cmpuint (atlas_class_breaks_get_method (atlas_map_get_breaks (fixture->map)), !=,
                    ATLAS_CLASS_METHOD_MANUAL);
  atlas_explorer_state_set_indicator (fixture->state, "arbetsloshet");
  g_assert_true (atlas_class_breaks_equal (expected, atlas_map_get_breaks (fixture->map)));

  /* Breaks out of order are refused with a reason, and change nothing */
  g_assert_false (atlas_classification_panel_set_manual_breaks (fixture->panel, bad, 2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_true (atlas_class_breaks_equal (expected, atlas_map_get_breaks (fixture->map)));
}

/* Details: rank nationally and in the län, and a sparkline over all
 * years. */
static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasArea *area = atlas_dataset_lookup_area (fixture->dataset, "0180");
  AtlasRank rank;
  g_autofree char *expected = NULL;
  const char *text;

  atlas_details_set_area (fixture->details, area);
  g_assert_true (atlas_rank_area (fixture->dataset, atlas_map_get_indicator (fixture->map),
                                  atlas_map_get_year (fixture->map), area, NULL, &rank));
  text = atlas_details_get_rank_text (fixture->details);
  g_assert_nonnull (text);
  expected = g_strdup_printf (" %u ", rank.rank);
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, " 290 "));
  g_assert_nonnull (strstr (text, "Stockholms län"));
}

/* Relative luminance, enough to tell the darker of two colours. */
static double
luminance (const AtlasColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

/* Income is better when higher, so its colours run reversed: the legend
 * (in the data language, as the figures: core's one sentence)
 * says in words that darker is worse, and the first (lowest) class is
 * indeed drawn darkest. The user's toggle turns both round. */
static void
test_legend_direction (Fixture       *fixture,
                       gconstpointer  data)
{
  AtlasLegend *legend = ATLAS_LEGEND (atlas_map_get_legend (fixture->map));
  AtlasIndicator *income = atlas_dataset_lookup_indicator (fixture->dataset, "median_inkomst");
  AtlasClassification *classification = atlas_explorer_state_get_classification (fixture->state);
  AtlasPalette *palette;
  guint n;

  g_assert_cmpint (atlas_indicator_get_polarity (income), ==, ATLAS_POLARITY_HIGHER_IS_BETTER);
  atlas_explorer_state_set_indicator (fixture->state, "median_inkomst");
  app_test_drain ();
  palette = atlas_map_get_palette (fixture->map);
  n = atlas_palette_get_n_colors (palette);
  g_assert_cmpfloat (luminance (atlas_palette_get_color (palette, 0)), <,
                     luminance (atlas_palette_get_color (palette, n - 1)));
  g_assert_cmpstr (atlas_legend_get_direction (legend), ==, "Mörkare = sämre (lägre värden)");

  atlas_classification_set_palette_reverse (classification, TRUE);
  app_test_drain ();
  palette = atlas_map_get_palette (fixture->map);
  g_assert_cmpfloat (luminance (atlas_palette_get_color (palette, 0)), >,
                     luminance (atlas_palette_get_color (palette, n - 1)));
  g_assert_cmpstr (atlas_legend_get_direction (legend), ==, "Mörkare = bättre (högre värden)");
  atlas_classification_set_palette_reverse (classification, FALSE);

  /* Unemployment: lower is better, not reversed, darker = more = worse */
  atlas_explorer_state_set_indicator (fixture->state, "arbetsloshet");
  app_test_drain ();
  g_assert_cmpstr (atlas_legend_get_direction (legend), ==, "Mörkare = sämre (högre värden)");
}

/* (The widget tests run without the Swedish catalogue: interface strings
 * are the English originals; legend words follow the data language, sv.)
 * The type shares exist for 2022 and 2023 only: at 2019 the pane says so
 * and gives 2023's shares with their year, never as 2019's. */
static void
test_details_own_year (Fixture       *fixture,
                       gconstpointer  data)
{
  AtlasArea *area = atlas_dataset_lookup_area (fixture->dataset, "0180");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (fixture->dataset, "omradestyp1_andel");
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (fixture->dataset, share);
  const char *text;

  g_assert_cmpuint (years->len, >, 0);
  g_assert_cmpuint (g_array_index (years, guint, 0), >, 2019);
  atlas_details_set_area (fixture->details, area);
  atlas_explorer_state_set_year (fixture->state, 2019);
  text = atlas_details_get_type_text (fixture->details);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "No data for 2019."));
  g_assert_nonnull (strstr (text, ", 2023: "));
  g_assert_null (strstr (text, ", 2019: "));

  atlas_explorer_state_set_year (fixture->state, 2023);
  text = atlas_details_get_type_text (fixture->details);
  g_assert_null (strstr (text, "No data"));
  g_assert_nonnull (strstr (text, ", 2023: "));

  /* The share itself, mapped at 2019: no value, and the year says so */
  atlas_explorer_state_set_indicator (fixture->state, "omradestyp1_andel");
  atlas_explorer_state_set_year (fixture->state, 2019);
  g_assert_cmpstr (atlas_details_get_value_text (fixture->details), ==, "No data for 2019");
}

/* Missing years break the line instead of bridging them. */
static void
test_sparkline_gaps (void)
{
  const guint years[] = { 2019, 2020, 2021, 2022, 2023 };
  const double values[] = { 1.0, NAN, 3.0, 4.0, 2.0 };
  GtkWidget *sparkline = g_object_ref_sink (atlas_sparkline_new ());

  atlas_sparkline_set_values (ATLAS_SPARKLINE (sparkline), years, values, 5, 2022);
  g_assert_cmpuint (atlas_sparkline_get_n_values (ATLAS_SPARKLINE (sparkline)), ==, 5);
  g_assert_cmpuint (atlas_sparkline_get_n_segments (ATLAS_SPARKLINE (sparkline)), ==, 2);
  g_assert_finalize_object (sparkline);
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

  g_test_add_func ("/panels/sparkline-gaps", test_sparkline_gaps);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/panels/chooser", test_chooser);
  ADD ("/panels/tooltips-on-demand", test_tooltips_on_demand);
  ADD ("/panels/slider-steps", test_slider_steps);
  ADD ("/panels/slider-plays", test_slider_plays);
  ADD ("/panels/breaks-agree", test_breaks_agree);
  ADD ("/panels/manual-breaks", test_manual_breaks);
  ADD ("/panels/details", test_details);
  ADD ("/panels/details-own-year", test_details_own_year);
  ADD ("/panels/legend-direction", test_legend_direction);
#undef ADD
  return g_test_run ();
}
