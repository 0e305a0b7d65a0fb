/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

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

  /* Choices, applied to a new importer each time one changes */
  GHashTable      *selections;  /* dimension → value text */
  GHashTable      *splits;      /* dimensions made into one indicator per value */
  GHashTable      *renames;     /* indicator id → name */
  GPtrArray       *shares;      /* "id=count/total" */
  guint            crs;
  GtkStringList   *indicator_ids;
  guint            filling;     /* ignore widget signals while filling */
  gboolean         refreshing;  /* inspecting again after a choice */

  /* The package as it will be written, loaded from a temporary folder */
  GCancellable    *preview_cancellable;
  AtlasDataset    *preview;
  GdkTexture      *preview_texture;
  gboolean         previewing;
  GFile           *pending_folder; /* a write asked for during the preview */

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
  GtkWidget       *choices_group;
  GtkWidget       *choices_list;
  GtkWidget       *preview_picture;
  GtkWidget       *preview_spinner;
  GtkWidget       *preview_label;
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
  gtk_widget_set_sensitive (self->write_button, g_str_equal (page, "review") && !self->refreshing);
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

static void on_indicator_renamed (AdwEntryRow       *row,
                                  AtlasImportDialog *self);
static void fill_choices         (AtlasImportDialog *self,
                                  JsonObject        *plan);

/* The name is edited in place; the row's title says what else is known. */
static void
add_indicator (AtlasImportDialog *self,
               JsonObject        *indicator)
{
  g_autofree char *title = g_strdup_printf ("%s (%s)", member (indicator, "name"),
                                            member (indicator, "unit"));
  g_autofree char *about = g_strdup_printf (_("Id %s, %s, %s; source: %s"), member (indicator, "id"),
                                            member (indicator, "unit"), member (indicator, "rule"),
                                            member (indicator, "source"));
  GtkWidget *row = adw_entry_row_new ();

  gtk_string_list_append (self->indicators, title);
  gtk_string_list_append (self->indicator_ids, member (indicator, "id"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), about);
  gtk_editable_set_text (GTK_EDITABLE (row), member (indicator, "name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "indicator-id", g_strdup (member (indicator, "id")), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (on_indicator_renamed), self);
  gtk_list_box_append (GTK_LIST_BOX (self->indicators_list), row);
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
  gtk_string_list_splice (self->indicator_ids, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->indicator_ids)), NULL);
  self->filling++;
  each_object (self, plan, "inputs", add_input);
  each_object (self, plan, "levels", add_level);
  each_object (self, plan, "indicators", add_indicator);
  fill_choices (self, plan);
  self->filling--;
  fill_notes (self, plan);
  suggest_title (self, plan);
}

/* ---- choices ---------------------------------------------------------------- */

static void refresh (AtlasImportDialog *self);

static AtlasImporter *
make_importer (AtlasImportDialog *self)
{
  AtlasImporter *importer = atlas_importer_new ();
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < self->files->len; i++)
    atlas_importer_add_file (importer, g_ptr_array_index (self->files, i));
  atlas_importer_set_crs (importer, self->crs);
  /* The importer checks the form of every choice; the dialog makes them
   * from the plan, so none fails here. */
  g_hash_table_iter_init (&iter, self->selections);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *choice = g_strdup_printf ("%s=%s", (char *) key, (char *) value);

      g_warn_if_fail (atlas_importer_select (importer, choice, NULL));
    }
  g_hash_table_iter_init (&iter, self->splits);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    atlas_importer_split (importer, key);
  for (guint i = 0; i < self->shares->len; i++)
    g_warn_if_fail (atlas_importer_add_share (importer, g_ptr_array_index (self->shares, i), NULL));
  g_hash_table_iter_init (&iter, self->renames);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *rename = g_strdup_printf ("%s=%s", (char *) key, (char *) value);

      g_warn_if_fail (atlas_importer_rename (importer, rename, NULL));
    }
  return importer;
}

static void
on_indicator_renamed (AdwEntryRow       *row,
                      AtlasImportDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "indicator-id");
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  if (name[0] != '\0')
    atlas_import_dialog_rename (self, id, name);
  else if (g_hash_table_remove (self->renames, id))
    refresh (self);
}

/* Per dimension: its values, the total marked as the default, and last
 * "one indicator per value". */
static void
on_dimension_selected (AdwComboRow       *row,
                       GParamSpec        *pspec,
                       AtlasImportDialog *self)
{
  const char *dimension = g_object_get_data (G_OBJECT (row), "dimension");
  JsonArray *values = g_object_get_data (G_OBJECT (row), "values");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (self->filling > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected >= json_array_get_length (values))
    atlas_import_dialog_split (self, dimension);
  else
    atlas_import_dialog_select (self, dimension, json_array_get_string_element (values, selected));
}

