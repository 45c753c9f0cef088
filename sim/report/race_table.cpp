#include "sim/report/race_table.hpp"

#include <cstdio>

#include "sim/report/json_layout.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {

std::string race_name(const std::optional<Race>& r) { return r ? std::string(to_string(*r)) : "not_split"; }


std::string fixed(double v, const char* format) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string share_cell(const Interval& v) {
  return fixed(100 * v.median, "%.1f%%") + " (" + fixed(100 * v.p05, "%.1f") + "–" + fixed(100 * v.p95, "%.1f") + ")";
}

std::string ratio_cell(const Interval& v) {
  return fixed(v.median, "%.2f") + " (" + fixed(v.p05, "%.2f") + "–" + fixed(v.p95, "%.2f") + ")";
}

const RaceDisparity* disparity_of(const RaceSplit& s, const std::optional<Race>& r) {
  if (!r) return nullptr;
  for (const auto& d : s.disparity)
    if (d.race == *r) return &d;
  return nullptr;
}

std::array<std::string, 3> label_of(int j, const std::vector<JurisdictionLabel>& labels) {
  if (j < 0) return {"Total", "", ""};
  const auto& l = labels[static_cast<size_t>(j)];
  return {l.federal ? "US" : l.name, l.postal, l.fips};
}

// The national rows: one line per race, a column per measure, then the disparity.
std::string format_text(const RaceSplit& s, bool markdown) {
  std::vector<std::vector<std::string>> cells = {{"Race", "people eligible", "people cleared", "people left with no record",
                                                  "share of the eligible", "share of residents", "ratio"}};
  for (const auto& race : {std::optional<Race>{Race::black}, std::optional<Race>{Race::white},
                           std::optional<Race>{Race::other}, std::optional<Race>{}}) {
    std::vector<std::string> line = {race ? race_name(race) : "not split"};
    bool any = false;
    for (const auto& [measure, unit] : kRaceSplitMeasures)
      for (const auto& r : s.rows)
        if (r.jurisdiction < 0 && r.race == race && r.measure == measure && r.unit == unit) {
          line.push_back(interval_text(r.interval));
          any = any || r.interval.p95 > 0;
        }
    if (!race && !any) continue;  // every jurisdiction had a race profile
    if (const auto* d = disparity_of(s, race)) {
      line.push_back(share_cell(d->eligible_share));
      line.push_back(fixed(100 * d->population_share, "%.1f%%"));
      line.push_back(ratio_cell(d->ratio));
    } else {
      line.insert(line.end(), {"", "", ""});
    }
    cells.push_back(line);
  }
  std::string out = markdown ? "\n### By race\n\n" : "\nBy race: people in every jurisdiction in scope, as of " + s.as_of.to_string() +
                                                        "; median (90% interval)\n";
  out += aligned_table(cells, 1, markdown);
  out += notes_block(
      {"Race of the record holders from each state's and year's race profile of marijuana arrests (race-ipf); "
       "within a state the cleared take the race mix of the eligible (docs/methodology.md, \"race-split\"). Share "
       "of residents: 2020 census, all ages, in the states the split covers; ratio: share of the eligible over "
       "share of residents (above 1: over-represented among those the scenario reaches). Per state in the "
       "JSON and CSV (--by-race --format csv)."},
      markdown);
  return out;
}

std::string format_csv(const RaceSplit& s, const std::vector<JurisdictionLabel>& labels, const std::string& id) {
  std::string out = std::string(kRaceHeader) + "\n";
  const std::string as_of = s.as_of.to_string();
  for (const auto& r : s.rows) {
    const auto l = label_of(r.jurisdiction, labels);
    out += csv_field(id) + "," + csv_field(l[0]) + "," + l[1] + "," + l[2] + "," + race_name(r.race) + "," +
           std::string(to_string(r.measure)) + "," + std::string(to_string(r.unit)) + "," + as_of + "," +
           whole(r.interval.median) + "," + whole(r.interval.p05) + "," + whole(r.interval.p95) + "\n";
  }
  for (const auto& d : s.disparity) {
    const std::string head = csv_field(id) + ",Total,,," + std::string(to_string(d.race)) + ",";
    out += head + "eligible_share,share," + as_of + "," + fixed(d.eligible_share.median, "%.3f") + "," +
           fixed(d.eligible_share.p05, "%.3f") + "," + fixed(d.eligible_share.p95, "%.3f") + "\n";
    out += head + "disparity_ratio,ratio," + as_of + "," + fixed(d.ratio.median, "%.3f") + "," + fixed(d.ratio.p05, "%.3f") +
           "," + fixed(d.ratio.p95, "%.3f") + "\n";
  }
  return out;
}

std::string format_json(const RaceSplit& s, const std::vector<JurisdictionLabel>& labels) {
  JsonDoc doc;
  doc["as_of"] = s.as_of.to_string();
  doc["rows"] = JsonDoc::array();
  for (const auto& r : s.rows) {
    const auto l = label_of(r.jurisdiction, labels);
    JsonDoc row;
    row["jurisdiction"] = l[0];
    row["postal"] = l[1];
    row["race"] = race_name(r.race);
    row["measure"] = std::string(to_string(r.measure));
    row["unit"] = std::string(to_string(r.unit));
    row["median"] = json_count(r.interval.median);
    row["p05"] = json_count(r.interval.p05);
    row["p95"] = json_count(r.interval.p95);
    doc["rows"].push_back(row);
  }
  doc["disparity"] = JsonDoc::array();
  for (const auto& d : s.disparity) {
    JsonDoc row;
    row["race"] = std::string(to_string(d.race));
    row["population_share"] = d.population_share;
    row["eligible_share"] = {{"median", d.eligible_share.median}, {"p05", d.eligible_share.p05}, {"p95", d.eligible_share.p95}};
    row["ratio"] = {{"median", d.ratio.median}, {"p05", d.ratio.p05}, {"p95", d.ratio.p95}};
    doc["disparity"].push_back(row);
  }
  return json_inline(doc);
}

}  // namespace

std::string format_race_split(const RaceSplit& split, const std::vector<JurisdictionLabel>& labels,
                              const std::string& scenario_id, Format format) {
  switch (format) {
    case Format::table: return format_text(split, false);
    case Format::md: return format_text(split, true);
    case Format::csv: return format_csv(split, labels, scenario_id);
    case Format::json: return format_json(split, labels);
  }
  return {};
}

}  // namespace reliefsim
