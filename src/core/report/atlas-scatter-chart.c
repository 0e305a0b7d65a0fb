/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "atlas-analysis-page-private.h"
#include "atlas-figure-private.h"
#include "atlas-scatter-chart.h"

/* Scatter plots drawn with cairo, for the app's widget and for figures.
 * Texts are in the chart's own language (sv/en) like every figure. */

#define AXIS_LEFT 58.0
#define AXIS_BOTTOM 36.0
#define TICK_FONT 8.0

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang != NULL ? lang : atlas_language (), "en") == 0;
}

static void
value_range (const AtlasScatter *scatter,
             gboolean            along_x,
             double             *low,
             double             *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint i = 0; i < atlas_scatter_get_n_points (scatter); i++)
    {
      const AtlasScatterPoint *p = atlas_scatter_get_point (scatter, i);
      double v = along_x ? p->x : p->y;

      *low = MIN (*low, v);
      *high = MAX (*high, v);
    }
}

void
atlas_scatter_frame_init (AtlasScatterFrame  *frame,
                          const AtlasScatter *scatter,
                          double              x,
                          double              y,
                          double              width,
                          double              height)
{
  double low, high;

  g_return_if_fail (frame != NULL && scatter != NULL);

  value_range (scatter, TRUE, &low, &high);
  atlas_trend_ticks_compute (low, high, 6, &frame->x_ticks);
  value_range (scatter, FALSE, &low, &high);
  atlas_trend_ticks_compute (low, high, 6, &frame->y_ticks);
  frame->left = x + AXIS_LEFT;
  frame->top = y + 6;
  frame->width = MAX (width - AXIS_LEFT - 10, 10);
  frame->height = MAX (height - AXIS_BOTTOM - 6, 10);
}

static double
to_px (const AtlasScatterFrame *frame,
       double                   x)
{
  const AtlasTrendTicks *t = &frame->x_ticks;

  return frame->left + (t->max > t->min ? (x - t->min) / (t->max - t->min) : 0.5) * frame->width;
}

static double
to_py (const AtlasScatterFrame *frame,
       double                   y)
{
  return atlas_trend_ticks_value_to_y (&frame->y_ticks, y, frame->top, frame->top + frame->height);
}

void
atlas_scatter_frame_to_data (const AtlasScatterFrame *frame,
                             double                   px,
                             double                   py,
                             double                  *x,
                             double                  *y)
{
  const AtlasTrendTicks *tx = &frame->x_ticks, *ty = &frame->y_ticks;

  g_return_if_fail (frame != NULL && x != NULL && y != NULL);

  *x = tx->min + (px - frame->left) / frame->width * (tx->max - tx->min);
  *y = ty->min + (frame->top + frame->height - py) / frame->height * (ty->max - ty->min);
}

