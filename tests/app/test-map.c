/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_srs_api.h>

#include "app-test-util.h"
#include "atlas-legend.h"
#include "atlas-map.h"
#include "atlas-tile-source.h"

#define WINDOW_WIDTH 900
#define WINDOW_HEIGHT 700

typedef struct
{
  GtkWindow    *window;
  AtlasMap     *map;
  AtlasDataset *dataset;
  guint         n_frames;
} Fixture;

static gboolean
on_guard_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Fixture       *fixture)
{
  fixture->n_frames++;
}

/* Runs the main loop until at least one more frame has been painted and
 * the choropleth cache exists. The guard only turns a hang into a failure. */
static void
wait_for_frame (Fixture *fixture)
{
  AtlasMapLayer *layer = atlas_map_get_layer (fixture->map);
  guint frames = fixture->n_frames;
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (30, on_guard_timeout, &expired);

  gtk_widget_queue_draw (GTK_WIDGET (fixture->map));
  while (!expired && (fixture->n_frames <= frames || atlas_map_layer_get_n_cache_builds (layer) == 0))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (expired);
  g_source_remove (guard);
}

/* The basemap loads in a thread; its arrival redraws the choropleth (its
 * lakes go over the fills, and with the cairo renderer the basemap itself
 * is painted under them). */
static void
wait_for_basemap (Fixture *fixture)
{
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (30, on_guard_timeout, &expired);

  while (!expired && atlas_map_get_basemap (fixture->map) == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (expired);
  g_source_remove (guard);
  wait_for_frame (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GdkFrameClock *clock;

  /* Zooms jump to their target instead of animating over several frames. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, WINDOW_WIDTH, WINDOW_HEIGHT);
  fixture->map = ATLAS_MAP (atlas_map_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->map));
  gtk_window_present (fixture->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->map)))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->map));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->map));

  gboolean expired = FALSE;
  guint guard;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, fixture);
  g_object_add_weak_pointer (G_OBJECT (fixture->map), (gpointer *) &fixture->map);
  gtk_window_destroy (fixture->window);

  /* The map is freed once pending work (a basemap still loading) is done:
   * nothing keeps it alive for good. */
  guard = g_timeout_add_seconds (30, on_guard_timeout, &expired);
  while (fixture->map != NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (fixture->map);
  g_source_remove (guard);

  g_clear_object (&fixture->dataset);
}

static void
show (Fixture    *fixture,
      const char *dataset_id,
      const char *division_id,
      const char *indicator_id,
      guint       year)
{
  AtlasDivision *division;
  AtlasIndicator *indicator;

  if (dataset_id != NULL)
    {
      g_clear_object (&fixture->dataset);
      fixture->dataset = app_test_load_packaged (dataset_id);
      atlas_map_set_dataset (fixture->map, fixture->dataset);
    }
  division = atlas_dataset_lookup_division (fixture->dataset, division_id);
  indicator = atlas_dataset_lookup_indicator (fixture->dataset, indicator_id);
  g_assert_nonnull (division);
  g_assert_nonnull (indicator);

  atlas_map_set_division (fixture->map, division);
  atlas_map_set_indicator (fixture->map, indicator);
  atlas_map_set_year (fixture->map, year);
  wait_for_frame (fixture);
}

static AtlasArea *
area_at_lonlat (Fixture *fixture,
                double   lon,
                double   lat)
{
  double x, y;

  atlas_map_lonlat_to_widget (fixture->map, lon, lat, &x, &y);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (fixture->map)));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (fixture->map)));

  return atlas_map_area_at (fixture->map, x, y);
}

static void
assert_area_at (Fixture    *fixture,
                double      lon,
                double      lat,
                const char *code)
{
  AtlasArea *area = area_at_lonlat (fixture, lon, lat);

  g_assert_nonnull (area);
  g_assert_cmpstr (atlas_area_get_code (area), ==, code);
}

