/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <math.h>

#include "app-test-util.h"
#include "atlas-segregation-panel.h"

/* The segregation panel follows the explorer state and shows the numbers of
 * AtlasSegregation on each small-area level (and so of `platsatlas-cli
 * segregation --compare-levels`). */

typedef struct
{
  GtkWindow             *window;
  AtlasExplorerState    *state;
  AtlasSegregationPanel *panel;
  AtlasDataset          *dataset;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->state = atlas_explorer_state_new ();
  fixture->panel = ATLAS_SEGREGATION_PANEL (atlas_segregation_panel_new (fixture->state));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->panel));
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);

  fixture->dataset = app_test_load_packaged ("stockholm-uppsala");
  atlas_explorer_state_freeze (fixture->state);
  atlas_explorer_state_set_dataset (fixture->state, fixture->dataset);
  atlas_explorer_state_set_level (fixture->state, "deso");
  atlas_explorer_state_set_indicator (fixture->state, "utrikes_fodda_andel");
  atlas_explorer_state_set_year (fixture->state, 2022);
  atlas_explorer_state_thaw (fixture->state);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->dataset);
}

static void
assert_level (Fixture    *fixture,
              guint       index,
              const char *fine,
              const char *area)
{
  AtlasSegregation *shown = atlas_segregation_panel_get_level (fixture->panel, index);
  AtlasIndicator *group = atlas_dataset_lookup_indicator (fixture->dataset, "utrikes_fodda_andel");
  AtlasArea *coarse = atlas_dataset_lookup_area (fixture->dataset, area);
  g_autoptr(AtlasSegregation) core = atlas_segregation_new (fixture->dataset, &group, 1,
                                                            atlas_dataset_lookup_indicator (fixture->dataset, "folkmangd"),
                                                            atlas_dataset_lookup_division (fixture->dataset, fine),
                                                            atlas_area_get_division (coarse), 2022, NULL);
  const AtlasSegregationResult *a = atlas_segregation_lookup_result (shown, coarse);
  const AtlasSegregationResult *b = atlas_segregation_lookup_result (core, coarse);

  g_assert_cmpstr (atlas_division_get_id (atlas_segregation_get_fine (shown)), ==, fine);
  g_assert_cmpuint (a->n_units, ==, b->n_units);
  g_assert_cmpfloat (a->dissimilarity, ==, b->dissimilarity);
  g_assert_cmpfloat (a->theil, ==, b->theil);
}

static void
test_follows_state (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Nothing selected: riket, on DeSO and on RegSO. */
  g_assert_cmpstr (atlas_area_get_code (atlas_segregation_panel_get_area (fixture->panel)), ==, "00");
  g_assert_cmpuint (atlas_segregation_panel_get_n_levels (fixture->panel), ==, 2);
  assert_level (fixture, 0, "deso", "00");
  assert_level (fixture, 1, "regso", "00");

  /* A DeSO selected: its kommun. */
  atlas_explorer_state_select (fixture->state, "0380C1010");
  g_assert_cmpstr (atlas_area_get_code (atlas_segregation_panel_get_area (fixture->panel)), ==, "0380");
  assert_level (fixture, 0, "deso", "0380");
  assert_level (fixture, 1, "regso", "0380");
  g_assert_cmpfloat (atlas_segregation_lookup_result (atlas_segregation_panel_get_level (fixture->panel, 1),
                                                      atlas_dataset_lookup_area (fixture->dataset, "0380"))->dissimilarity,
                     <=,
                     atlas_segregation_lookup_result (atlas_segregation_panel_get_level (fixture->panel, 0),
                                                      atlas_dataset_lookup_area (fixture->dataset, "0380"))->dissimilarity);

  /* A count is no group. */
  atlas_explorer_state_set_indicator (fixture->state, "folkmangd");
  g_assert_null (atlas_segregation_panel_get_area (fixture->panel));
  g_assert_cmpuint (atlas_segregation_panel_get_n_levels (fixture->panel), ==, 0);
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

  g_test_add ("/segregation-panel/follows-state", Fixture, NULL, fixture_set_up, test_follows_state, fixture_tear_down);
  return g_test_run ();
}
