/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "atlas-comparison-panel.h"
#include "atlas-tooltip.h"
#include "atlas-trend-chart-view.h"

/* What the next area selected (a click on the map, a search result)
 * does. */
typedef enum
{
  PICK_NONE,
  PICK_A,
  PICK_B,
} PickMode;

/* Height the panel takes when it is shown: the map keeps the rest, and at
 * 1280 × 800 that is still about 400 pixels. */
#define PANEL_HEIGHT 340
#define MIN_MAP_HEIGHT 320

struct _AtlasComparisonPanel
{
  GtkWidget        parent_instance;

  /* template */
  GtkWidget       *box;
  GtkWidget       *pick_bar;
  GtkWidget       *pick_label;
  GtkWidget       *area_a_label;
  GtkWidget       *area_b_label;
  GtkWidget       *year_label;
  GtkWidget       *since_dropdown;
  GtkWidget       *sort_button;
  GtkWidget       *export_button;
  GtkWidget       *stack;
  GtkWidget       *empty_label;
  GtkWidget       *table;
  GtkWidget       *chart_title;
  GtkWidget       *chart_demo_label;
  GtkWidget       *chart_view;
  GtkWidget       *demo_label;

  AtlasExplorerState *state;  /* what the panel follows, from attach() */
  GActionMap      *actions;    /* the window, not owned */
  GtkStringList   *since_years;
  AtlasArea       *area_a;
  AtlasArea       *area_b;
  AtlasArea       *selection;  /* the state's selected area last seen */
  AtlasComparison *comparison;
  guint            since_year;
  /* The state's compare-a and compare-b last shown: A and B are the
   * state's, but a pick of A alone waits in the panel */
  char            *state_a;
  char            *state_b;
  PickMode         picking;
  guint            syncing;
  /* Presentation mode hides the panel and the pins until it ends. */
  gboolean         suspended;
  gboolean         shown_before;
  GtkNativeDialog *export_dialog;
};

