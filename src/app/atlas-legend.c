/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-legend.h"
#include "atlas-tooltip.h"

#define NBSP "\xc2\xa0"
#define EN_DASH "\xe2\x80\x93"

struct _AtlasLegend
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *year_label;
  GtkLabel  *scope_label;
  GtkLabel  *direction_label;
  GtkGrid   *rows_grid;
  GtkLabel  *note_label;
  GtkLabel  *caveat_label;
  GtkLabel  *undrawn_label;

  GPtrArray *row_labels;
  /* Row: the widgets of each row, kept and relabelled when the next
   * classification has as many rows (a year step), not rebuilt. */
  GPtrArray *rows;
  /* How many of each class's areas are selected (the exploring views'
   * selection), one per class then the missing row; NULL: none. */
  GArray    *selected_counts;
  /* A change map's earlier year, or 0 */
  guint      since;
};

typedef struct
{
  GtkWidget  *swatch;
  GtkWidget  *label;
  GtkWidget  *count_label;   /* NULL when the row shows no count */
  AtlasColor  color;
  gboolean    missing;       /* hatched, as missing values on the map */
  gboolean    has_count;
  gsize       count;
} Row;

G_DEFINE_FINAL_TYPE (AtlasLegend, atlas_legend, GTK_TYPE_WIDGET)

static const char *
unit_suffix (AtlasIndicator *indicator)
{
  switch (atlas_indicator_get_unit (indicator))
    {
    case ATLAS_UNIT_INDEX:
    case ATLAS_UNIT_CATEGORY:
      return "";
    case ATLAS_UNIT_PERCENT:
    case ATLAS_UNIT_SEK:
    case ATLAS_UNIT_COUNT:
    case ATLAS_UNIT_DAYS:
    default:
      return atlas_indicator_get_unit_label (indicator, NULL);
    }
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const Row *row = user_data;
  const AtlasColor *color = &row->color;

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
  cairo_fill_preserve (cr);

  /* Missing values are hatched on the map: the swatch says so too. */
  if (row->missing)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      cairo_new_path (cr);
      for (int i = -height; i < width; i += 4)
        {
          cairo_move_to (cr, i, height);
          cairo_line_to (cr, i + height, 0);
        }
      cairo_set_source_rgba (cr, 0.25, 0.25, 0.25, 0.7);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
    }

  cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.45);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static Row *
new_row (AtlasLegend *self,
         guint        index)
{
  Row *row = g_new0 (Row, 1);

  row->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->swatch), 20);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->swatch), 14);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->swatch), draw_swatch, row, NULL);
  gtk_grid_attach (self->rows_grid, row->swatch, 0, index, 1, 1);

  row->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (row->label), 28);
  gtk_widget_set_hexpand (row->label, TRUE);
  gtk_grid_attach (self->rows_grid, row->label, 1, index, 1, 1);

  g_ptr_array_add (self->rows, row);
  return row;
}

static void
remove_row (AtlasLegend *self,
            Row         *row)
{
  gtk_grid_remove (self->rows_grid, row->swatch);
  gtk_grid_remove (self->rows_grid, row->label);
  if (row->count_label != NULL)
    gtk_grid_remove (self->rows_grid, row->count_label);
  g_free (row);
}

static void
set_row_count (AtlasLegend *self,
               Row         *row,
               guint        index,
               gboolean     has_count,
               gsize        count)
{
  g_autofree char *text = NULL;
  GArray *selected = self->selected_counts;

  row->has_count = has_count;
  row->count = count;
  if (!has_count)
    {
      if (row->count_label != NULL)
        gtk_grid_remove (self->rows_grid, g_steal_pointer (&row->count_label));
      return;
    }
  if (row->count_label == NULL)
    {
      row->count_label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (row->count_label), 1.0);
      gtk_widget_add_css_class (row->count_label, "dim-label");
      gtk_widget_add_css_class (row->count_label, "caption");
      gtk_widget_add_css_class (row->count_label, "numeric");
      gtk_grid_attach (self->rows_grid, row->count_label, 2, index, 1, 1);
    }
  if (selected != NULL)
    {
      guint at = row->missing ? selected->len - 1 : MIN (index, selected->len - 1);
      guint n_selected = (guint) g_array_index (selected, gsize, at);

      /* TRANSLATORS: areas of a class in the legend, of which some are
       * selected in the scatter plot or the similar-areas list */
      text = g_strdup_printf (ngettext ("%u area, %u selected", "%u areas, %u selected", count),
                              (guint) count, n_selected);
    }
  else
    text = g_strdup_printf (ngettext ("%u area", "%u areas", count), (guint) count);
  gtk_label_set_label (GTK_LABEL (row->count_label), text);
}

