/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <cpl_error.h>

#include "atlas-dataset.h"
#include "atlas-error.h"
#include "atlas-import-private.h"
#include "atlas-importer.h"

/**
 * AtlasImporter:
 *
 * Turns the files users have (SCB's PxWeb JSON, JSON-stat, Statistikdatabasen
 * CSV and XLSX, geometry OGR reads) into a package. First the files are
 * inspected: each is recognised by content and a plan is made (levels,
 * areas, indicators with units and rules) that choices may adjust
 * (dimension values, splits, shares, names); then the package is written
 * and validated, and a report says what matched and what was changed. A
 * recipe records every choice so that next year's files give the same
 * package in one command. The CLI's `pack` and the app's assistant both
 * use it; the _async forms run on a worker thread, and the importer must
 * not be changed meanwhile.
 */

struct _AtlasImporter
{
  GObject    parent_instance;
  ImportJob *job;
  gboolean   inspected;
  double     fraction;
};

enum
{
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (atlas-import-error-quark, atlas_import_error)
G_DEFINE_FINAL_TYPE (AtlasImporter, atlas_importer, G_TYPE_OBJECT)

static void
atlas_importer_finalize (GObject *object)
{
  AtlasImporter *self = ATLAS_IMPORTER (object);

  atlas_import_job_free (self->job);
  G_OBJECT_CLASS (atlas_importer_parent_class)->finalize (object);
}

static void
atlas_importer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasImporter *self = ATLAS_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_importer_class_init (AtlasImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_importer_finalize;
  object_class->get_property = atlas_importer_get_property;

  /**
   * AtlasImporter:fraction:
   *
   * How far the running inspection or write has come, 0–1; notified on
   * the thread that started it.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_importer_init (AtlasImporter *self)
{
  self->job = atlas_import_job_new ();
}

AtlasImporter *
atlas_importer_new (void)
{
  return g_object_new (ATLAS_TYPE_IMPORTER, NULL);
}

static void
set_fraction (AtlasImporter *self,
              double         fraction)
{
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

double
atlas_importer_get_fraction (AtlasImporter *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), 0);

  return self->fraction;
}

/* ---- choices ---------------------------------------------------------------- */

void
atlas_importer_add_file (AtlasImporter *self,
                         GFile         *file)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (self->job->files, g_file_get_path (file));
  self->inspected = FALSE;
}

void
atlas_importer_set_id (AtlasImporter *self,
                       const char    *id)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_free (self->job->id);
  self->job->id = g_strdup (id);
}

void
atlas_importer_set_title (AtlasImporter *self,
                          const char    *title)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_free (self->job->title);
  self->job->title = g_strdup (title);
}

/**
 * atlas_importer_set_crs:
 * @self: an importer
 * @epsg: the EPSG code for geometry files that name no CRS, or 0
 */
void
atlas_importer_set_crs (AtlasImporter *self,
                        guint          epsg)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  self->job->crs = epsg;
  self->inspected = FALSE;
}

static gboolean
split_pair (const char  *text,
            const char  *option,
            const char  *expected,
            char       **name,
            char       **value,
            GError     **error)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL || equals == text || equals[1] == '\0')
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                   _("%s %s: expected %s"), option, text, expected);
      return FALSE;
    }
  *name = g_strndup (text, equals - text);
  *value = g_strdup (equals + 1);
  return TRUE;
}

/**
 * atlas_importer_select:
 * @self: an importer
 * @choice: "DIMENSION=VALUE", such as "Alder=20-24" or "kön=män"
 * @error: return location for an error
 *
 * Keeps @VALUE of a dimension instead of its total.
 */
gboolean
atlas_importer_select (AtlasImporter  *self,
                       const char     *choice,
                       GError        **error)
{
  char *name, *value;

  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  if (!split_pair (choice, "--select", _("DIMENSION=VALUE"), &name, &value, error))
    return FALSE;
  g_hash_table_replace (self->job->selections, name, value);
  self->inspected = FALSE;
  return TRUE;
}

/**
 * atlas_importer_split:
 * @self: an importer
 * @dimension: a dimension's code or label, such as "Kon" or "födelseregion"
 *
 * Makes one indicator of each of the dimension's values.
 */
void
atlas_importer_split (AtlasImporter *self,
                      const char    *dimension)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_hash_table_add (self->job->splits, g_strdup (dimension));
  self->inspected = FALSE;
}

