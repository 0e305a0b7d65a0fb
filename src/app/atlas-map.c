/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-legend.h"
#include "atlas-map.h"
#include "atlas-tile-source.h"

/* Pixels kept free around the division when framing it. */
#define FIT_MARGIN 24.0
#define GO_TO_MS 450
/* Keyboard pans move the view by this fraction of its size. */
#define KEY_PAN_FRACTION 0.2

struct _AtlasMap
{
  GtkWidget          parent_instance;

  /* template */
  GtkWidget         *overlay;
  ShumateMap        *map;
  ShumateScale      *scale;
  AtlasLegend       *legend;
  GtkWidget         *demo_badge;

  ShumateViewport   *viewport;
  AtlasMapLayer     *layer;
  ShumateMapLayer   *tile_layer;
  ShumateMapLayer   *online_layer;
  char              *online_tiles_url;
  AtlasTileSource   *tile_source;

  /* What the map shows when it follows a state (atlas_map_set_state()) */
  AtlasExplorerState *state;
  guint              following;

  AtlasDataset      *dataset;
  AtlasDivision     *division;
  AtlasIndicator    *indicator;
  guint              year;
  AtlasClassification *classification;
  AtlasMapStyle      style;
  AtlasArea         *selected_area;
  char             **selection;     /* codes outlined beside the selected area */
  guint              since_year;    /* a change map from this year; 0: none */
  gboolean           showing_change;
  AtlasArea         *compare_a;
  AtlasArea         *compare_b;
  /* Areas of other types are not drawn nor counted (atlas-area-filter.h) */
  AtlasAreaFilter   *filter;
  /* Only these areas are drawn (a panel's chosen type or flag count) */
  GHashTable        *highlight;
  AtlasDivision     *highlight_division;  /* of its areas; NULL when none */
  gconstpointer      highlight_owner;     /* who set it, compared only */
  AtlasBasemap      *basemap;
  GCancellable      *basemap_cancellable;

  /* The current rendering */
  AtlasClassBreaks  *breaks;
  /* The last breaks over every year (pooled): a year step keeps them
   * rather than sorting every year's values again. The key's objects
   * belong to the dataset, and the cache goes with it. */
  AtlasClassBreaks  *pooled_breaks;
  AtlasIndicator    *pooled_indicator;
  AtlasDivision     *pooled_division;
  AtlasClassMethod   pooled_method;
  guint              pooled_count;
  AtlasPalette      *palette;
  int               *classes;
  guint              n_classes;   /* entries of classes: the division's areas */
  gboolean           update_pending;
  guint              update_idle_id;

  gboolean           fit_pending;
  gboolean           moving_viewport;
  /* Frame the coverage again whenever the size changes, until the user
   * moves the view (presentation mode entering full screen). */
  gboolean           keep_framed;
  int                framed_width;
  int                framed_height;
  /* The offline basemap stops at this lon/lat box (empty: no limit). */
  AtlasBBox          basemap_extent;
  gboolean           clamping;
};

G_DEFINE_FINAL_TYPE (AtlasMap, atlas_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DIVISION,
  PROP_INDICATOR,
  PROP_YEAR,
  PROP_CLASSIFICATION,
  PROP_STYLE,
  PROP_SELECTED_AREA,
  PROP_COMPARE_A,
  PROP_COMPARE_B,
  PROP_HOVERED_AREA,
  PROP_BREAKS,
  PROP_PALETTE,
  PROP_BASEMAP,
  PROP_ONLINE_TILES_URL,
  PROP_SINCE_YEAR,
  PROP_SHOWING_CHANGE,
  N_PROPS
};

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The default basemap is loaded once and shared while any map uses it. */
static AtlasBasemap *shared_basemap;

/* Basemap loads still running in a worker thread. A program that ends
 * during one would tear GDAL down under it and crash on its way out, so
 * exit() waits for them: a load takes a fraction of a second. */
static GMutex loads_lock;
static GCond loads_done;
static guint n_loads;
static gboolean waits_at_exit;

static gboolean fit_bbox (AtlasMap        *self,
                          const AtlasBBox *bbox,
                          gboolean         animate);

/* Classification */

static AtlasPalette *
create_palette (AtlasMap *self,
                guint     n_colors)
{
  g_autoptr(GError) error = NULL;
  AtlasPalette *palette;

  /* Unknown schemes are turned away where settings are restored
   * (AtlasWindow), so this fails only on a programming error. */
  palette = atlas_classification_create_palette (self->classification, self->indicator, n_colors, &error);
  if (palette == NULL)
    g_critical ("No palette for “%s”: %s", atlas_indicator_get_id (self->indicator), error->message);
  return palette;
}

static AtlasClassBreaks *
compute_breaks (AtlasMap *self)
{
  g_autoptr(GError) error = NULL;
  AtlasClassMethod method = atlas_classification_get_method (self->classification);
  guint count = atlas_classification_get_count (self->classification);
  gboolean pooled = atlas_classification_get_pooled (self->classification)
                    && method != ATLAS_CLASS_METHOD_MANUAL;
  AtlasClassBreaks *breaks;

  if (pooled && self->pooled_breaks != NULL && self->pooled_indicator == self->indicator
      && self->pooled_division == self->division && self->pooled_method == method
      && self->pooled_count == count)
    return atlas_class_breaks_ref (self->pooled_breaks);

  breaks = atlas_classification_compute_shown_breaks (self->classification, self->dataset, self->indicator,
                                                      self->division, self->year, &error);
  /* No value at all is a normal state (a year without data): all hatched. */
  if (breaks == NULL)
    g_debug ("No classes for %s: %s", atlas_indicator_get_id (self->indicator), error->message);

  if (pooled && breaks != NULL)
    {
      g_clear_pointer (&self->pooled_breaks, atlas_class_breaks_unref);
      self->pooled_breaks = atlas_class_breaks_ref (breaks);
      self->pooled_indicator = self->indicator;
      self->pooled_division = self->division;
      self->pooled_method = method;
      self->pooled_count = count;
    }

  return breaks;
}

/* The legend counts the areas the map draws; those without borders are
 * said once, by the undrawn note. */
static gboolean
is_drawn (AtlasMap *self,
          guint     index)
{
  return atlas_area_get_geometry (atlas_division_get_area (self->division, index)) != NULL;
}

static void
classify_categories (AtlasMap     *self,
                     const double *values,
                     gsize        *counts,
                     gsize        *n_missing)
{
  guint n_categories = atlas_indicator_get_n_categories (self->indicator);

  for (guint i = 0; i < self->n_classes; i++)
    {
      int code = values != NULL && !isnan (values[i]) ? (int) lround (values[i]) : G_MININT;

      self->classes[i] = -1;
      for (guint c = 0; c < n_categories; c++)
        if (atlas_indicator_get_category (self->indicator, c)->code == code)
          self->classes[i] = (int) c;
      if (!is_drawn (self, i))
        continue;
      if (self->classes[i] >= 0)
        counts[self->classes[i]]++;
      else
        (*n_missing)++;
    }
}

static void
classify_values (AtlasMap         *self,
                 AtlasClassBreaks *breaks,
                 const double     *values,
                 gsize            *counts,
                 gsize            *n_missing)
{
  for (guint i = 0; i < self->n_classes; i++)
    {
      double value = values != NULL ? values[i] : NAN;

      self->classes[i] = breaks != NULL ? atlas_class_breaks_classify (breaks, value) : -1;
      if (!is_drawn (self, i))
        continue;
      if (self->classes[i] >= 0)
        counts[self->classes[i]]++;
      else
        (*n_missing)++;
    }
}

static void
set_breaks (AtlasMap         *self,
            AtlasClassBreaks *breaks)
{
  gboolean same = (breaks == NULL && self->breaks == NULL)
                  || (breaks != NULL && self->breaks != NULL
                      && atlas_class_breaks_equal (breaks, self->breaks));

  if (same)
    return;

  g_clear_pointer (&self->breaks, atlas_class_breaks_unref);
  self->breaks = breaks != NULL ? atlas_class_breaks_ref (breaks) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKS]);
}

