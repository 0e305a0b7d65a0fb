/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "atlas-import-private.h"

/* SCB's area codes: län NN, kommun NNNN, RegSO NNNNRNNN, DeSO
 * NNNN[ABC]NNNN, sometimes with a version suffix (_RegSO2025) and, after
 * a trip through a spreadsheet, without their leading zero. */

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The län codes in use since 1998 (Skåne 12, Västra Götaland 14). */
static gboolean
is_lan (const char *code)
{
  static const char *const codes[] = {
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14",
    "17", "18", "19", "20", "21", "22", "23", "24", "25",
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (code[0] == codes[i][0] && code[1] == codes[i][1])
      return TRUE;
  return FALSE;
}

ImportLevel
atlas_import_code_level (const char *code)
{
  gsize n = code != NULL ? strlen (code) : 0;

  /* Every SCB code starts with a län; this also keeps most counts in
   * value columns from passing for kommun codes. */
  if (n < 2 || !is_lan (code))
    return IMPORT_LEVEL_NONE;

  if (n == 2 && all_digits (code, 2) && strcmp (code, "00") != 0)
    return IMPORT_LEVEL_LAN;
  if (n == 4 && all_digits (code, 4))
    return IMPORT_LEVEL_KOMMUN;
  if (n == 8 && all_digits (code, 4) && code[4] == 'R' && all_digits (code + 5, 3))
    return IMPORT_LEVEL_REGSO;
  if (n == 9 && all_digits (code, 4) && strchr ("ABC", code[4]) != NULL && all_digits (code + 5, 4))
    return IMPORT_LEVEL_DESO;
  return IMPORT_LEVEL_NONE;
}

/* "DeSO2025" → "DeSO 2025" */
static char *
suffix_version (const char *suffix)
{
  gsize n = strcspn (suffix, "0123456789");

  if (n == 0 || !all_digits (suffix + n, 4) || suffix[n + 4] != '\0')
    return NULL;
  return g_strdup_printf ("%.*s %s", (int) n, suffix, suffix + n);
}

/**
 * atlas_import_normalize_code:
 * @text: a cell as the file has it
 * @version: (out) (optional): the division version of a suffix, or %NULL
 * @padded: (out) (optional): whether a lost leading zero was put back
 *
 * Returns: (transfer full) (nullable): the SCB area code, or %NULL when
 *   @text is not one
 */
char *
atlas_import_normalize_code (const char  *text,
                             char       **version,
                             gboolean    *padded)
{
  g_autofree char *code = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *underscore = strchr (code, '_');
  g_autofree char *fixed = NULL;

  if (version != NULL)
    *version = NULL;
  if (padded != NULL)
    *padded = FALSE;

  if (underscore != NULL)
    {
      if (version != NULL)
        *version = suffix_version (underscore + 1);
      *underscore = '\0';
    }
  /* Spreadsheets turn 0114 into 114.0 */
  if (g_str_has_suffix (code, ".0") && all_digits (code, strlen (code) - 2))
    code[strlen (code) - 2] = '\0';

  if (atlas_import_code_level (code) != IMPORT_LEVEL_NONE)
    return g_steal_pointer (&code);

  fixed = g_strconcat ("0", code, NULL);
  if ((strlen (code) == 1 || strlen (code) == 3 || strlen (code) == 7 || strlen (code) == 8) &&
      atlas_import_code_level (fixed) != IMPORT_LEVEL_NONE)
    {
      if (padded != NULL)
        *padded = TRUE;
      return g_steal_pointer (&fixed);
    }

  if (version != NULL)
    g_clear_pointer (version, g_free);
  return NULL;
}

char *
atlas_import_parent_code (const char  *code,
                          ImportLevel  parent_level)
{
  switch (parent_level)
    {
    case IMPORT_LEVEL_LAN:
      return g_strndup (code, 2);
    case IMPORT_LEVEL_KOMMUN:
      return g_strndup (code, 4);
    case IMPORT_LEVEL_NONE:
    case IMPORT_LEVEL_REGSO:
    case IMPORT_LEVEL_DESO:
    case IMPORT_N_LEVELS:
    default:
      return NULL;
    }
}

const char *
atlas_import_level_id (ImportLevel level)
{
  static const char *const ids[] = { NULL, "lan", "kommun", "regso", "deso" };

  g_return_val_if_fail (level < IMPORT_N_LEVELS, NULL);
  return ids[level];
}

/* "Upplands Väsby (Bollstanäs)": a kommun's name, then the area's. */
gboolean
atlas_import_is_area_label (const char *text)
{
  const char *open = text != NULL ? strchr (text, '(') : NULL;
  gsize n = text != NULL ? strlen (text) : 0;

  while (n > 0 && g_ascii_isspace (text[n - 1]))
    n--;
  return open != NULL && open > text && n > 0 && text[n - 1] == ')' &&
         strchr (open + 1, '(') == NULL;
}

/* An identifier for the manifest: lower case ASCII, digits and '_'. */
char *
atlas_import_slug (const char *text)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);
  g_autofree char *ascii = g_str_to_ascii (folded, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, *p);
      else if (slug->len > 0 && slug->str[slug->len - 1] != '_')
        g_string_append_c (slug, '_');
      if (slug->len >= 40)
        break;
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '_')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0 || !g_ascii_isalpha (slug->str[0]))
    g_string_prepend (slug, "v_");
  return g_string_free (slug, FALSE);
}

/* The keys of a hash table, owned by it (GLib 2.74 has no
 * g_hash_table_get_keys_as_ptr_array). */
GPtrArray *
atlas_import_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  return keys;
}
