/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exploring views. On the real stockholm-uppsala package: box and
 * percentile breaks, change maps and area profiles, each against values
 * read here straight from the package's CSV files and computed by the
 * test's own arithmetic. On the hand-made tests/data/similar package:
 * the similar-areas ranking, worked by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-core.h"
#include "atlas-analysis-page-private.h"
#include "pdf-text.h"

static AtlasDataset *dataset;

/* One column of values/YEAR.csv: code → value, only the rows whose code
 * passes @keep (DeSO codes have a letter A–C fifth, RegSO an R). */
static GHashTable *
read_column (guint         year,
             const char   *column,
             gboolean    (*keep) (const char *code))
{
  g_autofree char *name = g_strdup_printf ("%u.csv", year);
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "stockholm-uppsala", "values", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int index = -1;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], column))
      index = i;
  g_assert_cmpint (index, >, 0);

  for (guint l = 1; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[l], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), >, (guint) index);
      if (!keep (fields[0]) || fields[index][0] == '\0')
        continue;
      g_hash_table_insert (values, g_strdup (fields[0]),
                           g_memdup2 (&(double) { g_ascii_strtod (fields[index], NULL) }, sizeof (double)));
    }
  return values;
}

static gboolean
is_deso (const char *code)
{
  return strlen (code) == 9 && strchr ("ABC", code[4]) != NULL;
}

static gboolean
is_regso (const char *code)
{
  return strlen (code) == 8 && code[4] == 'R';
}

