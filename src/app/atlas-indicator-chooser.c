/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "atlas-indicator-chooser.h"
#include "atlas-tooltip.h"

struct _AtlasIndicatorChooser
{
  GtkWidget parent_instance;

  GtkWidget *heading_label;
  GtkWidget *search_entry;
  GtkWidget *scroller;
  GtkWidget *list_view;
  GtkWidget *empty_label;

  AtlasExplorerState *state;
  GListStore *rows;              /* AtlasIndicator in theme order */
  GtkListItemFactory *factory;
  GtkFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char *query;                   /* case-folded, NULL when empty */
  guint syncing;
};

G_DEFINE_FINAL_TYPE (AtlasIndicatorChooser, atlas_indicator_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Rows                                                               */

static const char *
theme_name (AtlasIndicatorChooser *self,
            AtlasIndicator        *indicator)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  const char *id = atlas_indicator_get_theme_id (indicator);
  AtlasTheme *theme = dataset != NULL && id != NULL ? atlas_dataset_lookup_theme (dataset, id) : NULL;

  return theme != NULL ? atlas_theme_get_name (theme, NULL) : NULL;
}

static void
append_theme (AtlasIndicatorChooser *self,
              GPtrArray             *rows,
              AtlasTheme            *theme,
              GListModel            *indicators)
{
  guint n = g_list_model_get_n_items (indicators);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);
      const char *theme_id = atlas_indicator_get_theme_id (indicator);

      if (theme != NULL ? g_strcmp0 (theme_id, atlas_theme_get_id (theme)) != 0
                        : theme_id != NULL && atlas_dataset_lookup_theme (atlas_explorer_state_get_dataset (self->state), theme_id) != NULL)
        continue;
      g_ptr_array_add (rows, g_object_ref (indicator));
    }
}

/* Themes in package order, each followed by its indicators; indicators
 * of no listed theme come last, without a heading. */
static void
fill_rows (AtlasIndicatorChooser *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *themes;
  GListModel *indicators;

  if (dataset != NULL)
    {
      themes = atlas_dataset_get_themes (dataset);
      indicators = atlas_dataset_get_indicators (dataset);
      for (guint t = 0; t < g_list_model_get_n_items (themes); t++)
        {
          g_autoptr(AtlasTheme) theme = g_list_model_get_item (themes, t);

          append_theme (self, rows, theme, indicators);
        }
      append_theme (self, rows, NULL, indicators);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

/* A substring anywhere, or a word start typed without Swedish letters
 * ("omradestyp" finds "Områdestyp"). */
static gboolean
text_matches (const char *text,
              const char *query)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, query) != NULL || g_str_match_string (query, text, TRUE);
}

static gboolean
indicator_matches (AtlasIndicatorChooser *self,
                   AtlasIndicator        *indicator)
{
  if (self->query == NULL)
    return TRUE;
  return text_matches (atlas_indicator_get_name (indicator, NULL), self->query) ||
         text_matches (atlas_indicator_get_short_label (indicator, NULL), self->query) ||
         text_matches (atlas_indicator_get_id (indicator), self->query) ||
         text_matches (theme_name (self, indicator), self->query);
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  return indicator_matches (user_data, item);
}

static GtkWidget *
create_pill (const char *text,
             const char *css_class,
             const char *tooltip)
{
  GtkWidget *pill = gtk_label_new (text);

  gtk_widget_add_css_class (pill, css_class);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (pill, tooltip);
  return pill;
}

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "indicator-theme");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), create_pill (_("Background"), "background-pill",
                                              _("A background variable, not an indicator of segregation")));
  gtk_box_append (GTK_BOX (row), create_pill (_("Demo"), "demo-pill",
                                              _("Demonstration data – not real statistics")));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), row);
  gtk_list_item_set_child (item, box);
}

/* The theme's name heads the first shown indicator of each theme. Rows
 * are headings themselves rather than separate items, as GTK 4.8 lets no
 * keyboard focus onto rows that cannot be chosen. */
