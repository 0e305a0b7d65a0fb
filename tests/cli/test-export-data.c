/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

/* platsatlas-cli export with a .csv or .gpkg output writes the data
 * behind the map. The GeoPackage is read back with GDAL's own ogrinfo,
 * and both are compared with the package's values file. */

/* code → folkmängd 2024 from data/datasets/sverige-kommuner/values. */
static GHashTable *
source_folkmangd (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "sverige-kommuner", "values", "2024.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "code,folkmangd,"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", 3);

      if (f[0] != NULL && f[1] != NULL)
        g_hash_table_insert (values, g_strdup (f[0]), g_strdup (f[1]));
    }
  return values;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-cli-data-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
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

static void
test_gpkg_ogrinfo (void)
{
  g_autofree char *ogrinfo = g_find_program_in_path ("ogrinfo");
  g_autoptr(GHashTable) source = source_folkmangd ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "uppsala.gpkg", NULL);
  g_autofree char *out = NULL;
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *code = NULL;
  guint checked = 0;
  int status;

  cli_test_run (&run, "export", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--region", "03", "-o", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (ogrinfo == NULL)
    {
      g_test_skip ("ogrinfo (gdal-bin) is not installed");
      remove_dir (dir);
      return;
    }

  {
    const char *argv[] = { ogrinfo, "-ro", "-al", "-geom=NO", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, NULL));
  }
  g_assert_nonnull (strstr (out, "Layer name: folkmangd_kommun_2024"));
  g_assert_nonnull (strstr (out, "SWEREF99 TM"));
  g_assert_nonnull (strstr (out, "Feature Count: 8"));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "area_code (String) = "))
        {
          g_free (code);
          code = g_strdup (line + strlen ("area_code (String) = "));
        }
      else if (g_str_has_prefix (line, "value (Real) = "))
        {
          g_assert_nonnull (code);
          g_assert_cmpfloat (g_ascii_strtod (line + strlen ("value (Real) = "), NULL), ==,
                             g_ascii_strtod (g_hash_table_lookup (source, code), NULL));
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 8);
  remove_dir (dir);
}

static void
test_csv_swedish (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "uppsala.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_auto(CliRun) run = { 0 };

  cli_test_run (&run, "export", "sverige-kommuner", "--indicator", "arbetsloshet", "--year", "2024",
                "--level", "kommun", "--region", "03", "--csv-style", "swedish", "-o", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "area_code;area_name;parent_code;"));
  /* Uppsala kommun's share with a decimal comma, from the values file:
   * "0380,…,…,2.57" becomes "2,57". */
  {
    g_autofree char *values_path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                                     "sverige-kommuner", "values", "2024.csv", NULL);
    g_autofree char *values = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_file_get_contents (values_path, &values, NULL, NULL));
    lines = g_strsplit (values, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "0380,"))
        {
          g_auto(GStrv) f = g_strsplit (g_strstrip (lines[i]), ",", -1);

          expected = g_strdup_printf ("0380;Uppsala;03;Uppsala län;kommun;arbetsloshet;%s;percent;",
                                      g_strdelimit (f[3], ".", ','));
        }
  }
  g_assert_nonnull (expected);
  g_assert_nonnull (strstr (text, expected));
  remove_dir (dir);
}

static void
test_usage (void)
{
  g_auto(CliRun) bad_labels = { 0 };
  g_auto(CliRun) bad_extent = { 0 };
  g_auto(CliRun) bad_output = { 0 };

  cli_test_run (&bad_labels, "export", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--labels", "sometimes", NULL);
  g_assert_cmpint (bad_labels.status, ==, 2);
  g_assert_nonnull (strstr (bad_labels.err, "--labels"));
  cli_test_run (&bad_extent, "export", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "--extent", "18,60,17", NULL);
  g_assert_cmpint (bad_extent.status, ==, 2);
  g_assert_nonnull (strstr (bad_extent.err, "18,60,17"));
  cli_test_run (&bad_output, "export", "sverige-kommuner", "--indicator", "folkmangd", "--year", "2024",
                "--level", "kommun", "-o", "out.xlsx", NULL);
  g_assert_cmpint (bad_output.status, ==, 2);
  g_assert_nonnull (strstr (bad_output.err, ".gpkg"));
}

/* --select names the area on the figure even among 238 DeSO, where
 * names are otherwise left out (read back with pdftotext). */
static void
test_select_named (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "deso.pdf", NULL);
  g_auto(CliRun) plain = { 0 };
  g_auto(CliRun) selected = { 0 };

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      remove_dir (dir);
      return;
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      CliRun *run = pass == 0 ? &plain : &selected;
      const char *argv[] = { pdftotext, path, "-", NULL };
      g_autofree char *out = NULL;

      if (pass == 0)
        cli_test_run (run, "export", "uppsala-lan", "--indicator", "utrikes_fodda_andel", "--year", "2023",
                      "--level", "deso", "-o", path, NULL);
      else
        cli_test_run (run, "export", "uppsala-lan", "--indicator", "utrikes_fodda_andel", "--year", "2023",
                      "--level", "deso", "--select", "0380C1170", "-o", path, NULL);
      g_assert_cmpint (run->status, ==, 0);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, NULL, NULL));
      if (pass == 0)
        g_assert_null (strstr (out, "0380C1170"));
      else
        g_assert_nonnull (strstr (out, "0380C1170"));
    }
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-data/gpkg-ogrinfo", test_gpkg_ogrinfo);
  g_test_add_func ("/export-data/csv-swedish", test_csv_swedish);
  g_test_add_func ("/export-data/usage", test_usage);
  g_test_add_func ("/export-data/select-named", test_select_named);

  return g_test_run ();
}
