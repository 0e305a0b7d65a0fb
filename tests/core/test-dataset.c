/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cpl_conv.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "atlas-core.h"

/* A small package built at test time:
 *   lan     01 Ett, 02 Två                      GeoJSON, EPSG:4326
 *   kommun  0101 Alfa, 0102 Beta (01), 0201 Gamma (02)
 *                                               GeoPackage, EPSG:3007, with Z
 *   deso    0101A, 0101B in 0101, no names; covers_parent = false
 * Squares in lon/lat: län 01 is 12.0–12.5 E, 02 is 12.5–13.0 E, both
 * 57.0–57.5 N; kommuner split them at 12.25 E; DeSO split 0101 at 57.25 N. */

#define NBSP "\302\240"

static const char *manifest_json =
  "{\n"
  "  \"format\": 1, \"id\": \"test\", \"version\": \"1\",\n"
  "  \"title\": { \"sv\": \"Test\", \"en\": \"Test EN\" },\n"
  "  \"publisher\": \"Platsatlas\", \"licence\": \"CC0\", \"date\": \"2026-11-21\",\n"
  "  \"sources\": [ { \"id\": \"scb\", \"name\": \"SCB\", \"licence\": \"CC0\", \"url\": \"https://scb.se\" } ],\n"
  "  \"years\": [2020, 2021],\n"
  "  \"divisions\": [\n"
  "    { \"id\": \"lan\", \"name\": { \"sv\": \"Län\", \"en\": \"County\" }, \"parent\": null,\n"
  "      \"geometry\": { \"file\": \"geo/lan.geojson\", \"code_field\": \"kod\", \"name_field\": \"namn\" } },\n"
  "    { \"id\": \"kommun\", \"name\": { \"sv\": \"Kommun\" }, \"version\": \"Kommun 2024\", \"parent\": \"lan\",\n"
  "      \"geometry\": { \"file\": \"geo/kommun.gpkg\", \"layer\": \"kommun\", \"code_field\": \"kod\",\n"
  "                    \"name_field\": \"namn\", \"parent_field\": \"lan\" } },\n"
  "    { \"id\": \"deso\", \"name\": { \"sv\": \"DeSO\" }, \"parent\": \"kommun\", \"covers_parent\": false,\n"
  "      \"coverage_note\": { \"sv\": \"Bara Alfa\", \"en\": \"Alfa only\" },\n"
  "      \"geometry\": { \"file\": \"geo/deso.geojson\", \"code_field\": \"kod\", \"name_field\": null,\n"
  "                    \"parent_field\": \"kommun\" } }\n"
  "  ],\n"
  "  \"themes\": [ { \"id\": \"bef\", \"name\": { \"sv\": \"Befolkning\", \"en\": \"Population\" } } ],\n"
  "  \"indicators\": [\n"
  "    { \"id\": \"share\", \"theme\": \"bef\", \"name\": { \"sv\": \"Andel\" }, \"unit\": \"percent\",\n"
  "      \"decimals\": 1, \"polarity\": \"lower-is-better\",\n"
  "      \"aggregation\": { \"rule\": \"weighted-mean\", \"weight\": \"pop\" } },\n"
  "    { \"id\": \"pop\", \"theme\": \"bef\", \"kind\": \"background\", \"name\": { \"sv\": \"Folkmängd\" },\n"
  "      \"unit\": \"count\", \"aggregation\": { \"rule\": \"sum\" } },\n"
  "    { \"id\": \"median\", \"theme\": \"bef\", \"name\": { \"sv\": \"Medianinkomst\" }, \"unit\": \"SEK\",\n"
  "      \"aggregation\": { \"rule\": \"none\" }, \"demonstration\": true },\n"
  "    { \"id\": \"typ\", \"theme\": \"bef\", \"name\": { \"sv\": \"Områdestyp\" }, \"unit\": \"category\",\n"
  "      \"aggregation\": { \"rule\": \"category\" },\n"
  "      \"categories\": [ { \"code\": 1, \"label\": { \"sv\": \"Stora utmaningar\", \"en\": \"Major challenges\" }, \"color\": \"#ff0000\" },\n"
  "                      { \"code\": 2, \"label\": { \"sv\": \"Goda förutsättningar\" }, \"color\": \"#0000ff\" } ] }\n"
  "  ]\n"
  "}\n";

static const char *values_2020 =
  "\xef\xbb\xbf" "code,pop,share,median,typ\r\n"
  "0101,100,10,300000,1\r\n"
  "0102,300,20,250000,2\r\n"
  "0201,50,,200000,1\r\n"
  "01,,,\"280000\",\r\n"
  "0101A,60,..,,\r\n";

static const char *values_2021 =
  "code,typ,share,pop\n"
  "0101,,12,110\n"
  "0201,,5,0\n"
  "0102,,30,\n"
  "\n";

static char *
square_geojson (double west,
                double south,
                double east,
                double north)
{
  return g_strdup_printf ("{\"type\":\"Polygon\",\"coordinates\":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}",
                          west, south, east, south, east, north, west, north, west, south);
}