static void
set_palette (AtlasMap     *self,
             AtlasPalette *palette)
{
  if (palette == self->palette)
    return;

  g_clear_pointer (&self->palette, atlas_palette_unref);
  self->palette = palette != NULL ? atlas_palette_ref (palette) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

/* Per area, whether the filter and the highlight let it be drawn; NULL
 * when every area is. */
static gboolean *
dup_shown_areas (AtlasMap *self)
{
  gboolean *shown = NULL;

  if (self->filter != NULL)
    shown = atlas_area_filter_dup_mask (self->filter, self->dataset, self->division, self->year);
  /* Another level (the user switched): the highlight does not apply */
  if (self->highlight == NULL
      || (self->highlight_division != NULL && self->highlight_division != self->division))
    return shown;
  if (shown == NULL)
    {
      shown = g_new (gboolean, MAX (self->n_classes, 1));
      for (guint i = 0; i < self->n_classes; i++)
        shown[i] = TRUE;
    }
  for (guint i = 0; i < self->n_classes; i++)
    shown[i] = shown[i] && g_hash_table_contains (self->highlight,
                                                  atlas_division_get_area (self->division, i));
  return shown;
}

/* Hidden areas leave the legend's counts, as they leave the map. */
static void
apply_shown_areas (AtlasMap *self,
                   gsize    *counts,
                   gsize    *n_missing)
{
  g_autofree gboolean *shown = dup_shown_areas (self);

  for (guint i = 0; shown != NULL && i < self->n_classes; i++)
    {
      /* Undrawn areas were never counted (classify_values()) */
      if (shown[i] || !is_drawn (self, i))
        continue;
      if (self->classes[i] >= 0)
        counts[self->classes[i]]--;
      else
        (*n_missing)--;
    }
  atlas_map_layer_set_shown_areas (self->layer, shown, self->n_classes);
}

static gboolean
can_draw (AtlasMap *self)
{
  return self->dataset != NULL && self->division != NULL && self->indicator != NULL;
}

/* The codes that name areas of the shown level; the others (another
 * level's) wait until that level is shown. */
static GPtrArray *
selection_areas (AtlasMap *self)
{
  GPtrArray *areas = g_ptr_array_new ();

  for (guint i = 0; self->division != NULL && self->selection != NULL && self->selection[i] != NULL; i++)
    {
      AtlasArea *area = atlas_division_lookup_area (self->division, self->selection[i]);

      if (area != NULL)
        g_ptr_array_add (areas, area);
    }
  return areas;
}

/* The legend counts the selected areas of each class, when there are
 * several (a brushed or similar-areas selection, not a click). */
static void
count_selection (AtlasMap  *self,
                 GPtrArray *areas)
{
  guint n = self->palette != NULL ? atlas_palette_get_n_colors (self->palette) : 0;
  g_autofree gsize *counts = NULL;
  gsize n_missing = 0;

  if (areas->len < 2 || n == 0 || self->classes == NULL)
    {
      atlas_legend_set_selected_counts (self->legend, NULL, 0, 0);
      return;
    }
  counts = g_new0 (gsize, n);
  for (guint i = 0; i < areas->len; i++)
    {
      guint index = atlas_area_get_index (g_ptr_array_index (areas, i));
      int class = index < self->n_classes ? self->classes[index] : -2;

      if (class >= 0 && (guint) class < n)
        counts[class]++;
      else if (class == -1)
        n_missing++;
    }
  atlas_legend_set_selected_counts (self->legend, counts, n, n_missing);
}

static void
update_selection (AtlasMap *self)
{
  g_autoptr(GPtrArray) areas = selection_areas (self);

  atlas_map_layer_set_selection (self->layer, areas);
  count_selection (self, areas);
}

/* A change map from since-year to the year: the change per area, classes
 * centred on zero and diverging colours read through the polarity, as
 * figures and `classify --since` make them. FALSE, and a plain map, when
 * the years make none (the year is not later, a value is missing in
 * every area). */
static gboolean
compute_change (AtlasMap          *self,
                double           **changes,
                AtlasClassBreaks **breaks,
                AtlasPalette     **palette)
{
  g_autoptr(GError) error = NULL;
  AtlasClassification *classification = self->classification;

  if (self->since_year == 0 || self->since_year >= self->year)
    return FALSE;
  *changes = atlas_change_compute (self->dataset, self->indicator, self->division, self->since_year, self->year,
                                   &error);
  if (*changes != NULL)
    *breaks = atlas_change_compute_breaks (self->indicator, self->division, *changes,
                                           atlas_classification_get_count (classification),
                                           self->since_year, self->year, &error);
  if (*breaks != NULL)
    *palette = atlas_change_create_palette (self->indicator, atlas_classification_get_palette_scheme (classification),
                                            atlas_class_breaks_get_n_classes (*breaks),
                                            atlas_classification_get_palette_reverse (classification), &error);
  if (*palette != NULL)
    return TRUE;
  g_debug ("No change map for %s: %s", atlas_indicator_get_id (self->indicator), error->message);
  g_clear_pointer (changes, g_free);
  g_clear_pointer (breaks, atlas_class_breaks_unref);
  return FALSE;
}

static void
set_showing_change (AtlasMap *self,
                    gboolean  showing)
{
  atlas_legend_set_since (self->legend, showing ? self->since_year : 0);
  if (self->showing_change == showing)
    return;
  self->showing_change = showing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_CHANGE]);
}

static void
update_classification (AtlasMap *self)
{
  g_autoptr(AtlasClassBreaks) breaks = NULL;
  g_autoptr(AtlasPalette) palette = NULL;
  g_autofree gsize *counts = g_new0 (gsize, ATLAS_CLASS_MAX + 1);
  g_autofree double *changes = NULL;
  const double *values = NULL;
  gboolean categories;
  gsize n_missing = 0;

  self->update_pending = FALSE;
  g_clear_handle_id (&self->update_idle_id, g_source_remove);

  /* A tooltip resting on the map named the value of the year and indicator
   * shown before: it goes, first (so that the legend's new tooltips do not
   * ask for it again), and the pointer's next move asks for the new one, as
   * GTK does on a key press. Asking again at once would hide and map the
   * tooltip window anew on every year step, a round trip to the X server
   * that costs more than redrawing the map. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->layer), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->layer), TRUE);

  self->n_classes = self->division != NULL ? atlas_division_get_n_areas (self->division) : 0;
  g_free (self->classes);
  self->classes = g_new (int, MAX (self->n_classes, 1));

  if (!can_draw (self))
    {
      atlas_map_layer_set_choropleth (self->layer, NULL, NULL, NULL);
      atlas_map_layer_set_shown_areas (self->layer, NULL, 0);
      atlas_legend_set_classification (self->legend, NULL, NULL, NULL, NULL, 0, 0, FALSE, NULL, 0);
      gtk_widget_set_visible (self->demo_badge, FALSE);
      set_breaks (self, NULL);
      set_palette (self, NULL);
      return;
    }

  values = atlas_dataset_peek_values (self->dataset, self->indicator, self->year, self->division);
  categories = atlas_indicator_get_unit (self->indicator) == ATLAS_UNIT_CATEGORY;
  if (categories)
    {
      palette = create_palette (self, atlas_indicator_get_n_categories (self->indicator));
      classify_categories (self, values, counts, &n_missing);
    }
  else if (compute_change (self, &changes, &breaks, &palette))
    {
      values = changes;
      classify_values (self, breaks, values, counts, &n_missing);
    }
  else
    {
      breaks = compute_breaks (self);
      palette = create_palette (self, breaks != NULL ? atlas_class_breaks_get_n_classes (breaks) : 2);
      classify_values (self, breaks, values, counts, &n_missing);
    }

  set_showing_change (self, changes != NULL);
  atlas_map_layer_set_choropleth (self->layer, self->division, self->classes, palette);
  apply_shown_areas (self, counts, &n_missing);
  atlas_legend_set_division (self->legend, self->division);
  atlas_legend_set_classification (self->legend, self->indicator, breaks, palette,
                                   values, values != NULL ? atlas_division_get_n_areas (self->division) : 0,
                                   self->year, atlas_classification_get_pooled (self->classification),
                                   counts, n_missing);
  gtk_widget_set_visible (self->demo_badge, atlas_dataset_indicator_is_demonstration (self->dataset, self->indicator));
  set_breaks (self, breaks);
  set_palette (self, palette);
  update_selection (self);
}

static void
update_choropleth (AtlasMap *self)
{
  update_classification (self);

  if (self->fit_pending && self->division != NULL
      && fit_bbox (self, atlas_division_get_bbox (self->division), FALSE))
    self->fit_pending = FALSE;
}

static gboolean
on_update_idle (gpointer user_data)
{
  AtlasMap *self = user_data;

  self->update_idle_id = 0;
  update_choropleth (self);

  return G_SOURCE_REMOVE;
}

/* Several properties usually change together (dataset, division, indicator,
 * year): classify once, before the next frame, or earlier on demand. */
static void
queue_update (AtlasMap *self)
{
  self->update_pending = TRUE;
  if (self->update_idle_id == 0)
    self->update_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_update_idle, self, NULL);
}

