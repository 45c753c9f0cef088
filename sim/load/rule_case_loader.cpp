#include "sim/load/rule_case_loader.hpp"

#include "sim/law/possession_schedule.hpp"
#include "sim/load/reader.hpp"

namespace reliefsim {

std::vector<RuleCase> load_rule_cases(std::string_view text, const std::string& file, Diagnostics& problems) {
  std::vector<RuleCase> out;
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return out;
  Reader r(file, problems);
  if (!root.is_sequence() || root.children.empty()) {
    r.error(root, "expected a list of rule cases, each {name, as_of, expect, reference}, got " + root.describe());
    return out;
  }
  for (const YamlNode& item : root.children) {
    MapView m(r, item, "a rule case");
    if (!m.ok()) continue;
    RuleCase c;
    c.where = r.where(item);
    if (const auto* x = m.need("name")) c.name = r.text(*x, "name").value_or("");
    if (const auto* x = m.need("as_of")) c.as_of = r.date(*x, "as_of").value_or(Date{});
    auto amount = [&](const std::string& what) -> std::optional<double> {
      const YamlNode* grams = m.get(what + "_grams");
      const YamlNode* ounces = m.get(what + "_ounces");
      if (grams && ounces) r.error(*ounces, "give " + what + "_grams or " + what + "_ounces, not both");
      if (grams) return r.number(*grams, what + "_grams");
      if (ounces)
        if (auto v = r.number(*ounces, what + "_ounces")) return *v * kGramsPerOunce;
      return std::nullopt;
    };
    c.possession_grams = amount("possession");
    c.distribution_grams = amount("distribution");
    if (const auto* x = m.need("expect")) {
      MapView e(r, *x, "expect");
      if (const auto* y = e.get("possession_grade")) c.possession_grade = r.word<Grade>(*y, "possession_grade");
      if (const auto* y = e.get("distribution_grade"))
        c.distribution_grade = r.word<Grade>(*y, "distribution_grade");
      if (const auto* y = e.get("adult_use_legal")) c.adult_use_legal = r.boolean(*y, "adult_use_legal");
      if (const auto* y = e.get("medical")) c.medical = r.boolean(*y, "medical");
      if (const auto* y = e.get("decriminalized")) c.decriminalized = r.boolean(*y, "decriminalized");
      if (const auto* y = e.get("adult_use_possession_limit_oz"))
        c.adult_use_possession_limit_oz = r.number(*y, "adult_use_possession_limit_oz");
      if (const auto* y = e.get("pardon_power")) c.pardon_power = r.word<PardonPower>(*y, "pardon_power");
      if (const auto* y = e.get("record_relief")) {
        if (auto s = r.text(*y, "record_relief")) {
          c.record_relief = parse_relief_class(*s);
          if (!c.record_relief)
            r.error(*y, "expected record_relief to be one of automatic, petition, pardon_only, none, got '" + *s + "'");
        }
      }
      if (x->is_map() && x->map_size() == 0) r.error(*x, "expect names nothing to check");
      e.done();
    }
    if (const auto* x = m.need("reference")) c.reference = r.references(*x, "reference");
    m.get("note");
    m.done();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace reliefsim
