/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "atlas-division.h"

struct _AtlasDivision
{
  GObject        parent_instance;

  char          *id;
  char          *version;
  AtlasText      name;
  AtlasText      coverage_note;
  AtlasDivision *parent;
  guint          depth;
  gboolean       covers_parent;

  GPtrArray     *areas;   /* AtlasArea, owned */
  GHashTable    *by_code; /* code → AtlasArea, borrowed */
  AtlasBBox      bbox;
  guint          n_with_geometry;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void atlas_division_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasDivision, atlas_division, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_division_list_model_init))

static GType
atlas_division_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_AREA;
}

static guint
atlas_division_get_n_items (GListModel *model)
{
  return ATLAS_DIVISION (model)->areas->len;
}

static gpointer
atlas_division_get_item (GListModel *model,
                         guint       position)
{
  AtlasDivision *self = ATLAS_DIVISION (model);

  if (position >= self->areas->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->areas, position));
}

static void
atlas_division_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_division_get_item_type;
  iface->get_n_items = atlas_division_get_n_items;
  iface->get_item = atlas_division_get_item;
}

static void
atlas_division_finalize (GObject *object)
{
  AtlasDivision *self = ATLAS_DIVISION (object);

  g_hash_table_unref (self->by_code);
  g_ptr_array_unref (self->areas);
  g_clear_object (&self->parent);
  g_free (self->id);
  g_free (self->version);
  atlas_text_clear (&self->name);
  atlas_text_clear (&self->coverage_note);

  G_OBJECT_CLASS (atlas_division_parent_class)->finalize (object);
}

static void
atlas_division_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDivision *self = ATLAS_DIVISION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, atlas_division_get_name (self, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_division_class_init (AtlasDivisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_division_finalize;
  object_class->get_property = atlas_division_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_division_init (AtlasDivision *self)
{
  self->areas = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->covers_parent = TRUE;
  atlas_bbox_init_empty (&self->bbox);
}

/**
 * atlas_division_new:
 * @id: the division id
 * @name: the level's name; copied
 * @version: (nullable): the division version ("DeSO 2018")
 * @parent: (nullable): the division above; %NULL only for riket
 * @covers_parent: whether the areas cover all of the parent's areas
 * @coverage_note: (nullable): a sentence about partial coverage; copied
 *
 * Returns: (transfer full): a new, empty division
 */
AtlasDivision *
atlas_division_new (const char      *id,
                    const AtlasText *name,
                    const char      *version,
                    AtlasDivision   *parent,
                    gboolean         covers_parent,
                    const AtlasText *coverage_note)
{
  AtlasDivision *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (parent == NULL || ATLAS_IS_DIVISION (parent), NULL);

  self = g_object_new (ATLAS_TYPE_DIVISION, NULL);
  self->id = g_strdup (id);
  self->version = g_strdup (version);
  self->name.sv = g_strdup (name->sv);
  self->name.en = g_strdup (name->en);
  if (coverage_note != NULL)
    {
      self->coverage_note.sv = g_strdup (coverage_note->sv);
      self->coverage_note.en = g_strdup (coverage_note->en);
    }
  self->parent = parent != NULL ? g_object_ref (parent) : NULL;
  self->depth = parent != NULL ? parent->depth + 1 : 0;
  self->covers_parent = !!covers_parent;

  return self;
}

/**
 * atlas_division_add_area:
 * @self: a division
 * @area: an area created for this division, at index n_areas; a reference
 *   is taken
 */
void
atlas_division_add_area (AtlasDivision *self,
                         AtlasArea     *area)
{
  AtlasGeometry *geometry;

  g_return_if_fail (ATLAS_IS_DIVISION (self));
  g_return_if_fail (ATLAS_IS_AREA (area));
  g_return_if_fail (atlas_area_get_index (area) == self->areas->len);

  g_ptr_array_add (self->areas, g_object_ref (area));
  g_hash_table_insert (self->by_code, (gpointer) atlas_area_get_code (area), area);

  geometry = atlas_area_get_geometry (area);
  if (geometry != NULL)
    {
      atlas_bbox_union (&self->bbox, atlas_geometry_get_bbox (geometry));
      self->n_with_geometry++;
    }
}

const char *
atlas_division_get_id (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  return self->id;
}

const char *
atlas_division_get_name (AtlasDivision *self,
                         const char    *lang)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  return atlas_text_get (&self->name, lang);
}

const char *
atlas_division_get_version (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  return self->version;
}

/**
 * atlas_division_get_parent:
 * @self: a division
 *
 * Returns: (transfer none) (nullable): the division above; %NULL for riket
 */
AtlasDivision *
atlas_division_get_parent (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  return self->parent;
}

guint
atlas_division_get_depth (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), 0);

  return self->depth;
}

