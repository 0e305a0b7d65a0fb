/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-class-breaks.h"
#include "atlas-dataset.h"

#include <cairo.h>

G_BEGIN_DECLS

/* Small multiples: the same indicator for several years side by side on
 * an A4 landscape page, one map per year, all classified with the same
 * breaks (computed over the values of every year shown, pooled) and one
 * legend, with definition, source and the demonstration mark.
 * @region: (nullable): frame this area and its sub-areas.
 * Written atomically; PNG, PDF or SVG from the extension. Errors:
 * G_IO_ERROR_INVALID_ARGUMENT for a category indicator, fewer than two
 * or more than nine years, or the manual method; ATLAS_DATASET_ERROR_*
 * for years the package lacks or levels without boundaries. */
gboolean atlas_small_multiples_export (AtlasDataset     *dataset,
                                       AtlasIndicator   *indicator,
                                       AtlasDivision    *division,
                                       AtlasArea        *region,
                                       const guint      *years,
                                       guint             n_years,
                                       AtlasClassMethod  method,
                                       guint             n_classes,
                                       const char       *path,
                                       const char       *lang,
                                       GError          **error);

/* Several indicators (2 to 9) for one year, one map each, each classed
 * over its own values; one legend of class ranks. */
gboolean atlas_small_multiples_export_indicators (AtlasDataset      *dataset,
                                                  AtlasIndicator   **indicators,
                                                  guint              n_indicators,
                                                  AtlasDivision     *division,
                                                  AtlasArea         *region,
                                                  guint              year,
                                                  AtlasClassMethod   method,
                                                  guint              n_classes,
                                                  const char        *path,
                                                  const char        *lang,
                                                  GError           **error);

/* The same maps kept as an object, to draw on screen (any size) and to
 * save as the figure above. */
typedef struct _AtlasSmallMultiples AtlasSmallMultiples;

AtlasSmallMultiples *atlas_small_multiples_new            (AtlasDataset      *dataset,
                                                           AtlasIndicator    *indicator,
                                                           AtlasDivision     *division,
                                                           AtlasArea         *region,
                                                           const guint       *years,
                                                           guint              n_years,
                                                           AtlasClassMethod   method,
                                                           guint              n_classes,
                                                           const char        *lang,
                                                           GError           **error);
AtlasSmallMultiples *atlas_small_multiples_new_indicators (AtlasDataset      *dataset,
                                                           AtlasIndicator   **indicators,
                                                           guint              n_indicators,
                                                           AtlasDivision     *division,
                                                           AtlasArea         *region,
                                                           guint              year,
                                                           AtlasClassMethod   method,
                                                           guint              n_classes,
                                                           const char        *lang,
                                                           GError           **error);
AtlasSmallMultiples *atlas_small_multiples_ref            (AtlasSmallMultiples *self);
void                 atlas_small_multiples_unref          (AtlasSmallMultiples *self);
guint                atlas_small_multiples_get_n_panels   (AtlasSmallMultiples *self);
AtlasClassBreaks    *atlas_small_multiples_get_breaks     (AtlasSmallMultiples *self,
                                                           guint                index);
double               atlas_small_multiples_get_height_for_width (AtlasSmallMultiples *self,
                                                                 double               width);
void                 atlas_small_multiples_draw           (AtlasSmallMultiples *self,
                                                           cairo_t             *cr,
                                                           double               width,
                                                           double               height);
gboolean             atlas_small_multiples_save           (AtlasSmallMultiples  *self,
                                                           const char           *path,
                                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSmallMultiples, atlas_small_multiples_unref)

G_END_DECLS
