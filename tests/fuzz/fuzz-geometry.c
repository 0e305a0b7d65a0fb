/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-util.h"

/* The input as the geometry file of an otherwise valid package. Its first
 * byte chooses the file name's extension, which GDAL's drivers look at;
 * the rest is the file. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char * const extensions[] = { "geojson", "gpkg", "fgb", "csv" };

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *extension;
  const char *package;
  g_autofree char *file = NULL;

  if (size < 1)
    return 0;

  fuzz_init ();
  extension = extensions[data[0] % G_N_ELEMENTS (extensions)];
  package = fuzz_package (extension);
  file = g_strdup_printf ("geo/kommun.%s", extension);
  fuzz_write (package, file, data + 1, size - 1);
  fuzz_validate (package);
  return 0;
}
