#include "sim/report/tables.hpp"
#include "sim/report/json_layout.hpp"
#include "sim/report/text_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reliefsim {

std::string whole(double v) {
  char buf[32];
  const double r = std::round(v);
  std::snprintf(buf, sizeof buf, "%.0f", r == 0 ? 0.0 : r);  // never "-0"
  return buf;
}

std::string interval_text(const Interval& v, const std::string& prefix) {
  return std::round(v.p05) == std::round(v.p95)
             ? prefix + grouped(v.median)
             : prefix + grouped(v.median) + " (" + prefix + grouped(v.p05) + "–" + prefix + grouped(v.p95) + ")";
}

std::string grouped(double v) {
  std::string s = whole(v);
  const bool neg = !s.empty() && s[0] == '-';
  std::string digits = neg ? s.substr(1) : s;
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

namespace {

// The terminal and Markdown tables show the as-of date's main figures; CSV and JSON carry
// every unit, measure and date.
const std::vector<std::pair<Measure, Unit>> kGridColumns = {{Measure::eligible, Unit::people},
                                                            {Measure::eligible, Unit::records},
                                                            {Measure::cleared, Unit::records},
                                                            {Measure::cleared, Unit::people_fully_cleared},
                                                            {Measure::already_relieved, Unit::records}};
const std::vector<std::string> kGridTitles = {"people eligible", "records eligible", "records cleared",
                                              "people fully cleared", "already relieved"};


bool board_gated(const Projection& p, int j) {
  return std::any_of(p.board_gates.begin(), p.board_gates.end(), [&](const BoardGateOutcome& g) { return g.jurisdiction == j; });
}

}  // namespace

namespace {

std::string board_chance(const Projection& p, int j) {
  for (const auto& g : p.board_gates)
    if (g.jurisdiction == j) {
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.0f%%", 100 * g.agreed_share);
      return percent;
    }
  return "";
}

}  // namespace

std::vector<std::string> board_gate_notes(const Projection& p, const std::vector<JurisdictionLabel>& labels,
                                          const std::string& as_of, bool in_table) {
  if (p.board_gates.empty()) return {};
  std::vector<std::string> notes = {
      "† Where a governor's pardon needs a board's agreement, the board's decision is drawn per replicate "
      "(assumption board-gate: its chance is drawn from 0 to 1), so the plain median flips between 0 and the "
      "full count. Those rows are given in words: the figures if the board agrees (median and 90% interval "
      "over the replicates in which it did) and the board's chance (the share of replicates in which it agreed); "
      "the Total counts each such state only in the replicates in which its board agreed."};
  if (in_table) return notes;
  for (const auto& g : p.board_gates) {
    const auto& l = labels[static_cast<size_t>(g.jurisdiction)];
    std::string text = l.name + " (" + l.postal + "): agreed in " + board_chance(p, g.jurisdiction) + " of replicates";
    for (size_t c = 0; c < kGridColumns.size(); ++c)
      for (const auto& r : p.rows)
        if (r.jurisdiction == g.jurisdiction && r.measure == kGridColumns[c].first && r.unit == kGridColumns[c].second &&
            r.as_of.to_string() == as_of && r.if_board_agrees)
          text += "; " + kGridTitles[c] + " " + interval_text(*r.if_board_agrees);
    notes.push_back(std::move(text));
  }
  return notes;
}

namespace {

struct TidyRow {
  std::string jurisdiction, postal, fips, measure, unit, as_of;
  Interval v;
};

std::vector<TidyRow> tidy_rows(const Projection& p, const std::vector<JurisdictionLabel>& labels) {
  std::vector<TidyRow> rows;
  for (const auto& r : p.rows) {
    TidyRow t;
    if (r.jurisdiction < 0) {
      t.jurisdiction = "Total";
    } else {
      const auto& l = labels[static_cast<size_t>(r.jurisdiction)];
      t.jurisdiction = l.federal ? "US" : l.name;
      t.postal = l.postal;
      t.fips = l.fips;
    }
    t.measure = std::string(to_string(r.measure));
    t.unit = std::string(to_string(r.unit));
    t.as_of = r.as_of.to_string();
    t.v = r.interval;
    rows.push_back(std::move(t));
  }
  return rows;
}

std::string format_csv(const std::vector<TidyRow>& rows, const RunInfo& info) {
  // Rank the states and D.C. by median within each measure, unit and date (ties: the order
  // of the rows, which is the library's).
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < rows.size(); ++i)
    if (!rows[i].postal.empty() && rows[i].postal != "US")
      groups[rows[i].measure + "|" + rows[i].unit + "|" + rows[i].as_of].push_back(i);
  std::vector<int> rank(rows.size(), 0);
  for (auto& [key, members] : groups) {
    std::stable_sort(members.begin(), members.end(),
                     [&](size_t a, size_t b) { return rows[a].v.median > rows[b].v.median; });
    for (size_t k = 0; k < members.size(); ++k) rank[members[k]] = static_cast<int>(k) + 1;
  }
  std::string out = std::string(kTidyHeader) + (info.per_capita_columns ? kTidyPerCapitaColumns : "") + "\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const auto adults = info.adults.find(r.postal.empty() ? "US" : r.postal);
    std::string per_capita;
    if (adults != info.adults.end() && adults->second > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", r.v.median / adults->second * 1e5);
      per_capita = buf;
    }
    out += csv_field(info.scenario_id) + "," + csv_field(r.jurisdiction) + "," + r.postal + "," + r.fips +
           "," + r.measure + "," + r.unit + "," + r.as_of + "," + whole(r.v.median) + "," +
           whole(r.v.p05) + "," + whole(r.v.p95) +
           (info.per_capita_columns ? "," + per_capita + "," + (rank[i] ? std::to_string(rank[i]) : "") : "") + "\n";
  }
  return out;
}

