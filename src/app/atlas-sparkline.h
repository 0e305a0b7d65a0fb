/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_SPARKLINE (atlas_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSparkline, atlas_sparkline, ATLAS, SPARKLINE, GtkWidget)

/**
 * AtlasSparkline:
 *
 * A small line over the years of a package: one point a year, gaps where
 * a value is missing (NaN), and the shown year marked.
 */
GtkWidget *atlas_sparkline_new        (void);
/* Copies @years and @values (@n_values each, years ascending). */
void       atlas_sparkline_set_values (AtlasSparkline *self,
                                       const guint    *years,
                                       const double   *values,
                                       guint           n_values,
                                       guint           current_year);
guint      atlas_sparkline_get_n_values (AtlasSparkline *self);
/* The number of drawn line segments between years (for tests: gaps). */
guint      atlas_sparkline_get_n_segments (AtlasSparkline *self);

G_END_DECLS
