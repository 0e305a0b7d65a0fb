/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cli-common.h"

/* export: report-ready map figures through AtlasFigure, the same page the
 * app's Export dialog previews. Usage mistakes (options, unknown ids,
 * areas or years) exit with CLI_EXIT_USAGE; a package that cannot be read,
 * has no values to show, or a file that cannot be written, with
 * CLI_EXIT_DATA. AtlasFigure writes atomically, so no partial file is
 * ever left behind. */

typedef struct
{
  char     *indicator;
  int       year;
  int       since;
  char     *method;
  int       classes;
  char     *level;
  char     *region;
  char     *filter;
  char     *output;
  char     *page;
  int       dpi;
  char     *title;
  char     *subtitle;
  char     *lang;
  char     *batch_level;
  char     *output_dir;
  gboolean  overwrite;
  gboolean  json;
  /* the map's classification and colours, and saved views */
  char     *scope;
  char     *breaks;
  char     *palette;
  gboolean  reverse;
  char     *view;
  char     *view_name;
  /* cartography, and the data behind the map */
  char     *labels;
  char     *symbols;
  char     *extent;
  char     *inset;
  char     *csv_style;
  char     *select;
} ExportOptions;

static void
export_options_clear (ExportOptions *options)
{
  g_free (options->indicator);
  g_free (options->method);
  g_free (options->level);
  g_free (options->region);
  g_free (options->filter);
  g_free (options->output);
  g_free (options->page);
  g_free (options->title);
  g_free (options->subtitle);
  g_free (options->lang);
  g_free (options->batch_level);
  g_free (options->output_dir);
  g_free (options->scope);
  g_free (options->breaks);
  g_free (options->palette);
  g_free (options->view);
  g_free (options->view_name);
  g_free (options->labels);
  g_free (options->symbols);
  g_free (options->extent);
  g_free (options->inset);
  g_free (options->csv_style);
  g_free (options->select);
}

