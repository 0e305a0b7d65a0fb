/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to atlas-figure*.c: the figure is split into the object and its
 * export (atlas-figure.c), the data it draws (atlas-figure-plan.c) and the
 * page composition (atlas-figure-page.c). */

#include "atlas-figure.h"
#include "atlas-palette.h"

G_BEGIN_DECLS

/* Fixed labels of a figure. They come from a small sv/en table rather than
 * gettext, because a figure is drawn in its own language whatever the
 * process locale (an English report from a Swedish desktop). */
typedef enum
{
  FIGURE_LABEL_MISSING,
  FIGURE_LABEL_DEMONSTRATION,
  FIGURE_LABEL_SOURCE,
  FIGURE_LABEL_DIVISION,
  FIGURE_LABEL_CLASSIFICATION,
  FIGURE_LABEL_CLASSES,
  FIGURE_LABEL_POOLED,
  FIGURE_LABEL_SINGLE_YEAR,
  FIGURE_LABEL_DEFINITION,
  FIGURE_LABEL_AGE_GROUP,
  FIGURE_LABEL_PACKAGE,
  FIGURE_LABEL_VERSION,
  FIGURE_LABEL_EXPORTED,
  FIGURE_LABEL_IN,
  FIGURE_LABEL_CATEGORIES,
  FIGURE_LABEL_CANNOT_DRAW,
  FIGURE_LABEL_METHOD_QUANTILE,
  FIGURE_LABEL_METHOD_EQUAL,
  FIGURE_LABEL_METHOD_JENKS,
  FIGURE_LABEL_METHOD_STDDEV,
  FIGURE_LABEL_METHOD_BOX,
  FIGURE_LABEL_METHOD_BOX3,
  FIGURE_LABEL_METHOD_PERCENTILE,
  FIGURE_LABEL_METHOD_MANUAL,
  FIGURE_LABEL_UNIT_PERCENT,
  FIGURE_LABEL_UNIT_SEK,
  FIGURE_LABEL_UNIT_COUNT,
  FIGURE_LABEL_UNIT_DAYS,
  FIGURE_LABEL_UNIT_INDEX,
  FIGURE_LABEL_UNIT_CATEGORY,
  FIGURE_LABEL_SCOPE_REGION,
  FIGURE_LABEL_METHOD_CENTRED,
  FIGURE_LABEL_CIRCLES,
  FIGURE_LABEL_COUNT_CHOROPLETH,
  FIGURE_LABEL_INSET,
  FIGURE_LABEL_FOOTNOTES_IN_FULL,
  FIGURE_LABEL_FILTER_ONLY,
  FIGURE_LABEL_FILTER_TYPES_OF,
  FIGURE_LABEL_FILTER_REST,
  FIGURE_LABEL_N
} FigureLabel;

const char *atlas_figure_label (const char  *lang,
                                FigureLabel  label);

/* Everything a page needs, computed once per draw or export. */
typedef struct
{
  AtlasClassBreaks *breaks;    /* NULL for category indicators */
  AtlasPalette     *palette;
  int              *classes;   /* per area of the division; -1 missing */
  const double     *values;    /* what is classified, per area: the year's
                                * values, or owned_values for a change map */
  double           *owned_values;
  guint             n_areas;
  char             *title;
  char             *subtitle;
  AtlasBBox         bbox;      /* what the map frames, lon/lat */
  guint8           *shown;     /* per area: within the region and extent */
  guint             n_shown;
  gboolean          circles;   /* counts as proportional circles */
  double            max_value; /* the largest value shown, for circles */
  gboolean          has_inset;
  AtlasBBox         inset;     /* lon/lat */
} AtlasFigurePlan;

/* Circle radius for @value when @max_value gets @max_radius: the circle's
 * area is proportional to the value; 0 for missing or non-positive. */
double   atlas_figure_symbol_radius    (double            value,
                                        double            max_value,
                                        double            max_radius);

gboolean atlas_figure_plan_init        (AtlasFigurePlan  *plan,
                                        AtlasFigure      *figure,
                                        GError          **error);
void     atlas_figure_plan_clear       (AtlasFigurePlan  *plan);
char    *atlas_figure_default_title    (AtlasFigure      *figure);
char    *atlas_figure_default_subtitle (AtlasFigure      *figure);

/* The largest proportional circle's radius in points on a page. */
double   atlas_figure_page_max_radius  (double            width_pt,
                                        double            height_pt);

/* text_runs: NULL to draw text with cairo; else an array from
 * atlas_figure_text_runs_new() that records every line of text instead of
 * drawing it (SVG export, see atlas-figure-svg.c). */
void     atlas_figure_page_draw        (AtlasFigure           *figure,
                                        const AtlasFigurePlan *plan,
                                        cairo_t               *cr,
                                        double                 width_pt,
                                        double                 height_pt,
                                        GPtrArray             *text_runs);
void     atlas_figure_page_draw_map    (AtlasFigure           *figure,
                                        const AtlasFigurePlan *plan,
                                        cairo_t               *cr,
                                        double                 width_pt,
                                        double                 height_pt);
void     atlas_figure_page_draw_problem (AtlasFigure  *figure,
                                         const GError *problem,
                                         cairo_t      *cr,
                                         double        width_pt,
                                         double        height_pt);

/* SVG text: cairo 1.16 writes SVG text as glyph outlines, which cannot be
 * selected, searched or edited. The page records its lines of text instead
 * (AtlasFigureTextRun), and they are added to cairo's SVG as <text>. */
typedef struct
{
  char           *text;
  double          x;        /* start of the baseline, user space */
  double          y;
  cairo_matrix_t  matrix;   /* user to device space when drawn */
  double          size;     /* font size, user space */
  gboolean        bold;
  double          rgba[4];
  double          halo;     /* width of a light outline under the text; 0 none */
} AtlasFigureTextRun;

GPtrArray *atlas_figure_text_runs_new  (void);
void       atlas_figure_text_runs_add  (GPtrArray   *runs,
                                        cairo_t     *cr,
                                        const char  *text,
                                        double       x,
                                        double       y);
void       atlas_figure_svg_add_text   (GByteArray  *svg,
                                        GPtrArray   *runs);

G_END_DECLS
