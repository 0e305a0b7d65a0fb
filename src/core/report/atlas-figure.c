/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "atlas-enum-types.h"
#include "atlas-export-private.h"
#include "atlas-figure.h"
#include "atlas-figure-private.h"

#define DEFAULT_DPI 150
#define MIN_DPI 36
#define MAX_DPI 1200
/* cairo image surfaces are limited to 32767 px a side. */
#define MAX_PIXELS 32767

struct _AtlasFigure
{
  GObject           parent_instance;

  AtlasDataset     *dataset;
  AtlasIndicator   *indicator;
  AtlasDivision    *division;
  guint             year;
  guint             since_year;  /* a change map from this year; 0: none */
  AtlasArea        *region;
  AtlasAreaFilter  *filter;
  AtlasPageFormat   page;
  guint             dpi;
  char             *title;
  char             *subtitle;
  char             *lang;
  AtlasClassification *classification;
  AtlasMapStyle     style;
  AtlasLabelMode    labels;
  AtlasSymbolMode   symbols;
  gboolean          has_extent;
  AtlasBBox         extent;
  AtlasInsetMode    inset;
  AtlasBBox         inset_box;
  AtlasArea        *marked[3];
};

G_DEFINE_FINAL_TYPE (AtlasFigure, atlas_figure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_INDICATOR,
  PROP_DIVISION,
  PROP_YEAR,
  PROP_SINCE_YEAR,
  PROP_REGION,
  PROP_PAGE,
  PROP_DPI,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_LANG,
  PROP_CLASSIFICATION,
  PROP_STYLE,
  PROP_LABELS,
  PROP_SYMBOLS,
  PROP_EXTENT,
  PROP_INSET,
  PROP_MARKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  AtlasPageFormat page;
  const char     *nick;
  double          width;
  double          height;
} page_formats[] = {
  { ATLAS_PAGE_A4_PORTRAIT, "a4-portrait", 595.276, 841.890 },
  { ATLAS_PAGE_A4_LANDSCAPE, "a4-landscape", 841.890, 595.276 },
  { ATLAS_PAGE_A3_LANDSCAPE, "a3-landscape", 1190.551, 841.890 },
  { ATLAS_PAGE_SLIDE_16X9, "slide-16x9", 960.0, 540.0 },
};

void
atlas_page_format_get_size (AtlasPageFormat  page,
                            double          *width_pt,
                            double          *height_pt)
{
  g_return_if_fail (page < G_N_ELEMENTS (page_formats));

  if (width_pt != NULL)
    *width_pt = page_formats[page].width;
  if (height_pt != NULL)
    *height_pt = page_formats[page].height;
}

const char *
atlas_page_format_to_nick (AtlasPageFormat page)
{
  g_return_val_if_fail (page < G_N_ELEMENTS (page_formats), NULL);

  return page_formats[page].nick;
}

gboolean
atlas_page_format_from_nick (const char      *nick,
                             AtlasPageFormat *page)
{
  g_return_val_if_fail (nick != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (page_formats); i++)
    if (g_str_equal (nick, page_formats[i].nick))
      {
        if (page != NULL)
          *page = page_formats[i].page;
        return TRUE;
      }

  return FALSE;
}

static const char * const figure_extensions[] = {
  [ATLAS_FIGURE_FORMAT_PNG] = "png",
  [ATLAS_FIGURE_FORMAT_PDF] = "pdf",
  [ATLAS_FIGURE_FORMAT_SVG] = "svg",
};

const char *
atlas_figure_format_get_extension (AtlasFigureFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (figure_extensions), NULL);

  return figure_extensions[format];
}

gboolean
atlas_figure_format_from_path (const char         *path,
                               AtlasFigureFormat  *format,
                               GError            **error)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (figure_extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, figure_extensions[i]) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Cannot export to “%s”: the file name must end in .png, .pdf or .svg"),
               path);
  return FALSE;
}

/* A change inside the classification is a change of the figure: previews
 * watching "notify" redraw. */
static void
on_classification_changed (AtlasFigure *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFICATION]);
}

/* Takes the reference; NULL makes a default classification. */
static void
set_classification (AtlasFigure         *self,
                    AtlasClassification *classification)
{
  if (self->classification != NULL)
    g_signal_handlers_disconnect_by_data (self->classification, self);
  g_clear_object (&self->classification);
  self->classification = classification != NULL ? classification : atlas_classification_new ();
  g_signal_connect_swapped (self->classification, "changed",
                            G_CALLBACK (on_classification_changed), self);
}

static void
atlas_figure_dispose (GObject *object)
{
  AtlasFigure *self = ATLAS_FIGURE (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->indicator);
  g_clear_object (&self->division);
  g_clear_object (&self->region);
  g_clear_pointer (&self->filter, atlas_area_filter_unref);
  if (self->classification != NULL)
    g_signal_handlers_disconnect_by_data (self->classification, self);
  g_clear_object (&self->classification);
  for (guint i = 0; i < G_N_ELEMENTS (self->marked); i++)
    g_clear_object (&self->marked[i]);

  G_OBJECT_CLASS (atlas_figure_parent_class)->dispose (object);
}

