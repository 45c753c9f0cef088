#include "sim/projection/population_summary.hpp"

#include <algorithm>
#include <map>
#include <thread>

#include "sim/base/random.hpp"

namespace reliefsim {

std::vector<SummaryRow> summarize_population(const RecordPopulation& pop, int jurisdiction, Date as_of,
                                             const ProjectionSettings& settings) {
  // The rows, in print order; each group adds to several.
  std::vector<std::pair<std::string, Unit>> keys = {{"held", Unit::arrests}, {"held", Unit::records},
                                                    {"held", Unit::convictions}, {"held", Unit::people},
                                                    {"held", Unit::cases},   {"held", Unit::charges}};
  const size_t grade_first = keys.size();
  for (Grade g : {Grade::violation, Grade::misdemeanor, Grade::felony})
    keys.emplace_back("held_grade_" + std::string(to_string(g)), Unit::convictions);
  std::map<int, int> decade_row;
  // jurisdiction -1: the nation, every group of every jurisdiction.
  const bool any_race = jurisdiction < 0 ? !pop.race.empty() : pop.race.count(jurisdiction) > 0;
  const size_t race_first = keys.size();
  if (any_race)
    for (Race r : kRaces) keys.emplace_back("held_race_" + std::string(to_string(r)), Unit::people);
  // People still under sentence on as_of, by status, where the population was asked
  // (docs/methodology.md, "People under sentence").
  const size_t status_first = keys.size();
  std::vector<std::pair<StatusQuery, size_t>> statuses;
  for (SentenceStatus st : {SentenceStatus::incarcerated, SentenceStatus::probation, SentenceStatus::parole}) {
    const StatusQuery q{as_of, status_bit(st)};
    if (std::find(pop.status_queries.begin(), pop.status_queries.end(), q) == pop.status_queries.end()) continue;
    statuses.emplace_back(q, keys.size());
    keys.emplace_back("under_sentence_" + std::string(to_string(st)), Unit::people);
  }
  (void)status_first;
  struct Part {
    size_t group;
    double fraction;  // share of the group's year before as_of
    std::vector<std::pair<size_t, int>> rows;  // (row, what: 0 records, 1 convictions, 2 people, 3 arrests)
    std::array<double, 3> race = {0, 0, 0};     // shares of the group's people, when known
    std::vector<std::pair<size_t, int>> status;  // (row, theta slot of the status share)
  };
  std::vector<Part> parts;
  for (size_t i = 0; i < pop.groups.size(); ++i) {
    const RecordGroup& g = pop.groups[i];
    if (jurisdiction >= 0 && g.jurisdiction != jurisdiction) continue;
    // Offenses after as_of do not exist yet; the year of as_of counts in part.
    const Date start = g.fiscal_years ? *Date::from_ymd(g.year_first - 1, 10, 1) : Date::first_of_year(g.year_first);
    const Date end = g.fiscal_years ? *Date::from_ymd(g.year_last, 10, 1) : Date::first_of_year(g.year_last + 1);
    if (as_of < start) continue;
    const double fraction =
        as_of >= end ? 1.0 : double(as_of.days() - start.days() + 1) / double(end.days() - start.days());
    Part p{i, fraction, {{0, 3}}, {0, 0, 0}, {}};
    if (g.criminal_record) {
      p.rows.push_back({1, 0});
      p.rows.push_back({3, 2});
      p.rows.push_back({4, 7});
      p.rows.push_back({5, 8});
      if (g.disposition == Disposition::conviction) {
        p.rows.push_back({2, 1});
        for (const auto& [q, row] : statuses) p.status.emplace_back(row, pop.status_slot(q, g));
        for (size_t k = grade_first; k < grade_first + 3; ++k)
          if (keys[k].first == "held_grade_" + std::string(to_string(g.grade))) p.rows.push_back({k, 1});
      }
      const int decade = g.year_first / 10 * 10;
      auto [it, fresh] = decade_row.emplace(decade, static_cast<int>(keys.size()));
      if (fresh) keys.emplace_back("held_decade_" + std::to_string(decade) + "s", Unit::records);
      p.rows.push_back({static_cast<size_t>(it->second), 0});
      if (const auto race_of = pop.race.find(g.jurisdiction); race_of != pop.race.end())
        if (auto y = race_of->second.find(g.year_first); y != race_of->second.end()) {
          p.race = y->second.share;
          for (size_t k = 0; k < 3; ++k) p.rows.push_back({race_first + k, 4 + static_cast<int>(k)});
        }
    }
    parts.push_back(std::move(p));
  }
  const size_t reps = static_cast<size_t>(settings.replicates);
  std::vector<double> values(keys.size() * reps, 0.0);
  unsigned threads = settings.threads > 0 ? static_cast<unsigned>(settings.threads)
                                          : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(reps, 1)));
  auto in_parallel = [&](size_t items, const auto& work) {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (size_t i = t; i < items; i += threads) work(i);
      });
    for (auto& th : pool) th.join();
  };
  // Every replicate's parameters first, slot by slot (theta[slot * reps + r]), then each
  // group over a block of replicates at a time: the same sums in the same order as one
  // replicate at a time, with the memory read in runs.
  const size_t slots = static_cast<size_t>(pop.theta_size);
  std::vector<double> theta_rows(slots * reps);
  in_parallel(reps, [&](size_t r) {
    std::vector<double> u(pop.parameters.size()), theta;
    for (size_t i = 0; i < pop.parameters.size(); ++i) u[i] = keyed_uniform(settings.seed, pop.parameters[i].name, r);
    pop.compute_theta(u, theta);
    for (size_t s = 0; s < slots; ++s) theta_rows[s * reps + r] = theta[s];
  });
  auto row_of = [&](int slot) { return theta_rows.data() + static_cast<size_t>(slot) * reps; };
  constexpr size_t kBlock = 64;
  const size_t blocks = (reps + kBlock - 1) / kBlock;
  in_parallel(blocks, [&](size_t b) {
    const size_t r0 = b * kBlock, r1 = std::min(reps, r0 + kBlock);
    for (const Part& p : parts) {
      const RecordGroup& g = pop.groups[p.group];
      const double* f[5] = {row_of(g.factor[0]), row_of(g.factor[1]), row_of(g.factor[2]), row_of(g.factor[3]),
                            row_of(g.factor[4])};
      const double* m = row_of(pop.mortality_multiplier);
      const double* per_record = row_of(g.people_per_record);
      const double* filed_share = row_of(pop.non_conviction_filed_share);
      const double* per_case = row_of(pop.charges_per_case);
      // Cases and charges as in `project`: a conviction is a filed case, other records in part.
      const bool filed = g.disposition == Disposition::conviction || g.person_based;
      for (size_t r = r0; r < r1; ++r) {
        // As RecordPopulation::size and ::people, operation for operation.
        const double size = p.fraction * (g.base * f[0][r] * f[1][r] * f[2][r] * f[3][r] * f[4][r]);
        const double alive = (2 - m[r]) * g.alive + (m[r] - 1) * g.alive_sq;
        const double people = size * alive * (g.person_based ? 1.0 : per_record[r]);
        const double cases = filed ? size : size * filed_share[r];
        const double charges = g.person_based ? cases : cases * per_case[r];
        const double what[9] = {size, size, people, size, people * p.race[0], people * p.race[1], people * p.race[2],
                                cases, charges};
        for (auto [row, w] : p.rows) values[row * reps + r] += what[w];
        for (auto [row, slot] : p.status) values[row * reps + r] += people * row_of(slot)[r];
      }
    }
  });
  std::vector<SummaryRow> out;
  for (size_t k = 0; k < keys.size(); ++k) {
    SummaryRow row{keys[k].first, keys[k].second, {}, {}};
    row.replicates.assign(values.begin() + static_cast<std::ptrdiff_t>(k * reps),
                          values.begin() + static_cast<std::ptrdiff_t>((k + 1) * reps));
    row.interval = summarize(row.replicates);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace reliefsim
