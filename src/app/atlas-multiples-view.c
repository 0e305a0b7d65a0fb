/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-multiples-view.h"

#define MAX_DEFAULT_YEARS 6
#define MAX_DEFAULT_INDICATORS 4

struct _AtlasMultiplesView
{
  GtkWidget            parent_instance;

  GtkWidget           *box;
  GtkWidget           *mode;
  GtkWidget           *choices;    /* check buttons: years or indicators */
  GtkWidget           *area;
  GtkWidget           *message;
  GtkWidget           *status;
  GtkWidget           *larger;     /* the larger view's window */
  AtlasExplorerState  *state;
  AtlasSmallMultiples *multiples;
  char                *choices_key;  /* what the check buttons were made for */
  char                *state_key;    /* what the maps were made for */
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (AtlasMultiplesView, atlas_multiples_view, GTK_TYPE_WIDGET)

static gboolean
by_indicator (AtlasMultiplesView *self)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (self->mode)) == 1;
}

static void rebuild (AtlasMultiplesView *self);

static void
add_choice (AtlasMultiplesView *self,
            const char         *label,
            gpointer            value,
            gboolean            active)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *text = gtk_label_new (label);

  /* Long names would widen the sidebar. */
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 30);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
  gtk_widget_set_tooltip_text (check, label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_object_set_data (G_OBJECT (check), "value", value);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (rebuild), self);
  gtk_flow_box_append (GTK_FLOW_BOX (self->choices), check);
}

/* Years: every year with values at the level, the latest six ticked.
 * Indicators: the numeric ones with values in the year, the map's and
 * the next three ticked. */
static void
fill_choices (AtlasMultiplesView *self,
              AtlasDataset       *dataset,
              AtlasDivision      *division,
              AtlasIndicator     *shown,
              guint               year)
{
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (self->choices)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->choices), child);
  if (!by_indicator (self))
    {
      g_autoptr(GArray) years = atlas_dataset_dup_indicator_years (dataset, shown);
      g_autoptr(GArray) with = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; years != NULL && i < years->len; i++)
        if (atlas_dataset_has_values (dataset, shown, g_array_index (years, guint, i), division))
          g_array_append_val (with, g_array_index (years, guint, i));
      for (guint i = 0; i < with->len; i++)
        {
          guint y = g_array_index (with, guint, i);
          char text[16];

          g_snprintf (text, sizeof text, "%u", y);
          add_choice (self, text, GUINT_TO_POINTER (y), i + MAX_DEFAULT_YEARS >= with->len);
        }
    }
  else
    {
      GListModel *all = atlas_dataset_get_indicators (dataset);
      guint ticked = 0;
      gboolean after = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (all, i);

          if (atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY
              && atlas_dataset_has_values (dataset, indicator, year, division))
            add_choice (self, atlas_indicator_get_name (indicator, NULL), indicator, FALSE);
        }
      /* Tick the map's indicator and the next ones in the list. */
      for (child = gtk_widget_get_first_child (self->choices); child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

          if (g_object_get_data (G_OBJECT (check), "value") == shown)
            after = TRUE;
          if (after && ticked < MAX_DEFAULT_INDICATORS)
            {
              gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
              ticked++;
            }
        }
    }
  self->filling = FALSE;
}

static GPtrArray *
dup_chosen (AtlasMultiplesView *self)
{
  GPtrArray *chosen = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (self->choices); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_ptr_array_add (chosen, g_object_get_data (G_OBJECT (check), "value"));
    }
  return chosen;
}

