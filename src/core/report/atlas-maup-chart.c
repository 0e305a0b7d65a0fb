/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis-page-private.h"
#include "atlas-maup-chart.h"

struct _AtlasMaupChart
{
  GObject           parent_instance;

  AtlasSegregation *levels[2];
  AtlasArea        *area;
  AtlasPageFormat   page;
};

G_DEFINE_FINAL_TYPE (AtlasMaupChart, atlas_maup_chart, G_TYPE_OBJECT)

/* The first level darker, the second lighter: the same hue, so the pair
 * reads as one index. */
static const double level_colours[2][3] = {
  { 0.13, 0.40, 0.67 },
  { 0.57, 0.77, 0.87 },
};

static void
atlas_maup_chart_finalize (GObject *object)
{
  AtlasMaupChart *self = ATLAS_MAUP_CHART (object);

  g_clear_pointer (&self->levels[0], atlas_segregation_unref);
  g_clear_pointer (&self->levels[1], atlas_segregation_unref);
  g_clear_object (&self->area);
  G_OBJECT_CLASS (atlas_maup_chart_parent_class)->finalize (object);
}

static void
atlas_maup_chart_class_init (AtlasMaupChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_maup_chart_finalize;
}

static void
atlas_maup_chart_init (AtlasMaupChart *self)
{
  self->page = ATLAS_PAGE_A4_PORTRAIT;
}

/**
 * atlas_maup_chart_new:
 * @first: indices on one level of small areas
 * @second: the same request on another level
 * @area: an area of their coarse level
 *
 * Returns: (transfer full): a chart on an A4 portrait page
 */
AtlasMaupChart *
atlas_maup_chart_new (AtlasSegregation *first,
                      AtlasSegregation *second,
                      AtlasArea        *area)
{
  AtlasMaupChart *self;

  g_return_val_if_fail (first != NULL && second != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_AREA (area), NULL);
  g_return_val_if_fail (atlas_segregation_get_coarse (first) == atlas_segregation_get_coarse (second), NULL);
  g_return_val_if_fail (atlas_area_get_division (area) == atlas_segregation_get_coarse (first), NULL);

  self = g_object_new (ATLAS_TYPE_MAUP_CHART, NULL);
  self->levels[0] = atlas_segregation_ref (first);
  self->levels[1] = atlas_segregation_ref (second);
  self->area = g_object_ref (area);
  return self;
}

void
atlas_maup_chart_set_page (AtlasMaupChart  *self,
                           AtlasPageFormat  page)
{
  g_return_if_fail (ATLAS_IS_MAUP_CHART (self));
  self->page = page;
}

/**
 * atlas_maup_chart_dup_title:
 * @self: a chart
 *
 * Returns: (transfer full): the chart's title
 */
char *
atlas_maup_chart_dup_title (AtlasMaupChart *self)
{
  g_autofree char *area = NULL;

  g_return_val_if_fail (ATLAS_IS_MAUP_CHART (self), NULL);

  area = atlas_area_dup_display_name (self->area);
  return g_strdup_printf (_("Segregation in %s by areal unit"), area);
}

static const char *
level_name (AtlasSegregation *seg)
{
  AtlasDivision *fine = atlas_segregation_get_fine (seg);

  return atlas_division_get_name (fine, NULL);
}

static char *
dup_subtitle (AtlasMaupChart *self)
{
  AtlasSegregation *seg = self->levels[0];

  return g_strdup_printf (_("%s (of %s) · %s and %s · %u"),
                          atlas_indicator_get_name (atlas_segregation_get_group (seg, 0), NULL),
                          atlas_indicator_get_name (atlas_segregation_get_total (seg), NULL),
                          level_name (self->levels[0]), level_name (self->levels[1]),
                          atlas_segregation_get_year (seg));
}

/* ---- Bars ----------------------------------------------------------- */

typedef struct
{
  const char *label;
  gsize       offset;  /* of the index in AtlasSegregationResult */
} IndexRow;

