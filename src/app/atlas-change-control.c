/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "atlas-change-control.h"

struct _AtlasChangeControl
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkWidget          *dropdown;
  GtkWidget          *note;
  GtkStringList      *years;
  AtlasExplorerState *state;
  guint               syncing;
};

G_DEFINE_FINAL_TYPE (AtlasChangeControl, atlas_change_control, GTK_TYPE_WIDGET)

/* The package's years but its last, after "Av" (derived indicators
 * have values in years that store none); the state's since-year selected. */
static void
fill_years (AtlasChangeControl *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  guint since = atlas_explorer_state_get_since_year (self->state);
  const guint *years = NULL;
  guint n_years = 0, position = 0;

  self->syncing++;
  gtk_string_list_splice (self->years, 0, g_list_model_get_n_items (G_LIST_MODEL (self->years)), NULL);
  gtk_string_list_append (self->years, _("Off"));
  if (dataset != NULL && indicator != NULL
      && atlas_indicator_get_aggregation (indicator) != ATLAS_AGGREGATION_CATEGORY)
    years = atlas_dataset_get_years (dataset, &n_years);
  for (guint i = 0; i + 1 < n_years; i++)
    {
      guint year = years[i];
      char text[16];

      g_snprintf (text, sizeof text, "%u", year);
      gtk_string_list_append (self->years, text);
      if (year == since)
        position = i + 1;
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), position);
  gtk_widget_set_sensitive (self->dropdown, g_list_model_get_n_items (G_LIST_MODEL (self->years)) > 1);
  self->syncing--;
}

/* Whether the map shows a change map for the state: the years make one
 * (atlas_change_check()) and some area has a value in both. */
static gboolean
shows_change (AtlasChangeControl *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  AtlasDivision *division = atlas_explorer_state_lookup_division (self->state);
  guint since = atlas_explorer_state_get_since_year (self->state);
  guint year = atlas_explorer_state_get_year (self->state);
  g_autofree double *changes = NULL;

  if (indicator == NULL || division == NULL || !atlas_change_check (dataset, indicator, since, year, NULL))
    return FALSE;
  changes = atlas_change_compute (dataset, indicator, division, since, year, NULL);
  for (guint i = 0; changes != NULL && i < atlas_division_get_n_areas (division); i++)
    if (!isnan (changes[i]))
      return TRUE;
  return FALSE;
}

static void
update_note (AtlasChangeControl *self)
{
  guint since = atlas_explorer_state_get_since_year (self->state);
  guint year = atlas_explorer_state_get_year (self->state);
  g_autofree char *text = NULL;

  if (since == 0 || atlas_explorer_state_awaits_package (self->state) || shows_change (self))
    ;
  else if (since >= year)
    text = g_strdup_printf (_("The change since %u shows for later years."), since);
  else
    text = g_strdup_printf (_("No area of this level has a value in both %u and %u."), since, year);
  gtk_widget_set_visible (self->note, text != NULL);
  gtk_label_set_label (GTK_LABEL (self->note), text != NULL ? text : "");
}

static void
on_state_changed (AtlasChangeControl *self)
{
  fill_years (self);
  update_note (self);
}

static void
on_selected (AtlasChangeControl *self)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  const char *text;

  if (self->syncing > 0)
    return;
  text = position > 0 && position != GTK_INVALID_LIST_POSITION
         ? gtk_string_list_get_string (self->years, position) : NULL;
  atlas_explorer_state_set_since_year (self->state, text != NULL ? (guint) atoi (text) : 0);
}

void
atlas_change_control_set_since (AtlasChangeControl *self,
                                guint               since)
{
  char text[16];

  g_return_if_fail (ATLAS_IS_CHANGE_CONTROL (self));

  g_snprintf (text, sizeof text, "%u", since);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->years)); i++)
    if ((since == 0 && i == 0) || (i > 0 && g_str_equal (gtk_string_list_get_string (self->years, i), text)))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), i);
}

guint
atlas_change_control_get_since (AtlasChangeControl *self)
{
  guint position;

  g_return_val_if_fail (ATLAS_IS_CHANGE_CONTROL (self), 0);

  position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return 0;
  return (guint) atoi (gtk_string_list_get_string (self->years, position));
}

const char *
atlas_change_control_get_note (AtlasChangeControl *self)
{
  g_return_val_if_fail (ATLAS_IS_CHANGE_CONTROL (self), NULL);

  return gtk_widget_get_visible (self->note) ? gtk_label_get_label (GTK_LABEL (self->note)) : NULL;
}

static void
atlas_change_control_dispose (GObject *object)
{
  AtlasChangeControl *self = ATLAS_CHANGE_CONTROL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->state);
  g_clear_object (&self->years);

  G_OBJECT_CLASS (atlas_change_control_parent_class)->dispose (object);
}

static void
atlas_change_control_class_init (AtlasChangeControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_change_control_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
atlas_change_control_init (AtlasChangeControl *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("C_hange since"));

  self->years = gtk_string_list_new (NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->years)), NULL);
  gtk_widget_set_tooltip_text (self->dropdown, _("Show each area's change from this year to the year shown, "
                                                 "in classes centred on no change"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->dropdown);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  self->note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->note), 0);
  gtk_widget_add_css_class (self->note, "dim-label");
  gtk_widget_add_css_class (self->note, "caption");
  gtk_widget_set_visible (self->note, FALSE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), self->dropdown);
  gtk_box_append (GTK_BOX (self->box), row);
  gtk_box_append (GTK_BOX (self->box), self->note);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (on_selected), self);
}

/**
 * atlas_change_control_new:
 * @state: what to follow and set
 *
 * Returns: (transfer floating): a new control
 */
GtkWidget *
atlas_change_control_new (AtlasExplorerState *state)
{
  const char *watched[] = { "notify::dataset", "notify::level", "notify::indicator", "notify::since-year" };
  AtlasChangeControl *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_CHANGE_CONTROL, NULL);
  self->state = g_object_ref (state);
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (state, watched[i], G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::year", G_CALLBACK (update_note), self, G_CONNECT_SWAPPED);
  /* A package a view asked for arrives with its ids */
  g_signal_connect_object (state, "notify::package", G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  on_state_changed (self);
  return GTK_WIDGET (self);
}
