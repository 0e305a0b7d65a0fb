/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cli-common.h"

G_BEGIN_DECLS

/* What the analysis commands (by-type, types-history, flags, segregation)
 * share: every output names its package, sources, year and definitions,
 * and marks demonstration values. */

AtlasArea *cli_lookup_region            (AtlasDataset   *dataset,
                                         const char     *code,
                                         int            *status);
GPtrArray *cli_lookup_indicator_list    (AtlasDataset   *dataset,
                                         const char     *ids,
                                         int            *status);
char      *cli_area_name                (AtlasArea      *area);
/* "package", "package_version", "package_title", "sources" members */
void       cli_json_add_package         (JsonBuilder    *builder,
                                         AtlasDataset   *dataset);
/* An object member describing an indicator: id, name, definition, unit,
 * source, aggregation, demonstration; null for NULL. */
void       cli_json_add_indicator       (JsonBuilder    *builder,
                                         const char     *member,
                                         AtlasIndicator *indicator);
void       cli_json_add_area            (JsonBuilder    *builder,
                                         const char     *member,
                                         AtlasArea      *area);
/* "complete" and "coverage_note": whether the areas analysed fill the
 * region, and the package's note when they do not. */
void       cli_json_add_coverage        (JsonBuilder    *builder,
                                         AtlasDivision  *division,
                                         gboolean        complete);
void       cli_print_coverage           (AtlasDivision  *division,
                                         gboolean        complete);
/* "demonstration" and "demonstration_note" */
void       cli_json_add_demonstration   (JsonBuilder    *builder,
                                         gboolean        demonstration);
/* The mark, the package and its sources, for the end of text output. */
void       cli_print_provenance         (AtlasDataset   *dataset,
                                         gboolean        demonstration);
void       cli_print_definition         (AtlasIndicator *indicator);
/* Prints the error; returns the usage or data exit status by its code. */
int        cli_analysis_fail            (GError         *error);

int        cli_by_type                  (int             argc,
                                         char          **argv);
int        cli_types_history            (int             argc,
                                         char          **argv);
int        cli_flags                    (int             argc,
                                         char          **argv);
int        cli_segregation              (int             argc,
                                         char          **argv);
int        cli_profile                  (int             argc,
                                         char          **argv);
int        cli_similar                  (int             argc,
                                         char          **argv);
int        cli_scatter                  (int             argc,
                                         char          **argv);
int        cli_multiples                (int             argc,
                                         char          **argv);

G_END_DECLS
