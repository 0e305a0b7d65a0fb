/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "atlas-explorer-state.h"

struct _AtlasExplorerState
{
  GObject              parent_instance;

  AtlasDataset        *dataset;
  char                *package;
  char                *level;
  char                *indicator;
  guint                year;
  guint                since_year;
  AtlasClassification *classification;
  char                *region;
  double               latitude;
  double               longitude;
  double               zoom;
  GStrv                selection;
  char                *compare_a;
  char                *compare_b;
  char                *filter_indicator;
  GStrv                filter_codes;
  gboolean             presenting;
  GStrv                highlight;
  char                *highlight_owner;

  /* atlas_explorer_state_freeze() depth, and whether anything changed
   * since the outermost freeze */
  guint                frozen;
  gboolean             dirty;
};

G_DEFINE_FINAL_TYPE (AtlasExplorerState, atlas_explorer_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_PACKAGE,
  PROP_LEVEL,
  PROP_INDICATOR,
  PROP_YEAR,
  PROP_SINCE_YEAR,
  PROP_CLASSIFICATION,
  PROP_REGION,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_ZOOM,
  PROP_SELECTION,
  PROP_COMPARE_A,
  PROP_COMPARE_B,
  PROP_FILTER_INDICATOR,
  PROP_FILTER_CODES,
  PROP_PRESENTING,
  PROP_HIGHLIGHT,
  PROP_HIGHLIGHT_OWNER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

static void
emit_changed (AtlasExplorerState *self)
{
  if (self->frozen > 0)
    self->dirty = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Every setter ends here after a real change. */
static void
changed (AtlasExplorerState *self,
         guint               prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  emit_changed (self);
}

/* "" and NULL are the same: nothing. Returns TRUE when @field changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Without duplicates, in order. */
static GStrv
dup_unique (const char * const *codes)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (codes[i][0] != '\0' && g_hash_table_add (seen, (gpointer) codes[i]))
      g_strv_builder_add (builder, codes[i]);
  return g_strv_builder_end (builder);
}

static gboolean
replace_strv (GStrv              *field,
              const char * const *codes)
{
  g_auto(GStrv) unique = dup_unique (codes);

  if (g_strv_equal ((const char * const *) *field, (const char * const *) unique))
    return FALSE;
  g_strfreev (*field);
  *field = g_steal_pointer (&unique);
  return TRUE;
}

static void
atlas_explorer_state_finalize (GObject *object)
{
  AtlasExplorerState *self = ATLAS_EXPLORER_STATE (object);

  g_clear_object (&self->dataset);
  g_free (self->package);
  g_free (self->level);
  g_free (self->indicator);
  g_signal_handlers_disconnect_by_data (self->classification, self);
  g_clear_object (&self->classification);
  g_free (self->region);
  g_strfreev (self->selection);
  g_free (self->compare_a);
  g_free (self->compare_b);
  g_free (self->filter_indicator);
  g_strfreev (self->filter_codes);
  g_strfreev (self->highlight);
  g_free (self->highlight_owner);

  G_OBJECT_CLASS (atlas_explorer_state_parent_class)->finalize (object);
}

static void
atlas_explorer_state_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasExplorerState *self = ATLAS_EXPLORER_STATE (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_value_set_object (value, self->dataset); break;
    case PROP_PACKAGE: g_value_set_string (value, self->package); break;
    case PROP_LEVEL: g_value_set_string (value, self->level); break;
    case PROP_INDICATOR: g_value_set_string (value, self->indicator); break;
    case PROP_YEAR: g_value_set_uint (value, self->year); break;
    case PROP_SINCE_YEAR: g_value_set_uint (value, self->since_year); break;
    case PROP_CLASSIFICATION: g_value_set_object (value, self->classification); break;
    case PROP_REGION: g_value_set_string (value, self->region); break;
    case PROP_LATITUDE: g_value_set_double (value, self->latitude); break;
    case PROP_LONGITUDE: g_value_set_double (value, self->longitude); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_SELECTION: g_value_set_boxed (value, self->selection); break;
    case PROP_COMPARE_A: g_value_set_string (value, self->compare_a); break;
    case PROP_COMPARE_B: g_value_set_string (value, self->compare_b); break;
    case PROP_FILTER_INDICATOR: g_value_set_string (value, self->filter_indicator); break;
    case PROP_FILTER_CODES: g_value_set_boxed (value, self->filter_codes); break;
    case PROP_PRESENTING: g_value_set_boolean (value, self->presenting); break;
    case PROP_HIGHLIGHT: g_value_set_boxed (value, self->highlight); break;
    case PROP_HIGHLIGHT_OWNER: g_value_set_string (value, self->highlight_owner); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_explorer_state_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasExplorerState *self = ATLAS_EXPLORER_STATE (object);

  switch (prop_id)
    {
    case PROP_DATASET: atlas_explorer_state_set_dataset (self, g_value_get_object (value)); break;
    case PROP_PACKAGE: atlas_explorer_state_set_package (self, g_value_get_string (value)); break;
    case PROP_LEVEL: atlas_explorer_state_set_level (self, g_value_get_string (value)); break;
    case PROP_INDICATOR: atlas_explorer_state_set_indicator (self, g_value_get_string (value)); break;
    case PROP_YEAR: atlas_explorer_state_set_year (self, g_value_get_uint (value)); break;
    case PROP_SINCE_YEAR: atlas_explorer_state_set_since_year (self, g_value_get_uint (value)); break;
    case PROP_REGION: atlas_explorer_state_set_region (self, g_value_get_string (value)); break;
    case PROP_LATITUDE:
      atlas_explorer_state_set_camera (self, g_value_get_double (value), self->longitude, self->zoom);
      break;
    case PROP_LONGITUDE:
      atlas_explorer_state_set_camera (self, self->latitude, g_value_get_double (value), self->zoom);
      break;
    case PROP_ZOOM:
      atlas_explorer_state_set_camera (self, self->latitude, self->longitude, g_value_get_double (value));
      break;
    case PROP_SELECTION: atlas_explorer_state_set_selection (self, g_value_get_boxed (value)); break;
    case PROP_COMPARE_A:
      atlas_explorer_state_set_compare (self, g_value_get_string (value), self->compare_b);
      break;
    case PROP_COMPARE_B:
      atlas_explorer_state_set_compare (self, self->compare_a, g_value_get_string (value));
      break;
    case PROP_FILTER_INDICATOR:
      atlas_explorer_state_set_filter (self, g_value_get_string (value),
                                       (const char * const *) self->filter_codes);
      break;
    case PROP_FILTER_CODES:
      atlas_explorer_state_set_filter (self, self->filter_indicator, g_value_get_boxed (value));
      break;
    case PROP_PRESENTING: atlas_explorer_state_set_presenting (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_DATASET] = g_param_spec_object ("dataset", NULL, NULL, ATLAS_TYPE_DATASET, flags);
  properties[PROP_PACKAGE] = g_param_spec_string ("package", NULL, NULL, "", flags);
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, "", flags);
  properties[PROP_INDICATOR] = g_param_spec_string ("indicator", NULL, NULL, "", flags);
  properties[PROP_YEAR] = g_param_spec_uint ("year", NULL, NULL, 0, 9999, 0, flags);
  properties[PROP_SINCE_YEAR] = g_param_spec_uint ("since-year", NULL, NULL, 0, 9999, 0, flags);
  properties[PROP_CLASSIFICATION] =
    g_param_spec_object ("classification", NULL, NULL, ATLAS_TYPE_CLASSIFICATION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, "", flags);
  properties[PROP_LATITUDE] = g_param_spec_double ("latitude", NULL, NULL, -90, 90, 0, flags);
  properties[PROP_LONGITUDE] = g_param_spec_double ("longitude", NULL, NULL, -180, 180, 0, flags);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0, 30, 0, flags);
  properties[PROP_SELECTION] = g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_COMPARE_A] = g_param_spec_string ("compare-a", NULL, NULL, "", flags);
  properties[PROP_COMPARE_B] = g_param_spec_string ("compare-b", NULL, NULL, "", flags);
  properties[PROP_FILTER_INDICATOR] = g_param_spec_string ("filter-indicator", NULL, NULL, "", flags);
  properties[PROP_FILTER_CODES] = g_param_spec_boxed ("filter-codes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PRESENTING] = g_param_spec_boolean ("presenting", NULL, NULL, FALSE, flags);
  /* Set together with atlas_explorer_state_set_highlight() */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_boxed ("highlight", NULL, NULL, G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT_OWNER] =
    g_param_spec_string ("highlight-owner", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_explorer_state_class_init (AtlasExplorerStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_explorer_state_finalize;
  object_class->get_property = atlas_explorer_state_get_property;
  object_class->set_property = atlas_explorer_state_set_property;
  install_properties (object_class);

  /**
   * AtlasExplorerState::changed:
   *
   * Once after a setter (or a frozen batch) changed anything, the
   * classification included.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
on_classification_changed (AtlasExplorerState *self)
{
  emit_changed (self);
}

static void
atlas_explorer_state_init (AtlasExplorerState *self)
{
  self->package = g_strdup ("");
  self->level = g_strdup ("");
  self->indicator = g_strdup ("");
  self->region = g_strdup ("");
  self->compare_a = g_strdup ("");
  self->compare_b = g_strdup ("");
  self->filter_indicator = g_strdup ("");
  self->selection = g_new0 (char *, 1);
  self->filter_codes = g_new0 (char *, 1);
  self->highlight_owner = g_strdup ("");
  self->classification = atlas_classification_new ();
  g_signal_connect_swapped (self->classification, "changed",
                            G_CALLBACK (on_classification_changed), self);
}

/**
 * atlas_explorer_state_new:
 *
 * Returns: (transfer full): a state showing nothing, with the default
 * classification
 */
AtlasExplorerState *
atlas_explorer_state_new (void)
{
  return g_object_new (ATLAS_TYPE_EXPLORER_STATE, NULL);
}

void
atlas_explorer_state_freeze (AtlasExplorerState *self)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (self->frozen++ == 0)
    self->dirty = FALSE;
  g_object_freeze_notify (G_OBJECT (self));
}

void
atlas_explorer_state_thaw (AtlasExplorerState *self)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));
  g_return_if_fail (self->frozen > 0);

  /* Listeners to "changed" see every notify already delivered. */
  g_object_thaw_notify (G_OBJECT (self));
  if (--self->frozen == 0 && self->dirty)
    {
      self->dirty = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

void
atlas_explorer_state_assign (AtlasExplorerState *self,
                             AtlasExplorerState *from)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (from));

  if (self == from)
    return;
  atlas_explorer_state_freeze (self);
  atlas_explorer_state_set_package (self, from->package);
  atlas_explorer_state_set_level (self, from->level);
  atlas_explorer_state_set_indicator (self, from->indicator);
  atlas_explorer_state_set_year (self, from->year);
  atlas_explorer_state_set_since_year (self, from->since_year);
  atlas_classification_assign (self->classification, from->classification);
  atlas_explorer_state_set_region (self, from->region);
  atlas_explorer_state_set_camera (self, from->latitude, from->longitude, from->zoom);
  atlas_explorer_state_set_selection (self, (const char * const *) from->selection);
  atlas_explorer_state_set_compare (self, from->compare_a, from->compare_b);
  atlas_explorer_state_set_filter (self, from->filter_indicator,
                                   (const char * const *) from->filter_codes);
  atlas_explorer_state_thaw (self);
}

