/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>

#include "atlas-core.h"

#define WIDTH 400
#define HEIGHT 200

/* Three 1° squares side by side at 59–60° N, classes 0, 1 and missing;
 * two kommuner above them: K1 holds A and B, K2 holds C. */
typedef struct
{
  AtlasDivision    *kommun;
  AtlasDivision    *division;
  AtlasPalette     *palette;
  AtlasMapRenderer *renderer;
  AtlasMapView      view;
} Fixture;

static const int classes[] = { 0, 1, -1 };

static AtlasGeometry *
rectangle (double lon0,
           double lat0,
           double lon1,
           double lat1)
{
  const double coords[] = { lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0 };
  const guint offsets[] = { 0, 5 };

  return atlas_geometry_new (coords, 5, offsets, 1);
}

static AtlasArea *
add_square (AtlasDivision *division,
            const char    *code,
            double         lon0,
            double         lon1)
{
  g_autoptr(AtlasGeometry) geometry = rectangle (lon0, 59.0, lon1, 60.0);
  guint index = atlas_division_get_n_areas (division);
  g_autoptr(AtlasArea) area = atlas_area_new (division, index, code, code, geometry);

  atlas_division_add_area (division, area);
  return area;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasText kommun_name = { "Kommun", "Municipality" };
  AtlasText area_name = { "Område", "Area" };
  const AtlasBBox bbox = { 14.0, 58.5, 19.0, 60.5 };
  AtlasArea *k1, *k2;
  g_autoptr(GError) error = NULL;

  fixture->kommun = atlas_division_new ("kommun", &kommun_name, NULL, NULL, TRUE, NULL);
  k1 = add_square (fixture->kommun, "K1", 15.0, 17.0);
  k2 = add_square (fixture->kommun, "K2", 17.0, 18.0);

  fixture->division = atlas_division_new ("omrade", &area_name, NULL, fixture->kommun, TRUE, NULL);
  atlas_area_set_parent (add_square (fixture->division, "A", 15.0, 16.0), k1);
  atlas_area_set_parent (add_square (fixture->division, "B", 16.0, 17.0), k1);
  atlas_area_set_parent (add_square (fixture->division, "C", 17.0, 18.0), k2);

  fixture->palette = atlas_palette_new ("Blues", 3, FALSE, &error);
  g_assert_no_error (error);
  fixture->renderer = atlas_map_renderer_new ();
  atlas_map_renderer_set_choropleth (fixture->renderer, fixture->division, classes, fixture->palette);
  atlas_map_view_fit_bbox (&fixture->view, &bbox, WIDTH, HEIGHT, 0.0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->renderer);
  g_clear_pointer (&fixture->palette, atlas_palette_unref);
  g_assert_finalize_object (fixture->division);
  g_assert_finalize_object (fixture->kommun);
}

static void
lonlat_to_pixel (const AtlasMapView *view,
                 double              lon,
                 double              lat,
                 double             *px,
                 double             *py)
{
  double x, y;

  atlas_mercator_from_lonlat (lon, lat, &x, &y);
  *px = (x - view->center_x) * view->scale + view->width / 2.0;
  *py = (y - view->center_y) * view->scale + view->height / 2.0;
}

/* Premultiplied ARGB32 → 0xAARRGGBB, good enough for opaque pixels. */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
}

static guint32
pixel_at_lonlat (cairo_surface_t    *surface,
                 const AtlasMapView *view,
                 double              lon,
                 double              lat)
{
  double px, py;

  lonlat_to_pixel (view, lon, lat, &px, &py);
  return pixel_at (surface, (int) px, (int) py);
}

static guint32
color_to_pixel (const AtlasColor *color)
{
  return 0xff000000u |
         (guint32) lround (color->red * 255.0) << 16 |
         (guint32) lround (color->green * 255.0) << 8 |
         (guint32) lround (color->blue * 255.0);
}

static void
assert_pixel_near (guint32 actual,
                   guint32 expected)
{
  for (int shift = 0; shift < 32; shift += 8)
    g_assert_cmpint (abs ((int) ((actual >> shift) & 0xff) - (int) ((expected >> shift) & 0xff)), <=, 2);
}

static gboolean
pixel_is_grey (guint32 pixel)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return (pixel >> 24) == 0xff && abs (r - g) <= 3 && abs (g - b) <= 3 && r > 40 && r < 240;
}

