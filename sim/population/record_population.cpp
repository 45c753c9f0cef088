#include "sim/population/record_population.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>
#include <set>
#include <stdexcept>

#include <Eigen/Core>

#include "sim/base/parallel.hpp"
#include "sim/base/random.hpp"
#include "sim/population/arrest_series.hpp"
#include "sim/population/survival.hpp"

namespace reliefsim {

double AmountBands::inside(int b) const {
  const double lo = lower(b);
  if (b == count() - 1) return lo * 2 + 1;
  return (lo + upper_grams[static_cast<size_t>(b)]) / 2;
}

void RecordPopulation::compute_theta(const std::vector<double>& u, std::vector<double>& theta,
                                     const std::vector<char>* needed) const {
  theta.assign(static_cast<size_t>(theta_size), 1.0);
  for (size_t i = 0; i < parameters.size(); ++i)
    theta[i + 1] = parameters[i].distribution.at(u[i]);
  auto t = [&](int i) -> double& { return theta[static_cast<size_t>(i)]; };
  // Possession amounts are lognormal: the share at or under one ounce
  // (possession-share-up-to-1oz) and the spread (possession-amount-spread) fix its median.
  const double p = t(share_up_to_1oz), sigma = t(amount_spread);
  const double mu = std::log(kGramsPerOunce) - sigma * normal_quantile(p);
  double prev = 0;
  for (int b = 0; b < bands.count(); ++b) {
    const double cdf = b == bands.count() - 1
                           ? 1.0
                           : normal_cdf((std::log(bands.upper_grams[static_cast<size_t>(b)]) - mu) / sigma);
    t(band_share_first + b) = cdf - prev;
    prev = cdf;
  }
  for (const ArrestableBands& sch : schedules) {
    double total = 0;
    for (int b : sch.bands) total += t(band_share_first + b);
    for (size_t i = 0; i < sch.bands.size(); ++i)
      t(sch.first_slot + static_cast<int>(i)) = total > 0 ? t(band_share_first + sch.bands[i]) / total : 0;
  }
  // Sale/manufacture amounts are lognormal too, with the same spread and their own share at
  // or under one ounce (distribution-share-up-to-1oz); each jurisdiction's arrests are spread
  // over its arrestable ranges, then split by conduct (possession-with-intent-share).
  if (!distribution_cells.empty()) {
    const double mu_d = std::log(kGramsPerOunce) - sigma * normal_quantile(t(distribution_up_to_1oz));
    std::vector<double> cdf_below(static_cast<size_t>(bands.count()) + 1, 0.0);  // cdf at band b's lower edge
    for (int b = 1; b < bands.count(); ++b)
      cdf_below[static_cast<size_t>(b)] = normal_cdf((std::log(bands.lower(b)) - mu_d) / sigma);
    cdf_below.back() = 1;
    const double intent = t(intent_share);
    for (const DistributionCells& cells : distribution_cells) {
      auto share = [&](std::pair<int, int> r) {
        return cdf_below[static_cast<size_t>(r.second) + 1] - cdf_below[static_cast<size_t>(r.first)];
      };
      double total = 0;
      for (const auto& r : cells.ranges) total += share(r);
      for (size_t r = 0; r < cells.ranges.size(); ++r) {
        const double s = total > 0 ? share(cells.ranges[r]) / total : 0;
        t(cells.first_slot + 2 * static_cast<int>(r)) = s * intent;
        t(cells.first_slot + 2 * static_cast<int>(r) + 1) = s * (1 - intent);
      }
    }
  }
  t(non_conviction_misdemeanor) = 1 - t(conviction_misdemeanor);
  t(non_conviction_felony) = 1 - t(conviction_felony);
  t(other_charges_share) = 1 - t(marijuana_only_share);
  t(no_other_conviction_share) = 1 - t(other_conviction_share);
  t(people_per_record) = 1 / t(records_per_person);
  t(other_noncitizen_share) = 1 - t(lpr_share);
  for (size_t k = 0; k < repository_reach.size(); ++k)
    t(repository_reach_disposed[k]) = t(repository_reach[k]) * t(repository_disposition_share);
  if (zero_slot >= 0) t(zero_slot) = 0;
  // Sentence status (docs/methodology.md, "People under sentence"): of those convicted, a
  // share went to prison, to jail, on probation; each term ends at a constant rate (mean
  // months), and prison is followed by parole, so t months after conviction:
  //   incarcerated = P e^(-t/Tp) + J e^(-t/Tj), probation = B e^(-t/Tb),
  //   parole = P Tq/(Tq - Tp) (e^(-t/Tq) - e^(-t/Tp)).
  for (size_t q = 0; q < status_queries.size(); ++q) {
    const StatusQuery& query = status_queries[q];
    for (size_t kind = 0; kind < 2; ++kind) {
      const SentenceParameters& s = sentence[kind];
      const double prison = t(s.prison_share), jail = t(s.jail_share);
      const double probation = std::max(0.0, 1 - prison - jail) * t(s.probation_of_rest);
      const double tp = t(s.prison_months), tj = t(s.jail_months), tb = t(s.probation_months), tq = t(s.parole_months);
      for (int y = 0; y < status_years; ++y) {
        const int slot = status_slots[(q * 2 + kind) * static_cast<size_t>(status_years) + static_cast<size_t>(y)];
        if (needed && !(*needed)[static_cast<size_t>(slot)]) continue;
        // Convicted, on average, in the middle of the year of the offense.
        const Date convicted = *Date::from_ymd(status_first_year + y, 7, 1);
        const double m = double(query.on.days() - convicted.days()) / 30.4375;
        double share = 0;
        if (m >= 0) {
          if (query.any_of & status_bit(SentenceStatus::incarcerated))
            share += prison * std::exp(-m / tp) + jail * std::exp(-m / tj);
          if (query.any_of & status_bit(SentenceStatus::probation)) share += probation * std::exp(-m / tb);
          if (query.any_of & status_bit(SentenceStatus::parole) && prison > 0)
            share += std::abs(tq - tp) < 1e-6 ? prison * (m / tp) * std::exp(-m / tp)
                                              : prison * tq / (tq - tp) * (std::exp(-m / tq) - std::exp(-m / tp));
        }
        t(slot) = std::min(1.0, share);
      }
    }
  }
}

int RecordPopulation::status_slot(const StatusQuery& q, const RecordGroup& g) const {
  size_t qi = 0;
  while (qi < status_queries.size() && !(status_queries[qi] == q)) ++qi;
  if (qi == status_queries.size()) return kOne;
  if (g.grade != Grade::misdemeanor && g.grade != Grade::felony) return zero_slot;  // a fine at most
  const size_t kind = g.grade == Grade::felony ? 1 : 0;
  // A group over several years (federal counts by fiscal year) takes its middle year.
  const int year = std::clamp((g.year_first + g.year_last) / 2, status_first_year, status_first_year + status_years - 1);
  return status_slots[(qi * 2 + kind) * static_cast<size_t>(status_years) + static_cast<size_t>(year - status_first_year)];
}

std::vector<double> RecordPopulation::median_band_shares() const {
  std::vector<double> theta;
  compute_theta(std::vector<double>(parameters.size(), 0.5), theta);
  std::vector<double> out;
  for (int b = 0; b < bands.count(); ++b) out.push_back(theta[static_cast<size_t>(band_share_first + b)]);
  return out;
}

namespace {

struct Builder {
  Builder(const LawLibrary& l, const PopulationInputs& in, const PopulationOptions& o, Diagnostics& p)
      : law(l), inputs(in), options(o), problems(p) {}
  const LawLibrary& law;
  const PopulationInputs& inputs;
  const PopulationOptions& options;
  Diagnostics& problems;
  RecordPopulation pop;

