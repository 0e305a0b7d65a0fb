/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-common.h"

/**
 * cli_fail:
 * @status: the exit status to return
 * @format: a printf() format for the message
 *
 * Prints "platsatlas-cli: MESSAGE" to standard error.
 *
 * Returns: @status, so that commands can `return cli_fail (...)`
 */
int
cli_fail (int         status,
          const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Raw UTF-8, like the data output: g_printerr() would transliterate in a
   * non-UTF-8 locale. */
  fprintf (stderr, "platsatlas-cli: %s\n", message);
  return status;
}

/**
 * cli_parse_options:
 * @command: the subcommand ("info")
 * @parameters: what follows the options in --help, marked with N_()
 *   ("PACKAGE"); shown translated ("PAKET")
 * @summary: one translated sentence for --help
 * @entries: the command's options
 * @argc: (inout): the argument count, argv[0] being the command
 * @argv: (inout): the arguments; options are removed
 * @n_positional: how many arguments must remain after the options
 *
 * Returns: %CLI_CONTINUE on success, else the exit status
 */
int
cli_parse_options (const char          *command,
                   const char          *parameters,
                   const char          *summary,
                   const GOptionEntry  *entries,
                   int                 *argc,
                   char              ***argv,
                   int                  n_positional)
{
  const char *shown = _(parameters);
  g_autoptr(GOptionContext) context = g_option_context_new (shown);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("platsatlas-cli %s", command);

  /* --help then reads "Usage: platsatlas-cli info [OPTION…] PACKAGE" */
  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_fail (CLI_EXIT_USAGE, _("%s (see “platsatlas-cli %s --help”)"),
                     error->message, command);

  /* argv[0] is the command itself */
  if (*argc - 1 != n_positional)
    return cli_fail (CLI_EXIT_USAGE,
                     _("“%s” takes %s, and %d argument(s) were given "
                       "(see “platsatlas-cli %s --help”)"),
                     command, shown, *argc - 1, command);

  return CLI_CONTINUE;
}

