/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

#include "atlas-core.h"

/* The importer on SCB's own files (tests/data/import, README there):
 * every value checked here is read from the source file by the test
 * itself, without the importer's readers. */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

/* Every folder the tests made, removed at the end with what is in it. */
static GPtrArray *made_dirs;

static void
remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                                   G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
}

static void
remove_made_dirs (void)
{
  for (guint i = 0; i < made_dirs->len; i++)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (g_ptr_array_index (made_dirs, i));

      remove_tree (dir);
    }
  g_ptr_array_unref (made_dirs);
}

static char *
make_output (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-import-XXXXXX", NULL);

  g_ptr_array_add (made_dirs, g_strdup (dir));

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* Packs the fixtures into a new folder and loads the package. */
static AtlasDataset *
pack (AtlasImporter  *importer,
      char          **out_path,
      const char     *first,
      ...)
{
  g_autofree char *output = make_output ("package");
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = NULL;
  AtlasDataset *dataset;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = fixture (name);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      atlas_importer_add_file (importer, file);
    }
  va_end (args);

  g_assert_true (atlas_importer_write (importer, out, NULL, &error));
  g_assert_no_error (error);
  report = atlas_importer_get_report (importer);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (report), "validation"),
                                                 "valid"));
  dataset = atlas_dataset_load (output, NULL, &error);
  g_assert_no_error (error);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&output);
  return dataset;
}

static double
value_of (AtlasDataset *dataset,
          const char   *indicator_id,
          guint         year,
          const char   *code)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasArea *area = atlas_dataset_lookup_area (dataset, code);
  double value = NAN;

  g_assert_nonnull (indicator);
  g_assert_nonnull (area);
  atlas_dataset_get_value (dataset, indicator, year, area, &value, NULL);
  return value;
}

static JsonObject *
report_level (AtlasImporter *importer,
              const char    *id,
              JsonNode     **keep)
{
  JsonArray *levels;

  *keep = atlas_importer_get_report (importer);
  levels = json_object_get_array_member (json_node_get_object (*keep), "levels");
  for (guint i = 0; i < json_array_get_length (levels); i++)
    {
      JsonObject *level = json_array_get_object_element (levels, i);

      if (g_str_equal (json_object_get_string_member (level, "id"), id))
        return level;
    }
  g_assert_not_reached ();
}

/* ---- reading the sources independently ------------------------------------ */

/* A text file's lines. */
static GStrv
read_lines (const char *name,
            const char *encoding)
{
  g_autofree char *path = fixture (name);
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &raw, &size, NULL));
  text = encoding != NULL ? g_convert (raw, size, "UTF-8", encoding, NULL, NULL, NULL) : g_strndup (raw, size);
  g_assert_nonnull (text);
  g_strdelimit (text, "\r", ' ');
  return g_strsplit (text, "\n", -1);
}

/* A member of the XLSX zip, through GDAL's /vsizip/. */
static char *
read_zip_member (const char *name,
                 const char *member)
{
  g_autofree char *path = fixture (name);
  g_autofree char *vsi = g_strdup_printf ("/vsizip/%s/%s", path, member);
  VSILFILE *file = VSIFOpenL (vsi, "rb");
  GString *text = g_string_new (NULL);
  char buffer[65536];
  size_t n;

  g_assert_nonnull (file);
  while ((n = VSIFReadL (buffer, 1, sizeof buffer, file)) > 0)
    g_string_append_len (text, buffer, (gssize) n);
  VSIFCloseL (file);
  return g_string_free (text, FALSE);
}

/* The number in @column of the row whose first cell is @code, found with
 * regular expressions in the sheet and shared strings XML. */
static double
xlsx_value (const char *name,
            const char *code,
            const char *column)
{
  g_autofree char *strings = read_zip_member (name, "xl/sharedStrings.xml");
  g_autofree char *sheet = read_zip_member (name, "xl/worksheets/sheet1.xml");
  g_auto(GStrv) items = g_regex_split_simple ("<x:si>", strings, 0, 0);
  g_autofree char *wanted = g_strdup_printf ("<x:t>%s</x:t>", code);
  g_autofree char *pattern = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = NULL;
  int index = -1;

  for (guint i = 1; items[i] != NULL && index < 0; i++)
    if (g_str_has_prefix (items[i], wanted))
      index = (int) i - 1;
  g_assert_cmpint (index, >=, 0);

  pattern = g_strdup_printf ("<x:c r=\"A(\\d+)\"[^>]*t=\"s\"><x:v>%d</x:v></x:c>", index);
  regex = g_regex_new (pattern, 0, 0, NULL);
  g_assert_true (g_regex_match (regex, sheet, 0, &match));
  {
    g_autofree char *row = g_match_info_fetch (match, 1);
    g_autofree char *cell = g_strdup_printf ("<x:c r=\"%s%s\"[^>]*><x:v>([^<]*)</x:v>", column, row);
    g_autoptr(GRegex) cell_regex = g_regex_new (cell, 0, 0, NULL);
    g_autoptr(GMatchInfo) cell_match = NULL;
    g_autofree char *number = NULL;

    g_assert_true (g_regex_match (cell_regex, sheet, 0, &cell_match));
    number = g_match_info_fetch (cell_match, 1);
    return g_ascii_strtod (number, NULL);
  }
}

/* ---- statistics formats ------------------------------------------------------ */

#define XLSX "scb_statistikdatabasen_deso_ekonomisk_standard_2022.xlsx"

