/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/**
 * AtlasFlagThreshold:
 * @indicator: the indicator
 * @threshold: the value at the edge of the worst share: areas at least this
 *   bad are flagged (ties at the edge all are); NaN when no area has a value
 * @n_values: the reference population: areas of the level with a value
 * @n_worst: the number of areas the share asks for, ⌈n_values × share⌉
 * @n_flagged: areas flagged, @n_worst or more when values tie at the edge
 * @n_missing: areas of the level without a value (never flagged)
 *
 * How one indicator's flags were set.
 */
typedef struct
{
  AtlasIndicator *indicator;
  double          threshold;
  guint           n_values;
  guint           n_worst;
  guint           n_flagged;
  guint           n_missing;
} AtlasFlagThreshold;

#define ATLAS_TYPE_PROBLEM_FLAGS (atlas_problem_flags_get_type ())

/**
 * AtlasProblemFlags:
 *
 * Problem areas as SCB and Boverket count them in their analysis of areas
 * with socioeconomic challenges: for each indicator with a polarity, the
 * areas of one level in the worst share (5 % by default) of all the
 * package's areas of that level in one year are flagged, and each area's
 * flags are counted. Immutable and ref-counted.
 */
typedef struct _AtlasProblemFlags AtlasProblemFlags;

GType               atlas_problem_flags_get_type          (void) G_GNUC_CONST;

/* @share_percent: in (0, 100]. @indicators: (element-type AtlasIndicator)
 * (nullable): NULL for every indicator of kind "indicator" with a polarity. */
AtlasProblemFlags  *atlas_problem_flags_new               (AtlasDataset      *dataset,
                                                           AtlasDivision     *division,
                                                           guint              year,
                                                           double             share_percent,
                                                           GPtrArray         *indicators,
                                                           GError           **error);
GPtrArray          *atlas_problem_flags_dup_default_indicators (AtlasDataset *dataset);
AtlasProblemFlags  *atlas_problem_flags_ref               (AtlasProblemFlags *self);
void                atlas_problem_flags_unref             (AtlasProblemFlags *self);

AtlasDataset       *atlas_problem_flags_get_dataset       (AtlasProblemFlags *self);
AtlasDivision      *atlas_problem_flags_get_division      (AtlasProblemFlags *self);
guint               atlas_problem_flags_get_year          (AtlasProblemFlags *self);
double              atlas_problem_flags_get_share         (AtlasProblemFlags *self);
guint               atlas_problem_flags_get_n_indicators  (AtlasProblemFlags *self);
const AtlasFlagThreshold *atlas_problem_flags_get_threshold (AtlasProblemFlags *self,
                                                           guint              indicator);
/* Per area of the division (by its index): */
guint               atlas_problem_flags_get_count         (AtlasProblemFlags *self,
                                                           guint              area);
gboolean            atlas_problem_flags_is_flagged        (AtlasProblemFlags *self,
                                                           guint              area,
                                                           guint              indicator);
gboolean            atlas_problem_flags_is_missing        (AtlasProblemFlags *self,
                                                           guint              area,
                                                           guint              indicator);
/* How many areas have exactly @count flags (count 3 and more: use
 * atlas_problem_flags_count_areas_at_least()). */
guint               atlas_problem_flags_count_areas       (AtlasProblemFlags *self,
                                                           guint              count);
guint               atlas_problem_flags_count_areas_at_least (AtlasProblemFlags *self,
                                                           guint              count);
gboolean            atlas_problem_flags_is_demonstration  (AtlasProblemFlags *self);
/* "The worst 5 % of the 361 RegSO in the package (Uppsala län – DeSO and
 * RegSO), 2023, per indicator among the areas with a value." */
char               *atlas_problem_flags_dup_reference     (AtlasProblemFlags *self);
/* The method's caveats, translated: an artificial threshold, crime counted
 * where it happens, student areas. */
const char         *atlas_problem_flags_get_caveat        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasProblemFlags, atlas_problem_flags_unref)

G_END_DECLS
