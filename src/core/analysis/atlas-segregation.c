/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis.h"
#include "atlas-segregation.h"
#include "atlas-segregation-private.h"

/* Formulas and references: docs/analyses.md. */

struct _AtlasSegregation
{
  gatomicrefcount  ref;
  AtlasDataset    *dataset;
  GPtrArray       *groups;   /* AtlasIndicator */
  AtlasIndicator  *total;
  AtlasDivision   *fine;
  AtlasDivision   *coarse;
  guint            year;
  GArray          *results;  /* AtlasSegregationResult, one per coarse area */
  char            *count_note;
  gboolean         demonstration;
};

G_DEFINE_BOXED_TYPE (AtlasSegregation, atlas_segregation,
                     atlas_segregation_ref, atlas_segregation_unref)

/* p ln(1/p) summed over the shares of a row; 0 ln(1/0) is 0. */
static double
entropy (const double *counts,
         guint         n,
         double        total)
{
  double e = 0.0;

  for (guint m = 0; m < n; m++)
    if (counts[m] > 0.0 && total > 0.0)
      e -= counts[m] / total * log (counts[m] / total);

  return e;
}

/* A unit's counts with what its total holds beyond the groups as the last
 * group; shares × denominators can overshoot the total by rounding. */
static void
unit_row (const double *counts,
          double        total,
          guint         n_groups,
          double       *row)
{
  double rest = total;

  for (guint m = 0; m < n_groups; m++)
    {
      row[m] = MAX (counts[m], 0.0);
      rest -= row[m];
    }
  row[n_groups] = MAX (rest, 0.0);
}

static double
theil_h (const double *counts,
         const double *totals,
         guint         n_units,
         guint         n_groups,
         const double *sums,
         double        total)
{
  g_autofree double *row = g_new (double, n_groups + 1);
  double e = entropy (sums, n_groups + 1, total);
  double h = 0.0;

  if (!(total > 0.0) || e <= 0.0)
    return NAN;

  for (guint i = 0; i < n_units; i++)
    {
      if (!(totals[i] > 0.0))
        continue;
      unit_row (counts + (gsize) i * n_groups, totals[i], n_groups, row);
      h += totals[i] * (e - entropy (row, n_groups + 1, totals[i]));
    }

  return h / (total * e);
}

/* D, isolation and exposure of the first group against the rest. */
static void
two_group (const double           *counts,
           const double           *totals,
           guint                   n_units,
           AtlasSegregationResult *r)
{
  double g_all = r->group, rest_all = r->total - r->group;
  double d = 0.0, iso = 0.0, exp = 0.0;

  for (guint i = 0; i < n_units; i++)
    {
      double g = MAX (counts[i], 0.0), rest = MAX (totals[i] - g, 0.0);

      if (!(totals[i] > 0.0))
        continue;
      if (rest_all > 0.0 && g_all > 0.0)
        d += fabs (g / g_all - rest / rest_all);
      if (g_all > 0.0)
        {
          iso += g / g_all * (g / totals[i]);
          exp += g / g_all * (rest / totals[i]);
        }
    }

  r->dissimilarity = g_all > 0.0 && rest_all > 0.0 ? d / 2.0 : NAN;
  r->isolation = g_all > 0.0 ? iso : NAN;
  r->exposure = g_all > 0.0 ? exp : NAN;
}

/**
 * atlas_segregation_compute_units:
 * @counts: (array): @n_units rows of @n_groups group counts
 * @totals: (array length=n_units): each unit's total
 * @n_units: the number of units
 * @n_groups: the number of groups, at least 1
 * @result: (out caller-allocates): the indices
 *
 * Units whose total is not above zero hold no one and are left out.
 */
