/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATLAS_DATASET_ERROR (atlas_dataset_error_quark ())

/**
 * AtlasDatasetError:
 * @ATLAS_DATASET_ERROR_NOT_FOUND: the package or one of its files does not exist
 * @ATLAS_DATASET_ERROR_MANIFEST: manifest.json is malformed or incomplete
 * @ATLAS_DATASET_ERROR_GEOMETRY: a geometry file, layer, field or feature is wrong
 * @ATLAS_DATASET_ERROR_VALUES: a values table is wrong
 * @ATLAS_DATASET_ERROR_INVALID: several problems; see atlas_dataset_validate()
 * @ATLAS_DATASET_ERROR_UNKNOWN: an unknown indicator, area, year or level was asked for
 * @ATLAS_DATASET_ERROR_NO_DATA: there are no values to work with
 *
 * Errors from opening and querying a dataset package.
 */
typedef enum
{
  ATLAS_DATASET_ERROR_NOT_FOUND,
  ATLAS_DATASET_ERROR_MANIFEST,
  ATLAS_DATASET_ERROR_GEOMETRY,
  ATLAS_DATASET_ERROR_VALUES,
  ATLAS_DATASET_ERROR_INVALID,
  ATLAS_DATASET_ERROR_UNKNOWN,
  ATLAS_DATASET_ERROR_NO_DATA,
} AtlasDatasetError;

GQuark atlas_dataset_error_quark (void);

/**
 * AtlasProblem:
 * @file: the file inside the package, relative to its root ("manifest.json",
 *   "values/2014.csv", "geo/deso.gpkg")
 * @location: where in the file ("line 12", "feature 40", "indicators[3].unit"),
 *   or %NULL for the whole file
 * @message: what is wrong and what was expected, translated
 *
 * One problem found while validating a package.
 */
typedef struct
{
  char *file;
  char *location;
  char *message;
} AtlasProblem;

#define ATLAS_TYPE_PROBLEM (atlas_problem_get_type ())

GType         atlas_problem_get_type  (void) G_GNUC_CONST;
AtlasProblem *atlas_problem_new       (const char         *file,
                                       const char         *location,
                                       const char         *message);
AtlasProblem *atlas_problem_copy      (const AtlasProblem *self);
void          atlas_problem_free      (AtlasProblem       *self);
char         *atlas_problem_to_string (const AtlasProblem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasProblem, atlas_problem_free)

G_END_DECLS
