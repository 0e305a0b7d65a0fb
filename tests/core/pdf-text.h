/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of the PDF at @path through pdftotext, white space collapsed
 * to single spaces; NULL when pdftotext is not installed. */
char *pdf_text (const char *path);

G_END_DECLS
