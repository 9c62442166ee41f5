/*
 * The source's position in syslog-ng's persist file.
 *
 * Two slots hold the core's checkpoint bytes, each as a run of fixed-size entries (syslog-ng 3.38 refuses entries
 * much above 8 KiB); each write goes to the older slot, so a write torn by kill -9 leaves the newer whole copy in
 * place. One more small entry holds the newest acknowledged sequence number: it is written on every bookmark save,
 * on whichever thread acknowledges, without touching the slots.
 *
 * syslog-ng's persist state guards mapping against the file growing, but not its table of names, which it makes
 * entries in only on the main thread: one made while another thread makes or looks one up can file a name under
 * another's entry. So the first chunks of both slots are made in init, on the main thread, and a checkpoint that
 * grows past them makes more from the fetcher thread; every lookup and every entry made by this module's sources
 * happens under defender_persist_lock().
 */
#ifndef DEFENDER_CHECKPOINT_H_INCLUDED
#define DEFENDER_CHECKPOINT_H_INCLUDED

#include "syslog-ng.h"
#include "persist-state.h"

typedef struct _DefenderCheckpointStore
{
  PersistState *state;
  gchar *slot_names[2];
  gchar *acked_name;
  PersistEntryHandle acked_handle;
  gint next_slot;
} DefenderCheckpointStore;

/* Opens (creating the acknowledgement entry if needed) and copies the newest whole checkpoint into *data
 * (g_free it; NULL when there is none) and the acknowledged sequence into *acked_sequence. */
gboolean defender_checkpoint_store_open(DefenderCheckpointStore *self, PersistState *state, const gchar *persist_name,
                                        gpointer *data, gsize *len, guint64 *acked_sequence);
void defender_checkpoint_store_write(DefenderCheckpointStore *self, gconstpointer data, gsize len);
void defender_checkpoint_store_close(DefenderCheckpointStore *self);

/* Held around every persist_state_lookup_entry() and persist_state_alloc_entry() of the module's sources. */
void defender_persist_lock(void);
void defender_persist_unlock(void);

/* Any thread: records that every message up to sequence was acknowledged. */
void defender_checkpoint_store_acknowledge(PersistState *state, PersistEntryHandle acked_handle, guint64 sequence);

#endif
