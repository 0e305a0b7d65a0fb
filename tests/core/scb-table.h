/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A test-side reader of SCB's Statistikdatabasen exports, independent of
 * the build script that made the package: XLSX through GDAL's /vsizip/ and
 * GMarkup, keyed by DeSO code; RegSO CSV keyed by "Kommun (RegSO-namn)". */
typedef struct _ScbTable ScbTable;

ScbTable   *scb_table_read_xlsx   (const char *path);
void        scb_table_free        (ScbTable *table);
/* The value column whose label is found first, top to bottom, in the header
 * rows and is unique in its row; asserts that there is one. */
guint       scb_table_column      (ScbTable   *table,
                                   const char *label);
double      scb_table_value       (ScbTable   *table,
                                   const char *code,
                                   guint       column);
/* Every DeSO code of the table, in table order. */
GPtrArray  *scb_table_codes       (ScbTable *table);
const char *scb_table_footer      (ScbTable   *table,
                                   const char *key);

/* RegSO CSV: the count in column "Antal YEAR" of the row whose region
 * label and dimension value match (a label ends with " )" in places). */
typedef struct _ScbRegsoCsv ScbRegsoCsv;

ScbRegsoCsv *scb_regso_csv_read   (const char *path);
void         scb_regso_csv_free   (ScbRegsoCsv *csv);
/* Sum of "Antal YEAR" over the rows with this dimension value whose label
 * starts with prefix ("" for all, "Göteborg (" for one kommun). */
double       scb_regso_csv_sum    (ScbRegsoCsv *csv,
                                   const char  *prefix,
                                   const char  *dimension_value,
                                   guint        year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScbTable, scb_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScbRegsoCsv, scb_regso_csv_free)

G_END_DECLS
