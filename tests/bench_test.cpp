// The benchmark runs in a reduced mode and prints its figures; nothing about time is
// asserted (docs/performance.md).
#include <doctest/doctest.h>

#include <regex>

#include "tests/test_support.hpp"

TEST_CASE("reliefsim bench --quick prints every figure as 'name: value unit'") {
  const auto r = reliefsim::testing::run_reliefsim("bench --quick");
  REQUIRE(r.exit_code == 0);
  const std::regex line(R"(^[a-z0-9_]+: [0-9.]+ (s|MB|cores)$)");
  int figures = 0;
  size_t start = 0;
  while (start < r.out.size()) {
    const size_t end = r.out.find('\n', start);
    const std::string l = r.out.substr(start, end - start);
    CHECK_MESSAGE(std::regex_match(l, line), l);
    ++figures;
    start = end + 1;
  }
  // Cores, wall and memory of six jobs, and serve's answers to a knob change on the national
  // scenario and on one state's bill.
  CHECK(figures == 15);
  for (const char* name : {"national_50_replicates_wall", "sweep_20_variants_wall", "serve_knob_change_50_replicates_wall",
                           "serve_one_state_knob_change_50_replicates_wall",
                           "scaling_replicates_10_wall", "scaling_population_quarter_wall"})
    CHECK_MESSAGE(r.out.find(name) != std::string::npos, name);
}
