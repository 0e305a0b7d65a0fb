/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TREND_CHART_VIEW (atlas_trend_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTrendChartView, atlas_trend_chart_view, ATLAS, TREND_CHART_VIEW, GtkWidget)

/*
 * AtlasTrendChartView:
 *
 * Shows an AtlasTrendChart (drawn by core, the same drawing as exports)
 * and, under the pointer, a readout of that year's three values as a
 * tooltip.
 */
GtkWidget       *atlas_trend_chart_view_new       (void);
AtlasTrendChart *atlas_trend_chart_view_get_chart (AtlasTrendChartView *self);
void             atlas_trend_chart_view_set_chart (AtlasTrendChartView *self,
                                                   AtlasTrendChart     *chart);

G_END_DECLS
