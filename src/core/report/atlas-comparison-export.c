/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "atlas-comparison-export.h"
#include "atlas-export-private.h"
#include "atlas-figure.h"
#include "atlas-trend-chart.h"

#define EMPTY_CELL "–"
#define PNG_DPI 150.0
#define MARGIN 36.0
#define CHART_HEIGHT 400.0

/* Labels of the exported table. Like figures, an export is drawn in its
 * own language whatever the process locale, hence a small sv/en table. */
typedef enum
{
  LABEL_INDICATOR,
  LABEL_BETTER,
  LABEL_NOTE,
  LABEL_MISSING,
  LABEL_SOURCES,
  LABEL_DEMONSTRATION,
  LABEL_DEMONSTRATION_ROWS,
  LABEL_WATERMARK,
  LABEL_LEVEL,
  LABEL_REASON_NOT_IN_SOURCE,
  LABEL_REASON_NOT_AGGREGATABLE,
  LABEL_REASON_CATEGORY,
  LABEL_REASON_INCOMPLETE,
  LABEL_REASON_PARTIAL_COVERAGE,
  LABEL_REASON_NO_WEIGHT,
  LABEL_REASON_YEAR,
  LABEL_REASON_FEW_UNITS,
  LABEL_REASON_NOT_AT_LEVEL,
  N_LABELS
} Label;

static const char * const labels[N_LABELS][2] = {
  [LABEL_INDICATOR] = { "Indikator", "Indicator" },
  [LABEL_BETTER] = { "Bättre", "Better" },
  [LABEL_NOTE] = { "Skillnad A − B; andelar i procent jämförs i procentenheter. "
                   "Bättre enligt indikatorns riktning.",
                   "Difference A − B; percentages are compared in percentage points. "
                   "Better by the indicator's direction." },
  [LABEL_MISSING] = { "Uppgift saknas", "No data" },
  [LABEL_SOURCES] = { "Källor: ", "Sources: " },
  [LABEL_DEMONSTRATION] = { "Demonstrationsdata – inte verklig statistik",
                            "Demonstration data – not real statistics" },
  [LABEL_DEMONSTRATION_ROWS] = { "* Demonstrationsdata – inte verklig statistik",
                                 "* Demonstration data – not real statistics" },
  [LABEL_WATERMARK] = { "DEMONSTRATIONSDATA", "DEMONSTRATION DATA" },
  [LABEL_LEVEL] = { "Nivå: ", "Level: " },
  /* The reasons of AtlasMissingReason, in its order from NOT_IN_SOURCE. */
  [LABEL_REASON_NOT_IN_SOURCE] = { "källan har inget värde för området",
                                   "the source has no value for the area" },
  [LABEL_REASON_NOT_AGGREGATABLE] = { "medianer o.d. kan inte slås samman från delområden, "
                                      "och inget värde finns lagrat för nivån",
                                      "medians and the like cannot be combined from sub-areas, "
                                      "and no value is stored for the level" },
  [LABEL_REASON_CATEGORY] = { "områdestyper slås inte samman", "area types are not combined" },
  [LABEL_REASON_INCOMPLETE] = { "några delområden saknar värde",
                                "some sub-areas lack a value" },
  [LABEL_REASON_PARTIAL_COVERAGE] = { "paketet täcker bara en del av området",
                                      "the package covers only part of the area" },
  [LABEL_REASON_NO_WEIGHT] = { "vikten för sammanvägningen saknas eller är noll",
                               "the weight to combine values is missing or zero" },
  [LABEL_REASON_YEAR] = { "indikatorn har inga värden detta år",
                          "the indicator has no values this year" },
  [LABEL_REASON_FEW_UNITS] = { "för få små områden eller personer för ett tillförlitligt "
                               "segregationsindex",
                               "too few small areas or people for a reliable segregation index" },
  [LABEL_REASON_NOT_AT_LEVEL] = { "beräknas bara för större områden, ur de små områdena i dem",
                                  "computed only for larger areas, from the small areas in them" },
};

