/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-common.h"

/* compare: two areas side by side, one row per indicator, from the same
 * AtlasComparison the comparison panel shows. */

typedef struct
{
  AtlasComparison *comparison;
  AtlasTheme      *theme;   /* only this theme, or NULL */
  gboolean         by_difference;
} Report;

/* --areas CODE_A,CODE_B */
static gboolean
lookup_areas (AtlasDataset  *dataset,
              const char    *codes,
              AtlasArea    **areas,
              int           *status)
{
  g_auto(GStrv) parts = codes != NULL ? g_strsplit (codes, ",", -1) : NULL;

  if (parts == NULL || g_strv_length (parts) != 2 || *parts[0] == '\0' || *parts[1] == '\0')
    {
      *status = cli_fail (CLI_EXIT_USAGE,
                          _("Give two area codes as --areas CODE_A,CODE_B "
                            "(for example --areas 0180,1480)"));
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      g_strstrip (parts[i]);
      areas[i] = atlas_dataset_lookup_area (dataset, parts[i]);
      if (areas[i] == NULL)
        {
          *status = cli_fail (CLI_EXIT_USAGE, _("No area has the code “%s” in “%s”"),
                              parts[i], atlas_dataset_get_id (dataset));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
lookup_theme (AtlasDataset  *dataset,
              const char    *id,
              AtlasTheme   **theme,
              int           *status)
{
  GListModel *themes = atlas_dataset_get_themes (dataset);
  g_autoptr(GString) known = g_string_new (NULL);

  *theme = NULL;
  if (id == NULL || (*theme = atlas_dataset_lookup_theme (dataset, id)) != NULL)
    return TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(AtlasTheme) item = g_list_model_get_item (themes, i);

      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", atlas_theme_get_id (item));
    }
  *status = cli_fail (CLI_EXIT_USAGE, _("Unknown theme “%s”; the themes of “%s” are: %s"),
                      id, atlas_dataset_get_id (dataset), known->str);
  return FALSE;
}

/* The rows to print: theme order, or largest difference first. */
static GListModel *
dup_rows (const Report *report)
{
  GListModel *all = report->by_difference
                    ? atlas_comparison_dup_rows_by_difference (report->comparison)
                    : g_object_ref (G_LIST_MODEL (report->comparison));
  GListStore *rows;

  if (report->theme == NULL)
    return all;

  rows = g_list_store_new (ATLAS_TYPE_COMPARISON_ROW);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (all, i);
      AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);

      if (g_strcmp0 (atlas_indicator_get_theme_id (indicator),
                     atlas_theme_get_id (report->theme)) == 0)
        g_list_store_append (rows, row);
    }
  g_object_unref (all);

  return G_LIST_MODEL (rows);
}

/* ---- JSON ---------------------------------------------------------- */

/* Why a value is missing; "no-area" where there is no such area. */
static const char *
missing_nick (AtlasValueSource   source,
              AtlasMissingReason reason)
{
  if (source != ATLAS_VALUE_MISSING)
    return NULL;
  return reason == ATLAS_MISSING_NONE ? "no-area" : atlas_missing_reason_to_nick (reason);
}

