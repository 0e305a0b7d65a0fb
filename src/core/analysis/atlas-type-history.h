/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-type-breakdown.h"

G_BEGIN_DECLS

/**
 * AtlasTypeChange:
 * @area: an area whose type changed
 * @from: its type in the first year
 * @to: its type in the second year
 */
typedef struct
{
  AtlasArea *area;
  int        from;
  int        to;
} AtlasTypeChange;

#define ATLAS_TYPE_TYPE_HISTORY (atlas_type_history_get_type ())

/**
 * AtlasTypeHistory:
 *
 * The area types (områdestyp) of one region's areas over every year that
 * has them: per area its type each year, per year and type the number of
 * areas and their residents, and the areas whose type changed between two
 * years. Types are relative (see atlas_type_history_get_caveat()).
 * Immutable and ref-counted.
 */
typedef struct _AtlasTypeHistory AtlasTypeHistory;

GType             atlas_type_history_get_type        (void) G_GNUC_CONST;

/* @category: NULL for the package's only category indicator. @region: NULL
 * for riket. @population: the residents counted, NULL for the package's
 * population (atlas_analysis_default_population()). */
AtlasTypeHistory *atlas_type_history_new             (AtlasDataset     *dataset,
                                                      AtlasIndicator   *category,
                                                      AtlasArea        *region,
                                                      AtlasIndicator   *population,
                                                      GError          **error);
AtlasTypeHistory *atlas_type_history_ref             (AtlasTypeHistory *self);
void              atlas_type_history_unref           (AtlasTypeHistory *self);

AtlasIndicator   *atlas_type_history_get_category    (AtlasTypeHistory *self);
AtlasIndicator   *atlas_type_history_get_population  (AtlasTypeHistory *self);
AtlasDivision    *atlas_type_history_get_division    (AtlasTypeHistory *self);
AtlasArea        *atlas_type_history_get_region      (AtlasTypeHistory *self);
/* The years with types, ascending. */
guint             atlas_type_history_get_n_years     (AtlasTypeHistory *self);
guint             atlas_type_history_get_year        (AtlasTypeHistory *self,
                                                      guint             index);
/* The region's areas at the typed level. */
guint             atlas_type_history_get_n_areas     (AtlasTypeHistory *self);
AtlasArea        *atlas_type_history_get_area        (AtlasTypeHistory *self,
                                                      guint             index);
/* The area's type code in the year, or -1 when it has none. */
int               atlas_type_history_get_area_type   (AtlasTypeHistory *self,
                                                      guint             area,
                                                      guint             year_index);
/* Per year: one row per type with the number of areas and, as weight,
 * their residents (the population's sum). */
AtlasTypeBreakdown *atlas_type_history_get_breakdown (AtlasTypeHistory *self,
                                                      guint             year_index);
/* Areas with a type in both years and not the same. Element type
 * AtlasTypeChange. */
GArray           *atlas_type_history_dup_changes     (AtlasTypeHistory *self,
                                                      guint             from_year,
                                                      guint             to_year);
gboolean          atlas_type_history_is_demonstration (AtlasTypeHistory *self);
/* Why a changed type need not mean a changed area, translated. */
const char       *atlas_type_history_get_caveat      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTypeHistory, atlas_type_history_unref)

G_END_DECLS
