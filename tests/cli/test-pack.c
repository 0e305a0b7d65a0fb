/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cli-test-util.h"

/* platsatlas-cli pack: one command per file as SCB publishes it. */

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
new_output (void)
{
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-pack-XXXXXX", NULL);

  g_ptr_array_add (made_dirs, g_strdup (dir));

  return g_build_filename (dir, "package", NULL);
}

static JsonObject *
level_of (JsonObject *report,
          const char *id)
{
  JsonArray *levels = json_object_get_array_member (report, "levels");

  for (guint i = 0; i < json_array_get_length (levels); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (levels, i), "id"), id))
      return json_array_get_object_element (levels, i);
  g_assert_not_reached ();
}

static void
test_help (void)
{
  g_auto(CliRun) run = { 0, };

  cli_test_run (&run, "pack", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char *const *option = (const char *const[]) { "--select", "--split", "--share", "--sum", "--merge", "--drop",
                                                           "--dissolve", "--draw-within", "--simplify", "--recipe", "--crs", NULL };
       *option != NULL; option++)
    g_assert_nonnull (strstr (run.out, *option));
}

/* "Kommun (RegSO-namn)" rows and footnotes: a valid package, and the
 * report's counts. */
static void
test_report (void)
{
  g_autofree char *input = fixture ("scb_statistikdatabasen_regso_omradestyp_2022.csv");
  g_autofree char *output = new_output ();
  g_auto(CliRun) run = { 0, };
  g_autoptr(JsonNode) report = NULL;
  JsonObject *root, *regso;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  guint rows = 0;

  g_assert_true (g_file_get_contents (input, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    rows += g_regex_match_simple ("^[^,]+ \\([^)]*\\),[1-5]\\r?$", lines[i], 0, 0);

  cli_test_run (&run, "pack", "--json", "--output", output, input, NULL);
  g_assert_cmpint (run.status, ==, 0);
  report = cli_test_parse_json (run.out);
  root = json_node_get_object (report);
  regso = level_of (root, "regso");
  g_assert_cmpuint (rows, ==, 3363);
  g_assert_cmpint (json_object_get_int_member (regso, "areas"), ==, rows);
  g_assert_cmpint (json_object_get_int_member (regso, "codes_without_geometry"), ==, rows);
  g_assert_cmpint (json_object_get_int_member (regso, "drawn"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (level_of (root, "kommun"), "drawn"), ==, 290);
  g_assert_cmpint (json_object_get_int_member (root, "unmatched"), ==, 0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "validation"), "valid"));
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* pack --recipe records every choice; the same command without files
 * rebuilds the same package. */
static void
test_recipe (void)
{
  g_autofree char *input = fixture ("scb_pxweb_uppsala_regso2025_folkmangd_2024.json");
  g_autofree char *first = new_output ();
  g_autofree char *second = new_output ();
  g_autofree char *dir = g_path_get_dirname (first);
  g_autofree char *recipe = g_build_filename (dir, "recipe.json", NULL);
  g_auto(CliRun) run1 = { 0, };
  g_auto(CliRun) run2 = { 0, };
  g_autofree char *m1 = NULL, *m2 = NULL, *v1 = NULL, *v2 = NULL, *r = NULL;

  cli_test_run (&run1, "pack", "--output", first, "--recipe", recipe, "--select", "Alder=65-69", "--split", "Kon",
                "--share", "andel_kvinnor=folkmangden_per_region_kvinnor/folkmangden_per_region_totalt", input, NULL);
  g_assert_cmpint (run1.status, ==, 0);
  r = read_file (dir, "recipe.json");
  g_assert_nonnull (strstr (r, "\"Alder\" : \"65-69\""));
  g_assert_nonnull (strstr (r, "andel_kvinnor"));

  cli_test_run (&run2, "pack", "--output", second, "--recipe", recipe, NULL);
  g_assert_cmpint (run2.status, ==, 0);
  m1 = read_file (first, "manifest.json");
  m2 = read_file (second, "manifest.json");
  g_assert_cmpstr (m1, ==, m2);
  v1 = read_file (first, "values/2024.csv");
  v2 = read_file (second, "values/2024.csv");
  g_assert_cmpstr (v1, ==, v2);
  g_assert_nonnull (strstr (v1, "andel_kvinnor"));
}

static void
test_usage_errors (void)
{
  g_autofree char *input = fixture ("scb_pxweb_uppsala_regso2025_folkmangd_2024.json");
  g_autofree char *output = new_output ();
  g_auto(CliRun) no_output = { 0, };
  g_auto(CliRun) bad_value = { 0, };

  cli_test_run (&no_output, "pack", input, NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  g_assert_nonnull (strstr (no_output.err, "--output"));
  cli_test_run (&bad_value, "pack", "--output", output, "--select", "Kon=3", input, NULL);
  g_assert_cmpint (bad_value.status, ==, 2);
  g_assert_nonnull (strstr (bad_value.err, "Kon"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* Done when every fixture and every SCB table of the project's shared
 * data becomes a valid package with one command. */
static void
test_shared_data (void)
{
  g_autofree char *top = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autofree char *shared = g_build_filename (top, "..", "shared", "data", NULL);
  const char *const dirs[] = { "fixtures", "stats/scb-deso2018-2022", "stats/scb-regso2020-2020-2023" };
  guint packed = 0;

  if (!g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared source data is not next to the tree");
      return;
    }
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_build_filename (shared, dirs[d], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *input = g_build_filename (dir, name, NULL);
          g_autofree char *output = new_output ();
          g_auto(CliRun) run = { 0, };

          cli_test_run (&run, "pack", "--output", output, input, NULL);
          if (run.status != 0)
            g_printerr ("%s: %s%s\n", name, run.out, run.err);
          g_assert_cmpint (run.status, ==, 0);
          g_assert_nonnull (strstr (run.out, "Validering: paketet är giltigt."));
          packed++;
        }
    }
  g_assert_cmpuint (packed, ==, 4 + 9 + 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pack/help", test_help);
  g_test_add_func ("/pack/report", test_report);
  g_test_add_func ("/pack/recipe", test_recipe);
  g_test_add_func ("/pack/usage-errors", test_usage_errors);
  g_test_add_func ("/pack/shared-data", test_shared_data);

  made_dirs = g_ptr_array_new_with_free_func (g_free);
  status = g_test_run ();
  remove_made_dirs ();
  return status;
}