static void
ensure_updated (AtlasMap *self)
{
  if (self->update_pending)
    update_choropleth (self);
}

/* Context borders: län and kommun over deeper divisions. */
static void
update_context_divisions (AtlasMap *self)
{
  AtlasDivision *outer = NULL;
  AtlasDivision *inner = NULL;
  guint depth = self->division != NULL ? atlas_division_get_depth (self->division) : 0;

  for (AtlasDivision *d = self->division != NULL ? atlas_division_get_parent (self->division) : NULL;
       d != NULL; d = atlas_division_get_parent (d))
    {
      if (!atlas_division_has_geometry (d))
        continue;
      if (atlas_division_get_depth (d) == 1)
        outer = d;
      else if (atlas_division_get_depth (d) == 2 && depth > 2)
        inner = d;
    }

  atlas_map_layer_set_context_divisions (self->layer, outer, inner);
}

/* Viewport */

static gboolean
animations_enabled (AtlasMap *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled, NULL);

  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

static void
go_to (AtlasMap *self,
       double    lat,
       double    lon,
       double    zoom,
       gboolean  animate)
{
  zoom = CLAMP (zoom, ATLAS_TILE_MIN_ZOOM, ATLAS_TILE_MAX_ZOOM);
  lat = CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  lon = CLAMP (lon, SHUMATE_MIN_LONGITUDE, SHUMATE_MAX_LONGITUDE);

  if (animate && animations_enabled (self))
    {
      shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, GO_TO_MS);
      return;
    }

  shumate_map_stop_go_to (self->map);
  self->moving_viewport = TRUE;
  g_object_freeze_notify (G_OBJECT (self->viewport));
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
  g_object_thaw_notify (G_OBJECT (self->viewport));
  self->moving_viewport = FALSE;
}

static double
legend_inset (AtlasMap *self,
              int       width)
{
  GtkWidget *legend = GTK_WIDGET (self->legend);
  int natural = 0;
  double inset;

  if (!gtk_widget_get_visible (legend))
    return 0.0;

  gtk_widget_measure (legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  inset = natural + gtk_widget_get_margin_end (legend);

  /* On a narrow map the legend simply overlaps. */
  return inset < width / 2.0 ? inset : 0.0;
}

/* The map fills the widget: width and height are the widget's, passed in
 * because size_allocate frames before its children have their size. */
static gboolean
fit_bbox_in (AtlasMap        *self,
             const AtlasBBox *bbox,
             int              width,
             int              height,
             gboolean         animate)
{
  AtlasMapView view;
  double lon, lat, inset;

  if (width < 1 || height < 1 || bbox == NULL || atlas_bbox_is_empty (bbox))
    return FALSE;

  /* Frame the area beside the legend card, not under it. */
  inset = legend_inset (self, width);
  atlas_map_view_fit_bbox (&view, bbox, width - inset, height, FIT_MARGIN);
  view.center_x += inset / 2.0 / view.scale;
  atlas_mercator_to_lonlat (view.center_x, view.center_y, &lon, &lat);
  go_to (self, lat, lon, atlas_map_view_get_zoom (&view, ATLAS_TILE_SIZE), animate);

  return TRUE;
}

static gboolean
fit_bbox (AtlasMap        *self,
          const AtlasBBox *bbox,
          gboolean         animate)
{
  return fit_bbox_in (self, bbox, gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)), animate);
}

/* The offline basemap is cut to a box: a view reaching past it would show
 * land ending in a straight line. The map zooms out only as far as the
 * box still fills it, and pans only as far as its edges. Online tiles
 * cover the world and need no limit. */
static void
clamp_to_basemap (AtlasMap *self,
                  int       width,
                  int       height)
{
  double x0, y0, x1, y1, cx, cy, lon, lat, zoom, min_zoom, scale, half_w, half_h;

  if (self->clamping || self->online_layer != NULL || atlas_bbox_is_empty (&self->basemap_extent)
      || width < 1 || height < 1)
    return;
  atlas_mercator_from_lonlat (self->basemap_extent.min_x, self->basemap_extent.max_y, &x0, &y0);
  atlas_mercator_from_lonlat (self->basemap_extent.max_x, self->basemap_extent.min_y, &x1, &y1);
  min_zoom = log2 (MAX (width / (x1 - x0), height / (y1 - y0)) / ATLAS_TILE_SIZE);
  zoom = MAX (shumate_viewport_get_zoom_level (self->viewport), min_zoom);
  scale = ATLAS_TILE_SIZE * exp2 (zoom);
  half_w = width / 2.0 / scale;
  half_h = height / 2.0 / scale;
  atlas_mercator_from_lonlat (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                              shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)), &cx, &cy);
  cx = CLAMP (cx, x0 + half_w, MAX (x0 + half_w, x1 - half_w));
  cy = CLAMP (cy, y0 + half_h, MAX (y0 + half_h, y1 - half_h));
  atlas_mercator_to_lonlat (cx, cy, &lon, &lat);
  if (fabs (zoom - shumate_viewport_get_zoom_level (self->viewport)) < 1e-9
      && fabs (lon - shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport))) < 1e-9
      && fabs (lat - shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport))) < 1e-9)
    return;
  self->clamping = TRUE;
  self->moving_viewport = TRUE;
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
  self->moving_viewport = FALSE;
  self->clamping = FALSE;
}

static void
on_viewport_changed (AtlasMap   *self,
                     GParamSpec *pspec,
                     GObject    *viewport)
{
  /* Someone else placed the view (restored settings, the user): keep
   * their choice. */
  if (!self->moving_viewport)
    {
      self->fit_pending = FALSE;
      self->keep_framed = FALSE;
    }
  clamp_to_basemap (self, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)));
}

/* Basemap tiles */

/* The choropleth layer may paint the offline basemap itself (it does with
 * the cairo renderer), but not over online tiles. */
static void
update_layer_basemap (AtlasMap *self)
{
  gboolean own = self->tile_layer != NULL && self->online_layer == NULL;

  atlas_map_layer_set_basemap_tiles (self->layer, own ? self->tile_source : NULL,
                                     own ? GTK_WIDGET (self->tile_layer) : NULL);
}

