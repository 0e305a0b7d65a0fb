/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-indicator.h"

#define NBSP "\302\240"
#define MINUS_SIGN "\342\210\222"
#define EN_DASH "\342\200\223"

struct _AtlasIndicator
{
  GObject            parent_instance;

  char              *id;
  char              *theme_id;
  char              *source;
  char              *weight_id;
  AtlasText          name;
  AtlasText          short_label;
  AtlasText          definition;
  AtlasText          age_group;
  AtlasText          caveat;
  AtlasText          unit_label;
  AtlasIndicatorKind kind;
  AtlasUnit          unit;
  guint              decimals;
  AtlasPolarity      polarity;
  AtlasAggregation   aggregation;
  gboolean           demonstration;
  GArray            *categories; /* AtlasCategory */
  GHashTable        *category_index; /* code → index + 1 */
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHORT_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasIndicator, atlas_indicator, G_TYPE_OBJECT)

static void
copy_text (AtlasText       *dest,
           const AtlasText *src)
{
  atlas_text_clear (dest);
  if (src == NULL)
    return;
  dest->sv = g_strdup (src->sv);
  dest->en = g_strdup (src->en);
}

static void
clear_category (gpointer data)
{
  AtlasCategory *category = data;

  atlas_text_clear (&category->label);
}

static void
atlas_indicator_finalize (GObject *object)
{
  AtlasIndicator *self = ATLAS_INDICATOR (object);

  g_free (self->id);
  g_free (self->theme_id);
  g_free (self->source);
  g_free (self->weight_id);
  atlas_text_clear (&self->name);
  atlas_text_clear (&self->short_label);
  atlas_text_clear (&self->definition);
  atlas_text_clear (&self->age_group);
  atlas_text_clear (&self->caveat);
  atlas_text_clear (&self->unit_label);
  g_array_unref (self->categories);
  g_hash_table_unref (self->category_index);

  G_OBJECT_CLASS (atlas_indicator_parent_class)->finalize (object);
}

static void
atlas_indicator_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AtlasIndicator *self = ATLAS_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, atlas_indicator_get_name (self, NULL));
      break;
    case PROP_SHORT_LABEL:
      g_value_set_string (value, atlas_indicator_get_short_label (self, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_indicator_class_init (AtlasIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_indicator_finalize;
  object_class->get_property = atlas_indicator_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_LABEL] =
    g_param_spec_string ("short-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_indicator_init (AtlasIndicator *self)
{
  self->categories = g_array_new (FALSE, TRUE, sizeof (AtlasCategory));
  g_array_set_clear_func (self->categories, clear_category);
  self->category_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->unit = ATLAS_UNIT_COUNT;
  self->aggregation = ATLAS_AGGREGATION_NONE;
}

/**
 * atlas_indicator_new:
 * @id: the indicator id from the manifest
 *
 * Returns: (transfer full): a new indicator to fill with the setters
 */
AtlasIndicator *
atlas_indicator_new (const char *id)
{
  AtlasIndicator *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_INDICATOR, NULL);
  self->id = g_strdup (id);

  return self;
}

/**
 * atlas_indicator_set_texts:
 * @self: an indicator
 * @name: the name
 * @short_label: (nullable): a short label for narrow places
 * @definition: (nullable): what exactly is measured
 * @age_group: (nullable): the population it covers
 * @caveat: (nullable): how to read it correctly
 *
 * Copies the texts into the indicator.
 */
void
atlas_indicator_set_texts (AtlasIndicator  *self,
                           const AtlasText *name,
                           const AtlasText *short_label,
                           const AtlasText *definition,
                           const AtlasText *age_group,
                           const AtlasText *caveat)
{
  g_return_if_fail (ATLAS_IS_INDICATOR (self));
  g_return_if_fail (name != NULL);

  copy_text (&self->name, name);
  copy_text (&self->short_label, short_label);
  copy_text (&self->definition, definition);
  copy_text (&self->age_group, age_group);
  copy_text (&self->caveat, caveat);
}

void
atlas_indicator_set_properties (AtlasIndicator     *self,
                                const char         *theme_id,
                                AtlasIndicatorKind  kind,
                                AtlasUnit           unit,
                                guint               decimals,
                                AtlasPolarity       polarity,
                                const char         *source,
                                gboolean            demonstration)
{
  g_return_if_fail (ATLAS_IS_INDICATOR (self));

  g_free (self->theme_id);
  self->theme_id = g_strdup (theme_id);
  g_free (self->source);
  self->source = g_strdup (source);
  self->kind = kind;
  self->unit = unit;
  self->decimals = decimals;
  self->polarity = polarity;
  self->demonstration = !!demonstration;
}

/**
 * atlas_indicator_set_aggregation:
 * @self: an indicator
 * @aggregation: how parents' values are derived
 * @weight_id: (nullable): the weight indicator for a weighted mean
 */
void
atlas_indicator_set_aggregation (AtlasIndicator   *self,
                                 AtlasAggregation  aggregation,
                                 const char       *weight_id)
{
  g_return_if_fail (ATLAS_IS_INDICATOR (self));

  self->aggregation = aggregation;
  g_free (self->weight_id);
  self->weight_id = g_strdup (weight_id);
}

/**
 * atlas_indicator_add_category:
 * @self: an indicator
 * @category: a category; copied
 */
void
atlas_indicator_add_category (AtlasIndicator      *self,
                              const AtlasCategory *category)
{
  AtlasCategory copy;

  g_return_if_fail (ATLAS_IS_INDICATOR (self));
  g_return_if_fail (category != NULL);

  copy = *category;
  copy.label.sv = g_strdup (category->label.sv);
  copy.label.en = g_strdup (category->label.en);
  g_array_append_val (self->categories, copy);
  g_hash_table_insert (self->category_index, GINT_TO_POINTER (category->code),
                       GUINT_TO_POINTER (self->categories->len));
}

const char *
atlas_indicator_get_id (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return self->id;
}

const char *
atlas_indicator_get_theme_id (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return self->theme_id;
}

AtlasIndicatorKind
atlas_indicator_get_kind (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), ATLAS_INDICATOR_KIND_INDICATOR);

  return self->kind;
}

