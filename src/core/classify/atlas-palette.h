/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-indicator.h"

G_BEGIN_DECLS

/** AtlasColor: sRGB components 0–1. */
typedef struct
{
  double red;
  double green;
  double blue;
} AtlasColor;

typedef enum
{
  ATLAS_PALETTE_KIND_SEQUENTIAL,
  ATLAS_PALETTE_KIND_DIVERGING,
  ATLAS_PALETTE_KIND_CATEGORICAL,
} AtlasPaletteKind;

typedef enum
{
  ATLAS_CVD_NONE,
  ATLAS_CVD_PROTANOPIA,
  ATLAS_CVD_DEUTERANOPIA,
  ATLAS_CVD_TRITANOPIA,
} AtlasCvd;

/**
 * AtlasPalette:
 *
 * Immutable, reference-counted list of class colours from a named scheme:
 * ColorBrewer sequential and diverging schemes ("Blues", "YlGnBu", "RdBu"...),
 * "viridis", "cividis", and "omradestyp" (SCB's five area-type colours).
 */
typedef struct _AtlasPalette AtlasPalette;

#define ATLAS_TYPE_PALETTE (atlas_palette_get_type ())

GType               atlas_palette_get_type         (void) G_GNUC_CONST;

/* NULL-terminated, static */
const char * const *atlas_palette_list_schemes     (void);
gboolean            atlas_palette_scheme_exists    (const char *scheme);
AtlasPaletteKind    atlas_palette_scheme_get_kind  (const char *scheme);
/* Translated display label */
const char         *atlas_palette_scheme_get_label (const char *scheme);
gboolean            atlas_palette_scheme_is_colorblind_safe (const char *scheme);

/* The colour-blind-safe default scheme for an indicator (sequential, or the
 * official colours for områdestyp-like category indicators). */
const char         *atlas_palette_default_scheme   (AtlasIndicator *indicator);
/* Whether the scheme must run reversed so that "worse" always reads the
 * same way (darker, more intense) whatever the indicator's polarity.
 *
 * The rule: sequential schemes (viridis and cividis included) run light →
 * dark for low → high values, so that darker means more. Neutral and
 * lower-is-better indicators keep that order; higher-is-better indicators
 * run reversed, so that darker always means worse. This function states the
 * rule for sequential schemes; atlas_palette_scheme_reverse_for_polarity()
 * applies it to any scheme (diverging schemes put their warm end on the worse
 * side, so they are reversed for lower-is-better indicators; categorical
 * schemes never are). */
gboolean            atlas_palette_reverse_for_polarity (AtlasPolarity polarity);
gboolean            atlas_palette_scheme_reverse_for_polarity (const char    *scheme,
                                                               AtlasPolarity  polarity);

/* n_colors 2..9 (exact ColorBrewer sets for 3–9; for 2, the two ends of
 * the 3-colour set); "omradestyp" takes exactly 5. All sequential schemes
 * (viridis and cividis too) run light → dark.
 * Error ATLAS_DATASET_ERROR_UNKNOWN for an unknown scheme,
 * G_IO_ERROR_INVALID_ARGUMENT for a number of colours the scheme lacks. */
AtlasPalette       *atlas_palette_new              (const char *scheme,
                                                    guint       n_colors,
                                                    gboolean    reverse,
                                                    GError    **error);
/* The colours the map and every figure use for an indicator, so that the
 * two always agree: a category indicator wears its own colours; otherwise
 * @scheme (NULL or "": the default scheme), oriented so that
 * "worse" reads the same way (atlas_palette_scheme_reverse_for_polarity),
 * then flipped once more when the user asked for @user_reverse. */
AtlasPalette       *atlas_palette_new_for_indicator (AtlasIndicator *indicator,
                                                     const char     *scheme,
                                                     guint           n_colors,
                                                     gboolean        user_reverse,
                                                     GError        **error);
/* The package's own colours of a category indicator (områdestyp), one per
 * category in the indicator's order; scheme name "categories". */
AtlasPalette       *atlas_palette_new_for_categories (AtlasIndicator *indicator,
                                                      GError        **error);
AtlasPalette       *atlas_palette_ref              (AtlasPalette *self);
void                atlas_palette_unref            (AtlasPalette *self);
const char         *atlas_palette_get_scheme       (const AtlasPalette *self);
guint               atlas_palette_get_n_colors     (const AtlasPalette *self);
gboolean            atlas_palette_is_reversed      (const AtlasPalette *self);
const AtlasColor   *atlas_palette_get_color        (const AtlasPalette *self,
                                                    guint               index);
/* The colour for areas without a value: neutral grey, drawn hatched. */
void                atlas_palette_get_missing_color (AtlasColor *color);

/* Simulation of colour-vision deficiencies (Machado et al. 2009, severity 1). */
void                atlas_color_simulate_cvd       (const AtlasColor *color,
                                                    AtlasCvd          cvd,
                                                    AtlasColor       *result);
/* "#rrggbb" */
char               *atlas_color_to_hex             (const AtlasColor *color);
gboolean            atlas_color_parse_hex          (const char       *hex,
                                                    AtlasColor       *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasPalette, atlas_palette_unref)

G_END_DECLS
