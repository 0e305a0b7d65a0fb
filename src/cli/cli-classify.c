/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-common.h"

/* classify: the class breaks the app draws with, from the same function
 * (atlas_class_breaks_for_dataset), and how many areas fall in each class. */

typedef struct
{
  AtlasDataset     *dataset;
  AtlasIndicator   *indicator;
  AtlasDivision    *division;
  guint             year;
  guint             since;     /* a change map from this year; 0: none */
  double           *changes;   /* the changes classified, when since */
  gboolean          pooled;
  AtlasClassMethod  method;
  guint             requested;
  AtlasClassBreaks *breaks;
  gsize             counts[ATLAS_CLASS_MAX];
  gsize             missing;
  const gboolean   *shown;   /* --filter: the areas counted; NULL: all */
} Result;

static void
add_double_array (JsonBuilder  *builder,
                  const char   *name,
                  const double *values,
                  guint         n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    cli_json_number (builder, values[i]);
  json_builder_end_array (builder);
}

/* The legend's labels of the year, as the map and figures show them, and
 * the note when fewer classes than asked for were possible. */
static const double *
classified_values (const Result *r)
{
  if (r->since != 0)
    return r->changes;
  return atlas_dataset_peek_values (r->dataset, r->indicator, r->year, r->division);
}

static void
add_labels (JsonBuilder  *builder,
            const Result *r)
{
  const double *values = classified_values (r);
  guint n = atlas_division_get_n_areas (r->division);
  g_auto(GStrv) labels = r->since != 0
    ? atlas_class_breaks_dup_change_labels (r->breaks, r->indicator, values, n, NULL)
    : atlas_class_breaks_dup_labels (r->breaks, r->indicator, values, n, NULL);
  g_autofree char *shortfall = atlas_class_breaks_dup_shortfall (r->breaks, NULL);

  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; labels[i] != NULL; i++)
    cli_json_string (builder, labels[i]);
  json_builder_end_array (builder);
  cli_json_add_string (builder, "shortfall", shortfall);
  cli_json_add_string (builder, "method_note", atlas_class_breaks_method_note (r->breaks, NULL));
}

/* A change map: from which year, in what unit, which way is better. */
static void
add_change (JsonBuilder  *builder,
            const Result *r)
{
  g_autofree char *title = NULL;

  if (r->since == 0)
    return;
  title = atlas_change_dup_title (r->indicator, r->since, r->year, NULL);
  json_builder_set_member_name (builder, "since");
  json_builder_add_int_value (builder, r->since);
  cli_json_add_string (builder, "change", title);
  cli_json_add_string (builder, "change_unit",
                       atlas_change_unit_for_indicator (r->indicator) == ATLAS_CHANGE_PERCENTAGE_POINTS
                       ? "percentage-points" : "absolute");
  cli_json_add_string (builder, "change_direction", atlas_change_describe_direction (r->indicator, NULL));
  json_builder_set_member_name (builder, "centred");
  json_builder_add_boolean_value (builder, atlas_class_breaks_is_centred (r->breaks));
}

static void
print_json (const Result *r)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_breaks;
  const double *breaks = atlas_class_breaks_get_breaks (r->breaks, &n_breaks);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "indicator", atlas_indicator_get_id (r->indicator));
  cli_json_add_string (builder, "level", atlas_division_get_id (r->division));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, r->year);
  cli_json_add_string (builder, "method", atlas_class_method_to_nick (r->method));
  /* the classes made, which may be fewer than asked for */
  json_builder_set_member_name (builder, "classes");
  json_builder_add_int_value (builder, atlas_class_breaks_get_n_classes (r->breaks));
  json_builder_set_member_name (builder, "requested_classes");
  json_builder_add_int_value (builder, r->requested);
  json_builder_set_member_name (builder, "pooled");
  json_builder_add_boolean_value (builder, r->pooled);
  add_double_array (builder, "breaks", breaks, n_breaks);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_array (builder);
  for (guint i = 0; i <= n_breaks; i++)
    json_builder_add_int_value (builder, r->counts[i]);
  json_builder_end_array (builder);
  cli_json_add_number (builder, "min", atlas_class_breaks_get_min (r->breaks));
  cli_json_add_number (builder, "max", atlas_class_breaks_get_max (r->breaks));
  add_labels (builder, r);
  add_change (builder, r);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, r->missing);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