// One line per jurisdiction, one column per unit: "median (p05–p95)".
std::string format_grid(const Projection& p, const std::vector<JurisdictionLabel>& labels,
                        const RunInfo& info, bool markdown) {
  auto columns = kGridColumns;
  auto titles = kGridTitles;
  if (!info.show_already_relieved) {
    columns.pop_back();
    titles.pop_back();
  }
  // The legal change gets its own column where it is not the record's update (a pardon).
  bool legal_differs = false;
  for (const auto& r : p.rows)
    if (r.measure == Measure::legally_relieved && r.unit == Unit::records && r.as_of.to_string() == info.as_of)
      for (const auto& c : p.rows)
        if (c.measure == Measure::cleared && c.unit == Unit::records && c.as_of == r.as_of &&
            c.jurisdiction == r.jurisdiction && std::round(c.interval.median) != std::round(r.interval.median))
          legal_differs = true;
  if (legal_differs) {
    columns.insert(columns.begin() + 2, {Measure::legally_relieved, Unit::records});
    titles.insert(titles.begin() + 2, "records legally relieved");
  }
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> head = {"Jurisdiction"};
  head.insert(head.end(), titles.begin(), titles.end());
  cells.push_back(head);
  std::vector<int> order = p.jurisdictions;
  order.push_back(-1);
  for (int j : order) {
    std::vector<std::string> line;
    if (j < 0) line.push_back("Total");
    else {
      const auto& l = labels[static_cast<size_t>(j)];
      line.push_back(l.name + " (" + l.postal + ")" +
                     (board_gated(p, j) ? " † if the board agrees (chance " + board_chance(p, j) + ")" : ""));
    }
    // A board-gated row gives the figures if the board agrees, not an unconditional median
    // that flips between 0 and the full count; its label says so.
    for (const auto& [measure, unit] : columns)
      for (const auto& r : p.rows)
        if (r.jurisdiction == j && r.unit == unit && r.measure == measure && r.as_of.to_string() == info.as_of) {
          if (j >= 0 && board_gated(p, j))
            line.push_back(r.if_board_agrees ? interval_text(*r.if_board_agrees) : "never agreed");
          else
            line.push_back(interval_text(r.interval));
        }
    cells.push_back(line);
  }
  std::vector<size_t> width(head.size(), 0);
  for (const auto& line : cells)
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], display_width(line[c]));
  std::string out;
  if (markdown) {
    out += "## " + info.title + "\n\nScenario `" + info.scenario_id + "`, as of " + info.as_of + ": median and 90% interval over " +
           std::to_string(p.replicates) + " replicates (seed " + std::to_string(p.seed) + ").\n\n" +
           (info.subtitle.empty() ? "" : info.subtitle + "\n\n");
  } else {
    out += info.title + "\nscenario " + info.scenario_id + ", as of " + info.as_of + "; median (90% interval) over " +
           std::to_string(p.replicates) + " replicates, seed " + std::to_string(p.seed) +
           "\n'cleared': records actually cleared by the as-of date; 'people fully cleared': left with no marijuana record" +
           std::string(legal_differs ? ";\n'legally relieved': pardoned or otherwise relieved in law by then, whether or not the record shows it yet"
                                     : "") +
           std::string(info.show_already_relieved
                           ? ";\n'already relieved': records in scope that current law had already relieved, not counted as eligible"
                           : "") +
           "\n" + (info.subtitle.empty() ? "" : info.subtitle + "\n") + "\n";
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto& line = cells[i];
    std::string row = markdown ? "|" : "";
    for (size_t c = 0; c < line.size(); ++c) {
      const size_t pad = width[c] - display_width(line[c]);
      const bool right = c > 0;
      std::string cell = right ? std::string(pad, ' ') + line[c] : line[c] + std::string(pad, ' ');
      row += markdown ? " " + cell + " |" : (c ? "  " : "") + cell;
    }
    out += row + "\n";
    if (markdown && i == 0) {
      out += "|";
      for (size_t c = 0; c < line.size(); ++c) out += (c ? " " + std::string(width[c] - 1, '-') + ": |" : " " + std::string(width[c], '-') + " |");
      out += "\n";
    } else if (!markdown && i == 0) {
      size_t total = 0;
      for (size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 2 : 0);
      out += std::string(total, '-') + "\n";
    }
  }
  std::vector<std::string> notes = board_gate_notes(p, labels, info.as_of, /*in_table=*/true);
  const auto shown = info.verbose ? info.notes : condensed_notes(info.notes);
  notes.insert(notes.end(), shown.begin(), shown.end());
  if (!notes.empty()) {
    out += markdown ? "\nNotes:\n\n" : "\nNotes:\n";
    for (const auto& n : notes) out += (markdown ? "- " : "  - ") + n + "\n";
  }
  return out;
}

}  // namespace

