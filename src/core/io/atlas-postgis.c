/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <ogr_api.h>

#include "atlas-gdal-private.h"
#include "atlas-loader-private.h"
#include "atlas-postgis.h"

/* A package kept in PostGIS (docs/postgis.md): one schema holding
 *   platsatlas_manifest (manifest text)   the manifest, verbatim;
 *   platsatlas_tables (path, layer, table_name, shape)
 *                                          the table behind each file the
 *                                          manifest names;
 * and the tables themselves. Loading copies the manifest and the value
 * tables (as CSV) into /vsimem/ and lets the package loader read them as
 * files, with every check it makes; geometry and areas tables are opened
 * by the loader through atlas_postgis_open_table(). Only GDAL's
 * PostgreSQL driver talks to the server. */

#define MANIFEST_TABLE "platsatlas_manifest"
#define TABLES_TABLE   "platsatlas_tables"
#define SQL_NAME_MAX   48

typedef enum
{
  SHAPE_GEOMETRY,     /* a geometry layer */
  SHAPE_AREAS,        /* an areas table: code, name, parent */
  SHAPE_VALUES,       /* one table per year: code and one column per indicator */
  SHAPE_VALUES_LONG,  /* one row per area, year and indicator */
} TableShape;

static const char *const shape_names[] = { "geometry", "areas", "values", "values-long" };

typedef struct
{
  char      *path;   /* the file the manifest names: "geo/deso.gpkg", "values/2022.csv" */
  char      *layer;  /* the layer the manifest names, or NULL */
  char      *schema; /* where the table is: the package's schema unless named */
  char      *table;
  TableShape shape;
  /* From the catalogue, read once for every table (read_package_tables()):
   * GDAL's own look-up costs several round trips a table. */
  gboolean   found;   /* the table or view exists */
  char      *fid;     /* the integer key GDAL takes as FID, or NULL */
  GPtrArray *columns; /* TableColumn: all of them, in table order */
} TableEntry;

typedef struct
{
  char    *name;
  gboolean is_text;
  gboolean is_geometry;
  gboolean is_integer;
  gboolean is_key;     /* the table's primary key, alone */
  gboolean is_fid;     /* the column TableEntry.fid names */
} TableColumn;

struct _AtlasPgPackage
{
  char                *conninfo;
  char                *schema;
  char                *label;
  char                *root;     /* /vsimem/ folder of manifest.json and values/ */
  char                *manifest;
  GPtrArray           *entries;  /* TableEntry */
  /* One connection for the whole load: setting one up (a backend, the
   * password exchange) costs more than reading a table. Threads take
   * turns on it. */
  GDALDatasetH         ds;
  GMutex               ds_lock;
  /* The table read under ds_lock failed (atlas_postgis_check_read()) */
  gboolean             read_failed;
  /* The value tables are read on a second connection, in a thread of
   * their own, while the loader reads geometry on the first: the server
   * formats values while the geometry is parsed here. */
  GThread             *values_thread;
  GCancellable        *cancellable;
  gint                 stop;           /* atomic: leave the values be */
  GMutex               go_lock;
  GCond                go_cond;
  int                  go;             /* 1: read them, -1: give up */
  gboolean             values_ok;
  GError              *values_error;
  /* Under go_lock: the value files already in /vsimem/, so that the
   * loader reads each year as soon as it is there, and whether the
   * values thread has ended. */
  GHashTable          *values_done;
  gboolean             values_ended;
  AtlasPostgisProgress progress;
  gpointer             progress_data;
  GMutex               lock;
  guint                n_steps;
  guint                n_done;
};

static const char *const allowed_keywords[] = {
  "service", "host", "hostaddr", "port", "dbname", "user", "sslmode",
  "connect_timeout", "application_name", NULL
};

static void
table_entry_free (gpointer data)
{
  TableEntry *e = data;

  g_free (e->path);
  g_free (e->layer);
  g_free (e->schema);
  g_free (e->table);
  g_free (e->fid);
  g_clear_pointer (&e->columns, g_ptr_array_unref);
  g_free (e);
}

static void
table_column_free (gpointer data)
{
  TableColumn *c = data;

  g_free (c->name);
  g_free (c);
}

static void wait_values (AtlasPgPackage *pg);

static void
signal_values (AtlasPgPackage *pg,
               int             go)
{
  g_mutex_lock (&pg->go_lock);
  if (pg->go == 0)
    pg->go = go;
  g_cond_broadcast (&pg->go_cond);
  g_mutex_unlock (&pg->go_lock);
}

static void
pg_package_free (AtlasPgPackage *pg)
{
  g_atomic_int_set (&pg->stop, 1);
  signal_values (pg, -1);
  wait_values (pg);
  g_clear_error (&pg->values_error);
  g_clear_pointer (&pg->values_done, g_hash_table_unref);
  g_mutex_clear (&pg->go_lock);
  g_cond_clear (&pg->go_cond);
  if (pg->root != NULL)
    VSIRmdirRecursive (pg->root);
  if (pg->ds != NULL)
    GDALClose (pg->ds);
  g_mutex_clear (&pg->ds_lock);
  g_free (pg->conninfo);
  g_free (pg->schema);
  g_free (pg->label);
  g_free (pg->root);
  g_free (pg->manifest);
  g_ptr_array_unref (pg->entries);
  g_mutex_clear (&pg->lock);
  g_free (pg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasPgPackage, pg_package_free)

/* ---- names and connections ----------------------------------------------- */

static gboolean
is_sql_name (const char *name)
{
  if (name == NULL || !(g_ascii_islower (*name) || *name == '_') || strlen (name) > SQL_NAME_MAX)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;

  return TRUE;
}

static gboolean
is_service_name (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.'))
      return FALSE;

  return TRUE;
}

static gboolean
is_allowed_keyword (const char *keyword)
{
  return g_strv_contains (allowed_keywords, keyword);
}

/* libpq keywords for @connection; never a password, never anything but the
 * keywords that say where the server is and who the user is. */
static char *
conninfo_for (const char *connection,
              GError    **error)
{
  g_auto(GStrv) words = NULL;
  GString *out;

  if (strchr (connection, '=') == NULL)
    {
      if (is_service_name (connection))
        return g_strdup_printf ("service=%s", connection);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                   _("“%s” is not a service name; expected a name from pg_service.conf (letters, digits, “-”, “_”, “.”) or keywords such as “host=… dbname=…”"),
                   connection);
      return NULL;
    }

  words = g_strsplit_set (connection, " \t", -1);
  out = g_string_new (NULL);
  for (char **w = words; *w != NULL; w++)
    {
      const char *eq = strchr (*w, '=');
      g_autofree char *keyword = eq != NULL ? g_strndup (*w, eq - *w) : NULL;

      if (**w == '\0')
        continue;
      if (keyword == NULL || !is_allowed_keyword (keyword) || eq[1] == '\0' || strchr (eq + 1, '\'') != NULL)
        {
          g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                       _("“%s” is not a connection keyword Platsatlas passes on; expected service, host, port, dbname, user, sslmode or connect_timeout with a value (passwords belong in ~/.pgpass, PGPASSWORD or pg_service.conf)"),
                       *w);
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", *w);
    }
  if (strstr (out->str, "connect_timeout=") == NULL)
    g_string_append (out, " connect_timeout=10");

  return g_string_free (out, FALSE);
}

static gboolean
check_schema (const char *schema,
              GError    **error)
{
  if (is_sql_name (schema))
    return TRUE;

  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
               _("“%s” is not a schema name Platsatlas uses; expected lower-case letters, digits and “_”, starting with a letter, at most %d characters"),
               schema, SQL_NAME_MAX);
  return FALSE;
}

char *
atlas_postgis_describe (const char *connection,
                        const char *schema)
{
  g_return_val_if_fail (connection != NULL, NULL);

  if (strchr (connection, '=') == NULL)
    return g_strdup_printf (_("database service “%s”, schema “%s”"), connection, schema != NULL ? schema : "");
  return g_strdup_printf (_("database “%s”, schema “%s”"), connection, schema != NULL ? schema : "");
}

/* GDAL's last error while a PgMessage handler is pushed. */
typedef struct
{
  char *text;
} PgMessage;

static void CPL_STDCALL
collect_message (CPLErr      level,
                 CPLErrorNum number,
                 const char *message)
{
  PgMessage *m = CPLGetErrorHandlerUserData ();

  if (level < CE_Failure || m == NULL)
    return;
  g_free (m->text);
  m->text = g_strdup (message);
}

/* One short line of what the server said. */
static char *
short_detail (const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message != NULL ? message : "", -1);
  g_auto(GStrv) lines = g_strsplit (valid, "\n", -1);
  GString *out = g_string_new (NULL);

  for (char **line = lines; *line != NULL; line++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (*line));

      if (*stripped == '\0' || g_str_equal (stripped, "PQconnectdb failed."))
        continue;
      /* The first line says what failed; the rest quote SQL or give hints. */
      g_string_append (out, stripped);
      break;
    }
  if (out->len > 200)
    {
      g_string_truncate (out, 200);
      while (out->len > 0 && !g_utf8_validate (out->str, out->len, NULL))
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "…");
    }
  if (out->len == 0)
    g_string_append (out, _("no details"));

  return g_string_free (out, FALSE);
}

/* libpq and the server may answer in English or, under a Swedish locale,
 * in Swedish: either wording is recognised. */
