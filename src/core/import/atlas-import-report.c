/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-error.h"
#include "atlas-import-private.h"

/* The plan, the report and the recipe, as JSON. */

static const char *const kind_names[] = { "statistics", "geometry", "key" };

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_dims (JsonBuilder *b,
          ImportTable *table)
{
  json_builder_set_member_name (b, "dimensions");
  json_builder_begin_array (b);
  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      json_builder_begin_object (b);
      add_string (b, "id", dim->id);
      add_string (b, "label", dim->label);
      json_builder_set_member_name (b, "contents");
      json_builder_add_boolean_value (b, dim->contents);
      add_string (b, "total", dim->total >= 0 ? g_ptr_array_index (dim->values, dim->total) : NULL);
      add_int (b, "total_index", dim->total);
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint v = 0; v < dim->values->len && v < 200; v++)
        json_builder_add_string_value (b, g_ptr_array_index (dim->texts, v));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static guint
count_matched (ImportJob *job,
               guint      input)
{
  GPtrArray *codes = input < job->codes->len ? g_ptr_array_index (job->codes, input) : NULL;
  guint n = 0;

  for (guint k = 0; codes != NULL && k < codes->len; k++)
    n += g_ptr_array_index (codes, k) != NULL;
  return n;
}

static void
add_inputs (JsonBuilder *b,
            ImportJob   *job)
{
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);

      json_builder_begin_object (b);
      add_string (b, "file", input->file);
      add_string (b, "kind", kind_names[input->kind]);
      if (input->geometry != NULL)
        {
          add_string (b, "level", atlas_import_level_id (input->geometry->level));
          add_string (b, "code_field", input->geometry->code_field);
          add_string (b, "name_field", input->geometry->name_field);
          add_int (b, "features", input->geometry->n_features);
        }
      if (input->table != NULL && input->kind != INPUT_GEOMETRY)
        {
          add_string (b, "format", input->table->format);
          add_string (b, "title", input->table->title);
          add_int (b, "keys", input->table->keys->len);
          add_int (b, "matched", count_matched (job, i));
          add_dims (b, input->table);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_indicators (JsonBuilder *b,
                ImportJob   *job)
{
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);

      json_builder_begin_object (b);
      add_string (b, "id", ind->id);
      add_string (b, "name", ind->name);
      add_string (b, "unit", ind->unit);
      add_string (b, "rule", ind->rule);
      add_string (b, "weight", ind->weight);
      add_string (b, "source", ind->source);
      add_string (b, "match", ind->signature);
      json_builder_set_member_name (b, "dropped");
      json_builder_add_boolean_value (b, ind->dropped);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
aggregates (ImportIndicator *ind)
{
  return g_strcmp0 (ind->rule, "sum") == 0 || g_strcmp0 (ind->rule, "weighted-mean") == 0;
}

/* Codes with values at least once, any year. */
static GHashTable *
codes_with_values (ImportJob *job)
{
  GHashTable *codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) combined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, job->values);
  while (g_hash_table_iter_next (&iter, &key, &row))
    for (guint i = 0; i < job->indicators->len; i++)
      if (!isnan (((double *) row)[i]))
        {
          g_hash_table_add (codes, g_strdup (strchr (key, '\t') + 1));
          if (aggregates (g_ptr_array_index (job->indicators, i)))
            g_hash_table_add (combined, g_strdup (strchr (key, '\t') + 1));
        }
  /* An area whose sub-areas have values that add up (not medians or
   * categories) gets derived ones. */
  for (guint l = IMPORT_N_LEVELS - 1; l > IMPORT_LEVEL_LAN; l--)
    {
      ImportLevelPlan *plan = &job->levels[l];
      GHashTableIter areas;
      gpointer code, area;

      if (!plan->present)
        continue;
      g_hash_table_iter_init (&areas, plan->areas);
      while (g_hash_table_iter_next (&areas, &code, &area))
        if (((ImportArea *) area)->parent != NULL && g_hash_table_contains (combined, code))
          {
            g_hash_table_add (codes, g_strdup (((ImportArea *) area)->parent));
            g_hash_table_add (combined, g_strdup (((ImportArea *) area)->parent));
          }
    }
  return codes;
}

