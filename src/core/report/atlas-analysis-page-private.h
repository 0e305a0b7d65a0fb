/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to core: what the analysis figures (AtlasTypeChart,
 * AtlasAnalysisMap) share to lay out a page and export it the way
 * AtlasFigure does: cairo toy text that stays real text in PDF, recorded
 * as <text> for SVG, written atomically. */

#include <cairo.h>

#include "atlas-figure.h"

G_BEGIN_DECLS

typedef struct
{
  cairo_t   *cr;
  GPtrArray *runs;   /* SVG: text recorded instead of drawn; else NULL */
  double     left;
  double     right;
  double     y;      /* the next free line, advancing down the page */
} AtlasPen;

/* Type scale of a page relative to A4 landscape. */
double   atlas_pen_page_scale  (double            width,
                                double            height);
void     atlas_pen_set_font    (cairo_t          *cr,
                                double            size,
                                gboolean          bold);
double   atlas_pen_text_width  (cairo_t          *cr,
                                const char       *text);
/* @text shortened with "…" until it fits @max_width at the current font
 * (a long DeSO or indicator name). */
char    *atlas_pen_fit_text    (cairo_t          *cr,
                                const char       *text,
                                double            max_width);
void     atlas_pen_show        (AtlasPen         *pen,
                                const char       *text,
                                double            x,
                                double            baseline);
void     atlas_pen_show_right  (AtlasPen         *pen,
                                const char       *text,
                                double            right,
                                double            baseline);
/* Wraps text at spaces between the margins, advancing pen->y. */
void     atlas_pen_paragraph   (AtlasPen         *pen,
                                const char       *text,
                                double            size);
/* A title or subtitle: wrapped at spaces on at most @max_lines lines,
 * shrunk (to 75 % of @size at most) when it needs more, and then cut
 * with "…", so that it never runs past pen->right. Advances pen->y to
 * each line's baseline (the first by the font size). */
void     atlas_pen_wrapped     (AtlasPen         *pen,
                                const char       *text,
                                double            size,
                                gboolean          bold,
                                guint             max_lines);
/* Paints the page white, then title, subtitle and the demonstration mark. */
void     atlas_pen_heading     (AtlasPen         *pen,
                                const char       *title,
                                const char       *subtitle,
                                gboolean          demonstration,
                                double            scale);

typedef void (*AtlasPageDrawFunc) (gpointer   data,
                                   cairo_t   *cr,
                                   double     width,
                                   double     height,
                                   GPtrArray *runs);

/* The page format from the extension of @path; PNG at @dpi (72–600). */
gboolean atlas_analysis_page_export (AtlasPageFormat     page,
                                     const char         *path,
                                     guint               dpi,
                                     AtlasPageDrawFunc   draw,
                                     gpointer            data,
                                     GError            **error);

G_END_DECLS
