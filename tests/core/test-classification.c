/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "atlas-core.h"

/* Population of every kommun in the packaged data's last year. */
typedef struct
{
  AtlasDataset   *dataset;
  AtlasIndicator *indicator;
  AtlasDivision  *kommun;
  guint           year;
} Kommuner;

static void
kommuner_setup (Kommuner      *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "sverige-kommuner", NULL);
  g_autoptr(GError) error = NULL;
  guint n_years;

  fixture->dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);
  fixture->indicator = atlas_dataset_lookup_indicator (fixture->dataset, "folkmangd");
  fixture->kommun = atlas_dataset_lookup_division (fixture->dataset, "kommun");
  g_assert_nonnull (fixture->indicator);
  g_assert_nonnull (fixture->kommun);
  fixture->year = atlas_dataset_get_years (fixture->dataset, &n_years)[n_years - 1];
}

static void
kommuner_teardown (Kommuner      *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->dataset);
}

static AtlasClassBreaks *
manual_breaks (void)
{
  const double values[] = { 10.0, 20.0, 30.0 };
  g_autoptr(GError) error = NULL;
  AtlasClassBreaks *breaks = atlas_class_breaks_new_manual (values, G_N_ELEMENTS (values), 0.0, 40.0, &error);

  g_assert_no_error (error);
  return breaks;
}

