/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Map redraw benchmark: prints one JSON object per line and asserts
 * nothing about timings.
 *
 * map-redraw: full_redraw_ms is atlas_map_renderer_draw_choropleth() on the
 * view that frames all polygons at 1280×800 (median of RUNS, after one
 * warm-up frame that builds the projection cache); bare_fill_ms is plain
 * cairo on the same surface: every polygon's pre-projected vertices, one
 * fill per polygon, no batching, culling or vertex dropping; pan_frame_ms
 * is what a pan frame costs in the app, where the map layer composites its
 * cached choropleth image at an offset and the renderer draws nothing.
 *
 * map-memory: bytes_per_1000_areas is the renderer's projection cache
 * (atlas_map_renderer_get_cache_bytes(), counted from its arrays) plus the
 * AtlasGeometry data, estimated from point and ring counts as 16 bytes a
 * point, 4 a ring offset and GEOMETRY_OVERHEAD for the struct and bbox.
 *
 * basemap: load_ms is atlas_basemap_load_default() (what the app's worker
 * thread and every figure export pay once), project_ms is
 * atlas_map_renderer_set_basemap(), and sweden_ms / tile_ms are
 * draw_basemap() of Sweden at 1280×800 and of one 256 px tile over
 * Stockholm at zoom 12 (medians of RUNS); features counts each layer.
 * kommun_ms / kommun_lakes_ms are draw_choropleth() of sverige-kommuner's
 * 290 kommuner framed whole at 1280×800, without and with the basemap set
 * on the renderer (with it, the larger lakes are drawn over the fills). */
#include <math.h>

#include "atlas-core.h"
#include "bench-util.h"
#include "atlas-map-renderer-private.h"

#define WIDTH 1280
#define HEIGHT 800
#define RUNS 7
#define PAN_RUNS 21
#define N_CLASSES 7
#define GEOMETRY_OVERHEAD 64
/* Points added inside each cell edge: 4 corners + 4 × 6 + closing = 29. */
#define EDGE_POINTS 6

static const AtlasBBox sweden = { 11.0, 55.3, 24.2, 69.1 };

typedef struct
{
  guint   n_polygons;
  double *coords;      /* projected user-space x, y */
  guint  *ring_starts;
  guint  *polygon_rings;
  guint   n_rings;
} BarePaths;

static guint32
hash32 (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  x ^= x >> 16;
  return x;
}

