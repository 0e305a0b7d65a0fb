/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "atlas-class-breaks.h"
#include "atlas-classification.h"
#include "atlas-area-filter.h"
#include "atlas-dataset.h"
#include "atlas-map-renderer.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_PAGE_A4_PORTRAIT,   /*< nick=a4-portrait >*/
  ATLAS_PAGE_A4_LANDSCAPE,  /*< nick=a4-landscape >*/
  ATLAS_PAGE_A3_LANDSCAPE,  /*< nick=a3-landscape >*/
  ATLAS_PAGE_SLIDE_16X9,    /*< nick=slide-16x9 >*/
} AtlasPageFormat;

typedef enum
{
  ATLAS_FIGURE_FORMAT_PNG,  /*< nick=png >*/
  ATLAS_FIGURE_FORMAT_PDF,  /*< nick=pdf >*/
  ATLAS_FIGURE_FORMAT_SVG,  /*< nick=svg >*/
} AtlasFigureFormat;

/* Page size in PostScript points (1/72 inch). A slide is 960 × 540 pt
 * (13.33 × 7.5 in, the usual 16:9 presentation size). */
void        atlas_page_format_get_size     (AtlasPageFormat    page,
                                            double            *width_pt,
                                            double            *height_pt);
/* "a4-portrait", "a4-landscape", "a3-landscape", "slide-16x9" */
const char *atlas_page_format_to_nick      (AtlasPageFormat    page);
gboolean    atlas_page_format_from_nick    (const char        *nick,
                                            AtlasPageFormat   *page);
/* From the file name's extension (.png, .pdf, .svg; any case). Error
 * G_IO_ERROR_INVALID_ARGUMENT for anything else. */
gboolean    atlas_figure_format_from_path  (const char        *path,
                                            AtlasFigureFormat *format,
                                            GError           **error);
const char *atlas_figure_format_get_extension (AtlasFigureFormat format);

/**
 * AtlasLabelMode:
 * @ATLAS_LABEL_AUTO: names when there are few enough areas to read them
 * @ATLAS_LABEL_ON: a name for every area that has room (or a leader line)
 * @ATLAS_LABEL_OFF: no names, except for the selected and compared areas
 */
typedef enum
{
  ATLAS_LABEL_AUTO,  /*< nick=auto >*/
  ATLAS_LABEL_ON,    /*< nick=on >*/
  ATLAS_LABEL_OFF,   /*< nick=off >*/
} AtlasLabelMode;

/**
 * AtlasSymbolMode:
 * @ATLAS_SYMBOL_AUTO: circles for counts, a choropleth for everything else
 * @ATLAS_SYMBOL_CIRCLES: proportional circles (counts only)
 * @ATLAS_SYMBOL_CHOROPLETH: filled areas, with a note for counts
 */
typedef enum
{
  ATLAS_SYMBOL_AUTO,        /*< nick=auto >*/
  ATLAS_SYMBOL_CIRCLES,     /*< nick=circles >*/
  ATLAS_SYMBOL_CHOROPLETH,  /*< nick=choropleth >*/
} AtlasSymbolMode;

/**
 * AtlasInsetMode:
 * @ATLAS_INSET_NONE: no inset map
 * @ATLAS_INSET_AUTO: an inset of the densest cluster of areas when most
 *   areas are too small to see on the page
 * @ATLAS_INSET_BBOX: an inset of the box given with atlas_figure_set_inset()
 */
typedef enum
{
  ATLAS_INSET_NONE,  /*< nick=none >*/
  ATLAS_INSET_AUTO,  /*< nick=auto >*/
  ATLAS_INSET_BBOX,  /*< nick=bbox >*/
} AtlasInsetMode;

/* "minlon,minlat,maxlon,maxlat" in degrees, WGS 84. */
gboolean    atlas_bbox_parse               (const char        *text,
                                            AtlasBBox         *bbox,
                                            GError           **error);

#define ATLAS_TYPE_FIGURE (atlas_figure_get_type ())
G_DECLARE_FINAL_TYPE (AtlasFigure, atlas_figure, ATLAS, FIGURE, GObject)

/**
 * AtlasFigure:
 *
 * A report-ready map figure: title, subtitle, the choropleth with its
 * basemap and scale bar, a legend that states the class boundaries
 * honestly, and a caption with definition, classification, division
 * version, source, package version and export date. Figures made from
 * demonstration values always carry a visible mark.
 *
 * The labels are drawn in the figure's own language ("sv" or "en"),
 * whatever the process locale, from a small internal table: a report in
 * English can be made from a Swedish desktop.
 *
 * Properties: dataset, indicator, division, year, since-year (0, or the
 * earlier year of a change map: the change to year per area, classified
 * centred on zero on a diverging palette), region (optional: frame
 * that area with its sub-areas at the chosen division), page, dpi (PNG
 * only), title and subtitle (NULL: made from the indicator, division,
 * region and year), lang, classification (an AtlasClassification: class
 * method, count, scope, manual breaks, palette scheme and reverse toggle,
 * exactly as on the map; it notifies when the classification changes
 * inside) and style.
 */
