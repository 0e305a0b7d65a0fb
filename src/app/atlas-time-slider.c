/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-time-slider.h"

/* Years per second offered by the speed menu, in its order. */
static const double speeds[] = { 0.5, 1.0, 2.0, 4.0 };

struct _AtlasTimeSlider
{
  GtkWidget parent_instance;

  GtkWidget *heading_label;
  GtkWidget *year_label;
  GtkWidget *play_button;
  GtkWidget *scale;
  GtkWidget *speed_label;
  GtkWidget *speed_dropdown;
  GtkWidget *range_label;
  GtkWidget *note_label;

  AtlasExplorerState *state;
  GSettings *settings;
  GArray *years;            /* guint: every year of the package */
  GArray *with_values;      /* guint: years the indicator has values for */
  double speed;
  guint timeout_id;
  guint syncing;
};

G_DEFINE_FINAL_TYPE (AtlasTimeSlider, atlas_time_slider, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PLAYING,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
year_at (AtlasTimeSlider *self,
         guint            position)
{
  return g_array_index (self->years, guint, position);
}

static int
year_position (AtlasTimeSlider *self,
               guint            year)
{
  for (guint i = 0; i < self->years->len; i++)
    if (year_at (self, i) == year)
      return i;
  return -1;
}

static gboolean
has_values (AtlasTimeSlider *self,
            guint            year)
{
  for (guint i = 0; i < self->with_values->len; i++)
    if (g_array_index (self->with_values, guint, i) == year)
      return TRUE;
  return FALSE;
}

/* "2011–2019, 2022": the years as ranges of consecutive years. */
static char *
dup_year_ranges (GArray *years)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < years->len; i++)
    {
      guint first = g_array_index (years, guint, i);
      guint last = first;

      while (i + 1 < years->len && g_array_index (years, guint, i + 1) == last + 1)
        last = g_array_index (years, guint, ++i);
      if (text->len > 0)
        g_string_append (text, ", ");
      if (last == first)
        g_string_append_printf (text, "%u", first);
      else
        g_string_append_printf (text, "%u–%u", first, last);
    }
  return g_string_free (text, FALSE);
}

/* Marks only on years with values, so a gap in the row of marks shows
 * the years the indicator lacks; labels where they have room. */
static void
update_marks (AtlasTimeSlider *self)
{
  GtkScale *scale = GTK_SCALE (self->scale);
  guint n = self->years->len;

  gtk_scale_clear_marks (scale);
  for (guint i = 0; i < n; i++)
    {
      guint year = year_at (self, i);
      gboolean labelled = i == 0 || i + 1 == n || (year % 5 == 0 && i >= 2 && i + 3 <= n);
      g_autofree char *text = labelled ? g_strdup_printf ("%u", year) : NULL;

      /* The end labels stay even on an empty year, to show the span */
      if (has_values (self, year) || text != NULL)
        gtk_scale_add_mark (scale, i, GTK_POS_BOTTOM, text);
    }
}

static void
update_range_label (AtlasTimeSlider *self)
{
  g_autofree char *ranges = NULL;
  g_autofree char *text = NULL;
  gboolean partial = self->with_values->len > 0 && self->with_values->len < self->years->len;

  gtk_widget_set_visible (self->range_label, partial);
  if (!partial)
    return;
  ranges = dup_year_ranges (self->with_values);
  /* Translators: %s is a list of years such as "2016–2023" */
  text = g_strdup_printf (_("Values for %s; the other years are empty."), ranges);
  gtk_label_set_text (GTK_LABEL (self->range_label), text);
}

/* An empty map needs a reason: say when the indicator has no values for
 * the shown year. */
static void
update_note (AtlasTimeSlider *self)
{
  guint year = atlas_explorer_state_get_year (self->state);
  g_autofree char *text = NULL;
  gboolean empty = self->with_values->len > 0 && year != 0 && !has_values (self, year);

  gtk_widget_set_visible (self->note_label, empty);
  if (!empty)
    return;
  /* Translators: %u is a year */
  text = g_strdup_printf (_("No values for %u."), year);
  gtk_label_set_text (GTK_LABEL (self->note_label), text);
}

static void
on_state_year_notify (AtlasTimeSlider *self)
{
  guint year = atlas_explorer_state_get_year (self->state);
  int position = year_position (self, year);
  g_autofree char *text = year != 0 ? g_strdup_printf ("%u", year) : g_strdup ("–");

  self->syncing++;
  if (position >= 0)
    gtk_range_set_value (GTK_RANGE (self->scale), position);
  self->syncing--;
  gtk_label_set_text (GTK_LABEL (self->year_label), text);
  update_note (self);
}

