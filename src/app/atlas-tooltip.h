/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text(), but only when @text differs from the
 * widget's tooltip. In GTK 4.8 setting any tooltip, even the same one,
 * hides the tooltip on screen (the map's, say) and maps it anew: a round
 * trip to the X server on every year step for text that did not change. */
void atlas_widget_update_tooltip (GtkWidget  *widget,
                                  const char *text);

G_END_DECLS
