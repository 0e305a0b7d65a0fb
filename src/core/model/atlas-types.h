/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Enumerations shared by the core model. GTypes come from glib-mkenums
 * (atlas-enum-types.h). */

typedef enum
{
  ATLAS_UNIT_PERCENT,
  ATLAS_UNIT_SEK,
  ATLAS_UNIT_COUNT,
  ATLAS_UNIT_DAYS,
  ATLAS_UNIT_INDEX,
  ATLAS_UNIT_CATEGORY,
} AtlasUnit;

typedef enum
{
  ATLAS_POLARITY_NEUTRAL,
  ATLAS_POLARITY_HIGHER_IS_BETTER,
  ATLAS_POLARITY_LOWER_IS_BETTER,
} AtlasPolarity;

typedef enum
{
  ATLAS_AGGREGATION_SUM,
  ATLAS_AGGREGATION_WEIGHTED_MEAN,
  ATLAS_AGGREGATION_NONE,
  ATLAS_AGGREGATION_CATEGORY,
} AtlasAggregation;

typedef enum
{
  ATLAS_INDICATOR_KIND_INDICATOR,
  ATLAS_INDICATOR_KIND_BACKGROUND,
} AtlasIndicatorKind;

typedef enum
{
  ATLAS_VALUE_MISSING,
  ATLAS_VALUE_STORED,
  ATLAS_VALUE_DERIVED,
} AtlasValueSource;

/**
 * AtlasMissingReason:
 * @ATLAS_MISSING_NONE: the value exists
 * @ATLAS_MISSING_NOT_IN_SOURCE: the table cell is empty or ".." and the area
 *   has no sub-areas to derive it from
 * @ATLAS_MISSING_NOT_AGGREGATABLE: the indicator cannot be combined from
 *   sub-areas (a median) and no value is stored for this level
 * @ATLAS_MISSING_CATEGORY: categories (områdestyp) do not aggregate
 * @ATLAS_MISSING_INCOMPLETE: some sub-areas lack a value
 * @ATLAS_MISSING_PARTIAL_COVERAGE: the package covers only part of this area
 * @ATLAS_MISSING_NO_WEIGHT: the weight for a weighted mean is missing or zero
 * @ATLAS_MISSING_YEAR: the indicator has no values for this year
 * @ATLAS_MISSING_FEW_UNITS: a segregation index over too few small areas,
 *   or too few people in the group or the rest, to be reliable
 *   (%ATLAS_SEGREGATION_MIN_UNITS, %ATLAS_SEGREGATION_MIN_GROUP)
 * @ATLAS_MISSING_NOT_AT_LEVEL: the measure exists only for larger areas,
 *   computed from the small areas inside them (segregation indices)
 */
typedef enum
{
  ATLAS_MISSING_NONE,
  ATLAS_MISSING_NOT_IN_SOURCE,
  ATLAS_MISSING_NOT_AGGREGATABLE,
  ATLAS_MISSING_CATEGORY,
  ATLAS_MISSING_INCOMPLETE,
  ATLAS_MISSING_PARTIAL_COVERAGE,
  ATLAS_MISSING_NO_WEIGHT,
  ATLAS_MISSING_YEAR,
  ATLAS_MISSING_FEW_UNITS,
  ATLAS_MISSING_NOT_AT_LEVEL,
} AtlasMissingReason;

/* Translated, one sentence, for tooltips, CSV and the CLI. */
const char *atlas_missing_reason_describe (AtlasMissingReason reason);
/* Stable machine name ("not-aggregatable"), for JSON and tests. */
const char *atlas_missing_reason_to_nick  (AtlasMissingReason reason);

/* "stored", "derived" or "missing", for JSON and CSV. */
const char *atlas_value_source_to_nick (AtlasValueSource source);

const char *atlas_unit_to_nick        (AtlasUnit        unit);
const char *atlas_polarity_to_nick    (AtlasPolarity    polarity);
const char *atlas_aggregation_to_nick (AtlasAggregation aggregation);

/**
 * atlas_language:
 *
 * The language core uses for names and labels: "sv" or "en", from
 * the PLATSATLAS_LANG environment variable, else the locale (Swedish
 * unless the locale is English).
 */
const char *atlas_language     (void);
void        atlas_set_language (const char *lang);

/**
 * AtlasText:
 *
 * A string in Swedish and English as a package states it. Either may be
 * %NULL; atlas_text_get() falls back to the other.
 */
typedef struct
{
  char *sv;
  char *en;
} AtlasText;

const char *atlas_text_get   (const AtlasText *text,
                              const char      *lang);
void        atlas_text_clear (AtlasText       *text);

G_END_DECLS

G_BEGIN_DECLS

/* Where packaged data lives: $PLATSATLAS_DATA_DIR, else the installed
 * data directory, else the source tree's data/ (running from _build). */
const char *atlas_get_data_dir             (void);
/* data/datasets/<id> of the default package (Sverige – kommuner och län). */
char       *atlas_get_default_dataset_path (void);

G_END_DECLS