static void
add_area (JsonBuilder *builder,
          const char  *member,
          AtlasArea   *area)
{
  g_autofree char *name = NULL;

  json_builder_set_member_name (builder, member);
  if (area == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  name = atlas_area_dup_display_name (area);
  json_builder_begin_object (builder);
  cli_json_add_string (builder, "code", atlas_area_get_code (area));
  cli_json_add_string (builder, "name", name);
  cli_json_add_string (builder, "level", atlas_division_get_id (atlas_area_get_division (area)));
  json_builder_end_object (builder);
}

static void
add_side (JsonBuilder         *builder,
          AtlasComparisonRow  *row,
          AtlasComparisonSide  side)
{
  const char *prefix = side == ATLAS_COMPARISON_SIDE_A ? "a" : "b";
  g_autofree char *source_member = g_strconcat (prefix, "_source", NULL);
  g_autofree char *reason_member = g_strconcat (prefix, "_missing_reason", NULL);
  AtlasValueSource source;
  AtlasMissingReason reason;
  double value = atlas_comparison_row_get_value (row, side, &source, &reason);

  cli_json_add_number (builder, prefix, value);
  cli_json_add_string (builder, source_member, atlas_value_source_to_nick (source));
  cli_json_add_string (builder, reason_member, missing_nick (source, reason));
}

static void
add_since (JsonBuilder         *builder,
           AtlasComparison     *comparison,
           AtlasComparisonRow  *row,
           AtlasComparisonSide  side)
{
  gboolean a = side == ATLAS_COMPARISON_SIDE_A;
  gboolean since = atlas_comparison_get_since_year (comparison) != 0;
  AtlasValueSource source;
  AtlasMissingReason reason;

  cli_json_add_number (builder, a ? "a_since" : "b_since",
                       atlas_comparison_row_get_since_value (row, side, &source, &reason));
  cli_json_add_string (builder, a ? "a_since_missing_reason" : "b_since_missing_reason",
                       since ? missing_nick (source, reason) : NULL);
  cli_json_add_number (builder, a ? "change_a" : "change_b",
                       atlas_comparison_row_get_change (row, side));
  cli_json_add_number (builder, a ? "relative_change_a" : "relative_change_b",
                       atlas_comparison_row_get_relative_change (row, side));
}

static void
add_history (JsonBuilder         *builder,
             AtlasComparisonRow  *row,
             AtlasComparisonSide  side)
{
  GArray *history = atlas_comparison_row_get_history (row, side);

  json_builder_set_member_name (builder, side == ATLAS_COMPARISON_SIDE_A
                                         ? "a_history" : "b_history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      const AtlasCategoryYear *entry = &g_array_index (history, AtlasCategoryYear, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, entry->year);
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, entry->code);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* One member per level of the package ("kommun", "lan", "riket",
 * "b_kommun", "b_lan" in SCB's hierarchy), with the reason when missing. */
static void
add_references (JsonBuilder        *builder,
                AtlasComparison    *comparison,
                AtlasComparisonRow *row)
{
  for (guint i = 0; i < ATLAS_COMPARISON_N_REFERENCES; i++)
    {
      g_autofree char *key = atlas_comparison_dup_reference_key (comparison, i);
      g_autofree char *reason_key = NULL;
      AtlasValueSource source;
      AtlasMissingReason reason;
      double value;

      if (key == NULL)
        continue;
      value = atlas_comparison_row_get_reference (row, i, &source, &reason);
      reason_key = g_strconcat (key, "_missing_reason", NULL);
      cli_json_add_number (builder, key, value);
      cli_json_add_string (builder, reason_key, missing_nick (source, reason));
    }
}

static void
add_row (JsonBuilder        *builder,
         AtlasComparison    *comparison,
         AtlasComparisonRow *row)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "id", atlas_indicator_get_id (indicator));
  cli_json_add_string (builder, "name", atlas_indicator_get_name (indicator, NULL));
  cli_json_add_string (builder, "theme", atlas_indicator_get_theme_id (indicator));
  cli_json_add_string (builder, "unit", atlas_unit_to_nick (atlas_indicator_get_unit (indicator)));
  cli_json_add_string (builder, "source", atlas_indicator_get_source (indicator));
  json_builder_set_member_name (builder, "demonstration");
  json_builder_add_boolean_value (builder, atlas_comparison_row_is_demonstration (row));
  add_side (builder, row, ATLAS_COMPARISON_SIDE_A);
  add_side (builder, row, ATLAS_COMPARISON_SIDE_B);
  cli_json_add_number (builder, "difference", atlas_comparison_row_get_difference (row));
  cli_json_add_string (builder, "difference_unit", atlas_comparison_row_in_percentage_points (row)
                                                   ? "percentage-points"
                                                   : atlas_unit_to_nick (atlas_indicator_get_unit (indicator)));
  cli_json_add_number (builder, "relative_difference", atlas_comparison_row_get_relative_difference (row));
  cli_json_add_number (builder, "normalized_difference", atlas_comparison_row_get_normalized_difference (row));
  cli_json_add_string (builder, "better", atlas_comparison_better_to_nick (atlas_comparison_row_get_better (row)));
  add_references (builder, comparison, row);
  add_since (builder, comparison, row, ATLAS_COMPARISON_SIDE_A);
  add_since (builder, comparison, row, ATLAS_COMPARISON_SIDE_B);
  if (atlas_comparison_row_is_category (row))
    {
      add_history (builder, row, ATLAS_COMPARISON_SIDE_A);
      add_history (builder, row, ATLAS_COMPARISON_SIDE_B);
    }
  json_builder_end_object (builder);
}

static void
print_json (const Report *report)
{
  AtlasComparison *comparison = report->comparison;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListModel) rows = dup_rows (report);
  guint since = atlas_comparison_get_since_year (comparison);

  json_builder_begin_object (builder);
  cli_json_add_string (builder, "package", atlas_dataset_get_id (atlas_comparison_get_dataset (comparison)));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, atlas_comparison_get_year (comparison));
  json_builder_set_member_name (builder, "since");
  if (since == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, since);
  add_area (builder, "a", atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_A));
  add_area (builder, "b", atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_B));
  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AtlasComparisonRow) row = g_list_model_get_item (rows, i);

      add_row (builder, comparison, row);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

