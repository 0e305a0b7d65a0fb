/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "atlas-application.h"

/* Running from the build tree, the freshly compiled catalogues are there;
 * an installed binary never finds that directory and uses LOCALEDIR. */
static const char *
find_localedir (void)
{
  if (g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AtlasApplication) app = NULL;
  const char *lang = g_getenv ("PLATSATLAS_LANG");

  /* PLATSATLAS_LANG picks the language of the data texts in core; the
   * interface follows it so that labels and data never mix languages. */
  if (lang != NULL && *lang != '\0')
    g_setenv ("LANGUAGE", lang, TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = atlas_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
