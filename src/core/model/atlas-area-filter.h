/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_AREA_FILTER (atlas_area_filter_get_type ())

/**
 * AtlasAreaFilter:
 *
 * Show only areas of chosen types: a category indicator (områdestyp) and
 * the codes allowed (1, 2, 3). An area's type is its own value of the
 * category, else that of the nearest area above it that has one (a DeSO
 * takes its RegSO's områdestyp); areas without a type are left out, and at
 * levels above the category's (kommun) the filter does not apply. The
 * types of the year shown are used, or of a fixed year. Immutable and
 * ref-counted, so an explorer state, the map, the legend, rankings and
 * exports can share one.
 */
typedef struct _AtlasAreaFilter AtlasAreaFilter;

GType            atlas_area_filter_get_type    (void) G_GNUC_CONST;
/* @type_year: 0 to use the types of the year shown. */
AtlasAreaFilter *atlas_area_filter_new         (AtlasIndicator   *category,
                                                const int        *codes,
                                                guint             n_codes,
                                                guint             type_year);
/* "omradestyp=1,2,3" or "omradestyp@2022=1,2,3". */
AtlasAreaFilter *atlas_area_filter_parse       (AtlasDataset     *dataset,
                                                const char       *text,
                                                GError          **error);
AtlasAreaFilter *atlas_area_filter_ref         (AtlasAreaFilter  *self);
void             atlas_area_filter_unref       (AtlasAreaFilter  *self);
gboolean         atlas_area_filter_equal       (const AtlasAreaFilter *a,
                                                const AtlasAreaFilter *b);

AtlasIndicator  *atlas_area_filter_get_category (AtlasAreaFilter *self);
const int       *atlas_area_filter_get_codes   (AtlasAreaFilter  *self,
                                                guint            *n_codes);
guint            atlas_area_filter_get_type_year (AtlasAreaFilter *self);
gboolean         atlas_area_filter_allows_code (AtlasAreaFilter  *self,
                                                int               code);
/* The type of @area in @year (by the rule above), or -1 without one. */
int              atlas_area_filter_type_of     (AtlasAreaFilter  *self,
                                                AtlasDataset     *dataset,
                                                AtlasArea        *area,
                                                guint             year);
/* Per area of @division, whether it is shown; NULL when the filter does
 * not apply at this level (no area of it has a type that year). */
gboolean        *atlas_area_filter_dup_mask    (AtlasAreaFilter  *self,
                                                AtlasDataset     *dataset,
                                                AtlasDivision    *division,
                                                guint             year);
/* "omradestyp=1,2,3", what atlas_area_filter_parse() reads. */
char            *atlas_area_filter_to_string   (AtlasAreaFilter  *self);
/* "Endast områden med Områdestyp 1, 2 eller 3 (2022)." for captions. */
char            *atlas_area_filter_describe    (AtlasAreaFilter  *self,
                                                guint             year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasAreaFilter, atlas_area_filter_unref)

G_END_DECLS
