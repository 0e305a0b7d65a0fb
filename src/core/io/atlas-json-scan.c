/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "atlas-json-scan-private.h"

/* One open object or array; objects remember their keys. */
typedef struct
{
  GHashTable *keys;       /* NULL for an array */
  gboolean    expect_key;
} Frame;

typedef struct
{
  const char *text;
  gsize       length;
  gsize       i;
  guint       line;
  GArray     *stack;      /* Frame */
  char       *message;
} Scan;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

/* Skips a string starting at the quote; returns it raw, escapes kept. */
static char *
scan_string (Scan *s)
{
  gsize start = ++s->i;

  while (s->i < s->length && s->text[s->i] != '"')
    {
      if (s->text[s->i] == '\\' && s->i + 1 < s->length)
        s->i++;
      else if (s->text[s->i] == '\n')
        s->line++;
      s->i++;
    }

  return g_strndup (s->text + start, s->i - start);
}

static gboolean
check_key (Scan *s,
           char *key)
{
  Frame *top = &g_array_index (s->stack, Frame, s->stack->len - 1);

  top->expect_key = FALSE;
  if (g_hash_table_add (top->keys, key))
    return TRUE;

  s->message = g_strdup_printf (_("the key “%s” appears twice in one object; expected each key once"),
                                key);
  return FALSE;
}

static gboolean
open_frame (Scan     *s,
            gboolean  is_object,
            guint     max_depth)
{
  Frame frame = { NULL, is_object };

  if (s->stack->len >= max_depth)
    {
      s->message = g_strdup_printf (_("nested deeper than %u levels; expected at most %u levels of objects and arrays"),
                                    max_depth, max_depth);
      return FALSE;
    }
  if (is_object)
    frame.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_array_append_val (s->stack, frame);
  return TRUE;
}

static gboolean
scan_char (Scan  *s,
           guint  max_depth)
{
  char c = s->text[s->i];
  Frame *top = s->stack->len > 0 ? &g_array_index (s->stack, Frame, s->stack->len - 1) : NULL;

  switch (c)
    {
    case '\0':
      s->message = g_strdup (_("a NUL byte; expected UTF-8 text"));
      return FALSE;
    case '\n':
      s->line++;
      return TRUE;
    case '{':
    case '[':
      return open_frame (s, c == '{', max_depth);
    case '}':
    case ']':
      if (top != NULL)
        g_array_set_size (s->stack, s->stack->len - 1);
      return TRUE;
    case ',':
      if (top != NULL && top->keys != NULL)
        top->expect_key = TRUE;
      return TRUE;
    case '"':
      if (top != NULL && top->keys != NULL && top->expect_key)
        return check_key (s, scan_string (s));
      g_free (scan_string (s));
      return TRUE;
    default:
      return TRUE;
    }
}

gboolean
atlas_json_scan (const char *text,
                 gsize       length,
                 guint       max_depth,
                 guint      *line,
                 char      **message)
{
  Scan s = { text, length, 0, 1, g_array_new (FALSE, FALSE, sizeof (Frame)), NULL };
  gboolean ok = TRUE;

  g_array_set_clear_func (s.stack, frame_clear);
  for (; s.i < length && ok; s.i++)
    ok = scan_char (&s, max_depth);

  *line = s.line;
  *message = s.message;
  g_array_unref (s.stack);
  return ok;
}
