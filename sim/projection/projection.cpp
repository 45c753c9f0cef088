#include "sim/projection/projection.hpp"

#include <algorithm>
#include <set>
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
    // Shares are sorted by group: take the largest share among actions in force
    // (assumption overlapping-actions-max: overlapping actions reach the same records).
    size_t i = 0;
    while (i < plan.shares.size()) {
      const int gi = plan.shares[i].group;
      double f = 0;
      for (; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
        const auto& s = plan.shares[i];
        if (s.gate < 0 || gate_open[static_cast<size_t>(s.gate)]) f = std::max(f, s.fraction);
      }
      if (f == 0) continue;
      const RecordGroup& g = pop.groups[static_cast<size_t>(gi)];
      if (g.jurisdiction >= static_cast<int>(slot_of_jurisdiction.size())) continue;
      const int k = slot_of_jurisdiction[static_cast<size_t>(g.jurisdiction)];
      if (k < 0) continue;
      const double records = f * pop.size(g, theta);
      // assumption eligible-people-proportional: eligible records are spread over people
      // like all records are (records-per-person).
      const double people = g.person_based ? records : records * theta[static_cast<size_t>(g.people_per_record)];
      const double convictions = g.disposition == Disposition::conviction ? records : 0;
      const double by_unit[3] = {people, convictions, records};  // order of kEligibleUnits
      for (size_t u = 0; u < nu; ++u) {
        values[(static_cast<size_t>(k) * nu + u) * reps + r] += by_unit[u];
      }
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
