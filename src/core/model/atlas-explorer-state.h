/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-area.h"
#include "atlas-area-filter.h"
#include "atlas-classification.h"
#include "atlas-dataset.h"
#include "atlas-division.h"
#include "atlas-indicator.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPLORER_STATE (atlas_explorer_state_get_type ())
G_DECLARE_FINAL_TYPE (AtlasExplorerState, atlas_explorer_state, ATLAS, EXPLORER_STATE, GObject)

/**
 * AtlasExplorerState:
 *
 * Everything the user is looking at, in one GTK-free object that every
 * view watches (the way libshumate's ShumateViewport is the model of its
 * layers): the map, the legend, the panels, the presentation card and the
 * saved views bind to it and never to each other. A saved view is this
 * object serialised (atlas-saved-view.c), and a figure is drawn from it
 * (atlas_figure_new_for_state()), in the app and the CLI alike.
 *
 * Properties, all notifying once per real change (setting the same value
 * notifies nothing):
 * - "dataset": the open AtlasDataset, or NULL; "package": its path (set
 *   with the dataset, or alone by a saved view that wants another package
 *   opened);
 * - "level" (division id), "indicator" (indicator id), "year" (0: none);
 * - "since-year": a change map from this year to "year" (0: none, the
 *   year's values); the map and figures show the change while
 *   atlas_change_check() accepts it (an earlier year of the package, an
 *   indicator with numbers) and the year's values otherwise, so it is
 *   kept across year and indicator steps; saved with a view;
 * - "classification": the AtlasClassification (method, count, pooled or
 *   one year, manual breaks, palette scheme and reversal), owned by the
 *   state for its lifetime; its changes are the state's changes;
 * - "region": the area code a figure is framed on ("" none);
 * - "latitude", "longitude", "zoom": the camera (zoom 0: frame the level);
 * - "selection": the selected area codes (a strv), shared by every view;
 * - "compare-a", "compare-b": the area codes of the comparison ("" none);
 * - "filter-indicator", "filter-codes": a category indicator (such as
 *   områdestyp) and the category codes allowed through ("" and empty: no
 *   filter);
 * - "presenting": presentation mode;
 * - "highlight", "highlight-owner" (read-only, set together with
 *   atlas_explorer_state_set_highlight()): the area codes a panel draws
 *   alone on the map (a type, a number of flags), and which panel; not
 *   copied, assigned or saved, as "presenting".
 *
 * Signals: "changed" once after any number of properties have changed in
 * one setter call or between atlas_explorer_state_freeze() and
 * atlas_explorer_state_thaw() (g_object_freeze_notify() alone batches the
 * notifications but not "changed").
 */
AtlasExplorerState *atlas_explorer_state_new            (void);
/* An independent copy of every field but "presenting" and the highlight;
 * the dataset is shared (it is immutable) and the classification copied. */
AtlasExplorerState *atlas_explorer_state_copy           (AtlasExplorerState *self);
/* Makes @self show what @from shows (every field but "dataset",
 * "presenting" and the highlight), in one batch: one "changed", one
 * notify per field that really changed. */
void                atlas_explorer_state_assign         (AtlasExplorerState *self,
                                                         AtlasExplorerState *from);
void                atlas_explorer_state_freeze         (AtlasExplorerState *self);
void                atlas_explorer_state_thaw           (AtlasExplorerState *self);

AtlasDataset       *atlas_explorer_state_get_dataset    (AtlasExplorerState *self);
/* Also sets "package" to the dataset's path. */
void                atlas_explorer_state_set_dataset    (AtlasExplorerState *self,
                                                         AtlasDataset       *dataset);
const char         *atlas_explorer_state_get_package    (AtlasExplorerState *self);
void                atlas_explorer_state_set_package    (AtlasExplorerState *self,
                                                         const char         *package);
const char         *atlas_explorer_state_get_level      (AtlasExplorerState *self);
void                atlas_explorer_state_set_level      (AtlasExplorerState *self,
                                                         const char         *level);
const char         *atlas_explorer_state_get_indicator  (AtlasExplorerState *self);
void                atlas_explorer_state_set_indicator  (AtlasExplorerState *self,
                                                         const char         *indicator);
guint               atlas_explorer_state_get_year       (AtlasExplorerState *self);
void                atlas_explorer_state_set_year       (AtlasExplorerState *self,
                                                         guint               year);
guint               atlas_explorer_state_get_since_year (AtlasExplorerState *self);
void                atlas_explorer_state_set_since_year (AtlasExplorerState *self,
                                                         guint               since_year);
