/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-error.h"
#include "atlas-import-private.h"
#include "atlas-types.h"

#define note atlas_import_job_note

/* From recognised inputs to a plan: which levels and areas, which
 * indicators with which units and rules, and one value per area, year
 * and indicator. */

static const char *const level_names[] = { NULL, "Län", "Kommun", "RegSO", "DeSO" };

void
atlas_import_area_free (gpointer data)
{
  ImportArea *area = data;

  g_free (area->name);
  g_free (area->parent);
  g_free (area);
}

static void
indicator_free (gpointer data)
{
  ImportIndicator *ind = data;

  g_free (ind->id);
  g_free (ind->name);
  g_free (ind->unit);
  g_free (ind->unit_label);
  g_free (ind->rule);
  g_free (ind->weight);
  g_free (ind->definition);
  g_free (ind->source);
  g_free (ind->reference_time);
  g_free (ind->signature);
  g_free (ind->share_count);
  g_free (ind->share_total);
  g_strfreev (ind->terms);
  g_clear_pointer (&ind->categories, g_array_unref);
  g_clear_pointer (&ind->category_labels, g_ptr_array_unref);
  g_free (ind);
}

ImportJob *
atlas_import_job_new (void)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->files = g_ptr_array_new_with_free_func (g_free);
  job->selections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->splits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->shares = g_ptr_array_new_with_free_func (g_free);
  job->renames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->recipe_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->sums = g_ptr_array_new_with_free_func (g_free);
  job->merges = g_ptr_array_new_with_free_func (g_free);
  job->drops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->dissolves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->draw_within = g_ptr_array_new_with_free_func (g_free);
  job->described = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  return job;
}

void
atlas_import_job_reset_plan (ImportJob *job)
{
  for (guint l = 0; l < IMPORT_N_LEVELS; l++)
    {
      g_clear_pointer (&job->levels[l].version, g_free);
      g_clear_pointer (&job->levels[l].areas, g_hash_table_unref);
      g_clear_pointer (&job->levels[l].geometries, g_array_unref);
      memset (&job->levels[l], 0, sizeof job->levels[l]);
      job->levels[l].geometry = -1;
    }
  g_clear_pointer (&job->inputs, g_ptr_array_unref);
  g_clear_pointer (&job->indicators, g_ptr_array_unref);
  g_clear_pointer (&job->years, g_array_unref);
  g_clear_pointer (&job->values, g_hash_table_unref);
  g_clear_pointer (&job->notes, g_ptr_array_unref);
  g_clear_pointer (&job->unmatched, g_ptr_array_unref);
  g_clear_pointer (&job->codes, g_ptr_array_unref);
  g_clear_pointer (&job->report, json_node_unref);
}

void
atlas_import_job_free (ImportJob *job)
{
  if (job == NULL)
    return;
  atlas_import_job_reset_plan (job);
  g_free (job->id);
  g_free (job->title);
  g_ptr_array_unref (job->files);
  g_hash_table_unref (job->selections);
  g_hash_table_unref (job->splits);
  g_ptr_array_unref (job->shares);
  g_hash_table_unref (job->renames);
  g_hash_table_unref (job->recipe_ids);
  g_ptr_array_unref (job->sums);
  g_ptr_array_unref (job->merges);
  g_hash_table_unref (job->drops);
  g_hash_table_unref (job->dissolves);
  g_ptr_array_unref (job->draw_within);
  g_hash_table_unref (job->described);
  g_clear_pointer (&job->package, json_object_unref);
  g_free (job);
}

void
atlas_import_job_note (ImportJob  *job,
                       const char *format,
                       ...)
{
  va_list args;

  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* A preview writes the package once before the real write. */
  if (g_ptr_array_find_with_equal_func (job->notes, text, g_str_equal, NULL))
    g_free (text);
  else
    g_ptr_array_add (job->notes, text);
}

/* --draw-within: geometry files often reach into neighbouring län; only
 * areas under the given codes are drawn (the others keep their values). */
gboolean
atlas_import_job_draws (ImportJob  *job,
                        const char *code)
{
  for (guint i = 0; i < job->draw_within->len; i++)
    if (g_str_has_prefix (code, g_ptr_array_index (job->draw_within, i)))
      return TRUE;
  return job->draw_within->len == 0;
}

/* ---- inputs ----------------------------------------------------------------- */

static gboolean
read_inputs (ImportJob    *job,
             GCancellable *cancellable,
             GError      **error)
{
  if (job->files->len == 0)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                   _("no input files; expected statistics files (PxWeb JSON, JSON-stat, CSV, XLSX) and/or geometry"));
      return FALSE;
    }
  for (guint i = 0; i < job->files->len; i++)
    {
      ImportInput *input = atlas_import_input_read (g_ptr_array_index (job->files, i), job->crs,
                                                    job->notes, cancellable, error);

      if (input == NULL)
        return FALSE;
      g_ptr_array_add (job->inputs, input);
      if (input->table != NULL)
        for (guint n = 0; n < input->table->notes->len; n++)
          note (job, "%s", (char *) g_ptr_array_index (input->table->notes, n));
    }
  return TRUE;
}

static gboolean
has_statistics (ImportJob *job)
{
  for (guint i = 0; i < job->inputs->len; i++)
    if (((ImportInput *) g_ptr_array_index (job->inputs, i))->kind == INPUT_STATISTICS)
      return TRUE;
  return FALSE;
}

/* The tables whose values the package holds: every statistics file, or,
 * without one, the yearly fields of the geometry files. */
static ImportTable *
value_table (ImportJob *job,
             guint      i)
{
  ImportInput *input = g_ptr_array_index (job->inputs, i);

  if (input->table == NULL)
    return NULL;
  if (input->kind == INPUT_GEOMETRY && has_statistics (job))
    return NULL;
  return input->table;
}

/* Labels and small-area codes: SCB's key matches labels to codes, links
 * DeSO to RegSO and knows the division versions. */
static gboolean
needs_small_areas (ImportJob *job)
{
  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportTable *table = value_table (job, i);

      for (guint k = 0; table != NULL && k < table->keys->len; k++)
        {
          const char *key = g_ptr_array_index (table->keys, k);
          g_autofree char *code = atlas_import_normalize_code (key, NULL, NULL);

          if (atlas_import_is_area_label (key) || atlas_import_code_level (code) >= IMPORT_LEVEL_REGSO)
            return TRUE;
        }
    }
  return FALSE;
}