/**
 * atlas_explorer_state_copy:
 *
 * Returns: (transfer full): a new state showing the same
 */
AtlasExplorerState *
atlas_explorer_state_copy (AtlasExplorerState *self)
{
  AtlasExplorerState *copy;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  copy = atlas_explorer_state_new ();
  g_set_object (&copy->dataset, self->dataset);
  atlas_explorer_state_assign (copy, self);
  return copy;
}

AtlasDataset *
atlas_explorer_state_get_dataset (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->dataset;
}

void
atlas_explorer_state_set_dataset (AtlasExplorerState *self,
                                  AtlasDataset       *dataset)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));
  g_return_if_fail (dataset == NULL || ATLAS_IS_DATASET (dataset));

  atlas_explorer_state_freeze (self);
  if (g_set_object (&self->dataset, dataset))
    changed (self, PROP_DATASET);
  if (dataset != NULL)
    atlas_explorer_state_set_package (self, atlas_dataset_get_path (dataset));
  atlas_explorer_state_thaw (self);
}

const char *
atlas_explorer_state_get_package (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->package;
}

void
atlas_explorer_state_set_package (AtlasExplorerState *self,
                                  const char         *package)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (replace_string (&self->package, package))
    changed (self, PROP_PACKAGE);
}

const char *
atlas_explorer_state_get_level (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->level;
}

