/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-error.h"
#include "atlas-import-private.h"
#include "atlas-json-scan-private.h"

/* SCB's PxWeb and JSON-stat answers nest five or six levels deep. */
#define IMPORT_JSON_DEPTH 64

/* SCB's API formats: the PxWeb API's JSON (columns and data) and
 * JSON-stat 2.0 (what PxWebApi 2 returns). One dimension holds area
 * codes, one the time, one the contents; the rest are dimensions such as
 * Kon and Alder. */

static JsonNode *
parse_json (GBytes     *bytes,
            const char *name,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local = NULL;
  g_autofree char *message = NULL;
  guint line = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, size -= 3;
  /* json-glib recurses per level and keeps the last of two equal keys. */
  if (!atlas_json_scan (data, size, IMPORT_JSON_DEPTH, &line, &message))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s, line %u: %s"), name, line, message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: not valid JSON (%s); expected the JSON that SCB's API returns"), name, local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: the JSON is not an object; expected PxWeb JSON or JSON-stat 2.0"), name);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
element_string (JsonArray *array,
                guint      index)
{
  JsonNode *node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = array != NULL && index < json_array_get_length (array)
                   ? json_array_get_element (array, index) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A table key: the code without its version suffix, which becomes the
 * table's division version. */
static guint
add_area_key (ImportTable *table,
              const char  *text)
{
  g_autofree char *version = NULL;
  g_autofree char *code = atlas_import_normalize_code (text, &version, NULL);

  if (version != NULL && table->version == NULL)
    table->version = g_steal_pointer (&version);
  return atlas_import_table_add_key (table, code != NULL ? code : text);
}

static gboolean
no_area_dimension (const char  *name,
                   GError     **error)
{
  g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_NO_AREAS,
               _("%s: no dimension holds area codes; expected a region dimension with SCB codes "
                 "(such as 0380 or 0380R001_RegSO2025)"), name);
  return FALSE;
}

static gboolean
is_area_value (const char *text)
{
  g_autofree char *code = atlas_import_normalize_code (text, NULL, NULL);

  return code != NULL;
}

/* ---- PxWeb API JSON -------------------------------------------------------- */

typedef struct
{
  int    region;       /* column index of the area codes */
  int    time;
  GArray *dims;        /* int column index per table dimension ("d") */
  GArray *contents;    /* int column index per contents column ("c") */
} PxColumns;

static gboolean
plan_px_columns (ImportTable *table,
                 JsonArray   *columns,
                 JsonArray   *data,
                 PxColumns   *px,
                 GError     **error)
{
  JsonObject *first = element_object (data, 0);
  JsonArray *key = array_member (first, "key");
  guint k = 0;

  px->region = px->time = -1;
  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = element_object (columns, i);
      const char *type = string_member (column, "type");
      int index = (int) i;

      if (g_strcmp0 (type, "c") == 0)
        {
          g_array_append_val (px->contents, index);
          continue;
        }
      if (g_strcmp0 (type, "t") == 0 && px->time < 0)
        px->time = (int) k;
      else if (px->region < 0 && key != NULL && is_area_value (element_string (key, k)))
        px->region = (int) k;
      else
        {
          const char *code = string_member (column, "code");

          atlas_import_table_add_dim (table, code != NULL ? code : "–", string_member (column, "text"));
          g_array_append_val (px->dims, k);
        }
      k++;
    }
  if (px->region < 0)
    return no_area_dimension (table->name, error);
  return TRUE;
}

/* PxWeb API JSON gives the codes of a dimension's values, not their
 * texts. SCB's Kon has standard texts: those, not "…, 1", name the
 * indicators; other dimensions keep their codes. */
static const struct
{
  const char *code;
  const char *text;
} kon_texts[] = {
  { "1", "män" },
  { "2", "kvinnor" },
  { "1+2", "totalt" },
};

