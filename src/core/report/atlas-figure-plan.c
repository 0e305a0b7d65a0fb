/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-change.h"
#include "atlas-figure-private.h"

/* The figure's fixed labels in Swedish and English. A table instead of
 * gettext: the figure's language is a property, independent of the
 * process locale, and these few strings never appear outside figures. */
static const struct
{
  const char *sv;
  const char *en;
} labels[FIGURE_LABEL_N] = {
  [FIGURE_LABEL_MISSING] = { "Uppgift saknas", "No data" },
  [FIGURE_LABEL_DEMONSTRATION] = { "Demonstrationsdata – inte verklig statistik",
                                   "Demonstration data – not real statistics" },
  [FIGURE_LABEL_SOURCE] = { "Källa: ", "Source: " },
  [FIGURE_LABEL_DIVISION] = { "Indelning: ", "Areas: " },
  [FIGURE_LABEL_CLASSIFICATION] = { "Klassindelning: ", "Classification: " },
  [FIGURE_LABEL_CLASSES] = { "klasser", "classes" },
  [FIGURE_LABEL_POOLED] = { "fasta över alla år", "fixed across all years" },
  [FIGURE_LABEL_SINGLE_YEAR] = { "beräknade för ", "computed for " },
  [FIGURE_LABEL_DEFINITION] = { "Definition: ", "Definition: " },
  [FIGURE_LABEL_AGE_GROUP] = { "Åldersgrupp: ", "Age group: " },
  [FIGURE_LABEL_PACKAGE] = { "Data: ", "Data: " },
  [FIGURE_LABEL_VERSION] = { ", version ", ", version " },
  [FIGURE_LABEL_EXPORTED] = { ". Exporterad ", ". Exported " },
  [FIGURE_LABEL_IN] = { " i ", " in " },
  [FIGURE_LABEL_CATEGORIES] = { "Kategorier enligt källan; de slås inte samman till högre nivåer.",
                                "Categories as defined by the source; they are not combined into higher levels." },
  [FIGURE_LABEL_CANNOT_DRAW] = { "Kartan kan inte ritas", "The map cannot be drawn" },
  [FIGURE_LABEL_METHOD_QUANTILE] = { "kvantiler", "quantiles" },
  [FIGURE_LABEL_METHOD_EQUAL] = { "lika intervall", "equal intervals" },
  [FIGURE_LABEL_METHOD_JENKS] = { "naturliga brytpunkter (Jenks)", "natural breaks (Jenks)" },
  [FIGURE_LABEL_METHOD_STDDEV] = { "standardavvikelser", "standard deviations" },
  [FIGURE_LABEL_METHOD_BOX] = { "boxkarta (gångjärn 1,5)", "box map (hinge 1.5)" },
  [FIGURE_LABEL_METHOD_BOX3] = { "boxkarta (gångjärn 3,0)", "box map (hinge 3.0)" },
  [FIGURE_LABEL_METHOD_PERCENTILE] = { "percentilkarta", "percentile map" },
  [FIGURE_LABEL_METHOD_MANUAL] = { "manuella gränser", "manual breaks" },
  [FIGURE_LABEL_UNIT_PERCENT] = { "procent", "percent" },
  [FIGURE_LABEL_UNIT_SEK] = { "kronor", "SEK" },
  [FIGURE_LABEL_UNIT_COUNT] = { "antal", "count" },
  [FIGURE_LABEL_UNIT_DAYS] = { "dagar", "days" },
  [FIGURE_LABEL_UNIT_INDEX] = { "index", "index" },
  [FIGURE_LABEL_UNIT_CATEGORY] = { "kategori", "category" },
  [FIGURE_LABEL_METHOD_CENTRED] = { "symmetrisk kring noll (kvantiler av förändringens storlek)",
                                   "symmetric around zero (quantiles of the size of change)" },
  [FIGURE_LABEL_SCOPE_REGION] = { "Klassgränserna gäller alla områden på denna nivå i paketet, inte bara de som visas.",
                                  "The class boundaries cover every area of this level in the package, not only those shown." },
};

