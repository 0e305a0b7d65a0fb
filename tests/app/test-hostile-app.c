/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "app-test-util.h"
#include "hostile-corpus.h"

/* Opening a hostile package in the app: the window reports the problem,
 * keeps the dataset it shows and keeps working. One window opens every
 * case in turn, as a user trying file after file would. */

static AtlasApplication *app;
static AtlasWindow *window;
static char *scratch;

static gboolean
is_idle (gpointer data)
{
  return !atlas_window_get_loading (data);
}

static void
on_load_failed (AtlasWindow  *self,
                const GError *error,
                GError      **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
}

static void
test_open_hostile (gconstpointer data)
{
  const HostileCase *c = data;
  g_autofree char *path = hostile_corpus_path (c, scratch);
  AtlasDataset *before = atlas_window_get_dataset (window);
  g_autoptr(GError) error = NULL;
  gulong handler;

  g_assert_nonnull (before);
  handler = g_signal_connect (window, "load-failed", G_CALLBACK (on_load_failed), &error);
  atlas_window_open (window, path);
  g_assert_true (app_test_wait_for (is_idle, window));
  g_signal_handler_disconnect (window, handler);

  g_assert_nonnull (error);
  g_assert_true (error->domain == ATLAS_DATASET_ERROR);
  g_assert_true (atlas_window_get_dataset (window) == before);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  close_dialogs ();
  app_test_drain ();
}

/* After all of them the window still switches level and year. */
static void
test_still_working (void)
{
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");

  g_assert_nonnull (kommun);
  atlas_window_set_division (window, kommun);
  atlas_window_set_year (window, 2020);
  app_test_drain ();
  g_assert_true (atlas_window_get_dataset (window) == dataset);
}

int
main (int   argc,
      char *argv[])
{
  guint n;
  const HostileCase *cases;
  g_autofree char *minimal = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = app_test_application_new ();
  scratch = hostile_corpus_scratch ();
  minimal = g_test_build_filename (G_TEST_DIST, "data", "valid-minimal", NULL);
  window = atlas_window_new (app);
  app_test_show_package (window, minimal);

  cases = hostile_corpus_cases (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("/app/hostile/%s", cases[i].name);
      g_test_add_data_func (name, &cases[i], test_open_hostile);
    }
  g_test_add_func ("/app/hostile/still-working", test_still_working);

  status = g_test_run ();
  app_test_close_window (window);
  hostile_corpus_remove (scratch);
  g_free (scratch);
  app_test_application_free (app);
  return status;
}