/* Labels need SCB's key; the project keeps a copy of the DeSO 2018 →
 * RegSO 2020 key with its data. */
static gboolean
add_default_key (ImportJob    *job,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "sources", "stats",
                                            "scb_koppling_deso2018_regso2020.csv", NULL);
  ImportInput *input;

  for (guint i = 0; i < job->inputs->len; i++)
    if (((ImportInput *) g_ptr_array_index (job->inputs, i))->kind == INPUT_KEY)
      return TRUE;
  if (!needs_small_areas (job) || !g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  input = atlas_import_input_read (path, 0, job->notes, cancellable, error);
  if (input == NULL)
    return FALSE;
  note (job, _("SCB's key %s (from the data folder) matched labels to codes and gave division versions"), input->name);
  g_ptr_array_add (job->inputs, input);
  return TRUE;
}

/* ---- areas -------------------------------------------------------------------- */

static ImportArea *
add_area (ImportJob   *job,
          ImportLevel  level,
          const char  *code,
          const char  *name)
{
  ImportLevelPlan *plan = &job->levels[level];
  ImportArea *area;

  if (plan->areas == NULL)
    plan->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, atlas_import_area_free);
  plan->present = TRUE;
  area = g_hash_table_lookup (plan->areas, code);
  if (area == NULL)
    {
      area = g_new0 (ImportArea, 1);
      g_hash_table_insert (plan->areas, g_strdup (code), area);
    }
  if (area->name == NULL && name != NULL)
    area->name = g_strdup (name);
  return area;
}

static guint
key_levels (ImportKey *key)
{
  guint n = 0;

  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    n += key->names[l] != NULL || key->parents[l] != NULL;
  return n;
}

/* With several keys (SCB's DeSO–RegSO key and a RegSO table such as
 * områdestyp), the one that links the most levels. */
static ImportKey *
find_key (ImportJob *job)
{
  ImportKey *best = NULL;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);

      if (input->kind == INPUT_KEY && (best == NULL || key_levels (input->key) > key_levels (best)))
        best = input->key;
    }
  return best;
}

/* The area code of a table key, or NULL (and the key is reported). */
static char *
resolve_key (ImportJob  *job,
             ImportKey  *key,
             const char *text,
             char      **label_name)
{
  g_autofree char *folded = NULL;
  const char *code;
  const char *open;

  *label_name = NULL;
  if (!atlas_import_is_area_label (text))
    return atlas_import_normalize_code (text, NULL, NULL);

  folded = atlas_import_fold_label (text);
  code = key != NULL ? g_hash_table_lookup (key->labels, folded) : NULL;
  if (code == NULL)
    {
      g_ptr_array_add (job->unmatched, g_strdup (text));
      return NULL;
    }
  open = strchr (text, '(');
  *label_name = g_strstrip (g_strndup (open + 1, strrchr (text, ')') - open - 1));
  return g_strdup (code);
}

static const char *
key_version (ImportKey   *key,
             ImportLevel  level,
             const char  *code)
{
  if (key == NULL || key->names[level] == NULL)
    return NULL;
  if (!g_hash_table_contains (key->names[level], code) && !g_hash_table_contains (key->parents[level], code))
    return NULL;
  return key->version[level];
}

/* Codes of each table, by key index; areas for each. */
static void
resolve_table (ImportJob   *job,
               ImportKey   *key,
               ImportTable *table,
               GPtrArray   *codes)
{
  guint padded = 0;

  for (guint k = 0; k < table->keys->len; k++)
    {
      const char *text = g_ptr_array_index (table->keys, k);
      g_autofree char *name = NULL;
      gboolean was_padded = FALSE;
      char *code = atlas_import_is_area_label (text) ? resolve_key (job, key, text, &name)
                                                     : atlas_import_normalize_code (text, NULL, &was_padded);
      ImportLevel level = atlas_import_code_level (code);
      ImportLevelPlan *plan = &job->levels[level];

      padded += was_padded;
      g_ptr_array_add (codes, code);
      if (level == IMPORT_LEVEL_NONE)
        continue;
      if (name == NULL && key != NULL && key->names[level] != NULL)
        name = g_strdup (g_hash_table_lookup (key->names[level], code));
      add_area (job, level, code, name);
      if (plan->version == NULL && table->version != NULL &&
          g_ascii_strncasecmp (table->version, level_names[level], strlen (level_names[level])) == 0)
        plan->version = g_strdup (table->version);
      if (plan->version == NULL && key_version (key, level, code) != NULL)
        plan->version = g_strdup (key_version (key, level, code));
    }
  if (padded > 0)
    note (job, _("%s: %u codes had lost their leading zero and were padded (114 → 0114)"), table->name, padded);
}

static gboolean
add_geometry_areas (ImportJob  *job,
                    guint       index,
                    GError    **error)
{
  ImportInput *input = g_ptr_array_index (job->inputs, index);
  ImportGeometry *geometry = input->geometry;
  ImportLevelPlan *plan = &job->levels[geometry->level];
  g_autoptr(GHashTable) areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, atlas_import_area_free);
  guint padded = 0, converted = 0;
  GHashTableIter iter;
  gpointer code, value;

  if (!atlas_import_read_areas (geometry->path, geometry->layer, geometry->code_field, geometry->name_field,
                                NULL, areas, &padded, &converted, error))
    return FALSE;
  if (plan->geometry < 0)
    plan->geometry = (int) index;
  else
    note (job, _("%s: more borders for %s; where files share a code, the first file's shape is used"),
          input->name, level_names[geometry->level]);
  if (plan->geometries == NULL)
    plan->geometries = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (plan->geometries, index);
  g_hash_table_iter_init (&iter, areas);
  while (g_hash_table_iter_next (&iter, &code, &value))
    add_area (job, geometry->level, code, ((ImportArea *) value)->name)->has_geometry |=
      atlas_import_job_draws (job, code);
  if (plan->version == NULL && geometry->version != NULL)
    plan->version = g_strdup (geometry->version);
  if (padded > 0)
    note (job, _("%s: %u codes had lost their leading zero and were padded (380 → 0380)"), input->name, padded);
  if (converted > 0)
    note (job, _("%s: %u names were Latin-1 (no .cpg file) and were converted to UTF-8"), input->name, converted);
  return TRUE;
}