static void
update_tile_layer (AtlasMap *self)
{
  g_autoptr(ShumateMapSource) map_source = NULL;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  ShumateMapLayer *tile_layer;

  if (self->tile_source != NULL
      && atlas_tile_source_get_style (self->tile_source) == self->style
      && atlas_tile_source_get_basemap (self->tile_source) == self->basemap
      && atlas_tile_source_get_scale_factor (self->tile_source) == scale_factor)
    return;

  g_clear_object (&self->tile_source);
  self->tile_source = atlas_tile_source_new (self->basemap, self->style, scale_factor);
  map_source = atlas_tile_source_create_map_source (self->tile_source);

  /* The map source clamps the zoom: that is not a user's choice of view. */
  self->moving_viewport = TRUE;
  shumate_viewport_set_reference_map_source (self->viewport, map_source);
  self->moving_viewport = FALSE;

  /* Until the basemap is loaded the source only serves as reference. */
  if (self->basemap == NULL)
    return;

  /* Bottom of the stack: under the online tiles, if any, and the choropleth. */
  tile_layer = shumate_map_layer_new (map_source, self->viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (tile_layer),
                                   self->tile_layer != NULL ? SHUMATE_LAYER (self->tile_layer)
                                   : self->online_layer != NULL ? SHUMATE_LAYER (self->online_layer)
                                   : SHUMATE_LAYER (self->layer));
  if (self->tile_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
  self->tile_layer = tile_layer;
  update_layer_basemap (self);
}

/* An optional online raster source over the offline tiles: while its tiles
 * load, or when the network is absent, the offline basemap shows through. */
static void
update_online_layer (AtlasMap *self)
{
  g_autoptr(ShumateRasterRenderer) source = NULL;

  if (self->online_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->online_layer));
  self->online_layer = NULL;

  if (self->online_tiles_url == NULL)
    {
      update_layer_basemap (self);
      return;
    }

  source = shumate_raster_renderer_new_full_from_url ("platsatlas-online", _("Online map"),
                                                      NULL, NULL,
                                                      ATLAS_TILE_MIN_ZOOM, ATLAS_TILE_MAX_ZOOM,
                                                      ATLAS_TILE_SIZE,
                                                      SHUMATE_MAP_PROJECTION_MERCATOR,
                                                      self->online_tiles_url);
  self->online_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), self->viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->online_layer),
                                   SHUMATE_LAYER (self->layer));
  update_layer_basemap (self);
}

/* The load holds the map weakly: a map closed while its basemap loads is
 * freed at once (with the window it was in), not when the thread ends. */
static void
on_basemap_loaded (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GWeakRef *map_ref = user_data;
  g_autoptr(AtlasMap) self = g_weak_ref_get (map_ref);
  g_autoptr(AtlasBasemap) basemap = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (map_ref);
  g_free (map_ref);
  basemap = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    return;
  /* Cancelled by dispose or by an explicit basemap: the result is stale
   * even when loading finished without looking at the cancellable. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->basemap_cancellable);

  /* Without a basemap the map still works, on a plain sea colour. */
  if (basemap == NULL)
    {
      g_message ("No offline basemap: %s", error->message);
      return;
    }

  if (shared_basemap == NULL)
    {
      shared_basemap = basemap;
      g_object_add_weak_pointer (G_OBJECT (basemap), (gpointer *) &shared_basemap);
    }
  atlas_map_set_basemap (self, basemap);
}

static void
wait_for_basemap_loads (void)
{
  g_mutex_lock (&loads_lock);
  while (n_loads > 0)
    g_cond_wait (&loads_done, &loads_lock);
  g_mutex_unlock (&loads_lock);
}

static void
end_basemap_load (void)
{
  g_mutex_lock (&loads_lock);
  n_loads--;
  g_cond_broadcast (&loads_done);
  g_mutex_unlock (&loads_lock);
}

static void
load_basemap_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  AtlasBasemap *basemap = atlas_basemap_load_default (cancellable, &error);
  AtlasMapRenderer *renderer;

  if (basemap == NULL)
    {
      g_task_return_error (task, error);
      end_basemap_load ();
      return;
    }
  /* Projected here, off the main thread: renderers share the projection
   * kept with the basemap, so the tile source and the map layer reuse it. */
  renderer = atlas_map_renderer_new ();
  atlas_map_renderer_set_basemap (renderer, basemap);
  g_object_unref (renderer);
  g_task_return_pointer (task, basemap, g_object_unref);
  end_basemap_load ();
}

static void
load_default_basemap (AtlasMap *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *map_ref;

  if (shared_basemap != NULL)
    {
      atlas_map_set_basemap (self, shared_basemap);
      return;
    }

  self->basemap_cancellable = g_cancellable_new ();
  map_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (map_ref, self);
  task = g_task_new (NULL, self->basemap_cancellable, on_basemap_loaded, map_ref);
  g_mutex_lock (&loads_lock);
  if (n_loads++ == 0 && !waits_at_exit)
    {
      atexit (wait_for_basemap_loads);
      waits_at_exit = TRUE;
    }
  g_mutex_unlock (&loads_lock);
  g_task_run_in_thread (task, load_basemap_in_thread);
}

/* Style */

static void
on_style_manager_changed (AtlasMap        *self,
                          GParamSpec      *pspec,
                          AdwStyleManager *manager)
{
  if (adw_style_manager_get_high_contrast (manager))
    atlas_map_set_style (self, ATLAS_MAP_STYLE_HIGH_CONTRAST);
  else if (adw_style_manager_get_dark (manager))
    atlas_map_set_style (self, ATLAS_MAP_STYLE_DARK);
  else
    atlas_map_set_style (self, ATLAS_MAP_STYLE_LIGHT);
}

static void
install_css (GtkWidget *widget)
{
  static const char css[] =
    "atlas-map:focus:focus-visible { outline: 2px solid @accent_color; outline-offset: -2px; }\n"
    "atlas-map map-view { background-color: #cad9e6; }\n"
    "atlas-map.dark map-view { background-color: #18222c; }\n"
    "atlas-map .atlas-demo-badge { background-color: rgba(165, 29, 45, 0.92); color: white;"
    " font-weight: bold; padding: 4px 10px; border-radius: 6px; }\n"
    "atlas-legend { background-color: alpha(@window_bg_color, 0.92); color: @window_fg_color;"
    " border-radius: 8px; padding: 10px 12px;"
    " box-shadow: 0 1px 4px alpha(black, 0.25); }\n"
    "atlas-map scale { background-color: alpha(@window_bg_color, 0.8); border-radius: 4px;"
    " padding: 2px 6px; }\n";
  static GdkDisplay *installed_on;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gtk_widget_get_display (widget);

  if (installed_on == display)
    return;

  /* Below the application's own style.css, which may refine it. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION - 1);
  installed_on = display;
}

/* Pointer and keyboard */

/* Ctrl+click compares, in the state the map follows: the area selected
 * before is A, the clicked one B, and the selection stays on A, which the
 * details pane describes. Ctrl+clicking the selected area itself, or any
 * area with none selected, selects it and makes it A alone, which the
 * comparison panel shows waiting for B. Presentation mode shows the map
 * alone, so there it is a plain click. */
static gboolean
compare_in_state (AtlasMap  *self,
                  AtlasArea *area)
{
  AtlasExplorerState *state = self->state;
  AtlasArea *before;

  if (state == NULL || atlas_explorer_state_get_presenting (state))
    return FALSE;
  before = atlas_explorer_state_lookup_selected (state);
  atlas_explorer_state_freeze (state);
  if (before == NULL)
    atlas_explorer_state_select (state, atlas_area_get_code (area));
  if (before == NULL || before == area)
    atlas_explorer_state_set_compare (state, atlas_area_get_code (area), NULL);
  else
    atlas_explorer_state_set_compare (state, atlas_area_get_code (before), atlas_area_get_code (area));
  atlas_explorer_state_thaw (state);
  return TRUE;
}

static void
on_layer_area_clicked (AtlasMap        *self,
                       AtlasArea       *area,
                       int              n_press,
                       GdkModifierType  state,
                       AtlasMapLayer   *layer)
{
  if (n_press == 2 && area != NULL)
    {
      atlas_map_zoom_to_area (self, area);
      g_signal_emit (self, signals[AREA_ACTIVATED], 0, area);
      return;
    }

  if (area == NULL || (state & GDK_CONTROL_MASK) == 0 || !compare_in_state (self, area))
    atlas_map_set_selected_area (self, area);
}

static void
on_layer_hovered_area (AtlasMap      *self,
                       GParamSpec    *pspec,
                       AtlasMapLayer *layer)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED_AREA]);
}

static char *
describe_class (AtlasMap  *self,
                AtlasArea *area)
{
  int klass = atlas_map_get_area_class (self, area);

  if (klass < 0 || self->breaks == NULL || (guint) klass >= atlas_legend_get_n_rows (self->legend))
    return NULL;

  /* The legend's own label of the class, so tooltip and legend agree */
  /* Translators: "Class 3 of 5: 12.3–15.6 %" */
  return g_strdup_printf (_("Class %d of %u: %s"), klass + 1,
                          atlas_class_breaks_get_n_classes (self->breaks),
                          atlas_legend_get_row_label (self->legend, klass));
}

