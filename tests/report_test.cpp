// The HTML report (issue 8): headless Chromium opens it from disk; the page runs without
// console errors, the map draws 51 jurisdictions and the table has one row per
// jurisdiction. A screenshot is kept in build/test-artifacts/ for a person to look at.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "sim/base/sha256.hpp"
#include "sim/report/tables.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

namespace {

const fs::path kArtifacts = fs::path(RELIEFSIM_BINARY).parent_path() / "test-artifacts";

std::string chromium(const std::string& args, std::string& err) {
  // A profile of its own per call: tests run in parallel, and two browsers cannot share one.
  static int calls = 0;
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++calls);
  const fs::path profile = kArtifacts / ("chromium-profile-" + tag);
  const fs::path err_file = kArtifacts / ("chromium-" + tag + ".err");
  const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--enable-logging=stderr --v=0 --user-data-dir='" + profile.string() +
                          "' --virtual-time-budget=20000 " + args + " 2>'" + err_file.string() + "'";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  err = testing::read_whole_file(err_file);
  std::error_code ec;
  fs::remove_all(profile, ec);
  fs::remove(err_file, ec);
  return out;
}

// The attributes of the page's own <body> (the last one: minified libraries hold the word in
// strings), where the page script reports what it drew.
std::string body_attributes(const std::string& dom) {
  std::string attrs;
  const std::regex body_re("<body([^>]*)>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), body_re); it != std::sregex_iterator(); ++it)
    attrs = (*it)[1];
  return attrs;
}

}  // namespace

TEST_CASE("the HTML report opens from disk in headless Chromium: no errors, 51 states on the map, a row per jurisdiction") {
  fs::create_directories(kArtifacts);
  const fs::path dir = kArtifacts / "report";
  const auto r = testing::run_reliefsim("report us_2022_and_governors mo_amendment_3_2022 --replicates 100 --out '" +
                                        dir.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  REQUIRE(fs::exists(dir / "index.html"));
  const std::string page = testing::read_whole_file(dir / "index.html");
  // Offline: every library is inlined, nothing is fetched.
  CHECK(page.find("<script src=") == std::string::npos);
  CHECK(page.find("<link ") == std::string::npos);
  REQUIRE_MESSAGE(std::system("command -v chromium >/dev/null 2>&1") == 0,
                  "chromium is missing: the test command (scripts/setup.sh --with-browser) installs it");
  std::string err;
  const std::string dom = chromium("--dump-dom 'file://" + fs::absolute(dir / "index.html").string() + "'", err);
  const std::string attrs = body_attributes(dom);
  REQUIRE_FALSE(dom.empty());
  INFO("body attributes: " << attrs);
  CHECK(attrs.find("data-ready=\"1\"") != std::string::npos);
  CHECK(attrs.find("data-map-states=\"51\"") != std::string::npos);
  CHECK(attrs.find("data-table-rows=\"52\"") != std::string::npos);  // 50 states, D.C. and federal
  CHECK(attrs.find("data-errors") == std::string::npos);
  CHECK(err.find("Uncaught") == std::string::npos);
  // Issue 24: the answer first. The first scenario's headline figures end within the first
  // 900 px of the page, and they are the CSV's totals.
  std::smatch bottom;
  REQUIRE(std::regex_search(attrs, bottom, std::regex("data-headline-bottom=\"([0-9]+)\"")));
  CHECK(std::stoi(bottom[1]) <= 900);
  // One date: every file but the timeline holds the as-of date only; the timeline is named so.
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".csv" || name.find("_timeline") != std::string::npos) continue;
    const std::string csv = testing::read_whole_file(e.path());
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
      INFO(name << ": " << line);
      CHECK(line.find(",2024-10-06,") != std::string::npos);
    }
  }
  // Like with like: Missouri's measure and the national pardon are not subtracted, and the
  // page says why.
  CHECK(page.find("mo_amendment_3_2022 minus us_2022_and_governors") == std::string::npos);
  CHECK(page.find("they act on other jurisdictions") != std::string::npos);
  // Texas's pardon needs its board (states/tx.yaml): the row is marked, Missouri's is not.
  CHECK(dom.find("<td>Texas †</td><td>TX</td>") != std::string::npos);
  CHECK(dom.find("<td>Missouri</td><td>MO</td>") != std::string::npos);
  // Issue 20: the page splits the scenario shown by race and gives its workload, with the data
  // files beside it. The race table's rows are the race CSV's Total rows.
  const size_t race_table = dom.find("id=\"by-race\"");
  REQUIRE(race_table != std::string::npos);
  const std::string race_html = dom.substr(race_table, dom.find("</table>", race_table) - race_table);
  for (const char* race : {"<td>black</td>", "<td>white</td>", "<td>other</td>"}) CHECK(race_html.find(race) != std::string::npos);
  const std::string race_csv = testing::read_whole_file(dir / "us_2022_and_governors_race.csv");
  std::smatch black;
  REQUIRE(std::regex_search(race_csv, black, std::regex("\nus_2022_and_governors,Total,,,black,eligible,people,2024-10-06,([0-9]+),")));
  CHECK(race_html.find("<td>black</td><td class=\"n\">" + grouped(std::stod(black[1]))) != std::string::npos);
  const size_t fiscal_table = dom.find("id=\"fiscal\"");
  REQUIRE(fiscal_table != std::string::npos);
  CHECK(dom.substr(fiscal_table, dom.find("</table>", fiscal_table) - fiscal_table).find("<td>Total</td>") != std::string::npos);
  CHECK(fs::exists(dir / "mo_amendment_3_2022_fiscal.csv"));
  chromium("--window-size=1200,4200 --screenshot='" + (kArtifacts / "report.png").string() + "' 'file://" +
               fs::absolute(dir / "index.html").string() + "'",
           err);
  CHECK(fs::exists(kArtifacts / "report.png"));
}