static void
add_level (JsonBuilder *b,
           ImportJob   *job,
           ImportLevel  level,
           GHashTable  *valued)
{
  ImportLevelPlan *plan = &job->levels[level];
  guint drawn = 0, with_values = 0, no_geometry = 0, no_values = 0;
  GHashTableIter iter;
  gpointer code, value;

  g_hash_table_iter_init (&iter, plan->areas);
  while (g_hash_table_iter_next (&iter, &code, &value))
    {
      ImportArea *area = value;
      gboolean has_values = g_hash_table_contains (valued, code);

      drawn += area->has_geometry;
      with_values += has_values;  /* stored or derived */
      no_geometry += has_values && !area->has_geometry;
      /* Packaged borders frame the package: not every kommun has data. */
      no_values += area->has_geometry && !has_values && !plan->packaged;
    }
  json_builder_begin_object (b);
  add_string (b, "id", atlas_import_level_id (level));
  add_string (b, "version", plan->version);
  add_string (b, "parent", plan->parent != IMPORT_LEVEL_NONE ? atlas_import_level_id (plan->parent) : "riket");
  add_string (b, "geometry", plan->packaged ? "packaged kommun/län borders" : plan->dissolved ? "dissolved from the level below"
                             : plan->geometry >= 0 ? ((ImportInput *) g_ptr_array_index (job->inputs, plan->geometry))->name
                             : NULL);
  add_int (b, "geometry_files", plan->geometries != NULL ? plan->geometries->len : (guint) plan->packaged);
  add_int (b, "areas", g_hash_table_size (plan->areas));
  add_int (b, "drawn", drawn);
  add_int (b, "with_values", with_values);
  add_int (b, "codes_without_geometry", no_geometry);
  add_int (b, "geometry_without_values", no_values);
  json_builder_set_member_name (b, "covers_parent");
  json_builder_add_boolean_value (b, plan->covers_parent);
  json_builder_end_object (b);
}

static void
add_levels (JsonBuilder *b,
            ImportJob   *job)
{
  g_autoptr(GHashTable) valued = codes_with_values (job);

  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    if (job->levels[l].present)
      add_level (b, job, (ImportLevel) l, valued);
  json_builder_end_array (b);
}

static void
add_strings (JsonBuilder *b,
             const char  *member,
             GPtrArray   *strings,
             guint        limit)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < strings->len && i < limit; i++)
    json_builder_add_string_value (b, g_ptr_array_index (strings, i));
  json_builder_end_array (b);
}

static void
add_years (JsonBuilder *b,
           ImportJob   *job)
{
  json_builder_set_member_name (b, "years");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->years->len; i++)
    json_builder_add_int_value (b, g_array_index (job->years, int, i));
  json_builder_end_array (b);
}

JsonNode *
atlas_import_build_plan (ImportJob *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_inputs (b, job);
  add_levels (b, job);
  add_indicators (b, job);
  add_years (b, job);
  add_strings (b, "changes", job->notes, G_MAXUINT);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_validation (JsonBuilder *b,
                GPtrArray   *problems)
{
  json_builder_set_member_name (b, "validation");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, problems->len == 0);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = atlas_problem_to_string (g_ptr_array_index (problems, i));

      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
atlas_import_build_report (ImportJob  *job,
                           const char *directory,
                           GPtrArray  *problems)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "package", directory);
  add_inputs (b, job);
  add_levels (b, job);
  add_indicators (b, job);
  add_years (b, job);
  add_int (b, "unmatched", job->unmatched->len);
  add_strings (b, "unmatched_examples", job->unmatched, 10);
  add_strings (b, "changes", job->notes, G_MAXUINT);
  add_validation (b, problems);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- the report as text ---------------------------------------------------------- */

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static void
format_inputs (GString   *text,
               JsonArray *inputs)
{
  g_string_append_printf (text, "%s\n", _("Files:"));
  for (guint i = 0; i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);
      g_autofree char *name = g_path_get_basename (member_string (input, "file"));
      const char *kind = member_string (input, "kind");

      if (g_str_equal (kind, "statistics"))
        g_string_append_printf (text, _("  %s: statistics (%s), %u area keys, %u matched to area codes\n"),
                                name, member_string (input, "format"),
                                (guint) json_object_get_int_member (input, "keys"), (guint) json_object_get_int_member (input, "matched"));
      else if (g_str_equal (kind, "geometry"))
        g_string_append_printf (text, _("  %s: geometry, %u features, codes in “%s” (%s)\n"),
                                name, (guint) json_object_get_int_member (input, "features"),
                                member_string (input, "code_field"), member_string (input, "level"));
      else
        g_string_append_printf (text, _("  %s: SCB's area key (codes, names, parents)\n"), name);
    }
}