static void
write_text (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
write_lan (const char *dir)
{
  g_autofree char *a = square_geojson (12.0, 57.0, 12.5, 57.5);
  g_autofree char *b = square_geojson (12.5, 57.0, 13.0, 57.5);
  g_autofree char *json = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"kod\":\"01\",\"namn\":\"Ett\"},\"geometry\":%s},"
    "{\"type\":\"Feature\",\"properties\":{\"kod\":\"02\",\"namn\":\"Två\"},\"geometry\":%s}]}", a, b);

  write_text (dir, "geo/lan.geojson", json);
}

static void
write_deso (const char *dir)
{
  g_autofree char *a = square_geojson (12.0, 57.0, 12.25, 57.25);
  g_autofree char *b = square_geojson (12.0, 57.25, 12.25, 57.5);
  g_autofree char *json = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"kod\":\"0101A\",\"kommun\":\"0101\"},\"geometry\":%s},"
    "{\"type\":\"Feature\",\"properties\":{\"kod\":\"0101B\",\"kommun\":\"0101\"},\"geometry\":%s}]}", a, b);

  write_text (dir, "geo/deso.geojson", json);
}

/* A polygon in EPSG:3007 with Z, from a lon/lat square. */
static OGRGeometryH
projected_square (OGRCoordinateTransformationH ct,
                  double                       west,
                  double                       south,
                  double                       east,
                  double                       north)
{
  double xs[] = { west, east, east, west, west };
  double ys[] = { south, south, north, north, south };
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon25D);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

  g_assert_true (OCTTransform (ct, 5, xs, ys, NULL));
  for (guint i = 0; i < 5; i++)
    OGR_G_AddPoint (ring, xs[i], ys[i], 42.0);
  OGR_G_AddGeometryDirectly (polygon, ring);

  return polygon;
}

static void
add_kommun (OGRLayerH                    layer,
            OGRCoordinateTransformationH ct,
            const char                  *code,
            const char                  *name,
            const char                  *lan,
            double                       west,
            double                       east)
{
  OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

  OGR_F_SetFieldString (feature, 0, code);
  OGR_F_SetFieldString (feature, 1, name);
  OGR_F_SetFieldString (feature, 2, lan);
  OGR_F_SetGeometryDirectly (feature, projected_square (ct, west, 57.0, east, 57.5));
  g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
  OGR_F_Destroy (feature);
}

static void
write_kommun (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "geo", "kommun.gpkg", NULL);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH local = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH ct;
  GDALDatasetH ds;
  OGRLayerH layer;

  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRImportFromEPSG (local, 3007);
  OSRSetAxisMappingStrategy (local, OAMS_TRADITIONAL_GIS_ORDER);
  ct = OCTNewCoordinateTransformation (wgs84, local);

  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetCreateLayer (ds, "kommun", local, wkbPolygon25D, NULL);
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "kod", "namn", "lan" };
      OGRFieldDefnH field = OGR_Fld_Create (names[i], OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  add_kommun (layer, ct, "0101", "Alfa", "01", 12.0, 12.25);
  add_kommun (layer, ct, "0102", "Beta", "01", 12.25, 12.5);
  add_kommun (layer, ct, "0201", "Gamma", "02", 12.5, 13.0);
  GDALClose (ds);

  OCTDestroyCoordinateTransformation (ct);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (local);
}

static void
write_package (const char *dir)
{
  write_text (dir, "manifest.json", manifest_json);
  write_text (dir, "values/2020.csv", values_2020);
  write_text (dir, "values/2021.csv", values_2021);
  write_lan (dir);
  write_deso (dir);
  write_kommun (dir);
}

static char *package_dir;

static AtlasDataset *
load_test_package (void)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (package_dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Looks a value up by ids, for short assertions. */
static AtlasValueSource
value_of (AtlasDataset       *dataset,
          const char         *indicator_id,
          guint               year,
          const char         *code,
          double             *value,
          AtlasMissingReason *reason)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasArea *area = atlas_dataset_lookup_area (dataset, code);

  g_assert_nonnull (indicator);
  g_assert_nonnull (area);
  return atlas_dataset_get_value (dataset, indicator, year, area, value, reason);
}

static void
assert_value (AtlasDataset     *dataset,
              const char       *indicator_id,
              guint             year,
              const char       *code,
              AtlasValueSource  source,
              double            expected)
{
  AtlasMissingReason reason = ATLAS_MISSING_YEAR;
  double value = NAN;

  g_assert_cmpint (value_of (dataset, indicator_id, year, code, &value, &reason), ==, source);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NONE);
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

static void
assert_missing (AtlasDataset       *dataset,
                const char         *indicator_id,
                guint               year,
                const char         *code,
                AtlasMissingReason  expected)
{
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  double value = 0.0;

  g_assert_cmpint (value_of (dataset, indicator_id, year, code, &value, &reason), ==, ATLAS_VALUE_MISSING);
  g_assert_cmpstr (atlas_missing_reason_to_nick (reason), ==, atlas_missing_reason_to_nick (expected));
  g_assert_true (isnan (value));
}

