/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "atlas-similar-areas.h"

/* Similar areas, as Kolada's "liknande kommuner" but with the indicators
 * the user picks: each indicator is turned into z-scores over the level's
 * areas that have a value in the year (mean 0, population standard
 * deviation 1), and areas are ranked by the Euclidean distance of their
 * z-scores to the chosen area's. An area lacking any of the indicators is
 * not ranked (a distance over fewer indicators would not be comparable)
 * and is counted instead. Ties are ranked by area code. */

typedef struct
{
  AtlasArea *area;
  double     distance;
} Item;

struct _AtlasSimilarAreas
{
  gatomicrefcount  ref;
  AtlasArea       *area;
  guint            year;
  GPtrArray       *indicators;
  GArray          *items;      /* Item, nearest first */
  guint            n_excluded;
};

G_DEFINE_BOXED_TYPE (AtlasSimilarAreas, atlas_similar_areas,
                     atlas_similar_areas_ref, atlas_similar_areas_unref)

static gboolean
is_category (AtlasIndicator *indicator)
{
  return atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY
         || atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_CATEGORY;
}

/* Mean and population standard deviation of the finite values. */
static void
moments (const double *values,
         guint         n,
         double       *mean,
         double       *sd)
{
  double sum = 0, ss = 0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        sum += values[i];
        count++;
      }
  *mean = count > 0 ? sum / count : NAN;
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      ss += (values[i] - *mean) * (values[i] - *mean);
  *sd = count > 0 ? sqrt (ss / count) : NAN;
}

static gboolean
usable (AtlasDataset   *dataset,
        AtlasIndicator *indicator,
        AtlasArea      *area,
        guint           year,
        GError        **error)
{
  AtlasDivision *division = atlas_area_get_division (area);
  const double *values = atlas_dataset_peek_values (dataset, indicator, year, division);
  double mean, sd;

  if (is_category (indicator))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” holds categories and cannot be compared by distance"),
                   atlas_indicator_get_id (indicator));
      return FALSE;
    }
  if (values == NULL || !isfinite (values[atlas_area_get_index (area)]))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no value of “%s” in %u"), atlas_area_get_code (area),
                   atlas_indicator_get_id (indicator), year);
      return FALSE;
    }
  moments (values, atlas_division_get_n_areas (division), &mean, &sd);
  if (!(sd > 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” has the same value in every area of the level in %u: it cannot tell areas apart"),
                   atlas_indicator_get_id (indicator), year);
      return FALSE;
    }
  return TRUE;
}

/* The default choice: indicators (not background counts or categories)
 * the area has a value for and that vary over the level. */
static GPtrArray *
default_indicators (AtlasDataset *dataset,
                    AtlasArea    *area,
                    guint         year)
{
  GListModel *all = atlas_dataset_get_indicators (dataset);
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

      if (atlas_indicator_get_kind (indicator) == ATLAS_INDICATOR_KIND_BACKGROUND
          || atlas_indicator_get_unit (indicator) == ATLAS_UNIT_COUNT
          || !usable (dataset, indicator, area, year, NULL))
        continue;
      g_ptr_array_add (chosen, g_object_ref (indicator));
    }
  return chosen;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return g_strcmp0 (atlas_area_get_code (x->area), atlas_area_get_code (y->area));
}

/* Sum of squared z-score differences per area; NaN for areas lacking a
 * value. */
static double *
squared_distances (AtlasDataset *dataset,
                   GPtrArray    *indicators,
                   AtlasArea    *area,
                   guint         year)
{
  AtlasDivision *division = atlas_area_get_division (area);
  guint n = atlas_division_get_n_areas (division);
  double *d2 = g_new0 (double, MAX (n, 1));

  for (guint k = 0; k < indicators->len; k++)
    {
      const double *values = atlas_dataset_peek_values (dataset, g_ptr_array_index (indicators, k),
                                                        year, division);
      double mean, sd, target;

      moments (values, n, &mean, &sd);
      target = (values[atlas_area_get_index (area)] - mean) / sd;
      for (guint i = 0; i < n; i++)
        {
          double z = (values[i] - mean) / sd;

          d2[i] += isfinite (values[i]) ? (z - target) * (z - target) : NAN;
        }
    }
  return d2;
}

