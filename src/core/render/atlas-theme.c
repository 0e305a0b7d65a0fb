/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-theme.h"

struct _AtlasTheme
{
  GObject   parent_instance;
  char     *id;
  AtlasText name;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasTheme, atlas_theme, G_TYPE_OBJECT)

static void
atlas_theme_finalize (GObject *object)
{
  AtlasTheme *self = ATLAS_THEME (object);

  g_free (self->id);
  atlas_text_clear (&self->name);

  G_OBJECT_CLASS (atlas_theme_parent_class)->finalize (object);
}

static void
atlas_theme_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AtlasTheme *self = ATLAS_THEME (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, atlas_theme_get_name (self, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_theme_class_init (AtlasThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_theme_finalize;
  object_class->get_property = atlas_theme_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_theme_init (AtlasTheme *self)
{
}

/**
 * atlas_theme_new:
 * @id: the theme id from the manifest
 * @name: the theme name; copied
 *
 * Returns: (transfer full): a new theme
 */
AtlasTheme *
atlas_theme_new (const char      *id,
                 const AtlasText *name)
{
  AtlasTheme *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_THEME, NULL);
  self->id = g_strdup (id);
  self->name.sv = g_strdup (name->sv);
  self->name.en = g_strdup (name->en);

  return self;
}

const char *
atlas_theme_get_id (AtlasTheme *self)
{
  g_return_val_if_fail (ATLAS_IS_THEME (self), NULL);

  return self->id;
}

const char *
atlas_theme_get_name (AtlasTheme *self,
                      const char *lang)
{
  g_return_val_if_fail (ATLAS_IS_THEME (self), NULL);

  return atlas_text_get (&self->name, lang);
}