static gboolean
says (const char *message,
      const char *english,
      const char *swedish)
{
  return message != NULL && (strstr (message, english) != NULL || strstr (message, swedish) != NULL);
}

/* What went wrong with a connection, in words a user can act on. */
static char *
connection_problem (const char *label,
                    const char *message)
{
  g_autofree char *detail = short_detail (message);

  if (says (message, "password authentication failed", "Lösenordsautentisering misslyckades"))
    return g_strdup_printf (_("The database server refused the login for %s: wrong password or user name (%s). Check ~/.pgpass, PGPASSWORD or pg_service.conf."),
                            label, detail);
  if (says (message, "no password supplied", "inget lösenord"))
    return g_strdup_printf (_("The database server asks for a password for %s, and none was found in ~/.pgpass, PGPASSWORD or pg_service.conf (%s)."),
                            label, detail);
  if (says (message, "definition of service", "definition av service"))
    return g_strdup_printf (_("There is no service for %s in pg_service.conf (%s); expected a [name] section in ~/.pg_service.conf or the file PGSERVICEFILE names."),
                            label, detail);
  if (says (message, "does not exist", "existerar inte") && says (message, "database", "databas"))
    return g_strdup_printf (_("The database of %s does not exist on the server (%s)."), label, detail);

  return g_strdup_printf (_("Cannot reach the database server for %s (%s); expected a running PostgreSQL server at the host and port the connection names."),
                          label, detail);
}

static GDALDatasetH
open_pg (const char *conninfo,
         const char *schema,
         const char *tables,
         gboolean    update,
         char      **message)
{
  const char *const drivers[] = { "PostgreSQL", NULL };
  g_autofree char *name = NULL;

  atlas_gdal_init ();
  name = g_strdup_printf ("PG:%s%s%s%s%s", conninfo,
                          schema != NULL ? " active_schema=" : "", schema != NULL ? schema : "",
                          tables != NULL ? " tables=" : "", tables != NULL ? tables : "");
  g_assert (g_strv_contains (atlas_gdal_server_drivers, drivers[0]));

  return GDALOpenEx (name, GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY),
                     drivers, NULL, NULL);
}

/* Connects, or says why not. */
static GDALDatasetH
connect_pg (const char *conninfo,
            const char *label,
            const char *schema,
            const char *tables,
            gboolean    update,
            GError    **error)
{
  PgMessage m = { NULL };
  GDALDatasetH ds;

  CPLPushErrorHandlerEx (collect_message, &m);
  ds = open_pg (conninfo, schema, tables, update, NULL);
  CPLPopErrorHandler ();

  if (ds == NULL)
    {
      g_autofree char *text = connection_problem (label, m.text);
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND, text);
    }
  g_free (m.text);
  return ds;
}

/* Everything is read in one transaction a connection: GDAL otherwise
 * wraps each query in a transaction of its own, two round trips more a
 * query, and on a busy machine each round trip waits for the server's
 * turn on a processor. */
static void
begin_reading (GDALDatasetH ds)
{
  CPLErrorReset ();
  if (GDALDatasetStartTransaction (ds, FALSE) != OGRERR_NONE)
    CPLErrorReset ();
}

/* A failed query aborts the connection's transaction, and every later
 * query on it would fail with "current transaction is aborted", blaming
 * the wrong table: a failure starts the transaction anew. */
static void
restart_reading (GDALDatasetH ds)
{
  if (GDALDatasetRollbackTransaction (ds) != OGRERR_NONE)
    {
      OGRLayerH result = GDALDatasetExecuteSQL (ds, "ROLLBACK", NULL, NULL);

      if (result != NULL)
        GDALDatasetReleaseResultSet (ds, result);
    }
  begin_reading (ds);
}

/* Rows a cursor fetch brings: GDAL's default of 500 makes a round trip
 * every 500 rows. A page of value or areas rows is small; a page of
 * polygons may be large, hence fewer of them. GDAL reads the setting as
 * it makes the result layer, in the calling thread. */
#define VALUE_ROWS_A_FETCH    "20000"
#define GEOMETRY_ROWS_A_FETCH "2000"

static OGRLayerH
execute_paged (GDALDatasetH ds,
               const char  *sql,
               const char  *rows_a_fetch)
{
  OGRLayerH layer;

  CPLSetThreadLocalConfigOption ("OGR_PG_CURSOR_PAGE", rows_a_fetch);
  layer = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  CPLSetThreadLocalConfigOption ("OGR_PG_CURSOR_PAGE", NULL);
  return layer;
}

/* Runs @sql; the result layer, or NULL with @message set. */
static OGRLayerH
run_sql (GDALDatasetH ds,
         const char  *sql,
         char       **message)
{
  PgMessage m = { NULL };
  OGRLayerH result;

  CPLPushErrorHandlerEx (collect_message, &m);
  CPLErrorReset ();
  result = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  if (result == NULL && m.text == NULL && CPLGetLastErrorType () >= CE_Failure)
    m.text = g_strdup (CPLGetLastErrorMsg ());
  CPLPopErrorHandler ();

  if (message != NULL)
    *message = g_steal_pointer (&m.text);
  g_free (m.text);
  return result;
}

/* A statement without a result; FALSE with @error set when it failed. */
static gboolean
run_command (GDALDatasetH ds,
             const char  *sql,
             const char  *what,
             GError     **error)
{
  g_autofree char *message = NULL;
  OGRLayerH result = run_sql (ds, sql, &message);

  if (result != NULL)
    GDALDatasetReleaseResultSet (ds, result);
  if (message == NULL)
    return TRUE;

  {
    g_autofree char *detail = short_detail (message);
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                 _("The database server refused to %s (%s)."), what, detail);
  }
  return FALSE;
}

/* ---- what the schema holds ------------------------------------------------ */

static void
report_step (AtlasPgPackage *pg,
             const char     *step)
{
  double fraction;

  if (pg->progress == NULL)
    return;

  g_mutex_lock (&pg->lock);
  pg->n_done++;
  fraction = pg->n_steps > 0 ? MIN (1.0, (double) pg->n_done / pg->n_steps) : 0.0;
  pg->progress (fraction, step, pg->progress_data);
  g_mutex_unlock (&pg->lock);
}

static void
report_table (AtlasPgPackage   *pg,
              const TableEntry *e)
{
  g_autofree char *step = NULL;

  if (pg->progress == NULL)
    return;
  /* Translators: a step of loading from the database, "Read the table stockholm_uppsala.deso" */
  step = g_strdup_printf (_("Read the table %s.%s"), e->schema, e->table);
  report_step (pg, step);
}

static gboolean
parse_shape (const char *name,
             TableShape *shape)
{
  for (guint i = 0; i < G_N_ELEMENTS (shape_names); i++)
    if (g_strcmp0 (name, shape_names[i]) == 0)
      {
        *shape = (TableShape) i;
        return TRUE;
      }

  return FALSE;
}

/* One row of platsatlas_tables, its fields from @first on (path, layer,
 * table_name, shape); FALSE with @error set when it is wrong. */
static gboolean
read_entry (AtlasPgPackage *pg,
            OGRFeatureH     row,
            int             first,
            GError        **error)
{
  TableEntry *e = g_new0 (TableEntry, 1);
  const char *table = OGR_F_IsFieldSetAndNotNull (row, first + 2) ? OGR_F_GetFieldAsString (row, first + 2) : "";
  const char *dot = strchr (table, '.');
  const char *shape = OGR_F_IsFieldSetAndNotNull (row, first + 3) ? OGR_F_GetFieldAsString (row, first + 3) : NULL;

  e->path = g_strdup (OGR_F_IsFieldSetAndNotNull (row, first) ? OGR_F_GetFieldAsString (row, first) : "");
  e->layer = OGR_F_IsFieldSetAndNotNull (row, first + 1) ? g_strdup (OGR_F_GetFieldAsString (row, first + 1)) : NULL;
  e->schema = dot != NULL ? g_strndup (table, dot - table) : g_strdup (pg->schema);
  e->table = g_strdup (dot != NULL ? dot + 1 : table);
  e->columns = g_ptr_array_new_with_free_func (table_column_free);
  g_ptr_array_add (pg->entries, e);

  if (is_sql_name (e->schema) && is_sql_name (e->table) && parse_shape (shape, &e->shape))
    return TRUE;

  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_MANIFEST,
               _("%s: the row for “%s” in %s.%s names the table “%s” with the shape “%s”; expected a lower-case table name (or schema.table) and one of geometry, areas, values, values-long"),
               pg->label, e->path, pg->schema, TABLES_TABLE, table, shape != NULL ? shape : "");
  return FALSE;
}

/* Finds the column GDAL would take as FID. */
static void
take_fid (TableEntry *e)
{
  TableColumn *found = NULL;

  for (guint i = 0; i < e->columns->len; i++)
    {
      TableColumn *c = g_ptr_array_index (e->columns, i);

      if (c->is_integer && (c->is_key || (found == NULL && g_str_equal (c->name, "ogc_fid"))))
        found = c;
    }
  if (found == NULL)
    return;

  found->is_fid = TRUE;
  e->fid = g_strdup (found->name);
}

/* The manifest, the rows of platsatlas_tables and, for each table they
 * name, whether it exists, its columns and the key GDAL takes as FID (the
 * single-column integer primary key, else an integer column ogc_fid), in
 * one query: each query through GDAL costs about seven round trips, and
 * on a busy machine each round trip waits for the server's turn on a
 * processor. One row per column of each table, the manifest on the first
 * row only; a table that does not exist has one row without a column and
 * stays !found. Only names platsatlas_tables may hold are looked up;
 * read_entry() refuses the others. OFFSET 0 keeps the look-up a loop over
 * the tables: as a join, without statistics on platsatlas_tables, the
 * planner would scan all of pg_attribute. */