static void
append_markup (GString    *text,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static void
append_markup (GString    *text,
               const char *format,
               ...)
{
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  escaped = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (text, escaped);
}

static char *
describe_area (AtlasMap  *self,
               AtlasArea *area)
{
  g_autofree char *name = atlas_area_dup_display_name (area);
  g_autofree char *value_text = NULL;
  g_autofree char *class_text = NULL;
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  AtlasValueSource source;
  GString *text = g_string_new (NULL);
  double value = NAN;

  /* DeSO names are built from the code: do not repeat it. */
  if (strstr (name, atlas_area_get_code (area)) != NULL)
    append_markup (text, "<b>%s</b>", name);
  else
    append_markup (text, "<b>%s</b> (%s)", name, atlas_area_get_code (area));

  source = atlas_dataset_get_value (self->dataset, self->indicator, self->year,
                                    area, &value, &reason);
  value_text = atlas_indicator_format_value (self->indicator, value, NULL);
  append_markup (text, "\n%s %u: <b>%s</b>",
                 atlas_indicator_get_short_label (self->indicator, NULL),
                 self->year, value_text);
  if (source == ATLAS_VALUE_DERIVED)
    append_markup (text, " (%s)", _("derived from sub-areas"));
  if (source == ATLAS_VALUE_MISSING)
    append_markup (text, "\n%s", atlas_missing_reason_describe (reason));
  else if ((class_text = describe_class (self, area)) != NULL)
    append_markup (text, "\n%s", class_text);
  if (atlas_dataset_value_is_demonstration (self->dataset, self->indicator, source))
    append_markup (text, "\n<i>%s</i>", _("Demonstration data – not real statistics"));

  return g_string_free (text, FALSE);
}

static gboolean
on_layer_query_tooltip (AtlasMap      *self,
                        int            x,
                        int            y,
                        gboolean       keyboard_mode,
                        GtkTooltip    *tooltip,
                        AtlasMapLayer *layer)
{
  g_autofree char *markup = NULL;
  AtlasArea *area;

  ensure_updated (self);
  area = keyboard_mode ? self->selected_area : atlas_map_layer_area_at (layer, x, y);
  if (area == NULL || !can_draw (self))
    return FALSE;

  markup = describe_area (self, area);
  gtk_tooltip_set_markup (tooltip, markup);

  return TRUE;
}

static void
pan_by (AtlasMap *self,
        double    dx,
        double    dy)
{
  AtlasMapView view;
  double lon, lat;

  atlas_map_layer_get_view (self->layer, &view);
  atlas_mercator_to_lonlat (view.center_x + dx * view.width / view.scale,
                            view.center_y + dy * view.height / view.scale,
                            &lon, &lat);
  go_to (self, lat, lon, shumate_viewport_get_zoom_level (self->viewport), FALSE);
}

static gboolean
on_key_pressed (AtlasMap              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  /* Leave Ctrl/Alt combinations to the application's accelerators. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      pan_by (self, -KEY_PAN_FRACTION, 0); break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      pan_by (self, KEY_PAN_FRACTION, 0); break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      pan_by (self, 0, -KEY_PAN_FRACTION); break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      pan_by (self, 0, KEY_PAN_FRACTION); break;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      atlas_map_zoom_in (self); break;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      atlas_map_zoom_out (self); break;
    case GDK_KEY_0: case GDK_KEY_KP_0:
      atlas_map_zoom_to_coverage (self); break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  return GDK_EVENT_STOP;
}

static void
on_press_grab_focus (AtlasMap        *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* GtkWidget */

static void
atlas_map_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  gtk_widget_measure (ATLAS_MAP (widget)->overlay, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* No layout manager: GTK calls size_allocate only without one, and a
 * framing that waited for a size happens here. */
static void
atlas_map_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  AtlasMap *self = ATLAS_MAP (widget);

  /* Move the view first: the scale bar resizes when it changes. The
   * legend's size, which the framing avoids, needs the classification. */
  if (self->keep_framed && (width != self->framed_width || height != self->framed_height))
    self->fit_pending = TRUE;
  if (self->fit_pending)
    ensure_updated (self);
  if (self->fit_pending && self->division != NULL
      && fit_bbox_in (self, atlas_division_get_bbox (self->division), width, height, FALSE))
    {
      self->fit_pending = FALSE;
      self->framed_width = width;
      self->framed_height = height;
    }
  clamp_to_basemap (self, width, height);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
}

static void
atlas_map_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (atlas_map_parent_class)->realize (widget);

  install_css (widget);
}

static void
on_scale_factor_changed (AtlasMap   *self,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  update_tile_layer (self);
}

/* GObject */

/* Takes the reference; NULL makes a default classification. */
static void
set_classification (AtlasMap            *self,
                    AtlasClassification *classification)
{
  if (self->classification != NULL)
    g_signal_handlers_disconnect_by_data (self->classification, self);
  g_clear_object (&self->classification);
  self->classification = classification != NULL ? classification : atlas_classification_new ();
  g_signal_connect_swapped (self->classification, "changed", G_CALLBACK (queue_update), self);
}

static void
atlas_map_dispose (GObject *object)
{
  AtlasMap *self = ATLAS_MAP (object);

  g_cancellable_cancel (self->basemap_cancellable);
  g_clear_object (&self->basemap_cancellable);
  g_clear_handle_id (&self->update_idle_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_MAP);
  self->layer = NULL;
  self->tile_layer = NULL;
  self->online_layer = NULL;

  g_clear_object (&self->tile_source);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_object (&self->dataset);
  g_clear_object (&self->division);
  g_clear_object (&self->indicator);
  g_clear_object (&self->selected_area);
  g_clear_object (&self->compare_a);
  g_clear_object (&self->compare_b);
  g_clear_pointer (&self->filter, atlas_area_filter_unref);
  g_clear_pointer (&self->highlight, g_hash_table_unref);
  g_clear_object (&self->highlight_division);
  g_clear_object (&self->basemap);
  g_clear_pointer (&self->breaks, atlas_class_breaks_unref);
  g_clear_pointer (&self->pooled_breaks, atlas_class_breaks_unref);
  g_clear_pointer (&self->palette, atlas_palette_unref);
  if (self->classification != NULL)
    g_signal_handlers_disconnect_by_data (self->classification, self);
  g_clear_object (&self->classification);

  G_OBJECT_CLASS (atlas_map_parent_class)->dispose (object);
}

static void
atlas_map_finalize (GObject *object)
{
  AtlasMap *self = ATLAS_MAP (object);

  g_free (self->online_tiles_url);
  g_free (self->classes);
  g_strfreev (self->selection);

  G_OBJECT_CLASS (atlas_map_parent_class)->finalize (object);
}

static void
atlas_map_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AtlasMap *self = ATLAS_MAP (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_value_set_object (value, self->dataset); break;
    case PROP_DIVISION: g_value_set_object (value, self->division); break;
    case PROP_INDICATOR: g_value_set_object (value, self->indicator); break;
    case PROP_YEAR: g_value_set_uint (value, self->year); break;
    case PROP_CLASSIFICATION: g_value_set_object (value, self->classification); break;
    case PROP_STYLE: g_value_set_enum (value, self->style); break;
    case PROP_SELECTED_AREA: g_value_set_object (value, self->selected_area); break;
    case PROP_COMPARE_A: g_value_set_object (value, self->compare_a); break;
    case PROP_COMPARE_B: g_value_set_object (value, self->compare_b); break;
    case PROP_HOVERED_AREA: g_value_set_object (value, atlas_map_get_hovered_area (self)); break;
    case PROP_BREAKS: g_value_set_boxed (value, atlas_map_get_breaks (self)); break;
    case PROP_SINCE_YEAR: g_value_set_uint (value, self->since_year); break;
    case PROP_SHOWING_CHANGE: g_value_set_boolean (value, self->showing_change); break;
    case PROP_PALETTE: g_value_set_boxed (value, atlas_map_get_palette (self)); break;
    case PROP_BASEMAP: g_value_set_object (value, self->basemap); break;
    case PROP_ONLINE_TILES_URL: g_value_set_string (value, self->online_tiles_url); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AtlasMap *self = ATLAS_MAP (object);

  switch (prop_id)
    {
    case PROP_DATASET: atlas_map_set_dataset (self, g_value_get_object (value)); break;
    case PROP_DIVISION: atlas_map_set_division (self, g_value_get_object (value)); break;
    case PROP_INDICATOR: atlas_map_set_indicator (self, g_value_get_object (value)); break;
    case PROP_YEAR: atlas_map_set_year (self, g_value_get_uint (value)); break;
    case PROP_CLASSIFICATION: atlas_map_set_classification (self, g_value_get_object (value)); break;
    case PROP_STYLE: atlas_map_set_style (self, g_value_get_enum (value)); break;
    case PROP_SELECTED_AREA: atlas_map_set_selected_area (self, g_value_get_object (value)); break;
    case PROP_COMPARE_A: atlas_map_set_compare (self, g_value_get_object (value), self->compare_b); break;
    case PROP_COMPARE_B: atlas_map_set_compare (self, self->compare_a, g_value_get_object (value)); break;
    case PROP_BASEMAP: atlas_map_set_basemap (self, g_value_get_object (value)); break;
    case PROP_ONLINE_TILES_URL: atlas_map_set_online_tiles_url (self, g_value_get_string (value)); break;
    case PROP_SINCE_YEAR: atlas_map_set_since_year (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, ATLAS_TYPE_DATASET, RW_FLAGS);
  properties[PROP_DIVISION] =
    g_param_spec_object ("division", NULL, NULL, ATLAS_TYPE_DIVISION, RW_FLAGS);
  properties[PROP_INDICATOR] =
    g_param_spec_object ("indicator", NULL, NULL, ATLAS_TYPE_INDICATOR, RW_FLAGS);
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 0, G_MAXUINT, 0, RW_FLAGS);
  properties[PROP_CLASSIFICATION] =
    g_param_spec_object ("classification", NULL, NULL, ATLAS_TYPE_CLASSIFICATION, RW_FLAGS);
  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL, ATLAS_TYPE_MAP_STYLE, ATLAS_MAP_STYLE_LIGHT, RW_FLAGS);
  properties[PROP_SELECTED_AREA] =
    g_param_spec_object ("selected-area", NULL, NULL, ATLAS_TYPE_AREA, RW_FLAGS);
  /* The two areas of a comparison (atlas-comparison-panel.c), outlined
   * and badged "A" and "B"; they may be of another level than the map's. */
  properties[PROP_COMPARE_A] =
    g_param_spec_object ("compare-a", NULL, NULL, ATLAS_TYPE_AREA, RW_FLAGS);
  properties[PROP_COMPARE_B] =
    g_param_spec_object ("compare-b", NULL, NULL, ATLAS_TYPE_AREA, RW_FLAGS);
  properties[PROP_HOVERED_AREA] =
    g_param_spec_object ("hovered-area", NULL, NULL, ATLAS_TYPE_AREA, RO_FLAGS);
  properties[PROP_SINCE_YEAR] =
    g_param_spec_uint ("since-year", NULL, NULL, 0, G_MAXUINT, 0, RW_FLAGS);
  properties[PROP_SHOWING_CHANGE] =
    g_param_spec_boolean ("showing-change", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_BREAKS] =
    g_param_spec_boxed ("breaks", NULL, NULL, ATLAS_TYPE_CLASS_BREAKS, RO_FLAGS);
  properties[PROP_PALETTE] =
    g_param_spec_boxed ("palette", NULL, NULL, ATLAS_TYPE_PALETTE, RO_FLAGS);
  properties[PROP_BASEMAP] =
    g_param_spec_object ("basemap", NULL, NULL, ATLAS_TYPE_BASEMAP, RW_FLAGS);
  properties[PROP_ONLINE_TILES_URL] =
    g_param_spec_string ("online-tiles-url", NULL, NULL, NULL, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_map_class_init (AtlasMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_map_dispose;
  object_class->finalize = atlas_map_finalize;
  object_class->get_property = atlas_map_get_property;
  object_class->set_property = atlas_map_set_property;

  widget_class->measure = atlas_map_measure;
  widget_class->size_allocate = atlas_map_size_allocate;
  widget_class->realize = atlas_map_realize;

  install_properties (object_class);

  /**
   * AtlasMap::area-activated:
   * @area: the area double-clicked; the map has zoomed to it
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ATLAS_TYPE_AREA);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (ATLAS_TYPE_LEGEND);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-map.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasMap, overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasMap, map);
  gtk_widget_class_bind_template_child (widget_class, AtlasMap, scale);
  gtk_widget_class_bind_template_child (widget_class, AtlasMap, legend);
  gtk_widget_class_bind_template_child (widget_class, AtlasMap, demo_badge);

  gtk_widget_class_set_css_name (widget_class, "atlas-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
setup_controllers (AtlasMap *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *press = gtk_gesture_click_new ();

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
  g_signal_connect_swapped (press, "pressed", G_CALLBACK (on_press_grab_focus), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

static void
atlas_map_init (AtlasMap *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->style = ATLAS_MAP_STYLE_LIGHT;
  atlas_bbox_init_empty (&self->basemap_extent);
  set_classification (self, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->viewport = shumate_map_get_viewport (self->map);
  shumate_map_set_zoom_on_double_click (self->map, FALSE);
  self->layer = atlas_map_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->layer));
  shumate_scale_set_viewport (self->scale, self->viewport);
  update_tile_layer (self);
  shumate_viewport_set_zoom_level (self->viewport, 4.3);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), 62.0, 16.0);

  g_signal_connect_object (self->layer, "area-clicked",
                           G_CALLBACK (on_layer_area_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::hovered-area",
                           G_CALLBACK (on_layer_hovered_area), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->layer), TRUE);
  g_signal_connect_object (self->layer, "query-tooltip",
                           G_CALLBACK (on_layer_query_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->viewport, "notify",
                           G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
  setup_controllers (self);

  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (on_style_manager_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast",
                           G_CALLBACK (on_style_manager_changed), self, G_CONNECT_SWAPPED);
  on_style_manager_changed (self, NULL, manager);

  load_default_basemap (self);
  update_choropleth (self);
}

GtkWidget *
atlas_map_new (void)
{
  return g_object_new (ATLAS_TYPE_MAP, NULL);
}

/* Properties */

void
atlas_map_set_dataset (AtlasMap     *self,
                       AtlasDataset *dataset)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (dataset == NULL || ATLAS_IS_DATASET (dataset));

  if (self->state != NULL && self->following == 0)
    {
      atlas_explorer_state_set_dataset (self->state, dataset);
      return;
    }
  if (!g_set_object (&self->dataset, dataset))
    return;
  g_clear_pointer (&self->pooled_breaks, atlas_class_breaks_unref);

  /* Never classify one package's indicator with another's values. */
  if (self->division != NULL
      && (dataset == NULL
          || atlas_dataset_lookup_division (dataset, atlas_division_get_id (self->division)) != self->division))
    atlas_map_set_division (self, NULL);
  if (self->indicator != NULL
      && (dataset == NULL
          || atlas_dataset_lookup_indicator (dataset, atlas_indicator_get_id (self->indicator)) != self->indicator))
    atlas_map_set_indicator (self, NULL);

  /* A new package is framed when its division arrives. */
  self->fit_pending = TRUE;
  atlas_map_set_selected_area (self, NULL);
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

AtlasDataset *
atlas_map_get_dataset (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->dataset;
}

void
atlas_map_set_division (AtlasMap      *self,
                        AtlasDivision *division)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (division == NULL || ATLAS_IS_DIVISION (division));

  if (self->state != NULL && self->following == 0)
    {
      atlas_explorer_state_set_level (self->state, division != NULL ? atlas_division_get_id (division) : NULL);
      return;
    }
  if (!g_set_object (&self->division, division))
    return;

  update_selection (self);
  /* A pending framing happens with the update, once the legend is known. */
  update_context_divisions (self);
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIVISION]);
}

