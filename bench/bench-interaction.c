/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Interaction latency of the real window under X (run-tests and `make
 * bench` start Xvfb): year steps, indicator switches, level switches and
 * hover, each timed from the state change to the end of the first frame
 * that shows it (the frame clock's "after-paint" after the choropleth
 * layer drew the new state), against the map layer's own draw in that
 * same frame. The window is driven as a user or a keyboard shortcut
 * would: its actions (win.year-next, win.year-previous), its public
 * setters for indicator and level, and real pointer motion sent through
 * the X server (XTest) for hover. Prints one JSON line per action:
 * {"bench":"interaction","action":…,"ms":…,"redraw_ms":…}, medians over
 * the runs, with the same two figures in CPU time (cpu_ms: the process,
 * redraw_cpu_ms: the layer's draw), which a busy machine does not
 * inflate as it does wall time. Asserts nothing about timings. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app-test-util.h"
#include "atlas-window.h"
#include "bench-util.h"

#define RUNS 9
/* Quick mode (CI) still takes the median of five: the first action of a
 * kind after opening also fills caches (the year's derived values, label
 * places), which one run alone would report as the action's cost. */
#define QUICK_RUNS 5
/* A frame that never comes is a bug in the bench or the app, not a slow
 * frame: give up after this long. */
#define FRAME_TIMEOUT_US (20 * G_USEC_PER_SEC)
/* Quiet time between two actions, longer than the layer's settle delay. */
#define SETTLE_MS 300

typedef struct
{
  AtlasWindow   *window;
  AtlasMap      *map;
  AtlasMapLayer *layer;
  const char    *package;
  const char    *level;
  const char    *indicator;     /* the one the year steps show */
  guint          n_areas;
} Bench;

/* One timed action: done at the first "after-paint" in which the layer
 * drew, redrew its choropleth when the action needs it, and shows
 * @hover_target when hovering. */
typedef struct
{
  AtlasMapLayer *layer;
  AtlasMap      *map;
  guint          draws_before;
  guint          builds_before;
  gboolean       needs_redraw;
  AtlasArea     *hover_target;
  gint64         end;
  double         end_cpu_ms;
  double         redraw_ms;
  double         redraw_cpu_ms;
} Probe;

/* One action's figures. */
typedef struct
{
  double ms;
  double redraw_ms;
  double cpu_ms;
  double redraw_cpu_ms;
} Timing;

static double
process_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

typedef void (*ActionFunc) (Bench   *bench,
                            guint    run,
                            gpointer data);

static void
on_after_paint (GdkFrameClock *clock,
                Probe         *probe)
{
  if (probe->end != 0 || atlas_map_layer_get_n_draws (probe->layer) == probe->draws_before)
    return;
  if (probe->needs_redraw && atlas_map_layer_get_n_cache_builds (probe->layer) == probe->builds_before)
    return;
  if (probe->hover_target != NULL && atlas_map_get_hovered_area (probe->map) != probe->hover_target)
    return;
  probe->end = g_get_monotonic_time ();
  probe->end_cpu_ms = process_cpu_ms ();
  probe->redraw_ms = atlas_map_layer_get_last_draw_ms (probe->layer);
  probe->redraw_cpu_ms = atlas_map_layer_get_last_draw_cpu_ms (probe->layer);
}

static gboolean
on_settled (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window finish what the last action started (tiles, the
 * layer's settle timeout, tooltips) so that actions do not overlap. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (SETTLE_MS, on_settled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  app_test_drain ();
}

/* Runs @action once: the time from its start to the frame that shows
 * it, and the layer's draw in that frame. */
static void
time_action (Bench      *bench,
             ActionFunc  action,
             guint       run,
             gpointer    data,
             gboolean    needs_redraw,
             AtlasArea  *hover_target,
             Timing     *timing)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->map));
  Probe probe = {
    .layer = bench->layer,
    .map = bench->map,
    .draws_before = atlas_map_layer_get_n_draws (bench->layer),
    .builds_before = atlas_map_layer_get_n_cache_builds (bench->layer),
    .needs_redraw = needs_redraw,
    .hover_target = hover_target,
  };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &probe);
  gint64 start = g_get_monotonic_time ();
  double start_cpu_ms = process_cpu_ms ();

  action (bench, run, data);
  while (probe.end == 0 && g_get_monotonic_time () - start < FRAME_TIMEOUT_US)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  if (probe.end == 0)
    g_error ("%s: no frame showed the change within %d s", bench->package,
             (int) (FRAME_TIMEOUT_US / G_USEC_PER_SEC));

  timing->ms = (probe.end - start) / 1000.0;
  timing->redraw_ms = probe.redraw_ms;
  timing->cpu_ms = probe.end_cpu_ms - start_cpu_ms;
  timing->redraw_cpu_ms = probe.redraw_cpu_ms;
}

