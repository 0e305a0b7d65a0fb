/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Between the package loader and AtlasDataset; not installed, not for the
 * app. GDAL never appears here. */

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* Problems a load keeps; the rest are only counted, in one last problem
 * (docs/dataset-format.md, "Limits"). */
#define ATLAS_LIMIT_PROBLEMS 100

/* Cell states: the value source in the high nibble, the missing reason in
 * the low one. */
#define ATLAS_CELL_STATE(source, reason) ((guint8) (((source) << 4) | (reason)))
#define ATLAS_CELL_SOURCE(state)         ((AtlasValueSource) ((state) >> 4))
#define ATLAS_CELL_REASON(state)         ((AtlasMissingReason) ((state) & 0x0f))

/**
 * AtlasPackage:
 *
 * Everything a package holds, as the loader builds it on a worker thread.
 * Values are dense tables: table (indicator i, year y) starts at
 * (i × n_years + y) × n_cells, and a division's areas are the n_areas cells
 * from its offset in @division_offsets.
 */
typedef struct
{
  char       *path;
  char       *id;
  AtlasText   title;
  AtlasText   description;
  char       *version;
  char       *publisher;
  char       *licence;
  char       *date;
  GArray     *sources;          /* AtlasSource */
  GArray     *years;            /* guint, ascending */
  GPtrArray  *divisions;        /* AtlasDivision, riket first */
  GPtrArray  *themes;           /* AtlasTheme */
  GPtrArray  *indicators;       /* AtlasIndicator */
  GHashTable *areas_by_code;    /* code → AtlasArea, borrowed */
  guint      *division_offsets; /* one per division */
  guint       n_cells;
  double     *values;           /* NaN where missing */
  guint8     *states;           /* ATLAS_CELL_STATE */
  gboolean   *has_stored;       /* per table: any stored value at all */
  /* Segregation indices (atlas-derive-segregation.c) are computed per
   * table when first read, not at load: one flag per table of those
   * indicators, from @first_lazy on, set while it is still to be filled,
   * read with atomics and filled under @lazy_lock. Read a table only
   * after atlas_package_ensure_table(). */
  guint       first_lazy;
  gint       *lazy_pending;
  GArray     *lazy_specs;
  GMutex      lazy_lock;
  GPtrArray  *notes;            /* AtlasProblem: what the loader changed, such as a re-encoding */
} AtlasPackage;

void          atlas_package_free (AtlasPackage *package);
/* Fills table (@indicator, @year_index) now if it is computed on first
 * use; safe from any thread. */
void          atlas_package_ensure_table (AtlasPackage *package,
                                          guint         indicator,
                                          guint         year_index);

/* Reads and checks a whole package. Every problem found is appended to
 * @problems (AtlasProblem) and its class, an AtlasDatasetError, set as a
 * bit (1 << code) in @problem_classes. Returns NULL when there is any
 * problem, or with @error set when cancelled. */
AtlasPackage *atlas_package_load (const char   *path,
                                  GCancellable *cancellable,
                                  GPtrArray    *problems,
                                  guint        *problem_classes,
                                  GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasPackage, atlas_package_free)

/* For loaders other than atlas_dataset_load() (atlas-postgis.c): the
 * dataset that takes @pkg, and the error that lists @problems of the
 * package named @path. */
AtlasDataset *atlas_dataset_new_for_package    (AtlasPackage *pkg);
void          atlas_dataset_set_problems_error (GError      **error,
                                                const char   *path,
                                                GPtrArray    *problems,
                                                guint         classes);

G_END_DECLS