const char *
atlas_figure_label (const char  *lang,
                    FigureLabel  label)
{
  g_assert (label < FIGURE_LABEL_N);

  if (g_strcmp0 (lang, "en") == 0)
    return labels[label].en;
  return labels[label].sv;
}

/* Packages name their levels in the singular ("Kommun"); a title needs
 * the plural. The usual SCB levels are known by the Swedish name the
 * package gives them, whatever its ids; others fall back to that name. */
static const struct
{
  const char *name;
  const char *sv;
  const char *en;
} level_plurals[] = {
  { "län", "län", "counties" },
  { "kommun", "kommuner", "municipalities" },
  { "regso", "RegSO", "RegSO areas" },
  { "deso", "DeSO", "DeSO areas" },
};

/* "kommuner" for kommun; "Stadsdel" becomes "stadsdel", "DeSO" stays. */
static char *
division_in_sentence (AtlasDivision *division,
                      const char    *lang)
{
  const char *name = atlas_division_get_name (division, lang);
  const char *sv_name = atlas_division_get_name (division, "sv");
  g_autofree char *swedish = g_utf8_strdown (sv_name != NULL ? sv_name : "", -1);

  for (guint i = 0; i < G_N_ELEMENTS (level_plurals); i++)
    if (g_str_equal (swedish, level_plurals[i].name))
      return g_strdup (g_strcmp0 (lang, "en") == 0 ? level_plurals[i].en : level_plurals[i].sv);

  if (name == NULL || name[0] == '\0')
    return g_strdup (atlas_division_get_id (division));
  if (g_utf8_strlen (name, -1) > 1
      && g_unichar_isupper (g_utf8_get_char (name))
      && g_unichar_islower (g_utf8_get_char (g_utf8_next_char (name))))
    {
      g_autofree char *first = g_utf8_strdown (name, g_utf8_next_char (name) - name);
      return g_strconcat (first, g_utf8_next_char (name), NULL);
    }
  return g_strdup (name);
}

/* A region frames the map unless it is riket (no geometry: all of it). */
static AtlasArea *
framing_region (AtlasFigure *figure)
{
  AtlasArea *region = atlas_figure_get_region (figure);

  if (region == NULL || atlas_area_get_geometry (region) == NULL)
    return NULL;
  return region;
}

char *
atlas_figure_default_title (AtlasFigure *figure)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasDivision *division = atlas_figure_get_division (figure);
  AtlasArea *region = framing_region (figure);
  const char *lang = atlas_figure_get_lang (figure);
  g_autofree char *level = NULL;
  g_autofree char *place = NULL;
  char year[16];

  if (indicator == NULL || division == NULL)
    return g_strdup ("");

  level = division_in_sentence (division, lang);
  if (atlas_figure_get_since_year (figure) != 0)
    g_snprintf (year, sizeof year, " %u–%u", atlas_figure_get_since_year (figure),
                atlas_figure_get_year (figure));
  else
    g_snprintf (year, sizeof year, " %u", atlas_figure_get_year (figure));
  if (region == NULL)
    return g_strconcat (atlas_indicator_get_name (indicator, lang), ", ", level, year, NULL);

  place = atlas_area_dup_display_name (region);
  /* A region at the map's own level is the one area shown. */
  if (atlas_area_get_division (region) == division)
    return g_strconcat (atlas_indicator_get_name (indicator, lang), ", ", place, year, NULL);
  return g_strconcat (atlas_indicator_get_name (indicator, lang), ", ", level,
                      atlas_figure_label (lang, FIGURE_LABEL_IN), place, year, NULL);
}

static const char *
unit_word (AtlasUnit   unit,
           const char *lang)
{
  if (unit > ATLAS_UNIT_CATEGORY)
    return "";
  return atlas_figure_label (lang, FIGURE_LABEL_UNIT_PERCENT + unit);
}

static char *
capitalize (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buffer[8];
  int length;

  if (first == 0 || g_unichar_isupper (first))
    return g_strdup (text);
  length = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (text));
}