static double
median_of (Timing *timings,
           guint   runs,
           gsize   offset)
{
  g_autofree double *values = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    values[i] = G_STRUCT_MEMBER (double, &timings[i], offset);
  return bench_median (values, runs);
}

static void
report (Bench      *bench,
        const char *action,
        Timing     *timings,
        guint       runs)
{
  double ms = median_of (timings, runs, G_STRUCT_OFFSET (Timing, ms));
  double redraw = median_of (timings, runs, G_STRUCT_OFFSET (Timing, redraw_ms));
  double cpu = median_of (timings, runs, G_STRUCT_OFFSET (Timing, cpu_ms));
  double redraw_cpu = median_of (timings, runs, G_STRUCT_OFFSET (Timing, redraw_cpu_ms));

  printf ("{\"bench\":\"interaction\",\"package\":\"%s\",\"level\":\"%s\",\"indicator\":\"%s\",\"areas\":%u,"
          "\"action\":\"%s\",\"ms\":%.1f,\"redraw_ms\":%.1f,\"ratio\":%.2f,"
          "\"cpu_ms\":%.1f,\"redraw_cpu_ms\":%.1f,\"cpu_ratio\":%.2f,\"runs\":%u}\n",
          bench->package, bench->level, bench->indicator, bench->n_areas, action,
          ms, redraw, redraw > 0 ? ms / redraw : 0.0,
          cpu, redraw_cpu, redraw_cpu > 0 ? cpu / redraw_cpu : 0.0, runs);
  fflush (stdout);
}

/* Times @action over the runs; hovering alternates between two targets. */
static void
measure (Bench      *bench,
         const char *name,
         ActionFunc  action,
         gpointer    data,
         gboolean    needs_redraw,
         AtlasArea **hover_targets)
{
  guint runs = MAX (bench_runs (RUNS), QUICK_RUNS);
  g_autofree Timing *timings = g_new (Timing, runs);

  for (guint i = 0; i < runs; i++)
    {
      AtlasArea *target = hover_targets != NULL ? hover_targets[i % 2] : NULL;

      time_action (bench, action, i, data, needs_redraw, target, &timings[i]);
      settle ();
    }
  report (bench, name, timings, runs);
}

/* Actions */

static void
step_year (Bench   *bench,
           guint    run,
           gpointer data)
{
  /* From the later of two years with values: back one, then forward. */
  const char *action = run % 2 == 0 ? "win.year-previous" : "win.year-next";

  if (!gtk_widget_activate_action (GTK_WIDGET (bench->window), action, NULL))
    g_error ("%s is not available", action);
}

static void
switch_indicator (Bench   *bench,
                  guint    run,
                  gpointer data)
{
  AtlasIndicator **pair = data;

  atlas_window_set_indicator (bench->window, pair[(run + 1) % 2]);
}

static void
switch_level (Bench   *bench,
              guint    run,
              gpointer data)
{
  AtlasDivision **pair = data;

  atlas_window_set_division (bench->window, pair[(run + 1) % 2]);
}

