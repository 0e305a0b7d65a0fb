/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "atlas-details.h"
#include "atlas-sparkline.h"

struct _AtlasDetails
{
  GtkWidget parent_instance;

  GtkWidget *empty_box;
  GtkWidget *area_box;
  GtkWidget *heading_label;
  GtkWidget *level_label;
  GtkWidget *value_label;
  GtkWidget *caption_label;
  GtkWidget *missing_label;
  GtkWidget *rank_label;
  GtkWidget *rank_note_label;
  GtkWidget *trend_box;
  GtkWidget *sparkline;
  GtkWidget *trend_label;
  GtkWidget *type_label;
  GtkWidget *type_note_label;
  GtkWidget *compare_list;
  GtkWidget *parent_row;
  GtkWidget *parent_value_label;
  GtkWidget *riket_row;
  GtkWidget *riket_value_label;
  GtkWidget *indicator_box;
  GtkWidget *demo_label;
  GtkWidget *indicator_label;
  GtkWidget *definition_label;
  GtkWidget *caveat_label;
  GtkWidget *categories_label;
  GtkWidget *facts_label;
  GtkWidget *age_label;
  GtkWidget *source_label;

  AtlasDataset *dataset;
  AtlasIndicator *indicator;
  AtlasArea *area;
  guint year;
  AtlasAreaFilter *filter;
  AtlasExplorerState *state;
};

