// `reliefsim run` as a user runs it: every format, exit codes, and agreement between formats.
#include <doctest/doctest.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "tests/test_support.hpp"

using namespace reliefsim;
using testing::run_reliefsim;

namespace {

struct Row {
  std::string jurisdiction, postal, unit;
  double median, p05, p95;
  std::string measure;
};

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream s(line);
  while (std::getline(s, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

std::vector<Row> parse_csv_rows(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  // The tidy columns in their order, then the per-capita ones (issue 20).
  CHECK(line == "scenario,jurisdiction,postal,fips,measure,unit,as_of,median,p05,p95,per_100k_adults,rank");
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    auto c = split(line, ',');
    REQUIRE(c.size() == 12);
    rows.push_back({c[1], c[2], c[5], std::stod(c[7]), std::stod(c[8]), std::stod(c[9]), c[4]});
  }
  return rows;
}

// The JSON rows, read with a scanner sufficient for the writer's fixed layout.
std::vector<Row> parse_json_rows(const std::string& json) {
  std::vector<Row> rows;
  size_t pos = json.find("\"rows\"");
  REQUIRE(pos != std::string::npos);
  auto field = [&](size_t from, const std::string& key) {
    const size_t k = json.find("\"" + key + "\": ", from) + key.size() + 4;
    if (json[k] == '"') return json.substr(k + 1, json.find('"', k + 1) - k - 1);
    return json.substr(k, json.find_first_of(",}", k) - k);
  };
  while ((pos = json.find("{\"scenario\"", pos)) != std::string::npos) {
    rows.push_back({field(pos, "jurisdiction"), field(pos, "postal"), field(pos, "unit"),
                    std::stod(field(pos, "median")), std::stod(field(pos, "p05")), std::stod(field(pos, "p95")),
                    field(pos, "measure")});
    ++pos;
  }
  return rows;
}

}  // namespace

TEST_CASE("run on the default scenario exits 0 and its formats agree") {
  const auto csv = run_reliefsim("run --replicates 200 --format csv");
  REQUIRE(csv.exit_code == 0);
  const auto json = run_reliefsim("run --replicates 200 --format json");
  REQUIRE(json.exit_code == 0);
  const auto table = run_reliefsim("run --replicates 200");
  REQUIRE(table.exit_code == 0);
  const auto md = run_reliefsim("run --replicates 200 --format md");
  REQUIRE(md.exit_code == 0);

  const auto rows = parse_csv_rows(csv.out);
  const auto jrows = parse_json_rows(json.out);
  REQUIRE(rows.size() == jrows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].jurisdiction == jrows[i].jurisdiction);
    CHECK(rows[i].unit == jrows[i].unit);
    CHECK(rows[i].median == jrows[i].median);
    CHECK(rows[i].p05 == jrows[i].p05);
    CHECK(rows[i].p95 == jrows[i].p95);
  }
  // The total row of each unit is the per-replicate sum of the jurisdiction rows, so its
  // median lies between the sums of their 5th and of their 95th percentiles.
  std::map<std::string, double> sum05, sum95, total;
  int federal = 0;
  for (const auto& r : rows) {
    const std::string key = r.measure + "/" + r.unit;
    if (r.jurisdiction == "Total") {
      CHECK(r.postal.empty());
      total[key] = r.median;
    } else {
      sum05[key] += r.p05;
      sum95[key] += r.p95;
    }
    federal += r.jurisdiction == "US" && r.postal == "US";
  }
  CHECK(federal == 24);  // eligible, cleared, already_relieved and legally_relieved, in six units
  REQUIRE(total.size() == 24);
  // A pardon relieves in law at once; the record follows: never less in law than cleared.
  for (const char* unit : {"people", "convictions", "records"})
    CHECK(total[std::string("legally_relieved/") + unit] >= total[std::string("cleared/") + unit]);
  for (const auto& [unit, t] : total) {
    CHECK(sum05[unit] <= t + 1);  // +1: each printed figure is rounded to a whole number
    CHECK(t <= sum95[unit] + 1);
  }
  // The terminal table and the Markdown show the same total as the CSV.
  auto grouped = [](double v) {
    std::string s = std::to_string(static_cast<long long>(v)), out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
      out += s[i];
    }
    return out;
  };
  CHECK(table.out.find(grouped(total["eligible/people"])) != std::string::npos);
  CHECK(md.out.find(grouped(total["eligible/records"])) != std::string::npos);
  CHECK(table.out.find(grouped(total["cleared/records"])) != std::string::npos);
}

