/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "atlas-dataset.h"
#include "atlas-dataset-private.h"

/* How many problems an error message lists before "… and N more". */
#define MAX_LISTED_PROBLEMS 5

struct _AtlasDataset
{
  GObject       parent_instance;

  AtlasPackage *pkg;
  GListStore   *divisions;
  GListStore   *themes;
  GListStore   *indicators;
  GHashTable   *indicator_index; /* AtlasIndicator → index + 1 */
};

G_DEFINE_FINAL_TYPE (AtlasDataset, atlas_dataset, G_TYPE_OBJECT)

static void
atlas_dataset_finalize (GObject *object)
{
  AtlasDataset *self = ATLAS_DATASET (object);

  g_clear_object (&self->divisions);
  g_clear_object (&self->themes);
  g_clear_object (&self->indicators);
  g_clear_pointer (&self->indicator_index, g_hash_table_unref);
  g_clear_pointer (&self->pkg, atlas_package_free);

  G_OBJECT_CLASS (atlas_dataset_parent_class)->finalize (object);
}

static void
atlas_dataset_class_init (AtlasDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_dataset_finalize;
}

static void
atlas_dataset_init (AtlasDataset *self)
{
  self->divisions = g_list_store_new (ATLAS_TYPE_DIVISION);
  self->themes = g_list_store_new (ATLAS_TYPE_THEME);
  self->indicators = g_list_store_new (ATLAS_TYPE_INDICATOR);
  self->indicator_index = g_hash_table_new (NULL, NULL);
}

AtlasDataset *
atlas_dataset_new_for_package (AtlasPackage *pkg)
{
  AtlasDataset *self = g_object_new (ATLAS_TYPE_DATASET, NULL);

  self->pkg = pkg;
  g_list_store_splice (self->divisions, 0, 0, pkg->divisions->pdata, pkg->divisions->len);
  g_list_store_splice (self->themes, 0, 0, pkg->themes->pdata, pkg->themes->len);
  g_list_store_splice (self->indicators, 0, 0, pkg->indicators->pdata, pkg->indicators->len);
  for (guint i = 0; i < pkg->indicators->len; i++)
    g_hash_table_insert (self->indicator_index, g_ptr_array_index (pkg->indicators, i),
                         GUINT_TO_POINTER (i + 1));

  return self;
}

/* The code of the one class all problems share, else INVALID. */
static AtlasDatasetError
error_code_for (guint classes)
{
  for (guint code = 0; code <= ATLAS_DATASET_ERROR_NO_DATA; code++)
    if (classes == 1u << code)
      return code;

  return ATLAS_DATASET_ERROR_INVALID;
}

static char *
describe_problems (const char *path,
                   GPtrArray  *problems)
{
  GString *message = g_string_new (NULL);
  gboolean capped = problems->len > ATLAS_LIMIT_PROBLEMS;
  guint kept = capped ? problems->len - 1 : problems->len;
  guint listed = MIN (kept, MAX_LISTED_PROBLEMS);

  if (problems->len == 1)
    {
      g_free (g_string_free (message, TRUE));
      return atlas_problem_to_string (g_ptr_array_index (problems, 0));
    }

  /* Beyond the limit the last problem only counts the rest. */
  if (capped)
    g_string_append_printf (message, _("The dataset package “%s” has more than %u problems:"),
                            path, (guint) ATLAS_LIMIT_PROBLEMS);
  else
    g_string_append_printf (message, _("The dataset package “%s” has %u problems:"), path, problems->len);
  for (guint i = 0; i < listed; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));
      g_string_append_printf (message, "\n%s", line);
    }
  if (kept > listed)
    {
      g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                           "… and %u more problems", kept - listed),
                              kept - listed);
    }
  if (capped)
    g_string_append_printf (message, "\n%s",
                            ((AtlasProblem *) g_ptr_array_index (problems, kept))->message);

  return g_string_free (message, FALSE);
}

void
atlas_dataset_set_problems_error (GError    **error,
                                  const char *path,
                                  GPtrArray  *problems,
                                  guint       classes)
{
  g_autofree char *message = describe_problems (path, problems);

  g_set_error_literal (error, ATLAS_DATASET_ERROR, error_code_for (classes), message);
}

/**
 * atlas_dataset_load:
 * @path: a package directory or a .zip of one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and checks the whole package; may block for a while, so the app
 * uses atlas_dataset_load_async(). A package with any problem never
 * half-loads. The error code is %ATLAS_DATASET_ERROR_NOT_FOUND,
 * %ATLAS_DATASET_ERROR_MANIFEST, %ATLAS_DATASET_ERROR_GEOMETRY or
 * %ATLAS_DATASET_ERROR_VALUES when all problems are of that one kind, else
 * %ATLAS_DATASET_ERROR_INVALID; the message is the problem itself when
 * there is one, else a list of the first five and how many more there are.
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL
 */