static void
test_xlsx (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, XLSX, NULL);
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *deso = report_level (importer, "deso", &keep);
  AtlasIndicator *low = atlas_dataset_lookup_indicator (dataset, "lag_ekonomisk_standard_procent");
  double persons = 0;

  /* every stored value is the sheet's */
  g_assert_cmpfloat (value_of (dataset, "lag_ekonomisk_standard_procent", 2022, "0114A0010"), ==,
                     xlsx_value (XLSX, "0114A0010", "B"));
  g_assert_cmpfloat (value_of (dataset, "antal_personer_totalt", 2022, "2583C1030"), ==,
                     xlsx_value (XLSX, "2583C1030", "D"));
  g_assert_cmpstr (atlas_indicator_get_source (low), !=, NULL);
  g_assert_nonnull (strstr (atlas_indicator_get_source (low), "000006TA"));
  g_assert_cmpint (atlas_indicator_get_unit (low), ==, ATLAS_UNIT_PERCENT);

  /* all 5,984 DeSO 2018, none drawn; kommun values derived from them */
  g_assert_cmpint (json_object_get_int_member (deso, "areas"), ==, 5984);
  g_assert_cmpint (json_object_get_int_member (deso, "codes_without_geometry"), ==, 5984);
  g_assert_cmpstr (json_object_get_string_member (deso, "version"), ==, "DeSO 2018");
  g_assert_cmpuint (atlas_division_get_n_undrawn (atlas_dataset_lookup_division (dataset, "deso")), ==, 5984);
  g_assert_cmpuint (atlas_division_get_n_undrawn (atlas_dataset_lookup_division (dataset, "kommun")), ==, 0);
  for (const char *const *c = (const char *const[]) { "0114A0010", "0114C1010", NULL }; *c != NULL; c++)
    persons += xlsx_value (XLSX, *c, "D");
  g_assert_cmpfloat (persons, >, 0);
  g_assert_cmpfloat (value_of (dataset, "antal_personer_totalt", 2022, "0114"), >, persons);
}

#define OMRADESTYP "scb_statistikdatabasen_regso_omradestyp_2022.csv"

/* "Kommun (RegSO-namn)" rows, matched to codes with SCB's key. */
static void
test_csv_labels (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, OMRADESTYP, NULL);
  g_auto(GStrv) lines = read_lines (OMRADESTYP, NULL);
  AtlasIndicator *type = atlas_dataset_lookup_indicator (dataset, "omradestyp");
  guint checked = 0;

  g_assert_nonnull (type);
  g_assert_cmpint (atlas_indicator_get_unit (type), ==, ATLAS_UNIT_CATEGORY);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *code = g_str_has_prefix (lines[i], "Upplands Väsby (Bollstanäs),") ? "0114R001"
                         : g_str_has_prefix (lines[i], "Vallentuna (Vallentuna södra tätort),") ? "0115R005" : NULL;

      if (code == NULL)
        continue;
      g_assert_cmpfloat (value_of (dataset, "omradestyp", 2022, code), ==, g_ascii_strtod (strrchr (lines[i], ',') + 1, NULL));
      checked++;
    }
  g_assert_cmpuint (checked, ==, 2);
  g_assert_cmpstr (atlas_area_get_name (atlas_dataset_lookup_area (dataset, "0114R001")), ==, "Bollstanäs");
}

#define ENKOPING "regso2020_enkoping_3006.geojson"

/* Områdestyp exists only for RegSO and categories do not add up. Without
 * RegSO borders the package opens at kommun and says where the values
 * are; with Enköping's RegSO borders it opens at RegSO with områdestyp
 * in the file's year, not at an empty kommun map, and says why. */
static void
test_start_where_values_are (void)
{
  g_autoptr(AtlasImporter) bare_importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) bare = pack (bare_importer, NULL, OMRADESTYP, NULL);
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, OMRADESTYP, ENKOPING, NULL);
  g_auto(GStrv) lines = read_lines (OMRADESTYP, NULL);
  AtlasDivision *division = NULL;
  AtlasIndicator *indicator = NULL;
  g_autofree char *note = NULL;
  g_autofree char *bare_note = NULL;
  guint year = 0;

  g_assert_false (atlas_dataset_choose_start (bare, &division, &indicator, &year));
  g_assert_cmpstr (atlas_division_get_id (division), ==, "kommun");
  bare_note = atlas_dataset_dup_start_note (bare, division, indicator);
  g_assert_nonnull (bare_note);
  g_assert_nonnull (strstr (bare_note, "no borders"));
  g_assert_nonnull (strstr (bare_note, "categories"));

  /* Every RegSO is listed by SCB's key, so RegSO covers the country and
   * is the default level once it has borders to draw. */
  g_assert_cmpstr (atlas_division_get_id (atlas_dataset_get_default_division (dataset)), ==, "regso");
  /* 11 RegSO of Enköping drawn, the rest listed by SCB's key */
  g_assert_cmpuint (atlas_division_get_n_areas (atlas_dataset_lookup_division (dataset, "regso"))
                    - atlas_division_get_n_undrawn (atlas_dataset_lookup_division (dataset, "regso")), ==, 11);
  g_assert_true (atlas_dataset_choose_start (dataset, &division, &indicator, &year));
  g_assert_cmpstr (atlas_division_get_id (division), ==, "regso");
  g_assert_cmpstr (atlas_indicator_get_id (indicator), ==, "omradestyp");
  /* The header row names the one year: ",2022" */
  g_assert_cmpuint (year, ==, (guint) g_ascii_strtoull (strrchr (lines[0], ',') + 1, NULL, 10));
  g_assert_null (atlas_dataset_dup_start_note (dataset, division, indicator));
  /* Opened at RegSO where kommun is the default: the note says why. */
  note = atlas_dataset_dup_start_note (bare, atlas_dataset_lookup_division (bare, "regso"),
                                       atlas_dataset_lookup_indicator (bare, "omradestyp"));
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, atlas_indicator_get_name (indicator, NULL)));
  g_assert_nonnull (strstr (note, "only for RegSO: categories do not add up"));
}

