/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-import-dialog.h"

struct _AtlasImportDialog
{
  AdwWindow        parent_instance;

  AtlasWindow     *window;      /* weak */
  GPtrArray       *files;       /* GFile */
  AtlasImporter   *importer;
  GCancellable    *cancellable;
  GtkStringList   *indicators;
  GtkNativeDialog *chooser;
  GFile           *target;      /* the package being written */
  const char      *busy_return; /* the page a cancel goes back to */

  GtkWidget       *cancel_button;
  GtkWidget       *write_button;
  GtkWidget       *stack;
  GtkWidget       *spinner;
  GtkWidget       *busy_label;
  GtkWidget       *progress_bar;
  GtkWidget       *title_row;
  GtkWidget       *id_row;
  GtkWidget       *files_list;
  GtkWidget       *levels_list;
  GtkWidget       *indicators_list;
  GtkWidget       *notes_label;
  GtkWidget       *error_label;
  GtkWidget       *done_label;
  GtkWidget       *report_label;
};

G_DEFINE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ADW_TYPE_WINDOW)

/* ---- pages ------------------------------------------------------------------ */

static void
show_page (AtlasImportDialog *self,
           const char        *page)
{
  gboolean busy = g_str_equal (page, "busy");

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->write_button, g_str_equal (page, "review"));
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        g_str_equal (page, "done") ? _("_Close") : _("_Cancel"));
}

static GCancellable *
start_busy (AtlasImportDialog *self,
            const char        *what,
            const char        *return_page)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy_return = return_page;
  gtk_label_set_text (GTK_LABEL (self->busy_label), what);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
  g_object_bind_property (self->importer, "fraction", self->progress_bar, "fraction",
                          G_BINDING_SYNC_CREATE);
  show_page (self, "busy");
  return self->cancellable;
}

/* Cancelling goes back a step; any other error is shown in full. */
static void
show_error (AtlasImportDialog *self,
            const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_page (self, self->busy_return);
      return;
    }
  gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
  show_page (self, "error");
}

/* ---- the review page -------------------------------------------------------- */

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
add_row (GtkWidget  *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* File names and SCB titles may contain "&": no markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static const char *
member (JsonObject *object,
        const char *name)
{
  const char *value = json_object_get_string_member_with_default (object, name, NULL);

  return value != NULL ? value : "–";
}

static char *
describe_table (JsonObject *input)
{
  int keys = (int) json_object_get_int_member_with_default (input, "keys", 0);
  int matched = (int) json_object_get_int_member_with_default (input, "matched", 0);

  if (json_object_get_string_member_with_default (input, "title", NULL) == NULL)
    return g_strdup_printf (_("Statistics (%s): %d area keys, %d matched to area codes"),
                            member (input, "format"), keys, matched);
  return g_strdup_printf (_("Statistics (%s) “%s”: %d area keys, %d matched to area codes"),
                          member (input, "format"), member (input, "title"), keys, matched);
}

static void
add_input (AtlasImportDialog *self,
           JsonObject        *input)
{
  g_autofree char *name = g_path_get_basename (member (input, "file"));
  g_autofree char *subtitle = NULL;

  if (g_str_equal (member (input, "kind"), "geometry"))
    subtitle = g_strdup_printf (_("Geometry of %s: code field “%s”, name field “%s”, %d features"),
                                member (input, "level"), member (input, "code_field"),
                                member (input, "name_field"),
                                (int) json_object_get_int_member_with_default (input, "features", 0));
  else if (g_str_equal (member (input, "kind"), "key"))
    subtitle = g_strdup (_("SCB's area key from the data folder: codes, names and parents"));
  else
    subtitle = describe_table (input);
  add_row (self->files_list, name, subtitle);
}

/* The plan names its sources in English for the report; the one fixed
 * phrase is said in the interface's language here. */
static const char *
describe_geometry (JsonObject *level)
{
  const char *geometry = json_object_get_string_member_with_default (level, "geometry", NULL);

  if (geometry == NULL)
    return _("none");
  if (g_str_equal (geometry, "packaged kommun/län borders"))
    return _("the packaged kommun and län borders");
  return geometry;
}

static void
add_level (AtlasImportDialog *self,
           JsonObject        *level)
{
  g_autofree char *title = g_strdup_printf ("%s (%s)", member (level, "id"), member (level, "version"));
  g_autofree char *subtitle =
    g_strdup_printf (_("%d areas, %d with values, %d drawn; parent level %s; geometry: %s"),
                     (int) json_object_get_int_member_with_default (level, "areas", 0),
                     (int) json_object_get_int_member_with_default (level, "with_values", 0),
                     (int) json_object_get_int_member_with_default (level, "drawn", 0),
                     member (level, "parent"), describe_geometry (level));

  add_row (self->levels_list, title, subtitle);
}

static void
add_indicator (AtlasImportDialog *self,
               JsonObject        *indicator)
{
  g_autofree char *title = g_strdup_printf ("%s (%s)", member (indicator, "name"),
                                            member (indicator, "unit"));
  g_autofree char *subtitle = g_strdup_printf (_("Id %s, %s; source: %s"), member (indicator, "id"),
                                               member (indicator, "rule"), member (indicator, "source"));

  gtk_string_list_append (self->indicators, title);
  add_row (self->indicators_list, title, subtitle);
}

static void
fill_notes (AtlasImportDialog *self,
            JsonObject        *plan)
{
  JsonArray *years = json_object_get_array_member (plan, "years");
  JsonArray *changes = json_object_get_array_member (plan, "changes");
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, _("Years:"));
  for (guint i = 0; years != NULL && i < json_array_get_length (years); i++)
    g_string_append_printf (text, " %" G_GINT64_FORMAT, json_array_get_int_element (years, i));
  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    g_string_append_printf (text, "\n• %s", json_array_get_string_element (changes, i));
  gtk_label_set_text (GTK_LABEL (self->notes_label), text->str);
}

