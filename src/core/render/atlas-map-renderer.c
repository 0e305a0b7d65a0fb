/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-area.h"
#include "atlas-division.h"
#include "atlas-geometry-private.h"
#include "atlas-labels.h"
#include "atlas-map-renderer.h"
#include "atlas-map-renderer-private.h"

/* How a frame is drawn (draw_choropleth):
 * 1. class fills, one cairo path and one fill per class colour, then the
 *    missing areas in one path filled with a cached grey hatch pattern;
 *    non-zero rule, ring orientation normalised at projection time;
 *    antialiased unless the median area is under ALIASED_MEDIAN_PX;
 * 2. thin area outlines when the median area bbox is at least
 *    OUTLINE_MIN_MEDIAN_PX on screen; kommun borders, län borders, the
 *    region's outline;
 * 3. hover, selection, comparison A and B with their lettered badges.
 * Per frame only scale and offset are applied to the cached Mercator
 * coordinates; features and rings outside the clip or under a pixel are
 * skipped (features under a pixel are filled as one pixel square so that
 * small urban areas do not vanish at country scale), vertices are snapped
 * to a half-pixel grid, off-screen runs collapse, and outlines are
 * simplified with precomputed Douglas–Peucker ranks. */

/* Web Mercator's latitude limit: the world is a square there. */
#define MAX_LATITUDE 85.0511287798
/* Area outlines are drawn once the median area spans this many pixels;
 * below that they would only darken the map and cost most of a frame. */
#define OUTLINE_MIN_MEDIAN_PX 12.0
/* Below this median size areas are filled without antialiasing. */
#define ALIASED_MEDIAN_PX 4.0
/* Rings per feature up to which ring orientation is normalised. */
#define MAX_ORIENT_RINGS 256
/* Extra view margin in pixels so strokes just outside still show. */
#define VIEW_MARGIN_PX 8.0
/* Zoom used to frame a single point or an empty box. */
#define POINT_ZOOM 14.0
#define HATCH_SIZE 8
/* Outlines drop vertices whose Douglas–Peucker deviation is below this:
 * stroking costs cairo about a microsecond an edge, and shared borders are
 * stroked twice, so detail nobody can see is the main cost when zoomed in. */
#define STROKE_TOLERANCE_PX 0.7
#define HOME_COUNTRY "Sweden"

#define HEX(c) { (((c) >> 16) & 0xff) / 255.0, (((c) >> 8) & 0xff) / 255.0, ((c) & 0xff) / 255.0 }

typedef struct
{
  AtlasColor sea;
  AtlasColor land;
  AtlasColor neighbour;
  AtlasColor country_border;
  AtlasColor inner_border;     /* kommun */
  AtlasColor outer_border;     /* län */
  AtlasColor area_outline;
  double     area_outline_alpha;
  double     border_width;     /* multiplier for context borders */
  AtlasColor halo;
  AtlasColor hover;
  AtlasColor selected;
  AtlasColor compare_a;
  AtlasColor compare_b;
} Style;

static const Style styles[] = {
  [ATLAS_MAP_STYLE_LIGHT] = {
    .sea = HEX (0xcad9e6), .land = HEX (0xf4f2ee), .neighbour = HEX (0xe4e1db),
    .country_border = HEX (0xa39e96), .inner_border = HEX (0x6b6b6b),
    .outer_border = HEX (0x2e2e2e), .area_outline = HEX (0xffffff),
    .area_outline_alpha = 0.55, .border_width = 1.0, .halo = HEX (0xffffff),
    .hover = HEX (0x1c1c1c), .selected = HEX (0x000000),
    .compare_a = HEX (0xe66100), .compare_b = HEX (0x5d3a9b),
  },
  [ATLAS_MAP_STYLE_DARK] = {
    .sea = HEX (0x18222c), .land = HEX (0x2f2f31), .neighbour = HEX (0x252527),
    .country_border = HEX (0x5a5a5e), .inner_border = HEX (0x9a9a9a),
    .outer_border = HEX (0xdedede), .area_outline = HEX (0x000000),
    .area_outline_alpha = 0.45, .border_width = 1.0, .halo = HEX (0x000000),
    .hover = HEX (0xf6f5f4), .selected = HEX (0xffffff),
    .compare_a = HEX (0xffa348), .compare_b = HEX (0xc061cb),
  },
  [ATLAS_MAP_STYLE_HIGH_CONTRAST] = {
    .sea = HEX (0xa6d1f5), .land = HEX (0xffffff), .neighbour = HEX (0xd0d0d0),
    .country_border = HEX (0x000000), .inner_border = HEX (0x000000),
    .outer_border = HEX (0x000000), .area_outline = HEX (0x000000),
    .area_outline_alpha = 0.9, .border_width = 1.6, .halo = HEX (0xffff00),
    .hover = HEX (0x000000), .selected = HEX (0x000000),
    .compare_a = HEX (0xb33c00), .compare_b = HEX (0x3d1f80),
  },
};

/* A set of geometries in normalised Web Mercator, built once and shared
 * (g_atomic_rc_box) between the layers, renderers and threads that show
 * the same division. */
typedef struct
{
  guint   n_features;
  guint   n_rings;
  guint   n_points;
  double *coords;         /* x, y per point */
  float  *importance;     /* per point: deviation at which it can go; NULL
                           * for layers that are only filled */
  guint  *ring_starts;    /* n_rings + 1 point offsets */
  guint  *feature_rings;  /* n_features + 1 ring offsets */
  double *ring_bboxes;    /* min x, min y, max x, max y per ring */
  double *bboxes;         /* per feature; empty features have min > max */
  double  median_size;    /* median of the larger bbox side */
} Projection;

/* How append_feature() writes a feature's rings into the path. */
typedef enum
{
  APPEND_FILL,            /* topology-safe: vertices snapped, never simplified */
  APPEND_FILL_WITH_DOTS,  /* and sub-pixel features as a pixel square */
  APPEND_STROKE,          /* simplified by importance; slivers do not matter */
  APPEND_FILL_SIMPLIFIED, /* the same for fills that share no borders (lakes) */
} AppendMode;

typedef AtlasGeometry *(*GeometryGetter) (gpointer source,
                                          guint    index);

/* A division as drawn: its projection and the region filter. */
typedef struct
{
  AtlasDivision *division;
  Projection    *projection;
  guint8        *mask;    /* per area; NULL shows every area */
} Layer;

/* The per-frame mapping from Mercator to user space. */
typedef struct
{
  double scale;
  double offset_x;        /* user x = mercator x · scale + offset_x */
  double offset_y;
  double min_x;           /* visible Mercator rectangle */
  double min_y;
  double max_x;
  double max_y;
  double pixel;           /* one device pixel in user units */
  double tolerance;       /* vertices closer than this are dropped */
  double min_importance;  /* outline vertices below this are dropped */
  double view_x0;         /* the visible rectangle in user space */
  double view_y0;
  double view_x1;
  double view_y1;
} Frame;

struct _AtlasMapRenderer
{
  GObject          parent_instance;

  AtlasMapStyle    style;
  cairo_pattern_t *hatch;

  AtlasBasemap    *basemap;
  Projection      *basemap_layers[ATLAS_BASEMAP_N_LAYERS];
  guint8          *home_country;   /* per country feature */

  Layer            choropleth;
  Layer            outer;
  Layer            inner;
  AtlasPalette    *palette;
  guint           *order;          /* area indices grouped by bucket */
  guint           *bucket_starts;  /* n_buckets + 1; bucket 0 is missing */
  guint            n_buckets;

  AtlasArea       *hover;
  AtlasArea       *selected;
  GPtrArray       *selection;      /* more selected areas (brushing), or NULL */
  AtlasArea       *compare_a;
  AtlasArea       *compare_b;
  AtlasArea       *region;
  guint8          *visible;        /* per choropleth area; NULL: all */
  guint            n_visible;
  gboolean         clip_to_parent;
  gboolean         labels;
};