static const char *
standard_text (ImportDim  *dim,
               const char *value)
{
  if (g_ascii_strcasecmp (dim->id, "Kon") != 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (kon_texts); i++)
    if (g_str_equal (value, kon_texts[i].code))
      return kon_texts[i].text;
  return NULL;
}

/* Says where the texts came from, among the table's notes. */
static void
note_standard_texts (ImportTable *table)
{
  for (guint d = 0; d < table->dims->len; d++)
    {
      ImportDim *dim = g_ptr_array_index (table->dims, d);

      for (guint v = 0; v < dim->values->len; v++)
        if (standard_text (dim, g_ptr_array_index (dim->values, v)) != NULL)
          {
            g_ptr_array_add (table->footnotes,
                             g_strdup ("Platsatlas: filen anger bara koderna för kön; texterna män (1), "
                                       "kvinnor (2) och totalt (1+2) är SCB:s standardtexter."));
            return;
          }
    }
}

static void
read_px_metadata (ImportTable *table,
                  JsonObject  *root)
{
  JsonArray *metadata = array_member (root, "metadata");
  JsonArray *comments = array_member (root, "comments");
  JsonObject *meta = metadata != NULL && json_array_get_length (metadata) > 0
                     ? element_object (metadata, 0) : NULL;
  const char *label = string_member (meta, "label");
  const char *after = label != NULL ? strstr (label, " efter ") : NULL;

  table->title = g_strdup (label);
  table->subject = after != NULL ? g_strndup (label, after - label) : g_strdup (label);
  table->source = g_strdup (string_member (meta, "source"));
  table->reference = g_strdup (string_member (meta, "infofile"));
  table->updated = g_strdup (string_member (meta, "updated"));
  for (guint i = 0; comments != NULL && i < json_array_get_length (comments); i++)
    {
      JsonNode *node = json_array_get_element (comments, i);
      JsonObject *comment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *text = string_member (comment, "comment");

      if (text != NULL)
        g_ptr_array_add (table->footnotes, g_strdup (text));
    }
}

static void
read_px_row (ImportTable *table,
             PxColumns   *px,
             JsonObject  *row)
{
  JsonArray *key = array_member (row, "key");
  JsonArray *values = array_member (row, "values");
  guint n = table->dims->len;
  g_autofree guint *indexes = g_new0 (guint, n + 1);
  const char *area = key != NULL ? element_string (key, (guint) px->region) : NULL;
  int year = px->time >= 0 && key != NULL ? atlas_import_parse_year (element_string (key, (guint) px->time)) : 0;
  guint k;

  if (area == NULL || values == NULL)
    return;
  k = add_area_key (table, area);
  for (guint d = 0; d < px->dims->len; d++)
    {
      const char *value = element_string (key, g_array_index (px->dims, int, d));

      if (value == NULL && key != NULL && (guint) g_array_index (px->dims, int, d) >= json_array_get_length (key))
        return;
      indexes[d] = atlas_import_dim_add_value (g_ptr_array_index (table->dims, d),
                                               value != NULL ? value : "–",
                                               value != NULL ? standard_text (g_ptr_array_index (table->dims, d), value)
                                                             : NULL);
    }
  for (guint c = 0; c < px->contents->len && c < json_array_get_length (values); c++)
    {
      gboolean ok;
      double value = atlas_import_parse_number (element_string (values, c), &ok);

      indexes[n - 1] = c;
      atlas_import_table_add_cell (table, k, year, atlas_import_table_add_series (table, indexes), value);
    }
}

/**
 * atlas_import_read_pxweb:
 * @bytes: the file's content
 * @name: the file's name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the PxWeb API JSON table in long form
 */
