// The pipeline's shape, checked: #includes point one way (docs/architecture.md), the core
// does no I/O, and every assumption id used in code or data is documented.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/test_support.hpp"

using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

// The table of docs/architecture.md: what each stage may include besides itself.
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"base", {}},
    {"law", {"base"}},
    {"scenario", {"base", "law"}},
    {"population", {"base", "law", "scenario"}},
    {"eligibility", {"base", "law", "scenario", "population"}},
    {"delivery", {"base", "law", "scenario", "population", "eligibility"}},
    {"projection", {"base", "law", "scenario", "population", "eligibility", "delivery"}},
    // Fiscal-note figures from a projection's rows: after projection, before report.
    {"fiscal", {"base", "law", "scenario", "population", "eligibility", "delivery", "projection"}},
    {"load", {"base", "law", "scenario", "population"}},
    {"report", {"base", "law", "scenario", "population", "eligibility", "delivery", "projection", "fiscal"}},
    {"cli", {"base", "law", "scenario", "population", "eligibility", "delivery", "projection", "fiscal", "load", "report",
             "serve"}},
    // The HTTP edge of `reliefsim serve`: it runs cli's pipeline of one scenario, and cli
    // starts it; the test below narrows both to the files named in docs/architecture.md.
    {"serve", {"base", "law", "scenario", "population", "eligibility", "delivery", "projection", "fiscal", "load", "report",
               "cli"}},
};

}  // namespace

TEST_CASE("every #include in sim/ points to its own stage or one to its left") {
  const fs::path sim = fs::path(RELIEFSIM_SOURCE_DIR) / "sim";
  const std::regex include_re(R"re(#include\s+"sim/([a-z]+)/)re");
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(sim)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    if (e.path().stem().string().ends_with("_test")) continue;  // tests may reach further
    const std::string stage = e.path().parent_path().filename().string();
    REQUIRE_MESSAGE(kMayInclude.count(stage), "sim/" << stage << " is not in docs/architecture.md");
    const std::string text = reliefsim::testing::read_whole_file(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), include_re), end; it != end; ++it) {
      const std::string target = (*it)[1];
      CHECK_MESSAGE((target == stage || kMayInclude.at(stage).count(target)),
                    e.path().string() << " includes sim/" << target << "/, which " << stage << " may not use");
    }
    ++files;
  }
  CHECK(files > 20);
}

TEST_CASE("serve uses only cli's pipeline and workspace, and cli only serve's entry point") {
  const fs::path sim = fs::path(RELIEFSIM_SOURCE_DIR) / "sim";
  const std::set<std::string> serve_may = {"sim/cli/workspace.hpp", "sim/cli/pipeline.hpp"};
  const std::set<std::string> cli_may = {"sim/serve/server.hpp"};
  const std::regex include_re(R"re(#include\s+"(sim/(cli|serve)/[a-z_]+\.hpp)")re");
  for (const auto& e : fs::recursive_directory_iterator(sim)) {
    if (!e.is_regular_file() || e.path().stem().string().ends_with("_test")) continue;
    const std::string stage = e.path().parent_path().filename().string();
    if (stage != "cli" && stage != "serve") continue;
    const std::string text = reliefsim::testing::read_whole_file(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), include_re), end; it != end; ++it) {
      const std::string target = (*it)[1], folder = (*it)[2];
      if (folder == stage) continue;
      CHECK_MESSAGE((stage == "serve" ? serve_may : cli_may).count(target),
                    e.path().string() << " includes " << target << ", outside what docs/architecture.md allows");
    }
  }
}

TEST_CASE("the core (base through fiscal) does no I/O and reads no clock") {
  const std::set<std::string> core = {"base",     "law",        "scenario", "population",
                                      "eligibility", "delivery", "projection", "fiscal"};
  const std::regex io_re(R"re(#include\s+<(fstream|iostream|cstdio|filesystem|chrono|ctime)>|std::(cout|cerr|random_device))re");
  for (const auto& e : fs::recursive_directory_iterator(fs::path(RELIEFSIM_SOURCE_DIR) / "sim")) {
    if (!e.is_regular_file() || !core.count(e.path().parent_path().filename().string())) continue;
    if (e.path().stem().string().ends_with("_test")) continue;
    const std::string text = reliefsim::testing::read_whole_file(e.path());
    std::smatch m;
    // snprintf into a buffer is formatting, not I/O: allow <cstdio> only for that.
    std::string scrubbed = std::regex_replace(text, std::regex("#include <cstdio>"), "");
    CHECK_MESSAGE(!std::regex_search(scrubbed, m, io_re), e.path().string() << " does I/O: " << m.str());
  }
}

TEST_CASE("every assumption id used in sim/, data/ or scenarios/ has an entry in docs/methodology.md") {
  const fs::path root = RELIEFSIM_SOURCE_DIR;
  const std::string methodology = reliefsim::testing::read_whole_file(root / "docs/methodology.md");
  std::set<std::string> ids;
  const std::regex in_code(R"re(assumption\("([a-z0-9-]+)"\)|// assumption ([a-z0-9-]+))re");
  const std::regex in_yaml(R"re(- id: ([a-z0-9-]+-[a-z0-9-]+)|docs/methodology\.md#([a-z0-9-]+))re");
  auto scan = [&](const fs::path& dir, const std::regex& re) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file()) continue;
      const std::string text = reliefsim::testing::read_whole_file(e.path());
      for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
        for (size_t g = 1; g < it->size(); ++g)
          if ((*it)[g].matched) ids.insert((*it)[g]);
    }
  };
  scan(root / "sim", in_code);
  scan(root / "data", in_yaml);
  scan(root / "scenarios", in_yaml);
  CHECK(ids.size() >= 10);
  for (const auto& id : ids)
    CHECK_MESSAGE(methodology.find("### " + id + "\n") != std::string::npos,
                  "assumption '" << id << "' has no '### " << id << "' entry in docs/methodology.md");
}