/* The pointer moves over the map as a user's would: through the X
 * server, to the root coordinates of a map point. */
static void
move_pointer (Bench  *bench,
              double  map_x,
              double  map_y)
{
  GtkWidget *window = GTK_WIDGET (bench->window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  Window xid = gdk_x11_surface_get_xid (surface);
  graphene_point_t point;
  double shadow_x, shadow_y;
  int root_x, root_y;
  Window child;

  if (!gtk_widget_compute_point (GTK_WIDGET (bench->map), window,
                                 &GRAPHENE_POINT_INIT (map_x, map_y), &point))
    g_error ("The map is not in its window");
  gtk_native_get_surface_transform (GTK_NATIVE (window), &shadow_x, &shadow_y);
  XTranslateCoordinates (display, xid, DefaultRootWindow (display), 0, 0, &root_x, &root_y, &child);
  XTestFakeMotionEvent (display, -1, root_x + (int) (point.x + shadow_x),
                        root_y + (int) (point.y + shadow_y), CurrentTime);
  XFlush (display);
}

typedef struct
{
  double     x[2];
  double     y[2];
  AtlasArea *areas[2];
} HoverPoints;

static void
hover (Bench   *bench,
       guint    run,
       gpointer data)
{
  HoverPoints *points = data;

  move_pointer (bench, points->x[run % 2], points->y[run % 2]);
}

/* Two different areas, the nearest to the middle of the map first. */
static gboolean
find_hover_points (Bench       *bench,
                   HoverPoints *points)
{
  double width = gtk_widget_get_width (GTK_WIDGET (bench->map));
  double height = gtk_widget_get_height (GTK_WIDGET (bench->map));
  guint found = 0;

  for (int ring = 0; ring < 20 && found < 2; ring++)
    for (int step = -ring; step <= ring && found < 2; step++)
      {
        double x = width * (0.5 + step * 0.02), y = height * (0.5 + (ring - abs (step)) * 0.02);
        AtlasArea *area = atlas_map_area_at (bench->map, x, y);

        if (area == NULL || (found == 1 && area == points->areas[0]))
          continue;
        points->x[found] = x;
        points->y[found] = y;
        points->areas[found++] = area;
      }
  return found == 2;
}

/* Setup */

static gboolean
is_mappable (AtlasIndicator *indicator)
{
  return atlas_indicator_get_kind (indicator) == ATLAS_INDICATOR_KIND_INDICATOR
         && atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY;
}

/* The first mappable indicator with values at @division in two adjacent
 * years, the later as late as possible: a year step then redraws real
 * classes both ways, never a map that is all "no data" (nor shows the
 * slider's "no values" note, which moves the whole sidebar). *year gets
 * the later year. */
static AtlasIndicator *
stepping_indicator (AtlasDataset  *dataset,
                    AtlasDivision *division,
                    guint         *year)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);
  guint n_years;
  const guint *years = atlas_dataset_get_years (dataset, &n_years);

  /* An indicator first; a background variable (a count, such as
   * folkmängd) where no indicator has two years at this level. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint y = n_years; y-- > 1;)
      for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
        {
          g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

          if ((pass == 0 ? is_mappable (indicator)
                         : atlas_indicator_get_unit (indicator) != ATLAS_UNIT_CATEGORY)
              && atlas_dataset_has_values (dataset, indicator, years[y], division)
              && atlas_dataset_has_values (dataset, indicator, years[y - 1], division))
            {
              *year = years[y];
              return indicator;
            }
        }
  g_error ("No indicator has values at %s in two adjacent years", atlas_division_get_id (division));
}

/* Another mappable indicator with values for this year and level. */
static AtlasIndicator *
other_indicator (AtlasDataset   *dataset,
                 AtlasIndicator *current,
                 AtlasDivision  *division,
                 guint           year)
{
  GListModel *indicators = atlas_dataset_get_indicators (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(AtlasIndicator) indicator = g_list_model_get_item (indicators, i);

      if (indicator != current && is_mappable (indicator)
          && atlas_dataset_has_values (dataset, indicator, year, division))
        return indicator;
    }
  g_error ("No second indicator with values at %s in %u", atlas_division_get_id (division), year);
}

