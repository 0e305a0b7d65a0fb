/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* Packages kept in PostgreSQL/PostGIS, one schema per package
 * (docs/postgis.md). A server package is a kind of its own, opened only
 * through these functions: a package of files can never name a server.
 *
 * @connection is a service name from pg_service.conf ("regionstat"), or
 * libpq keywords ("host=/run/postgresql dbname=atlas user=läsare"; only
 * service, host, hostaddr, port, dbname, user, sslmode, connect_timeout
 * and application_name). Passwords come from PGPASSWORD, ~/.pgpass or the
 * service file, never from Platsatlas or the package. @schema is a plain
 * lower-case SQL name ([a-z_][a-z0-9_]*). */

/* Called with how far loading has come (0–1) and what it is doing, on the
 * loading threads by atlas_dataset_load_postgis() (one call at a time)
 * and in the caller's main
 * context by the async variant. */
typedef void (*AtlasPostgisProgress) (double      fraction,
                                      const char *step,
                                      gpointer    user_data);

AtlasDataset *atlas_dataset_load_postgis        (const char           *connection,
                                                 const char           *schema,
                                                 AtlasPostgisProgress  progress,
                                                 gpointer              progress_data,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void          atlas_dataset_load_postgis_async  (const char           *connection,
                                                 const char           *schema,
                                                 AtlasPostgisProgress  progress,
                                                 gpointer              progress_data,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
AtlasDataset *atlas_dataset_load_postgis_finish (GAsyncResult         *result,
                                                 GError              **error);

/* A package directory → a new schema (which must not exist). The schema
 * appears whole or not at all: it is written under a temporary name and
 * renamed at the end. */
gboolean      atlas_postgis_write_package       (const char           *package,
                                                 const char           *connection,
                                                 const char           *schema,
                                                 GError              **error);

/* A schema → a new package directory @output (which must not exist, or be
 * empty), written beside it first and renamed when complete. */
gboolean      atlas_postgis_read_package        (const char           *connection,
                                                 const char           *schema,
                                                 const char           *output,
                                                 GError              **error);

/* "tjänsten regionstat, schema stockholm_uppsala": how messages and the
 * dataset's path name a server package. */
char         *atlas_postgis_describe            (const char           *connection,
                                                 const char           *schema);

G_END_DECLS
