/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The packaged stockholm-uppsala dataset against SCB's own exports in
 * data/sources, read here by a reader of its own (scb-table.c): stored DeSO
 * and RegSO values, and kommun, län and riket values derived from all of
 * Sweden, most of which has no polygons in the package. */
#include <math.h>
#include <string.h>

#include "atlas-core.h"
#include "scb-table.h"

#define SHARE_TOLERANCE 1e-3 /* stored shares keep three decimals */

/* DeSO drawn in Stockholm and Uppsala län, and one in Göteborg, not drawn. */
static const char *const named_deso[] = { "0180C3420", "0380C1010", "1480C1010", "2584C1130" };
/* Kommuner: Stockholm, Uppsala, Göteborg and Kiruna (the last two without
 * any DeSO or RegSO polygons in the package). */
static const char *const named_kommuner[] = { "0180", "0380", "1480", "2584" };

static AtlasDataset *dataset;

static ScbTable *
deso_table (const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "sources", "stats",
                                            "scb-deso2018-2022", file, NULL);

  return scb_table_read_xlsx (path);
}

static ScbRegsoCsv *
regso_csv (const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "sources", "stats",
                                            "scb-regso2020-2020-2023", file, NULL);

  return scb_regso_csv_read (path);
}

static double
value_of (const char       *indicator_id,
          guint             year,
          const char       *code,
          AtlasValueSource  expected)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasArea *area = atlas_dataset_lookup_area (dataset, code);
  AtlasMissingReason reason;
  double value = NAN;

  g_assert_nonnull (indicator);
  g_assert_nonnull (area);
  g_assert_cmpint (atlas_dataset_get_value (dataset, indicator, year, area, &value, &reason),
                   ==, expected);
  return value;
}

/* Sums of two columns over the DeSO whose code starts with prefix. */
static void
sum_columns (ScbTable   *table,
             const char *prefix,
             guint       a,
             guint       b,
             double     *sum_a,
             double     *sum_b)
{
  GPtrArray *codes = scb_table_codes (table);

  *sum_a = *sum_b = 0;
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);

      if (!g_str_has_prefix (code, prefix))
        continue;
      *sum_a += scb_table_value (table, code, a);
      *sum_b += scb_table_value (table, code, b);
    }
}

static void
test_tables_are_what_they_say (void)
{
  g_autoptr(ScbTable) a8 = deso_table ("000007A8_20240813-151334.xlsx");

  g_assert_cmpstr (scb_table_footer (a8, "Intern referenskod:"), ==, "000007A8");
  g_assert_cmpuint (scb_table_codes (a8)->len, ==, 5984);
}

static void
test_deso_values (void)
{
  g_autoptr(ScbTable) ff = deso_table ("000005FF_20240813-152010.xlsx");
  g_autoptr(ScbTable) fe = deso_table ("000005FE_20240813-152154.xlsx");
  g_autoptr(ScbTable) ta = deso_table ("000006TA_20240813-153551.xlsx");
  g_autoptr(ScbTable) fm = deso_table ("000005FM_20240813-153407.xlsx");
  g_autoptr(ScbTable) a8 = deso_table ("000007A8_20240813-151334.xlsx");
  g_autoptr(ScbTable) fc = deso_table ("000005FC_20240806-102837.xlsx");

  for (guint i = 0; i < G_N_ELEMENTS (named_deso); i++)
    {
      const char *d = named_deso[i];
      guint utl = scb_table_column (fe, "utländsk bakgrund"), tot = scb_table_column (fe, "totalt");
      guint ak = scb_table_column (a8, "antal sysselsatta och arbetslösa (arbetskraften)");

      g_assert_cmpfloat (value_of ("folkmangd", 2022, d, ATLAS_VALUE_STORED), ==,
                         scb_table_value (ff, d, scb_table_column (ff, "totalt")));
      g_assert_cmpfloat (value_of ("folkmangd", 2023, d, ATLAS_VALUE_STORED), ==,
                         scb_table_value (fc, d, scb_table_column (fc, "totalt")));
      g_assert_cmpfloat_with_epsilon (value_of ("utlandsk_bakgrund_andel", 2022, d, ATLAS_VALUE_STORED),
                                      100 * scb_table_value (fe, d, utl) / scb_table_value (fe, d, tot),
                                      SHARE_TOLERANCE);
      g_assert_cmpfloat (value_of ("lag_ek_standard", 2022, d, ATLAS_VALUE_STORED), ==,
                         scb_table_value (ta, d, scb_table_column (ta, "Låg ekonomisk standard, procent")));
      g_assert_cmpfloat_with_epsilon (value_of ("median_nettoinkomst", 2022, d, ATLAS_VALUE_STORED),
                                      1000 * scb_table_value (fm, d, scb_table_column (fm, "Medianvärde, tkr")),
                                      0.5);
      g_assert_cmpfloat_with_epsilon (value_of ("arbetsloshet_16_64", 2022, d, ATLAS_VALUE_STORED),
                                      100 * scb_table_value (a8, d, scb_table_column (a8, "antal arbetslösa"))
                                      / scb_table_value (a8, d, ak),
                                      SHARE_TOLERANCE);
    }
}

