/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-common.h"

/* info and validate: what a package holds, and what is wrong with it. */

static void
add_division_json (JsonBuilder   *builder,
                   AtlasDivision *division)
{
  const char *lang = atlas_language ();

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "id", atlas_division_get_id (division));
  cli_json_add_string (builder, "name", atlas_division_get_name (division, lang));
  cli_json_add_string (builder, "version", atlas_division_get_version (division));
  json_builder_set_member_name (builder, "areas");
  json_builder_add_int_value (builder, atlas_division_get_n_areas (division));
  json_builder_end_object (builder);
}

static void
add_indicator_json (JsonBuilder    *builder,
                    AtlasIndicator *indicator)
{
  const char *lang = atlas_language ();

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "id", atlas_indicator_get_id (indicator));
  cli_json_add_string (builder, "name", atlas_indicator_get_name (indicator, lang));
  cli_json_add_string (builder, "unit", atlas_unit_to_nick (atlas_indicator_get_unit (indicator)));
  cli_json_add_string (builder, "theme", atlas_indicator_get_theme_id (indicator));
  cli_json_add_string (builder, "kind",
                       atlas_indicator_get_kind (indicator) == ATLAS_INDICATOR_KIND_BACKGROUND
                       ? "background" : "indicator");
  cli_json_add_string (builder, "aggregation",
                       atlas_aggregation_to_nick (atlas_indicator_get_aggregation (indicator)));
  cli_json_add_string (builder, "polarity",
                       atlas_polarity_to_nick (atlas_indicator_get_polarity (indicator)));
  json_builder_set_member_name (builder, "decimals");
  json_builder_add_int_value (builder, atlas_indicator_get_decimals (indicator));
  json_builder_set_member_name (builder, "demonstration");
  json_builder_add_boolean_value (builder, atlas_indicator_is_demonstration (indicator));
  json_builder_end_object (builder);
}

static void
add_sources_json (JsonBuilder  *builder,
                  AtlasDataset *dataset)
{
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_dataset_get_n_sources (dataset); i++)
    {
      const AtlasSource *source = atlas_dataset_get_source (dataset, i);

      json_builder_begin_object (builder);
      cli_json_add_string (builder, "id", source->id);
      cli_json_add_string (builder, "name", source->name);
      cli_json_add_string (builder, "licence", source->licence);
      cli_json_add_string (builder, "url", source->url);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_model_json (JsonBuilder *builder,
                const char  *name,
                GListModel  *model,
                void       (*add_item) (JsonBuilder *, gpointer))
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      add_item (builder, item);
    }
  json_builder_end_array (builder);
}

/* What the app opens the package with, as core chooses it. */
static void
add_start_json (JsonBuilder  *builder,
                AtlasDataset *dataset)
{
  AtlasDivision *division = NULL;
  AtlasIndicator *indicator = NULL;
  guint year = 0;
  g_autofree char *note = NULL;

  atlas_dataset_choose_start (dataset, &division, &indicator, &year);
  note = atlas_dataset_dup_start_note (dataset, division, indicator);
  json_builder_set_member_name (builder, "start");
  json_builder_begin_object (builder);
  cli_json_add_string (builder, "level", division != NULL ? atlas_division_get_id (division) : NULL);
  cli_json_add_string (builder, "indicator", indicator != NULL ? atlas_indicator_get_id (indicator) : NULL);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  cli_json_add_string (builder, "note", note);
  json_builder_end_object (builder);
}

static void
print_start_text (AtlasDataset *dataset)
{
  AtlasDivision *division = NULL;
  AtlasIndicator *indicator = NULL;
  guint year = 0;
  g_autofree char *note = NULL;

  atlas_dataset_choose_start (dataset, &division, &indicator, &year);
  if (division == NULL || indicator == NULL)
    return;
  note = atlas_dataset_dup_start_note (dataset, division, indicator);
  printf (_("Opens with: %s, %s %u\n"), atlas_indicator_get_id (indicator), atlas_division_get_id (division), year);
  if (note != NULL)
    printf ("  %s\n", note);
}

static void
print_info_json (AtlasDataset *dataset)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "id", atlas_dataset_get_id (dataset));
  cli_json_add_string (builder, "title", atlas_dataset_get_title (dataset, atlas_language ()));
  cli_json_add_string (builder, "version", atlas_dataset_get_version (dataset));
  cli_json_add_string (builder, "publisher", atlas_dataset_get_publisher (dataset));
  cli_json_add_string (builder, "licence", atlas_dataset_get_licence (dataset));
  cli_json_add_string (builder, "date", atlas_dataset_get_date (dataset));
  add_sources_json (builder, dataset);
  json_builder_set_member_name (builder, "years");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_years; i++)
    json_builder_add_int_value (builder, years[i]);
  json_builder_end_array (builder);
  add_model_json (builder, "divisions", atlas_dataset_get_divisions (dataset),
                  (void (*) (JsonBuilder *, gpointer)) add_division_json);
  add_model_json (builder, "indicators", atlas_dataset_get_indicators (dataset),
                  (void (*) (JsonBuilder *, gpointer)) add_indicator_json);
  add_start_json (builder, dataset);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static void