AtlasFigure      *atlas_figure_new                (AtlasDataset      *dataset,
                                                   AtlasIndicator    *indicator,
                                                   AtlasDivision     *division,
                                                   guint              year);
/* A new figure with the same settings, for worker threads and batches. */
AtlasFigure      *atlas_figure_copy               (AtlasFigure       *self);

AtlasDataset     *atlas_figure_get_dataset        (AtlasFigure       *self);
AtlasIndicator   *atlas_figure_get_indicator      (AtlasFigure       *self);
void              atlas_figure_set_indicator      (AtlasFigure       *self,
                                                   AtlasIndicator    *indicator);
AtlasDivision    *atlas_figure_get_division       (AtlasFigure       *self);
void              atlas_figure_set_division       (AtlasFigure       *self,
                                                   AtlasDivision     *division);
guint             atlas_figure_get_year           (AtlasFigure       *self);
void              atlas_figure_set_year           (AtlasFigure       *self,
                                                   guint              year);
/* A change map from this year to the figure's year; 0: the year's values. */
guint             atlas_figure_get_since_year     (AtlasFigure       *self);
void              atlas_figure_set_since_year     (AtlasFigure       *self,
                                                   guint              since_year);
AtlasArea        *atlas_figure_get_region         (AtlasFigure       *self);
void              atlas_figure_set_region         (AtlasFigure       *self,
                                                   AtlasArea         *region);
AtlasAreaFilter  *atlas_figure_get_filter         (AtlasFigure       *self);
void              atlas_figure_set_filter         (AtlasFigure       *self,
                                                   AtlasAreaFilter   *filter);
AtlasPageFormat   atlas_figure_get_page           (AtlasFigure       *self);
void              atlas_figure_set_page           (AtlasFigure       *self,
                                                   AtlasPageFormat    page);
guint             atlas_figure_get_dpi            (AtlasFigure       *self);
void              atlas_figure_set_dpi            (AtlasFigure       *self,
                                                   guint              dpi);
const char       *atlas_figure_get_title          (AtlasFigure       *self);
void              atlas_figure_set_title          (AtlasFigure       *self,
                                                   const char        *title);
const char       *atlas_figure_get_subtitle       (AtlasFigure       *self);
void              atlas_figure_set_subtitle       (AtlasFigure       *self,
                                                   const char        *subtitle);
const char       *atlas_figure_get_lang           (AtlasFigure       *self);
void              atlas_figure_set_lang           (AtlasFigure       *self,
                                                   const char        *lang);
AtlasClassification *atlas_figure_get_classification (AtlasFigure         *self);
void              atlas_figure_set_classification  (AtlasFigure         *self,
                                                    AtlasClassification *classification);
AtlasMapStyle     atlas_figure_get_style          (AtlasFigure       *self);
void              atlas_figure_set_style          (AtlasFigure       *self,
                                                   AtlasMapStyle      style);

/* Labels: area names on the map (property "labels"). */
AtlasLabelMode    atlas_figure_get_labels         (AtlasFigure       *self);
void              atlas_figure_set_labels         (AtlasFigure       *self,
                                                   AtlasLabelMode     labels);
/* Counts as circles or as a choropleth (property "symbols"). */
AtlasSymbolMode   atlas_figure_get_symbols        (AtlasFigure       *self);
void              atlas_figure_set_symbols        (AtlasFigure       *self,
                                                   AtlasSymbolMode    symbols);
/* Whether the figure draws proportional circles: a count indicator and
 * symbols auto or circles. */
gboolean          atlas_figure_uses_circles       (AtlasFigure       *self);
/* The part of the world the map frames instead of the whole level or
 * region (the view on screen); NULL clears. Areas outside it are left
 * out of the data export and the labels. Notifies "extent". */
void              atlas_figure_set_extent         (AtlasFigure       *self,
                                                   const AtlasBBox   *extent);
gboolean          atlas_figure_get_extent         (AtlasFigure       *self,
                                                   AtlasBBox         *extent);
/* The inset map: none, automatic, or the box @bbox (mode BBOX only). */
void              atlas_figure_set_inset          (AtlasFigure       *self,
                                                   AtlasInsetMode     mode,
                                                   const AtlasBBox   *bbox);
AtlasInsetMode    atlas_figure_get_inset          (AtlasFigure       *self,
                                                   AtlasBBox         *bbox);
