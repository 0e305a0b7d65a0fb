/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One place says how Platsatlas uses GDAL: registered once, never on the
 * network, and only the vector drivers listed here. The loader, the
 * importer and the basemap all go through it. */

/* Registers GDAL's drivers, once per process, after turning its network
 * access off: no /vsicurl/ family file, and any HTTP request a driver might
 * still try goes to a proxy that refuses at once. */
void atlas_gdal_init (void);

/* The geometry formats a package or an import may hand to OGR
 * (docs/dataset-format.md). Drivers that read other files or the network
 * (VRT, WFS, …) are not among them. */
extern const char *const atlas_gdal_geometry_drivers[];

/* The same, plus CSV, which a package may use for point-free layers; the
 * importer leaves CSV to its own table readers. */
extern const char *const atlas_gdal_package_drivers[];

/* GDAL's PostgreSQL driver, for server packages only (atlas-postgis.c):
 * never among the drivers a package of files may use. */
extern const char *const atlas_gdal_server_drivers[];

G_END_DECLS