/* Kommun and län from the packaged borders: every kommun of each län the
 * package touches, so that small areas can be framed and aggregated. */
static gboolean
add_packaged_levels (ImportJob  *job,
                     GError    **error)
{
  g_autoptr(GHashTable) lan_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kommuner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, atlas_import_area_free);
  g_autoptr(GHashTable) lan = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, atlas_import_area_free);
  guint padded = 0, converted = 0;
  GHashTableIter iter;
  gpointer code, value;

  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    if (job->levels[l].areas != NULL)
      {
        g_hash_table_iter_init (&iter, job->levels[l].areas);
        while (g_hash_table_iter_next (&iter, &code, NULL))
          g_hash_table_add (lan_codes, g_strndup (code, 2));
      }
  if (!atlas_import_read_areas (atlas_import_packaged_borders (IMPORT_LEVEL_KOMMUN), NULL, "kommun_kod",
                                "kommun_namn", "lan_kod", kommuner, &padded, &converted, error) ||
      !atlas_import_read_areas (atlas_import_packaged_borders (IMPORT_LEVEL_LAN), NULL, "lan_kod",
                                "lan_namn", NULL, lan, &padded, &converted, error))
    return FALSE;

  g_hash_table_iter_init (&iter, kommuner);
  while (g_hash_table_iter_next (&iter, &code, &value))
    if (g_hash_table_contains (lan_codes, ((ImportArea *) value)->parent))
      add_area (job, IMPORT_LEVEL_KOMMUN, code, ((ImportArea *) value)->name)->has_geometry |= job->levels[IMPORT_LEVEL_KOMMUN].geometry < 0;
  g_hash_table_iter_init (&iter, lan);
  while (g_hash_table_iter_next (&iter, &code, &value))
    if (g_hash_table_contains (lan_codes, code))
      add_area (job, IMPORT_LEVEL_LAN, code, ((ImportArea *) value)->name)->has_geometry |= job->levels[IMPORT_LEVEL_LAN].geometry < 0;
  job->levels[IMPORT_LEVEL_KOMMUN].packaged = job->levels[IMPORT_LEVEL_KOMMUN].geometry < 0;
  job->levels[IMPORT_LEVEL_LAN].packaged = job->levels[IMPORT_LEVEL_LAN].geometry < 0;
  return TRUE;
}

/* DeSO under RegSO when the package has both and SCB's key links every
 * DeSO; otherwise each small area under its kommun, from its code. */
static ImportLevel
parent_level (ImportJob   *job,
              ImportKey   *key,
              ImportLevel  level)
{
  GHashTableIter iter;
  gpointer code;

  if (level == IMPORT_LEVEL_LAN)
    return IMPORT_LEVEL_NONE;
  /* RegSO to be dissolved from DeSO come from the key when no table has them. */
  if (level != IMPORT_LEVEL_DESO || key == NULL || key->parents[IMPORT_LEVEL_DESO] == NULL ||
      (!job->levels[IMPORT_LEVEL_REGSO].present && !g_hash_table_contains (job->dissolves, "regso")))
    return level == IMPORT_LEVEL_KOMMUN ? IMPORT_LEVEL_LAN : IMPORT_LEVEL_KOMMUN;

  g_hash_table_iter_init (&iter, job->levels[level].areas);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    if (!g_hash_table_contains (key->parents[IMPORT_LEVEL_DESO], code))
      {
        note (job, _("DeSO %s is not in SCB's key; every DeSO is placed under its kommun instead of a RegSO"),
              (char *) code);
        return IMPORT_LEVEL_KOMMUN;
      }
  return IMPORT_LEVEL_REGSO;
}

static void
link_parents (ImportJob *job,
              ImportKey *key)
{
  for (guint l = IMPORT_N_LEVELS - 1; l >= IMPORT_LEVEL_LAN; l--)
    {
      ImportLevelPlan *plan = &job->levels[l];
      GHashTableIter iter;
      gpointer code, value;

      if (!plan->present)
        continue;
      plan->parent = parent_level (job, key, (ImportLevel) l);
      g_hash_table_iter_init (&iter, plan->areas);
      while (g_hash_table_iter_next (&iter, &code, &value))
        {
          ImportArea *area = value;

          g_free (area->parent);
          area->parent = plan->parent == IMPORT_LEVEL_REGSO
                         ? g_strdup (g_hash_table_lookup (key->parents[IMPORT_LEVEL_DESO], code))
                         : atlas_import_parent_code (code, plan->parent);
          /* A parent the package lacks becomes an area without geometry. */
          if (area->parent != NULL && (job->levels[plan->parent].areas == NULL ||
                                       !g_hash_table_contains (job->levels[plan->parent].areas, area->parent)))
            add_area (job, plan->parent, area->parent,
                      key != NULL && key->names[plan->parent] != NULL
                      ? g_hash_table_lookup (key->names[plan->parent], area->parent) : NULL);
        }
    }
}

static gboolean
kommun_touched (GHashTable *touched,
                const char *code)
{
  char kommun[5];

  g_strlcpy (kommun, code, sizeof kommun);
  return g_hash_table_contains (touched, kommun);
}

/* Whether the level's areas fill each parent area: all 21 län fill
 * Sweden; small areas fill their kommun when SCB's key knows no others. */
static void
check_coverage (ImportJob *job,
                ImportKey *key)
{
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    {
      ImportLevelPlan *plan = &job->levels[l];
      GHashTable *known = key != NULL ? key->names[l] != NULL ? key->names[l] : key->parents[l] : NULL;
      g_autoptr(GHashTable) touched = NULL;
      GHashTableIter iter;
      gpointer code;
      guint missing = 0;

      if (!plan->present)
        continue;
      plan->covers_parent = l != IMPORT_LEVEL_LAN || g_hash_table_size (plan->areas) == 21;
      /* The key tells which areas exist only for its own version. */
      if (l < IMPORT_LEVEL_REGSO || known == NULL || g_strcmp0 (plan->version, key->version[l]) != 0)
        continue;
      /* Only kommuner with some of the level's areas can be partial. */
      touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, plan->areas);
      while (g_hash_table_iter_next (&iter, &code, NULL))
        g_hash_table_add (touched, g_strndup (code, 4));
      g_hash_table_iter_init (&iter, known);
      while (g_hash_table_iter_next (&iter, &code, NULL))
        missing += !g_hash_table_contains (plan->areas, code) && kommun_touched (touched, code);
      if (missing > 0)
        {
          plan->covers_parent = FALSE;
          note (job, _("%s: %u areas of the kommuner involved are missing (SCB's key lists them); "
                       "kommun values are not derived from this level"), level_names[l], missing);
        }
    }
}

