/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-core.h"

/* Segregation index D as derived indicators (docs/analyses.md): every
 * kommun, län and riket value against a direct computation here from the
 * Stockholm–Uppsala package's own per-area counts (its values files), and
 * against a small package written here with values worked by hand. */

#define EPS 1e-9

static AtlasDataset *real;

/* A CSV of the package's values: code → row of fields, and the columns. */
typedef struct
{
  GHashTable *rows;    /* code → char ** */
  char      **header;
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->rows, g_hash_table_unref);
  g_clear_pointer (&table->header, g_strfreev);
}

static void
read_table (Table      *table,
            const char *package,
            guint       year)
{
  g_autofree char *name = g_strdup_printf ("%u.csv", year);
  g_autofree char *path = g_build_filename (package, "values", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  table->header = g_strsplit (lines[0], ",", -1);
  table->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char **fields = g_strsplit (lines[i], ",", -1);

      if (fields[0] == NULL || fields[0][0] == '\0')
        g_strfreev (fields);
      else
        g_hash_table_insert (table->rows, fields[0], fields);
    }
}

static guint
column (Table      *table,
        const char *id)
{
  for (guint c = 0; table->header[c] != NULL; c++)
    if (g_str_equal (table->header[c], id))
      return c;
  g_assert_not_reached ();
}

/* Per coarse area (by code prefix): the units' group counts and totals. */
typedef struct
{
  GArray *groups;
  GArray *totals;
} Units;

static void
units_free (Units *units)
{
  g_array_unref (units->groups);
  g_array_unref (units->totals);
  g_free (units);
}

/* D = ½ Σ |g_i/G − r_i/R| written out again, not through core. */
static double
direct_d (Units    *units,
          gboolean *reliable)
{
  double G = 0, T = 0, R, d = 0;
  guint n = 0;

  for (guint i = 0; i < units->totals->len; i++)
    if (g_array_index (units->totals, double, i) > 0)
      {
        G += g_array_index (units->groups, double, i);
        T += g_array_index (units->totals, double, i);
        n++;
      }
  R = T - G;
  for (guint i = 0; i < units->totals->len; i++)
    {
      double g = g_array_index (units->groups, double, i), t = g_array_index (units->totals, double, i);

      if (t > 0)
        d += fabs (g / G - (t - g) / R);
    }
  *reliable = n >= 5 && G >= 100 && R >= 100;
  return d / 2;
}

/* Groups the rows of one level (codes of @code_length) by the first
 * @prefix characters of their code: the kommun (4), the län (2) or riket
 * (0) they lie in, by SCB's code scheme rather than the package's tree. */
static GHashTable *
group_units (Table      *table,
             guint       code_length,
             guint       prefix,
             const char *group_id,
             gboolean    group_is_share,
             const char *total_id)
{
  GHashTable *by_area = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) units_free);
  guint gc = column (table, group_id), tc = column (table, total_id);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char **fields = value;
      g_autofree char *area = g_strndup (key, prefix);
      Units *units;
      double g, t;

      if (strlen (key) != code_length)
        continue;
      units = g_hash_table_lookup (by_area, area);
      if (units == NULL)
        {
          units = g_new (Units, 1);
          units->groups = g_array_new (FALSE, FALSE, sizeof (double));
          units->totals = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (by_area, g_strdup (area), units);
        }
      t = g_ascii_strtod (fields[tc], NULL);
      g = g_ascii_strtod (fields[gc], NULL);
      if (group_is_share)
        g = g / 100 * t;
      g_array_append_val (units->groups, g);
      g_array_append_val (units->totals, t);
    }

  return by_area;
}

/* Every area of @level against the direct computation; returns how many
 * have a value. */
