/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <time.h>

#include "atlas-map-layer.h"

/* The cache covers this fraction of the view's size beyond each edge, so a
 * pan reveals no gap before the cache is redrawn. */
#define CACHE_MARGIN 0.25
/* Redraw the cache this long after the view stopped changing. */
#define SETTLE_MS 160

struct _AtlasMapLayer
{
  ShumateLayer      parent_instance;

  AtlasMapRenderer *renderer;
  AtlasMapRenderer *highlighter;
  AtlasDivision    *division;
  AtlasMapStyle     style;

  AtlasArea        *hovered;
  AtlasArea        *selected;
  GPtrArray        *selection;        /* more selected areas, or NULL */
  AtlasArea        *compare_a;
  AtlasArea        *compare_b;

  GdkTexture       *cache;
  cairo_surface_t  *cache_surface;   /* the same pixels, for the cairo renderer */
  AtlasMapView      cache_view;
  int               cache_scale_factor;
  gboolean          cache_dirty;
  guint             n_cache_builds;
  guint             n_draws;
  double            last_draw_ms;
  double            last_draw_cpu_ms;
  guint             settle_id;

  /* The offline basemap under the choropleth, for the cairo renderer (see
   * update_tiles()): its source, the tile layer that otherwise shows it
   * (not owned: the map owns its layers), and its last drawing. */
  AtlasTileSource  *basemap_source;
  GtkWidget        *tile_layer;
  cairo_surface_t  *basemap_surface;
  AtlasMapView      basemap_view;
  int               basemap_scale_factor;
  gboolean          cache_has_basemap;
};

G_DEFINE_FINAL_TYPE (AtlasMapLayer, atlas_map_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_HOVERED_AREA,
  PROP_STYLE,
  N_PROPS
};

enum {
  AREA_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
atlas_map_layer_get_view (AtlasMapLayer *self,
                          AtlasMapView  *view)
{
  ShumateViewport *viewport;
  ShumateMapSource *source;
  double tile_size = ATLAS_TILE_SIZE;

  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));
  g_return_if_fail (view != NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  source = shumate_viewport_get_reference_map_source (viewport);
  if (source != NULL)
    tile_size = shumate_map_source_get_tile_size (source);

  atlas_mercator_from_lonlat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                              shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                              &view->center_x, &view->center_y);
  view->scale = tile_size * exp2 (shumate_viewport_get_zoom_level (viewport));
  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
}

/* GTK 4.8's cairo renderer (software rendering, as under Xvfb) converts a
 * texture's every pixel through floats on every frame that touches it,
 * which cost more than drawing the choropleth: there the cached surface
 * is painted directly, clipped to what the frame redraws. GL renderers
 * upload the texture once. */