/**
 * atlas_importer_add_share:
 * @self: an importer
 * @share: "NEW_ID=COUNT_ID/TOTAL_ID"
 * @error: return location for an error
 *
 * Adds a percentage indicator, 100 × count / total, weighted by the total.
 */
gboolean
atlas_importer_add_share (AtlasImporter  *self,
                          const char     *share,
                          GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  if (strchr (share, '=') == NULL || strchr (share, '/') == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                   _("--share %s: expected NEW_ID=COUNT_ID/TOTAL_ID"), share);
      return FALSE;
    }
  g_ptr_array_add (self->job->shares, g_strdup (share));
  self->inspected = FALSE;
  return TRUE;
}

static gboolean
add_derived (AtlasImporter  *self,
             GPtrArray      *list,
             const char     *spec,
             const char     *option,
             const char     *expected,
             GError        **error)
{
  const char *eq = strchr (spec, '=');

  if (eq == NULL || eq == spec || eq[1] == '\0')
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_OPTION,
                   _("%s %s: expected %s"), option, spec, expected);
      return FALSE;
    }
  g_ptr_array_add (list, g_strdup (spec));
  self->inspected = FALSE;
  return TRUE;
}

/**
 * atlas_importer_add_sum:
 * @self: an importer
 * @sum: "NEW_ID=ID1+ID2-ID3…": counts added (or subtracted)
 * @error: return location for an error
 *
 * Adds a count that is the sum of other counts of the plan, such as
 * people 0–19 from SCB's age groups; an area and year get a value only
 * when every part has one. Aggregated by sum.
 */
gboolean
atlas_importer_add_sum (AtlasImporter  *self,
                        const char     *sum,
                        GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  return add_derived (self, self->job->sums, sum, "--sum", _("NEW_ID=ID1+ID2-ID3…"), error);
}

/**
 * atlas_importer_add_merge:
 * @self: an importer
 * @merge: "NEW_ID=ID1,ID2…": the same quantity from several tables
 * @error: return location for an error
 *
 * Adds one indicator from several of the plan (a DeSO table and a RegSO
 * table of the same count, or one table per year): for each area and
 * year the first part with a value gives it. Unit and aggregation are
 * the first part's.
 */
gboolean
atlas_importer_add_merge (AtlasImporter  *self,
                          const char     *merge,
                          GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  return add_derived (self, self->job->merges, merge, "--merge", _("NEW_ID=ID1,ID2…"), error);
}

/**
 * atlas_importer_drop:
 * @self: an importer
 * @id: an indicator of the plan
 *
 * Leaves the indicator out of the package; sums, merges and shares may
 * still be computed from it.
 */
void
atlas_importer_drop (AtlasImporter *self,
                     const char    *id)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_hash_table_add (self->job->drops, g_strdup (id));
  self->inspected = FALSE;
}

/**
 * atlas_importer_dissolve:
 * @self: an importer
 * @level: a level id: "regso", "kommun"…
 *
 * Gives the level borders unioned from the level below it (RegSO from
 * DeSO polygons with SCB's key), for a level without geometry files.
 */
void
atlas_importer_dissolve (AtlasImporter *self,
                         const char    *level)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_hash_table_add (self->job->dissolves, g_strdup (level));
  self->inspected = FALSE;
}

/**
 * atlas_importer_draw_within:
 * @self: an importer
 * @code: a län or kommun code ("01", "0380")
 *
 * Draws only the areas under @code (and under the other codes given);
 * areas elsewhere keep their values but no geometry. For geometry files
 * that reach into neighbouring län.
 */
void
atlas_importer_draw_within (AtlasImporter *self,
                            const char    *code)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_ptr_array_add (self->job->draw_within, g_strdup (code));
  self->inspected = FALSE;
}

/**
 * atlas_importer_set_simplify:
 * @self: an importer
 * @metres: tolerance, 0 for none
 *
 * Simplifies every border by @metres (keeping each polygon's topology),
 * so that a package of full-resolution borders stays small.
 */
void
atlas_importer_set_simplify (AtlasImporter *self,
                             double         metres)
{
  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  self->job->simplify = MAX (metres, 0);
  self->inspected = FALSE;
}