static void
count_signal (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_changed (AtlasClassification *classification,
               gpointer             user_data)
{
  (*(guint *) user_data)++;
}

static void
test_defaults (void)
{
  AtlasClassification *classification = atlas_classification_new ();

  g_assert_cmpint (atlas_classification_get_method (classification), ==, ATLAS_CLASS_METHOD_QUANTILE);
  g_assert_cmpuint (atlas_classification_get_count (classification), ==, 5);
  g_assert_true (atlas_classification_get_pooled (classification));
  g_assert_null (atlas_classification_get_manual_breaks (classification));
  g_assert_null (atlas_classification_get_palette_scheme (classification));
  g_assert_false (atlas_classification_get_palette_reverse (classification));
  g_assert_finalize_object (classification);
}

/* One notify and one "changed" per real change, none for a repeat. */
static void
test_notify_once (void)
{
  AtlasClassification *classification = atlas_classification_new ();
  g_autoptr(AtlasClassBreaks) breaks = manual_breaks ();
  guint notifies = 0, changes = 0;

  g_signal_connect (classification, "notify", G_CALLBACK (count_signal), &notifies);
  g_signal_connect (classification, "changed", G_CALLBACK (count_changed), &changes);

  atlas_classification_set_method (classification, ATLAS_CLASS_METHOD_JENKS);
  atlas_classification_set_method (classification, ATLAS_CLASS_METHOD_JENKS);
  atlas_classification_set_count (classification, 7);
  atlas_classification_set_count (classification, 7);
  atlas_classification_set_pooled (classification, FALSE);
  atlas_classification_set_pooled (classification, FALSE);
  atlas_classification_set_manual_breaks (classification, breaks);
  atlas_classification_set_manual_breaks (classification, breaks);
  atlas_classification_set_palette_scheme (classification, "viridis");
  atlas_classification_set_palette_scheme (classification, "viridis");
  atlas_classification_set_palette_reverse (classification, TRUE);
  atlas_classification_set_palette_reverse (classification, TRUE);
  g_assert_cmpuint (notifies, ==, 6);
  g_assert_cmpuint (changes, ==, 6);

  /* "" is the default scheme, as NULL is. */
  atlas_classification_set_palette_scheme (classification, "");
  g_assert_null (atlas_classification_get_palette_scheme (classification));
  atlas_classification_set_palette_scheme (classification, NULL);
  g_object_set (classification, "count", 7, NULL);
  g_assert_cmpuint (notifies, ==, 7);
  g_assert_cmpuint (changes, ==, 7);
  g_assert_finalize_object (classification);
}

static void
test_copy_independent (void)
{
  AtlasClassification *original = atlas_classification_new ();
  g_autoptr(AtlasClassBreaks) breaks = manual_breaks ();
  AtlasClassification *copy;

  g_object_set (original, "method", ATLAS_CLASS_METHOD_MANUAL, "count", 4, "pooled", FALSE,
                "manual-breaks", breaks, "palette-scheme", "viridis", "palette-reverse", TRUE, NULL);
  copy = atlas_classification_copy (original);
  g_assert_cmpint (atlas_classification_get_method (copy), ==, ATLAS_CLASS_METHOD_MANUAL);
  g_assert_cmpuint (atlas_classification_get_count (copy), ==, 4);
  g_assert_false (atlas_classification_get_pooled (copy));
  g_assert_true (atlas_classification_get_manual_breaks (copy) == breaks);
  g_assert_cmpstr (atlas_classification_get_palette_scheme (copy), ==, "viridis");
  g_assert_true (atlas_classification_get_palette_reverse (copy));

  atlas_classification_set_count (copy, 8);
  atlas_classification_set_palette_scheme (copy, NULL);
  atlas_classification_set_manual_breaks (copy, NULL);
  g_assert_cmpuint (atlas_classification_get_count (original), ==, 4);
  g_assert_cmpstr (atlas_classification_get_palette_scheme (original), ==, "viridis");
  g_assert_true (atlas_classification_get_manual_breaks (original) == breaks);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (original);
}

static void
assert_same_as_dataset (AtlasClassification *classification,
                        Kommuner            *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasClassBreaks) got = NULL;
  g_autoptr(AtlasClassBreaks) expected = NULL;

  got = atlas_classification_compute_breaks (classification, fixture->dataset, fixture->indicator,
                                             fixture->kommun, fixture->year, &error);
  g_assert_no_error (error);
  expected = atlas_class_breaks_for_dataset (fixture->dataset, fixture->indicator, fixture->kommun,
                                             fixture->year,
                                             atlas_classification_get_pooled (classification),
                                             atlas_classification_get_method (classification),
                                             atlas_classification_get_count (classification),
                                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_true (atlas_class_breaks_equal (got, expected));
}

static void
test_compute_breaks (Kommuner      *fixture,
                     gconstpointer  data)
{
  AtlasClassification *classification = atlas_classification_new ();

  for (AtlasClassMethod method = ATLAS_CLASS_METHOD_QUANTILE; method < ATLAS_CLASS_METHOD_MANUAL; method++)
    for (int pooled = 0; pooled <= 1; pooled++)
      {
        g_object_set (classification, "method", method, "pooled", pooled, "count", 6, NULL);
        assert_same_as_dataset (classification, fixture);
      }
  g_assert_finalize_object (classification);
}

/* The manual method uses the manual breaks, and says so when there are none. */
static void
test_manual (Kommuner      *fixture,
             gconstpointer  data)
{
  AtlasClassification *classification = atlas_classification_new ();
  g_autoptr(AtlasClassBreaks) breaks = manual_breaks ();
  g_autoptr(AtlasClassBreaks) got = NULL;
  g_autoptr(GError) error = NULL;

  atlas_classification_set_method (classification, ATLAS_CLASS_METHOD_MANUAL);
  got = atlas_classification_compute_breaks (classification, fixture->dataset, fixture->indicator,
                                             fixture->kommun, fixture->year, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_null (got);
  g_clear_error (&error);

  atlas_classification_set_manual_breaks (classification, breaks);
  got = atlas_classification_compute_breaks (classification, fixture->dataset, fixture->indicator,
                                             fixture->kommun, fixture->year, &error);
  g_assert_no_error (error);
  g_assert_true (got == breaks);
  g_assert_finalize_object (classification);
}

/* The palette follows atlas_palette_new_for_indicator(): scheme, polarity
 * rule and the user's toggle. */
static void
assert_same_palette (AtlasClassification *classification,
                     AtlasIndicator      *indicator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasPalette) got = atlas_classification_create_palette (classification, indicator, 5, &error);
  g_autoptr(AtlasPalette) expected = NULL;

  g_assert_no_error (error);
  expected = atlas_palette_new_for_indicator (indicator,
                                              atlas_classification_get_palette_scheme (classification), 5,
                                              atlas_classification_get_palette_reverse (classification),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_palette_get_scheme (got), ==, atlas_palette_get_scheme (expected));
  g_assert_cmpuint (atlas_palette_get_n_colors (got), ==, 5);
  g_assert_cmpint (atlas_palette_is_reversed (got), ==, atlas_palette_is_reversed (expected));
}

static void
test_palette (Kommuner      *fixture,
              gconstpointer  data)
{
  AtlasIndicator *indicator = fixture->indicator;
  AtlasClassification *classification = atlas_classification_new ();
  g_autoptr(AtlasPalette) palette = NULL;
  g_autoptr(GError) error = NULL;
  gboolean default_reversed;

  palette = atlas_classification_create_palette (classification, indicator, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_palette_get_scheme (palette), ==, atlas_palette_default_scheme (indicator));
  default_reversed = atlas_palette_is_reversed (palette);
  g_clear_pointer (&palette, atlas_palette_unref);

  atlas_classification_set_palette_reverse (classification, TRUE);
  palette = atlas_classification_create_palette (classification, indicator, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_palette_is_reversed (palette), !=, default_reversed);
  assert_same_palette (classification, indicator);

  atlas_classification_set_palette_scheme (classification, "viridis");
  assert_same_palette (classification, indicator);

  atlas_classification_set_palette_scheme (classification, "no-such-scheme");
  g_assert_null (atlas_classification_create_palette (classification, indicator, 5, &error));
  g_assert_nonnull (error);
  g_assert_finalize_object (classification);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classification/defaults", test_defaults);
  g_test_add_func ("/classification/notify-once", test_notify_once);
  g_test_add_func ("/classification/copy-independent", test_copy_independent);
  g_test_add ("/classification/compute-breaks", Kommuner, NULL,
              kommuner_setup, test_compute_breaks, kommuner_teardown);
  g_test_add ("/classification/manual", Kommuner, NULL, kommuner_setup, test_manual, kommuner_teardown);
  g_test_add ("/classification/palette", Kommuner, NULL, kommuner_setup, test_palette, kommuner_teardown);

  return g_test_run ();
}
