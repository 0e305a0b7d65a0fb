/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-comparison-private.h"

/**
 * AtlasComparison:
 *
 * Two areas side by side for one year, optionally against an earlier
 * year: a #GListModel of #AtlasComparisonRow, one per indicator of the
 * package, grouped by theme in manifest order. A and B may be at different
 * levels (a DeSO against its kommun). All the arithmetic the comparison
 * panel and `platsatlas-cli compare` show lives here, so they agree; see
 * #AtlasComparisonRow for the rules.
 */

#define NBSP "\302\240"
#define MINUS_SIGN "\342\210\222"

struct _AtlasComparison
{
  GObject                 parent_instance;

  AtlasComparisonContext  context;
  GPtrArray              *rows;
};

static void atlas_comparison_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasComparison, atlas_comparison, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_comparison_list_model_init))

G_DEFINE_QUARK (atlas-comparison-error-quark, atlas_comparison_error)

static GType
get_item_type (GListModel *model)
{
  return ATLAS_TYPE_COMPARISON_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return ATLAS_COMPARISON (model)->rows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  AtlasComparison *self = ATLAS_COMPARISON (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
atlas_comparison_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
atlas_comparison_finalize (GObject *object)
{
  AtlasComparison *self = ATLAS_COMPARISON (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->context.dataset);

  G_OBJECT_CLASS (atlas_comparison_parent_class)->finalize (object);
}

static void
atlas_comparison_class_init (AtlasComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_comparison_finalize;
}

static void
atlas_comparison_init (AtlasComparison *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
check_years (AtlasDataset *dataset,
             guint         year,
             guint         since_year,
             GError      **error)
{
  if (!atlas_dataset_has_year (dataset, year))
    {
      g_set_error (error, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_YEAR,
                   _("The package “%s” has no values for %u"),
                   atlas_dataset_get_id (dataset), year);
      return FALSE;
    }
  if (since_year != 0 && !atlas_dataset_has_year (dataset, since_year))
    {
      g_set_error (error, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_YEAR,
                   _("The package “%s” has no values for %u to compare with"),
                   atlas_dataset_get_id (dataset), since_year);
      return FALSE;
    }
  if (since_year != 0 && since_year >= year)
    {
      g_set_error (error, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_YEAR,
                   _("The earlier year %u must come before %u"), since_year, year);
      return FALSE;
    }

  return TRUE;
}

/* The first division listed at a depth below riket (1: the top level of
 * the package, 2: the level under it), by the package's hierarchy, not by
 * division ids: a package without a län level has no län reference. */
static AtlasDivision *
level_at_depth (AtlasDataset *dataset,
                guint         depth,
                AtlasDivision *parent)
{
  GListModel *divisions = atlas_dataset_get_divisions (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (atlas_division_get_depth (division) == depth
          && (parent == NULL || atlas_division_get_parent (division) == parent))
        return division;
    }
  return NULL;
}

static AtlasArea *
ancestor_at (AtlasArea     *area,
             AtlasDivision *level)
{
  return level != NULL ? atlas_area_get_ancestor (area, atlas_division_get_id (level)) : NULL;
}

/* References: A's areas at the package's two top levels (kommun and län in
 * SCB's hierarchy) and riket; B's only where they are not A's. */
static void
find_references (AtlasComparisonContext *context)
{
  AtlasArea **refs = context->references;
  AtlasDivision **levels = context->reference_levels;
  AtlasDivision *top = level_at_depth (context->dataset, 1, NULL);
  AtlasDivision *second = top != NULL ? level_at_depth (context->dataset, 2, top) : NULL;
  AtlasArea *b_second = ancestor_at (context->areas[1], second);
  AtlasArea *b_top = ancestor_at (context->areas[1], top);

  levels[ATLAS_COMPARISON_REFERENCE_A_KOMMUN] = levels[ATLAS_COMPARISON_REFERENCE_B_KOMMUN] = second;
  levels[ATLAS_COMPARISON_REFERENCE_A_LAN] = levels[ATLAS_COMPARISON_REFERENCE_B_LAN] = top;
  levels[ATLAS_COMPARISON_REFERENCE_RIKET] = atlas_dataset_lookup_division (context->dataset, "riket");
  refs[ATLAS_COMPARISON_REFERENCE_A_KOMMUN] = ancestor_at (context->areas[0], second);
  refs[ATLAS_COMPARISON_REFERENCE_A_LAN] = ancestor_at (context->areas[0], top);
  refs[ATLAS_COMPARISON_REFERENCE_RIKET] = atlas_dataset_lookup_area (context->dataset, "00");
  refs[ATLAS_COMPARISON_REFERENCE_B_KOMMUN] =
    b_second != refs[ATLAS_COMPARISON_REFERENCE_A_KOMMUN] ? b_second : NULL;
  refs[ATLAS_COMPARISON_REFERENCE_B_LAN] =
    b_top != refs[ATLAS_COMPARISON_REFERENCE_A_LAN] ? b_top : NULL;
}

static void
add_rows_of_theme (AtlasComparison *self,
                   const char      *theme_id,
                   gboolean        *added)
{
  GListModel *indicators = atlas_dataset_get_indicators (self->context.dataset);
  guint n = g_list_model_get_n_items (indicators);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

      if (added[i] || (theme_id != NULL &&
                       g_strcmp0 (atlas_indicator_get_theme_id (indicator), theme_id) != 0))
        continue;
      added[i] = TRUE;
      g_ptr_array_add (self->rows, atlas_comparison_row_new (&self->context, indicator));
    }
}

/* Theme by theme in manifest order; an indicator of no listed theme comes
 * last rather than not at all. */
static void
add_rows (AtlasComparison *self)
{
  GListModel *themes = atlas_dataset_get_themes (self->context.dataset);
  guint n_indicators = g_list_model_get_n_items (atlas_dataset_get_indicators (self->context.dataset));
  g_autofree gboolean *added = g_new0 (gboolean, n_indicators);

  for (guint t = 0; t < g_list_model_get_n_items (themes); t++)
    {
      g_autoptr(AtlasTheme) theme = g_list_model_get_item (themes, t);

      add_rows_of_theme (self, atlas_theme_get_id (theme), added);
    }
  add_rows_of_theme (self, NULL, added);
}

/**
 * atlas_comparison_new:
 * @dataset: a dataset
 * @a: one of its areas, the one the user looks from
 * @b: another of its areas, at any level
 * @year: a year of the package
 * @since_year: an earlier year of the package for the change, or 0
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL when A and
 *   B are the same area or a year is not in the package
 */
AtlasComparison *
atlas_comparison_new (AtlasDataset  *dataset,
                      AtlasArea     *a,
                      AtlasArea     *b,
                      guint          year,
                      guint          since_year,
                      GError       **error)
{
  AtlasComparison *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (a), NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (b), NULL);
  g_return_val_if_fail (atlas_dataset_lookup_area (dataset, atlas_area_get_code (a)) == a, NULL);
  g_return_val_if_fail (atlas_dataset_lookup_area (dataset, atlas_area_get_code (b)) == b, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (a == b)
    {
      name = atlas_area_dup_display_name (a);
      g_set_error (error, ATLAS_COMPARISON_ERROR, ATLAS_COMPARISON_ERROR_SAME_AREA,
                   _("Cannot compare %s (%s) with itself; choose two different areas"),
                   name, atlas_area_get_code (a));
      return NULL;
    }
  if (!check_years (dataset, year, since_year, error))
    return NULL;

  self = g_object_new (ATLAS_TYPE_COMPARISON, NULL);
  self->context.dataset = g_object_ref (dataset);
  self->context.areas[0] = a;
  self->context.areas[1] = b;
  self->context.year = year;
  self->context.since_year = since_year;
  find_references (&self->context);
  add_rows (self);

  return self;
}

/**
 * atlas_comparison_get_dataset:
 * @self: a comparison
 *
 * Returns: (transfer none): the dataset
 */
AtlasDataset *
atlas_comparison_get_dataset (AtlasComparison *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);

  return self->context.dataset;
}

/**
 * atlas_comparison_get_area:
 * @self: a comparison
 * @side: A or B
 *
 * Returns: (transfer none): the area (owned by the dataset)
 */
AtlasArea *
atlas_comparison_get_area (AtlasComparison     *self,
                           AtlasComparisonSide  side)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side <= ATLAS_COMPARISON_SIDE_B, NULL);

  return self->context.areas[side];
}

