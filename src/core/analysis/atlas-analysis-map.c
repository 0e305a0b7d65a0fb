/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "atlas-analysis-map.h"
#include "atlas-analysis-page-private.h"
#include "atlas-analysis.h"
#include "atlas-map-renderer.h"

/* The renderer draws in half-points, as in the map figures, so that its
 * one-pixel hairlines are fine on paper. */
#define MAP_UNITS_PER_PT 2.0
#define N_FLAG_CLASSES 4

struct _AtlasAnalysisMap
{
  GObject          parent_instance;

  AtlasDataset    *dataset;
  AtlasDivision   *division;
  AtlasArea       *region;
  int             *classes;
  guint           *class_counts;
  GPtrArray       *labels;
  AtlasPalette    *palette;
  char            *title;
  char            *subtitle;
  char            *caption;
  gboolean         demonstration;
  AtlasPageFormat  page;
};

G_DEFINE_FINAL_TYPE (AtlasAnalysisMap, atlas_analysis_map, G_TYPE_OBJECT)

static void
atlas_analysis_map_finalize (GObject *object)
{
  AtlasAnalysisMap *self = ATLAS_ANALYSIS_MAP (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->division);
  g_clear_object (&self->region);
  g_free (self->classes);
  g_free (self->class_counts);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->palette, atlas_palette_unref);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->caption);
  G_OBJECT_CLASS (atlas_analysis_map_parent_class)->finalize (object);
}

static void
atlas_analysis_map_class_init (AtlasAnalysisMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atlas_analysis_map_finalize;
}

static void
atlas_analysis_map_init (AtlasAnalysisMap *self)
{
  self->page = ATLAS_PAGE_A4_LANDSCAPE;
  self->labels = g_ptr_array_new_with_free_func (g_free);
}

static AtlasAnalysisMap *
map_new (AtlasDataset  *dataset,
         AtlasDivision *division,
         AtlasArea     *region,
         const char    *scheme,
         guint          n_classes)
{
  AtlasAnalysisMap *self = g_object_new (ATLAS_TYPE_ANALYSIS_MAP, NULL);
  guint n = atlas_division_get_n_areas (division);

  self->dataset = g_object_ref (dataset);
  self->division = g_object_ref (division);
  self->region = region != NULL ? g_object_ref (region) : NULL;
  self->classes = g_new (int, MAX (n, 1));
  self->class_counts = g_new0 (guint, n_classes + 1);
  self->palette = atlas_palette_new (scheme, n_classes, FALSE, NULL);
  g_assert (self->palette != NULL);
  return self;
}

/* Classes counted over the areas shown; the last count is "no value". */
static void
count_classes (AtlasAnalysisMap *self)
{
  guint n_classes = self->labels->len;

  for (guint a = 0; a < atlas_division_get_n_areas (self->division); a++)
    {
      AtlasArea *area = atlas_division_get_area (self->division, a);

      if (self->region != NULL && !atlas_analysis_area_in_region (area, self->region))
        continue;
      self->class_counts[self->classes[a] < 0 ? n_classes : (guint) self->classes[a]]++;
    }
}

/* ---- Problem flags -------------------------------------------------- */

static char *
flags_caption (AtlasProblemFlags *flags)
{
  g_autofree char *reference = atlas_problem_flags_dup_reference (flags);
  AtlasDataset *dataset = atlas_problem_flags_get_dataset (flags);
  GString *text = g_string_new (reference);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  g_string_append_printf (text, " %s", _("Thresholds:"));
  for (guint i = 0; i < atlas_problem_flags_get_n_indicators (flags); i++)
    {
      const AtlasFlagThreshold *t = atlas_problem_flags_get_threshold (flags, i);
      g_autofree char *value = atlas_indicator_format_value (t->indicator, t->threshold, NULL);

      g_string_append_printf (text, "%s %s %s %s", i > 0 ? ";" : "",
                              atlas_indicator_get_name (t->indicator, NULL),
                              atlas_indicator_get_polarity (t->indicator) == ATLAS_POLARITY_LOWER_IS_BETTER ? "≥" : "≤",
                              value);
      if (!g_ptr_array_find_with_equal_func (sources, atlas_indicator_get_source (t->indicator),
                                             g_str_equal, NULL))
        g_ptr_array_add (sources, (gpointer) atlas_indicator_get_source (t->indicator));
    }
  g_string_append_printf (text, ". %s", atlas_problem_flags_get_caveat ());
  for (guint i = 0; i < sources->len; i++)
    g_string_append_printf (text, _(" Source: %s."), (const char *) g_ptr_array_index (sources, i));
  g_string_append_printf (text, _(" Package: %s, version %s."), atlas_dataset_get_title (dataset, NULL),
                          atlas_dataset_get_version (dataset));
  return g_string_free (text, FALSE);
}

