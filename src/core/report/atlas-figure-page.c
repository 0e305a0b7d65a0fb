/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-basemap.h"
#include "atlas-class-labels.h"
#include "atlas-change.h"
#include "atlas-figure-private.h"
#include "atlas-labels.h"
#include "atlas-map-renderer.h"

/* Page composition in points. Text uses cairo's toy API (core has no
 * Pango): it stays real, selectable text in PDF, and is wrapped by
 * measuring words with cairo_text_extents(). */

#define FONT_FAMILY "Cantarell"
/* The map is drawn in half-points: the renderer drops vertices closer
 * than one of its pixels and draws hairlines one pixel wide, which on
 * paper should be finer than a point. */
#define MAP_UNITS_PER_PT 2.0
#define EARTH_CIRCUMFERENCE_M 40075016.686
/* Names on the map when at most this many areas are shown (labels auto). */
#define AUTO_LABEL_MAX_AREAS 60
/* The largest circle's radius as a share of the map's shorter side. */
#define CIRCLE_MAX_SHARE 0.075
#define CIRCLE_RGB 0x2a6fb0

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} Rect;

/* Sizes in points for one page format. */
typedef struct
{
  double margin;
  double gap;
  double title;
  double subtitle;
  double badge;
  double legend_title;
  double legend;
  double caption;
  double swatch_w;
  double swatch_h;
  gboolean side;       /* legend in a column right of the map */
} PageStyle;

typedef struct
{
  AtlasFigure           *figure;
  const AtlasFigurePlan *plan;
  cairo_t               *cr;
  const char            *lang;
  PageStyle              style;
  gboolean               demonstration;
  GPtrArray             *text_runs;   /* SVG: text recorded, not drawn */
  double                 max_radius;  /* the largest circle, points */
} Page;

double
atlas_figure_page_max_radius (double width_pt,
                              double height_pt)
{
  return MIN (width_pt, height_pt) * CIRCLE_MAX_SHARE;
}

static void
page_style_init (PageStyle       *style,
                 AtlasPageFormat  format)
{
  double k = 1.0;

  if (format == ATLAS_PAGE_A3_LANDSCAPE)
    k = 1.35;
  else if (format == ATLAS_PAGE_SLIDE_16X9)
    k = 1.3;

  /* Slides are seen from afar but have little room: larger type with
   * tighter margins, and a caption only a little larger than on paper. */
  style->margin = format == ATLAS_PAGE_SLIDE_16X9 ? 30 : 40 * k;
  style->gap = 14 * k;
  style->title = 19 * k;
  style->subtitle = 11 * k;
  style->badge = 9.5 * k;
  style->legend_title = 9.5 * k;
  style->legend = 8.5 * k;
  style->caption = 7.5 * (format == ATLAS_PAGE_SLIDE_16X9 ? 1.1 : k);
  style->swatch_w = 20 * k;
  style->swatch_h = 12 * k;
  style->side = format != ATLAS_PAGE_A4_PORTRAIT;
}

static void
set_font (cairo_t  *cr,
          double    size,
          gboolean  bold)
{
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

/* Every line of text on a page goes through here. */
static void
show_line (Page       *page,
           const char *text,
           double      x,
           double      baseline)
{
  if (page->text_runs != NULL)
    {
      atlas_figure_text_runs_add (page->text_runs, page->cr, text, x, baseline);
      return;
    }
  cairo_move_to (page->cr, x, baseline);
  cairo_show_text (page->cr, text);
}

/* Wraps text at spaces into width, starting at top y; draws it when draw
 * is TRUE. Returns the height taken. The current font must be set. */
static double
wrap_text (Page       *page,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      line_height,
           gboolean    draw)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  cairo_t *cr = page->cr;
  cairo_font_extents_t font;
  double top = y;

  cairo_font_extents (cr, &font);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize previous = line->len;

      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
      if (previous > 0 && text_width (cr, line->str) > width)
        {
          g_string_truncate (line, previous);
          if (draw)
            show_line (page, line->str, x, y + font.ascent);
          y += line_height;
          g_string_assign (line, words[i]);
        }
    }
  if (line->len > 0)
    {
      if (draw)
        show_line (page, line->str, x, y + font.ascent);
      y += line_height;
    }
  return y - top;
}

