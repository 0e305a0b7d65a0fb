/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/* flags: problem areas, the worst share of each indicator, counted. */

static void
add_threshold_json (JsonBuilder              *builder,
                    const AtlasFlagThreshold *t)
{
  json_builder_begin_object (builder);
  cli_json_add_string (builder, "indicator", atlas_indicator_get_id (t->indicator));
  cli_json_add_string (builder, "name", atlas_indicator_get_name (t->indicator, NULL));
  cli_json_add_number (builder, "value", t->threshold);
  cli_json_add_string (builder, "worse", atlas_indicator_get_polarity (t->indicator) ==
                                         ATLAS_POLARITY_LOWER_IS_BETTER ? "higher" : "lower");
  json_builder_set_member_name (builder, "reference_areas");
  json_builder_add_int_value (builder, t->n_values);
  json_builder_set_member_name (builder, "worst_areas");
  json_builder_add_int_value (builder, t->n_worst);
  json_builder_set_member_name (builder, "flagged");
  json_builder_add_int_value (builder, t->n_flagged);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, t->n_missing);
  cli_json_add_string (builder, "source", atlas_indicator_get_source (t->indicator));
  cli_json_add_string (builder, "definition", atlas_indicator_get_definition (t->indicator, NULL));
  json_builder_set_member_name (builder, "demonstration");
  json_builder_add_boolean_value (builder, atlas_indicator_is_demonstration (t->indicator));
  json_builder_end_object (builder);
}

static void
add_id_list (JsonBuilder       *builder,
             const char        *member,
             AtlasProblemFlags *flags,
             guint              area,
             gboolean (*test) (AtlasProblemFlags *, guint, guint))
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_problem_flags_get_n_indicators (flags); i++)
    if (test (flags, area, i))
      json_builder_add_string_value (builder, atlas_indicator_get_id (atlas_problem_flags_get_threshold (flags, i)->indicator));
  json_builder_end_array (builder);
}

static void
add_areas_json (JsonBuilder       *builder,
                AtlasProblemFlags *flags,
                AtlasArea         *region)
{
  AtlasDivision *division = atlas_problem_flags_get_division (flags);

  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    {
      AtlasArea *area = atlas_division_get_area (division, a);
      g_autofree char *name = NULL;

      if (region != NULL && !atlas_analysis_area_in_region (area, region))
        continue;
      name = cli_area_name (area);
      json_builder_begin_object (builder);
      cli_json_add_string (builder, "code", atlas_area_get_code (area));
      cli_json_add_string (builder, "name", name);
      add_id_list (builder, "flags", flags, a, atlas_problem_flags_is_flagged);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, atlas_problem_flags_get_count (flags, a));
      add_id_list (builder, "missing", flags, a, atlas_problem_flags_is_missing);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_distribution_json (JsonBuilder       *builder,
                       AtlasProblemFlags *flags)
{
  json_builder_set_member_name (builder, "distribution");
  json_builder_begin_object (builder);
  for (guint c = 0; c < 3; c++)
    {
      char member[4];

      g_snprintf (member, sizeof member, "%u", c);
      json_builder_set_member_name (builder, member);
      json_builder_add_int_value (builder, atlas_problem_flags_count_areas (flags, c));
    }
  json_builder_set_member_name (builder, "3+");
  json_builder_add_int_value (builder, atlas_problem_flags_count_areas_at_least (flags, 3));
  json_builder_end_object (builder);
}

static void
print_json (AtlasProblemFlags *flags,
            AtlasArea         *region)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *reference = atlas_problem_flags_dup_reference (flags);
  AtlasDivision *division = atlas_problem_flags_get_division (flags);

  json_builder_begin_object (builder);
  cli_json_add_package (builder, atlas_problem_flags_get_dataset (flags));
  cli_json_add_string (builder, "level", atlas_division_get_id (division));
  cli_json_add_string (builder, "level_version", atlas_division_get_version (division));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_problem_flags_get_year (flags));
  cli_json_add_number (builder, "share", atlas_problem_flags_get_share (flags));
  cli_json_add_string (builder, "reference", reference);
  cli_json_add_string (builder, "caveat", atlas_problem_flags_get_caveat ());
  cli_json_add_demonstration (builder, atlas_problem_flags_is_demonstration (flags));
  json_builder_set_member_name (builder, "thresholds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_problem_flags_get_n_indicators (flags); i++)
    add_threshold_json (builder, atlas_problem_flags_get_threshold (flags, i));
  json_builder_end_array (builder);
  add_distribution_json (builder, flags);
  if (region != NULL)
    cli_json_add_area (builder, "region", region);
  add_areas_json (builder, flags, region);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static void
print_thresholds_text (AtlasProblemFlags *flags)
{
  printf ("%s\n", _("Thresholds:"));
  for (guint i = 0; i < atlas_problem_flags_get_n_indicators (flags); i++)
    {
      const AtlasFlagThreshold *t = atlas_problem_flags_get_threshold (flags, i);
      g_autofree char *value = atlas_indicator_format_value (t->indicator, t->threshold, NULL);

      printf (_("  %-32s %s %s (%u of %u areas flagged, %u without a value)\n"),
              atlas_indicator_get_id (t->indicator),
              atlas_indicator_get_polarity (t->indicator) == ATLAS_POLARITY_LOWER_IS_BETTER ? "≥" : "≤",
              value, t->n_flagged, t->n_values, t->n_missing);
    }
}

static void
print_area_text (AtlasProblemFlags *flags,
                 guint              a)
{
  AtlasArea *area = atlas_division_get_area (atlas_problem_flags_get_division (flags), a);
  g_autofree char *name = cli_area_name (area);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < atlas_problem_flags_get_n_indicators (flags); i++)
    if (atlas_problem_flags_is_flagged (flags, a, i))
      g_string_append_printf (ids, "%s%s", ids->len > 0 ? ", " : "",
                              atlas_indicator_get_id (atlas_problem_flags_get_threshold (flags, i)->indicator));
  g_autofree char *name_col = cli_pad (name, -40);

  printf ("  %2u  %-12s %s %s\n", atlas_problem_flags_get_count (flags, a),
          atlas_area_get_code (area), name_col, ids->str);
}