AtlasClassification *atlas_explorer_state_get_classification (AtlasExplorerState *self);
const char         *atlas_explorer_state_get_region     (AtlasExplorerState *self);
void                atlas_explorer_state_set_region     (AtlasExplorerState *self,
                                                         const char         *code);
void                atlas_explorer_state_get_camera     (AtlasExplorerState *self,
                                                         double             *latitude,
                                                         double             *longitude,
                                                         double             *zoom);
void                atlas_explorer_state_set_camera     (AtlasExplorerState *self,
                                                         double              latitude,
                                                         double              longitude,
                                                         double              zoom);
/* The selected area codes, NULL-terminated, never NULL (transfer none). */
const char * const *atlas_explorer_state_get_selection  (AtlasExplorerState *self);
/* Duplicates are dropped; the order is kept. NULL clears. */
void                atlas_explorer_state_set_selection  (AtlasExplorerState *self,
                                                         const char * const *codes);
/* Selects only @code (NULL or "": nothing). */
void                atlas_explorer_state_select         (AtlasExplorerState *self,
                                                         const char         *code);
/* Adds @code to the selection, or removes it when it is selected. */
void                atlas_explorer_state_toggle_selected (AtlasExplorerState *self,
                                                          const char         *code);
gboolean            atlas_explorer_state_is_selected    (AtlasExplorerState *self,
                                                         const char         *code);
const char         *atlas_explorer_state_get_compare_a  (AtlasExplorerState *self);
const char         *atlas_explorer_state_get_compare_b  (AtlasExplorerState *self);
/* NULL or "" for none. */
void                atlas_explorer_state_set_compare    (AtlasExplorerState *self,
                                                         const char         *code_a,
                                                         const char         *code_b);
const char         *atlas_explorer_state_get_filter_indicator (AtlasExplorerState *self);
/* NULL-terminated, never NULL (transfer none). */
const char * const *atlas_explorer_state_get_filter_codes (AtlasExplorerState *self);
/* @indicator NULL or "" (and @codes ignored) for no filter. */
void                atlas_explorer_state_set_filter     (AtlasExplorerState *self,
                                                         const char         *indicator,
                                                         const char * const *codes);
/* The filter as core applies it (map, legend counts, rankings, figures):
 * NULL without a filter, without a dataset, when the dataset has no such
 * category indicator or no code is a whole number. (transfer full) */
AtlasAreaFilter    *atlas_explorer_state_dup_area_filter (AtlasExplorerState *self);
gboolean            atlas_explorer_state_get_presenting (AtlasExplorerState *self);
void                atlas_explorer_state_set_presenting (AtlasExplorerState *self,
                                                         gboolean            presenting);

/* The codes drawn alone: empty (and has_highlight() FALSE) without a
 * highlight. */
const char * const *atlas_explorer_state_get_highlight  (AtlasExplorerState *self);
const char         *atlas_explorer_state_get_highlight_owner (AtlasExplorerState *self);
gboolean            atlas_explorer_state_has_highlight  (AtlasExplorerState *self);
/* @owner names who sets it (a panel). @codes NULL clears the highlight
 * only when @owner set it, so one panel never clears another's; an empty
 * list draws no area. */
void                atlas_explorer_state_set_highlight  (AtlasExplorerState *self,
                                                         const char         *owner,
                                                         const char * const *codes);

/* The objects the ids name in the dataset (transfer none), or NULL when
 * there is no dataset or it has no such thing. */
AtlasDivision      *atlas_explorer_state_lookup_division  (AtlasExplorerState *self);
AtlasIndicator     *atlas_explorer_state_lookup_indicator (AtlasExplorerState *self);
AtlasArea          *atlas_explorer_state_lookup_area      (AtlasExplorerState *self,
                                                           const char         *code);
/* The first selected area that the dataset has, or NULL. */
AtlasArea          *atlas_explorer_state_lookup_selected  (AtlasExplorerState *self);

/* TRUE while "package" names another package than the dataset's: a saved
 * view asked for it and it is loading, so the ids may not be the
 * dataset's. Views wait for the package rather than show half of it. */
gboolean            atlas_explorer_state_awaits_package (AtlasExplorerState *self);

/* The class breaks the map shows for the state: its classification's, but
 * quantiles while the manual method has no breaks yet (rather than an empty
 * map). NULL with @error set when there is nothing to classify. */
AtlasClassBreaks   *atlas_explorer_state_compute_breaks (AtlasExplorerState *self,
                                                         GError            **error);

/* TRUE when both show the same package, level, indicator, year (year 0
 * in @view stands for any year) and since-year. */
gboolean            atlas_explorer_state_shows_same     (AtlasExplorerState *self,
                                                         AtlasExplorerState *view);

G_END_DECLS
