/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-common.h"

/* values: one indicator for one year at one level, as CSV or JSON. */

typedef struct
{
  AtlasDataset   *dataset;
  AtlasIndicator *indicator;
  AtlasDivision  *division;
  guint           year;
  guint           since;   /* adds the change from this year; 0: none */
  AtlasAreaFilter *filter;  /* --filter, or NULL */
  const gboolean *shown;    /* per area: shown by the filter; NULL: all */
  gboolean        rank;
} Query;

/* The change since query->since, with why it is missing ("2020: …"). */
static double
query_change (const Query *query,
              AtlasArea   *area,
              char       **why)
{
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  guint missing_year = 0;
  double change = NAN;

  *why = NULL;
  if (!atlas_change_get (query->dataset, query->indicator, area, query->since, query->year,
                         &change, &reason, &missing_year))
    *why = g_strdup_printf ("%u: %s", missing_year, atlas_missing_reason_describe (reason));
  return change;
}

/* The stated name, else a name made from the code (DeSO have none). */
static char *
area_name (AtlasArea *area)
{
  const char *name = atlas_area_get_name (area);

  return name != NULL ? g_strdup (name) : atlas_area_dup_display_name (area);
}

/* --rank: among the areas of the level the filter shows, "1" … */
static void
rank_of (const Query *query,
         AtlasArea   *area,
         AtlasRank   *rank)
{
  if (!atlas_rank_area_filtered (query->dataset, query->indicator, query->year, area, NULL,
                                 query->filter, rank))
    *rank = (AtlasRank) { 0, 0, 0 };
}

static void
print_csv_row (const Query *query,
               AtlasArea   *area)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *name = area_name (area);
  g_autofree char *year = g_strdup_printf ("%u", query->year);
  g_autofree char *text = NULL;
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  AtlasValueSource source;
  double value = NAN;

  source = atlas_dataset_get_value (query->dataset, query->indicator, query->year, area,
                                    &value, &reason);
  if (source == ATLAS_VALUE_MISSING)
    value = NAN;
  text = cli_format_value (value, atlas_indicator_get_decimals (query->indicator));

  cli_csv_append_field (line, atlas_area_get_code (area), FALSE);
  cli_csv_append_field (line, name, FALSE);
  cli_csv_append_field (line, atlas_division_get_id (query->division), FALSE);
  cli_csv_append_field (line, year, FALSE);
  cli_csv_append_field (line, text, FALSE);
  cli_csv_append_field (line, isnan (value) ? atlas_missing_reason_describe (reason) : "", FALSE);
  cli_csv_append_field (line, atlas_dataset_value_is_demonstration (query->dataset, query->indicator,
                                                                    source) ? "true" : "false",
                        query->since == 0 && !query->rank);
  if (query->since != 0)
    {
      g_autofree char *why = NULL;
      double change = query_change (query, area, &why);
      g_autofree char *change_text = cli_format_value (change, atlas_indicator_get_decimals (query->indicator));

      cli_csv_append_field (line, change_text, FALSE);
      cli_csv_append_field (line, why != NULL ? why : "", !query->rank);
    }
  if (query->rank)
    {
      AtlasRank rank;
      g_autofree char *position = NULL;
      g_autofree char *of = NULL;

      rank_of (query, area, &rank);
      position = rank.rank > 0 ? g_strdup_printf ("%u", rank.rank) : g_strdup ("");
      of = rank.rank > 0 ? g_strdup_printf ("%u", rank.n_ranked) : g_strdup ("");
      cli_csv_append_field (line, position, FALSE);
      cli_csv_append_field (line, of, TRUE);
    }
  fputs (line->str, stdout);
}

static void
add_json_row (JsonBuilder *builder,
              const Query *query,
              AtlasArea   *area)
{
  g_autofree char *name = area_name (area);
  AtlasMissingReason reason = ATLAS_MISSING_NONE;
  double value = NAN;
  AtlasValueSource source;
  gboolean missing;

  source = atlas_dataset_get_value (query->dataset, query->indicator, query->year, area,
                                    &value, &reason);
  missing = source == ATLAS_VALUE_MISSING;
  json_builder_begin_object (builder);
  cli_json_add_string (builder, "area_code", atlas_area_get_code (area));
  cli_json_add_string (builder, "area_name", name);
  cli_json_add_string (builder, "level", atlas_division_get_id (query->division));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, query->year);
  cli_json_add_number (builder, "value", missing ? NAN : value);
  cli_json_add_string (builder, "missing_reason", missing ? atlas_missing_reason_describe (reason) : "");
  cli_json_add_string (builder, "missing_reason_id", missing ? atlas_missing_reason_to_nick (reason) : NULL);
  cli_json_add_string (builder, "source", atlas_value_source_to_nick (source));
  json_builder_set_member_name (builder, "demonstration");
  json_builder_add_boolean_value (builder, atlas_dataset_value_is_demonstration (query->dataset,
                                                                                query->indicator,
                                                                                source));
  if (query->since != 0)
    {
      g_autofree char *why = NULL;
      double change = query_change (query, area, &why);

      json_builder_set_member_name (builder, "since");
      json_builder_add_int_value (builder, query->since);
      cli_json_add_number (builder, "change", change);
      cli_json_add_string (builder, "change_unit",
                           atlas_change_unit_for_indicator (query->indicator) == ATLAS_CHANGE_PERCENTAGE_POINTS
                           ? "percentage-points" : "absolute");
      cli_json_add_string (builder, "change_missing_reason", why);
    }
  if (query->rank)
    {
      AtlasRank rank;

      rank_of (query, area, &rank);
      cli_json_add_number (builder, "rank", rank.rank > 0 ? rank.rank : NAN);
      cli_json_add_number (builder, "n_ranked", rank.rank > 0 ? rank.n_ranked : NAN);
    }
  json_builder_end_object (builder);
}