static double
index_value (const AtlasSegregationResult *r,
             gsize                         offset)
{
  return G_STRUCT_MEMBER (double, r, offset);
}

static void
pair_row (AtlasMaupChart *self,
          AtlasPen       *pen,
          const IndexRow *index,
          double          bar_start,
          double          bar_end,
          double          row)
{
  atlas_pen_set_font (pen->cr, row * 0.42, TRUE);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  atlas_pen_show (pen, index->label, pen->left, pen->y + row * 0.75);
  for (guint l = 0; l < 2; l++)
    {
      const AtlasSegregationResult *r = atlas_segregation_lookup_result (self->levels[l], self->area);
      double v = index_value (r, index->offset);
      double top = pen->y + l * row * 0.9;
      g_autofree char *text = isnan (v) ? g_strdup ("–") : atlas_format_number (v, 3, NULL);
      double end = bar_start + (isnan (v) ? 0 : CLAMP (v, 0, 1)) * (bar_end - bar_start);

      cairo_set_source_rgb (pen->cr, level_colours[l][0], level_colours[l][1], level_colours[l][2]);
      cairo_rectangle (pen->cr, bar_start, top + row * 0.1, end - bar_start, row * 0.7);
      cairo_fill (pen->cr);
      atlas_pen_set_font (pen->cr, row * 0.4, FALSE);
      cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
      atlas_pen_show (pen, text, end + 4, top + row * 0.62);
    }
  pen->y += row * 2.3;
}

/* Which colour is which level, with the small areas each rests on. */
static void
key (AtlasMaupChart *self,
     AtlasPen       *pen,
     double          row)
{
  double x = pen->left;

  atlas_pen_set_font (pen->cr, row * 0.42, FALSE);
  for (guint l = 0; l < 2; l++)
    {
      const AtlasSegregationResult *r = atlas_segregation_lookup_result (self->levels[l], self->area);
      AtlasDivision *fine = atlas_segregation_get_fine (self->levels[l]);
      const char *version = atlas_division_get_version (fine);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s): %u small area%s",
                                                            "%s (%s): %u small areas%s", r->n_units),
                                               level_name (self->levels[l]),
                                               version != NULL ? version : atlas_division_get_id (fine),
                                               r->n_units,
                                               r->missing_reason != ATLAS_MISSING_NONE || r->unreliable
                                               ? _(", unreliable") : "");

      cairo_set_source_rgb (pen->cr, level_colours[l][0], level_colours[l][1], level_colours[l][2]);
      cairo_rectangle (pen->cr, x, pen->y + row * 0.2, row * 0.6, row * 0.6);
      cairo_fill (pen->cr);
      cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
      atlas_pen_show (pen, text, x + row * 0.8, pen->y + row * 0.7);
      x += row * 1.4 + atlas_pen_text_width (pen->cr, text);
    }
  pen->y += row * 1.6;
}

static void
bars (AtlasMaupChart *self,
      AtlasPen       *pen,
      double          row)
{
  const IndexRow rows[] = {
    { _("Dissimilarity D"), G_STRUCT_OFFSET (AtlasSegregationResult, dissimilarity) },
    { _("Isolation xPx"), G_STRUCT_OFFSET (AtlasSegregationResult, isolation) },
    { _("Exposure xPy"), G_STRUCT_OFFSET (AtlasSegregationResult, exposure) },
    { _("Theil's H"), G_STRUCT_OFFSET (AtlasSegregationResult, theil) },
  };
  double width = pen->right - pen->left;
  double bar_start = pen->left + width * 0.25, bar_end = pen->left + width * 0.88;

  key (self, pen, row);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    pair_row (self, pen, &rows[i], bar_start, bar_end, row);
}

/* ---- Page ----------------------------------------------------------- */