#define PACKAGE_TABLES_SQL \
  "WITH m AS (SELECT manifest FROM \"%s\"." MANIFEST_TABLE " LIMIT 1), " \
  "t AS (SELECT path, layer, table_name, shape, row_number () OVER (ORDER BY path, layer) AS n " \
        "FROM \"%s\"." TABLES_TABLE ") " \
  "SELECT CASE WHEN row_number () OVER (ORDER BY t.n, c.attnum) = 1 THEN m.manifest END AS manifest, " \
         "t.n::text AS entry, t.path, t.layer, t.table_name, t.shape, " \
         "c.column_name, c.is_text, c.is_geometry, c.is_integer, c.is_key " \
  "FROM m LEFT JOIN (t LEFT JOIN LATERAL (" \
    "SELECT a.attnum, a.attname::text AS column_name, " \
           "(y.typcategory = 'S')::integer AS is_text, " \
           "(y.typname IN ('geometry', 'geography'))::integer AS is_geometry, " \
           "(y.typname IN ('int2', 'int4', 'int8'))::integer AS is_integer, " \
           "coalesce (a.attnum = (SELECT i.indkey[0] FROM pg_index i WHERE i.indrelid = a.attrelid " \
                     "AND i.indisprimary AND i.indnatts = 1), false)::integer AS is_key " \
    "FROM pg_attribute a JOIN pg_type y ON y.oid = a.atttypid " \
    "WHERE a.attrelid = to_regclass (CASE " \
      "WHEN t.table_name ~ '^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$' THEN t.table_name " \
      "WHEN t.table_name ~ '^[a-z_][a-z0-9_]*$' THEN '\"%s\".' || t.table_name END) " \
      "AND a.attnum > 0 AND NOT a.attisdropped " \
    "OFFSET 0) c ON true) ON true " \
  "ORDER BY t.n, c.attnum"

static void
add_column (TableEntry  *e,
            OGRFeatureH  row)
{
  TableColumn *c = g_new0 (TableColumn, 1);

  e->found = TRUE;
  c->name = g_strdup (OGR_F_GetFieldAsString (row, 6));
  c->is_text = OGR_F_GetFieldAsInteger (row, 7) != 0;
  c->is_geometry = OGR_F_GetFieldAsInteger (row, 8) != 0;
  c->is_integer = OGR_F_GetFieldAsInteger (row, 9) != 0;
  c->is_key = OGR_F_GetFieldAsInteger (row, 10) != 0;
  g_ptr_array_add (e->columns, c);
}

static void
set_package_tables_error (GError        **error,
                          AtlasPgPackage *pg,
                          const char     *message)
{
  g_autofree char *detail = short_detail (message);

  /* The server names the relation it cannot read. */
  if (message != NULL && strstr (message, TABLES_TABLE) != NULL)
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                 _("%s: the table %s.%s cannot be read (%s); expected one row per file the manifest names"),
                 pg->label, pg->schema, TABLES_TABLE, detail);
  else
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                 _("%s holds no Platsatlas package: the table %s.%s cannot be read (%s); expected a schema written by “platsatlas-cli pack --to-postgis” or set up as docs/postgis.md describes."),
                 pg->label, pg->schema, MANIFEST_TABLE, detail);
}

static gboolean
read_package_tables (AtlasPgPackage *pg,
                     GDALDatasetH    ds,
                     GError        **error)
{
  g_autofree char *sql = g_strdup_printf (PACKAGE_TABLES_SQL, pg->schema, pg->schema, pg->schema);
  g_autofree char *message = NULL;
  OGRLayerH result = run_sql (ds, sql, &message);
  OGRFeatureH row;
  gboolean ok = TRUE;
  int entry = 0;

  if (result == NULL)
    {
      set_package_tables_error (error, pg, message);
      return FALSE;
    }
  while (ok && (row = OGR_L_GetNextFeature (result)) != NULL)
    {
      /* As text: GDAL would take an integer column as the FID. */
      int n = OGR_F_IsFieldSetAndNotNull (row, 1) ? atoi (OGR_F_GetFieldAsString (row, 1)) : 0;

      if (pg->manifest == NULL && OGR_F_IsFieldSetAndNotNull (row, 0))
        pg->manifest = g_strdup (OGR_F_GetFieldAsString (row, 0));
      if (n > entry)
        {
          entry = n;
          ok = read_entry (pg, row, 2, error);
        }
      if (ok && n > 0 && OGR_F_IsFieldSetAndNotNull (row, 6))
        add_column (g_ptr_array_index (pg->entries, pg->entries->len - 1), row);
      OGR_F_Destroy (row);
    }
  GDALDatasetReleaseResultSet (ds, result);

  if (pg->manifest == NULL)
    {
      g_clear_error (error);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_MANIFEST,
                   _("%s: the table %s.%s has no manifest; expected one row holding manifest.json"),
                   pg->label, pg->schema, MANIFEST_TABLE);
      return FALSE;
    }
  for (guint i = 0; ok && i < pg->entries->len; i++)
    take_fid (g_ptr_array_index (pg->entries, i));
  return ok;
}

static gpointer read_values_in_thread (gpointer data);

/* Connects and reads what the schema holds. With @values_in_thread, a
 * second connection is made meanwhile, to read the value tables once
 * signal_values() says so. */
static AtlasPgPackage *
pg_package_open (const char          *connection,
                 const char          *schema,
                 AtlasPostgisProgress progress,
                 gpointer             progress_data,
                 gboolean             values_in_thread,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(AtlasPgPackage) pg = g_new0 (AtlasPgPackage, 1);
  gboolean ok;

  g_mutex_init (&pg->lock);
  g_mutex_init (&pg->ds_lock);
  pg->entries = g_ptr_array_new_with_free_func (table_entry_free);
  pg->label = atlas_postgis_describe (connection, schema);
  pg->schema = g_strdup (schema);
  pg->progress = progress;
  pg->progress_data = progress_data;
  pg->n_steps = 2;
  g_mutex_init (&pg->go_lock);
  g_cond_init (&pg->go_cond);
  pg->values_done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!check_schema (schema, error) || (pg->conninfo = conninfo_for (connection, error)) == NULL)
    return NULL;
  if (values_in_thread)
    {
      pg->cancellable = cancellable;
      pg->values_thread = g_thread_new ("atlas-pg-values", read_values_in_thread, pg);
    }

  pg->ds = connect_pg (pg->conninfo, pg->label, schema, NULL, FALSE, error);
  if (pg->ds == NULL)
    return NULL;
  begin_reading (pg->ds);
  ok = read_package_tables (pg, pg->ds, error);
  /* Doubles print as the shortest text that reads back as the same
   * number, for the value tables read as CSV text. */
  ok = ok && run_command (pg->ds, "SET extra_float_digits = 3", _("set the number format"), error);
  if (!ok)
    return NULL;

  /* Two steps done, one to come for each table. */
  pg->n_steps += pg->entries->len;
  report_step (pg, _("Connected to the database"));
  report_step (pg, _("Read the manifest"));
  return g_steal_pointer (&pg);
}

static const TableEntry *
find_entry (AtlasPgPackage *pg,
            const char     *path,
            const char     *layer)
{
  for (guint i = 0; i < pg->entries->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (pg->entries, i);

      if (g_str_equal (e->path, path) && (layer == NULL || e->layer == NULL || g_str_equal (e->layer, layer)))
        return e;
    }

  return NULL;
}

/* "schema.table", as GDAL's tables= option and layer names take it. */
static char *
qualified_name (const TableEntry *e)
{
  return g_strdup_printf ("%s.%s", e->schema, e->table);
}

/* "name", as SQL quotes an identifier. */
static void
append_sql_name (GString    *sql,
                 const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

/* The rows of a table in the order they were written, by its FID column
 * when it has one: PostgreSQL otherwise returns them in any order, and the
 * order of areas decides the order in which their values are summed. A
 * result set: release it with GDALDatasetReleaseResultSet(). */
static OGRLayerH
open_ordered (GDALDatasetH      ds,
              const TableEntry *e,
              const char       *where)
{
  g_autofree char *sql = NULL;

  if (!e->found)
    return NULL;
  if (e->fid != NULL)
    sql = g_strdup_printf ("SELECT * FROM \"%s\".\"%s\"%s ORDER BY \"%s\"", e->schema, e->table, where, e->fid);
  else
    sql = g_strdup_printf ("SELECT * FROM \"%s\".\"%s\"%s", e->schema, e->table, where);
  return GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
}

/* The rows of a geometry or areas table in order, for the loader, which
 * finds its fields by name: the columns of SELECT *, each as an
 * expression (COALESCE of one value is the value), so that GDAL sees no
 * table behind them. For a column of a table GDAL asks the catalogue
 * which columns are NOT NULL, and for a geometry column it reads the
 * table's whole definition, geometry_columns among it: several queries a
 * table on a fresh connection, where one query for the SRID of the first
 * row does. */
static OGRLayerH
open_for_loader (GDALDatasetH      ds,
                 const TableEntry *e)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  gboolean has_geometry = FALSE;

  if (!e->found)
    return NULL;

  for (guint i = 0; i < e->columns->len; i++)
    {
      const TableColumn *c = g_ptr_array_index (e->columns, i);

      has_geometry = has_geometry || c->is_geometry;
      g_string_append (sql, i > 0 ? ", COALESCE(" : "COALESCE(");
      append_sql_name (sql, c->name);
      g_string_append (sql, ") AS ");
      append_sql_name (sql, c->name);
    }
  if (e->columns->len == 0)
    g_string_append_c (sql, '*');
  g_string_append_printf (sql, " FROM \"%s\".\"%s\"", e->schema, e->table);
  if (e->fid != NULL)
    {
      g_string_append (sql, " ORDER BY ");
      append_sql_name (sql, e->fid);
    }

  return execute_paged (ds, sql->str, has_geometry ? GEOMETRY_ROWS_A_FETCH : VALUE_ROWS_A_FETCH);
}