AtlasDivision *
atlas_map_get_division (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->division;
}

void
atlas_map_set_indicator (AtlasMap       *self,
                         AtlasIndicator *indicator)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (indicator == NULL || ATLAS_IS_INDICATOR (indicator));

  if (self->state != NULL && self->following == 0)
    {
      atlas_explorer_state_set_indicator (self->state, indicator != NULL ? atlas_indicator_get_id (indicator) : NULL);
      return;
    }
  if (!g_set_object (&self->indicator, indicator))
    return;

  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

AtlasIndicator *
atlas_map_get_indicator (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->indicator;
}

void
atlas_map_set_year (AtlasMap *self,
                    guint     year)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (self->state != NULL && self->following == 0)
    {
      atlas_explorer_state_set_year (self->state, year);
      return;
    }
  if (self->year == year)
    return;

  self->year = year;
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

guint
atlas_map_get_year (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), 0);

  return self->year;
}

/* The map shows the state's dataset, level, indicator and year, in one
 * go per change of the state; a state waiting for its package is not
 * shown until the package is in. */
static void
follow_state (AtlasMap *self)
{
  AtlasExplorerState *state = self->state;

  if (atlas_explorer_state_awaits_package (state))
    return;
  self->following++;
  g_object_freeze_notify (G_OBJECT (self));
  atlas_map_set_dataset (self, atlas_explorer_state_get_dataset (state));
  atlas_map_set_division (self, atlas_explorer_state_lookup_division (state));
  atlas_map_set_indicator (self, atlas_explorer_state_lookup_indicator (state));
  atlas_map_set_year (self, atlas_explorer_state_get_year (state));
  atlas_map_set_since_year (self, atlas_explorer_state_get_since_year (state));
  atlas_map_set_selected_area (self, atlas_explorer_state_lookup_selected (state));
  atlas_map_set_selection (self, atlas_explorer_state_get_selection (state));
  /* Presentation mode shows the map alone, without the pins of A and B */
  if (atlas_explorer_state_get_presenting (state))
    atlas_map_set_compare (self, NULL, NULL);
  else
    atlas_map_set_compare (self,
                           atlas_explorer_state_lookup_area (state, atlas_explorer_state_get_compare_a (state)),
                           atlas_explorer_state_lookup_area (state, atlas_explorer_state_get_compare_b (state)));
  g_object_thaw_notify (G_OBJECT (self));
  self->following--;
}