static void
append_definition (GString        *text,
                   AtlasIndicator *indicator)
{
  const char *definition = atlas_indicator_get_definition (indicator, NULL);

  if (definition != NULL)
    g_string_append_printf (text, " %s: %s", atlas_indicator_get_name (indicator, NULL), definition);
}

static char *
caption_text (AtlasMaupChart *self)
{
  AtlasSegregation *seg = self->levels[0];
  AtlasDataset *dataset = atlas_segregation_get_dataset (seg);
  GString *text = g_string_new (NULL);

  for (guint l = 0; l < 2; l++)
    {
      g_autofree char *method = atlas_segregation_dup_method (self->levels[l]);
      const AtlasSegregationResult *r = atlas_segregation_lookup_result (self->levels[l], self->area);

      g_string_append_printf (text, "%s%s", l > 0 ? " " : "", method);
      if (r->missing_reason != ATLAS_MISSING_NONE)
        g_string_append_printf (text, " %s.", atlas_missing_reason_describe (r->missing_reason));
    }
  if (atlas_segregation_get_count_note (seg) != NULL)
    g_string_append_printf (text, " %s", atlas_segregation_get_count_note (seg));
  for (guint m = 0; m < atlas_segregation_get_n_groups (seg); m++)
    append_definition (text, atlas_segregation_get_group (seg, m));
  append_definition (text, atlas_segregation_get_total (seg));
  g_string_append_printf (text, _(" Source: %s."), atlas_indicator_get_source (atlas_segregation_get_group (seg, 0)));
  g_string_append_printf (text, _(" Package: %s, version %s."), atlas_dataset_get_title (dataset, NULL),
                          atlas_dataset_get_version (dataset));
  return g_string_free (text, FALSE);
}

static void
draw_page (AtlasMaupChart *self,
           cairo_t        *cr,
           double          width,
           double          height,
           GPtrArray      *runs)
{
  double scale = atlas_pen_page_scale (width, height);
  double margin = 40 * scale;
  g_autofree char *caption = caption_text (self);
  g_autofree char *title = atlas_maup_chart_dup_title (self);
  g_autofree char *subtitle = dup_subtitle (self);
  AtlasPen pen = { cr, runs, margin, width - margin, margin };
  gboolean demonstration = atlas_segregation_is_demonstration (self->levels[0]) ||
                           atlas_segregation_is_demonstration (self->levels[1]);

  cairo_save (cr);
  atlas_pen_heading (&pen, title, subtitle, demonstration, scale);
  pen.y += 10 * scale;
  bars (self, &pen, MIN (height / 24, 24 * scale));
  /* The point of the chart, right under it. */
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_paragraph (&pen, atlas_segregation_get_maup_note (), 10 * scale);
  pen.y += 6 * scale;
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  atlas_pen_paragraph (&pen, caption, 8 * scale);
  cairo_restore (cr);
}

/**
 * atlas_maup_chart_draw:
 * @self: a chart
 * @cr: where to draw, in the units of @width and @height
 * @width: the page width
 * @height: the page height
 */
void
atlas_maup_chart_draw (AtlasMaupChart *self,
                       cairo_t        *cr,
                       double          width,
                       double          height)
{
  g_return_if_fail (ATLAS_IS_MAUP_CHART (self));
  g_return_if_fail (cr != NULL);

  draw_page (self, cr, width, height, NULL);
}

/**
 * atlas_maup_chart_export:
 * @self: a chart
 * @path: ends in .png, .pdf or .svg
 * @dpi: PNG resolution, 72–600
 * @error: G_IO_ERROR for the file
 *
 * Returns: TRUE when the file was written; on failure nothing is left behind
 */
gboolean
atlas_maup_chart_export (AtlasMaupChart  *self,
                         const char      *path,
                         guint            dpi,
                         GError         **error)
{
  g_return_val_if_fail (ATLAS_IS_MAUP_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return atlas_analysis_page_export (self->page, path, dpi, (AtlasPageDrawFunc) draw_page, self, error);
}