/* @color NULL: the row of missing values. Reuses the row's widgets when
 * there is one already; labels left as they were cost no relayout. */
static void
add_row (AtlasLegend      *self,
         const AtlasColor *color,
         const char       *text,
         gboolean          has_count,
         gsize             count)
{
  guint index = self->row_labels->len;
  gboolean fresh = index >= self->rows->len;
  Row *row = fresh ? new_row (self, index) : g_ptr_array_index (self->rows, index);
  AtlasColor colour;
  gboolean missing = color == NULL;

  if (missing)
    atlas_palette_get_missing_color (&colour);
  else
    colour = *color;
  if (fresh || missing != row->missing
      || memcmp (&colour, &row->color, sizeof colour) != 0)
    {
      row->color = colour;
      row->missing = missing;
      gtk_widget_queue_draw (row->swatch);
    }
  gtk_label_set_label (GTK_LABEL (row->label), text);
  set_row_count (self, row, index, has_count, count);

  g_ptr_array_add (self->row_labels, g_strdup (text));
}

/* The rows beyond those just added go. */
static void
trim_rows (AtlasLegend *self)
{
  while (self->rows->len > self->row_labels->len)
    remove_row (self, g_ptr_array_steal_index (self->rows, self->rows->len - 1));
}

static void
clear_rows (AtlasLegend *self)
{
  g_ptr_array_set_size (self->row_labels, 0);
}

static void
set_title (AtlasLegend    *self,
           AtlasIndicator *indicator)
{
  const char *label = atlas_indicator_get_short_label (indicator, NULL);
  const char *unit = unit_suffix (indicator);
  g_autofree char *title = NULL;

  if (label == NULL)
    label = atlas_indicator_get_name (indicator, NULL);
  if (unit != NULL && *unit != '\0')
    title = g_strdup_printf ("%s (%s)", label, unit);
  else
    title = g_strdup (label);
  gtk_label_set_label (self->title_label, title);
}

/* The labels of the figures (atlas_class_breaks_dup_labels): the limits
 * of the values of the year shown, never two alike. A change map's are
 * signed and in the change's unit ("p.e." for shares), as its title. */
static void
add_class_rows (AtlasLegend            *self,
                AtlasIndicator         *indicator,
                const AtlasClassBreaks *breaks,
                AtlasPalette           *palette,
                const double           *values,
                gsize                   n_values,
                const gsize            *counts)
{
  g_auto(GStrv) labels = self->since != 0
    ? atlas_class_breaks_dup_change_labels (breaks, indicator, values, n_values, NULL)
    : atlas_class_breaks_dup_labels (breaks, indicator, values, n_values, NULL);

  for (guint i = 0; labels[i] != NULL && i < atlas_palette_get_n_colors (palette); i++)
    add_row (self, atlas_palette_get_color (palette, i), labels[i],
             counts != NULL, counts != NULL ? counts[i] : 0);
}

static void
add_category_rows (AtlasLegend    *self,
                   AtlasIndicator *indicator,
                   AtlasPalette   *palette,
                   const gsize    *counts)
{
  guint n = atlas_indicator_get_n_categories (indicator);

  for (guint i = 0; i < n && i < atlas_palette_get_n_colors (palette); i++)
    {
      const AtlasCategory *category = atlas_indicator_get_category (indicator, i);
      g_autofree char *text = g_strdup_printf ("%d" NBSP EN_DASH " %s", category->code,
                                               atlas_text_get (&category->label, NULL));

      add_row (self, atlas_palette_get_color (palette, i), text,
               counts != NULL, counts != NULL ? counts[i] : 0);
    }
}

/* Which way the colours run, in words: a reversed ramp must not be read
 * the wrong way round. */
static void
set_direction (AtlasLegend    *self,
               AtlasIndicator *indicator,
               AtlasPalette   *palette,
               gboolean        categories)
{
  const char *direction = NULL;

  if (!categories)
    direction = atlas_palette_describe_direction (palette, indicator, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->direction_label), direction != NULL);
  gtk_label_set_label (self->direction_label, direction != NULL ? direction : "");
}

/* Fewer classes than asked for, and where a boundary value belongs: the
 * figures' words. */
static void
set_notes (AtlasLegend            *self,
           const AtlasClassBreaks *breaks)
{
  g_autofree char *shortfall = breaks != NULL ? atlas_class_breaks_dup_shortfall (breaks, NULL) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->note_label),
                          breaks != NULL && atlas_class_breaks_get_n_classes (breaks) > 1);
  if (breaks == NULL)
    return;
  text = shortfall != NULL ? g_strdup_printf ("%s\n%s", shortfall, atlas_class_breaks_boundary_note (NULL))
                           : g_strdup (atlas_class_breaks_boundary_note (NULL));
  gtk_label_set_label (self->note_label, text);
  /* Box and percentile maps: how their quartiles are defined, on hover. */
  atlas_widget_set_tooltip (GTK_WIDGET (self->note_label),
                            atlas_class_breaks_method_note (breaks, NULL));
}

