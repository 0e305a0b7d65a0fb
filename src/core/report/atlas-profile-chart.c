/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "atlas-analysis-page-private.h"
#include "atlas-export-private.h"
#include "atlas-figure-private.h"
#include "atlas-palette.h"
#include "atlas-profile-chart.h"

/* Spine charts of area profiles. Texts are in the chart's own language
 * (sv/en) like every figure, hence the small tables below rather than
 * gettext. Layout in points on A4 portrait. */

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 36.0
#define NAME_W 178.0
#define VALUE_W 50.0
#define BAR_GAP 10.0
#define ROW_MIN 12.0
#define ROW_MAX 20.0

typedef enum
{
  TEXT_PROFILE,
  TEXT_AREA,
  TEXT_KOMMUN,
  TEXT_LAN,
  TEXT_RIKET,
  TEXT_WORSE,
  TEXT_BETTER,
  TEXT_MISSING,
  TEXT_NEUTRAL,
  TEXT_QUINTILE,
  TEXT_QUINTILE_NEUTRAL,
  TEXT_SOURCE,
  TEXT_DATA,
  TEXT_DEFINITIONS,
  TEXT_DEMONSTRATION,
  TEXT_DEMONSTRATION_ROW,
  TEXT_N
} Text;

static const struct
{
  const char *sv;
  const char *en;
} texts[TEXT_N] = {
  [TEXT_PROFILE] = { "Områdesprofil", "Area profile" },
  [TEXT_AREA] = { "Området", "Area" },
  [TEXT_KOMMUN] = { "Kommun", "Munic." },
  [TEXT_LAN] = { "Län", "County" },
  [TEXT_RIKET] = { "Riket", "Sweden" },
  [TEXT_WORSE] = { "◂ sämre", "◂ worse" },
  [TEXT_BETTER] = { "bättre ▸", "better ▸" },
  [TEXT_MISSING] = { "saknas", "missing" },
  [TEXT_NEUTRAL] = { "° Ingen värdering: högre värden till höger, kvintilen räknas från de lägsta.",
                     "° No better or worse: higher values to the right, quintiles counted from the lowest." },
  [TEXT_QUINTILE] = { "Kvintil: 1 sämst … 5 bäst", "Quintile: 1 worst … 5 best" },
  [TEXT_QUINTILE_NEUTRAL] = { "° 1 lägst … 5 högst", "° 1 lowest … 5 highest" },
  [TEXT_SOURCE] = { "Källa: ", "Source: " },
  [TEXT_DATA] = { "Data: ", "Data: " },
  [TEXT_DEFINITIONS] = { "Definitioner", "Definitions" },
  [TEXT_DEMONSTRATION] = { "Demonstrationsdata – inte verklig statistik",
                           "Demonstration data – not real statistics" },
  [TEXT_DEMONSTRATION_ROW] = { "* demonstrationsvärde", "* demonstration value" },
};

typedef struct
{
  const AtlasAreaProfile *profile;
  const char             *lang;
  AtlasPen                pen;
  double                  row_h;
  gboolean                paged;  /* rows that do not fit go on to a new page */
} Chart;

static const char *
text (const Chart *chart,
      Text         id)
{
  return g_strcmp0 (chart->lang, "en") == 0 ? texts[id].en : texts[id].sv;
}

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

static char *
format_value (const AtlasProfileRow *row,
              double                 value,
              const Chart           *chart)
{
  if (isnan (value))
    return g_strdup ("–");
  return atlas_indicator_format_value (row->indicator, value, chart->lang);
}

