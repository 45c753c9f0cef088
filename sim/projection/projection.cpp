#include "sim/projection/projection.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "sim/base/random.hpp"

namespace reliefsim {
namespace {

constexpr size_t kUnits = kProjectionUnits.size();

// Where several actions reach the same share of a group, the record is delivered by the
// mechanism that clears it soonest without anyone asking (assumption overlapping-actions-max).
int delivery_rank(const ResolvedAction& a) {
  switch (a.mechanism) {
    case Mechanism::automatic_repository_sealing: return 0;
    case Mechanism::automatic_court_expungement: return 1;
    case Mechanism::prosecutor_initiated: return 2;
    case Mechanism::blanket_pardon: return a.records_updated_by_agency ? 1 : 4;
    case Mechanism::petition_expungement:
    case Mechanism::petition_sealing:
    case Mechanism::petition_vacatur: return 3;
    case Mechanism::certificate_on_application: return 4;
    case Mechanism::application_pardon: return 5;
    case Mechanism::law_change: return 6;
  }
  return 6;
}

// Whether gate `g` opens in replicate r: its chance is drawn first, then the outcome.
bool gate_opens(const Gate& g, std::uint64_t seed, size_t r) {
  const double p = g.probability.at(keyed_uniform(seed, g.key + "#p", r));
  return keyed_uniform(seed, g.key, r) < p;
}

// What a replicate adds up for one resolved action: eligible figures by unit (people_fully
// _cleared is derived later), and the records and living people of holders with no other
// conviction, from which whole people are cleared.
struct ActionSums {
  double people = 0, convictions = 0, cases = 0, charges = 0, records = 0;
  double records_no_other = 0;
};

// Whether relief `b` of current law can have relieved, for new action `a`, records both reach
// (docs/methodology.md, "Current law as the baseline").
// `when` is the date it is asked on: by default, when `a` takes effect.
bool can_relieve_for(const ResolvedAction& a, const ResolvedAction& b, std::optional<Date> when = std::nullopt) {
  if (b.date > when.value_or(a.date)) return false;  // not yet in force then
  // A certificate of pardon is the proof of an earlier pardon, the way its records are
  // updated: that pardon relieves nothing the certificate would otherwise reach.
  if (a.mechanism == Mechanism::certificate_on_application && b.mechanism == Mechanism::blanket_pardon) return false;
  // A sealed conviction is hidden, not erased: it can still be pardoned.
  if (is_pardon(a.mechanism) &&
      (b.mechanism == Mechanism::automatic_repository_sealing || b.mechanism == Mechanism::petition_sealing))
    return false;
  return true;
}

// Share of the records that both current-law action `b` and new action `a` reach which `b`
// has already relieved when `a` takes effect: what `b` has cleared by then, or, for a new
// pardon, everything an earlier blanket pardon already pardoned (a pardoned conviction cannot
// be pardoned again, whether or not its record was updated).
// `when` moves the question to another date (against current law: by the date reported).
double already_relieved_share(const ResolvedAction& a, const ResolvedAction& b, const DeliveryModel& delivery,
                              const std::vector<double>& delta, double b_records, std::optional<Date> when = std::nullopt) {
  if (!can_relieve_for(a, b, when)) return 0;
  if (is_pardon(a.mechanism) && b.mechanism == Mechanism::blanket_pardon) return 1;
  return delivery.cleared_share(b, months_between(b.date, when.value_or(a.date)), delta, b_records);
}

// Mechanisms whose pace depends on how many records there are (court-review-capacity).
bool paced_by_capacity(const ResolvedAction& a) {
  return a.residents > 0 &&
         (a.mechanism == Mechanism::automatic_court_expungement || a.mechanism == Mechanism::prosecutor_initiated);
}

// Share of a record holder's records, all of which are cleared, given the share c of the
// jurisdiction's records cleared and the mean records per person (records-per-person):
// with 1 + Poisson(λ) records a person, P(all cleared) = c · e^{λ(c-1)}
// (assumption fully-cleared-poisson).
double all_cleared(double c, double records_per_person) {
  c = std::clamp(c, 0.0, 1.0);
  const double lambda = std::max(0.0, records_per_person - 1);
  return c * std::exp(lambda * (c - 1));
}

}  // namespace

std::vector<const ProjectionRow*> rows_of(const Projection& p, Date as_of, Measure m, Unit u) {
  std::vector<const ProjectionRow*> out;
  for (const auto& r : p.rows)
    if (r.as_of == as_of && r.measure == m && r.unit == u) out.push_back(&r);
  return out;
}

Projection project(const RecordPopulation& pop, const EligibilityPlan& plan,
                   const std::vector<ResolvedAction>& actions, const DeliveryModel& delivery,
                   const std::vector<Date>& dates, const ProjectionSettings& settings) {
  Projection out;
  out.replicates = settings.replicates;
  out.seed = settings.seed;
  std::set<int> scope;
  for (const auto& a : actions)
    if (!a.current_law) scope.insert(a.jurisdiction);
  out.jurisdictions.assign(scope.begin(), scope.end());
  const size_t nj = out.jurisdictions.size();
  std::map<int, int> slot_of;
  for (size_t k = 0; k < nj; ++k) slot_of[out.jurisdictions[k]] = static_cast<int>(k);
  const size_t na = actions.size();
  std::vector<int> slot_of_action(na);
  for (size_t a = 0; a < na; ++a) {
    auto it = slot_of.find(actions[a].jurisdiction);
    slot_of_action[a] = it == slot_of.end() ? -1 : it->second;
  }
  const size_t reps = static_cast<size_t>(settings.replicates);
  const Date held_on = dates.empty() ? Date{} : dates.front();

  // Eligibility does not change between replicates, so groups that share their parameter
  // factors, disposition, gate and delivering action are summed once into a term; a
  // replicate then costs one product per term instead of one per group. Groups reached by
  // actions behind different gates keep their own evaluation ("complex").
  struct Term {
    std::array<int, 5> factor;
    int people_per_record;
    bool person_based, conviction, other_conviction;
    int gate, action;
    int pair = -1;  ///< (action, current-law action) pair whose relief is subtracted, or -1
    int reach = kOne, overlap_reach = kOne;  ///< share the agency finds (repository_slot)
    int status = kOne, overlap_status = kOne;  ///< share under sentence (status_slot)
    double weight = 0, weight_alive = 0, weight_alive_sq = 0;
    /// The part of `weight` that current law also reaches (the overlap of the two scopes).
    double overlap = 0, overlap_alive = 0, overlap_alive_sq = 0;
    auto key() const {
      return std::make_tuple(factor, people_per_record, person_based, conviction, other_conviction, gate, action, pair,
                             reach, overlap_reach, status, overlap_status);
    }
  };
  // The (new action, current-law action) pairs: current law's relief is drawn once per pair
  // and replicate.
  std::map<std::pair<int, int>, int> pair_index;
  std::vector<std::pair<int, int>> pairs;
  std::vector<std::vector<int>> pairs_of_action(actions.size());
  auto pair_of = [&](int action, int current) {
    if (current < 0) return -1;
    auto [it, fresh] = pair_index.emplace(std::make_pair(action, current), static_cast<int>(pairs.size()));
    if (fresh) {
      pairs.emplace_back(action, current);
      pairs_of_action[static_cast<size_t>(action)].push_back(it->second);
    }
    return it->second;
  };
  std::vector<Term> terms;
  // The records each capacity-paced current-law action reaches, to pace its own delivery.
  std::vector<Term> current_terms;
  std::vector<size_t> complex_first;  // indices into plan.shares where a complex group starts
  // The share that delivers a group: the largest reach; then relief no one has to ask for
  // before relief a person must seek; then the earliest action (it has had the longest to act:
  // a later law reaching the same records adds nothing to them); then the quickest mechanism.
  auto better = [&](const EligibleShare& s, const EligibleShare* best) {
    if (!best) return true;
    if (s.fraction != best->fraction) return s.fraction > best->fraction;
    // A clause for everyone reaches more than one for the people still under sentence.
    if ((s.status == kOne) != (best->status == kOne)) return s.status == kOne;
    const ResolvedAction& a = actions[static_cast<size_t>(s.action)];
    const ResolvedAction& b = actions[static_cast<size_t>(best->action)];
    const int ra = delivery_rank(a), rb = delivery_rank(b);
    const bool asked_a = ra > 2, asked_b = rb > 2;  // petitions, applications, certificates
    if (asked_a != asked_b) return !asked_a;
    if (a.date != b.date) return a.date < b.date;
    // On the same day, a clause with a statutory deadline is carried out first, the earliest
    // deadline first.
    if (a.deadline != b.deadline) return a.deadline && (!b.deadline || *a.deadline < *b.deadline);
    return ra < rb;
  };
  auto add_term = [](std::vector<Term>& into, std::map<decltype(std::declval<Term>().key()), size_t>& index,
                     const Term& t) {
    auto [it, fresh] = index.emplace(t.key(), into.size());
    if (fresh) {
      into.push_back(t);
    } else {
      Term& s = into[it->second];
      s.weight += t.weight;
      s.weight_alive += t.weight_alive;
      s.weight_alive_sq += t.weight_alive_sq;
      s.overlap += t.overlap;
      s.overlap_alive += t.overlap_alive;
      s.overlap_alive_sq += t.overlap_alive_sq;
    }
  };
  auto make_term = [](const RecordGroup& g, double weight, int gate, int action, int reach = kOne, int status = kOne,
                      int pair = -1, double overlap = 0, int overlap_reach = kOne, int overlap_status = kOne) {
    return Term{g.factor,  g.people_per_record, g.person_based, g.disposition == Disposition::conviction,
                g.other_conviction, gate, action, pair, reach, overlap_reach, status, overlap_status, weight,
                weight * g.alive, weight * g.alive_sq, overlap, overlap * g.alive, overlap * g.alive_sq};
  };
  // The term of group g delivered by `best`, less what `current` (current law) relieved.
  // assumption overlapping-actions-max: the scopes are nested within a group, so the
  // records both reach are the smaller of the two shares, found where either action finds
  // them (the repository's share when either acts on the repository's records).
  auto scenario_term = [&](const RecordGroup& g, const EligibleShare& best, const EligibleShare* current, int gate) {
    if (!current) return make_term(g, g.base * best.fraction, gate, best.action, best.reach, best.status);
    return make_term(g, g.base * best.fraction, gate, best.action, best.reach, best.status,
                     pair_index.at({best.action, current->action}), g.base * std::min(best.fraction, current->fraction),
                     best.reach != kOne ? best.reach : current->reach, best.status != kOne ? best.status : current->status);
  };
  // The current-law share that delivers a group, or nullptr when none does.
  auto current_law_best = [&](size_t first, int gi) {
    const EligibleShare* best = nullptr;
    for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i)
      if (actions[static_cast<size_t>(plan.shares[i].action)].current_law && better(plan.shares[i], best))
        best = &plan.shares[i];
    return best;
  };
  // The current-law share to subtract from new action `a`'s reach of a group: one in force
  // when `a` takes effect and whose relief counts against it (can_relieve_for) before one that
  // is not, then as `better` orders.
  auto current_law_for = [&](size_t first, int gi, int a) {
    const ResolvedAction& na = actions[static_cast<size_t>(a)];
    const EligibleShare* best = nullptr;
    for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
      const EligibleShare& sh = plan.shares[i];
      const ResolvedAction& b = actions[static_cast<size_t>(sh.action)];
      if (!b.current_law) continue;
      if (best) {
        const bool counts = can_relieve_for(na, b), best_counts = can_relieve_for(na, actions[static_cast<size_t>(best->action)]);
        if (counts != best_counts) {
          if (counts) best = &sh;
          continue;
        }
      }
      if (better(sh, best)) best = &sh;
    }
    return best;
  };
  {
    std::map<decltype(std::declval<Term>().key()), size_t> index, current_index;
    size_t i = 0;
    while (i < plan.shares.size()) {
      const size_t first = i;
      const int gi = plan.shares[i].group;
      int gate = -2;  // -2: none seen; -1: ungated; else the one gate
      bool mixed = false;
      const EligibleShare* best = nullptr;
      for (; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
        const auto& sh = plan.shares[i];
        if (actions[static_cast<size_t>(sh.action)].current_law) continue;
        if (gate == -2) gate = sh.gate;
        else if (gate != sh.gate) mixed = true;
        if (better(sh, best)) best = &sh;
      }
      const EligibleShare* current = current_law_best(first, gi);
      if (current && paced_by_capacity(actions[static_cast<size_t>(current->action)])) {
        const RecordGroup& g = pop.groups[static_cast<size_t>(gi)];
        add_term(current_terms, current_index,
                 make_term(g, g.base * current->fraction, -1, current->action, current->reach, current->status));
      }
      if (!best) continue;  // reached by current law only
      for (size_t k = first; k < i; ++k)
        if (!actions[static_cast<size_t>(plan.shares[k].action)].current_law)
          if (const EligibleShare* c = current_law_for(first, gi, plan.shares[k].action))
            pair_of(plan.shares[k].action, c->action);
      if (settings.reference || mixed) {
        complex_first.push_back(first);
        continue;
      }
      add_term(terms, index,
               scenario_term(pop.groups[static_cast<size_t>(gi)], *best, current_law_for(first, gi, best->action), gate));
    }
  }
  // Everything held in each jurisdiction on `held_on` by people with no other conviction:
  // the denominators of people_fully_cleared.
  std::vector<std::vector<Term>> held(nj);
  {
    std::vector<std::map<decltype(std::declval<Term>().key()), size_t>> index(nj);
    for (const RecordGroup& g : pop.groups) {
      auto s = slot_of.find(g.jurisdiction);
      if (s == slot_of.end() || !g.criminal_record || g.other_conviction) continue;
      const Date start = g.fiscal_years ? *Date::from_ymd(g.year_first - 1, 10, 1) : Date::first_of_year(g.year_first);
      const Date end = g.fiscal_years ? *Date::from_ymd(g.year_last, 10, 1) : Date::first_of_year(g.year_last + 1);
      if (held_on < start) continue;
      const double f = held_on >= end ? 1.0 : double(held_on.days() - start.days() + 1) / double(end.days() - start.days());
      add_term(held[static_cast<size_t>(s->second)], index[static_cast<size_t>(s->second)], make_term(g, g.base * f, -1, -1));
    }
  }

  // values[((d * (nj + 1) + k) * nm + m) * kUnits + u) * reps + r]
  const size_t nd = dates.size();
  constexpr size_t nm = kMeasures.size();
  std::vector<double> values(nd * (nj + 1) * nm * kUnits * reps, 0.0);
  auto at = [&](size_t d, size_t k, size_t m, size_t u, size_t r) -> double& {
    return values[(((d * (nj + 1) + k) * nm + m) * kUnits + u) * reps + r];
  };

  auto run_replicate = [&](size_t r, std::vector<double>& theta, std::vector<double>& uniforms,
                           std::vector<double>& delta, std::vector<char>& gate_open, std::vector<ActionSums>& sums,
                           std::vector<ActionSums>& already, std::vector<double>& relieved) {
    uniforms.resize(pop.parameters.size());
    for (size_t i = 0; i < pop.parameters.size(); ++i)
      uniforms[i] = keyed_uniform(settings.seed, pop.parameters[i].name, r);
    pop.compute_theta(uniforms, theta);
    delta.resize(delivery.parameters().size());
    for (size_t i = 0; i < delta.size(); ++i)
      delta[i] = delivery.parameters()[i].distribution.at(keyed_uniform(settings.seed, delivery.parameters()[i].name, r));
    gate_open.assign(plan.gates.size(), 0);
    for (size_t k = 0; k < plan.gates.size(); ++k) gate_open[k] = gate_opens(plan.gates[k], settings.seed, r);
    const double m = theta[static_cast<size_t>(pop.mortality_multiplier)];
    auto product = [&](const std::array<int, 5>& f) {
      return theta[static_cast<size_t>(f[0])] * theta[static_cast<size_t>(f[1])] * theta[static_cast<size_t>(f[2])] *
             theta[static_cast<size_t>(f[3])] * theta[static_cast<size_t>(f[4])];
    };
    sums.assign(na, ActionSums{});
    already.assign(na, ActionSums{});
    std::vector<double> current_records(na, 0.0);
    for (const Term& t : current_terms)
      current_records[static_cast<size_t>(t.action)] +=
          t.weight * product(t.factor) * theta[static_cast<size_t>(t.reach)] * theta[static_cast<size_t>(t.status)];
    // Against current law: the records of each pair that current law also reaches, whatever
    // it had relieved by the action's date.
    std::vector<ActionSums> overlap_sums(settings.against_current_law ? pairs.size() : 0);
    relieved.resize(pairs.size());
    for (size_t k = 0; k < pairs.size(); ++k)
      relieved[k] = already_relieved_share(actions[static_cast<size_t>(pairs[k].first)],
                                           actions[static_cast<size_t>(pairs[k].second)], delivery, delta,
                                           current_records[static_cast<size_t>(pairs[k].second)]);
    // assumption eligible-people-proportional: eligible records are spread over people like
    // all records are (records-per-person); only the living count as people.
    auto add_to = [&](std::vector<ActionSums>& into, int action, double records, double alive_records, const Term& t) {
      ActionSums& s = into[static_cast<size_t>(action)];
      // A conviction is a filed case; other records were filed in part
      // (non-conviction-filed-share); a federal count is one case per person.
      const double cases = t.conviction || t.person_based
                               ? records
                               : records * theta[static_cast<size_t>(pop.non_conviction_filed_share)];
      s.records += records;
      s.convictions += t.conviction ? records : 0;
      s.cases += cases;
      s.charges += t.person_based ? cases : cases * theta[static_cast<size_t>(pop.charges_per_case)];
      s.people += t.person_based ? alive_records : alive_records * theta[static_cast<size_t>(t.people_per_record)];
      if (!t.other_conviction) s.records_no_other += records;
    };
    // What current law already relieved of the term is not eligible again; it is counted
    // apart (already_relieved).
    auto add = [&](const Term& t) {
      const double base = product(t.factor);
      const double p = base * theta[static_cast<size_t>(t.reach)] * theta[static_cast<size_t>(t.status)];
      const double records = t.weight * p;
      const double alive = ((2 - m) * t.weight_alive + (m - 1) * t.weight_alive_sq) * p;
      if (t.pair < 0) {
        add_to(sums, t.action, records, alive, t);
        return;
      }
      const double q = base * theta[static_cast<size_t>(t.overlap_reach)] * theta[static_cast<size_t>(t.overlap_status)] *
                       relieved[static_cast<size_t>(t.pair)];
      const double gone = t.overlap * q;
      const double gone_alive = ((2 - m) * t.overlap_alive + (m - 1) * t.overlap_alive_sq) * q;
      add_to(sums, t.action, records - gone, alive - gone_alive, t);
      add_to(already, t.action, gone, gone_alive, t);
      if (!overlap_sums.empty()) {
        const double o = base * theta[static_cast<size_t>(t.overlap_reach)] * theta[static_cast<size_t>(t.overlap_status)];
        add_to(overlap_sums, t.pair, t.overlap * o, ((2 - m) * t.overlap_alive + (m - 1) * t.overlap_alive_sq) * o, t);
      }
    };
    for (const Term& t : terms) {
      if (t.gate >= 0 && !gate_open[static_cast<size_t>(t.gate)]) continue;
      add(t);
    }
    // Complex groups: the action with the largest share among those whose gate opened
    // (assumption overlapping-actions-max: overlapping actions reach the same records).
    for (size_t first : complex_first) {
      const int gi = plan.shares[first].group;
      const EligibleShare* best = nullptr;
      for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
        const auto& sh = plan.shares[i];
        if (actions[static_cast<size_t>(sh.action)].current_law) continue;
        if ((sh.gate < 0 || gate_open[static_cast<size_t>(sh.gate)]) && better(sh, best)) best = &sh;
      }
      if (!best) continue;
      add(scenario_term(pop.groups[static_cast<size_t>(gi)], *best, current_law_for(first, gi, best->action), -1));
    }
    // What each jurisdiction holds, for people_fully_cleared.
    std::vector<double> held_records(nj, 0), held_people(nj, 0);
    for (size_t k = 0; k < nj; ++k)
      for (const Term& t : held[k]) {
        const double p = product(t.factor);
        held_records[k] += t.weight * p;
        const double alive = ((2 - m) * t.weight_alive + (m - 1) * t.weight_alive_sq) * p;
        held_people[k] += t.person_based ? alive : alive * theta[static_cast<size_t>(t.people_per_record)];
      }
    const double rpp = theta[static_cast<size_t>(pop.records_per_person)];
    for (size_t d = 0; d < nd; ++d) {
      std::vector<double> eligible_no(nj, 0), cleared_no(nj, 0), already_no(nj, 0), legal_no(nj, 0);
      for (size_t a = 0; a < na; ++a) {
        if (actions[a].current_law || actions[a].date > dates[d]) continue;  // not in force yet on this date
        const ActionSums& s = sums[a];
        const ActionSums& q = already[a];
        const size_t k = static_cast<size_t>(slot_of_action[a]);
        const double share = delivery.cleared_share(actions[a], months_between(actions[a].date, dates[d]), delta, s.records);
        // A blanket pardon changes the legal status of every record it reaches on its date;
        // elsewhere the order that relieves is the one that updates the record.
        const double legal = actions[a].mechanism == Mechanism::blanket_pardon ? 1.0 : share;
        const double by_unit[kUnits] = {s.people, 0, s.convictions, s.cases, s.charges, s.records};
        const double gone[kUnits] = {q.people, 0, q.convictions, q.cases, q.charges, q.records};
        for (size_t u = 0; u < kUnits; ++u) {
          at(d, k, 0, u, r) += by_unit[u];
          at(d, k, 1, u, r) += by_unit[u] * share;
          at(d, k, 2, u, r) += gone[u];
          at(d, k, 3, u, r) += by_unit[u] * legal;
        }
        eligible_no[k] += s.records_no_other;
        cleared_no[k] += s.records_no_other * share;
        already_no[k] += q.records_no_other;
        legal_no[k] += s.records_no_other * legal;
        // Against current law: of the overlap O of a pair, the scenario's world has cleared
        // c0 + (1 - c0)·share by this date and current law's alone cD, where c0 is what
        // current law had relieved when the action took effect; the scenario is credited with
        // the excess only, so (1 - c0)·share·O less min((1 - c0)·share, cD - c0)·O.
        if (!overlap_sums.empty())
          for (int pk : pairs_of_action[a]) {
            const size_t p = static_cast<size_t>(pk);
            const ResolvedAction& b = actions[static_cast<size_t>(pairs[p].second)];
            const double c0 = relieved[p];
            const double cd = already_relieved_share(actions[a], b, delivery, delta,
                                                     current_records[static_cast<size_t>(pairs[p].second)], dates[d]);
            const ActionSums& o = overlap_sums[p];
            const double overlap_unit[kUnits] = {o.people, 0, o.convictions, o.cases, o.charges, o.records};
            // The same for the legal change, with the action's legal share.
            for (auto [measure, n, no] : {std::tuple{size_t{1}, share, &cleared_no}, std::tuple{size_t{3}, legal, &legal_no}}) {
              const double credit = std::min((1 - c0) * n, std::max(0.0, cd - c0));
              if (credit <= 0) continue;
              for (size_t u = 0; u < kUnits; ++u) at(d, k, measure, u, r) -= overlap_unit[u] * credit;
              (*no)[k] -= o.records_no_other * credit;
            }
          }
      }
      for (size_t k = 0; k < nj; ++k) {
        // Federal counts have one record a person; elsewhere records-per-person applies.
        const double per_person = held_records[k] > 0 && held_people[k] >= held_records[k] ? 1.0 : rpp;
        if (held_records[k] > 0) {
          at(d, k, 0, 1, r) = held_people[k] * all_cleared(eligible_no[k] / held_records[k], per_person);
          at(d, k, 1, 1, r) = held_people[k] * all_cleared(cleared_no[k] / held_records[k], per_person);
          at(d, k, 2, 1, r) = held_people[k] * all_cleared(already_no[k] / held_records[k], per_person);
          at(d, k, 3, 1, r) = held_people[k] * all_cleared(legal_no[k] / held_records[k], per_person);
        }
      }
      for (size_t mm = 0; mm < nm; ++mm)
        for (size_t u = 0; u < kUnits; ++u) {
          double total = 0;
          for (size_t k = 0; k < nj; ++k) total += at(d, k, mm, u, r);
          at(d, nj, mm, u, r) = total;
        }
    }
  };

  unsigned threads = settings.threads > 0 ? static_cast<unsigned>(settings.threads)
                                          : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(reps, 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::vector<double> theta, uniforms, delta;
      std::vector<char> gates;
      std::vector<ActionSums> sums, already;
      std::vector<double> relieved;
      for (size_t r = t; r < reps; r += threads) run_replicate(r, theta, uniforms, delta, gates, sums, already, relieved);
    });
  }
  for (auto& th : pool) th.join();

  // A jurisdiction's board "agreed" in a replicate when any of its gates opened.
  std::map<int, std::vector<char>> agreed;
  for (const Gate& g : plan.gates) {
    if (std::find(out.jurisdictions.begin(), out.jurisdictions.end(), g.jurisdiction) == out.jurisdictions.end()) continue;
    auto& open = agreed[g.jurisdiction];
    open.resize(reps, 0);
    for (size_t r = 0; r < reps; ++r) open[r] = open[r] || gate_opens(g, settings.seed, r);
  }
  for (const auto& [j, open] : agreed)
    out.board_gates.push_back({j, reps ? double(std::count(open.begin(), open.end(), 1)) / double(reps) : 0.0});

  for (size_t d = 0; d < nd; ++d)
    for (size_t k = 0; k <= nj; ++k)
      for (size_t mm = 0; mm < nm; ++mm)
        for (size_t u = 0; u < kUnits; ++u) {
          ProjectionRow row;
          row.jurisdiction = k < nj ? out.jurisdictions[k] : -1;
          row.measure = kMeasures[mm];
          row.unit = kProjectionUnits[u];
          row.as_of = dates[d];
          const auto first = values.begin() + static_cast<std::ptrdiff_t>(((((d * (nj + 1) + k) * nm + mm) * kUnits + u)) * reps);
          row.replicates.assign(first, first + static_cast<std::ptrdiff_t>(reps));
          row.interval = summarize(row.replicates);
          if (auto g = agreed.find(row.jurisdiction); g != agreed.end()) {
            std::vector<double> yes;
            for (size_t r = 0; r < reps; ++r)
              if (g->second[r]) yes.push_back(row.replicates[r]);
            if (!yes.empty()) row.if_board_agrees = summarize(std::move(yes));
          }
          out.rows.push_back(std::move(row));
        }
  return out;
}

}  // namespace reliefsim
