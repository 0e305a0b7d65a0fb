/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis.h"
#include "atlas-type-history.h"

struct _AtlasTypeHistory
{
  gatomicrefcount  ref;
  AtlasIndicator  *category;
  AtlasIndicator  *population;
  AtlasDivision   *division;
  AtlasArea       *region;
  GArray          *years;       /* guint */
  GPtrArray       *areas;       /* AtlasArea, borrowed from the division */
  int             *types;       /* area × year */
  GPtrArray       *breakdowns;  /* AtlasTypeBreakdown, one per year */
  gboolean         demonstration;
};

G_DEFINE_BOXED_TYPE (AtlasTypeHistory, atlas_type_history,
                     atlas_type_history_ref, atlas_type_history_unref)

static void
collect_types (AtlasTypeHistory *self,
               AtlasDataset     *dataset)
{
  guint n_years = self->years->len;

  self->types = g_new (int, MAX (self->areas->len * n_years, 1));
  for (guint y = 0; y < n_years; y++)
    {
      const double *codes = atlas_dataset_peek_values (dataset, self->category,
                                                       g_array_index (self->years, guint, y),
                                                       self->division);

      for (guint i = 0; i < self->areas->len; i++)
        {
          double code = codes[atlas_area_get_index (g_ptr_array_index (self->areas, i))];

          self->types[i * n_years + y] = isnan (code) ? -1 : (int) code;
        }
    }
}

static gboolean
collect_breakdowns (AtlasTypeHistory *self,
                    AtlasDataset     *dataset,
                    GError          **error)
{
  /* Without a population the category itself is broken down: its value
   * is missing but the areas are counted. */
  AtlasIndicator *counted = self->population != NULL ? self->population : self->category;

  self->breakdowns = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_type_breakdown_unref);
  for (guint y = 0; y < self->years->len; y++)
    {
      guint year = g_array_index (self->years, guint, y);
      AtlasTypeBreakdown *breakdown = atlas_type_breakdown_new (dataset, counted, self->category,
                                                                self->region, year, 0, error);

      if (breakdown == NULL)
        return FALSE;
      g_ptr_array_add (self->breakdowns, breakdown);
      self->demonstration |= atlas_type_breakdown_is_demonstration (breakdown);
    }

  return TRUE;
}

static void
collect_areas (AtlasTypeHistory *self)
{
  self->areas = g_ptr_array_new ();
  for (guint a = 0; a < atlas_division_get_n_areas (self->division); a++)
    {
      AtlasArea *area = atlas_division_get_area (self->division, a);

      if (atlas_analysis_area_in_region (area, self->region))
        g_ptr_array_add (self->areas, area);
    }
}

/**
 * atlas_type_history_new:
 * @dataset: a dataset
 * @category: (nullable): a category indicator, %NULL for the package's only one
 * @region: (nullable): riket, a län or a kommun; %NULL for riket
 * @population: (nullable): the residents to count, %NULL for the package's
 * @error: set when the request does not fit the package
 *
 * Returns: (transfer full) (nullable): the history
 */
AtlasTypeHistory *
atlas_type_history_new (AtlasDataset    *dataset,
                        AtlasIndicator  *category,
                        AtlasArea       *region,
                        AtlasIndicator  *population,
                        GError         **error)
{
  g_autoptr(AtlasTypeHistory) self = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  if (category == NULL && (category = atlas_analysis_default_category (dataset, error)) == NULL)
    return NULL;

  self = g_new0 (AtlasTypeHistory, 1);
  g_atomic_ref_count_init (&self->ref);
  self->category = g_object_ref (category);
  population = population != NULL ? population : atlas_analysis_default_population (dataset);
  self->population = population != NULL ? g_object_ref (population) : NULL;
  self->years = atlas_dataset_dup_indicator_years (dataset, category);
  if (self->years->len == 0)
    {
      g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_NO_DATA,
                   _("The category indicator “%s” has no values in “%s”"),
                   atlas_indicator_get_id (category), atlas_dataset_get_id (dataset));
      return NULL;
    }
  self->region = region != NULL ? g_object_ref (region) : NULL;
  if (!collect_breakdowns (self, dataset, error))
    return NULL;

  self->division = g_object_ref (atlas_type_breakdown_get_division (g_ptr_array_index (self->breakdowns, 0)));
  g_set_object (&self->region, atlas_type_breakdown_get_region (g_ptr_array_index (self->breakdowns, 0)));
  collect_areas (self);
  collect_types (self, dataset);

  return g_steal_pointer (&self);
}