static void
format_levels (GString   *text,
               JsonArray *levels)
{
  g_string_append_printf (text, "%s\n", _("Levels:"));
  for (guint i = 0; i < json_array_get_length (levels); i++)
    {
      JsonObject *level = json_array_get_object_element (levels, i);

      g_string_append_printf (text, _("  %s (%s, under %s): %u areas, %u drawn, "
                                      "%u with values; codes without geometry: %u; "
                                      "geometry without values: %u\n"),
                              member_string (level, "id"), member_string (level, "version"),
                              member_string (level, "parent"),
                              (guint) json_object_get_int_member (level, "areas"),
                              (guint) json_object_get_int_member (level, "drawn"),
                              (guint) json_object_get_int_member (level, "with_values"),
                              (guint) json_object_get_int_member (level, "codes_without_geometry"),
                              (guint) json_object_get_int_member (level, "geometry_without_values"));
    }
}

static void
format_list (GString    *text,
             const char *heading,
             JsonArray  *items,
             const char *prefix)
{
  if (json_array_get_length (items) == 0)
    return;
  g_string_append_printf (text, "%s\n", heading);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_string_append_printf (text, "  %s%s\n", prefix, json_array_get_string_element (items, i));
}

static void
format_indicators (GString   *text,
                   JsonArray *indicators)
{
  g_string_append_printf (text, "%s\n", _("Indicators:"));
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, i);
      const char *weight = member_string (ind, "weight");

      g_string_append_printf (text, "  %s: %s [%s, %s%s%s]%s\n", member_string (ind, "id"), member_string (ind, "name"),
                              member_string (ind, "unit"), member_string (ind, "rule"),
                              weight != NULL ? " " : "", weight != NULL ? weight : "",
                              json_object_get_boolean_member_with_default (ind, "dropped", FALSE)
                              ? _(" (left out: --drop)") : "");
    }
}

char *
atlas_import_format_report (JsonNode *report)
{
  JsonObject *root = json_node_get_object (report);
  JsonObject *validation = json_object_get_object_member (root, "validation");
  JsonArray *problems = json_object_get_array_member (validation, "problems");
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Package written: %s\n"), member_string (root, "package"));
  format_inputs (text, json_object_get_array_member (root, "inputs"));
  format_levels (text, json_object_get_array_member (root, "levels"));
  format_indicators (text, json_object_get_array_member (root, "indicators"));
  if (json_object_get_int_member (root, "unmatched") > 0)
    g_string_append_printf (text, _("Rows without an area code: %u\n"),
                            (guint) json_object_get_int_member (root, "unmatched"));
  format_list (text, _("Changed or assumed:"), json_object_get_array_member (root, "changes"), "- ");
  if (json_array_get_length (problems) == 0)
    g_string_append_printf (text, "%s\n", _("Validation: the package is valid."));
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Validation: %u problems:"), json_array_get_length (problems));

      format_list (text, heading, problems, "");
    }
  return g_string_free (text, FALSE);
}

/* ---- recipes -------------------------------------------------------------------- */

/* Members of a recipe that describe the package rather than choose. */
static const char *const package_members[] = {
  "themes", "description", "licence", "version", "date", "publisher", "en",
};


/* @path relative to the recipe's folder, with "../" up to three levels
 * ("../sources/stats/…"), so that a folder of recipes and sources can move;
 * else absolute. */
static char *
relative_path (GFile      *relative_to,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) base = relative_to != NULL ? g_object_ref (relative_to) : NULL;
  g_autoptr(GString) up = g_string_new (NULL);

  for (guint level = 0; base != NULL && level < 4; level++)
    {
      g_autofree char *relative = g_file_get_relative_path (base, file);
      GFile *parent = g_file_get_parent (base);

      if (relative != NULL)
        {
          g_clear_object (&parent);
          return g_strconcat (up->str, relative, NULL);
        }
      /* Never up to the root: a recipe is not tied to "/". */
      if (parent == NULL || !g_file_has_parent (parent, NULL))
        {
          g_clear_object (&parent);
          break;
        }
      g_string_append (up, "../");
      g_set_object (&base, parent);
      g_object_unref (parent);
    }
  return g_file_get_path (file);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_table (JsonBuilder *b,
           const char  *member,
           GHashTable  *table,
           gboolean     set)
{
  g_autoptr(GPtrArray) keys = atlas_import_keys (table);

  g_ptr_array_sort (keys, compare_strings);
  json_builder_set_member_name (b, member);
  if (set)
    json_builder_begin_array (b);
  else
    json_builder_begin_object (b);
  for (guint i = 0; i < keys->len; i++)
    {
      if (!set)
        json_builder_set_member_name (b, g_ptr_array_index (keys, i));
      json_builder_add_string_value (b, set ? g_ptr_array_index (keys, i)
                                            : g_hash_table_lookup (table, g_ptr_array_index (keys, i)));
    }
  if (set)
    json_builder_end_array (b);
  else
    json_builder_end_object (b);
}

