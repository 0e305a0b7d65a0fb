/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-dataset.h"
#include "atlas-error.h"
#include "atlas-import-private.h"

/* Writes a planned package into a new folder beside the output, then
 * renames it into place, so that a package is either whole or absent. */

#define note atlas_import_job_note

static const char *const level_names_sv[] = { NULL, "Län", "Kommun", "RegSO", "DeSO" };
static const char *const category_colors[] = {
  "#b2182b", "#ef8a62", "#fddbc7", "#67a9cf", "#2166ac", "#1b7837", "#762a83", "#e08214",
  "#8073ac", "#35978f",
};

static gboolean
write_text (const char  *path,
            const char  *text,
            GError     **error)
{
  return g_file_set_contents (path, text, -1, error);
}

static void
add_text (JsonBuilder *b,
          const char  *member,
          const char  *sv)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sv");
  json_builder_add_string_value (b, sv);
  json_builder_end_object (b);
}

static void
add_texts (JsonBuilder *b,
           const char  *member,
           const char  *sv,
           const char  *en)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sv");
  json_builder_add_string_value (b, sv);
  json_builder_set_member_name (b, "en");
  json_builder_add_string_value (b, en);
  json_builder_end_object (b);
}

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

static gint
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
sorted_codes (GHashTable *areas)
{
  GPtrArray *codes = atlas_import_keys (areas);

  g_ptr_array_sort (codes, compare_codes);
  return codes;
}

static guint
count_undrawn (ImportLevelPlan *plan)
{
  GHashTableIter iter;
  gpointer area;
  guint n = 0;

  g_hash_table_iter_init (&iter, plan->areas);
  while (g_hash_table_iter_next (&iter, NULL, &area))
    n += !((ImportArea *) area)->has_geometry;
  return n;
}

static gboolean
is_drawn (ImportLevelPlan *plan)
{
  return (plan->geometry >= 0 || plan->packaged || plan->dissolved) && count_undrawn (plan) < g_hash_table_size (plan->areas);
}

static gboolean
has_names (ImportLevelPlan *plan)
{
  GHashTableIter iter;
  gpointer area;

  g_hash_table_iter_init (&iter, plan->areas);
  while (g_hash_table_iter_next (&iter, NULL, &area))
    if (((ImportArea *) area)->name != NULL)
      return TRUE;
  return FALSE;
}

static void
csv_field (GString    *line,
           const char *text)
{
  if (text != NULL && strpbrk (text, ",\"\r\n") != NULL)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = g_strsplit (text, "\"", -1);

      escaped = g_strjoinv ("\"\"", parts);
      g_string_append_printf (line, "\"%s\"", escaped);
    }
  else if (text != NULL)
    g_string_append (line, text);
}

/* code,name,parent: every area of the level, drawn or not. */
static gboolean
write_areas_table (ImportLevelPlan *plan,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(GPtrArray) codes = sorted_codes (plan->areas);
  g_autoptr(GString) text = g_string_new ("code,name,parent\n");

  for (guint i = 0; i < codes->len; i++)
    {
      ImportArea *area = g_hash_table_lookup (plan->areas, g_ptr_array_index (codes, i));

      csv_field (text, g_ptr_array_index (codes, i));
      g_string_append_c (text, ',');
      csv_field (text, area->name);
      g_string_append_c (text, ',');
      csv_field (text, area->parent);
      g_string_append_c (text, '\n');
    }
  return write_text (path, text->str, error);
}