  // Derived values get placeholder indices from kDerived up, remapped once all base
  // parameters (some created while groups are built) are known.
  static constexpr int kDerived = 1 << 24;
  int placeholder_ = kDerived;
  std::map<std::pair<int, const DatedEntry<PossessionSchedule>*>, int> schedule_of_;
  std::map<std::vector<int>, int> schedule_with_;  ///< schedules by their list of bands
  int reserve(int n) {
    const int first = placeholder_;
    placeholder_ += n;
    return first;
  }

  int add_parameter(const std::string& name, const Distribution& d) {
    pop.parameters.push_back({name, d});
    return static_cast<int>(pop.parameters.size());  // theta index (0 is the constant)
  }
  // assumption survival-life-tables: mean survival over the group's years (federal groups
  // span many), from the life tables and the age and sex of arrestees.
  // A year's shares are worked out once, while the groups are counted (GroupSink), and read
  // by every jurisdiction's groups after.
  void set_survival(RecordGroup& g, bool counting) {
    if (!options.alive_on || !survival_) return;
    double a = 0, a2 = 0;
    for (int y = g.year_first; y <= g.year_last; ++y) {
      auto it = survival_by_year_.find(y);
      if (it == survival_by_year_.end()) {
        const SurvivalShares fresh = survival_->shares(y, *options.alive_on);
        if (!counting) {
          a += fresh.alive;
          a2 += fresh.alive_sq;
          continue;
        }
        it = survival_by_year_.emplace(y, fresh).first;
      }
      const SurvivalShares s = it->second;
      a += s.alive;
      a2 += s.alive_sq;
    }
    const double n = g.year_last - g.year_first + 1;
    g.alive = a / n;
    g.alive_sq = a2 / n;
  }
  std::optional<SurvivalModel> survival_;
  std::map<int, SurvivalShares> survival_by_year_;
  double post_legalization_sale_ratio_ = 1;