static void
test_area_at (Fixture       *fixture,
              gconstpointer  data)
{
  show (fixture, "sverige-kommuner", "kommun", "median_inkomst", 2020);

  /* The initial view frames the division: both cities are on screen. */
  assert_area_at (fixture, 17.639, 59.858, "0380");
  assert_area_at (fixture, 18.07, 59.33, "0180");
  /* The North Sea is no kommun. */
  g_assert_null (area_at_lonlat (fixture, 7.0, 57.0));

  /* After zooming to Uppsala the same point still hits it. */
  atlas_map_zoom_to_area (fixture->map, atlas_dataset_lookup_area (fixture->dataset, "0380"));
  wait_for_frame (fixture);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (atlas_map_get_viewport (fixture->map)), >, 6.0);
  assert_area_at (fixture, 17.639, 59.858, "0380");
}

static gboolean
classes_differ (AtlasMap      *map,
                AtlasDivision *division,
                const int     *before)
{
  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      if (atlas_map_get_area_class (map, atlas_division_get_area (division, i)) != before[i])
        return TRUE;
    }
  return FALSE;
}

static void
test_years (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AtlasClassBreaks) pooled_breaks = NULL;
  g_autoptr(AtlasClassBreaks) year_breaks = NULL;
  g_autofree int *before = NULL;
  AtlasDivision *division;
  guint n;

  show (fixture, "sverige-kommuner", "kommun", "median_inkomst", 2012);
  g_assert_true (atlas_classification_get_pooled (atlas_map_get_classification (fixture->map)));
  division = atlas_map_get_division (fixture->map);
  n = atlas_division_get_n_areas (division);
  g_assert_cmpuint (n, ==, 290);

  pooled_breaks = atlas_class_breaks_ref (atlas_map_get_breaks (fixture->map));
  before = g_new (int, n);
  for (guint i = 0; i < n; i++)
    before[i] = atlas_map_get_area_class (fixture->map, atlas_division_get_area (division, i));

  /* Pooled classes: incomes rose, so kommuner move up while the breaks
   * stay exactly the same. */
  atlas_map_set_year (fixture->map, 2022);
  wait_for_frame (fixture);
  g_assert_true (atlas_class_breaks_equal (pooled_breaks, atlas_map_get_breaks (fixture->map)));
  g_assert_true (classes_differ (fixture->map, division, before));

  /* The map and the CLI share atlas_class_breaks_for_dataset(). */
  year_breaks = atlas_class_breaks_for_dataset (fixture->dataset,
                                                atlas_map_get_indicator (fixture->map),
                                                division, 2022, TRUE,
                                                ATLAS_CLASS_METHOD_QUANTILE, 5, NULL);
  g_assert_true (atlas_class_breaks_equal (year_breaks, atlas_map_get_breaks (fixture->map)));

  /* Per-year classes follow the year. */
  atlas_classification_set_pooled (atlas_map_get_classification (fixture->map), FALSE);
  g_assert_false (atlas_class_breaks_equal (pooled_breaks, atlas_map_get_breaks (fixture->map)));
}

static void
test_levels (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasArea *uppsala_kommun;

  show (fixture, "sverige-kommuner", "kommun", "folkmangd", 2020);
  uppsala_kommun = atlas_dataset_lookup_area (fixture->dataset, "0380");
  g_assert_cmpint (atlas_map_get_area_class (fixture->map, uppsala_kommun), >=, 0);

  show (fixture, NULL, "lan", "folkmangd", 2020);
  g_assert_cmpstr (atlas_division_get_id (atlas_map_get_division (fixture->map)), ==, "lan");
  assert_area_at (fixture, 17.639, 59.858, "03");
  /* Kommuner are not drawn at län level. */
  g_assert_cmpint (atlas_map_get_area_class (fixture->map, uppsala_kommun), ==, -2);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasLegend *legend;
  AtlasArea *area;

  /* SCB's områdestyp exists for 2022 and 2023 only: 2011 is all hatched. */
  show (fixture, "uppsala-lan", "regso", "omradestyp", 2011);
  area = area_at_lonlat (fixture, 17.639, 59.858);
  g_assert_nonnull (area);
  g_assert_cmpint (atlas_map_get_area_class (fixture->map, area), ==, -1);

  atlas_map_set_year (fixture->map, 2023);
  wait_for_frame (fixture);
  g_assert_cmpint (atlas_map_get_area_class (fixture->map, area), >=, 0);
  g_assert_cmpint (atlas_map_get_area_class (fixture->map, area), <, 5);
  g_assert_null (atlas_map_get_breaks (fixture->map));

  /* Categories in the legend: five types and "no data". */
  legend = ATLAS_LEGEND (atlas_map_get_legend (fixture->map));
  g_assert_cmpuint (atlas_legend_get_n_rows (legend), ==, 6);
}

