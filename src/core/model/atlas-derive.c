/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-aggregate-private.h"
#include "atlas-loader-private.h"

/* Fills the cells a package does not store, bottom-up: a parent area's
 * value derived from its child areas (a sum or a weighted mean, by the
 * indicator's aggregation rule), or the reason why there is none. */

typedef struct
{
  guint    *child_of;     /* per division: the covering child division, or G_MAXUINT */
  gboolean *has_child;    /* per division: any division lies below it */
  guint    *parent_index; /* per cell: the parent area's index in its division */
  guint    *weight_of;    /* per indicator: the weight's index, or G_MAXUINT */
  AtlasAccumulator *acc;  /* per parent area */
} Derivation;

enum
{
  FLAG_VALUE_MISSING = 1 << 0,
  FLAG_WEIGHT_MISSING = 1 << 1,
};

/**
 * atlas_aggregation_fixed_reason:
 * @rule: an aggregation rule
 *
 * Returns: why no aggregate of an indicator with this rule exists
 *   (%ATLAS_MISSING_NOT_AGGREGATABLE, %ATLAS_MISSING_CATEGORY), or
 *   %ATLAS_MISSING_NONE for sums and weighted means
 */
AtlasMissingReason
atlas_aggregation_fixed_reason (AtlasAggregation rule)
{
  switch (rule)
    {
    case ATLAS_AGGREGATION_NONE:
      return ATLAS_MISSING_NOT_AGGREGATABLE;
    case ATLAS_AGGREGATION_CATEGORY:
      return ATLAS_MISSING_CATEGORY;
    case ATLAS_AGGREGATION_SUM:
    case ATLAS_AGGREGATION_WEIGHTED_MEAN:
    default:
      return ATLAS_MISSING_NONE;
    }
}

/**
 * atlas_accumulator_add:
 * @acc: an accumulator
 * @value: a member's value, NaN when it has none
 * @weighted: whether the rule is a weighted mean
 * @weight: the member's weight (weighted means only), NaN when missing
 */
void
atlas_accumulator_add (AtlasAccumulator *acc,
                       double            value,
                       gboolean          weighted,
                       double            weight)
{
  acc->n++;
  if (isnan (value))
    acc->flags |= FLAG_VALUE_MISSING;
  else if (!weighted)
    acc->sum_v += value;
  else if (isnan (weight))
    acc->flags |= FLAG_WEIGHT_MISSING;
  else
    {
      acc->sum_v += value * weight;
      acc->sum_w += weight;
    }
}

/**
 * atlas_accumulator_finish:
 * @acc: an accumulator
 * @weighted: whether the rule is a weighted mean
 * @value: (out): the aggregate, left alone when missing
 *
 * Returns: why there is no aggregate, or %ATLAS_MISSING_NONE
 */
AtlasMissingReason
atlas_accumulator_finish (const AtlasAccumulator *acc,
                          gboolean                weighted,
                          double                 *value)
{
  if (acc->n == 0)
    return ATLAS_MISSING_NOT_IN_SOURCE;
  if (acc->flags & FLAG_VALUE_MISSING)
    return ATLAS_MISSING_INCOMPLETE;
  if (weighted && ((acc->flags & FLAG_WEIGHT_MISSING) || acc->sum_w == 0.0))
    return ATLAS_MISSING_NO_WEIGHT;

  *value = weighted ? acc->sum_v / acc->sum_w : acc->sum_v;
  return ATLAS_MISSING_NONE;
}

static guint
division_index (AtlasPackage  *pkg,
                AtlasDivision *division)
{
  guint index = 0;

  g_ptr_array_find (pkg->divisions, division, &index);
  return index;
}

static void
link_divisions (AtlasPackage *pkg,
                Derivation   *dv)
{
  guint n = pkg->divisions->len;

  dv->child_of = g_new (guint, n);
  dv->has_child = g_new0 (gboolean, n);
  dv->parent_index = g_new0 (guint, MAX (pkg->n_cells, 1));
  for (guint d = 0; d < n; d++)
    dv->child_of[d] = G_MAXUINT;

  /* The first covering child division is the one parents derive from. */
  for (guint d = 1; d < n; d++)
    {
      AtlasDivision *division = g_ptr_array_index (pkg->divisions, d);
      guint p = division_index (pkg, atlas_division_get_parent (division));

      dv->has_child[p] = TRUE;
      if (atlas_division_covers_parent (division) && dv->child_of[p] == G_MAXUINT)
        dv->child_of[p] = d;
      for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
        dv->parent_index[pkg->division_offsets[d] + a] =
          atlas_area_get_index (atlas_area_get_parent (atlas_division_get_area (division, a)));
    }
}

