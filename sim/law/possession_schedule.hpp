// PossessionSchedule: the penalty grade of a first offense of simple possession, by
// amount, as one dated entry of a jurisdiction's `possession` parameter. Stage: law.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/law/vocabulary.hpp"

namespace reliefsim {

inline constexpr double kGramsPerOunce = 28.349523125;

/// The grade of a sale, delivery or possession with intent in a year without a `distribution`
/// schedule (docs/methodology.md#sale-manufacture-grade).
inline constexpr Grade kUnscheduledSaleGrade = Grade::felony;

struct PenaltyTier {
  std::optional<double> up_to_grams;  ///< inclusive upper bound; empty for the last tier
  Grade grade = Grade::misdemeanor;
  std::string class_name;             ///< the statute's own words, e.g. "Class D misdemeanor"
};

struct PossessionSchedule {
  std::vector<PenaltyTier> tiers;  ///< increasing up_to; the last tier is unbounded
  bool operator==(const PossessionSchedule& o) const {
    if (tiers.size() != o.tiers.size()) return false;
    for (size_t i = 0; i < tiers.size(); ++i)
      if (tiers[i].up_to_grams != o.tiers[i].up_to_grams || tiers[i].grade != o.tiers[i].grade)
        return false;
    return true;
  }
  /// Law files often give ounce limits converted to rounded grams (1.5 oz as 42.52 g):
  /// an amount within this many grams above a bound still falls under it.
  static constexpr double kBoundToleranceGrams = 0.01;

  /// The grade of possessing `grams`.
  /// The upper bound of the tier `grams` falls in: the largest amount a record of that
  /// offense class can stand for; infinity for the last tier.
  double tier_upper_for(double grams) const {
    for (const auto& t : tiers)
      if (!t.up_to_grams || grams <= *t.up_to_grams + kBoundToleranceGrams)
        return t.up_to_grams ? *t.up_to_grams : std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::infinity();
  }
  Grade grade_for(double grams) const {
    for (const auto& t : tiers)
      if (!t.up_to_grams || grams <= *t.up_to_grams + kBoundToleranceGrams) return t.grade;
    return tiers.empty() ? Grade::misdemeanor : tiers.back().grade;
  }
};

}  // namespace reliefsim
