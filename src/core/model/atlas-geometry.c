/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-geometry.h"
#include "atlas-geometry-private.h"

#define EARTH_RADIUS_KM 6371.0088
/* Scanlines tried when looking for a label point. */
#define LABEL_SCANLINES 9

struct _AtlasGeometry
{
  gatomicrefcount ref;
  guint           n_points;
  guint           n_rings;
  double         *coords;       /* 2 × n_points */
  guint          *ring_offsets; /* n_rings + 1 */
  AtlasBBox       bbox;
  /* The label point is found when first asked for: most areas of most
   * levels never get a label or a marker. Geometries are shared between
   * threads (loading, exporting), hence the once-guard. */
  gsize           label_ready;
  double          label_x;
  double          label_y;
};

G_DEFINE_BOXED_TYPE (AtlasGeometry, atlas_geometry,
                     atlas_geometry_ref, atlas_geometry_unref)

void
atlas_bbox_init_empty (AtlasBBox *self)
{
  g_return_if_fail (self != NULL);

  self->min_x = self->min_y = INFINITY;
  self->max_x = self->max_y = -INFINITY;
}

void
atlas_bbox_extend (AtlasBBox *self,
                   double     x,
                   double     y)
{
  g_return_if_fail (self != NULL);

  self->min_x = MIN (self->min_x, x);
  self->min_y = MIN (self->min_y, y);
  self->max_x = MAX (self->max_x, x);
  self->max_y = MAX (self->max_y, y);
}

void
atlas_bbox_union (AtlasBBox       *self,
                  const AtlasBBox *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  if (atlas_bbox_is_empty (other))
    return;

  atlas_bbox_extend (self, other->min_x, other->min_y);
  atlas_bbox_extend (self, other->max_x, other->max_y);
}

gboolean
atlas_bbox_is_empty (const AtlasBBox *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return !(self->min_x <= self->max_x && self->min_y <= self->max_y);
}

gboolean
atlas_bbox_contains (const AtlasBBox *self,
                     double           x,
                     double           y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return x >= self->min_x && x <= self->max_x &&
         y >= self->min_y && y <= self->max_y;
}

/* Even-odd crossings of one ring by the ray from (x, y) towards +x. The
 * half-open test on y counts a vertex on the ray exactly once. */
gboolean
atlas_ring_contains (const double *pts,
                     guint         n,
                     double        x,
                     double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = pts[2 * i], yi = pts[2 * i + 1];
      double xj = pts[2 * j], yj = pts[2 * j + 1];

      if ((yi > y) != (yj > y) &&
          x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }

  return inside;
}

static const double *
ring_points (const AtlasGeometry *self,
             guint                ring,
             guint               *n)
{
  *n = self->ring_offsets[ring + 1] - self->ring_offsets[ring];
  return self->coords + 2 * self->ring_offsets[ring];
}

/* Twice the signed planar area in degrees², for comparing ring sizes. */
static double
ring_planar_area2 (const double *pts,
                   guint         n)
{
  double sum = 0.0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    sum += (pts[2 * j] - pts[2 * i]) * (pts[2 * j + 1] + pts[2 * i + 1]);

  return sum;
}

static guint
largest_ring (const AtlasGeometry *self)
{
  guint best = 0;
  double best_area = -1.0;

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint n;
      const double *pts = ring_points (self, r, &n);
      double a = fabs (ring_planar_area2 (pts, n));

      if (a > best_area)
        {
          best_area = a;
          best = r;
        }
    }

  return best;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/* Where a horizontal line crosses the edges of every ring, sorted: between
 * crossings 0–1, 2–3, … the line runs inside the even-odd fill. */
static GArray *
scanline_crossings (const AtlasGeometry *self,
                    double               y)
{
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint n;
      const double *pts = ring_points (self, r, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = pts[2 * i], yi = pts[2 * i + 1];
          double xj = pts[2 * j], yj = pts[2 * j + 1];

          if ((yi > y) != (yj > y))
            {
              double x = (xj - xi) * (y - yi) / (yj - yi) + xi;
              g_array_append_val (xs, x);
            }
        }
    }

  g_array_sort (xs, compare_doubles);
  return xs;
}

/* The widest inside span on a few scanlines across the largest ring, whose
 * midpoint lies in that ring. A centroid can fall outside a concave or
 * U-shaped area; a span midpoint cannot. */
static void
compute_label_point (const AtlasGeometry *self,
                     double              *label_x,
                     double              *label_y)
{
  guint ring = largest_ring (self);
  guint n;
  const double *pts = ring_points (self, ring, &n);
  AtlasBBox box;
  double best_width = -1.0;

  atlas_bbox_init_empty (&box);
  for (guint i = 0; i < n; i++)
    atlas_bbox_extend (&box, pts[2 * i], pts[2 * i + 1]);

  *label_x = (box.min_x + box.max_x) / 2.0;
  *label_y = (box.min_y + box.max_y) / 2.0;

  for (guint s = 0; s < LABEL_SCANLINES; s++)
    {
      /* Middle first, then outwards, so ties favour the middle. */
      int step = (s + 1) / 2 * ((s % 2) ? 1 : -1);
      double y = box.min_y + (box.max_y - box.min_y) *
                 (0.5 + step / (double) (LABEL_SCANLINES + 1));
      g_autoptr(GArray) xs = scanline_crossings (self, y);

      for (guint i = 0; i + 1 < xs->len; i += 2)
        {
          double x0 = g_array_index (xs, double, i);
          double x1 = g_array_index (xs, double, i + 1);
          double mid = (x0 + x1) / 2.0;

          if (x1 - x0 > best_width && atlas_ring_contains (pts, n, mid, y))
            {
              best_width = x1 - x0;
              *label_x = mid;
              *label_y = y;
            }
        }
    }
}