/* ---- Text ---------------------------------------------------------- */

#define EMPTY_CELL "–"

typedef struct
{
  GPtrArray *lines;  /* of GPtrArray of char*, the first being the header */
  GPtrArray *notes;  /* lines printed under the table */
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->lines, g_ptr_array_unref);
  g_clear_pointer (&table->notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static GPtrArray *
table_add_line (Table *table)
{
  GPtrArray *line = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (table->lines, line);
  return line;
}

static void
print_cell (const char *text,
            guint       width,
            gboolean    last)
{
  fputs (text, stdout);
  if (last)
    return;
  for (glong pad = (glong) width - g_utf8_strlen (text, -1) + 2; pad > 0; pad--)
    fputc (' ', stdout);
}

static void
table_print (const Table *table)
{
  GPtrArray *header = g_ptr_array_index (table->lines, 0);
  g_autofree guint *widths = g_new0 (guint, header->len);

  for (guint l = 0; l < table->lines->len; l++)
    {
      GPtrArray *line = g_ptr_array_index (table->lines, l);

      for (guint c = 0; c < line->len; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (g_ptr_array_index (line, c), -1));
    }
  for (guint l = 0; l < table->lines->len; l++)
    {
      GPtrArray *line = g_ptr_array_index (table->lines, l);

      for (guint c = 0; c < line->len; c++)
        print_cell (g_ptr_array_index (line, c), widths[c], c + 1 == line->len);
      fputc ('\n', stdout);
    }
  for (guint n = 0; n < table->notes->len; n++)
    printf ("%s\n", (const char *) g_ptr_array_index (table->notes, n));
}

/* The level's name as the package gives it ("Kommun", "Kommun (B)"). */
static char *
level_name (const Report             *report,
            AtlasComparisonReference  reference)
{
  AtlasDivision *level = atlas_comparison_get_reference_level (report->comparison, reference);
  const char *name = atlas_division_get_name (level, NULL);

  if (reference == ATLAS_COMPARISON_REFERENCE_B_KOMMUN || reference == ATLAS_COMPARISON_REFERENCE_B_LAN)
    return g_strdup_printf ("%s (B)", name);
  return g_strdup (name);
}

static void
add_header (const Report *report,
            Table        *table)
{
  GPtrArray *line = table_add_line (table);
  guint since = atlas_comparison_get_since_year (report->comparison);

  g_ptr_array_add (line, g_strdup (_("Indicator")));
  g_ptr_array_add (line, g_strdup ("A"));
  g_ptr_array_add (line, g_strdup ("B"));
  g_ptr_array_add (line, g_strdup (_("A − B")));
  g_ptr_array_add (line, g_strdup (_("Better")));
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    if (atlas_comparison_shows_reference (report->comparison, r))
      g_ptr_array_add (line, level_name (report, r));
  if (since != 0)
    {
      g_ptr_array_add (line, g_strdup_printf (_("Change A since %u"), since));
      g_ptr_array_add (line, g_strdup_printf (_("Change B since %u"), since));
    }
}

static char *
or_empty (char *text)
{
  return text != NULL ? text : g_strdup (EMPTY_CELL);
}

static void
add_reference_cell (const Report             *report,
                    GPtrArray                *line,
                    AtlasComparisonRow       *row,
                    AtlasComparisonReference  reference)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  double value;

  if (!atlas_comparison_shows_reference (report->comparison, reference))
    return;
  value = atlas_comparison_row_get_reference (row, reference, NULL, NULL);
  g_ptr_array_add (line, atlas_indicator_format_value (indicator, value, NULL));
}

