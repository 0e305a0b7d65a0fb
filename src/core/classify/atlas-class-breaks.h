/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_CLASS_METHOD_QUANTILE,
  ATLAS_CLASS_METHOD_EQUAL_INTERVAL,
  ATLAS_CLASS_METHOD_JENKS,
  ATLAS_CLASS_METHOD_STDDEV,
  ATLAS_CLASS_METHOD_BOX,
  ATLAS_CLASS_METHOD_BOX3,
  ATLAS_CLASS_METHOD_PERCENTILE,
  ATLAS_CLASS_METHOD_MANUAL,
} AtlasClassMethod;

/* Box maps (hinge 1.5 and 3.0) and the percentile map always make
 * ATLAS_CLASS_FIXED_CLASSES classes, empty ones included, whatever count
 * is asked for; see atlas-class-breaks.c. */
#define ATLAS_CLASS_FIXED_CLASSES 6

#define ATLAS_CLASS_MIN 3
#define ATLAS_CLASS_MAX 9

/* "quantile", "equal", "jenks", "stddev", "box", "box3", "percentile",
 * "manual" */
const char      *atlas_class_method_to_nick   (AtlasClassMethod  method);
gboolean         atlas_class_method_from_nick (const char       *nick,
                                               AtlasClassMethod *method);
/* Translated: "Kvantiler", "Lika intervall", "Naturliga brytpunkter (Jenks)" ... */
const char      *atlas_class_method_describe  (AtlasClassMethod  method);
/* Box and percentile maps: fixed classes that may be empty. */
gboolean         atlas_class_method_is_fixed  (AtlasClassMethod  method);
/* The quantile used by box and percentile maps (see atlas-class-breaks.c):
 * @sorted ascending and finite, @n ≥ 1, 0 ≤ @p ≤ 1. */
double           atlas_quantile_sorted        (const double     *sorted,
                                               gsize             n,
                                               double            p);

/**
 * AtlasClassBreaks:
 *
 * Immutable, reference-counted class boundaries: n_classes - 1 inner breaks
 * ascending, plus the minimum and maximum of the data they were computed
 * from. A value belongs to the first class whose upper boundary is ≥ it
 * (the last class's upper boundary is +∞).
 */
typedef struct _AtlasClassBreaks AtlasClassBreaks;

#define ATLAS_TYPE_CLASS_BREAKS (atlas_class_breaks_get_type ())

GType             atlas_class_breaks_get_type     (void) G_GNUC_CONST;

/* NaN values are skipped. Fewer distinct values than classes is fine: the
 * result then has fewer classes (never empty duplicate classes). Errors:
 * ATLAS_DATASET_ERROR_NO_DATA when no value is finite;
 * G_IO_ERROR_INVALID_ARGUMENT for a class count outside
 * ATLAS_CLASS_MIN..ATLAS_CLASS_MAX or the manual method. The exact
 * definition of each method is in atlas-class-breaks.c. */
AtlasClassBreaks *atlas_class_breaks_compute      (AtlasClassMethod  method,
                                                   const double     *values,
                                                   gsize             n_values,
                                                   guint             n_classes,
                                                   GError          **error);
/* Diverging classes centred on zero for change maps: zero is always a
 * break and the breaks mirror each other (see atlas-class-breaks.c). */
AtlasClassBreaks *atlas_class_breaks_compute_centred (const double *values,
                                                      gsize         n_values,
                                                      guint         n_classes,
                                                      GError      **error);
gboolean          atlas_class_breaks_is_centred   (const AtlasClassBreaks *self);
/* Manual breaks: must be strictly ascending, 2..8 of them. */
AtlasClassBreaks *atlas_class_breaks_new_manual   (const double     *breaks,
                                                   guint             n_breaks,
                                                   double            min,
                                                   double            max,
                                                   GError          **error);
AtlasClassBreaks *atlas_class_breaks_ref          (AtlasClassBreaks *self);
void              atlas_class_breaks_unref        (AtlasClassBreaks *self);

AtlasClassMethod  atlas_class_breaks_get_method    (const AtlasClassBreaks *self);
guint             atlas_class_breaks_get_n_classes (const AtlasClassBreaks *self);
/* The classes asked for: more than n_classes when the values allowed fewer. */
guint             atlas_class_breaks_get_n_requested (const AtlasClassBreaks *self);
const double     *atlas_class_breaks_get_breaks    (const AtlasClassBreaks *self,
                                                    guint                  *n_breaks);
double            atlas_class_breaks_get_min       (const AtlasClassBreaks *self);
double            atlas_class_breaks_get_max       (const AtlasClassBreaks *self);
/* The class index 0..n_classes-1, or -1 for NaN. */
int               atlas_class_breaks_classify      (const AtlasClassBreaks *self,
                                                    double                  value);
/* counts must hold n_classes entries; returns the number of NaN values. */
gsize             atlas_class_breaks_count         (const AtlasClassBreaks *self,
                                                    const double           *values,
                                                    gsize                   n_values,
                                                    gsize                  *counts);
/* The same over the values whose @include is TRUE (NULL: all), as a
 * legend counts the areas a filter shows. */
gsize             atlas_class_breaks_count_included (const AtlasClassBreaks *self,
                                                     const double           *values,
                                                     const gboolean         *include,
                                                     gsize                   n_values,
                                                     gsize                  *counts);
gboolean          atlas_class_breaks_equal         (const AtlasClassBreaks *a,
                                                    const AtlasClassBreaks *b);

/* The one place the app and the CLI compute breaks from a dataset, so that
 * they agree exactly. pooled: over every year of the package (a colour means
 * the same value in every year; @year is then ignored), else over @year
 * alone. Errors: G_IO_ERROR_INVALID_ARGUMENT for a category indicator,
 * ATLAS_DATASET_ERROR_UNKNOWN for a year not in the package, and those of
 * atlas_class_breaks_compute(). */
AtlasClassBreaks *atlas_class_breaks_for_dataset  (AtlasDataset     *dataset,
                                                   AtlasIndicator   *indicator,
                                                   AtlasDivision    *division,
                                                   guint             year,
                                                   gboolean          pooled,
                                                   AtlasClassMethod  method,
                                                   guint             n_classes,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasClassBreaks, atlas_class_breaks_unref)

G_END_DECLS
