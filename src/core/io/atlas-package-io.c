/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VSIStatBufL is a struct stat64. */
#define _GNU_SOURCE 1
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "atlas-loader-private.h"

/* The loader's plumbing: problems as they are found, the messages GDAL
 * gives with its failures, and the package's files, all read through
 * GDAL's VSI layer so that a .zip reads in place. A package is untrusted
 * input: every file it names must be a regular file inside it, and no
 * larger than its limit. */

/* ---- problems ---------------------------------------------------------- */

/* Keeps the first ATLAS_LIMIT_PROBLEMS problems and counts the rest: two
 * million bad rows must not become two million problem objects. */
void
atlas_loader_take_problem (Loader       *l,
                           AtlasProblem *problem)
{
  if (l->problems->len >= ATLAS_LIMIT_PROBLEMS && l->n_dropped != NULL)
    {
      (*l->n_dropped)++;
      atlas_problem_free (problem);
      return;
    }

  g_ptr_array_add (l->problems, problem);
}

const char *
atlas_loader_where (Loader *l,
                    Place  *place)
{
  if (l->problems->len >= ATLAS_LIMIT_PROBLEMS && l->n_dropped != NULL)
    return NULL;

  return atlas_loader_place_text (place);
}

/* Ends the list with how many problems were not kept, if any. */
void
atlas_loader_finish_problems (Loader *l)
{
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;

  if (l->n_dropped == NULL || *l->n_dropped == 0)
    return;

  count = atlas_format_number ((double) *l->n_dropped, 0, NULL);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "and %s more problem, not listed (only the first %u are kept)",
                                          "and %s more problems, not listed (only the first %u are kept)",
                                          (gulong) MIN (*l->n_dropped, G_MAXULONG)),
                             count, (guint) ATLAS_LIMIT_PROBLEMS);
  g_ptr_array_add (l->problems, atlas_problem_new (NULL, NULL, message));
}

