/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <math.h>
#include <sys/stat.h>

#include "atlas-json-scan-private.h"
#include "atlas-saved-view.h"

#define FILE_VERSION 1

struct _AtlasSavedView
{
  GObject           parent_instance;

  char             *name;
  char             *package;
  char             *indicator;
  char             *level;
  guint             year;
  double            latitude;
  double            longitude;
  double            zoom;
  /* Method, count, scope and palette; never manual breaks, which are
   * remembered per indicator. */
  AtlasClassification *classification;
};

G_DEFINE_FINAL_TYPE (AtlasSavedView, atlas_saved_view, G_TYPE_OBJECT)
G_DEFINE_QUARK (atlas-saved-view-error-quark, atlas_saved_view_error)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
atlas_saved_view_finalize (GObject *object)
{
  AtlasSavedView *self = ATLAS_SAVED_VIEW (object);

  g_free (self->name);
  g_free (self->package);
  g_free (self->indicator);
  g_free (self->level);
  g_clear_object (&self->classification);

  G_OBJECT_CLASS (atlas_saved_view_parent_class)->finalize (object);
}

static void
atlas_saved_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasSavedView *self = ATLAS_SAVED_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_saved_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasSavedView *self = ATLAS_SAVED_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME: atlas_saved_view_set_name (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_saved_view_class_init (AtlasSavedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_saved_view_finalize;
  object_class->get_property = atlas_saved_view_get_property;
  object_class->set_property = atlas_saved_view_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_saved_view_init (AtlasSavedView *self)
{
  self->name = g_strdup ("");
  self->classification = atlas_classification_new ();
}

/**
 * atlas_saved_view_new:
 * @year: 0 for the newest year
 *
 * Returns: (transfer full): a view with default camera, classification
 * and palette
 */
AtlasSavedView *
atlas_saved_view_new (const char *name,
                      const char *package,
                      const char *indicator,
                      const char *level,
                      guint       year)
{
  AtlasSavedView *self;

  g_return_val_if_fail (name != NULL && package != NULL, NULL);
  g_return_val_if_fail (indicator != NULL && level != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_SAVED_VIEW, "name", name, NULL);
  self->package = g_strdup (package);
  self->indicator = g_strdup (indicator);
  self->level = g_strdup (level);
  self->year = year;
  return self;
}

const char *
atlas_saved_view_get_name (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return self->name;
}

void
atlas_saved_view_set_name (AtlasSavedView *self,
                           const char     *name)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
atlas_saved_view_get_package (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return self->package;
}

const char *
atlas_saved_view_get_indicator (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return self->indicator;
}

const char *
atlas_saved_view_get_level (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return self->level;
}

guint
atlas_saved_view_get_year (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), 0);
  return self->year;
}

void
atlas_saved_view_set_camera (AtlasSavedView *self,
                             double          latitude,
                             double          longitude,
                             double          zoom)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  self->latitude = latitude;
  self->longitude = longitude;
  self->zoom = zoom;
}

void
atlas_saved_view_get_camera (AtlasSavedView *self,
                             double         *latitude,
                             double         *longitude,
                             double         *zoom)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  if (latitude != NULL)
    *latitude = self->latitude;
  if (longitude != NULL)
    *longitude = self->longitude;
  if (zoom != NULL)
    *zoom = self->zoom;
}

void
atlas_saved_view_set_classification (AtlasSavedView   *self,
                                     AtlasClassMethod  method,
                                     guint             count,
                                     gboolean          pooled)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));
  g_return_if_fail (method <= ATLAS_CLASS_METHOD_MANUAL);
  g_return_if_fail (count >= ATLAS_CLASS_MIN && count <= ATLAS_CLASS_MAX);

  atlas_classification_set_method (self->classification, method);
  atlas_classification_set_count (self->classification, count);
  atlas_classification_set_pooled (self->classification, pooled);
}

