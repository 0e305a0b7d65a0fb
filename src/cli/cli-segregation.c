/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/* segregation: D, isolation, exposure and Theil's H per coarse area. */

static void
add_indices_json (JsonBuilder                  *builder,
                  const AtlasSegregationResult *r)
{
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
}

/* @other: (nullable): the same area's indices on the compared level. */
static void
add_result_json (JsonBuilder                  *builder,
                 const AtlasSegregationResult *r,
                 const AtlasSegregationResult *other)
{
  g_autofree char *name = cli_area_name (r->area);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "code", atlas_area_get_code (r->area));
  cli_json_add_string (builder, "name", name);
  add_indices_json (builder, r);
  if (other != NULL)
    {
      json_builder_set_member_name (builder, "compare");
      json_builder_begin_object (builder);
      add_indices_json (builder, other);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* The areas listed: all of the coarse level, or the one asked for. */
static gboolean
listed (const AtlasSegregationResult *r,
        AtlasArea                    *only)
{
  return only == NULL || r->area == only;
}

static void
add_compare_json (JsonBuilder      *builder,
                  AtlasSegregation *other)
{
  g_autofree char *method = NULL;

  if (other == NULL)
    return;
  method = atlas_segregation_dup_method (other);
  cli_json_add_string (builder, "compare_level", atlas_division_get_id (atlas_segregation_get_fine (other)));
  cli_json_add_string (builder, "compare_level_version",
                       atlas_division_get_version (atlas_segregation_get_fine (other)));
  cli_json_add_string (builder, "compare_method", method);
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
print_json (AtlasSegregation *seg,
            AtlasSegregation *other,
            AtlasArea        *only)
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
  cli_json_add_string (builder, "maup_note", atlas_segregation_get_maup_note ());
  add_compare_json (builder, other);
  json_builder_set_member_name (builder, "min_units");
  json_builder_add_int_value (builder, ATLAS_SEGREGATION_MIN_UNITS);
  cli_json_add_number (builder, "min_group", ATLAS_SEGREGATION_MIN_GROUP);
  cli_json_add_demonstration (builder, atlas_segregation_is_demonstration (seg));
  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint c = 0; c < atlas_segregation_get_n_results (seg); c++)
    if (listed (atlas_segregation_get_result (seg, c), only))
      add_result_json (builder, atlas_segregation_get_result (seg, c),
                       other != NULL ? atlas_segregation_get_result (other, c) : NULL);
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

static const char *
result_note (const AtlasSegregationResult *r)
{
  if (r->missing_reason != ATLAS_MISSING_NONE)
    return atlas_missing_reason_describe (r->missing_reason);
  return r->unreliable ? _("unreliable") : "";
}

/* The compared level's D, H and units beside each area. */
static void
print_compare_text (const AtlasSegregationResult *r)
{
  g_autofree char *d = format_index (r->dissimilarity);
  g_autofree char *h = format_index (r->theil);

  printf ("  %5u %7s %7s %s", r->n_units, d, h, result_note (r));
}

static void
print_result_text (const AtlasSegregationResult *r,
                   const AtlasSegregationResult *other)
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

  printf ("  %-8s %s %5u %s %7s %7s %7s %7s %s", atlas_area_get_code (r->area), name_col,
          r->n_units, share_col, d, iso, exp_text, h, result_note (r));
  if (other != NULL)
    print_compare_text (other);
  printf ("\n");
}