AtlasDataset *
atlas_dataset_load (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  AtlasPackage *pkg;
  guint classes = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  pkg = atlas_package_load (path, cancellable, problems, &classes, error);
  if (pkg == NULL)
    {
      if (problems->len > 0 && (error == NULL || *error == NULL))
        atlas_dataset_set_problems_error (error, path, problems, classes);
      return NULL;
    }

  return atlas_dataset_new_for_package (pkg);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  AtlasDataset *dataset = atlas_dataset_load (task_data, cancellable, &error);

  if (dataset != NULL)
    g_task_return_pointer (task, dataset, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * atlas_dataset_load_async:
 * @path: a package directory or a .zip of one
 * @cancellable: (nullable): a #GCancellable, checked between phases
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Loads a package in a worker thread.
 */
void
atlas_dataset_load_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * atlas_dataset_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL
 */
AtlasDataset *
atlas_dataset_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_dataset_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * atlas_dataset_validate:
 * @path: a package directory or a .zip of one
 * @cancellable: (nullable): a #GCancellable
 *
 * Returns: (transfer full) (element-type AtlasProblem): every problem of
 *   the package; empty when it is valid; when cancelled, those found so far
 */
GPtrArray *
atlas_dataset_validate (const char   *path,
                        GCancellable *cancellable)
{
  GPtrArray *problems;
  AtlasPackage *pkg;
  guint classes = 0;

  g_return_val_if_fail (path != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  pkg = atlas_package_load (path, cancellable, problems, &classes, NULL);
  atlas_package_free (pkg);

  return problems;
}

/**
 * atlas_dataset_get_notes:
 *
 * Returns: (transfer none) (element-type AtlasProblem): notes about how
 *   the package was read, such as names converted to UTF-8; often empty
 */
GPtrArray *
atlas_dataset_get_notes (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->notes;
}

const char *
atlas_dataset_get_path (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->path;
}

const char *
atlas_dataset_get_id (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->id;
}

const char *
atlas_dataset_get_title (AtlasDataset *self,
                         const char   *lang)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return atlas_text_get (&self->pkg->title, lang);
}

/**
 * atlas_dataset_get_description:
 * @self: a dataset
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Returns: (nullable): the description, or %NULL when the package has none
 */
const char *
atlas_dataset_get_description (AtlasDataset *self,
                               const char   *lang)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return atlas_text_get (&self->pkg->description, lang);
}

const char *
atlas_dataset_get_version (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->version;
}

const char *
atlas_dataset_get_publisher (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->publisher;
}

const char *
atlas_dataset_get_licence (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->licence;
}

const char *
atlas_dataset_get_date (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->pkg->date;
}

guint
atlas_dataset_get_n_sources (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), 0);

  return self->pkg->sources->len;
}

/**
 * atlas_dataset_get_source:
 * @self: a dataset
 * @index: which source, in manifest order
 *
 * Returns: (transfer none): the source
 */
const AtlasSource *
atlas_dataset_get_source (AtlasDataset *self,
                          guint         index)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->pkg->sources->len, NULL);

  return &g_array_index (self->pkg->sources, AtlasSource, index);
}

/* Demonstration data: the one rule.
 *
 * A value is demonstration data when its indicator is marked
 * "demonstration" in the manifest, or when it is derived as a weighted
 * mean whose weights are demonstration data (real shares averaged with
 * synthetic populations are not real statistics either). A missing value
 * is no value at all, so it is never demonstration data. Every output
 * (map, legend, figures, comparison, trend chart, exports, the CLI) asks
 * these functions rather than the manifest flag. */

static gboolean
weight_is_demonstration (AtlasDataset   *self,
                         AtlasIndicator *indicator,
                         guint           depth)
{
  AtlasIndicator *weight;

  if (atlas_indicator_get_aggregation (indicator) != ATLAS_AGGREGATION_WEIGHTED_MEAN)
    return FALSE;
  weight = atlas_dataset_lookup_indicator (self, atlas_indicator_get_weight_id (indicator));
  /* Weights of weights are bounded: a package cannot loop forever. */
  if (weight == NULL || weight == indicator || depth > 8)
    return FALSE;

  return atlas_indicator_is_demonstration (weight)
         || weight_is_demonstration (self, weight, depth + 1);
}

/**
 * atlas_dataset_value_is_demonstration:
 * @self: a dataset
 * @indicator: one of its indicators
 * @source: how the value came about (atlas_dataset_get_value())
 *
 * The rule that decides, for every output, whether a value is
 * demonstration data and must be marked as such (see above).
 *
 * Returns: whether a value of @indicator with this @source is
 *   demonstration data
 */