static void
print_values (const Query *query,
              AtlasArea   *only,
              gboolean     json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = atlas_division_get_n_areas (query->division);

  if (!json)
    {
      g_autoptr(GString) header = g_string_new ("area_code,area_name,level,year,value,missing_reason,demonstration");

      if (query->since != 0)
        g_string_append (header, ",change,change_missing_reason");
      if (query->rank)
        g_string_append (header, ",rank,n_ranked");
      g_string_append_c (header, '\n');
      fputs (header->str, stdout);
    }
  else
    json_builder_begin_array (builder);

  for (guint i = 0; i < n; i++)
    {
      AtlasArea *area = atlas_division_get_area (query->division, i);

      if ((only != NULL && area != only) || (query->shown != NULL && !query->shown[i]))
        continue;
      if (json)
        add_json_row (builder, query, area);
      else
        print_csv_row (query, area);
    }

  if (json)
    {
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
}

/* The area of --area, which must be at the chosen level. */
static AtlasArea *
lookup_area (const Query *query,
             const char  *code,
             int         *status)
{
  AtlasArea *area = atlas_division_lookup_area (query->division, code);
  AtlasArea *elsewhere;

  if (area != NULL)
    return area;

  elsewhere = atlas_dataset_lookup_area (query->dataset, code);
  if (elsewhere != NULL)
    *status = cli_fail (CLI_EXIT_USAGE,
                        _("The area “%s” is at the level “%s”, not “%s”; "
                          "use --level %s"),
                        code, atlas_division_get_id (atlas_area_get_division (elsewhere)),
                        atlas_division_get_id (query->division),
                        atlas_division_get_id (atlas_area_get_division (elsewhere)));
  else
    *status = cli_fail (CLI_EXIT_USAGE,
                        _("No area has the code “%s” in “%s”; leave out --area to list "
                          "every area of the level “%s”"),
                        code, atlas_dataset_get_id (query->dataset),
                        atlas_division_get_id (query->division));
  return NULL;
}

/**
 * cli_values:
 * @argc: the argument count
 * @argv: "values", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_values (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *indicator_id = NULL;
  g_autofree char *level = NULL;
  g_autofree char *area_code = NULL;
  g_autofree char *filter_text = NULL;
  gboolean rank = FALSE;
  int year = 0;
  int since = 0;
  const GOptionEntry entries[] = {
    { "indicator", 'i', 0, G_OPTION_ARG_STRING, &indicator_id, N_("The indicator"), N_("ID") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("The level (riket, lan, kommun…)"), N_("LEVEL") },
    { "area", 'a', 0, G_OPTION_ARG_STRING, &area_code, N_("Only this area of the level"), N_("CODE") },
    { "since", 0, 0, G_OPTION_ARG_INT, &since,
      N_("Add the change from this year to --year (percentage points for shares)"), N_("YEAR") },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter_text, N_("Only areas of these types, such as omradestyp=1,2,3 (omradestyp@2022=… for the types of another year)"), N_("CATEGORY=CODES") },
    { "rank", 0, 0, G_OPTION_ARG_NONE, &rank, N_("Add each area's rank among the areas listed (best first by the indicator's direction; highest first when neutral)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasAreaFilter) filter = NULL;
  g_autofree gboolean *shown = NULL;
  Query query = { 0 };
  AtlasArea *area = NULL;
  int status;

  status = cli_parse_options ("values", N_("PACKAGE"),
                              _("Print the values of an indicator for one year at one level, "
                                "as CSV: area_code, area_name, level, year, value, missing_reason, "
                                "demonstration (true for demonstration data, not real statistics); "
                                "with --since also change and change_missing_reason."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL)
    return status;

  query.dataset = dataset;
  if ((query.indicator = cli_lookup_indicator (dataset, indicator_id, &status)) == NULL ||
      (query.division = cli_lookup_division (dataset, level, &status)) == NULL ||
      !cli_check_year (dataset, year, &status))
    return status;
  query.year = (guint) year;
  if (since != 0)
    {
      if (!cli_check_year (dataset, since, &status))
        return status;
      if (!atlas_change_check (dataset, query.indicator, (guint) since, query.year, &error))
        return cli_fail (CLI_EXIT_USAGE, "%s", error->message);
      query.since = (guint) since;
    }
  query.rank = rank;

  if ((area_code != NULL && (area = lookup_area (&query, area_code, &status)) == NULL) ||
      !cli_lookup_filter (dataset, filter_text, query.division, query.year, &filter, &shown, &status))
    return status;
  query.filter = filter;
  query.shown = shown;

  print_values (&query, area, json);
  return CLI_EXIT_OK;
}