static double
paragraph (Page       *page,
           const char *text,
           double      size,
           gboolean    bold,
           const Rect *box,
           double      y,
           gboolean    draw)
{
  if (text == NULL || text[0] == '\0')
    return 0;
  set_font (page->cr, size, bold);
  return wrap_text (page, text, box->x, y, box->width, size * 1.3, draw);
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Header: title, subtitle and the demonstration badge. */

static double
badge (Page   *page,
       double  x,
       double  y,
       gboolean draw)
{
  cairo_t *cr = page->cr;
  const char *text = atlas_figure_label (page->lang, FIGURE_LABEL_DEMONSTRATION);
  double size = page->style.badge;
  double pad = size * 0.45;
  cairo_font_extents_t font;

  if (!page->demonstration)
    return 0;
  if (!draw)
    return size * 1.3 + 2 * pad;

  set_font (cr, size, TRUE);
  cairo_font_extents (cr, &font);
  set_rgb (cr, 0xb3261e);
  cairo_rectangle (cr, x, y, text_width (cr, text) + 2 * pad, size * 1.3 + pad);
  cairo_fill (cr);
  set_rgb (cr, 0xffffff);
  show_line (page, text, x + pad, y + pad / 2 + font.ascent);
  return size * 1.3 + 2 * pad;
}

static double
header (Page       *page,
        const Rect *box,
        gboolean    draw)
{
  const PageStyle *s = &page->style;
  double y = box->y;

  set_rgb (page->cr, 0x1a1a1a);
  y += paragraph (page, page->plan->title, s->title, TRUE, box, y, draw);
  y += s->subtitle * 0.3;
  set_rgb (page->cr, 0x4d4d4d);
  y += paragraph (page, page->plan->subtitle, s->subtitle, FALSE, box, y, draw);
  if (page->demonstration)
    y += s->subtitle * 0.4 + badge (page, box->x, y + s->subtitle * 0.4, draw);
  return y - box->y;
}

/* Legend */

/* The class labels of the year shown, by the rule the map's legend uses
 * (atlas_class_breaks_dup_labels()). */
static char **
dup_class_labels (Page *page)
{
  AtlasFigure *figure = page->figure;
  const double *values = page->plan->values;
  gsize n = values != NULL ? page->plan->n_areas : 0;

  if (atlas_figure_get_since_year (figure) != 0)
    return atlas_class_breaks_dup_change_labels (page->plan->breaks, atlas_figure_get_indicator (figure),
                                                 values, n, page->lang);
  return atlas_class_breaks_dup_labels (page->plan->breaks, atlas_figure_get_indicator (figure),
                                        values, n, page->lang);
}

static void
hatch (cairo_t    *cr,
       const Rect *r)
{
  AtlasColor grey;
  double step = r->height / 3;

  atlas_palette_get_missing_color (&grey);
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_set_source_rgb (cr, grey.red, grey.green, grey.blue);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, grey.red * 0.6, grey.green * 0.6, grey.blue * 0.6);
  cairo_set_line_width (cr, step * 0.3);
  for (double x = r->x - r->height; x < r->x + r->width; x += step)
    {
      cairo_move_to (cr, x, r->y + r->height);
      cairo_line_to (cr, x + r->height, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
legend_row (Page             *page,
            const AtlasColor *color,
            const char       *label,
            const Rect       *box,
            double            y,
            gboolean          draw)
{
  const PageStyle *s = &page->style;
  Rect swatch = { box->x, y, s->swatch_w, s->swatch_h };
  Rect text = { box->x + s->swatch_w + s->legend * 0.7, 0,
                box->width - s->swatch_w - s->legend * 0.7, 0 };
  double row = s->swatch_h + s->legend * 0.45;
  double height;

  set_rgb (page->cr, 0x1a1a1a);
  height = paragraph (page, label, s->legend, FALSE, &text,
                      y + (s->swatch_h - s->legend * 1.15) / 2, draw);
  if (draw && color != NULL)
    {
      cairo_rectangle (page->cr, swatch.x, swatch.y, swatch.width, swatch.height);
      cairo_set_source_rgb (page->cr, color->red, color->green, color->blue);
      cairo_fill_preserve (page->cr);
      set_rgb (page->cr, 0x808080);
      cairo_set_line_width (page->cr, 0.4);
      cairo_stroke (page->cr);
    }
  else if (draw)
    hatch (page->cr, &swatch);

  return MAX (row, height + s->legend * 0.45);
}

static double
legend_rows (Page       *page,
             const Rect *box,
             double      y,
             gboolean    draw)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (page->figure);
  AtlasPalette *palette = page->plan->palette;
  double top = y;

  if (page->plan->breaks == NULL)
    for (guint i = 0; i < atlas_indicator_get_n_categories (indicator); i++)
      {
        const AtlasCategory *category = atlas_indicator_get_category (indicator, i);
        g_autofree char *label = atlas_indicator_format_value (indicator, category->code, page->lang);
        y += legend_row (page, atlas_palette_get_color (palette, MIN (i, atlas_palette_get_n_colors (palette) - 1)),
                         label, box, y, draw);
      }
  else
    {
      g_auto(GStrv) labels = dup_class_labels (page);

      for (guint i = 0; labels[i] != NULL; i++)
        y += legend_row (page, atlas_palette_get_color (palette, MIN (i, atlas_palette_get_n_colors (palette) - 1)),
                         labels[i], box, y, draw);
    }
  y += legend_row (page, NULL, atlas_figure_label (page->lang, FIGURE_LABEL_MISSING), box, y, draw);
  return y - top;
}

static char *
legend_title (Page *page)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (page->figure);
  const char *label = atlas_indicator_get_short_label (indicator, page->lang);
  const char *unit = atlas_indicator_get_unit_label (indicator, page->lang);

  if (label == NULL)
    label = atlas_indicator_get_name (indicator, page->lang);
  if (atlas_figure_get_since_year (page->figure) != 0)
    return atlas_change_dup_title (indicator, atlas_figure_get_since_year (page->figure),
                                   atlas_figure_get_year (page->figure), page->lang);
  if (page->plan->breaks == NULL || unit == NULL || unit[0] == '\0')
    return g_strdup_printf ("%s %u", label, atlas_figure_get_year (page->figure));
  return g_strdup_printf ("%s (%s) %u", label, unit, atlas_figure_get_year (page->figure));
}

/* Under the classes: which way the colours run when it matters, fewer
 * classes than asked for, and the boundary rule (the texts the map's
 * legend shows too). */
static double
legend_notes (Page       *page,
              const Rect *box,
              double      y,
              gboolean    draw)
{
  const PageStyle *s = &page->style;
  AtlasIndicator *indicator = atlas_figure_get_indicator (page->figure);
  const char *direction = atlas_figure_get_since_year (page->figure) != 0
                          ? atlas_change_describe_direction (indicator, page->lang)
                          : atlas_palette_describe_direction (page->plan->palette, indicator, page->lang);
  g_autofree char *shortfall = atlas_class_breaks_dup_shortfall (page->plan->breaks, page->lang);
  const char *method_note = atlas_class_breaks_method_note (page->plan->breaks, page->lang);
  double top = y;

  y += s->legend * 0.2;
  if (direction != NULL)
    {
      set_rgb (page->cr, 0x1a1a1a);
      y += paragraph (page, direction, s->caption, TRUE, box, y, draw);
    }
  set_rgb (page->cr, 0x595959);
  if (shortfall != NULL)
    y += paragraph (page, shortfall, s->caption, FALSE, box, y, draw);
  if (method_note != NULL)
    y += paragraph (page, method_note, s->caption, FALSE, box, y, draw);
  y += paragraph (page, atlas_class_breaks_boundary_note (page->lang), s->caption, FALSE, box, y, draw);
  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_COUNT)
    {
      set_rgb (page->cr, 0x1a1a1a);
      y += paragraph (page, atlas_figure_label (page->lang, FIGURE_LABEL_COUNT_CHOROPLETH),
                      s->caption, FALSE, box, y, draw);
    }
  return y - top;
}