static void
atlas_figure_finalize (GObject *object)
{
  AtlasFigure *self = ATLAS_FIGURE (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->lang);

  G_OBJECT_CLASS (atlas_figure_parent_class)->finalize (object);
}

static void
atlas_figure_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasFigure *self = ATLAS_FIGURE (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_value_set_object (value, self->dataset); break;
    case PROP_INDICATOR: g_value_set_object (value, self->indicator); break;
    case PROP_DIVISION: g_value_set_object (value, self->division); break;
    case PROP_YEAR: g_value_set_uint (value, self->year); break;
    case PROP_SINCE_YEAR: g_value_set_uint (value, self->since_year); break;
    case PROP_REGION: g_value_set_object (value, self->region); break;
    case PROP_PAGE: g_value_set_enum (value, self->page); break;
    case PROP_DPI: g_value_set_uint (value, self->dpi); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SUBTITLE: g_value_set_string (value, self->subtitle); break;
    case PROP_LANG: g_value_set_string (value, self->lang); break;
    case PROP_CLASSIFICATION: g_value_set_object (value, self->classification); break;
    case PROP_STYLE: g_value_set_enum (value, self->style); break;
    case PROP_LABELS: g_value_set_enum (value, self->labels); break;
    case PROP_SYMBOLS: g_value_set_enum (value, self->symbols); break;
    case PROP_EXTENT: g_value_set_pointer (value, self->has_extent ? &self->extent : NULL); break;
    case PROP_INSET: g_value_set_enum (value, self->inset); break;
    case PROP_MARKED: g_value_set_pointer (value, self->marked); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_figure_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasFigure *self = ATLAS_FIGURE (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_set_object (&self->dataset, g_value_get_object (value)); break;
    case PROP_INDICATOR: atlas_figure_set_indicator (self, g_value_get_object (value)); break;
    case PROP_DIVISION: atlas_figure_set_division (self, g_value_get_object (value)); break;
    case PROP_YEAR: atlas_figure_set_year (self, g_value_get_uint (value)); break;
    case PROP_SINCE_YEAR: atlas_figure_set_since_year (self, g_value_get_uint (value)); break;
    case PROP_REGION: atlas_figure_set_region (self, g_value_get_object (value)); break;
    case PROP_PAGE: atlas_figure_set_page (self, g_value_get_enum (value)); break;
    case PROP_DPI: atlas_figure_set_dpi (self, g_value_get_uint (value)); break;
    case PROP_TITLE: atlas_figure_set_title (self, g_value_get_string (value)); break;
    case PROP_SUBTITLE: atlas_figure_set_subtitle (self, g_value_get_string (value)); break;
    case PROP_LANG: atlas_figure_set_lang (self, g_value_get_string (value)); break;
    case PROP_CLASSIFICATION: atlas_figure_set_classification (self, g_value_get_object (value)); break;
    case PROP_STYLE: atlas_figure_set_style (self, g_value_get_enum (value)); break;
    case PROP_LABELS: atlas_figure_set_labels (self, g_value_get_enum (value)); break;
    case PROP_SYMBOLS: atlas_figure_set_symbols (self, g_value_get_enum (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDICATOR] =
    g_param_spec_object ("indicator", NULL, NULL, ATLAS_TYPE_INDICATOR, PARAM_FLAGS);
  properties[PROP_DIVISION] =
    g_param_spec_object ("division", NULL, NULL, ATLAS_TYPE_DIVISION, PARAM_FLAGS);
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 0, G_MAXUINT, 0, PARAM_FLAGS);
  properties[PROP_SINCE_YEAR] =
    g_param_spec_uint ("since-year", NULL, NULL, 0, G_MAXUINT, 0, PARAM_FLAGS);
  properties[PROP_REGION] =
    g_param_spec_object ("region", NULL, NULL, ATLAS_TYPE_AREA, PARAM_FLAGS);
  properties[PROP_PAGE] =
    g_param_spec_enum ("page", NULL, NULL, ATLAS_TYPE_PAGE_FORMAT,
                       ATLAS_PAGE_A4_PORTRAIT, PARAM_FLAGS);
  properties[PROP_DPI] =
    g_param_spec_uint ("dpi", NULL, NULL, MIN_DPI, MAX_DPI, DEFAULT_DPI, PARAM_FLAGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_LANG] = g_param_spec_string ("lang", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CLASSIFICATION] =
    g_param_spec_object ("classification", NULL, NULL, ATLAS_TYPE_CLASSIFICATION, PARAM_FLAGS);
  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL, ATLAS_TYPE_MAP_STYLE,
                       ATLAS_MAP_STYLE_LIGHT, PARAM_FLAGS);
  properties[PROP_LABELS] =
    g_param_spec_enum ("labels", NULL, NULL, ATLAS_TYPE_LABEL_MODE, ATLAS_LABEL_AUTO, PARAM_FLAGS);
  properties[PROP_SYMBOLS] =
    g_param_spec_enum ("symbols", NULL, NULL, ATLAS_TYPE_SYMBOL_MODE, ATLAS_SYMBOL_AUTO, PARAM_FLAGS);
  /* Read-only views of what the setters change, for "notify" watchers. */
  properties[PROP_EXTENT] =
    g_param_spec_pointer ("extent", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSET] =
    g_param_spec_enum ("inset", NULL, NULL, ATLAS_TYPE_INSET_MODE, ATLAS_INSET_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARKED] =
    g_param_spec_pointer ("marked-areas", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_figure_class_init (AtlasFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_figure_dispose;
  object_class->finalize = atlas_figure_finalize;
  object_class->get_property = atlas_figure_get_property;
  object_class->set_property = atlas_figure_set_property;
  install_properties (object_class);
}

static void
atlas_figure_init (AtlasFigure *self)
{
  self->page = ATLAS_PAGE_A4_PORTRAIT;
  self->dpi = DEFAULT_DPI;
  self->lang = g_strdup (atlas_language ());
  self->style = ATLAS_MAP_STYLE_LIGHT;
  set_classification (self, NULL);
}

/**
 * atlas_figure_new:
 * @dataset: the package
 * @indicator: (nullable): what to map
 * @division: (nullable): the level of the map's areas
 * @year: the year of the values
 *
 * Returns: (transfer full): a new figure on A4 portrait, classified by
 * quantiles into 5 classes fixed over all years
 */
AtlasFigure *
atlas_figure_new (AtlasDataset   *dataset,
                  AtlasIndicator *indicator,
                  AtlasDivision  *division,
                  guint           year)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  return g_object_new (ATLAS_TYPE_FIGURE,
                       "dataset", dataset,
                       "indicator", indicator,
                       "division", division,
                       "year", year,
                       NULL);
}

/**
 * atlas_figure_copy:
 *
 * Returns: (transfer full): an independent figure with the same settings
 */
AtlasFigure *
atlas_figure_copy (AtlasFigure *self)
{
  AtlasFigure *copy;

  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);

  copy = atlas_figure_new (self->dataset, self->indicator, self->division, self->year);
  g_set_object (&copy->region, self->region);
  atlas_figure_set_filter (copy, self->filter);
  copy->page = self->page;
  copy->dpi = self->dpi;
  copy->title = g_strdup (self->title);
  copy->subtitle = g_strdup (self->subtitle);
  g_free (copy->lang);
  copy->lang = g_strdup (self->lang);
  set_classification (copy, atlas_classification_copy (self->classification));
  copy->style = self->style;
  copy->since_year = self->since_year;
  copy->labels = self->labels;
  copy->symbols = self->symbols;
  copy->has_extent = self->has_extent;
  copy->extent = self->extent;
  copy->inset = self->inset;
  copy->inset_box = self->inset_box;
  for (guint i = 0; i < G_N_ELEMENTS (self->marked); i++)
    g_set_object (&copy->marked[i], self->marked[i]);

  return copy;
}

