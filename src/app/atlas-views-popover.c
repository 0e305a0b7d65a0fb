/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-views-popover.h"

struct _AtlasViewsPopover
{
  GtkPopover          parent_instance;

  AtlasExplorerState *state;
  AdwToastOverlay    *toasts;
  GSettings          *settings;
  GListStore         *views;
  GtkWidget          *list;
  GtkWidget          *empty;
  char               *path;
  int                 current;    /* index of the view shown last, -1 none */
};

G_DEFINE_FINAL_TYPE (AtlasViewsPopover, atlas_views_popover, GTK_TYPE_POPOVER)

static void
toast (AtlasViewsPopover *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static void
save (AtlasViewsPopover *self)
{
  g_autoptr(GError) error = NULL;

  if (!atlas_saved_views_save (G_LIST_MODEL (self->views), self->path, &error))
    toast (self, error->message);
}

static void
load (AtlasViewsPopover *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (self->path, &error);

  /* An unreadable file is reported and left alone until the user saves
   * a view, so nothing is overwritten silently at startup. */
  if (views == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (views)); i++)
    {
      g_autoptr(AtlasSavedView) view = g_list_model_get_item (G_LIST_MODEL (views), i);
      g_list_store_append (self->views, view);
    }
}

/* Rows: an editable name (rename in place), jump and delete buttons. */

static void
on_name_changed (AtlasViewsPopover *self)
{
  save (self);
}

static void
on_jump_clicked (GtkButton         *button,
                 AtlasViewsPopover *self)
{
  AtlasSavedView *view = g_object_get_data (G_OBJECT (button), "view");

  gtk_popover_popdown (GTK_POPOVER (self));
  atlas_views_popover_apply (self, view);
}

static void
on_delete_clicked (GtkButton         *button,
                   AtlasViewsPopover *self)
{
  AtlasSavedView *view = g_object_get_data (G_OBJECT (button), "view");
  guint position;

  if (g_list_store_find (self->views, view, &position))
    {
      g_list_store_remove (self->views, position);
      self->current = -1;
      save (self);
    }
}

static GtkWidget *
icon_button (const char        *icon,
             const char        *tooltip,
             AtlasSavedView    *view,
             GCallback          callback,
             AtlasViewsPopover *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "view", g_object_ref (view), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AtlasViewsPopover *self = user_data;
  AtlasSavedView *view = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_editable_label_new (atlas_saved_view_get_name (view));

  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (name, _("Click to rename"));
  g_object_bind_property (name, "text", view, "name", G_BINDING_DEFAULT);
  g_signal_connect_object (view, "notify::name", G_CALLBACK (on_name_changed), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), icon_button ("find-location-symbolic", _("Show this view"),
                                              view, G_CALLBACK (on_jump_clicked), self));
  gtk_box_append (GTK_BOX (box), icon_button ("user-trash-symbolic", _("Delete this view"),
                                              view, G_CALLBACK (on_delete_clicked), self));
  return box;
}

static void
update_empty (AtlasViewsPopover *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->views)) == 0;

  gtk_widget_set_visible (self->empty, empty);
  gtk_widget_set_visible (self->list, !empty);
}

static GtkWidget *
create_content (AtlasViewsPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *save_button = gtk_button_new_with_mnemonic (_("_Save Current View"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save_button), "win.bookmark-view");
  self->empty = gtk_label_new (_("No saved views yet.\nPress Ctrl+D to save what the map shows."));
  gtk_label_set_justify (GTK_LABEL (self->empty), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->empty, "dim-label");
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->views),
                           create_row, self, NULL);
  gtk_box_append (GTK_BOX (box), self->empty);
  gtk_box_append (GTK_BOX (box), self->list);
  gtk_box_append (GTK_BOX (box), save_button);
  gtk_widget_set_size_request (box, 320, -1);
  return box;
}

/* Applying a view */

/* The classification panel keeps manual breaks per indicator and gives
 * them to the state whenever the indicator changes: a view's breaks
 * become the ones kept for its indicator, so that they stay. */
static void
remember_breaks (AtlasViewsPopover *self,
                 AtlasSavedView    *view)
{
  AtlasClassification *classification = atlas_explorer_state_get_classification (atlas_saved_view_get_state (view));
  AtlasClassBreaks *breaks = atlas_classification_get_manual_breaks (classification);
  const char *id = atlas_saved_view_get_indicator (view);
  g_autoptr(GVariant) all = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const double *values;
  const char *key;
  GVariant *kept;
  guint n = 0;

  if (breaks == NULL)
    return;
  values = atlas_class_breaks_get_breaks (breaks, &n);
  all = g_settings_get_value (self->settings, "manual-breaks");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sad}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@ad}", &key, &kept))
    {
      if (!g_str_equal (key, id))
        g_variant_builder_add (&builder, "{s@ad}", key, kept);
      g_variant_unref (kept);
    }
  g_variant_builder_add (&builder, "{s@ad}", id,
                         g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values, n, sizeof (double)));
  g_settings_set_value (self->settings, "manual-breaks", g_variant_builder_end (&builder));
}

static gboolean
same_package (AtlasExplorerState *state,
              AtlasSavedView     *view)
{
  g_autoptr(GFile) shown = NULL;
  g_autoptr(GFile) wanted = NULL;

  if (atlas_explorer_state_get_dataset (state) == NULL)
    return FALSE;
  shown = g_file_new_for_path (atlas_explorer_state_get_package (state));
  wanted = g_file_new_for_path (atlas_saved_view_get_package (view));
  return g_file_equal (shown, wanted);
}

