/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-analysis-view.h"
#include "atlas-type-history-panel.h"

/* Who draws areas alone on the map (atlas_explorer_state_set_highlight()) */
#define HIGHLIGHT_OWNER "type-history"

struct _AtlasTypeHistoryPanel
{
  GtkWidget parent_instance;

  GtkWidget *subtitle_label;
  GtkWidget *chart;
  GtkWidget *grid;
  GtkWidget *from_dropdown;
  GtkWidget *to_dropdown;
  GtkWidget *shown_dropdown;
  GtkWidget *changes_label;
  GtkWidget *change_view;
  GtkWidget *caveat_label;
  GtkWidget *demonstration_label;
  GtkWidget *status_label;

  AtlasExplorerState *state;
  AtlasTypeHistory   *history;
  AtlasAnalysisMap   *change_map;
  guint               from_index;
  guint               to_index;
  guint               shown;
  gboolean            stale;
  gboolean            filling;
};

G_DEFINE_FINAL_TYPE (AtlasTypeHistoryPanel, atlas_type_history_panel, GTK_TYPE_WIDGET)

static guint
n_types (AtlasTypeHistoryPanel *self)
{
  return atlas_indicator_get_n_categories (atlas_type_history_get_category (self->history));
}

/* Residents per year as bars split by type, in the types' colours. */
static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  AtlasTypeHistoryPanel *self = data;
  guint n_years = self->history != NULL ? atlas_type_history_get_n_years (self->history) : 0;
  double row = n_years > 0 ? (double) height / n_years : 0, left = 40;

  for (guint y = 0; y < n_years; y++)
    {
      AtlasTypeBreakdown *breakdown = atlas_type_history_get_breakdown (self->history, y);
      double total = atlas_type_breakdown_get_total (breakdown)->weight, x = left;
      g_autofree char *year = g_strdup_printf ("%u", atlas_type_history_get_year (self->history, y));

      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_move_to (cr, 0, y * row + row * 0.65);
      cairo_show_text (cr, year);
      for (guint t = 0; t < atlas_type_breakdown_get_n_types (breakdown) && total > 0; t++)
        {
          const AtlasTypeStat *stat = atlas_type_breakdown_get_stat (breakdown, t);
          double w = (width - left) * stat->weight / total;

          cairo_set_source_rgb (cr, stat->category->red, stat->category->green, stat->category->blue);
          cairo_rectangle (cr, x, y * row + row * 0.15, w, row * 0.7);
          cairo_fill (cr);
          x += w;
        }
    }
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

/* One row per type, one column per year: areas, and residents below. */
static void
fill_grid (AtlasTypeHistoryPanel *self)
{
  guint n_years = atlas_type_history_get_n_years (self->history);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  child = cell (_("Areas\nresidents"), 0);
  gtk_widget_add_css_class (child, "dim-label");
  gtk_grid_attach (GTK_GRID (self->grid), child, 0, 0, 1, 1);
  for (guint y = 0; y < n_years; y++)
    {
      g_autofree char *year = g_strdup_printf ("%u", atlas_type_history_get_year (self->history, y));

      gtk_grid_attach (GTK_GRID (self->grid), cell (year, 1), (int) y + 1, 0, 1, 1);
    }
  for (guint t = 0; t <= n_types (self); t++)
    {
      AtlasTypeBreakdown *first = atlas_type_history_get_breakdown (self->history, 0);
      const AtlasTypeStat *stat = t < n_types (self) ? atlas_type_breakdown_get_stat (first, t)
                                                     : atlas_type_breakdown_get_total (first);
      GtkWidget *name = cell (stat->category != NULL ? atlas_text_get (&stat->category->label, NULL)
                                                     : _("All types"), 0);

      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_grid_attach (GTK_GRID (self->grid), name, 0, (int) t + 1, 1, 1);
      for (guint y = 0; y < n_years; y++)
        {
          AtlasTypeBreakdown *breakdown = atlas_type_history_get_breakdown (self->history, y);
          const AtlasTypeStat *s = t < n_types (self) ? atlas_type_breakdown_get_stat (breakdown, t)
                                                      : atlas_type_breakdown_get_total (breakdown);
          /* The residents as the CLI prints them (the population's own format) */
          g_autofree char *residents = atlas_indicator_format_value (atlas_type_history_get_population (self->history),
                                                                     s->value, NULL);
          g_autofree char *text = g_strdup_printf ("%u\n%s", s->n_areas, residents);

          gtk_grid_attach (GTK_GRID (self->grid), cell (text, 1), (int) y + 1, (int) t + 1, 1, 1);
        }
    }
}

