/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/**
 * AtlasProfileRow:
 * @indicator: the indicator (not a category indicator)
 * @value: the area's value, NaN when missing
 * @reason: why @value is missing
 * @demonstration: @value is a demonstration value, not real statistics
 * @kommun: the value of the area's kommun (NaN when the area is not below
 *   a kommun, or the kommun has none); likewise @lan and @riket
 * @n_values: how many areas of the level have a value in the year
 * @min: the lowest value of the level's areas; @p25, @median, @p75 are
 *   the type 7 quantiles (as box maps), @max the highest; NaN when
 *   @n_values is 0
 * @quintile: 1–5, the area's fifth of the level's areas counted from the
 *   worse end (1 worst, 5 best; from the lowest for indicators without a
 *   polarity), 0 without a value. The area's place is the share of areas
 *   below it plus half of those equal to it.
 * @higher_is_better_side: TRUE when better lies at high values, so that a
 *   chart puts high values on its "better" side; for neutral indicators
 *   high values go on that side and @neutral is TRUE
 * @neutral: the indicator has no better or worse direction
 *
 * One indicator of an area profile (spine chart).
 */
typedef struct
{
  AtlasIndicator     *indicator;
  double              value;
  AtlasMissingReason  reason;
  gboolean            demonstration;
  double              kommun;
  double              lan;
  double              riket;
  guint               n_values;
  double              min;
  double              p25;
  double              median;
  double              p75;
  double              max;
  guint               quintile;
  gboolean            higher_is_better_side;
  gboolean            neutral;
} AtlasProfileRow;

/**
 * AtlasAreaProfile:
 *
 * Immutable, reference-counted profile of one area in one year: one row
 * per indicator of the package that is not a category (in the package's
 * order), each with the area's value, its kommun's, län's and riket's,
 * and the spread of every area of the area's level that the package holds.
 */
typedef struct _AtlasAreaProfile AtlasAreaProfile;

#define ATLAS_TYPE_AREA_PROFILE (atlas_area_profile_get_type ())

GType                  atlas_area_profile_get_type    (void) G_GNUC_CONST;
/* Error ATLAS_DATASET_ERROR_UNKNOWN for a year not in the package. */
AtlasAreaProfile      *atlas_area_profile_new         (AtlasDataset     *dataset,
                                                       AtlasArea        *area,
                                                       guint             year,
                                                       GError          **error);
AtlasAreaProfile      *atlas_area_profile_ref         (AtlasAreaProfile *self);
void                   atlas_area_profile_unref       (AtlasAreaProfile *self);
AtlasDataset          *atlas_area_profile_get_dataset (const AtlasAreaProfile *self);
AtlasArea             *atlas_area_profile_get_area    (const AtlasAreaProfile *self);
guint                  atlas_area_profile_get_year    (const AtlasAreaProfile *self);
guint                  atlas_area_profile_get_n_rows  (const AtlasAreaProfile *self);
const AtlasProfileRow *atlas_area_profile_get_row     (const AtlasAreaProfile *self,
                                                       guint                   index);
/* TRUE when any row shows demonstration values. */
gboolean               atlas_area_profile_has_demonstration (const AtlasAreaProfile *self);
/* The area's categories in the year ("Områdestyp: Socioekonomiskt
 * utmanande"), one string each, NULL-terminated. */
char                 **atlas_area_profile_dup_categories (const AtlasAreaProfile *self,
                                                          const char             *lang);

/* Profiles of many areas of one level share the level's spreads:
 * computed once here, then atlas_area_profile_new_in() per area. */
typedef struct _AtlasProfileLevel AtlasProfileLevel;

AtlasProfileLevel     *atlas_profile_level_new        (AtlasDataset     *dataset,
                                                       AtlasDivision    *division,
                                                       guint             year,
                                                       GError          **error);
void                   atlas_profile_level_free       (AtlasProfileLevel *level);
AtlasAreaProfile      *atlas_area_profile_new_in      (AtlasProfileLevel *level,
                                                       AtlasArea         *area);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasAreaProfile, atlas_area_profile_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasProfileLevel, atlas_profile_level_free)

G_END_DECLS
