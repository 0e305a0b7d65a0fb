/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export benchmark: an A4 portrait PDF of Uppsala län's DeSO map, the
 * whole figure (title, basemap, choropleth, legend, caption) written to a
 * file, against bare cairo in the same run: every DeSO polygon filled once
 * into a PDF of the same page size, projected with a plain equirectangular
 * transform, one colour per class, no basemap, text or outlines. Both are
 * the median of RUNS, after one warm-up run (the basemap and the
 * renderer's first projection). Prints one JSON line; asserts nothing
 * about timings. A second line times the one-shot export as
 * `platsatlas-cli export` does it, opening the package first, against the
 * same bare cairo reference. A third line times what the one-shot export
 * loads of the largest package (stockholm-uppsala), where segregation
 * indices are computed only for tables that are read, against the same
 * load followed by reading every table, as every load did before (the
 * "eager" reference, measured in the same run). */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>

#include "atlas-core.h"
#include "bench-util.h"

#define RUNS 5
#define PACKAGE "uppsala-lan"
#define INDICATOR "arbetslosa_20_64"
#define LEVEL "deso"

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
bare_polygon (cairo_t          *cr,
              AtlasGeometry    *geometry,
              const AtlasBBox  *bbox,
              double            scale,
              double            aspect)
{
  const double *coords = atlas_geometry_get_coords (geometry);
  const guint *offsets = atlas_geometry_get_ring_offsets (geometry);
  guint n_rings = atlas_geometry_get_n_rings (geometry);

  for (guint r = 0; r < n_rings; r++)
    {
      guint end = r + 1 < n_rings ? offsets[r + 1] : atlas_geometry_get_n_points (geometry);

      for (guint p = offsets[r]; p < end; p++)
        {
          double x = 40 + (coords[2 * p] - bbox->min_x) * aspect * scale;
          double y = 120 + (bbox->max_y - coords[2 * p + 1]) * scale;

          if (p == offsets[r])
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static double
bare_cairo_ms (AtlasDivision *division,
               const double  *values)
{
  const AtlasBBox *bbox = atlas_division_get_bbox (division);
  double aspect = cos ((bbox->min_y + bbox->max_y) / 2 * G_PI / 180);
  double scale = MIN (515 / ((bbox->max_x - bbox->min_x) * aspect), 600 / (bbox->max_y - bbox->min_y));
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      AtlasGeometry *geometry = atlas_area_get_geometry (atlas_division_get_area (division, i));
      double shade = isnan (values[i]) ? 0.8 : fmod (values[i], 5) / 5;

      bare_polygon (cr, geometry, bbox, scale, aspect);
      cairo_set_source_rgb (cr, shade, 0.4, 1 - shade);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Open, compose, write: everything a one-shot export does. */
static double
one_shot_ms (const char *package,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (package, NULL, &error);
  g_autoptr(AtlasFigure) figure = NULL;
  g_autoptr(GArray) years = NULL;
  AtlasIndicator *indicator;

  if (dataset == NULL)
    g_error ("Cannot load %s: %s", package, error->message);
  indicator = atlas_dataset_lookup_indicator (dataset, INDICATOR);
  years = atlas_dataset_dup_indicator_years (dataset, indicator);
  figure = atlas_figure_new (dataset, indicator, atlas_dataset_lookup_division (dataset, LEVEL),
                             g_array_index (years, guint, years->len - 1));
  if (!atlas_figure_export (figure, path, NULL, &error))
    g_error ("Export failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Opening a package; @eager reads every table of every indicator, which
 * computes every segregation index as loading once did. */
static double
load_ms (const char *package,
         gboolean    eager)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (package, NULL, &error);
  GListModel *indicators;

  if (dataset == NULL)
    g_error ("Cannot load %s: %s", package, error->message);
  indicators = atlas_dataset_get_indicators (dataset);
  for (guint i = 0; eager && i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, indicator);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
print_load (void)
{
  g_autofree char *package = g_build_filename (atlas_get_data_dir (), "datasets", "stockholm-uppsala", NULL);
  double lazy_runs[RUNS], eager_runs[RUNS], lazy, eager;

  load_ms (package, FALSE);
  for (guint i = 0; i < bench_runs (RUNS); i++)
    {
      lazy_runs[i] = load_ms (package, FALSE);
      eager_runs[i] = load_ms (package, TRUE);
    }
  lazy = bench_median (lazy_runs, bench_runs (RUNS));
  eager = bench_median (eager_runs, bench_runs (RUNS));
  g_print ("{\"bench\":\"export\",\"case\":\"one-shot-load\",\"package\":\"stockholm-uppsala\","
           "\"ms\":%.1f,\"eager_ms\":%.1f,\"ratio\":%.2f}\n", lazy, eager, lazy / eager);
}

static double
export_ms (AtlasFigure *figure,
           const char  *path)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!atlas_figure_export (figure, path, NULL, &error))
    g_error ("Export failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (void)
{
  g_autofree char *package = g_build_filename (atlas_get_data_dir (), "datasets", PACKAGE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (package, NULL, &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AtlasFigure) figure = NULL;
  g_autoptr(GArray) years = NULL;
  AtlasIndicator *indicator;
  AtlasDivision *division;
  double figure_runs[RUNS], bare_runs[RUNS], one_shot_runs[RUNS], ms, bare, one_shot;
  guint year;

  if (dataset == NULL)
    g_error ("Cannot load %s: %s", package, error->message);
  indicator = atlas_dataset_lookup_indicator (dataset, INDICATOR);
  division = atlas_dataset_lookup_division (dataset, LEVEL);
  years = atlas_dataset_dup_indicator_years (dataset, indicator);
  year = g_array_index (years, guint, years->len - 1);
  figure = atlas_figure_new (dataset, indicator, division, year);
  dir = g_dir_make_tmp ("platsatlas-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "figure.pdf", NULL);

  export_ms (figure, path);
  bare_cairo_ms (division, atlas_dataset_peek_values (dataset, indicator, year, division));
  for (guint i = 0; i < bench_runs (RUNS); i++)
    {
      figure_runs[i] = export_ms (figure, path);
      bare_runs[i] = bare_cairo_ms (division, atlas_dataset_peek_values (dataset, indicator, year, division));
      one_shot_runs[i] = one_shot_ms (package, path);
    }
  ms = bench_median (figure_runs, bench_runs (RUNS));
  bare = bench_median (bare_runs, bench_runs (RUNS));
  one_shot = bench_median (one_shot_runs, bench_runs (RUNS));

  g_print ("{\"bench\":\"export\",\"format\":\"pdf\",\"page\":\"a4-portrait\",\"polygons\":%u,"
           "\"ms\":%.1f,\"bare_cairo_ms\":%.1f,\"ratio\":%.2f}\n",
           atlas_division_get_n_areas (division), ms, bare, ms / bare);
  g_print ("{\"bench\":\"export\",\"case\":\"one-shot\",\"format\":\"pdf\",\"page\":\"a4-portrait\","
           "\"polygons\":%u,\"ms\":%.1f,\"bare_cairo_ms\":%.1f,\"ratio\":%.2f}\n",
           atlas_division_get_n_areas (division), one_shot, bare, one_shot / bare);

  print_load ();

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
