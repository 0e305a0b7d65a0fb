/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis-page-private.h"
#include "atlas-trend-chart.h"

#define NBSP "\302\240"
#define MINUS_SIGN "\342\210\222"

struct _AtlasTrendChart
{
  GObject          parent_instance;

  AtlasComparison *comparison;
  AtlasIndicator  *indicator;
  char            *lang;
  GArray          *points;   /* of AtlasComparisonTrendPoint */
  /* Counts are drawn as an index, each series' first value = 100, so
   * that a DeSO, a kommun and riket can share one axis; 0 = not indexed */
  double           base[3];
  gboolean         indexed;
  gboolean         demonstration;
};

G_DEFINE_FINAL_TYPE (AtlasTrendChart, atlas_trend_chart, G_TYPE_OBJECT)

typedef enum
{
  SERIES_A,
  SERIES_B,
  SERIES_RIKET,
  N_SERIES
} Series;

/* The map's A/B outline colours, so chart and map read alike; riket is
 * dashed grey. Each series also has its own marker shape, so the lines can
 * be told apart without colour. */
static const double series_rgb[N_SERIES][3] = {
  { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0 },
  { 0x5d / 255.0, 0x3a / 255.0, 0x9b / 255.0 },
  { 0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0 },
};

/* Where things go at one size. */
typedef struct
{
  double          font;
  double          left;
  double          right;
  double          top;
  double          bottom;
  AtlasTrendTicks ticks;
  gboolean        drawable;
} Layout;

/* ---- Ticks (pure) -------------------------------------------------- */

/**
 * atlas_trend_ticks_compute:
 * @low: the lowest value to show
 * @high: the highest value to show
 * @target: about how many ticks (at least 2)
 * @ticks: (out): the ticks
 *
 * Round tick values that enclose @low..@high. A single value gets a
 * margin around it.
 *
 * Returns: FALSE when the range is not finite or @target is below 2
 */
gboolean
atlas_trend_ticks_compute (double           low,
                           double           high,
                           guint            target,
                           AtlasTrendTicks *ticks)
{
  double raw, magnitude, fraction, nice;

  g_return_val_if_fail (ticks != NULL, FALSE);

  if (!isfinite (low) || !isfinite (high) || low > high || target < 2)
    return FALSE;
  if (high == low)
    {
      double pad = low == 0 ? 1.0 : fabs (low) * 0.1;

      low -= pad;
      high += pad;
    }

  raw = (high - low) / (target - 1);
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  /* The nearest of 1, 2, 5 and 10, so the count stays near the target. */
  nice = fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0;

  ticks->step = nice * magnitude;
  /* The tolerance keeps 0.3 / 0.1 from flooring to 2. */
  ticks->min = floor (low / ticks->step + 1e-9) * ticks->step;
  ticks->max = ceil (high / ticks->step - 1e-9) * ticks->step;
  ticks->n = (guint) llround ((ticks->max - ticks->min) / ticks->step) + 1;
  ticks->decimals = ticks->step >= 1.0 ? 0 : (guint) ceil (-log10 (ticks->step) - 1e-9);

  return TRUE;
}

/**
 * atlas_trend_ticks_value_to_y:
 * @top: the y of the highest tick
 * @bottom: the y of the lowest tick
 *
 * Returns: the y of @value, linear between the ticks
 */
double
atlas_trend_ticks_value_to_y (const AtlasTrendTicks *ticks,
                              double                 value,
                              double                 top,
                              double                 bottom)
{
  g_return_val_if_fail (ticks != NULL, NAN);
  g_return_val_if_fail (ticks->max > ticks->min, NAN);

  return bottom - (value - ticks->min) / (ticks->max - ticks->min) * (bottom - top);
}

/**
 * atlas_trend_ticks_format:
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Returns: (transfer full): a tick label with the ticks' decimals:
 *   "1 500", "2,5", "−10" in Swedish; "1,500", "2.5", "-10" in English
 */
