/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-import-private.h"
#include "fuzz-util.h"

/* The input as one statistics file handed to the importer, the way pack
 * and the import assistant read it: recognised by content, under the file
 * name FUZZ_IMPORT_NAME (the name is only a hint and appears in messages).
 * One build of this file per reader: PxWeb JSON, JSON-stat, SCB CSV, XLSX. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ImportTable *table;

  fuzz_init ();
  bytes = g_bytes_new (data, size);
  table = atlas_import_read_table (bytes, FUZZ_IMPORT_NAME, &error);
  g_assert ((table == NULL) == (error != NULL));
  if (table != NULL)
    atlas_import_table_free (table);
  return 0;
}