static cairo_surface_t *
render (Fixture  *fixture,
        gboolean  with_basemap)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  if (with_basemap)
    atlas_map_renderer_draw (fixture->renderer, cr, &fixture->view);
  else
    atlas_map_renderer_draw_choropleth (fixture->renderer, cr, &fixture->view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
draw_basemap_on (AtlasMapRenderer   *renderer,
                 cairo_surface_t    *surface,
                 const AtlasMapView *view)
{
  cairo_t *cr = cairo_create (surface);

  atlas_map_renderer_draw_basemap (renderer, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}

static void
test_mercator_round_trip (void)
{
  const double points[][2] = { { 0, 0 }, { 18.07, 59.33 }, { -122.4, 37.8 }, { 179.9, -70.0 } };
  double x, y, lon, lat;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      atlas_mercator_from_lonlat (points[i][0], points[i][1], &x, &y);
      g_assert_cmpfloat (x, >=, 0.0);
      g_assert_cmpfloat (x, <=, 1.0);
      atlas_mercator_to_lonlat (x, y, &lon, &lat);
      g_assert_cmpfloat_with_epsilon (lon, points[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-9);
    }

  atlas_mercator_from_lonlat (0.0, 0.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);

  /* Latitudes beyond Web Mercator's square are clamped to its edge. */
  atlas_mercator_from_lonlat (0.0, 89.9, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-6);
  atlas_mercator_to_lonlat (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lat, 85.0511, 1e-3);
}

static void
test_fit_bbox (void)
{
  const AtlasBBox bbox = { 10.9, 55.3, 24.2, 69.1 };
  AtlasMapView view;
  double px, py;

  atlas_map_view_fit_bbox (&view, &bbox, 1280, 800, 20);
  g_assert_cmpfloat (view.width, ==, 1280);
  g_assert_cmpfloat (view.height, ==, 800);

  lonlat_to_pixel (&view, bbox.min_x, bbox.max_y, &px, &py);
  g_assert_cmpfloat (px, >=, 20.0 - 1e-6);
  g_assert_cmpfloat (py, >=, 20.0 - 1e-6);
  lonlat_to_pixel (&view, bbox.max_x, bbox.min_y, &px, &py);
  g_assert_cmpfloat (px, <=, 1260.0 + 1e-6);
  g_assert_cmpfloat (py, <=, 780.0 + 1e-6);
  /* Sweden is tall: it fills the height, not the width. */
  g_assert_cmpfloat_with_epsilon (py, 780.0, 1e-6);

  view.scale = 256.0 * 32.0;
  g_assert_cmpfloat_with_epsilon (atlas_map_view_get_zoom (&view, 256), 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_map_view_get_zoom (&view, 512), 4.0, 1e-12);
}

static void
test_class_colors (Fixture       *fixture,
                   gconstpointer  data)
{
  cairo_surface_t *surface = render (fixture, FALSE);
  guint32 missing_a, missing_b;
  gboolean hatched = FALSE;
  double px, py;

  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 0)));
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 16.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 1)));

  /* Missing is grey with darker diagonal stripes: two greys within a few
   * pixels of each other. */
  lonlat_to_pixel (&fixture->view, 17.5, 59.5, &px, &py);
  missing_a = pixel_at (surface, px, py);
  g_assert_true (pixel_is_grey (missing_a));
  for (int dx = 1; dx < 8; dx++)
    {
      missing_b = pixel_at (surface, px + dx, py);
      g_assert_true (pixel_is_grey (missing_b));
      hatched |= missing_b != missing_a;
    }
  g_assert_true (hatched);

  /* Outside the areas the choropleth leaves the surface untouched. */
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 14.5, 59.5), ==, 0);
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 16.5, 58.7), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_area_at (Fixture       *fixture,
              gconstpointer  data)
{
  const char *codes[] = { "A", "B", "C" };
  double px, py;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      AtlasArea *area;

      lonlat_to_pixel (&fixture->view, 15.5 + i, 59.5, &px, &py);
      area = atlas_map_renderer_area_at (fixture->renderer, &fixture->view, px, py);
      g_assert_nonnull (area);
      g_assert_cmpstr (atlas_area_get_code (area), ==, codes[i]);
    }

  lonlat_to_pixel (&fixture->view, 14.5, 59.5, &px, &py);
  g_assert_null (atlas_map_renderer_area_at (fixture->renderer, &fixture->view, px, py));
  lonlat_to_pixel (&fixture->view, 16.5, 60.2, &px, &py);
  g_assert_null (atlas_map_renderer_area_at (fixture->renderer, &fixture->view, px, py));
}