/**
 * atlas_importer_rename:
 * @self: an importer
 * @rename: "ID=NAME": the name an indicator gets
 * @error: return location for an error
 */
gboolean
atlas_importer_rename (AtlasImporter  *self,
                       const char     *rename,
                       GError        **error)
{
  char *id, *name;

  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  if (!split_pair (rename, "--name", _("ID=NAME"), &id, &name, error))
    return FALSE;
  g_hash_table_replace (self->job->renames, id, name);
  self->inspected = FALSE;
  return TRUE;
}

/* ---- inspecting and writing --------------------------------------------------- */

typedef struct
{
  AtlasImporter *self;
  double         fraction;
} Progress;

static gboolean
deliver_progress (gpointer data)
{
  Progress *progress = data;

  set_fraction (progress->self, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

/* From a worker, the fraction is set on the context of the caller. */
static void
report_progress (AtlasImporter *self,
                 GTask         *task,
                 double         fraction)
{
  Progress *progress;

  if (task == NULL)
    {
      set_fraction (self, fraction);
      return;
    }
  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (self);
  progress->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              deliver_progress, progress, progress_free);
}

static gboolean
inspect (AtlasImporter  *self,
         GTask          *task,
         GCancellable   *cancellable,
         GError        **error)
{
  report_progress (self, task, 0);
  /* GDAL's messages never reach stderr: what matters becomes an error or
   * a note of the report. The handler stack is per thread. */
  CPLPushErrorHandler (CPLQuietErrorHandler);
  self->inspected = atlas_import_plan (self->job, cancellable, error);
  CPLPopErrorHandler ();
  report_progress (self, task, self->inspected ? 0.5 : 0);
  return self->inspected;
}

/**
 * atlas_importer_inspect:
 * @self: an importer
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Reads and recognises every file and makes the plan
 * (atlas_importer_get_plan()). Blocks; see atlas_importer_inspect_async().
 *
 * Returns: %TRUE when every file was recognised
 */
gboolean
atlas_importer_inspect (AtlasImporter  *self,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  return inspect (self, NULL, cancellable, error);
}

static void
run_inspect (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (inspect (source, task, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
atlas_importer_inspect_async (AtlasImporter       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (ATLAS_IS_IMPORTER (self));

  g_task_set_source_tag (task, atlas_importer_inspect_async);
  g_task_run_in_thread (task, run_inspect);
}

gboolean
atlas_importer_inspect_finish (AtlasImporter  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
write_package (AtlasImporter  *self,
               GTask          *task,
               const char     *path,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  gboolean written;

  if (!self->inspected && !inspect (self, task, cancellable, error))
    return FALSE;
  CPLPushErrorHandler (CPLQuietErrorHandler);
  written = atlas_import_write_package (self->job, path, cancellable, error);
  CPLPopErrorHandler ();
  if (!written)
    return FALSE;
  report_progress (self, task, 0.9);
  problems = atlas_dataset_validate (path, cancellable);
  g_clear_pointer (&self->job->report, json_node_unref);
  self->job->report = atlas_import_build_report (self->job, path, problems);
  report_progress (self, task, 1);
  return TRUE;
}

/**
 * atlas_importer_write:
 * @self: an importer
 * @output: the package folder to create (it must not exist, or be empty)
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Inspects the files if that has not been done, writes the package and
 * validates it; atlas_importer_get_report() then says what happened.
 *
 * Returns: %TRUE when the package was written (it may still have
 *   problems: see the report's "validation")
 */
gboolean
atlas_importer_write (AtlasImporter  *self,
                      GFile          *output,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);

  path = g_file_get_path (output);
  return write_package (self, NULL, path, cancellable, error);
}

static void
run_write (GTask        *task,
           gpointer      source,
           gpointer      data,
           GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_package (source, task, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
atlas_importer_write_async (AtlasImporter       *self,
                            GFile               *output,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (ATLAS_IS_IMPORTER (self));
  g_return_if_fail (G_IS_FILE (output));

  g_task_set_source_tag (task, atlas_importer_write_async);
  g_task_set_task_data (task, g_file_get_path (output), g_free);
  g_task_run_in_thread (task, run_write);
}

gboolean
atlas_importer_write_finish (AtlasImporter  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- what happened ------------------------------------------------------------- */

/**
 * atlas_importer_get_plan:
 * @self: an inspected importer
 *
 * Returns: (transfer full) (nullable): the plan as JSON: "inputs" (each
 *   file, what it was recognised as, its dimensions with their values and
 *   totals), "levels" (id, version, parent, areas, drawn) and
 *   "indicators" (id, name, unit, rule, weight, source), or %NULL before
 *   atlas_importer_inspect()
 */
JsonNode *
atlas_importer_get_plan (AtlasImporter *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), NULL);

  return self->inspected ? atlas_import_build_plan (self->job) : NULL;
}

/**
 * atlas_importer_get_report:
 * @self: an importer after atlas_importer_write()
 *
 * Returns: (transfer full) (nullable): the report as JSON
 */
JsonNode *
atlas_importer_get_report (AtlasImporter *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), NULL);

  return self->job->report != NULL ? json_node_copy (self->job->report) : NULL;
}

/**
 * atlas_importer_format_report:
 * @self: an importer after atlas_importer_write()
 *
 * Returns: (transfer full): the report as text, for people
 */
char *
atlas_importer_format_report (AtlasImporter *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), NULL);

  return self->job->report != NULL ? atlas_import_format_report (self->job->report) : g_strdup ("");
}

/**
 * atlas_importer_get_recipe:
 * @self: an inspected importer
 * @relative_to: (nullable): the folder file names are made relative to
 *
 * Returns: (transfer full): every choice as a recipe (docs/importing.md)
 */
JsonNode *
atlas_importer_get_recipe (AtlasImporter *self,
                           GFile         *relative_to)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), NULL);

  return atlas_import_build_recipe (self->job, relative_to);
}

