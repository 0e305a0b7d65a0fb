/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "atlas-dataset-private.h"

/* Reads a package (docs/dataset-format.md) on whatever thread calls it:
 * manifest with json-glib; geometry with OGR, one layer per worker thread,
 * then linked top-down; values with a small CSV reader; all files through
 * GDAL's VSI layer so a .zip reads in place. Every problem is collected;
 * nothing is kept unless there are none. */

#define MANIFEST "manifest.json"
#define RIKET_CODE "00"

typedef struct
{
  char    *file;
  char    *layer;
  char    *code_field;
  char    *name_field;
  char    *parent_field;
  char    *where;  /* "divisions[2]", for messages */
} GeometrySpec;

typedef struct
{
  int code;
  int name;
  int parent;
} FieldIndexes;

typedef struct
{
  GArray *xs;
  GArray *ys;
  GArray *coords;
  GArray *offsets;
} PointBuffers;

typedef struct
{
  char                *root;            /* VSI path of the package root */
  GCancellable        *cancellable;
  GPtrArray           *problems;
  guint               *classes;
  AtlasPackage        *pkg;
  GPtrArray           *specs;           /* GeometrySpec per division, NULL for riket */
  GHashTable          *indicator_index; /* id → index + 1 */
  GHashTable          *theme_ids;
  GHashTable          *rejected_codes;  /* codes of features with problems */
  GHashTable          *cell_of_code;    /* code → global cell + 1 */
  gboolean             areas_complete;  /* every division's geometry was read */
  char                *gdal_message;    /* the last message GDAL reported */
  OGRSpatialReferenceH wgs84;
  /* The last transformation and its source: packages use one CRS for all
   * files, and building a transformation costs PROJ database lookups. */
  OGRSpatialReferenceH ct_source;
  OGRCoordinateTransformationH ct;
} Loader;

static void loader_clear (Loader *l);

static const char * const unit_nicks[] = { "percent", "SEK", "count", "days", "index", "category" };
static const char * const polarity_nicks[] = { "neutral", "higher-is-better", "lower-is-better" };
static const char * const rule_nicks[] = { "sum", "weighted-mean", "none", "category" };
static const char * const kind_nicks[] = { "indicator", "background" };

/* ---- problems ---------------------------------------------------------- */

static void
add_problem_valist (Loader            *l,
                    AtlasDatasetError  class,
                    const char        *file,
                    const char        *location,
                    const char        *format,
                    va_list            args) G_GNUC_PRINTF (5, 0);

static void
add_problem_valist (Loader            *l,
                    AtlasDatasetError  class,
                    const char        *file,
                    const char        *location,
                    const char        *format,
                    va_list            args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (l->problems, atlas_problem_new (file, location, message));
  *l->classes |= 1u << class;
}

static void G_GNUC_PRINTF (5, 6)
add_problem (Loader            *l,
             AtlasDatasetError  class,
             const char        *file,
             const char        *location,
             const char        *format,
             ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (l, class, file, location, format, args);
  va_end (args);
}

static void G_GNUC_PRINTF (3, 4)
manifest_problem (Loader     *l,
                  const char *location,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (l, ATLAS_DATASET_ERROR_MANIFEST, MANIFEST, location, format, args);
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

/* A "line 12" or "feature 40", formatted only when a problem needs it:
 * most rows and features have none. */
typedef struct
{
  gboolean is_feature;
  guint    number;
  char    *text;
} Place;

static void
place_clear (Place *place)
{
  g_clear_pointer (&place->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Place, place_clear)

static const char *
place_text (Place *place)
{
  if (place->text == NULL && place->is_feature)
    place->text = g_strdup_printf (_("feature %u"), place->number);
  else if (place->text == NULL)
    place->text = g_strdup_printf (_("line %u"), place->number);

  return place->text;
}

/* ---- files through VSI ------------------------------------------------- */

static char *
package_path (Loader     *l,
              const char *relative)
{
  return g_strconcat (l->root, "/", relative, NULL);
}

/* Opening rather than VSIStatL(), whose struct needs large-file macros. */
static gboolean
vsi_exists (const char *path)
{
  VSILFILE *fp = VSIFOpenL (path, "rb");

  if (fp == NULL)
    return FALSE;

  VSIFCloseL (fp);
  return TRUE;
}

/* The whole file, NUL-terminated; NULL when it cannot be opened. */
static char *
read_package_file (Loader     *l,
                   const char *relative,
                   gsize      *length)
{
  g_autofree char *path = package_path (l, relative);
  VSILFILE *fp = VSIFOpenL (path, "rb");
  GByteArray *bytes;
  guint8 chunk[65536];
  size_t n;

  if (fp == NULL)
    return NULL;

  bytes = g_byte_array_new ();
  while ((n = VSIFReadL (chunk, 1, sizeof chunk, fp)) > 0)
    g_byte_array_append (bytes, chunk, n);
  VSIFCloseL (fp);

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (bytes, FALSE);
}

/* A zip may hold the package at its root or inside one top-level folder. */
static char *
find_single_folder (const char *base)
{
  char **entries = VSIReadDir (base);
  char *found = NULL;
  guint n = 0;

  for (char **e = entries; e != NULL && *e != NULL; e++)
    {
      if (g_str_equal (*e, "__MACOSX") || g_str_equal (*e, ".") || g_str_equal (*e, ".."))
        continue;
      n++;
      g_free (found);
      found = g_strconcat (base, "/", *e, NULL);
    }
  CSLDestroy (entries);

  if (n != 1)
    g_clear_pointer (&found, g_free);

  return found;
}

static gboolean
root_with_manifest (Loader *l,
                    char   *base)
{
  g_autofree char *manifest = g_strconcat (base, "/" MANIFEST, NULL);
  g_autofree char *inner = NULL;
  g_autofree char *inner_manifest = NULL;

  if (vsi_exists (manifest))
    {
      l->root = base;
      return TRUE;
    }

  inner = find_single_folder (base);
  inner_manifest = inner != NULL ? g_strconcat (inner, "/" MANIFEST, NULL) : NULL;
  if (inner_manifest != NULL && vsi_exists (inner_manifest))
    {
      l->root = g_steal_pointer (&inner);
      g_free (base);
      return TRUE;
    }

  g_free (base);
  return FALSE;
}

static gboolean
locate_root (Loader     *l,
             const char *path)
{
  g_autofree char *absolute = NULL;
  gboolean is_dir;

  if (g_str_has_prefix (path, "/vsi"))
    {
      if (root_with_manifest (l, g_strdup (path)))
        return TRUE;
      add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                   _("“%s” holds no manifest.json; expected a package directory or a .zip of one"),
                   path);
      return FALSE;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                   _("“%s” does not exist; expected a package directory or a .zip of one"),
                   path);
      return FALSE;
    }

  absolute = g_canonicalize_filename (path, NULL);
  is_dir = g_file_test (absolute, G_FILE_TEST_IS_DIR);
  if (root_with_manifest (l, is_dir ? g_strdup (absolute)
                                    : g_strconcat ("/vsizip/", absolute, NULL)))
    return TRUE;

  if (is_dir)
    add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, MANIFEST, NULL,
                 _("the file is missing; expected manifest.json at the root of the package"));
  else
    add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                 _("“%s” is not a .zip holding manifest.json at its root or in one top-level folder"),
                 path);
  return FALSE;
}

