#include "sim/scenario/current_law.hpp"

namespace reliefsim {

std::set<std::string> provisions_replayed(const Scenario& s, const LawLibrary& law) {
  std::set<std::string> out;
  for (const Action& a : s.actions) {
    if (a.provision.empty()) continue;
    const std::string pid = a.provision.substr(a.provision.find('/') + 1);
    for (const std::string& code : a.jurisdictions) {
      if (code != "all_states") {
        out.insert(code + "/" + pid);
        continue;
      }
      for (const auto& j : law.jurisdictions)
        if (j.level == Level::state) out.insert(j.postal + "/" + pid);
    }
  }
  return out;
}

Scenario current_law_scenario(const LawLibrary& law, const std::set<int>& jurisdictions, Date up_to,
                              const std::set<std::string>& excluded, const std::map<int, Date>& reaches_on) {
  Scenario s;
  s.id = "current_law";
  s.title = "Current law: record relief already enacted in states/";
  s.as_of = up_to;
  auto add = [&](const Jurisdiction& jur, const std::string& id, Date date, std::optional<Date> reaches = {}) {
    Action a;
    a.id = "current_law/" + jur.postal + "/" + id;
    a.provision = jur.postal + "/" + id;
    a.jurisdictions = {jur.postal};
    a.date = date;
    a.acted_by = "law";  // enacted or issued: no board's agreement is in doubt
    a.where.file = jur.file;
    a.reaches_as_of = reaches;
    s.actions.push_back(std::move(a));
  };
  for (int j : jurisdictions) {
    if (j < 0 || static_cast<size_t>(j) >= law.jurisdictions.size()) continue;
    const Jurisdiction& jur = law.jurisdictions[static_cast<size_t>(j)];
    for (const ReliefProvision& p : jur.record_relief) {
      const Date effective = expected_date(p.effective, p.effective_precision);
      if (effective > up_to || excluded.count(jur.postal + "/" + p.id)) continue;
      // A class-pardon authority is not itself a pardon where the pardon it allowed is on file.
      bool authority_only = false;
      if (p.mechanism == Mechanism::blanket_pardon)
        for (const MassPardon& m : jur.mass_pardons) authority_only = authority_only || m.date == p.effective;
      if (authority_only) continue;
      std::optional<Date> reaches;
      if (p.ongoing) {
        auto it = reaches_on.find(j);
        reaches = std::max(effective, it == reaches_on.end() ? up_to : it->second);
      }
      add(jur, p.id, effective, reaches);
    }
    for (const MassPardon& m : jur.mass_pardons) {
      const Date date = expected_date(m.date, m.date_precision);
      if (date <= up_to && !excluded.count(jur.postal + "/" + m.id)) add(jur, m.id, date);
    }
  }
  return s;
}

}  // namespace reliefsim
