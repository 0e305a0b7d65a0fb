/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "atlas-error.h"

G_DEFINE_QUARK (atlas-dataset-error-quark, atlas_dataset_error)

G_DEFINE_BOXED_TYPE (AtlasProblem, atlas_problem,
                     atlas_problem_copy, atlas_problem_free)

/**
 * atlas_problem_new:
 * @file: the file relative to the package root
 * @location: (nullable): the place in the file, or %NULL for the whole file
 * @message: what is wrong and what was expected
 *
 * Returns: (transfer full): a new problem
 */
AtlasProblem *
atlas_problem_new (const char *file,
                   const char *location,
                   const char *message)
{
  AtlasProblem *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (AtlasProblem, 1);
  self->file = g_strdup (file);
  self->location = g_strdup (location);
  self->message = g_strdup (message);

  return self;
}

/**
 * atlas_problem_copy:
 * @self: a problem
 *
 * Returns: (transfer full): a copy of @self
 */
AtlasProblem *
atlas_problem_copy (const AtlasProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return atlas_problem_new (self->file, self->location, self->message);
}

void
atlas_problem_free (AtlasProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_free (self->location);
  g_free (self->message);
  g_free (self);
}

/**
 * atlas_problem_to_string:
 * @self: a problem
 *
 * Formats the problem on one line the way the CLI and error messages show
 * it: "values/2014.csv, line 12: unknown area code …".
 *
 * Returns: (transfer full): the problem as text
 */
char *
atlas_problem_to_string (const AtlasProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->file != NULL && self->location != NULL)
    return g_strdup_printf ("%s, %s: %s", self->file, self->location, self->message);
  if (self->file != NULL)
    return g_strdup_printf ("%s: %s", self->file, self->message);
  if (self->location != NULL)
    return g_strdup_printf ("%s: %s", self->location, self->message);

  return g_strdup (self->message);
}