TEST_CASE("where a board must agree to the pardon, the table gives the row in words: if it agrees, and its chance") {
  // Texas's Board of Pardons and Paroles must recommend a pardon (states/tx.yaml), so the
  // default scenario's "every governor follows" is drawn per replicate there; Missouri's
  // governor acts alone.
  const auto table = run_reliefsim("run --replicates 200");
  REQUIRE(table.exit_code == 0);
  const size_t tx_row = table.out.find("\nTexas (TX) † if the board agrees (chance ");
  REQUIRE(tx_row != std::string::npos);
  CHECK(table.out.find("Missouri (MO) †") == std::string::npos);
  CHECK(table.out.find("\nMissouri (MO) ") != std::string::npos);
  // The row holds the figures over the replicates in which the board agreed: never a median
  // of 0 with an interval from 0, which is what the unconditional mixture reads.
  const std::string row = table.out.substr(tx_row + 1, table.out.find('\n', tx_row + 1) - tx_row - 1);
  const std::string figures = row.substr(row.find("%)") + 2);
  CHECK(figures.find(" (0–") == std::string::npos);
  CHECK(figures.find_first_of("123456789") < figures.find(" ("));
  CHECK(table.out.find("Those rows are given in words") != std::string::npos);
  // The per-state lines are in the table now, not repeated in the notes.
  CHECK(table.out.find("\n  - Texas (TX): agreed in ") == std::string::npos);

  const auto json = run_reliefsim("run --replicates 200 --format json");
  REQUIRE(json.exit_code == 0);
  const size_t tx = json.out.find("{\"postal\": \"TX\", \"agreed_share\": ");
  REQUIRE(tx != std::string::npos);
  const double share = std::stod(json.out.substr(tx + std::string("{\"postal\": \"TX\", \"agreed_share\": ").size()));
  CHECK(share > 0.3);  // the chance is drawn uniformly from 0 to 1, so about half
  CHECK(share < 0.7);
  // The chance the table shows is that share.
  char percent[16];
  std::snprintf(percent, sizeof percent, "(chance %.0f%%)", 100 * share);
  CHECK(row.find(percent) != std::string::npos);
  CHECK(json.out.find("{\"postal\": \"MO\"") == std::string::npos);
}

TEST_CASE("the same seed gives byte-identical output on one thread and on all") {
  const auto one = run_reliefsim("run --replicates 300 --seed 42 --threads 1 --format json");
  const auto all = run_reliefsim("run --replicates 300 --seed 42 --threads 0 --format json");
  const auto two = run_reliefsim("run --replicates 300 --seed 42 --threads 2 --format json");
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == all.out);
  CHECK(one.out == two.out);
  const auto other = run_reliefsim("run --replicates 300 --seed 43 --threads 1 --format json");
  CHECK(other.out != one.out);
}

TEST_CASE("bad values, unknown options and unknown scenarios get the documented exit codes") {
  auto r = run_reliefsim("run --as-of 2022-02-30");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("expected a date YYYY-MM-DD") != std::string::npos);
  CHECK(r.out.empty());
  r = run_reliefsim("run --replicates 0");
  CHECK(r.exit_code == 1);
  r = run_reliefsim("run --bogus");
  CHECK(r.exit_code == 2);
  r = run_reliefsim("rnu");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean 'run'?") != std::string::npos);
  r = run_reliefsim("run us_2022_proclamaton");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("did you mean 'us_2022_proclamation'?") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("check reports a broken file with file:line:column and exit 1") {
  auto r = run_reliefsim("check tests/fixtures/bad/state_unknown_grade.yaml --root .");
  // Fixtures are not under states/, so check cannot tell their kind: that, too, is reported.
  CHECK(r.exit_code == 1);
  r = run_reliefsim("check");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("no problems") != std::string::npos);
}

