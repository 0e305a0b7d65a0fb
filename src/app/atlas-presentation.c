/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-export-dialog.h"
#include "atlas-presentation.h"
#include "atlas-views-popover.h"

struct _AtlasPresentation
{
  GObject          parent_instance;

  AtlasWindow     *window;          /* owns this object */
  GtkWidget       *header_bar;
  GtkWidget       *sidebar;
  GtkWidget       *toast_overlay;
  GtkWidget       *views_popover;
  GSimpleAction   *action;          /* win.presentation, its state */

  /* the card over the map */
  GtkWidget       *card;
  GtkWidget       *indicator_label;
  GtkWidget       *year_label;
  GtkWidget       *level_label;
  GtkWidget       *source_label;
  GtkWidget       *view_label;
  GtkWidget       *demo_badge;

  gboolean         active;
  gboolean         sidebar_was_visible;
  /* the view before presenting, given back afterwards */
  double           latitude;
  double           longitude;
  double           zoom;
};

G_DEFINE_FINAL_TYPE (AtlasPresentation, atlas_presentation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AtlasMap *
get_map (AtlasPresentation *self)
{
  return atlas_window_get_map (self->window);
}

/* The card: what the audience needs to read from across the room. */

/* "Vy 3 av 7: Inkomst 2024" while the map shows the saved view stepped to
 * last; NULL once the presenter has moved away from it. */
static char *
dup_view_text (AtlasPresentation *self)
{
  AtlasMap *map = get_map (self);
  AtlasDataset *dataset = atlas_window_get_dataset (self->window);
  guint position = 0, n = 0;
  AtlasSavedView *view = atlas_views_popover_get_current (ATLAS_VIEWS_POPOVER (self->views_popover),
                                                          &position, &n);

  if (view == NULL || dataset == NULL || atlas_map_get_indicator (map) == NULL
      || atlas_map_get_division (map) == NULL
      || g_strcmp0 (atlas_saved_view_get_indicator (view), atlas_indicator_get_id (atlas_map_get_indicator (map))) != 0
      || g_strcmp0 (atlas_saved_view_get_level (view), atlas_division_get_id (atlas_map_get_division (map))) != 0
      || (atlas_saved_view_get_year (view) != 0 && atlas_saved_view_get_year (view) != atlas_map_get_year (map)))
    return NULL;
  /* Translators: on the presentation card, "View 3 of 7: Inkomst 2024" */
  return g_strdup_printf (_("View %u of %u: %s"), position, n, atlas_saved_view_get_name (view));
}

static char *
dup_source_text (AtlasIndicator *indicator)
{
  const char *source = indicator != NULL ? atlas_indicator_get_source (indicator) : NULL;

  if (source == NULL || source[0] == '\0')
    return NULL;
  /* Translators: the source line on the presentation card */
  return g_strdup_printf (_("Source: %s"), source);
}

static void
set_line (GtkWidget  *label,
          const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
}

static void
update_card (AtlasPresentation *self)
{
  AtlasMap *map = get_map (self);
  AtlasIndicator *indicator = atlas_map_get_indicator (map);
  AtlasDivision *division = atlas_map_get_division (map);
  g_autofree char *year = g_strdup_printf ("%u", atlas_map_get_year (map));
  g_autofree char *source = dup_source_text (indicator);
  g_autofree char *view = self->views_popover != NULL ? dup_view_text (self) : NULL;
  const char *coverage = division != NULL ? atlas_division_get_coverage_note (division, NULL) : NULL;
  g_autofree char *level = NULL;

  if (division != NULL)
    /* Translators: the level on the presentation card, "Kommun · Endast Uppsala län" */
    level = coverage != NULL ? g_strdup_printf (_("%s · %s"), atlas_division_get_name (division, NULL), coverage)
                             : g_strdup (atlas_division_get_name (division, NULL));
  set_line (self->indicator_label, indicator != NULL ? atlas_indicator_get_name (indicator, NULL) : NULL);
  set_line (self->year_label, atlas_map_get_year (map) > 0 ? year : NULL);
  set_line (self->level_label, level);
  set_line (self->source_label, source);
  set_line (self->view_label, view);
  gtk_widget_set_visible (self->demo_badge,
                          indicator != NULL
                          && atlas_dataset_indicator_is_demonstration (atlas_map_get_dataset (map), indicator));
}

static GtkWidget *
card_line (const char *css_class,
           int         max_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width_chars);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
create_card (AtlasPresentation *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->view_label = card_line ("presentation-view", 32);
  self->indicator_label = card_line ("presentation-indicator", 28);
  self->year_label = card_line ("presentation-year", 8);
  gtk_widget_add_css_class (self->year_label, "numeric");
  self->level_label = card_line ("presentation-level", 32);
  self->source_label = card_line ("presentation-source", 40);
  self->demo_badge = gtk_label_new (_("Demonstration data – not real statistics"));
  gtk_widget_add_css_class (self->demo_badge, "demo-badge");

  gtk_box_append (GTK_BOX (card), self->view_label);
  gtk_box_append (GTK_BOX (card), self->indicator_label);
  gtk_box_append (GTK_BOX (card), self->year_label);
  gtk_box_append (GTK_BOX (card), self->level_label);
  gtk_box_append (GTK_BOX (card), self->source_label);
  gtk_box_append (GTK_BOX (card), self->demo_badge);
  gtk_widget_add_css_class (card, "presentation-card");
  gtk_widget_set_halign (card, GTK_ALIGN_START);
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  gtk_widget_set_can_target (card, FALSE);
  gtk_widget_set_visible (card, FALSE);
  return card;
}

static void
add_card (AtlasPresentation *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (get_map (self)));

  g_return_if_fail (GTK_IS_OVERLAY (overlay));
  self->card = create_card (self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->card);
  g_signal_connect_object (get_map (self), "notify::indicator", G_CALLBACK (update_card), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_map (self), "notify::year", G_CALLBACK (update_card), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_map (self), "notify::division", G_CALLBACK (update_card), self,
                           G_CONNECT_SWAPPED);
  update_card (self);
}

