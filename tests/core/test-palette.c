/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "atlas-core.h"

static AtlasPalette *
palette_ok (const char *scheme,
            guint       n_colors,
            gboolean    reverse)
{
  g_autoptr(GError) error = NULL;
  AtlasPalette *palette = atlas_palette_new (scheme, n_colors, reverse, &error);

  g_assert_no_error (error);
  g_assert_nonnull (palette);
  g_assert_cmpuint (atlas_palette_get_n_colors (palette), ==, n_colors);
  return palette;
}

static void
assert_color_hex (const AtlasColor *color,
                  const char       *expected)
{
  g_autofree char *hex = atlas_color_to_hex (color);

  g_assert_cmpstr (hex, ==, expected);
}

/* Within one step of 255 in each component */
static void
assert_color_near_hex (const AtlasColor *color,
                       const char       *expected)
{
  AtlasColor e;

  g_assert_true (atlas_color_parse_hex (expected, &e));
  g_assert_cmpfloat_with_epsilon (color->red, e.red, 1.01 / 255);
  g_assert_cmpfloat_with_epsilon (color->green, e.green, 1.01 / 255);
  g_assert_cmpfloat_with_epsilon (color->blue, e.blue, 1.01 / 255);
}

static void
assert_palette (const AtlasPalette *palette,
                const char * const *expected)
{
  for (guint i = 0; expected[i] != NULL; i++)
    assert_color_hex (atlas_palette_get_color (palette, i), expected[i]);
}

static void
test_colorbrewer_values (void)
{
  g_autoptr(AtlasPalette) blues = palette_ok ("Blues", 3, FALSE);
  g_autoptr(AtlasPalette) ylgnbu = palette_ok ("YlGnBu", 5, FALSE);
  g_autoptr(AtlasPalette) rdbu = palette_ok ("RdBu", 9, FALSE);
  g_autoptr(AtlasPalette) two = palette_ok ("Blues", 2, FALSE);

  assert_palette (blues, (const char *[]) { "#deebf7", "#9ecae1", "#3182bd", NULL });
  assert_palette (ylgnbu, (const char *[]) { "#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8",
                                             "#253494", NULL });
  assert_palette (rdbu, (const char *[]) { "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7",
                                           "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", NULL });
  /* two classes: the ends of the three-class set */
  assert_palette (two, (const char *[]) { "#deebf7", "#3182bd", NULL });
  g_assert_cmpstr (atlas_palette_get_scheme (blues), ==, "Blues");
}

static void
test_every_scheme (void)
{
  const char * const *schemes = atlas_palette_list_schemes ();
  guint n = 0;

  for (; schemes[n] != NULL; n++)
    {
      gboolean categorical = atlas_palette_scheme_get_kind (schemes[n]) == ATLAS_PALETTE_KIND_CATEGORICAL;

      g_assert_true (atlas_palette_scheme_exists (schemes[n]));
      g_assert_nonnull (atlas_palette_scheme_get_label (schemes[n]));
      for (guint k = categorical ? 5 : 2; k <= (categorical ? 5u : 9u); k++)
        {
          g_autoptr(AtlasPalette) palette = palette_ok (schemes[n], k, FALSE);
        }
    }

  /* 18 sequential + 9 diverging ColorBrewer schemes, viridis, cividis, omradestyp */
  g_assert_cmpuint (n, ==, 30);
  g_assert_cmpint (atlas_palette_scheme_get_kind ("PuOr"), ==, ATLAS_PALETTE_KIND_DIVERGING);
  g_assert_cmpint (atlas_palette_scheme_get_kind ("viridis"), ==, ATLAS_PALETTE_KIND_SEQUENTIAL);
  g_assert_true (atlas_palette_scheme_is_colorblind_safe ("YlGnBu"));
  g_assert_true (atlas_palette_scheme_is_colorblind_safe ("cividis"));
  g_assert_true (atlas_palette_scheme_is_colorblind_safe ("PuOr"));
  g_assert_false (atlas_palette_scheme_is_colorblind_safe ("RdYlGn"));
  g_assert_false (atlas_palette_scheme_is_colorblind_safe ("Spectral"));
}