/**
 * atlas_geometry_new:
 * @coords: (array): interleaved lon, lat pairs, 2 × @n_points doubles
 * @n_points: number of points
 * @ring_offsets: (array): the index of the first point of each ring;
 *   @n_rings entries are read (a trailing @n_points entry may be present)
 * @n_rings: number of rings
 *
 * Copies the rings into a new geometry and computes its bounding box; the
 * label point is computed when first asked for.
 *
 * Returns: (transfer full): a new geometry
 */
AtlasGeometry *
atlas_geometry_new (const double *coords,
                    guint         n_points,
                    const guint  *ring_offsets,
                    guint         n_rings)
{
  AtlasGeometry *self;

  g_return_val_if_fail (coords != NULL || n_points == 0, NULL);
  g_return_val_if_fail (ring_offsets != NULL || n_rings == 0, NULL);

  self = g_new0 (AtlasGeometry, 1);
  g_atomic_ref_count_init (&self->ref);
  self->n_points = n_points;
  self->n_rings = n_rings;
  self->coords = g_memdup2 (coords, sizeof (double) * 2 * n_points);
  self->ring_offsets = g_new (guint, n_rings + 1);
  if (n_rings > 0)
    memcpy (self->ring_offsets, ring_offsets, sizeof (guint) * n_rings);
  self->ring_offsets[n_rings] = n_points;

  atlas_bbox_init_empty (&self->bbox);
  for (guint i = 0; i < n_points; i++)
    atlas_bbox_extend (&self->bbox, coords[2 * i], coords[2 * i + 1]);

  return self;
}

AtlasGeometry *
atlas_geometry_ref (AtlasGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_geometry_unref (AtlasGeometry *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;

  g_free (self->coords);
  g_free (self->ring_offsets);
  g_free (self);
}

guint
atlas_geometry_get_n_rings (const AtlasGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rings;
}

guint
atlas_geometry_get_n_points (const AtlasGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_points;
}

/**
 * atlas_geometry_get_coords:
 * @self: a geometry
 *
 * Returns: (transfer none): interleaved lon, lat pairs
 */
const double *
atlas_geometry_get_coords (const AtlasGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->coords;
}

/**
 * atlas_geometry_get_ring_offsets:
 * @self: a geometry
 *
 * Returns: (transfer none): n_rings + 1 offsets; the last is n_points
 */
const guint *
atlas_geometry_get_ring_offsets (const AtlasGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ring_offsets;
}

const AtlasBBox *
atlas_geometry_get_bbox (const AtlasGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bbox;
}

/**
 * atlas_geometry_get_label_point:
 * @self: a geometry
 * @lon: (out): longitude
 * @lat: (out): latitude
 *
 * A point inside the largest ring's polygon, where a label or marker can go.
 */
void
atlas_geometry_get_label_point (const AtlasGeometry *self,
                                double              *lon,
                                double              *lat)
{
  g_return_if_fail (self != NULL);

  if (g_once_init_enter (&((AtlasGeometry *) self)->label_ready))
    {
      AtlasGeometry *writable = (AtlasGeometry *) self;

      if (self->n_rings > 0 && self->n_points > 0)
        compute_label_point (self, &writable->label_x, &writable->label_y);
      g_once_init_leave (&writable->label_ready, 1);
    }
  if (lon != NULL)
    *lon = self->label_x;
  if (lat != NULL)
    *lat = self->label_y;
}

gboolean
atlas_geometry_contains (const AtlasGeometry *self,
                         double               lon,
                         double               lat)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!atlas_bbox_contains (&self->bbox, lon, lat))
    return FALSE;

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint n;
      const double *pts = ring_points (self, r, &n);

      if (n > 2 && atlas_ring_contains (pts, n, lon, lat))
        inside = !inside;
    }

  return inside;
}

/* Area of one ring on a sphere (the Chamberlain–Duquette formula). */
static double
ring_spherical_area_km2 (const double *pts,
                         guint         n)
{
  double sum = 0.0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double lon1 = pts[2 * j] * G_PI / 180.0, lat1 = pts[2 * j + 1] * G_PI / 180.0;
      double lon2 = pts[2 * i] * G_PI / 180.0, lat2 = pts[2 * i + 1] * G_PI / 180.0;

      sum += (lon2 - lon1) * (2.0 + sin (lat1) + sin (lat2));
    }

  return fabs (sum) * EARTH_RADIUS_KM * EARTH_RADIUS_KM / 2.0;
}

/* How many other rings enclose this one: odd means it is a hole. */
static guint
ring_depth (const AtlasGeometry *self,
            guint                ring)
{
  guint n, depth = 0;
  const double *pts = ring_points (self, ring, &n);

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint m;
      const double *other = ring_points (self, r, &m);

      if (r != ring && m > 2 && atlas_ring_contains (other, m, pts[0], pts[1]))
        depth++;
    }

  return depth;
}

double
atlas_geometry_get_area_km2 (const AtlasGeometry *self)
{
  double total = 0.0;

  g_return_val_if_fail (self != NULL, 0.0);

  for (guint r = 0; r < self->n_rings; r++)
    {
      guint n;
      const double *pts = ring_points (self, r, &n);
      double a;

      if (n < 3)
        continue;
      a = ring_spherical_area_km2 (pts, n);
      total += (self->n_rings > 1 && ring_depth (self, r) % 2 == 1) ? -a : a;
    }

  return total;
}
