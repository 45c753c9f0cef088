#include "sim/scenario/scenario.hpp"

#include "sim/base/spellcheck.hpp"

namespace reliefsim {

std::vector<ResolvedAction> resolve_actions(const Scenario& s, const LawLibrary& law,
                                            Diagnostics& problems) {
  std::vector<ResolvedAction> out;
  auto index_of = [&](const std::string& postal) -> int {
    for (size_t i = 0; i < law.jurisdictions.size(); ++i)
      if (law.jurisdictions[i].postal == postal) return static_cast<int>(i);
    return -1;
  };
  for (const Action& a : s.actions) {
    std::vector<int> targets;
    for (size_t ci = 0; ci < a.jurisdictions.size(); ++ci) {
      const std::string& code = a.jurisdictions[ci];
      const SourceLocation& code_where = ci < a.jurisdiction_where.size() ? a.jurisdiction_where[ci] : a.where;
      if (code == "all_states") {
        for (size_t i = 0; i < law.jurisdictions.size(); ++i)
          if (law.jurisdictions[i].level == Level::state) targets.push_back(static_cast<int>(i));
        continue;
      }
      const int i = index_of(code);
      if (i < 0) {
        auto words = law.postal_codes();
        words.push_back("all_states");
        problems.push_back({code_where, "action '" + a.id + "' names jurisdiction '" + code +
                                         "', which has no file in states/",
                            did_you_mean(code, words)});
        continue;
      }
      targets.push_back(i);
    }
    for (int j : targets) {
      const Jurisdiction& jur = law.jurisdictions[static_cast<size_t>(j)];
      ResolvedAction r;
      r.action = &a;
      r.jurisdiction = j;
      r.mechanism = a.mechanism;
      r.date = a.date;
      r.scope = a.scope;
      r.reference = a.reference;
      r.deadline = a.deadline;
      r.ends = a.ends;
      r.fee_usd = a.fee_usd;
      r.outreach = a.outreach;
      r.free_legal_help = a.free_legal_help;
      r.records_updated_by_agency = a.records_updated_by_agency;
      r.electronic_batch = a.electronic_batch;
      r.fingerprints = a.fingerprints;
      r.hearing = a.hearing;
      r.batch_every_months = a.batch_every_months;
      r.reaches_as_of = a.reaches_as_of;
      r.enacted = a.enacted;
      r.identified_from = a.identified_from.value_or(default_record_source(a.mechanism));
      if (!a.provision.empty()) {
        const auto slash = a.provision.find('/');
        const std::string pid = a.provision.substr(slash + 1);
        const ReliefProvision* p = jur.find_provision(pid);
        const MassPardon* mass = nullptr;
        for (const auto& mp : jur.mass_pardons)
          if (mp.id == pid) mass = &mp;
        if (!p && mass) {
          // A mass pardon already issued: a blanket pardon on its date, with its scope.
          r.mechanism = Mechanism::blanket_pardon;
          r.date = expected_date(mass->date, mass->date_precision);
          r.scope = mass->scope;
          r.identified_from = a.identified_from.value_or(mass->identified_from.value_or(RecordSource::court_records));
          r.records_searchable_from = mass->records_searchable_from;
          r.reference.insert(r.reference.end(), mass->reference.begin(), mass->reference.end());
          out.push_back(std::move(r));
          continue;
        }
        if (!p) {
          std::vector<std::string> ids;
          for (const auto& q : jur.record_relief) ids.push_back(q.id);
          for (const auto& q : jur.mass_pardons) ids.push_back(q.id);
          problems.push_back({a.where, "action '" + a.id + "' names provision '" + pid +
                                           "', which " + jur.file + " does not define (in record_relief or mass_pardons)",
                              did_you_mean(pid, ids)});
          continue;
        }
        r.mechanism = p->mechanism;
        // A date known only to the year or month acts at the middle of its period.
        r.date = expected_date(p->effective, p->effective_precision);
        r.scope = p->scope;
        r.ends = p->ends;
        r.fee_usd = p->fee_usd;
        r.electronic_batch = r.electronic_batch || p->electronic_batch;
        r.fingerprints = r.fingerprints || p->fingerprints;
        r.hearing = r.hearing || p->hearing;
        if (r.batch_every_months <= 0) r.batch_every_months = p->batch_every_months;
        r.identified_from =
            a.identified_from.value_or(p->identified_from.value_or(default_record_source(p->mechanism)));
        r.records_searchable_from = p->records_searchable_from;
        if (!r.enacted) r.enacted = p->enacted;
        for (const auto& d : p->deadlines)
          if (!r.deadline || d.date > *r.deadline) r.deadline = d.date;
        r.reference.insert(r.reference.end(), p->reference.begin(), p->reference.end());
      }
      if (a.electronic_batch && r.mechanism != Mechanism::automatic_court_expungement) {
        problems.push_back({a.where, "action '" + a.id + "' sets electronic_batch, which applies only to " +
                                         "automatic_court_expungement; its mechanism is " +
                                         std::string(to_string(r.mechanism)), ""});
        continue;
      }
      // A governor's pardon is only the governor's to give where the constitution says so
      // (pardon_power); elsewhere the scenario must say what it assumes of the board.
      if (is_pardon(r.mechanism) && a.acted_by == "governor") {
        const auto power = jur.pardon_power.value_on(r.date);
        if (!power) {
          problems.push_back({a.where, "action '" + a.id + "' is a governor's pardon in " +
                                           jur.postal + ", but " + jur.file +
                                           " has no pardon_power in force on " +
                                           r.date.to_string(), ""});
          continue;
        }
        if (*power != PardonPower::governor_alone) {
          if (!a.board_gate) {
            problems.push_back(
                {a.where,
                 "action '" + a.id + "' is a governor's pardon, but in " + jur.postal +
                     " the pardon power is '" + std::string(to_string(*power)) +
                     "': expected a 'board_gate' saying how likely the board is to agree",
                 ""});
            continue;
          }
          r.gated_by = *power;
        }
      }
      // Scope keys that cannot be meant here, or that select nothing, would change the
      // answer silently: refuse them.
      if (jur.level == Level::state && (!r.scope.citizenship.empty() || r.scope.sentenced_fiscal_years)) {
        problems.push_back({a.where,
                            "action '" + a.id + "' uses " +
                                (r.scope.citizenship.empty() ? "sentenced_fiscal_years" : "citizenship") + " in " +
                                jur.postal + ", but that scope key applies only to federal and D.C. records (US, DC)",
                            "remove it, or act on US or DC"});
        continue;
      }
      // (Current law replayed as a baseline, acted by "law", may well reach nothing here.)
      const bool written = a.acted_by != "law";
      if (written && r.scope.max_amount_grams && *r.scope.max_amount_grams <= 0) {
        problems.push_back({a.where, "action '" + a.id + "' has an amount limit of 0, which selects no record",
                            "expected a max_amount above 0, or none"});
        continue;
      }
      if (written && r.scope.offense_on_or_before && r.scope.offense_on_or_before->year() < 1970) {
        problems.push_back({a.where,
                            "action '" + a.id + "' reaches only offenses on or before " +
                                r.scope.offense_on_or_before->to_string() +
                                ", which selects no record: the model holds offenses from 1970",
                            "expected offense_on_or_before in 1970 or later"});
        continue;
      }
      // An ongoing provision decides eligibility on the date it reaches (reaches_as_of).
      const Date decided = r.reaches_as_of.value_or(r.date);
      if (written && r.scope.waiting_years && decided.year() - *r.scope.waiting_years < 1970) {
        problems.push_back({a.where,
                            "action '" + a.id + "' waits " + std::to_string(*r.scope.waiting_years) +
                                " years from " + decided.to_string() +
                                ", which selects no record: the model holds offenses from 1970",
                            "expected a shorter waiting period"});
        continue;
      }
      out.push_back(std::move(r));
    }
  }
  // An action takes effect no earlier than the actions it comes after (actions are in
  // dependency order, so one pass carries chains): in the same jurisdiction where both act,
  // else the latest of the earlier action's dates.
  for (auto& r : out) {
    for (const auto& [name, where] : r.action->after) {
      std::optional<Date> same, any;
      for (const auto& q : out) {
        if (q.action->id != name) continue;
        if (!any || q.date > *any) any = q.date;
        if (q.jurisdiction == r.jurisdiction) same = q.date;
      }
      if (auto d = same ? same : any; d && *d > r.date) r.date = *d;
    }
  }
  return out;
}

}  // namespace reliefsim
