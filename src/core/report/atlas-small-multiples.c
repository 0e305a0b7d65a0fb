/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis-page-private.h"
#include "atlas-class-labels.h"
#include "atlas-figure-private.h"
#include "atlas-map-renderer.h"
#include "atlas-small-multiples.h"

/* One page, one map per year, one legend. The breaks are computed over
 * the pooled values of the years shown (not of every year of the
 * package), so that a colour means the same value in every panel. Maps
 * are drawn in the renderer's units (1/2 pt), like figures. */

#define MAP_UNITS_PER_PT 2.0
#define LEGEND_W 170.0
#define MAX_YEARS 9

typedef struct
{
  AtlasDataset     *dataset;
  AtlasIndicator   *indicator;
  AtlasDivision    *division;
  AtlasArea        *region;
  const guint      *years;
  guint             n_years;
  const char       *lang;
  AtlasClassBreaks *breaks;
  AtlasPalette     *palette;
  GArray           *pooled;   /* the values of every year shown */
} Multiples;

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0;
}

static gboolean
check_request (Multiples  *m,
               GError    **error)
{
  if (atlas_indicator_get_unit (m->indicator) == ATLAS_UNIT_CATEGORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” holds categories, which are not classified"), atlas_indicator_get_id (m->indicator));
      return FALSE;
    }
  if (m->n_years < 2 || m->n_years > MAX_YEARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Small multiples show 2 to %d years, not %u"), MAX_YEARS, m->n_years);
      return FALSE;
    }
  if (!atlas_division_has_geometry (m->division))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The figure needs a level with area boundaries (län, kommun, RegSO or DeSO)"));
      return FALSE;
    }
  for (guint i = 0; i < m->n_years; i++)
    if (!atlas_dataset_has_year (m->dataset, m->years[i]))
      {
        g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                     _("The package “%s” has no values for the year %u"),
                     atlas_dataset_get_id (m->dataset), m->years[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
classify (Multiples         *m,
          AtlasClassMethod   method,
          guint              n_classes,
          GError           **error)
{
  guint n = atlas_division_get_n_areas (m->division);

  m->pooled = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < m->n_years; i++)
    g_array_append_vals (m->pooled, atlas_dataset_peek_values (m->dataset, m->indicator, m->years[i],
                                                               m->division), n);
  m->breaks = atlas_class_breaks_compute (method, (const double *) m->pooled->data, m->pooled->len,
                                          n_classes, error);
  if (m->breaks == NULL)
    return FALSE;
  m->palette = atlas_palette_new_for_indicator (m->indicator, NULL, atlas_class_breaks_get_n_classes (m->breaks),
                                                FALSE, error);
  return m->palette != NULL;
}

static void
draw_panel (Multiples *m,
            cairo_t   *cr,
            AtlasPen  *pen,
            guint      index,
            double     x,
            double     y,
            double     width,
            double     height)
{
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  guint n = atlas_division_get_n_areas (m->division);
  const double *values = atlas_dataset_peek_values (m->dataset, m->indicator, m->years[index], m->division);
  g_autofree int *classes = g_new (int, MAX (n, 1));
  const AtlasBBox *bbox = m->region != NULL && atlas_area_get_geometry (m->region) != NULL
    ? atlas_geometry_get_bbox (atlas_area_get_geometry (m->region)) : atlas_division_get_bbox (m->division);
  char year[16];
  AtlasMapView view;

  for (guint i = 0; i < n; i++)
    classes[i] = atlas_class_breaks_classify (m->breaks, values[i]);
  atlas_map_renderer_set_choropleth (renderer, m->division, classes, m->palette);
  if (m->region != NULL && atlas_area_get_geometry (m->region) != NULL)
    atlas_map_renderer_set_region (renderer, m->region);

  g_snprintf (year, sizeof year, "%u", m->years[index]);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_set_font (cr, 11, TRUE);
  atlas_pen_show (pen, year, x, y + 11);
  y += 16;
  height -= 16;
  atlas_map_view_fit_bbox (&view, bbox, width * MAP_UNITS_PER_PT, height * MAP_UNITS_PER_PT, 4 * MAP_UNITS_PER_PT);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1 / MAP_UNITS_PER_PT, 1 / MAP_UNITS_PER_PT);
  atlas_map_renderer_draw (renderer, cr, &view);
  cairo_restore (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.4);
  cairo_stroke (cr);
}

static void
legend (Multiples *m,
        cairo_t   *cr,
        AtlasPen  *pen,
        double     x,
        double     y)
{
  g_auto(GStrv) labels = atlas_class_breaks_dup_labels (m->breaks, m->indicator, (const double *) m->pooled->data,
                                                        m->pooled->len, m->lang);
  const char *unit = atlas_indicator_get_unit_label (m->indicator, m->lang);
  g_autofree char *title = g_strdup_printf ("%s%s%s%s", atlas_indicator_get_name (m->indicator, m->lang),
                                            unit != NULL && unit[0] != '\0' ? " (" : "",
                                            unit != NULL ? unit : "",
                                            unit != NULL && unit[0] != '\0' ? ")" : "");
  AtlasPen column = { .cr = cr, .left = x, .right = x + LEGEND_W - 6, .y = y };

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_paragraph (&column, title, 9);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const AtlasColor *color = atlas_palette_get_color (m->palette, MIN (i, atlas_palette_get_n_colors (m->palette) - 1));

      cairo_rectangle (cr, x, column.y + 2, 14, 9);
      cairo_set_source_rgb (cr, color->red, color->green, color->blue);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      atlas_pen_set_font (cr, 8, FALSE);
      atlas_pen_show (&column, labels[i], x + 19, column.y + 10);
      column.y += 14;
    }
  {
    AtlasColor grey;

    atlas_palette_get_missing_color (&grey);
    cairo_rectangle (cr, x, column.y + 2, 14, 9);
    cairo_set_source_rgb (cr, grey.red, grey.green, grey.blue);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
    atlas_pen_show (&column, atlas_figure_label (m->lang, FIGURE_LABEL_MISSING), x + 19, column.y + 10);
    column.y += 18;
  }
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  if (atlas_class_breaks_method_note (m->breaks, m->lang) != NULL)
    atlas_pen_paragraph (&column, atlas_class_breaks_method_note (m->breaks, m->lang), 7);
  atlas_pen_paragraph (&column, atlas_class_breaks_boundary_note (m->lang), 7);
  *pen = column;
}

