/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-export-private.h"

cairo_status_t
atlas_export_append_bytes (void                *closure,
                           const unsigned char *data,
                           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
atlas_export_check_directory (const char  *path,
                              GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);

  if (g_file_test (directory, G_FILE_TEST_IS_DIR))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Cannot export to “%s”: the folder “%s” does not exist"),
               path, directory);
  return FALSE;
}

gboolean
atlas_export_check_surface (cairo_surface_t  *surface,
                            const char       *path,
                            GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Cannot export to “%s”: drawing failed (%s)"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
atlas_export_write_bytes (const char  *path,
                          GByteArray  *bytes,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
               _("Cannot export to “%s”: %s"), path, local_error->message);
  return FALSE;
}
