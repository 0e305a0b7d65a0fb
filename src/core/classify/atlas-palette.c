/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "atlas-dataset.h"
#include "atlas-palette.h"

/*
 * Colour schemes for choropleth maps.
 *
 * ColorBrewer colour specifications and designs are by Cynthia A. Brewer,
 * Pennsylvania State University (colorbrewer2.org), licensed under the
 * Apache License, Version 2.0. The tables below are the published sets for
 * 3 to 9 classes, unchanged. Their colour-blind ratings follow ColorBrewer's:
 * every sequential scheme is rated safe; of the diverging ones BrBG, PiYG,
 * PRGn, PuOr, RdBu and RdYlBu are, RdGy, RdYlGn and Spectral are not.
 *
 * viridis and cividis are sampled from their published 256-entry maps
 * (viridis: van der Walt and Smith, CC0; cividis: Nuñez, Anderton and
 * Renslow 2018) through anchor colours, interpolated in Oklab so that the
 * steps stay perceptually even.
 */

#define MAX_COLORS 9

typedef struct
{
  const char      *name;
  const char      *label;
  AtlasPaletteKind kind;
  gboolean         colorblind_safe;
  /* "rrggbb rrggbb …" for 3 to 9 classes */
  const char      *sets[7];
} Scheme;

static const Scheme brewer_schemes[] = {
  { "Blues", N_("Blues"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "deebf7 9ecae1 3182bd",
      "eff3ff bdd7e7 6baed6 2171b5",
      "eff3ff bdd7e7 6baed6 3182bd 08519c",
      "eff3ff c6dbef 9ecae1 6baed6 3182bd 08519c",
      "eff3ff c6dbef 9ecae1 6baed6 4292c6 2171b5 084594",
      "f7fbff deebf7 c6dbef 9ecae1 6baed6 4292c6 2171b5 084594",
      "f7fbff deebf7 c6dbef 9ecae1 6baed6 4292c6 2171b5 08519c 08306b",
    } },
  { "Greens", N_("Greens"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "e5f5e0 a1d99b 31a354",
      "edf8e9 bae4b3 74c476 238b45",
      "edf8e9 bae4b3 74c476 31a354 006d2c",
      "edf8e9 c7e9c0 a1d99b 74c476 31a354 006d2c",
      "edf8e9 c7e9c0 a1d99b 74c476 41ab5d 238b45 005a32",
      "f7fcf5 e5f5e0 c7e9c0 a1d99b 74c476 41ab5d 238b45 005a32",
      "f7fcf5 e5f5e0 c7e9c0 a1d99b 74c476 41ab5d 238b45 006d2c 00441b",
    } },
  { "Greys", N_("Greys"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "f0f0f0 bdbdbd 636363",
      "f7f7f7 cccccc 969696 525252",
      "f7f7f7 cccccc 969696 636363 252525",
      "f7f7f7 d9d9d9 bdbdbd 969696 636363 252525",
      "f7f7f7 d9d9d9 bdbdbd 969696 737373 525252 252525",
      "ffffff f0f0f0 d9d9d9 bdbdbd 969696 737373 525252 252525",
      "ffffff f0f0f0 d9d9d9 bdbdbd 969696 737373 525252 252525 000000",
    } },
  { "Oranges", N_("Oranges"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "fee6ce fdae6b e6550d",
      "feedde fdbe85 fd8d3c d94701",
      "feedde fdbe85 fd8d3c e6550d a63603",
      "feedde fdd0a2 fdae6b fd8d3c e6550d a63603",
      "feedde fdd0a2 fdae6b fd8d3c f16913 d94801 8c2d04",
      "fff5eb fee6ce fdd0a2 fdae6b fd8d3c f16913 d94801 8c2d04",
      "fff5eb fee6ce fdd0a2 fdae6b fd8d3c f16913 d94801 a63603 7f2704",
    } },
  { "Purples", N_("Purples"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "efedf5 bcbddc 756bb1",
      "f2f0f7 cbc9e2 9e9ac8 6a51a3",
      "f2f0f7 cbc9e2 9e9ac8 756bb1 54278f",
      "f2f0f7 dadaeb bcbddc 9e9ac8 756bb1 54278f",
      "f2f0f7 dadaeb bcbddc 9e9ac8 807dba 6a51a3 4a1486",
      "fcfbfd efedf5 dadaeb bcbddc 9e9ac8 807dba 6a51a3 4a1486",
      "fcfbfd efedf5 dadaeb bcbddc 9e9ac8 807dba 6a51a3 54278f 3f007d",
    } },
  { "Reds", N_("Reds"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "fee0d2 fc9272 de2d26",
      "fee5d9 fcae91 fb6a4a cb181d",
      "fee5d9 fcae91 fb6a4a de2d26 a50f15",
      "fee5d9 fcbba1 fc9272 fb6a4a de2d26 a50f15",
      "fee5d9 fcbba1 fc9272 fb6a4a ef3b2c cb181d 99000d",
      "fff5f0 fee0d2 fcbba1 fc9272 fb6a4a ef3b2c cb181d 99000d",
      "fff5f0 fee0d2 fcbba1 fc9272 fb6a4a ef3b2c cb181d a50f15 67000d",
    } },
  { "BuGn", N_("Blue–green"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "e5f5f9 99d8c9 2ca25f",
      "edf8fb b2e2e2 66c2a4 238b45",
      "edf8fb b2e2e2 66c2a4 2ca25f 006d2c",
      "edf8fb ccece6 99d8c9 66c2a4 2ca25f 006d2c",
      "edf8fb ccece6 99d8c9 66c2a4 41ae76 238b45 005824",
      "f7fcfd e5f5f9 ccece6 99d8c9 66c2a4 41ae76 238b45 005824",
      "f7fcfd e5f5f9 ccece6 99d8c9 66c2a4 41ae76 238b45 006d2c 00441b",
    } },
  { "BuPu", N_("Blue–purple"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "e0ecf4 9ebcda 8856a7",
      "edf8fb b3cde3 8c96c6 88419d",
      "edf8fb b3cde3 8c96c6 8856a7 810f7c",
      "edf8fb bfd3e6 9ebcda 8c96c6 8856a7 810f7c",
      "edf8fb bfd3e6 9ebcda 8c96c6 8c6bb1 88419d 6e016b",
      "f7fcfd e0ecf4 bfd3e6 9ebcda 8c96c6 8c6bb1 88419d 6e016b",
      "f7fcfd e0ecf4 bfd3e6 9ebcda 8c96c6 8c6bb1 88419d 810f7c 4d004b",
    } },
  { "GnBu", N_("Green–blue"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "e0f3db a8ddb5 43a2ca",
      "f0f9e8 bae4bc 7bccc4 2b8cbe",
      "f0f9e8 bae4bc 7bccc4 43a2ca 0868ac",
      "f0f9e8 ccebc5 a8ddb5 7bccc4 43a2ca 0868ac",
      "f0f9e8 ccebc5 a8ddb5 7bccc4 4eb3d3 2b8cbe 08589e",
      "f7fcf0 e0f3db ccebc5 a8ddb5 7bccc4 4eb3d3 2b8cbe 08589e",
      "f7fcf0 e0f3db ccebc5 a8ddb5 7bccc4 4eb3d3 2b8cbe 0868ac 084081",
    } },
  { "OrRd", N_("Orange–red"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "fee8c8 fdbb84 e34a33",
      "fef0d9 fdcc8a fc8d59 d7301f",
      "fef0d9 fdcc8a fc8d59 e34a33 b30000",
      "fef0d9 fdd49e fdbb84 fc8d59 e34a33 b30000",
      "fef0d9 fdd49e fdbb84 fc8d59 ef6548 d7301f 990000",
      "fff7ec fee8c8 fdd49e fdbb84 fc8d59 ef6548 d7301f 990000",
      "fff7ec fee8c8 fdd49e fdbb84 fc8d59 ef6548 d7301f b30000 7f0000",
    } },
  { "PuBu", N_("Purple–blue"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "ece7f2 a6bddb 2b8cbe",
      "f1eef6 bdc9e1 74a9cf 0570b0",
      "f1eef6 bdc9e1 74a9cf 2b8cbe 045a8d",
      "f1eef6 d0d1e6 a6bddb 74a9cf 2b8cbe 045a8d",
      "f1eef6 d0d1e6 a6bddb 74a9cf 3690c0 0570b0 034e7b",
      "fff7fb ece7f2 d0d1e6 a6bddb 74a9cf 3690c0 0570b0 034e7b",
      "fff7fb ece7f2 d0d1e6 a6bddb 74a9cf 3690c0 0570b0 045a8d 023858",
    } },
  { "PuBuGn", N_("Purple–blue–green"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "ece2f0 a6bddb 1c9099",
      "f6eff7 bdc9e1 67a9cf 02818a",
      "f6eff7 bdc9e1 67a9cf 1c9099 016c59",
      "f6eff7 d0d1e6 a6bddb 67a9cf 1c9099 016c59",
      "f6eff7 d0d1e6 a6bddb 67a9cf 3690c0 02818a 016450",
      "fff7fb ece2f0 d0d1e6 a6bddb 67a9cf 3690c0 02818a 016450",
      "fff7fb ece2f0 d0d1e6 a6bddb 67a9cf 3690c0 02818a 016c59 014636",
    } },
  { "PuRd", N_("Purple–red"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "e7e1ef c994c7 dd1c77",
      "f1eef6 d7b5d8 df65b0 ce1256",
      "f1eef6 d7b5d8 df65b0 dd1c77 980043",
      "f1eef6 d4b9da c994c7 df65b0 dd1c77 980043",
      "f1eef6 d4b9da c994c7 df65b0 e7298a ce1256 91003f",
      "f7f4f9 e7e1ef d4b9da c994c7 df65b0 e7298a ce1256 91003f",
      "f7f4f9 e7e1ef d4b9da c994c7 df65b0 e7298a ce1256 980043 67001f",
    } },
  { "RdPu", N_("Red–purple"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "fde0dd fa9fb5 c51b8a",
      "feebe2 fbb4b9 f768a1 ae017e",
      "feebe2 fbb4b9 f768a1 c51b8a 7a0177",
      "feebe2 fcc5c0 fa9fb5 f768a1 c51b8a 7a0177",
      "feebe2 fcc5c0 fa9fb5 f768a1 dd3497 ae017e 7a0177",
      "fff7f3 fde0dd fcc5c0 fa9fb5 f768a1 dd3497 ae017e 7a0177",
      "fff7f3 fde0dd fcc5c0 fa9fb5 f768a1 dd3497 ae017e 7a0177 49006a",
    } },
  { "YlGn", N_("Yellow–green"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "f7fcb9 addd8e 31a354",
      "ffffcc c2e699 78c679 238443",
      "ffffcc c2e699 78c679 31a354 006837",
      "ffffcc d9f0a3 addd8e 78c679 31a354 006837",
      "ffffcc d9f0a3 addd8e 78c679 41ab5d 238443 005a32",
      "ffffe5 f7fcb9 d9f0a3 addd8e 78c679 41ab5d 238443 005a32",
      "ffffe5 f7fcb9 d9f0a3 addd8e 78c679 41ab5d 238443 006837 004529",
    } },
  { "YlGnBu", N_("Yellow–green–blue"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "edf8b1 7fcdbb 2c7fb8",
      "ffffcc a1dab4 41b6c4 225ea8",
      "ffffcc a1dab4 41b6c4 2c7fb8 253494",
      "ffffcc c7e9b4 7fcdbb 41b6c4 2c7fb8 253494",
      "ffffcc c7e9b4 7fcdbb 41b6c4 1d91c0 225ea8 0c2c84",
      "ffffd9 edf8b1 c7e9b4 7fcdbb 41b6c4 1d91c0 225ea8 0c2c84",
      "ffffd9 edf8b1 c7e9b4 7fcdbb 41b6c4 1d91c0 225ea8 253494 081d58",
    } },
  { "YlOrBr", N_("Yellow–orange–brown"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "fff7bc fec44f d95f0e",
      "ffffd4 fed98e fe9929 cc4c02",
      "ffffd4 fed98e fe9929 d95f0e 993404",
      "ffffd4 fee391 fec44f fe9929 d95f0e 993404",
      "ffffd4 fee391 fec44f fe9929 ec7014 cc4c02 8c2d04",
      "ffffe5 fff7bc fee391 fec44f fe9929 ec7014 cc4c02 8c2d04",
      "ffffe5 fff7bc fee391 fec44f fe9929 ec7014 cc4c02 993404 662506",
    } },
  { "YlOrRd", N_("Yellow–orange–red"), ATLAS_PALETTE_KIND_SEQUENTIAL, TRUE,
    {
      "ffeda0 feb24c f03b20",
      "ffffb2 fecc5c fd8d3c e31a1c",
      "ffffb2 fecc5c fd8d3c f03b20 bd0026",
      "ffffb2 fed976 feb24c fd8d3c f03b20 bd0026",
      "ffffb2 fed976 feb24c fd8d3c fc4e2a e31a1c b10026",
      "ffffcc ffeda0 fed976 feb24c fd8d3c fc4e2a e31a1c b10026",
      "ffffcc ffeda0 fed976 feb24c fd8d3c fc4e2a e31a1c bd0026 800026",
    } },
  { "BrBG", N_("Brown to blue-green"), ATLAS_PALETTE_KIND_DIVERGING, TRUE,
    {
      "d8b365 f5f5f5 5ab4ac",
      "a6611a dfc27d 80cdc1 018571",
      "a6611a dfc27d f5f5f5 80cdc1 018571",
      "8c510a d8b365 f6e8c3 c7eae5 5ab4ac 01665e",
      "8c510a d8b365 f6e8c3 f5f5f5 c7eae5 5ab4ac 01665e",
      "8c510a bf812d dfc27d f6e8c3 c7eae5 80cdc1 35978f 01665e",
      "8c510a bf812d dfc27d f6e8c3 f5f5f5 c7eae5 80cdc1 35978f 01665e",
    } },
  { "PiYG", N_("Pink to yellow-green"), ATLAS_PALETTE_KIND_DIVERGING, TRUE,
    {
      "e9a3c9 f7f7f7 a1d76a",
      "d01c8b f1b6da b8e186 4dac26",
      "d01c8b f1b6da f7f7f7 b8e186 4dac26",
      "c51b7d e9a3c9 fde0ef e6f5d0 a1d76a 4d9221",
      "c51b7d e9a3c9 fde0ef f7f7f7 e6f5d0 a1d76a 4d9221",
      "c51b7d de77ae f1b6da fde0ef e6f5d0 b8e186 7fbc41 4d9221",
      "c51b7d de77ae f1b6da fde0ef f7f7f7 e6f5d0 b8e186 7fbc41 4d9221",
    } },
  { "PRGn", N_("Purple to green"), ATLAS_PALETTE_KIND_DIVERGING, TRUE,
    {
      "af8dc3 f7f7f7 7fbf7b",
      "7b3294 c2a5cf a6dba0 008837",
      "7b3294 c2a5cf f7f7f7 a6dba0 008837",
      "762a83 af8dc3 e7d4e8 d9f0d3 7fbf7b 1b7837",
      "762a83 af8dc3 e7d4e8 f7f7f7 d9f0d3 7fbf7b 1b7837",
      "762a83 9970ab c2a5cf e7d4e8 d9f0d3 a6dba0 5aae61 1b7837",
      "762a83 9970ab c2a5cf e7d4e8 f7f7f7 d9f0d3 a6dba0 5aae61 1b7837",
    } },
  { "PuOr", N_("Purple to orange"), ATLAS_PALETTE_KIND_DIVERGING, TRUE,
    {
      "f1a340 f7f7f7 998ec3",
      "e66101 fdb863 b2abd2 5e3c99",
      "e66101 fdb863 f7f7f7 b2abd2 5e3c99",
      "b35806 f1a340 fee0b6 d8daeb 998ec3 542788",
      "b35806 f1a340 fee0b6 f7f7f7 d8daeb 998ec3 542788",
      "b35806 e08214 fdb863 fee0b6 d8daeb b2abd2 8073ac 542788",
      "b35806 e08214 fdb863 fee0b6 f7f7f7 d8daeb b2abd2 8073ac 542788",
    } },
  { "RdBu", N_("Red to blue"), ATLAS_PALETTE_KIND_DIVERGING, TRUE,
    {
      "ef8a62 f7f7f7 67a9cf",
      "ca0020 f4a582 92c5de 0571b0",
      "ca0020 f4a582 f7f7f7 92c5de 0571b0",
      "b2182b ef8a62 fddbc7 d1e5f0 67a9cf 2166ac",
      "b2182b ef8a62 fddbc7 f7f7f7 d1e5f0 67a9cf 2166ac",
      "b2182b d6604d f4a582 fddbc7 d1e5f0 92c5de 4393c3 2166ac",
      "b2182b d6604d f4a582 fddbc7 f7f7f7 d1e5f0 92c5de 4393c3 2166ac",
    } },
  { "RdGy", N_("Red to grey"), ATLAS_PALETTE_KIND_DIVERGING, FALSE,
    {
      "ef8a62 ffffff 999999",
      "ca0020 f4a582 bababa 404040",
      "ca0020 f4a582 ffffff bababa 404040",
      "b2182b ef8a62 fddbc7 e0e0e0 999999 4d4d4d",
      "b2182b ef8a62 fddbc7 ffffff e0e0e0 999999 4d4d4d",
      "b2182b d6604d f4a582 fddbc7 e0e0e0 bababa 878787 4d4d4d",
      "b2182b d6604d f4a582 fddbc7 ffffff e0e0e0 bababa 878787 4d4d4d",
    } },
  { "RdYlBu", N_("Red, yellow and blue"), ATLAS_PALETTE_KIND_DIVERGING, TRUE,
    {
      "fc8d59 ffffbf 91bfdb",
      "d7191c fdae61 abd9e9 2c7bb6",
      "d7191c fdae61 ffffbf abd9e9 2c7bb6",
      "d73027 fc8d59 fee090 e0f3f8 91bfdb 4575b4",
      "d73027 fc8d59 fee090 ffffbf e0f3f8 91bfdb 4575b4",
      "d73027 f46d43 fdae61 fee090 e0f3f8 abd9e9 74add1 4575b4",
      "d73027 f46d43 fdae61 fee090 ffffbf e0f3f8 abd9e9 74add1 4575b4",
    } },
  { "RdYlGn", N_("Red, yellow and green"), ATLAS_PALETTE_KIND_DIVERGING, FALSE,
    {
      "fc8d59 ffffbf 91cf60",
      "d7191c fdae61 a6d96a 1a9641",
      "d7191c fdae61 ffffbf a6d96a 1a9641",
      "d73027 fc8d59 fee08b d9ef8b 91cf60 1a9850",
      "d73027 fc8d59 fee08b ffffbf d9ef8b 91cf60 1a9850",
      "d73027 f46d43 fdae61 fee08b d9ef8b a6d96a 66bd63 1a9850",
      "d73027 f46d43 fdae61 fee08b ffffbf d9ef8b a6d96a 66bd63 1a9850",
    } },
  { "Spectral", N_("Spectral"), ATLAS_PALETTE_KIND_DIVERGING, FALSE,
    {
      "fc8d59 ffffbf 99d594",
      "d7191c fdae61 abdda4 2b83ba",
      "d7191c fdae61 ffffbf abdda4 2b83ba",
      "d53e4f fc8d59 fee08b e6f598 99d594 3288bd",
      "d53e4f fc8d59 fee08b ffffbf e6f598 99d594 3288bd",
      "d53e4f f46d43 fdae61 fee08b e6f598 abdda4 66c2a5 3288bd",
      "d53e4f f46d43 fdae61 fee08b ffffbf e6f598 abdda4 66c2a5 3288bd",
    } },
};

