/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli-test-util.h"

/* `platsatlas-cli export --view FILE` draws exactly what the app exports
 * for the same state: the app's export path is atlas_figure_new_for_state()
 * with the window's AtlasExplorerState, done here in-process, and the two
 * files are compared by their PDF text (pdftotext) and PNG pixels. */

typedef struct
{
  char         *dir;
  char         *views;     /* views.json holding one view */
  char         *package;
  AtlasDataset *dataset;
} Fixture;

/* Manual breaks, a palette reversed, one year's scope and a region: all
 * things the default export would not do. */
static AtlasExplorerState *
create_state (AtlasDataset *dataset)
{
  AtlasExplorerState *state = atlas_explorer_state_new ();
  AtlasClassification *classification = atlas_explorer_state_get_classification (state);
  const double inner[] = { 4.0, 6.5, 9.0 };
  g_autoptr(AtlasClassBreaks) breaks = atlas_class_breaks_new_manual (inner, 3, 0.0, 20.0, NULL);
  const char *selection[] = { "0380", NULL };

  atlas_explorer_state_set_dataset (state, dataset);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "arbetsloshet");
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_set_region (state, "03");
  atlas_explorer_state_set_selection (state, selection);
  g_object_set (classification, "method", ATLAS_CLASS_METHOD_MANUAL, "manual-breaks", breaks,
                "pooled", FALSE, "palette-scheme", "PuBuGn", "palette-reverse", TRUE, NULL);
  return state;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasExplorerState) state = NULL;
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) view = NULL;

  f->dir = g_dir_make_tmp ("platsatlas-export-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->views = g_build_filename (f->dir, "views.json", NULL);
  f->package = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "sverige-kommuner", NULL);
  f->dataset = cli_test_load_packaged ("sverige-kommuner");
  state = create_state (f->dataset);
  view = atlas_saved_view_new_for_state ("Arbetslöshet i Uppsala län", state);
  g_list_store_append (views, view);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), f->views, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
  g_free (f->views);
  g_free (f->package);
  g_clear_object (&f->dataset);
}

static char *
tmp_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* What the app's Export does with the window's state. */
static void
export_in_process (AtlasExplorerState *state,
                   const char         *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFigure) figure = atlas_figure_new_for_state (state, &error);

  g_assert_no_error (error);
  g_assert_true (atlas_figure_export (figure, path, NULL, &error));
  g_assert_no_error (error);
}

static void
export_cli (const char * const *args)
{
  g_auto(CliRun) run = { 0 };

  cli_test_runv (&run, args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
assert_same_pixels (const char *a,
                    const char *b)
{
  cairo_surface_t *one = cairo_image_surface_create_from_png (a);
  cairo_surface_t *two = cairo_image_surface_create_from_png (b);
  int height = cairo_image_surface_get_height (one);
  int stride = cairo_image_surface_get_stride (one);

  g_assert_cmpint (cairo_surface_status (one), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (two), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (one), ==, cairo_image_surface_get_width (two));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (two));
  g_assert_cmpint (cairo_image_surface_get_format (one), ==, cairo_image_surface_get_format (two));
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (one), cairo_image_surface_get_data (two),
                           (size_t) stride * height), ==, 0);
  cairo_surface_destroy (one);
  cairo_surface_destroy (two);
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");

  if (program == NULL)
    g_test_skip ("pdftotext is not installed");
  return program != NULL;
}

/* The view's own settings reach the page: its manual limits (4, 6,5 and
 * 9 in Swedish), its region in the title, its year. */
