/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PROFILE_VIEW (atlas_profile_view_get_type ())
G_DECLARE_FINAL_TYPE (AtlasProfileView, atlas_profile_view, ATLAS, PROFILE_VIEW, GtkWidget)

/**
 * AtlasProfileView:
 *
 * The area profile (spine chart) of the selected area, drawn by
 * atlas_area_profile_draw() as the PDF fact sheet shows it, scaled to the
 * widget. Driven by setters: the dataset, the year and the area (the
 * first code of the shared selection).
 */
GtkWidget        *atlas_profile_view_new         (void);
/* NULL @area (or dataset) clears the view. */
void              atlas_profile_view_set_area    (AtlasProfileView *self,
                                                  AtlasDataset     *dataset,
                                                  AtlasArea        *area,
                                                  guint             year);
AtlasAreaProfile *atlas_profile_view_get_profile (AtlasProfileView *self);

G_END_DECLS