static const char *
theme_heading (AtlasIndicatorChooser *self,
               guint                  position)
{
  GListModel *shown = G_LIST_MODEL (self->filtered);
  g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (shown, position);
  g_autoptr(AtlasIndicator) previous = position > 0 ? g_list_model_get_item (shown, position - 1) : NULL;

  if (previous != NULL &&
      g_strcmp0 (atlas_indicator_get_theme_id (previous), atlas_indicator_get_theme_id (indicator)) == 0)
    return NULL;
  return theme_name (self, indicator);
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AtlasIndicatorChooser    *self)
{
  AtlasIndicator *indicator = gtk_list_item_get_item (item);
  GtkWidget *heading = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *row = gtk_widget_get_next_sibling (heading);
  GtkWidget *name = gtk_widget_get_first_child (row);
  GtkWidget *background = gtk_widget_get_next_sibling (name);
  GtkWidget *demo = gtk_widget_get_next_sibling (background);
  const char *theme = theme_heading (self, gtk_list_item_get_position (item));

  gtk_label_set_text (GTK_LABEL (heading), theme != NULL ? theme : "");
  gtk_widget_set_visible (heading, theme != NULL);
  gtk_label_set_text (GTK_LABEL (name), atlas_indicator_get_name (indicator, NULL));
  atlas_widget_set_tooltip (row, atlas_indicator_get_definition (indicator, NULL));
  gtk_widget_set_visible (background, atlas_indicator_get_kind (indicator) == ATLAS_INDICATOR_KIND_BACKGROUND);
  gtk_widget_set_visible (demo, atlas_dataset_indicator_is_demonstration (atlas_explorer_state_get_dataset (self->state), indicator));
}

/* ------------------------------------------------------------------ */
/* Choosing                                                           */

/* The year closest to @year in which the indicator has values, or @year;
 * on a tie the later year wins: newer statistics. */
static guint
nearest_year_with_values (AtlasDataset   *dataset,
                          AtlasIndicator *indicator,
                          guint           year)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, indicator);
  guint best = year;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; years != NULL && i < years->len; i++)
    {
      guint candidate = g_array_index (years, guint, i);
      guint distance = candidate > year ? candidate - year : year - candidate;

      if (distance <= best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  return best;
}

static guint
find_shown (AtlasIndicatorChooser *self,
            gpointer               item)
{
  GListModel *model = G_LIST_MODEL (self->filtered);

  for (guint i = 0; item != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      if (row == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The state's indicator, chosen and in view. While the state awaits a
 * saved view's package its indicator is not in the list: none is. */
static void
select_state_indicator (AtlasIndicatorChooser *self)
{
  guint position = find_shown (self, atlas_explorer_state_lookup_indicator (self->state));

  self->syncing++;
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_list_view_scroll_to(); its action does the same */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
  self->syncing--;
}

static void
on_selection_changed (AtlasIndicatorChooser *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (self->syncing > 0 || item == NULL)
    return;
  atlas_indicator_chooser_choose (self, item);
}

static void
update_empty (AtlasIndicatorChooser *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_widget_set_visible (self->empty_label, empty && self->query != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (self->scroller), !empty);
}

static void
on_search_changed (AtlasIndicatorChooser *self)
{
  atlas_indicator_chooser_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search entry takes the first match. */
static void
on_search_activate (AtlasIndicatorChooser *self)
{
  g_autoptr(AtlasIndicator) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first == NULL)
    return;
  atlas_indicator_chooser_choose (self, first);
  gtk_widget_grab_focus (self->list_view);
}

/* Down from the search entry continues into the list. */
static gboolean
on_search_key_pressed (AtlasIndicatorChooser *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  return gtk_widget_child_focus (self->list_view, GTK_DIR_TAB_FORWARD);
}

static void
on_state_dataset_notify (AtlasIndicatorChooser *self)
{
  self->syncing++;
  fill_rows (self);
  self->syncing--;
  select_state_indicator (self);
  update_empty (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
setup_list (AtlasIndicatorChooser *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->rows = g_list_store_new (ATLAS_TYPE_INDICATOR);
  self->factory = gtk_signal_list_item_factory_new ();
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_row, self, NULL));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                              g_object_ref (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_empty), self);

  g_signal_connect (self->factory, "setup", G_CALLBACK (on_row_setup), self);
  g_signal_connect (self->factory, "bind", G_CALLBACK (on_row_bind), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), self->factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), FALSE);

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (self->search_entry, keys);
  /* Typing while the list has focus goes to the search */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), self->list_view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->heading_label, NULL, -1);
}

