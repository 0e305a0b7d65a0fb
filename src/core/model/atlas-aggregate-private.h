/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The one implementation of the package's aggregation rules
 * (dataset-format.md, "Derived values"): the loader derives parent areas
 * with it, and the analyses (statistics by area type) combine any set of
 * areas with it. Not installed, not for the app. */

#include "atlas-indicator.h"

G_BEGIN_DECLS

/**
 * AtlasAccumulator:
 *
 * The running state of one aggregate: start it zeroed, add every member
 * area's value (and weight), then finish it.
 */
typedef struct
{
  double sum_v;
  double sum_w;
  guint  n;
  guint8 flags;
} AtlasAccumulator;

/* The reason every aggregate of this indicator is missing whatever its
 * members (medians: not aggregatable; categories), or NONE. */
AtlasMissingReason atlas_aggregation_fixed_reason (AtlasAggregation        rule);
void               atlas_accumulator_add          (AtlasAccumulator       *acc,
                                                   double                  value,
                                                   gboolean                weighted,
                                                   double                  weight);
/* A sum or Σ(v·w)/Σw, or why there is none: no members, a member without a
 * value (incomplete), a member without weight or a zero total weight. */
AtlasMissingReason atlas_accumulator_finish       (const AtlasAccumulator *acc,
                                                   gboolean                weighted,
                                                   double                 *value);

G_END_DECLS
