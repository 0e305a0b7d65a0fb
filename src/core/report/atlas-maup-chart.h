/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-figure.h"
#include "atlas-segregation.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_MAUP_CHART (atlas_maup_chart_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMaupChart, atlas_maup_chart, ATLAS, MAUP_CHART, GObject)

/**
 * AtlasMaupChart:
 *
 * The same segregation indices of one area computed on two levels of
 * small areas (DeSO and RegSO) side by side: a pair of bars per index with
 * its value, the number of small areas each rests on, and a caption with
 * both methods, the note on the areal unit (MAUP), the group's and total's
 * definitions, sources and package; demonstration values carry the mark.
 * Draws into any cairo_t and exports like AtlasFigure.
 */
/* @first and @second: the same request (atlas_segregation_new_on_level())
 * on two fine levels; @area: an area of their coarse level. */
AtlasMaupChart *atlas_maup_chart_new       (AtlasSegregation *first,
                                            AtlasSegregation *second,
                                            AtlasArea        *area);
void            atlas_maup_chart_set_page  (AtlasMaupChart   *self,
                                            AtlasPageFormat   page);
/* "Segregation of born abroad in Uppsala by areal unit". */
char           *atlas_maup_chart_dup_title (AtlasMaupChart   *self);
void            atlas_maup_chart_draw      (AtlasMaupChart   *self,
                                            cairo_t          *cr,
                                            double            width,
                                            double            height);
gboolean        atlas_maup_chart_export    (AtlasMaupChart   *self,
                                            const char       *path,
                                            guint             dpi,
                                            GError          **error);

G_END_DECLS