/* Anchors of a continuous map: the entry's index in the 256-entry table
 * and its sRGB colour. */
typedef struct
{
  guint8 index;
  double red;
  double green;
  double blue;
} Anchor;

/* Every 16th entry of viridis, and its last. */
static const Anchor viridis_anchors[] = {
  {   0, 0.267004, 0.004874, 0.329415 },
  {  16, 0.282327, 0.094955, 0.417331 },
  {  32, 0.278826, 0.175490, 0.483397 },
  {  48, 0.258965, 0.251537, 0.524736 },
  {  64, 0.229739, 0.322361, 0.545706 },
  {  80, 0.199430, 0.387607, 0.554642 },
  {  96, 0.172719, 0.448791, 0.557885 },
  { 112, 0.149039, 0.508051, 0.557250 },
  { 128, 0.127568, 0.566949, 0.550556 },
  { 144, 0.120638, 0.625828, 0.533488 },
  { 160, 0.157851, 0.683765, 0.501686 },
  { 176, 0.246070, 0.738910, 0.452024 },
  { 192, 0.369214, 0.788888, 0.382914 },
  { 208, 0.515992, 0.831158, 0.294279 },
  { 224, 0.678489, 0.863742, 0.189503 },
  { 240, 0.845561, 0.887322, 0.099702 },
  { 255, 0.993248, 0.906157, 0.143936 },
};