/* Superscript markers of the missing reasons, one per AtlasMissingReason. */
static const char * const reason_marks[] = { "", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

static gboolean
is_english (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0;
}

static const char *
label (const char *lang,
       Label       which)
{
  return labels[which][is_english (lang) ? 1 : 0];
}

/* Labels with numbers: literal formats, so the compiler checks them. */
static char *
dup_change_label (const char          *lang,
                  AtlasComparisonSide  side,
                  guint                since)
{
  gboolean a = side == ATLAS_COMPARISON_SIDE_A;

  if (is_english (lang))
    return g_strdup_printf ("Change %s since %u", a ? "A" : "B", since);
  return g_strdup_printf ("Förändring %s sedan %u", a ? "A" : "B", since);
}

gboolean
atlas_comparison_export_format_from_path (const char                   *path,
                                          AtlasComparisonExportFormat  *format,
                                          GError                      **error)
{
  static const char * const extensions[] = { ".csv", ".png", ".pdf" };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (lower, extensions[i]))
      {
        *format = (AtlasComparisonExportFormat) i;
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Cannot export to “%s”: the name must end in .csv, .png or .pdf"), path);
  return FALSE;
}

/* ---- CSV ----------------------------------------------------------- */

static void
csv_text (GString    *line,
          const char *text)
{
  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* Shortest text that reads back as the same double. */
static void
csv_number (GString *line,
            double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  csv_text (line, !isfinite (value) ? NULL : g_ascii_dtostr (buffer, sizeof buffer, value));
}

static void
csv_uint (GString *line,
          guint    value)
{
  char buffer[16];

  g_snprintf (buffer, sizeof buffer, "%u", value);
  csv_text (line, value != 0 ? buffer : NULL);
}

static const char * const csv_intro_columns[] = {
  "package", "year", "since", "a_code", "a_name", "a_level", "b_code", "b_name", "b_level",
  "id", "name", "theme", "unit", "source", "demonstration",
  "a", "a_source", "a_missing_reason", "b", "b_source", "b_missing_reason",
  "difference", "difference_unit", "relative_difference", "normalized_difference", "better",
};

static const char * const csv_outro_columns[] = {
  "a_since", "a_since_missing_reason", "change_a", "relative_change_a",
  "b_since", "b_since_missing_reason", "change_b", "relative_change_b",
  "a_history", "b_history",
};

/* Why a cell is empty: the reason's machine name, "no-area" where there
 * is no such area (a län has no kommun), nothing when there is a value. */
static const char *
reason_nick (AtlasValueSource   source,
             AtlasMissingReason reason)
{
  if (source != ATLAS_VALUE_MISSING)
    return NULL;
  return reason == ATLAS_MISSING_NONE ? "no-area" : atlas_missing_reason_to_nick (reason);
}

static void
csv_area (GString   *line,
          AtlasArea *area)
{
  g_autofree char *name = atlas_area_dup_display_name (area);

  csv_text (line, atlas_area_get_code (area));
  csv_text (line, name);
  csv_text (line, atlas_division_get_id (atlas_area_get_division (area)));
}

static void
csv_intro (GString         *line,
           AtlasComparison *comparison)
{
  csv_text (line, atlas_dataset_get_id (atlas_comparison_get_dataset (comparison)));
  csv_uint (line, atlas_comparison_get_year (comparison));
  csv_uint (line, atlas_comparison_get_since_year (comparison));
  csv_area (line, atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_A));
  csv_area (line, atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_B));
}

static void
csv_side (GString             *line,
          AtlasComparisonRow  *row,
          AtlasComparisonSide  side)
{
  AtlasValueSource source;
  AtlasMissingReason reason;
  double value = atlas_comparison_row_get_value (row, side, &source, &reason);

  csv_number (line, value);
  csv_text (line, atlas_value_source_to_nick (source));
  csv_text (line, reason_nick (source, reason));
}

static void
csv_since (GString             *line,
           AtlasComparison     *comparison,
           AtlasComparisonRow  *row,
           AtlasComparisonSide  side)
{
  AtlasValueSource source;
  AtlasMissingReason reason;
  double value = atlas_comparison_row_get_since_value (row, side, &source, &reason);
  gboolean since = atlas_comparison_get_since_year (comparison) != 0;

  csv_number (line, value);
  csv_text (line, since ? reason_nick (source, reason) : NULL);
  csv_number (line, atlas_comparison_row_get_change (row, side));
  csv_number (line, atlas_comparison_row_get_relative_change (row, side));
}

/* The reference columns are the package's levels: no "lan" without a
 * län level. Each has its value and, when missing, the reason. */
static void
csv_references (GString            *line,
                AtlasComparison    *comparison,
                AtlasComparisonRow *row)
{
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    {
      AtlasValueSource source;
      AtlasMissingReason reason;
      double value;

      if (atlas_comparison_get_reference_level (comparison, r) == NULL)
        continue;
      value = atlas_comparison_row_get_reference (row, r, &source, &reason);
      csv_number (line, value);
      csv_text (line, reason_nick (source, reason));
    }
}

