/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the fuzz targets: a scratch package on disk (the loader reads
 * only real directories and zips, never /vsimem/), and warnings made fatal
 * so that a CRITICAL counts as a crash. */

/* Once per process: GLib warnings and criticals abort. */
void  fuzz_init             (void);
/* A package directory holding tests/data/valid-minimal's three files,
 * with the geometry file renamed to geo/kommun.@extension; the same
 * directory for the same extension during one process. */
const char *fuzz_package    (const char *extension);
/* Replaces @relative inside @package with @size bytes of @data. */
void  fuzz_write            (const char    *package,
                             const char    *relative,
                             const guint8  *data,
                             gsize          size);
/* Validates the package, discarding the problems. */
void  fuzz_validate         (const char    *package);

G_END_DECLS