static const char *
get_optional_text (const AtlasText *text,
                   const char      *lang)
{
  if (text->sv == NULL && text->en == NULL)
    return NULL;

  return atlas_text_get (text, lang);
}

const char *
atlas_indicator_get_name (AtlasIndicator *self,
                          const char     *lang)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return get_optional_text (&self->name, lang);
}

/* Falls back to the name, so callers always have something to show. */
const char *
atlas_indicator_get_short_label (AtlasIndicator *self,
                                 const char     *lang)
{
  const char *label;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  label = get_optional_text (&self->short_label, lang);
  return label != NULL ? label : get_optional_text (&self->name, lang);
}

const char *
atlas_indicator_get_definition (AtlasIndicator *self,
                                const char     *lang)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return get_optional_text (&self->definition, lang);
}

const char *
atlas_indicator_get_age_group (AtlasIndicator *self,
                               const char     *lang)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return get_optional_text (&self->age_group, lang);
}

const char *
atlas_indicator_get_caveat (AtlasIndicator *self,
                            const char     *lang)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return get_optional_text (&self->caveat, lang);
}

/* Where to cut a paragraph longer than @max_chars: after its last
 * sentence that fits, else after its last word that fits ("…" added). */
static char *
cut_paragraph (const char *text,
               guint       max_chars,
               gboolean   *cut)
{
  const char *limit;
  const char *sentence = NULL;
  const char *word = NULL;
  g_autofree char *head = NULL;

  *cut = g_utf8_strlen (text, -1) > (glong) max_chars;
  if (!*cut)
    return g_strdup (text);
  limit = g_utf8_offset_to_pointer (text, max_chars);
  for (const char *p = text; p < limit; p++)
    {
      if (*p == '.' && p[1] == ' ' && p - text > (limit - text) / 3)
        sentence = p + 1;
      if (*p == ' ')
        word = p;
    }
  if (sentence != NULL)
    return g_strndup (text, sentence - text);
  head = g_strndup (text, (word != NULL ? word : limit) - text);
  return g_strconcat (g_strchomp (head), "…", NULL);
}