static void
test_view_matches_app (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *app_pdf = tmp_path (f, "app.pdf");
  g_autofree char *cli_pdf = tmp_path (f, "cli.pdf");
  g_autofree char *app_png = tmp_path (f, "app.png");
  g_autofree char *cli_png = tmp_path (f, "cli.png");
  g_autofree char *default_pdf = tmp_path (f, "default.pdf");
  g_autoptr(AtlasExplorerState) state = create_state (f->dataset);
  g_autofree char *app_text = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *default_text = NULL;

  if (!have_pdftotext ())
    return;
  /* PNG first: cairo caches glyphs per process, and a PNG drawn after a
   * PDF in the same process differs from a fresh one by antialiasing
   * (the CLI draws each in a fresh process). */
  export_in_process (state, app_png);
  export_in_process (state, app_pdf);
  export_cli ((const char *[]) { "export", "--view", f->views, "-o", cli_pdf, f->package, NULL });
  export_cli ((const char *[]) { "export", "--view", f->views, "-o", cli_png, f->package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun",
                                 "--year", "2022", "--region", "03", "-o", default_pdf, f->package, NULL });

  app_text = pdf_text (app_pdf);
  cli_text = pdf_text (cli_pdf);
  default_text = pdf_text (default_pdf);
  g_assert_cmpstr (cli_text, ==, app_text);
  assert_same_pixels (cli_png, app_png);
  g_assert_nonnull (strstr (app_text, "6,5"));
  g_assert_nonnull (strstr (app_text, "2022"));
  g_assert_nonnull (strstr (app_text, "Uppsala"));
  /* The default classes are other ones: the comparison can tell */
  g_assert_cmpstr (default_text, !=, app_text);
  g_assert_null (strstr (default_text, "6,5"));
}

/* A view's filter reaches the figure, in the app and the CLI alike: the
 * page is the one `--filter` draws, and not the unfiltered one. */
static void
test_view_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AtlasDataset) dataset = cli_test_load_packaged ("stockholm-uppsala");
  g_autofree char *package = g_build_filename (g_getenv ("PLATSATLAS_DATA_DIR"), "datasets", "stockholm-uppsala", NULL);
  g_autofree char *views_path = tmp_path (f, "filtered.json");
  g_autofree char *app_pdf = tmp_path (f, "filtered-app.pdf");
  g_autofree char *view_pdf = tmp_path (f, "filtered-view.pdf");
  g_autofree char *option_pdf = tmp_path (f, "filtered-option.pdf");
  g_autofree char *plain_pdf = tmp_path (f, "plain.pdf");
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_text = NULL, *view_text = NULL, *option_text = NULL, *plain_text = NULL;
  const char *codes[] = { "1", "2", "3", NULL };

  if (!have_pdftotext ())
    return;
  atlas_explorer_state_set_dataset (state, dataset);
  atlas_explorer_state_set_level (state, "regso");
  atlas_explorer_state_set_indicator (state, "lag_ek_standard");
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_set_filter (state, "omradestyp", codes);
  view = atlas_saved_view_new_for_state ("Typ 1–3", state);
  g_list_store_append (views, view);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), views_path, &error));
  g_assert_no_error (error);

  export_in_process (state, app_pdf);
  export_cli ((const char *[]) { "export", "--view", views_path, "-o", view_pdf, package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "lag_ek_standard", "--level", "regso", "--year", "2022",
                                 "--filter", "omradestyp=1,2,3", "-o", option_pdf, package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "lag_ek_standard", "--level", "regso", "--year", "2022",
                                 "-o", plain_pdf, package, NULL });
  app_text = pdf_text (app_pdf);
  view_text = pdf_text (view_pdf);
  option_text = pdf_text (option_pdf);
  plain_text = pdf_text (plain_pdf);
  g_assert_cmpstr (view_text, ==, app_text);
  g_assert_cmpstr (view_text, ==, option_text);
  g_assert_cmpstr (view_text, !=, plain_text);
}

/* The options give the same page as the view holding the same settings,
 * and an option on top of a view changes just that. */
static void
test_options_match_view (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *view_png = tmp_path (f, "view.png");
  g_autofree char *options_png = tmp_path (f, "options.png");
  g_autofree char *changed_png = tmp_path (f, "changed.png");
  g_autofree char *app_png = tmp_path (f, "app.png");
  g_autoptr(AtlasExplorerState) state = create_state (f->dataset);

  export_cli ((const char *[]) { "export", "--view", f->views, "--dpi", "60", "-o", view_png, f->package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun",
                                 "--year", "2022", "--region", "03", "--method", "manual",
                                 "--breaks", "4,6.5,9", "--scope", "year", "--palette", "PuBuGn",
                                 "--reverse-palette", "--select", "0380", "--dpi", "60", "-o", options_png,
                                 f->package, NULL });
  assert_same_pixels (view_png, options_png);

  export_cli ((const char *[]) { "export", "--view", f->views, "--year", "2020", "--dpi", "60",
                                 "-o", changed_png, f->package, NULL });
  atlas_explorer_state_set_year (state, 2020);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AtlasFigure) figure = atlas_figure_new_for_state (state, &error);

    g_assert_no_error (error);
    atlas_figure_set_dpi (figure, 60);
    g_assert_true (atlas_figure_export (figure, app_png, NULL, &error));
    g_assert_no_error (error);
  }
  assert_same_pixels (changed_png, app_png);
}