ImportTable *
atlas_import_read_pxweb (GBytes      *bytes,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(JsonNode) root = parse_json (bytes, name, error);
  g_autoptr(ImportTable) table = NULL;
  JsonObject *object;
  JsonArray *columns, *data;
  PxColumns px = { -1, -1, NULL, NULL };
  ImportDim *contents;
  gboolean ok;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  columns = array_member (object, "columns");
  data = array_member (object, "data");
  if (columns == NULL || data == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: no “columns” and “data”; expected the JSON of SCB's PxWeb API"), name);
      return NULL;
    }

  table = atlas_import_table_new (name, "pxweb");
  px.dims = g_array_new (FALSE, FALSE, sizeof (int));
  px.contents = g_array_new (FALSE, FALSE, sizeof (int));
  ok = plan_px_columns (table, columns, data, &px, error);
  if (ok)
    {
      contents = atlas_import_table_add_dim (table, "ContentsCode", _("contents"));
      contents->contents = TRUE;
      for (guint c = 0; c < px.contents->len; c++)
        {
          JsonObject *column = element_object (columns, g_array_index (px.contents, int, c));
          const char *code = string_member (column, "code");
          const char *text = string_member (column, "text");

          g_ptr_array_add (contents->values, g_strdup (code != NULL ? code : text != NULL ? text : "–"));
          g_ptr_array_add (contents->texts, g_strdup (text != NULL ? text : code != NULL ? code : "–"));
        }
      read_px_metadata (table, object);
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonNode *node = json_array_get_element (data, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            read_px_row (table, &px, json_node_get_object (node));
        }
      note_standard_texts (table);
    }
  g_array_unref (px.dims);
  g_array_unref (px.contents);
  return ok ? g_steal_pointer (&table) : NULL;
}

/* ---- JSON-stat 2.0 ------------------------------------------------------- */

typedef struct
{
  char      *id;
  GPtrArray *codes;   /* by position */
  GPtrArray *labels;
} StatDim;

static void
stat_dim_free (gpointer data)
{
  StatDim *dim = data;

  g_free (dim->id);
  g_ptr_array_unref (dim->codes);
  g_ptr_array_unref (dim->labels);
  g_free (dim);
}

static void
add_index_member (JsonObject  *object,
                  const char  *member,
                  JsonNode    *node,
                  gpointer     data)
{
  GPtrArray *codes = data;
  gint64 position = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;

  if (position < 0 || position > 100000)
    return;
  if ((guint) position >= codes->len)
    g_ptr_array_set_size (codes, (guint) position + 1);
  g_free (g_ptr_array_index (codes, position));
  g_ptr_array_index (codes, position) = g_strdup (member);
}

/* category.index is an object (code → position) or an array of codes;
 * without it, category.label's one code. */
static StatDim *
read_stat_dim (JsonObject *dimensions,
               const char *id)
{
  JsonObject *category = object_member (object_member (dimensions, id), "category");
  JsonNode *index = category != NULL ? json_object_get_member (category, "index") : NULL;
  JsonObject *labels = object_member (category, "label");
  StatDim *dim = g_new0 (StatDim, 1);

  dim->id = g_strdup (id);
  dim->codes = g_ptr_array_new_with_free_func (g_free);
  dim->labels = g_ptr_array_new_with_free_func (g_free);
  if (index != NULL && JSON_NODE_HOLDS_OBJECT (index))
    json_object_foreach_member (json_node_get_object (index), add_index_member, dim->codes);
  else if (index != NULL && JSON_NODE_HOLDS_ARRAY (index))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (index)); i++)
      g_ptr_array_add (dim->codes, g_strdup (element_string (json_node_get_array (index), i)));
  else if (labels != NULL && json_object_get_size (labels) == 1)
    {
      GList *members = json_object_get_members (labels);

      g_ptr_array_add (dim->codes, g_strdup (members->data));
      g_list_free (members);
    }

  for (guint i = 0; i < dim->codes->len; i++)
    {
      const char *code = g_ptr_array_index (dim->codes, i);
      const char *label = code != NULL ? string_member (labels, code) : NULL;

      if (code == NULL)
        g_ptr_array_index (dim->codes, i) = g_strdup ("–");
      g_ptr_array_add (dim->labels, g_strdup (label != NULL ? label : g_ptr_array_index (dim->codes, i)));
    }
  return dim;
}