/* ---- JSON fields --------------------------------------------------------- */

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

  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
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

  for (guint i = 0; years != NULL && i < json_array_get_length (years); i++)
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

static void
geometry_spec_free (gpointer data)
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
  g_free (spec);
}

static GeometrySpec *
read_geometry_spec (Loader     *l,
                    JsonObject *object,
                    const char *where,
                    gboolean    needs_parent_field)
{
  g_autofree char *path = join_path (where, "geometry");
  JsonObject *g = get_object (l, object, where, "geometry", _("an object describing the geometry file"), TRUE);
  GeometrySpec *spec;

  if (g == NULL)
    return NULL;

  spec = g_new0 (GeometrySpec, 1);
  spec->where = g_strdup (where);
  spec->file = g_strdup (get_string (l, g, path, "file", TRUE));
  spec->layer = g_strdup (get_string (l, g, path, "layer", FALSE));
  spec->code_field = g_strdup (get_string (l, g, path, "code_field", TRUE));
  spec->name_field = g_strdup (get_string (l, g, path, "name_field", FALSE));
  spec->parent_field = g_strdup (get_string (l, g, path, "parent_field", needs_parent_field));

  if (spec->file == NULL || spec->code_field == NULL ||
      (needs_parent_field && spec->parent_field == NULL))
    g_clear_pointer (&spec, geometry_spec_free);

  return spec;
}

static AtlasDivision *
find_division (Loader     *l,
               const char *id)
{
  for (guint i = 0; i < l->pkg->divisions->len; i++)
    {
      AtlasDivision *division = g_ptr_array_index (l->pkg->divisions, i);

      if (g_str_equal (atlas_division_get_id (division), id))
        return division;
    }

  return NULL;
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
      g_ptr_array_add (l->pkg->divisions,
                       atlas_division_new (id, &name, version, parent, covers,
                                           has_note ? &note : NULL));
      g_ptr_array_add (l->specs, spec);
      spec = NULL;
    }

  if (!added)
    l->areas_complete = FALSE;
  geometry_spec_free (spec);
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
  guint n = divisions != NULL ? json_array_get_length (divisions) : 0;

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

  for (guint i = 0; themes != NULL && i < json_array_get_length (themes); i++)
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

  if (categories == NULL)
    return;
  if (!wanted)
    {
      manifest_problem (l, path, _("categories are only allowed with the unit “category”"));
      return;
    }
  if (json_array_get_length (categories) == 0)
    manifest_problem (l, path, _("the list is empty; expected at least one category"));

  for (guint i = 0; i < json_array_get_length (categories); i++)
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

  for (guint i = 0; i < json_array_get_length (indicators); i++)
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
  for (guint i = 0; i < json_array_get_length (indicators); i++)
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

static JsonParser *
parse_manifest (Loader *l)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = read_package_file (l, MANIFEST, &length);
  if (text == NULL)
    {
      add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, MANIFEST, NULL,
                   _("the file cannot be read; expected manifest.json at the root of the package"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, (gssize) length, &error))
    {
      report_json_error (l, error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      manifest_problem (l, NULL, _("the file holds %s; expected a JSON object"),
                        node_kind (json_parser_get_root (parser)));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

static gboolean
read_manifest (Loader *l)
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

/* ---- geometry ----------------------------------------------------------- */

static void CPL_STDCALL
collect_gdal_message (CPLErr      level,
                      CPLErrorNum number,
                      const char *message)
{
  Loader *l = CPLGetErrorHandlerUserData ();

  if (level < CE_Warning || l == NULL)
    return;

  g_free (l->gdal_message);
  l->gdal_message = g_strdup (message);
}

/* GDAL's last word on a failure, or a neutral phrase when it said nothing. */
static const char *
gdal_detail (Loader *l)
{
  return l->gdal_message != NULL ? l->gdal_message : _("no details");
}

static gpointer
register_gdal (gpointer data)
{
  GDALAllRegister ();
  return NULL;
}

static OGRLayerH
find_layer (Loader       *l,
            GeometrySpec *spec,
            GDALDatasetH  ds)
{
  int n = GDALDatasetGetLayerCount (ds);
  g_autoptr(GString) names = g_string_new (NULL);
  OGRLayerH layer;

  if (spec->layer != NULL && (layer = GDALDatasetGetLayerByName (ds, spec->layer)) != NULL)
    return layer;
  if (spec->layer == NULL && n == 1)
    return GDALDatasetGetLayer (ds, 0);

  for (int i = 0; i < n; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            OGR_L_GetName (GDALDatasetGetLayer (ds, i)));

  if (spec->layer != NULL)
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                 _("no layer “%s”; expected one of the file’s layers: %s"), spec->layer, names->str);
  else
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                 _("the file has %d layers; expected %s.geometry.layer to name one of %s"),
                 n, spec->where, names->str);
  return NULL;
}

static int
find_field (Loader       *l,
            GeometrySpec *spec,
            OGRLayerH     layer,
            const char   *field,
            const char   *key)
{
  int index;

  if (field == NULL)
    return -1;

  index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), field);
  if (index < 0)
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                 _("the layer “%s” has no field “%s”; expected the field named by %s.geometry.%s"),
                 OGR_L_GetName (layer), field, spec->where, key);
  return index;
}

static gboolean
find_fields (Loader       *l,
             GeometrySpec *spec,
             OGRLayerH     layer,
             FieldIndexes *fields)
{
  fields->code = find_field (l, spec, layer, spec->code_field, "code_field");
  fields->name = find_field (l, spec, layer, spec->name_field, "name_field");
  fields->parent = find_field (l, spec, layer, spec->parent_field, "parent_field");

  return fields->code >= 0 &&
         (spec->name_field == NULL || fields->name >= 0) &&
         (spec->parent_field == NULL || fields->parent >= 0);
}