/* "2011:3 2012:4": the category code per year, category rows only. */
static void
csv_history (GString             *line,
             AtlasComparisonRow  *row,
             AtlasComparisonSide  side)
{
  GArray *history = atlas_comparison_row_is_category (row)
                    ? atlas_comparison_row_get_history (row, side) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const AtlasCategoryYear *entry = &g_array_index (history, AtlasCategoryYear, i);

      g_string_append_printf (text, "%s%u:%d", i > 0 ? " " : "", entry->year, entry->code);
    }
  csv_text (line, text->len > 0 ? text->str : NULL);
}

static void
csv_row (GString            *line,
         AtlasComparison    *comparison,
         AtlasComparisonRow *row)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  const char *unit = atlas_unit_to_nick (atlas_indicator_get_unit (indicator));

  csv_text (line, atlas_indicator_get_id (indicator));
  csv_text (line, atlas_indicator_get_name (indicator, NULL));
  csv_text (line, atlas_indicator_get_theme_id (indicator));
  csv_text (line, unit);
  csv_text (line, atlas_indicator_get_source (indicator));
  csv_text (line, atlas_comparison_row_is_demonstration (row) ? "true" : "false");
  csv_side (line, row, ATLAS_COMPARISON_SIDE_A);
  csv_side (line, row, ATLAS_COMPARISON_SIDE_B);
  csv_number (line, atlas_comparison_row_get_difference (row));
  csv_text (line, atlas_comparison_row_in_percentage_points (row) ? "percentage-points" : unit);
  csv_number (line, atlas_comparison_row_get_relative_difference (row));
  csv_number (line, atlas_comparison_row_get_normalized_difference (row));
  csv_text (line, atlas_comparison_better_to_nick (atlas_comparison_row_get_better (row)));
  csv_references (line, comparison, row);
  csv_since (line, comparison, row, ATLAS_COMPARISON_SIDE_A);
  csv_since (line, comparison, row, ATLAS_COMPARISON_SIDE_B);
  csv_history (line, row, ATLAS_COMPARISON_SIDE_A);
  csv_history (line, row, ATLAS_COMPARISON_SIDE_B);
}

static void
csv_header (GString         *csv,
            AtlasComparison *comparison)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (csv_intro_columns); c++)
    csv_text (line, csv_intro_columns[c]);
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    {
      g_autofree char *key = atlas_comparison_dup_reference_key (comparison, r);
      g_autofree char *reason = key != NULL ? g_strconcat (key, "_missing_reason", NULL) : NULL;

      if (key == NULL)
        continue;
      csv_text (line, key);
      csv_text (line, reason);
    }
  for (guint c = 0; c < G_N_ELEMENTS (csv_outro_columns); c++)
    csv_text (line, csv_outro_columns[c]);
  g_string_append_printf (csv, "%s\n", line->str);
}

char *
atlas_comparison_dup_csv (AtlasComparison *comparison)
{
  GListModel *rows = G_LIST_MODEL (comparison);
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (ATLAS_IS_COMPARISON (comparison), NULL);

  csv_header (csv, comparison);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GString) line = g_string_new (NULL);

      csv_intro (line, comparison);
      csv_row (line, comparison, row);
      g_string_append_printf (csv, "%s\n", line->str);
    }

  return g_string_free (csv, FALSE);
}

/* ---- Table --------------------------------------------------------- */

typedef struct
{
  gboolean   heading;   /* a theme name spanning the table */
  GPtrArray *cells;
} Line;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_ptr_array_unref (line->cells);
  g_free (line);
}

static Line *
add_line (GPtrArray *lines,
          gboolean   heading)
{
  Line *line = g_new0 (Line, 1);

  line->heading = heading;
  line->cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lines, line);
  return line;
}

static char *
or_empty (char *text)
{
  return text != NULL ? text : g_strdup (EMPTY_CELL);
}

/* The column title of a reference: the level's name, "Kommun (B)". */
static char *
reference_name (AtlasComparison          *comparison,
                AtlasComparisonReference  reference,
                const char               *lang)
{
  AtlasDivision *level = atlas_comparison_get_reference_level (comparison, reference);
  const char *name = atlas_division_get_name (level, lang);

  if (reference == ATLAS_COMPARISON_REFERENCE_B_KOMMUN || reference == ATLAS_COMPARISON_REFERENCE_B_LAN)
    return g_strdup_printf ("%s (B)", name);
  return g_strdup (name);
}

