// A test case that runs for minutes is stuck (the longest, against the Kafka mock cluster, take about 11 s). Rather
// than leave ctest to kill the whole binary at its timeout, with no word of which case hung, the watchdog names the
// case and exits, so the name is in the output ctest keeps.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace {

constexpr auto case_limit = std::chrono::seconds(120);

class CaseWatchdog : public doctest::IReporter {
 public:
  explicit CaseWatchdog(const doctest::ContextOptions &) : thread_([this] { watch(); }) {}

  ~CaseWatchdog() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  void test_case_start(const doctest::TestCaseData &data) override {
    {
      std::lock_guard lock(mutex_);
      running_ = std::string(data.m_name) + " (" + data.m_file.c_str() + ":" + std::to_string(data.m_line) + ")";
      deadline_ = std::chrono::steady_clock::now() + case_limit;
    }
    wake_.notify_one();
  }

  void test_case_end(const doctest::CurrentTestCaseStats &) override {
    std::lock_guard lock(mutex_);
    running_.clear();
  }

  void report_query(const doctest::QueryData &) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats &) override {}
  void test_case_reenter(const doctest::TestCaseData &) override {}
  void test_case_exception(const doctest::TestCaseException &) override {}
  void subcase_start(const doctest::SubcaseSignature &) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData &) override {}
  void log_message(const doctest::MessageData &) override {}
  void test_case_skipped(const doctest::TestCaseData &) override {}

 private:
  void watch() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (running_.empty()) {
        wake_.wait(lock);
      } else if (wake_.wait_until(lock, deadline_) == std::cv_status::timeout && !running_.empty() &&
                 std::chrono::steady_clock::now() >= deadline_) {
        std::fprintf(stderr, "unit-tests: the test case \"%s\" has run for %lld s, stuck: exiting\n", running_.c_str(),
                     static_cast<long long>(case_limit.count()));
        std::fflush(stderr);
        // Not abort(): doctest's handler for SIGABRT would report through this listener, whose lock is held.
        std::_Exit(EXIT_FAILURE);
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::string running_;
  std::chrono::steady_clock::time_point deadline_;
  bool stopping_ = false;
  std::thread thread_;
};

REGISTER_LISTENER("case-watchdog", 1, CaseWatchdog);

}  // namespace
