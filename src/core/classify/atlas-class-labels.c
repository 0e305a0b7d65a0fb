/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "atlas-class-labels.h"

/* Legend texts. Like figures, a legend is written in a language of its
 * own ("sv" or "en", NULL for atlas_language()), whatever the process
 * locale, hence small sv/en texts rather than gettext.
 *
 * Class labels state the limits of the values shown: the first class
 * starts at the lowest value of the year on the map and the last ends at
 * the highest, also when the class boundaries are fixed over all years
 * (then a class that is empty this year says "≤ b" or "> b" instead).
 * A value on a boundary belongs to the lower class. Limits get more
 * decimals than the indicator's where two would otherwise read the same,
 * so that no two labels are alike and no label reads "21,0 – 21,0 %". */

#define NBSP "\302\240"
#define RANGE_DASH " \342\200\223 "
#define MAX_EXTRA_DECIMALS 4

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang != NULL ? lang : atlas_language (), "en") == 0;
}

/* The unit after a limit: "%", "kr", "personer"; none for an index. */
static const char *
unit_suffix (AtlasIndicator *indicator,
             const char     *lang)
{
  switch (atlas_indicator_get_unit (indicator))
    {
    case ATLAS_UNIT_INDEX:
    case ATLAS_UNIT_CATEGORY:
      return NULL;
    case ATLAS_UNIT_PERCENT:
    case ATLAS_UNIT_SEK:
    case ATLAS_UNIT_COUNT:
    case ATLAS_UNIT_DAYS:
    default:
      return atlas_indicator_get_unit_label (indicator, lang);
    }
}

/* The outer limits: the lowest and highest finite value shown, else the
 * breaks' own. */
static void
shown_range (const AtlasClassBreaks *breaks,
             const double           *values,
             gsize                   n_values,
             double                 *low,
             double                 *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (gsize i = 0; values != NULL && i < n_values; i++)
    if (isfinite (values[i]))
      {
        *low = MIN (*low, values[i]);
        *high = MAX (*high, values[i]);
      }
  if (*low > *high)
    {
      *low = atlas_class_breaks_get_min (breaks);
      *high = atlas_class_breaks_get_max (breaks);
    }
}

/* Every limit in order: low, the inner breaks, high. */
static GArray *
limits_of (const AtlasClassBreaks *breaks,
           double                  low,
           double                  high)
{
  guint n_inner;
  const double *inner = atlas_class_breaks_get_breaks (breaks, &n_inner);
  GArray *limits = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_val (limits, low);
  g_array_append_vals (limits, inner, n_inner);
  g_array_append_val (limits, high);
  return limits;
}

/* The fewest decimals, from the indicator's, that tell every two
 * different neighbouring limits apart. */
static guint
decimals_needed (AtlasIndicator *indicator,
                 GArray         *limits,
                 const char     *lang)
{
  guint decimals = atlas_indicator_get_decimals (indicator);
  guint most = MIN (decimals + MAX_EXTRA_DECIMALS, 6u);

  for (; decimals < most; decimals++)
    {
      gboolean clash = FALSE;

      for (guint i = 0; !clash && i + 1 < limits->len; i++)
        {
          double a = g_array_index (limits, double, i), b = g_array_index (limits, double, i + 1);
          g_autofree char *ta = atlas_format_number (a, decimals, lang);
          g_autofree char *tb = atlas_format_number (b, decimals, lang);

          clash = a != b && g_str_equal (ta, tb);
        }
      if (!clash)
        break;
    }
  return decimals;
}

static char *
with_unit (char       *text,
           const char *unit)
{
  char *result;

  if (unit == NULL || *unit == '\0')
    return text;
  result = g_strconcat (text, NBSP, unit, NULL);
  g_free (text);
  return result;
}

/* Changes say their sign: "+1,2", "−0,4" (the minus as format_number
 * writes it), "0". */
static char *
format_limit (double      value,
              guint       decimals,
              gboolean    show_sign,
              const char *lang)
{
  char *text = atlas_format_number (value, decimals, lang);
  char *signed_text;

  if (!show_sign || !(value > 0.0))
    return text;
  signed_text = g_strconcat ("+", text, NULL);
  g_free (text);
  return signed_text;
}