static double nice_length (double max_metres);

/* Nested circles for a few round values up to the largest shown. */
static double
size_legend (Page       *page,
             const Rect *box,
             double      y,
             gboolean    draw)
{
  cairo_t *cr = page->cr;
  const PageStyle *s = &page->style;
  double max = page->plan->max_value;
  double steps[3] = { nice_length (max), nice_length (max / 4), nice_length (max / 16) };
  double big = atlas_figure_symbol_radius (steps[0], max, page->max_radius);
  double cx = box->x + big, bottom = y + 2 * big;

  for (guint i = 0; draw && i < G_N_ELEMENTS (steps); i++)
    {
      double r = atlas_figure_symbol_radius (steps[i], max, page->max_radius);
      g_autofree char *label = atlas_format_number (steps[i], 0, page->lang);

      if (r <= 0 || (i > 0 && steps[i] == steps[i - 1]))
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, cx, bottom - r, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, ((CIRCLE_RGB >> 16) & 0xff) / 255.0, ((CIRCLE_RGB >> 8) & 0xff) / 255.0,
                             (CIRCLE_RGB & 0xff) / 255.0, 0.25);
      cairo_fill_preserve (cr);
      set_rgb (cr, CIRCLE_RGB);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      cairo_move_to (cr, cx, bottom - 2 * r);
      cairo_line_to (cr, cx + big + s->legend * 0.6, bottom - 2 * r);
      set_rgb (cr, 0x808080);
      cairo_set_line_width (cr, 0.4);
      cairo_stroke (cr);
      set_font (cr, s->legend, FALSE);
      set_rgb (cr, 0x1a1a1a);
      show_line (page, label, cx + big + s->legend * 0.9, bottom - 2 * r + s->legend * 0.35);
    }
  return 2 * big + s->legend * 0.6;
}

static double
legend (Page       *page,
        const Rect *box,
        gboolean    draw)
{
  const PageStyle *s = &page->style;
  g_autofree char *title = legend_title (page);
  double y = box->y;

  set_rgb (page->cr, 0x1a1a1a);
  y += paragraph (page, title, s->legend_title, TRUE, box, y, draw);
  y += s->legend * 0.5;
  if (page->plan->circles)
    {
      y += size_legend (page, box, y, draw);
      y += legend_row (page, NULL, atlas_figure_label (page->lang, FIGURE_LABEL_MISSING), box, y, draw);
      return y - box->y;
    }
  y += legend_rows (page, box, y, draw);
  if (page->plan->breaks != NULL)
    y += legend_notes (page, box, y, draw);
  return y - box->y;
}

/* Caption: what the map shows, how it is classified, where it comes from. */

static const char *
method_label (Page *page)
{
  AtlasClassMethod method = atlas_class_breaks_get_method (page->plan->breaks);

  if (atlas_class_breaks_is_centred (page->plan->breaks))
    return atlas_figure_label (page->lang, FIGURE_LABEL_METHOD_CENTRED);

  return atlas_figure_label (page->lang, FIGURE_LABEL_METHOD_QUANTILE + MIN (method, ATLAS_CLASS_METHOD_MANUAL));
}

#define LABEL(page, id) atlas_figure_label ((page)->lang, FIGURE_LABEL_ ## id)

/* "Klassindelning: kvantiler, 5 klasser, fasta över alla år." */
static char *
classification_text (Page *page)
{
  char count[16], year[16];
  const char *scope;
  const char *region_note = "";
  gboolean pooled = atlas_classification_get_pooled (atlas_figure_get_classification (page->figure));

  if (page->plan->circles)
    return g_strdup (LABEL (page, CIRCLES));
  if (page->plan->breaks == NULL)
    return g_strdup (LABEL (page, CATEGORIES));

  g_snprintf (count, sizeof count, "%u ", atlas_class_breaks_get_n_classes (page->plan->breaks));
  if (atlas_figure_get_since_year (page->figure) != 0)
    {
      g_snprintf (year, sizeof year, "%u–%u", atlas_figure_get_since_year (page->figure),
                  atlas_figure_get_year (page->figure));
      pooled = FALSE;
    }
  else
    g_snprintf (year, sizeof year, "%u", atlas_figure_get_year (page->figure));
  scope = pooled ? LABEL (page, POOLED) : LABEL (page, SINGLE_YEAR);
  if (atlas_figure_get_region (page->figure) != NULL)
    region_note = LABEL (page, SCOPE_REGION);

  return g_strconcat (LABEL (page, CLASSIFICATION), method_label (page), ", ",
                      count, LABEL (page, CLASSES), ", ", scope,
                      pooled ? "" : year, ". ",
                      region_note, NULL);
}

/* The area filter's sentence in the figure's language, like
 * atlas_area_filter_describe() in the process's. */
