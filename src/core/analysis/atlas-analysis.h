/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* What the analyses (statistics by area type, area-type history, problem
 * areas, segregation indices) share: their error domain, how they find the
 * package's category indicator, its level and its population, and the one
 * rule that says whether a result rests on demonstration values. */

#define ATLAS_ANALYSIS_ERROR (atlas_analysis_error_quark ())

/**
 * AtlasAnalysisError:
 * @ATLAS_ANALYSIS_ERROR_INVALID: the request does not fit the package (a
 *   region below the level analysed, an indicator of the wrong unit...)
 * @ATLAS_ANALYSIS_ERROR_NO_DATA: the package has nothing to analyse (no
 *   category indicator, no values for the year)
 */
typedef enum
{
  ATLAS_ANALYSIS_ERROR_INVALID,
  ATLAS_ANALYSIS_ERROR_NO_DATA,
} AtlasAnalysisError;

GQuark          atlas_analysis_error_quark           (void);

/* The package's only category indicator (områdestyp); NULL with an error
 * when it has none or several (then the caller must name one). */
AtlasIndicator *atlas_analysis_default_category      (AtlasDataset   *dataset,
                                                      GError        **error);
/* The deepest division at which the indicator has stored values in any
 * year: where områdestyp is set (RegSO). NULL when it has none. */
AtlasDivision  *atlas_analysis_find_stored_division  (AtlasDataset   *dataset,
                                                      AtlasIndicator *indicator);
/* The package's population: the count indicator that most indicators use
 * as their weight (ties: the first listed). NULL when no indicator is
 * weighted. */
AtlasIndicator *atlas_analysis_default_population    (AtlasDataset   *dataset);
/* Whether @area lies in @region (or is it); riket holds every area. */
gboolean        atlas_analysis_area_in_region        (AtlasArea      *area,
                                                      AtlasArea      *region);
/* Whether @upper lies strictly above @lower in the package's hierarchy. */
gboolean        atlas_analysis_division_is_above     (AtlasDivision  *upper,
                                                      AtlasDivision  *lower);
/* TRUE when every link from @lower up to @upper covers its parent, so that
 * the areas of @lower fill every area of @upper. */
gboolean        atlas_analysis_division_covers       (AtlasDivision  *lower,
                                                      AtlasDivision  *upper);
/* Whether a result computed from these indicators (NULLs are skipped)
 * rests on demonstration values: the one place the rule is applied for
 * every analysis. */
gboolean        atlas_analysis_uses_demonstration    (AtlasDataset           *dataset,
                                                      AtlasIndicator * const *indicators,
                                                      guint                   n_indicators);
G_END_DECLS
