/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"
#include "cli-common.h"

/* platsatlas-cli: the dataset packages without a display, for scripts,
 * checks and tests. Each command lives in its own cli-*.c file. */

typedef struct
{
  const char     *name;
  CliCommandFunc  run;
  const char     *summary;
} Command;

static const Command commands[] = {
  { "info", cli_info, N_("Show what a package holds") },
  { "validate", cli_validate, N_("List every problem of a package") },
  { "values", cli_values, N_("Print an indicator's values as CSV or JSON") },
  { "classify", cli_classify, N_("Compute class breaks as the map does") },
  { "compare", cli_compare, N_("Compare two areas indicator by indicator") },
  { "export", cli_export, N_("Export a map as a figure (PDF, SVG or PNG)") },
  { "pack", cli_pack, N_("Make a package from SCB's statistics and geometry files") },
  { "by-type", cli_by_type, N_("Break an indicator down by area type (områdestyp)") },
  { "types-history", cli_types_history, N_("Show area types over the years and which changed") },
  { "flags", cli_flags, N_("Flag the areas in the worst share of each indicator") },
  { "segregation", cli_segregation, N_("Compute segregation indices per kommun or län") },
  { "profile", cli_profile, N_("Write an area profile (spine chart) as a PDF fact sheet") },
  { "similar", cli_similar, N_("List the areas most like an area") },
  { "scatter", cli_scatter, N_("Plot two indicators against each other with r and the line") },
  { "multiples", cli_multiples, N_("Draw one map per year with the same classes (small multiples)") },
};

/* Running from the build tree, the freshly compiled catalogues are there;
 * an installed binary never finds that directory and uses LOCALEDIR. */
static const char *
find_localedir (void)
{
  if (g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

static void
setup_i18n (void)
{
  const char *lang = g_getenv ("PLATSATLAS_LANG");

  /* PLATSATLAS_LANG picks the language of the data texts in core; messages
   * follow it so that labels and data never mix languages. */
  if (lang != NULL && *lang != '\0')
    g_setenv ("LANGUAGE", lang, TRUE);

  setlocale (LC_ALL, "");
  /* Numbers are printed with g_ascii_formatd(), but keep printf() from
   * ever writing a decimal comma into CSV. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: platsatlas-cli COMMAND [OPTION…] PACKAGE"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("PACKAGE is a package directory, a .zip, or the id of a packaged "
                            "dataset (sverige-kommuner, uppsala-lan)."));
  fprintf (out, "%s\n", _("Every command takes --json and --help."));
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

static char *
list_commands (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (names, i > 0 ? ", %s" : "%s", commands[i].name);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  const Command *command;

  setup_i18n ();
  g_set_prgname ("platsatlas-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("platsatlas-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *names = list_commands ();

      return cli_fail (CLI_EXIT_USAGE,
                       _("Unknown command “%s”; the commands are %s "
                         "(see “platsatlas-cli --help”)"),
                       argv[1], names);
    }

  return command->run (argc - 1, argv + 1);
}
