#include "sim/load/backtest_loader.hpp"

#include "sim/load/reader.hpp"

namespace reliefsim {

std::vector<BacktestCase> load_backtest_cases(std::string_view text, const std::string& file, Diagnostics& problems) {
  std::vector<BacktestCase> out;
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return out;
  Reader r(file, problems);
  MapView top(r, root, "a backtest case file");
  if (!top.ok()) return out;
  top.get("description");
  const YamlNode* cases = top.need("cases");
  top.done();
  if (!cases) return out;
  if (!cases->is_sequence() || cases->children.empty()) {
    r.error(*cases, "expected cases as a non-empty list, got " + cases->describe());
    return out;
  }
  for (const YamlNode& item : cases->children) {
    MapView m(r, item, "a backtest case");
    if (!m.ok()) continue;
    BacktestCase c;
    c.where = r.where(item);
    if (const auto* x = m.need("id")) c.id = r.text(*x, "id").value_or("");
    if (const auto* x = m.need("scenario")) c.scenario = r.text(*x, "scenario").value_or("");
    if (const auto* x = m.need("jurisdiction")) c.jurisdiction = r.text(*x, "jurisdiction").value_or("");
    if (const auto* x = m.need("measure")) {
      if (auto s = r.text(*x, "measure")) {
        if (*s == "eligible") c.measure = Measure::eligible;
        else if (*s == "cleared") c.measure = Measure::cleared;
        else r.error(*x, "expected measure eligible or cleared, got '" + *s + "'");
      }
    }
    if (const auto* x = m.need("unit")) {
      if (auto s = r.text(*x, "unit")) {
        if (auto u = parse_unit(*s)) c.unit = *u;
        else r.error(*x, "expected unit people, people_fully_cleared, convictions, cases, charges, records or arrests, got '" + *s + "'");
      }
    }
    if (const auto* x = m.need("as_of")) c.as_of = r.date(*x, "as_of").value_or(Date{});
    if (const auto* x = m.need("reported")) {
      c.reported = r.number(*x, "reported").value_or(0);
      if (c.reported <= 0) r.error(*x, "expected the reported value to be more than 0, got " + x->value);
    }
    if (const auto* x = m.get("calibration")) c.calibration = r.boolean(*x, "calibration").value_or(false);
    if (const auto* x = m.need("reference")) c.reference = r.references(*x, "reference");
    if (const auto* x = m.get("note")) c.note = r.text(*x, "note").value_or("");
    m.done();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace reliefsim
