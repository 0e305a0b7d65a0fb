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
/* Narrower than this (a sidebar), two maps a row and the legend below. */
#define NARROW_W 560.0
#define NARROW_MARGIN 4.0
#define NARROW_BELOW 250.0

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
  /* Several indicators for one year: one panel each, classed each on
   * its own (the limits under its map), one legend of class ranks. */
  AtlasIndicator  **indicators;
  guint             n_indicators;
  guint             year;
  GPtrArray        *panel_breaks;
} Multiples;

static guint
n_panels (Multiples *m)
{
  return m->indicators != NULL ? m->n_indicators : m->n_years;
}

static AtlasIndicator *
panel_indicator (Multiples *m,
                 guint      index)
{
  return m->indicators != NULL ? m->indicators[index] : m->indicator;
}

static guint
panel_year (Multiples *m,
            guint      index)
{
  return m->indicators != NULL ? m->year : m->years[index];
}

static AtlasClassBreaks *
panel_breaks (Multiples *m,
              guint      index)
{
  return m->indicators != NULL ? g_ptr_array_index (m->panel_breaks, index) : m->breaks;
}

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

/* Under an indicator's name: its own class limits, which the shared
 * legend's ranks stand for. */
static void
panel_limits (Multiples *m,
              guint      index,
              AtlasPen  *pen)
{
  AtlasIndicator *indicator = panel_indicator (m, index);
  const double *values = atlas_dataset_peek_values (m->dataset, indicator, m->year, m->division);
  g_auto(GStrv) labels = atlas_class_breaks_dup_labels (panel_breaks (m, index), indicator, values,
                                                        values != NULL ? atlas_division_get_n_areas (m->division) : 0,
                                                        m->lang);
  g_autofree char *joined = g_strjoinv (" · ", labels);

  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  atlas_pen_wrapped (pen, joined, 7, FALSE, 2);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
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
  const double *values = atlas_dataset_peek_values (m->dataset, panel_indicator (m, index), panel_year (m, index),
                                                    m->division);
  AtlasClassBreaks *breaks = panel_breaks (m, index);
  g_autofree int *classes = g_new (int, MAX (n, 1));
  const AtlasBBox *bbox = m->region != NULL && atlas_area_get_geometry (m->region) != NULL
    ? atlas_geometry_get_bbox (atlas_area_get_geometry (m->region)) : atlas_division_get_bbox (m->division);
  char year[16];
  AtlasMapView view;

  for (guint i = 0; i < n; i++)
    classes[i] = values != NULL ? atlas_class_breaks_classify (breaks, values[i]) : -1;
  atlas_map_renderer_set_choropleth (renderer, m->division, classes, m->palette);
  if (m->region != NULL && atlas_area_get_geometry (m->region) != NULL)
    atlas_map_renderer_set_region (renderer, m->region);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (m->indicators != NULL)
    {
      AtlasPen heading = { .cr = cr, .runs = pen->runs, .left = x, .right = x + width, .y = y };
      double top = y;

      atlas_pen_wrapped (&heading, atlas_indicator_get_name (panel_indicator (m, index), m->lang), 10, TRUE, 1);
      panel_limits (m, index, &heading);
      y = heading.y + 4;
      height -= y - top;
    }
  else
    {
      g_snprintf (year, sizeof year, "%u", m->years[index]);
      atlas_pen_set_font (cr, 11, TRUE);
      atlas_pen_show (pen, year, x, y + 11);
      y += 16;
      height -= 16;
    }
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

/* "1 (lägst)" … "5 (högst)": the ranks every panel's classes share. */
static char **
dup_rank_labels (Multiples *m)
{
  guint n = atlas_palette_get_n_colors (m->palette);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **labels;

  for (guint i = 0; i < n; i++)
    {
      const char *which = i == 0 ? (is_english (m->lang) ? " (lowest)" : " (lägst)")
                        : i + 1 == n ? (is_english (m->lang) ? " (highest)" : " (högst)") : "";
      g_autofree char *label = g_strdup_printf ("%u%s", i + 1, which);

      g_strv_builder_add (builder, label);
    }
  labels = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return labels;
}

static void
legend (Multiples *m,
        cairo_t   *cr,
        AtlasPen  *pen,
        double     x,
        double     y)
{
  g_auto(GStrv) labels = m->indicators != NULL ? dup_rank_labels (m)
    : atlas_class_breaks_dup_labels (m->breaks, m->indicator, (const double *) m->pooled->data,
                                     m->pooled->len, m->lang);
  const char *unit = m->indicators != NULL ? NULL : atlas_indicator_get_unit_label (m->indicator, m->lang);
  g_autofree char *title = m->indicators != NULL
    ? g_strdup (is_english (m->lang) ? "Class within each indicator (its limits under its map)"
                                     : "Klass inom varje indikator (gränserna under dess karta)")
    : g_strdup_printf ("%s%s%s%s", atlas_indicator_get_name (m->indicator, m->lang),
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
  if (atlas_class_breaks_method_note (panel_breaks (m, 0), m->lang) != NULL)
    atlas_pen_paragraph (&column, atlas_class_breaks_method_note (panel_breaks (m, 0), m->lang), 7);
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

/* Several indicators: the method, then each indicator's definition and
 * source. */
static char *
dup_indicators_caption (Multiples *m)
{
  AtlasClassBreaks *breaks = panel_breaks (m, 0);
  const char *method = atlas_figure_label (m->lang, FIGURE_LABEL_METHOD_QUANTILE
                                                    + MIN (atlas_class_breaks_get_method (breaks),
                                                           ATLAS_CLASS_METHOD_MANUAL));
  GString *caption = g_string_new (NULL);

  g_string_printf (caption, is_english (m->lang) ? "Classes: %s, %u classes within each indicator, %u. "
                                                 : "Klassindelning: %s, %u klasser inom varje indikator, %u. ",
                   method, atlas_class_breaks_get_n_classes (breaks), m->year);
  for (guint i = 0; i < m->n_indicators; i++)
    {
      const char *definition = atlas_indicator_get_definition (m->indicators[i], m->lang);
      const char *source = atlas_indicator_get_source (m->indicators[i]);

      g_string_append_printf (caption, "%s: %s %s: %s. ", atlas_indicator_get_name (m->indicators[i], m->lang),
                              definition != NULL ? definition : "–", is_english (m->lang) ? "Source" : "Källa",
                              source != NULL ? source : "–");
    }
  g_string_append_printf (caption, "Data: %s, version %s.", atlas_dataset_get_title (m->dataset, m->lang),
                          atlas_dataset_get_version (m->dataset));
  return g_string_free (caption, FALSE);
}

static char *
dup_title (Multiples *m)
{
  g_autofree char *place = m->region != NULL ? atlas_area_dup_display_name (m->region) : NULL;
  const char *in = place != NULL ? (is_english (m->lang) ? " in " : " i ") : "";

  if (m->indicators != NULL)
    return g_strdup_printf (is_english (m->lang) ? "%u indicators, %s%s%s %u" : "%u indikatorer, %s%s%s %u",
                            m->n_indicators, atlas_division_get_name (m->division, m->lang), in,
                            place != NULL ? place : "", m->year);
  return g_strdup_printf ("%s, %s%s%s %u–%u", atlas_indicator_get_name (m->indicator, m->lang),
                          atlas_division_get_name (m->division, m->lang), in,
                          place != NULL ? place : "", m->years[0], m->years[m->n_years - 1]);
}

static gboolean
any_demonstration (Multiples *m)
{
  for (guint i = 0; i < n_panels (m); i++)
    if (atlas_dataset_indicator_is_demonstration (m->dataset, panel_indicator (m, i)))
      return TRUE;
  return FALSE;
}

static double
narrow_cell_height (Multiples *m,
                    double     cell_w)
{
  return cell_w * 0.95 + (m->indicators != NULL ? 46 : 16);
}

static guint
narrow_cols (Multiples *m)
{
  return n_panels (m) < 2 ? 1 : 2;
}

/* A sidebar: the maps two a row, at the width's scale, then the legend
 * and the caption under them. */
static void
draw_narrow (Multiples *m,
             cairo_t   *cr,
             double     width,
             double     height)
{
  AtlasPen pen = { .cr = cr, .left = NARROW_MARGIN, .right = width - NARROW_MARGIN, .y = 2 };
  g_autofree char *caption = m->indicators != NULL ? dup_indicators_caption (m) : dup_caption (m);
  guint n = n_panels (m), cols = narrow_cols (m);
  double cell_w = (width - 2 * NARROW_MARGIN) / cols;
  double cell_h = narrow_cell_height (m, cell_w);
  AtlasPen legend_pen;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (any_demonstration (m))
    {
      atlas_pen_set_font (cr, 10, TRUE);
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      atlas_pen_show (&pen, atlas_figure_label (m->lang, FIGURE_LABEL_DEMONSTRATION), pen.left, pen.y + 10);
      pen.y += 16;
    }
  for (guint i = 0; i < n; i++)
    draw_panel (m, cr, &pen, i, NARROW_MARGIN + (i % cols) * cell_w, pen.y + (i / cols) * cell_h,
                cell_w - 6, cell_h - 6);
  pen.y += ((n + cols - 1) / cols) * cell_h + 4;
  legend (m, cr, &legend_pen, NARROW_MARGIN, pen.y);
  legend_pen.right = width - NARROW_MARGIN;
  legend_pen.y += 4;
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  atlas_pen_paragraph (&legend_pen, caption, 7);
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
  g_autofree char *title = dup_title (m);
  g_autofree char *caption = m->indicators != NULL ? dup_indicators_caption (m) : dup_caption (m);
  guint n = n_panels (m);
  guint cols = n <= 4 ? n : 3;
  guint rows = (n + cols - 1) / cols;
  /* Several indicators need room for each one's definition and source. */
  double grid_w = width - 60 - LEGEND_W, grid_h = height - 28 - 30 - (m->indicators != NULL ? 165 : 70);
  double cell_w = grid_w / cols, cell_h = grid_h / rows;
  AtlasPen legend_pen;

  if (width < NARROW_W)
    {
      draw_narrow (m, cr, width, height);
      return;
    }

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_wrapped (&pen, title, 16, TRUE, 1);
  if (any_demonstration (m))
    {
      atlas_pen_set_font (cr, 10, TRUE);
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      atlas_pen_show_right (&pen, atlas_figure_label (m->lang, FIGURE_LABEL_DEMONSTRATION), pen.right, pen.y);
    }
  pen.y += 10;
  for (guint i = 0; i < n; i++)
    draw_panel (m, cr, &pen, i, 30 + (i % cols) * cell_w, pen.y + (i / cols) * cell_h, cell_w - 8, cell_h - 6);
  legend (m, cr, &legend_pen, width - 30 - LEGEND_W + 8, pen.y);
  pen.y += grid_h + 6;
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  atlas_pen_paragraph (&pen, caption, m->indicators != NULL ? 6 : 7);
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
  g_autoptr(AtlasSmallMultiples) multiples = NULL;

  multiples = atlas_small_multiples_new (dataset, indicator, division, region, years, n_years, method, n_classes,
                                         lang, error);
  return multiples != NULL && atlas_small_multiples_save (multiples, path, error);
}

static gboolean
check_indicators (Multiples  *m,
                  GError    **error)
{
  if (m->n_indicators < 2 || m->n_indicators > MAX_YEARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Small multiples show 2 to %d indicators, not %u"), MAX_YEARS, m->n_indicators);
      return FALSE;
    }
  for (guint i = 0; i < m->n_indicators; i++)
    if (atlas_indicator_get_unit (m->indicators[i]) == ATLAS_UNIT_CATEGORY)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” holds categories, which are not classified"), atlas_indicator_get_id (m->indicators[i]));
        return FALSE;
      }
  if (!atlas_division_has_geometry (m->division))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The figure needs a level with area boundaries (län, kommun, RegSO or DeSO)"));
      return FALSE;
    }
  if (!atlas_dataset_has_year (m->dataset, m->year))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("The package “%s” has no values for the year %u"), atlas_dataset_get_id (m->dataset), m->year);
      return FALSE;
    }
  return TRUE;
}