/* Every 17th entry of cividis. */
static const Anchor cividis_anchors[] = {
  {   0, 0.000000, 0.135112, 0.304751 },
  {  17, 0.000000, 0.181610, 0.421859 },
  {  34, 0.117612, 0.225935, 0.434308 },
  {  51, 0.208926, 0.272546, 0.424809 },
  {  68, 0.279411, 0.318677, 0.423031 },
  {  85, 0.342246, 0.364939, 0.428559 },
  { 102, 0.401418, 0.411790, 0.440708 },
  { 119, 0.458366, 0.459552, 0.460457 },
  { 136, 0.517920, 0.508454, 0.472707 },
  { 153, 0.582087, 0.558670, 0.468118 },
  { 170, 0.648222, 0.610553, 0.454801 },
  { 187, 0.716177, 0.664384, 0.432386 },
  { 204, 0.785965, 0.720438, 0.399613 },
  { 221, 0.857809, 0.778969, 0.353259 },
  { 238, 0.932180, 0.840159, 0.285880 },
  { 255, 0.995737, 0.909344, 0.217772 },
};

/*
 * SCB's five områdestyper, from 1 (great socio-economic challenges) to 5
 * (very good conditions): dark red through a light sand to dark blue. The
 * red–blue axis stays apart under protanopia, deuteranopia and tritanopia
 * (the ends differ in blue–yellow and all five in lightness); the middle is
 * sand, not white or grey, so that it neither vanishes on a light map nor
 * reads as "no value".
 */