/* ---- tables as CSV ------------------------------------------------------- */

/* The shortest decimal text that reads back as exactly @value. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
append_text (GString    *out,
             const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_field (GString    *out,
              OGRFeatureH row,
              int         i,
              OGRFieldType type)
{
  if (!OGR_F_IsFieldSetAndNotNull (row, i))
    return;
  if (type == OFTReal)
    append_number (out, OGR_F_GetFieldAsDouble (row, i));
  else if (type == OFTInteger || type == OFTInteger64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) OGR_F_GetFieldAsInteger64 (row, i));
  else
    append_text (out, OGR_F_GetFieldAsString (row, i));
}

/* Every row of a table without geometry, as CSV with a header row. */
static gboolean
append_layer_csv (GString      *out,
                  OGRLayerH     layer,
                  GCancellable *cancellable)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n = OGR_FD_GetFieldCount (defn);
  OGRFieldType *types = g_new (OGRFieldType, MAX (n, 1));
  OGRFeatureH row;
  guint count = 0;

  for (int i = 0; i < n; i++)
    {
      OGRFieldDefnH field = OGR_FD_GetFieldDefn (defn, i);

      types[i] = OGR_Fld_GetType (field);
      if (i > 0)
        g_string_append_c (out, ',');
      append_text (out, OGR_Fld_GetNameRef (field));
    }
  g_string_append_c (out, '\n');

  OGR_L_ResetReading (layer);
  while ((row = OGR_L_GetNextFeature (layer)) != NULL)
    {
      for (int i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_field (out, row, i, types[i]);
        }
      g_string_append_c (out, '\n');
      OGR_F_Destroy (row);
      if (++count % 1024 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }

  g_free (types);
  return !g_cancellable_is_cancelled (cancellable);
}

/* A long table's rows for one year, turned into the wide table of that
 * year: indicators in the order they first appear, areas likewise. */
typedef struct
{
  GPtrArray  *indicators;
  GHashTable *indicator_index; /* id → index + 1 */
  GPtrArray  *codes;
  GHashTable *code_index;      /* code → index + 1 */
  GHashTable *cells;           /* "code index:indicator index" → text */
} Pivot;

static guint
pivot_index (GPtrArray  *names,
             GHashTable *index,
             const char *name)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, name));

  if (i == 0)
    {
      g_ptr_array_add (names, g_strdup (name));
      i = names->len;
      g_hash_table_insert (index, g_ptr_array_index (names, i - 1), GUINT_TO_POINTER (i));
    }

  return i - 1;
}

static void
pivot_write (Pivot   *p,
             GString *out)
{
  g_string_append (out, "code");
  for (guint j = 0; j < p->indicators->len; j++)
    {
      g_string_append_c (out, ',');
      append_text (out, g_ptr_array_index (p->indicators, j));
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < p->codes->len; i++)
    {
      append_text (out, g_ptr_array_index (p->codes, i));
      for (guint j = 0; j < p->indicators->len; j++)
        {
          g_autofree char *key = g_strdup_printf ("%u:%u", i, j);
          const char *text = g_hash_table_lookup (p->cells, key);

          g_string_append_c (out, ',');
          if (text != NULL)
            g_string_append (out, text);
        }
      g_string_append_c (out, '\n');
    }
}

static gboolean
append_long_csv (GString      *out,
                 OGRLayerH     layer,
                 GCancellable *cancellable)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int code = OGR_FD_GetFieldIndex (defn, "code");
  int indicator = OGR_FD_GetFieldIndex (defn, "indicator");
  int value = OGR_FD_GetFieldIndex (defn, "value");
  Pivot p = {
    g_ptr_array_new_with_free_func (g_free), g_hash_table_new (g_str_hash, g_str_equal),
    g_ptr_array_new_with_free_func (g_free), g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  OGRFeatureH row;

  if (code < 0 || indicator < 0 || value < 0 || OGR_FD_GetFieldIndex (defn, "year") < 0)
    return FALSE;

  while ((row = OGR_L_GetNextFeature (layer)) != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      guint i = pivot_index (p.codes, p.code_index, OGR_F_GetFieldAsString (row, code));
      guint j = pivot_index (p.indicators, p.indicator_index, OGR_F_GetFieldAsString (row, indicator));
      GString *text = g_string_new (NULL);

      append_field (text, row, value, OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, value)));
      g_hash_table_insert (p.cells, g_strdup_printf ("%u:%u", i, j), g_string_free (text, FALSE));
      OGR_F_Destroy (row);
    }
  if (row != NULL)
    OGR_F_Destroy (row);
  pivot_write (&p, out);

  g_hash_table_unref (p.cells);
  g_hash_table_unref (p.code_index);
  g_ptr_array_unref (p.codes);
  g_hash_table_unref (p.indicator_index);
  g_ptr_array_unref (p.indicators);
  return !g_cancellable_is_cancelled (cancellable);
}

/* The year of "values/2022.csv". */
static guint
year_of_path (const char *path)
{
  const char *base = strrchr (path, '/');

  return (guint) g_ascii_strtoull (base != NULL ? base + 1 : path, NULL, 10);
}

static char *
lost_connection_text (AtlasPgPackage   *pg,
                      const TableEntry *e,
                      const char       *message)
{
  g_autofree char *detail = short_detail (message);

  return g_strdup_printf (_("Reading the table %s.%s from %s failed (%s); the connection to the database may have been lost."),
                          e->schema, e->table, pg->label, detail);
}

/* A wide value table's row as one CSV line made by the server: fetching
 * its cells one by one through OGR costs more than all the rest of
 * loading, and one text for the whole table costs the server more than
 * the rows (string_agg() sorts and copies them, and the text is copied
 * again as it is sent). With extra_float_digits above 0, a double prints
 * as the shortest text that reads back as the same number; a numeric
 * prints as stored. Appends the expression to @sql and the header line
 * to @header. */
static void
append_csv_line_sql (GString          *sql,
                     const TableEntry *e,
                     GString          *header)
{
  g_autoptr(GString) args = g_string_new (NULL);
  guint n = 0;

  /* One format() a row (NULL prints as nothing) costs less than
   * concatenating its cells one by one; a function takes at most 100
   * arguments. */
  for (guint i = 0; i < e->columns->len; i++)
    {
      const TableColumn *c = g_ptr_array_index (e->columns, i);
      g_autoptr(GString) column = g_string_new (NULL);

      if (c->is_geometry || c->is_fid)
        continue;
      append_sql_name (column, c->name);
      if (n > 0)
        g_string_append_c (header, ',');
      append_text (header, c->name);
      if (n % 90 == 0)
        {
          if (n > 0)
            {
              g_string_append_printf (sql, "'%s) || ',' || ", args->str);
              g_string_truncate (args, 0);
            }
          g_string_append (sql, "format('%s");
        }
      else
        g_string_append (sql, ",%s");
      if (c->is_text)
        g_string_append_printf (args, ", CASE WHEN %s ~ '[\",\\r\\n]' THEN '\"' || replace(%s, '\"', '\"\"') || '\"' ELSE %s END",
                                column->str, column->str, column->str);
      else
        g_string_append_printf (args, ", %s", column->str);
      n++;
    }
  g_string_append_c (header, '\n');
  if (n == 0)
    g_string_append (sql, "''");
  else
    g_string_append_printf (sql, "'%s)", args->str);
}

/* A wide value table as CSV lines, one text a row. */
static OGRLayerH
open_as_csv (GDALDatasetH      ds,
             const TableEntry *e,
             GString          *header)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  if (!e->found)
    return NULL;

  append_csv_line_sql (sql, e, header);
  g_string_append_printf (sql, " AS line FROM \"%s\".\"%s\"", e->schema, e->table);
  if (e->fid != NULL)
    {
      g_string_append (sql, " ORDER BY ");
      append_sql_name (sql, e->fid);
    }

  return execute_paged (ds, sql->str, VALUE_ROWS_A_FETCH);
}