#define PXWEB "scb_pxweb_uppsala_regso2025_folkmangd_2024.json"
#define JSONSTAT "scb_jsonstat_uppsala_regso2025_folkmangd_2024.json"

/* The PxWeb row (code, Alder, Kon, year) as the file has it. */
static double
pxweb_value (const char *code,
             const char *age,
             const char *sex)
{
  g_autofree char *path = fixture (PXWEB);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *key = g_strdup_printf ("%s_RegSO2025", code);
  JsonArray *data;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *row = json_array_get_object_element (data, i);
      JsonArray *k = json_object_get_array_member (row, "key");

      if (g_str_equal (json_array_get_string_element (k, 0), key) &&
          g_str_equal (json_array_get_string_element (k, 1), age) &&
          g_str_equal (json_array_get_string_element (k, 2), sex))
        return g_ascii_strtod (json_array_get_string_element (json_object_get_array_member (row, "values"), 0), NULL);
    }
  g_assert_not_reached ();
}

/* RegSO 2025 has no borders: the legend's note counts its areas, and the
 * package opens at kommun level, where the RegSO values add up. */
static void
check_start_and_undrawn (AtlasDataset  *dataset,
                         AtlasDivision *regso)
{
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasDivision *division = NULL;
  AtlasIndicator *indicator = NULL;
  g_autofree char *sv = atlas_division_dup_undrawn_note (regso, "sv");
  g_autofree char *en = atlas_division_dup_undrawn_note (regso, "en");
  g_autofree char *expected = g_strdup_printf ("61 av %u områden saknar gränser och ritas inte",
                                               atlas_division_get_n_areas (regso));
  guint year = 0;

  g_assert_cmpuint (atlas_division_get_n_areas (regso), ==, 61);
  g_assert_cmpstr (sv, ==, expected);
  g_assert_cmpstr (en, ==, "61 of 61 areas have no borders and are not drawn");
  g_assert_null (atlas_division_dup_undrawn_note (kommun, "sv"));
  g_assert_true (atlas_dataset_choose_start (dataset, &division, &indicator, &year));
  g_assert_true (division == kommun);
  g_assert_cmpstr (atlas_indicator_get_id (indicator), ==, "folkmangden_per_region");
  g_assert_cmpuint (year, ==, 2024);
  g_assert_null (atlas_dataset_dup_start_note (dataset, division, indicator));
}

static void
test_pxweb_and_json_stat (void)
{
  g_autoptr(AtlasImporter) px_importer = atlas_importer_new ();
  g_autoptr(AtlasImporter) stat_importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) px = pack (px_importer, NULL, PXWEB, NULL);
  g_autoptr(AtlasDataset) stat = pack (stat_importer, NULL, JSONSTAT, NULL);
  AtlasDivision *regso = atlas_dataset_lookup_division (px, "regso");
  double sum = 0;

  /* Kon 1+2 and Alder totalt by default */
  g_assert_cmpfloat (value_of (px, "folkmangden_per_region", 2024, "0380R001"), ==, pxweb_value ("0380R001", "totalt", "1+2"));
  g_assert_cmpstr (atlas_division_get_version (regso), ==, "RegSO 2025");
  for (guint i = 0; i < atlas_division_get_n_areas (regso); i++)
    {
      const char *code = atlas_area_get_code (atlas_division_get_area (regso, i));
      double v = value_of (px, "folkmangden_per_region", 2024, code);

      g_assert_cmpfloat (v, ==, value_of (stat, "folkmangden_per_region", 2024, code));
      sum += v;
    }
  /* levels without geometry aggregate: Uppsala kommun from its RegSO */
  g_assert_cmpuint (atlas_division_get_n_undrawn (regso), ==, 61);
  g_assert_cmpfloat (value_of (px, "folkmangden_per_region", 2024, "0380"), ==, sum);
  check_start_and_undrawn (px, regso);
}

static void
test_pxweb_choices (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_importer_select (importer, "Alder=20-24", &error));
  atlas_importer_split (importer, "Kon");
  g_assert_true (atlas_importer_add_share (importer, "andel_man=folkmangden_per_region_man/folkmangden_per_region_totalt", &error));
  dataset = pack (importer, NULL, PXWEB, NULL);
  g_assert_cmpfloat (value_of (dataset, "folkmangden_per_region_man", 2024, "0380R002"), ==, pxweb_value ("0380R002", "20-24", "1"));
  g_assert_cmpfloat (value_of (dataset, "folkmangden_per_region_kvinnor", 2024, "0380R002"), ==, pxweb_value ("0380R002", "20-24", "2"));
  /* The file gives Kon's codes only: SCB's standard texts name them, and
   * the caveat says so. */
  {
    AtlasIndicator *women = atlas_dataset_lookup_indicator (dataset, "folkmangden_per_region_kvinnor");

    g_assert_cmpstr (atlas_indicator_get_name (women, "sv"), ==, "Folkmängden per region, kvinnor");
    g_assert_cmpstr (atlas_indicator_get_name (atlas_dataset_lookup_indicator (dataset, "folkmangden_per_region_man"), "sv"),
                     ==, "Folkmängden per region, män");
    g_assert_nonnull (strstr (atlas_indicator_get_caveat (women, "sv"), "SCB:s standardtexter"));
  }
  /* stored with ten significant digits */
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "andel_man", 2024, "0380R002"),
                                  100 * pxweb_value ("0380R002", "20-24", "1") / pxweb_value ("0380R002", "20-24", "1+2"),
                                  1e-6);
}

