// The backtest runs end to end with a reduced replicate count and ends with its two summary
// lines (issue 6). Its accuracy is reported in docs/validation.md, not asserted here.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>

#include "sim/load/data_loader.hpp"
#include "sim/projection/backtest.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;

TEST_CASE("reliefsim backtest prints a row per case and the two summary lines") {
  const auto r = testing::run_reliefsim("backtest --replicates 60");
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(R"(\ninside_90: (\d+)/(\d+)\nmedian_abs_log_ratio: ([0-9]+\.[0-9]{3})\n$)")));
  const int inside = std::stoi(m[1]), n = std::stoi(m[2]);
  CHECK(n >= 10);
  CHECK(inside <= n);
  CHECK(std::stod(m[3]) >= 0);
  // One table row per case.
  int rows = 0;
  const std::regex row_start(R"(\n[A-Z]{2,3}-[A-Z0-9-]+ )");
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), row_start); it != std::sregex_iterator(); ++it)
    ++rows;
  CHECK(rows == n);
}

TEST_CASE("backtest scoring: inside the interval, ratio of the median to the report") {
  const BacktestScore in = score_case(100, {120, 80, 150}, false);
  CHECK(in.inside);
  CHECK(std::exp(in.log_ratio) == doctest::Approx(1.2));
  const BacktestScore out = score_case(100, {300, 200, 400}, false);
  CHECK_FALSE(out.inside);
  const BacktestScore cal = score_case(100, {50, 40, 60}, true);
  // ln 1.2 = 0.182, ln 3 = 1.099: the median of the two is 0.640; the calibration case is apart.
  const BacktestSummary s = summarize_backtest({in, out, cal});
  CHECK(s.inside == 1);
  CHECK(s.scored == 2);
  CHECK(s.median_abs_log_ratio == doctest::Approx((std::log(1.2) + std::log(3.0)) / 2));
  CHECK(s.calibration_scored == 1);
}

TEST_CASE("a case file with a mistake is rejected with its location") {
  const auto r = testing::run_reliefsim("backtest tests/fixtures/bad_backtest_cases.yaml --replicates 10");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("tests/fixtures/bad_backtest_cases.yaml:9:14: expected measure eligible or cleared, got 'cleard'") !=
        std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("issue 16: cases used to fit data/calibration.yaml are scored with the fit that left them out") {
  const auto r = testing::run_reliefsim("backtest --replicates 60");
  REQUIRE(r.exit_code == 0);
  // Missouri's two cases are among those court-review-capacity is fitted on.
  CHECK(std::regex_search(r.out, std::regex(R"(\nMO-2023-06 .*\(leave-one-out\)\n)")));
  CHECK(std::regex_search(r.out, std::regex(R"(with the full fit instead \(in sample\): inside_90 \d+/\d+, median \|log ratio\| [0-9.]+\n)")));
}

TEST_CASE("issue 16: a calibration file replaces an assumption's prior with the fitted distribution") {
  PopulationInputs in;
  Diagnostics problems;
  load_assumptions("assumptions:\n"
                   "  - id: court-review-capacity\n"
                   "    description: x\n"
                   "    distribution: {lognormal: {median: 300, sigma: 1.0}}\n"
                   "    reference: [{title: t, document: docs/methodology.md}]\n",
                   "a.yaml", in, problems);
  REQUIRE(problems.empty());
  load_calibration("calibration:\n"
                   "  - id: court-review-capacity\n"
                   "    distribution: {lognormal: {median: 60, sigma: 0.5}}\n"
                   "    fitted_on: [MO-2023-06]\n"
                   "    leave_one_out:\n"
                   "      - {case: MO-2023-06, median: 70}\n",
                   "c.yaml", in, problems);
  REQUIRE(problems.empty());
  CHECK(in.find_assumption("court-review-capacity")->distribution.at(0.5) == doctest::Approx(60));
  REQUIRE(in.calibration.size() == 1);
  CHECK(in.calibration[0].prior.at(0.5) == doctest::Approx(300));
  CHECK(in.calibration[0].leave_one_out[0].second == doctest::Approx(70));
  // A fitted parameter must be a named assumption.
  load_calibration("calibration:\n  - id: no-such-thing\n    distribution: {fixed: 1}\n    fitted_on: []\n    leave_one_out: []\n",
                   "c.yaml", in, problems);
  REQUIRE(problems.size() == 1);
  CHECK(format_diagnostic(problems[0], "") ==
        "c.yaml:2:9: calibration of 'no-such-thing', which data/assumptions.yaml does not define; calibrate only named assumptions");
}
