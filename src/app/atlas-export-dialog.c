/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-export-dialog.h"
#include "atlas-map-layer.h"
#include "atlas-window.h"

/* Typing in the title field re-renders the preview only after a pause,
 * and any other change is gathered for a moment before the map, which
 * takes a noticeable fraction of a second, is drawn again. */
#define TEXT_DELAY_MS 400
#define RENDER_DELAY_MS 120

/* File type rows, in the order of format_model in the template: three
 * figure formats, then the data behind the map. The nick is what the
 * "export-format" setting stores. */
static const struct
{
  const char       *nick;
  gboolean          data;
  AtlasFigureFormat figure;
  AtlasDataFormat   data_format;
} formats[] = {
  { "pdf", FALSE, ATLAS_FIGURE_FORMAT_PDF, 0 },
  { "png", FALSE, ATLAS_FIGURE_FORMAT_PNG, 0 },
  { "svg", FALSE, ATLAS_FIGURE_FORMAT_SVG, 0 },
  { "csv", TRUE, 0, ATLAS_DATA_FORMAT_CSV },
  { "gpkg", TRUE, 0, ATLAS_DATA_FORMAT_GPKG },
};

static const char *const page_nicks[] = { "a4-portrait", "a4-landscape", "a3-landscape", "slide-16x9" };

struct _AtlasExportDialog
{
  AdwWindow             parent_instance;

  /* template */
  GtkWidget            *cancel_button;
  GtkWidget            *export_button;
  GtkWidget            *preview;
  GtkWidget            *page_row;
  GtkWidget            *format_row;
  GtkWidget            *dpi_row;
  GtkWidget            *dpi_spin;
  GtkWidget            *title_row;
  GtkWidget            *subtitle_row;
  GtkWidget            *lang_row;
  GtkWidget            *region_row;
  GtkWidget            *frame_row;
  GtkWidget            *labels_row;
  GtkWidget            *symbols_row;
  GtkWidget            *excel_row;
  GtkWidget            *excel_switch;
  GtkWidget            *batch_switch;
  GtkWidget            *batch_level_row;
  GtkWidget            *progress_revealer;
  GtkWidget            *progress_label;
  GtkWidget            *progress_bar;

  AtlasFigure          *figure;
  GSettings            *settings;
  AtlasBBox             view_box;       /* the map's view when the dialog opened */
  AdwToastOverlay      *toasts;
  GPtrArray            *regions;        /* AtlasArea or NULL (none), per row */
  GPtrArray            *batch_levels;   /* AtlasDivision, per row */
  cairo_surface_t      *cache;          /* the rendered page, device pixels */
  int                   cache_width;
  int                   cache_height;
  guint                 render_id;
  guint                 text_id;
  guint                 pulse_id;
  GCancellable         *cancellable;    /* of the running export */
  GtkFileChooserNative *chooser;
  guint                 syncing;
  gboolean              title_edited;
  gboolean              subtitle_edited;
};

G_DEFINE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ADW_TYPE_WINDOW)

static guint
chosen_row (AtlasExportDialog *self)
{
  return MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row)), G_N_ELEMENTS (formats) - 1);
}

static gboolean
chosen_data (AtlasExportDialog *self)
{
  return formats[chosen_row (self)].data;
}

static AtlasFigureFormat
chosen_format (AtlasExportDialog *self)
{
  return formats[chosen_row (self)].figure;
}

static const char *
chosen_extension (AtlasExportDialog *self)
{
  return formats[chosen_row (self)].nick;
}

/* Preview */

static void
render_cache (AtlasExportDialog *self,
              int                width,
              int                height)
{
  int scale = gtk_widget_get_scale_factor (self->preview);
  double page_w, page_h, zoom;
  cairo_t *cr;

  atlas_figure_get_page_size (self->figure, &page_w, &page_h);
  zoom = MIN (width / page_w, height / page_h);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  self->cache_width = width;
  self->cache_height = height;
  self->cache = cairo_image_surface_create (CAIRO_FORMAT_RGB24, MAX (1, page_w * zoom * scale),
                                            MAX (1, page_h * zoom * scale));
  cairo_surface_set_device_scale (self->cache, scale, scale);
  cr = cairo_create (self->cache);
  cairo_scale (cr, zoom, zoom);
  atlas_figure_draw (self->figure, cr, page_w, page_h);
  cairo_destroy (cr);
}