static char *
filter_text (Page            *page,
             AtlasAreaFilter *filter)
{
  guint n_codes = 0;
  const int *codes = atlas_area_filter_get_codes (filter, &n_codes);
  guint type_year = atlas_area_filter_get_type_year (filter);
  GString *text = g_string_new (LABEL (page, FILTER_ONLY));

  g_string_append_printf (text, "%s ", atlas_indicator_get_name (atlas_area_filter_get_category (filter),
                                                                page->lang));
  for (guint i = 0; i < n_codes; i++)
    g_string_append_printf (text, "%s%d", i > 0 ? ", " : "", codes[i]);
  g_string_append_printf (text, "%s%u%s", LABEL (page, FILTER_TYPES_OF),
                          type_year != 0 ? type_year : atlas_figure_get_year (page->figure),
                          LABEL (page, FILTER_REST));
  return g_string_free (text, FALSE);
}

static char *
definition_text (Page *page)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (page->figure);
  const char *definition = atlas_indicator_get_definition (indicator, page->lang);
  const char *age = atlas_indicator_get_age_group (indicator, page->lang);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (definition != NULL && definition[0] != '\0')
    first = g_strconcat (LABEL (page, DEFINITION), definition, " ", NULL);
  if (age != NULL && age[0] != '\0')
    second = g_strconcat (LABEL (page, AGE_GROUP), age, ".", NULL);
  return g_strconcat (first != NULL ? first : "", second != NULL ? second : "", NULL);
}

static char *
package_text (Page *page)
{
  AtlasDataset *dataset = atlas_figure_get_dataset (page->figure);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strconcat (LABEL (page, PACKAGE), atlas_dataset_get_title (dataset, page->lang),
                      LABEL (page, VERSION), atlas_dataset_get_version (dataset),
                      LABEL (page, EXPORTED), date, ".", NULL);
}

/* SCB's footnotes can run to pages: the caption keeps the caveat's first
 * paragraph, a few lines long, and says where the whole text is. */
#define CAVEAT_SUMMARY_CHARS 420

static char *
caveat_text (Page *page)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (page->figure);
  gboolean complete = TRUE;
  g_autofree char *summary = atlas_indicator_dup_caveat_summary (indicator, page->lang,
                                                                  CAVEAT_SUMMARY_CHARS, &complete);

  if (summary == NULL || complete)
    return g_steal_pointer (&summary);
  return g_strconcat (summary, " ", atlas_figure_label (page->lang, FIGURE_LABEL_FOOTNOTES_IN_FULL),
                      "”", atlas_indicator_get_id (indicator), "”.", NULL);
}

static GPtrArray *
caption_paragraphs (Page *page)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (page->figure);
  AtlasDivision *division = atlas_figure_get_division (page->figure);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  const char *version = atlas_division_get_version (division);
  g_autofree char *undrawn = atlas_division_dup_undrawn_note (division, page->lang);

  g_ptr_array_add (texts, definition_text (page));
  g_ptr_array_add (texts, caveat_text (page));
  if (undrawn != NULL)
    g_ptr_array_add (texts, g_strconcat (undrawn, ".", NULL));
  if (atlas_figure_get_filter (page->figure) != NULL)
    {
      /* Only when it applies at this level (not above the types' level). */
      g_autofree gboolean *shown = atlas_area_filter_dup_mask (atlas_figure_get_filter (page->figure),
                                                               atlas_figure_get_dataset (page->figure), division,
                                                               atlas_figure_get_year (page->figure));

      if (shown != NULL)
        g_ptr_array_add (texts, filter_text (page, atlas_figure_get_filter (page->figure)));
    }
  g_ptr_array_add (texts, classification_text (page));
  g_ptr_array_add (texts, g_strconcat (LABEL (page, DIVISION),
                                       version != NULL ? version : atlas_division_get_name (division, page->lang),
                                       NULL));
  g_ptr_array_add (texts, g_strconcat (LABEL (page, SOURCE), atlas_indicator_get_source (indicator), NULL));
  g_ptr_array_add (texts, package_text (page));
  return texts;
}

static double
caption (Page       *page,
         const Rect *box,
         gboolean    draw)
{
  const PageStyle *s = &page->style;
  g_autoptr(GPtrArray) texts = caption_paragraphs (page);
  double y = box->y;

  set_rgb (page->cr, 0x333333);
  for (guint i = 0; i < texts->len; i++)
    {
      double height = paragraph (page, texts->pdata[i], s->caption, FALSE, box, y, draw);

      if (height > 0)
        y += height + s->caption * 0.35;
    }
  return y - box->y;
}

/* The map, its scale bar and the demonstration watermark. */

static AtlasBasemap *
shared_basemap (void)
{
  static GMutex mutex;
  static gboolean tried;
  static AtlasBasemap *basemap;
  AtlasBasemap *result;

  /* Immutable after loading, so one copy serves every figure and thread. */
  g_mutex_lock (&mutex);
  if (!tried)
    {
      g_autoptr(GError) error = NULL;

      tried = TRUE;
      basemap = atlas_basemap_load_default (NULL, &error);
      if (basemap == NULL)
        g_debug ("Figures are drawn without a basemap: %s", error->message);
    }
  result = basemap;
  g_mutex_unlock (&mutex);

  return result;
}

static AtlasDivision *
division_at_depth (AtlasDataset *dataset,
                   guint         depth)
{
  GListModel *divisions = atlas_dataset_get_divisions (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);

      if (atlas_division_get_depth (division) == depth && atlas_division_has_geometry (division))
        return division;  /* the dataset keeps it alive */
    }
  return NULL;
}