G_DEFINE_FINAL_TYPE (AtlasMapRenderer, atlas_map_renderer, G_TYPE_OBJECT)

/* Mercator conversions */

void
atlas_mercator_from_lonlat (double  lon,
                            double  lat,
                            double *x,
                            double *y)
{
  double phi = CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log (tan (G_PI / 4.0 + phi / 2.0)) / (2.0 * G_PI);
}

void
atlas_mercator_to_lonlat (double  x,
                          double  y,
                          double *lon,
                          double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/**
 * atlas_map_view_fit_bbox:
 * @view: the view to set
 * @bbox: a box in longitude/latitude
 * @width: the view's width in pixels
 * @height: the view's height in pixels
 * @margin: pixels to keep free on each side
 *
 * Centres the view on @bbox at the largest scale that shows all of it.
 * An empty or single-point box gets a street-level zoom.
 */
void
atlas_map_view_fit_bbox (AtlasMapView    *view,
                         const AtlasBBox *bbox,
                         double           width,
                         double           height,
                         double           margin)
{
  double x0, y0, x1, y1;
  double free_w, free_h;

  g_return_if_fail (view != NULL && bbox != NULL);

  view->width = width;
  view->height = height;
  if (atlas_bbox_is_empty (bbox))
    {
      view->center_x = view->center_y = 0.5;
      view->scale = 256.0;
      return;
    }

  atlas_mercator_from_lonlat (bbox->min_x, bbox->max_y, &x0, &y0);
  atlas_mercator_from_lonlat (bbox->max_x, bbox->min_y, &x1, &y1);
  view->center_x = (x0 + x1) / 2.0;
  view->center_y = (y0 + y1) / 2.0;

  free_w = width - 2.0 * margin > 1.0 ? width - 2.0 * margin : width;
  free_h = height - 2.0 * margin > 1.0 ? height - 2.0 * margin : height;
  if (x1 - x0 <= 0.0 && y1 - y0 <= 0.0)
    view->scale = 256.0 * exp2 (POINT_ZOOM);
  else
    view->scale = MIN (x1 > x0 ? free_w / (x1 - x0) : G_MAXDOUBLE,
                       y1 > y0 ? free_h / (y1 - y0) : G_MAXDOUBLE);
}

double
atlas_map_view_get_zoom (const AtlasMapView *view,
                         guint               tile_size)
{
  g_return_val_if_fail (view != NULL && tile_size > 0, 0.0);

  return log2 (view->scale / tile_size);
}

/* Projection */

static double
ring_signed_area (const double *c,
                  guint         n)
{
  double sum = 0.0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    sum += c[2 * j] * c[2 * i + 1] - c[2 * i] * c[2 * j + 1];
  return sum / 2.0;
}

static gboolean
bbox_contains (const double *bb,
               double        x,
               double        y)
{
  return x >= bb[0] && x <= bb[2] && y >= bb[1] && y <= bb[3];
}

static void
reverse_ring (double *c,
              guint   n)
{
  for (guint i = 0, j = n - 1; i < j; i++, j--)
    {
      double tx = c[2 * i], ty = c[2 * i + 1];

      c[2 * i] = c[2 * j];
      c[2 * i + 1] = c[2 * j + 1];
      c[2 * j] = tx;
      c[2 * j + 1] = ty;
    }
}

/* Batched fills use the non-zero rule so that neighbouring areas (and the
 * pixel-sized dots of tiny ones) add up instead of cancelling: that needs
 * outer rings turning one way (positive area, y down) and holes the other,
 * whatever order the source file used. */
static void
orient_feature (Projection *p,
                guint       f)
{
  guint first = p->feature_rings[f], last = p->feature_rings[f + 1];

  if (last - first > MAX_ORIENT_RINGS)
    return;

  for (guint r = first; r < last; r++)
    {
      double *c = p->coords + 2 * p->ring_starts[r];
      guint n = p->ring_starts[r + 1] - p->ring_starts[r];
      guint depth = 0;

      for (guint s = first; s < last; s++)
        {
          const double *cs = p->coords + 2 * p->ring_starts[s];

          if (s != r && bbox_contains (p->ring_bboxes + 4 * s, c[0], c[1]) &&
              atlas_ring_contains (cs, p->ring_starts[s + 1] - p->ring_starts[s], c[0], c[1]))
            depth++;
        }
      if ((ring_signed_area (c, n) > 0.0) != (depth % 2 == 0))
        reverse_ring (c, n);
    }
}

static void
bbox_reset (double *bb)
{
  bb[0] = bb[1] = G_MAXDOUBLE;
  bb[2] = bb[3] = -G_MAXDOUBLE;
}

static void
bbox_add (double *bb,
          double  x,
          double  y)
{
  bb[0] = MIN (bb[0], x);
  bb[1] = MIN (bb[1], y);
  bb[2] = MAX (bb[2], x);
  bb[3] = MAX (bb[3], y);
}

static void
project_ring (Projection   *p,
              const double *lonlat,
              guint         n,
              guint         ring,
              double       *feature_bbox)
{
  double *out = p->coords + 2 * p->ring_starts[ring];
  double *bb = p->ring_bboxes + 4 * ring;

  bbox_reset (bb);
  for (guint i = 0; i < n; i++)
    {
      atlas_mercator_from_lonlat (lonlat[2 * i], lonlat[2 * i + 1], &out[2 * i], &out[2 * i + 1]);
      bbox_add (bb, out[2 * i], out[2 * i + 1]);
    }
  bbox_add (feature_bbox, bb[0], bb[1]);
  bbox_add (feature_bbox, bb[2], bb[3]);
}

/* Appends the feature's rings at the projection's current end. */
static void
project_feature (Projection          *p,
                 guint                f,
                 const AtlasGeometry *geometry)
{
  guint ring = p->feature_rings[f];
  double *bb = p->bboxes + 4 * f;

  bbox_reset (bb);
  if (geometry != NULL)
    {
      const double *coords = atlas_geometry_get_coords (geometry);
      const guint *offsets = atlas_geometry_get_ring_offsets (geometry);
      guint n_rings = atlas_geometry_get_n_rings (geometry);

      for (guint r = 0; r < n_rings; r++, ring++)
        {
          guint n = offsets[r + 1] - offsets[r];

          p->ring_starts[ring + 1] = p->ring_starts[ring] + n;
          project_ring (p, coords + 2 * offsets[r], n, ring, bb);
        }
    }
  p->feature_rings[f + 1] = ring;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_feature_size (const Projection *p)
{
  g_autofree double *sizes = g_new (double, MAX (p->n_features, 1));
  guint n = 0;

  for (guint f = 0; f < p->n_features; f++)
    {
      const double *bb = p->bboxes + 4 * f;

      if (bb[0] <= bb[2])
        sizes[n++] = MAX (bb[2] - bb[0], bb[3] - bb[1]);
    }
  if (n == 0)
    return 0.0;
  qsort (sizes, n, sizeof (double), compare_doubles);
  return sizes[n / 2];
}

static double
segment_distance (const double *a,
                  const double *b,
                  const double *p)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

typedef struct
{
  guint first;
  guint last;
  float cap;
} Span;

/* Douglas–Peucker once, keeping for each vertex the tolerance below which
 * it stays; a vertex never outranks the one that split its span, so any
 * threshold gives a consistent simplification. */
static void
rank_span (const double *c,
           float        *importance,
           GArray       *stack)
{
  while (stack->len > 0)
    {
      Span span = g_array_index (stack, Span, stack->len - 1);
      double best = -1.0;
      guint split = span.first;

      g_array_set_size (stack, stack->len - 1);
      for (guint i = span.first + 1; i < span.last; i++)
        {
          double d = segment_distance (c + 2 * span.first, c + 2 * span.last, c + 2 * i);

          if (d > best)
            {
              best = d;
              split = i;
            }
        }
      if (split == span.first)
        continue;

      importance[split] = MIN ((float) best, span.cap);
      g_array_append_val (stack, ((Span) { span.first, split, importance[split] }));
      g_array_append_val (stack, ((Span) { split, span.last, importance[split] }));
    }
}

static void
rank_ring (const double *c,
           guint         n,
           float        *importance,
           GArray       *stack)
{
  guint far = 0;
  double far_d = -1.0;

  for (guint i = 0; i < n; i++)
    importance[i] = G_MAXFLOAT;
  if (n <= 4)
    return;

  /* A closed ring splits at its first vertex and the one farthest away. */
  for (guint i = 1; i < n; i++)
    {
      double d = hypot (c[2 * i] - c[0], c[2 * i + 1] - c[1]);

      if (d > far_d)
        {
          far_d = d;
          far = i;
        }
    }
  g_array_append_val (stack, ((Span) { 0, far, G_MAXFLOAT }));
  g_array_append_val (stack, ((Span) { far, n - 1, G_MAXFLOAT }));
  rank_span (c, importance, stack);
}

static void
compute_importance (Projection *p)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint r = 0; r < p->n_rings; r++)
    rank_ring (p->coords + 2 * p->ring_starts[r], p->ring_starts[r + 1] - p->ring_starts[r],
               p->importance + p->ring_starts[r], stack);
}