typedef void (*AddFunc) (AtlasImportDialog *self, JsonObject *object);

static void
each_object (AtlasImportDialog *self,
             JsonObject        *plan,
             const char        *name,
             AddFunc            add)
{
  JsonArray *array = json_object_get_array_member (plan, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    add (self, json_array_get_object_element (array, i));
}

/* The title SCB gave the first table is a good default for the package. */
static void
suggest_title (AtlasImportDialog *self,
               JsonObject        *plan)
{
  JsonArray *inputs = json_object_get_array_member (plan, "inputs");

  if (gtk_editable_get_text (GTK_EDITABLE (self->title_row))[0] != '\0')
    return;
  for (guint i = 0; inputs != NULL && i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);
      const char *title = json_object_get_string_member_with_default (input, "title", NULL);

      if (title != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
          return;
        }
    }
}

static void
fill_review (AtlasImportDialog *self)
{
  g_autoptr(JsonNode) node = atlas_importer_get_plan (self->importer);
  JsonObject *plan = json_node_get_object (node);

  clear_list (self->files_list);
  clear_list (self->levels_list);
  clear_list (self->indicators_list);
  gtk_string_list_splice (self->indicators, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->indicators)), NULL);
  each_object (self, plan, "inputs", add_input);
  each_object (self, plan, "levels", add_level);
  each_object (self, plan, "indicators", add_indicator);
  fill_notes (self, plan);
  suggest_title (self, plan);
}

/* ---- inspecting ------------------------------------------------------------- */

static void
on_inspected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(AtlasImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = atlas_importer_inspect_finish (ATLAS_IMPORTER (source), result, &error);

  if (source != G_OBJECT (self->importer))
    return;  /* closed, or files chosen again meanwhile */
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  fill_review (self);
  show_page (self, "review");
}

void
atlas_import_dialog_add_file (AtlasImportDialog *self,
                              GFile             *file)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (self->files, g_object_ref (file));
}

void
atlas_import_dialog_inspect (AtlasImportDialog *self)
{
  GCancellable *cancellable;

  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->files->len > 0);

  g_clear_object (&self->importer);
  self->importer = atlas_importer_new ();
  for (guint i = 0; i < self->files->len; i++)
    atlas_importer_add_file (self->importer, g_ptr_array_index (self->files, i));
  cancellable = start_busy (self, _("Reading the files…"), "files");
  atlas_importer_inspect_async (self->importer, cancellable, on_inspected, g_object_ref (self));
}

/* ---- writing ---------------------------------------------------------------- */

static char *
make_slug (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  g_autoptr(GString) slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (slug, g_ascii_tolower (*p));
    else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
      g_string_append_c (slug, '-');
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return slug->len > 0 ? g_string_free (g_steal_pointer (&slug), FALSE) : g_strdup ("platsatlas-paket");
}

static gboolean
is_empty_or_new (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GFileInfo) first = NULL;

  if (children == NULL)
    return TRUE;
  first = g_file_enumerator_next_file (children, NULL, NULL);
  return first == NULL;
}

/* The user picks where packages go; a folder that holds other things
 * gets a new folder named by the package's id inside it. */
static GFile *
package_folder (AtlasImportDialog *self,
                GFile             *folder)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *name = NULL;

  if (is_empty_or_new (folder))
    return g_object_ref (folder);
  name = id[0] != '\0' ? g_strdup (id) : make_slug (title);
  return g_file_get_child (folder, name);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(AtlasImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *done = NULL;
  g_autofree char *report = NULL;

  gboolean ok = atlas_importer_write_finish (ATLAS_IMPORTER (source), result, &error);

  if (source != G_OBJECT (self->importer))
    return;  /* closed meanwhile */
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  path = g_file_get_path (self->target);
  report = atlas_importer_format_report (ATLAS_IMPORTER (source));
  done = g_strdup_printf (_("The package was written to %s and opens in the window."), path);
  gtk_label_set_text (GTK_LABEL (self->done_label), done);
  gtk_label_set_text (GTK_LABEL (self->report_label), report);
  show_page (self, "done");
  /* The same path as "Open…": a package that fails to load leaves the
   * shown one in place and the window says why. */
  if (self->window != NULL)
    atlas_window_open (self->window, path);
}