static gboolean
uses_cairo_renderer (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* Whether the cache carries the basemap under the choropleth. The cairo
 * renderer draws every tile of the tile layer below on every frame that
 * repaints the map (converting each tile's pixels, then scaling them to
 * the fractional zoom): a year step paid more for the tiles than for
 * the choropleth itself. Painted here, the basemap is drawn once per
 * view, and a year step copies it. */
static gboolean
paints_basemap (AtlasMapLayer *self)
{
  return self->basemap_source != NULL && self->tile_layer != NULL
         && uses_cairo_renderer (GTK_WIDGET (self));
}

static gboolean
same_view (const AtlasMapView *a,
           const AtlasMapView *b)
{
  return a->center_x == b->center_x && a->center_y == b->center_y && a->scale == b->scale
         && a->width == b->width && a->height == b->height;
}

/* Where the cached texture lands in the current view. */
static graphene_rect_t
cache_rect_in_view (AtlasMapLayer      *self,
                    const AtlasMapView *view)
{
  const AtlasMapView *c = &self->cache_view;
  double ratio = view->scale / c->scale;
  double left = c->center_x - c->width / 2.0 / c->scale;
  double top = c->center_y - c->height / 2.0 / c->scale;

  return GRAPHENE_RECT_INIT ((left - view->center_x) * view->scale + view->width / 2.0,
                             (top - view->center_y) * view->scale + view->height / 2.0,
                             c->width * ratio,
                             c->height * ratio);
}

/* TRUE when the cache shows the view at its own scale and the pan has not
 * eaten more than half of the margin; otherwise it is worth redrawing. */
static gboolean
cache_fits_view (AtlasMapLayer      *self,
                 const AtlasMapView *view)
{
  graphene_rect_t rect;
  double slack_x = view->width * CACHE_MARGIN / 2.0;
  double slack_y = view->height * CACHE_MARGIN / 2.0;

  if (self->cache == NULL || fabs (view->scale / self->cache_view.scale - 1.0) > 1e-9)
    return FALSE;

  rect = cache_rect_in_view (self, view);

  return rect.origin.x <= -slack_x && rect.origin.y <= -slack_y
         && rect.origin.x + rect.size.width >= view->width + slack_x
         && rect.origin.y + rect.size.height >= view->height + slack_y;
}

/* TRUE when the cache still covers every pixel of the view at its scale. */
static gboolean
cache_covers_view (AtlasMapLayer      *self,
                   const AtlasMapView *view)
{
  graphene_rect_t rect;

  if (self->cache == NULL || fabs (view->scale / self->cache_view.scale - 1.0) > 1e-9)
    return FALSE;

  rect = cache_rect_in_view (self, view);

  return rect.origin.x <= 0 && rect.origin.y <= 0
         && rect.origin.x + rect.size.width >= view->width
         && rect.origin.y + rect.size.height >= view->height;
}

/* With the basemap in the cache, the tile layer is needed only where the
 * cache does not reach: while the view pans or zooms away from it, until
 * the settle timeout redraws it. Decided before the frame is drawn (the
 * tile layer is drawn first) from what the snapshot will paint: a cache
 * that is due for a redraw is redrawn for the current view, covering it. */
static void
update_tiles (AtlasMapLayer *self)
{
  gboolean covered = FALSE;

  if (self->tile_layer == NULL)
    return;

  if (paints_basemap (self) && self->division != NULL)
    {
      AtlasMapView view;

      atlas_map_layer_get_view (self, &view);
      covered = view.width >= 1 && view.height >= 1
                && (self->cache == NULL || self->cache_dirty || !self->cache_has_basemap
                    || self->cache_scale_factor != gtk_widget_get_scale_factor (GTK_WIDGET (self))
                    || cache_covers_view (self, &view));
    }
  gtk_widget_set_opacity (self->tile_layer, covered ? 0.0 : 1.0);
}

/* Paints the basemap of @view over all of @cr (device pixels: @width ×
 * @height), drawing it first when the last drawing shows another view. */
static void
paint_basemap (AtlasMapLayer      *self,
               cairo_t            *cr,
               const AtlasMapView *view,
               int                 scale_factor,
               int                 width,
               int                 height)
{
  if (self->basemap_surface == NULL || !same_view (&self->basemap_view, view)
      || self->basemap_scale_factor != scale_factor)
    {
      cairo_t *basemap_cr;

      g_clear_pointer (&self->basemap_surface, cairo_surface_destroy);
      self->basemap_surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      basemap_cr = cairo_create (self->basemap_surface);
      cairo_scale (basemap_cr, scale_factor, scale_factor);
      atlas_tile_source_draw (self->basemap_source, basemap_cr, view);
      cairo_destroy (basemap_cr);
      self->basemap_view = *view;
      self->basemap_scale_factor = scale_factor;
    }

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, self->basemap_surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
rebuild_cache (AtlasMapLayer      *self,
               const AtlasMapView *view,
               int                 scale_factor)
{
  g_autoptr(GBytes) bytes = NULL;
  AtlasMapView extended = *view;
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;
  int width, height, stride;
  cairo_t *cr;

  extended.width = ceil (view->width * (1.0 + 2.0 * CACHE_MARGIN));
  extended.height = ceil (view->height * (1.0 + 2.0 * CACHE_MARGIN));
  width = (int) extended.width * scale_factor;
  height = (int) extended.height * scale_factor;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale_factor, scale_factor);
  self->cache_has_basemap = paints_basemap (self);
  if (self->cache_has_basemap)
    paint_basemap (self, cr, &extended, scale_factor, width, height);
  atlas_map_renderer_draw_choropleth (self->renderer, cr, &extended);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_clear_pointer (&self->cache_surface, cairo_surface_destroy);
  self->cache_surface = cairo_surface_reference (surface);
  /* cairo's ARGB32 is GDK_MEMORY_DEFAULT: the pixels are handed over as is. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  g_clear_object (&self->cache);
  self->cache = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT,
                                        bytes, stride);
  self->cache_view = extended;
  self->cache_scale_factor = scale_factor;
  self->cache_dirty = FALSE;
  self->n_cache_builds++;
  g_debug ("Choropleth cache %d×%d drawn in %.1f ms", width, height,
           (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
on_settle_timeout (gpointer user_data)
{
  AtlasMapLayer *self = user_data;
  AtlasMapView view;

  self->settle_id = 0;
  atlas_map_layer_get_view (self, &view);
  if (!cache_fits_view (self, &view))
    {
      self->cache_dirty = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  update_tiles (self);

  return G_SOURCE_REMOVE;
}

static void
restart_settle_timeout (AtlasMapLayer *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, on_settle_timeout, self);
}

static void
on_viewport_notify (AtlasMapLayer *self,
                    GParamSpec    *pspec,
                    GObject       *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->cache != NULL)
    restart_settle_timeout (self);
  update_tiles (self);
}

/* Outline widths and the comparison badges (10 px radius at the label
 * point, inside the area's box) stay within this of an area's box. */
#define HIGHLIGHT_MARGIN_PX 16.0

/* Extends @box (view pixels: x0, y0, x1, y1) by @area's box. */
static void
add_area_box (const AtlasMapView *view,
              AtlasArea          *area,
              double             *box)
{
  AtlasGeometry *geometry = area != NULL ? atlas_area_get_geometry (area) : NULL;
  const AtlasBBox *bbox;
  double x0, y0, x1, y1;

  if (geometry == NULL || atlas_bbox_is_empty (atlas_geometry_get_bbox (geometry)))
    return;
  bbox = atlas_geometry_get_bbox (geometry);
  atlas_mercator_from_lonlat (bbox->min_x, bbox->min_y, &x0, &y0);
  atlas_mercator_from_lonlat (bbox->max_x, bbox->max_y, &x1, &y1);
  x0 = (x0 - view->center_x) * view->scale + view->width / 2.0;
  x1 = (x1 - view->center_x) * view->scale + view->width / 2.0;
  y0 = (y0 - view->center_y) * view->scale + view->height / 2.0;
  y1 = (y1 - view->center_y) * view->scale + view->height / 2.0;
  box[0] = MIN (box[0], MIN (x0, x1) - HIGHLIGHT_MARGIN_PX);
  box[1] = MIN (box[1], MIN (y0, y1) - HIGHLIGHT_MARGIN_PX);
  box[2] = MAX (box[2], MAX (x0, x1) + HIGHLIGHT_MARGIN_PX);
  box[3] = MAX (box[3], MAX (y0, y1) + HIGHLIGHT_MARGIN_PX);
}

/* The outlines go in a node no larger than the areas they outline: a
 * hover then repaints that part of the window, not the whole map. */
static void
append_highlights (AtlasMapLayer      *self,
                   GtkSnapshot        *snapshot,
                   const AtlasMapView *view)
{
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  AtlasArea *areas[] = { self->hovered, self->selected, self->compare_a, self->compare_b };
  graphene_rect_t bounds;
  cairo_t *cr;

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    add_area_box (view, areas[i], box);
  for (guint i = 0; self->selection != NULL && i < self->selection->len; i++)
    add_area_box (view, g_ptr_array_index (self->selection, i), box);
  box[0] = MAX (box[0], 0.0);
  box[1] = MAX (box[1], 0.0);
  box[2] = MIN (box[2], view->width);
  box[3] = MIN (box[3], view->height);
  if (box[2] <= box[0] || box[3] <= box[1])
    return;

  /* The highlighter holds no choropleth: it draws only the outlines. */
  bounds = GRAPHENE_RECT_INIT (box[0], box[1], box[2] - box[0], box[3] - box[1]);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  atlas_map_renderer_draw_choropleth (self->highlighter, cr, view);
  cairo_destroy (cr);
}

static const cairo_user_data_key_t pixels_key;
static const cairo_user_data_key_t source_key;

/* The cache's pixels as a surface that lives exactly as long as the
 * render node's recording (@recording) that paints it. A recording keeps
 * a copy-on-write snapshot of what it paints, and cairo copies every
 * pixel when such a surface goes first; this one goes after, and the
 * pixels stay alive until then. */
static cairo_surface_t *
borrow_cache_pixels (AtlasMapLayer   *self,
                     cairo_surface_t *recording)
{
  cairo_surface_t *source;

  source = cairo_image_surface_create_for_data (cairo_image_surface_get_data (self->cache_surface),
                                                CAIRO_FORMAT_ARGB32,
                                                cairo_image_surface_get_width (self->cache_surface),
                                                cairo_image_surface_get_height (self->cache_surface),
                                                cairo_image_surface_get_stride (self->cache_surface));
  cairo_surface_set_user_data (source, &pixels_key, cairo_surface_reference (self->cache_surface),
                               (cairo_destroy_func_t) cairo_surface_destroy);
  cairo_surface_set_user_data (recording, &source_key, source,
                               (cairo_destroy_func_t) cairo_surface_destroy);
  return source;
}

static void
append_cache (AtlasMapLayer         *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              const AtlasMapView    *view)
{
  cairo_surface_t *source;
  cairo_t *cr;

  if (!uses_cairo_renderer (GTK_WIDGET (self)))
    {
      gtk_snapshot_append_texture (snapshot, self->cache, rect);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view->width, view->height));
  source = borrow_cache_pixels (self, cairo_get_target (cr));
  cairo_translate (cr, rect->origin.x, rect->origin.y);
  cairo_scale (cr, rect->size.width / cairo_image_surface_get_width (source),
               rect->size.height / cairo_image_surface_get_height (source));
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* This thread's CPU time, which other processes do not inflate. */
static double
thread_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void
atlas_map_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AtlasMapLayer *self = ATLAS_MAP_LAYER (widget);
  int scale_factor = gtk_widget_get_scale_factor (widget);
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();
  graphene_rect_t rect;
  AtlasMapView view;

  atlas_map_layer_get_view (self, &view);
  if (view.width < 1 || view.height < 1 || self->division == NULL)
    return;

  /* Only content changes (and a first frame) redraw here; view changes
   * reuse the texture until the settle timeout asks for a redraw. */
  if (self->cache == NULL || self->cache_dirty || self->cache_scale_factor != scale_factor
      || self->cache_has_basemap != paints_basemap (self))
    rebuild_cache (self, &view, scale_factor);

  rect = cache_rect_in_view (self, &view);
  /* While panning, a texture between device pixels would be resampled and
   * blurred: keep it on the pixel grid (at most half a pixel off). */
  if (fabs (view.scale / self->cache_view.scale - 1.0) <= 1e-9)
    {
      rect.origin.x = round (rect.origin.x * scale_factor) / scale_factor;
      rect.origin.y = round (rect.origin.y * scale_factor) / scale_factor;
    }
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  append_cache (self, snapshot, &rect, &view);
  append_highlights (self, snapshot, &view);
  gtk_snapshot_pop (snapshot);
  self->n_draws++;
  self->last_draw_ms = (g_get_monotonic_time () - start) / 1000.0;
  self->last_draw_cpu_ms = thread_cpu_ms () - cpu_start;
}

static void
atlas_map_layer_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  AtlasMapLayer *self = ATLAS_MAP_LAYER (widget);
  AtlasMapView view;

  GTK_WIDGET_CLASS (atlas_map_layer_parent_class)->size_allocate (widget, width, height, baseline);

  atlas_map_layer_get_view (self, &view);
  if (self->cache != NULL && !cache_covers_view (self, &view))
    self->cache_dirty = TRUE;
  update_tiles (self);
}