/* Accessors. Setters return early when nothing changes, then notify. */

AtlasDataset *
atlas_figure_get_dataset (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->dataset;
}

AtlasIndicator *
atlas_figure_get_indicator (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->indicator;
}

void
atlas_figure_set_indicator (AtlasFigure    *self,
                            AtlasIndicator *indicator)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (indicator == NULL || ATLAS_IS_INDICATOR (indicator));

  if (g_set_object (&self->indicator, indicator))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

AtlasDivision *
atlas_figure_get_division (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->division;
}

void
atlas_figure_set_division (AtlasFigure   *self,
                           AtlasDivision *division)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (division == NULL || ATLAS_IS_DIVISION (division));

  if (g_set_object (&self->division, division))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIVISION]);
}

guint
atlas_figure_get_year (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), 0);
  return self->year;
}

void
atlas_figure_set_year (AtlasFigure *self,
                       guint        year)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * atlas_figure_get_since_year:
 * @self: a figure
 *
 * Returns: the year a change map starts from, or 0 for a map of the
 *   values of the year
 */
guint
atlas_figure_get_since_year (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), 0);

  return self->since_year;
}

/**
 * atlas_figure_set_since_year:
 * @self: a figure
 * @since_year: the earlier year of a change map (the change from it to
 *   the figure's year, centred on zero on a diverging palette), or 0
 */
void
atlas_figure_set_since_year (AtlasFigure *self,
                             guint        since_year)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (self->since_year == since_year)
    return;
  self->since_year = since_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE_YEAR]);
}

