/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"

#define MAX_ITERATIONS 20000

/* A non-unique application that stays alive while windows come and go
 * between tests. */
AtlasApplication *
app_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  AtlasApplication *app = atlas_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return app;
}

void
app_test_application_free (AtlasApplication *app)
{
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The tick source only keeps each blocking iteration from sleeping
 * forever; the bound is the number of iterations. */
gboolean
app_test_wait_for (AppTestCondition condition,
                   gpointer         data)
{
  guint source = g_timeout_add (10, tick, NULL);
  gboolean met = condition (data);

  for (guint i = 0; i < MAX_ITERATIONS && !met; i++)
    {
      g_main_context_iteration (NULL, TRUE);
      met = condition (data);
    }
  g_source_remove (source);
  return met;
}

gboolean
app_test_has_dataset (gpointer window)
{
  return !atlas_window_get_loading (window) && atlas_window_get_dataset (window) != NULL;
}

void
app_test_drain (void)
{
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Shows @window and waits until it has loaded the package at @path. */
void
app_test_show_package (AtlasWindow *window,
                       const char  *path)
{
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open (window, path);
  g_assert_true (app_test_wait_for (app_test_has_dataset, window));
  app_test_drain ();
}

/* Closing must free the window: nothing may keep it alive. */
void
app_test_close_window (AtlasWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_drain ();
  g_assert_null (window);
}

/* A package from the data folder, loaded without a window. */
AtlasDataset *
app_test_load_packaged (const char *id)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"),
                                            "datasets", id, NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}