/* Deterministic noise in [-1, 1]. */
static double
noise (guint32 a,
       guint32 b)
{
  return hash32 (a * 0x9e3779b9u ^ hash32 (b)) / (double) G_MAXUINT32 * 2.0 - 1.0;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Synthetic division */

typedef struct
{
  guint  cols;
  guint  rows;
  double cell_w;
  double cell_h;
} Grid;

static void
grid_vertex (const Grid *grid,
             guint       i,
             guint       j,
             double     *lon,
             double     *lat)
{
  guint32 id = j * (grid->cols + 1) + i;
  gboolean inner = i > 0 && j > 0 && i < grid->cols && j < grid->rows;
  double jitter = inner ? 0.25 : 0.0;

  *lon = sweden.min_x + (i + jitter * noise (id, 1)) * grid->cell_w;
  *lat = sweden.min_y + (j + jitter * noise (id, 2)) * grid->cell_h;
}

/* The wobbly points of one grid edge, always from its lower-index end so
 * that the two cells sharing it get identical borders. */
static void
edge_points (const Grid *grid,
             guint       i,
             guint       j,
             gboolean    vertical,
             double     *out)
{
  guint32 id = 2 * (j * (grid->cols + 1) + i) + vertical;
  double x0, y0, x1, y1;

  grid_vertex (grid, i, j, &x0, &y0);
  grid_vertex (grid, vertical ? i : i + 1, vertical ? j + 1 : j, &x1, &y1);
  for (guint k = 0; k < EDGE_POINTS; k++)
    {
      double t = (k + 1.0) / (EDGE_POINTS + 1.0);
      double wobble = 0.12 * sin (G_PI * t) * noise (id, k + 3);

      out[2 * k] = x0 + t * (x1 - x0) - wobble * (y1 - y0);
      out[2 * k + 1] = y0 + t * (y1 - y0) + wobble * (x1 - x0);
    }
}

static guint
append_edge (double     *ring,
             guint       n,
             const Grid *grid,
             guint       i,
             guint       j,
             gboolean    vertical,
             gboolean    reversed,
             double      corner_lon,
             double      corner_lat)
{
  double points[2 * EDGE_POINTS];

  ring[2 * n] = corner_lon;
  ring[2 * n + 1] = corner_lat;
  n++;
  edge_points (grid, i, j, vertical, points);
  for (guint k = 0; k < EDGE_POINTS; k++)
    {
      guint src = reversed ? EDGE_POINTS - 1 - k : k;

      ring[2 * n] = points[2 * src];
      ring[2 * n + 1] = points[2 * src + 1];
      n++;
    }
  return n;
}

static AtlasGeometry *
cell_geometry (const Grid *grid,
               guint       i,
               guint       j)
{
  double ring[2 * (4 * (EDGE_POINTS + 1) + 1)];
  double corners[4][2];
  guint offsets[2] = { 0, 0 };
  guint n = 0;

  grid_vertex (grid, i, j, &corners[0][0], &corners[0][1]);
  grid_vertex (grid, i + 1, j, &corners[1][0], &corners[1][1]);
  grid_vertex (grid, i + 1, j + 1, &corners[2][0], &corners[2][1]);
  grid_vertex (grid, i, j + 1, &corners[3][0], &corners[3][1]);
  n = append_edge (ring, n, grid, i, j, FALSE, FALSE, corners[0][0], corners[0][1]);
  n = append_edge (ring, n, grid, i + 1, j, TRUE, FALSE, corners[1][0], corners[1][1]);
  n = append_edge (ring, n, grid, i, j + 1, FALSE, TRUE, corners[2][0], corners[2][1]);
  n = append_edge (ring, n, grid, i, j, TRUE, TRUE, corners[3][0], corners[3][1]);
  ring[2 * n] = corners[0][0];
  ring[2 * n + 1] = corners[0][1];
  offsets[1] = ++n;
  return atlas_geometry_new (ring, n, offsets, 1);
}

/* A jittered grid over Sweden's bbox with cells about square on screen. */
static AtlasDivision *
synthetic_division (guint  n_polygons,
                    int  **classes)
{
  AtlasText name = { "Syntetisk", "Synthetic" };
  AtlasDivision *division = atlas_division_new ("synthetic", &name, NULL, NULL, TRUE, NULL);
  double x0, y0, x1, y1;
  Grid grid;

  atlas_mercator_from_lonlat (sweden.min_x, sweden.max_y, &x0, &y0);
  atlas_mercator_from_lonlat (sweden.max_x, sweden.min_y, &x1, &y1);
  grid.rows = MAX (1, (guint) round (sqrt (n_polygons * (y1 - y0) / (x1 - x0))));
  grid.cols = (n_polygons + grid.rows - 1) / grid.rows;
  grid.cell_w = (sweden.max_x - sweden.min_x) / grid.cols;
  grid.cell_h = (sweden.max_y - sweden.min_y) / grid.rows;

  *classes = g_new (int, n_polygons);
  for (guint k = 0; k < n_polygons; k++)
    {
      g_autoptr(AtlasGeometry) geometry = cell_geometry (&grid, k % grid.cols, k / grid.cols);
      g_autofree char *code = g_strdup_printf ("S%06u", k);
      g_autoptr(AtlasArea) area = atlas_area_new (division, k, code, NULL, geometry);

      atlas_division_add_area (division, area);
      (*classes)[k] = hash32 (k) % N_CLASSES;
    }
  return division;
}

/* Bare cairo reference */

static void
bare_paths_init (BarePaths          *bare,
                 AtlasDivision      *division,
                 const AtlasMapView *view)
{
  GArray *coords = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *rings = g_array_new (FALSE, TRUE, sizeof (guint));
  guint zero = 0;

  bare->n_polygons = atlas_division_get_n_areas (division);
  bare->polygon_rings = g_new0 (guint, bare->n_polygons + 1);
  g_array_append_val (rings, zero);
  for (guint f = 0; f < bare->n_polygons; f++)
    {
      AtlasGeometry *geometry = atlas_area_get_geometry (atlas_division_get_area (division, f));
      const double *c = geometry != NULL ? atlas_geometry_get_coords (geometry) : NULL;
      const guint *offsets = geometry != NULL ? atlas_geometry_get_ring_offsets (geometry) : NULL;
      guint n_rings = geometry != NULL ? atlas_geometry_get_n_rings (geometry) : 0;

      for (guint r = 0; r < n_rings; r++)
        {
          for (guint i = offsets[r]; i < offsets[r + 1]; i++)
            {
              double xy[2];

              atlas_mercator_from_lonlat (c[2 * i], c[2 * i + 1], &xy[0], &xy[1]);
              xy[0] = (xy[0] - view->center_x) * view->scale + view->width / 2.0;
              xy[1] = (xy[1] - view->center_y) * view->scale + view->height / 2.0;
              g_array_append_vals (coords, xy, 2);
            }
          g_array_append_vals (rings, &(guint) { coords->len / 2 }, 1);
        }
      bare->polygon_rings[f + 1] = rings->len - 1;
    }
  bare->n_rings = rings->len - 1;
  bare->coords = (double *) g_array_free (coords, FALSE);
  bare->ring_starts = (guint *) g_array_free (rings, FALSE);
}

static void
bare_paths_clear (BarePaths *bare)
{
  g_free (bare->coords);
  g_free (bare->ring_starts);
  g_free (bare->polygon_rings);
}

static void
bare_fill (cairo_t         *cr,
           const BarePaths *bare,
           const int       *classes,
           AtlasPalette    *palette)
{
  AtlasColor missing;

  atlas_palette_get_missing_color (&missing);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint f = 0; f < bare->n_polygons; f++)
    {
      const AtlasColor *color = classes[f] >= 0 ? atlas_palette_get_color (palette, classes[f]) : &missing;

      for (guint r = bare->polygon_rings[f]; r < bare->polygon_rings[f + 1]; r++)
        {
          const double *c = bare->coords + 2 * bare->ring_starts[r];

          cairo_move_to (cr, c[0], c[1]);
          for (guint i = 1; i < bare->ring_starts[r + 1] - bare->ring_starts[r]; i++)
            cairo_line_to (cr, c[2 * i], c[2 * i + 1]);
          cairo_close_path (cr);
        }
      cairo_set_source_rgb (cr, color->red, color->green, color->blue);
      cairo_fill (cr);
    }
}