#define MAX_STAT_CELLS (64 * 1024 * 1024)

typedef struct
{
  GPtrArray *dims;     /* StatDim, in "id" order */
  int        region;
  int        time;
  int        metric;
  GArray    *table_dims; /* ImportDim index per StatDim, -1 for region and time */
} StatPlan;

static int
role_dim (JsonObject *root,
          GPtrArray  *dims,
          const char *role)
{
  JsonArray *ids = array_member (object_member (root, "role"), role);
  const char *id = ids != NULL ? element_string (ids, 0) : NULL;

  for (guint i = 0; id != NULL && i < dims->len; i++)
    if (g_str_equal (((StatDim *) g_ptr_array_index (dims, i))->id, id))
      return (int) i;
  return -1;
}

static int
guess_dim (GPtrArray *dims,
           gboolean (*test) (const char *))
{
  for (guint i = 0; i < dims->len; i++)
    {
      StatDim *dim = g_ptr_array_index (dims, i);

      if (dim->codes->len > 0 && test (g_ptr_array_index (dim->codes, 0)))
        return (int) i;
    }
  return -1;
}

static gboolean
is_year_code (const char *text)
{
  return atlas_import_parse_year (text) > 0 && g_ascii_isdigit (text[0]);
}

static gboolean
plan_stat (ImportTable *table,
           JsonObject  *root,
           StatPlan    *plan,
           GError     **error)
{
  JsonArray *ids = array_member (root, "id");
  JsonObject *dimensions = object_member (root, "dimension");

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    if (element_string (ids, i) != NULL)
      g_ptr_array_add (plan->dims, read_stat_dim (dimensions, element_string (ids, i)));

  plan->region = role_dim (root, plan->dims, "geo");
  if (plan->region < 0)
    plan->region = guess_dim (plan->dims, is_area_value);
  plan->time = role_dim (root, plan->dims, "time");
  if (plan->time < 0)
    plan->time = guess_dim (plan->dims, is_year_code);
  plan->metric = role_dim (root, plan->dims, "metric");
  if (plan->region < 0)
    return no_area_dimension (table->name, error);

  for (guint i = 0; i < plan->dims->len; i++)
    {
      StatDim *sd = g_ptr_array_index (plan->dims, i);
      JsonObject *object = object_member (dimensions, sd->id);
      int index = -1;

      if ((int) i != plan->region && (int) i != plan->time)
        {
          ImportDim *dim = atlas_import_table_add_dim (table, sd->id, string_member (object, "label"));

          dim->contents = (int) i == plan->metric || g_str_equal (sd->id, "ContentsCode");
          for (guint v = 0; v < sd->codes->len; v++)
            atlas_import_dim_add_value (dim, g_ptr_array_index (sd->codes, v), g_ptr_array_index (sd->labels, v));
          index = (int) table->dims->len - 1;
        }
      g_array_append_val (plan->table_dims, index);
    }
  return TRUE;
}

/* The value at a flat position, from a dense array or a sparse object. */
static gboolean
stat_value (JsonNode *values,
            guint64   position,
            double   *value)
{
  JsonNode *node = NULL;

  if (JSON_NODE_HOLDS_ARRAY (values) && position < json_array_get_length (json_node_get_array (values)))
    node = json_array_get_element (json_node_get_array (values), (guint) position);
  else if (JSON_NODE_HOLDS_OBJECT (values))
    {
      char key[24];

      g_snprintf (key, sizeof key, "%" G_GUINT64_FORMAT, position);
      node = json_object_get_member (json_node_get_object (values), key);
    }
  if (node == NULL)
    return FALSE;
  *value = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING
           ? json_node_get_double (node) : NAN;
  return TRUE;
}

