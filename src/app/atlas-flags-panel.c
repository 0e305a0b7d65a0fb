/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-analysis-view.h"
#include "atlas-flags-panel.h"

#define MAX_SHOWN_COUNT 3
/* Who draws areas alone on the map (atlas_explorer_state_set_highlight()) */
#define HIGHLIGHT_OWNER "flags"

struct _AtlasFlagsPanel
{
  GtkWidget parent_instance;

  GtkWidget *level_dropdown;
  GtkWidget *year_dropdown;
  GtkWidget *share_spin;
  GtkWidget *indicator_box;
  GtkWidget *shown_dropdown;
  GtkWidget *figure_view;
  GtkWidget *counts_label;
  GtkWidget *reference_label;
  GtkWidget *caveat_label;
  GtkWidget *demonstration_label;
  GtkWidget *list;
  GtkWidget *status_label;

  AtlasExplorerState *state;
  AtlasDataset       *dataset;
  GPtrArray          *indicators;   /* the choices beside indicator_box's buttons */
  AtlasProblemFlags  *flags;
  AtlasAnalysisMap   *figure;
  guint               n_listed;
  AtlasArea          *region;       /* the figure's frame (transfer none) */
  gboolean            stale;
  gboolean            filling;
};

G_DEFINE_FINAL_TYPE (AtlasFlagsPanel, atlas_flags_panel, GTK_TYPE_WIDGET)

static AtlasDivision *
chosen_division (AtlasFlagsPanel *self)
{
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->level_dropdown));
  GListModel *divisions = atlas_dataset_get_divisions (self->dataset);
  g_autoptr(AtlasDivision) division = index < g_list_model_get_n_items (divisions)
                                      ? g_list_model_get_item (divisions, index) : NULL;

  return division;  /* the dataset keeps it */
}

static guint
chosen_year (AtlasFlagsPanel *self)
{
  guint n_years = 0;
  const guint *years = atlas_dataset_get_years (self->dataset, &n_years);
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->year_dropdown));

  return index < n_years ? years[index] : 0;
}

static GPtrArray *
dup_chosen_indicators (AtlasFlagsPanel *self)
{
  GPtrArray *chosen = g_ptr_array_new ();
  guint i = 0;

  for (GtkWidget *check = gtk_widget_get_first_child (self->indicator_box); check != NULL;
       check = gtk_widget_get_next_sibling (check), i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      g_ptr_array_add (chosen, g_ptr_array_index (self->indicators, i));
  return chosen;
}

static void
apply_shown (AtlasFlagsPanel *self)
{
  guint shown = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->shown_dropdown));
  AtlasDivision *division;
  g_autoptr(GStrvBuilder) codes = NULL;
  g_auto(GStrv) strv = NULL;

  if (self->flags == NULL || shown == 0 || shown == GTK_INVALID_LIST_POSITION)
    {
      atlas_explorer_state_set_highlight (self->state, HIGHLIGHT_OWNER, NULL);
      return;
    }
  division = atlas_problem_flags_get_division (self->flags);
  codes = g_strv_builder_new ();
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    {
      guint count = atlas_problem_flags_get_count (self->flags, a);

      if (shown - 1 == MAX_SHOWN_COUNT ? count >= MAX_SHOWN_COUNT : count == shown - 1)
        g_strv_builder_add (codes, atlas_area_get_code (atlas_division_get_area (division, a)));
    }
  strv = g_strv_builder_end (codes);
  atlas_explorer_state_freeze (self->state);
  atlas_explorer_state_set_level (self->state, atlas_division_get_id (division));
  atlas_explorer_state_set_highlight (self->state, HIGHLIGHT_OWNER, (const char * const *) strv);
  atlas_explorer_state_thaw (self->state);
}

static char *
dup_flag_names (AtlasFlagsPanel *self,
                guint            area)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < atlas_problem_flags_get_n_indicators (self->flags); i++)
    if (atlas_problem_flags_is_flagged (self->flags, area, i))
      {
        AtlasIndicator *indicator = atlas_problem_flags_get_threshold (self->flags, i)->indicator;

        const char *label = atlas_indicator_get_short_label (indicator, NULL);

        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                                label != NULL ? label : atlas_indicator_get_name (indicator, NULL));
      }
  return g_string_free (names, FALSE);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  AtlasProblemFlags *flags = data;
  guint ca = atlas_problem_flags_get_count (flags, *(const guint *) a);
  guint cb = atlas_problem_flags_get_count (flags, *(const guint *) b);

  return ca != cb ? (ca > cb ? -1 : 1) : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* The flagged areas, most flags first. */
