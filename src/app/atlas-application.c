/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core.h"
#include "atlas-application.h"
#include "atlas-preferences.h"
#include "atlas-window.h"

struct _AtlasApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

static AtlasWindow *
ensure_window (AtlasApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (atlas_window_new (self));
  return ATLAS_WINDOW (window);
}

/* The package to show when none is named on the command line: the last one
 * if it is still there, else the packaged default. */
static char *
dup_startup_dataset (AtlasApplication *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-dataset");

  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&last);
  return atlas_get_default_dataset_path ();
}

static void
atlas_application_activate (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  AtlasWindow *window = ensure_window (self);

  if (atlas_window_get_dataset (window) == NULL && !atlas_window_get_loading (window))
    {
      g_autofree char *path = dup_startup_dataset (self);

      atlas_window_open (window, path);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
atlas_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  AtlasWindow *window = ensure_window (self);
  g_autofree char *path = g_file_get_path (files[0]);

  /* One window shows one package: the first file wins. */
  if (n_files > 1)
    g_message ("Opening only the first of %d packages", n_files);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (files[0]);

      g_warning ("Cannot open %s: only local packages are supported", uri);
      return;
    }
  atlas_window_open (window, path);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing, not quitting outright, lets windows save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_shortcuts (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
add_dataset_credits (AdwAboutWindow *about,
                     AtlasDataset   *dataset)
{
  guint n = atlas_dataset_get_n_sources (dataset);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const AtlasSource *source = atlas_dataset_get_source (dataset, i);
      GString *entry = g_string_new (source->name);

      if (source->licence != NULL && source->licence[0] != '\0')
        g_string_append_printf (entry, " (%s)", source->licence);
      /* AdwAboutWindow turns a trailing URL into a link */
      if (source->url != NULL && source->url[0] != '\0')
        g_string_append_printf (entry, " %s", source->url);
      g_ptr_array_add (names, g_string_free (entry, FALSE));
    }
  g_ptr_array_add (names, g_strdup (_("Natural Earth, background map (public domain) https://www.naturalearthdata.com")));
  g_ptr_array_add (names, g_strdup (_("GSHHG by Paul Wessel and Walter H. F. Smith, lakes of the background map (LGPL 3.0) https://www.soest.hawaii.edu/pwessel/gshhg/")));
  g_ptr_array_add (names, g_strdup (_("ColorBrewer colour schemes by Cynthia Brewer (Apache 2.0) https://colorbrewer2.org")));
  g_ptr_array_add (names, NULL);
  adw_about_window_add_credit_section (about, _("Data sources"),
                                       (const char **) names->pdata);

  adw_about_window_add_legal_section (about,
                                      atlas_dataset_get_title (dataset, NULL),
                                      atlas_dataset_get_publisher (dataset),
                                      GTK_LICENSE_CUSTOM,
                                      atlas_dataset_get_licence (dataset));
}

static void
add_fixed_legal_sections (AdwAboutWindow *about)
{
  adw_about_window_add_legal_section (about, _("Natural Earth"),
                                      _("Free vector and raster map data at naturalearthdata.com"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Public domain"));
  adw_about_window_add_legal_section (about, _("GSHHG"),
                                      "© Paul Wessel and Walter H. F. Smith",
                                      GTK_LICENSE_LGPL_3_0, NULL);
  adw_about_window_add_legal_section (about, _("ColorBrewer"),
                                      "© 2002 Cynthia Brewer, Mark Harrower and The Pennsylvania State University",
                                      GTK_LICENSE_APACHE_2_0, NULL);
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Platsatlas developers"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  adw_about_window_set_application_name (about, _("Platsatlas"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Platsatlas developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about, _("Explore statistics for Swedish areas – counties, municipalities, RegSO and DeSO – as maps."));
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  if (window != NULL && atlas_window_get_dataset (ATLAS_WINDOW (window)) != NULL)
    add_dataset_credits (about, atlas_window_get_dataset (ATLAS_WINDOW (window)));
  add_fixed_legal_sections (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (atlas_preferences_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
  { .name = "about", .activate = on_about },
  { .name = "shortcuts", .activate = on_shortcuts },
  { .name = "preferences", .activate = on_preferences },
};

static void
update_color_scheme (AtlasApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_color_scheme_changed (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  update_color_scheme (user_data);
}

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.open-database", { "<Control><Alt>o", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.sidebar-visible", { "F9", NULL } },
    { "win.presentation", { "F11", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.bookmark-view", { "<Control>d", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
atlas_application_startup (GApplication *app)
{
  AtlasApplication *self = ATLAS_APPLICATION (app);
  g_autoptr(GAction) scheme_action = NULL;
  g_autoptr(GAction) contrast_action = NULL;

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  scheme_action = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), scheme_action);
  contrast_action = g_settings_create_action (self->settings, "high-contrast");
  g_action_map_add_action (G_ACTION_MAP (self), contrast_action);
  set_accels (GTK_APPLICATION (self));

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, 0);
  update_color_scheme (self);
}

static void
atlas_application_dispose (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (atlas_application_parent_class)->dispose (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = atlas_application_dispose;
  app_class->startup = atlas_application_startup;
  app_class->activate = atlas_application_activate;
  app_class->open = atlas_application_open;
}

static void
atlas_application_init (AtlasApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

AtlasApplication *
atlas_application_new (void)
{
  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/se/platsatlas/Platsatlas",
                       NULL);
}

GSettings *
atlas_application_get_settings (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  return self->settings;
}
