/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "atlas-search.h"

/* Wide enough for "DeSO 0380C1010 (Gottsunda)" and its context line */
#define RESULTS_WIDTH 380

typedef struct
{
  char  *name;    /* folded name, or folded display name for code-only areas */
  char  *code;    /* folded code */
  guint  depth;
  gboolean named;
} SearchKey;

struct _AtlasSearch
{
  GtkWidget parent_instance;

  GtkWidget *entry;
  GtkWidget *popover;
  GtkWidget *results_stack;
  GtkWidget *list_view;

  AtlasDataset *dataset;
  GListStore *areas;
  GHashTable *keys;              /* AtlasArea* → SearchKey* */
  GtkCustomFilter *filter;
  GtkCustomSorter *sorter;
  GtkSingleSelection *selection;
  char *query;                   /* folded; NULL matches nothing */
};

G_DEFINE_FINAL_TYPE (AtlasSearch, atlas_search, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

enum {
  AREA_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Lower case without diacritics, so that "malmo" finds "Malmö" and
 * "ostersund" finds "Östersund". */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)
    return g_strdup ("");
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

static void
search_key_free (gpointer data)
{
  SearchKey *key = data;

  g_free (key->name);
  g_free (key->code);
  g_free (key);
}

static SearchKey *
search_key_new (AtlasArea *area)
{
  SearchKey *key = g_new0 (SearchKey, 1);
  const char *name = atlas_area_get_name (area);
  g_autofree char *display = NULL;

  key->named = name != NULL;
  if (name == NULL)
    name = display = atlas_area_dup_display_name (area);
  key->name = fold (name);
  key->code = fold (atlas_area_get_code (area));
  key->depth = atlas_division_get_depth (atlas_area_get_division (area));
  return key;
}

static gboolean
starts_word (const char *text,
             const char *hit)
{
  if (hit == text)
    return TRUE;
  return strchr (" -(/", hit[-1]) != NULL;
}

/* 0 is best; -1 means no match. Named areas go before code-only ones of
 * the same quality, so "uppsala" lists the kommun before its DeSO. */
static int
rank_key (const SearchKey *key,
          const char      *query)
{
  const char *hit;
  int quality;

  if (g_str_equal (key->name, query) || g_str_equal (key->code, query))
    quality = 0;
  else if (g_str_has_prefix (key->name, query) || g_str_has_prefix (key->code, query))
    quality = 1;
  else if ((hit = strstr (key->name, query)) != NULL && starts_word (key->name, hit))
    quality = 2;
  else if (hit != NULL || strstr (key->code, query) != NULL)
    quality = 3;
  else
    return -1;
  return quality * 2 + (key->named ? 0 : 1);
}

static gboolean
filter_area (gpointer item,
             gpointer user_data)
{
  AtlasSearch *self = user_data;
  const SearchKey *key = g_hash_table_lookup (self->keys, item);

  if (self->query == NULL || key == NULL)
    return FALSE;
  return rank_key (key, self->query) >= 0;
}

static int
compare_areas (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AtlasSearch *self = user_data;
  const SearchKey *ka = g_hash_table_lookup (self->keys, a);
  const SearchKey *kb = g_hash_table_lookup (self->keys, b);
  int ra, rb;

  if (self->query == NULL)
    return 0;
  ra = rank_key (ka, self->query);
  rb = rank_key (kb, self->query);
  if (ra != rb)
    return ra < rb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (ka->depth != kb->depth)
    return ka->depth < kb->depth ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return gtk_ordering_from_cmpfunc (strcmp (ka->name, kb->name));
}

static char *
dup_area_context (AtlasArea *area)
{
  AtlasDivision *division = atlas_area_get_division (area);
  AtlasArea *parent = atlas_area_get_parent (area);
  const char *level = atlas_division_get_name (division, NULL);
  g_autofree char *parent_name = NULL;

  if (parent == NULL || atlas_area_get_geometry (parent) == NULL)
    return g_strdup (level);
  parent_name = atlas_area_dup_display_name (parent);
  /* Translators: search result subtitle, "Kommun · Uppsala län" */
  return g_strdup_printf (_("%s · %s"), level, parent_name);
}

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "search-result-title");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  AtlasArea *area = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *name = atlas_area_dup_display_name (area);
  g_autofree char *context = dup_area_context (area);

  gtk_label_set_text (GTK_LABEL (title), name);
  gtk_label_set_text (GTK_LABEL (subtitle), context);
}

static void
fill_areas (AtlasSearch *self)
{
  GListModel *divisions;
  guint n_divisions;

  g_list_store_remove_all (self->areas);
  g_hash_table_remove_all (self->keys);
  if (self->dataset == NULL)
    return;

  divisions = atlas_dataset_get_divisions (self->dataset);
  n_divisions = g_list_model_get_n_items (divisions);
  for (guint d = 0; d < n_divisions; d++)
    {
      g_autoptr(AtlasDivision) division = g_list_model_get_item (divisions, d);
      guint n_areas = atlas_division_get_n_areas (division);

      /* Levels without borders are found too; only riket is not. */
      if (atlas_division_get_depth (division) == 0)
        continue;
      for (guint i = 0; i < n_areas; i++)
        {
          AtlasArea *area = atlas_division_get_area (division, i);

          g_hash_table_insert (self->keys, area, search_key_new (area));
          g_list_store_append (self->areas, area);
        }
    }
}

/* The text as a query, or NULL when it is blank */
static char *
dup_query (AtlasSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return stripped[0] != '\0' ? fold (stripped) : NULL;
}

