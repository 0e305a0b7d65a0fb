/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-figure.h"
#include "atlas-type-breakdown.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TYPE_CHART (atlas_type_chart_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTypeChart, atlas_type_chart, ATLAS, TYPE_CHART, GObject)

/**
 * AtlasTypeChart:
 *
 * A statistics-by-area-type figure: a bar per type in the category's own
 * colours with its value, the number of areas and their weight beside it,
 * and a caption with the method, definitions, source, package and the
 * caveat that types are relative; demonstration values carry the mark. It
 * draws into any cairo_t (a panel, PNG, PDF, SVG) in the interface
 * language and exports like AtlasFigure: atomically, with real text in PDF
 * and SVG.
 */
AtlasTypeChart     *atlas_type_chart_new          (AtlasTypeBreakdown *breakdown);
AtlasTypeBreakdown *atlas_type_chart_get_breakdown (AtlasTypeChart    *self);
AtlasPageFormat     atlas_type_chart_get_page     (AtlasTypeChart     *self);
void                atlas_type_chart_set_page     (AtlasTypeChart     *self,
                                                   AtlasPageFormat     page);
/* "Arbetslösa 20–64 år efter områdestyp". Free with g_free(). */
char               *atlas_type_chart_dup_title    (AtlasTypeChart     *self);
void                atlas_type_chart_draw         (AtlasTypeChart     *self,
                                                   cairo_t            *cr,
                                                   double              width,
                                                   double              height);
/* PNG at @dpi (ignored for PDF and SVG); the format from the extension. */
gboolean            atlas_type_chart_export       (AtlasTypeChart     *self,
                                                   const char         *path,
                                                   guint               dpi,
                                                   GError            **error);

G_END_DECLS