/* A view holding a change map (since-year) is drawn as `export --since`
 * draws it with the same options, and as the app exports the state: the
 * same text and pixels, and not the year's values. */
static void
test_view_since (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *views_path = tmp_path (f, "since.json");
  g_autofree char *app_pdf = tmp_path (f, "since-app.pdf");
  g_autofree char *view_pdf = tmp_path (f, "since-view.pdf");
  g_autofree char *option_pdf = tmp_path (f, "since-option.pdf");
  g_autofree char *plain_pdf = tmp_path (f, "since-plain.pdf");
  g_autofree char *app_png = tmp_path (f, "since-app.png");
  g_autofree char *view_png = tmp_path (f, "since-view.png");
  g_autofree char *option_png = tmp_path (f, "since-option.png");
  g_autoptr(AtlasExplorerState) state = atlas_explorer_state_new ();
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(AtlasSavedView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_text = NULL, *view_text = NULL, *option_text = NULL, *plain_text = NULL;
  const char *selection[] = { "0380", NULL };

  if (!have_pdftotext ())
    return;
  atlas_explorer_state_set_dataset (state, f->dataset);
  atlas_explorer_state_set_level (state, "kommun");
  atlas_explorer_state_set_indicator (state, "arbetsloshet");
  atlas_explorer_state_set_year (state, 2022);
  atlas_explorer_state_set_since_year (state, 2020);
  atlas_explorer_state_set_region (state, "03");
  atlas_explorer_state_set_selection (state, selection);
  atlas_classification_set_count (atlas_explorer_state_get_classification (state), 6);
  view = atlas_saved_view_new_for_state ("Förändring 2020–2022", state);
  g_list_store_append (views, view);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), views_path, &error));
  g_assert_no_error (error);

  /* PNG first, as in test_view_matches_app */
  export_in_process (state, app_png);
  export_in_process (state, app_pdf);
  export_cli ((const char *[]) { "export", "--view", views_path, "-o", view_pdf, f->package, NULL });
  export_cli ((const char *[]) { "export", "--view", views_path, "-o", view_png, f->package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun", "--year", "2022",
                                 "--since", "2020", "--region", "03", "--select", "0380", "--classes", "6",
                                 "-o", option_pdf, f->package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun", "--year", "2022",
                                 "--since", "2020", "--region", "03", "--select", "0380", "--classes", "6",
                                 "-o", option_png, f->package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun", "--year", "2022",
                                 "--region", "03", "--select", "0380", "--classes", "6",
                                 "-o", plain_pdf, f->package, NULL });
  app_text = pdf_text (app_pdf);
  view_text = pdf_text (view_pdf);
  option_text = pdf_text (option_pdf);
  plain_text = pdf_text (plain_pdf);
  g_assert_cmpstr (view_text, ==, option_text);
  g_assert_cmpstr (view_text, ==, app_text);
  assert_same_pixels (view_png, option_png);
  assert_same_pixels (view_png, app_png);
  g_assert_cmpstr (view_text, !=, plain_text);
  /* the page names the two years of the change */
  g_assert_nonnull (strstr (view_text, "2020–2022"));
  g_assert_null (strstr (plain_text, "2020–2022"));
}

/* A view's since-year that makes no change map (not before the year) is
 * drawn as the app draws it, the year's values; --since that makes none
 * is a usage error naming both years. */
