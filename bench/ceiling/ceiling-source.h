#ifndef CEILING_SOURCE_H_INCLUDED
#define CEILING_SOURCE_H_INCLUDED

#include "driver.h"

LogDriver *ceiling_sd_new(GlobalConfig *cfg);
void ceiling_sd_set_messages(LogDriver *d, gint64 messages);
void ceiling_sd_set_message_size(LogDriver *d, gint64 size);
void ceiling_sd_set_pairs(LogDriver *d, gint64 pairs);
void ceiling_sd_set_pair_size(LogDriver *d, gint64 size);
void ceiling_sd_set_burst(LogDriver *d, gint64 burst);

#endif