static char *
dup_caption (Multiples *m)
{
  const char *definition = atlas_indicator_get_definition (m->indicator, m->lang);
  const char *source = atlas_indicator_get_source (m->indicator);
  guint n_classes = atlas_class_breaks_get_n_classes (m->breaks);
  const char *method = atlas_figure_label (m->lang, FIGURE_LABEL_METHOD_QUANTILE
                                                    + MIN (atlas_class_breaks_get_method (m->breaks),
                                                           ATLAS_CLASS_METHOD_MANUAL));

  if (is_english (m->lang))
    return g_strdup_printf ("Classes: %s, %u classes, the same in every map (computed over the %u years shown). "
                            "Definition: %s Source: %s. Data: %s, version %s.",
                            method, n_classes, m->n_years, definition != NULL ? definition : "–",
                            source != NULL ? source : "–", atlas_dataset_get_title (m->dataset, m->lang),
                            atlas_dataset_get_version (m->dataset));
  return g_strdup_printf ("Klassindelning: %s, %u klasser, samma i alla kartor (beräknade över de %u åren som "
                          "visas). Definition: %s Källa: %s. Data: %s, version %s.",
                          method, n_classes, m->n_years, definition != NULL ? definition : "–",
                          source != NULL ? source : "–", atlas_dataset_get_title (m->dataset, m->lang),
                          atlas_dataset_get_version (m->dataset));
}

static void
draw_page (gpointer   data,
           cairo_t   *cr,
           double     width,
           double     height,
           GPtrArray *runs)
{
  Multiples *m = data;
  AtlasPen pen = { .cr = cr, .runs = runs, .left = 30, .right = width - 30, .y = 28 };
  g_autofree char *place = m->region != NULL ? atlas_area_dup_display_name (m->region) : NULL;
  g_autofree char *title = g_strdup_printf ("%s, %s%s%s %u–%u", atlas_indicator_get_name (m->indicator, m->lang),
                                            atlas_division_get_name (m->division, m->lang),
                                            place != NULL ? (is_english (m->lang) ? " in " : " i ") : "",
                                            place != NULL ? place : "", m->years[0], m->years[m->n_years - 1]);
  g_autofree char *caption = dup_caption (m);
  guint cols = m->n_years <= 4 ? m->n_years : 3;
  guint rows = (m->n_years + cols - 1) / cols;
  double grid_w = width - 60 - LEGEND_W, grid_h = height - 28 - 30 - 70;
  double cell_w = grid_w / cols, cell_h = grid_h / rows;
  AtlasPen legend_pen;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_wrapped (&pen, title, 16, TRUE, 1);
  if (atlas_dataset_indicator_is_demonstration (m->dataset, m->indicator))
    {
      atlas_pen_set_font (cr, 10, TRUE);
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      atlas_pen_show_right (&pen, atlas_figure_label (m->lang, FIGURE_LABEL_DEMONSTRATION), pen.right, pen.y);
    }
  pen.y += 10;
  for (guint i = 0; i < m->n_years; i++)
    draw_panel (m, cr, &pen, i, 30 + (i % cols) * cell_w, pen.y + (i / cols) * cell_h, cell_w - 8, cell_h - 6);
  legend (m, cr, &legend_pen, width - 30 - LEGEND_W + 8, pen.y);
  pen.y += grid_h + 6;
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  atlas_pen_paragraph (&pen, caption, 7);
}

gboolean
atlas_small_multiples_export (AtlasDataset      *dataset,
                              AtlasIndicator    *indicator,
                              AtlasDivision     *division,
                              AtlasArea         *region,
                              const guint       *years,
                              guint              n_years,
                              AtlasClassMethod   method,
                              guint              n_classes,
                              const char        *path,
                              const char        *lang,
                              GError           **error)
{
  Multiples m = { dataset, indicator, division, region, years, n_years, lang != NULL ? lang : atlas_language () };
  gboolean ok;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), FALSE);
  g_return_val_if_fail (years != NULL || n_years == 0, FALSE);

  ok = check_request (&m, error) && classify (&m, method, n_classes, error)
       && atlas_analysis_page_export (ATLAS_PAGE_A4_LANDSCAPE, path, 150, draw_page, &m, error);
  g_clear_pointer (&m.breaks, atlas_class_breaks_unref);
  g_clear_pointer (&m.palette, atlas_palette_unref);
  g_clear_pointer (&m.pooled, g_array_unref);
  return ok;
}