static void
test_metadata (void)
{
  AtlasDataset *dataset = load_test_package ();
  const guint *years;
  guint n_years;
  const AtlasSource *source;

  g_assert_cmpstr (atlas_dataset_get_id (dataset), ==, "test");
  g_assert_cmpstr (atlas_dataset_get_path (dataset), ==, package_dir);
  g_assert_cmpstr (atlas_dataset_get_title (dataset, "sv"), ==, "Test");
  g_assert_cmpstr (atlas_dataset_get_title (dataset, "en"), ==, "Test EN");
  g_assert_null (atlas_dataset_get_description (dataset, "sv"));
  g_assert_cmpstr (atlas_dataset_get_version (dataset), ==, "1");
  g_assert_cmpstr (atlas_dataset_get_publisher (dataset), ==, "Platsatlas");
  g_assert_cmpstr (atlas_dataset_get_licence (dataset), ==, "CC0");
  g_assert_cmpstr (atlas_dataset_get_date (dataset), ==, "2026-11-21");
  g_assert_cmpuint (atlas_dataset_get_n_sources (dataset), ==, 1);
  source = atlas_dataset_get_source (dataset, 0);
  g_assert_cmpstr (source->name, ==, "SCB");
  g_assert_cmpstr (source->url, ==, "https://scb.se");
  g_assert_true (atlas_dataset_has_demonstration (dataset));

  years = atlas_dataset_get_years (dataset, &n_years);
  g_assert_cmpuint (n_years, ==, 2);
  g_assert_cmpuint (years[0], ==, 2020);
  g_assert_cmpuint (years[1], ==, 2021);
  g_assert_true (atlas_dataset_has_year (dataset, 2021));
  g_assert_false (atlas_dataset_has_year (dataset, 2019));

  g_assert_finalize_object (dataset);
}

static void
test_models (void)
{
  AtlasDataset *dataset = load_test_package ();
  GListModel *divisions = atlas_dataset_get_divisions (dataset);
  GListModel *indicators = atlas_dataset_get_indicators (dataset);
  GListModel *themes = atlas_dataset_get_themes (dataset);
  g_autoptr(AtlasDivision) riket = g_list_model_get_item (divisions, 0);
  g_autoptr(AtlasIndicator) first = g_list_model_get_item (indicators, 0);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(AtlasArea) beta = g_list_model_get_item (G_LIST_MODEL (kommun), 1);

  g_assert_true (g_list_model_get_item_type (divisions) == ATLAS_TYPE_DIVISION);
  g_assert_cmpuint (g_list_model_get_n_items (divisions), ==, 4);
  g_assert_cmpstr (atlas_division_get_id (riket), ==, "riket");
  g_assert_cmpstr (atlas_division_get_name (riket, "sv"), ==, "Riket");
  g_assert_false (atlas_division_has_geometry (riket));
  g_assert_cmpuint (atlas_division_get_depth (riket), ==, 0);
  g_assert_cmpuint (atlas_division_get_depth (kommun), ==, 2);
  g_assert_true (atlas_division_get_parent (kommun) == atlas_dataset_lookup_division (dataset, "lan"));
  g_assert_cmpstr (atlas_division_get_version (kommun), ==, "Kommun 2024");
  g_assert_cmpstr (atlas_division_get_name (kommun, "en"), ==, "Kommun");
  g_assert_null (atlas_division_get_coverage_note (kommun, "sv"));
  g_assert_cmpstr (atlas_division_get_coverage_note (atlas_dataset_lookup_division (dataset, "deso"), "en"), ==, "Alfa only");
  g_assert_false (atlas_division_covers_parent (atlas_dataset_lookup_division (dataset, "deso")));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (kommun)) == ATLAS_TYPE_AREA);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kommun)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (kommun), 3));
  g_assert_cmpstr (atlas_area_get_code (beta), ==, "0102");
  g_assert_cmpuint (atlas_area_get_index (beta), ==, 1);
  g_assert_true (atlas_division_lookup_area (kommun, "0102") == beta);
  g_assert_null (atlas_division_lookup_area (kommun, "01"));

  /* The package's theme and indicators, then the segregation index D of
   * its share over DeSO, which core derives (test-derived-segregation.c). */
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 2);
  g_assert_cmpstr (atlas_theme_get_name (atlas_dataset_lookup_theme (dataset, "bef"), "en"), ==, "Population");
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, 5);
  g_assert_nonnull (atlas_dataset_lookup_indicator (dataset, "segregation_d_deso_share"));
  g_assert_cmpstr (atlas_indicator_get_id (first), ==, "share");
  g_assert_null (atlas_dataset_lookup_indicator (dataset, "nope"));
  {
    g_autofree char *name = NULL;
    g_autofree char *division_name = NULL;
    g_autofree char *theme_name = NULL;

    g_object_get (first, "name", &name, NULL);
    g_object_get (kommun, "name", &division_name, NULL);
    g_object_get (atlas_dataset_lookup_theme (dataset, "bef"), "name", &theme_name, NULL);
    g_assert_cmpstr (name, ==, "Andel");
    g_assert_cmpstr (division_name, ==, "Kommun");
    g_assert_cmpstr (theme_name, ==, "Befolkning");
  }

  g_clear_object (&riket);
  g_clear_object (&first);
  g_clear_object (&beta);
  g_assert_finalize_object (dataset);
}