static int
parse_options (ExportOptions  *o,
               int            *argc,
               char         ***argv)
{
  const GOptionEntry entries[] = {
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &o->indicator, N_("Indicator to map"), N_("ID") },
    { "year", 0, 0, G_OPTION_ARG_INT, &o->year, N_("Year of the values"), N_("YEAR") },
    { "since", 0, 0, G_OPTION_ARG_INT, &o->since,
      N_("Map the change from this year to --year, centred on zero"), N_("YEAR") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &o->method,
      N_("quantile, equal, jenks, stddev, box, box3, percentile or manual with --breaks (default: quantile)"),
      N_("METHOD") },
    { "classes", 0, 0, G_OPTION_ARG_INT, &o->classes, N_("Number of classes, 3 to 9 (default: 5)"), N_("N") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &o->level, N_("Level of the map’s areas (kommun, deso…)"), N_("LEVEL") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &o->region, N_("Frame this area with its sub-areas"), N_("CODE") },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &o->filter, N_("Show only areas of these types, such as omradestyp=1,2,3"), N_("CATEGORY=CODES") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      N_("File to write: a figure (.png, .pdf or .svg) or the data behind the map (.csv or .gpkg)"), N_("FILE") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &o->page, N_("a4-portrait, a4-landscape, a3-landscape or slide-16x9"), N_("PAGE") },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &o->dpi, N_("Resolution of PNG files (default 150)"), N_("N") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o->title, N_("Title instead of the default"), N_("TEXT") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &o->subtitle, N_("Subtitle instead of the default"), N_("TEXT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o->lang, N_("Language of the figure: sv or en"), N_("LANG") },
    { "batch-level", 0, 0, G_OPTION_ARG_STRING, &o->batch_level, N_("One figure per area of this level"), N_("LEVEL") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->output_dir, N_("Folder for batch figures"), N_("DIR") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &o->overwrite, N_("Replace files of the same names in the batch folder"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the written files as JSON"), NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &o->scope,
      N_("pooled (class boundaries over all years, the default) or year"), N_("SCOPE") },
    { "breaks", 0, 0, G_OPTION_ARG_STRING, &o->breaks,
      N_("Class boundaries for --method manual, ascending and comma-separated"), N_("B1,B2,…") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &o->palette, N_("Colour scheme (default: the indicator’s)"), N_("SCHEME") },
    { "reverse-palette", 0, 0, G_OPTION_ARG_NONE, &o->reverse, N_("Reverse the colours"), NULL },
    { "view", 0, 0, G_OPTION_ARG_FILENAME, &o->view,
      N_("Draw a saved view (a views.json file); other options change it"), N_("FILE") },
    { "view-name", 0, 0, G_OPTION_ARG_STRING, &o->view_name,
      N_("Which view of the file, when it has more than one"), N_("NAME") },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &o->labels, N_("Area names on the map: auto, on or off"), N_("MODE") },
    { "symbols", 0, 0, G_OPTION_ARG_STRING, &o->symbols,
      N_("Counts as circles or filled areas: auto, circles or choropleth"), N_("MODE") },
    { "extent", 0, 0, G_OPTION_ARG_STRING, &o->extent,
      N_("Frame this box instead of the whole level or region"), N_("MINLON,MINLAT,MAXLON,MAXLAT") },
    { "inset", 0, 0, G_OPTION_ARG_STRING, &o->inset,
      N_("An inset map: auto, none, or a box MINLON,MINLAT,MAXLON,MAXLAT"), N_("auto|none|BOX") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &o->select,
      N_("Outline and always name this area, as when it is selected on the map"), N_("CODE") },
    { "csv-style", 0, 0, G_OPTION_ARG_STRING, &o->csv_style,
      N_("Separators of a .csv file: plain (commas, decimal points) or swedish (semicolons, decimal commas)"),
      N_("STYLE") },
    { NULL }
  };

  return cli_parse_options ("export", N_("PACKAGE"),
                            _("Writes a report-ready map figure (PNG, PDF or SVG) with title, legend, "
                              "scale bar, caption and source, or, for an output ending in .csv or .gpkg, "
                              "the data behind the map (code, name, parent, value, unit, year, missing "
                              "reason, demonstration flag, source; a GeoPackage adds the areas in "
                              "SWEREF 99 TM). Without --output the file is "
                              "INDICATOR-LEVEL-YEAR.pdf in the current folder; batches are PDF files "
                              "named by area code and name. With --view the figure shows the saved "
                              "view exactly as the app exports it, drawn from PACKAGE."),
                            entries, argc, argv, 1);
}

static gboolean
nick_ok (const char        *value,
         const char *const *nicks)
{
  return value == NULL || g_strv_contains (nicks, value);
}

/* --labels, --symbols, --extent and --inset. */
static int
check_map_options (ExportOptions *o)
{
  const char *const label_nicks[] = { "auto", "on", "off", NULL };
  const char *const symbol_nicks[] = { "auto", "circles", "choropleth", NULL };
  g_autoptr(GError) error = NULL;
  AtlasBBox box;

  if (!nick_ok (o->labels, label_nicks))
    return cli_fail (CLI_EXIT_USAGE, _("--labels must be auto, on or off"));
  if (!nick_ok (o->symbols, symbol_nicks))
    return cli_fail (CLI_EXIT_USAGE, _("--symbols must be auto, circles or choropleth"));
  if (o->extent != NULL && !atlas_bbox_parse (o->extent, &box, &error))
    return cli_fail (CLI_EXIT_USAGE, "--extent: %s", error->message);
  if (o->inset != NULL && g_strcmp0 (o->inset, "auto") != 0 && g_strcmp0 (o->inset, "none") != 0
      && !atlas_bbox_parse (o->inset, &box, &error))
    return cli_fail (CLI_EXIT_USAGE, "--inset: %s", error->message);
  return CLI_CONTINUE;
}

