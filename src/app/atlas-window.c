/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "atlas-window.h"
#include "atlas-tooltip.h"
#include "atlas-change-control.h"
#include "atlas-classification-panel.h"
#include "atlas-comparison-panel.h"
#include "atlas-import-dialog.h"
#include "atlas-database-dialog.h"
#include "atlas-explore-panel.h"
#include "atlas-indicator-chooser.h"
#include "atlas-time-slider.h"
#include "atlas-segregation-panel.h"
#include "atlas-type-history-panel.h"
#include "atlas-flags-panel.h"
#include "atlas-filter-panel.h"
#include "atlas-type-panel.h"
#include "atlas-presentation.h"
#include "atlas-preferences.h"
#include "atlas-views-popover.h"

struct _AtlasWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  GtkWidget *sidebar_button;
  GtkWidget *level_box;
  GtkWidget *level_dropdown;
  GtkWidget *coverage_label;
  GtkWidget *window_title;
  GtkWidget *search;
  GtkWidget *zoom_button;
  GtkWidget *spinner;
  GtkWidget *loading_spinner;
  GtkWidget *toast_overlay;
  GtkWidget *stack;
  GtkWidget *error_page;
  GtkWidget *paned;
  GtkWidget *sidebar;
  GtkWidget *sidebar_box;
  GtkWidget *details_separator;
  GtkWidget *details;
  GtkWidget *map;
  GtkWidget *comparison_panel;
  GtkWidget *header_bar;

  /* sidebar panels: atlas-indicator-chooser.c, atlas-time-slider.c and
   * atlas-classification-panel.c */
  GtkWidget *indicator_chooser;
  GtkWidget *time_slider;
  GtkWidget *classification_panel;

  GSettings *settings;
  /* What the user is looking at: every widget shows this, and user
   * actions change it (see "The state" below). */
  AtlasExplorerState *state;
  AtlasDataset *dataset;
  GListStore *levels;            /* divisions with geometry */
  GListStore *indicators;        /* in theme order */
  GCancellable *load_cancellable;
  GtkNativeDialog *chooser;
  char *loading_path;
  /* Non-zero while the window copies the map's state into its controls,
   * so that the controls' change handlers do not write it back. */
  guint syncing;
  gboolean view_restored;
  /* Non-zero while the state is being pushed to the widgets */
  guint pushing;
  /* The camera the viewport and the state last agreed on: a state camera
   * that differs was set by someone else (a saved view) and is pushed. */
  double camera[3];
  /* A saved view asked for another package: its level, indicator and year
   * are kept when that package has them. */
  gboolean keep_state_on_load;
  /* export dialog and presentation mode; the saved views */
  AtlasPresentation *presentation;
  GtkWidget *views_popover;
};

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AtlasMap *
get_map (AtlasWindow *self)
{
  return ATLAS_MAP (self->map);
}

/* The item at @position, borrowed: the model keeps it alive. */
static gpointer
peek_item (GListModel *model,
           guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  return item;
}

/* ------------------------------------------------------------------ */
/* Defaults for a freshly opened dataset                              */

/* The finest level that covers the whole country (kommun for the national
 * package), else the finest level there is (DeSO for a county package). */
static AtlasDivision *
default_division (AtlasWindow *self)
{
  return atlas_dataset_get_default_division (self->dataset);
}

static AtlasDivision *
pick_division (AtlasWindow *self,
               gboolean     restore)
{
  g_autofree char *id = restore ? g_settings_get_string (self->settings, "level") : NULL;
  AtlasDivision *division = id != NULL ? atlas_dataset_lookup_division (self->dataset, id) : NULL;

  if (division != NULL && atlas_division_has_geometry (division))
    return division;
  return default_division (self);
}

static AtlasIndicator *
pick_indicator (AtlasWindow *self,
                gboolean     restore)
{
  g_autofree char *id = restore ? g_settings_get_string (self->settings, "indicator") : NULL;
  AtlasIndicator *indicator = id != NULL ? atlas_dataset_lookup_indicator (self->dataset, id) : NULL;
  GListModel *list = G_LIST_MODEL (self->indicators);
  guint n = g_list_model_get_n_items (list);

  if (indicator != NULL)
    return indicator;
  /* Background variables such as population are not the first thing to
   * map: prefer a real indicator. */
  for (guint i = 0; i < n; i++)
    {
      AtlasIndicator *candidate = peek_item (list, i);

      if (atlas_indicator_get_kind (candidate) == ATLAS_INDICATOR_KIND_INDICATOR)
        return candidate;
    }
  return n > 0 ? peek_item (list, 0) : NULL;
}

static guint
pick_year (AtlasWindow    *self,
           AtlasIndicator *indicator,
           gboolean        restore)
{
  guint year = restore ? g_settings_get_uint (self->settings, "year") : 0;
  const guint *years;
  guint n_years;
  g_autoptr(GArray) with_values = NULL;

  if (year != 0 && atlas_dataset_has_year (self->dataset, year))
    return year;
  if (indicator != NULL)
    with_values = atlas_dataset_dup_indicator_years (self->dataset, indicator);
  if (with_values != NULL && with_values->len > 0)
    return g_array_index (with_values, guint, with_values->len - 1);
  years = atlas_dataset_get_years (self->dataset, &n_years);
  return n_years > 0 ? years[n_years - 1] : 0;
}

