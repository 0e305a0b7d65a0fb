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

/* Run from the build tree (not installed), the app reads the schema
 * compiled into <build>/data, unless GSETTINGS_SCHEMA_DIR says otherwise.
 * Set before anything creates a GSettings: the default schema source reads
 * the variable once. */
static void
find_schema (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *compiled = g_build_filename (BUILD_SCHEMADIR, "gschemas.compiled", NULL);

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && exe != NULL
      && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S)
      && g_file_test (compiled, G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMADIR, TRUE);
}

/* Without the schema, GSettings would abort with a bare message. */
static gboolean
have_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL;
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

  find_schema ();
  if (!have_schema ())
    {
      g_printerr (_("The settings schema “%s” is not installed. Install Platsatlas "
                    "(meson install), or set GSETTINGS_SCHEMA_DIR to the directory "
                    "holding its compiled schema (<build>/data).\n"), APP_ID);
      return 1;
    }

  app = atlas_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
