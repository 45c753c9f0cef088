// compare and sweep as users run them (issue 7).
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "tests/test_support.hpp"

using namespace reliefsim;
using testing::run_reliefsim;

namespace {

// Total rows of a tidy CSV (with optional knob columns, not the per-capita ones): key
// "scenario|measure|unit|knobs".
std::map<std::string, std::vector<double>> totals(const std::string& csv) {
  std::map<std::string, std::vector<double>> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = testing::csv_cells(line);
  while (std::getline(in, line)) {
    const std::vector<std::string> c = testing::csv_cells(line);
    if (c.size() < 10 || c[1] != "Total") continue;
    std::string key = c[0] + "|" + c[4] + "|" + c[5];
    for (size_t k = 10; k < c.size(); ++k)
      if (header[k] != "per_100k_adults" && header[k] != "rank") key += "|" + c[k];
    out[key] = {std::stod(c[7]), std::stod(c[8]), std::stod(c[9])};
  }
  return out;
}

}  // namespace

TEST_CASE("compare takes differences replicate by replicate: a scenario against itself differs by exactly zero") {
  const auto r = run_reliefsim("compare mo_amendment_3_template mo_amendment_3_template --replicates 100 --format csv");
  REQUIRE(r.exit_code == 0);
  const auto t = totals(r.out);
  int differences = 0;
  for (const auto& [key, v] : t)
    if (key.find(" minus ") != std::string::npos) {
      ++differences;
      CHECK(v[0] == 0);
      CHECK(v[1] == 0);  // unpaired draws would give a wide interval around zero
      CHECK(v[2] == 0);
    }
  CHECK(differences == 24);  // eligible, cleared, already_relieved and legally_relieved, six units
}

TEST_CASE("compare shows a blanket pardon against case-by-case clemency, and the narrower draft clears less") {
  auto r = run_reliefsim("compare mo_governor_case_by_case mo_blanket_pardon --replicates 100 --measure cleared");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("mo_blanket_pardon minus mo_governor_case_by_case") != std::string::npos);
  r = run_reliefsim("compare mo_amendment_3_template mo_amendment_3_one_ounce --replicates 100 --format csv");
  REQUIRE(r.exit_code == 0);
  const auto t = totals(r.out);
  const auto& diff = t.at("mo_amendment_3_one_ounce minus mo_amendment_3_template|eligible|records");
  CHECK(diff[2] <= 0);  // even the 95th percentile: the one-ounce draft never reaches more
  r = run_reliefsim("compare mo_amendment_3_template");
  CHECK(r.exit_code == 2);
}

TEST_CASE("issue 15: compare --against-current-law credits a scenario only with what current law would not clear") {
  // New York's 2021 automatic expungement had cleared most of the possession convictions a
  // governor's pardon in 2022 would reach, and was still clearing the rest: against current
  // law the pardon clears far fewer there than its own count; Missouri's Amendment 3, with no
  // earlier relief on the books, is the same either way.
  auto r = run_reliefsim("compare us_2022_and_governors --against-current-law --replicates 100 --format csv");
  REQUIRE(r.exit_code == 0);
  std::map<std::string, double> median;  // "scenario|postal|measure|unit"
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const std::vector<std::string> c = testing::csv_cells(line);
    if (c.size() >= 10) median[c[0] + "|" + c[2] + "|" + c[4] + "|" + c[5]] = std::stod(c[7]);
  }
  const double own = median.at("us_2022_and_governors|NY|cleared|records");
  const double against = median.at("us_2022_and_governors against current law|NY|cleared|records");
  CHECK(own > 0);
  CHECK(against < 0.5 * own);
  CHECK(median.at("us_2022_and_governors against current law|NY|eligible|records") ==
        median.at("us_2022_and_governors|NY|eligible|records"));
  // Nationally, never more than the scenario's own count, and not nothing.
  const double total = median.at("us_2022_and_governors||cleared|records");
  const double total_against = median.at("us_2022_and_governors against current law||cleared|records");
  CHECK(total_against <= total);
  CHECK(total_against > 0.5 * total);
  r = run_reliefsim("compare mo_amendment_3_2022 --against-current-law --replicates 100 --as-of 2024-06-20 --measure cleared --unit cases");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("mo_amendment_3_2022 against current law") != std::string::npos);
}

