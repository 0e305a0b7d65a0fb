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

#define FILE_VERSION 2

struct _AtlasSavedView
{
  GObject             parent_instance;

  char               *name;
  /* everything else: what the view shows */
  AtlasExplorerState *state;
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
  g_clear_object (&self->state);

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
  self->state = atlas_explorer_state_new ();
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
  atlas_explorer_state_set_package (self->state, package);
  atlas_explorer_state_set_indicator (self->state, indicator);
  atlas_explorer_state_set_level (self->state, level);
  atlas_explorer_state_set_year (self->state, year);
  return self;
}

/**
 * atlas_saved_view_new_for_state:
 *
 * Returns: (transfer full): a view of what @state shows now (a copy:
 * later changes of @state do not reach it)
 */
AtlasSavedView *
atlas_saved_view_new_for_state (const char         *name,
                                AtlasExplorerState *state)
{
  AtlasSavedView *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_SAVED_VIEW, "name", name, NULL);
  atlas_explorer_state_assign (self->state, state);
  return self;
}

/**
 * atlas_saved_view_get_state:
 *
 * Returns: (transfer none): what the view shows, without a dataset
 */
AtlasExplorerState *
atlas_saved_view_get_state (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return self->state;
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
  return atlas_explorer_state_get_package (self->state);
}

const char *
atlas_saved_view_get_indicator (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return atlas_explorer_state_get_indicator (self->state);
}

const char *
atlas_saved_view_get_level (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return atlas_explorer_state_get_level (self->state);
}

guint
atlas_saved_view_get_year (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), 0);
  return atlas_explorer_state_get_year (self->state);
}

void
atlas_saved_view_set_camera (AtlasSavedView *self,
                             double          latitude,
                             double          longitude,
                             double          zoom)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  atlas_explorer_state_set_camera (self->state, latitude, longitude, zoom);
}

void
atlas_saved_view_get_camera (AtlasSavedView *self,
                             double         *latitude,
                             double         *longitude,
                             double         *zoom)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  atlas_explorer_state_get_camera (self->state, latitude, longitude, zoom);
}

static AtlasClassification *
get_classification (AtlasSavedView *self)
{
  return atlas_explorer_state_get_classification (self->state);
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

  atlas_classification_set_method (get_classification (self), method);
  atlas_classification_set_count (get_classification (self), count);
  atlas_classification_set_pooled (get_classification (self), pooled);
}

void
atlas_saved_view_get_classification (AtlasSavedView   *self,
                                     AtlasClassMethod *method,
                                     guint            *count,
                                     gboolean         *pooled)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  if (method != NULL)
    *method = atlas_classification_get_method (get_classification (self));
  if (count != NULL)
    *count = atlas_classification_get_count (get_classification (self));
  if (pooled != NULL)
    *pooled = atlas_classification_get_pooled (get_classification (self));
}

void
atlas_saved_view_set_palette (AtlasSavedView *self,
                              const char     *scheme,
                              gboolean        reverse)
{
  g_return_if_fail (ATLAS_IS_SAVED_VIEW (self));

  atlas_classification_set_palette_scheme (get_classification (self), scheme);
  atlas_classification_set_palette_reverse (get_classification (self), reverse);
}

const char *
atlas_saved_view_get_palette_scheme (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), NULL);
  return atlas_classification_get_palette_scheme (get_classification (self));
}

gboolean
atlas_saved_view_get_palette_reverse (AtlasSavedView *self)
{
  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), FALSE);
  return atlas_classification_get_palette_reverse (get_classification (self));
}

gboolean
atlas_saved_view_check_package (AtlasSavedView  *self,
                                GError         **error)
{
  const char *package;

  g_return_val_if_fail (ATLAS_IS_SAVED_VIEW (self), FALSE);

  package = atlas_saved_view_get_package (self);
  if (g_file_test (package, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_NO_PACKAGE,
               _("The view “%s” shows the package “%s”, which no longer exists"),
               self->name, package);
  return FALSE;
}

/**
 * atlas_saved_views_find_shown:
 * @hint: the index of the view shown last, or -1: preferred when several
 *   views show the same
 * @position: (out): the position of the view, counted from 1
 *
 * Returns: (transfer none) (nullable): the first view in @views that
 * @state shows (same package, level, indicator and year)
 */
AtlasSavedView *
atlas_saved_views_find_shown (GListModel         *views,
                              AtlasExplorerState *state,
                              int                 hint,
                              guint              *position)
{
  guint n = g_list_model_get_n_items (views);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(AtlasSavedView) view = NULL;

        if (pass == 0 && (int) i != hint)
          continue;
        view = g_list_model_get_item (views, i);
        if (atlas_explorer_state_shows_same (state, atlas_saved_view_get_state (view)))
          {
            *position = i + 1;
            return view;  /* the list keeps it */
          }
      }
  return NULL;
}