static void
on_state_indicator_notify (AtlasTimeSlider *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  AtlasIndicator *indicator = atlas_explorer_state_lookup_indicator (self->state);

  g_clear_pointer (&self->with_values, g_array_unref);
  if (dataset != NULL && indicator != NULL)
    self->with_values = atlas_dataset_dup_indicator_years (dataset, indicator);
  if (self->with_values == NULL)
    self->with_values = g_array_new (FALSE, FALSE, sizeof (guint));
  update_marks (self);
  update_range_label (self);
  update_note (self);
}

static void
on_state_dataset_notify (AtlasTimeSlider *self)
{
  AtlasDataset *dataset = atlas_explorer_state_get_dataset (self->state);
  guint n_years = 0;
  const guint *years = dataset != NULL ? atlas_dataset_get_years (dataset, &n_years) : NULL;

  atlas_time_slider_set_playing (self, FALSE);
  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, years, n_years);
  self->syncing++;
  gtk_range_set_range (GTK_RANGE (self->scale), 0, MAX (n_years, 2) - 1);
  self->syncing--;
  gtk_widget_set_sensitive (GTK_WIDGET (self), n_years > 1);
  on_state_indicator_notify (self);
  on_state_year_notify (self);
}

static void
on_scale_value_changed (AtlasTimeSlider *self)
{
  double value = gtk_range_get_value (GTK_RANGE (self->scale));

  if (self->syncing > 0 || self->years->len == 0)
    return;
  atlas_explorer_state_set_year (self->state, year_at (self, MIN ((guint) lround (MAX (value, 0)),
                                                                   self->years->len - 1)));
}

static void
on_play_clicked (AtlasTimeSlider *self)
{
  atlas_time_slider_toggle_playing (self);
}

static guint
speed_index (double speed)
{
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (log (speeds[i] / speed)) < fabs (log (speeds[best] / speed)))
      best = i;
  return best;
}

static void
on_speed_selected (AtlasTimeSlider *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_dropdown));

  if (self->syncing > 0 || selected >= G_N_ELEMENTS (speeds))
    return;
  atlas_time_slider_set_speed (self, speeds[selected]);
}

static void update_play_button (AtlasTimeSlider *self);

static gboolean
on_tick (gpointer user_data)
{
  AtlasTimeSlider *self = user_data;

  if (atlas_time_slider_advance (self))
    return G_SOURCE_CONTINUE;
  /* At the last year the animation stops, so the final state stays up */
  self->timeout_id = 0;
  update_play_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  return G_SOURCE_REMOVE;
}

static void
start_timer (AtlasTimeSlider *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add ((guint) lround (1000.0 / self->speed), on_tick, self);
}

static void
update_play_button (AtlasTimeSlider *self)
{
  gboolean playing = self->timeout_id != 0;

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               playing ? _("Pause") : _("Play through the years"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

static void
atlas_time_slider_dispose (GObject *object)
{
  AtlasTimeSlider *self = ATLAS_TIME_SLIDER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_TIME_SLIDER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  /* The state may outlive this widget's dispose */
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (atlas_time_slider_parent_class)->dispose (object);
}

static void
atlas_time_slider_finalize (GObject *object)
{
  AtlasTimeSlider *self = ATLAS_TIME_SLIDER (object);

  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->with_values, g_array_unref);
  G_OBJECT_CLASS (atlas_time_slider_parent_class)->finalize (object);
}

static void
atlas_time_slider_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasTimeSlider *self = ATLAS_TIME_SLIDER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, atlas_time_slider_get_playing (self));
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_time_slider_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasTimeSlider *self = ATLAS_TIME_SLIDER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;
    case PROP_PLAYING:
      atlas_time_slider_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      atlas_time_slider_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_time_slider_constructed (GObject *object)
{
  AtlasTimeSlider *self = ATLAS_TIME_SLIDER (object);

  G_OBJECT_CLASS (atlas_time_slider_parent_class)->constructed (object);

  g_assert (ATLAS_IS_EXPLORER_STATE (self->state));
  g_signal_connect_object (self->state, "notify::dataset",
                           G_CALLBACK (on_state_dataset_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::indicator",
                           G_CALLBACK (on_state_indicator_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::year",
                           G_CALLBACK (on_state_year_notify), self, G_CONNECT_SWAPPED);
  on_state_dataset_notify (self);
  g_settings_bind (self->settings, "play-speed", self, "speed", G_SETTINGS_BIND_DEFAULT);
}

static void
atlas_time_slider_class_init (AtlasTimeSliderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_time_slider_constructed;
  object_class->dispose = atlas_time_slider_dispose;
  object_class->finalize = atlas_time_slider_finalize;
  object_class->get_property = atlas_time_slider_get_property;
  object_class->set_property = atlas_time_slider_set_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, ATLAS_TYPE_EXPLORER_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-time-slider.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, year_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, play_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, scale);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, speed_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, range_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeSlider, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_play_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_selected);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "atlas-time-slider");
}