void
atlas_saved_view_get_classification (AtlasSavedView   *self,
                                     AtlasClassMethod *method,
                                     guint            *count,
                                     gboolean         *pooled)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  if (method != NULL)
    *method = atlas_classification_get_method (self->classification);
  if (count != NULL)
    *count = atlas_classification_get_count (self->classification);
  if (pooled != NULL)
    *pooled = atlas_classification_get_pooled (self->classification);
}

void
atlas_saved_view_set_palette (AtlasSavedView *self,
                              const char     *scheme,
                              gboolean        reverse)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  atlas_classification_set_palette_scheme (self->classification, scheme);
  atlas_classification_set_palette_reverse (self->classification, reverse);
}

const char *
atlas_saved_view_get_palette_scheme (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return atlas_classification_get_palette_scheme (self->classification);
}

gboolean
atlas_saved_view_get_palette_reverse (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), FALSE);
  return atlas_classification_get_palette_reverse (self->classification);
}

/* Each setter notifies only on a real change, so applying an unchanged
 * view redraws nothing. */
static void
copy_settings (AtlasClassification *from,
               AtlasClassification *to)
{
  atlas_classification_set_method (to, atlas_classification_get_method (from));
  atlas_classification_set_count (to, atlas_classification_get_count (from));
  atlas_classification_set_pooled (to, atlas_classification_get_pooled (from));
  atlas_classification_set_palette_scheme (to, atlas_classification_get_palette_scheme (from));
  atlas_classification_set_palette_reverse (to, atlas_classification_get_palette_reverse (from));
}

void
atlas_saved_view_store_classification (AtlasSavedView      *self,
                                       AtlasClassification *classification)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (classification));

  copy_settings (classification, self->classification);
}

void
atlas_saved_view_apply_classification (AtlasSavedView      *self,
                                       AtlasClassification *classification)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (classification));

  copy_settings (self->classification, classification);
}

gboolean
atlas_saved_view_check_package (AtlasSavedView  *self,
                                GError         **error)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), FALSE);

  if (g_file_test (self->package, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_NO_PACKAGE,
               _("The view “%s” shows the package “%s”, which no longer exists"),
               self->name, self->package);
  return FALSE;
}

char *
atlas_saved_view_default_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "platsatlas", "views.json", NULL);
}

/* Serialising */

static void
add_classification (JsonBuilder         *builder,
                    AtlasClassification *classification)
{
  const char *scheme = atlas_classification_get_palette_scheme (classification);

  json_builder_set_member_name (builder, "class-method");
  json_builder_add_string_value (builder,
                                 atlas_class_method_to_nick (atlas_classification_get_method (classification)));
  json_builder_set_member_name (builder, "class-count");
  json_builder_add_int_value (builder, atlas_classification_get_count (classification));
  json_builder_set_member_name (builder, "class-scope");
  json_builder_add_string_value (builder, atlas_classification_get_pooled (classification) ? "pooled" : "year");
  json_builder_set_member_name (builder, "palette-scheme");
  json_builder_add_string_value (builder, scheme != NULL ? scheme : "");
  json_builder_set_member_name (builder, "palette-reverse");
  json_builder_add_boolean_value (builder, atlas_classification_get_palette_reverse (classification));
}

static JsonNode *
view_to_json (AtlasSavedView *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "package");
  json_builder_add_string_value (builder, self->package);
  json_builder_set_member_name (builder, "indicator");
  json_builder_add_string_value (builder, self->indicator);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, self->level);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, self->year);
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, self->latitude);
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, self->longitude);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, self->zoom);
  add_classification (builder, self->classification);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
atlas_saved_views_save (GListModel  *views,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (views), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(AtlasSavedView) view = g_list_model_get_item (views, i);
      json_array_add_element (array, view_to_json (view));
    }
  json_object_set_int_member (object, "version", FILE_VERSION);
  json_object_set_array_member (object, "views", g_steal_pointer (&array));
  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (folder, 0700) == 0
      && g_file_set_contents (path, text, -1, &local_error))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Cannot save the views to “%s”: %s"), path,
               local_error != NULL ? local_error->message : g_strerror (errno));
  return FALSE;
}