static void
default_versions (ImportJob *job)
{
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    {
      ImportLevelPlan *plan = &job->levels[l];

      if (!plan->present || plan->version != NULL)
        continue;
      if (plan->packaged)
        plan->version = g_strdup_printf ("%s 2024", level_names[l]);
      else
        {
          plan->version = g_strdup (level_names[l]);
          note (job, _("%s: no division version in the files (such as “%s 2025”); the level is called “%s”"),
                level_names[l], level_names[l], level_names[l]);
        }
    }
}

/* ---- indicators ----------------------------------------------------------------- */

#define SPLIT G_MAXUINT

static gboolean
dim_matches (ImportDim  *dim,
             const char *name)
{
  return g_strcmp0 (dim->id, name) == 0 || g_strcmp0 (dim->label, name) == 0;
}

static int
find_value (ImportDim  *dim,
            const char *value)
{
  for (guint v = 0; v < dim->values->len; v++)
    if (g_str_equal (g_ptr_array_index (dim->values, v), value) ||
        g_str_equal (g_ptr_array_index (dim->texts, v), value))
      return (int) v;
  return -1;
}

/* Per dimension: the value kept (a total, a choice, the only one) or SPLIT. */
static guint *
choose_values (ImportJob    *job,
               ImportTable  *table,
               GError      **error)
{
  g_autofree guint *choice = g_new0 (guint, table->dims->len + 1);
  GHashTableIter iter;
  gpointer name, value;

  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);
      gboolean split = FALSE;
      int selected = -1;

      g_hash_table_iter_init (&iter, job->selections);
      while (g_hash_table_iter_next (&iter, &name, &value))
        if (dim_matches (dim, name) && (selected = find_value (dim, value)) < 0)
          {
            g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                         _("%s: the dimension “%s” has no value “%s”; expected one of its %u values (see the plan)"),
                         table->name, (char *) name, (char *) value, dim->values->len);
            return NULL;
          }
      g_hash_table_iter_init (&iter, job->splits);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        split = split || dim_matches (dim, name);

      if (selected >= 0)
        choice[d] = (guint) selected;
      else if (dim->values->len <= 1)
        choice[d] = 0;
      else if (!split && dim->total >= 0 && !dim->contents)
        choice[d] = (guint) dim->total;
      else
        choice[d] = SPLIT;
    }
  return g_steal_pointer (&choice);
}

static gboolean
is_generic (const char *name)
{
  return strchr (name, ' ') == NULL && g_utf8_strlen (name, -1) < 12;
}

static char *
indicator_name (ImportTable  *table,
                ImportSeries *series,
                const guint  *choice)
{
  GString *name = g_string_new (NULL);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      if (dim->contents)
        g_string_append (name, g_ptr_array_index (dim->texts, series->values[d]));
    }
  if (name->len == 0)
    g_string_append (name, table->subject != NULL ? table->subject : table->name);

  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);
      const char *text = g_ptr_array_index (dim->texts, series->values[d]);

      if (dim->contents)
        continue;
      if (choice[d] == SPLIT)
        g_string_append_printf (name, ", %s", text);
      else if (dim->values->len > 1)
        g_string_append_printf (kept, "%s%s: %s", kept->len > 0 ? ", " : "", dim->label, text);
    }
  if (is_generic (name->str) && kept->len > 0)
    g_string_append_printf (name, " (%s)", kept->str);
  return g_string_free (name, FALSE);
}

static char *
signature_of (guint         input,
              ImportTable  *table,
              ImportSeries *series,
              const guint  *choice)
{
  GString *signature = g_string_new (NULL);

  g_string_append_printf (signature, "%u", input);
  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      if (choice[d] == SPLIT || dim->contents)
        g_string_append_printf (signature, "|%s=%s", dim->id, (char *) g_ptr_array_index (dim->values, series->values[d]));
    }
  return g_string_free (signature, FALSE);
}

static char *
definition_of (ImportTable  *table,
               ImportSeries *series)
{
  GString *text = g_string_new (table->title != NULL ? table->title : table->name);

  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      if (!dim->contents)
        g_string_append_printf (text, "; %s: %s", dim->label, (char *) g_ptr_array_index (dim->texts, series->values[d]));
    }
  g_string_append_c (text, '.');
  if (table->reference_time != NULL)
    g_string_append_printf (text, " Referenstid: %s.", table->reference_time);
  return g_string_free (text, FALSE);
}

static char *
source_of_table (ImportTable *table)
{
  /* Package texts are Swedish data, whatever the interface language. */
  GString *source = g_string_new (table->source != NULL ? table->source : "okänd källa");

  /* "Källa: SCB, Statistikdatabasen, tabell 000006TA" as figures print it. */
  if (g_str_equal (table->format, "scb-csv") || g_str_equal (table->format, "scb-xlsx"))
    g_string_append (source, ", Statistikdatabasen");
  if (table->reference != NULL)
    g_string_append_printf (source, ", tabell %s", table->reference);
  if (table->updated != NULL)
    g_string_append_printf (source, ", uppdaterad %s", table->updated);
  g_string_append_printf (source, "; fil %s", table->name);
  return g_string_free (source, FALSE);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return strstr (haystack, needle) != NULL;
}

