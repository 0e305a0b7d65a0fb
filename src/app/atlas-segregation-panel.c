/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-segregation-panel.h"
#include "atlas-tooltip.h"

/* Small areas are the levels three or more below riket (RegSO, DeSO); the
 * indices are shown for an area above them (kommun, län, riket). */
#define SMALL_AREA_DEPTH 3

struct _AtlasSegregationPanel
{
  GtkWidget parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *grid;
  GtkWidget *demonstration_label;
  GtkWidget *note_label;

  AtlasExplorerState *state;
  gboolean stale;     /* what the numbers rest on changed */
  AtlasArea *area;
  GPtrArray *levels;  /* AtlasSegregation, finest first */
};

G_DEFINE_FINAL_TYPE (AtlasSegregationPanel, atlas_segregation_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
cell (const char *text,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static char *
format_index (double value)
{
  return isnan (value) ? g_strdup ("–") : atlas_format_number (value, 3, NULL);
}

static void
add_row (AtlasSegregationPanel *self,
         AtlasSegregation      *seg,
         int                    row)
{
  const AtlasSegregationResult *r = atlas_segregation_lookup_result (seg, self->area);
  AtlasDivision *fine = atlas_segregation_get_fine (seg);
  const char *version = atlas_division_get_version (fine);
  g_autofree char *units = g_strdup_printf ("%u", r->n_units);
  g_autofree char *d = format_index (r->dissimilarity);
  g_autofree char *iso = format_index (r->isolation);
  g_autofree char *h = format_index (r->theil);
  GtkWidget *label = cell (version != NULL ? version : atlas_division_get_name (fine, NULL), 0);
  GtkWidget *cells[] = { label, cell (units, 1), cell (d, 1), cell (iso, 1), cell (h, 1) };

  gtk_widget_set_hexpand (label, TRUE);
  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    {
      if (r->missing_reason != ATLAS_MISSING_NONE)
        atlas_widget_set_tooltip (cells[c], atlas_missing_reason_describe (r->missing_reason));
      else if (r->unreliable)
        atlas_widget_set_tooltip (cells[c], atlas_missing_reason_describe (ATLAS_MISSING_FEW_UNITS));
      if (r->unreliable)
        gtk_widget_add_css_class (cells[c], "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), cells[c], (int) c, row, 1, 1);
    }
}

static void
fill_grid (AtlasSegregationPanel *self)
{
  const char *headers[] = { _("Level"), _("Areas"), "D", "xPx", "H" };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *header = cell (headers[c], c == 0 ? 0 : 1);

      gtk_widget_add_css_class (header, "heading");
      gtk_grid_attach (GTK_GRID (self->grid), header, (int) c, 0, 1, 1);
    }
  for (guint l = 0; l < self->levels->len; l++)
    add_row (self, g_ptr_array_index (self->levels, l), (int) l + 1);
}

static void
clear (AtlasSegregationPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_ptr_array_set_size (self->levels, 0);
  g_clear_object (&self->area);
  gtk_widget_set_visible (self->demonstration_label, FALSE);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), "");
}

/* The map's indicator as a group: a share of a summed count. */
static AtlasIndicator *
group_total (AtlasDataset   *dataset,
             AtlasIndicator *group)
{
  AtlasIndicator *total;
  const char *weight;

  if (group == NULL || atlas_indicator_get_unit (group) != ATLAS_UNIT_PERCENT ||
      atlas_indicator_get_aggregation (group) != ATLAS_AGGREGATION_WEIGHTED_MEAN ||
      (weight = atlas_indicator_get_weight_id (group)) == NULL)
    return NULL;
  total = atlas_dataset_lookup_indicator (dataset, weight);
  if (total == NULL || atlas_indicator_get_unit (total) != ATLAS_UNIT_COUNT ||
      atlas_indicator_get_aggregation (total) != ATLAS_AGGREGATION_SUM)
    return NULL;
  return total;
}

/* The selected area, or the kommun (län) it lies in; riket without one. */
static AtlasArea *
pick_area (AtlasSegregationPanel *self,
           AtlasDataset          *dataset)
{
  AtlasArea *area = atlas_explorer_state_lookup_selected (self->state);
  g_autoptr(AtlasDivision) riket = g_list_model_get_item (atlas_dataset_get_divisions (dataset), 0);

  while (area != NULL && atlas_division_get_depth (atlas_area_get_division (area)) >= SMALL_AREA_DEPTH)
    area = atlas_area_get_parent (area);
  return area != NULL ? area : atlas_division_get_area (riket, 0);
}

static void
compute_levels (AtlasSegregationPanel *self,
                AtlasDataset          *dataset,
                AtlasIndicator        *group,
                AtlasIndicator        *total)
{
  GListModel *divisions = atlas_dataset_get_divisions (dataset);
  AtlasDivision *coarse = atlas_area_get_division (self->area);

  for (guint d = g_list_model_get_n_items (divisions); d-- > 0;)
    {
      g_autoptr(AtlasDivision) fine = g_list_model_get_item (divisions, d);
      AtlasSegregation *seg;

      if (atlas_division_get_depth (fine) < SMALL_AREA_DEPTH || !atlas_analysis_division_is_above (coarse, fine))
        continue;
      seg = atlas_segregation_new (dataset, &group, 1, total, fine, coarse, atlas_explorer_state_get_year (self->state), NULL);
      if (seg != NULL)
        g_ptr_array_add (self->levels, seg);
    }
}