/* Timing */

static void
clear_surface (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static double
time_renderer (AtlasMapRenderer   *renderer,
               cairo_surface_t    *surface,
               const AtlasMapView *view)
{
  cairo_t *cr;
  double start;

  clear_surface (surface);
  start = now_ms ();
  cr = cairo_create (surface);
  atlas_map_renderer_draw_choropleth (renderer, cr, view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return now_ms () - start;
}

static double
time_bare (const BarePaths *bare,
           cairo_surface_t *surface,
           const int       *classes,
           AtlasPalette    *palette)
{
  cairo_t *cr;
  double start;

  clear_surface (surface);
  start = now_ms ();
  cr = cairo_create (surface);
  bare_fill (cr, bare, classes, palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return now_ms () - start;
}

static double
time_pan (cairo_surface_t *cached,
          cairo_surface_t *target,
          guint            run)
{
  cairo_t *cr;
  double start;

  /* The basemap tiles are already there: composite over opaque pixels. */
  cr = cairo_create (target);
  cairo_set_source_rgb (cr, 0.8, 0.85, 0.9);
  cairo_paint (cr);
  cairo_destroy (cr);
  start = now_ms ();
  cr = cairo_create (target);
  cairo_set_source_surface (cr, cached, 3.0 * run - 30.0, 2.0 * run - 20.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);
  return now_ms () - start;
}

static gsize
geometry_bytes (AtlasDivision *division)
{
  gsize bytes = 0;

  for (guint f = 0; f < atlas_division_get_n_areas (division); f++)
    {
      AtlasGeometry *geometry = atlas_area_get_geometry (atlas_division_get_area (division, f));

      if (geometry != NULL)
        bytes += 2 * sizeof (double) * atlas_geometry_get_n_points (geometry)
                 + sizeof (guint) * (atlas_geometry_get_n_rings (geometry) + 1)
                 + GEOMETRY_OVERHEAD;
    }
  return bytes;
}

static void
bench_division (const char    *name,
                AtlasDivision *division,
                const int     *classes,
                AtlasPalette  *palette)
{
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double full[RUNS], bare_ms[RUNS], pan[PAN_RUNS];
  double first, full_ms, bare_median, pan_ms;
  guint n = atlas_division_get_n_areas (division);
  BarePaths bare;
  AtlasMapView view;

  atlas_map_view_fit_bbox (&view, atlas_division_get_bbox (division), WIDTH, HEIGHT, 16.0);
  bare_paths_init (&bare, division, &view);

  first = now_ms ();
  atlas_map_renderer_set_choropleth (renderer, division, classes, palette);
  first = time_renderer (renderer, surface, &view) + (now_ms () - first);
  for (guint i = 0; i < bench_runs (RUNS); i++)
    {
      bare_ms[i] = time_bare (&bare, surface, classes, palette);
      full[i] = time_renderer (renderer, surface, &view);
    }
  for (guint i = 0; i < bench_runs (PAN_RUNS); i++)
    pan[i] = time_pan (surface, target, i);

  full_ms = bench_median (full, bench_runs (RUNS));
  bare_median = bench_median (bare_ms, bench_runs (RUNS));
  pan_ms = bench_median (pan, bench_runs (PAN_RUNS));
  g_print ("{\"bench\":\"map-redraw\",\"case\":\"%s\",\"polygons\":%u,\"zoom\":%.2f,"
           "\"first_frame_ms\":%.2f,\"full_redraw_ms\":%.2f,\"bare_fill_ms\":%.2f,"
           "\"ratio\":%.3f,\"pan_frame_ms\":%.2f,\"target_ratio\":1.5,\"target_pan_ms\":20}\n",
           name, n, atlas_map_view_get_zoom (&view, 256), first, full_ms, bare_median,
           full_ms / bare_median, pan_ms);
  g_print ("{\"bench\":\"map-memory\",\"case\":\"%s\",\"polygons\":%u,\"bytes_per_1000_areas\":%.0f}\n",
           name, n,
           (atlas_map_renderer_get_cache_bytes (renderer) + geometry_bytes (division)) * 1000.0 / MAX (n, 1));

  if (g_getenv ("PLATSATLAS_BENCH_PNG") != NULL)
    {
      g_autofree char *png = g_strdup_printf ("%s/bench-map-%s.png", g_getenv ("PLATSATLAS_BENCH_PNG"), name);

      time_renderer (renderer, surface, &view);
      cairo_surface_write_to_png (surface, png);
    }

  bare_paths_clear (&bare);
  cairo_surface_destroy (target);
  cairo_surface_destroy (surface);
}

static void
print_skipped (const char *name,
               const char *reason)
{
  g_autofree char *escaped = bench_json_escape (reason);

  g_print ("{\"bench\":\"map-redraw\",\"case\":\"%s\",\"skipped\":\"%s\"}\n", name, escaped);
}

/* Synthetic classes on real geometry: the cost is in the polygons. */
static void
bench_uppsala (AtlasPalette *palette)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "datasets", "uppsala-lan", NULL);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree int *classes = NULL;
  AtlasDivision *deso;
  guint n;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *reason = g_strdup_printf ("%s does not exist", path);

      print_skipped ("uppsala-deso", reason);
      return;
    }
  dataset = atlas_dataset_load (path, NULL, &error);
  if (dataset == NULL)
    {
      print_skipped ("uppsala-deso", error->message);
      return;
    }
  deso = atlas_dataset_lookup_division (dataset, "deso");
  if (deso == NULL)
    {
      print_skipped ("uppsala-deso", "the package has no division \"deso\"");
      return;
    }

  n = atlas_division_get_n_areas (deso);
  classes = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    classes[i] = hash32 (i) % N_CLASSES;
  bench_division ("uppsala-deso", deso, classes, palette);
}

