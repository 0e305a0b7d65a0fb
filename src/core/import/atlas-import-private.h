/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal to the importer (atlas-importer.c and the atlas-import-*.c
 * files it is split into): what the readers make of a statistics file,
 * before any choice is applied. Every reader takes the file's bytes and a
 * display name for messages, so that it can be fuzzed without a disk. */

#include <gio/gio.h>

#include "atlas-importer.h"

G_BEGIN_DECLS

/* A dimension of a table: Kon, Alder, födelseregion, tabellinnehåll. */
typedef struct
{
  char      *id;        /* "Kon", or the label when the file has no code */
  char      *label;     /* "kön" */
  GPtrArray *values;    /* char *: value codes or labels, as in the file */
  GPtrArray *texts;     /* char *: value labels ("män"), same order */
  int        total;     /* index of the total value ("1+2", "totalt"), or -1 */
  gboolean   contents;  /* the table's contents (tabellinnehåll) */
} ImportDim;

/* One value column: a contents label with one value of each dimension. */
typedef struct
{
  guint *values;        /* per dimension: index into its values */
} ImportSeries;

typedef struct
{
  guint  key;           /* index into keys */
  int    year;
  guint  series;
  double value;         /* NAN for "..", "–" and empty cells */
} ImportCell;

typedef struct
{
  char       *name;      /* display name, for messages */
  char       *format;    /* "pxweb", "json-stat", "scb-csv", "scb-xlsx" */
  char       *title;     /* the table's title, or NULL */
  char       *subject;   /* the title before " efter ", or the contents label */
  char       *source;    /* "SCB" */
  char       *reference; /* table or product code: "000006TA", "BE0101" */
  char       *updated;   /* last update as the file gives it */
  char       *reference_time; /* "31 december respektive år" */
  char       *version;   /* division version from code suffixes: "RegSO 2025" */
  GPtrArray  *footnotes; /* char * */
  GHashTable *units;     /* contents label → unit word ("antal", "andel") */
  GPtrArray  *dims;      /* ImportDim */
  GPtrArray  *series;    /* ImportSeries */
  GPtrArray  *keys;      /* char *: area codes or "Kommun (namn)" labels */
  GHashTable *key_index; /* key → index + 1 */
  GArray     *cells;     /* ImportCell */
  GPtrArray  *notes;     /* char *: what the reader changed, for the report */
} ImportTable;

ImportTable *atlas_import_table_new        (const char   *name,
                                            const char   *format);
void         atlas_import_table_free       (ImportTable  *table);
guint        atlas_import_table_add_key    (ImportTable  *table,
                                            const char   *key);
ImportDim   *atlas_import_table_add_dim    (ImportTable  *table,
                                            const char   *id,
                                            const char   *label);
guint        atlas_import_dim_add_value    (ImportDim    *dim,
                                            const char   *value,
                                            const char   *text);
guint        atlas_import_table_add_series (ImportTable  *table,
                                            const guint  *values);
void         atlas_import_table_add_cell   (ImportTable  *table,
                                            guint         key,
                                            int           year,
                                            guint         series,
                                            double        value);
