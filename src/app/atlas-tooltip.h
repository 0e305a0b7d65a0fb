/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tooltips that cost nothing until they are shown.
 *
 * gtk_widget_set_tooltip_text() in GTK 4.8 hides any tooltip on screen (the
 * map's, say) and asks the X server where the pointer is, a round trip, even
 * when the text is the same. Done for every row the indicator list binds and
 * every legend note on each change, that was a tenth of an indicator switch.
 *
 * atlas_widget_set_tooltip() keeps @text with @widget and hands it to GTK
 * only when GTK asks for a tooltip ("query-tooltip"); the accessible
 * description follows it, as it does with gtk_widget_set_tooltip_text(). A
 * tooltip already on screen keeps its text until the pointer moves on.
 * NULL or "" removes the tooltip. */
void        atlas_widget_set_tooltip (GtkWidget  *widget,
                                      const char *text);
const char *atlas_widget_get_tooltip (GtkWidget  *widget);

G_END_DECLS