static void
add_header (GPtrArray       *lines,
            AtlasComparison *comparison,
            const char      *lang)
{
  GPtrArray *cells = add_line (lines, FALSE)->cells;
  guint since = atlas_comparison_get_since_year (comparison);

  g_ptr_array_add (cells, g_strdup (label (lang, LABEL_INDICATOR)));
  g_ptr_array_add (cells, g_strdup ("A"));
  g_ptr_array_add (cells, g_strdup ("B"));
  g_ptr_array_add (cells, g_strdup ("A − B"));
  g_ptr_array_add (cells, g_strdup (label (lang, LABEL_BETTER)));
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    if (atlas_comparison_shows_reference (comparison, r))
      g_ptr_array_add (cells, reference_name (comparison, r, lang));
  if (since != 0)
    {
      g_ptr_array_add (cells, dup_change_label (lang, ATLAS_COMPARISON_SIDE_A, since));
      g_ptr_array_add (cells, dup_change_label (lang, ATLAS_COMPARISON_SIDE_B, since));
    }
}

/* A missing value says why, by a marker explained under the table. */
static char *
format_value (AtlasComparisonRow *row,
              double              value,
              AtlasMissingReason  reason,
              const char         *lang,
              guint              *reasons_used)
{
  if (!isnan (value))
    return atlas_indicator_format_value (atlas_comparison_row_get_indicator (row), value, lang);
  if (reason > ATLAS_MISSING_NONE && reason < G_N_ELEMENTS (reason_marks))
    {
      *reasons_used |= 1u << reason;
      return g_strconcat (label (lang, LABEL_MISSING), reason_marks[reason], NULL);
    }
  return g_strdup (label (lang, LABEL_MISSING));
}

static char *
row_name (AtlasComparisonRow *row,
          const char         *lang)
{
  const char *name = atlas_indicator_get_name (atlas_comparison_row_get_indicator (row), lang);

  return atlas_comparison_row_is_demonstration (row) ? g_strconcat (name, " *", NULL) : g_strdup (name);
}

static void
add_row (GPtrArray          *lines,
         AtlasComparison    *comparison,
         AtlasComparisonRow *row,
         const char         *lang,
         guint              *reasons)
{
  GPtrArray *cells = add_line (lines, FALSE)->cells;
  AtlasMissingReason reason;
  double value;

  g_ptr_array_add (cells, row_name (row, lang));
  for (guint s = 0; s < 2; s++)
    {
      value = atlas_comparison_row_get_value (row, s, NULL, &reason);
      g_ptr_array_add (cells, format_value (row, value, reason, lang, reasons));
    }
  g_ptr_array_add (cells, or_empty (atlas_comparison_format_difference_cell (row, lang)));
  g_ptr_array_add (cells, g_strdup (atlas_comparison_better_to_label (atlas_comparison_row_get_better (row))));
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    if (atlas_comparison_shows_reference (comparison, r))
      {
        value = atlas_comparison_row_get_reference (row, r, NULL, &reason);
        g_ptr_array_add (cells, format_value (row, value, reason, lang, reasons));
      }
  if (atlas_comparison_get_since_year (comparison) != 0)
    for (guint s = 0; s < 2; s++)
      g_ptr_array_add (cells, or_empty (atlas_comparison_format_change (row, s, lang)));
}