static gboolean
append_csv_rows (GString      *out,
                 GString      *header,
                 OGRLayerH     layer,
                 GCancellable *cancellable)
{
  OGRFeatureH row;
  guint count = 0;

  g_string_append_len (out, header->str, header->len);
  while ((row = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (OGR_F_IsFieldSetAndNotNull (row, 0))
        g_string_append (out, OGR_F_GetFieldAsString (row, 0));
      g_string_append_c (out, '\n');
      OGR_F_Destroy (row);
      if (++count % 1024 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }

  return !g_cancellable_is_cancelled (cancellable);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
set_missing_table_error (GError          **error,
                         AtlasPgPackage   *pg,
                         const TableEntry *e)
{
  g_autofree char *name = qualified_name (e);

  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
               _("%s: the table %s, named for “%s” in %s.%s, does not exist; expected a table or view of that name"),
               pg->label, name, e->path, pg->schema, TABLES_TABLE);
}

/* A table without geometry as CSV text, whatever its shape. */
static gboolean
table_as_csv (AtlasPgPackage   *pg,
              GDALDatasetH      ds,
              const TableEntry *e,
              GString          *out,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *name = qualified_name (e);
  g_autofree char *where = e->shape == SHAPE_VALUES_LONG ? g_strdup_printf (" WHERE \"year\" = %u", year_of_path (e->path))
                                                          : g_strdup ("");
  g_autoptr(GString) header = g_string_new (NULL);
  OGRLayerH layer = NULL;
  PgMessage m = { NULL };
  gboolean ok;

  CPLPushErrorHandlerEx (collect_message, &m);
  CPLErrorReset ();
  layer = e->shape == SHAPE_VALUES ? open_as_csv (ds, e, header) : open_ordered (ds, e, where);
  if (layer == NULL)
    {
      CPLPopErrorHandler ();
      /* The catalogue had it: the query failed, most likely because the
       * server went away. */
      if (e->found)
        {
          g_autofree char *text = lost_connection_text (pg, e, m.text != NULL ? m.text : CPLGetLastErrorMsg ());
          g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VALUES, text);
        }
      else
        set_missing_table_error (error, pg, e);
      g_free (m.text);
      return FALSE;
    }

  if (e->shape == SHAPE_VALUES_LONG)
    ok = append_long_csv (out, layer, cancellable);
  else if (e->shape == SHAPE_VALUES)
    ok = append_csv_rows (out, header, layer, cancellable);
  else
    ok = append_layer_csv (out, layer, cancellable);
  CPLPopErrorHandler ();
  GDALDatasetReleaseResultSet (ds, layer);

  if (m.text != NULL)
    {
      g_autofree char *text = lost_connection_text (pg, e, m.text);
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VALUES, text);
      ok = FALSE;
    }
  else if (!ok && !g_cancellable_set_error_if_cancelled (cancellable, error))
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VALUES,
                 _("%s: the table %s is not a long value table; expected the columns code, year, indicator and value"),
                 pg->label, name);
  g_free (m.text);
  return ok;
}

/* values/YEAR.csv, the only value files a package has. */
static gboolean
is_values_path (const char *path)
{
  const char *p = path + strlen ("values/");

  if (!g_str_has_prefix (path, "values/") || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  return g_str_equal (p, ".csv");
}

static void
put_memory_file (const char *path,
                 GString    *text)
{
  gsize length = text->len;
  GByte *bytes = (GByte *) g_string_free (text, FALSE);
  GByte *copy = CPLMalloc (MAX (length, 1));

  /* VSI frees with CPLFree: hand it memory of its own. */
  memcpy (copy, bytes, length);
  g_free (bytes);
  VSIFCloseL (VSIFileFromMemBuffer (path, copy, length, TRUE));
}

/* A value file in /vsimem/, and the loader told that it is there. */
static void
put_value_file (AtlasPgPackage   *pg,
                const TableEntry *e,
                GString          *text)
{
  g_autofree char *path = g_strconcat (pg->root, "/", e->path, NULL);

  put_memory_file (path, text);
  g_mutex_lock (&pg->go_lock);
  g_hash_table_add (pg->values_done, g_strdup (e->path));
  g_cond_broadcast (&pg->go_cond);
  g_mutex_unlock (&pg->go_lock);
}

/* manifest.json and the folder values/ in /vsimem/, for the loader. */
static void
copy_manifest (AtlasPgPackage *pg)
{
  static gint counter;
  GString *manifest = g_string_new (pg->manifest);

  pg->root = g_strdup_printf ("/vsimem/platsatlas-pg-%u", (guint) g_atomic_int_add (&counter, 1));
  VSIMkdir (pg->root, 0755);
  {
    g_autofree char *values = g_strconcat (pg->root, "/values", NULL);
    VSIMkdir (values, 0755);
  }
  {
    g_autofree char *path = g_strconcat (pg->root, "/" MANIFEST, NULL);
    put_memory_file (path, manifest);
  }
}

/* Rows of the wide value tables a fetch brings. Each fetch is a round
 * trip, but rows already fetched are not lost with the connection: a
 * page of a few tables keeps "the table that was being read" a table
 * whose rows did not all arrive. */
#define WIDE_VALUE_ROWS_A_FETCH "5000"

/* Every wide value table in one query, the rows of one after another
 * (the table's number beside each line): each query through GDAL costs
 * about seven round trips and a plan, and on a busy machine each round
 * trip waits for the server's turn on a processor. */
static OGRLayerH
open_wide_values (GDALDatasetH ds,
                  GPtrArray   *wide,
                  GPtrArray   *headers)
{
  g_autoptr(GString) sql = g_string_new ("SELECT line, part FROM (");

  for (guint i = 0; i < wide->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (wide, i);
      GString *header = g_string_new (NULL);

      g_string_append_printf (sql, "%sSELECT %u AS part, ", i > 0 ? " UNION ALL " : "", i);
      if (e->fid != NULL)
        {
          append_sql_name (sql, e->fid);
          g_string_append (sql, "::bigint AS ord, ");
        }
      else
        g_string_append (sql, "0::bigint AS ord, ");
      append_csv_line_sql (sql, e, header);
      g_string_append_printf (sql, " AS line FROM \"%s\".\"%s\"", e->schema, e->table);
      g_ptr_array_add (headers, header);
    }
  g_string_append (sql, ") AS v ORDER BY part, ord");

  return execute_paged (ds, sql->str, WIDE_VALUE_ROWS_A_FETCH);
}

/* values/YEAR.csv in /vsimem/ for each table of @wide, in order;
 * @part is where the next table starts. */
static void
finish_wide_tables (AtlasPgPackage *pg,
                    GPtrArray      *wide,
                    GPtrArray      *headers,
                    GString       **csv,
                    guint          *part,
                    guint           until)
{
  for (; *part < until && *part < wide->len; (*part)++)
    {
      const TableEntry *e = g_ptr_array_index (wide, *part);

      if (*csv == NULL)
        *csv = g_string_new (((GString *) g_ptr_array_index (headers, *part))->str);
      if (is_values_path (e->path))
        put_value_file (pg, e, g_steal_pointer (csv));
      else
        g_string_free (g_steal_pointer (csv), TRUE);
      report_table (pg, e);
    }
}

static gboolean
copy_wide_values (AtlasPgPackage *pg,
                  GDALDatasetH    ds,
                  GPtrArray      *wide,
                  GError        **error)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (free_string);
  GString *csv = NULL;
  PgMessage m = { NULL };
  OGRLayerH layer;
  OGRFeatureH row;
  guint part = 0, count = 0;

  for (guint i = 0; i < wide->len; i++)
    if (!((const TableEntry *) g_ptr_array_index (wide, i))->found)
      {
        set_missing_table_error (error, pg, g_ptr_array_index (wide, i));
        return FALSE;
      }

  CPLPushErrorHandlerEx (collect_message, &m);
  CPLErrorReset ();
  layer = open_wide_values (ds, wide, headers);
  while (layer != NULL && (row = OGR_L_GetNextFeature (layer)) != NULL)
    {
      guint row_part = MIN ((guint) OGR_F_GetFieldAsInteger (row, 1), wide->len - 1);

      finish_wide_tables (pg, wide, headers, &csv, &part, row_part);
      if (csv == NULL)
        csv = g_string_new (((GString *) g_ptr_array_index (headers, part))->str);
      if (OGR_F_IsFieldSetAndNotNull (row, 0))
        g_string_append (csv, OGR_F_GetFieldAsString (row, 0));
      g_string_append_c (csv, '\n');
      OGR_F_Destroy (row);
      if (++count % 1024 == 0 && (g_cancellable_is_cancelled (pg->cancellable) || g_atomic_int_get (&pg->stop)))
        break;
    }
  if (layer == NULL && m.text == NULL)
    m.text = g_strdup (CPLGetLastErrorMsg ());
  CPLPopErrorHandler ();
  if (layer != NULL)
    GDALDatasetReleaseResultSet (ds, layer);

  /* The table whose rows were being read when the query failed; a query
   * that failed before its first row (a table that cannot be read, say)
   * names them all, and the server's message the one at fault. */
  if (m.text != NULL && count == 0)
    {
      const TableEntry *first = g_ptr_array_index (wide, 0);
      const TableEntry *last = g_ptr_array_index (wide, wide->len - 1);
      g_autofree char *detail = short_detail (m.text);

      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VALUES,
                   _("Reading the value tables %s.%s to %s.%s from %s failed (%s)."),
                   first->schema, first->table, last->schema, last->table, pg->label, detail);
    }
  else if (m.text != NULL)
    {
      g_autofree char *text = lost_connection_text (pg, g_ptr_array_index (wide, MIN (part, wide->len - 1)), m.text);
      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VALUES, text);
    }
  else if (!g_cancellable_set_error_if_cancelled (pg->cancellable, error) && !g_atomic_int_get (&pg->stop))
    finish_wide_tables (pg, wide, headers, &csv, &part, wide->len);
  if (csv != NULL)
    g_string_free (csv, TRUE);
  g_free (m.text);
  return part == wide->len;
}

/* values/YEAR.csv in /vsimem/, read through @ds: the wide tables in one
 * query, then each long table. */
