#include "sim/report/population_table.hpp"

#include <cmath>

#include "sim/report/json_layout.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {

// "held_decade_1990s" → "offenses of the 1990s"
std::string describe(const std::string& measure, Unit unit) {
  const std::string u(to_string(unit));
  if (measure == "held") {
    if (unit == Unit::people) return "people alive holding a record";
    if (unit == Unit::arrests) return "arrests on record";
    if (unit == Unit::cases) return "court cases held";
    if (unit == Unit::charges) return "marijuana charges held";
    return u + " held";
  }
  if (measure.rfind("held_grade_", 0) == 0) return u + ", " + measure.substr(11) + " grade";
  if (measure.rfind("held_decade_", 0) == 0) return u + " of offenses in the " + measure.substr(12);
  if (measure.rfind("held_race_", 0) == 0) return u + ", " + measure.substr(10);
  if (measure.rfind("under_sentence_", 0) == 0) return u + " under sentence: " + measure.substr(15);
  return measure + " (" + u + ")";
}

}  // namespace

std::string format_population(const std::vector<SummaryRow>& rows, const JurisdictionLabel& label,
                              const RunInfo& info, int replicates, std::uint64_t seed, Format format) {
  const std::string jurisdiction = label.federal ? "US" : label.name;
  if (format == Format::csv) {
    std::string out = std::string(kTidyHeader) + "\n";
    for (const auto& r : rows)
      out += "population," + (jurisdiction.find(',') != std::string::npos ? "\"" + jurisdiction + "\"" : jurisdiction) +
             "," + label.postal + "," + label.fips + "," + r.measure + "," + std::string(to_string(r.unit)) + "," +
             info.as_of + "," + whole(r.interval.median) + "," + whole(r.interval.p05) + "," + whole(r.interval.p95) + "\n";
    return out;
  }
  if (format == Format::json) {
    JsonDoc doc;
    doc["scenario"] = "population";
    doc["jurisdiction"] = jurisdiction;
    doc["as_of"] = info.as_of;
    doc["seed"] = seed;
    doc["replicates"] = replicates;
    doc["version"] = info.version;
    doc["inputs"] = JsonDoc::array();
    for (const auto& in : info.inputs) doc["inputs"].push_back({{"path", in.path}, {"sha256", in.sha256}});
    doc["rows"] = JsonDoc::array();
    for (const auto& r : rows)
      doc["rows"].push_back({{"scenario", "population"}, {"jurisdiction", jurisdiction}, {"postal", label.postal},
                             {"fips", label.fips}, {"measure", r.measure}, {"unit", std::string(to_string(r.unit))},
                             {"as_of", info.as_of}, {"median", json_count(r.interval.median)},
                             {"p05", json_count(r.interval.p05)}, {"p95", json_count(r.interval.p95)}});
    return json_layout(doc, {"inputs", "rows"});
  }
  const bool md = format == Format::md;
  std::vector<std::pair<std::string, std::string>> lines;
  size_t width = 0;
  for (const auto& r : rows) {
    const std::string what = describe(r.measure, r.unit);
    const auto& v = r.interval;
    lines.emplace_back(what, std::llround(v.p05) == std::llround(v.p95)
                                 ? grouped(v.median)
                                 : grouped(v.median) + " (" + grouped(v.p05) + "–" + grouped(v.p95) + ")");
    width = std::max(width, what.size());
  }
  std::string out = (md ? "## " : "") + label.name + " (" + label.postal + "): marijuana records held on " + info.as_of +
                    "\n" + (md ? "\n" : "") + "median (90% interval) over " + std::to_string(replicates) +
                    " replicates, seed " + std::to_string(seed) + "\n\n";
  if (md) out += "| | median (90% interval) |\n|---|---:|\n";
  for (const auto& [what, value] : lines)
    out += md ? "| " + what + " | " + value + " |\n" : what + std::string(width - what.size() + 2, ' ') + value + "\n";
  if (!info.notes.empty()) {
    out += md ? "\nNotes:\n\n" : "\nNotes:\n";
    for (const auto& n : info.verbose ? info.notes : condensed_notes(info.notes)) out += (md ? "- " : "  - ") + n + "\n";
  }
  return out;
}

}  // namespace reliefsim
