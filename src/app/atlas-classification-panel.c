/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-classification-panel.h"

struct _AtlasClassificationPanel
{
  GtkWidget parent_instance;

  GtkWidget *category_label;
  GtkWidget *class_grid;
  GtkWidget *method_dropdown;
  GtkWidget *count_spin;
  GtkWidget *manual_box;
  GtkWidget *breaks_entry;
  GtkWidget *breaks_error_label;
  GtkWidget *fixed_check;
  GtkWidget *year_check;
  GtkWidget *colour_box;
  GtkWidget *scheme_dropdown;
  GtkWidget *reverse_check;
  GtkWidget *direction_label;
  GtkWidget *cvd_grid;

  AtlasExplorerState *state;
  GSettings *settings;
  /* The classes and colours the map shows for the state, computed while
   * the panel is shown (it starts collapsed), else when it is shown */
  AtlasClassBreaks *breaks;
  AtlasPalette *palette;
  gboolean stale;
  GPtrArray *schemes;     /* scheme ids in dropdown order; "" = default */
};

G_DEFINE_FINAL_TYPE (AtlasClassificationPanel, atlas_classification_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Property transforms                                                */

static gboolean
method_to_position (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_set_uint (to, g_value_get_enum (from));
  return TRUE;
}

static gboolean
position_to_method (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  guint position = g_value_get_uint (from);

  if (position > ATLAS_CLASS_METHOD_MANUAL)
    return FALSE;
  g_value_set_enum (to, position);
  return TRUE;
}

static gboolean
scheme_to_position (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  AtlasClassificationPanel *self = user_data;
  const char *scheme = g_value_get_string (from);
  guint position = 0;

  if (scheme != NULL && !g_ptr_array_find_with_equal_func (self->schemes, scheme,
                                                           g_str_equal, &position))
    position = 0;
  g_value_set_uint (to, position);
  return TRUE;
}

static gboolean
position_to_scheme (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  AtlasClassificationPanel *self = user_data;
  guint position = g_value_get_uint (from);

  if (position >= self->schemes->len)
    return FALSE;
  g_value_set_string (to, g_ptr_array_index (self->schemes, position));
  return TRUE;
}

static AtlasClassification *
classification (AtlasClassificationPanel *self)
{
  return atlas_explorer_state_get_classification (self->state);
}

/* ------------------------------------------------------------------ */
/* Colour swatches                                                    */

static void
draw_colors (cairo_t          *cr,
             AtlasPalette     *palette,
             AtlasCvd          cvd,
             int               width,
             int               height)
{
  guint n = atlas_palette_get_n_colors (palette);

  for (guint i = 0; i < n; i++)
    {
      AtlasColor color;

      atlas_color_simulate_cvd (atlas_palette_get_color (palette, i), cvd, &color);
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      cairo_rectangle (cr, floor (i * (double) width / n), 0,
                       ceil ((double) width / n), height);
      cairo_fill (cr);
    }
}

/* A row of the CVD preview: the map's current colours as seen with the
 * deficiency stored on the drawing area. */
static void
draw_cvd_row (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  AtlasClassificationPanel *self = user_data;
  AtlasPalette *palette = self->palette;
  AtlasCvd cvd = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "cvd"));

  if (palette != NULL)
    draw_colors (cr, palette, cvd, width, height);
}

static void
draw_scheme_swatch (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  AtlasClassificationPanel *self = user_data;
  const char *scheme = g_object_get_data (G_OBJECT (area), "scheme");
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  g_autoptr(AtlasPalette) palette = NULL;

  /* Without an indicator there is no default to show yet */
  if (scheme == NULL || (scheme[0] == '\0' && indicator == NULL))
    return;
  /* The ramp as the map would draw it: turned by the indicator's polarity
   * and the user's reverse toggle, so the preview never shows it the other
   * way round. */
  if (indicator != NULL)
    palette = atlas_palette_new_for_indicator (indicator, scheme, 5,
                                               atlas_classification_get_palette_reverse (classification (self)),
                                               NULL);
  else
    palette = atlas_palette_new (scheme, 5, FALSE, NULL);
  if (palette != NULL)
    draw_colors (cr, palette, ATLAS_CVD_NONE, width, height);
}

