/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "atlas-gdal-private.h"
#include "atlas-loader-private.h"

/* Reads the geometry file of each division with OGR, one layer per
 * worker thread, transforms its polygons to WGS 84 lon/lat, then links
 * the features top-down into areas, each under its parent area. */

typedef struct
{
  int code;
  int name;
  int parent;
} FieldIndexes;

typedef struct
{
  GArray *xs;
  GArray *ys;
  GArray *coords;
  GArray *offsets;
} PointBuffers;

static OGRLayerH
find_layer (Loader       *l,
            GeometrySpec *spec,
            GDALDatasetH  ds)
{
  int n = GDALDatasetGetLayerCount (ds);
  g_autoptr(GString) names = g_string_new (NULL);
  OGRLayerH layer;

  if (spec->layer != NULL && (layer = GDALDatasetGetLayerByName (ds, spec->layer)) != NULL)
    return layer;
  if (spec->layer == NULL && n == 1)
    return GDALDatasetGetLayer (ds, 0);

  for (int i = 0; i < n; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            OGR_L_GetName (GDALDatasetGetLayer (ds, i)));

  if (spec->layer != NULL)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                              _("no layer “%s”; expected one of the file’s layers: %s"), spec->layer, names->str);
  else
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                              _("the file has %d layers; expected %s.geometry.layer to name one of %s"),
                              n, spec->where, names->str);
  return NULL;
}

static int
find_field (Loader       *l,
            GeometrySpec *spec,
            OGRLayerH     layer,
            const char   *field,
            const char   *key)
{
  int index;

  if (field == NULL)
    return -1;

  index = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), field);
  if (index < 0)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                              _("the layer “%s” has no field “%s”; expected the field named by %s.geometry.%s"),
                              OGR_L_GetName (layer), field, spec->where, key);
  return index;
}

static gboolean
find_fields (Loader       *l,
             GeometrySpec *spec,
             OGRLayerH     layer,
             FieldIndexes *fields)
{
  fields->code = find_field (l, spec, layer, spec->code_field, "code_field");
  fields->name = find_field (l, spec, layer, spec->name_field, "name_field");
  fields->parent = find_field (l, spec, layer, spec->parent_field, "parent_field");

  return fields->code >= 0 &&
         (spec->name_field == NULL || fields->name >= 0) &&
         (spec->parent_field == NULL || fields->parent >= 0);
}

static OGRCoordinateTransformationH
cached_transformation (Loader               *l,
                       OGRSpatialReferenceH  srs)
{
  if (l->ct_source != NULL && OSRIsSame (srs, l->ct_source))
    return l->ct;

  if (l->ct != NULL)
    OCTDestroyCoordinateTransformation (l->ct);
  if (l->ct_source != NULL)
    OSRDestroySpatialReference (l->ct_source);

  l->ct = OCTNewCoordinateTransformation (srs, l->wgs84);
  l->ct_source = l->ct != NULL ? OSRClone (srs) : NULL;
  return l->ct;
}

/* Sets *ct (owned by the loader) to NULL when the layer is already in
 * WGS 84 lon/lat. */
static gboolean
make_transformation (Loader                       *l,
                     GeometrySpec                 *spec,
                     OGRLayerH                     layer,
                     OGRCoordinateTransformationH *ct)
{
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH srs;
  gboolean ok = TRUE;

  *ct = NULL;
  if (layer_srs == NULL)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                                _("the layer “%s” has no coordinate reference system; expected one such as EPSG:3006 (SWEREF99 TM)"),
                                OGR_L_GetName (layer));
      return FALSE;
    }

  /* OGR hands out coordinates in x = easting/longitude order. */
  srs = OSRClone (layer_srs);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  if (!OSRIsSame (srs, l->wgs84))
    {
      *ct = cached_transformation (l, srs);
      ok = *ct != NULL;
      if (!ok)
        atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                                  _("the layer’s coordinate reference system cannot be transformed to WGS 84 (%s); expected a CRS that PROJ knows"),
                                  atlas_loader_gdal_detail (l));
    }
  OSRDestroySpatialReference (srs);

  return ok;
}

