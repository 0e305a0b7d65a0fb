/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "atlas-core.h"

/* A PACKAGE argument starting with this names a package kept in PostGIS:
 * postgis:SERVICE/SCHEMA (docs/postgis.md). */
#define CLI_POSTGIS_PREFIX "postgis:"

G_BEGIN_DECLS

/* Exit statuses: a usage error is something the command line got wrong
 * (an unknown option, package, indicator, level, area or year); a data
 * error is a package that cannot be read or has nothing to show. */
enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_DATA = 1,
  CLI_EXIT_USAGE = 2,
  CLI_CONTINUE = -1,
};

/* One subcommand's entry point: argv[0] is the command name. */
typedef int (*CliCommandFunc) (int argc, char **argv);

int             cli_fail              (int              status,
                                       const char      *format,
                                       ...) G_GNUC_PRINTF (2, 3);
int             cli_parse_options     (const char      *command,
                                       const char      *parameters,
                                       const char      *summary,
                                       const GOptionEntry *entries,
                                       int             *argc,
                                       char          ***argv,
                                       int              n_positional);

AtlasDataset   *cli_open_dataset      (const char      *package,
                                       int             *status);
AtlasIndicator *cli_lookup_indicator  (AtlasDataset    *dataset,
                                       const char      *id,
                                       int             *status);
AtlasDivision  *cli_lookup_division   (AtlasDataset    *dataset,
                                       const char      *id,
                                       int             *status);
gboolean        cli_check_year        (AtlasDataset    *dataset,
                                       int              year,
                                       int             *status);

/* --filter: the areas of @division shown in @year (NULL with *mask NULL
 * when there is no filter); fails when the text is wrong or the filter
 * does not apply at the level. */
gboolean        cli_lookup_filter     (AtlasDataset    *dataset,
                                       const char      *text,
                                       AtlasDivision   *division,
                                       guint            year,
                                       AtlasAreaFilter **filter,
                                       gboolean       **mask,
                                       int             *status);

char           *cli_format_value      (double           value,
                                       guint            decimals);
char           *cli_format_number     (double           value);
char           *cli_pad               (const char      *text,
                                       int              width);
void            cli_csv_append_field  (GString         *line,
                                       const char      *field,
                                       gboolean         last);
void            cli_print_json        (JsonNode        *root);
void            cli_json_string       (JsonBuilder     *builder,
                                       const char      *value);
void            cli_json_number       (JsonBuilder     *builder,
                                       double           value);
void            cli_json_add_string   (JsonBuilder     *builder,
                                       const char      *member,
                                       const char      *value);
void            cli_json_add_number   (JsonBuilder     *builder,
                                       const char      *member,
                                       double           value);

int             cli_info              (int              argc,
                                       char           **argv);
int             cli_validate          (int              argc,
                                       char           **argv);
int             cli_values            (int              argc,
                                       char           **argv);
int             cli_classify          (int              argc,
                                       char           **argv);
int             cli_compare           (int              argc,
                                       char           **argv);
int             cli_export            (int              argc,
                                       char           **argv);
int             cli_pack              (int              argc,
                                       char           **argv);

G_END_DECLS