/* Both run light → dark, starting from the published light end. */
static void
test_viridis_cividis (void)
{
  g_autoptr(AtlasPalette) viridis = palette_ok ("viridis", 9, FALSE);
  g_autoptr(AtlasPalette) cividis = palette_ok ("cividis", 3, FALSE);

  assert_color_hex (atlas_palette_get_color (viridis, 0), "#fde725");
  /* positions 31.875 and 127.5 of 255: between published entries, as
   * interpolating samplers (R's viridisLite) give them */
  assert_color_near_hex (atlas_palette_get_color (viridis, 7), "#472d7b");
  assert_color_near_hex (atlas_palette_get_color (viridis, 4), "#21908c");
  assert_color_hex (atlas_palette_get_color (viridis, 8), "#440154");
  assert_color_hex (atlas_palette_get_color (cividis, 0), "#fee838");
  assert_color_hex (atlas_palette_get_color (cividis, 2), "#00224e");
}

static void
test_reverse (void)
{
  g_autoptr(AtlasPalette) forward = palette_ok ("Greens", 7, FALSE);
  g_autoptr(AtlasPalette) backward = palette_ok ("Greens", 7, TRUE);

  g_assert_false (atlas_palette_is_reversed (forward));
  g_assert_true (atlas_palette_is_reversed (backward));
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *a = atlas_color_to_hex (atlas_palette_get_color (forward, i));
      g_autofree char *b = atlas_color_to_hex (atlas_palette_get_color (backward, 6 - i));

      g_assert_cmpstr (a, ==, b);
    }
}