/**
 * atlas_analysis_map_new_for_flags:
 * @flags: problem flags
 * @region: (nullable): show only the areas inside it; the thresholds stay
 *   those of the whole package
 *
 * Returns: (transfer full): a map of the number of flags per area
 */
AtlasAnalysisMap *
atlas_analysis_map_new_for_flags (AtlasProblemFlags *flags,
                                  AtlasArea         *region)
{
  AtlasDivision *division;
  AtlasAnalysisMap *self;
  g_autofree char *share = NULL;

  g_return_val_if_fail (flags != NULL, NULL);

  division = atlas_problem_flags_get_division (flags);
  self = map_new (atlas_problem_flags_get_dataset (flags), division, region, "YlOrRd", N_FLAG_CLASSES);
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    self->classes[a] = (int) MIN (atlas_problem_flags_get_count (flags, a), N_FLAG_CLASSES - 1);
  g_ptr_array_add (self->labels, g_strdup (_("No flag")));
  g_ptr_array_add (self->labels, g_strdup (_("1 flag")));
  g_ptr_array_add (self->labels, g_strdup (_("2 flags")));
  g_ptr_array_add (self->labels, g_strdup (_("3 or more flags")));
  count_classes (self);

  share = atlas_format_number (atlas_problem_flags_get_share (flags), 0, NULL);
  self->title = g_strdup_printf (_("Problem areas: flags per %s, %u"),
                                 atlas_division_get_name (division, NULL), atlas_problem_flags_get_year (flags));
  self->subtitle = g_strdup_printf (_("Areas in the worst %s %% of each of %u indicators"), share,
                                    atlas_problem_flags_get_n_indicators (flags));
  self->caption = flags_caption (flags);
  self->demonstration = atlas_problem_flags_is_demonstration (flags);
  return self;
}

/* ---- Segregation ---------------------------------------------------- */

static const double segregation_breaks[] = { 0.1, 0.2, 0.3, 0.4 };

static double
index_value (const AtlasSegregationResult *r,
             AtlasSegregationIndex         index)
{
  switch (index)
    {
    case ATLAS_SEGREGATION_INDEX_ISOLATION:
      return r->isolation;
    case ATLAS_SEGREGATION_INDEX_THEIL:
      return r->theil;
    case ATLAS_SEGREGATION_INDEX_DISSIMILARITY:
    default:
      return r->dissimilarity;
    }
}

static const char *
index_name (AtlasSegregationIndex index)
{
  switch (index)
    {
    case ATLAS_SEGREGATION_INDEX_ISOLATION:
      return _("Isolation index xPx");
    case ATLAS_SEGREGATION_INDEX_THEIL:
      return _("Theil’s entropy index H");
    case ATLAS_SEGREGATION_INDEX_DISSIMILARITY:
    default:
      return _("Dissimilarity index D");
    }
}

static void
add_break_labels (AtlasAnalysisMap *self)
{
  guint n = G_N_ELEMENTS (segregation_breaks);

  for (guint c = 0; c <= n; c++)
    {
      g_autofree char *low = atlas_format_number (c > 0 ? segregation_breaks[c - 1] : 0.0, 2, NULL);
      g_autofree char *high = c < n ? atlas_format_number (segregation_breaks[c], 2, NULL) : NULL;

      g_ptr_array_add (self->labels, c < n ? g_strdup_printf ("%s – %s", low, high)
                                           : g_strdup_printf (_("%s and more"), low));
    }
}