static void
print_text (AtlasSegregation *seg,
            AtlasSegregation *other,
            AtlasArea        *only)
{
  g_autofree char *method = atlas_segregation_dup_method (seg);
  const char *note = atlas_segregation_get_count_note (seg);

  printf (_("Segregation of %s (of %s)\n"), atlas_indicator_get_name (atlas_segregation_get_group (seg, 0), NULL),
          atlas_indicator_get_name (atlas_segregation_get_total (seg), NULL));
  printf ("  %-8s %-24s %5s %7s %7s %7s %7s %7s", _("Code"), _("Name"), _("Units"), _("Share"),
          "D", "xPx", "xPy", "H");
  if (other != NULL)
    /* the same columns on the compared level, such as "RegSO: Units D H" */
    printf ("   %s: %s D H", atlas_division_get_name (atlas_segregation_get_fine (other), NULL), _("Units"));
  printf ("\n");
  for (guint c = 0; c < atlas_segregation_get_n_results (seg); c++)
    if (listed (atlas_segregation_get_result (seg, c), only))
      print_result_text (atlas_segregation_get_result (seg, c),
                         other != NULL ? atlas_segregation_get_result (other, c) : NULL);
  printf (_("Method: %s\n"), method);
  if (other != NULL)
    {
      g_autofree char *other_method = atlas_segregation_dup_method (other);
      printf (_("Method: %s\n"), other_method);
    }
  printf ("%s\n", atlas_segregation_get_maup_note ());
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

static gboolean
export_maup (AtlasSegregation *seg,
             AtlasSegregation *other,
             AtlasArea        *area,
             const char       *path,
             int              *status)
{
  g_autoptr(AtlasMaupChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  if (area == NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, _("A chart of --compare-levels needs --area, the area "
                                            "(such as a kommun) to show"));
      return FALSE;
    }
  chart = atlas_maup_chart_new (seg, other, area);
  if (atlas_maup_chart_export (chart, path, 150, &error))
    return TRUE;
  *status = cli_fail (CLI_EXIT_DATA, "%s", error->message);
  return FALSE;
}

/* --area: an area of the coarse level. */
static gboolean
lookup_only (AtlasDataset  *dataset,
             const char    *code,
             AtlasDivision *coarse,
             AtlasArea    **area,
             int           *status)
{
  *area = NULL;
  if (code == NULL)
    return TRUE;
  *area = atlas_dataset_lookup_area (dataset, code);
  if (*area != NULL && atlas_area_get_division (*area) == coarse)
    return TRUE;
  *status = cli_fail (CLI_EXIT_USAGE, _("The package has no area “%s” at the level “%s” (--by)"),
                      code, atlas_division_get_id (coarse));
  return FALSE;
}

/* --compare-levels: the same request on another level of small areas. */
static gboolean
compare_levels (AtlasDataset      *dataset,
                AtlasSegregation  *seg,
                const char        *level_id,
                AtlasSegregation **other,
                int               *status)
{
  g_autoptr(GError) error = NULL;
  AtlasDivision *fine;

  *other = NULL;
  if (level_id == NULL)
    return TRUE;
  if ((fine = cli_lookup_division (dataset, level_id, status)) == NULL)
    return FALSE;
  *other = atlas_segregation_new_on_level (seg, fine, &error);
  if (*other != NULL)
    return TRUE;
  *status = cli_analysis_fail (error);
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
  g_autofree char *compare_id = NULL;
  g_autofree char *area_code = NULL;
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
    { "compare-levels", 0, 0, G_OPTION_ARG_STRING, &compare_id, N_("Also compute the indices on this level of small areas, side by side (regso against deso): the value depends on the areal unit"), N_("LEVEL") },
    { "area", 'a', 0, G_OPTION_ARG_STRING, &area_code, N_("Only this area of the --by level; with --compare-levels and --output, the area charted"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasSegregation) seg = NULL;
  g_autoptr(AtlasSegregation) other = NULL;
  AtlasArea *only = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  AtlasIndicator *total;
  AtlasDivision *fine, *coarse;
  int status;

  status = cli_parse_options ("segregation", N_("PACKAGE"),
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
      !cli_check_year (dataset, year, &status) ||
      !lookup_only (dataset, area_code, coarse, &only, &status))
    return status;

  seg = atlas_segregation_new (dataset, (AtlasIndicator **) groups->pdata, groups->len, total,
                               fine, coarse, (guint) year, &error);
  if (seg == NULL)
    return cli_analysis_fail (error);
  if (!compare_levels (dataset, seg, compare_id, &other, &status))
    return status;

  if (output != NULL && other == NULL && !export_map (seg, index_name, output, &status))
    return status;
  if (output != NULL && other != NULL && !export_maup (seg, other, only, output, &status))
    return status;
  if (json)
    print_json (seg, other, only);
  else
    print_text (seg, other, only);
  return CLI_EXIT_OK;
}