/**
 * atlas_comparison_get_year:
 * @self: a comparison
 *
 * Returns: the year compared
 */
guint
atlas_comparison_get_year (AtlasComparison *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), 0);

  return self->context.year;
}

/**
 * atlas_comparison_get_since_year:
 * @self: a comparison
 *
 * Returns: the earlier year changes are measured from, or 0
 */
guint
atlas_comparison_get_since_year (AtlasComparison *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), 0);

  return self->context.since_year;
}

/**
 * atlas_comparison_get_reference_area:
 * @self: a comparison
 * @reference: which reference
 *
 * A's kommun is A itself when A is a kommun. B's kommun and län are %NULL
 * when they are A's (then the A column says it).
 *
 * Returns: (transfer none) (nullable): the area, or %NULL when there is no
 *   such reference (A is a län and has no kommun)
 */
AtlasArea *
atlas_comparison_get_reference_area (AtlasComparison          *self,
                                     AtlasComparisonReference  reference)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (reference < ATLAS_COMPARISON_N_REFERENCES, NULL);

  return self->context.references[reference];
}

/**
 * atlas_comparison_get_reference_level:
 * @self: a comparison
 * @reference: which reference
 *
 * The level a reference column stands for, from the package's hierarchy:
 * the "kommun" references are at the second level below riket, the "län"
 * references at the top level (whatever the package calls them), riket at
 * riket. Exports and the CLI name their columns after it.
 *
 * Returns: (transfer none) (nullable): the division, or %NULL when the
 *   package has no such level (then no column is shown for it)
 */
