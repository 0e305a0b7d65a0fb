/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-common.h"

/* platsatlas-cli pack: files as users have them → a package. */

typedef struct
{
  char     *output;
  char     *id;
  char     *title;
  int       crs;
  char     *recipe;
  char    **select;
  char    **split;
  char    **share;
  char    **sum;
  char    **merge;
  char    **drop;
  char    **dissolve;
  char    **draw_within;
  double    simplify;
  char    **name;
  gboolean  json;
  gboolean  plan;
  char     *to_postgis;
  char     *from_postgis;
  char     *schema;
} PackOptions;

static void
pack_options_clear (PackOptions *o)
{
  g_free (o->output);
  g_free (o->id);
  g_free (o->title);
  g_free (o->recipe);
  g_strfreev (o->select);
  g_strfreev (o->split);
  g_strfreev (o->share);
  g_strfreev (o->sum);
  g_strfreev (o->merge);
  g_strfreev (o->drop);
  g_strfreev (o->dissolve);
  g_strfreev (o->draw_within);
  g_strfreev (o->name);
  g_free (o->to_postgis);
  g_free (o->from_postgis);
  g_free (o->schema);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PackOptions, pack_options_clear)

static const char *
pack_description (void)
{
  return _("Each FILE is recognised by its content: statistics as SCB publishes them (PxWeb API JSON, "
           "JSON-stat 2.0, Statistikdatabasen CSV or XLSX with a title row, header rows and footnotes, "
           "CSV saved from Excel), geometry OGR reads (GeoPackage, GeoJSON, a shapefile or a zip of one), "
           "or SCB's DeSO/RegSO key (needed for rows keyed by “Kommun (område)” labels; the copy in the "
           "data folder is used when none is given).\n\n"
           "Levels come from SCB's codes (län NN, kommun NNNN, RegSO NNNNRNNN, DeSO NNNN[ABC]NNNN); kommun "
           "and län are always added with the packaged borders. Areas without geometry are listed in an "
           "areas table: they take part in tables and aggregation, and the map says how many it cannot draw.\n\n"
           "Dimensions with a total (Kon 1+2, Alder totalt) keep the total; every other value becomes an "
           "indicator. Choices:\n"
           "  --select Alder=20-24     keep this value instead of the total\n"
           "  --split Kon              one indicator per value of the dimension\n"
           "  --share andel=ID1/ID2    add 100 × ID1 / ID2 as a percentage, weighted by ID2\n"
           "  --sum n=ID1+ID2-ID3      add a count: the sum of counts (“-” subtracts)\n"
           "  --merge n=ID1,ID2        one indicator from several tables or levels; per area and year the\n"
           "                           first with a value gives it\n"
           "  --drop ID                leave an indicator out (sums, merges and shares may still use it)\n"
           "  --dissolve regso         borders of a level unioned from the level below (SCB's key links them)\n"
           "  --draw-within 01         draw only areas in this län or kommun (repeat for more)\n"
           "  --simplify 25            simplify borders by this many metres\n"
           "  --name ID=NAME           rename an indicator\n"
           "Run with --plan to see the dimensions, values and indicator ids without writing anything.\n\n"
           "--recipe FILE.json: read choices and files from FILE when it exists (files given on the command "
           "line replace its files), and write every choice to it afterwards, so that next year's package "
           "is one command: platsatlas-cli pack --recipe FILE.json --output DIR [NEW FILES…]. "
           "See docs/importing.md.\n\n"
           "--to-postgis SERVICE PACKAGE writes a package directory into a new schema of a PostGIS "
           "database (--schema, default the package id); --from-postgis SERVICE --schema SCHEMA --output DIR "
           "writes it back as a directory. SERVICE is a pg_service.conf name or “host=… dbname=…”; "
           "passwords come from ~/.pgpass, PGPASSWORD or pg_service.conf. See docs/postgis.md.");
}

