/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "atlas-area-profile.h"
#include "atlas-class-breaks.h"

/* Area profiles (spine charts): an area against its kommun, län, riket
 * and the spread of every area of its level. The spread is over all the
 * areas of the level that the package holds in the year (for a DeSO of
 * this package: every DeSO of Sweden), with the quantiles box maps use
 * (atlas_quantile_sorted(), type 7). */

struct _AtlasAreaProfile
{
  gatomicrefcount  ref;
  AtlasDataset    *dataset;
  AtlasArea       *area;
  guint            year;
  GArray          *rows;   /* AtlasProfileRow */
};

typedef struct
{
  AtlasIndicator *indicator;
  double         *sorted;   /* the level's finite values, ascending */
  gsize           n;
} Spread;

struct _AtlasProfileLevel
{
  AtlasDataset  *dataset;
  AtlasDivision *division;
  guint          year;
  GArray        *spreads;   /* Spread, one per profiled indicator */
};

G_DEFINE_BOXED_TYPE (AtlasAreaProfile, atlas_area_profile,
                     atlas_area_profile_ref, atlas_area_profile_unref)

static gboolean
is_category (AtlasIndicator *indicator)
{
  return atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY
         || atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_CATEGORY;
}

static int
ascending (const void *a,
           const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
spread_init (Spread       *spread,
             const double *values,
             guint         n_areas)
{
  spread->sorted = g_new (double, MAX (n_areas, 1));
  spread->n = 0;
  for (guint i = 0; values != NULL && i < n_areas; i++)
    if (isfinite (values[i]))
      spread->sorted[spread->n++] = values[i];
  qsort (spread->sorted, spread->n, sizeof (double), ascending);
}

/**
 * atlas_profile_level_new:
 * @dataset: a dataset
 * @division: the level whose areas are profiled
 * @year: the year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the level's spreads, or %NULL with
 *   ATLAS_DATASET_ERROR_UNKNOWN for a year not in the package
 */
AtlasProfileLevel *
atlas_profile_level_new (AtlasDataset   *dataset,
                         AtlasDivision  *division,
                         guint           year,
                         GError        **error)
{
  GListModel *indicators;
  AtlasProfileLevel *level;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  if (!atlas_dataset_has_year (dataset, year))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The package “%s” has no values for the year %u"),
                   atlas_dataset_get_id (dataset), year);
      return NULL;
    }

  level = g_new0 (AtlasProfileLevel, 1);
  level->dataset = g_object_ref (dataset);
  level->division = division;
  level->year = year;
  level->spreads = g_array_new (FALSE, TRUE, sizeof (Spread));
  indicators = atlas_dataset_get_indicators (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);
      Spread spread = { .indicator = indicator };

      if (is_category (indicator))
        continue;
      spread_init (&spread, atlas_dataset_peek_values (dataset, indicator, year, division),
                   atlas_division_get_n_areas (division));
      g_array_append_val (level->spreads, spread);
    }
  return level;
}

void
atlas_profile_level_free (AtlasProfileLevel *level)
{
  if (level == NULL)
    return;
  for (guint i = 0; i < level->spreads->len; i++)
    g_free (g_array_index (level->spreads, Spread, i).sorted);
  g_array_unref (level->spreads);
  g_object_unref (level->dataset);
  g_free (level);
}

/* The first index whose value is not below @value (@strictly: not at or
 * below it). */
