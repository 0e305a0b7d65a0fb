/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-area-filter.h"

G_BEGIN_DECLS

/**
 * AtlasRank:
 * @rank: 1 for the best value; tied values share the better rank
 *   (competition ranking: 1, 2, 2, 4)
 * @n_ranked: how many areas in the scope have a value
 * @n_tied: how many other areas share @rank
 *
 * Where an area's value stands among others. "Best" follows the
 * indicator's polarity; for a neutral indicator rank 1 is the highest
 * value, and the UI says so.
 */
typedef struct
{
  guint rank;
  guint n_ranked;
  guint n_tied;
} AtlasRank;

gboolean atlas_rank_values (const double   *values,
                            gsize           n_values,
                            gsize           index,
                            const gboolean *include,
                            AtlasPolarity   polarity,
                            AtlasRank      *rank);
gboolean atlas_rank_area   (AtlasDataset   *dataset,
                            AtlasIndicator *indicator,
                            guint           year,
                            AtlasArea      *area,
                            AtlasArea      *within,
                            AtlasRank      *rank);
/* Among the areas a filter shows only (NULL: all): "3 of 41 RegSO of
 * områdestyp 1–3 in Uppsala kommun". */
gboolean atlas_rank_area_filtered (AtlasDataset    *dataset,
                                   AtlasIndicator  *indicator,
                                   guint            year,
                                   AtlasArea       *area,
                                   AtlasArea       *within,
                                   AtlasAreaFilter *filter,
                                   AtlasRank       *rank);

G_END_DECLS
