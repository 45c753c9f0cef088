#include "sim/report/comparison_table.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/report/json_layout.hpp"
#include "sim/report/tables.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {

const ProjectionRow* find(const Projection& p, int jurisdiction, Measure m, Unit u, const std::string& as_of) {
  for (const auto& r : p.rows)
    if (r.jurisdiction == jurisdiction && r.measure == m && r.unit == u && r.as_of.to_string() == as_of) return &r;
  return nullptr;
}

}  // namespace

std::string format_comparison(const std::vector<ComparedScenario>& scenarios,
                              const std::vector<ComparedDifference>& differences,
                              const std::vector<JurisdictionLabel>& labels, const RunInfo& info, Measure measure,
                              Unit unit, Format format) {
  if (format == Format::csv) {
    // Every row of every scenario and difference, through the run formats.
    std::string body;
    auto emit = [&](const std::string& name, const Projection& p) {
      RunInfo i = info;
      i.scenario_id = name;
      const std::string text = format_projection(p, labels, i, format);
      body += text.substr(text.find('\n') + 1);  // drop the header
    };
    for (const auto& s : scenarios) emit(s.id, *s.projection);
    for (const auto& d : differences) emit(d.label, *d.projection);
    return std::string(kTidyHeader) + (info.per_capita_columns ? kTidyPerCapitaColumns : "") + "\n" + body;
  }
  if (format == Format::json) {
    // The run's document, with every row of every scenario and difference.
    JsonDoc doc;
    doc["scenarios"] = JsonDoc::array();
    for (const auto& s : scenarios) doc["scenarios"].push_back(s.id);
    doc["as_of"] = info.as_of;
    doc["seed"] = scenarios.front().projection->seed;
    doc["replicates"] = scenarios.front().projection->replicates;
    doc["version"] = info.version;
    doc["inputs"] = JsonDoc::array();
    for (const auto& in : info.inputs) doc["inputs"].push_back({{"path", in.path}, {"sha256", in.sha256}});
    doc["rows"] = JsonDoc::array();
    auto emit = [&](const std::string& name, const Projection& p) {
      RunInfo i = info;
      i.scenario_id = name;
      JsonDoc one = projection_json(p, labels, i);
      for (auto& row : one["rows"]) doc["rows"].push_back(std::move(row));
    };
    for (const auto& s : scenarios) emit(s.id, *s.projection);
    for (const auto& d : differences) emit(d.label, *d.projection);
    return json_layout(doc, {"inputs", "rows"});
  }
  std::set<int> jurisdictions;
  for (const auto& s : scenarios) jurisdictions.insert(s.projection->jurisdictions.begin(), s.projection->jurisdictions.end());
  std::vector<int> order(jurisdictions.begin(), jurisdictions.end());
  order.push_back(-1);
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> head = {"Jurisdiction"};
  for (const auto& s : scenarios) head.push_back(s.id);
  for (const auto& d : differences) head.push_back(d.label);
  cells.push_back(head);
  for (int j : order) {
    std::vector<std::string> line = {j < 0 ? "Total" : labels[static_cast<size_t>(j)].name + " (" + labels[static_cast<size_t>(j)].postal + ")"};
    for (const auto& s : scenarios) {
      const auto* r = find(*s.projection, j, measure, unit, info.as_of);
      line.push_back(r ? interval_text(r->interval) : "–");
    }
    for (const auto& d : differences) {
      const auto* r = find(*d.projection, j, measure, unit, info.as_of);
      line.push_back(r ? interval_text(r->interval) : "–");
    }
    cells.push_back(line);
  }
  std::vector<size_t> width(head.size(), 0);
  for (const auto& l : cells)
    for (size_t c = 0; c < l.size(); ++c) width[c] = std::max(width[c], display_width(l[c]));
  const bool md = format == Format::md;
  std::string out = md ? "## Comparison\n\n" : "";
  for (const auto& s : scenarios) out += (md ? "- `" : "  ") + s.id + (md ? "`: " : ": ") + s.title + "\n";
  out += (md ? "\n" : "") + std::string(to_string(measure)) + " " + std::string(to_string(unit)) + " as of " + info.as_of +
         "; median (90% interval) over " + std::to_string(scenarios.front().projection->replicates) +
         " replicates, seed " + std::to_string(scenarios.front().projection->seed) +
         "; differences are taken replicate by replicate (paired)\n\n";
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string row = md ? "|" : "";
    for (size_t c = 0; c < cells[i].size(); ++c) {
      std::string v = cells[i][c];
      const std::string pad(width[c] - display_width(v), ' ');
      v = c ? pad + v : v + pad;
      if (md) {
        row += ' ';
        row += v;
        row += " |";
      } else {
        if (c) row += "  ";
        row += v;
      }
    }
    out += row + "\n";
    if (i == 0) {
      if (md) {
        out += "|";
        for (size_t c = 0; c < width.size(); ++c) {
          out += ' ';
          out.append(c ? width[c] - 1 : width[c], '-');
          out += c ? ": |" : " |";
        }
        out += "\n";
      } else {
        size_t total = 0;
        for (size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
        out.append(total, '-');
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace reliefsim