static const char omradestyp_colors[] = "b2182b ef8a62 f6e8c3 67a9cf 2166ac";
#define OMRADESTYP_N_COLORS 5

static const char * const scheme_names[] = {
  "Blues", "Greens", "Greys", "Oranges", "Purples", "Reds",
  "BuGn", "BuPu", "GnBu", "OrRd", "PuBu", "PuBuGn", "PuRd", "RdPu",
  "YlGn", "YlGnBu", "YlOrBr", "YlOrRd",
  "BrBG", "PiYG", "PRGn", "PuOr", "RdBu", "RdGy", "RdYlBu", "RdYlGn", "Spectral",
  "viridis", "cividis", "omradestyp",
  NULL
};

/* The default for measured values: ColorBrewer's YlGnBu. It is rated safe
 * for colour-blind readers, for print and for screens; its lightness runs
 * from near white to dark blue over all nine classes, so that "darker means
 * more" reads at once; and being neither red nor green it passes no judgement
 * on neutral indicators such as population. */
#define DEFAULT_SEQUENTIAL_SCHEME "YlGnBu"
#define CATEGORY_SCHEME "omradestyp"

struct _AtlasPalette
{
  gatomicrefcount ref;
  char           *scheme;
  gboolean        reversed;
  guint           n_colors;
  AtlasColor      colors[MAX_COLORS];
};

