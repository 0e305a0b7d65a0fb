/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-geometry.h"

G_BEGIN_DECLS

typedef struct _AtlasDivision AtlasDivision;

#define ATLAS_TYPE_AREA (atlas_area_get_type ())
G_DECLARE_FINAL_TYPE (AtlasArea, atlas_area, ATLAS, AREA, GObject)

/**
 * AtlasArea:
 *
 * One area of a division: a kommun, a RegSO, a DeSO or riket. Owned by its
 * division; the parent pointer is not a reference (the dataset keeps all
 * divisions alive together).
 */
AtlasArea     *atlas_area_new              (AtlasDivision *division,
                                            guint          index,
                                            const char    *code,
                                            const char    *name,
                                            AtlasGeometry *geometry);
void           atlas_area_set_parent       (AtlasArea     *self,
                                            AtlasArea     *parent);

const char    *atlas_area_get_code         (AtlasArea *self);
/* The stated name, or NULL (DeSO have only codes). */
const char    *atlas_area_get_name         (AtlasArea *self);
/* A name to show: the stated name, else "DeSO 0380C1010 (Gottsunda)" from
 * the code and the nearest named ancestor. Free with g_free(). */
char          *atlas_area_dup_display_name (AtlasArea *self);
AtlasDivision *atlas_area_get_division     (AtlasArea *self);
guint          atlas_area_get_index        (AtlasArea *self);
AtlasArea     *atlas_area_get_parent       (AtlasArea *self);
/* The ancestor (or self) in the division with this id, or NULL. */
AtlasArea     *atlas_area_get_ancestor     (AtlasArea  *self,
                                            const char *division_id);
/* NULL for riket */
AtlasGeometry *atlas_area_get_geometry     (AtlasArea *self);

G_END_DECLS
