/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "atlas-core.h"
#include "atlas-figure-private.h"

/* Cartography: the data behind a map, area labels, proportional circles,
 * clipping by the parent's outline, extents and insets. Expected values
 * come from the package's own values files, read here with a reader of
 * the test's own, or are worked out by hand. */

#define REAL_PACKAGE "sverige-kommuner"
#define DEMO_PACKAGE "uppsala-lan"
#define YEAR 2024

static AtlasDataset *
load_package (const char *id)
{
  static GHashTable *packages;
  AtlasDataset *dataset;

  if (packages == NULL)
    packages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  dataset = g_hash_table_lookup (packages, id);
  if (dataset == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", id, NULL);
      g_autoptr(GError) error = NULL;

      dataset = atlas_dataset_load (path, NULL, &error);
      g_assert_no_error (error);
      g_hash_table_insert (packages, g_strdup (id), dataset);
    }
  return dataset;
}

static AtlasFigure *
create_figure (const char *package,
               const char *indicator_id,
               const char *level,
               guint       year,
               const char *region)
{
  AtlasDataset *dataset = load_package (package);
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasDivision *division = atlas_dataset_lookup_division (dataset, level);
  AtlasFigure *figure;

  g_assert_nonnull (indicator);
  g_assert_nonnull (division);
  figure = atlas_figure_new (dataset, indicator, division, year);
  if (region != NULL)
    {
      g_assert_nonnull (atlas_dataset_lookup_area (dataset, region));
      atlas_figure_set_region (figure, atlas_dataset_lookup_area (dataset, region));
    }
  return figure;
}

/* code → value of one column of data/datasets/ID/values/YEAR.csv, read
 * without core: a plain comma-separated file with a header row. */
static GHashTable *
read_source_values (const char *package,
                    guint       year,
                    const char *column)
{
  g_autofree char *name = g_strdup_printf ("%u.csv", year);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", package,
                                            "values", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int col = -1;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (g_strstrip (header[i]), column))
      col = i;
  g_assert_cmpint (col, >=, 0);
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[l]), ",", -1);

      if (fields[0] == NULL || fields[0][0] == '\0' || g_strv_length (fields) <= (guint) col)
        continue;
      g_hash_table_insert (values, g_strdup (fields[0]), g_strdup (fields[col]));
    }
  return values;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-carto-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Splits one CSV line at separator, honouring "quoted ""fields""". */
static GPtrArray *
split_csv_line (const char *line,
                char        separator)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0' && *p != '\r'; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (*p == separator && !quoted)
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

static int
column_index (GPtrArray  *header,
              const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (header->pdata[i], name))
      return i;
  g_assert_not_reached ();
  return -1;
}

/* Every kommun of Uppsala län (4-digit codes 03xx) in the source file. */
static guint
count_uppsala_kommuner (GHashTable *source)
{
  GHashTableIter iter;
  gpointer code;
  guint n = 0;

  g_hash_table_iter_init (&iter, source);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    n += strlen (code) == 4 && g_str_has_prefix (code, "03");
  return n;
}

static void
check_csv_against_source (const char *path,
                          char        separator,
                          const char *column,
                          const char *definition)
{
  g_autoptr(GHashTable) source = read_source_values (REAL_PACKAGE, YEAR, column);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) header = NULL;
  guint rows = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* UTF-8 with a byte order mark, so that Excel reads å, ä and ö. */
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  lines = g_strsplit (text + 3, "\n", -1);
  header = split_csv_line (lines[0], separator);
  g_assert_cmpuint (header->len, ==, 15);

  for (guint l = 1; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      g_autoptr(GPtrArray) f = split_csv_line (lines[l], separator);
      const char *code = f->pdata[column_index (header, "area_code")];
      g_autofree char *value = g_strdup (f->pdata[column_index (header, "value")]);
      const char *expected = g_hash_table_lookup (source, code);

      g_assert_cmpuint (f->len, ==, header->len);
      g_assert_nonnull (expected);
      if (separator == ';')
        g_strdelimit (value, ",", '.');
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (value, NULL), g_ascii_strtod (expected, NULL), 1e-9);
      g_assert_cmpstr (f->pdata[column_index (header, "parent_code")], ==, "03");
      g_assert_cmpstr (f->pdata[column_index (header, "year")], ==, "2024");
      g_assert_cmpstr (f->pdata[column_index (header, "demonstration")], ==, "false");
      g_assert_cmpstr (f->pdata[column_index (header, "missing_reason")], ==, "");
      g_assert_cmpstr (f->pdata[column_index (header, "source")], !=, "");
      /* the indicator's definition as the package states it, on every row */
      g_assert_cmpstr (f->pdata[column_index (header, "definition")], ==, definition);
      rows++;
    }
  g_assert_cmpuint (rows, ==, count_uppsala_kommuner (source));
}