gboolean
atlas_dataset_value_is_demonstration (AtlasDataset     *self,
                                      AtlasIndicator   *indicator,
                                      AtlasValueSource  source)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), FALSE);

  if (source == ATLAS_VALUE_MISSING)
    return FALSE;
  if (atlas_indicator_is_demonstration (indicator))
    return TRUE;

  return source == ATLAS_VALUE_DERIVED && weight_is_demonstration (self, indicator, 0);
}

/**
 * atlas_dataset_indicator_is_demonstration:
 * @self: a dataset
 * @indicator: one of its indicators
 *
 * For outputs that show an indicator as a whole (a map and its legend, a
 * figure, a trend chart): whether any of its values, stored or derived, may
 * be demonstration data by atlas_dataset_value_is_demonstration().
 *
 * Returns: whether the output must carry the demonstration mark
 */
gboolean
atlas_dataset_indicator_is_demonstration (AtlasDataset   *self,
                                          AtlasIndicator *indicator)
{
  return atlas_dataset_value_is_demonstration (self, indicator, ATLAS_VALUE_DERIVED);
}

gboolean
atlas_dataset_has_demonstration (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  for (guint i = 0; i < self->pkg->indicators->len; i++)
    if (atlas_dataset_indicator_is_demonstration (self, g_ptr_array_index (self->pkg->indicators, i)))
      return TRUE;

  return FALSE;
}

/**
 * atlas_dataset_get_divisions:
 * @self: a dataset
 *
 * Returns: (transfer none): the #AtlasDivision levels, riket first
 */
GListModel *
atlas_dataset_get_divisions (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->divisions);
}

/**
 * atlas_dataset_lookup_division:
 * @self: a dataset
 * @id: a division id ("riket", "kommun", …)
 *
 * Returns: (transfer none) (nullable): the division
 */
AtlasDivision *
atlas_dataset_lookup_division (AtlasDataset *self,
                               const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->pkg->divisions->len; i++)
    {
      AtlasDivision *division = g_ptr_array_index (self->pkg->divisions, i);

      if (g_str_equal (atlas_division_get_id (division), id))
        return division;
    }

  return NULL;
}

/**
 * atlas_dataset_lookup_area:
 * @self: a dataset
 * @code: an area code at any level
 *
 * Returns: (transfer none) (nullable): the area
 */
AtlasArea *
atlas_dataset_lookup_area (AtlasDataset *self,
                           const char   *code)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->pkg->areas_by_code, code);
}

/**
 * atlas_dataset_get_themes:
 * @self: a dataset
 *
 * Returns: (transfer none): the #AtlasTheme list in manifest order
 */
GListModel *
atlas_dataset_get_themes (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->themes);
}

/**
 * atlas_dataset_get_indicators:
 * @self: a dataset
 *
 * Returns: (transfer none): the #AtlasIndicator list in manifest order
 */
GListModel *
atlas_dataset_get_indicators (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->indicators);
}

/**
 * atlas_dataset_lookup_indicator:
 * @self: a dataset
 * @id: an indicator id
 *
 * Returns: (transfer none) (nullable): the indicator
 */
AtlasIndicator *
atlas_dataset_lookup_indicator (AtlasDataset *self,
                                const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->pkg->indicators->len; i++)
    {
      AtlasIndicator *indicator = g_ptr_array_index (self->pkg->indicators, i);

      if (g_str_equal (atlas_indicator_get_id (indicator), id))
        return indicator;
    }

  return NULL;
}

/**
 * atlas_dataset_lookup_theme:
 * @self: a dataset
 * @id: a theme id
 *
 * Returns: (transfer none) (nullable): the theme
 */
AtlasTheme *
atlas_dataset_lookup_theme (AtlasDataset *self,
                            const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->pkg->themes->len; i++)
    {
      AtlasTheme *theme = g_ptr_array_index (self->pkg->themes, i);

      if (g_str_equal (atlas_theme_get_id (theme), id))
        return theme;
    }

  return NULL;
}

/**
 * atlas_dataset_get_years:
 * @self: a dataset
 * @n_years: (out) (optional): the number of years
 *
 * Returns: (transfer none) (array length=n_years): the years, ascending
 */
const guint *
atlas_dataset_get_years (AtlasDataset *self,
                         guint        *n_years)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  if (n_years != NULL)
    *n_years = self->pkg->years->len;

  return (const guint *) self->pkg->years->data;
}

/* The year's position in the package, or -1. */
static int
year_index (AtlasDataset *self,
            guint         year)
{
  for (guint y = 0; y < self->pkg->years->len; y++)
    if (g_array_index (self->pkg->years, guint, y) == year)
      return (int) y;

  return -1;
}

gboolean
atlas_dataset_has_year (AtlasDataset *self,
                        guint         year)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  return year_index (self, year) >= 0;
}

static int
indicator_index (AtlasDataset   *self,
                 AtlasIndicator *indicator)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->indicator_index, indicator)) - 1;
}

