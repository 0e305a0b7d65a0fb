/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "atlas-analysis-page-private.h"
#include "atlas-export-private.h"
#include "atlas-figure-private.h"

/* The figures' family, so analysis pages and map figures read alike. */
#define FONT_FAMILY "Cantarell"
#define MAX_DPI 600

double
atlas_pen_page_scale (double width,
                      double height)
{
  return CLAMP (MIN (width / 842.0, height / 595.0), 0.3, 2.0);
}

void
atlas_pen_set_font (cairo_t  *cr,
                    double    size,
                    gboolean  bold)
{
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
atlas_pen_text_width (cairo_t    *cr,
                      const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

char *
atlas_pen_fit_text (cairo_t    *cr,
                    const char *text,
                    double      max_width)
{
  g_autofree char *shown = g_strdup (text);
  glong n = g_utf8_strlen (text, -1);

  while (n > 1 && atlas_pen_text_width (cr, shown) > max_width)
    {
      g_autofree char *prefix = g_utf8_substring (text, 0, --n);

      g_free (shown);
      shown = g_strconcat (prefix, "…", NULL);
    }
  return g_steal_pointer (&shown);
}

void
atlas_pen_show (AtlasPen   *pen,
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

void
atlas_pen_show_right (AtlasPen   *pen,
                      const char *text,
                      double      right,
                      double      baseline)
{
  atlas_pen_show (pen, text, right - atlas_pen_text_width (pen->cr, text), baseline);
}

/* @text broken at spaces into lines no wider than @width at the current
 * font; a single word wider than @width keeps a line of its own. */
static GPtrArray *
wrap_lines (cairo_t    *cr,
            const char *text,
            double      width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize before = line->len;

      g_string_append_printf (line, "%s%s", before > 0 ? " " : "", words[i]);
      if (before > 0 && atlas_pen_text_width (cr, line->str) > width)
        {
          g_string_truncate (line, before);
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_assign (line, words[i]);
        }
    }
  g_ptr_array_add (lines, g_strdup (line->str));
  return lines;
}

void
atlas_pen_paragraph (AtlasPen   *pen,
                     const char *text,
                     double      size)
{
  g_autoptr(GPtrArray) lines = NULL;

  atlas_pen_set_font (pen->cr, size, FALSE);
  lines = wrap_lines (pen->cr, text, pen->right - pen->left);
  for (guint i = 0; i < lines->len; i++)
    {
      pen->y += size * 1.3;
      atlas_pen_show (pen, g_ptr_array_index (lines, i), pen->left, pen->y);
    }
  pen->y += size * 0.5;
}

/* The rest of @lines from @from, joined and cut with "…" to @width. */
static char *
dup_last_line (cairo_t   *cr,
               GPtrArray *lines,
               guint      from,
               double     width)
{
  g_autoptr(GString) rest = g_string_new (NULL);

  for (guint i = from; i < lines->len; i++)
    g_string_append_printf (rest, "%s%s", i > from ? " " : "", (const char *) g_ptr_array_index (lines, i));
  return atlas_pen_fit_text (cr, rest->str, width);
}

void
atlas_pen_wrapped (AtlasPen   *pen,
                   const char *text,
                   double      size,
                   gboolean    bold,
                   guint       max_lines)
{
  double width = pen->right - pen->left;
  double shown = size;
  g_autoptr(GPtrArray) lines = NULL;

  g_return_if_fail (max_lines > 0);

  for (;;)
    {
      atlas_pen_set_font (pen->cr, shown, bold);
      lines = wrap_lines (pen->cr, text, width);
      if (lines->len <= max_lines || shown <= size * 0.75)
        break;
      g_clear_pointer (&lines, g_ptr_array_unref);
      shown *= 0.92;
    }
  for (guint i = 0; i < lines->len && i < max_lines; i++)
    {
      g_autofree char *line = dup_last_line (pen->cr, lines, i, width);

      if (i + 1 < max_lines && i + 1 < lines->len)
        {
          g_free (line);
          line = atlas_pen_fit_text (pen->cr, g_ptr_array_index (lines, i), width);
        }
      pen->y += i == 0 ? shown : shown * 1.2;
      atlas_pen_show (pen, line, pen->left, pen->y);
    }
}

void
atlas_pen_heading (AtlasPen   *pen,
                   const char *title,
                   const char *subtitle,
                   gboolean    demonstration,
                   double      scale)
{
  cairo_set_source_rgb (pen->cr, 1, 1, 1);
  cairo_paint (pen->cr);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  atlas_pen_wrapped (pen, title, 19 * scale, TRUE, 2);
  pen->y += 5 * scale;
  atlas_pen_wrapped (pen, subtitle, 11 * scale, FALSE, 2);
  if (demonstration)
    {
      atlas_pen_set_font (pen->cr, 10 * scale, TRUE);
      pen->y += 18 * scale;
      cairo_set_source_rgb (pen->cr, 0.75, 0.1, 0.1);
      atlas_pen_show (pen, atlas_figure_label (atlas_language (), FIGURE_LABEL_DEMONSTRATION),
                      pen->left, pen->y);
    }
  pen->y += 8 * scale;
}

static gboolean
render_vector (AtlasPageFormat      page,
               AtlasFigureFormat    format,
               AtlasPageDrawFunc    draw,
               gpointer             data,
               GByteArray          *bytes,
               const char          *path,
               GError             **error)
{
  g_autoptr(GPtrArray) runs = format == ATLAS_FIGURE_FORMAT_SVG ? atlas_figure_text_runs_new () : NULL;
  double width = 0, height = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (page, &width, &height);
  if (format == ATLAS_FIGURE_FORMAT_PDF)
    surface = cairo_pdf_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
  else
    surface = cairo_svg_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
  cr = cairo_create (surface);
  draw (data, cr, width, height, runs);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = atlas_export_check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && runs != NULL)
    atlas_figure_svg_add_text (bytes, runs);
  return ok;
}

static gboolean
render_png (AtlasPageFormat     page,
            guint               dpi,
            AtlasPageDrawFunc   draw,
            gpointer            data,
            GByteArray         *bytes,
            const char         *path,
            GError            **error)
{
  double width = 0, height = 0;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) round (width * dpi / 72.0),
                                        (int) round (height * dpi / 72.0));
  cr = cairo_create (surface);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  draw (data, cr, width, height, NULL);
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
 * atlas_analysis_page_export:
 * @page: the page format
 * @path: ends in .png, .pdf or .svg
 * @dpi: PNG resolution, clamped to 72–600
 * @draw: draws the page
 * @data: passed to @draw
 * @error: G_IO_ERROR for the file
 *
 * Returns: TRUE when the file was written; on failure nothing is left behind
 */
gboolean
atlas_analysis_page_export (AtlasPageFormat     page,
                            const char         *path,
                            guint               dpi,
                            AtlasPageDrawFunc   draw,
                            gpointer            data,
                            GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  AtlasFigureFormat format;
  gboolean ok;

  if (!atlas_figure_format_from_path (path, &format, error) ||
      !atlas_export_check_directory (path, error))
    return FALSE;

  if (format == ATLAS_FIGURE_FORMAT_PNG)
    ok = render_png (page, CLAMP (dpi, 72, MAX_DPI), draw, data, bytes, path, error);
  else
    ok = render_vector (page, format, draw, data, bytes, path, error);

  return ok && atlas_export_write_bytes (path, bytes, error);
}
