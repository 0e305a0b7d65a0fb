/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_DETAILS (atlas_details_get_type ())
G_DECLARE_FINAL_TYPE (AtlasDetails, atlas_details, ATLAS, DETAILS, GtkWidget)

/**
 * AtlasDetails:
 *
 * The sidebar pane that describes the selected area: its value for the
 * indicator and year, the values of its parent and riket for comparison,
 * why a value is missing, and what the indicator means.
 */
GtkWidget      *atlas_details_new           (void);
void            atlas_details_set_dataset   (AtlasDetails   *self,
                                             AtlasDataset   *dataset);
AtlasDataset   *atlas_details_get_dataset   (AtlasDetails   *self);
void            atlas_details_set_indicator (AtlasDetails   *self,
                                             AtlasIndicator *indicator);
AtlasIndicator *atlas_details_get_indicator (AtlasDetails   *self);
void            atlas_details_set_year      (AtlasDetails   *self,
                                             guint           year);
/* Ranks among the areas the filter shows (NULL: all). */
void            atlas_details_set_filter    (AtlasDetails   *self,
                                             AtlasAreaFilter *filter);
guint           atlas_details_get_year      (AtlasDetails   *self);
void            atlas_details_set_area      (AtlasDetails   *self,
                                             AtlasArea      *area);
AtlasArea      *atlas_details_get_area      (AtlasDetails   *self);
/* Describe the state's selected area with its package, indicator, year
 * and filter from now on. */
void            atlas_details_set_state     (AtlasDetails       *self,
                                             AtlasExplorerState *state);
/* The heading as shown (the area's display name), for tests */
const char     *atlas_details_get_heading   (AtlasDetails   *self);
/* The value as shown, "4,1 %" or "Uppgift saknas för 2019" (for tests) */
const char     *atlas_details_get_value_text (AtlasDetails  *self);
/* The area type or type shares as shown, each with its year, or NULL */
const char     *atlas_details_get_type_text (AtlasDetails   *self);
/* The rank line as shown, or NULL when hidden (for tests) */
const char     *atlas_details_get_rank_text (AtlasDetails   *self);

G_END_DECLS