char *
atlas_trend_ticks_format (const AtlasTrendTicks *ticks,
                          double                 value,
                          const char            *lang)
{
  gboolean swedish = !g_str_equal (lang != NULL ? lang : atlas_language (), "en");
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  GString *out = g_string_new (NULL);
  gsize int_len;

  g_return_val_if_fail (ticks != NULL, NULL);

  /* Snap away rounding noise such as -0.0000001. */
  if (fabs (value) < ticks->step * 1e-6)
    value = 0;
  g_snprintf (format, sizeof format, "%%.%uf", ticks->decimals);
  g_ascii_formatd (digits, sizeof digits, format, fabs (value));
  if (value < 0)
    g_string_append (out, swedish ? MINUS_SIGN : "-");
  int_len = strcspn (digits, ".");
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, swedish ? NBSP : ",");
      g_string_append_c (out, digits[i]);
    }
  if (digits[int_len] == '.')
    g_string_append_printf (out, "%s%s", swedish ? "," : ".", digits + int_len + 1);

  return g_string_free (out, FALSE);
}

/* ---- Object -------------------------------------------------------- */

static void
atlas_trend_chart_finalize (GObject *object)
{
  AtlasTrendChart *self = ATLAS_TREND_CHART (object);

  g_clear_object (&self->comparison);
  g_clear_object (&self->indicator);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->points, g_array_unref);
  G_OBJECT_CLASS (atlas_trend_chart_parent_class)->finalize (object);
}

static void
atlas_trend_chart_class_init (AtlasTrendChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_trend_chart_finalize;
}

static void
atlas_trend_chart_init (AtlasTrendChart *self)
{
}

static double
raw_value (const AtlasComparisonTrendPoint *point,
           Series                           series)
{
  switch (series)
    {
    case SERIES_A:
      return point->a;
    case SERIES_B:
      return point->b;
    case SERIES_RIKET:
    case N_SERIES:
    default:
      return point->riket;
    }
}

static void
find_bases (AtlasTrendChart *self)
{
  self->indexed = atlas_indicator_get_unit (self->indicator) == ATLAS_UNIT_COUNT;
  for (Series s = 0; s < N_SERIES; s++)
    for (guint i = 0; i < self->points->len; i++)
      {
        double value = raw_value (&g_array_index (self->points, AtlasComparisonTrendPoint, i), s);

        if (!isnan (value))
          {
            self->base[s] = value;
            break;
          }
      }
}

/**
 * atlas_trend_chart_new:
 * @comparison: the two areas and the marked year
 * @indicator: the indicator to draw
 *
 * Returns: (transfer full): a chart in atlas_language()
 */
AtlasTrendChart *
atlas_trend_chart_new (AtlasComparison *comparison,
                       AtlasIndicator  *indicator)
{
  AtlasTrendChart *self;

  g_return_val_if_fail (ATLAS_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  self = g_object_new (ATLAS_TYPE_TREND_CHART, NULL);
  self->comparison = g_object_ref (comparison);
  self->indicator = g_object_ref (indicator);
  self->lang = g_strdup (atlas_language ());
  self->points = atlas_comparison_dup_trend (comparison, indicator);
  self->demonstration = atlas_dataset_indicator_is_demonstration (atlas_comparison_get_dataset (comparison),
                                                                  indicator);
  find_bases (self);

  return self;
}

/**
 * atlas_trend_chart_is_indexed:
 * @self: a chart
 *
 * Returns: whether the chart draws an index (each series' first year with
 *   a value = 100) rather than the values: counts such as folkmängd, where
 *   riket or a kommun would flatten a DeSO against the axis
 */
gboolean
atlas_trend_chart_is_indexed (AtlasTrendChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), FALSE);

  return self->indexed;
}

AtlasComparison *
atlas_trend_chart_get_comparison (AtlasTrendChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), NULL);

  return self->comparison;
}

AtlasIndicator *
atlas_trend_chart_get_indicator (AtlasTrendChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), NULL);

  return self->indicator;
}

const char *
atlas_trend_chart_get_lang (AtlasTrendChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), NULL);

  return self->lang;
}

void
atlas_trend_chart_set_lang (AtlasTrendChart *self,
                            const char      *lang)
{
  g_return_if_fail (ATLAS_IS_TREND_CHART (self));

  g_free (self->lang);
  self->lang = g_strdup (lang != NULL ? lang : atlas_language ());
}

/**
 * atlas_trend_chart_get_points:
 *
 * Returns: (transfer none) (element-type AtlasComparisonTrendPoint): one
 *   point per year, NaN where a value is missing
 */
GArray *
atlas_trend_chart_get_points (AtlasTrendChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), NULL);

  return self->points;
}

/* ---- Layout -------------------------------------------------------- */

