/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SEARCH (atlas_search_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSearch, atlas_search, ATLAS, SEARCH, GtkWidget)

/**
 * AtlasSearch:
 *
 * A search entry that finds areas of every level with geometry by name or
 * code, ignoring case and diacritics, and offers them in a popover. Choosing
 * one emits "area-chosen".
 */
GtkWidget    *atlas_search_new         (void);
void          atlas_search_set_dataset (AtlasSearch  *self,
                                        AtlasDataset *dataset);
AtlasDataset *atlas_search_get_dataset (AtlasSearch  *self);
/* The text entry, to focus it or type into it */
GtkEditable  *atlas_search_get_entry   (AtlasSearch  *self);
/* The current matches, best first (a GListModel of AtlasArea) */
GListModel   *atlas_search_get_results (AtlasSearch  *self);

G_END_DECLS
