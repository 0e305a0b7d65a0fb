/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-trend-chart-view.h"

struct _AtlasTrendChartView
{
  GtkWidget        parent_instance;

  AtlasTrendChart *chart;
  guint            hovered_year;
};

G_DEFINE_FINAL_TYPE (AtlasTrendChartView, atlas_trend_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
atlas_trend_chart_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  AtlasTrendChartView *self = ATLAS_TREND_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  atlas_trend_chart_draw (self->chart, cr, width, height);
  cairo_destroy (cr);
}

/* The tooltip follows the year under the pointer. */
static void
on_motion (AtlasTrendChartView      *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const AtlasComparisonTrendPoint *point = NULL;
  guint year;

  if (self->chart != NULL)
    point = atlas_trend_chart_point_at (self->chart, gtk_widget_get_width (widget),
                                        gtk_widget_get_height (widget), x);
  year = point != NULL ? point->year : 0;
  if (year == self->hovered_year)
    return;
  self->hovered_year = year;
  gtk_widget_trigger_tooltip_query (widget);
}

static gboolean
on_query_tooltip (AtlasTrendChartView *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const AtlasComparisonTrendPoint *point;
  g_autofree char *text = NULL;

  if (self->chart == NULL)
    return FALSE;
  point = atlas_trend_chart_point_at (self->chart, gtk_widget_get_width (widget),
                                      gtk_widget_get_height (widget), x);
  if (point == NULL)
    return FALSE;

  text = atlas_trend_chart_describe_point (self->chart, point);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
atlas_trend_chart_view_dispose (GObject *object)
{
  AtlasTrendChartView *self = ATLAS_TREND_CHART_VIEW (object);

  g_clear_object (&self->chart);
  G_OBJECT_CLASS (atlas_trend_chart_view_parent_class)->dispose (object);
}

static void
atlas_trend_chart_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AtlasTrendChartView *self = ATLAS_TREND_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_trend_chart_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AtlasTrendChartView *self = ATLAS_TREND_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      atlas_trend_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_trend_chart_view_class_init (AtlasTrendChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_trend_chart_view_dispose;
  object_class->get_property = atlas_trend_chart_view_get_property;
  object_class->set_property = atlas_trend_chart_view_set_property;
  widget_class->snapshot = atlas_trend_chart_view_snapshot;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, ATLAS_TYPE_TREND_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_trend_chart_view_init (AtlasTrendChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 160);
}

GtkWidget *
atlas_trend_chart_view_new (void)
{
  return g_object_new (ATLAS_TYPE_TREND_CHART_VIEW, NULL);
}

AtlasTrendChart *
atlas_trend_chart_view_get_chart (AtlasTrendChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_TREND_CHART_VIEW (self), NULL);

  return self->chart;
}

void
atlas_trend_chart_view_set_chart (AtlasTrendChartView *self,
                                  AtlasTrendChart     *chart)
{
  g_autofree char *label = NULL;

  g_return_if_fail (ATLAS_IS_TREND_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || ATLAS_IS_TREND_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;

  if (chart != NULL)
    label = g_strdup_printf (_("Trend of %s for A, B and riket"),
                             atlas_indicator_get_name (atlas_trend_chart_get_indicator (chart), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : "", -1);
  self->hovered_year = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}
