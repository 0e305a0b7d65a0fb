/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exploring views on the stockholm-uppsala package (5 984 DeSO of
 * Sweden): a change map's values and centred breaks for every RegSO, a
 * box map's breaks for every DeSO, the scatter of two DeSO indicators,
 * the ten DeSO most like one over every default indicator, and an area
 * profile (model and A4 PDF) per DeSO with the level's spreads shared, as
 * the batch export does. Medians of RUNS after a warm-up; one JSON line
 * each; asserts nothing about timings. */
#include <glib/gstdio.h>

#include "atlas-core.h"
#include "bench-util.h"

#define RUNS 5
#define PROFILES 20

static AtlasDataset *dataset;

static double
time_change (void)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  gint64 start = g_get_monotonic_time ();
  g_autofree double *changes = atlas_change_compute (dataset, indicator, regso, 2020, 2023, NULL);
  g_autoptr(AtlasClassBreaks) breaks = atlas_change_compute_breaks (indicator, regso, changes, 6, 2020, 2023, NULL);

  g_assert (breaks != NULL);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_box (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AtlasClassBreaks) breaks =
    atlas_class_breaks_for_dataset (dataset, atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst"),
                                    atlas_dataset_lookup_division (dataset, "deso"), 2022, FALSE,
                                    ATLAS_CLASS_METHOD_BOX, 5, NULL);

  g_assert (breaks != NULL);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_scatter (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AtlasScatter) scatter =
    atlas_scatter_new (dataset, atlas_dataset_lookup_division (dataset, "deso"), 2022,
                       atlas_dataset_lookup_indicator (dataset, "eftergymnasial_3_25_64_andel"),
                       atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst"),
                       atlas_dataset_lookup_indicator (dataset, "folkmangd"), NULL);

  g_assert (scatter != NULL);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_similar (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(AtlasSimilarAreas) similar =
    atlas_similar_areas_find (dataset, atlas_dataset_lookup_area (dataset, "0380C1010"), 2022, NULL, 10, NULL);

  g_assert (similar != NULL);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Milliseconds per DeSO: the model, and the model with its PDF. */
static void
time_profiles (double *model_ms,
               double *pdf_ms)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  g_autofree char *dir = g_dir_make_tmp ("bench-explore-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "profile.pdf", NULL);
  g_autoptr(AtlasProfileLevel) level = atlas_profile_level_new (dataset, deso, 2022, NULL);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < PROFILES; i++)
    atlas_area_profile_unref (atlas_area_profile_new_in (level, atlas_division_get_area (deso, i)));
  *model_ms = (g_get_monotonic_time () - start) / 1000.0 / PROFILES;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < PROFILES; i++)
    {
      g_autoptr(AtlasAreaProfile) profile = atlas_area_profile_new_in (level, atlas_division_get_area (deso, i));

      g_assert (atlas_area_profile_export (profile, path, "sv", NULL));
    }
  *pdf_ms = (g_get_monotonic_time () - start) / 1000.0 / PROFILES;
  g_unlink (path);
  g_rmdir (dir);
}

static void
report (const char *name,
        double    (*run) (void))
{
  guint runs = bench_runs (RUNS);
  g_autofree double *ms = g_new (double, runs);

  run ();
  for (guint i = 0; i < runs; i++)
    ms[i] = run ();
  g_print ("{\"benchmark\": \"explore-%s\", \"package\": \"stockholm-uppsala\", \"runs\": %u, \"median_ms\": %.3f}\n",
           name, runs, bench_median (ms, runs));
}

int
main (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  double model_ms, pdf_ms;

  dataset = atlas_dataset_load (path, NULL, NULL);
  g_assert (dataset != NULL);
  report ("change-regso", time_change);
  report ("box-deso", time_box);
  report ("scatter-deso", time_scatter);
  report ("similar-deso", time_similar);
  time_profiles (&model_ms, &pdf_ms);
  g_print ("{\"benchmark\": \"explore-profile-deso\", \"package\": \"stockholm-uppsala\", \"areas\": %d, "
           "\"model_ms_per_area\": %.3f, \"pdf_ms_per_area\": %.3f}\n", PROFILES, model_ms, pdf_ms);
  g_object_unref (dataset);
  return 0;
}
