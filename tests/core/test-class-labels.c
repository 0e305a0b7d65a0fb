/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-core.h"

/* The words of a legend (atlas-class-labels.c), shared by the map's legend
 * and figures: limits of the year shown, no two labels alike, fewer
 * classes said, and which way the colours run. */

#define REAL_PACKAGE "sverige-kommuner"

static AtlasDataset *
load_package (const char *id)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", id, NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* The lowest kommun value of a column, read from the package's own CSV
 * (kommun codes have four digits). */
static double
csv_kommun_min (const char *column,
                guint       year)
{
  g_autofree char *name = g_strdup_printf ("%u.csv", year);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            REAL_PACKAGE, "values", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  double low = INFINITY;
  int index = -1;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], column))
      index = i;
  g_assert_cmpint (index, >, 0);
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[l], ",", -1);

      if (g_strv_length (cells) > (guint) index && strlen (cells[0]) == 4 && cells[index][0] != '\0')
        low = MIN (low, g_ascii_strtod (cells[index], NULL));
    }
  return low;
}

static char **
labels_for (AtlasDataset *dataset,
            const char   *indicator_id,
            const char   *level,
            guint         year,
            gboolean      pooled,
            AtlasClassMethod method,
            guint         n_classes)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasDivision *division = atlas_dataset_lookup_division (dataset, level);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_for_dataset (dataset, indicator, division, year,
                                                                       pooled, method, n_classes, &error);
  const double *values = atlas_dataset_peek_values (dataset, indicator, year, division);

  g_assert_no_error (error);
  return atlas_class_breaks_dup_labels (breaks, indicator, values, atlas_division_get_n_areas (division), "sv");
}

/* The 2024 income legend starts at the 2024 minimum, also with class
 * boundaries fixed over all years (whose minimum is lower). */
static void
test_limits_of_the_year (void)
{
  g_autoptr(AtlasDataset) dataset = load_package (REAL_PACKAGE);
  g_auto(GStrv) pooled = labels_for (dataset, "median_inkomst", "kommun", 2024, TRUE,
                                     ATLAS_CLASS_METHOD_QUANTILE, 5);
  g_autofree char *low = atlas_format_number (csv_kommun_min ("median_inkomst", 2024), 0, "sv");
  g_autofree char *all_years_low = atlas_format_number (csv_kommun_min ("median_inkomst", 2011), 0, "sv");

  g_assert_cmpstr (low, !=, all_years_low);
  g_assert_true (g_str_has_prefix (pooled[0], low) || g_str_has_prefix (pooled[0], "≤"));
  g_assert_null (strstr (pooled[0], all_years_low));
  g_assert_true (g_str_has_suffix (pooled[4], "kr"));
}

static void
assert_all_different (char **labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    for (guint j = i + 1; labels[j] != NULL; j++)
      g_assert_cmpstr (labels[i], !=, labels[j]);
}

/* Breaks closer than the indicator's decimals get more decimals; a class
 * of one value is that value, never "21,0 – 21,0 %". */
static void
test_no_collisions (void)
{
  g_autoptr(AtlasDataset) dataset = load_package (REAL_PACKAGE);
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "omradestyp1_andel");
  const double close[] = { 21.04, 21.05, 30.0 };
  const double values[] = { 21.0, 21.04, 21.05, 25.0, 40.0 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (close, 3, 21.0, 40.0, NULL);
  g_auto(GStrv) labels = atlas_class_breaks_dup_labels (breaks, share, values, G_N_ELEMENTS (values), "sv");
  const double single[] = { 21.0, 21.0, 22.0, 30.0 };
  g_autoptr(AtlasClassBreaks) ones = atlas_class_breaks_compute (ATLAS_CLASS_METHOD_QUANTILE, single,
                                                                 G_N_ELEMENTS (single), 3, NULL);
  g_auto(GStrv) one_labels = atlas_class_breaks_dup_labels (ones, share, single, G_N_ELEMENTS (single), "sv");

  g_assert_cmpuint (atlas_indicator_get_decimals (share), ==, 1);
  g_assert_cmpstr (labels[0], ==, "21,00 – 21,04\302\240%");
  g_assert_cmpstr (labels[1], ==, "21,04 – 21,05\302\240%");
  assert_all_different (labels);
  g_assert_cmpstr (one_labels[0], ==, "21,0\302\240%");
  assert_all_different (one_labels);

  /* Every method and class count of the real series. */
  for (AtlasClassMethod m = ATLAS_CLASS_METHOD_QUANTILE; m < ATLAS_CLASS_METHOD_MANUAL; m++)
    for (guint n = ATLAS_CLASS_MIN; n <= ATLAS_CLASS_MAX; n++)
      {
        g_auto(GStrv) a = labels_for (dataset, "omradestyp1_andel", "kommun", 2023, FALSE, m, n);
        g_auto(GStrv) b = labels_for (dataset, "arbetsloshet", "lan", 2020, TRUE, m, n);

        assert_all_different (a);
        assert_all_different (b);
      }
}