static guint
dimension_choice (AtlasImportDialog *self,
                  const char        *dimension,
                  JsonArray         *values,
                  int                total)
{
  const char *selected = g_hash_table_lookup (self->selections, dimension);

  if (g_hash_table_contains (self->splits, dimension))
    return json_array_get_length (values);
  for (guint v = 0; selected != NULL && v < json_array_get_length (values); v++)
    if (g_str_equal (json_array_get_string_element (values, v), selected))
      return v;
  /* Without a total the importer makes one indicator per value. */
  return total >= 0 ? (guint) total : json_array_get_length (values);
}

static void
add_dimension (AtlasImportDialog *self,
               const char        *file,
               JsonObject        *dim)
{
  JsonArray *values = json_object_get_array_member (dim, "values");
  int total = (int) json_object_get_int_member_with_default (dim, "total_index", -1);
  const char *id = member (dim, "id");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *basename = g_path_get_basename (file);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  for (guint v = 0; v < json_array_get_length (values); v++)
    {
      g_autofree char *label = (int) v == total
        ? g_strdup_printf (_("%s (total)"), json_array_get_string_element (values, v))
        : g_strdup (json_array_get_string_element (values, v));

      gtk_string_list_append (labels, label);
    }
  gtk_string_list_append (labels, _("One indicator per value"));
  row = adw_combo_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member (dim, "label"));
  /* The file in a tooltip: a subtitle would squeeze the chosen value */
  subtitle = g_strdup_printf (_("Dimension %s in %s"), id, basename);
  gtk_widget_set_tooltip_text (row, subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), dimension_choice (self, id, values, total));
  g_object_set_data_full (G_OBJECT (row), "dimension", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "values", json_array_ref (values),
                          (GDestroyNotify) json_array_unref);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_dimension_selected), self);
  gtk_list_box_append (GTK_LIST_BOX (self->choices_list), row);
}

static void
add_dimensions (AtlasImportDialog *self,
                JsonObject        *input)
{
  JsonArray *dims = json_object_get_array_member (input, "dimensions");

  for (guint d = 0; dims != NULL && d < json_array_get_length (dims); d++)
    {
      JsonObject *dim = json_array_get_object_element (dims, d);
      JsonArray *values = json_object_get_array_member (dim, "values");

      /* Contents always make one indicator each; one value is no choice. */
      if (!json_object_get_boolean_member_with_default (dim, "contents", FALSE)
          && values != NULL && json_array_get_length (values) > 1)
        add_dimension (self, member (input, "file"), dim);
    }
}

static const guint crs_codes[] = { 0, 3006, 4326, 3021 };

static void
on_crs_selected (AdwComboRow       *row,
                 GParamSpec        *pspec,
                 AtlasImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->filling == 0 && selected < G_N_ELEMENTS (crs_codes))
    atlas_import_dialog_set_crs (self, crs_codes[selected]);
}

static void
add_crs (AtlasImportDialog *self)
{
  const char *const names[] = { _("As the file says"), _("SWEREF 99 TM (EPSG:3006)"),
                                _("WGS 84, longitude and latitude (EPSG:4326)"),
                                _("RT 90 2.5 gon V (EPSG:3021)"), NULL };
  g_autoptr(GtkStringList) labels = gtk_string_list_new ((const char *const *) names);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Coordinate system"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("For geometry files that name none"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  for (guint i = 0; i < G_N_ELEMENTS (crs_codes); i++)
    if (crs_codes[i] == self->crs)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_crs_selected), self);
  gtk_list_box_append (GTK_LIST_BOX (self->choices_list), row);
}

static void
on_share_clicked (GtkButton         *button,
                  AtlasImportDialog *self)
{
  AdwComboRow *count = g_object_get_data (G_OBJECT (button), "count");
  AdwComboRow *total = g_object_get_data (G_OBJECT (button), "total");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->indicator_ids));
  guint c = adw_combo_row_get_selected (count);
  guint t = adw_combo_row_get_selected (total);

  if (c == t || c >= n || t >= n)
    return;
  atlas_import_dialog_add_share (self, gtk_string_list_get_string (self->indicator_ids, c),
                                 gtk_string_list_get_string (self->indicator_ids, t));
}

static GtkWidget *
indicator_combo (AtlasImportDialog *self,
                 const char        *title,
                 guint              selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->indicators));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

