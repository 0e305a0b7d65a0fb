/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "atlas-application.h"
#include "atlas-core.h"

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
  const char *messages;

  setlocale (LC_ALL, "");

  /* Core picks the language of the data texts (PLATSATLAS_LANG, else the
   * locale: Swedish unless it is English); the interface follows it so
   * that labels and data never mix languages. gettext ignores LANGUAGE in
   * the plain C locale, so messages then use C.UTF-8, which honours it
   * (set in the environment too, because GTK calls setlocale() again). */
  g_setenv ("LANGUAGE", atlas_language (), TRUE);
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      g_setenv ("LC_MESSAGES", "C.UTF-8", TRUE);
      setlocale (LC_MESSAGES, "C.UTF-8");
    }

  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = atlas_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