G_DEFINE_FINAL_TYPE (AtlasDetails, atlas_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_INDICATOR,
  PROP_YEAR,
  PROP_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows @text in @label, or hides the label when there is none. */
static void
set_optional_text (GtkWidget  *label,
                   const char *text)
{
  gboolean has_text = text != NULL && text[0] != '\0';

  gtk_label_set_text (GTK_LABEL (label), has_text ? text : "");
  gtk_widget_set_visible (label, has_text);
}

static char *
dup_value_text (AtlasDetails       *self,
                AtlasArea          *area,
                AtlasValueSource   *source,
                AtlasMissingReason *reason)
{
  double value = NAN;
  AtlasValueSource found;

  found = atlas_dataset_get_value (self->dataset, self->indicator, self->year,
                                   area, &value, reason);
  if (source != NULL)
    *source = found;
  if (found == ATLAS_VALUE_MISSING)
    value = NAN;
  return atlas_indicator_format_value (self->indicator, value, atlas_language ());
}

static void
update_compare_row (AtlasDetails *self,
                    GtkWidget    *row,
                    GtkWidget    *value_label,
                    AtlasArea    *area)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  AtlasValueSource source;
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  const char *subtitle = NULL;

  gtk_widget_set_visible (row, area != NULL && area != self->area);
  if (area == NULL || area == self->area)
    return;
  name = atlas_area_dup_display_name (area);
  text = dup_value_text (self, area, &source, &reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  /* Say why, so "no data" for riket does not read as an error; else say
   * which level the comparison is with. */
  if (source == ATLAS_VALUE_MISSING)
    subtitle = atlas_missing_reason_describe (reason);
  else if (atlas_area_get_geometry (area) != NULL)
    subtitle = atlas_division_get_name (atlas_area_get_division (area), NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_text (GTK_LABEL (value_label), text);
}

static void
update_comparisons (AtlasDetails *self)
{
  AtlasArea *riket = atlas_dataset_lookup_area (self->dataset, "00");
  AtlasArea *parent = atlas_area_get_parent (self->area);

  if (parent == riket)
    parent = NULL;
  update_compare_row (self, self->parent_row, self->parent_value_label, parent);
  update_compare_row (self, self->riket_row, self->riket_value_label, riket);
  gtk_widget_set_visible (self->compare_list,
                          gtk_widget_get_visible (self->parent_row) ||
                          gtk_widget_get_visible (self->riket_row));
}

static void
update_value (AtlasDetails *self)
{
  AtlasValueSource source = ATLAS_VALUE_MISSING;
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  g_autofree char *text = dup_value_text (self, self->area, &source, &reason);
  g_autofree char *caption = NULL;

  /* A year without a value says so with its year, never another's value. */
  if (source == ATLAS_VALUE_MISSING)
    {
      g_free (text);
      text = g_strdup_printf (_("No data for %u"), self->year);
    }
  gtk_label_set_text (GTK_LABEL (self->value_label), text);
  if (source == ATLAS_VALUE_DERIVED)
    /* Translators: under a value: the indicator and year, "Arbetslösa, 2024" */
    caption = g_strdup_printf (_("%s, %u – computed from the areas within"),
                               atlas_indicator_get_short_label (self->indicator, NULL),
                               self->year);
  else
    caption = g_strdup_printf (_("%s, %u"),
                               atlas_indicator_get_short_label (self->indicator, NULL),
                               self->year);
  gtk_label_set_text (GTK_LABEL (self->caption_label), caption);
  set_optional_text (self->missing_label,
                     source == ATLAS_VALUE_MISSING ? atlas_missing_reason_describe (reason) : NULL);
}

/* ------------------------------------------------------------------ */
/* Rank                                                               */

/* The level's areas in the plural, for "12 of 290 municipalities"; the
 * package names its levels in the singular only. */
static const char *
level_plural (AtlasDivision *division)
{
  const char *id = atlas_division_get_id (division);

  if (g_str_equal (id, "lan"))
    /* Translators: plural, "Rank 3 of 21 counties" (län) */
    return _("counties");
  if (g_str_equal (id, "kommun"))
    /* Translators: plural, "Rank 12 of 290 municipalities" (kommuner) */
    return _("municipalities");
  if (g_str_equal (id, "regso"))
    return "RegSO";
  if (g_str_equal (id, "deso"))
    return "DeSO";
  return _("areas");
}

/* The area to rank within: the kommun for areas below kommun level (a
 * RegSO holds only a few DeSO), else the parent; never riket. */
static AtlasArea *
rank_scope (AtlasArea *area)
{
  AtlasArea *kommun = atlas_area_get_ancestor (area, "kommun");
  AtlasArea *parent = atlas_area_get_parent (area);

  if (kommun != NULL && kommun != area)
    return kommun;
  if (parent == NULL || atlas_area_get_parent (parent) == NULL)
    return NULL;
  return parent;
}

static char *
dup_rank_text (AtlasDetails *self)
{
  AtlasDivision *division = atlas_area_get_division (self->area);
  AtlasArea *scope = rank_scope (self->area);
  AtlasRank national, regional;
  GString *text;
  g_autofree char *scope_name = NULL;

  if (!atlas_rank_area_filtered (self->dataset, self->indicator, self->year, self->area, NULL,
                                 self->filter, &national))
    return NULL;
  text = g_string_new (NULL);
  if (atlas_division_covers_country (division))
    /* Translators: "Rank 12 of 290 kommuner" */
    g_string_append_printf (text, _("Rank %u of %u %s"), national.rank, national.n_ranked,
                            level_plural (division));
  else
    /* Translators: "Rank 12 of 238 DeSO in the package", when it covers part of Sweden */
    g_string_append_printf (text, _("Rank %u of %u %s in the package"), national.rank,
                            national.n_ranked, level_plural (division));
  if (national.n_tied > 0)
    /* Translators: appended to a rank shared with other areas */
    g_string_append_printf (text, _(" (shared with %u more)"), national.n_tied);
  if (scope != NULL &&
      atlas_rank_area_filtered (self->dataset, self->indicator, self->year, self->area, scope,
                                self->filter, &regional) &&
      regional.n_ranked > 1)
    {
      scope_name = atlas_area_dup_display_name (scope);
      /* Translators: the rank within a larger area, "; 3 of 26 in Stockholms län" */
      g_string_append_printf (text, _("; %u of %u in %s"), regional.rank,
                              regional.n_ranked, scope_name);
    }
  if (self->filter != NULL)
    {
      g_autofree char *described = atlas_area_filter_describe (self->filter, self->year);

      g_string_append_printf (text, "\n%s", described);
    }
  return g_string_free (text, FALSE);
}

static void
update_rank (AtlasDetails *self)
{
  g_autofree char *text = dup_rank_text (self);
  AtlasPolarity polarity = atlas_indicator_get_polarity (self->indicator);

  set_optional_text (self->rank_label, text);
  if (text == NULL)
    set_optional_text (self->rank_note_label, NULL);
  else if (polarity == ATLAS_POLARITY_NEUTRAL)
    set_optional_text (self->rank_note_label,
                       _("Rank 1 is the highest value: this indicator is neither good nor bad."));
  else if (polarity == ATLAS_POLARITY_LOWER_IS_BETTER)
    set_optional_text (self->rank_note_label, _("Rank 1 is the best: the lowest value."));
  else
    set_optional_text (self->rank_note_label, _("Rank 1 is the best: the highest value."));
}

/* ------------------------------------------------------------------ */
/* Trend over the years                                               */

static void
update_trend (AtlasDetails *self)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (self->dataset, &n_years);
  g_autofree double *values = g_new (double, MAX (n_years, 1));
  g_autofree char *text = NULL;
  guint n_found = 0;

  for (guint i = 0; i < n_years; i++)
    {
      values[i] = NAN;
      if (atlas_dataset_get_value (self->dataset, self->indicator, years[i], self->area,
                                   &values[i], NULL) == ATLAS_VALUE_MISSING)
        values[i] = NAN;
      n_found += !isnan (values[i]);
    }
  atlas_sparkline_set_values (ATLAS_SPARKLINE (self->sparkline), years, values, n_years, self->year);
  gtk_widget_set_visible (self->trend_box, n_found > 1 &&
                          atlas_indicator_get_unit (self->indicator) != ATLAS_UNIT_CATEGORY);
  if (n_years == 0)
    return;
  /* Translators: under the small trend line: its first and last year, "2011–2024" */
  text = g_strdup_printf (_("%u–%u, gaps where values are missing"), years[0], years[n_years - 1]);
  gtk_label_set_text (GTK_LABEL (self->trend_label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* ------------------------------------------------------------------ */
/* Områdestyp                                                         */

static AtlasIndicator *
find_category_indicator (AtlasDataset *dataset)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

      if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
        return indicator;
    }
  return NULL;
}

/* The value for @year, else for the latest year that has one. */
static gboolean
latest_value (AtlasDataset   *dataset,
              AtlasIndicator *indicator,
              AtlasArea      *area,
              guint          *year,
              double         *value)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  if (atlas_dataset_get_value (dataset, indicator, *year, area, value, NULL) != ATLAS_VALUE_MISSING)
    return TRUE;
  for (guint i = n_years; i > 0; i--)
    if (atlas_dataset_get_value (dataset, indicator, years[i - 1], area, value, NULL) != ATLAS_VALUE_MISSING)
      {
        *year = years[i - 1];
        return TRUE;
      }
  return FALSE;
}

/* Takes @markup. A value of an earlier year is shown with its own year,
 * under a line saying that the year on the map has none. */
static char *
prepend_no_data_note (char  *markup,
                      guint  year_shown,
                      guint  year_found)
{
  g_autofree char *owned = markup;
  g_autofree char *note = NULL;

  if (year_found == year_shown)
    return g_steal_pointer (&owned);
  /* Translators: before the latest values, when the year on the map has none */
  note = g_strdup_printf (_("No data for %u. The latest:"), year_shown);
  return g_strdup_printf ("%s\n%s", note, owned);
}

static char *
dup_category_markup (const AtlasCategory *category)
{
  g_autofree char *label = g_markup_escape_text (atlas_text_get (&category->label, NULL), -1);

  return g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span> %d %s",
                          (guint) lround (category->red * 255), (guint) lround (category->green * 255),
                          (guint) lround (category->blue * 255), category->code, label);
}