/**
 * atlas_type_history_ref:
 * @self: a history
 *
 * Returns: (transfer full): @self
 */
AtlasTypeHistory *
atlas_type_history_ref (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_type_history_unref (AtlasTypeHistory *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_clear_object (&self->category);
  g_clear_object (&self->population);
  g_clear_object (&self->division);
  g_clear_object (&self->region);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->breakdowns, g_ptr_array_unref);
  g_free (self->types);
  g_free (self);
}

AtlasIndicator *
atlas_type_history_get_category (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->category;
}

AtlasIndicator *
atlas_type_history_get_population (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->population;
}

AtlasDivision *
atlas_type_history_get_division (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->division;
}

AtlasArea *
atlas_type_history_get_region (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region;
}

guint
atlas_type_history_get_n_years (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->years->len;
}

guint
atlas_type_history_get_year (AtlasTypeHistory *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->years->len, 0);
  return g_array_index (self->years, guint, index);
}

guint
atlas_type_history_get_n_areas (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->areas->len;
}

/**
 * atlas_type_history_get_area:
 * @self: a history
 * @index: below atlas_type_history_get_n_areas()
 *
 * Returns: (transfer none): the area
 */
AtlasArea *
atlas_type_history_get_area (AtlasTypeHistory *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->areas->len, NULL);
  return g_ptr_array_index (self->areas, index);
}

int
atlas_type_history_get_area_type (AtlasTypeHistory *self,
                                  guint             area,
                                  guint             year_index)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (area < self->areas->len, -1);
  g_return_val_if_fail (year_index < self->years->len, -1);
  return self->types[area * self->years->len + year_index];
}

/**
 * atlas_type_history_get_breakdown:
 * @self: a history
 * @year_index: below atlas_type_history_get_n_years()
 *
 * Returns: (transfer none): areas and residents per type that year
 */
AtlasTypeBreakdown *
atlas_type_history_get_breakdown (AtlasTypeHistory *self,
                                  guint             year_index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (year_index < self->breakdowns->len, NULL);
  return g_ptr_array_index (self->breakdowns, year_index);
}

static int
find_year (AtlasTypeHistory *self,
           guint             year)
{
  for (guint y = 0; y < self->years->len; y++)
    if (g_array_index (self->years, guint, y) == year)
      return (int) y;

  return -1;
}

/**
 * atlas_type_history_dup_changes:
 * @self: a history
 * @from_year: a year with types
 * @to_year: another year with types
 *
 * Returns: (transfer full) (element-type AtlasTypeChange): the areas whose
 *   type differs, in the division's order; empty when either year has no types
 */
GArray *
atlas_type_history_dup_changes (AtlasTypeHistory *self,
                                guint             from_year,
                                guint             to_year)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (AtlasTypeChange));
  int from, to;

  g_return_val_if_fail (self != NULL, changes);

  from = find_year (self, from_year);
  to = find_year (self, to_year);
  if (from < 0 || to < 0)
    return changes;

  for (guint i = 0; i < self->areas->len; i++)
    {
      AtlasTypeChange change = { g_ptr_array_index (self->areas, i),
                                 atlas_type_history_get_area_type (self, i, (guint) from),
                                 atlas_type_history_get_area_type (self, i, (guint) to) };

      if (change.from >= 0 && change.to >= 0 && change.from != change.to)
        g_array_append_val (changes, change);
    }

  return changes;
}

gboolean
atlas_type_history_is_demonstration (AtlasTypeHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->demonstration;
}

/**
 * atlas_type_history_get_caveat:
 *
 * Returns: (transfer none): the caveat, translated
 */
const char *
atlas_type_history_get_caveat (void)
{
  return _("Area types are relative: they are set each year from how far an area’s "
           "socioeconomic index lies from the mean of all areas that year, so an area can "
           "change type because other areas changed, without any change of its own.");
}