void
atlas_import_dialog_write_to (AtlasImportDialog *self,
                              GFile             *folder)
{
  const char *id;
  const char *title;
  GCancellable *cancellable;

  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (self->importer != NULL);

  id = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  atlas_importer_set_id (self->importer, id[0] != '\0' ? id : NULL);
  atlas_importer_set_title (self->importer, title[0] != '\0' ? title : NULL);
  g_set_object (&self->target, NULL);
  self->target = package_folder (self, folder);
  cancellable = start_busy (self, _("Writing the package…"), "review");
  atlas_importer_write_async (self->importer, self->target, cancellable, on_written, g_object_ref (self));
}

void
atlas_import_dialog_cancel (AtlasImportDialog *self)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
}

/* ---- file choosers ---------------------------------------------------------- */

static void
on_files_chosen (GtkNativeDialog   *chooser,
                 int                response,
                 AtlasImportDialog *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (files == NULL || g_list_model_get_n_items (files) == 0)
    return;
  g_ptr_array_set_size (self->files, 0);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      atlas_import_dialog_add_file (self, file);
    }
  atlas_import_dialog_inspect (self);
}

static void
on_folder_chosen (GtkNativeDialog   *chooser,
                  int                response,
                  AtlasImportDialog *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (folder != NULL)
    atlas_import_dialog_write_to (self, folder);
}

static void
run_chooser (AtlasImportDialog    *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             GCallback             callback)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), action == GTK_FILE_CHOOSER_ACTION_OPEN);
  gtk_file_chooser_set_create_folders (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", callback, self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_choose_clicked (AtlasImportDialog *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Choose Files to Import"), _("_Open"),
               G_CALLBACK (on_files_chosen));
}

static void
on_write_clicked (AtlasImportDialog *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
               _("Choose a Folder for the Package"), _("_Write Here"),
               G_CALLBACK (on_folder_chosen));
}

static void
on_cancel_clicked (AtlasImportDialog *self)
{
  if (g_str_equal (atlas_import_dialog_get_page (self), "busy"))
    atlas_import_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- getters ---------------------------------------------------------------- */

const char *
atlas_import_dialog_get_page (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

GListModel *
atlas_import_dialog_get_indicators (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->indicators);
}

/* The error shown on the error page, or the result on the done page. */
const char *
atlas_import_dialog_get_message (AtlasImportDialog *self)
{
  const char *page;

  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  page = atlas_import_dialog_get_page (self);
  if (g_str_equal (page, "error"))
    return gtk_label_get_text (GTK_LABEL (self->error_label));
  if (g_str_equal (page, "done"))
    return gtk_label_get_text (GTK_LABEL (self->done_label));
  return NULL;
}

GtkEditable *
atlas_import_dialog_get_title_entry (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  return GTK_EDITABLE (self->title_row);
}

/* ---- dropped files ---------------------------------------------------------- */

gboolean
atlas_import_dialog_wants_files (GSList *files)
{
  static const char *const suffixes[] = { ".csv", ".xlsx", ".json", ".geojson", ".gpkg", ".shp" };
  g_autofree char *name = NULL;

  if (files == NULL)
    return FALSE;
  if (files->next != NULL)
    return TRUE;
  name = g_utf8_strdown (g_file_peek_path (files->data) != NULL ? g_file_peek_path (files->data) : "", -1);
  if (g_str_has_suffix (name, "/manifest.json") || g_str_equal (name, "manifest.json"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]))
      return TRUE;
  return FALSE;
}

void
atlas_import_dialog_run (AtlasWindow *window,
                         GSList      *files)
{
  GtkWidget *dialog;

  g_return_if_fail (ATLAS_IS_WINDOW (window));

  dialog = atlas_import_dialog_new (window);
  for (GSList *l = files; l != NULL; l = l->next)
    atlas_import_dialog_add_file (ATLAS_IMPORT_DIALOG (dialog), l->data);
  gtk_window_present (GTK_WINDOW (dialog));
  if (files != NULL)
    atlas_import_dialog_inspect (ATLAS_IMPORT_DIALOG (dialog));
}

/* ---- the type --------------------------------------------------------------- */

static gboolean
atlas_import_dialog_close_request (GtkWindow *window)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  return GTK_WINDOW_CLASS (atlas_import_dialog_parent_class)->close_request (window);
}

static void
atlas_import_dialog_dispose (GObject *object)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->importer);
  g_clear_object (&self->target);
  g_clear_object (&self->indicators);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (atlas_import_dialog_parent_class)->dispose (object);
}

static void
atlas_import_dialog_class_init (AtlasImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = atlas_import_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = atlas_import_dialog_close_request;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, write_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, files_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, levels_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, indicators_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, notes_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, done_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, report_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_write_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_import_dialog_init (AtlasImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->indicators = gtk_string_list_new (NULL);
  show_page (self, "files");
}

GtkWidget *
atlas_import_dialog_new (AtlasWindow *window)
{
  AtlasImportDialog *self;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);

  self = g_object_new (ATLAS_TYPE_IMPORT_DIALOG, "transient-for", window,
                       "destroy-with-parent", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  return GTK_WIDGET (self);
}