  // Where a jurisdiction's groups go. The first pass counts them (at == nullptr) and, as it
  // goes, registers every parameter, slot and note they need, in jurisdiction order as the
  // build always has; the second writes them into their place, reading only what the first
  // registered, so jurisdictions can be written on several threads.
  struct GroupSink {
    RecordGroup* at = nullptr;
    size_t count = 0;
    int split = 1;  ///< benchmarks: k identical cohorts of 1/k each (PopulationOptions::split_groups)
    bool counting() const { return at == nullptr; }
    void push(const RecordGroup& g) {
      if (counting()) {
        count += static_cast<size_t>(split);
        return;
      }
      for (int k = 0; k < split; ++k) {
        RecordGroup& h = *::new (static_cast<void*>(at + count++)) RecordGroup(g);
        if (split > 1) h.base /= split;
      }
    }
  };

  void report_missing(const std::string& id) {
    Diagnostic d;
    d.where.file = "data/assumptions.yaml";
    d.message = "the model needs assumption '" + id + "', which is not defined";
    d.hint = "add it with its range and source (docs/methodology.md)";
    problems.push_back(std::move(d));
  }
  int assumption(const std::string& id) {
    const Assumption* a = inputs.find_assumption(id);
    if (!a) {
      report_missing(id);
      return add_parameter(id, Distribution::fixed(0.5));
    }
    return add_parameter(id, a->distribution);
  }

  void build_bands() {
    std::set<double> edges(options.extra_band_edges.begin(), options.extra_band_edges.end());
    edges.insert(kGramsPerOunce);
    for (const auto& j : law.jurisdictions)
      for (const auto& e : j.possession.entries)
        if (e.value)
          for (const auto& t : e.value->tiers)
            if (t.up_to_grams) edges.insert(*t.up_to_grams);
    for (const auto& j : law.jurisdictions)
      for (const auto& e : j.distribution.entries)
        if (e.value)
          for (const auto& t : e.value->tiers)
            if (t.up_to_grams) edges.insert(*t.up_to_grams);
    // The amount limits of enacted relief, which current law applies before any scenario.
    for (const auto& j : law.jurisdictions) {
      for (const auto& p : j.record_relief)
        if (p.scope.max_amount_grams) edges.insert(*p.scope.max_amount_grams);
      for (const auto& m : j.mass_pardons)
        if (m.scope.max_amount_grams) edges.insert(*m.scope.max_amount_grams);
    }
    for (double e : edges)
      if (e > 0) pop.bands.upper_grams.push_back(e);
  }

  // Adds the conviction / non-conviction and marijuana-only / other-charges groups of one
  // arrest cell.
  void add_arrest_groups(RecordGroup g, int arrest_factor, int band_factor, GroupSink& sink) {
    g.factor[0] = arrest_factor;
    g.factor[1] = band_factor;
    g.criminal_record = leaves_record(g.grade);
    g.people_per_record = pop.people_per_record;
    if (!g.criminal_record) {
      g.disposition = Disposition::non_conviction;
      sink.push(g);
      return;
    }
    const bool felony = g.grade == Grade::felony;  // violations convict like misdemeanors
    for (Disposition d : {Disposition::conviction, Disposition::non_conviction}) {
      for (bool only : {true, false}) {
        for (bool other : {false, true}) {
          RecordGroup h = g;
          h.disposition = d;
          h.marijuana_only = only;
          h.other_conviction = other;
          h.factor[2] = d == Disposition::conviction
                            ? (felony ? pop.conviction_felony : pop.conviction_misdemeanor)
                            : (felony ? pop.non_conviction_felony : pop.non_conviction_misdemeanor);
          h.factor[3] = only ? pop.marijuana_only_share : pop.other_charges_share;
          h.factor[4] = other ? pop.other_conviction_share : pop.no_other_conviction_share;
          sink.push(h);
        }
      }
    }
  }