/* Each indicator's own breaks over its values of the year; one
 * sequential palette, as the legend's ranks mean the same in every map. */
static gboolean
classify_indicators (Multiples         *m,
                     AtlasClassMethod   method,
                     guint              n_classes,
                     GError           **error)
{
  guint n = atlas_division_get_n_areas (m->division);

  m->panel_breaks = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_class_breaks_unref);
  for (guint i = 0; i < m->n_indicators; i++)
    {
      const double *values = atlas_dataset_peek_values (m->dataset, m->indicators[i], m->year, m->division);
      g_autoptr(GError) local = NULL;
      AtlasClassBreaks *breaks;

      breaks = values != NULL ? atlas_class_breaks_compute (method, values, n, n_classes, &local) : NULL;
      if (breaks == NULL)
        {
          g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA, "%s: %s",
                       atlas_indicator_get_id (m->indicators[i]),
                       local != NULL ? local->message : _("No values for this year"));
          return FALSE;
        }
      g_ptr_array_add (m->panel_breaks, breaks);
    }
  m->palette = atlas_palette_new ("YlGnBu", atlas_class_breaks_get_n_classes (panel_breaks (m, 0)), FALSE, error);
  return m->palette != NULL;
}

/**
 * atlas_small_multiples_export_indicators:
 * @indicators: (array length=n_indicators): 2 to 9 indicators
 *
 * Small multiples of several indicators for one year: one map each,
 * classed each over its own values with @method, one legend of the
 * classes' ranks, each map's limits under its name. Errors as for
 * atlas_small_multiples_export(), and ATLAS_DATASET_ERROR_NO_DATA for an
 * indicator without values in @year.
 */