/* Theme headings, each followed by its rows, in the comparison's order. */
static GPtrArray *
build_lines (AtlasComparison *comparison,
             const char      *lang,
             guint           *reasons)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  GListModel *rows = G_LIST_MODEL (comparison);
  AtlasDataset *dataset = atlas_comparison_get_dataset (comparison);
  const char *theme_id = NULL;

  add_header (lines, comparison, lang);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (rows, i);
      const char *row_theme = atlas_indicator_get_theme_id (atlas_comparison_row_get_indicator (row));

      if (i == 0 || g_strcmp0 (row_theme, theme_id) != 0)
        {
          AtlasTheme *theme = row_theme != NULL ? atlas_dataset_lookup_theme (dataset, row_theme) : NULL;

          g_ptr_array_add (add_line (lines, TRUE)->cells,
                           g_strdup (theme != NULL ? atlas_theme_get_name (theme, lang) : ""));
        }
      theme_id = row_theme;
      add_row (lines, comparison, row, lang, reasons);
    }
  return lines;
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
set_font (cairo_t *cr,
          double   size,
          gboolean bold)
{
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

/* Natural column widths at the current font; the indicator names are
 * capped so the numbers keep their room. */
static double *
column_widths (cairo_t   *cr,
               GPtrArray *lines,
               guint      n_columns,
               double     width)
{
  double *widths = g_new0 (double, n_columns);

  for (guint l = 0; l < lines->len; l++)
    {
      Line *line = g_ptr_array_index (lines, l);

      /* The header row is drawn in bold. */
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                              l == 0 ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
      for (guint c = 0; !line->heading && c < line->cells->len; c++)
        widths[c] = MAX (widths[c], text_width (cr, g_ptr_array_index (line->cells, c)));
    }
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  widths[0] = MIN (widths[0], width * 0.3);
  return widths;
}

/* Shortens text with "…" to fit max_width. */
static char *
fit_text (cairo_t    *cr,
          const char *text,
          double      max_width)
{
  g_autofree char *shown = g_strdup (text);
  glong n = g_utf8_strlen (text, -1);

  /* The tolerance absorbs hinting: a cell as wide as its column fits. */
  while (n > 1 && text_width (cr, shown) > max_width + 0.5)
    {
      g_autofree char *prefix = g_utf8_substring (text, 0, --n);

      g_free (shown);
      shown = g_strconcat (prefix, "…", NULL);
    }
  return g_steal_pointer (&shown);
}

static double
draw_lines (cairo_t   *cr,
            GPtrArray *lines,
            double     width,
            double     y)
{
  guint n_columns = ((Line *) g_ptr_array_index (lines, 0))->cells->len;
  double font = 8.0, gap = 10.0, total = 0;
  g_autofree double *widths = NULL;

  /* Shrink the text until every column fits the width. */
  for (;;)
    {
      set_font (cr, font, FALSE);
      g_clear_pointer (&widths, g_free);
      widths = column_widths (cr, lines, n_columns, width);
      total = gap * (n_columns - 1);
      for (guint c = 0; c < n_columns; c++)
        total += widths[c];
      if (total <= width || font <= 5.0)
        break;
      font -= 0.5;
    }

  for (guint l = 0; l < lines->len; l++)
    {
      Line *line = g_ptr_array_index (lines, l);
      double x = 0;

      y += font * (line->heading ? 2.2 : 1.5);
      set_font (cr, line->heading ? font * 1.1 : font, line->heading || l == 0);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      for (guint c = 0; c < line->cells->len; c++)
        {
          /* Only the names are capped; the other columns have their
           * natural widths. */
          g_autofree char *text = c == 0 ? fit_text (cr, g_ptr_array_index (line->cells, c),
                                                     line->heading ? width : widths[c])
                                         : g_strdup (g_ptr_array_index (line->cells, c));

          /* Numbers align right, names left. */
          cairo_move_to (cr, c == 0 || line->heading ? x : x + widths[c] - text_width (cr, text), y);
          cairo_show_text (cr, text);
          x += widths[c] + gap;
        }
      if (l == 0)
        {
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, 0, y + font * 0.5);
          cairo_line_to (cr, MIN (total, width), y + font * 0.5);
          cairo_stroke (cr);
        }
    }
  return y;
}

static char *
dup_title (AtlasComparison *comparison,
           const char      *lang)
{
  AtlasArea *area_a = atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_A);
  AtlasArea *area_b = atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_B);
  g_autofree char *a = atlas_area_dup_display_name (area_a);
  g_autofree char *b = atlas_area_dup_display_name (area_b);

  guint year = atlas_comparison_get_year (comparison);

  if (is_english (lang))
    return g_strdup_printf ("%s (A) compared with %s (B), %u", a, b, year);
  return g_strdup_printf ("%s (A) jämfört med %s (B), %u", a, b, year);
}

/* Draws text from x = 0 at y, wrapped at width; returns the new y. */
static double
draw_wrapped (cairo_t    *cr,
              const char *text,
              double      width,
              double      y,
              double      leading)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *tried = line->len > 0 ? g_strconcat (line->str, " ", words[i], NULL)
                                             : g_strdup (words[i]);

      if (line->len > 0 && text_width (cr, tried) > width)
        {
          cairo_move_to (cr, 0, y);
          cairo_show_text (cr, line->str);
          y += leading;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, tried);
    }
  cairo_move_to (cr, 0, y);
  cairo_show_text (cr, line->str);
  return y + leading;
}