TEST_CASE("a medical-cannabis bill with no record-relief clause clears nothing, and says so") {
  const auto r = run_reliefsim("run ks_hsub_sb158_2021 --replicates 50 --format csv");
  REQUIRE(r.exit_code == 0);
  for (const auto& row : parse_csv_rows(r.out)) {
    CHECK(row.median == 0);
    CHECK(row.p95 == 0);
  }
  const auto t = run_reliefsim("run ks_hsub_sb158_2021 --replicates 50");
  CHECK(t.out.find("clears no records") != std::string::npos);
}

TEST_CASE("issue 15: a scope that selects offenses the population holds no records of says so") {
  // The federal population holds only the Sentencing Commission's simple-possession counts:
  // a what-if pardon of trafficking convictions finds nothing, and the run must say why
  // rather than print a silent zero.
  const auto r = run_reliefsim("run tests/fixtures/scenarios/us_trafficking_whatif.yaml --replicates 20");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("action 'pardon_trafficking' reaches no records in US: the population holds no "
                   "sale_manufacture records for US") != std::string::npos);
  // A scope that does reach records gives no such note.
  const auto p = run_reliefsim("run us_2022_proclamation --replicates 20");
  REQUIRE(p.exit_code == 0);
  CHECK(p.out.find("reaches no records") == std::string::npos);
}

TEST_CASE("issue 15: history runs the relief enacted in states/ up to a date") {
  const auto r = run_reliefsim("history --as-of 2024-01-01 --replicates 50 --format csv");
  REQUIRE(r.exit_code == 0);
  bool nj = false, mo = false, kansas = false;
  for (const auto& row : parse_csv_rows(r.out)) {
    if (row.measure != "cleared" || row.unit != "records") continue;
    nj = nj || (row.jurisdiction == "New Jersey" && row.median > 100000);  // the 2021 expungement
    mo = mo || (row.jurisdiction == "Missouri" && row.median > 0);          // Amendment 3 (2022)
    kansas = kansas || row.jurisdiction == "Kansas";                        // no relief enacted
  }
  CHECK(nj);
  CHECK(mo);
  CHECK_FALSE(kansas);
  // Before Missouri's Amendment 3 took effect, Missouri has nothing cleared.
  const auto early = run_reliefsim("history --as-of 2022-12-01 --replicates 50 --format csv");
  REQUIRE(early.exit_code == 0);
  for (const auto& row : parse_csv_rows(early.out)) CHECK(row.jurisdiction != "Missouri");
}

TEST_CASE("issue 15: history --since reports what changed between two dates, replicate by replicate") {
  // Missouri had no relief in force before Amendment 3 (2022-12-08): what it cleared
  // between 2022-12-01 and 2024-01-01 is all it had cleared by 2024-01-01.
  const auto all = run_reliefsim("history --as-of 2024-01-01 --replicates 50 --format csv");
  const auto since = run_reliefsim("history --as-of 2024-01-01 --since 2022-12-01 --replicates 50 --format csv");
  REQUIRE(all.exit_code == 0);
  REQUIRE(since.exit_code == 0);
  auto missouri = [](const std::string& csv) {
    for (const auto& row : parse_csv_rows(csv))
      if (row.jurisdiction == "Missouri" && row.measure == "cleared" && row.unit == "records") return row.median;
    return -1.0;
  };
  CHECK(missouri(all.out) > 0);
  CHECK(missouri(since.out) == missouri(all.out));
  // A --since on or after --as-of is refused.
  CHECK(run_reliefsim("history --as-of 2024-01-01 --since 2024-01-01").exit_code == 1);
}

TEST_CASE("issue 23: Missouri's probation-and-parole vacatur no longer moves Amendment 3's clearances") {
  // The vacatur reaches only people on probation or parole on 2022-12-08; it used to reach
  // every conviction and pull 15,000 cases ahead of the deadlines (247,859 against 232,628).
  auto cleared = [](const std::string& scenario) {
    const auto r = run_reliefsim("run " + scenario + " --as-of 2023-06-30 --replicates 100 --format csv");
    REQUIRE(r.exit_code == 0);
    for (const auto& row : parse_csv_rows(r.out))
      if (row.jurisdiction == "Missouri" && row.measure == "cleared" && row.unit == "cases") return row.median;
    return -1.0;
  };
  const double with = cleared("mo_amendment_3_2022");
  const double without = cleared("tests/fixtures/scenarios/mo_a3_without_vacatur.yaml");
  REQUIRE(without > 0);
  CHECK(std::abs(with - without) / without < 0.02);
}

