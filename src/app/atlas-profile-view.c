/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "atlas-profile-view.h"

#define A4_RATIO (842.0 / 595.0)

struct _AtlasProfileView
{
  GtkWidget         parent_instance;

  AtlasAreaProfile *profile;
  char             *problem;
};

G_DEFINE_FINAL_TYPE (AtlasProfileView, atlas_profile_view, GTK_TYPE_WIDGET)

static void
atlas_profile_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->profile != NULL)
    atlas_area_profile_draw (self->profile, cr, width, height, NULL);
  else
    {
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_set_font_size (cr, 12);
      cairo_move_to (cr, 12, 24);
      cairo_show_text (cr, self->problem != NULL ? self->problem : _("Select an area to see its profile"));
    }
  cairo_destroy (cr);
}

static void
atlas_profile_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* A page shape: as tall as the width allows. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size > 0)
    *minimum = *natural = (int) (for_size * A4_RATIO);
  else
    {
      *minimum = 300;
      *natural = 595;
    }
}

static GtkSizeRequestMode
atlas_profile_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
atlas_profile_view_finalize (GObject *object)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  g_clear_pointer (&self->profile, atlas_area_profile_unref);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (atlas_profile_view_parent_class)->finalize (object);
}

static void
atlas_profile_view_class_init (AtlasProfileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = atlas_profile_view_finalize;
  widget_class->snapshot = atlas_profile_view_snapshot;
  widget_class->measure = atlas_profile_view_measure;
  widget_class->get_request_mode = atlas_profile_view_get_request_mode;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_profile_view_init (AtlasProfileView *self)
{
}

GtkWidget *
atlas_profile_view_new (void)
{
  return g_object_new (ATLAS_TYPE_PROFILE_VIEW, NULL);
}

void
atlas_profile_view_set_area (AtlasProfileView *self,
                             AtlasDataset     *dataset,
                             AtlasArea        *area,
                             guint             year)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));

  g_clear_pointer (&self->profile, atlas_area_profile_unref);
  g_clear_pointer (&self->problem, g_free);
  if (dataset != NULL && area != NULL)
    {
      self->profile = atlas_area_profile_new (dataset, area, year, &error);
      if (self->profile == NULL)
        self->problem = g_strdup (error->message);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

AtlasAreaProfile *
atlas_profile_view_get_profile (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->profile;
}