char *
atlas_saved_view_default_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "platsatlas", "views.json", NULL);
}

/* Serialising: format version 2 is version 1 with more members, so a
 * version 1 file reads as a version 2 file that lacks them
 * (docs/saved-views.md). */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* { "breaks": [...], "min": m, "max": M }, or null without manual breaks */
static void
add_manual_breaks (JsonBuilder      *builder,
                   AtlasClassBreaks *breaks)
{
  const double *values;
  guint n = 0;

  json_builder_set_member_name (builder, "manual-breaks");
  if (breaks == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  values = atlas_class_breaks_get_breaks (breaks, &n);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "breaks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "min");
  json_builder_add_double_value (builder, atlas_class_breaks_get_min (breaks));
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, atlas_class_breaks_get_max (breaks));
  json_builder_end_object (builder);
}

static void
add_classification (JsonBuilder         *builder,
                    AtlasClassification *classification)
{
  add_string (builder, "class-method",
              atlas_class_method_to_nick (atlas_classification_get_method (classification)));
  json_builder_set_member_name (builder, "class-count");
  json_builder_add_int_value (builder, atlas_classification_get_count (classification));
  add_string (builder, "class-scope", atlas_classification_get_pooled (classification) ? "pooled" : "year");
  add_manual_breaks (builder, atlas_classification_get_manual_breaks (classification));
  add_string (builder, "palette-scheme", atlas_classification_get_palette_scheme (classification));
  json_builder_set_member_name (builder, "palette-reverse");
  json_builder_add_boolean_value (builder, atlas_classification_get_palette_reverse (classification));
}

static void
add_camera (JsonBuilder        *builder,
            AtlasExplorerState *state)
{
  double latitude, longitude, zoom;

  atlas_explorer_state_get_camera (state, &latitude, &longitude, &zoom);
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, latitude);
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, longitude);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, zoom);
}

static void
add_selection (JsonBuilder        *builder,
               AtlasExplorerState *state)
{
  add_string (builder, "region", atlas_explorer_state_get_region (state));
  add_strv (builder, "selection", atlas_explorer_state_get_selection (state));
  add_string (builder, "compare-a", atlas_explorer_state_get_compare_a (state));
  add_string (builder, "compare-b", atlas_explorer_state_get_compare_b (state));
  json_builder_set_member_name (builder, "filter");
  json_builder_begin_object (builder);
  add_string (builder, "indicator", atlas_explorer_state_get_filter_indicator (state));
  add_strv (builder, "codes", atlas_explorer_state_get_filter_codes (state));
  json_builder_end_object (builder);
}

static JsonNode *
view_to_json (AtlasSavedView *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  AtlasExplorerState *state = self->state;

  json_builder_begin_object (builder);
  add_string (builder, "name", self->name);
  add_string (builder, "package", atlas_explorer_state_get_package (state));
  add_string (builder, "indicator", atlas_explorer_state_get_indicator (state));
  add_string (builder, "level", atlas_explorer_state_get_level (state));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_explorer_state_get_year (state));
  json_builder_set_member_name (builder, "since-year");
  json_builder_add_int_value (builder, atlas_explorer_state_get_since_year (state));
  add_camera (builder, state);
  add_classification (builder, atlas_explorer_state_get_classification (state));
  add_selection (builder, state);
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

/* "manual-breaks": absent or null for none, else the object that
 * add_manual_breaks() writes, checked by atlas_class_breaks_new_manual(). */