void
atlas_explorer_state_set_level (AtlasExplorerState *self,
                                const char         *level)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (replace_string (&self->level, level))
    changed (self, PROP_LEVEL);
}

const char *
atlas_explorer_state_get_indicator (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->indicator;
}

void
atlas_explorer_state_set_indicator (AtlasExplorerState *self,
                                    const char         *indicator)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (replace_string (&self->indicator, indicator))
    changed (self, PROP_INDICATOR);
}

guint
atlas_explorer_state_get_year (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), 0);
  return self->year;
}

void
atlas_explorer_state_set_year (AtlasExplorerState *self,
                               guint               year)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (self->year == year)
    return;
  self->year = year;
  changed (self, PROP_YEAR);
}

/**
 * atlas_explorer_state_get_classification:
 *
 * Returns: (transfer none): the state's classification, the same object
 * for the state's lifetime
 */
guint
atlas_explorer_state_get_since_year (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), 0);
  return self->since_year;
}

void
atlas_explorer_state_set_since_year (AtlasExplorerState *self,
                                     guint               since_year)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (self->since_year == since_year)
    return;
  self->since_year = since_year;
  changed (self, PROP_SINCE_YEAR);
}

AtlasClassification *
atlas_explorer_state_get_classification (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->classification;
}

const char *
atlas_explorer_state_get_region (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->region;
}