G_DEFINE_BOXED_TYPE (AtlasPalette, atlas_palette, atlas_palette_ref, atlas_palette_unref)

static const Scheme *
lookup_brewer (const char *scheme)
{
  for (guint i = 0; i < G_N_ELEMENTS (brewer_schemes); i++)
    {
      if (g_strcmp0 (brewer_schemes[i].name, scheme) == 0)
        return &brewer_schemes[i];
    }

  return NULL;
}

static gboolean
is_continuous (const char *scheme)
{
  return g_strcmp0 (scheme, "viridis") == 0 || g_strcmp0 (scheme, "cividis") == 0;
}

/**
 * atlas_palette_list_schemes:
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of every
 *   scheme, sequential first, then diverging, viridis, cividis, omradestyp
 */
const char * const *
atlas_palette_list_schemes (void)
{
  return scheme_names;
}

gboolean
atlas_palette_scheme_exists (const char *scheme)
{
  return scheme != NULL && g_strv_contains (scheme_names, scheme);
}

AtlasPaletteKind
atlas_palette_scheme_get_kind (const char *scheme)
{
  const Scheme *brewer = lookup_brewer (scheme);

  g_return_val_if_fail (atlas_palette_scheme_exists (scheme), ATLAS_PALETTE_KIND_SEQUENTIAL);

  if (brewer != NULL)
    return brewer->kind;
  if (is_continuous (scheme))
    return ATLAS_PALETTE_KIND_SEQUENTIAL;

  return ATLAS_PALETTE_KIND_CATEGORICAL;
}

/**
 * atlas_palette_scheme_get_label:
 * @scheme: a scheme name
 *
 * Returns: (transfer none): the translated name to show
 */
const char *
atlas_palette_scheme_get_label (const char *scheme)
{
  const Scheme *brewer = lookup_brewer (scheme);

  g_return_val_if_fail (atlas_palette_scheme_exists (scheme), NULL);

  if (brewer != NULL)
    return _(brewer->label);
  if (g_str_equal (scheme, "viridis"))
    return _("Viridis");
  if (g_str_equal (scheme, "cividis"))
    return _("Cividis");

  return _("Area types (SCB)");
}

gboolean
atlas_palette_scheme_is_colorblind_safe (const char *scheme)
{
  const Scheme *brewer = lookup_brewer (scheme);

  g_return_val_if_fail (atlas_palette_scheme_exists (scheme), FALSE);

  if (brewer != NULL)
    return brewer->colorblind_safe;

  /* viridis and cividis were designed for it; omradestyp was chosen for it */
  return TRUE;
}

/**
 * atlas_palette_default_scheme:
 * @indicator: an indicator
 *
 * Returns: (transfer none): "omradestyp" for category indicators, else the
 *   colour-blind-safe sequential default ("YlGnBu")
 */