static gboolean
on_render_timeout (gpointer user_data)
{
  AtlasExportDialog *self = user_data;

  self->render_id = 0;
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  gtk_widget_queue_draw (self->preview);
  return G_SOURCE_REMOVE;
}

static void
schedule_render (AtlasExportDialog *self)
{
  g_clear_handle_id (&self->render_id, g_source_remove);
  self->render_id = g_timeout_add (RENDER_DELAY_MS, on_render_timeout, self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  AtlasExportDialog *self = user_data;
  double page_w, page_h, cache_w, cache_h, zoom;

  /* While resizing, the old rendering is stretched until a pause. */
  if (self->cache == NULL)
    render_cache (self, width, height);
  else if (self->cache_width != width || self->cache_height != height)
    schedule_render (self);

  atlas_figure_get_page_size (self->figure, &page_w, &page_h);
  cache_w = cairo_image_surface_get_width (self->cache) / (double) gtk_widget_get_scale_factor (self->preview);
  cache_h = cairo_image_surface_get_height (self->cache) / (double) gtk_widget_get_scale_factor (self->preview);
  zoom = MIN (width / cache_w, height / cache_h);
  cairo_translate (cr, (width - cache_w * zoom) / 2, (height - cache_h * zoom) / 2);
  cairo_scale (cr, zoom, zoom);
  /* a sheet of paper: a soft edge, then the page */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, -1, -1, cache_w + 2, cache_h + 2);
  cairo_fill (cr);
  cairo_set_source_surface (cr, self->cache, 0, 0);
  cairo_paint (cr);
}

/* Title and subtitle: the figure's defaults until the user edits them. */

static void
sync_default_texts (AtlasExportDialog *self)
{
  self->syncing++;
  if (!self->title_edited)
    {
      g_autofree char *title = atlas_figure_dup_display_title (self->figure);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
    }
  if (!self->subtitle_edited)
    {
      g_autofree char *subtitle = atlas_figure_dup_display_subtitle (self->figure);
      gtk_editable_set_text (GTK_EDITABLE (self->subtitle_row), subtitle);
    }
  self->syncing--;
}

static gboolean
on_text_timeout (gpointer user_data)
{
  AtlasExportDialog *self = user_data;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *subtitle = gtk_editable_get_text (GTK_EDITABLE (self->subtitle_row));

  self->text_id = 0;
  if (self->title_edited)
    atlas_figure_set_title (self->figure, title[0] != '\0' ? title : NULL);
  if (self->subtitle_edited)
    atlas_figure_set_subtitle (self->figure, subtitle);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (AtlasExportDialog *self,
                 GtkEditable       *editable)
{
  if (self->syncing > 0)
    return;
  if (editable == GTK_EDITABLE (self->title_row))
    self->title_edited = TRUE;
  else
    self->subtitle_edited = TRUE;
  g_clear_handle_id (&self->text_id, g_source_remove);
  self->text_id = g_timeout_add (TEXT_DELAY_MS, on_text_timeout, self);
}

static void
on_figure_notify (AtlasExportDialog *self,
                  GParamSpec        *pspec)
{
  if (!g_str_equal (pspec->name, "title") && !g_str_equal (pspec->name, "subtitle"))
    sync_default_texts (self);
  schedule_render (self);
}

/* Settings: format, page, DPI, language and folder outlive the dialog. */

static guint
index_of_nick (const char        *nick,
               const char *const *nicks,
               guint              n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (nick, nicks[i]) == 0)
      return i;
  return 0;
}

