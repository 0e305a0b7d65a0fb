/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The one computation of segregation indices over a whole division, shared
 * by AtlasSegregation and the derived indicators a package offers when it
 * loads (atlas-derive-segregation.c). Not installed, not for the app. */

#include "atlas-segregation.h"

G_BEGIN_DECLS

void atlas_segregation_compute_division (const double * const   *group_counts,
                                         guint                   n_groups,
                                         const double           *totals,
                                         AtlasDivision          *fine,
                                         AtlasDivision          *coarse,
                                         AtlasSegregationResult *results);

G_END_DECLS
