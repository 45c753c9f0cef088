#include "sim/projection/explanation.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace reliefsim {
namespace {

// The amounts of bands first..last together.
std::string amount_label(const AmountBands& bands, int first, int last) {
  if (first < 0) return "any amount";
  char buf[64];
  const bool open_end = last == bands.count() - 1;
  if (first == 0 && open_end) return "any amount";
  if (open_end) std::snprintf(buf, sizeof buf, "over %.4g g", bands.lower(first));
  else if (first == 0) std::snprintf(buf, sizeof buf, "up to %.4g g", bands.upper_grams[static_cast<size_t>(last)]);
  else std::snprintf(buf, sizeof buf, "%.4g-%.4g g", bands.lower(first), bands.upper_grams[static_cast<size_t>(last)]);
  return buf;
}

std::string cite(const References& refs) {
  if (refs.empty()) return "";
  const Citation& c = refs.front();
  if (!c.href.empty()) return c.title + " <" + c.href + ">";
  return c.statute.empty() || c.statute == c.title ? c.title : c.title + " (" + c.statute + ")";
}

}  // namespace

std::vector<ExplanationRow> explain_eligibility(const RecordPopulation& pop, int jurisdiction,
                                                const std::vector<ResolvedAction>& actions, Date as_of) {
  std::vector<double> theta;
  pop.compute_theta(std::vector<double>(pop.parameters.size(), 0.5), theta);
  // Amount bands with the same outcome are merged: the bands carry every state's thresholds.
  using Key = std::tuple<int, int, int, int, std::string>;  // offense, grade, disposition, decade, rule
  std::map<Key, ExplanationRow> rows;
  std::map<Key, std::pair<int, int>> band_span;
  auto range = pop.group_ranges.find(jurisdiction);
  if (range == pop.group_ranges.end()) return {};
  for (size_t gi = range->second.first; gi < range->second.second; ++gi) {
    const RecordGroup& g = pop.groups[gi];
    if (g.year_first > as_of.year()) continue;
    // The action that reaches most of the group; else every action's reason to keep it out.
    const ResolvedAction* best = nullptr;
    double best_fraction = 0;
    std::string reasons;
    for (const auto& a : actions) {
      if (a.jurisdiction != jurisdiction || a.date > as_of) continue;
      EligibilityDecision d = decide_eligibility(g, pop.bands, a.scope, a.mechanism, a.date);
      d.fraction *= age_share(pop.age_at_arrest, a.scope);  // an age condition reaches a share
      // As the projection chooses: the larger share, and for the same share a clause for
      // everyone before one for the people still under sentence.
      if (d.fraction > best_fraction ||
          (d.fraction > 0 && d.fraction == best_fraction && best && best->scope.status_on && !a.scope.status_on)) {
        best_fraction = d.fraction;
        best = &a;
      } else if (d.fraction == 0) {
        reasons += (reasons.empty() ? "" : "; ") + a.action->id + ": " + d.reason;
      }
    }
    std::string rule, citation;
    double status_share = 1;
    if (best) {
      char share[32];
      std::snprintf(share, sizeof share, "%.0f%%", 100 * best_fraction);
      rule = "eligible under " + best->action->id + " (" + std::string(to_string(best->mechanism)) + ")" +
             (best_fraction < 1 ? ", " + std::string(share) + " of the group by date" : "");
      if (const auto& st = best->scope.status_on) {
        // Only the people still under sentence that day: the share applied, at the median.
        status_share = theta[static_cast<size_t>(pop.status_slot(*st, g))];
        std::string statuses;
        for (SentenceStatus s : {SentenceStatus::incarcerated, SentenceStatus::probation, SentenceStatus::parole})
          if (st->any_of & status_bit(s))
            statuses += (statuses.empty() ? "" : " or ") +
                        std::string(s == SentenceStatus::incarcerated ? "incarcerated" : "on " + std::string(to_string(s)));
        char applied[32];
        std::snprintf(applied, sizeof applied, "%.1f%%", 100 * status_share);
        rule += ", only those " + statuses + " on " + st->on.to_string() + " (" + applied + " of the group)";
      }
      citation = cite(best->reference);
    } else {
      rule = reasons.empty() ? "no action in force reaches it" : "not eligible: " + reasons;
      for (const auto& a : actions)
        if (a.jurisdiction == jurisdiction) {
          citation = cite(a.reference);
          break;
        }
    }
    const int decade = g.year_first / 10 * 10;
    const Key k{static_cast<int>(g.offense), static_cast<int>(g.grade), static_cast<int>(g.disposition), decade, rule};
    auto [span, fresh_span] = band_span.emplace(k, std::make_pair(g.band, g.band_last));
    if (!fresh_span) {
      span->second.first = std::min(span->second.first, g.band);
      span->second.second = std::max(span->second.second, g.band_last);
    }
    ExplanationRow& row = rows[k];
    if (row.offense.empty()) {
      row.offense = std::string(to_string(g.offense));
      row.grade = std::string(to_string(g.grade));
      row.disposition = std::string(to_string(g.disposition));
      row.decade = g.fiscal_years ? "FY" + std::to_string(g.year_first) + "-" + std::to_string(g.year_last)
                                  : std::to_string(decade) + "s";
      row.eligible = best != nullptr;
      row.rule = rule;
      row.citation = citation;
    }
    row.records += pop.size(g, theta) * (best ? best_fraction * status_share : 1.0);
  }
  std::vector<ExplanationRow> out;
  for (auto& [k, r] : rows) {
    const auto [first, last] = band_span.at(k);
    r.amount = amount_label(pop.bands, first, last);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace reliefsim
