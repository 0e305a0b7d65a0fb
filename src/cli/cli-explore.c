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

  status = cli_parse_options ("profile", N_("PACKAGE"),
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

static gboolean
similar_demonstration (AtlasDataset      *dataset,
                       AtlasSimilarAreas *similar)
{
  GPtrArray *indicators = atlas_similar_areas_get_indicators (similar);

  for (guint k = 0; k < indicators->len; k++)
    if (atlas_dataset_indicator_is_demonstration (dataset, g_ptr_array_index (indicators, k)))
      return TRUE;
  return FALSE;
}

static void
similar_json (AtlasDataset      *dataset,
              AtlasSimilarAreas *similar)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *method = atlas_similar_areas_dup_method (similar, NULL);
  GPtrArray *indicators = atlas_similar_areas_get_indicators (similar);

  json_builder_begin_object (builder);
  cli_json_add_package (builder, dataset);
  cli_json_add_area (builder, "area", atlas_similar_areas_get_area (similar));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_similar_areas_get_year (similar));
  cli_json_add_string (builder, "method", method);
  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_array (builder);
  for (guint k = 0; k < indicators->len; k++)
    cli_json_string (builder, atlas_indicator_get_id (g_ptr_array_index (indicators, k)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "excluded");
  json_builder_add_int_value (builder, atlas_similar_areas_get_n_excluded (similar));
  json_builder_set_member_name (builder, "similar");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_similar_areas_get_n_items (similar); i++)
    {
      AtlasArea *area = atlas_similar_areas_get_item (similar, i);
      g_autofree char *name = cli_area_name (area);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_int_value (builder, i + 1);
      cli_json_add_string (builder, "area_code", atlas_area_get_code (area));
      cli_json_add_string (builder, "area_name", name);
      cli_json_add_number (builder, "distance", atlas_similar_areas_get_distance (similar, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  cli_json_add_demonstration (builder, similar_demonstration (dataset, similar));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static void
similar_text (AtlasDataset      *dataset,
              AtlasSimilarAreas *similar)
{
  g_autofree char *method = atlas_similar_areas_dup_method (similar, NULL);
  g_autofree char *target = cli_area_name (atlas_similar_areas_get_area (similar));
  GPtrArray *indicators = atlas_similar_areas_get_indicators (similar);

  printf (_("Areas most like %s (%s) in %u\n"), target,
          atlas_area_get_code (atlas_similar_areas_get_area (similar)), atlas_similar_areas_get_year (similar));
  printf ("%s\n", _("Indicators:"));
  for (guint k = 0; k < indicators->len; k++)
    printf ("  %s  %s\n", atlas_indicator_get_id (g_ptr_array_index (indicators, k)),
            atlas_indicator_get_name (g_ptr_array_index (indicators, k), NULL));
  for (guint i = 0; i < atlas_similar_areas_get_n_items (similar); i++)
    {
      AtlasArea *area = atlas_similar_areas_get_item (similar, i);
      g_autofree char *name = cli_area_name (area);

      g_autofree char *padded = cli_pad (name, 40);

      printf ("%3u  %-12s %s %8.3f\n", i + 1, atlas_area_get_code (area), padded,
              atlas_similar_areas_get_distance (similar, i));
    }
  printf ("%s\n", method);
  cli_print_provenance (dataset, similar_demonstration (dataset, similar));
}

/**
 * cli_similar:
 * @argc: the argument count
 * @argv: "similar", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_similar (int    argc,
             char **argv)
{
  g_autofree char *code = NULL;
  g_autofree char *ids = NULL;
  gboolean json = FALSE;
  int year = 0;
  int n = 10;
  const GOptionEntry entries[] = {
    { "area", 'a', 0, G_OPTION_ARG_STRING, &code, N_("The area’s code"), N_("CODE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "indicators", 'i', 0, G_OPTION_ARG_STRING, &ids,
      N_("Comma-separated indicators to compare on (default: every indicator the area has, "
         "without counts and categories)"), N_("IDS") },
    { "count", 'n', 0, G_OPTION_ARG_INT, &n, N_("How many areas (default: 10)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(AtlasSimilarAreas) similar = NULL;
  g_autoptr(GError) error = NULL;
  AtlasArea *area;
  int status;

  status = cli_parse_options ("similar", N_("PACKAGE"),
                              _("List the areas of the same level most like an area: Euclidean distance "
                                "over z-scores of the chosen indicators."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;
  if (code == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("Give the area with --area CODE"));
  if (n < 1)
    return cli_fail (CLI_EXIT_USAGE, _("--count must be at least 1"));

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL || !cli_check_year (dataset, year, &status))
    return status;
  if ((area = atlas_dataset_lookup_area (dataset, code)) == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("No area has the code “%s” in “%s”"), code, atlas_dataset_get_id (dataset));
  indicators = cli_lookup_indicator_list (dataset, ids, &status);
  if (status != CLI_CONTINUE)
    return status;

  similar = atlas_similar_areas_find (dataset, area, (guint) year, indicators, (guint) n, &error);
  if (similar == NULL)
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  if (json)
    similar_json (dataset, similar);
  else
    similar_text (dataset, similar);
  return CLI_EXIT_OK;
}

static void
scatter_json (AtlasDataset *dataset,
              AtlasScatter *scatter,
              const char   *output)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cli_json_add_package (builder, dataset);
  cli_json_add_string (builder, "level", atlas_division_get_id (atlas_scatter_get_division (scatter)));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_scatter_get_year (scatter));
  cli_json_add_indicator (builder, "x", atlas_scatter_get_x_indicator (scatter));
  cli_json_add_indicator (builder, "y", atlas_scatter_get_y_indicator (scatter));
  cli_json_add_indicator (builder, "size", atlas_scatter_get_size_indicator (scatter));
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, atlas_scatter_get_n_points (scatter));
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, atlas_scatter_get_n_missing (scatter));
  cli_json_add_number (builder, "r", atlas_scatter_get_r (scatter));
  cli_json_add_number (builder, "slope", atlas_scatter_get_slope (scatter));
  cli_json_add_number (builder, "intercept", atlas_scatter_get_intercept (scatter));
  cli_json_add_string (builder, "method", "ordinary least squares of y on x; Pearson's r");
  cli_json_add_string (builder, "file", output);
  cli_json_add_demonstration (builder, atlas_scatter_has_demonstration (scatter));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cli_print_json (root);
}

/**
 * cli_scatter:
 * @argc: the argument count
 * @argv: "scatter", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_scatter (int    argc,
             char **argv)
{
  g_autofree char *x_id = NULL;
  g_autofree char *y_id = NULL;
  g_autofree char *size_id = NULL;
  g_autofree char *level = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang = NULL;
  gboolean json = FALSE;
  int year = 0;
  const GOptionEntry entries[] = {
    { "x", 'x', 0, G_OPTION_ARG_STRING, &x_id, N_("The indicator across"), N_("ID") },
    { "y", 'y', 0, G_OPTION_ARG_STRING, &y_id, N_("The indicator up"), N_("ID") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_id, N_("Size the points by this indicator (folkmangd…)"), N_("ID") },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("The level (kommun, deso…)"), N_("LEVEL") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write (.png, .pdf or .svg)"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the figure: sv or en"), N_("LANG") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print r and the line as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasScatter) scatter = NULL;
  g_autoptr(GError) error = NULL;
  AtlasIndicator *x, *y, *size = NULL;
  AtlasDivision *division;
  int status;

  status = cli_parse_options ("scatter", N_("PACKAGE"),
                              _("Plot two indicators against each other, one point per area, with the "
                                "least-squares line and Pearson’s r."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE || (status = check_lang (lang)) != CLI_CONTINUE)
    return status;

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL)
    return status;
  if ((x = cli_lookup_indicator (dataset, x_id, &status)) == NULL
      || (y = cli_lookup_indicator (dataset, y_id, &status)) == NULL
      || (size_id != NULL && (size = cli_lookup_indicator (dataset, size_id, &status)) == NULL)
      || (division = cli_lookup_division (dataset, level, &status)) == NULL
      || !cli_check_year (dataset, year, &status))
    return status;

  scatter = atlas_scatter_new (dataset, division, (guint) year, x, y, size, &error);
  if (scatter == NULL)
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  if (output != NULL && !atlas_scatter_export (scatter, output, lang, &error))
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  if (json)
    scatter_json (dataset, scatter, output);
  else
    {
      g_autofree char *summary = atlas_scatter_dup_summary (scatter, NULL);

      printf ("%s\n", summary);
      if (output != NULL)
        printf ("%s\n", output);
    }
  return CLI_EXIT_OK;
}

/* "2020,2021,2023" → ascending years of the package. */
static GArray *
parse_years (AtlasDataset *dataset,
             const char   *text,
             int          *status)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, _("Give the years with --years, such as --years 2020,2023"));
      return NULL;
    }
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 year = 0;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, 9999, &year, NULL))
        {
          *status = cli_fail (CLI_EXIT_USAGE, _("“%s” in --years is not a year"), parts[i]);
          return NULL;
        }
      if (!cli_check_year (dataset, (int) year, status))
        return NULL;
      g_array_append_val (years, (guint) { (guint) year });
    }
  return g_steal_pointer (&years);
}