static void
atlas_time_slider_init (AtlasTimeSlider *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (guint));
  self->with_values = g_array_new (FALSE, FALSE, sizeof (guint));
  self->speed = 1.0;
  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_dropdown), speed_index (self->speed));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->heading_label, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->speed_dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->speed_label, NULL, -1);
  update_play_button (self);
}

GtkWidget *
atlas_time_slider_new (AtlasExplorerState *state)
{
  g_return_val_if_fail (ATLAS_IS_EXPLORER_STATE (state), NULL);

  return g_object_new (ATLAS_TYPE_TIME_SLIDER, "state", state, NULL);
}

AtlasExplorerState *
atlas_time_slider_get_state (AtlasTimeSlider *self)
{
  g_return_val_if_fail (ATLAS_IS_TIME_SLIDER (self), NULL);

  return self->state;
}

/* The first year after @position with values, or -1. */
static int
next_year_with_values (AtlasTimeSlider *self,
                       int              position)
{
  for (guint i = position + 1; i < self->years->len; i++)
    if (has_values (self, year_at (self, i)))
      return i;
  return -1;
}

gboolean
atlas_time_slider_advance (AtlasTimeSlider *self)
{
  int next;

  g_return_val_if_fail (ATLAS_IS_TIME_SLIDER (self), FALSE);

  next = next_year_with_values (self, year_position (self, atlas_explorer_state_get_year (self->state)));
  if (next < 0)
    return FALSE;
  atlas_explorer_state_set_year (self->state, year_at (self, next));
  return next_year_with_values (self, next) >= 0;
}

void
atlas_time_slider_set_playing (AtlasTimeSlider *self,
                               gboolean         playing)
{
  g_return_if_fail (ATLAS_IS_TIME_SLIDER (self));

  if (playing == atlas_time_slider_get_playing (self))
    return;
  if (playing && next_year_with_values (self, year_position (self, atlas_explorer_state_get_year (self->state))) < 0)
    {
      /* Play from the start when the last year is showing */
      int first = next_year_with_values (self, -1);

      if (first < 0)
        return;
      atlas_explorer_state_set_year (self->state, year_at (self, first));
    }
  if (playing)
    start_timer (self);
  else
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  update_play_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
atlas_time_slider_get_playing (AtlasTimeSlider *self)
{
  g_return_val_if_fail (ATLAS_IS_TIME_SLIDER (self), FALSE);

  return self->timeout_id != 0;
}

void
atlas_time_slider_toggle_playing (AtlasTimeSlider *self)
{
  g_return_if_fail (ATLAS_IS_TIME_SLIDER (self));

  atlas_time_slider_set_playing (self, !atlas_time_slider_get_playing (self));
}

void
atlas_time_slider_set_speed (AtlasTimeSlider *self,
                             double           speed)
{
  g_return_if_fail (ATLAS_IS_TIME_SLIDER (self));

  speed = CLAMP (speed, 0.25, 8.0);
  if (speed == self->speed)
    return;
  self->speed = speed;
  self->syncing++;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_dropdown), speed_index (speed));
  self->syncing--;
  if (self->timeout_id != 0)
    start_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
atlas_time_slider_get_speed (AtlasTimeSlider *self)
{
  g_return_val_if_fail (ATLAS_IS_TIME_SLIDER (self), 1.0);

  return self->speed;
}

void
atlas_time_slider_step (AtlasTimeSlider *self,
                        int              delta)
{
  int position;

  g_return_if_fail (ATLAS_IS_TIME_SLIDER (self));

  position = year_position (self, atlas_explorer_state_get_year (self->state));
  if (position < 0 || self->years->len == 0)
    return;
  position = CLAMP (position + delta, 0, (int) self->years->len - 1);
  atlas_explorer_state_set_year (self->state, year_at (self, position));
}

/* The year the slider points at, or 0 */
guint
atlas_time_slider_get_shown_year (AtlasTimeSlider *self)
{
  double value;

  g_return_val_if_fail (ATLAS_IS_TIME_SLIDER (self), 0);

  value = gtk_range_get_value (GTK_RANGE (self->scale));
  if (self->years->len == 0)
    return 0;
  return year_at (self, MIN ((guint) lround (MAX (value, 0)), self->years->len - 1));
}
