/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/* by-type: an indicator broken down by områdestyp inside a region. */

static void
add_stat_json (JsonBuilder         *builder,
               const AtlasTypeStat *stat)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  if (stat->category != NULL)
    json_builder_add_int_value (builder, stat->category->code);
  else
    json_builder_add_null_value (builder);
  cli_json_add_string (builder, "label", stat->category != NULL
                                         ? atlas_text_get (&stat->category->label, atlas_language ())
                                         : _("All types"));
  json_builder_set_member_name (builder, "areas");
  json_builder_add_int_value (builder, stat->n_areas);
  cli_json_add_number (builder, "weight", stat->weight);
  cli_json_add_number (builder, "value", stat->value);
  cli_json_add_string (builder, "missing_reason", stat->missing_reason != ATLAS_MISSING_NONE
                                                  ? atlas_missing_reason_to_nick (stat->missing_reason) : NULL);
  cli_json_add_string (builder, "missing_reason_text", stat->missing_reason != ATLAS_MISSING_NONE
                                                       ? atlas_missing_reason_describe (stat->missing_reason) : NULL);
  json_builder_set_member_name (builder, "areas_without_value");
  json_builder_add_int_value (builder, stat->n_missing);
  json_builder_end_object (builder);
}

static void
add_breakdown_members (JsonBuilder        *builder,
                       AtlasTypeBreakdown *breakdown)
{
  g_autofree char *method = atlas_type_breakdown_dup_method (breakdown);
  AtlasDivision *division = atlas_type_breakdown_get_division (breakdown);

  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_type_breakdown_get_year (breakdown));
  json_builder_set_member_name (builder, "type_year");
  json_builder_add_int_value (builder, atlas_type_breakdown_get_type_year (breakdown));
  cli_json_add_string (builder, "level", atlas_division_get_id (division));
  cli_json_add_string (builder, "level_version", atlas_division_get_version (division));
  cli_json_add_string (builder, "method", method);
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (breakdown); i++)
    add_stat_json (builder, atlas_type_breakdown_get_stat (breakdown, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  add_stat_json (builder, atlas_type_breakdown_get_total (breakdown));
  json_builder_set_member_name (builder, "areas_without_type");
  json_builder_add_int_value (builder, atlas_type_breakdown_get_n_untyped (breakdown));
}

/* The breakdown of the year asked for, who it is about, and with --series
 * the same breakdown for every year. */
static void
print_json (AtlasTypeBreakdown *breakdown,
            GPtrArray          *series)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cli_json_add_package (builder, atlas_type_breakdown_get_dataset (breakdown));
  cli_json_add_indicator (builder, "indicator", atlas_type_breakdown_get_indicator (breakdown));
  cli_json_add_indicator (builder, "category", atlas_type_breakdown_get_category (breakdown));
  cli_json_add_indicator (builder, "weight_indicator", atlas_type_breakdown_get_weight (breakdown));
  cli_json_add_area (builder, "region", atlas_type_breakdown_get_region (breakdown));
  cli_json_add_coverage (builder, atlas_type_breakdown_get_division (breakdown),
                         atlas_type_breakdown_covers_region (breakdown));
  cli_json_add_demonstration (builder, atlas_type_breakdown_is_demonstration (breakdown));
  add_breakdown_members (builder, breakdown);
  if (series != NULL)
    {
      json_builder_set_member_name (builder, "series");
      json_builder_begin_array (builder);
      for (guint i = 0; i < series->len; i++)
        {
          json_builder_begin_object (builder);
          add_breakdown_members (builder, g_ptr_array_index (series, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static void
print_stat_text (AtlasTypeBreakdown  *breakdown,
                 const AtlasTypeStat *stat)
{
  AtlasIndicator *indicator = atlas_type_breakdown_get_indicator (breakdown);
  AtlasIndicator *weight = atlas_type_breakdown_get_weight (breakdown);
  g_autofree char *label = stat->category != NULL
                           ? g_strdup_printf ("%d %s", stat->category->code,
                                              atlas_text_get (&stat->category->label, NULL))
                           : g_strdup (_("All types"));
  g_autofree char *value = isnan (stat->value)
                           ? g_strdup (atlas_missing_reason_describe (stat->missing_reason))
                           : atlas_indicator_format_value (indicator, stat->value, NULL);
  g_autofree char *weight_text = weight != NULL && !isnan (stat->weight)
                                 ? atlas_indicator_format_value (weight, stat->weight, NULL)
                                 : g_strdup ("–");

  g_autofree char *label_col = cli_pad (label, -52);
  g_autofree char *weight_col = cli_pad (weight_text, 18);

  printf ("  %s %6u  %s  %s\n", label_col, stat->n_areas, weight_col, value);
}

static void
print_text (AtlasTypeBreakdown *breakdown)
{
  AtlasIndicator *indicator = atlas_type_breakdown_get_indicator (breakdown);
  AtlasIndicator *weight = atlas_type_breakdown_get_weight (breakdown);
  AtlasDivision *division = atlas_type_breakdown_get_division (breakdown);
  g_autofree char *region = cli_area_name (atlas_type_breakdown_get_region (breakdown));
  g_autofree char *method = atlas_type_breakdown_dup_method (breakdown);
  g_autofree char *category = g_utf8_strdown (atlas_indicator_get_name (atlas_type_breakdown_get_category (breakdown), NULL), -1);
  g_autofree char *type_col = cli_pad (_("Type"), -52);
  g_autofree char *weight_col = cli_pad (weight != NULL ? atlas_indicator_get_short_label (weight, NULL) : _("Weight"), 18);

  printf (_("%s by %s, %s, %s, %u (types of %u)\n"), atlas_indicator_get_name (indicator, NULL),
          category, region,
          atlas_division_get_version (division) != NULL ? atlas_division_get_version (division)
                                                        : atlas_division_get_id (division),
          atlas_type_breakdown_get_year (breakdown), atlas_type_breakdown_get_type_year (breakdown));
  printf ("  %s %6s  %s  %s\n", type_col, _("Areas"), weight_col, _("Value"));
  for (guint i = 0; i < atlas_type_breakdown_get_n_types (breakdown); i++)
    print_stat_text (breakdown, atlas_type_breakdown_get_stat (breakdown, i));
  print_stat_text (breakdown, atlas_type_breakdown_get_total (breakdown));
  if (atlas_type_breakdown_get_n_untyped (breakdown) > 0)
    printf (_("Areas without a type (not counted): %u\n"), atlas_type_breakdown_get_n_untyped (breakdown));
  cli_print_coverage (division, atlas_type_breakdown_covers_region (breakdown));
  printf (_("Method: %s\n"), method);
  cli_print_definition (indicator);
  cli_print_definition (atlas_type_breakdown_get_category (breakdown));
  cli_print_provenance (atlas_type_breakdown_get_dataset (breakdown),
                        atlas_type_breakdown_is_demonstration (breakdown));
}

static gboolean
export_chart (AtlasTypeBreakdown *breakdown,
              const char         *path,
              int                *status)
{
  g_autoptr(AtlasTypeChart) chart = atlas_type_chart_new (breakdown);
  g_autoptr(GError) error = NULL;

  if (atlas_type_chart_export (chart, path, 150, &error))
    return TRUE;

  *status = cli_fail (CLI_EXIT_DATA, "%s", error->message);
  return FALSE;
}

/**
 * cli_by_type:
 * @argc: the argument count
 * @argv: "by-type", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_by_type (int    argc,
             char **argv)
{
  gboolean json = FALSE, series = FALSE;
  g_autofree char *indicator_id = NULL;
  g_autofree char *category_id = NULL;
  g_autofree char *region_code = NULL;
  g_autofree char *output = NULL;
  int year = 0, type_year = 0;
  const GOptionEntry entries[] = {
    { "indicator", 'i', 0, G_OPTION_ARG_STRING, &indicator_id, N_("The indicator"), N_("ID") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region_code, N_("Riket, a län or a kommun (default: riket)"), N_("CODE") },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category_id, N_("The category indicator (default: the package’s only one)"), N_("ID") },
    { "type-year", 0, 0, G_OPTION_ARG_INT, &type_year, N_("Group the areas by their types of this year"), N_("YEAR") },
    { "series", 0, 0, G_OPTION_ARG_NONE, &series, N_("Add the breakdown of every year (JSON)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also export the chart as a figure (.pdf, .svg or .png)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasTypeBreakdown) breakdown = NULL;
  g_autoptr(GPtrArray) all_years = NULL;
  g_autoptr(GError) error = NULL;
  AtlasIndicator *indicator, *category = NULL;
  AtlasArea *region;
  int status;

  status = cli_parse_options ("by-type", N_("PACKAGE"),
                              _("Break an indicator down by area type (områdestyp) for one year "
                                "inside riket, a län or a kommun: per type the number of areas, "
                                "their weight and the indicator by its own aggregation rule."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  if ((dataset = cli_open_dataset (argv[1], &status)) == NULL ||
      (indicator = cli_lookup_indicator (dataset, indicator_id, &status)) == NULL ||
      (category_id != NULL && (category = cli_lookup_indicator (dataset, category_id, &status)) == NULL) ||
      !cli_check_year (dataset, year, &status) ||
      (region = cli_lookup_region (dataset, region_code, &status)) == NULL)
    return status;

  breakdown = atlas_type_breakdown_new (dataset, indicator, category, region, (guint) year,
                                        (guint) MAX (type_year, 0), &error);
  if (breakdown != NULL && series)
    all_years = atlas_type_breakdown_new_series (dataset, indicator, category, region,
                                                 (guint) MAX (type_year, 0), &error);
  if (breakdown == NULL || (series && all_years == NULL))
    return cli_analysis_fail (error);

  if (output != NULL && !export_chart (breakdown, output, &status))
    return status;
  if (json)
    print_json (breakdown, all_years);
  else
    print_text (breakdown);
  return CLI_EXIT_OK;
}