/* The maps again from the state and the ticked choices. */
static void
rebuild (AtlasMultiplesView *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasDivision *division = atlas_explorer_state_lookup_division (self->state);
  AtlasIndicator *shown = atlas_explorer_state_lookup_indicator (self->state);
  AtlasClassification *classification = atlas_explorer_state_get_classification (self->state);
  const char *region_code = atlas_explorer_state_get_region (self->state);
  AtlasArea *region = region_code != NULL ? atlas_explorer_state_lookup_area (self->state, region_code) : NULL;
  guint year = atlas_explorer_state_get_year (self->state);
  AtlasClassMethod method = ATLAS_CLASS_METHOD_QUANTILE;
  guint n_classes = 5;
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  g_clear_pointer (&self->multiples, atlas_small_multiples_unref);
  if (dataset == NULL || division == NULL || shown == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->message), _("Open a package to compare maps."));
      goto done;
    }
  key = g_strdup_printf ("%p %p %p %u %d", dataset, division, shown, by_indicator (self) ? year : 0,
                         by_indicator (self));
  if (g_strcmp0 (key, self->choices_key) != 0)
    {
      fill_choices (self, dataset, division, shown, year);
      g_free (self->choices_key);
      self->choices_key = g_steal_pointer (&key);
    }
  if (classification != NULL && atlas_classification_get_method (classification) != ATLAS_CLASS_METHOD_MANUAL)
    {
      method = atlas_classification_get_method (classification);
      n_classes = atlas_classification_get_count (classification);
    }
  chosen = dup_chosen (self);
  if (!by_indicator (self))
    {
      g_autofree guint *years = g_new (guint, MAX (chosen->len, 1));

      for (guint i = 0; i < chosen->len; i++)
        years[i] = GPOINTER_TO_UINT (g_ptr_array_index (chosen, i));
      self->multiples = atlas_small_multiples_new (dataset, shown, division, region, years, chosen->len, method,
                                                   n_classes, NULL, &error);
    }
  else
    self->multiples = atlas_small_multiples_new_indicators (dataset, (AtlasIndicator **) chosen->pdata, chosen->len,
                                                            division, region, year, method, n_classes, NULL,
                                                            &error);
  gtk_label_set_text (GTK_LABEL (self->message), error != NULL ? error->message : "");

done:
  gtk_widget_set_visible (self->message, self->multiples == NULL);
  gtk_widget_set_visible (self->area, self->multiples != NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (self->area);
  if (self->larger != NULL)
    gtk_widget_queue_draw (gtk_window_get_child (GTK_WINDOW (self->larger)));
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        data)
{
  AtlasMultiplesView *self = data;

  if (self->multiples != NULL)
    atlas_small_multiples_draw (self->multiples, cr, width, height);
}

static void
on_mode_changed (AtlasMultiplesView *self)
{
  g_clear_pointer (&self->choices_key, g_free);
  rebuild (self);
}

static void
on_export_response (GtkNativeDialog    *dialog,
                    int                 response,
                    AtlasMultiplesView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL && self->multiples != NULL)
    {
      g_autofree char *message = NULL;

      if (atlas_small_multiples_save (self->multiples, g_file_peek_path (file), &error))
        /* Translators: after an export, the file name */
        message = g_strdup_printf (_("Exported to %s"), g_file_peek_path (file));
      gtk_label_set_text (GTK_LABEL (self->status), message != NULL ? message : error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_export_clicked (AtlasMultiplesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->multiples == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "smamultiplar.pdf");
  gtk_file_filter_set_name (filter, _("PDF, PNG or SVG"));
  gtk_file_filter_add_pattern (filter, "*.[pP][dD][fF]");
  gtk_file_filter_add_pattern (filter, "*.[pP][nN][gG]");
  gtk_file_filter_add_pattern (filter, "*.[sS][vV][gG]");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_larger_destroyed (AtlasMultiplesView *self)
{
  self->larger = NULL;
}

GtkWindow *
atlas_multiples_view_open_larger (AtlasMultiplesView *self)
{
  g_return_val_if_fail (ATLAS_IS_MULTIPLES_VIEW (self), NULL);

  if (self->larger == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *area = gtk_drawing_area_new ();

      self->larger = gtk_window_new ();
      gtk_window_set_title (GTK_WINDOW (self->larger), _("Small Multiples"));
      gtk_window_set_default_size (GTK_WINDOW (self->larger), 1120, 792);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->larger), GTK_WINDOW (root));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->larger), TRUE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, self, NULL);
      gtk_window_set_child (GTK_WINDOW (self->larger), area);
      g_signal_connect_object (self->larger, "destroy", G_CALLBACK (on_larger_destroyed), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->larger));
  return GTK_WINDOW (self->larger);
}

static void
atlas_multiples_view_dispose (GObject *object)
{
  AtlasMultiplesView *self = ATLAS_MULTIPLES_VIEW (object);

  if (self->larger != NULL)
    gtk_window_destroy (GTK_WINDOW (self->larger));
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->multiples, atlas_small_multiples_unref);
  g_clear_pointer (&self->choices_key, g_free);
  g_clear_pointer (&self->state_key, g_free);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (atlas_multiples_view_parent_class)->dispose (object);
}