static OGRCoordinateTransformationH
cached_transformation (Loader               *l,
                       OGRSpatialReferenceH  srs)
{
  if (l->ct_source != NULL && OSRIsSame (srs, l->ct_source))
    return l->ct;

  if (l->ct != NULL)
    OCTDestroyCoordinateTransformation (l->ct);
  if (l->ct_source != NULL)
    OSRDestroySpatialReference (l->ct_source);

  l->ct = OCTNewCoordinateTransformation (srs, l->wgs84);
  l->ct_source = l->ct != NULL ? OSRClone (srs) : NULL;
  return l->ct;
}

/* Sets *ct (owned by the loader) to NULL when the layer is already in
 * WGS 84 lon/lat. */
static gboolean
make_transformation (Loader                       *l,
                     GeometrySpec                 *spec,
                     OGRLayerH                     layer,
                     OGRCoordinateTransformationH *ct)
{
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH srs;
  gboolean ok = TRUE;

  *ct = NULL;
  if (layer_srs == NULL)
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                   _("the layer “%s” has no coordinate reference system; expected one such as EPSG:3006 (SWEREF99 TM)"),
                   OGR_L_GetName (layer));
      return FALSE;
    }

  /* OGR hands out coordinates in x = easting/longitude order. */
  srs = OSRClone (layer_srs);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  if (!OSRIsSame (srs, l->wgs84))
    {
      *ct = cached_transformation (l, srs);
      ok = *ct != NULL;
      if (!ok)
        add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                     _("the layer’s coordinate reference system cannot be transformed to WGS 84 (%s); expected a CRS that PROJ knows"),
                     gdal_detail (l));
    }
  OSRDestroySpatialReference (srs);

  return ok;
}

static const char *
field_string (OGRFeatureH feature,
              int         index)
{
  const char *value;

  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;

  value = OGR_F_GetFieldAsString (feature, index);
  return value != NULL && *value != '\0' ? value : NULL;
}

static const char *
check_ring (OGRGeometryH ring,
            int          n)
{
  double x0, y0, x1, y1;

  if (n < 4)
    return _("a ring has fewer than 4 points");

  x0 = OGR_G_GetX (ring, 0);
  y0 = OGR_G_GetY (ring, 0);
  x1 = OGR_G_GetX (ring, n - 1);
  y1 = OGR_G_GetY (ring, n - 1);
  if (x0 != x1 || y0 != y1)
    return _("a ring is not closed");

  return NULL;
}

/* Appends the rings of one polygon to the buffers; an error text if a ring
 * is not a ring. */
static const char *
add_polygon (OGRGeometryH  polygon,
             PointBuffers *b)
{
  int n_rings = OGR_G_GetGeometryCount (polygon);

  for (int r = 0; r < n_rings; r++)
    {
      OGRGeometryH ring = OGR_G_GetGeometryRef (polygon, r);
      int n = OGR_G_GetPointCount (ring);
      guint start = b->xs->len;
      const char *error = check_ring (ring, n);

      if (error != NULL)
        return error;

      g_array_append_val (b->offsets, start);
      g_array_set_size (b->xs, start + n);
      g_array_set_size (b->ys, start + n);
      OGR_G_GetPoints (ring,
                       &g_array_index (b->xs, double, start), sizeof (double),
                       &g_array_index (b->ys, double, start), sizeof (double),
                       NULL, 0);
    }

  return NULL;
}

static const char *
collect_rings (OGRGeometryH  geometry,
               PointBuffers *b)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  const char *error = NULL;

  g_array_set_size (b->xs, 0);
  g_array_set_size (b->ys, 0);
  g_array_set_size (b->offsets, 0);

  if (type == wkbPolygon)
    error = add_polygon (geometry, b);
  else
    for (int i = 0; i < OGR_G_GetGeometryCount (geometry) && error == NULL; i++)
      error = add_polygon (OGR_G_GetGeometryRef (geometry, i), b);

  if (error == NULL && b->offsets->len == 0)
    error = _("the geometry is empty");

  return error;
}

static gboolean
is_lon_lat (double x,
            double y)
{
  return isfinite (x) && isfinite (y) && fabs (x) <= 180.0 && fabs (y) <= 90.0;
}

/* Reprojects the collected points and interleaves them as lon, lat. */
static gboolean
transform_points (Loader                       *l,
                  const char                   *file,
                  Place                        *location,
                  OGRCoordinateTransformationH  ct,
                  PointBuffers                 *b)
{
  guint n = b->xs->len;

  if (ct != NULL && !OCTTransform (ct, (int) n, (double *) b->xs->data, (double *) b->ys->data, NULL))
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, place_text (location),
                   _("the coordinates cannot be transformed to WGS 84 (%s); expected coordinates in the layer’s CRS"),
                   gdal_detail (l));
      return FALSE;
    }

  g_array_set_size (b->coords, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      double x = g_array_index (b->xs, double, i), y = g_array_index (b->ys, double, i);

      if (!is_lon_lat (x, y))
        {
          add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, place_text (location),
                       _("invalid geometry: a point lies outside the earth after transformation to WGS 84; expected coordinates in the layer’s CRS"));
          return FALSE;
        }
      g_array_index (b->coords, double, 2 * i) = x;
      g_array_index (b->coords, double, 2 * i + 1) = y;
    }

  return TRUE;
}

static AtlasGeometry *
build_geometry (Loader                       *l,
                const char                   *file,
                Place                        *location,
                OGRGeometryH                  geometry,
                OGRCoordinateTransformationH  ct,
                PointBuffers                 *b)
{
  OGRwkbGeometryType type;
  const char *error;

  if (geometry == NULL)
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, place_text (location),
                   _("the feature has no geometry; expected a Polygon or MultiPolygon"));
      return NULL;
    }

  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, place_text (location),
                   _("the geometry is a %s; expected a Polygon or MultiPolygon"),
                   OGR_G_GetGeometryName (geometry));
      return NULL;
    }

  if ((error = collect_rings (geometry, b)) != NULL)
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, place_text (location),
                   _("invalid geometry: %s; expected closed rings of at least 4 points"), error);
      return NULL;
    }

  if (!transform_points (l, file, location, ct, b))
    return NULL;

  return atlas_geometry_new ((double *) b->coords->data, b->xs->len,
                             (guint *) b->offsets->data, b->offsets->len);
}

/* One feature as read from its layer, before it is linked into the
 * package (which needs the other layers). */
typedef struct
{
  char          *code;
  char          *name;
  char          *parent_code;
  AtlasGeometry *geometry; /* NULL when the feature has a problem */
  guint          ordinal;
} RawFeature;

static void
raw_feature_clear (gpointer data)
{
  RawFeature *raw = data;

  g_free (raw->code);
  g_free (raw->name);
  g_free (raw->parent_code);
  g_clear_pointer (&raw->geometry, atlas_geometry_unref);
}

