/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-core.h"
#include "pdf-text.h"

/* Figures are checked from the outside: page sizes from the PDF's own
 * /MediaBox, text through pdftotext, PNG sizes from the IHDR chunk, SVG
 * with GMarkup. Nothing here uses cairo to read back what cairo wrote. */

#define REAL_PACKAGE "sverige-kommuner"
#define DEMO_PACKAGE "uppsala-lan"

static AtlasDataset *
load_package (const char *id)
{
  static GHashTable *packages;
  AtlasDataset *dataset;

  if (packages == NULL)
    packages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  dataset = g_hash_table_lookup (packages, id);
  if (dataset == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", id, NULL);
      g_autoptr(GError) error = NULL;

      dataset = atlas_dataset_load (path, NULL, &error);
      g_assert_no_error (error);
      g_hash_table_insert (packages, g_strdup (id), dataset);
    }
  return dataset;
}

/* The newest year in which the indicator has values. */
static guint
last_year (AtlasDataset   *dataset,
           AtlasIndicator *indicator)
{
  g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, indicator);

  g_assert_cmpuint (years->len, >, 0);
  return g_array_index (years, guint, years->len - 1);
}

static AtlasFigure *
create_figure (const char *package,
               const char *indicator_id,
               const char *level,
               const char *region)
{
  AtlasDataset *dataset = load_package (package);
  AtlasIndicator *indicator = atlas_dataset_lookup_indicator (dataset, indicator_id);
  AtlasDivision *division = atlas_dataset_lookup_division (dataset, level);
  AtlasFigure *figure;

  g_assert_nonnull (indicator);
  g_assert_nonnull (division);
  figure = atlas_figure_new (dataset, indicator, division, last_year (dataset, indicator));
  if (region != NULL)
    {
      AtlasArea *area = atlas_dataset_lookup_area (dataset, region);

      g_assert_nonnull (area);
      atlas_figure_set_region (figure, area);
    }
  return figure;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("platsatlas-figure-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
export_ok (AtlasFigure *figure,
           const char  *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_figure_export (figure, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Reads "/MediaBox [ 0 0 W H ]" from the PDF bytes. */
static void
pdf_media_box (const char *path,
               double     *width,
               double     *height)
{
  g_autofree char *data = NULL;
  gsize length;
  const char *box;
  char *end;
  double values[4];

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* The PDF holds binary streams with NUL bytes: search by hand. */
  box = NULL;
  for (gsize i = 0; box == NULL && i + 9 < length; i++)
    if (memcmp (data + i, "/MediaBox", 9) == 0)
      box = data + i;
  g_assert_nonnull (box);
  box = strchr (box, '[');
  g_assert_nonnull (box);
  end = (char *) box + 1;
  for (guint i = 0; i < 4; i++)
    {
      const char *start = end;

      values[i] = g_ascii_strtod (start, &end);
      g_assert_true (end != start);
    }
  *width = values[2] - values[0];
  *height = values[3] - values[1];
}


static char *
collapse_spaces (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (builder, words[i]);
  kept = g_strv_builder_end (builder);
  return g_strjoinv (" ", kept);
}

static void
check_pdf_page (const char      *package,
                const char      *indicator,
                AtlasPageFormat  page,
                const char      *lang)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "figure.pdf", NULL);
  AtlasFigure *figure = create_figure (package, indicator, "kommun", NULL);
  gboolean demonstration = atlas_indicator_is_demonstration (atlas_figure_get_indicator (figure));
  double width, height, expected_w, expected_h;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  atlas_figure_set_page (figure, page);
  atlas_figure_set_lang (figure, lang);
  export_ok (figure, path);

  atlas_page_format_get_size (page, &expected_w, &expected_h);
  pdf_media_box (path, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, expected_w, 0.5);
  g_assert_cmpfloat_with_epsilon (height, expected_h, 0.5);

  text = pdf_text (path);
  if (text != NULL)
    {
      g_autofree char *raw_title = atlas_figure_dup_display_title (figure);

      title = collapse_spaces (raw_title);
      g_assert_nonnull (strstr (text, title));
      g_assert_nonnull (strstr (text, g_str_equal (lang, "en") ? "Source:" : "Källa:"));
      g_assert_cmpint (strstr (text, g_str_equal (lang, "en") ? "Demonstration data" : "Demonstrationsdata") != NULL,
                       ==, demonstration);
    }

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

static void
test_pdf_pages (void)
{
  check_pdf_page (REAL_PACKAGE, "arbetsloshet", ATLAS_PAGE_A4_PORTRAIT, "sv");
  check_pdf_page (REAL_PACKAGE, "median_inkomst", ATLAS_PAGE_A4_LANDSCAPE, "sv");
  check_pdf_page (REAL_PACKAGE, "arbetsloshet", ATLAS_PAGE_SLIDE_16X9, "en");
  check_pdf_page (DEMO_PACKAGE, "arbetslosa_20_64", ATLAS_PAGE_A4_PORTRAIT, "sv");
  check_pdf_page (DEMO_PACKAGE, "arbetslosa_20_64", ATLAS_PAGE_A3_LANDSCAPE, "en");
  check_pdf_page (DEMO_PACKAGE, "ohalsotal", ATLAS_PAGE_SLIDE_16X9, "sv");
}

static void
test_pdf_caption (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "deso.pdf", NULL);
  AtlasFigure *figure = create_figure (DEMO_PACKAGE, "arbetslosa_20_64", "deso", "0380");
  g_autofree char *text = NULL;
  g_autofree char *title = atlas_figure_dup_display_title (figure);

  g_assert_nonnull (strstr (title, "Uppsala"));
  export_ok (figure, path);
  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
    }
  else
    {
      g_assert_nonnull (strstr (text, "Indelning: DeSO 2018"));
      g_assert_nonnull (strstr (text, "Klassindelning: kvantiler, 5 klasser, fasta över alla år"));
      g_assert_nonnull (strstr (text, "Uppgift saknas"));
      g_assert_nonnull (strstr (text, atlas_dataset_get_version (load_package (DEMO_PACKAGE))));
    }

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

/* Category indicators get a category legend and no class boundaries. */
static void
test_pdf_categories (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "omradestyp.pdf", NULL);
  AtlasFigure *figure = create_figure (DEMO_PACKAGE, "omradestyp", "regso", NULL);
  AtlasIndicator *indicator = atlas_figure_get_indicator (figure);
  g_autofree char *text = NULL;

  export_ok (figure, path);
  text = pdf_text (path);
  if (text != NULL)
    {
      const AtlasCategory *first = atlas_indicator_get_category (indicator, 0);
      g_autofree char *label = collapse_spaces (atlas_text_get (&first->label, "sv"));

      g_assert_nonnull (strstr (text, label));
      g_assert_null (strstr (text, "Klassindelning"));
      g_assert_cmpint (strstr (text, "Demonstrationsdata") != NULL, ==,
                       atlas_indicator_is_demonstration (indicator));
    }

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

static void
png_size (const char *path,
          guint32    *width,
          guint32    *height)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guchar *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, signature, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = (guint32) data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19];
  *height = (guint32) data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23];
}

