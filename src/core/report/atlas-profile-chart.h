/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-area-profile.h"
#include "atlas-figure.h"

G_BEGIN_DECLS

/* The spine chart of an area profile on an A4 portrait page: every row
 * with the area's, kommun's, län's and riket's values and a bar of the
 * level's spread, better always to the right; the legend, sources and
 * the demonstration mark where it applies. Drawn into @cr scaled to
 * @width × @height points (A4 is 595 × 842). @lang: "sv", "en" or NULL
 * for atlas_language(). */
void     atlas_area_profile_draw         (const AtlasAreaProfile *profile,
                                          cairo_t                *cr,
                                          double                  width,
                                          double                  height,
                                          const char             *lang);
/* An A4 PDF fact sheet: the chart, then the definitions of every
 * indicator. Written atomically. Error G_IO_ERROR_INVALID_ARGUMENT for a
 * path that does not end in .pdf. */
gboolean atlas_area_profile_export       (const AtlasAreaProfile *profile,
                                          const char             *path,
                                          const char             *lang,
                                          GError                **error);
/* One fact sheet per area of @division into @directory, named by
 * atlas_figure_batch_file_name(). Refuses before writing anything when a
 * file of one of those names exists (unless ATLAS_BATCH_OVERWRITE); on
 * failure removes the files it wrote.
 * Returns: (transfer full): the paths written, NULL-terminated, or NULL */
char   **atlas_area_profile_export_batch (AtlasDataset           *dataset,
                                          AtlasDivision          *division,
                                          guint                   year,
                                          const char             *directory,
                                          const char             *lang,
                                          AtlasBatchFlags         flags,
                                          GCancellable           *cancellable,
                                          GError                **error);

G_END_DECLS