AtlasDivision *
atlas_comparison_get_reference_level (AtlasComparison          *self,
                                      AtlasComparisonReference  reference)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (reference < ATLAS_COMPARISON_N_REFERENCES, NULL);

  return self->context.reference_levels[reference];
}

/**
 * atlas_comparison_dup_reference_key:
 * @self: a comparison
 * @reference: which reference
 *
 * The machine name of a reference column in CSV and JSON: the level's id
 * ("kommun", "lan", "riket"), prefixed "b_" for B's references.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when the package
 *   has no such level
 */
char *
atlas_comparison_dup_reference_key (AtlasComparison          *self,
                                    AtlasComparisonReference  reference)
{
  AtlasDivision *level = atlas_comparison_get_reference_level (self, reference);
  gboolean of_b = reference == ATLAS_COMPARISON_REFERENCE_B_KOMMUN
                  || reference == ATLAS_COMPARISON_REFERENCE_B_LAN;

  if (level == NULL)
    return NULL;
  return g_strconcat (of_b ? "b_" : "", atlas_division_get_id (level), NULL);
}

/**
 * atlas_comparison_shows_reference:
 * @self: a comparison
 * @reference: which reference
 *
 * Whether a table shows a column for the reference: the package has the
 * level, the area exists, and it is neither A nor B (a kommun's own kommun
 * would repeat the A column). The panel, the exported table and the CLI's
 * table all follow this.
 *
 * Returns: whether to show the column
 */
gboolean
atlas_comparison_shows_reference (AtlasComparison          *self,
                                  AtlasComparisonReference  reference)
{
  AtlasArea *area = atlas_comparison_get_reference_area (self, reference);

  return area != NULL && area != self->context.areas[0] && area != self->context.areas[1];
}

/**
 * atlas_comparison_has_demonstration:
 * @self: a comparison
 *
 * Returns: whether any row holds demonstration data
 *   (atlas_comparison_row_is_demonstration()); exports are then marked
 */
gboolean
atlas_comparison_has_demonstration (AtlasComparison *self)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    if (atlas_comparison_row_is_demonstration (g_ptr_array_index (self->rows, i)))
      return TRUE;
  return FALSE;
}

/**
 * atlas_comparison_lookup_row:
 * @self: a comparison
 * @indicator_id: an indicator id
 *
 * Returns: (transfer none) (nullable): the indicator's row
 */
AtlasComparisonRow *
atlas_comparison_lookup_row (AtlasComparison *self,
                             const char      *indicator_id)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AtlasComparisonRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (atlas_indicator_get_id (atlas_comparison_row_get_indicator (row)),
                       indicator_id))
        return row;
    }

  return NULL;
}

typedef struct
{
  AtlasComparisonRow *row;
  guint               position;
} Ranked;

