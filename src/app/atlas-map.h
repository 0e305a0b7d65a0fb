/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "atlas-core.h"
#include "atlas-map-layer.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_MAP (atlas_map_get_type ())
G_DECLARE_FINAL_TYPE (AtlasMap, atlas_map, ATLAS, MAP, GtkWidget)

/*
 * AtlasMap:
 *
 * The interactive choropleth map: offline basemap tiles, the choropleth
 * layer, a scale bar, the legend and a demonstration-data badge. It
 * classifies the indicator's values for the division and year with its
 * AtlasClassification ("classification"), exactly as figures and the CLI
 * do.
 *
 * A click on an area selects it, and a click outside every area clears
 * the selection; a Ctrl+click on a map that follows a state sets the
 * state's comparison instead (see compare_in_state()). Signal:
 * "area-activated" (AtlasArea *area) after a double click, once the map
 * has started zooming to it.
 */
GtkWidget        *atlas_map_new                (void);

/* Follow @state (dataset, level, indicator, year, classification, selected
 * area, comparison); the setters of those then set the state. */
void              atlas_map_set_state          (AtlasMap           *self,
                                                AtlasExplorerState *state);
AtlasExplorerState *atlas_map_get_state        (AtlasMap         *self);

void              atlas_map_set_dataset        (AtlasMap         *self,
                                                AtlasDataset     *dataset);
AtlasDataset     *atlas_map_get_dataset        (AtlasMap         *self);
void              atlas_map_set_division       (AtlasMap         *self,
                                                AtlasDivision    *division);
AtlasDivision    *atlas_map_get_division       (AtlasMap         *self);
void              atlas_map_set_indicator      (AtlasMap         *self,
                                                AtlasIndicator   *indicator);
AtlasIndicator   *atlas_map_get_indicator      (AtlasMap         *self);
void              atlas_map_set_year           (AtlasMap         *self,
                                                guint             year);
guint             atlas_map_get_year           (AtlasMap         *self);
/* Method, count, scope, manual breaks and colours; the map redraws when
 * it changes. Bind settings and widgets to this object. */
void              atlas_map_set_classification (AtlasMap            *self,
                                                AtlasClassification *classification);
AtlasClassification *atlas_map_get_classification (AtlasMap         *self);
void              atlas_map_set_style          (AtlasMap         *self,
                                                AtlasMapStyle     style);
AtlasMapStyle     atlas_map_get_style          (AtlasMap         *self);
void              atlas_map_set_selected_area  (AtlasMap         *self,
                                                AtlasArea        *area);
AtlasArea        *atlas_map_get_selected_area  (AtlasMap         *self);
/* "since-year": a change map from this year to the map's year (0: the
 * year's values), the state's while the map follows one (setting it sets
 * the state's); "showing-change": whether the map shows one now. */
void              atlas_map_set_since_year     (AtlasMap         *self,
                                                guint             since_year);
guint             atlas_map_get_since_year     (AtlasMap         *self);
gboolean          atlas_map_get_showing_change (AtlasMap         *self);
/* Many selected areas (codes of any level; those of the shown level are
 * outlined), as brushed in the scatter plot. */
void              atlas_map_set_selection      (AtlasMap           *self,
                                                const char * const *codes);
GPtrArray        *atlas_map_dup_selection_areas (AtlasMap          *self);
/* "compare-a" and "compare-b": the comparison's areas, outlined on top. */
void              atlas_map_set_compare        (AtlasMap         *self,
                                                AtlasArea        *area_a,
                                                AtlasArea        *area_b);
void              atlas_map_set_filter         (AtlasMap         *self,
                                                AtlasAreaFilter  *filter);
AtlasAreaFilter  *atlas_map_get_filter         (AtlasMap         *self);
/* Show only these areas (element-type AtlasArea); NULL clears what
 * @owner set. */
void              atlas_map_set_highlight      (AtlasMap         *self,
                                                gconstpointer     owner,
                                                GPtrArray        *areas);
gboolean          atlas_map_is_area_shown      (AtlasMap         *self,
                                                AtlasArea        *area);
AtlasArea        *atlas_map_get_hovered_area   (AtlasMap         *self);
AtlasClassBreaks *atlas_map_get_breaks         (AtlasMap         *self);
AtlasPalette     *atlas_map_get_palette        (AtlasMap         *self);
void              atlas_map_set_basemap        (AtlasMap         *self,
                                                AtlasBasemap     *basemap);
AtlasBasemap     *atlas_map_get_basemap        (AtlasMap         *self);
/* An online raster tile source ("https://…/{z}/{x}/{y}.png") drawn over the
 * offline basemap, which shows wherever it has no tiles; NULL or "" turns
 * it off (the default: the map never needs the network). */
void              atlas_map_set_online_tiles_url (AtlasMap       *self,
                                                  const char     *url);
const char       *atlas_map_get_online_tiles_url (AtlasMap       *self);

void              atlas_map_zoom_to_area       (AtlasMap         *self,
                                                AtlasArea        *area);
/* The division's bbox */
void              atlas_map_zoom_to_coverage   (AtlasMap         *self);
/* Frames the level now and after every resize until the user moves the
 * view (presentation mode). */
void              atlas_map_keep_framed        (AtlasMap         *self);
void              atlas_map_zoom_in            (AtlasMap         *self);
void              atlas_map_zoom_out           (AtlasMap         *self);
ShumateViewport  *atlas_map_get_viewport       (AtlasMap         *self);
/* Class index of the area in the current rendering, -1 missing, -2 not drawn */
int               atlas_map_get_area_class     (AtlasMap         *self,
                                                AtlasArea        *area);
/* For tests: the area under widget coordinates */
AtlasArea        *atlas_map_area_at            (AtlasMap         *self,
                                                double            x,
                                                double            y);
/* For tests and the window: widget coords of a lon/lat */
void              atlas_map_lonlat_to_widget   (AtlasMap         *self,
                                                double            lon,
                                                double            lat,
                                                double           *x,
                                                double           *y);
/* For tests and benchmarks: the choropleth layer and the legend. */
AtlasMapLayer    *atlas_map_get_layer          (AtlasMap         *self);
GtkWidget        *atlas_map_get_legend         (AtlasMap         *self);

G_END_DECLS