static void
bench_synthetic (guint         n_polygons,
                 AtlasPalette *palette)
{
  g_autofree int *classes = NULL;
  g_autoptr(AtlasDivision) division = synthetic_division (n_polygons, &classes);
  g_autofree char *name = g_strdup_printf ("synthetic-%u", n_polygons);

  bench_division (name, division, classes, palette);
}

static double
time_basemap (AtlasMapRenderer   *renderer,
              cairo_surface_t    *surface,
              const AtlasMapView *view)
{
  double times[RUNS];
  guint runs = bench_runs (RUNS);

  for (guint r = 0; r < runs; r++)
    {
      cairo_t *cr = cairo_create (surface);
      double start = now_ms ();

      atlas_map_renderer_draw_basemap (renderer, cr, view);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[r] = now_ms () - start;
    }
  return bench_median (times, runs);
}

static double
time_choropleth (AtlasMapRenderer   *renderer,
                 cairo_surface_t    *surface,
                 const AtlasMapView *view)
{
  double times[RUNS];
  guint runs = bench_runs (RUNS);

  time_renderer (renderer, surface, view);
  for (guint r = 0; r < runs; r++)
    times[r] = time_renderer (renderer, surface, view);
  return bench_median (times, runs);
}

/* Kommun fills without and with the lakes over them, in ms; FALSE when
 * the package is not there. */
