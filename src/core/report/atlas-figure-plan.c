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
  [FIGURE_LABEL_CIRCLES] = { "Cirklarnas yta är proportionell mot värdet; områdena visas utan färgskala.",
                             "Each circle's area is proportional to the value; the areas themselves are not coloured." },
  [FIGURE_LABEL_COUNT_CHOROPLETH] = { "Antal beror på områdenas storlek: stora områden har ofta höga antal. Jämför andelar eller visa antalen som cirklar.",
                                      "Counts depend on the size of the areas: large areas often have high counts. Compare shares, or show the counts as circles." },
  [FIGURE_LABEL_INSET] = { "Förstoring", "Enlarged" },
  [FIGURE_LABEL_FOOTNOTES_IN_FULL] = { "Fotnoterna i sin helhet finns i paketets manifest.json, indikatorn ",
                                       "The footnotes in full are in the package's manifest.json, indicator " },
  /* "Endast områden med Områdestyp 1, 2 (typerna 2024; …)": the area filter */
  [FIGURE_LABEL_FILTER_ONLY] = { "Endast områden med ", "Only areas of " },
  [FIGURE_LABEL_FILTER_TYPES_OF] = { " (typerna ", " (the types of " },
  [FIGURE_LABEL_FILTER_REST] = { "; ett litet område får typen hos området det ligger i); "
                                 "övriga områden visas inte och räknas inte.",
                                 "; a small area takes the type of the area it lies in); "
                                 "the other areas are not shown or counted." },
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
  const char *sv_name = atlas_division_get_name (division, "sv");
  g_autofree char *swedish = g_utf8_strdown (sv_name != NULL ? sv_name : "", -1);

  for (guint i = 0; i < G_N_ELEMENTS (level_plurals); i++)
    if (g_str_equal (swedish, level_plurals[i].name))
      return g_strdup (g_strcmp0 (lang, "en") == 0 ? level_plurals[i].en : level_plurals[i].sv);
  return atlas_division_dup_name_in_sentence (division, lang);
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
      g_autofree char *level = atlas_division_dup_name_in_sentence (division, NULL);

      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                   _("“%s” has no values for %s in %u"),
                   atlas_indicator_get_name (indicator, NULL), level, year);
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

  if (atlas_figure_get_extent (figure, &plan->bbox))
    return;
  if (region != NULL)
    plan->bbox = *atlas_geometry_get_bbox (atlas_area_get_geometry (region));
  else
    plan->bbox = *atlas_division_get_bbox (atlas_figure_get_division (figure));
}

/* The areas the figure draws: in its region and extent, allowed by its
 * filter (where the filter applies at this level) and with borders, so
 * that the legend's counts, the circles and the labels follow the map. */
static void
plan_shown (AtlasFigurePlan *plan,
            AtlasFigure     *figure)
{
  AtlasDivision *division = atlas_figure_get_division (figure);
  AtlasAreaFilter *filter = atlas_figure_get_filter (figure);
  g_autofree gboolean *allowed = NULL;

  if (filter != NULL)
    allowed = atlas_area_filter_dup_mask (filter, atlas_figure_get_dataset (figure), division,
                                          atlas_figure_get_year (figure));
  plan->shown = g_new0 (guint8, MAX (plan->n_areas, 1));
  for (guint i = 0; i < plan->n_areas; i++)
    if ((allowed == NULL || allowed[i])
        && atlas_area_get_geometry (atlas_division_get_area (division, i)) != NULL
        && atlas_figure_shows_area (figure, atlas_division_get_area (division, i)))
      {
        plan->shown[i] = TRUE;
        plan->n_shown++;
      }
}

double
atlas_figure_symbol_radius (double value,
                            double max_value,
                            double max_radius)
{
  if (isnan (value) || value <= 0 || !(max_value > 0))
    return 0;
  return max_radius * sqrt (value / max_value);
}

/* Circles over neutral areas: every area with a value gets a light grey
 * (ColorBrewer Greys, second of seven: #d9d9d9) on which the white area
 * outlines show; missing ones stay hatched. */
