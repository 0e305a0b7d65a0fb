/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-classification.h"
#include "atlas-enum-types.h"

#define DEFAULT_COUNT 5

struct _AtlasClassification
{
  GObject           parent_instance;

  AtlasClassMethod  method;
  guint             count;
  gboolean          pooled;
  AtlasClassBreaks *manual_breaks;
  char             *palette_scheme;
  gboolean          palette_reverse;
};

G_DEFINE_FINAL_TYPE (AtlasClassification, atlas_classification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_COUNT,
  PROP_POOLED,
  PROP_MANUAL_BREAKS,
  PROP_PALETTE_SCHEME,
  PROP_PALETTE_REVERSE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
atlas_classification_finalize (GObject *object)
{
  AtlasClassification *self = ATLAS_CLASSIFICATION (object);

  g_clear_pointer (&self->manual_breaks, atlas_class_breaks_unref);
  g_free (self->palette_scheme);

  G_OBJECT_CLASS (atlas_classification_parent_class)->finalize (object);
}

static void
atlas_classification_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasClassification *self = ATLAS_CLASSIFICATION (object);

  switch (prop_id)
    {
    case PROP_METHOD: g_value_set_enum (value, self->method); break;
    case PROP_COUNT: g_value_set_uint (value, self->count); break;
    case PROP_POOLED: g_value_set_boolean (value, self->pooled); break;
    case PROP_MANUAL_BREAKS: g_value_set_boxed (value, self->manual_breaks); break;
    case PROP_PALETTE_SCHEME: g_value_set_string (value, self->palette_scheme); break;
    case PROP_PALETTE_REVERSE: g_value_set_boolean (value, self->palette_reverse); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_classification_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasClassification *self = ATLAS_CLASSIFICATION (object);

  switch (prop_id)
    {
    case PROP_METHOD: atlas_classification_set_method (self, g_value_get_enum (value)); break;
    case PROP_COUNT: atlas_classification_set_count (self, g_value_get_uint (value)); break;
    case PROP_POOLED: atlas_classification_set_pooled (self, g_value_get_boolean (value)); break;
    case PROP_MANUAL_BREAKS: atlas_classification_set_manual_breaks (self, g_value_get_boxed (value)); break;
    case PROP_PALETTE_SCHEME: atlas_classification_set_palette_scheme (self, g_value_get_string (value)); break;
    case PROP_PALETTE_REVERSE: atlas_classification_set_palette_reverse (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_classification_class_init (AtlasClassificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = atlas_classification_finalize;
  object_class->get_property = atlas_classification_get_property;
  object_class->set_property = atlas_classification_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, ATLAS_TYPE_CLASS_METHOD,
                       ATLAS_CLASS_METHOD_QUANTILE, flags);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX, DEFAULT_COUNT, flags);
  properties[PROP_POOLED] = g_param_spec_boolean ("pooled", NULL, NULL, TRUE, flags);
  properties[PROP_MANUAL_BREAKS] =
    g_param_spec_boxed ("manual-breaks", NULL, NULL, ATLAS_TYPE_CLASS_BREAKS, flags);
  properties[PROP_PALETTE_SCHEME] = g_param_spec_string ("palette-scheme", NULL, NULL, NULL, flags);
  properties[PROP_PALETTE_REVERSE] = g_param_spec_boolean ("palette-reverse", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
atlas_classification_init (AtlasClassification *self)
{
  self->method = ATLAS_CLASS_METHOD_QUANTILE;
  self->count = DEFAULT_COUNT;
  self->pooled = TRUE;
}

AtlasClassification *
atlas_classification_new (void)
{
  return g_object_new (ATLAS_TYPE_CLASSIFICATION, NULL);
}

AtlasClassification *
atlas_classification_copy (AtlasClassification *self)
{
  AtlasClassification *copy;

  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), NULL);

  copy = atlas_classification_new ();
  copy->method = self->method;
  copy->count = self->count;
  copy->pooled = self->pooled;
  if (self->manual_breaks != NULL)
    copy->manual_breaks = atlas_class_breaks_ref (self->manual_breaks);
  copy->palette_scheme = g_strdup (self->palette_scheme);
  copy->palette_reverse = self->palette_reverse;
  return copy;
}

void
atlas_classification_assign (AtlasClassification *self,
                             AtlasClassification *from)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (from));

  atlas_classification_set_method (self, from->method);
  atlas_classification_set_count (self, from->count);
  atlas_classification_set_pooled (self, from->pooled);
  atlas_classification_set_manual_breaks (self, from->manual_breaks);
  atlas_classification_set_palette_scheme (self, from->palette_scheme);
  atlas_classification_set_palette_reverse (self, from->palette_reverse);
}

/* Every setter ends here, so "changed" follows each notify exactly once. */
static void
notify_changed (AtlasClassification *self,
                guint                prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

AtlasClassMethod
atlas_classification_get_method (AtlasClassification *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), ATLAS_CLASS_METHOD_QUANTILE);

  return self->method;
}