/* Folkmängd comes from two DeSO tables, 000005FF for 2022 and 000005FC for
 * 2023; Låg ekonomisk standard only from 000006TA, for 2022: its 2023
 * table at DeSO holds missing values only. */
static void
test_years_with_values (void)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasIndicator *folkmangd = atlas_dataset_lookup_indicator (dataset, "folkmangd");
  AtlasIndicator *low = atlas_dataset_lookup_indicator (dataset, "lag_ek_standard");

  g_assert_true (atlas_dataset_has_values (dataset, folkmangd, 2022, deso));
  g_assert_true (atlas_dataset_has_values (dataset, folkmangd, 2023, deso));
  g_assert_true (atlas_dataset_has_values (dataset, low, 2022, deso));
  g_assert_false (atlas_dataset_has_values (dataset, low, 2023, deso));
  /* Not a year of the package */
  g_assert_false (atlas_dataset_has_values (dataset, folkmangd, 1990, deso));
}

/* Derived kommun, län and riket shares are the ratio of summed counts. */
static void
check_derived_share (ScbTable   *table,
                     const char *numerator,
                     const char *denominator,
                     const char *indicator_id,
                     const char *code)
{
  double num, den;
  const char *prefix = g_str_equal (code, "00") ? "" : code;

  sum_columns (table, prefix, scb_table_column (table, numerator),
               scb_table_column (table, denominator), &num, &den);
  g_assert_cmpfloat_with_epsilon (value_of (indicator_id, 2022, code, ATLAS_VALUE_DERIVED),
                                  100 * num / den, SHARE_TOLERANCE);
}

static void
test_derived_shares (void)
{
  g_autoptr(ScbTable) a8 = deso_table ("000007A8_20240813-151334.xlsx");
  g_autoptr(ScbTable) mo = deso_table ("000005MO_20240813-151714.xlsx");
  g_autoptr(ScbTable) fe = deso_table ("000005FE_20240813-152154.xlsx");
  const char *const places[] = { "0180", "0380", "1480", "2584", "01", "14", "00" };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      check_derived_share (a8, "antal arbetslösa", "antal sysselsatta och arbetslösa (arbetskraften)",
                           "arbetsloshet_16_64", places[i]);
      check_derived_share (a8, "antal sysselsatta", "antal totalt",
                           "sysselsattningsgrad_16_64", places[i]);
      check_derived_share (fe, "utländsk bakgrund", "totalt",
                           "utlandsk_bakgrund_andel", places[i]);
    }
  /* Education: the denominator is the sum of all five levels. */
  {
    double num, den = 0, part, unused;
    guint levels[5];

    levels[0] = scb_table_column (mo, "förgymnasial utbildning");
    levels[1] = scb_table_column (mo, "gymnasial utbildning");
    levels[2] = scb_table_column (mo, "eftergymnasial utbildning, mindre än 3 år");
    levels[3] = scb_table_column (mo, "eftergymnasial utbildning, 3 år eller mer");
    levels[4] = scb_table_column (mo, "uppgift om utbildningsnivå saknas");
    sum_columns (mo, "1480", levels[3], levels[0], &num, &part);
    den += part;
    for (guint l = 1; l < 5; l++)
      {
        sum_columns (mo, "1480", levels[l], levels[l], &part, &unused);
        den += part;
      }
    g_assert_cmpfloat_with_epsilon (value_of ("eftergymnasial_3_25_64_andel", 2022, "1480",
                                              ATLAS_VALUE_DERIVED),
                                    100 * num / den, SHARE_TOLERANCE);
    g_assert_cmpfloat (value_of ("befolkning_25_64", 2022, "1480", ATLAS_VALUE_DERIVED), ==, den);
  }
}

static void
test_kommun_counts (void)
{
  g_autoptr(ScbTable) ff = deso_table ("000005FF_20240813-152010.xlsx");
  guint total = scb_table_column (ff, "totalt");

  for (guint i = 0; i < G_N_ELEMENTS (named_kommuner); i++)
    {
      double sum, unused;

      sum_columns (ff, named_kommuner[i], total, total, &sum, &unused);
      g_assert_cmpfloat (value_of ("folkmangd", 2022, named_kommuner[i], ATLAS_VALUE_DERIVED), ==, sum);
    }
}

/* 2020 and 2021 exist only in the RegSO exports: kommun and riket values
 * of those years are derived from RegSO, most of them without polygons. */