/* The ids of the packaged datasets, comma-separated, for error messages. */
static char *
list_packaged_datasets (void)
{
  g_autofree char *dir = g_build_filename (atlas_get_data_dir (), "datasets", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

/* A path as given, else the id of a packaged dataset. */
static char *
resolve_package (const char *package)
{
  g_autofree char *packaged = NULL;

  if (g_file_test (package, G_FILE_TEST_EXISTS))
    return g_strdup (package);

  if (strchr (package, G_DIR_SEPARATOR) == NULL)
    {
      packaged = g_build_filename (atlas_get_data_dir (), "datasets", package, NULL);
      if (g_file_test (packaged, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&packaged);
    }

  return NULL;
}

/* "SERVICE/SCHEMA", the connection being a service name or libpq
 * keywords (which may hold "/" in a socket folder): the schema follows
 * the last "/". */
static AtlasDataset *
load_from_postgis (const char *target,
                   int        *status)
{
  const char *slash = strrchr (target, '/');
  g_autofree char *connection = slash != NULL ? g_strndup (target, slash - target) : NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  if (connection == NULL || *connection == '\0' || slash[1] == '\0')
    {
      *status = cli_fail (CLI_EXIT_USAGE,
                          _("“%s%s”: expected %sSERVICE/SCHEMA, such as %sregionstat/stockholm_uppsala"),
                          CLI_POSTGIS_PREFIX, target, CLI_POSTGIS_PREFIX, CLI_POSTGIS_PREFIX);
      return NULL;
    }

  dataset = atlas_dataset_load_postgis (connection, slash + 1, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    *status = cli_fail (CLI_EXIT_DATA, _("Cannot open the package from the database: %s"), error->message);
  return dataset;
}

/**
 * cli_open_dataset:
 * @package: a package directory or .zip, the id of a packaged dataset, or
 *   postgis:SERVICE/SCHEMA for a package kept in PostGIS
 * @status: (out): the exit status when this fails
 *
 * Returns: (transfer full) (nullable): the loaded dataset
 */
AtlasDataset *
cli_open_dataset (const char *package,
                  int        *status)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  if (g_str_has_prefix (package, CLI_POSTGIS_PREFIX))
    return load_from_postgis (package + strlen (CLI_POSTGIS_PREFIX), status);

  path = resolve_package (package);
  if (path == NULL)
    {
      g_autofree char *known = list_packaged_datasets ();

      *status = cli_fail (CLI_EXIT_USAGE,
                          _("No package “%s”: give a package directory, a .zip, "
                            "or one of the packaged datasets: %s"),
                          package, known);
      return NULL;
    }

  dataset = atlas_dataset_load (path, NULL, &error);
  if (dataset == NULL)
    *status = cli_fail (CLI_EXIT_DATA, _("Cannot open the package “%s”: %s"),
                        path, error->message);

  return dataset;
}

static char *
list_ids (GListModel *model,
          const char *(*get_id) (gpointer item))
{
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, get_id (item));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static const char *
indicator_id (gpointer item)
{
  return atlas_indicator_get_id (item);
}

static const char *
division_id (gpointer item)
{
  return atlas_division_get_id (item);
}

/**
 * cli_lookup_indicator:
 * @dataset: a dataset
 * @id: (nullable): an indicator id from the command line
 * @status: (out): the exit status when there is no such indicator
 *
 * Returns: (transfer none) (nullable): the indicator
 */
AtlasIndicator *
cli_lookup_indicator (AtlasDataset *dataset,
                      const char   *id,
                      int          *status)
{
  AtlasIndicator *indicator = id != NULL ? atlas_dataset_lookup_indicator (dataset, id) : NULL;
  g_autofree char *known = NULL;

  if (indicator != NULL)
    return indicator;

  known = list_ids (atlas_dataset_get_indicators (dataset), indicator_id);
  if (id == NULL)
    *status = cli_fail (CLI_EXIT_USAGE, _("Missing --indicator; the indicators of “%s” are: %s"),
                        atlas_dataset_get_id (dataset), known);
  else
    *status = cli_fail (CLI_EXIT_USAGE, _("Unknown indicator “%s”; the indicators of “%s” are: %s"),
                        id, atlas_dataset_get_id (dataset), known);
  return NULL;
}

/**
 * cli_lookup_division:
 * @dataset: a dataset
 * @id: (nullable): a level id from the command line
 * @status: (out): the exit status when there is no such level
 *
 * Returns: (transfer none) (nullable): the division
 */
AtlasDivision *
cli_lookup_division (AtlasDataset *dataset,
                     const char   *id,
                     int          *status)
{
  AtlasDivision *division = id != NULL ? atlas_dataset_lookup_division (dataset, id) : NULL;
  g_autofree char *known = NULL;

  if (division != NULL)
    return division;

  known = list_ids (atlas_dataset_get_divisions (dataset), division_id);
  if (id == NULL)
    *status = cli_fail (CLI_EXIT_USAGE, _("Missing --level; the levels of “%s” are: %s"),
                        atlas_dataset_get_id (dataset), known);
  else
    *status = cli_fail (CLI_EXIT_USAGE, _("Unknown level “%s”; the levels of “%s” are: %s"),
                        id, atlas_dataset_get_id (dataset), known);
  return NULL;
}

/**
 * cli_check_year:
 * @dataset: a dataset
 * @year: a year from the command line, or 0 when none was given
 * @status: (out): the exit status when the package lacks the year
 *
 * Returns: whether @year is a year of the package
 */
gboolean
cli_check_year (AtlasDataset *dataset,
                int           year,
                int          *status)
{
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  if (year > 0 && atlas_dataset_has_year (dataset, (guint) year))
    return TRUE;

  if (year == 0)
    *status = cli_fail (CLI_EXIT_USAGE, _("Missing --year; “%s” has the years %u–%u"),
                        atlas_dataset_get_id (dataset),
                        n_years > 0 ? years[0] : 0, n_years > 0 ? years[n_years - 1] : 0);
  else
    *status = cli_fail (CLI_EXIT_USAGE, _("“%s” has no year %d; its years are %u–%u"),
                        atlas_dataset_get_id (dataset), year,
                        n_years > 0 ? years[0] : 0, n_years > 0 ? years[n_years - 1] : 0);
  return FALSE;
}

/**
 * cli_lookup_filter:
 * @dataset: the package
 * @text: (nullable): the --filter option, "omradestyp=1,2,3"
 * @division: the level shown
 * @year: the year shown
 * @filter: (out) (transfer full) (nullable): the filter
 * @mask: (out) (transfer full) (nullable): per area of @division whether
 *   it is shown
 * @status: (out): the exit status on failure
 *
 * Returns: %FALSE after printing why the filter cannot be used
 */
gboolean
cli_lookup_filter (AtlasDataset     *dataset,
                   const char       *text,
                   AtlasDivision    *division,
                   guint             year,
                   AtlasAreaFilter **filter,
                   gboolean        **mask,
                   int              *status)
{
  g_autoptr(GError) error = NULL;

  *filter = NULL;
  *mask = NULL;
  if (text == NULL)
    return TRUE;
  *filter = atlas_area_filter_parse (dataset, text, &error);
  if (*filter == NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  *mask = atlas_area_filter_dup_mask (*filter, dataset, division, year);
  if (*mask != NULL)
    return TRUE;
  *status = cli_fail (CLI_EXIT_USAGE,
                      _("The filter “%s” does not apply to the level “%s” in %u: none of its areas "
                        "has a %s (it is set per area of a finer level, or not for that year)"),
                      text, atlas_division_get_id (division), year,
                      atlas_indicator_get_name (atlas_area_filter_get_category (*filter), NULL));
  g_clear_pointer (filter, atlas_area_filter_unref);
  return FALSE;
}

/**
 * cli_format_value:
 * @value: a value, or NaN
 * @decimals: digits after the decimal point
 *
 * Returns: (transfer full): @value as a plain C-locale number with
 *   @decimals decimals ("995574", "3.25"), or "" for NaN and infinity
 */
char *
cli_format_value (double value,
                  guint  decimals)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");

  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 6u));
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/**
 * cli_format_number:
 * @value: a value
 *
 * Returns: (transfer full): @value with up to ten significant digits, in
 *   the C locale, for class breaks in text output
 */
char *
cli_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/**
 * cli_csv_append_field:
 * @line: the line being built
 * @field: (nullable): the field's text
 * @last: whether to end the line instead of adding a comma
 *
 * Quotes as RFC 4180 asks: fields with a comma, quote or line break are
 * enclosed in quotes, and quotes inside are doubled. Text that is not
 * valid UTF-8 is never written raw (invalid bytes become U+FFFD).
 */
void
cli_csv_append_field (GString    *line,
                      const char *field,
                      gboolean    last)
{
  g_autofree char *valid = NULL;

  if (field == NULL)
    field = "";
  if (!g_utf8_validate (field, -1, NULL))
    field = valid = g_utf8_make_valid (field, -1);

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (line, field);
    }
  else
    {
      g_string_append_c (line, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }

  /* RFC 4180 ends records with CRLF; a bare LF is what scripts expect on
   * a terminal and every CSV reader accepts it. */
  g_string_append (line, last ? "\n" : ",");
}

static void write_node (GString *out, JsonNode *node, guint depth);

static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = g_utf8_validate (text, -1, NULL) ? NULL : g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid != NULL ? valid : text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* JSON has no NaN or infinity; "1e+20" is fine as it is. json-glib 1.6
 * writes "1e+20.0" and "inf.0", which no parser reads, hence this writer. */
static void
write_value (GString  *out,
             JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      g_string_append (out, isfinite (value) ? g_ascii_dtostr (buffer, sizeof buffer, value) : "null");
      break;
    case G_TYPE_STRING:
    default:
      write_string (out, json_node_get_string (node) != NULL ? json_node_get_string (node) : "");
      break;
    }
}

static void
write_members (GString    *out,
               JsonObject *object,
               guint       depth)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_string_append_c (out, '{');
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_string_append_printf (out, "%s\n%*s", l != members ? "," : "", (int) (depth + 1) * 2, "");
      write_string (out, l->data);
      g_string_append (out, " : ");
      write_node (out, json_object_get_member (object, l->data), depth + 1);
    }
  g_string_append_printf (out, "%s%*s}", members != NULL ? "\n" : "", members != NULL ? (int) depth * 2 : 0, "");
}

