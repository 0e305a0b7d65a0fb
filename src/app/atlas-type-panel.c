/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-analysis-view.h"
#include "atlas-tooltip.h"
#include "atlas-type-panel.h"

struct _AtlasTypePanel
{
  GtkWidget parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *grid;
  GtkWidget *demonstration_label;
  GtkWidget *note_label;

  AtlasExplorerState *state;
  AtlasTypeBreakdown *breakdown;
  /* The state changed while the panel was not shown (it starts collapsed):
   * the breakdown is computed when it is shown or asked for, not on every
   * year step. */
  gboolean            stale;
};

G_DEFINE_FINAL_TYPE (AtlasTypePanel, atlas_type_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const AtlasCategory *category = data;

  cairo_set_source_rgb (cr, category->red, category->green, category->blue);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
cell (const char *text,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
add_row (AtlasTypePanel      *self,
         const AtlasTypeStat *stat,
         int                  row)
{
  AtlasIndicator *indicator = atlas_type_breakdown_get_indicator (self->breakdown);
  g_autofree char *areas = g_strdup_printf ("%u", stat->n_areas);
  g_autofree char *value = atlas_indicator_format_value (indicator, stat->value, NULL);
  GtkWidget *label = cell (stat->category != NULL ? atlas_text_get (&stat->category->label, NULL)
                                                  : _("All types"), 0);

  if (stat->category != NULL)
    {
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      (gpointer) stat->category, NULL);
      gtk_grid_attach (GTK_GRID (self->grid), swatch, 0, row, 1, 1);
    }
  else
    gtk_widget_add_css_class (label, "heading");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (GTK_GRID (self->grid), label, 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell (areas, 1), 2, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell (value, 1), 3, row, 1, 1);
  if (isnan (stat->value))
    atlas_widget_set_tooltip (gtk_grid_get_child_at (GTK_GRID (self->grid), 3, row),
                              atlas_missing_reason_describe (stat->missing_reason));
}

static void
clear_grid (AtlasTypePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
}

static void
fill_grid (AtlasTypePanel *self)
{
  guint n = atlas_type_breakdown_get_n_types (self->breakdown);

  gtk_grid_attach (GTK_GRID (self->grid), cell (_("Areas"), 1), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), cell (_("Value"), 1), 3, 0, 1, 1);
  for (guint i = 0; i < n; i++)
    add_row (self, atlas_type_breakdown_get_stat (self->breakdown, i), (int) i + 1);
  add_row (self, atlas_type_breakdown_get_total (self->breakdown), (int) n + 1);
}

static void
show_breakdown (AtlasTypePanel *self)
{
  g_autofree char *region = atlas_area_dup_display_name (atlas_type_breakdown_get_region (self->breakdown));
  g_autofree char *method = atlas_type_breakdown_dup_method (self->breakdown);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %u", region,
                                               atlas_division_get_name (atlas_type_breakdown_get_division (self->breakdown), NULL),
                                               atlas_type_breakdown_get_year (self->breakdown));
  g_autofree char *note = g_strdup_printf ("%s%s%s %s", method,
                                           atlas_type_breakdown_covers_region (self->breakdown) ? "" : " ",
                                           atlas_type_breakdown_covers_region (self->breakdown) ? ""
                                           : _("The package holds only part of this region; only its areas are counted."),
                                           atlas_type_history_get_caveat ());

  fill_grid (self);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_label_set_text (GTK_LABEL (self->note_label), note);
  gtk_widget_set_visible (self->demonstration_label, atlas_type_breakdown_is_demonstration (self->breakdown));
}

static void
update (AtlasTypePanel *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  AtlasIndicator *category = dataset != NULL ? atlas_analysis_default_category (dataset, NULL) : NULL;
  g_autoptr(GError) error = NULL;

  self->stale = FALSE;
  clear_grid (self);
  g_clear_pointer (&self->breakdown, atlas_type_breakdown_unref);
  gtk_widget_set_visible (self->demonstration_label, FALSE);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), "");
  if (category != NULL && indicator != NULL && !atlas_explorer_state_awaits_package (self->state))
    self->breakdown = atlas_type_breakdown_new (dataset, indicator, category,
                                                atlas_analysis_view_pick_region (self->state, atlas_analysis_find_stored_division (dataset, category)),
                                                atlas_explorer_state_get_year (self->state), 0, &error);
  if (self->breakdown != NULL)
    show_breakdown (self);
  else
    gtk_label_set_text (GTK_LABEL (self->note_label),
                        category == NULL ? _("This package has no area types.")
                        : error != NULL ? error->message : "");
}

static void
on_state_changed (AtlasTypePanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
  else
    self->stale = TRUE;
}

static void
atlas_type_panel_map (GtkWidget *widget)
{
  AtlasTypePanel *self = ATLAS_TYPE_PANEL (widget);

  GTK_WIDGET_CLASS (atlas_type_panel_parent_class)->map (widget);
  if (self->stale)
    update (self);
}

static void
atlas_type_panel_dispose (GObject *object)
{
  AtlasTypePanel *self = ATLAS_TYPE_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_TYPE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_pointer (&self->breakdown, atlas_type_breakdown_unref);
  G_OBJECT_CLASS (atlas_type_panel_parent_class)->dispose (object);
}

static void
set_state (AtlasTypePanel     *self,
           AtlasExplorerState *state)
{
  const char *signals[] = { "notify::dataset", "notify::indicator", "notify::year", "notify::selection" };

  self->state = g_object_ref (state);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (state, signals[i], G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
atlas_type_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasTypePanel *self = ATLAS_TYPE_PANEL (object);

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
atlas_type_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasTypePanel *self = ATLAS_TYPE_PANEL (object);

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
atlas_type_panel_class_init (AtlasTypePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_type_panel_dispose;
  object_class->get_property = atlas_type_panel_get_property;
  object_class->set_property = atlas_type_panel_set_property;
  widget_class->map = atlas_type_panel_map;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, ATLAS_TYPE_EXPLORER_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-type-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasTypePanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTypePanel, grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasTypePanel, demonstration_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTypePanel, note_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-type-panel");
}

static void
atlas_type_panel_init (AtlasTypePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * atlas_type_panel_new:
 * @state: what to follow
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
atlas_type_panel_new (AtlasExplorerState *state)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  return g_object_new (ATLAS_TYPE_TYPE_PANEL, "state", state, NULL);
}

/**
 * atlas_type_panel_get_breakdown:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the breakdown shown
 */
AtlasTypeBreakdown *
atlas_type_panel_get_breakdown (AtlasTypePanel *self)
{
  g_return_val_if_fail (ATLAS_IS_TYPE_PANEL (self), NULL);

  if (self->stale)
    update (self);
  return self->breakdown;
}
