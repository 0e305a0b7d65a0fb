/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The one header the app and the CLI include. */

#include "atlas-area.h"
#include "atlas-basemap.h"
#include "atlas-class-breaks.h"
#include "atlas-class-labels.h"
#include "atlas-classification.h"
#include "atlas-comparison.h"
#include "atlas-comparison-row.h"
#include "atlas-comparison-export.h"
#include "atlas-dataset.h"
#include "atlas-division.h"
#include "atlas-enum-types.h"
#include "atlas-error.h"
#include "atlas-figure.h"
#include "atlas-geometry.h"
#include "atlas-indicator.h"
#include "atlas-map-renderer.h"
#include "atlas-palette.h"
#include "atlas-rank.h"
#include "atlas-saved-view.h"
#include "atlas-theme.h"
#include "atlas-trend-chart.h"
#include "atlas-types.h"
