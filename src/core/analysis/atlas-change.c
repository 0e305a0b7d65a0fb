/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-change.h"

/* Change maps: how an indicator moved between two years, per area.
 *
 * The change is the later year's value minus the earlier's, in the
 * indicator's unit; for shares in percent that difference is in
 * percentage points. An area without a value in either year has no
 * change, and the reason is the missing year's. Changes are classified
 * symmetrically around zero (atlas_class_breaks_compute_centred()) and
 * drawn on a diverging palette whose warm end is the worse direction,
 * read through the indicator's polarity. Texts that end up in figures and
 * legends are in the figure's own language (sv/en), like the rest of
 * the legend texts. */

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang != NULL ? lang : atlas_language (), "en") == 0;
}

static gboolean
is_category (AtlasIndicator *indicator)
{
  return atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY
         || atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_CATEGORY;
}

/**
 * atlas_change_unit_for_indicator:
 * @indicator: an indicator
 *
 * Returns: percentage points for indicators in percent, else absolute
 */
AtlasChangeUnit
atlas_change_unit_for_indicator (AtlasIndicator *indicator)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), ATLAS_CHANGE_ABSOLUTE);

  return atlas_indicator_get_unit (indicator) == ATLAS_UNIT_PERCENT
         ? ATLAS_CHANGE_PERCENTAGE_POINTS : ATLAS_CHANGE_ABSOLUTE;
}

/**
 * atlas_change_unit_label:
 * @indicator: an indicator
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer none) (nullable): "procentenheter" for shares in
 *   percent, else the indicator's unit label; %NULL for an index
 */
const char *
atlas_change_unit_label (AtlasIndicator *indicator,
                         const char     *lang)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  if (atlas_change_unit_for_indicator (indicator) == ATLAS_CHANGE_PERCENTAGE_POINTS)
    return is_english (lang) ? "percentage points" : "procentenheter";
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_INDEX)
    return NULL;
  return atlas_indicator_get_unit_label (indicator, lang);
}

/**
 * atlas_change_dup_title:
 * @indicator: an indicator
 * @since: the earlier year
 * @year: the later year
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer full): "Förändring 2020–2023, procentenheter"
 */
char *
atlas_change_dup_title (AtlasIndicator *indicator,
                        guint           since,
                        guint           year,
                        const char     *lang)
{
  const char *unit;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  unit = atlas_change_unit_label (indicator, lang);
  if (unit == NULL || unit[0] == '\0')
    return g_strdup_printf (is_english (lang) ? "Change %u–%u" : "Förändring %u–%u", since, year);
  return g_strdup_printf (is_english (lang) ? "Change %u–%u, %s" : "Förändring %u–%u, %s",
                          since, year, unit);
}

/**
 * atlas_change_describe_direction:
 * @indicator: an indicator
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer none): what an increase and a decrease mean for the
 *   indicator's polarity
 */
const char *
atlas_change_describe_direction (AtlasIndicator *indicator,
                                 const char     *lang)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  switch (atlas_indicator_get_polarity (indicator))
    {
    case ATLAS_POLARITY_HIGHER_IS_BETTER:
      return is_english (lang) ? "Increase = better, decrease = worse"
                               : "Ökning = bättre, minskning = sämre";
    case ATLAS_POLARITY_LOWER_IS_BETTER:
      return is_english (lang) ? "Increase = worse, decrease = better"
                               : "Ökning = sämre, minskning = bättre";
    case ATLAS_POLARITY_NEUTRAL:
    default:
      return is_english (lang) ? "Increase and decrease are neither better nor worse"
                               : "Ökning och minskning är varken bättre eller sämre";
    }
}

static gboolean
check_year (AtlasDataset  *dataset,
            guint          year,
            GError       **error)
{
  if (atlas_dataset_has_year (dataset, year))
    return TRUE;
  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
               _("The package “%s” has no values for the year %u"),
               atlas_dataset_get_id (dataset), year);
  return FALSE;
}

/**
 * atlas_change_check:
 * @dataset: a dataset
 * @indicator: an indicator of @dataset
 * @since: the earlier year
 * @year: the later year
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the change can be computed
 */
gboolean
atlas_change_check (AtlasDataset    *dataset,
                    AtlasIndicator  *indicator,
                    guint            since,
                    guint            year,
                    GError         **error)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), FALSE);

  if (is_category (indicator))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” holds categories, which have no change between years"),
                   atlas_indicator_get_id (indicator));
      return FALSE;
    }
  if (since >= year)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The change is measured from an earlier year: %u is not before %u"),
                   since, year);
      return FALSE;
    }
  return check_year (dataset, since, error) && check_year (dataset, year, error);
}