static const char *
field_string (OGRFeatureH feature,
              int         index)
{
  const char *value;

  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;

  value = OGR_F_GetFieldAsString (feature, index);
  return value != NULL && *value != '\0' ? value : NULL;
}

static const char *
check_ring (OGRGeometryH ring,
            int          n)
{
  double x0, y0, x1, y1;

  if (n < 4)
    return _("a ring has fewer than 4 points");

  x0 = OGR_G_GetX (ring, 0);
  y0 = OGR_G_GetY (ring, 0);
  x1 = OGR_G_GetX (ring, n - 1);
  y1 = OGR_G_GetY (ring, n - 1);
  if (x0 != x1 || y0 != y1)
    return _("a ring is not closed");

  return NULL;
}

/* Appends the rings of one polygon to the buffers; an error text if a ring
 * is not a ring. */
static const char *
add_polygon (OGRGeometryH  polygon,
             PointBuffers *b)
{
  int n_rings = OGR_G_GetGeometryCount (polygon);

  for (int r = 0; r < n_rings; r++)
    {
      OGRGeometryH ring = OGR_G_GetGeometryRef (polygon, r);
      int n = OGR_G_GetPointCount (ring);
      guint start = b->xs->len;
      const char *error = check_ring (ring, n);

      if (error != NULL)
        return error;

      g_array_append_val (b->offsets, start);
      g_array_set_size (b->xs, start + n);
      g_array_set_size (b->ys, start + n);
      OGR_G_GetPoints (ring,
                       &g_array_index (b->xs, double, start), sizeof (double),
                       &g_array_index (b->ys, double, start), sizeof (double),
                       NULL, 0);
    }

  return NULL;
}

static const char *
collect_rings (OGRGeometryH  geometry,
               PointBuffers *b)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  const char *error = NULL;

  g_array_set_size (b->xs, 0);
  g_array_set_size (b->ys, 0);
  g_array_set_size (b->offsets, 0);

  if (type == wkbPolygon)
    error = add_polygon (geometry, b);
  else
    for (int i = 0; i < OGR_G_GetGeometryCount (geometry) && error == NULL; i++)
      error = add_polygon (OGR_G_GetGeometryRef (geometry, i), b);

  if (error == NULL && b->offsets->len == 0)
    error = _("the geometry is empty");

  return error;
}

static gboolean
is_lon_lat (double x,
            double y)
{
  return isfinite (x) && isfinite (y) && fabs (x) <= 180.0 && fabs (y) <= 90.0;
}

/* Reprojects the collected points and interleaves them as lon, lat. */
static gboolean
transform_points (Loader                       *l,
                  const char                   *file,
                  Place                        *location,
                  OGRCoordinateTransformationH  ct,
                  PointBuffers                 *b)
{
  guint n = b->xs->len;

  if (ct != NULL && !OCTTransform (ct, (int) n, (double *) b->xs->data, (double *) b->ys->data, NULL))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, atlas_loader_where (l, location),
                                _("the coordinates cannot be transformed to WGS 84 (%s); expected coordinates in the layer’s CRS"),
                                atlas_loader_gdal_detail (l));
      return FALSE;
    }

  g_array_set_size (b->coords, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      double x = g_array_index (b->xs, double, i), y = g_array_index (b->ys, double, i);

      if (!is_lon_lat (x, y))
        {
          atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, atlas_loader_where (l, location),
                                    _("invalid geometry: a point lies outside the earth after transformation to WGS 84; expected coordinates in the layer’s CRS"));
          return FALSE;
        }
      g_array_index (b->coords, double, 2 * i) = x;
      g_array_index (b->coords, double, 2 * i + 1) = y;
    }

  return TRUE;
}

static AtlasGeometry *
build_geometry (Loader                       *l,
                const char                   *file,
                Place                        *location,
                OGRGeometryH                  geometry,
                OGRCoordinateTransformationH  ct,
                PointBuffers                 *b)
{
  OGRwkbGeometryType type;
  const char *error;

  if (geometry == NULL)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, atlas_loader_where (l, location),
                                _("the feature has no geometry; expected a Polygon or MultiPolygon"));
      return NULL;
    }

  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, atlas_loader_where (l, location),
                                _("the geometry is a %s; expected a Polygon or MultiPolygon"),
                                OGR_G_GetGeometryName (geometry));
      return NULL;
    }

  if ((error = collect_rings (geometry, b)) != NULL)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, file, atlas_loader_where (l, location),
                                _("invalid geometry: %s; expected closed rings of at least 4 points"), error);
      return NULL;
    }

  if (!transform_points (l, file, location, ct, b))
    return NULL;

  return atlas_geometry_new ((double *) b->coords->data, b->xs->len,
                             (guint *) b->offsets->data, b->offsets->len);
}