G_DEFINE_FINAL_TYPE (AtlasComparisonPanel, atlas_comparison_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPARISON,
  PROP_PICKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (AtlasComparisonPanel *self);

/* The state's dataset and indicator, NULL before attach() */
static AtlasDataset *
get_dataset (AtlasComparisonPanel *self)
{
  return self->state != NULL ? atlas_explorer_state_get_dataset (self->state) : NULL;
}

static AtlasIndicator *
current_indicator (AtlasComparisonPanel *self)
{
  return self->state != NULL ? atlas_explorer_state_lookup_indicator (self->state) : NULL;
}

/* ------------------------------------------------------------------ */
/* Cells                                                              */

static GtkWidget *
cell_new (const char *text,
          float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
attach (AtlasComparisonPanel *self,
        GtkWidget            *cell,
        int                   column,
        int                   row)
{
  gtk_grid_attach (GTK_GRID (self->table), cell, column, row, 1, 1);
}

/* A value, or why there is none: never a zero. */
static GtkWidget *
value_cell (AtlasIndicator     *indicator,
            double              value,
            AtlasValueSource    source,
            AtlasMissingReason  reason)
{
  g_autofree char *text = NULL;
  GtkWidget *cell;

  if (source == ATLAS_VALUE_MISSING || isnan (value))
    {
      cell = cell_new (_("No data"), 1.0);
      gtk_widget_add_css_class (cell, "compare-missing");
      atlas_widget_set_tooltip (cell, atlas_missing_reason_describe (reason));
      return cell;
    }
  text = atlas_indicator_format_value (indicator, value, NULL);
  cell = cell_new (text, 1.0);
  if (source == ATLAS_VALUE_DERIVED)
    atlas_widget_set_tooltip (cell, _("Computed from the areas inside it"));
  return cell;
}

static GtkWidget *
side_cell (AtlasComparisonRow  *row,
           AtlasComparisonSide  side)
{
  AtlasValueSource source;
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  double value = atlas_comparison_row_get_value (row, side, &source, &reason);

  return value_cell (atlas_comparison_row_get_indicator (row), value, source, reason);
}

static GtkWidget *
reference_cell (AtlasComparisonRow       *row,
                AtlasComparisonReference  reference)
{
  AtlasValueSource source = ATLAS_VALUE_MISSING;
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  double value = atlas_comparison_row_get_reference (row, reference, &source, &reason);

  return value_cell (atlas_comparison_row_get_indicator (row), value, source, reason);
}

static GtkWidget *
difference_cell (AtlasComparisonRow *row)
{
  g_autofree char *absolute = atlas_comparison_format_difference (row, NULL);
  g_autofree char *relative = atlas_comparison_format_relative_difference (row, NULL);
  g_autofree char *text = NULL;
  GtkWidget *cell;

  if (absolute == NULL)
    {
      cell = cell_new ("–", 1.0);
      gtk_widget_add_css_class (cell, "dim-label");
      atlas_widget_set_tooltip (cell, atlas_comparison_row_is_category (row)
                                      ? _("Categories have no difference")
                                      : _("A value is missing, so there is no difference"));
      return cell;
    }
  /* The relative difference goes under the absolute one, to keep the
   * column narrow. */
  text = relative != NULL ? g_strdup_printf ("%s\n(%s)", absolute, relative) : g_strdup (absolute);
  cell = cell_new (text, 1.0);
  gtk_label_set_justify (GTK_LABEL (cell), GTK_JUSTIFY_RIGHT);
  return cell;
}

static const char *
polarity_hint (AtlasIndicator *indicator)
{
  if (atlas_indicator_get_polarity (indicator) == ATLAS_POLARITY_LOWER_IS_BETTER)
    return _("lower is better");
  return _("higher is better");
}

/* The better side as a letter in its colour: the letter, not the colour,
 * carries the meaning. */
static GtkWidget *
better_cell (AtlasComparisonPanel *self,
             AtlasComparisonRow   *row)
{
  AtlasComparisonBetter better = atlas_comparison_row_get_better (row);
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *cell;

  if (better == ATLAS_COMPARISON_BETTER_NOT_APPLICABLE)
    return cell_new ("", 0.5);
  if (better == ATLAS_COMPARISON_BETTER_EQUAL)
    {
      cell = cell_new ("=", 0.5);
      atlas_widget_set_tooltip (cell, _("A and B are equal"));
      return cell;
    }

  name = atlas_area_dup_display_name (better == ATLAS_COMPARISON_BETTER_A ? self->area_a : self->area_b);
  cell = cell_new (better == ATLAS_COMPARISON_BETTER_A ? "A" : "B", 0.5);
  gtk_widget_set_halign (cell, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cell, "compare-better");
  gtk_widget_add_css_class (cell, better == ATLAS_COMPARISON_BETTER_A ? "compare-a" : "compare-b");
  /* Translators: "Stockholm is better here (lower is better)" */
  tooltip = g_strdup_printf (_("%s is better here (%s)"), name, polarity_hint (indicator));
  atlas_widget_set_tooltip (cell, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return cell;
}

static GtkWidget *
change_cell (AtlasComparisonRow  *row,
             AtlasComparisonSide  side)
{
  g_autofree char *text = atlas_comparison_format_change (row, side, NULL);
  GtkWidget *cell = cell_new (text != NULL ? text : "–", 1.0);

  if (text == NULL)
    {
      gtk_widget_add_css_class (cell, "dim-label");
      atlas_widget_set_tooltip (cell, _("No value for one of the two years"));
    }
  return cell;
}

static void
on_indicator_clicked (GtkButton            *button,
                      AtlasComparisonPanel *self)
{
  AtlasIndicator *indicator = g_object_get_data (G_OBJECT (button), "indicator");

  if (self->state != NULL)
    atlas_explorer_state_set_indicator (self->state, atlas_indicator_get_id (indicator));
}

/* Whether the row's values are demonstration values, not statistics: the
 * core rule every output applies. */
static gboolean
row_is_demonstration (AtlasComparisonRow *row)
{
  return atlas_comparison_row_is_demonstration (row);
}

/* The mark a demonstration row carries, in words, beside its name. */
static GtkWidget *
demo_pill_new (void)
{
  GtkWidget *pill = gtk_label_new (_("Demo"));

  gtk_widget_add_css_class (pill, "demo-pill");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  atlas_widget_set_tooltip (pill, _("Demonstration data – not real statistics"));
  return pill;
}

/* The name shows the indicator on the map (and in the chart). */
static GtkWidget *
name_cell (AtlasComparisonPanel *self,
           AtlasComparisonRow   *row)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  GtkWidget *button = gtk_button_new_with_label (atlas_indicator_get_name (indicator, NULL));
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));
  GtkWidget *box;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "compare-indicator");
  if (current_indicator (self) == indicator)
    gtk_widget_add_css_class (button, "compare-current");
  atlas_widget_set_tooltip (button, _("Show this indicator on the map and in the chart"));
  g_object_set_data_full (G_OBJECT (button), "indicator", g_object_ref (indicator), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_indicator_clicked), self);
  if (!row_is_demonstration (row))
    return button;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (box, "compare-demo-row");
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), demo_pill_new ());
  return box;
}

/* ------------------------------------------------------------------ */
/* Table                                                              */

static void
clear_table (AtlasComparisonPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->table)) != NULL)
    gtk_grid_remove (GTK_GRID (self->table), child);
}

/* A reference that is A or B itself (a kommun's own kommun) would repeat
 * its column, so the panel leaves it out; the CLI and exports keep it. */
static gboolean
has_reference (AtlasComparisonPanel     *self,
               AtlasComparisonReference  reference)
{
  AtlasArea *area = atlas_comparison_get_reference_area (self->comparison, reference);

  return area != NULL && area != self->area_a && area != self->area_b;
}