/* "20–64 år · procent": whom the values describe and in what unit. */
char *
atlas_figure_default_subtitle (AtlasFigure *figure)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  const char *lang = atlas_figure_get_lang (figure);
  const char *age;
  const char *unit;
  g_autofree char *text = NULL;

  if (indicator == NULL)
    return g_strdup ("");
  if (atlas_figure_get_since_year (figure) != 0)
    return atlas_change_dup_title (indicator, atlas_figure_get_since_year (figure),
                                   atlas_figure_get_year (figure), lang);

  age = atlas_indicator_get_age_group (indicator, lang);
  unit = unit_word (atlas_indicator_get_unit (indicator), lang);
  /* A count says what it counts ("personer"), as the legend does. */
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_COUNT)
    unit = atlas_indicator_get_unit_label (indicator, lang);
  /* The legend names the categories; "Arbetslösa 20–64 år" says its age. */
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
    unit = "";
  if (age != NULL && strstr (atlas_indicator_get_name (indicator, lang), age) != NULL)
    age = NULL;

  if (age == NULL || age[0] == '\0')
    return capitalize (unit);
  if (unit[0] == '\0')
    return capitalize (age);
  text = g_strdup_printf ("%s · %s", age, unit);
  return capitalize (text);
}

static gboolean
check_inputs (AtlasFigure  *figure,
              GError      **error)
{
  AtlasDivision *division = atlas_figure_get_division (figure);
  AtlasArea *region = framing_region (figure);

  if (atlas_figure_get_indicator (figure) == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("No indicator was chosen for the figure"));
      return FALSE;
    }
  if (division == NULL || !atlas_division_has_geometry (division))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The figure needs a level with area boundaries (län, kommun, RegSO or DeSO)"));
      return FALSE;
    }
  if (region != NULL
      && atlas_division_get_depth (atlas_area_get_division (region)) > atlas_division_get_depth (division))
    {
      g_autofree char *name = atlas_area_dup_display_name (region);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("“%s” is smaller than the map’s areas (%s): choose a region at a higher level"),
                   name, atlas_division_get_name (division, NULL));
      return FALSE;
    }
  return TRUE;
}

static gboolean
any_value (const double *values,
           guint         n_values)
{
  for (guint i = 0; i < n_values; i++)
    if (!isnan (values[i]))
      return TRUE;
  return FALSE;
}

static const double *
peek_values (AtlasFigure  *figure,
             GError      **error)
{
  AtlasDataset *dataset = atlas_figure_get_dataset (figure);
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasDivision *division = atlas_figure_get_division (figure);
  guint year = atlas_figure_get_year (figure);
  const double *values;

  values = atlas_dataset_peek_values (dataset, indicator, year, division);
  if (values == NULL)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                   _("The package “%s” has no values for %u"),
                   atlas_dataset_get_id (dataset), year);
      return NULL;
    }
  if (!any_value (values, atlas_division_get_n_areas (division)))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                   _("“%s” has no values for %s in %u"),
                   atlas_indicator_get_name (indicator, NULL),
                   atlas_division_get_name (division, NULL), year);
      return NULL;
    }
  return values;
}

/* Categories: class i is the indicator's category i, in the package's own
 * colours, as on the map. */
static gboolean
plan_categories (AtlasFigurePlan  *plan,
                 AtlasFigure      *figure,
                 const double     *values,
                 GError          **error)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  guint n = atlas_indicator_get_n_categories (indicator);

  plan->palette = atlas_palette_new_for_categories (indicator, error);
  if (plan->palette == NULL)
    return FALSE;

  for (guint i = 0; i < plan->n_areas; i++)
    {
      plan->classes[i] = -1;
      for (guint c = 0; !isnan (values[i]) && c < n; c++)
        if (atlas_indicator_get_category (indicator, c)->code == (int) values[i])
          plan->classes[i] = c;
    }
  return TRUE;
}