static void
test_data_csv (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", YEAR, "03");
  const char *definition = atlas_indicator_get_definition (atlas_figure_get_indicator (figure),
                                                           atlas_figure_get_lang (figure));
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *plain = g_build_filename (dir, "plain.csv", NULL);
  g_autofree char *swedish = g_build_filename (dir, "svensk.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_figure_export_data (figure, plain, ATLAS_CSV_STYLE_PLAIN, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_figure_export_data (figure, swedish, ATLAS_CSV_STYLE_SWEDISH, NULL, &error));
  g_assert_no_error (error);
  check_csv_against_source (plain, ',', "arbetsloshet", definition);
  check_csv_against_source (swedish, ';', "arbetsloshet", definition);

  /* Swedish Excel: decimal commas, and "Håbo" as UTF-8. */
  g_assert_true (g_file_get_contents (swedish, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "0305;Håbo;03;Uppsala län;"));
  g_assert_true (g_regex_match_simple (";[0-9]+,[0-9]+;percent;", text, 0, 0));
  /* Only the two files: no temporary file left behind. */
  g_assert_cmpuint (count_files (dir), ==, 2);
  remove_dir (dir);
}

static void
test_data_csv_demonstration (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (DEMO_PACKAGE, "utrikes_fodda_andel", "kommun", 2023, NULL);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_figure_export_data (figure, path, ATLAS_CSV_STYLE_PLAIN, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* Eight kommuner, each marked as demonstration data. */
  {
    g_auto(GStrv) parts = g_strsplit (text, ",true,", -1);
    g_assert_cmpuint (g_strv_length (parts) - 1, ==, 8);
  }
  remove_dir (dir);
}

static void
test_data_refuses (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (REAL_PACKAGE, "folkmangd", "kommun", YEAR, "03");
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.gpkg", NULL);
  g_autofree char *wrong = g_build_filename (dir, "x.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_figure_export_data (figure, missing, ATLAS_CSV_STYLE_PLAIN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (atlas_figure_export_data (figure, wrong, ATLAS_CSV_STYLE_PLAIN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (count_files (dir), ==, 0);
  remove_dir (dir);
}

static void
check_gpkg (const char *path,
            GHashTable *source)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRSpatialReferenceH srs;
  guint n = 0;

  g_assert_nonnull (ds);
  g_assert_cmpint (GDALDatasetGetLayerCount (ds), ==, 1);
  layer = GDALDatasetGetLayer (ds, 0);
  g_assert_cmpstr (OGR_L_GetName (layer), ==, "folkmangd_kommun_2024");
  srs = OGR_L_GetSpatialRef (layer);
  g_assert_nonnull (srs);
  g_assert_cmpstr (OSRGetAuthorityCode (srs, NULL), ==, "3006");

  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "area_code"));
      double value = OGR_F_GetFieldAsDouble (feature, OGR_F_GetFieldIndex (feature, "value"));
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      OGREnvelope env;

      g_assert_nonnull (g_hash_table_lookup (source, code));
      g_assert_cmpfloat (value, ==, g_ascii_strtod (g_hash_table_lookup (source, code), NULL));
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, OGR_F_GetFieldIndex (feature, "year")), ==, YEAR);
      g_assert_nonnull (geometry);
      g_assert_cmpint (wkbFlatten (OGR_G_GetGeometryType (geometry)), ==, wkbMultiPolygon);
      g_assert_true (OGR_G_IsValid (geometry) || OGR_G_Area (geometry) > 0);
      /* Uppsala län in SWEREF 99 TM metres, by hand from a map. */
      OGR_G_GetEnvelope (geometry, &env);
      g_assert_cmpfloat (env.MinX, >, 540000);
      g_assert_cmpfloat (env.MaxX, <, 720000);
      g_assert_cmpfloat (env.MinY, >, 6560000);
      g_assert_cmpfloat (env.MaxY, <, 6740000);
      OGR_F_Destroy (feature);
      n++;
    }
  g_assert_cmpuint (n, ==, count_uppsala_kommuner (source));
  GDALClose (ds);
}