static void
atlas_multiples_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  AtlasMultiplesView *self = ATLAS_MULTIPLES_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  /* Height for width: the maps take what their width asks for. */
  if (orientation == GTK_ORIENTATION_VERTICAL && self->multiples != NULL)
    {
      int maps = (int) ceil (atlas_small_multiples_get_height_for_width (self->multiples,
                                                                         for_size > 0 ? for_size : 300));

      *minimum += maps;
      *natural += maps;
    }
}

static GtkSizeRequestMode
atlas_multiples_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
atlas_multiples_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  AtlasMultiplesView *self = ATLAS_MULTIPLES_VIEW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
atlas_multiples_view_class_init (AtlasMultiplesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_multiples_view_dispose;
  widget_class->measure = atlas_multiples_view_measure;
  widget_class->size_allocate = atlas_multiples_view_size_allocate;
  widget_class->get_request_mode = atlas_multiples_view_get_request_mode;
}

static void
atlas_multiples_view_init (AtlasMultiplesView *self)
{
  const char *modes[] = { _("Years of the indicator"), _("Indicators of the year"), NULL };
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *larger = gtk_button_new_with_mnemonic (_("_Larger View"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *scroller;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->mode = gtk_drop_down_new_from_strings (modes);
  gtk_widget_set_tooltip_text (self->mode, _("The map's indicator for several years with the same class breaks, "
                                             "or several indicators for the map's year, each classed on its own"));
  g_signal_connect_swapped (self->mode, "notify::selected", G_CALLBACK (on_mode_changed), self);
  self->choices = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->choices), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->choices), 3);
  /* Some forty indicators: a list that scrolls past a few rows. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->choices);
  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "dim-label");
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_tooltip_text (larger, _("Show the maps in a window of their own"));
  g_signal_connect_swapped (larger, "clicked", G_CALLBACK (atlas_multiples_view_open_larger), self);
  gtk_widget_set_tooltip_text (export, _("Save the maps as an A4 figure (PDF, PNG or SVG)"));
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
  self->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_add_css_class (self->status, "caption");

  gtk_box_append (GTK_BOX (buttons), larger);
  gtk_box_append (GTK_BOX (buttons), export);
  gtk_box_append (GTK_BOX (self->box), self->mode);
  gtk_box_append (GTK_BOX (self->box), scroller);
  gtk_box_append (GTK_BOX (self->box), self->message);
  gtk_box_append (GTK_BOX (self->box), self->area);
  gtk_box_append (GTK_BOX (self->box), buttons);
  gtk_box_append (GTK_BOX (self->box), self->status);
}

GtkWidget *
atlas_multiples_view_new (AtlasExplorerState *state)
{
  AtlasMultiplesView *self;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  self = g_object_new (ATLAS_TYPE_MULTIPLES_VIEW, NULL);
  self->state = g_object_ref (state);
  return GTK_WIDGET (self);
}

/* A state change that leaves the maps alone (a pan, a selection)
 * computes nothing. */
void
atlas_multiples_view_refresh (AtlasMultiplesView *self)
{
  AtlasClassification *classification;
  g_autofree char *key = NULL;

  g_return_if_fail (ATLAS_IS_MULTIPLES_VIEW (self));

  classification = atlas_explorer_state_get_classification (self->state);
  key = g_strdup_printf ("%p %p %p %u %s %d %u", atlas_explorer_state_get_dataset (self->state),
                         atlas_explorer_state_lookup_division (self->state),
                         atlas_explorer_state_lookup_indicator (self->state),
                         atlas_explorer_state_get_year (self->state),
                         atlas_explorer_state_get_region (self->state) != NULL
                           ? atlas_explorer_state_get_region (self->state) : "",
                         classification != NULL ? (int) atlas_classification_get_method (classification) : -1,
                         classification != NULL ? atlas_classification_get_count (classification) : 0);
  if (g_strcmp0 (key, self->state_key) == 0)
    return;
  g_free (self->state_key);
  self->state_key = g_steal_pointer (&key);
  rebuild (self);
}

AtlasSmallMultiples *
atlas_multiples_view_get_multiples (AtlasMultiplesView *self)
{
  g_return_val_if_fail (ATLAS_IS_MULTIPLES_VIEW (self), NULL);

  return self->multiples;
}

void
atlas_multiples_view_set_by_indicator (AtlasMultiplesView *self,
                                       gboolean            by_indicator)
{
  g_return_if_fail (ATLAS_IS_MULTIPLES_VIEW (self));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->mode), by_indicator ? 1 : 0);
}
