/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-core.h"

/* Batch export never loses a user's file: it refuses to replace files
 * unless asked, its rollback removes only files it created, and every
 * area gets its own file name, never just ".pdf". */

static AtlasDataset *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static AtlasDataset *
load_packaged (const char *id)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", id, NULL);

  return load (path);
}

/* Every kommun of Uppsala län, as a batch of PDF figures. */
static AtlasFigure *
uppsala_figure (AtlasDataset *dataset)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "arbetsloshet");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  AtlasFigure *figure = atlas_figure_new (dataset, indicator, kommun, 2020);

  atlas_figure_set_region (figure, atlas_dataset_lookup_area (dataset, "03"));
  return figure;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-batch-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
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
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_refuses_existing (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasFigure) figure = uppsala_figure (dataset);
  g_autofree char *dir = make_dir ();
  g_autofree char *mine = g_build_filename (dir, "0380-uppsala.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (mine, "my own notes", -1, NULL));
  files = atlas_figure_export_batch (figure, atlas_dataset_lookup_division (dataset, "kommun"),
                                     dir, ATLAS_FIGURE_FORMAT_PDF, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "0380-uppsala.pdf"));
  text = read_text (mine);
  g_assert_cmpstr (text, ==, "my own notes");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_tree (dir);
}

static void
test_overwrite_when_asked (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasFigure) figure = uppsala_figure (dataset);
  g_autofree char *dir = make_dir ();
  g_autofree char *mine = g_build_filename (dir, "0380-uppsala.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (mine, "my own notes", -1, NULL));
  files = atlas_figure_export_batch_full (figure, atlas_dataset_lookup_division (dataset, "kommun"),
                                          dir, ATLAS_FIGURE_FORMAT_PDF, ATLAS_BATCH_OVERWRITE,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 8);
  g_assert_cmpuint (count_entries (dir), ==, 8);
  text = read_text (mine);
  g_assert_true (g_str_has_prefix (text, "%PDF"));

  remove_tree (dir);
}

/* A failure halfway: the files written before it go, the user's file
 * that was there before (and was replaced, as asked) stays. */
static void
test_rollback_keeps_existing (void)
{
  g_autoptr(AtlasDataset) dataset = load_packaged ("sverige-kommuner");
  g_autoptr(AtlasFigure) figure = uppsala_figure (dataset);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autofree char *dir = make_dir ();
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *blocker = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  AtlasArea *lan = atlas_dataset_lookup_area (dataset, "03");

  for (guint i = 0; i < atlas_division_get_n_areas (kommun); i++)
    {
      AtlasArea *area = atlas_division_get_area (kommun, i);

      if (atlas_area_get_parent (area) != lan)
        continue;
      if (first == NULL)
        first = atlas_figure_batch_file_name (area, ATLAS_FIGURE_FORMAT_PDF);
      g_free (last);
      last = atlas_figure_batch_file_name (area, ATLAS_FIGURE_FORMAT_PDF);
    }
  first_path = g_build_filename (dir, first, NULL);
  blocker = g_build_filename (dir, last, NULL);
  g_assert_true (g_file_set_contents (first_path, "my own notes", -1, NULL));
  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);

  files = atlas_figure_export_batch_full (figure, kommun, dir, ATLAS_FIGURE_FORMAT_PDF,
                                          ATLAS_BATCH_OVERWRITE, NULL, &error);
  g_assert_null (files);
  g_assert_nonnull (error);
  g_assert_true (g_file_test (first_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  remove_tree (dir);
}

/* Codes "01 a" and "01-a" sanitise alike; code "--" has no letter. */
static void
test_unique_names (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "batch-clash", NULL);
  g_autoptr(AtlasDataset) dataset = load (path);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(AtlasFigure) figure = atlas_figure_new (dataset, atlas_dataset_lookup_indicator (dataset, "andel"),
                                                    kommun, 2020);
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *empty = atlas_figure_batch_file_name (atlas_dataset_lookup_area (dataset, "--"),
                                                         ATLAS_FIGURE_FORMAT_PDF);

  g_assert_cmpstr (empty, ==, "area-2.pdf");
  files = atlas_figure_export_batch (figure, kommun, dir, ATLAS_FIGURE_FORMAT_PDF, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 3);
  g_assert_cmpuint (count_entries (dir), ==, 3);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (files[i]);
      g_assert_false (g_str_has_prefix (base, "."));
    }
  {
    g_autofree char *a = g_build_filename (dir, "01-a-ankeby.pdf", NULL);
    g_autofree char *b = g_build_filename (dir, "01-a-ankeby-2.pdf", NULL);
    g_assert_true (g_file_test (a, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (b, G_FILE_TEST_IS_REGULAR));
  }

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch-export/refuses-existing", test_refuses_existing);
  g_test_add_func ("/batch-export/overwrite-when-asked", test_overwrite_when_asked);
  g_test_add_func ("/batch-export/rollback-keeps-existing", test_rollback_keeps_existing);
  g_test_add_func ("/batch-export/unique-names", test_unique_names);

  return g_test_run ();
}
