/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-loader-private.h"
#include "atlas-segregation-private.h"
#include "atlas-theme.h"

/* Segregation indices as derived indicators (docs/analyses.md, "Segregation
 * indices as indicators"). When a package loads, every share it stores with
 * a count as its denominator (utrikes födda andel × folkmängd) yields, for
 * each small-area level (RegSO, DeSO), one more indicator: Duncan and
 * Duncan's D of that group over the small areas inside each kommun, län
 * and riket. They are ordinary indicators from then on, so the map, the
 * legend, rankings, comparisons, the time slider and figures show them
 * with no special case. Their values are computed per table when first
 * read (atlas_package_ensure_table()): a one-shot export of another
 * indicator never pays for them. */

/* Small areas are the levels at least this far below riket (riket 0,
 * län 1, kommun 2), the level the comparison calls "kommun" too. */
#define SMALL_AREA_DEPTH 3
#define THEME_ID "segregationsindex"

typedef struct
{
  guint          share;   /* indicator index of the group's share */
  guint          weight;  /* indicator index of its denominator, the total */
  AtlasDivision *fine;
} Derived;

static int
find_indicator (AtlasPackage *pkg,
                const char   *id)
{
  for (guint i = 0; id != NULL && i < pkg->indicators->len; i++)
    if (g_str_equal (atlas_indicator_get_id (g_ptr_array_index (pkg->indicators, i)), id))
      return (int) i;
  return -1;
}

/* A share of a count that the package sums: the group can be turned back
 * into counts (share / 100 × denominator), the denominator is the total. */
static int
share_denominator (AtlasPackage   *pkg,
                   AtlasIndicator *share)
{
  AtlasIndicator *weight;
  int w;

  if (atlas_indicator_get_unit (share) != ATLAS_UNIT_PERCENT ||
      atlas_indicator_get_aggregation (share) != ATLAS_AGGREGATION_WEIGHTED_MEAN)
    return -1;
  w = find_indicator (pkg, atlas_indicator_get_weight_id (share));
  if (w < 0)
    return -1;
  weight = g_ptr_array_index (pkg->indicators, w);
  if (atlas_indicator_get_unit (weight) != ATLAS_UNIT_COUNT ||
      atlas_indicator_get_aggregation (weight) != ATLAS_AGGREGATION_SUM)
    return -1;
  return w;
}

static char *
derived_id (AtlasIndicator *share,
            AtlasDivision  *fine)
{
  return g_strdup_printf ("segregation_d_%s_%s", atlas_division_get_id (fine),
                          atlas_indicator_get_id (share));
}

static GArray *
find_derived (AtlasPackage *pkg)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Derived));

  for (guint i = 0; i < pkg->indicators->len; i++)
    {
      AtlasIndicator *share = g_ptr_array_index (pkg->indicators, i);
      int w = share_denominator (pkg, share);

      for (guint d = 0; w >= 0 && d < pkg->divisions->len; d++)
        {
          Derived derived = { i, (guint) w, g_ptr_array_index (pkg->divisions, d) };
          g_autofree char *id = NULL;

          if (atlas_division_get_depth (derived.fine) < SMALL_AREA_DEPTH)
            continue;
          id = derived_id (share, derived.fine);
          /* A package's own indicator of that name wins; the tables stay
           * within the package limit, so a hostile manifest cannot make
           * them explode. */
          if (find_indicator (pkg, id) < 0 &&
              (guint64) (pkg->indicators->len + found->len + 1) * pkg->years->len * pkg->n_cells
              <= ATLAS_LIMIT_VALUE_CELLS)
            g_array_append_val (found, derived);
        }
    }

  return found;
}

/* "Utrikes födda, andel" → "utrikes födda": the group, mid-sentence. */
static char *
group_label (AtlasIndicator *share,
             const char     *lang)
{
  const char *name = atlas_indicator_get_name (share, lang);
  const char *suffix = g_str_equal (lang, "sv") ? ", andel" : ", share";
  g_autofree char *trimmed = g_str_has_suffix (name, suffix)
                             ? g_strndup (name, strlen (name) - strlen (suffix)) : g_strdup (name);
  g_autofree char *first = g_utf8_substring (trimmed, 0, 1);
  g_autofree char *lower = g_utf8_strdown (first, -1);

  return g_strconcat (lower, g_utf8_offset_to_pointer (trimmed, 1), NULL);
}

/* @template is an untranslated format: English texts use it as it is,
 * Swedish ones its translation (the process's language, see
 * atlas_language()). */
static char *
text_for (const char *lang,
          const char *template,
          ...) G_GNUC_PRINTF (2, 3);

static char *
text_for (const char *lang,
          const char *template,
          ...)
{
  va_list args;
  char *text;

  va_start (args, template);
  text = g_strdup_vprintf (g_str_equal (lang, "sv") ? _(template) : template, args);
  va_end (args);
  return text;
}