/* "Källor: SCB HE0110 (TabVX4bDispInkN); Arbetsförmedlingen via Kolada
 * …": each distinct source of the rows once, in row order. */
static char *
dup_sources (AtlasComparison *comparison,
             const char      *lang)
{
  GListModel *rows = G_LIST_MODEL (comparison);
  g_autoptr(GString) text = g_string_new (label (lang, LABEL_SOURCES));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (rows, i);
      const char *source = atlas_indicator_get_source (atlas_comparison_row_get_indicator (row));

      if (source == NULL || !g_hash_table_add (seen, (gpointer) source))
        continue;
      g_string_append_printf (text, "%s%s", g_hash_table_size (seen) > 1 ? "; " : "", source);
    }
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static double
draw_footer (AtlasComparison *comparison,
             const char      *lang,
             cairo_t         *cr,
             double           width,
             double           y,
             guint            reasons)
{
  AtlasDataset *dataset = atlas_comparison_get_dataset (comparison);
  g_autofree char *sources = dup_sources (comparison, lang);
  g_autofree char *package = g_strdup_printf ("Data: %s, version %s",
                                              atlas_dataset_get_title (dataset, lang),
                                              atlas_dataset_get_version (dataset));

  set_font (cr, 7.0, FALSE);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  y = draw_wrapped (cr, label (lang, LABEL_NOTE), width, y + 18, 10);
  for (guint r = ATLAS_MISSING_NONE + 1; r < G_N_ELEMENTS (reason_marks); r++)
    if (reasons & (1u << r))
      {
        g_autofree char *why = g_strdup_printf ("%s %s: %s", reason_marks[r], label (lang, LABEL_MISSING),
                                                label (lang, LABEL_REASON_NOT_IN_SOURCE + r - 1));

        y = draw_wrapped (cr, why, width, y, 10);
      }
  if (atlas_comparison_has_demonstration (comparison))
    {
      cairo_set_source_rgb (cr, 0.6, 0.1, 0.1);
      y = draw_wrapped (cr, label (lang, LABEL_DEMONSTRATION_ROWS), width, y, 10);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
    }
  y = draw_wrapped (cr, sources, width, y, 10);
  y = draw_wrapped (cr, package, width, y, 10);
  return y - 6;
}

/* The mark under the title of every page with demonstration data. */
static double
draw_demonstration_line (cairo_t    *cr,
                         const char *lang,
                         double      y)
{
  set_font (cr, 10.0, TRUE);
  cairo_set_source_rgb (cr, 0.6, 0.1, 0.1);
  cairo_move_to (cr, 0, y);
  cairo_show_text (cr, label (lang, LABEL_DEMONSTRATION));
  cairo_set_source_rgb (cr, 0, 0, 0);
  return y;
}

/**
 * atlas_comparison_draw_table:
 * @lang: (nullable): "sv", "en", or NULL for atlas_language()
 * @width: the width to fill, in points
 *
 * Returns: the height drawn, in points
 */
double
atlas_comparison_draw_table (AtlasComparison *comparison,
                             const char      *lang,
                             cairo_t         *cr,
                             double           width)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *title = NULL;
  guint since, reasons = 0;
  double y = 18;

  g_return_val_if_fail (ATLAS_IS_COMPARISON (comparison), 0);
  g_return_val_if_fail (cr != NULL, 0);

  lang = lang != NULL ? lang : atlas_language ();
  lines = build_lines (comparison, lang, &reasons);
  title = dup_title (comparison, lang);
  since = atlas_comparison_get_since_year (comparison);

  cairo_save (cr);
  set_font (cr, 16.0, TRUE);
  /* A long DeSO name shrinks the title rather than run off the page. */
  if (text_width (cr, title) > width)
    set_font (cr, MAX (8.0, 16.0 * width / text_width (cr, title)), TRUE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, y);
  cairo_show_text (cr, title);
  if (since != 0)
    {
      g_autofree char *subtitle = is_english (lang)
                                  ? g_strdup_printf ("Change since %u", since)
                                  : g_strdup_printf ("Förändring sedan %u", since);

      y += 16;
      set_font (cr, 10.0, FALSE);
      cairo_move_to (cr, 0, y);
      cairo_show_text (cr, subtitle);
    }
  if (atlas_comparison_has_demonstration (comparison))
    y = draw_demonstration_line (cr, lang, y + 16);
  y = draw_lines (cr, lines, width, y + 6);
  y = draw_footer (comparison, lang, cr, width, y, reasons);
  cairo_restore (cr);

  return y;
}