static void
test_areas (void)
{
  AtlasDataset *dataset = load_test_package ();
  AtlasArea *riket = atlas_dataset_lookup_area (dataset, "00");
  AtlasArea *alfa = atlas_dataset_lookup_area (dataset, "0101");
  AtlasArea *deso = atlas_dataset_lookup_area (dataset, "0101B");
  g_autofree char *deso_name = atlas_area_dup_display_name (deso);
  g_autofree char *alfa_name = atlas_area_dup_display_name (alfa);

  g_assert_cmpstr (atlas_area_get_name (riket), ==, "Riket");
  g_assert_null (atlas_area_get_parent (riket));
  g_assert_null (atlas_area_get_geometry (riket));
  g_assert_true (atlas_area_get_parent (atlas_dataset_lookup_area (dataset, "01")) == riket);
  g_assert_true (atlas_area_get_parent (deso) == alfa);
  g_assert_true (atlas_area_get_ancestor (deso, "lan") == atlas_dataset_lookup_area (dataset, "01"));
  g_assert_true (atlas_area_get_ancestor (deso, "deso") == deso);
  g_assert_null (atlas_area_get_ancestor (alfa, "deso"));
  g_assert_null (atlas_area_get_name (deso));
  g_assert_cmpstr (deso_name, ==, "DeSO 0101B (Alfa)");
  g_assert_cmpstr (alfa_name, ==, "Alfa");
  {
    g_autofree char *code = NULL;
    g_autofree char *shown = NULL;

    /* Properties, for GtkExpression bindings in the app. */
    g_object_get (deso, "code", &code, "display-name", &shown, NULL);
    g_assert_cmpstr (code, ==, "0101B");
    g_assert_cmpstr (shown, ==, "DeSO 0101B (Alfa)");
  }
  g_assert_null (atlas_dataset_lookup_area (dataset, "9999"));

  g_assert_finalize_object (dataset);
}

/* The GeoPackage is in EPSG:3007 with Z: the corners must come back at the
 * lon/lat they were made from. */