AtlasArea *
atlas_figure_get_region (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->region;
}

void
atlas_figure_set_region (AtlasFigure *self,
                         AtlasArea   *region)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (region == NULL || ATLAS_IS_AREA (region));

  if (g_set_object (&self->region, region))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

/**
 * atlas_figure_get_filter:
 * @self: a figure
 *
 * Returns: (transfer none) (nullable): the areas shown, or %NULL for all
 */
AtlasAreaFilter *
atlas_figure_get_filter (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->filter;
}

/**
 * atlas_figure_set_filter:
 * @self: a figure
 * @filter: (nullable): show only the areas it allows, or %NULL for all
 *
 * The caption says which areas are shown; class boundaries stay those of
 * all areas, so filtered and unfiltered maps compare.
 */
void
atlas_figure_set_filter (AtlasFigure     *self,
                         AtlasAreaFilter *filter)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (atlas_area_filter_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, atlas_area_filter_unref);
  if (filter != NULL)
    self->filter = atlas_area_filter_ref (filter);
}

AtlasPageFormat
atlas_figure_get_page (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), ATLAS_PAGE_A4_PORTRAIT);
  return self->page;
}

void
atlas_figure_set_page (AtlasFigure     *self,
                       AtlasPageFormat  page)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (page < G_N_ELEMENTS (page_formats));

  if (self->page == page)
    return;
  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

guint
atlas_figure_get_dpi (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), DEFAULT_DPI);
  return self->dpi;
}

void
atlas_figure_set_dpi (AtlasFigure *self,
                      guint        dpi)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (dpi >= MIN_DPI && dpi <= MAX_DPI);

  if (self->dpi == dpi)
    return;
  self->dpi = dpi;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DPI]);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
atlas_figure_get_title (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->title;
}

void
atlas_figure_set_title (AtlasFigure *self,
                        const char  *title)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
atlas_figure_get_subtitle (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->subtitle;
}

void
atlas_figure_set_subtitle (AtlasFigure *self,
                           const char  *subtitle)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (replace_string (&self->subtitle, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
atlas_figure_get_lang (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), "sv");
  return self->lang;
}

/* lang: "sv" or "en"; NULL for atlas_language(). */
void
atlas_figure_set_lang (AtlasFigure *self,
                       const char  *lang)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (lang == NULL)
    lang = atlas_language ();
  g_return_if_fail (g_str_equal (lang, "sv") || g_str_equal (lang, "en"));

  if (replace_string (&self->lang, lang))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

/**
 * atlas_figure_get_classification:
 *
 * Returns: (transfer none): how the figure classifies and colours
 */
AtlasClassification *
atlas_figure_get_classification (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  return self->classification;
}

/**
 * atlas_figure_set_classification:
 * @classification: (nullable): the settings to follow; NULL for defaults
 *
 * The figure follows later changes of @classification; pass a copy
 * (atlas_classification_copy()) to keep the figure's own.
 */
void
atlas_figure_set_classification (AtlasFigure         *self,
                                 AtlasClassification *classification)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (classification == NULL || ATLAS_IS_CLASSIFICATION (classification));

  if (classification != NULL && self->classification == classification)
    return;
  set_classification (self, classification != NULL ? g_object_ref (classification) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFICATION]);
}

AtlasMapStyle
atlas_figure_get_style (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), ATLAS_MAP_STYLE_LIGHT);
  return self->style;
}

void
atlas_figure_set_style (AtlasFigure   *self,
                        AtlasMapStyle  style)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  if (self->style == style)
    return;
  self->style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

AtlasLabelMode
atlas_figure_get_labels (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), ATLAS_LABEL_AUTO);
  return self->labels;
}

void
atlas_figure_set_labels (AtlasFigure    *self,
                         AtlasLabelMode  labels)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (labels <= ATLAS_LABEL_OFF);

  if (self->labels == labels)
    return;
  self->labels = labels;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABELS]);
}

AtlasSymbolMode
atlas_figure_get_symbols (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), ATLAS_SYMBOL_AUTO);
  return self->symbols;
}

void
atlas_figure_set_symbols (AtlasFigure     *self,
                          AtlasSymbolMode  symbols)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (symbols <= ATLAS_SYMBOL_CHOROPLETH);

  if (self->symbols == symbols)
    return;
  self->symbols = symbols;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOLS]);
}

/* Circles stand for amounts: only counts, whose sizes add up; shares and
 * rates stay choropleths whatever is asked. */
gboolean
atlas_figure_uses_circles (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), FALSE);

  return self->indicator != NULL
         && atlas_indicator_get_unit (self->indicator) == ATLAS_UNIT_COUNT
         && self->symbols != ATLAS_SYMBOL_CHOROPLETH;
}

static gboolean
bbox_equal (const AtlasBBox *a,
            const AtlasBBox *b)
{
  return a->min_x == b->min_x && a->min_y == b->min_y && a->max_x == b->max_x && a->max_y == b->max_y;
}

