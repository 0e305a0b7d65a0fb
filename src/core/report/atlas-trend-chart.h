/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-comparison.h"

G_BEGIN_DECLS

/**
 * AtlasTrendTicks:
 * @min: the lowest tick, at or below the lowest value
 * @max: the highest tick, at or above the highest value
 * @step: the distance between ticks: 1, 2 or 5 times a power of ten
 * @n: the number of ticks, from @min to @max
 * @decimals: the decimals a tick label needs to tell ticks apart
 *
 * Value axis ticks at round numbers.
 */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n;
  guint  decimals;
} AtlasTrendTicks;

gboolean atlas_trend_ticks_compute    (double           low,
                                       double           high,
                                       guint            target,
                                       AtlasTrendTicks *ticks);
double   atlas_trend_ticks_value_to_y (const AtlasTrendTicks *ticks,
                                       double                 value,
                                       double                 top,
                                       double                 bottom);
char    *atlas_trend_ticks_format     (const AtlasTrendTicks *ticks,
                                       double                 value,
                                       const char            *lang);

#define ATLAS_TYPE_TREND_CHART (atlas_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTrendChart, atlas_trend_chart, ATLAS, TREND_CHART, GObject)

/**
 * AtlasTrendChart:
 *
 * A line chart of one indicator over all years of the package for the two
 * areas of a comparison and riket, with the comparison's year marked. It
 * draws into any cairo_t (widget, PNG, PDF), with its labels in its own
 * language ("sv" or "en"), like a figure.
 */
AtlasTrendChart *atlas_trend_chart_new          (AtlasComparison  *comparison,
                                                 AtlasIndicator   *indicator);
AtlasComparison *atlas_trend_chart_get_comparison (AtlasTrendChart *self);
AtlasIndicator  *atlas_trend_chart_get_indicator (AtlasTrendChart *self);
const char      *atlas_trend_chart_get_lang     (AtlasTrendChart  *self);
void             atlas_trend_chart_set_lang     (AtlasTrendChart  *self,
                                                 const char       *lang);
/* Counts are drawn as an index (each series' first year with a value =
 * 100), so that A, B and riket keep their shape whatever their size. */
gboolean         atlas_trend_chart_is_indexed   (AtlasTrendChart  *self);
/* The values drawn, one point per package year. */
GArray          *atlas_trend_chart_get_points   (AtlasTrendChart  *self);
void             atlas_trend_chart_draw         (AtlasTrendChart  *self,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            height);
/* The point of the year nearest to x in a chart drawn at this size, or
 * NULL outside the plot. */
const AtlasComparisonTrendPoint *
                 atlas_trend_chart_point_at     (AtlasTrendChart  *self,
                                                 double            width,
                                                 double            height,
                                                 double            x);
/* "2024: A 3,5 %, B 3,4 %, riket 3,9 %" in the chart's language. */
char            *atlas_trend_chart_describe_point (AtlasTrendChart                 *self,
                                                   const AtlasComparisonTrendPoint *point);

G_END_DECLS
