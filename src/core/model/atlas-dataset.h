/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-division.h"
#include "atlas-error.h"
#include "atlas-indicator.h"
#include "atlas-theme.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_DATASET (atlas_dataset_get_type ())
G_DECLARE_FINAL_TYPE (AtlasDataset, atlas_dataset, ATLAS, DATASET, GObject)

/**
 * AtlasSource:
 *
 * One source the package draws on, as listed in its manifest.
 */
typedef struct
{
  char *id;
  char *name;
  char *licence;
  char *url;
} AtlasSource;

/* Loading. @path is a package directory or a .zip of one. A broken package
 * never half-loads: on any problem these return NULL and an error whose
 * message lists the first problems (file, place, what was expected). */
AtlasDataset   *atlas_dataset_load            (const char           *path,
                                               GCancellable         *cancellable,
                                               GError              **error);
void            atlas_dataset_load_async      (const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
AtlasDataset   *atlas_dataset_load_finish     (GAsyncResult         *result,
                                               GError              **error);
/* Every problem of a package, as AtlasProblem. Empty when it is valid. */
GPtrArray      *atlas_dataset_validate        (const char           *path,
                                               GCancellable         *cancellable);

/* Package metadata */
const char     *atlas_dataset_get_path        (AtlasDataset *self);
/* What loading changed without it being a problem (names re-encoded from
 * Windows-1252 to UTF-8): AtlasProblem, for the user to read. */
GPtrArray      *atlas_dataset_get_notes       (AtlasDataset *self);
const char     *atlas_dataset_get_id          (AtlasDataset *self);
const char     *atlas_dataset_get_title       (AtlasDataset *self,
                                               const char   *lang);
const char     *atlas_dataset_get_description (AtlasDataset *self,
                                               const char   *lang);
const char     *atlas_dataset_get_version     (AtlasDataset *self);
const char     *atlas_dataset_get_publisher   (AtlasDataset *self);
const char     *atlas_dataset_get_licence     (AtlasDataset *self);
const char     *atlas_dataset_get_date        (AtlasDataset *self);
guint           atlas_dataset_get_n_sources   (AtlasDataset *self);
const AtlasSource *atlas_dataset_get_source   (AtlasDataset *self,
                                               guint         index);
/* Demonstration data: the one rule every output applies (see
 * atlas-dataset.c). TRUE when any indicator holds demonstration values. */
gboolean        atlas_dataset_has_demonstration (AtlasDataset *self);
gboolean        atlas_dataset_value_is_demonstration (AtlasDataset     *self,
                                                      AtlasIndicator   *indicator,
                                                      AtlasValueSource  source);
gboolean        atlas_dataset_indicator_is_demonstration (AtlasDataset   *self,
                                                          AtlasIndicator *indicator);

/* Levels, riket first, then each division below its parent. */
GListModel     *atlas_dataset_get_divisions   (AtlasDataset *self);
AtlasDivision  *atlas_dataset_lookup_division (AtlasDataset *self,
                                               const char   *id);
/* The area with this code at any level ("00", "0180", "0380C1010"). */
AtlasArea      *atlas_dataset_lookup_area     (AtlasDataset *self,
                                               const char   *code);
GListModel     *atlas_dataset_get_themes      (AtlasDataset *self);
GListModel     *atlas_dataset_get_indicators  (AtlasDataset *self);
AtlasIndicator *atlas_dataset_lookup_indicator (AtlasDataset *self,
                                                const char   *id);
AtlasTheme     *atlas_dataset_lookup_theme    (AtlasDataset *self,
                                               const char   *id);
/* The years of the package, ascending. */
const guint    *atlas_dataset_get_years       (AtlasDataset *self,
                                               guint        *n_years);
gboolean        atlas_dataset_has_year        (AtlasDataset *self,
                                               guint         year);
/* Years in which the indicator has at least one stored value. */
GArray         *atlas_dataset_dup_indicator_years (AtlasDataset   *self,
                                                   AtlasIndicator *indicator);

/* Values. Everything is in memory after loading: lookups never block. */
AtlasValueSource atlas_dataset_get_value      (AtlasDataset        *self,
                                               AtlasIndicator      *indicator,
                                               guint                year,
                                               AtlasArea           *area,
                                               double              *value,
                                               AtlasMissingReason  *reason);
/* All values of a division for one year, indexed like the division's areas;
 * NaN where missing. Owned by the dataset; NULL for a year not in the
 * package. */
const double   *atlas_dataset_peek_values     (AtlasDataset   *self,
                                               AtlasIndicator *indicator,
                                               guint           year,
                                               AtlasDivision  *division);
/* Whether some area of the division has a value for the year: a stored
 * table can hold only missing values (an empty year). */
gboolean        atlas_dataset_has_values      (AtlasDataset   *self,
                                               AtlasIndicator *indicator,
                                               guint           year,
                                               AtlasDivision  *division);

G_END_DECLS
