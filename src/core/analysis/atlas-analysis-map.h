/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-figure.h"
#include "atlas-problem-flags.h"
#include "atlas-segregation.h"
#include "atlas-type-history.h"

G_BEGIN_DECLS

/**
 * AtlasSegregationIndex:
 * @ATLAS_SEGREGATION_INDEX_DISSIMILARITY: Duncan and Duncan's D
 * @ATLAS_SEGREGATION_INDEX_ISOLATION: the isolation index xPx
 * @ATLAS_SEGREGATION_INDEX_THEIL: Theil's H
 *
 * Which index a segregation map shows.
 */
typedef enum
{
  ATLAS_SEGREGATION_INDEX_DISSIMILARITY,
  ATLAS_SEGREGATION_INDEX_ISOLATION,
  ATLAS_SEGREGATION_INDEX_THEIL,
} AtlasSegregationIndex;

#define ATLAS_TYPE_ANALYSIS_MAP (atlas_analysis_map_get_type ())
G_DECLARE_FINAL_TYPE (AtlasAnalysisMap, atlas_analysis_map, ATLAS, ANALYSIS_MAP, GObject)

/**
 * AtlasAnalysisMap:
 *
 * A map figure of an analysis result: the number of problem flags per area
 * (0, 1, 2, 3 or more) or a segregation index per kommun, with a legend
 * that counts the areas of each class and a caption with the reference
 * population or method, thresholds, caveats, sources and package; the
 * demonstration mark where it applies. It draws with the map renderer the
 * map figures use and exports like AtlasFigure.
 */
/* @region: (nullable): show only the areas inside it. */
AtlasAnalysisMap *atlas_analysis_map_new_for_flags       (AtlasProblemFlags     *flags,
                                                          AtlasArea             *region);
AtlasAnalysisMap *atlas_analysis_map_new_for_segregation (AtlasSegregation      *segregation,
                                                          AtlasSegregationIndex  index);
/* The areas whose type is lower, the same or higher in @to_year than in
 * @from_year (both years of @history), with the caveat that types are
 * relative in the caption. */
AtlasAnalysisMap *atlas_analysis_map_new_for_type_changes (AtlasDataset          *dataset,
                                                           AtlasTypeHistory      *history,
                                                           guint                  from_year,
                                                           guint                  to_year,
                                                           GError               **error);
void              atlas_analysis_map_set_page            (AtlasAnalysisMap      *self,
                                                          AtlasPageFormat        page);
const char       *atlas_analysis_map_get_title           (AtlasAnalysisMap      *self);
/* The class of each area of the mapped division (-1: no value), and how
 * many areas each class holds. */
const int        *atlas_analysis_map_get_classes         (AtlasAnalysisMap      *self,
                                                          guint                 *n_areas);
guint             atlas_analysis_map_get_n_classes       (AtlasAnalysisMap      *self);
const char       *atlas_analysis_map_get_class_label     (AtlasAnalysisMap      *self,
                                                          guint                  index);
void              atlas_analysis_map_draw                (AtlasAnalysisMap      *self,
                                                          cairo_t               *cr,
                                                          double                 width,
                                                          double                 height);
gboolean          atlas_analysis_map_export              (AtlasAnalysisMap      *self,
                                                          const char            *path,
                                                          guint                  dpi,
                                                          GError               **error);

G_END_DECLS
