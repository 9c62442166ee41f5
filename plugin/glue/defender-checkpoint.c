#include "defender-checkpoint.h"
#include "boundary/core.h"

#include <string.h>

#define DEFENDER_ACKED_MAGIC 0x4b434144u /* "DACK" */

typedef struct _DefenderAckedEntry
{
  guint32 magic;
  guint32 reserved;
  guint64 sequence;
} DefenderAckedEntry;

G_LOCK_DEFINE_STATIC(persist_names);

void
defender_persist_lock(void)
{
  G_LOCK(persist_names);
}

void
defender_persist_unlock(void)
{
  G_UNLOCK(persist_names);
}

/* syslog-ng 3.38 aborts on a persist entry much above 8 KiB, so a checkpoint is kept in chunks of this size. */
#define DEFENDER_CHUNK_SIZE 8000
/* Made in init, on the main thread, as syslog-ng wants entries made: a checkpoint of up to this many chunks is written
 * without making an entry from the fetcher thread. */
#define DEFENDER_PREALLOCATED_CHUNKS 2

static gchar *
_chunk_name(DefenderCheckpointStore *self, gint slot, guint chunk)
{
  return g_strdup_printf("%s.%u", self->slot_names[slot], chunk);
}

/* The slot's chunks in order, concatenated; the checkpoint inside says where it ends. */
static GByteArray *
_read_slot(DefenderCheckpointStore *self, gint slot)
{
  GByteArray *bytes = g_byte_array_new();
  for (guint chunk = 0;; chunk++)
    {
      gchar *name = _chunk_name(self, slot, chunk);
      guint8 version;
      gsize size;
      PersistEntryHandle handle = persist_state_lookup_entry(self->state, name, &size, &version);
      g_free(name);
      if (!handle)
        break;
      g_byte_array_append(bytes, persist_state_map_entry(self->state, handle), size);
      persist_state_unmap_entry(self->state, handle);
    }
  return bytes;
}

/* The chunk's entry, made if it is missing or of another size. */
static PersistEntryHandle
_chunk_entry(DefenderCheckpointStore *self, gint slot, guint chunk)
{
  gchar *name = _chunk_name(self, slot, chunk);
  guint8 version;
  gsize size;
  PersistEntryHandle handle = persist_state_lookup_entry(self->state, name, &size, &version);
  if (!handle || size != DEFENDER_CHUNK_SIZE)
    handle = persist_state_alloc_entry(self->state, name, DEFENDER_CHUNK_SIZE);
  g_free(name);
  return handle;
}

static guint64
_open_acked_entry(DefenderCheckpointStore *self)
{
  guint8 version;
  gsize size;
  self->acked_handle = persist_state_lookup_entry(self->state, self->acked_name, &size, &version);
  if (self->acked_handle && size >= sizeof(DefenderAckedEntry))
    {
      DefenderAckedEntry *entry = persist_state_map_entry(self->state, self->acked_handle);
      guint64 sequence = entry->magic == DEFENDER_ACKED_MAGIC ? entry->sequence : 0;
      persist_state_unmap_entry(self->state, self->acked_handle);
      return sequence;
    }
  self->acked_handle = persist_state_alloc_entry(self->state, self->acked_name, sizeof(DefenderAckedEntry));
  if (!self->acked_handle)
    return 0;
  DefenderAckedEntry *entry = persist_state_map_entry(self->state, self->acked_handle);
  *entry = (DefenderAckedEntry){ .magic = DEFENDER_ACKED_MAGIC, .sequence = 0 };
  persist_state_unmap_entry(self->state, self->acked_handle);
  return 0;
}

gboolean
defender_checkpoint_store_open(DefenderCheckpointStore *self, PersistState *state, const gchar *persist_name,
                               gpointer *data, gsize *len, guint64 *acked_sequence)
{
  self->state = state;
  self->slot_names[0] = g_strdup_printf("%s.checkpoint-a", persist_name);
  self->slot_names[1] = g_strdup_printf("%s.checkpoint-b", persist_name);
  self->acked_name = g_strdup_printf("%s.acked", persist_name);

  gint64 best_generation = -1;
  *data = NULL;
  *len = 0;
  self->next_slot = 0;
  defender_persist_lock();
  for (gint slot = 0; slot < 2; slot++)
    {
      GByteArray *bytes = _read_slot(self, slot);
      gint64 generation = defender_checkpoint_generation(bytes->data, bytes->len);
      if (generation > best_generation)
        {
          g_free(*data);
          *len = bytes->len;
          *data = g_byte_array_free(bytes, FALSE);
          best_generation = generation;
          self->next_slot = 1 - slot;
        }
      else
        {
          g_byte_array_free(bytes, TRUE);
        }
    }
  *acked_sequence = _open_acked_entry(self);
  for (gint slot = 0; slot < 2; slot++)
    for (guint chunk = 0; chunk < DEFENDER_PREALLOCATED_CHUNKS; chunk++)
      _chunk_entry(self, slot, chunk);
  defender_persist_unlock();
  return self->acked_handle != 0;
}

void
defender_checkpoint_store_write(DefenderCheckpointStore *self, gconstpointer data, gsize len)
{
  defender_persist_lock();
  for (guint chunk = 0; chunk * DEFENDER_CHUNK_SIZE < len; chunk++)
    {
      PersistEntryHandle handle = _chunk_entry(self, self->next_slot, chunk);
      if (!handle)
        {
          defender_persist_unlock();
          return;
        }
      gsize offset = chunk * DEFENDER_CHUNK_SIZE;
      memcpy(persist_state_map_entry(self->state, handle), (const guint8 *) data + offset,
             MIN(DEFENDER_CHUNK_SIZE, len - offset));
      persist_state_unmap_entry(self->state, handle);
    }
  defender_persist_unlock();
  self->next_slot = 1 - self->next_slot;
}

void
defender_checkpoint_store_acknowledge(PersistState *state, PersistEntryHandle acked_handle, guint64 sequence)
{
  DefenderAckedEntry *entry = persist_state_map_entry(state, acked_handle);
  if (entry->magic == DEFENDER_ACKED_MAGIC && sequence > entry->sequence)
    entry->sequence = sequence;
  persist_state_unmap_entry(state, acked_handle);
}

void
defender_checkpoint_store_close(DefenderCheckpointStore *self)
{
  g_free(self->slot_names[0]);
  g_free(self->slot_names[1]);
  g_free(self->acked_name);
  memset(self, 0, sizeof(*self));
}