static guint
check_level (AtlasIndicator *indicator,
             guint           year,
             const char     *level,
             GHashTable     *by_area,
             double          tolerance)
{
  AtlasDivision *division = atlas_dataset_lookup_division (real, level);
  guint n_values = 0;

  g_assert_cmpuint (g_hash_table_size (by_area), ==, atlas_division_get_n_areas (division));
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    {
      AtlasArea *area = atlas_division_get_area (division, a);
      Units *units = g_hash_table_lookup (by_area, g_str_equal (level, "riket") ? "" : atlas_area_get_code (area));
      AtlasMissingReason reason;
      gboolean reliable;
      double value, expected;

      g_assert_nonnull (units);
      expected = direct_d (units, &reliable);
      if (reliable)
        {
          g_assert_cmpint (atlas_dataset_get_value (real, indicator, year, area, &value, &reason),
                           ==, ATLAS_VALUE_DERIVED);
          g_assert_cmpfloat_with_epsilon (value, expected, tolerance);
          n_values++;
        }
      else
        {
          g_assert_cmpint (atlas_dataset_get_value (real, indicator, year, area, &value, &reason),
                           ==, ATLAS_VALUE_MISSING);
          g_assert_cmpint (reason, ==, ATLAS_MISSING_FEW_UNITS);
        }
    }

  return n_values;
}

static void
check_real (const char *indicator_id,
            guint       year,
            guint       code_length,
            const char *count_id,
            const char *share_id,
            const char *total_id)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (real, indicator_id);
  const struct { const char *level; guint prefix; } levels[] = {
    { "kommun", 4 }, { "lan", 2 }, { "riket", 0 },
  };
  Table table = { NULL, };

  g_assert_nonnull (indicator);
  read_table (&table, atlas_dataset_get_path (real), year);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      g_autoptr(GHashTable) counts = group_units (&table, code_length, levels[l].prefix, count_id, FALSE, total_id);
      g_autoptr(GHashTable) shares = group_units (&table, code_length, levels[l].prefix, share_id, TRUE, total_id);
      guint n;

      /* The package's counts: the shares are rounded to three decimals,
       * which moves D by far less than the 0.001 shown. */
      n = check_level (indicator, year, levels[l].level, counts, 1e-4);
      /* What core computes: share × denominator, exactly. */
      g_assert_cmpuint (check_level (indicator, year, levels[l].level, shares, EPS), ==, n);
      g_assert_cmpuint (n, >, 0);
    }
  table_clear (&table);
}

static void
test_real_deso (void)
{
  check_real ("segregation_d_deso_utrikes_fodda_andel", 2022, 9,
              "utrikes_fodda", "utrikes_fodda_andel", "folkmangd");
  check_real ("segregation_d_deso_hyresratt_andel", 2022, 9,
              "hyresratt", "hyresratt_andel", "lagenheter");
}

static void
test_real_regso_years (void)
{
  for (guint year = 2020; year <= 2023; year++)
    check_real ("segregation_d_regso_utrikes_fodda_andel", year, 8,
                "utrikes_fodda", "utrikes_fodda_andel", "folkmangd");
}

typedef struct
{
  AtlasDataset *dataset;
  GArray       *copy;   /* double: the kommun values as this thread read them */
} Reader;

static gpointer
read_kommun_values (gpointer data)
{
  Reader *reader = data;
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (reader->dataset, "segregation_d_deso_utrikes_fodda_andel");
  AtlasDivision *kommun = atlas_dataset_lookup_division (reader->dataset, "kommun");
  const double *values = atlas_dataset_peek_values (reader->dataset, indicator, 2022, kommun);

  g_array_append_vals (reader->copy, values, atlas_division_get_n_areas (kommun));
  return NULL;
}

/* The indices are computed when a table is first read: threads reading
 * it for the first time at once all see the values of a dataset that has
 * computed them before (checked against the counts above). */
static void
test_first_read_from_threads (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *fresh = atlas_dataset_load (path, NULL, &error);
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (real, "segregation_d_deso_utrikes_fodda_andel");
  AtlasDivision *kommun = atlas_dataset_lookup_division (real, "kommun");
  const double *expected = atlas_dataset_peek_values (real, indicator, 2022, kommun);
  Reader readers[4];
  GThread *threads[4];
  guint n_values = 0;

  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      readers[t].dataset = fresh;
      readers[t].copy = g_array_new (FALSE, FALSE, sizeof (double));
      threads[t] = g_thread_new ("reader", read_kommun_values, &readers[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_thread_join (threads[t]);
      g_assert_cmpuint (readers[t].copy->len, ==, atlas_division_get_n_areas (kommun));
      for (guint a = 0; a < readers[t].copy->len; a++)
        {
          double value = g_array_index (readers[t].copy, double, a);

          g_assert_true (value == expected[a] || (isnan (value) && isnan (expected[a])));
          n_values += !isnan (value);
        }
      g_array_unref (readers[t].copy);
    }
  g_assert_cmpuint (n_values, >, 0);
  g_assert_finalize_object (fresh);
}

static void
assert_years (const char  *id,
              const guint *expected,
              guint        n)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (real, atlas_dataset_lookup_indicator (real, id));

  g_assert_cmpuint (years->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (years, guint, i), ==, expected[i]);
}