static void
test_data_gpkg (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (REAL_PACKAGE, "folkmangd", "kommun", YEAR, "03");
  g_autoptr(GHashTable) source = read_source_values (REAL_PACKAGE, YEAR, "folkmangd");
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "uppsala.gpkg", NULL);
  g_autoptr(GError) error = NULL;

  /* A file of that name is replaced, never left half-written. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (atlas_figure_export_data (figure, path, ATLAS_CSV_STYLE_PLAIN, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir), ==, 1);
  GDALAllRegister ();
  check_gpkg (path, source);
  remove_dir (dir);
}

/* Labels */

static void
view_for (AtlasMapView  *view,
          AtlasArea     *region,
          double         width,
          double         height)
{
  atlas_map_view_fit_bbox (view, atlas_geometry_get_bbox (atlas_area_get_geometry (region)), width, height, 10);
}

/* Independent of atlas_label_fits_area(): nine points of the box, taken
 * back to lon/lat with the Mercator inverse. */
static gboolean
box_inside (const AtlasLabel   *label,
            const AtlasMapView *view)
{
  AtlasGeometry *geometry = atlas_area_get_geometry (label->area);

  for (guint i = 0; i <= 2; i++)
    for (guint j = 0; j <= 2; j++)
      {
        double x = label->x + label->width * i / 2.0, y = label->y + label->height * j / 2.0;
        double lon, lat;

        atlas_mercator_to_lonlat (view->center_x + (x - view->width / 2.0) / view->scale,
                                  view->center_y + (y - view->height / 2.0) / view->scale, &lon, &lat);
        if (!atlas_geometry_contains (geometry, lon, lat))
          return FALSE;
      }
  return TRUE;
}

static gboolean
anchor_inside (const AtlasLabel   *label,
               const AtlasMapView *view)
{
  double lon, lat;

  atlas_mercator_to_lonlat (view->center_x + (label->anchor_x - view->width / 2.0) / view->scale,
                            view->center_y + (label->anchor_y - view->height / 2.0) / view->scale, &lon, &lat);
  return atlas_geometry_contains (atlas_area_get_geometry (label->area), lon, lat);
}

static void
check_labels (GArray             *labels,
              const AtlasMapView *view)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const AtlasLabel *a = &g_array_index (labels, AtlasLabel, i);

      /* Inside its area, or beside it on a leader from inside it. */
      if (a->leader)
        g_assert_true (anchor_inside (a, view));
      else
        g_assert_true (box_inside (a, view));
      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, view->width);
      g_assert_cmpfloat (a->y + a->height, <=, view->height);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const AtlasLabel *b = &g_array_index (labels, AtlasLabel, j);
          gboolean apart = a->x + a->width <= b->x || b->x + b->width <= a->x ||
                           a->y + a->height <= b->y || b->y + b->height <= a->y;

          g_assert_true (apart);
        }
    }
}