static char *
segregation_caption (AtlasSegregation *seg)
{
  AtlasDataset *dataset = atlas_segregation_get_dataset (seg);
  g_autofree char *method = atlas_segregation_dup_method (seg);
  GString *text = g_string_new (method);
  guint n_unreliable = 0;

  if (atlas_segregation_get_count_note (seg) != NULL)
    g_string_append_printf (text, " %s", atlas_segregation_get_count_note (seg));
  for (guint c = 0; c < atlas_segregation_get_n_results (seg); c++)
    {
      const AtlasSegregationResult *r = atlas_segregation_get_result (seg, c);
      g_autofree char *name = atlas_area_dup_display_name (r->area);

      if (!r->unreliable || r->missing_reason != ATLAS_MISSING_NONE)
        continue;
      g_string_append_printf (text, "%s %s (%u)", n_unreliable++ == 0 ? _(" Unreliable:") : ",",
                              name, r->n_units);
    }
  if (n_unreliable > 0)
    g_string_append_c (text, '.');
  g_string_append_printf (text, " %s", atlas_segregation_get_maup_note ());
  g_string_append_printf (text, _(" Source: %s."), atlas_indicator_get_source (atlas_segregation_get_group (seg, 0)));
  g_string_append_printf (text, _(" Package: %s, version %s."), atlas_dataset_get_title (dataset, NULL),
                          atlas_dataset_get_version (dataset));
  return g_string_free (text, FALSE);
}

/**
 * atlas_analysis_map_new_for_segregation:
 * @segregation: indices per coarse area
 * @index: the index to map
 *
 * Returns: (transfer full): a map of the index per coarse area, in five
 *   fixed classes (0–0.1 … 0.4 and more) so that maps can be compared
 */
AtlasAnalysisMap *
atlas_analysis_map_new_for_segregation (AtlasSegregation      *segregation,
                                        AtlasSegregationIndex  index)
{
  AtlasDivision *division;
  AtlasAnalysisMap *self;
  g_autofree char *coarse = NULL;

  g_return_val_if_fail (segregation != NULL, NULL);

  division = atlas_segregation_get_coarse (segregation);
  self = map_new (atlas_segregation_get_dataset (segregation), division, NULL, "Purples",
                  G_N_ELEMENTS (segregation_breaks) + 1);
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    {
      double v = index_value (atlas_segregation_get_result (segregation, a), index);
      guint c = 0;

      while (c < G_N_ELEMENTS (segregation_breaks) && v >= segregation_breaks[c])
        c++;
      self->classes[a] = isnan (v) ? -1 : (int) c;
    }
  add_break_labels (self);
  count_classes (self);

  self->title = g_strdup_printf (_("%s: %s, %u"), index_name (index),
                                 atlas_indicator_get_name (atlas_segregation_get_group (segregation, 0), NULL),
                                 atlas_segregation_get_year (segregation));
  coarse = g_utf8_strdown (atlas_division_get_name (division, NULL), -1);
  self->subtitle = g_strdup_printf (_("Over %s within each %s, of %s"),
                                    atlas_division_get_name (atlas_segregation_get_fine (segregation), NULL),
                                    coarse,
                                    atlas_indicator_get_name (atlas_segregation_get_total (segregation), NULL));
  self->caption = segregation_caption (segregation);
  self->demonstration = atlas_segregation_is_demonstration (segregation);
  return self;
}

/* ---- Type changes --------------------------------------------------- */

static gboolean
history_year_index (AtlasTypeHistory  *history,
                    guint              year,
                    guint             *index,
                    GError           **error)
{
  for (guint y = 0; y < atlas_type_history_get_n_years (history); y++)
    if (atlas_type_history_get_year (history, y) == year)
      {
        *index = y;
        return TRUE;
      }
  g_set_error (error, ATLAS_ANALYSIS_ERROR, ATLAS_ANALYSIS_ERROR_INVALID,
               _("“%s” has no types in %u; choose years in which it has"),
               atlas_indicator_get_id (atlas_type_history_get_category (history)), year);
  return FALSE;
}

/* The caveat first, right under the map; then which areas changed. */
static char *
changes_caption (AtlasDataset     *dataset,
                 AtlasTypeHistory *history,
                 guint             from_year,
                 guint             to_year)
{
  g_autoptr(GArray) changes = atlas_type_history_dup_changes (history, from_year, to_year);
  AtlasIndicator *category = atlas_type_history_get_category (history);
  GString *text = g_string_new (atlas_type_history_get_caveat ());

  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u area changed type:",
                                             "%u areas changed type:", changes->len), changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      const AtlasTypeChange *change = &g_array_index (changes, AtlasTypeChange, i);
      g_autofree char *name = atlas_area_dup_display_name (change->area);

      g_string_append_printf (text, "%s %s %d → %d", i > 0 ? "," : "", name, change->from, change->to);
    }
  g_string_append_printf (text, ". %s: %s", atlas_indicator_get_name (category, NULL),
                          atlas_indicator_get_definition (category, NULL) != NULL
                          ? atlas_indicator_get_definition (category, NULL) : "");
  g_string_append_printf (text, _(" Source: %s."), atlas_indicator_get_source (category));
  g_string_append_printf (text, _(" Package: %s, version %s."), atlas_dataset_get_title (dataset, NULL),
                          atlas_dataset_get_version (dataset));
  return g_string_free (text, FALSE);
}