/* The areas a panel draws alone, resolved in the state's dataset when
 * the highlight changes (not on every change of the state). */
static void
follow_highlight (AtlasMap *self)
{
  AtlasExplorerState *state = self->state;
  const char * const *codes = atlas_explorer_state_get_highlight (state);
  g_autoptr(GPtrArray) areas = NULL;

  if (atlas_explorer_state_awaits_package (state))
    return;
  if (atlas_explorer_state_has_highlight (state))
    {
      areas = g_ptr_array_new ();
      for (guint i = 0; codes[i] != NULL; i++)
        {
          AtlasArea *area = atlas_explorer_state_lookup_area (state, codes[i]);

          if (area != NULL)
            g_ptr_array_add (areas, area);
        }
    }
  /* The state is the only owner while the map follows it */
  atlas_map_set_highlight (self, state, areas);
}

/**
 * atlas_map_set_state:
 * @state: (nullable): what to show
 *
 * Makes the map follow @state: its dataset, level, indicator, year,
 * since-year, classification, selected area, selection, highlight and
 * comparison A and B (hidden while presenting) are the state's, and the
 * map's setters of those set the state instead. Set once, before the
 * state is shown.
 */
void
atlas_map_set_state (AtlasMap           *self,
                     AtlasExplorerState *state)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (state == NULL || ATLAS_IS_EXPLORER_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  if (state == NULL)
    return;
  atlas_map_set_classification (self, atlas_explorer_state_get_classification (state));
  g_signal_connect_object (state, "changed", G_CALLBACK (follow_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::highlight", G_CALLBACK (follow_highlight), self, G_CONNECT_SWAPPED);
  follow_state (self);
  follow_highlight (self);
}

/**
 * atlas_map_get_state:
 *
 * Returns: (transfer none) (nullable): the state the map follows
 */
AtlasExplorerState *
atlas_map_get_state (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->state;
}

/**
 * atlas_map_set_classification:
 * @classification: (nullable): the settings to follow; NULL for defaults
 *
 * The map redraws whenever @classification changes.
 */
void
atlas_map_set_classification (AtlasMap            *self,
                              AtlasClassification *classification)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (classification == NULL || ATLAS_IS_CLASSIFICATION (classification));

  if (classification != NULL && self->classification == classification)
    return;

  set_classification (self, classification != NULL ? g_object_ref (classification) : NULL);
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFICATION]);
}

/**
 * atlas_map_get_classification:
 *
 * Returns: (transfer none): how the map classifies and colours
 */
AtlasClassification *
atlas_map_get_classification (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->classification;
}

void
atlas_map_set_style (AtlasMap      *self,
                     AtlasMapStyle  style)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (self->style == style)
    return;

  self->style = style;
  atlas_map_layer_set_style (self->layer, style);
  if (style == ATLAS_MAP_STYLE_DARK)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
  update_tile_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

AtlasMapStyle
atlas_map_get_style (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), ATLAS_MAP_STYLE_LIGHT);

  return self->style;
}

void
atlas_map_set_selected_area (AtlasMap  *self,
                             AtlasArea *area)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (area == NULL || ATLAS_IS_AREA (area));

  /* Following a state, a click selects in the state (a selection of many
   * that starts with @area stays whole); the map shows it back. */
  if (self->state != NULL && self->following == 0)
    {
      if (atlas_explorer_state_lookup_selected (self->state) != area)
        atlas_explorer_state_select (self->state, area != NULL ? atlas_area_get_code (area) : NULL);
      return;
    }
  if (!g_set_object (&self->selected_area, area))
    return;

  atlas_map_layer_set_selected_area (self->layer, area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_AREA]);
}

/**
 * atlas_map_set_filter:
 * @self: a map
 * @filter: (nullable): show only the areas it allows, NULL for all
 *
 * Areas the filter leaves out are neither drawn nor counted in the legend.
 */
void
atlas_map_set_filter (AtlasMap        *self,
                      AtlasAreaFilter *filter)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (filter == self->filter
      || (filter != NULL && self->filter != NULL && atlas_area_filter_equal (filter, self->filter)))
    return;
  g_clear_pointer (&self->filter, atlas_area_filter_unref);
  self->filter = filter != NULL ? atlas_area_filter_ref (filter) : NULL;
  queue_update (self);
}

AtlasAreaFilter *
atlas_map_get_filter (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->filter;
}

/**
 * atlas_map_set_highlight:
 * @self: a map
 * @owner: who sets it (a panel): NULL @areas clear only its own highlight,
 *   so one panel never clears another's
 * @areas: (element-type AtlasArea) (nullable): the areas to show alone,
 *   NULL to show every area again
 *
 * Draws only these areas (and counts only them in the legend), as when a
 * panel picks a type or a number of flags. At another level than theirs
 * every area is drawn again.
 */
void
atlas_map_set_highlight (AtlasMap      *self,
                         gconstpointer  owner,
                         GPtrArray     *areas)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (areas == NULL && (self->highlight == NULL || owner != self->highlight_owner))
    return;
  self->highlight_owner = areas != NULL ? owner : NULL;

  g_clear_pointer (&self->highlight, g_hash_table_unref);
  g_clear_object (&self->highlight_division);
  if (areas != NULL && areas->len > 0)
    self->highlight_division = g_object_ref (atlas_area_get_division (g_ptr_array_index (areas, 0)));
  if (areas != NULL)
    {
      self->highlight = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      for (guint i = 0; i < areas->len; i++)
        g_hash_table_add (self->highlight, g_object_ref (g_ptr_array_index (areas, i)));
    }
  queue_update (self);
}