static void
update_results (AtlasSearch *self)
{
  guint n;

  g_free (self->query);
  self->query = dup_query (self);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack),
                                    n > 0 ? "results" : "empty");
  if (n > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", 0);
    }
}

static void
choose_position (AtlasSearch *self,
                 guint        position)
{
  g_autoptr(AtlasArea) area = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (area == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  /* Clearing the text first keeps the popover from reopening on it. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_emit (self, signals[AREA_CHOSEN], 0, area);
}

static void
on_entry_search_changed (GtkSearchEntry *entry,
                         AtlasSearch    *self)
{
  update_results (self);
  if (self->query == NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  else
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
on_entry_activate (GtkSearchEntry *entry,
                   AtlasSearch    *self)
{
  g_autofree char *query = dup_query (self);
  guint position;

  /* Enter can come before the delayed "search-changed": refresh first. */
  if (g_strcmp0 (query, self->query) != 0)
    update_results (self);
  if (self->query == NULL)
    return;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  choose_position (self, position);
}

static void
on_entry_stop_search (GtkSearchEntry *entry,
                      AtlasSearch    *self)
{
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
move_selection (AtlasSearch *self,
                int          delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);
  int target;

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    target = 0;
  else
    target = CLAMP ((int) position + delta, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->selection, target);
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", (guint) target);
}

/* Focus stays in the entry, as in GtkEntryCompletion: the arrow keys move
 * the highlighted result, so typing can go on at any time. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      AtlasSearch           *self)
{
  int delta;

  switch (keyval)
    {
    case GDK_KEY_Down: case GDK_KEY_KP_Down: delta = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: delta = -1; break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down: delta = 8; break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up: delta = -8; break;
    default: return GDK_EVENT_PROPAGATE;
    }
  if (self->query == NULL)
    return GDK_EVENT_PROPAGATE;
  if (!gtk_widget_get_visible (self->popover))
    {
      gtk_popover_popup (GTK_POPOVER (self->popover));
      return GDK_EVENT_STOP;
    }
  move_selection (self, delta);
  return GDK_EVENT_STOP;
}

static void
on_entry_focus_leave (GtkEventControllerFocus *controller,
                      AtlasSearch             *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_list_view_activate (GtkListView *list_view,
                       guint        position,
                       AtlasSearch *self)
{
  choose_position (self, position);
}

static void
atlas_search_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  AtlasSearch *self = ATLAS_SEARCH (widget);

  gtk_widget_measure (self->entry, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
atlas_search_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  AtlasSearch *self = ATLAS_SEARCH (widget);

  gtk_widget_size_allocate (self->entry,
                            &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static gboolean
atlas_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (ATLAS_SEARCH (widget)->entry);
}

static void
atlas_search_dispose (GObject *object)
{
  AtlasSearch *self = ATLAS_SEARCH (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SEARCH);
  g_clear_object (&self->selection);
  g_clear_object (&self->areas);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (atlas_search_parent_class)->dispose (object);
}

static void
atlas_search_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasSearch *self = ATLAS_SEARCH (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_search_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasSearch *self = ATLAS_SEARCH (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_search_set_dataset (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_search_class_init (AtlasSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_search_dispose;
  object_class->get_property = atlas_search_get_property;
  object_class->set_property = atlas_search_set_property;
  widget_class->measure = atlas_search_measure;
  widget_class->size_allocate = atlas_search_size_allocate;
  widget_class->grab_focus = atlas_search_grab_focus;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasSearch::area-chosen:
   * @area: the area the user picked
   */
  signals[AREA_CHOSEN] =
    g_signal_new ("area-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ATLAS_TYPE_AREA);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/platsatlas/Platsatlas/ui/atlas-search.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasSearch, popover);
  gtk_widget_class_bind_template_child (widget_class, AtlasSearch, results_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasSearch, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
}

static void
setup_model (AtlasSearch *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->areas = g_list_store_new (ATLAS_TYPE_AREA);
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, search_key_free);
  self->filter = gtk_custom_filter_new (filter_area, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_areas, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->areas)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    GTK_SORTER (g_object_ref (self->sorter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));

  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view),
                           GTK_SELECTION_MODEL (self->selection));
}

static void
atlas_search_init (AtlasSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_model (self);

  /* Clicking a result must not take focus from the entry, or the popover
   * would close before the click lands. */
  gtk_widget_set_can_focus (gtk_popover_get_child (GTK_POPOVER (self->popover)), FALSE);
  gtk_widget_set_size_request (self->popover, RESULTS_WIDTH, -1);
}

GtkWidget *
atlas_search_new (void)
{
  return g_object_new (ATLAS_TYPE_SEARCH, NULL);
}

void
atlas_search_set_dataset (AtlasSearch  *self,
                          AtlasDataset *dataset)
{
  g_return_if_fail (ATLAS_IS_SEARCH (self));
  g_return_if_fail (dataset == NULL || ATLAS_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  fill_areas (self);
  update_results (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

AtlasDataset *
atlas_search_get_dataset (AtlasSearch *self)
{
  g_return_val_if_fail (ATLAS_IS_SEARCH (self), NULL);

  return self->dataset;
}

GtkEditable *
atlas_search_get_entry (AtlasSearch *self)
{
  g_return_val_if_fail (ATLAS_IS_SEARCH (self), NULL);

  return GTK_EDITABLE (self->entry);
}

GListModel *
atlas_search_get_results (AtlasSearch *self)
{
  g_return_val_if_fail (ATLAS_IS_SEARCH (self), NULL);

  return G_LIST_MODEL (self->selection);
}