const char *
atlas_palette_default_scheme (AtlasIndicator *indicator)
{
  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), DEFAULT_SEQUENTIAL_SCHEME);

  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
    return CATEGORY_SCHEME;

  return DEFAULT_SEQUENTIAL_SCHEME;
}

/**
 * atlas_palette_reverse_for_polarity:
 * @polarity: the indicator's polarity
 *
 * The rule for sequential schemes, which run light → dark for low → high
 * values: reverse them for higher-is-better indicators, so that darker
 * always means worse (or, for neutral indicators, more).
 *
 * Returns: whether a sequential scheme must run reversed
 */
gboolean
atlas_palette_reverse_for_polarity (AtlasPolarity polarity)
{
  return polarity == ATLAS_POLARITY_HIGHER_IS_BETTER;
}

/**
 * atlas_palette_scheme_reverse_for_polarity:
 * @scheme: a scheme name
 * @polarity: the indicator's polarity
 *
 * Like atlas_palette_reverse_for_polarity() but right for every kind of
 * scheme. Diverging schemes run from their warm end (red, brown, pink,
 * purple) for low values to their cool end for high values; warm should mean
 * worse, so they are reversed for lower-is-better indicators instead.
 * Categorical schemes are never reversed.
 *
 * Returns: whether @scheme must run reversed
 */
gboolean
atlas_palette_scheme_reverse_for_polarity (const char    *scheme,
                                           AtlasPolarity  polarity)
{
  g_return_val_if_fail (atlas_palette_scheme_exists (scheme), FALSE);

  switch (atlas_palette_scheme_get_kind (scheme))
    {
    case ATLAS_PALETTE_KIND_SEQUENTIAL:
      return atlas_palette_reverse_for_polarity (polarity);
    case ATLAS_PALETTE_KIND_DIVERGING:
      return polarity == ATLAS_POLARITY_LOWER_IS_BETTER;
    case ATLAS_PALETTE_KIND_CATEGORICAL:
    default:
      return FALSE;
    }
}

/* Parses "rrggbb rrggbb …" (trusted static tables) into @colors. */
static guint
parse_color_list (const char *list,
                  AtlasColor *colors,
                  guint       max_colors)
{
  g_auto(GStrv) words = g_strsplit (list, " ", -1);
  guint n = 0;

  for (; words[n] != NULL && n < max_colors; n++)
    {
      g_autofree char *hex = g_strconcat ("#", words[n], NULL);
      gboolean ok = atlas_color_parse_hex (hex, &colors[n]);

      g_assert (ok);
    }

  return n;
}

static void
fill_brewer (AtlasPalette *self,
             const Scheme *brewer)
{
  AtlasColor three[3];

  if (self->n_colors >= 3)
    {
      parse_color_list (brewer->sets[self->n_colors - 3], self->colors, self->n_colors);
      return;
    }

  /* Two classes: the ends of the published three-class set. */
  parse_color_list (brewer->sets[0], three, 3);
  self->colors[0] = three[0];
  self->colors[1] = three[2];
}

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
linear_to_srgb (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1.0 / 2.4) - 0.055;
}

