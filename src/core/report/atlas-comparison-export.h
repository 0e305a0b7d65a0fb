/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "atlas-comparison.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_COMPARISON_EXPORT_CSV,
  ATLAS_COMPARISON_EXPORT_PNG,
  ATLAS_COMPARISON_EXPORT_PDF,
} AtlasComparisonExportFormat;

/* From the extension (.csv, .png, .pdf; any case); otherwise
 * G_IO_ERROR_INVALID_ARGUMENT naming the file. */
gboolean atlas_comparison_export_format_from_path (const char                   *path,
                                                   AtlasComparisonExportFormat  *format,
                                                   GError                      **error);

/* The comparison as CSV, one line per indicator in theme order, with the
 * columns of `platsatlas-cli compare --json` (the top-level members
 * repeated on each line: package, year, since, a_code, a_name, a_level,
 * b_code, b_name, b_level). Numbers are written so they read back exactly;
 * a missing number is an empty cell, its reason in *_missing_reason. */
char    *atlas_comparison_dup_csv                 (AtlasComparison   *comparison);

/* The table of the comparison (title, one row per indicator grouped by
 * theme, references, changes) into cr at width × height points, in lang
 * ("sv"/"en"). Returns the height used. */
double   atlas_comparison_draw_table              (AtlasComparison   *comparison,
                                                   const char        *lang,
                                                   cairo_t           *cr,
                                                   double             width);

/**
 * atlas_comparison_export:
 * @comparison: what to export
 * @chart_indicator: (nullable): the indicator whose trend chart the PNG and
 *   PDF also show
 * @lang: (nullable): "sv" or "en" for the labels; NULL for atlas_language()
 * @path: ends in .csv, .png or .pdf
 *
 * Writes atomically: on failure no file and no temporary file is left.
 * PDF: the table on the first page (A4 landscape), the chart on the next,
 * with real, selectable text. PNG: both in one image at 150 dpi.
 */
gboolean atlas_comparison_export                  (AtlasComparison   *comparison,
                                                   AtlasIndicator    *chart_indicator,
                                                   const char        *lang,
                                                   const char        *path,
                                                   GCancellable      *cancellable,
                                                   GError           **error);

/* In a worker thread: the comparison and its dataset are only read. */
void     atlas_comparison_export_async            (AtlasComparison     *comparison,
                                                   AtlasIndicator      *chart_indicator,
                                                   const char          *lang,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean atlas_comparison_export_finish           (AtlasComparison     *comparison,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
