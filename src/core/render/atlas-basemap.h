/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-geometry.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_BASEMAP_LAND,       /* land polygons (Natural Earth) */
  ATLAS_BASEMAP_COUNTRY,    /* neighbouring countries, drawn as land with borders */
  ATLAS_BASEMAP_LAKE,       /* lakes (GSHHG), drawn as water */
  ATLAS_BASEMAP_N_LAYERS
} AtlasBasemapLayer;

#define ATLAS_TYPE_BASEMAP (atlas_basemap_get_type ())
G_DECLARE_FINAL_TYPE (AtlasBasemap, atlas_basemap, ATLAS, BASEMAP, GObject)

/**
 * AtlasBasemap:
 *
 * The offline background map: Natural Earth land and countries and GSHHG
 * lakes read from the files in a basemap directory (see
 * data/basemap/README.md), in lon/lat. Immutable after loading; safe to
 * share between threads (renderers keep their projections with it).
 */
AtlasBasemap  *atlas_basemap_load           (const char   *directory,
                                             GCancellable *cancellable,
                                             GError      **error);
/* The installed basemap (PLATSATLAS_BASEMAP_DIR, else the build or install
 * data directory). */
AtlasBasemap  *atlas_basemap_load_default   (GCancellable *cancellable,
                                             GError      **error);
guint          atlas_basemap_get_n_features (AtlasBasemap      *self,
                                             AtlasBasemapLayer  layer);
AtlasGeometry *atlas_basemap_get_feature    (AtlasBasemap      *self,
                                             AtlasBasemapLayer  layer,
                                             guint              index);
/* The lon/lat box the features cover (the box the basemap was cut to):
 * a view reaching past it shows a straight cut edge. FALSE when empty. */
gboolean       atlas_basemap_get_extent     (AtlasBasemap      *self,
                                             AtlasBBox         *extent);
/* The feature's "name" attribute ("Sweden"), or NULL. */
const char    *atlas_basemap_get_feature_name (AtlasBasemap      *self,
                                               AtlasBasemapLayer  layer,
                                               guint              index);

G_END_DECLS