static void
atlas_indicator_chooser_constructed (GObject *object)
{
  AtlasIndicatorChooser *self = ATLAS_INDICATOR_CHOOSER (object);

  G_OBJECT_CLASS (atlas_indicator_chooser_parent_class)->constructed (object);

  g_assert (ATLAS_IS_EXPLORER_STATE (self->state));
  g_signal_connect_object (self->state, "notify::dataset",
                           G_CALLBACK (on_state_dataset_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::indicator",
                           G_CALLBACK (select_state_indicator), self, G_CONNECT_SWAPPED);
  on_state_dataset_notify (self);
}

static void
atlas_indicator_chooser_dispose (GObject *object)
{
  AtlasIndicatorChooser *self = ATLAS_INDICATOR_CHOOSER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_INDICATOR_CHOOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->factory);
  g_clear_object (&self->rows);
  /* The state may outlive this widget's dispose */
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (atlas_indicator_chooser_parent_class)->dispose (object);
}

static void
atlas_indicator_chooser_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AtlasIndicatorChooser *self = ATLAS_INDICATOR_CHOOSER (object);

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
atlas_indicator_chooser_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AtlasIndicatorChooser *self = ATLAS_INDICATOR_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_indicator_chooser_class_init (AtlasIndicatorChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_indicator_chooser_constructed;
  object_class->dispose = atlas_indicator_chooser_dispose;
  object_class->get_property = atlas_indicator_chooser_get_property;
  object_class->set_property = atlas_indicator_chooser_set_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, ATLAS_TYPE_EXPLORER_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-indicator-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasIndicatorChooser, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasIndicatorChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasIndicatorChooser, scroller);
  gtk_widget_class_bind_template_child (widget_class, AtlasIndicatorChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasIndicatorChooser, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-indicator-chooser");
}

static void
atlas_indicator_chooser_init (AtlasIndicatorChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_list (self);
}

GtkWidget *
atlas_indicator_chooser_new (AtlasExplorerState *state)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  return g_object_new (ATLAS_TYPE_INDICATOR_CHOOSER, "state", state, NULL);
}

AtlasExplorerState *
atlas_indicator_chooser_get_state (AtlasIndicatorChooser *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR_CHOOSER (self), NULL);

  return self->state;
}

void
atlas_indicator_chooser_set_filter (AtlasIndicatorChooser *self,
                                    const char            *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (ATLAS_IS_INDICATOR_CHOOSER (self));

  g_clear_pointer (&self->query, g_free);
  if (stripped[0] != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  /* Headings depend on the row above, which filtering changes: rebind */
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), NULL);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), self->factory);
  select_state_indicator (self);
  update_empty (self);
}

guint
atlas_indicator_chooser_get_n_shown (AtlasIndicatorChooser *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR_CHOOSER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
atlas_indicator_chooser_choose (AtlasIndicatorChooser *self,
                                AtlasIndicator        *indicator)
{
  AtlasDataset *dataset;
  guint year;

  g_return_if_fail (ATLAS_IS_INDICATOR_CHOOSER (self));
  g_return_if_fail (ATLAS_IS_INDICATOR (indicator));

  dataset = atlas_explorer_state_get_dataset (self->state);
  if (dataset == NULL)
    return;
  /* Choosing an indicator should never show an empty map; one change of
   * the state, so the map draws once */
  year = nearest_year_with_values (dataset, indicator, atlas_explorer_state_get_year (self->state));
  atlas_explorer_state_freeze (self->state);
  atlas_explorer_state_set_indicator (self->state, atlas_indicator_get_id (indicator));
  atlas_explorer_state_set_year (self->state, year);
  atlas_explorer_state_thaw (self->state);
}

/**
 * atlas_indicator_chooser_get_selected:
 *
 * Returns: (transfer none) (nullable): the indicator chosen in the list
 */
AtlasIndicator *
atlas_indicator_chooser_get_selected (AtlasIndicatorChooser *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR_CHOOSER (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}
