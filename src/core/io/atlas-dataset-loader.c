/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include "atlas-gdal-private.h"
#include "atlas-loader-private.h"

/* Reads a package (docs/dataset-format.md) on whatever thread calls it:
 * manifest with json-glib; geometry with OGR, one layer per worker thread,
 * then linked top-down; values with a small CSV reader; all files through
 * GDAL's VSI layer so a .zip reads in place. Every problem is collected;
 * nothing is kept unless there are none. This file runs the phases;
 * atlas-loader-private.h says which file holds each. */

static void
source_clear (gpointer data)
{
  AtlasSource *source = data;

  g_free (source->id);
  g_free (source->name);
  g_free (source->licence);
  g_free (source->url);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static AtlasPackage *
package_new (const char *path)
{
  AtlasPackage *pkg = g_new0 (AtlasPackage, 1);

  g_mutex_init (&pkg->lazy_lock);

  pkg->path = g_strdup (path);
  pkg->sources = g_array_new (FALSE, TRUE, sizeof (AtlasSource));
  g_array_set_clear_func (pkg->sources, source_clear);
  pkg->years = g_array_new (FALSE, FALSE, sizeof (guint));
  pkg->divisions = g_ptr_array_new_with_free_func (g_object_unref);
  pkg->themes = g_ptr_array_new_with_free_func (g_object_unref);
  /* Entries stay NULL for indicators without a usable id. */
  pkg->indicators = g_ptr_array_new_with_free_func (unref_if_set);
  pkg->areas_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  pkg->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);

  return pkg;
}

void
atlas_package_free (AtlasPackage *pkg)
{
  if (pkg == NULL)
    return;

  g_free (pkg->path);
  g_free (pkg->id);
  atlas_text_clear (&pkg->title);
  atlas_text_clear (&pkg->description);
  g_free (pkg->version);
  g_free (pkg->publisher);
  g_free (pkg->licence);
  g_free (pkg->date);
  g_array_unref (pkg->sources);
  g_array_unref (pkg->years);
  g_hash_table_unref (pkg->areas_by_code);
  g_ptr_array_unref (pkg->indicators);
  g_ptr_array_unref (pkg->themes);
  g_ptr_array_unref (pkg->divisions);
  g_free (pkg->division_offsets);
  g_free (pkg->values);
  g_free (pkg->states);
  g_free (pkg->has_stored);
  g_free (pkg->lazy_pending);
  g_clear_pointer (&pkg->lazy_specs, g_array_unref);
  g_mutex_clear (&pkg->lazy_lock);
  g_ptr_array_unref (pkg->notes);
  g_free (pkg);
}

void
atlas_loader_clear (Loader *l)
{
  g_free (l->root);
  g_free (l->real_root);
  g_clear_pointer (&l->division_ids, g_hash_table_unref);
  g_clear_pointer (&l->specs, g_ptr_array_unref);
  g_clear_pointer (&l->indicator_index, g_hash_table_unref);
  g_clear_pointer (&l->theme_ids, g_hash_table_unref);
  g_clear_pointer (&l->rejected_codes, g_hash_table_unref);
  g_clear_pointer (&l->cell_of_code, g_hash_table_unref);
  g_clear_pointer (&l->staged, g_array_unref);
  g_clear_pointer (&l->pkg, atlas_package_free);
  g_free (l->gdal_message);
  g_clear_error (&l->server_error);
  if (l->ct != NULL)
    OCTDestroyCoordinateTransformation (l->ct);
  if (l->ct_source != NULL)
    OSRDestroySpatialReference (l->ct_source);
  if (l->wgs84 != NULL)
    OSRDestroySpatialReference (l->wgs84);
}

static gboolean
run_phases (Loader     *l,
            const char *path,
            GError    **error)
{
  if (l->server != NULL)
    l->root = g_strdup (atlas_postgis_root (l->server));
  else if (!atlas_loader_locate_root (l, path))
    return TRUE;
  if (!atlas_loader_read_manifest (l))
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (l->cancellable, error))
    return FALSE;

  atlas_loader_read_geometry (l);
  if (g_cancellable_set_error_if_cancelled (l->cancellable, error))
    return FALSE;

  atlas_loader_read_values (l);
  if (l->server_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&l->server_error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (l->cancellable, error))
    return FALSE;

  if (l->problems->len == 0)
    {
      atlas_package_derive_values (l->pkg);
      atlas_package_add_segregation (l->pkg);
    }
  return TRUE;
}

static AtlasPackage *
load_package (const char      *path,
              AtlasPgPackage  *server,
              GCancellable    *cancellable,
              GPtrArray       *problems,
              guint           *problem_classes,
              GError         **error)
{
  Loader l = { NULL, };
  guint64 n_dropped = 0;
  guint n_before = problems->len;
  AtlasPackage *pkg = NULL;

  atlas_gdal_init ();

  l.cancellable = cancellable;
  l.problems = problems;
  l.classes = problem_classes;
  l.n_dropped = &n_dropped;
  l.division_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.pkg = package_new (path);
  l.specs = g_ptr_array_new_with_free_func (atlas_loader_geometry_spec_free);
  l.indicator_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.rejected_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.cell_of_code = g_hash_table_new (g_str_hash, g_str_equal);
  l.staged = g_array_new (FALSE, FALSE, sizeof (StagedValue));
  l.areas_complete = TRUE;
  l.server = server;

  /* GDAL's messages become problems here, never lines on stderr. The
   * handler stack is per thread, so parallel loads do not mix them. */
  CPLPushErrorHandlerEx (atlas_loader_collect_gdal_message, &l);
  if (run_phases (&l, path, error) && problems->len == n_before)
    pkg = g_steal_pointer (&l.pkg);
  CPLPopErrorHandler ();
  atlas_loader_finish_problems (&l);

  atlas_loader_clear (&l);
  return pkg;
}

AtlasPackage *
atlas_package_load (const char   *path,
                    GCancellable *cancellable,
                    GPtrArray    *problems,
                    guint        *problem_classes,
                    GError      **error)
{
  return load_package (path, NULL, cancellable, problems, problem_classes, error);
}

/* A package whose files atlas-postgis.c copied to /vsimem/ and whose
 * tables it opens; @label names it in messages and as its path. */
AtlasPackage *
atlas_package_load_server (AtlasPgPackage *server,
                           const char     *label,
                           GCancellable   *cancellable,
                           GPtrArray      *problems,
                           guint          *problem_classes,
                           GError        **error)
{
  return load_package (label, server, cancellable, problems, problem_classes, error);
}