/* The column title of a reference: the level's name, "Kommun (B)". */
static char *
reference_title (AtlasComparisonPanel     *self,
                 AtlasComparisonReference  reference)
{
  AtlasArea *area = atlas_comparison_get_reference_area (self->comparison, reference);
  const char *level = atlas_division_get_name (atlas_area_get_division (area), NULL);
  g_autofree char *name = atlas_area_dup_display_name (area);

  if (reference == ATLAS_COMPARISON_REFERENCE_B_KOMMUN || reference == ATLAS_COMPARISON_REFERENCE_B_LAN)
    return g_strdup_printf ("%s (B)\n%s", level, name);
  if (g_strcmp0 (level, name) == 0)
    return g_strdup (level);
  return g_strdup_printf ("%s\n%s", level, name);
}

static void
attach_heading (AtlasComparisonPanel *self,
                const char           *text,
                int                   column,
                float                 xalign)
{
  GtkWidget *cell = cell_new (text, xalign);

  gtk_widget_add_css_class (cell, "compare-column-title");
  gtk_label_set_justify (GTK_LABEL (cell), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_set_valign (cell, GTK_ALIGN_END);
  attach (self, cell, column, 0);
}

static void
fill_header (AtlasComparisonPanel *self)
{
  int column = 0;

  attach_heading (self, _("Indicator"), column++, 0.0);
  attach_heading (self, "A", column++, 1.0);
  attach_heading (self, "B", column++, 1.0);
  attach_heading (self, _("A − B"), column++, 1.0);
  attach_heading (self, _("Better"), column++, 0.5);
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    if (has_reference (self, r))
      {
        g_autofree char *title = reference_title (self, r);

        attach_heading (self, title, column++, 1.0);
      }
  if (self->since_year != 0)
    {
      g_autofree char *a = g_strdup_printf (_("Change A\nsince %u"), self->since_year);
      g_autofree char *b = g_strdup_printf (_("Change B\nsince %u"), self->since_year);

      attach_heading (self, a, column++, 1.0);
      attach_heading (self, b, column++, 1.0);
    }
}

static int
n_columns (AtlasComparisonPanel *self)
{
  int n = 5 + (self->since_year != 0 ? 2 : 0);

  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    n += has_reference (self, r) ? 1 : 0;
  return n;
}

/* "2011–2018: 3 (Socioekonomiskt blandade områden), 2019–2023: 4 (…)" */
static char *
dup_history_text (AtlasIndicator *indicator,
                  GArray         *history)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      const AtlasCategoryYear *first = &g_array_index (history, AtlasCategoryYear, i);
      const AtlasCategoryYear *last = first;
      g_autofree char *value = NULL;

      while (i + 1 < history->len && g_array_index (history, AtlasCategoryYear, i + 1).code == first->code)
        last = &g_array_index (history, AtlasCategoryYear, ++i);
      value = atlas_indicator_format_value (indicator, first->code, NULL);
      if (text->len > 0)
        g_string_append (text, "; ");
      if (last->year == first->year)
        g_string_append_printf (text, "%u: %s", first->year, value);
      else
        g_string_append_printf (text, "%u–%u: %s", first->year, last->year, value);
    }
  return g_string_free (text, FALSE);
}

static void
attach_history (AtlasComparisonPanel *self,
                AtlasComparisonRow   *row,
                int                   line)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint s = 0; s < 2; s++)
    {
      GArray *history = atlas_comparison_row_get_history (row, s);
      g_autofree char *items = history->len > 0 ? dup_history_text (indicator, history)
                                                : g_strdup (_("no category history at this level"));
      g_autofree char *text = g_strdup_printf ("%s: %s", s == 0 ? "A" : "B", items);
      GtkWidget *label = cell_new (text, 0.0);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_start (box, 12);
  gtk_grid_attach (GTK_GRID (self->table), box, 0, line, n_columns (self), 1);
}

/* One indicator; returns the next free grid line. */
static int
attach_row (AtlasComparisonPanel *self,
            AtlasComparisonRow   *row,
            int                   line)
{
  int column = 0;

  attach (self, name_cell (self, row), column++, line);
  attach (self, side_cell (row, ATLAS_COMPARISON_SIDE_A), column++, line);
  attach (self, side_cell (row, ATLAS_COMPARISON_SIDE_B), column++, line);
  attach (self, difference_cell (row), column++, line);
  attach (self, better_cell (self, row), column++, line);
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    if (has_reference (self, r))
      attach (self, reference_cell (row, r), column++, line);
  if (self->since_year != 0)
    {
      attach (self, change_cell (row, ATLAS_COMPARISON_SIDE_A), column++, line);
      attach (self, change_cell (row, ATLAS_COMPARISON_SIDE_B), column++, line);
    }
  if (atlas_comparison_row_is_category (row))
    attach_history (self, row, ++line);
  return line + 1;
}