/* A change map: its title ("Förändring 2020–2023, procentenheter"), the
 * two years, and increase and decrease read through the polarity. */
static void
show_change (AtlasLegend    *self,
             AtlasIndicator *indicator,
             guint           year)
{
  g_autofree char *title = atlas_change_dup_title (indicator, self->since, year, NULL);
  const char *label = atlas_indicator_get_short_label (indicator, NULL);
  g_autofree char *heading = g_strdup_printf ("%s: %s", label != NULL ? label : atlas_indicator_get_name (indicator, NULL),
                                              title);
  g_autofree char *years = g_strdup_printf ("%u" EN_DASH "%u", self->since, year);

  gtk_label_set_label (self->title_label, heading);
  gtk_label_set_label (self->year_label, years);
  gtk_label_set_label (self->scope_label, _("Classes centred on no change"));
  gtk_widget_set_visible (GTK_WIDGET (self->direction_label), TRUE);
  gtk_label_set_label (self->direction_label, atlas_change_describe_direction (indicator, NULL));
}

/**
 * atlas_legend_set_since:
 * @since: the earlier year of a change map, or 0
 *
 * Makes the next atlas_legend_set_classification() describe a change map
 * from @since to its year.
 */
void
atlas_legend_set_since (AtlasLegend *self,
                        guint        since)
{
  g_return_if_fail (ATLAS_IS_LEGEND (self));

  self->since = since;
}

/* SCB's footnotes can run to pages: the legend shows the caveat's first
 * paragraph, the tooltip (and the details) the whole text. */
#define CAVEAT_SUMMARY_CHARS 240

static void
set_caveat (AtlasLegend    *self,
            AtlasIndicator *indicator)
{
  gboolean complete = TRUE;
  g_autofree char *summary = atlas_indicator_dup_caveat_summary (indicator, NULL, CAVEAT_SUMMARY_CHARS, &complete);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->caveat_label), summary != NULL);
  if (!complete)
    text = g_strdup_printf ("%s\n%s", summary, _("Full text, with the source’s footnotes: point here or open the indicator’s details."));
  gtk_label_set_label (self->caveat_label, text != NULL ? text : summary != NULL ? summary : "");
  atlas_widget_set_tooltip (GTK_WIDGET (self->caveat_label),
                            complete ? NULL : atlas_indicator_get_caveat (indicator, NULL));
}

void
atlas_legend_set_classification (AtlasLegend            *self,
                                 AtlasIndicator         *indicator,
                                 const AtlasClassBreaks *breaks,
                                 AtlasPalette           *palette,
                                 const double           *values,
                                 gsize                   n_values,
                                 guint                   year,
                                 gboolean                pooled,
                                 const gsize            *counts,
                                 gsize                   n_missing)
{
  gboolean categories;
  g_autofree char *year_text = NULL;

  g_return_if_fail (ATLAS_IS_LEGEND (self));

  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), indicator != NULL && palette != NULL);
  if (indicator == NULL || palette == NULL)
    {
      trim_rows (self);
      return;
    }

  categories = atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY;
  set_title (self, indicator);
  year_text = g_strdup_printf ("%u", year);
  gtk_label_set_label (self->year_label, year_text);

  gtk_widget_set_visible (GTK_WIDGET (self->scope_label), !categories && breaks != NULL);
  gtk_label_set_label (self->scope_label, pooled ? _("Class limits fixed across all years")
                                                 : _("Class limits for this year only"));
  set_direction (self, indicator, palette, categories);
  if (self->since != 0 && !categories)
    show_change (self, indicator, year);
  if (categories)
    add_category_rows (self, indicator, palette, counts);
  else if (breaks != NULL)
    add_class_rows (self, indicator, breaks, palette, values, n_values, counts);
  add_row (self, NULL, _("No data"), TRUE, n_missing);
  trim_rows (self);
  set_notes (self, categories ? NULL : breaks);

  set_caveat (self, indicator);
}

/**
 * atlas_legend_set_division:
 * @self: a legend
 * @division: (nullable): the level on the map
 *
 * Says how many of the level's areas have no borders and are not drawn,
 * in core's words.
 */
void
atlas_legend_set_division (AtlasLegend   *self,
                           AtlasDivision *division)
{
  g_autofree char *note = NULL;

  g_return_if_fail (ATLAS_IS_LEGEND (self));

  note = division != NULL ? atlas_division_dup_undrawn_note (division, NULL) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->undrawn_label), note != NULL);
  gtk_label_set_label (self->undrawn_label, note != NULL ? note : "");
}