static void
test_legend_ranges (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasClassBreaks *breaks;
  AtlasLegend *legend;
  const double *inner;
  guint n_inner;

  show (fixture, "sverige-kommuner", "kommun", "arbetsloshet", 2020);
  breaks = atlas_map_get_breaks (fixture->map);
  g_assert_nonnull (breaks);
  inner = atlas_class_breaks_get_breaks (breaks, &n_inner);
  g_assert_cmpuint (n_inner, ==, 4);

  legend = ATLAS_LEGEND (atlas_map_get_legend (fixture->map));
  g_assert_cmpuint (atlas_legend_get_n_rows (legend), ==, 6);
  g_assert_true (g_str_has_suffix (atlas_legend_get_row_label (legend, 2), "%"));
  /* The figures' labels: the limits of 2020's values, word for word */
  {
    AtlasDivision *division = atlas_map_get_division (fixture->map);
    const double *values = atlas_dataset_peek_values (atlas_map_get_dataset (fixture->map),
                                                      atlas_map_get_indicator (fixture->map), 2020, division);
    g_auto(GStrv) labels = atlas_class_breaks_dup_labels (breaks, atlas_map_get_indicator (fixture->map), values,
                                                          atlas_division_get_n_areas (division), NULL);

    for (guint i = 0; i < 5; i++)
      g_assert_cmpstr (atlas_legend_get_row_label (legend, i), ==, labels[i]);
    g_assert_null (labels[5]);
  }

  /* A value exactly on a break belongs to the lower class, as the legend
   * ("≤ b") says. */
  g_assert_cmpint (atlas_class_breaks_classify (breaks, inner[0]), ==, 0);
  g_assert_cmpint (atlas_class_breaks_classify (breaks, nextafter (inner[0], INFINITY)), ==, 1);
}

static void
test_pan_reuses_cache (Fixture       *fixture,
                       gconstpointer  data)
{
  AtlasMapLayer *layer;
  ShumateViewport *viewport;
  AtlasMapView view;
  double lon, lat;
  guint builds;

  show (fixture, "sverige-kommuner", "kommun", "median_inkomst", 2020);
  wait_for_basemap (fixture);
  layer = atlas_map_get_layer (fixture->map);
  viewport = atlas_map_get_viewport (fixture->map);
  builds = atlas_map_layer_get_n_cache_builds (layer);

  /* Twenty pixels to the east: well within the cached margin. */
  atlas_map_layer_get_view (layer, &view);
  atlas_mercator_to_lonlat (view.center_x + 20.0 / view.scale, view.center_y, &lon, &lat);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wait_for_frame (fixture);
  wait_for_frame (fixture);
  g_assert_cmpuint (atlas_map_layer_get_n_cache_builds (layer), ==, builds);

  /* A new year is new content. */
  atlas_map_set_year (fixture->map, 2021);
  wait_for_frame (fixture);
  g_assert_cmpuint (atlas_map_layer_get_n_cache_builds (layer), ==, builds + 1);
}