static void
make_texts (AtlasIndicator *share,
            AtlasIndicator *weight,
            AtlasDivision  *fine,
            const char     *lang,
            char          **name,
            char          **short_label,
            char          **definition,
            char          **caveat)
{
  g_autofree char *group = group_label (share, lang);
  const char *level = atlas_division_get_name (fine, lang);
  const char *version = atlas_division_get_version (fine);

  version = version != NULL ? version : level;
  *name = text_for (lang, N_("Segregation index D, %s, computed on %s"), group, level);
  *short_label = text_for (lang, N_("Segregation D, %s (%s)"), group, level);
  *definition = text_for (lang, N_("Duncan and Duncan's dissimilarity index D of %s, computed on "
                                   "%s (%s) within each area: D = ½ Σ |gᵢ/G − rᵢ/R|, where gᵢ is "
                                   "the group's count in small area i, computed as the share "
                                   "“%s” × “%s”, rᵢ the rest of “%s”, and G and R their sums "
                                   "over the area. 0 = evenly spread, 1 = completely apart: the "
                                   "share of the group that would have to move for every small "
                                   "area to have the same share. No value where an area has "
                                   "fewer than %u small areas with residents, or fewer than %u "
                                   "in the group or in the rest. The group: %s"),
                          group, level, version,
                          atlas_indicator_get_name (share, lang), atlas_indicator_get_name (weight, lang),
                          atlas_indicator_get_name (weight, lang),
                          (guint) ATLAS_SEGREGATION_MIN_UNITS, (guint) ATLAS_SEGREGATION_MIN_GROUP,
                          atlas_indicator_get_definition (share, lang));
  *caveat = text_for (lang, N_("The value depends on the areal unit (MAUP): computed on larger "
                               "small areas it is lower, since merging areas never raises D. "
                               "Compare only values computed on the same level (%s)."), version);
}

static AtlasIndicator *
new_indicator (AtlasPackage  *pkg,
               const Derived *derived)
{
  AtlasIndicator *share = g_ptr_array_index (pkg->indicators, derived->share);
  AtlasIndicator *weight = g_ptr_array_index (pkg->indicators, derived->weight);
  g_autofree char *id = derived_id (share, derived->fine);
  AtlasIndicator *indicator = atlas_indicator_new (id);
  AtlasText name, short_label, definition, caveat;
  AtlasText age = { (char *) atlas_indicator_get_age_group (share, "sv"),
                    (char *) atlas_indicator_get_age_group (share, "en") };

  make_texts (share, weight, derived->fine, "sv", &name.sv, &short_label.sv, &definition.sv, &caveat.sv);
  make_texts (share, weight, derived->fine, "en", &name.en, &short_label.en, &definition.en, &caveat.en);
  atlas_indicator_set_texts (indicator, &name, &short_label, &definition, &age, &caveat);
  atlas_indicator_set_properties (indicator, THEME_ID, ATLAS_INDICATOR_KIND_INDICATOR,
                                  ATLAS_UNIT_INDEX, 3, ATLAS_POLARITY_NEUTRAL,
                                  atlas_indicator_get_source (share),
                                  atlas_indicator_is_demonstration (share) ||
                                  atlas_indicator_is_demonstration (weight));
  atlas_indicator_set_aggregation (indicator, ATLAS_AGGREGATION_NONE, NULL);
  atlas_text_clear (&name);
  atlas_text_clear (&short_label);
  atlas_text_clear (&definition);
  atlas_text_clear (&caveat);
  return indicator;
}

static void
add_theme (AtlasPackage *pkg)
{
  AtlasText name = { NULL, NULL };

  for (guint t = 0; t < pkg->themes->len; t++)
    if (g_str_equal (atlas_theme_get_id (g_ptr_array_index (pkg->themes, t)), THEME_ID))
      return;

  name.sv = text_for ("sv", N_("Segregation indices"));
  name.en = text_for ("en", N_("Segregation indices"));
  g_ptr_array_add (pkg->themes, atlas_theme_new (THEME_ID, &name));
  atlas_text_clear (&name);
}

static void
grow_tables (AtlasPackage *pkg,
             guint         n_indicators)
{
  gsize n = (gsize) n_indicators * pkg->years->len * pkg->n_cells;

  pkg->values = g_renew (double, pkg->values, MAX (n, 1));
  pkg->states = g_renew (guint8, pkg->states, MAX (n, 1));
  pkg->has_stored = g_renew (gboolean, pkg->has_stored, MAX ((gsize) n_indicators * pkg->years->len, 1));
}

static guint
division_index (AtlasPackage  *pkg,
                AtlasDivision *division)
{
  guint index = 0;

  g_ptr_array_find (pkg->divisions, division, &index);
  return index;
}

/* One coarse division's cells: D, or why there is none. Returns whether
 * any area had counts for all its small areas. */