static void
projection_clear (Projection *p)
{
  g_free (p->coords);
  g_free (p->importance);
  g_free (p->ring_starts);
  g_free (p->feature_rings);
  g_free (p->ring_bboxes);
  g_free (p->bboxes);
}

static void
projection_unref (Projection *p)
{
  g_atomic_rc_box_release_full (p, (GDestroyNotify) projection_clear);
}

static void
projection_alloc (Projection *p,
                  guint       n_features,
                  guint       n_rings,
                  guint       n_points,
                  gboolean    ranked)
{
  p->n_features = n_features;
  p->n_rings = n_rings;
  p->n_points = n_points;
  p->coords = g_new (double, 2 * (gsize) MAX (n_points, 1));
  p->importance = ranked ? g_new (float, MAX (n_points, 1)) : NULL;
  p->ring_starts = g_new0 (guint, n_rings + 1);
  p->feature_rings = g_new0 (guint, n_features + 1);
  p->ring_bboxes = g_new (double, 4 * (gsize) MAX (n_rings, 1));
  p->bboxes = g_new (double, 4 * (gsize) MAX (n_features, 1));
}

/* ranked: outlines are stroked, so each point gets its importance (the
 * ranking costs more than the projection; filled-only layers skip it). */
static Projection *
projection_new (guint          n_features,
                GeometryGetter get,
                gpointer       source,
                gboolean       orient,
                gboolean       ranked)
{
  Projection *p = g_atomic_rc_box_new0 (Projection);
  guint n_rings = 0, n_points = 0;

  for (guint f = 0; f < n_features; f++)
    {
      AtlasGeometry *geometry = get (source, f);

      if (geometry != NULL)
        {
          n_rings += atlas_geometry_get_n_rings (geometry);
          n_points += atlas_geometry_get_n_points (geometry);
        }
    }

  projection_alloc (p, n_features, n_rings, n_points, ranked);
  for (guint f = 0; f < n_features; f++)
    {
      project_feature (p, f, get (source, f));
      if (orient)
        orient_feature (p, f);
    }
  if (ranked)
    compute_importance (p);
  p->median_size = median_feature_size (p);
  return p;
}

static gsize
projection_get_bytes (const Projection *p)
{
  return sizeof (Projection)
         + (2 * sizeof (double) + (p->importance != NULL ? sizeof (float) : 0)) * (gsize) p->n_points
         + sizeof (guint) * ((gsize) p->n_rings + 1 + p->n_features + 1)
         + 4 * sizeof (double) * ((gsize) p->n_rings + p->n_features);
}

static AtlasGeometry *
get_area_geometry (gpointer source,
                   guint    index)
{
  return atlas_area_get_geometry (atlas_division_get_area (source, index));
}

typedef struct
{
  AtlasBasemap      *basemap;
  AtlasBasemapLayer  layer;
} BasemapSource;

static AtlasGeometry *
get_basemap_geometry (gpointer source,
                      guint    index)
{
  BasemapSource *bs = source;

  return atlas_basemap_get_feature (bs->basemap, bs->layer, index);
}

/* Frames */

static gboolean
target_is_raster (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_XLIB ||
         type == CAIRO_SURFACE_TYPE_XCB;
}

static void
frame_init (Frame              *frame,
            cairo_t            *cr,
            const AtlasMapView *view)
{
  double dx = 1.0, dy = 0.0, device_scale;
  double x0, y0, x1, y1;

  frame->scale = view->scale;
  frame->offset_x = view->width / 2.0 - view->center_x * view->scale;
  frame->offset_y = view->height / 2.0 - view->center_y * view->scale;

  cairo_user_to_device_distance (cr, &dx, &dy);
  device_scale = hypot (dx, dy) > 0.0 ? hypot (dx, dy) : 1.0;
  frame->pixel = 1.0 / device_scale;
  /* Vector exports are zoomed into later: keep more detail there. */
  frame->tolerance = (target_is_raster (cr) ? 0.5 : 0.1) * frame->pixel;
  frame->min_importance = (target_is_raster (cr) ? STROKE_TOLERANCE_PX : 0.1) * frame->pixel / frame->scale;

  /* The view, narrowed to the clip (a tile, a damaged region). */
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  x0 = MAX (x0, 0.0) - VIEW_MARGIN_PX;
  y0 = MAX (y0, 0.0) - VIEW_MARGIN_PX;
  x1 = MIN (x1, view->width) + VIEW_MARGIN_PX;
  y1 = MIN (y1, view->height) + VIEW_MARGIN_PX;
  frame->view_x0 = x0;
  frame->view_y0 = y0;
  frame->view_x1 = x1;
  frame->view_y1 = y1;
  frame->min_x = (x0 - frame->offset_x) / frame->scale;
  frame->min_y = (y0 - frame->offset_y) / frame->scale;
  frame->max_x = (x1 - frame->offset_x) / frame->scale;
  frame->max_y = (y1 - frame->offset_y) / frame->scale;
}

static gboolean
frame_sees (const Frame  *frame,
            const double *bb)
{
  return bb[2] >= frame->min_x && bb[0] <= frame->max_x &&
         bb[3] >= frame->min_y && bb[1] <= frame->max_y;
}

static gboolean
frame_below_pixel (const Frame  *frame,
                   const double *bb)
{
  return (bb[2] - bb[0]) * frame->scale < frame->pixel &&
         (bb[3] - bb[1]) * frame->scale < frame->pixel;
}

/* Paths */

/* Which sides of the visible rectangle a point lies beyond. */
static inline guint
outcode (const Frame *frame,
         double       x,
         double       y)
{
  return (x < frame->view_x0) | (x > frame->view_x1) << 1 |
         (y < frame->view_y0) << 2 | (y > frame->view_y1) << 3;
}

typedef struct
{
  double last_x;          /* last emitted point, in grid units */
  double last_y;
  gboolean started;
} RingWriter;

/* Vertices snap to a grid of the drop tolerance and repeats are dropped.
 * Unlike "closer than the last kept vertex", this does not depend on the
 * direction a ring runs, so two areas sharing a border keep the very same
 * points and no slivers open between them. */
static void
emit_point (cairo_t     *cr,
            RingWriter  *writer,
            const Frame *frame,
            double       x,
            double       y)
{
  double gx = nearbyint (x / frame->tolerance), gy = nearbyint (y / frame->tolerance);

  if (!writer->started)
    cairo_move_to (cr, gx * frame->tolerance, gy * frame->tolerance);
  else if (gx != writer->last_x || gy != writer->last_y)
    cairo_line_to (cr, gx * frame->tolerance, gy * frame->tolerance);
  writer->started = TRUE;
  writer->last_x = gx;
  writer->last_y = gy;
}

