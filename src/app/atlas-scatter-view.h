/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SCATTER_VIEW (atlas_scatter_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasScatterView, atlas_scatter_view, ATLAS, SCATTER_VIEW, GtkWidget)

/**
 * AtlasScatterView:
 *
 * A scatter plot of two indicators over the areas of one level and year
 * (AtlasScatter, drawn by atlas_scatter_draw_plot()), with the regression
 * line and r. Dragging a rectangle selects the areas inside it and emits
 * "selection-changed" with their codes; atlas_scatter_view_set_selection()
 * highlights areas selected elsewhere (on the map) without emitting.
 *
 * Self-contained: it takes its data and selection through setters so that
 * the window's shared selection model can drive it.
 */
GtkWidget          *atlas_scatter_view_new             (void);
/* NULL @dataset clears the plot; @size may be NULL. A plot that cannot be
 * made (a category, no values) shows why instead. */
void                atlas_scatter_view_set_data        (AtlasScatterView *self,
                                                        AtlasDataset     *dataset,
                                                        AtlasDivision    *division,
                                                        guint             year,
                                                        AtlasIndicator   *x,
                                                        AtlasIndicator   *y,
                                                        AtlasIndicator   *size);
AtlasScatter       *atlas_scatter_view_get_scatter     (AtlasScatterView *self);
/* The codes of the selected areas, NULL-terminated (possibly empty). */
void                atlas_scatter_view_set_selection   (AtlasScatterView   *self,
                                                        const char * const *codes);
char              **atlas_scatter_view_dup_selection   (AtlasScatterView   *self);
/* Brushing, in widget coordinates (what a drag does): selects the points
 * inside and emits "selection-changed". */
void                atlas_scatter_view_brush           (AtlasScatterView *self,
                                                        double            x0,
                                                        double            y0,
                                                        double            x1,
                                                        double            y1);
/* Where the plot lies in the widget at its current size. */
gboolean            atlas_scatter_view_get_frame       (AtlasScatterView  *self,
                                                        AtlasScatterFrame *frame);

G_END_DECLS