/* An area filter's mask: B is left out, neither filled nor hit. */
static void
test_visible (Fixture       *fixture,
              gconstpointer  data)
{
  const gboolean visible[] = { TRUE, FALSE, TRUE };
  cairo_surface_t *surface;
  double px, py;

  atlas_map_renderer_set_visible (fixture->renderer, visible, G_N_ELEMENTS (visible));
  surface = render (fixture, FALSE);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 0)));
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 16.5, 59.5), ==, 0);
  lonlat_to_pixel (&fixture->view, 16.5, 59.5, &px, &py);
  g_assert_null (atlas_map_renderer_area_at (fixture->renderer, &fixture->view, px, py));
  cairo_surface_destroy (surface);

  atlas_map_renderer_set_visible (fixture->renderer, NULL, 0);
  surface = render (fixture, FALSE);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 16.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 1)));
  cairo_surface_destroy (surface);
}

static void
test_region (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasArea *k1 = atlas_division_lookup_area (fixture->kommun, "K1");
  cairo_surface_t *surface;
  double px, py;

  atlas_map_renderer_set_region (fixture->renderer, k1);
  surface = render (fixture, FALSE);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 0)));
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 17.5, 59.5), ==, 0);
  lonlat_to_pixel (&fixture->view, 17.5, 59.5, &px, &py);
  g_assert_null (atlas_map_renderer_area_at (fixture->renderer, &fixture->view, px, py));
  cairo_surface_destroy (surface);

  atlas_map_renderer_set_region (fixture->renderer, NULL);
  surface = render (fixture, FALSE);
  g_assert_true (pixel_is_grey (pixel_at_lonlat (surface, &fixture->view, 17.5, 59.5)));
  cairo_surface_destroy (surface);
}

static void
test_highlights (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasArea *b = atlas_division_lookup_area (fixture->division, "B");
  cairo_surface_t *plain = render (fixture, FALSE);
  cairo_surface_t *hovered;
  double px, py;

  /* The top edge of B, in the middle: only the hover outline changes it. */
  lonlat_to_pixel (&fixture->view, 16.5, 60.0, &px, &py);
  atlas_map_renderer_set_hover (fixture->renderer, b);
  hovered = render (fixture, FALSE);
  g_assert_cmpuint (pixel_at (plain, px, py), !=, pixel_at (hovered, px, py));
  cairo_surface_destroy (hovered);

  atlas_map_renderer_set_hover (fixture->renderer, NULL);
  hovered = render (fixture, FALSE);
  g_assert_cmpuint (pixel_at (plain, px, py), ==, pixel_at (hovered, px, py));
  cairo_surface_destroy (hovered);
  cairo_surface_destroy (plain);
}

static void
test_change_division (Fixture       *fixture,
                      gconstpointer  data)
{
  const int kommun_classes[] = { 2, -1 };
  cairo_surface_t *surface;

  atlas_map_renderer_set_choropleth (fixture->renderer, fixture->kommun, kommun_classes, fixture->palette);
  surface = render (fixture, FALSE);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 2)));
  cairo_surface_destroy (surface);

  atlas_map_renderer_set_choropleth (fixture->renderer, NULL, NULL, NULL);
  surface = render (fixture, FALSE);
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5), ==, 0);
  cairo_surface_destroy (surface);
}