static char *
format_history (AtlasComparisonRow  *row,
                AtlasComparisonSide  side)
{
  GArray *history = atlas_comparison_row_get_history (row, side);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      const AtlasCategoryYear *entry = &g_array_index (history, AtlasCategoryYear, i);

      g_string_append_printf (text, "%s%u: %d", i > 0 ? ", " : "", entry->year, entry->code);
    }

  return history->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE)
                          : g_strdup (EMPTY_CELL);
}

static void
add_category_note (Table              *table,
                   AtlasComparisonRow *row)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  g_autofree char *a = format_history (row, ATLAS_COMPARISON_SIDE_A);
  g_autofree char *b = format_history (row, ATLAS_COMPARISON_SIDE_B);

  g_ptr_array_add (table->notes, g_strdup_printf (_("%s per year – A: %s; B: %s"),
                                                  atlas_indicator_get_name (indicator, NULL),
                                                  a, b));
}

static void
add_line (const Report       *report,
          Table              *table,
          AtlasComparisonRow *row)
{
  AtlasIndicator *indicator = atlas_comparison_row_get_indicator (row);
  GPtrArray *line = table_add_line (table);
  const char *name = atlas_indicator_get_name (indicator, NULL);

  /* The same mark as the exported table, explained under the tables. */
  g_ptr_array_add (line, atlas_comparison_row_is_demonstration (row) ? g_strconcat (name, " *", NULL)
                                                                       : g_strdup (name));
  for (AtlasComparisonSide side = ATLAS_COMPARISON_SIDE_A; side <= ATLAS_COMPARISON_SIDE_B; side++)
    {
      double value = atlas_comparison_row_get_value (row, side, NULL, NULL);

      g_ptr_array_add (line, atlas_indicator_format_value (indicator, value, NULL));
    }
  g_ptr_array_add (line, or_empty (atlas_comparison_format_difference_cell (row, NULL)));
  g_ptr_array_add (line, g_strdup (atlas_comparison_better_to_label (atlas_comparison_row_get_better (row))));
  for (guint r = 0; r < ATLAS_COMPARISON_N_REFERENCES; r++)
    add_reference_cell (report, line, row, r);
  if (atlas_comparison_get_since_year (report->comparison) != 0)
    {
      g_ptr_array_add (line, or_empty (atlas_comparison_format_change (row, ATLAS_COMPARISON_SIDE_A, NULL)));
      g_ptr_array_add (line, or_empty (atlas_comparison_format_change (row, ATLAS_COMPARISON_SIDE_B, NULL)));
    }
  if (atlas_comparison_row_is_category (row))
    add_category_note (table, row);
}

static void
print_group (const Report *report,
             const char   *title,
             GPtrArray    *rows)
{
  g_auto(Table) table = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref),
                          g_ptr_array_new_with_free_func (g_free) };

  if (rows->len == 0)
    return;
  printf ("\n%s\n", title);
  add_header (report, &table);
  for (guint i = 0; i < rows->len; i++)
    add_line (report, &table, g_ptr_array_index (rows, i));
  table_print (&table);
}

static void
print_area_line (const char *label,
                 AtlasArea  *area)
{
  g_autofree char *name = atlas_area_dup_display_name (area);

  printf ("%s: %s (%s, %s)\n", label, name, atlas_area_get_code (area),
          atlas_division_get_name (atlas_area_get_division (area), NULL));
}

static void
print_intro (const Report *report)
{
  AtlasComparison *comparison = report->comparison;
  guint since = atlas_comparison_get_since_year (comparison);

  print_area_line ("A", atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_A));
  print_area_line ("B", atlas_comparison_get_area (comparison, ATLAS_COMPARISON_SIDE_B));
  if (since != 0)
    printf (_("Year %u, changes since %u"), atlas_comparison_get_year (comparison), since);
  else
    printf (_("Year %u"), atlas_comparison_get_year (comparison));
  fputc ('\n', stdout);
}

