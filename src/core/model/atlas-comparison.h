/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-comparison-row.h"
#include "atlas-dataset.h"

G_BEGIN_DECLS

#define ATLAS_COMPARISON_ERROR (atlas_comparison_error_quark ())

/**
 * AtlasComparisonError:
 * @ATLAS_COMPARISON_ERROR_SAME_AREA: A and B are the same area
 * @ATLAS_COMPARISON_ERROR_YEAR: the year or the since-year is not in the
 *   package, or the since-year is not before the year
 *
 * Errors from building a comparison.
 */
typedef enum
{
  ATLAS_COMPARISON_ERROR_SAME_AREA,
  ATLAS_COMPARISON_ERROR_YEAR,
} AtlasComparisonError;

GQuark atlas_comparison_error_quark (void);

/**
 * AtlasComparisonTrendPoint:
 * @year: a year of the package
 * @a: A's value, NaN where missing
 * @b: B's value, NaN where missing
 * @riket: riket's value, NaN where missing
 */
typedef struct
{
  guint  year;
  double a;
  double b;
  double riket;
} AtlasComparisonTrendPoint;

#define ATLAS_TYPE_COMPARISON (atlas_comparison_get_type ())
G_DECLARE_FINAL_TYPE (AtlasComparison, atlas_comparison, ATLAS, COMPARISON, GObject)

AtlasComparison *atlas_comparison_new                (AtlasDataset   *dataset,
                                                      AtlasArea      *a,
                                                      AtlasArea      *b,
                                                      guint           year,
                                                      guint           since_year,
                                                      GError        **error);

AtlasDataset    *atlas_comparison_get_dataset        (AtlasComparison *self);
AtlasArea       *atlas_comparison_get_area           (AtlasComparison     *self,
                                                      AtlasComparisonSide  side);
guint            atlas_comparison_get_year           (AtlasComparison *self);
guint            atlas_comparison_get_since_year     (AtlasComparison *self);
AtlasArea       *atlas_comparison_get_reference_area (AtlasComparison          *self,
                                                      AtlasComparisonReference  reference);
AtlasDivision   *atlas_comparison_get_reference_level (AtlasComparison          *self,
                                                      AtlasComparisonReference  reference);
char            *atlas_comparison_dup_reference_key  (AtlasComparison          *self,
                                                      AtlasComparisonReference  reference);
gboolean         atlas_comparison_shows_reference    (AtlasComparison          *self,
                                                      AtlasComparisonReference  reference);
gboolean         atlas_comparison_has_demonstration  (AtlasComparison *self);
AtlasComparisonRow *atlas_comparison_lookup_row      (AtlasComparison *self,
                                                      const char      *indicator_id);
GListModel      *atlas_comparison_dup_rows_by_difference (AtlasComparison *self);
GArray          *atlas_comparison_dup_trend          (AtlasComparison *self,
                                                      AtlasIndicator  *indicator);
GArray          *atlas_comparison_dup_category_history (AtlasDataset   *dataset,
                                                        AtlasIndicator *indicator,
                                                        AtlasArea      *area);

char            *atlas_comparison_format_difference  (AtlasComparisonRow *row,
                                                      const char         *lang);
char            *atlas_comparison_format_relative_difference (AtlasComparisonRow *row,
                                                              const char         *lang);
char            *atlas_comparison_format_difference_cell (AtlasComparisonRow *row,
                                                          const char         *lang);
char            *atlas_comparison_format_change      (AtlasComparisonRow  *row,
                                                      AtlasComparisonSide  side,
                                                      const char          *lang);

G_END_DECLS
