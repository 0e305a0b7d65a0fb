/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TILE_SIZE 256
#define ATLAS_TILE_MIN_ZOOM 3
#define ATLAS_TILE_MAX_ZOOM 14

#define ATLAS_TYPE_TILE_SOURCE (atlas_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTileSource, atlas_tile_source, ATLAS, TILE_SOURCE, ShumateDataSource)

/*
 * AtlasTileSource:
 *
 * Offline basemap tiles (sea, land, neighbouring countries, lakes) drawn on
 * the fly by AtlasMapRenderer in worker threads and handed to libshumate as
 * PNG. Style, basemap and scale factor are fixed at construction: a change
 * of style means a new source (and a new tile layer, which drops its cache).
 */
AtlasTileSource  *atlas_tile_source_new               (AtlasBasemap    *basemap,
                                                       AtlasMapStyle    style,
                                                       int              scale_factor);
AtlasMapStyle     atlas_tile_source_get_style         (AtlasTileSource *self);
AtlasBasemap     *atlas_tile_source_get_basemap       (AtlasTileSource *self);
int               atlas_tile_source_get_scale_factor  (AtlasTileSource *self);
/* A raster map source on top of this data source (256 px tiles, zoom 3–14). */
ShumateMapSource *atlas_tile_source_create_map_source (AtlasTileSource *self);
/* Draws the basemap of @view into @cr in the calling thread (any thread, as
 * the workers do): what the tiles of that view show, without tiling. */
void              atlas_tile_source_draw              (AtlasTileSource    *self,
                                                       cairo_t            *cr,
                                                       const AtlasMapView *view);
/* Renders one tile synchronously in the calling thread: PNG bytes. */
GBytes           *atlas_tile_source_render_tile       (AtlasTileSource *self,
                                                       int              x,
                                                       int              y,
                                                       int              zoom,
                                                       GError         **error);

G_END_DECLS
