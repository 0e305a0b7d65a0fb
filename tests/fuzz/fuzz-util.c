/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-core.h"
#include "fuzz-util.h"

/* tests/data/valid-minimal, with the geometry file name left open. */
static const char manifest_format[] =
  "{\"format\":1,\"id\":\"minimal\",\"title\":{\"sv\":\"Minimalt paket\",\"en\":\"Minimal package\"},"
  "\"version\":\"1\",\"publisher\":\"Platsatlas tests\",\"licence\":\"CC0-1.0\",\"date\":\"2026-11-21\","
  "\"sources\":[],\"years\":[2020],"
  "\"divisions\":[{\"id\":\"kommun\",\"name\":{\"sv\":\"Kommun\",\"en\":\"Municipality\"},\"parent\":null,"
  "\"geometry\":{\"file\":\"geo/kommun.%s\",\"layer\":\"kommun\",\"code_field\":\"kod\",\"name_field\":\"namn\"}}],"
  "\"themes\":[{\"id\":\"befolkning\",\"name\":{\"sv\":\"Befolkning\",\"en\":\"Population\"}}],"
  "\"indicators\":["
  "{\"id\":\"folkmangd\",\"theme\":\"befolkning\",\"kind\":\"background\",\"name\":{\"sv\":\"Folkmängd\"},"
  "\"unit\":\"count\",\"aggregation\":{\"rule\":\"sum\"}},"
  "{\"id\":\"andel\",\"theme\":\"befolkning\",\"name\":{\"sv\":\"Andel\"},\"unit\":\"percent\",\"decimals\":1,"
  "\"aggregation\":{\"rule\":\"weighted-mean\",\"weight\":\"folkmangd\"}},"
  "{\"id\":\"typ\",\"theme\":\"befolkning\",\"name\":{\"sv\":\"Typ\"},\"unit\":\"category\","
  "\"aggregation\":{\"rule\":\"category\"},\"categories\":["
  "{\"code\":1,\"label\":{\"sv\":\"Ett\"},\"color\":\"#112233\"},"
  "{\"code\":2,\"label\":{\"sv\":\"Två\"},\"color\":\"#445566\"}]}]}";

static const char geojson[] =
  "{\"type\":\"FeatureCollection\",\"name\":\"kommun\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"kod\":\"0101\",\"namn\":\"Ankeby\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[12.0,57.0],[12.5,57.0],[12.5,57.5],[12.0,57.5],[12.0,57.0]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"kod\":\"0102\",\"namn\":\"Bergby\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[12.5,57.0],[13.0,57.0],[13.0,57.5],[12.5,57.5],[12.5,57.0]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"kod\":\"0103\",\"namn\":\"Centrum\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[13.0,57.0],[13.5,57.0],[13.5,57.5],[13.0,57.5],[13.0,57.0]]]}}]}";

static const char values[] =
  "code,folkmangd,andel,typ\n0101,100,10.5,1\n0102,200,20.5,2\n0103,300,,1\n";

static GHashTable *packages; /* extension → directory */

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
remove_packages (void)
{
  GHashTableIter iter;
  gpointer dir;

  g_hash_table_iter_init (&iter, packages);
  while (g_hash_table_iter_next (&iter, NULL, &dir))
    remove_tree (dir);
}

void
fuzz_init (void)
{
  if (packages != NULL)
    return;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  g_setenv ("PLATSATLAS_LANG", "en", TRUE);
  packages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  atexit (remove_packages);
}

void
fuzz_write (const char   *package,
            const char   *relative,
            const guint8 *data,
            gsize         size)
{
  g_autofree char *path = g_build_filename (package, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  FILE *fp;

  /* Not g_file_set_contents(): its fsync() makes a run a hundred times
   * slower, and these files are scratch. */
  g_assert (g_mkdir_with_parents (parent, 0700) == 0);
  fp = g_fopen (path, "wb");
  g_assert (fp != NULL);
  g_assert (size == 0 || fwrite (data, 1, size, fp) == size);
  fclose (fp);
}

const char *
fuzz_package (const char *extension)
{
  char *dir = g_hash_table_lookup (packages, extension);
  g_autofree char *manifest = NULL;
  g_autofree char *geo = NULL;

  if (dir != NULL)
    return dir;

  dir = g_dir_make_tmp ("platsatlas-fuzz-XXXXXX", NULL);
  g_assert (dir != NULL);
  manifest = g_strdup_printf (manifest_format, extension);
  geo = g_strdup_printf ("geo/kommun.%s", extension);
  fuzz_write (dir, "manifest.json", (const guint8 *) manifest, strlen (manifest));
  fuzz_write (dir, geo, (const guint8 *) geojson, strlen (geojson));
  fuzz_write (dir, "values/2020.csv", (const guint8 *) values, strlen (values));
  g_hash_table_insert (packages, g_strdup (extension), dir);
  return dir;
}

void
fuzz_validate (const char *package)
{
  g_autoptr(GPtrArray) problems = atlas_dataset_validate (package, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (problems, i);

      /* Every message must be text a user can read, and JSON can carry. */
      g_assert (g_utf8_validate (problem->message, -1, NULL));
    }
}