/* The mode */

static void
remember_view (AtlasPresentation *self)
{
  ShumateViewport *viewport = atlas_map_get_viewport (get_map (self));

  self->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->zoom = shumate_viewport_get_zoom_level (viewport);
}

/* Leaving gives back the view the user had, not the presentation's. */
static void
restore_view (AtlasPresentation *self)
{
  ShumateViewport *viewport = atlas_map_get_viewport (get_map (self));

  shumate_viewport_set_zoom_level (viewport, self->zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), self->latitude, self->longitude);
}

static void
apply_active (AtlasPresentation *self)
{
  GtkWindow *window = GTK_WINDOW (self->window);

  gtk_widget_set_visible (self->header_bar, !self->active);
  gtk_widget_set_visible (self->card, self->active);
  if (self->active)
    {
      /* The sidebar's visibility is a setting: restore it on leaving. */
      self->sidebar_was_visible = gtk_widget_get_visible (self->sidebar);
      gtk_widget_set_visible (self->sidebar, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (window), "presentation");
      gtk_window_fullscreen (window);
      gtk_widget_grab_focus (GTK_WIDGET (get_map (self)));
      /* The map grows, maybe only once the window manager has obeyed:
       * frame the whole level at whatever size it ends up. */
      remember_view (self);
      atlas_map_keep_framed (get_map (self));
    }
  else
    {
      gtk_widget_set_visible (self->sidebar, self->sidebar_was_visible);
      gtk_widget_remove_css_class (GTK_WIDGET (window), "presentation");
      gtk_window_unfullscreen (window);
      restore_view (self);
    }
}

