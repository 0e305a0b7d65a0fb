/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* `platsatlas-cli export PACKAGE --indicator ID --year YEAR --level LEVEL ...`
 * argv[0] is the command name ("export"). Returns the exit status:
 * 0 success, 1 a data or file problem, 2 a usage mistake. */
int atlas_cli_export (int    argc,
                      char **argv);