#define EXCEL "excel_deso_nettoinkomst_2022.csv"

/* Semicolons, decimal commas, CP1252, CRLF, codes without their zero. */
static void
test_excel_csv (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, EXCEL, NULL);
  g_auto(GStrv) lines = read_lines (EXCEL, "CP1252");
  g_auto(GStrv) cells = g_strsplit (lines[3], ";", -1);
  g_autofree char *code = g_strconcat ("0", cells[0], NULL);
  g_autofree char *mean = g_strdelimit (g_strdup (cells[2]), ",", '.');

  g_assert_true (g_str_has_prefix (lines[0], "Område;Medianvärde, tkr 2022"));
  /* tkr become kronor */
  g_assert_cmpfloat (fabs (value_of (dataset, "medelvarde_tkr", 2022, code) - 1000 * g_ascii_strtod (mean, NULL)), <, 1e-6);
  g_assert_cmpint (atlas_indicator_get_unit (atlas_dataset_lookup_indicator (dataset, "medelvarde_tkr")), ==, ATLAS_UNIT_SEK);
}

/* ---- geometry -------------------------------------------------------------------- */

/* A zipped shapefile: integer codes (114), Latin-1 names without a .cpg,
 * islands as several rows, Z coordinates, SWEREF99 TM. */
static void
test_zipped_shapefile (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, "kommuner_stockholms_lan_3006.zip", EXCEL, NULL);
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *kommun = report_level (importer, "kommun", &keep);
  AtlasArea *varmdo = atlas_dataset_lookup_area (dataset, "0120");
  const AtlasBBox *box;

  g_assert_nonnull (varmdo);
  g_assert_cmpstr (atlas_area_get_name (varmdo), ==, "Värmdö");
  g_assert_cmpstr (atlas_area_get_name (atlas_dataset_lookup_area (dataset, "0117")), ==, "Österåker");
  /* Värmdö's islands: eight rows, one area */
  g_assert_cmpuint (atlas_geometry_get_n_rings (atlas_area_get_geometry (varmdo)), >=, 8);
  box = atlas_geometry_get_bbox (atlas_area_get_geometry (varmdo));
  g_assert_cmpfloat (box->min_x, >, 18);
  g_assert_cmpfloat (box->max_y, <, 60);
  g_assert_cmpint (json_object_get_int_member (kommun, "drawn"), ==, 26);
  g_assert_cmpint (json_object_get_int_member (kommun, "areas"), ==, 26);
}

/* GeoJSON whose coordinates are SWEREF99 TM though GeoJSON means WGS 84. */
static void
test_geojson_without_crs (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, "kommuner_uppsala_lan_sweref99_utan_crs.geojson", JSONSTAT, NULL);
  g_autoptr(JsonNode) report = atlas_importer_get_report (importer);
  JsonArray *changes = json_object_get_array_member (json_node_get_object (report), "changes");
  const AtlasBBox *box = atlas_geometry_get_bbox (atlas_area_get_geometry (atlas_dataset_lookup_area (dataset, "0380")));
  gboolean said = FALSE;

  g_assert_cmpfloat (box->min_x, >, 16.5);
  g_assert_cmpfloat (box->max_x, <, 18.5);
  g_assert_cmpfloat (box->min_y, >, 59.5);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    said = said || strstr (json_array_get_string_element (changes, i), "SWEREF99") != NULL;
  g_assert_true (said);
}

/* ---- levels without geometry ------------------------------------------------------ */

#define REGSO "scb_statistikdatabasen_regso_fodelseregion_goteborg_uppsala_2020_2023.csv"

/* All of Göteborg's RegSO, kommun borders only: Göteborg's population is
 * the sum of its RegSO rows in the source. */
static void
test_goteborg_without_regso_geometry (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = pack (importer, NULL, REGSO, NULL);
  g_auto(GStrv) lines = read_lines (REGSO, NULL);
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  double sum = 0;
  guint rows = 0;

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "\"Göteborg (") && strstr (lines[i], "\",\"totalt\",\"totalt\",") != NULL)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

        sum += g_ascii_strtod (cells[g_strv_length (cells) - 1], NULL);  /* Antal 2023 */
        rows++;
      }
  g_assert_cmpuint (rows, >, 40);
  g_assert_cmpuint (atlas_division_get_n_undrawn (regso), ==, atlas_division_get_n_areas (regso));
  g_assert_false (atlas_division_has_geometry (regso));
  {
    g_autofree char *note = atlas_division_dup_undrawn_note (regso, "sv");

    g_assert_nonnull (note);
  }
  g_assert_cmpfloat (value_of (dataset, "antal_fodelseregion_totalt", 2023, "1480"), ==, sum);
}