static void
on_scheme_row_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AtlasClassificationPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 50);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_scheme_swatch, self, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static char *
dup_scheme_label (const char *scheme)
{
  const char *label;

  if (scheme[0] == '\0')
    return g_strdup (_("Default for the indicator"));
  label = atlas_palette_scheme_get_label (scheme);
  if (atlas_palette_scheme_is_colorblind_safe (scheme))
    /* Translators: a colour scheme that people with colour-vision deficiencies can read */
    return g_strdup_printf (_("%s (colour-blind safe)"), label);
  return g_strdup (label);
}

static void
on_scheme_row_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AtlasClassificationPanel *self)
{
  const char *scheme = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *swatch = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);
  g_autofree char *text = dup_scheme_label (scheme);

  g_object_set_data_full (G_OBJECT (swatch), "scheme", g_strdup (scheme), g_free);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_queue_draw (swatch);
}

/* The default first, then every scheme the user may pick: categorical
 * schemes belong to category indicators alone. */
static void
setup_schemes (AtlasClassificationPanel *self)
{
  const char * const *schemes = atlas_palette_list_schemes ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->schemes = g_ptr_array_new ();
  g_ptr_array_add (self->schemes, (gpointer) "");
  for (guint i = 0; schemes[i] != NULL; i++)
    if (atlas_palette_scheme_get_kind (schemes[i]) != ATLAS_PALETTE_KIND_CATEGORICAL)
      g_ptr_array_add (self->schemes, (gpointer) schemes[i]);
  for (guint i = 0; i < self->schemes->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (self->schemes, i));

  g_signal_connect (factory, "setup", G_CALLBACK (on_scheme_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_scheme_row_bind), self);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->scheme_dropdown), factory);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->scheme_dropdown), G_LIST_MODEL (model));
}

static void
setup_methods (AtlasClassificationPanel *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (AtlasClassMethod m = ATLAS_CLASS_METHOD_QUANTILE; m <= ATLAS_CLASS_METHOD_MANUAL; m++)
    gtk_string_list_append (model, atlas_class_method_describe (m));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->method_dropdown), G_LIST_MODEL (model));
}

static void
setup_cvd_preview (AtlasClassificationPanel *self)
{
  const struct { AtlasCvd cvd; const char *label; } rows[] = {
    { ATLAS_CVD_NONE, N_("Normal vision") },
    { ATLAS_CVD_PROTANOPIA, N_("Protanopia (red-blind)") },
    { ATLAS_CVD_DEUTERANOPIA, N_("Deuteranopia (green-blind)") },
    { ATLAS_CVD_TRITANOPIA, N_("Tritanopia (blue-blind)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *label = gtk_label_new (_(rows[i].label));
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 16);
      gtk_widget_set_hexpand (area, TRUE);
      gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (area), "cvd", GINT_TO_POINTER (rows[i].cvd));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_cvd_row, self, NULL);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (area),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_grid_attach (GTK_GRID (self->cvd_grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->cvd_grid), area, 1, i, 1, 1);
    }
}

/* ------------------------------------------------------------------ */
/* What the colours mean                                              */

/* The words the legend and figures use too, read from the palette the map
 * draws with. */
static const char *
describe_direction (AtlasClassificationPanel *self)
{
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);

  if (self->palette == NULL || indicator == NULL)
    return NULL;
  return atlas_palette_describe_direction (self->palette, indicator, NULL);
}

static gboolean
is_category (AtlasClassificationPanel *self)
{
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);

  return indicator != NULL && atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY;
}

static void
update_controls (AtlasClassificationPanel *self)
{
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  gboolean category = is_category (self);
  AtlasClassMethod method = atlas_classification_get_method (classification (self));
  gboolean manual = method == ATLAS_CLASS_METHOD_MANUAL;
  const char *direction;

  gtk_widget_set_visible (self->category_label, category);
  gtk_label_set_text (GTK_LABEL (self->category_label),
                      _("Area types keep the colours the package gives each type; "
                        "classes and colour schemes do not apply."));
  gtk_widget_set_sensitive (self->class_grid, indicator != NULL && !category);
  gtk_widget_set_sensitive (self->fixed_check, indicator != NULL && !category);
  gtk_widget_set_sensitive (self->year_check, indicator != NULL && !category);
  gtk_widget_set_sensitive (self->colour_box, indicator != NULL && !category);
  /* Manual breaks, box and percentile maps set the number of classes themselves */
  gtk_widget_set_sensitive (self->count_spin, !manual && !atlas_class_method_is_fixed (method));
  gtk_widget_set_visible (self->manual_box, manual && !category);
  direction = !category ? describe_direction (self) : NULL;
  gtk_widget_set_visible (self->direction_label, direction != NULL);
  gtk_label_set_text (GTK_LABEL (self->direction_label), direction != NULL ? direction : "");
}

