/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "atlas-explore-panel.h"
#include "atlas-multiples-view.h"
#include "atlas-profile-view.h"
#include "atlas-scatter-view.h"
#include "atlas-similar-view.h"
#include "atlas-tooltip.h"

#define SCATTER_HEIGHT 320
#define N_SIMILAR 10

struct _AtlasExplorePanel
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkWidget          *stack;
  GtkWidget          *switcher;
  GtkWidget          *y_dropdown;
  GtkWidget          *scatter;
  GtkWidget          *profile;
  GtkWidget          *similar;
  GtkWidget          *multiples;
  AtlasExplorerState *state;
  GListStore         *indicators;   /* the numeric ones, for the y axis */

  /* What the pages show, so that a state change that leaves them alone
   * (a pan) computes nothing. The dataset is held: the pointers below
   * stay its objects. */
  AtlasDataset       *dataset;
  gpointer            scatter_inputs[3];   /* division, x, y */
  guint               scatter_year;
  AtlasArea          *profile_area;
  guint               profile_year;
  AtlasArea          *similar_area;
  guint               similar_year;
};

G_DEFINE_FINAL_TYPE (AtlasExplorePanel, atlas_explore_panel, GTK_TYPE_WIDGET)

static void
forget_pages (AtlasExplorePanel *self)
{
  memset (self->scatter_inputs, 0, sizeof self->scatter_inputs);
  self->scatter_year = 0;
  self->profile_area = self->similar_area = NULL;
  self->profile_year = self->similar_year = 0;
}

/* The indicators a scatter plot can take: every one with numbers. */
static void
fill_indicators (AtlasExplorePanel *self)
{
  GListModel *all = self->dataset != NULL ? atlas_dataset_get_indicators (self->dataset) : NULL;
  AtlasIndicator *shown = atlas_explorer_state_lookup_indicator (self->state);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;
  guint pick = GTK_INVALID_LIST_POSITION;

  g_list_store_remove_all (self->indicators);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

      if (atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_CATEGORY)
        continue;
      if (pick == GTK_INVALID_LIST_POSITION && indicator != shown)
        pick = g_list_model_get_n_items (G_LIST_MODEL (self->indicators));
      g_list_store_append (self->indicators, indicator);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->y_dropdown), pick);
}

static void
refresh_scatter (AtlasExplorePanel *self)
{
  AtlasDivision *division = atlas_explorer_state_lookup_division (self->state);
  AtlasIndicator *x = atlas_explorer_state_lookup_indicator (self->state);
  AtlasIndicator *y = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->y_dropdown));
  guint year = atlas_explorer_state_get_year (self->state);

  atlas_scatter_view_set_selection (ATLAS_SCATTER_VIEW (self->scatter),
                                    atlas_explorer_state_get_selection (self->state));
  if (self->scatter_inputs[0] == division && self->scatter_inputs[1] == x && self->scatter_inputs[2] == y
      && self->scatter_year == year)
    return;
  self->scatter_inputs[0] = division;
  self->scatter_inputs[1] = x;
  self->scatter_inputs[2] = y;
  self->scatter_year = year;
  atlas_scatter_view_set_data (ATLAS_SCATTER_VIEW (self->scatter), self->dataset, division, year, x, y, NULL);
}

static void
refresh_profile (AtlasExplorePanel *self)
{
  AtlasArea *area = atlas_explorer_state_lookup_selected (self->state);
  guint year = atlas_explorer_state_get_year (self->state);

  if (self->profile_area == area && self->profile_year == year)
    return;
  self->profile_area = area;
  self->profile_year = year;
  atlas_profile_view_set_area (ATLAS_PROFILE_VIEW (self->profile), self->dataset, area, year);
}

static void
refresh_similar (AtlasExplorePanel *self)
{
  AtlasArea *area = atlas_explorer_state_lookup_selected (self->state);
  guint year = atlas_explorer_state_get_year (self->state);

  if (self->similar_area == area && self->similar_year == year)
    return;
  self->similar_area = area;
  self->similar_year = year;
  atlas_similar_view_set_area (ATLAS_SIMILAR_VIEW (self->similar), self->dataset, area, year, NULL, N_SIMILAR);
}

