/*
 * Every option of microsoft-defender() and microsoft-defender-stream(), once: define
 * DEFENDER_OPTION(suffix, keyword, kind, drivers), then include this file (it undefines the macro at its end). From
 * it come the enum DefenderOption (core.h), the names of defender_option_name(), the glue's keyword table and grammar
 * rules, and option_kind() and option_applies() (config/option_kind.h).
 *
 *   suffix   DEFENDER_OPTION_<suffix>, and the grammar's token KW_<suffix>
 *   keyword  as syslog-ng's lexer matches it, with underscores (it reads tenant-id and tenant_id alike);
 *            defender_option_name() and docs/options.md write it with dashes
 *   kind     the value it takes: text, number, yes_no, text_list (one text or more, repeatable; each is set
 *            on its own, as text), or text_pair (a name and a value: kafka-option("name" "value"), repeatable)
 *   drivers  which driver takes it: poll (microsoft-defender()), stream (microsoft-defender-stream()) or both
 *
 * A new option also needs its setter (config/option_setters.cpp; a number, its range there too), the member of
 * Options that holds it, and its row in docs/options.md (a unit test compares the two lists).
 * FORMAT and FILTER are syslog-ng's own keywords: their tokens are those of syslog-ng's grammar.
 */
#ifndef DEFENDER_OPTION
#error "define DEFENDER_OPTION(suffix, keyword, kind, drivers) before including boundary/option_list.h"
#endif

DEFENDER_OPTION(TENANT_ID, "tenant_id", text, both)
DEFENDER_OPTION(CLIENT_ID, "client_id", text, both)
DEFENDER_OPTION(CLIENT_SECRET, "client_secret", text, both)
DEFENDER_OPTION(CLIENT_SECRET_FILE, "client_secret_file", text, both)
DEFENDER_OPTION(API, "api", text, poll)
DEFENDER_OPTION(CLOUD, "cloud", text, both)
DEFENDER_OPTION(LOGIN_URL, "login_url", text, both)
DEFENDER_OPTION(API_URL, "api_url", text, poll)
DEFENDER_OPTION(CA_FILE, "ca_file", text, both)
DEFENDER_OPTION(FORMAT, "format", text, both)
DEFENDER_OPTION(POLL_INTERVAL, "poll_interval", number, poll)
DEFENDER_OPTION(PAGE_SIZE, "page_size", number, poll)
DEFENDER_OPTION(INITIAL_LOOKBACK, "initial_lookback", number, poll)
DEFENDER_OPTION(LATE_ARRIVAL, "late_arrival", number, poll)
DEFENDER_OPTION(PEER_VERIFY, "peer_verify", yes_no, both)
DEFENDER_OPTION(CLIENT_CERTIFICATE, "client_certificate", text, both)
DEFENDER_OPTION(CLIENT_PRIVATE_KEY, "client_private_key", text, both)
DEFENDER_OPTION(CLIENT_ASSERTION_ALGORITHM, "client_assertion_algorithm", text, both)
DEFENDER_OPTION(REGION, "region", text, poll)
DEFENDER_OPTION(AUDIENCE, "audience", text, both)
DEFENDER_OPTION(TOKEN_VERSION, "token_version", number, poll)
DEFENDER_OPTION(FILTER, "filter", text, poll)
DEFENDER_OPTION(EXPAND_EVIDENCE, "expand_evidence", yes_no, poll)
DEFENDER_OPTION(EXPAND_ALERTS, "expand_alerts", yes_no, poll)
DEFENDER_OPTION(MACHINE_GROUPS, "machine_groups", text_list, poll)
DEFENDER_OPTION(EMIT_UPDATES, "emit_updates", yes_no, poll)
DEFENDER_OPTION(PROXY, "proxy", text, both)
DEFENDER_OPTION(NO_PROXY, "no_proxy", text, both)
DEFENDER_OPTION(CA_DIR, "ca_dir", text, both)
DEFENDER_OPTION(TIMEOUT, "timeout", number, both)
DEFENDER_OPTION(USER_AGENT, "user_agent", text, both)
DEFENDER_OPTION(ALLOW_INSECURE_HTTP, "allow_insecure_http", yes_no, both)
DEFENDER_OPTION(REQUESTS_PER_MINUTE, "requests_per_minute", number, poll)
DEFENDER_OPTION(REQUESTS_PER_HOUR, "requests_per_hour", number, poll)
DEFENDER_OPTION(LEEF_DELIMITER, "leef_delimiter", text, both)
DEFENDER_OPTION(MAX_RESPONSE_SIZE, "max_response_size", number, poll)

DEFENDER_OPTION(NAMESPACE, "namespace", text, stream)
DEFENDER_OPTION(BOOTSTRAP_SERVERS, "bootstrap_servers", text, stream)
DEFENDER_OPTION(EVENT_HUB, "event_hub", text_list, stream)
DEFENDER_OPTION(CONSUMER_GROUP, "consumer_group", text, stream)
DEFENDER_OPTION(CONNECTION_STRING_FILE, "connection_string_file", text, stream)
DEFENDER_OPTION(START_FROM, "start_from", text, stream)
DEFENDER_OPTION(TABLES, "tables", text_list, stream)
DEFENDER_OPTION(KAFKA_OPTION, "kafka_option", text_pair, stream)

#undef DEFENDER_OPTION