/**
 * atlas_indicator_dup_caveat_summary:
 * @self: an indicator
 * @lang: (nullable): "sv", "en", or %NULL for atlas_language()
 * @max_chars: the longest summary, in characters
 * @complete: (out) (optional): %TRUE when the summary is the whole caveat
 *
 * A caveat can carry every footnote of SCB's table, pages of them. Its
 * summary is its first paragraph (the package's own words, SCB's
 * footnotes follow on later lines), cut to @max_chars after a sentence or
 * a word, for legends; the full text belongs in a tooltip, the details
 * or the package.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL without a
 *   caveat
 */
char *
atlas_indicator_dup_caveat_summary (AtlasIndicator *self,
                                    const char     *lang,
                                    guint           max_chars,
                                    gboolean       *complete)
{
  const char *caveat;
  const char *newline;
  g_autofree char *first = NULL;
  gboolean cut;
  char *summary;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  caveat = atlas_indicator_get_caveat (self, lang);
  if (complete != NULL)
    *complete = TRUE;
  if (caveat == NULL || caveat[0] == '\0')
    return NULL;
  newline = strchr (caveat, '\n');
  first = newline != NULL ? g_strndup (caveat, newline - caveat) : g_strdup (caveat);
  summary = cut_paragraph (g_strstrip (first), MAX (max_chars, 16), &cut);
  if (complete != NULL)
    *complete = !cut && (newline == NULL || newline[strspn (newline, " \n")] == '\0');
  return summary;
}

const char *
atlas_indicator_get_source (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return self->source;
}

AtlasUnit
atlas_indicator_get_unit (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), ATLAS_UNIT_COUNT);

  return self->unit;
}

guint
atlas_indicator_get_decimals (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), 0);

  return self->decimals;
}

AtlasPolarity
atlas_indicator_get_polarity (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), ATLAS_POLARITY_NEUTRAL);

  return self->polarity;
}

AtlasAggregation
atlas_indicator_get_aggregation (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), ATLAS_AGGREGATION_NONE);

  return self->aggregation;
}

const char *
atlas_indicator_get_weight_id (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  return self->weight_id;
}

gboolean
atlas_indicator_is_demonstration (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), FALSE);

  return self->demonstration;
}

guint
atlas_indicator_get_n_categories (AtlasIndicator *self)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), 0);

  return self->categories->len;
}

/**
 * atlas_indicator_get_category:
 * @self: an indicator
 * @index: which category, in manifest order
 *
 * Returns: (transfer none): the category
 */
const AtlasCategory *
atlas_indicator_get_category (AtlasIndicator *self,
                              guint           index)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);

  return &g_array_index (self->categories, AtlasCategory, index);
}

/**
 * atlas_indicator_lookup_category:
 * @self: an indicator
 * @code: a category code
 *
 * Returns: (transfer none) (nullable): the category with @code
 */
const AtlasCategory *
atlas_indicator_lookup_category (AtlasIndicator *self,
                                 int             code)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  /* A hash: values are checked against the categories cell by cell. */
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->category_index, GINT_TO_POINTER (code)));
  return index > 0 ? &g_array_index (self->categories, AtlasCategory, index - 1) : NULL;
}

/**
 * atlas_format_number:
 * @value: a finite number
 * @decimals: digits after the decimal separator
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Formats with the C locale first, because the process locale may use a
 * decimal comma or none of our separators, then applies the language's.
 *
 * Returns: (transfer full): the number
 */
char *
atlas_format_number (double      value,
                     guint       decimals,
                     const char *lang)
{
  gboolean swedish = !g_str_equal (lang != NULL ? lang : atlas_language (), "en");
  char fmt[16];
  char digits[512];
  GString *out = g_string_new (NULL);
  gsize int_len;

  g_snprintf (fmt, sizeof fmt, "%%.%uf", decimals);
  g_ascii_formatd (digits, sizeof digits, fmt, fabs (value));
  int_len = strcspn (digits, ".");

  /* A value that rounds to zero has no sign. */
  if (value < 0 && strspn (digits, "0.") != strlen (digits))
    g_string_append (out, swedish ? MINUS_SIGN : "-");

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, swedish ? NBSP : ",");
      g_string_append_c (out, digits[i]);
    }

  if (digits[int_len] == '.')
    {
      g_string_append (out, swedish ? "," : ".");
      g_string_append (out, digits + int_len + 1);
    }

  return g_string_free (out, FALSE);
}