print_divisions_text (AtlasDataset *dataset)
{
  GListModel *divisions = atlas_dataset_get_divisions (dataset);
  const char *lang = atlas_language ();

  printf ("%s\n", _("Levels:"));
  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, i);
      const char *version = atlas_division_get_version (division);

      printf ("  %-10s %s%s%s%s, ", atlas_division_get_id (division),
              atlas_division_get_name (division, lang),
              version != NULL ? " (" : "", version != NULL ? version : "",
              version != NULL ? ")" : "");
      printf (g_dngettext (GETTEXT_PACKAGE, "%u area\n", "%u areas\n",
                           atlas_division_get_n_areas (division)),
              atlas_division_get_n_areas (division));
    }
}

static void
print_indicators_text (AtlasDataset *dataset)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);
  const char *lang = atlas_language ();

  printf ("%s\n", _("Indicators:"));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);
      const char *unit = atlas_indicator_get_unit_label (indicator, lang);
      g_autofree char *unit_text = unit != NULL && *unit != '\0' ? g_strdup_printf (" [%s]", unit) : g_strdup ("");

      printf ("  %-30s %s%s%s\n", atlas_indicator_get_id (indicator),
              atlas_indicator_get_name (indicator, lang), unit_text,
              atlas_dataset_indicator_is_demonstration (dataset, indicator) ? _(" (demonstration data)") : "");
    }
}

static void
print_info_text (AtlasDataset *dataset)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  printf ("%s (%s %s)\n", atlas_dataset_get_title (dataset, atlas_language ()),
          atlas_dataset_get_id (dataset), atlas_dataset_get_version (dataset));
  printf (_("Licence: %s\n"), atlas_dataset_get_licence (dataset));
  for (guint i = 0; i < atlas_dataset_get_n_sources (dataset); i++)
    printf (_("Source: %s\n"), atlas_dataset_get_source (dataset, i)->name);
  if (n_years > 0)
    printf (_("Years: %u–%u\n"), years[0], years[n_years - 1]);
  print_divisions_text (dataset);
  print_indicators_text (dataset);
  print_start_text (dataset);
}

/**
 * cli_info:
 * @argc: the argument count
 * @argv: "info", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_info (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  int status;

  status = cli_parse_options ("info", N_("PACKAGE"),
                              _("Show the title, levels, indicators and years of a package."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL)
    return status;

  if (json)
    print_info_json (dataset);
  else
    print_info_text (dataset);

  return CLI_EXIT_OK;
}

static void
print_problems_json (GPtrArray *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, problems->len == 0);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      cli_json_add_string (builder, "file", problem->file);
      cli_json_add_string (builder, "location", problem->location);
      cli_json_add_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

/* "FILE: LOCATION: MESSAGE"; problems of the whole package (no file) are
 * named by the package path. */
static void
print_problems_text (const char *path,
                     GPtrArray  *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const AtlasProblem *problem = g_ptr_array_index (problems, i);
      const char *file = problem->file != NULL ? problem->file : path;

      if (problem->location != NULL)
        printf ("%s: %s: %s\n", file, problem->location, problem->message);
      else
        printf ("%s: %s\n", file, problem->message);
    }
}

/* For a valid package: "valid: N divisions, M indicators, K years". */
static int
print_valid (const char *path,
             gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load (path, NULL, &error);
  GPtrArray *notes;
  guint n_years;

  if (dataset == NULL)
    return cli_fail (CLI_EXIT_DATA, _("The package “%s” passed validation but cannot be opened: %s"),
                     path, error->message);

  if (json)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      print_problems_json (none);
      return CLI_EXIT_OK;
    }

  notes = atlas_dataset_get_notes (dataset);
  for (guint i = 0; i < notes->len; i++)
    {
      const AtlasProblem *note = g_ptr_array_index (notes, i);
      printf (_("note: %s: %s\n"), note->file != NULL ? note->file : path, note->message);
    }

  atlas_dataset_get_years (dataset, &n_years);
  printf (_("valid: %u divisions, %u indicators, %u years\n"),
          g_list_model_get_n_items (atlas_dataset_get_divisions (dataset)),
          g_list_model_get_n_items (atlas_dataset_get_indicators (dataset)),
          n_years);
  return CLI_EXIT_OK;
}

/**
 * cli_validate:
 * @argc: the argument count
 * @argv: "validate", options, PACKAGE
 *
 * Returns: 0 for a valid package, 1 when it has problems (all printed)
 */
int
cli_validate (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;
  int status;

  status = cli_parse_options ("validate", N_("PACKAGE"),
                              _("Check a package and list every problem, one per line: "
                                "FILE: LOCATION: MESSAGE."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  /* A missing directory is reported by validation itself, as a problem
   * of the package, unless the argument names a packaged dataset. */
  path = g_file_test (argv[1], G_FILE_TEST_EXISTS) || strchr (argv[1], G_DIR_SEPARATOR) != NULL
         ? g_strdup (argv[1])
         : g_build_filename (atlas_get_data_dir (), "datasets", argv[1], NULL);

  problems = atlas_dataset_validate (path, NULL);
  if (problems->len == 0)
    return print_valid (path, json);

  if (json)
    print_problems_json (problems);
  else
    print_problems_text (path, problems);

  return CLI_EXIT_DATA;
}