/* Parsing: views.json may come from another computer or be damaged, so
 * every member is checked for its type and range, and the text for depth
 * and duplicate keys before json-glib parses it. */

#define MAX_VIEWS_BYTES (16 << 20)
#define MAX_VIEWS_DEPTH 16

static void
set_member_error (GError     **error,
                  const char  *path,
                  guint        index,
                  const char  *member,
                  const char  *expected)
{
  g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
               _("Cannot read the saved views in “%s”: view %u has a wrong “%s” (expected %s)"),
               path, index + 1, member, expected);
}

static const char *
required_string (JsonObject  *object,
                 const char  *member,
                 const char  *path,
                 guint        index,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_MISSING,
               _("Cannot read the saved views in “%s”: view %u has no “%s” (a text was expected)"),
               path, index + 1, member);
  return NULL;
}

/* Optional members: absent means the default; present with another type
 * is an error, never a CRITICAL from json-glib. */
static gboolean
optional_value (JsonObject  *object,
                const char  *member,
                GType        type,
                JsonNode   **node)
{
  *node = json_object_get_member (object, member);
  if (*node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (*node))
    return FALSE;

  return json_node_get_value_type (*node) == type ||
         (type == G_TYPE_DOUBLE && json_node_get_value_type (*node) == G_TYPE_INT64);
}

static gboolean
optional_number (JsonObject  *object,
                 const char  *member,
                 double       min,
                 double       max,
                 double      *value,
                 const char  *path,
                 guint        index,
                 GError     **error)
{
  g_autofree char *expected = NULL;
  JsonNode *node;

  if (optional_value (object, member, G_TYPE_DOUBLE, &node))
    {
      if (node == NULL)
        return TRUE;
      *value = json_node_get_double (node);
      if (isfinite (*value) && *value >= min && *value <= max)
        return TRUE;
    }

  expected = g_strdup_printf (_("a number from %g to %g"), min, max);
  set_member_error (error, path, index, member, expected);
  return FALSE;
}

static gboolean
optional_int (JsonObject  *object,
              const char  *member,
              gint64       max,
              gint64      *value,
              const char  *path,
              guint        index,
              GError     **error)
{
  g_autofree char *expected = NULL;
  JsonNode *node;

  if (optional_value (object, member, G_TYPE_INT64, &node))
    {
      if (node == NULL)
        return TRUE;
      *value = json_node_get_int (node);
      if (*value >= 0 && *value <= max)
        return TRUE;
    }

  expected = g_strdup_printf (_("a whole number from 0 to %d"), (int) max);
  set_member_error (error, path, index, member, expected);
  return FALSE;
}

