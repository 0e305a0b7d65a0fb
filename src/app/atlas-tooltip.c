/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-tooltip.h"

#define TEXT_KEY "atlas-tooltip-text"
#define HANDLER_KEY "atlas-tooltip-handler"

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = atlas_widget_get_tooltip (widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
atlas_widget_set_tooltip (GtkWidget  *widget,
                          const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (atlas_widget_get_tooltip (widget), text) == 0)
    return;

  if (g_object_get_data (G_OBJECT (widget), HANDLER_KEY) == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), HANDLER_KEY, GINT_TO_POINTER (TRUE));
    }
  g_object_set_data_full (G_OBJECT (widget), TEXT_KEY, g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Returns: (nullable): the tooltip atlas_widget_set_tooltip() gave @widget */
const char *
atlas_widget_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), TEXT_KEY);
}
