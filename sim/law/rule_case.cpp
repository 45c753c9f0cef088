#include "sim/law/rule_case.hpp"

#include <cmath>
#include <cstdio>

namespace reliefsim {
namespace {

std::string show(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : "nothing encoded"; }

}  // namespace

std::vector<std::string> check_rule_case(const Jurisdiction& j, const RuleCase& c) {
  std::vector<std::string> out;
  const LawSnapshot s = snapshot(j, c.as_of);
  if (c.possession_grade) {
    const auto schedule = j.possession.value_on(c.as_of);
    if (!schedule) {
      out.push_back("no possession law encoded on " + c.as_of.to_string());
    } else if (!c.possession_grams) {
      out.push_back("possession_grade needs possession_grams or possession_ounces");
    } else {
      const Grade g = schedule->grade_for(*c.possession_grams);
      if (g != *c.possession_grade)
        out.push_back("possession grade: expected " + std::string(to_string(*c.possession_grade)) + ", encoded " +
                      std::string(to_string(g)));
    }
  }
  if (c.distribution_grade) {
    if (!c.distribution_grams) {
      out.push_back("distribution_grade needs distribution_grams or distribution_ounces");
    } else {
      const auto schedule = j.distribution.value_on(c.as_of);
      const Grade g = schedule ? schedule->grade_for(*c.distribution_grams) : kUnscheduledSaleGrade;
      if (g != *c.distribution_grade)
        out.push_back("distribution grade: expected " + std::string(to_string(*c.distribution_grade)) + ", encoded " +
                      std::string(to_string(g)));
    }
  }
  auto check_bool = [&](const char* what, const std::optional<bool>& expected, const DatedValue<bool>& dv) {
    if (!expected) return;
    const auto v = dv.value_on(c.as_of);
    if (v != expected) out.push_back(std::string(what) + ": expected " + show(expected) + ", encoded " + show(v));
  };
  check_bool("adult_use_legal", c.adult_use_legal, j.adult_use.legal);
  check_bool("medical", c.medical, j.medical);
  check_bool("decriminalized", c.decriminalized, j.decriminalized);
  if (c.adult_use_possession_limit_oz) {
    const auto v = s.possession_limit_oz;
    if (!v || std::abs(*v - *c.adult_use_possession_limit_oz) > 1e-9) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "adult-use limit: expected %g oz, encoded %s", *c.adult_use_possession_limit_oz,
                    v ? std::to_string(*v).c_str() : "none");
      out.push_back(buf);
    }
  }
  if (c.pardon_power && s.pardon_power != c.pardon_power)
    out.push_back("pardon_power: expected " + std::string(to_string(*c.pardon_power)) + ", encoded " +
                  (s.pardon_power ? std::string(to_string(*s.pardon_power)) : "nothing"));
  if (c.record_relief && s.record_relief != *c.record_relief)
    out.push_back("record_relief: expected " + std::string(to_string(*c.record_relief)) + ", encoded " +
                  std::string(to_string(s.record_relief)));
  return out;
}

}  // namespace reliefsim