gboolean
atlas_small_multiples_export_indicators (AtlasDataset      *dataset,
                                         AtlasIndicator   **indicators,
                                         guint              n_indicators,
                                         AtlasDivision     *division,
                                         AtlasArea         *region,
                                         guint              year,
                                         AtlasClassMethod   method,
                                         guint              n_classes,
                                         const char        *path,
                                         const char        *lang,
                                         GError           **error)
{
  g_autoptr(AtlasSmallMultiples) multiples = NULL;

  multiples = atlas_small_multiples_new_indicators (dataset, indicators, n_indicators, division, region, year,
                                                    method, n_classes, lang, error);
  return multiples != NULL && atlas_small_multiples_save (multiples, path, error);
}

/* The object form: what the app draws on screen and exports. */
struct _AtlasSmallMultiples
{
  gint        ref_count;
  Multiples   m;
  guint      *years;
  GPtrArray  *indicators;
  char       *lang;
};

static AtlasSmallMultiples *
multiples_alloc (AtlasDataset  *dataset,
                 AtlasDivision *division,
                 AtlasArea     *region,
                 const char    *lang)
{
  AtlasSmallMultiples *self = g_new0 (AtlasSmallMultiples, 1);

  self->ref_count = 1;
  self->lang = g_strdup (lang != NULL ? lang : atlas_language ());
  self->m.dataset = g_object_ref (dataset);
  self->m.division = g_object_ref (division);
  self->m.region = region != NULL ? g_object_ref (region) : NULL;
  self->m.lang = self->lang;
  return self;
}