/* A RegSO's own type; a DeSO shows its RegSO's. */
static char *
dup_area_type_markup (AtlasDetails *self,
                      AtlasIndicator *types)
{
  AtlasArea *regso = atlas_area_get_ancestor (self->area, "regso");
  const AtlasCategory *category;
  guint year = self->year;
  double value;
  g_autofree char *category_markup = NULL;
  g_autofree char *regso_name = NULL;
  char *markup;

  if (regso == NULL || !latest_value (self->dataset, types, regso, &year, &value))
    return NULL;
  category = atlas_indicator_lookup_category (types, (int) lround (value));
  if (category == NULL)
    return NULL;
  category_markup = dup_category_markup (category);
  if (regso == self->area)
    /* Translators: "Områdestyp 2023: ● 4 Goda socioekonomiska förutsättningar" */
    markup = g_strdup_printf (_("%s %u: %s"), atlas_indicator_get_short_label (types, NULL),
                              year, category_markup);
  else
    {
      regso_name = g_markup_escape_text (atlas_area_get_name (regso) != NULL ? atlas_area_get_name (regso)
                                                                             : atlas_area_get_code (regso), -1);
      /* Translators: a DeSO's type is that of its RegSO, "… (RegSO Gottsunda)" */
      markup = g_strdup_printf (_("%s %u: %s (RegSO %s)"), atlas_indicator_get_short_label (types, NULL),
                                year, category_markup, regso_name);
    }
  return prepend_no_data_note (markup, self->year, year);
}

