/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CHANGE_CONTROL (atlas_change_control_get_type ())
G_DECLARE_FINAL_TYPE (AtlasChangeControl, atlas_change_control, ATLAS, CHANGE_CONTROL, GtkWidget)

/**
 * AtlasChangeControl:
 *
 * "Förändring sedan": a choice of an earlier year that turns the map into
 * a change map (the state's "since-year", which the map follows): the
 * change from that year to the year shown, classes centred on zero,
 * ökning and minskning read through the indicator's polarity in the
 * legend. "Av" shows the year's
 * values. Offers the package's years but its last; says so when the
 * year shown is not later than the one chosen.
 */
GtkWidget *atlas_change_control_new        (AtlasExplorerState *state);
/* What choosing @since (0: off) in the drop-down does. */
void       atlas_change_control_set_since  (AtlasChangeControl *self,
                                            guint               since);
/* The year chosen in the drop-down (0: off). */
guint      atlas_change_control_get_since  (AtlasChangeControl *self);
/* The note under it, or NULL when none shows. */
const char *atlas_change_control_get_note  (AtlasChangeControl *self);

G_END_DECLS