/* The colour (cairo ARGB32) of a view pixel of @surface. */
static guint32
surface_pixel (cairo_surface_t *surface,
               int              x,
               int              y)
{
  cairo_surface_flush (surface);
  return *(guint32 *) (cairo_image_surface_get_data (surface)
                       + (gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4);
}

/* Where a longitude and latitude land in @view (pixels). */
static void
view_point (const AtlasMapView *view,
            double              lon,
            double              lat,
            int                *x,
            int                *y)
{
  double mx, my;

  atlas_mercator_from_lonlat (lon, lat, &mx, &my);
  *x = (int) floor ((mx - view->center_x) * view->scale + view->width / 2.0);
  *y = (int) floor ((my - view->center_y) * view->scale + view->height / 2.0);
  g_assert_cmpint (*x, >=, 0);
  g_assert_cmpint (*y, >=, 0);
  g_assert_cmpint (*x, <, (int) view->width);
  g_assert_cmpint (*y, <, (int) view->height);
}

/* With GTK's cairo renderer (the tests' renderer, and software rendering)
 * the choropleth layer paints the offline basemap under its areas, and the
 * tile layer is not drawn while the layer's cache covers the view: a year
 * step then no longer redraws every tile. The map must still show the sea
 * and the neighbouring land where no area is, exactly as the tiles would:
 * the layer's own rendering is compared, pixel by pixel at points off the
 * areas, with the basemap drawn on its own for the same view. */
static void
test_basemap_under_choropleth (Fixture       *fixture,
                               gconstpointer  data)
{
  struct { double lon, lat; } off_areas[] = {
    { 19.9, 57.0 },   /* the Baltic, east of Gotland */
    { 27.0, 63.0 },   /* Finland */
    { 10.0, 61.0 },   /* Norway */
  };
  g_autoptr(AtlasTileSource) source = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  AtlasMapLayer *layer;
  GskRenderer *renderer;
  cairo_surface_t *shown, *expected;
  AtlasMapView view;
  cairo_t *cr;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (fixture->map)));
  if (!GSK_IS_CAIRO_RENDERER (renderer))
    {
      g_test_skip ("The tiles are drawn as they are with other renderers than cairo");
      return;
    }

  show (fixture, "sverige-kommuner", "kommun", "median_inkomst", 2020);
  wait_for_basemap (fixture);
  atlas_map_set_year (fixture->map, 2021);
  wait_for_frame (fixture);
  layer = atlas_map_get_layer (fixture->map);
  g_assert_true (atlas_map_layer_get_paints_basemap (layer));

  atlas_map_layer_get_view (layer, &view);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (layer));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, view.width, view.height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  shown = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  gdk_texture_download (texture, cairo_image_surface_get_data (shown), cairo_image_surface_get_stride (shown));
  cairo_surface_mark_dirty (shown);

  source = atlas_tile_source_new (atlas_map_get_basemap (fixture->map), atlas_map_layer_get_style (layer), 1);
  expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view.width, (int) view.height);
  cr = cairo_create (expected);
  atlas_tile_source_draw (source, cr, &view);
  cairo_destroy (cr);

  for (guint i = 0; i < G_N_ELEMENTS (off_areas); i++)
    {
      int x, y;

      view_point (&view, off_areas[i].lon, off_areas[i].lat, &x, &y);
      g_assert_null (atlas_map_layer_area_at (layer, x, y));
      /* Opaque: the basemap, not the window behind a transparent layer. */
      g_assert_cmphex (surface_pixel (shown, x, y) >> 24, ==, 0xff);
      g_assert_cmphex (surface_pixel (shown, x, y), ==, surface_pixel (expected, x, y));
    }
  /* The sea and the land differ, so the points do not all pass by chance. */
  {
    int sx, sy, fx, fy;

    view_point (&view, off_areas[0].lon, off_areas[0].lat, &sx, &sy);
    view_point (&view, off_areas[1].lon, off_areas[1].lat, &fx, &fy);
    g_assert_cmphex (surface_pixel (expected, sx, sy), !=, surface_pixel (expected, fx, fy));
  }

  cairo_surface_destroy (shown);
  cairo_surface_destroy (expected);
}

/* A package whose geometry is in SWEREF99 12 00 (EPSG:3007) with Z values:
 * a square around 12.00 E, 57.71 N in Göteborg. */