/* For a kommun: the shares of its RegSO in each type, when the package
 * has them as indicators "omradestyp1_andel" … "omradestyp5_andel". */
static char *
dup_type_shares (AtlasDetails *self)
{
  GString *text = g_string_new (NULL);
  guint found = self->year;

  for (guint code = 1; code <= 5; code++)
    {
      g_autofree char *id = g_strdup_printf ("omradestyp%u_andel", code);
      AtlasIndicator *share = atlas_dataset_lookup_indicator (self->dataset, id);
      guint year = self->year;
      double value;
      g_autofree char *formatted = NULL;

      if (share == NULL || !latest_value (self->dataset, share, self->area, &year, &value))
        continue;
      formatted = atlas_indicator_format_value (share, value, NULL);
      if (year != self->year)
        found = year;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a value with its own year, "Andel RegSO av typ 1, 2023: 12,5 %" */
      g_string_append_printf (text, _("%s, %u: %s"),
                              atlas_indicator_get_short_label (share, NULL), year, formatted);
    }
  /* NULL when the package has no shares */
  if (text->len == 0)
    return g_string_free (text, TRUE);
  return prepend_no_data_note (g_string_free (text, FALSE), self->year, found);
}

static void
update_area_type (AtlasDetails *self)
{
  AtlasIndicator *types = find_category_indicator (self->dataset);
  const char *caveat = types != NULL ? atlas_indicator_get_caveat (types, NULL) : NULL;
  g_autofree char *markup = NULL;
  g_autofree char *shares = NULL;

  /* Mapping the types already shows the area's type as its value */
  if (types != NULL && types != self->indicator)
    markup = dup_area_type_markup (self, types);
  else if (types == NULL)
    shares = dup_type_shares (self);
  if (shares != NULL)
    markup = g_markup_escape_text (shares, -1);
  gtk_label_set_markup (GTK_LABEL (self->type_label), markup != NULL ? markup : "");
  gtk_widget_set_visible (self->type_label, markup != NULL);
  set_optional_text (self->type_note_label, markup == NULL ? NULL :
                     caveat != NULL ? caveat :
                     _("Area types are relative and recomputed every year: a change of type "
                       "does not by itself mean that the area changed."));
}

