/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-area.h"
#include "atlas-division.h"

struct _AtlasArea
{
  GObject        parent_instance;

  AtlasDivision *division; /* not a reference: the division owns us */
  AtlasArea     *parent;   /* not a reference: the dataset owns both */
  guint          index;
  char          *code;
  char          *name;
  AtlasGeometry *geometry;
};

enum
{
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasArea, atlas_area, G_TYPE_OBJECT)

static void
atlas_area_finalize (GObject *object)
{
  AtlasArea *self = ATLAS_AREA (object);

  g_free (self->code);
  g_free (self->name);
  g_clear_pointer (&self->geometry, atlas_geometry_unref);

  G_OBJECT_CLASS (atlas_area_parent_class)->finalize (object);
}

static void
atlas_area_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AtlasArea *self = ATLAS_AREA (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, atlas_area_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_area_class_init (AtlasAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_area_finalize;
  object_class->get_property = atlas_area_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_area_init (AtlasArea *self)
{
}

/**
 * atlas_area_new:
 * @division: the division the area belongs to (not referenced)
 * @index: the area's position in @division
 * @code: the area code
 * @name: (nullable): the stated name
 * @geometry: (nullable): the polygon, %NULL for riket; a reference is taken
 *
 * Returns: (transfer full): a new area
 */
AtlasArea *
atlas_area_new (AtlasDivision *division,
                guint          index,
                const char    *code,
                const char    *name,
                AtlasGeometry *geometry)
{
  AtlasArea *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_AREA, NULL);
  self->division = division;
  self->index = index;
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->geometry = geometry != NULL ? atlas_geometry_ref (geometry) : NULL;

  return self;
}

/**
 * atlas_area_set_parent:
 * @self: an area
 * @parent: (nullable): the area one level up (not referenced)
 */
void
atlas_area_set_parent (AtlasArea *self,
                       AtlasArea *parent)
{
  g_return_if_fail (ATLAS_IS_AREA (self));
  g_return_if_fail (parent == NULL || ATLAS_IS_AREA (parent));

  self->parent = parent;
}

const char *
atlas_area_get_code (AtlasArea *self)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);

  return self->code;
}

const char *
atlas_area_get_name (AtlasArea *self)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);

  return self->name;
}

/* Riket's name says nothing about where a DeSO lies, so it is skipped. */
static AtlasArea *
nearest_named_ancestor (AtlasArea *self)
{
  for (AtlasArea *a = self->parent; a != NULL; a = a->parent)
    if (a->name != NULL && a->parent != NULL)
      return a;

  return NULL;
}

/**
 * atlas_area_dup_display_name:
 * @self: an area
 *
 * Returns: (transfer full): the stated name, else the division name and
 *   code with the nearest named ancestor: "DeSO 0380C1010 (Gottsunda)"
 */
char *
atlas_area_dup_display_name (AtlasArea *self)
{
  AtlasArea *ancestor;
  const char *level;

  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);

  if (self->name != NULL)
    return g_strdup (self->name);

  level = self->division != NULL ? atlas_division_get_name (self->division, NULL) : NULL;
  ancestor = nearest_named_ancestor (self);

  if (level != NULL && ancestor != NULL)
    return g_strdup_printf ("%s %s (%s)", level, self->code, ancestor->name);
  if (level != NULL)
    return g_strdup_printf ("%s %s", level, self->code);
  if (ancestor != NULL)
    return g_strdup_printf ("%s (%s)", self->code, ancestor->name);

  return g_strdup (self->code);
}

/**
 * atlas_area_get_division:
 * @self: an area
 *
 * Returns: (transfer none): the division
 */
AtlasDivision *
atlas_area_get_division (AtlasArea *self)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);

  return self->division;
}

guint
atlas_area_get_index (AtlasArea *self)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), 0);

  return self->index;
}

/**
 * atlas_area_get_parent:
 * @self: an area
 *
 * Returns: (transfer none) (nullable): the area one level up; %NULL for riket
 */
AtlasArea *
atlas_area_get_parent (AtlasArea *self)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);

  return self->parent;
}

/**
 * atlas_area_get_ancestor:
 * @self: an area
 * @division_id: the id of a division
 *
 * Returns: (transfer none) (nullable): @self or its ancestor in that division
 */
AtlasArea *
atlas_area_get_ancestor (AtlasArea  *self,
                         const char *division_id)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);
  g_return_val_if_fail (division_id != NULL, NULL);

  for (AtlasArea *a = self; a != NULL; a = a->parent)
    if (a->division != NULL &&
        g_str_equal (atlas_division_get_id (a->division), division_id))
      return a;

  return NULL;
}

/**
 * atlas_area_get_geometry:
 * @self: an area
 *
 * Returns: (transfer none) (nullable): the polygon; %NULL for riket
 */
AtlasGeometry *
atlas_area_get_geometry (AtlasArea *self)
{
  g_return_val_if_fail (ATLAS_IS_AREA (self), NULL);

  return self->geometry;
}
