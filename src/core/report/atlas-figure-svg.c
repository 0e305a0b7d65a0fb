/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "atlas-figure-private.h"

/* Real text in SVG figures. cairo 1.16 turns text on an SVG surface into
 * glyph outlines, so an SVG figure could not be searched, selected or
 * edited in a drawing program. For SVG the page records each line of text
 * (string, baseline, font, colour and transformation) instead of drawing
 * it, and the lines are appended to cairo's document as <text> elements,
 * in the same family the page measured them with plus fallbacks. */

#define SVG_FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

static void
text_run_free (gpointer data)
{
  AtlasFigureTextRun *run = data;

  g_free (run->text);
  g_free (run);
}

GPtrArray *
atlas_figure_text_runs_new (void)
{
  return g_ptr_array_new_with_free_func (text_run_free);
}

static void
source_rgba (cairo_t *cr,
             double   rgba[4])
{
  cairo_pattern_t *source = cairo_get_source (cr);

  rgba[0] = rgba[1] = rgba[2] = 0;
  rgba[3] = 1;
  /* The page only draws text in solid colours. */
  if (cairo_pattern_get_type (source) == CAIRO_PATTERN_TYPE_SOLID)
    cairo_pattern_get_rgba (source, &rgba[0], &rgba[1], &rgba[2], &rgba[3]);
}

/* Records text as cairo_show_text() would draw it at (x, y) in cr's
 * current font, colour and transformation. */
void
atlas_figure_text_runs_add (GPtrArray  *runs,
                            cairo_t    *cr,
                            const char *text,
                            double      x,
                            double      y)
{
  AtlasFigureTextRun *run = g_new0 (AtlasFigureTextRun, 1);
  cairo_matrix_t font_matrix;

  run->text = g_strdup (text);
  run->x = x;
  run->y = y;
  cairo_get_matrix (cr, &run->matrix);
  cairo_get_font_matrix (cr, &font_matrix);
  run->size = font_matrix.yy;
  run->bold = cairo_toy_font_face_get_weight (cairo_get_font_face (cr)) == CAIRO_FONT_WEIGHT_BOLD;
  source_rgba (cr, run->rgba);
  g_ptr_array_add (runs, run);
}

static void
append_number (GString    *out,
               const char *before,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Locale-independent: a Swedish locale would write a decimal comma. */
  g_string_append (out, before);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

static gboolean
is_translation (const cairo_matrix_t *m)
{
  return m->xx == 1 && m->yy == 1 && m->xy == 0 && m->yx == 0;
}

static void
append_position (GString                  *out,
                 const AtlasFigureTextRun *run)
{
  const cairo_matrix_t *m = &run->matrix;

  if (is_translation (m))
    {
      append_number (out, " x=\"", run->x + m->x0);
      append_number (out, "\" y=\"", run->y + m->y0);
      g_string_append_c (out, '"');
      return;
    }
  append_number (out, " x=\"", run->x);
  append_number (out, "\" y=\"", run->y);
  append_number (out, "\" transform=\"matrix(", m->xx);
  append_number (out, " ", m->yx);
  append_number (out, " ", m->xy);
  append_number (out, " ", m->yy);
  append_number (out, " ", m->x0);
  append_number (out, " ", m->y0);
  g_string_append (out, ")\"");
}

static void
append_run (GString                  *out,
            const AtlasFigureTextRun *run)
{
  g_autofree char *escaped = g_markup_escape_text (run->text, -1);

  g_string_append (out, "<text");
  append_position (out, run);
  append_number (out, " font-size=\"", run->size);
  g_string_append_printf (out, "\"%s fill=\"#%02x%02x%02x\"",
                          run->bold ? " font-weight=\"bold\"" : "",
                          (guint) (run->rgba[0] * 255 + 0.5),
                          (guint) (run->rgba[1] * 255 + 0.5),
                          (guint) (run->rgba[2] * 255 + 0.5));
  if (run->rgba[3] < 1)
    {
      append_number (out, " fill-opacity=\"", run->rgba[3]);
      g_string_append_c (out, '"');
    }
  if (run->halo > 0)
    {
      /* Map labels: a light outline painted under the fill. */
      append_number (out, " stroke=\"#ffffff\" stroke-opacity=\"0.85\" stroke-linejoin=\"round\""
                     " paint-order=\"stroke\" stroke-width=\"", run->halo);
      g_string_append_c (out, '"');
    }
  g_string_append_printf (out, ">%s</text>\n", escaped);
}

/* The runs go last, over the whole drawing: nothing on a page is drawn
 * over text, so the stacking order stays as on the other formats. */
void
atlas_figure_svg_add_text (GByteArray *svg,
                           GPtrArray  *runs)
{
  g_autoptr(GString) group = g_string_new ("<g font-family=\"" SVG_FONT_FAMILY "\""
                                           " xml:space=\"preserve\">\n");
  const char *data = (const char *) svg->data;
  gsize end;

  for (end = svg->len; end >= 6; end--)
    if (memcmp (data + end - 6, "</svg>", 6) == 0)
      break;
  g_assert (end >= 6);

  for (guint i = 0; i < runs->len; i++)
    append_run (group, runs->pdata[i]);
  g_string_append (group, "</g>\n");
  /* A GByteArray is a GArray of guint8. */
  g_array_insert_vals ((GArray *) svg, end - 6, group->str, group->len);
}