gboolean
atlas_presentation_get_active (AtlasPresentation *self)
{
  g_return_val_if_fail (ATLAS_IS_PRESENTATION (self), FALSE);

  return self->active;
}

void
atlas_presentation_set_active (AtlasPresentation *self,
                               gboolean           active)
{
  g_return_if_fail (ATLAS_IS_PRESENTATION (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  apply_active (self);
  g_simple_action_set_state (self->action, g_variant_new_boolean (active));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* Actions */

static void
on_presentation_activate (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AtlasPresentation *self = user_data;

  atlas_presentation_set_active (self, !self->active);
}

static void
on_presentation_change_state (GSimpleAction *action,
                              GVariant      *state,
                              gpointer       user_data)
{
  atlas_presentation_set_active (user_data, g_variant_get_boolean (state));
}

static void
on_export_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AtlasPresentation *self = user_data;
  AtlasMap *map = get_map (self);

  if (atlas_window_get_dataset (self->window) == NULL
      || atlas_map_get_indicator (map) == NULL || atlas_map_get_division (map) == NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                                   adw_toast_new (_("Open a dataset and choose an indicator to export a figure")));
      return;
    }
  gtk_window_present (GTK_WINDOW (atlas_export_dialog_new (GTK_WINDOW (self->window), map,
                                                           ADW_TOAST_OVERLAY (self->toast_overlay))));
}

static void
on_bookmark_activate (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AtlasPresentation *self = user_data;

  atlas_views_popover_bookmark (ATLAS_VIEWS_POPOVER (self->views_popover));
}

static void
on_step_view_activate (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AtlasPresentation *self = user_data;
  gboolean next = g_str_equal (g_action_get_name (G_ACTION (action)), "next-view");

  atlas_views_popover_step (ATLAS_VIEWS_POPOVER (self->views_popover), next ? 1 : -1);
  update_card (self);
}

static const GActionEntry action_entries[] = {
  { "presentation", on_presentation_activate, NULL, "false", on_presentation_change_state },
  { "export", on_export_activate },
  { "bookmark-view", on_bookmark_activate },
  { "next-view", on_step_view_activate },
  { "previous-view", on_step_view_activate },
};

static void
add_actions (AtlasPresentation *self)
{
  GActionMap *map = G_ACTION_MAP (self->window);

  g_action_map_add_action_entries (map, action_entries, G_N_ELEMENTS (action_entries), self);
  self->action = G_SIMPLE_ACTION (g_action_map_lookup_action (map, "presentation"));
}

static void
add_views_button (AtlasPresentation *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  self->views_popover = atlas_views_popover_new (self->window, ADW_TOAST_OVERLAY (self->toast_overlay));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "starred-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), self->views_popover);
  gtk_widget_set_tooltip_text (button, _("Saved Views"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), button);
}

/* Leaving the window in presentation mode must not keep the sidebar
 * setting hidden. */
static gboolean
on_close_request (AtlasPresentation *self)
{
  atlas_presentation_set_active (self, FALSE);
  return GDK_EVENT_PROPAGATE;
}

static void
atlas_presentation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasPresentation *self = ATLAS_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_presentation_class_init (AtlasPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = atlas_presentation_get_property;
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_presentation_init (AtlasPresentation *self)
{
}

AtlasPresentation *
atlas_presentation_new (AtlasWindow *window,
                        GtkWidget   *header_bar,
                        GtkWidget   *sidebar,
                        GtkWidget   *toast_overlay)
{
  AtlasPresentation *self;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ADW_IS_HEADER_BAR (header_bar), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (toast_overlay), NULL);

  self = g_object_new (ATLAS_TYPE_PRESENTATION, NULL);
  self->window = window;
  self->header_bar = header_bar;
  self->sidebar = sidebar;
  self->toast_overlay = toast_overlay;
  add_actions (self);
  add_card (self);
  add_views_button (self);
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_close_request), self,
                           G_CONNECT_SWAPPED);
  return self;
}
