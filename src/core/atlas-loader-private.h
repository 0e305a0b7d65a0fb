/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to the package loader, which is split by what it reads:
 * atlas-package-io.c (problems, GDAL's messages, files through VSI),
 * atlas-manifest-reader.c, atlas-geometry-reader.c, atlas-values-reader.c
 * and atlas-derive.c, run in turn by atlas-dataset-loader.c. GDAL types
 * appear here, so nothing outside these files includes it. */

#include <stdarg.h>

#include <cpl_error.h>
#include <ogr_srs_api.h>

#include "atlas-dataset-private.h"

G_BEGIN_DECLS

#define MANIFEST "manifest.json"

/* Where a division's areas come from, as its manifest entry says. */
typedef struct _GeometrySpec
{
  char    *file;
  char    *layer;
  char    *code_field;
  char    *name_field;
  char    *parent_field;
  char    *where;  /* "divisions[2]", for messages */
  /* An areas table (code, name, parent; no geometry), read as the
   * division's own spec when it has no geometry file, or as the full
   * list of areas of a geometry file that lacks some. */
  gboolean is_table;
  struct _GeometrySpec *table;
} GeometrySpec;

typedef struct
{
  char                *root;            /* VSI path of the package root */
  GCancellable        *cancellable;
  GPtrArray           *problems;
  guint               *classes;
  AtlasPackage        *pkg;
  GPtrArray           *specs;           /* GeometrySpec per division, NULL for riket */
  GHashTable          *indicator_index; /* id → index + 1 */
  GHashTable          *theme_ids;
  GHashTable          *rejected_codes;  /* codes of features with problems */
  GHashTable          *cell_of_code;    /* code → global cell + 1 */
  gboolean             areas_complete;  /* every division's geometry was read */
  char                *gdal_message;    /* the last message GDAL reported */
  OGRSpatialReferenceH wgs84;
  /* The last transformation and its source: packages use one CRS for all
   * files, and building a transformation costs PROJ database lookups. */
  OGRSpatialReferenceH ct_source;
  OGRCoordinateTransformationH ct;
} Loader;

/* A "line 12" or "feature 40", formatted only when a problem needs it:
 * most rows and features have none. */
typedef struct
{
  gboolean is_feature;
  guint    number;
  char    *text;
} Place;

/* atlas-dataset-loader.c */
void          atlas_loader_clear                (Loader            *l);

/* atlas-package-io.c: problems */
void          atlas_loader_add_problem_valist   (Loader            *l,
                                                 AtlasDatasetError  class,
                                                 const char        *file,
                                                 const char        *location,
                                                 const char        *format,
                                                 va_list            args) G_GNUC_PRINTF (5, 0);
void          atlas_loader_add_problem          (Loader            *l,
                                                 AtlasDatasetError  class,
                                                 const char        *file,
                                                 const char        *location,
                                                 const char        *format,
                                                 ...) G_GNUC_PRINTF (5, 6);
void          atlas_loader_place_clear          (Place             *place);
const char   *atlas_loader_place_text           (Place             *place);

/* atlas-package-io.c: GDAL's messages, collected while a loader's handler
 * is pushed (CPLPushErrorHandlerEx with the loader as user data). */
void CPL_STDCALL atlas_loader_collect_gdal_message (CPLErr      level,
                                                    CPLErrorNum number,
                                                    const char *message);
const char   *atlas_loader_gdal_detail          (Loader            *l);

/* atlas-package-io.c: files */
char         *atlas_loader_package_path         (Loader            *l,
                                                 const char        *relative);
gboolean      atlas_loader_vsi_exists           (const char        *path);
char         *atlas_loader_read_package_file    (Loader            *l,
                                                 const char        *relative,
                                                 gsize             *length);
gboolean      atlas_loader_locate_root          (Loader            *l,
                                                 const char        *path);

/* The phases, in the order they run; each adds what it finds to the
 * loader's problems. */
gboolean      atlas_loader_read_manifest        (Loader            *l);
void          atlas_loader_geometry_spec_free   (gpointer           data);
void          atlas_loader_read_geometry        (Loader            *l);
/* Also numbers the cells of all areas read so far. */
void          atlas_loader_read_values          (Loader            *l);
void          atlas_package_derive_values       (AtlasPackage      *pkg);

/* Where table (indicator, year) starts in the package's values. */
static inline gsize
atlas_package_table_start (AtlasPackage *pkg,
                           guint         indicator,
                           guint         year_index)
{
  return ((gsize) indicator * pkg->years->len + year_index) * pkg->n_cells;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Place, atlas_loader_place_clear)

G_END_DECLS
