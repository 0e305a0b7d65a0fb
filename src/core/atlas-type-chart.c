/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "atlas-export-private.h"
#include "atlas-figure-private.h"
#include "atlas-type-chart.h"
#include "atlas-type-history.h"

#define FONT_FAMILY "Cantarell"
#define MAX_DPI 600

struct _AtlasTypeChart
{
  GObject             parent_instance;

  AtlasTypeBreakdown *breakdown;
  AtlasPageFormat     page;
};

G_DEFINE_FINAL_TYPE (AtlasTypeChart, atlas_type_chart, G_TYPE_OBJECT)

/* One drawing pass: where text goes, and the SVG text runs if any. */
typedef struct
{
  cairo_t   *cr;
  GPtrArray *runs;
  double     left;
  double     right;
  double     y;
} Pen;

static void
atlas_type_chart_finalize (GObject *object)
{
  AtlasTypeChart *self = ATLAS_TYPE_CHART (object);

  g_clear_pointer (&self->breakdown, atlas_type_breakdown_unref);
  G_OBJECT_CLASS (atlas_type_chart_parent_class)->finalize (object);
}

static void
atlas_type_chart_class_init (AtlasTypeChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_type_chart_finalize;
}

static void
atlas_type_chart_init (AtlasTypeChart *self)
{
  self->page = ATLAS_PAGE_A4_LANDSCAPE;
}

/**
 * atlas_type_chart_new:
 * @breakdown: what to draw
 *
 * Returns: (transfer full): a chart on an A4 landscape page
 */
AtlasTypeChart *
atlas_type_chart_new (AtlasTypeBreakdown *breakdown)
{
  AtlasTypeChart *self;

  g_return_val_if_fail (breakdown != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_TYPE_CHART, NULL);
  self->breakdown = atlas_type_breakdown_ref (breakdown);
  return self;
}

/**
 * atlas_type_chart_get_breakdown:
 * @self: a chart
 *
 * Returns: (transfer none): the breakdown drawn
 */
AtlasTypeBreakdown *
atlas_type_chart_get_breakdown (AtlasTypeChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TYPE_CHART (self), NULL);
  return self->breakdown;
}

AtlasPageFormat
atlas_type_chart_get_page (AtlasTypeChart *self)
{
  g_return_val_if_fail (ATLAS_IS_TYPE_CHART (self), ATLAS_PAGE_A4_LANDSCAPE);
  return self->page;
}

void
atlas_type_chart_set_page (AtlasTypeChart  *self,
                           AtlasPageFormat  page)
{
  g_return_if_fail (ATLAS_IS_TYPE_CHART (self));
  self->page = page;
}

/**
 * atlas_type_chart_dup_title:
 * @self: a chart
 *
 * Returns: (transfer full): the chart's title
 */
char *
atlas_type_chart_dup_title (AtlasTypeChart *self)
{
  g_autofree char *category = NULL;

  g_return_val_if_fail (ATLAS_IS_TYPE_CHART (self), NULL);

  category = g_utf8_strdown (atlas_indicator_get_name (atlas_type_breakdown_get_category (self->breakdown), NULL), -1);
  return g_strdup_printf (_("%s by %s"),
                          atlas_indicator_get_name (atlas_type_breakdown_get_indicator (self->breakdown), NULL),
                          category);
}

static char *
dup_subtitle (AtlasTypeChart *self)
{
  AtlasDivision *division = atlas_type_breakdown_get_division (self->breakdown);
  g_autofree char *region = atlas_area_dup_display_name (atlas_type_breakdown_get_region (self->breakdown));
  const char *version = atlas_division_get_version (division);

  if (atlas_type_breakdown_get_type_year (self->breakdown) != atlas_type_breakdown_get_year (self->breakdown))
    return g_strdup_printf (_("%s · %s · %u, types of %u"), region,
                            version != NULL ? version : atlas_division_get_name (division, NULL),
                            atlas_type_breakdown_get_year (self->breakdown),
                            atlas_type_breakdown_get_type_year (self->breakdown));
  return g_strdup_printf ("%s · %s · %u", region,
                          version != NULL ? version : atlas_division_get_name (division, NULL),
                          atlas_type_breakdown_get_year (self->breakdown));
}

/* ---- Text ----------------------------------------------------------- */

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

static void
show (Pen        *pen,
      const char *text,
      double      x,
      double      baseline)
{
  if (pen->runs != NULL)
    {
      atlas_figure_text_runs_add (pen->runs, pen->cr, text, x, baseline);
      return;
    }
  cairo_move_to (pen->cr, x, baseline);
  cairo_show_text (pen->cr, text);
}

