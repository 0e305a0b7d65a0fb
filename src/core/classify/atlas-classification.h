/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-class-breaks.h"
#include "atlas-palette.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CLASSIFICATION (atlas_classification_get_type ())
G_DECLARE_FINAL_TYPE (AtlasClassification, atlas_classification, ATLAS, CLASSIFICATION, GObject)

/**
 * AtlasClassification:
 *
 * How a choropleth is classified and coloured, shared by the map, figures,
 * the classification panel and saved views: "method" (AtlasClassMethod),
 * "count" (3..9), "pooled" (class boundaries fixed over all years),
 * "manual-breaks" (used by the manual method), "palette-scheme" (NULL: the
 * indicator's default scheme) and "palette-reverse" (the user's toggle on
 * top of the polarity rule).
 *
 * Signals: "changed" once after any property has changed, so that a
 * listener redraws once however many settings it watches.
 */
AtlasClassification *atlas_classification_new                 (void);
/* A new, independent object with the same settings. */
AtlasClassification *atlas_classification_copy                (AtlasClassification *self);
/* Gives @self every setting of @from, manual breaks included, one setter
 * at a time: only what really changes notifies. */
void                 atlas_classification_assign              (AtlasClassification *self,
                                                               AtlasClassification *from);

AtlasClassMethod     atlas_classification_get_method          (AtlasClassification *self);
void                 atlas_classification_set_method          (AtlasClassification *self,
                                                               AtlasClassMethod     method);
guint                atlas_classification_get_count           (AtlasClassification *self);
void                 atlas_classification_set_count           (AtlasClassification *self,
                                                               guint                count);
gboolean             atlas_classification_get_pooled          (AtlasClassification *self);
void                 atlas_classification_set_pooled          (AtlasClassification *self,
                                                               gboolean             pooled);
AtlasClassBreaks    *atlas_classification_get_manual_breaks   (AtlasClassification *self);
void                 atlas_classification_set_manual_breaks   (AtlasClassification *self,
                                                               AtlasClassBreaks    *breaks);
const char          *atlas_classification_get_palette_scheme  (AtlasClassification *self);
/* NULL or "" selects the indicator's default scheme. */
void                 atlas_classification_set_palette_scheme  (AtlasClassification *self,
                                                               const char          *scheme);
gboolean             atlas_classification_get_palette_reverse (AtlasClassification *self);
void                 atlas_classification_set_palette_reverse (AtlasClassification *self,
                                                               gboolean             reverse);

/**
 * atlas_classification_compute_breaks:
 *
 * The class breaks for the indicator's values at the division and year:
 * the manual breaks for the manual method (an error when there are none),
 * else atlas_class_breaks_for_dataset() with the method, count and scope.
 *
 * Returns: (transfer full): the breaks, or NULL with @error set
 */
AtlasClassBreaks    *atlas_classification_compute_breaks      (AtlasClassification *self,
                                                               AtlasDataset        *dataset,
                                                               AtlasIndicator      *indicator,
                                                               AtlasDivision       *division,
                                                               guint                year,
                                                               GError             **error);
/* The manual method without breaks gives quantiles (what the map shows
 * until the user gives breaks). */
AtlasClassBreaks    *atlas_classification_compute_shown_breaks (AtlasClassification *self,
                                                                AtlasDataset        *dataset,
                                                                AtlasIndicator      *indicator,
                                                                AtlasDivision       *division,
                                                                guint                year,
                                                                GError             **error);
/**
 * atlas_classification_create_palette:
 *
 * The colours for @n_classes classes of the indicator, by
 * atlas_palette_new_for_indicator() with the scheme and reverse toggle.
 *
 * Returns: (transfer full): the palette, or NULL with @error set
 */
AtlasPalette        *atlas_classification_create_palette      (AtlasClassification *self,
                                                               AtlasIndicator      *indicator,
                                                               guint                n_classes,
                                                               GError             **error);

G_END_DECLS