/* ------------------------------------------------------------------ */
/* Manual breaks                                                      */

/* Manual breaks keep the data's range over every year, so the legend's
 * ends stay put while the year changes. */
static gboolean
data_range (AtlasClassificationPanel *self,
            double                   *min,
            double                   *max)
{
  AtlasExplorerState *state = self->state;
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (state);
  AtlasDivision *division = atlas_explorer_state_lookup_division (state);
  g_autoptr(AtlasClassBreaks) breaks = NULL;

  if (indicator == NULL || division == NULL || is_category (self))
    return FALSE;
  breaks = atlas_class_breaks_for_dataset (atlas_explorer_state_get_dataset (state), indicator, division,
                                           atlas_explorer_state_get_year (state), TRUE,
                                           ATLAS_CLASS_METHOD_QUANTILE, ATLAS_CLASS_MIN, NULL);
  if (breaks == NULL)
    return FALSE;
  *min = atlas_class_breaks_get_min (breaks);
  *max = atlas_class_breaks_get_max (breaks);
  return TRUE;
}

static AtlasClassBreaks *
new_manual_breaks (AtlasClassificationPanel  *self,
                   const double              *values,
                   guint                      n_values,
                   GError                   **error)
{
  double min, max;

  if (!data_range (self, &min, &max))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The indicator has no values to classify here."));
      return NULL;
    }
  return atlas_class_breaks_new_manual (values, n_values, MIN (min, values[0]),
                                        MAX (max, values[n_values - 1]), error);
}

/* The remembered breaks of the state's indicator, applied to the state;
 * the map shows quantiles while there are none. */
static void
restore_manual_breaks (AtlasClassificationPanel *self)
{
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "manual-breaks");
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(AtlasClassBreaks) breaks = NULL;
  const double *values;
  gsize n_values = 0;

  if (indicator != NULL)
    stored = g_variant_lookup_value (all, atlas_indicator_get_id (indicator), G_VARIANT_TYPE ("ad"));
  if (stored != NULL)
    {
      values = g_variant_get_fixed_array (stored, &n_values, sizeof (double));
      if (n_values > 0)
        breaks = new_manual_breaks (self, values, n_values, NULL);
    }
  atlas_classification_set_manual_breaks (classification (self), breaks);
}

static void
remember_manual_breaks (AtlasClassificationPanel *self,
                        const double             *values,
                        guint                     n_values)
{
  const char *id = atlas_indicator_get_id (atlas_explorer_state_lookup_indicator (self->state));
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "manual-breaks");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *breaks;

  /* Every other indicator keeps its breaks */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sad}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@ad}", &key, &breaks))
    {
      if (!g_str_equal (key, id))
        g_variant_builder_add (&builder, "{s@ad}", key, breaks);
      g_variant_unref (breaks);
    }
  g_variant_builder_add (&builder, "{s@ad}", id,
                         g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values,
                                                    n_values, sizeof (double)));
  g_settings_set_value (self->settings, "manual-breaks", g_variant_builder_end (&builder));
}

/* Plain numbers without thousands separators, so that they read back. */
static char *
dup_breaks_text (AtlasClassBreaks *breaks,
                 AtlasIndicator   *indicator)
{
  guint n_breaks = 0;
  const double *values = atlas_class_breaks_get_breaks (breaks, &n_breaks);
  guint decimals = atlas_indicator_get_decimals (indicator);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_breaks; i++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      char format[16];

      g_snprintf (format, sizeof format, "%%.%uf", decimals);
      g_ascii_formatd (buffer, sizeof buffer, format, values[i]);
      if (g_str_equal (atlas_language (), "sv"))
        g_strdelimit (buffer, ".", ',');
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, buffer);
    }
  return g_string_free (text, FALSE);
}

/* "10,5; 20; 1 200" (or with decimal points) into numbers. */
static GArray *
parse_breaks (const char  *text,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GString) number = g_string_new (NULL);
      char *end = NULL;
      double value;

      /* Thousands separators: spaces, no-break and thin spaces */
      for (const char *p = parts[i]; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x202F)
          g_string_append_unichar (number, *p == ',' ? '.' : g_utf8_get_char (p));
      if (number->len == 0)
        continue;
      value = g_ascii_strtod (number->str, &end);
      if (end == NULL || *end != '\0' || !isfinite (value))
        {
          /* Translators: %s is what the user typed between semicolons */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a number. Separate the breaks with semicolons."),
                       g_strstrip (parts[i]));
          return NULL;
        }
      g_array_append_val (values, value);
    }
  return g_steal_pointer (&values);
}

