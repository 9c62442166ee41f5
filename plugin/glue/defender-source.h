#ifndef DEFENDER_SOURCE_H_INCLUDED
#define DEFENDER_SOURCE_H_INCLUDED

#include "driver.h"
#include "boundary/core.h"

LogDriver *defender_sd_new(GlobalConfig *cfg);

/* Option setters for the grammar: FALSE with a message for the person writing the configuration in err. */
gboolean defender_sd_set_string(LogDriver *d, DefenderOption option, const gchar *value, gchar *err, gsize err_len);
gboolean defender_sd_set_number(LogDriver *d, DefenderOption option, gint64 value, gchar *err, gsize err_len);
gboolean defender_sd_set_bool(LogDriver *d, DefenderOption option, gboolean value, gchar *err, gsize err_len);
/* On failure *culprit names the option at fault (DEFENDER_OPTION_COUNT: the block as a whole). */
gboolean defender_sd_validate(LogDriver *d, DefenderOption *culprit, gchar *err, gsize err_len);

#endif