/* ------------------------------------------------------------------ */
/* What the indicator is                                              */

static const char *
describe_polarity (AtlasPolarity polarity)
{
  switch (polarity)
    {
    case ATLAS_POLARITY_HIGHER_IS_BETTER:
      return _("Higher is better");
    case ATLAS_POLARITY_LOWER_IS_BETTER:
      return _("Lower is better");
    case ATLAS_POLARITY_NEUTRAL:
    default:
      return _("Neither higher nor lower is better");
    }
}

static char *
dup_aggregation_text (AtlasDetails   *self,
                      AtlasIndicator *indicator)
{
  const char *weight_id = atlas_indicator_get_weight_id (indicator);
  AtlasIndicator *weight = NULL;

  if (self->dataset != NULL && weight_id != NULL)
    weight = atlas_dataset_lookup_indicator (self->dataset, weight_id);

  switch (atlas_indicator_get_aggregation (indicator))
    {
    case ATLAS_AGGREGATION_SUM:
      return g_strdup (_("Larger areas: the sum of the areas within"));
    case ATLAS_AGGREGATION_WEIGHTED_MEAN:
      /* Translators: %s is the id of the weighting variable */
      return g_strdup_printf (_("Larger areas: the mean of the areas within, weighted by %s"),
                              weight != NULL ? atlas_indicator_get_name (weight, NULL) : weight_id);
    case ATLAS_AGGREGATION_CATEGORY:
      return g_strdup (_("Larger areas: types are not combined"));
    case ATLAS_AGGREGATION_NONE:
    default:
      return g_strdup (_("Larger areas: only the values the source states"));
    }
}

static char *
dup_indicator_facts (AtlasDetails   *self,
                     AtlasIndicator *indicator)
{
  g_autofree char *aggregation = dup_aggregation_text (self, indicator);
  const char *kind = atlas_indicator_get_kind (indicator) == ATLAS_INDICATOR_KIND_BACKGROUND
                     ? _("Background variable, not an indicator")
                     : _("Indicator");

  /* Types have neither a unit nor a better end */
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
    return g_strdup_printf ("%s\n%s", kind, aggregation);
  /* Translators: facts about an indicator, one per line */
  return g_strdup_printf (_("%s\nUnit: %s\n%s\n%s"), kind,
                          atlas_indicator_get_unit_label (indicator, NULL),
                          describe_polarity (atlas_indicator_get_polarity (indicator)),
                          aggregation);
}

/* Category indicators list their types in the official colours. */
static void
update_categories (AtlasDetails *self)
{
  guint n = atlas_indicator_get_n_categories (self->indicator);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = dup_category_markup (atlas_indicator_get_category (self->indicator, i));

      g_string_append_printf (markup, "%s%s", markup->len > 0 ? "\n" : "", line);
    }
  gtk_label_set_markup (GTK_LABEL (self->categories_label), markup->str);
  gtk_widget_set_visible (self->categories_label, n > 0);
  g_string_free (markup, TRUE);
}

static void
update_area (AtlasDetails *self)
{
  gboolean ready = self->dataset != NULL && self->indicator != NULL && self->area != NULL;
  AtlasDivision *division;
  g_autofree char *name = NULL;
  g_autofree char *level = NULL;

  gtk_widget_set_visible (self->area_box, ready);
  gtk_widget_set_visible (self->empty_box, !ready && self->dataset != NULL);
  if (!ready)
    {
      gtk_label_set_text (GTK_LABEL (self->heading_label), "");
      return;
    }

  division = atlas_area_get_division (self->area);
  name = atlas_area_dup_display_name (self->area);
  /* Translators: the area's level and code, "Kommun · 0380" */
  level = g_strdup_printf (_("%s · %s"), atlas_division_get_name (division, NULL),
                           atlas_area_get_code (self->area));
  gtk_label_set_text (GTK_LABEL (self->heading_label), name);
  gtk_label_set_text (GTK_LABEL (self->level_label), level);
  update_value (self);
  update_rank (self);
  update_trend (self);
  update_area_type (self);
  update_comparisons (self);
}

