/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hostile package corpus (tests/data/hostile/README.md), shared by
 * the core, CLI and app tests. Small cases are folders in
 * tests/data/hostile; large, special or machine-dependent ones (a FIFO, a
 * link to /dev/zero, a 5 GB sparse file, a zip bomb) are generated into a
 * temporary folder at test time. */

typedef struct
{
  const char *name;
  const char *file;    /* the first problem's file; NULL: the package */
  const char *phrase;  /* in the first problem's message (English) */
  void      (*build) (const char *path); /* NULL: a folder in tests/data/hostile */
} HostileCase;

const HostileCase *hostile_corpus_cases  (guint             *n_cases);
/* Where the case's package is, generated into @scratch if need be. */
char              *hostile_corpus_path   (const HostileCase *c,
                                          const char        *scratch);
char              *hostile_corpus_scratch (void);
void               hostile_corpus_remove (const char        *scratch);

G_END_DECLS
