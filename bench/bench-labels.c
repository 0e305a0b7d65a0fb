/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cartography benchmark: placing area labels (the app's rule: inside the
 * area or not at all; the figures' rule: with leader lines) for every
 * kommun of Sweden and every DeSO of Uppsala län at 1000 × 800 px, and
 * the cost of clipping DeSO fills by the kommun outlines in a full-frame
 * redraw. Medians of RUNS after a warm-up; prints JSON lines and asserts
 * nothing about timings. */
#include <math.h>

#include "atlas-core.h"
#include "bench-util.h"

#define RUNS 7
#define WIDTH 1000
#define HEIGHT 800

static AtlasDataset *
load (const char *id)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", id, NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  if (dataset == NULL)
    g_error ("%s", error->message);
  return dataset;
}

static void
bench_place (const char    *name,
             AtlasDivision *division,
             gboolean       leaders)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  AtlasLabelOptions options = { "Sans", 12, NULL, NULL, NULL, leaders, 150, NULL };
  guint runs = bench_runs (RUNS);
  g_autofree double *ms = g_new (double, runs);
  AtlasMapView view;
  guint n_placed = 0;

  atlas_map_view_fit_bbox (&view, atlas_division_get_bbox (division), WIDTH, HEIGHT, 10);
  g_array_unref (atlas_labels_place (cr, &view, division, &options));
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      GArray *labels = atlas_labels_place (cr, &view, division, &options);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_placed = labels->len;
      g_array_unref (labels);
    }
  g_print ("{\"bench\":\"labels-place\",\"areas\":\"%s\",\"n_areas\":%u,\"leaders\":%s,"
           "\"placed\":%u,\"median_ms\":%.2f}\n", name, atlas_division_get_n_areas (division),
           leaders ? "true" : "false", n_placed, bench_median (ms, runs));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static double
redraw_ms (AtlasMapRenderer   *renderer,
           const AtlasMapView *view)
{
  guint runs = bench_runs (RUNS);
  g_autofree double *ms = g_new (double, runs);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);

  for (guint i = 0; i <= runs; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      atlas_map_renderer_draw_choropleth (renderer, cr, view);
      cairo_destroy (cr);
      if (i > 0)
        ms[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
    }
  cairo_surface_destroy (surface);
  return bench_median (ms, runs);
}

static void
bench_clip (AtlasDataset *dataset)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  g_autoptr(AtlasPalette) palette = atlas_palette_new ("Blues", 5, FALSE, NULL);
  g_autofree int *classes = g_new (int, atlas_division_get_n_areas (deso));
  AtlasMapView view;
  double clipped, unclipped;

  for (guint i = 0; i < atlas_division_get_n_areas (deso); i++)
    classes[i] = i % 5;
  atlas_map_renderer_set_context_divisions (renderer, atlas_dataset_lookup_division (dataset, "lan"),
                                            atlas_dataset_lookup_division (dataset, "kommun"));
  atlas_map_renderer_set_choropleth (renderer, deso, classes, palette);
  atlas_map_view_fit_bbox (&view, atlas_division_get_bbox (deso), WIDTH, HEIGHT, 10);
  atlas_map_renderer_set_clip_to_parent (renderer, FALSE);
  unclipped = redraw_ms (renderer, &view);
  atlas_map_renderer_set_clip_to_parent (renderer, TRUE);
  clipped = redraw_ms (renderer, &view);
  g_print ("{\"bench\":\"clip-to-parent\",\"areas\":\"uppsala-lan deso\",\"n_areas\":%u,"
           "\"unclipped_ms\":%.2f,\"clipped_ms\":%.2f}\n", atlas_division_get_n_areas (deso),
           unclipped, clipped);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AtlasDataset) sverige = load ("sverige-kommuner");
  g_autoptr(AtlasDataset) uppsala = load ("uppsala-lan");

  bench_place ("sverige-kommuner kommun", atlas_dataset_lookup_division (sverige, "kommun"), FALSE);
  bench_place ("sverige-kommuner kommun", atlas_dataset_lookup_division (sverige, "kommun"), TRUE);
  bench_place ("uppsala-lan deso", atlas_dataset_lookup_division (uppsala, "deso"), FALSE);
  bench_clip (uppsala);
  return 0;
}