/* One feature as read from its layer, before it is linked into the
 * package (which needs the other layers). */
typedef struct
{
  char          *code;
  char          *name;
  char          *parent_code;
  AtlasGeometry *geometry; /* NULL when the feature has a problem */
  guint          ordinal;
  gboolean       undrawn;  /* a row of an areas table: no geometry, no problem */
} RawFeature;

static void
raw_feature_clear (gpointer data)
{
  RawFeature *raw = data;

  g_free (raw->code);
  g_free (raw->name);
  g_free (raw->parent_code);
  g_clear_pointer (&raw->geometry, atlas_geometry_unref);
}

/* A copy in UTF-8. Without a .cpg file, GDAL hands a Shapefile's texts
 * over as the bytes of its .dbf, most often Windows-1252 (Latin-1 with
 * more letters) in Swedish data: such text is converted and counted, to
 * be reported as a note. */
static char *
utf8_text (Loader     *l,
           const char *text)
{
  char *converted;

  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  l->n_reencoded++;
  converted = g_convert (text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (converted == NULL)
    converted = g_convert (text, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  return converted != NULL ? converted : g_utf8_make_valid (text, -1);
}

static void
read_feature (Loader                       *l,
              GeometrySpec                 *spec,
              OGRFeatureH                   feature,
              guint                         ordinal,
              const FieldIndexes           *fields,
              OGRCoordinateTransformationH  ct,
              PointBuffers                 *buffers,
              GArray                       *raws)
{
  g_auto(Place) place = { TRUE, ordinal, NULL };
  /* Each string copied at once: OGR reuses its buffer for numbers
   * formatted as strings. */
  RawFeature raw = { utf8_text (l, field_string (feature, fields->code)), NULL, NULL, NULL, ordinal, spec->is_table };

  if (raw.code == NULL)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, atlas_loader_where (l, &place),
                                _("no area code in field “%s”; expected a non-empty code"), spec->code_field);
      return;
    }

  raw.name = utf8_text (l, field_string (feature, fields->name));
  raw.parent_code = utf8_text (l, field_string (feature, fields->parent));
  if (!spec->is_table)
    raw.geometry = build_geometry (l, spec->file, &place, OGR_F_GetGeometryRef (feature), ct, buffers);
  g_array_append_val (raws, raw);
}

static void
read_features (Loader                       *l,
               GeometrySpec                 *spec,
               OGRLayerH                     layer,
               const FieldIndexes           *fields,
               OGRCoordinateTransformationH  ct,
               GArray                       *raws)
{
  PointBuffers buffers = {
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  OGRFeatureH feature;
  guint ordinal = 0;

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (ordinal == ATLAS_LIMIT_AREAS)
        {
          atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                                    _("the layer “%s” has more than %u features; expected at most %u areas"),
                                    OGR_L_GetName (layer), (guint) ATLAS_LIMIT_AREAS, (guint) ATLAS_LIMIT_AREAS);
          OGR_F_Destroy (feature);
          break;
        }
      read_feature (l, spec, feature, ++ordinal, fields, ct, &buffers, raws);
      OGR_F_Destroy (feature);
      if (ordinal % 256 == 0 && g_cancellable_is_cancelled (l->cancellable))
        break;
    }

  if (ordinal == 0)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                              _("the layer “%s” has no features; expected one polygon per area"), OGR_L_GetName (layer));

  g_array_unref (buffers.xs);
  g_array_unref (buffers.ys);
  g_array_unref (buffers.coords);
  g_array_unref (buffers.offsets);
}

/* A Shapefile's .dbf, .shx, .prj, .cpg or a GeoPackage's -wal: the files
 * GDAL opens next to the one named share its stem, and each must be a
 * regular file inside the package too. */