static void
read_feature (Loader                       *l,
              GeometrySpec                 *spec,
              OGRFeatureH                   feature,
              guint                         ordinal,
              const FieldIndexes           *fields,
              OGRCoordinateTransformationH  ct,
              PointBuffers                 *buffers,
              GArray                       *raws)
{
  g_auto(Place) place = { TRUE, ordinal, NULL };
  /* Each string copied at once: OGR reuses its buffer for numbers
   * formatted as strings. */
  RawFeature raw = { g_strdup (field_string (feature, fields->code)), NULL, NULL, NULL, ordinal };

  if (raw.code == NULL)
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, place_text (&place),
                   _("no area code in field “%s”; expected a non-empty code"), spec->code_field);
      return;
    }

  raw.name = g_strdup (field_string (feature, fields->name));
  raw.parent_code = g_strdup (field_string (feature, fields->parent));
  raw.geometry = build_geometry (l, spec->file, &place, OGR_F_GetGeometryRef (feature), ct, buffers);
  g_array_append_val (raws, raw);
}

static void
read_features (Loader                       *l,
               GeometrySpec                 *spec,
               OGRLayerH                     layer,
               const FieldIndexes           *fields,
               OGRCoordinateTransformationH  ct,
               GArray                       *raws)
{
  PointBuffers buffers = {
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  OGRFeatureH feature;
  guint ordinal = 0;

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      read_feature (l, spec, feature, ++ordinal, fields, ct, &buffers, raws);
      OGR_F_Destroy (feature);
      if (ordinal % 256 == 0 && g_cancellable_is_cancelled (l->cancellable))
        break;
    }

  if (ordinal == 0)
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                 _("the layer “%s” has no features; expected one polygon per area"), OGR_L_GetName (layer));

  g_array_unref (buffers.xs);
  g_array_unref (buffers.ys);
  g_array_unref (buffers.coords);
  g_array_unref (buffers.offsets);
}

static GDALDatasetH
open_geometry_file (Loader       *l,
                    GeometrySpec *spec)
{
  g_autofree char *path = package_path (l, spec->file);
  GDALDatasetH ds;

  if (!vsi_exists (path))
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                   _("the geometry file is missing; expected the file named by %s.geometry.file"),
                   spec->where);
      return NULL;
    }

  g_clear_pointer (&l->gdal_message, g_free);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (ds == NULL)
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                 _("OGR cannot read the file (%s); expected a vector format such as GeoPackage, GeoJSON or Shapefile"),
                 gdal_detail (l));
  return ds;
}

static gboolean
read_layer (Loader       *l,
            GeometrySpec *spec,
            GArray       *raws)
{
  GDALDatasetH ds = open_geometry_file (l, spec);
  OGRCoordinateTransformationH ct = NULL;
  FieldIndexes fields;
  OGRLayerH layer;
  gboolean ok;

  if (ds == NULL)
    return FALSE;

  layer = find_layer (l, spec, ds);
  ok = layer != NULL;
  ok = ok && find_fields (l, spec, layer, &fields);
  ok = ok && make_transformation (l, spec, layer, &ct);
  if (ok)
    read_features (l, spec, layer, &fields, ct, raws);

  GDALClose (ds);
  return ok;
}

/* One layer to read, with the problems found in it. */
typedef struct
{
  GPtrArray    *problems;
  guint         classes;
  GeometrySpec *spec;
  GArray       *raws; /* RawFeature */
  gboolean      ok;
} LayerJob;

static LayerJob *
layer_job_new (GeometrySpec *spec)
{
  LayerJob *job = g_new0 (LayerJob, 1);

  job->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  job->spec = spec;
  job->raws = g_array_new (FALSE, TRUE, sizeof (RawFeature));
  g_array_set_clear_func (job->raws, raw_feature_clear);

  return job;
}

static void
layer_job_free (gpointer data)
{
  LayerJob *job = data;

  if (job == NULL)
    return;

  g_ptr_array_unref (job->problems);
  g_array_unref (job->raws);
  g_free (job);
}

typedef struct
{
  Loader    *loader;
  GPtrArray *jobs;   /* LayerJob, NULL where there is nothing to read */
  gint       next;   /* the next job to take, atomically */
} LayerQueue;

/* Reads layers until none are left. Each worker has a private loader that
 * shares only what stays constant meanwhile (the package root, the
 * cancellable) and has its own spatial references, transformation and
 * GDAL messages, which belong to the thread that uses them. */
static gpointer
run_layer_worker (gpointer data)
{
  LayerQueue *queue = data;
  Loader w = { NULL, };
  guint i;

  w.root = queue->loader->root;
  w.cancellable = queue->loader->cancellable;
  w.wgs84 = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (w.wgs84, 4326);
  OSRSetAxisMappingStrategy (w.wgs84, OAMS_TRADITIONAL_GIS_ORDER);

  CPLPushErrorHandlerEx (collect_gdal_message, &w);
  while ((i = (guint) g_atomic_int_add (&queue->next, 1)) < queue->jobs->len)
    {
      LayerJob *job = g_ptr_array_index (queue->jobs, i);

      if (job == NULL || g_cancellable_is_cancelled (w.cancellable))
        continue;
      w.problems = job->problems;
      w.classes = &job->classes;
      job->ok = read_layer (&w, job->spec, job->raws);
    }
  CPLPopErrorHandler ();

  w.root = NULL;
  loader_clear (&w);
  return NULL;
}

/* The layers are independent files: read them on as many threads as there
 * are processors, the calling thread being one of them. */
static void
read_layers (Loader    *l,
             GPtrArray *jobs)
{
  LayerQueue queue = { l, jobs, 0 };
  guint n_workers = MIN (jobs->len, g_get_num_processors ());
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint i = 1; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("atlas-layer", run_layer_worker, &queue));
  run_layer_worker (&queue);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
}

/* NULL after reporting a problem, or silently when the parent itself was
 * rejected (its problem is already reported). */
static AtlasArea *
find_parent_area (Loader        *l,
                  GeometrySpec  *spec,
                  AtlasDivision *division,
                  const char    *code,
                  Place         *location)
{
  AtlasDivision *parent = atlas_division_get_parent (division);
  AtlasArea *area;

  if (atlas_division_get_depth (parent) == 0)
    return atlas_division_get_area (parent, 0);

  area = code != NULL ? atlas_division_lookup_area (parent, code) : NULL;
  if (area != NULL || (code != NULL && g_hash_table_contains (l->rejected_codes, code)))
    return area;

  if (code == NULL)
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, place_text (location),
                 _("no parent code in field “%s”; expected the code of an area of division “%s”"),
                 spec->parent_field, atlas_division_get_id (parent));
  else
    add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, place_text (location),
                 _("parent code “%s” is not an area of division “%s”; expected the code of one of its areas"),
                 code, atlas_division_get_id (parent));
  return NULL;
}