static void
add_list (JsonBuilder *b,
          const char  *member,
          GPtrArray   *items)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
}

/**
 * atlas_import_build_recipe:
 *
 * Every choice: the files (relative to the recipe), id, title, CRS,
 * selections, splits, shares, names, and the id each indicator got, so
 * that a rebuild from new files keeps the ids.
 */
JsonNode *
atlas_import_build_recipe (ImportJob *job,
                           GFile     *relative_to)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_int (b, "platsatlas_recipe", 1);
  add_string (b, "id", job->id);
  add_string (b, "title", job->title);
  json_builder_set_member_name (b, "crs");
  if (job->crs != 0)
    json_builder_add_int_value (b, job->crs);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->files->len; i++)
    {
      g_autofree char *path = relative_path (relative_to, g_ptr_array_index (job->files, i));

      json_builder_add_string_value (b, path);
    }
  json_builder_end_array (b);
  add_table (b, "select", job->selections, FALSE);
  add_table (b, "split", job->splits, TRUE);
  add_list (b, "sum", job->sums);
  add_list (b, "merge", job->merges);
  add_list (b, "share", job->shares);
  add_table (b, "drop", job->drops, TRUE);
  add_table (b, "dissolve", job->dissolves, TRUE);
  add_list (b, "draw_within", job->draw_within);
  json_builder_set_member_name (b, "simplify");
  json_builder_add_double_value (b, job->simplify);
  add_table (b, "names", job->renames, FALSE);
  for (guint i = 0; job->package != NULL && i < G_N_ELEMENTS (package_members); i++)
    if (json_object_has_member (job->package, package_members[i]))
      {
        json_builder_set_member_name (b, package_members[i]);
        json_builder_add_value (b, json_node_copy (json_object_get_member (job->package, package_members[i])));
      }
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; job->indicators != NULL && i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);

      JsonObject *meta = g_hash_table_lookup (job->described, ind->id);
      g_autoptr(GList) members = meta != NULL ? json_object_get_members (meta) : NULL;

      json_builder_begin_object (b);
      add_string (b, "match", ind->signature);
      add_string (b, "id", ind->id);
      add_string (b, "name", ind->name);
      add_string (b, "unit", ind->unit);
      for (GList *m = members; m != NULL; m = m->next)
        if (!g_str_equal (m->data, "match") && !g_str_equal (m->data, "id") &&
            !g_str_equal (m->data, "name") && !g_str_equal (m->data, "unit"))
          {
            json_builder_set_member_name (b, m->data);
            json_builder_add_value (b, json_node_copy (json_object_get_member (meta, m->data)));
          }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
recipe_error (GFile       *recipe,
              const char  *member,
              const char  *expected,
              GError     **error)
{
  g_autofree char *name = g_file_get_parse_name (recipe);

  g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_RECIPE,
               _("%s: “%s” is wrong; expected %s (see docs/importing.md)"), name, member, expected);
  return FALSE;
}

static const char *
node_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* Reads an array of strings or an object of strings into @func. */
static gboolean
load_strings (JsonObject  *root,
              const char  *member,
              gboolean     object,
              GFile       *recipe,
              void       (*func) (ImportJob *, const char *, const char *, GFile *),
              ImportJob   *job,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (object && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *m = members; m != NULL; m = m->next)
        {
          const char *value = node_string (json_object_get_member (json_node_get_object (node), m->data));

          if (value == NULL)
            return recipe_error (recipe, member, _("an object of strings"), error);
          func (job, m->data, value, recipe);
        }
      return TRUE;
    }
  if (!object && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *value = node_string (json_array_get_element (array, i));

          if (value == NULL)
            return recipe_error (recipe, member, _("an array of strings"), error);
          func (job, value, NULL, recipe);
        }
      return TRUE;
    }
  return recipe_error (recipe, member, object ? _("an object of strings") : _("an array of strings"), error);
}

static void
take_file (ImportJob  *job,
           const char *path,
           const char *unused,
           GFile      *recipe)
{
  g_autoptr(GFile) parent = g_file_get_parent (recipe);
  g_autoptr(GFile) file = g_file_resolve_relative_path (parent, path);

  g_ptr_array_add (job->files, g_file_get_path (file));
}

static void
take_selection (ImportJob *job, const char *name, const char *value, GFile *recipe)
{
  g_hash_table_replace (job->selections, g_strdup (name), g_strdup (value));
}

static void
take_split (ImportJob *job, const char *name, const char *value, GFile *recipe)
{
  g_hash_table_add (job->splits, g_strdup (name));
}

