/* Every difference between the syslog-ng versions the glue supports (3.38, 4.x), in one place. */
#ifndef DEFENDER_SNG_COMPAT_H_INCLUDED
#define DEFENDER_SNG_COMPAT_H_INCLUDED

#include "syslog-ng.h"
#include "versioning.h"
#include "cfg.h"
#include "logthrsource/logthrsourcedrv.h"

#ifndef DEFENDER_SYSLOG_NG_VERSION_CODE
#error "DEFENDER_SYSLOG_NG_VERSION_CODE comes from CMake (pkg-config --modversion syslog-ng)"
#endif
#define DEFENDER_SNG_AT_LEAST(maj, min) (DEFENDER_SYSLOG_NG_VERSION_CODE >= ((maj) *10000 + (min) *100))

/* pkg-config and the headers must describe the same syslog-ng */
G_STATIC_ASSERT(VERSION_VALUE_CURRENT ==
                (((DEFENDER_SYSLOG_NG_VERSION_CODE / 10000) << 8) | ((DEFENDER_SYSLOG_NG_VERSION_CODE / 100) % 100)));

#define DEFENDER_SNG_STATS_KEY_BUILDER DEFENDER_SNG_AT_LEAST(4, 2) /* format_stats_key(kb), labelled single keys */
#define DEFENDER_SNG_SOURCE_WORKERS DEFENDER_SNG_AT_LEAST(4, 6)    /* LogThreadedSourceDriver.workers[] */
#define DEFENDER_SNG_PERSIST_ADD_4ARGS DEFENDER_SNG_AT_LEAST(4, 0) /* cfg_persist_config_add() without force */

/* The source's one worker: its window, its ack tracker. */
static inline LogSource *
defender_sng_worker_source(LogThreadedSourceDriver *driver)
{
#if DEFENDER_SNG_SOURCE_WORKERS
  return &driver->workers[0]->super;
#else
  return &driver->worker->super;
#endif
}

static inline AckTracker *
defender_sng_ack_tracker(LogThreadedSourceDriver *driver)
{
  return defender_sng_worker_source(driver)->ack_tracker;
}

/* Posts a message from the fetcher thread besides the one fetch() returns. */
static inline void
defender_sng_post(LogThreadedSourceDriver *driver, LogMessage *msg)
{
#if DEFENDER_SNG_SOURCE_WORKERS
  log_threaded_source_worker_post(driver->workers[0], msg);
#else
  log_threaded_source_post(driver, msg);
#endif
}

/* Keeps value for the next configuration (a reload); an entry already there is replaced. */
static inline void
defender_sng_persist_config_add(GlobalConfig *cfg, const gchar *name, gpointer value, GDestroyNotify destroy)
{
#if DEFENDER_SNG_PERSIST_ADD_4ARGS
  cfg_persist_config_add(cfg, name, value, destroy);
#else
  cfg_persist_config_add(cfg, name, value, destroy, FALSE);
#endif
}

#endif