/* Off screen, a run of vertices that all lie beyond the same side of the
 * view is replaced by the straight line between its ends: both stay in
 * that half-plane, so nothing visible changes, while zoomed in the long
 * off-screen parts of large areas cost nothing. */
static void
append_ring (cairo_t      *cr,
             const double *c,
             const float  *importance,
             guint         n,
             const Frame  *frame)
{
  const double s = frame->scale, ox = frame->offset_x, oy = frame->offset_y;
  RingWriter writer = { 0.0, 0.0, FALSE };
  double x = c[0] * s + ox, y = c[1] * s + oy;
  guint code = outcode (frame, x, y), run = code;

  emit_point (cr, &writer, frame, x, y);
  if (n < 2)
    return;
  x = c[2] * s + ox;
  y = c[3] * s + oy;
  code = outcode (frame, x, y);
  for (guint i = 1; i < n; i++)
    {
      gboolean last = i + 1 == n;
      double nx = last ? 0.0 : c[2 * i + 2] * s + ox;
      double ny = last ? 0.0 : c[2 * i + 3] * s + oy;
      guint next_code = last ? 0 : outcode (frame, nx, ny);
      gboolean unimportant = importance != NULL && importance[i] < frame->min_importance;

      if (!last && (unimportant || (run & code & next_code) != 0))
        run &= code;
      else
        {
          emit_point (cr, &writer, frame, x, y);
          run = code;
        }
      x = nx;
      y = ny;
      code = next_code;
    }
  cairo_close_path (cr);
}

/* A feature smaller than a pixel becomes a pixel-sized square with
 * APPEND_FILL_WITH_DOTS (small urban areas stay visible at country scale)
 * and is skipped otherwise. Rings out of view or below a pixel are skipped. */
static void
append_feature (cairo_t          *cr,
                const Projection *p,
                guint             f,
                const Frame      *frame,
                AppendMode        mode)
{
  const double *bb = p->bboxes + 4 * f;

  if (frame_below_pixel (frame, bb))
    {
      double cx = (bb[0] + bb[2]) / 2.0 * frame->scale + frame->offset_x;
      double cy = (bb[1] + bb[3]) / 2.0 * frame->scale + frame->offset_y;

      if (mode == APPEND_FILL_WITH_DOTS)
        cairo_rectangle (cr, cx - frame->pixel / 2.0, cy - frame->pixel / 2.0,
                         frame->pixel, frame->pixel);
      return;
    }

  for (guint r = p->feature_rings[f]; r < p->feature_rings[f + 1]; r++)
    {
      const double *rb = p->ring_bboxes + 4 * r;

      if (frame_sees (frame, rb) && !frame_below_pixel (frame, rb))
        append_ring (cr, p->coords + 2 * p->ring_starts[r],
                     (mode == APPEND_STROKE || mode == APPEND_FILL_SIMPLIFIED) && p->importance != NULL
                     ? p->importance + p->ring_starts[r] : NULL,
                     p->ring_starts[r + 1] - p->ring_starts[r], frame);
    }
}

static gboolean
layer_shows (const Layer *layer,
             guint        f,
             const Frame *frame)
{
  return (layer->mask == NULL || layer->mask[f]) &&
         frame_sees (frame, layer->projection->bboxes + 4 * f);
}

/* Projects each vertex on the fly: for the few highlighted areas only. */
static void
append_geometry (cairo_t             *cr,
                 const AtlasGeometry *geometry,
                 const Frame         *frame)
{
  const double *coords = atlas_geometry_get_coords (geometry);
  const guint *offsets = atlas_geometry_get_ring_offsets (geometry);
  g_autofree double *ring = g_new (double, 2 * (gsize) MAX (atlas_geometry_get_n_points (geometry), 1));

  for (guint r = 0; r < atlas_geometry_get_n_rings (geometry); r++)
    {
      guint n = offsets[r + 1] - offsets[r];

      for (guint i = 0; i < n; i++)
        atlas_mercator_from_lonlat (coords[2 * (offsets[r] + i)], coords[2 * (offsets[r] + i) + 1],
                                    &ring[2 * i], &ring[2 * i + 1]);
      if (n > 0)
        append_ring (cr, ring, NULL, n, frame);
    }
}

static void
set_color (cairo_t          *cr,
           const AtlasColor *color,
           double            alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

/* Object lifecycle */

static void
layer_clear (Layer *layer)
{
  g_clear_object (&layer->division);
  g_clear_pointer (&layer->projection, projection_unref);
  g_clear_pointer (&layer->mask, g_free);
}

static void
clear_basemap_projections (AtlasMapRenderer *self)
{
  for (guint i = 0; i < ATLAS_BASEMAP_N_LAYERS; i++)
    g_clear_pointer (&self->basemap_layers[i], projection_unref);
  g_clear_pointer (&self->home_country, g_free);
}

static void
atlas_map_renderer_dispose (GObject *object)
{
  AtlasMapRenderer *self = ATLAS_MAP_RENDERER (object);

  layer_clear (&self->choropleth);
  layer_clear (&self->outer);
  layer_clear (&self->inner);
  clear_basemap_projections (self);
  g_clear_object (&self->basemap);
  g_clear_object (&self->hover);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_object (&self->compare_a);
  g_clear_object (&self->compare_b);
  g_clear_object (&self->region);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->palette, atlas_palette_unref);

  G_OBJECT_CLASS (atlas_map_renderer_parent_class)->dispose (object);
}

static void
atlas_map_renderer_finalize (GObject *object)
{
  AtlasMapRenderer *self = ATLAS_MAP_RENDERER (object);

  g_clear_pointer (&self->hatch, cairo_pattern_destroy);
  g_free (self->order);
  g_free (self->bucket_starts);

  G_OBJECT_CLASS (atlas_map_renderer_parent_class)->finalize (object);
}

static void
atlas_map_renderer_class_init (AtlasMapRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_map_renderer_dispose;
  object_class->finalize = atlas_map_renderer_finalize;
}

static void
atlas_map_renderer_init (AtlasMapRenderer *self)
{
  self->style = ATLAS_MAP_STYLE_LIGHT;
  self->clip_to_parent = TRUE;
}

/**
 * atlas_map_renderer_new:
 *
 * Returns: (transfer full): a renderer with the light style and nothing
 *   to draw
 */
AtlasMapRenderer *
atlas_map_renderer_new (void)
{
  return g_object_new (ATLAS_TYPE_MAP_RENDERER, NULL);
}

void
atlas_map_renderer_set_style (AtlasMapRenderer *self,
                              AtlasMapStyle     style)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (style <= ATLAS_MAP_STYLE_HIGH_CONTRAST);

  if (self->style == style)
    return;
  self->style = style;
  g_clear_pointer (&self->hatch, cairo_pattern_destroy);
}

AtlasMapStyle
atlas_map_renderer_get_style (AtlasMapRenderer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_RENDERER (self), ATLAS_MAP_STYLE_LIGHT);

  return self->style;
}

/* Basemap */

static void
find_home_country (AtlasMapRenderer *self)
{
  guint n = atlas_basemap_get_n_features (self->basemap, ATLAS_BASEMAP_COUNTRY);

  self->home_country = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const char *name = atlas_basemap_get_feature_name (self->basemap, ATLAS_BASEMAP_COUNTRY, i);

      self->home_country[i] = name != NULL && g_ascii_strcasecmp (name, HOME_COUNTRY) == 0;
    }
}

/* Projections are kept with the data they project (a division, the
 * basemap) and shared: the tile source, the map layer and every figure
 * reuse one projection of the basemap's 300,000 points. Renderers in
 * other threads (exports) may ask at the same time. */
static GMutex projection_lock;

