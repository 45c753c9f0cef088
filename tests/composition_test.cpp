// Scenario composition (issue 7): extends + overrides, add_actions and after-cycles, from
// fixture scenarios in tests/fixtures/scenarios/.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/cli/pipeline.hpp"
#include "sim/report/tables.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(RELIEFSIM_SOURCE_DIR) / "tests/fixtures/scenarios";

std::optional<std::pair<std::string, std::string>> fixture(const std::string& id) {
  const fs::path p = kFixtures / (id + ".yaml");
  if (!fs::exists(p)) return std::nullopt;
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return std::make_pair("tests/fixtures/scenarios/" + id + ".yaml", s.str());
}

std::optional<Scenario> load_fixture(const std::string& id, Diagnostics& problems) {
  auto f = fixture(id);
  REQUIRE(f);
  return load_scenario(f->second, f->first, problems, fixture);
}

}  // namespace

TEST_CASE("extends with overrides gives exactly the projection of the written-out scenario") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  Diagnostics problems;
  auto variant = load_fixture("compose_variant", problems);
  auto written = load_fixture("compose_written_out", problems);
  for (const auto& p : problems) FAIL_CHECK(format_diagnostic(p));
  REQUIRE((variant && written));
  const std::vector<Date> dates = {variant->as_of};
  auto a = run_pipeline(ws, *variant, dates, {5, 200, 2, false});
  auto b = run_pipeline(ws, *written, dates, {5, 200, 2, false});
  REQUIRE((a && b));
  RunInfo info;
  info.as_of = variant->as_of.to_string();
  const auto labels = ws.labels();
  const std::string csv_a = format_projection(a->projection, labels, info, Format::csv);
  CHECK(csv_a == format_projection(b->projection, labels, info, Format::csv));
  CHECK(csv_a.find(",eligible,records,") != std::string::npos);
}

TEST_CASE("a cycle of 'after' across two files is rejected with both file:line locations") {
  Diagnostics problems;
  CHECK_FALSE(load_fixture("cycle_second", problems));
  REQUIRE(problems.size() == 1);
  const std::string text = format_diagnostic(problems[0]);
  INFO(text);
  CHECK(text.find("actions come after each other in a cycle") != std::string::npos);
  CHECK(text.find("tests/fixtures/scenarios/cycle_first.yaml:15:13") != std::string::npos);
  CHECK(text.find("tests/fixtures/scenarios/cycle_second.yaml:15:13") != std::string::npos);
}

TEST_CASE("an override of a key the base does not have is rejected, with a suggestion") {
  Diagnostics problems;
  CHECK_FALSE(load_fixture("bad_override", problems));
  REQUIRE(problems.size() == 1);
  CHECK(format_diagnostic(problems[0]) ==
        "tests/fixtures/scenarios/bad_override.yaml:10:3: override 'actions.expunge.scope.max_amont.value': scenario "
        "'compose_base' has no 'max_amont' in actions.expunge.scope; did you mean 'max_amount'?");
}

TEST_CASE("scenarios that extend each other in a loop are rejected") {
  Diagnostics problems;
  CHECK_FALSE(load_fixture("extends_loop_a", problems));
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0].message.find("scenarios extend each other in a cycle") != std::string::npos);
}

TEST_CASE("'after' orders actions and delays the later one to the earlier one's date") {
  Workspace ws = testing::load_project();
  Diagnostics problems;
  auto f = fixture("cycle_first");
  // cycle_first alone names an action it does not have: that is an error too.
  CHECK_FALSE(load_scenario(f->second, f->first, problems, fixture));
  CHECK(problems.at(0).message.find("comes after 'notice', which the scenario does not have") != std::string::npos);
}

TEST_CASE("actions keep the file's order unless 'after' says otherwise, and wait for what they come after") {
  Workspace ws = testing::load_project();
  Diagnostics problems;
  auto s = load_fixture("after_order", problems);
  REQUIRE(s);
  // notice has no dependency and keeps its place before pardon; seal moves after pardon.
  REQUIRE(s->actions.size() == 3);
  CHECK(s->actions[0].id == "notice");
  CHECK(s->actions[1].id == "pardon");
  CHECK(s->actions[2].id == "seal");
  const auto resolved = resolve_actions(*s, *ws.law, problems);
  REQUIRE(problems.empty());
  for (const auto& r : resolved)
    if (r.action->id == "seal") CHECK(r.date.to_string() == "2023-06-01");  // the pardon's date, not its own
  // Without dependencies the written order stands (Amendment 3's misdemeanor expungement first).
  auto mo = ws.load_scenario_named("mo_amendment_3_2022");
  REQUIRE(mo);
  CHECK(mo->actions.front().id == "expunge_misdemeanors");
}

TEST_CASE("every scenario in scenarios/ loads and runs with a reduced replicate count") {
  Workspace ws = testing::load_project();
  REQUIRE(ws.problems.empty());
  int ran = 0;
  for (const auto& e : fs::directory_iterator(fs::path(RELIEFSIM_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    const std::string id = e.path().stem().string();
    INFO("scenario " << id);
    auto s = ws.load_scenario_named(id);
    REQUIRE(s);
    auto r = run_pipeline(ws, *s, {s->as_of}, {3, 20, 2, false});
    for (const auto& p : ws.problems) FAIL_CHECK(format_diagnostic(p));
    REQUIRE(r);
    CHECK_FALSE(r->projection.rows.empty());
    ++ran;
  }
  CHECK(ran >= 20);
}
