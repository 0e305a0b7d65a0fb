/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_LEGEND (atlas_legend_get_type ())
G_DECLARE_FINAL_TYPE (AtlasLegend, atlas_legend, ATLAS, LEGEND, GtkWidget)

/*
 * AtlasLegend:
 *
 * The map's key: indicator and unit, year, whether classes are fixed over
 * all years, one swatch per class with its range and count, the "no value"
 * swatch, and the indicator's caveat. Category indicators (områdestyp) list
 * their categories instead of ranges.
 */
GtkWidget *atlas_legend_new                (void);
/* breaks NULL for category indicators; values (n_values of them, may be
 * NULL) are those of the year shown, whose lowest and highest bound the
 * class labels as in figures; counts has one entry per class (or
 * category) and may be NULL. Everything NULL clears the legend. */
void       atlas_legend_set_classification (AtlasLegend            *self,
                                            AtlasIndicator         *indicator,
                                            const AtlasClassBreaks *breaks,
                                            AtlasPalette           *palette,
                                            const double           *values,
                                            gsize                   n_values,
                                            guint                   year,
                                            gboolean                pooled,
                                            const gsize            *counts,
                                            gsize                   n_missing);
void       atlas_legend_set_since          (AtlasLegend            *self,
                                            guint                   since);
void       atlas_legend_set_selected_counts (AtlasLegend          *self,
                                             const gsize          *counts,
                                             gsize                 n_counts,
                                             gsize                 n_missing);
const char *atlas_legend_get_row_count     (AtlasLegend            *self,
                                            guint                   index);
void       atlas_legend_set_division       (AtlasLegend            *self,
                                            AtlasDivision          *division);
const char *atlas_legend_get_undrawn_note  (AtlasLegend            *self);
/* Number of rows shown (classes or categories, plus the missing row). */
guint      atlas_legend_get_n_rows         (AtlasLegend            *self);
/* The text of row @index (for tests): "≤ 4,1 %", "Uppgift saknas". */
const char *atlas_legend_get_row_label     (AtlasLegend            *self,
                                            guint                   index);
/* The count beside row @index, NULL without one (for tests). */
const char *atlas_legend_get_row_count_text (AtlasLegend        *self,
                                            guint               index);
/* The words shown on which way the colours run ("Mörkare = sämre (lägre
 * värde)"), or NULL when none are shown (categories). */
const char *atlas_legend_get_direction     (AtlasLegend            *self);

G_END_DECLS