static gboolean
fill_coarse (AtlasPackage        *pkg,
             gsize                start,
             AtlasDivision       *fine,
             AtlasDivision       *coarse,
             const double * const counts[1],
             const double        *totals)
{
  guint n = atlas_division_get_n_areas (coarse);
  g_autofree AtlasSegregationResult *results = g_new0 (AtlasSegregationResult, MAX (n, 1));
  gsize offset = start + pkg->division_offsets[division_index (pkg, coarse)];
  gboolean computed = FALSE;

  atlas_segregation_compute_division (counts, 1, totals, fine, coarse, results);
  for (guint c = 0; c < n; c++)
    {
      const AtlasSegregationResult *r = &results[c];
      AtlasMissingReason reason = r->missing_reason;

      if (reason == ATLAS_MISSING_NONE)
        computed = TRUE;
      /* Undefined D (no one, or everyone, in the group) is too few people. */
      if (reason == ATLAS_MISSING_NONE && (r->unreliable || isnan (r->dissimilarity)))
        reason = ATLAS_MISSING_FEW_UNITS;
      pkg->values[offset + c] = reason == ATLAS_MISSING_NONE ? r->dissimilarity : NAN;
      pkg->states[offset + c] = reason == ATLAS_MISSING_NONE
                                ? ATLAS_CELL_STATE (ATLAS_VALUE_DERIVED, ATLAS_MISSING_NONE)
                                : ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, reason);
    }

  return computed;
}

static void
fill_missing (AtlasPackage       *pkg,
              gsize               start,
              AtlasMissingReason  reason)
{
  for (gsize c = 0; c < pkg->n_cells; c++)
    pkg->values[start + c] = NAN;
  memset (pkg->states + start, ATLAS_CELL_STATE (ATLAS_VALUE_MISSING, reason), pkg->n_cells);
}

static void
fill_table (AtlasPackage  *pkg,
            guint          i,
            guint          y,
            const Derived *derived)
{
  gsize start = atlas_package_table_start (pkg, i, y);
  gsize fine_off = pkg->division_offsets[division_index (pkg, derived->fine)];
  guint n_fine = atlas_division_get_n_areas (derived->fine);
  const double *share = pkg->values + atlas_package_table_start (pkg, derived->share, y) + fine_off;
  const double *totals = pkg->values + atlas_package_table_start (pkg, derived->weight, y) + fine_off;
  g_autofree double *group = g_new (double, MAX (n_fine, 1));
  const double *counts[1] = { group };
  gboolean computed = FALSE;

  fill_missing (pkg, start, ATLAS_MISSING_NOT_AT_LEVEL);
  for (guint a = 0; a < n_fine; a++)
    group[a] = share[a] / 100.0 * totals[a];

  for (AtlasDivision *coarse = atlas_division_get_parent (derived->fine); coarse != NULL;
       coarse = atlas_division_get_parent (coarse))
    if (atlas_division_get_depth (coarse) < SMALL_AREA_DEPTH)
      computed |= fill_coarse (pkg, start, derived->fine, coarse, counts, totals);

  /* A year without counts at the small-area level has no index at all. */
  pkg->has_stored[i * pkg->years->len + y] = computed;
  if (!computed)
    fill_missing (pkg, start, ATLAS_MISSING_YEAR);
}

static gboolean
year_has_counts (AtlasPackage  *pkg,
                 const Derived *derived,
                 guint          y)
{
  return pkg->has_stored[derived->share * pkg->years->len + y] &&
         pkg->has_stored[derived->weight * pkg->years->len + y];
}

void
atlas_package_add_segregation (AtlasPackage *pkg)
{
  g_autoptr(GArray) derived = find_derived (pkg);
  guint first = pkg->indicators->len;
  guint n_years = pkg->years->len;

  if (derived->len == 0)
    return;

  add_theme (pkg);
  grow_tables (pkg, first + derived->len);
  pkg->first_lazy = first;
  pkg->lazy_pending = g_new (gint, derived->len * MAX (n_years, 1));
  for (guint k = 0; k < derived->len; k++)
    {
      g_ptr_array_add (pkg->indicators, new_indicator (pkg, &g_array_index (derived, Derived, k)));
      for (guint y = 0; y < n_years; y++)
        {
          /* Whether a year has any index is known only once computed */
          pkg->has_stored[(first + k) * n_years + y] = FALSE;
          pkg->lazy_pending[k * n_years + y] = 1;
        }
    }
  pkg->lazy_specs = g_steal_pointer (&derived);
}

static void
fill_lazy_table (AtlasPackage *pkg,
                 guint         i,
                 guint         y)
{
  const Derived *dv = &g_array_index (pkg->lazy_specs, Derived, i - pkg->first_lazy);

  pkg->has_stored[i * pkg->years->len + y] = FALSE;
  if (year_has_counts (pkg, dv, y))
    fill_table (pkg, i, y, dv);
  else
    fill_missing (pkg, atlas_package_table_start (pkg, i, y), ATLAS_MISSING_YEAR);
}

void
atlas_package_ensure_table (AtlasPackage *pkg,
                            guint         indicator,
                            guint         year_index)
{
  gint *pending;

  if (pkg->lazy_specs == NULL || indicator < pkg->first_lazy)
    return;
  pending = &pkg->lazy_pending[(indicator - pkg->first_lazy) * pkg->years->len + year_index];
  if (!g_atomic_int_get (pending))
    return;
  g_mutex_lock (&pkg->lazy_lock);
  if (g_atomic_int_get (pending))
    {
      fill_lazy_table (pkg, indicator, year_index);
      g_atomic_int_set (pending, 0);
    }
  g_mutex_unlock (&pkg->lazy_lock);
}