/* ------------------------------------------------------------------ */
/* Level switcher                                                     */

static char *
dup_level_label (AtlasDivision *division)
{
  const char *name = atlas_division_get_name (division, NULL);
  const char *version = atlas_division_get_version (division);

  if (version == NULL || g_str_equal (version, name))
    return g_strdup (name);
  /* Translators: a level and its version, "DeSO (DeSO 2018)" */
  return g_strdup_printf (_("%s (%s)"), name, version);
}

static guint
find_item (GListStore *store,
           gpointer    item)
{
  guint position;

  if (item == NULL || !g_list_store_find (store, item, &position))
    return GTK_INVALID_LIST_POSITION;
  return position;
}

static void
fill_levels (AtlasWindow *self)
{
  GListModel *divisions = atlas_dataset_get_divisions (self->dataset);
  guint n = g_list_model_get_n_items (divisions);

  g_list_store_remove_all (self->levels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (atlas_division_has_geometry (division))
        g_list_store_append (self->levels, division);
    }
}

/* Writes only a changed value: a year step should not rewrite the level. */
static void
set_setting_string (AtlasWindow *self,
                    const char  *key,
                    const char  *value)
{
  g_autofree char *current = g_settings_get_string (self->settings, key);

  if (g_strcmp0 (current, value) != 0)
    g_settings_set_string (self->settings, key, value);
}

/* The level switcher and the coverage note follow the state's level. */
static void
update_level_controls (AtlasWindow   *self,
                       AtlasDivision *division)
{
  g_autofree char *undrawn = NULL;
  g_autofree char *both = NULL;
  const char *note = NULL;

  self->syncing++;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->level_dropdown),
                              find_item (self->levels, division));
  self->syncing--;

  if (division != NULL)
    {
      note = atlas_division_get_coverage_note (division, NULL);
      /* Areas listed without borders, counted by core as in the legend */
      undrawn = atlas_division_dup_undrawn_note (division, NULL);
      if (undrawn != NULL)
        note = both = note != NULL ? g_strdup_printf ("%s · %s", note, undrawn) : g_strdup (undrawn);
      set_setting_string (self, "level", atlas_division_get_id (division));
    }
  gtk_label_set_text (GTK_LABEL (self->coverage_label), note != NULL ? note : "");
  /* Every state change comes here, a year step too. */
  atlas_widget_set_tooltip (self->coverage_label, note);
  gtk_widget_set_visible (self->coverage_label, note != NULL);
}

static void
on_level_dropdown_selected (AtlasWindow *self)
{
  AtlasDivision *division;

  if (self->syncing > 0)
    return;
  division = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->level_dropdown));
  if (division != NULL)
    atlas_window_set_division (self, division);
}

static void
setup_level_switcher (AtlasWindow *self)
{
  GtkExpression *label;

  self->levels = g_list_store_new (ATLAS_TYPE_DIVISION);
  label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                       G_CALLBACK (dup_level_label), NULL, NULL);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (self->level_dropdown), label);
  gtk_expression_unref (label);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->level_dropdown), G_LIST_MODEL (self->levels));
  g_signal_connect_swapped (self->level_dropdown, "notify::selected",
                            G_CALLBACK (on_level_dropdown_selected), self);
}

/* ------------------------------------------------------------------ */
/* Indicator chooser (sidebar)                                        */

/* Themes in package order, each followed by its indicators, so that the
 * list reads as groups. */
static void
fill_indicators (AtlasWindow *self)
{
  GListModel *themes = atlas_dataset_get_themes (self->dataset);
  GListModel *all = atlas_dataset_get_indicators (self->dataset);
  guint n_themes = g_list_model_get_n_items (themes);
  guint n_all = g_list_model_get_n_items (all);

  g_list_store_remove_all (self->indicators);
  for (guint t = 0; t < n_themes; t++)
    {
      g_autoptr(AtlasTheme) theme = g_list_model_get_item (themes, t);

      for (guint i = 0; i < n_all; i++)
        {
          g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

          if (g_strcmp0 (atlas_indicator_get_theme_id (indicator), atlas_theme_get_id (theme)) == 0)
            g_list_store_append (self->indicators, indicator);
        }
    }
  /* Indicators whose theme is not listed still belong in the chooser. */
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

      if (find_item (self->indicators, indicator) == GTK_INVALID_LIST_POSITION)
        g_list_store_append (self->indicators, indicator);
    }
}

/* ------------------------------------------------------------------ */
/* Year control (sidebar)                                             */

static guint
year_at (AtlasWindow *self,
         guint        position)
{
  guint n_years = 0;
  const guint *years = self->dataset != NULL ? atlas_dataset_get_years (self->dataset, &n_years) : NULL;

  if (n_years == 0)
    return 0;
  return years[MIN (position, n_years - 1)];
}

static int
year_position (AtlasWindow *self,
               guint        year)
{
  guint n_years = 0;
  const guint *years = self->dataset != NULL ? atlas_dataset_get_years (self->dataset, &n_years) : NULL;

  for (guint i = 0; i < n_years; i++)
    if (years[i] == year)
      return i;
  return -1;
}