static void
heading (Chart *chart)
{
  AtlasArea *area = atlas_area_profile_get_area (chart->profile);
  AtlasDivision *division = atlas_area_get_division (area);
  g_autofree char *name = atlas_area_dup_display_name (area);
  g_autofree char *title = g_strdup_printf ("%s %u", name, atlas_area_profile_get_year (chart->profile));
  g_autofree char *subtitle = NULL;
  g_auto(GStrv) categories = atlas_area_profile_dup_categories (chart->profile, chart->lang);
  AtlasArea *kommun = atlas_area_get_ancestor (area, "kommun");
  AtlasArea *lan = atlas_area_get_ancestor (area, "lan");
  cairo_t *cr = chart->pen.cr;

  subtitle = g_strdup_printf ("%s · %s %s%s%s%s%s", text (chart, TEXT_PROFILE),
                              atlas_division_get_name (division, chart->lang), atlas_area_get_code (area),
                              kommun != NULL && kommun != area ? ", " : "",
                              kommun != NULL && kommun != area ? atlas_area_get_name (kommun) : "",
                              lan != NULL && lan != area ? ", " : "",
                              lan != NULL && lan != area ? atlas_area_get_name (lan) : "");
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  /* Long DeSO names wrap rather than run off. */
  atlas_pen_wrapped (&chart->pen, title, 17, TRUE, 2);
  chart->pen.y += 4.5;
  atlas_pen_wrapped (&chart->pen, subtitle, 9.5, FALSE, 2);
  for (guint i = 0; categories[i] != NULL; i++)
    {
      chart->pen.y += 12;
      atlas_pen_show (&chart->pen, categories[i], chart->pen.left, chart->pen.y);
    }
  if (atlas_area_profile_has_demonstration (chart->profile))
    {
      atlas_pen_set_font (cr, 10, TRUE);
      chart->pen.y += 15;
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      atlas_pen_show (&chart->pen, text (chart, TEXT_DEMONSTRATION), chart->pen.left, chart->pen.y);
    }
  chart->pen.y += 10;
}

static double
bar_left (void)
{
  return MARGIN + NAME_W + 4 * VALUE_W + BAR_GAP;
}