static gboolean
check_companions (Loader       *l,
                  GeometrySpec *spec)
{
  g_autofree char *dir = g_path_get_dirname (spec->file);
  g_autofree char *base = g_path_get_basename (spec->file);
  g_autofree char *dir_path = atlas_loader_package_path (l, dir);
  char *dot = strchr (base, '.');
  g_autofree char *stem = g_strndup (base, dot != NULL ? (gsize) (dot - base) : strlen (base));
  char **entries = VSIReadDir (dir_path);
  gboolean ok = TRUE;

  for (char **e = entries; ok && e != NULL && *e != NULL; e++)
    {
      g_autofree char *relative = NULL;

      if (g_ascii_strncasecmp (*e, stem, strlen (stem)) != 0 || (*e)[strlen (stem)] != '.' ||
          g_str_equal (*e, base))
        continue;
      relative = g_str_equal (dir, ".") ? g_strdup (*e) : g_strconcat (dir, "/", *e, NULL);
      ok = atlas_loader_check_file (l, ATLAS_DATASET_ERROR_GEOMETRY, relative,
                                    ATLAS_LIMIT_GEOMETRY_BYTES, "");
    }
  CSLDestroy (entries);
  return ok;
}

static GDALDatasetH
open_geometry_file (Loader       *l,
                    GeometrySpec *spec)
{
  g_autofree char *path = atlas_loader_package_path (l, spec->file);
  g_autofree char *missing = g_strdup_printf (_("the geometry file is missing; expected the file named by %s.geometry.file"),
                                              spec->where);
  GDALDatasetH ds;

  if (!atlas_loader_check_file (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file,
                                ATLAS_LIMIT_GEOMETRY_BYTES, missing) ||
      !check_companions (l, spec))
    return NULL;

  g_clear_pointer (&l->gdal_message, g_free);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, atlas_gdal_package_drivers, NULL, NULL);
  if (ds == NULL && l->gdal_message == NULL)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                              _("not a vector file Platsatlas reads; expected GeoPackage, GeoJSON, Shapefile, FlatGeobuf or CSV (other formats, such as VRT or WFS, are refused)"));
  else if (ds == NULL)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                              _("not a vector file Platsatlas reads (%s); expected GeoPackage, GeoJSON, Shapefile, FlatGeobuf or CSV"),
                              atlas_loader_gdal_detail (l));
  return ds;
}

static gboolean
read_layer (Loader       *l,
            GeometrySpec *spec,
            GArray       *raws)
{
  guint n_problems;
  OGRLayerH layer = NULL;
  GDALDatasetH ds = l->server != NULL ? atlas_postgis_open_table (l, spec, &layer)
                                      : open_geometry_file (l, spec);
  OGRCoordinateTransformationH ct = NULL;
  FieldIndexes fields;
  gboolean ok;

  if (ds == NULL)
    return FALSE;
  n_problems = l->problems->len;

  if (l->server == NULL)
    layer = find_layer (l, spec, ds);
  ok = layer != NULL;
  ok = ok && find_fields (l, spec, layer, &fields);
  ok = ok && (spec->is_table || make_transformation (l, spec, layer, &ct));
  if (ok)
    read_features (l, spec, layer, &fields, ct, raws);
  /* A table whose connection was lost looks empty or without a CRS:
   * say what happened. */
  if (l->server != NULL)
    atlas_postgis_check_read (l, spec, n_problems);

  if (l->server != NULL)
    atlas_postgis_close_table (l, layer);
  else
    GDALClose (ds);
  return ok;
}

/* One layer to read, with the problems found in it. */
typedef struct
{
  GPtrArray    *problems;
  guint         classes;
  guint64       n_dropped;
  guint         n_reencoded;
  GeometrySpec *spec;
  GArray       *raws; /* RawFeature */
  gboolean      ok;
} LayerJob;

static LayerJob *
layer_job_new (GeometrySpec *spec)
{
  LayerJob *job = g_new0 (LayerJob, 1);

  job->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  job->spec = spec;
  job->raws = g_array_new (FALSE, TRUE, sizeof (RawFeature));
  g_array_set_clear_func (job->raws, raw_feature_clear);

  return job;
}

