/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-scatter-view.h"

#define SUMMARY_HEIGHT 50.0  /* up to three lines of the summary */

struct _AtlasScatterView
{
  GtkWidget     parent_instance;

  AtlasScatter *scatter;
  char         *problem;      /* why there is no plot, or NULL */
  GHashTable   *selection;    /* area codes */
  gboolean      dragging;
  double        drag_x;
  double        drag_y;
  double        drag_dx;
  double        drag_dy;
};

G_DEFINE_FINAL_TYPE (AtlasScatterView, atlas_scatter_view, GTK_TYPE_WIDGET)

enum
{
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
frame_for_size (AtlasScatterView  *self,
                double             width,
                double             height,
                AtlasScatterFrame *frame)
{
  atlas_scatter_frame_init (frame, self->scatter, 0, SUMMARY_HEIGHT, width, height - SUMMARY_HEIGHT);
}

gboolean
atlas_scatter_view_get_frame (AtlasScatterView  *self,
                              AtlasScatterFrame *frame)
{
  g_return_val_if_fail (ATLAS_IS_SCATTER_VIEW (self), FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  if (self->scatter == NULL)
    return FALSE;
  frame_for_size (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), frame);
  return TRUE;
}

/* The summary's parts ("r = …", the line, the count) on as many of three
 * lines as they need in the sidebar’s width. */
static void
draw_summary (cairo_t    *cr,
              const char *summary,
              double      max_width)
{
  g_auto(GStrv) parts = g_strsplit (summary, " · ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  double y = 14;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *longer = line->len > 0 ? g_strconcat (line->str, " · ", parts[i], NULL)
                                              : g_strdup (parts[i]);
      cairo_text_extents_t extents;

      cairo_text_extents (cr, longer, &extents);
      if (line->len > 0 && extents.x_advance > max_width && y < 35)
        {
          cairo_move_to (cr, 8, y);
          cairo_show_text (cr, line->str);
          y += 15;
          g_string_assign (line, parts[i]);
        }
      else
        g_string_assign (line, longer);
    }
  cairo_move_to (cr, 8, y);
  cairo_show_text (cr, line->str);
}

static void
draw_message (cairo_t    *cr,
              const char *text,
              double      width,
              double      height)
{
  cairo_text_extents_t extents;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_font_size (cr, 12);
  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, MAX (4, (width - extents.width) / 2), height / 2);
  cairo_show_text (cr, text);
}

static void
draw_brush (AtlasScatterView *self,
            cairo_t          *cr)
{
  if (!self->dragging)
    return;
  cairo_rectangle (cr, self->drag_x, self->drag_y, self->drag_dx, self->drag_dy);
  cairo_set_source_rgba (cr, 0.85, 0.33, 0.0, 0.12);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.85, 0.33, 0.0, 0.9);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
atlas_scatter_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AtlasScatterView *self = ATLAS_SCATTER_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->scatter == NULL)
    draw_message (cr, self->problem != NULL ? self->problem : _("Choose two indicators to plot"), width, height);
  else
    {
      AtlasScatterFrame frame;
      g_autofree char *summary = atlas_scatter_dup_summary (self->scatter, NULL);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_set_font_size (cr, 11);
      draw_summary (cr, summary, width - 16);
      frame_for_size (self, width, height, &frame);
      atlas_scatter_draw_plot (self->scatter, cr, &frame, self->selection, NULL);
      draw_brush (self, cr);
    }
  cairo_destroy (cr);
}

void
atlas_scatter_view_brush (AtlasScatterView *self,
                          double            x0,
                          double            y0,
                          double            x1,
                          double            y1)
{
  g_autoptr(GPtrArray) codes = NULL;
  AtlasScatterFrame frame;
  double ax, ay, bx, by;

  g_return_if_fail (ATLAS_IS_SCATTER_VIEW (self));

  if (!atlas_scatter_view_get_frame (self, &frame))
    return;
  atlas_scatter_frame_to_data (&frame, x0, y0, &ax, &ay);
  atlas_scatter_frame_to_data (&frame, x1, y1, &bx, &by);
  codes = atlas_scatter_dup_codes_in (self->scatter, ax, ay, bx, by);
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < codes->len; i++)
    g_hash_table_add (self->selection, g_strdup (g_ptr_array_index (codes, i)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_ptr_array_add (codes, NULL);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0, (char **) codes->pdata);
}

static void
on_drag_begin (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               AtlasScatterView *self)
{
  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
}

static void
on_drag_update (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                AtlasScatterView *self)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             AtlasScatterView *self)
{
  self->dragging = FALSE;
  atlas_scatter_view_brush (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy);
}

static void
atlas_scatter_view_finalize (GObject *object)
{
  AtlasScatterView *self = ATLAS_SCATTER_VIEW (object);

  g_clear_pointer (&self->scatter, atlas_scatter_unref);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  G_OBJECT_CLASS (atlas_scatter_view_parent_class)->finalize (object);
}

static void
atlas_scatter_view_class_init (AtlasScatterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = atlas_scatter_view_finalize;
  widget_class->snapshot = atlas_scatter_view_snapshot;

  /**
   * AtlasScatterView::selection-changed:
   * @codes: (array zero-terminated=1): the codes of the brushed areas
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_scatter_view_init (AtlasScatterView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 240);
}

GtkWidget *
atlas_scatter_view_new (void)
{
  return g_object_new (ATLAS_TYPE_SCATTER_VIEW, NULL);
}

void
atlas_scatter_view_set_data (AtlasScatterView *self,
                             AtlasDataset     *dataset,
                             AtlasDivision    *division,
                             guint             year,
                             AtlasIndicator   *x,
                             AtlasIndicator   *y,
                             AtlasIndicator   *size)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATLAS_IS_SCATTER_VIEW (self));

  g_clear_pointer (&self->scatter, atlas_scatter_unref);
  g_clear_pointer (&self->problem, g_free);
  if (dataset != NULL && division != NULL && x != NULL && y != NULL)
    {
      self->scatter = atlas_scatter_new (dataset, division, year, x, y, size, &error);
      if (self->scatter == NULL)
        self->problem = g_strdup (error->message);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

AtlasScatter *
atlas_scatter_view_get_scatter (AtlasScatterView *self)
{
  g_return_val_if_fail (ATLAS_IS_SCATTER_VIEW (self), NULL);

  return self->scatter;
}

void
atlas_scatter_view_set_selection (AtlasScatterView   *self,
                                  const char * const *codes)
{
  g_return_if_fail (ATLAS_IS_SCATTER_VIEW (self));

  g_hash_table_remove_all (self->selection);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_hash_table_add (self->selection, g_strdup (codes[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char **
atlas_scatter_view_dup_selection (AtlasScatterView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer code;

  g_return_val_if_fail (ATLAS_IS_SCATTER_VIEW (self), NULL);

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    g_strv_builder_add (builder, code);
  return g_strv_builder_end (builder);
}
