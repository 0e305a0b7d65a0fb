/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_APPLICATION (atlas_application_get_type ())
G_DECLARE_FINAL_TYPE (AtlasApplication, atlas_application, ATLAS, APPLICATION, AdwApplication)

AtlasApplication *atlas_application_new          (void);
/* The application's settings (schema se.platsatlas.Platsatlas). */
GSettings        *atlas_application_get_settings (AtlasApplication *self);

G_END_DECLS