/* `multiples --indicators a,b,c --year Y`: one map per indicator. */
static int
multiples_of_indicators (AtlasDataset     *dataset,
                         const char       *text,
                         int               year,
                         const char       *level,
                         const char       *region_code,
                         AtlasClassMethod  method,
                         guint             classes,
                         const char       *output,
                         const char       *lang)
{
  g_auto(GStrv) ids = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) indicators = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  AtlasDivision *division;
  AtlasArea *region = NULL;
  int status = CLI_CONTINUE;

  if (year == 0)
    return cli_fail (CLI_EXIT_USAGE, _("Give the year of --indicators with --year, such as --year 2022"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      AtlasIndicator *indicator = cli_lookup_indicator (dataset, g_strstrip (ids[i]), &status);

      if (indicator == NULL)
        return status;
      g_ptr_array_add (indicators, indicator);
    }
  if (!cli_check_year (dataset, year, &status)
      || (division = cli_lookup_division (dataset, level, &status)) == NULL
      || (region_code != NULL && (region = cli_lookup_region (dataset, region_code, &status)) == NULL))
    return status;
  if (!atlas_small_multiples_export_indicators (dataset, (AtlasIndicator **) indicators->pdata, indicators->len,
                                                division, region, (guint) year, method, classes, output, lang,
                                                &error))
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  printf ("%s\n", output);
  return CLI_EXIT_OK;
}

