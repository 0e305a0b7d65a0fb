/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-database-dialog.h"

struct _AtlasDatabaseDialog
{
  AdwWindow     parent_instance;

  AtlasWindow  *window;
  GCancellable *cancellable;  /* set while loading */

  GtkWidget    *connection_row;
  GtkWidget    *schema_row;
  GtkWidget    *open_button;
  GtkWidget    *cancel_button;
  GtkWidget    *progress;
  GtkWidget    *message;
};

G_DEFINE_FINAL_TYPE (AtlasDatabaseDialog, atlas_database_dialog, ADW_TYPE_WINDOW)

static void
show_message (AtlasDatabaseDialog *self,
              const char          *text)
{
  gtk_label_set_text (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL && *text != '\0');
}

static const char *
field_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_sensitivity (AtlasDatabaseDialog *self)
{
  gboolean loading = self->cancellable != NULL;
  gboolean filled = *field_text (self->connection_row) != '\0' && *field_text (self->schema_row) != '\0';

  gtk_widget_set_sensitive (self->open_button, filled && !loading);
  gtk_widget_set_sensitive (self->connection_row, !loading);
  gtk_widget_set_sensitive (self->schema_row, !loading);
}

static void
on_progress (double      fraction,
             const char *step,
             gpointer    user_data)
{
  AtlasDatabaseDialog *self = user_data;

  if (self->cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress), step);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AtlasDatabaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_postgis_finish (result, &error);

  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (self->progress, FALSE);
  update_sensitivity (self);

  if (dataset != NULL && self->window != NULL)
    {
      atlas_window_show_dataset (self->window, dataset);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, _("Cancelled. The dataset shown before is still open."));
  else
    show_message (self, error->message);
}

void
atlas_database_dialog_open (AtlasDatabaseDialog *self,
                            const char          *connection,
                            const char          *schema)
{
  g_return_if_fail (ATLAS_IS_DATABASE_DIALOG (self));
  g_return_if_fail (connection != NULL && schema != NULL);

  if (self->cancellable != NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->connection_row), connection);
  gtk_editable_set_text (GTK_EDITABLE (self->schema_row), schema);
  self->cancellable = g_cancellable_new ();
  show_message (self, NULL);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0.0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress), _("Connecting to the database…"));
  gtk_widget_set_visible (self->progress, TRUE);
  update_sensitivity (self);

  atlas_dataset_load_postgis_async (connection, schema, on_progress, self, self->cancellable,
                                    on_loaded, g_object_ref (self));
}

void
atlas_database_dialog_cancel (AtlasDatabaseDialog *self)
{
  g_return_if_fail (ATLAS_IS_DATABASE_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
}

gboolean
atlas_database_dialog_get_loading (AtlasDatabaseDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_DATABASE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
atlas_database_dialog_get_message (AtlasDatabaseDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_DATABASE_DIALOG (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->message));
}

static void
on_open_clicked (AtlasDatabaseDialog *self)
{
  g_autofree char *connection = g_strstrip (g_strdup (field_text (self->connection_row)));
  g_autofree char *schema = g_strstrip (g_strdup (field_text (self->schema_row)));

  if (*connection != '\0' && *schema != '\0')
    atlas_database_dialog_open (self, connection, schema);
}

/* Cancel stops a load first; pressed again, it closes the dialog. */
static void
on_cancel_clicked (AtlasDatabaseDialog *self)
{
  if (self->cancellable != NULL)
    atlas_database_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_entry_changed (AtlasDatabaseDialog *self)
{
  update_sensitivity (self);
}

GtkWidget *
atlas_database_dialog_new (AtlasWindow *window)
{
  AtlasDatabaseDialog *self;

  g_return_val_if_fail (ATLAS_IS_WINDOW (window), NULL);

  self = g_object_new (ATLAS_TYPE_DATABASE_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  return GTK_WIDGET (self);
}

void
atlas_database_dialog_run (AtlasWindow *window)
{
  gtk_window_present (GTK_WINDOW (atlas_database_dialog_new (window)));
}

static gboolean
atlas_database_dialog_close_request (GtkWindow *window)
{
  g_cancellable_cancel (ATLAS_DATABASE_DIALOG (window)->cancellable);

  return GTK_WINDOW_CLASS (atlas_database_dialog_parent_class)->close_request (window);
}

static void
atlas_database_dialog_dispose (GObject *object)
{
  AtlasDatabaseDialog *self = ATLAS_DATABASE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_DATABASE_DIALOG);

  G_OBJECT_CLASS (atlas_database_dialog_parent_class)->dispose (object);
}

static void
atlas_database_dialog_class_init (AtlasDatabaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atlas_database_dialog_dispose;
  window_class->close_request = atlas_database_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/platsatlas/Platsatlas/ui/atlas-database-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasDatabaseDialog, connection_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatabaseDialog, schema_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatabaseDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatabaseDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatabaseDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatabaseDialog, message);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
}

static void
atlas_database_dialog_init (AtlasDatabaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}