static void
rank (AtlasSimilarAreas *self,
      AtlasDataset      *dataset,
      guint              n)
{
  AtlasDivision *division = atlas_area_get_division (self->area);
  g_autofree double *d2 = squared_distances (dataset, self->indicators, self->area, self->year);

  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      Item item = { atlas_division_get_area (division, i), sqrt (d2[i]) };

      if (item.area == self->area)
        continue;
      if (isnan (d2[i]))
        self->n_excluded++;
      else
        g_array_append_val (self->items, item);
    }
  g_array_sort (self->items, compare_items);
  if (self->items->len > n)
    g_array_set_size (self->items, n);
  for (guint i = 0; i < self->items->len; i++)
    g_object_ref (g_array_index (self->items, Item, i).area);
}

/**
 * atlas_similar_areas_find:
 * @dataset: a dataset
 * @area: the area to find others like
 * @year: the year of the values
 * @indicators: (element-type AtlasIndicator) (nullable): the indicators
 * @n: how many areas to return at most
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the @n nearest areas of @area's
 *   level
 */
AtlasSimilarAreas *
atlas_similar_areas_find (AtlasDataset  *dataset,
                          AtlasArea     *area,
                          guint          year,
                          GPtrArray     *indicators,
                          guint          n,
                          GError       **error)
{
  g_autoptr(GPtrArray) chosen = NULL;
  AtlasSimilarAreas *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);

  if (!atlas_dataset_has_year (dataset, year))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The package “%s” has no values for the year %u"), atlas_dataset_get_id (dataset), year);
      return NULL;
    }
  if (indicators == NULL)
    chosen = default_indicators (dataset, area, year);
  else
    {
      chosen = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint k = 0; k < indicators->len; k++)
        {
          if (!usable (dataset, g_ptr_array_index (indicators, k), area, year, error))
            return NULL;
          g_ptr_array_add (chosen, g_object_ref (g_ptr_array_index (indicators, k)));
        }
    }
  if (chosen->len == 0)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                   _("“%s” has no indicator values in %u to compare on"), atlas_area_get_code (area), year);
      return NULL;
    }

  self = g_new0 (AtlasSimilarAreas, 1);
  g_atomic_ref_count_init (&self->ref);
  self->area = g_object_ref (area);
  self->year = year;
  self->indicators = g_steal_pointer (&chosen);
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  rank (self, dataset, n);
  return self;
}

AtlasSimilarAreas *
atlas_similar_areas_ref (AtlasSimilarAreas *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_similar_areas_unref (AtlasSimilarAreas *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_array_index (self->items, Item, i).area);
  g_array_unref (self->items);
  g_ptr_array_unref (self->indicators);
  g_object_unref (self->area);
  g_free (self);
}

AtlasArea *
atlas_similar_areas_get_area (const AtlasSimilarAreas *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->area;
}

guint
atlas_similar_areas_get_year (const AtlasSimilarAreas *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->year;
}

GPtrArray *
atlas_similar_areas_get_indicators (const AtlasSimilarAreas *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->indicators;
}

guint
atlas_similar_areas_get_n_items (const AtlasSimilarAreas *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

AtlasArea *
atlas_similar_areas_get_item (const AtlasSimilarAreas *self,
                              guint                    index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, NULL);

  return g_array_index (self->items, Item, index).area;
}

double
atlas_similar_areas_get_distance (const AtlasSimilarAreas *self,
                                  guint                    index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, NAN);

  return g_array_index (self->items, Item, index).distance;
}

guint
atlas_similar_areas_get_n_excluded (const AtlasSimilarAreas *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_excluded;
}

/**
 * atlas_similar_areas_dup_method:
 * @self: the result
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer full): how the distance is computed and what was
 *   left out
 */
char *
atlas_similar_areas_dup_method (const AtlasSimilarAreas *self,
                                const char              *lang)
{
  g_autofree char *level = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  lang = lang != NULL ? lang : atlas_language ();
  level = atlas_division_dup_name_in_sentence (atlas_area_get_division (self->area), lang);
  if (g_strcmp0 (lang, "en") == 0)
    return g_strdup_printf ("Euclidean distance over z-scores: each of the %u indicators is standardised to "
                            "mean 0 and standard deviation 1 (population) over the areas of the level %s "
                            "with a value in %u. Areas lacking any of the values are not ranked (%u left out). "
                            "0 means identical values.",
                            self->indicators->len, level, self->year, self->n_excluded);
  return g_strdup_printf ("Euklidiskt avstånd över z-värden: var och en av de %u indikatorerna standardiseras "
                          "till medelvärde 0 och standardavvikelse 1 (populationens) bland områdena på nivån %s "
                          "som har ett värde %u. Områden som saknar något av värdena rangordnas inte (%u utelämnade). "
                          "0 betyder samma värden.",
                          self->indicators->len, level, self->year, self->n_excluded);
}