static void
test_png_dpi (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "lan", NULL);
  guint32 width, height;

  export_ok (figure, path);
  png_size (path, &width, &height);
  g_assert_cmpuint (width, ==, 1240);
  g_assert_cmpuint (height, ==, 1754);

  atlas_figure_set_dpi (figure, 72);
  atlas_figure_set_page (figure, ATLAS_PAGE_SLIDE_16X9);
  export_ok (figure, path);
  png_size (path, &width, &height);
  g_assert_cmpuint (width, ==, 960);
  g_assert_cmpuint (height, ==, 540);

  atlas_figure_set_dpi (figure, 96);
  atlas_figure_set_page (figure, ATLAS_PAGE_A4_LANDSCAPE);
  export_ok (figure, path);
  png_size (path, &width, &height);
  g_assert_cmpuint (width, ==, 1123);
  g_assert_cmpuint (height, ==, 794);

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

typedef struct
{
  gboolean   saw_svg;
  gboolean   in_text;
  GString   *text;       /* every <text> element's content, one a line */
  guint      n_text;
  gboolean   saw_glyph;  /* cairo's glyph outlines (<symbol>) */
} SvgState;

static void
on_svg_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgState *state = user_data;

  if (g_str_equal (element, "svg"))
    state->saw_svg = TRUE;
  if (g_str_equal (element, "text"))
    {
      state->in_text = TRUE;
      state->n_text++;
    }
  if (g_str_equal (element, "symbol"))
    state->saw_glyph = TRUE;
}