static gboolean
is_swedish (AtlasTrendChart *self)
{
  return !g_str_equal (self->lang, "en");
}

/* The value as drawn: the index of a count, else the value itself. */
static double
plot_value (AtlasTrendChart                 *self,
            const AtlasComparisonTrendPoint *point,
            Series                           series)
{
  double value = raw_value (point, series);

  if (!self->indexed)
    return value;
  return self->base[series] > 0 ? value / self->base[series] * 100.0 : NAN;
}

static gboolean
value_range (AtlasTrendChart *self,
             double          *low,
             double          *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint i = 0; i < self->points->len; i++)
    for (Series s = 0; s < N_SERIES; s++)
      {
        double value = plot_value (self, &g_array_index (self->points, AtlasComparisonTrendPoint, i), s);

        if (isnan (value))
          continue;
        *low = MIN (*low, value);
        *high = MAX (*high, value);
      }
  return *low <= *high;
}

static void
set_font (cairo_t *cr,
          double   size,
          gboolean bold)
{
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

/* The widest tick label sets the left margin. */
static double
ticks_width (AtlasTrendChart       *self,
             cairo_t               *cr,
             const AtlasTrendTicks *ticks)
{
  double widest = 0;

  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *label = atlas_trend_ticks_format (ticks, ticks->min + i * ticks->step,
                                                         self->lang);

      widest = MAX (widest, text_width (cr, label));
    }
  return widest;
}

static void
compute_layout (AtlasTrendChart *self,
                cairo_t         *cr,
                double           width,
                double           height,
                Layout          *layout)
{
  double low, high;
  guint target;

  memset (layout, 0, sizeof *layout);
  layout->font = CLAMP (MIN (width / 1.6, height) / 36.0, 10.0, 28.0);
  layout->top = layout->font * 4.2;
  layout->bottom = height - layout->font * 2.2;
  layout->right = width - layout->font;
  /* About one tick per three lines of text. */
  target = MAX (3, (guint) ((layout->bottom - layout->top) / (layout->font * 3)));
  layout->drawable = atlas_indicator_get_unit (self->indicator) != ATLAS_UNIT_CATEGORY
                     && self->points->len > 0
                     && value_range (self, &low, &high)
                     && atlas_trend_ticks_compute (low, high, target, &layout->ticks);
  if (!layout->drawable)
    return;

  set_font (cr, layout->font * 0.85, FALSE);
  layout->left = layout->font * 0.8 + ticks_width (self, cr, &layout->ticks) + layout->font * 0.6;
  layout->drawable = layout->right - layout->left > layout->font * 4
                     && layout->bottom - layout->top > layout->font * 3;
}

static double
year_x (const Layout *layout,
        guint         index,
        guint         n_years)
{
  return layout->left + (layout->right - layout->left) * (index + 0.5) / n_years;
}

/* ---- Drawing ------------------------------------------------------- */

static char *
dup_series_label (AtlasTrendChart *self,
                  Series           series)
{
  AtlasArea *area;
  g_autofree char *name = NULL;

  if (series == SERIES_RIKET)
    return g_strdup (is_swedish (self) ? "Riket" : "Sweden");

  area = atlas_comparison_get_area (self->comparison, series == SERIES_A
                                    ? ATLAS_COMPARISON_SIDE_A : ATLAS_COMPARISON_SIDE_B);
  name = atlas_area_dup_display_name (area);
  return g_strdup_printf ("%s: %s", series == SERIES_A ? "A" : "B", name);
}

static void
set_series_style (cairo_t *cr,
                  Series   series,
                  double   font)
{
  double dash = font * 0.5;

  cairo_set_source_rgb (cr, series_rgb[series][0], series_rgb[series][1], series_rgb[series][2]);
  cairo_set_line_width (cr, series == SERIES_RIKET ? font * 0.14 : font * 0.2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, &dash, series == SERIES_RIKET ? 1 : 0, 0);
}

/* Circle for A, square for B, diamond for riket. */
static void
draw_marker (cairo_t *cr,
             Series   series,
             double   x,
             double   y,
             double   font)
{
  double r = font * (series == SERIES_RIKET ? 0.28 : 0.34);

  cairo_new_path (cr);
  if (series == SERIES_A)
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  else if (series == SERIES_B)
    cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
  else
    {
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x + r * 1.3, y);
      cairo_line_to (cr, x, y + r * 1.3);
      cairo_line_to (cr, x - r * 1.3, y);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
}