static gboolean
copy_values (AtlasPgPackage *pg,
             GDALDatasetH    ds,
             GError        **error)
{
  g_autoptr(GPtrArray) wide = g_ptr_array_new ();
  gboolean ok = TRUE;

  for (guint i = 0; i < pg->entries->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (pg->entries, i);

      if (e->shape == SHAPE_VALUES)
        g_ptr_array_add (wide, (gpointer) e);
    }
  if (wide->len > 0)
    ok = copy_wide_values (pg, ds, wide, error);

  for (guint i = 0; ok && i < pg->entries->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (pg->entries, i);
      GString *csv;

      if (e->shape != SHAPE_VALUES_LONG)
        continue;
      if (g_atomic_int_get (&pg->stop))
        return FALSE;

      csv = g_string_new (NULL);
      ok = table_as_csv (pg, ds, e, csv, pg->cancellable, error);
      if (ok && is_values_path (e->path))
        put_value_file (pg, e, csv);
      else
        g_string_free (csv, TRUE);
      report_table (pg, e);
    }

  return ok;
}

static gpointer
read_values_in_thread (gpointer data)
{
  AtlasPgPackage *pg = data;
  GError *error = NULL;
  /* Named, so that an administrator sees which connection is which. */
  g_autofree char *conninfo = g_strconcat (pg->conninfo, " application_name=platsatlas-values", NULL);
  GDALDatasetH ds;
  gboolean ok;

  /* Value tables hold no geometry: without GDAL's PostGIS start-up
   * queries this backend never loads PostGIS, which costs the server
   * more than reading a year of values. Thread-local: the geometry is
   * read meanwhile on the first connection, with PostGIS. */
  CPLSetThreadLocalConfigOption ("PG_USE_POSTGIS", "NO");
  ds = connect_pg (conninfo, pg->label, pg->schema, NULL, FALSE, &error);
  CPLSetThreadLocalConfigOption ("PG_USE_POSTGIS", NULL);
  if (ds != NULL)
    begin_reading (ds);
  ok = ds != NULL && run_command (ds, "SET extra_float_digits = 3", _("set the number format"), &error);

  /* Connected beside the first connection; the tables to read are known
   * once that one has read the package's table of tables. */
  g_mutex_lock (&pg->go_lock);
  while (pg->go == 0)
    g_cond_wait (&pg->go_cond, &pg->go_lock);
  g_mutex_unlock (&pg->go_lock);

  pg->values_ok = ok && pg->go > 0 && copy_values (pg, ds, &error);
  pg->values_error = error;
  g_mutex_lock (&pg->go_lock);
  pg->values_ended = TRUE;
  g_cond_broadcast (&pg->go_cond);
  g_mutex_unlock (&pg->go_lock);
  if (ds != NULL)
    GDALClose (ds);
  return NULL;
}

static void
wait_values (AtlasPgPackage *pg)
{
  if (pg->values_thread != NULL)
    g_thread_join (g_steal_pointer (&pg->values_thread));
}

/* Waits for the value tables: FALSE with @error set when they could not
 * be read. */
gboolean
atlas_postgis_wait_values (AtlasPgPackage *server,
                           GError        **error)
{
  wait_values (server);
  if (server->values_ok)
    return TRUE;

  if (server->values_error != NULL)
    g_propagate_error (error, g_steal_pointer (&server->values_error));
  else if (!g_cancellable_set_error_if_cancelled (server->cancellable, error))
    g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_VALUES,
                 _("%s: the value tables could not be read"), server->label);
  return FALSE;
}

/* Waits until the value file @path (values/YEAR.csv) is in /vsimem/, or
 * the values thread has ended: FALSE with @error set when the value
 * tables could not be read. A file the thread does not make is left to
 * the loader to find missing. */
gboolean
atlas_postgis_wait_table (AtlasPgPackage *server,
                          const char     *path,
                          GError        **error)
{
  gboolean done;

  g_mutex_lock (&server->go_lock);
  while (!(done = g_hash_table_contains (server->values_done, path)) && !server->values_ended)
    g_cond_wait (&server->go_cond, &server->go_lock);
  g_mutex_unlock (&server->go_lock);

  return done || atlas_postgis_wait_values (server, error);
}

/* ---- the loader's side ---------------------------------------------------- */

const char *
atlas_postgis_root (AtlasPgPackage *server)
{
  return server->root;
}

void *
atlas_postgis_open_table (Loader       *l,
                          GeometrySpec *spec,
                          void        **layer)
{
  AtlasPgPackage *pg = l->server;
  const TableEntry *e = find_entry (pg, spec->file, spec->layer);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  *layer = NULL;
  if (e == NULL || (e->shape != SHAPE_GEOMETRY && e->shape != SHAPE_AREAS))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, spec->file, NULL,
                                _("%s names no geometry or areas table for this file in %s.%s; expected a row with its path and layer"),
                                pg->label, pg->schema, TABLES_TABLE);
      return NULL;
    }

  /* Held until atlas_postgis_close_table(): the rows are read meanwhile. */
  g_mutex_lock (&pg->ds_lock);
  name = qualified_name (e);
  g_clear_pointer (&l->gdal_message, g_free);
  if ((*layer = open_for_loader (pg->ds, e)) != NULL)
    {
      CPLErrorReset ();
      report_table (pg, e);
      return pg->ds;
    }
  message = g_strdup (l->gdal_message != NULL ? l->gdal_message : CPLGetLastErrorMsg ());
  restart_reading (pg->ds);
  g_mutex_unlock (&pg->ds_lock);

  if (e->found)
    {
      g_autofree char *text = lost_connection_text (pg, e, message);
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, spec->file, NULL, "%s", text);
      return NULL;
    }
  atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_GEOMETRY, name, NULL,
                            _("the table does not exist in %s, or cannot be read; expected the table or view named for “%s” in %s.%s"),
                            pg->label, spec->file, pg->schema, TABLES_TABLE);
  return NULL;
}

void
atlas_postgis_close_table (Loader *l,
                           void   *layer)
{
  AtlasPgPackage *pg = l->server;

  GDALDatasetReleaseResultSet (pg->ds, layer);
  if (pg->read_failed)
    restart_reading (pg->ds);
  pg->read_failed = FALSE;
  g_mutex_unlock (&pg->ds_lock);
}

/* A read that ends early because the server went away looks like the end
 * of the table, or a table without a CRS: GDAL's error says which it was,
 * and then replaces the problems found in the table since @n_problems. */
void
atlas_postgis_check_read (Loader       *l,
                          GeometrySpec *spec,
                          guint         n_problems)
{
  AtlasPgPackage *pg = l->server;
  const TableEntry *e = find_entry (pg, spec->file, spec->layer);
  g_autofree char *text = NULL;

  if (CPLGetLastErrorType () < CE_Failure || e == NULL)
    return;

  text = lost_connection_text (pg, e, CPLGetLastErrorMsg ());
  /* atlas_postgis_close_table() starts the transaction anew. */
  pg->read_failed = TRUE;
  if (l->problems->len > n_problems)
    g_ptr_array_set_size (l->problems, n_problems);
  atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, spec->file, NULL, "%s", text);
}

/* ---- loading -------------------------------------------------------------- */

/**
 * atlas_dataset_load_postgis:
 * @connection: a pg_service.conf service name or libpq keywords
 * @schema: the package's schema
 * @progress: (nullable) (scope call): told how far loading has come
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and checks a package kept in PostGIS, with every check
 * atlas_dataset_load() makes. Never half-loads.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL
 */
AtlasDataset *
atlas_dataset_load_postgis (const char          *connection,
                            const char          *schema,
                            AtlasPostgisProgress progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(AtlasPgPackage) pg = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  AtlasPackage *pkg;
  guint classes = 0;

  g_return_val_if_fail (connection != NULL && schema != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  pg = pg_package_open (connection, schema, progress, progress_data, TRUE, cancellable, error);
  if (pg == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  copy_manifest (pg);
  signal_values (pg, 1);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  pkg = atlas_package_load_server (pg, pg->label, cancellable, problems, &classes, error);
  if (pkg == NULL)
    {
      if (problems->len > 0 && (error == NULL || *error == NULL))
        atlas_dataset_set_problems_error (error, pg->label, problems, classes);
      return NULL;
    }

  return atlas_dataset_new_for_package (pkg);
}

typedef struct
{
  char                *connection;
  char                *schema;
  AtlasPostgisProgress progress;
  gpointer             progress_data;
  GMainContext        *context;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->connection);
  g_free (d->schema);
  g_main_context_unref (d->context);
  g_free (d);
}

typedef struct
{
  GTask    *task;
  LoadData *load;
  double    fraction;
  char     *step;
} ProgressCall;

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  call->load->progress (call->fraction, call->step, call->load->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  g_free (call->step);
  g_object_unref (call->task);
  g_free (call);
}

static void
forward_progress (double      fraction,
                  const char *step,
                  gpointer    user_data)
{
  GTask *task = user_data;
  LoadData *d = g_task_get_task_data (task);
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->task = g_object_ref (task);
  call->load = d;
  call->fraction = fraction;
  call->step = g_strdup (step);
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, deliver_progress, call, progress_call_free);
}