/* Option combinations that make no sense, before anything is loaded. */
static int
check_usage (ExportOptions *o)
{
  g_autoptr(GError) error = NULL;
  AtlasClassMethod method;

  if ((o->batch_level == NULL) != (o->output_dir == NULL))
    return cli_fail (CLI_EXIT_USAGE, _("--batch-level and --output-dir go together"));
  if (o->batch_level != NULL && o->output != NULL)
    return cli_fail (CLI_EXIT_USAGE, _("Use either --output or --batch-level with --output-dir"));
  if (o->overwrite && o->batch_level == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("--overwrite applies to batches (--batch-level with --output-dir)"));
  if (o->page != NULL && !atlas_page_format_from_nick (o->page, NULL))
    return cli_fail (CLI_EXIT_USAGE,
                     _("Unknown page “%s”: use a4-portrait, a4-landscape, a3-landscape or slide-16x9"),
                     o->page);
  if (o->dpi != 0 && (o->dpi < 36 || o->dpi > 1200))
    return cli_fail (CLI_EXIT_USAGE, _("--dpi must be between 36 and 1200"));
  if (o->lang != NULL && g_strcmp0 (o->lang, "sv") != 0 && g_strcmp0 (o->lang, "en") != 0)
    return cli_fail (CLI_EXIT_USAGE, _("--lang must be sv or en"));
  if (o->view_name != NULL && o->view == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("--view-name goes with --view"));
  if (o->classes != 0 && (o->classes < ATLAS_CLASS_MIN || o->classes > ATLAS_CLASS_MAX))
    return cli_fail (CLI_EXIT_USAGE, _("Cannot make %d classes; --classes must be from %d to %d"),
                     o->classes, ATLAS_CLASS_MIN, ATLAS_CLASS_MAX);
  if (o->method != NULL && !atlas_class_method_from_nick (o->method, &method))
    return cli_fail (CLI_EXIT_USAGE,
                     _("Unknown method “%s”; the methods are quantile, equal, jenks, stddev, box, box3, percentile and manual"),
                     o->method);
  if (o->since != 0 && (o->method != NULL || o->breaks != NULL))
    return cli_fail (CLI_EXIT_USAGE, _("--method does not apply with --since: change maps are classified "
                                       "symmetrically around zero"));
  if (o->scope != NULL && g_strcmp0 (o->scope, "pooled") != 0 && g_strcmp0 (o->scope, "year") != 0)
    return cli_fail (CLI_EXIT_USAGE, _("--scope must be pooled or year"));
  if (o->palette != NULL && !atlas_palette_scheme_exists (o->palette))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) atlas_palette_list_schemes ());

      return cli_fail (CLI_EXIT_USAGE, _("Unknown colour scheme “%s”; the schemes are: %s"), o->palette, known);
    }
  if (o->output != NULL && !atlas_data_format_matches (o->output)
      && !atlas_figure_format_from_path (o->output, NULL, &error))
    return cli_fail (CLI_EXIT_USAGE,
                     _("Cannot export to “%s”: the file name must end in .png, .pdf, .svg, .csv or .gpkg"),
                     o->output);
  if (o->csv_style != NULL && g_strcmp0 (o->csv_style, "plain") != 0 && g_strcmp0 (o->csv_style, "swedish") != 0)
    return cli_fail (CLI_EXIT_USAGE, _("--csv-style must be plain or swedish"));
  return check_map_options (o);
}

/* "1.5,3,7": strictly ascending numbers, checked against the values'
 * range when the figure is drawn. */
static AtlasClassBreaks *
parse_breaks (const char *text,
              int        *status)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double values[ATLAS_CLASS_MAX];
  guint n = g_strv_length (parts);
  g_autoptr(GError) error = NULL;
  AtlasClassBreaks *breaks = NULL;

  for (guint i = 0; i < n && n <= G_N_ELEMENTS (values); i++)
    {
      char *end = NULL;

      values[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        n = G_MAXUINT;
    }
  if (n <= G_N_ELEMENTS (values))
    breaks = atlas_class_breaks_new_manual (values, n, values[0], values[n - 1], &error);
  if (breaks == NULL)
    *status = cli_fail (CLI_EXIT_USAGE,
                        _("--breaks “%s”: expected 2 to %d ascending numbers separated by commas"),
                        text, ATLAS_CLASS_MAX - 1);
  return breaks;
}

