#include "sim/report/html_report.hpp"

#include <cctype>
#include <set>
#include <stdexcept>

#include "sim/base/sha256.hpp"
#include "sim/report/json_layout.hpp"
#include "sim/report/web_assets.hpp"

namespace reliefsim {
namespace {

// A library placed inside <script>: only "</script" ends the element early. "<\/script" means
// the same in a JavaScript string or regular expression.
std::string script_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 8 <= s.size() && s[i + 1] == '/') {
      std::string word(s.substr(i + 2, 6));
      for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (word == "script") {
        out += "<\\/";
        ++i;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// JSON placed inside <script type="application/json">: a "<" can only stand inside a JSON
// string, where "\u003c" means the same, so the text can hold no "</script" or "<!--".
std::string json_in_script(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) out += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return out;
}

std::string dump(const JsonDoc& doc) { return doc.dump(-1, ' ', false, JsonDoc::error_handler_t::replace); }

std::string embedded(const char* name) {
  auto f = web_file(name);
  if (!f) throw std::logic_error(std::string("web/") + name + " was not embedded into reliefsim at build time");
  return std::string(*f);
}

// Puts `with` where the template holds the line "<!-- reliefsim:NAME -->" (once).
void fill(std::string& page, const std::string& name, const std::string& with) {
  const std::string marker = "<!-- reliefsim:" + name + " -->";
  const size_t at = page.find(marker);
  if (at == std::string::npos || page.find(marker, at + 1) != std::string::npos)
    throw std::logic_error("web/report/index.html must hold " + marker + " once");
  page.replace(at, marker.size(), with);
}

// The page's data: the run, its scenarios, notes and sources, and one object a row in the
// shape of run --format json's rows (jurisdiction: the name shown; main: on the as-of date;
// board: the share of replicates a pardon board agreed in).
JsonDoc data_json(const std::vector<ReportScenario>& scenarios, const std::vector<ReportDifference>& differences,
                  const std::vector<JurisdictionLabel>& labels,
                  const std::map<std::string, double>& population_by_postal, const RunInfo& info,
                  const std::vector<ReportAssumption>& assumptions, const std::vector<ReportSource>& sources) {
  const Projection& first = *scenarios.front().projection;
  JsonDoc d;
  d["title"] = scenarios.front().title;
  d["as_of"] = info.as_of;
  d["replicates"] = first.replicates;
  d["seed"] = first.seed;
  d["version"] = info.version;
  d["scenarios"] = JsonDoc::array();
  for (const auto& s : scenarios)
    d["scenarios"].push_back({{"id", s.id}, {"title", s.title}, {"description", s.description}, {"drivers", s.drivers},
                              {"cleared_means", s.cleared_means},
                              {"by_race", s.by_race_json.empty() ? JsonDoc() : JsonDoc::parse(s.by_race_json)},
                              {"fiscal", s.fiscal_json.empty() ? JsonDoc() : JsonDoc::parse(s.fiscal_json)}});
  d["differences"] = JsonDoc::array();
  for (const auto& x : differences) d["differences"].push_back(x.label);
  // Every jurisdiction with a map shape, so that the map shows the country around the ones a
  // scenario reaches.
  d["jurisdictions"] = JsonDoc::array();
  for (const auto& l : labels)
    if (!l.fips.empty()) d["jurisdictions"].push_back({{"postal", l.postal}, {"name", l.name}, {"fips", l.fips}});
  d["population"] = JsonDoc::object();
  for (const auto& [postal, n] : population_by_postal) d["population"][postal] = json_count(n);
  d["notes"] = condensed_notes(info.notes);
  d["assumptions"] = JsonDoc::array();
  for (const auto& a : assumptions)
    d["assumptions"].push_back({{"id", a.id}, {"description", a.description}, {"range", a.range}});
  // Sources, then the input files with their hashes (for reproducing the run).
  d["sources"] = JsonDoc::array();
  d["input_files"] = JsonDoc::array();
  for (const auto& s : sources)
    d[s.note.rfind("input file", 0) == 0 ? "input_files" : "sources"].push_back(
        {{"title", s.title}, {"href", s.href}, {"note", s.note}});
  d["rows"] = JsonDoc::array();
  auto emit = [&](const std::string& scenario, const Projection& p, bool timeline) {
    const Date as_of = p.rows.empty() ? Date{} : p.rows.front().as_of;
    std::map<int, double> agreed;  // board-gated jurisdictions: the share of replicates the board agreed in
    for (const auto& g : p.board_gates) agreed[g.jurisdiction] = g.agreed_share;
    for (const auto& r : p.rows) {
      const bool main = r.as_of == as_of;
      const bool total = r.jurisdiction < 0;
      // Month by month: each jurisdiction's records cleared, and the total's stages.
      const bool stage = r.measure == Measure::cleared ||
                         (total && (r.measure == Measure::eligible || r.measure == Measure::legally_relieved));
      if (!main && !(timeline && stage && r.unit == Unit::records)) continue;
      const JurisdictionLabel* l = total ? nullptr : &labels[static_cast<size_t>(r.jurisdiction)];
      JsonDoc row = {{"scenario", scenario},
                     {"jurisdiction", total ? "Total" : l->name},
                     {"postal", total ? "" : l->postal},
                     {"fips", total ? "" : l->fips},
                     {"measure", std::string(to_string(r.measure))},
                     {"unit", std::string(to_string(r.unit))},
                     {"as_of", r.as_of.to_string()},
                     {"main", main},
                     {"median", json_count(r.interval.median)},
                     {"p05", json_count(r.interval.p05)},
                     {"p95", json_count(r.interval.p95)}};
      if (agreed.count(r.jurisdiction)) row["board"] = agreed[r.jurisdiction];
      d["rows"].push_back(std::move(row));
    }
  };
  for (const auto& s : scenarios) emit(s.id, *s.projection, true);
  for (const auto& x : differences) emit(x.label, *x.projection, false);
  return d;
}

}  // namespace

std::string format_html_report(const std::vector<ReportScenario>& scenarios,
                               const std::vector<ReportDifference>& differences,
                               const std::vector<JurisdictionLabel>& labels,
                               const std::map<std::string, double>& population_by_postal, const RunInfo& info,
                               const std::vector<ReportAssumption>& assumptions,
                               const std::vector<ReportSource>& sources, const ReportAssets& assets) {
  std::string page = embedded("report/index.html");
  const std::string style = embedded("shared/reliefsim.css");
  // The scripts as they stand in the page, libraries first: the policy names each by its hash.
  const std::string libraries[] = {script_safe(assets.vega), script_safe(assets.vega_lite),
                                   script_safe(assets.vega_embed), script_safe(assets.vega_interpreter)};
  const std::string page_scripts[] = {script_safe(embedded("shared/views.js")), script_safe(embedded("report/report.js"))};
  // Content-Security-Policy: nothing from the network, and only the page's own scripts and
  // stylesheet, named by their hashes, so no inline event handler or injected script or style
  // element can run. No eval: Vega reads expressions with its interpreter. Vega's charts set
  // style attributes and export images as data: URLs.
  std::string scripts_allowed;
  for (const auto& s : libraries) scripts_allowed += " 'sha256-" + sha256_base64(s) + "'";
  for (const auto& s : page_scripts) scripts_allowed += " 'sha256-" + sha256_base64(s) + "'";
  fill(page, "policy",
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src" + scripts_allowed +
           "; style-src 'sha256-" + sha256_base64(style) + "'; style-src-attr 'unsafe-inline'; img-src data: blob:; "
           "connect-src 'none'; base-uri 'none'; form-action 'none'\">");
  fill(page, "style", "<style>" + style + "</style>");
  std::string libs;
  for (const auto& s : libraries) libs += "<script>" + s + "</script>\n";
  fill(page, "libraries", libs);
  fill(page, "data",
       "<script type=\"application/json\" id=\"us-states\">" + json_in_script(assets.us_states_topojson) + "</script>\n" +
           "<script type=\"application/json\" id=\"report-data\">" +
           json_in_script(dump(data_json(scenarios, differences, labels, population_by_postal, info, assumptions, sources))) +
           "</script>");
  std::string scripts;
  for (const auto& s : page_scripts) scripts += "<script>" + s + "</script>\n";
  fill(page, "scripts", scripts);
  return page;
}

}  // namespace reliefsim
