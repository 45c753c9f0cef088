#include "sim/report/laws_table.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/report/json_layout.hpp"
#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {

std::string date_or_empty(const std::optional<Date>& d) { return d ? d->to_string() : ""; }

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string cite(const References& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += "; ";
    out += r.title;
    if (!r.href.empty()) out += " <" + r.href + ">";
    else if (!r.statute.empty() && r.statute != r.title) out += " (" + r.statute + ")";
  }
  return out;
}

}  // namespace

LawsSummary summarize_laws(const LawLibrary& law, Date d) {
  LawsSummary s;
  for (const auto& j : law.jurisdictions) {
    const LawSnapshot snap = snapshot(j, d);
    if (j.level == Level::state) {
      ++s.states;
      s.states_medical += snap.medical_since.has_value();
      s.states_adult_use += snap.adult_use_since.has_value();
      s.states_decriminalized += snap.decriminalized_since.has_value();
    } else if (j.level == Level::district) {
      s.dc_present = true;
      s.dc_medical = snap.medical_since.has_value();
      s.dc_adult_use = snap.adult_use_since.has_value();
      s.dc_decriminalized = snap.decriminalized_since.has_value();
    }
  }
  return s;
}

std::string summary_line(const LawsSummary& s, Date d) {
  auto part = [&](const char* what, int n, bool dc) {
    return std::string(what) + " in " + std::to_string(n) + " state" + (n == 1 ? "" : "s") + (dc ? " and D.C." : "");
  };
  return "On " + d.to_string() + ": " + part("adult use", s.states_adult_use, s.dc_adult_use) + "; " +
         part("medical", s.states_medical, s.dc_medical) + "; " +
         part("decriminalized", s.states_decriminalized, s.dc_decriminalized) + " (of " +
         std::to_string(s.states) + " states encoded" + (s.dc_present ? ", and D.C." : "") + ")";
}

std::string format_laws(const LawLibrary& law, Date d, Format format) {
  struct Line {
    const Jurisdiction* j;
    LawSnapshot s;
  };
  std::vector<Line> lines;
  for (const auto& j : law.jurisdictions) lines.push_back({&j, snapshot(j, d)});
  const std::string summary = summary_line(summarize_laws(law, d), d);
  auto fields = [&](const Line& l) {
    return std::vector<std::string>{
        l.j->postal, l.j->name, l.j->fips, date_or_empty(l.s.medical_since), date_or_empty(l.s.adult_use_since),
        l.s.possession_limit_oz ? number(*l.s.possession_limit_oz) : "", date_or_empty(l.s.decriminalized_since),
        std::string(to_string(l.s.record_relief)),
        l.s.pardon_power ? std::string(to_string(*l.s.pardon_power)) : "", date_or_empty(l.s.mass_pardon_since)};
  };
  if (format == Format::csv) {
    std::string out = std::string(kLawsHeader) + "\n";
    for (const auto& l : lines) {
      const auto f = fields(l);
      for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + csv_field(f[i]);
      out += "\n";
    }
    return out;
  }
  if (format == Format::json) {
    const LawsSummary s = summarize_laws(law, d);
    JsonDoc doc;
    doc["as_of"] = d.to_string();
    doc["summary"] = {{"states", s.states},
                      {"states_medical", s.states_medical},
                      {"states_adult_use", s.states_adult_use},
                      {"states_decriminalized", s.states_decriminalized},
                      {"dc_medical", s.dc_medical},
                      {"dc_adult_use", s.dc_adult_use},
                      {"dc_decriminalized", s.dc_decriminalized}};
    static const char* kKeys[] = {"postal", "name", "fips", "medical_since", "adult_use_since",
                                  "adult_use_possession_limit_oz", "decriminalized_since", "record_relief",
                                  "pardon_power", "mass_pardon_since"};
    doc["jurisdictions"] = JsonDoc::array();
    for (const auto& l : lines) {
      const auto f = fields(l);
      JsonDoc j = JsonDoc::object();
      for (size_t k = 0; k < f.size(); ++k) {
        if (f[k].empty()) j[kKeys[k]] = nullptr;
        else if (k == 5) j[kKeys[k]] = JsonDoc::parse(f[k]);  // the limit as %g printed it: 1, 2.5, 1.058
        else j[kKeys[k]] = f[k];
      }
      doc["jurisdictions"].push_back(std::move(j));
    }
    return json_layout(doc, {"jurisdictions"}, -1);
  }
  const bool md = format == Format::md;
  std::vector<std::vector<std::string>> cells = {{"Jurisdiction", "Medical since", "Adult use since", "Limit (oz)",
                                                  "Decriminalized since", "Record relief", "Pardon power",
                                                  "Mass pardon since"}};
  for (const auto& l : lines) {
    auto f = fields(l);
    cells.push_back({l.j->name + " (" + l.j->postal + ")", f[3], f[4], f[5], f[6], f[7], f[8], f[9]});
  }
  std::string out = md ? "## Cannabis law on " + d.to_string() + "\n\n" : "Cannabis law on " + d.to_string() + "\n\n";
  out += aligned_table(cells, cells.front().size(), md);  // every column left-aligned
  out += "\n" + summary + "\n";
  return out;
}