void
atlas_segregation_compute_units (const double           *counts,
                                 const double           *totals,
                                 guint                   n_units,
                                 guint                   n_groups,
                                 AtlasSegregationResult *result)
{
  g_autofree double *sums = g_new0 (double, n_groups + 1);
  g_autofree double *row = g_new (double, n_groups + 1);

  g_return_if_fail (n_groups >= 1);
  g_return_if_fail (result != NULL);

  result->n_units = 0;
  result->total = 0.0;
  for (guint i = 0; i < n_units; i++)
    {
      if (!(totals[i] > 0.0))
        continue;
      result->n_units++;
      result->total += totals[i];
      unit_row (counts + (gsize) i * n_groups, totals[i], n_groups, row);
      for (guint m = 0; m <= n_groups; m++)
        sums[m] += row[m];
    }

  result->group = sums[0];
  result->group_share = result->total > 0.0 ? result->group / result->total : NAN;
  result->dissimilarity = result->isolation = result->exposure = NAN;
  if (n_groups == 1)
    two_group (counts, totals, n_units, result);
  result->theil = theil_h (counts, totals, n_units, n_groups, sums, result->total);
  /* D is symmetric in the group and the rest: either being small makes
   * it swing with a handful of people. */
  result->unreliable = result->n_units < ATLAS_SEGREGATION_MIN_UNITS ||
                       result->group < ATLAS_SEGREGATION_MIN_GROUP ||
                       result->total - result->group < ATLAS_SEGREGATION_MIN_GROUP;
}

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (ATLAS_ANALYSIS_ERROR,
                                                ATLAS_ANALYSIS_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

/* A group is a count, or a share of the total that the package stores
 * with the total as its weight (then count = share / 100 × total). */
static gboolean
check_group (AtlasIndicator  *group,
             AtlasIndicator  *total,
             GError         **error)
{
  const char *weight = atlas_indicator_get_weight_id (group);

  if (atlas_indicator_get_unit (group) == ATLAS_UNIT_COUNT)
    return TRUE;
  if (atlas_indicator_get_unit (group) != ATLAS_UNIT_PERCENT)
    return fail (error, _("The group “%s” is neither a count nor a share; segregation "
                          "indices need the number of people (or dwellings) in the group"),
                 atlas_indicator_get_id (group));
  if (weight == NULL)
    return fail (error, _("The group “%s” is stored only as a share, without its "
                          "denominator, so it cannot be turned back into counts"),
                 atlas_indicator_get_id (group));
  if (!g_str_equal (weight, atlas_indicator_get_id (total)))
    return fail (error, _("The group “%s” is a share of “%s”; use --total %s so that "
                          "counts and totals agree"),
                 atlas_indicator_get_id (group), weight, weight);
  return TRUE;
}

static gboolean
check_request (AtlasDataset    *dataset,
               AtlasIndicator **groups,
               guint            n_groups,
               AtlasIndicator  *total,
               AtlasDivision   *fine,
               AtlasDivision   *coarse,
               guint            year,
               GError         **error)
{
  if (atlas_indicator_get_unit (total) != ATLAS_UNIT_COUNT)
    return fail (error, _("The total “%s” is not a count; give the indicator that counts "
                          "everyone (such as population)"), atlas_indicator_get_id (total));
  if (!atlas_analysis_division_is_above (coarse, fine))
    return fail (error, _("The level “%s” is not above “%s”; segregation is measured over "
                          "the small areas inside each larger one (--level deso --by kommun)"),
                 atlas_division_get_id (coarse), atlas_division_get_id (fine));
  if (!atlas_dataset_has_year (dataset, year))
    return fail (error, _("The package “%s” has no year %u"), atlas_dataset_get_id (dataset), year);
  for (guint m = 0; m < n_groups; m++)
    if (!check_group (groups[m], total, error))
      return FALSE;
  return TRUE;
}

/* Group counts of every fine area: stored counts, or share × total. */
static double *
dup_group_counts (AtlasSegregation *self,
                  AtlasIndicator   *group,
                  const double     *totals)
{
  guint n = atlas_division_get_n_areas (self->fine);
  const double *values = atlas_dataset_peek_values (self->dataset, group, self->year, self->fine);
  double *counts = g_new (double, MAX (n, 1));
  gboolean share = atlas_indicator_get_unit (group) == ATLAS_UNIT_PERCENT;

  for (guint a = 0; a < n; a++)
    counts[a] = share ? values[a] / 100.0 * totals[a] : values[a];

  return counts;
}

static void
set_count_note (AtlasSegregation *self)
{
  for (guint m = 0; m < self->groups->len; m++)
    if (atlas_indicator_get_unit (g_ptr_array_index (self->groups, m)) == ATLAS_UNIT_PERCENT)
      {
        self->count_note = g_strdup_printf (_("Group counts computed as the stored share × %s."),
                                            atlas_indicator_get_name (self->total, NULL));
        return;
      }
}

/* Per fine area: the index of the coarse area it lies in. */
static guint *
dup_coarse_index (AtlasDivision *fine,
                  AtlasDivision *coarse)
{
  const char *coarse_id = atlas_division_get_id (coarse);
  guint n = atlas_division_get_n_areas (fine);
  guint *coarse_of = g_new (guint, MAX (n, 1));

  for (guint a = 0; a < n; a++)
    {
      AtlasArea *ancestor = atlas_area_get_ancestor (atlas_division_get_area (fine, a), coarse_id);

      coarse_of[a] = ancestor != NULL ? atlas_area_get_index (ancestor) : G_MAXUINT;
    }

  return coarse_of;
}

/* The fine areas grouped by coarse area (a counting sort): those of coarse
 * area c are order[first[c]] … order[first[c + 1] - 1]. */
static guint *
dup_order (const guint *coarse_of,
           guint        n_fine,
           guint        n_coarse,
           guint       *first)
{
  guint *order = g_new (guint, MAX (n_fine, 1));
  g_autofree guint *next = g_new0 (guint, n_coarse + 1);

  memset (first, 0, sizeof (guint) * (n_coarse + 1));
  for (guint a = 0; a < n_fine; a++)
    if (coarse_of[a] < n_coarse)
      first[coarse_of[a] + 1]++;
  for (guint c = 0; c < n_coarse; c++)
    first[c + 1] += first[c];
  memcpy (next, first, sizeof (guint) * (n_coarse + 1));
  for (guint a = 0; a < n_fine; a++)
    if (coarse_of[a] < n_coarse)
      order[next[coarse_of[a]]++] = a;

  return order;
}

/* The units of one coarse area, as rows of group counts and totals. */
static AtlasMissingReason
gather_units (const double * const *group_counts,
              guint                 n_groups,
              const double         *totals,
              const guint          *units,
              guint                 n_units,
              GArray               *counts,
              GArray               *unit_totals)
{
  AtlasMissingReason reason = ATLAS_MISSING_NONE;

  g_array_set_size (counts, 0);
  g_array_set_size (unit_totals, 0);
  for (guint k = 0; k < n_units; k++)
    {
      guint a = units[k];

      if (isnan (totals[a]))
        reason = ATLAS_MISSING_INCOMPLETE;
      g_array_append_val (unit_totals, totals[a]);
      for (guint m = 0; m < n_groups; m++)
        {
          if (isnan (group_counts[m][a]))
            reason = ATLAS_MISSING_INCOMPLETE;
          g_array_append_val (counts, group_counts[m][a]);
        }
    }

  if (reason == ATLAS_MISSING_NONE && n_units == 0)
    reason = ATLAS_MISSING_NOT_IN_SOURCE;
  return reason;
}

static void
clear_result (AtlasSegregationResult *r,
              AtlasMissingReason      reason)
{
  r->group = r->total = r->group_share = NAN;
  r->dissimilarity = r->isolation = r->exposure = r->theil = NAN;
  r->unreliable = TRUE;
  r->missing_reason = reason;
}

/**
 * atlas_segregation_compute_division:
 * @group_counts: (array length=n_groups): per group, its count in every
 *   area of @fine (NaN where missing)
 * @n_groups: at least 1
 * @totals: the total of every area of @fine (NaN where missing)
 * @fine: the units' level
 * @coarse: a level above it
 * @results: (out caller-allocates) (array): one per area of @coarse
 *
 * The indices of every area of @coarse over the areas of @fine inside it:
 * missing (%ATLAS_MISSING_INCOMPLETE) when any unit lacks a count,
 * %ATLAS_MISSING_PARTIAL_COVERAGE when @fine does not fill @coarse. Used by
 * #AtlasSegregation and by the derived segregation indicators a package
 * offers when it loads, so both give the same numbers.
 */
void
atlas_segregation_compute_division (const double * const   *group_counts,
                                    guint                   n_groups,
                                    const double           *totals,
                                    AtlasDivision          *fine,
                                    AtlasDivision          *coarse,
                                    AtlasSegregationResult *results)
{
  guint n_fine = atlas_division_get_n_areas (fine);
  guint n_coarse = atlas_division_get_n_areas (coarse);
  g_autofree guint *coarse_of = dup_coarse_index (fine, coarse);
  g_autofree guint *first = g_new (guint, n_coarse + 1);
  g_autofree guint *order = dup_order (coarse_of, n_fine, n_coarse, first);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unit_totals = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean covers = atlas_analysis_division_covers (fine, coarse);

  for (guint c = 0; c < n_coarse; c++)
    {
      AtlasSegregationResult *r = &results[c];
      AtlasMissingReason reason;

      r->area = atlas_division_get_area (coarse, c);
      reason = gather_units (group_counts, n_groups, totals, order + first[c],
                             first[c + 1] - first[c], counts, unit_totals);
      r->n_units = unit_totals->len;
      if (!covers)
        reason = ATLAS_MISSING_PARTIAL_COVERAGE;
      if (reason != ATLAS_MISSING_NONE)
        {
          clear_result (r, reason);
          continue;
        }
      atlas_segregation_compute_units ((double *) counts->data, (double *) unit_totals->data,
                                       unit_totals->len, n_groups, r);
      r->missing_reason = ATLAS_MISSING_NONE;
    }
}

static void
compute (AtlasSegregation *self)
{
  guint n_groups = self->groups->len;
  const double *totals = atlas_dataset_peek_values (self->dataset, self->total, self->year, self->fine);
  g_autofree double **group_counts = g_new (double *, n_groups);

  for (guint m = 0; m < n_groups; m++)
    group_counts[m] = dup_group_counts (self, g_ptr_array_index (self->groups, m), totals);

  g_array_set_size (self->results, atlas_division_get_n_areas (self->coarse));
  atlas_segregation_compute_division ((const double * const *) group_counts, n_groups, totals,
                                      self->fine, self->coarse,
                                      (AtlasSegregationResult *) self->results->data);

  for (guint m = 0; m < n_groups; m++)
    g_free (group_counts[m]);
}

/**
 * atlas_segregation_new:
 * @dataset: a dataset
 * @groups: (array length=n_groups): the group count(s) or share(s)
 * @n_groups: at least 1
 * @total: the total count (population, dwellings)
 * @fine: the level of the units (DeSO, RegSO)
 * @coarse: the level the indices are computed for (kommun, län, riket)
 * @year: the year
 * @error: set when the request does not fit the package
 *
 * Returns: (transfer full) (nullable): the indices
 */
AtlasSegregation *
atlas_segregation_new (AtlasDataset    *dataset,
                       AtlasIndicator **groups,
                       guint            n_groups,
                       AtlasIndicator  *total,
                       AtlasDivision   *fine,
                       AtlasDivision   *coarse,
                       guint            year,
                       GError         **error)
{
  AtlasSegregation *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (groups != NULL && n_groups >= 1, NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (total), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (fine) && ATLAS_IS_DIVISION (coarse), NULL);

  if (!check_request (dataset, groups, n_groups, total, fine, coarse, year, error))
    return NULL;

  self = g_new0 (AtlasSegregation, 1);
  g_atomic_ref_count_init (&self->ref);
  self->dataset = g_object_ref (dataset);
  self->groups = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint m = 0; m < n_groups; m++)
    g_ptr_array_add (self->groups, g_object_ref (groups[m]));
  self->total = g_object_ref (total);
  self->fine = g_object_ref (fine);
  self->coarse = g_object_ref (coarse);
  self->year = year;
  self->results = g_array_new (FALSE, TRUE, sizeof (AtlasSegregationResult));
  self->demonstration = atlas_analysis_uses_demonstration (dataset, groups, n_groups) ||
                        atlas_analysis_uses_demonstration (dataset, &total, 1);
  set_count_note (self);
  compute (self);

  return self;
}