gboolean
atlas_importer_save_recipe (AtlasImporter  *self,
                            GFile          *recipe,
                            GError        **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (recipe);
  g_autoptr(JsonNode) root = atlas_importer_get_recipe (self, parent);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_file_replace_contents (recipe, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

/**
 * atlas_importer_load_recipe:
 * @self: an importer
 * @recipe: a recipe written by atlas_importer_save_recipe()
 * @with_files: whether to add the recipe's files too (not when the
 *   command line names new ones)
 * @error: return location for an error
 */
gboolean
atlas_importer_load_recipe (AtlasImporter  *self,
                            GFile          *recipe,
                            gboolean        with_files,
                            GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), FALSE);

  self->inspected = FALSE;
  return atlas_import_load_recipe (self->job, recipe, with_files, error);
}

/* ---- preview ---------------------------------------------------------------- */

static AtlasDataset *
preview (AtlasImporter  *self,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  AtlasDataset *dataset = NULL;
  gboolean written;

  folder = g_dir_make_tmp ("platsatlas-preview-XXXXXX", error);
  if (folder == NULL)
    return NULL;
  path = g_build_filename (folder, "package", NULL);
  CPLPushErrorHandler (CPLQuietErrorHandler);
  written = atlas_import_write_package (self->job, path, cancellable, error);
  CPLPopErrorHandler ();
  /* Everything is in memory once loaded: the folder can go at once. */
  if (written)
    {
      dataset = atlas_dataset_load (path, cancellable, error);
      atlas_import_remove_package (path);
    }
  g_rmdir (folder);
  return dataset;
}

/**
 * atlas_importer_preview:
 * @self: an inspected importer
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Writes the package as planned into a temporary folder, loads it and
 * removes the folder: what the assistant shows before the user picks
 * where the package goes. Geometry is read once, as by
 * atlas_importer_write(); notes it adds (CRS, islands) appear in the
 * plan's "changes". Blocks; see atlas_importer_preview_async().
 *
 * Returns: (transfer full) (nullable): the package as a dataset
 */
AtlasDataset *
atlas_importer_preview (AtlasImporter  *self,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_return_val_if_fail (ATLAS_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (self->inspected, NULL);

  return preview (self, cancellable, error);
}

static void
run_preview (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  AtlasDataset *dataset = preview (source, cancellable, &error);

  if (dataset != NULL)
    g_task_return_pointer (task, dataset, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
atlas_importer_preview_async (AtlasImporter       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (ATLAS_IS_IMPORTER (self));
  g_return_if_fail (self->inspected);

  g_task_set_source_tag (task, atlas_importer_preview_async);
  g_task_run_in_thread (task, run_preview);
}

AtlasDataset *
atlas_importer_preview_finish (AtlasImporter  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