static void
find_weights (AtlasPackage *pkg,
              Derivation   *dv)
{
  dv->weight_of = g_new (guint, MAX (pkg->indicators->len, 1));

  for (guint i = 0; i < pkg->indicators->len; i++)
    {
      const char *weight = atlas_indicator_get_weight_id (g_ptr_array_index (pkg->indicators, i));

      dv->weight_of[i] = G_MAXUINT;
      for (guint j = 0; weight != NULL && j < pkg->indicators->len; j++)
        if (g_str_equal (weight, atlas_indicator_get_id (g_ptr_array_index (pkg->indicators, j))))
          dv->weight_of[i] = j;
    }
}

/* The reason every unstored cell of division d gets, or NONE when values
 * can be derived from its child division. */
static AtlasMissingReason
fixed_reason (const Derivation *dv,
              AtlasIndicator   *indicator,
              guint             d)
{
  AtlasMissingReason reason;

  if (!dv->has_child[d])
    return ATLAS_MISSING_NOT_IN_SOURCE;

  reason = atlas_aggregation_fixed_reason (atlas_indicator_get_aggregation (indicator));
  if (reason != ATLAS_MISSING_NONE)
    return reason;

  return dv->child_of[d] == G_MAXUINT ? ATLAS_MISSING_PARTIAL_COVERAGE : ATLAS_MISSING_NONE;
}

static void
accumulate_children (AtlasPackage *pkg,
                     Derivation   *dv,
                     guint         i,
                     guint         y,
                     guint         c,
                     guint         n_parents)
{
  guint n = atlas_division_get_n_areas (g_ptr_array_index (pkg->divisions, c));
  gsize off = pkg->division_offsets[c];
  const double *v = pkg->values + atlas_package_table_start (pkg, i, y) + off;
  const double *w = dv->weight_of[i] != G_MAXUINT
                    ? pkg->values + atlas_package_table_start (pkg, dv->weight_of[i], y) + off : NULL;

  memset (dv->acc, 0, sizeof (AtlasAccumulator) * n_parents);
  for (guint k = 0; k < n; k++)
    atlas_accumulator_add (&dv->acc[dv->parent_index[off + k]], v[k], w != NULL,
                           w != NULL ? w[k] : NAN);
}

static void
derive_table (AtlasPackage *pkg,
              Derivation   *dv,
              guint         i,
              guint         y,
              guint         d)
{
  AtlasIndicator *indicator = g_ptr_array_index (pkg->indicators, i);
  guint n = atlas_division_get_n_areas (g_ptr_array_index (pkg->divisions, d));
  gsize start = atlas_package_table_start (pkg, i, y) + pkg->division_offsets[d];
  AtlasMissingReason reason = fixed_reason (dv, indicator, d);
  gboolean weighted = atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_WEIGHTED_MEAN;

  if (reason == ATLAS_MISSING_NONE)
    accumulate_children (pkg, dv, i, y, dv->child_of[d], n);

  for (guint a = 0; a < n; a++)
    {
      double value = NAN;
      AtlasMissingReason r = reason;

      if (ATLAS_CELL_SOURCE (pkg->states[start + a]) == ATLAS_VALUE_STORED)
        continue;
      if (r == ATLAS_MISSING_NONE)
        r = atlas_accumulator_finish (&dv->acc[a], weighted, &value);

      pkg->values[start + a] = value;
      pkg->states[start + a] = r == ATLAS_MISSING_NONE
                               ? ATLAS_CELL_STATE (ATLAS_VALUE_DERIVED, ATLAS_MISSING_NONE)
                               : ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, r);
    }
}

static void
mark_empty_tables (AtlasPackage *pkg)
{
  for (guint i = 0; i < pkg->indicators->len; i++)
    for (guint y = 0; y < pkg->years->len; y++)
      if (!pkg->has_stored[i * pkg->years->len + y])
        memset (pkg->states + atlas_package_table_start (pkg, i, y),
                ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, ATLAS_MISSING_YEAR), pkg->n_cells);
}

void
atlas_package_derive_values (AtlasPackage *pkg)
{
  Derivation dv = { NULL, };
  guint max_areas = 1;

  link_divisions (pkg, &dv);
  find_weights (pkg, &dv);
  for (guint d = 0; d < pkg->divisions->len; d++)
    max_areas = MAX (max_areas, atlas_division_get_n_areas (g_ptr_array_index (pkg->divisions, d)));
  dv.acc = g_new (AtlasAccumulator, max_areas);

  mark_empty_tables (pkg);
  /* Bottom-up: children (and their weights) are final before parents. */
  for (guint d = pkg->divisions->len; d-- > 0;)
    for (guint i = 0; i < pkg->indicators->len; i++)
      for (guint y = 0; y < pkg->years->len; y++)
        if (pkg->has_stored[i * pkg->years->len + y])
          derive_table (pkg, &dv, i, y, d);

  g_free (dv.child_of);
  g_free (dv.has_child);
  g_free (dv.parent_index);
  g_free (dv.weight_of);
  g_free (dv.acc);
}
