#include "sim/projection/projection.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <thread>

#include "sim/base/random.hpp"

namespace reliefsim {

Projection project(const RecordPopulation& pop, const EligibilityPlan& plan,
                   const std::vector<ResolvedAction>& actions, const ProjectionSettings& settings) {
  Projection out;
  out.replicates = settings.replicates;
  out.seed = settings.seed;
  std::set<int> scope;
  for (const auto& a : actions) scope.insert(a.jurisdiction);
  out.jurisdictions.assign(scope.begin(), scope.end());
  const size_t nj = out.jurisdictions.size();
  const size_t nu = kEligibleUnits.size();
  std::vector<int> slot_of_jurisdiction;
  for (size_t k = 0; k < nj; ++k) {
    const int j = out.jurisdictions[k];
    if (static_cast<int>(slot_of_jurisdiction.size()) <= j) slot_of_jurisdiction.resize(static_cast<size_t>(j) + 1, -1);
    slot_of_jurisdiction[static_cast<size_t>(j)] = static_cast<int>(k);
  }
  const size_t reps = static_cast<size_t>(settings.replicates);
  // values[(k * nu + u) * reps + r]: jurisdiction slot k, unit u, replicate r.
  std::vector<double> values((nj + 1) * nu * reps, 0.0);

  // Eligibility does not change between replicates, so groups that share their
  // parameter factors, disposition and gate are summed once into a term; a replicate
  // then costs one product per term instead of one per group. Groups reached by several
  // gated actions keep their own evaluation ("complex").
  struct Term {
    std::array<int, 5> factor;
    int people_per_record;
    bool person_based, conviction;
    int gate;
    int slot;
    double weight;
    double weight_alive = 0, weight_alive_sq = 0;  // weight × the groups' survival shares
    auto key() const { return std::tie(slot, factor, people_per_record, person_based, conviction, gate); }
  };
  std::vector<Term> terms;
  std::vector<size_t> complex_first;  // indices into plan.shares where a complex group starts
  {
    std::map<std::tuple<int, std::array<int, 5>, int, bool, bool, int>, size_t> index;
    size_t i = 0;
    while (i < plan.shares.size()) {
      const size_t first = i;
      const int gi = plan.shares[i].group;
      double ungated = 0;
      int gated = 0, gate = -1;
      double gated_f = 0;
      for (; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
        const auto& sh = plan.shares[i];
        if (sh.gate < 0) ungated = std::max(ungated, sh.fraction);
        else if (gated == 0 || sh.gate != gate) { ++gated; gate = sh.gate; gated_f = sh.fraction; }
        else gated_f = std::max(gated_f, sh.fraction);
      }
      const RecordGroup& g = pop.groups[static_cast<size_t>(gi)];
      if (g.jurisdiction >= static_cast<int>(slot_of_jurisdiction.size())) continue;
      const int k = slot_of_jurisdiction[static_cast<size_t>(g.jurisdiction)];
      if (k < 0) continue;
      if (settings.reference || (gated > 0 && (ungated > 0 || gated > 1))) {
        complex_first.push_back(first);
        continue;
      }
      Term t{g.factor, g.people_per_record, g.person_based, g.disposition == Disposition::conviction,
             gated ? gate : -1, k, g.base * (gated ? gated_f : ungated)};
      t.weight_alive = t.weight * g.alive;
      t.weight_alive_sq = t.weight * g.alive_sq;
      auto [it, fresh] = index.emplace(t.key(), terms.size());
      if (fresh) {
        terms.push_back(t);
      } else {
        Term& into = terms[it->second];
        into.weight += t.weight;
        into.weight_alive += t.weight_alive;
        into.weight_alive_sq += t.weight_alive_sq;
      }
    }
  }

  auto run_replicate = [&](size_t r, std::vector<double>& theta, std::vector<double>& uniforms,
                           std::vector<char>& gate_open) {
    uniforms.resize(pop.parameters.size());
    for (size_t i = 0; i < pop.parameters.size(); ++i)
      uniforms[i] = keyed_uniform(settings.seed, pop.parameters[i].name, r);
    pop.compute_theta(uniforms, theta);
    gate_open.assign(plan.gates.size(), 0);
    for (size_t k = 0; k < plan.gates.size(); ++k) {
      const double p = plan.gates[k].probability.at(keyed_uniform(settings.seed, plan.gates[k].key + "#p", r));
      gate_open[k] = keyed_uniform(settings.seed, plan.gates[k].key, r) < p;
    }
    // A conviction is a filed case; other records were filed in part (non-conviction-filed-share);
    // federal counts are people sentenced, each one case.
    auto add = [&](int k, double records, double people, bool conviction, bool person_based) {
      const double cases = conviction || person_based
                               ? records
                               : records * theta[static_cast<size_t>(pop.non_conviction_filed_share)];
      const double charges = person_based ? cases : cases * theta[static_cast<size_t>(pop.charges_per_case)];
      const double by_unit[5] = {people, conviction ? records : 0, cases, charges, records};  // order of kEligibleUnits
      for (size_t u = 0; u < nu; ++u) values[(static_cast<size_t>(k) * nu + u) * reps + r] += by_unit[u];
    };
    // assumption eligible-people-proportional: eligible records are spread over people
    // like all records are (records-per-person); only the living count as people.
    const double m = theta[static_cast<size_t>(pop.mortality_multiplier)];
    for (const Term& t : terms) {
      if (t.gate >= 0 && !gate_open[static_cast<size_t>(t.gate)]) continue;
      const double product = theta[static_cast<size_t>(t.factor[0])] * theta[static_cast<size_t>(t.factor[1])] *
                             theta[static_cast<size_t>(t.factor[2])] * theta[static_cast<size_t>(t.factor[3])] *
                             theta[static_cast<size_t>(t.factor[4])];
      const double alive = ((2 - m) * t.weight_alive + (m - 1) * t.weight_alive_sq) * product;
      const double people = t.person_based ? alive : alive * theta[static_cast<size_t>(t.people_per_record)];
      add(t.slot, t.weight * product, people, t.conviction, t.person_based);
    }
    // Complex groups: the largest share among the actions in force in this replicate
    // (assumption overlapping-actions-max: overlapping actions reach the same records).
    for (size_t first : complex_first) {
      const int gi = plan.shares[first].group;
      double f = 0;
      for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
        const auto& sh = plan.shares[i];
        if (sh.gate < 0 || gate_open[static_cast<size_t>(sh.gate)]) f = std::max(f, sh.fraction);
      }
      if (f == 0) continue;
      const RecordGroup& g = pop.groups[static_cast<size_t>(gi)];
      const double records = f * pop.size(g, theta);
      add(slot_of_jurisdiction[static_cast<size_t>(g.jurisdiction)], records, pop.people(g, records, theta),
          g.disposition == Disposition::conviction, g.person_based);
    }
    for (size_t u = 0; u < nu; ++u) {
      double total = 0;
      for (size_t k = 0; k < nj; ++k) total += values[(k * nu + u) * reps + r];
      values[(nj * nu + u) * reps + r] = total;
    }
  };

  unsigned threads = settings.threads > 0 ? static_cast<unsigned>(settings.threads)
                                          : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(reps, 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::vector<double> theta, uniforms;
      std::vector<char> gates;
      for (size_t r = t; r < reps; r += threads) run_replicate(r, theta, uniforms, gates);
    });
  }
  for (auto& th : pool) th.join();

  for (size_t k = 0; k <= nj; ++k) {
    for (size_t u = 0; u < nu; ++u) {
      ProjectionRow row;
      row.jurisdiction = k < nj ? out.jurisdictions[k] : -1;
      row.measure = Measure::eligible;
      row.unit = kEligibleUnits[u];
      const auto first = values.begin() + static_cast<std::ptrdiff_t>((k * nu + u) * reps);
      row.replicates.assign(first, first + static_cast<std::ptrdiff_t>(reps));
      row.interval = summarize(row.replicates);
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace reliefsim