static gboolean
plan_circles (AtlasFigurePlan  *plan,
              GError          **error)
{
  g_clear_pointer (&plan->palette, atlas_palette_unref);
  plan->palette = atlas_palette_new ("Greys", 7, FALSE, error);
  if (plan->palette == NULL)
    return FALSE;
  plan->circles = TRUE;
  plan->max_value = 0;
  for (guint i = 0; i < plan->n_areas; i++)
    {
      plan->classes[i] = isnan (plan->values[i]) ? -1 : 1;
      if (plan->shown[i] && !isnan (plan->values[i]))
        plan->max_value = MAX (plan->max_value, plan->values[i]);
    }
  return TRUE;
}

static void
mercator_box (const AtlasBBox *bb,
              double           out[4])
{
  atlas_mercator_from_lonlat (bb->min_x, bb->max_y, &out[0], &out[1]);
  atlas_mercator_from_lonlat (bb->max_x, bb->min_y, &out[2], &out[3]);
}

#define INSET_GRID 8
/* An automatic inset when the median area spans less than this share of
 * the frame's longer side, and its cell holds at least INSET_MIN_AREAS. */
#define INSET_MEDIAN_SHARE 0.02
#define INSET_MIN_AREAS 8

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The shown areas' interior points binned on a grid over the frame; the
 * fullest cell's areas make the inset. */
static void
plan_auto_inset (AtlasFigurePlan *plan,
                 AtlasDivision   *division)
{
  double frame[4], side;
  guint counts[INSET_GRID * INSET_GRID] = { 0 };
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree int *cell_of = g_new0 (int, MAX (plan->n_areas, 1));
  guint best = 0;

  mercator_box (&plan->bbox, frame);
  side = MAX (frame[2] - frame[0], frame[3] - frame[1]);
  for (guint i = 0; i < plan->n_areas; i++)
    {
      AtlasGeometry *g = atlas_area_get_geometry (atlas_division_get_area (division, i));
      double box[4], lon, lat, x, y;
      int cx, cy;

      cell_of[i] = -1;
      if (!plan->shown[i] || g == NULL)
        continue;
      mercator_box (atlas_geometry_get_bbox (g), box);
      g_array_append_val (sizes, ((double) { MAX (box[2] - box[0], box[3] - box[1]) }));
      atlas_geometry_get_label_point (g, &lon, &lat);
      atlas_mercator_from_lonlat (lon, lat, &x, &y);
      cx = (int) floor ((x - frame[0]) / (frame[2] - frame[0]) * INSET_GRID);
      cy = (int) floor ((y - frame[1]) / (frame[3] - frame[1]) * INSET_GRID);
      if (cx < 0 || cy < 0 || cx >= INSET_GRID || cy >= INSET_GRID)
        continue;
      cell_of[i] = cy * INSET_GRID + cx;
      counts[cell_of[i]]++;
      if (counts[cell_of[i]] > counts[best])
        best = cell_of[i];
    }
  if (sizes->len < INSET_MIN_AREAS || counts[best] < INSET_MIN_AREAS || side <= 0)
    return;
  g_array_sort (sizes, compare_doubles);
  if (g_array_index (sizes, double, sizes->len / 2) >= side * INSET_MEDIAN_SHARE)
    return;

  atlas_bbox_init_empty (&plan->inset);
  for (guint i = 0; i < plan->n_areas; i++)
    if (cell_of[i] == (int) best)
      atlas_bbox_union (&plan->inset,
                        atlas_geometry_get_bbox (atlas_area_get_geometry (atlas_division_get_area (division, i))));
  plan->has_inset = !atlas_bbox_is_empty (&plan->inset);
}

static void
plan_inset (AtlasFigurePlan *plan,
            AtlasFigure     *figure)
{
  AtlasBBox box;

  switch (atlas_figure_get_inset (figure, &box))
    {
    case ATLAS_INSET_BBOX:
      plan->inset = box;
      plan->has_inset = TRUE;
      break;
    case ATLAS_INSET_AUTO:
      plan_auto_inset (plan, atlas_figure_get_division (figure));
      break;
    case ATLAS_INSET_NONE:
    default:
      break;
    }
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

  plan_shown (plan, figure);
  if (atlas_figure_uses_circles (figure) && !plan_circles (plan, error))
    return FALSE;
  plan_bbox (plan, figure);
  plan_inset (plan, figure);
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
  g_clear_pointer (&plan->shown, g_free);
  g_clear_pointer (&plan->title, g_free);
  g_clear_pointer (&plan->subtitle, g_free);
  /* Ready to be filled again. */
  memset (plan, 0, sizeof *plan);
}