static int
ascending (const void *a,
           const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double *
sorted_values (GHashTable *column,
               gsize      *n)
{
  GHashTableIter iter;
  gpointer value;
  double *x = g_new (double, g_hash_table_size (column));
  gsize i = 0;

  g_hash_table_iter_init (&iter, column);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    x[i++] = *(double *) value;
  qsort (x, i, sizeof (double), ascending);
  *n = i;
  return x;
}

/* Hyndman & Fan type 7 in its textbook, 1-based form: position
 * 1 + (n − 1)p, linear between the neighbouring order statistics. */
static double
type7 (const double *x,
       gsize         n,
       double        p)
{
  double position = 1.0 + (n - 1) * p;
  gsize below = (gsize) position;
  double fraction = position - below;

  if (below >= n)
    return x[n - 1];
  return x[below - 1] * (1.0 - fraction) + x[below] * fraction;
}

static gsize
count_at_most (const double *x,
               gsize         n,
               double        limit)
{
  gsize count = 0;

  for (gsize i = 0; i < n; i++)
    count += x[i] <= limit;
  return count;
}

static AtlasClassBreaks *
breaks_for (const char       *indicator_id,
            const char       *level,
            guint             year,
            AtlasClassMethod  method)
{
  g_autoptr(GError) error = NULL;
  AtlasClassBreaks *breaks;

  breaks = atlas_class_breaks_for_dataset (dataset, atlas_dataset_lookup_indicator (dataset, indicator_id),
                                           atlas_dataset_lookup_division (dataset, level), year,
                                           FALSE, method, 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (breaks);
  return breaks;
}

static void
check_box (AtlasClassMethod method,
           double           hinge)
{
  g_autoptr(GHashTable) column = read_column (2022, "median_nettoinkomst", is_deso);
  g_autoptr(AtlasClassBreaks) breaks = breaks_for ("median_nettoinkomst", "deso", 2022, method);
  g_autofree double *x = NULL;
  const double *b;
  double q1, median, q3;
  guint n_breaks;
  gsize n;

  x = sorted_values (column, &n);
  g_assert_cmpuint (n, ==, 5984);
  q1 = type7 (x, n, 0.25);
  median = type7 (x, n, 0.5);
  q3 = type7 (x, n, 0.75);
  /* what a quartile must be: at least a quarter at or below Q1 … */
  g_assert_cmpuint (count_at_most (x, n, q1), >=, n / 4);
  g_assert_cmpuint (count_at_most (x, n, q3), >=, 3 * n / 4);

  b = atlas_class_breaks_get_breaks (breaks, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, 5);
  g_assert_cmpuint (atlas_class_breaks_get_n_classes (breaks), ==, 6);
  g_assert_cmpfloat_with_epsilon (b[0], q1 - hinge * (q3 - q1), 1e-6);
  g_assert_cmpfloat_with_epsilon (b[1], q1, 1e-6);
  g_assert_cmpfloat_with_epsilon (b[2], median, 1e-6);
  g_assert_cmpfloat_with_epsilon (b[3], q3, 1e-6);
  g_assert_cmpfloat_with_epsilon (b[4], q3 + hinge * (q3 - q1), 1e-6);
}

static void
test_box_breaks (void)
{
  check_box (ATLAS_CLASS_METHOD_BOX, 1.5);
  check_box (ATLAS_CLASS_METHOD_BOX3, 3.0);
}

/* With hinge 3 no DeSO has a low outlier: the class stays, empty, and
 * its label says so ("≤ the fence") instead of disappearing. */
static void
test_box_empty_outlier_class (void)
{
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst");
  g_autoptr(AtlasClassBreaks) breaks = breaks_for ("median_nettoinkomst", "deso", 2022, ATLAS_CLASS_METHOD_BOX3);
  g_autoptr(GHashTable) column = read_column (2022, "median_nettoinkomst", is_deso);
  const double *values = atlas_dataset_peek_values (dataset, indicator, 2022, deso);
  g_autofree double *x = NULL;
  gsize counts[ATLAS_CLASS_MAX], n, expected_high = 0;
  g_auto(GStrv) labels = NULL;
  guint n_breaks;
  const double *b = atlas_class_breaks_get_breaks (breaks, &n_breaks);

  x = sorted_values (column, &n);
  g_assert_cmpfloat (x[0], >, b[0]);
  for (gsize i = 0; i < n; i++)
    expected_high += x[i] > b[4];
  g_assert_cmpuint (expected_high, >, 0);

  atlas_class_breaks_count (breaks, values, atlas_division_get_n_areas (deso), counts);
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[5], ==, expected_high);

  labels = atlas_class_breaks_dup_labels (breaks, indicator, values, atlas_division_get_n_areas (deso), "sv");
  g_assert_cmpuint (g_strv_length (labels), ==, 6);
  g_assert_true (g_str_has_prefix (labels[0], "Låga extremvärden: ≤"));
  g_assert_true (g_str_has_prefix (labels[5], "Höga extremvärden: "));
  g_assert_nonnull (strstr (atlas_class_breaks_method_note (breaks, "sv"), "KVARTIL.INK"));
}

static void
test_percentile_breaks (void)
{
  static const double p[] = { 0.01, 0.10, 0.50, 0.90, 0.99 };
  g_autoptr(GHashTable) column = read_column (2022, "arbetsloshet_16_64", is_deso);
  g_autoptr(AtlasClassBreaks) breaks = breaks_for ("arbetsloshet_16_64", "deso", 2022,
                                                   ATLAS_CLASS_METHOD_PERCENTILE);
  g_autofree double *x = NULL;
  const double *b;
  guint n_breaks;
  gsize n;

  x = sorted_values (column, &n);
  b = atlas_class_breaks_get_breaks (breaks, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, G_N_ELEMENTS (p));
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      g_assert_cmpfloat_with_epsilon (b[i], type7 (x, n, p[i]), 1e-9);
      g_assert_cmpuint (count_at_most (x, n, b[i]), >=, (gsize) floor (p[i] * n));
    }
  g_assert_cmpfloat (atlas_class_breaks_get_max (breaks), ==, x[n - 1]);
}

/* Change of the share born abroad, RegSO, 2020 → 2023: the later share
 * minus the earlier, in percentage points, area by area. */
static void
test_change_values_and_signs (void)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  g_autoptr(GHashTable) before = read_column (2020, "utrikes_fodda_andel", is_regso);
  g_autoptr(GHashTable) after = read_column (2023, "utrikes_fodda_andel", is_regso);
  g_autoptr(GError) error = NULL;
  g_autofree double *changes = NULL;
  guint up = 0, down = 0, compared = 0;

  g_assert_cmpint (atlas_change_unit_for_indicator (indicator), ==, ATLAS_CHANGE_PERCENTAGE_POINTS);
  changes = atlas_change_compute (dataset, indicator, regso, 2020, 2023, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < atlas_division_get_n_areas (regso); i++)
    {
      const char *code = atlas_area_get_code (atlas_division_get_area (regso, i));
      double *a = g_hash_table_lookup (before, code), *b = g_hash_table_lookup (after, code);

      if (a == NULL || b == NULL)
        {
          g_assert_true (isnan (changes[i]));
          continue;
        }
      g_assert_cmpfloat_with_epsilon (changes[i], *b - *a, 1e-9);
      up += *b > *a;
      down += *b < *a;
      compared++;
      if (*b > *a)
        g_assert_cmpfloat (changes[i], >, 0);
      else if (*b < *a)
        g_assert_cmpfloat (changes[i], <, 0);
    }
  g_assert_cmpuint (compared, ==, 3363);
  g_assert_cmpuint (up, >, 0);
  g_assert_cmpuint (down, >, 0);
}