/* The options on top of the state (the saved view's, or the defaults). */
static gboolean
apply_options (AtlasExplorerState *state,
               ExportOptions      *o,
               int                *status)
{
  AtlasClassification *classification = atlas_explorer_state_get_classification (state);
  AtlasClassMethod method;

  if (o->breaks != NULL)
    {
      g_autoptr(AtlasClassBreaks) breaks = parse_breaks (o->breaks, status);

      if (breaks == NULL)
        return FALSE;
      atlas_classification_set_manual_breaks (classification, breaks);
      atlas_classification_set_method (classification, ATLAS_CLASS_METHOD_MANUAL);
    }
  if (o->indicator != NULL)
    atlas_explorer_state_set_indicator (state, o->indicator);
  if (o->level != NULL)
    atlas_explorer_state_set_level (state, o->level);
  if (o->year != 0)
    atlas_explorer_state_set_year (state, o->year);
  if (o->since != 0)
    atlas_explorer_state_set_since_year (state, (guint) o->since);
  if (o->region != NULL)
    atlas_explorer_state_set_region (state, o->region);
  if (o->method != NULL && atlas_class_method_from_nick (o->method, &method))
    atlas_classification_set_method (classification, method);
  if (o->classes != 0)
    atlas_classification_set_count (classification, o->classes);
  if (o->scope != NULL)
    atlas_classification_set_pooled (classification, g_str_equal (o->scope, "pooled"));
  /* Box and percentile maps describe the year shown. */
  else if (o->method != NULL && atlas_class_method_is_fixed (method))
    atlas_classification_set_pooled (classification, FALSE);
  if (o->palette != NULL)
    atlas_classification_set_palette_scheme (classification, o->palette);
  if (o->reverse)
    atlas_classification_set_palette_reverse (classification, TRUE);
  if (atlas_classification_get_method (classification) == ATLAS_CLASS_METHOD_MANUAL
      && atlas_classification_get_manual_breaks (classification) == NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, _("--method manual needs --breaks"));
      return FALSE;
    }
  return TRUE;
}

/* The view named --view-name, or the file's only view. */
static AtlasSavedView *
load_view (ExportOptions *o,
           int           *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) views = atlas_saved_views_load (o->view, &error);
  guint n;

  if (views == NULL)
    {
      *status = cli_fail (CLI_EXIT_DATA, "%s", error->message);
      return NULL;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (views));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasSavedView) view = g_list_model_get_item (G_LIST_MODEL (views), i);

      if ((o->view_name == NULL && n == 1)
          || g_strcmp0 (o->view_name, atlas_saved_view_get_name (view)) == 0)
        return g_steal_pointer (&view);
    }
  if (o->view_name != NULL)
    *status = cli_fail (CLI_EXIT_USAGE, _("“%s” has no view named “%s”"), o->view, o->view_name);
  else
    *status = cli_fail (CLI_EXIT_USAGE,
                        g_dngettext (GETTEXT_PACKAGE, "“%s” holds %u view: choose it with --view-name",
                                     "“%s” holds %u views: choose one with --view-name", n),
                        o->view, n);
  return NULL;
}

/* What the figure shows: the saved view with the options on top, in the
 * dataset given on the command line (the view's own package path may be
 * another computer's). */
static AtlasExplorerState *
create_state (AtlasDataset  *dataset,
              ExportOptions *o,
              int           *status)
{
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();

  if (o->view != NULL)
    {
      g_autoptr(AtlasSavedView) view = load_view (o, status);

      if (view == NULL)
        return NULL;
      atlas_explorer_state_assign (state, atlas_saved_view_get_state (view));
    }
  if (!apply_options (state, o, status))
    return NULL;
  atlas_explorer_state_set_dataset (state, dataset);
  /* The usual messages for ids the package lacks, listing what it has */
  if (cli_lookup_indicator (dataset, atlas_explorer_state_get_indicator (state)[0] != '\0'
                                     ? atlas_explorer_state_get_indicator (state) : NULL, status) == NULL
      || cli_lookup_division (dataset, atlas_explorer_state_get_level (state)[0] != '\0'
                                       ? atlas_explorer_state_get_level (state) : NULL, status) == NULL
      /* a view's year 0 is its indicator's newest year */
      || ((o->view == NULL || atlas_explorer_state_get_year (state) != 0)
          && !cli_check_year (dataset, (int) atlas_explorer_state_get_year (state), status)))
    return NULL;
  return g_steal_pointer (&state);
}

