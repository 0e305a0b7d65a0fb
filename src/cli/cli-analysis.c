/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/**
 * cli_lookup_region:
 * @dataset: a dataset
 * @code: (nullable): an area code from the command line, %NULL for riket
 * @status: (out): the exit status when there is no such area
 *
 * Returns: (transfer none) (nullable): the area
 */
AtlasArea *
cli_lookup_region (AtlasDataset *dataset,
                   const char   *code,
                   int          *status)
{
  AtlasArea *area = atlas_dataset_lookup_area (dataset, code != NULL ? code : "00");

  if (area == NULL)
    *status = cli_fail (CLI_EXIT_USAGE,
                        _("No area has the code “%s” in “%s”; give riket (00), a län or "
                          "a kommun code (see “platsatlas-cli values”)"),
                        code, atlas_dataset_get_id (dataset));
  return area;
}

/**
 * cli_lookup_indicator_list:
 * @dataset: a dataset
 * @ids: (nullable): comma-separated indicator ids, %NULL for none
 * @status: (out): the exit status when one is unknown
 *
 * Returns: (transfer full) (element-type AtlasIndicator) (nullable): the
 *   indicators, or %NULL when @ids is %NULL or on failure (see @status)
 */
GPtrArray *
cli_lookup_indicator_list (AtlasDataset *dataset,
                           const char   *ids,
                           int          *status)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) parts = NULL;

  *status = CLI_CONTINUE;
  if (ids == NULL)
    return NULL;

  parts = g_strsplit (ids, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AtlasIndicator *indicator = cli_lookup_indicator (dataset, g_strstrip (parts[i]), status);

      if (indicator == NULL)
        return NULL;
      g_ptr_array_add (list, g_object_ref (indicator));
    }

  return g_steal_pointer (&list);
}

/**
 * cli_area_name:
 * @area: an area
 *
 * Returns: (transfer full): the stated name, else one made from the code
 */
char *
cli_area_name (AtlasArea *area)
{
  const char *name = atlas_area_get_name (area);

  return name != NULL ? g_strdup (name) : atlas_area_dup_display_name (area);
}

void
cli_json_add_package (JsonBuilder  *builder,
                      AtlasDataset *dataset)
{
  cli_json_add_string (builder, "package", atlas_dataset_get_id (dataset));
  cli_json_add_string (builder, "package_title", atlas_dataset_get_title (dataset, NULL));
  cli_json_add_string (builder, "package_version", atlas_dataset_get_version (dataset));
  cli_json_add_string (builder, "licence", atlas_dataset_get_licence (dataset));
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_dataset_get_n_sources (dataset); i++)
    json_builder_add_string_value (builder, atlas_dataset_get_source (dataset, i)->name);
  json_builder_end_array (builder);
}

void
cli_json_add_indicator (JsonBuilder    *builder,
                        const char     *member,
                        AtlasIndicator *indicator)
{
  json_builder_set_member_name (builder, member);
  if (indicator == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "id", atlas_indicator_get_id (indicator));
  cli_json_add_string (builder, "name", atlas_indicator_get_name (indicator, NULL));
  cli_json_add_string (builder, "definition", atlas_indicator_get_definition (indicator, NULL));
  cli_json_add_string (builder, "unit", atlas_unit_to_nick (atlas_indicator_get_unit (indicator)));
  cli_json_add_string (builder, "source", atlas_indicator_get_source (indicator));
  cli_json_add_string (builder, "aggregation",
                       atlas_aggregation_to_nick (atlas_indicator_get_aggregation (indicator)));
  cli_json_add_string (builder, "polarity",
                       atlas_polarity_to_nick (atlas_indicator_get_polarity (indicator)));
  json_builder_set_member_name (builder, "demonstration");
  json_builder_add_boolean_value (builder, atlas_indicator_is_demonstration (indicator));
  json_builder_end_object (builder);
}

void
cli_json_add_area (JsonBuilder *builder,
                   const char  *member,
                   AtlasArea   *area)
{
  g_autofree char *name = cli_area_name (area);

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  cli_json_add_string (builder, "code", atlas_area_get_code (area));
  cli_json_add_string (builder, "name", name);
  cli_json_add_string (builder, "level", atlas_division_get_id (atlas_area_get_division (area)));
  json_builder_end_object (builder);
}

/* The note of the first division on the way up that covers only part of
 * its parent. */
static const char *
coverage_note (AtlasDivision *division)
{
  for (AtlasDivision *d = division; d != NULL; d = atlas_division_get_parent (d))
    if (!atlas_division_covers_parent (d))
      return atlas_division_get_coverage_note (d, NULL);

  return NULL;
}

void
cli_json_add_coverage (JsonBuilder   *builder,
                       AtlasDivision *division,
                       gboolean       complete)
{
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, complete);
  cli_json_add_string (builder, "coverage_note", complete ? NULL : coverage_note (division));
}

void
cli_print_coverage (AtlasDivision *division,
                    gboolean       complete)
{
  const char *note = coverage_note (division);

  if (complete)
    return;
  printf (_("The package holds only part of this region; only its areas are counted%s%s.\n"),
          note != NULL ? ": " : "", note != NULL ? note : "");
}

void
cli_json_add_demonstration (JsonBuilder *builder,
                            gboolean     demonstration)
{
  json_builder_set_member_name (builder, "demonstration");
  json_builder_add_boolean_value (builder, demonstration);
  cli_json_add_string (builder, "demonstration_note",
                       demonstration ? _("Demonstration data – not real statistics") : NULL);
}

/**
 * cli_print_provenance:
 * @dataset: a dataset
 * @demonstration: whether the output rests on demonstration values
 *
 * Ends a text output with the package, its sources and the mark.
 */
void
cli_print_provenance (AtlasDataset *dataset,
                      gboolean      demonstration)
{
  printf (_("Package: %s (%s %s)\n"), atlas_dataset_get_title (dataset, NULL),
          atlas_dataset_get_id (dataset), atlas_dataset_get_version (dataset));
  for (guint i = 0; i < atlas_dataset_get_n_sources (dataset); i++)
    printf (_("Source: %s\n"), atlas_dataset_get_source (dataset, i)->name);
  if (demonstration)
    printf ("%s\n", _("Demonstration data – not real statistics"));
}

/**
 * cli_print_definition:
 * @indicator: an indicator
 *
 * Prints "Name: definition (source)".
 */
void
cli_print_definition (AtlasIndicator *indicator)
{
  const char *definition = atlas_indicator_get_definition (indicator, NULL);

  printf (_("%s: %s (source: %s)\n"), atlas_indicator_get_name (indicator, NULL),
          definition != NULL ? definition : "", atlas_indicator_get_source (indicator));
}

/**
 * cli_analysis_fail:
 * @error: an error from an analysis
 *
 * Returns: the exit status: data errors for a package with nothing to
 *   analyse, usage errors for requests that do not fit it
 */
int
cli_analysis_fail (GError *error)
{
  gboolean no_data = g_error_matches (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_NO_DATA);

  return cli_fail (no_data ? CLI_EXIT_DATA : CLI_EXIT_USAGE, "%s", error->message);
}
