/*
 * Every option of microsoft-defender(), once: define DEFENDER_OPTION(suffix, keyword, kind), then include this file
 * (it undefines the macro at its end). From it come the enum DefenderOption (core.h), the names of
 * defender_option_name(), the glue's keyword table and grammar rules, and option_kind() for defender-fetch.
 *
 *   suffix   DEFENDER_OPTION_<suffix>, and the grammar's token KW_<suffix>
 *   keyword  as syslog-ng's lexer matches it, with underscores (it reads tenant-id and tenant_id alike);
 *            defender_option_name() and docs/options.md write it with dashes
 *   kind     the value it takes: text, number, yes_no, or text_list (one text or more, repeatable; each is set
 *            on its own, as text)
 *
 * A new option also needs its setter (config/option_setters.cpp; a number, its range there too), the member of
 * Options that holds it, and its row in docs/options.md (a unit test compares the two lists).
 * FORMAT and FILTER are syslog-ng's own keywords: their tokens are those of syslog-ng's grammar.
 */
#ifndef DEFENDER_OPTION
#error "define DEFENDER_OPTION(suffix, keyword, kind) before including boundary/option_list.h"
#endif

DEFENDER_OPTION(TENANT_ID, "tenant_id", text)
DEFENDER_OPTION(CLIENT_ID, "client_id", text)
DEFENDER_OPTION(CLIENT_SECRET, "client_secret", text)
DEFENDER_OPTION(CLIENT_SECRET_FILE, "client_secret_file", text)
DEFENDER_OPTION(API, "api", text)
DEFENDER_OPTION(CLOUD, "cloud", text)
DEFENDER_OPTION(LOGIN_URL, "login_url", text)
DEFENDER_OPTION(API_URL, "api_url", text)
DEFENDER_OPTION(CA_FILE, "ca_file", text)
DEFENDER_OPTION(FORMAT, "format", text)
DEFENDER_OPTION(POLL_INTERVAL, "poll_interval", number)
DEFENDER_OPTION(PAGE_SIZE, "page_size", number)
DEFENDER_OPTION(INITIAL_LOOKBACK, "initial_lookback", number)
DEFENDER_OPTION(LATE_ARRIVAL, "late_arrival", number)
DEFENDER_OPTION(PEER_VERIFY, "peer_verify", yes_no)
DEFENDER_OPTION(CLIENT_CERTIFICATE, "client_certificate", text)
DEFENDER_OPTION(CLIENT_PRIVATE_KEY, "client_private_key", text)
DEFENDER_OPTION(CLIENT_ASSERTION_ALGORITHM, "client_assertion_algorithm", text)
DEFENDER_OPTION(REGION, "region", text)
DEFENDER_OPTION(AUDIENCE, "audience", text)
DEFENDER_OPTION(TOKEN_VERSION, "token_version", number)
DEFENDER_OPTION(FILTER, "filter", text)
DEFENDER_OPTION(EXPAND_EVIDENCE, "expand_evidence", yes_no)
DEFENDER_OPTION(EXPAND_ALERTS, "expand_alerts", yes_no)
DEFENDER_OPTION(MACHINE_GROUPS, "machine_groups", text_list)
DEFENDER_OPTION(EMIT_UPDATES, "emit_updates", yes_no)
DEFENDER_OPTION(PROXY, "proxy", text)
DEFENDER_OPTION(NO_PROXY, "no_proxy", text)
DEFENDER_OPTION(CA_DIR, "ca_dir", text)
DEFENDER_OPTION(TIMEOUT, "timeout", number)
DEFENDER_OPTION(USER_AGENT, "user_agent", text)
DEFENDER_OPTION(ALLOW_INSECURE_HTTP, "allow_insecure_http", yes_no)
DEFENDER_OPTION(REQUESTS_PER_MINUTE, "requests_per_minute", number)
DEFENDER_OPTION(REQUESTS_PER_HOUR, "requests_per_hour", number)
DEFENDER_OPTION(LEEF_DELIMITER, "leef_delimiter", text)
DEFENDER_OPTION(MAX_RESPONSE_SIZE, "max_response_size", number)

#undef DEFENDER_OPTION