/**
 * atlas_small_multiples_new:
 *
 * The maps of atlas_small_multiples_export(), kept to be drawn and saved.
 * Returns: (transfer full) (nullable): NULL with @error set, for the
 * same errors
 */
AtlasSmallMultiples *
atlas_small_multiples_new (AtlasDataset     *dataset,
                           AtlasIndicator   *indicator,
                           AtlasDivision    *division,
                           AtlasArea        *region,
                           const guint      *years,
                           guint             n_years,
                           AtlasClassMethod  method,
                           guint             n_classes,
                           const char       *lang,
                           GError          **error)
{
  AtlasSmallMultiples *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);
  g_return_val_if_fail (years != NULL || n_years == 0, NULL);

  self = multiples_alloc (dataset, division, region, lang);
  self->m.indicator = g_object_ref (indicator);
  self->years = g_memdup2 (years, MAX (n_years, 1) * sizeof (guint));
  self->m.years = self->years;
  self->m.n_years = n_years;
  if (!check_request (&self->m, error) || !classify (&self->m, method, n_classes, error))
    g_clear_pointer (&self, atlas_small_multiples_unref);
  return self;
}

/**
 * atlas_small_multiples_new_indicators:
 *
 * The maps of atlas_small_multiples_export_indicators(), kept.
 * Returns: (transfer full) (nullable): NULL with @error set
 */