static char *
class_label (GArray     *limits,
             guint       index,
             gboolean    empty_below,
             gboolean    empty_above,
             guint       decimals,
             gboolean    show_sign,
             const char *lang)
{
  guint last = limits->len - 2;
  double lo = g_array_index (limits, double, index);
  double hi = g_array_index (limits, double, index + 1);
  g_autofree char *lo_text = format_limit (lo, decimals, show_sign, lang);
  g_autofree char *hi_text = format_limit (hi, decimals, show_sign, lang);

  /* Pooled boundaries: a first or last class no area has this year. */
  if (index == 0 && empty_below && last > 0)
    return g_strconcat ("≤" NBSP, hi_text, NULL);
  if (index == last && empty_above && last > 0)
    return g_strconcat (">" NBSP, lo_text, NULL);
  if (g_str_equal (lo_text, hi_text))
    return g_steal_pointer (&lo_text);
  return g_strconcat (lo_text, RANGE_DASH, hi_text, NULL);
}

/* What each class of a box or percentile map means, before its limits. */
static const char *
fixed_class_name (AtlasClassMethod method,
                  guint            index,
                  const char      *lang)
{
  static const char * const box[2][ATLAS_CLASS_FIXED_CLASSES] = {
    { "Låga extremvärden", "Under Q1", "Q1–median", "Median–Q3", "Över Q3", "Höga extremvärden" },
    { "Low outliers", "Below Q1", "Q1–median", "Median–Q3", "Above Q3", "High outliers" },
  };
  static const char * const percentile[2][ATLAS_CLASS_FIXED_CLASSES] = {
    { "Under 1:a percentilen", "1–10 %", "10–50 %", "50–90 %", "90–99 %", "Över 99:e percentilen" },
    { "Below the 1st percentile", "1–10%", "10–50%", "50–90%", "90–99%", "Above the 99th percentile" },
  };

  if (!atlas_class_method_is_fixed (method) || index >= ATLAS_CLASS_FIXED_CLASSES)
    return NULL;
  if (method == ATLAS_CLASS_METHOD_PERCENTILE)
    return percentile[is_english (lang)][index];
  return box[is_english (lang)][index];
}

static char *
with_class_name (char       *text,
                 const char *name)
{
  char *result;

  if (name == NULL)
    return text;
  result = g_strconcat (name, ": ", text, NULL);
  g_free (text);
  return result;
}

static char **
dup_labels (const AtlasClassBreaks *breaks,
            AtlasIndicator         *indicator,
            const double           *values,
            gsize                   n_values,
            const char             *unit,
            gboolean                show_sign,
            const char             *lang)
{
  g_autoptr(GArray) limits = NULL;
  GPtrArray *labels;
  double low, high;
  guint n_classes, decimals, n_inner;
  const double *inner;

  shown_range (breaks, values, n_values, &low, &high);
  inner = atlas_class_breaks_get_breaks (breaks, &n_inner);
  limits = limits_of (breaks, n_inner > 0 ? MIN (low, inner[0]) : low,
                      n_inner > 0 ? MAX (high, inner[n_inner - 1]) : high);
  decimals = decimals_needed (indicator, limits, lang);
  n_classes = atlas_class_breaks_get_n_classes (breaks);
  labels = g_ptr_array_new ();
  for (guint i = 0; i < n_classes; i++)
    g_ptr_array_add (labels,
                     with_class_name (with_unit (class_label (limits, i,
                                                              n_inner > 0 && low > inner[0],
                                                              n_inner > 0 && high <= inner[n_inner - 1],
                                                              decimals, show_sign, lang), unit),
                                      fixed_class_name (atlas_class_breaks_get_method (breaks), i, lang)));
  g_ptr_array_add (labels, NULL);
  return (char **) g_ptr_array_free (labels, FALSE);
}

