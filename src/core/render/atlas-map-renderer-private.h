/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-map-renderer.h"

G_BEGIN_DECLS

/* Bytes the renderer holds in its projected-geometry caches (choropleth,
 * context borders and basemap), counted from the arrays it allocates.
 * For benchmarks and memory budgets only; not part of the public API. */
gsize atlas_map_renderer_get_cache_bytes (AtlasMapRenderer *self);

G_END_DECLS