static void
test_real_years_and_levels (void)
{
  const guint deso_years[] = { 2022 }, regso_years[] = { 2020, 2021, 2022, 2023 };
  AtlasIndicator *d = atlas_dataset_lookup_indicator (real, "segregation_d_deso_utrikes_fodda_andel");
  AtlasMissingReason reason;

  /* The time slider shows the years the small-area counts exist. */
  assert_years ("segregation_d_deso_utrikes_fodda_andel", deso_years, 1);
  assert_years ("segregation_d_regso_utrikes_fodda_andel", regso_years, 4);

  /* No value at the small-area levels themselves. */
  g_assert_cmpint (atlas_dataset_get_value (real, d, 2022, atlas_dataset_lookup_area (real, "0114C1010"),
                                            NULL, &reason), ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NOT_AT_LEVEL);
  g_assert_cmpint (atlas_dataset_get_value (real, d, 2022, atlas_dataset_lookup_area (real, "0114R001"),
                                            NULL, &reason), ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NOT_AT_LEVEL);
  g_assert_cmpint (atlas_dataset_get_value (real, d, 2020, atlas_dataset_lookup_area (real, "0180"),
                                            NULL, &reason), ==, ATLAS_VALUE_MISSING);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_YEAR);

  /* What was computed is said in the definition; the MAUP note beside. */
  g_assert_cmpint (atlas_indicator_get_unit (d), ==, ATLAS_UNIT_INDEX);
  g_assert_false (atlas_dataset_indicator_is_demonstration (real, d));
  g_assert_nonnull (strstr (atlas_indicator_get_definition (d, "en"), "computed on DeSO (DeSO 2018)"));
  g_assert_nonnull (strstr (atlas_indicator_get_definition (d, "en"), "“Born abroad, share” × “Population”"));
  g_assert_nonnull (strstr (atlas_indicator_get_caveat (d, "en"), "MAUP"));
  g_assert_cmpstr (atlas_indicator_get_theme_id (d), ==, "segregationsindex");
  g_assert_nonnull (atlas_dataset_lookup_theme (real, "segregationsindex"));
  /* A median or a count is no group: only shares of a count. */
  g_assert_null (atlas_dataset_lookup_indicator (real, "segregation_d_deso_median_nettoinkomst"));
  g_assert_null (atlas_dataset_lookup_indicator (real, "segregation_d_deso_utrikes_fodda"));
  g_assert_null (atlas_dataset_lookup_indicator (real, "segregation_d_kommun_utrikes_fodda_andel"));
}

static AtlasSegregation *
real_segregation (const char *fine,
                  guint       year)
{
  AtlasIndicator *group = atlas_dataset_lookup_indicator (real, "utrikes_fodda_andel");
  g_autoptr(GError) error = NULL;
  AtlasSegregation *seg = atlas_segregation_new (real, &group, 1,
                                                 atlas_dataset_lookup_indicator (real, "folkmangd"),
                                                 atlas_dataset_lookup_division (real, fine),
                                                 atlas_dataset_lookup_division (real, "kommun"),
                                                 year, &error);

  g_assert_no_error (error);
  return seg;
}

/* The same request on RegSO and DeSO: each against the package's own
 * counts, and RegSO never above DeSO where RegSO are unions of DeSO. */
