#include "sim/population/race_profile.hpp"

#include <cmath>

#include <Eigen/Core>

namespace reliefsim {

std::string_view to_string(Race r) {
  switch (r) {
    case Race::black: return "black";
    case Race::white: return "white";
    case Race::other: return "other";
  }
  return "?";
}

namespace {

// Linear interpolation in points of one geography, held flat outside them.
std::optional<double> interpolate(const std::vector<RaceInputs::Point>& points, const std::string& geography, int year) {
  const RaceInputs::Point* lo = nullptr;
  const RaceInputs::Point* hi = nullptr;
  for (const auto& p : points) {
    if (p.geography != geography) continue;
    if (p.year <= year && (!lo || p.year > lo->year)) lo = &p;
    if (p.year >= year && (!hi || p.year < hi->year)) hi = &p;
  }
  if (!lo && !hi) return std::nullopt;
  if (!lo) return hi->value;
  if (!hi || hi == lo) return lo->value;
  const double w = double(year - lo->year) / double(hi->year - lo->year);
  return lo->value + w * (hi->value - lo->value);
}

}  // namespace

RaceFit fit_race_profile(const std::map<std::string, const JurisdictionArrests*>& arrests, const RaceInputs& in) {
  RaceFit fit;
  std::vector<const RaceInputs::StatePopulation*> states;
  std::vector<const JurisdictionArrests*> series;
  for (const auto& sp : in.population) {
    auto it = arrests.find(sp.postal);
    if (it == arrests.end() || sp.total <= 0) continue;
    states.push_back(&sp);
    series.push_back(it->second);
  }
  if (states.empty()) return fit;
  std::map<int, bool> years;
  for (const auto* s : series)
    for (const auto& [y, f] : s->possession) years[y] = true;
  const Eigen::Index n = static_cast<Eigen::Index>(states.size());
  for (const auto& [y, unused] : years) {
    const auto national_share = interpolate(in.national_black_share, "US", y);
    const auto national_ratio = interpolate(in.black_white_ratio, "US", y);
    if (!national_share || !national_ratio) continue;
    Eigen::ArrayXXd table(n, 2);  // column 0: Black; 1: not Black
    Eigen::ArrayXd rows(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto* s = series[static_cast<size_t>(i)];
      double total = 0;
      if (auto p = s->possession.find(y); p != s->possession.end()) total += p->second.count;
      if (auto p = s->sale_manufacture.find(y); p != s->sale_manufacture.end()) total += p->second.count;
      const auto& sp = *states[static_cast<size_t>(i)];
      const double b = sp.black / sp.total;
      // Seed: Black people arrested at `ratio` times the rate of everyone else (the ACLU's
      // ratio is Black to white; other races are taken at the white rate).
      const double ratio = interpolate(in.black_white_ratio, sp.postal, y).value_or(*national_ratio);
      const double black = total * b * ratio / (b * ratio + (1 - b));
      table(i, 0) = black;
      table(i, 1) = total - black;
      rows[i] = total;
    }
    const double all = rows.sum();
    if (all <= 0) continue;
    const Eigen::Array2d columns(*national_share * all, (1 - *national_share) * all);
    int it = 0;
    double error = 1;
    for (; it < 200 && error > 1e-10; ++it) {
      for (int c = 0; c < 2; ++c) {
        const double sum = table.col(c).sum();
        if (sum > 0) table.col(c) *= columns[c] / sum;
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        const double sum = table.row(i).sum();
        if (sum > 0) table.row(i) *= rows[i] / sum;
      }
      error = 0;
      for (int c = 0; c < 2; ++c) error = std::max(error, std::abs(table.col(c).sum() - columns[c]) / columns[c]);
    }
    fit.iterations = std::max(fit.iterations, it);
    fit.worst_margin_error = std::max(fit.worst_margin_error, error);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (rows[i] <= 0) continue;
      const auto& sp = *states[static_cast<size_t>(i)];
      const double black = table(i, 0) / rows[i];
      // Not-Black split by the census shares of white and other people.
      const double white_of_rest = sp.total - sp.black > 0 ? sp.white / (sp.total - sp.black) : 1;
      RaceShares r;
      r.share = {black, (1 - black) * white_of_rest, (1 - black) * (1 - white_of_rest)};
      fit.shares[sp.postal][y] = r;
    }
  }
  return fit;
}

}  // namespace reliefsim