/* ---- Export -------------------------------------------------------- */

static double
measure_table (AtlasComparison *comparison,
               const char      *lang,
               double           width)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double height = atlas_comparison_draw_table (comparison, lang, cr, width);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return height;
}

/* "Källa: SCB HE0110 (TabVX4bDispInkN). Nivå: Kommun (A), DeSO (B)." */
static char *
dup_chart_caption (AtlasComparison *comparison,
                   AtlasIndicator  *indicator,
                   const char      *lang)
{
  AtlasDivision *a = atlas_area_get_division (atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_A));
  AtlasDivision *b = atlas_area_get_division (atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_B));
  const char *source = atlas_indicator_get_source (indicator);

  return g_strdup_printf ("%s%s. %s%s (A), %s (B).", is_english (lang) ? "Source: " : "Källa: ",
                          source != NULL ? source : "–", label (lang, LABEL_LEVEL),
                          atlas_division_get_name (a, lang), atlas_division_get_name (b, lang));
}

static void
draw_chart_at (AtlasComparison *comparison,
               AtlasIndicator  *indicator,
               const char      *lang,
               cairo_t         *cr,
               double           y,
               double           width,
               double           height)
{
  g_autoptr(AtlasTrendChart) chart = atlas_trend_chart_new (comparison, indicator);
  g_autofree char *caption = dup_chart_caption (comparison, indicator, lang);
  double top = 8, bottom = 24;

  atlas_trend_chart_set_lang (chart, lang);
  cairo_save (cr);
  cairo_translate (cr, 0, y);
  set_font (cr, 11.0, TRUE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, 0);
  /* The chart itself carries the demonstration mark. */
  cairo_show_text (cr, atlas_indicator_get_name (indicator, lang));
  set_font (cr, 7.0, FALSE);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  draw_wrapped (cr, caption, width, height - bottom + 12, 10);
  cairo_translate (cr, 0, top);
  atlas_trend_chart_draw (chart, cr, width, height - top - bottom);
  cairo_restore (cr);
}

/* Across the page, light enough to read the table through it. */
static void
draw_watermark (AtlasComparison *comparison,
                const char      *lang,
                cairo_t         *cr,
                double           width,
                double           height)
{
  const char *text = label (lang, LABEL_WATERMARK);
  double size = width / 12;

  if (!atlas_comparison_has_demonstration (comparison))
    return;
  cairo_save (cr);
  set_font (cr, size, TRUE);
  cairo_translate (cr, width / 2, height / 2);
  cairo_rotate (cr, -atan2 (height, width));
  cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.12);
  cairo_move_to (cr, -text_width (cr, text) / 2, size / 3);
  cairo_show_text (cr, text);
  cairo_restore (cr);
}