/**
 * atlas_class_breaks_dup_labels:
 * @breaks: the classes
 * @indicator: the indicator, for its decimals and unit
 * @values: (array length=n_values) (nullable): the values shown (the
 *   division's values in the year on the map); their lowest and highest
 *   are the outer limits. %NULL uses the limits of @breaks.
 * @n_values: the number of @values
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * The label of every class, as the map's legend and every figure show it:
 * "346 800 – 380 000 kr", never two alike (see the top of this file). Box
 * and percentile maps name each class first ("Under Q1: 12,1 – 18,4 %");
 * their empty classes keep their label.
 *
 * Returns: (transfer full): %NULL-terminated, one label per class
 */
char **
atlas_class_breaks_dup_labels (const AtlasClassBreaks *breaks,
                               AtlasIndicator         *indicator,
                               const double           *values,
                               gsize                   n_values,
                               const char             *lang)
{
  g_return_val_if_fail (breaks != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  lang = lang != NULL ? lang : atlas_language ();
  return dup_labels (breaks, indicator, values, n_values, unit_suffix (indicator, lang), FALSE, lang);
}

/**
 * atlas_class_breaks_dup_change_labels:
 * @breaks: the classes of a change map
 * @indicator: the indicator whose change is shown
 * @values: (array length=n_values) (nullable): the changes shown
 * @n_values: the number of @values
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * As atlas_class_breaks_dup_labels(), with signed limits ("+1,2 – +3,4")
 * in the change's unit: "p.e." (percentage points) for shares.
 *
 * Returns: (transfer full): %NULL-terminated, one label per class
 */
char **
atlas_class_breaks_dup_change_labels (const AtlasClassBreaks *breaks,
                                      AtlasIndicator         *indicator,
                                      const double           *values,
                                      gsize                   n_values,
                                      const char             *lang)
{
  const char *unit;

  g_return_val_if_fail (breaks != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  lang = lang != NULL ? lang : atlas_language ();
  unit = atlas_indicator_get_unit (indicator) == ATLAS_UNIT_PERCENT
         ? (is_english (lang) ? "pp" : "p.e.") : unit_suffix (indicator, lang);
  return dup_labels (breaks, indicator, values, n_values, unit, TRUE, lang);
}

/**
 * atlas_class_breaks_dup_shortfall:
 * @breaks: the classes
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer full) (nullable): "3 klasser i stället för 5: värdena
 *   har för få olika värden." when fewer classes than asked for were
 *   possible, else %NULL
 */
char *
atlas_class_breaks_dup_shortfall (const AtlasClassBreaks *breaks,
                                  const char             *lang)
{
  guint made, asked;

  g_return_val_if_fail (breaks != NULL, NULL);

  made = atlas_class_breaks_get_n_classes (breaks);
  asked = atlas_class_breaks_get_n_requested (breaks);
  if (made >= asked)
    return NULL;
  if (is_english (lang))
    return g_strdup_printf ("%u classes instead of the %u asked for: the values allow no more distinct class boundaries.",
                            made, asked);
  return g_strdup_printf ("%u klasser i stället för de %u som begärdes: värdena ger inte fler olika klassgränser.",
                          made, asked);
}

/**
 * atlas_class_breaks_boundary_note:
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer none): the rule for values on a class boundary
 */
const char *
atlas_class_breaks_boundary_note (const char *lang)
{
  return is_english (lang) ? "A value on a class boundary belongs to the lower class."
                           : "Ett värde på en klassgräns hör till den lägre klassen.";
}

/**
 * atlas_class_breaks_method_note:
 * @breaks: the classes
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * Returns: (transfer none) (nullable): for box and percentile maps, how
 *   their quartiles and percentiles are defined (the legend help and every
 *   figure state it); %NULL for other methods
 */
const char *
atlas_class_breaks_method_note (const AtlasClassBreaks *breaks,
                                const char             *lang)
{
  g_return_val_if_fail (breaks != NULL, NULL);

  switch (atlas_class_breaks_get_method (breaks))
    {
    case ATLAS_CLASS_METHOD_BOX:
    case ATLAS_CLASS_METHOD_BOX3:
      return is_english (lang)
        ? "Box map: quartiles by linear interpolation between ordered values (type 7, as Excel's QUARTILE.INC); "
          "outliers lie more than the hinge times the interquartile range (Q3 − Q1) beyond Q1 or Q3. "
          "An outlier class with no areas is shown empty."
        : "Boxkarta: kvartiler genom linjär interpolation mellan ordnade värden (typ 7, som Excels KVARTIL.INK); "
          "extremvärden ligger mer än gångjärnet gånger kvartilavståndet (Q3 − Q1) utanför Q1 eller Q3. "
          "En extremvärdesklass utan områden visas tom.";
    case ATLAS_CLASS_METHOD_PERCENTILE:
      return is_english (lang)
        ? "Percentile map: percentiles 1, 10, 50, 90 and 99 by linear interpolation between ordered values (type 7)."
        : "Percentilkarta: percentil 1, 10, 50, 90 och 99 genom linjär interpolation mellan ordnade värden (typ 7).";
    default:
      return NULL;
    }
}

/**
 * atlas_palette_describe_direction:
 * @palette: the colours of the map
 * @indicator: the indicator they show
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * What a darker colour means, for sequential palettes of indicators with a
 * direction: "Mörkare = sämre (lägre värden)" when higher is better and the
 * palette runs reversed by the polarity rule, "Mörkare = sämre (högre
 * värden)" when lower is better; "bättre" when the user turned it round.
 *
 * Returns: (transfer none) (nullable): the sentence, or %NULL for neutral
 *   indicators, categories and diverging schemes
 */
const char *
atlas_palette_describe_direction (const AtlasPalette *palette,
                                  AtlasIndicator     *indicator,
                                  const char         *lang)
{
  static const char * const texts[2][2][2] = {
    /* [english][darker is worse][darker is high] */
    { { "Mörkare = bättre (lägre värden)", "Mörkare = bättre (högre värden)" },
      { "Mörkare = sämre (lägre värden)", "Mörkare = sämre (högre värden)" } },
    { { "Darker = better (lower values)", "Darker = better (higher values)" },
      { "Darker = worse (lower values)", "Darker = worse (higher values)" } },
  };
  AtlasPolarity polarity;
  gboolean darker_is_high, worse_is_high;

  g_return_val_if_fail (palette != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  polarity = atlas_indicator_get_polarity (indicator);
  if (polarity == ATLAS_POLARITY_NEUTRAL
      || atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY
      || !atlas_palette_scheme_exists (atlas_palette_get_scheme (palette))
      || atlas_palette_scheme_get_kind (atlas_palette_get_scheme (palette)) != ATLAS_PALETTE_KIND_SEQUENTIAL)
    return NULL;

  /* Sequential schemes run light to dark for low to high values. */
  darker_is_high = !atlas_palette_is_reversed (palette);
  worse_is_high = polarity == ATLAS_POLARITY_LOWER_IS_BETTER;
  return texts[is_english (lang)][darker_is_high == worse_is_high][darker_is_high];
}

/**
 * atlas_division_dup_undrawn_note:
 * @division: a level
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 *
 * How many of the level's areas the map cannot draw (listed by an areas
 * table, or missing from the geometry file): "12 av 1 293 områden saknar
 * gränser och ritas inte".
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when every
 *   area is drawn
 */
char *
atlas_division_dup_undrawn_note (AtlasDivision *division,
                                 const char    *lang)
{
  guint undrawn, total;
  g_autofree char *undrawn_text = NULL;
  g_autofree char *total_text = NULL;

  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  undrawn = atlas_division_get_n_undrawn (division);
  total = atlas_division_get_n_areas (division);
  if (undrawn == 0)
    return NULL;
  undrawn_text = atlas_format_number (undrawn, 0, lang);
  total_text = atlas_format_number (total, 0, lang);
  if (is_english (lang))
    return g_strdup_printf (undrawn == 1 ? "%s of %s areas has no borders and is not drawn"
                                         : "%s of %s areas have no borders and are not drawn",
                            undrawn_text, total_text);
  return g_strdup_printf (total == 1 ? "%s av %s område saknar gränser och ritas inte"
                                     : "%s av %s områden saknar gränser och ritas inte",
                          undrawn_text, total_text);
}