static void
step_year (AtlasWindow *self,
           int          delta)
{
  guint n_years = 0;
  int position;

  if (self->dataset == NULL)
    return;
  atlas_dataset_get_years (self->dataset, &n_years);
  position = year_position (self, atlas_explorer_state_get_year (self->state));
  if (position < 0 || n_years == 0)
    return;
  atlas_window_set_year (self, year_at (self, CLAMP (position + delta, 0, (int) n_years - 1)));
}

/* An analysis panel that follows the map (atlas-type-panel.c,
 * atlas-segregation-panel.c), collapsed at first. */
static GtkWidget *
add_panel (GtkBox     *box,
           GtkWidget  *after,
           const char *title,
           GtkWidget  *panel)
{
  GtkWidget *expander = gtk_expander_new (NULL);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_expander_set_label_widget (GTK_EXPANDER (expander), label);
  gtk_expander_set_child (GTK_EXPANDER (expander), panel);
  gtk_box_insert_child_after (box, expander, after);
  return expander;
}

static void
setup_sidebar (AtlasWindow *self)
{
  GtkBox *box = GTK_BOX (self->sidebar_box);
  GtkWidget *expander = gtk_expander_new (NULL);
  GtkWidget *expander_label = gtk_label_new_with_mnemonic (_("_Classes and Colours"));

  self->indicators = g_list_store_new (ATLAS_TYPE_INDICATOR);
  /* The panels show and set the state (atlas-indicator-chooser.c,
   * atlas-time-slider.c, atlas-classification-panel.c, atlas-type-panel.c) */
  self->indicator_chooser = atlas_indicator_chooser_new (self->state);
  self->time_slider = atlas_time_slider_new (self->state);
  self->classification_panel = atlas_classification_panel_new (self->state);
  gtk_widget_set_margin_top (self->classification_panel, 6);
  gtk_widget_add_css_class (expander_label, "heading");
  gtk_expander_set_label_widget (GTK_EXPANDER (expander), expander_label);
  gtk_expander_set_child (GTK_EXPANDER (expander), self->classification_panel);

  gtk_box_insert_child_after (box, self->indicator_chooser, NULL);
  gtk_box_insert_child_after (box, self->time_slider, self->indicator_chooser);
  gtk_box_insert_child_after (box, expander, self->time_slider);
  expander = add_panel (box, expander, _("Show Area Types"), atlas_filter_panel_new (self->state));
  expander = add_panel (box, expander, _("By Area Type"), atlas_type_panel_new (self->state));
  expander = add_panel (box, expander, _("Area Types over Time"), atlas_type_history_panel_new (self->state));
  expander = add_panel (box, expander, _("Problem Areas"), atlas_flags_panel_new (self->state));
  expander = add_panel (box, expander, _("Segregation"), atlas_segregation_panel_new (self->state));
  add_panel (box, expander, _("Explore"), atlas_explore_panel_new (self->state));
  gtk_box_insert_child_after (box, atlas_change_control_new (self->state), self->time_slider);
}

/* ------------------------------------------------------------------ */
/* Map view                                                           */

static void
save_view (AtlasWindow *self)
{
  double latitude, longitude, zoom;

  if (self->dataset == NULL)
    return;
  atlas_explorer_state_get_camera (self->state, &latitude, &longitude, &zoom);
  g_settings_set_double (self->settings, "map-latitude", CLAMP (latitude, -85, 85));
  g_settings_set_double (self->settings, "map-longitude", CLAMP (longitude, -180, 180));
  g_settings_set_double (self->settings, "map-zoom", CLAMP (zoom, 0, 20));
}

static void
restore_view (AtlasWindow *self)
{
  atlas_explorer_state_set_camera (self->state,
                                   g_settings_get_double (self->settings, "map-latitude"),
                                   g_settings_get_double (self->settings, "map-longitude"),
                                   g_settings_get_double (self->settings, "map-zoom"));
}

/* ------------------------------------------------------------------ */
/* The state                                                          */

/* The state's camera onto the map; zoom 0 frames the level. Read before
 * anything else is pushed, as a new level may move the viewport. */
static void
push_camera (AtlasWindow *self,
             const double camera[3])
{
  ShumateViewport *viewport = atlas_map_get_viewport (get_map (self));

  if (camera[0] == self->camera[0] && camera[1] == self->camera[1] && camera[2] == self->camera[2])
    return;
  memcpy (self->camera, camera, sizeof self->camera);
  if (camera[2] <= 0)
    {
      atlas_map_zoom_to_coverage (get_map (self));
      return;
    }
  shumate_viewport_set_zoom_level (viewport, camera[2]);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), camera[0], camera[1]);
}

/* The state's area filter: what the map draws and the legend counts. */
static void
push_filter (AtlasWindow *self)
{
  g_autoptr(AtlasAreaFilter) filter = atlas_explorer_state_dup_area_filter (self->state);

  atlas_map_set_filter (get_map (self), filter);
}

/* Shows the state in the widgets that do not watch it themselves (the map,
 * the details, the comparison panel and the sidebar panels do); each setter returns
 * early when nothing changed, so this runs on every "changed". While a
 * package is loading for a saved view, the state names things the shown
 * package may not have: nothing is pushed until it is in. */
