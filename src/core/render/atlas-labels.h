/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-division.h"
#include "atlas-map-renderer.h"

G_BEGIN_DECLS

/**
 * AtlasLabel:
 * @area: the area named
 * @text: its name, or its code when it has none
 * @anchor_x: the area's interior point in view coordinates
 * @anchor_y: see @anchor_x
 * @x: the label's box in view coordinates (top left)
 * @y: see @x
 * @width: the box's size
 * @height: see @width
 * @baseline_y: where the text's baseline runs
 * @leader: the box lies outside the area, joined to @anchor_x, @anchor_y
 *   by a line
 * @forced: a selected or compared area, labelled whatever the mode
 *
 * One placed area label.
 */
typedef struct
{
  AtlasArea *area;
  char      *text;
  double     anchor_x;
  double     anchor_y;
  double     x;
  double     y;
  double     width;
  double     height;
  double     baseline_y;
  gboolean   leader;
  gboolean   forced;
} AtlasLabel;

/**
 * AtlasLabelOptions:
 * @font_family: the face, e.g. "Cantarell"
 * @font_size: in view units
 * @shown: (nullable): per area index, whether the area is on show
 * @priority: (nullable): per area index, larger first (a population, an
 *   area); NULL orders by area in km²
 * @forced: (nullable): areas always labelled, NULL-terminated
 * @leaders: whether labels that do not fit inside their area may sit
 *   beside it with a leader line (figures), or are left out (the app)
 * @max_labels: at most this many labels besides the forced ones
 * @show_text: (nullable): draws one label's text instead of the halo
 *   and cairo_show_text() (an SVG export records it as real text)
 * @user_data: for @show_text
 * @below: (nullable): per area index, a distance in view units below the
 *   interior point to put the label at (under a circle drawn there)
 *
 * What atlas_labels_place() may do.
 */
typedef struct
{
  const char    *font_family;
  double         font_size;
  const guint8  *shown;
  const double  *priority;
  AtlasArea    **forced;
  gboolean       leaders;
  guint          max_labels;
  const double  *below;
  void         (*show_text) (cairo_t          *cr,
                             const AtlasLabel *label,
                             gpointer          user_data);
  gpointer       user_data;
} AtlasLabelOptions;

/**
 * atlas_labels_place:
 * @cr: measures text (its font is changed)
 * @view: the view the areas are drawn in
 * @division: whose areas to label
 *
 * Greedy placement by priority: each label goes at its area's interior
 * point (the widest span of its largest polygon) when its box fits inside
 * the area and overlaps no label placed before; else, with leaders, at
 * the first free spot around the area, joined by a leader line; else it
 * is left out. Forced areas come first. Labels never overlap and stay in
 * the view.
 *
 * Returns: (transfer full) (element-type AtlasLabel): the placed labels;
 *   free with g_array_unref()
 */
GArray  *atlas_labels_place (cairo_t                 *cr,
                             const AtlasMapView      *view,
                             AtlasDivision           *division,
                             const AtlasLabelOptions *options);
/* Text with a halo (light under dark), leader lines first. */
void     atlas_labels_draw  (cairo_t                 *cr,
                             GArray                  *labels,
                             const AtlasLabelOptions *options,
                             gboolean                 dark);
/* Whether the label's box lies inside its area's polygons (all corners
 * and the middle of each edge). */
gboolean atlas_label_fits_area (const AtlasLabel     *label,
                                const AtlasMapView   *view);

G_END_DECLS
