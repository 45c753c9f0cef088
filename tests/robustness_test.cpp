// Robustness at the edges (issue 10): links, huge files, and writes interrupted mid-run.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::path(RELIEFSIM_BINARY).parent_path() / "test-artifacts" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST_CASE("a law file that is a symbolic link, even to a real file, is refused") {
  const fs::path dir = fresh_dir("symlink") / "states";
  fs::create_directories(dir);
  fs::create_symlink("/etc/passwd", dir / "xx.yaml");
  const auto r = testing::run_reliefsim("check '" + (dir / "xx.yaml").string() + "' --root .", "timeout 20");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("xx.yaml:0:0: is a symbolic link; reliefsim reads only regular files") != std::string::npos);
  CHECK(r.err.find("root:") == std::string::npos);  // nothing of the linked file is shown
}

TEST_CASE("a very large file is refused quickly, without reading it as YAML") {
  const fs::path dir = fresh_dir("large") / "states";
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "big.yaml");
    const std::string line = "# " + std::string(98, 'x') + "\n";
    for (int i = 0; i < 90000; ++i) out << line;  // 90,000 lines of 101 bytes: 9,090,000 bytes
  }
  const auto start = std::chrono::steady_clock::now();
  const auto r = testing::run_reliefsim("check '" + (dir / "big.yaml").string() + "' --root .", "timeout 20");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("big.yaml:1:1: file is 9090000 bytes; expected at most 8388608") != std::string::npos);
  CHECK(seconds < 10);
}

// Found by the long fuzz run of fuzz_state: a map whose key repeats n times gave n(n-1)/2
// "duplicate key" messages (each repeat against every earlier one), so a 4 KB input cost
// seconds and hundreds of megabytes. Each repeat is now reported once, and the YAML reader
// stops after kMaxYamlProblems messages with a note.
TEST_CASE("a key repeated thousands of times gives one message a repeat, and stops at 100") {
  const fs::path dir = fresh_dir("repeated_keys") / "states";
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "xx.yaml");
    for (int i = 0; i < 5000; ++i) out << "a: 1\n";
  }
  const auto r = testing::run_reliefsim("check '" + (dir / "xx.yaml").string() + "' --root .", "timeout 20");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("xx.yaml:2:1: duplicate key 'a' (first written at line 1, column 1); each key may appear once in a map") !=
        std::string::npos);
  CHECK(r.err.find("xx.yaml:3:1: duplicate key 'a' (first written at line 1, column 1)") != std::string::npos);
  CHECK(r.err.find("xx.yaml:102:1: more than 100 problems; stopping here") != std::string::npos);
  size_t messages = 0;
  for (size_t at = r.err.find("duplicate key"); at != std::string::npos; at = r.err.find("duplicate key", at + 1)) ++messages;
  CHECK(messages == 100);
  CHECK(r.out.empty());
}

TEST_CASE("an interrupted run leaves the previous output intact: never half a file") {
  const fs::path dir = fresh_dir("interrupted");
  const fs::path csv = dir / "out.csv";
  REQUIRE(testing::run_reliefsim("run --replicates 50 --format csv --out '" + csv.string() + "'").exit_code == 0);
  const std::string before = testing::read_whole_file(csv);
  REQUIRE_FALSE(before.empty());
  const fs::path report = dir / "report";
  REQUIRE(testing::run_reliefsim("report model_ballot_measure --replicates 20 --out '" + report.string() + "'").exit_code == 0);
  const std::string report_before = testing::read_whole_file(report / "index.html");
  // Start long runs writing to the same places, and kill them mid-way.
  for (const std::string& args : {"run --replicates 200000 --format csv --out '" + csv.string() + "'",
                                  "report us_2022_and_governors --replicates 20000 --out '" + report.string() + "'"}) {
    const pid_t pid = fork();
    if (pid == 0) {
      execl("/bin/sh", "sh", "-c",
            (std::string("cd '") + RELIEFSIM_SOURCE_DIR + "' && exec '" + RELIEFSIM_BINARY + "' " + args + " 2>/dev/null").c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));  // it was still running: the interruption is real
  }
  CHECK(testing::read_whole_file(csv) == before);
  CHECK(testing::read_whole_file(report / "index.html") == report_before);
}

TEST_CASE("a scenario naming an unknown jurisdiction is reported with its location and a suggestion") {
  const fs::path dir = fresh_dir("unknown-jurisdiction") / "scenarios";
  fs::create_directories(dir);
  std::string text = testing::read_whole_file(fs::path(RELIEFSIM_SOURCE_DIR) / "scenarios/mo_governor_case_by_case.yaml");
  const std::string from = "jurisdictions: [MO]";
  text.replace(text.find(from), from.size(), "jurisdictions: [MQ]");
  const std::string id = "id: mo_governor_case_by_case";
  text.replace(text.find(id), id.size(), "id: unknown_place");
  std::ofstream(dir / "unknown_place.yaml") << text;
  const auto r = testing::run_reliefsim("check '" + (dir / "unknown_place.yaml").string() + "' --root .", "timeout 20");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("unknown_place.yaml:17:21: action 'case_by_case_pardons' names jurisdiction 'MQ', which has no file in states/") !=
        std::string::npos);
  CHECK(r.err.find("did you mean '") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("issue 20: check refuses a scope key that does not apply, or a scope that selects nothing") {
  const std::pair<const char*, const char*> cases[] = {
      {"scenario_scope_federal_key_in_state", "uses citizenship in KS, but that scope key applies only to federal and D.C. records"},
      {"scenario_scope_zero_amount", "has an amount limit of 0, which selects no record"},
      {"scenario_scope_before_1970", "reaches only offenses on or before 1965-01-01, which selects no record"},
  };
  for (const auto& [name, message] : cases) {
    const auto r = testing::run_reliefsim(std::string("check tests/fixtures/scope_errors/scenarios/") + name + ".yaml --root .");
    INFO(name << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(std::string("tests/fixtures/scope_errors/scenarios/") + name + ".yaml:9:5: action 'seal' " + message) !=
          std::string::npos);
  }
}