static void
push_state (AtlasWindow *self)
{
  AtlasExplorerState *state = self->state;
  AtlasDivision *division = atlas_explorer_state_lookup_division (state);
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (state);
  guint year = atlas_explorer_state_get_year (state);
  double camera[3];

  if (self->pushing > 0 || self->keep_state_on_load)
    return;
  self->pushing++;
  atlas_explorer_state_get_camera (state, &camera[0], &camera[1], &camera[2]);
  push_filter (self);
  update_level_controls (self, division);
  if (indicator != NULL)
    set_setting_string (self, "indicator", atlas_indicator_get_id (indicator));
  if (year != 0)
    g_settings_set_uint (self->settings, "year", year);
  if (division != NULL)
    push_camera (self, camera);
  self->pushing--;
}

/* Panning and zooming: the viewport's camera is the state's. */
static void
on_viewport_changed (AtlasWindow *self)
{
  ShumateViewport *viewport = atlas_map_get_viewport (get_map (self));

  if (self->dataset == NULL || self->keep_state_on_load)
    return;
  self->camera[0] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->camera[1] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->camera[2] = shumate_viewport_get_zoom_level (viewport);
  atlas_explorer_state_set_camera (self->state, self->camera[0], self->camera[1], self->camera[2]);
}

static void
on_state_package (AtlasWindow *self)
{
  const char *package = atlas_explorer_state_get_package (self->state);
  g_autoptr(GFile) wanted = NULL;
  g_autoptr(GFile) shown = NULL;

  if (package[0] == '\0' || (self->loading_path != NULL && g_str_equal (self->loading_path, package)))
    return;
  wanted = g_file_new_for_path (package);
  if (self->dataset != NULL)
    shown = g_file_new_for_path (atlas_dataset_get_path (self->dataset));
  if (shown != NULL && g_file_equal (wanted, shown))
    return;
  self->keep_state_on_load = TRUE;
  atlas_window_open (self, package);
}

static void
connect_state (AtlasWindow *self)
{
  ShumateViewport *viewport = atlas_map_get_viewport (get_map (self));

  self->state = atlas_explorer_state_new ();
  /* First: the map follows the state before the details and the
   * comparison panel, which read the map */
  atlas_map_set_state (get_map (self), self->state);
  atlas_details_set_state (ATLAS_DETAILS (self->details), self->state);
  g_signal_connect_object (self->state, "changed", G_CALLBACK (push_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::package", G_CALLBACK (on_state_package), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
update_map_style (AtlasWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  AtlasMapStyle style = ATLAS_MAP_STYLE_LIGHT;

  if (g_settings_get_boolean (self->settings, "high-contrast") ||
      adw_style_manager_get_high_contrast (manager))
    style = ATLAS_MAP_STYLE_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (manager))
    style = ATLAS_MAP_STYLE_DARK;
  atlas_map_set_style (get_map (self), style);
}

/* ------------------------------------------------------------------ */
/* Settings                                                           */

static gboolean
get_class_method (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  AtlasClassMethod method;

  if (!atlas_class_method_from_nick (g_variant_get_string (variant, NULL), &method))
    return FALSE;
  g_value_set_enum (value, method);
  return TRUE;
}

static GVariant *
set_class_method (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_variant_new_string (atlas_class_method_to_nick (g_value_get_enum (value)));
}

static gboolean
get_pooled (GValue   *value,
            GVariant *variant,
            gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "pooled"));
  return TRUE;
}

static GVariant *
set_pooled (const GValue       *value,
            const GVariantType *type,
            gpointer            user_data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "pooled" : "year");
}

/* A scheme remembered by an older version may no longer exist: restoring
 * it gives the indicator's default colours, so the map and its exported
 * figures never disagree about an unknown name. */
static gboolean
get_palette_scheme (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  g_value_set_string (value, atlas_palette_scheme_exists (scheme) ? scheme : NULL);
  return TRUE;
}

static GVariant *
set_palette_scheme (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  const char *scheme = g_value_get_string (value);

  return g_variant_new_string (scheme != NULL ? scheme : "");
}

/* The network is used only when the user switched online tiles on and gave
 * a usable address (see AtlasPreferences). */
static void
update_online_tiles (AtlasWindow *self)
{
  g_autofree char *url = atlas_preferences_dup_online_tiles_url (self->settings);

  atlas_map_set_online_tiles_url (ATLAS_MAP (self->map), url);
}

