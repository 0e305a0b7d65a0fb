/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "atlas-loader-private.h"

/* The loader's plumbing: problems as they are found, the messages GDAL
 * gives with its failures, and the package's files, all read through
 * GDAL's VSI layer so that a .zip reads in place. */

/* ---- problems ---------------------------------------------------------- */

void
atlas_loader_add_problem_valist (Loader            *l,
                                 AtlasDatasetError  class,
                                 const char        *file,
                                 const char        *location,
                                 const char        *format,
                                 va_list            args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (l->problems, atlas_problem_new (file, location, message));
  *l->classes |= 1u << class;
}

void
atlas_loader_add_problem (Loader            *l,
                          AtlasDatasetError  class,
                          const char        *file,
                          const char        *location,
                          const char        *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  atlas_loader_add_problem_valist (l, class, file, location, format, args);
  va_end (args);
}

void
atlas_loader_place_clear (Place *place)
{
  g_clear_pointer (&place->text, g_free);
}

const char *
atlas_loader_place_text (Place *place)
{
  if (place->text == NULL && place->is_feature)
    place->text = g_strdup_printf (_("feature %u"), place->number);
  else if (place->text == NULL)
    place->text = g_strdup_printf (_("line %u"), place->number);

  return place->text;
}

/* ---- GDAL's messages ---------------------------------------------------- */

void CPL_STDCALL
atlas_loader_collect_gdal_message (CPLErr      level,
                                   CPLErrorNum number,
                                   const char *message)
{
  Loader *l = CPLGetErrorHandlerUserData ();

  if (level < CE_Warning || l == NULL)
    return;

  g_free (l->gdal_message);
  l->gdal_message = g_strdup (message);
}

/* GDAL's last word on a failure, or a neutral phrase when it said nothing. */
const char *
atlas_loader_gdal_detail (Loader *l)
{
  return l->gdal_message != NULL ? l->gdal_message : _("no details");
}

/* ---- files through VSI ------------------------------------------------- */

char *
atlas_loader_package_path (Loader     *l,
                           const char *relative)
{
  return g_strconcat (l->root, "/", relative, NULL);
}

/* Opening rather than VSIStatL(), whose struct needs large-file macros. */
gboolean
atlas_loader_vsi_exists (const char *path)
{
  VSILFILE *fp = VSIFOpenL (path, "rb");

  if (fp == NULL)
    return FALSE;

  VSIFCloseL (fp);
  return TRUE;
}

/* The whole file, NUL-terminated; NULL when it cannot be opened. */
char *
atlas_loader_read_package_file (Loader     *l,
                                const char *relative,
                                gsize      *length)
{
  g_autofree char *path = atlas_loader_package_path (l, relative);
  VSILFILE *fp = VSIFOpenL (path, "rb");
  GByteArray *bytes;
  guint8 chunk[65536];
  size_t n;

  if (fp == NULL)
    return NULL;

  bytes = g_byte_array_new ();
  while ((n = VSIFReadL (chunk, 1, sizeof chunk, fp)) > 0)
    g_byte_array_append (bytes, chunk, n);
  VSIFCloseL (fp);

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (bytes, FALSE);
}

/* A zip may hold the package at its root or inside one top-level folder. */
static char *
find_single_folder (const char *base)
{
  char **entries = VSIReadDir (base);
  char *found = NULL;
  guint n = 0;

  for (char **e = entries; e != NULL && *e != NULL; e++)
    {
      if (g_str_equal (*e, "__MACOSX") || g_str_equal (*e, ".") || g_str_equal (*e, ".."))
        continue;
      n++;
      g_free (found);
      found = g_strconcat (base, "/", *e, NULL);
    }
  CSLDestroy (entries);

  if (n != 1)
    g_clear_pointer (&found, g_free);

  return found;
}

static gboolean
root_with_manifest (Loader *l,
                    char   *base)
{
  g_autofree char *manifest = g_strconcat (base, "/" MANIFEST, NULL);
  g_autofree char *inner = NULL;
  g_autofree char *inner_manifest = NULL;

  if (atlas_loader_vsi_exists (manifest))
    {
      l->root = base;
      return TRUE;
    }

  inner = find_single_folder (base);
  inner_manifest = inner != NULL ? g_strconcat (inner, "/" MANIFEST, NULL) : NULL;
  if (inner_manifest != NULL && atlas_loader_vsi_exists (inner_manifest))
    {
      l->root = g_steal_pointer (&inner);
      g_free (base);
      return TRUE;
    }

  g_free (base);
  return FALSE;
}

gboolean
atlas_loader_locate_root (Loader     *l,
                          const char *path)
{
  g_autofree char *absolute = NULL;
  gboolean is_dir;

  if (g_str_has_prefix (path, "/vsi"))
    {
      if (root_with_manifest (l, g_strdup (path)))
        return TRUE;
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                                _("“%s” holds no manifest.json; expected a package directory or a .zip of one"),
                                path);
      return FALSE;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                                _("“%s” does not exist; expected a package directory or a .zip of one"),
                                path);
      return FALSE;
    }

  absolute = g_canonicalize_filename (path, NULL);
  is_dir = g_file_test (absolute, G_FILE_TEST_IS_DIR);
  if (root_with_manifest (l, is_dir ? g_strdup (absolute)
                                    : g_strconcat ("/vsizip/", absolute, NULL)))
    return TRUE;

  if (is_dir)
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, MANIFEST, NULL,
                              _("the file is missing; expected manifest.json at the root of the package"));
  else
    atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                              _("“%s” is not a .zip holding manifest.json at its root or in one top-level folder"),
                              path);
  return FALSE;
}
