/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-core.h"

/* The explorer state: one notify per real change, nothing for the same
 * value, one "changed" per setter or frozen batch, and ids resolved
 * against the dataset. */

typedef struct
{
  GHashTable *notified;   /* property name → count */
  guint       changed;
} Counter;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Counter    *counter)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, pspec->name));

  g_hash_table_insert (counter->notified, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
on_changed (AtlasExplorerState *state,
            Counter            *counter)
{
  counter->changed++;
}

static void
counter_watch (Counter            *counter,
               AtlasExplorerState *state)
{
  counter->notified = g_hash_table_new (g_str_hash, g_str_equal);
  counter->changed = 0;
  g_signal_connect (state, "notify", G_CALLBACK (on_notify), counter);
  g_signal_connect (state, "changed", G_CALLBACK (on_changed), counter);
}

static guint
notified (Counter    *counter,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->notified, name));
}

static guint
n_notified (Counter *counter)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counter->notified);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);
  return total;
}

static void
counter_reset (Counter *counter)
{
  g_hash_table_remove_all (counter->notified);
  counter->changed = 0;
}

/* Sets one property twice through g_object_set: the first notifies it
 * (and only it) once with one "changed", the second nothing. */
static void
assert_notifies_once (AtlasExplorerState *state,
                      Counter            *counter,
                      const char         *name,
                      const GValue       *value)
{
  for (guint round = 0; round < 2; round++)
    {
      counter_reset (counter);
      g_object_set_property (G_OBJECT (state), name, value);
      g_assert_cmpuint (notified (counter, name), ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (n_notified (counter), ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (counter->changed, ==, round == 0 ? 1 : 0);
    }
}

static void
test_notify_once (void)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  const char *selection[] = { "0380", "0381", NULL };
  const char *codes[] = { "1", "2", NULL };
  const char *strings[] = { "package", "level", "indicator", "region", "compare-a", "compare-b",
                            "filter-indicator" };
  Counter counter;
  GValue value = G_VALUE_INIT;

  counter_watch (&counter, state);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, "x");
      assert_notifies_once (state, &counter, strings[i], &value);
      g_value_unset (&value);
    }
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 2023);
  assert_notifies_once (state, &counter, "year", &value);
  g_value_set_uint (&value, 2019);
  assert_notifies_once (state, &counter, "since-year", &value);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 7.5);
  assert_notifies_once (state, &counter, "zoom", &value);
  assert_notifies_once (state, &counter, "latitude", &value);
  assert_notifies_once (state, &counter, "longitude", &value);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, selection);
  assert_notifies_once (state, &counter, "selection", &value);
  g_value_set_boxed (&value, codes);
  assert_notifies_once (state, &counter, "filter-codes", &value);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, TRUE);
  assert_notifies_once (state, &counter, "presenting", &value);
  g_value_unset (&value);

  /* The classification's changes are the state's: one "changed" each */
  counter_reset (&counter);
  atlas_classification_set_count (atlas_explorer_state_get_classification (state), 7);
  atlas_classification_set_count (atlas_explorer_state_get_classification (state), 7);
  g_assert_cmpuint (counter.changed, ==, 1);

  /* No filter indicator means no filter codes either */
  counter_reset (&counter);
  atlas_explorer_state_set_filter (state, NULL, codes);
  g_assert_cmpstr (atlas_explorer_state_get_filter_indicator (state), ==, "");
  g_assert_null (atlas_explorer_state_get_filter_codes (state)[0]);
  g_assert_cmpuint (notified (&counter, "filter-indicator"), ==, 1);
  g_assert_cmpuint (notified (&counter, "filter-codes"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_hash_table_unref (counter.notified);
}

/* A batch notifies each property that really changed once, and "changed"
 * once at the end; setting a property back and forth inside it still
 * notifies it (GObject cannot know), but never twice. */
static void
test_batch (void)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(AtlasExplorerState) other = atlas_explorer_state_new ();
  Counter counter;

  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_year (state, 2020);
  counter_watch (&counter, state);

  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_year (state, 2021);
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_set_indicator (state, "inkomst");
  atlas_explorer_state_set_camera (state, 59.8, 17.6, 9);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_select (state, "0380");
  atlas_explorer_state_thaw (state);
  g_assert_cmpuint (counter.changed, ==, 0);
  g_assert_cmpuint (n_notified (&counter), ==, 0);
  atlas_explorer_state_thaw (state);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_cmpuint (notified (&counter, "year"), ==, 1);
  g_assert_cmpuint (notified (&counter, "indicator"), ==, 1);
  g_assert_cmpuint (notified (&counter, "latitude"), ==, 1);
  g_assert_cmpuint (notified (&counter, "longitude"), ==, 1);
  g_assert_cmpuint (notified (&counter, "zoom"), ==, 1);
  g_assert_cmpuint (notified (&counter, "selection"), ==, 1);
  g_assert_cmpuint (notified (&counter, "level"), ==, 0);
  g_assert_cmpuint (n_notified (&counter), ==, 6);

  /* An empty batch says nothing */
  counter_reset (&counter);
  atlas_explorer_state_freeze (state);
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_thaw (state);
  g_assert_cmpuint (counter.changed, ==, 0);
  g_assert_cmpuint (n_notified (&counter), ==, 0);

  /* Assigning another state is one batch: only "level" and "year" differ
   * from @other here, apart from what @state set above. */
  atlas_explorer_state_assign (other, state);
  atlas_explorer_state_set_level (other, "deso");
  atlas_explorer_state_set_year (other, 2019);
  counter_reset (&counter);
  atlas_explorer_state_assign (state, other);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_cmpuint (notified (&counter, "level"), ==, 1);
  g_assert_cmpuint (notified (&counter, "year"), ==, 1);
  g_assert_cmpuint (n_notified (&counter), ==, 2);
  counter_reset (&counter);
  atlas_explorer_state_assign (state, other);
  g_assert_cmpuint (counter.changed, ==, 0);
  g_assert_cmpuint (n_notified (&counter), ==, 0);
  g_hash_table_unref (counter.notified);
}