/**
 * cli_multiples:
 * @argc: the argument count
 * @argv: "multiples", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_multiples (int    argc,
               char **argv)
{
  g_autofree char *indicator_id = NULL;
  g_autofree char *level = NULL;
  g_autofree char *region_code = NULL;
  g_autofree char *years_text = NULL;
  g_autofree char *indicators_text = NULL;
  g_autofree char *method_nick = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang = NULL;
  int classes = 5;
  int year = 0;
  const GOptionEntry entries[] = {
    { "indicator", 'i', 0, G_OPTION_ARG_STRING, &indicator_id, N_("The indicator"), N_("ID") },
    { "indicators", 0, 0, G_OPTION_ARG_STRING, &indicators_text,
      N_("Comma-separated indicators, one map each for --year"), N_("IDS") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year of --indicators"), N_("YEAR") },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("The level (kommun, deso…)"), N_("LEVEL") },
    { "years", 0, 0, G_OPTION_ARG_STRING, &years_text, N_("Comma-separated years, one map each"), N_("YEARS") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_code, N_("Frame this area with its sub-areas"), N_("CODE") },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method_nick,
      N_("quantile, equal, jenks, stddev, box, box3 or percentile (default: quantile)"), N_("METHOD") },
    { "classes", 'n', 0, G_OPTION_ARG_INT, &classes, N_("Number of classes, 3 to 9 (default: 5)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write (.png, .pdf or .svg)"), N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the figure: sv or en"), N_("LANG") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;
  AtlasClassMethod method = ATLAS_CLASS_METHOD_QUANTILE;
  AtlasIndicator *indicator;
  AtlasDivision *division;
  AtlasArea *region = NULL;
  int status;

  status = cli_parse_options ("multiples", N_("PACKAGE"),
                              _("Draw one map per year side by side, with the same class breaks and one "
                                "legend (small multiples); or, with --indicators and --year, one map per "
                                "indicator, each classed on its own."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE || (status = check_lang (lang)) != CLI_CONTINUE)
    return status;
  if (output == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("Give the file to write with --output"));
  if (method_nick != NULL && (!atlas_class_method_from_nick (method_nick, &method)
                              || method == ATLAS_CLASS_METHOD_MANUAL))
    return cli_fail (CLI_EXIT_USAGE,
                     _("Unknown method “%s”; the methods are quantile, equal, jenks, stddev, box, box3 and percentile"),
                     method_nick);

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL)
    return status;
  if (indicators_text != NULL)
    return multiples_of_indicators (dataset, indicators_text, year, level, region_code, method,
                                    (guint) classes, output, lang);
  if ((indicator = cli_lookup_indicator (dataset, indicator_id, &status)) == NULL
      || (division = cli_lookup_division (dataset, level, &status)) == NULL
      || (years = parse_years (dataset, years_text, &status)) == NULL
      || (region_code != NULL && (region = cli_lookup_region (dataset, region_code, &status)) == NULL))
    return status;

  if (!atlas_small_multiples_export (dataset, indicator, division, region, (const guint *) years->data,
                                     years->len, method, (guint) classes, output, lang, &error))
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  printf ("%s\n", output);
  return CLI_EXIT_OK;
}