static void
atlas_map_layer_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_map_layer_parent_class)->map (widget);

  /* The renderer is known from here on. */
  update_tiles (ATLAS_MAP_LAYER (widget));
}

static gboolean
atlas_map_layer_contains (GtkWidget *widget,
                          double     x,
                          double     y)
{
  /* ShumateLayer lets events fall through; this layer wants the pointer. */
  return x >= 0 && y >= 0
         && x < gtk_widget_get_width (widget) && y < gtk_widget_get_height (widget);
}

static void
set_hovered (AtlasMapLayer *self,
             AtlasArea     *area)
{
  if (self->hovered == area)
    return;

  g_set_object (&self->hovered, area);
  atlas_map_renderer_set_hover (self->highlighter, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED_AREA]);
}

static void
on_motion (AtlasMapLayer            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  set_hovered (self, atlas_map_layer_area_at (self, x, y));
}

static void
on_leave (AtlasMapLayer            *self,
          GtkEventControllerMotion *controller)
{
  set_hovered (self, NULL);
}

static void
on_click_pressed (AtlasMapLayer   *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  GdkModifierType state;
  AtlasArea *area;

  if (n_press != 2)
    return;

  /* Claiming the second press keeps ShumateMap from zooming in as well:
   * a double click here means "zoom to this area". */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  area = atlas_map_layer_area_at (self, x, y);
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  g_signal_emit (self, signals[AREA_CLICKED], 0, area, n_press, state);
}