static void
update_indicator (AtlasDetails *self)
{
  AtlasIndicator *indicator = self->indicator;
  const char *age;
  const char *source;
  g_autofree char *age_text = NULL;
  g_autofree char *source_text = NULL;
  g_autofree char *facts = NULL;

  gtk_widget_set_visible (self->indicator_box, indicator != NULL);
  gtk_widget_set_visible (self->demo_label,
                          indicator != NULL && self->dataset != NULL
                          && atlas_dataset_indicator_is_demonstration (self->dataset, indicator));
  if (indicator == NULL)
    return;

  age = atlas_indicator_get_age_group (indicator, NULL);
  source = atlas_indicator_get_source (indicator);
  if (age != NULL && age[0] != '\0')
    age_text = g_strdup_printf (_("Age group: %s"), age);
  if (source != NULL && source[0] != '\0')
    source_text = g_strdup_printf (_("Source: %s"), source);
  facts = dup_indicator_facts (self, indicator);

  gtk_label_set_text (GTK_LABEL (self->indicator_label),
                      atlas_indicator_get_name (indicator, NULL));
  set_optional_text (self->definition_label, atlas_indicator_get_definition (indicator, NULL));
  set_optional_text (self->caveat_label, atlas_indicator_get_caveat (indicator, NULL));
  set_optional_text (self->facts_label, facts);
  update_categories (self);
  set_optional_text (self->age_label, age_text);
  set_optional_text (self->source_label, source_text);
}

static void
atlas_details_dispose (GObject *object)
{
  AtlasDetails *self = ATLAS_DETAILS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_DETAILS);
  /* The template's outer box has no id, so the template does not own it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->dataset);
  g_clear_object (&self->indicator);
  g_clear_object (&self->area);
  g_clear_pointer (&self->filter, atlas_area_filter_unref);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  G_OBJECT_CLASS (atlas_details_parent_class)->dispose (object);
}

static void
atlas_details_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasDetails *self = ATLAS_DETAILS (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_INDICATOR:
      g_value_set_object (value, self->indicator);
      break;
    case PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;
    case PROP_AREA:
      g_value_set_object (value, self->area);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_details_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasDetails *self = ATLAS_DETAILS (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_details_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_INDICATOR:
      atlas_details_set_indicator (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      atlas_details_set_year (self, g_value_get_uint (value));
      break;
    case PROP_AREA:
      atlas_details_set_area (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, empty_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, area_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, level_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, value_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, caption_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, missing_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, rank_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, rank_note_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, trend_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, sparkline);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, trend_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, type_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, type_note_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, compare_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, parent_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, parent_value_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, riket_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, riket_value_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, indicator_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, demo_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, indicator_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, definition_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, caveat_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, categories_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, facts_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, age_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasDetails, source_label);
}

static void
atlas_details_class_init (AtlasDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = atlas_details_dispose;
  object_class->get_property = atlas_details_get_property;
  object_class->set_property = atlas_details_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, ATLAS_TYPE_DATASET, flags);
  properties[PROP_INDICATOR] =
    g_param_spec_object ("indicator", NULL, NULL, ATLAS_TYPE_INDICATOR, flags);
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_AREA] =
    g_param_spec_object ("area", NULL, NULL, ATLAS_TYPE_AREA, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_SPARKLINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-details.ui");
  bind_children (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-details");
}

static void
atlas_details_init (AtlasDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_area (self);
  update_indicator (self);
}

GtkWidget *
atlas_details_new (void)
{
  return g_object_new (ATLAS_TYPE_DETAILS, NULL);
}

void
atlas_details_set_dataset (AtlasDetails *self,
                           AtlasDataset *dataset)
{
  g_return_if_fail (ATLAS_IS_DETAILS (self));
  g_return_if_fail (dataset == NULL || ATLAS_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;
  update_indicator (self);
  update_area (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

AtlasDataset *
atlas_details_get_dataset (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  return self->dataset;
}

void
atlas_details_set_indicator (AtlasDetails   *self,
                             AtlasIndicator *indicator)
{
  g_return_if_fail (ATLAS_IS_DETAILS (self));
  g_return_if_fail (indicator == NULL || ATLAS_IS_INDICATOR (indicator));

  if (!g_set_object (&self->indicator, indicator))
    return;
  update_indicator (self);
  update_area (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

AtlasIndicator *
atlas_details_get_indicator (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  return self->indicator;
}

void
atlas_details_set_year (AtlasDetails *self,
                        guint         year)
{
  g_return_if_fail (ATLAS_IS_DETAILS (self));

  if (self->year == year)
    return;
  self->year = year;
  update_area (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * atlas_details_set_filter:
 * @self: the details
 * @filter: (nullable): rank among the areas it shows only
 */