/**
 * atlas_figure_set_extent:
 * @extent: (nullable): a box in longitude/latitude, or NULL for the whole
 *   level or region
 */
void
atlas_figure_set_extent (AtlasFigure     *self,
                         const AtlasBBox *extent)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (extent == NULL || !atlas_bbox_is_empty (extent));

  if ((extent == NULL && !self->has_extent)
      || (extent != NULL && self->has_extent && bbox_equal (extent, &self->extent)))
    return;
  self->has_extent = extent != NULL;
  if (extent != NULL)
    self->extent = *extent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENT]);
}

/**
 * atlas_figure_get_extent:
 * @extent: (out) (optional): the box, when there is one
 *
 * Returns: TRUE when the figure frames an extent of its own
 */
gboolean
atlas_figure_get_extent (AtlasFigure *self,
                         AtlasBBox   *extent)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), FALSE);

  if (self->has_extent && extent != NULL)
    *extent = self->extent;
  return self->has_extent;
}

void
atlas_figure_set_inset (AtlasFigure     *self,
                        AtlasInsetMode   mode,
                        const AtlasBBox *bbox)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (mode <= ATLAS_INSET_BBOX);
  g_return_if_fail (mode != ATLAS_INSET_BBOX || (bbox != NULL && !atlas_bbox_is_empty (bbox)));

  if (self->inset == mode && (mode != ATLAS_INSET_BBOX || bbox_equal (bbox, &self->inset_box)))
    return;
  self->inset = mode;
  if (mode == ATLAS_INSET_BBOX)
    self->inset_box = *bbox;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSET]);
}

/**
 * atlas_figure_get_inset:
 * @bbox: (out) (optional): the inset's box for ATLAS_INSET_BBOX
 */
AtlasInsetMode
atlas_figure_get_inset (AtlasFigure *self,
                        AtlasBBox   *bbox)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), ATLAS_INSET_NONE);

  if (bbox != NULL && self->inset == ATLAS_INSET_BBOX)
    *bbox = self->inset_box;
  return self->inset;
}

/**
 * atlas_figure_set_marked_areas:
 * @selected: (nullable): the selected area
 * @compare_a: (nullable): comparison area A
 * @compare_b: (nullable): comparison area B
 */
void
atlas_figure_set_marked_areas (AtlasFigure *self,
                               AtlasArea   *selected,
                               AtlasArea   *compare_a,
                               AtlasArea   *compare_b)
{
  gboolean changed = FALSE;

  g_return_if_fail (ATLAS_IS_FIGURE (self));

  changed |= g_set_object (&self->marked[0], selected);
  changed |= g_set_object (&self->marked[1], compare_a);
  changed |= g_set_object (&self->marked[2], compare_b);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKED]);
}

static gboolean
area_in_scope (AtlasArea *area,
               AtlasArea *scope);

gboolean
atlas_figure_shows_area (AtlasFigure *self,
                         AtlasArea   *area)
{
  AtlasGeometry *geometry;
  const AtlasBBox *box;

  g_return_val_if_fail (ATLAS_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_AREA (area), FALSE);

  if (self->region != NULL && atlas_area_get_geometry (self->region) != NULL
      && !area_in_scope (area, self->region))
    return FALSE;
  if (!self->has_extent)
    return TRUE;
  geometry = atlas_area_get_geometry (area);
  if (geometry == NULL)
    return FALSE;
  box = atlas_geometry_get_bbox (geometry);
  return box->max_x >= self->extent.min_x && box->min_x <= self->extent.max_x
         && box->max_y >= self->extent.min_y && box->min_y <= self->extent.max_y;
}

gboolean
atlas_bbox_parse (const char  *text,
                  AtlasBBox   *bbox,
                  GError     **error)
{
  g_auto(GStrv) parts = NULL;
  double v[4];

  g_return_val_if_fail (text != NULL && bbox != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      if (parts[i] == NULL)
        break;
      v[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (v[i]))
        break;
      if (i == 3 && parts[4] == NULL && v[0] < v[2] && v[1] < v[3]
          && v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90)
        {
          *bbox = (AtlasBBox) { v[0], v[1], v[2], v[3] };
          return TRUE;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a box: expected four numbers minlon,minlat,maxlon,maxlat in degrees "
                 "(for example 17.5,59.8,17.8,59.9), with min below max"), text);
  return FALSE;
}

/**
 * atlas_figure_dup_display_title:
 *
 * Returns: (transfer full): the title that will be printed
 */
char *
atlas_figure_dup_display_title (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);

  if (self->title != NULL)
    return g_strdup (self->title);
  return atlas_figure_default_title (self);
}

/**
 * atlas_figure_dup_display_subtitle:
 *
 * Returns: (transfer full): the subtitle that will be printed
 */