/* The unit from SCB's "Sort" footnote and the contents' own words. */
static void
infer_unit (ImportIndicator *ind,
            ImportTable     *table,
            const char      *contents)
{
  const char *word = contents != NULL ? g_hash_table_lookup (table->units, contents) : NULL;
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  if (word == NULL)
    word = g_hash_table_lookup (table->units, "*");
  joined = g_strconcat (ind->name, " ", word != NULL ? word : "", NULL);
  text = g_utf8_casefold (joined, -1);
  ind->scale = 1;
  ind->rule = g_strdup ("none");
  if (contains (text, "områdestyp") || contains (text, "omradestyp"))
    ind->unit = g_strdup ("category"), g_free (ind->rule), ind->rule = g_strdup ("category");
  else if (contains (text, "procent") || contains (text, "andel") || contains (text, "%"))
    ind->unit = g_strdup ("percent"), ind->decimals = 1;
  else if (contains (text, "tkr") || contains (text, " kr") || contains (text, "kronor") || contains (text, "inkomst"))
    {
      ind->unit = g_strdup ("SEK");
      if (contains (text, "tkr"))
        ind->scale = 1000;
      if (contains (text, "medel"))
        g_free (ind->rule), ind->rule = g_strdup ("weighted-mean");
    }
  else if (contains (text, "antal") || contains (text, "folkmängd") || contains (text, "befolkning") ||
           contains (text, "personer") || contains (text, "lägenheter") || contains (text, "bef_"))
    {
      ind->unit = g_strdup ("count");
      g_free (ind->rule), ind->rule = g_strdup ("sum");
    }
  else
    ind->unit = g_strdup ("index"), ind->decimals = 2;
  if (g_str_equal (ind->unit, "percent"))
    g_free (ind->rule), ind->rule = g_strdup ("weighted-mean");
}

static gint
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* "Områdestyp 1 – områden med …" lines of the footnotes, else the codes. */
static void
find_categories (ImportIndicator *ind,
                 ImportTable     *table,
                 guint            series)
{
  ind->categories = g_array_new (FALSE, FALSE, sizeof (int));
  ind->category_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < table->cells->len; c++)
    {
      ImportCell *cell = &g_array_index (table->cells, ImportCell, c);
      int code = (int) cell->value;
      gboolean known = FALSE;

      if (cell->series != series || isnan (cell->value) || code != cell->value)
        continue;
      for (guint i = 0; i < ind->categories->len; i++)
        known = known || g_array_index (ind->categories, int, i) == code;
      if (known || ind->categories->len >= 20)
        continue;
      g_array_append_val (ind->categories, code);
    }
  g_array_sort (ind->categories, compare_ints);
  for (guint i = 0; i < ind->categories->len; i++)
    {
      int code = g_array_index (ind->categories, int, i);
      g_autofree char *mark = g_strdup_printf (" %d – ", code);
      char *label = NULL;

      for (guint f = 0; f < table->footnotes->len && label == NULL; f++)
        {
          const char *text = g_ptr_array_index (table->footnotes, f);
          const char *at = strstr (text, mark);

          if (at != NULL)
            label = g_strstrip (g_strndup (at + strlen (mark), strcspn (at + strlen (mark), "\r\n")));
        }
      g_ptr_array_add (ind->category_labels, label != NULL ? label : g_strdup_printf ("%d", code));
    }
}

static char *
unique_id (ImportJob  *job,
           const char *name)
{
  g_autofree char *base = atlas_import_slug (name);
  char *id = g_strdup (base);

  for (guint n = 2; ; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < job->indicators->len && !taken; i++)
        taken = g_strcmp0 (((ImportIndicator *) g_ptr_array_index (job->indicators, i))->id, id) == 0;
      if (!taken)
        return id;
      g_free (id);
      id = g_strdup_printf ("%s_%u", base, n);
    }
}

static const char *
contents_text (ImportTable  *table,
               ImportSeries *series)
{
  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      if (dim->contents)
        return g_ptr_array_index (dim->values, series->values[d]);
    }
  return NULL;
}

static ImportIndicator *
plan_indicator (ImportJob   *job,
                guint        input,
                ImportTable *table,
                guint        s,
                const guint *choice)
{
  ImportSeries *series = g_ptr_array_index (table->series, s);
  ImportIndicator *ind = g_new0 (ImportIndicator, 1);

  ind->input = input;
  ind->series = s;
  ind->name = indicator_name (table, series, choice);
  ind->signature = signature_of (input, table, series, choice);
  ind->definition = definition_of (table, series);
  ind->source = source_of_table (table);
  ind->reference_time = g_strdup (table->reference_time);
  infer_unit (ind, table, contents_text (table, series));
  if (g_str_equal (ind->unit, "category"))
    find_categories (ind, table, s);
  if (ind->scale != 1)
    note (job, _("%s: “%s” is in thousands of kronor (tkr); stored in kronor (× 1000)"), table->name, ind->name);
  return ind;
}

/* Shares and means are weighted by a count of the same table: the one
 * called total ("totalt", "personer") first. */
static void
choose_weights (ImportJob       *job,
                ImportIndicator *ind)
{
  ImportIndicator *weight = NULL;

  if (!g_str_equal (ind->rule, "weighted-mean") || ind->weight != NULL)
    return;
  for (guint pass = 0; pass < 2 && weight == NULL; pass++)
    for (guint j = 0; j < job->indicators->len && weight == NULL; j++)
      {
        ImportIndicator *other = g_ptr_array_index (job->indicators, j);
        g_autofree char *folded = g_utf8_casefold (other->name, -1);

        if (g_str_equal (other->unit, "count") && other->input == ind->input &&
            (pass == 1 || contains (folded, "totalt") || contains (folded, "personer")))
          weight = other;
      }
  if (weight != NULL)
    {
      ind->weight = g_strdup (weight->id);
      return;
    }
  g_free (ind->rule);
  ind->rule = g_strdup ("none");
  note (job, _("“%s”: no count in the same table to weight it by; parents get no derived value"), ind->name);
}

static gboolean
plan_table_indicators (ImportJob    *job,
                       guint         input,
                       ImportTable  *table,
                       GError      **error)
{
  g_autofree guint *choice = choose_values (job, table, error);
  guint first = job->indicators->len;

  if (choice == NULL)
    return FALSE;
  for (guint s = 0; s < table->series->len; s++)
    {
      ImportSeries *series = g_ptr_array_index (table->series, s);
      gboolean wanted = TRUE;

      for (guint d = 0; d < table->dims->len; d++)
        wanted = wanted && (choice[d] == SPLIT || choice[d] == series->values[d]);
      if (wanted)
        g_ptr_array_add (job->indicators, plan_indicator (job, input, table, s, choice));
    }
  if (job->indicators->len == first)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_VALUES,
                   _("%s: no column matches the chosen dimension values; expected at least one"), table->name);
      return FALSE;
    }
  return TRUE;
}