static Projection *
dup_basemap_projection (AtlasBasemap      *basemap,
                        AtlasBasemapLayer  layer)
{
  char key[64];
  Projection *projection;

  g_snprintf (key, sizeof key, "atlas-map-renderer-basemap-%u", (guint) layer);
  g_mutex_lock (&projection_lock);
  projection = g_object_get_data (G_OBJECT (basemap), key);
  if (projection == NULL)
    {
      BasemapSource source = { basemap, layer };

      /* Basemap rings are not nested across features: even-odd fills are
       * right and orienting thousands of islands is costly. Country
       * borders are stroked and lakes (which share no borders) filled
       * simplified, by rank; land is filled exactly. */
      projection = projection_new (atlas_basemap_get_n_features (basemap, layer),
                                   get_basemap_geometry, &source, FALSE,
                                   layer != ATLAS_BASEMAP_LAND);
      g_object_set_data_full (G_OBJECT (basemap), key, projection,
                              (GDestroyNotify) projection_unref);
    }
  projection = g_atomic_rc_box_acquire (projection);
  g_mutex_unlock (&projection_lock);

  return projection;
}

/**
 * atlas_map_renderer_set_basemap:
 * @self: a renderer
 * @basemap: (nullable): the background map, or %NULL for sea colour only
 *
 * Projects the basemap at once (or reuses the projection another renderer
 * made of the same basemap), so that later draw_basemap() calls only read
 * immutable data. draw_choropleth() also draws the basemap's larger lakes
 * over the fills.
 */
void
atlas_map_renderer_set_basemap (AtlasMapRenderer *self,
                                AtlasBasemap     *basemap)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (basemap == NULL || ATLAS_IS_BASEMAP (basemap));

  if (!g_set_object (&self->basemap, basemap))
    return;

  clear_basemap_projections (self);
  if (basemap == NULL)
    return;

  for (guint i = 0; i < ATLAS_BASEMAP_N_LAYERS; i++)
    self->basemap_layers[i] = dup_basemap_projection (basemap, i);
  find_home_country (self);
}

/* Layers and region */

/* A division's projection (with its outline simplification ranks) is made
 * when the division is first drawn, then kept with the division: switching
 * levels back and forth, the highlighter, figures and exports all reuse it.
 * Renderers in other threads (exports) may ask at the same time. */
#define PROJECTION_KEY "atlas-map-renderer-projection"

static Projection *
dup_division_projection (AtlasDivision *division)
{
  guint n_areas = atlas_division_get_n_areas (division);
  Projection *projection;

  g_mutex_lock (&projection_lock);
  projection = g_object_get_data (G_OBJECT (division), PROJECTION_KEY);
  if (projection == NULL || projection->n_features != n_areas)
    {
      projection = projection_new (n_areas, get_area_geometry, division, TRUE, TRUE);
      g_object_set_data_full (G_OBJECT (division), PROJECTION_KEY, projection,
                              (GDestroyNotify) projection_unref);
    }
  projection = g_atomic_rc_box_acquire (projection);
  g_mutex_unlock (&projection_lock);

  return projection;
}

static gboolean
in_region (AtlasMapRenderer *self,
           AtlasArea        *area)
{
  const char *region_id;

  if (self->region == NULL)
    return TRUE;
  region_id = atlas_division_get_id (atlas_area_get_division (self->region));
  return atlas_area_get_ancestor (area, region_id) == self->region;
}

/* The region, and for the choropleth the filter's visible areas. */
static void
update_mask (AtlasMapRenderer *self,
             Layer            *layer)
{
  gboolean filtered;
  guint n;

  g_clear_pointer (&layer->mask, g_free);
  if (layer->division == NULL)
    return;
  n = layer->projection->n_features;
  filtered = layer == &self->choropleth && self->visible != NULL && self->n_visible == n;
  if (self->region == NULL && !filtered)
    return;

  layer->mask = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    layer->mask[i] = in_region (self, atlas_division_get_area (layer->division, i)) &&
                     (!filtered || self->visible[i]);
}

/* Returns whether the projection had to change. */
static gboolean
layer_set_division (AtlasMapRenderer *self,
                    Layer            *layer,
                    AtlasDivision    *division)
{
  Projection *projection;

  if (division == layer->division &&
      (division == NULL || layer->projection->n_features == atlas_division_get_n_areas (division)))
    return FALSE;

  projection = division != NULL ? dup_division_projection (division) : NULL;
  if (division != NULL)
    g_object_ref (division);
  layer_clear (layer);
  layer->division = division;
  layer->projection = projection;
  update_mask (self, layer);
  return TRUE;
}

void
atlas_map_renderer_set_context_divisions (AtlasMapRenderer *self,
                                          AtlasDivision    *outer,
                                          AtlasDivision    *inner)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (outer == NULL || ATLAS_IS_DIVISION (outer));
  g_return_if_fail (inner == NULL || ATLAS_IS_DIVISION (inner));

  layer_set_division (self, &self->outer, outer);
  layer_set_division (self, &self->inner, inner);
}

/* The bucket an area's class falls in: 0 for missing. Out-of-range
 * classes show as missing rather than a wrong colour. */
static guint
bucket_of (int   c,
           guint n_colors)
{
  return c < 0 || (guint) c >= n_colors ? 0 : (guint) c + 1;
}

/* Counting sort of the areas by class: each fill then walks one bucket. */
static void
build_buckets (AtlasMapRenderer *self,
               const int        *classes,
               guint             n_areas)
{
  guint n_colors = self->palette != NULL ? atlas_palette_get_n_colors (self->palette) : 0;
  g_autofree guint *fill = NULL;

  g_free (self->order);
  g_free (self->bucket_starts);
  self->n_buckets = n_colors + 1;
  self->order = g_new (guint, MAX (n_areas, 1));
  self->bucket_starts = g_new0 (guint, self->n_buckets + 1);

  for (guint i = 0; i < n_areas; i++)
    self->bucket_starts[bucket_of (classes[i], n_colors) + 1]++;
  for (guint b = 1; b <= self->n_buckets; b++)
    self->bucket_starts[b] += self->bucket_starts[b - 1];

  fill = g_memdup2 (self->bucket_starts, sizeof (guint) * (self->n_buckets + 1));
  for (guint i = 0; i < n_areas; i++)
    self->order[fill[bucket_of (classes[i], n_colors)]++] = i;
}

/**
 * atlas_map_renderer_set_choropleth:
 * @self: a renderer
 * @division: (nullable): the division to colour, or %NULL for none
 * @classes: (array) (nullable): a class index per area, -1 for missing
 * @palette: (nullable): the class colours
 *
 * The division's geometry is projected on the first call for it and reused
 * while the same division is set again (another year or indicator).
 * Classes outside the palette are drawn as missing.
 */
void
atlas_map_renderer_set_choropleth (AtlasMapRenderer *self,
                                   AtlasDivision    *division,
                                   const int        *classes,
                                   AtlasPalette     *palette)
{
  guint n_areas;

  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (division == NULL || ATLAS_IS_DIVISION (division));
  g_return_if_fail (division == NULL || classes != NULL ||
                    atlas_division_get_n_areas (division) == 0);

  layer_set_division (self, &self->choropleth, division);
  if (palette != NULL)
    atlas_palette_ref (palette);
  g_clear_pointer (&self->palette, atlas_palette_unref);
  self->palette = palette;

  n_areas = division != NULL ? atlas_division_get_n_areas (division) : 0;
  build_buckets (self, classes, n_areas);
}

void
atlas_map_renderer_set_hover (AtlasMapRenderer *self,
                              AtlasArea        *area)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (area == NULL || ATLAS_IS_AREA (area));

  g_set_object (&self->hover, area);
}

void
atlas_map_renderer_set_selected (AtlasMapRenderer *self,
                                 AtlasArea        *area)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (area == NULL || ATLAS_IS_AREA (area));

  g_set_object (&self->selected, area);
}