static gboolean
read_manual_breaks (JsonObject        *object,
                    AtlasClassBreaks **breaks,
                    const char        *path,
                    guint              index,
                    GError           **error)
{
  JsonNode *node = json_object_get_member (object, "manual-breaks");
  JsonObject *inner = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *list = inner != NULL ? json_object_get_member (inner, "breaks") : NULL;
  JsonArray *array = list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
  double values[ATLAS_CLASS_MAX], min = 0, max = 0;
  guint n = array != NULL ? json_array_get_length (array) : 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (array != NULL && n <= G_N_ELEMENTS (values)
      && optional_number (inner, "min", -G_MAXDOUBLE, G_MAXDOUBLE, &min, path, index, error)
      && optional_number (inner, "max", -G_MAXDOUBLE, G_MAXDOUBLE, &max, path, index, error))
    {
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || (json_node_get_value_type (element) != G_TYPE_DOUBLE
                  && json_node_get_value_type (element) != G_TYPE_INT64))
            break;
          values[i] = json_node_get_double (element);
          if (i == n - 1)
            *breaks = atlas_class_breaks_new_manual (values, n, min, max, NULL);
        }
      if (*breaks != NULL)
        return TRUE;
    }
  g_clear_error (error);
  set_member_error (error, path, index, "manual-breaks",
                    _("2 to 8 ascending numbers in “breaks” with “min” and “max”"));
  return FALSE;
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
  g_autoptr(AtlasClassBreaks) manual = NULL;

  if (!optional_string (object, "class-method", &method, path, index, error) ||
      !optional_int (object, "class-count", 1000, &count, path, index, error) ||
      !optional_string (object, "class-scope", &scope, path, index, error) ||
      !read_manual_breaks (object, &manual, path, index, error) ||
      !optional_string (object, "palette-scheme", &scheme, path, index, error) ||
      !optional_bool (object, "palette-reverse", &reverse, path, index, error))
    return FALSE;

  atlas_class_method_from_nick (method, &parsed);
  atlas_saved_view_set_classification (view, parsed,
                                       CLAMP (count, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX),
                                       g_strcmp0 (scope, "year") != 0);
  atlas_classification_set_manual_breaks (get_classification (view), manual);
  atlas_saved_view_set_palette (view, scheme, reverse);
  return TRUE;
}

/* A list of texts, absent for an empty one; NULL with @error set when it
 * is something else. */
static GStrv
optional_strv (JsonObject  *object,
               const char  *member,
               const char  *path,
               guint        index,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (builder);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto wrong;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        goto wrong;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);

wrong:
  set_member_error (error, path, index, member, _("a list of texts"));
  return NULL;
}

static gboolean
read_filter (AtlasExplorerState  *state,
             JsonObject          *object,
             const char          *path,
             guint                index,
             GError             **error)
{
  JsonNode *node = json_object_get_member (object, "filter");
  JsonObject *filter = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *indicator = "";
  g_auto(GStrv) codes = NULL;

  if (node == NULL)
    return TRUE;
  if (filter == NULL)
    {
      set_member_error (error, path, index, "filter", _("an object with “indicator” and “codes”"));
      return FALSE;
    }
  if (!optional_string (filter, "indicator", &indicator, path, index, error) ||
      (codes = optional_strv (filter, "codes", path, index, error)) == NULL)
    return FALSE;
  atlas_explorer_state_set_filter (state, indicator, (const char * const *) codes);
  return TRUE;
}

static gboolean
read_selection (AtlasSavedView  *view,
                JsonObject      *object,
                const char      *path,
                guint            index,
                GError         **error)
{
  const char *region = "", *compare_a = "", *compare_b = "";
  g_auto(GStrv) selection = NULL;

  if (!optional_string (object, "region", &region, path, index, error) ||
      (selection = optional_strv (object, "selection", path, index, error)) == NULL ||
      !optional_string (object, "compare-a", &compare_a, path, index, error) ||
      !optional_string (object, "compare-b", &compare_b, path, index, error) ||
      !read_filter (view->state, object, path, index, error))
    return FALSE;
  atlas_explorer_state_set_region (view->state, region);
  atlas_explorer_state_set_selection (view->state, (const char * const *) selection);
  atlas_explorer_state_set_compare (view->state, compare_a, compare_b);
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
  gint64 year = 0, since_year = 0;

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
  if (!optional_int (object, "year", 9999, &year, path, index, error) ||
      !optional_int (object, "since-year", 9999, &since_year, path, index, error))
    return NULL;

  view = atlas_saved_view_new (fields[0], fields[1], fields[2], fields[3], (guint) year);
  atlas_explorer_state_set_since_year (view->state, (guint) since_year);
  if (!read_camera (view, object, path, index, error) ||
      !read_classification (view, object, path, index, error) ||
      !read_selection (view, object, path, index, error))
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

  JsonNode *version = object != NULL ? json_object_get_member (object, "version") : NULL;

  /* No version is version 1, the first; a newer file may mean something
   * this version cannot show, so it is refused rather than half read. */
  if (version != NULL && (!JSON_NODE_HOLDS_VALUE (version)
                          || json_node_get_value_type (version) != G_TYPE_INT64
                          || json_node_get_int (version) < 1
                          || json_node_get_int (version) > FILE_VERSION))
    {
      g_set_error (error, ATLAS_SAVED_VIEW_ERROR, ATLAS_SAVED_VIEW_ERROR_PARSE,
                   _("Cannot read the saved views in “%s”: “version” must be a whole number from 1 to %d "
                     "(a newer Platsatlas may have written it)"),
                   path, FILE_VERSION);
      return NULL;
    }
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
