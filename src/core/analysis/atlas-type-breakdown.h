/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/**
 * AtlasTypeStat:
 * @category: (nullable): the type (code, label, colour); %NULL for the
 *   total over every area with a type
 * @n_areas: how many areas of the region have this type
 * @weight: the sum of the weight (population) over those areas; NaN when
 *   there is no weight or an area lacks one
 * @value: the indicator over those areas by its own aggregation rule; NaN
 *   when missing
 * @missing_reason: why @value is missing, or %ATLAS_MISSING_NONE
 * @n_missing: areas of this type without a value of the indicator
 *
 * One row of a breakdown by area type.
 */
typedef struct
{
  const AtlasCategory *category;
  guint                n_areas;
  double               weight;
  double               value;
  AtlasMissingReason   missing_reason;
  guint                n_missing;
} AtlasTypeStat;

#define ATLAS_TYPE_TYPE_BREAKDOWN (atlas_type_breakdown_get_type ())

/**
 * AtlasTypeBreakdown:
 *
 * An indicator broken down by area type (områdestyp) for one year inside
 * one region (riket, a län, a kommun): per type the number of areas, their
 * weight and the indicator aggregated over them by the package's own rule
 * (counts sum, shares and averages are weighted means of their parts,
 * medians do not aggregate). The areas are those of the level at which the
 * category is stored (RegSO for områdestyp). Immutable and ref-counted.
 */
typedef struct _AtlasTypeBreakdown AtlasTypeBreakdown;

GType               atlas_type_breakdown_get_type        (void) G_GNUC_CONST;

/* @category: NULL for the package's only category indicator. @region: NULL
 * for riket. @type_year: the year whose types group the areas, 0 for
 * @year itself (a fixed type year follows the same areas over time). */
AtlasTypeBreakdown *atlas_type_breakdown_new             (AtlasDataset       *dataset,
                                                          AtlasIndicator     *indicator,
                                                          AtlasIndicator     *category,
                                                          AtlasArea          *region,
                                                          guint               year,
                                                          guint               type_year,
                                                          GError            **error);
/* One breakdown for every year of the package with values of the
 * indicator and (without a fixed @type_year) types; element type
 * AtlasTypeBreakdown. */
GPtrArray          *atlas_type_breakdown_new_series      (AtlasDataset       *dataset,
                                                          AtlasIndicator     *indicator,
                                                          AtlasIndicator     *category,
                                                          AtlasArea          *region,
                                                          guint               type_year,
                                                          GError            **error);
AtlasTypeBreakdown *atlas_type_breakdown_ref             (AtlasTypeBreakdown *self);
void                atlas_type_breakdown_unref           (AtlasTypeBreakdown *self);

AtlasDataset       *atlas_type_breakdown_get_dataset     (AtlasTypeBreakdown *self);
AtlasIndicator     *atlas_type_breakdown_get_indicator   (AtlasTypeBreakdown *self);
AtlasIndicator     *atlas_type_breakdown_get_category    (AtlasTypeBreakdown *self);
/* The indicator summed as the types' weight: the indicator's own weight,
 * else the package's population; may be NULL. */
AtlasIndicator     *atlas_type_breakdown_get_weight      (AtlasTypeBreakdown *self);
/* The level whose areas are grouped (RegSO). */
AtlasDivision      *atlas_type_breakdown_get_division    (AtlasTypeBreakdown *self);
AtlasArea          *atlas_type_breakdown_get_region      (AtlasTypeBreakdown *self);
guint               atlas_type_breakdown_get_year        (AtlasTypeBreakdown *self);
guint               atlas_type_breakdown_get_type_year   (AtlasTypeBreakdown *self);
/* One row per category of the indicator, in the package's order. */
guint               atlas_type_breakdown_get_n_types     (AtlasTypeBreakdown *self);
const AtlasTypeStat *atlas_type_breakdown_get_stat       (AtlasTypeBreakdown *self,
                                                          guint               index);
/* Every area of the region with a type, together. */
const AtlasTypeStat *atlas_type_breakdown_get_total      (AtlasTypeBreakdown *self);
/* Areas of the region without a type in the type year (not counted). */
guint               atlas_type_breakdown_get_n_untyped   (AtlasTypeBreakdown *self);
gboolean            atlas_type_breakdown_is_demonstration (AtlasTypeBreakdown *self);
/* FALSE when the package holds only part of the region (Uppsala län's
 * areas under riket): the breakdown then covers only those areas. */
gboolean            atlas_type_breakdown_covers_region   (AtlasTypeBreakdown *self);
/* How the values were combined, one translated sentence in the interface
 * language ("Viktat medelvärde av områdenas värden, vikt: Befolkning."). */
char               *atlas_type_breakdown_dup_method      (AtlasTypeBreakdown *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTypeBreakdown, atlas_type_breakdown_unref)

G_END_DECLS