static ImportIndicator *
find_indicator (ImportJob  *job,
                const char *id,
                guint      *index)
{
  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);

      if (g_str_equal (ind->id, id))
        {
          if (index != NULL)
            *index = i;
          return ind;
        }
    }
  return NULL;
}

/* "andel_sysselsatta=antal_sysselsatta/antal_totalt": a percentage. */
static gboolean
plan_share (ImportJob   *job,
            const char  *share,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit_set (share, "=/", 3);
  ImportIndicator *count, *total, *ind;

  count = g_strv_length (parts) == 3 ? find_indicator (job, parts[1], NULL) : NULL;
  total = count != NULL ? find_indicator (job, parts[2], NULL) : NULL;
  if (total == NULL || find_indicator (job, parts[0], NULL) != NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                   _("--share %s: expected NEW_ID=COUNT_ID/TOTAL_ID with the ids of two indicators of the plan "
                     "and a new id"), share);
      return FALSE;
    }
  ind = g_new0 (ImportIndicator, 1);
  ind->id = atlas_import_slug (parts[0]);
  ind->name = g_strdup_printf ("%s, andel av %s", count->name, total->name);
  if (g_hash_table_lookup (job->renames, ind->id) != NULL)
    g_free (ind->name), ind->name = g_strdup (g_hash_table_lookup (job->renames, ind->id));
  ind->unit = g_strdup ("percent");
  ind->decimals = 1;
  ind->scale = 1;
  ind->rule = g_strdup ("weighted-mean");
  ind->weight = g_strdup (total->id);
  /* The count's own definition carries the table and reference time. */
  ind->definition = g_strdup_printf ("100 × ”%s” / ”%s”, beräknat av Platsatlas ur värdena i paketet. Ur: %s",
                                     count->name, total->name, count->definition);
  ind->reference_time = g_strdup (count->reference_time);
  ind->source = g_strdup (count->source);
  ind->input = G_MAXUINT;
  ind->signature = g_strdup_printf ("share|%s", share);
  ind->share_count = g_strdup (count->id);
  ind->share_total = g_strdup (total->id);
  g_ptr_array_add (job->indicators, ind);
  return TRUE;
}

/* Sources and definitions of the parts, each once, in order. */
static char *
join_unique (ImportIndicator **parts,
             guint             n,
             gboolean          sources,
             const char       *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *part = sources ? parts[i]->source : parts[i]->definition;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_strcmp0 (sources ? parts[j]->source : parts[j]->definition, part) == 0;
      if (!seen && part != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? separator : "", part);
    }
  return g_string_free (text, FALSE);
}

static gboolean
derived_error (const char  *option,
               const char  *spec,
               const char  *expected,
               GError     **error)
{
  g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
               _("%s %s: expected %s, with the ids of indicators of the plan (see --plan) and a new id"),
               option, spec, expected);
  return FALSE;
}

/* The parts of "new=a+b-c" (a sum) or "new=a,b" (a merge): ids with
 * their signs, or NULL when one is not an indicator of the plan. */
static ImportIndicator **
find_terms (ImportJob   *job,
            const char  *terms,
            gboolean     merge,
            GStrv       *signed_ids,
            guint       *n)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *at = terms;

  while (*at != '\0')
    {
      char sign = merge ? ',' : (*at == '-' ? '-' : '+');
      gsize len;
      g_autofree char *id = NULL;
      ImportIndicator *part;

      if (*at == '+' || *at == '-' || *at == ',')
        at++;
      len = strcspn (at, merge ? "," : "+-");
      id = g_strstrip (g_strndup (at, len));
      part = find_indicator (job, id, NULL);
      if (part == NULL || (!merge && !g_str_equal (part->unit, "count")))
        return NULL;
      g_ptr_array_add (parts, part);
      {
        g_autofree char *term = merge ? g_strdup (id) : g_strdup_printf ("%c%s", sign, id);

        g_strv_builder_add (ids, term);
      }
      at += len;
    }
  if (parts->len < (merge ? 2u : 1u))
    return NULL;
  *signed_ids = g_strv_builder_end (ids);
  *n = parts->len;
  return (ImportIndicator **) g_ptr_array_steal (parts, NULL);
}

/* "barn_0_19=a+b+c+d" (a count from counts; "-" subtracts) or
 * "folkmangd=a,b,c" (one indicator from several tables or levels: for
 * each area and year the first part with a value gives it). */
static gboolean
plan_derived (ImportJob   *job,
              const char  *spec,
              gboolean     merge,
              GError     **error)
{
  const char *option = merge ? "--merge" : "--sum";
  const char *expected = merge ? "NEW_ID=ID1,ID2,…" : "NEW_ID=COUNT_ID1+COUNT_ID2-COUNT_ID3…";
  const char *eq = strchr (spec, '=');
  g_autofree char *given = eq != NULL ? g_strndup (spec, eq - spec) : NULL;
  g_autofree char *id = given != NULL ? atlas_import_slug (given) : NULL;
  g_autofree ImportIndicator **parts = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *joined = NULL;
  ImportIndicator *ind;
  GStrv terms = NULL;
  guint n = 0;

  if (id == NULL || *id == '\0' || find_indicator (job, id, NULL) != NULL ||
      (parts = find_terms (job, eq + 1, merge, &terms, &n)) == NULL)
    return derived_error (option, spec, expected, error);
  ind = g_new0 (ImportIndicator, 1);
  ind->id = g_steal_pointer (&id);
  ind->terms = terms;
  ind->merge = merge;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (name, "%s%s", i == 0 ? "" : merge ? " / " : terms[i][0] == '-' ? " − " : " + ",
                            parts[i]->name);
  ind->name = g_strdup (g_hash_table_lookup (job->renames, ind->id) != NULL
                        ? g_hash_table_lookup (job->renames, ind->id) : name->str);
  ind->unit = g_strdup (parts[0]->unit);
  ind->unit_label = g_strdup (parts[0]->unit_label);
  ind->decimals = parts[0]->decimals;
  ind->scale = 1;
  ind->rule = g_strdup (merge ? parts[0]->rule : "sum");
  ind->weight = g_strdup (merge ? parts[0]->weight : NULL);
  joined = join_unique (parts, n, FALSE, " ");
  /* Package texts are Swedish data, whatever the interface language. */
  ind->definition = merge ? g_steal_pointer (&joined)
                          : g_strdup_printf ("Summa beräknad av Platsatlas: %s. Ur: %s", name->str, joined);
  ind->source = join_unique (parts, n, TRUE, " och ");
  ind->reference_time = g_strdup (parts[0]->reference_time);
  if (merge && parts[0]->categories != NULL)
    {
      ind->categories = g_array_ref (parts[0]->categories);
      ind->category_labels = g_ptr_array_ref (parts[0]->category_labels);
    }
  ind->input = G_MAXUINT;
  ind->signature = g_strdup_printf ("%s|%s", merge ? "merge" : "sum", spec);
  g_ptr_array_add (job->indicators, ind);
  return TRUE;
}