static GPtrArray *
dup_shown_areas (AtlasTypeHistoryPanel *self)
{
  GPtrArray *areas = g_ptr_array_new ();
  guint from = atlas_type_history_get_year (self->history, self->from_index);
  guint to = atlas_type_history_get_year (self->history, self->to_index);

  if (self->shown > n_types (self))
    {
      g_autoptr(GArray) changes = atlas_type_history_dup_changes (self->history, from, to);

      for (guint i = 0; i < changes->len; i++)
        g_ptr_array_add (areas, g_array_index (changes, AtlasTypeChange, i).area);
      return areas;
    }
  for (guint a = 0; a < atlas_type_history_get_n_areas (self->history); a++)
    {
      int code = atlas_indicator_get_category (atlas_type_history_get_category (self->history),
                                               self->shown - 1)->code;

      if (atlas_type_history_get_area_type (self->history, a, self->to_index) == code)
        g_ptr_array_add (areas, atlas_type_history_get_area (self->history, a));
    }
  return areas;
}

/* "Show on map": the areas drawn alone, at the history's level. */
static void
apply_shown (AtlasTypeHistoryPanel *self)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (self->history == NULL || self->shown == 0)
    {
      atlas_explorer_state_set_highlight (self->state, HIGHLIGHT_OWNER, NULL);
      return;
    }
  areas = dup_shown_areas (self);
  for (guint i = 0; i < areas->len; i++)
    g_strv_builder_add (codes, atlas_area_get_code (g_ptr_array_index (areas, i)));
  strv = g_strv_builder_end (codes);
  atlas_explorer_state_freeze (self->state);
  atlas_explorer_state_set_level (self->state, atlas_division_get_id (atlas_type_history_get_division (self->history)));
  atlas_explorer_state_set_highlight (self->state, HIGHLIGHT_OWNER, (const char * const *) strv);
  atlas_explorer_state_thaw (self->state);
}

static void
update_changes (AtlasTypeHistoryPanel *self)
{
  guint from = atlas_type_history_get_year (self->history, self->from_index);
  guint to = atlas_type_history_get_year (self->history, self->to_index);
  g_autoptr(GArray) changes = atlas_type_history_dup_changes (self->history, from, to);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_object (&self->change_map);
  self->change_map = atlas_analysis_map_new_for_type_changes (atlas_explorer_state_get_dataset (self->state),
                                                               self->history, from, to, &error);
  atlas_analysis_view_set_figure (self->change_view, self->change_map);
  text = g_strdup_printf (ngettext ("%u area of %u changed type between %u and %u.",
                                    "%u areas of %u changed type between %u and %u.", changes->len),
                          changes->len, atlas_type_history_get_n_areas (self->history), from, to);
  gtk_label_set_text (GTK_LABEL (self->changes_label), error != NULL ? error->message : text);
  apply_shown (self);
}

static void
fill_choices (AtlasTypeHistoryPanel *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) shown = gtk_string_list_new (NULL);
  guint n_years = atlas_type_history_get_n_years (self->history);

  for (guint y = 0; y < n_years; y++)
    {
      g_autofree char *year = g_strdup_printf ("%u", atlas_type_history_get_year (self->history, y));

      gtk_string_list_append (years, year);
    }
  gtk_string_list_append (shown, _("Every area"));
  for (guint t = 0; t < n_types (self); t++)
    gtk_string_list_append (shown, atlas_text_get (&atlas_indicator_get_category (atlas_type_history_get_category (self->history), t)->label, NULL));
  gtk_string_list_append (shown, _("Areas whose type changed"));
  self->filling = TRUE;
  self->from_index = MIN (self->from_index, n_years - 1);
  self->to_index = n_years - 1;
  self->shown = MIN (self->shown, n_types (self) + 1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->from_dropdown), G_LIST_MODEL (years));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->to_dropdown), G_LIST_MODEL (years));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->shown_dropdown), G_LIST_MODEL (shown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->from_dropdown), self->from_index);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->to_dropdown), self->to_index);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->shown_dropdown), self->shown);
  self->filling = FALSE;
}

