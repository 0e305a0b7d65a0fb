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

/* Limits on what a package may hold (docs/dataset-format.md, "Limits").
 * Generous for real national data: SCB's national DeSO GeoPackage is
 * about 100 MB, all DeSO and RegSO together about 10 000 areas. */
#define ATLAS_LIMIT_MANIFEST_BYTES  ((guint64) 16 << 20)
#define ATLAS_LIMIT_TABLE_BYTES     ((guint64) 256 << 20)
#define ATLAS_LIMIT_GEOMETRY_BYTES  ((guint64) 1 << 30)
#define ATLAS_LIMIT_JSON_DEPTH      32
#define ATLAS_LIMIT_DIVISIONS       32
#define ATLAS_LIMIT_INDICATORS      2000
#define ATLAS_LIMIT_CATEGORIES      1000
#define ATLAS_LIMIT_YEARS           250
#define ATLAS_LIMIT_AREAS           1000000
#define ATLAS_LIMIT_VALUE_CELLS     ((guint64) 50000000)

/* A package read from PostGIS (atlas-postgis.c). */
typedef struct _AtlasPgPackage AtlasPgPackage;

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
  guint64             *n_dropped;       /* problems beyond the limit */
  char                *real_root;       /* resolved root of a directory package, else NULL */
  AtlasPackage        *pkg;
  GPtrArray           *specs;           /* GeometrySpec per division, NULL for riket */
  GHashTable          *indicator_index; /* id → index + 1 */
  GHashTable          *theme_ids;
  GHashTable          *division_ids;    /* id → AtlasDivision, borrowed */
  GHashTable          *rejected_codes;  /* codes of features with problems */
  GHashTable          *cell_of_code;    /* code → global cell + 1 */
  GArray              *staged;          /* StagedValue: values as read, before the dense store */
  gboolean             areas_complete;  /* every division's geometry was read */
  guint                n_reencoded;     /* texts of the current layer read as Windows-1252 */
  char                *gdal_message;    /* the last message GDAL reported */
  OGRSpatialReferenceH wgs84;
  /* The last transformation and its source: packages use one CRS for all
   * files, and building a transformation costs PROJ database lookups. */
  OGRSpatialReferenceH ct_source;
  OGRCoordinateTransformationH ct;
  /* A package read from PostGIS (atlas-postgis.c), borrowed; NULL for a
   * package of files. Its geometry and areas come from tables. */
  AtlasPgPackage      *server;
  /* Why its value tables could not be read; the load fails with it. */
  GError              *server_error;
} Loader;

/* One stored value as read from a table; the dense store is sized and
 * filled only once every table has been read without a problem. */
typedef struct
{
  guint32 table;  /* indicator × n_years + year index */
  guint32 cell;
  double  value;
} StagedValue;

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
AtlasPackage *atlas_package_load_server         (AtlasPgPackage    *server,
                                                 const char        *label,
                                                 GCancellable      *cancellable,
                                                 GPtrArray         *problems,
                                                 guint             *problem_classes,
                                                 GError           **error);

/* atlas-postgis.c: where a package read from PostGIS keeps its files
 * (manifest.json and values/YEAR.csv, copied from the server into
 * /vsimem/, each year as it arrives), and the table a geometry or areas
 * spec names: a GDALDatasetH
 * and its rows in order as an OGRLayerH, NULL after reporting a problem,
 * closed with atlas_postgis_close_table(). */
const char   *atlas_postgis_root                (AtlasPgPackage    *server);
gboolean      atlas_postgis_wait_values         (AtlasPgPackage    *server,
                                                 GError           **error);
gboolean      atlas_postgis_wait_table          (AtlasPgPackage    *server,
                                                 const char        *path,
                                                 GError           **error);
void         *atlas_postgis_open_table          (Loader            *l,
                                                 GeometrySpec      *spec,
                                                 void             **layer);
void          atlas_postgis_close_table         (Loader            *l,
                                                 void              *layer);
void          atlas_postgis_check_read          (Loader            *l,
                                                 GeometrySpec      *spec,
                                                 guint              n_problems);

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
void          atlas_loader_take_problem         (Loader            *l,
                                                 AtlasProblem      *problem);
void          atlas_loader_finish_problems      (Loader            *l);
void          atlas_loader_place_clear          (Place             *place);
const char   *atlas_loader_place_text           (Place             *place);
/* The place's text, or NULL once problems are only counted: formatting
 * "line 1999999" for a problem that is not kept would be wasted. */
const char   *atlas_loader_where                (Loader            *l,
                                                 Place             *place);

/* atlas-package-io.c: GDAL's messages, collected while a loader's handler
 * is pushed (CPLPushErrorHandlerEx with the loader as user data). */
void CPL_STDCALL atlas_loader_collect_gdal_message (CPLErr      level,
                                                    CPLErrorNum number,
                                                    const char *message);
const char   *atlas_loader_gdal_detail          (Loader            *l);

/* atlas-package-io.c: files. Every path is relative to the package root
 * and must stay inside the package (no "..", no absolute path, no link
 * out); only regular files are read, never FIFOs or devices. */
typedef enum
{
  PACKAGE_FILE_REGULAR,
  PACKAGE_FILE_MISSING,
  PACKAGE_FILE_SPECIAL,  /* a directory, FIFO, device or socket */
  PACKAGE_FILE_OUTSIDE,  /* a link that leads out of the package */
} PackageFileKind;

char         *atlas_loader_package_path         (Loader            *l,
                                                 const char        *relative);
gboolean      atlas_loader_check_relative_path  (Loader            *l,
                                                 const char        *relative,
                                                 const char        *where);
PackageFileKind atlas_loader_stat_file          (Loader            *l,
                                                 const char        *relative,
                                                 guint64           *size);
gboolean      atlas_loader_check_file           (Loader            *l,
                                                 AtlasDatasetError  class,
                                                 const char        *relative,
                                                 guint64            limit,
                                                 const char        *missing_message);
char         *atlas_loader_read_package_file    (Loader            *l,
                                                 AtlasDatasetError  class,
                                                 const char        *relative,
                                                 guint64            limit,
                                                 const char        *missing_message,
                                                 gsize             *length);
char         *atlas_loader_size_text            (guint64            bytes);
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
/* After deriving: segregation indices as indicators (atlas-derive-segregation.c). */
void          atlas_package_add_segregation     (AtlasPackage      *pkg);

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
