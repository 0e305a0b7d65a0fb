/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-core.h"

/* AtlasTrendChart: the pure tick and mapping arithmetic, and what a drawn
 * chart shows for the packaged national dataset. */

#define NBSP "\302\240"
#define MINUS_SIGN "\342\210\222"

static void
test_ticks_round_numbers (void)
{
  AtlasTrendTicks ticks;

  g_assert_true (atlas_trend_ticks_compute (0.3, 9.7, 5, &ticks));
  g_assert_cmpfloat_with_epsilon (ticks.min, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.max, 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.step, 2.0, 1e-12);
  g_assert_cmpuint (ticks.n, ==, 6);
  g_assert_cmpuint (ticks.decimals, ==, 0);

  g_assert_true (atlas_trend_ticks_compute (-7, 3, 6, &ticks));
  g_assert_cmpfloat_with_epsilon (ticks.min, -8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.max, 4.0, 1e-12);
  g_assert_cmpuint (ticks.n, ==, 7);

  g_assert_true (atlas_trend_ticks_compute (450000, 560000, 5, &ticks));
  g_assert_cmpfloat_with_epsilon (ticks.step, 20000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (ticks.min, 440000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (ticks.max, 560000.0, 1e-6);
  g_assert_cmpuint (ticks.n, ==, 7);
}

static void
test_ticks_small_steps (void)
{
  AtlasTrendTicks ticks;

  g_assert_true (atlas_trend_ticks_compute (3.44, 3.46, 5, &ticks));
  g_assert_cmpfloat_with_epsilon (ticks.step, 0.005, 1e-12);
  g_assert_cmpuint (ticks.decimals, ==, 3);
  g_assert_cmpfloat (ticks.min, <=, 3.44);
  g_assert_cmpfloat (ticks.max, >=, 3.46);
  g_assert_cmpuint (ticks.n, ==, 5);

  g_assert_true (atlas_trend_ticks_compute (0.1, 0.3, 3, &ticks));
  g_assert_cmpfloat_with_epsilon (ticks.step, 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.min, 0.1, 1e-12);
  g_assert_cmpuint (ticks.decimals, ==, 1);
}

static void
test_ticks_degenerate (void)
{
  AtlasTrendTicks ticks;

  /* A single value gets a margin of a tenth around it. */
  g_assert_true (atlas_trend_ticks_compute (100, 100, 5, &ticks));
  g_assert_cmpfloat (ticks.min, <, 100);
  g_assert_cmpfloat (ticks.max, >, 100);
  g_assert_cmpfloat_with_epsilon (ticks.min, 90.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ticks.max, 110.0, 1e-9);

  g_assert_true (atlas_trend_ticks_compute (0, 0, 5, &ticks));
  g_assert_cmpfloat (ticks.min, <, 0);
  g_assert_cmpfloat (ticks.max, >, 0);

  g_assert_false (atlas_trend_ticks_compute (NAN, 1, 5, &ticks));
  g_assert_false (atlas_trend_ticks_compute (0, INFINITY, 5, &ticks));
  g_assert_false (atlas_trend_ticks_compute (2, 1, 5, &ticks));
  g_assert_false (atlas_trend_ticks_compute (0, 1, 1, &ticks));
}

static void
test_value_to_y (void)
{
  AtlasTrendTicks ticks;

  g_assert_true (atlas_trend_ticks_compute (0, 10, 6, &ticks));
  g_assert_cmpfloat_with_epsilon (atlas_trend_ticks_value_to_y (&ticks, 0, 10, 110), 110, 1e-9);
  g_assert_cmpfloat_with_epsilon (atlas_trend_ticks_value_to_y (&ticks, 10, 10, 110), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (atlas_trend_ticks_value_to_y (&ticks, 5, 10, 110), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (atlas_trend_ticks_value_to_y (&ticks, 2.5, 10, 110), 85, 1e-9);
}

static void
test_tick_labels (void)
{
  AtlasTrendTicks ticks;
  g_autofree char *sv_thousands = NULL;
  g_autofree char *en_thousands = NULL;
  g_autofree char *sv_negative = NULL;
  g_autofree char *en_negative = NULL;
  g_autofree char *zero = NULL;

  g_assert_true (atlas_trend_ticks_compute (0, 2000, 5, &ticks));
  sv_thousands = atlas_trend_ticks_format (&ticks, 1500, "sv");
  en_thousands = atlas_trend_ticks_format (&ticks, 1500, "en");
  g_assert_cmpstr (sv_thousands, ==, "1" NBSP "500");
  g_assert_cmpstr (en_thousands, ==, "1,500");

  g_assert_true (atlas_trend_ticks_compute (-3, 1, 9, &ticks));
  g_assert_cmpuint (ticks.decimals, ==, 1);
  sv_negative = atlas_trend_ticks_format (&ticks, -2.5, "sv");
  en_negative = atlas_trend_ticks_format (&ticks, -2.5, "en");
  g_assert_cmpstr (sv_negative, ==, MINUS_SIGN "2,5");
  g_assert_cmpstr (en_negative, ==, "-2.5");
  zero = atlas_trend_ticks_format (&ticks, -1e-12, "sv");
  g_assert_cmpstr (zero, ==, "0,0");
}

/* ---- The chart on real data ---------------------------------------- */

static AtlasComparison *
stockholm_goteborg (AtlasDataset **dataset)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "sverige-kommuner", NULL);
  g_autoptr(GError) error = NULL;
  AtlasComparison *comparison;

  *dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  comparison = atlas_comparison_new (*dataset, atlas_dataset_lookup_area (*dataset, "0180"),
                                     atlas_dataset_lookup_area (*dataset, "1480"), 2024, 0, &error);
  g_assert_no_error (error);
  return comparison;
}

/* Pixels close to A's orange (#e66100) in the drawn chart, counted from
 * row @from down; @top and @bottom get the first and last such row. */
static guint
a_pixels_below (AtlasTrendChart *chart,
                int              from,
                int             *top,
                int             *bottom)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 360);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint count = 0;

  atlas_trend_chart_draw (chart, cr, 640, 360);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  *top = 360;
  *bottom = -1;
  for (int y = from; y < 360; y++)
    for (int x = 0; x < 640; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if (ABS ((int) ((pixel >> 16) & 0xff) - 0xe6) < 8 && ABS ((int) ((pixel >> 8) & 0xff) - 0x61) < 8
            && (pixel & 0xff) < 8)
          {
            count++;
            *top = MIN (*top, y);
            *bottom = MAX (*bottom, y);
          }
      }
  cairo_surface_destroy (surface);
  return count;
}