/* The undrawn note, or NULL when every area is drawn (for tests). */
const char *
atlas_legend_get_undrawn_note (AtlasLegend *self)
{
  g_return_val_if_fail (ATLAS_IS_LEGEND (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->undrawn_label)))
    return NULL;
  return gtk_label_get_label (self->undrawn_label);
}

guint
atlas_legend_get_n_rows (AtlasLegend *self)
{
  g_return_val_if_fail (ATLAS_IS_LEGEND (self), 0);

  return self->row_labels->len;
}

const char *
atlas_legend_get_direction (AtlasLegend *self)
{
  g_return_val_if_fail (ATLAS_IS_LEGEND (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->direction_label)))
    return NULL;
  return gtk_label_get_label (self->direction_label);
}

const char *
atlas_legend_get_row_label (AtlasLegend *self,
                            guint        index)
{
  g_return_val_if_fail (ATLAS_IS_LEGEND (self), NULL);
  g_return_val_if_fail (index < self->row_labels->len, NULL);

  return g_ptr_array_index (self->row_labels, index);
}

/**
 * atlas_legend_get_row_count_text:
 * @self: a legend
 * @index: a row
 *
 * Returns: (nullable): the count shown beside row @index ("356 områden"),
 *   NULL when the row shows none (for tests)
 */
const char *
atlas_legend_get_row_count_text (AtlasLegend *self,
                                 guint        index)
{
  Row *row;

  g_return_val_if_fail (ATLAS_IS_LEGEND (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  row = g_ptr_array_index (self->rows, index);
  return row->count_label != NULL ? gtk_label_get_label (GTK_LABEL (row->count_label)) : NULL;
}

static void
atlas_legend_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_LEGEND);

  G_OBJECT_CLASS (atlas_legend_parent_class)->dispose (object);
}

/**
 * atlas_legend_set_selected_counts:
 * @counts: (nullable) (array length=n_counts): per class, how many of its
 *   areas are selected; NULL clears
 * @n_missing: how many selected areas have no value
 *
 * Shows beside each class's count how many of its areas the exploring
 * views' selection holds.
 */
void
atlas_legend_set_selected_counts (AtlasLegend *self,
                                  const gsize *counts,
                                  gsize        n_counts,
                                  gsize        n_missing)
{
  g_return_if_fail (ATLAS_IS_LEGEND (self));

  g_clear_pointer (&self->selected_counts, g_array_unref);
  if (counts != NULL)
    {
      self->selected_counts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), n_counts + 1);
      g_array_append_vals (self->selected_counts, counts, n_counts);
      g_array_append_val (self->selected_counts, n_missing);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      set_row_count (self, row, i, row->has_count, row->count);
    }
}

/* For tests: the count text of row @index, or NULL. */
const char *
atlas_legend_get_row_count (AtlasLegend *self,
                            guint        index)
{
  Row *row;

  g_return_val_if_fail (ATLAS_IS_LEGEND (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, index);
  return row->count_label != NULL ? gtk_label_get_label (GTK_LABEL (row->count_label)) : NULL;
}

/* The legend is always as wide as its content would like: it tells GTK
 * that its minimum width is its natural width, and that its width does not
 * depend on its height. GTK then lays the wrapped labels out at that one
 * width. With a bin layout, each change of indicator laid every label out
 * at the legend's minimum width, at its natural width and again for a
 * height, a fifth of an indicator switch's work. */
static void
atlas_legend_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  AtlasLegend *self = ATLAS_LEGEND (widget);
  int width;

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = width;
      return;
    }
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, for_size >= 0 ? for_size : width,
                      minimum, natural, NULL, NULL);
}

static GtkSizeRequestMode
atlas_legend_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
atlas_legend_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  gtk_widget_allocate (ATLAS_LEGEND (widget)->box, width, height, baseline, NULL);
}

static void
atlas_legend_finalize (GObject *object)
{
  AtlasLegend *self = ATLAS_LEGEND (object);

  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->selected_counts, g_array_unref);

  G_OBJECT_CLASS (atlas_legend_parent_class)->finalize (object);
}

static void
atlas_legend_class_init (AtlasLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_legend_dispose;
  object_class->finalize = atlas_legend_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, title_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, year_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, scope_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, direction_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, note_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, undrawn_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasLegend, caveat_label);

  widget_class->measure = atlas_legend_measure;
  widget_class->get_request_mode = atlas_legend_get_request_mode;
  widget_class->size_allocate = atlas_legend_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "atlas-legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_legend_init (AtlasLegend *self)
{
  self->row_labels = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_legend_new (void)
{
  return g_object_new (ATLAS_TYPE_LEGEND, NULL);
}