static AtlasMapRenderer *
create_renderer (Page *page)
{
  AtlasFigure *figure = page->figure;
  AtlasDivision *division = atlas_figure_get_division (figure);
  AtlasDataset *dataset = atlas_figure_get_dataset (figure);
  guint depth = atlas_division_get_depth (division);
  AtlasMapRenderer *renderer = atlas_map_renderer_new ();
  AtlasArea *region = atlas_figure_get_region (figure);

  atlas_map_renderer_set_style (renderer, atlas_figure_get_style (figure));
  if (shared_basemap () != NULL)
    atlas_map_renderer_set_basemap (renderer, shared_basemap ());
  atlas_map_renderer_set_context_divisions (renderer,
                                            depth > 1 ? division_at_depth (dataset, 1) : NULL,
                                            depth > 2 ? division_at_depth (dataset, 2) : NULL);
  atlas_map_renderer_set_choropleth (renderer, division, page->plan->classes, page->plan->palette);
  if (region != NULL && atlas_area_get_geometry (region) != NULL)
    atlas_map_renderer_set_region (renderer, region);
  if (atlas_figure_get_filter (figure) != NULL)
    {
      g_autofree gboolean *visible = atlas_area_filter_dup_mask (atlas_figure_get_filter (figure), dataset,
                                                                 division, atlas_figure_get_year (figure));

      atlas_map_renderer_set_visible (renderer, visible, atlas_division_get_n_areas (division));
    }
  return renderer;
}

static double
nice_length (double max_metres)
{
  double base = pow (10, floor (log10 (max_metres)));

  if (5 * base <= max_metres)
    return 5 * base;
  if (2 * base <= max_metres)
    return 2 * base;
  return base;
}

static void
scale_bar (Page               *page,
           const AtlasMapView *view,
           const Rect         *map)
{
  cairo_t *cr = page->cr;
  const PageStyle *s = &page->style;
  double lon, lat, metres_per_pt, metres, length;
  double x = map->x + s->caption * 1.5, y = map->y + map->height - s->caption * 1.5;
  g_autofree char *label = NULL;

  atlas_mercator_to_lonlat (view->center_x, view->center_y, &lon, &lat);
  metres_per_pt = EARTH_CIRCUMFERENCE_M * cos (lat * G_PI / 180) / view->scale * MAP_UNITS_PER_PT;
  metres = nice_length (metres_per_pt * map->width * 0.22);
  length = metres / metres_per_pt;
  if (metres >= 1000)
    label = g_strdup_printf ("%g km", metres / 1000);
  else
    label = g_strdup_printf ("%g m", metres);

  set_font (cr, s->caption, FALSE);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_rectangle (cr, x - s->caption * 0.5, y - s->caption * 2.6,
                   MAX (length, text_width (cr, label)) + s->caption, s->caption * 3.1);
  cairo_fill (cr);
  set_rgb (cr, 0x1a1a1a);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, x, y - 3);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + length, y);
  cairo_line_to (cr, x + length, y - 3);
  cairo_stroke (cr);
  show_line (page, label, x, y - s->caption * 0.8);
}

static void
watermark (Page       *page,
           const Rect *map)
{
  cairo_t *cr = page->cr;
  const char *text = atlas_figure_label (page->lang, FIGURE_LABEL_DEMONSTRATION);
  double diagonal = hypot (map->width, map->height);
  double size = page->style.title;

  cairo_save (cr);
  cairo_rectangle (cr, map->x, map->y, map->width, map->height);
  cairo_clip (cr);
  cairo_translate (cr, map->x + map->width / 2, map->y + map->height / 2);
  cairo_rotate (cr, -atan2 (map->height, map->width));
  set_font (cr, size, TRUE);
  size *= MIN (diagonal * 0.8 / text_width (cr, text), 3.0);
  set_font (cr, size, TRUE);
  cairo_set_source_rgba (cr, 0.7, 0.15, 0.12, 0.22);
  show_line (page, text, -text_width (cr, text) / 2, size * 0.35);
  cairo_restore (cr);
}

static int
compare_by_value_desc (gconstpointer a,
                       gconstpointer b,
                       gpointer      values)
{
  double x = ((const double *) values)[*(const guint *) a];
  double y = ((const double *) values)[*(const guint *) b];

  return (x < y) - (x > y);
}

/* Circles at the areas' interior points, largest first so that small
 * ones stay on top; in map units. */
static void
circles (Page               *page,
         const AtlasMapView *view,
         double              max_radius)
{
  cairo_t *cr = page->cr;
  AtlasDivision *division = atlas_figure_get_division (page->figure);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < page->plan->n_areas; i++)
    if (page->plan->shown[i] && !isnan (page->plan->values[i]) && page->plan->values[i] > 0)
      g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_by_value_desc, (gpointer) page->plan->values);

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      AtlasGeometry *g = atlas_area_get_geometry (atlas_division_get_area (division, i));
      double lon, lat, x, y;
      double r = atlas_figure_symbol_radius (page->plan->values[i], page->plan->max_value, max_radius);

      if (g == NULL || r <= 0)
        continue;
      atlas_geometry_get_label_point (g, &lon, &lat);
      atlas_mercator_from_lonlat (lon, lat, &x, &y);
      x = (x - view->center_x) * view->scale + view->width / 2.0;
      y = (y - view->center_y) * view->scale + view->height / 2.0;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r * MAP_UNITS_PER_PT, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, ((CIRCLE_RGB >> 16) & 0xff) / 255.0, ((CIRCLE_RGB >> 8) & 0xff) / 255.0,
                             (CIRCLE_RGB & 0xff) / 255.0, 0.72);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 0.6 * MAP_UNITS_PER_PT);
      cairo_stroke (cr);
    }
}

static gboolean
labels_wanted (Page *page)
{
  switch (atlas_figure_get_labels (page->figure))
    {
    case ATLAS_LABEL_ON:
      return TRUE;
    case ATLAS_LABEL_OFF:
      return FALSE;
    case ATLAS_LABEL_AUTO:
    default:
      return page->plan->n_shown <= AUTO_LABEL_MAX_AREAS;
    }
}

