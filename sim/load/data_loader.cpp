#include "sim/load/data_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "sim/load/csv.hpp"
#include "sim/load/reader.hpp"

namespace reliefsim {
namespace {

struct Columns {
  const CsvTable& table;
  const std::string& file;
  Diagnostics& problems;
  bool ok = true;
  int need(const char* name) {
    const int c = table.column(name);
    if (c < 0) {
      problems.push_back({{file, 1, 1}, std::string("missing column '") + name + "' in the header", ""});
      ok = false;
    }
    return c;
  }
};

// An empty cell is "not available" (data/SOURCES.md), never zero.
std::optional<double> cell_number(const CsvCell& c, const std::string& file, Diagnostics& problems,
                                  bool allow_empty = true) {
  if (c.text.empty()) {
    if (!allow_empty) problems.push_back({{file, c.line, c.column}, "expected a number, got an empty cell", ""});
    return std::nullopt;
  }
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(c.text.c_str(), &end);
  if (!end || *end != '\0' || errno != 0 || !std::isfinite(v)) {
    problems.push_back({{file, c.line, c.column}, "expected a number, got '" + c.text + "'", ""});
    return std::nullopt;
  }
  if (v < 0) {
    problems.push_back({{file, c.line, c.column}, "expected a count of zero or more, got " + c.text, ""});
    return std::nullopt;
  }
  return v;
}

}  // namespace

void load_state_arrests(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  auto table = parse_csv(text, file, problems);
  if (!table) return;
  Columns cols{*table, file, problems};
  const int year = cols.need("year"), postal = cols.need("state_abbr"),
            poss = cols.need("mj_possession_arrests"), sale = cols.need("mj_sale_manufacture_arrests"),
            usable = cols.need("usable_for_mj");
  // Only the UCR/ICPSR table says how many drug arrests were typed; other tables are
  // taken as fully typed.
  const int typed = table->column("share_of_drug_arrests_with_type_breakdown");
  const int coverage = table->column("population_field_sum_over_census_pop");
  const int regime = table->column("adjustment_regime");
  if (!cols.ok) return;
  for (const auto& row : table->rows) {
    StateArrestRow r;
    auto y = cell_number(row[static_cast<size_t>(year)], file, problems, false);
    if (!y) continue;
    r.year = static_cast<int>(*y);
    r.postal = row[static_cast<size_t>(postal)].text;
    r.possession = cell_number(row[static_cast<size_t>(poss)], file, problems);
    r.sale_manufacture = cell_number(row[static_cast<size_t>(sale)], file, problems);
    if (typed >= 0) r.typed_share = cell_number(row[static_cast<size_t>(typed)], file, problems);
    if (coverage >= 0 && regime >= 0 && row[static_cast<size_t>(regime)].text.rfind("ICPSR_pre1994", 0) == 0)
      r.pre1994_coverage = cell_number(row[static_cast<size_t>(coverage)], file, problems);
    r.usable = row[static_cast<size_t>(usable)].text;
    if (r.usable != "Y" && r.usable != "PARTIAL" && r.usable != "N") {
      const auto& c = row[static_cast<size_t>(usable)];
      problems.push_back({{file, c.line, c.column}, "expected usable_for_mj Y, PARTIAL or N, got '" + c.text + "'", ""});
    }
    out.state_arrests.push_back(std::move(r));
  }
}

void load_national_arrests(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  auto table = parse_csv(text, file, problems);
  if (!table) return;
  Columns cols{*table, file, problems};
  const int year = cols.need("year"), total = cols.need("mj_arrests_total"),
            poss = cols.need("mj_possession_arrests"), source = cols.need("source");
  if (!cols.ok) return;
  for (const auto& row : table->rows) {
    auto y = cell_number(row[static_cast<size_t>(year)], file, problems, false);
    auto t = cell_number(row[static_cast<size_t>(total)], file, problems);
    if (!y || !t) continue;  // rows without a total add nothing
    NationalArrestRow r;
    r.year = static_cast<int>(*y);
    r.total = *t;
    r.possession = cell_number(row[static_cast<size_t>(poss)], file, problems);
    r.source = row[static_cast<size_t>(source)].text;
    out.national_arrests.push_back(std::move(r));
  }
}

void load_national_drug_arrests(std::string_view text, const std::string& file, PopulationInputs& out,
                                Diagnostics& problems) {
  auto table = parse_csv(text, file, problems);
  if (!table) return;
  Columns cols{*table, file, problems};
  const int year = cols.need("year"), total = cols.need("all_drug_arrests");
  cols.need("source");
  if (!cols.ok) return;
  for (const auto& row : table->rows) {
    auto y = cell_number(row[static_cast<size_t>(year)], file, problems, false);
    auto t = cell_number(row[static_cast<size_t>(total)], file, problems, false);
    if (y && t) out.national_drug_arrests.push_back({static_cast<int>(*y), *t});
  }
}

void load_federal_counts(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return;
  Reader r(file, problems);
  MapView top(r, root, "a federal counts file");
  if (!top.ok()) return;
  top.get("description");
  if (const auto* n = top.need("counts")) {
    if (!n->is_sequence()) r.error(*n, "expected counts as a list, got " + n->describe());
    else
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "a count");
        FederalCount c;
        if (const auto* x = m.need("id")) c.id = r.text(*x, "id").value_or("");
        if (const auto* x = m.need("description")) c.description = r.text(*x, "description").value_or("");
        if (const auto* x = m.need("people")) c.people = r.number(*x, "people").value_or(0);
        if (const auto* x = m.need("citizenship")) {
          c.citizenship = r.text(*x, "citizenship").value_or("");
          const std::vector<std::string> ok = {"citizen", "lawful_permanent_resident", "other_noncitizen", "legal_resident_noncitizen"};
          if (!c.citizenship.empty() && std::find(ok.begin(), ok.end(), c.citizenship) == ok.end())
            r.error(*x, "expected citizenship citizen, lawful_permanent_resident, other_noncitizen or legal_resident_noncitizen, got '" + c.citizenship + "'",
                    did_you_mean(c.citizenship, ok));
        }
        if (const auto* x = m.need("marijuana_only")) c.marijuana_only = r.boolean(*x, "marijuana_only").value_or(true);
        if (const auto* x = m.need("sentenced_fiscal_years")) {
          if (x->is_sequence() && x->children.size() == 2) {
            c.fiscal_year_first = r.integer(x->children[0], "the first fiscal year", 1900, 2100).value_or(0);
            c.fiscal_year_last = r.integer(x->children[1], "the last fiscal year", 1900, 2100).value_or(0);
            if (c.fiscal_year_first > c.fiscal_year_last) r.error(*x, "the fiscal-year range runs backwards");
          } else {
            r.error(*x, "expected sentenced_fiscal_years as [first, last] such as [1992, 2021]");
          }
        }
        if (const auto* x = m.need("reference")) c.reference = r.references(*x, "reference");
        m.get("note");
        m.done();
        out.federal_counts.push_back(std::move(c));
      }
  }
  top.done();
}