/* Largest normalized difference first; rows without one last; ties keep
 * the theme order, so the listing is stable. */
static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;
  double da = atlas_comparison_row_get_normalized_difference (ra->row);
  double db = atlas_comparison_row_get_normalized_difference (rb->row);

  if (isnan (da) != isnan (db))
    return isnan (da) ? 1 : -1;
  if (!isnan (da) && da != db)
    return da > db ? -1 : 1;

  return ra->position < rb->position ? -1 : (ra->position > rb->position);
}

/**
 * atlas_comparison_dup_rows_by_difference:
 * @self: a comparison
 *
 * Orders the rows by atlas_comparison_row_get_normalized_difference(),
 * largest first. Rows whose difference cannot be normalized (a value is
 * missing, a category, no spread at A's level) come last in theme order.
 *
 * Returns: (transfer full): a #GListModel of the same #AtlasComparisonRow
 */
GListModel *
atlas_comparison_dup_rows_by_difference (AtlasComparison *self)
{
  g_autoptr(GArray) ranked = NULL;
  GListStore *store;

  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);

  ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), self->rows->len);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Ranked entry = { g_ptr_array_index (self->rows, i), i };

      g_array_append_val (ranked, entry);
    }
  g_array_sort (ranked, compare_ranked);

  store = g_list_store_new (ATLAS_TYPE_COMPARISON_ROW);
  for (guint i = 0; i < ranked->len; i++)
    g_list_store_append (store, g_array_index (ranked, Ranked, i).row);

  return G_LIST_MODEL (store);
}

static double
value_or_nan (AtlasDataset   *dataset,
              AtlasIndicator *indicator,
              guint           year,
              AtlasArea      *area)
{
  double value = NAN;

  if (area == NULL ||
      atlas_dataset_get_value (dataset, indicator, year, area, &value, NULL) == ATLAS_VALUE_MISSING)
    return NAN;

  return value;
}

/**
 * atlas_comparison_dup_trend:
 * @self: a comparison
 * @indicator: an indicator of the dataset
 *
 * Returns: (transfer full) (element-type AtlasComparisonTrendPoint): one
 *   point per year of the package, ascending, NaN where a value is missing
 */
GArray *
atlas_comparison_dup_trend (AtlasComparison *self,
                            AtlasIndicator  *indicator)
{
  AtlasDataset *dataset;
  AtlasArea *riket;
  const guint *years;
  guint n_years = 0;
  GArray *trend;

  g_return_val_if_fail (ATLAS_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  dataset = self->context.dataset;
  riket = self->context.references[ATLAS_COMPARISON_REFERENCE_RIKET];
  years = atlas_dataset_get_years (dataset, &n_years);
  trend = g_array_sized_new (FALSE, FALSE, sizeof (AtlasComparisonTrendPoint), n_years);
  for (guint i = 0; i < n_years; i++)
    {
      AtlasComparisonTrendPoint point = {
        years[i],
        value_or_nan (dataset, indicator, years[i], self->context.areas[0]),
        value_or_nan (dataset, indicator, years[i], self->context.areas[1]),
        value_or_nan (dataset, indicator, years[i], riket),
      };

      g_array_append_val (trend, point);
    }

  return trend;
}

/**
 * atlas_comparison_dup_category_history:
 * @dataset: a dataset
 * @indicator: a category indicator of it (områdestyp)
 * @area: one of its areas
 *
 * Returns: (transfer full) (element-type AtlasCategoryYear): the area's
 *   code in each year of the package that has one, ascending; empty when
 *   it has none (categories are not derived for higher levels)
 */
GArray *
atlas_comparison_dup_category_history (AtlasDataset   *dataset,
                                       AtlasIndicator *indicator,
                                       AtlasArea      *area)
{
  const guint *years;
  guint n_years = 0;
  GArray *history;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);

  years = atlas_dataset_get_years (dataset, &n_years);
  history = g_array_new (FALSE, FALSE, sizeof (AtlasCategoryYear));
  for (guint i = 0; i < n_years; i++)
    {
      double value = value_or_nan (dataset, indicator, years[i], area);
      AtlasCategoryYear entry = { years[i], (int) lround (value) };

      if (!isnan (value))
        g_array_append_val (history, entry);
    }

  return history;
}

