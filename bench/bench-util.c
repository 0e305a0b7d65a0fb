/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every benchmark shares: each reports the median of its runs. */
#include <stdlib.h>

#include "bench-util.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * bench_median:
 * @values: (inout): the run times, sorted in place
 * @n: how many, at least one
 *
 * Returns: the middle value (the upper one for even @n)
 */
double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/**
 * bench_runs:
 * @runs: how many runs a measurement takes
 *
 * Returns: @runs, or 1 in quick mode (PLATSATLAS_BENCH_QUICK set)
 */
guint
bench_runs (guint runs)
{
  return g_getenv ("PLATSATLAS_BENCH_QUICK") != NULL ? 1 : runs;
}

/**
 * bench_json_escape:
 * @text: UTF-8 text, such as an error message for a "skipped" field
 *
 * Returns: (transfer full): @text for inside a JSON string: quotes,
 *   backslashes and control characters escaped, other characters as they
 *   are (g_strescape() writes non-ASCII bytes as octal escapes, which JSON
 *   does not have)
 */
char *
bench_json_escape (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (escaped, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (escaped, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}