/**
 * atlas_map_is_area_shown:
 * @self: a map
 * @area: an area of the level shown
 *
 * Returns: whether the filter and the highlight let the area be drawn
 */
gboolean
atlas_map_is_area_shown (AtlasMap  *self,
                         AtlasArea *area)
{
  g_autofree gboolean *shown = NULL;
  guint index;

  g_return_val_if_fail (ATLAS_IS_MAP (self), FALSE);

  ensure_updated (self);
  if (self->division == NULL || atlas_area_get_division (area) != self->division)
    return FALSE;
  shown = dup_shown_areas (self);
  index = atlas_area_get_index (area);
  return shown == NULL || shown[index];
}

AtlasArea *
atlas_map_get_selected_area (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->selected_area;
}

/**
 * atlas_map_set_since_year:
 * @since_year: the earlier year of a change map, or 0 for the year's values
 *
 * Shows the change of the indicator from @since_year to the map's year
 * (a change map, "showing-change") whenever that year is later and the
 * indicator has numbers.
 */
void
atlas_map_set_since_year (AtlasMap *self,
                          guint     since_year)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (self->state != NULL && self->following == 0)
    {
      atlas_explorer_state_set_since_year (self->state, since_year);
      return;
    }
  if (self->since_year == since_year)
    return;
  self->since_year = since_year;
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE_YEAR]);
}

guint
atlas_map_get_since_year (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), 0);

  return self->since_year;
}

gboolean
atlas_map_get_showing_change (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), FALSE);

  return self->showing_change;
}

/**
 * atlas_map_set_selection:
 * @codes: (nullable) (array zero-terminated=1): area codes
 *
 * Outlines every area of the shown level that @codes names (the shared
 * selection of the exploring views), thinner than the selected area.
 */
void
atlas_map_set_selection (AtlasMap           *self,
                         const char * const *codes)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (self->selection == NULL && (codes == NULL || codes[0] == NULL))
    return;
  if (self->selection != NULL && codes != NULL && g_strv_equal ((const char * const *) self->selection, codes))
    return;
  g_strfreev (self->selection);
  self->selection = codes != NULL && codes[0] != NULL ? g_strdupv ((char **) codes) : NULL;
  update_selection (self);
}

/* The areas of the shown level that are outlined as the selection, in
 * the order of the codes (transfer container). */
GPtrArray *
atlas_map_dup_selection_areas (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return selection_areas (self);
}

void
atlas_map_set_compare (AtlasMap  *self,
                       AtlasArea *area_a,
                       AtlasArea *area_b)
{
  gboolean changed_a, changed_b;

  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (area_a == NULL || ATLAS_IS_AREA (area_a));
  g_return_if_fail (area_b == NULL || ATLAS_IS_AREA (area_b));

  if (self->state != NULL && self->following == 0)
    {
      atlas_explorer_state_set_compare (self->state, area_a != NULL ? atlas_area_get_code (area_a) : NULL,
                                        area_b != NULL ? atlas_area_get_code (area_b) : NULL);
      return;
    }
  changed_a = g_set_object (&self->compare_a, area_a);
  changed_b = g_set_object (&self->compare_b, area_b);
  if (!changed_a && !changed_b)
    return;

  atlas_map_layer_set_compare (self->layer, area_a, area_b);
  if (changed_a)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_A]);
  if (changed_b)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_B]);
}

AtlasArea *
atlas_map_get_hovered_area (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return atlas_map_layer_get_hovered_area (self->layer);
}

AtlasClassBreaks *
atlas_map_get_breaks (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  ensure_updated (self);
  return self->breaks;
}

AtlasPalette *
atlas_map_get_palette (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  ensure_updated (self);
  return self->palette;
}

void
atlas_map_set_basemap (AtlasMap     *self,
                       AtlasBasemap *basemap)
{
  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (basemap == NULL || ATLAS_IS_BASEMAP (basemap));

  g_cancellable_cancel (self->basemap_cancellable);
  g_clear_object (&self->basemap_cancellable);
  if (!g_set_object (&self->basemap, basemap))
    return;

  if (basemap == NULL || !atlas_basemap_get_extent (basemap, &self->basemap_extent))
    atlas_bbox_init_empty (&self->basemap_extent);
  atlas_map_layer_set_basemap (self->layer, basemap);
  update_tile_layer (self);
  clamp_to_basemap (self, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
}

AtlasBasemap *
atlas_map_get_basemap (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->basemap;
}

void
atlas_map_set_online_tiles_url (AtlasMap   *self,
                                const char *url)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (url != NULL && *url == '\0')
    url = NULL;
  if (g_strcmp0 (self->online_tiles_url, url) == 0)
    return;

  g_free (self->online_tiles_url);
  self->online_tiles_url = g_strdup (url);
  update_online_layer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE_TILES_URL]);
}

const char *
atlas_map_get_online_tiles_url (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->online_tiles_url;
}

/* Methods */

void
atlas_map_zoom_to_area (AtlasMap  *self,
                        AtlasArea *area)
{
  AtlasGeometry *geometry;

  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (ATLAS_IS_AREA (area));

  geometry = atlas_area_get_geometry (area);
  if (geometry != NULL)
    fit_bbox (self, atlas_geometry_get_bbox (geometry), TRUE);
}

void
atlas_map_zoom_to_coverage (AtlasMap *self)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  if (self->division == NULL)
    return;

  if (!fit_bbox (self, atlas_division_get_bbox (self->division), TRUE))
    self->fit_pending = TRUE;
}

/**
 * atlas_map_keep_framed:
 *
 * Frames the whole level now and again whenever the map's size changes,
 * until the user moves the view: for presentation mode, whose full screen
 * arrives some time after it is asked for.
 */
void
atlas_map_keep_framed (AtlasMap *self)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  self->keep_framed = TRUE;
  self->fit_pending = TRUE;
  self->framed_width = self->framed_height = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
zoom_by (AtlasMap *self,
         double    delta)
{
  double zoom = shumate_viewport_get_zoom_level (self->viewport);

  go_to (self,
         shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
         shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
         round (zoom + delta), TRUE);
}

void
atlas_map_zoom_in (AtlasMap *self)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  zoom_by (self, 1.0);
}

void
atlas_map_zoom_out (AtlasMap *self)
{
  g_return_if_fail (ATLAS_IS_MAP (self));

  zoom_by (self, -1.0);
}

ShumateViewport *
atlas_map_get_viewport (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->viewport;
}

int
atlas_map_get_area_class (AtlasMap  *self,
                          AtlasArea *area)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_MAP (self), -2);
  g_return_val_if_fail (ATLAS_IS_AREA (area), -2);

  ensure_updated (self);
  if (!can_draw (self) || atlas_area_get_division (area) != self->division)
    return -2;

  index = atlas_area_get_index (area);
  return index < self->n_classes ? self->classes[index] : -2;
}

AtlasArea *
atlas_map_area_at (AtlasMap *self,
                   double    x,
                   double    y)
{
  double lx, ly;

  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  ensure_updated (self);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->layer),
                                         x, y, &lx, &ly))
    return NULL;

  return atlas_map_layer_area_at (self->layer, lx, ly);
}

void
atlas_map_lonlat_to_widget (AtlasMap *self,
                            double    lon,
                            double    lat,
                            double   *x,
                            double   *y)
{
  AtlasMapView view;
  double mx, my, lx, ly;

  g_return_if_fail (ATLAS_IS_MAP (self));
  g_return_if_fail (x != NULL && y != NULL);

  atlas_map_layer_get_view (self->layer, &view);
  atlas_mercator_from_lonlat (lon, lat, &mx, &my);
  lx = (mx - view.center_x) * view.scale + view.width / 2.0;
  ly = (my - view.center_y) * view.scale + view.height / 2.0;
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->layer), GTK_WIDGET (self),
                                         lx, ly, x, y))
    {
      *x = lx;
      *y = ly;
    }
}

AtlasMapLayer *
atlas_map_get_layer (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return self->layer;
}

GtkWidget *
atlas_map_get_legend (AtlasMap *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP (self), NULL);

  return GTK_WIDGET (self->legend);
}