static void
test_selection (void)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  const char *with_duplicates[] = { "b", "a", "b", "", NULL };
  const char * const *selection;

  g_assert_null (atlas_explorer_state_get_selection (state)[0]);
  atlas_explorer_state_set_selection (state, with_duplicates);
  selection = atlas_explorer_state_get_selection (state);
  g_assert_cmpstr (selection[0], ==, "b");
  g_assert_cmpstr (selection[1], ==, "a");
  g_assert_null (selection[2]);
  atlas_explorer_state_toggle_selected (state, "b");
  atlas_explorer_state_toggle_selected (state, "c");
  selection = atlas_explorer_state_get_selection (state);
  g_assert_cmpstr (selection[0], ==, "a");
  g_assert_cmpstr (selection[1], ==, "c");
  g_assert_null (selection[2]);
  g_assert_true (atlas_explorer_state_is_selected (state, "c"));
  g_assert_false (atlas_explorer_state_is_selected (state, "b"));
  atlas_explorer_state_select (state, NULL);
  g_assert_null (atlas_explorer_state_get_selection (state)[0]);
}

/* Ids resolve against the dataset; the dataset sets the package. */
static void
test_lookup (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "sverige-kommuner", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(AtlasExplorerState) view = NULL;
  const char *selection[] = { "9999", "0380", NULL };

  g_assert_no_error (error);
  atlas_explorer_state_set_level (state, "kommun");
  g_assert_null (atlas_explorer_state_lookup_division (state));
  atlas_explorer_state_set_dataset (state, dataset);
  g_assert_cmpstr (atlas_explorer_state_get_package (state), ==, atlas_dataset_get_path (dataset));
  g_assert_true (atlas_explorer_state_lookup_division (state)
                 == atlas_dataset_lookup_division (dataset, "kommun"));
  atlas_explorer_state_set_indicator (state, "no-such-indicator");
  g_assert_null (atlas_explorer_state_lookup_indicator (state));
  atlas_explorer_state_set_selection (state, selection);
  g_assert_cmpstr (atlas_area_get_code (atlas_explorer_state_lookup_selected (state)), ==, "0380");

  /* A copy shows the same, and stops doing so when it moves on */
  view = atlas_explorer_state_copy (state);
  g_assert_true (atlas_explorer_state_get_dataset (view) == dataset);
  g_assert_true (atlas_explorer_state_shows_same (state, view));
  atlas_explorer_state_set_year (view, 2020);
  g_assert_false (atlas_explorer_state_shows_same (state, view));
  atlas_explorer_state_set_year (view, 0);
  g_assert_true (atlas_explorer_state_shows_same (state, view));
  g_assert_finalize_object (g_steal_pointer (&view));
}