static void
write_sweref_square (const char *path)
{
  static const double corners[][2] = {
    { 11.95, 57.68 }, { 12.05, 57.68 }, { 12.05, 57.74 }, { 11.95, 57.74 }, { 11.95, 57.68 },
  };
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH sweref = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH transform;
  GString *json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (OSRImportFromEPSG (wgs84, 4326), ==, OGRERR_NONE);
  g_assert_cmpint (OSRImportFromEPSG (sweref, 3007), ==, OGRERR_NONE);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (sweref, OAMS_TRADITIONAL_GIS_ORDER);
  transform = OCTNewCoordinateTransformation (wgs84, sweref);
  g_assert_nonnull (transform);

  g_string_append (json, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                         "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3007\"}},"
                         "\"features\":[{\"type\":\"Feature\",\"properties\":{\"kod\":\"T1\","
                         "\"namn\":\"Testruta\"},\"geometry\":{\"type\":\"Polygon\","
                         "\"coordinates\":[[");
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      double x = corners[i][0], y = corners[i][1], z = 0.0;
      char buf[3][G_ASCII_DTOSTR_BUF_SIZE];

      g_assert_true (OCTTransform (transform, 1, &x, &y, &z));
      /* Plausible SWEREF99 12 00 coordinates, and a height. */
      g_assert_cmpfloat (x, >, 100000.0);
      g_assert_cmpfloat (x, <, 300000.0);
      g_assert_cmpfloat (y, >, 6300000.0);
      g_string_append_printf (json, "%s[%s,%s,%s]", i > 0 ? "," : "",
                              g_ascii_dtostr (buf[0], sizeof buf[0], x),
                              g_ascii_dtostr (buf[1], sizeof buf[1], y),
                              g_ascii_dtostr (buf[2], sizeof buf[2], 12.5));
    }
  g_string_append (json, "]]}}]}\n");

  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);

  g_string_free (json, TRUE);
  OCTDestroyCoordinateTransformation (transform);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (sweref);
}

static char *
write_sweref_package (void)
{
  static const char manifest[] =
    "{ \"format\": 1, \"id\": \"test-sweref\", \"title\": { \"sv\": \"Test\" },"
    "  \"version\": \"1\", \"publisher\": \"Platsatlas\", \"licence\": \"CC0-1.0\","
    "  \"date\": \"2026-11-21\", \"sources\": [], \"years\": [2020],"
    "  \"divisions\": [ { \"id\": \"ruta\", \"name\": { \"sv\": \"Ruta\" },"
    "    \"version\": \"Ruta 1\", \"parent\": null,"
    "    \"geometry\": { \"file\": \"geo/ruta.geojson\", \"code_field\": \"kod\","
    "      \"name_field\": \"namn\" } } ],"
    "  \"themes\": [ { \"id\": \"t\", \"name\": { \"sv\": \"Tema\" } } ],"
    "  \"indicators\": [ { \"id\": \"antal\", \"theme\": \"t\", \"name\": { \"sv\": \"Antal\" },"
    "    \"short\": { \"sv\": \"Antal\" }, \"definition\": { \"sv\": \"Antal\" },"
    "    \"unit\": \"count\", \"decimals\": 0, \"polarity\": \"neutral\","
    "    \"source\": \"Test\", \"aggregation\": { \"rule\": \"sum\" },"
    "    \"demonstration\": true } ] }\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-map-XXXXXX", &error);
  g_autofree char *geo = NULL;
  g_autofree char *values = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  geo = g_build_filename (dir, "geo", NULL);
  values = g_build_filename (dir, "values", NULL);
  g_assert_cmpint (g_mkdir (geo, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (values, 0700), ==, 0);

  path = g_build_filename (dir, "manifest.json", NULL);
  g_file_set_contents (path, manifest, -1, &error);
  g_assert_no_error (error);
  g_free (path);
  path = g_build_filename (values, "2020.csv", NULL);
  g_file_set_contents (path, "code,antal\nT1,42\n", -1, &error);
  g_assert_no_error (error);
  g_free (path);
  path = g_build_filename (geo, "ruta.geojson", NULL);
  write_sweref_square (path);

  return g_steal_pointer (&dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_assert_cmpint (g_remove (child), ==, 0);
      g_object_unref (info);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
test_sweref_z (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = write_sweref_package ();
  g_autoptr(GError) error = NULL;
  AtlasArea *area;

  fixture->dataset = atlas_dataset_load (dir, NULL, &error);
  g_assert_no_error (error);
  atlas_map_set_dataset (fixture->map, fixture->dataset);
  show (fixture, NULL, "ruta", "antal", 2020);

  area = area_at_lonlat (fixture, 12.0, 57.71);
  g_assert_nonnull (area);
  g_assert_cmpstr (atlas_area_get_code (area), ==, "T1");
  g_assert_cmpint (atlas_map_get_area_class (fixture->map, area), >=, 0);
  /* Just outside the square's eastern edge. */
  atlas_map_zoom_to_coverage (fixture->map);
  wait_for_frame (fixture);
  g_assert_null (area_at_lonlat (fixture, 12.06, 57.71));
  g_assert_nonnull (area_at_lonlat (fixture, 12.04, 57.71));

  remove_tree (dir);
}

static void
test_keyboard_zoom (Fixture       *fixture,
                    gconstpointer  data)
{
  ShumateViewport *viewport;
  double zoom;

  show (fixture, "sverige-kommuner", "kommun", "folkmangd", 2020);
  viewport = atlas_map_get_viewport (fixture->map);
  zoom = shumate_viewport_get_zoom_level (viewport);

  atlas_map_zoom_in (fixture->map);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);
  atlas_map_zoom_to_coverage (fixture->map);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-6);

  /* Zoom limits */
  for (guint i = 0; i < 20; i++)
    atlas_map_zoom_out (fixture->map);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 3.0);
  for (guint i = 0; i < 20; i++)
    atlas_map_zoom_in (fixture->map);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, 14.0);
}