static void
test_shortfall (void)
{
  g_autoptr(AtlasDataset) dataset = load_package (REAL_PACKAGE);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasClassBreaks) few = atlas_class_breaks_for_dataset (
    dataset, atlas_dataset_lookup_indicator (dataset, "omradestyp1_andel"),
    atlas_dataset_lookup_division (dataset, "kommun"), 2023, FALSE, ATLAS_CLASS_METHOD_QUANTILE, 9, &error);
  g_autoptr(AtlasClassBreaks) enough = atlas_class_breaks_for_dataset (
    dataset, atlas_dataset_lookup_indicator (dataset, "median_inkomst"),
    atlas_dataset_lookup_division (dataset, "kommun"), 2024, FALSE, ATLAS_CLASS_METHOD_QUANTILE, 5, &error);
  g_autofree char *note = atlas_class_breaks_dup_shortfall (few, "sv");
  g_autofree char *expected = g_strdup_printf ("%u klasser i stället för de 9 som begärdes",
                                               atlas_class_breaks_get_n_classes (few));

  g_assert_no_error (error);
  g_assert_cmpuint (atlas_class_breaks_get_n_classes (few), <, 9);
  g_assert_cmpuint (atlas_class_breaks_get_n_requested (few), ==, 9);
  g_assert_true (g_str_has_prefix (note, expected));
  g_assert_null (atlas_class_breaks_dup_shortfall (enough, "sv"));
}

static void
test_direction (void)
{
  g_autoptr(AtlasDataset) dataset = load_package (REAL_PACKAGE);
  AtlasIndicator *income = atlas_dataset_lookup_indicator (dataset, "median_inkomst");
  AtlasIndicator *unemployment = atlas_dataset_lookup_indicator (dataset, "arbetsloshet");
  AtlasIndicator *people = atlas_dataset_lookup_indicator (dataset, "folkmangd");
  g_autoptr(AtlasPalette) reversed = atlas_palette_new_for_indicator (income, NULL, 5, FALSE, NULL);
  g_autoptr(AtlasPalette) turned = atlas_palette_new_for_indicator (income, NULL, 5, TRUE, NULL);
  g_autoptr(AtlasPalette) plain = atlas_palette_new_for_indicator (unemployment, NULL, 5, FALSE, NULL);
  g_autoptr(AtlasPalette) neutral = atlas_palette_new_for_indicator (people, NULL, 5, FALSE, NULL);

  /* Higher income is better: the palette runs reversed, dark = low. */
  g_assert_true (atlas_palette_is_reversed (reversed));
  g_assert_cmpstr (atlas_palette_describe_direction (reversed, income, "sv"), ==,
                   "Mörkare = sämre (lägre värden)");
  g_assert_cmpstr (atlas_palette_describe_direction (turned, income, "sv"), ==,
                   "Mörkare = bättre (högre värden)");
  g_assert_cmpstr (atlas_palette_describe_direction (plain, unemployment, "en"), ==,
                   "Darker = worse (higher values)");
  g_assert_null (atlas_palette_describe_direction (neutral, people, "sv"));
}

static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  argv[0] = program;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  return out;
}

/* The exported figure says what the functions above say. */
static void
test_figure_legend (void)
{
  g_autoptr(AtlasDataset) dataset = load_package (REAL_PACKAGE);
  AtlasIndicator *income = atlas_dataset_lookup_indicator (dataset, "median_inkomst");
  AtlasDivision *kommun = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(AtlasFigure) figure = atlas_figure_new (dataset, income, kommun, 2024);
  g_autofree char *dir = g_dir_make_tmp ("platsatlas-labels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "inkomst.pdf", NULL);
  g_autofree char *low = atlas_format_number (csv_kommun_min ("median_inkomst", 2024), 0, "sv");
  g_autofree char *text = NULL;
  g_autoptr(GString) plain = g_string_new (low);
  g_autoptr(GError) error = NULL;

  atlas_figure_set_lang (figure, "sv");
  g_assert_true (atlas_classification_get_pooled (atlas_figure_get_classification (figure)));
  g_assert_true (atlas_figure_export (figure, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  /* pdftotext gives the no-break spaces of the numbers as spaces */
  g_string_replace (plain, "\302\240", " ", 0);
  g_assert_nonnull (strstr (text, plain->str));
  g_assert_nonnull (strstr (text, "Mörkare = sämre (lägre värden)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/class-labels/limits-of-the-year", test_limits_of_the_year);
  g_test_add_func ("/class-labels/no-collisions", test_no_collisions);
  g_test_add_func ("/class-labels/shortfall", test_shortfall);
  g_test_add_func ("/class-labels/direction", test_direction);
  g_test_add_func ("/class-labels/figure-legend", test_figure_legend);

  return g_test_run ();
}
