/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-preferences.h"

struct _AtlasPreferences
{
  AdwPreferencesWindow parent_instance;

  GSettings    *settings;

  AdwActionRow *online_row;
  GtkSwitch    *online_switch;
  AdwEntryRow  *url_row;
  GtkLabel     *url_hint;
};

G_DEFINE_FINAL_TYPE (AtlasPreferences, atlas_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
url_is_template (const char *url)
{
  return url != NULL
         && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
         && strstr (url, "{z}") != NULL && strstr (url, "{x}") != NULL
         && strstr (url, "{y}") != NULL;
}

char *
atlas_preferences_dup_online_tiles_url (GSettings *settings)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (!g_settings_get_boolean (settings, "online-tiles"))
    return NULL;

  url = g_settings_get_string (settings, "online-tiles-url");
  return url_is_template (url) ? g_steal_pointer (&url) : NULL;
}

/* The entry is saved only once it holds a usable template, so a half-typed
 * URL never reaches the map; the hint says what is missing. */
static void
on_url_changed (AtlasPreferences *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean valid = url_is_template (url);

  gtk_widget_set_visible (GTK_WIDGET (self->url_hint), *url != '\0' && !valid);
  if (valid || *url == '\0')
    g_settings_set_string (self->settings, "online-tiles-url", url);
}

static void
atlas_preferences_dispose (GObject *object)
{
  AtlasPreferences *self = ATLAS_PREFERENCES (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (atlas_preferences_parent_class)->dispose (object);
}

static void
atlas_preferences_class_init (AtlasPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferences, online_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferences, online_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferences, url_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
}

static void
atlas_preferences_init (AtlasPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_preferences_new (GtkWindow *parent,
                       GSettings *settings)
{
  AtlasPreferences *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATLAS_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "online-tiles", self->online_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "online-tiles", self->url_row, "sensitive", G_SETTINGS_BIND_GET);
  url = g_settings_get_string (settings, "online-tiles-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);

  return GTK_WIDGET (self);
}

AdwEntryRow *
atlas_preferences_get_url_row (AtlasPreferences *self)
{
  g_return_val_if_fail (ATLAS_IS_PREFERENCES (self), NULL);

  return self->url_row;
}