static gboolean
plan_classes (AtlasFigurePlan  *plan,
              AtlasFigure      *figure,
              const double     *values,
              GError          **error)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasClassification *classification = atlas_figure_get_classification (figure);
  guint n;

  plan->breaks = atlas_classification_compute_breaks (classification, atlas_figure_get_dataset (figure),
                                                      indicator, atlas_figure_get_division (figure),
                                                      atlas_figure_get_year (figure), error);
  if (plan->breaks == NULL)
    return FALSE;

  n = atlas_class_breaks_get_n_classes (plan->breaks);
  plan->palette = atlas_classification_create_palette (classification, indicator, n, error);
  if (plan->palette == NULL)
    return FALSE;

  for (guint i = 0; i < plan->n_areas; i++)
    plan->classes[i] = atlas_class_breaks_classify (plan->breaks, values[i]);
  return TRUE;
}

/* A change map: the change per area, classes centred on zero, diverging
 * colours read through the polarity. */
static gboolean
plan_change (AtlasFigurePlan  *plan,
             AtlasFigure      *figure,
             GError          **error)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  AtlasDivision *division = atlas_figure_get_division (figure);
  AtlasClassification *classification = atlas_figure_get_classification (figure);
  guint since = atlas_figure_get_since_year (figure);
  guint year = atlas_figure_get_year (figure);

  plan->owned_values = atlas_change_compute (atlas_figure_get_dataset (figure), indicator, division,
                                             since, year, error);
  if (plan->owned_values == NULL)
    return FALSE;
  plan->values = plan->owned_values;
  plan->breaks = atlas_change_compute_breaks (indicator, division, plan->values,
                                              atlas_classification_get_count (classification),
                                              since, year, error);
  if (plan->breaks == NULL)
    return FALSE;
  plan->palette = atlas_change_create_palette (indicator,
                                               atlas_classification_get_palette_scheme (classification),
                                               atlas_class_breaks_get_n_classes (plan->breaks),
                                               atlas_classification_get_palette_reverse (classification),
                                               error);
  if (plan->palette == NULL)
    return FALSE;

  for (guint i = 0; i < plan->n_areas; i++)
    plan->classes[i] = atlas_class_breaks_classify (plan->breaks, plan->values[i]);
  return TRUE;
}

static void
plan_bbox (AtlasFigurePlan *plan,
           AtlasFigure     *figure)
{
  AtlasArea *region = framing_region (figure);

  if (region != NULL)
    plan->bbox = *atlas_geometry_get_bbox (atlas_area_get_geometry (region));
  else
    plan->bbox = *atlas_division_get_bbox (atlas_figure_get_division (figure));
}

gboolean
atlas_figure_plan_init (AtlasFigurePlan  *plan,
                        AtlasFigure      *figure,
                        GError          **error)
{
  const double *values;

  if (!check_inputs (figure, error))
    return FALSE;
  values = peek_values (figure, error);
  if (values == NULL)
    return FALSE;

  plan->n_areas = atlas_division_get_n_areas (atlas_figure_get_division (figure));
  plan->classes = g_new (int, MAX (plan->n_areas, 1));
  plan->values = values;
  if (atlas_figure_get_since_year (figure) != 0)
    {
      if (!plan_change (plan, figure, error))
        return FALSE;
    }
  else if (atlas_indicator_get_unit (atlas_figure_get_indicator (figure)) == ATLAS_UNIT_CATEGORY)
    {
      if (!plan_categories (plan, figure, values, error))
        return FALSE;
    }
  else if (!plan_classes (plan, figure, values, error))
    return FALSE;

  plan_bbox (plan, figure);
  plan->title = atlas_figure_dup_display_title (figure);
  plan->subtitle = g_strdup (atlas_figure_get_subtitle (figure));
  if (plan->subtitle == NULL)
    plan->subtitle = atlas_figure_default_subtitle (figure);
  return TRUE;
}

void
atlas_figure_plan_clear (AtlasFigurePlan *plan)
{
  g_clear_pointer (&plan->breaks, atlas_class_breaks_unref);
  g_clear_pointer (&plan->palette, atlas_palette_unref);
  g_clear_pointer (&plan->classes, g_free);
  g_clear_pointer (&plan->owned_values, g_free);
  plan->values = NULL;
  g_clear_pointer (&plan->title, g_free);
  g_clear_pointer (&plan->subtitle, g_free);
}