static void
print_text (AtlasProblemFlags *flags,
            AtlasArea         *region)
{
  AtlasDivision *division = atlas_problem_flags_get_division (flags);
  g_autofree char *reference = atlas_problem_flags_dup_reference (flags);
  guint max = 0;

  printf (_("Problem areas, %s, %u\n"), atlas_division_get_name (division, NULL),
          atlas_problem_flags_get_year (flags));
  printf (_("Reference: %s\n"), reference);
  print_thresholds_text (flags);
  printf (_("Areas by number of flags: 0: %u, 1: %u, 2: %u, 3 or more: %u\n"),
          atlas_problem_flags_count_areas (flags, 0), atlas_problem_flags_count_areas (flags, 1),
          atlas_problem_flags_count_areas (flags, 2), atlas_problem_flags_count_areas_at_least (flags, 3));
  printf ("%s\n", _("Flagged areas (flags, code, name, indicators):"));
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    max = MAX (max, atlas_problem_flags_get_count (flags, a));
  for (guint count = max; count > 0; count--)
    for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
      if (atlas_problem_flags_get_count (flags, a) == count &&
          (region == NULL || atlas_analysis_area_in_region (atlas_division_get_area (division, a), region)))
        print_area_text (flags, a);
  printf (_("Caveat: %s\n"), atlas_problem_flags_get_caveat ());
  cli_print_provenance (atlas_problem_flags_get_dataset (flags),
                        atlas_problem_flags_is_demonstration (flags));
}

/**
 * cli_flags:
 * @argc: the argument count
 * @argv: "flags", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_flags (int    argc,
           char **argv)
{
  gboolean json = FALSE;
  g_autofree char *level = NULL;
  g_autofree char *indicator_ids = NULL;
  g_autofree char *region_code = NULL;
  g_autofree char *output = NULL;
  double share = 5.0;
  int year = 0;
  const GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("The level whose areas are flagged"), N_("LEVEL") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "share", 's', 0, G_OPTION_ARG_DOUBLE, &share, N_("The worst share to flag, in percent (default 5)"), N_("PERCENT") },
    { "indicators", 0, 0, G_OPTION_ARG_STRING, &indicator_ids, N_("Comma-separated indicators (default: every indicator with a polarity)"), N_("ID,…") },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region_code, N_("List only the areas in this region; thresholds stay package-wide"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also export a map of the flag counts (.pdf, .svg or .png)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasProblemFlags) flags = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDivision *division;
  AtlasArea *region = NULL;
  int status;

  status = cli_parse_options ("flags", N_("PACKAGE"),
                              _("Flag the areas of a level in the worst share (by default 5 percent) of "
                                "every indicator with a polarity, across the whole package, and "
                                "count the flags of each area."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  if ((dataset = cli_open_dataset (argv[1], &status)) == NULL ||
      (division = cli_lookup_division (dataset, level, &status)) == NULL ||
      !cli_check_year (dataset, year, &status) ||
      (region_code != NULL && (region = cli_lookup_region (dataset, region_code, &status)) == NULL))
    return status;
  indicators = cli_lookup_indicator_list (dataset, indicator_ids, &status);
  if (indicator_ids != NULL && indicators == NULL)
    return status;

  flags = atlas_problem_flags_new (dataset, division, (guint) year, share, indicators, &error);
  if (flags == NULL)
    return cli_analysis_fail (error);

  if (output != NULL)
    {
      g_autoptr(AtlasAnalysisMap) map = atlas_analysis_map_new_for_flags (flags, region);

      if (!atlas_analysis_map_export (map, output, 150, &error))
        return cli_fail (CLI_EXIT_DATA, "%s", error->message);
    }
  if (json)
    print_json (flags, region);
  else
    print_text (flags, region);
  return CLI_EXIT_OK;
}