std::string drivers_note(const Projection& p, const std::vector<JurisdictionLabel>& labels, const std::string& as_of) {
  double total = 0;
  std::vector<std::pair<double, int>> by_state;
  for (const auto& r : p.rows) {
    if (r.measure != Measure::eligible || r.unit != Unit::records || r.as_of.to_string() != as_of) continue;
    if (r.jurisdiction < 0) total = r.interval.median;
    else by_state.emplace_back(r.interval.median, r.jurisdiction);
  }
  if (total <= 0 || by_state.size() < 2) return "";
  std::stable_sort(by_state.begin(), by_state.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string names;
  double sum = 0;
  size_t n = 0;
  for (const auto& [v, j] : by_state) {
    if (sum >= total / 2) break;
    sum += v;
    ++n;
    names += (names.empty() ? "" : ", ") + labels[static_cast<size_t>(j)].name;
  }
  return std::to_string(n) + " of the " + std::to_string(by_state.size()) +
         " jurisdictions hold half of the records eligible (by median): " + names;
}

std::vector<std::string> condensed_notes(const std::vector<std::string>& notes) {
  static const std::string marker = ": no possession law encoded for ";
  std::vector<std::string> out;
  std::string gaps;
  size_t first_gap = 0;
  for (const auto& n : notes) {
    const size_t at = n.find(marker);
    if (at == std::string::npos || at > 3) {
      out.push_back(n);
      continue;
    }
    // "XX: no possession law encoded for 1970–1972 (July 1 …" → "XX 1970–1972"
    const std::string years = n.substr(at + marker.size(), n.find(' ', at + marker.size()) - at - marker.size());
    if (gaps.empty()) first_gap = out.size();
    gaps += (gaps.empty() ? "" : ", ") + n.substr(0, at) + " " + years;
  }
  if (!gaps.empty())
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(first_gap),
               "no possession law is encoded for these early years, which hold no records (an under-count; "
               "--verbose and the JSON give each): " + gaps);
  return out;
}