/* An area far below a pixel is still drawn, as one pixel of its colour. */
static void
test_tiny_area (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasText name = { "Liten", "Tiny" };
  g_autoptr(AtlasDivision) tiny = atlas_division_new ("tiny", &name, NULL, NULL, TRUE, NULL);
  g_autoptr(AtlasGeometry) geometry = rectangle (16.5, 59.5, 16.5001, 59.5001);
  g_autoptr(AtlasArea) area = atlas_area_new (tiny, 0, "T", NULL, geometry);
  const int tiny_classes[] = { 2 };
  guint32 expected = color_to_pixel (atlas_palette_get_color (fixture->palette, 2));
  cairo_surface_t *surface;
  gboolean found = FALSE;
  double px, py;

  atlas_division_add_area (tiny, area);
  atlas_map_renderer_set_choropleth (fixture->renderer, tiny, tiny_classes, fixture->palette);
  surface = render (fixture, FALSE);
  lonlat_to_pixel (&fixture->view, 16.50005, 59.50005, &px, &py);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      found |= pixel_at (surface, px + dx, py + dy) == expected;
  g_assert_true (found);
  g_assert_cmpuint (pixel_at (surface, px + 3, py), ==, 0);
  cairo_surface_destroy (surface);

  atlas_map_renderer_set_choropleth (fixture->renderer, NULL, NULL, NULL);
}

/* GDAL detects formats by content, so GeoJSON text under the .gpkg names
 * exercises the same loader without a GeoPackage writer in the test. */
static void
write_layer (const char *directory,
             const char *file,
             const char *layer,
             const char *name,
             const char *ring)
{
  g_autofree char *path = g_build_filename (directory, file, NULL);
  g_autofree char *json = g_strdup_printf (
    "{ \"type\": \"FeatureCollection\", \"name\": \"%s\", \"features\": [ "
    "{ \"type\": \"Feature\", \"properties\": { \"name\": \"%s\" }, "
    "\"geometry\": { \"type\": \"Polygon\", \"coordinates\": [ %s ] } } ] }",
    layer, name, ring);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

static char *
make_basemap_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *directory = g_dir_make_tmp ("platsatlas-basemap-XXXXXX", &error);

  g_assert_no_error (error);
  write_layer (directory, "land.gpkg", "land", "land",
               "[ [10, 55], [20, 55], [20, 60.2], [10, 60.2], [10, 55] ]");
  write_layer (directory, "countries.gpkg", "countries", "Norway",
               "[ [10, 58], [13.5, 58], [13.5, 62], [10, 62], [10, 58] ]");
  return directory;
}

static void
remove_basemap_dir (const char *directory)
{
  const char *files[] = { "land.gpkg", "countries.gpkg", "lakes.gpkg" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (directory, files[i], NULL);

      g_remove (path);
    }
  g_rmdir (directory);
}

static void
test_basemap (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *directory = make_basemap_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasBasemap) basemap = atlas_basemap_load (directory, NULL, &error);
  cairo_surface_t *sea_only, *surface;
  guint32 sea, land;

  g_assert_no_error (error);
  g_assert_cmpuint (atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_LAND), ==, 1);
  g_assert_cmpuint (atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_COUNTRY), ==, 1);
  g_assert_cmpuint (atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_LAKE), ==, 0);
  g_assert_cmpstr (atlas_basemap_get_feature_name (basemap, ATLAS_BASEMAP_COUNTRY, 0), ==, "Norway");
  /* The extent holds the land and the country, and no more */
  {
    AtlasBBox extent, both;

    g_assert_true (atlas_basemap_get_extent (basemap, &extent));
    atlas_bbox_init_empty (&both);
    atlas_bbox_union (&both, atlas_geometry_get_bbox (atlas_basemap_get_feature (basemap, ATLAS_BASEMAP_LAND, 0)));
    atlas_bbox_union (&both, atlas_geometry_get_bbox (atlas_basemap_get_feature (basemap, ATLAS_BASEMAP_COUNTRY, 0)));
    g_assert_cmpfloat (extent.min_x, ==, both.min_x);
    g_assert_cmpfloat (extent.max_x, ==, both.max_x);
    g_assert_cmpfloat (extent.min_y, ==, both.min_y);
    g_assert_cmpfloat (extent.max_y, ==, both.max_y);
  }

  sea_only = render (fixture, TRUE);
  sea = pixel_at (sea_only, 0, 0);
  atlas_map_renderer_set_basemap (fixture->renderer, basemap);
  surface = render (fixture, TRUE);

  land = pixel_at_lonlat (surface, &fixture->view, 18.5, 59.5);
  g_assert_cmpuint (land >> 24, ==, 0xff);
  g_assert_cmpuint (land, !=, sea);
  /* Neighbouring countries are set apart from the home country's land. */
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 14.3, 59.5), ==, land);
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 13.0, 59.5), !=, land);
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 13.0, 59.5), !=, sea);
  /* Sea north of the land polygon, and the choropleth drawn on top. */
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 16.0, 60.4), ==, sea);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5),
                     color_to_pixel (atlas_palette_get_color (fixture->palette, 0)));

  cairo_surface_destroy (surface);
  cairo_surface_destroy (sea_only);
  remove_basemap_dir (directory);
}