char *
atlas_figure_dup_display_subtitle (AtlasFigure *self)
{
  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);

  if (self->subtitle != NULL)
    return g_strdup (self->subtitle);
  return atlas_figure_default_subtitle (self);
}

void
atlas_figure_get_page_size (AtlasFigure *self,
                            double      *width_pt,
                            double      *height_pt)
{
  g_return_if_fail (ATLAS_IS_FIGURE (self));

  atlas_page_format_get_size (self->page, width_pt, height_pt);
}

gboolean
atlas_figure_check (AtlasFigure  *self,
                    GError      **error)
{
  AtlasFigurePlan plan = { 0 };
  gboolean ok;

  g_return_val_if_fail (ATLAS_IS_FIGURE (self), FALSE);

  ok = atlas_figure_plan_init (&plan, self, error);
  atlas_figure_plan_clear (&plan);
  return ok;
}

/**
 * atlas_figure_draw:
 * @cr: a context whose user space is in points
 *
 * Draws the whole page, for previews and for every export format.
 */
void
atlas_figure_draw (AtlasFigure *self,
                   cairo_t     *cr,
                   double       width_pt,
                   double       height_pt)
{
  AtlasFigurePlan plan = { 0 };
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (cr != NULL);

  if (atlas_figure_plan_init (&plan, self, &error))
    atlas_figure_page_draw (self, &plan, cr, width_pt, height_pt, NULL);
  else
    atlas_figure_page_draw_problem (self, error, cr, width_pt, height_pt);
  atlas_figure_plan_clear (&plan);
}

/**
 * atlas_figure_draw_map:
 * @self: a figure
 * @cr: where to draw, in points
 * @width_pt: the width to fill
 * @height_pt: the height to fill
 *
 * The figure's map and legend only, without title and caption, framed as
 * on the page: for small previews such as the import assistant's. When
 * the figure cannot be drawn the area says why instead.
 */
void
atlas_figure_draw_map (AtlasFigure *self,
                       cairo_t     *cr,
                       double       width_pt,
                       double       height_pt)
{
  AtlasFigurePlan plan = { 0 };
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (cr != NULL);

  if (atlas_figure_plan_init (&plan, self, &error))
    atlas_figure_page_draw_map (self, &plan, cr, width_pt, height_pt);
  else
    atlas_figure_page_draw_problem (self, error, cr, width_pt, height_pt);
  atlas_figure_plan_clear (&plan);
}

/* Export: the page is rendered into memory, then written atomically by
 * the helpers every export shares (atlas-export-private.h): nothing
 * half-written is ever visible, and a failure leaves no file behind. */

/* "20–64 år · procent. Källa: SCB": what the document is about, for
 * file browsers and reference managers. */
static char *
pdf_subject (AtlasFigure           *self,
             const AtlasFigurePlan *plan)
{
  const char *source = self->indicator != NULL ? atlas_indicator_get_source (self->indicator) : NULL;

  if (source == NULL || source[0] == '\0')
    return g_strdup (plan->subtitle);
  if (plan->subtitle == NULL || plan->subtitle[0] == '\0')
    return g_strconcat (atlas_figure_label (self->lang, FIGURE_LABEL_SOURCE), source, NULL);
  return g_strconcat (plan->subtitle, ". ", atlas_figure_label (self->lang, FIGURE_LABEL_SOURCE), source, NULL);
}

static cairo_surface_t *
create_vector_surface (AtlasFigure           *self,
                       const AtlasFigurePlan *plan,
                       AtlasFigureFormat      format,
                       GByteArray            *bytes,
                       double                 width,
                       double                 height)
{
  cairo_surface_t *surface;

  if (format == ATLAS_FIGURE_FORMAT_PDF)
    {
      g_autofree char *subject = pdf_subject (self, plan);

      surface = cairo_pdf_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Platsatlas");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, plan->title);
      if (subject != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
      return surface;
    }

  surface = cairo_svg_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  return surface;
}

/* The document's title as an SVG <title>, for screen readers and file
 * browsers. */
static void
svg_add_title (GByteArray *bytes,
               const char *title)
{
  const char *data = (const char *) bytes->data;
  const char *svg = g_strstr_len (data, bytes->len, "<svg");
  const char *end = svg != NULL ? memchr (svg, '>', bytes->len - (svg - data)) : NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *element = NULL;

  if (end == NULL)
    return;
  escaped = g_markup_escape_text (title, -1);
  element = g_strdup_printf ("\n<title>%s</title>", escaped);
  /* A GByteArray is a GArray of guint8. */
  g_array_insert_vals ((GArray *) bytes, end + 1 - data, element, strlen (element));
}

/* SVG text is recorded while drawing and added as real <text> afterwards:
 * cairo would write it as glyph outlines (atlas-figure-svg.c). */
static gboolean
render_vector (AtlasFigure            *self,
               const AtlasFigurePlan  *plan,
               AtlasFigureFormat       format,
               GByteArray             *bytes,
               const char             *path,
               GError                **error)
{
  g_autoptr(GPtrArray) text_runs = NULL;
  double width = 0, height = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (format == ATLAS_FIGURE_FORMAT_SVG)
    text_runs = atlas_figure_text_runs_new ();
  atlas_page_format_get_size (self->page, &width, &height);
  surface = create_vector_surface (self, plan, format, bytes, width, height);
  cr = cairo_create (surface);
  atlas_figure_page_draw (self, plan, cr, width, height, text_runs);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = atlas_export_check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && text_runs != NULL)
    {
      atlas_figure_svg_add_text (bytes, text_runs);
      svg_add_title (bytes, plan->title);
    }

  return ok;
}