static int
parse_pack_options (int          *argc,
                    char       ***argv,
                    PackOptions  *o)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, N_("The package folder to create (new or empty)"), N_("DIR") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &o->id, N_("The package id"), N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o->title, N_("The package title"), N_("TITLE") },
    { "crs", 0, 0, G_OPTION_ARG_INT, &o->crs, N_("EPSG code for geometry that names no CRS (3006: SWEREF99 TM)"), N_("EPSG") },
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &o->recipe, N_("Read choices from, and record them in, this recipe"), N_("FILE.json") },
    { "select", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->select, N_("Keep this dimension value instead of the total"), N_("DIM=VALUE") },
    { "split", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->split, N_("Make one indicator per value of a dimension"), N_("DIM") },
    { "share", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->share, N_("Add a percentage of a count and a total"), N_("ID=COUNT/TOTAL") },
    { "sum", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->sum, N_("Add a count that sums counts"), N_("ID=ID1+ID2-ID3") },
    { "merge", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->merge, N_("Make one indicator of several tables or levels"), N_("ID=ID1,ID2") },
    { "drop", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->drop, N_("Leave an indicator out of the package"), N_("ID") },
    { "dissolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->dissolve, N_("Union a level's borders from the level below"), N_("LEVEL") },
    { "draw-within", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->draw_within, N_("Draw only areas in this län or kommun"), N_("CODE") },
    { "simplify", 0, 0, G_OPTION_ARG_DOUBLE, &o->simplify, N_("Simplify borders by this many metres"), N_("METRES") },
    { "name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->name, N_("Rename an indicator"), N_("ID=NAME") },
    { "plan", 0, 0, G_OPTION_ARG_NONE, &o->plan, N_("Print what was recognised, write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the report as JSON"), NULL },
    { "to-postgis", 0, 0, G_OPTION_ARG_STRING, &o->to_postgis, N_("Write the package directory PACKAGE into a PostGIS database"), N_("SERVICE") },
    { "from-postgis", 0, 0, G_OPTION_ARG_STRING, &o->from_postgis, N_("Write a package kept in a PostGIS database to --output"), N_("SERVICE") },
    { "schema", 0, 0, G_OPTION_ARG_STRING, &o->schema, N_("The package's schema in the database"), N_("SCHEMA") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(GError) error = NULL;

  g_set_prgname ("platsatlas-cli pack");
  g_option_context_set_summary (context, _("Make a package from statistics and geometry files as SCB publishes them."));
  g_option_context_set_description (context, pack_description ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_fail (CLI_EXIT_USAGE, _("%s (see “platsatlas-cli %s --help”)"), error->message, "pack");
  if (o->to_postgis != NULL || o->from_postgis != NULL)
    return CLI_CONTINUE;
  if (o->output == NULL && !o->plan)
    return cli_fail (CLI_EXIT_USAGE, _("pack needs --output DIR, the package folder to create (see “platsatlas-cli pack --help”)"));
  if (*argc < 2 && o->recipe == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("pack needs at least one FILE, or --recipe (see “platsatlas-cli pack --help”)"));
  if (o->simplify < 0)
    return cli_fail (CLI_EXIT_USAGE, _("--simplify %g: expected a tolerance in metres such as 25"), o->simplify);
  if (o->crs < 0)
    return cli_fail (CLI_EXIT_USAGE, _("--crs %d: expected an EPSG code such as 3006"), o->crs);
  return CLI_CONTINUE;
}

static gboolean
apply_list (AtlasImporter  *importer,
            char          **items,
            gboolean      (*func) (AtlasImporter *, const char *, GError **),
            GError        **error)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (!func (importer, items[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
configure (AtlasImporter  *importer,
           PackOptions    *o,
           int             argc,
           char          **argv,
           GError        **error)
{
  g_autoptr(GFile) recipe = o->recipe != NULL ? g_file_new_for_commandline_arg (o->recipe) : NULL;

  if (o->id != NULL)
    atlas_importer_set_id (importer, o->id);
  if (o->title != NULL)
    atlas_importer_set_title (importer, o->title);
  if (o->crs > 0)
    atlas_importer_set_crs (importer, (guint) o->crs);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);

      atlas_importer_add_file (importer, file);
    }
  if (recipe != NULL && g_file_query_exists (recipe, NULL) &&
      !atlas_importer_load_recipe (importer, recipe, argc < 2, error))
    return FALSE;
  for (guint i = 0; o->split != NULL && o->split[i] != NULL; i++)
    atlas_importer_split (importer, o->split[i]);
  for (guint i = 0; o->drop != NULL && o->drop[i] != NULL; i++)
    atlas_importer_drop (importer, o->drop[i]);
  for (guint i = 0; o->dissolve != NULL && o->dissolve[i] != NULL; i++)
    atlas_importer_dissolve (importer, o->dissolve[i]);
  for (guint i = 0; o->draw_within != NULL && o->draw_within[i] != NULL; i++)
    atlas_importer_draw_within (importer, o->draw_within[i]);
  if (o->simplify > 0)
    atlas_importer_set_simplify (importer, o->simplify);
  return apply_list (importer, o->select, atlas_importer_select, error) &&
         apply_list (importer, o->sum, atlas_importer_add_sum, error) &&
         apply_list (importer, o->merge, atlas_importer_add_merge, error) &&
         apply_list (importer, o->share, atlas_importer_add_share, error) &&
         apply_list (importer, o->name, atlas_importer_rename, error);
}

static int
print_plan (AtlasImporter *importer)
{
  g_autoptr(JsonNode) plan = atlas_importer_get_plan (importer);

  cli_print_json (plan);
  return CLI_EXIT_OK;
}

static int
finish (AtlasImporter *importer,
        PackOptions   *o)
{
  g_autoptr(JsonNode) report = atlas_importer_get_report (importer);
  JsonObject *validation = json_object_get_object_member (json_node_get_object (report), "validation");
  g_autoptr(GError) error = NULL;

  if (o->json)
    cli_print_json (report);
  else
    {
      g_autofree char *text = atlas_importer_format_report (importer);

      fputs (text, stdout);
    }
  if (o->recipe != NULL)
    {
      g_autoptr(GFile) recipe = g_file_new_for_commandline_arg (o->recipe);

      if (!atlas_importer_save_recipe (importer, recipe, &error))
        return cli_fail (CLI_EXIT_DATA, "%s", error->message);
      if (!o->json)
        printf (_("Recipe written: %s\n"), o->recipe);
    }
  return json_object_get_boolean_member (validation, "valid") ? CLI_EXIT_OK : CLI_EXIT_DATA;
}

/* "stockholm-uppsala" → "stockholm_uppsala": a package id as a schema name. */
static char *
schema_for_id (const char *id)
{
  char *schema = g_ascii_strdown (id, -1);

  g_strdelimit (schema, "-", '_');
  return schema;
}

static int
pack_to_postgis (PackOptions *o,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *where = NULL;

  if (argc != 2)
    return cli_fail (CLI_EXIT_USAGE, _("pack --to-postgis needs one PACKAGE, the package directory to write (see “platsatlas-cli pack --help”)"));
  if (o->schema == NULL && (dataset = atlas_dataset_load (argv[1], NULL, &error)) == NULL)
    return cli_fail (CLI_EXIT_DATA, _("Cannot open the package “%s”: %s"), argv[1], error->message);

  schema = o->schema != NULL ? g_strdup (o->schema) : schema_for_id (atlas_dataset_get_id (dataset));
  if (!atlas_postgis_write_package (argv[1], o->to_postgis, schema, &error))
    return cli_fail (CLI_EXIT_DATA, "%s", error->message);

  where = atlas_postgis_describe (o->to_postgis, schema);
  printf (_("Package written to %s\n"), where);
  return CLI_EXIT_OK;
}

static int
pack_from_postgis (PackOptions *o)
{
  g_autoptr(GError) error = NULL;

  if (o->schema == NULL || o->output == NULL)
    return cli_fail (CLI_EXIT_USAGE, _("pack --from-postgis needs --schema SCHEMA and --output DIR (see “platsatlas-cli pack --help”)"));
  if (!atlas_postgis_read_package (o->from_postgis, o->schema, o->output, &error))
    return cli_fail (CLI_EXIT_DATA, "%s", error->message);

  printf (_("Package written: %s\n"), o->output);
  return CLI_EXIT_OK;
}

/**
 * cli_pack:
 * @argc: the argument count
 * @argv: "pack", options, FILE…
 *
 * Returns: 0 when a valid package was written, 1 for unusable files or a
 *   package with problems, 2 for a wrong command line
 */
int
cli_pack (int    argc,
          char **argv)
{
  g_auto(PackOptions) o = { NULL, };
  g_autoptr(AtlasImporter) importer = atlas_importer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) output = NULL;
  int status = parse_pack_options (&argc, &argv, &o);

  if (status != CLI_CONTINUE)
    return status;
  if (o.to_postgis != NULL && o.from_postgis != NULL)
    return cli_fail (CLI_EXIT_USAGE, _("give either --to-postgis or --from-postgis, not both"));
  if (o.to_postgis != NULL)
    return pack_to_postgis (&o, argc, argv);
  if (o.from_postgis != NULL)
    return pack_from_postgis (&o);
  if (!configure (importer, &o, argc, argv, &error))
    return cli_fail (error->code == ATLAS_IMPORT_ERROR_OPTION ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  if (!atlas_importer_inspect (importer, NULL, &error))
    return cli_fail (error->code == ATLAS_IMPORT_ERROR_OPTION ? CLI_EXIT_USAGE : CLI_EXIT_DATA, "%s", error->message);
  if (o.plan)
    return print_plan (importer);

  output = g_file_new_for_commandline_arg (o.output);
  if (!atlas_importer_write (importer, output, NULL, &error))
    return cli_fail (CLI_EXIT_DATA, "%s", error->message);
  return finish (importer, &o);
}
