/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis-page-private.h"
#include "atlas-type-chart.h"
#include "atlas-type-history.h"


struct _AtlasTypeChart
{
  GObject             parent_instance;

  AtlasTypeBreakdown *breakdown;
  AtlasPageFormat     page;
};

G_DEFINE_FINAL_TYPE (AtlasTypeChart, atlas_type_chart, G_TYPE_OBJECT)

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
bar (AtlasPen            *pen,
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
     AtlasPen            *pen,
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
  atlas_pen_set_font (pen->cr, col->row * 0.45, stat->category == NULL);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  atlas_pen_show (pen, label, col->label, pen->y - col->row * 0.25);
  atlas_pen_show_right (pen, areas, col->areas, pen->y - col->row * 0.25);
  atlas_pen_show_right (pen, weight_text, col->weight, pen->y - col->row * 0.25);
  if (isnan (stat->value))
    {
      g_autofree char *missing = atlas_indicator_format_value (indicator, NAN, NULL);

      /* Why is said in the caption: this column is narrow. */
      cairo_set_source_rgb (pen->cr, 0.4, 0.4, 0.4);
      atlas_pen_show (pen, missing, col->bar_start, pen->y - col->row * 0.25);
      return;
    }
  {
    g_autofree char *value = atlas_indicator_format_value (indicator, stat->value, NULL);
    double end = zero + stat->value * scale;

    bar (pen, stat, zero, end, col->row);
    cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
    atlas_pen_show (pen, value, MAX (end, zero) + 4, pen->y - col->row * 0.25);
  }
}

static void
header_row (AtlasTypeChart *self,
            AtlasPen       *pen,
            const Columns  *col)
{
  AtlasIndicator *weight = atlas_type_breakdown_get_weight (self->breakdown);

  pen->y += col->row * 0.8;
  atlas_pen_set_font (pen->cr, col->row * 0.4, TRUE);
  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  atlas_pen_show (pen, _("Type"), col->label, pen->y);
  atlas_pen_show (pen, atlas_indicator_get_short_label (atlas_type_breakdown_get_indicator (self->breakdown), NULL),
        col->bar_start, pen->y);
  atlas_pen_show_right (pen, _("Areas"), col->areas, pen->y);
  atlas_pen_show_right (pen, weight != NULL ? atlas_indicator_get_short_label (weight, NULL) : _("Weight"),
              col->weight, pen->y);
}

/* The label column is as wide as the longest label. */
static double
label_width (AtlasTypeChart *self,
             cairo_t        *cr,
             double          size)
{
  double widest = 0.0;

  atlas_pen_set_font (cr, size, TRUE);
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (self->breakdown); i++)
    {
      g_autofree char *label = stat_label (atlas_type_breakdown_get_stat (self->breakdown, i));

      widest = MAX (widest, atlas_pen_text_width (cr, label));
    }

  return widest;
}

static void
rows (AtlasTypeChart *self,
      AtlasPen       *pen,
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

static void
draw_page (AtlasTypeChart *self,
           cairo_t        *cr,
           double          width,
           double          height,
           GPtrArray      *runs)
{
  double scale = atlas_pen_page_scale (width, height);
  double margin = 40 * scale;
  g_autofree char *caption = caption_text (self);
  g_autofree char *title = atlas_type_chart_dup_title (self);
  g_autofree char *subtitle = dup_subtitle (self);
  AtlasPen pen = { cr, runs, margin, width - margin, margin };

  cairo_save (cr);
  atlas_pen_heading (&pen, title, subtitle, atlas_type_breakdown_is_demonstration (self->breakdown), scale);
  rows (self, &pen, height * 0.55);
  pen.y += 14 * scale;
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  atlas_pen_paragraph (&pen, caption, 8 * scale);
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
  g_return_val_if_fail (ATLAS_IS_TYPE_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return atlas_analysis_page_export (self->page, path, dpi, (AtlasPageDrawFunc) draw_page, self, error);
}