static void
on_svg_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgState *state = user_data;

  if (g_str_equal (element, "text"))
    {
      state->in_text = FALSE;
      g_string_append_c (state->text, '\n');
    }
}

static void
on_svg_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgState *state = user_data;

  if (state->in_text)
    g_string_append_len (state->text, text, length);
}

/* Exports the figure as SVG and parses it; the texts go to state. */
static void
export_svg (AtlasFigure *figure,
            SvgState    *state)
{
  static const GMarkupParser parser = { on_svg_start, on_svg_end, on_svg_text, NULL, NULL };
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  export_ok (figure, path);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  context = g_markup_parse_context_new (&parser, 0, state, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  remove_tree (dir);
}

static void
test_svg_well_formed (void)
{
  AtlasFigure *figure = create_figure (DEMO_PACKAGE, "arbetslosa_20_64", "kommun", NULL);
  SvgState state = { .text = g_string_new (NULL) };

  export_svg (figure, &state);
  g_assert_true (state.saw_svg);

  g_string_free (state.text, TRUE);
  g_assert_finalize_object (figure);
}

/* The words are real <text>, not glyph outlines: the title (with markup
 * characters escaped), the caption's source line, and the demonstration
 * mark exactly when the values are synthetic. */
static void
test_svg_text (void)
{
  AtlasFigure *real = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", NULL);
  AtlasFigure *demo = create_figure (DEMO_PACKAGE, "arbetslosa_20_64", "kommun", NULL);
  SvgState real_state = { .text = g_string_new (NULL) };
  SvgState demo_state = { .text = g_string_new (NULL) };

  atlas_figure_set_title (real, "Arbetslöshet <kommuner> & län");
  export_svg (real, &real_state);
  export_svg (demo, &demo_state);

  g_assert_cmpuint (real_state.n_text, >, 10);
  g_assert_nonnull (strstr (real_state.text->str, "Arbetslöshet <kommuner> & län\n"));
  g_assert_nonnull (strstr (real_state.text->str, "Källa: "));
  g_assert_null (strstr (real_state.text->str, "Demonstrationsdata"));
  g_assert_nonnull (strstr (demo_state.text->str, "Källa: "));
  g_assert_nonnull (strstr (demo_state.text->str, "Demonstrationsdata – inte verklig statistik"));
  /* No text is left as outlines beside its <text>. */
  g_assert_false (real_state.saw_glyph);
  g_assert_false (demo_state.saw_glyph);

  g_string_free (real_state.text, TRUE);
  g_string_free (demo_state.text, TRUE);
  g_assert_finalize_object (real);
  g_assert_finalize_object (demo);
}

static void
test_batch (void)
{
  g_autofree char *dir = make_tmp_dir ();
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", "03");
  AtlasDataset *dataset = atlas_figure_get_dataset (figure);
  AtlasDivision *kommuner = atlas_dataset_lookup_division (dataset, "kommun");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  guint expected = 0;

  for (guint i = 0; i < atlas_division_get_n_areas (kommuner); i++)
    if (atlas_area_get_ancestor (atlas_division_get_area (kommuner, i), "lan") == atlas_dataset_lookup_area (dataset, "03"))
      expected++;
  g_assert_cmpuint (expected, >, 1);

  files = atlas_figure_export_batch (figure, kommuner, dir, ATLAS_FIGURE_FORMAT_PDF, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (files);
  g_assert_cmpuint (g_strv_length (files), ==, expected);
  g_assert_cmpuint (count_entries (dir), ==, expected);
  for (guint i = 0; files[i] != NULL; i++)
    g_assert_true (g_file_test (files[i], G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *uppsala = g_build_filename (dir, "0380-uppsala.pdf", NULL);
    g_assert_true (g_strv_contains ((const char * const *) files, uppsala));
  }

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

static void
test_batch_file_name (void)
{
  AtlasDataset *dataset = load_package (REAL_PACKAGE);
  g_autofree char *name = atlas_figure_batch_file_name (atlas_dataset_lookup_area (dataset, "0181"),
                                                        ATLAS_FIGURE_FORMAT_PNG);

  g_assert_cmpstr (name, ==, "0181-sodertalje.png");
}

static void
test_failures_leave_nothing (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "figure.pdf", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.pdf", NULL);
  g_autofree char *odd = g_build_filename (dir, "figure.tiff", NULL);
  AtlasFigure *figure = create_figure (DEMO_PACKAGE, "arbetslosa_20_64", "kommun", NULL);
  AtlasDataset *dataset = atlas_figure_get_dataset (figure);
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_figure_export (figure, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_false (atlas_figure_export (figure, odd, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  atlas_figure_set_year (figure, 1990);
  g_assert_false (atlas_figure_export (figure, path, NULL, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA);
  g_clear_error (&error);

  /* A region smaller than the map's areas cannot frame them. */
  atlas_figure_set_year (figure, last_year (dataset, atlas_figure_get_indicator (figure)));
  atlas_figure_set_region (figure, atlas_division_get_area (atlas_dataset_lookup_division (dataset, "deso"), 0));
  g_assert_false (atlas_figure_export (figure, path, NULL, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* An unknown palette scheme is a data error, not a half-drawn file. */
  atlas_figure_set_region (figure, NULL);
  atlas_classification_set_palette_scheme (atlas_figure_get_classification (figure), "no-such-scheme");
  g_assert_false (atlas_figure_export (figure, path, NULL, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN);
  g_clear_error (&error);

  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_assert_finalize_object (figure);
  remove_tree (dir);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_properties (void)
{
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "lan", NULL);
  AtlasClassification *classification = atlas_figure_get_classification (figure);
  guint notified = 0;
  AtlasPageFormat page;
  AtlasClassMethod method;

  /* A change inside the classification notifies the figure, once each. */
  g_signal_connect (figure, "notify", G_CALLBACK (on_notify), &notified);
  g_object_set (figure, "page", ATLAS_PAGE_SLIDE_16X9, NULL);
  g_object_set (classification, "method", ATLAS_CLASS_METHOD_JENKS, "palette-scheme", "viridis", NULL);
  g_assert_cmpuint (notified, ==, 3);
  g_object_set (figure, "page", ATLAS_PAGE_SLIDE_16X9, NULL);
  g_object_set (classification, "palette-scheme", "viridis", NULL);
  g_assert_cmpuint (notified, ==, 3);
  g_object_get (figure, "page", &page, NULL);
  g_object_get (classification, "method", &method, NULL);
  g_assert_cmpint (page, ==, ATLAS_PAGE_SLIDE_16X9);
  g_assert_cmpint (method, ==, ATLAS_CLASS_METHOD_JENKS);
  g_assert_true (atlas_figure_check (figure, NULL));

  g_assert_finalize_object (figure);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "figure.pdf", NULL);
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "lan", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (atlas_figure_export (figure, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  gpointer  task;
} AsyncResult;

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *outcome = user_data;

  outcome->ok = atlas_figure_export_finish (ATLAS_FIGURE (source), result, &outcome->error);
  outcome->done = TRUE;
  outcome->task = result;
  g_object_add_weak_pointer (G_OBJECT (result), &outcome->task);
}

/* The worker thread may still hold the task, and through it the figure,
 * when the callback has run: wait until it lets go. */
static void
wait_for_task_release (AsyncResult *outcome)
{
  while (g_atomic_pointer_get (&outcome->task) != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "median_inkomst", "lan", NULL);
  AsyncResult outcome = { FALSE, FALSE, NULL, NULL };

  atlas_figure_export_async (figure, path, NULL, on_exported, &outcome);
  /* Changing the figure meanwhile must not affect the running export. */
  atlas_figure_set_year (figure, 1990);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  wait_for_task_release (&outcome);
  g_assert_finalize_object (figure);
  remove_tree (dir);
}

static void
test_default_title (void)
{
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", "03");
  g_autofree char *title_sv = atlas_figure_dup_display_title (figure);
  g_autofree char *title_en = NULL;
  g_autofree char *expected = g_strdup_printf (", kommuner i Uppsala län %u", atlas_figure_get_year (figure));

  g_assert_true (g_str_has_suffix (title_sv, expected));
  atlas_figure_set_lang (figure, "en");
  title_en = atlas_figure_dup_display_title (figure);
  g_assert_nonnull (strstr (title_en, "municipalities in"));
  atlas_figure_set_title (figure, "Egen rubrik");
  g_free (title_en);
  title_en = atlas_figure_dup_display_title (figure);
  g_assert_cmpstr (title_en, ==, "Egen rubrik");

  g_assert_finalize_object (figure);
}

/* A preview of a figure that cannot be drawn says why instead of failing. */
static void
test_draw_problem (void)
{
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", NULL);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;

  atlas_figure_set_year (figure, 1990);
  g_assert_false (atlas_figure_check (figure, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NO_DATA);
  atlas_figure_draw (figure, cr, 595, 842);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (figure);
}

/* With manual classes the figure draws the map's own breaks, and says so. */
static void
test_manual_breaks (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "manual.pdf", NULL);
  AtlasFigure *figure = create_figure (REAL_PACKAGE, "arbetsloshet", "kommun", NULL);
  const double inner[] = { 2.0, 3.0, 4.5 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (inner, G_N_ELEMENTS (inner), 0.5, 9.0, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  atlas_classification_set_method (atlas_figure_get_classification (figure), ATLAS_CLASS_METHOD_MANUAL);
  /* no breaks given: a clear error, no file */
  g_assert_false (atlas_figure_export (figure, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  atlas_classification_set_manual_breaks (atlas_figure_get_classification (figure), breaks);
  g_assert_true (atlas_classification_get_manual_breaks (atlas_figure_get_classification (figure)) == breaks);
  export_ok (figure, path);
  text = pdf_text (path);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "4,5"));
      g_assert_nonnull (strstr (text, "3,0"));
    }

  g_assert_finalize_object (figure);
  remove_tree (dir);
}

static void
test_page_nicks (void)
{
  AtlasPageFormat page;
  AtlasFigureFormat format;

  g_assert_true (atlas_page_format_from_nick ("slide-16x9", &page));
  g_assert_cmpint (page, ==, ATLAS_PAGE_SLIDE_16X9);
  g_assert_cmpstr (atlas_page_format_to_nick (ATLAS_PAGE_A3_LANDSCAPE), ==, "a3-landscape");
  g_assert_false (atlas_page_format_from_nick ("letter", &page));
  g_assert_true (atlas_figure_format_from_path ("/tmp/Karta.PDF", &format, NULL));
  g_assert_cmpint (format, ==, ATLAS_FIGURE_FORMAT_PDF);
  g_assert_false (atlas_figure_format_from_path ("/tmp/karta", &format, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figure/page-nicks", test_page_nicks);
  g_test_add_func ("/figure/properties", test_properties);
  g_test_add_func ("/figure/default-title", test_default_title);
  g_test_add_func ("/figure/pdf-pages", test_pdf_pages);
  g_test_add_func ("/figure/pdf-caption", test_pdf_caption);
  g_test_add_func ("/figure/pdf-categories", test_pdf_categories);
  g_test_add_func ("/figure/png-dpi", test_png_dpi);
  g_test_add_func ("/figure/svg-well-formed", test_svg_well_formed);
  g_test_add_func ("/figure/svg-text", test_svg_text);
  g_test_add_func ("/figure/batch", test_batch);
  g_test_add_func ("/figure/batch-file-name", test_batch_file_name);
  g_test_add_func ("/figure/failures-leave-nothing", test_failures_leave_nothing);
  g_test_add_func ("/figure/cancelled", test_cancelled);
  g_test_add_func ("/figure/async", test_async);
  g_test_add_func ("/figure/draw-problem", test_draw_problem);
  g_test_add_func ("/figure/manual-breaks", test_manual_breaks);

  return g_test_run ();
}