/* ---- sums, merges, drops, dissolved borders ------------------------------------------ */

/* Σ over the CSV's rows for kommun @prefix ("Uppsala (") and birth region
 * @region of the count in @column (4 = Antal 2020 … 7 = Antal 2023). */
static double
regso_csv_sum (const char *prefix,
               const char *region,
               guint       column)
{
  g_auto(GStrv) lines = read_lines (REGSO, NULL);
  g_autofree char *quoted = g_strdup_printf ("\"%s", prefix);
  g_autofree char *middle = g_strdup_printf ("\",\"%s\",\"totalt\",", region);
  double sum = 0;

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], quoted) && strstr (lines[i], middle) != NULL)
      {
        g_auto(GStrv) cells = g_strsplit (strstr (lines[i], middle) + strlen (middle), ",", -1);

        sum += g_ascii_strtod (cells[column - 4], NULL);
      }
  g_assert_cmpfloat (sum, >, 0);
  return sum;
}

static void
test_sum_merge_drop (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasImporter) bad = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = make_output ("bad");
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autofree char *xlsx = fixture (XLSX);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);

  atlas_importer_split (importer, "födelseregion");
  g_assert_true (atlas_importer_add_sum (importer, "utrikes_fodda=antal_totalt-antal_sverige", &error));
  g_assert_true (atlas_importer_add_merge (importer, "personer=antal_personer_totalt,antal_totalt", &error));
  g_assert_true (atlas_importer_add_share (importer, "utrikes_andel=utrikes_fodda/personer", &error));
  g_assert_no_error (error);
  atlas_importer_drop (importer, "antal_sverige");
  atlas_importer_drop (importer, "antal_totalt");
  dataset = pack (importer, NULL, XLSX, REGSO, NULL);

  /* the sum: born abroad = total − born in Sweden, RegSO by RegSO */
  g_assert_cmpfloat (value_of (dataset, "utrikes_fodda", 2021, "0380"), ==,
                     regso_csv_sum ("Uppsala (", "totalt", 5) - regso_csv_sum ("Uppsala (", "Sverige", 5));
  /* the merge: DeSO values from the XLSX, RegSO values from the CSV */
  g_assert_cmpfloat (value_of (dataset, "personer", 2022, "0114A0010"), ==, xlsx_value (XLSX, "0114A0010", "D"));
  g_assert_cmpfloat (value_of (dataset, "personer", 2020, "1480"), ==, regso_csv_sum ("Göteborg (", "totalt", 4));
  /* a share of the sum and the merge, aggregated as the ratio of sums */
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "utrikes_andel", 2023, "0380"),
                                  100 * (1 - regso_csv_sum ("Uppsala (", "Sverige", 7) /
                                             regso_csv_sum ("Uppsala (", "totalt", 7)), 1e-9);
  /* the parts are left out */
  g_assert_null (atlas_dataset_lookup_indicator (dataset, "antal_sverige"));
  g_assert_null (atlas_dataset_lookup_indicator (dataset, "antal_totalt"));

  /* a weight cannot be dropped while what it weights stays */
  atlas_importer_add_file (bad, xlsx_file);
  atlas_importer_drop (bad, "antal_personer_totalt");
  g_assert_false (atlas_importer_write (bad, out, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "lag_ekonomisk_standard_procent"));
  g_clear_error (&error);
  g_assert_false (atlas_importer_add_sum (bad, "no-equals-sign", &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION);
}

/* "code\tparent" → { area, polygons } of a GeoPackage layer written by pack. */
static GHashTable *
read_areas (const char *path)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer = ds != NULL ? GDALDatasetGetLayer (ds, 0) : NULL;
  GHashTable *areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  OGRFeatureH feature;

  g_assert_nonnull (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      double *area = g_new (double, 2);

      area[0] = OGR_G_Area (OGR_F_GetGeometryRef (feature));
      area[1] = OGR_G_GetGeometryCount (OGR_F_GetGeometryRef (feature));
      g_hash_table_insert (areas, g_strdup_printf ("%s\t%s", OGR_F_GetFieldAsString (feature, 0),
                                                   OGR_F_GetFieldAsString (feature, 2)), area);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);
  return areas;
}

static void
test_dissolve (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autofree char *polygons = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "sources", "geo",
                                                "uppsala_lan_deso2018.gpkg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (polygons);
  g_autofree char *dir = NULL;
  g_autofree char *deso_path = NULL, *regso_path = NULL;
  g_autoptr(GHashTable) deso = NULL, regso = NULL, sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(AtlasDataset) dataset = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint merged = 0;

  atlas_importer_add_file (importer, file);
  atlas_importer_dissolve (importer, "regso");
  atlas_importer_draw_within (importer, "03");
  atlas_importer_set_simplify (importer, 25);
  dataset = pack (importer, &dir, XLSX, NULL);
  deso_path = g_build_filename (dir, "geo", "deso.gpkg", NULL);
  regso_path = g_build_filename (dir, "geo", "regso.gpkg", NULL);
  deso = read_areas (deso_path);
  regso = read_areas (regso_path);

  /* only Uppsala län is drawn, though the file reaches into its neighbours */
  g_hash_table_iter_init (&iter, deso);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) code = g_strsplit (key, "\t", 2);
      double *sum = g_hash_table_lookup (sums, code[1]);

      g_assert_true (g_str_has_prefix (code[0], "03"));
      if (sum == NULL)
        g_hash_table_insert (sums, g_strdup (code[1]), (sum = g_new0 (double, 2)));
      sum[0] += ((double *) value)[0];
      sum[1] += ((double *) value)[1];
    }
  /* each RegSO is the union of its DeSO (SCB's key gives the parents) */
  g_assert_cmpuint (g_hash_table_size (regso), ==, g_hash_table_size (sums));
  g_hash_table_iter_init (&iter, regso);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) code = g_strsplit (key, "\t", 2);
      double *sum = g_hash_table_lookup (sums, code[0]);

      g_assert_nonnull (sum);
      g_assert_cmpfloat (fabs (((double *) value)[0] - sum[0]), <, 0.01 * sum[0]);
      /* merged, not just collected: DeSO that touch become one polygon */
      g_assert_cmpfloat (((double *) value)[1], <=, sum[1]);
      merged += ((double *) value)[1] < sum[1];
    }
  g_assert_cmpuint (merged, >, g_hash_table_size (regso) / 2);
  g_assert_cmpuint (atlas_division_get_n_areas (atlas_dataset_lookup_division (dataset, "regso")), ==, 3363);
}