  // The arrestable bands of `schedule`, looked up once per jurisdiction entry. Entries that
  // arrest the same bands share one schedule, and so the same theta slots: their shares of
  // arrests are the same numbers in every replicate, and their groups sum into the same
  // terms (169 entries of the national population, far fewer lists of bands).
  int schedule_index(int j, const DatedEntry<PossessionSchedule>* entry) {
    const auto key = std::make_pair(j, entry);
    if (auto it = schedule_of_.find(key); it != schedule_of_.end()) return it->second;
    ArrestableBands sch;
    for (int b = 0; b < pop.bands.count(); ++b)
      if (is_arrestable(entry->value->grade_for(pop.bands.inside(b)))) sch.bands.push_back(b);
    if (auto same = schedule_with_.find(sch.bands); same != schedule_with_.end()) return schedule_of_[key] = same->second;
    sch.first_slot = reserve(static_cast<int>(sch.bands.size()));
    pop.schedules.push_back(sch);
    const int index = static_cast<int>(pop.schedules.size()) - 1;
    schedule_with_[pop.schedules.back().bands] = index;
    return schedule_of_[key] = index;
  }

  // The amount limits that can split a jurisdiction's sale/manufacture records: the
  // scenario's, and those of its own provisions whose scope may reach them.
  std::set<double> sale_limits(const Jurisdiction& jur) const {
    std::set<double> out(options.extra_band_edges.begin(), options.extra_band_edges.end());
    auto add = [&](const Scope& s) {
      const bool reaches_sale = s.offenses.empty() || std::any_of(s.offenses.begin(), s.offenses.end(), [](Offense o) {
                                  return o != Offense::possession;
                                });
      if (reaches_sale && s.max_amount_grams) out.insert(*s.max_amount_grams);
    };
    for (const auto& p : jur.record_relief) add(p.scope);
    for (const auto& m : jur.mass_pardons) add(m.scope);
    return out;
  }

  // The ranges of one distribution entry (nullptr: none encoded, every amount a felony),
  // registered once per jurisdiction and entry. Bands are merged unless a tier edge or an
  // amount limit lies between them, so a state with neither keeps one range.
  int distribution_index(int j, const DatedEntry<PossessionSchedule>* entry) {
    const auto key = std::make_pair(j, entry);
    if (auto it = distribution_of_.find(key); it != distribution_of_.end()) return it->second;
    std::set<double> cuts = sale_limits(law.jurisdictions[static_cast<size_t>(j)]);
    if (entry)
      for (const auto& t : entry->value->tiers)
        if (t.up_to_grams) cuts.insert(*t.up_to_grams);
    DistributionCells cells;
    int first = 0;
    for (int b = 0; b < pop.bands.count(); ++b) {
      const bool last = b == pop.bands.count() - 1;
      if (!last && !cuts.count(pop.bands.upper_grams[static_cast<size_t>(b)])) continue;
      if (!entry || is_arrestable(entry->value->grade_for(pop.bands.inside(first)))) cells.ranges.emplace_back(first, b);
      first = b + 1;
    }
    cells.first_slot = reserve(2 * static_cast<int>(cells.ranges.size()));
    pop.distribution_cells.push_back(cells);
    return distribution_of_[key] = static_cast<int>(pop.distribution_cells.size()) - 1;
  }
  std::map<std::pair<int, const DatedEntry<PossessionSchedule>*>, int> distribution_of_;

  void estimate_state(int j, const NationalSplit& national, const std::vector<double>& median_shares) {
    const Jurisdiction& jur = law.jurisdictions[static_cast<size_t>(j)];
    // Share of possession incidents that end in an arrest under the law of year y, at the
    // median amount distribution (assumption arrestable-share-adjustment).
    auto arrestable = [&](int y) {
      const auto* e = jur.possession.entry_on(*Date::from_ymd(y, 7, 1));
      if (!e || !e->value) return 1.0;
      double share = 0;
      for (int b = 0; b < pop.bands.count(); ++b)
        if (is_arrestable(e->value->grade_for(pop.bands.inside(b)))) share += median_shares[static_cast<size_t>(b)];
      return std::max(share, 1e-3);
    };
    // assumption post-legalization-sale-arrests: where adult use is legal on July 1, a
    // year's sale/manufacture arrests are the pre-legalization share of the national total
    // times this ratio (at its median, as arrestable-share-adjustment takes the median).
    auto after_legalization = [&](int y) {
      const auto legal = jur.adult_use.legal.value_on(*Date::from_ymd(y, 7, 1));
      return legal && *legal ? post_legalization_sale_ratio_ : 1.0;
    };
    pop.arrest_series[j] = estimate_state_arrests(jur.postal, inputs.state_arrests, national, options.first_year,
                                                 options.last_year, arrestable, after_legalization);
  }