/* Oklab (Björn Ottosson 2020) from and to sRGB; lab[0] is lightness. */
static void
color_to_oklab (const AtlasColor *color,
                double            lab[3])
{
  double r = srgb_to_linear (color->red);
  double g = srgb_to_linear (color->green);
  double b = srgb_to_linear (color->blue);
  double l = cbrt (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  double m = cbrt (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  double s = cbrt (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);

  lab[0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
  lab[1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
  lab[2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
}

static void
oklab_to_color (const double  lab[3],
                AtlasColor   *color)
{
  double l = lab[0] + 0.3963377774 * lab[1] + 0.2158037573 * lab[2];
  double m = lab[0] - 0.1055613458 * lab[1] - 0.0638541728 * lab[2];
  double s = lab[0] - 0.0894841775 * lab[1] - 1.2914855480 * lab[2];

  l = l * l * l;
  m = m * m * m;
  s = s * s * s;
  color->red = linear_to_srgb (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
  color->green = linear_to_srgb (-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
  color->blue = linear_to_srgb (-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
}

/* The continuous map at position t (0–1) of its 256-entry table. */
static void
sample_anchors (const Anchor *anchors,
                guint         n_anchors,
                double        t,
                AtlasColor   *color)
{
  double position = CLAMP (t, 0.0, 1.0) * 255.0;
  guint i = 0;
  double lab_a[3], lab_b[3], lab[3], f;
  AtlasColor a, b;

  while (i + 2 < n_anchors && anchors[i + 1].index <= position)
    i++;

  a = (AtlasColor) { anchors[i].red, anchors[i].green, anchors[i].blue };
  b = (AtlasColor) { anchors[i + 1].red, anchors[i + 1].green, anchors[i + 1].blue };
  f = (position - anchors[i].index) / (anchors[i + 1].index - anchors[i].index);
  color_to_oklab (&a, lab_a);
  color_to_oklab (&b, lab_b);
  for (guint k = 0; k < 3; k++)
    lab[k] = lab_a[k] + f * (lab_b[k] - lab_a[k]);
  oklab_to_color (lab, color);
}

/* Sequential schemes run light → dark, so the continuous maps are read from
 * their light (yellow) end. */
static void
fill_continuous (AtlasPalette *self)
{
  gboolean viridis = g_str_equal (self->scheme, "viridis");
  const Anchor *anchors = viridis ? viridis_anchors : cividis_anchors;
  guint n_anchors = viridis ? G_N_ELEMENTS (viridis_anchors) : G_N_ELEMENTS (cividis_anchors);

  for (guint i = 0; i < self->n_colors; i++)
    {
      double t = 1.0 - (double) i / (self->n_colors - 1);

      sample_anchors (anchors, n_anchors, t, &self->colors[i]);
    }
}

static gboolean
check_n_colors (const char  *scheme,
                guint        n_colors,
                GError     **error)
{
  if (g_str_equal (scheme, CATEGORY_SCHEME) && n_colors != OMRADESTYP_N_COLORS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The scheme “%s” has exactly %d colours, not %u"),
                   scheme, OMRADESTYP_N_COLORS, n_colors);
      return FALSE;
    }
  if (n_colors < 2 || n_colors > MAX_COLORS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot make a palette of %u colours: it must have from 2 to %d"),
                   n_colors, MAX_COLORS);
      return FALSE;
    }

  return TRUE;
}

static void
reverse_colors (AtlasPalette *self)
{
  for (guint i = 0; i < self->n_colors / 2; i++)
    {
      AtlasColor tmp = self->colors[i];

      self->colors[i] = self->colors[self->n_colors - 1 - i];
      self->colors[self->n_colors - 1 - i] = tmp;
    }
}

/**
 * atlas_palette_new:
 * @scheme: a scheme name from atlas_palette_list_schemes()
 * @n_colors: 2 to 9 colours; exactly 5 for "omradestyp"
 * @reverse: run the scheme backwards
 * @error: return location for a #GError
 *
 * ColorBrewer schemes give their published set for 3 to 9 colours and the
 * two ends of the 3-colour set for 2; viridis and cividis are sampled at
 * evenly spaced positions from their light end.
 *
 * Errors: %ATLAS_DATASET_ERROR_UNKNOWN for an unknown scheme,
 * %G_IO_ERROR_INVALID_ARGUMENT for a number of colours the scheme cannot give.
 *
 * Returns: (transfer full) (nullable): the palette
 */
AtlasPalette *
atlas_palette_new (const char  *scheme,
                   guint        n_colors,
                   gboolean     reverse,
                   GError     **error)
{
  AtlasPalette *self;
  const Scheme *brewer;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!atlas_palette_scheme_exists (scheme))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) scheme_names);

      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_UNKNOWN,
                   _("Unknown colour scheme “%s”; known schemes: %s"),
                   scheme != NULL ? scheme : "", known);
      return NULL;
    }
  if (!check_n_colors (scheme, n_colors, error))
    return NULL;

  self = g_new0 (AtlasPalette, 1);
  g_atomic_ref_count_init (&self->ref);
  self->scheme = g_strdup (scheme);
  self->n_colors = n_colors;
  self->reversed = reverse;

  brewer = lookup_brewer (scheme);
  if (brewer != NULL)
    fill_brewer (self, brewer);
  else if (is_continuous (scheme))
    fill_continuous (self);
  else
    parse_color_list (omradestyp_colors, self->colors, OMRADESTYP_N_COLORS);

  if (reverse)
    reverse_colors (self);

  return self;
}

/**
 * atlas_palette_new_for_categories:
 * @indicator: a category indicator
 * @error: return location for a #GError
 *
 * A package states the official colours of its categories; maps, legends
 * and figures use exactly those, in the order of the categories.
 *
 * Errors: %G_IO_ERROR_INVALID_ARGUMENT when the indicator has no categories
 * or more than a palette holds.
 *
 * Returns: (transfer full) (nullable): the palette
 */
AtlasPalette *
atlas_palette_new_for_categories (AtlasIndicator  *indicator,
                                  GError         **error)
{
  guint n = atlas_indicator_get_n_categories (indicator);
  AtlasPalette *self;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  if (n == 0 || n > G_N_ELEMENTS (self->colors))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The indicator “%s” has %u categories; expected 1 to %u"),
                   atlas_indicator_get_id (indicator), n, (guint) G_N_ELEMENTS (self->colors));
      return NULL;
    }

  self = g_new0 (AtlasPalette, 1);
  g_atomic_ref_count_init (&self->ref);
  self->scheme = g_strdup ("categories");
  self->n_colors = n;
  for (guint i = 0; i < n; i++)
    {
      const AtlasCategory *category = atlas_indicator_get_category (indicator, i);

      self->colors[i] = (AtlasColor) { category->red, category->green, category->blue };
    }

  return self;
}

/**
 * atlas_palette_new_for_indicator:
 * @indicator: the indicator the colours are for
 * @scheme: (nullable): a scheme name, or %NULL or "" for the default;
 *   an unknown name is %ATLAS_DATASET_ERROR_UNKNOWN
 * @n_colors: the number of classes
 * @user_reverse: the user's reverse toggle
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the palette
 */
AtlasPalette *
atlas_palette_new_for_indicator (AtlasIndicator  *indicator,
                                 const char      *scheme,
                                 guint            n_colors,
                                 gboolean         user_reverse,
                                 GError         **error)
{
  gboolean reverse;

  g_return_val_if_fail (ATLAS_IS_INDICATOR (indicator), NULL);

  if (atlas_indicator_get_unit (indicator) == ATLAS_UNIT_CATEGORY)
    return atlas_palette_new_for_categories (indicator, error);

  if (scheme == NULL || *scheme == '\0')
    scheme = atlas_palette_default_scheme (indicator);
  else if (!atlas_palette_scheme_exists (scheme))
    return atlas_palette_new (scheme, n_colors, FALSE, error);

  reverse = atlas_palette_scheme_reverse_for_polarity (scheme, atlas_indicator_get_polarity (indicator));
  if (atlas_palette_scheme_get_kind (scheme) != ATLAS_PALETTE_KIND_CATEGORICAL)
    reverse = reverse != user_reverse;

  return atlas_palette_new (scheme, CLAMP (n_colors, 2, MAX_COLORS), reverse, error);
}

