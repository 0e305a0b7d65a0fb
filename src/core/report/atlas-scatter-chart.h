/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-scatter.h"
#include "atlas-trend-chart.h"

G_BEGIN_DECLS

/**
 * AtlasScatterFrame:
 * @left: the plot area's left edge, in the units of the cairo context
 * @top: its top edge
 * @width: its width
 * @height: its height
 * @x_ticks: the x axis, round numbers
 * @y_ticks: the y axis
 *
 * Where a scatter plot lies on the surface, so that a widget can turn a
 * brushed rectangle into data values.
 */
typedef struct
{
  double          left;
  double          top;
  double          width;
  double          height;
  AtlasTrendTicks x_ticks;
  AtlasTrendTicks y_ticks;
} AtlasScatterFrame;

/* The plot area inside the box @x, @y, @width × @height, leaving room for
 * the axis labels. */
void     atlas_scatter_frame_init    (AtlasScatterFrame       *frame,
                                      const AtlasScatter      *scatter,
                                      double                   x,
                                      double                   y,
                                      double                   width,
                                      double                   height);
void     atlas_scatter_frame_to_data (const AtlasScatterFrame *frame,
                                      double                   px,
                                      double                   py,
                                      double                  *x,
                                      double                  *y);
/* The points (sized by the size indicator when there is one; areas in
 * @selected, a set of area codes, drawn on top in a strong colour), the
 * regression line, the axes with their labels and r. */
void     atlas_scatter_draw_plot     (const AtlasScatter      *scatter,
                                      cairo_t                 *cr,
                                      const AtlasScatterFrame *frame,
                                      GHashTable              *selected,
                                      const char              *lang);
/* A whole page: title, subtitle with r and the line, the plot, the
 * definitions, sources and the demonstration mark. */
void     atlas_scatter_draw_page     (const AtlasScatter      *scatter,
                                      cairo_t                 *cr,
                                      double                   width,
                                      double                   height,
                                      const char              *lang);
/* A4 landscape PNG, PDF or SVG from the extension, written atomically. */
gboolean atlas_scatter_export        (const AtlasScatter      *scatter,
                                      const char              *path,
                                      const char              *lang,
                                      GError                 **error);
/* "r = 0,62 · y = 12,3 + 0,45·x · 5 984 områden" */
char    *atlas_scatter_dup_summary   (const AtlasScatter      *scatter,
                                      const char              *lang);

G_END_DECLS