/* Makes an area of a feature, once the codes of the levels above exist. */
static void
link_feature (Loader        *l,
              GeometrySpec  *spec,
              AtlasDivision *division,
              RawFeature    *raw)
{
  g_auto(Place) place = { TRUE, raw->ordinal, NULL };
  g_autoptr(AtlasArea) area = NULL;
  AtlasArea *parent = NULL;

  if (g_hash_table_contains (l->pkg->areas_by_code, raw->code))
    {
      add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, place_text (&place),
                   _("duplicate area code “%s”; expected each code only once in the package"), raw->code);
      return;
    }

  if (raw->geometry != NULL)
    parent = find_parent_area (l, spec, division, raw->parent_code, &place);
  if (parent == NULL)
    {
      g_hash_table_add (l->rejected_codes, g_strdup (raw->code));
      return;
    }

  area = atlas_area_new (division, atlas_division_get_n_areas (division),
                         raw->code, raw->name, raw->geometry);
  atlas_area_set_parent (area, parent);
  atlas_division_add_area (division, area);
  g_hash_table_insert (l->pkg->areas_by_code, (char *) atlas_area_get_code (area), area);
}

/* Takes over a finished job's problems and links its features, unless
 * its layer or the level above could not be read. */
static gboolean
finish_layer_job (Loader        *l,
                  LayerJob      *job,
                  AtlasDivision *division,
                  gboolean       parent_read)
{
  gsize n_problems = 0;
  g_autofree gpointer *problems = g_ptr_array_steal (job->problems, &n_problems);

  for (gsize i = 0; i < n_problems; i++)
    g_ptr_array_add (l->problems, problems[i]);
  *l->classes |= job->classes;

  if (!job->ok || !parent_read)
    return FALSE;

  for (guint i = 0; i < job->raws->len; i++)
    link_feature (l, job->spec, division, &g_array_index (job->raws, RawFeature, i));

  return TRUE;
}

static void
read_geometry (Loader *l)
{
  guint n = l->pkg->divisions->len;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_full (n, layer_job_free);

  for (guint d = 0; d < n; d++)
    {
      GeometrySpec *spec = g_ptr_array_index (l->specs, d);

      g_ptr_array_add (jobs, spec != NULL ? layer_job_new (spec) : NULL);
    }
  read_layers (l, jobs);

  /* Top-down: a division's parent areas exist before its own are linked. */
  for (guint d = 1; d < n; d++)
    {
      AtlasDivision *division = g_ptr_array_index (l->pkg->divisions, d);
      LayerJob *job = g_ptr_array_index (jobs, d);
      guint p = 0;

      g_ptr_array_find (l->pkg->divisions, atlas_division_get_parent (division), &p);
      if (job == NULL ||
          !finish_layer_job (l, job, division, p == 0 || g_ptr_array_index (l->specs, p) != NULL))
        {
          l->areas_complete = FALSE;
          g_clear_pointer (&g_ptr_array_index (l->specs, d), geometry_spec_free);
        }
    }
}

static void
index_cells (Loader *l)
{
  AtlasPackage *pkg = l->pkg;
  guint cell = 0;

  pkg->division_offsets = g_new0 (guint, pkg->divisions->len);
  for (guint d = 0; d < pkg->divisions->len; d++)
    {
      AtlasDivision *division = g_ptr_array_index (pkg->divisions, d);

      pkg->division_offsets[d] = cell;
      for (guint a = 0; a < atlas_division_get_n_areas (division); a++, cell++)
        g_hash_table_insert (l->cell_of_code,
                             (char *) atlas_area_get_code (atlas_division_get_area (division, a)),
                             GUINT_TO_POINTER (cell + 1));
    }
  pkg->n_cells = cell;
}

/* ---- values ------------------------------------------------------------- */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;   /* line of the next record, from 1 */
  GString    *buf;    /* the fields of the record, each NUL-terminated */
  GArray     *starts; /* gsize offsets of the fields in buf */
} CsvReader;

static void
csv_skip_blank_lines (CsvReader *r)
{
  while (r->p < r->end && (*r->p == '\n' || *r->p == '\r'))
    {
      if (*r->p == '\n')
        r->line++;
      r->p++;
    }
}

/* RFC 4180: fields may be quoted, quotes doubled, newlines inside quotes. */
static gboolean
csv_next_record (CsvReader *r,
                 guint     *line)
{
  gboolean quoted = FALSE;
  gsize start = 0;

  csv_skip_blank_lines (r);
  if (r->p >= r->end)
    return FALSE;

  *line = r->line;
  g_string_truncate (r->buf, 0);
  g_array_set_size (r->starts, 0);
  g_array_append_val (r->starts, start);

  for (; r->p < r->end; r->p++)
    {
      char c = *r->p;

      if (quoted && c == '"' && r->p + 1 < r->end && r->p[1] == '"')
        g_string_append_c (r->buf, *r->p++);
      else if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == ',')
        {
          g_string_append_c (r->buf, '\0');
          start = r->buf->len;
          g_array_append_val (r->starts, start);
        }
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else
        {
          if (c == '\n')
            r->line++;
          g_string_append_c (r->buf, c);
        }
    }

  g_string_append_c (r->buf, '\0');
  return TRUE;
}

static char *
csv_field (CsvReader *r,
           guint      i)
{
  return g_strstrip (r->buf->str + g_array_index (r->starts, gsize, i));
}

typedef struct
{
  char  *file;     /* "values/2014.csv" */
  guint  year_index;
  int   *columns;  /* indicator index per column; -1 for code and skipped */
  guint  n_columns;
  guint *row_line; /* per cell: the line of its row, or 0 */
} Table;

static int *
read_table_header (Loader    *l,
                   Table     *t,
                   CsvReader *r)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint line;
  int *columns;

  if (!csv_next_record (r, &line) || !g_str_equal (csv_field (r, 0), "code"))
    {
      add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, _("line 1"),
                   _("the header does not start with “code”; expected “code” followed by indicator ids"));
      return NULL;
    }

  t->n_columns = r->starts->len;
  columns = g_new (int, t->n_columns);
  columns[0] = -1;
  for (guint c = 1; c < t->n_columns; c++)
    {
      const char *name = csv_field (r, c);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (l->indicator_index, name));

      columns[c] = (int) index - 1;
      if (index == 0)
        add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, _("line 1"),
                     _("unknown indicator column “%s”; expected the id of an indicator in manifest.json"), name);
      else if (!g_hash_table_add (seen, (gpointer) name))
        {
          add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, _("line 1"),
                       _("the column “%s” appears twice; expected each indicator once"), name);
          columns[c] = -1;
        }
    }

  return columns;
}

