/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_vsi.h>

#include "hostile-corpus.h"

#define VSICURL_PACKAGE "/vsicurl/http://127.0.0.1:9/package.zip"

static char *
minimal_file (const char *relative)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", relative, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_file (const char *dir,
            const char *relative,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, length, NULL));
}

/* valid-minimal, without the files the case replaces. */
static void
copy_minimal (const char *dir,
              gboolean    manifest,
              gboolean    geometry,
              gboolean    values)
{
  static const char * const files[] = { "manifest.json", "geo/kommun.geojson", "values/2020.csv" };
  gboolean wanted[] = { manifest, geometry, values };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = minimal_file (files[i]);

      if (wanted[i])
        write_file (dir, files[i], text, -1);
    }
  if (!values)
    {
      g_autofree char *folder = g_build_filename (dir, "values", NULL);
      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    }
}

static void
build_deep_manifest (const char *dir)
{
  g_autofree char *deep = g_strnfill (100000, '[');

  copy_minimal (dir, FALSE, TRUE, TRUE);
  write_file (dir, "manifest.json", deep, -1);
}

/* 20 MB of manifest packed into a few kilobytes of zip. */
static void
build_zip_bomb (const char *zip)
{
  g_autofree char *inner = g_strconcat ("/vsizip/", zip, "/manifest.json", NULL);
  g_autofree char *manifest = minimal_file ("manifest.json");
  g_autofree char *padding = g_strnfill (1 << 20, ' ');
  VSILFILE *fp = VSIFOpenL (inner, "wb");

  g_assert_nonnull (fp);
  g_assert_cmpuint (VSIFWriteL (manifest, 1, strlen (manifest) - 2, fp), ==, strlen (manifest) - 2);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (VSIFWriteL (padding, 1, 1 << 20, fp), ==, 1 << 20);
  g_assert_cmpuint (VSIFWriteL ("}\n", 1, 2, fp), ==, 2);
  VSIFCloseL (fp);
}

static void
build_sparse_table (const char *dir)
{
  g_autofree char *table = g_build_filename (dir, "values", "2020.csv", NULL);
  int fd;

  copy_minimal (dir, TRUE, TRUE, TRUE);
  fd = g_open (table, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 5 << 30), ==, 0);
  g_close (fd, NULL);
}

static void
build_dev_zero_link (const char *dir)
{
  g_autofree char *table = g_build_filename (dir, "values", "2020.csv", NULL);

  copy_minimal (dir, TRUE, TRUE, FALSE);
  g_assert_cmpint (symlink ("/dev/zero", table), ==, 0);
}

static void
build_fifo_table (const char *dir)
{
  g_autofree char *table = g_build_filename (dir, "values", "2020.csv", NULL);

  copy_minimal (dir, TRUE, TRUE, FALSE);
  g_assert_cmpint (mkfifo (table, 0600), ==, 0);
}

static void
build_symlink_out (const char *dir)
{
  g_autofree char *target = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", "geo", "kommun.geojson", NULL);
  g_autofree char *absolute = g_canonicalize_filename (target, NULL);
  g_autofree char *geo = g_build_filename (dir, "geo", NULL);
  g_autofree char *link = g_build_filename (geo, "kommun.geojson", NULL);

  copy_minimal (dir, TRUE, FALSE, TRUE);
  g_assert_cmpint (g_mkdir_with_parents (geo, 0700), ==, 0);
  g_assert_cmpint (symlink (absolute, link), ==, 0);
}

/* 2 000 indicators × 250 years over 100 areas and riket: 50.5 million
 * values from a few hundred kilobytes. */
static void
build_huge_dense (const char *dir)
{
  g_autoptr(GString) m = g_string_new ("{\"format\":1,\"id\":\"dense\",\"title\":{\"sv\":\"T\"},\"version\":\"1\","
                                       "\"publisher\":\"p\",\"licence\":\"CC0\",\"date\":\"2026-01-01\",\"sources\":[],\"years\":[");
  g_autoptr(GString) geo = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint y = 0; y < 250; y++)
    {
      g_autofree char *table = g_strdup_printf ("values/%u.csv", 1801 + y);

      g_string_append_printf (m, "%s%u", y > 0 ? "," : "", 1801 + y);
      write_file (dir, table, "code\n", -1);
    }
  g_string_append (m, "],\"divisions\":[{\"id\":\"ruta\",\"name\":{\"sv\":\"R\"},\"parent\":null,"
                      "\"geometry\":{\"file\":\"geo/ruta.geojson\",\"code_field\":\"kod\"}}],"
                      "\"themes\":[{\"id\":\"t\",\"name\":{\"sv\":\"T\"}}],\"indicators\":[");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (m, "%s{\"id\":\"i%u\",\"theme\":\"t\",\"name\":{\"sv\":\"I\"},\"unit\":\"count\","
                            "\"aggregation\":{\"rule\":\"sum\"}}", i > 0 ? "," : "", i);
  g_string_append (m, "]}");
  for (guint a = 0; a < 100; a++)
    g_string_append_printf (geo, "%s{\"type\":\"Feature\",\"properties\":{\"kod\":\"R%u\"},\"geometry\":{\"type\":\"Polygon\","
                            "\"coordinates\":[[[12,%u.0],[12.5,%u.0],[12.5,%u.5],[12,%u.0]]]}}",
                            a > 0 ? "," : "", a, 50 + a % 20, 50 + a % 20, 50 + a % 20, 50 + a % 20);
  g_string_append (geo, "]}");
  write_file (dir, "manifest.json", m->str, -1);
  write_file (dir, "geo/ruta.geojson", geo->str, -1);
}

