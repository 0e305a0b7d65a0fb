/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-class-breaks.h"
#include "atlas-dataset.h"
#include "atlas-palette.h"

G_BEGIN_DECLS

/**
 * AtlasChangeUnit:
 * @ATLAS_CHANGE_ABSOLUTE: the later value minus the earlier, in the
 *   indicator's own unit (kronor, personer…)
 * @ATLAS_CHANGE_PERCENTAGE_POINTS: the same difference for a share in
 *   percent, which is a change in percentage points, not in percent
 *
 * How the change of an indicator between two years is stated.
 */
typedef enum
{
  ATLAS_CHANGE_ABSOLUTE,
  ATLAS_CHANGE_PERCENTAGE_POINTS,
} AtlasChangeUnit;

AtlasChangeUnit  atlas_change_unit_for_indicator (AtlasIndicator     *indicator);
/* "procentenheter" / "percentage points", else the indicator's unit label
 * ("kr", "personer"); NULL for an index. */
const char      *atlas_change_unit_label         (AtlasIndicator     *indicator,
                                                  const char         *lang);
/* "Förändring 2020–2023, procentenheter" */
char            *atlas_change_dup_title          (AtlasIndicator     *indicator,
                                                  guint               since,
                                                  guint               year,
                                                  const char         *lang);
/* How increase and decrease read for the indicator's polarity:
 * "Ökning = bättre, minskning = sämre" … */
const char      *atlas_change_describe_direction (AtlasIndicator     *indicator,
                                                  const char         *lang);
/* Checks that the indicator can change (not categories) and that both
 * years are in the package with @since before @year. Errors:
 * G_IO_ERROR_INVALID_ARGUMENT, ATLAS_DATASET_ERROR_UNKNOWN. */
gboolean         atlas_change_check              (AtlasDataset       *dataset,
                                                  AtlasIndicator     *indicator,
                                                  guint               since,
                                                  guint               year,
                                                  GError            **error);
/* One area: @year's value minus @since's. FALSE when either is missing;
 * then @reason says why and @missing_year which year lacks it (@since
 * first when both do). */
gboolean         atlas_change_get                (AtlasDataset       *dataset,
                                                  AtlasIndicator     *indicator,
                                                  AtlasArea          *area,
                                                  guint               since,
                                                  guint               year,
                                                  double             *change,
                                                  AtlasMissingReason *reason,
                                                  guint              *missing_year);
/* Every area of a division, indexed like its areas, NaN where either
 * year lacks a value. Errors: those of atlas_change_check(). */
double          *atlas_change_compute            (AtlasDataset       *dataset,
                                                  AtlasIndicator     *indicator,
                                                  AtlasDivision      *division,
                                                  guint               since,
                                                  guint               year,
                                                  GError            **error);
/* The change map's classes: atlas_class_breaks_compute_centred(), with
 * its own error when no area has a value in both years. */
AtlasClassBreaks *atlas_change_compute_breaks    (AtlasIndicator     *indicator,
                                                  AtlasDivision      *division,
                                                  const double       *changes,
                                                  guint               n_classes,
                                                  guint               since,
                                                  guint               year,
                                                  GError            **error);
/* Diverging colours with the worse direction warm (RdBu) for indicators
 * with a polarity, PuOr without one; @scheme overrides when it is a
 * diverging scheme. */
AtlasPalette    *atlas_change_create_palette     (AtlasIndicator     *indicator,
                                                  const char         *scheme,
                                                  guint               n_classes,
                                                  gboolean            user_reverse,
                                                  GError            **error);

G_END_DECLS