void
atlas_explorer_state_set_region (AtlasExplorerState *self,
                                 const char         *code)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (replace_string (&self->region, code))
    changed (self, PROP_REGION);
}

void
atlas_explorer_state_get_camera (AtlasExplorerState *self,
                                 double             *latitude,
                                 double             *longitude,
                                 double             *zoom)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (latitude != NULL)
    *latitude = self->latitude;
  if (longitude != NULL)
    *longitude = self->longitude;
  if (zoom != NULL)
    *zoom = self->zoom;
}

void
atlas_explorer_state_set_camera (AtlasExplorerState *self,
                                 double              latitude,
                                 double              longitude,
                                 double              zoom)
{
  gboolean any = FALSE;

  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));
  g_return_if_fail (isfinite (latitude) && isfinite (longitude) && isfinite (zoom));

  latitude = CLAMP (latitude, -90, 90);
  longitude = CLAMP (longitude, -180, 180);
  zoom = CLAMP (zoom, 0, 30);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
      any = TRUE;
    }
  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
      any = TRUE;
    }
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      any = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));
  if (any)
    emit_changed (self);
}

const char * const *
atlas_explorer_state_get_selection (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), empty_strv);
  return (const char * const *) self->selection;
}

void
atlas_explorer_state_set_selection (AtlasExplorerState *self,
                                    const char * const *codes)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (replace_strv (&self->selection, codes))
    changed (self, PROP_SELECTION);
}