/**
 * atlas_map_renderer_set_selection:
 * @areas: (element-type AtlasArea) (nullable): the areas, or NULL
 *
 * A selection of many areas (a brushed rectangle in the scatter plot),
 * outlined thinner than the selected area; @areas is copied.
 */
void
atlas_map_renderer_set_selection (AtlasMapRenderer *self,
                                  GPtrArray        *areas)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));

  g_clear_pointer (&self->selection, g_ptr_array_unref);
  if (areas == NULL || areas->len == 0)
    return;
  self->selection = g_ptr_array_new_full (areas->len, g_object_unref);
  for (guint i = 0; i < areas->len; i++)
    g_ptr_array_add (self->selection, g_object_ref (g_ptr_array_index (areas, i)));
}

void
atlas_map_renderer_set_compare (AtlasMapRenderer *self,
                                AtlasArea        *area_a,
                                AtlasArea        *area_b)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (area_a == NULL || ATLAS_IS_AREA (area_a));
  g_return_if_fail (area_b == NULL || ATLAS_IS_AREA (area_b));

  g_set_object (&self->compare_a, area_a);
  g_set_object (&self->compare_b, area_b);
}

/**
 * atlas_map_renderer_set_region:
 * @self: a renderer
 * @region: (nullable): the area to restrict drawing to, or %NULL
 *
 * Only areas whose ancestor at @region's level is @region (or @region
 * itself) are filled, outlined and hit-tested; the region's own outline is
 * drawn like a län border. Context areas above the region's level are
 * hidden.
 */
void
atlas_map_renderer_set_region (AtlasMapRenderer *self,
                               AtlasArea        *region)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (region == NULL || ATLAS_IS_AREA (region));

  if (!g_set_object (&self->region, region))
    return;
  update_mask (self, &self->choropleth);
  update_mask (self, &self->outer);
  update_mask (self, &self->inner);
}

/**
 * atlas_map_renderer_set_visible:
 * @self: a renderer
 * @visible: (array length=n_areas) (nullable): per area of the
 *   choropleth's division whether it is drawn, or %NULL for all
 * @n_areas: the division's number of areas
 *
 * Areas left out are neither filled, outlined nor hit-tested, like areas
 * outside the region. A mask for another division is ignored.
 */
void
atlas_map_renderer_set_visible (AtlasMapRenderer *self,
                                const gboolean   *visible,
                                guint             n_areas)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));

  g_clear_pointer (&self->visible, g_free);
  self->n_visible = 0;
  if (visible != NULL)
    {
      self->visible = g_new (guint8, MAX (n_areas, 1));
      for (guint i = 0; i < n_areas; i++)
        self->visible[i] = visible[i] != FALSE;
      self->n_visible = n_areas;
    }
  update_mask (self, &self->choropleth);
}

/* Drawing: basemap */

static void
append_projection (cairo_t          *cr,
                   const Projection *p,
                   const guint8     *skip,
                   const Frame      *frame,
                   AppendMode        mode)
{
  cairo_new_path (cr);
  for (guint f = 0; f < p->n_features; f++)
    {
      if ((skip == NULL || !skip[f]) && frame_sees (frame, p->bboxes + 4 * f))
        append_feature (cr, p, f, frame, mode);
    }
}

/* Lakes at least this many pixels (points in a PDF) across are drawn over
 * the fills: SCB's area polygons include their lakes, and Vänern painted
 * in a kommun's colour would weigh like land. Smaller lakes would only
 * speckle the fills; they stay in the basemap, visible outside the areas. */
#define LAKE_OVER_FILLS_MIN_PX 12.0
/* In the basemap, lakes smaller than this are left out: specks that cost
 * as much to write into a PDF as the rest of the map. */
#define LAKE_MIN_PX 2.0

static void
append_lakes (AtlasMapRenderer *self,
              cairo_t          *cr,
              const Frame      *frame,
              double            min_px)
{
  const Projection *lakes = self->basemap_layers[ATLAS_BASEMAP_LAKE];
  const double min_size = min_px * frame->pixel / frame->scale;

  cairo_new_path (cr);
  for (guint f = 0; lakes != NULL && f < lakes->n_features; f++)
    {
      const double *bb = lakes->bboxes + 4 * f;

      if ((bb[2] - bb[0] >= min_size || bb[3] - bb[1] >= min_size) && frame_sees (frame, bb))
        append_feature (cr, lakes, f, frame, APPEND_FILL_SIMPLIFIED);
    }
}