TEST_CASE("sweep over the amount limit is monotone: a larger limit never makes fewer records eligible or cleared") {
  const auto r = run_reliefsim(
      "sweep mo_amendment_3_template --vary actions.expunge.scope.max_amount.value=0.5,1,3,16,48 --replicates 100");
  REQUIRE(r.exit_code == 0);
  const auto t = totals(r.out);
  for (const char* what : {"eligible|records", "cleared|records", "eligible|people"}) {
    std::vector<double> medians;
    for (const char* v : {"0.5", "1", "3", "16", "48"})
      medians.push_back(t.at(std::string("mo_amendment_3_template|") + what + "|" + v)[0]);
    INFO(what);
    for (size_t i = 1; i < medians.size(); ++i) CHECK(medians[i] >= medians[i - 1]);
    // More records become eligible; how many are cleared by the date can stay the same, as
    // Missouri's courts clear at their capacity whatever the stock (court-review-capacity).
    if (std::string(what) != "cleared|records") CHECK(medians.back() > medians.front());
  }
  CHECK(r.err.find("knobs by how much they move it") != std::string::npos);
  CHECK(r.err.find("\r") == std::string::npos);  // no progress bar when stderr is not a terminal
}

TEST_CASE("sweep rejects a knob the scenario does not have, naming it") {
  const auto r = run_reliefsim("sweep mo_amendment_3_template --vary actions.expunge.scope.max_amont.value=1,2");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("--vary actions.expunge.scope.max_amont.value") != std::string::npos);
  CHECK(r.err.find("did you mean 'max_amount'?") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("issue 20: compare projects to the later of its scenarios' dates") {
  // mo_governor_case_by_case is dated 2024-10-06, model_ballot_measure 2027-07-01: compared,
  // both are shown on 2027-07-01, where the 2027 measure is at work (not 0).
  auto r = run_reliefsim("compare mo_governor_case_by_case model_ballot_measure --replicates 50 --format csv");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(",2027-07-01,") != std::string::npos);
  CHECK(r.out.find(",2024-10-06,") == std::string::npos);
  // Either order gives the same date; --as-of still overrides.
  r = run_reliefsim("compare model_ballot_measure mo_governor_case_by_case --replicates 50 --format csv");
  CHECK(r.out.find(",2027-07-01,") != std::string::npos);
  r = run_reliefsim("compare model_ballot_measure mo_governor_case_by_case --replicates 50 --format csv --as-of 2028-01-01");
  CHECK(r.out.find(",2028-01-01,") != std::string::npos);
}

TEST_CASE("issue 20: when the scenarios act by different mechanisms, compare shows what each clears as well") {
  // A case-by-case application pardon against a blanket pardon: eligible alone would hide
  // that one waits for applications; the table then also shows records cleared.
  auto r = run_reliefsim("compare mo_governor_case_by_case mo_blanket_pardon --replicates 50");
  REQUIRE(r.exit_code == 0);
  const size_t eligible = r.out.find("eligible records as of ");
  const size_t because = r.out.find("act by different mechanisms (mo_governor_case_by_case: application_pardon; "
                                    "mo_blanket_pardon: blanket_pardon)");
  const size_t cleared = r.out.find("cleared records as of ");
  REQUIRE(eligible != std::string::npos);
  REQUIRE(because != std::string::npos);
  REQUIRE(cleared != std::string::npos);
  CHECK(eligible < because);
  CHECK(because < cleared);
  // The same mechanism on both sides: one table. An explicit --measure: only that one.
  r = run_reliefsim("compare mo_amendment_3_template mo_amendment_3_one_ounce --replicates 50");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("cleared records as of ") == std::string::npos);
  r = run_reliefsim("compare mo_governor_case_by_case mo_blanket_pardon --replicates 50 --measure eligible");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("cleared records as of ") == std::string::npos);
}

