/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-types.h"

G_BEGIN_DECLS

/**
 * AtlasCategory:
 *
 * One code of a category indicator (områdestyp 1–5) with its label and
 * official colour (components 0–1).
 */
typedef struct
{
  int       code;
  AtlasText label;
  double    red;
  double    green;
  double    blue;
} AtlasCategory;

#define ATLAS_TYPE_INDICATOR (atlas_indicator_get_type ())
G_DECLARE_FINAL_TYPE (AtlasIndicator, atlas_indicator, ATLAS, INDICATOR, GObject)

/* The loader fills an indicator through this builder-style API. */
AtlasIndicator     *atlas_indicator_new                (const char       *id);
void                atlas_indicator_set_texts          (AtlasIndicator   *self,
                                                        const AtlasText  *name,
                                                        const AtlasText  *short_label,
                                                        const AtlasText  *definition,
                                                        const AtlasText  *age_group,
                                                        const AtlasText  *caveat);
void                atlas_indicator_set_properties     (AtlasIndicator   *self,
                                                        const char       *theme_id,
                                                        AtlasIndicatorKind kind,
                                                        AtlasUnit         unit,
                                                        guint             decimals,
                                                        AtlasPolarity     polarity,
                                                        const char       *source,
                                                        gboolean          demonstration);
void                atlas_indicator_set_aggregation    (AtlasIndicator   *self,
                                                        AtlasAggregation  aggregation,
                                                        const char       *weight_id);
void                atlas_indicator_add_category       (AtlasIndicator   *self,
                                                        const AtlasCategory *category);
/* What a count counts ("personer", "områden"); NULL keeps the default. */
void                atlas_indicator_set_unit_label     (AtlasIndicator   *self,
                                                        const AtlasText  *label);

const char         *atlas_indicator_get_id             (AtlasIndicator *self);
const char         *atlas_indicator_get_theme_id       (AtlasIndicator *self);
AtlasIndicatorKind  atlas_indicator_get_kind           (AtlasIndicator *self);
/* lang: "sv", "en" or NULL for atlas_language() */
const char         *atlas_indicator_get_name           (AtlasIndicator *self,
                                                        const char     *lang);
const char         *atlas_indicator_get_short_label    (AtlasIndicator *self,
                                                        const char     *lang);
const char         *atlas_indicator_get_definition     (AtlasIndicator *self,
                                                        const char     *lang);
const char         *atlas_indicator_get_age_group      (AtlasIndicator *self,
                                                        const char     *lang);
/* How to read it correctly (relative områdestyp, small numbers...); may be NULL */
const char         *atlas_indicator_get_caveat         (AtlasIndicator *self,
                                                        const char     *lang);
char               *atlas_indicator_dup_caveat_summary (AtlasIndicator *self,
                                                        const char     *lang,
                                                        guint           max_chars,
                                                        gboolean       *complete);
const char         *atlas_indicator_get_source         (AtlasIndicator *self);
AtlasUnit           atlas_indicator_get_unit           (AtlasIndicator *self);
guint               atlas_indicator_get_decimals       (AtlasIndicator *self);
AtlasPolarity       atlas_indicator_get_polarity       (AtlasIndicator *self);
AtlasAggregation    atlas_indicator_get_aggregation    (AtlasIndicator *self);
const char         *atlas_indicator_get_weight_id      (AtlasIndicator *self);
gboolean            atlas_indicator_is_demonstration   (AtlasIndicator *self);
guint               atlas_indicator_get_n_categories   (AtlasIndicator *self);
const AtlasCategory *atlas_indicator_get_category      (AtlasIndicator *self,
                                                        guint           index);
const AtlasCategory *atlas_indicator_lookup_category   (AtlasIndicator *self,
                                                        int             code);

/* "12,3 %", "312 400 kr", "4 (Goda socioekonomiska förutsättningar)":
 * formatted in the given language (Swedish: space thousands separator,
 * decimal comma), with the unit. NaN gives "Uppgift saknas". */
char               *atlas_indicator_format_value       (AtlasIndicator *self,
                                                        double          value,
                                                        const char     *lang);
/* A plain number in the notation of format_value, without unit: Swedish
 * "1 234,5" with no-break spaces and a decimal comma, English "1,234.5";
 * a minus sign only when the rounded value is not zero. */
char               *atlas_format_number                (double          value,
                                                        guint           decimals,
                                                        const char     *lang);

/* The unit alone as shown in a legend: "%", "kr", "dagar", or what a count
 * counts as the package states it ("personer"; default "antal"). */
const char         *atlas_indicator_get_unit_label     (AtlasIndicator *self,
                                                        const char     *lang);

G_END_DECLS