static gboolean
time_kommun_lakes (AtlasBasemap    *basemap,
                   AtlasPalette    *palette,
                   cairo_surface_t *surface,
                   double          *without,
                   double          *with)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "datasets", "sverige-kommuner", NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  g_autofree int *classes = NULL;
  AtlasDivision *kommun;
  AtlasMapView view;
  guint n;

  kommun = dataset != NULL ? atlas_dataset_lookup_division (dataset, "kommun") : NULL;
  if (kommun == NULL)
    return FALSE;
  n = atlas_division_get_n_areas (kommun);
  classes = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    classes[i] = hash32 (i) % N_CLASSES;
  atlas_map_view_fit_bbox (&view, atlas_division_get_bbox (kommun), WIDTH, HEIGHT, 16.0);
  atlas_map_renderer_set_choropleth (renderer, kommun, classes, palette);
  *without = time_choropleth (renderer, surface, &view);
  atlas_map_renderer_set_basemap (renderer, basemap);
  *with = time_choropleth (renderer, surface, &view);
  return TRUE;
}

static void
bench_basemap (AtlasPalette *palette)
{
  g_autoptr(AtlasBasemap) basemap = NULL;
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *screen, *tile;
  AtlasMapView view, tile_view;
  g_autofree char *kommun = NULL;
  double start, load_ms, project_ms, kommun_ms, kommun_lakes_ms, x, y;

  start = now_ms ();
  basemap = atlas_basemap_load_default (NULL, &error);
  load_ms = now_ms () - start;
  if (basemap == NULL)
    {
      g_autofree char *escaped = bench_json_escape (error->message);

      g_print ("{\"bench\":\"basemap\",\"skipped\":\"%s\"}\n", escaped);
      return;
    }
  start = now_ms ();
  atlas_map_renderer_set_basemap (renderer, basemap);
  project_ms = now_ms () - start;

  screen = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  atlas_map_view_fit_bbox (&view, &sweden, WIDTH, HEIGHT, 20.0);
  atlas_mercator_from_lonlat (18.07, 59.33, &x, &y);
  tile_view = (AtlasMapView) { floor (x * 4096.0) / 4096.0 + 0.5 / 4096.0,
                               floor (y * 4096.0) / 4096.0 + 0.5 / 4096.0,
                               256.0 * 4096.0, 256.0, 256.0 };
  kommun = time_kommun_lakes (basemap, palette, screen, &kommun_ms, &kommun_lakes_ms)
           ? g_strdup_printf ("\"kommun_ms\":%.1f,\"kommun_lakes_ms\":%.1f,", kommun_ms, kommun_lakes_ms)
           : g_strdup ("");
  g_print ("{\"bench\":\"basemap\",\"load_ms\":%.1f,\"project_ms\":%.1f,"
           "\"sweden_ms\":%.1f,\"tile_ms\":%.2f,%s"
           "\"features\":{\"land\":%u,\"countries\":%u,\"lakes\":%u}}\n",
           load_ms, project_ms, time_basemap (renderer, screen, &view),
           time_basemap (renderer, tile, &tile_view), kommun,
           atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_LAND),
           atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_COUNTRY),
           atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_LAKE));
  cairo_surface_destroy (tile);
  cairo_surface_destroy (screen);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AtlasPalette) palette = NULL;
  g_autoptr(GError) error = NULL;

  palette = atlas_palette_new ("YlGnBu", N_CLASSES, FALSE, &error);
  if (palette == NULL)
    {
      g_printerr ("bench-map: %s\n", error->message);
      return 1;
    }

  bench_basemap (palette);
  bench_uppsala (palette);
  bench_synthetic (6200, palette);
  bench_synthetic (50000, palette);
  return 0;
}
