/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double bench_median (double *values,
                     guint   n);
/* @runs, or 1 when PLATSATLAS_BENCH_QUICK is set: the test suite runs every
 * benchmark once that way, so that none can rot unnoticed. */
guint  bench_runs   (guint   runs);
char  *bench_json_escape (const char *text);

G_END_DECLS