static void
load_settings (AtlasExportDialog *self)
{
  g_autofree char *format = g_settings_get_string (self->settings, "export-format");
  g_autofree char *page = g_settings_get_string (self->settings, "export-page");
  g_autofree char *lang = g_settings_get_string (self->settings, "export-language");
  const char *format_nicks[G_N_ELEMENTS (formats)];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    format_nicks[i] = formats[i].nick;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row),
                              index_of_nick (format, format_nicks, G_N_ELEMENTS (formats)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->page_row),
                              index_of_nick (page, page_nicks, G_N_ELEMENTS (page_nicks)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->dpi_spin), g_settings_get_uint (self->settings, "export-dpi"));
  /* Empty: the interface language. */
  if (lang[0] != '\0')
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->lang_row), g_str_equal (lang, "en") ? 1 : 0);
  gtk_switch_set_active (GTK_SWITCH (self->excel_switch), g_settings_get_boolean (self->settings, "export-csv-swedish"));
}

static void
save_settings (AtlasExportDialog *self)
{
  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "export-format", formats[chosen_row (self)].nick);
  g_settings_set_string (self->settings, "export-page",
                         page_nicks[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->page_row)),
                                         G_N_ELEMENTS (page_nicks) - 1)]);
  g_settings_set_uint (self->settings, "export-dpi",
                       gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->dpi_spin)));
  g_settings_set_string (self->settings, "export-language", atlas_figure_get_lang (self->figure));
  g_settings_set_boolean (self->settings, "export-csv-swedish",
                          gtk_switch_get_active (GTK_SWITCH (self->excel_switch)));
}

static void
remember_folder (AtlasExportDialog *self,
                 const char        *path,
                 gboolean           is_folder)
{
  g_autofree char *folder = is_folder ? g_strdup (path) : g_path_get_dirname (path);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "export-folder", folder);
}

/* Options */

static void
on_options_changed (AtlasExportDialog *self)
{
  guint region = adw_combo_row_get_selected (ADW_COMBO_ROW (self->region_row));
  gboolean data = chosen_data (self);
  gboolean png = !data && chosen_format (self) == ATLAS_FIGURE_FORMAT_PNG;
  gboolean view = adw_combo_row_get_selected (ADW_COMBO_ROW (self->frame_row)) == 1;

  atlas_figure_set_page (self->figure, adw_combo_row_get_selected (ADW_COMBO_ROW (self->page_row)));
  atlas_figure_set_dpi (self->figure, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->dpi_spin)));
  atlas_figure_set_lang (self->figure, adw_combo_row_get_selected (ADW_COMBO_ROW (self->lang_row)) == 1 ? "en" : "sv");
  if (region < self->regions->len)
    atlas_figure_set_region (self->figure, self->regions->pdata[region]);
  atlas_figure_set_extent (self->figure, view && !atlas_bbox_is_empty (&self->view_box) ? &self->view_box : NULL);
  atlas_figure_set_labels (self->figure, MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->labels_row)),
                                              ATLAS_LABEL_OFF));
  atlas_figure_set_symbols (self->figure, adw_combo_row_get_selected (ADW_COMBO_ROW (self->symbols_row)) == 1
                                          ? ATLAS_SYMBOL_CHOROPLETH : ATLAS_SYMBOL_AUTO);
  gtk_widget_set_sensitive (self->dpi_row, png);
  gtk_widget_set_visible (self->excel_row, formats[chosen_row (self)].data_format == ATLAS_DATA_FORMAT_CSV && data);
  gtk_widget_set_sensitive (self->batch_switch, !data);
  if (data)
    gtk_switch_set_active (GTK_SWITCH (self->batch_switch), FALSE);
  gtk_widget_set_visible (self->symbols_row,
                          atlas_indicator_get_unit (atlas_figure_get_indicator (self->figure)) == ATLAS_UNIT_COUNT);
  save_settings (self);
}

static char *
region_label (AtlasArea *area)
{
  g_autofree char *name = atlas_area_dup_display_name (area);

  return g_strdup_printf ("%s (%s)", name,
                          atlas_division_get_name (atlas_area_get_division (area), NULL));
}