static void
build_many_divisions (const char *dir)
{
  g_autofree char *minimal = minimal_file ("manifest.json");
  g_autoptr(GString) list = g_string_new ("\"divisions\": [");
  const char *start = strstr (minimal, "\"divisions\"");
  const char *end = strstr (minimal, "\"themes\"");

  for (guint d = 0; d < 30000; d++)
    g_string_append_printf (list, "%s{\"id\":\"d%u\",\"name\":{\"sv\":\"D\"},\"parent\":null,"
                            "\"geometry\":{\"file\":\"geo/kommun.geojson\",\"code_field\":\"kod\"}}",
                            d > 0 ? "," : "", d);
  g_string_append (list, "],\n  ");
  g_string_prepend_len (list, minimal, start - minimal);
  g_string_append (list, end);
  copy_minimal (dir, FALSE, TRUE, TRUE);
  write_file (dir, "manifest.json", list->str, -1);
}

/* Two million rows with unknown area codes: one problem each. */
static void
build_many_problems (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("code,folkmangd,andel,typ\n");

  for (guint r = 0; r < 2000000; r++)
    g_string_append_printf (csv, "x%u,1,1,1\n", r);
  copy_minimal (dir, TRUE, TRUE, FALSE);
  write_file (dir, "values/2020.csv", csv->str, (gssize) csv->len);
}

static const HostileCase cases[] = {
  { "geometry-parent-path", "manifest.json", "the path “../valid-minimal/geo/kommun.geojson” leads out of the package", NULL },
  { "geometry-absolute-path", "manifest.json", "the path “/etc/passwd” leads out of the package", NULL },
  { "geometry-vsi-path", "manifest.json", "the path “/vsicurl/http://127.0.0.1:9/kommun.geojson” leads out", NULL },
  { "geometry-vrt", "geo/kommun.vrt", "not a vector file Platsatlas reads", NULL },
  { "geometry-wfs", "geo/kommun.xml", "not a vector file Platsatlas reads", NULL },
  { "empty-manifest", "manifest.json", "the file is empty", NULL },
  { "manifest-directory", "manifest.json", "not a regular file", NULL },
  { "duplicate-key", "manifest.json", "the key “id” appears twice in one object", NULL },
  { "nul-in-table", "values/2020.csv", "a NUL byte", NULL },
  { "hex-float", "values/2020.csv", "non-numeric value “0x1p3”", NULL },
  { "infinite-value", "values/2020.csv", "non-numeric value “1e999”", NULL },
  { "nan-value", "values/2020.csv", "non-numeric value “nan”", NULL },
  { "category-wrap", "manifest.json", "the category code 4294967297 is out of range", NULL },
  { "latin1-table", "values/2020.csv", "the text is not valid UTF-8", NULL },
  { "deep-manifest", "manifest.json", "nested deeper than 32 levels", build_deep_manifest },
  { "zip-bomb.zip", "manifest.json", "the file is too large (20.0", build_zip_bomb },
  { "sparse-table", "values/2020.csv", "the file is too large (5.0", build_sparse_table },
  { "dev-zero-link", "values/2020.csv", "the file is a link that leads out of the package", build_dev_zero_link },
  { "fifo-table", "values/2020.csv", "not a regular file (a folder, pipe or device)", build_fifo_table },
  { "symlink-out", "geo/kommun.geojson", "the file is a link that leads out of the package", build_symlink_out },
  { "huge-dense", NULL, "values (2000 indicators × 250 years × 101 areas)", build_huge_dense },
  { "many-divisions", "manifest.json", "the list has 30000 entries; expected at most 32", build_many_divisions },
  { "many-problems", "values/2020.csv", "unknown area code “x0”", build_many_problems },
  { "vsicurl-package", NULL, "is a GDAL virtual path", NULL },
};

const HostileCase *
hostile_corpus_cases (guint *n_cases)
{
  *n_cases = G_N_ELEMENTS (cases);
  return cases;
}

char *
hostile_corpus_path (const HostileCase *c,
                     const char        *scratch)
{
  char *path;

  if (g_str_equal (c->name, "vsicurl-package"))
    return g_strdup (VSICURL_PACKAGE);
  if (c->build == NULL)
    return g_test_build_filename (G_TEST_DIST, "data", "hostile", c->name, NULL);

  path = g_build_filename (scratch, c->name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if (!g_str_has_suffix (path, ".zip"))
        g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      c->build (path);
    }
  return path;
}

char *
hostile_corpus_scratch (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes what the corpus generated: links and FIFOs are removed, never
 * followed. */
void
hostile_corpus_remove (const char *scratch)
{
  g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        hostile_corpus_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (scratch);
}