static void
test_reprojection (void)
{
  AtlasDataset *dataset = load_test_package ();
  AtlasGeometry *beta = atlas_area_get_geometry (atlas_dataset_lookup_area (dataset, "0102"));
  const AtlasBBox *box = atlas_geometry_get_bbox (beta);
  const double *coords = atlas_geometry_get_coords (beta);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  const AtlasBBox *all = atlas_division_get_bbox (kommun);

  g_assert_cmpuint (atlas_geometry_get_n_rings (beta), ==, 1);
  g_assert_cmpuint (atlas_geometry_get_n_points (beta), ==, 5);
  g_assert_cmpfloat_with_epsilon (coords[0], 12.25, 1e-4);
  g_assert_cmpfloat_with_epsilon (coords[1], 57.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (box->min_x, 12.25, 1e-4);
  g_assert_cmpfloat_with_epsilon (box->max_x, 12.5, 1e-4);
  g_assert_cmpfloat_with_epsilon (box->min_y, 57.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (box->max_y, 57.5, 1e-4);
  g_assert_cmpfloat_with_epsilon (all->min_x, 12.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (all->max_x, 13.0, 1e-4);
  /* ≈ 0.25° × 0.5° at 57° N */
  g_assert_cmpfloat_with_epsilon (atlas_geometry_get_area_km2 (beta), 15.1 * 55.6, 20.0);

  g_assert_finalize_object (dataset);
}

static void
test_area_at (void)
{
  AtlasDataset *dataset = load_test_package ();
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasDivision *riket = atlas_dataset_lookup_division (dataset, "riket");
  AtlasArea *gamma = atlas_dataset_lookup_area (dataset, "0201");
  double lon, lat;

  atlas_geometry_get_label_point (atlas_area_get_geometry (gamma), &lon, &lat);
  g_assert_true (atlas_division_area_at (kommun, lon, lat) == gamma);
  g_assert_true (atlas_division_area_at (kommun, 12.1, 57.4) == atlas_dataset_lookup_area (dataset, "0101"));
  g_assert_null (atlas_division_area_at (kommun, 14.0, 57.4));
  g_assert_null (atlas_division_area_at (riket, 12.1, 57.4));

  g_assert_finalize_object (dataset);
}

static void
test_stored_and_sum (void)
{
  AtlasDataset *dataset = load_test_package ();

  assert_value (dataset, "pop", 2020, "0101", ATLAS_VALUE_STORED, 100);
  assert_value (dataset, "pop", 2020, "01", ATLAS_VALUE_DERIVED, 400);
  assert_value (dataset, "pop", 2020, "02", ATLAS_VALUE_DERIVED, 50);
  assert_value (dataset, "pop", 2020, "00", ATLAS_VALUE_DERIVED, 450);
  assert_value (dataset, "pop", 2020, "0101A", ATLAS_VALUE_STORED, 60);
  /* A quoted cell; a stored parent value wins over a derived one. */
  assert_value (dataset, "median", 2020, "01", ATLAS_VALUE_STORED, 280000);

  g_assert_finalize_object (dataset);
}

static void
test_weighted_mean (void)
{
  AtlasDataset *dataset = load_test_package ();

  assert_value (dataset, "share", 2020, "0102", ATLAS_VALUE_STORED, 20);
  assert_value (dataset, "share", 2020, "01", ATLAS_VALUE_DERIVED, (10.0 * 100 + 20.0 * 300) / 400);
  /* 0201 has no share in 2020 */
  assert_missing (dataset, "share", 2020, "02", ATLAS_MISSING_INCOMPLETE);
  assert_missing (dataset, "share", 2020, "00", ATLAS_MISSING_INCOMPLETE);
  /* 2021: 0102 lacks its population, 0201's population is 0 */
  assert_missing (dataset, "share", 2021, "01", ATLAS_MISSING_NO_WEIGHT);
  assert_missing (dataset, "share", 2021, "02", ATLAS_MISSING_NO_WEIGHT);

  g_assert_finalize_object (dataset);
}

static void
test_missing_reasons (void)
{
  AtlasDataset *dataset = load_test_package ();

  assert_missing (dataset, "median", 2020, "02", ATLAS_MISSING_NOT_AGGREGATABLE);
  assert_missing (dataset, "median", 2020, "00", ATLAS_MISSING_NOT_AGGREGATABLE);
  assert_missing (dataset, "typ", 2020, "01", ATLAS_MISSING_CATEGORY);
  assert_missing (dataset, "pop", 2020, "0101B", ATLAS_MISSING_NOT_IN_SOURCE);
  assert_missing (dataset, "share", 2020, "0101A", ATLAS_MISSING_NOT_IN_SOURCE);
  /* Only part of 0102's area... nothing is derived from a partial DeSO. */
  assert_missing (dataset, "pop", 2021, "0102", ATLAS_MISSING_PARTIAL_COVERAGE);
  assert_missing (dataset, "pop", 2021, "01", ATLAS_MISSING_INCOMPLETE);
  /* No column (median) or an empty one (typ) in 2021; no table for 2019. */
  assert_missing (dataset, "median", 2021, "0101", ATLAS_MISSING_YEAR);
  assert_missing (dataset, "typ", 2021, "0101", ATLAS_MISSING_YEAR);
  assert_missing (dataset, "pop", 2019, "0101", ATLAS_MISSING_YEAR);
  assert_value (dataset, "typ", 2020, "0102", ATLAS_VALUE_STORED, 2);

  g_assert_finalize_object (dataset);
}

static void
test_peek_and_years (void)
{
  AtlasDataset *dataset = load_test_package ();
  AtlasIndicator *pop = atlas_dataset_lookup_indicator (dataset, "pop");
  AtlasIndicator *median = atlas_dataset_lookup_indicator (dataset, "median");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  const double *values = atlas_dataset_peek_values (dataset, pop, 2021, kommun);
  g_autoptr(GArray) pop_years = atlas_dataset_dup_indicator_years (dataset, pop);
  g_autoptr(GArray) median_years = atlas_dataset_dup_indicator_years (dataset, median);

  g_assert_nonnull (values);
  g_assert_cmpfloat (values[0], ==, 110);
  g_assert_true (isnan (values[1]));
  g_assert_cmpfloat (values[2], ==, 0);
  g_assert_null (atlas_dataset_peek_values (dataset, pop, 2030, kommun));

  g_assert_cmpuint (pop_years->len, ==, 2);
  g_assert_cmpuint (median_years->len, ==, 1);
  g_assert_cmpuint (g_array_index (median_years, guint, 0), ==, 2020);

  g_assert_finalize_object (dataset);
}

static void
test_indicator_properties (void)
{
  AtlasDataset *dataset = load_test_package ();
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "share");
  AtlasIndicator *typ = atlas_dataset_lookup_indicator (dataset, "typ");
  const AtlasCategory *category = atlas_indicator_lookup_category (typ, 1);

  g_assert_cmpint (atlas_indicator_get_unit (share), ==, ATLAS_UNIT_PERCENT);
  g_assert_cmpint (atlas_indicator_get_aggregation (share), ==, ATLAS_AGGREGATION_WEIGHTED_MEAN);
  g_assert_cmpstr (atlas_indicator_get_weight_id (share), ==, "pop");
  g_assert_cmpint (atlas_indicator_get_polarity (share), ==, ATLAS_POLARITY_LOWER_IS_BETTER);
  g_assert_cmpuint (atlas_indicator_get_decimals (share), ==, 1);
  g_assert_cmpstr (atlas_indicator_get_theme_id (share), ==, "bef");
  g_assert_cmpint (atlas_indicator_get_kind (share), ==, ATLAS_INDICATOR_KIND_INDICATOR);
  g_assert_cmpint (atlas_indicator_get_kind (atlas_dataset_lookup_indicator (dataset, "pop")), ==,
                   ATLAS_INDICATOR_KIND_BACKGROUND);
  g_assert_cmpstr (atlas_indicator_get_short_label (share, "sv"), ==, "Andel");
  g_assert_null (atlas_indicator_get_caveat (share, "sv"));
  g_assert_false (atlas_indicator_is_demonstration (share));

  g_assert_cmpuint (atlas_indicator_get_n_categories (typ), ==, 2);
  g_assert_nonnull (category);
  g_assert_cmpstr (atlas_text_get (&category->label, "en"), ==, "Major challenges");
  g_assert_cmpfloat (category->red, ==, 1.0);
  g_assert_cmpfloat (category->blue, ==, 0.0);
  g_assert_null (atlas_indicator_lookup_category (typ, 3));

  g_assert_finalize_object (dataset);
}

static AtlasIndicator *
make_indicator (AtlasUnit unit,
                guint     decimals)
{
  AtlasIndicator *indicator = atlas_indicator_new ("x");
  AtlasText name = { (char *) "X", NULL };

  atlas_indicator_set_texts (indicator, &name, NULL, NULL, NULL, NULL);
  atlas_indicator_set_properties (indicator, "t", ATLAS_INDICATOR_KIND_INDICATOR, unit, decimals,
                                  ATLAS_POLARITY_NEUTRAL, NULL, FALSE);
  return indicator;
}

static void
assert_format (AtlasIndicator *indicator,
               double          value,
               const char     *lang,
               const char     *expected)
{
  g_autofree char *text = atlas_indicator_format_value (indicator, value, lang);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_value (void)
{
  g_autoptr(AtlasIndicator) percent = make_indicator (ATLAS_UNIT_PERCENT, 1);
  g_autoptr(AtlasIndicator) sek = make_indicator (ATLAS_UNIT_SEK, 0);
  g_autoptr(AtlasIndicator) count = make_indicator (ATLAS_UNIT_COUNT, 0);
  g_autoptr(AtlasIndicator) days = make_indicator (ATLAS_UNIT_DAYS, 1);
  g_autoptr(AtlasIndicator) category = make_indicator (ATLAS_UNIT_CATEGORY, 0);
  AtlasCategory four = { 4, { (char *) "Goda socioekonomiska förutsättningar", (char *) "Good conditions" }, 0, 0, 0 };

  atlas_indicator_add_category (category, &four);

  assert_format (percent, 12.34, "sv", "12,3" NBSP "%");
  assert_format (percent, 12.34, "en", "12.3%");
  assert_format (sek, 312400, "sv", "312" NBSP "400" NBSP "kr");
  assert_format (sek, 312400, "en", "SEK" NBSP "312,400");
  assert_format (count, 995574, "sv", "995" NBSP "574");
  assert_format (count, 10587710, "en", "10,587,710");
  assert_format (count, 999, "sv", "999");
  assert_format (days, 23.44, "sv", "23,4" NBSP "dagar");
  assert_format (days, 23.44, "en", "23.4" NBSP "days");
  assert_format (percent, -0.04, "sv", "0,0" NBSP "%");
  assert_format (percent, -1.5, "en", "-1.5%");
  assert_format (category, 4, "sv", "4 – Goda socioekonomiska förutsättningar");
  assert_format (category, 4, "en", "4 – Good conditions");
  assert_format (category, 5, "sv", "5");
  assert_format (count, NAN, "sv", "No data");

  g_assert_cmpstr (atlas_indicator_get_unit_label (sek, "sv"), ==, "kr");
  /* A count without a stated unit label is just "antal"; a package says what
   * it counts with unit_label. */
  g_assert_cmpstr (atlas_indicator_get_unit_label (count, "sv"), ==, "antal");
  atlas_indicator_set_unit_label (count, &(AtlasText) { (char *) "områden", (char *) "areas" });
  g_assert_cmpstr (atlas_indicator_get_unit_label (count, "sv"), ==, "områden");
  g_assert_cmpstr (atlas_indicator_get_unit_label (count, "en"), ==, "areas");
  g_assert_cmpstr (atlas_indicator_get_unit_label (days, "en"), ==, "days");
}

/* A caveat with SCB's footnotes after its first paragraph: the summary is
 * that paragraph, and a long one is cut after its last whole sentence. */
static void
test_caveat_summary (void)
{
  g_autoptr(AtlasIndicator) indicator = atlas_indicator_new ("x");
  AtlasText name = { (char *) "X", NULL };
  AtlasText caveat = { (char *) "Fasta priser. Kommun saknar värde.\nSCB: fotnot ett.\nSCB: fotnot två.", NULL };
  AtlasText single = { (char *) "Bara en mening.", NULL };
  gboolean complete = TRUE;
  g_autofree char *summary = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *whole = NULL;

  atlas_indicator_set_texts (indicator, &name, NULL, NULL, NULL, &caveat);
  summary = atlas_indicator_dup_caveat_summary (indicator, "sv", 200, &complete);
  g_assert_cmpstr (summary, ==, "Fasta priser. Kommun saknar värde.");
  g_assert_false (complete);
  /* 20 characters end inside the second sentence: only the first stays. */
  cut = atlas_indicator_dup_caveat_summary (indicator, "sv", 20, &complete);
  g_assert_cmpstr (cut, ==, "Fasta priser.");
  g_assert_false (complete);

  atlas_indicator_set_texts (indicator, &name, NULL, NULL, NULL, &single);
  whole = atlas_indicator_dup_caveat_summary (indicator, "sv", 200, &complete);
  g_assert_cmpstr (whole, ==, "Bara en mening.");
  g_assert_true (complete);
}

static void
test_types (void)
{
  AtlasText text = { g_strdup ("Län"), NULL };

  g_assert_cmpstr (atlas_missing_reason_to_nick (ATLAS_MISSING_NOT_AGGREGATABLE), ==, "not-aggregatable");
  g_assert_cmpstr (atlas_missing_reason_describe (ATLAS_MISSING_NOT_AGGREGATABLE), ==,
                   "Medians and similar values cannot be combined from sub-areas, "
                   "and no value is stored for this level");
  for (AtlasMissingReason r = ATLAS_MISSING_NONE; r <= ATLAS_MISSING_NOT_AT_LEVEL; r++)
    g_assert_nonnull (atlas_missing_reason_describe (r));
  g_assert_cmpstr (atlas_unit_to_nick (ATLAS_UNIT_SEK), ==, "SEK");
  g_assert_cmpstr (atlas_polarity_to_nick (ATLAS_POLARITY_HIGHER_IS_BETTER), ==, "higher-is-better");
  g_assert_cmpstr (atlas_aggregation_to_nick (ATLAS_AGGREGATION_WEIGHTED_MEAN), ==, "weighted-mean");

  /* The test environment sets PLATSATLAS_LANG=sv. */
  g_assert_cmpstr (atlas_language (), ==, "sv");
  atlas_set_language ("en");
  g_assert_cmpstr (atlas_language (), ==, "en");
  g_assert_cmpstr (atlas_text_get (&text, NULL), ==, "Län");
  atlas_set_language (NULL);
  g_assert_cmpstr (atlas_language (), ==, "sv");
  atlas_text_clear (&text);
  g_assert_null (text.sv);
}

static void
test_data_dir (void)
{
  g_autofree char *path = atlas_get_default_dataset_path ();
  g_autofree char *expected = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                                "sverige-kommuner", NULL);

  g_assert_cmpstr (atlas_get_data_dir (), ==, g_getenv ("PLATSATLAS_DATA_DIR"));
  g_assert_cmpstr (path, ==, expected);
}

/* ---- zip ----------------------------------------------------------------- */

static void
add_to_zip (void       *zip,
            const char *dir,
            const char *relative,
            const char *prefix)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *name = g_strconcat (prefix, relative, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (CPLCreateFileInZip (zip, name, NULL), ==, CE_None);
  g_assert_cmpint (CPLWriteFileInZip (zip, contents, (int) length), ==, CE_None);
  g_assert_cmpint (CPLCloseFileInZip (zip), ==, CE_None);
}

static char *
zip_package (const char *prefix)
{
  g_autofree char *name = g_strdup_printf ("package-%s.zip", *prefix ? "folder" : "root");
  g_autofree char *tmp = g_path_get_dirname (package_dir);
  char *zip_path = g_build_filename (tmp, name, NULL);
  const char *files[] = { "manifest.json", "values/2020.csv", "values/2021.csv",
                          "geo/lan.geojson", "geo/deso.geojson", "geo/kommun.gpkg" };
  void *zip = CPLCreateZip (zip_path, NULL);

  g_assert_nonnull (zip);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    add_to_zip (zip, package_dir, files[i], prefix);
  g_assert_cmpint (CPLCloseZip (zip), ==, CE_None);

  return zip_path;
}

static void
test_zip (gconstpointer data)
{
  const char *prefix = data;
  g_autofree char *zip_path = zip_package (prefix);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (zip_path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  assert_value (dataset, "pop", 2020, "00", ATLAS_VALUE_DERIVED, 450);
  assert_value (dataset, "pop", 2020, "0101A", ATLAS_VALUE_STORED, 60);
  g_assert_cmpfloat_with_epsilon (atlas_geometry_get_bbox (atlas_area_get_geometry (
                                    atlas_dataset_lookup_area (dataset, "0102")))->min_x, 12.25, 1e-4);
  g_assert_finalize_object (dataset);
  g_unlink (zip_path);
}

/* ---- async --------------------------------------------------------------- */

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static AtlasDataset *
load_async_and_wait (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  atlas_dataset_load_async (path, cancellable, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return atlas_dataset_load_finish (result, error);
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AtlasDataset *dataset = load_async_and_wait (package_dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  assert_value (dataset, "pop", 2020, "01", ATLAS_VALUE_DERIVED, 400);
  g_assert_finalize_object (dataset);

  g_cancellable_cancel (cancellable);
  dataset = load_async_and_wait (package_dir, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (dataset);
  g_clear_error (&error);

  dataset = load_async_and_wait ("/nonexistent/package", NULL, &error);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/package"));
  g_assert_null (dataset);
}

/* Loads on worker threads at the same time must not disturb each other
 * (GDAL's error handlers and PROJ contexts are per thread). */
static void
test_async_concurrent (void)
{
  GAsyncResult *results[3] = { NULL, };
  const char *paths[3] = { package_dir, package_dir, "/nonexistent/package" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    atlas_dataset_load_async (paths[i], NULL, on_loaded, &results[i]);
  while (results[0] == NULL || results[1] == NULL || results[2] == NULL)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      AtlasDataset *dataset = atlas_dataset_load_finish (results[i], &error);

      if (i < 2)
        {
          g_assert_no_error (error);
          assert_value (dataset, "share", 2020, "01", ATLAS_VALUE_DERIVED, 17.5);
          g_assert_finalize_object (dataset);
        }
      else
        {
          g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND);
          g_assert_null (dataset);
        }
      g_object_unref (results[i]);
    }
}

/* ---- the packaged datasets ---------------------------------------------- */

static char *
packaged (const char *id)
{
  return g_build_filename (atlas_get_data_dir (), "datasets", id, NULL);
}

static AtlasDataset *
load_packaged (const char *id)
{
  g_autofree char *path = packaged (id);
  g_autofree char *manifest = g_build_filename (path, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  if (!g_file_test (manifest, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the packaged dataset is not built yet");
      return NULL;
    }

  dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
test_sverige_kommuner (void)
{
  AtlasDataset *dataset = load_packaged ("sverige-kommuner");
  AtlasArea *stockholm;
  g_autofree char *text = NULL;

  if (dataset == NULL)
    return;

  stockholm = atlas_dataset_lookup_area (dataset, "0180");
  g_assert_nonnull (stockholm);
  g_assert_cmpstr (atlas_area_get_name (stockholm), ==, "Stockholm");
  g_assert_cmpstr (atlas_division_get_id (atlas_area_get_division (stockholm)), ==, "kommun");
  g_assert_cmpuint (atlas_division_get_n_areas (atlas_dataset_lookup_division (dataset, "kommun")), ==, 290);
  g_assert_cmpuint (atlas_division_get_n_areas (atlas_dataset_lookup_division (dataset, "lan")), ==, 21);

  assert_value (dataset, "folkmangd", 2024, "0180", ATLAS_VALUE_STORED, 995574);
  assert_value (dataset, "folkmangd", 2024, "00", ATLAS_VALUE_DERIVED, 10587710);
  assert_missing (dataset, "median_inkomst", 2024, "00", ATLAS_MISSING_NOT_AGGREGATABLE);
  text = atlas_indicator_format_value (atlas_dataset_lookup_indicator (dataset, "folkmangd"), 995574, "sv");
  g_assert_cmpstr (text, ==, "995" NBSP "574");
  /* unit_label from the manifest: RegSO are counted as areas, not people */
  g_assert_cmpstr (atlas_indicator_get_unit_label (atlas_dataset_lookup_indicator (dataset, "regso_antal"), "sv"), ==, "områden");
  g_assert_cmpstr (atlas_indicator_get_unit_label (atlas_dataset_lookup_indicator (dataset, "folkmangd"), "en"), ==, "people");

  /* Stockholm's label point lies in Stockholm. */
  {
    double lon, lat;

    atlas_geometry_get_label_point (atlas_area_get_geometry (stockholm), &lon, &lat);
    g_assert_true (atlas_division_area_at (atlas_area_get_division (stockholm), lon, lat) == stockholm);
  }

  g_assert_finalize_object (dataset);
}

static void
test_uppsala_lan (void)
{
  AtlasDataset *dataset = load_packaged ("uppsala-lan");
  AtlasDivision *deso;
  AtlasArea *area, *parent;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;

  if (dataset == NULL)
    return;

  deso = atlas_dataset_lookup_division (dataset, "deso");
  g_assert_nonnull (deso);
  g_assert_cmpuint (atlas_division_get_n_areas (deso), >, 200);
  area = atlas_division_get_area (deso, 0);
  parent = atlas_area_get_parent (area);
  name = atlas_area_dup_display_name (area);
  expected = g_strdup_printf ("DeSO %s (%s)", atlas_area_get_code (area), atlas_area_get_name (parent));
  g_assert_cmpstr (name, ==, expected);

  /* Every DeSO lies within Sweden's bounding box after reprojection. */
  g_assert_cmpfloat (atlas_division_get_bbox (deso)->min_x, >, 10.0);
  g_assert_cmpfloat (atlas_division_get_bbox (deso)->max_y, <, 70.0);

  g_assert_finalize_object (dataset);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  tmp = g_dir_make_tmp ("platsatlas-test-XXXXXX", &error);
  g_assert_no_error (error);
  package_dir = g_build_filename (tmp, "package", NULL);
  write_package (package_dir);

  g_test_add_func ("/dataset/metadata", test_metadata);
  g_test_add_func ("/dataset/caveat-summary", test_caveat_summary);
  g_test_add_func ("/dataset/models", test_models);
  g_test_add_func ("/dataset/areas", test_areas);
  g_test_add_func ("/dataset/reprojection", test_reprojection);
  g_test_add_func ("/dataset/area-at", test_area_at);
  g_test_add_func ("/dataset/values/stored-and-sum", test_stored_and_sum);
  g_test_add_func ("/dataset/values/weighted-mean", test_weighted_mean);
  g_test_add_func ("/dataset/values/missing-reasons", test_missing_reasons);
  g_test_add_func ("/dataset/values/peek-and-years", test_peek_and_years);
  g_test_add_func ("/dataset/indicator-properties", test_indicator_properties);
  g_test_add_func ("/indicator/format-value", test_format_value);
  g_test_add_func ("/types/basics", test_types);
  g_test_add_func ("/types/data-dir", test_data_dir);
  g_test_add_data_func ("/dataset/zip/root", "", test_zip);
  g_test_add_data_func ("/dataset/zip/folder", "pakett/", test_zip);
  g_test_add_func ("/dataset/async", test_async);
  g_test_add_func ("/dataset/async/concurrent", test_async_concurrent);
  g_test_add_func ("/packaged/sverige-kommuner", test_sverige_kommuner);
  g_test_add_func ("/packaged/uppsala-lan", test_uppsala_lan);

  status = g_test_run ();

  remove_tree (tmp);
  g_free (package_dir);

  return status;
}