/* A share is 100 × count / total: an expander with the two indicators
 * and a button, so that long names have a row each. */
static void
add_share_row (AtlasImportDialog *self)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *count = indicator_combo (self, _("Count"), 0);
  GtkWidget *total = indicator_combo (self, _("Of the total"), 1);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Share in percent"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("A new indicator: 100 × count / total"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "count", count);
  g_object_set_data (G_OBJECT (button), "total", total);
  g_signal_connect (button, "clicked", G_CALLBACK (on_share_clicked), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), count);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), total);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  gtk_list_box_append (GTK_LIST_BOX (self->choices_list), row);
}

static void
fill_choices (AtlasImportDialog *self,
              JsonObject        *plan)
{
  JsonArray *inputs = json_object_get_array_member (plan, "inputs");
  gboolean geometry = FALSE;

  clear_list (self->choices_list);
  for (guint i = 0; inputs != NULL && i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);

      geometry = geometry || g_str_equal (member (input, "kind"), "geometry");
      if (g_str_equal (member (input, "kind"), "statistics"))
        add_dimensions (self, input);
    }
  if (geometry)
    add_crs (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->indicators)) >= 2)
    add_share_row (self);
  gtk_widget_set_visible (self->choices_group, gtk_widget_get_first_child (self->choices_list) != NULL);
}

void
atlas_import_dialog_select (AtlasImportDialog *self,
                            const char        *dimension,
                            const char        *value)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  g_hash_table_remove (self->splits, dimension);
  g_hash_table_replace (self->selections, g_strdup (dimension), g_strdup (value));
  refresh (self);
}

void
atlas_import_dialog_split (AtlasImportDialog *self,
                           const char        *dimension)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  g_hash_table_remove (self->selections, dimension);
  g_hash_table_add (self->splits, g_strdup (dimension));
  refresh (self);
}

void
atlas_import_dialog_add_share (AtlasImportDialog *self,
                               const char        *count,
                               const char        *total)
{
  g_autofree char *id = NULL;

  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  /* Ids are ASCII and Swedish, like the importer's own */
  id = g_strdup_printf ("andel_%s", count);
  g_ptr_array_add (self->shares, g_strdup_printf ("%s=%s/%s", id, count, total));
  refresh (self);
}

void
atlas_import_dialog_rename (AtlasImportDialog *self,
                            const char        *id,
                            const char        *name)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  g_hash_table_replace (self->renames, g_strdup (id), g_strdup (name));
  refresh (self);
}

void
atlas_import_dialog_set_crs (AtlasImportDialog *self,
                             guint              epsg)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  self->crs = epsg;
  refresh (self);
}

/* ---- preview ------------------------------------------------------------------ */

#define PREVIEW_WIDTH 640
#define PREVIEW_HEIGHT 300