static int
attach_theme (AtlasComparisonPanel *self,
              const char           *theme_id,
              int                   line)
{
  AtlasDataset *dataset = atlas_comparison_get_dataset (self->comparison);
  AtlasTheme *theme = theme_id != NULL ? atlas_dataset_lookup_theme (dataset, theme_id) : NULL;
  GtkWidget *cell = cell_new (theme != NULL ? atlas_theme_get_name (theme, NULL) : theme_id, 0.0);

  gtk_widget_add_css_class (cell, "heading");
  gtk_widget_set_margin_top (cell, 8);
  gtk_grid_attach (GTK_GRID (self->table), cell, 0, line, n_columns (self), 1);
  return line + 1;
}

/* The table says in words when some of its rows are demonstration
 * values, and which: the rows marked "Demo". */
static void
update_demo_note (AtlasComparisonPanel *self)
{
  guint n_demo = 0;
  guint n = self->comparison != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->comparison)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (G_LIST_MODEL (self->comparison), i);

      n_demo += row_is_demonstration (row);
    }
  gtk_widget_set_visible (self->demo_label, n_demo > 0);
  gtk_label_set_text (GTK_LABEL (self->demo_label),
                      n_demo == n ? _("Demonstration data – not real statistics")
                                  : _("Rows marked Demo are demonstration data – not real statistics"));
}

static void
fill_table (AtlasComparisonPanel *self)
{
  gboolean by_difference = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->sort_button));
  g_autoptr(GListModel) rows = NULL;
  const char *theme_id = NULL;
  int line = 1;

  clear_table (self);
  update_demo_note (self);
  if (self->comparison == NULL)
    return;

  rows = by_difference ? atlas_comparison_dup_rows_by_difference (self->comparison)
                       : g_object_ref (G_LIST_MODEL (self->comparison));
  fill_header (self);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (rows, i);
      const char *row_theme = atlas_indicator_get_theme_id (atlas_comparison_row_get_indicator (row));

      if (!by_difference && (i == 0 || g_strcmp0 (row_theme, theme_id) != 0))
        line = attach_theme (self, row_theme, line);
      theme_id = row_theme;
      line = attach_row (self, row, line);
    }
}

/* ------------------------------------------------------------------ */
/* Header and chart                                                   */

static void
set_area_label (GtkWidget  *label,
                const char *letter,
                AtlasArea  *area)
{
  g_autofree char *name = area != NULL ? atlas_area_dup_display_name (area) : NULL;
  g_autofree char *text = NULL;

  g_autofree char *tooltip = NULL;

  if (area == NULL)
    text = g_strdup_printf ("%s: —", letter);
  else
    {
      text = g_strdup_printf ("%s: %s", letter, name);
      tooltip = g_strdup_printf ("%s: %s (%s %s)", letter, name,
                                 atlas_division_get_name (atlas_area_get_division (area), NULL),
                                 atlas_area_get_code (area));
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  atlas_widget_set_tooltip (label, tooltip);
}

static void
update_header (AtlasComparisonPanel *self)
{
  g_autofree char *year = NULL;

  set_area_label (self->area_a_label, "A", self->area_a);
  set_area_label (self->area_b_label, "B", self->area_b);
  if (self->comparison != NULL)
    year = g_strdup_printf ("%u", atlas_comparison_get_year (self->comparison));
  gtk_label_set_text (GTK_LABEL (self->year_label), year != NULL ? year : "");
  gtk_widget_set_sensitive (self->export_button, self->comparison != NULL);
}

static AtlasIndicator *
chart_indicator (AtlasComparisonPanel *self)
{
  AtlasIndicator *indicator = current_indicator (self);
  g_autoptr(AtlasComparisonRow) first = NULL;

  if (indicator != NULL && atlas_comparison_lookup_row (self->comparison, atlas_indicator_get_id (indicator)))
    return indicator;
  first = g_list_model_get_item (G_LIST_MODEL (self->comparison), 0);
  return first != NULL ? atlas_comparison_row_get_indicator (first) : NULL;
}

static void
update_chart (AtlasComparisonPanel *self)
{
  AtlasIndicator *indicator = self->comparison != NULL ? chart_indicator (self) : NULL;
  g_autoptr(AtlasTrendChart) chart = NULL;
  g_autofree char *title = NULL;

  if (indicator != NULL)
    {
      chart = atlas_trend_chart_new (self->comparison, indicator);
      /* Translators: the chart's title, "Arbetslöshet over time" */
      title = g_strdup_printf (_("%s over time"), atlas_indicator_get_name (indicator, NULL));
    }
  atlas_trend_chart_view_set_chart (ATLAS_TREND_CHART_VIEW (self->chart_view), chart);
  gtk_label_set_text (GTK_LABEL (self->chart_title), title != NULL ? title : "");
  gtk_widget_set_visible (self->chart_demo_label,
                          indicator != NULL
                          && atlas_dataset_indicator_is_demonstration (atlas_comparison_get_dataset (self->comparison),
                                                                       indicator));
}

/* ------------------------------------------------------------------ */
/* Since-year control                                                 */

static void
fill_since_years (AtlasComparisonPanel *self)
{
  AtlasDataset *dataset = get_dataset (self);
  guint year = dataset != NULL ? atlas_explorer_state_get_year (self->state) : 0;
  const guint *years = NULL;
  guint n_years = 0, position = 0;

  self->syncing++;
  gtk_string_list_splice (self->since_years, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->since_years)), NULL);
  gtk_string_list_append (self->since_years, _("Off"));
  if (dataset != NULL)
    years = atlas_dataset_get_years (dataset, &n_years);
  for (guint i = 0; i < n_years && years[i] < year; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", years[i]);
      gtk_string_list_append (self->since_years, text);
      if (years[i] == self->since_year)
        position = i + 1;
    }
  if (position == 0)
    self->since_year = 0;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->since_dropdown), position);
  self->syncing--;
}