/* Areas always labelled and outlined: the selection and the compared
 * pair (each may be NULL). */
void              atlas_figure_set_marked_areas   (AtlasFigure       *self,
                                                   AtlasArea         *selected,
                                                   AtlasArea         *compare_a,
                                                   AtlasArea         *compare_b);
/* Whether @area is within the figure's region and extent. */
gboolean          atlas_figure_shows_area         (AtlasFigure       *self,
                                                   AtlasArea         *area);
/* The title as it will be printed: the title property, else the default
 * ("Arbetslöshet, kommuner i Uppsala län 2024"). Free with g_free(). */
char             *atlas_figure_dup_display_title  (AtlasFigure       *self);
/* The subtitle as it will be printed: the subtitle property, else the
 * default ("20–64 år · procent"). Free with g_free(). */
char             *atlas_figure_dup_display_subtitle (AtlasFigure     *self);
/* Page size in points for the figure's page format. */
void              atlas_figure_get_page_size      (AtlasFigure       *self,
                                                   double            *width_pt,
                                                   double            *height_pt);
/* Checks that the figure can be drawn: an indicator, a division with
 * geometry, values for the year, a valid palette. */
gboolean          atlas_figure_check              (AtlasFigure       *self,
                                                   GError           **error);
/* The whole page into cr, in points, for previews and every format: pass
 * the page size (atlas_figure_get_page_size()) and scale cr to fit a
 * preview; the layout is made for that page. When the figure cannot be
 * drawn (see atlas_figure_check()) the page says why instead. Computes
 * class breaks and projects the map on every call: previews should cache
 * the result while nothing changes (watch "notify"). */
void              atlas_figure_draw               (AtlasFigure       *self,
                                                   cairo_t           *cr,
                                                   double             width_pt,
                                                   double             height_pt);

/* The map and its legend only, for small previews */
void              atlas_figure_draw_map           (AtlasFigure       *self,
                                                   cairo_t           *cr,
                                                   double             width_pt,
                                                   double             height_pt);

/* Writes the figure to path (format from the extension) atomically: on any
 * failure no file and no temporary file is left behind. PDF and SVG keep
 * their text as real, selectable text (SVG <text> elements, and the title
 * as the document's <title>). PNG uses the dpi. */
gboolean          atlas_figure_export             (AtlasFigure       *self,
                                                   const char        *path,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
/* Works on a copy of the figure in a worker thread. */
void              atlas_figure_export_async       (AtlasFigure       *self,
                                                   const char        *path,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
gboolean          atlas_figure_export_finish      (AtlasFigure       *self,
                                                   GAsyncResult      *result,
                                                   GError           **error);

/**
 * AtlasBatchFlags:
 * @ATLAS_BATCH_NONE: refuse to export when a target file exists
 * @ATLAS_BATCH_OVERWRITE: replace existing files of the same names
 *
 * How atlas_figure_export_batch_full() treats files already in the folder.
 */
typedef enum
{
  ATLAS_BATCH_NONE      = 0,
  ATLAS_BATCH_OVERWRITE = 1 << 0,
} AtlasBatchFlags;

/* "0380-uppsala.pdf": the area code and its name in lower-case ASCII. */
char             *atlas_figure_batch_file_name    (AtlasArea         *area,
                                                   AtlasFigureFormat  format);
/**
 * atlas_figure_export_batch:
 * @regions: each of its areas in turn frames one figure
 *
 * One figure per area of @regions (every kommun of a län...) into
 * @directory, named by atlas_figure_batch_file_name(). All or nothing: on
 * failure the files written so far are removed again. Refuses, before
 * writing anything, when a file of one of those names exists.
 *
 * Returns: (transfer full): the paths written, NULL-terminated, or NULL
 */
char            **atlas_figure_export_batch       (AtlasFigure       *self,
                                                   AtlasDivision     *regions,
                                                   const char        *directory,
                                                   AtlasFigureFormat  format,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
/**
 * atlas_figure_export_batch_full:
 * @flags: whether existing files may be replaced
 *
 * As atlas_figure_export_batch(), which refuses to replace files. Names
 * are unique within the batch ("0380-uppsala-2.pdf" after a clash). On
 * failure only the files this export created are removed; files that
 * were in the folder before are never removed.
 *
 * Returns: (transfer full): the paths written, NULL-terminated, or NULL
 */
char            **atlas_figure_export_batch_full  (AtlasFigure       *self,
                                                   AtlasDivision     *regions,
                                                   const char        *directory,
                                                   AtlasFigureFormat  format,
                                                   AtlasBatchFlags    flags,
                                                   GCancellable      *cancellable,
                                                   GError           **error);

G_END_DECLS