static void
show_right (Pen        *pen,
            const char *text,
            double      right,
            double      baseline)
{
  show (pen, text, right - text_width (pen->cr, text), baseline);
}

/* Wraps at spaces between the pen's margins, advancing pen->y. */
static void
paragraph (Pen        *pen,
           const char *text,
           double      size)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  set_font (pen->cr, size, FALSE);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize before = line->len;

      g_string_append_printf (line, "%s%s", before > 0 ? " " : "", words[i]);
      if (before > 0 && text_width (pen->cr, line->str) > pen->right - pen->left)
        {
          g_string_truncate (line, before);
          pen->y += size * 1.3;
          show (pen, line->str, pen->left, pen->y);
          g_string_assign (line, words[i]);
        }
    }
  pen->y += size * 1.3;
  show (pen, line->str, pen->left, pen->y);
  pen->y += size * 0.5;
}

/* ---- Rows ----------------------------------------------------------- */

static void
value_range (AtlasTypeBreakdown *b,
             double             *low,
             double             *high)
{
  *low = 0.0;
  *high = 0.0;
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (b); i++)
    {
      double v = atlas_type_breakdown_get_stat (b, i)->value;

      if (!isnan (v))
        {
          *low = MIN (*low, v);
          *high = MAX (*high, v);
        }
    }
  if (*high <= *low)
    *high = *low + 1.0;
}

static char *
stat_label (const AtlasTypeStat *stat)
{
  if (stat->category == NULL)
    return g_strdup (_("All types"));
  return g_strdup_printf ("%d %s", stat->category->code, atlas_text_get (&stat->category->label, NULL));
}

static void
bar (Pen                 *pen,
     const AtlasTypeStat *stat,
     double               x0,
     double               x1,
     double               height)
{
  if (stat->category != NULL)
    cairo_set_source_rgb (pen->cr, stat->category->red, stat->category->green, stat->category->blue);
  else
    cairo_set_source_rgb (pen->cr, 0.45, 0.45, 0.45);
  cairo_rectangle (pen->cr, MIN (x0, x1), pen->y - height * 0.8, fabs (x1 - x0), height * 0.8);
  cairo_fill_preserve (pen->cr);
  cairo_set_source_rgb (pen->cr, 0.25, 0.25, 0.25);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_stroke (pen->cr);
}

/* Columns: label | bar and value | areas | weight */
typedef struct
{
  double label;
  double bar_start;
  double bar_end;
  double areas;
  double weight;
  double low;
  double high;
  double row;
} Columns;

static void
row (AtlasTypeChart      *self,
     Pen                 *pen,
     const Columns       *col,
     const AtlasTypeStat *stat)
{
  AtlasIndicator *indicator = atlas_type_breakdown_get_indicator (self->breakdown);
  AtlasIndicator *weight = atlas_type_breakdown_get_weight (self->breakdown);
  g_autofree char *label = stat_label (stat);
  g_autofree char *areas = g_strdup_printf ("%u", stat->n_areas);
  g_autofree char *weight_text = weight != NULL && !isnan (stat->weight)
                                 ? atlas_indicator_format_value (weight, stat->weight, NULL) : g_strdup ("–");
  double scale = (col->bar_end - col->bar_start) / (col->high - col->low);
  double zero = col->bar_start - col->low * scale;

  pen->y += col->row;
  set_font (pen->cr, col->row * 0.45, stat->category == NULL);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  show (pen, label, col->label, pen->y - col->row * 0.25);
  show_right (pen, areas, col->areas, pen->y - col->row * 0.25);
  show_right (pen, weight_text, col->weight, pen->y - col->row * 0.25);
  if (isnan (stat->value))
    {
      g_autofree char *missing = atlas_indicator_format_value (indicator, NAN, NULL);

      /* Why is said in the caption: this column is narrow. */
      cairo_set_source_rgb (pen->cr, 0.4, 0.4, 0.4);
      show (pen, missing, col->bar_start, pen->y - col->row * 0.25);
      return;
    }
  {
    g_autofree char *value = atlas_indicator_format_value (indicator, stat->value, NULL);
    double end = zero + stat->value * scale;

    bar (pen, stat, zero, end, col->row);
    cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
    show (pen, value, MAX (end, zero) + 4, pen->y - col->row * 0.25);
  }
}

