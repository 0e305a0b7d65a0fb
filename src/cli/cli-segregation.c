/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/* segregation: D, isolation, exposure and Theil's H per coarse area. */

static void
add_result_json (JsonBuilder                  *builder,
                 const AtlasSegregationResult *r)
{
  g_autofree char *name = cli_area_name (r->area);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "code", atlas_area_get_code (r->area));
  cli_json_add_string (builder, "name", name);
  json_builder_set_member_name (builder, "units");
  json_builder_add_int_value (builder, r->n_units);
  cli_json_add_number (builder, "group", r->group);
  cli_json_add_number (builder, "total", r->total);
  cli_json_add_number (builder, "group_share", r->group_share);
  cli_json_add_number (builder, "dissimilarity", r->dissimilarity);
  cli_json_add_number (builder, "isolation", r->isolation);
  cli_json_add_number (builder, "exposure", r->exposure);
  cli_json_add_number (builder, "theil", r->theil);
  json_builder_set_member_name (builder, "unreliable");
  json_builder_add_boolean_value (builder, r->unreliable);
  cli_json_add_string (builder, "missing_reason", r->missing_reason != ATLAS_MISSING_NONE
                                                  ? atlas_missing_reason_to_nick (r->missing_reason) : NULL);
  json_builder_end_object (builder);
}

static void
add_groups_json (JsonBuilder      *builder,
                 AtlasSegregation *seg)
{
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint m = 0; m < atlas_segregation_get_n_groups (seg); m++)
    {
      json_builder_begin_object (builder);
      cli_json_add_indicator (builder, "indicator", atlas_segregation_get_group (seg, m));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json (AtlasSegregation *seg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *method = atlas_segregation_dup_method (seg);

  json_builder_begin_object (builder);
  cli_json_add_package (builder, atlas_segregation_get_dataset (seg));
  cli_json_add_indicator (builder, "group", atlas_segregation_get_group (seg, 0));
  add_groups_json (builder, seg);
  cli_json_add_indicator (builder, "total", atlas_segregation_get_total (seg));
  cli_json_add_string (builder, "level", atlas_division_get_id (atlas_segregation_get_fine (seg)));
  cli_json_add_string (builder, "level_version", atlas_division_get_version (atlas_segregation_get_fine (seg)));
  cli_json_add_string (builder, "by", atlas_division_get_id (atlas_segregation_get_coarse (seg)));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_segregation_get_year (seg));
  cli_json_add_string (builder, "method", method);
  cli_json_add_string (builder, "count_note", atlas_segregation_get_count_note (seg));
  json_builder_set_member_name (builder, "min_units");
  json_builder_add_int_value (builder, ATLAS_SEGREGATION_MIN_UNITS);
  cli_json_add_number (builder, "min_group", ATLAS_SEGREGATION_MIN_GROUP);
  cli_json_add_demonstration (builder, atlas_segregation_is_demonstration (seg));
  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint c = 0; c < atlas_segregation_get_n_results (seg); c++)
    add_result_json (builder, atlas_segregation_get_result (seg, c));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static char *
format_index (double value)
{
  return isnan (value) ? g_strdup ("–") : atlas_format_number (value, 3, NULL);
}

static void
print_result_text (const AtlasSegregationResult *r)
{
  g_autofree char *name = cli_area_name (r->area);
  g_autofree char *share = isnan (r->group_share) ? g_strdup ("–")
                           : atlas_format_number (100.0 * r->group_share, 1, NULL);
  g_autofree char *d = format_index (r->dissimilarity);
  g_autofree char *iso = format_index (r->isolation);
  g_autofree char *exp_text = format_index (r->exposure);
  g_autofree char *h = format_index (r->theil);

  g_autofree char *name_col = cli_pad (name, -24);
  g_autofree char *share_col = cli_pad (share, 7);

  printf ("  %-8s %s %5u %s %7s %7s %7s %7s %s\n", atlas_area_get_code (r->area), name_col,
          r->n_units, share_col, d, iso, exp_text, h,
          r->missing_reason != ATLAS_MISSING_NONE ? atlas_missing_reason_describe (r->missing_reason)
          : r->unreliable ? _("unreliable") : "");
}

static void
print_text (AtlasSegregation *seg)
{
  g_autofree char *method = atlas_segregation_dup_method (seg);
  const char *note = atlas_segregation_get_count_note (seg);

  printf (_("Segregation of %s (of %s)\n"), atlas_indicator_get_name (atlas_segregation_get_group (seg, 0), NULL),
          atlas_indicator_get_name (atlas_segregation_get_total (seg), NULL));
  printf ("  %-8s %-24s %5s %7s %7s %7s %7s %7s\n", _("Code"), _("Name"), _("Units"), _("Share"),
          "D", "xPx", "xPy", "H");
  for (guint c = 0; c < atlas_segregation_get_n_results (seg); c++)
    print_result_text (atlas_segregation_get_result (seg, c));
  printf (_("Method: %s\n"), method);
  if (note != NULL)
    printf ("%s\n", note);
  for (guint m = 0; m < atlas_segregation_get_n_groups (seg); m++)
    cli_print_definition (atlas_segregation_get_group (seg, m));
  cli_print_definition (atlas_segregation_get_total (seg));
  cli_print_provenance (atlas_segregation_get_dataset (seg), atlas_segregation_is_demonstration (seg));
}