static void
bind_settings (AtlasWindow *self)
{
  GSettings *settings = self->settings;
  AtlasClassification *classification = atlas_explorer_state_get_classification (self->state);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sidebar-visible", self->sidebar, "visible", G_SETTINGS_BIND_DEFAULT);

  g_settings_bind_with_mapping (settings, "class-method", classification, "method",
                                G_SETTINGS_BIND_DEFAULT, get_class_method, set_class_method,
                                NULL, NULL);
  g_settings_bind (settings, "class-count", classification, "count", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "class-scope", classification, "pooled",
                                G_SETTINGS_BIND_DEFAULT, get_pooled, set_pooled, NULL, NULL);
  g_settings_bind_with_mapping (settings, "palette-scheme", classification, "palette-scheme",
                                G_SETTINGS_BIND_DEFAULT, get_palette_scheme, set_palette_scheme,
                                NULL, NULL);
  g_settings_bind (settings, "palette-reverse", classification, "palette-reverse", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (settings, "changed::high-contrast",
                           G_CALLBACK (update_map_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::online-tiles",
                           G_CALLBACK (update_online_tiles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::online-tiles-url",
                           G_CALLBACK (update_online_tiles), self, G_CONNECT_SWAPPED);
  update_online_tiles (self);
}

/* ------------------------------------------------------------------ */
/* Loading                                                            */

static void
set_loading (AtlasWindow *self,
             const char  *path)
{
  gboolean was_loading = self->loading_path != NULL;

  g_free (self->loading_path);
  self->loading_path = g_strdup (path);
  gtk_widget_set_visible (self->spinner, path != NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), path != NULL);
  if (was_loading != (path != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_title (AtlasWindow *self)
{
  const char *title = atlas_dataset_get_title (self->dataset, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;

  /* Translators: window subtitle, "Version 2026.1 · Platsatlas" */
  subtitle = g_strdup_printf (_("Version %s · %s"), atlas_dataset_get_version (self->dataset),
                              atlas_dataset_get_publisher (self->dataset));
  /* Translators: window title, the dataset and the application name */
  window_title = g_strdup_printf (_("%s – Platsatlas"), title);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), title);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), subtitle);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* Without a dataset there is nothing to switch, search or zoom. */
static void
update_controls (AtlasWindow *self)
{
  gboolean ready = self->dataset != NULL;
  GtkWidget *controls[] = { self->sidebar_button, self->level_box, self->search, self->zoom_button };
  const char *actions[] = { "win.search", "win.zoom-coverage", "win.zoom-in", "win.zoom-out",
                            "win.clear-selection", "win.year-next", "win.year-previous",
                            "win.play-pause" };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_visible (controls[i], ready);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], ready);
}

/* A saved view that asked for this package keeps what it shows when the
 * package has it. */
static gboolean
keeps_view (AtlasWindow *self)
{
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  AtlasDivision *division = atlas_explorer_state_lookup_division (self->state);

  return self->keep_state_on_load && indicator != NULL && division != NULL
         && atlas_division_has_geometry (division);
}

/* Level, indicator, year and view come back from the settings when the
 * package is the one that was open last; any other package starts with
 * its own defaults, framed on its areas. All in one change of the state. */
static void
apply_initial_state (AtlasWindow *self,
                     const char  *path)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-dataset");
  gboolean restore = g_strcmp0 (last, path) == 0;
  AtlasIndicator *indicator;
  AtlasDivision *division;
  guint year;
  gboolean keep = keeps_view (self);
  g_autofree char *note = NULL;

  self->keep_state_on_load = FALSE;
  /* No camera agreed yet: whatever the state says is pushed */
  self->camera[0] = self->camera[1] = self->camera[2] = NAN;
  if (keep)
    {
      if (atlas_explorer_state_get_year (self->state) == 0)
        atlas_explorer_state_set_year (self->state, pick_year (self, atlas_explorer_state_lookup_indicator (self->state), FALSE));
      return;
    }
  indicator = pick_indicator (self, restore);
  division = pick_division (self, restore);
  year = pick_year (self, indicator, restore);
  /* A new package opens where it has values (core decides, as for the
   * CLI and the import preview), saying why when not at kommun level. */
  if (!restore)
    {
      atlas_dataset_choose_start (self->dataset, &division, &indicator, &year);
      note = atlas_dataset_dup_start_note (self->dataset, division, indicator);
    }
  if (note != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (note, -1);
      AdwToast *toast = adw_toast_new (markup);

      adw_toast_set_timeout (toast, 0);  /* it explains an empty map: stays until closed */
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
    }
  atlas_explorer_state_set_level (self->state, atlas_division_get_id (division));
  atlas_explorer_state_set_indicator (self->state, indicator != NULL ? atlas_indicator_get_id (indicator) : NULL);
  atlas_explorer_state_set_year (self->state, year);
  atlas_explorer_state_set_selection (self->state, NULL);
  atlas_explorer_state_set_compare (self->state, NULL, NULL);
  atlas_explorer_state_set_region (self->state, NULL);
  /* The view only once: later loads of the same package are deliberate */
  if (restore && !self->view_restored)
    restore_view (self);
  else
    atlas_explorer_state_set_camera (self->state, 0, 0, 0);
  self->view_restored = TRUE;
}

/* Replacing one package with another deserves a word: the map may look
 * much the same. */
static void
announce_dataset (AtlasWindow *self)
{
  g_autofree char *title = g_markup_escape_text (atlas_dataset_get_title (self->dataset, NULL), -1);
  g_autofree char *text = NULL;

  /* Toast titles are markup. Translators: %s is a dataset's title */
  text = g_strdup_printf (_("Opened “%s”"), title);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (text));
}

