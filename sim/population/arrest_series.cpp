#include "sim/population/arrest_series.hpp"

#include <algorithm>
#include <cmath>
#include <cmath>

namespace reliefsim {
namespace {
// Coverage proxies above this are rounding noise; below the floor the file is suspect and
// left as it is (docs/methodology.md, coverage-adjustment-pre1994).
constexpr double kFullCoverage = 0.98;
constexpr double kLowestCoverage = 0.5;
}  // namespace

std::string_view to_string(ArrestBasis b) {
  switch (b) {
    case ArrestBasis::observed: return "observed";
    case ArrestBasis::adjusted: return "adjusted";
    case ArrestBasis::gap: return "gap";
    case ArrestBasis::backcast: return "backcast";
    case ArrestBasis::forecast: return "forecast";
  }
  return "?";
}

NationalSplit split_national(const std::vector<NationalArrestRow>& rows, const std::vector<NationalDrugRow>& drug_rows) {
  // The first row of each year is the one used (the file lists the primary source first).
  std::map<int, double> total;
  std::map<int, double> share;
  for (const auto& r : rows) {
    if (!total.count(r.year)) total[r.year] = r.total;
    if (r.possession && r.total > 0 && !share.count(r.year)) share[r.year] = *r.possession / r.total;
  }
  // assumption national-extension: after the marijuana series ends, carry its last share
  // of all drug arrests; fill a single missing year between two by the geometric mean.
  if (!total.empty()) {
    const int last = total.rbegin()->first;
    std::map<int, double> drug;
    for (const auto& d : drug_rows) drug[d.year] = d.total;
    if (auto at_last = drug.find(last); at_last != drug.end() && at_last->second > 0) {
      const double share = total[last] / at_last->second;
      for (const auto& [y, t] : drug)
        if (y > last) total[y] = t * share;
      for (int y = last + 1; y < (total.rbegin()->first); ++y)
        if (!total.count(y) && total.count(y - 1) && total.count(y + 1)) total[y] = std::sqrt(total[y - 1] * total[y + 1]);
    }
  }
  NationalSplit out;
  for (const auto& [y, t] : total) {
    double s;
    auto hi = share.lower_bound(y);
    if (hi != share.end() && hi->first == y) {
      s = hi->second;
    } else if (hi == share.begin()) {
      s = hi->second;
    } else if (hi == share.end()) {
      s = std::prev(hi)->second;
    } else {
      auto lo = std::prev(hi);
      const double w = double(y - lo->first) / double(hi->first - lo->first);
      s = lo->second + w * (hi->second - lo->second);
    }
    out.possession[y] = t * s;
    out.sale_manufacture[y] = t * (1 - s);
  }
  return out;
}

namespace {

std::map<int, ArrestFigure> estimate_offense(const std::map<int, ArrestFigure>& observed,
                                             const std::map<int, double>& national,
                                             int first_year, int last_year,
                                             const std::function<double(int)>& arrestable) {
  auto scale = [&](int y) { return arrestable ? arrestable(y) : 1.0; };
  std::map<int, double> share;
  for (const auto& [y, f] : observed) {
    auto n = national.find(y);
    if (n != national.end() && n->second > 0) share[y] = f.count / (n->second * scale(y));
  }
  std::map<int, ArrestFigure> out;
  for (int y = first_year; y <= last_year; ++y) {
    if (auto o = observed.find(y); o != observed.end()) {
      out[y] = o->second;
      continue;
    }
    auto n = national.find(y);
    if (n == national.end() || share.empty()) continue;  // nothing to estimate from
    auto hi = share.lower_bound(y);
    double s;
    ArrestBasis basis;
    if (hi != share.begin() && hi != share.end()) {
      auto lo = std::prev(hi);
      const double w = double(y - lo->first) / double(hi->first - lo->first);
      s = lo->second + w * (hi->second - lo->second);
      basis = ArrestBasis::gap;
    } else {
      // One-sided: the mean share of the three nearest observed years.
      std::vector<double> near;
      if (hi == share.end()) {
        for (auto it = share.rbegin(); it != share.rend() && near.size() < 3; ++it)
          near.push_back(it->second);
        basis = ArrestBasis::forecast;
      } else {
        for (auto it = share.begin(); it != share.end() && near.size() < 3; ++it)
          near.push_back(it->second);
        basis = ArrestBasis::backcast;
      }
      double sum = 0;
      for (double v : near) sum += v;
      s = sum / double(near.size());
    }
    out[y] = {n->second * s * scale(y), basis};
  }
  return out;
}

}  // namespace

JurisdictionArrests estimate_state_arrests(const std::string& postal,
                                           const std::vector<StateArrestRow>& rows,
                                           const NationalSplit& national, int first_year,
                                           int last_year, const std::function<double(int)>& arrestable,
                                           const std::function<double(int)>& sale_scale) {
  std::map<int, ArrestFigure> poss, sale;
  for (const auto& r : rows) {
    if (r.postal != postal || r.usable == "N") continue;
    double scale = 1;
    ArrestBasis basis = ArrestBasis::observed;
    if (r.usable == "PARTIAL" && r.typed_share && *r.typed_share > 0) {
      scale = 1 / *r.typed_share;
      basis = ArrestBasis::adjusted;
    }
    // assumption coverage-adjustment-pre1994: before 1994 the county files dropped
    // agencies that reported under six months; scale up by the share of the state's
    // population they covered, when it is clearly short of all (and not implausibly low).
    if (r.pre1994_coverage && *r.pre1994_coverage < kFullCoverage && *r.pre1994_coverage >= kLowestCoverage) {
      scale /= *r.pre1994_coverage;
      basis = ArrestBasis::adjusted;
    }
    if (r.possession) poss[r.year] = {*r.possession * scale, basis};
    if (r.sale_manufacture) sale[r.year] = {*r.sale_manufacture * scale, basis};
  }
  JurisdictionArrests out;
  out.possession = estimate_offense(poss, national.possession, first_year, last_year, arrestable);
  out.sale_manufacture = estimate_offense(sale, national.sale_manufacture, first_year, last_year, sale_scale);
  return out;
}

}  // namespace reliefsim
