/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-test-util.h"
#include "hostile-corpus.h"

/* `platsatlas-cli validate` refuses every hostile package with its own
 * message, in valid UTF-8 text and valid JSON; batch export refuses to
 * replace files unless given --overwrite. */

static char *scratch;
static GHashTable *first_lines; /* first line of output → case name */

static void
test_validate_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *path = hostile_corpus_path (c, scratch);
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *problems;
  char *first_line;

  cli_test_run (&text, "validate", path, NULL);
  g_assert_cmpint (text.status, ==, 1);
  if (strstr (text.out, c->phrase) == NULL)
    g_error ("%s: “%s” does not say “%s”", c->name, text.out, c->phrase);
  if (c->file != NULL)
    g_assert_true (g_str_has_prefix (text.out, c->file));

  /* Each case its own message. */
  first_line = g_strndup (text.out, strcspn (text.out, "\n"));
  if (g_hash_table_contains (first_lines, first_line))
    g_error ("%s and %s say the same: %s", c->name,
             (char *) g_hash_table_lookup (first_lines, first_line), first_line);
  g_hash_table_insert (first_lines, first_line, (gpointer) c->name);

  cli_test_run (&json, "validate", path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = cli_test_parse_json (json.out);
  problems = json_object_get_array_member (json_node_get_object (root), "problems");
  g_assert_cmpuint (json_array_get_length (problems), >=, 1);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_export_overwrite (void)
{
  g_autofree char *dir = g_build_filename (scratch, "batch", NULL);
  g_autofree char *mine = g_build_filename (dir, "0380-uppsala.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(CliRun) refused = { 0 };
  g_auto(CliRun) replaced = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine, "my own notes", -1, NULL));
  cli_test_run (&refused, "export", "sverige-kommuner", "--indicator", "arbetsloshet", "--level", "kommun",
                "--year", "2020", "--region", "03", "--batch-level", "kommun", "--output-dir", dir, NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_assert_nonnull (strstr (refused.err, "0380-uppsala.pdf"));
  g_assert_true (g_file_get_contents (mine, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "my own notes");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  cli_test_run (&replaced, "export", "sverige-kommuner", "--indicator", "arbetsloshet", "--level", "kommun",
                "--year", "2020", "--region", "03", "--batch-level", "kommun", "--output-dir", dir,
                "--overwrite", NULL);
  g_assert_cmpint (replaced.status, ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 8);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (mine, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF"));
}

int
main (int   argc,
      char *argv[])
{
  guint n;
  const HostileCase *cases = hostile_corpus_cases (&n);
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The phrases are the English messages. */
  g_setenv ("PLATSATLAS_LANG", "en", TRUE);
  scratch = hostile_corpus_scratch ();
  first_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("/cli/validate/hostile/%s", cases[i].name);
      g_test_add_data_func (name, &cases[i], test_validate_hostile);
    }
  g_test_add_func ("/cli/export/overwrite", test_export_overwrite);

  status = g_test_run ();
  hostile_corpus_remove (scratch);
  g_free (scratch);
  g_hash_table_unref (first_lines);
  return status;
}
