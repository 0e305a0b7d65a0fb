/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-similar-view.h"

struct _AtlasSimilarView
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkWidget         *heading;
  GtkWidget         *list;
  GtkWidget         *method;
  AtlasSimilarAreas *result;
};

G_DEFINE_FINAL_TYPE (AtlasSimilarView, atlas_similar_view, GTK_TYPE_WIDGET)

enum
{
  COMPARE_REQUESTED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
atlas_similar_view_activate_row (AtlasSimilarView *self,
                                 guint             index)
{
  g_return_if_fail (ATLAS_IS_SIMILAR_VIEW (self));

  if (self->result == NULL || index >= atlas_similar_areas_get_n_items (self->result))
    return;
  g_signal_emit (self, signals[COMPARE_REQUESTED], 0,
                 atlas_area_get_code (atlas_similar_areas_get_area (self->result)),
                 atlas_area_get_code (atlas_similar_areas_get_item (self->result, index)));
}

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  AtlasSimilarView *self)
{
  atlas_similar_view_activate_row (self, gtk_list_box_row_get_index (row));
}

static GtkWidget *
create_row (AtlasSimilarAreas *result,
            guint              index)
{
  AtlasArea *area = atlas_similar_areas_get_item (result, index);
  g_autofree char *name = atlas_area_dup_display_name (area);
  g_autofree char *distance = atlas_format_number (atlas_similar_areas_get_distance (result, index), 2, NULL);
  g_autofree char *rank = g_strdup_printf ("%u", index + 1);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *rank_label = gtk_label_new (rank);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *distance_label = gtk_label_new (distance);

  gtk_widget_add_css_class (rank_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (distance_label, "numeric");
  gtk_widget_set_tooltip_text (row, _("Click to compare with this area"));
  gtk_box_append (GTK_BOX (row), rank_label);
  gtk_box_append (GTK_BOX (row), name_label);
  gtk_box_append (GTK_BOX (row), distance_label);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  return row;
}

static void
clear_rows (AtlasSimilarView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
}

static void
show_result (AtlasSimilarView *self)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) selection = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *method = NULL;

  name = atlas_area_dup_display_name (atlas_similar_areas_get_area (self->result));
  heading = g_strdup_printf (_("Areas most like %s"), name);
  method = atlas_similar_areas_dup_method (self->result, NULL);
  gtk_label_set_text (GTK_LABEL (self->heading), heading);
  gtk_label_set_text (GTK_LABEL (self->method), method);
  for (guint i = 0; i < atlas_similar_areas_get_n_items (self->result); i++)
    {
      gtk_list_box_append (GTK_LIST_BOX (self->list), create_row (self->result, i));
      g_strv_builder_add (codes, atlas_area_get_code (atlas_similar_areas_get_item (self->result, i)));
    }
  selection = g_strv_builder_end (codes);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0, selection);
}

void
atlas_similar_view_set_area (AtlasSimilarView *self,
                             AtlasDataset     *dataset,
                             AtlasArea        *area,
                             guint             year,
                             GPtrArray        *indicators,
                             guint             n)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATLAS_IS_SIMILAR_VIEW (self));

  clear_rows (self);
  g_clear_pointer (&self->result, atlas_similar_areas_unref);
  gtk_label_set_text (GTK_LABEL (self->heading), _("Select an area to find similar ones"));
  gtk_label_set_text (GTK_LABEL (self->method), "");
  if (dataset == NULL || area == NULL)
    return;
  self->result = atlas_similar_areas_find (dataset, area, year, indicators, n, &error);
  if (self->result == NULL)
    gtk_label_set_text (GTK_LABEL (self->method), error->message);
  else
    show_result (self);
}

AtlasSimilarAreas *
atlas_similar_view_get_result (AtlasSimilarView *self)
{
  g_return_val_if_fail (ATLAS_IS_SIMILAR_VIEW (self), NULL);

  return self->result;
}

static void
atlas_similar_view_dispose (GObject *object)
{
  AtlasSimilarView *self = ATLAS_SIMILAR_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->result, atlas_similar_areas_unref);
  G_OBJECT_CLASS (atlas_similar_view_parent_class)->dispose (object);
}

static void
atlas_similar_view_class_init (AtlasSimilarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_similar_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * AtlasSimilarView::compare-requested:
   * @code: the chosen area's code
   * @other: the code of the clicked similar area
   */
  signals[COMPARE_REQUESTED] =
    g_signal_new ("compare-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * AtlasSimilarView::selection-changed:
   * @codes: (array zero-terminated=1): the codes listed
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
atlas_similar_view_init (AtlasSimilarView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->heading = gtk_label_new (_("Select an area to find similar ones"));
  self->list = gtk_list_box_new ();
  self->method = gtk_label_new ("");
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_label_set_wrap (GTK_LABEL (self->method), TRUE);
  /* The method names indicators in long unbroken runs: breaking inside
   * words keeps the sidebar its width. */
  gtk_label_set_wrap_mode (GTK_LABEL (self->method), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_wrap_mode (GTK_LABEL (self->heading), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->method), 0);
  gtk_widget_add_css_class (self->method, "caption");
  gtk_widget_add_css_class (self->method, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->heading);
  gtk_box_append (GTK_BOX (self->box), self->list);
  gtk_box_append (GTK_BOX (self->box), self->method);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
atlas_similar_view_new (void)
{
  return g_object_new (ATLAS_TYPE_SIMILAR_VIEW, NULL);
}