static void
layer_job_free (gpointer data)
{
  LayerJob *job = data;

  if (job == NULL)
    return;

  g_ptr_array_unref (job->problems);
  g_array_unref (job->raws);
  g_free (job);
}

typedef struct
{
  Loader    *loader;
  GPtrArray *jobs;   /* LayerJob, NULL where there is nothing to read */
  gint       next;   /* the next job to take, atomically */
} LayerQueue;

/* Reads layers until none are left. Each worker has a private loader that
 * shares only what stays constant meanwhile (the package root, the
 * cancellable) and has its own spatial references, transformation and
 * GDAL messages, which belong to the thread that uses them. */
static gpointer
run_layer_worker (gpointer data)
{
  LayerQueue *queue = data;
  Loader w = { NULL, };
  guint i;

  w.root = queue->loader->root;
  w.real_root = queue->loader->real_root;
  w.server = queue->loader->server;
  w.cancellable = queue->loader->cancellable;
  w.wgs84 = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (w.wgs84, 4326);
  OSRSetAxisMappingStrategy (w.wgs84, OAMS_TRADITIONAL_GIS_ORDER);

  CPLPushErrorHandlerEx (atlas_loader_collect_gdal_message, &w);
  while ((i = (guint) g_atomic_int_add (&queue->next, 1)) < queue->jobs->len)
    {
      LayerJob *job = g_ptr_array_index (queue->jobs, i);

      if (job == NULL || g_cancellable_is_cancelled (w.cancellable))
        continue;
      w.problems = job->problems;
      w.classes = &job->classes;
      w.n_dropped = &job->n_dropped;
      w.n_reencoded = 0;
      job->ok = read_layer (&w, job->spec, job->raws);
      job->n_reencoded = w.n_reencoded;
    }
  CPLPopErrorHandler ();

  w.root = NULL;
  w.real_root = NULL;
  atlas_loader_clear (&w);
  return NULL;
}

/* The layers are independent files: read them on as many threads as there
 * are processors, the calling thread being one of them. */
static void
read_layers (Loader    *l,
             GPtrArray *jobs)
{
  LayerQueue queue = { l, jobs, 0 };
  guint n_workers = MIN (jobs->len, g_get_num_processors ());
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint i = 1; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("atlas-layer", run_layer_worker, &queue));
  run_layer_worker (&queue);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
}

/* NULL after reporting a problem, or silently when the parent itself was
 * rejected (its problem is already reported). */
static AtlasArea *
find_parent_area (Loader        *l,
                  GeometrySpec  *spec,
                  AtlasDivision *division,
                  const char    *code,
                  Place         *location)
{
  AtlasDivision *parent = atlas_division_get_parent (division);
  AtlasArea *area;

  if (atlas_division_get_depth (parent) == 0)
    return atlas_division_get_area (parent, 0);

  area = code != NULL ? atlas_division_lookup_area (parent, code) : NULL;
  if (area != NULL || (code != NULL && g_hash_table_contains (l->rejected_codes, code)))
    return area;

  if (code == NULL)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, atlas_loader_where (l, location),
                              _("no parent code in field “%s”; expected the code of an area of division “%s”"),
                              spec->parent_field, atlas_division_get_id (parent));
  else
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, atlas_loader_where (l, location),
                              _("parent code “%s” is not an area of division “%s”; expected the code of one of its areas"),
                              code, atlas_division_get_id (parent));
  return NULL;
}

/* Makes an area of a feature, once the codes of the levels above exist. */
static void
link_feature (Loader        *l,
              GeometrySpec  *spec,
              AtlasDivision *division,
              RawFeature    *raw)
{
  g_auto(Place) place = { TRUE, raw->ordinal, NULL };
  g_autoptr(AtlasArea) area = NULL;
  AtlasArea *parent = NULL;

  if (g_hash_table_contains (l->pkg->areas_by_code, raw->code))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, atlas_loader_where (l, &place),
                                _("duplicate area code “%s”; expected each code only once in the package"), raw->code);
      return;
    }

  if (raw->geometry != NULL || raw->undrawn)
    parent = find_parent_area (l, spec, division, raw->parent_code, &place);
  if (parent == NULL)
    {
      g_hash_table_add (l->rejected_codes, g_strdup (raw->code));
      return;
    }

  area = atlas_area_new (division, atlas_division_get_n_areas (division),
                         raw->code, raw->name, raw->geometry);
  atlas_area_set_parent (area, parent);
  atlas_division_add_area (division, area);
  g_hash_table_insert (l->pkg->areas_by_code, (char *) atlas_area_get_code (area), area);
}