static gsize
bound (const Spread *spread,
       double        value,
       gboolean      strictly)
{
  gsize lo = 0, hi = spread->n;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (spread->sorted[mid] < value || (strictly && spread->sorted[mid] == value))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The area's fifth: the share of areas below it plus half the ties. */
static guint
quintile_of (const Spread *spread,
             double        value)
{
  gsize below = bound (spread, value, FALSE);
  gsize equal = bound (spread, value, TRUE) - below;
  double place = (below + 0.5 * equal) / spread->n;

  return MIN ((guint) floor (place * 5) + 1, 5u);
}

static double
value_of (AtlasDataset   *dataset,
          AtlasIndicator *indicator,
          guint           year,
          AtlasArea      *area)
{
  double value = NAN;

  if (area == NULL
      || atlas_dataset_get_value (dataset, indicator, year, area, &value, NULL) == ATLAS_VALUE_MISSING)
    return NAN;
  return value;
}

/* An ancestor's value; NaN for the area itself (a kommun has no kommun
 * above it). */
static double
ancestor_value (AtlasProfileLevel *level,
                AtlasIndicator    *indicator,
                AtlasArea         *area,
                const char        *division_id)
{
  AtlasArea *ancestor = atlas_area_get_ancestor (area, division_id);

  if (ancestor == area)
    return NAN;
  return value_of (level->dataset, indicator, level->year, ancestor);
}

static void
fill_row (AtlasProfileLevel *level,
          const Spread      *spread,
          AtlasArea         *area,
          AtlasProfileRow   *row)
{
  AtlasPolarity polarity = atlas_indicator_get_polarity (spread->indicator);
  AtlasValueSource source;

  row->indicator = g_object_ref (spread->indicator);
  row->value = NAN;
  row->reason = ATLAS_MISSING_NONE;
  source = atlas_dataset_get_value (level->dataset, spread->indicator, level->year, area,
                                    &row->value, &row->reason);
  if (source == ATLAS_VALUE_MISSING)
    row->value = NAN;
  row->demonstration = atlas_dataset_value_is_demonstration (level->dataset, spread->indicator, source);
  row->kommun = ancestor_value (level, spread->indicator, area, "kommun");
  row->lan = ancestor_value (level, spread->indicator, area, "lan");
  row->riket = ancestor_value (level, spread->indicator, area, "riket");
  row->n_values = spread->n;
  row->min = row->p25 = row->median = row->p75 = row->max = NAN;
  if (spread->n > 0)
    {
      row->min = spread->sorted[0];
      row->p25 = atlas_quantile_sorted (spread->sorted, spread->n, 0.25);
      row->median = atlas_quantile_sorted (spread->sorted, spread->n, 0.5);
      row->p75 = atlas_quantile_sorted (spread->sorted, spread->n, 0.75);
      row->max = spread->sorted[spread->n - 1];
    }
  row->neutral = polarity == ATLAS_POLARITY_NEUTRAL;
  row->higher_is_better_side = polarity != ATLAS_POLARITY_LOWER_IS_BETTER;
  row->quintile = 0;
  if (!isnan (row->value) && spread->n > 0)
    {
      row->quintile = quintile_of (spread, row->value);
      if (polarity == ATLAS_POLARITY_LOWER_IS_BETTER)
        row->quintile = 6 - row->quintile;
    }
}

static void
clear_row (gpointer data)
{
  AtlasProfileRow *row = data;

  g_clear_object (&row->indicator);
}

/**
 * atlas_area_profile_new_in:
 * @level: spreads from atlas_profile_level_new()
 * @area: an area of the level's division
 *
 * Returns: (transfer full): the profile
 */
AtlasAreaProfile *
atlas_area_profile_new_in (AtlasProfileLevel *level,
                           AtlasArea         *area)
{
  AtlasAreaProfile *self;

  g_return_val_if_fail (level != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);
  g_return_val_if_fail (atlas_area_get_division (area) == level->division, NULL);

  self = g_new0 (AtlasAreaProfile, 1);
  g_atomic_ref_count_init (&self->ref);
  self->dataset = g_object_ref (level->dataset);
  self->area = g_object_ref (area);
  self->year = level->year;
  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (AtlasProfileRow), level->spreads->len);
  g_array_set_clear_func (self->rows, clear_row);
  g_array_set_size (self->rows, level->spreads->len);
  for (guint i = 0; i < level->spreads->len; i++)
    fill_row (level, &g_array_index (level->spreads, Spread, i), area,
              &g_array_index (self->rows, AtlasProfileRow, i));
  return self;
}

/**
 * atlas_area_profile_new:
 * @dataset: a dataset
 * @area: an area of @dataset
 * @year: the year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the profile
 */
AtlasAreaProfile *
atlas_area_profile_new (AtlasDataset  *dataset,
                        AtlasArea     *area,
                        guint          year,
                        GError       **error)
{
  g_autoptr(AtlasProfileLevel) level = NULL;

  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);

  level = atlas_profile_level_new (dataset, atlas_area_get_division (area), year, error);
  if (level == NULL)
    return NULL;
  return atlas_area_profile_new_in (level, area);
}

AtlasAreaProfile *
atlas_area_profile_ref (AtlasAreaProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_area_profile_unref (AtlasAreaProfile *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_array_unref (self->rows);
  g_object_unref (self->area);
  g_object_unref (self->dataset);
  g_free (self);
}

AtlasDataset *
atlas_area_profile_get_dataset (const AtlasAreaProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dataset;
}

AtlasArea *
atlas_area_profile_get_area (const AtlasAreaProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->area;
}

guint
atlas_area_profile_get_year (const AtlasAreaProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->year;
}

guint
atlas_area_profile_get_n_rows (const AtlasAreaProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

const AtlasProfileRow *
atlas_area_profile_get_row (const AtlasAreaProfile *self,
                            guint                   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return &g_array_index (self->rows, AtlasProfileRow, index);
}

gboolean
atlas_area_profile_has_demonstration (const AtlasAreaProfile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, AtlasProfileRow, i).demonstration)
      return TRUE;
  return FALSE;
}

/**
 * atlas_area_profile_dup_categories:
 * @self: a profile
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer full): "Områdestyp: …" for each category indicator
 *   with a value for the area in the year
 */
char **
atlas_area_profile_dup_categories (const AtlasAreaProfile *self,
                                   const char             *lang)
{
  GListModel *indicators;
  GPtrArray *texts = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, NULL);

  indicators = atlas_dataset_get_indicators (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);
      double value = value_of (self->dataset, indicator, self->year, self->area);
      g_autofree char *text = NULL;

      if (!is_category (indicator) || isnan (value))
        continue;
      text = atlas_indicator_format_value (indicator, value, lang);
      g_ptr_array_add (texts, g_strdup_printf ("%s: %s", atlas_indicator_get_name (indicator, lang), text));
    }
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (texts, FALSE);
}
