/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <math.h>

#include "app-test-util.h"
#include "atlas-profile-view.h"
#include "atlas-scatter-view.h"
#include "atlas-similar-view.h"

/* The exploring views on their own (the window wires them to the shared
 * selection): brushing the scatter plot emits the codes of the points
 * drawn inside the rectangle, a selection from elsewhere is shown without
 * echoing back, the similar-areas list asks to compare, and the profile
 * view holds the area's profile. */

typedef struct
{
  GtkWindow *window;
  GtkWidget *box;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (fixture->window, fixture->box);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 100;
}

static void
on_selection_changed (GtkWidget  *view,
                      char      **codes,
                      GStrv      *received)
{
  g_strfreev (*received);
  *received = g_strdupv (codes);
}

static void
test_scatter_brush (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AtlasDataset) dataset = app_test_load_packaged ("stockholm-uppsala");
  GtkWidget *view = atlas_scatter_view_new ();
  g_auto(GStrv) received = NULL;
  g_auto(GStrv) shown = NULL;
  const char *elsewhere[] = { "0380C1010", "0180C3420", NULL };
  AtlasScatterFrame frame;
  AtlasScatter *scatter;
  guint expected = 0;
  double px0, py0, px1, py1;

  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (fixture->box), view);
  atlas_scatter_view_set_data (ATLAS_SCATTER_VIEW (view), dataset, atlas_dataset_lookup_division (dataset, "deso"),
                               2022, atlas_dataset_lookup_indicator (dataset, "eftergymnasial_3_25_64_andel"),
                               atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst"), NULL);
  g_signal_connect (view, "selection-changed", G_CALLBACK (on_selection_changed), &received);
  g_assert_true (app_test_wait_for (is_allocated, view));
  scatter = atlas_scatter_view_get_scatter (ATLAS_SCATTER_VIEW (view));
  g_assert_nonnull (scatter);
  g_assert_true (atlas_scatter_view_get_frame (ATLAS_SCATTER_VIEW (view), &frame));

  /* a rectangle in the middle of the plot, in pixels */
  px0 = frame.left + frame.width * 0.4;
  px1 = frame.left + frame.width * 0.7;
  py0 = frame.top + frame.height * 0.2;
  py1 = frame.top + frame.height * 0.5;
  /* the points drawn inside it, by the test's own mapping of values to
   * pixels */
  for (guint i = 0; i < atlas_scatter_get_n_points (scatter); i++)
    {
      const AtlasScatterPoint *p = atlas_scatter_get_point (scatter, i);
      double px = frame.left + (p->x - frame.x_ticks.min) / (frame.x_ticks.max - frame.x_ticks.min) * frame.width;
      double py = frame.top + frame.height
                  - (p->y - frame.y_ticks.min) / (frame.y_ticks.max - frame.y_ticks.min) * frame.height;

      expected += px >= px0 && px <= px1 && py >= py0 && py <= py1;
    }
  g_assert_cmpuint (expected, >, 0);

  atlas_scatter_view_brush (ATLAS_SCATTER_VIEW (view), px1, py1, px0, py0);
  g_assert_nonnull (received);
  g_assert_cmpuint (g_strv_length (received), ==, expected);
  shown = atlas_scatter_view_dup_selection (ATLAS_SCATTER_VIEW (view));
  g_assert_cmpuint (g_strv_length (shown), ==, expected);
  app_test_drain ();

  /* a selection made on the map: shown, not echoed */
  g_clear_pointer (&received, g_strfreev);
  atlas_scatter_view_set_selection (ATLAS_SCATTER_VIEW (view), elsewhere);
  g_assert_null (received);
  g_clear_pointer (&shown, g_strfreev);
  shown = atlas_scatter_view_dup_selection (ATLAS_SCATTER_VIEW (view));
  g_assert_cmpuint (g_strv_length (shown), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) shown, "0380C1010"));
  app_test_drain ();
}

static void
on_compare (GtkWidget  *view,
            const char *code,
            const char *other,
            char      **pair)
{
  g_free (*pair);
  *pair = g_strconcat (code, "-", other, NULL);
}

static void
test_similar_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "similar", NULL);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, NULL);
  GtkWidget *view = atlas_similar_view_new ();
  g_autofree char *pair = NULL;
  g_auto(GStrv) listed = NULL;
  g_autoptr(GPtrArray) ab = g_ptr_array_new ();

  g_assert_nonnull (dataset);
  g_ptr_array_add (ab, atlas_dataset_lookup_indicator (dataset, "a"));
  g_ptr_array_add (ab, atlas_dataset_lookup_indicator (dataset, "b"));
  gtk_box_append (GTK_BOX (fixture->box), view);
  g_signal_connect (view, "compare-requested", G_CALLBACK (on_compare), &pair);
  g_signal_connect (view, "selection-changed", G_CALLBACK (on_selection_changed), &listed);
  atlas_similar_view_set_area (ATLAS_SIMILAR_VIEW (view), dataset, atlas_dataset_lookup_area (dataset, "0101"),
                               2020, ab, 3);
  app_test_drain ();
  /* the ranking worked by hand in tests/core/test-explore.c */
  g_assert_nonnull (listed);
  g_assert_cmpstrv (listed, ((const char *[]) { "0105", "0102", "0103", NULL }));
  atlas_similar_view_activate_row (ATLAS_SIMILAR_VIEW (view), 1);
  g_assert_cmpstr (pair, ==, "0101-0102");
}

static void
test_profile_view (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AtlasDataset) dataset = app_test_load_packaged ("stockholm-uppsala");
  GtkWidget *view = atlas_profile_view_new ();
  AtlasAreaProfile *profile;

  gtk_box_append (GTK_BOX (fixture->box), view);
  atlas_profile_view_set_area (ATLAS_PROFILE_VIEW (view), dataset, atlas_dataset_lookup_area (dataset, "0380"), 2022);
  profile = atlas_profile_view_get_profile (ATLAS_PROFILE_VIEW (view));
  g_assert_nonnull (profile);
  g_assert_cmpstr (atlas_area_get_code (atlas_area_profile_get_area (profile)), ==, "0380");
  g_assert_cmpuint (atlas_area_profile_get_n_rows (profile), >, 20);
  app_test_drain ();
  atlas_profile_view_set_area (ATLAS_PROFILE_VIEW (view), NULL, NULL, 0);
  g_assert_null (atlas_profile_view_get_profile (ATLAS_PROFILE_VIEW (view)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }
  adw_init ();
  GDALAllRegister ();

  g_test_add ("/explore-views/scatter-brush", Fixture, NULL, fixture_set_up, test_scatter_brush, fixture_tear_down);
  g_test_add ("/explore-views/similar-list", Fixture, NULL, fixture_set_up, test_similar_list, fixture_tear_down);
  g_test_add ("/explore-views/profile-view", Fixture, NULL, fixture_set_up, test_profile_view, fixture_tear_down);
  return g_test_run ();
}