/* A view of the open package whose level or indicator it no longer has
 * is reported, and the state left alone. */
static gboolean
check_view (AtlasViewsPopover *self,
            AtlasSavedView    *view)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!same_package (self->state, view))
    {
      if (atlas_saved_view_check_package (view, &error))
        return TRUE;
      toast (self, error->message);
      return FALSE;
    }
  if (atlas_dataset_lookup_division (dataset, atlas_saved_view_get_level (view)) != NULL
      && atlas_dataset_lookup_indicator (dataset, atlas_saved_view_get_indicator (view)) != NULL)
    return TRUE;
  text = g_strdup_printf (_("The view “%s” shows data that “%s” no longer has"),
                          atlas_saved_view_get_name (view), atlas_dataset_get_title (dataset, NULL));
  toast (self, text);
  return FALSE;
}

void
atlas_views_popover_apply (AtlasViewsPopover *self,
                           AtlasSavedView    *view)
{
  guint position;

  g_return_if_fail (ATLAS_IS_VIEWS_POPOVER (self));
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (view));

  if (g_list_store_find (self->views, view, &position))
    self->current = position;
  if (!check_view (self, view))
    return;
  remember_breaks (self, view);
  atlas_explorer_state_assign (self->state, atlas_saved_view_get_state (view));
}

void
atlas_views_popover_step (AtlasViewsPopover *self,
                          int                delta)
{
  guint n, shown = 0;
  g_autoptr(AtlasSavedView) view = NULL;

  g_return_if_fail (ATLAS_IS_VIEWS_POPOVER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->views));
  if (n == 0)
    {
      toast (self, _("No saved views: press Ctrl+D to save one"));
      return;
    }
  /* From the view on screen; after moving away, from the last one shown */
  if (atlas_saved_views_find_shown (G_LIST_MODEL (self->views), self->state, self->current, &shown) != NULL)
    self->current = shown - 1;
  if (self->current < 0)
    self->current = delta > 0 ? -1 : 0;
  self->current = ((self->current + delta) % (int) n + (int) n) % (int) n;
  view = g_list_model_get_item (G_LIST_MODEL (self->views), self->current);
  atlas_views_popover_apply (self, view);
}

/* Bookmarking */

/**
 * atlas_views_popover_bookmark:
 *
 * Returns: (transfer none) (nullable): the new view, NULL when the state
 * shows nothing to save
 */
AtlasSavedView *
atlas_views_popover_bookmark (AtlasViewsPopover *self)
{
  AtlasIndicator *indicator;
  AtlasDivision *division;
  g_autoptr(AtlasSavedView) view = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ATLAS_IS_VIEWS_POPOVER (self), NULL);

  indicator = atlas_explorer_state_lookup_indicator (self->state);
  division = atlas_explorer_state_lookup_division (self->state);
  if (indicator == NULL || division == NULL)
    return NULL;

  name = g_strdup_printf ("%s, %s %u", atlas_indicator_get_name (indicator, NULL),
                          atlas_division_get_name (division, NULL),
                          atlas_explorer_state_get_year (self->state));
  view = atlas_saved_view_new_for_state (name, self->state);
  g_list_store_append (self->views, view);
  self->current = g_list_model_get_n_items (G_LIST_MODEL (self->views)) - 1;
  save (self);
  text = g_strdup_printf (_("Saved the view “%s”"), atlas_saved_view_get_name (view));
  toast (self, text);
  return view;
}

GListModel *
atlas_views_popover_get_views (AtlasViewsPopover *self)
{
  g_return_val_if_fail (ATLAS_IS_VIEWS_POPOVER (self), NULL);

  return G_LIST_MODEL (self->views);
}

/* GObject */

static void
atlas_views_popover_dispose (GObject *object)
{
  AtlasViewsPopover *self = ATLAS_VIEWS_POPOVER (object);

  g_clear_object (&self->views);
  g_clear_object (&self->state);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (atlas_views_popover_parent_class)->dispose (object);
}

static void
atlas_views_popover_class_init (AtlasViewsPopoverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = atlas_views_popover_dispose;
}

static void
atlas_views_popover_init (AtlasViewsPopover *self)
{
  self->views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  self->path = atlas_saved_view_default_file ();
  self->current = -1;
  g_signal_connect_object (self->views, "items-changed", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (self), create_content (self));
  update_empty (self);
}

static void
on_bookmark_activate (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  atlas_views_popover_bookmark (user_data);
}

static void
on_step_activate (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  gboolean next = g_str_equal (g_action_get_name (G_ACTION (action)), "next-view");

  atlas_views_popover_step (user_data, next ? 1 : -1);
}

static const GActionEntry action_entries[] = {
  { "bookmark-view", on_bookmark_activate },
  { "next-view", on_step_activate },
  { "previous-view", on_step_activate },
};

GtkWidget *
atlas_views_popover_new (AtlasExplorerState *state,
                         GActionMap         *actions,
                         AdwToastOverlay    *toasts)
{
  AtlasViewsPopover *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);
  g_return_val_if_fail (G_IS_ACTION_MAP (actions), NULL);

  self = g_object_new (ATLAS_TYPE_VIEWS_POPOVER, NULL);
  self->state = g_object_ref (state);
  self->toasts = toasts;
  self->settings = g_settings_new (APP_ID);
  /* The actions live as long as the window that holds the popover */
  g_action_map_add_action_entries (actions, action_entries, G_N_ELEMENTS (action_entries), self);
  load (self);
  return GTK_WIDGET (self);
}