static guint
count_a_pixels (AtlasTrendChart *chart)
{
  int top, bottom;

  return a_pixels_below (chart, 0, &top, &bottom);
}

/* A count (folkmängd) is drawn as an index, so Stockholm's growth shows
 * instead of a flat line at the foot of riket's ten million. */
static void
test_chart_count_as_index (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasComparison) comparison = stockholm_goteborg (&dataset);
  g_autoptr(AtlasTrendChart) people = atlas_trend_chart_new (comparison,
                                                             atlas_dataset_lookup_indicator (dataset, "folkmangd"));
  g_autoptr(AtlasTrendChart) rate = atlas_trend_chart_new (comparison,
                                                           atlas_dataset_lookup_indicator (dataset, "arbetsloshet"));
  int top, bottom;

  g_assert_true (atlas_trend_chart_is_indexed (people));
  g_assert_false (atlas_trend_chart_is_indexed (rate));
  /* Below the legend (a font is at least 10 px; the plot starts at 4.2). */
  g_assert_cmpuint (a_pixels_below (people, 42, &top, &bottom), >, 0);
  g_assert_cmpint (bottom - top, >, 360 / 4);
}

static void
test_chart_points_and_hover (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasComparison) comparison = stockholm_goteborg (&dataset);
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "arbetsloshet");
  g_autoptr(AtlasTrendChart) chart = atlas_trend_chart_new (comparison, indicator);
  GArray *points = atlas_trend_chart_get_points (chart);
  guint n_years = 0;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);
  const AtlasComparisonTrendPoint *first = NULL, *last = NULL;
  g_autofree char *readout = NULL;
  double value = NAN;

  g_assert_cmpuint (points->len, ==, n_years);
  atlas_dataset_get_value (dataset, indicator, 2024, atlas_dataset_lookup_area (dataset, "0180"),
                           &value, NULL);
  for (guint i = 0; i < points->len; i++)
    if (g_array_index (points, AtlasComparisonTrendPoint, i).year == 2024)
      g_assert_cmpfloat (g_array_index (points, AtlasComparisonTrendPoint, i).a, ==, value);

  /* Outside the plot there is no point; the left and right edges of the
   * plot are the first and the last year. */
  g_assert_null (atlas_trend_chart_point_at (chart, 640, 360, 0));
  for (double x = 1; x < 640 && first == NULL; x++)
    first = atlas_trend_chart_point_at (chart, 640, 360, x);
  for (double x = 639; x > 0 && last == NULL; x--)
    last = atlas_trend_chart_point_at (chart, 640, 360, x);
  g_assert_nonnull (first);
  g_assert_nonnull (last);
  g_assert_cmpuint (first->year, ==, years[0]);
  g_assert_cmpuint (last->year, ==, years[n_years - 1]);

  atlas_trend_chart_set_lang (chart, "en");
  readout = atlas_trend_chart_describe_point (chart, last);
  g_assert_nonnull (strstr (readout, "Sweden"));
  g_assert_true (g_str_has_prefix (readout, "2024") || last->year != 2024);
}

static void
test_chart_draws_series (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasComparison) comparison = stockholm_goteborg (&dataset);
  g_autoptr(AtlasTrendChart) unemployment = atlas_trend_chart_new (comparison,
                                                             atlas_dataset_lookup_indicator (dataset, "arbetsloshet"));
  g_autoptr(AtlasTrendChart) empty = atlas_trend_chart_new (comparison,
                                                            atlas_dataset_lookup_indicator (dataset, "regso_antal"));

  /* A has values: its line shows. Neither area has a value for the RegSO
   * counts at kommun level here, so only the legend sample is drawn in
   * A's colour (the same in both charts). */
  g_assert_cmpuint (count_a_pixels (empty), >, 0);
  g_assert_cmpuint (count_a_pixels (unemployment), >, count_a_pixels (empty) + 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trend-chart/ticks/round-numbers", test_ticks_round_numbers);
  g_test_add_func ("/trend-chart/ticks/small-steps", test_ticks_small_steps);
  g_test_add_func ("/trend-chart/ticks/degenerate", test_ticks_degenerate);
  g_test_add_func ("/trend-chart/ticks/value-to-y", test_value_to_y);
  g_test_add_func ("/trend-chart/ticks/labels", test_tick_labels);
  g_test_add_func ("/trend-chart/points-and-hover", test_chart_points_and_hover);
  g_test_add_func ("/trend-chart/draws-series", test_chart_draws_series);
  g_test_add_func ("/trend-chart/count-as-index", test_chart_count_as_index);

  return g_test_run ();
}
