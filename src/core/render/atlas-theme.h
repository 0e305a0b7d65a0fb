/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_THEME (atlas_theme_get_type ())
G_DECLARE_FINAL_TYPE (AtlasTheme, atlas_theme, ATLAS, THEME, GObject)

AtlasTheme *atlas_theme_new      (const char      *id,
                                  const AtlasText *name);
const char *atlas_theme_get_id   (AtlasTheme *self);
/* lang: "sv", "en" or NULL for atlas_language() */
const char *atlas_theme_get_name (AtlasTheme *self,
                                  const char *lang);

G_END_DECLS