static void
write_elements (GString   *out,
                JsonArray *array,
                guint      depth)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (out, "%s\n%*s", i > 0 ? "," : "", (int) (depth + 1) * 2, "");
      write_node (out, json_array_get_element (array, i), depth + 1);
    }
  g_string_append_printf (out, "%s%*s]", n > 0 ? "\n" : "", n > 0 ? (int) depth * 2 : 0, "");
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_members (out, json_node_get_object (node), depth);
      break;
    case JSON_NODE_ARRAY:
      write_elements (out, json_node_get_array (node), depth);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * cli_print_json:
 * @root: the document
 *
 * Prints @root, indented, with a final newline. Always valid JSON:
 * non-finite numbers become null and text that is not UTF-8 is repaired.
 */
void
cli_print_json (JsonNode *root)
{
  g_autoptr(GString) out = g_string_new (NULL);

  write_node (out, root, 0);
  puts (out->str);
}

/**
 * cli_json_string:
 * @builder: a builder where a value goes
 * @value: (nullable): the text, or %NULL for JSON null
 *
 * Adds @value as a JSON string. Text that is not valid UTF-8 (an area name
 * from a Latin-1 file) is never written raw: it would make the whole
 * document invalid. Invalid bytes become U+FFFD.
 */
void
cli_json_string (JsonBuilder *builder,
                 const char  *value)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  json_builder_add_string_value (builder, value);
}