static void
on_since_selected (AtlasComparisonPanel *self)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->since_dropdown));
  const char *text;

  if (self->syncing > 0)
    return;
  text = position > 0 && position != GTK_INVALID_LIST_POSITION
         ? gtk_string_list_get_string (self->since_years, position) : NULL;
  atlas_comparison_panel_set_since_year (self, text != NULL ? (guint) atoi (text) : 0);
}

/* ------------------------------------------------------------------ */
/* Building the comparison                                            */

static void
show_message (AtlasComparisonPanel *self,
              const char           *message)
{
  gtk_label_set_text (GTK_LABEL (self->empty_label), message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

static void
show_hint (AtlasComparisonPanel *self)
{
  show_message (self, self->area_a != NULL
                      ? _("Now Ctrl+click the area to compare with on the map, or use “Compare With…” and search for it.")
                      : _("Select an area, then Ctrl+click another area on the map to compare the two. "
                          "“Compare With…” in the area details does the same with search."));
}

static AtlasComparison *
build (AtlasComparisonPanel *self,
       GError              **error)
{
  AtlasDataset *dataset = get_dataset (self);
  guint year = atlas_explorer_state_get_year (self->state);
  const guint *years;
  guint n_years = 0;

  /* The state may show a year without values; compare the newest then. */
  if (!atlas_dataset_has_year (dataset, year))
    {
      years = atlas_dataset_get_years (dataset, &n_years);
      year = n_years > 0 ? years[n_years - 1] : 0;
    }
  if (self->since_year >= year)
    self->since_year = 0;
  return atlas_comparison_new (dataset, self->area_a, self->area_b, year, self->since_year, error);
}

static void
rebuild (AtlasComparisonPanel *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->comparison);
  if (get_dataset (self) != NULL && self->area_a != NULL && self->area_b != NULL)
    self->comparison = build (self, &error);

  fill_since_years (self);
  update_header (self);
  fill_table (self);
  update_chart (self);
  if (error != NULL)
    show_message (self, error->message);
  else if (self->comparison == NULL)
    show_hint (self);
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "comparison");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

/* ------------------------------------------------------------------ */
/* Showing the panel                                                  */

/* The panel sits as the end child of a vertical GtkPaned under the map. */
static void
place_in_paned (AtlasComparisonPanel *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  int height;

  if (!GTK_IS_PANED (parent))
    return;
  height = gtk_widget_get_height (parent);
  if (height > 0)
    gtk_paned_set_position (GTK_PANED (parent), MAX (MIN_MAP_HEIGHT, height - PANEL_HEIGHT));
}

static void
set_shown (AtlasComparisonPanel *self,
           gboolean              shown)
{
  GAction *action = self->actions != NULL
                    ? g_action_map_lookup_action (self->actions, "show-comparison") : NULL;

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
  if (self->suspended)
    {
      self->shown_before = shown;
      return;
    }
  if (shown == gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  if (shown)
    place_in_paned (self);
}

static void
set_picking (AtlasComparisonPanel *self,
             PickMode              mode)
{
  if (self->picking == mode)
    return;
  self->picking = mode;
  gtk_label_set_text (GTK_LABEL (self->pick_label), mode == PICK_A
                      ? _("Choose the first area (A): click it on the map or search for it")
                      : _("Choose the area to compare with: click it on the map or search for it"));
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->pick_bar), mode != PICK_NONE);
  if (mode != PICK_NONE)
    set_shown (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKING]);
}

/* ------------------------------------------------------------------ */
/* Choosing A and B                                                   */

/* After B is picked the selection goes back to A: A is "the selected
 * area" the details pane describes. One batch: one "changed", one
 * redraw of the map. */
static void
pick_b (AtlasComparisonPanel *self,
        AtlasArea            *area)
{
  g_autoptr(AtlasArea) a = self->area_a != NULL ? g_object_ref (self->area_a) : NULL;

  set_picking (self, PICK_NONE);
  if (a == NULL || a == area)
    return;
  atlas_explorer_state_freeze (self->state);
  atlas_comparison_panel_set_areas (self, a, area);
  atlas_explorer_state_select (self->state, atlas_area_get_code (a));
  atlas_explorer_state_thaw (self->state);
}

/* While picking, the next area selected in the state (a click on the map,
 * a search result the window selects, a pick in another panel) is the
 * pick. */
