// defender-sim: an HTTPS stand-in for Entra ID's token endpoints, Microsoft Graph security/alerts_v2 and
// security/incidents, the Defender for Endpoint alerts API and the legacy SIEM API, with their faults and delivery
// hazards, for the demo and the integration tests. It listens on 127.0.0.1 only.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>
#include <optional>

#include "alert_feed.h"
#include "alert_store.h"
#include "api_gate.h"
#include "budgets.h"
#include "certificate_authority.h"
#include "client_assertion.h"
#include "control_api.h"
#include "fault_plan.h"
#include "fault_settings.h"
#include "foreign_origin.h"
#include "graph_alerts.h"
#include "hazard_driver.h"
#include "hazards.h"
#include "hostile_answers.h"
#include "http_server.h"
#include "incident_book.h"
#include "incident_store.h"
#include "incidents_api.h"
#include "ledger_file.h"
#include "mde_alerts_api.h"
#include "options.h"
#include "router.h"
#include "served_cursor.h"
#include "siem_api.h"
#include "sim_stats.h"
#include "socket.h"
#include "tls.h"
#include "token_endpoint.h"
#include "token_service.h"

namespace sim {
namespace {

bool write_ready_file(const std::string &path, std::uint16_t port) {
  const std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << '\n';
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// Opens the ledger file at `path` when one is given; false, with the reason, when it cannot.
bool open_ledger(const std::string &path, std::unique_ptr<LedgerFile> &file, std::string &error) {
  if (path.empty()) return true;
  file = LedgerFile::open(path, error);
  return file != nullptr;
}

int fail(const std::string &message) {
  std::fprintf(stderr, "defender-sim: %s\n", message.c_str());
  return 1;
}

int run(const Options &o, const sigset_t &stop_signals) {
  TlsFiles tls_files{{}, o.cert_file, o.key_file};
  if (o.cert_file.empty()) {
    TlsFilesResult generated = ensure_tls_files(o.tls_dir);
    if (!generated.error.empty()) return fail(generated.error);
    tls_files = generated.files;
  }
  TlsContextResult tls = make_server_context(tls_files.cert_file, tls_files.key_file);
  if (!tls.ctx) return fail(tls.error);

  std::shared_ptr<const ClientCertificate> client_certificate;
  if (!o.client_certificate.empty()) {
    std::string error;
    client_certificate = ClientCertificate::load(o.client_certificate, error);
    if (!client_certificate) return fail(error);
  }

  std::unique_ptr<LedgerFile> ledger_file;
  std::unique_ptr<LedgerFile> incident_ledger_file;
  if (std::string error; !open_ledger(o.ledger_file, ledger_file, error) ||
                         !open_ledger(o.incident_ledger_file, incident_ledger_file, error))
    return fail(error);
  AlertStore store([&ledger_file](const LedgerEntry &e, LedgerEvent event) {
    if (ledger_file) ledger_file->append(e, event);
  });
  IncidentStore incidents([&incident_ledger_file](const IncidentLedgerEntry &e, LedgerEvent event) {
    if (incident_ledger_file) incident_ledger_file->append(e, event);
  });
  HazardSettings hazards{Hazards{}};
  if (const auto error = hazards.apply(o.hazards)) return fail(*error);
  const GeneratorConfig generator{o.seed, o.tenant_guid};
  IncidentBook book(generator, store, incidents);
  AlertFeed feed(generator, store, book, hazards);
  feed.seed_history(o.alerts, now_ticks(), o.history_seconds);

  Listener listener = listen_loopback(o.listen_port);
  if (!listener.fd.valid()) return fail(listener.error);
  const std::uint16_t port = listener.port;
  ForeignOrigin foreign;
  Listener foreign_listener;
  if (o.foreign_port) {
    foreign_listener = listen_loopback(*o.foreign_port);
    if (!foreign_listener.fd.valid()) return fail("foreign origin: " + foreign_listener.error);
    foreign.listening_on(foreign_listener.port);
  }
  if (const auto error = foreign.apply(o.foreign_settings)) return fail(*error);

  SimStats stats;
  TokenService tokens(o.tenant_guid, o.token_lifetime_seconds * kTicksPerSecond);
  Budgets budgets;
  FaultPlan faults;
  HostileAnswers hostile(o.seed);
  ExpandAlertsFault expand_alerts;
  if (const auto error = apply_fault_settings(o.fault_settings, {budgets, tokens, hostile, expand_alerts}))
    return fail(*error);
  for (const auto &rule : o.faults) faults.add(rule);
  TokenEndpoint token_endpoint(
      AppRegistration{o.tenant, o.tenant_guid, o.client_id, o.client_secret, client_certificate}, tokens, hostile,
      stats);
  ServedCursor cursor;
  GraphAlertsApi graph_alerts(store, cursor, o.max_page_size, foreign);
  MdeAlertsApi mde_alerts(store, cursor, o.alerts_page_size, foreign);
  SiemApi siem(store);
  IncidentsApi incidents_api(incidents, store, expand_alerts, foreign);
  ApiGate gate(tokens, faults, budgets, hostile, stats);
  ControlApi control(Simulation{store, feed, stats, hazards, faults, budgets, tokens, cursor, hostile, foreign,
                                incidents, book, expand_alerts});
  Router router(token_endpoint, tokens, gate, AlertApis{graph_alerts, mde_alerts, siem, incidents_api}, control,
                foreign);
  const HazardDriver driver(feed, store, incidents, book, hazards, cursor);

  const ServerConfig config{o.max_connections, o.idle_timeout_seconds};
  const auto count_connection = [&stats] { stats.record_connection(); };
  HttpServer server(
      tls.ctx.get(), std::move(listener.fd), config,
      [&router](const HttpRequest &request) { return router.route(request); }, count_connection);
  std::optional<HttpServer> foreign_server;
  if (foreign_listener.fd.valid()) {
    foreign_server.emplace(
        tls.ctx.get(), std::move(foreign_listener.fd), config,
        [&router](const HttpRequest &request) { return router.route_foreign(request); }, count_connection);
    foreign_server->start();
  }
  server.start();

  if (!o.ready_file.empty() && !write_ready_file(o.ready_file, port)) {
    server.stop(std::chrono::milliseconds(1000));
    if (foreign_server) foreign_server->stop(std::chrono::milliseconds(1000));
    return fail("cannot write ready file " + o.ready_file);
  }
  std::printf("defender-sim listening on https://127.0.0.1:%u\n", port);
  if (foreign_server) std::printf("defender-sim foreign origin on https://127.0.0.1:%u\n", foreign_listener.port);
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  const bool foreign_stopped = !foreign_server || foreign_server->stop(std::chrono::milliseconds(2000));
  if (!server.stop(std::chrono::milliseconds(2000)) || !foreign_stopped) {
    // A connection thread is still busy with the objects on this stack: leave without unwinding under it.
    std::fflush(nullptr);
    _exit(0);
  }
  return 0;
}

}  // namespace
}  // namespace sim

int main(int argc, char **argv) {
  const sim::ParsedOptions parsed = sim::parse_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;

  // Block the stop signals in every thread (they inherit the mask); the main thread takes them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-response must not kill the server

  try {
    return sim::run(*parsed.options, stop_signals);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "defender-sim: %s\n", e.what());
    return 1;
  }
}
