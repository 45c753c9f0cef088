#include "sim/projection/race_split.hpp"

#include <map>

namespace reliefsim {

RaceSplit split_by_race(const RecordPopulation& pop, const EligibilityPlan& plan,
                        const std::vector<ResolvedAction>& actions, const Projection& p, Date as_of,
                        const std::vector<RacePopulation>& residents) {
  RaceSplit out;
  out.as_of = as_of;
  // Every parameter at its median: the weights of the groups within a jurisdiction.
  std::vector<double> theta(static_cast<size_t>(pop.theta_size), 1.0);
  pop.compute_theta(std::vector<double>(pop.parameters.size(), 0.5), theta);
  std::map<int, std::array<double, 3>> mix;  // jurisdiction → people reached by race (then shares)
  for (const EligibleShare& s : plan.shares) {
    if (s.action < 0 || actions[static_cast<size_t>(s.action)].current_law) continue;
    const RecordGroup& g = pop.groups[static_cast<size_t>(s.group)];
    const auto by_year = pop.race.find(g.jurisdiction);
    if (by_year == pop.race.end()) continue;
    const auto shares = by_year->second.find(g.year_first);
    if (shares == by_year->second.end()) continue;
    const double people = s.fraction * pop.size(g, theta) * theta[static_cast<size_t>(g.people_per_record)] * g.alive;
    auto& m = mix[g.jurisdiction];
    for (size_t r = 0; r < 3; ++r) m[r] += people * shares->second.share[r];
  }
  for (auto& [j, m] : mix) {
    const double total = m[0] + m[1] + m[2];
    for (double& v : m) v = total > 0 ? v / total : 0;
    if (total <= 0) m = {0, 0, 0};
  }

  const int reps = p.replicates;
  std::vector<int> order = p.jurisdictions;
  order.push_back(-1);
  // rows[(race 0..3) × measure] of the total, summed as the jurisdictions are split.
  std::vector<std::vector<double>> total(4 * kRaceSplitMeasures.size(), std::vector<double>(static_cast<size_t>(reps), 0));
  for (int j : order) {
    for (size_t m = 0; m < kRaceSplitMeasures.size(); ++m) {
      const ProjectionRow* source = nullptr;
      for (const auto& r : p.rows)
        if (r.jurisdiction == j && r.as_of == as_of && r.measure == kRaceSplitMeasures[m].first &&
            r.unit == kRaceSplitMeasures[m].second)
          source = &r;
      if (!source) continue;
      const auto known = mix.find(j);
      for (size_t race = 0; race < 4; ++race) {
        RaceSplitRow row;
        row.jurisdiction = j;
        if (race < 3) row.race = kRaces[race];
        row.measure = kRaceSplitMeasures[m].first;
        row.unit = kRaceSplitMeasures[m].second;
        if (j < 0) {
          row.replicates = total[race * kRaceSplitMeasures.size() + m];
        } else {
          row.replicates.resize(static_cast<size_t>(reps));
          for (size_t k = 0; k < row.replicates.size(); ++k) {
            const double v = source->replicates[k];
            // A jurisdiction with no race profile, or whose actions reach no one, is not split.
            row.replicates[k] = known == mix.end() || known->second == std::array<double, 3>{0, 0, 0}
                                    ? (race == 3 ? v : 0)
                                    : (race < 3 ? v * known->second[race] : 0);
            total[race * kRaceSplitMeasures.size() + m][k] += row.replicates[k];
          }
        }
        row.interval = summarize(row.replicates);
        out.rows.push_back(std::move(row));
      }
    }
  }

  // Disparity: the share of each race among the split people eligible, over its share of the
  // residents of the jurisdictions in scope.
  std::array<double, 3> residents_by_race = {0, 0, 0};
  for (const auto& r : residents)
    if (std::find(p.jurisdictions.begin(), p.jurisdictions.end(), r.jurisdiction) != p.jurisdictions.end() &&
        mix.count(r.jurisdiction))
      for (size_t k = 0; k < 3; ++k) residents_by_race[k] += r.people[k];
  const double residents_total = residents_by_race[0] + residents_by_race[1] + residents_by_race[2];
  if (residents_total > 0) {
    const auto& eligible = total;  // measure 0: people eligible
    for (size_t race = 0; race < 3; ++race) {
      RaceDisparity d;
      d.race = kRaces[race];
      d.population_share = residents_by_race[race] / residents_total;
      std::vector<double> share(static_cast<size_t>(reps), 0), ratio(static_cast<size_t>(reps), 0);
      for (size_t k = 0; k < share.size(); ++k) {
        const double split = eligible[0][k] + eligible[kRaceSplitMeasures.size()][k] + eligible[2 * kRaceSplitMeasures.size()][k];
        share[k] = split > 0 ? eligible[race * kRaceSplitMeasures.size()][k] / split : 0;
        ratio[k] = d.population_share > 0 ? share[k] / d.population_share : 0;
      }
      d.eligible_share = summarize(share);
      d.ratio = summarize(ratio);
      out.disparity.push_back(d);
    }
  }
  return out;
}

}  // namespace reliefsim
