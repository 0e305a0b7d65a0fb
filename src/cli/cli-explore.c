/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/* The exploring commands: profile (area fact sheets), similar (the most
 * alike areas). Each output names its package, year and method. */

static int
check_lang (const char *lang)
{
  if (lang != NULL && g_strcmp0 (lang, "sv") != 0 && g_strcmp0 (lang, "en") != 0)
    return cli_fail (CLI_EXIT_USAGE, _("--lang must be sv or en"));
  return CLI_CONTINUE;
}

static int
profile_usage (const char *area,
               const char *output,
               const char *level,
               const char *output_dir)
{
  if ((area == NULL) == (level == NULL))
    return cli_fail (CLI_EXIT_USAGE, _("Give either --area with --output, or --level with --output-dir"));
  if (area != NULL && output == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("--area needs --output FILE.pdf"));
  if (level != NULL && output_dir == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("--level needs --output-dir DIR"));
  return CLI_CONTINUE;
}

static int
profile_one (AtlasDataset *dataset,
             const char   *code,
             guint         year,
             const char   *output,
             const char   *lang)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasAreaProfile) profile = NULL;
  AtlasArea *area = atlas_dataset_lookup_area (dataset, code);

  if (area == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("No area has the code “%s” in “%s”"),
                     code, atlas_dataset_get_id (dataset));
  profile = atlas_area_profile_new (dataset, area, year, &error);
  if (profile == NULL || !atlas_area_profile_export (profile, output, lang, &error))
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  printf ("%s\n", output);
  return CLI_EXIT_OK;
}

static int
profile_batch (AtlasDataset *dataset,
               const char   *level,
               guint         year,
               const char   *directory,
               const char   *lang,
               gboolean      overwrite)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  AtlasDivision *division;
  int status;

  if ((division = cli_lookup_division (dataset, level, &status)) == NULL)
    return status;
  files = atlas_area_profile_export_batch (dataset, division, year, directory, lang,
                                           overwrite ? ATLAS_BATCH_OVERWRITE : ATLAS_BATCH_NONE,
                                           NULL, &error);
  if (files == NULL)
    return cli_fail (CLI_EXIT_DATA, "%s", error->message);
  for (guint i = 0; files[i] != NULL; i++)
    printf ("%s\n", files[i]);
  return CLI_EXIT_OK;
}

/**
 * cli_profile:
 * @argc: the argument count
 * @argv: "profile", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_profile (int    argc,
             char **argv)
{
  g_autofree char *area = NULL;
  g_autofree char *output = NULL;
  g_autofree char *level = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *lang = NULL;
  gboolean overwrite = FALSE;
  int year = 0;
  const GOptionEntry entries[] = {
    { "area", 'a', 0, G_OPTION_ARG_STRING, &area, N_("The area’s code"), N_("CODE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("One fact sheet per area of this level"), N_("LEVEL") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Folder for the fact sheets of --level"), N_("DIR") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite, N_("Replace files of the same names"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the fact sheet: sv or en"), N_("LANG") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  int status;

  status = cli_parse_options ("profile", "PACKAGE",
                              _("Write an area profile (spine chart) as an A4 PDF fact sheet: every "
                                "indicator with the area’s value, its kommun’s, län’s and riket’s, and "
                                "the spread of all areas of its level, better always to the right."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE
      || (status = profile_usage (area, output, level, output_dir)) != CLI_CONTINUE
      || (status = check_lang (lang)) != CLI_CONTINUE)
    return status;

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL || !cli_check_year (dataset, year, &status))
    return status;
  if (area != NULL)
    return profile_one (dataset, area, (guint) year, output, lang);
  return profile_batch (dataset, level, (guint) year, output_dir, lang, overwrite);
}