void
atlas_classification_set_method (AtlasClassification *self,
                                 AtlasClassMethod     method)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));

  if (self->method == method)
    return;
  self->method = method;
  notify_changed (self, PROP_METHOD);
}

guint
atlas_classification_get_count (AtlasClassification *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), DEFAULT_COUNT);

  return self->count;
}

void
atlas_classification_set_count (AtlasClassification *self,
                                guint                count)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));

  count = CLAMP (count, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX);
  if (self->count == count)
    return;
  self->count = count;
  notify_changed (self, PROP_COUNT);
}

gboolean
atlas_classification_get_pooled (AtlasClassification *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), TRUE);

  return self->pooled;
}

void
atlas_classification_set_pooled (AtlasClassification *self,
                                 gboolean             pooled)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));

  pooled = !!pooled;
  if (self->pooled == pooled)
    return;
  self->pooled = pooled;
  notify_changed (self, PROP_POOLED);
}

/**
 * atlas_classification_get_manual_breaks:
 *
 * Returns: (transfer none) (nullable): the breaks of the manual method
 */
AtlasClassBreaks *
atlas_classification_get_manual_breaks (AtlasClassification *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), NULL);

  return self->manual_breaks;
}

/**
 * atlas_classification_set_manual_breaks:
 * @breaks: (nullable): the breaks; NULL clears them
 */
void
atlas_classification_set_manual_breaks (AtlasClassification *self,
                                        AtlasClassBreaks    *breaks)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));

  if (self->manual_breaks == breaks
      || (self->manual_breaks != NULL && breaks != NULL
          && atlas_class_breaks_equal (self->manual_breaks, breaks)))
    return;
  g_clear_pointer (&self->manual_breaks, atlas_class_breaks_unref);
  if (breaks != NULL)
    self->manual_breaks = atlas_class_breaks_ref (breaks);
  notify_changed (self, PROP_MANUAL_BREAKS);
}

const char *
atlas_classification_get_palette_scheme (AtlasClassification *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), NULL);

  return self->palette_scheme;
}

void
atlas_classification_set_palette_scheme (AtlasClassification *self,
                                         const char          *scheme)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));

  /* GSettings stores "no choice" as "". */
  if (scheme != NULL && *scheme == '\0')
    scheme = NULL;
  if (g_strcmp0 (self->palette_scheme, scheme) == 0)
    return;
  g_free (self->palette_scheme);
  self->palette_scheme = g_strdup (scheme);
  notify_changed (self, PROP_PALETTE_SCHEME);
}

gboolean
atlas_classification_get_palette_reverse (AtlasClassification *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), FALSE);

  return self->palette_reverse;
}

void
atlas_classification_set_palette_reverse (AtlasClassification *self,
                                          gboolean             reverse)
{
  g_return_if_fail (ATLAS_IS_CLASSIFICATION (self));

  reverse = !!reverse;
  if (self->palette_reverse == reverse)
    return;
  self->palette_reverse = reverse;
  notify_changed (self, PROP_PALETTE_REVERSE);
}

AtlasClassBreaks *
atlas_classification_compute_breaks (AtlasClassification *self,
                                     AtlasDataset        *dataset,
                                     AtlasIndicator      *indicator,
                                     AtlasDivision       *division,
                                     guint                year,
                                     GError             **error)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->method != ATLAS_CLASS_METHOD_MANUAL)
    return atlas_class_breaks_for_dataset (dataset, indicator, division, year, self->pooled,
                                           self->method, self->count, error);
  if (self->manual_breaks == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Manual classes were chosen but no class boundaries were given"));
      return NULL;
    }
  return atlas_class_breaks_ref (self->manual_breaks);
}

/**
 * atlas_classification_compute_shown_breaks:
 *
 * As atlas_classification_compute_breaks(), but the manual method without
 * breaks (an indicator the user has given none for yet) gives quantiles
 * with the count and scope, as the map shows until there are some.
 *
 * Returns: (transfer full): the breaks, or NULL with @error set
 */
AtlasClassBreaks *
atlas_classification_compute_shown_breaks (AtlasClassification *self,
                                           AtlasDataset        *dataset,
                                           AtlasIndicator      *indicator,
                                           AtlasDivision       *division,
                                           guint                year,
                                           GError             **error)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), NULL);

  if (self->method == ATLAS_CLASS_METHOD_MANUAL && self->manual_breaks == NULL)
    return atlas_class_breaks_for_dataset (dataset, indicator, division, year, self->pooled,
                                           ATLAS_CLASS_METHOD_QUANTILE, self->count, error);
  return atlas_classification_compute_breaks (self, dataset, indicator, division, year, error);
}

AtlasPalette *
atlas_classification_create_palette (AtlasClassification *self,
                                     AtlasIndicator      *indicator,
                                     guint                n_classes,
                                     GError             **error)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION (self), NULL);

  return atlas_palette_new_for_indicator (indicator, self->palette_scheme, n_classes,
                                          self->palette_reverse, error);
}
