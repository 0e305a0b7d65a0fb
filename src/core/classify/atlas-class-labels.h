/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-class-breaks.h"
#include "atlas-division.h"
#include "atlas-palette.h"

G_BEGIN_DECLS

/* The words of a legend, in one place for the map's legend and every
 * figure, so that both say the same (see atlas-class-labels.c). */
char       **atlas_class_breaks_dup_labels      (const AtlasClassBreaks *breaks,
                                                 AtlasIndicator         *indicator,
                                                 const double           *values,
                                                 gsize                   n_values,
                                                 const char             *lang);
char       **atlas_class_breaks_dup_change_labels (const AtlasClassBreaks *breaks,
                                                   AtlasIndicator         *indicator,
                                                   const double           *values,
                                                   gsize                   n_values,
                                                   const char             *lang);
char        *atlas_class_breaks_dup_shortfall   (const AtlasClassBreaks *breaks,
                                                 const char             *lang);
const char  *atlas_class_breaks_boundary_note   (const char             *lang);
const char  *atlas_class_breaks_method_note     (const AtlasClassBreaks *breaks,
                                                 const char             *lang);
const char  *atlas_palette_describe_direction   (const AtlasPalette     *palette,
                                                 AtlasIndicator         *indicator,
                                                 const char             *lang);
char        *atlas_division_dup_undrawn_note    (AtlasDivision          *division,
                                                 const char             *lang);

G_END_DECLS