/**
 * atlas_segregation_ref:
 * @self: indices
 *
 * Returns: (transfer full): @self
 */
AtlasSegregation *
atlas_segregation_ref (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_segregation_unref (AtlasSegregation *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->total);
  g_clear_object (&self->fine);
  g_clear_object (&self->coarse);
  g_clear_pointer (&self->results, g_array_unref);
  g_free (self->count_note);
  g_free (self);
}

AtlasDataset *
atlas_segregation_get_dataset (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

guint
atlas_segregation_get_n_groups (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->groups->len;
}

/**
 * atlas_segregation_get_group:
 * @self: indices
 * @index: a group, below atlas_segregation_get_n_groups()
 *
 * Returns: (transfer none): the group's indicator
 */
AtlasIndicator *
atlas_segregation_get_group (AtlasSegregation *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->groups->len, NULL);
  return g_ptr_array_index (self->groups, index);
}

AtlasIndicator *
atlas_segregation_get_total (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->total;
}

AtlasDivision *
atlas_segregation_get_fine (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fine;
}

AtlasDivision *
atlas_segregation_get_coarse (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->coarse;
}

guint
atlas_segregation_get_year (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->year;
}

guint
atlas_segregation_get_n_results (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->results->len;
}

/**
 * atlas_segregation_get_result:
 * @self: indices
 * @index: a coarse area's index in its division
 *
 * Returns: (transfer none): that area's indices
 */
