/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* What a package opens with when nothing was saved: the app's window and
 * the CLI's pack report agree through these. */
gboolean  atlas_dataset_choose_start    (AtlasDataset    *self,
                                         AtlasDivision  **division,
                                         AtlasIndicator **indicator,
                                         guint           *year);
AtlasDivision *atlas_dataset_get_default_division (AtlasDataset *self);
char     *atlas_dataset_dup_start_note  (AtlasDataset    *self,
                                         AtlasDivision   *division,
                                         AtlasIndicator  *indicator);

G_END_DECLS