static void
on_breaks_activate (AtlasClassificationPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->breaks_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = parse_breaks (text, &error);

  if (values != NULL)
    atlas_classification_panel_set_manual_breaks (self, (double *) values->data,
                                                  values->len, &error);
  gtk_widget_set_visible (self->breaks_error_label, error != NULL);
  if (error != NULL)
    gtk_label_set_text (GTK_LABEL (self->breaks_error_label), error->message);
  else
    gtk_widget_remove_css_class (self->breaks_entry, "error");
  if (error != NULL)
    gtk_widget_add_css_class (self->breaks_entry, "error");
}

/* The entry shows the classes in use, the starting point for editing. */
static void
show_breaks (AtlasClassificationPanel *self)
{
  g_autofree char *text = NULL;

  /* Never under the user's typing: the entry's text child holds focus */
  if (self->breaks != NULL &&
      !(gtk_widget_get_state_flags (self->breaks_entry) & GTK_STATE_FLAG_FOCUS_WITHIN))
    {
      text = dup_breaks_text (self->breaks, atlas_explorer_state_lookup_indicator (self->state));
      gtk_editable_set_text (GTK_EDITABLE (self->breaks_entry), text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (self->cvd_grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_queue_draw (child);
}

static void
queue_draw_tree (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    queue_draw_tree (child);
  gtk_widget_queue_draw (widget);
}

/* The classes and colours the map shows, by the same rules (core's
 * atlas_explorer_state_compute_breaks()); area types keep their own. */
static void
compute_shown (AtlasClassificationPanel *self)
{
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);
  guint n_colors = 2;

  self->stale = FALSE;
  g_clear_pointer (&self->breaks, atlas_class_breaks_unref);
  g_clear_pointer (&self->palette, atlas_palette_unref);
  if (indicator == NULL || atlas_explorer_state_awaits_package (self->state))
    return;
  if (is_category (self))
    n_colors = atlas_indicator_get_n_categories (indicator);
  else if ((self->breaks = atlas_explorer_state_compute_breaks (self->state, NULL)) != NULL)
    n_colors = atlas_class_breaks_get_n_classes (self->breaks);
  self->palette = atlas_classification_create_palette (classification (self), indicator, n_colors, NULL);
}

/* The scheme swatches follow the indicator's polarity and the toggle. */
static void
update_shown (AtlasClassificationPanel *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  compute_shown (self);
  show_breaks (self);
  queue_draw_tree (self->scheme_dropdown);
  update_controls (self);
}

static void
on_state_indicator_notify (AtlasClassificationPanel *self)
{
  gtk_widget_set_visible (self->breaks_error_label, FALSE);
  gtk_widget_remove_css_class (self->breaks_entry, "error");
  restore_manual_breaks (self);
  update_controls (self);
  update_shown (self);
}

static void
atlas_classification_panel_map (GtkWidget *widget)
{
  AtlasClassificationPanel *self = ATLAS_CLASSIFICATION_PANEL (widget);

  GTK_WIDGET_CLASS (atlas_classification_panel_parent_class)->map (widget);
  if (self->stale)
    update_shown (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
bind_state (AtlasClassificationPanel *self)
{
  const GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  const char *follow[] = { "notify::method", "notify::palette-scheme",
                           "notify::palette-reverse" };
  const char *shown[] = { "notify::dataset", "notify::level", "notify::year" };
  AtlasClassification *classification = atlas_explorer_state_get_classification (self->state);

  g_object_bind_property_full (classification, "method", self->method_dropdown, "selected",
                               flags, method_to_position, position_to_method, NULL, NULL);
  g_object_bind_property (classification, "count",
                          gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->count_spin)),
                          "value", flags);
  g_object_bind_property (classification, "pooled", self->fixed_check, "active", flags);
  g_object_bind_property (classification, "pooled", self->year_check, "active",
                          flags | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property_full (classification, "palette-scheme", self->scheme_dropdown, "selected",
                               flags, scheme_to_position, position_to_scheme, self, NULL);
  g_object_bind_property (classification, "palette-reverse", self->reverse_check, "active", flags);

  for (guint i = 0; i < G_N_ELEMENTS (follow); i++)
    g_signal_connect_object (classification, follow[i], G_CALLBACK (update_controls),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (classification, "changed", G_CALLBACK (update_shown),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::indicator",
                           G_CALLBACK (on_state_indicator_notify), self, G_CONNECT_SWAPPED);
  /* The data's range, and so the manual classes, differ per level */
  g_signal_connect_object (self->state, "notify::level",
                           G_CALLBACK (restore_manual_breaks), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    g_signal_connect_object (self->state, shown[i], G_CALLBACK (update_shown),
                             self, G_CONNECT_SWAPPED);
}

static void
atlas_classification_panel_constructed (GObject *object)
{
  AtlasClassificationPanel *self = ATLAS_CLASSIFICATION_PANEL (object);

  G_OBJECT_CLASS (atlas_classification_panel_parent_class)->constructed (object);

  g_assert (ATLAS_IS_EXPLORER_STATE (self->state));
  bind_state (self);
  on_state_indicator_notify (self);
}

static void
atlas_classification_panel_dispose (GObject *object)
{
  AtlasClassificationPanel *self = ATLAS_CLASSIFICATION_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_CLASSIFICATION_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  /* The state and its classification may outlive this widget's dispose */
  if (self->state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->state, self);
      g_signal_handlers_disconnect_by_data (classification (self), self);
    }
  g_clear_object (&self->state);
  g_clear_pointer (&self->breaks, atlas_class_breaks_unref);
  g_clear_pointer (&self->palette, atlas_palette_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->schemes, g_ptr_array_unref);
  G_OBJECT_CLASS (atlas_classification_panel_parent_class)->dispose (object);
}

static void
atlas_classification_panel_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  AtlasClassificationPanel *self = ATLAS_CLASSIFICATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_classification_panel_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  AtlasClassificationPanel *self = ATLAS_CLASSIFICATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_children (GtkWidgetClass *widget_class)
{
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AtlasClassificationPanel, name)
  BIND (category_label);
  BIND (class_grid);
  BIND (method_dropdown);
  BIND (count_spin);
  BIND (manual_box);
  BIND (breaks_entry);
  BIND (breaks_error_label);
  BIND (fixed_check);
  BIND (year_check);
  BIND (colour_box);
  BIND (scheme_dropdown);
  BIND (reverse_check);
  BIND (direction_label);
  BIND (cvd_grid);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_breaks_activate);
}

static void
atlas_classification_panel_class_init (AtlasClassificationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_classification_panel_constructed;
  object_class->dispose = atlas_classification_panel_dispose;
  object_class->get_property = atlas_classification_panel_get_property;
  object_class->set_property = atlas_classification_panel_set_property;
  widget_class->map = atlas_classification_panel_map;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, ATLAS_TYPE_EXPLORER_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-classification-panel.ui");
  bind_children (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-classification-panel");
}

static void
atlas_classification_panel_init (AtlasClassificationPanel *self)
{
  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_methods (self);
  setup_schemes (self);
  setup_cvd_preview (self);
}

GtkWidget *
atlas_classification_panel_new (AtlasExplorerState *state)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  return g_object_new (ATLAS_TYPE_CLASSIFICATION_PANEL, "state", state, NULL);
}

AtlasExplorerState *
atlas_classification_panel_get_state (AtlasClassificationPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION_PANEL (self), NULL);

  return self->state;
}

/* For tests: the classes the panel shows (it computes them when shown) */
AtlasClassBreaks *
atlas_classification_panel_get_breaks (AtlasClassificationPanel *self)
{
  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION_PANEL (self), NULL);

  return self->breaks;
}

gboolean
atlas_classification_panel_set_manual_breaks (AtlasClassificationPanel  *self,
                                              const double              *breaks,
                                              guint                      n_breaks,
                                              GError                   **error)
{
  g_autoptr(AtlasClassBreaks) manual = NULL;

  g_return_val_if_fail (ATLAS_IS_CLASSIFICATION_PANEL (self), FALSE);
  g_return_val_if_fail (breaks != NULL || n_breaks == 0, FALSE);

  if (n_breaks == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Type at least two breaks, separated by semicolons."));
      return FALSE;
    }
  manual = new_manual_breaks (self, breaks, n_breaks, error);
  if (manual == NULL)
    return FALSE;
  remember_manual_breaks (self, breaks, n_breaks);
  atlas_classification_set_manual_breaks (classification (self), manual);
  return TRUE;
}
