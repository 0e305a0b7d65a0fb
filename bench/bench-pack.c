/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to pack SCB's national DeSO tables: the nine Statistikdatabasen
 * XLSX exports for all 5,984 DeSO 2018 (read from the project's shared
 * source data next to the tree), into one package, validation included.
 * Prints one JSON line; skipped when the source data is not there. */
#include <glib/gstdio.h>
#include <stdio.h>

#include "atlas-core.h"
#include "bench-util.h"

#define RUNS 3

static GPtrArray *
list_tables (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".xlsx"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

/* The folder this benchmark made, with the package in it. */
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

static double
time_pack (GPtrArray *files,
           guint     *n_indicators)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autofree char *tmp = g_dir_make_tmp ("platsatlas-bench-pack-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "package", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = NULL;
  gint64 start;
  double seconds;

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));

      atlas_importer_add_file (importer, file);
    }
  start = g_get_monotonic_time ();
  if (!atlas_importer_write (importer, output, NULL, &error))
    g_error ("pack failed: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  report = atlas_importer_get_report (importer);
  *n_indicators = json_array_get_length (json_object_get_array_member (json_node_get_object (report), "indicators"));
  {
    g_autoptr(GFile) made = g_file_new_for_path (tmp);

    remove_tree (made);
  }
  return seconds;
}

/* What the assistant waits for after each choice: reading the files
 * again, then the preview (the package written to a temporary folder and
 * loaded). */
static void
time_preview (GPtrArray *files,
              double    *inspect_s,
              double    *preview_s)
{
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));

      atlas_importer_add_file (importer, file);
    }
  start = g_get_monotonic_time ();
  if (!atlas_importer_inspect (importer, NULL, &error))
    g_error ("inspect failed: %s", error->message);
  *inspect_s = (g_get_monotonic_time () - start) / 1e6;
  start = g_get_monotonic_time ();
  dataset = atlas_importer_preview (importer, NULL, &error);
  if (dataset == NULL)
    g_error ("preview failed: %s", error->message);
  *preview_s = (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_build_filename (SOURCE_ROOT, "..", "shared", "data", "stats", "scb-deso2018-2022", NULL);
  g_autoptr(GPtrArray) files = list_tables (dir);
  double times[RUNS];
  guint n_indicators = 0;

  if (files->len == 0)
    {
      printf ("{\"bench\":\"pack\",\"skipped\":\"no SCB XLSX tables in ../shared/data\"}\n");
      return 0;
    }
  for (guint i = 0; i < RUNS; i++)
    times[i] = time_pack (files, &n_indicators);
  printf ("{\"bench\":\"pack\",\"input\":\"scb-deso2018-2022\",\"files\":%u,\"areas\":5984,"
          "\"indicators\":%u,\"runs\":%d,\"median_s\":%.3f,\"min_s\":%.3f}\n",
          files->len, n_indicators, RUNS, bench_median (times, RUNS), MIN (times[0], MIN (times[1], times[2])));
  {
    double inspect_s[RUNS], preview_s[RUNS];

    for (guint i = 0; i < RUNS; i++)
      time_preview (files, &inspect_s[i], &preview_s[i]);
    printf ("{\"bench\":\"import-preview\",\"input\":\"scb-deso2018-2022\",\"files\":%u,\"runs\":%d,"
            "\"inspect_median_s\":%.3f,\"preview_median_s\":%.3f}\n",
            files->len, RUNS, bench_median (inspect_s, RUNS), bench_median (preview_s, RUNS));
  }
  return 0;
}