static void
take_problems (Loader   *l,
               LayerJob *job)
{
  gsize n_problems = 0;
  g_autofree gpointer *problems = g_ptr_array_steal (job->problems, &n_problems);

  for (gsize i = 0; i < n_problems; i++)
    atlas_loader_take_problem (l, problems[i]);
  *l->classes |= job->classes;
  *l->n_dropped += job->n_dropped;
}

/* Gives the areas table's rows the geometry of the features with their
 * codes; features the table does not list are areas too. */
static void
merge_table (LayerJob *geometry,
             LayerJob *table)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < table->raws->len; i++)
    {
      RawFeature *row = &g_array_index (table->raws, RawFeature, i);

      g_hash_table_insert (rows, row->code, row);
    }

  for (guint i = 0; i < geometry->raws->len; i++)
    {
      RawFeature *feature = &g_array_index (geometry->raws, RawFeature, i);
      RawFeature *row = g_hash_table_lookup (rows, feature->code);

      if (row == NULL)
        {
          RawFeature copy = *feature;

          memset (feature, 0, sizeof *feature);
          g_array_append_val (table->raws, copy);
        }
      else if (row->geometry == NULL)
        {
          row->geometry = g_steal_pointer (&feature->geometry);
          row->undrawn = row->geometry == NULL && feature->undrawn;
        }
    }
}

/* Takes over a finished job's problems and links its features, unless
 * its layer or the level above could not be read. */
static gboolean
finish_layer_job (Loader        *l,
                  LayerJob      *job,
                  LayerJob      *table,
                  AtlasDivision *division,
                  gboolean       parent_read)
{
  take_problems (l, job);
  if (table != NULL)
    take_problems (l, table);

  if (!job->ok || (table != NULL && !table->ok) || !parent_read)
    return FALSE;

  if (job->n_reencoded > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u text was not UTF-8 and was read as Windows-1252 (Latin-1), as in a Shapefile without a .cpg file; check that å, ä and ö look right",
                                                                "%u texts were not UTF-8 and were read as Windows-1252 (Latin-1), as in a Shapefile without a .cpg file; check that å, ä and ö look right",
                                                                job->n_reencoded),
                                                  job->n_reencoded);
      g_ptr_array_add (l->pkg->notes, atlas_problem_new (job->spec->file, NULL, message));
    }

  if (table != NULL)
    {
      merge_table (job, table);
      job = table;
    }
  for (guint i = 0; i < job->raws->len; i++)
    link_feature (l, job->spec, division, &g_array_index (job->raws, RawFeature, i));

  return TRUE;
}

void
atlas_loader_read_geometry (Loader *l)
{
  guint n = l->pkg->divisions->len;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_full (2 * n, layer_job_free);

  /* Geometry files first, then the areas tables of divisions with both. */
  for (guint d = 0; d < 2 * n; d++)
    {
      GeometrySpec *spec = g_ptr_array_index (l->specs, d % n);

      if (spec != NULL && d >= n)
        spec = spec->table;
      g_ptr_array_add (jobs, spec != NULL ? layer_job_new (spec) : NULL);
    }
  read_layers (l, jobs);

  /* Top-down: a division's parent areas exist before its own are linked. */
  for (guint d = 1; d < n; d++)
    {
      AtlasDivision *division = g_ptr_array_index (l->pkg->divisions, d);
      LayerJob *job = g_ptr_array_index (jobs, d);
      guint p = 0;

      g_ptr_array_find (l->pkg->divisions, atlas_division_get_parent (division), &p);
      if (job == NULL ||
          !finish_layer_job (l, job, g_ptr_array_index (jobs, n + d), division,
                             p == 0 || g_ptr_array_index (l->specs, p) != NULL))
        {
          l->areas_complete = FALSE;
          g_clear_pointer (&g_ptr_array_index (l->specs, d), atlas_loader_geometry_spec_free);
        }
    }
}
