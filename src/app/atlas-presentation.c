/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-export-dialog.h"
#include "atlas-presentation.h"

struct _AtlasPresentation
{
  GObject          parent_instance;

  GtkWindow          *window;       /* owns this object */
  AtlasExplorerState *state;
  AtlasMap           *map;
  GtkWidget          *header_bar;
  GtkWidget          *sidebar;
  GtkWidget          *toast_overlay;
  GListModel         *views;        /* the saved views, for the card */
  GSimpleAction      *action;       /* win.presentation, its state */

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
  int              view_hint;       /* the saved view shown last, -1 none */
  /* the camera before presenting, given back afterwards */
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
  return self->map;
}

/* The card: what the audience needs to read from across the room. */

/* "Vy 3 av 7: Inkomst 2024" while the state shows a saved view; NULL once
 * the presenter has moved away from it. */
static char *
dup_view_text (AtlasPresentation *self)
{
  guint position = 0;
  AtlasSavedView *view = NULL;

  if (atlas_explorer_state_get_dataset (self->state) != NULL)
    view = atlas_saved_views_find_shown (self->views, self->state, self->view_hint, &position);
  if (view == NULL)
    return NULL;
  self->view_hint = position - 1;
  /* Translators: on the presentation card, "View 3 of 7: Inkomst 2024" */
  return g_strdup_printf (_("View %u of %u: %s"), position, g_list_model_get_n_items (self->views),
                          atlas_saved_view_get_name (view));
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
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  AtlasDivision *division = atlas_explorer_state_lookup_division (self->state);
  guint shown_year = atlas_explorer_state_get_year (self->state);
  g_autofree char *year = g_strdup_printf ("%u", shown_year);
  g_autofree char *source = dup_source_text (indicator);
  g_autofree char *view = dup_view_text (self);
  const char *coverage = division != NULL ? atlas_division_get_coverage_note (division, NULL) : NULL;
  g_autofree char *level = NULL;

  if (division != NULL)
    /* Translators: the level on the presentation card, "Kommun · Endast Uppsala län" */
    level = coverage != NULL ? g_strdup_printf (_("%s · %s"), atlas_division_get_name (division, NULL), coverage)
                             : g_strdup (atlas_division_get_name (division, NULL));
  set_line (self->indicator_label, indicator != NULL ? atlas_indicator_get_name (indicator, NULL) : NULL);
  set_line (self->year_label, shown_year > 0 ? year : NULL);
  set_line (self->level_label, level);
  set_line (self->source_label, source);
  set_line (self->view_label, view);
  gtk_widget_set_visible (self->demo_badge,
                          indicator != NULL
                          && atlas_dataset_indicator_is_demonstration (atlas_explorer_state_get_dataset (self->state),
                                                                       indicator));
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
  /* Once per change of the state, however many fields changed */
  g_signal_connect_object (self->state, "changed", G_CALLBACK (update_card), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->views, "items-changed", G_CALLBACK (update_card), self, G_CONNECT_SWAPPED);
  update_card (self);
}

/* The mode */

static void
remember_view (AtlasPresentation *self)
{
  atlas_explorer_state_get_camera (self->state, &self->latitude, &self->longitude, &self->zoom);
}

/* Leaving gives back the view the user had, not the presentation's. */
static void
restore_view (AtlasPresentation *self)
{
  atlas_explorer_state_set_camera (self->state, self->latitude, self->longitude, self->zoom);
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

  atlas_explorer_state_set_presenting (self->state, active);
}

/* The mode follows the state's "presenting", whoever sets it (F11, Esc). */
static void
on_state_presenting (AtlasPresentation *self)
{
  gboolean active = atlas_explorer_state_get_presenting (self->state);

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

  if (atlas_explorer_state_lookup_indicator (self->state) == NULL
      || atlas_explorer_state_lookup_division (self->state) == NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                                   adw_toast_new (_("Open a dataset and choose an indicator to export a figure")));
      return;
    }
  gtk_window_present (GTK_WINDOW (atlas_export_dialog_new (self->window, self->state,
                                                           ADW_TOAST_OVERLAY (self->toast_overlay))));
}

static const GActionEntry action_entries[] = {
  { "presentation", on_presentation_activate, NULL, "false", on_presentation_change_state },
  { "export", on_export_activate },
};

static void
add_actions (AtlasPresentation *self)
{
  GActionMap *map = G_ACTION_MAP (self->window);

  g_action_map_add_action_entries (map, action_entries, G_N_ELEMENTS (action_entries), self);
  self->action = G_SIMPLE_ACTION (g_action_map_lookup_action (map, "presentation"));
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
atlas_presentation_dispose (GObject *object)
{
  AtlasPresentation *self = ATLAS_PRESENTATION (object);

  g_clear_object (&self->state);
  g_clear_object (&self->views);
  G_OBJECT_CLASS (atlas_presentation_parent_class)->dispose (object);
}

static void
atlas_presentation_class_init (AtlasPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_presentation_dispose;
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
atlas_presentation_new (GtkWindow          *window,
                        AtlasExplorerState *state,
                        AtlasMap           *map,
                        GtkWidget          *header_bar,
                        GtkWidget          *sidebar,
                        GtkWidget          *toast_overlay,
                        GListModel         *views)
{
  AtlasPresentation *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window) && G_IS_ACTION_MAP (window), NULL);
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);
  g_return_val_if_fail (ATLAS_IS_MAP (map), NULL);
  g_return_val_if_fail (ADW_IS_HEADER_BAR (header_bar), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (toast_overlay), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (views), NULL);

  self = g_object_new (ATLAS_TYPE_PRESENTATION, NULL);
  self->window = window;
  self->state = g_object_ref (state);
  self->map = map;
  self->header_bar = header_bar;
  self->sidebar = sidebar;
  self->toast_overlay = toast_overlay;
  self->views = g_object_ref (views);
  self->view_hint = -1;
  add_actions (self);
  add_card (self);
  g_signal_connect_object (state, "notify::presenting", G_CALLBACK (on_state_presenting), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_close_request), self,
                           G_CONNECT_SWAPPED);
  return self;
}