static gboolean
render_png (AtlasFigure            *self,
            const AtlasFigurePlan  *plan,
            GByteArray             *bytes,
            const char             *path,
            GError                **error)
{
  double width = 0, height = 0;
  int px_width, px_height;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (self->page, &width, &height);
  px_width = (int) round (width * self->dpi / 72.0);
  px_height = (int) round (height * self->dpi / 72.0);
  g_assert (px_width <= MAX_PIXELS && px_height <= MAX_PIXELS);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, px_width, px_height);
  cr = cairo_create (surface);
  cairo_scale (cr, px_width / width, px_height / height);
  atlas_figure_page_draw (self, plan, cr, width, height, NULL);
  cairo_destroy (cr);
  ok = atlas_export_check_surface (surface, path, error);
  if (ok && cairo_surface_write_to_png_stream (surface, atlas_export_append_bytes, bytes) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot export to “%s”: the PNG image could not be encoded"), path);
      ok = FALSE;
    }
  cairo_surface_destroy (surface);

  return ok;
}

static gboolean
render_to_bytes (AtlasFigure        *self,
                 AtlasFigureFormat   format,
                 GByteArray         *bytes,
                 const char         *path,
                 GCancellable       *cancellable,
                 GError            **error)
{
  AtlasFigurePlan plan = { 0 };
  gboolean ok;

  if (!atlas_figure_plan_init (&plan, self, error))
    {
      atlas_figure_plan_clear (&plan);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (format == ATLAS_FIGURE_FORMAT_PNG)
    ok = render_png (self, &plan, bytes, path, error);
  else
    ok = render_vector (self, &plan, format, bytes, path, error);
  atlas_figure_plan_clear (&plan);

  return ok;
}

/**
 * atlas_figure_export:
 * @path: ends in .png, .pdf or .svg
 *
 * Errors: G_IO_ERROR for the file (unknown extension, missing folder,
 * not writable, cancelled), ATLAS_DATASET_ERROR for the data (no values
 * for the year, unknown indicator or level).
 *
 * Returns: TRUE when the file was written
 */
gboolean
atlas_figure_export (AtlasFigure   *self,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  AtlasFigureFormat format;
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (ATLAS_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!atlas_figure_format_from_path (path, &format, error)
      || !atlas_export_check_directory (path, error))
    return FALSE;

  bytes = g_byte_array_new ();
  if (!render_to_bytes (self, format, bytes, path, cancellable, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return atlas_export_write_bytes (path, bytes, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AtlasFigure *copy = g_object_get_data (G_OBJECT (task), "figure-copy");
  GError *error = NULL;

  if (atlas_figure_export (copy, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * atlas_figure_export_async:
 *
 * Exports a snapshot of the figure's current settings in a worker thread,
 * so the figure may change while the export runs.
 */
void
atlas_figure_export_async (AtlasFigure         *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATLAS_IS_FIGURE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_figure_export_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "figure-copy",
                          atlas_figure_copy (self), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

gboolean
atlas_figure_export_finish (AtlasFigure   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_figure_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Batch export */

static char *
sanitize_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *result = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (result, g_ascii_tolower (*p));
      else if (result->len > 0 && result->str[result->len - 1] != '-')
        g_string_append_c (result, '-');
    }
  while (result->len > 0 && result->str[result->len - 1] == '-')
    g_string_truncate (result, result->len - 1);

  return g_string_free (result, FALSE);
}

/**
 * atlas_figure_batch_file_name:
 *
 * Returns: (transfer full): "0380-uppsala.pdf", or "0380C1010.pdf" for an
 * area without a name; "area-12.pdf" (its index) when the code has no
 * letter or digit, so that a name is never just ".pdf"
 */
char *
atlas_figure_batch_file_name (AtlasArea         *area,
                              AtlasFigureFormat  format)
{
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  const char *extension = atlas_figure_format_get_extension (format);

  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);

  code = sanitize_name (atlas_area_get_code (area));
  if (*code == '\0')
    {
      g_free (code);
      code = g_strdup_printf ("area-%u", atlas_area_get_index (area));
    }
  if (atlas_area_get_name (area) != NULL)
    name = sanitize_name (atlas_area_get_name (area));

  if (name == NULL || *name == '\0')
    return g_strdup_printf ("%s.%s", code, extension);
  return g_strdup_printf ("%s-%s.%s", code, name, extension);
}

/* Codes are unique, but two may sanitise alike ("01 a", "01-a"): a
 * clash gets "-2", "-3" before the extension. */
static char *
unique_file_name (AtlasArea         *area,
                  AtlasFigureFormat  format,
                  GHashTable        *used)
{
  char *name = atlas_figure_batch_file_name (area, format);
  const char *extension = atlas_figure_format_get_extension (format);
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (extension) - 1);

  for (guint n = 2; g_hash_table_contains (used, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u.%s", stem, n, extension);
    }
  g_hash_table_add (used, g_strdup (name));
  return name;
}

/* Within the figure's own region, if it has one ("every kommun of a län"). */
static gboolean
area_in_scope (AtlasArea *area,
               AtlasArea *scope)
{
  for (AtlasArea *a = area; a != NULL; a = atlas_area_get_parent (a))
    if (a == scope)
      return TRUE;
  return scope == NULL;
}

/* One figure of a batch: where it goes and whether the file was there. */
typedef struct
{
  AtlasArea *area;
  char      *path;
  gboolean   existed;
  gboolean   written;
} BatchItem;

static void
batch_item_clear (gpointer data)
{
  BatchItem *item = data;

  g_free (item->path);
}

/* Removes only what this export created: never a file that was there. */
static void
roll_back (GArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      BatchItem *item = &g_array_index (items, BatchItem, i);

      if (item->written && !item->existed)
        g_unlink (item->path);
    }
}

static GArray *
plan_batch (AtlasFigure       *self,
            AtlasDivision     *regions,
            const char        *directory,
            AtlasFigureFormat  format)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *items = g_array_new (FALSE, TRUE, sizeof (BatchItem));

  g_array_set_clear_func (items, batch_item_clear);
  for (guint i = 0; i < atlas_division_get_n_areas (regions); i++)
    {
      AtlasArea *area = atlas_division_get_area (regions, i);
      g_autofree char *name = NULL;
      BatchItem item = { area, NULL, FALSE, FALSE };

      if (!area_in_scope (area, self->region))
        continue;
      name = unique_file_name (area, format, used);
      item.path = g_build_filename (directory, name, NULL);
      item.existed = g_file_test (item.path, G_FILE_TEST_EXISTS) ||
                     g_file_test (item.path, G_FILE_TEST_IS_SYMLINK);
      g_array_append_val (items, item);
    }

  return items;
}

static gboolean
check_no_existing (GArray      *items,
                   const char  *directory,
                   GError     **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      BatchItem *item = &g_array_index (items, BatchItem, i);
      g_autofree char *name = NULL;

      if (!item->existed)
        continue;
      name = g_path_get_basename (item->path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Cannot export into “%s”: “%s” is already there; choose another folder or allow replacing existing files"),
                   directory, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
export_one (AtlasFigure   *self,
            BatchItem     *item,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(AtlasFigure) copy = atlas_figure_copy (self);

  atlas_figure_set_region (copy, item->area);
  if (!atlas_figure_export (copy, item->path, cancellable, error))
    return FALSE;

  item->written = TRUE;
  return TRUE;
}

static char **
written_paths (GArray *items)
{
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (paths, g_strdup (g_array_index (items, BatchItem, i).path));
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (paths, FALSE);
}

/**
 * atlas_figure_export_batch:
 * @regions: the division whose areas frame one figure each; only areas
 *   within the figure's own region when it has one
 *
 * Returns: (transfer full) (nullable): the written paths, NULL-terminated
 */
char **
atlas_figure_export_batch (AtlasFigure        *self,
                           AtlasDivision      *regions,
                           const char         *directory,
                           AtlasFigureFormat   format,
                           GCancellable       *cancellable,
                           GError            **error)
{
  return atlas_figure_export_batch_full (self, regions, directory, format,
                                         ATLAS_BATCH_NONE, cancellable, error);
}

char **
atlas_figure_export_batch_full (AtlasFigure        *self,
                                AtlasDivision      *regions,
                                const char         *directory,
                                AtlasFigureFormat   format,
                                AtlasBatchFlags     flags,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(GArray) items = NULL;

  g_return_val_if_fail (ATLAS_IS_FIGURE (self), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (regions), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot export into “%s”: the folder does not exist"), directory);
      return NULL;
    }

  items = plan_batch (self, regions, directory, format);
  if (!(flags & ATLAS_BATCH_OVERWRITE) && !check_no_existing (items, directory, error))
    return NULL;

  for (guint i = 0; i < items->len; i++)
    if (!export_one (self, &g_array_index (items, BatchItem, i), cancellable, error))
      {
        roll_back (items);
        return NULL;
      }

  return written_paths (items);
}