/* ---- report and recipe --------------------------------------------------------------- */

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_recipe_round_trip (void)
{
  g_autoptr(AtlasImporter) first = atlas_importer_new ();
  g_autoptr(AtlasImporter) again = atlas_importer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir1 = NULL;
  g_autofree char *dir2 = make_output ("rebuilt");
  g_autofree char *recipe_path = make_output ("recipe.json");
  g_autoptr(GFile) recipe = g_file_new_for_path (recipe_path);
  g_autoptr(GFile) out2 = g_file_new_for_path (dir2);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autofree char *m1 = NULL, *m2 = NULL, *v1 = NULL, *v2 = NULL;

  atlas_importer_set_id (first, "uppsala-folkmangd");
  atlas_importer_set_title (first, "Uppsala, folkmängd efter kön");
  atlas_importer_split (first, "Kon");
  g_assert_true (atlas_importer_rename (first, "folkmangden_per_region_kvinnor=Kvinnor", &error));
  dataset = pack (first, &dir1, PXWEB, NULL);
  g_assert_true (atlas_importer_save_recipe (first, recipe, &error));
  g_assert_no_error (error);

  /* next year: one command, the recipe and (here the same) files */
  g_assert_true (atlas_importer_load_recipe (again, recipe, TRUE, &error));
  g_assert_true (atlas_importer_write (again, out2, NULL, &error));
  g_assert_no_error (error);
  m1 = read_text (dir1, "manifest.json");
  m2 = read_text (dir2, "manifest.json");
  g_assert_cmpstr (m1, ==, m2);
  v1 = read_text (dir1, "values/2024.csv");
  v2 = read_text (dir2, "values/2024.csv");
  g_assert_cmpstr (v1, ==, v2);
  g_assert_cmpstr (atlas_indicator_get_name (atlas_dataset_lookup_indicator (dataset, "folkmangden_per_region_kvinnor"), "sv"), ==, "Kvinnor");
  g_assert_cmpstr (atlas_dataset_get_id (dataset), ==, "uppsala-folkmangd");
}

/* What SCB's files lack, given in the recipe: themes, polarity, English
 * texts, a fixed date; the file's own definition and footnotes stay. */
static void
test_recipe_describes (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasImporter) again = atlas_importer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = fixture (XLSX);
  g_autofree char *recipe_path = make_output ("described.json");
  g_autofree char *saved_path = make_output ("saved.json");
  g_autoptr(GFile) recipe = g_file_new_for_path (recipe_path);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autofree char *text = g_strdup_printf (
    "{ \"platsatlas_recipe\": 1, \"id\": \"ek\", \"files\": [ \"%s\" ],"
    "  \"date\": \"2026-01-02\", \"version\": \"7\","
    "  \"themes\": [ { \"id\": \"inkomst\", \"name\": { \"sv\": \"Inkomst\", \"en\": \"Income\" } } ],"
    "  \"indicators\": [ { \"match\": \"0|tabellinnehåll=Låg ekonomisk standard, procent\", \"id\": \"lag\","
    "    \"theme\": \"inkomst\", \"polarity\": \"lower-is-better\", \"short\": \"Låg ek.\","
    "    \"note\": \"Tillagt av receptet.\", \"footnotes\": [ \"Vissa personer går inte\" ],"
    "    \"en\": { \"name\": \"Low economic standard\" } } ] }", xlsx);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autofree char *written = NULL;
  AtlasIndicator *low;

  g_assert_true (g_file_set_contents (recipe_path, text, -1, NULL));
  g_assert_true (atlas_importer_load_recipe (importer, recipe, TRUE, &error));
  g_assert_no_error (error);
  dataset = pack (importer, NULL, NULL);
  low = atlas_dataset_lookup_indicator (dataset, "lag");
  g_assert_nonnull (low);
  g_assert_cmpstr (atlas_indicator_get_theme_id (low), ==, "inkomst");
  g_assert_cmpint (atlas_indicator_get_polarity (low), ==, ATLAS_POLARITY_LOWER_IS_BETTER);
  g_assert_cmpstr (atlas_indicator_get_short_label (low, "sv"), ==, "Låg ek.");
  g_assert_cmpstr (atlas_indicator_get_name (low, "en"), ==, "Low economic standard");
  g_assert_cmpstr (atlas_indicator_get_name (low, "sv"), ==, "Låg ekonomisk standard, procent");
  /* the definition is the file's title, then the recipe's note */
  g_assert_true (g_str_has_prefix (atlas_indicator_get_definition (low, "sv"),
                                   "Låg resp. hög ekonomisk standard efter region"));
  g_assert_true (g_str_has_suffix (atlas_indicator_get_definition (low, "sv"), " Tillagt av receptet."));
  /* the footnote lines the recipe keeps, verbatim; all of them elsewhere */
  g_assert_true (g_str_has_prefix (atlas_indicator_get_caveat (low, "sv"), "Vissa personer går inte att placera"));
  g_assert_null (strstr (atlas_indicator_get_caveat (low, "sv"), "60 procent av medianvärdet"));
  g_assert_nonnull (strstr (atlas_indicator_get_caveat (atlas_dataset_lookup_indicator (dataset,
                                                                                    "hog_ekonomisk_standard_procent"), "sv"),
                            "60 procent av medianvärdet"));
  g_assert_cmpstr (atlas_dataset_get_date (dataset), ==, "2026-01-02");
  /* indicators the recipe does not describe keep the default theme */
  g_assert_cmpstr (atlas_indicator_get_theme_id (atlas_dataset_lookup_indicator (dataset, "hog_ekonomisk_standard_procent")),
                   ==, "import");

  /* saved again, the description survives */
  g_assert_true (atlas_importer_save_recipe (importer, saved, &error));
  g_assert_true (atlas_importer_load_recipe (again, saved, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&dataset);
  dataset = pack (again, NULL, NULL);
  g_assert_cmpint (atlas_indicator_get_polarity (atlas_dataset_lookup_indicator (dataset, "lag")), ==,
                   ATLAS_POLARITY_LOWER_IS_BETTER);
  g_assert_true (g_file_get_contents (saved_path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "\"themes\""));
}

