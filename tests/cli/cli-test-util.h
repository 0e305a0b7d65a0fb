/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "atlas-core.h"

G_BEGIN_DECLS

/* Helpers the CLI tests share: running the built platsatlas-cli (its path
 * in $PLATSATLAS_CLI), reading its JSON, and loading the same packages
 * in-process to compare with. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

void          cli_run_clear          (CliRun             *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

void          cli_test_runv          (CliRun             *run,
                                      const char * const *args);
void          cli_test_run           (CliRun             *run,
                                      const char         *first,
                                      ...);
JsonNode     *cli_test_parse_json    (const char         *text);
AtlasDataset *cli_test_load_packaged (const char         *id);

G_END_DECLS