static void
on_click_released (AtlasMapLayer   *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  GdkModifierType state;

  /* A drag cancels the gesture before release, so this is a real click. */
  if (n_press != 1)
    return;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  g_signal_emit (self, signals[AREA_CLICKED], 0,
                 atlas_map_layer_area_at (self, x, y), n_press, state);
}

static void
atlas_map_layer_constructed (GObject *object)
{
  AtlasMapLayer *self = ATLAS_MAP_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_map_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_notify),
                           self, G_CONNECT_SWAPPED);
}

static void
atlas_map_layer_dispose (GObject *object)
{
  AtlasMapLayer *self = ATLAS_MAP_LAYER (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->cache_surface, cairo_surface_destroy);
  g_clear_pointer (&self->basemap_surface, cairo_surface_destroy);
  g_clear_object (&self->basemap_source);
  if (self->tile_layer != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->tile_layer), (gpointer *) &self->tile_layer);
  self->tile_layer = NULL;
  g_clear_object (&self->hovered);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_object (&self->compare_a);
  g_clear_object (&self->compare_b);
  g_clear_object (&self->division);
  g_clear_object (&self->renderer);
  g_clear_object (&self->highlighter);

  G_OBJECT_CLASS (atlas_map_layer_parent_class)->dispose (object);
}