/* --drop: helpers of sums, merges and shares that the package leaves out;
 * an indicator that is kept must not be weighted by one. */
static gboolean
plan_drops (ImportJob  *job,
            GError    **error)
{
  g_autoptr(GPtrArray) ids = atlas_import_keys (job->drops);

  for (guint i = 0; i < ids->len; i++)
    {
      ImportIndicator *ind = find_indicator (job, g_ptr_array_index (ids, i), NULL);

      if (ind == NULL)
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                       _("--drop %s: no such indicator; expected an id of the plan (see --plan)"),
                       (char *) g_ptr_array_index (ids, i));
          return FALSE;
        }
      ind->dropped = TRUE;
    }
  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);
      ImportIndicator *weight = ind->weight != NULL ? find_indicator (job, ind->weight, NULL) : NULL;

      if (!ind->dropped && weight != NULL && weight->dropped)
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                       _("--drop %s: “%s” is weighted by it; expected the weight to stay in the package"),
                       weight->id, ind->id);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- values ---------------------------------------------------------------------- */

static double *
row_of (ImportJob  *job,
        int         year,
        const char *code)
{
  g_autofree char *key = g_strdup_printf ("%d\t%s", year, code);
  double *row = g_hash_table_lookup (job->values, key);

  if (row == NULL)
    {
      row = g_new (double, job->indicators->len);
      for (guint i = 0; i < job->indicators->len; i++)
        row[i] = NAN;
      g_hash_table_insert (job->values, g_steal_pointer (&key), row);
    }
  return row;
}

static void
add_year (ImportJob *job,
          int        year)
{
  for (guint i = 0; i < job->years->len; i++)
    if (g_array_index (job->years, int, i) == year)
      return;
  g_array_append_val (job->years, year);
}

static gboolean
fill_values (ImportJob  *job,
             guint       input,
             GError    **error)
{
  ImportTable *table = value_table (job, input);
  GPtrArray *codes = g_ptr_array_index (job->codes, input);
  g_autofree int *indicator_of = g_new (int, table->series->len + 1);
  guint duplicates = 0;

  for (guint s = 0; s < table->series->len; s++)
    indicator_of[s] = -1;
  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);

      if (ind->input == input)
        indicator_of[ind->series] = (int) i;
    }
  for (guint c = 0; c < table->cells->len; c++)
    {
      ImportCell *cell = &g_array_index (table->cells, ImportCell, c);
      const char *code = g_ptr_array_index (codes, cell->key);
      int i = indicator_of[cell->series];
      double *row;

      if (code == NULL || i < 0 || atlas_import_code_level (code) == IMPORT_LEVEL_NONE)
        continue;
      if (cell->year == 0)
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_YEAR,
                       _("%s: values without a year; expected a time dimension (Tid) or a year in the header"),
                       table->name);
          return FALSE;
        }
      add_year (job, cell->year);
      row = row_of (job, cell->year, code);
      if (!isnan (row[i]))
        duplicates++;
      else if (!isnan (cell->value))
        row[i] = cell->value * ((ImportIndicator *) g_ptr_array_index (job->indicators, i))->scale;
    }
  if (duplicates > 0)
    note (job, _("%s: %u values repeated an area, year and indicator; the first was kept"), table->name, duplicates);
  return TRUE;
}

static double
derived_value (ImportIndicator *ind,
               const guint     *index,
               const double    *v)
{
  double sum = 0;

  for (guint t = 0; ind->terms[t] != NULL; t++)
    {
      if (ind->merge && !isnan (v[index[t]]))
        return v[index[t]];
      if (!ind->merge)
        sum += (ind->terms[t][0] == '-' ? -1 : 1) * v[index[t]];
    }
  return ind->merge ? NAN : sum;
}

/* Sums, merges and shares, in the order they were planned: a share may
 * use a merge, a merge a sum. */
static void
fill_derived (ImportJob *job)
{
  GHashTableIter iter;
  gpointer row;

  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);
      guint count = 0, total = 0;
      g_autofree guint *index = NULL;

      if (ind->share_count == NULL && ind->terms == NULL)
        continue;
      if (ind->terms != NULL)
        {
          index = g_new0 (guint, g_strv_length (ind->terms) + 1);
          for (guint t = 0; ind->terms[t] != NULL; t++)
            find_indicator (job, ind->terms[t] + (ind->merge ? 0 : 1), &index[t]);
        }
      else
        {
          find_indicator (job, ind->share_count, &count);
          find_indicator (job, ind->share_total, &total);
        }
      g_hash_table_iter_init (&iter, job->values);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        {
          double *v = row;

          if (index != NULL)
            v[i] = derived_value (ind, index, v);
          else if (!isnan (v[count]) && !isnan (v[total]) && v[total] > 0)
            v[i] = 100.0 * v[count] / v[total];
        }
    }
}

/* ---- the whole plan ----------------------------------------------------------------- */

static void
start_plan (ImportJob *job)
{
  atlas_import_job_reset_plan (job);
  job->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_import_input_free);
  job->indicators = g_ptr_array_new_with_free_func (indicator_free);
  job->years = g_array_new (FALSE, FALSE, sizeof (int));
  job->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->notes = g_ptr_array_new_with_free_func (g_free);
  job->unmatched = g_ptr_array_new_with_free_func (g_free);
  job->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