static void
header_row (AtlasTypeChart *self,
            Pen            *pen,
            const Columns  *col)
{
  AtlasIndicator *weight = atlas_type_breakdown_get_weight (self->breakdown);

  pen->y += col->row * 0.8;
  set_font (pen->cr, col->row * 0.4, TRUE);
  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  show (pen, _("Type"), col->label, pen->y);
  show (pen, atlas_indicator_get_short_label (atlas_type_breakdown_get_indicator (self->breakdown), NULL),
        col->bar_start, pen->y);
  show_right (pen, _("Areas"), col->areas, pen->y);
  show_right (pen, weight != NULL ? atlas_indicator_get_short_label (weight, NULL) : _("Weight"),
              col->weight, pen->y);
}

/* The label column is as wide as the longest label. */
static double
label_width (AtlasTypeChart *self,
             cairo_t        *cr,
             double          size)
{
  double widest = 0.0;

  set_font (cr, size, TRUE);
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (self->breakdown); i++)
    {
      g_autofree char *label = stat_label (atlas_type_breakdown_get_stat (self->breakdown, i));

      widest = MAX (widest, text_width (cr, label));
    }

  return widest;
}

static void
rows (AtlasTypeChart *self,
      Pen            *pen,
      double          height)
{
  guint n = atlas_type_breakdown_get_n_types (self->breakdown);
  double width = pen->right - pen->left;
  Columns col = {
    .label = pen->left,
    .areas = pen->left + width * 0.82,
    .weight = pen->right,
    .row = MIN (height / (n + 2), 26),
  };

  col.bar_start = pen->left + MIN (label_width (self, pen->cr, col.row * 0.45) + col.row * 0.6,
                                   width * 0.45);
  col.bar_end = pen->left + width * 0.70;
  value_range (self->breakdown, &col.low, &col.high);
  header_row (self, pen, &col);
  for (guint i = 0; i < n; i++)
    row (self, pen, &col, atlas_type_breakdown_get_stat (self->breakdown, i));
  row (self, pen, &col, atlas_type_breakdown_get_total (self->breakdown));
}

/* ---- Page ----------------------------------------------------------- */

static void
heading (AtlasTypeChart *self,
         Pen            *pen,
         double          scale)
{
  g_autofree char *title = atlas_type_chart_dup_title (self);
  g_autofree char *subtitle = dup_subtitle (self);

  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  set_font (pen->cr, 19 * scale, TRUE);
  pen->y += 19 * scale;
  show (pen, title, pen->left, pen->y);
  set_font (pen->cr, 11 * scale, FALSE);
  pen->y += 16 * scale;
  show (pen, subtitle, pen->left, pen->y);
  if (atlas_type_breakdown_is_demonstration (self->breakdown))
    {
      const char *mark = atlas_figure_label (atlas_language (), FIGURE_LABEL_DEMONSTRATION);

      set_font (pen->cr, 10 * scale, TRUE);
      pen->y += 18 * scale;
      cairo_set_source_rgb (pen->cr, 0.75, 0.1, 0.1);
      show (pen, mark, pen->left, pen->y);
    }
  pen->y += 8 * scale;
}

/* Why a type has no value, unless the method already says so. */
static void
append_missing (GString            *text,
                AtlasTypeBreakdown *b)
{
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (b); i++)
    {
      const AtlasTypeStat *stat = atlas_type_breakdown_get_stat (b, i);

      if (isnan (stat->value) && stat->n_areas > 0 &&
          stat->missing_reason != ATLAS_MISSING_NOT_AGGREGATABLE)
        g_string_append_printf (text, _(" Type %d: %s."), stat->category->code,
                                atlas_missing_reason_describe (stat->missing_reason));
    }
}

