/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TYPE_PANEL (atlas_type_panel_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTypePanel, atlas_type_panel, ATLAS, TYPE_PANEL, GtkWidget)

/**
 * AtlasTypePanel:
 *
 * The state's indicator broken down by area type (områdestyp) for the
 * state's year: per type the number of areas and the value by the
 * indicator's own aggregation rule, inside the selected län or kommun
 * (else riket). It follows the state's dataset, indicator, year and
 * selection; the numbers are those of `platsatlas-cli by-type`
 * (AtlasTypeBreakdown).
 */
GtkWidget          *atlas_type_panel_new           (AtlasExplorerState *state);
/* The breakdown shown, or NULL when the package has no area types. */
AtlasTypeBreakdown *atlas_type_panel_get_breakdown (AtlasTypePanel *self);

G_END_DECLS
