/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Internal to core: whether (x, y) lies inside the ring of @n points
 * (x, y pairs) by the even-odd rule; the geometry and the renderer's
 * projected rings share it. */
gboolean atlas_ring_contains (const double *pts,
                              guint         n,
                              double        x,
                              double        y);

G_END_DECLS
