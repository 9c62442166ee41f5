#ifndef DEFENDER_SOURCE_H_INCLUDED
#define DEFENDER_SOURCE_H_INCLUDED

#include "driver.h"
#include "boundary/core.h"

LogDriver *defender_sd_new(GlobalConfig *cfg);

/* The options the grammar sets (core.h's setters). */
DefenderOptions *defender_sd_options(LogDriver *d);
/* On failure *culprit names the option at fault (DEFENDER_OPTION_COUNT: the block as a whole). */
gboolean defender_sd_validate(LogDriver *d, DefenderOption *culprit, gchar *err, gsize err_len);

#endif
