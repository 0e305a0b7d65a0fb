/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "atlas-details.h"

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
  GtkWidget *age_label;
  GtkWidget *source_label;

  AtlasDataset *dataset;
  AtlasIndicator *indicator;
  AtlasArea *area;
  guint year;
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

  gtk_widget_set_visible (self->indicator_box, indicator != NULL);
  gtk_widget_set_visible (self->demo_label,
                          indicator != NULL && atlas_indicator_is_demonstration (indicator));
  if (indicator == NULL)
    return;

  age = atlas_indicator_get_age_group (indicator, NULL);
  source = atlas_indicator_get_source (indicator);
  if (age != NULL && age[0] != '\0')
    age_text = g_strdup_printf (_("Age group: %s"), age);
  if (source != NULL && source[0] != '\0')
    source_text = g_strdup_printf (_("Source: %s"), source);

  gtk_label_set_text (GTK_LABEL (self->indicator_label),
                      atlas_indicator_get_name (indicator, NULL));
  set_optional_text (self->definition_label, atlas_indicator_get_definition (indicator, NULL));
  set_optional_text (self->caveat_label, atlas_indicator_get_caveat (indicator, NULL));
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
