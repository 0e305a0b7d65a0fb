/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-area.h"
#include "atlas-labels.h"

/* Area labels for the app's map and for figures: one greedy pass in
 * priority order against the labels already placed. A few hundred
 * candidates at most, so pairwise tests are cheap. */

/* Free room around a label's box, as a share of the font size. */
#define PAD 0.25
/* The most areas considered: the largest on screen. */
#define MAX_CANDIDATES 600
/* Areas smaller than this many font sizes on screen get no label. */
#define MIN_AREA_FONT 0.6

typedef struct
{
  AtlasArea *area;
  double     priority;
  gboolean   forced;
} Candidate;

static void
label_clear (gpointer data)
{
  AtlasLabel *label = data;

  g_free (label->text);
}

static void
to_view (const AtlasMapView *view,
         double              lon,
         double              lat,
         double             *x,
         double             *y)
{
  atlas_mercator_from_lonlat (lon, lat, x, y);
  *x = (*x - view->center_x) * view->scale + view->width / 2.0;
  *y = (*y - view->center_y) * view->scale + view->height / 2.0;
}

static void
from_view (const AtlasMapView *view,
           double              x,
           double              y,
           double             *lon,
           double             *lat)
{
  atlas_mercator_to_lonlat (view->center_x + (x - view->width / 2.0) / view->scale,
                            view->center_y + (y - view->height / 2.0) / view->scale, lon, lat);
}

static gboolean
point_in_area (const AtlasMapView *view,
               AtlasGeometry      *geometry,
               double              x,
               double              y)
{
  double lon, lat;

  from_view (view, x, y, &lon, &lat);
  return atlas_geometry_contains (geometry, lon, lat);
}

gboolean
atlas_label_fits_area (const AtlasLabel   *label,
                       const AtlasMapView *view)
{
  AtlasGeometry *geometry = atlas_area_get_geometry (label->area);

  g_return_val_if_fail (label != NULL && view != NULL, FALSE);

  if (geometry == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      if (!point_in_area (view, geometry, label->x + label->width * i / 2.0,
                          label->y + label->height * j / 2.0))
        return FALSE;
  return TRUE;
}

static gboolean
boxes_overlap (const AtlasLabel *a,
               const AtlasLabel *b,
               double            pad)
{
  return a->x < b->x + b->width + pad && b->x < a->x + a->width + pad &&
         a->y < b->y + b->height + pad && b->y < a->y + a->height + pad;
}

static gboolean
collides (GArray           *placed,
          const AtlasLabel *label,
          double            pad)
{
  for (guint i = 0; i < placed->len; i++)
    if (boxes_overlap (&g_array_index (placed, AtlasLabel, i), label, pad))
      return TRUE;
  return FALSE;
}

static gboolean
in_view (const AtlasMapView *view,
         const AtlasLabel   *label)
{
  return label->x >= 0 && label->y >= 0 &&
         label->x + label->width <= view->width && label->y + label->height <= view->height;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->forced != y->forced)
    return x->forced ? -1 : 1;
  return (x->priority < y->priority) - (x->priority > y->priority);
}

static gboolean
is_forced (const AtlasLabelOptions *options,
           AtlasArea               *area)
{
  for (guint i = 0; options->forced != NULL && options->forced[i] != NULL; i++)
    if (options->forced[i] == area)
      return TRUE;
  return FALSE;
}

/* The areas on show in the view, largest (or highest priority) first. */
static GArray *
collect_candidates (const AtlasMapView      *view,
                    AtlasDivision           *division,
                    const AtlasLabelOptions *options)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  double min_size = options->font_size * MIN_AREA_FONT;

  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      AtlasArea *area = atlas_division_get_area (division, i);
      AtlasGeometry *geometry = atlas_area_get_geometry (area);
      Candidate c = { area, 0.0, is_forced (options, area) };
      const AtlasBBox *bb;
      double x0, y0, x1, y1;

      if (geometry == NULL || (options->shown != NULL && !options->shown[i] && !c.forced))
        continue;
      bb = atlas_geometry_get_bbox (geometry);
      to_view (view, bb->min_x, bb->max_y, &x0, &y0);
      to_view (view, bb->max_x, bb->min_y, &x1, &y1);
      if (x1 < 0 || y1 < 0 || x0 > view->width || y0 > view->height)
        continue;
      if (!c.forced && MAX (x1 - x0, y1 - y0) < min_size && !options->leaders)
        continue;
      c.priority = options->priority != NULL && !isnan (options->priority[i])
                   ? options->priority[i] : (x1 - x0) * (y1 - y0);
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  if (candidates->len > MAX_CANDIDATES)
    g_array_set_size (candidates, MAX_CANDIDATES);
  return candidates;
}

static char *
label_text (AtlasArea *area)
{
  const char *name = atlas_area_get_name (area);

  return g_strdup (name != NULL && name[0] != '\0' ? name : atlas_area_get_code (area));
}

/* Centred on (cx, cy). */
static void
put_box (AtlasLabel *label,
         double      cx,
         double      cy,
         double      ascent)
{
  label->x = cx - label->width / 2.0;
  label->y = cy - label->height / 2.0;
  label->baseline_y = label->y + ascent;
}

