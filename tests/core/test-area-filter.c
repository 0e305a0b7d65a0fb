/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-core.h"

/* AtlasAreaFilter on the Stockholm–Uppsala package: which areas it shows,
 * checked against the package's own files read here (each RegSO's
 * områdestyp in values/2022.csv, each DeSO's RegSO in areas/deso.csv), and
 * what it does to legend counts and rankings. */

static AtlasDataset *dataset;
static GHashTable *regso_type;   /* RegSO code → type, from the CSV */
static GHashTable *deso_regso;   /* DeSO code → RegSO code */
static GHashTable *deso_share;   /* DeSO code → utrikes_fodda_andel text */

static char **
read_lines (const char *relative)
{
  g_autofree char *path = g_build_filename (atlas_dataset_get_path (dataset), relative, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return g_strsplit (text, "\n", -1);
}

static guint
column (char       **header,
        const char  *id)
{
  for (guint c = 0; header[c] != NULL; c++)
    if (g_str_equal (header[c], id))
      return c;
  g_assert_not_reached ();
}

static void
read_package_files (void)
{
  g_auto(GStrv) values = read_lines ("values/2022.csv");
  g_auto(GStrv) desos = read_lines ("areas/deso.csv");
  g_auto(GStrv) header = g_strsplit (values[0], ",", -1);
  g_auto(GStrv) deso_header = g_strsplit (desos[0], ",", -1);
  guint type_col = column (header, "omradestyp"), share_col = column (header, "utrikes_fodda_andel");
  guint parent_col = column (deso_header, "parent");

  regso_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  deso_regso = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  deso_share = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 1; values[i] != NULL && values[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (values[i], ",", -1);

      if (strlen (fields[0]) == 8 && fields[type_col][0] != '\0')
        g_hash_table_insert (regso_type, g_strdup (fields[0]), GINT_TO_POINTER (atoi (fields[type_col])));
      if (strlen (fields[0]) == 9)
        g_hash_table_insert (deso_share, g_strdup (fields[0]), g_strdup (fields[share_col]));
    }
  for (guint i = 1; desos[i] != NULL && desos[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (desos[i], ",", -1);

      g_hash_table_insert (deso_regso, g_strdup (fields[0]), g_strdup (fields[parent_col]));
    }
}

/* The type the package's files give a RegSO or DeSO, or -1. */
static int
file_type (const char *code)
{
  const char *regso = strlen (code) == 9 ? g_hash_table_lookup (deso_regso, code) : code;
  gpointer type;

  if (regso == NULL || !g_hash_table_lookup_extended (regso_type, regso, NULL, &type))
    return -1;
  return GPOINTER_TO_INT (type);
}

static AtlasAreaFilter *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  AtlasAreaFilter *filter = atlas_area_filter_parse (dataset, text, &error);

  g_assert_no_error (error);
  return filter;
}

static void
test_parse (void)
{
  g_autoptr(AtlasAreaFilter) filter = parse ("omradestyp=3,1,2,1");
  g_autoptr(AtlasAreaFilter) same = parse ("omradestyp=1,2,3");
  g_autoptr(AtlasAreaFilter) year = parse ("omradestyp@2023=1");
  g_autofree char *text = atlas_area_filter_to_string (filter);
  g_autofree char *year_text = atlas_area_filter_to_string (year);
  const char *bad[] = { "omradestyp", "omradestyp=", "omradestyp=x", "omradestyp=9",
                        "folkmangd=1", "nej=1", "omradestyp@1999=1" };
  guint n;

  g_assert_cmpstr (text, ==, "omradestyp=1,2,3");
  g_assert_cmpstr (year_text, ==, "omradestyp@2023=1");
  g_assert_true (atlas_area_filter_equal (filter, same));
  g_assert_false (atlas_area_filter_equal (filter, year));
  g_assert_cmpuint (atlas_area_filter_get_type_year (year), ==, 2023);
  atlas_area_filter_get_codes (filter, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (atlas_area_filter_allows_code (filter, 2));
  g_assert_false (atlas_area_filter_allows_code (filter, 4));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (atlas_area_filter_parse (dataset, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_masks (void)
{
  g_autoptr(AtlasAreaFilter) filter = parse ("omradestyp=1,2,3");
  const char *levels[] = { "regso", "deso" };

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      AtlasDivision *division = atlas_dataset_lookup_division (dataset, levels[l]);
      g_autofree gboolean *mask = atlas_area_filter_dup_mask (filter, dataset, division, 2022);
      guint shown = 0;

      g_assert_nonnull (mask);
      for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
        {
          int type = file_type (atlas_area_get_code (atlas_division_get_area (division, a)));

          g_assert_cmpint (mask[a], ==, type >= 1 && type <= 3);
          shown += mask[a];
        }
      g_assert_cmpuint (shown, >, 0);
      g_assert_cmpuint (shown, <, atlas_division_get_n_areas (division));
    }

  /* Above the types' level, and in a year without types, it does not apply. */
  g_assert_null (atlas_area_filter_dup_mask (filter, dataset, atlas_dataset_lookup_division (dataset, "kommun"), 2022));
  g_assert_null (atlas_area_filter_dup_mask (filter, dataset, atlas_dataset_lookup_division (dataset, "regso"), 2020));
}

/* Legend counts: only the areas shown, classified by the same breaks. */
static void
test_legend_counts (void)
{
  g_autoptr(AtlasAreaFilter) filter = parse ("omradestyp=1,2");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  g_autofree gboolean *mask = atlas_area_filter_dup_mask (filter, dataset, deso, 2022);
  const double *values = atlas_dataset_peek_values (dataset, share, 2022, deso);
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_for_dataset (dataset, share, deso, 2022, FALSE,
                                                                       ATLAS_CLASS_METHOD_QUANTILE, 5, NULL);
  gsize counts[ATLAS_CLASS_MAX], all_counts[ATLAS_CLASS_MAX], expected[ATLAS_CLASS_MAX] = { 0, };
  gsize missing, n_shown = 0, n_all = 0, total = 0;

  missing = atlas_class_breaks_count_included (breaks, values, mask, atlas_division_get_n_areas (deso), counts);
  atlas_class_breaks_count (breaks, values, atlas_division_get_n_areas (deso), all_counts);
  for (guint a = 0; a < atlas_division_get_n_areas (deso); a++)
    {
      const char *code = atlas_area_get_code (atlas_division_get_area (deso, a));
      int type = file_type (code);

      if (type == 1 || type == 2)
        {
          double v = g_ascii_strtod (g_hash_table_lookup (deso_share, code), NULL);

          expected[atlas_class_breaks_classify (breaks, v)]++;
          n_shown++;
        }
    }
  for (guint c = 0; c < atlas_class_breaks_get_n_classes (breaks); c++)
    {
      g_assert_cmpuint (counts[c], ==, expected[c]);
      total += counts[c];
      n_all += all_counts[c];
    }
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (total, ==, n_shown);
  g_assert_cmpuint (total, <, n_all);
}

/* A RegSO's rank among RegSO of type 1–2: counted here by hand. */
static void
test_rank (void)
{
  g_autoptr(AtlasAreaFilter) filter = parse ("omradestyp=1,2");
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  const double *values = atlas_dataset_peek_values (dataset, share, 2022, regso);
  AtlasArea *area = NULL, *excluded = NULL;
  AtlasRank rank, unfiltered;
  guint better = 0, n = 0;

  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      int type = file_type (atlas_area_get_code (atlas_division_get_area (regso, a)));

      if ((type == 1 || type == 2) && area == NULL)
        area = atlas_division_get_area (regso, a);
      if (type == 4 && excluded == NULL)
        excluded = atlas_division_get_area (regso, a);
    }
  g_assert_nonnull (area);
  g_assert_nonnull (excluded);
  for (guint a = 0; a < atlas_division_get_n_areas (regso); a++)
    {
      int type = file_type (atlas_area_get_code (atlas_division_get_area (regso, a)));

      if ((type != 1 && type != 2) || isnan (values[a]))
        continue;
      n++;
      better += values[a] > values[atlas_area_get_index (area)];
    }

  /* Neutral: the highest share ranks first. */
  g_assert_true (atlas_rank_area_filtered (dataset, share, 2022, area, NULL, filter, &rank));
  g_assert_cmpuint (rank.rank, ==, better + 1);
  g_assert_cmpuint (rank.n_ranked, ==, n);
  g_assert_true (atlas_rank_area (dataset, share, 2022, area, NULL, &unfiltered));
  g_assert_cmpuint (unfiltered.n_ranked, >, n);
  g_assert_false (atlas_rank_area_filtered (dataset, share, 2022, excluded, NULL, filter, &rank));
}

static GHashTable *
read_types (guint year)
{
  g_autofree char *name = g_strdup_printf ("values/%u.csv", year);
  g_auto(GStrv) lines = read_lines (name);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
  guint type_col = column (header, "omradestyp");
  GHashTable *types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      if (strlen (fields[0]) == 8 && fields[type_col][0] != '\0')
        g_hash_table_insert (types, g_strdup (fields[0]), GINT_TO_POINTER (atoi (fields[type_col])));
    }
  return types;
}

/* The map of type changes in Stockholms län against the two years' files. */
static void
test_type_changes (void)
{
  g_autoptr(GHashTable) before = read_types (2022);
  g_autoptr(GHashTable) after = read_types (2023);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasTypeHistory) history = atlas_type_history_new (dataset, NULL, atlas_dataset_lookup_area (dataset, "01"),
                                                                NULL, &error);
  g_autoptr(AtlasAnalysisMap) map = NULL;
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  guint expected[3] = { 0, }, counted[3] = { 0, }, n;
  const int *classes;

  g_assert_no_error (error);
  map = atlas_analysis_map_new_for_type_changes (dataset, history, 2022, 2023, &error);
  g_assert_no_error (error);
  classes = atlas_analysis_map_get_classes (map, &n);
  g_assert_cmpuint (n, ==, atlas_division_get_n_areas (regso));
  for (guint a = 0; a < n; a++)
    {
      const char *code = atlas_area_get_code (atlas_division_get_area (regso, a));
      gpointer t0, t1;

      if (!g_str_has_prefix (code, "01"))
        continue;
      if (g_hash_table_lookup_extended (before, code, NULL, &t0) &&
          g_hash_table_lookup_extended (after, code, NULL, &t1))
        expected[GPOINTER_TO_INT (t1) < GPOINTER_TO_INT (t0) ? 0 : GPOINTER_TO_INT (t1) == GPOINTER_TO_INT (t0) ? 1 : 2]++;
      if (classes[a] >= 0)
        counted[classes[a]]++;
    }
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (counted[c], ==, expected[c]);
  g_assert_cmpuint (expected[0] + expected[2], >, 0);
  g_assert_cmpuint (atlas_analysis_map_get_n_classes (map), ==, 3);

  g_assert_null (atlas_analysis_map_new_for_type_changes (dataset, history, 2020, 2023, &error));
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);
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
  read_package_files ();

  g_test_add_func ("/area-filter/parse", test_parse);
  g_test_add_func ("/area-filter/masks", test_masks);
  g_test_add_func ("/area-filter/legend-counts", test_legend_counts);
  g_test_add_func ("/area-filter/rank", test_rank);
  g_test_add_func ("/area-filter/type-changes", test_type_changes);
  status = g_test_run ();
  g_hash_table_unref (regso_type);
  g_hash_table_unref (deso_regso);
  g_hash_table_unref (deso_share);
  g_assert_finalize_object (dataset);
  return status;
}