void
atlas_explorer_state_select (AtlasExplorerState *self,
                             const char         *code)
{
  const char *codes[] = { code, NULL };

  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  atlas_explorer_state_set_selection (self, code != NULL ? codes : NULL);
}

gboolean
atlas_explorer_state_is_selected (AtlasExplorerState *self,
                                  const char         *code)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), FALSE);

  return code != NULL && g_strv_contains ((const char * const *) self->selection, code);
}

void
atlas_explorer_state_toggle_selected (AtlasExplorerState *self,
                                      const char         *code)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  gboolean selected;

  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));
  g_return_if_fail (code != NULL);

  selected = atlas_explorer_state_is_selected (self, code);
  for (guint i = 0; self->selection[i] != NULL; i++)
    if (!selected || !g_str_equal (self->selection[i], code))
      g_strv_builder_add (builder, self->selection[i]);
  if (!selected)
    g_strv_builder_add (builder, code);
  codes = g_strv_builder_end (builder);
  atlas_explorer_state_set_selection (self, (const char * const *) codes);
}

const char *
atlas_explorer_state_get_compare_a (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->compare_a;
}

const char *
atlas_explorer_state_get_compare_b (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->compare_b;
}

void
atlas_explorer_state_set_compare (AtlasExplorerState *self,
                                  const char         *code_a,
                                  const char         *code_b)
{
  gboolean changed_a, changed_b;

  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  changed_a = replace_string (&self->compare_a, code_a);
  changed_b = replace_string (&self->compare_b, code_b);
  if (!changed_a && !changed_b)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (changed_a)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_A]);
  if (changed_b)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_B]);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self);
}

const char *
atlas_explorer_state_get_filter_indicator (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->filter_indicator;
}

const char * const *
atlas_explorer_state_get_filter_codes (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), empty_strv);
  return (const char * const *) self->filter_codes;
}

void
atlas_explorer_state_set_filter (AtlasExplorerState *self,
                                 const char         *indicator,
                                 const char * const *codes)
{
  gboolean changed_indicator, changed_codes;

  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  if (indicator == NULL || indicator[0] == '\0')
    codes = NULL;
  changed_indicator = replace_string (&self->filter_indicator, indicator);
  changed_codes = replace_strv (&self->filter_codes, codes);
  if (!changed_indicator && !changed_codes)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (changed_indicator)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_INDICATOR]);
  if (changed_codes)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_CODES]);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self);
}

AtlasAreaFilter *
atlas_explorer_state_dup_area_filter (AtlasExplorerState *self)
{
  AtlasIndicator *category;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  if (self->dataset == NULL || self->filter_indicator[0] == '\0'
      || (category = atlas_dataset_lookup_indicator (self->dataset, self->filter_indicator)) == NULL
      || atlas_indicator_get_unit (category) != ATLAS_UNIT_CATEGORY)
    return NULL;
  for (guint i = 0; self->filter_codes[i] != NULL; i++)
    {
      gint64 parsed;
      int code;

      if (!g_ascii_string_to_signed (self->filter_codes[i], 10, G_MININT, G_MAXINT, &parsed, NULL))
        continue;
      code = (int) parsed;
      g_array_append_val (codes, code);
    }
  if (codes->len == 0)
    return NULL;
  return atlas_area_filter_new (category, (const int *) codes->data, codes->len, 0);
}

gboolean
atlas_explorer_state_get_presenting (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), FALSE);
  return self->presenting;
}

void
atlas_explorer_state_set_presenting (AtlasExplorerState *self,
                                     gboolean            presenting)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  changed (self, PROP_PRESENTING);
}

/**
 * atlas_explorer_state_get_highlight:
 *
 * Returns: (transfer none) (array zero-terminated=1): the area codes
 * drawn alone, never NULL
 */
const char * const *
atlas_explorer_state_get_highlight (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), empty_strv);
  return self->highlight != NULL ? (const char * const *) self->highlight : empty_strv;
}

