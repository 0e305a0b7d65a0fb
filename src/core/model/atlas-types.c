/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-types.h"

/**
 * atlas_missing_reason_describe:
 * @reason: why a value is missing
 *
 * Returns: (transfer none): one translated sentence for tooltips, CSV
 *   exports and the CLI
 */
const char *
atlas_missing_reason_describe (AtlasMissingReason reason)
{
  switch (reason)
    {
    case ATLAS_MISSING_NONE:
      return _("The value exists");
    case ATLAS_MISSING_NOT_IN_SOURCE:
      return _("The source has no value for this area");
    case ATLAS_MISSING_NOT_AGGREGATABLE:
      return _("Medians and similar values cannot be combined from sub-areas, "
               "and no value is stored for this level");
    case ATLAS_MISSING_CATEGORY:
      return _("Area types are set for each area and cannot be combined from sub-areas");
    case ATLAS_MISSING_INCOMPLETE:
      return _("Some sub-areas lack a value, so none can be computed for this area");
    case ATLAS_MISSING_PARTIAL_COVERAGE:
      return _("The dataset covers only part of this area");
    case ATLAS_MISSING_NO_WEIGHT:
      return _("The weight needed to combine the sub-areas' values is missing or zero");
    case ATLAS_MISSING_YEAR:
      return _("The indicator has no values for this year");
    case ATLAS_MISSING_FEW_UNITS:
      return _("Too few small areas (fewer than 5 with residents) or too few people in the "
               "group or the rest (fewer than 100) for a reliable segregation index");
    case ATLAS_MISSING_NOT_AT_LEVEL:
      return _("This measure is computed only for larger areas, from the small areas "
               "inside them");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * atlas_missing_reason_to_nick:
 * @reason: why a value is missing
 *
 * Returns: (transfer none): a stable machine name such as "not-aggregatable"
 */
const char *
atlas_missing_reason_to_nick (AtlasMissingReason reason)
{
  static const char * const nicks[] = {
    [ATLAS_MISSING_NONE] = "none",
    [ATLAS_MISSING_NOT_IN_SOURCE] = "not-in-source",
    [ATLAS_MISSING_NOT_AGGREGATABLE] = "not-aggregatable",
    [ATLAS_MISSING_CATEGORY] = "category",
    [ATLAS_MISSING_INCOMPLETE] = "incomplete",
    [ATLAS_MISSING_PARTIAL_COVERAGE] = "partial-coverage",
    [ATLAS_MISSING_NO_WEIGHT] = "no-weight",
    [ATLAS_MISSING_YEAR] = "year",
    [ATLAS_MISSING_FEW_UNITS] = "few-units",
    [ATLAS_MISSING_NOT_AT_LEVEL] = "not-at-level",
  };

  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (nicks), NULL);

  return nicks[reason];
}

/**
 * atlas_value_source_to_nick:
 * @source: where a value came from
 *
 * Returns: (transfer none): "stored", "derived" or "missing", the spelling
 *   the CLI's JSON and the CSV export share
 */
const char *
atlas_value_source_to_nick (AtlasValueSource source)
{
  switch (source)
    {
    case ATLAS_VALUE_STORED:
      return "stored";
    case ATLAS_VALUE_DERIVED:
      return "derived";
    case ATLAS_VALUE_MISSING:
    default:
      return "missing";
    }
}

/* The nicks below are the spellings of manifest.json, so the loader and
 * every export agree on them. */
const char *
atlas_unit_to_nick (AtlasUnit unit)
{
  static const char * const nicks[] = {
    [ATLAS_UNIT_PERCENT] = "percent",
    [ATLAS_UNIT_SEK] = "SEK",
    [ATLAS_UNIT_COUNT] = "count",
    [ATLAS_UNIT_DAYS] = "days",
    [ATLAS_UNIT_INDEX] = "index",
    [ATLAS_UNIT_CATEGORY] = "category",
  };

  g_return_val_if_fail ((guint) unit < G_N_ELEMENTS (nicks), NULL);

  return nicks[unit];
}

const char *
atlas_polarity_to_nick (AtlasPolarity polarity)
{
  static const char * const nicks[] = {
    [ATLAS_POLARITY_NEUTRAL] = "neutral",
    [ATLAS_POLARITY_HIGHER_IS_BETTER] = "higher-is-better",
    [ATLAS_POLARITY_LOWER_IS_BETTER] = "lower-is-better",
  };

  g_return_val_if_fail ((guint) polarity < G_N_ELEMENTS (nicks), NULL);

  return nicks[polarity];
}

const char *
atlas_aggregation_to_nick (AtlasAggregation aggregation)
{
  static const char * const nicks[] = {
    [ATLAS_AGGREGATION_SUM] = "sum",
    [ATLAS_AGGREGATION_WEIGHTED_MEAN] = "weighted-mean",
    [ATLAS_AGGREGATION_NONE] = "none",
    [ATLAS_AGGREGATION_CATEGORY] = "category",
  };

  g_return_val_if_fail ((guint) aggregation < G_N_ELEMENTS (nicks), NULL);

  return nicks[aggregation];
}

/* Points at one of two string literals, so readers on worker threads never
 * see a freed string; NULL until first asked. */
static const char *current_language;

static const char *
normalize_language (const char *lang)
{
  return g_str_has_prefix (lang, "en") ? "en" : "sv";
}

static const char *
detect_language (void)
{
  const char *env = g_getenv ("PLATSATLAS_LANG");
  const char * const *names;

  if (env != NULL && *env != '\0')
    return normalize_language (env);

  names = g_get_language_names ();
  if (names[0] != NULL && g_str_has_prefix (names[0], "en"))
    return "en";

  return "sv";
}

/**
 * atlas_language:
 *
 * Returns: (transfer none): "sv" or "en"
 */
const char *
atlas_language (void)
{
  const char *lang = g_atomic_pointer_get (&current_language);

  if (lang == NULL)
    {
      lang = detect_language ();
      g_atomic_pointer_set (&current_language, lang);
    }

  return lang;
}

/**
 * atlas_set_language:
 * @lang: (nullable): "sv" or "en"; %NULL to go back to the environment
 *
 * Overrides the language core uses for names and labels.
 */
void
atlas_set_language (const char *lang)
{
  g_atomic_pointer_set (&current_language,
                        lang != NULL ? normalize_language (lang) : NULL);
}

/**
 * atlas_text_get:
 * @text: a text in Swedish and English
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Returns: (transfer none) (nullable): the text in @lang, else in the other
 *   language, else %NULL
 */
const char *
atlas_text_get (const AtlasText *text,
                const char      *lang)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (lang == NULL)
    lang = atlas_language ();

  if (g_str_equal (lang, "en"))
    return text->en != NULL ? text->en : text->sv;

  return text->sv != NULL ? text->sv : text->en;
}

void
atlas_text_clear (AtlasText *text)
{
  g_return_if_fail (text != NULL);

  g_clear_pointer (&text->sv, g_free);
  g_clear_pointer (&text->en, g_free);
}

static gpointer
find_data_dir (gpointer data)
{
  const char *env = g_getenv ("PLATSATLAS_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (PKGDATADIR, G_FILE_TEST_IS_DIR))
    return g_strdup (PKGDATADIR);

  return g_strdup (SOURCE_DATADIR);
}

/**
 * atlas_get_data_dir:
 *
 * Returns: (transfer none): where packaged data lives, decided once per
 *   process
 */
const char *
atlas_get_data_dir (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, find_data_dir, NULL);
}

/**
 * atlas_get_default_dataset_path:
 *
 * Returns: (transfer full): the path of the default package
 */
char *
atlas_get_default_dataset_path (void)
{
  return g_build_filename (atlas_get_data_dir (), "datasets", "sverige-kommuner", NULL);
}