static void
column_heads (Chart *chart)
{
  static const Text heads[] = { TEXT_AREA, TEXT_KOMMUN, TEXT_LAN, TEXT_RIKET };
  cairo_t *cr = chart->pen.cr;
  double baseline = chart->pen.y + 9;

  set_grey (cr, 0.25);
  atlas_pen_set_font (cr, 7.5, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    atlas_pen_show_right (&chart->pen, text (chart, heads[i]),
                          MARGIN + NAME_W + (i + 1) * VALUE_W - 3, baseline);
  atlas_pen_set_font (cr, 7.5, FALSE);
  atlas_pen_show (&chart->pen, text (chart, TEXT_WORSE), bar_left (), baseline);
  atlas_pen_show_right (&chart->pen, text (chart, TEXT_BETTER), chart->pen.right, baseline);
  chart->pen.y += 13;
  cairo_move_to (cr, MARGIN, chart->pen.y);
  cairo_line_to (cr, chart->pen.right, chart->pen.y);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

/* x of @value on the row's bar: better to the right. */
static double
bar_x (const AtlasProfileRow *row,
       double                 value,
       double                 left,
       double                 width)
{
  double t = row->max > row->min ? (value - row->min) / (row->max - row->min) : 0.5;

  if (!row->higher_is_better_side)
    t = 1.0 - t;
  return left + CLAMP (t, 0.0, 1.0) * width;
}

static void
quintile_color (guint       quintile,
                gboolean    neutral,
                AtlasColor *color)
{
  g_autoptr(AtlasPalette) palette = atlas_palette_new (neutral ? "Purples" : "RdBu", 5, FALSE, NULL);

  *color = *atlas_palette_get_color (palette, CLAMP (quintile, 1u, 5u) - 1);
}

static void
draw_bar (Chart                 *chart,
          const AtlasProfileRow *row,
          double                 middle)
{
  cairo_t *cr = chart->pen.cr;
  double left = bar_left (), width = chart->pen.right - bar_left ();
  double h = MIN (chart->row_h * 0.55, 9.0);
  double a, b;
  AtlasColor color;

  if (row->n_values == 0)
    return;
  set_grey (cr, 0.88);
  cairo_rectangle (cr, left, middle - h / 2, width, h);
  cairo_fill (cr);
  a = bar_x (row, row->p25, left, width);
  b = bar_x (row, row->p75, left, width);
  set_grey (cr, 0.62);
  cairo_rectangle (cr, MIN (a, b), middle - h / 2, fabs (b - a), h);
  cairo_fill (cr);
  /* Riket on the bar when it lies within the level's spread (a count
   * for all of Sweden does not). */
  if (!isnan (row->riket) && row->riket >= row->min && row->riket <= row->max)
    {
      set_grey (cr, 0.0);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, bar_x (row, row->riket, left, width), middle - h / 2 - 2);
      cairo_line_to (cr, bar_x (row, row->riket, left, width), middle + h / 2 + 2);
      cairo_stroke (cr);
    }
  if (row->quintile == 0)
    return;
  quintile_color (row->quintile, row->neutral, &color);
  cairo_new_sub_path (cr);
  cairo_arc (cr, bar_x (row, row->value, left, width), middle, h * 0.55, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill_preserve (cr);
  set_grey (cr, 0.15);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
}

static void
draw_row (Chart                 *chart,
          const AtlasProfileRow *row)
{
  cairo_t *cr = chart->pen.cr;
  const double values[] = { row->value, row->kommun, row->lan, row->riket };
  const char *label = atlas_indicator_get_name (row->indicator, chart->lang);
  g_autofree char *name = g_strconcat (label, row->neutral ? "°" : "", row->demonstration ? "*" : "", NULL);
  g_autofree char *fitted = NULL;
  double baseline = chart->pen.y + chart->row_h / 2 + 2.5;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_set_font (cr, 7, FALSE);
  fitted = atlas_pen_fit_text (cr, name, NAME_W - 4);
  atlas_pen_show (&chart->pen, fitted, MARGIN, baseline);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *shown = i == 0 && isnan (row->value) ? g_strdup (text (chart, TEXT_MISSING))
                                                            : format_value (row, values[i], chart);

      atlas_pen_set_font (cr, 7, i == 0);
      set_grey (cr, i == 0 ? 0.05 : 0.3);
      atlas_pen_show_right (&chart->pen, shown, MARGIN + NAME_W + (i + 1) * VALUE_W - 3, baseline);
    }
  draw_bar (chart, row, chart->pen.y + chart->row_h / 2);
  chart->pen.y += chart->row_h;
  set_grey (cr, 0.9);
  cairo_set_line_width (cr, 0.3);
  cairo_move_to (cr, MARGIN, chart->pen.y);
  cairo_line_to (cr, chart->pen.right, chart->pen.y);
  cairo_stroke (cr);
}

static void
legend_swatches (Chart    *chart,
                 gboolean  neutral,
                 double    x)
{
  cairo_t *cr = chart->pen.cr;
  const char *label = text (chart, neutral ? TEXT_QUINTILE_NEUTRAL : TEXT_QUINTILE);

  for (guint q = 1; q <= 5; q++)
    {
      AtlasColor color;

      quintile_color (q, neutral, &color);
      cairo_new_path (cr);
      cairo_arc (cr, x + 4 + (q - 1) * 11, chart->pen.y - 2.5, 3.8, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      cairo_fill_preserve (cr);
      set_grey (cr, 0.15);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
    }
  atlas_pen_set_font (cr, 7, FALSE);
  atlas_pen_show (&chart->pen, label, x + 60, chart->pen.y);
}

/* The sources the rows name, once each. */
static char *
dup_sources (const AtlasAreaProfile *profile)
{
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < atlas_area_profile_get_n_rows (profile); i++)
    {
      const char *source = atlas_indicator_get_source (atlas_area_profile_get_row (profile, i)->indicator);

      if (source != NULL && g_hash_table_add (seen, (gpointer) source))
        g_string_append_printf (sources, "%s%s", sources->len > 0 ? "; " : "", source);
    }
  return g_string_free (g_steal_pointer (&sources), FALSE);
}

/* What the bar shows, over how many areas. */
static char *
dup_spread_text (const Chart *chart,
                 guint        n)
{
  AtlasDivision *division = atlas_area_get_division (atlas_area_profile_get_area (chart->profile));
  g_autofree char *level = atlas_division_dup_name_in_sentence (division, chart->lang);
  guint year = atlas_area_profile_get_year (chart->profile);

  if (g_strcmp0 (chart->lang, "en") == 0)
    return g_strdup_printf ("The bar shows the spread of all %u areas of the level %s in the package in %u: "
                            "light grey from the lowest to the highest value, dark grey from the 25th to the "
                            "75th percentile (linear interpolation, type 7), black line Sweden where it lies "
                            "within the spread. The circle is "
                            "the area, coloured by the fifth (quintile) of the level's areas it belongs to. "
                            "Better is always to the right.", n, level, year);
  return g_strdup_printf ("Stapeln visar spridningen bland alla %u områden på nivån %s i paketet %u: ljusgrå "
                          "från lägsta till högsta värde, mörkgrå från 25:e till 75:e percentilen (linjär "
                          "interpolation, typ 7), svart streck riket där det ligger inom spridningen. Cirkeln är området, färgad efter vilken "
                          "femtedel (kvintil) av nivåns områden det hör till. Bättre ligger alltid till höger.",
                          n, level, year);
}

static void
footer (Chart *chart)
{
  AtlasDataset *dataset = atlas_area_profile_get_dataset (chart->profile);
  g_autofree char *spread = NULL;
  g_autofree char *sources = dup_sources (chart->profile);
  g_autofree char *source_line = NULL;
  g_autofree char *data_line = NULL;
  guint n = 0;

  for (guint i = 0; i < atlas_area_profile_get_n_rows (chart->profile); i++)
    n = MAX (n, atlas_area_profile_get_row (chart->profile, i)->n_values);
  spread = dup_spread_text (chart, n);
  chart->pen.y += 14;
  legend_swatches (chart, FALSE, MARGIN);
  legend_swatches (chart, TRUE, MARGIN + 200);
  chart->pen.y += 4;
  set_grey (chart->pen.cr, 0.25);
  atlas_pen_paragraph (&chart->pen, spread, 7);
  atlas_pen_paragraph (&chart->pen, text (chart, TEXT_NEUTRAL), 7);
  if (atlas_area_profile_has_demonstration (chart->profile))
    atlas_pen_paragraph (&chart->pen, text (chart, TEXT_DEMONSTRATION_ROW), 7);
  source_line = g_strconcat (text (chart, TEXT_SOURCE), sources, NULL);
  atlas_pen_paragraph (&chart->pen, source_line, 6.5);
  data_line = g_strdup_printf ("%s%s, version %s.", text (chart, TEXT_DATA),
                               atlas_dataset_get_title (dataset, chart->lang),
                               atlas_dataset_get_version (dataset));
  atlas_pen_paragraph (&chart->pen, data_line, 6.5);
}

/* Space left for rows once the heading and the footer are placed. */
#define FOOTER_H 120.0

static double
row_height (const Chart *chart,
            double       top)
{
  guint n = MAX (atlas_area_profile_get_n_rows (chart->profile), 1);

  return CLAMP ((PAGE_H - MARGIN - FOOTER_H - top) / n, ROW_MIN, ROW_MAX);
}

static void
draw_page (Chart   *chart,
           cairo_t *cr)
{
  chart->pen = (AtlasPen) { .cr = cr, .left = MARGIN, .right = PAGE_W - MARGIN, .y = MARGIN };
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  heading (chart);
  column_heads (chart);
  chart->row_h = row_height (chart, chart->pen.y);
  for (guint i = 0; i < atlas_area_profile_get_n_rows (chart->profile); i++)
    {
      /* A package with many indicators: the rows go on over the page, with
       * the column heads again, and the footer follows the last row. */
      if (chart->paged && chart->pen.y + chart->row_h > PAGE_H - MARGIN - (i + 1 < atlas_area_profile_get_n_rows (chart->profile) ? 0 : FOOTER_H))
        {
          cairo_show_page (cr);
          chart->pen.y = MARGIN;
          column_heads (chart);
        }
      draw_row (chart, atlas_area_profile_get_row (chart->profile, i));
    }
  if (chart->paged && chart->pen.y > PAGE_H - MARGIN - FOOTER_H)
    {
      cairo_show_page (cr);
      chart->pen.y = MARGIN;
    }
  footer (chart);
}

void
atlas_area_profile_draw (const AtlasAreaProfile *profile,
                         cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const char             *lang)
{
  Chart chart = { .profile = profile, .lang = lang != NULL ? lang : atlas_language () };
  double scale;

  g_return_if_fail (profile != NULL);
  g_return_if_fail (cr != NULL);

  scale = MIN (width / PAGE_W, height / PAGE_H);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  draw_page (&chart, cr);
  cairo_restore (cr);
}

/* Page 2 on: each indicator's definition, flowing over as many pages as
 * they need. */
static void
draw_definitions (Chart   *chart,
                  cairo_t *cr)
{
  chart->pen = (AtlasPen) { .cr = cr, .left = MARGIN, .right = PAGE_W - MARGIN, .y = MARGIN };
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  atlas_pen_set_font (cr, 13, TRUE);
  chart->pen.y += 13;
  atlas_pen_show (&chart->pen, text (chart, TEXT_DEFINITIONS), MARGIN, chart->pen.y);
  chart->pen.y += 6;
  for (guint i = 0; i < atlas_area_profile_get_n_rows (chart->profile); i++)
    {
      AtlasIndicator *indicator = atlas_area_profile_get_row (chart->profile, i)->indicator;
      const char *definition = atlas_indicator_get_definition (indicator, chart->lang);
      g_autofree char *line = g_strdup_printf ("%s: %s", atlas_indicator_get_name (indicator, chart->lang),
                                               definition != NULL ? definition : "–");

      if (chart->pen.y > PAGE_H - MARGIN - 40)
        {
          cairo_show_page (cr);
          chart->pen.y = MARGIN;
        }
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      atlas_pen_paragraph (&chart->pen, line, 7.5);
    }
}

static gboolean
render_pdf (const AtlasAreaProfile *profile,
            const char             *path,
            const char             *lang,
            GByteArray             *bytes,
            GError                **error)
{
  Chart chart = { .profile = profile, .lang = lang != NULL ? lang : atlas_language (), .paged = TRUE };
  AtlasArea *area = atlas_area_profile_get_area (profile);
  g_autofree char *name = atlas_area_dup_display_name (area);
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  surface = cairo_pdf_surface_create_for_stream (atlas_export_append_bytes, bytes, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, name);
  cr = cairo_create (surface);
  draw_page (&chart, cr);
  cairo_show_page (cr);
  draw_definitions (&chart, cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = atlas_export_check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
atlas_area_profile_export (const AtlasAreaProfile *profile,
                           const char             *path,
                           const char             *lang,
                           GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  AtlasFigureFormat format;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!atlas_figure_format_from_path (path, &format, error))
    return FALSE;
  if (format != ATLAS_FIGURE_FORMAT_PDF)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An area profile is written as PDF: “%s” does not end in .pdf"), path);
      return FALSE;
    }
  if (!atlas_export_check_directory (path, error))
    return FALSE;
  return render_pdf (profile, path, lang, bytes, error) && atlas_export_write_bytes (path, bytes, error);
}

static void
remove_written (GPtrArray *written)
{
  for (guint i = 0; i < written->len; i++)
    g_unlink (g_ptr_array_index (written, i));
}

/* Every target name, refusing existing files unless overwriting. */
static GPtrArray *
batch_paths (AtlasDivision    *division,
             const char       *directory,
             AtlasBatchFlags   flags,
             GError          **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
    {
      g_autofree char *name = atlas_figure_batch_file_name (atlas_division_get_area (division, i),
                                                            ATLAS_FIGURE_FORMAT_PDF);
      char *path = g_build_filename (directory, name, NULL);

      g_ptr_array_add (paths, path);
      if (!(flags & ATLAS_BATCH_OVERWRITE) && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” exists already; nothing was written (allow replacing files to overwrite)"),
                       path);
          return NULL;
        }
    }
  return g_steal_pointer (&paths);
}

char **
atlas_area_profile_export_batch (AtlasDataset     *dataset,
                                 AtlasDivision    *division,
                                 guint             year,
                                 const char       *directory,
                                 const char       *lang,
                                 AtlasBatchFlags   flags,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(AtlasProfileLevel) level = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new ();

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_DIVISION (division), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist"), directory);
      return NULL;
    }
  level = atlas_profile_level_new (dataset, division, year, error);
  if (level == NULL || (paths = batch_paths (division, directory, flags, error)) == NULL)
    return NULL;

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(AtlasAreaProfile) profile = atlas_area_profile_new_in (level, atlas_division_get_area (division, i));

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !atlas_area_profile_export (profile, g_ptr_array_index (paths, i), lang, error))
        {
          remove_written (written);
          return NULL;
        }
      g_ptr_array_add (written, g_ptr_array_index (paths, i));
    }
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}