static void
test_maup (void)
{
  g_autoptr(AtlasSegregation) deso = real_segregation ("deso", 2022);
  g_autoptr(AtlasSegregation) regso = NULL;
  g_autoptr(AtlasSegregation) again = NULL;
  g_autoptr(GError) error = NULL;
  Table table = { NULL, };
  g_autoptr(GHashTable) deso_units = NULL;
  g_autoptr(GHashTable) regso_units = NULL;
  AtlasArea *uppsala = atlas_dataset_lookup_area (real, "0380");
  const AtlasSegregationResult *rd, *rr;
  gboolean reliable;
  guint n_compared = 0;

  regso = atlas_segregation_new_on_level (deso, atlas_dataset_lookup_division (real, "regso"), &error);
  g_assert_no_error (error);
  g_assert_true (atlas_segregation_get_fine (regso) == atlas_dataset_lookup_division (real, "regso"));
  g_assert_true (atlas_segregation_get_coarse (regso) == atlas_segregation_get_coarse (deso));
  g_assert_cmpuint (atlas_segregation_get_year (regso), ==, 2022);
  again = atlas_segregation_new_on_level (deso, atlas_dataset_lookup_division (real, "deso"), &error);
  g_assert_null (again);
  g_assert_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID);

  read_table (&table, atlas_dataset_get_path (real), 2022);
  deso_units = group_units (&table, 9, 4, "utrikes_fodda", FALSE, "folkmangd");
  regso_units = group_units (&table, 8, 4, "utrikes_fodda", FALSE, "folkmangd");
  rd = atlas_segregation_lookup_result (deso, uppsala);
  rr = atlas_segregation_lookup_result (regso, uppsala);
  g_assert_cmpfloat_with_epsilon (rd->dissimilarity, direct_d (g_hash_table_lookup (deso_units, "0380"), &reliable), 1e-4);
  g_assert_cmpfloat_with_epsilon (rr->dissimilarity, direct_d (g_hash_table_lookup (regso_units, "0380"), &reliable), 1e-4);
  g_assert_cmpuint (rd->n_units, ==, ((Units *) g_hash_table_lookup (deso_units, "0380"))->totals->len);
  g_assert_cmpuint (rr->n_units, ==, ((Units *) g_hash_table_lookup (regso_units, "0380"))->totals->len);
  g_assert_cmpuint (rr->n_units, <, rd->n_units);
  /* The derived indicators hold the same numbers. */
  {
    double value;

    atlas_dataset_get_value (real, atlas_dataset_lookup_indicator (real, "segregation_d_regso_utrikes_fodda_andel"),
                             2022, uppsala, &value, NULL);
    g_assert_cmpfloat_with_epsilon (value, rr->dissimilarity, EPS);
  }

  for (guint c = 0; c < atlas_segregation_get_n_results (deso); c++)
    {
      rd = atlas_segregation_get_result (deso, c);
      rr = atlas_segregation_get_result (regso, c);
      if (isnan (rd->dissimilarity) || isnan (rr->dissimilarity))
        continue;
      /* Merging units never raises D or H (up to the shares' rounding). */
      g_assert_cmpfloat (rr->dissimilarity, <=, rd->dissimilarity + 1e-4);
      g_assert_cmpfloat (rr->theil, <=, rd->theil + 1e-4);
      n_compared++;
    }
  g_assert_cmpuint (n_compared, ==, 290);
  g_assert_nonnull (strstr (atlas_segregation_get_maup_note (), "MAUP"));
  table_clear (&table);
}