const char *
atlas_explorer_state_get_highlight_owner (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);
  return self->highlight_owner;
}

/* An empty list of codes is a highlight too (nothing drawn), unlike NULL:
 * the codes are kept as given, not through dup_unique(). */
void
atlas_explorer_state_set_highlight (AtlasExplorerState *self,
                                    const char         *owner,
                                    const char * const *codes)
{
  g_return_if_fail (ATLAS_IS_EXPLORER_STATE (self));
  g_return_if_fail (owner != NULL && owner[0] != '\0');

  if (codes == NULL)
    {
      if (self->highlight == NULL || !g_str_equal (owner, self->highlight_owner))
        return;
      g_clear_pointer (&self->highlight, g_strfreev);
      owner = "";
    }
  else
    {
      if (self->highlight != NULL && g_str_equal (owner, self->highlight_owner)
          && g_strv_equal ((const char * const *) self->highlight, codes))
        return;
      g_strfreev (self->highlight);
      self->highlight = g_strdupv ((char **) codes);
    }
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
  if (replace_string (&self->highlight_owner, owner))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_OWNER]);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self);
}

gboolean
atlas_explorer_state_has_highlight (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), FALSE);
  return self->highlight != NULL;
}

/* Resolving ids against the dataset */

AtlasDivision *
atlas_explorer_state_lookup_division (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  if (self->dataset == NULL || self->level[0] == '\0')
    return NULL;
  return atlas_dataset_lookup_division (self->dataset, self->level);
}

AtlasIndicator *
atlas_explorer_state_lookup_indicator (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  if (self->dataset == NULL || self->indicator[0] == '\0')
    return NULL;
  return atlas_dataset_lookup_indicator (self->dataset, self->indicator);
}

AtlasArea *
atlas_explorer_state_lookup_area (AtlasExplorerState *self,
                                  const char         *code)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  if (self->dataset == NULL || code == NULL || code[0] == '\0')
    return NULL;
  return atlas_dataset_lookup_area (self->dataset, code);
}

AtlasArea *
atlas_explorer_state_lookup_selected (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  for (guint i = 0; self->selection[i] != NULL; i++)
    {
      AtlasArea *area = atlas_explorer_state_lookup_area (self, self->selection[i]);

      if (area != NULL)
        return area;
    }
  return NULL;
}

static gboolean
same_path (const char *a,
           const char *b)
{
  g_autoptr(GFile) file_a = NULL;
  g_autoptr(GFile) file_b = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a[0] == '\0' || b[0] == '\0')
    return FALSE;
  file_a = g_file_new_for_path (a);
  file_b = g_file_new_for_path (b);
  return g_file_equal (file_a, file_b);
}

gboolean
atlas_explorer_state_awaits_package (AtlasExplorerState *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), FALSE);

  return self->dataset != NULL && !same_path (self->package, atlas_dataset_get_path (self->dataset));
}

/**
 * atlas_explorer_state_compute_breaks:
 *
 * Returns: (transfer full) (nullable): the breaks, or NULL with @error set
 */
AtlasClassBreaks *
atlas_explorer_state_compute_breaks (AtlasExplorerState  *self,
                                     GError             **error)
{
  AtlasIndicator *indicator;
  AtlasDivision *division;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), NULL);

  indicator = atlas_explorer_state_lookup_indicator (self);
  division = atlas_explorer_state_lookup_division (self);
  if (indicator == NULL || division == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There are no values to classify"));
      return NULL;
    }
  return atlas_classification_compute_shown_breaks (self->classification, self->dataset,
                                                    indicator, division, self->year, error);
}

gboolean
atlas_explorer_state_shows_same (AtlasExplorerState *self,
                                 AtlasExplorerState *view)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (view), FALSE);

  return same_path (self->package, view->package)
         && g_str_equal (self->level, view->level)
         && g_str_equal (self->indicator, view->indicator)
         && (view->year == 0 || view->year == self->year)
         && view->since_year == self->since_year;
}