/**
 * atlas_dataset_dup_indicator_years:
 * @self: a dataset
 * @indicator: one of its indicators
 *
 * Returns: (transfer full) (element-type guint): the years, ascending, in
 *   which the indicator has at least one stored value
 */
GArray *
atlas_dataset_dup_indicator_years (AtlasDataset   *self,
                                   AtlasIndicator *indicator)
{
  GArray *years;
  int i;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);
  i = indicator_index (self, indicator);
  g_return_val_if_fail (i >= 0, NULL);

  years = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint y = 0; y < self->pkg->years->len; y++)
    {
      atlas_package_ensure_table (self->pkg, (guint) i, y);
      if (self->pkg->has_stored[(guint) i * self->pkg->years->len + y])
        g_array_append_val (years, g_array_index (self->pkg->years, guint, y));
    }

  return years;
}

static gsize
division_offset (AtlasDataset  *self,
                 AtlasDivision *division)
{
  guint d = 0;

  if (!g_ptr_array_find (self->pkg->divisions, division, &d))
    return G_MAXSIZE;

  return self->pkg->division_offsets[d];
}

static gsize
table_start (AtlasDataset *self,
             guint         indicator,
             guint         year)
{
  return ((gsize) indicator * self->pkg->years->len + year) * self->pkg->n_cells;
}

/**
 * atlas_dataset_get_value:
 * @self: a dataset
 * @indicator: one of its indicators
 * @year: a year
 * @area: one of its areas
 * @value: (out) (optional): the value, NaN when missing
 * @reason: (out) (optional): why it is missing, or %ATLAS_MISSING_NONE
 *
 * Returns: whether the value is stored, derived or missing
 */
AtlasValueSource
atlas_dataset_get_value (AtlasDataset       *self,
                         AtlasIndicator     *indicator,
                         guint               year,
                         AtlasArea          *area,
                         double             *value,
                         AtlasMissingReason *reason)
{
  int i, y;
  gsize offset, cell;
  guint8 state;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), ATLAS_VALUE_MISSING);
  g_return_val_if_fail (ATLAS_IS_AREA (area), ATLAS_VALUE_MISSING);
  i = indicator_index (self, indicator);
  g_return_val_if_fail (i >= 0, ATLAS_VALUE_MISSING);
  offset = division_offset (self, atlas_area_get_division (area));
  g_return_val_if_fail (offset != G_MAXSIZE, ATLAS_VALUE_MISSING);

  y = year_index (self, year);
  if (y < 0)
    {
      if (value != NULL)
        *value = NAN;
      if (reason != NULL)
        *reason = ATLAS_MISSING_YEAR;
      return ATLAS_VALUE_MISSING;
    }

  atlas_package_ensure_table (self->pkg, (guint) i, (guint) y);
  cell = table_start (self, (guint) i, (guint) y) + offset + atlas_area_get_index (area);
  state = self->pkg->states[cell];
  if (value != NULL)
    *value = self->pkg->values[cell];
  if (reason != NULL)
    *reason = ATLAS_CELL_REASON (state);

  return ATLAS_CELL_SOURCE (state);
}

/**
 * atlas_dataset_peek_values:
 * @self: a dataset
 * @indicator: one of its indicators
 * @year: a year
 * @division: one of its divisions
 *
 * Returns: (transfer none) (nullable) (array): the division's values for
 *   the year, indexed like its areas, NaN where missing; %NULL for a year
 *   not in the package
 */
const double *
atlas_dataset_peek_values (AtlasDataset   *self,
                           AtlasIndicator *indicator,
                           guint           year,
                           AtlasDivision  *division)
{
  int i, y;
  gsize offset;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  i = indicator_index (self, indicator);
  g_return_val_if_fail (i >= 0, NULL);
  offset = division_offset (self, division);
  g_return_val_if_fail (offset != G_MAXSIZE, NULL);

  y = year_index (self, year);
  if (y < 0)
    return NULL;

  atlas_package_ensure_table (self->pkg, (guint) i, (guint) y);
  return self->pkg->values + table_start (self, (guint) i, (guint) y) + offset;
}

/**
 * atlas_dataset_has_values:
 * @self: a dataset
 * @indicator: one of its indicators
 * @year: a year
 * @division: one of its divisions
 *
 * Returns: whether some area of @division has a value of @indicator for
 *   @year; %FALSE for a year not in the package or a table of missing
 *   values only
 */
gboolean
atlas_dataset_has_values (AtlasDataset   *self,
                          AtlasIndicator *indicator,
                          guint           year,
                          AtlasDivision  *division)
{
  const double *values = atlas_dataset_peek_values (self, indicator, year, division);

  for (guint i = 0; values != NULL && i < atlas_division_get_n_areas (division); i++)
    if (isfinite (values[i]))
      return TRUE;
  return FALSE;
}