static GPtrArray *
lookup_groups (AtlasDataset *dataset,
               const char   *group_id,
               const char   *group_ids,
               int          *status)
{
  if (group_id != NULL && group_ids != NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, _("Give either --group or --groups, not both"));
      return NULL;
    }
  if (group_id == NULL && group_ids == NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, _("Missing --group (or --groups for several groups); "
                                            "see “platsatlas-cli segregation --help”"));
      return NULL;
    }

  return cli_lookup_indicator_list (dataset, group_id != NULL ? group_id : group_ids, status);
}

static gboolean
export_map (AtlasSegregation *seg,
            const char       *index_name,
            const char       *path,
            int              *status)
{
  g_autoptr(AtlasAnalysisMap) map = NULL;
  g_autoptr(GError) error = NULL;
  AtlasSegregationIndex index = ATLAS_SEGREGATION_INDEX_DISSIMILARITY;

  if (g_strcmp0 (index_name, "isolation") == 0)
    index = ATLAS_SEGREGATION_INDEX_ISOLATION;
  else if (g_strcmp0 (index_name, "theil") == 0)
    index = ATLAS_SEGREGATION_INDEX_THEIL;
  else if (index_name != NULL && g_strcmp0 (index_name, "d") != 0)
    {
      *status = cli_fail (CLI_EXIT_USAGE, _("Unknown index “%s”; the indices are d, isolation and theil"),
                          index_name);
      return FALSE;
    }

  map = atlas_analysis_map_new_for_segregation (seg, index);
  if (atlas_analysis_map_export (map, path, 150, &error))
    return TRUE;
  *status = cli_fail (CLI_EXIT_DATA, "%s", error->message);
  return FALSE;
}

/* The generic lookups would name --indicator and --level. */
static gboolean
require_options (const char *total_id,
                 const char *coarse_id,
                 int        *status)
{
  if (total_id == NULL)
    *status = cli_fail (CLI_EXIT_USAGE, _("Missing --total, the count the group is part of "
                                          "(population, dwellings)"));
  else if (coarse_id == NULL)
    *status = cli_fail (CLI_EXIT_USAGE, _("Missing --by, the level to compute the indices for "
                                          "(kommun, lan, riket)"));
  else
    return TRUE;

  return FALSE;
}

/**
 * cli_segregation:
 * @argc: the argument count
 * @argv: "segregation", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_segregation (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autofree char *group_id = NULL;
  g_autofree char *group_ids = NULL;
  g_autofree char *total_id = NULL;
  g_autofree char *fine_id = NULL;
  g_autofree char *coarse_id = NULL;
  g_autofree char *output = NULL;
  g_autofree char *index_name = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("The group: a count, or a share of the total"), N_("ID") },
    { "groups", 0, 0, G_OPTION_ARG_STRING, &group_ids, N_("Several groups for the multigroup entropy index"), N_("ID,…") },
    { "total", 't', 0, G_OPTION_ARG_STRING, &total_id, N_("The total count (population, dwellings)"), N_("ID") },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &fine_id, N_("The small areas the index is computed over (deso, regso)"), N_("FINE") },
    { "by", 'b', 0, G_OPTION_ARG_STRING, &coarse_id, N_("The areas the index is computed for (kommun, lan, riket)"), N_("COARSE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also export a map of the index (.pdf, .svg or .png)"), N_("FILE") },
    { "index", 0, 0, G_OPTION_ARG_STRING, &index_name, N_("The index to map: d, isolation or theil (default d)"), N_("INDEX") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasSegregation) seg = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  AtlasIndicator *total;
  AtlasDivision *fine, *coarse;
  int status;

  status = cli_parse_options ("segregation", "PACKAGE",
                              _("Compute the dissimilarity, isolation, exposure and Theil entropy "
                                "indices of a group over the small areas (--level) inside each "
                                "larger area (--by)."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  if ((dataset = cli_open_dataset (argv[1], &status)) == NULL ||
      (groups = lookup_groups (dataset, group_id, group_ids, &status)) == NULL ||
      !require_options (total_id, coarse_id, &status) ||
      (total = cli_lookup_indicator (dataset, total_id, &status)) == NULL ||
      (fine = cli_lookup_division (dataset, fine_id, &status)) == NULL ||
      (coarse = cli_lookup_division (dataset, coarse_id, &status)) == NULL ||
      !cli_check_year (dataset, year, &status))
    return status;

  seg = atlas_segregation_new (dataset, (AtlasIndicator **) groups->pdata, groups->len, total,
                               fine, coarse, (guint) year, &error);
  if (seg == NULL)
    return cli_analysis_fail (error);

  if (output != NULL && !export_map (seg, index_name, output, &status))
    return status;
  if (json)
    print_json (seg);
  else
    print_text (seg);
  return CLI_EXIT_OK;
}