static void
fill_lakes (AtlasMapRenderer *self,
            cairo_t          *cr,
            const Frame      *frame)
{
  if (self->basemap_layers[ATLAS_BASEMAP_LAKE] == NULL)
    return;
  append_lakes (self, cr, frame, LAKE_OVER_FILLS_MIN_PX);
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_color (cr, &styles[self->style].sea, 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * atlas_map_renderer_draw_basemap:
 * @self: a renderer
 * @cr: where to draw; its clip narrows what is drawn (a tile)
 * @view: the view
 *
 * Sea, land, neighbouring countries (a darker land colour), lakes and
 * country borders in the current style. Reads only data fixed by
 * set_basemap() and set_style(), so a tile source may call it from a worker
 * thread as long as those are not called meanwhile.
 */
void
atlas_map_renderer_draw_basemap (AtlasMapRenderer   *self,
                                 cairo_t            *cr,
                                 const AtlasMapView *view)
{
  const Style *style;
  Frame frame;

  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (cr != NULL && view != NULL && view->scale > 0.0);

  style = &styles[self->style];
  cairo_save (cr);
  set_color (cr, &style->sea, 1.0);
  cairo_paint (cr);
  if (self->basemap != NULL)
    {
      frame_init (&frame, cr, view);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      append_projection (cr, self->basemap_layers[ATLAS_BASEMAP_LAND], NULL, &frame, APPEND_FILL);
      set_color (cr, &style->land, 1.0);
      cairo_fill (cr);
      append_projection (cr, self->basemap_layers[ATLAS_BASEMAP_COUNTRY], self->home_country, &frame, APPEND_FILL);
      set_color (cr, &style->neighbour, 1.0);
      cairo_fill (cr);
      append_lakes (self, cr, &frame, LAKE_MIN_PX);
      set_color (cr, &style->sea, 1.0);
      cairo_fill (cr);
      append_projection (cr, self->basemap_layers[ATLAS_BASEMAP_COUNTRY], NULL, &frame, APPEND_STROKE);
      set_color (cr, &style->country_border, 1.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_set_line_width (cr, 0.7 * style->border_width);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Drawing: choropleth */

static cairo_pattern_t *
create_hatch (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, HATCH_SIZE, HATCH_SIZE);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *pattern;
  AtlasColor missing;

  atlas_palette_get_missing_color (&missing);
  set_color (cr, &missing, 1.0);
  cairo_paint (cr);
  /* A darker shade of the same grey keeps missing areas neutral. */
  cairo_set_source_rgb (cr, missing.red * 0.72, missing.green * 0.72, missing.blue * 0.72);
  cairo_set_line_width (cr, 1.5);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (cr, k * HATCH_SIZE - 1, HATCH_SIZE + 1);
      cairo_line_to (cr, (k + 1) * HATCH_SIZE + 1, -1);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (surface);
  return pattern;
}

static void
append_bucket (AtlasMapRenderer *self,
               cairo_t          *cr,
               guint             bucket,
               const Frame      *frame)
{
  const Projection *p = self->choropleth.projection;

  cairo_new_path (cr);
  for (guint k = self->bucket_starts[bucket]; k < self->bucket_starts[bucket + 1]; k++)
    {
      guint f = self->order[k];

      if (layer_shows (&self->choropleth, f, frame))
        append_feature (cr, p, f, frame, APPEND_FILL_WITH_DOTS);
    }
}

static void
fill_classes (AtlasMapRenderer *self,
              cairo_t          *cr,
              const Frame      *frame)
{
  /* When areas are a few pixels across, antialiasing only blurs them and
   * costs two thirds of the frame; their edges are then snapped pixel
   * edges, and the context borders drawn on top stay smooth. */
  if (self->choropleth.projection->median_size * frame->scale < ALIASED_MEDIAN_PX * frame->pixel)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  for (guint b = 1; b < self->n_buckets; b++)
    {
      append_bucket (self, cr, b, frame);
      set_color (cr, atlas_palette_get_color (self->palette, b - 1), 1.0);
      cairo_fill (cr);
    }

  if (self->bucket_starts[1] > 0)
    {
      if (self->hatch == NULL)
        self->hatch = create_hatch ();
      append_bucket (self, cr, 0, frame);
      cairo_set_source (cr, self->hatch);
      cairo_fill (cr);
    }
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
}

static void
stroke_layer (cairo_t          *cr,
              const Layer      *layer,
              const Frame      *frame,
              const AtlasColor *color,
              double            alpha,
              double            width)
{
  if (layer->division == NULL)
    return;

  cairo_new_path (cr);
  for (guint f = 0; f < layer->projection->n_features; f++)
    {
      if (layer_shows (layer, f, frame))
        append_feature (cr, layer->projection, f, frame, APPEND_STROKE);
    }
  set_color (cr, color, alpha);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* The cached, simplified rings when the area belongs to a division on
 * show; projected on the fly otherwise. A highlighted area too small to
 * see becomes a small circle so that it can still be found. */
static void
append_area (AtlasMapRenderer *self,
             cairo_t          *cr,
             AtlasArea        *area,
             const Frame      *frame)
{
  const Layer *layers[] = { &self->choropleth, &self->inner, &self->outer };
  AtlasDivision *division = atlas_area_get_division (area);
  guint index = atlas_area_get_index (area);
  AtlasGeometry *geometry = atlas_area_get_geometry (area);
  const AtlasBBox *lonlat = atlas_geometry_get_bbox (geometry);
  double bb[4];

  atlas_mercator_from_lonlat (lonlat->min_x, lonlat->max_y, &bb[0], &bb[1]);
  atlas_mercator_from_lonlat (lonlat->max_x, lonlat->min_y, &bb[2], &bb[3]);
  if (!frame_sees (frame, bb))
    return;
  if (frame_below_pixel (frame, bb))
    {
      cairo_arc (cr, (bb[0] + bb[2]) / 2.0 * frame->scale + frame->offset_x,
                 (bb[1] + bb[3]) / 2.0 * frame->scale + frame->offset_y,
                 2.0 * frame->pixel, 0.0, 2.0 * G_PI);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      if (layers[i]->division == division && division != NULL &&
          index < layers[i]->projection->n_features)
        {
          append_feature (cr, layers[i]->projection, index, frame, APPEND_STROKE);
          return;
        }
    }
  append_geometry (cr, geometry, frame);
}

static void
stroke_area (AtlasMapRenderer *self,
             cairo_t          *cr,
             AtlasArea        *area,
             const Frame      *frame,
             const AtlasColor *color,
             double            width)
{
  const Style *style = &styles[self->style];

  if (area == NULL || atlas_area_get_geometry (area) == NULL || !in_region (self, area))
    return;

  cairo_new_path (cr);
  append_area (self, cr, area, frame);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* A halo keeps the outline visible over any class colour. */
  set_color (cr, &style->halo, 0.9);
  cairo_set_line_width (cr, width + 3.0);
  cairo_stroke_preserve (cr);
  set_color (cr, color, 1.0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_badge (cairo_t          *cr,
            AtlasArea        *area,
            const Frame      *frame,
            const Style      *style,
            const AtlasColor *color,
            const char       *letter)
{
  AtlasGeometry *geometry = area != NULL ? atlas_area_get_geometry (area) : NULL;
  cairo_text_extents_t extents;
  double lon, lat, x, y;

  if (geometry == NULL)
    return;

  atlas_geometry_get_label_point (geometry, &lon, &lat);
  atlas_mercator_from_lonlat (lon, lat, &x, &y);
  x = x * frame->scale + frame->offset_x;
  y = y * frame->scale + frame->offset_y;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, 10.0, 0.0, 2.0 * G_PI);
  set_color (cr, color, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &style->halo, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 13.0);
  cairo_text_extents (cr, letter, &extents);
  cairo_move_to (cr, x - extents.x_bearing - extents.width / 2.0,
                 y - extents.y_bearing - extents.height / 2.0);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_show_text (cr, letter);
}

static void
draw_area_outlines (AtlasMapRenderer *self,
                    cairo_t          *cr,
                    const Frame      *frame)
{
  const Style *style = &styles[self->style];
  const Layer *chor = &self->choropleth;

  if (chor->projection->median_size * frame->scale >= OUTLINE_MIN_MEDIAN_PX * frame->pixel)
    stroke_layer (cr, chor, frame, &style->area_outline, style->area_outline_alpha, 0.5);
}

/* Class fills, the larger lakes over them, then the areas' outlines (which
 * stay visible across a lake, where kommun borders run through it). */
static void
draw_areas (AtlasMapRenderer *self,
            cairo_t          *cr,
            const Frame      *frame)
{
  fill_classes (self, cr, frame);
  fill_lakes (self, cr, frame);
  draw_area_outlines (self, cr, frame);
}

static void
draw_outlines (AtlasMapRenderer *self,
               cairo_t          *cr,
               const Frame      *frame)
{
  const Style *style = &styles[self->style];

  stroke_layer (cr, &self->inner, frame, &style->inner_border, 0.8, 0.6 * style->border_width);
  stroke_layer (cr, &self->outer, frame, &style->outer_border, 0.9, 1.4 * style->border_width);
  if (self->region != NULL && atlas_area_get_geometry (self->region) != NULL)
    {
      cairo_new_path (cr);
      append_area (self, cr, self->region, frame);
      set_color (cr, &style->outer_border, 1.0);
      cairo_set_line_width (cr, 1.6 * style->border_width);
      cairo_stroke (cr);
    }
}

/* One path for the whole selection: hundreds of brushed areas cost two
 * strokes, not two each. */
static void
stroke_selection (AtlasMapRenderer *self,
                  cairo_t          *cr,
                  const Frame      *frame)
{
  const Style *style = &styles[self->style];

  if (self->selection == NULL)
    return;
  cairo_new_path (cr);
  for (guint i = 0; i < self->selection->len; i++)
    {
      AtlasArea *area = g_ptr_array_index (self->selection, i);

      if (atlas_area_get_geometry (area) != NULL && in_region (self, area))
        append_area (self, cr, area, frame);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_color (cr, &style->halo, 0.8);
  cairo_set_line_width (cr, 4.0);
  cairo_stroke_preserve (cr);
  set_color (cr, &style->selected, 1.0);
  cairo_set_line_width (cr, 1.8);
  cairo_stroke (cr);
}

static void
draw_highlights (AtlasMapRenderer *self,
                 cairo_t          *cr,
                 const Frame      *frame)
{
  const Style *style = &styles[self->style];

  stroke_selection (self, cr, frame);
  stroke_area (self, cr, self->hover, frame, &style->hover, 2.5);
  stroke_area (self, cr, self->selected, frame, &style->selected, 3.5);
  stroke_area (self, cr, self->compare_a, frame, &style->compare_a, 3.0);
  stroke_area (self, cr, self->compare_b, frame, &style->compare_b, 3.0);
  if (self->compare_a != NULL && in_region (self, self->compare_a))
    draw_badge (cr, self->compare_a, frame, style, &style->compare_a, "A");
  if (self->compare_b != NULL && in_region (self, self->compare_b))
    draw_badge (cr, self->compare_b, frame, style, &style->compare_b, "B");
}

/* The context layer just above the choropleth's level (kommun for DeSO),
 * whose outlines the fills must stay within. */
static const Layer *
parent_layer (AtlasMapRenderer *self)
{
  guint depth = atlas_division_get_depth (self->choropleth.division);
  const Layer *candidates[] = { &self->inner, &self->outer };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i]->division != NULL && candidates[i]->division != self->choropleth.division
        && atlas_division_get_depth (candidates[i]->division) < depth)
      return candidates[i];
  return NULL;
}

/* Sub-areas are clipped by their parents' outlines: packages combine
 * borders of different sources and generalisations, so a DeSO may reach
 * into the sea or over the kommun border. One clip path of the parents
 * in view (with the region's mask: just the region) is cheap next to the
 * fills. */
static void
clip_to_parents (AtlasMapRenderer *self,
                 cairo_t          *cr,
                 const Frame      *frame)
{
  const Layer *parent = parent_layer (self);

  cairo_new_path (cr);
  for (guint f = 0; f < parent->projection->n_features; f++)
    if (layer_shows (parent, f, frame))
      append_feature (cr, parent->projection, f, frame, APPEND_FILL);
  cairo_clip (cr);
}

/* Labels on screen: as many names as fit inside their areas, and the
 * selected and compared areas always (beside them when they are small). */
#define LABEL_FONT_PX 12.0
#define LABEL_MAX 150

static void
draw_labels (AtlasMapRenderer   *self,
             cairo_t            *cr,
             const AtlasMapView *view)
{
  AtlasArea *forced[4] = { NULL };
  AtlasLabelOptions options = { "Sans", LABEL_FONT_PX, NULL, NULL, forced, FALSE, LABEL_MAX, NULL };
  AtlasArea *marked[] = { self->selected, self->compare_a, self->compare_b };
  AtlasDivision *division = self->choropleth.division;
  g_autoptr(GArray) placed = NULL;
  g_autofree guint8 *none = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (marked); i++)
    if (marked[i] != NULL && atlas_area_get_geometry (marked[i]) != NULL && in_region (self, marked[i]))
      forced[n++] = marked[i];
  if (division == NULL)
    {
      /* Only the marked areas (the app's highlight layer). */
      if (n == 0)
        return;
      division = atlas_area_get_division (forced[0]);
      none = g_new0 (guint8, MAX (atlas_division_get_n_areas (division), 1));
      options.shown = none;
      options.max_labels = 0;
    }
  else
    options.shown = self->choropleth.mask;
  placed = atlas_labels_place (cr, view, division, &options);
  atlas_labels_draw (cr, placed, &options, self->style == ATLAS_MAP_STYLE_DARK);
}

/**
 * atlas_map_renderer_set_labels:
 * @self: a renderer
 * @labels: whether draw_choropleth() names the areas (off by default)
 */
void
atlas_map_renderer_set_labels (AtlasMapRenderer *self,
                               gboolean          labels)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));

  self->labels = !!labels;
}

/**
 * atlas_map_renderer_set_clip_to_parent:
 * @self: a renderer
 * @clip: whether fills stay within the outlines of the context level just
 *   above the choropleth (kommun borders for DeSO and RegSO, län borders
 *   for kommuner); on by default
 */
void
atlas_map_renderer_set_clip_to_parent (AtlasMapRenderer *self,
                                       gboolean          clip)
{
  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));

  self->clip_to_parent = !!clip;
}