/**
 * cli_json_number:
 * @builder: a builder where a value goes
 * @value: a value; NaN and ±infinity become JSON null
 *
 * JSON has no NaN or infinity: json-glib would write "nan" or "inf",
 * which no JSON parser reads.
 */
void
cli_json_number (JsonBuilder *builder,
                 double       value)
{
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/**
 * cli_json_add_string:
 * @builder: a builder inside an object
 * @member: the member's name
 * @value: (nullable): the text, or %NULL for JSON null (see cli_json_string())
 */
void
cli_json_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  cli_json_string (builder, value);
}

/**
 * cli_json_add_number:
 * @builder: a builder inside an object
 * @member: the member's name
 * @value: a value, or NaN (or infinity) for JSON null
 */
void
cli_json_add_number (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  cli_json_number (builder, value);
}

/**
 * cli_pad:
 * @text: UTF-8 text
 * @width: columns; negative pads on the right (left-aligned text), positive
 *   on the left (right-aligned numbers), as printf's %-Ns and %Ns
 *
 * printf counts bytes, so "Österåker" or "85 841" (with a narrow no-break
 * space) would push the columns after them. This counts characters.
 *
 * Returns: (transfer full): @text padded to |@width| characters, or cut
 *   with "…" when longer and left-aligned
 */
char *
cli_pad (const char *text,
         int         width)
{
  glong columns = ABS (width);
  glong length = g_utf8_strlen (text, -1);
  GString *padded;

  if (width < 0 && length > columns && columns > 1)
    {
      padded = g_string_new_len (text, g_utf8_offset_to_pointer (text, columns - 1) - text);
      g_string_append (padded, "…");
      return g_string_free (padded, FALSE);
    }
  padded = g_string_new (NULL);
  if (width > 0)
    for (glong i = length; i < columns; i++)
      g_string_append_c (padded, ' ');
  g_string_append (padded, text);
  if (width < 0)
    for (glong i = length; i < columns; i++)
      g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}