static void
draw_axes (const AtlasScatter      *scatter,
           cairo_t                 *cr,
           const AtlasScatterFrame *frame,
           const char              *lang)
{
  AtlasPen pen = { .cr = cr };
  const char *x_name = atlas_indicator_get_name (atlas_scatter_get_x_indicator (scatter), lang);
  const char *y_name = atlas_indicator_get_name (atlas_scatter_get_y_indicator (scatter), lang);
  double bottom = frame->top + frame->height;

  cairo_set_line_width (cr, 0.4);
  atlas_pen_set_font (cr, TICK_FONT, FALSE);
  for (guint i = 0; i < frame->x_ticks.n; i++)
    {
      double v = frame->x_ticks.min + i * frame->x_ticks.step;
      g_autofree char *label = atlas_trend_ticks_format (&frame->x_ticks, v, lang);
      double px = to_px (frame, v);

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_move_to (cr, px, frame->top);
      cairo_line_to (cr, px, bottom);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      atlas_pen_show (&pen, label, px - atlas_pen_text_width (cr, label) / 2, bottom + TICK_FONT + 3);
    }
  for (guint i = 0; i < frame->y_ticks.n; i++)
    {
      double v = frame->y_ticks.min + i * frame->y_ticks.step;
      g_autofree char *label = atlas_trend_ticks_format (&frame->y_ticks, v, lang);
      double py = to_py (frame, v);

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_move_to (cr, frame->left, py);
      cairo_line_to (cr, frame->left + frame->width, py);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      atlas_pen_show_right (&pen, label, frame->left - 4, py + TICK_FONT / 3);
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_set_font (cr, TICK_FONT + 1, TRUE);
  atlas_pen_show_right (&pen, x_name, frame->left + frame->width, bottom + 2 * TICK_FONT + 12);
  cairo_save (cr);
  cairo_translate (cr, frame->left - AXIS_LEFT + TICK_FONT + 2, frame->top);
  cairo_rotate (cr, -G_PI / 2);
  atlas_pen_show_right (&pen, y_name, 0, 0);
  cairo_restore (cr);
}

/* Radius by the size indicator's square root, so that area reads as
 * population; 2.2 pt without one. */
static double
radius (const AtlasScatter      *scatter,
        const AtlasScatterPoint *point,
        double                   largest)
{
  if (atlas_scatter_get_size_indicator (scatter) == NULL || !(point->size > 0) || !(largest > 0))
    return 2.2;
  return 1.0 + 7.0 * sqrt (point->size / largest);
}

static void
draw_points (const AtlasScatter      *scatter,
             cairo_t                 *cr,
             const AtlasScatterFrame *frame,
             GHashTable              *selected,
             gboolean                 chosen)
{
  double largest = 0;

  for (guint i = 0; i < atlas_scatter_get_n_points (scatter); i++)
    largest = MAX (largest, atlas_scatter_get_point (scatter, i)->size);
  for (guint i = 0; i < atlas_scatter_get_n_points (scatter); i++)
    {
      const AtlasScatterPoint *p = atlas_scatter_get_point (scatter, i);
      gboolean is_selected = selected != NULL && g_hash_table_contains (selected, atlas_area_get_code (p->area));

      if (is_selected != chosen)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, to_px (frame, p->x), to_py (frame, p->y), radius (scatter, p, largest), 0, 2 * G_PI);
    }
  if (chosen)
    cairo_set_source_rgba (cr, 0.85, 0.33, 0.0, 0.95);
  else if (selected != NULL && g_hash_table_size (selected) > 0)
    cairo_set_source_rgba (cr, 0.55, 0.55, 0.55, 0.35);
  else
    cairo_set_source_rgba (cr, 0.13, 0.4, 0.67, 0.45);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 0.3);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  cairo_stroke (cr);
}

static void
draw_line (const AtlasScatter      *scatter,
           cairo_t                 *cr,
           const AtlasScatterFrame *frame)
{
  double a = atlas_scatter_get_intercept (scatter), b = atlas_scatter_get_slope (scatter);
  double x0 = frame->x_ticks.min, x1 = frame->x_ticks.max;

  if (isnan (b))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, frame->left, frame->top, frame->width, frame->height);
  cairo_clip (cr);
  cairo_move_to (cr, to_px (frame, x0), to_py (frame, a + b * x0));
  cairo_line_to (cr, to_px (frame, x1), to_py (frame, a + b * x1));
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
atlas_scatter_draw_plot (const AtlasScatter      *scatter,
                         cairo_t                 *cr,
                         const AtlasScatterFrame *frame,
                         GHashTable              *selected,
                         const char              *lang)
{
  g_return_if_fail (scatter != NULL && cr != NULL && frame != NULL);

  lang = lang != NULL ? lang : atlas_language ();
  draw_axes (scatter, cr, frame, lang);
  draw_points (scatter, cr, frame, selected, FALSE);
  draw_points (scatter, cr, frame, selected, TRUE);
  draw_line (scatter, cr, frame);
}

char *
atlas_scatter_dup_summary (const AtlasScatter *scatter,
                           const char         *lang)
{
  g_autofree char *r = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *n = NULL;
  const char *sign;
  double slope;

  g_return_val_if_fail (scatter != NULL, NULL);

  lang = lang != NULL ? lang : atlas_language ();
  r = atlas_format_number (atlas_scatter_get_r (scatter), 2, lang);
  a = atlas_format_number (atlas_scatter_get_intercept (scatter), 3, lang);
  /* "y = 13,152 − 0,5640·x", not "+ −0,5640" */
  slope = atlas_scatter_get_slope (scatter);
  b = atlas_format_number (fabs (slope), 4, lang);
  sign = signbit (slope) ? "−" : "+";
  n = atlas_format_number (atlas_scatter_get_n_points (scatter), 0, lang);
  if (is_english (lang))
    return g_strdup_printf ("r = %s · least-squares line y = %s %s %s·x · %s areas (%u without both values)",
                            r, a, sign, b, n, atlas_scatter_get_n_missing (scatter));
  return g_strdup_printf ("r = %s · minstakvadratlinje y = %s %s %s·x · %s områden (%u utan båda värdena)",
                          r, a, sign, b, n, atlas_scatter_get_n_missing (scatter));
}