/**
 * atlas_map_renderer_draw_choropleth:
 * @self: a renderer
 * @cr: where to draw; the surface is not cleared first
 * @view: the view
 *
 * The choropleth, the basemap's larger lakes over its fills (when a
 * basemap is set), context borders and highlights over whatever @cr holds.
 */
void
atlas_map_renderer_draw_choropleth (AtlasMapRenderer   *self,
                                    cairo_t            *cr,
                                    const AtlasMapView *view)
{
  Frame frame;

  g_return_if_fail (ATLAS_IS_MAP_RENDERER (self));
  g_return_if_fail (cr != NULL && view != NULL && view->scale > 0.0);

  frame_init (&frame, cr, view);
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  /* Round joins cost an arc per vertex: only the few thick highlight
   * outlines get them; at border widths bevels look the same. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  if (self->choropleth.division != NULL)
    {
      if (self->clip_to_parent && parent_layer (self) != NULL)
        {
          cairo_pattern_t *fills;

          /* Fills and outlines are drawn unclipped into a group that is
           * then painted once through the clip: one masked composite
           * instead of one per class. */
          cairo_push_group (cr);
          draw_areas (self, cr, &frame);
          fills = cairo_pop_group (cr);
          cairo_save (cr);
          clip_to_parents (self, cr, &frame);
          cairo_set_source (cr, fills);
          cairo_paint (cr);
          cairo_restore (cr);
          cairo_pattern_destroy (fills);
        }
      else
        draw_areas (self, cr, &frame);
    }
  draw_outlines (self, cr, &frame);
  draw_highlights (self, cr, &frame);
  if (self->labels)
    draw_labels (self, cr, view);
  cairo_restore (cr);
}

void
atlas_map_renderer_draw (AtlasMapRenderer   *self,
                         cairo_t            *cr,
                         const AtlasMapView *view)
{
  atlas_map_renderer_draw_basemap (self, cr, view);
  atlas_map_renderer_draw_choropleth (self, cr, view);
}

/* Hit-testing */

static gboolean
feature_contains (const Projection *p,
                  guint             f,
                  double            x,
                  double            y)
{
  gboolean inside = FALSE;

  for (guint r = p->feature_rings[f]; r < p->feature_rings[f + 1]; r++)
    {
      if (bbox_contains (p->ring_bboxes + 4 * r, x, y) &&
          atlas_ring_contains (p->coords + 2 * p->ring_starts[r],
                               p->ring_starts[r + 1] - p->ring_starts[r], x, y))
        inside = !inside;
    }
  return inside;
}

/**
 * atlas_map_renderer_area_at:
 * @self: a renderer
 * @view: the view the point is in
 * @px: x in view pixels
 * @py: y in view pixels
 *
 * Tests the cached Mercator polygons, honouring the region.
 *
 * Returns: (transfer none) (nullable): the choropleth area at the point
 */
AtlasArea *
atlas_map_renderer_area_at (AtlasMapRenderer   *self,
                            const AtlasMapView *view,
                            double              px,
                            double              py)
{
  const Layer *layer;
  double x, y;

  g_return_val_if_fail (ATLAS_IS_MAP_RENDERER (self), NULL);
  g_return_val_if_fail (view != NULL && view->scale > 0.0, NULL);

  layer = &self->choropleth;
  if (layer->division == NULL)
    return NULL;

  x = view->center_x + (px - view->width / 2.0) / view->scale;
  y = view->center_y + (py - view->height / 2.0) / view->scale;
  for (guint f = 0; f < layer->projection->n_features; f++)
    {
      if ((layer->mask == NULL || layer->mask[f]) &&
          bbox_contains (layer->projection->bboxes + 4 * f, x, y) &&
          feature_contains (layer->projection, f, x, y))
        return atlas_division_get_area (layer->division, f);
    }
  return NULL;
}

gsize
atlas_map_renderer_get_cache_bytes (AtlasMapRenderer *self)
{
  Layer *layers[] = { &self->choropleth, &self->outer, &self->inner };
  gsize bytes = 0;

  g_return_val_if_fail (ATLAS_IS_MAP_RENDERER (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      gboolean shared = FALSE;

      for (guint j = 0; j < i; j++)
        shared |= layers[j]->projection == layers[i]->projection;
      if (layers[i]->projection != NULL && !shared)
        bytes += projection_get_bytes (layers[i]->projection);
    }
  for (guint i = 0; i < ATLAS_BASEMAP_N_LAYERS; i++)
    {
      if (self->basemap_layers[i] != NULL)
        bytes += projection_get_bytes (self->basemap_layers[i]);
    }
  return bytes;
}