/* The shown page follows the state; the others wait until shown. */
static void
refresh (AtlasExplorePanel *self)
{
  AtlasDataset *dataset = self->state != NULL ? atlas_explorer_state_get_dataset (self->state) : NULL;
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  if (self->state == NULL)
    return;
  if (dataset != self->dataset)
    {
      g_set_object (&self->dataset, dataset);
      forget_pages (self);
      fill_indicators (self);
    }
  /* Collapsed (as it starts), the views wait until they are shown, so a
   * year step does not compute a scatter nobody sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (page, "scatter") == 0)
    refresh_scatter (self);
  else if (g_strcmp0 (page, "profile") == 0)
    refresh_profile (self);
  else if (g_strcmp0 (page, "similar") == 0)
    refresh_similar (self);
  else if (g_strcmp0 (page, "multiples") == 0)
    atlas_multiples_view_refresh (ATLAS_MULTIPLES_VIEW (self->multiples));
}

static void
on_brushed (AtlasExplorePanel  *self,
            const char * const *codes)
{
  atlas_explorer_state_set_selection (self->state, codes);
}

static void
on_compare_requested (AtlasExplorePanel *self,
                      const char        *code,
                      const char        *other)
{
  atlas_explorer_state_set_compare (self->state, code, other);
}

static void
on_clear_clicked (AtlasExplorePanel *self)
{
  atlas_explorer_state_set_selection (self->state, NULL);
}

/* The chosen area first (the state's selected one stays), then the
 * areas like it, all outlined on the map. */
static void
on_mark_similar_clicked (AtlasExplorePanel *self)
{
  AtlasSimilarAreas *result = atlas_similar_view_get_result (ATLAS_SIMILAR_VIEW (self->similar));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;

  if (result == NULL)
    return;
  g_strv_builder_add (builder, atlas_area_get_code (atlas_similar_areas_get_area (result)));
  for (guint i = 0; i < atlas_similar_areas_get_n_items (result); i++)
    g_strv_builder_add (builder, atlas_area_get_code (atlas_similar_areas_get_item (result, i)));
  codes = g_strv_builder_end (builder);
  atlas_explorer_state_set_selection (self->state, (const char * const *) codes);
}

static void
on_y_selected (AtlasExplorePanel *self)
{
  memset (self->scatter_inputs, 0, sizeof self->scatter_inputs);
  refresh (self);
}

static char *
dup_indicator_name (AtlasIndicator *indicator)
{
  return g_strdup (indicator != NULL ? atlas_indicator_get_name (indicator, NULL) : "");
}

/* Ellipsized names: the longest would widen the sidebar. */
static void
on_setup_name (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
on_bind_name (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  AtlasIndicator *indicator = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), atlas_indicator_get_name (indicator, NULL));
  atlas_widget_set_tooltip (gtk_list_item_get_child (item), atlas_indicator_get_name (indicator, NULL));
}

static GtkWidget *
create_hint (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
create_scatter_page (AtlasExplorePanel *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("C_lear Selection"));
  GtkListItemFactory *factory;
  GtkExpression *name;

  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (dup_indicator_name), NULL, NULL);
  self->y_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->indicators)), name);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_name), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_name), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->y_dropdown), factory);
  g_object_unref (factory);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->y_dropdown), TRUE);
  gtk_widget_set_hexpand (self->y_dropdown, TRUE);
  gtk_widget_set_tooltip_text (self->y_dropdown, _("The indicator on the vertical axis; the map's indicator is on the horizontal one"));
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Against")));
  gtk_box_append (GTK_BOX (row), self->y_dropdown);
  g_signal_connect_swapped (self->y_dropdown, "notify::selected", G_CALLBACK (on_y_selected), self);

  self->scatter = atlas_scatter_view_new ();
  gtk_widget_set_size_request (self->scatter, -1, SCATTER_HEIGHT);
  g_signal_connect_swapped (self->scatter, "selection-changed", G_CALLBACK (on_brushed), self);
  gtk_widget_set_halign (clear, GTK_ALIGN_START);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (on_clear_clicked), self);

  gtk_box_append (GTK_BOX (page), row);
  gtk_box_append (GTK_BOX (page), self->scatter);
  gtk_box_append (GTK_BOX (page), create_hint (_("Drag a rectangle to select areas: they are outlined on the map. "
                                                 "A click on the map marks the area's point.")));
  gtk_box_append (GTK_BOX (page), clear);
  return page;
}