static char *
dup_title (const AtlasScatter *scatter,
           const char         *lang)
{
  return g_strdup_printf (is_english (lang) ? "%s against %s, %s %u" : "%s mot %s, %s %u",
                          atlas_indicator_get_name (atlas_scatter_get_y_indicator (scatter), lang),
                          atlas_indicator_get_name (atlas_scatter_get_x_indicator (scatter), lang),
                          atlas_division_get_name (atlas_scatter_get_division (scatter), lang),
                          atlas_scatter_get_year (scatter));
}

static void
caption (const AtlasScatter *scatter,
         AtlasPen           *pen,
         const char         *lang)
{
  AtlasIndicator *indicators[] = { atlas_scatter_get_x_indicator (scatter),
                                   atlas_scatter_get_y_indicator (scatter),
                                   atlas_scatter_get_size_indicator (scatter) };
  AtlasDataset *dataset = atlas_scatter_get_dataset (scatter);
  g_autofree char *data = g_strdup_printf ("Data: %s, version %s.", atlas_dataset_get_title (dataset, lang),
                                           atlas_dataset_get_version (dataset));

  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      const char *definition, *source;
      g_autofree char *line = NULL;

      if (indicators[i] == NULL)
        continue;
      definition = atlas_indicator_get_definition (indicators[i], lang);
      source = atlas_indicator_get_source (indicators[i]);
      line = g_strdup_printf ("%s%s: %s %s%s", atlas_indicator_get_name (indicators[i], lang),
                              i == 2 ? (is_english (lang) ? " (point size)" : " (punktens storlek)") : "",
                              definition != NULL ? definition : "",
                              atlas_figure_label (lang, FIGURE_LABEL_SOURCE), source != NULL ? source : "–");
      atlas_pen_paragraph (pen, line, 7);
    }
  atlas_pen_paragraph (pen, data, 7);
}

void
atlas_scatter_draw_page (const AtlasScatter *scatter,
                         cairo_t            *cr,
                         double              width,
                         double              height,
                         const char         *lang)
{
  double scale = atlas_pen_page_scale (width, height);
  AtlasPen pen = { .cr = cr, .left = 36 * scale, .right = width - 36 * scale, .y = 30 * scale };
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  AtlasScatterFrame frame;
  double plot_h;

  g_return_if_fail (scatter != NULL && cr != NULL);

  lang = lang != NULL ? lang : atlas_language ();
  title = dup_title (scatter, lang);
  summary = atlas_scatter_dup_summary (scatter, lang);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_wrapped (&pen, title, 17 * scale, TRUE, 2);
  pen.y += 5 * scale;
  atlas_pen_wrapped (&pen, summary, 10 * scale, FALSE, 2);
  if (atlas_scatter_has_demonstration (scatter))
    {
      atlas_pen_set_font (cr, 10 * scale, TRUE);
      pen.y += 15 * scale;
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      atlas_pen_show (&pen, atlas_figure_label (lang, FIGURE_LABEL_DEMONSTRATION), pen.left, pen.y);
    }
  pen.y += 10 * scale;
  plot_h = height - pen.y - 110 * scale;
  atlas_scatter_frame_init (&frame, scatter, pen.left, pen.y, pen.right - pen.left, plot_h);
  atlas_scatter_draw_plot (scatter, cr, &frame, NULL, lang);
  pen.y += plot_h + 8 * scale;
  caption (scatter, &pen, lang);
}

typedef struct
{
  const AtlasScatter *scatter;
  const char         *lang;
} PageData;

static void
draw_for_export (gpointer   data,
                 cairo_t   *cr,
                 double     width,
                 double     height,
                 GPtrArray *runs)
{
  PageData *page = data;

  atlas_scatter_draw_page (page->scatter, cr, width, height, page->lang);
}

gboolean
atlas_scatter_export (const AtlasScatter  *scatter,
                      const char          *path,
                      const char          *lang,
                      GError             **error)
{
  PageData page = { scatter, lang != NULL ? lang : atlas_language () };

  g_return_val_if_fail (scatter != NULL && path != NULL, FALSE);

  return atlas_analysis_page_export (ATLAS_PAGE_A4_LANDSCAPE, path, 150, draw_for_export, &page, error);
}
