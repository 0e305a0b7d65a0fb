/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks JSON text before json-glib parses it. json-glib recurses once per
 * nesting level, so a file nested 100 000 deep overflows the stack, and
 * it keeps the last of two equal keys without a word. Returns FALSE with
 * the line (from 1) and a translated message saying what was expected,
 * when the text is nested deeper than @max_depth, holds a NUL byte or an
 * object with a key twice. Text that is not JSON at all passes: json-glib
 * reports that. */
gboolean atlas_json_scan (const char *text,
                          gsize       length,
                          guint       max_depth,
                          guint      *line,
                          char      **message);

G_END_DECLS
