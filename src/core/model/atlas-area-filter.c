/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-area-filter.h"

struct _AtlasAreaFilter
{
  gatomicrefcount  ref;
  AtlasIndicator  *category;
  int             *codes;     /* ascending, no duplicates */
  guint            n_codes;
  guint            type_year; /* 0: the year shown */
};

G_DEFINE_BOXED_TYPE (AtlasAreaFilter, atlas_area_filter, atlas_area_filter_ref, atlas_area_filter_unref)

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/**
 * atlas_area_filter_new:
 * @category: a category indicator (unit category)
 * @codes: (array length=n_codes): the codes shown
 * @n_codes: at least 1
 * @type_year: the year whose types decide, or 0 for the year shown
 *
 * Returns: (transfer full): the filter
 */
AtlasAreaFilter *
atlas_area_filter_new (AtlasIndicator *category,
                       const int      *codes,
                       guint           n_codes,
                       guint           type_year)
{
  AtlasAreaFilter *self;
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (category), NULL);
  g_return_val_if_fail (atlas_indicator_get_unit (category) == ATLAS_UNIT_CATEGORY, NULL);
  g_return_val_if_fail (codes != NULL && n_codes > 0, NULL);

  self = g_new0 (AtlasAreaFilter, 1);
  g_atomic_ref_count_init (&self->ref);
  self->category = g_object_ref (category);
  self->codes = g_memdup2 (codes, sizeof (int) * n_codes);
  qsort (self->codes, n_codes, sizeof (int), compare_codes);
  for (guint i = 0; i < n_codes; i++)
    if (n == 0 || self->codes[n - 1] != self->codes[i])
      self->codes[n++] = self->codes[i];
  self->n_codes = n;
  self->type_year = type_year;
  return self;
}

static gboolean
parse_fail (GError    **error,
            const char *text,
            const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Cannot read the filter “%s”: %s; expected CATEGORY=CODE,CODE,… such as "
                 "omradestyp=1,2,3"), text, why);
  return FALSE;
}

static gboolean
parse_codes (AtlasIndicator *category,
             const char     *text,
             const char     *list,
             GArray         *codes,
             GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 code;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, G_MININT, G_MAXINT, &code, NULL))
        return parse_fail (error, text, _("a code is not a whole number"));
      if (atlas_indicator_lookup_category (category, (int) code) == NULL)
        {
          g_autofree char *why = g_strdup_printf (_("“%s” has no code %d"),
                                                  atlas_indicator_get_id (category), (int) code);
          return parse_fail (error, text, why);
        }
      g_array_append_val (codes, (int) { (int) code });
    }
  return codes->len > 0 || parse_fail (error, text, _("no codes are given"));
}

/**
 * atlas_area_filter_parse:
 * @dataset: the package the category belongs to
 * @text: "ID=CODE,CODE,…" or "ID@YEAR=CODE,…"
 * @error: G_IO_ERROR_INVALID_ARGUMENT naming what is wrong
 *
 * Returns: (transfer full) (nullable): the filter
 */
AtlasAreaFilter *
atlas_area_filter_parse (AtlasDataset  *dataset,
                         const char    *text,
                         GError       **error)
{
  const char *equals;
  g_autofree char *id = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (int));
  AtlasIndicator *category;
  guint64 year = 0;
  char *at;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  equals = strchr (text, '=');
  if (equals == NULL)
    {
      parse_fail (error, text, _("there is no “=”"));
      return NULL;
    }
  id = g_strndup (text, equals - text);
  if ((at = strchr (id, '@')) != NULL)
    {
      *at = '\0';
      if (!g_ascii_string_to_unsigned (at + 1, 10, 1, 9999, &year, NULL) ||
          !atlas_dataset_has_year (dataset, (guint) year))
        {
          parse_fail (error, text, _("the year after “@” is not a year of the package"));
          return NULL;
        }
    }
  category = atlas_dataset_lookup_indicator (dataset, g_strstrip (id));
  if (category == NULL || atlas_indicator_get_unit (category) != ATLAS_UNIT_CATEGORY)
    {
      g_autofree char *why = g_strdup_printf (_("the package has no category indicator “%s”"), id);
      parse_fail (error, text, why);
      return NULL;
    }
  if (!parse_codes (category, text, equals + 1, codes, error))
    return NULL;
  return atlas_area_filter_new (category, (int *) codes->data, codes->len, (guint) year);
}