/* SVG: labels become real <text> with a stroked halo. */
static void
record_label (cairo_t          *cr,
              const AtlasLabel *label,
              gpointer          user_data)
{
  GPtrArray *runs = user_data;
  AtlasFigureTextRun *run;

  atlas_figure_text_runs_add (runs, cr, label->text, label->x, label->baseline_y);
  run = g_ptr_array_index (runs, runs->len - 1);
  run->halo = run->size * 0.25;
}

/* Names of the areas, or only of the marked ones; in map units. */
static void
labels (Page               *page,
        const AtlasMapView *view,
        const guint8       *shown)
{
  AtlasArea **marked = NULL;
  AtlasLabelOptions options = { 0 };
  g_autoptr(GArray) placed = NULL;
  AtlasArea *forced[4] = { NULL };
  g_autofree double *below = NULL;
  guint n_forced = 0;
  gboolean all = labels_wanted (page);

  g_object_get (page->figure, "marked-areas", &marked, NULL);
  for (guint i = 0; i < 3; i++)
    if (marked[i] != NULL)
      forced[n_forced++] = marked[i];
  if (!all && n_forced == 0)
    return;

  options.font_family = FONT_FAMILY;
  options.font_size = page->style.legend * 0.95 * MAP_UNITS_PER_PT;
  options.shown = shown;
  options.priority = page->plan->circles ? page->plan->values : NULL;
  options.forced = forced;
  options.leaders = TRUE;
  options.max_labels = all ? 400 : 0;
  if (page->text_runs != NULL)
    {
      options.show_text = record_label;
      options.user_data = page->text_runs;
    }
  if (page->plan->circles)
    {
      /* Names go under their circles. */
      below = g_new0 (double, MAX (page->plan->n_areas, 1));
      for (guint i = 0; i < page->plan->n_areas; i++)
        below[i] = atlas_figure_symbol_radius (page->plan->values[i], page->plan->max_value,
                                               page->max_radius) * MAP_UNITS_PER_PT;
      options.below = below;
    }
  placed = atlas_labels_place (page->cr, view, atlas_figure_get_division (page->figure), &options);
  atlas_labels_draw (page->cr, placed, &options, atlas_figure_get_style (page->figure) == ATLAS_MAP_STYLE_DARK);
}

static void
set_marked (AtlasMapRenderer *renderer,
            AtlasFigure      *figure)
{
  AtlasArea **marked = NULL;

  g_object_get (figure, "marked-areas", &marked, NULL);
  atlas_map_renderer_set_selected (renderer, marked[0]);
  atlas_map_renderer_set_compare (renderer, marked[1], marked[2]);
}

/* One map into box: areas, circles and names; returns the view. */
static void
map_content (Page             *page,
             AtlasMapRenderer *renderer,
             const AtlasBBox  *bbox,
             const Rect       *box,
             const guint8     *shown,
             AtlasMapView     *view)
{
  cairo_t *cr = page->cr;
  double margin = MIN (box->width, box->height) * 0.04;

  atlas_map_view_fit_bbox (view, bbox, box->width * MAP_UNITS_PER_PT,
                           box->height * MAP_UNITS_PER_PT, margin * MAP_UNITS_PER_PT);
  cairo_save (cr);
  cairo_rectangle (cr, box->x, box->y, box->width, box->height);
  cairo_clip (cr);
  cairo_translate (cr, box->x, box->y);
  cairo_scale (cr, 1 / MAP_UNITS_PER_PT, 1 / MAP_UNITS_PER_PT);
  atlas_map_renderer_draw (renderer, cr, view);
  if (page->plan->circles)
    circles (page, view, page->max_radius);
  labels (page, view, shown);
  cairo_restore (cr);
}

