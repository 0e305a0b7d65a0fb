/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "atlas-core.h"

/* A 10 × 10 square with a 4 × 4 hole in the middle, then a separate
 * 2 × 2 square to the east: one multipolygon as flat rings. */
static AtlasGeometry *
square_with_hole_and_island (void)
{
  static const double coords[] = {
    0, 0, 10, 0, 10, 10, 0, 10, 0, 0,   /* outer */
    3, 3, 7, 3, 7, 7, 3, 7, 3, 3,       /* hole */
    20, 0, 22, 0, 22, 2, 20, 2, 20, 0,  /* island */
  };
  static const guint offsets[] = { 0, 5, 10, 15 };

  return atlas_geometry_new (coords, 15, offsets, 3);
}

/* A U open to the north: its centroid lies in the gap between the arms. */
static AtlasGeometry *
u_shape (void)
{
  static const double coords[] = {
    0, 0, 9, 0, 9, 9, 7, 9, 7, 2, 2, 2, 2, 9, 0, 9, 0, 0,
  };
  static const guint offsets[] = { 0 };

  return atlas_geometry_new (coords, 9, offsets, 1);
}

static void
test_bbox (void)
{
  AtlasBBox box, other;
  g_autoptr(AtlasGeometry) geometry = square_with_hole_and_island ();
  const AtlasBBox *gb = atlas_geometry_get_bbox (geometry);

  atlas_bbox_init_empty (&box);
  g_assert_true (atlas_bbox_is_empty (&box));
  g_assert_false (atlas_bbox_contains (&box, 0, 0));

  atlas_bbox_extend (&box, 1, 2);
  g_assert_false (atlas_bbox_is_empty (&box));
  g_assert_true (atlas_bbox_contains (&box, 1, 2));
  atlas_bbox_extend (&box, -1, 5);
  g_assert_cmpfloat (box.min_x, ==, -1);
  g_assert_cmpfloat (box.max_y, ==, 5);

  atlas_bbox_init_empty (&other);
  atlas_bbox_union (&box, &other);
  g_assert_cmpfloat (box.max_x, ==, 1);
  atlas_bbox_extend (&other, 8, -3);
  atlas_bbox_union (&box, &other);
  g_assert_cmpfloat (box.max_x, ==, 8);
  g_assert_cmpfloat (box.min_y, ==, -3);

  g_assert_cmpfloat (gb->min_x, ==, 0);
  g_assert_cmpfloat (gb->min_y, ==, 0);
  g_assert_cmpfloat (gb->max_x, ==, 22);
  g_assert_cmpfloat (gb->max_y, ==, 10);
}

static void
test_rings (void)
{
  g_autoptr(AtlasGeometry) geometry = square_with_hole_and_island ();
  const guint *offsets = atlas_geometry_get_ring_offsets (geometry);

  g_assert_cmpuint (atlas_geometry_get_n_rings (geometry), ==, 3);
  g_assert_cmpuint (atlas_geometry_get_n_points (geometry), ==, 15);
  g_assert_cmpuint (offsets[1], ==, 5);
  g_assert_cmpuint (offsets[3], ==, 15);
  g_assert_cmpfloat (atlas_geometry_get_coords (geometry)[2 * 5], ==, 3);
}

static void
test_contains_holes_and_parts (void)
{
  g_autoptr(AtlasGeometry) geometry = square_with_hole_and_island ();

  g_assert_true (atlas_geometry_contains (geometry, 1, 1));
  g_assert_true (atlas_geometry_contains (geometry, 8.5, 5));
  g_assert_false (atlas_geometry_contains (geometry, 5, 5));    /* in the hole */
  g_assert_true (atlas_geometry_contains (geometry, 21, 1));    /* on the island */
  g_assert_false (atlas_geometry_contains (geometry, 15, 1));   /* between parts */
  g_assert_false (atlas_geometry_contains (geometry, -1, 5));
  g_assert_false (atlas_geometry_contains (geometry, 21, 5));   /* in the bbox only */
}

static void
test_label_point_concave (void)
{
  g_autoptr(AtlasGeometry) geometry = u_shape ();
  double lon = NAN, lat = NAN;

  atlas_geometry_get_label_point (geometry, &lon, &lat);
  g_assert_true (atlas_geometry_contains (geometry, lon, lat));
  /* The bbox centre (4.5, 4.5) is in the gap: the label must not be. */
  g_assert_false (lon > 2 && lon < 7 && lat > 2);
}

static void
test_label_point_largest_part (void)
{
  g_autoptr(AtlasGeometry) geometry = square_with_hole_and_island ();
  double lon, lat;

  atlas_geometry_get_label_point (geometry, &lon, &lat);
  g_assert_true (atlas_geometry_contains (geometry, lon, lat));
  g_assert_cmpfloat (lon, <=, 10);
}

static void
test_area (void)
{
  /* One degree square at the equator: about 111.2 km × 111.2 km. */
  static const double coords[] = { 0, 0, 1, 0, 1, 1, 0, 1, 0, 0 };
  static const guint offsets[] = { 0 };
  g_autoptr(AtlasGeometry) cell = atlas_geometry_new (coords, 5, offsets, 1);
  g_autoptr(AtlasGeometry) holed = square_with_hole_and_island ();
  double with_hole = atlas_geometry_get_area_km2 (holed);

  g_assert_cmpfloat_with_epsilon (atlas_geometry_get_area_km2 (cell), 12364.0, 30.0);
  /* 100 − 16 + 4 square degrees near the equator, 84 + 4 = 88 of them */
  g_assert_cmpfloat_with_epsilon (with_hole / atlas_geometry_get_area_km2 (cell), 88.0, 1.0);
}

static void
test_boxed_ref (void)
{
  AtlasGeometry *geometry = u_shape ();
  AtlasGeometry *copy = g_boxed_copy (ATLAS_TYPE_GEOMETRY, geometry);

  g_assert_true (copy == geometry);
  g_boxed_free (ATLAS_TYPE_GEOMETRY, copy);
  g_assert_cmpuint (atlas_geometry_get_n_points (geometry), ==, 9);
  atlas_geometry_unref (geometry);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geometry/bbox", test_bbox);
  g_test_add_func ("/geometry/rings", test_rings);
  g_test_add_func ("/geometry/contains", test_contains_holes_and_parts);
  g_test_add_func ("/geometry/label-point/concave", test_label_point_concave);
  g_test_add_func ("/geometry/label-point/largest-part", test_label_point_largest_part);
  g_test_add_func ("/geometry/area", test_area);
  g_test_add_func ("/geometry/boxed", test_boxed_ref);

  return g_test_run ();
}