static char *
caption_text (AtlasTypeChart *self)
{
  AtlasTypeBreakdown *b = self->breakdown;
  AtlasIndicator *indicator = atlas_type_breakdown_get_indicator (b);
  AtlasIndicator *category = atlas_type_breakdown_get_category (b);
  AtlasDataset *dataset = atlas_type_breakdown_get_dataset (b);
  g_autofree char *method = atlas_type_breakdown_dup_method (b);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Method: %s"), method);
  g_string_append_printf (text, " %s: %s", atlas_indicator_get_name (indicator, NULL),
                          atlas_indicator_get_definition (indicator, NULL) != NULL
                          ? atlas_indicator_get_definition (indicator, NULL) : "");
  g_string_append_printf (text, " %s: %s", atlas_indicator_get_name (category, NULL),
                          atlas_indicator_get_definition (category, NULL) != NULL
                          ? atlas_indicator_get_definition (category, NULL) : "");
  append_missing (text, b);
  g_string_append_printf (text, " %s", atlas_type_history_get_caveat ());
  if (!atlas_type_breakdown_covers_region (b))
    g_string_append_printf (text, " %s", _("The package holds only part of this region; only its areas are counted."));
  if (atlas_type_breakdown_get_n_untyped (b) > 0)
    g_string_append_printf (text, _(" Areas without a type (not counted): %u."), atlas_type_breakdown_get_n_untyped (b));
  if (g_strcmp0 (atlas_indicator_get_source (indicator), atlas_indicator_get_source (category)) == 0)
    g_string_append_printf (text, _(" Source: %s."), atlas_indicator_get_source (indicator));
  else
    g_string_append_printf (text, _(" Sources: %s; %s."), atlas_indicator_get_source (indicator),
                            atlas_indicator_get_source (category));
  g_string_append_printf (text, _(" Package: %s, version %s."), atlas_dataset_get_title (dataset, NULL),
                          atlas_dataset_get_version (dataset));
  return g_string_free (text, FALSE);
}

static double
page_scale (double width,
            double height)
{
  return CLAMP (MIN (width / 842.0, height / 595.0), 0.3, 2.0);
}

static void
draw_page (AtlasTypeChart *self,
           cairo_t        *cr,
           double          width,
           double          height,
           GPtrArray      *runs)
{
  double scale = page_scale (width, height);
  double margin = 40 * scale;
  g_autofree char *caption = caption_text (self);
  Pen pen = { cr, runs, margin, width - margin, margin };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  heading (self, &pen, scale);
  rows (self, &pen, height * 0.55);
  pen.y += 14 * scale;
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  paragraph (&pen, caption, 8 * scale);
  cairo_restore (cr);
}

/**
 * atlas_type_chart_draw:
 * @self: a chart
 * @cr: where to draw, in the units of @width and @height
 * @width: the page width
 * @height: the page height
 */
void
atlas_type_chart_draw (AtlasTypeChart *self,
                       cairo_t        *cr,
                       double          width,
                       double          height)
{
  g_return_if_fail (ATLAS_IS_TYPE_CHART (self));
  g_return_if_fail (cr != NULL);

  draw_page (self, cr, width, height, NULL);
}

/* ---- Export --------------------------------------------------------- */

static gboolean
render_vector (AtlasTypeChart     *self,
               AtlasFigureFormat   format,
               GByteArray         *bytes,
               const char         *path,
               GError            **error)
{
  g_autoptr(GPtrArray) runs = format == ATLAS_FIGURE_FORMAT_SVG ? atlas_figure_text_runs_new () : NULL;
  double width = 0, height = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (self->page, &width, &height);
  if (format == ATLAS_FIGURE_FORMAT_PDF)
    surface = cairo_pdf_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
  else
    surface = cairo_svg_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
  cr = cairo_create (surface);
  draw_page (self, cr, width, height, runs);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = atlas_export_check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && runs != NULL)
    atlas_figure_svg_add_text (bytes, runs);
  return ok;
}

static gboolean
render_png (AtlasTypeChart  *self,
            guint            dpi,
            GByteArray      *bytes,
            const char      *path,
            GError         **error)
{
  double width = 0, height = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (self->page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) round (width * dpi / 72.0),
                                        (int) round (height * dpi / 72.0));
  cr = cairo_create (surface);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  draw_page (self, cr, width, height, NULL);
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

/**
 * atlas_type_chart_export:
 * @self: a chart
 * @path: ends in .png, .pdf or .svg
 * @dpi: PNG resolution, 72–600
 * @error: G_IO_ERROR for the file
 *
 * Returns: TRUE when the file was written; on failure nothing is left behind
 */
gboolean
atlas_type_chart_export (AtlasTypeChart  *self,
                         const char      *path,
                         guint            dpi,
                         GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  AtlasFigureFormat format;
  gboolean ok;

  g_return_val_if_fail (ATLAS_IS_TYPE_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!atlas_figure_format_from_path (path, &format, error) ||
      !atlas_export_check_directory (path, error))
    return FALSE;

  dpi = CLAMP (dpi, 72, MAX_DPI);
  if (format == ATLAS_FIGURE_FORMAT_PNG)
    ok = render_png (self, dpi, bytes, path, error);
  else
    ok = render_vector (self, format, bytes, path, error);

  return ok && atlas_export_write_bytes (path, bytes, error);
}