static void
frame_rect (cairo_t    *cr,
            const Rect *r,
            double      width)
{
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  set_rgb (cr, 0x4d4d4d);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* Where the inset's box lies on the main map, in points. */
static Rect
bbox_on_map (const AtlasMapView *view,
             const AtlasBBox    *bbox,
             const Rect         *box)
{
  double x0, y0, x1, y1;

  atlas_mercator_from_lonlat (bbox->min_x, bbox->max_y, &x0, &y0);
  atlas_mercator_from_lonlat (bbox->max_x, bbox->min_y, &x1, &y1);
  x0 = ((x0 - view->center_x) * view->scale + view->width / 2.0) / MAP_UNITS_PER_PT;
  y0 = ((y0 - view->center_y) * view->scale + view->height / 2.0) / MAP_UNITS_PER_PT;
  x1 = ((x1 - view->center_x) * view->scale + view->width / 2.0) / MAP_UNITS_PER_PT;
  y1 = ((y1 - view->center_y) * view->scale + view->height / 2.0) / MAP_UNITS_PER_PT;
  return (Rect) { box->x + x0, box->y + y0, x1 - x0, y1 - y0 };
}

/* The inset in the map's corner away from the dense part, a third of the
 * map's size in the inset box's own shape. */
static Rect
inset_rect (const Rect *box,
            const Rect *marker,
            double      aspect)
{
  double side = MIN (box->width, box->height) * 0.42;
  double w = aspect >= 1 ? side : side * aspect, h = aspect >= 1 ? side / aspect : side;
  double pad = MIN (box->width, box->height) * 0.025;
  gboolean right = marker->x + marker->width / 2 < box->x + box->width / 2;
  gboolean bottom = marker->y + marker->height / 2 < box->y + box->height / 2;

  return (Rect) { right ? box->x + box->width - w - pad : box->x + pad,
                  bottom ? box->y + box->height - h - pad : box->y + pad, w, h };
}

static void
inset (Page               *page,
       AtlasMapRenderer   *renderer,
       const AtlasMapView *main_view,
       const Rect         *box)
{
  cairo_t *cr = page->cr;
  const AtlasBBox *bbox = &page->plan->inset;
  Rect marker = bbox_on_map (main_view, bbox, box);
  double x0, y0, x1, y1;
  AtlasMapView view;
  Rect r;

  atlas_mercator_from_lonlat (bbox->min_x, bbox->max_y, &x0, &y0);
  atlas_mercator_from_lonlat (bbox->max_x, bbox->min_y, &x1, &y1);
  r = inset_rect (box, &marker, y1 > y0 ? (x1 - x0) / (y1 - y0) : 1.0);
  frame_rect (cr, &marker, 0.9);
  cairo_move_to (cr, marker.x + marker.width / 2, marker.y + marker.height / 2);
  cairo_line_to (cr, CLAMP (marker.x + marker.width / 2, r.x, r.x + r.width),
                 CLAMP (marker.y + marker.height / 2, r.y, r.y + r.height));
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_rectangle (cr, r.x - 2, r.y - 2, r.width + 4, r.height + 4);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  map_content (page, renderer, bbox, &r, page->plan->shown, &view);
  frame_rect (cr, &r, 0.9);
  set_font (cr, page->style.caption, TRUE);
  set_rgb (cr, 0x1a1a1a);
  show_line (page, atlas_figure_label (page->lang, FIGURE_LABEL_INSET), r.x + 3, r.y + page->style.caption + 2);
}

/* Areas whose names the main map may show: with an inset, not those
 * inside it (they are named there). */
static guint8 *
main_map_shown (Page *page)
{
  AtlasDivision *division = atlas_figure_get_division (page->figure);
  guint8 *shown = g_memdup2 (page->plan->shown, MAX (page->plan->n_areas, 1));

  for (guint i = 0; page->plan->has_inset && i < page->plan->n_areas; i++)
    {
      AtlasGeometry *g = atlas_area_get_geometry (atlas_division_get_area (division, i));
      double lon, lat;

      if (g == NULL)
        continue;
      atlas_geometry_get_label_point (g, &lon, &lat);
      if (atlas_bbox_contains (&page->plan->inset, lon, lat))
        shown[i] = FALSE;
    }
  return shown;
}

static void
map (Page       *page,
     const Rect *box)
{
  cairo_t *cr = page->cr;
  g_autoptr(AtlasMapRenderer) renderer = NULL;
  g_autofree guint8 *shown = NULL;
  AtlasMapView view;

  /* A huge custom title or tiny preview can leave no room for a map. */
  if (box->width < 24 || box->height < 24)
    return;

  renderer = create_renderer (page);
  set_marked (renderer, page->figure);
  shown = main_map_shown (page);
  map_content (page, renderer, &page->plan->bbox, box, shown, &view);
  if (page->plan->has_inset)
    inset (page, renderer, &view, box);

  scale_bar (page, &view, box);
  if (page->demonstration)
    watermark (page, box);

  cairo_rectangle (cr, box->x, box->y, box->width, box->height);
  set_rgb (cr, 0x9a9a9a);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
}

/* Layout */

typedef struct
{
  Rect header;
  Rect map;
  Rect legend;
  Rect caption;
  Rect mark;      /* the demonstration line under the map */
} PageLayout;

static double
mark_height (Page *page)
{
  return page->demonstration ? page->style.badge * 1.3 + page->style.gap * 0.4 : 0;
}

/* Portrait: map across the page; legend and caption side by side below. */
static void
layout_below (Page       *page,
              PageLayout *layout,
              const Rect *body)
{
  const PageStyle *s = &page->style;
  double legend_w = body->width * 0.38;
  double legend_h, caption_h, band;

  layout->legend = (Rect) { body->x, 0, legend_w, 0 };
  layout->caption = (Rect) { body->x + legend_w + s->gap * 1.5, 0,
                             body->width - legend_w - s->gap * 1.5, 0 };
  legend_h = legend (page, &layout->legend, FALSE);
  caption_h = caption (page, &layout->caption, FALSE);
  band = MAX (legend_h, caption_h);

  layout->map = (Rect) { body->x, body->y, body->width,
                         body->height - band - s->gap - mark_height (page) };
  layout->legend.y = layout->caption.y = body->y + body->height - band;
  layout->legend.height = layout->caption.height = band;
}

/* Width over height of what the map frames, in Mercator. */
static double
content_aspect (Page *page)
{
  const AtlasBBox *bb = &page->plan->bbox;
  double x0, y0, x1, y1;

  if (atlas_bbox_is_empty (bb))
    return 0;
  atlas_mercator_from_lonlat (bb->min_x, bb->max_y, &x0, &y0);
  atlas_mercator_from_lonlat (bb->max_x, bb->min_y, &x1, &y1);
  return y1 > y0 ? (x1 - x0) / (y1 - y0) : 0;
}

/* A tall region on a wide page: the map box narrows to the content's
 * shape (with the margin the view keeps) and the legend column follows
 * it, both centred, so the page shows the areas rather than a band of sea. */
static void
fit_map_width (Page       *page,
               PageLayout *layout)
{
  double aspect = content_aspect (page);
  double margin = MIN (layout->map.width, layout->map.height) * 0.04;
  double wanted = aspect * (layout->map.height - 2 * margin) + 2 * margin;
  double shift;

  if (aspect <= 0 || wanted >= layout->map.width * 0.97)
    return;
  /* Room for the inset in the corner. */
  wanted = MAX (wanted, layout->map.height * 0.5);
  /* Map and legend column move together to the middle of the page. */
  shift = layout->map.width - wanted;
  if (layout->caption.x > layout->map.x)
    layout->caption.x -= shift / 2;
  layout->map.width = wanted;
  layout->map.x += shift / 2;
  layout->legend.x -= shift / 2;
}

/* Landscape and slides: legend right of the map, the caption under the
 * legend when it fits there, else across the foot of the page. */
static void
layout_side (Page       *page,
             PageLayout *layout,
             const Rect *body)
{
  const PageStyle *s = &page->style;
  double side_w = CLAMP (body->width * 0.27, 160 * s->caption / 7.5, 320);
  Rect column = { body->x + body->width - side_w, body->y, side_w, 0 };
  double legend_h = legend (page, &column, FALSE);
  double caption_h = caption (page, &column, FALSE);
  double map_h = body->height - mark_height (page);

  layout->legend = (Rect) { column.x, body->y, side_w, legend_h };
  if (legend_h + s->gap * 1.5 + caption_h <= body->height)
    layout->caption = (Rect) { column.x, body->y + body->height - caption_h, side_w, caption_h };
  else
    {
      Rect foot = { body->x, 0, body->width, 0 };

      caption_h = caption (page, &foot, FALSE);
      map_h -= caption_h + s->gap;
      layout->caption = (Rect) { foot.x, body->y + body->height - caption_h, foot.width, caption_h };
    }
  layout->map = (Rect) { body->x, body->y, body->width - side_w - s->gap * 1.5, map_h };
  fit_map_width (page, layout);
}

static void
layout_page (Page       *page,
             PageLayout *layout,
             double      width,
             double      height)
{
  const PageStyle *s = &page->style;
  Rect body;

  layout->header = (Rect) { s->margin, s->margin, width - 2 * s->margin, 0 };
  layout->header.height = header (page, &layout->header, FALSE);
  body = (Rect) { s->margin, s->margin + layout->header.height + s->gap,
                  width - 2 * s->margin, 0 };
  body.height = height - s->margin - body.y;

  if (s->side)
    layout_side (page, layout, &body);
  else
    layout_below (page, layout, &body);
  layout->mark = (Rect) { layout->map.x, layout->map.y + layout->map.height + s->gap * 0.4,
                          layout->map.width, s->badge * 1.3 };
}

static void
mark_line (Page       *page,
           const Rect *box)
{
  if (!page->demonstration)
    return;
  set_rgb (page->cr, 0xb3261e);
  paragraph (page, atlas_figure_label (page->lang, FIGURE_LABEL_DEMONSTRATION),
             page->style.badge, TRUE, box, box->y, TRUE);
}

static void
page_init (Page                  *page,
           AtlasFigure           *figure,
           const AtlasFigurePlan *plan,
           cairo_t               *cr)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);

  page->text_runs = NULL;
  page->figure = figure;
  page->plan = plan;
  page->cr = cr;
  page->lang = atlas_figure_get_lang (figure);
  /* The core rule, as for every other output. */
  page->demonstration = indicator != NULL
                        && atlas_dataset_indicator_is_demonstration (atlas_figure_get_dataset (figure), indicator);
  page_style_init (&page->style, atlas_figure_get_page (figure));
}