AtlasSmallMultiples *
atlas_small_multiples_new_indicators (AtlasDataset      *dataset,
                                      AtlasIndicator   **indicators,
                                      guint              n_indicators,
                                      AtlasDivision     *division,
                                      AtlasArea         *region,
                                      guint              year,
                                      AtlasClassMethod   method,
                                      guint              n_classes,
                                      const char        *lang,
                                      GError           **error)
{
  AtlasSmallMultiples *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (indicators != NULL || n_indicators == 0, NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);

  self = multiples_alloc (dataset, division, region, lang);
  self->indicators = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_indicators; i++)
    g_ptr_array_add (self->indicators, g_object_ref (indicators[i]));
  self->m.indicators = (AtlasIndicator **) self->indicators->pdata;
  self->m.n_indicators = n_indicators;
  self->m.year = year;
  if (!check_indicators (&self->m, error) || !classify_indicators (&self->m, method, n_classes, error))
    g_clear_pointer (&self, atlas_small_multiples_unref);
  return self;
}

AtlasSmallMultiples *
atlas_small_multiples_ref (AtlasSmallMultiples *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
atlas_small_multiples_unref (AtlasSmallMultiples *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_clear_pointer (&self->m.breaks, atlas_class_breaks_unref);
  g_clear_pointer (&self->m.palette, atlas_palette_unref);
  g_clear_pointer (&self->m.pooled, g_array_unref);
  g_clear_pointer (&self->m.panel_breaks, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_object (&self->m.dataset);
  g_clear_object (&self->m.division);
  g_clear_object (&self->m.region);
  g_clear_object (&self->m.indicator);
  g_free (self->years);
  g_free (self->lang);
  g_free (self);
}

guint
atlas_small_multiples_get_n_panels (AtlasSmallMultiples *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return n_panels (&self->m);
}

/**
 * atlas_small_multiples_get_breaks:
 * @index: a panel
 *
 * Returns: (transfer none): the panel's breaks; the same object for
 * every panel of years
 */
AtlasClassBreaks *
atlas_small_multiples_get_breaks (AtlasSmallMultiples *self,
                                  guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < n_panels (&self->m), NULL);

  return panel_breaks (&self->m, index);
}

/**
 * atlas_small_multiples_get_height_for_width:
 *
 * Returns: the height the maps want at @width (in the drawing's units,
 * pt or pixels); a wide area takes the A4 landscape proportion
 */
double
atlas_small_multiples_get_height_for_width (AtlasSmallMultiples *self,
                                            double               width)
{
  guint cols;

  g_return_val_if_fail (self != NULL, 0);

  if (width >= NARROW_W)
    return width * 595.0 / 842.0;
  cols = narrow_cols (&self->m);
  return 18 + ((n_panels (&self->m) + cols - 1) / cols)
              * narrow_cell_height (&self->m, (width - 2 * NARROW_MARGIN) / cols)
         + NARROW_BELOW + (self->m.indicators != NULL ? 45.0 * self->m.n_indicators : 0);
}

/**
 * atlas_small_multiples_draw:
 *
 * Draws the maps, legend and caption on @cr in @width × @height units:
 * narrower than a page, two maps a row with the legend below.
 */
void
atlas_small_multiples_draw (AtlasSmallMultiples *self,
                            cairo_t             *cr,
                            double               width,
                            double               height)
{
  g_return_if_fail (self != NULL);

  cairo_save (cr);
  draw_page (&self->m, cr, width, height, NULL);
  cairo_restore (cr);
}

/**
 * atlas_small_multiples_save:
 * @path: ends in .png, .pdf or .svg
 *
 * Writes the A4 landscape figure, atomically.
 */
gboolean
atlas_small_multiples_save (AtlasSmallMultiples  *self,
                            const char           *path,
                            GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return atlas_analysis_page_export (ATLAS_PAGE_A4_LANDSCAPE, path, 150, draw_page, &self->m, error);
}