TEST_CASE("the report's CSV and JSON parse, and their totals are the terminal table's") {
  fs::create_directories(kArtifacts);
  const fs::path dir = kArtifacts / "report-ks";
  REQUIRE(testing::run_reliefsim("report model_ballot_measure --replicates 100 --out '" + dir.string() + "'").exit_code == 0);
  const auto table = testing::run_reliefsim("run model_ballot_measure --replicates 100");
  REQUIRE(table.exit_code == 0);
  const std::string csv = testing::read_whole_file(dir / "model_ballot_measure.csv");
  const std::string json = testing::read_whole_file(dir / "model_ballot_measure.json");
  CHECK(csv.rfind("scenario,jurisdiction,postal,fips,measure,unit,as_of,median,p05,p95,per_100k_adults,rank\n", 0) == 0);
  // The as-of date's total of records eligible, in each format.
  std::smatch m;
  REQUIRE(std::regex_search(csv, m, std::regex("model_ballot_measure,Total,,,eligible,records,2027-07-01,([0-9]+),")));
  const long total = std::stol(m[1]);
  REQUIRE(std::regex_search(json, m, std::regex("\"jurisdiction\": \"Total\", \"postal\": \"\", \"fips\": \"\", \"measure\": \"eligible\", \"unit\": \"records\", \"as_of\": \"2027-07-01\", \"median\": ([0-9]+)")));
  CHECK(std::stol(m[1]) == total);
  std::string grouped = std::to_string(total);
  for (int i = static_cast<int>(grouped.size()) - 3; i > 0; i -= 3) grouped.insert(static_cast<size_t>(i), ",");
  CHECK(table.out.find(grouped) != std::string::npos);
}

TEST_CASE("a failed report leaves the previous one intact") {
  fs::create_directories(kArtifacts);
  const fs::path dir = kArtifacts / "report-intact";
  REQUIRE(testing::run_reliefsim("report model_ballot_measure --replicates 20 --out '" + dir.string() + "'").exit_code == 0);
  const std::string before = testing::read_whole_file(dir / "index.html");
  const auto r = testing::run_reliefsim("report model_ballot_measure no_such_scenario --replicates 20 --out '" + dir.string() + "'");
  CHECK(r.exit_code == 1);
  CHECK(testing::read_whole_file(dir / "index.html") == before);
  for (const auto& e : fs::directory_iterator(kArtifacts))
    CHECK_MESSAGE(e.path().filename().string().find(".tmp.") == std::string::npos, e.path().string());
}

TEST_CASE("issue 21: hostile text in every field that reaches the report stays text: no script runs") {
  // A scenario whose every free-text field holds markup that would run script if the page
  // read it as HTML; the page must show it as text, and its Content-Security-Policy would
  // block an inline handler even if a slip let one through.
  fs::create_directories(kArtifacts / "hostile" / "scenarios");
  const std::string attack =
      "<img src=x onerror=\\\"document.body.dataset.pwned='img'\\\"></script><script>document.body.dataset.pwned='script'</script>"
      "<svg onload=\\\"document.body.dataset.pwned='svg'\\\">";
  const fs::path file = kArtifacts / "hostile" / "scenarios" / "hostile.yaml";
  {
    std::ofstream out(file);
    out << "scenario:\n  id: hostile\n  title: \"T " << attack << "\"\n  description: \"D " << attack << "\"\n"
        << "  as_of: 2027-07-01\n  reference:\n    - {title: \"R " << attack << "\", statute: \"S " << attack << "\"}\n"
        << "actions:\n  - id: seal\n    description: \"A " << attack << "\"\n"
        << "    mechanism: automatic_repository_sealing\n    jurisdictions: [KS]\n    date: 2027-01-01\n"
        << "    acted_by: legislature\n    scope: {offenses: [possession], dispositions: [conviction]}\n"
        << "    reference:\n      - {title: \"AR " << attack << "\", href: \"https://www.kslegislature.org/\"}\n";
  }
  const fs::path dir = kArtifacts / "report-hostile";
  const auto r = testing::run_reliefsim("report '" + file.string() + "' --replicates 20 --out '" + dir.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const std::string page = testing::read_whole_file(dir / "index.html");
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
  CHECK(page.find("<img src=x") == std::string::npos);  // written escaped, not as markup
  std::string err;
  const std::string dom = chromium("--dump-dom 'file://" + fs::absolute(dir / "index.html").string() + "'", err);
  const std::string attrs = body_attributes(dom);
  INFO("body attributes: " << attrs);
  CHECK(attrs.find("data-ready=\"1\"") != std::string::npos);  // the page's own script ran
  CHECK(attrs.find("pwned") == std::string::npos);             // no injected one did
  CHECK(attrs.find("data-map-states=\"51\"") != std::string::npos);  // the country around Kansas, in grey
  CHECK(dom.find("T &lt;img src=x") != std::string::npos);      // the title is shown, as text
  // Ids and jurisdiction names are limited to a documented character set.
  const fs::path bad_id = kArtifacts / "hostile" / "scenarios" / "x<b>.yaml";
  {
    std::ofstream out(bad_id);
    out << "scenario:\n  id: \"x<b>\"\n";
  }
  const auto refused = testing::run_reliefsim("check '" + bad_id.string() + "'");
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("expected a scenario id of at most 80 letters, digits") != std::string::npos);
}