TEST_CASE("issue 20: sweep prints a knob A x knob B grid in Markdown and says plainly when a knob moves nothing") {
  // Misdemeanor possession in Missouri ends at 35 g (about 1.2 oz), so raising the amount limit
  // from 3 to 48 oz reaches nothing more when only misdemeanors are in scope.
  const std::string vary =
      " --vary actions.expunge.scope.max_amount.value=3,48"
      " --vary actions.expunge.scope.grades=[misdemeanor],[misdemeanor,felony] --replicates 50";
  auto r = run_reliefsim("sweep mo_amendment_3_template" + vary + " --format md");
  REQUIRE(r.exit_code == 0);
  std::istringstream in(r.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(in, line))
    if (line.rfind("| ", 0) == 0) rows.push_back(line);
  REQUIRE(rows.size() == 4);  // header, rule, one row per amount limit
  CHECK(rows[0].find("actions.expunge.scope.max_amount.value \\ actions.expunge.scope.grades") != std::string::npos);
  CHECK(rows[0].find("[misdemeanor,felony]") != std::string::npos);
  CHECK(rows[2].rfind("| 3 ", 0) == 0);
  CHECK(rows[3].rfind("| 48 ", 0) == 0);
  // Misdemeanors only: the same figure at 3 and at 48 oz; with felonies: more at 48.
  const auto cells = [](const std::string& row) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream s(row);
    while (std::getline(s, cell, '|'))
      if (cell.find_first_not_of(' ') != std::string::npos) out.push_back(cell.substr(cell.find_first_not_of(' ')));
    return out;
  };
  const auto at3 = cells(rows[2]), at48 = cells(rows[3]);
  REQUIRE(at3.size() == 3);
  REQUIRE(at48.size() == 3);
  CHECK(at3[1] == at48[1]);
  CHECK(at3[2] != at48[2]);

  // A knob that reaches nothing more (misdemeanors only): the summary says so in words.
  r = run_reliefsim("sweep mo_amendment_3_template --vary actions.expunge.scope.max_amount.value=3,48"
                    " --vary actions.expunge.scope.grades=[misdemeanor] --replicates 50 --format table");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("actions.expunge.scope.max_amount.value: does not move it (") != std::string::npos);
  r = run_reliefsim("sweep mo_amendment_3_template --vary actions.expunge.scope.max_amount.value=3,48 --format json");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("expected csv, md or table") != std::string::npos);
}

TEST_CASE("issue 20: an expungement of conduct now legal follows its legalization's limit and age") {
  // tests/fixtures/scenarios: the same bill written with now_legal_under (2.5 oz, 21+ from the
  // legalization) and spelled out; and without the age condition.
  const std::string dir = "tests/fixtures/scenarios/";
  const auto c = run_reliefsim("compare " + dir + "bill_now_legal.yaml " + dir + "bill_spelled_out.yaml " + dir +
                               "bill_any_age.yaml --replicates 100 --format csv --baseline none");
  REQUIRE(c.exit_code == 0);
  const auto all = totals(c.out);
  const auto now_legal = all.at("bill_now_legal|eligible|records");
  const auto spelled_out = all.at("bill_spelled_out|eligible|records");
  const auto any_age = all.at("bill_any_age|eligible|records");
  CHECK(now_legal == spelled_out);
  // Half of marijuana arrestees were 21 or older (data/demography/arrest_age_sex.yaml:
  // 0.32 + 0.12 + 0.06), the same share of every group: the legal scope's totals halve, up to
  // rounding (--baseline none: what current law already cleared is not split by age).
  CHECK(now_legal[0] == doctest::Approx(any_age[0] * 0.5).epsilon(1e-4));
  CHECK(now_legal[2] == doctest::Approx(any_age[2] * 0.5).epsilon(1e-4));
  // Sweeping the legalization's limit moves the expungement with it.
  const auto r = run_reliefsim("sweep tests/fixtures/scenarios/bill_now_legal.yaml --replicates 50 --format csv"
                               " --vary actions.legalize.legal_possession.max_amount.value=0.5,2.5");
  REQUIRE(r.exit_code == 0);
  const auto t = totals(r.out);
  CHECK(t.at("bill_now_legal|eligible|records|0.5")[0] < t.at("bill_now_legal|eligible|records|2.5")[0]);
}

TEST_CASE("issue 20: compare's CSV carries per_100k_adults and rank like run's") {
  const auto r = run_reliefsim("compare mo_governor_case_by_case mo_blanket_pardon --replicates 50 --format csv");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("scenario,jurisdiction,postal,fips,measure,unit,as_of,median,p05,p95,per_100k_adults,rank\n", 0) == 0);
  // Missouri's row: the median over Missouri's adults (data/demography/state_adults_2019.csv), ranked 1 of 1.
  std::istringstream in(r.out);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    const auto c = testing::csv_cells(line);
    if (c.size() != 12 || c[2] != "MO" || c[4] != "eligible" || c[5] != "records") continue;
    ++rows;
    CHECK(std::stod(c[10]) == doctest::Approx(std::stod(c[7]) / 4766843.0 * 1e5).epsilon(1e-3));
    CHECK(c[11] == "1");
  }
  CHECK(rows == 3);  // two scenarios and their difference
}