static void
draw_white (cairo_t *cr,
            double   width,
            double   height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static gboolean
render_pdf (AtlasComparison *comparison,
            AtlasIndicator  *indicator,
            const char      *lang,
            GByteArray      *bytes,
            const char      *path,
            GError         **error)
{
  double width = 0, height = 0, inner, used;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (ATLAS_PAGE_A4_LANDSCAPE, &width, &height);
  inner = width - 2 * MARGIN;
  used = measure_table (comparison, lang, inner);
  surface = cairo_pdf_surface_create_for_stream (atlas_export_append_bytes, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Platsatlas");
  cr = cairo_create (surface);
  cairo_translate (cr, MARGIN, MARGIN);
  /* A long package shrinks its table onto the page rather than split it. */
  if (used > height - 2 * MARGIN)
    cairo_scale (cr, (height - 2 * MARGIN) / used, (height - 2 * MARGIN) / used);
  atlas_comparison_draw_table (comparison, lang, cr, inner);
  cairo_identity_matrix (cr);
  draw_watermark (comparison, lang, cr, width, height);
  if (indicator != NULL)
    {
      cairo_show_page (cr);
      cairo_translate (cr, MARGIN, MARGIN);
      draw_chart_at (comparison, indicator, lang, cr, 12, inner, height - 2 * MARGIN - 12);
      cairo_identity_matrix (cr);
      draw_watermark (comparison, lang, cr, width, height);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = atlas_export_check_surface (surface, path, error);
  cairo_surface_destroy (surface);

  return ok;
}

/* Text is measured in one place and drawn in another: hinted advances
 * would make the same text measure differently at different sizes. */
static void
set_unhinted_metrics (cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
}

static gboolean
render_png (AtlasComparison *comparison,
            AtlasIndicator  *indicator,
            const char      *lang,
            GByteArray      *bytes,
            const char      *path,
            GError         **error)
{
  double width = 0, page_height = 0, inner, table, height, scale = PNG_DPI / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  atlas_page_format_get_size (ATLAS_PAGE_A4_LANDSCAPE, &width, &page_height);
  inner = width - 2 * MARGIN;
  table = measure_table (comparison, lang, inner);
  height = 2 * MARGIN + table + (indicator != NULL ? CHART_HEIGHT + 24 : 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  set_unhinted_metrics (cr);
  cairo_scale (cr, scale, scale);
  draw_white (cr, width, height);
  cairo_translate (cr, MARGIN, MARGIN);
  atlas_comparison_draw_table (comparison, lang, cr, inner);
  if (indicator != NULL)
    draw_chart_at (comparison, indicator, lang, cr, table + 24, inner, CHART_HEIGHT);
  cairo_identity_matrix (cr);
  cairo_scale (cr, scale, scale);
  draw_watermark (comparison, lang, cr, width, height);
  cairo_destroy (cr);
  ok = atlas_export_check_surface (surface, path, error);
  if (ok && cairo_surface_write_to_png_stream (surface, atlas_export_append_bytes, bytes)
            != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot export to “%s”: the PNG image could not be encoded"), path);
      ok = FALSE;
    }
  cairo_surface_destroy (surface);

  return ok;
}

static gboolean
render (AtlasComparison              *comparison,
        AtlasIndicator               *indicator,
        const char                   *lang,
        AtlasComparisonExportFormat   format,
        GByteArray                   *bytes,
        const char                   *path,
        GError                      **error)
{
  g_autofree char *csv = NULL;

  switch (format)
    {
    case ATLAS_COMPARISON_EXPORT_CSV:
      csv = atlas_comparison_dup_csv (comparison);
      g_byte_array_append (bytes, (const guint8 *) csv, strlen (csv));
      return TRUE;
    case ATLAS_COMPARISON_EXPORT_PNG:
      return render_png (comparison, indicator, lang, bytes, path, error);
    case ATLAS_COMPARISON_EXPORT_PDF:
    default:
      return render_pdf (comparison, indicator, lang, bytes, path, error);
    }
}

gboolean
atlas_comparison_export (AtlasComparison  *comparison,
                         AtlasIndicator   *chart_indicator,
                         const char       *lang,
                         const char       *path,
                         GCancellable     *cancellable,
                         GError          **error)
{
  AtlasComparisonExportFormat format;
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (ATLAS_IS_COMPARISON (comparison), FALSE);
  g_return_val_if_fail (chart_indicator == NULL || ATLAS_IS_INDICATOR (chart_indicator), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lang = lang != NULL ? lang : atlas_language ();
  if (!atlas_comparison_export_format_from_path (path, &format, error)
      || !atlas_export_check_directory (path, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  bytes = g_byte_array_new ();
  if (!render (comparison, chart_indicator, lang, format, bytes, path, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return atlas_export_write_bytes (path, bytes, error);
}

typedef struct
{
  AtlasIndicator *indicator;
  char           *lang;
  char           *path;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_clear_object (&task->indicator);
  g_free (task->lang);
  g_free (task->path);
  g_free (task);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  ExportTask *export = data;
  GError *error = NULL;

  if (atlas_comparison_export (source, export->indicator, export->lang, export->path,
                               cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
atlas_comparison_export_async (AtlasComparison     *comparison,
                               AtlasIndicator      *chart_indicator,
                               const char          *lang,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *export;

  g_return_if_fail (ATLAS_IS_COMPARISON (comparison));
  g_return_if_fail (chart_indicator == NULL || ATLAS_IS_INDICATOR (chart_indicator));
  g_return_if_fail (path != NULL);

  export = g_new0 (ExportTask, 1);
  export->indicator = chart_indicator != NULL ? g_object_ref (chart_indicator) : NULL;
  /* Resolved here: the worker must not depend on the caller's state. */
  export->lang = g_strdup (lang != NULL ? lang : atlas_language ());
  export->path = g_strdup (path);

  task = g_task_new (comparison, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_comparison_export_async);
  g_task_set_task_data (task, export, export_task_free);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
atlas_comparison_export_finish (AtlasComparison  *comparison,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, comparison), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
