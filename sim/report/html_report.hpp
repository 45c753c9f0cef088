// The HTML report: one self-contained page (every library and shape inlined) with a U.S.
// map, a ranked chart with 90% intervals, the clearance timeline, comparisons, a table per
// jurisdiction, the methodology in plain words and every source the run used. Stage:
// report (formats; computes nothing).
//
// The page is web/report/index.html, drawn by web/report/report.js with the views of
// web/shared/views.js and styled by web/shared/reliefsim.css, the files `reliefsim serve`
// uses too (embedded at build time, sim/report/web_assets.hpp). This file only fills the
// template: the policy, the inlined files, and the run's data as JSON.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

/// Front-end files inlined into the page (web/node_modules, installed by scripts/setup.sh).
struct ReportAssets {
  std::string vega, vega_lite, vega_embed;
  std::string vega_interpreter;  ///< as a classic script (interpreter_script, web_assets.hpp)
  std::string us_states_topojson;  ///< us-atlas states-10m.json
};

struct ReportScenario {
  std::string id, title, description;
  const Projection* projection = nullptr;  ///< its first date is the as-of date; the rest a monthly timeline
  /// What "cleared" means for this scenario's mechanisms, one plain sentence each.
  std::vector<std::string> cleared_means;
  /// The jurisdictions that hold half the total (drivers_note), or "".
  std::string drivers;
  /// JSON objects of format_race_split and format_fiscal_note (Format::json), or "".
  std::string by_race_json, fiscal_json;
};

struct ReportDifference {
  std::string label;
  const Projection* projection = nullptr;
};

struct ReportSource {
  std::string title, href, note;
};

struct ReportAssumption {
  std::string id, description, range;
};

std::string format_html_report(const std::vector<ReportScenario>& scenarios,
                               const std::vector<ReportDifference>& differences,
                               const std::vector<JurisdictionLabel>& labels,
                               const std::map<std::string, double>& population_by_postal, const RunInfo& info,
                               const std::vector<ReportAssumption>& assumptions,
                               const std::vector<ReportSource>& sources, const ReportAssets& assets);

}  // namespace reliefsim