  // assumption national-rake: in each year, the estimated state figures are scaled
  // together so that all states add up to the national total, the observed ones kept as
  // they are. Scale factors outside [1/4, 4] mean the national series and the states
  // disagree too much to trust either; those years are left unscaled.
  void rake_to_national(const NationalSplit& national) {
    auto rake = [&](auto member, const std::map<int, double>& totals) {
      for (const auto& [y, target] : totals) {
        double observed = 0;
        std::vector<ArrestFigure*> estimated;
        for (auto& [j, series] : pop.arrest_series) {
          auto it = (series.*member).find(y);
          if (it == (series.*member).end()) continue;
          const ArrestBasis b = it->second.basis;
          if (b == ArrestBasis::observed || b == ArrestBasis::adjusted) observed += it->second.count;
          else estimated.push_back(&it->second);
        }
        if (estimated.empty()) continue;
        Eigen::VectorXd cells(static_cast<Eigen::Index>(estimated.size()));
        for (size_t i = 0; i < estimated.size(); ++i) cells[static_cast<Eigen::Index>(i)] = estimated[i]->count;
        const double factor = (target - observed) / cells.sum();
        if (!(factor >= 0.25 && factor <= 4)) continue;
        cells *= factor;
        for (size_t i = 0; i < estimated.size(); ++i) estimated[i]->count = cells[static_cast<Eigen::Index>(i)];
      }
    };
    // Only a library of every state can be raked to a national total.
    int states = 0;
    for (const auto& j : law.jurisdictions) states += j.level != Level::federal;
    if (states < 51) return;
    rake(&JurisdictionArrests::possession, national.possession);
    rake(&JurisdictionArrests::sale_manufacture, national.sale_manufacture);
  }

  void fit_race() {
    std::map<std::string, const JurisdictionArrests*> by_postal;
    std::map<std::string, int> index;
    for (const auto& [j, series] : pop.arrest_series) {
      by_postal[law.jurisdictions[static_cast<size_t>(j)].postal] = &series;
      index[law.jurisdictions[static_cast<size_t>(j)].postal] = j;
    }
    const RaceFit fit = fit_race_profile(by_postal, inputs.race);
    for (const auto& [postal, years] : fit.shares) pop.race[index.at(postal)] = years;
    for (size_t j = 0; j < law.jurisdictions.size(); ++j)
      if (law.jurisdictions[j].level == Level::federal && inputs.race.federal[0] > 0)
        for (int y = 1970; y <= 2030; ++y) pop.race[static_cast<int>(j)][y].share = inputs.race.federal;
  }