static void
test_view_since_later (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *views_path = tmp_path (f, "later.json");
  g_autofree char *view_pdf = tmp_path (f, "later-view.pdf");
  g_autofree char *plain_pdf = tmp_path (f, "later-plain.pdf");
  g_autofree char *never = tmp_path (f, "never.pdf");
  g_autoptr(AtlasSavedView) view = atlas_saved_view_new ("Senare", f->package, "arbetsloshet", "kommun", 2020);
  g_autoptr(GListStore) views = g_list_store_new (ATLAS_TYPE_SAVED_VIEW);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *view_text = NULL, *plain_text = NULL;

  if (!have_pdftotext ())
    return;
  atlas_explorer_state_set_since_year (atlas_saved_view_get_state (view), 2022);
  g_list_store_append (views, view);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), views_path, &error));
  g_assert_no_error (error);
  export_cli ((const char *[]) { "export", "--view", views_path, "-o", view_pdf, f->package, NULL });
  export_cli ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun", "--year", "2020",
                                 "-o", plain_pdf, f->package, NULL });
  view_text = pdf_text (view_pdf);
  plain_text = pdf_text (plain_pdf);
  g_assert_cmpstr (view_text, ==, plain_text);

  cli_test_runv (&run, (const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun",
                                          "--year", "2020", "--since", "2022", "-o", never, f->package, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2022"));
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
}

static void
assert_usage_error (const char * const *args,
                    const char         *expected)
{
  g_auto(CliRun) run = { 0 };

  cli_test_runv (&run, args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, expected));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = tmp_path (f, "never.pdf");
  g_autofree char *two = tmp_path (f, "two.json");
  g_autoptr(GListStore) views = atlas_saved_views_load (f->views, NULL);
  g_autoptr(AtlasSavedView) other = atlas_saved_view_new ("Annan", f->package, "folkmangd", "lan", 0);
  g_autoptr(GError) error = NULL;

  assert_usage_error ((const char *[]) { "export", "--indicator", "arbetsloshet", "--level", "kommun",
                                         "--year", "2022", "--method", "manual", "-o", out, f->package, NULL },
                      "--breaks");
  assert_usage_error ((const char *[]) { "export", "--method", "manual", "--breaks", "5,3", "-o", out,
                                         f->package, NULL }, "5,3");
  assert_usage_error ((const char *[]) { "export", "--palette", "Rainbow", "-o", out, f->package, NULL },
                      "viridis");
  assert_usage_error ((const char *[]) { "export", "--scope", "always", "-o", out, f->package, NULL },
                      "--scope");
  assert_usage_error ((const char *[]) { "export", "--view", f->views, "--view-name", "Nej", "-o", out,
                                         f->package, NULL }, "Nej");
  g_list_store_append (views, other);
  g_assert_true (atlas_saved_views_save (G_LIST_MODEL (views), two, &error));
  g_assert_no_error (error);
  assert_usage_error ((const char *[]) { "export", "--view", two, "-o", out, f->package, NULL },
                      "--view-name");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  /* ...and the name picks one: year 0 is the newest year */
  export_cli ((const char *[]) { "export", "--view", two, "--view-name", "Annan", "-o", out, f->package, NULL });
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* As the app and the CLI do: the figure's fonts follow the locale, and
   * messages (a filter's caption line) PLATSATLAS_LANG. */
  if (g_getenv ("PLATSATLAS_LANG") != NULL)
    g_setenv ("LANGUAGE", g_getenv ("PLATSATLAS_LANG"), TRUE);
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-view/matches-app", Fixture, NULL, fixture_set_up, test_view_matches_app,
              fixture_tear_down);
  g_test_add ("/export-view/view-filter", Fixture, NULL, fixture_set_up, test_view_filter,
              fixture_tear_down);
  g_test_add ("/export-view/options-match-view", Fixture, NULL, fixture_set_up, test_options_match_view,
              fixture_tear_down);
  g_test_add ("/export-view/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);
  g_test_add ("/export-view/since", Fixture, NULL, fixture_set_up, test_view_since, fixture_tear_down);
  g_test_add ("/export-view/since-later", Fixture, NULL, fixture_set_up, test_view_since_later,
              fixture_tear_down);
  return g_test_run ();
}