void load_life_tables(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  auto table = parse_csv(text, file, problems);
  if (!table) return;
  Columns cols{*table, file, problems};
  const int year = cols.need("calendar_year"), sex = cols.need("sex"), age = cols.need("age"), lx = cols.need("lx");
  if (!cols.ok) return;
  for (const auto& row : table->rows) {
    auto y = cell_number(row[static_cast<size_t>(year)], file, problems, false);
    auto a = cell_number(row[static_cast<size_t>(age)], file, problems, false);
    auto l = cell_number(row[static_cast<size_t>(lx)], file, problems, false);
    const CsvCell& s = row[static_cast<size_t>(sex)];
    if (s.text != "male" && s.text != "female") {
      problems.push_back({{file, s.line, s.column}, "expected sex male or female, got '" + s.text + "'", ""});
      continue;
    }
    if (l && *l > 100000) {
      const CsvCell& c = row[static_cast<size_t>(lx)];
      problems.push_back({{file, c.line, c.column}, "expected lx (survivors of 100,000) of at most 100000, got " + c.text, ""});
      continue;
    }
    if (y && a && l) out.demography.life_table.push_back({static_cast<int>(*y), s.text == "male", static_cast<int>(*a), *l});
  }
}

void load_age_sex(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return;
  Reader r(file, problems);
  MapView top(r, root, "an age and sex profile");
  if (!top.ok()) return;
  top.get("description");
  top.get("note");
  if (const auto* n = top.need("age_bands")) {
    if (!n->is_sequence() || n->children.empty()) {
      r.error(*n, "expected age_bands as a list of {id, from_age, representative_age, share}, got " + n->describe());
    } else {
      double total = 0;
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "an age band");
        AgeBandShare b;
        if (const auto* x = m.need("id")) b.id = r.text(*x, "id").value_or("");
        if (const auto* x = m.need("from_age")) {
          b.from_age = r.integer(*x, "from_age", 0, 120).value_or(0);
          const int previous = out.demography.age_bands.empty() ? -1 : out.demography.age_bands.back().from_age;
          if (out.demography.age_bands.empty() ? b.from_age != 0 : b.from_age <= previous)
            r.error(*x, out.demography.age_bands.empty()
                            ? "expected the first age band to start at from_age 0, got " + x->value
                            : "expected from_age above the previous band's " + std::to_string(previous) + ", got " + x->value);
        }
        if (const auto* x = m.need("representative_age")) b.representative_age = r.number(*x, "representative_age").value_or(0);
        if (const auto* x = m.need("share")) b.share = r.number(*x, "share").value_or(0);
        m.done();
        total += b.share;
        out.demography.age_bands.push_back(b);
      }
      if (std::abs(total - 1) > 1e-6)
        r.error(*n, "expected the age-band shares to add up to 1, got " + std::to_string(total));
    }
  }
  if (const auto* n = top.need("male_share")) {
    out.demography.male_share = r.number(*n, "male_share").value_or(0);
    if (out.demography.male_share > 1) r.error(*n, "expected male_share between 0 and 1, got " + n->value);
  }
  if (const auto* n = top.need("reference")) r.references(*n, "reference");
  top.done();
}