AtlasAreaFilter *
atlas_area_filter_ref (AtlasAreaFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
atlas_area_filter_unref (AtlasAreaFilter *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_object (&self->category);
  g_free (self->codes);
  g_free (self);
}

/**
 * atlas_area_filter_equal:
 * @a: (nullable): a filter
 * @b: (nullable): a filter
 *
 * Returns: whether both show the same areas (two %NULLs are equal)
 */
gboolean
atlas_area_filter_equal (const AtlasAreaFilter *a,
                         const AtlasAreaFilter *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->category == b->category && a->type_year == b->type_year && a->n_codes == b->n_codes &&
         memcmp (a->codes, b->codes, sizeof (int) * a->n_codes) == 0;
}

AtlasIndicator *
atlas_area_filter_get_category (AtlasAreaFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->category;
}

/**
 * atlas_area_filter_get_codes:
 * @self: a filter
 * @n_codes: (out): how many
 *
 * Returns: (array length=n_codes) (transfer none): the codes, ascending
 */
const int *
atlas_area_filter_get_codes (AtlasAreaFilter *self,
                             guint           *n_codes)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_codes = self->n_codes;
  return self->codes;
}

guint
atlas_area_filter_get_type_year (AtlasAreaFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->type_year;
}

gboolean
atlas_area_filter_allows_code (AtlasAreaFilter *self,
                               int              code)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return bsearch (&code, self->codes, self->n_codes, sizeof (int), compare_codes) != NULL;
}

/**
 * atlas_area_filter_type_of:
 * @self: a filter
 * @dataset: the package
 * @area: one of its areas
 * @year: the year shown (the filter's own type year wins)
 *
 * Returns: the area's type, its own or the nearest above it; -1 for none
 */
int
atlas_area_filter_type_of (AtlasAreaFilter *self,
                           AtlasDataset    *dataset,
                           AtlasArea       *area,
                           guint            year)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), -1);

  if (self->type_year != 0)
    year = self->type_year;
  for (AtlasArea *a = area; a != NULL; a = atlas_area_get_parent (a))
    {
      double value;

      if (atlas_dataset_get_value (dataset, self->category, year, a, &value, NULL) != ATLAS_VALUE_MISSING &&
          !isnan (value))
        return (int) value;
    }
  return -1;
}

/**
 * atlas_area_filter_dup_mask:
 * @self: a filter
 * @dataset: the package
 * @division: one of its divisions
 * @year: the year shown
 *
 * Returns: (transfer full) (nullable) (array): per area whether it is
 *   shown; %NULL when no area of @division has a type that year, so the
 *   filter does not apply
 */
gboolean *
atlas_area_filter_dup_mask (AtlasAreaFilter *self,
                            AtlasDataset    *dataset,
                            AtlasDivision   *division,
                            guint            year)
{
  guint n = atlas_division_get_n_areas (division);
  g_autofree gboolean *mask = g_new0 (gboolean, MAX (n, 1));
  gboolean any_type = FALSE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  for (guint a = 0; a < n; a++)
    {
      int type = atlas_area_filter_type_of (self, dataset, atlas_division_get_area (division, a), year);

      any_type |= type >= 0;
      mask[a] = type >= 0 && atlas_area_filter_allows_code (self, type);
    }
  return any_type ? g_steal_pointer (&mask) : NULL;
}

static char *
join_codes (AtlasAreaFilter *self,
            const char      *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->n_codes; i++)
    g_string_append_printf (text, "%s%d", i > 0 ? separator : "", self->codes[i]);
  return g_string_free (text, FALSE);
}

/**
 * atlas_area_filter_to_string:
 * @self: a filter
 *
 * Returns: (transfer full): the filter as atlas_area_filter_parse() reads it
 */
char *
atlas_area_filter_to_string (AtlasAreaFilter *self)
{
  g_autofree char *codes = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  codes = join_codes (self, ",");
  if (self->type_year != 0)
    return g_strdup_printf ("%s@%u=%s", atlas_indicator_get_id (self->category), self->type_year, codes);
  return g_strdup_printf ("%s=%s", atlas_indicator_get_id (self->category), codes);
}

/**
 * atlas_area_filter_describe:
 * @self: a filter
 * @year: the year shown
 *
 * Returns: (transfer full): one sentence for captions and notes
 */
char *
atlas_area_filter_describe (AtlasAreaFilter *self,
                            guint            year)
{
  g_autofree char *codes = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  codes = join_codes (self, ", ");
  return g_strdup_printf (_("Only areas of %s %s (the types of %u; a small area takes the type "
                            "of the area it lies in); the other areas are not shown or counted."),
                          atlas_indicator_get_name (self->category, NULL), codes,
                          self->type_year != 0 ? self->type_year : year);
}