/* "None", then every area of each level above the map's. */
static void
fill_regions (AtlasExportDialog *self)
{
  AtlasDataset *dataset = atlas_figure_get_dataset (self->figure);
  GListModel *divisions = atlas_dataset_get_divisions (dataset);
  guint depth = atlas_division_get_depth (atlas_figure_get_division (self->figure));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("None: the whole map"));
  g_ptr_array_add (self->regions, NULL);
  for (guint d = 0; d < g_list_model_get_n_items (divisions); d++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, d);

      if (atlas_division_get_depth (division) >= depth || !atlas_division_has_geometry (division))
        continue;
      for (guint i = 0; i < atlas_division_get_n_areas (division); i++)
        {
          AtlasArea *area = atlas_division_get_area (division, i);
          g_autofree char *label = region_label (area);

          gtk_string_list_append (names, label);
          g_ptr_array_add (self->regions, area);
        }
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->region_row), G_LIST_MODEL (names));
  /* The state's region, if it has one */
  for (guint i = 1; i < self->regions->len; i++)
    if (self->regions->pdata[i] == atlas_figure_get_region (self->figure))
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->region_row), i);
}

/* Batch levels: those with boundaries, down to the map's own. */
static void
fill_batch_levels (AtlasExportDialog *self)
{
  AtlasDataset *dataset = atlas_figure_get_dataset (self->figure);
  GListModel *divisions = atlas_dataset_get_divisions (dataset);
  guint depth = atlas_division_get_depth (atlas_figure_get_division (self->figure));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint preselect = 0;

  for (guint d = 0; d < g_list_model_get_n_items (divisions); d++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, d);

      if (atlas_division_get_depth (division) > depth || !atlas_division_has_geometry (division))
        continue;
      if (atlas_division_get_depth (division) < depth)
        preselect = self->batch_levels->len;
      gtk_string_list_append (names, atlas_division_get_name (division, NULL));
      g_ptr_array_add (self->batch_levels, g_object_ref (division));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->batch_level_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->batch_level_row), preselect);
}

/* Exporting */

static void
set_busy (AtlasExportDialog *self,
          const char        *message)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), busy ? _("_Stop") : _("_Cancel"));
  gtk_label_set_text (GTK_LABEL (self->progress_label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->progress_revealer), message != NULL);
}

static gboolean
on_pulse (gpointer user_data)
{
  AtlasExportDialog *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
  return G_SOURCE_CONTINUE;
}

static void
start_busy (AtlasExportDialog *self,
            const char        *message)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pulse_id = g_timeout_add (100, on_pulse, self);
  gtk_widget_set_visible (self->progress_bar, TRUE);
  set_busy (self, message);
}

static void
on_open_clicked (AdwToast *toast,
                 char     *uri)
{
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
announce (AtlasExportDialog *self,
          const char        *text,
          const char        *path)
{
  AdwToast *toast = adw_toast_new (text);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked),
                         g_file_get_uri (file), (GClosureNotify) G_CALLBACK (g_free), 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
show_failure (AtlasExportDialog *self,
              const GError      *error)
{
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_busy (self, _("Export stopped; no file was written."));
      gtk_widget_set_visible (self->progress_bar, FALSE);
      return;
    }
  set_busy (self, NULL);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Figure"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Called with the dialog's own reference, so it lives until the end. */
static void
finish_export (AtlasExportDialog *self,
               const char        *success_text,
               const char        *path,
               const GError      *error)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  if (error != NULL)
    {
      show_failure (self, error);
      return;
    }
  announce (self, success_text, path);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AtlasExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (self), "export-path");
  g_autofree char *text = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (g_object_get_data (G_OBJECT (self), "export-data") != NULL)
    atlas_figure_export_data_finish (ATLAS_FIGURE (source), result, &error);
  else
    atlas_figure_export_finish (ATLAS_FIGURE (source), result, &error);
  text = g_strdup_printf (_("Exported “%s”"), name);
  if (error == NULL)
    remember_folder (self, path, FALSE);
  finish_export (self, text, path, error);
}

static void
batch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AtlasFigure *copy = g_object_get_data (G_OBJECT (task), "figure");
  AtlasDivision *level = g_object_get_data (G_OBJECT (task), "level");
  AtlasFigureFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "format"));
  GError *error = NULL;
  char **paths = atlas_figure_export_batch (copy, level, task_data, format, cancellable, &error);

  if (paths != NULL)
    g_task_return_pointer (task, paths, (GDestroyNotify) g_strfreev);
  else
    g_task_return_error (task, error);
}