static void
set_sidebar_visible (Bench    *bench,
                     gboolean  visible)
{
  g_action_group_change_action_state (G_ACTION_GROUP (bench->window), "sidebar-visible",
                                      g_variant_new_boolean (visible));
  settle ();
  settle ();
}

static AtlasDivision *
lookup_division (AtlasDataset *dataset,
                 const char   *id)
{
  AtlasDivision *division = atlas_dataset_lookup_division (dataset, id);

  if (division == NULL)
    g_error ("The package has no level “%s”", id);
  return division;
}

static gboolean
basemap_loaded (gpointer data)
{
  return atlas_map_get_basemap (data) != NULL;
}

static void
bench_package (AtlasApplication *app,
               const char       *package,
               const char       *level,
               const char       *other_level)
{
  g_autofree char *path = g_build_filename (atlas_get_data_dir (), "datasets", package, NULL);
  Bench bench = { .package = package, .level = level };
  AtlasDataset *dataset;
  AtlasIndicator *indicators[2];
  AtlasDivision *levels[2];
  HoverPoints points = { 0 };
  guint year;

  bench.window = atlas_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1200, 760);
  app_test_show_package (bench.window, path);
  bench.map = atlas_window_get_map (bench.window);
  bench.layer = atlas_map_get_layer (bench.map);
  dataset = atlas_window_get_dataset (bench.window);
  /* Its arrival redraws the map: not while an action is timed. */
  if (!app_test_wait_for (basemap_loaded, bench.map))
    g_error ("%s: the offline basemap did not load", package);

  levels[0] = lookup_division (dataset, level);
  levels[1] = lookup_division (dataset, other_level);
  bench.n_areas = atlas_division_get_n_areas (levels[0]);
  atlas_window_set_division (bench.window, levels[0]);
  indicators[0] = stepping_indicator (dataset, levels[0], &year);
  bench.indicator = atlas_indicator_get_id (indicators[0]);
  atlas_window_set_indicator (bench.window, indicators[0]);
  atlas_window_set_year (bench.window, year);
  atlas_map_zoom_to_coverage (bench.map);
  settle ();
  settle ();

  measure (&bench, "year-step", step_year, NULL, TRUE, NULL);

  /* The same with the sidebar hidden (F9), as on a projector. */
  atlas_window_set_year (bench.window, year);
  set_sidebar_visible (&bench, FALSE);
  measure (&bench, "year-step-sidebar-hidden", step_year, NULL, TRUE, NULL);
  set_sidebar_visible (&bench, TRUE);

  indicators[1] = other_indicator (dataset, indicators[0], levels[0], atlas_map_get_year (bench.map));
  measure (&bench, "indicator-switch", switch_indicator, indicators, TRUE, NULL);
  atlas_window_set_indicator (bench.window, indicators[0]);
  settle ();

  if (!find_hover_points (&bench, &points))
    g_error ("%s: no two areas under the middle of the map", package);
  move_pointer (&bench, points.x[1], points.y[1]);
  settle ();
  measure (&bench, "hover", hover, &points, FALSE, points.areas);

  /* Last: it leaves the map on the other level every other run. */
  measure (&bench, "level-switch", switch_level, levels, TRUE, NULL);

  app_test_close_window (bench.window);
}

int
main (int   argc,
      char *argv[])
{
  AtlasApplication *app;

  if (g_getenv ("DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-interaction needs an X display (run it under xvfb-run)\n");
      return 77;
    }
  app = app_test_application_new ();
  bench_package (app, "stockholm-uppsala", "deso", "regso");
  bench_package (app, "sverige-kommuner", "kommun", "lan");
  app_test_application_free (app);
  return 0;
}