static void
set_dataset (AtlasWindow  *self,
             AtlasDataset *dataset,
             const char   *path)
{
  gboolean replacing = self->dataset != NULL;

  g_set_object (&self->dataset, dataset);

  self->syncing++;
  fill_levels (self);
  fill_indicators (self);
  self->syncing--;

  atlas_search_set_dataset (ATLAS_SEARCH (self->search), dataset);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "map");
  /* One change of the state: the map draws the new package once */
  atlas_explorer_state_freeze (self->state);
  atlas_explorer_state_set_dataset (self->state, dataset);
  apply_initial_state (self, path);
  atlas_explorer_state_thaw (self->state);
  update_title (self);
  update_controls (self);
  if (replacing)
    announce_dataset (self);
  g_settings_set_string (self->settings, "last-dataset", path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
show_load_error (AtlasWindow  *self,
                 const char   *path,
                 const GError *error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->dataset == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), escaped);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
      return;
    }

  /* Translators: %s is the file or folder name of a dataset package */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What a load needs when it comes back: the window may have started
 * another load, or gone, in the meantime. */
typedef struct
{
  AtlasWindow *self;
  GCancellable *cancellable;
  char *path;
  gint64 started;    /* monotonic µs, for the debug log */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data->path);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* A saved view's package failed to load: the state shows the package
 * that is still open. */
static void
restore_shown_package (AtlasWindow *self)
{
  if (!self->keep_state_on_load)
    return;
  self->keep_state_on_load = FALSE;
  if (self->dataset != NULL)
    {
      atlas_explorer_state_set_package (self->state, atlas_dataset_get_path (self->dataset));
      apply_initial_state (self, atlas_dataset_get_path (self->dataset));
    }
}

static void
on_dataset_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  AtlasWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_finish (result, &error);

  /* Superseded by a newer load, or the window is closing */
  if (g_cancellable_is_cancelled (data->cancellable))
    return;

  g_clear_object (&self->load_cancellable);
  set_loading (self, NULL);
  if (dataset == NULL)
    {
      restore_shown_package (self);
      show_load_error (self, data->path, error);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }
  set_dataset (self, dataset, data->path);
  g_debug ("Opened %s in %.0f ms", data->path,
           (g_get_monotonic_time () - data->started) / 1000.0);
}

/* ------------------------------------------------------------------ */
/* Opening packages                                                   */

/* A manifest.json stands for the package folder that holds it. */
static char *
dup_package_path (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;

  if (g_strcmp0 (name, "manifest.json") == 0 && (parent = g_file_get_parent (file)) != NULL)
    return g_file_get_path (parent);
  return g_file_get_path (file);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     AtlasWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = dup_package_path (file);
  if (path != NULL)
    atlas_window_open (self, path);
  g_clear_object (&self->chooser);
}

/* Starts where the last package was, as people keep packages together. */
static void
set_chooser_folder (AtlasWindow    *self,
                    GtkFileChooser *chooser)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-dataset");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  if (last[0] == '\0')
    return;
  file = g_file_new_for_path (last);
  folder = g_file_get_parent (file);
  if (folder != NULL && g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
run_chooser (AtlasWindow          *self,
             GtkFileChooserAction  action,
             const char           *title)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Dataset packages (.zip or manifest.json)"));
      gtk_file_filter_add_pattern (filter, "*.zip");
      gtk_file_filter_add_pattern (filter, "manifest.json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
    }
  set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AtlasWindow   *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autofree char *path = NULL;

  if (files == NULL)
    return FALSE;
  if (atlas_import_dialog_wants_files (files))
    {
      atlas_import_dialog_run (self, files);
      return TRUE;
    }
  path = dup_package_path (files->data);
  if (path == NULL)
    return FALSE;
  atlas_window_open (self, path);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Actions                                                            */

static void
on_open (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  run_chooser (ATLAS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Dataset Package"));
}

static void
on_open_folder (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  run_chooser (ATLAS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
               _("Open Dataset Folder"));
}

static void
on_open_database (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  atlas_database_dialog_run (ATLAS_WINDOW (widget));
}

static void
on_import (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  atlas_import_dialog_run (ATLAS_WINDOW (widget), NULL);
}

static void
on_search (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  gtk_widget_grab_focus (self->search);
}

static void
on_map_command (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->dataset == NULL)
    return;
  if (g_str_equal (action, "win.zoom-coverage"))
    atlas_map_zoom_to_coverage (get_map (self));
  else if (g_str_equal (action, "win.zoom-in"))
    atlas_map_zoom_in (get_map (self));
  else if (g_str_equal (action, "win.zoom-out"))
    atlas_map_zoom_out (get_map (self));
  else if (g_str_equal (action, "win.clear-selection"))
    atlas_explorer_state_select (self->state, NULL);
}

static void
on_year_step (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  step_year (ATLAS_WINDOW (widget), g_str_equal (action, "win.year-next") ? 1 : -1);
}

/* The time slider's animation (atlas-time-slider.c) */
static void
on_play_pause (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  atlas_time_slider_toggle_playing (ATLAS_TIME_SLIDER (ATLAS_WINDOW (widget)->time_slider));
}

/* Esc ends what is going on: presentation mode first, else the selection. */
static void
on_cancel (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (atlas_explorer_state_get_presenting (self->state))
    atlas_explorer_state_set_presenting (self->state, FALSE);
  else
    gtk_widget_activate_action (widget, "win.clear-selection", NULL);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, on_open);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, on_open_folder);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, on_open_database);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, on_import);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, on_search);
  gtk_widget_class_install_action (widget_class, "win.zoom-coverage", NULL, on_map_command);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, on_map_command);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, on_map_command);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL, on_map_command);
  gtk_widget_class_install_action (widget_class, "win.year-next", NULL, on_year_step);
  gtk_widget_class_install_action (widget_class, "win.year-previous", NULL, on_year_step);
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, on_play_pause);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, on_cancel);
}