  void build_state_groups(int j, std::map<std::string, int>& error_params, GroupSink& sink) {
    const Jurisdiction& jur = law.jurisdictions[static_cast<size_t>(j)];
    const JurisdictionArrests& series = pop.arrest_series.at(j);
    auto arrest_factor_named = [&](ArrestBasis b) {
      if (b == ArrestBasis::observed || b == ArrestBasis::adjusted) return kOne;
      const std::string key = "arrest-estimate-" + std::string(to_string(b));
      const std::string name = key + "/" + jur.postal;
      auto it = error_params.find(name);
      if (it != error_params.end()) return it->second;
      if (!sink.counting()) return kOne;  // missing, and reported when counted
      const Assumption* a = inputs.find_assumption(key);
      if (!a) {
        report_missing(key);
        return kOne;
      }
      return error_params[name] = add_parameter(name, a->distribution);
    };
    // Asked once per band and year: each basis's answer is kept (-2: not asked yet).
    std::array<int, 5> factor_of_basis;
    factor_of_basis.fill(-2);
    auto arrest_factor = [&](ArrestBasis b) {
      int& kept = factor_of_basis.at(static_cast<size_t>(b));
      if (kept == -2) kept = arrest_factor_named(b);
      return kept;
    };
    std::set<int> unmodeled;
    for (int y = options.first_year; y <= options.last_year; ++y) {
      // assumption grade-at-mid-year: a year's arrests take the law in force on July 1.
      const auto* entry = jur.possession.entry_on(*Date::from_ymd(y, 7, 1));
      if (!entry || !entry->value) {
        unmodeled.insert(y);
        continue;
      }
      RecordGroup g;
      g.jurisdiction = j;
      g.year_first = g.year_last = y;
      set_survival(g, sink.counting());
      if (auto it = series.possession.find(y); it != series.possession.end()) {
        const int s = schedule_index(j, entry);
        const ArrestableBands& sch = pop.schedules[static_cast<size_t>(s)];
        for (size_t i = 0; i < sch.bands.size(); ++i) {
          RecordGroup h = g;
          h.offense = Offense::possession;
          h.band = h.band_last = sch.bands[i];
          h.grade = entry->value->grade_for(pop.bands.inside(h.band));
          h.tier_upper_grams = entry->value->tier_upper_for(pop.bands.inside(h.band));
          h.base = it->second.count;
          add_arrest_groups(h, arrest_factor(it->second.basis), sch.first_slot + static_cast<int>(i), sink);
        }
      }
      if (auto it = series.sale_manufacture.find(y); it != series.sale_manufacture.end()) {
        const auto* dist = jur.distribution.entry_on(*Date::from_ymd(y, 7, 1));
        if (dist && !dist->value) dist = nullptr;
        const DistributionCells& cells = pop.distribution_cells[static_cast<size_t>(distribution_index(j, dist))];
        for (size_t r = 0; r < cells.ranges.size(); ++r) {
          const auto [first, last] = cells.ranges[r];
          for (Offense conduct : {Offense::possession_with_intent, Offense::sale_manufacture}) {
            RecordGroup h = g;
            h.offense = conduct;
            h.band = first;
            h.band_last = last;
            // assumption sale-manufacture-grade
            h.grade = dist ? dist->value->grade_for(pop.bands.inside(first)) : kUnscheduledSaleGrade;
            if (dist) h.tier_upper_grams = dist->value->tier_upper_for(pop.bands.inside(first));
            h.base = it->second.count;
            const int slot = cells.first_slot + 2 * static_cast<int>(r) + (conduct == Offense::sale_manufacture);
            add_arrest_groups(h, arrest_factor(it->second.basis), slot, sink);
          }
        }
      }
    }
    if (!unmodeled.empty() && sink.counting())
      pop.notes.emplace_back(j, jur.postal + ": no possession law encoded for " +
                                    (*unmodeled.begin() == *unmodeled.rbegin()
                                         ? std::to_string(*unmodeled.begin())
                                         : std::to_string(*unmodeled.begin()) + "–" + std::to_string(*unmodeled.rbegin())) +
                                    " (July 1 of each year); those years hold no records in the model");
  }

  void build_federal(int j, GroupSink& sink) {
    for (const FederalCount& c : inputs.federal_counts) {
      std::vector<std::pair<Citizenship, int>> parts;
      if (c.citizenship == "legal_resident_noncitizen") {
        parts = {{Citizenship::lawful_permanent_resident, pop.lpr_share},
                 {Citizenship::other_noncitizen, pop.other_noncitizen_share}};
      } else if (auto cz = parse_enum<Citizenship>(c.citizenship)) {
        parts = {{*cz, kOne}};
      }
      for (auto [cz, factor] : parts) {
        RecordGroup g;
        g.jurisdiction = j;
        g.year_first = c.fiscal_year_first;
        g.year_last = c.fiscal_year_last;
        g.fiscal_years = true;
        g.offense = Offense::possession;  // 21 U.S.C. § 844: simple possession
        g.grade = Grade::misdemeanor;
        g.disposition = Disposition::conviction;  // counted because sentenced
        g.citizenship = cz;
        g.marijuana_only = c.marijuana_only;
        g.person_based = true;
        g.base = c.people;
        g.factor[0] = factor;
        set_survival(g, sink.counting());
        sink.push(g);
      }
    }
  }

