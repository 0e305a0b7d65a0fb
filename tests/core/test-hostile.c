/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "hostile-corpus.h"

/* Every hostile package (tests/data/hostile/README.md) is refused with
 * its own problem, without a CRITICAL (warnings are fatal here), without
 * blocking and without growing without bound, and loading can be
 * cancelled; hostile saved views files
 * are refused with a clear error. */

static char *scratch;

static void
test_hostile_package (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *path = hostile_corpus_path (c, scratch);
  g_autoptr(GPtrArray) problems = atlas_dataset_validate (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  const AtlasProblem *first;

  g_assert_cmpuint (problems->len, >=, 1);
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (first->file, ==, c->file);
  if (strstr (first->message, c->phrase) == NULL)
    g_error ("%s: “%s” does not say “%s”", c->name, first->message, c->phrase);
  for (guint i = 0; i < problems->len; i++)
    {
      const AtlasProblem *p = g_ptr_array_index (problems, i);
      g_assert_true (g_utf8_validate (p->message, -1, NULL));
    }

  dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_null (dataset);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ATLAS_DATASET_ERROR);
}

/* Two million bad rows: the first 100 problems are kept, the rest counted
 * in one last line. */
static void
test_problems_capped (void)
{
  guint n;
  const HostileCase *cases = hostile_corpus_cases (&n);
  const HostileCase *c = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *count = atlas_format_number (2000000 - 100, 0, NULL);
  const AtlasProblem *last;

  for (guint i = 0; i < n; i++)
    if (g_str_equal (cases[i].name, "many-problems"))
      c = &cases[i];
  g_assert_nonnull (c);
  path = hostile_corpus_path (c, scratch);
  problems = atlas_dataset_validate (path, NULL);

  g_assert_cmpuint (problems->len, ==, 101);
  last = g_ptr_array_index (problems, 100);
  g_assert_null (last->file);
  g_assert_nonnull (strstr (last->message, count));
  g_assert_nonnull (strstr (last->message, "more problems, not listed"));

  /* The error says so too: five problems, 95 more, and the count. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);

    g_assert_null (dataset);
    g_assert_nonnull (strstr (error->message, "has more than 100 problems:"));
    g_assert_nonnull (strstr (error->message, "… and 95 more problems\n"));
    g_assert_nonnull (strstr (error->message, count));
  }
}

/* Loading is cancellable: a cancelled load of a large package stops with
 * G_IO_ERROR_CANCELLED. */
static void
test_cancelled (void)
{
  guint n;
  const HostileCase *cases = hostile_corpus_cases (&n);
  g_autofree char *path = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;

  for (guint i = 0; i < n && path == NULL; i++)
    if (g_str_equal (cases[i].name, "many-problems"))
      path = hostile_corpus_path (&cases[i], scratch);
  g_assert_nonnull (path);

  g_cancellable_cancel (cancellable);
  dataset = atlas_dataset_load (path, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A Latin-1 .dbf without .cpg: names converted, and a note says so. */
static void
test_latin1_shapefile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "latin1-shapefile", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);
  GPtrArray *notes;
  const AtlasProblem *note;

  g_assert_no_error (error);
  g_assert_cmpstr (atlas_area_get_name (atlas_dataset_lookup_area (dataset, "0101")), ==, "Ängby");
  g_assert_cmpstr (atlas_area_get_name (atlas_dataset_lookup_area (dataset, "0102")), ==, "Årsta");
  notes = atlas_dataset_get_notes (dataset);
  g_assert_cmpuint (notes->len, ==, 1);
  note = g_ptr_array_index (notes, 0);
  g_assert_cmpstr (note->file, ==, "geo/kommun.shp");
  g_assert_nonnull (strstr (note->message, "2 texts were not UTF-8"));
}

/* The same package, valid, carries no notes. */
static void
test_no_notes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_notes (dataset)->len, ==, 0);
}

typedef struct
{
  const char *file;
  const char *phrase;
} ViewsCase;

static const ViewsCase views_cases[] = {
  { "views-wrong-type.json", "view 1 has a wrong “latitude” (expected a number from -90 to 90)" },
  { "views-infinite-camera.json", "view 1 has a wrong “zoom” (expected a number from 0 to 30)" },
  { "views-duplicate-key.json", "the key “year” appears twice in one object" },
};

static void
test_hostile_views (gconstpointer data)
{
  const ViewsCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile", c->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (path, &error);

  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE);
  if (strstr (error->message, c->phrase) == NULL)
    g_error ("%s: “%s” does not say “%s”", c->file, error->message, c->phrase);
}

static void
test_deep_views (void)
{
  g_autofree char *path = g_build_filename (scratch, "deep-views.json", NULL);
  g_autofree char *deep = g_strnfill (100000, '{');
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = NULL;

  g_assert_true (g_file_set_contents (path, deep, -1, NULL));
  views = atlas_saved_views_load (path, &error);
  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
}

/* An empty file gives an error, not a CRITICAL. */
static void
test_empty_views (void)
{
  g_autofree char *path = g_build_filename (scratch, "empty-views.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  views = atlas_saved_views_load (path, &error);
  g_assert_null (views);
  g_assert_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE);
}

int
main (int   argc,
      char *argv[])
{
  guint n;
  const HostileCase *cases = hostile_corpus_cases (&n);
  int status;

  g_test_init (&argc, &argv, NULL);
  scratch = hostile_corpus_scratch ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("/hostile/package/%s", cases[i].name);
      g_test_add_data_func (name, &cases[i], test_hostile_package);
    }
  g_test_add_func ("/hostile/problems-capped", test_problems_capped);
  g_test_add_func ("/hostile/cancelled", test_cancelled);
  g_test_add_func ("/hostile/latin1-shapefile", test_latin1_shapefile);
  g_test_add_func ("/hostile/no-notes", test_no_notes);
  for (guint i = 0; i < G_N_ELEMENTS (views_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/hostile/views/%s", views_cases[i].file);
      g_test_add_data_func (name, &views_cases[i], test_hostile_views);
    }
  g_test_add_func ("/hostile/views/deep", test_deep_views);
  g_test_add_func ("/hostile/views/empty", test_empty_views);

  status = g_test_run ();
  hostile_corpus_remove (scratch);
  g_free (scratch);
  return status;
}
