/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TIME_SLIDER (atlas_time_slider_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTimeSlider, atlas_time_slider, ATLAS, TIME_SLIDER, GtkWidget)

/**
 * AtlasTimeSlider:
 *
 * The year control of the sidebar: a slider over every year of the
 * state's dataset, with marks on the years in which the state's indicator
 * has values, and a play button that animates through those years at
 * "speed" years per second. It shows and sets the state's "year"; the
 * values are in memory, so the map follows within the frame.
 */
GtkWidget          *atlas_time_slider_new       (AtlasExplorerState *state);
AtlasExplorerState *atlas_time_slider_get_state (AtlasTimeSlider    *self);
void       atlas_time_slider_set_playing    (AtlasTimeSlider *self,
                                             gboolean         playing);
gboolean   atlas_time_slider_get_playing    (AtlasTimeSlider *self);
void       atlas_time_slider_toggle_playing (AtlasTimeSlider *self);
void       atlas_time_slider_set_speed      (AtlasTimeSlider *self,
                                             double           speed);
double     atlas_time_slider_get_speed      (AtlasTimeSlider *self);
/* One animation step: the next year with values; FALSE at the end. */
gboolean   atlas_time_slider_advance        (AtlasTimeSlider *self);
/* The year the slider points at (0: none) */
guint      atlas_time_slider_get_shown_year (AtlasTimeSlider *self);
/* Moves by @delta years of the package, stopping at either end. */
void       atlas_time_slider_step           (AtlasTimeSlider *self,
                                             int              delta);

G_END_DECLS