static void
paper (cairo_t *cr,
       double   width,
       double   height)
{
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
}

void
atlas_figure_page_draw (AtlasFigure           *figure,
                        const AtlasFigurePlan *plan,
                        cairo_t               *cr,
                        double                 width_pt,
                        double                 height_pt,
                        GPtrArray             *text_runs)
{
  Page page;
  PageLayout layout;

  page_init (&page, figure, plan, cr);
  page.text_runs = text_runs;
  page.max_radius = atlas_figure_page_max_radius (width_pt, height_pt);
  cairo_save (cr);
  paper (cr, width_pt, height_pt);
  layout_page (&page, &layout, width_pt, height_pt);

  header (&page, &layout.header, TRUE);
  map (&page, &layout.map);
  mark_line (&page, &layout.mark);
  legend (&page, &layout.legend, TRUE);
  caption (&page, &layout.caption, TRUE);
  cairo_restore (cr);
}

/* The map with its legend beside it, no header or caption: for small
 * previews where a page's text would be too small to read. */
void
atlas_figure_page_draw_map (AtlasFigure           *figure,
                            const AtlasFigurePlan *plan,
                            cairo_t               *cr,
                            double                 width_pt,
                            double                 height_pt)
{
  Page page;
  double side_w;
  Rect column, box;

  page_init (&page, figure, plan, cr);
  side_w = CLAMP (width_pt * 0.3, 120, 260);
  column = (Rect) { width_pt - side_w - page.style.gap, page.style.gap, side_w, 0 };
  box = (Rect) { 0, 0, width_pt - side_w - page.style.gap * 2, height_pt };
  cairo_save (cr);
  paper (cr, width_pt, height_pt);
  map (&page, &box);
  legend (&page, &column, TRUE);
  cairo_restore (cr);
}

/* A page that says why the figure cannot be drawn, for live previews. */
void
atlas_figure_page_draw_problem (AtlasFigure  *figure,
                                const GError *problem,
                                cairo_t      *cr,
                                double        width_pt,
                                double        height_pt)
{
  const char *title = atlas_figure_label (atlas_figure_get_lang (figure), FIGURE_LABEL_CANNOT_DRAW);
  AtlasFigurePlan plan = { 0 };
  Page page;
  Rect box;
  double y;

  page_init (&page, figure, &plan, cr);
  box = (Rect) { page.style.margin, page.style.margin, width_pt - 2 * page.style.margin, 0 };

  cairo_save (cr);
  paper (cr, width_pt, height_pt);
  set_rgb (cr, 0x1a1a1a);
  y = box.y + paragraph (&page, title, page.style.title, TRUE, &box, box.y, TRUE);
  set_rgb (cr, 0x4d4d4d);
  paragraph (&page, problem->message, page.style.subtitle, FALSE, &box, y + page.style.gap, TRUE);
  cairo_restore (cr);
}