void load_race(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return;
  Reader r(file, problems);
  MapView top(r, root, "a race file");
  if (!top.ok()) return;
  top.get("description");
  auto points = [&](const char* key, std::vector<RaceInputs::Point>& into, bool share) {
    const YamlNode* n = top.need(key);
    if (!n) return;
    if (!n->is_sequence() || n->children.empty()) {
      r.error(*n, std::string("expected ") + key + " as a list of {year, value, reference}, got " + n->describe());
      return;
    }
    for (const YamlNode& item : n->children) {
      MapView m(r, item, std::string("a point of ") + key);
      RaceInputs::Point p;
      p.geography = "US";
      if (const auto* x = m.need("year")) p.year = r.integer(*x, "year", 1900, 2100).value_or(0);
      if (const auto* x = m.get("geography")) p.geography = r.text(*x, "geography").value_or("US");
      if (const auto* x = m.need("value")) {
        p.value = r.number(*x, "value").value_or(0);
        if (share && p.value > 1) r.error(*x, "expected a share between 0 and 1, got " + x->value);
      }
      if (const auto* x = m.need("reference")) r.references(*x, "reference");
      m.done();
      into.push_back(p);
    }
  };
  points("national_black_share", out.race.national_black_share, true);
  points("black_white_ratio", out.race.black_white_ratio, false);
  if (const auto* n = top.need("federal")) {
    MapView m(r, *n, "federal");
    const char* keys[] = {"black", "white", "other"};
    double total = 0;
    for (int i = 0; i < 3; ++i)
      if (const auto* x = m.need(keys[i])) total += out.race.federal[static_cast<size_t>(i)] = r.number(*x, keys[i]).value_or(0);
    if (const auto* x = m.need("reference")) r.references(*x, "reference");
    m.done();
    if (std::abs(total - 1) > 0.002) r.error(*n, "expected the federal shares to add up to 1, got " + std::to_string(total));
  }
  top.done();
}

void load_state_race_population(std::string_view text, const std::string& file, PopulationInputs& out,
                                Diagnostics& problems) {
  auto table = parse_csv(text, file, problems);
  if (!table) return;
  Columns cols{*table, file, problems};
  const int postal = cols.need("state_abbr"), total = cols.need("total_population"), black = cols.need("black_alone"),
            white = cols.need("white_alone");
  if (!cols.ok) return;
  for (const auto& row : table->rows) {
    auto t = cell_number(row[static_cast<size_t>(total)], file, problems, false);
    auto b = cell_number(row[static_cast<size_t>(black)], file, problems, false);
    auto w = cell_number(row[static_cast<size_t>(white)], file, problems, false);
    if (!t || !b || !w) continue;
    if (*b + *w > *t) {
      const auto& c = row[static_cast<size_t>(black)];
      problems.push_back({{file, c.line, c.column}, "Black and white residents add up to more than the total", ""});
      continue;
    }
    out.race.population.push_back({row[static_cast<size_t>(postal)].text, *t, *b, *w});
  }
}

