/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pdf-text.h"

/* The PDF's text with all white space collapsed to single spaces, or NULL
 * when pdftotext is not installed. */
char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  int status;

  if (program == NULL)
    return NULL;
  argv[0] = program;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  words = g_strsplit_set (out, " \n\t\f\r", -1);
  {
    g_autoptr(GString) text = g_string_new (NULL);
    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
    return g_string_free (g_steal_pointer (&text), FALSE);
  }
}