/* The figure the package opens with, drawn by core as for an export. */
static GdkTexture *
draw_preview (AtlasDataset *dataset,
              char        **caption)
{
  AtlasDivision *division;
  AtlasIndicator *indicator;
  guint year;
  g_autoptr(AtlasFigure) figure = NULL;
  g_autofree char *note = NULL;
  g_autofree char *undrawn = NULL;
  GString *text;
  double width_pt, height_pt, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  int height, stride;

  atlas_dataset_choose_start (dataset, &division, &indicator, &year);
  if (division == NULL || indicator == NULL)
    {
      *caption = g_strdup (_("Nothing to draw: no level has borders"));
      return NULL;
    }
  figure = atlas_figure_new (dataset, indicator, division, year);
  /* The slide's type sizes at one point a pixel, on a short strip: map
   * and legend only, so that the legend can be read */
  atlas_figure_set_page (figure, ATLAS_PAGE_SLIDE_16X9);
  width_pt = PREVIEW_WIDTH;
  height_pt = PREVIEW_HEIGHT;
  scale = 1;
  height = PREVIEW_HEIGHT;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PREVIEW_WIDTH, height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  atlas_figure_draw_map (figure, cr, width_pt, height_pt);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);

  note = atlas_dataset_dup_start_note (dataset, division, indicator);
  undrawn = atlas_division_dup_undrawn_note (division, NULL);
  /* Translators: what the window shows first: indicator, level, year */
  text = g_string_new (NULL);
  g_string_printf (text, _("Opens with “%s”, %s %u."), atlas_indicator_get_name (indicator, NULL),
                   atlas_division_get_name (division, NULL), year);
  if (note != NULL)
    g_string_append_printf (text, " %s", note);
  if (undrawn != NULL)
    g_string_append_printf (text, " %s.", undrawn);
  *caption = g_string_free (text, FALSE);
  return gdk_memory_texture_new (PREVIEW_WIDTH, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
show_preview (AtlasImportDialog *self,
              AtlasDataset      *dataset,
              const char        *failure)
{
  g_autofree char *caption = NULL;
  g_autoptr(JsonNode) plan = NULL;

  g_clear_object (&self->preview_texture);
  if (dataset != NULL)
    self->preview_texture = draw_preview (dataset, &caption);
  gtk_picture_set_paintable (GTK_PICTURE (self->preview_picture), GDK_PAINTABLE (self->preview_texture));
  gtk_label_set_text (GTK_LABEL (self->preview_label), caption != NULL ? caption : failure);
  /* Writing the geometry notes what was assumed about it (CRS, islands). */
  plan = atlas_importer_get_plan (self->importer);
  if (plan != NULL)
    fill_notes (self, json_node_get_object (plan));
}

static void
on_preview_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(AtlasImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_importer_preview_finish (ATLAS_IMPORTER (source), result, &error);
  g_autoptr(GFile) pending = NULL;

  if (source != G_OBJECT (self->importer) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* closed, or a newer choice is being inspected */
  pending = g_steal_pointer (&self->pending_folder);
  self->previewing = FALSE;
  gtk_spinner_set_spinning (GTK_SPINNER (self->preview_spinner), FALSE);
  g_set_object (&self->preview, dataset);
  show_preview (self, dataset, error != NULL ? error->message : NULL);
  if (pending != NULL)
    atlas_import_dialog_write_to (self, pending);
}

static void
start_preview (AtlasImportDialog *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  self->previewing = TRUE;
  gtk_spinner_set_spinning (GTK_SPINNER (self->preview_spinner), TRUE);
  gtk_label_set_text (GTK_LABEL (self->preview_label), _("Drawing the map…"));
  atlas_importer_preview_async (self->importer, self->preview_cancellable, on_preview_ready,
                                g_object_ref (self));
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
  self->refreshing = FALSE;
  gtk_widget_set_sensitive (self->choices_list, TRUE);
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  fill_review (self);
  show_page (self, "review");
  start_preview (self);
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
  self->importer = make_importer (self);
  cancellable = start_busy (self, _("Reading the files…"), "files");
  atlas_importer_inspect_async (self->importer, cancellable, on_inspected, g_object_ref (self));
}

/* After a choice: the review stays while the files are read again with
 * every choice, then the preview is drawn anew. */
static void
refresh (AtlasImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy_return = "review";
  self->refreshing = TRUE;
  self->previewing = TRUE;
  gtk_widget_set_sensitive (self->write_button, FALSE);
  gtk_widget_set_sensitive (self->choices_list, FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->preview_spinner), TRUE);
  g_clear_object (&self->importer);
  self->importer = make_importer (self);
  atlas_importer_inspect_async (self->importer, self->cancellable, on_inspected, g_object_ref (self));
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

  /* The preview uses the importer on a worker: the write follows it. */
  if (self->previewing || self->refreshing)
    {
      g_set_object (&self->pending_folder, folder);
      return;
    }
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
  /* Choices name the dimensions and indicators of the files before */
  g_hash_table_remove_all (self->selections);
  g_hash_table_remove_all (self->splits);
  g_hash_table_remove_all (self->renames);
  g_ptr_array_set_size (self->shares, 0);
  self->crs = 0;
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

/* TRUE while files are read, the preview drawn or the package written */
gboolean
atlas_import_dialog_get_busy (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  return self->refreshing || self->previewing || self->pending_folder != NULL
         || g_str_equal (atlas_import_dialog_get_page (self), "busy");
}

AtlasDataset *
atlas_import_dialog_get_preview (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  return self->preview;
}

GdkTexture *
atlas_import_dialog_get_preview_texture (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  return self->preview_texture;
}

const char *
atlas_import_dialog_get_preview_caption (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->preview_label));
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
  g_cancellable_cancel (self->preview_cancellable);
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
  g_clear_object (&self->indicator_ids);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->preview);
  g_clear_object (&self->preview_texture);
  g_clear_object (&self->pending_folder);
  g_clear_pointer (&self->selections, g_hash_table_unref);
  g_clear_pointer (&self->splits, g_hash_table_unref);
  g_clear_pointer (&self->renames, g_hash_table_unref);
  g_clear_pointer (&self->shares, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, choices_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, choices_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, preview_label);
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
  self->indicator_ids = gtk_string_list_new (NULL);
  self->selections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->splits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->renames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->shares = g_ptr_array_new_with_free_func (g_free);
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
