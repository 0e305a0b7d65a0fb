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