static void
apply_map_options (AtlasFigure   *figure,
                   ExportOptions *o)
{
  AtlasBBox box;

  if (g_strcmp0 (o->labels, "on") == 0)
    atlas_figure_set_labels (figure, ATLAS_LABEL_ON);
  else if (g_strcmp0 (o->labels, "off") == 0)
    atlas_figure_set_labels (figure, ATLAS_LABEL_OFF);
  if (g_strcmp0 (o->symbols, "circles") == 0)
    atlas_figure_set_symbols (figure, ATLAS_SYMBOL_CIRCLES);
  else if (g_strcmp0 (o->symbols, "choropleth") == 0)
    atlas_figure_set_symbols (figure, ATLAS_SYMBOL_CHOROPLETH);
  if (o->extent != NULL && atlas_bbox_parse (o->extent, &box, NULL))
    atlas_figure_set_extent (figure, &box);
  if (g_strcmp0 (o->inset, "auto") == 0)
    atlas_figure_set_inset (figure, ATLAS_INSET_AUTO, NULL);
  else if (o->inset != NULL && atlas_bbox_parse (o->inset, &box, NULL))
    atlas_figure_set_inset (figure, ATLAS_INSET_BBOX, &box);
}

/* --since names a year of the package that the figure draws a change
 * from: --since 2024 --year 2020 is a mistake to report. A view's
 * since-year is drawn as the app draws it: a change map when it can be
 * one, else the year's values. */
static gboolean
check_since (ExportOptions *o,
             AtlasFigure   *figure,
             int           *status)
{
  g_autoptr(GError) error = NULL;

  if (o->since == 0 || atlas_figure_get_since_year (figure) == (guint) o->since)
    return TRUE;
  if (!cli_check_year (atlas_figure_get_dataset (figure), o->since, status))
    return FALSE;
  atlas_change_check (atlas_figure_get_dataset (figure), atlas_figure_get_indicator (figure), (guint) o->since,
                      atlas_figure_get_year (figure), &error);
  *status = cli_fail (CLI_EXIT_USAGE, "%s", error != NULL ? error->message : "--since");
  return FALSE;
}

static AtlasFigure *
create_figure (AtlasExplorerState *state,
               ExportOptions      *o,
               int                *status)
{
  g_autoptr(GError) error = NULL;
  AtlasFigure *figure = NULL;
  AtlasPageFormat page = ATLAS_PAGE_A4_PORTRAIT;
  g_autoptr(AtlasAreaFilter) filter = NULL;
  g_autofree gboolean *shown = NULL;

  if (o->select != NULL)
    {
      const char *codes[] = { o->select, NULL };

      if (atlas_dataset_lookup_area (atlas_explorer_state_get_dataset (state), o->select) == NULL)
        {
          *status = cli_fail (CLI_EXIT_USAGE, _("“%s” has no area with the code “%s”"),
                              atlas_dataset_get_id (atlas_explorer_state_get_dataset (state)), o->select);
          return NULL;
        }
      atlas_explorer_state_set_selection (state, codes);
    }
  figure = atlas_figure_new_for_state (state, &error);
  if (figure == NULL)
    {
      *status = cli_fail (CLI_EXIT_USAGE, "%s", error->message);
      return NULL;
    }
  if (!check_since (o, figure, status)
      || !cli_lookup_filter (atlas_explorer_state_get_dataset (state), o->filter, atlas_figure_get_division (figure),
                             atlas_figure_get_year (figure), &filter, &shown, status))
    {
      g_object_unref (figure);
      return NULL;
    }
  /* --filter replaces a saved view's own filter; without it the view's stays */
  if (filter != NULL)
    atlas_figure_set_filter (figure, filter);
  if (o->page != NULL)
    atlas_page_format_from_nick (o->page, &page);
  atlas_figure_set_page (figure, page);
  if (o->dpi != 0)
    atlas_figure_set_dpi (figure, o->dpi);
  atlas_figure_set_title (figure, o->title);
  atlas_figure_set_subtitle (figure, o->subtitle);
  atlas_figure_set_lang (figure, o->lang);
  apply_map_options (figure, o);
  return figure;
}