static void
show_history (AtlasTypeHistoryPanel *self)
{
  AtlasArea *region = atlas_type_history_get_region (self->history);
  g_autofree char *name = region != NULL ? atlas_area_dup_display_name (region) : g_strdup (_("Sweden"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", name,
                                               atlas_division_get_name (atlas_type_history_get_division (self->history), NULL),
                                               atlas_indicator_get_name (atlas_type_history_get_population (self->history), NULL));

  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_widget_set_visible (self->demonstration_label, atlas_type_history_is_demonstration (self->history));
  fill_grid (self);
  fill_choices (self);
  gtk_widget_queue_draw (self->chart);
  update_changes (self);
}

static void
update (AtlasTypeHistoryPanel *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasIndicator *category = dataset != NULL && !atlas_explorer_state_awaits_package (self->state)
                             ? atlas_analysis_default_category (dataset, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  AtlasArea *region;

  self->stale = FALSE;
  g_clear_pointer (&self->history, atlas_type_history_unref);
  g_clear_object (&self->change_map);
  if (category != NULL)
    {
      region = atlas_analysis_view_pick_region (self->state, atlas_analysis_find_stored_division (dataset, category));
      self->history = atlas_type_history_new (dataset, category, region, NULL, &error);
    }
  if (self->history != NULL && atlas_type_history_get_n_years (self->history) == 0)
    g_clear_pointer (&self->history, atlas_type_history_unref);
  gtk_widget_set_visible (gtk_widget_get_first_child (GTK_WIDGET (self)), self->history != NULL);
  gtk_label_set_text (GTK_LABEL (self->status_label),
                      self->history != NULL ? ""
                      : category == NULL ? _("This package has no area types.")
                      : error != NULL ? error->message : "");
  gtk_widget_set_visible (self->status_label, self->history == NULL);
  if (self->history != NULL)
    show_history (self);
  else
    apply_shown (self);
}

static void
on_state_changed (AtlasTypeHistoryPanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
  else
    self->stale = TRUE;
}

static void
on_choice_changed (AtlasTypeHistoryPanel *self)
{
  if (self->filling || self->history == NULL)
    return;
  self->from_index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->from_dropdown));
  self->to_index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->to_dropdown));
  self->shown = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->shown_dropdown));
  update_changes (self);
}

static void
on_export_clicked (AtlasTypeHistoryPanel *self)
{
  g_autofree char *name = NULL;

  if (self->change_map == NULL)
    return;
  /* Translators: a file name */
  name = g_strdup_printf (_("type-changes-%u-%u.pdf"),
                          atlas_type_history_get_year (self->history, self->from_index),
                          atlas_type_history_get_year (self->history, self->to_index));
  atlas_analysis_view_export (GTK_WIDGET (self), self->change_map, name, GTK_LABEL (self->status_label));
  gtk_widget_set_visible (self->status_label, TRUE);
}