static gboolean
write_levels (ImportJob   *job,
              const char  *dir,
              GError     **error)
{
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    {
      ImportLevelPlan *plan = &job->levels[l];
      const char *id = atlas_import_level_id ((ImportLevel) l);
      g_autofree char *gpkg = g_strdup_printf ("%s/geo/%s.gpkg", dir, id);
      g_autofree char *csv = g_strdup_printf ("%s/areas/%s.csv", dir, id);

      if (!plan->present)
        continue;
      if ((plan->geometry >= 0 || plan->packaged || plan->dissolved) && !atlas_import_write_geometry (job, (ImportLevel) l, gpkg, error))
        return FALSE;
      /* A file we just wrote without a single area is not kept. */
      if (!is_drawn (plan) && g_file_test (gpkg, G_FILE_TEST_EXISTS))
        g_unlink (gpkg);
      if (count_undrawn (plan) > 0 && !write_areas_table (plan, csv, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- manifest ------------------------------------------------------------------ */

static void
add_file_spec (JsonBuilder     *b,
               const char      *member,
               const char      *file,
               const char      *layer,
               ImportLevelPlan *plan)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string (b, "file", file);
  if (layer != NULL)
    add_string (b, "layer", layer);
  add_string (b, "code_field", "code");
  add_string (b, "name_field", has_names (plan) ? "name" : NULL);
  if (plan->parent != IMPORT_LEVEL_NONE)
    add_string (b, "parent_field", "parent");
  json_builder_end_object (b);
}

static void
add_division (JsonBuilder *b,
              ImportJob   *job,
              ImportLevel  level)
{
  ImportLevelPlan *plan = &job->levels[level];
  const char *id = atlas_import_level_id (level);
  guint undrawn = count_undrawn (plan);
  g_autofree char *gpkg = g_strdup_printf ("geo/%s.gpkg", id);
  g_autofree char *csv = g_strdup_printf ("areas/%s.csv", id);

  json_builder_begin_object (b);
  add_string (b, "id", id);
  add_text (b, "name", level_names_sv[level]);
  add_string (b, "version", plan->version);
  add_string (b, "parent", plan->parent != IMPORT_LEVEL_NONE ? atlas_import_level_id (plan->parent) : NULL);
  json_builder_set_member_name (b, "covers_parent");
  json_builder_add_boolean_value (b, plan->covers_parent);
  /* No coverage note for areas without borders: the app counts them
   * from the loaded level (atlas_division_dup_undrawn_note()). */
  if (is_drawn (plan))
    add_file_spec (b, "geometry", gpkg, id, plan);
  if (undrawn > 0)
    add_file_spec (b, "areas", csv, NULL, plan);
  json_builder_end_object (b);
}

static void
add_categories (JsonBuilder     *b,
                ImportIndicator *ind)
{
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint i = 0; i < ind->categories->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, g_array_index (ind->categories, int, i));
      add_text (b, "label", g_ptr_array_index (ind->category_labels, i));
      add_string (b, "color", category_colors[i % G_N_ELEMENTS (category_colors)]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* A footnote line is kept when the recipe lists its opening words
 * ("footnotes": ["Vissa personer går …"]); without a list, every line. */
static gboolean
footnote_kept (JsonArray  *starts,
               const char *line)
{
  for (guint i = 0; starts != NULL && i < json_array_get_length (starts); i++)
    {
      JsonNode *start = json_array_get_element (starts, i);

      if (JSON_NODE_HOLDS_VALUE (start) && json_node_get_value_type (start) == G_TYPE_STRING &&
          g_str_has_prefix (line, json_node_get_string (start)))
        return TRUE;
    }
  return starts == NULL;
}

/* SCB's footnotes of the indicator's table, verbatim: all of them, or the
 * lines the recipe chose (SCB's footnotes can run to pages). */
static char *
caveat_of (ImportJob       *job,
           ImportIndicator *ind)
{
  ImportInput *input = ind->input < job->inputs->len ? g_ptr_array_index (job->inputs, ind->input) : NULL;
  JsonObject *meta = g_hash_table_lookup (job->described, ind->id);
  JsonNode *node = meta != NULL ? json_object_get_member (meta, "footnotes") : NULL;
  JsonArray *starts = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GString *text = g_string_new (NULL);

  for (guint i = 0; input != NULL && input->table != NULL && i < input->table->footnotes->len; i++)
    {
      const char *footnote = g_ptr_array_index (input->table->footnotes, i);
      g_auto(GStrv) lines = starts != NULL ? g_strsplit (footnote, "\n", -1) : NULL;

      if (starts == NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", footnote);
      for (guint l = 0; lines != NULL && lines[l] != NULL; l++)
        if (footnote_kept (starts, g_strstrip (lines[l])))
          g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", lines[l]);
    }
  if (text->len == 0)
    return g_string_free (text, TRUE);
  return g_string_free (text, FALSE);
}

/* ---- what a recipe says of an indicator ---------------------------------------- */

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A text of the manifest: Swedish from the files or the recipe, English
 * only where the recipe gives it. */
static void
add_described_text (JsonBuilder *b,
                    const char  *member,
                    const char  *sv,
                    JsonObject  *meta)
{
  const char *en = member_string (member_object (meta, "en"), member);

  if (sv == NULL)
    return;
  if (en != NULL)
    add_texts (b, member, sv, en);
  else
    add_text (b, member, sv);
}

static const char *
described_or (JsonObject *meta,
              const char *member,
              const char *fallback)
{
  const char *value = member_string (meta, member);

  return value != NULL ? value : fallback;
}

/* The file's definition; the recipe's reference time where the file has
 * none, and its note after. */
static char *
definition_of (ImportIndicator *ind,
               JsonObject      *meta)
{
  GString *text = g_string_new (ind->definition);
  const char *reference = member_string (meta, "reference_time");
  const char *note = member_string (meta, "note");

  if (ind->reference_time == NULL && reference != NULL && strstr (text->str, "Referenstid:") == NULL)
    g_string_append_printf (text, " Referenstid: %s.", reference);
  if (note != NULL)
    g_string_append_printf (text, " %s", note);
  return g_string_free (text, FALSE);
}

static void
add_indicator (JsonBuilder     *b,
               ImportJob       *job,
               ImportIndicator *ind)
{
  JsonObject *meta = g_hash_table_lookup (job->described, ind->id);
  g_autofree char *file_caveat = caveat_of (job, ind);
  g_autofree char *caveat = member_string (meta, "caveat") == NULL ? g_strdup (file_caveat)
                            : g_strjoin ("\n", member_string (meta, "caveat"), file_caveat, NULL);
  g_autofree char *definition = definition_of (ind, meta);
  JsonNode *decimals = meta != NULL ? json_object_get_member (meta, "decimals") : NULL;
  JsonNode *categories = meta != NULL ? json_object_get_member (meta, "categories") : NULL;

  json_builder_begin_object (b);
  add_string (b, "id", ind->id);
  add_string (b, "theme", described_or (meta, "theme", "import"));
  add_string (b, "kind", described_or (meta, "kind", "indicator"));
  add_described_text (b, "name", ind->name, meta);
  add_described_text (b, "short", member_string (meta, "short"), meta);
  add_described_text (b, "definition", definition, meta);
  add_string (b, "unit", ind->unit);
  if (g_str_equal (ind->unit, "count"))
    add_described_text (b, "unit_label", member_string (meta, "unit_label"), meta);
  json_builder_set_member_name (b, "decimals");
  json_builder_add_int_value (b, decimals != NULL && JSON_NODE_HOLDS_VALUE (decimals)
                                 ? json_node_get_int (decimals) : ind->decimals);
  add_string (b, "polarity", described_or (meta, "polarity", "neutral"));
  add_described_text (b, "age_group", member_string (meta, "age_group"), meta);
  if (member_string (meta, "palette") != NULL)
    add_string (b, "palette", member_string (meta, "palette"));
  add_string (b, "source", described_or (meta, "source", ind->source));
  if (caveat != NULL)
    add_described_text (b, "caveat", caveat, meta);
  json_builder_set_member_name (b, "aggregation");
  json_builder_begin_object (b);
  add_string (b, "rule", ind->rule);
  if (ind->weight != NULL)
    add_string (b, "weight", ind->weight);
  json_builder_end_object (b);
  if (categories != NULL && JSON_NODE_HOLDS_ARRAY (categories))
    {
      json_builder_set_member_name (b, "categories");
      json_builder_add_value (b, json_node_copy (categories));
    }
  else if (ind->categories != NULL)
    add_categories (b, ind);
  json_builder_set_member_name (b, "demonstration");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
}

static const char *
licence_of (ImportTable *table)
{
  if (table != NULL && table->source != NULL && strstr (table->source, "SCB") != NULL)
    return "CC BY 4.0 (Källa: SCB)";
  return "se källan";
}

static void
add_sources (JsonBuilder *b,
             ImportJob   *job)
{
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);
      g_autofree char *id = atlas_import_slug (input->name);
      /* Package texts are Swedish data, whatever the interface language. */
      const char *kind = input->kind == INPUT_GEOMETRY ? "geometri" : input->kind == INPUT_KEY ? "områdesnyckel"
                                                                                                : "statistik";
      g_autofree char *name = g_strdup_printf ("%s: %s (%s)", kind, input->name,
                                               input->table != NULL && input->table->title != NULL
                                               ? input->table->title : input->name);

      json_builder_begin_object (b);
      add_string (b, "id", id);
      add_string (b, "name", name);
      add_string (b, "licence", licence_of (input->table));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static ImportTable *
first_table (ImportJob *job)
{
  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);

      if (input->table != NULL)
        return input->table;
    }
  return NULL;
}

static char *
package_title (ImportJob *job)
{
  if (job->title != NULL)
    return g_strdup (job->title);
  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);

      if (input->kind == INPUT_STATISTICS && input->table->subject != NULL)
        return g_strdup (input->table->subject);
    }
  return g_strdup (((ImportInput *) g_ptr_array_index (job->inputs, 0))->name);
}

static void
add_header (JsonBuilder *b,
            ImportJob   *job)
{
  g_autofree char *title = package_title (job);
  g_autofree char *id = job->id != NULL ? g_strdup (job->id) : atlas_import_slug (title);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *description = g_strdup_printf ("Paketerat av platsatlas-cli pack från %u filer; "
                                                 "varje indikator anger sin källfil.",
                                                 job->inputs->len);
  g_autofree char *description_en = g_strdup_printf ("Packaged by platsatlas-cli pack from %u files; "
                                                     "every indicator names its source file.",
                                                     job->inputs->len);

  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  add_string (b, "id", id);
  add_described_text (b, "title", title, job->package);
  if (member_string (job->package, "description") != NULL)
    add_described_text (b, "description", member_string (job->package, "description"), job->package);
  else
    add_texts (b, "description", description, description_en);
  /* A recipe may fix the date and version, so that a rebuild is identical. */
  add_string (b, "version", described_or (job->package, "version", date));
  add_string (b, "publisher", described_or (job->package, "publisher", "platsatlas-cli pack"));
  add_string (b, "licence", described_or (job->package, "licence", licence_of (first_table (job))));
  add_string (b, "date", described_or (job->package, "date", date));
}

/* The recipe's themes; "Importerat" for indicators it gives none. */
static void
add_themes (JsonBuilder *b,
            ImportJob   *job)
{
  JsonNode *themes = job->package != NULL ? json_object_get_member (job->package, "themes") : NULL;
  gboolean imported = themes == NULL || !JSON_NODE_HOLDS_ARRAY (themes);

  for (guint i = 0; i < job->indicators->len; i++)
    {
      ImportIndicator *ind = g_ptr_array_index (job->indicators, i);

      imported = imported || (!ind->dropped && member_string (g_hash_table_lookup (job->described, ind->id), "theme") == NULL);
    }
  json_builder_set_member_name (b, "themes");
  json_builder_begin_array (b);
  for (guint i = 0; themes != NULL && JSON_NODE_HOLDS_ARRAY (themes) && i < json_array_get_length (json_node_get_array (themes)); i++)
    json_builder_add_value (b, json_node_copy (json_array_get_element (json_node_get_array (themes), i)));
  if (imported)
    {
      json_builder_begin_object (b);
      add_string (b, "id", "import");
      add_texts (b, "name", "Importerat", "Imported");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static JsonNode *
build_manifest (ImportJob *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_header (b, job);
  add_sources (b, job);
  json_builder_set_member_name (b, "years");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->years->len; i++)
    json_builder_add_int_value (b, g_array_index (job->years, int, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "divisions");
  json_builder_begin_array (b);
  for (guint l = IMPORT_LEVEL_LAN; l < IMPORT_N_LEVELS; l++)
    if (job->levels[l].present)
      add_division (b, job, (ImportLevel) l);
  json_builder_end_array (b);
  add_themes (b, job);
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < job->indicators->len; i++)
    if (!((ImportIndicator *) g_ptr_array_index (job->indicators, i))->dropped)
      add_indicator (b, job, g_ptr_array_index (job->indicators, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- values ------------------------------------------------------------------ */

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

static gboolean
write_year (ImportJob   *job,
            const char  *dir,
            int          year,
            GError     **error)
{
  g_autoptr(GString) text = g_string_new ("code");
  g_autoptr(GPtrArray) keys = sorted_codes (job->values);
  g_autofree char *prefix = g_strdup_printf ("%d\t", year);
  g_autofree char *path = g_strdup_printf ("%s/values/%d.csv", dir, year);

  for (guint i = 0; i < job->indicators->len; i++)
    if (!((ImportIndicator *) g_ptr_array_index (job->indicators, i))->dropped)
      g_string_append_printf (text, ",%s", ((ImportIndicator *) g_ptr_array_index (job->indicators, i))->id);
  g_string_append_c (text, '\n');
  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      double *row;

      if (!g_str_has_prefix (key, prefix))
        continue;
      row = g_hash_table_lookup (job->values, key);
      g_string_append (text, key + strlen (prefix));
      for (guint i = 0; i < job->indicators->len; i++)
        {
          g_autofree char *number = isnan (row[i]) ? NULL : format_number (row[i]);

          if (((ImportIndicator *) g_ptr_array_index (job->indicators, i))->dropped)
            continue;
          g_string_append_printf (text, ",%s", number != NULL ? number : "");
        }
      g_string_append_c (text, '\n');
    }
  return write_text (path, text->str, error);
}

/* ---- the package ------------------------------------------------------------ */

static gboolean
write_contents (ImportJob    *job,
                const char   *dir,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  const char *const subdirs[] = { "geo", "areas", "values" };

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (dir, subdirs[i], NULL);

      g_mkdir (sub, 0755);
    }
  if (!write_levels (job, dir, error))
    return FALSE;
  for (guint i = 0; i < job->years->len; i++)
    if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
        !write_year (job, dir, g_array_index (job->years, int, i), error))
      return FALSE;

  /* Built after the geometry, which finds out which areas are drawn. */
  manifest = build_manifest (job);
  json_generator_set_root (generator, manifest);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_file (generator, manifest_path, error);
}

void
atlas_import_remove_package (const char *dir)
{
  const char *const subdirs[] = { "geo", "areas", "values", "" };

  /* Only what write_contents made: the folder is ours, made by mkdtemp. */
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (dir, subdirs[i], NULL);
      g_autoptr(GDir) d = g_dir_open (sub, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, name, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_DIR))
            g_unlink (path);
        }
      if (i < G_N_ELEMENTS (subdirs) - 1)
        g_rmdir (sub);
    }
  g_rmdir (dir);
}

static gboolean
move_into_place (const char  *temp,
                 const char  *directory,
                 GError     **error)
{
  int saved;

  /* An empty folder the user made for it is replaced; anything else stays. */
  if (g_file_test (directory, G_FILE_TEST_IS_DIR))
    g_rmdir (directory);
  if (g_rename (temp, directory) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OUTPUT,
               _("%s: cannot create the package folder (%s); expected a new or empty folder"),
               directory, g_strerror (saved));
  return FALSE;
}

/**
 * atlas_import_write_package:
 *
 * Writes the planned package into @directory, which must not exist or be
 * empty.
 */
gboolean
atlas_import_write_package (ImportJob     *job,
                            const char    *directory,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *temp = g_strdup_printf ("%s.partial-XXXXXX", directory);
  gboolean ok;

  if (g_mkdtemp (temp) == NULL)
    {
      int saved = errno;

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OUTPUT,
                   _("%s: cannot create a folder beside it (%s); expected a writable parent folder"),
                   directory, g_strerror (saved));
      return FALSE;
    }
  ok = write_contents (job, temp, cancellable, error) && move_into_place (temp, directory, error);
  if (!ok)
    atlas_import_remove_package (temp);
  return ok;
}
