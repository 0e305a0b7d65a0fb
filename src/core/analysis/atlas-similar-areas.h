/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/**
 * AtlasSimilarAreas:
 *
 * Immutable, reference-counted answer to "which areas of the same level
 * are most like this one": the areas ranked by Euclidean distance over
 * z-scores (each indicator standardised to mean 0 and standard deviation
 * 1 over the level's areas with a value in the year). Areas lacking any
 * of the indicators are not compared, and counted.
 */
typedef struct _AtlasSimilarAreas AtlasSimilarAreas;

#define ATLAS_TYPE_SIMILAR_AREAS (atlas_similar_areas_get_type ())

GType              atlas_similar_areas_get_type        (void) G_GNUC_CONST;
/* @indicators: (element-type AtlasIndicator) (nullable): those to compare
 * on; NULL picks every indicator (not background counts, not categories)
 * for which the area has a value and the level some spread.
 * Errors: ATLAS_DATASET_ERROR_UNKNOWN for a year not in the package;
 * G_IO_ERROR_INVALID_ARGUMENT for a category indicator, one the area has
 * no value for, or one with no spread; ATLAS_DATASET_ERROR_NO_DATA when
 * nothing is left to compare on. */
AtlasSimilarAreas *atlas_similar_areas_find            (AtlasDataset      *dataset,
                                                        AtlasArea         *area,
                                                        guint              year,
                                                        GPtrArray         *indicators,
                                                        guint              n,
                                                        GError           **error);
AtlasSimilarAreas *atlas_similar_areas_ref             (AtlasSimilarAreas *self);
void               atlas_similar_areas_unref           (AtlasSimilarAreas *self);
AtlasArea         *atlas_similar_areas_get_area        (const AtlasSimilarAreas *self);
guint              atlas_similar_areas_get_year        (const AtlasSimilarAreas *self);
/* (element-type AtlasIndicator): the indicators compared on */
GPtrArray         *atlas_similar_areas_get_indicators  (const AtlasSimilarAreas *self);
guint              atlas_similar_areas_get_n_items     (const AtlasSimilarAreas *self);
AtlasArea         *atlas_similar_areas_get_item        (const AtlasSimilarAreas *self,
                                                        guint                    index);
double             atlas_similar_areas_get_distance    (const AtlasSimilarAreas *self,
                                                        guint                    index);
/* Areas of the level left out for lacking a value of some indicator. */
guint              atlas_similar_areas_get_n_excluded  (const AtlasSimilarAreas *self);
/* The method in one paragraph, in @lang ("sv"/"en"/NULL). */
char              *atlas_similar_areas_dup_method      (const AtlasSimilarAreas *self,
                                                        const char              *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSimilarAreas, atlas_similar_areas_unref)

G_END_DECLS
