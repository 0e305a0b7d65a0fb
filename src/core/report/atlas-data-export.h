/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-figure.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_DATA_FORMAT_CSV,   /*< nick=csv >*/
  ATLAS_DATA_FORMAT_GPKG,  /*< nick=gpkg >*/
} AtlasDataFormat;

/**
 * AtlasCsvStyle:
 * @ATLAS_CSV_STYLE_PLAIN: commas between fields, a decimal point
 * @ATLAS_CSV_STYLE_SWEDISH: semicolons and decimal commas, as Excel in a
 *   Swedish locale reads and writes CSV
 *
 * Both are UTF-8 with a byte order mark, so that Excel shows å, ä and ö.
 */
typedef enum
{
  ATLAS_CSV_STYLE_PLAIN,    /*< nick=plain >*/
  ATLAS_CSV_STYLE_SWEDISH,  /*< nick=swedish >*/
} AtlasCsvStyle;

/* The coordinate system of exported GeoPackages: SWEREF 99 TM, the one
 * Swedish municipalities and Lantmäteriet use. */
#define ATLAS_DATA_EXPORT_EPSG 3006

/* From the file name's extension (.csv, .gpkg; any case). Error
 * G_IO_ERROR_INVALID_ARGUMENT for anything else. */
gboolean    atlas_data_format_from_path   (const char       *path,
                                           AtlasDataFormat  *format,
                                           GError          **error);
/* TRUE when @path ends in .csv or .gpkg. */
gboolean    atlas_data_format_matches     (const char       *path);

/* The GeoPackage layer's name: "arbetsloshet_kommun_2024". Free with
 * g_free(). */
char       *atlas_data_export_layer_name  (AtlasFigure      *figure);

/**
 * atlas_figure_export_data:
 * @figure: the map whose data to write: its indicator, level, year,
 *   region and extent
 * @path: ends in .csv or .gpkg
 * @csv_style: separators of a CSV file (ignored for GeoPackage)
 *
 * Writes the data behind the map, one row per area shown: area code,
 * name, parent code and name, level, indicator, value (empty when
 * missing), unit, year, the reason a value is missing, whether it is
 * demonstration data, its source and whether it was stored or derived.
 * A GeoPackage holds the same as attributes of one layer
 * (atlas_data_export_layer_name()) with the areas' polygons in
 * SWEREF 99 TM (EPSG:3006). The file is written under a temporary name
 * in the same folder and renamed: nothing half-written is ever visible,
 * and on failure only that temporary file is removed.
 *
 * Returns: TRUE when the file was written
 */
gboolean    atlas_figure_export_data      (AtlasFigure      *figure,
                                           const char       *path,
                                           AtlasCsvStyle     csv_style,
                                           GCancellable     *cancellable,
                                           GError          **error);
/* Works on a copy of the figure in a worker thread. */
void        atlas_figure_export_data_async  (AtlasFigure        *figure,
                                             const char         *path,
                                             AtlasCsvStyle       csv_style,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean    atlas_figure_export_data_finish (AtlasFigure        *figure,
                                             GAsyncResult       *result,
                                             GError            **error);

G_END_DECLS