/* Spots around the anchor, nearest first, in eight directions. */
static gboolean
place_with_leader (AtlasLabel         *label,
                   const AtlasMapView *view,
                   GArray             *placed,
                   double              ascent,
                   double              pad)
{
  static const double dirs[8][2] = {
    { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 },
  };

  for (guint ring = 1; ring <= 4; ring++)
    for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
      {
        double dx = dirs[d][0] * (label->width / 2.0 + label->height * ring * 0.8);
        double dy = dirs[d][1] * label->height * (0.6 + ring * 0.9);

        put_box (label, label->anchor_x + dx, label->anchor_y + dy, ascent);
        if (in_view (view, label) && !collides (placed, label, pad)
            && !point_in_area (view, atlas_area_get_geometry (label->area),
                               label->x + label->width / 2.0, label->y + label->height / 2.0))
          {
            label->leader = TRUE;
            return TRUE;
          }
      }
  return FALSE;
}

static gboolean
place_one (AtlasLabel              *label,
           const AtlasMapView      *view,
           GArray                  *placed,
           const AtlasLabelOptions *options,
           double                   ascent)
{
  double pad = options->font_size * PAD;

  put_box (label, label->anchor_x, label->anchor_y, ascent);
  if (in_view (view, label) && !collides (placed, label, pad) && atlas_label_fits_area (label, view))
    return TRUE;
  if (options->leaders || label->forced)
    return place_with_leader (label, view, placed, ascent, pad);
  return FALSE;
}

GArray *
atlas_labels_place (cairo_t                 *cr,
                    const AtlasMapView      *view,
                    AtlasDivision           *division,
                    const AtlasLabelOptions *options)
{
  g_autoptr(GArray) candidates = NULL;
  GArray *placed = g_array_new (FALSE, TRUE, sizeof (AtlasLabel));
  cairo_font_extents_t font;
  guint n_free = 0;

  g_return_val_if_fail (cr != NULL && view != NULL && options != NULL, placed);
  g_array_set_clear_func (placed, label_clear);
  if (division == NULL || options->font_size <= 0)
    return placed;

  cairo_select_font_face (cr, options->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, options->font_size);
  cairo_font_extents (cr, &font);
  candidates = collect_candidates (view, division, options);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      AtlasLabel label = { c->area, NULL };
      cairo_text_extents_t extents;
      double lon, lat;

      if (!c->forced && n_free >= options->max_labels)
        break;
      label.text = label_text (c->area);
      cairo_select_font_face (cr, options->font_family, CAIRO_FONT_SLANT_NORMAL,
                              c->forced ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
      cairo_text_extents (cr, label.text, &extents);
      label.width = extents.x_advance;
      label.height = font.ascent + font.descent;
      label.forced = c->forced;
      atlas_geometry_get_label_point (atlas_area_get_geometry (c->area), &lon, &lat);
      to_view (view, lon, lat, &label.anchor_x, &label.anchor_y);
      if (options->below != NULL)
        label.anchor_y += options->below[atlas_area_get_index (c->area)] + label.height / 2.0;
      /* An area whose middle is off the map is named on a map that shows it. */
      if (label.anchor_x < 0 || label.anchor_y < 0 || label.anchor_x > view->width || label.anchor_y > view->height)
        {
          g_free (label.text);
          continue;
        }
      if (place_one (&label, view, placed, options, font.ascent))
        {
          g_array_append_val (placed, label);
          n_free += !c->forced;
        }
      else
        g_free (label.text);
    }
  return placed;
}

/* The leader ends at the box's nearest side. */
static void
draw_leader (cairo_t          *cr,
             const AtlasLabel *label)
{
  double ex = CLAMP (label->anchor_x, label->x, label->x + label->width);
  double ey = CLAMP (label->anchor_y, label->y, label->y + label->height);

  cairo_move_to (cr, label->anchor_x, label->anchor_y);
  cairo_line_to (cr, ex, ey);
  cairo_arc (cr, label->anchor_x, label->anchor_y, 0.1, 0, 2 * G_PI);
}

void
atlas_labels_draw (cairo_t                 *cr,
                   GArray                  *labels,
                   const AtlasLabelOptions *options,
                   gboolean                 dark)
{
  double ink = dark ? 0.95 : 0.1, halo = dark ? 0.0 : 1.0;

  g_return_if_fail (cr != NULL && labels != NULL && options != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < labels->len; i++)
    if (g_array_index (labels, AtlasLabel, i).leader)
      draw_leader (cr, &g_array_index (labels, AtlasLabel, i));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, halo, halo, halo, 0.9);
  cairo_set_line_width (cr, options->font_size * 0.22);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_set_line_width (cr, options->font_size * 0.08);
  cairo_stroke (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < labels->len; i++)
    {
      const AtlasLabel *label = &g_array_index (labels, AtlasLabel, i);

      cairo_select_font_face (cr, options->font_family, CAIRO_FONT_SLANT_NORMAL,
                              label->forced ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, options->font_size);
      cairo_set_source_rgb (cr, ink, ink, ink);
      if (options->show_text != NULL)
        {
          options->show_text (cr, label, options->user_data);
          continue;
        }
      /* The halo is the text's outline stroked wide in the paper colour. */
      cairo_move_to (cr, label->x, label->baseline_y);
      cairo_text_path (cr, label->text);
      cairo_set_source_rgba (cr, halo, halo, halo, 0.85);
      cairo_set_line_width (cr, options->font_size * 0.25);
      cairo_stroke (cr);
      cairo_move_to (cr, label->x, label->baseline_y);
      cairo_set_source_rgb (cr, ink, ink, ink);
      cairo_show_text (cr, label->text);
    }
  cairo_restore (cr);
}