std::string format_wide_csv(const Projection& p, const std::vector<JurisdictionLabel>& labels, const RunInfo& info) {
  std::vector<std::pair<Measure, Unit>> columns;
  for (Measure m : kMeasures)
    for (Unit u : kProjectionUnits) columns.emplace_back(m, u);
  std::string out = "jurisdiction,postal,fips,as_of";
  for (const auto& [m, u] : columns) {
    const std::string name = std::string(to_string(m)) + "_" + std::string(to_string(u));
    out += "," + name + "," + name + "_p05," + name + "_p95";
  }
  out += ",records_eligible_per_100k_adults,records_eligible_rank\n";
  // Rank by records eligible among the states and D.C., as the tidy CSV does.
  std::vector<std::pair<double, int>> eligible;
  for (const auto& r : p.rows)
    if (r.as_of.to_string() == info.as_of && r.measure == Measure::eligible && r.unit == Unit::records &&
        r.jurisdiction >= 0 && !labels[static_cast<size_t>(r.jurisdiction)].federal)
      eligible.emplace_back(r.interval.median, r.jurisdiction);
  std::stable_sort(eligible.begin(), eligible.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::map<int, int> rank;
  for (size_t k = 0; k < eligible.size(); ++k) rank[eligible[k].second] = static_cast<int>(k) + 1;
  std::vector<int> order = p.jurisdictions;
  order.push_back(-1);
  for (int j : order) {
    const JurisdictionLabel* l = j < 0 ? nullptr : &labels[static_cast<size_t>(j)];
    out += csv_field(!l ? "Total" : l->federal ? "US" : l->name) + "," + (l ? l->postal : "") + "," + (l ? l->fips : "") +
           "," + info.as_of;
    double records_eligible = 0;
    for (const auto& [m, u] : columns) {
      const ProjectionRow* row = nullptr;
      for (const auto& r : p.rows)
        if (r.jurisdiction == j && r.measure == m && r.unit == u && r.as_of.to_string() == info.as_of) row = &r;
      if (!row) {
        out += ",,,";
        continue;
      }
      // The Total row's median is the sum of the rows' medians, so that the column adds up in a
      // spreadsheet; its interval is the total's own (the tidy CSV has the total's median).
      double median = row->interval.median;
      if (j < 0) {
        median = 0;
        for (const auto& r : p.rows)
          if (r.jurisdiction >= 0 && r.measure == m && r.unit == u && r.as_of.to_string() == info.as_of)
            median += std::round(r.interval.median);
      }
      if (m == Measure::eligible && u == Unit::records) records_eligible = median;
      out += "," + whole(median) + "," + whole(row->interval.p05) + "," + whole(row->interval.p95);
    }
    const auto adults = info.adults.find(l ? l->postal : "US");
    if (adults != info.adults.end() && adults->second > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", records_eligible / adults->second * 1e5);
      out += std::string(",") + buf;
    } else {
      out += ",";
    }
    out += "," + (rank.count(j) ? std::to_string(rank[j]) : std::string()) + "\n";
  }
  return out;
}

JsonDoc projection_json(const Projection& p, const std::vector<JurisdictionLabel>& labels, const RunInfo& info) {
  JsonDoc doc;
  doc["scenario"] = info.scenario_id;
  doc["title"] = info.title;
  doc["as_of"] = info.as_of;
  doc["seed"] = p.seed;
  doc["replicates"] = p.replicates;
  doc["version"] = info.version;
  doc["inputs"] = JsonDoc::array();
  for (const auto& in : info.inputs) doc["inputs"].push_back({{"path", in.path}, {"sha256", in.sha256}});
  doc["notes"] = info.notes;
  doc["board_gates"] = JsonDoc::array();
  for (const auto& g : p.board_gates)
    doc["board_gates"].push_back({{"postal", labels[static_cast<size_t>(g.jurisdiction)].postal},
                                  {"agreed_share", g.agreed_share}});
  doc["rows"] = JsonDoc::array();
  for (const auto& r : tidy_rows(p, labels))
    doc["rows"].push_back({{"scenario", info.scenario_id}, {"jurisdiction", r.jurisdiction}, {"postal", r.postal},
                           {"fips", r.fips}, {"measure", r.measure}, {"unit", r.unit}, {"as_of", r.as_of},
                           {"median", json_count(r.v.median)}, {"p05", json_count(r.v.p05)}, {"p95", json_count(r.v.p95)}});
  return doc;
}

std::string format_projection(const Projection& p, const std::vector<JurisdictionLabel>& labels,
                              const RunInfo& info, Format format) {
  switch (format) {
    case Format::csv: return format_csv(tidy_rows(p, labels), info);
    case Format::json: return json_layout(projection_json(p, labels, info), {"inputs", "rows"});
    case Format::md: return format_grid(p, labels, info, true);
    case Format::table: return format_grid(p, labels, info, false);
  }
  return {};
}

}  // namespace reliefsim
