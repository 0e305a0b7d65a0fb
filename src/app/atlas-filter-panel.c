/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-analysis-view.h"
#include "atlas-filter-panel.h"

struct _AtlasFilterPanel
{
  GtkWidget parent_instance;

  GtkWidget *check_box;
  GtkWidget *note_label;

  AtlasExplorerState *state;
  AtlasDataset       *dataset;
  AtlasIndicator     *category;
  gboolean            filling;
};

G_DEFINE_FINAL_TYPE (AtlasFilterPanel, atlas_filter_panel, GTK_TYPE_WIDGET)

static void
show_note (AtlasFilterPanel *self)
{
  g_autoptr(AtlasAreaFilter) filter = atlas_explorer_state_dup_area_filter (self->state);
  g_autofree char *described = filter != NULL
                               ? atlas_area_filter_describe (filter, atlas_explorer_state_get_year (self->state))
                               : NULL;

  gtk_label_set_text (GTK_LABEL (self->note_label),
                      described != NULL ? described
                      : self->category != NULL ? _("Every area is shown.")
                      : _("This package has no area types."));
}

/* The checks follow the state (a saved view may set the filter). */
static void
sync_checks (AtlasFilterPanel *self)
{
  g_autoptr(AtlasAreaFilter) filter = atlas_explorer_state_dup_area_filter (self->state);
  gboolean ours = filter != NULL && atlas_area_filter_get_category (filter) == self->category;
  guint i = 0;

  self->filling = TRUE;
  for (GtkWidget *check = gtk_widget_get_first_child (self->check_box); check != NULL;
       check = gtk_widget_get_next_sibling (check), i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                 !ours || atlas_area_filter_allows_code (filter, atlas_indicator_get_category (self->category, i)->code));
  self->filling = FALSE;
  show_note (self);
}

static void
on_check_toggled (AtlasFilterPanel *self)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  guint i = 0, n = atlas_indicator_get_n_categories (self->category);

  if (self->filling)
    return;
  for (GtkWidget *check = gtk_widget_get_first_child (self->check_box); check != NULL;
       check = gtk_widget_get_next_sibling (check), i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      g_ptr_array_add (codes, g_strdup_printf ("%d", atlas_indicator_get_category (self->category, i)->code));
  g_ptr_array_add (codes, NULL);
  /* Every type or none: no filter */
  if (codes->len == 1 || codes->len == n + 1)
    atlas_explorer_state_set_filter (self->state, NULL, NULL);
  else
    atlas_explorer_state_set_filter (self->state, atlas_indicator_get_id (self->category),
                                     (const char * const *) codes->pdata);
}

static void
on_dataset_changed (AtlasFilterPanel *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  GtkWidget *child;

  if (dataset == self->dataset)
    return;
  g_set_object (&self->dataset, dataset);
  g_clear_object (&self->category);
  while ((child = gtk_widget_get_first_child (self->check_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->check_box), child);
  if (dataset != NULL && atlas_analysis_default_category (dataset, NULL) != NULL)
    self->category = g_object_ref (atlas_analysis_default_category (dataset, NULL));
  for (guint i = 0; self->category != NULL && i < atlas_indicator_get_n_categories (self->category); i++)
    {
      const AtlasCategory *category = atlas_indicator_get_category (self->category, i);
      GtkWidget *check = gtk_check_button_new_with_label (atlas_text_get (&category->label, NULL));

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
      gtk_box_append (GTK_BOX (self->check_box), check);
    }
  sync_checks (self);
}

static void
atlas_filter_panel_dispose (GObject *object)
{
  AtlasFilterPanel *self = ATLAS_FILTER_PANEL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_object (&self->dataset);
  g_clear_object (&self->category);
  G_OBJECT_CLASS (atlas_filter_panel_parent_class)->dispose (object);
}

static void
atlas_filter_panel_class_init (AtlasFilterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_filter_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-filter-panel");
}

static void
atlas_filter_panel_init (AtlasFilterPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *heading = atlas_analysis_view_new_caption ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_label_set_text (GTK_LABEL (heading),
                      _("Show only areas of these types on the map, in the legend counts and in rankings:"));
  self->check_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->note_label = atlas_analysis_view_new_caption ();
  gtk_widget_add_css_class (self->note_label, "dim-label");
  gtk_widget_set_parent (heading, GTK_WIDGET (self));
  gtk_widget_set_parent (self->check_box, GTK_WIDGET (self));
  gtk_widget_set_parent (self->note_label, GTK_WIDGET (self));
}

/**
 * atlas_filter_panel_new:
 * @state: the explorer state whose filter it sets
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
atlas_filter_panel_new (AtlasExplorerState *state)
{
  const char *signals[] = { "notify::filter-indicator", "notify::filter-codes", "notify::year" };
  AtlasFilterPanel *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_FILTER_PANEL, NULL);
  self->state = g_object_ref (state);
  g_signal_connect_object (state, "notify::dataset", G_CALLBACK (on_dataset_changed), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (state, signals[i], G_CALLBACK (sync_checks), self, G_CONNECT_SWAPPED);
  on_dataset_changed (self);
  return GTK_WIDGET (self);
}

void
atlas_filter_panel_set_codes (AtlasFilterPanel *self,
                              const int        *codes,
                              guint             n_codes)
{
  guint i = 0;

  g_return_if_fail (ATLAS_IS_FILTER_PANEL (self));
  g_return_if_fail (self->category != NULL);

  self->filling = TRUE;
  for (GtkWidget *check = gtk_widget_get_first_child (self->check_box); check != NULL;
       check = gtk_widget_get_next_sibling (check), i++)
    {
      int code = atlas_indicator_get_category (self->category, i)->code;
      gboolean wanted = FALSE;

      for (guint c = 0; c < n_codes; c++)
        wanted = wanted || codes[c] == code;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), wanted);
    }
  self->filling = FALSE;
  on_check_toggled (self);
}
