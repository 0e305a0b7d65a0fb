/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* A coarse area is flagged unreliable below these (docs/analyses.md):
 * with few units the indices swing with a handful of people, and random
 * unevenness alone makes D large where units are small. */
#define ATLAS_SEGREGATION_MIN_UNITS 5
#define ATLAS_SEGREGATION_MIN_GROUP 100.0

/**
 * AtlasSegregationResult:
 * @area: the coarse area (a kommun)
 * @n_units: fine areas (DeSO) in it with a total above zero
 * @group: the group's count, summed over the units (first group)
 * @total: the total count
 * @group_share: @group / @total
 * @dissimilarity: Duncan and Duncan's D, 0–1 (two groups only)
 * @isolation: the group's isolation index xPx, 0–1 (two groups only)
 * @exposure: the group's exposure to the rest xPy = 1 − xPx (two groups only)
 * @theil: Theil's entropy index H, 0–1: for two groups the group against
 *   the rest, for several the multigroup H of Reardon and Firebaugh
 * @unreliable: fewer than %ATLAS_SEGREGATION_MIN_UNITS units, or fewer than
 *   %ATLAS_SEGREGATION_MIN_GROUP in the group or in the rest
 * @missing_reason: why the indices are missing (NaN), or %ATLAS_MISSING_NONE;
 *   an index can also be NaN alone when it is undefined (no one, or
 *   everyone, in the group)
 *
 * The indices of one coarse area.
 */
typedef struct
{
  AtlasArea          *area;
  guint               n_units;
  double              group;
  double              total;
  double              group_share;
  double              dissimilarity;
  double              isolation;
  double              exposure;
  double              theil;
  gboolean            unreliable;
  AtlasMissingReason  missing_reason;
} AtlasSegregationResult;

#define ATLAS_TYPE_SEGREGATION (atlas_segregation_get_type ())

/**
 * AtlasSegregation:
 *
 * Segregation indices for every area of a coarse level (kommun, län,
 * riket), computed from counts over the areas of a fine level inside it
 * (DeSO, RegSO). Group counts are read from count indicators, or made from
 * a share and the share's own weight (its denominator). Immutable and
 * ref-counted.
 */
typedef struct _AtlasSegregation AtlasSegregation;

GType             atlas_segregation_get_type        (void) G_GNUC_CONST;

/* @groups: (array length=n_groups): one group for D, isolation, exposure
 * and the two-group H; several (a category breakdown such as born in
 * Sweden / Europe / elsewhere) for the multigroup H, with what @total holds
 * beyond them as one more group. */
AtlasSegregation *atlas_segregation_new             (AtlasDataset     *dataset,
                                                     AtlasIndicator  **groups,
                                                     guint             n_groups,
                                                     AtlasIndicator   *total,
                                                     AtlasDivision    *fine,
                                                     AtlasDivision    *coarse,
                                                     guint             year,
                                                     GError          **error);
AtlasSegregation *atlas_segregation_ref             (AtlasSegregation *self);
void              atlas_segregation_unref           (AtlasSegregation *self);

AtlasDataset     *atlas_segregation_get_dataset     (AtlasSegregation *self);
guint             atlas_segregation_get_n_groups    (AtlasSegregation *self);
AtlasIndicator   *atlas_segregation_get_group       (AtlasSegregation *self,
                                                     guint             index);
AtlasIndicator   *atlas_segregation_get_total       (AtlasSegregation *self);
AtlasDivision    *atlas_segregation_get_fine        (AtlasSegregation *self);
AtlasDivision    *atlas_segregation_get_coarse      (AtlasSegregation *self);
guint             atlas_segregation_get_year        (AtlasSegregation *self);
/* One result per area of the coarse division, in its order. */
guint             atlas_segregation_get_n_results   (AtlasSegregation *self);
const AtlasSegregationResult *atlas_segregation_get_result (AtlasSegregation *self,
                                                     guint             index);
const AtlasSegregationResult *atlas_segregation_lookup_result (AtlasSegregation *self,
                                                     AtlasArea        *area);
/* How group counts were obtained: NULL when read as counts, else the
 * sentence "Antal beräknat som andel × Befolkning." */
const char       *atlas_segregation_get_count_note  (AtlasSegregation *self);
gboolean          atlas_segregation_is_demonstration (AtlasSegregation *self);
/* "Segregationsindex beräknade på DeSO inom varje kommun, 2022." */
char             *atlas_segregation_dup_method      (AtlasSegregation *self);
/* The same groups, total, coarse level and year computed on another fine
 * level (RegSO instead of DeSO), to show how the value depends on the
 * areal unit (MAUP). */
AtlasSegregation *atlas_segregation_new_on_level    (AtlasSegregation *self,
                                                     AtlasDivision    *fine,
                                                     GError          **error);
/* The sentence shown beside indices wherever they appear: they depend on
 * the areal unit, so compare only those computed on the same level. */
const char       *atlas_segregation_get_maup_note   (void);

/* The indices of one set of units, for tests and other callers with their
 * own counts: @counts holds n_units × n_groups counts, row by row, and
 * @totals each unit's total (at least the sum of its row; the rest is one
 * more group). Fills everything but @area and @missing_reason. */
void              atlas_segregation_compute_units   (const double           *counts,
                                                     const double           *totals,
                                                     guint                   n_units,
                                                     guint                   n_groups,
                                                     AtlasSegregationResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSegregation, atlas_segregation_unref)

G_END_DECLS
