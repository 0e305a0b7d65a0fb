/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AtlasBBox:
 *
 * A bounding box in longitude/latitude degrees (WGS 84, x = longitude).
 */
typedef struct
{
  double min_x;
  double min_y;
  double max_x;
  double max_y;
} AtlasBBox;

void     atlas_bbox_init_empty (AtlasBBox       *self);
void     atlas_bbox_extend     (AtlasBBox       *self,
                                double           x,
                                double           y);
void     atlas_bbox_union      (AtlasBBox       *self,
                                const AtlasBBox *other);
gboolean atlas_bbox_is_empty   (const AtlasBBox *self);
gboolean atlas_bbox_contains   (const AtlasBBox *self,
                                double           x,
                                double           y);

/**
 * AtlasGeometry:
 *
 * An immutable, reference-counted polygonal geometry in lon/lat: a flat list
 * of closed rings (outer rings and holes alike), filled with the even-odd
 * rule. Ring i spans points ring_offsets[i] .. ring_offsets[i + 1] - 1 of
 * the interleaved (lon, lat) coordinate array.
 */
typedef struct _AtlasGeometry AtlasGeometry;

#define ATLAS_TYPE_GEOMETRY (atlas_geometry_get_type ())

GType          atlas_geometry_get_type       (void) G_GNUC_CONST;

AtlasGeometry *atlas_geometry_new            (const double        *coords,
                                              guint                n_points,
                                              const guint         *ring_offsets,
                                              guint                n_rings);
AtlasGeometry *atlas_geometry_ref            (AtlasGeometry       *self);
void           atlas_geometry_unref          (AtlasGeometry       *self);

guint          atlas_geometry_get_n_rings    (const AtlasGeometry *self);
guint          atlas_geometry_get_n_points   (const AtlasGeometry *self);
const double  *atlas_geometry_get_coords     (const AtlasGeometry *self);
const guint   *atlas_geometry_get_ring_offsets (const AtlasGeometry *self);
const AtlasBBox *atlas_geometry_get_bbox     (const AtlasGeometry *self);
void           atlas_geometry_get_label_point (const AtlasGeometry *self,
                                               double              *lon,
                                               double              *lat);
gboolean       atlas_geometry_contains       (const AtlasGeometry *self,
                                              double               lon,
                                              double               lat);
/* Area in square kilometres on the ellipsoid-free spherical approximation. */
double         atlas_geometry_get_area_km2   (const AtlasGeometry *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasGeometry, atlas_geometry_unref)

G_END_DECLS
