/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-core.h"
#include "fuzz-util.h"

/* The input as a saved views file (views.json). */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *package;
  g_autofree char *path = NULL;
  g_autoptr(GListStore) views = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  package = fuzz_package ("geojson");
  fuzz_write (package, "views.json", data, size);
  path = g_build_filename (package, "views.json", NULL);
  views = atlas_saved_views_load (path, &error);
  g_assert ((views == NULL) == (error != NULL));
  return 0;
}