/* One table of keys for explore and presentation mode alike: a key means
 * the same everywhere. "capture" keys reach the window before the focused
 * widget, so they work wherever focus is (the indicator list, the time
 * slider, a button), except in a text field, which needs them for typing
 * (the search entries, the spin button). The other keys come last, so that
 * focused buttons and lists keep Space and letters. Popovers are surfaces
 * of their own and keep all their keys. */
static const struct
{
  const char *keys;
  const char *action;
  gboolean    capture;
} window_keys[] = {
  { "plus|equal|KP_Add", "win.zoom-in", TRUE },
  { "minus|KP_Subtract", "win.zoom-out", TRUE },
  { "0|KP_0", "win.zoom-coverage", TRUE },
  { "Page_Up|KP_Page_Up|<Control>Right", "win.year-next", TRUE },
  { "Page_Down|KP_Page_Down|<Control>Left", "win.year-previous", TRUE },
  { "<Control>Page_Down", "win.next-view", TRUE },
  { "<Control>Page_Up", "win.previous-view", TRUE },
  { "space", "win.play-pause", FALSE },
  { "h", "app.high-contrast", FALSE },
  /* before a toast or the paned take it: Esc must leave presentation */
  { "Escape", "win.cancel", TRUE },
};

/* A text field (an entry, the spin button's text) types the key itself. */
static gboolean
text_field_has_focus (AtlasWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

static gboolean
on_window_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  const char *action = user_data;

  if (text_field_has_focus (ATLAS_WINDOW (widget)))
    return FALSE;
  return gtk_widget_activate_action (widget, action, NULL);
}

static GtkEventController *
new_key_controller (gboolean capture)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, capture ? GTK_PHASE_CAPTURE : GTK_PHASE_BUBBLE);
  gtk_event_controller_set_name (controller, capture ? "atlas-window-keys-capture" : "atlas-window-keys");
  for (guint i = 0; i < G_N_ELEMENTS (window_keys); i++)
    if (window_keys[i].capture == capture)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_shortcut_trigger_parse_string (window_keys[i].keys),
                                                              gtk_callback_action_new (on_window_key,
                                                                                       (gpointer) window_keys[i].action,
                                                                                       NULL)));
  return controller;
}

static void
add_shortcuts (AtlasWindow *self)
{

  gtk_widget_add_controller (GTK_WIDGET (self), new_key_controller (TRUE));
  gtk_widget_add_controller (GTK_WIDGET (self), new_key_controller (FALSE));
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

/* The loading page's spinner turns only while that page shows. A spinner
 * that spins on a page the stack hides keeps its CSS animation running:
 * the window then painted sixty frames a second while idle, and every
 * change waited for the next of them. */
static void
on_stack_page_changed (AtlasWindow *self,
                       GParamSpec  *pspec,
                       GtkStack    *stack)
{
  const char *page = gtk_stack_get_visible_child_name (stack);

  gtk_spinner_set_spinning (GTK_SPINNER (self->loading_spinner), g_strcmp0 (page, "loading") == 0);
}

static void
on_search_area_chosen (AtlasSearch *search,
                       AtlasArea   *area,
                       AtlasWindow *self)
{
  atlas_window_show_area (self, area);
}

static gboolean
atlas_window_close_request (GtkWindow *window)
{
  save_view (ATLAS_WINDOW (window));
  return GTK_WINDOW_CLASS (atlas_window_parent_class)->close_request (window);
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);
  g_clear_object (&self->presentation);
  g_clear_object (&self->state);
  g_clear_object (&self->settings);
  g_clear_object (&self->dataset);
  g_clear_object (&self->levels);
  g_clear_object (&self->indicators);
  g_clear_pointer (&self->loading_path, g_free);
  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading_path != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, level_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, search);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, details_separator);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, details);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, map);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, comparison_panel);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_search_area_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_page_changed);
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atlas_window_dispose;
  object_class->get_property = atlas_window_get_property;
  window_class->close_request = atlas_window_close_request;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, ATLAS_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasWindow::load-failed:
   * @error: why the package could not be opened
   *
   * Emitted after a failed load has been reported to the user.
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (ATLAS_TYPE_MAP);
  g_type_ensure (ATLAS_TYPE_SEARCH);
  g_type_ensure (ATLAS_TYPE_DETAILS);
  g_type_ensure (ATLAS_TYPE_COMPARISON_PANEL);
  bind_template (widget_class);
  install_actions (widget_class);
}

static void
connect_map (AtlasWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (update_map_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast",
                           G_CALLBACK (update_map_style), self, G_CONNECT_SWAPPED);
}

static void
add_views_button (AtlasWindow *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  self->views_popover = atlas_views_popover_new (self->state, G_ACTION_MAP (self),
                                                 ADW_TOAST_OVERLAY (self->toast_overlay));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "starred-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), self->views_popover);
  gtk_widget_set_tooltip_text (button, _("Saved Views"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), button);
}

