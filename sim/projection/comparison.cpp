#include "sim/projection/comparison.hpp"

#include <map>
#include <set>
#include <tuple>

namespace reliefsim {

Projection paired_difference(const Projection& b, const Projection& a) {
  Projection out;
  out.replicates = b.replicates;
  out.seed = b.seed;
  std::set<int> jurisdictions(b.jurisdictions.begin(), b.jurisdictions.end());
  jurisdictions.insert(a.jurisdictions.begin(), a.jurisdictions.end());
  out.jurisdictions.assign(jurisdictions.begin(), jurisdictions.end());
  using Key = std::tuple<int, int, int, int>;  // date, measure, unit, jurisdiction
  auto key = [](const ProjectionRow& r) {
    return Key{r.as_of.days(), static_cast<int>(r.measure), static_cast<int>(r.unit), r.jurisdiction};
  };
  std::map<Key, const ProjectionRow*> in_a, in_b;
  std::set<std::tuple<int, int, int>> kinds;
  for (const auto& r : a.rows) in_a[key(r)] = &r;
  for (const auto& r : b.rows) {
    in_b[key(r)] = &r;
    kinds.insert({r.as_of.days(), static_cast<int>(r.measure), static_cast<int>(r.unit)});
  }
  const ReplicateValues zeros(static_cast<size_t>(b.replicates), 0.0);
  std::vector<int> order = out.jurisdictions;
  order.push_back(-1);
  for (const auto& b_row : b.rows) {
    // Emit each (date, measure, unit) once, for every jurisdiction, in b's order.
    const std::tuple<int, int, int> kind{b_row.as_of.days(), static_cast<int>(b_row.measure), static_cast<int>(b_row.unit)};
    if (!kinds.erase(kind)) continue;
    for (int j : order) {
      const Key k{std::get<0>(kind), std::get<1>(kind), std::get<2>(kind), j};
      const auto* rb = in_b.count(k) ? in_b.at(k) : nullptr;
      const auto* ra = in_a.count(k) ? in_a.at(k) : nullptr;
      const auto& vb = rb ? rb->replicates : zeros;
      const auto& va = ra ? ra->replicates : zeros;
      ProjectionRow row;
      row.jurisdiction = j;
      row.measure = b_row.measure;
      row.unit = b_row.unit;
      row.as_of = b_row.as_of;
      row.replicates.resize(vb.size());
      for (size_t r = 0; r < vb.size(); ++r) row.replicates[r] = vb[r] - (r < va.size() ? va[r] : 0.0);
      row.interval = summarize(row.replicates);
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace reliefsim