static void
fill_list (AtlasFlagsPanel *self)
{
  AtlasDivision *division = atlas_problem_flags_get_division (self->flags);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    if (atlas_problem_flags_get_count (self->flags, a) > 0)
      g_array_append_val (order, a);
  g_array_sort_with_data (order, compare_counts, self->flags);
  for (guint i = 0; i < order->len; i++)
    {
      guint a = g_array_index (order, guint, i);
      AtlasArea *area = atlas_division_get_area (division, a);
      g_autofree char *name = atlas_area_dup_display_name (area);
      g_autofree char *names = dup_flag_names (self, a);
      /* Translators: an area, its number of flags and the flags' names */
      g_autofree char *text = g_strdup_printf (_("%s: %u – %s"), name,
                                               atlas_problem_flags_get_count (self->flags, a), names);
      GtkWidget *label = atlas_analysis_view_new_caption ();

      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_list_box_append (GTK_LIST_BOX (self->list), label);
      g_object_set_data (G_OBJECT (gtk_widget_get_parent (label)), "area", area);
    }
  self->n_listed = order->len;
}

static void
show_flags (AtlasFlagsPanel *self)
{
  g_autofree char *reference = atlas_problem_flags_dup_reference (self->flags);
  /* Translators: the number of areas with 0, 1, 2 and 3 or more flags */
  g_autofree char *counts = g_strdup_printf (_("No flags: %u · 1 flag: %u · 2 flags: %u · 3 or more: %u"),
                                             atlas_problem_flags_count_areas (self->flags, 0),
                                             atlas_problem_flags_count_areas (self->flags, 1),
                                             atlas_problem_flags_count_areas (self->flags, 2),
                                             atlas_problem_flags_count_areas_at_least (self->flags, 3));
  AtlasDivision *division = atlas_problem_flags_get_division (self->flags);
  AtlasArea *region = atlas_analysis_view_pick_region (self->state, division);

  self->region = region;
  g_clear_object (&self->figure);
  self->figure = atlas_analysis_map_new_for_flags (self->flags, region);
  atlas_analysis_view_set_figure (self->figure_view, self->figure);
  gtk_label_set_text (GTK_LABEL (self->counts_label), counts);
  gtk_label_set_text (GTK_LABEL (self->reference_label), reference);
  gtk_widget_set_visible (self->demonstration_label, atlas_problem_flags_is_demonstration (self->flags));
  fill_list (self);
}

static void
compute (AtlasFlagsPanel *self)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GError) error = NULL;

  self->stale = FALSE;
  g_clear_pointer (&self->flags, atlas_problem_flags_unref);
  g_clear_object (&self->figure);
  if (self->dataset != NULL && chosen_division (self) != NULL)
    {
      chosen = dup_chosen_indicators (self);
      if (chosen->len > 0)
        self->flags = atlas_problem_flags_new (self->dataset, chosen_division (self), chosen_year (self),
                                               gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->share_spin)),
                                               chosen, &error);
    }
  gtk_label_set_text (GTK_LABEL (self->status_label),
                      self->flags != NULL ? ""
                      : error != NULL ? error->message
                      : self->dataset != NULL ? _("Choose at least one indicator.") : "");
  if (self->flags != NULL)
    show_flags (self);
  else
    atlas_analysis_view_set_figure (self->figure_view, NULL);
  apply_shown (self);
}

/* A listed area becomes the selection, at its level (and the details
 * show it). */
static void
on_row_activated (AtlasFlagsPanel *self,
                  GtkListBoxRow   *row)
{
  AtlasArea *area = g_object_get_data (G_OBJECT (row), "area");

  if (area == NULL)
    return;
  atlas_explorer_state_freeze (self->state);
  atlas_explorer_state_set_level (self->state, atlas_division_get_id (atlas_area_get_division (area)));
  atlas_explorer_state_select (self->state, atlas_area_get_code (area));
  atlas_explorer_state_thaw (self->state);
}

/* GtkSpinButton writes its value with the C locale's point ("5.0"); the
 * share is shown as the app writes numbers, "5,0" in Swedish. */