static void
atlas_map_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AtlasMapLayer *self = ATLAS_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_HOVERED_AREA:
      g_value_set_object (value, self->hovered);
      break;
    case PROP_STYLE:
      g_value_set_enum (value, self->style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AtlasMapLayer *self = ATLAS_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      atlas_map_layer_set_style (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_layer_class_init (AtlasMapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_map_layer_constructed;
  object_class->dispose = atlas_map_layer_dispose;
  object_class->get_property = atlas_map_layer_get_property;
  object_class->set_property = atlas_map_layer_set_property;

  widget_class->snapshot = atlas_map_layer_snapshot;
  widget_class->size_allocate = atlas_map_layer_size_allocate;
  widget_class->map = atlas_map_layer_map;
  widget_class->contains = atlas_map_layer_contains;

  properties[PROP_HOVERED_AREA] =
    g_param_spec_object ("hovered-area", NULL, NULL,
                         ATLAS_TYPE_AREA,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL,
                       ATLAS_TYPE_MAP_STYLE, ATLAS_MAP_STYLE_LIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasMapLayer::area-clicked:
   * @area: (nullable): the area under the pointer
   * @n_press: 1 for a click, 2 for a double click
   * @state: the modifier state
   */
  signals[AREA_CLICKED] =
    g_signal_new ("area-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  ATLAS_TYPE_AREA, G_TYPE_INT, GDK_TYPE_MODIFIER_TYPE);

  gtk_widget_class_set_css_name (widget_class, "atlas-map-layer");
}

static void
atlas_map_layer_init (AtlasMapLayer *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  self->renderer = atlas_map_renderer_new ();
  self->highlighter = atlas_map_renderer_new ();
  /* Names where they fit; the highlighter names the selected and
   * compared areas on top. */
  atlas_map_renderer_set_labels (self->renderer, TRUE);
  atlas_map_renderer_set_labels (self->highlighter, TRUE);
  self->style = ATLAS_MAP_STYLE_LIGHT;

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

AtlasMapLayer *
atlas_map_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (ATLAS_TYPE_MAP_LAYER, "viewport", viewport, NULL);
}

static void
invalidate (AtlasMapLayer *self)
{
  self->cache_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_tiles (self);
}

void
atlas_map_layer_set_basemap_tiles (AtlasMapLayer   *self,
                                   AtlasTileSource *source,
                                   GtkWidget       *tile_layer)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));
  g_return_if_fail (source == NULL || ATLAS_IS_TILE_SOURCE (source));
  g_return_if_fail (tile_layer == NULL || GTK_IS_WIDGET (tile_layer));

  if (self->tile_layer != NULL && self->tile_layer != tile_layer)
    {
      gtk_widget_set_opacity (self->tile_layer, 1.0);
      g_object_remove_weak_pointer (G_OBJECT (self->tile_layer), (gpointer *) &self->tile_layer);
      self->tile_layer = NULL;
    }
  if (tile_layer != NULL && self->tile_layer != tile_layer)
    {
      self->tile_layer = tile_layer;
      g_object_add_weak_pointer (G_OBJECT (tile_layer), (gpointer *) &self->tile_layer);
    }
  if (g_set_object (&self->basemap_source, source))
    g_clear_pointer (&self->basemap_surface, cairo_surface_destroy);
  invalidate (self);
}

void
atlas_map_layer_set_choropleth (AtlasMapLayer *self,
                                AtlasDivision *division,
                                const int     *classes,
                                AtlasPalette  *palette)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));
  g_return_if_fail (division == NULL || ATLAS_IS_DIVISION (division));
  g_return_if_fail (division == NULL || (classes != NULL && palette != NULL));

  g_set_object (&self->division, division);
  atlas_map_renderer_set_choropleth (self->renderer, division, classes, palette);
  if (self->hovered != NULL && atlas_area_get_division (self->hovered) != division)
    set_hovered (self, NULL);
  invalidate (self);
}