const AtlasSegregationResult *
atlas_segregation_get_result (AtlasSegregation *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->results->len, NULL);
  return &g_array_index (self->results, AtlasSegregationResult, index);
}

/**
 * atlas_segregation_lookup_result:
 * @self: indices
 * @area: an area of the coarse division
 *
 * Returns: (transfer none) (nullable): that area's indices
 */
const AtlasSegregationResult *
atlas_segregation_lookup_result (AtlasSegregation *self,
                                 AtlasArea        *area)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);

  if (atlas_area_get_division (area) != self->coarse)
    return NULL;
  return &g_array_index (self->results, AtlasSegregationResult, atlas_area_get_index (area));
}

const char *
atlas_segregation_get_count_note (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->count_note;
}

gboolean
atlas_segregation_is_demonstration (AtlasSegregation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->demonstration;
}

/**
 * atlas_segregation_dup_method:
 * @self: indices
 *
 * Returns: (transfer full): one sentence naming the units and the year
 */
char *
atlas_segregation_dup_method (AtlasSegregation *self)
{
  const char *version;
  g_autofree char *coarse = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* mid-sentence: "inom varje kommun" */
  coarse = g_utf8_strdown (atlas_division_get_name (self->coarse, NULL), -1);
  version = atlas_division_get_version (self->fine);
  return g_strdup_printf (_("Segregation indices computed on %s (%s) within each %s, %u; "
                            "unreliable with fewer than %u areas, or fewer than %u in the group or in the rest."),
                          atlas_division_get_name (self->fine, NULL),
                          version != NULL ? version : atlas_division_get_id (self->fine),
                          coarse, self->year,
                          (guint) ATLAS_SEGREGATION_MIN_UNITS, (guint) ATLAS_SEGREGATION_MIN_GROUP);
}

/**
 * atlas_segregation_new_on_level:
 * @self: indices
 * @fine: another level of units below the same coarse level
 * @error: set when @fine does not fit (not below the coarse level, or the
 *   same level as @self's)
 *
 * Returns: (transfer full) (nullable): the indices of the same request
 *   computed on @fine
 */
AtlasSegregation *
atlas_segregation_new_on_level (AtlasSegregation  *self,
                                AtlasDivision     *fine,
                                GError           **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (fine), NULL);

  if (fine == self->fine)
    {
      g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
                   _("The indices are already computed on “%s”; compare them with another "
                     "level (such as regso against deso)"), atlas_division_get_id (fine));
      return NULL;
    }
  return atlas_segregation_new (self->dataset, (AtlasIndicator **) self->groups->pdata,
                                self->groups->len, self->total, fine, self->coarse,
                                self->year, error);
}

/**
 * atlas_segregation_get_maup_note:
 *
 * Returns: (transfer none): the translated note on the areal unit
 */
const char *
atlas_segregation_get_maup_note (void)
{
  return _("The value depends on the areal unit (MAUP): the same index computed on larger "
           "small areas (RegSO rather than DeSO) is lower, since merging areas never raises "
           "D or H. Compare only indices computed on the same level.");
}