/* since-year travels with copies and assignments, makes another view,
 * and is kept across year steps (the map decides whether it shows). */
static void
test_since_year (void)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(AtlasExplorerState) copy = NULL;
  g_autoptr(AtlasExplorerState) other = atlas_explorer_state_new ();
  Counter counter;

  g_assert_cmpuint (atlas_explorer_state_get_since_year (state), ==, 0);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_year (state, 2023);
  atlas_explorer_state_set_since_year (state, 2020);
  copy = atlas_explorer_state_copy (state);
  g_assert_cmpuint (atlas_explorer_state_get_since_year (copy), ==, 2020);
  g_assert_true (atlas_explorer_state_shows_same (state, copy));

  /* The plain map of the same year is another view */
  atlas_explorer_state_set_since_year (copy, 0);
  g_assert_false (atlas_explorer_state_shows_same (state, copy));

  /* Assigning notifies since-year once, with the rest of the batch */
  atlas_explorer_state_assign (other, copy);
  counter_watch (&counter, other);
  atlas_explorer_state_assign (other, state);
  g_assert_cmpuint (notified (&counter, "since-year"), ==, 1);
  g_assert_cmpuint (n_notified (&counter), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_cmpuint (atlas_explorer_state_get_since_year (other), ==, 2020);

  /* A year step leaves it alone */
  counter_reset (&counter);
  atlas_explorer_state_set_year (other, 2019);
  g_assert_cmpuint (atlas_explorer_state_get_since_year (other), ==, 2020);
  g_assert_cmpuint (notified (&counter, "since-year"), ==, 0);
  g_hash_table_unref (counter.notified);
}

/* A panel's highlight: one notify per change, cleared only by its owner,
 * and never copied or assigned (it is not what a view shows). */
static void
test_highlight (void)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(AtlasExplorerState) copy = NULL;
  const char *codes[] = { "0380", "0381", NULL };
  const char *none[] = { NULL };
  Counter counter;

  counter_watch (&counter, state);
  g_assert_false (atlas_explorer_state_has_highlight (state));
  g_assert_null (atlas_explorer_state_get_highlight (state)[0]);
  atlas_explorer_state_set_highlight (state, "flags", codes);
  atlas_explorer_state_set_highlight (state, "flags", codes);
  g_assert_cmpuint (notified (&counter, "highlight"), ==, 1);
  g_assert_cmpuint (notified (&counter, "highlight-owner"), ==, 1);
  g_assert_cmpuint (counter.changed, ==, 1);
  g_assert_cmpstrv (atlas_explorer_state_get_highlight (state), codes);
  g_assert_cmpstr (atlas_explorer_state_get_highlight_owner (state), ==, "flags");

  copy = atlas_explorer_state_copy (state);
  g_assert_false (atlas_explorer_state_has_highlight (copy));

  /* Another panel clearing its own leaves this one */
  counter_reset (&counter);
  atlas_explorer_state_set_highlight (state, "type-history", NULL);
  g_assert_true (atlas_explorer_state_has_highlight (state));
  g_assert_cmpuint (n_notified (&counter), ==, 0);
  g_assert_cmpuint (counter.changed, ==, 0);
  /* An empty highlight draws nothing, and is not no highlight */
  atlas_explorer_state_set_highlight (state, "type-history", none);
  g_assert_true (atlas_explorer_state_has_highlight (state));
  g_assert_cmpstr (atlas_explorer_state_get_highlight_owner (state), ==, "type-history");
  atlas_explorer_state_set_highlight (state, "type-history", NULL);
  g_assert_false (atlas_explorer_state_has_highlight (state));
  g_assert_cmpstr (atlas_explorer_state_get_highlight_owner (state), ==, "");
  g_hash_table_unref (counter.notified);
}

