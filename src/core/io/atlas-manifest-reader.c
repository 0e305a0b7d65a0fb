/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-json-scan-private.h"
#include "atlas-loader-private.h"

/* Reads manifest.json with json-glib: the package's metadata, its
 * divisions (with the geometry file each names, read later), themes and
 * indicators. Each problem names its place in the manifest, such as
 * "indicators[3].unit". */

#define RIKET_CODE "00"

static const char * const unit_nicks[] = { "percent", "SEK", "count", "days", "index", "category" };
static const char * const polarity_nicks[] = { "neutral", "higher-is-better", "lower-is-better" };
static const char * const rule_nicks[] = { "sum", "weighted-mean", "none", "category" };
static const char * const kind_nicks[] = { "indicator", "background" };

/* ---- JSON fields --------------------------------------------------------- */

static void G_GNUC_PRINTF (3, 4)
manifest_problem (Loader     *l,
                  const char *location,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  atlas_loader_add_problem_valist (l, ATLAS_DATASET_ERROR_MANIFEST, MANIFEST, location, format, args);
  va_end (args);
}

static char *
join_nicks (const char * const *nicks,
            guint               n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", nicks[i]);

  return g_string_free (s, FALSE);
}

static const char *
node_kind (JsonNode *node)
{
  GType type;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    return _("true or false");

  return _("a number");
}

static char *
join_path (const char *base,
           const char *key)
{
  return base != NULL ? g_strdup_printf ("%s.%s", base, key) : g_strdup (key);
}

/* The member, or NULL when it is absent (reported when required) or an
 * optional null. */
static JsonNode *
get_member (Loader     *l,
            JsonObject *object,
            const char *base,
            const char *key,
            const char *expected,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *path = NULL;

  if (node != NULL && !(JSON_NODE_HOLDS_NULL (node) && !required))
    return node;

  if (node == NULL && required)
    {
      path = join_path (base, key);
      manifest_problem (l, path, _("the field is missing; expected %s"), expected);
    }

  return NULL;
}