static void
take_share (ImportJob *job, const char *share, const char *value, GFile *recipe)
{
  g_ptr_array_add (job->shares, g_strdup (share));
}

static void
take_name (ImportJob *job, const char *id, const char *name, GFile *recipe)
{
  g_hash_table_replace (job->renames, g_strdup (id), g_strdup (name));
}

static void
take_sum (ImportJob *job, const char *sum, const char *value, GFile *recipe)
{
  g_ptr_array_add (job->sums, g_strdup (sum));
}

static void
take_merge (ImportJob *job, const char *merge, const char *value, GFile *recipe)
{
  g_ptr_array_add (job->merges, g_strdup (merge));
}

static void
take_drop (ImportJob *job, const char *id, const char *value, GFile *recipe)
{
  g_hash_table_add (job->drops, g_strdup (id));
}

static void
take_draw_within (ImportJob *job, const char *code, const char *value, GFile *recipe)
{
  g_ptr_array_add (job->draw_within, g_strdup (code));
}

static void
take_dissolve (ImportJob *job, const char *level, const char *value, GFile *recipe)
{
  g_hash_table_add (job->dissolves, g_strdup (level));
}

static void
load_package (ImportJob  *job,
              JsonObject *root)
{
  g_clear_pointer (&job->package, json_object_unref);
  job->package = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (package_members); i++)
    if (json_object_has_member (root, package_members[i]))
      json_object_set_member (job->package, package_members[i],
                              json_node_copy (json_object_get_member (root, package_members[i])));
}

static void
load_indicator_ids (ImportJob *job,
                    JsonArray *indicators)
{
  for (guint i = 0; indicators != NULL && i < json_array_get_length (indicators); i++)
    {
      JsonNode *node = json_array_get_element (indicators, i);
      JsonObject *ind = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *match = ind != NULL ? node_string (json_object_get_member (ind, "match")) : NULL;
      const char *id = ind != NULL ? node_string (json_object_get_member (ind, "id")) : NULL;

      if (match != NULL && id != NULL)
        g_hash_table_replace (job->recipe_ids, g_strdup (match), g_strdup (id));
      /* Theme, polarity, English texts…: kept whole, applied by the writer. */
      if (id != NULL)
        g_hash_table_replace (job->described, g_strdup (id), json_object_ref (ind));
    }
}

static void
load_settings (ImportJob  *job,
               JsonObject *root)
{
  const char *id = node_string (json_object_get_member (root, "id"));
  const char *title = node_string (json_object_get_member (root, "title"));
  JsonNode *crs = json_object_get_member (root, "crs");
  JsonNode *simplify = json_object_get_member (root, "simplify");

  if (id != NULL && job->id == NULL)
    job->id = g_strdup (id);
  if (title != NULL && job->title == NULL)
    job->title = g_strdup (title);
  if (crs != NULL && JSON_NODE_HOLDS_VALUE (crs) && job->crs == 0)
    job->crs = (guint) json_node_get_int (crs);
  if (simplify != NULL && JSON_NODE_HOLDS_VALUE (simplify) && job->simplify == 0)
    job->simplify = MAX (json_node_get_double (simplify), 0);
}

gboolean
atlas_import_load_recipe (ImportJob  *job,
                          GFile      *recipe,
                          gboolean    with_files,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (recipe);
  JsonObject *root;
  JsonNode *indicators;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !json_object_has_member ((root = json_node_get_object (json_parser_get_root (parser))), "platsatlas_recipe"))
    return recipe_error (recipe, "platsatlas_recipe", _("a recipe written by platsatlas-cli pack --recipe"), error);

  load_settings (job, root);
  load_package (job, root);
  indicators = json_object_get_member (root, "indicators");
  load_indicator_ids (job, indicators != NULL && JSON_NODE_HOLDS_ARRAY (indicators) ? json_node_get_array (indicators) : NULL);
  return (!with_files || load_strings (root, "files", FALSE, recipe, take_file, job, error)) &&
         load_strings (root, "select", TRUE, recipe, take_selection, job, error) &&
         load_strings (root, "split", FALSE, recipe, take_split, job, error) &&
         load_strings (root, "share", FALSE, recipe, take_share, job, error) &&
         load_strings (root, "sum", FALSE, recipe, take_sum, job, error) &&
         load_strings (root, "merge", FALSE, recipe, take_merge, job, error) &&
         load_strings (root, "drop", FALSE, recipe, take_drop, job, error) &&
         load_strings (root, "dissolve", FALSE, recipe, take_dissolve, job, error) &&
         load_strings (root, "draw_within", FALSE, recipe, take_draw_within, job, error) &&
         load_strings (root, "names", TRUE, recipe, take_name, job, error);
}