/* The state's filter as core applies it: a category indicator and whole
 * codes, else no filter. */
static void
test_area_filter (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets",
                                            "uppsala-lan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(AtlasAreaFilter) filter = NULL;
  g_autoptr(AtlasAreaFilter) mixed = NULL;
  guint n_codes = 0;
  const int *codes;

  g_assert_no_error (error);
  atlas_explorer_state_set_filter (state, "omradestyp", (const char *[]) { "3", "1", NULL });
  /* No dataset yet: nothing to resolve the indicator in */
  g_assert_null (atlas_explorer_state_dup_area_filter (state));
  atlas_explorer_state_set_dataset (state, dataset);
  filter = atlas_explorer_state_dup_area_filter (state);
  g_assert_nonnull (filter);
  g_assert_true (atlas_area_filter_get_category (filter) == atlas_dataset_lookup_indicator (dataset, "omradestyp"));
  codes = atlas_area_filter_get_codes (filter, &n_codes);
  g_assert_cmpuint (n_codes, ==, 2);
  g_assert_cmpint (codes[0], ==, 1);
  g_assert_cmpint (codes[1], ==, 3);
  g_assert_cmpuint (atlas_area_filter_get_type_year (filter), ==, 0);

  /* Codes that are not whole numbers are left out; none left: no filter */
  atlas_explorer_state_set_filter (state, "omradestyp", (const char *[]) { "x", "2", "2.5", NULL });
  mixed = atlas_explorer_state_dup_area_filter (state);
  g_assert_nonnull (mixed);
  g_assert_true (atlas_area_filter_allows_code (mixed, 2));
  g_assert_false (atlas_area_filter_allows_code (mixed, 1));
  atlas_explorer_state_set_filter (state, "omradestyp", (const char *[]) { "x", NULL });
  g_assert_null (atlas_explorer_state_dup_area_filter (state));
  /* An unknown indicator, or one that is not a category, is no filter */
  atlas_explorer_state_set_filter (state, "no-such-indicator", (const char *[]) { "1", NULL });
  g_assert_null (atlas_explorer_state_dup_area_filter (state));
  atlas_explorer_state_set_filter (state, "arbetslosa_20_64", (const char *[]) { "1", NULL });
  g_assert_null (atlas_explorer_state_dup_area_filter (state));
  atlas_explorer_state_set_filter (state, NULL, NULL);
  g_assert_null (atlas_explorer_state_dup_area_filter (state));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/explorer-state/notify-once", test_notify_once);
  g_test_add_func ("/explorer-state/batch", test_batch);
  g_test_add_func ("/explorer-state/selection", test_selection);
  g_test_add_func ("/explorer-state/lookup", test_lookup);
  g_test_add_func ("/explorer-state/area-filter", test_area_filter);
  g_test_add_func ("/explorer-state/since-year", test_since_year);
  g_test_add_func ("/explorer-state/highlight", test_highlight);
  return g_test_run ();
}