/**
 * atlas_change_get:
 * @dataset: a dataset
 * @indicator: an indicator of @dataset
 * @area: an area of @dataset
 * @since: the earlier year
 * @year: the later year
 * @change: (out): @year's value minus @since's, NaN when missing
 * @reason: (out) (optional): why it is missing
 * @missing_year: (out) (optional): the year without a value, or 0
 *
 * Returns: %TRUE when both years have a value
 */
gboolean
atlas_change_get (AtlasDataset       *dataset,
                  AtlasIndicator     *indicator,
                  AtlasArea          *area,
                  guint               since,
                  guint               year,
                  double             *change,
                  AtlasMissingReason *reason,
                  guint              *missing_year)
{
  const guint years[2] = { since, year };
  double values[2] = { NAN, NAN };

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  *change = NAN;
  if (missing_year != NULL)
    *missing_year = 0;
  if (reason != NULL)
    *reason = ATLAS_MISSING_NONE;
  for (guint i = 0; i < 2; i++)
    {
      AtlasMissingReason why = ATLAS_MISSING_NONE;

      if (atlas_dataset_get_value (dataset, indicator, years[i], area, &values[i], &why)
          == ATLAS_VALUE_MISSING || isnan (values[i]))
        {
          if (reason != NULL)
            *reason = why != ATLAS_MISSING_NONE ? why : ATLAS_MISSING_NOT_IN_SOURCE;
          if (missing_year != NULL)
            *missing_year = years[i];
          return FALSE;
        }
    }

  *change = values[1] - values[0];
  return TRUE;
}

/**
 * atlas_change_compute:
 * @dataset: a dataset
 * @indicator: an indicator of @dataset
 * @division: a division of @dataset
 * @since: the earlier year
 * @year: the later year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): one change per area of @division
 *   (free with g_free()), NaN where either year lacks a value
 */
double *
atlas_change_compute (AtlasDataset    *dataset,
                      AtlasIndicator  *indicator,
                      AtlasDivision   *division,
                      guint            since,
                      guint            year,
                      GError         **error)
{
  const double *before, *after;
  guint n;
  double *changes;

  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  if (!atlas_change_check (dataset, indicator, since, year, error))
    return NULL;

  n = atlas_division_get_n_areas (division);
  before = atlas_dataset_peek_values (dataset, indicator, since, division);
  after = atlas_dataset_peek_values (dataset, indicator, year, division);
  changes = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    changes[i] = before != NULL && after != NULL ? after[i] - before[i] : NAN;
  return changes;
}

/**
 * atlas_change_compute_breaks:
 * @indicator: the indicator
 * @division: the division the changes are of
 * @changes: (array): one change per area of @division
 * @n_classes: how many classes (rounded to an even count)
 * @since: the earlier year, for the message
 * @year: the later year, for the message
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the breaks, centred on zero
 */
AtlasClassBreaks *
atlas_change_compute_breaks (AtlasIndicator  *indicator,
                             AtlasDivision   *division,
                             const double    *changes,
                             guint            n_classes,
                             guint            since,
                             guint            year,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  AtlasClassBreaks *breaks;

  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  breaks = atlas_class_breaks_compute_centred (changes, atlas_division_get_n_areas (division),
                                               n_classes, &local_error);
  if (breaks == NULL && g_error_matches (local_error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA))
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                 _("No area of the level “%s” has a value of “%s” in both %u and %u"),
                 atlas_division_get_id (division), atlas_indicator_get_id (indicator), since, year);
  else if (breaks == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return breaks;
}

/**
 * atlas_change_create_palette:
 * @indicator: the indicator
 * @scheme: (nullable): a diverging scheme the user chose; others are
 *   ignored
 * @n_classes: the number of classes
 * @user_reverse: the user's reverse toggle
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the palette
 */
AtlasPalette *
atlas_change_create_palette (AtlasIndicator  *indicator,
                             const char      *scheme,
                             guint            n_classes,
                             gboolean         user_reverse,
                             GError         **error)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  if (scheme == NULL || !atlas_palette_scheme_exists (scheme)
      || atlas_palette_scheme_get_kind (scheme) != ATLAS_PALETTE_KIND_DIVERGING)
    scheme = atlas_indicator_get_polarity (indicator) == ATLAS_POLARITY_NEUTRAL ? "PuOr" : "RdBu";
  return atlas_palette_new_for_indicator (indicator, scheme, n_classes, user_reverse, error);
}