static gboolean
optional_string (JsonObject  *object,
                 const char  *member,
                 const char **value,
                 const char  *path,
                 guint        index,
                 GError     **error)
{
  JsonNode *node;

  if (!optional_value (object, member, G_TYPE_STRING, &node))
    {
      set_member_error (error, path, index, member, _("a text"));
      return FALSE;
    }
  if (node != NULL)
    *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
optional_bool (JsonObject  *object,
               const char  *member,
               gboolean    *value,
               const char  *path,
               guint        index,
               GError     **error)
{
  JsonNode *node;

  if (!optional_value (object, member, G_TYPE_BOOLEAN, &node))
    {
      set_member_error (error, path, index, member, _("true or false"));
      return FALSE;
    }
  if (node != NULL)
    *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_classification (AtlasSavedView  *view,
                     JsonObject      *object,
                     const char      *path,
                     guint            index,
                     GError         **error)
{
  const char *method = "quantile", *scope = "pooled", *scheme = "";
  gint64 count = 5;
  gboolean reverse = FALSE;
  AtlasClassMethod parsed = ATLAS_CLASS_METHOD_QUANTILE;

  if (!optional_string (object, "class-method", &method, path, index, error) ||
      !optional_int (object, "class-count", 1000, &count, path, index, error) ||
      !optional_string (object, "class-scope", &scope, path, index, error) ||
      !optional_string (object, "palette-scheme", &scheme, path, index, error) ||
      !optional_bool (object, "palette-reverse", &reverse, path, index, error))
    return FALSE;

  atlas_class_method_from_nick (method, &parsed);
  atlas_saved_view_set_classification (view, parsed,
                                       CLAMP (count, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX),
                                       g_strcmp0 (scope, "year") != 0);
  atlas_saved_view_set_palette (view, scheme, reverse);
  return TRUE;
}

static gboolean
read_camera (AtlasSavedView  *view,
             JsonObject      *object,
             const char      *path,
             guint            index,
             GError         **error)
{
  double latitude = 0, longitude = 0, zoom = 0;

  if (!optional_number (object, "latitude", -90, 90, &latitude, path, index, error) ||
      !optional_number (object, "longitude", -180, 180, &longitude, path, index, error) ||
      !optional_number (object, "zoom", 0, 30, &zoom, path, index, error))
    return FALSE;

  atlas_saved_view_set_camera (view, latitude, longitude, zoom);
  return TRUE;
}

static AtlasSavedView *
view_from_json (JsonNode    *node,
                const char  *path,
                guint        index,
                GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *fields[4];
  static const char * const names[] = { "name", "package", "indicator", "level" };
  g_autoptr(AtlasSavedView) view = NULL;
  gint64 year = 0;

  if (object == NULL)
    {
      g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
                   _("Cannot read the saved views in “%s”: view %u is not an object"),
                   path, index + 1);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((fields[i] = required_string (object, names[i], path, index, error)) == NULL)
      return NULL;
  if (!optional_int (object, "year", 9999, &year, path, index, error))
    return NULL;

  view = atlas_saved_view_new (fields[0], fields[1], fields[2], fields[3], (guint) year);
  if (!read_camera (view, object, path, index, error) ||
      !read_classification (view, object, path, index, error))
    return NULL;
  return g_steal_pointer (&view);
}

static JsonArray *
views_array (JsonParser  *parser,
             const char  *path,
             GError     **error)
{
  JsonNode *root = json_parser_get_root (parser);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *views = object != NULL ? json_object_get_member (object, "views") : NULL;

  if (views != NULL && JSON_NODE_HOLDS_ARRAY (views))
    return json_node_get_array (views);
  g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
               _("Cannot read the saved views in “%s”: expected an object with a “views” list"),
               path);
  return NULL;
}

/* The file's text: a regular file of at most MAX_VIEWS_BYTES (never a
 * FIFO, which would block), NULL with @error set otherwise. */
static char *
read_views_text (const char  *path,
                 gsize       *length,
                 GError     **error)
{
  GStatBuf st;
  char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_VIEWS_BYTES)
    {
      g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
                   _("Cannot read the saved views in “%s”: expected a regular file of at most %u MB"),
                   path, (guint) (MAX_VIEWS_BYTES >> 20));
      return NULL;
    }
  if (!g_file_get_contents (path, &text, length, &local_error))
    g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
                 _("Cannot read the saved views in “%s”: %s"), path, local_error->message);
  return text;
}

static JsonParser *
parse_views (const char  *path,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;
  guint line = 0;

  if ((text = read_views_text (path, &length, error)) == NULL)
    return NULL;
  if (!atlas_json_scan (text, length, MAX_VIEWS_DEPTH, &line, &message))
    {
      g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
                   _("Cannot read the saved views in “%s”: line %u: %s"), path, line, message);
      return NULL;
    }
  /* json-glib's message names the line and column ("<data>:3:14: …"). */
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local_error))
    {
      g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
                   _("Cannot read the saved views in “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/**
 * atlas_saved_views_load:
 *
 * Returns: (transfer full) (nullable): the views, or NULL with @error set
 */
GListStore *
atlas_saved_views_load (const char  *path,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GListStore) store = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  JsonArray *array;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&store);
  if ((parser = parse_views (path, error)) == NULL ||
      (array = views_array (parser, path, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(AtlasSavedView) view = view_from_json (json_array_get_element (array, i), path, i, error);

      if (view == NULL)
        return NULL;
      g_list_store_append (store, view);
    }
  return g_steal_pointer (&store);
}