void
atlas_map_layer_set_shown_areas (AtlasMapLayer  *self,
                                 const gboolean *shown,
                                 guint           n_areas)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));

  atlas_map_renderer_set_visible (self->renderer, shown, n_areas);
  invalidate (self);
}

void
atlas_map_layer_set_context_divisions (AtlasMapLayer *self,
                                       AtlasDivision *outer,
                                       AtlasDivision *inner)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));

  atlas_map_renderer_set_context_divisions (self->renderer, outer, inner);
  invalidate (self);
}

void
atlas_map_layer_set_basemap (AtlasMapLayer *self,
                             AtlasBasemap  *basemap)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));
  g_return_if_fail (basemap == NULL || ATLAS_IS_BASEMAP (basemap));

  atlas_map_renderer_set_basemap (self->renderer, basemap);
  if (self->division != NULL)
    invalidate (self);
}

void
atlas_map_layer_set_style (AtlasMapLayer *self,
                           AtlasMapStyle  style)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));

  if (self->style == style)
    return;

  self->style = style;
  atlas_map_renderer_set_style (self->renderer, style);
  atlas_map_renderer_set_style (self->highlighter, style);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

AtlasMapStyle
atlas_map_layer_get_style (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), ATLAS_MAP_STYLE_LIGHT);

  return self->style;
}