static void
read_stat_cells (ImportTable *table,
                 StatPlan    *plan,
                 JsonNode    *values,
                 guint64      n_cells)
{
  guint n = plan->dims->len;
  g_autofree guint *position = g_new0 (guint, n + 1);
  g_autofree guint *indexes = g_new0 (guint, table->dims->len + 1);

  for (guint64 flat = 0; flat < n_cells; flat++)
    {
      StatDim *region = g_ptr_array_index (plan->dims, plan->region);
      double value;

      if (stat_value (values, flat, &value))
        {
          int year = plan->time >= 0
                     ? atlas_import_parse_year (g_ptr_array_index (((StatDim *) g_ptr_array_index (plan->dims, plan->time))->codes,
                                                                   position[plan->time]))
                     : 0;

          for (guint d = 0; d < n; d++)
            if (g_array_index (plan->table_dims, int, d) >= 0)
              indexes[g_array_index (plan->table_dims, int, d)] = position[d];
          atlas_import_table_add_cell (table, add_area_key (table, g_ptr_array_index (region->codes, position[plan->region])),
                                       year, atlas_import_table_add_series (table, indexes), value);
        }
      /* Row-major: the last dimension varies fastest. */
      for (int d = (int) n - 1; d >= 0; d--)
        {
          StatDim *dim = g_ptr_array_index (plan->dims, d);

          if (++position[d] < dim->codes->len)
            break;
          position[d] = 0;
        }
    }
}

static guint64
count_cells (StatPlan *plan)
{
  guint64 n = 1;

  for (guint d = 0; d < plan->dims->len; d++)
    {
      n *= ((StatDim *) g_ptr_array_index (plan->dims, d))->codes->len;
      if (n > MAX_STAT_CELLS)
        return 0;
    }
  return n;
}

static void
read_stat_notes (ImportTable *table,
                 JsonObject  *root)
{
  JsonArray *notes = array_member (root, "note");
  const char *label = string_member (root, "label");
  const char *after = label != NULL ? strstr (label, " efter ") : NULL;
  JsonObject *extension = object_member (object_member (root, "extension"), "px");

  table->title = g_strdup (label);
  table->subject = after != NULL ? g_strndup (label, after - label) : g_strdup (label);
  table->source = g_strdup (string_member (root, "source"));
  table->updated = g_strdup (string_member (root, "updated"));
  table->reference = g_strdup (string_member (extension, "infofile"));
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    if (element_string (notes, i) != NULL)
      g_ptr_array_add (table->footnotes, g_strdup (element_string (notes, i)));
}

/**
 * atlas_import_read_json_stat:
 * @bytes: the file's content
 * @name: the file's name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the JSON-stat 2.0 dataset in long form
 */
ImportTable *
atlas_import_read_json_stat (GBytes      *bytes,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(JsonNode) root = parse_json (bytes, name, error);
  g_autoptr(ImportTable) table = NULL;
  StatPlan plan = { NULL, -1, -1, -1, NULL };
  JsonObject *object;
  JsonNode *values;
  guint64 n_cells;
  gboolean ok;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  values = json_object_get_member (object, "value");
  if (g_strcmp0 (string_member (object, "class"), "dataset") != 0 || values == NULL ||
      object_member (object, "dimension") == NULL || array_member (object, "id") == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: not a JSON-stat 2.0 dataset; expected “class”: “dataset” with “id”, “dimension” and “value”"),
                   name);
      return NULL;
    }

  table = atlas_import_table_new (name, "json-stat");
  plan.dims = g_ptr_array_new_with_free_func (stat_dim_free);
  plan.table_dims = g_array_new (FALSE, FALSE, sizeof (int));
  ok = plan_stat (table, object, &plan, error);
  n_cells = ok ? count_cells (&plan) : 0;
  if (ok && n_cells == 0)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: the dimensions have no categories, or too many cells; expected at most %d cells"),
                   name, MAX_STAT_CELLS);
      ok = FALSE;
    }
  if (ok)
    {
      read_stat_notes (table, object);
      read_stat_cells (table, &plan, values, n_cells);
    }
  g_ptr_array_unref (plan.dims);
  g_array_unref (plan.table_dims);
  return ok ? g_steal_pointer (&table) : NULL;
}
