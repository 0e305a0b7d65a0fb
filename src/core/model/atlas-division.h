/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-area.h"
#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_DIVISION (atlas_division_get_type ())
G_DECLARE_FINAL_TYPE (AtlasDivision, atlas_division, ATLAS, DIVISION, GObject)

/**
 * AtlasDivision:
 *
 * One level of areas (riket, län, kommun, RegSO, DeSO) in a dataset. It is a
 * #GListModel of #AtlasArea in the order of the geometry file. Riket is
 * implicit in every dataset: id "riket", one area with code "00" and no
 * geometry.
 */
AtlasDivision *atlas_division_new              (const char      *id,
                                                const AtlasText *name,
                                                const char      *version,
                                                AtlasDivision   *parent,
                                                gboolean         covers_parent,
                                                const AtlasText *coverage_note);
void           atlas_division_add_area         (AtlasDivision *self,
                                                AtlasArea     *area);

const char    *atlas_division_get_id           (AtlasDivision *self);
const char    *atlas_division_get_name         (AtlasDivision *self,
                                                const char    *lang);
/* "DeSO 2018", "RegSO 2020"; NULL for riket */
const char    *atlas_division_get_version      (AtlasDivision *self);
AtlasDivision *atlas_division_get_parent       (AtlasDivision *self);
/* Depth below riket: riket 0, län 1, ... */
guint          atlas_division_get_depth        (AtlasDivision *self);
/* FALSE when the division covers only part of its parent division's areas
 * (Uppsala län's DeSO against all of Sweden): nothing is derived above it. */
gboolean       atlas_division_covers_parent    (AtlasDivision *self);
/* TRUE when the division and every division above it cover their parents,
 * so that its areas cover all of Sweden. */
gboolean       atlas_division_covers_country   (AtlasDivision *self);
/* A sentence for the level switcher, or NULL when coverage is complete */
const char    *atlas_division_get_coverage_note (AtlasDivision *self,
                                                 const char    *lang);
char          *atlas_division_dup_name_in_sentence (AtlasDivision *self,
                                                    const char    *lang);
gboolean       atlas_division_has_geometry     (AtlasDivision *self);
/* Areas the map cannot draw: listed by an areas table, without geometry */
guint          atlas_division_get_n_undrawn    (AtlasDivision *self);

guint          atlas_division_get_n_areas      (AtlasDivision *self);
AtlasArea     *atlas_division_get_area         (AtlasDivision *self,
                                                guint          index);
AtlasArea     *atlas_division_lookup_area      (AtlasDivision *self,
                                                const char    *code);
const AtlasBBox *atlas_division_get_bbox       (AtlasDivision *self);
/* The area whose polygon contains the point, or NULL. */
AtlasArea     *atlas_division_area_at          (AtlasDivision *self,
                                                double         lon,
                                                double         lat);

G_END_DECLS