/* A recipe names its files relative to itself, "../" included. */
static void
test_recipe_relative_files (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *root = make_output ("moved");
  g_autofree char *sources = g_build_filename (root, "sources", NULL);
  g_autofree char *recipes = g_build_filename (root, "recipes", NULL);
  g_autofree char *copy = g_build_filename (sources, "tabell.xlsx", NULL);
  g_autofree char *recipe_path = g_build_filename (recipes, "r.json", NULL);
  g_autofree char *original = fixture (XLSX);
  g_autofree char *bytes = NULL;
  g_autofree char *written = NULL;
  gsize size = 0;
  g_autoptr(GFile) file = g_file_new_for_path (copy);
  g_autoptr(GFile) recipe = g_file_new_for_path (recipe_path);

  g_assert_cmpint (g_mkdir_with_parents (sources, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (recipes, 0755), ==, 0);
  g_assert_true (g_file_get_contents (original, &bytes, &size, NULL));
  g_assert_true (g_file_set_contents (copy, bytes, (gssize) size, NULL));
  atlas_importer_add_file (importer, file);
  g_assert_true (atlas_importer_inspect (importer, NULL, &error));
  g_assert_true (atlas_importer_save_recipe (importer, recipe, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (recipe_path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "\"../sources/tabell.xlsx\""));
  g_assert_null (strstr (written, root));
}

static char *
inspect_text (const char *name,
              const char *text)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  atlas_importer_add_file (importer, file);
  g_assert_false (atlas_importer_inspect (importer, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_AREAS);
  g_assert_nonnull (strstr (error->message, name));
  g_unlink (path);
  g_rmdir (dir);
  return g_strdup (error->message);
}

/* Core tests bind no catalogue: messages are in English. A file without
 * area keys says what its first column holds, and what
 * to do when a code and a name share a cell (SCB's "0114 Upplands
 * Väsby") or everything is in one column. */
static void
check_key_hints (void)
{
  g_autofree char *shared = inspect_text ("kod-och-namn.csv", "Region;Folkmängd 2024\n0114 Upplands Väsby;12345\n");
  g_autofree char *words = inspect_text ("ord.csv", "Namn;Värde 2024\nbara;12,5\ntext;7,25\n");
  g_autofree char *one = inspect_text ("en-kolumn.csv", "Region|Folkmängd 2024\n0114|12345\n");

  g_assert_nonnull (strstr (shared, "“0114 Upplands Väsby”"));
  g_assert_nonnull (strstr (shared, "code alone in a column"));
  g_assert_nonnull (strstr (words, "“bara”"));
  g_assert_nonnull (strstr (one, "only one column"));
}

static void
test_errors (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", "manifest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasImporter) choice = atlas_importer_new ();
  g_autofree char *px = fixture (PXWEB);
  g_autoptr(GFile) px_file = g_file_new_for_path (px);
  g_autoptr(GError) error = NULL;

  atlas_importer_add_file (importer, file);
  g_assert_false (atlas_importer_inspect (importer, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "manifest.json"));
  g_clear_error (&error);

  atlas_importer_add_file (choice, px_file);
  g_assert_true (atlas_importer_select (choice, "Alder=200-204", &error));
  g_assert_false (atlas_importer_inspect (choice, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, PXWEB));
  g_assert_nonnull (strstr (error->message, "200-204"));
  g_clear_error (&error);

  /* An empty file (the fuzzer's first input) is an error naming it. */
  {
    g_autoptr(AtlasImporter) empty = atlas_importer_new ();
    g_autofree char *dir = g_dir_make_tmp ("platsatlas-import-XXXXXX", NULL);
    g_autofree char *empty_path = g_build_filename (dir, "tom.csv", NULL);
    g_autoptr(GFile) empty_file = g_file_new_for_path (empty_path);

    g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
    atlas_importer_add_file (empty, empty_file);
    g_assert_false (atlas_importer_inspect (empty, NULL, &error));
    g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "tom.csv"));
    g_clear_error (&error);

    /* Nested 100 000 deep: refused before json-glib recurses. */
    {
      g_autoptr(AtlasImporter) deep = atlas_importer_new ();
      g_autofree char *deep_path = g_build_filename (dir, "djup.json", NULL);
      g_autoptr(GFile) deep_file = g_file_new_for_path (deep_path);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append (text, "{\"a\":");
      g_assert_true (g_file_set_contents (deep_path, text->str, text->len, NULL));
      g_string_free (text, TRUE);
      atlas_importer_add_file (deep, deep_file);
      g_assert_false (atlas_importer_inspect (deep, NULL, &error));
      g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "djup.json"));
      g_unlink (deep_path);
    }
    g_unlink (empty_path);
    g_rmdir (dir);
  }
  check_key_hints ();
}