static void
test_maup_chart (void)
{
  g_autoptr(AtlasSegregation) deso = real_segregation ("deso", 2022);
  g_autoptr(AtlasSegregation) regso = atlas_segregation_new_on_level (deso, atlas_dataset_lookup_division (real, "regso"), NULL);
  g_autoptr(AtlasMaupChart) chart = atlas_maup_chart_new (deso, regso, atlas_dataset_lookup_area (real, "0380"));
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-maup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "maup.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *d_deso = atlas_format_number (atlas_segregation_lookup_result (deso, atlas_dataset_lookup_area (real, "0380"))->dissimilarity, 3, NULL);
  g_autofree char *d_regso = atlas_format_number (atlas_segregation_lookup_result (regso, atlas_dataset_lookup_area (real, "0380"))->dissimilarity, 3, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_maup_chart_export (chart, path, 72, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* Both values, both levels with their versions, and the note. */
  g_assert_nonnull (strstr (contents, d_deso));
  g_assert_nonnull (strstr (contents, d_regso));
  g_assert_nonnull (strstr (contents, "DeSO 2018"));
  g_assert_nonnull (strstr (contents, "RegSO 2020"));
  g_assert_nonnull (strstr (contents, "MAUP"));
  g_assert_null (strstr (contents, "Demonstrationsdata"));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A package written here: län 01 with kommun 0101 (five areas), 0102 (one
 * area) and 0103 (five areas, the group alone in two of them). */
static const struct { const char *code; double share, total; } small_areas[] = {
  { "0101X1", 50, 200 }, { "0101X2", 10, 500 }, { "0101X3", 75, 400 },
  { "0101X4", 10, 300 }, { "0101X5", 10, 600 },
  { "0102X1", 50, 1000 },
  { "0103X1", 100, 100 }, { "0103X2", 100, 100 }, { "0103X3", 0, 100 },
  { "0103X4", 0, 100 }, { "0103X5", 0, 100 },
};

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static const char manifest[] =
  "{ \"format\": 1, \"id\": \"seg\", \"title\": { \"sv\": \"Seg\" }, \"version\": \"1\","
  "  \"publisher\": \"tests\", \"licence\": \"CC0-1.0\", \"date\": \"2026-12-03\", \"sources\": [],"
  "  \"years\": [2022],"
  "  \"divisions\": ["
  "    { \"id\": \"lan\", \"name\": { \"sv\": \"Län\" }, \"parent\": null,"
  "      \"areas\": { \"file\": \"areas/lan.csv\", \"code_field\": \"code\", \"name_field\": \"name\" } },"
  "    { \"id\": \"kommun\", \"name\": { \"sv\": \"Kommun\" }, \"parent\": \"lan\","
  "      \"areas\": { \"file\": \"areas/kommun.csv\", \"code_field\": \"code\", \"name_field\": \"name\","
  "                 \"parent_field\": \"parent\" } },"
  "    { \"id\": \"omrade\", \"name\": { \"sv\": \"Område\" }, \"version\": \"Områden 2022\","
  "      \"parent\": \"kommun\","
  "      \"areas\": { \"file\": \"areas/omrade.csv\", \"code_field\": \"code\", \"name_field\": \"name\","
  "                 \"parent_field\": \"parent\" } } ],"
  "  \"themes\": [ { \"id\": \"t\", \"name\": { \"sv\": \"T\" } } ],"
  "  \"indicators\": ["
  "    { \"id\": \"pop\", \"theme\": \"t\", \"kind\": \"background\", \"name\": { \"sv\": \"Folkmängd\" },"
  "      \"unit\": \"count\", \"aggregation\": { \"rule\": \"sum\" } },"
  "    { \"id\": \"andel\", \"theme\": \"t\", \"name\": { \"sv\": \"Grupp, andel\" }, \"unit\": \"percent\","
  "      \"aggregation\": { \"rule\": \"weighted-mean\", \"weight\": \"pop\" } } ] }";

static char *
write_small_package (gboolean reversed)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-seg-XXXXXX", &error);
  g_autoptr(GString) areas = g_string_new ("code,name,parent\n");
  g_autoptr(GString) values = g_string_new ("code,pop,andel\n");
  g_autofree char *areas_dir = g_build_filename (dir, "areas", NULL);
  g_autofree char *values_dir = g_build_filename (dir, "values", NULL);
  guint n = G_N_ELEMENTS (small_areas);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (areas_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (values_dir, 0700), ==, 0);
  for (guint k = 0; k < n; k++)
    {
      guint i = reversed ? n - 1 - k : k;
      char share[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (areas, "%s,Område %s,%.4s\n", small_areas[i].code, small_areas[i].code,
                              small_areas[i].code);
      g_ascii_dtostr (share, sizeof share, small_areas[i].share);
      g_string_append_printf (values, "%s,%.0f,%s\n", small_areas[i].code, small_areas[i].total, share);
    }
  write_file (dir, "manifest.json", manifest);
  write_file (dir, "areas/lan.csv", "code,name\n01,Län ett\n");
  write_file (dir, "areas/kommun.csv", reversed ? "code,name,parent\n0103,C,01\n0102,B,01\n0101,A,01\n"
                                                : "code,name,parent\n0101,A,01\n0102,B,01\n0103,C,01\n");
  write_file (dir, "areas/omrade.csv", areas->str);
  write_file (dir, "values/2022.csv", values->str);
  return dir;
}

static void
remove_package (const char *dir)
{
  const char *files[] = { "manifest.json", "areas/lan.csv", "areas/kommun.csv", "areas/omrade.csv",
                          "values/2022.csv", "areas", "values" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static double
value_of (AtlasDataset       *dataset,
          const char         *code,
          AtlasMissingReason *reason)
{
  AtlasIndicator *d = atlas_dataset_lookup_indicator (dataset, "segregation_d_omrade_andel");
  double value;

  g_assert_nonnull (d);
  atlas_dataset_get_value (dataset, d, 2022, atlas_dataset_lookup_area (dataset, code), &value, reason);
  return value;
}

static void
test_small_package_by_hand (void)
{
  g_autofree char *dir = write_small_package (FALSE);
  g_autofree char *reversed_dir = write_small_package (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (dir, NULL, &error);
  g_autoptr(AtlasDataset) reversed = NULL;
  const char *codes[] = { "00", "01", "0101", "0102", "0103" };
  AtlasMissingReason reason;
  /* Kommun 0101: g = 100, 50, 300, 30, 60 (G = 540) of t = 200, 500,
   * 400, 300, 600 (T = 2000, R = 1460). */
  double d0101 = (fabs (100. / 540 - 100. / 1460) + fabs (50. / 540 - 450. / 1460) +
                  fabs (300. / 540 - 100. / 1460) + fabs (30. / 540 - 270. / 1460) +
                  fabs (60. / 540 - 540. / 1460)) / 2;
  /* Län 01: all eleven areas, G = 540 + 500 + 200, R = 1460 + 500 + 300. */
  double d01 = (fabs (100. / 1240 - 100. / 2260) + fabs (50. / 1240 - 450. / 2260) +
                fabs (300. / 1240 - 100. / 2260) + fabs (30. / 1240 - 270. / 2260) +
                fabs (60. / 1240 - 540. / 2260) + fabs (500. / 1240 - 500. / 2260) +
                2 * fabs (100. / 1240 - 0. / 2260) + 3 * fabs (0. / 1240 - 100. / 2260)) / 2;

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "0101", &reason), d0101, EPS);
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NONE);
  /* Complete segregation: the group lives alone in two areas. */
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "0103", &reason), 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "01", &reason), d01, EPS);
  g_assert_cmpfloat_with_epsilon (value_of (dataset, "00", &reason), d01, EPS);
  /* One area: D = 0 by construction, which says nothing. */
  g_assert_true (isnan (value_of (dataset, "0102", &reason)));
  g_assert_cmpint (reason, ==, ATLAS_MISSING_FEW_UNITS);
  g_assert_true (isnan (value_of (dataset, "0101X1", &reason)));
  g_assert_cmpint (reason, ==, ATLAS_MISSING_NOT_AT_LEVEL);

  /* The same areas listed in the opposite order give the same indices. */
  reversed = atlas_dataset_load (reversed_dir, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      AtlasMissingReason r1, r2;
      double v1 = value_of (dataset, codes[i], &r1), v2 = value_of (reversed, codes[i], &r2);

      g_assert_cmpint (r1, ==, r2);
      if (!isnan (v1))
        g_assert_cmpfloat_with_epsilon (v1, v2, 1e-12);
    }

  g_clear_object (&dataset);
  g_clear_object (&reversed);
  remove_package (dir);
  remove_package (reversed_dir);
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
  real = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/derived-segregation/real-deso", test_real_deso);
  g_test_add_func ("/derived-segregation/real-regso-years", test_real_regso_years);
  g_test_add_func ("/derived-segregation/years-and-levels", test_real_years_and_levels);
  g_test_add_func ("/derived-segregation/small-package", test_small_package_by_hand);
  g_test_add_func ("/derived-segregation/first-read-from-threads", test_first_read_from_threads);
  g_test_add_func ("/derived-segregation/maup", test_maup);
  g_test_add_func ("/derived-segregation/maup-chart", test_maup_chart);
  status = g_test_run ();
  g_assert_finalize_object (real);
  return status;
}
