/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-util.h"

/* The input as manifest.json of an otherwise valid package. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *package;

  fuzz_init ();
  package = fuzz_package ("geojson");
  fuzz_write (package, "manifest.json", data, size);
  fuzz_validate (package);
  return 0;
}