static void
setup_drop_target (AtlasWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
atlas_window_init (AtlasWindow *self)
{
  g_autoptr(GAction) sidebar_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  /* First: the panels and the settings use the state's classification */
  connect_state (self);
  setup_level_switcher (self);
  setup_sidebar (self);
  connect_map (self);
  /* Two-area comparison of the state's A and B: win.compare-with,
   * win.clear-comparison and win.show-comparison (atlas-comparison-panel.c);
   * Ctrl+click on the map sets A and B (atlas-map.c) */
  atlas_comparison_panel_attach (ATLAS_COMPARISON_PANEL (self->comparison_panel), self->state,
                                 G_ACTION_MAP (self));
  add_shortcuts (self);
  /* win.bookmark-view, win.next-view and win.previous-view and the Views
   * button (atlas-views-popover.c); win.export, win.presentation and the
   * presentation card (atlas-presentation.c). Both work on the state
   * alone and know nothing of each other. */
  add_views_button (self);
  self->presentation = atlas_presentation_new (GTK_WINDOW (self), self->state, get_map (self),
                                               self->header_bar, self->sidebar, self->toast_overlay,
                                               atlas_views_popover_get_views (ATLAS_VIEWS_POPOVER (self->views_popover)));
  setup_drop_target (self);
  bind_settings (self);
  update_map_style (self);

  /* The sidebar toggle is a settings action, so F9 and the button agree. */
  sidebar_action = g_settings_create_action (self->settings, "sidebar-visible");
  g_action_map_add_action (G_ACTION_MAP (self), sidebar_action);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  update_controls (self);
}

AtlasWindow *
atlas_window_new (AtlasApplication *application)
{
  return g_object_new (ATLAS_TYPE_WINDOW, "application", application, NULL);
}

void
atlas_window_open (AtlasWindow *self,
                   const char  *path)
{
  LoadData *data;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  set_loading (self, path);
  if (self->dataset == NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->load_cancellable);
  data->path = g_strdup (path);
  data->started = g_get_monotonic_time ();
  atlas_dataset_load_async (path, self->load_cancellable, on_dataset_loaded, data);
}

/**
 * atlas_window_show_dataset:
 * @self: a window
 * @dataset: a dataset loaded elsewhere, such as from PostGIS
 *
 * Shows @dataset in place of the current one, stopping any package load
 * under way. The next start still opens the last package folder: a
 * server package is opened deliberately, each time.
 */
void
atlas_window_show_dataset (AtlasWindow  *self,
                           AtlasDataset *dataset)
{
  g_autofree char *last = NULL;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (ATLAS_IS_DATASET (dataset));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  set_loading (self, NULL);
  last = g_settings_get_string (self->settings, "last-dataset");
  set_dataset (self, dataset, atlas_dataset_get_path (dataset));
  g_settings_set_string (self->settings, "last-dataset", last);
}

AtlasDataset *
atlas_window_get_dataset (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->dataset;
}

gboolean
atlas_window_get_loading (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  return self->loading_path != NULL;
}

void
atlas_window_set_division (AtlasWindow   *self,
                           AtlasDivision *division)
{
  AtlasArea *selected;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (division == NULL || ATLAS_IS_DIVISION (division));

  atlas_explorer_state_freeze (self->state);
  /* A selection from another level would be invisible on this one. */
  selected = atlas_explorer_state_lookup_selected (self->state);
  if (selected != NULL && atlas_area_get_division (selected) != division)
    atlas_explorer_state_select (self->state, NULL);
  atlas_explorer_state_set_level (self->state, division != NULL ? atlas_division_get_id (division) : NULL);
  atlas_explorer_state_thaw (self->state);
}

void
atlas_window_set_indicator (AtlasWindow    *self,
                            AtlasIndicator *indicator)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (indicator == NULL || ATLAS_IS_INDICATOR (indicator));

  atlas_explorer_state_set_indicator (self->state, indicator != NULL ? atlas_indicator_get_id (indicator) : NULL);
}

void
atlas_window_set_year (AtlasWindow *self,
                       guint        year)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  atlas_explorer_state_set_year (self->state, year);
}

void
atlas_window_show_area (AtlasWindow *self,
                        AtlasArea   *area)
{
  AtlasDivision *division;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (ATLAS_IS_AREA (area));

  division = atlas_area_get_division (area);
  atlas_explorer_state_freeze (self->state);
  if (atlas_division_has_geometry (division))
    atlas_window_set_division (self, division);
  atlas_explorer_state_select (self->state, atlas_area_get_code (area));
  atlas_explorer_state_thaw (self->state);
  atlas_map_zoom_to_area (get_map (self), area);
}

/**
 * atlas_window_get_state:
 *
 * Returns: (transfer none): what the window shows; set its properties to
 * change that
 */
AtlasExplorerState *
atlas_window_get_state (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->state;
}

AtlasMap *
atlas_window_get_map (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return get_map (self);
}

AtlasSearch *
atlas_window_get_search (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return ATLAS_SEARCH (self->search);
}

AtlasDetails *
atlas_window_get_details (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return ATLAS_DETAILS (self->details);
}