/* "≤ 12345", "> 12345 – ≤ 23456", "> 23456" */
static char *
describe_class (const double *breaks,
                guint         n_breaks,
                guint         index)
{
  g_autofree char *lower = index > 0 ? cli_format_number (breaks[index - 1]) : NULL;
  g_autofree char *upper = index < n_breaks ? cli_format_number (breaks[index]) : NULL;

  if (lower == NULL && upper == NULL)
    return g_strdup (_("all values"));
  if (lower == NULL)
    return g_strdup_printf ("≤ %s", upper);
  if (upper == NULL)
    return g_strdup_printf ("> %s", lower);

  return g_strdup_printf ("> %s – ≤ %s", lower, upper);
}

static void
print_text (const Result *r)
{
  guint n_breaks;
  const double *breaks = atlas_class_breaks_get_breaks (r->breaks, &n_breaks);
  g_autofree char *min = cli_format_number (atlas_class_breaks_get_min (r->breaks));
  g_autofree char *max = cli_format_number (atlas_class_breaks_get_max (r->breaks));
  g_autofree char *shortfall = atlas_class_breaks_dup_shortfall (r->breaks, NULL);

  if (r->since != 0)
    {
      g_autofree char *title = atlas_change_dup_title (r->indicator, r->since, r->year, NULL);

      printf ("%s, %s: %s, ", atlas_indicator_get_id (r->indicator),
              atlas_division_get_id (r->division), title);
      printf (_("centred on zero, "));
    }
  else
    printf ("%s, %s, %u: %s, ", atlas_indicator_get_id (r->indicator),
            atlas_division_get_id (r->division), r->year,
            atlas_class_method_describe (r->method));
  printf (g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes", n_breaks + 1), n_breaks + 1);
  printf ("%s\n", r->pooled ? _(" (breaks over all years)") : "");
  if (shortfall != NULL)
    printf ("%s\n", shortfall);
  if (atlas_class_breaks_method_note (r->breaks, NULL) != NULL)
    printf ("%s\n", atlas_class_breaks_method_note (r->breaks, NULL));
  if (r->since != 0)
    printf ("%s\n", atlas_change_describe_direction (r->indicator, NULL));

  for (guint i = 0; i <= n_breaks; i++)
    {
      g_autofree char *range = describe_class (breaks, n_breaks, i);

      printf (g_dngettext (GETTEXT_PACKAGE, "class %u: %s: %lu area\n", "class %u: %s: %lu areas\n", r->counts[i]),
              i + 1, range, (unsigned long) r->counts[i]);
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "missing: %lu area\n", "missing: %lu areas\n", r->missing),
          (unsigned long) r->missing);
  printf (_("minimum %s, maximum %s\n"), min, max);
}

static int
parse_method (const char       *nick,
              AtlasClassMethod *method)
{
  if (nick == NULL)
    {
      *method = ATLAS_CLASS_METHOD_QUANTILE;
      return CLI_CONTINUE;
    }
  if (atlas_class_method_from_nick (nick, method) && *method != ATLAS_CLASS_METHOD_MANUAL)
    return CLI_CONTINUE;

  return cli_fail (CLI_EXIT_USAGE,
                   _("Unknown method “%s”; the methods are quantile, equal, jenks, stddev, box, box3 and percentile"),
                   nick);
}

static int
check_classes (int classes)
{
  if (classes >= ATLAS_CLASS_MIN && classes <= ATLAS_CLASS_MAX)
    return CLI_CONTINUE;

  return cli_fail (CLI_EXIT_USAGE, _("Cannot make %d classes; --classes must be from %d to %d"),
                   classes, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX);
}