/* A lake of 0.4° (about 32 px in the fixture's view) in area A with an
 * island in it, and a lake of 0.02° (under 2 px) in area B. */
static void
test_lakes_over_fills (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *directory = make_basemap_dir ();
  g_autofree char *lakes = g_build_filename (directory, "lakes.gpkg", NULL);
  g_autofree char *json = g_strdup_printf (
    "{ \"type\": \"FeatureCollection\", \"name\": \"lakes\", \"features\": [ "
    "{ \"type\": \"Feature\", \"properties\": {}, \"geometry\": { \"type\": \"Polygon\", "
    "\"coordinates\": [ [ [15.3, 59.3], [15.7, 59.3], [15.7, 59.7], [15.3, 59.7], [15.3, 59.3] ], "
    "[ [15.45, 59.45], [15.55, 59.45], [15.55, 59.55], [15.45, 59.55], [15.45, 59.45] ] ] } }, "
    "{ \"type\": \"Feature\", \"properties\": {}, \"geometry\": { \"type\": \"Polygon\", "
    "\"coordinates\": [ [ [16.5, 59.5], [16.52, 59.5], [16.52, 59.51], [16.5, 59.51], [16.5, 59.5] ] ] } } ] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasBasemap) basemap = NULL;
  guint32 sea, class0, class1;
  cairo_surface_t *surface;
  double px, py;

  g_file_set_contents (lakes, json, -1, &error);
  g_assert_no_error (error);
  basemap = atlas_basemap_load (directory, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_LAKE), ==, 2);

  /* Without a basemap the fills cover the lake. */
  surface = render (fixture, TRUE);
  sea = pixel_at (surface, 0, 0);
  class0 = color_to_pixel (atlas_palette_get_color (fixture->palette, 0));
  class1 = color_to_pixel (atlas_palette_get_color (fixture->palette, 1));
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.35, 59.4), class0);
  cairo_surface_destroy (surface);

  atlas_map_renderer_set_basemap (fixture->renderer, basemap);
  surface = render (fixture, TRUE);
  /* The large lake is water over area A's fill, its island is A again,
   * and A's land around it keeps its colour. */
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 15.35, 59.4), ==, sea);
  g_assert_cmpuint (pixel_at_lonlat (surface, &fixture->view, 15.65, 59.6), ==, sea);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.5, 59.5), class0);
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 15.1, 59.1), class0);
  /* The lake under 12 px stays under B's fill. */
  assert_pixel_near (pixel_at_lonlat (surface, &fixture->view, 16.51, 59.505), class1);
  cairo_surface_destroy (surface);

  /* Hovering and clicking still find the area under the lake. */
  lonlat_to_pixel (&fixture->view, 15.35, 59.4, &px, &py);
  g_assert_cmpstr (atlas_area_get_code (atlas_map_renderer_area_at (fixture->renderer, &fixture->view, px, py)),
                   ==, "A");

  atlas_map_renderer_set_basemap (fixture->renderer, NULL);
  remove_basemap_dir (directory);
}

/* The packaged basemap, drawn alone: Vänern is water, the land beside it
 * is not. */
static void
test_packaged_lakes (void)
{
  const AtlasBBox bbox = { 12.0, 58.2, 15.0, 59.6 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasBasemap) basemap = atlas_basemap_load_default (NULL, &error);
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  cairo_surface_t *sea_only, *surface;
  AtlasMapView view;
  guint32 sea, land;

  g_assert_no_error (error);
  g_assert_cmpuint (atlas_basemap_get_n_features (basemap, ATLAS_BASEMAP_LAKE), >, 1000);
  atlas_map_view_fit_bbox (&view, &bbox, 400, 300, 0.0);

  sea_only = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  draw_basemap_on (renderer, sea_only, &view);
  sea = pixel_at (sea_only, 200, 150);

  atlas_map_renderer_set_basemap (renderer, basemap);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  draw_basemap_on (renderer, surface, &view);
  /* Open water of Vänern (58.9 N, 13.3 E) and of Vättern (58.4 N, 14.6 E). */
  g_assert_cmpuint (pixel_at_lonlat (surface, &view, 13.3, 58.9), ==, sea);
  g_assert_cmpuint (pixel_at_lonlat (surface, &view, 14.6, 58.4), ==, sea);
  /* Land between them, near Skara (58.45 N, 13.5 E) and Hökensås
   * (58.3 N, 13.9 E), more than 0.03° from any lake in the file. */
  land = pixel_at_lonlat (surface, &view, 13.5, 58.45);
  g_assert_cmpuint (land >> 24, ==, 0xff);
  g_assert_cmpuint (land, !=, sea);
  g_assert_cmpuint (pixel_at_lonlat (surface, &view, 13.9, 58.3), ==, land);

  cairo_surface_destroy (surface);
  cairo_surface_destroy (sea_only);
}

