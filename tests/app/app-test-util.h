/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-application.h"
#include "atlas-window.h"

G_BEGIN_DECLS

/* Helpers the widget tests share: the test application, opening and
 * closing windows, and waiting that is bounded by a count of main loop
 * turns, never by a clock. */

typedef gboolean (*AppTestCondition) (gpointer data);

/* A private XDG_CONFIG_HOME for the test program, so that saved views and
 * settings files never touch the user's: call before g_test_init(); the
 * folder is returned. app_test_remove_config_home() removes it again, with
 * the app's folder in it (left empty by the tests). */
char             *app_test_use_config_home    (void);
void              app_test_remove_config_home (const char *config_home);

AtlasApplication *app_test_application_new  (void);
void              app_test_application_free (AtlasApplication *app);

gboolean          app_test_wait_for    (AppTestCondition  condition,
                                        gpointer          data);
gboolean          app_test_has_dataset (gpointer          window);
void              app_test_drain       (void);
/* Waits until @widget's window has drawn a whole frame (layout included)
 * after the call: what changed before it is then allocated on screen. */
gboolean          app_test_wait_frame  (GtkWidget        *widget);

void              app_test_show_package (AtlasWindow     *window,
                                         const char      *path);
void              app_test_close_window (AtlasWindow     *window);

AtlasDataset     *app_test_load_packaged (const char     *id);

/* Real key presses, sent through the X server (XTest) to the focused
 * window, so that they travel through GTK's capture and bubble phases to
 * the focused widget exactly as a user's would. Waits until @window is
 * the active window first. @modifiers: GDK_CONTROL_MASK and/or
 * GDK_SHIFT_MASK. */
void              app_test_press_key    (AtlasWindow     *window,
                                         guint            keyval,
                                         GdkModifierType  modifiers);
GtkWidget        *app_test_find_widget  (GtkWidget       *root,
                                         GType            type);

/* A click on @area as the map's layer reports a primary-button press
 * ("area-clicked"), so it takes the map's own way into the state; drains
 * the main loop after it. @modifiers: GDK_CONTROL_MASK for Ctrl+click. */
void              app_test_click_area   (AtlasWindow     *window,
                                         AtlasArea       *area,
                                         GdkModifierType  modifiers);

G_END_DECLS