/**
 * atlas_analysis_map_new_for_type_changes:
 * @dataset: the package of @history
 * @history: area types over the years
 * @from_year: a year with types
 * @to_year: another
 * @error: set when either year has no types
 *
 * Returns: (transfer full) (nullable): a map of the areas whose type is
 *   lower, the same or higher in @to_year, in the history's region
 */
AtlasAnalysisMap *
atlas_analysis_map_new_for_type_changes (AtlasDataset      *dataset,
                                         AtlasTypeHistory  *history,
                                         guint              from_year,
                                         guint              to_year,
                                         GError           **error)
{
  AtlasDivision *division;
  AtlasAnalysisMap *self;
  guint from, to;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (history != NULL, NULL);

  if (!history_year_index (history, from_year, &from, error) ||
      !history_year_index (history, to_year, &to, error))
    return NULL;

  division = atlas_type_history_get_division (history);
  self = map_new (dataset, division, atlas_type_history_get_region (history), "RdBu", 3);
  for (guint a = 0; a < atlas_division_get_n_areas (division); a++)
    self->classes[a] = -1;
  for (guint i = 0; i < atlas_type_history_get_n_areas (history); i++)
    {
      int t0 = atlas_type_history_get_area_type (history, i, from);
      int t1 = atlas_type_history_get_area_type (history, i, to);

      if (t0 >= 0 && t1 >= 0)
        self->classes[atlas_area_get_index (atlas_type_history_get_area (history, i))] = t1 < t0 ? 0 : t1 == t0 ? 1 : 2;
    }
  g_ptr_array_add (self->labels, g_strdup_printf (_("Lower type than in %u"), from_year));
  g_ptr_array_add (self->labels, g_strdup (_("Same type")));
  g_ptr_array_add (self->labels, g_strdup_printf (_("Higher type than in %u"), from_year));
  count_classes (self);

  self->title = g_strdup_printf (_("Areas whose %s changed, %u–%u"),
                                 atlas_indicator_get_name (atlas_type_history_get_category (history), NULL),
                                 from_year, to_year);
  self->subtitle = g_strdup (_("Types are relative: an area can change type because others moved "
                                "(see the note below the map)"));
  self->caption = changes_caption (dataset, history, from_year, to_year);
  self->demonstration = atlas_type_history_is_demonstration (history);
  return self;
}

/* ---- Accessors ------------------------------------------------------ */

void
atlas_analysis_map_set_page (AtlasAnalysisMap *self,
                             AtlasPageFormat   page)
{
  g_return_if_fail (ATLAS_IS_ANALYSIS_MAP (self));
  self->page = page;
}

const char *
atlas_analysis_map_get_title (AtlasAnalysisMap *self)
{
  g_return_val_if_fail (ATLAS_IS_ANALYSIS_MAP (self), NULL);
  return self->title;
}

/**
 * atlas_analysis_map_get_classes:
 * @self: a map
 * @n_areas: (out) (optional): the number of areas
 *
 * Returns: (transfer none) (array length=n_areas): the class per area
 */
const int *
atlas_analysis_map_get_classes (AtlasAnalysisMap *self,
                                guint            *n_areas)
{
  g_return_val_if_fail (ATLAS_IS_ANALYSIS_MAP (self), NULL);
  if (n_areas != NULL)
    *n_areas = atlas_division_get_n_areas (self->division);
  return self->classes;
}

guint
atlas_analysis_map_get_n_classes (AtlasAnalysisMap *self)
{
  g_return_val_if_fail (ATLAS_IS_ANALYSIS_MAP (self), 0);
  return self->labels->len;
}

