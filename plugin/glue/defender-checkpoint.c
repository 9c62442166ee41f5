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

/* syslog-ng 3.38 aborts on a persist entry much above 8 KiB, so a checkpoint is kept in chunks of this size. */
#define DEFENDER_CHUNK_SIZE 8000

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
  return self->acked_handle != 0;
}

void
defender_checkpoint_store_write(DefenderCheckpointStore *self, gconstpointer data, gsize len)
{
  for (guint chunk = 0; chunk * DEFENDER_CHUNK_SIZE < len; chunk++)
    {
      gchar *name = _chunk_name(self, self->next_slot, chunk);
      guint8 version;
      gsize size;
      PersistEntryHandle handle = persist_state_lookup_entry(self->state, name, &size, &version);
      if (!handle || size != DEFENDER_CHUNK_SIZE)
        handle = persist_state_alloc_entry(self->state, name, DEFENDER_CHUNK_SIZE);
      g_free(name);
      if (!handle)
        return;
      gsize offset = chunk * DEFENDER_CHUNK_SIZE;
      memcpy(persist_state_map_entry(self->state, handle), (const guint8 *) data + offset,
             MIN(DEFENDER_CHUNK_SIZE, len - offset));
      persist_state_unmap_entry(self->state, handle);
    }
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