static void
test_change_one_area_and_missing (void)
{
  AtlasIndicator *share = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasIndicator *income = atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst");
  AtlasIndicator *people = atlas_dataset_lookup_indicator (dataset, "folkmangd");
  AtlasArea *area = atlas_dataset_lookup_area (dataset, "0114R001");
  g_autoptr(GHashTable) p2020 = read_column (2020, "folkmangd", is_regso);
  g_autoptr(GHashTable) p2023 = read_column (2023, "folkmangd", is_regso);
  g_autoptr(GError) error = NULL;
  AtlasMissingReason reason;
  guint missing_year;
  double change;

  /* folkmangd 0114R001: 6062 in 2020, read from the file for 2023 */
  g_assert_cmpfloat (*(double *) g_hash_table_lookup (p2020, "0114R001"), ==, 6062);
  g_assert_true (atlas_change_get (dataset, people, area, 2020, 2023, &change, &reason, &missing_year));
  g_assert_cmpfloat (change, ==, *(double *) g_hash_table_lookup (p2023, "0114R001") - 6062);
  g_assert_cmpint (atlas_change_unit_for_indicator (people), ==, ATLAS_CHANGE_ABSOLUTE);

  /* The income is only in the package for 2022: no change, and why. */
  g_assert_false (atlas_change_get (dataset, income, atlas_dataset_lookup_area (dataset, "0180C3420"),
                                    2020, 2022, &change, &reason, &missing_year));
  g_assert_true (isnan (change));
  g_assert_cmpuint (missing_year, ==, 2020);
  g_assert_cmpint (reason, !=, ATLAS_MISSING_NONE);

  g_assert_false (atlas_change_check (dataset, share, 2023, 2020, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (atlas_change_check (dataset, atlas_dataset_lookup_indicator (dataset, "omradestyp"),
                                      2022, 2023, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Centred breaks: zero is a break, the two sides mirror each other, and
 * the magnitudes are the type 7 terciles of the absolute changes. */
static void
test_change_breaks_centred (void)
{
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel");
  AtlasDivision *regso = atlas_dataset_lookup_division (dataset, "regso");
  g_autoptr(GError) error = NULL;
  g_autofree double *changes = atlas_change_compute (dataset, indicator, regso, 2020, 2023, &error);
  g_autoptr(AtlasClassBreaks) breaks = NULL;
  g_autofree double *magnitudes = g_new (double, atlas_division_get_n_areas (regso));
  g_auto(GStrv) labels = NULL;
  gsize n = 0;
  guint n_breaks;
  const double *b;

  breaks = atlas_change_compute_breaks (indicator, regso, changes, 5, 2020, 2023, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_class_breaks_is_centred (breaks));
  b = atlas_class_breaks_get_breaks (breaks, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, 5);
  g_assert_cmpfloat (b[2], ==, 0.0);
  g_assert_cmpfloat (b[0], ==, -b[4]);
  g_assert_cmpfloat (b[1], ==, -b[3]);

  for (guint i = 0; i < atlas_division_get_n_areas (regso); i++)
    if (!isnan (changes[i]) && changes[i] != 0)
      magnitudes[n++] = fabs (changes[i]);
  qsort (magnitudes, n, sizeof (double), ascending);
  g_assert_cmpfloat_with_epsilon (b[3], type7 (magnitudes, n, 1.0 / 3), 1e-9);
  g_assert_cmpfloat_with_epsilon (b[4], type7 (magnitudes, n, 2.0 / 3), 1e-9);

  labels = atlas_class_breaks_dup_change_labels (breaks, indicator, changes,
                                                 atlas_division_get_n_areas (regso), "sv");
  g_assert_true (g_str_has_suffix (labels[5], "p.e."));
  g_assert_true (g_str_has_prefix (labels[5], "+"));
  g_autofree char *title = atlas_change_dup_title (indicator, 2020, 2023, "sv");
  g_assert_cmpstr (title, ==, "Förändring 2020–2023, procentenheter");
}


/* Profile of a DeSO: its values, its kommun's, and the spread of all
 * DeSO, against the CSV file and the test's own quantiles. */
static void
test_profile_model (void)
{
  AtlasArea *area = atlas_dataset_lookup_area (dataset, "0380C1010");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasAreaProfile) profile = atlas_area_profile_new (dataset, area, 2022, &error);
  g_autoptr(GHashTable) column = read_column (2022, "lag_ek_standard", is_deso);
  g_autofree double *x = NULL;
  const AtlasProfileRow *row = NULL;
  gsize n, below = 0, equal = 0;
  double value, place;
  guint quintile;

  g_assert_no_error (error);
  for (guint i = 0; i < atlas_area_profile_get_n_rows (profile); i++)
    if (g_str_equal (atlas_indicator_get_id (atlas_area_profile_get_row (profile, i)->indicator),
                     "lag_ek_standard"))
      row = atlas_area_profile_get_row (profile, i);
  g_assert_nonnull (row);
  x = sorted_values (column, &n);
  value = *(double *) g_hash_table_lookup (column, "0380C1010");
  g_assert_cmpfloat (row->value, ==, value);
  g_assert_cmpuint (row->n_values, ==, n);
  g_assert_cmpfloat (row->min, ==, x[0]);
  g_assert_cmpfloat (row->max, ==, x[n - 1]);
  g_assert_cmpfloat_with_epsilon (row->p25, type7 (x, n, 0.25), 1e-9);
  g_assert_cmpfloat_with_epsilon (row->p75, type7 (x, n, 0.75), 1e-9);

  /* lower is better: the fifth counted from the highest values */
  for (gsize i = 0; i < n; i++)
    {
      below += x[i] < value;
      equal += x[i] == value;
    }
  place = (below + 0.5 * equal) / n;
  quintile = 5 - MIN ((guint) (place * 5), 4u);
  g_assert_cmpuint (row->quintile, ==, quintile);
  g_assert_false (row->higher_is_better_side);

  /* Uppsala kommun's value is the one the dataset derives for 0380. */
  {
    AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, "lag_ek_standard");
    double kommun = NAN;

    atlas_dataset_get_value (dataset, indicator, 2022, atlas_dataset_lookup_area (dataset, "0380"),
                             &kommun, NULL);
    g_assert_cmpfloat (row->kommun, ==, kommun);
    g_assert_false (isnan (row->riket));
  }
}

/* Every indicator that is not a category has a row, and the fact sheet
 * names each of them and the area. */
static void
check_profile_pdf (const char *code,
                   const char *name)
{
  AtlasArea *area = atlas_dataset_lookup_area (dataset, code);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasAreaProfile) profile = atlas_area_profile_new (dataset, area, 2022, &error);
  g_autofree char *dir = g_dir_make_tmp ("explore-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "profil.pdf", NULL);
  g_autofree char *text = NULL;
  GListModel *indicators = atlas_dataset_get_indicators (dataset);
  guint expected_rows = 0;

  g_assert_no_error (error);
  g_assert_true (atlas_area_profile_export (profile, path, "sv", &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      g_unlink (path);
      g_rmdir (dir);
      return;
    }
  g_assert_nonnull (strstr (text, name));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autofree char *needle = NULL;

      if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
        continue;
      expected_rows++;
      needle = g_strdup_printf ("%s: ", atlas_indicator_get_name (indicator, "sv"));
      if (strstr (text, needle) == NULL)
        g_error ("the fact sheet of %s lacks “%s”", code, needle);
    }
  g_assert_cmpuint (atlas_area_profile_get_n_rows (profile), ==, expected_rows);
  g_assert_nonnull (strstr (text, "Källa: SCB"));
  g_assert_null (strstr (text, "Demonstrationsdata"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_profile_pdf (void)
{
  check_profile_pdf ("0380C1010", "Gottsunda");
  check_profile_pdf ("0380", "Uppsala 2022");
}


/* A profile resting on demonstration values says so on the sheet and
 * marks the rows (tests/data/analysis: utrikes_andel is demonstration
 * data). */
static void
test_profile_demonstration (void)
{
  g_autofree char *package = g_test_build_filename (G_TEST_DIST, "data", "analysis", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) data = atlas_dataset_load (package, NULL, &error);
  g_autoptr(AtlasAreaProfile) profile = NULL;
  g_autofree char *dir = g_dir_make_tmp ("explore-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  profile = atlas_area_profile_new (data, atlas_dataset_lookup_area (data, "0101R01"), 2022, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_area_profile_has_demonstration (profile));
  g_assert_true (atlas_area_profile_export (profile, path, "sv", &error));
  text = pdf_text (path);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Demonstrationsdata – inte verklig statistik"));
  /* ° marks it as an indicator without a better or worse direction */
  g_assert_true (strstr (text, "Utrikes född andel*") != NULL || strstr (text, "Utrikes född andel°*") != NULL);
  g_assert_nonnull (strstr (text, "* demonstrationsvärde"));
}

static AtlasDataset *
load_similar (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "similar", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *similar = atlas_dataset_load (path, NULL, &error);

  g_assert_no_error (error);
  return similar;
}

static GPtrArray *
indicator_list (AtlasDataset *data,
                const char   *first,
                ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_ptr_array_add (list, g_object_ref (atlas_dataset_lookup_indicator (data, id)));
  va_end (args);
  return list;
}

/* tests/data/similar, target 0101 (a = 10, b = 10). Over all six areas
 * a has mean 15.5 and population variance 323.5/6, b mean 95/6 and
 * variance 312.8333…/6; so d² = Δa²·6/323.5 + Δb²·6/312.8333. */
static void
test_similar_ranking (void)
{
  g_autoptr(AtlasDataset) data = load_similar ();
  g_autoptr(GPtrArray) ab = indicator_list (data, "a", "b", NULL);
  g_autoptr(GPtrArray) abc = indicator_list (data, "a", "b", "c", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasSimilarAreas) two = NULL;
  g_autoptr(AtlasSimilarAreas) three = NULL;
  static const char *const order_ab[] = { "0105", "0102", "0103", "0104", "0106" };
  static const char *const order_abc[] = { "0102", "0103", "0104", "0106" };
  const double va = 323.5 / 6, vb = (312.0 + 5.0 / 6) / 6;
  const double expected[] = { sqrt (1 / va + 1 / vb), sqrt (4 / va), sqrt (16 / vb),
                              sqrt (100 / va + 100 / vb), sqrt (400 / va + 400 / vb) };
  AtlasArea *target = atlas_dataset_lookup_area (data, "0101");
  g_autofree char *method = NULL;

  two = atlas_similar_areas_find (data, target, 2020, ab, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_similar_areas_get_n_items (two), ==, 5);
  g_assert_cmpuint (atlas_similar_areas_get_n_excluded (two), ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (atlas_area_get_code (atlas_similar_areas_get_item (two, i)), ==, order_ab[i]);
      g_assert_cmpfloat_with_epsilon (atlas_similar_areas_get_distance (two, i), expected[i], 1e-9);
    }

  /* c is missing for 0105: it drops out, counted; c (mean 3.2, variance
   * 14.8/5 over five areas) moves 0102 (Δc = 1) ahead of 0103 (Δc = 2). */
  three = atlas_similar_areas_find (data, target, 2020, abc, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_similar_areas_get_n_items (three), ==, 2);
  g_assert_cmpuint (atlas_similar_areas_get_n_excluded (three), ==, 1);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (atlas_area_get_code (atlas_similar_areas_get_item (three, i)), ==, order_abc[i]);
  g_assert_cmpfloat_with_epsilon (atlas_similar_areas_get_distance (three, 0),
                                  sqrt (4 / va + 1 / (14.8 / 5)), 1e-9);
  method = atlas_similar_areas_dup_method (three, "sv");
  g_assert_nonnull (strstr (method, "(1 utelämnade)"));
}

static void
test_similar_defaults_and_errors (void)
{
  g_autoptr(AtlasDataset) data = load_similar ();
  g_autoptr(GPtrArray) c = indicator_list (data, "c", NULL);
  g_autoptr(GPtrArray) antal = indicator_list (data, "antal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasSimilarAreas) chosen = NULL;
  GPtrArray *used;

  /* by default: a and b, not the count; c is missing for 0105 itself */
  chosen = atlas_similar_areas_find (data, atlas_dataset_lookup_area (data, "0105"), 2020, NULL, 3, &error);
  g_assert_no_error (error);
  used = atlas_similar_areas_get_indicators (chosen);
  g_assert_cmpuint (used->len, ==, 2);
  g_assert_cmpstr (atlas_indicator_get_id (g_ptr_array_index (used, 0)), ==, "a");
  g_assert_cmpstr (atlas_indicator_get_id (g_ptr_array_index (used, 1)), ==, "b");
  g_assert_cmpstr (atlas_area_get_code (atlas_similar_areas_get_item (chosen, 0)), ==, "0101");

  g_assert_null (atlas_similar_areas_find (data, atlas_dataset_lookup_area (data, "0105"), 2020, c, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* the same count everywhere tells nothing apart */
  g_assert_null (atlas_similar_areas_find (data, atlas_dataset_lookup_area (data, "0101"), 2020, antal, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}


/* Scatter of two DeSO indicators: r and the line against a direct
 * computation from the CSV file in one pass of raw sums. */
static void
test_scatter_regression (void)
{
  g_autoptr(GHashTable) xs = read_column (2022, "eftergymnasial_3_25_64_andel", is_deso);
  g_autoptr(GHashTable) ys = read_column (2022, "median_nettoinkomst", is_deso);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasScatter) scatter = NULL;
  g_autoptr(GPtrArray) brushed = NULL;
  GHashTableIter iter;
  gpointer code, value;
  double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, r, slope, intercept;
  guint inside = 0;

  scatter = atlas_scatter_new (dataset, atlas_dataset_lookup_division (dataset, "deso"), 2022,
                               atlas_dataset_lookup_indicator (dataset, "eftergymnasial_3_25_64_andel"),
                               atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst"),
                               atlas_dataset_lookup_indicator (dataset, "folkmangd"), &error);
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, xs);
  while (g_hash_table_iter_next (&iter, &code, &value))
    {
      double x = *(double *) value, *y = g_hash_table_lookup (ys, code);

      if (y == NULL)
        continue;
      n++;
      sx += x;
      sy += *y;
      sxx += x * x;
      syy += *y * *y;
      sxy += x * *y;
      inside += x >= 40 && x <= 60 && *y >= 300000 && *y <= 400000;
    }
  r = (n * sxy - sx * sy) / sqrt ((n * sxx - sx * sx) * (n * syy - sy * sy));
  slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  intercept = (sy - slope * sx) / n;

  g_assert_cmpuint (atlas_scatter_get_n_points (scatter), ==, (guint) n);
  g_assert_cmpfloat_with_epsilon (atlas_scatter_get_r (scatter), r, 1e-9);
  g_assert_cmpfloat_with_epsilon (atlas_scatter_get_slope (scatter), slope, 1e-6 * fabs (slope));
  g_assert_cmpfloat_with_epsilon (atlas_scatter_get_intercept (scatter), intercept, 1e-6 * fabs (intercept));
  g_assert_cmpfloat (atlas_scatter_get_r (scatter), >, 0.5);

  /* brushing a rectangle (corners in either order) picks those codes */
  brushed = atlas_scatter_dup_codes_in (scatter, 60, 400000, 40, 300000);
  g_assert_cmpuint (brushed->len, ==, inside);
  g_assert_cmpuint (inside, >, 0);
  for (guint i = 0; i < brushed->len; i++)
    {
      double x = *(double *) g_hash_table_lookup (xs, g_ptr_array_index (brushed, i));

      g_assert_cmpfloat (x, >=, 40);
      g_assert_cmpfloat (x, <=, 60);
    }
}

static void
test_scatter_errors (void)
{
  g_autoptr(GError) error = NULL;
  AtlasDivision *deso = atlas_dataset_lookup_division (dataset, "deso");

  /* median income is only in 2022: nothing to plot in 2020 */
  g_assert_null (atlas_scatter_new (dataset, deso, 2020,
                                    atlas_dataset_lookup_indicator (dataset, "folkmangd"),
                                    atlas_dataset_lookup_indicator (dataset, "median_nettoinkomst"), NULL, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_null (atlas_scatter_new (dataset, deso, 2022,
                                    atlas_dataset_lookup_indicator (dataset, "omradestyp"),
                                    atlas_dataset_lookup_indicator (dataset, "folkmangd"), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}


/* A change map figure says what it shows: the change title with its unit
 * in the legend, the direction of change and the centred classes. */
static void
test_change_figure (void)
{
  g_autoptr(AtlasFigure) figure = atlas_figure_new (dataset, atlas_dataset_lookup_indicator (dataset, "utrikes_fodda_andel"),
                                                    atlas_dataset_lookup_division (dataset, "regso"), 2023);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("change-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "change.pdf", NULL);
  g_autofree char *text = NULL;

  atlas_figure_set_since_year (figure, 2020);
  atlas_figure_set_region (figure, atlas_dataset_lookup_area (dataset, "03"));
  atlas_figure_set_lang (figure, "sv");
  g_assert_true (atlas_figure_export (figure, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Förändring 2020–2023, procentenheter"));
  g_assert_nonnull (strstr (text, "Ökning och minskning är varken bättre eller sämre"));
  g_assert_nonnull (strstr (text, "symmetrisk kring noll"));
  g_assert_nonnull (strstr (text, "p.e."));

  /* a change from a later year is refused */
  atlas_figure_set_since_year (figure, 2023);
  g_assert_false (atlas_figure_check (figure, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Titles of the analysis pages (scatter, profile, small multiples, the
 * charts' headings) wrap and never run past the right margin: the ink of
 * a long title drawn between x 20 and 220 stays inside, on two lines,
 * while a short one keeps one line at its size. */
static double
title_ink (const char *text,
           guint       max_lines,
           double     *advance)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  AtlasPen pen = { .cr = cr, .left = 20, .right = 220, .y = 0 };
  double x, y, width, height;

  atlas_pen_wrapped (&pen, text, 17, TRUE, max_lines);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (x, >=, 19.0);
  *advance = pen.y;
  return x + width;
}

static void
test_long_titles_wrap (void)
{
  const char *long_title = "Eftergymnasial utbildning 3 år eller mer, andel mot Personer i statistiken "
                           "över ekonomisk standard, RegSO 2022";
  double advance, right;

  right = title_ink (long_title, 2, &advance);
  g_assert_cmpfloat (right, <=, 221.0);
  /* two lines: the second baseline 1.2 sizes below the first */
  g_assert_cmpfloat (advance, >, 17 * 0.75 * 2.1);
  right = title_ink (long_title, 1, &advance);
  g_assert_cmpfloat (right, <=, 221.0);
  g_assert_cmpfloat (advance, <, 17.5);
  right = title_ink ("Kort titel", 2, &advance);
  g_assert_cmpfloat (right, <, 220.0);
  g_assert_cmpfloat (advance, ==, 17.0);
  /* one word wider than the margins is cut, not drawn past them */
  right = title_ink ("Tolsbo-Strandbo-Sörbo-Repbäcken-Idkerberget-Halvarsgårdarna-Medväga-Hönsarvet", 2, &advance);
  g_assert_cmpfloat (right, <=, 221.0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  dataset = atlas_dataset_load (path, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/explore/box-breaks", test_box_breaks);
  g_test_add_func ("/explore/box-empty-outlier-class", test_box_empty_outlier_class);
  g_test_add_func ("/explore/percentile-breaks", test_percentile_breaks);
  g_test_add_func ("/explore/change-values-and-signs", test_change_values_and_signs);
  g_test_add_func ("/explore/change-one-area-and-missing", test_change_one_area_and_missing);
  g_test_add_func ("/explore/change-breaks-centred", test_change_breaks_centred);
  g_test_add_func ("/explore/change-figure", test_change_figure);
  g_test_add_func ("/explore/profile-model", test_profile_model);
  g_test_add_func ("/explore/profile-pdf", test_profile_pdf);
  g_test_add_func ("/explore/profile-demonstration", test_profile_demonstration);
  g_test_add_func ("/explore/similar-ranking", test_similar_ranking);
  g_test_add_func ("/explore/scatter-regression", test_scatter_regression);
  g_test_add_func ("/explore/scatter-errors", test_scatter_errors);
  g_test_add_func ("/explore/similar-defaults-and-errors", test_similar_defaults_and_errors);
  g_test_add_func ("/explore/long-titles-wrap", test_long_titles_wrap);

  status = g_test_run ();
  g_object_unref (dataset);
  return status;
}
