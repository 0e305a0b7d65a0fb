/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-explorer-state.h"
#include "atlas-figure.h"

G_BEGIN_DECLS

/**
 * atlas_figure_new_for_state:
 * @state: what the user is looking at, with its dataset set
 *
 * The figure of what @state shows: its dataset, indicator, level, year
 * (0: the newest year with values of the indicator), since-year (a change
 * map when atlas_change_check() accepts it, as the map shows one; else
 * the year's values), region and a copy of its classification (method, count,
 * scope, manual breaks, palette), so
 * that the app's export and `platsatlas-cli export --view` draw the same
 * page from the same state. Later changes of @state do not reach the
 * figure. Page, dpi, texts, language and style keep their defaults.
 *
 * Errors: ATLAS_DATASET_ERROR_UNKNOWN naming the dataset and the id it
 * does not have; ATLAS_DATASET_ERROR_NO_DATA without a dataset.
 *
 * Returns: (transfer full): the figure, or NULL with @error set
 */
AtlasFigure *atlas_figure_new_for_state (AtlasExplorerState  *state,
                                         GError             **error);

G_END_DECLS