/* ---- the assistant's path: async, progress, cancellation ---------------------- */

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
on_fraction (GObject    *object,
             GParamSpec *pspec,
             gpointer    data)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*(guint *) data)++;
}

static guint
count_previews (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "platsatlas-preview-");
  return n;
}

/* The preview is the package as written: same indicators and values,
 * and nothing is left in the temporary folder. */
static void
test_preview (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autofree char *px = fixture (PXWEB);
  g_autoptr(GFile) file = g_file_new_for_path (px);
  g_autoptr(AtlasDataset) preview = NULL;
  g_autoptr(AtlasDataset) written = NULL;
  g_autoptr(GError) error = NULL;
  guint leftovers = count_previews ();

  atlas_importer_add_file (importer, file);
  g_assert_true (atlas_importer_select (importer, "Kon=2", &error));
  g_assert_true (atlas_importer_inspect (importer, NULL, &error));
  g_assert_no_error (error);
  preview = atlas_importer_preview (importer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_previews (), ==, leftovers);
  g_assert_cmpfloat (value_of (preview, "folkmangden_per_region", 2024, "0380R001"), ==,
                     pxweb_value ("0380R001", "totalt", "2"));
  written = pack (importer, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_indicators (written)), ==,
                    g_list_model_get_n_items (atlas_dataset_get_indicators (preview)));
  g_assert_cmpfloat (value_of (written, "folkmangden_per_region", 2024, "0380"), ==,
                     value_of (preview, "folkmangden_per_region", 2024, "0380"));
}

static void
test_async (void)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasImporter) cancelled = atlas_importer_new ();
  g_autofree char *px = fixture (PXWEB);
  g_autoptr(GFile) file = g_file_new_for_path (px);
  g_autofree char *path = make_output ("async");
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) inspected = NULL, written = NULL, stopped = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  atlas_importer_add_file (importer, file);
  g_signal_connect (importer, "notify::fraction", G_CALLBACK (on_fraction), &notified);
  atlas_importer_inspect_async (importer, NULL, on_done, &inspected);
  g_assert_true (atlas_importer_inspect_finish (importer, wait_for (&inspected), &error));
  g_assert_no_error (error);
  plan = atlas_importer_get_plan (importer);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (plan), "indicators")), ==, 1);

  atlas_importer_write_async (importer, output, NULL, on_done, &written);
  g_assert_true (atlas_importer_write_finish (importer, wait_for (&written), &error));
  g_assert_no_error (error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpfloat (atlas_importer_get_fraction (importer), ==, 1);
  g_assert_cmpuint (notified, >=, 2);

  atlas_importer_add_file (cancelled, file);
  g_cancellable_cancel (cancellable);
  atlas_importer_inspect_async (cancelled, cancellable, on_done, &stopped);
  g_assert_false (atlas_importer_inspect_finish (cancelled, wait_for (&stopped), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/xlsx", test_xlsx);
  g_test_add_func ("/import/csv-labels", test_csv_labels);
  g_test_add_func ("/import/start-where-values-are", test_start_where_values_are);
  g_test_add_func ("/import/preview", test_preview);
  g_test_add_func ("/import/pxweb-and-json-stat", test_pxweb_and_json_stat);
  g_test_add_func ("/import/pxweb-choices", test_pxweb_choices);
  g_test_add_func ("/import/excel-csv", test_excel_csv);
  g_test_add_func ("/import/zipped-shapefile", test_zipped_shapefile);
  g_test_add_func ("/import/geojson-without-crs", test_geojson_without_crs);
  g_test_add_func ("/import/goteborg-without-regso-geometry", test_goteborg_without_regso_geometry);
  g_test_add_func ("/import/sum-merge-drop", test_sum_merge_drop);
  g_test_add_func ("/import/dissolve", test_dissolve);
  g_test_add_func ("/import/recipe-round-trip", test_recipe_round_trip);
  g_test_add_func ("/import/recipe-describes", test_recipe_describes);
  g_test_add_func ("/import/recipe-relative-files", test_recipe_relative_files);
  g_test_add_func ("/import/errors", test_errors);
  g_test_add_func ("/import/async", test_async);

  made_dirs = g_ptr_array_new_with_free_func (g_free);
  status = g_test_run ();
  remove_made_dirs ();
  return status;
}