  // The status questions of the scenario and of every provision in the law files: one
  // derived slot each per grade kind and year (docs/methodology.md, "People under sentence").
  void register_status_queries() {
    std::vector<StatusQuery> queries = options.status_queries;
    auto add = [&](const Scope& s) {
      if (s.status_on) queries.push_back(*s.status_on);
    };
    for (const auto& j : law.jurisdictions) {
      for (const auto& p : j.record_relief) add(p.scope);
      for (const auto& m : j.mass_pardons) add(m.scope);
    }
    for (const auto& q : queries)
      if (std::find(pop.status_queries.begin(), pop.status_queries.end(), q) == pop.status_queries.end())
        pop.status_queries.push_back(q);
    pop.zero_slot = reserve(1);
    if (pop.status_queries.empty()) return;
    auto& felony = pop.sentence[1];
    felony.prison_share = assumption("sentence-felony-prison-share");
    felony.jail_share = assumption("sentence-felony-jail-share");
    felony.probation_of_rest = assumption("sentence-felony-probation-of-rest");
    felony.probation_months = assumption("sentence-felony-probation-months");
    auto& misdemeanor = pop.sentence[0];
    misdemeanor.prison_share = pop.zero_slot;  // misdemeanors are served in jail
    misdemeanor.jail_share = assumption("sentence-misdemeanor-jail-share");
    misdemeanor.probation_of_rest = assumption("sentence-misdemeanor-probation-of-rest");
    misdemeanor.probation_months = assumption("sentence-misdemeanor-probation-months");
    felony.prison_months = misdemeanor.prison_months = assumption("sentence-prison-months");
    felony.jail_months = misdemeanor.jail_months = assumption("sentence-jail-months");
    felony.parole_months = misdemeanor.parole_months = assumption("sentence-parole-months");
    pop.status_first_year = options.first_year;
    pop.status_years = options.last_year - options.first_year + 1;
    pop.status_slots.resize(pop.status_queries.size() * 2 * static_cast<size_t>(pop.status_years));
    for (int& slot : pop.status_slots) slot = reserve(1);
  }

