#include "sim/eligibility/eligibility.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>

#include "sim/base/parallel.hpp"

namespace reliefsim {
namespace {

template <class T>
bool allowed(const std::vector<T>& list, T v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

// Possession with intent to distribute is part of the UCR's sale/manufacture category, so a
// scope naming sale_manufacture reaches it too.
bool offense_allowed(const std::vector<Offense>& list, Offense o) {
  return allowed(list, o) ||
         (o == Offense::possession_with_intent && allowed(list, Offense::sale_manufacture));
}

}  // namespace

namespace {

template <class T>
std::string list_of(const std::vector<T>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + std::string(to_string(x));
  return "[" + out + "]";
}

std::string grams(double g) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g g", g);
  return buf;
}

}  // namespace

namespace {

// The offense dates a scope reaches when its relief takes effect on `date`: from `from`
// (offense_on_or_after, the lookback) through `last`. The same for every group, so planning
// works it out once per action.
struct OffenseWindow {
  std::optional<Date> from;
  Date last;
};
OffenseWindow offense_window(const Scope& s, Date date) {
  OffenseWindow w;
  w.from = s.offense_on_or_after;
  if (s.lookback_years) {
    const Date back = date.add_months(-12 * *s.lookback_years);
    w.from = w.from ? std::max(*w.from, back) : back;
  }
  w.last = date;  // relief reaches only offenses committed by the day it takes effect
  if (s.offense_on_or_before && *s.offense_on_or_before < w.last) w.last = *s.offense_on_or_before;
  if (s.waiting_years) w.last = std::min(w.last, date.add_months(-12 * *s.waiting_years));
  return w;
}

// The rules come in three parts. Those of the first and last parts read only what the groups
// of one arrest cell share (the year, offense, amount band, grade and citizenship); the middle
// part reads what sets the cell's groups apart (the disposition, other charges, other
// convictions). Planning asks millions of times and needs no reason, so it works the cell's
// parts out once a cell; the text of the first rule that keeps a group out is only built when
// asked for.
template <class Text>
double refuse(std::string* why, const Text& text) {
  if (why) *why = text();
  return 0.0;
}

// The cell's rules before the group's: 1 when they let it through, else 0.
double cell_rules_first(const RecordGroup& g, const Scope& s, Mechanism mechanism, std::string* why) {
  if (mechanism == Mechanism::law_change)
    return refuse(why, [] { return std::string("a law change clears no past record"); });
  if (!g.criminal_record)
    return refuse(why, [&] { return "the offense's grade (" + std::string(to_string(g.grade)) + ") left no record to clear"; });
  if (!offense_allowed(s.offenses, g.offense))
    return refuse(why, [&] { return "the offense (" + std::string(to_string(g.offense)) + ") is not among " + list_of(s.offenses); });
  if (!allowed(s.grades, g.grade))
    return refuse(why, [&] { return "the grade (" + std::string(to_string(g.grade)) + ") is not among " + list_of(s.grades); });
  if (!allowed(s.citizenship, g.citizenship))
    return refuse(why, [&] {
      return "citizenship (" + std::string(to_string(g.citizenship)) + ") is not among " + list_of(s.citizenship);
    });
  return 1;
}

// The group's own rules: 1 when they let it through, else 0.
double group_rules(const RecordGroup& g, const Scope& s, Mechanism mechanism, std::string* why) {
  // A pardon forgives a conviction; there is nothing to pardon without one.
  if (is_pardon(mechanism) && g.disposition != Disposition::conviction)
    return refuse(why, [] { return std::string("a pardon needs a conviction, and this record has none"); });
  if (!allowed(s.dispositions, g.disposition))
    return refuse(why, [&] {
      return "the disposition (" + std::string(to_string(g.disposition)) + ") is not among " + list_of(s.dispositions);
    });
  if (s.marijuana_only && *s.marijuana_only && !g.marijuana_only)
    return refuse(why, [] { return std::string("the case holds other charges"); });
  // Federal counts carry no split by other convictions (none published): they pass.
  if (s.no_other_convictions && *s.no_other_convictions && g.other_conviction)
    return refuse(why, [] { return std::string("the person holds another conviction"); });
  return 1;
}

// The cell's rules after the group's, the amount and the dates: the share of the cell reached.
double cell_rules_last(const RecordGroup& g, const AmountBands& bands, const Scope& s, const OffenseWindow& window,
                       std::string* why) {
  // Amount limits: bands share edges with every limit, so a band is wholly in or out.
  // Groups not banded by amount (federal counts) are not restricted; a sale group's range
  // of bands has no limit inside it, so its lower edge decides.
  if (s.max_amount_grams && g.band >= 0 && bands.lower(g.band) >= *s.max_amount_grams)
    return refuse(why, [&] { return "the amount is over the limit of " + grams(*s.max_amount_grams); });

  // The group's dates: calendar years of the offense, or federal fiscal years.
  const Date start = g.fiscal_years ? *Date::from_ymd(g.year_first - 1, 10, 1)
                                    : Date::first_of_year(g.year_first);
  const Date end = g.fiscal_years ? *Date::from_ymd(g.year_last, 10, 1)
                                  : Date::first_of_year(g.year_last + 1);  // exclusive
  double fraction = 1;
  if (s.sentenced_fiscal_years) {
    if (!g.fiscal_years) return refuse(why, [] { return std::string("only federal sentences are counted by fiscal year"); });
    const int lo = std::max(g.year_first, s.sentenced_fiscal_years->first);
    const int hi = std::min(g.year_last, s.sentenced_fiscal_years->second);
    if (hi < lo) return refuse(why, [] { return std::string("sentenced outside the fiscal years in scope"); });
    fraction *= double(hi - lo + 1) / double(g.year_last - g.year_first + 1);
  }
  const Date lo = window.from ? std::max(start, *window.from) : start, hi = end;  // [lo, hi)
  const Date last = window.last;
  const int hi_days = std::min(hi.days(), last.days() + 1);
  const int span = end.days() - start.days();
  const int kept = hi_days - lo.days();
  if (kept <= 0)
    return refuse(why, [&] {
      return "the offense falls outside the dates in scope (" + lo.to_string() + " to " + last.to_string() + ")";
    });
  return fraction * std::min(1.0, double(kept) / double(span));
}

// The share of group `g` reached (0 to 1); when it is 0 and `why` is given, the first rule
// that keeps the group out.
double reached_share(const RecordGroup& g, const AmountBands& bands, const Scope& s, Mechanism mechanism,
                     const OffenseWindow& window, std::string* why) {
  if (cell_rules_first(g, s, mechanism, why) == 0 || group_rules(g, s, mechanism, why) == 0) return 0;
  return cell_rules_last(g, bands, s, window, why);
}

// Whether groups a and b belong to one arrest cell: equal in everything the cell's rules read.
bool same_cell(const RecordGroup& a, const RecordGroup& b) {
  return a.jurisdiction == b.jurisdiction && a.year_first == b.year_first && a.year_last == b.year_last &&
         a.fiscal_years == b.fiscal_years && a.offense == b.offense && a.band == b.band &&
         a.tier_upper_grams == b.tier_upper_grams && a.grade == b.grade && a.citizenship == b.citizenship &&
         a.criminal_record == b.criminal_record;
}

}  // namespace

EligibilityDecision decide_eligibility(const RecordGroup& g, const AmountBands& bands, const Scope& s,
                                       Mechanism mechanism, Date date) {
  EligibilityDecision d;
  d.fraction = reached_share(g, bands, s, mechanism, offense_window(s, date), &d.reason);
  return d;
}

double age_share(const std::vector<AgeBandShare>& ages, const Scope& s) {
  if (!s.age_at_least && !s.age_under) return 1;
  const double lo = s.age_at_least.value_or(0), hi = s.age_under.value_or(200);
  double share = 0;
  for (size_t i = 0; i < ages.size(); ++i) {
    const double from = ages[i].from_age;
    const double to = i + 1 < ages.size() ? ages[i + 1].from_age : std::max(80.0, from + 1);
    const double overlap = std::min(to, hi) - std::max(from, lo);
    if (overlap > 0) share += ages[i].share * overlap / (to - from);
  }
  return share;
}

double eligible_fraction(const RecordGroup& g, const AmountBands& bands, const Scope& s,
                         Mechanism mechanism, Date date) {
  return reached_share(g, bands, s, mechanism, offense_window(s, date), nullptr);
}

std::vector<std::pair<int, std::string>> unreached_actions(const RecordPopulation& pop, const LawLibrary& law,
                                                           const std::vector<ResolvedAction>& actions) {
  std::vector<std::pair<int, std::string>> out;
  for (const ResolvedAction& r : actions) {
    if (r.current_law || r.mechanism == Mechanism::law_change) continue;
    auto range = pop.group_ranges.find(r.jurisdiction);
    if (range == pop.group_ranges.end()) continue;
    bool reached = false;
    std::vector<Offense> held;
    for (size_t gi = range->second.first; gi < range->second.second && !reached; ++gi) {
      const RecordGroup& g = pop.groups[gi];
      if (std::find(held.begin(), held.end(), g.offense) == held.end() && g.criminal_record) held.push_back(g.offense);
      reached = eligible_fraction(g, pop.bands, r.scope, r.mechanism, r.date) > 0;
    }
    if (reached) continue;
    const Jurisdiction& j = law.jurisdictions[static_cast<size_t>(r.jurisdiction)];
    std::string why;
    for (Offense o : r.scope.offenses.empty() ? std::vector<Offense>{Offense::possession, Offense::sale_manufacture}
                                              : r.scope.offenses)
      if (std::find(held.begin(), held.end(), o) == held.end())
        why += (why.empty() ? "" : "; ") + std::string("the population holds no ") + std::string(to_string(o)) +
               " records for " + j.postal +
               (j.level == Level::federal && o != Offense::possession
                    ? " (only the Sentencing Commission's simple-possession counts are encoded: docs/data.md)"
                    : "");
    out.emplace_back(r.jurisdiction, "action '" + r.action->id + "' reaches no records in " + j.postal +
                                         (why.empty() ? ": no record group falls within its scope" : ": " + why));
  }
  return out;
}

EligibilityPlan plan_eligibility(const RecordPopulation& pop,
                                 const std::vector<ResolvedAction>& actions, Date as_of, int threads) {
  EligibilityPlan plan;
  std::vector<int> gate_of(actions.size(), -1);
  for (size_t a = 0; a < actions.size(); ++a) {
    const ResolvedAction& r = actions[a];
    if (r.gated_by && r.action->board_gate) {
      gate_of[a] = static_cast<int>(plan.gates.size());
      plan.gates.push_back({r.action->id + "/" + std::to_string(r.jurisdiction),
                            r.action->board_gate->probability, r.jurisdiction});
    }
  }
  // Each action looks only at its jurisdiction's groups; the shares are then put in group
  // order, as the projection wants them.
  std::map<int, std::vector<size_t>> actions_of;
  for (size_t a = 0; a < actions.size(); ++a)
    if (actions[a].date <= as_of) actions_of[actions[a].jurisdiction].push_back(a);
  // Offenses older than the searched records are in scope but not found: the scope searched,
  // made once per action rather than once per group.
  std::vector<std::optional<Scope>> found(actions.size());
  for (size_t a = 0; a < actions.size(); ++a)
    if (const ResolvedAction& r = actions[a]; r.records_searchable_from) {
      found[a] = r.scope;
      if (!found[a]->offense_on_or_after || *found[a]->offense_on_or_after < *r.records_searchable_from)
        found[a]->offense_on_or_after = r.records_searchable_from;
    }
  std::vector<OffenseWindow> window(actions.size()), found_window(actions.size());
  std::vector<double> ages(actions.size());
  for (size_t a = 0; a < actions.size(); ++a) {
    const Date decided_on = actions[a].reaches_as_of.value_or(actions[a].date);
    ages[a] = age_share(pop.age_at_arrest, actions[a].scope);
    window[a] = offense_window(actions[a].scope, decided_on);
    if (found[a]) found_window[a] = offense_window(*found[a], decided_on);
  }
  // Each jurisdiction's shares on its own, on the threads given, then put one after another in
  // jurisdiction order: the shares a loop over the jurisdictions in order would give.
  const std::vector<std::pair<int, std::vector<size_t>>> jurisdictions(actions_of.begin(), actions_of.end());
  auto groups_of = [&](int j) {
    auto range = pop.group_ranges.find(j);
    return range == pop.group_ranges.end() ? std::pair<size_t, size_t>{0, pop.groups.size()} : range->second;
  };
  std::vector<size_t> cost;  // every (group, action) pair that could be reached
  for (const auto& [j, list] : jurisdictions) {
    const auto [first, last] = groups_of(j);
    cost.push_back((last - first) * list.size());
  }
  std::vector<std::vector<EligibleShare>> shares_of(jurisdictions.size());
  run_jobs(cost, threads, [&](size_t k) {
    const auto& [j, list] = jurisdictions[k];
    std::vector<EligibleShare>& shares = shares_of[k];
    // Room for all that could be reached: pages never written cost nothing, while growing a
    // national plan's vector copies it again and again.
    shares.reserve(cost[k]);
    const auto [first, last] = groups_of(j);
    // The share of the current cell each action reaches when the group's own rules let it
    // through (0: the cell's rules keep it out), worked out with the cell's first group.
    std::vector<double> cell_share(list.size());
    for (size_t gi = first, cell = first; gi < last; ++gi) {
      const RecordGroup& g = pop.groups[gi];
      if (g.jurisdiction != j) continue;
      if (gi == first || !same_cell(g, pop.groups[cell])) {
        cell = gi;
        for (size_t k = 0; k < list.size(); ++k) {
          const ResolvedAction& r = actions[list[k]];
          const size_t a = list[k];
          double f = cell_rules_first(g, r.scope, r.mechanism, nullptr) == 0
                         ? 0
                         : cell_rules_last(g, pop.bands, r.scope, window[a], nullptr);
          // An agency listing records from the repository by an amount limit finds only records
          // whose offense class shows the amount was within it (a felony of "any amount" does
          // not): Nevada's pardon FAQ says pre-2001 felony convictions cannot be identified.
          if (f > 0 && r.identified_from == RecordSource::repository && r.scope.max_amount_grams && g.band >= 0 &&
              g.tier_upper_grams > *r.scope.max_amount_grams + PossessionSchedule::kBoundToleranceGrams)
            f = 0;
          if (f > 0 && found[a])
            f = cell_rules_first(g, *found[a], r.mechanism, nullptr) == 0
                    ? 0
                    : cell_rules_last(g, pop.bands, *found[a], found_window[a], nullptr);
          cell_share[k] = f * ages[a];
        }
      }
      for (size_t k = 0; k < list.size(); ++k) {
        const size_t a = list[k];
        const ResolvedAction& r = actions[a];
        const double f = cell_share[k];
        // The scope searched (found[a]) differs only in its dates: the group's rules are the scope's.
        if (f > 0 && group_rules(g, r.scope, r.mechanism, nullptr) != 0)
          shares.push_back({static_cast<int>(gi), f, gate_of[a], static_cast<int>(a),
                            r.identified_from == RecordSource::repository ? pop.repository_slot(g) : kOne,
                            r.scope.status_on ? pop.status_slot(*r.scope.status_on, g) : kOne});
      }
    }
  });
  // Each part copied to its place on the threads, which touch the plan's pages first.
  std::vector<size_t> offset(shares_of.size() + 1, 0);
  for (size_t k = 0; k < shares_of.size(); ++k) offset[k + 1] = offset[k] + shares_of[k].size();
  plan.shares.resize(offset.back());
  std::vector<size_t> copy_cost(shares_of.size());
  for (size_t k = 0; k < shares_of.size(); ++k) copy_cost[k] = shares_of[k].size();
  run_jobs(copy_cost, threads, [&](size_t k) {
    std::uninitialized_copy(shares_of[k].begin(), shares_of[k].end(), plan.shares.begin() + static_cast<std::ptrdiff_t>(offset[k]));
    std::vector<EligibleShare>().swap(shares_of[k]);  // its memory back at once
  });
  return plan;
}

}  // namespace reliefsim