gboolean
atlas_division_covers_parent (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), TRUE);

  return self->covers_parent;
}

gboolean
atlas_division_covers_country (AtlasDivision *self)
{
  AtlasDivision *parent;

  g_return_val_if_fail (ATLAS_IS_DIVISION (self), TRUE);

  parent = atlas_division_get_parent (self);
  if (parent == NULL)
    return TRUE;
  return self->covers_parent && atlas_division_covers_country (parent);
}

const char *
atlas_division_get_coverage_note (AtlasDivision *self,
                                  const char    *lang)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  if (self->coverage_note.sv == NULL && self->coverage_note.en == NULL)
    return NULL;

  return atlas_text_get (&self->coverage_note, lang);
}

/* "eSO" of DeSO, "egSO" of RegSO: a capital inside the first word. */
static gboolean
has_inner_capital (const char *rest)
{
  for (const char *p = rest; *p != '\0' && *p != ' '; p = g_utf8_next_char (p))
    if (g_unichar_isupper (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * atlas_division_dup_name_in_sentence:
 * @self: a division
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * The level's name as it reads inside a sentence ("på nivån kommun"):
 * a capitalised word loses its capital, an acronym such as DeSO or
 * RegSO keeps its letters; the id when the level has no name.
 *
 * Returns: (transfer full): the name
 */
char *
atlas_division_dup_name_in_sentence (AtlasDivision *self,
                                     const char    *lang)
{
  const char *name;

  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  name = atlas_division_get_name (self, lang);
  if (name == NULL || name[0] == '\0')
    return g_strdup (self->id);
  if (g_utf8_strlen (name, -1) > 1
      && g_unichar_isupper (g_utf8_get_char (name))
      && !has_inner_capital (g_utf8_next_char (name)))
    {
      g_autofree char *first = g_utf8_strdown (name, g_utf8_next_char (name) - name);
      return g_strconcat (first, g_utf8_next_char (name), NULL);
    }
  return g_strdup (name);
}

gboolean
atlas_division_has_geometry (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), FALSE);

  return self->n_with_geometry > 0;
}

/**
 * atlas_division_get_n_undrawn:
 * @self: a division
 *
 * Returns: how many of the division's areas have no geometry: they take
 *   part in tables, aggregation, search and comparison, but the map does
 *   not draw them
 */
guint
atlas_division_get_n_undrawn (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), 0);

  return self->areas->len - self->n_with_geometry;
}

guint
atlas_division_get_n_areas (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), 0);

  return self->areas->len;
}

/**
 * atlas_division_get_area:
 * @self: a division
 * @index: the area's position
 *
 * Returns: (transfer none): the area
 */
AtlasArea *
atlas_division_get_area (AtlasDivision *self,
                         guint          index)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);
  g_return_val_if_fail (index < self->areas->len, NULL);

  return g_ptr_array_index (self->areas, index);
}

/**
 * atlas_division_lookup_area:
 * @self: a division
 * @code: an area code
 *
 * Returns: (transfer none) (nullable): the area of this division with @code
 */
AtlasArea *
atlas_division_lookup_area (AtlasDivision *self,
                            const char    *code)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->by_code, code);
}

const AtlasBBox *
atlas_division_get_bbox (AtlasDivision *self)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  return &self->bbox;
}

/**
 * atlas_division_area_at:
 * @self: a division
 * @lon: longitude
 * @lat: latitude
 *
 * Returns: (transfer none) (nullable): the area whose polygon contains the
 *   point
 */
AtlasArea *
atlas_division_area_at (AtlasDivision *self,
                        double         lon,
                        double         lat)
{
  g_return_val_if_fail (ATLAS_IS_DIVISION (self), NULL);

  if (!atlas_bbox_contains (&self->bbox, lon, lat))
    return NULL;

  for (guint i = 0; i < self->areas->len; i++)
    {
      AtlasArea *area = g_ptr_array_index (self->areas, i);
      AtlasGeometry *geometry = atlas_area_get_geometry (area);

      /* atlas_geometry_contains() tests the bbox first. */
      if (geometry != NULL && atlas_geometry_contains (geometry, lon, lat))
        return area;
    }

  return NULL;
}
