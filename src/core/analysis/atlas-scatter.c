/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-scatter.h"

/* Scatter plots of two indicators over the areas of one level and year.
 * The line is the ordinary least-squares fit of y on x and r is Pearson's
 * correlation coefficient, both over the areas with both values, computed
 * from centred sums (two passes) so that large values such as incomes keep
 * their precision. */

struct _AtlasScatter
{
  gatomicrefcount  ref;
  AtlasDataset    *dataset;
  AtlasDivision   *division;
  guint            year;
  AtlasIndicator  *x;
  AtlasIndicator  *y;
  AtlasIndicator  *size;
  GArray          *points;   /* AtlasScatterPoint */
  guint            n_missing;
  double           slope;
  double           intercept;
  double           r;
};

G_DEFINE_BOXED_TYPE (AtlasScatter, atlas_scatter, atlas_scatter_ref, atlas_scatter_unref)

static gboolean
check_indicator (AtlasIndicator  *indicator,
                 GError         **error)
{
  if (atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY
      && atlas_indicator_get_aggregation (indicator) != ATLAS_AGGREGATION_CATEGORY)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” holds categories and cannot be plotted on an axis"), atlas_indicator_get_id (indicator));
  return FALSE;
}

static void
fit (AtlasScatter *self)
{
  double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
  guint n = self->points->len;

  for (guint i = 0; i < n; i++)
    {
      mx += g_array_index (self->points, AtlasScatterPoint, i).x;
      my += g_array_index (self->points, AtlasScatterPoint, i).y;
    }
  mx /= n;
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      const AtlasScatterPoint *p = &g_array_index (self->points, AtlasScatterPoint, i);

      sxx += (p->x - mx) * (p->x - mx);
      syy += (p->y - my) * (p->y - my);
      sxy += (p->x - mx) * (p->y - my);
    }
  self->slope = sxx > 0 ? sxy / sxx : NAN;
  self->intercept = sxx > 0 ? my - self->slope * mx : NAN;
  self->r = sxx > 0 && syy > 0 ? sxy / sqrt (sxx * syy) : NAN;
}

static void
collect (AtlasScatter *self)
{
  guint n = atlas_division_get_n_areas (self->division);
  const double *xs = atlas_dataset_peek_values (self->dataset, self->x, self->year, self->division);
  const double *ys = atlas_dataset_peek_values (self->dataset, self->y, self->year, self->division);
  const double *sizes = self->size != NULL
    ? atlas_dataset_peek_values (self->dataset, self->size, self->year, self->division) : NULL;

  for (guint i = 0; i < n; i++)
    {
      AtlasScatterPoint point = { atlas_division_get_area (self->division, i), xs[i], ys[i],
                                  sizes != NULL ? sizes[i] : NAN };

      if (!isfinite (point.x) || !isfinite (point.y))
        {
          self->n_missing++;
          continue;
        }
      g_object_ref (point.area);
      g_array_append_val (self->points, point);
    }
}

/**
 * atlas_scatter_new:
 * @dataset: a dataset
 * @division: the level
 * @year: the year
 * @x: the indicator across
 * @y: the indicator up
 * @size: (nullable): the indicator that sizes the points
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the scatter plot
 */
AtlasScatter *
atlas_scatter_new (AtlasDataset    *dataset,
                   AtlasDivision   *division,
                   guint            year,
                   AtlasIndicator  *x,
                   AtlasIndicator  *y,
                   AtlasIndicator  *size,
                   GError         **error)
{
  g_autoptr(AtlasScatter) self = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (x) && ATLAS_IS_INDICATOR (y), NULL);

  if (!check_indicator (x, error) || !check_indicator (y, error))
    return NULL;
  if (!atlas_dataset_has_year (dataset, year))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The package “%s” has no values for the year %u"), atlas_dataset_get_id (dataset), year);
      return NULL;
    }

  self = g_new0 (AtlasScatter, 1);
  g_atomic_ref_count_init (&self->ref);
  self->dataset = g_object_ref (dataset);
  self->division = g_object_ref (division);
  self->year = year;
  self->x = g_object_ref (x);
  self->y = g_object_ref (y);
  self->size = size != NULL ? g_object_ref (size) : NULL;
  self->points = g_array_new (FALSE, FALSE, sizeof (AtlasScatterPoint));
  collect (self);
  if (self->points->len < 2)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA,
                   _("Fewer than two areas of the level “%s” have values of both “%s” and “%s” in %u"),
                   atlas_division_get_id (division), atlas_indicator_get_id (x), atlas_indicator_get_id (y), year);
      return NULL;
    }
  fit (self);
  return g_steal_pointer (&self);
}

AtlasScatter *
atlas_scatter_ref (AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_scatter_unref (AtlasScatter *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  for (guint i = 0; self->points != NULL && i < self->points->len; i++)
    g_object_unref (g_array_index (self->points, AtlasScatterPoint, i).area);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_object (&self->x);
  g_clear_object (&self->y);
  g_clear_object (&self->size);
  g_clear_object (&self->division);
  g_clear_object (&self->dataset);
  g_free (self);
}

AtlasDataset *
atlas_scatter_get_dataset (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

AtlasDivision *
atlas_scatter_get_division (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->division;
}

guint
atlas_scatter_get_year (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

AtlasIndicator *
atlas_scatter_get_x_indicator (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x;
}

AtlasIndicator *
atlas_scatter_get_y_indicator (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y;
}

AtlasIndicator *
atlas_scatter_get_size_indicator (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->size;
}

guint
atlas_scatter_get_n_points (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->points->len;
}

const AtlasScatterPoint *
atlas_scatter_get_point (const AtlasScatter *self,
                         guint               index)
{
  g_return_val_if_fail (self != NULL && index < self->points->len, NULL);
  return &g_array_index (self->points, AtlasScatterPoint, index);
}

guint
atlas_scatter_get_n_missing (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_missing;
}

double
atlas_scatter_get_slope (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->slope;
}

double
atlas_scatter_get_intercept (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->intercept;
}

double
atlas_scatter_get_r (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->r;
}

GPtrArray *
atlas_scatter_dup_codes_in (const AtlasScatter *self,
                            double              x0,
                            double              y0,
                            double              x1,
                            double              y1)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, codes);

  for (guint i = 0; i < self->points->len; i++)
    {
      const AtlasScatterPoint *p = &g_array_index (self->points, AtlasScatterPoint, i);

      if (p->x >= MIN (x0, x1) && p->x <= MAX (x0, x1) && p->y >= MIN (y0, y1) && p->y <= MAX (y0, y1))
        g_ptr_array_add (codes, g_strdup (atlas_area_get_code (p->area)));
    }
  return codes;
}

gboolean
atlas_scatter_has_demonstration (const AtlasScatter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return atlas_dataset_indicator_is_demonstration (self->dataset, self->x)
         || atlas_dataset_indicator_is_demonstration (self->dataset, self->y)
         || (self->size != NULL && atlas_dataset_indicator_is_demonstration (self->dataset, self->size));
}
