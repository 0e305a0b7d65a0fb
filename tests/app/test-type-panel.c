/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdal.h>
#include <math.h>

#include "app-test-util.h"
#include "atlas-type-panel.h"

/* The area-type panel follows the explorer state and shows the numbers of
 * AtlasTypeBreakdown (and so of `platsatlas-cli by-type`). */

typedef struct
{
  GtkWindow      *window;
  AtlasExplorerState *state;
  AtlasTypePanel *panel;
  AtlasDataset   *dataset;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 700);
  fixture->state = atlas_explorer_state_new ();
  fixture->panel = ATLAS_TYPE_PANEL (atlas_type_panel_new (fixture->state));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);

  fixture->dataset = app_test_load_packaged ("uppsala-lan");
  atlas_explorer_state_freeze (fixture->state);
  atlas_explorer_state_set_dataset (fixture->state, fixture->dataset);
  atlas_explorer_state_set_level (fixture->state, "deso");
  atlas_explorer_state_set_indicator (fixture->state, "arbetslosa_20_64");
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
  g_assert_finalize_object (fixture->state);
  g_clear_object (&fixture->dataset);
}

static void
assert_same_as_core (AtlasTypeBreakdown *shown,
                     AtlasDataset       *dataset,
                     const char         *indicator,
                     const char         *region,
                     guint               year)
{
  g_autoptr(AtlasTypeBreakdown) core = atlas_type_breakdown_new (dataset, atlas_dataset_lookup_indicator (dataset, indicator),
                                                                 NULL, region != NULL ? atlas_dataset_lookup_area (dataset, region) : NULL,
                                                                 year, 0, NULL);

  g_assert_nonnull (shown);
  g_assert_cmpuint (atlas_type_breakdown_get_year (shown), ==, year);
  g_assert_cmpstr (atlas_area_get_code (atlas_type_breakdown_get_region (shown)), ==,
                   atlas_area_get_code (atlas_type_breakdown_get_region (core)));
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (core); i++)
    {
      const AtlasTypeStat *a = atlas_type_breakdown_get_stat (shown, i);
      const AtlasTypeStat *b = atlas_type_breakdown_get_stat (core, i);

      g_assert_cmpuint (a->n_areas, ==, b->n_areas);
      g_assert_true (a->value == b->value || (isnan (a->value) && isnan (b->value)));
    }
}

static void
test_follows_state (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasTypeBreakdown *shown = atlas_type_panel_get_breakdown (fixture->panel);

  assert_same_as_core (shown, fixture->dataset, "arbetslosa_20_64", NULL, 2022);
  g_assert_cmpuint (atlas_type_breakdown_get_total (shown)->n_areas, >, 100);

  atlas_explorer_state_set_year (fixture->state, 2023);
  assert_same_as_core (atlas_type_panel_get_breakdown (fixture->panel), fixture->dataset,
                       "arbetslosa_20_64", NULL, 2023);

  /* Selecting a kommun frames the breakdown to it. */
  atlas_explorer_state_set_level (fixture->state, "kommun");
  atlas_explorer_state_select (fixture->state, "0380");
  assert_same_as_core (atlas_type_panel_get_breakdown (fixture->panel), fixture->dataset,
                       "arbetslosa_20_64", "0380", 2023);
}

static void
test_no_types (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AtlasDataset) kommuner = app_test_load_packaged ("sverige-kommuner");

  atlas_explorer_state_freeze (fixture->state);
  atlas_explorer_state_set_dataset (fixture->state, kommuner);
  atlas_explorer_state_set_level (fixture->state, "kommun");
  atlas_explorer_state_set_indicator (fixture->state, "arbetsloshet");
  atlas_explorer_state_thaw (fixture->state);
  g_assert_null (atlas_type_panel_get_breakdown (fixture->panel));
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

  g_test_add ("/type-panel/follows-state", Fixture, NULL, fixture_set_up, test_follows_state, fixture_tear_down);
  g_test_add ("/type-panel/no-types", Fixture, NULL, fixture_set_up, test_no_types, fixture_tear_down);
  return g_test_run ();
}