static void
draw_legend (AtlasTrendChart *self,
             cairo_t         *cr,
             const Layout    *layout,
             double           width)
{
  double x = layout->font * 0.8;
  double y = layout->font * 1.4;

  set_font (cr, layout->font, FALSE);
  for (Series s = 0; s < N_SERIES; s++)
    {
      g_autofree char *full = dup_series_label (self, s);
      g_autofree char *label = atlas_pen_fit_text (cr, full, width - layout->font * 4.5);
      double item = layout->font * 3.2 + text_width (cr, label);

      if (x > layout->font && x + item > width)
        {
          x = layout->font * 0.8;
          y += layout->font * 1.4;
        }
      set_series_style (cr, s, layout->font);
      cairo_move_to (cr, x, y - layout->font * 0.35);
      cairo_rel_line_to (cr, layout->font * 2, 0);
      cairo_stroke (cr);
      draw_marker (cr, s, x + layout->font, y - layout->font * 0.35, layout->font);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, x + layout->font * 2.5, y);
      cairo_show_text (cr, label);
      x += item + layout->font;
    }
}

/* The mark of demonstration data, right-aligned above the plot. */
static void
draw_demonstration (AtlasTrendChart *self,
                    cairo_t         *cr,
                    const Layout    *layout)
{
  const char *text = is_swedish (self) ? "Demonstrationsdata – inte verklig statistik"
                                       : "Demonstration data – not real statistics";

  set_font (cr, layout->font * 0.85, TRUE);
  cairo_set_source_rgb (cr, 0.6, 0.1, 0.1);
  cairo_move_to (cr, layout->right - text_width (cr, text), layout->top - layout->font * 0.9);
  cairo_show_text (cr, text);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
}

static void
draw_value_axis (AtlasTrendChart *self,
                 cairo_t         *cr,
                 const Layout    *layout)
{
  const AtlasTrendTicks *ticks = &layout->ticks;

  set_font (cr, layout->font * 0.85, FALSE);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < ticks->n; i++)
    {
      double value = ticks->min + i * ticks->step;
      double y = round (atlas_trend_ticks_value_to_y (ticks, value, layout->top, layout->bottom)) + 0.5;
      g_autofree char *label = atlas_trend_ticks_format (ticks, value, self->lang);

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, layout->left, y);
      cairo_line_to (cr, layout->right, y);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_move_to (cr, layout->left - layout->font * 0.5 - text_width (cr, label),
                     y + layout->font * 0.3);
      cairo_show_text (cr, label);
    }

  /* The unit heads the value axis; an index says what it is. */
  set_font (cr, layout->font * 0.85, TRUE);
  cairo_move_to (cr, layout->font * 0.8, layout->top - layout->font * 0.9);
  if (self->indexed)
    cairo_show_text (cr, is_swedish (self) ? "Index: första året med värde = 100"
                                           : "Index: first year with a value = 100");
  else
    cairo_show_text (cr, atlas_indicator_get_unit_label (self->indicator, self->lang));
  if (self->demonstration)
    draw_demonstration (self, cr, layout);
}

static void
draw_year_axis (AtlasTrendChart *self,
                cairo_t         *cr,
                const Layout    *layout)
{
  guint n = self->points->len;
  guint current = atlas_comparison_get_year (self->comparison);
  double slot = (layout->right - layout->left) / n;
  guint every, anchor = n - 1;

  /* Labels every few years counted from the marked year, so that its bold
   * label never crowds a neighbour; the bold width sets the spacing. */
  set_font (cr, layout->font * 0.85, TRUE);
  every = MAX (1, (guint) ceil (text_width (cr, "2000  ") / slot));
  for (guint i = 0; i < n; i++)
    if (g_array_index (self->points, AtlasComparisonTrendPoint, i).year == current)
      anchor = i;
  for (guint i = 0; i < n; i++)
    {
      guint year = g_array_index (self->points, AtlasComparisonTrendPoint, i).year;
      char label[16];
      double x = year_x (layout, i, n);

      if (year == current)
        {
          /* A band behind the marked year, and its label in bold. */
          cairo_set_source_rgba (cr, 0.2, 0.4, 0.8, 0.12);
          cairo_rectangle (cr, x - slot / 2, layout->top, slot, layout->bottom - layout->top);
          cairo_fill (cr);
        }
      if ((i > anchor ? i - anchor : anchor - i) % every != 0)
        continue;
      g_snprintf (label, sizeof label, "%u", year);
      set_font (cr, layout->font * 0.85, year == current);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      cairo_move_to (cr, x - text_width (cr, label) / 2, layout->bottom + layout->font * 1.4);
      cairo_show_text (cr, label);
    }
}