static void
load_postgis_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  LoadData *d = task_data;
  GError *error = NULL;
  AtlasDataset *dataset;

  dataset = atlas_dataset_load_postgis (d->connection, d->schema,
                                        d->progress != NULL ? forward_progress : NULL, task,
                                        cancellable, &error);
  if (dataset != NULL)
    g_task_return_pointer (task, dataset, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * atlas_dataset_load_postgis_async:
 * @progress: (nullable) (scope notified): called in the thread-default main
 *   context of the caller until @callback runs
 *
 * Loads a package from PostGIS in a worker thread.
 */
void
atlas_dataset_load_postgis_async (const char          *connection,
                                  const char          *schema,
                                  AtlasPostgisProgress progress,
                                  gpointer             progress_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *d;

  g_return_if_fail (connection != NULL && schema != NULL);

  d = g_new0 (LoadData, 1);
  d->connection = g_strdup (connection);
  d->schema = g_strdup (schema);
  d->progress = progress;
  d->progress_data = progress_data;
  d->context = g_main_context_ref_thread_default ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_load_postgis_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_postgis_in_thread);
}

AtlasDataset *
atlas_dataset_load_postgis_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- writing a package into a schema -------------------------------------- */

/* The files a manifest names, as table entries of the package's schema:
 * a division's geometry in a table named after it, its areas table in
 * DIVISION_areas, each year's values in values_YEAR. */
static void
add_spec_entries (GPtrArray  *entries,
                  JsonObject *division,
                  const char *key,
                  TableShape  shape)
{
  JsonObject *spec;
  const char *id = json_object_get_string_member (division, "id");
  TableEntry *e;

  if (!json_object_has_member (division, key) ||
      (spec = json_object_get_object_member (division, key)) == NULL)
    return;

  e = g_new0 (TableEntry, 1);
  e->path = g_strdup (json_object_get_string_member (spec, "file"));
  e->layer = g_strdup (json_object_get_string_member_with_default (spec, "layer", NULL));
  e->table = shape == SHAPE_AREAS ? g_strconcat (id, "_areas", NULL) : g_strdup (id);
  e->shape = shape;
  g_ptr_array_add (entries, e);
}

static GPtrArray *
entries_of_manifest (JsonObject *manifest)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (table_entry_free);
  JsonArray *divisions = json_object_get_array_member (manifest, "divisions");
  JsonArray *years = json_object_get_array_member (manifest, "years");

  for (guint i = 0; i < json_array_get_length (divisions); i++)
    {
      JsonObject *division = json_array_get_object_element (divisions, i);

      add_spec_entries (entries, division, "geometry", SHAPE_GEOMETRY);
      add_spec_entries (entries, division, "areas", SHAPE_AREAS);
    }
  for (guint i = 0; i < json_array_get_length (years); i++)
    {
      TableEntry *e = g_new0 (TableEntry, 1);
      guint year = (guint) json_array_get_int_element (years, i);

      e->path = g_strdup_printf ("values/%u.csv", year);
      e->table = g_strdup_printf ("values_%u", year);
      e->shape = SHAPE_VALUES;
      g_ptr_array_add (entries, e);
    }

  return entries;
}

static char **
layer_options (const char *schema,
               gboolean    geometry)
{
  char **options = NULL;

  options = CSLSetNameValue (options, "SCHEMA", schema);
  options = CSLSetNameValue (options, "LAUNDER", "NO");
  options = CSLSetNameValue (options, "PRECISION", "NO");
  options = CSLSetNameValue (options, "OVERWRITE", "NO");
  if (geometry)
    options = CSLSetNameValue (options, "GEOMETRY_NAME", "geom");
  return options;
}

static void
set_write_error (GError    **error,
                 const char *label,
                 const char *what,
                 const char *message)
{
  g_autofree char *detail = short_detail (message != NULL ? message : CPLGetLastErrorMsg ());

  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
               _("Writing %s to %s failed (%s)."), what, label, detail);
}

static OGRLayerH
open_source_layer (const char       *package,
                   const TableEntry *e,
                   GDALDatasetH     *source)
{
  g_autofree char *path = g_build_filename (package, e->path, NULL);

  *source = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, atlas_gdal_package_drivers, NULL, NULL);
  if (*source == NULL)
    return NULL;
  if (e->layer != NULL)
    return GDALDatasetGetLayerByName (*source, e->layer);
  return GDALDatasetGetLayer (*source, 0);
}

/* A layer copied as it is, fields and geometry untouched. */
static gboolean
copy_layer_to (GDALDatasetH      target,
               const char       *package,
               const TableEntry *e,
               const char       *schema)
{
  GDALDatasetH source = NULL;
  OGRLayerH layer = open_source_layer (package, e, &source);
  char **options = layer_options (schema, e->shape == SHAPE_GEOMETRY);
  OGRLayerH copy = NULL;

  if (layer != NULL)
    copy = GDALDatasetCopyLayer (target, layer, e->table, options);
  if (copy != NULL)
    OGR_L_SyncToDisk (copy);
  CSLDestroy (options);
  if (source != NULL)
    GDALClose (source);
  return copy != NULL;
}

static gboolean
is_missing_cell (const char *text)
{
  return *text == '\0' || g_str_equal (text, "..");
}

/* A values table: code as text, every indicator as a double, empty and
 * ".." cells as NULL. */
static gboolean
copy_values_to (GDALDatasetH      target,
                const char       *package,
                const TableEntry *e,
                const char       *schema)
{
  GDALDatasetH source = NULL;
  OGRLayerH layer = open_source_layer (package, e, &source);
  char **options = layer_options (schema, FALSE);
  OGRLayerH out = NULL;
  OGRFeatureDefnH defn;
  OGRFeatureH row;
  gboolean ok = TRUE;
  int n;

  if (layer != NULL)
    out = GDALDatasetCreateLayer (target, e->table, NULL, wkbNone, options);
  CSLDestroy (options);
  if (out == NULL)
    goto done;

  defn = OGR_L_GetLayerDefn (layer);
  n = OGR_FD_GetFieldCount (defn);
  for (int i = 0; ok && i < n; i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)),
                                            i == 0 ? OFTString : OFTReal);
      ok = OGR_L_CreateField (out, field, TRUE) == OGRERR_NONE;
      OGR_Fld_Destroy (field);
    }

  while (ok && (row = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRFeatureH copy = OGR_F_Create (OGR_L_GetLayerDefn (out));

      OGR_F_SetFieldString (copy, 0, OGR_F_GetFieldAsString (row, 0));
      for (int i = 1; i < n; i++)
        {
          const char *text = OGR_F_GetFieldAsString (row, i);

          if (!is_missing_cell (text))
            OGR_F_SetFieldDouble (copy, i, g_ascii_strtod (text, NULL));
        }
      ok = OGR_L_CreateFeature (out, copy) == OGRERR_NONE;
      OGR_F_Destroy (copy);
      OGR_F_Destroy (row);
    }
  ok = ok && OGR_L_SyncToDisk (out) == OGRERR_NONE;

done:
  if (source != NULL)
    GDALClose (source);
  return out != NULL && ok;
}

/* platsatlas_manifest and platsatlas_tables. */
static gboolean
write_index_tables (GDALDatasetH target,
                    const char  *schema,
                    const char  *manifest,
                    GPtrArray   *entries)
{
  const char *columns[] = { "path", "layer", "table_name", "shape" };
  char **options = layer_options (schema, FALSE);
  OGRLayerH m = GDALDatasetCreateLayer (target, MANIFEST_TABLE, NULL, wkbNone, options);
  OGRLayerH t = GDALDatasetCreateLayer (target, TABLES_TABLE, NULL, wkbNone, options);
  OGRFieldDefnH field;
  OGRFeatureH row;
  gboolean ok;

  CSLDestroy (options);
  if (m == NULL || t == NULL)
    return FALSE;

  field = OGR_Fld_Create ("manifest", OFTString);
  ok = OGR_L_CreateField (m, field, TRUE) == OGRERR_NONE;
  OGR_Fld_Destroy (field);
  for (guint i = 0; ok && i < G_N_ELEMENTS (columns); i++)
    {
      field = OGR_Fld_Create (columns[i], OFTString);
      ok = OGR_L_CreateField (t, field, TRUE) == OGRERR_NONE;
      OGR_Fld_Destroy (field);
    }
  if (!ok)
    return FALSE;

  row = OGR_F_Create (OGR_L_GetLayerDefn (m));
  OGR_F_SetFieldString (row, 0, manifest);
  ok = OGR_L_CreateFeature (m, row) == OGRERR_NONE;
  OGR_F_Destroy (row);

  for (guint i = 0; ok && i < entries->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (entries, i);

      row = OGR_F_Create (OGR_L_GetLayerDefn (t));
      OGR_F_SetFieldString (row, 0, e->path);
      if (e->layer != NULL)
        OGR_F_SetFieldString (row, 1, e->layer);
      OGR_F_SetFieldString (row, 2, e->table);
      OGR_F_SetFieldString (row, 3, shape_names[e->shape]);
      ok = OGR_L_CreateFeature (t, row) == OGRERR_NONE;
      OGR_F_Destroy (row);
    }

  return ok && OGR_L_SyncToDisk (m) == OGRERR_NONE && OGR_L_SyncToDisk (t) == OGRERR_NONE;
}

static gboolean
write_tables (GDALDatasetH target,
              const char  *package,
              const char  *schema,
              const char  *manifest,
              GPtrArray   *entries,
              const char  *label,
              GError     **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (entries, i);
      gboolean ok;

      CPLErrorReset ();
      ok = e->shape == SHAPE_VALUES ? copy_values_to (target, package, e, schema)
                                    : copy_layer_to (target, package, e, schema);
      if (!ok)
        {
          set_write_error (error, label, e->path, NULL);
          return FALSE;
        }
    }

  if (write_index_tables (target, schema, manifest, entries))
    return TRUE;
  set_write_error (error, label, MANIFEST, NULL);
  return FALSE;
}

