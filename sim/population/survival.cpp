#include "sim/population/survival.hpp"

#include <cmath>
#include <limits>

namespace reliefsim {

double SurvivalModel::lx(int table_year, bool male, double age) const {
  // Tabulated ages of this table and sex, increasing.
  const LifeTableRow* below = nullptr;
  const LifeTableRow* above = nullptr;
  for (const auto& r : d_.life_table) {
    if (r.year != table_year || r.male != male) continue;
    if (r.age <= age && (!below || r.age > below->age)) below = &r;
    if (r.age >= age && (!above || r.age < above->age)) above = &r;
  }
  if (!below) return above ? above->lx : 0;
  if (!above) return 0;  // past the oldest tabulated age: treated as dead
  if (above == below || below->lx <= 0 || above->lx <= 0) return below->lx;
  const double w = (age - below->age) / double(above->age - below->age);
  return std::exp((1 - w) * std::log(below->lx) + w * std::log(above->lx));
}

double SurvivalModel::survival(bool male, double age, double year, double years) const {
  if (years <= 0) return 1;
  // The tabulated calendar year nearest the middle of the interval.
  const double middle = year + years / 2;
  int best = 0;
  double best_gap = std::numeric_limits<double>::max();
  for (const auto& r : d_.life_table)
    if (std::abs(r.year - middle) < best_gap) {
      best_gap = std::abs(r.year - middle);
      best = r.year;
    }
  const double start = lx(best, male, age);
  return start > 0 ? lx(best, male, age + years) / start : 0;
}

SurvivalShares SurvivalModel::shares(int offense_year, Date on) const {
  const double from = offense_year + 0.5;
  const double to = on.year() + (on.month() - 1) / 12.0 + (on.day() - 1) / 365.0;
  SurvivalShares out{0, 0};
  double total = 0;
  for (bool male : {true, false}) {
    const double sex_share = male ? d_.male_share : 1 - d_.male_share;
    for (const auto& band : d_.age_bands) {
      const double s = survival(male, band.representative_age, from, to - from);
      const double w = sex_share * band.share;
      out.alive += w * s;
      out.alive_sq += w * s * s;
      total += w;
    }
  }
  if (total > 0) {
    out.alive /= total;
    out.alive_sq /= total;
  }
  return out;
}

}  // namespace reliefsim