static int
compute (AtlasDataset *dataset,
         Result       *r)
{
  g_autoptr(GError) error = NULL;
  const double *values;

  r->dataset = dataset;
  if (r->since != 0)
    {
      r->changes = atlas_change_compute (dataset, r->indicator, r->division, r->since, r->year, &error);
      if (r->changes != NULL)
        r->breaks = atlas_change_compute_breaks (r->indicator, r->division, r->changes, r->requested,
                                                 r->since, r->year, &error);
    }
  else
    r->breaks = atlas_class_breaks_for_dataset (dataset, r->indicator, r->division, r->year,
                                                r->pooled, r->method, r->requested, &error);
  if (r->breaks == NULL)
    return cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);

  r->requested = atlas_class_breaks_get_n_requested (r->breaks);
  values = classified_values (r);
  /* The breaks are those of every area, as the map's; a filter changes
   * only which areas are counted. */
  r->missing = atlas_class_breaks_count_included (r->breaks, values, r->shown,
                                                  atlas_division_get_n_areas (r->division), r->counts);
  return CLI_CONTINUE;
}

/**
 * cli_classify:
 * @argc: the argument count
 * @argv: "classify", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_classify (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  gboolean pooled = FALSE;
  g_autofree char *indicator_id = NULL;
  g_autofree char *level = NULL;
  g_autofree char *method = NULL;
  g_autofree char *filter_text = NULL;
  g_autoptr(AtlasAreaFilter) filter = NULL;
  g_autofree gboolean *shown = NULL;
  int year = 0;
  int since = 0;
  int classes = 5;
  const GOptionEntry entries[] = {
    { "indicator", 'i', 0, G_OPTION_ARG_STRING, &indicator_id, N_("The indicator"), N_("ID") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("The level (lan, kommun…)"), N_("LEVEL") },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method,
      N_("quantile, equal, jenks, stddev, box, box3 or percentile (default: quantile)"), N_("METHOD") },
    { "classes", 'n', 0, G_OPTION_ARG_INT, &classes, N_("Number of classes, 3 to 9 (default: 5)"), N_("N") },
    { "since", 0, 0, G_OPTION_ARG_INT, &since,
      N_("Classify the change from this year to --year, centred on zero"), N_("YEAR") },
    { "pooled", 0, 0, G_OPTION_ARG_NONE, &pooled,
      N_("Compute the breaks over every year of the package"), NULL },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter_text, N_("Count only areas of these types, such as omradestyp=1,2,3"), N_("CATEGORY=CODES") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  Result r = { 0 };
  int status;

  status = cli_parse_options ("classify", N_("PACKAGE"),
                              _("Compute class breaks exactly as the map does, and count "
                                "the areas in each class."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE ||
      (status = parse_method (method, &r.method)) != CLI_CONTINUE ||
      (status = check_classes (classes)) != CLI_CONTINUE)
    return status;

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL)
    return status;

  if ((r.indicator = cli_lookup_indicator (dataset, indicator_id, &status)) == NULL ||
      (r.division = cli_lookup_division (dataset, level, &status)) == NULL ||
      !cli_check_year (dataset, year, &status))
    return status;
  if (since != 0 && method != NULL)
    return cli_fail (CLI_EXIT_USAGE, _("--method does not apply with --since: change maps are classified "
                                       "symmetrically around zero"));
  if (since != 0 && !cli_check_year (dataset, since, &status))
    return status;
  r.year = (guint) year;
  r.since = (guint) since;
  r.pooled = pooled && since == 0;
  if (!cli_lookup_filter (dataset, filter_text, r.division, r.year, &filter, &shown, &status))
    return status;
  r.shown = shown;
  r.requested = (guint) classes;

  status = compute (dataset, &r);
  if (status != CLI_CONTINUE)
    {
      g_free (r.changes);
      return status;
    }

  if (json)
    print_json (&r);
  else
    print_text (&r);

  atlas_class_breaks_unref (r.breaks);
  g_free (r.changes);
  return CLI_EXIT_OK;
}