void         atlas_import_table_note       (ImportTable  *table,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (2, 3);
gboolean     atlas_import_is_total         (const char   *value);
double       atlas_import_parse_number     (const char   *text,
                                            gboolean     *ok);
int          atlas_import_parse_year       (const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportTable, atlas_import_table_free)

/* A rectangular view of a CSV file or a worksheet: rows of cells. */
typedef struct
{
  GPtrArray *rows;      /* GPtrArray of char * (NULL for empty cells) */
  guint     *numbers;   /* the row's number in the file, for messages */
  guint      n_numbers;
} ImportGrid;

void         atlas_import_grid_free        (ImportGrid   *grid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportGrid, atlas_import_grid_free)

/* atlas-import-csv.c */
ImportGrid  *atlas_import_read_csv_grid    (GBytes       *bytes,
                                            const char   *name,
                                            GPtrArray    *notes,
                                            GError      **error);
/* atlas-import-xlsx.c */
ImportGrid  *atlas_import_read_xlsx_grid   (GBytes       *bytes,
                                            const char   *name,
                                            GError      **error);
/* atlas-import-grid.c: Statistikdatabasen layout, for CSV and XLSX */
ImportTable *atlas_import_table_from_grid  (ImportGrid   *grid,
                                            const char   *name,
                                            const char   *format,
                                            GError      **error);
/* atlas-import-pxweb.c */
ImportTable *atlas_import_read_pxweb       (GBytes       *bytes,
                                            const char   *name,
                                            GError      **error);
ImportTable *atlas_import_read_json_stat   (GBytes       *bytes,
                                            const char   *name,
                                            GError      **error);

/* atlas-import-codes.c: SCB's area codes */
typedef enum
{
  IMPORT_LEVEL_NONE,
  IMPORT_LEVEL_LAN,
  IMPORT_LEVEL_KOMMUN,
  IMPORT_LEVEL_REGSO,
  IMPORT_LEVEL_DESO,
  IMPORT_N_LEVELS,
} ImportLevel;

ImportLevel  atlas_import_code_level       (const char   *code);
char        *atlas_import_normalize_code   (const char   *text,
                                            char        **version,
                                            gboolean     *padded);
char        *atlas_import_parent_code      (const char   *code,
                                            ImportLevel   parent_level);
const char  *atlas_import_level_id         (ImportLevel   level);
gboolean     atlas_import_is_area_label    (const char   *text);
char        *atlas_import_slug             (const char   *text);
GPtrArray   *atlas_import_keys             (GHashTable   *table);

/* ---- inputs -------------------------------------------------------------- */

typedef enum
{
  INPUT_STATISTICS,
  INPUT_GEOMETRY,
  INPUT_KEY,        /* an areas table: codes of two levels, names */
} InputKind;

/* A key table such as SCB's DeSO → RegSO key: per level, code → name
 * and parent code, and "Kommun (område)" labels → codes. */
typedef struct
{
  char       *version[IMPORT_N_LEVELS];
  GHashTable *names[IMPORT_N_LEVELS];   /* code → name */
  GHashTable *parents[IMPORT_N_LEVELS]; /* code → code of the level above in the key */
  GHashTable *labels;                   /* folded "kommun (namn)" → code */
} ImportKey;

typedef struct
{
  char        *path;     /* for GDAL, maybe /vsizip/ */
  char        *layer;
  char        *code_field;
  char        *name_field;
  ImportLevel  level;
  char        *version;
  guint        n_features;
  guint        epsg;     /* the CRS used, 0 for the layer's own */
  gboolean     latin1;
} ImportGeometry;

typedef struct
{
  char           *file;   /* as given */
  char           *name;   /* display name */
  InputKind       kind;
  ImportTable    *table;
  ImportKey      *key;
  ImportGeometry *geometry;
} ImportInput;

ImportInput *atlas_import_input_read       (const char   *file,
                                            guint         crs,
                                            GPtrArray    *notes,
                                            GCancellable *cancellable,
                                            GError      **error);
void         atlas_import_input_free       (ImportInput  *input);
ImportTable *atlas_import_read_table       (GBytes       *bytes,
                                            const char   *name,
                                            GError      **error);
ImportKey   *atlas_import_read_key         (ImportGrid   *grid,
                                            const char   *name);
void         atlas_import_key_free         (ImportKey    *key);
char        *atlas_import_fold_label       (const char   *label);

/* ---- the plan ------------------------------------------------------------ */

typedef struct
{
  char *name;
  char *parent;
  gboolean has_geometry;
} ImportArea;

typedef struct
{
  gboolean    present;
  char       *version;
  ImportLevel parent;
  GHashTable *areas;     /* code → ImportArea */
  gboolean    covers_parent;
  int         geometry;  /* input index of its first geometry file, -1 */
  GArray     *geometries; /* guint input indexes of all its geometry files */
  gboolean    packaged;  /* geometry from the packaged kommun/län borders */
  gboolean    dissolved; /* geometry unioned from the level below (--dissolve) */
} ImportLevelPlan;

typedef struct
{
  char     *id;
  char     *name;
  char     *unit;        /* manifest unit */
  char     *unit_label;
  guint     decimals;
  double    scale;       /* 1000 for tkr */
  char     *rule;
  char     *weight;
  char     *definition;
  char     *source;
  char     *reference_time;
  guint     input;       /* statistics input index; G_MAXUINT for a share */
  guint     series;      /* series of that table */
  char     *signature;   /* table + split values, matched by recipes */
  char     *share_count;
  char     *share_total;
  GStrv     terms;       /* a sum: "+id" / "-id"; a merge: ids in order */
  gboolean  merge;       /* terms are alternatives, the first value present wins */
  gboolean  dropped;     /* computed with, not written (--drop) */
  GArray   *categories;  /* int codes, for unit category */
  GPtrArray *category_labels;
} ImportIndicator;

typedef struct
{
  /* choices */
  char        *id;
  char        *title;
  guint        crs;
  GPtrArray   *files;       /* char * */
  GHashTable  *selections;  /* dimension → value */
  GHashTable  *splits;      /* dimension set */
  GPtrArray   *shares;      /* char * "id=count/total" */
  GHashTable  *renames;     /* indicator id or signature → name */
  GHashTable  *recipe_ids;  /* signature → id, from a recipe */
  GPtrArray   *sums;        /* char * "id=a+b-c" */
  GPtrArray   *merges;      /* char * "id=a,b" */
  GHashTable  *drops;       /* indicator ids not written */
  GHashTable  *dissolves;   /* level ids whose geometry is unioned from the level below */
  GPtrArray   *draw_within; /* char *: code prefixes (län, kommun) of the areas drawn; empty: all */
  double       simplify;    /* tolerance in metres, 0 for none */
  GHashTable  *described;   /* indicator id → JsonObject: what the recipe says of it */
  JsonObject  *package;     /* the recipe's themes, description, licence, version, date */

  /* what inspect found */
  GPtrArray   *inputs;      /* ImportInput */
  ImportLevelPlan levels[IMPORT_N_LEVELS];
  GPtrArray   *indicators;  /* ImportIndicator */
  GArray      *years;       /* int, ascending */
  GHashTable  *values;      /* "year\tcode" → double[] per indicator */
  GPtrArray   *notes;       /* char *: what was changed or assumed */
  GPtrArray   *unmatched;   /* char *: keys without an area code */
  GPtrArray   *codes;       /* per input: GPtrArray of codes by key index, or NULL */
  JsonNode    *report;
} ImportJob;

ImportJob   *atlas_import_job_new          (void);
void         atlas_import_job_note         (ImportJob    *job,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (2, 3);
void         atlas_import_job_free         (ImportJob    *job);
void         atlas_import_job_reset_plan   (ImportJob    *job);
gboolean     atlas_import_plan             (ImportJob    *job,
                                            GCancellable *cancellable,
                                            GError      **error);
gboolean     atlas_import_write_package    (ImportJob    *job,
                                            const char   *directory,
                                            GCancellable *cancellable,
                                            GError      **error);
/* Removes a package folder written by atlas_import_write_package(): only
 * the files it writes, and the folder. */
void         atlas_import_remove_package   (const char   *directory);
gboolean     atlas_import_write_geometry   (ImportJob    *job,
                                            ImportLevel   level,
                                            const char   *path,
                                            GError      **error);
const char  *atlas_import_packaged_borders (ImportLevel   level);
gboolean     atlas_import_read_areas       (const char   *path,
                                            const char   *layer,
                                            const char   *code_field,
                                            const char   *name_field,
                                            const char   *parent_field,
                                            GHashTable   *areas,
                                            guint        *padded,
                                            guint        *converted,
                                            GError      **error);
void         atlas_import_area_free        (gpointer      area);
gboolean     atlas_import_job_draws        (ImportJob    *job,
                                            const char   *code);

/* atlas-import-report.c */
JsonNode    *atlas_import_build_report     (ImportJob    *job,
                                            const char   *directory,
                                            GPtrArray    *problems);
char        *atlas_import_format_report    (JsonNode     *report);
JsonNode    *atlas_import_build_plan       (ImportJob    *job);
JsonNode    *atlas_import_build_recipe     (ImportJob    *job,
                                            GFile        *relative_to);
gboolean     atlas_import_load_recipe      (ImportJob    *job,
                                            GFile        *recipe,
                                            gboolean      with_files,
                                            GError      **error);

G_END_DECLS