static double
luminance (const AtlasColor *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* Darker always means worse: a sequential scheme is reversed exactly for
 * higher-is-better indicators, so that the lowest (worst) class is darkest. */
static void
test_polarity_rule (void)
{
  g_assert_true (atlas_palette_reverse_for_polarity (ATLAS_POLARITY_HIGHER_IS_BETTER));
  g_assert_false (atlas_palette_reverse_for_polarity (ATLAS_POLARITY_LOWER_IS_BETTER));
  g_assert_false (atlas_palette_reverse_for_polarity (ATLAS_POLARITY_NEUTRAL));

  for (AtlasPolarity p = ATLAS_POLARITY_NEUTRAL; p <= ATLAS_POLARITY_LOWER_IS_BETTER; p++)
    {
      gboolean reverse = atlas_palette_scheme_reverse_for_polarity ("YlGnBu", p);
      g_autoptr(AtlasPalette) palette = palette_ok ("YlGnBu", 5, reverse);
      double low = luminance (atlas_palette_get_color (palette, 0));
      double high = luminance (atlas_palette_get_color (palette, 4));

      if (p == ATLAS_POLARITY_HIGHER_IS_BETTER)
        g_assert_cmpfloat (low, <, high);
      else
        g_assert_cmpfloat (low, >, high);
    }

  /* Diverging: the warm (red) end marks the worse side */
  g_assert_false (atlas_palette_scheme_reverse_for_polarity ("RdBu", ATLAS_POLARITY_HIGHER_IS_BETTER));
  g_assert_true (atlas_palette_scheme_reverse_for_polarity ("RdBu", ATLAS_POLARITY_LOWER_IS_BETTER));
  g_assert_false (atlas_palette_scheme_reverse_for_polarity ("omradestyp", ATLAS_POLARITY_HIGHER_IS_BETTER));
}

static void
assert_color_near (const AtlasColor *c,
                   double            red,
                   double            green,
                   double            blue)
{
  g_assert_cmpfloat_with_epsilon (c->red, red, 0.002);
  g_assert_cmpfloat_with_epsilon (c->green, green, 0.002);
  g_assert_cmpfloat_with_epsilon (c->blue, blue, 0.002);
}

/* Expected values: the Machado et al. (2009) severity-1 matrices applied by
 * hand to linearised sRGB primaries, clamped and re-encoded. */
static void
test_cvd_simulation (void)
{
  const AtlasColor red = { 1, 0, 0 }, green = { 0, 1, 0 }, blue = { 0, 0, 1 };
  AtlasColor out;

  atlas_color_simulate_cvd (&red, ATLAS_CVD_PROTANOPIA, &out);
  assert_color_near (&out, 0.4266, 0.3727, 0.0);
  atlas_color_simulate_cvd (&green, ATLAS_CVD_PROTANOPIA, &out);
  assert_color_near (&out, 1.0, 0.8994, 0.0);
  atlas_color_simulate_cvd (&red, ATLAS_CVD_DEUTERANOPIA, &out);
  assert_color_near (&out, 0.6401, 0.5658, 0.0);
  atlas_color_simulate_cvd (&green, ATLAS_CVD_DEUTERANOPIA, &out);
  assert_color_near (&out, 0.9361, 0.8392, 0.2292);
  atlas_color_simulate_cvd (&blue, ATLAS_CVD_TRITANOPIA, &out);
  assert_color_near (&out, 0.0, 0.4204, 0.5873);
  atlas_color_simulate_cvd (&green, ATLAS_CVD_TRITANOPIA, &out);
  assert_color_near (&out, 0.0, 0.9689, 0.8496);

  atlas_color_simulate_cvd (&red, ATLAS_CVD_NONE, &out);
  assert_color_near (&out, 1, 0, 0);
  /* white and black are fixed points of every simulation */
  for (AtlasCvd cvd = ATLAS_CVD_PROTANOPIA; cvd <= ATLAS_CVD_TRITANOPIA; cvd++)
    {
      atlas_color_simulate_cvd (&(AtlasColor) { 1, 1, 1 }, cvd, &out);
      assert_color_near (&out, 1, 1, 1);
    }
}

/* The five area types stay apart for every simulated deficiency. */
static void
test_omradestyp (void)
{
  g_autoptr(AtlasPalette) palette = palette_ok ("omradestyp", 5, FALSE);
  g_autoptr(GError) error = NULL;
  const AtlasColor *first = atlas_palette_get_color (palette, 0);
  const AtlasColor *last = atlas_palette_get_color (palette, 4);

  /* dark red for type 1, dark blue for type 5 */
  g_assert_cmpfloat (first->red, >, first->blue);
  g_assert_cmpfloat (last->blue, >, last->red);

  for (AtlasCvd cvd = ATLAS_CVD_NONE; cvd <= ATLAS_CVD_TRITANOPIA; cvd++)
    {
      for (guint i = 0; i < 5; i++)
        for (guint j = i + 1; j < 5; j++)
          {
            AtlasColor a, b;

            atlas_color_simulate_cvd (atlas_palette_get_color (palette, i), cvd, &a);
            atlas_color_simulate_cvd (atlas_palette_get_color (palette, j), cvd, &b);
            g_assert_cmpfloat (hypot (hypot (a.red - b.red, a.green - b.green), a.blue - b.blue), >, 0.25);
          }
    }

  g_assert_null (atlas_palette_new ("omradestyp", 4, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_hex (void)
{
  AtlasColor color;
  g_autofree char *hex = NULL;

  g_assert_true (atlas_color_parse_hex ("#3182BD", &color));
  g_assert_cmpfloat_with_epsilon (color.red, 0x31 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (color.green, 0x82 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (color.blue, 0xbd / 255.0, 1e-12);
  hex = atlas_color_to_hex (&color);
  g_assert_cmpstr (hex, ==, "#3182bd");

  for (guint v = 0; v < 256; v += 5)
    {
      g_autofree char *in = g_strdup_printf ("#%02x%02x%02x", v, 255 - v, v / 2);
      g_autofree char *out = NULL;

      g_assert_true (atlas_color_parse_hex (in, &color));
      out = atlas_color_to_hex (&color);
      g_assert_cmpstr (in, ==, out);
    }

  g_assert_false (atlas_color_parse_hex ("3182bd", &color));
  g_assert_false (atlas_color_parse_hex ("#3182b", &color));
  g_assert_false (atlas_color_parse_hex ("#3182bdff", &color));
  g_assert_false (atlas_color_parse_hex ("#31g2bd", &color));
  g_assert_false (atlas_color_parse_hex (NULL, &color));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (atlas_palette_scheme_exists ("Rainbow"));
  g_assert_null (atlas_palette_new ("Rainbow", 5, FALSE, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "Rainbow"));
  g_clear_error (&error);

  g_assert_null (atlas_palette_new ("Blues", 10, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (atlas_palette_new ("Blues", 1, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_missing_color (void)
{
  AtlasColor missing;

  atlas_palette_get_missing_color (&missing);
  g_assert_cmpfloat (missing.red, ==, missing.green);
  g_assert_cmpfloat (missing.green, ==, missing.blue);
  g_assert_cmpfloat (missing.red, >, 0.6);
  g_assert_cmpfloat (missing.red, <, 0.95);
}

static void
test_default_scheme (void)
{
  g_autoptr(AtlasIndicator) share = atlas_indicator_new ("andel");
  g_autoptr(AtlasIndicator) types = atlas_indicator_new ("omradestyp");
  const char *scheme;

  atlas_indicator_set_properties (share, "arbete", ATLAS_INDICATOR_KIND_INDICATOR,
                                  ATLAS_UNIT_PERCENT, 1, ATLAS_POLARITY_LOWER_IS_BETTER,
                                  "test", FALSE);
  atlas_indicator_set_properties (types, "arbete", ATLAS_INDICATOR_KIND_INDICATOR,
                                  ATLAS_UNIT_CATEGORY, 0, ATLAS_POLARITY_NEUTRAL,
                                  "test", FALSE);

  scheme = atlas_palette_default_scheme (share);
  g_assert_cmpint (atlas_palette_scheme_get_kind (scheme), ==, ATLAS_PALETTE_KIND_SEQUENTIAL);
  g_assert_true (atlas_palette_scheme_is_colorblind_safe (scheme));
  g_assert_cmpstr (atlas_palette_default_scheme (types), ==, "omradestyp");
}

static void
test_boxed (void)
{
  g_autoptr(AtlasPalette) palette = palette_ok ("PuBu", 4, FALSE);
  AtlasPalette *copy = g_boxed_copy (ATLAS_TYPE_PALETTE, palette);

  g_assert_true (copy == palette);
  g_boxed_free (ATLAS_TYPE_PALETTE, copy);
}

static void
test_categories (void)
{
  g_autoptr(AtlasIndicator) indicator = atlas_indicator_new ("typ");
  g_autoptr(AtlasIndicator) plain = atlas_indicator_new ("andel");
  g_autoptr(AtlasPalette) palette = NULL;
  g_autoptr(GError) error = NULL;
  AtlasCategory one = { 1, { (char *) "Ett", NULL }, 0.8, 0.1, 0.1 };
  AtlasCategory two = { 2, { (char *) "Två", NULL }, 0.1, 0.2, 0.7 };

  atlas_indicator_add_category (indicator, &one);
  atlas_indicator_add_category (indicator, &two);
  palette = atlas_palette_new_for_categories (indicator, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_palette_get_scheme (palette), ==, "categories");
  g_assert_cmpuint (atlas_palette_get_n_colors (palette), ==, 2);
  /* exactly the package's colours, in category order */
  g_assert_cmpfloat (atlas_palette_get_color (palette, 0)->red, ==, 0.8);
  g_assert_cmpfloat (atlas_palette_get_color (palette, 1)->blue, ==, 0.7);

  g_assert_null (atlas_palette_new_for_categories (plain, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The map and figures share this rule: for a higher-is-better indicator the
 * default scheme runs reversed (dark = low = worse); the user's toggle
 * flips it back; categories keep their own colours whatever is asked. */
static void
test_for_indicator (void)
{
  g_autoptr(AtlasIndicator) income = atlas_indicator_new ("inkomst");
  g_autoptr(AtlasPalette) plain = NULL;
  g_autoptr(AtlasPalette) oriented = NULL;
  g_autoptr(AtlasPalette) flipped = NULL;
  const char *scheme;

  atlas_indicator_set_properties (income, "inkomst", ATLAS_INDICATOR_KIND_INDICATOR, ATLAS_UNIT_SEK,
                                  0, ATLAS_POLARITY_HIGHER_IS_BETTER, NULL, FALSE);
  scheme = atlas_palette_default_scheme (income);
  plain = atlas_palette_new (scheme, 5, FALSE, NULL);
  oriented = atlas_palette_new_for_indicator (income, NULL, 5, FALSE, NULL);
  flipped = atlas_palette_new_for_indicator (income, "", 5, TRUE, NULL);

  g_assert_cmpstr (atlas_palette_get_scheme (oriented), ==, scheme);
  g_assert_true (atlas_palette_is_reversed (oriented));
  g_assert_false (atlas_palette_is_reversed (flipped));
  g_assert_cmpfloat (atlas_palette_get_color (oriented, 0)->red, ==,
                     atlas_palette_get_color (plain, 4)->red);
  g_assert_cmpfloat (atlas_palette_get_color (flipped, 0)->green, ==,
                     atlas_palette_get_color (plain, 0)->green);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/palette/colorbrewer-values", test_colorbrewer_values);
  g_test_add_func ("/palette/every-scheme", test_every_scheme);
  g_test_add_func ("/palette/viridis-cividis", test_viridis_cividis);
  g_test_add_func ("/palette/reverse", test_reverse);
  g_test_add_func ("/palette/polarity-rule", test_polarity_rule);
  g_test_add_func ("/palette/cvd-simulation", test_cvd_simulation);
  g_test_add_func ("/palette/omradestyp", test_omradestyp);
  g_test_add_func ("/palette/hex", test_hex);
  g_test_add_func ("/palette/errors", test_errors);
  g_test_add_func ("/palette/missing-color", test_missing_color);
  g_test_add_func ("/palette/default-scheme", test_default_scheme);
  g_test_add_func ("/palette/boxed", test_boxed);
  g_test_add_func ("/palette/categories", test_categories);
  g_test_add_func ("/palette/for-indicator", test_for_indicator);

  return g_test_run ();
}