TEST_CASE("issue 23: about nobody was in federal custody for simple possession on the day of the 2022 pardon") {
  // The Sentencing Commission: no one sentenced solely for simple possession of marijuana was
  // in Bureau of Prisons custody in January 2022. The 6,577 were sentenced over FY1992-2021.
  const auto r = run_reliefsim("run tests/fixtures/scenarios/us_2022_in_prison.yaml --replicates 100 --format csv");
  REQUIRE(r.exit_code == 0);
  bool seen = false;
  for (const auto& row : parse_csv_rows(r.out))
    if (row.jurisdiction == "US" && row.measure == "eligible" && row.unit == "people") {
      seen = true;
      CHECK(row.p95 < 10);
    }
  CHECK(seen);
}

TEST_CASE("issue 23: population reports the people still under sentence on the date, by status") {
  const auto r = run_reliefsim("population MO --as-of 2022-12-08 --replicates 50 --format csv");
  REQUIRE(r.exit_code == 0);
  for (const char* status : {"incarcerated", "probation", "parole"})
    CHECK(r.out.find(std::string(",under_sentence_") + status + ",people,2022-12-08,") != std::string::npos);
}

TEST_CASE("issue 23: explain shows the share of a group under sentence that a clause reaches") {
  const auto r = run_reliefsim("explain MO mo_amendment_3_2022 --as-of 2022-12-08");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("eligible under vacate_probation_parole (automatic_court_expungement), only those on probation or "
                   "on parole on 2022-12-08 (") != std::string::npos);
  // Misdemeanor possession is explained by its own clause, not by the vacatur.
  CHECK(r.out.find("possession, misdemeanor, conviction, up to 35 g, 1990s") != std::string::npos);
  CHECK(r.out.find("eligible under expunge_misdemeanors") != std::string::npos);
}

TEST_CASE("issue 20: the years without encoded law are one note line; --verbose gives each") {
  const auto quiet = run_reliefsim("run --replicates 50");
  REQUIRE(quiet.exit_code == 0);
  size_t lines = 0;
  for (size_t at = quiet.out.find("no possession law"); at != std::string::npos; at = quiet.out.find("no possession law", at + 1))
    ++lines;
  CHECK(lines == 1);
  CHECK(quiet.out.find("ND 1970–2014") != std::string::npos);
  const auto verbose = run_reliefsim("run --replicates 50 --verbose");
  REQUIRE(verbose.exit_code == 0);
  CHECK(verbose.out.find("ND: no possession law encoded for 1970–2014") != std::string::npos);
  CHECK(verbose.out.find("KY: no possession law encoded for 1970–1995") != std::string::npos);
  // The JSON keeps every note.
  const auto json = run_reliefsim("run --replicates 50 --format json");
  CHECK(json.out.find("ND: no possession law encoded for 1970–2014") != std::string::npos);
}

TEST_CASE("issue 24: a run on its actions' first day says why nothing is cleared") {
  const auto r = run_reliefsim("run mo_amendment_3_2022 --as-of 2022-12-08 --replicates 50");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("no action of this scenario has been in force for a day") != std::string::npos);
  const auto later = run_reliefsim("run mo_amendment_3_2022 --replicates 50");  // its as_of: 2024-06-20
  REQUIRE(later.exit_code == 0);
  CHECK(later.out.find("as of 2024-06-20") != std::string::npos);
  CHECK(later.out.find("no action of this scenario has been in force") == std::string::npos);
}

TEST_CASE("issue 24: explain STATE alone explains the default scenario") {
  const auto r = run_reliefsim("explain MO");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("reached by us_2022_and_governors") != std::string::npos);
  CHECK(run_reliefsim("explain").exit_code == 2);
}

