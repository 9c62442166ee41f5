/*
 * The source's position in syslog-ng's persist file.
 *
 * Two slots hold the core's checkpoint bytes, each as a run of fixed-size entries (syslog-ng 3.38 refuses entries
 * much above 8 KiB); each write goes to the older slot, so a write torn by kill -9 leaves the newer whole copy in
 * place. One more small entry holds the newest acknowledged sequence number: it is written on every bookmark save,
 * on whichever thread acknowledges, without touching the slots.
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

/* Any thread: records that every message up to sequence was acknowledged. */
void defender_checkpoint_store_acknowledge(PersistState *state, PersistEntryHandle acked_handle, guint64 sequence);

#endif