static void
on_batch_exported (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = g_task_propagate_pointer (G_TASK (result), &error);
  const char *folder = g_task_get_task_data (G_TASK (result));
  g_autofree char *text = NULL;

  if (paths != NULL)
    remember_folder (self, folder, TRUE);
  if (paths != NULL)
    text = g_strdup_printf (ngettext ("Exported %u figure", "Exported %u figures", g_strv_length (paths)),
                            g_strv_length (paths));
  finish_export (self, text, folder, error);
}

static void
export_batch (AtlasExportDialog *self,
              const char        *folder)
{
  guint level = adw_combo_row_get_selected (ADW_COMBO_ROW (self->batch_level_row));
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_batch_exported, NULL);

  g_return_if_fail (level < self->batch_levels->len);
  g_task_set_task_data (task, g_strdup (folder), g_free);
  /* The worker gets its own figure: this one may change meanwhile. */
  g_object_set_data_full (G_OBJECT (task), "figure", atlas_figure_copy (self->figure), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "level", g_object_ref (self->batch_levels->pdata[level]),
                          g_object_unref);
  g_object_set_data (G_OBJECT (task), "format", GUINT_TO_POINTER (chosen_format (self)));
  g_task_run_in_thread (task, batch_thread);
}

/* A name typed without the extension gets the one of the chosen type; a
 * name with a known one (figure or data) is written as that type. */
static char *
path_with_extension (AtlasExportDialog *self,
                     const char        *path)
{
  if (atlas_figure_format_from_path (path, NULL, NULL) || atlas_data_format_matches (path))
    return g_strdup (path);
  return g_strconcat (path, ".", chosen_extension (self), NULL);
}

void
atlas_export_dialog_export_to (AtlasExportDialog *self,
                               const char        *path)
{
  g_return_if_fail (ATLAS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL && self->cancellable == NULL);

  /* Pending title edits belong in the file. */
  if (self->text_id != 0)
    {
      g_clear_handle_id (&self->text_id, g_source_remove);
      on_text_timeout (self);
    }
  start_busy (self, _("Exporting…"));
  if (gtk_switch_get_active (GTK_SWITCH (self->batch_switch)))
    {
      export_batch (self, path);
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "export-path", path_with_extension (self, path), g_free);
  path = g_object_get_data (G_OBJECT (self), "export-path");
  if (atlas_data_format_matches (path))
    {
      AtlasCsvStyle style = gtk_switch_get_active (GTK_SWITCH (self->excel_switch))
                            ? ATLAS_CSV_STYLE_SWEDISH : ATLAS_CSV_STYLE_PLAIN;

      g_object_set_data (G_OBJECT (self), "export-data", GINT_TO_POINTER (TRUE));
      atlas_figure_export_data_async (self->figure, path, style, self->cancellable, on_exported,
                                      g_object_ref (self));
      return;
    }
  g_object_set_data (G_OBJECT (self), "export-data", NULL);
  atlas_figure_export_async (self->figure, path, self->cancellable, on_exported, g_object_ref (self));
}

static char *
suggested_name (AtlasExportDialog *self)
{
  AtlasIndicator *indicator = atlas_figure_get_indicator (self->figure);
  AtlasDivision *division = atlas_figure_get_division (self->figure);

  return g_strdup_printf ("%s-%s-%u.%s", atlas_indicator_get_id (indicator),
                          atlas_division_get_id (division), atlas_figure_get_year (self->figure),
                          chosen_extension (self));
}

static void
on_chooser_response (AtlasExportDialog *self,
                     int                response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && g_file_peek_path (file) != NULL)
    atlas_export_dialog_export_to (self, g_file_peek_path (file));
}