/**
 * atlas_palette_ref:
 * @self: a palette
 *
 * Returns: (transfer full): @self
 */
AtlasPalette *
atlas_palette_ref (AtlasPalette *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * atlas_palette_unref:
 * @self: (transfer full): a palette
 */
void
atlas_palette_unref (AtlasPalette *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref))
    {
      g_free (self->scheme);
      g_free (self);
    }
}

const char *
atlas_palette_get_scheme (const AtlasPalette *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scheme;
}

guint
atlas_palette_get_n_colors (const AtlasPalette *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_colors;
}

gboolean
atlas_palette_is_reversed (const AtlasPalette *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->reversed;
}

/**
 * atlas_palette_get_color:
 * @self: a palette
 * @index: 0 to n_colors − 1
 *
 * Returns: (transfer none): the colour of class @index
 */
const AtlasColor *
atlas_palette_get_color (const AtlasPalette *self,
                         guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_colors, NULL);

  return &self->colors[index];
}

/**
 * atlas_palette_get_missing_color:
 * @color: (out caller-allocates): the colour for areas without a value
 *
 * A neutral light grey (#cccccc): no hue, so that it is not read as a class
 * of any scheme, and darker than every scheme's lightest colour.
 */
void
atlas_palette_get_missing_color (AtlasColor *color)
{
  g_return_if_fail (color != NULL);

  color->red = color->green = color->blue = 0xcc / 255.0;
}

/* Machado, Oliveira and Fernandes (2009), "A physiologically-based model for
 * simulation of color vision deficiency", severity 1.0; for linear RGB. */
static const double machado_matrices[][3][3] = {
  [ATLAS_CVD_PROTANOPIA] = {
    {  0.152286,  1.052583, -0.204868 },
    {  0.114503,  0.786281,  0.099216 },
    { -0.003882, -0.048116,  1.051998 },
  },
  [ATLAS_CVD_DEUTERANOPIA] = {
    {  0.367322,  0.860646, -0.227968 },
    {  0.280085,  0.672501,  0.047413 },
    { -0.011820,  0.042940,  0.968881 },
  },
  [ATLAS_CVD_TRITANOPIA] = {
    {  1.255528, -0.076749, -0.178779 },
    { -0.078411,  0.930809,  0.147602 },
    {  0.004733,  0.691367,  0.303900 },
  },
};

/**
 * atlas_color_simulate_cvd:
 * @color: an sRGB colour
 * @cvd: the colour-vision deficiency to simulate
 * @result: (out caller-allocates): how @color looks with @cvd
 *
 * Applies the Machado et al. (2009) matrix for severity 1.0 in linear RGB
 * and clamps the result to the sRGB gamut. @result may be @color.
 */
void
atlas_color_simulate_cvd (const AtlasColor *color,
                          AtlasCvd          cvd,
                          AtlasColor       *result)
{
  double in[3], out[3];
  const double (*m)[3];

  g_return_if_fail (color != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (cvd <= ATLAS_CVD_TRITANOPIA);

  if (cvd == ATLAS_CVD_NONE)
    {
      *result = *color;
      return;
    }

  m = machado_matrices[cvd];
  in[0] = srgb_to_linear (color->red);
  in[1] = srgb_to_linear (color->green);
  in[2] = srgb_to_linear (color->blue);
  for (guint i = 0; i < 3; i++)
    out[i] = m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2];

  result->red = linear_to_srgb (out[0]);
  result->green = linear_to_srgb (out[1]);
  result->blue = linear_to_srgb (out[2]);
}

static guint
component_to_byte (double c)
{
  return (guint) lround (CLAMP (c, 0.0, 1.0) * 255.0);
}

/**
 * atlas_color_to_hex:
 * @color: a colour
 *
 * Returns: (transfer full): "#rrggbb" in lower case; components outside 0–1
 *   are clamped
 */
char *
atlas_color_to_hex (const AtlasColor *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x", component_to_byte (color->red),
                          component_to_byte (color->green),
                          component_to_byte (color->blue));
}

/**
 * atlas_color_parse_hex:
 * @hex: "#rrggbb", either case
 * @color: (out caller-allocates): the colour
 *
 * Returns: %TRUE when @hex is exactly "#" and six hexadecimal digits;
 *   @color is left alone otherwise
 */
gboolean
atlas_color_parse_hex (const char *hex,
                       AtlasColor *color)
{
  int digits[6];

  g_return_val_if_fail (color != NULL, FALSE);

  if (hex == NULL || hex[0] != '#' || strlen (hex) != 7)
    return FALSE;

  for (guint i = 0; i < 6; i++)
    {
      digits[i] = g_ascii_xdigit_value (hex[i + 1]);
      if (digits[i] < 0)
        return FALSE;
    }

  color->red = (digits[0] * 16 + digits[1]) / 255.0;
  color->green = (digits[2] * 16 + digits[3]) / 255.0;
  color->blue = (digits[4] * 16 + digits[5]) / 255.0;
  return TRUE;
}