TEST_CASE("issue 20: per 100,000 adults and rank, by hand for Missouri; ranks run 1 to 51 without gaps") {
  // Missouri had 4,766,843 residents aged 18 and over in 2019 (Census SCPRC-EST2019-18+POP-RES);
  // the nation 255,200,373.
  const auto r = run_reliefsim("run --replicates 50 --format csv");
  REQUIRE(r.exit_code == 0);
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  std::vector<int> ranks;
  bool missouri = false, total = false;
  while (std::getline(in, line)) {
    const std::vector<std::string> c = testing::csv_cells(line);
    REQUIRE(c.size() == 12);
    if (c[4] != "eligible" || c[5] != "records") continue;
    const double median = std::stod(c[7]);
    if (c[2] == "MO") {
      missouri = true;
      CHECK(std::stod(c[10]) == doctest::Approx(median / 4766843 * 1e5).epsilon(1e-3));
    }
    if (c[1] == "Total") {
      total = true;
      CHECK(std::stod(c[10]) == doctest::Approx(median / 255200373 * 1e5).epsilon(1e-3));
      CHECK(c[11].empty());
    }
    if (!c[11].empty()) ranks.push_back(std::stoi(c[11]));
  }
  CHECK(missouri);
  CHECK(total);
  std::sort(ranks.begin(), ranks.end());
  REQUIRE(ranks.size() == 51);  // 50 states and D.C.; the federal row has no rank
  for (size_t i = 0; i < ranks.size(); ++i) CHECK(ranks[i] == static_cast<int>(i) + 1);
}

TEST_CASE("issue 24: run --wide gives one row per jurisdiction, and its Total row is the sum of the rows") {
  const auto r = run_reliefsim("run --replicates 50 --format csv --wide");
  REQUIRE(r.exit_code == 0);
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  const auto header = testing::csv_cells(line);
  REQUIRE(header.size() == 4 + 4 * 6 * 3 + 2);
  CHECK(header[4] == "eligible_people");
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) rows.push_back(testing::csv_cells(line));
  REQUIRE(rows.size() == 53);  // 50 states, D.C., federal, Total
  std::set<std::string> postal;
  for (size_t i = 0; i + 1 < rows.size(); ++i) postal.insert(rows[i][1]);
  CHECK(postal.size() == 52);
  CHECK(rows.back()[0] == "Total");
  for (size_t col = 4; col < 4 + 4 * 6 * 3; col += 3) {
    double sum = 0;
    for (size_t i = 0; i + 1 < rows.size(); ++i) sum += std::stod(rows[i][col]);
    INFO(header[col]);
    CHECK(std::stod(rows.back()[col]) == doctest::Approx(sum));
  }
  CHECK(run_reliefsim("run --wide").exit_code == 2);  // a table has no wide form
}

TEST_CASE("issue 20: run --fiscal prints its own table and CSV, and leaves the tidy CSV as it was") {
  const std::string base = "run mo_amendment_3_2022 --replicates 100";
  const auto tidy = run_reliefsim(base + " --format csv");
  REQUIRE(tidy.exit_code == 0);
  // The fiscal CSV has its own columns, three quantities for Missouri and for the total.
  const auto csv = run_reliefsim(base + " --fiscal --format csv");
  REQUIRE(csv.exit_code == 0);
  std::istringstream in(csv.out);
  std::string line;
  std::getline(in, line);
  CHECK(line == "scenario,jurisdiction,postal,fips,basis,quantity,unit,as_of,median,p05,p95");
  std::map<std::string, double> median;
  int rows = 0;
  while (std::getline(in, line)) {
    const auto c = split(line, ',');
    REQUIRE(c.size() == 11);
    if (c[2] == "MO") {
      CHECK(c[4] == "court_review");
      median[c[5]] = std::stod(c[8]);
      CHECK(std::stod(c[9]) <= std::stod(c[8]));
      CHECK(std::stod(c[8]) <= std::stod(c[10]));
    }
    ++rows;
  }
  CHECK(rows == 6);
  // Courts review more cases than they find eligible; each takes minutes, each hour dollars.
  double eligible = 0;
  for (const auto& row : parse_csv_rows(tidy.out))
    if (row.postal == "MO" && row.measure == "eligible" && row.unit == "cases") eligible = row.median;
  CHECK(median["cases_to_review"] > 2 * eligible);
  CHECK(median["staff_hours"] > median["cases_to_review"] / 60);
  CHECK(median["cost"] > 10 * median["staff_hours"]);
  // The table and Markdown put the fiscal figures under the run's own, which are unchanged.
  const auto table = run_reliefsim(base);
  const auto fiscal_table = run_reliefsim(base + " --fiscal");
  REQUIRE(fiscal_table.exit_code == 0);
  CHECK(fiscal_table.out.rfind(table.out, 0) == 0);
  CHECK(fiscal_table.out.find("Fiscal-note figures") != std::string::npos);
  CHECK(run_reliefsim(base + " --fiscal --format json").out.find("\"fiscal\": {\"as_of\": \"2024-06-20\"") !=
        std::string::npos);
  CHECK(run_reliefsim(base + " --fiscal --format csv --wide").exit_code == 2);
}