static void
on_export_clicked (AtlasExportDialog *self)
{
  gboolean batch = gtk_switch_get_active (GTK_SWITCH (self->batch_switch));

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (batch ? _("Choose a Folder for the Figures") : _("Export Figure"),
                                               GTK_WINDOW (self),
                                               batch ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                     : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  if (!batch)
    {
      g_autofree char *name = suggested_name (self);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  {
    g_autofree char *folder = g_settings_get_string (self->settings, "export-folder");

    if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
      {
        g_autoptr(GFile) file = g_file_new_for_path (folder);
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), file, NULL);
      }
  }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_clicked (AtlasExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static void
atlas_export_dialog_dispose (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->render_id, g_source_remove);
  g_clear_handle_id (&self->text_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->batch_levels, g_ptr_array_unref);
  if (self->figure != NULL)
    g_signal_handlers_disconnect_by_data (self->figure, self);
  g_clear_object (&self->figure);
  g_clear_object (&self->toasts);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->dispose (object);
}

static void
atlas_export_dialog_class_init (AtlasExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = atlas_export_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, lang_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, frame_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, labels_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, symbols_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, excel_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, excel_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, batch_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, batch_level_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_export_dialog_init (AtlasExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->regions = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  self->batch_levels = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->preview), draw_preview, self, NULL);
}

/* The figure starts as the state is now (the same function as
 * `platsatlas-cli export --view`), and keeps its own settings: later
 * changes of the state do not reach a figure being exported. The style is
 * always light, as paper and slides are. */
static AtlasFigure *
figure_from_state (AtlasExplorerState *state)
{
  g_autoptr(GError) error = NULL;
  AtlasFigure *figure = atlas_figure_new_for_state (state, &error);

  if (figure == NULL)
    g_critical ("No figure of what the window shows: %s", error->message);
  else
    atlas_figure_set_style (figure, ATLAS_MAP_STYLE_LIGHT);
  return figure;
}

/* What the map shows now, in lon/lat: the "view on the map" frame. */
static void
view_box_from_map (AtlasExportDialog *self,
                   AtlasMap          *map)
{
  AtlasMapView view;
  double lon0, lat0, lon1, lat1;

  atlas_bbox_init_empty (&self->view_box);
  atlas_map_layer_get_view (atlas_map_get_layer (map), &view);
  if (view.scale <= 0 || view.width <= 0 || view.height <= 0)
    return;
  atlas_mercator_to_lonlat (view.center_x - view.width / 2.0 / view.scale,
                            view.center_y + view.height / 2.0 / view.scale, &lon0, &lat0);
  atlas_mercator_to_lonlat (view.center_x + view.width / 2.0 / view.scale,
                            view.center_y - view.height / 2.0 / view.scale, &lon1, &lat1);
  atlas_bbox_extend (&self->view_box, MAX (lon0, -180), MAX (lat0, -85));
  atlas_bbox_extend (&self->view_box, MIN (lon1, 180), MIN (lat1, 85));
}

static void
connect_options (AtlasExportDialog *self)
{
  GtkWidget *rows[] = { self->page_row, self->format_row, self->lang_row, self->region_row,
                        self->frame_row, self->labels_row, self->symbols_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "notify::selected", G_CALLBACK (on_options_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dpi_spin, "value-changed", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->excel_switch, "notify::active", G_CALLBACK (on_options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (on_text_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subtitle_row, "changed", G_CALLBACK (on_text_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->figure, "notify", G_CALLBACK (on_figure_notify), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
atlas_export_dialog_new (GtkWindow          *parent,
                         AtlasExplorerState *state,
                         AdwToastOverlay    *toasts)
{
  AtlasExportDialog *self;
  g_autoptr(AtlasFigure) figure = NULL;

  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (toasts), NULL);

  if ((figure = figure_from_state (state)) == NULL)
    return NULL;
  self = g_object_new (ATLAS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->toasts = g_object_ref (toasts);
  self->figure = g_steal_pointer (&figure);
  /* "The view on the map" frames what the window's map shows */
  if (ATLAS_IS_WINDOW (parent))
    view_box_from_map (self, atlas_window_get_map (ATLAS_WINDOW (parent)));
  else
    atlas_bbox_init_empty (&self->view_box);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->lang_row),
                              g_str_equal (atlas_figure_get_lang (self->figure), "en") ? 1 : 0);
  load_settings (self);
  fill_regions (self);
  fill_batch_levels (self);
  sync_default_texts (self);
  connect_options (self);
  on_options_changed (self);
  return GTK_WIDGET (self);
}

AtlasFigure *
atlas_export_dialog_get_figure (AtlasExportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), NULL);

  return self->figure;
}