static void
show_levels (AtlasSegregationPanel *self,
             AtlasIndicator        *group)
{
  g_autofree char *name = atlas_area_dup_display_name (self->area);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %u", atlas_indicator_get_name (group, NULL), name,
                                               atlas_explorer_state_get_year (self->state));
  GString *note = g_string_new (atlas_segregation_get_maup_note ());
  gboolean demonstration = FALSE;

  fill_grid (self);
  for (guint l = 0; l < self->levels->len; l++)
    {
      AtlasSegregation *seg = g_ptr_array_index (self->levels, l);
      g_autofree char *method = atlas_segregation_dup_method (seg);

      g_string_append_printf (note, " %s", method);
      demonstration |= atlas_segregation_is_demonstration (seg);
    }
  if (self->levels->len > 0 && atlas_segregation_get_count_note (g_ptr_array_index (self->levels, 0)) != NULL)
    g_string_append_printf (note, " %s", atlas_segregation_get_count_note (g_ptr_array_index (self->levels, 0)));
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_label_set_text (GTK_LABEL (self->note_label), note->str);
  gtk_widget_set_visible (self->demonstration_label, demonstration);
  g_string_free (note, TRUE);
}

static void
update (AtlasSegregationPanel *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasIndicator *group = atlas_explorer_state_lookup_indicator (self->state);
  AtlasIndicator *total = dataset != NULL && group != NULL ? group_total (dataset, group) : NULL;

  /* A package on its way for a saved view: the old numbers until it is in */
  if (atlas_explorer_state_awaits_package (self->state))
    return;
  clear (self);
  if (total == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->note_label),
                          _("Choose a share of a count (such as born abroad, share) to see how "
                            "segregated the group is."));
      return;
    }
  self->area = g_object_ref (pick_area (self, dataset));
  compute_levels (self, dataset, group, total);
  if (self->levels->len == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->note_label), _("This package has no small areas to compute "
                                                          "segregation indices over."));
      return;
    }
  show_levels (self, group);
}


static void
atlas_segregation_panel_dispose (GObject *object)
{
  AtlasSegregationPanel *self = ATLAS_SEGREGATION_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SEGREGATION_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_object (&self->area);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  G_OBJECT_CLASS (atlas_segregation_panel_parent_class)->dispose (object);
}

/* The state's dataset, indicator, year and selection; its other changes
 * (camera, classification) leave the numbers as they are. */
static void
on_state_notify (AtlasSegregationPanel *self)
{
  self->stale = TRUE;
}

static void
on_state_changed (AtlasSegregationPanel *self)
{
  /* Collapsed (as it starts), it computes when shown, not on every year step */
  if (!self->stale || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->stale = FALSE;
  update (self);
}

static void
set_state (AtlasSegregationPanel *self,
           AtlasExplorerState    *state)
{
  const char *signals[] = { "notify::dataset", "notify::package", "notify::indicator", "notify::year",
                            "notify::selection" };

  self->state = g_object_ref (state);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (state, signals[i], G_CALLBACK (on_state_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "changed", G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
atlas_segregation_panel_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AtlasSegregationPanel *self = ATLAS_SEGREGATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_segregation_panel_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AtlasSegregationPanel *self = ATLAS_SEGREGATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      set_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_segregation_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_segregation_panel_parent_class)->map (widget);
  on_state_changed (ATLAS_SEGREGATION_PANEL (widget));
}

static void
atlas_segregation_panel_class_init (AtlasSegregationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_segregation_panel_dispose;
  widget_class->map = atlas_segregation_panel_map;
  object_class->get_property = atlas_segregation_panel_get_property;
  object_class->set_property = atlas_segregation_panel_set_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, ATLAS_TYPE_EXPLORER_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-segregation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSegregationPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasSegregationPanel, grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasSegregationPanel, demonstration_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasSegregationPanel, note_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-segregation-panel");
}

static void
atlas_segregation_panel_init (AtlasSegregationPanel *self)
{
  self->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_segregation_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * atlas_segregation_panel_new:
 * @state: what the user looks at, to follow
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
atlas_segregation_panel_new (AtlasExplorerState *state)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  return g_object_new (ATLAS_TYPE_SEGREGATION_PANEL, "state", state, NULL);
}

/**
 * atlas_segregation_panel_get_area:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the area whose indices are shown
 */
AtlasArea *
atlas_segregation_panel_get_area (AtlasSegregationPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_SEGREGATION_PANEL (self), NULL);
  return self->area;
}

guint
atlas_segregation_panel_get_n_levels (AtlasSegregationPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_SEGREGATION_PANEL (self), 0);
  return self->levels->len;
}

/**
 * atlas_segregation_panel_get_level:
 * @self: a panel
 * @index: below atlas_segregation_panel_get_n_levels()
 *
 * Returns: (transfer none): the indices on one level of small areas
 */
AtlasSegregation *
atlas_segregation_panel_get_level (AtlasSegregationPanel *self,
                                   guint                  index)
{
  g_return_val_if_fail (ATLAS_IS_SEGREGATION_PANEL (self), NULL);
  g_return_val_if_fail (index < self->levels->len, NULL);
  return g_ptr_array_index (self->levels, index);
}