TEST_CASE("issue 20: check reports a fiscal assumption out of its bounds at its distribution") {
  const auto r = run_reliefsim("check tests/fixtures/fiscal/assumptions.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("tests/fixtures/fiscal/assumptions.yaml:10:19: assumption 'review-eligible-share': expected a share "
                   "above 0 and at most 1, got uniform 0 to 0.2; see docs/methodology.md#review-eligible-share") !=
        std::string::npos);
}

TEST_CASE("issue 20: run --by-race splits people eligible, cleared and left with no record, and the races add up") {
  // One replicate: every quantile is that replicate's value, so the split must add up to the
  // run's own figure for every jurisdiction and measure (each part rounded: within 2).
  const auto split = run_reliefsim("run --by-race --format csv --replicates 1");
  const auto tidy = run_reliefsim("run --format csv --replicates 1");
  REQUIRE(split.exit_code == 0);
  REQUIRE(tidy.exit_code == 0);
  REQUIRE(split.out.rfind("scenario,jurisdiction,postal,fips,race,measure,unit,as_of,median,p05,p95\n", 0) == 0);
  std::map<std::string, double> whole_figure, parts;
  std::map<std::string, std::map<std::string, double>> eligible_by_race;
  std::istringstream t(tidy.out), s(split.out);
  std::string line;
  while (std::getline(t, line)) {
    const auto c = testing::csv_cells(line);
    if (c.size() >= 10) whole_figure[c[1] + "|" + c[4] + "|" + c[5]] = std::atof(c[7].c_str());
  }
  std::map<std::string, double> ratio, share;
  while (std::getline(s, line)) {
    const auto c = testing::csv_cells(line);
    if (c.size() != 11 || c[0] == "scenario") continue;
    if (c[5] == "disparity_ratio") ratio[c[4]] = std::atof(c[8].c_str());
    else if (c[5] == "eligible_share") share[c[4]] = std::atof(c[8].c_str());
    else parts[c[1] + "|" + c[5] + "|" + c[6]] += std::atof(c[8].c_str());
    if (c[1] == "Total" && c[5] == "eligible") eligible_by_race["Total"][c[4]] = std::atof(c[8].c_str());
  }
  REQUIRE(parts.size() >= 3 * 20);
  for (const auto& [key, sum] : parts) {
    INFO(key);
    REQUIRE(whole_figure.count(key));
    CHECK(std::abs(sum - whole_figure[key]) <= 2.0);
  }
  // The shares of the eligible add up to 1, and Black people are over-represented among those
  // the default scenario reaches (their share of marijuana arrests was about twice their share
  // of residents: data/demography/race.yaml).
  REQUIRE(share.size() == 3);
  CHECK(share["black"] + share["white"] + share["other"] == doctest::Approx(1).epsilon(0.002));
  CHECK(ratio["black"] > 1.5);
  CHECK(ratio["white"] < 1);
  const double split_total = eligible_by_race["Total"]["black"] + eligible_by_race["Total"]["white"] + eligible_by_race["Total"]["other"];
  CHECK(share["black"] == doctest::Approx(eligible_by_race["Total"]["black"] / split_total).epsilon(0.002));

  // The table prints the national split under the run's; the tidy CSV is unchanged without it.
  const auto table = run_reliefsim("run mo_amendment_3_2022 --by-race --replicates 50");
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("\nBy race: people in every jurisdiction in scope, as of ") != std::string::npos);
  CHECK(run_reliefsim("run --by-race --wide --format csv --replicates 5").exit_code == 2);
}