static GtkWidget *
create_similar_page (AtlasExplorePanel *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *mark = gtk_button_new_with_mnemonic (_("_Show on Map"));

  self->similar = atlas_similar_view_new ();
  g_signal_connect_swapped (self->similar, "compare-requested", G_CALLBACK (on_compare_requested), self);
  gtk_widget_set_halign (mark, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (mark, _("Select the area and the areas like it, outlined on the map"));
  g_signal_connect_swapped (mark, "clicked", G_CALLBACK (on_mark_similar_clicked), self);
  gtk_box_append (GTK_BOX (page), self->similar);
  gtk_box_append (GTK_BOX (page), mark);
  return page;
}

static void
on_page_toggled (GtkToggleButton   *button,
                 AtlasExplorePanel *self)
{
  if (gtk_toggle_button_get_active (button))
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), g_object_get_data (G_OBJECT (button), "page"));
}

/* Linked toggle buttons rather than a GtkStackSwitcher, whose buttons
 * would widen the sidebar. */
static void
add_page (AtlasExplorePanel *self,
          GtkWidget         *switcher,
          GtkWidget         *child,
          const char        *name,
          const char        *title)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (title);
  GtkWidget *first = gtk_widget_get_first_child (switcher);

  gtk_stack_add_named (GTK_STACK (self->stack), child, name);
  gtk_widget_set_hexpand (button, TRUE);
  g_object_set_data_full (G_OBJECT (button), "page", g_strdup (name), g_free);
  if (first != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  g_signal_connect (button, "toggled", G_CALLBACK (on_page_toggled), self);
  gtk_box_append (GTK_BOX (switcher), button);
}

static void
sync_switcher (AtlasExplorePanel *self)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  for (GtkWidget *button = gtk_widget_get_first_child (self->switcher); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "page"), page) == 0)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

static void
atlas_explore_panel_dispose (GObject *object)
{
  AtlasExplorePanel *self = ATLAS_EXPLORE_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->state);
  g_clear_object (&self->dataset);
  g_clear_object (&self->indicators);

  G_OBJECT_CLASS (atlas_explore_panel_parent_class)->dispose (object);
}

static void
atlas_explore_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_explore_panel_parent_class)->map (widget);
  refresh (ATLAS_EXPLORE_PANEL (widget));
}

static void
atlas_explore_panel_class_init (AtlasExplorePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_explore_panel_dispose;
  widget_class->map = atlas_explore_panel_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
atlas_explore_panel_init (AtlasExplorePanel *self)
{
  GtkWidget *switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->switcher = switcher;
  self->indicators = g_list_store_new (ATLAS_TYPE_INDICATOR);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->stack = gtk_stack_new ();
  /* Each page its own size: a homogeneous stack measured the pages'
   * widths for the tallest one's height and widened the sidebar. */
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_widget_add_css_class (switcher, "linked");
  self->profile = atlas_profile_view_new ();

  add_page (self, switcher, create_scatter_page (self), "scatter", _("_Scatter"));
  add_page (self, switcher, self->profile, "profile", _("_Profile"));
  add_page (self, switcher, create_similar_page (self), "similar", _("S_imilar"));
  gtk_box_append (GTK_BOX (self->box), switcher);
  gtk_box_append (GTK_BOX (self->box), self->stack);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (sync_switcher), self);
}

GtkWidget *
atlas_explore_panel_new (AtlasExplorerState *state)
{
  AtlasExplorePanel *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_EXPLORE_PANEL, NULL);
  self->state = g_object_ref (state);
  self->multiples = atlas_multiples_view_new (state);
  add_page (self, self->switcher, self->multiples, "multiples", _("S_mall Multiples"));
  g_signal_connect_object (state, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WIDGET (self);
}

void
atlas_explore_panel_show_page (AtlasExplorePanel *self,
                               const char        *name)
{
  g_return_if_fail (ATLAS_IS_EXPLORE_PANEL (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

void
atlas_explore_panel_set_y_indicator (AtlasExplorePanel *self,
                                     AtlasIndicator    *indicator)
{
  guint position;

  g_return_if_fail (ATLAS_IS_EXPLORE_PANEL (self));

  if (g_list_store_find (self->indicators, indicator, &position))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->y_dropdown), position);
}

GtkWidget *
atlas_explore_panel_get_scatter_view (AtlasExplorePanel *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORE_PANEL (self), NULL);

  return self->scatter;
}

GtkWidget *
atlas_explore_panel_get_profile_view (AtlasExplorePanel *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORE_PANEL (self), NULL);

  return self->profile;
}

GtkWidget *
atlas_explore_panel_get_multiples_view (AtlasExplorePanel *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORE_PANEL (self), NULL);

  return self->multiples;
}

GtkWidget *
atlas_explore_panel_get_similar_view (AtlasExplorePanel *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORE_PANEL (self), NULL);

  return self->similar;
}
