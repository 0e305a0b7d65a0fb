/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-area.h"
#include "atlas-indicator.h"

G_BEGIN_DECLS

/**
 * AtlasComparisonSide:
 * @ATLAS_COMPARISON_SIDE_A: the first area, the one the user looks from
 * @ATLAS_COMPARISON_SIDE_B: the area A is compared against
 */
typedef enum
{
  ATLAS_COMPARISON_SIDE_A,
  ATLAS_COMPARISON_SIDE_B,
} AtlasComparisonSide;

/**
 * AtlasComparisonBetter:
 * @ATLAS_COMPARISON_BETTER_NOT_APPLICABLE: no judgement: neutral polarity,
 *   a category, or a value is missing
 * @ATLAS_COMPARISON_BETTER_A: A's value is the better one by polarity
 * @ATLAS_COMPARISON_BETTER_B: B's value is the better one by polarity
 * @ATLAS_COMPARISON_BETTER_EQUAL: both values are exactly the same
 */
typedef enum
{
  ATLAS_COMPARISON_BETTER_NOT_APPLICABLE,
  ATLAS_COMPARISON_BETTER_A,
  ATLAS_COMPARISON_BETTER_B,
  ATLAS_COMPARISON_BETTER_EQUAL,
} AtlasComparisonBetter;

/**
 * AtlasComparisonReference:
 * @ATLAS_COMPARISON_REFERENCE_A_KOMMUN: A's area at the package's second
 *   level below riket (kommun in SCB's hierarchy; A itself when A is one)
 * @ATLAS_COMPARISON_REFERENCE_A_LAN: A's area at the package's top level
 *   (län in SCB's hierarchy)
 * @ATLAS_COMPARISON_REFERENCE_RIKET: riket, area "00"
 * @ATLAS_COMPARISON_REFERENCE_B_KOMMUN: B's kommun, only when not A's
 * @ATLAS_COMPARISON_REFERENCE_B_LAN: B's län, only when not A's
 * @ATLAS_COMPARISON_N_REFERENCES: the number of references
 *
 * The areas each row also shows a value for, as reference points. The
 * levels come from the package's division hierarchy, not from division
 * ids (atlas_comparison_get_reference_level()): a package whose top level
 * is kommun has no "län" reference.
 */
typedef enum
{
  ATLAS_COMPARISON_REFERENCE_A_KOMMUN,
  ATLAS_COMPARISON_REFERENCE_A_LAN,
  ATLAS_COMPARISON_REFERENCE_RIKET,
  ATLAS_COMPARISON_REFERENCE_B_KOMMUN,
  ATLAS_COMPARISON_REFERENCE_B_LAN,
  ATLAS_COMPARISON_N_REFERENCES, /*< skip >*/
} AtlasComparisonReference;

/**
 * AtlasCategoryYear:
 * @year: a year of the package
 * @code: the category code the area has that year
 *
 * One entry of an area's category history (områdestyp per year).
 */
typedef struct
{
  guint year;
  int   code;
} AtlasCategoryYear;

#define ATLAS_TYPE_COMPARISON_ROW (atlas_comparison_row_get_type ())
G_DECLARE_FINAL_TYPE (AtlasComparisonRow, atlas_comparison_row, ATLAS, COMPARISON_ROW, GObject)

AtlasIndicator      *atlas_comparison_row_get_indicator    (AtlasComparisonRow  *self);
double               atlas_comparison_row_get_value        (AtlasComparisonRow  *self,
                                                            AtlasComparisonSide  side,
                                                            AtlasValueSource    *source,
                                                            AtlasMissingReason  *reason);
const AtlasCategory *atlas_comparison_row_get_category     (AtlasComparisonRow  *self,
                                                            AtlasComparisonSide  side);
gboolean             atlas_comparison_row_is_category      (AtlasComparisonRow  *self);
gboolean             atlas_comparison_row_in_percentage_points (AtlasComparisonRow *self);
double               atlas_comparison_row_get_difference   (AtlasComparisonRow  *self);
double               atlas_comparison_row_get_relative_difference (AtlasComparisonRow *self);
double               atlas_comparison_row_get_normalized_difference (AtlasComparisonRow *self);
/* Whether any value of the row is demonstration data (the core rule). */
gboolean             atlas_comparison_row_is_demonstration (AtlasComparisonRow *self);
AtlasComparisonBetter atlas_comparison_row_get_better      (AtlasComparisonRow  *self);
double               atlas_comparison_row_get_reference    (AtlasComparisonRow  *self,
                                                            AtlasComparisonReference reference,
                                                            AtlasValueSource    *source,
                                                            AtlasMissingReason  *reason);
double               atlas_comparison_row_get_since_value  (AtlasComparisonRow  *self,
                                                            AtlasComparisonSide  side,
                                                            AtlasValueSource    *source,
                                                            AtlasMissingReason  *reason);
double               atlas_comparison_row_get_change       (AtlasComparisonRow  *self,
                                                            AtlasComparisonSide  side);
double               atlas_comparison_row_get_relative_change (AtlasComparisonRow  *self,
                                                               AtlasComparisonSide  side);
GArray              *atlas_comparison_row_get_history      (AtlasComparisonRow  *self,
                                                            AtlasComparisonSide  side);

const char          *atlas_comparison_better_to_nick       (AtlasComparisonBetter better);
const char          *atlas_comparison_better_to_label      (AtlasComparisonBetter better);

G_END_DECLS