static gsize
table_start (AtlasPackage *pkg,
             guint         indicator,
             guint         year_index)
{
  return ((gsize) indicator * pkg->years->len + year_index) * pkg->n_cells;
}

static char *
category_codes (AtlasIndicator *indicator)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < atlas_indicator_get_n_categories (indicator); i++)
    g_string_append_printf (s, "%s%d", i > 0 ? ", " : "",
                            atlas_indicator_get_category (indicator, i)->code);

  return g_string_free (s, FALSE);
}

static gboolean
check_value (Loader         *l,
             Table          *t,
             Place          *location,
             AtlasIndicator *indicator,
             const char     *text,
             double          value)
{
  g_autofree char *codes = NULL;

  if (atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY ||
      (value == floor (value) && fabs (value) < G_MAXINT &&
       atlas_indicator_lookup_category (indicator, (int) value) != NULL))
    return TRUE;

  codes = category_codes (indicator);
  add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, place_text (location),
               _("the value “%s” in column “%s” is not a declared category; expected one of %s"),
               text, atlas_indicator_get_id (indicator), codes);
  return FALSE;
}

static void
read_cell (Loader     *l,
           Table      *t,
           Place      *location,
           guint       column,
           const char *text,
           guint       cell)
{
  AtlasPackage *pkg = l->pkg;
  AtlasIndicator *indicator = g_ptr_array_index (pkg->indicators, t->columns[column]);
  char *end = NULL;
  double value;
  gsize start;

  if (*text == '\0' || g_str_equal (text, ".."))
    return;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    {
      add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, place_text (location),
                   _("non-numeric value “%s” in column “%s”; expected a number with a decimal point, an empty cell or “..”"),
                   text, atlas_indicator_get_id (indicator));
      return;
    }
  if (!check_value (l, t, location, indicator, text, value))
    return;

  start = table_start (pkg, t->columns[column], t->year_index);
  pkg->values[start + cell] = value;
  pkg->states[start + cell] = ATLAS_CELL_STATE (ATLAS_VALUE_STORED, ATLAS_MISSING_NONE);
  pkg->has_stored[start / pkg->n_cells] = TRUE;
}

/* The row's cell, or G_MAXUINT after reporting why the row is skipped. */
static guint
row_cell (Loader     *l,
          Table      *t,
          Place      *location,
          const char *code,
          guint       line)
{
  guint cell = GPOINTER_TO_UINT (g_hash_table_lookup (l->cell_of_code, code));

  if (cell == 0)
    {
      if (l->areas_complete && !g_hash_table_contains (l->rejected_codes, code))
        add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, place_text (location),
                     _("unknown area code “%s”; expected a code of a division in manifest.json"), code);
      return G_MAXUINT;
    }

  cell--;
  if (t->row_line[cell] != 0)
    {
      add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, place_text (location),
                   _("a second row for area “%s”; expected one row per area (the first is on line %u)"),
                   code, t->row_line[cell]);
      return G_MAXUINT;
    }

  t->row_line[cell] = line;
  return cell;
}

static void
read_row (Loader    *l,
          Table     *t,
          CsvReader *r,
          guint      line)
{
  g_auto(Place) place = { FALSE, line, NULL };
  Place *location = &place;
  guint cell;

  if (r->starts->len != t->n_columns)
    {
      add_problem (l, ATLAS_DATASET_ERROR_VALUES, t->file, place_text (location),
                   _("the row has %u cells; expected %u as in the header"), r->starts->len, t->n_columns);
      return;
    }

  cell = row_cell (l, t, location, csv_field (r, 0), line);
  if (cell == G_MAXUINT)
    return;

  for (guint c = 1; c < t->n_columns; c++)
    if (t->columns[c] >= 0)
      read_cell (l, t, location, c, csv_field (r, c), cell);
}

static void
read_table (Loader *l,
            guint   year_index)
{
  guint year = g_array_index (l->pkg->years, guint, year_index);
  Table t = { g_strdup_printf ("values/%u.csv", year), year_index, NULL, 0, NULL };
  CsvReader r = { NULL, NULL, 1, g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gsize)) };
  gsize length = 0;
  g_autofree char *text = read_package_file (l, t.file, &length);
  guint line;

  if (text == NULL)
    add_problem (l, ATLAS_DATASET_ERROR_VALUES, t.file, NULL,
                 _("the table is missing; expected one for every year listed in manifest.json"));
  else
    {
      r.p = g_str_has_prefix (text, "\xef\xbb\xbf") ? text + 3 : text;
      r.end = text + length;
      t.columns = read_table_header (l, &t, &r);
      t.row_line = g_new0 (guint, l->pkg->n_cells);
      while (t.columns != NULL && csv_next_record (&r, &line))
        read_row (l, &t, &r, line);
    }

  g_free (t.file);
  g_free (t.columns);
  g_free (t.row_line);
  g_string_free (r.buf, TRUE);
  g_array_unref (r.starts);
}

/* Tables for years the manifest does not list would be silently ignored. */
static void
check_stray_tables (Loader *l)
{
  g_autofree char *dir = package_path (l, "values");
  char **entries = VSIReadDir (dir);

  for (char **e = entries; e != NULL && *e != NULL; e++)
    {
      guint year = 0;
      int consumed = 0;
      gboolean listed = FALSE;

      if (sscanf (*e, "%u.csv%n", &year, &consumed) != 1 || (*e)[consumed] != '\0' || consumed == 0)
        continue;
      for (guint y = 0; y < l->pkg->years->len; y++)
        listed = listed || g_array_index (l->pkg->years, guint, y) == year;
      if (!listed)
        {
          g_autofree char *file = g_strconcat ("values/", *e, NULL);
          add_problem (l, ATLAS_DATASET_ERROR_VALUES, file, NULL,
                       _("a table for %u, which manifest.json does not list; expected the year in “years”"), year);
        }
    }
  CSLDestroy (entries);
}

static void
allocate_values (AtlasPackage *pkg)
{
  gsize n_tables = (gsize) pkg->indicators->len * pkg->years->len;
  gsize n = n_tables * pkg->n_cells;

  pkg->values = g_new (double, MAX (n, 1));
  pkg->states = g_new (guint8, MAX (n, 1));
  pkg->has_stored = g_new0 (gboolean, MAX (n_tables, 1));
  for (gsize i = 0; i < n; i++)
    pkg->values[i] = NAN;
  memset (pkg->states, ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, ATLAS_MISSING_NOT_IN_SOURCE), n);
}

