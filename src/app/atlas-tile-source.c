/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-tile-source.h"

struct _AtlasTileSource
{
  ShumateDataSource  parent_instance;

  AtlasBasemap      *basemap;
  AtlasMapStyle      style;
  int                scale_factor;

  /* Configured once at construction: from then on draw_basemap() only
   * reads immutable projected data, so workers share it. */
  AtlasMapRenderer  *renderer;
};

G_DEFINE_FINAL_TYPE (AtlasTileSource, atlas_tile_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_BASEMAP,
  PROP_STYLE,
  PROP_SCALE_FACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  int x;
  int y;
  int zoom;
  GTask *outer;
} TileRequest;

static void
tile_request_free (TileRequest *request)
{
  g_clear_object (&request->outer);
  g_free (request);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static void
draw_tile (AtlasMapRenderer *renderer,
           cairo_t          *cr,
           int               x,
           int               y,
           int               zoom)
{
  double n = (double) (1u << zoom);
  AtlasMapView view = {
    .center_x = (x + 0.5) / n,
    .center_y = (y + 0.5) / n,
    .scale = ATLAS_TILE_SIZE * n,
    .width = ATLAS_TILE_SIZE,
    .height = ATLAS_TILE_SIZE,
  };

  atlas_map_renderer_draw_basemap (renderer, cr, &view);
}

void
atlas_tile_source_draw (AtlasTileSource    *self,
                        cairo_t            *cr,
                        const AtlasMapView *view)
{
  g_return_if_fail (ATLAS_IS_TILE_SOURCE (self));
  g_return_if_fail (cr != NULL && view != NULL);

  atlas_map_renderer_draw_basemap (self->renderer, cr, view);
}

GBytes *
atlas_tile_source_render_tile (AtlasTileSource  *self,
                               int               x,
                               int               y,
                               int               zoom,
                               GError          **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  int size;
  cairo_t *cr;

  g_return_val_if_fail (ATLAS_IS_TILE_SOURCE (self), NULL);
  g_return_val_if_fail (zoom >= 0 && zoom <= 30, NULL);

  size = ATLAS_TILE_SIZE * self->scale_factor;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cr = cairo_create (surface);
  cairo_scale (cr, self->scale_factor, self->scale_factor);

  draw_tile (self->renderer, cr, x, y, zoom);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not encode basemap tile %d/%d/%d as PNG: %s"),
                   zoom, x, y, cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  /* Tiles scrolled away are cancelled by the map layer: skip the work. */
  if (g_task_return_error_if_cancelled (task))
    return;

  bytes = atlas_tile_source_render_tile (source_object, request->x,
                                         request->y, request->zoom, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_tile_rendered (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&request->outer);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  /* ShumateRasterRenderer takes the image from this signal, in the main
   * thread, before the request completes. */
  g_signal_emit_by_name (source_object, "received-data",
                         request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (outer, g_steal_pointer (&bytes),
                         (GDestroyNotify) g_bytes_unref);
}

static void
atlas_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  TileRequest *request;

  request = g_new0 (TileRequest, 1);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  request->outer = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (request->outer, atlas_tile_source_get_tile_data_async);

  inner = g_task_new (source, cancellable, on_tile_rendered, NULL);
  g_task_set_task_data (inner, request, (GDestroyNotify) tile_request_free);
  g_task_run_in_thread (inner, render_in_thread);
}

static GBytes *
atlas_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
atlas_tile_source_constructed (GObject *object)
{
  AtlasTileSource *self = ATLAS_TILE_SOURCE (object);

  G_OBJECT_CLASS (atlas_tile_source_parent_class)->constructed (object);

  self->renderer = atlas_map_renderer_new ();
  atlas_map_renderer_set_style (self->renderer, self->style);
  atlas_map_renderer_set_basemap (self->renderer, self->basemap);
}

static void
atlas_tile_source_finalize (GObject *object)
{
  AtlasTileSource *self = ATLAS_TILE_SOURCE (object);

  g_clear_object (&self->renderer);
  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (atlas_tile_source_parent_class)->finalize (object);
}

static void
atlas_tile_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasTileSource *self = ATLAS_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      g_value_set_object (value, self->basemap);
      break;
    case PROP_STYLE:
      g_value_set_enum (value, self->style);
      break;
    case PROP_SCALE_FACTOR:
      g_value_set_int (value, self->scale_factor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_tile_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasTileSource *self = ATLAS_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      self->basemap = g_value_dup_object (value);
      break;
    case PROP_STYLE:
      self->style = g_value_get_enum (value);
      break;
    case PROP_SCALE_FACTOR:
      self->scale_factor = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_tile_source_class_init (AtlasTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->constructed = atlas_tile_source_constructed;
  object_class->finalize = atlas_tile_source_finalize;
  object_class->get_property = atlas_tile_source_get_property;
  object_class->set_property = atlas_tile_source_set_property;

  source_class->get_tile_data_async = atlas_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = atlas_tile_source_get_tile_data_finish;

  properties[PROP_BASEMAP] =
    g_param_spec_object ("basemap", NULL, NULL,
                         ATLAS_TYPE_BASEMAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL,
                       ATLAS_TYPE_MAP_STYLE, ATLAS_MAP_STYLE_LIGHT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE_FACTOR] =
    g_param_spec_int ("scale-factor", NULL, NULL,
                      1, 4, 1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_tile_source_init (AtlasTileSource *self)
{
  self->scale_factor = 1;
}

AtlasTileSource *
atlas_tile_source_new (AtlasBasemap  *basemap,
                       AtlasMapStyle  style,
                       int            scale_factor)
{
  g_return_val_if_fail (basemap == NULL || ATLAS_IS_BASEMAP (basemap), NULL);

  return g_object_new (ATLAS_TYPE_TILE_SOURCE,
                       "basemap", basemap,
                       "style", style,
                       "scale-factor", CLAMP (scale_factor, 1, 4),
                       NULL);
}

AtlasMapStyle
atlas_tile_source_get_style (AtlasTileSource *self)
{
  g_return_val_if_fail (ATLAS_IS_TILE_SOURCE (self), ATLAS_MAP_STYLE_LIGHT);

  return self->style;
}

AtlasBasemap *
atlas_tile_source_get_basemap (AtlasTileSource *self)
{
  g_return_val_if_fail (ATLAS_IS_TILE_SOURCE (self), NULL);

  return self->basemap;
}

int
atlas_tile_source_get_scale_factor (AtlasTileSource *self)
{
  g_return_val_if_fail (ATLAS_IS_TILE_SOURCE (self), 1);

  return self->scale_factor;
}

ShumateMapSource *
atlas_tile_source_create_map_source (AtlasTileSource *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (ATLAS_IS_TILE_SOURCE (self), NULL);

  /* The id keys libshumate's tile cache: one per style and scale. */
  id = g_strdup_printf ("platsatlas-basemap-%d-%d-%s", (int) self->style,
                        self->scale_factor, self->basemap ? "ne" : "empty");

  return SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full (id,
                                      _("Offline basemap"),
                                      _("Natural Earth (public domain), GSHHG lakes (LGPL 3.0)"),
                                      "https://www.naturalearthdata.com/",
                                      ATLAS_TILE_MIN_ZOOM, ATLAS_TILE_MAX_ZOOM,
                                      ATLAS_TILE_SIZE,
                                      SHUMATE_MAP_PROJECTION_MERCATOR,
                                      SHUMATE_DATA_SOURCE (self)));
}
