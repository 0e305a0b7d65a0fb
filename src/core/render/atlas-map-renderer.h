/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-basemap.h"
#include "atlas-class-breaks.h"
#include "atlas-dataset.h"
#include "atlas-palette.h"

G_BEGIN_DECLS

/**
 * AtlasMapView:
 *
 * What part of the world a render shows, in normalised Web Mercator
 * (x, y in 0..1, y down, as libshumate): the centre, and the scale in
 * pixels per world width (tile_size · 2^zoom). width and height in
 * device-independent pixels.
 */
typedef struct
{
  double center_x;
  double center_y;
  double scale;
  double width;
  double height;
} AtlasMapView;

void     atlas_mercator_from_lonlat (double lon, double lat, double *x, double *y);
void     atlas_mercator_to_lonlat   (double x, double y, double *lon, double *lat);
/* A view of width × height that frames bbox (lon/lat) with a margin in px. */
void     atlas_map_view_fit_bbox    (AtlasMapView    *view,
                                     const AtlasBBox *bbox,
                                     double           width,
                                     double           height,
                                     double           margin);
/* libshumate's zoom level for this view's scale at a tile size. */
double   atlas_map_view_get_zoom    (const AtlasMapView *view,
                                     guint               tile_size);

typedef enum
{
  ATLAS_MAP_STYLE_LIGHT,
  ATLAS_MAP_STYLE_DARK,
  ATLAS_MAP_STYLE_HIGH_CONTRAST,
} AtlasMapStyle;

#define ATLAS_TYPE_MAP_RENDERER (atlas_map_renderer_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMapRenderer, atlas_map_renderer, ATLAS, MAP_RENDERER, GObject)

/**
 * AtlasMapRenderer:
 *
 * Draws a choropleth with cairo, for the app's map layer, the offline tile
 * source, exports and benchmarks alike. Projects each division's geometry
 * to Web Mercator once, then per frame only scales and offsets; fills are
 * batched per class, vertices closer than a pixel are dropped, and outlines
 * are drawn only when areas are large enough on screen.
 */
AtlasMapRenderer *atlas_map_renderer_new            (void);
void              atlas_map_renderer_set_style      (AtlasMapRenderer *self,
                                                     AtlasMapStyle     style);
AtlasMapStyle     atlas_map_renderer_get_style      (AtlasMapRenderer *self);
void              atlas_map_renderer_set_basemap    (AtlasMapRenderer *self,
                                                     AtlasBasemap     *basemap);
/* Context borders drawn over the basemap (län and kommun): may be NULL. */
void              atlas_map_renderer_set_context_divisions (AtlasMapRenderer *self,
                                                            AtlasDivision    *outer,
                                                            AtlasDivision    *inner);
/* The choropleth: its division, and per area a class index (-1 missing,
 * drawn hatched grey) into the palette's colours. classes is copied and
 * must hold atlas_division_get_n_areas() entries. */
void              atlas_map_renderer_set_choropleth (AtlasMapRenderer *self,
                                                     AtlasDivision    *division,
                                                     const int        *classes,
                                                     AtlasPalette     *palette);
/* Areas to outline on top (hover, selection, comparison A/B); NULL clears. */
void              atlas_map_renderer_set_hover      (AtlasMapRenderer *self,
                                                     AtlasArea        *area);
void              atlas_map_renderer_set_selected   (AtlasMapRenderer *self,
                                                     AtlasArea        *area);
void              atlas_map_renderer_set_selection  (AtlasMapRenderer *self,
                                                     GPtrArray        *areas);
void              atlas_map_renderer_set_compare    (AtlasMapRenderer *self,
                                                     AtlasArea        *area_a,
                                                     AtlasArea        *area_b);
/* Only show areas that lie within this area (export --region); NULL clears. */
void              atlas_map_renderer_set_region     (AtlasMapRenderer *self,
                                                     AtlasArea        *region);

/* Per area of the choropleth's division, whether it is drawn (an area
 * filter: only områdestyp 1–3); copied; NULL draws every area. */
void              atlas_map_renderer_set_visible    (AtlasMapRenderer *self,
                                                     const gboolean   *visible,
                                                     guint             n_areas);
/* Area names inside their areas where they fit, without overlaps, and
 * the selected and compared areas' names always (off by default). */
void              atlas_map_renderer_set_labels     (AtlasMapRenderer *self,
                                                     gboolean          labels);
/* Fills stay within the outlines of the context level above (default). */
void              atlas_map_renderer_set_clip_to_parent (AtlasMapRenderer *self,
                                                         gboolean          clip);

/* Sea, land, neighbouring countries and lakes only: for basemap tiles. */
void              atlas_map_renderer_draw_basemap   (AtlasMapRenderer   *self,
                                                     cairo_t            *cr,
                                                     const AtlasMapView *view);
/* The choropleth, context borders and highlights, without the basemap. */
void              atlas_map_renderer_draw_choropleth (AtlasMapRenderer   *self,
                                                      cairo_t            *cr,
                                                      const AtlasMapView *view);
/* Both, for exports. */
void              atlas_map_renderer_draw           (AtlasMapRenderer   *self,
                                                     cairo_t            *cr,
                                                     const AtlasMapView *view);
/* Hit-test in view coordinates: the choropleth area under (px, py) or NULL. */
AtlasArea        *atlas_map_renderer_area_at        (AtlasMapRenderer   *self,
                                                     const AtlasMapView *view,
                                                     double              px,
                                                     double              py);

G_END_DECLS