static void
read_values (Loader *l)
{
  allocate_values (l->pkg);

  for (guint y = 0; y < l->pkg->years->len; y++)
    {
      if (g_cancellable_is_cancelled (l->cancellable))
        return;
      read_table (l, y);
    }

  check_stray_tables (l);
}

/* ---- derived values ----------------------------------------------------- */

typedef struct
{
  guint    *child_of;     /* per division: the covering child division, or G_MAXUINT */
  gboolean *has_child;    /* per division: any division lies below it */
  guint    *parent_index; /* per cell: the parent area's index in its division */
  guint    *weight_of;    /* per indicator: the weight's index, or G_MAXUINT */
  double   *sum_v;
  double   *sum_w;
  guint    *n_children;
  guint8   *flags;
} Derivation;

enum
{
  FLAG_VALUE_MISSING = 1 << 0,
  FLAG_WEIGHT_MISSING = 1 << 1,
};

static guint
division_index (AtlasPackage  *pkg,
                AtlasDivision *division)
{
  guint index = 0;

  g_ptr_array_find (pkg->divisions, division, &index);
  return index;
}

static void
link_divisions (AtlasPackage *pkg,
                Derivation   *dv)
{
  guint n = pkg->divisions->len;

  dv->child_of = g_new (guint, n);
  dv->has_child = g_new0 (gboolean, n);
  dv->parent_index = g_new0 (guint, MAX (pkg->n_cells, 1));
  for (guint d = 0; d < n; d++)
    dv->child_of[d] = G_MAXUINT;

  /* The first covering child division is the one parents derive from. */
  for (guint d = 1; d < n; d++)
    {
      AtlasDivision *division = g_ptr_array_index (pkg->divisions, d);
      guint p = division_index (pkg, atlas_division_get_parent (division));

      dv->has_child[p] = TRUE;
      if (atlas_division_covers_parent (division) && dv->child_of[p] == G_MAXUINT)
        dv->child_of[p] = d;
      for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
        dv->parent_index[pkg->division_offsets[d] + a] =
          atlas_area_get_index (atlas_area_get_parent (atlas_division_get_area (division, a)));
    }
}

static void
find_weights (AtlasPackage *pkg,
              Derivation   *dv)
{
  dv->weight_of = g_new (guint, MAX (pkg->indicators->len, 1));

  for (guint i = 0; i < pkg->indicators->len; i++)
    {
      const char *weight = atlas_indicator_get_weight_id (g_ptr_array_index (pkg->indicators, i));

      dv->weight_of[i] = G_MAXUINT;
      for (guint j = 0; weight != NULL && j < pkg->indicators->len; j++)
        if (g_str_equal (weight, atlas_indicator_get_id (g_ptr_array_index (pkg->indicators, j))))
          dv->weight_of[i] = j;
    }
}

/* The reason every unstored cell of division d gets, or NONE when values
 * can be derived from its child division. */
static AtlasMissingReason
fixed_reason (const Derivation *dv,
              AtlasIndicator   *indicator,
              guint             d)
{
  if (!dv->has_child[d])
    return ATLAS_MISSING_NOT_IN_SOURCE;

  switch (atlas_indicator_get_aggregation (indicator))
    {
    case ATLAS_AGGREGATION_NONE:
      return ATLAS_MISSING_NOT_AGGREGATABLE;
    case ATLAS_AGGREGATION_CATEGORY:
      return ATLAS_MISSING_CATEGORY;
    case ATLAS_AGGREGATION_SUM:
    case ATLAS_AGGREGATION_WEIGHTED_MEAN:
    default:
      break;
    }

  return dv->child_of[d] == G_MAXUINT ? ATLAS_MISSING_PARTIAL_COVERAGE : ATLAS_MISSING_NONE;
}

static void
accumulate_children (AtlasPackage *pkg,
                     Derivation   *dv,
                     guint         i,
                     guint         y,
                     guint         c,
                     guint         n_parents)
{
  guint n = atlas_division_get_n_areas (g_ptr_array_index (pkg->divisions, c));
  gsize off = pkg->division_offsets[c];
  const double *v = pkg->values + table_start (pkg, i, y) + off;
  const double *w = dv->weight_of[i] != G_MAXUINT
                    ? pkg->values + table_start (pkg, dv->weight_of[i], y) + off : NULL;

  memset (dv->sum_v, 0, sizeof (double) * n_parents);
  memset (dv->sum_w, 0, sizeof (double) * n_parents);
  memset (dv->n_children, 0, sizeof (guint) * n_parents);
  memset (dv->flags, 0, n_parents);

  for (guint k = 0; k < n; k++)
    {
      guint p = dv->parent_index[off + k];

      dv->n_children[p]++;
      if (isnan (v[k]))
        dv->flags[p] |= FLAG_VALUE_MISSING;
      else if (w == NULL)
        dv->sum_v[p] += v[k];
      else if (isnan (w[k]))
        dv->flags[p] |= FLAG_WEIGHT_MISSING;
      else
        {
          dv->sum_v[p] += v[k] * w[k];
          dv->sum_w[p] += w[k];
        }
    }
}

static AtlasMissingReason
derived_value (const Derivation *dv,
               gboolean          weighted,
               guint             p,
               double           *value)
{
  if (dv->n_children[p] == 0)
    return ATLAS_MISSING_NOT_IN_SOURCE;
  if (dv->flags[p] & FLAG_VALUE_MISSING)
    return ATLAS_MISSING_INCOMPLETE;
  if (weighted && ((dv->flags[p] & FLAG_WEIGHT_MISSING) || dv->sum_w[p] == 0.0))
    return ATLAS_MISSING_NO_WEIGHT;

  *value = weighted ? dv->sum_v[p] / dv->sum_w[p] : dv->sum_v[p];
  return ATLAS_MISSING_NONE;
}

static void
derive_table (AtlasPackage *pkg,
              Derivation   *dv,
              guint         i,
              guint         y,
              guint         d)
{
  AtlasIndicator *indicator = g_ptr_array_index (pkg->indicators, i);
  guint n = atlas_division_get_n_areas (g_ptr_array_index (pkg->divisions, d));
  gsize start = table_start (pkg, i, y) + pkg->division_offsets[d];
  AtlasMissingReason reason = fixed_reason (dv, indicator, d);
  gboolean weighted = atlas_indicator_get_aggregation (indicator) == ATLAS_AGGREGATION_WEIGHTED_MEAN;

  if (reason == ATLAS_MISSING_NONE)
    accumulate_children (pkg, dv, i, y, dv->child_of[d], n);

  for (guint a = 0; a < n; a++)
    {
      double value = NAN;
      AtlasMissingReason r = reason;

      if (ATLAS_CELL_SOURCE (pkg->states[start + a]) == ATLAS_VALUE_STORED)
        continue;
      if (r == ATLAS_MISSING_NONE)
        r = derived_value (dv, weighted, a, &value);

      pkg->values[start + a] = value;
      pkg->states[start + a] = r == ATLAS_MISSING_NONE
                               ? ATLAS_CELL_STATE (ATLAS_VALUE_DERIVED, ATLAS_MISSING_NONE)
                               : ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, r);
    }
}