/* The number alone, without sign, in the package's notation. */
static char *
format_magnitude (double   value,
                  guint    decimals,
                  gboolean swedish)
{
  return atlas_format_number (fabs (value), decimals, swedish ? "sv" : "en");
}

/* "+" or a minus before @text, none when @value shows as zero. */
static char *
with_sign (double      value,
           guint       decimals,
           gboolean    swedish,
           const char *text)
{
  if (round (fabs (value) * pow (10, decimals)) == 0)
    return g_strdup (text);

  return g_strconcat (value > 0 ? "+" : (swedish ? MINUS_SIGN : "-"), text, NULL);
}

/* A difference or change in the indicator's unit. Percentage points are
 * spelled out like the indicator's own unit words ("dagar"), by @lang
 * rather than by the process locale. */
static char *
format_signed (AtlasIndicator *indicator,
               double          value,
               const char     *lang)
{
  guint decimals = atlas_indicator_get_decimals (indicator);
  gboolean swedish;
  g_autofree char *text = NULL;

  if (isnan (value) || atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
    return NULL;

  swedish = !g_str_equal (lang != NULL ? lang : atlas_language (), "en");
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_PERCENT)
    {
      g_autofree char *number = format_magnitude (value, decimals, swedish);

      text = g_strconcat (number, swedish ? NBSP "procentenheter" : " percentage points", NULL);
    }
  else
    text = atlas_indicator_format_value (indicator, fabs (value), lang);

  return with_sign (value, decimals, swedish, text);
}

static char *
format_relative (double      fraction,
                 const char *lang)
{
  gboolean swedish;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  if (isnan (fraction))
    return NULL;

  swedish = !g_str_equal (lang != NULL ? lang : atlas_language (), "en");
  number = format_magnitude (fraction * 100, 1, swedish);
  text = g_strconcat (number, swedish ? NBSP "%" : "%", NULL);

  return with_sign (fraction * 100, 1, swedish, text);
}

/**
 * atlas_comparison_format_difference:
 * @row: a row
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Formats A − B with a sign and the unit: "+2,3 procentenheter" /
 * "+2.3 percentage points" for percent, "−12 400 kr", "+4 dagar".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when there is no
 *   difference (a value is missing, or a category)
 */
char *
atlas_comparison_format_difference (AtlasComparisonRow *row,
                                    const char         *lang)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (row), NULL);

  return format_signed (atlas_comparison_row_get_indicator (row),
                        atlas_comparison_row_get_difference (row), lang);
}

/**
 * atlas_comparison_format_relative_difference:
 * @row: a row
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Returns: (transfer full) (nullable): "+4,1 %" / "+4.1%", or %NULL where
 *   the relative difference is not meaningful
 */
char *
atlas_comparison_format_relative_difference (AtlasComparisonRow *row,
                                             const char         *lang)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (row), NULL);

  return format_relative (atlas_comparison_row_get_relative_difference (row), lang);
}

/**
 * atlas_comparison_format_difference_cell:
 * @row: a row
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * The one-line difference of the CLI table and the CSV export.
 *
 * Returns: (transfer full) (nullable): "+3,2 procentenheter (+4,1 %)", the
 *   absolute difference alone where the relative one is not meaningful, or
 *   %NULL where there is no difference
 */
char *
atlas_comparison_format_difference_cell (AtlasComparisonRow *row,
                                         const char         *lang)
{
  g_autofree char *absolute = atlas_comparison_format_difference (row, lang);
  g_autofree char *relative = atlas_comparison_format_relative_difference (row, lang);

  if (absolute == NULL || relative == NULL)
    return g_steal_pointer (&absolute);
  return g_strdup_printf ("%s (%s)", absolute, relative);
}

/**
 * atlas_comparison_format_change:
 * @row: a row
 * @side: A or B
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Returns: (transfer full) (nullable): the change since the since-year
 *   like atlas_comparison_format_difference(), or %NULL
 */
char *
atlas_comparison_format_change (AtlasComparisonRow  *row,
                                AtlasComparisonSide  side,
                                const char          *lang)
{
  g_return_val_if_fail (ATLAS_IS_COMPARISON_ROW (row), NULL);

  return format_signed (atlas_comparison_row_get_indicator (row),
                        atlas_comparison_row_get_change (row, side), lang);
}