typedef struct
{
  GBytes   *received;
  GBytes   *finished;
  gboolean  received_before_finish;
} TileResult;

static void
on_received_data (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  TileResult        *result)
{
  g_assert_cmpint (x, ==, 17);
  g_assert_cmpint (y, ==, 8);
  g_assert_cmpint (zoom, ==, 5);
  result->received = g_bytes_ref (bytes);
  result->received_before_finish = result->finished == NULL;
}

static void
on_tile_data (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  TileResult *result = user_data;
  g_autoptr(GError) error = NULL;

  result->finished = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source),
                                                               res, &error);
  g_assert_no_error (error);
}

static GBytes *
fetch_tile (AtlasTileSource *source)
{
  TileResult result = { NULL, NULL, FALSE };

  g_signal_connect (source, "received-data", G_CALLBACK (on_received_data), &result);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 17, 8, 5,
                                           NULL, on_tile_data, &result);
  while (result.finished == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (source, on_received_data, &result);

  /* ShumateRasterRenderer only looks at the signal, before completion. */
  g_assert_nonnull (result.received);
  g_assert_true (result.received_before_finish);
  g_assert_true (g_bytes_equal (result.received, result.finished));
  g_bytes_unref (result.finished);

  return result.received;
}

static void
count_changes (guint *n_changes)
{
  (*n_changes)++;
}

/* A click as the layer reports a primary-button release */
static void
click_area (Fixture         *fixture,
            const char      *code,
            GdkModifierType  modifiers)
{
  AtlasArea *area = atlas_dataset_lookup_area (fixture->dataset, code);

  g_assert_nonnull (area);
  g_signal_emit_by_name (atlas_map_get_layer (fixture->map), "area-clicked", area, 1, modifiers);
}

static const char *
outlined_code (Fixture    *fixture,
               const char *property)
{
  g_autoptr(AtlasArea) area = NULL;

  g_object_get (fixture->map, property, &area, NULL);
  return area != NULL ? atlas_area_get_code (area) : NULL;
}

/* Following a state, a Ctrl+click sets the state's comparison in one
 * change: the area selected before is A, the clicked one B, and the
 * selection stays on A. Ctrl+clicking the selected area, or any area with
 * none selected, selects it and makes it A alone; while presenting a
 * Ctrl+click is a plain click. */
