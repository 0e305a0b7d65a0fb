/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-analysis.h"

/* types-history: area types over the years, and the areas that changed. */

static void
add_years_json (JsonBuilder      *builder,
                AtlasTypeHistory *history)
{
  json_builder_set_member_name (builder, "years");
  json_builder_begin_array (builder);
  for (guint y = 0; y < atlas_type_history_get_n_years (history); y++)
    {
      AtlasTypeBreakdown *breakdown = atlas_type_history_get_breakdown (history, y);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, atlas_type_history_get_year (history, y));
      json_builder_set_member_name (builder, "types");
      json_builder_begin_array (builder);
      for (guint c = 0; c < atlas_type_breakdown_get_n_types (breakdown); c++)
        {
          const AtlasTypeStat *stat = atlas_type_breakdown_get_stat (breakdown, c);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_int_value (builder, stat->category->code);
          cli_json_add_string (builder, "label", atlas_text_get (&stat->category->label, NULL));
          json_builder_set_member_name (builder, "areas");
          json_builder_add_int_value (builder, stat->n_areas);
          cli_json_add_number (builder, "residents", atlas_type_history_get_population (history) != NULL
                                                     ? stat->value : NAN);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "areas_without_type");
      json_builder_add_int_value (builder, atlas_type_breakdown_get_n_untyped (breakdown));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_areas_json (JsonBuilder      *builder,
                AtlasTypeHistory *history)
{
  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_type_history_get_n_areas (history); i++)
    {
      AtlasArea *area = atlas_type_history_get_area (history, i);
      g_autofree char *name = cli_area_name (area);

      json_builder_begin_object (builder);
      cli_json_add_string (builder, "code", atlas_area_get_code (area));
      cli_json_add_string (builder, "name", name);
      json_builder_set_member_name (builder, "types");
      json_builder_begin_object (builder);
      for (guint y = 0; y < atlas_type_history_get_n_years (history); y++)
        {
          g_autofree char *year = g_strdup_printf ("%u", atlas_type_history_get_year (history, y));
          int type = atlas_type_history_get_area_type (history, i, y);

          json_builder_set_member_name (builder, year);
          if (type < 0)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, type);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_changes_json (JsonBuilder *builder,
                  GArray      *changes)
{
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const AtlasTypeChange *change = &g_array_index (changes, AtlasTypeChange, i);
      g_autofree char *name = cli_area_name (change->area);

      json_builder_begin_object (builder);
      cli_json_add_string (builder, "code", atlas_area_get_code (change->area));
      cli_json_add_string (builder, "name", name);
      json_builder_set_member_name (builder, "from");
      json_builder_add_int_value (builder, change->from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_int_value (builder, change->to);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json (AtlasDataset     *dataset,
            AtlasTypeHistory *history,
            GArray           *changes,
            guint             from,
            guint             to)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cli_json_add_package (builder, dataset);
  cli_json_add_indicator (builder, "category", atlas_type_history_get_category (history));
  cli_json_add_indicator (builder, "population", atlas_type_history_get_population (history));
  cli_json_add_string (builder, "level", atlas_division_get_id (atlas_type_history_get_division (history)));
  cli_json_add_string (builder, "level_version", atlas_division_get_version (atlas_type_history_get_division (history)));
  cli_json_add_area (builder, "region", atlas_type_history_get_region (history));
  cli_json_add_string (builder, "caveat", atlas_type_history_get_caveat ());
  cli_json_add_demonstration (builder, atlas_type_history_is_demonstration (history));
  add_years_json (builder, history);
  json_builder_set_member_name (builder, "from");
  json_builder_add_int_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_int_value (builder, to);
  add_changes_json (builder, changes);
  add_areas_json (builder, history);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static void
print_year_text (AtlasTypeHistory *history,
                 guint             y)
{
  AtlasTypeBreakdown *breakdown = atlas_type_history_get_breakdown (history, y);
  AtlasIndicator *population = atlas_type_history_get_population (history);

  printf ("  %u:", atlas_type_history_get_year (history, y));
  for (guint c = 0; c < atlas_type_breakdown_get_n_types (breakdown); c++)
    {
      const AtlasTypeStat *stat = atlas_type_breakdown_get_stat (breakdown, c);
      g_autofree char *residents = population != NULL
                                   ? atlas_indicator_format_value (population, stat->value, NULL)
                                   : g_strdup ("–");

      printf ("  %d: %u (%s)", stat->category->code, stat->n_areas, residents);
    }
  printf ("\n");
}

static void
print_text (AtlasDataset     *dataset,
            AtlasTypeHistory *history,
            GArray           *changes,
            guint             from,
            guint             to)
{
  AtlasIndicator *population = atlas_type_history_get_population (history);
  g_autofree char *region = cli_area_name (atlas_type_history_get_region (history));

  printf (_("%s of the areas of %s by year: type: areas (%s)\n"),
          atlas_indicator_get_name (atlas_type_history_get_category (history), NULL), region,
          population != NULL ? atlas_indicator_get_name (population, NULL) : "–");
  for (guint y = 0; y < atlas_type_history_get_n_years (history); y++)
    print_year_text (history, y);
  printf (_("Areas whose type changed %u–%u: %u\n"), from, to, changes != NULL ? changes->len : 0);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const AtlasTypeChange *change = &g_array_index (changes, AtlasTypeChange, i);
      g_autofree char *name = cli_area_name (change->area);
      g_autofree char *name_col = cli_pad (name, -40);

      printf ("  %-12s %s %d → %d\n", atlas_area_get_code (change->area), name_col,
              change->from, change->to);
    }
  printf (_("Caveat: %s\n"), atlas_type_history_get_caveat ());
  cli_print_definition (atlas_type_history_get_category (history));
  cli_print_provenance (dataset, atlas_type_history_is_demonstration (history));
}

/* --from and --to default to the first and last year with types. */
static gboolean
pick_years (AtlasTypeHistory *history,
            int              *from,
            int              *to,
            int              *status)
{
  guint n = atlas_type_history_get_n_years (history);

  if (*from == 0)
    *from = (int) atlas_type_history_get_year (history, 0);
  if (*to == 0)
    *to = (int) atlas_type_history_get_year (history, n - 1);
  for (guint y = 0; y < n; y++)
    for (guint z = 0; z < n; z++)
      if ((int) atlas_type_history_get_year (history, y) == *from &&
          (int) atlas_type_history_get_year (history, z) == *to)
        return TRUE;

  *status = cli_fail (CLI_EXIT_USAGE, _("Types exist for %u–%u only; choose --from and --to "
                                        "among those years"),
                      atlas_type_history_get_year (history, 0), atlas_type_history_get_year (history, n - 1));
  return FALSE;
}

/**
 * cli_types_history:
 * @argc: the argument count
 * @argv: "types-history", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_types_history (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  g_autofree char *category_id = NULL;
  g_autofree char *population_id = NULL;
  g_autofree char *region_code = NULL;
  g_autofree char *output = NULL;
  int from = 0, to = 0;
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region_code, N_("Riket, a län or a kommun (default: riket)"), N_("CODE") },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category_id, N_("The category indicator (default: the package’s only one)"), N_("ID") },
    { "population", 'p', 0, G_OPTION_ARG_STRING, &population_id, N_("The residents to count (default: the package’s population)"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_INT, &from, N_("First year of the comparison (default: the first with types)"), N_("YEAR") },
    { "to", 0, 0, G_OPTION_ARG_INT, &to, N_("Second year of the comparison (default: the last with types)"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also export a map of the areas whose type changed from --from to --to (.pdf, .svg or .png)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasTypeHistory) history = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  AtlasIndicator *category = NULL, *population = NULL;
  AtlasArea *region;
  int status;

  status = cli_parse_options ("types-history", N_("PACKAGE"),
                              _("Show the area types (områdestyp) of a region’s areas in every year "
                                "that has them, the areas and residents of each type, and the areas "
                                "whose type changed between two years."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  if ((dataset = cli_open_dataset (argv[1], &status)) == NULL ||
      (category_id != NULL && (category = cli_lookup_indicator (dataset, category_id, &status)) == NULL) ||
      (population_id != NULL && (population = cli_lookup_indicator (dataset, population_id, &status)) == NULL) ||
      (region = cli_lookup_region (dataset, region_code, &status)) == NULL)
    return status;

  history = atlas_type_history_new (dataset, category, region, population, &error);
  if (history == NULL)
    return cli_analysis_fail (error);
  if (!pick_years (history, &from, &to, &status))
    return status;
  changes = atlas_type_history_dup_changes (history, (guint) from, (guint) to);
  if (output != NULL)
    {
      g_autoptr(AtlasAnalysisMap) map = atlas_analysis_map_new_for_type_changes (dataset, history, (guint) from,
                                                                                 (guint) to, &error);

      if (map == NULL)
        return cli_analysis_fail (error);
      if (!atlas_analysis_map_export (map, output, 150, &error))
        return cli_fail (CLI_EXIT_DATA, "%s", error->message);
    }

  if (json)
    print_json (dataset, history, changes, (guint) from, (guint) to);
  else
    print_text (dataset, history, changes, (guint) from, (guint) to);
  return CLI_EXIT_OK;
}