void
atlas_loader_add_problem_valist (Loader            *l,
                                 AtlasDatasetError  class,
                                 const char        *file,
                                 const char        *location,
                                 const char        *format,
                                 va_list            args)
{
  g_autofree char *raw = NULL;
  g_autofree char *message = NULL;

  *l->classes |= 1u << class;
  if (l->problems->len >= ATLAS_LIMIT_PROBLEMS && l->n_dropped != NULL)
    {
      (*l->n_dropped)++;
      return;
    }

  /* Names quoted from a file may not be UTF-8; messages always are. */
  raw = g_strdup_vprintf (format, args);
  message = g_utf8_make_valid (raw, -1);
  g_ptr_array_add (l->problems, atlas_problem_new (file, location, message));
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

/* GDAL may quote what it read (a file's bytes, once a server's answer):
 * keep one short line of valid UTF-8 of it. */
static char *
sanitize_gdal_message (const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message != NULL ? message : "", -1);
  GString *out = g_string_new (NULL);
  const char *p = valid;

  for (guint n = 0; *p != '\0' && n < 160; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

void CPL_STDCALL
atlas_loader_collect_gdal_message (CPLErr      level,
                                   CPLErrorNum number,
                                   const char *message)
{
  Loader *l = CPLGetErrorHandlerUserData ();

  if (level < CE_Warning || l == NULL)
    return;

  g_free (l->gdal_message);
  l->gdal_message = sanitize_gdal_message (message);
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

char *
atlas_loader_size_text (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/* A path a package may name: relative, inside the package, no GDAL
 * virtual file system prefix, nothing but plain names between slashes. */
static gboolean
is_contained_path (const char *relative)
{
  g_auto(GStrv) parts = NULL;

  if (*relative == '\0' || relative[0] == '/' || strchr (relative, '\\') != NULL ||
      strchr (relative, ':') != NULL || g_str_has_prefix (relative, "/vsi"))
    return FALSE;

  parts = g_strsplit (relative, "/", -1);
  for (char **part = parts; *part != NULL; part++)
    if (**part == '\0' || g_str_equal (*part, ".") || g_str_equal (*part, ".."))
      return FALSE;

  return TRUE;
}

gboolean
atlas_loader_check_relative_path (Loader     *l,
                                  const char *relative,
                                  const char *where)
{
  if (is_contained_path (relative))
    return TRUE;

  atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_MANIFEST, MANIFEST, where,
                            _("the path “%s” leads out of the package; expected a path relative to the package root, such as geo/kommun.gpkg, without “..”"),
                            relative);
  return FALSE;
}

static PackageFileKind
stat_in_directory (Loader     *l,
                   const char *path,
                   guint64    *size)
{
  g_autofree char *real = realpath (path, NULL);
  GStatBuf st;

  if (real == NULL)
    return errno == ENOENT || errno == ENOTDIR ? PACKAGE_FILE_MISSING : PACKAGE_FILE_SPECIAL;
  if (!g_str_has_prefix (real, l->real_root) || real[strlen (l->real_root)] != '/')
    return PACKAGE_FILE_OUTSIDE;
  if (g_stat (real, &st) != 0)
    return PACKAGE_FILE_MISSING;
  if (!S_ISREG (st.st_mode))
    return PACKAGE_FILE_SPECIAL;

  *size = (guint64) st.st_size;
  return PACKAGE_FILE_REGULAR;
}

/* What a relative path names, without opening it: opening a FIFO blocks. */
PackageFileKind
atlas_loader_stat_file (Loader     *l,
                        const char *relative,
                        guint64    *size)
{
  g_autofree char *path = NULL;
  VSIStatBufL st;

  *size = 0;
  if (!is_contained_path (relative))
    return PACKAGE_FILE_OUTSIDE;

  path = atlas_loader_package_path (l, relative);
  if (l->real_root != NULL)
    return stat_in_directory (l, path, size);

  if (VSIStatExL (path, &st, VSI_STAT_EXISTS_FLAG | VSI_STAT_NATURE_FLAG | VSI_STAT_SIZE_FLAG) != 0)
    return PACKAGE_FILE_MISSING;
  if (!VSI_ISREG (st.st_mode))
    return PACKAGE_FILE_SPECIAL;

  *size = (guint64) st.st_size;
  return PACKAGE_FILE_REGULAR;
}

/* Reports why a file cannot be read, if it cannot; @missing_message says
 * what was expected when it does not exist. */
gboolean
atlas_loader_check_file (Loader            *l,
                         AtlasDatasetError  class,
                         const char        *relative,
                         guint64            limit,
                         const char        *missing_message)
{
  guint64 size = 0;
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;

  switch (atlas_loader_stat_file (l, relative, &size))
    {
    case PACKAGE_FILE_MISSING:
      atlas_loader_add_problem (l, class, relative, NULL, "%s", missing_message);
      return FALSE;
    case PACKAGE_FILE_SPECIAL:
      atlas_loader_add_problem (l, class, relative, NULL,
                                _("not a regular file (a folder, pipe or device); expected a file"));
      return FALSE;
    case PACKAGE_FILE_OUTSIDE:
      atlas_loader_add_problem (l, class, relative, NULL,
                                _("the file is a link that leads out of the package; expected the file itself inside the package"));
      return FALSE;
    case PACKAGE_FILE_REGULAR:
    default:
      break;
    }

  if (size <= limit)
    return TRUE;

  size_text = atlas_loader_size_text (size);
  limit_text = atlas_loader_size_text (limit);
  atlas_loader_add_problem (l, class, relative, NULL,
                            _("the file is too large (%s); expected at most %s for this kind of file"),
                            size_text, limit_text);
  return FALSE;
}

/* Reads at most @limit bytes: a zip entry may say less than it holds. */
static GByteArray *
read_bounded (Loader     *l,
              VSILFILE   *fp,
              guint64     limit,
              gboolean   *too_large)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 chunk[65536];
  size_t n;

  *too_large = FALSE;
  while ((n = VSIFReadL (chunk, 1, sizeof chunk, fp)) > 0)
    {
      if (bytes->len + (guint64) n > limit)
        {
          *too_large = TRUE;
          break;
        }
      g_byte_array_append (bytes, chunk, n);
      if (g_cancellable_is_cancelled (l->cancellable))
        break;
    }

  return bytes;
}

/* The whole file, NUL-terminated, after atlas_loader_check_file(); NULL
 * after reporting a problem. */
char *
atlas_loader_read_package_file (Loader            *l,
                                AtlasDatasetError  class,
                                const char        *relative,
                                guint64            limit,
                                const char        *missing_message,
                                gsize             *length)
{
  g_autofree char *path = NULL;
  g_autofree char *limit_text = NULL;
  VSILFILE *fp;
  GByteArray *bytes;
  gboolean too_large;

  if (!atlas_loader_check_file (l, class, relative, limit, missing_message))
    return NULL;

  path = atlas_loader_package_path (l, relative);
  if ((fp = VSIFOpenL (path, "rb")) == NULL)
    {
      atlas_loader_add_problem (l, class, relative, NULL, _("the file cannot be opened; expected a readable file"));
      return NULL;
    }
  bytes = read_bounded (l, fp, limit, &too_large);
  VSIFCloseL (fp);

  if (too_large)
    {
      limit_text = atlas_loader_size_text (limit);
      atlas_loader_add_problem (l, class, relative, NULL,
                                _("the file is too large (more than %s when unpacked); expected at most %s for this kind of file"),
                                limit_text, limit_text);
      g_byte_array_unref (bytes);
      return NULL;
    }

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
      found = is_contained_path (*e) ? g_strconcat (base, "/", *e, NULL) : NULL;
    }
  CSLDestroy (entries);

  if (n != 1)
    g_clear_pointer (&found, g_free);

  return found;
}

static gboolean
has_manifest (Loader *l)
{
  guint64 size;

  return atlas_loader_stat_file (l, MANIFEST, &size) != PACKAGE_FILE_MISSING;
}

static gboolean
root_with_manifest (Loader *l,
                    char   *base)
{
  g_autofree char *inner = NULL;

  l->root = base;
  if (has_manifest (l))
    return TRUE;

  inner = find_single_folder (base);
  if (inner != NULL)
    {
      g_free (l->root);
      l->root = g_steal_pointer (&inner);
      if (has_manifest (l))
        return TRUE;
    }

  g_clear_pointer (&l->root, g_free);
  return FALSE;
}

/* The package itself: a directory (resolved, so links inside it can be
 * checked) or a regular file taken as a .zip. Never a /vsi path: only the
 * /vsizip/ the loader builds itself is read through GDAL's virtual files. */
static gboolean
check_package_path (Loader     *l,
                    const char *path,
                    gboolean   *is_dir)
{
  GStatBuf st;

  if (g_str_has_prefix (path, "/vsi"))
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                                _("“%s” is a GDAL virtual path; expected a package directory or a .zip of one on this computer"),
                                path);
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    {
      atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                                _("“%s” does not exist; expected a package directory or a .zip of one"),
                                path);
      return FALSE;
    }
  *is_dir = S_ISDIR (st.st_mode);
  if (*is_dir || S_ISREG (st.st_mode))
    return TRUE;

  atlas_loader_add_problem (l, ATLAS_DATASET_ERROR_NOT_FOUND, NULL, NULL,
                            _("“%s” is neither a folder nor a regular file (a pipe or device); expected a package directory or a .zip of one"),
                            path);
  return FALSE;
}

gboolean
atlas_loader_locate_root (Loader     *l,
                          const char *path)
{
  g_autofree char *absolute = NULL;
  gboolean is_dir = FALSE;

  if (!check_package_path (l, path, &is_dir))
    return FALSE;

  absolute = realpath (path, NULL);
  if (absolute == NULL)
    absolute = g_canonicalize_filename (path, NULL);
  if (is_dir)
    l->real_root = g_strdup (absolute);
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