void
atlas_details_set_filter (AtlasDetails    *self,
                          AtlasAreaFilter *filter)
{
  g_return_if_fail (ATLAS_IS_DETAILS (self));

  if (filter == self->filter
      || (filter != NULL && self->filter != NULL && atlas_area_filter_equal (filter, self->filter)))
    return;
  g_clear_pointer (&self->filter, atlas_area_filter_unref);
  self->filter = filter != NULL ? atlas_area_filter_ref (filter) : NULL;
  update_area (self);
}

/* The state's package, indicator, year, filter and selected area; nothing
 * while the state waits for its package. */
static void
follow_state (AtlasDetails *self)
{
  AtlasExplorerState *state = self->state;
  g_autoptr(AtlasAreaFilter) filter = NULL;

  if (atlas_explorer_state_awaits_package (state))
    return;
  filter = atlas_explorer_state_dup_area_filter (state);
  atlas_details_set_dataset (self, atlas_explorer_state_get_dataset (state));
  atlas_details_set_indicator (self, atlas_explorer_state_lookup_indicator (state));
  atlas_details_set_year (self, atlas_explorer_state_get_year (state));
  atlas_details_set_filter (self, filter);
  atlas_details_set_area (self, atlas_explorer_state_lookup_selected (state));
}

/**
 * atlas_details_set_state:
 * @state: what to describe
 *
 * Makes the pane describe the state's selected area, in its package,
 * indicator, year and filter, from now on. Set once.
 */
void
atlas_details_set_state (AtlasDetails       *self,
                         AtlasExplorerState *state)
{
  g_return_if_fail (ATLAS_IS_DETAILS (self));
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (state));
  g_return_if_fail (self->state == NULL);

  self->state = g_object_ref (state);
  g_signal_connect_object (state, "changed", G_CALLBACK (follow_state), self, G_CONNECT_SWAPPED);
  follow_state (self);
}

guint
atlas_details_get_year (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), 0);

  return self->year;
}

void
atlas_details_set_area (AtlasDetails *self,
                        AtlasArea    *area)
{
  g_return_if_fail (ATLAS_IS_DETAILS (self));
  g_return_if_fail (area == NULL || ATLAS_IS_AREA (area));

  if (!g_set_object (&self->area, area))
    return;
  update_area (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
}

AtlasArea *
atlas_details_get_area (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  return self->area;
}

const char *
atlas_details_get_heading (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->heading_label));
}

const char *
atlas_details_get_value_text (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->value_label));
}

const char *
atlas_details_get_type_text (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  if (!gtk_widget_get_visible (self->type_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->type_label));
}

const char *
atlas_details_get_rank_text (AtlasDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_DETAILS (self), NULL);

  if (!gtk_widget_get_visible (self->rank_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->rank_label));
}