static gboolean
schema_exists (GDALDatasetH ds,
               const char  *schema)
{
  g_autofree char *sql = g_strdup_printf ("SELECT nspname FROM pg_namespace WHERE nspname = '%s'", schema);
  OGRLayerH result = run_sql (ds, sql, NULL);
  gboolean exists = FALSE;

  if (result != NULL)
    {
      exists = OGR_L_GetFeatureCount (result, TRUE) > 0;
      GDALDatasetReleaseResultSet (ds, result);
    }
  return exists;
}

static char *
read_text_file (const char *package,
                const char *name,
                GError    **error)
{
  g_autofree char *path = g_build_filename (package, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return text;
}

/* The schema under a temporary name, renamed when whole; dropped (it is
 * ours) when anything fails. */
static gboolean
write_schema (const char *package,
              const char *conninfo,
              const char *schema,
              const char *label,
              const char *manifest,
              GPtrArray  *entries,
              GError    **error)
{
  g_autofree char *temporary = g_strdup_printf ("platsatlas_tmp_%08x", g_random_int ());
  g_autofree char *create = g_strdup_printf ("CREATE SCHEMA \"%s\"", temporary);
  g_autofree char *drop = g_strdup_printf ("DROP SCHEMA \"%s\" CASCADE", temporary);
  g_autofree char *rename = g_strdup_printf ("ALTER SCHEMA \"%s\" RENAME TO \"%s\"", temporary, schema);
  GDALDatasetH ds = connect_pg (conninfo, label, NULL, NULL, TRUE, error);
  PgMessage m = { NULL };
  gboolean ok;

  if (ds == NULL)
    return FALSE;
  if (schema_exists (ds, schema))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID,
                   _("The schema “%s” already exists in %s; expected a new schema name (Platsatlas never replaces a schema)"),
                   schema, label);
      GDALClose (ds);
      return FALSE;
    }
  ok = run_command (ds, create, _("create a schema"), error);
  CPLPushErrorHandlerEx (collect_message, &m);
  ok = ok && write_tables (ds, package, temporary, manifest, entries, label, error);
  CPLPopErrorHandler ();
  g_free (m.text);
  GDALClose (ds);

  /* A new connection: GDAL ends its COPY streams as it closes. */
  if ((ds = connect_pg (conninfo, label, NULL, NULL, TRUE, ok ? error : NULL)) == NULL)
    return FALSE;
  ok = ok && run_command (ds, rename, _("rename the new schema"), error);
  if (!ok)
    run_command (ds, drop, "drop", NULL);
  GDALClose (ds);
  return ok;
}

/**
 * atlas_postgis_write_package:
 * @package: a package directory
 * @connection: a pg_service.conf service name or libpq keywords
 * @schema: the new schema
 * @error: return location for a #GError
 *
 * Checks the package as atlas_dataset_load() does, then writes it into a
 * new schema: the manifest verbatim, geometry and areas tables as the
 * files hold them, values one table per year.
 */
gboolean
atlas_postgis_write_package (const char *package,
                             const char *connection,
                             const char *schema,
                             GError    **error)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *label = NULL;
  g_autofree char *manifest = NULL;

  g_return_val_if_fail (package != NULL && connection != NULL && schema != NULL, FALSE);

  if (!g_file_test (package, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_FOUND,
                   _("“%s” is not a folder; expected a package directory (unpack a .zip first)"), package);
      return FALSE;
    }
  if (!check_schema (schema, error) || (conninfo = conninfo_for (connection, error)) == NULL)
    return FALSE;
  if ((dataset = atlas_dataset_load (package, NULL, error)) == NULL ||
      (manifest = read_text_file (package, MANIFEST, error)) == NULL)
    return FALSE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, manifest, -1, error))
    return FALSE;
  entries = entries_of_manifest (json_node_get_object (json_parser_get_root (parser)));
  label = atlas_postgis_describe (connection, schema);

  return write_schema (package, conninfo, schema, label, manifest, entries, error);
}

/* ---- reading a schema back into a directory -------------------------------- */

static const char *
driver_for_path (const char *path)
{
  if (g_str_has_suffix (path, ".gpkg"))
    return "GPKG";
  if (g_str_has_suffix (path, ".geojson") || g_str_has_suffix (path, ".json"))
    return "GeoJSON";
  if (g_str_has_suffix (path, ".shp"))
    return "ESRI Shapefile";
  if (g_str_has_suffix (path, ".fgb"))
    return "FlatGeobuf";
  return NULL;
}

static char *
stem_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  return dot != NULL ? g_strndup (base, dot - base) : g_strdup (base);
}

/* A geometry table into the file the manifest names, in the format its
 * name says; several layers may share a GeoPackage. */
static gboolean
write_geometry_file (GDALDatasetH      source,
                     AtlasPgPackage   *pg,
                     const TableEntry *e,
                     const char       *directory)
{
  g_autofree char *path = g_build_filename (directory, e->path, NULL);
  g_autofree char *stem = stem_of (e->path);
  const char *driver_name = driver_for_path (e->path);
  GDALDriverH driver = driver_name != NULL ? GDALGetDriverByName (driver_name) : NULL;
  GDALDatasetH target = NULL;
  OGRLayerH layer = NULL;
  OGRLayerH copy = NULL;

  if (driver == NULL || (layer = open_ordered (source, e, "")) == NULL)
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    target = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  else
    target = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  if (target != NULL)
    {
      copy = GDALDatasetCopyLayer (target, layer, e->layer != NULL ? e->layer : stem, NULL);
      GDALClose (target);
    }
  GDALDatasetReleaseResultSet (source, layer);
  return copy != NULL;
}

static gboolean
write_csv_file (GDALDatasetH      source,
                AtlasPgPackage   *pg,
                const TableEntry *e,
                const char       *directory,
                GError          **error)
{
  g_autofree char *path = g_build_filename (directory, e->path, NULL);
  g_autoptr(GString) csv = g_string_new (NULL);

  return table_as_csv (pg, source, e, csv, NULL, error) &&
         g_file_set_contents (path, csv->str, csv->len, error);
}

static gboolean
write_entries (AtlasPgPackage *pg,
               const char     *directory,
               GError        **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < pg->entries->len; i++)
    {
      const TableEntry *e = g_ptr_array_index (pg->entries, i);
      g_autofree char *path = g_build_filename (directory, e->path, NULL);
      g_autofree char *folder = g_path_get_dirname (path);

      ok = g_str_has_prefix (path, directory) && !strstr (e->path, "..") && !g_path_is_absolute (e->path) &&
           g_mkdir_with_parents (folder, 0755) == 0;
      if (ok && e->shape == SHAPE_GEOMETRY)
        ok = write_geometry_file (pg->ds, pg, e, directory);
      else if (ok)
        ok = write_csv_file (pg->ds, pg, e, directory, error);
      if (!ok && (error == NULL || *error == NULL))
        set_write_error (error, directory, e->path, NULL);
    }

  return ok;
}

static gboolean
check_output (const char *output,
              GError    **error)
{
  g_autoptr(GDir) dir = NULL;

  if (!g_file_test (output, G_FILE_TEST_EXISTS))
    return TRUE;
  dir = g_dir_open (output, 0, NULL);
  if (dir != NULL && g_dir_read_name (dir) == NULL)
    return TRUE;

  g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID,
               _("“%s” exists and is not an empty folder; expected a new folder for the package"), output);
  return FALSE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * atlas_postgis_read_package:
 * @connection: a pg_service.conf service name or libpq keywords
 * @schema: the package's schema
 * @output: the package directory to create
 * @error: return location for a #GError
 *
 * Writes the package a schema holds as files: the manifest verbatim, each
 * geometry table into the file and layer the manifest names, areas and
 * values tables as CSV. The folder appears whole or not at all.
 */
gboolean
atlas_postgis_read_package (const char *connection,
                            const char *schema,
                            const char *output,
                            GError    **error)
{
  g_autoptr(AtlasPgPackage) pg = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *manifest = NULL;
  gboolean ok;

  g_return_val_if_fail (connection != NULL && schema != NULL && output != NULL, FALSE);

  if (!check_output (output, error) ||
      (pg = pg_package_open (connection, schema, NULL, NULL, FALSE, NULL, error)) == NULL)
    return FALSE;

  absolute = g_canonicalize_filename (output, NULL);
  parent = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  temporary = g_build_filename (parent, ".platsatlas-XXXXXX", NULL);
  if (g_mkdir_with_parents (parent, 0755) != 0 || g_mkdtemp (temporary) == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create a folder beside “%s”: %s"), output, g_strerror (errno));
      return FALSE;
    }

  manifest = g_build_filename (temporary, MANIFEST, NULL);
  ok = g_file_set_contents (manifest, pg->manifest, -1, error) && write_entries (pg, temporary, error);
  /* g_mkdtemp() makes a private folder; the package is an ordinary one.
   * rename() replaces an empty folder of that name atomically. */
  if (ok)
    g_chmod (temporary, 0755);
  if (ok && g_rename (temporary, absolute) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot rename the new package to “%s”: %s"), output, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    remove_tree (temporary);
  return ok;
}
