/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "atlas-core.h"
#include "atlas-tile-source.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_MAP_LAYER (atlas_map_layer_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMapLayer, atlas_map_layer, ATLAS, MAP_LAYER, ShumateLayer)

/*
 * AtlasMapLayer:
 *
 * The choropleth over the basemap tiles. Draws with AtlasMapRenderer into a
 * cached texture that covers the view plus a margin: pans only move the
 * texture, zooms scale it as a preview, and it is redrawn once the view
 * settles or the content changes. Hover and selection outlines are a cheap
 * separate node on top. Emits "area-clicked" for primary-button clicks.
 */
AtlasMapLayer *atlas_map_layer_new                  (ShumateViewport *viewport);
/* classes: one class index per area of division (-1 missing); copied. */
void           atlas_map_layer_set_choropleth       (AtlasMapLayer   *self,
                                                     AtlasDivision   *division,
                                                     const int       *classes,
                                                     AtlasPalette    *palette);
void           atlas_map_layer_set_context_divisions (AtlasMapLayer  *self,
                                                      AtlasDivision  *outer,
                                                      AtlasDivision  *inner);
/* Its larger lakes are drawn as water over the fills. */
void           atlas_map_layer_set_basemap          (AtlasMapLayer   *self,
                                                     AtlasBasemap    *basemap);
void           atlas_map_layer_set_style            (AtlasMapLayer   *self,
                                                     AtlasMapStyle    style);
AtlasMapStyle  atlas_map_layer_get_style            (AtlasMapLayer   *self);
void           atlas_map_layer_set_selected_area    (AtlasMapLayer   *self,
                                                     AtlasArea       *area);
void           atlas_map_layer_set_selection        (AtlasMapLayer   *self,
                                                     GPtrArray       *areas);
AtlasArea     *atlas_map_layer_get_hovered_area     (AtlasMapLayer   *self);
void           atlas_map_layer_set_compare          (AtlasMapLayer   *self,
                                                     AtlasArea       *area_a,
                                                     AtlasArea       *area_b);
/* Per choropleth area whether it is drawn (copied); NULL: all. */
void           atlas_map_layer_set_shown_areas      (AtlasMapLayer   *self,
                                                     const gboolean  *shown,
                                                     guint            n_areas);
/* The offline basemap's source and the tile layer that shows it (both
 * NULL: none, or online tiles over it). With GTK's cairo renderer the
 * layer paints that basemap itself, under the choropleth in its cache, and
 * hides the tile layer while the cache covers the view (see
 * atlas-map-layer.c). */
void           atlas_map_layer_set_basemap_tiles    (AtlasMapLayer   *self,
                                                     AtlasTileSource *source,
                                                     GtkWidget       *tile_layer);
/* For tests: TRUE while the layer's cache carries the basemap and the tile
 * layer is hidden under it. */
gboolean       atlas_map_layer_get_paints_basemap   (AtlasMapLayer   *self);
/* The view the layer shows now, in its own coordinates. */
void           atlas_map_layer_get_view             (AtlasMapLayer   *self,
                                                     AtlasMapView    *view);
/* The choropleth area under layer coordinates, or NULL. */
AtlasArea     *atlas_map_layer_area_at              (AtlasMapLayer   *self,
                                                     double           x,
                                                     double           y);
/* How often the cached texture was drawn (for tests and benchmarks). */
guint          atlas_map_layer_get_n_cache_builds   (AtlasMapLayer   *self);
/* For benchmarks: how many frames the layer has drawn, and how long its
 * last one took (the choropleth redraw when the content changed, plus the
 * hover and selection outlines over it), in milliseconds of wall time and
 * of the drawing thread's CPU time. */
guint          atlas_map_layer_get_n_draws          (AtlasMapLayer   *self);
double         atlas_map_layer_get_last_draw_ms     (AtlasMapLayer   *self);
double         atlas_map_layer_get_last_draw_cpu_ms (AtlasMapLayer   *self);

G_END_DECLS
