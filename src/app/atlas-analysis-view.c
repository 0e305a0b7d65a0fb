/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-analysis-view.h"

AtlasArea *
atlas_analysis_view_pick_region (AtlasExplorerState *state,
                                 AtlasDivision      *typed)
{
  AtlasArea *selected = atlas_explorer_state_lookup_selected (state);

  if (selected == NULL || typed == NULL ||
      !atlas_analysis_division_is_above (atlas_area_get_division (selected), typed))
    return NULL;
  return selected;
}

static void
draw_figure (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  AtlasAnalysisMap *figure = g_object_get_data (G_OBJECT (area), "figure");

  if (figure != NULL)
    atlas_analysis_map_draw (figure, cr, width, height);
}

/* The figure at a readable size, in its own window. */
static void
on_figure_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  AtlasAnalysisMap *figure = g_object_get_data (G_OBJECT (area), "figure");
  GtkRoot *root = gtk_widget_get_root (area);
  GtkWidget *window, *large;

  /* Already the large view */
  if (figure == NULL || (GTK_IS_WINDOW (root) && gtk_window_get_child (GTK_WINDOW (root)) == area))
    return;
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), atlas_analysis_map_get_title (figure));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 900);
  large = atlas_analysis_view_new_figure (0);
  gtk_widget_set_vexpand (large, TRUE);
  gtk_widget_set_tooltip_text (large, NULL);
  atlas_analysis_view_set_figure (large, figure);
  gtk_window_set_child (GTK_WINDOW (window), large);
  gtk_window_present (GTK_WINDOW (window));
}

GtkWidget *
atlas_analysis_view_new_figure (int height)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (on_figure_pressed), NULL);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_tooltip_text (area, _("Click to see the figure larger"));

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_figure, NULL, NULL);
  return area;
}

void
atlas_analysis_view_set_figure (GtkWidget        *area,
                                AtlasAnalysisMap *figure)
{
  g_object_set_data_full (G_OBJECT (area), "figure",
                          figure != NULL ? g_object_ref (figure) : NULL, g_object_unref);
  gtk_widget_set_visible (area, figure != NULL);
  gtk_widget_queue_draw (area);
}

GtkWidget *
atlas_analysis_view_new_caption (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "caption");
  return label;
}

GtkWidget *
atlas_analysis_view_new_row (const char *mnemonic,
                             GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         data)
{
  AtlasAnalysisMap *figure = g_object_get_data (G_OBJECT (dialog), "figure");
  GtkLabel *status = data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL && !atlas_analysis_map_export (figure, g_file_peek_path (file), 300, &error))
    gtk_label_set_text (status, error->message);
  else if (file != NULL)
    {
      /* Translators: after an export, the file name */
      message = g_strdup_printf (_("Exported to %s"), g_file_peek_path (file));
      gtk_label_set_text (status, message);
    }
  g_object_unref (status);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
atlas_analysis_view_export (GtkWidget        *widget,
                            AtlasAnalysisMap *figure,
                            const char       *name,
                            GtkLabel         *status)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  g_return_if_fail (ATLAS_IS_ANALYSIS_MAP (figure));

  chooser = gtk_file_chooser_native_new (_("Export Figure"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF, PNG or SVG"));
  gtk_file_filter_add_pattern (filter, "*.[pP][dD][fF]");
  gtk_file_filter_add_pattern (filter, "*.[pP][nN][gG]");
  gtk_file_filter_add_pattern (filter, "*.[sS][vV][gG]");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_object_set_data_full (G_OBJECT (chooser), "figure", g_object_ref (figure), g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (status));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
