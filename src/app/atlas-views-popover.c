/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-views-popover.h"

struct _AtlasViewsPopover
{
  GtkPopover       parent_instance;

  AtlasWindow     *window;        /* owns this popover */
  AdwToastOverlay *toasts;
  GListStore      *views;
  GtkWidget       *list;
  GtkWidget       *empty;
  char            *path;
  int              current;       /* index of the view shown last, -1 none */
  AtlasSavedView  *pending;       /* applied once its package is loaded */
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

static guint
newest_year (AtlasDataset   *dataset,
             AtlasIndicator *indicator)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, indicator);

  return years->len > 0 ? g_array_index (years, guint, years->len - 1) : 0;
}

static void
apply_camera (AtlasMap       *map,
              AtlasSavedView *view)
{
  ShumateViewport *viewport = atlas_map_get_viewport (map);
  double latitude, longitude, zoom;

  atlas_saved_view_get_camera (view, &latitude, &longitude, &zoom);
  if (zoom <= 0)
    {
      atlas_map_zoom_to_coverage (map);
      return;
    }
  shumate_location_set_location (SHUMATE_LOCATION (viewport), latitude, longitude);
  shumate_viewport_set_zoom_level (viewport, zoom);
}

static void
apply_style (AtlasMap       *map,
             AtlasSavedView *view)
{
  atlas_classification_assign (atlas_map_get_classification (map),
                               atlas_explorer_state_get_classification (atlas_saved_view_get_state (view)));
}

static void
apply_loaded (AtlasViewsPopover *self,
              AtlasSavedView    *view)
{
  AtlasDataset *dataset = atlas_window_get_dataset (self->window);
  AtlasDivision *division = atlas_dataset_lookup_division (dataset, atlas_saved_view_get_level (view));
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, atlas_saved_view_get_indicator (view));
  guint year = atlas_saved_view_get_year (view);

  if (division == NULL || indicator == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The view “%s” shows data that “%s” no longer has"),
                                               atlas_saved_view_get_name (view),
                                               atlas_dataset_get_title (dataset, NULL));
      toast (self, text);
      return;
    }
  atlas_window_set_division (self->window, division);
  atlas_window_set_indicator (self->window, indicator);
  atlas_window_set_year (self->window, year != 0 ? year : newest_year (dataset, indicator));
  apply_style (atlas_window_get_map (self->window), view);
  apply_camera (atlas_window_get_map (self->window), view);
}

static void
on_window_dataset (AtlasViewsPopover *self)
{
  g_autoptr(AtlasSavedView) view = g_steal_pointer (&self->pending);

  if (view != NULL && atlas_window_get_dataset (self->window) != NULL)
    apply_loaded (self, view);
}

static gboolean
same_package (AtlasDataset   *dataset,
              AtlasSavedView *view)
{
  g_autoptr(GFile) shown = NULL;
  g_autoptr(GFile) wanted = NULL;

  if (dataset == NULL)
    return FALSE;
  shown = g_file_new_for_path (atlas_dataset_get_path (dataset));
  wanted = g_file_new_for_path (atlas_saved_view_get_package (view));
  return g_file_equal (shown, wanted);
}

void
atlas_views_popover_apply (AtlasViewsPopover *self,
                           AtlasSavedView    *view)
{
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_if_fail (ATLAS_IS_VIEWS_POPOVER (self));
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (view));

  if (g_list_store_find (self->views, view, &position))
    self->current = position;
  if (same_package (atlas_window_get_dataset (self->window), view))
    {
      apply_loaded (self, view);
      return;
    }
  if (!atlas_saved_view_check_package (view, &error))
    {
      toast (self, error->message);
      return;
    }
  g_set_object (&self->pending, view);
  atlas_window_open (self->window, atlas_saved_view_get_package (view));
}

/* The view shown last, its position (from 1) and the number of views. */
AtlasSavedView *
atlas_views_popover_get_current (AtlasViewsPopover *self,
                                 guint             *position,
                                 guint             *n_views)
{
  g_autoptr(AtlasSavedView) view = NULL;

  g_return_val_if_fail (ATLAS_IS_VIEWS_POPOVER (self), NULL);

  *n_views = g_list_model_get_n_items (G_LIST_MODEL (self->views));
  if (self->current < 0 || (guint) self->current >= *n_views)
    return NULL;
  *position = self->current + 1;
  view = g_list_model_get_item (G_LIST_MODEL (self->views), self->current);
  return view;  /* the list keeps it */
}

void
atlas_views_popover_step (AtlasViewsPopover *self,
                          int                delta)
{
  guint n;
  g_autoptr(AtlasSavedView) view = NULL;

  g_return_if_fail (ATLAS_IS_VIEWS_POPOVER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->views));
  if (n == 0)
    {
      toast (self, _("No saved views: press Ctrl+D to save one"));
      return;
    }
  if (self->current < 0)
    self->current = delta > 0 ? -1 : 0;
  self->current = ((self->current + delta) % (int) n + (int) n) % (int) n;
  view = g_list_model_get_item (G_LIST_MODEL (self->views), self->current);
  atlas_views_popover_apply (self, view);
}

/* Bookmarking */

static AtlasSavedView *
capture_view (AtlasViewsPopover *self)
{
  AtlasMap *map = atlas_window_get_map (self->window);
  AtlasDataset *dataset = atlas_window_get_dataset (self->window);
  AtlasIndicator *indicator = atlas_map_get_indicator (map);
  AtlasDivision *division = atlas_map_get_division (map);
  ShumateViewport *viewport = atlas_map_get_viewport (map);
  g_autofree char *name = NULL;
  AtlasSavedView *view;

  name = g_strdup_printf ("%s, %s %u", atlas_indicator_get_name (indicator, NULL),
                          atlas_division_get_name (division, NULL), atlas_map_get_year (map));
  view = atlas_saved_view_new (name, atlas_dataset_get_path (dataset),
                               atlas_indicator_get_id (indicator),
                               atlas_division_get_id (division), atlas_map_get_year (map));
  atlas_saved_view_set_camera (view,
                               shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                               shumate_viewport_get_zoom_level (viewport));
  atlas_classification_assign (atlas_explorer_state_get_classification (atlas_saved_view_get_state (view)),
                               atlas_map_get_classification (map));
  return view;
}

/**
 * atlas_views_popover_bookmark:
 *
 * Returns: (transfer none) (nullable): the new view, NULL when the map
 * shows nothing to save
 */
AtlasSavedView *
atlas_views_popover_bookmark (AtlasViewsPopover *self)
{
  AtlasMap *map;
  g_autoptr(AtlasSavedView) view = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ATLAS_IS_VIEWS_POPOVER (self), NULL);

  map = atlas_window_get_map (self->window);
  if (atlas_window_get_dataset (self->window) == NULL
      || atlas_map_get_indicator (map) == NULL || atlas_map_get_division (map) == NULL)
    return NULL;

  view = capture_view (self);
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

  g_clear_object (&self->pending);
  g_clear_object (&self->views);
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

GtkWidget *
atlas_views_popover_new (AtlasWindow     *window,
                         AdwToastOverlay *toasts)
{
  AtlasViewsPopover *self;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);

  self = g_object_new (ATLAS_TYPE_VIEWS_POPOVER, NULL);
  self->window = window;
  self->toasts = toasts;
  g_signal_connect_object (window, "notify::dataset", G_CALLBACK (on_window_dataset), self,
                           G_CONNECT_SWAPPED);
  load (self);
  return GTK_WIDGET (self);
}
