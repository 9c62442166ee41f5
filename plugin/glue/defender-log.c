#include "defender-log.h"
#include "messages.h"

void
defender_log_send(LogPipe *pipe, const gchar *prefix, DefenderLogLevel level, const gchar *message,
                  const DefenderLogTag *tags, gsize tag_count)
{
  static const gint priorities[] = {
    [DEFENDER_LOG_ERROR] = EVT_PRI_ERR,     [DEFENDER_LOG_WARNING] = EVT_PRI_WARNING,
    [DEFENDER_LOG_NOTICE] = EVT_PRI_NOTICE, [DEFENDER_LOG_INFO] = EVT_PRI_INFO,
    [DEFENDER_LOG_DEBUG] = EVT_PRI_DEBUG,
  };
  if (level == DEFENDER_LOG_DEBUG && !debug_flag)
    return;

  gchar *text = g_strdup_printf("%s: %s", prefix, message);
  EVTREC *event = msg_event_create(priorities[level], text, NULL);
  g_free(text);
  for (gsize i = 0; i < tag_count; i++)
    evt_rec_add_tag(event, evt_tag_str(tags[i].name, tags[i].value));
  /* While the configuration is read the source has no place in it yet; its tags say which it is. */
  if (pipe->expr_node)
    evt_rec_add_tag(event, log_pipe_location_tag(pipe));
  msg_event_suppress_recursions_and_send(event);
}