std::string format_timeline(const Jurisdiction& j, Format format) {
  struct Row {
    std::string topic, date, value, sources;
  };
  std::vector<Row> rows;
  auto add = [&](const std::string& topic, const auto& dv, auto show) {
    for (const auto& e : dv.entries) {
      std::string v = e.value ? show(*e.value) : "(ends)";
      if (!e.measure.empty() && e.measure != "none") v += " [" + e.measure + "]";
      if (e.uncertain) v += " (uncertain)";
      rows.push_back({topic, precise_text(e.from, e.precision), v, cite(e.reference)});
    }
  };
  auto yes_no = [](bool b) { return std::string(b ? "yes" : "no"); };
  auto tiers = [](const PossessionSchedule& s) {
    std::string out;
    double prev = 0;
    for (const auto& t : s.tiers) {
      if (!out.empty()) out += "; ";
      out += t.up_to_grams ? number(prev) + "-" + number(*t.up_to_grams) + " g: " : "over " + number(prev) + " g: ";
      out += std::string(to_string(t.grade));
      if (!t.class_name.empty()) out += " (" + t.class_name + ")";
      if (t.up_to_grams) prev = *t.up_to_grams;
    }
    return out;
  };
  add("possession", j.possession, tiers);
  add("sale and distribution", j.distribution, tiers);
  add("decriminalized", j.decriminalized, yes_no);
  add("medical", j.medical, yes_no);
  add("adult use", j.adult_use.legal, yes_no);
  add("adult-use limit (oz)", j.adult_use.possession_limit, [](double v) { return number(v); });
  add("pardon power", j.pardon_power, [](PardonPower p) { return std::string(to_string(p)); });
  for (const auto& p : j.record_relief) {
    std::string v = std::string(to_string(p.mechanism)) + ": " + p.description;
    if (p.ends) v += " (until " + p.ends->to_string() + ")";
    for (const auto& dl : p.deadlines) v += " [deadline " + dl.date.to_string() + (dl.applies_to.empty() ? "" : " for " + dl.applies_to) + "]";
    if (p.uncertain) v += " (uncertain)";
    rows.push_back({"record relief", precise_text(p.effective, p.effective_precision), v, cite(p.reference)});
  }
  for (const auto& m : j.mass_pardons)
    rows.push_back({"mass pardon", precise_text(m.date, m.date_precision), m.description, cite(m.reference)});
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.date < b.date; });

  if (format == Format::csv) {
    std::string out = "postal,date,topic,value,sources\n";
    for (const auto& r : rows)
      out += j.postal + "," + r.date + "," + csv_field(r.topic) + "," + csv_field(r.value) + "," + csv_field(r.sources) + "\n";
    return out;
  }
  if (format == Format::json) {
    JsonDoc doc;
    doc["postal"] = j.postal;
    doc["name"] = j.name;
    doc["timeline"] = JsonDoc::array();
    for (const auto& r : rows)
      doc["timeline"].push_back({{"date", r.date}, {"topic", r.topic}, {"value", r.value}, {"sources", r.sources}});
    return json_layout(doc, {"timeline"});
  }
  const bool md = format == Format::md;
  std::string out = md ? "## " + j.name + " (" + j.postal + "): cannabis law over time\n\n"
                       : j.name + " (" + j.postal + "): cannabis law over time (" + j.file + ")\n\n";
  for (const auto& r : rows) {
    if (md) {
      out += "- **" + r.date + "**, " + r.topic + ": " + r.value + "  \n  Sources: " + r.sources + "\n";
    } else {
      out += r.date + "  " + r.topic + ": " + r.value + "\n            sources: " + r.sources + "\n";
    }
  }
  return out;
}

}  // namespace reliefsim