static gboolean
on_share_output (GtkSpinButton *spin)
{
  g_autofree char *text = atlas_format_number (gtk_spin_button_get_value (spin),
                                               gtk_spin_button_get_digits (spin), NULL);

  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Either decimal mark is read, whatever the language. */
static int
on_share_input (GtkSpinButton *spin,
                double        *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;

  g_strdelimit (text, ",", '.');
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return GTK_INPUT_ERROR;
  return TRUE;
}

static void
on_choice_changed (AtlasFlagsPanel *self)
{
  if (self->filling)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    compute (self);
  else
    self->stale = TRUE;
}

/* Level, years and indicators of a newly opened package: the deepest
 * level, the state's year, every indicator with a polarity. */
static void
fill_choices (AtlasFlagsPanel *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  GListModel *divisions = atlas_dataset_get_divisions (self->dataset);
  guint n_years = 0, year_index = 0;
  const guint *year_list = atlas_dataset_get_years (self->dataset, &n_years);
  GtkWidget *child;

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      gtk_string_list_append (levels, atlas_division_get_name (division, NULL));
    }
  year_index = n_years > 0 ? n_years - 1 : 0;
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *year = g_strdup_printf ("%u", year_list[i]);

      gtk_string_list_append (years, year);
      if (year_list[i] == atlas_explorer_state_get_year (self->state))
        year_index = i;
    }
  while ((child = gtk_widget_get_first_child (self->indicator_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->indicator_box), child);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  self->indicators = atlas_problem_flags_dup_default_indicators (self->dataset);
  for (guint i = 0; i < self->indicators->len; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (atlas_indicator_get_name (g_ptr_array_index (self->indicators, i), NULL));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_choice_changed), self);
      gtk_box_append (GTK_BOX (self->indicator_box), check);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->level_dropdown), G_LIST_MODEL (levels));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->level_dropdown), g_list_model_get_n_items (divisions) - 1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->year_dropdown), G_LIST_MODEL (years));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown), year_index);
}

static void
on_dataset_changed (AtlasFlagsPanel *self)
{
  AtlasDataset *dataset = atlas_explorer_state_awaits_package (self->state)
                          ? NULL : atlas_explorer_state_get_dataset (self->state);

  if (self->dataset == dataset)
    return;
  g_set_object (&self->dataset, dataset);
  self->filling = TRUE;
  if (self->dataset != NULL)
    fill_choices (self);
  self->filling = FALSE;
  on_choice_changed (self);
}

/* A län or kommun selected frames the figure; other selections (such as
 * a listed area) leave it. */
static void
on_selection_changed (AtlasFlagsPanel *self)
{
  if (self->flags == NULL
      || atlas_analysis_view_pick_region (self->state, atlas_problem_flags_get_division (self->flags)) != self->region)
    on_choice_changed (self);
}

/* The state's year steps carry the panel along (it can still be set apart). */
static void
on_year_changed (AtlasFlagsPanel *self)
{
  guint n_years = 0;
  const guint *years = self->dataset != NULL ? atlas_dataset_get_years (self->dataset, &n_years) : NULL;

  for (guint i = 0; i < n_years; i++)
    if (years[i] == atlas_explorer_state_get_year (self->state))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown), i);
}

static void
on_export_clicked (AtlasFlagsPanel *self)
{
  g_autofree char *name = NULL;

  if (self->figure == NULL)
    return;
  /* Translators: a file name */
  name = g_strdup_printf (_("problem-areas-%s-%u.pdf"),
                          atlas_division_get_id (atlas_problem_flags_get_division (self->flags)),
                          atlas_problem_flags_get_year (self->flags));
  atlas_analysis_view_export (GTK_WIDGET (self), self->figure, name, GTK_LABEL (self->status_label));
}

static void
build (AtlasFlagsPanel *self)
{
  GtkWidget *indicators = gtk_expander_new_with_mnemonic (_("_Indicators"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Problem Map…"));
  g_autoptr(GtkStringList) shown = gtk_string_list_new ((const char *[]) {
    _("Every area"), _("No flags"), _("1 flag"), _("2 flags"), _("3 or more flags"), NULL });
  GtkWidget *children[15];
  guint n = 0;

  self->level_dropdown = gtk_drop_down_new (NULL, NULL);
  self->year_dropdown = gtk_drop_down_new (NULL, NULL);
  self->share_spin = gtk_spin_button_new_with_range (0.5, 50, 0.5);
  /* numeric mode would refuse the comma: on_share_input() checks instead */
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->share_spin), FALSE);
  g_signal_connect (self->share_spin, "output", G_CALLBACK (on_share_output), NULL);
  g_signal_connect (self->share_spin, "input", G_CALLBACK (on_share_input), NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->share_spin), 5);
  self->indicator_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_expander_set_child (GTK_EXPANDER (indicators), self->indicator_box);
  self->shown_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (shown)), NULL);
  self->figure_view = atlas_analysis_view_new_figure (320);
  self->counts_label = atlas_analysis_view_new_caption ();
  self->reference_label = atlas_analysis_view_new_caption ();
  self->caveat_label = atlas_analysis_view_new_caption ();
  gtk_label_set_text (GTK_LABEL (self->caveat_label), atlas_problem_flags_get_caveat ());
  gtk_widget_add_css_class (self->caveat_label, "warning");
  self->demonstration_label = gtk_label_new (_("Demonstration data – not real statistics"));
  gtk_widget_add_css_class (self->demonstration_label, "error");
  gtk_widget_set_visible (self->demonstration_label, FALSE);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->status_label = atlas_analysis_view_new_caption ();

  children[n++] = atlas_analysis_view_new_row (_("_Level"), self->level_dropdown);
  children[n++] = atlas_analysis_view_new_row (_("_Year"), self->year_dropdown);
  children[n++] = atlas_analysis_view_new_row (_("Worst _share (%)"), self->share_spin);
  children[n++] = indicators;
  children[n++] = atlas_analysis_view_new_row (_("Show on _map"), self->shown_dropdown);
  children[n++] = self->figure_view;
  children[n++] = self->counts_label;
  children[n++] = self->reference_label;
  children[n++] = self->caveat_label;
  children[n++] = self->demonstration_label;
  children[n++] = scrolled;
  children[n++] = export;
  children[n++] = self->status_label;
  for (guint i = 0; i < n; i++)
    gtk_widget_set_parent (children[i], GTK_WIDGET (self));

  g_signal_connect_swapped (self->level_dropdown, "notify::selected", G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected", G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->share_spin, "value-changed", G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->shown_dropdown, "notify::selected", G_CALLBACK (apply_shown), self);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
}