static void
test_labels_kommuner (void)
{
  AtlasDataset *dataset = load_package (REAL_PACKAGE);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasArea *lan = atlas_dataset_lookup_area (dataset, "03");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_autofree guint8 *shown = g_new0 (guint8, atlas_division_get_n_areas (kommun));
  g_autoptr(GArray) labels = NULL;
  AtlasLabelOptions options = { "Sans", 11, shown, NULL, NULL, TRUE, 100, NULL };
  AtlasMapView view;
  guint n_shown = 0;

  for (guint i = 0; i < atlas_division_get_n_areas (kommun); i++)
    {
      shown[i] = atlas_area_get_parent (atlas_division_get_area (kommun, i)) == lan;
      n_shown += shown[i];
    }
  g_assert_cmpuint (n_shown, ==, 8);
  view_for (&view, lan, 600, 800);
  labels = atlas_labels_place (cr, &view, kommun, &options);
  /* All eight kommuner of Uppsala län are named, each inside itself at
   * this size. */
  g_assert_cmpuint (labels->len, ==, 8);
  check_labels (labels, &view);
  for (guint i = 0; i < labels->len; i++)
    g_assert_false (g_array_index (labels, AtlasLabel, i).leader);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Crowded: every kommun of Sweden on a small map. Nothing overlaps, the
 * forced ones are there, and the cap holds. */
static void
test_labels_crowded (void)
{
  AtlasDataset *dataset = load_package (REAL_PACKAGE);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasArea *uppsala = atlas_dataset_lookup_area (dataset, "0380");
  AtlasArea *solna = atlas_dataset_lookup_area (dataset, "0184");
  AtlasArea *forced[] = { uppsala, solna, NULL };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  AtlasLabelOptions options = { "Sans", 10, NULL, NULL, forced, TRUE, 40, NULL };
  g_autoptr(GArray) labels = NULL;
  AtlasMapView view;
  gboolean seen[2] = { FALSE, FALSE };
  guint n_free = 0;

  atlas_map_view_fit_bbox (&view, atlas_division_get_bbox (kommun), 300, 600, 4);
  labels = atlas_labels_place (cr, &view, kommun, &options);
  check_labels (labels, &view);
  for (guint i = 0; i < labels->len; i++)
    {
      const AtlasLabel *label = &g_array_index (labels, AtlasLabel, i);

      seen[0] |= label->area == uppsala;
      seen[1] |= label->area == solna;
      n_free += !label->forced;
    }
  g_assert_true (seen[0] && seen[1]);
  g_assert_cmpuint (n_free, <=, 40);
  g_assert_cmpuint (n_free, >, 5);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Proportional circles */

static void
test_symbol_radius (void)
{
  g_autoptr(GHashTable) source = read_source_values (REAL_PACKAGE, YEAR, "folkmangd");
  double uppsala = g_ascii_strtod (g_hash_table_lookup (source, "0380"), NULL);
  double heby = g_ascii_strtod (g_hash_table_lookup (source, "0331"), NULL);

  /* By hand: a quarter of the value, half the radius. */
  g_assert_cmpfloat_with_epsilon (atlas_figure_symbol_radius (25, 100, 10), 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_figure_symbol_radius (100, 100, 10), 10.0, 1e-12);
  g_assert_cmpfloat (atlas_figure_symbol_radius (NAN, 100, 10), ==, 0);
  g_assert_cmpfloat (atlas_figure_symbol_radius (0, 100, 10), ==, 0);
  /* Areas in proportion to folkmängd: Uppsala over Heby. */
  g_assert_cmpfloat_with_epsilon (pow (atlas_figure_symbol_radius (uppsala, uppsala, 30), 2)
                                  / pow (atlas_figure_symbol_radius (heby, uppsala, 30), 2),
                                  uppsala / heby, 1e-9);
}

/* An area filter restricts what the plan shows, so the circles, labels
 * and legend follow it: RegSO of områdestyp 1 or 2, counted from the
 * package's values file, not through the filter. */
static void
test_filter_plan (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (DEMO_PACKAGE, "befolkning", "regso", 2022, NULL);
  g_autoptr(GHashTable) types = read_source_values (DEMO_PACKAGE, 2022, "omradestyp");
  AtlasDivision *division = atlas_figure_get_division (figure);
  g_autoptr(AtlasAreaFilter) filter = NULL;
  AtlasFigurePlan plan = { 0 };
  g_autoptr(GError) error = NULL;
  guint expected = 0;

  filter = atlas_area_filter_parse (atlas_figure_get_dataset (figure), "omradestyp=1,2", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      AtlasArea *area = atlas_division_get_area (division, i);
      const char *type = g_hash_table_lookup (types, atlas_area_get_code (area));

      if (atlas_area_get_geometry (area) != NULL && type != NULL
          && (g_str_equal (type, "1") || g_str_equal (type, "2")))
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  atlas_figure_set_filter (figure, filter);
  g_assert_true (atlas_figure_plan_init (&plan, figure, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan.n_shown, ==, expected);
  g_assert_cmpuint (plan.n_shown, <, atlas_division_get_n_areas (division));
  atlas_figure_plan_clear (&plan);

  /* The caption names the filter in the figure's language, whatever the
   * process's (these tests run untranslated). */
  {
    g_autofree char *dir = make_tmp_dir ();
    g_autofree char *path = g_build_filename (dir, "filter.svg", NULL);
    g_autofree char *svg = NULL;

    atlas_figure_set_lang (figure, "sv");
    g_assert_true (atlas_figure_export (figure, path, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "Endast områden med"));
    g_assert_nonnull (strstr (svg, "övriga områden visas inte"));
    g_assert_null (strstr (svg, "Only areas"));
    g_clear_pointer (&svg, g_free);

    atlas_figure_set_lang (figure, "en");
    g_assert_true (atlas_figure_export (figure, path, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "Only areas of"));
    g_assert_null (strstr (svg, "Endast"));
    remove_dir (dir);
  }
}

static void
test_circles_plan (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (REAL_PACKAGE, "folkmangd", "kommun", YEAR, "03");
  g_autoptr(GHashTable) source = read_source_values (REAL_PACKAGE, YEAR, "folkmangd");
  AtlasFigurePlan plan = { 0 };
  g_autoptr(GError) error = NULL;

  /* Counts default to circles; the largest value shown is Uppsala's. */
  g_assert_true (atlas_figure_uses_circles (figure));
  g_assert_true (atlas_figure_plan_init (&plan, figure, &error));
  g_assert_no_error (error);
  g_assert_true (plan.circles);
  g_assert_cmpfloat (plan.max_value, ==, g_ascii_strtod (g_hash_table_lookup (source, "0380"), NULL));
  atlas_figure_plan_clear (&plan);
  /* Drawn as a page too: circles, their legend, names under them. */
  {
    g_autofree char *dir = make_tmp_dir ();
    g_autofree char *path = g_build_filename (dir, "cirklar.png", NULL);

    atlas_figure_set_dpi (figure, 72);
    g_assert_true (atlas_figure_export (figure, path, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    remove_dir (dir);
  }

  atlas_figure_set_symbols (figure, ATLAS_SYMBOL_CHOROPLETH);
  g_assert_false (atlas_figure_uses_circles (figure));
  /* Shares never become circles. */
  atlas_figure_set_symbols (figure, ATLAS_SYMBOL_CIRCLES);
  atlas_figure_set_indicator (figure, atlas_dataset_lookup_indicator (load_package (REAL_PACKAGE), "arbetsloshet"));
  g_assert_false (atlas_figure_uses_circles (figure));
}

/* Clipping */

static guint
count_outside (AtlasMapRenderer   *renderer,
               const AtlasMapView *view,
               AtlasArea          *parent)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint outside = 0;

  atlas_map_renderer_draw_choropleth (renderer, cr, view);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 1; y < (int) view->height - 1; y++)
    for (int x = 1; x < (int) view->width - 1; x++)
      {
        gboolean near = FALSE;

        const guint8 *px = data + y * stride + 4 * x;

        /* Only the fill's red (ColorBrewer Reds, darkest of three:
         * #de2d26), not the grey borders drawn on top. */
        if (px[3] < 200 || px[2] < 150 || px[1] > 110 || px[0] > 110)
          continue;
        /* Painted: some point within a pixel must lie in the parent. */
        for (int dy = -1; dy <= 1 && !near; dy++)
          for (int dx = -1; dx <= 1 && !near; dx++)
            {
              double lon, lat;

              atlas_mercator_to_lonlat (view->center_x + (x + 0.5 + dx - view->width / 2.0) / view->scale,
                                        view->center_y + (y + 0.5 + dy - view->height / 2.0) / view->scale,
                                        &lon, &lat);
              near = atlas_geometry_contains (atlas_area_get_geometry (parent), lon, lat);
            }
        outside += !near;
      }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return outside;
}

static void
test_clip_to_parent (void)
{
  AtlasDataset *dataset = load_package (DEMO_PACKAGE);
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasArea *uppsala = atlas_dataset_lookup_area (dataset, "0380");
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  g_autoptr(AtlasPalette) palette = atlas_palette_new ("Reds", 3, FALSE, NULL);
  g_autofree int *classes = g_new (int, atlas_division_get_n_areas (deso));
  AtlasMapView view;

  for (guint i = 0; i < atlas_division_get_n_areas (deso); i++)
    classes[i] = 2;
  atlas_map_renderer_set_context_divisions (renderer, atlas_dataset_lookup_division (dataset, "lan"),
                                            atlas_dataset_lookup_division (dataset, "kommun"));
  atlas_map_renderer_set_choropleth (renderer, deso, classes, palette);
  atlas_map_renderer_set_region (renderer, uppsala);
  view_for (&view, uppsala, 500, 500);

  /* The package's DeSO reach past the kommun's generalised outline, so
   * without clipping some fill lies outside (this test can fail)... */
  atlas_map_renderer_set_clip_to_parent (renderer, FALSE);
  g_assert_cmpuint (count_outside (renderer, &view, uppsala), >, 0);
  /* ...and with it, none. */
  atlas_map_renderer_set_clip_to_parent (renderer, TRUE);
  g_assert_cmpuint (count_outside (renderer, &view, uppsala), ==, 0);
}

/* Extent and inset */

static void
test_extent (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (DEMO_PACKAGE, "utrikes_fodda_andel", "deso", 2023, NULL);
  AtlasDivision *deso = atlas_figure_get_division (figure);
  AtlasBBox view_box, got;
  AtlasFigurePlan plan = { 0 };
  g_autoptr(GError) error = NULL;
  guint expected = 0;

  g_assert_true (atlas_bbox_parse ("17.55, 59.80,17.70,59.90", &view_box, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (view_box.min_x, ==, 17.55);
  g_assert_cmpfloat (view_box.max_y, ==, 59.90);
  g_assert_false (atlas_bbox_parse ("17.7,59.8,17.5,59.9", &got, NULL));
  g_assert_false (atlas_bbox_parse ("17.5,59.8,17.7", &got, NULL));

  atlas_figure_set_extent (figure, &view_box);
  g_assert_true (atlas_figure_get_extent (figure, &got));
  g_assert_cmpmem (&got, sizeof got, &view_box, sizeof view_box);
  /* The figure frames exactly the view's box... */
  g_assert_true (atlas_figure_plan_init (&plan, figure, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&plan.bbox, sizeof plan.bbox, &view_box, sizeof view_box);
  /* ...and shows the DeSO whose boxes meet it, counted by hand here. */
  for (guint i = 0; i < atlas_division_get_n_areas (deso); i++)
    {
      const AtlasBBox *b = atlas_geometry_get_bbox (atlas_area_get_geometry (atlas_division_get_area (deso, i)));

      expected += b->max_x >= view_box.min_x && b->min_x <= view_box.max_x &&
                  b->max_y >= view_box.min_y && b->min_y <= view_box.max_y;
    }
  g_assert_cmpuint (plan.n_shown, ==, expected);
  g_assert_cmpuint (expected, >, 20);
  g_assert_cmpuint (expected, <, atlas_division_get_n_areas (deso));
  atlas_figure_plan_clear (&plan);
}

static void
test_auto_inset (void)
{
  g_autoptr(AtlasFigure) town = create_figure (DEMO_PACKAGE, "utrikes_fodda_andel", "deso", 2023, "0380");
  g_autoptr(AtlasFigure) lan = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", YEAR, "03");
  AtlasArea *uppsala = atlas_dataset_lookup_area (load_package (DEMO_PACKAGE), "0380");
  AtlasFigurePlan plan = { 0 };
  double lon, lat;

  /* Uppsala kommun's DeSO: most are specks in the town, which the inset
   * shows; its centre lies in the kommun. */
  atlas_figure_set_inset (town, ATLAS_INSET_AUTO, NULL);
  g_assert_true (atlas_figure_plan_init (&plan, town, NULL));
  g_assert_true (plan.has_inset);
  lon = (plan.inset.min_x + plan.inset.max_x) / 2;
  lat = (plan.inset.min_y + plan.inset.max_y) / 2;
  g_assert_true (atlas_geometry_contains (atlas_area_get_geometry (uppsala), lon, lat));
  g_assert_cmpfloat (plan.inset.max_x - plan.inset.min_x, <, (plan.bbox.max_x - plan.bbox.min_x) / 3);
  atlas_figure_plan_clear (&plan);
  {
    g_autofree char *dir = make_tmp_dir ();
    g_autofree char *path = g_build_filename (dir, "inset.svg", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (atlas_figure_export (town, path, NULL, &error));
    g_assert_no_error (error);
    remove_dir (dir);
  }

  /* Eight kommuner of similar size need none. */
  atlas_figure_set_inset (lan, ATLAS_INSET_AUTO, NULL);
  g_assert_true (atlas_figure_plan_init (&plan, lan, NULL));
  g_assert_false (plan.has_inset);
  atlas_figure_plan_clear (&plan);
}

/* PDFs hold NUL bytes: g_strstr_len() would stop at the first. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* PDF metadata: the document's own info dictionary. */
static void
test_pdf_metadata (void)
{
  g_autoptr(AtlasFigure) figure = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", YEAR, "03");
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "f.pdf", NULL);
  g_autofree char *bytes = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  atlas_figure_set_title (figure, "Arbetsloshet Uppsala");
  g_assert_true (atlas_figure_export (figure, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (contains_bytes (bytes, length, "/Title (Arbetsloshet Uppsala)"));
  g_assert_true (contains_bytes (bytes, length, "/Creator (Platsatlas)"));
  g_assert_true (contains_bytes (bytes, length, "/Subject"));
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cartography/data/csv", test_data_csv);
  g_test_add_func ("/cartography/data/csv-demonstration", test_data_csv_demonstration);
  g_test_add_func ("/cartography/data/refuses", test_data_refuses);
  g_test_add_func ("/cartography/data/gpkg", test_data_gpkg);
  g_test_add_func ("/cartography/labels/kommuner", test_labels_kommuner);
  g_test_add_func ("/cartography/labels/crowded", test_labels_crowded);
  g_test_add_func ("/cartography/circles/radius", test_symbol_radius);
  g_test_add_func ("/cartography/circles/plan", test_circles_plan);
  g_test_add_func ("/cartography/filter/plan", test_filter_plan);
  g_test_add_func ("/cartography/clip/parent", test_clip_to_parent);
  g_test_add_func ("/cartography/extent", test_extent);
  g_test_add_func ("/cartography/inset/auto", test_auto_inset);
  g_test_add_func ("/cartography/pdf-metadata", test_pdf_metadata);

  return g_test_run ();
}