void
atlas_map_layer_set_selected_area (AtlasMapLayer *self,
                                   AtlasArea     *area)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));

  /* The outline is drawn over the cache: no redraw of the choropleth. */
  if (!g_set_object (&self->selected, area))
    return;

  atlas_map_renderer_set_selected (self->highlighter, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Many selected areas (@areas is copied), outlined over the cache. */
void
atlas_map_layer_set_selection (AtlasMapLayer *self,
                               GPtrArray     *areas)
{
  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));

  if (self->selection == NULL && (areas == NULL || areas->len == 0))
    return;
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  if (areas != NULL && areas->len > 0)
    {
      self->selection = g_ptr_array_new_full (areas->len, g_object_unref);
      for (guint i = 0; i < areas->len; i++)
        g_ptr_array_add (self->selection, g_object_ref (g_ptr_array_index (areas, i)));
    }
  atlas_map_renderer_set_selection (self->highlighter, self->selection);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The comparison's A and B, outlined and badged over the cache like the
 * selection. */
void
atlas_map_layer_set_compare (AtlasMapLayer *self,
                             AtlasArea     *area_a,
                             AtlasArea     *area_b)
{
  gboolean changed_a, changed_b;

  g_return_if_fail (ATLAS_IS_MAP_LAYER (self));

  changed_a = g_set_object (&self->compare_a, area_a);
  changed_b = g_set_object (&self->compare_b, area_b);
  if (!changed_a && !changed_b)
    return;

  atlas_map_renderer_set_compare (self->highlighter, area_a, area_b);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

AtlasArea *
atlas_map_layer_get_hovered_area (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), NULL);

  return self->hovered;
}

AtlasArea *
atlas_map_layer_area_at (AtlasMapLayer *self,
                         double         x,
                         double         y)
{
  AtlasMapView view;

  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), NULL);

  if (self->division == NULL)
    return NULL;

  atlas_map_layer_get_view (self, &view);
  if (view.width < 1 || view.height < 1)
    return NULL;

  return atlas_map_renderer_area_at (self->renderer, &view, x, y);
}

gboolean
atlas_map_layer_get_paints_basemap (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), FALSE);

  return self->cache != NULL && self->cache_has_basemap && self->tile_layer != NULL
         && gtk_widget_get_opacity (self->tile_layer) == 0.0;
}

guint
atlas_map_layer_get_n_cache_builds (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), 0);

  return self->n_cache_builds;
}

guint
atlas_map_layer_get_n_draws (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), 0);

  return self->n_draws;
}

double
atlas_map_layer_get_last_draw_ms (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), 0.0);

  return self->last_draw_ms;
}

double
atlas_map_layer_get_last_draw_cpu_ms (AtlasMapLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_LAYER (self), 0.0);

  return self->last_draw_cpu_ms;
}