static void
test_ctrl_click_compares (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  guint n_changes = 0;

  fixture->dataset = app_test_load_packaged ("sverige-kommuner");
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_dataset (state, fixture->dataset);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "median_inkomst");
  atlas_explorer_state_set_year (state, 2024);
  atlas_explorer_state_thaw (state);
  atlas_map_set_state (fixture->map, state);
  /* Not only for the pins: a process that ends while the basemap still
   * loads in its thread may crash on the way out */
  wait_for_basemap (fixture);
  g_signal_connect_swapped (state, "changed", G_CALLBACK (count_changes), &n_changes);

  click_area (fixture, "0380", GDK_CONTROL_MASK);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "0380", NULL }));
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0380");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "");

  click_area (fixture, "1480", GDK_CONTROL_MASK);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "0380", NULL }));
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0380");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "1480");
  g_assert_cmpstr (outlined_code (fixture, "compare-a"), ==, "0380");
  g_assert_cmpstr (outlined_code (fixture, "compare-b"), ==, "1480");

  click_area (fixture, "0380", GDK_CONTROL_MASK);
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0380");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "");

  /* A plain click selects and leaves the comparison as it is */
  atlas_explorer_state_set_compare (state, "0180", "1480");
  click_area (fixture, "1280", 0);
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "1280", NULL }));
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0180");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "1480");

  atlas_explorer_state_set_presenting (state, TRUE);
  click_area (fixture, "0380", GDK_CONTROL_MASK);
  g_assert_cmpstrv (atlas_explorer_state_get_selection (state), ((const char *[]) { "0380", NULL }));
  g_assert_cmpstr (atlas_explorer_state_get_compare_a (state), ==, "0180");
  g_assert_cmpstr (atlas_explorer_state_get_compare_b (state), ==, "1480");

  g_signal_handlers_disconnect_by_data (state, &n_changes);
}

static void
test_tile_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasBasemap) basemap = atlas_basemap_load_default (NULL, &error);
  g_autoptr(AtlasTileSource) light = NULL;
  g_autoptr(AtlasTileSource) dark = NULL;
  g_autoptr(GBytes) light_png = NULL;
  g_autoptr(GBytes) dark_png = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_no_error (error);
  light = atlas_tile_source_new (basemap, ATLAS_MAP_STYLE_LIGHT, 1);
  dark = atlas_tile_source_new (basemap, ATLAS_MAP_STYLE_DARK, 1);

  light_png = fetch_tile (light);
  texture = gdk_texture_new_from_bytes (light_png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, ATLAS_TILE_SIZE);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, ATLAS_TILE_SIZE);

  dark_png = fetch_tile (dark);
  g_assert_false (g_bytes_equal (light_png, dark_png));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }
  adw_init ();
  GDALAllRegister ();

  g_test_add_func ("/map/tile-source", test_tile_source);
  g_test_add ("/map/area-at", Fixture, NULL, fixture_set_up, test_area_at, fixture_tear_down);
  g_test_add ("/map/years", Fixture, NULL, fixture_set_up, test_years, fixture_tear_down);
  g_test_add ("/map/levels", Fixture, NULL, fixture_set_up, test_levels, fixture_tear_down);
  g_test_add ("/map/missing", Fixture, NULL, fixture_set_up, test_missing, fixture_tear_down);
  g_test_add ("/map/legend-ranges", Fixture, NULL, fixture_set_up, test_legend_ranges, fixture_tear_down);
  g_test_add ("/map/pan-reuses-cache", Fixture, NULL, fixture_set_up, test_pan_reuses_cache, fixture_tear_down);
  g_test_add ("/map/basemap-under-choropleth", Fixture, NULL, fixture_set_up,
              test_basemap_under_choropleth, fixture_tear_down);
  g_test_add ("/map/sweref-z", Fixture, NULL, fixture_set_up, test_sweref_z, fixture_tear_down);
  g_test_add ("/map/keyboard-zoom", Fixture, NULL, fixture_set_up, test_keyboard_zoom, fixture_tear_down);
  g_test_add ("/map/ctrl-click-compares", Fixture, NULL, fixture_set_up, test_ctrl_click_compares, fixture_tear_down);

  return g_test_run ();
}