const char *
atlas_analysis_map_get_class_label (AtlasAnalysisMap *self,
                                    guint             index)
{
  g_return_val_if_fail (ATLAS_IS_ANALYSIS_MAP (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);
  return g_ptr_array_index (self->labels, index);
}

/* ---- Drawing -------------------------------------------------------- */

static const AtlasBBox *
frame (AtlasAnalysisMap *self)
{
  AtlasGeometry *geometry = self->region != NULL ? atlas_area_get_geometry (self->region) : NULL;

  return geometry != NULL ? atlas_geometry_get_bbox (geometry) : atlas_division_get_bbox (self->division);
}

static void
draw_map (AtlasAnalysisMap *self,
          cairo_t          *cr,
          double            x,
          double            y,
          double            width,
          double            height)
{
  g_autoptr(AtlasMapRenderer) renderer = atlas_map_renderer_new ();
  AtlasDivision *parent = atlas_division_get_parent (self->division);
  AtlasMapView view;

  atlas_map_renderer_set_choropleth (renderer, self->division, self->classes, self->palette);
  if (parent != NULL && atlas_division_get_depth (parent) > 0)
    atlas_map_renderer_set_context_divisions (renderer, NULL, parent);
  atlas_map_renderer_set_region (renderer, self->region);
  atlas_map_view_fit_bbox (&view, frame (self), width * MAP_UNITS_PER_PT, height * MAP_UNITS_PER_PT, 8);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1 / MAP_UNITS_PER_PT, 1 / MAP_UNITS_PER_PT);
  atlas_map_renderer_draw_choropleth (renderer, cr, &view);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, width, height);
  cairo_stroke (cr);
}

static void
legend_row (AtlasAnalysisMap *self,
            AtlasPen         *pen,
            guint             c,
            double            size)
{
  AtlasColor missing;
  const AtlasColor *color = c < self->labels->len ? atlas_palette_get_color (self->palette, c) : NULL;
  g_autofree char *label = g_strdup_printf ("%s (%u)", c < self->labels->len
                                            ? (const char *) g_ptr_array_index (self->labels, c)
                                            : _("No value"), self->class_counts[c]);

  atlas_palette_get_missing_color (&missing);
  if (color == NULL)
    color = &missing;
  pen->y += size * 1.8;
  cairo_set_source_rgb (pen->cr, color->red, color->green, color->blue);
  cairo_rectangle (pen->cr, pen->left, pen->y - size, size * 2, size * 1.2);
  cairo_fill_preserve (pen->cr);
  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_stroke (pen->cr);
  atlas_pen_set_font (pen->cr, size, FALSE);
  cairo_set_source_rgb (pen->cr, 0.1, 0.1, 0.1);
  atlas_pen_show (pen, label, pen->left + size * 2.6, pen->y);
}

static void
draw_page (AtlasAnalysisMap *self,
           cairo_t          *cr,
           double            width,
           double            height,
           GPtrArray        *runs)
{
  double scale = atlas_pen_page_scale (width, height);
  double margin = 40 * scale;
  AtlasPen pen = { cr, runs, margin, width - margin, margin };
  AtlasPen legend;
  double map_top, map_height, map_width;

  cairo_save (cr);
  atlas_pen_heading (&pen, self->title, self->subtitle, self->demonstration, scale);
  map_top = pen.y + 4 * scale;
  map_height = height - map_top - margin - 90 * scale;
  map_width = (width - 2 * margin) * 0.68;
  draw_map (self, cr, margin, map_top, map_width, map_height);

  legend = (AtlasPen) { cr, runs, margin + map_width + 16 * scale, width - margin, map_top };
  for (guint c = 0; c <= self->labels->len; c++)
    if (c < self->labels->len || self->class_counts[c] > 0)
      legend_row (self, &legend, c, 9 * scale);

  pen.y = map_top + map_height + 4 * scale;
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  atlas_pen_paragraph (&pen, self->caption, 7.5 * scale);
  cairo_restore (cr);
}

/**
 * atlas_analysis_map_draw:
 * @self: a map
 * @cr: where to draw, in the units of @width and @height
 * @width: the page width
 * @height: the page height
 */
void
atlas_analysis_map_draw (AtlasAnalysisMap *self,
                         cairo_t          *cr,
                         double            width,
                         double            height)
{
  g_return_if_fail (ATLAS_IS_ANALYSIS_MAP (self));
  draw_page (self, cr, width, height, NULL);
}

/**
 * atlas_analysis_map_export:
 * @self: a map
 * @path: ends in .png, .pdf or .svg
 * @dpi: PNG resolution, 72–600
 * @error: G_IO_ERROR for the file
 *
 * Returns: TRUE when the file was written; on failure nothing is left behind
 */
gboolean
atlas_analysis_map_export (AtlasAnalysisMap  *self,
                           const char        *path,
                           guint              dpi,
                           GError           **error)
{
  g_return_val_if_fail (ATLAS_IS_ANALYSIS_MAP (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return atlas_analysis_page_export (self->page, path, dpi, (AtlasPageDrawFunc) draw_page, self, error);
}
