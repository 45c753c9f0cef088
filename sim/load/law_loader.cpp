#include "sim/load/law_loader.hpp"

#include <algorithm>

#include "sim/load/reader.hpp"

namespace reliefsim {
namespace {

// `date_precision: day | month | year`. A date known only to the month or year is written
// as the first day of its period, so that a placeholder cannot pass for an exact date.
DatePrecision read_precision(Reader& r, const YamlNode& n, const YamlNode& date_node, Date d) {
  const auto p = r.word<DatePrecision>(n, "date_precision").value_or(DatePrecision::day);
  if (p == DatePrecision::year && (d.month() != 1 || d.day() != 1))
    r.error(date_node, "a date known only to the year is written as its January 1, got " + d.to_string(),
            "write " + std::to_string(d.year()) + "-01-01, or give date_precision: day");
  if (p == DatePrecision::month && d.day() != 1)
    r.error(date_node, "a date known only to the month is written as its first day, got " + d.to_string(),
            "write " + d.to_string().substr(0, 8) + "01, or give date_precision: day");
  return p;
}

// Reads a dated parameter: {description, unit?, values: {date: {value, reference, ...}}}.
// `read_value` parses one value node; a null value ends the provision.
template <class T, class F>
DatedValue<T> read_dated(Reader& r, const YamlNode& n, const std::string& where, bool needs_unit,
                         F read_value) {
  DatedValue<T> out;
  MapView m(r, n, where);
  if (!m.ok()) return out;
  if (const auto* d = m.need("description")) out.description = r.text(*d, "the description").value_or("");
  if (const auto* u = m.get("unit")) out.unit = r.text(*u, "the unit").value_or("");
  else if (needs_unit) m.need("unit");
  m.get("documentation");
  const YamlNode* values = m.need("values");
  m.done();
  if (!values) return out;
  if (!values->is_map() || values->map_size() == 0) {
    r.error(*values, "expected values as a map from dates to entries, such as\n      2022-12-08:\n        value: 3\n        reference: [...]");
    return out;
  }
  std::optional<Date> previous;
  for (size_t i = 0; i < values->map_size(); ++i) {
    const YamlNode& key = values->key(i);
    auto date = r.date(key, "the date of a value");
    if (date && previous && *date <= *previous) {
      r.error(key, *date == *previous
                       ? "date " + date->to_string() + " of " + where + " appears twice"
                       : "dates of " + where + " run backwards: " + date->to_string() + " comes after " +
                             previous->to_string(),
              "list the values in increasing date order, each date once");
    }
    if (date) previous = date;
    DatedEntry<T> e;
    if (date) e.from = *date;
    MapView entry(r, values->val(i), where + ", value of " + key.value);
    if (!entry.ok()) continue;
    if (const auto* v = entry.need("value")) {
      if (!v->is_null()) e.value = read_value(*v);
    }
    if (const auto* ref = entry.need("reference")) e.reference = r.references(*ref, "reference");
    if (const auto* no = entry.get("note")) e.note = r.text(*no, "note").value_or("");
    if (const auto* me = entry.get("measure")) e.measure = r.text(*me, "measure").value_or("");
    if (const auto* un = entry.get("uncertain")) e.uncertain = r.boolean(*un, "uncertain").value_or(false);
    if (const auto* pr = entry.get("date_precision")) e.precision = read_precision(r, *pr, key, e.from);
    entry.get("constraint");
    entry.done();
    out.entries.push_back(std::move(e));
  }
  return out;
}

std::optional<PossessionSchedule> read_schedule(Reader& r, const YamlNode& v, double unit_grams,
                                                const std::string& name) {
  if (!v.is_sequence() || v.children.empty()) {
    r.error(v, "expected the " + name + " value as a list of tiers such as [{up_to: 35, grade: misdemeanor}, {grade: felony}], got " + v.describe());
    return std::nullopt;
  }
  PossessionSchedule s;
  for (size_t i = 0; i < v.children.size(); ++i) {
    const YamlNode& t = v.children[i];
    MapView m(r, t, "a penalty tier");
    if (!m.ok()) return std::nullopt;
    PenaltyTier tier;
    if (const auto* u = m.get("up_to")) {
      if (auto x = r.number(*u, "up_to")) tier.up_to_grams = *x * unit_grams;
    } else if (i + 1 < v.children.size()) {
      r.error(t, "only the last tier may omit up_to", "give this tier its upper amount");
    }
    if (i + 1 == v.children.size() && tier.up_to_grams) {
      // A bounded last tier leaves larger amounts ungraded.
      r.error(t, "the last tier must have no up_to, so that every amount has a grade",
              "add a final tier such as {grade: felony}");
    }
    if (const auto* g = m.need("grade")) {
      if (auto x = r.word<Grade>(*g, "grade")) tier.grade = *x;
    }
    if (const auto* c = m.get("class")) tier.class_name = r.text(*c, "class").value_or("");
    m.done();
    if (tier.up_to_grams && !s.tiers.empty() && s.tiers.back().up_to_grams &&
        *tier.up_to_grams <= *s.tiers.back().up_to_grams)
      r.error(t, "tiers must be in increasing order of up_to");
    s.tiers.push_back(tier);
  }
  return s;
}

}  // namespace

std::optional<Jurisdiction> load_jurisdiction(std::string_view text, const std::string& file,
                                              Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return std::nullopt;
  Reader r(file, problems);
  Jurisdiction j;
  j.file = file;
  if (root.is_null()) {
    problems.push_back({{file, 1, 1}, "the file is empty; expected a jurisdiction's law (docs/schema.md)", ""});
    return std::nullopt;
  }
  MapView top(r, root, "a state file");
  if (!top.ok()) return std::nullopt;

  if (const auto* n = top.need("jurisdiction")) {
    MapView m(r, *n, "jurisdiction");
    if (const auto* x = m.need("postal")) {
      j.postal = r.text(*x, "postal").value_or("");
      if (!j.postal.empty() && (j.postal.size() != 2 || !std::isupper(static_cast<unsigned char>(j.postal[0])) ||
                                !std::isupper(static_cast<unsigned char>(j.postal[1]))))
        r.error(*x, "expected postal as two capital letters such as MO, got '" + j.postal + "'");
    }
    if (const auto* x = m.need("name")) {
      j.name = r.text(*x, "name").value_or("");
      if (!j.name.empty() && !is_place_name(j.name))
        r.error(*x, "expected a jurisdiction name of at most 60 letters, spaces and . , ' ( ) - (docs/schema.md), got '" +
                        printable(j.name) + "'");
    }
    if (const auto* x = m.need("level")) j.level = r.word<Level>(*x, "level").value_or(Level::state);
    if (const auto* x = m.get("fips")) {
      j.fips = r.text(*x, "fips").value_or("");
      if (!j.fips.empty() && (j.fips.size() != 2 || !std::isdigit(static_cast<unsigned char>(j.fips[0])) ||
                              !std::isdigit(static_cast<unsigned char>(j.fips[1])) || !x->quoted))
        r.error(*x, "expected fips as a quoted two-digit code such as \"29\", got " + x->describe());
    } else if (j.level != Level::federal) {
      m.need("fips");
    }
    if (const auto* x = m.get("reference")) r.references(*x, "reference");
    m.done();
  }

  const auto boolean = [&r](const YamlNode& v) { return r.boolean(v, "the value").value_or(false); };
  const auto number = [&r](const YamlNode& v) { return r.number(v, "the value").value_or(0.0); };

  // possession, and the optional distribution, are amount schedules: the unit of up_to is
  // the parameter's unit.
  auto read_amount_schedule = [&](const YamlNode& n, const std::string& name) {
    double unit_grams = 1;
    if (n.is_map())
      for (size_t i = 0; i < n.map_size(); ++i)
        if (n.key(i).value == "unit") {
          const YamlNode& u = n.val(i);
          if (u.value == "ounce") unit_grams = kGramsPerOunce;
          else if (u.value != "gram") r.error(u, "expected the " + name + " unit gram or ounce, got " + u.describe(),
                                              did_you_mean(u.value, {"gram", "ounce"}));
        }
    return read_dated<PossessionSchedule>(
        r, n, name, true,
        [&](const YamlNode& v) { return read_schedule(r, v, unit_grams, name).value_or(PossessionSchedule{}); });
  };
  if (const auto* n = top.need("possession")) j.possession = read_amount_schedule(*n, "possession");
  if (const auto* n = top.get("distribution")) j.distribution = read_amount_schedule(*n, "distribution");
  if (const auto* n = top.need("decriminalized"))
    j.decriminalized = read_dated<bool>(r, *n, "decriminalized", false, boolean);
  if (const auto* n = top.need("medical")) j.medical = read_dated<bool>(r, *n, "medical", false, boolean);
  if (const auto* n = top.need("adult_use")) {
    MapView m(r, *n, "adult_use");
    if (const auto* x = m.need("legal")) j.adult_use.legal = read_dated<bool>(r, *x, "adult_use.legal", false, boolean);
    if (const auto* x = m.get("possession_limit")) {
      j.adult_use.possession_limit = read_dated<double>(r, *x, "adult_use.possession_limit", true, number);
      if (!j.adult_use.possession_limit.unit.empty() && j.adult_use.possession_limit.unit != "ounce")
        r.error(*x, "expected adult_use.possession_limit in unit ounce, got '" + j.adult_use.possession_limit.unit + "'");
    }
    m.done();
  }
  if (const auto* n = top.need("pardon_power"))
    j.pardon_power = read_dated<PardonPower>(r, *n, "pardon_power", false, [&](const YamlNode& v) {
      return r.word<PardonPower>(v, "pardon_power").value_or(PardonPower::shared_other);
    });

  if (const auto* n = top.get("record_relief")) {
    if (!n->is_sequence() && !n->is_null()) {
      r.error(*n, "expected record_relief as a list of provisions (or [] for none), got " + n->describe());
    } else {
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "a record_relief provision");
        if (!m.ok()) continue;
        ReliefProvision p;
        if (const auto* x = m.need("id")) {
          p.id = r.text(*x, "id").value_or("");
          if (!p.id.empty() && !is_identifier(p.id))
            r.error(*x, "expected a provision id of at most 80 letters, digits, '_', '-' and '.' (docs/schema.md), got '" +
                            printable(p.id) + "'");
          if (j.find_provision(p.id)) r.error(*x, "duplicate provision id '" + p.id + "'");
        }
        if (const auto* x = m.need("description")) p.description = r.text(*x, "description").value_or("");
        if (const auto* x = m.need("mechanism")) p.mechanism = r.word<Mechanism>(*x, "mechanism").value_or(Mechanism::petition_expungement);
        if (const auto* x = m.get("enacted")) p.enacted = r.date(*x, "enacted");
        const YamlNode* effective = m.need("effective");
        if (effective) p.effective = r.date(*effective, "effective").value_or(Date{});
        if (const auto* x = m.get("date_precision"))
          p.effective_precision = read_precision(r, *x, effective ? *effective : *x, p.effective);
        if (const auto* x = m.get("ends")) {
          p.ends = r.date(*x, "ends");
          if (p.ends && *p.ends < p.effective) r.error(*x, "the provision ends (" + p.ends->to_string() + ") before it takes effect (" + p.effective.to_string() + ")");
        }
        if (p.enacted && effective && p.effective < *p.enacted)
          r.error(*effective, "the provision takes effect (" + p.effective.to_string() + ") before it was enacted (" + p.enacted->to_string() + ")");
        if (const auto* x = m.get("deadlines")) {
          if (!x->is_sequence()) r.error(*x, "expected deadlines as a list, got " + x->describe());
          else
            for (const YamlNode& d : x->children) {
              MapView dm(r, d, "a deadline");
              Deadline dl;
              if (const auto* y = dm.need("date")) {
                dl.date = r.date(*y, "the deadline").value_or(Date{});
                if (dl.date != Date{} && p.effective != Date{} && dl.date < p.effective)
                  r.error(*y, "expected a deadline on or after the provision's effective date " + p.effective.to_string() +
                                  ", got " + dl.date.to_string());
              }
              if (const auto* y = dm.get("applies_to")) dl.applies_to = r.text(*y, "applies_to").value_or("");
              if (const auto* y = dm.get("description")) dl.description = r.text(*y, "description").value_or("");
              if (const auto* y = dm.get("reference")) r.references(*y, "reference");
              dm.done();
              p.deadlines.push_back(dl);
            }
        }
        if (const auto* x = m.get("fee")) {
          MapView fm(r, *x, "fee");
          if (const auto* y = fm.need("value")) p.fee_usd = r.number(*y, "the fee");
          if (const auto* y = fm.need("unit"))
            if (auto u = r.text(*y, "the fee unit"); u && *u != "usd") r.error(*y, "expected fee unit usd, got '" + *u + "'");
          fm.done();
        }
        if (const auto* x = m.need("scope")) {
          p.scope = r.scope(*x, "scope");
          if (!p.scope.now_legal_under.empty())
            r.error(*x, "now_legal_under names an action of a scenario; a law file states its amount limit as max_amount");
        }
        if (const auto* x = m.need("reference")) p.reference = r.references(*x, "reference");
        if (const auto* x = m.get("uncertain")) p.uncertain = r.boolean(*x, "uncertain").value_or(false);
        if (const auto* x = m.get("fingerprints")) p.fingerprints = r.boolean(*x, "fingerprints").value_or(false);
        if (const auto* x = m.get("hearing")) p.hearing = r.boolean(*x, "hearing").value_or(false);
        if (const auto* x = m.get("batch_every_months")) {
          p.batch_every_months = r.number(*x, "batch_every_months").value_or(0);
          if (p.batch_every_months < 1 || p.batch_every_months > 120)
            r.error(*x, "expected batch_every_months between 1 and 120 (months between batches), got " +
                            x->describe());
        }
        if (const auto* x = m.get("electronic_batch")) {
          p.electronic_batch = r.boolean(*x, "electronic_batch").value_or(false);
          if (p.electronic_batch && p.mechanism != Mechanism::automatic_court_expungement)
            r.error(*x, "electronic_batch applies only to mechanism automatic_court_expungement, and this one is " +
                            std::string(to_string(p.mechanism)) + ": remove electronic_batch or change the mechanism");
        }
        if (const auto* x = m.get("identified_from")) p.identified_from = r.word<RecordSource>(*x, "identified_from");
        if (const auto* x = m.get("records_searchable_from")) p.records_searchable_from = r.date(*x, "records_searchable_from");
        if (const auto* x = m.get("ongoing")) p.ongoing = r.boolean(*x, "ongoing").value_or(false);
        if (const auto* x = m.get("general")) p.general = r.boolean(*x, "general").value_or(false);
        m.get("note");
        m.done();
        j.record_relief.push_back(std::move(p));
      }
    }
  }
  if (const auto* n = top.get("mass_pardons")) {
    if (!n->is_sequence() && !n->is_null()) {
      r.error(*n, "expected mass_pardons as a list (or [] for none), got " + n->describe());
    } else {
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "a mass pardon");
        if (!m.ok()) continue;
        MassPardon p;
        if (const auto* x = m.need("id")) p.id = r.text(*x, "id").value_or("");
        const YamlNode* date = m.need("date");
        if (date) p.date = r.date(*date, "date").value_or(Date{});
        if (const auto* x = m.get("date_precision")) p.date_precision = read_precision(r, *x, date ? *date : *x, p.date);
        if (const auto* x = m.need("description")) p.description = r.text(*x, "description").value_or("");
        if (const auto* x = m.need("scope")) {
          p.scope = r.scope(*x, "scope");
          if (!p.scope.now_legal_under.empty())
            r.error(*x, "now_legal_under names an action of a scenario; a law file states its amount limit as max_amount");
        }
        if (const auto* x = m.need("reference")) p.reference = r.references(*x, "reference");
        if (const auto* x = m.get("identified_from")) p.identified_from = r.word<RecordSource>(*x, "identified_from");
        if (const auto* x = m.get("records_searchable_from")) p.records_searchable_from = r.date(*x, "records_searchable_from");
        m.get("note");
        m.get("count");
        m.done();
        j.mass_pardons.push_back(std::move(p));
      }
    }
  }
  top.done();
  if (problems.size() != before) return std::nullopt;
  return j;
}

std::optional<LawLibrary> load_law_library(const std::vector<SourceFile>& files, Diagnostics& problems) {
  const size_t before = problems.size();
  LawLibrary lib;
  for (const auto& f : files) {
    auto j = load_jurisdiction(f.text, f.path, problems);
    if (!j) continue;
    // states/mo.yaml holds MO: a file named after another code is a mix-up.
    std::string stem = f.path.substr(f.path.find_last_of('/') + 1);
    stem = stem.substr(0, stem.find('.'));
    std::string lower = j->postal;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (stem != lower)
      problems.push_back({{f.path, 1, 1}, "file holds jurisdiction " + j->postal + " but is named '" + stem + "'",
                          "name it " + lower + ".yaml"});
    if (lib.find(j->postal))
      problems.push_back({{f.path, 1, 1}, "jurisdiction " + j->postal + " is defined twice", ""});
    lib.jurisdictions.push_back(std::move(*j));
  }
  if (problems.size() != before) return std::nullopt;
  return lib;
}

}  // namespace reliefsim