/* One line per series, broken where a year has no value; every value
 * also gets a marker, so a year between two gaps still shows. */
static void
draw_series (AtlasTrendChart *self,
             cairo_t         *cr,
             const Layout    *layout,
             Series           series)
{
  guint n = self->points->len;
  gboolean drawing = FALSE;

  set_series_style (cr, series, layout->font);
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double value = plot_value (self, &g_array_index (self->points, AtlasComparisonTrendPoint, i), series);
      double y;

      if (isnan (value))
        {
          drawing = FALSE;
          continue;
        }
      y = atlas_trend_ticks_value_to_y (&layout->ticks, value, layout->top, layout->bottom);
      if (drawing)
        cairo_line_to (cr, year_x (layout, i, n), y);
      else
        cairo_move_to (cr, year_x (layout, i, n), y);
      drawing = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      double value = plot_value (self, &g_array_index (self->points, AtlasComparisonTrendPoint, i), series);

      if (!isnan (value))
        draw_marker (cr, series, year_x (layout, i, n),
                     atlas_trend_ticks_value_to_y (&layout->ticks, value, layout->top, layout->bottom),
                     layout->font);
    }
}

static void
draw_message (AtlasTrendChart *self,
              cairo_t         *cr,
              const Layout    *layout,
              double           width,
              double           height)
{
  const char *text;

  if (atlas_indicator_get_unit (self->indicator) == ATLAS_UNIT_CATEGORY)
    text = is_swedish (self) ? "Kategorier har ingen tidsserie att rita"
                             : "Categories have no trend to draw";
  else
    text = is_swedish (self) ? "Inga värden att rita" : "No values to draw";

  set_font (cr, layout->font, FALSE);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, (width - text_width (cr, text)) / 2, height / 2);
  cairo_show_text (cr, text);
}

/**
 * atlas_trend_chart_draw:
 * @cr: where to draw, in units of @width × @height (pixels or points)
 *
 * Draws the chart on a white background.
 */
void
atlas_trend_chart_draw (AtlasTrendChart *self,
                        cairo_t         *cr,
                        double           width,
                        double           height)
{
  Layout layout;

  g_return_if_fail (ATLAS_IS_TREND_CHART (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  compute_layout (self, cr, width, height, &layout);
  draw_legend (self, cr, &layout, width);
  if (!layout.drawable)
    draw_message (self, cr, &layout, width, height);
  else
    {
      draw_year_axis (self, cr, &layout);
      draw_value_axis (self, cr, &layout);
      for (Series s = N_SERIES; s-- > 0;)
        draw_series (self, cr, &layout, s);
    }
  cairo_restore (cr);
}

const AtlasComparisonTrendPoint *
atlas_trend_chart_point_at (AtlasTrendChart *self,
                            double           width,
                            double           height,
                            double           x)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Layout layout;
  int index;

  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), NULL);

  /* Text sizes decide the margins, so measure as draw() does. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  compute_layout (self, cr, width, height, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (!layout.drawable || x < layout.left || x >= layout.right)
    return NULL;
  index = (int) floor ((x - layout.left) / (layout.right - layout.left) * self->points->len);
  index = CLAMP (index, 0, (int) self->points->len - 1);

  return &g_array_index (self->points, AtlasComparisonTrendPoint, index);
}

char *
atlas_trend_chart_describe_point (AtlasTrendChart                 *self,
                                  const AtlasComparisonTrendPoint *point)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *riket = NULL;

  g_return_val_if_fail (ATLAS_IS_TREND_CHART (self), NULL);
  g_return_val_if_fail (point != NULL, NULL);

  a = atlas_indicator_format_value (self->indicator, point->a, self->lang);
  b = atlas_indicator_format_value (self->indicator, point->b, self->lang);
  riket = atlas_indicator_format_value (self->indicator, point->riket, self->lang);

  return g_strdup_printf ("%u\nA: %s\nB: %s\n%s: %s", point->year, a, b,
                          is_swedish (self) ? "Riket" : "Sweden", riket);
}