static void
print_json (char **files)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; files[i] != NULL; i++)
    cli_json_string (builder, files[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static char *
default_output (AtlasFigure *figure)
{
  AtlasArea *region = atlas_figure_get_region (figure);
  const char *indicator = atlas_indicator_get_id (atlas_figure_get_indicator (figure));
  const char *level = atlas_division_get_id (atlas_figure_get_division (figure));
  guint since = atlas_figure_get_since_year (figure);

  if (since != 0)
    return g_strdup_printf ("%s-%s-%u-%u.pdf", indicator, level, since, atlas_figure_get_year (figure));
  if (region != NULL)
    return g_strdup_printf ("%s-%s-%s-%u.pdf", indicator, level, atlas_area_get_code (region),
                            atlas_figure_get_year (figure));
  return g_strdup_printf ("%s-%s-%u.pdf", indicator, level, atlas_figure_get_year (figure));
}

static char **
export_single (AtlasFigure    *figure,
               ExportOptions  *o,
               GError        **error)
{
  g_auto(GStrv) files = g_new0 (char *, 2);

  files[0] = o->output != NULL ? g_strdup (o->output) : default_output (figure);
  if (atlas_data_format_matches (files[0]))
    {
      AtlasCsvStyle style = g_strcmp0 (o->csv_style, "swedish") == 0
                            ? ATLAS_CSV_STYLE_SWEDISH : ATLAS_CSV_STYLE_PLAIN;

      if (!atlas_figure_export_data (figure, files[0], style, NULL, error))
        return NULL;
    }
  else if (!atlas_figure_export (figure, files[0], NULL, error))
    return NULL;
  return g_steal_pointer (&files);
}

static int
run_export (AtlasFigure   *figure,
            AtlasDataset  *dataset,
            ExportOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  int status = CLI_EXIT_OK;

  if (o->batch_level == NULL)
    files = export_single (figure, o, &error);
  else
    {
      AtlasDivision *batch = cli_lookup_division (dataset, o->batch_level, &status);

      if (batch == NULL)
        return status;
      /* Batches are PDF: one document per area, ready to attach to reports. */
      files = atlas_figure_export_batch_full (figure, batch, o->output_dir, ATLAS_FIGURE_FORMAT_PDF,
                                              o->overwrite ? ATLAS_BATCH_OVERWRITE : ATLAS_BATCH_NONE,
                                              NULL, &error);
    }
  /* A region the map cannot be framed by is a usage mistake; anything
   * else (no values, a file that cannot be written) is not. */
  if (files == NULL)
    return cli_fail (g_error_matches (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN)
                     ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);

  if (o->json)
    print_json (files);
  else
    for (guint i = 0; files[i] != NULL; i++)
      puts (files[i]);
  return CLI_EXIT_OK;
}

/**
 * cli_export:
 * @argc: the argument count, argv[0] being "export"
 * @argv: the arguments
 *
 * Returns: the exit status
 */
int
cli_export (int    argc,
            char **argv)
{
  ExportOptions options = { 0 };
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasExplorerState) state = NULL;
  g_autoptr(AtlasFigure) figure = NULL;
  int status;

  status = parse_options (&options, &argc, &argv);
  if (status == CLI_CONTINUE)
    status = check_usage (&options);
  if (status == CLI_CONTINUE)
    dataset = cli_open_dataset (argv[1], &status);
  if (dataset != NULL)
    state = create_state (dataset, &options, &status);
  if (state != NULL)
    figure = create_figure (state, &options, &status);
  if (figure != NULL)
    status = run_export (figure, dataset, &options);

  export_options_clear (&options);
  return status;
}