static void
atlas_flags_panel_map (GtkWidget *widget)
{
  AtlasFlagsPanel *self = ATLAS_FLAGS_PANEL (widget);

  GTK_WIDGET_CLASS (atlas_flags_panel_parent_class)->map (widget);
  if (self->stale)
    compute (self);
}

static void
atlas_flags_panel_dispose (GObject *object)
{
  AtlasFlagsPanel *self = ATLAS_FLAGS_PANEL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->flags, atlas_problem_flags_unref);
  g_clear_object (&self->figure);
  G_OBJECT_CLASS (atlas_flags_panel_parent_class)->dispose (object);
}

static void
atlas_flags_panel_class_init (AtlasFlagsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_flags_panel_dispose;
  widget_class->map = atlas_flags_panel_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-flags-panel");
}

static void
atlas_flags_panel_init (AtlasFlagsPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  build (self);
}

/**
 * atlas_flags_panel_new:
 * @state: what to follow
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
atlas_flags_panel_new (AtlasExplorerState *state)
{
  AtlasFlagsPanel *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_FLAGS_PANEL, NULL);
  self->state = g_object_ref (state);
  g_signal_connect_object (state, "notify::dataset", G_CALLBACK (on_dataset_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::package", G_CALLBACK (on_dataset_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::selection", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::year", G_CALLBACK (on_year_changed), self, G_CONNECT_SWAPPED);
  on_dataset_changed (self);
  return GTK_WIDGET (self);
}

AtlasProblemFlags *
atlas_flags_panel_get_flags (AtlasFlagsPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_FLAGS_PANEL (self), NULL);

  if (self->stale)
    compute (self);
  return self->flags;
}

AtlasAnalysisMap *
atlas_flags_panel_get_figure (AtlasFlagsPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_FLAGS_PANEL (self), NULL);

  if (self->stale)
    compute (self);
  return self->figure;
}

gboolean
atlas_flags_panel_set_level (AtlasFlagsPanel *self,
                             const char      *level,
                             guint            year)
{
  GListModel *divisions;
  guint n_years = 0;
  const guint *years;
  int level_index = -1, year_index = -1;

  g_return_val_if_fail (ATLAS_IS_FLAGS_PANEL (self), FALSE);

  if (self->dataset == NULL)
    return FALSE;
  divisions = atlas_dataset_get_divisions (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (g_strcmp0 (atlas_division_get_id (division), level) == 0)
        level_index = (int) i;
    }
  years = atlas_dataset_get_years (self->dataset, &n_years);
  for (guint i = 0; i < n_years; i++)
    if (years[i] == year)
      year_index = (int) i;
  if (level_index < 0 || year_index < 0)
    return FALSE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->level_dropdown), (guint) level_index);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->year_dropdown), (guint) year_index);
  return TRUE;
}

void
atlas_flags_panel_set_share (AtlasFlagsPanel *self,
                             double           percent)
{
  g_return_if_fail (ATLAS_IS_FLAGS_PANEL (self));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->share_spin), percent);
}

void
atlas_flags_panel_set_shown (AtlasFlagsPanel *self,
                             guint            shown)
{
  g_return_if_fail (ATLAS_IS_FLAGS_PANEL (self));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->shown_dropdown), shown);
}

guint
atlas_flags_panel_get_n_listed (AtlasFlagsPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_FLAGS_PANEL (self), 0);

  if (self->stale)
    compute (self);
  return self->n_listed;
}