static char *
format_category (AtlasIndicator *self,
                 double          value,
                 const char     *lang)
{
  int code = (int) lround (value);
  const AtlasCategory *category = atlas_indicator_lookup_category (self, code);
  const char *label = category != NULL ? atlas_text_get (&category->label, lang) : NULL;

  if (label == NULL)
    return g_strdup_printf ("%d", code);

  return g_strdup_printf ("%d " EN_DASH " %s", code, label);
}

/**
 * atlas_indicator_format_value:
 * @self: an indicator
 * @value: a value, or NaN for a missing one
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Formats a value with the indicator's decimals and unit. Swedish uses a
 * decimal comma, no-break spaces between thousands and before the unit
 * ("12,3 %", "312 400 kr", "23,4 dagar"); English uses a decimal point and
 * comma thousands ("12.3%", "SEK 312,400"). Categories read
 * "4 – Goda socioekonomiska förutsättningar".
 *
 * Returns: (transfer full): the formatted value
 */
char *
atlas_indicator_format_value (AtlasIndicator *self,
                              double          value,
                              const char     *lang)
{
  g_autofree char *number = NULL;
  gboolean swedish;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  if (isnan (value))
    return g_strdup (_("No data"));

  if (lang == NULL)
    lang = atlas_language ();
  swedish = !g_str_equal (lang, "en");

  if (self->unit == ATLAS_UNIT_CATEGORY)
    return format_category (self, value, lang);

  number = atlas_format_number (value, self->decimals, lang);

  switch (self->unit)
    {
    case ATLAS_UNIT_PERCENT:
      return g_strconcat (number, swedish ? NBSP "%" : "%", NULL);
    case ATLAS_UNIT_SEK:
      return swedish ? g_strconcat (number, NBSP "kr", NULL)
                     : g_strconcat ("SEK" NBSP, number, NULL);
    case ATLAS_UNIT_DAYS:
      return g_strconcat (number, swedish ? NBSP "dagar" : NBSP "days", NULL);
    case ATLAS_UNIT_COUNT:
    case ATLAS_UNIT_INDEX:
    case ATLAS_UNIT_CATEGORY:
    default:
      return g_steal_pointer (&number);
    }
}

/**
 * atlas_indicator_set_unit_label:
 * @self: an indicator
 * @label: (nullable): what a count counts, or %NULL for the default
 */
void
atlas_indicator_set_unit_label (AtlasIndicator  *self,
                                const AtlasText *label)
{
  g_return_if_fail (ATLAS_IS_INDICATOR (self));

  copy_text (&self->unit_label, label);
}

/**
 * atlas_indicator_get_unit_label:
 * @self: an indicator
 * @lang: (nullable): "sv", "en" or %NULL for atlas_language()
 *
 * Returns: (transfer none): the unit as a legend shows it; empty for
 *   categories
 */
const char *
atlas_indicator_get_unit_label (AtlasIndicator *self,
                                const char     *lang)
{
  static const char * const labels[][2] = {
    [ATLAS_UNIT_PERCENT] = { "%", "%" },
    [ATLAS_UNIT_SEK] = { "kr", "SEK" },
    [ATLAS_UNIT_COUNT] = { "antal", "count" },
    [ATLAS_UNIT_DAYS] = { "dagar", "days" },
    [ATLAS_UNIT_INDEX] = { "index", "index" },
    [ATLAS_UNIT_CATEGORY] = { "", "" },
  };

  g_return_val_if_fail (ATLAS_IS_INDICATOR (self), NULL);

  if (lang == NULL)
    lang = atlas_language ();

  if (self->unit_label.sv != NULL || self->unit_label.en != NULL)
    return atlas_text_get (&self->unit_label, lang);

  return labels[self->unit][g_str_equal (lang, "en") ? 1 : 0];
}