static void
test_regso_series (void)
{
  g_autoptr(ScbRegsoCsv) birth = regso_csv ("regso2020_fodelseregion_2020_2023.csv");
  g_autoptr(ScbRegsoCsv) tenure = regso_csv ("regso2020_upplatelseform_2020_2023.csv");
  const struct { const char *code; const char *prefix; } places[] = {
    { "1480", "Göteborg (" }, { "0380", "Uppsala (" }, { "00", "" },
  };

  g_assert_cmpfloat (value_of ("folkmangd", 2020, "0114R001", ATLAS_VALUE_STORED), ==,
                     scb_regso_csv_sum (birth, "Upplands Väsby (Bollstanäs)", "totalt", 2020));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double total = scb_regso_csv_sum (birth, places[i].prefix, "totalt", 2021);
      double sweden = scb_regso_csv_sum (birth, places[i].prefix, "Sverige", 2021);
      double rented = scb_regso_csv_sum (tenure, places[i].prefix, "hyresrätt", 2020);
      double dwellings = 0;
      const char *const kinds[] = { "hyresrätt", "bostadsrätt", "äganderätt", "uppgift saknas" };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        dwellings += scb_regso_csv_sum (tenure, places[i].prefix, kinds[k], 2020);
      g_assert_cmpfloat (value_of ("folkmangd", 2021, places[i].code, ATLAS_VALUE_DERIVED), ==, total);
      g_assert_cmpfloat_with_epsilon (value_of ("utrikes_fodda_andel", 2021, places[i].code,
                                                ATLAS_VALUE_DERIVED),
                                      100 * (total - sweden) / total, SHARE_TOLERANCE);
      g_assert_cmpfloat_with_epsilon (value_of ("hyresratt_andel", 2020, places[i].code,
                                                ATLAS_VALUE_DERIVED),
                                      100 * rented / dwellings, SHARE_TOLERANCE);
    }
}

static void
test_areas_without_geometry (void)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "utlandsk_bakgrund_andel");
  const double *values = atlas_dataset_peek_values (dataset, share, 2022, kommun);
  guint drawn = 0;

  g_assert_cmpuint (atlas_division_get_n_areas (deso), ==, 5984);
  g_assert_cmpuint (atlas_division_get_n_areas (regso), ==, 3363);
  for (guint i = 0; i < atlas_division_get_n_areas (deso); i++)
    {
      AtlasArea *area = atlas_division_get_area (deso, i);
      const char *code = atlas_area_get_code (area);

      if (atlas_area_get_geometry (area) != NULL)
        {
          drawn++;
          g_assert_true (g_str_has_prefix (code, "01") || g_str_has_prefix (code, "03"));
        }
    }
  g_assert_cmpuint (drawn, ==, 1287 + 238);
  g_assert_null (atlas_area_get_geometry (atlas_dataset_lookup_area (dataset, "1480C1010")));
  /* Every kommun has a derived value: a kommun map of a DeSO indicator covers Sweden. */
  g_assert_cmpuint (atlas_division_get_n_areas (kommun), ==, 290);
  for (guint i = 0; i < 290; i++)
    g_assert_false (isnan (values[i]));
}

static void
test_medians_do_not_aggregate (void)
{
  AtlasIndicator *median = atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst");
  AtlasMissingReason reason;
  double value;

  g_assert_cmpint (atlas_dataset_get_value (dataset, median, 2022,
                                            atlas_dataset_lookup_area (dataset, "0180"),
                                            &value, &reason),
                   ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NOT_AGGREGATABLE);
}

static void
test_indicators_are_documented (void)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);

  g_assert_false (atlas_dataset_has_demonstration (dataset));
  g_assert_cmpuint (g_list_model_get_n_items (indicators), >=, 30);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) ind = g_list_model_get_item (indicators, i);
      const char *source = atlas_indicator_get_source (ind);

      /* Figures print "Källa: " and this. */
      g_assert_true (g_str_has_prefix (source, "SCB, Statistikdatabasen, "));
      g_assert_nonnull (strstr (atlas_indicator_get_definition (ind, "sv"), "Referenstid: "));
      g_assert_nonnull (strstr (atlas_indicator_get_definition (ind, "en"), "Reference time: "));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/stockholm-uppsala/tables", test_tables_are_what_they_say);
  g_test_add_func ("/stockholm-uppsala/deso-values", test_deso_values);
  g_test_add_func ("/stockholm-uppsala/years-with-values", test_years_with_values);
  g_test_add_func ("/stockholm-uppsala/derived-shares", test_derived_shares);
  g_test_add_func ("/stockholm-uppsala/kommun-counts", test_kommun_counts);
  g_test_add_func ("/stockholm-uppsala/regso-series", test_regso_series);
  g_test_add_func ("/stockholm-uppsala/areas-without-geometry", test_areas_without_geometry);
  g_test_add_func ("/stockholm-uppsala/medians", test_medians_do_not_aggregate);
  g_test_add_func ("/stockholm-uppsala/documented", test_indicators_are_documented);
  status = g_test_run ();
  g_assert_finalize_object (dataset);
  return status;
}