TEST_CASE("issue 19: the report is web/'s page, its policy names the hash of every inline script and style, and it is the same every time") {
  fs::create_directories(kArtifacts);
  const fs::path a = kArtifacts / "report-policy-a", b = kArtifacts / "report-policy-b";
  for (const auto& dir : {a, b})
    REQUIRE(testing::run_reliefsim("report model_ballot_measure mo_amendment_3_2022 --replicates 20 --out '" + dir.string() + "'")
                .exit_code == 0);
  const std::string page = testing::read_whole_file(a / "index.html");
  // Same inputs, same page, byte for byte.
  CHECK(page == testing::read_whole_file(b / "index.html"));
  // The files serve uses too, inlined as they are in web/shared/ (one front end).
  const fs::path web = fs::path(RELIEFSIM_SOURCE_DIR) / "web";
  for (const char* shared : {"shared/views.js", "shared/reliefsim.css", "report/report.js"}) {
    const std::string text = testing::read_whole_file(web / shared);
    CHECK_MESSAGE(page.find(">" + text + "</") != std::string::npos, shared << " is not inlined as it is");
  }
  std::smatch m;
  REQUIRE(std::regex_search(page, m, std::regex("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")));
  const std::string policy = m[1];
  INFO("policy: " << policy.substr(0, 400));
  CHECK(policy.find("unsafe-eval") == std::string::npos);  // Vega runs with its expression interpreter
  CHECK(policy.find("connect-src 'none'") != std::string::npos);
  std::smatch scripts_m, styles_m;
  REQUIRE(std::regex_search(policy, scripts_m, std::regex("script-src([^;]*);")));
  REQUIRE(std::regex_search(policy, styles_m, std::regex("style-src ([^;]*);")));
  const std::string script_src = scripts_m[1], style_src = styles_m[1];
  CHECK(script_src.find("unsafe-inline") == std::string::npos);
  CHECK(style_src.find("unsafe-inline") == std::string::npos);
  // Every script that runs and every style element, hashed as the browser hashes them.
  int scripts = 0, json_blocks = 0;
  const std::regex script_re("<script( type=\"application/json\" id=\"([a-z-]+)\")?>");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), script_re); it != std::sregex_iterator(); ++it) {
    const size_t start = static_cast<size_t>(it->position() + it->length());
    const size_t end = page.find("</script>", start);
    REQUIRE(end != std::string::npos);
    const std::string body = page.substr(start, end - start);
    if ((*it)[1].matched) {
      // Data, never run: JSON that parses, with no "<" that could end or confuse the element.
      ++json_blocks;
      CHECK(body.find('<') == std::string::npos);
      continue;
    }
    ++scripts;
    CHECK_MESSAGE(script_src.find("'sha256-" + sha256_base64(body) + "'") != std::string::npos, "script " << scripts);
  }
  CHECK(scripts == 6);  // vega, vega-lite, vega-embed, vega-interpreter, views.js, report.js
  CHECK(json_blocks == 2);
  const size_t style_at = page.find("<style>");
  REQUIRE(style_at != std::string::npos);
  const size_t style_end = page.find("</style>", style_at);
  CHECK(style_src.find("'sha256-" + sha256_base64(page.substr(style_at + 7, style_end - style_at - 7)) + "'") !=
        std::string::npos);
  CHECK(page.find("<style>", style_at + 1) == std::string::npos);
  // The data is the run's: the first scenario's total of records eligible is the CSV's.
  const std::string csv = testing::read_whole_file(a / "model_ballot_measure.csv");
  REQUIRE(std::regex_search(csv, m, std::regex("model_ballot_measure,Total,,,eligible,records,([0-9-]+),([0-9]+),")));
  CHECK(page.find("{\"scenario\":\"model_ballot_measure\",\"jurisdiction\":\"Total\",\"postal\":\"\",\"fips\":\"\","
                  "\"measure\":\"eligible\",\"unit\":\"records\",\"as_of\":\"" + std::string(m[1]) +
                  "\",\"main\":true,\"median\":" + std::string(m[2]) + ",") != std::string::npos);
}