static void
on_selection_changed (AtlasComparisonPanel *self)
{
  AtlasArea *selected = atlas_explorer_state_lookup_selected (self->state);

  if (selected == self->selection)
    return;
  g_set_object (&self->selection, selected);
  if (selected == NULL || self->suspended)
    return;
  if (self->picking == PICK_A)
    {
      g_set_object (&self->area_a, selected);
      set_picking (self, PICK_B);
      rebuild (self);
    }
  else if (self->picking == PICK_B)
    pick_b (self, selected);
}

static void show_areas (AtlasComparisonPanel *self,
                        AtlasArea            *area_a,
                        AtlasArea            *area_b);

/* A and B are the state's; a pick of A alone waits in the panel until B
 * is picked, so only a change of the state's A or B replaces it. The
 * state's A alone (a Ctrl+click on the selected area) waits for B. */
static void
on_compare_changed (AtlasComparisonPanel *self)
{
  const char *code_a = atlas_explorer_state_get_compare_a (self->state);
  const char *code_b = atlas_explorer_state_get_compare_b (self->state);
  AtlasArea *area_a, *area_b;

  if (g_strcmp0 (code_a, self->state_a != NULL ? self->state_a : "") == 0
      && g_strcmp0 (code_b, self->state_b != NULL ? self->state_b : "") == 0)
    return;
  g_free (self->state_a);
  self->state_a = g_strdup (code_a);
  g_free (self->state_b);
  self->state_b = g_strdup (code_b);
  area_a = atlas_explorer_state_lookup_area (self->state, code_a);
  area_b = atlas_explorer_state_lookup_area (self->state, code_b);
  show_areas (self, area_a, area_b);
  if (area_a != NULL && area_b == NULL && !self->suspended)
    set_picking (self, PICK_B);
  else if (area_a != NULL && area_b != NULL)
    set_picking (self, PICK_NONE);
}

/* After every notify of the change: the selection first, so that a
 * Ctrl+click that selects A and makes it the state's A alone picks A
 * once. A state waiting for its package is not shown until it is in. */
static void
on_state_changed (AtlasComparisonPanel *self)
{
  if (atlas_explorer_state_awaits_package (self->state))
    return;
  on_selection_changed (self);
  on_compare_changed (self);
}

/* A new package: the state's A and B (if any) come with it, the ones of
 * the old package go. */
static void
on_dataset_changed (AtlasComparisonPanel *self)
{
  if (atlas_explorer_state_awaits_package (self->state))
    return;
  set_picking (self, PICK_NONE);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->state_a, g_free);
  g_clear_pointer (&self->state_b, g_free);
  show_areas (self, NULL, NULL);
}

/* The state's A, B or both are of another level than the state's level */
static gboolean
off_level (AtlasComparisonPanel *self)
{
  AtlasExplorerState *state = self->state;
  AtlasDivision *division = atlas_explorer_state_lookup_division (state);
  AtlasArea *area_a = atlas_explorer_state_lookup_area (state, atlas_explorer_state_get_compare_a (state));
  AtlasArea *area_b = atlas_explorer_state_lookup_area (state, atlas_explorer_state_get_compare_b (state));

  return (area_a != NULL && atlas_area_get_division (area_a) != division)
         || (area_b != NULL && atlas_area_get_division (area_b) != division);
}

/* Pins of another level would mark areas the map no longer shows; a pick
 * from the search may switch the level on its way, so picking goes on. */
static void
on_level_changed (AtlasComparisonPanel *self)
{
  AtlasExplorerState *state = self->state;

  if (atlas_explorer_state_awaits_package (state)
      || self->picking != PICK_NONE || (self->area_a == NULL && self->area_b == NULL))
    return;
  /* A saved view may bring a level with its A and B in one change: the
   * panel shows them on the state's "changed". */
  if (!off_level (self)
      && (atlas_explorer_state_get_compare_a (state)[0] != '\0'
          || atlas_explorer_state_get_compare_b (state)[0] != '\0'))
    return;
  atlas_comparison_panel_clear (self);
  set_shown (self, FALSE);
}

/* Presentation mode shows the map alone: no panel, no picking (the map
 * hides the pins itself). Leaving it brings the panel back as it was. */
static void
on_presenting_changed (AtlasComparisonPanel *self)
{
  gboolean active = atlas_explorer_state_get_presenting (self->state);

  if (active == self->suspended)
    return;
  if (active)
    {
      set_picking (self, PICK_NONE);
      self->shown_before = gtk_widget_get_visible (GTK_WIDGET (self));
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
  self->suspended = active;
  if (!active && self->shown_before)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      place_in_paned (self);
    }
}

static void
on_indicator_changed (AtlasComparisonPanel *self)
{
  if (self->comparison == NULL || atlas_explorer_state_awaits_package (self->state))
    return;
  fill_table (self);
  update_chart (self);
}

static void
on_year_changed (AtlasComparisonPanel *self)
{
  if (self->comparison != NULL && !atlas_explorer_state_awaits_package (self->state))
    rebuild (self);
}

/* ------------------------------------------------------------------ */
/* Export                                                             */

