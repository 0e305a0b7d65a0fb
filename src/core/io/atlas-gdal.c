/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cpl_conv.h>
#include <gdal.h>

#include "atlas-gdal-private.h"

const char *const atlas_gdal_geometry_drivers[] = {
  "GPKG", "GeoJSON", "ESRI Shapefile", "FlatGeobuf", NULL
};

const char *const atlas_gdal_package_drivers[] = {
  "GPKG", "GeoJSON", "ESRI Shapefile", "FlatGeobuf", "CSV", NULL
};

/* Only for a server package, which the user opens deliberately through
 * atlas-postgis.c: never for a package of files. */
const char *const atlas_gdal_server_drivers[] = {
  "PostgreSQL", NULL
};

/* Platsatlas uses GDAL for nothing that needs the network, so these are
 * set for the whole process. */
static gpointer
init_once (gpointer data)
{
  CPLSetConfigOption ("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".platsatlas-no-network");
  CPLSetConfigOption ("GDAL_HTTP_PROXY", "127.0.0.1:9");
  CPLSetConfigOption ("GDAL_HTTP_TIMEOUT", "1");
  CPLSetConfigOption ("GDAL_HTTP_CONNECTTIMEOUT", "1");
  CPLSetConfigOption ("GDAL_HTTP_MAX_RETRY", "0");
  GDALAllRegister ();
  return NULL;
}

void
atlas_gdal_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}