/* One table per theme in theme order; one table in all when sorted. */
static void
print_text (const Report *report)
{
  g_autoptr(GListModel) rows = dup_rows (report);
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (g_object_unref);
  AtlasDataset *dataset = atlas_comparison_get_dataset (report->comparison);
  const char *theme_id = NULL;

  print_intro (report);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      AtlasComparisonRow *row = g_list_model_get_item (rows, i);
      const char *row_theme = atlas_indicator_get_theme_id (atlas_comparison_row_get_indicator (row));

      if (!report->by_difference && group->len > 0 && g_strcmp0 (row_theme, theme_id) != 0)
        {
          AtlasTheme *theme = atlas_dataset_lookup_theme (dataset, theme_id);

          print_group (report, theme != NULL ? atlas_theme_get_name (theme, NULL) : theme_id, group);
          g_ptr_array_set_size (group, 0);
        }
      theme_id = row_theme;
      g_ptr_array_add (group, row);
    }

  if (report->by_difference)
    print_group (report, _("Largest difference first"), group);
  else if (group->len > 0)
    {
      AtlasTheme *theme = atlas_dataset_lookup_theme (dataset, theme_id);

      print_group (report, theme != NULL ? atlas_theme_get_name (theme, NULL) : theme_id, group);
    }
  if (atlas_comparison_has_demonstration (report->comparison))
    printf ("\n%s\n", _("* Demonstration data – not real statistics"));
}

/* ---- Command ------------------------------------------------------- */

static gboolean
parse_sort (const char *sort,
            gboolean   *by_difference,
            int        *status)
{
  *by_difference = g_strcmp0 (sort, "difference") == 0;
  if (sort == NULL || *by_difference || g_str_equal (sort, "theme"))
    return TRUE;

  *status = cli_fail (CLI_EXIT_USAGE, _("Unknown order “%s”; use --sort difference or --sort theme"),
                      sort);
  return FALSE;
}

static AtlasComparison *
build_comparison (AtlasDataset *dataset,
                  AtlasArea   **areas,
                  int           year,
                  int           since,
                  int          *status)
{
  g_autoptr(GError) error = NULL;
  AtlasComparison *comparison;

  if (!cli_check_year (dataset, year, status) ||
      (since != 0 && !cli_check_year (dataset, since, status)))
    return NULL;

  comparison = atlas_comparison_new (dataset, areas[0], areas[1], (guint) year, (guint) since,
                                     &error);
  if (comparison == NULL)
    *status = cli_fail (CLI_EXIT_USAGE, "%s", error->message);

  return comparison;
}

/**
 * cli_compare:
 * @argc: the argument count
 * @argv: "compare", options, PACKAGE
 *
 * Returns: the exit status
 */
int
cli_compare (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  g_autofree char *codes = NULL;
  g_autofree char *theme_id = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *output = NULL;
  g_autofree char *chart_id = NULL;
  int year = 0, since = 0;
  const GOptionEntry entries[] = {
    { "areas", 'a', 0, G_OPTION_ARG_STRING, &codes, N_("The two areas, A first"), N_("CODE_A,CODE_B") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "since", 's', 0, G_OPTION_ARG_INT, &since, N_("Also show the change since this earlier year"), N_("YEAR") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_id, N_("Only the indicators of this theme"), N_("ID") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("“theme” (the default) or “difference”"), N_("ORDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Export the comparison to a file instead (.csv, .png or .pdf)"), N_("FILE") },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart_id,
      N_("With --output: the indicator whose trend chart the PNG or PDF shows"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasComparison) comparison = NULL;
  AtlasIndicator *chart = NULL;
  AtlasArea *areas[2];
  Report report = { 0 };
  int status;

  status = cli_parse_options ("compare", N_("PACKAGE"),
                              _("Compare two areas indicator by indicator: their values, the "
                                "difference A − B, which is better, and the values of their "
                                "kommun, län and riket."),
                              entries, &argc, &argv, 1);
  if (status != CLI_CONTINUE)
    return status;

  dataset = cli_open_dataset (argv[1], &status);
  if (dataset == NULL)
    return status;
  if (!lookup_areas (dataset, codes, areas, &status) ||
      !lookup_theme (dataset, theme_id, &report.theme, &status) ||
      !parse_sort (sort, &report.by_difference, &status) ||
      (comparison = build_comparison (dataset, areas, year, since, &status)) == NULL)
    return status;

  report.comparison = comparison;
  if (output != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (chart_id != NULL && (chart = cli_lookup_indicator (dataset, chart_id, &status)) == NULL)
        return status;
      if (!atlas_comparison_export (comparison, chart, NULL, output, NULL, &error))
        return cli_fail (CLI_EXIT_DATA, "%s", error->message);
      return CLI_EXIT_OK;
    }
  if (json)
    print_json (&report);
  else
    print_text (&report);

  return CLI_EXIT_OK;
}