void load_state_adults(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  auto table = parse_csv(text, file, problems);
  if (!table) return;
  Columns cols{*table, file, problems};
  const int postal = cols.need("state_abbr"), total = cols.need("total_population"), adults = cols.need("adults_18_plus");
  if (!cols.ok) return;
  for (const auto& row : table->rows) {
    auto t = cell_number(row[static_cast<size_t>(total)], file, problems, false);
    auto a = cell_number(row[static_cast<size_t>(adults)], file, problems, false);
    if (!t || !a) continue;
    if (*a > *t) {
      const auto& c = row[static_cast<size_t>(adults)];
      problems.push_back({{file, c.line, c.column}, "more adults than residents", "check the columns"});
      continue;
    }
    out.adults[row[static_cast<size_t>(postal)].text] = *a;
    out.adults["US"] += *a;
  }
}

void load_assumptions(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return;
  Reader r(file, problems);
  MapView top(r, root, "an assumptions file");
  if (!top.ok()) return;
  if (const auto* n = top.need("assumptions")) {
    out.assumptions_where = r.where(*n);
    if (!n->is_sequence()) r.error(*n, "expected assumptions as a list, got " + n->describe());
    else
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "an assumption");
        Assumption a;
        if (const auto* x = m.need("id")) {
          a.id = r.text(*x, "id").value_or("");
          if (out.find_assumption(a.id)) r.error(*x, "duplicate assumption id '" + a.id + "'");
        }
        if (const auto* x = m.need("description")) a.description = r.text(*x, "description").value_or("");
        if (const auto* x = m.need("distribution")) {
          a.where = r.where(*x);
          if (auto d = r.distribution(*x, "distribution")) a.distribution = *d;
        }
        if (const auto* x = m.need("reference")) a.reference = r.references(*x, "reference");
        m.get("note");
        m.done();
        out.assumptions.push_back(std::move(a));
      }
  }
  top.done();
}

void load_calibration(std::string_view text, const std::string& file, PopulationInputs& out, Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return;
  Reader r(file, problems);
  MapView top(r, root, "a calibration file");
  if (!top.ok()) return;
  if (const auto* n = top.need("calibration")) {
    if (!n->is_sequence() && !n->is_null()) {
      r.error(*n, "expected calibration as a list of fitted parameters (or [] for none), got " + n->describe());
    } else {
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "a fitted parameter");
        if (!m.ok()) continue;
        CalibratedParameter c;
        const YamlNode* id = m.need("id");
        if (id) c.id = r.text(*id, "id").value_or("");
        if (const auto* x = m.need("distribution"))
          if (auto d = r.distribution(*x, "distribution")) c.fitted = *d;
        if (const auto* x = m.need("fitted_on")) {
          if (!x->is_sequence()) r.error(*x, "expected fitted_on as a list of backtest case ids, got " + x->describe());
          else
            for (const YamlNode& v : x->children)
              if (auto t = r.text(v, "a case id")) c.fitted_on.push_back(*t);
        }
        if (const auto* x = m.need("leave_one_out")) {
          if (!x->is_sequence()) r.error(*x, "expected leave_one_out as a list of {case, median}, got " + x->describe());
          else
            for (const YamlNode& v : x->children) {
              MapView lm(r, v, "a leave-one-out fit");
              std::string case_id;
              double median = 0;
              if (const auto* y = lm.need("case")) case_id = r.text(*y, "case").value_or("");
              if (const auto* y = lm.need("median")) median = r.number(*y, "median").value_or(0);
              lm.done();
              c.leave_one_out.emplace_back(case_id, median);
            }
        }
        m.get("note");
        m.done();
        if (id) {
          Assumption* a = out.find_assumption(c.id);
          if (!a) {
            r.error(*id, "calibration of '" + c.id + "', which data/assumptions.yaml does not define",
                    "calibrate only named assumptions");
            continue;
          }
          c.prior = a->distribution;
          a->distribution = c.fitted;
        }
        out.calibration.push_back(std::move(c));
      }
    }
  }
  top.done();
}

}  // namespace reliefsim