static void
mark_empty_tables (AtlasPackage *pkg)
{
  for (guint i = 0; i < pkg->indicators->len; i++)
    for (guint y = 0; y < pkg->years->len; y++)
      if (!pkg->has_stored[i * pkg->years->len + y])
        memset (pkg->states + table_start (pkg, i, y),
                ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, ATLAS_MISSING_YEAR), pkg->n_cells);
}

static void
derive_values (AtlasPackage *pkg)
{
  Derivation dv = { NULL, };
  guint max_areas = 1;

  link_divisions (pkg, &dv);
  find_weights (pkg, &dv);
  for (guint d = 0; d < pkg->divisions->len; d++)
    max_areas = MAX (max_areas, atlas_division_get_n_areas (g_ptr_array_index (pkg->divisions, d)));
  dv.sum_v = g_new (double, max_areas);
  dv.sum_w = g_new (double, max_areas);
  dv.n_children = g_new (guint, max_areas);
  dv.flags = g_new (guint8, max_areas);

  mark_empty_tables (pkg);
  /* Bottom-up: children (and their weights) are final before parents. */
  for (guint d = pkg->divisions->len; d-- > 0;)
    for (guint i = 0; i < pkg->indicators->len; i++)
      for (guint y = 0; y < pkg->years->len; y++)
        if (pkg->has_stored[i * pkg->years->len + y])
          derive_table (pkg, &dv, i, y, d);

  g_free (dv.child_of);
  g_free (dv.has_child);
  g_free (dv.parent_index);
  g_free (dv.weight_of);
  g_free (dv.sum_v);
  g_free (dv.sum_w);
  g_free (dv.n_children);
  g_free (dv.flags);
}

/* ---- the whole package -------------------------------------------------- */

static void
source_clear (gpointer data)
{
  AtlasSource *source = data;

  g_free (source->id);
  g_free (source->name);
  g_free (source->licence);
  g_free (source->url);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static AtlasPackage *
package_new (const char *path)
{
  AtlasPackage *pkg = g_new0 (AtlasPackage, 1);

  pkg->path = g_strdup (path);
  pkg->sources = g_array_new (FALSE, TRUE, sizeof (AtlasSource));
  g_array_set_clear_func (pkg->sources, source_clear);
  pkg->years = g_array_new (FALSE, FALSE, sizeof (guint));
  pkg->divisions = g_ptr_array_new_with_free_func (g_object_unref);
  pkg->themes = g_ptr_array_new_with_free_func (g_object_unref);
  /* Entries stay NULL for indicators without a usable id. */
  pkg->indicators = g_ptr_array_new_with_free_func (unref_if_set);
  pkg->areas_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  return pkg;
}

void
atlas_package_free (AtlasPackage *pkg)
{
  if (pkg == NULL)
    return;

  g_free (pkg->path);
  g_free (pkg->id);
  atlas_text_clear (&pkg->title);
  atlas_text_clear (&pkg->description);
  g_free (pkg->version);
  g_free (pkg->publisher);
  g_free (pkg->licence);
  g_free (pkg->date);
  g_array_unref (pkg->sources);
  g_array_unref (pkg->years);
  g_hash_table_unref (pkg->areas_by_code);
  g_ptr_array_unref (pkg->indicators);
  g_ptr_array_unref (pkg->themes);
  g_ptr_array_unref (pkg->divisions);
  g_free (pkg->division_offsets);
  g_free (pkg->values);
  g_free (pkg->states);
  g_free (pkg->has_stored);
  g_free (pkg);
}

static void
loader_clear (Loader *l)
{
  g_free (l->root);
  g_clear_pointer (&l->specs, g_ptr_array_unref);
  g_clear_pointer (&l->indicator_index, g_hash_table_unref);
  g_clear_pointer (&l->theme_ids, g_hash_table_unref);
  g_clear_pointer (&l->rejected_codes, g_hash_table_unref);
  g_clear_pointer (&l->cell_of_code, g_hash_table_unref);
  g_clear_pointer (&l->pkg, atlas_package_free);
  g_free (l->gdal_message);
  if (l->ct != NULL)
    OCTDestroyCoordinateTransformation (l->ct);
  if (l->ct_source != NULL)
    OSRDestroySpatialReference (l->ct_source);
  if (l->wgs84 != NULL)
    OSRDestroySpatialReference (l->wgs84);
}

static gboolean
run_phases (Loader     *l,
            const char *path,
            GError    **error)
{
  if (!locate_root (l, path) || !read_manifest (l))
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (l->cancellable, error))
    return FALSE;

  read_geometry (l);
  if (g_cancellable_set_error_if_cancelled (l->cancellable, error))
    return FALSE;

  index_cells (l);
  read_values (l);
  if (g_cancellable_set_error_if_cancelled (l->cancellable, error))
    return FALSE;

  if (l->problems->len == 0)
    derive_values (l->pkg);
  return TRUE;
}

AtlasPackage *
atlas_package_load (const char   *path,
                    GCancellable *cancellable,
                    GPtrArray    *problems,
                    guint        *problem_classes,
                    GError      **error)
{
  static GOnce gdal_once = G_ONCE_INIT;
  Loader l = { NULL, };
  guint n_before = problems->len;
  AtlasPackage *pkg = NULL;

  g_once (&gdal_once, register_gdal, NULL);

  l.cancellable = cancellable;
  l.problems = problems;
  l.classes = problem_classes;
  l.pkg = package_new (path);
  l.specs = g_ptr_array_new_with_free_func (geometry_spec_free);
  l.indicator_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.rejected_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.cell_of_code = g_hash_table_new (g_str_hash, g_str_equal);
  l.areas_complete = TRUE;

  /* GDAL's messages become problems here, never lines on stderr. The
   * handler stack is per thread, so parallel loads do not mix them. */
  CPLPushErrorHandlerEx (collect_gdal_message, &l);
  if (run_phases (&l, path, error) && problems->len == n_before)
    pkg = g_steal_pointer (&l.pkg);
  CPLPopErrorHandler ();

  loader_clear (&l);
  return pkg;
}