static gboolean
plan_areas (ImportJob  *job,
            GError    **error)
{
  ImportKey *key = find_key (job);

  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportTable *table = value_table (job, i);
      GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (job->codes, codes);
      if (table != NULL && ((ImportInput *) g_ptr_array_index (job->inputs, i))->kind != INPUT_GEOMETRY)
        resolve_table (job, key, table, codes);
      else if (table != NULL)
        for (guint k = 0; k < table->keys->len; k++)
          g_ptr_array_add (codes, g_strdup (g_ptr_array_index (table->keys, k)));
    }
  for (guint i = 0; i < job->inputs->len; i++)
    if (((ImportInput *) g_ptr_array_index (job->inputs, i))->kind == INPUT_GEOMETRY &&
        !add_geometry_areas (job, i, error))
      return FALSE;
  if (!add_packaged_levels (job, error))
    return FALSE;
  link_parents (job, key);
  check_coverage (job, key);
  default_versions (job);
  return TRUE;
}

/* --dissolve regso: the level's borders are the union of its children's
 * (RegSO from DeSO with SCB's key); an area is drawn when one of its
 * children is. */
static gboolean
plan_dissolves (ImportJob  *job,
                GError    **error)
{
  g_autoptr(GPtrArray) ids = atlas_import_keys (job->dissolves);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      ImportLevel level = IMPORT_LEVEL_NONE, child = IMPORT_LEVEL_NONE;
      GHashTableIter iter;
      gpointer value;

      for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
        if (job->levels[l].present && g_str_equal (atlas_import_level_id ((ImportLevel) l), id))
          level = (ImportLevel) l;
      for (guint l = IMPORT_LEVEL_LAN; level != IMPORT_LEVEL_NONE && l < IMPORT_N_LEVELS; l++)
        if (job->levels[l].present && job->levels[l].parent == level && job->levels[l].geometry >= 0)
          child = (ImportLevel) l;
      if (child == IMPORT_LEVEL_NONE || job->levels[level].geometry >= 0 || job->levels[level].packaged)
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                       _("--dissolve %s: expected a level of the package without borders of its own, "
                         "with a level below it that has borders and names it as parent"), id);
          return FALSE;
        }
      job->levels[level].dissolved = TRUE;
      g_hash_table_iter_init (&iter, job->levels[child].areas);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ImportArea *area = value;
          ImportArea *parent = area->parent != NULL ? g_hash_table_lookup (job->levels[level].areas, area->parent) : NULL;

          if (area->has_geometry && parent != NULL)
            parent->has_geometry = TRUE;
        }
      note (job, _("%s: borders dissolved from %s, each area the union of the areas below it"),
            level_names[level], level_names[child]);
    }
  return TRUE;
}

/* Tables often share a subject ("Folkmängden per region"): such names
 * get their table's reference (000005FC) or file name. */
static void
tell_apart (ImportJob *job)
{
  g_autofree gboolean *shared = g_new0 (gboolean, job->indicators->len + 1);

  for (guint i = 0; i < job->indicators->len; i++)
    for (guint j = i + 1; j < job->indicators->len; j++)
      {
        ImportIndicator *a = g_ptr_array_index (job->indicators, i);
        ImportIndicator *b = g_ptr_array_index (job->indicators, j);

        if (a->input != b->input && g_str_equal (a->name, b->name))
          shared[i] = shared[j] = TRUE;
      }
  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);
      ImportInput *input = g_ptr_array_index (job->inputs, ind->input);
      char *name;

      if (!shared[i])
        continue;
      name = g_strdup_printf ("%s (%s)", ind->name,
                              input->table->reference != NULL ? input->table->reference : input->name);
      g_free (ind->name);
      ind->name = name;
    }
}

/* Ids from the recipe, else from the names; then the names chosen. */
static void
assign_ids (ImportJob *job)
{
  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);
      const char *id = g_hash_table_lookup (job->recipe_ids, ind->signature);
      const char *rename;

      ind->id = id != NULL ? g_strdup (id) : unique_id (job, ind->name);
      rename = g_hash_table_lookup (job->renames, ind->id);
      if (rename != NULL)
        g_free (ind->name), ind->name = g_strdup (rename);
    }
}

static gboolean
plan_indicators (ImportJob  *job,
                 GError    **error)
{
  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportTable *table = value_table (job, i);

      if (table != NULL && table->cells->len > 0 && !plan_table_indicators (job, i, table, error))
        return FALSE;
    }
  tell_apart (job);
  assign_ids (job);
  for (guint i = 0; i < job->indicators->len; i++)
    choose_weights (job, (ImportIndicator *) g_ptr_array_index (job->indicators, i));
  for (guint i = 0; i < job->sums->len; i++)
    if (!plan_derived (job, g_ptr_array_index (job->sums, i), FALSE, error))
      return FALSE;
  for (guint i = 0; i < job->merges->len; i++)
    if (!plan_derived (job, g_ptr_array_index (job->merges, i), TRUE, error))
      return FALSE;
  for (guint i = 0; i < job->shares->len; i++)
    if (!plan_share (job, g_ptr_array_index (job->shares, i), error))
      return FALSE;
  if (!plan_drops (job, error))
    return FALSE;
  if (job->indicators->len == 0)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_VALUES,
                   _("no values to package: no statistics file, and no yearly number field in the geometry; "
                     "expected at least one statistics file"));
      return FALSE;
    }
  return TRUE;
}

/**
 * atlas_import_plan:
 *
 * Reads every input and makes the plan: levels, areas, indicators and
 * values, with notes on what was changed or assumed.
 */
gboolean
atlas_import_plan (ImportJob     *job,
                   GCancellable  *cancellable,
                   GError       **error)
{
  start_plan (job);
  if (!read_inputs (job, cancellable, error) || !add_default_key (job, cancellable, error))
    return FALSE;
  if (!plan_areas (job, error) || !plan_dissolves (job, error) || !plan_indicators (job, error))
    return FALSE;
  for (guint i = 0; i < job->inputs->len; i++)
    if (value_table (job, i) != NULL && !fill_values (job, i, error))
      return FALSE;
  fill_derived (job);
  g_array_sort (job->years, compare_ints);
  if (job->unmatched->len > 0)
    note (job, _("%u rows have a “Kommun (område)” label that SCB's key does not know, such as “%s”; they are left out"),
          job->unmatched->len, (char *) g_ptr_array_index (job->unmatched, 0));
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
