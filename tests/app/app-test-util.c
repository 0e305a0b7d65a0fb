/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#define MAX_ITERATIONS 20000

/* A non-unique application that stays alive while windows come and go
 * between tests. */
char *
app_test_use_config_home (void)
{
  g_autoptr(GError) error = NULL;
  char *config_home = g_dir_make_tmp ("platsatlas-config-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  return config_home;
}

void
app_test_remove_config_home (const char *config_home)
{
  g_autofree char *folder = g_build_filename (config_home, "platsatlas", NULL);

  g_rmdir (folder);
  g_rmdir (config_home);
}

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

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
app_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gboolean met;
  gulong handler;

  g_return_val_if_fail (clock != NULL, FALSE);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  met = app_test_wait_for (is_true, &painted);
  g_signal_handler_disconnect (clock, handler);
  return met;
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

static gboolean
is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static void
fake_key (Display *display,
          KeySym   keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (display, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (display, code, press, CurrentTime);
}

/* GDK key values are X key symbols. Each press is followed by the main
 * loop until the X server has sent everything back (XSync, then a
 * bounded drain), so the effect is visible when this returns. */
void
app_test_press_key (AtlasWindow     *window,
                    guint            keyval,
                    GdkModifierType  modifiers)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));

  g_assert_true (app_test_wait_for (is_active, window));
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (display, XK_Control_L, TRUE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (display, XK_Shift_L, TRUE);
  fake_key (display, keyval, TRUE);
  fake_key (display, keyval, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (display, XK_Shift_L, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (display, XK_Control_L, FALSE);
  XSync (display, False);
  for (guint i = 0; i < 5; i++)
    {
      XSync (display, False);
      app_test_drain ();
    }
}

/* The first widget of @type under @root, depth first. */
GtkWidget *
app_test_find_widget (GtkWidget *root,
                      GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
app_test_click_area (AtlasWindow     *window,
                     AtlasArea       *area,
                     GdkModifierType  modifiers)
{
  AtlasMapLayer *layer = atlas_map_get_layer (atlas_window_get_map (window));

  g_signal_emit_by_name (layer, "area-clicked", area, 1, modifiers);
  app_test_drain ();
}
