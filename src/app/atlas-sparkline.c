/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "atlas-sparkline.h"

#define PADDING 5.0

struct _AtlasSparkline
{
  GtkWidget parent_instance;

  GArray *years;     /* guint */
  GArray *values;    /* double, NaN where missing */
  guint current_year;
};

G_DEFINE_FINAL_TYPE (AtlasSparkline, atlas_sparkline, GTK_TYPE_WIDGET)

static double
value_at (AtlasSparkline *self,
          guint           i)
{
  return g_array_index (self->values, double, i);
}

static gboolean
value_range (AtlasSparkline *self,
             double         *min,
             double         *max)
{
  *min = INFINITY;
  *max = -INFINITY;
  for (guint i = 0; i < self->values->len; i++)
    if (isfinite (value_at (self, i)))
      {
        *min = MIN (*min, value_at (self, i));
        *max = MAX (*max, value_at (self, i));
      }
  return isfinite (*min);
}

/* Where value @i goes in a @width × @height box. */
static void
point_at (AtlasSparkline *self,
          guint           i,
          double          min,
          double          max,
          int             width,
          int             height,
          double         *x,
          double         *y)
{
  guint n = self->values->len;
  double span = max > min ? max - min : 1.0;
  double fraction = max > min ? (value_at (self, i) - min) / span : 0.5;

  *x = PADDING + (n > 1 ? i * (width - 2 * PADDING) / (n - 1) : (width - 2 * PADDING) / 2);
  *y = height - PADDING - fraction * (height - 2 * PADDING);
}

static void
draw_line (AtlasSparkline *self,
           cairo_t        *cr,
           double          min,
           double          max,
           int             width,
           int             height)
{
  for (guint i = 0; i < self->values->len; i++)
    {
      double x, y;
      gboolean previous = i > 0 && isfinite (value_at (self, i - 1));

      if (!isfinite (value_at (self, i)))
        continue;
      point_at (self, i, min, max, width, height, &x, &y);
      if (previous)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      /* A year alone between gaps still shows, as a dot */
      if (!previous && (i + 1 >= self->values->len || !isfinite (value_at (self, i + 1))))
        cairo_arc (cr, x, y, 1.5, 0, 2 * G_PI);
    }
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
draw_current (AtlasSparkline *self,
              cairo_t        *cr,
              double          min,
              double          max,
              int             width,
              int             height)
{
  for (guint i = 0; i < self->years->len; i++)
    {
      double x, y;

      if (g_array_index (self->years, guint, i) != self->current_year)
        continue;
      point_at (self, i, min, max, width, height, &x, &y);
      /* The shown year: a faint rule, and a dot when it has a value */
      cairo_save (cr);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.5);
      cairo_move_to (cr, round (x) + 0.5, 0);
      cairo_line_to (cr, round (x) + 0.5, height);
      cairo_stroke (cr);
      if (isfinite (value_at (self, i)))
        {
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
          cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      cairo_restore (cr);
    }
}

static void
atlas_sparkline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AtlasSparkline *self = ATLAS_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  double min, max;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || !value_range (self, &min, &max))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &color);
  draw_line (self, cr, min, max, width, height);
  draw_current (self, cr, min, max, width, height);
  cairo_destroy (cr);
}

static void
atlas_sparkline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 60 : 32;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 40;
}

static void
atlas_sparkline_finalize (GObject *object)
{
  AtlasSparkline *self = ATLAS_SPARKLINE (object);

  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  G_OBJECT_CLASS (atlas_sparkline_parent_class)->finalize (object);
}

static void
atlas_sparkline_class_init (AtlasSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = atlas_sparkline_finalize;
  widget_class->snapshot = atlas_sparkline_snapshot;
  widget_class->measure = atlas_sparkline_measure;
  gtk_widget_class_set_css_name (widget_class, "atlas-sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_sparkline_init (AtlasSparkline *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (guint));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
}

GtkWidget *
atlas_sparkline_new (void)
{
  return g_object_new (ATLAS_TYPE_SPARKLINE, NULL);
}

void
atlas_sparkline_set_values (AtlasSparkline *self,
                            const guint    *years,
                            const double   *values,
                            guint           n_values,
                            guint           current_year)
{
  g_return_if_fail (ATLAS_IS_SPARKLINE (self));
  g_return_if_fail (n_values == 0 || (years != NULL && values != NULL));

  g_array_set_size (self->years, 0);
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->years, years, n_values);
  g_array_append_vals (self->values, values, n_values);
  self->current_year = current_year;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
atlas_sparkline_get_n_values (AtlasSparkline *self)
{
  g_return_val_if_fail (ATLAS_IS_SPARKLINE (self), 0);

  return self->values->len;
}

guint
atlas_sparkline_get_n_segments (AtlasSparkline *self)
{
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_SPARKLINE (self), 0);

  for (guint i = 1; i < self->values->len; i++)
    n += isfinite (value_at (self, i - 1)) && isfinite (value_at (self, i));
  return n;
}