static void
wrong_type (Loader     *l,
            const char *base,
            const char *key,
            const char *expected,
            JsonNode   *node)
{
  g_autofree char *path = join_path (base, key);

  manifest_problem (l, path, _("expected %s, found %s"), expected, node_kind (node));
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static const char *
get_string (Loader     *l,
            JsonObject *object,
            const char *base,
            const char *key,
            gboolean    required)
{
  JsonNode *node = get_member (l, object, base, key, _("a string"), required);

  if (node == NULL)
    return NULL;
  if (!holds_type (node, G_TYPE_STRING))
    {
      wrong_type (l, base, key, _("a string"), node);
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
get_int (Loader     *l,
         JsonObject *object,
         const char *base,
         const char *key,
         gboolean    required,
         gint64     *value)
{
  JsonNode *node = get_member (l, object, base, key, _("an integer"), required);
  double d;

  if (node == NULL)
    return FALSE;
  if (holds_type (node, G_TYPE_INT64))
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  d = holds_type (node, G_TYPE_DOUBLE) ? json_node_get_double (node) : NAN;
  if (d == floor (d) && fabs (d) < 1e15)
    {
      *value = (gint64) d;
      return TRUE;
    }

  wrong_type (l, base, key, _("an integer"), node);
  return FALSE;
}

static gboolean
get_bool (Loader     *l,
          JsonObject *object,
          const char *base,
          const char *key,
          gboolean    fallback)
{
  JsonNode *node = get_member (l, object, base, key, NULL, FALSE);

  if (node == NULL)
    return fallback;
  if (!holds_type (node, G_TYPE_BOOLEAN))
    {
      wrong_type (l, base, key, _("true or false"), node);
      return fallback;
    }

  return json_node_get_boolean (node);
}

static JsonObject *
get_object (Loader     *l,
            JsonObject *object,
            const char *base,
            const char *key,
            const char *expected,
            gboolean    required)
{
  JsonNode *node = get_member (l, object, base, key, expected, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (l, base, key, expected, node);
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
get_array (Loader     *l,
           JsonObject *object,
           const char *base,
           const char *key,
           gboolean    required)
{
  JsonNode *node = get_member (l, object, base, key, _("an array"), required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      wrong_type (l, base, key, _("an array"), node);
      return NULL;
    }

  return json_node_get_array (node);
}

/* The array's length, capped at @limit after reporting it: the lists
 * size what the loader builds. */
static guint
limited_length (Loader     *l,
                JsonArray  *array,
                const char *path,
                guint       limit)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  if (n <= limit)
    return n;

  manifest_problem (l, path, _("the list has %u entries; expected at most %u"), n, limit);
  return limit;
}

/* A text is { "sv": "…", "en": "…" }: Swedish required, English optional. */
static gboolean
get_text (Loader     *l,
          JsonObject *object,
          const char *base,
          const char *key,
          gboolean    required,
          AtlasText  *text)
{
  const char *expected = _("a text such as { \"sv\": \"…\", \"en\": \"…\" }");
  JsonObject *t = get_object (l, object, base, key, expected, required);
  g_autofree char *path = join_path (base, key);
  const char *sv, *en;

  if (t == NULL)
    return FALSE;

  sv = get_string (l, t, path, "sv", TRUE);
  en = get_string (l, t, path, "en", FALSE);
  atlas_text_clear (text);
  text->sv = g_strdup (sv);
  text->en = g_strdup (en);

  return sv != NULL;
}

static guint
get_enum (Loader             *l,
          JsonObject         *object,
          const char         *base,
          const char         *key,
          const char         *noun,
          const char * const *nicks,
          guint               n_nicks,
          guint               fallback,
          gboolean            required)
{
  const char *value = get_string (l, object, base, key, required);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  if (value == NULL)
    return fallback;

  for (guint i = 0; i < n_nicks; i++)
    if (g_str_equal (value, nicks[i]))
      return i;

  path = join_path (base, key);
  expected = join_nicks (nicks, n_nicks);
  manifest_problem (l, path, _("unknown %s “%s”; expected one of %s"), noun, value, expected);
  return fallback;
}

static gboolean
is_valid_id (const char *id)
{
  if (!g_ascii_islower (id[0]))
    return FALSE;

  for (const char *p = id + 1; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

/* An id that follows the pattern and is not taken yet; recorded in @seen. */
static const char *
get_id (Loader     *l,
        JsonObject *object,
        const char *base,
        GHashTable *seen)
{
  const char *id = get_string (l, object, base, "id", TRUE);
  g_autofree char *path = join_path (base, "id");

  if (id == NULL)
    return NULL;

  if (!is_valid_id (id))
    {
      manifest_problem (l, path, _("the id “%s” is not allowed; expected lower-case letters, digits, “_” and “-”, starting with a letter"), id);
      return NULL;
    }
  if (g_hash_table_contains (seen, id))
    {
      manifest_problem (l, path, _("duplicate id “%s”; expected each id only once"), id);
      return NULL;
    }

  g_hash_table_add (seen, g_strdup (id));
  return id;
}

/* ---- manifest: package metadata ---------------------------------------- */

static void
check_date (Loader     *l,
            const char *date)
{
  guint y = 0, m = 0, d = 0;
  int consumed = 0;

  if (date == NULL)
    return;

  if (sscanf (date, "%4u-%2u-%2u%n", &y, &m, &d, &consumed) != 3 || consumed != 10 ||
      !g_date_valid_dmy (d, m, y) || (date[10] != '\0' && date[10] != 'T'))
    manifest_problem (l, "date", _("“%s” is not a date; expected an ISO 8601 date such as 2026-11-21"), date);
}

static void
read_header (Loader     *l,
             JsonObject *root)
{
  AtlasPackage *pkg = l->pkg;
  gint64 format;

  if (get_int (l, root, NULL, "format", TRUE, &format) && format != 1)
    manifest_problem (l, "format", _("unsupported format %lld; expected 1"), (long long) format);

  pkg->id = g_strdup (get_string (l, root, NULL, "id", TRUE));
  get_text (l, root, NULL, "title", TRUE, &pkg->title);
  get_text (l, root, NULL, "description", FALSE, &pkg->description);
  pkg->version = g_strdup (get_string (l, root, NULL, "version", TRUE));
  pkg->publisher = g_strdup (get_string (l, root, NULL, "publisher", TRUE));
  pkg->licence = g_strdup (get_string (l, root, NULL, "licence", TRUE));
  pkg->date = g_strdup (get_string (l, root, NULL, "date", TRUE));
  check_date (l, pkg->date);
}

static void
read_sources (Loader     *l,
              JsonObject *root)
{
  JsonArray *sources = get_array (l, root, NULL, "sources", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  guint n = limited_length (l, sources, "sources", ATLAS_LIMIT_INDICATORS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("sources[%u]", i);
      JsonNode *node = json_array_get_element (sources, i);
      JsonObject *object;
      AtlasSource source = { NULL, };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          manifest_problem (l, where, _("expected an object, found %s"), node_kind (node));
          continue;
        }
      object = json_node_get_object (node);
      source.id = g_strdup (get_id (l, object, where, seen));
      source.name = g_strdup (get_string (l, object, where, "name", TRUE));
      source.licence = g_strdup (get_string (l, object, where, "licence", FALSE));
      source.url = g_strdup (get_string (l, object, where, "url", FALSE));
      g_array_append_val (l->pkg->sources, source);
    }
}

static void
read_years (Loader     *l,
            JsonObject *root)
{
  JsonArray *years = get_array (l, root, NULL, "years", TRUE);
  gint64 previous = G_MININT64;

  guint n = limited_length (l, years, "years", ATLAS_LIMIT_YEARS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("years[%u]", i);
      JsonNode *node = json_array_get_element (years, i);
      gint64 year = holds_type (node, G_TYPE_INT64) ? json_node_get_int (node) : -1;
      guint y = (guint) year;

      if (year < 1800 || year > 2200)
        manifest_problem (l, where, _("expected a year such as 2024, found %s"),
                          holds_type (node, G_TYPE_INT64) ? _("a number out of range") : node_kind (node));
      else if (year <= previous)
        manifest_problem (l, where, _("year %lld is out of order; expected years ascending, each once"), (long long) year);
      else
        g_array_append_val (l->pkg->years, y);

      previous = MAX (previous, year);
    }
}

/* ---- manifest: divisions ----------------------------------------------- */

void
atlas_loader_geometry_spec_free (gpointer data)
{
  GeometrySpec *spec = data;

  if (spec == NULL)
    return;

  g_free (spec->file);
  g_free (spec->layer);
  g_free (spec->code_field);
  g_free (spec->name_field);
  g_free (spec->parent_field);
  g_free (spec->where);
  atlas_loader_geometry_spec_free (spec->table);
  g_free (spec);
}

static GeometrySpec *
read_file_spec (Loader     *l,
                JsonObject *object,
                const char *where,
                const char *key,
                gboolean    needs_parent_field)
{
  g_autofree char *path = join_path (where, key);
  JsonObject *g = get_object (l, object, where, key, _("an object describing the geometry file"), FALSE);
  GeometrySpec *spec;

  if (g == NULL)
    return NULL;

  spec = g_new0 (GeometrySpec, 1);
  spec->where = g_strdup (where);
  spec->is_table = g_str_equal (key, "areas");
  spec->file = g_strdup (get_string (l, g, path, "file", TRUE));
  if (spec->file != NULL)
    {
      g_autofree char *file_path = join_path (path, "file");

      if (!atlas_loader_check_relative_path (l, spec->file, file_path))
        g_clear_pointer (&spec->file, g_free);
    }
  spec->layer = g_strdup (get_string (l, g, path, "layer", FALSE));
  spec->code_field = g_strdup (get_string (l, g, path, "code_field", TRUE));
  spec->name_field = g_strdup (get_string (l, g, path, "name_field", FALSE));
  spec->parent_field = g_strdup (get_string (l, g, path, "parent_field", needs_parent_field));

  if (spec->file == NULL || spec->code_field == NULL ||
      (needs_parent_field && spec->parent_field == NULL))
    g_clear_pointer (&spec, atlas_loader_geometry_spec_free);

  return spec;
}

/* A division has a geometry file, an areas table, or both (the table
 * then lists every area, the geometry file draws some of them). */
static GeometrySpec *
read_geometry_spec (Loader     *l,
                    JsonObject *object,
                    const char *where,
                    gboolean    needs_parent_field)
{
  gboolean has_table = json_object_has_member (object, "areas");
  GeometrySpec *geometry, *table;

  if (!has_table && !json_object_has_member (object, "geometry"))
    {
      get_object (l, object, where, "geometry", _("an object describing the geometry file"), TRUE);
      return NULL;
    }

  geometry = read_file_spec (l, object, where, "geometry", needs_parent_field && !has_table);
  table = read_file_spec (l, object, where, "areas", needs_parent_field);

  if (geometry == NULL)
    return table;
  geometry->table = table;
  return geometry;
}

static AtlasDivision *
find_division (Loader     *l,
               const char *id)
{
  return g_hash_table_lookup (l->division_ids, id);
}

static AtlasDivision *
read_division_parent (Loader     *l,
                      JsonObject *object,
                      const char *where,
                      gboolean   *ok)
{
  const char *parent_id = get_string (l, object, where, "parent", FALSE);
  AtlasDivision *parent;
  g_autofree char *path = NULL;

  *ok = TRUE;
  if (parent_id == NULL)
    return g_ptr_array_index (l->pkg->divisions, 0);

  parent = g_str_equal (parent_id, "riket") ? g_ptr_array_index (l->pkg->divisions, 0)
                                            : find_division (l, parent_id);
  if (parent == NULL)
    {
      path = join_path (where, "parent");
      manifest_problem (l, path, _("unknown parent division “%s”; expected the id of a division listed earlier, or null for riket"), parent_id);
      *ok = FALSE;
    }

  return parent;
}

static void
read_division (Loader     *l,
               JsonObject *object,
               const char *where,
               GHashTable *seen)
{
  const char *id = get_id (l, object, where, seen);
  AtlasText name = { NULL, }, note = { NULL, };
  gboolean parent_ok, covers;
  AtlasDivision *parent = read_division_parent (l, object, where, &parent_ok);
  gboolean has_note = get_text (l, object, where, "coverage_note", FALSE, &note);
  const char *version = get_string (l, object, where, "version", FALSE);
  GeometrySpec *spec;
  gboolean added = FALSE;

  get_text (l, object, where, "name", TRUE, &name);
  covers = get_bool (l, object, where, "covers_parent", TRUE);
  spec = read_geometry_spec (l, object, where,
                             parent != NULL && atlas_division_get_depth (parent) > 0);

  if (id != NULL && g_str_equal (id, "riket"))
    manifest_problem (l, where, _("the id “riket” is reserved for the implicit whole-country level; expected another id"));
  else if (id != NULL && parent_ok && name.sv != NULL)
    {
      added = TRUE;
      if (spec == NULL)
        l->areas_complete = FALSE;
      AtlasDivision *division = atlas_division_new (id, &name, version, parent, covers,
                                                    has_note ? &note : NULL);

      g_ptr_array_add (l->pkg->divisions, division);
      g_hash_table_insert (l->division_ids, (char *) atlas_division_get_id (division), division);
      g_ptr_array_add (l->specs, spec);
      spec = NULL;
    }

  if (!added)
    l->areas_complete = FALSE;
  atlas_loader_geometry_spec_free (spec);
  atlas_text_clear (&name);
  atlas_text_clear (&note);
}

static void
add_riket (Loader *l)
{
  AtlasText name = { (char *) "Riket", (char *) "Sweden" };
  AtlasDivision *riket = atlas_division_new ("riket", &name, NULL, NULL, TRUE, NULL);
  g_autoptr(AtlasArea) area = atlas_area_new (riket, 0, RIKET_CODE, "Riket", NULL);

  atlas_division_add_area (riket, area);
  g_hash_table_insert (l->pkg->areas_by_code, (char *) atlas_area_get_code (area), area);
  g_ptr_array_add (l->pkg->divisions, riket);
  g_ptr_array_add (l->specs, NULL);
}

static void
read_divisions (Loader     *l,
                JsonObject *root)
{
  JsonArray *divisions = get_array (l, root, NULL, "divisions", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = limited_length (l, divisions, "divisions", ATLAS_LIMIT_DIVISIONS);

  add_riket (l);
  if (divisions != NULL && n == 0)
    manifest_problem (l, "divisions", _("the list is empty; expected at least one division"));
  if (n == 0)
    l->areas_complete = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("divisions[%u]", i);
      JsonNode *node = json_array_get_element (divisions, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        read_division (l, json_node_get_object (node), where, seen);
      else
        {
          manifest_problem (l, where, _("expected an object, found %s"), node_kind (node));
          l->areas_complete = FALSE;
        }
    }
}

/* ---- manifest: themes and indicators ----------------------------------- */

static void
read_themes (Loader     *l,
             JsonObject *root)
{
  JsonArray *themes = get_array (l, root, NULL, "themes", TRUE);

  guint n = limited_length (l, themes, "themes", ATLAS_LIMIT_INDICATORS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("themes[%u]", i);
      JsonNode *node = json_array_get_element (themes, i);
      AtlasText name = { NULL, };
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          manifest_problem (l, where, _("expected an object, found %s"), node_kind (node));
          continue;
        }
      id = get_id (l, json_node_get_object (node), where, l->theme_ids);
      if (get_text (l, json_node_get_object (node), where, "name", TRUE, &name) && id != NULL)
        g_ptr_array_add (l->pkg->themes, atlas_theme_new (id, &name));
      atlas_text_clear (&name);
    }
}

static gboolean
parse_color (const char    *text,
             AtlasCategory *category)
{
  guint r, g, b;
  int consumed = 0;

  if (text == NULL || strlen (text) != 7 ||
      sscanf (text, "#%2x%2x%2x%n", &r, &g, &b, &consumed) != 3 || consumed != 7)
    return FALSE;

  category->red = r / 255.0;
  category->green = g / 255.0;
  category->blue = b / 255.0;
  return TRUE;
}

static void
read_category (Loader         *l,
               AtlasIndicator *indicator,
               JsonNode       *node,
               const char     *where)
{
  AtlasCategory category = { 0, };
  JsonObject *object;
  const char *color;
  gint64 code;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      manifest_problem (l, where, _("expected an object, found %s"), node_kind (node));
      return;
    }

  object = json_node_get_object (node);
  ok = get_int (l, object, where, "code", TRUE, &code);
  if (ok && (code < -G_MAXINT || code > G_MAXINT))
    {
      g_autofree char *path = join_path (where, "code");
      manifest_problem (l, path, _("the category code %lld is out of range; expected a whole number from -2147483647 to 2147483647"),
                        (long long) code);
      ok = FALSE;
    }
  ok = get_text (l, object, where, "label", TRUE, &category.label) && ok;
  color = get_string (l, object, where, "color", TRUE);
  if (color != NULL && !parse_color (color, &category))
    {
      g_autofree char *path = join_path (where, "color");
      manifest_problem (l, path, _("“%s” is not a colour; expected #rrggbb"), color);
    }
  if (ok && atlas_indicator_lookup_category (indicator, (int) code) != NULL)
    {
      g_autofree char *path = join_path (where, "code");
      manifest_problem (l, path, _("duplicate category code %d; expected each code once"), (int) code);
    }
  else if (ok)
    {
      category.code = (int) code;
      atlas_indicator_add_category (indicator, &category);
    }
  atlas_text_clear (&category.label);
}

static void
read_categories (Loader         *l,
                 AtlasIndicator *indicator,
                 JsonObject     *object,
                 const char     *where,
                 AtlasUnit       unit)
{
  gboolean wanted = unit == ATLAS_UNIT_CATEGORY;
  JsonArray *categories = get_array (l, object, where, "categories", wanted);
  g_autofree char *path = join_path (where, "categories");
  guint n;

  if (categories == NULL)
    return;
  if (!wanted)
    {
      manifest_problem (l, path, _("categories are only allowed with the unit “category”"));
      return;
    }
  if (json_array_get_length (categories) == 0)
    manifest_problem (l, path, _("the list is empty; expected at least one category"));

  n = limited_length (l, categories, path, ATLAS_LIMIT_CATEGORIES);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);
      read_category (l, indicator, json_array_get_element (categories, i), item);
    }
}

static void
read_aggregation (Loader         *l,
                  AtlasIndicator *indicator,
                  JsonObject     *object,
                  const char     *where,
                  AtlasUnit       unit)
{
  g_autofree char *path = join_path (where, "aggregation");
  JsonObject *agg = get_object (l, object, where, "aggregation",
                                _("an object such as { \"rule\": \"sum\" }"), TRUE);
  guint rule;
  const char *weight;

  if (agg == NULL)
    return;

  rule = get_enum (l, agg, path, "rule", _("rule"), rule_nicks, G_N_ELEMENTS (rule_nicks),
                   ATLAS_AGGREGATION_NONE, TRUE);
  weight = get_string (l, agg, path, "weight", rule == ATLAS_AGGREGATION_WEIGHTED_MEAN);

  if ((rule == ATLAS_AGGREGATION_CATEGORY) != (unit == ATLAS_UNIT_CATEGORY) &&
      !(unit == ATLAS_UNIT_CATEGORY && rule == ATLAS_AGGREGATION_NONE))
    manifest_problem (l, path, _("the rule “%s” does not fit the unit “%s”; expected the rule “category” exactly for the unit “category”"),
                      rule_nicks[rule], unit_nicks[unit]);

  if (weight != NULL && rule != ATLAS_AGGREGATION_WEIGHTED_MEAN)
    weight = NULL;
  else if (weight != NULL &&
           (!g_hash_table_contains (l->indicator_index, weight) ||
            g_str_equal (weight, atlas_indicator_get_id (indicator))))
    {
      g_autofree char *wpath = join_path (path, "weight");
      manifest_problem (l, wpath, _("unknown weight indicator “%s”; expected the id of another indicator in this package"), weight);
      weight = NULL;
    }

  atlas_indicator_set_aggregation (indicator, rule, weight);
}

static void
read_indicator_texts (Loader         *l,
                      AtlasIndicator *indicator,
                      JsonObject     *object,
                      const char     *where)
{
  AtlasText name = { NULL, }, short_label = { NULL, }, definition = { NULL, };
  AtlasText age_group = { NULL, }, caveat = { NULL, };

  get_text (l, object, where, "name", TRUE, &name);
  get_text (l, object, where, "short", FALSE, &short_label);
  get_text (l, object, where, "definition", FALSE, &definition);
  get_text (l, object, where, "age_group", FALSE, &age_group);
  get_text (l, object, where, "caveat", FALSE, &caveat);
  atlas_indicator_set_texts (indicator, &name, &short_label, &definition, &age_group, &caveat);

  atlas_text_clear (&name);
  atlas_text_clear (&short_label);
  atlas_text_clear (&definition);
  atlas_text_clear (&age_group);
  atlas_text_clear (&caveat);
}

static const char *
read_indicator_theme (Loader     *l,
                      JsonObject *object,
                      const char *where)
{
  const char *theme = get_string (l, object, where, "theme", TRUE);
  g_autofree char *path = NULL;

  if (theme == NULL || g_hash_table_contains (l->theme_ids, theme))
    return theme;

  path = join_path (where, "theme");
  manifest_problem (l, path, _("unknown theme “%s”; expected the id of a theme in this manifest"), theme);
  return NULL;
}

static void
read_unit_label (Loader         *l,
                 AtlasIndicator *indicator,
                 JsonObject     *object,
                 const char     *where,
                 guint           unit)
{
  AtlasText label = { NULL, };
  g_autofree char *path = NULL;

  if (!json_object_has_member (object, "unit_label"))
    return;

  if (unit != ATLAS_UNIT_COUNT)
    {
      path = join_path (where, "unit_label");
      manifest_problem (l, path, _("a unit label is only allowed for the unit “count”"));
      return;
    }

  get_text (l, object, where, "unit_label", FALSE, &label);
  atlas_indicator_set_unit_label (indicator, &label);
  atlas_text_clear (&label);
}

static void
read_indicator (Loader         *l,
                AtlasIndicator *indicator,
                JsonObject     *object,
                const char     *where)
{
  const char *theme = read_indicator_theme (l, object, where);
  guint kind = get_enum (l, object, where, "kind", _("kind"), kind_nicks,
                         G_N_ELEMENTS (kind_nicks), ATLAS_INDICATOR_KIND_INDICATOR, FALSE);
  guint unit = get_enum (l, object, where, "unit", _("unit"), unit_nicks,
                         G_N_ELEMENTS (unit_nicks), ATLAS_UNIT_COUNT, TRUE);
  guint polarity = get_enum (l, object, where, "polarity", _("polarity"), polarity_nicks,
                             G_N_ELEMENTS (polarity_nicks), ATLAS_POLARITY_NEUTRAL, FALSE);
  gint64 decimals = 0;

  if (get_int (l, object, where, "decimals", FALSE, &decimals) && (decimals < 0 || decimals > 6))
    {
      g_autofree char *path = join_path (where, "decimals");
      manifest_problem (l, path, _("%lld decimals; expected 0 to 6"), (long long) decimals);
      decimals = 0;
    }

  read_indicator_texts (l, indicator, object, where);
  read_unit_label (l, indicator, object, where, unit);
  atlas_indicator_set_properties (indicator, theme, kind, unit, (guint) decimals, polarity,
                                  get_string (l, object, where, "source", FALSE),
                                  get_bool (l, object, where, "demonstration", FALSE));
  read_aggregation (l, indicator, object, where, unit);
  read_categories (l, indicator, object, where, unit);
}

/* Ids first, so a weight may name an indicator listed after it. */
static void
collect_indicator_ids (Loader    *l,
                       JsonArray *indicators)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = limited_length (l, indicators, "indicators", ATLAS_LIMIT_INDICATORS);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("indicators[%u]", i);
      JsonNode *node = json_array_get_element (indicators, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          manifest_problem (l, where, _("expected an object, found %s"), node_kind (node));
          g_ptr_array_add (l->pkg->indicators, NULL);
          continue;
        }
      id = get_id (l, json_node_get_object (node), where, seen);
      g_ptr_array_add (l->pkg->indicators, id != NULL ? atlas_indicator_new (id) : NULL);
      if (id != NULL)
        g_hash_table_insert (l->indicator_index, g_strdup (id),
                             GUINT_TO_POINTER (l->pkg->indicators->len));
    }
}

static void
read_indicators (Loader     *l,
                 JsonObject *root)
{
  JsonArray *indicators = get_array (l, root, NULL, "indicators", TRUE);

  if (indicators == NULL)
    return;
  if (json_array_get_length (indicators) == 0)
    manifest_problem (l, "indicators", _("the list is empty; expected at least one indicator"));

  collect_indicator_ids (l, indicators);
  for (guint i = 0; i < l->pkg->indicators->len; i++)
    {
      g_autofree char *where = g_strdup_printf ("indicators[%u]", i);
      AtlasIndicator *indicator = g_ptr_array_index (l->pkg->indicators, i);

      if (indicator != NULL)
        read_indicator (l, indicator, json_node_get_object (json_array_get_element (indicators, i)), where);
    }
}

/* ---- manifest ----------------------------------------------------------- */

static void
report_json_error (Loader       *l,
                   const GError *error)
{
  guint line = 0, column = 0;
  int consumed = 0;
  const char *detail = error->message;
  g_autofree char *location = NULL;

  /* json-glib says "<data>:LINE:COLUMN: Parse error: DETAIL". */
  if (sscanf (error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      detail = error->message + consumed;
      if (g_str_has_prefix (detail, "Parse error: "))
        detail += strlen ("Parse error: ");
      location = g_strdup_printf (_("line %u"), line);
    }

  manifest_problem (l, location, _("the file is not valid JSON (%s); expected a complete JSON object"), detail);
}

/* Depth, NUL bytes and duplicate keys are checked before json-glib sees
 * the text (see atlas_json_scan()). */
static gboolean
scan_manifest (Loader     *l,
               const char *text,
               gsize       length)
{
  g_autofree char *message = NULL;
  g_autofree char *location = NULL;
  guint line = 0;

  const char *end = NULL;

  if (!g_utf8_validate_len (text, length, &end) && memchr (text, '\0', length) == NULL)
    {
      for (const char *p = text; p < end; p++)
        line += *p == '\n';
      location = g_strdup_printf (_("line %u"), line + 1);
      manifest_problem (l, location, _("the text is not valid UTF-8; expected JSON in UTF-8"));
      return FALSE;
    }
  if (atlas_json_scan (text, length, ATLAS_LIMIT_JSON_DEPTH, &line, &message))
    return TRUE;

  location = g_strdup_printf (_("line %u"), line);
  manifest_problem (l, location, "%s", message);
  return FALSE;
}

static JsonParser *
parse_manifest (Loader *l)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonNode *root;

  text = atlas_loader_read_package_file (l, ATLAS_DATASET_ERROR_NOT_FOUND, MANIFEST,
                                         ATLAS_LIMIT_MANIFEST_BYTES,
                                         _("the file is missing; expected manifest.json at the root of the package"),
                                         &length);
  if (text == NULL || !scan_manifest (l, text, length))
    return NULL;

  if (!json_parser_load_from_data (parser, text, (gssize) length, &error))
    {
      report_json_error (l, error);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      manifest_problem (l, NULL, _("the file is empty; expected a JSON object describing the package"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      manifest_problem (l, NULL, _("the file holds %s; expected a JSON object"), node_kind (root));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

gboolean
atlas_loader_read_manifest (Loader *l)
{
  g_autoptr(JsonParser) parser = parse_manifest (l);
  JsonObject *root;

  if (parser == NULL)
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  read_header (l, root);
  read_sources (l, root);
  read_years (l, root);
  read_divisions (l, root);
  read_themes (l, root);
  read_indicators (l, root);

  return TRUE;
}
