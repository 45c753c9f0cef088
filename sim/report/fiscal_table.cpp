#include "sim/report/fiscal_table.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/report/tables.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {

namespace {

struct Quantity {
  const char* name;
  const char* unit;
  const Interval FiscalRow::*interval;
};
const Quantity kQuantities[] = {{"cases_to_review", "cases", &FiscalRow::cases_to_review_interval},
                                {"staff_hours", "hours", &FiscalRow::staff_hours_interval},
                                {"cost", "usd", &FiscalRow::cost_usd_interval}};

std::string basis_words(ReviewBasis b) {
  switch (b) {
    case ReviewBasis::court_review: return "court review of every candidate case";
    case ReviewBasis::automated_run: return "automated run, cases needing a person";
    case ReviewBasis::pardon_application: return "pardon applications";
    case ReviewBasis::on_request: return "petitions and applications filed";
    case ReviewBasis::none: return "no past record touched";
  }
  return "";
}

std::string json_interval(const Interval& v) {
  return "{\"median\": " + whole(v.median) + ", \"p05\": " + whole(v.p05) + ", \"p95\": " + whole(v.p95) + "}";
}

std::vector<std::string> label_of(const FiscalRow& r, const std::vector<JurisdictionLabel>& labels) {
  if (r.jurisdiction < 0) return {"Total", "", ""};
  const auto& l = labels[static_cast<size_t>(r.jurisdiction)];
  return {l.name, l.postal, l.fips};
}

std::vector<const FiscalModel::Parameter*> parameters(const FiscalModel& m) {
  return {&m.review_minutes(), &m.review_eligible_share(), &m.manual_review_share(), &m.application_grant_share(),
          &m.staff_hour_cost()};
}

std::string format_text(const FiscalNote& note, const FiscalModel& model, const std::vector<JurisdictionLabel>& labels,
                        bool markdown) {
  std::vector<std::vector<std::string>> cells = {
      {"Jurisdiction", "cases reviewed by", "cases to review", "staff hours", "cost (USD)"}};
  for (const auto& r : note.rows) {
    const auto l = label_of(r, labels);
    cells.push_back({r.jurisdiction < 0 ? "Total" : l[0] + " (" + l[1] + ")",
                     r.jurisdiction < 0 ? "" : basis_words(r.basis), interval_text(r.cases_to_review_interval),
                     interval_text(r.staff_hours_interval), interval_text(r.cost_usd_interval, "$")});
  }
  const std::string intro = "workload and cost of the scenario's actions for courts and agencies, as of " +
                            note.as_of.to_string() + "; median (90% interval) over " +
                            std::to_string(note.replicates) + " replicates";
  std::string out = markdown ? "\n### Fiscal-note figures\n\n" + intro + ".\n\n" : "\nFiscal-note figures: " + intro + "\n";
  out += aligned_table(cells, 2, markdown);
  std::string assumptions;
  for (const auto* q : parameters(model))
    assumptions += (assumptions.empty() ? "" : "; ") + q->id + " " + q->distribution.describe();
  out += notes_block(
      {"Staff hours = cases to review × review-minutes-per-case; cost = hours × staff-hour-cost (employer cost, "
       "wages and benefits). Cases to review: every candidate case where courts review them (eligible ÷ "
       "review-eligible-share), the cases needing a person in an automated run (eligible × manual-review-share), "
       "those filed where people must ask (cleared; denials not counted), every application to a pardon board "
       "(cleared ÷ application-pardon-grant-share). Computer programming and other fixed costs are not counted "
       "(docs/methodology.md, \"Fiscal-note figures\").",
       "Assumptions: " + assumptions + "."},
      markdown);
  return out;
}

std::string format_csv(const FiscalNote& note, const std::vector<JurisdictionLabel>& labels,
                       const std::string& scenario_id) {
  std::string out = std::string(kFiscalHeader) + "\n";
  for (const auto& r : note.rows) {
    const auto l = label_of(r, labels);
    for (const auto& q : kQuantities) {
      const Interval& v = r.*(q.interval);
      out += csv_field(scenario_id) + "," + csv_field(l[0]) + "," + l[1] + "," + l[2] + "," +
             (r.jurisdiction < 0 ? "" : std::string(to_string(r.basis))) + "," + q.name + "," + q.unit + "," +
             note.as_of.to_string() + "," + whole(v.median) + "," + whole(v.p05) + "," + whole(v.p95) + "\n";
    }
  }
  return out;
}

std::string format_json(const FiscalNote& note, const FiscalModel& model, const std::vector<JurisdictionLabel>& labels) {
  std::ostringstream o;
  o << "{\"as_of\": " << json_string(note.as_of.to_string()) << ", \"replicates\": " << note.replicates
    << ", \"seed\": " << note.seed << ",\n    \"assumptions\": [";
  bool first = true;
  for (const auto* q : parameters(model)) {
    o << (first ? "" : ", ") << "{\"id\": " << json_string(q->id)
      << ", \"distribution\": " << json_string(q->distribution.describe()) << "}";
    first = false;
  }
  o << "],\n    \"rows\": [";
  for (size_t i = 0; i < note.rows.size(); ++i) {
    const auto& r = note.rows[i];
    const auto l = label_of(r, labels);
    o << (i ? "," : "") << "\n      {\"jurisdiction\": " << json_string(l[0]) << ", \"postal\": " << json_string(l[1])
      << ", \"fips\": " << json_string(l[2])
      << ", \"basis\": " << json_string(r.jurisdiction < 0 ? "" : std::string(to_string(r.basis)));
    for (const auto& q : kQuantities) o << ", \"" << q.name << "\": " << json_interval(r.*(q.interval));
    o << "}";
  }
  o << "\n    ]}";
  return o.str();
}

}  // namespace

std::string format_fiscal_note(const FiscalNote& note, const FiscalModel& model,
                               const std::vector<JurisdictionLabel>& labels, const std::string& scenario_id,
                               Format format) {
  switch (format) {
    case Format::table: return format_text(note, model, labels, false);
    case Format::md: return format_text(note, model, labels, true);
    case Format::csv: return format_csv(note, labels, scenario_id);
    case Format::json: return format_json(note, model, labels);
  }
  return {};
}

std::string append_json_member(const std::string& json_object, const std::string& key, const std::string& value) {
  const size_t close = json_object.find_last_not_of(" \n");
  if (close == std::string::npos || json_object[close] != '}') return json_object;
  const size_t last = json_object.find_last_not_of(" \n", close - 1);
  const bool empty = last != std::string::npos && json_object[last] == '{';
  return json_object.substr(0, last + 1) + (empty ? "" : ",") + "\n  " + json_string(key) + ": " + value + "\n}\n";
}

}  // namespace reliefsim
