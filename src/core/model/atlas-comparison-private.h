/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-comparison.h"

G_BEGIN_DECLS

/* What a row needs to know about its comparison. The comparison owns the
 * dataset and areas and outlives its rows' construction. */
typedef struct
{
  AtlasDataset *dataset;
  AtlasArea    *areas[2];
  AtlasArea    *references[ATLAS_COMPARISON_N_REFERENCES];
  /* the level of each reference, NULL when the package has no such level */
  AtlasDivision *reference_levels[ATLAS_COMPARISON_N_REFERENCES];
  guint         year;
  guint         since_year;
} AtlasComparisonContext;

AtlasComparisonRow *atlas_comparison_row_new (const AtlasComparisonContext *context,
                                              AtlasIndicator               *indicator);

G_END_DECLS