  void run() {
    build_bands();
    pop.share_up_to_1oz = assumption("possession-share-up-to-1oz");
    pop.amount_spread = assumption("possession-amount-spread");
    pop.intent_share = assumption("possession-with-intent-share");
    pop.distribution_up_to_1oz = assumption("distribution-share-up-to-1oz");
    pop.conviction_misdemeanor = assumption("conviction-share-misdemeanor");
    pop.conviction_felony = assumption("conviction-share-felony");
    pop.marijuana_only_share = assumption("marijuana-only-share");
    pop.other_conviction_share = assumption("other-conviction-share");
    pop.non_conviction_filed_share = assumption("non-conviction-filed-share");
    pop.charges_per_case = assumption("charges-per-case");
    pop.records_per_person = assumption("records-per-person");
    pop.lpr_share = assumption("federal-lpr-share");
    pop.repository_reach = {assumption("repository-reach-violation"), assumption("repository-reach-misdemeanor"),
                            assumption("repository-reach-felony")};
    pop.repository_disposition_share = assumption("repository-disposition-share");
    pop.age_at_arrest = inputs.demography.age_bands;
    if (options.alive_on) {
      const Demography& d = inputs.demography;
      if (d.life_table.empty() || d.age_bands.empty()) {
        Diagnostic missing;
        missing.where.file = "data/demography/";
        missing.message = "counting people alive needs life tables and the age of arrestees, and they are missing";
        problems.push_back(std::move(missing));
      } else {
        survival_.emplace(d);
        pop.mortality_multiplier = assumption("arrestee-mortality-multiplier");
      }
    }
    // Derived slots are laid out after all base parameters, which are only known once the
    // arrest-error parameters exist; so build groups against placeholders and shift after.
    std::map<std::string, int> error_params;
    NationalSplit national = split_national(inputs.national_arrests, inputs.national_drug_arrests);
    pop.band_share_first = reserve(pop.bands.count());
    pop.non_conviction_misdemeanor = reserve(1);
    pop.non_conviction_felony = reserve(1);
    pop.other_charges_share = reserve(1);
    pop.no_other_conviction_share = reserve(1);
    pop.people_per_record = reserve(1);
    pop.other_noncitizen_share = reserve(1);
    for (int& slot : pop.repository_reach_disposed) slot = reserve(1);
    // Median band shares need the layout of the base amount parameters only.
    if (const Assumption* a = inputs.find_assumption("post-legalization-sale-arrests"))
      post_legalization_sale_ratio_ = a->distribution.at(0.5);
    else
      report_missing("post-legalization-sale-arrests");
    std::vector<double> median_shares;
    {
      RecordPopulation probe = pop;
      probe.theta_size = 0;
      const int base_end = static_cast<int>(probe.parameters.size()) + 1;
      auto remap = [&](int& i) { if (i >= kDerived) i = base_end + (i - kDerived); };
      for (int* slot : {&probe.band_share_first, &probe.non_conviction_misdemeanor, &probe.non_conviction_felony,
                        &probe.other_charges_share, &probe.no_other_conviction_share, &probe.people_per_record,
                        &probe.other_noncitizen_share})
        remap(*slot);
      for (int& slot : probe.repository_reach_disposed) remap(slot);
      probe.theta_size = base_end + (placeholder_ - kDerived);
      median_shares = probe.median_band_shares();
    }
    for (size_t j = 0; j < law.jurisdictions.size(); ++j)
      if (law.jurisdictions[j].level != Level::federal) estimate_state(static_cast<int>(j), national, median_shares);
    rake_to_national(national);
    fit_race();
    // The groups of every jurisdiction built: counted first, in order, then written in place
    // on several threads (GroupSink); the vector is sized once instead of growing.
    const size_t nj = law.jurisdictions.size();
    auto wanted = [&](size_t j) {
      return (options.only_jurisdictions.empty() ||
              std::find(options.only_jurisdictions.begin(), options.only_jurisdictions.end(), static_cast<int>(j)) !=
                  options.only_jurisdictions.end()) &&
             !(options.keep_every > 1 && j % static_cast<size_t>(options.keep_every) != 0);
    };
    auto build = [&](size_t j, GroupSink& sink) {
      if (law.jurisdictions[j].level == Level::federal) build_federal(static_cast<int>(j), sink);
      else build_state_groups(static_cast<int>(j), error_params, sink);
    };
    const int split = std::max(1, options.split_groups);
    std::vector<size_t> first(nj + 1, 0);
    for (size_t j = 0; j < nj; ++j) {
      GroupSink count{nullptr, 0, split};
      if (wanted(j)) build(j, count);
      first[j + 1] = first[j] + count.count;
    }
    // Counting registered every parameter the groups use; the status questions' come last.
    register_status_queries();
    // Placeholders are remapped to real slots after the base parameters.
    const int base_end = static_cast<int>(pop.parameters.size()) + 1;
    auto remap = [&](int& i) { if (i >= kDerived) i = base_end + (i - kDerived); };
    // The groups' memory is first touched by the threads that write them (GroupVector).
    pop.groups.resize(first[nj]);
    std::vector<size_t> cost(nj);
    for (size_t j = 0; j < nj; ++j) cost[j] = first[j + 1] - first[j];
    run_jobs(cost, options.threads, [&](size_t j) {
      if (cost[j] == 0) return;
      GroupSink write{pop.groups.data() + first[j], 0, split};
      build(j, write);
      // Every group counted is written, or some would be left unconstructed.
      if (write.count != cost[j])
        throw std::logic_error("build_population: jurisdiction " + std::to_string(j) + " wrote " +
                               std::to_string(write.count) + " groups of the " + std::to_string(cost[j]) + " counted");
      for (size_t g = first[j]; g < first[j + 1]; ++g) {
        for (int& f : pop.groups[g].factor) remap(f);
        remap(pop.groups[g].people_per_record);
      }
    });
    for (size_t j = 0; j < nj; ++j) pop.group_ranges[static_cast<int>(j)] = {first[j], first[j + 1]};
    remap(pop.band_share_first);
    remap(pop.non_conviction_misdemeanor);
    remap(pop.non_conviction_felony);
    remap(pop.other_charges_share);
    remap(pop.no_other_conviction_share);
    remap(pop.people_per_record);
    remap(pop.other_noncitizen_share);
    for (int& slot : pop.repository_reach_disposed) remap(slot);
    remap(pop.zero_slot);
    for (int& slot : pop.status_slots) remap(slot);
    for (auto& s : pop.sentence) remap(s.prison_share);  // misdemeanors' prison share is the zero slot
    for (auto& sch : pop.schedules) remap(sch.first_slot);
    for (auto& cells : pop.distribution_cells) remap(cells.first_slot);
    pop.theta_size = base_end + (placeholder_ - kDerived);
  }
};

}  // namespace

void* allocate_large(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
  void* p = std::aligned_alloc(kHuge, rounded);
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  (void)madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without huge pages, ordinary ones
#endif
  return p;
}

void free_large(void* p) noexcept { std::free(p); }

RecordPopulation build_population(const LawLibrary& law, const PopulationInputs& inputs,
                                  const PopulationOptions& options, Diagnostics& problems) {
  Builder b(law, inputs, options, problems);
  b.run();
  return std::move(b.pop);
}

}  // namespace reliefsim