static void
build (AtlasTypeHistoryPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Change Map…"));

  self->subtitle_label = atlas_analysis_view_new_caption ();
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  self->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->chart), 80);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 8);
  self->from_dropdown = gtk_drop_down_new (NULL, NULL);
  self->to_dropdown = gtk_drop_down_new (NULL, NULL);
  self->shown_dropdown = gtk_drop_down_new (NULL, NULL);
  self->changes_label = atlas_analysis_view_new_caption ();
  self->change_view = atlas_analysis_view_new_figure (300);
  self->caveat_label = atlas_analysis_view_new_caption ();
  gtk_label_set_text (GTK_LABEL (self->caveat_label), atlas_type_history_get_caveat ());
  gtk_widget_add_css_class (self->caveat_label, "warning");
  self->demonstration_label = gtk_label_new (_("Demonstration data – not real statistics"));
  gtk_widget_add_css_class (self->demonstration_label, "error");
  self->status_label = atlas_analysis_view_new_caption ();

  gtk_box_append (GTK_BOX (box), self->subtitle_label);
  gtk_box_append (GTK_BOX (box), self->chart);
  gtk_box_append (GTK_BOX (box), self->grid);
  gtk_box_append (GTK_BOX (box), atlas_analysis_view_new_row (_("_From"), self->from_dropdown));
  gtk_box_append (GTK_BOX (box), atlas_analysis_view_new_row (_("_To"), self->to_dropdown));
  gtk_box_append (GTK_BOX (box), atlas_analysis_view_new_row (_("Show on _map"), self->shown_dropdown));
  gtk_box_append (GTK_BOX (box), self->changes_label);
  gtk_box_append (GTK_BOX (box), self->change_view);
  gtk_box_append (GTK_BOX (box), self->caveat_label);
  gtk_box_append (GTK_BOX (box), self->demonstration_label);
  gtk_box_append (GTK_BOX (box), export);
  /* The first child is the box shown only with a history */
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  gtk_widget_set_parent (self->status_label, GTK_WIDGET (self));

  g_signal_connect_swapped (self->from_dropdown, "notify::selected", G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->to_dropdown, "notify::selected", G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->shown_dropdown, "notify::selected", G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
}

static void
atlas_type_history_panel_map (GtkWidget *widget)
{
  AtlasTypeHistoryPanel *self = ATLAS_TYPE_HISTORY_PANEL (widget);

  GTK_WIDGET_CLASS (atlas_type_history_panel_parent_class)->map (widget);
  if (self->stale)
    update (self);
}

static void
atlas_type_history_panel_dispose (GObject *object)
{
  AtlasTypeHistoryPanel *self = ATLAS_TYPE_HISTORY_PANEL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_pointer (&self->history, atlas_type_history_unref);
  g_clear_object (&self->change_map);
  G_OBJECT_CLASS (atlas_type_history_panel_parent_class)->dispose (object);
}

static void
atlas_type_history_panel_class_init (AtlasTypeHistoryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_type_history_panel_dispose;
  widget_class->map = atlas_type_history_panel_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-type-history-panel");
}

static void
atlas_type_history_panel_init (AtlasTypeHistoryPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  build (self);
}

/**
 * atlas_type_history_panel_new:
 * @state: what to follow
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
atlas_type_history_panel_new (AtlasExplorerState *state)
{
  const char *signals[] = { "notify::dataset", "notify::package", "notify::selection" };
  AtlasTypeHistoryPanel *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_TYPE_HISTORY_PANEL, NULL);
  self->state = g_object_ref (state);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (state, signals[i], G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  /* Collapsed at first: the history is computed when the panel is shown */
  self->stale = TRUE;
  return GTK_WIDGET (self);
}

AtlasTypeHistory *
atlas_type_history_panel_get_history (AtlasTypeHistoryPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_TYPE_HISTORY_PANEL (self), NULL);

  if (self->stale)
    update (self);
  return self->history;
}

void
atlas_type_history_panel_set_years (AtlasTypeHistoryPanel *self,
                                    guint                  from_index,
                                    guint                  to_index)
{
  g_return_if_fail (ATLAS_IS_TYPE_HISTORY_PANEL (self));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->from_dropdown), from_index);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->to_dropdown), to_index);
}

void
atlas_type_history_panel_set_shown (AtlasTypeHistoryPanel *self,
                                    guint                  shown)
{
  g_return_if_fail (ATLAS_IS_TYPE_HISTORY_PANEL (self));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->shown_dropdown), shown);
}

AtlasAnalysisMap *
atlas_type_history_panel_get_change_map (AtlasTypeHistoryPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_TYPE_HISTORY_PANEL (self), NULL);

  return self->change_map;
}
