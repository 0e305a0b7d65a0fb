/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to core: how every export (figures, comparisons) reaches the
 * disk. The document is rendered into memory first and then written with
 * g_file_set_contents_full(), which writes a temporary file in the same
 * folder and renames it over the target: nothing half-written is ever
 * visible, and a failure leaves no file behind. */

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A cairo_write_func_t that appends to the GByteArray in @closure. */
cairo_status_t atlas_export_append_bytes     (void                *closure,
                                              const unsigned char *data,
                                              unsigned int         length);
/* G_IO_ERROR_NOT_FOUND naming the folder when @path's folder is missing. */
gboolean       atlas_export_check_directory  (const char          *path,
                                              GError             **error);
/* G_IO_ERROR_FAILED naming @path when drawing into @surface failed. */
gboolean       atlas_export_check_surface    (cairo_surface_t     *surface,
                                              const char          *path,
                                              GError             **error);
/* Writes @bytes to @path atomically. */
gboolean       atlas_export_write_bytes      (const char          *path,
                                              GByteArray          *bytes,
                                              GError             **error);

G_END_DECLS
