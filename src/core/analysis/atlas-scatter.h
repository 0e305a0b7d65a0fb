/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/**
 * AtlasScatterPoint:
 * @area: the area
 * @x: its value of the x indicator
 * @y: its value of the y indicator
 * @size: its value of the size indicator (population), NaN without one
 */
typedef struct
{
  AtlasArea *area;
  double     x;
  double     y;
  double     size;
} AtlasScatterPoint;

/**
 * AtlasScatter:
 *
 * Immutable, reference-counted scatter plot of two indicators over the
 * areas of one level in one year: one point per area with both values,
 * the least-squares line of y on x and Pearson's r.
 */
typedef struct _AtlasScatter AtlasScatter;

#define ATLAS_TYPE_SCATTER (atlas_scatter_get_type ())

GType                    atlas_scatter_get_type         (void) G_GNUC_CONST;
/* @size: (nullable): sizes the points (a count such as folkmängd).
 * Errors: G_IO_ERROR_INVALID_ARGUMENT for category indicators,
 * ATLAS_DATASET_ERROR_UNKNOWN for a year not in the package,
 * ATLAS_DATASET_ERROR_NO_DATA for fewer than two areas with both values. */
AtlasScatter            *atlas_scatter_new              (AtlasDataset   *dataset,
                                                         AtlasDivision  *division,
                                                         guint           year,
                                                         AtlasIndicator *x,
                                                         AtlasIndicator *y,
                                                         AtlasIndicator *size,
                                                         GError        **error);
AtlasScatter            *atlas_scatter_ref              (AtlasScatter *self);
void                     atlas_scatter_unref            (AtlasScatter *self);
AtlasDataset            *atlas_scatter_get_dataset      (const AtlasScatter *self);
AtlasDivision           *atlas_scatter_get_division     (const AtlasScatter *self);
guint                    atlas_scatter_get_year         (const AtlasScatter *self);
AtlasIndicator          *atlas_scatter_get_x_indicator  (const AtlasScatter *self);
AtlasIndicator          *atlas_scatter_get_y_indicator  (const AtlasScatter *self);
AtlasIndicator          *atlas_scatter_get_size_indicator (const AtlasScatter *self);
guint                    atlas_scatter_get_n_points     (const AtlasScatter *self);
const AtlasScatterPoint *atlas_scatter_get_point        (const AtlasScatter *self,
                                                         guint               index);
/* Areas of the level left out for lacking x or y. */
guint                    atlas_scatter_get_n_missing    (const AtlasScatter *self);
/* y = intercept + slope · x by ordinary least squares; r is Pearson's
 * correlation. NaN when x does not vary. */
double                   atlas_scatter_get_slope        (const AtlasScatter *self);
double                   atlas_scatter_get_intercept    (const AtlasScatter *self);
double                   atlas_scatter_get_r            (const AtlasScatter *self);
/* The codes of the points inside the rectangle of data values (either
 * corner order): brushing. (transfer full) (element-type utf8) */
GPtrArray               *atlas_scatter_dup_codes_in     (const AtlasScatter *self,
                                                         double              x0,
                                                         double              y0,
                                                         double              x1,
                                                         double              y1);
gboolean                 atlas_scatter_has_demonstration (const AtlasScatter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasScatter, atlas_scatter_unref)

G_END_DECLS