static void
show_export_error (AtlasComparisonPanel *self,
                   const GError         *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Could Not Export the Comparison"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The panel lives inside the window's toast overlay. */
static void
show_toast (AtlasComparisonPanel *self,
            const char           *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AtlasComparisonPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->export_button, self->comparison != NULL);
  if (!atlas_comparison_export_finish (ATLAS_COMPARISON (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (self, error);
      return;
    }
  show_toast (self, _("Comparison exported"));
}

static void
on_export_response (GtkNativeDialog      *dialog,
                    int                   response,
                    AtlasComparisonPanel *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->comparison != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  if (path != NULL)
    {
      gtk_widget_set_sensitive (self->export_button, FALSE);
      atlas_comparison_export_async (self->comparison, chart_indicator (self), NULL, path,
                                     NULL, on_exported, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->export_dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* "jamforelse-0180-1480-2024.pdf" */
static char *
dup_default_name (AtlasComparisonPanel *self)
{
  return g_strdup_printf ("%s-%s-%s-%u.pdf", _("comparison"),
                          atlas_area_get_code (self->area_a), atlas_area_get_code (self->area_b),
                          atlas_comparison_get_year (self->comparison));
}

static void
on_export_clicked (AtlasComparisonPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->comparison == NULL || self->export_dialog != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Comparison"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = dup_default_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF, PNG or CSV"), "*.[pP][dD][fF]");
  gtk_file_filter_add_pattern (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)), "*.[pP][nN][gG]");
  gtk_file_filter_add_pattern (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)), "*.[cC][sS][vV]");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  self->export_dialog = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_dialog);
}

/* ------------------------------------------------------------------ */
/* Template callbacks and actions                                     */

static void
on_swap_clicked (AtlasComparisonPanel *self)
{
  g_autoptr(AtlasArea) a = self->area_a != NULL ? g_object_ref (self->area_a) : NULL;

  if (self->area_b == NULL)
    return;
  atlas_comparison_panel_set_areas (self, self->area_b, a);
}

static void
on_sort_toggled (AtlasComparisonPanel *self)
{
  fill_table (self);
}

static void
on_pick_cancel_clicked (AtlasComparisonPanel *self)
{
  set_picking (self, PICK_NONE);
}

static void
on_compare_with (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  atlas_comparison_panel_start_picking (user_data);
}

static void
on_clear_comparison (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  atlas_comparison_panel_clear (user_data);
}

static void
on_show_comparison (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  AtlasComparisonPanel *self = user_data;
  gboolean shown = g_variant_get_boolean (state);

  /* Closing ends the comparison: A and B leave the map with the panel. */
  if (!shown)
    atlas_comparison_panel_clear (self);
  set_shown (self, shown);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
atlas_comparison_panel_dispose (GObject *object)
{
  AtlasComparisonPanel *self = ATLAS_COMPARISON_PANEL (object);

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (self->export_dialog);
  g_clear_object (&self->export_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_COMPARISON_PANEL);
  g_clear_object (&self->since_years);
  g_clear_object (&self->area_a);
  g_clear_object (&self->area_b);
  g_clear_object (&self->selection);
  g_clear_object (&self->comparison);
  g_clear_pointer (&self->state_a, g_free);
  g_clear_pointer (&self->state_b, g_free);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  self->actions = NULL;
  G_OBJECT_CLASS (atlas_comparison_panel_parent_class)->dispose (object);
}

static void
atlas_comparison_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AtlasComparisonPanel *self = ATLAS_COMPARISON_PANEL (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;
    case PROP_PICKING:
      g_value_set_boolean (value, self->picking != PICK_NONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-comparison-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, pick_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, pick_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, area_a_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, area_b_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, year_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, since_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, sort_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, export_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, table);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, chart_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, chart_demo_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasComparisonPanel, demo_label);
  gtk_widget_class_bind_template_callback (widget_class, on_swap_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_cancel_clicked);
}

static void
atlas_comparison_panel_class_init (AtlasComparisonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_comparison_panel_dispose;
  object_class->get_property = atlas_comparison_panel_get_property;

  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL, ATLAS_TYPE_COMPARISON,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICKING] =
    g_param_spec_boolean ("picking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_TREND_CHART_VIEW);
  bind_template (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "comparisonpanel");
}

static void
atlas_comparison_panel_init (AtlasComparisonPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->since_years = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->since_dropdown), G_LIST_MODEL (self->since_years));
  g_signal_connect_swapped (self->since_dropdown, "notify::selected",
                            G_CALLBACK (on_since_selected), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  rebuild (self);
}

GtkWidget *
atlas_comparison_panel_new (void)
{
  return g_object_new (ATLAS_TYPE_COMPARISON_PANEL, NULL);
}

/**
 * atlas_comparison_panel_attach:
 * @state: what the panel compares in and sets A and B of
 * @actions: where win.compare-with, win.clear-comparison and
 *   win.show-comparison go (the window)
 */