static void
test_styles (Fixture       *fixture,
             gconstpointer  data)
{
  guint32 seas[3];

  for (AtlasMapStyle style = ATLAS_MAP_STYLE_LIGHT; style <= ATLAS_MAP_STYLE_HIGH_CONTRAST; style++)
    {
      cairo_surface_t *surface;

      atlas_map_renderer_set_style (fixture->renderer, style);
      g_assert_cmpint (atlas_map_renderer_get_style (fixture->renderer), ==, style);
      surface = render (fixture, TRUE);
      seas[style] = pixel_at (surface, 0, 0);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (seas[ATLAS_MAP_STYLE_LIGHT], !=, seas[ATLAS_MAP_STYLE_DARK]);
  g_assert_cmpuint (seas[ATLAS_MAP_STYLE_LIGHT], !=, seas[ATLAS_MAP_STYLE_HIGH_CONTRAST]);
}

static void
test_basemap_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("platsatlas-basemap-XXXXXX", &error);
  g_autofree char *land = g_build_filename (directory, "land.gpkg", NULL);
  g_autoptr(AtlasBasemap) basemap = NULL;

  g_assert_no_error (error);
  basemap = atlas_basemap_load (directory, NULL, &error);
  g_assert_null (basemap);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, land));
  g_clear_error (&error);

  /* A file that exists but is not vector data. */
  g_file_set_contents (land, "not a map", -1, &error);
  g_assert_no_error (error);
  basemap = atlas_basemap_load (directory, NULL, &error);
  g_assert_null (basemap);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_GEOMETRY);
  g_assert_nonnull (strstr (error->message, "land.gpkg"));

  g_remove (land);
  g_rmdir (directory);
}

static void
test_basemap_default_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasBasemap) basemap = NULL;

  g_setenv ("PLATSATLAS_BASEMAP_DIR", "/nonexistent/platsatlas-basemap", TRUE);
  basemap = atlas_basemap_load_default (NULL, &error);
  g_unsetenv ("PLATSATLAS_BASEMAP_DIR");
  g_assert_null (basemap);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/platsatlas-basemap/land.gpkg"));
}

#define ADD_FIXTURE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/mercator-round-trip", test_mercator_round_trip);
  g_test_add_func ("/renderer/fit-bbox", test_fit_bbox);
  ADD_FIXTURE_TEST ("/renderer/class-colors", test_class_colors);
  ADD_FIXTURE_TEST ("/renderer/area-at", test_area_at);
  ADD_FIXTURE_TEST ("/renderer/region", test_region);
  ADD_FIXTURE_TEST ("/renderer/visible", test_visible);
  ADD_FIXTURE_TEST ("/renderer/highlights", test_highlights);
  ADD_FIXTURE_TEST ("/renderer/change-division", test_change_division);
  ADD_FIXTURE_TEST ("/renderer/tiny-area", test_tiny_area);
  ADD_FIXTURE_TEST ("/renderer/basemap", test_basemap);
  ADD_FIXTURE_TEST ("/renderer/lakes-over-fills", test_lakes_over_fills);
  ADD_FIXTURE_TEST ("/renderer/styles", test_styles);
  g_test_add_func ("/renderer/packaged-lakes", test_packaged_lakes);
  g_test_add_func ("/renderer/basemap-missing-file", test_basemap_missing_file);
  g_test_add_func ("/renderer/basemap-default-env", test_basemap_default_env);

  return g_test_run ();
}