void
atlas_comparison_panel_attach (AtlasComparisonPanel *self,
                               AtlasExplorerState   *state,
                               GActionMap           *actions)
{
  const GActionEntry entries[] = {
    { "compare-with", on_compare_with, NULL, NULL, NULL, { 0 } },
    { "clear-comparison", on_clear_comparison, NULL, NULL, NULL, { 0 } },
    { "show-comparison", NULL, NULL, "false", on_show_comparison, { 0 } },
  };
  const struct { const char *signal; GCallback callback; } handlers[] = {
    { "notify::dataset", G_CALLBACK (on_dataset_changed) },
    { "notify::level", G_CALLBACK (on_level_changed) },
    { "notify::indicator", G_CALLBACK (on_indicator_changed) },
    { "notify::year", G_CALLBACK (on_year_changed) },
    { "notify::presenting", G_CALLBACK (on_presenting_changed) },
    { "changed", G_CALLBACK (on_state_changed) },
  };

  g_return_if_fail (ATLAS_IS_COMPARISON_PANEL (self));
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (state));
  g_return_if_fail (G_IS_ACTION_MAP (actions));
  g_return_if_fail (self->state == NULL);

  self->state = g_object_ref (state);
  self->actions = actions;
  g_action_map_add_action_entries (actions, entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_connect_object (state, handlers[i].signal, handlers[i].callback, self, G_CONNECT_SWAPPED);
  g_set_object (&self->selection, atlas_explorer_state_lookup_selected (state));
  on_presenting_changed (self);
  on_compare_changed (self);
  rebuild (self);
}

/**
 * atlas_comparison_panel_set_areas:
 *
 * Compares @area_a with @area_b by setting the state's "compare-a" and
 * "compare-b", which the map outlines. The panel shows them at once,
 * also when the state had them already (a pick of A alone, left or
 * completed with the state's own A and B).
 */
void
atlas_comparison_panel_set_areas (AtlasComparisonPanel *self,
                                  AtlasArea            *area_a,
                                  AtlasArea            *area_b)
{
  const char *code_a = area_a != NULL ? atlas_area_get_code (area_a) : "";
  const char *code_b = area_b != NULL ? atlas_area_get_code (area_b) : "";

  g_return_if_fail (ATLAS_IS_COMPARISON_PANEL (self));
  g_return_if_fail (area_a == NULL || ATLAS_IS_AREA (area_a));
  g_return_if_fail (area_b == NULL || ATLAS_IS_AREA (area_b));
  g_return_if_fail (self->state != NULL);

  /* Shown here, so the state's "changed" has nothing left to show */
  g_free (self->state_a);
  self->state_a = g_strdup (code_a);
  g_free (self->state_b);
  self->state_b = g_strdup (code_b);
  atlas_explorer_state_set_compare (self->state, code_a, code_b);
  show_areas (self, area_a, area_b);
}

static void
show_areas (AtlasComparisonPanel *self,
            AtlasArea            *area_a,
            AtlasArea            *area_b)
{
  g_set_object (&self->area_a, area_a);
  g_set_object (&self->area_b, area_b);
  rebuild (self);
  if (area_a != NULL && area_b != NULL)
    set_shown (self, TRUE);
}

AtlasArea *
atlas_comparison_panel_get_area (AtlasComparisonPanel *self,
                                 AtlasComparisonSide   side)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_PANEL (self), NULL);

  return side == ATLAS_COMPARISON_SIDE_A ? self->area_a : self->area_b;
}

AtlasComparison *
atlas_comparison_panel_get_comparison (AtlasComparisonPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_PANEL (self), NULL);

  return self->comparison;
}

void
atlas_comparison_panel_set_since_year (AtlasComparisonPanel *self,
                                       guint                 since_year)
{
  g_return_if_fail (ATLAS_IS_COMPARISON_PANEL (self));

  if (self->since_year == since_year)
    return;
  self->since_year = since_year;
  rebuild (self);
}

gboolean
atlas_comparison_panel_get_picking (AtlasComparisonPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_PANEL (self), FALSE);

  return self->picking != PICK_NONE;
}

/* win.compare-with: the selected area becomes A, the next pick B. Without
 * a selection the next pick is A first. */
void
atlas_comparison_panel_start_picking (AtlasComparisonPanel *self)
{
  AtlasArea *selected;

  g_return_if_fail (ATLAS_IS_COMPARISON_PANEL (self));

  if (self->suspended)
    return;
  selected = self->state != NULL ? atlas_explorer_state_lookup_selected (self->state) : NULL;
  if (selected != NULL)
    {
      g_set_object (&self->area_a, selected);
      g_clear_object (&self->area_b);
      rebuild (self);
    }
  set_picking (self, selected != NULL ? PICK_B : PICK_A);
}

void
atlas_comparison_panel_clear (AtlasComparisonPanel *self)
{
  g_return_if_fail (ATLAS_IS_COMPARISON_PANEL (self));

  set_picking (self, PICK_NONE);
  atlas_comparison_panel_set_areas (self, NULL, NULL);
}
