#include "sim/load/scenario_loader.hpp"

#include <algorithm>

#include "sim/load/reader.hpp"
#include "sim/scenario/composition.hpp"

namespace reliefsim {

namespace {

const YamlNode* map_get(const YamlNode& n, std::string_view key) {
  if (!n.is_map()) return nullptr;
  for (size_t i = 0; i < n.map_size(); ++i)
    if (n.key(i).value == key) return &n.val(i);
  return nullptr;
}

YamlNode* map_get(YamlNode& n, std::string_view key) {
  return const_cast<YamlNode*>(map_get(static_cast<const YamlNode&>(n), key));
}

std::vector<std::string> keys_of(const YamlNode& n) {
  std::vector<std::string> out;
  if (n.is_map())
    for (size_t i = 0; i < n.map_size(); ++i) out.push_back(n.key(i).value);
  if (n.is_sequence())
    for (const auto& item : n.children)
      if (const YamlNode* id = map_get(item, "id")) out.push_back(id->value);
  return out;
}

// Replaces the node at `path` (dot-separated; a list is entered by an item's id) in
// `tree` with `value`. The base must already have the key: an override changes a scenario,
// it does not add to it.
void apply_override(YamlNode& tree, const YamlNode& path_node, const YamlNode& value, const std::string& base_id,
                    Reader& r) {
  YamlNode* cur = &tree;
  std::string done;
  size_t start = 0;
  const std::string& path = path_node.value;
  while (start <= path.size()) {
    const size_t dot = path.find('.', start);
    const std::string seg = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    YamlNode* next = nullptr;
    if (cur->is_map()) {
      next = map_get(*cur, seg);
    } else if (cur->is_sequence()) {
      for (auto& item : cur->children)
        if (const YamlNode* id = map_get(item, "id"); id && id->value == seg) next = &item;
    }
    if (!next || seg.empty()) {
      r.error(path_node,
              "override '" + path + "': scenario '" + base_id + "' has no '" + seg + "'" +
                  (done.empty() ? "" : " in " + done),
              cur->is_map() || cur->is_sequence() ? did_you_mean(seg, keys_of(*cur)) : "");
      return;
    }
    cur = next;
    done += (done.empty() ? "" : ".") + seg;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const auto line = cur->line, column = cur->column;
  *cur = value;
  (void)line;
  (void)column;
}

// The tree of a scenario with `extends` followed: the base's tree with this file's header,
// overrides and added actions. `chain` holds the scenarios being extended, to catch cycles.
YamlNode compose(const YamlNode& root, const std::string& file, const ScenarioSource& source,
                 std::vector<std::pair<std::string, SourceLocation>>& chain, Diagnostics& problems) {
  Reader r(file, problems);
  const YamlNode* header = map_get(root, "scenario");
  const YamlNode* extends = header ? map_get(*header, "extends") : nullptr;
  if (!extends) {
    for (const char* key : {"overrides", "add_actions"})
      if (const YamlNode* n = map_get(root, key))
        r.error(*n, std::string(key) + " needs 'extends' in the scenario header: it changes another scenario");
    return root;
  }
  auto id = r.text(*extends, "extends");
  if (!id) return {};
  // Only an id of scenarios/: no path can lead outside the project.
  if (id->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    r.error(*extends, "expected extends to name a scenario id of scenarios/ such as mo_amendment_3_2022, got '" + *id + "'",
            "paths are not allowed");
    return {};
  }
  for (const auto& [other, where] : chain)
    if (other == *id) {
      std::string links;
      for (const auto& [name, w] : chain) links += "\n    " + w.file + ":" + std::to_string(w.line) + ": extends " + name;
      links += "\n    " + r.where(*extends).file + ":" + std::to_string(extends->line) + ": extends " + *id;
      r.error(*extends, "scenarios extend each other in a cycle:" + links, "break the cycle");
      return {};
    }
  if (!source) {
    r.error(*extends, "cannot follow extends here: no scenarios folder was given");
    return {};
  }
  auto base = source(*id);
  if (!base) {
    r.error(*extends, "extends '" + *id + "', which is not a scenario in scenarios/");
    return {};
  }
  const size_t before = problems.size();
  const YamlNode base_root = parse_yaml(base->second, base->first, problems);
  if (problems.size() != before) return {};
  chain.emplace_back(*id, r.where(*extends));
  YamlNode merged = compose(base_root, base->first, source, chain, problems);
  chain.pop_back();
  if (merged.is_null()) return {};
  if (const YamlNode* own = map_get(root, "actions")) {
    r.error(*own, "a scenario that extends another changes it with overrides and add_actions, not actions",
            "move these actions under add_actions");
    return {};
  }
  // This file's header replaces the base's.
  if (YamlNode* h = map_get(merged, "scenario")) *h = *header;
  if (const YamlNode* overrides = map_get(root, "overrides")) {
    if (!overrides->is_map()) {
      r.error(*overrides, "expected overrides as a map from paths to values, such as\n      actions.expunge.scope.max_amount: {value: 2, unit: ounce}");
    } else {
      for (size_t i = 0; i < overrides->map_size(); ++i) apply_override(merged, overrides->key(i), overrides->val(i), *id, r);
    }
  }
  if (const YamlNode* add = map_get(root, "add_actions")) {
    YamlNode* actions = map_get(merged, "actions");
    if (!add->is_sequence()) r.error(*add, "expected add_actions as a list of actions, got " + add->describe());
    else if (actions && actions->is_sequence())
      for (const auto& a : add->children) actions->children.push_back(a);
  }
  for (size_t i = 0; i < root.map_size(); ++i) {
    const std::string& k = root.key(i).value;
    if (k != "scenario" && k != "overrides" && k != "add_actions")
      r.error(root.key(i), "unknown key '" + k + "' in a scenario that extends another",
              did_you_mean(k, {"scenario", "overrides", "add_actions"}));
  }
  return merged;
}

}  // namespace

namespace {

// Dates a scenario may use: the population holds offenses from 1970, and its forecasts and
// life tables are not meant for dates past 2050 (docs/schema.md).
std::optional<Date> in_model_range(Reader& r, const YamlNode& at, std::optional<Date> d, const char* what) {
  static const Date first = *Date::from_ymd(1970, 1, 1), last = *Date::from_ymd(2050, 12, 31);
  if (d && (*d < first || *d > last)) {
    r.error(at, std::string("expected ") + what + " between " + first.to_string() + " and " + last.to_string() +
                    " (the years the model holds records for and forecasts to), got " + d->to_string());
    return std::nullopt;
  }
  return d;
}

std::optional<Scenario> parse_scenario_tree(const YamlNode& root, const std::string& file, Diagnostics& problems);

}  // namespace

YamlNode compose_scenario_tree(std::string_view text, const std::string& file, Diagnostics& problems,
                               const ScenarioSource& source) {
  const size_t before = problems.size();
  const YamlNode parsed = parse_yaml(text, file, problems);
  if (problems.size() != before || parsed.is_null()) return {};
  std::vector<std::pair<std::string, SourceLocation>> chain;
  YamlNode root = compose(parsed, file, source, chain, problems);
  if (problems.size() != before) return {};
  return root;
}

std::optional<Scenario> load_scenario(std::string_view text, const std::string& file, Diagnostics& problems,
                                      const ScenarioSource& source) {
  return load_scenario_variant(text, file, problems, source, {});
}

std::optional<Scenario> load_scenario_variant(std::string_view text, const std::string& file, Diagnostics& problems,
                                              const ScenarioSource& source, const std::vector<Override>& overrides) {
  const size_t before = problems.size();
  const YamlNode parsed = parse_yaml(text, file, problems);
  if (problems.size() != before && parsed.is_null()) return std::nullopt;
  if (parsed.is_null()) {
    problems.push_back({{file, 1, 1}, "the file is empty; expected a scenario (docs/schema.md)", ""});
    return std::nullopt;
  }
  std::vector<std::pair<std::string, SourceLocation>> chain;
  YamlNode root = compose(parsed, file, source, chain, problems);
  if (problems.size() != before) return std::nullopt;
  Reader r(file, problems);
  std::string id = file;
  if (const YamlNode* h = map_get(root, "scenario"))
    if (const YamlNode* x = map_get(*h, "id")) id = x->value;
  for (const auto& o : overrides) {
    // An override given on the command line: its value is YAML (3, [misdemeanor], {value: 2,
    // unit: ounce}); messages point at the command line.
    const std::string where = "--vary " + o.path;
    YamlNode value = parse_yaml(o.value, where, problems);
    if (problems.size() != before) return std::nullopt;
    YamlNode path;
    path.kind = YamlNode::Kind::scalar;
    path.value = o.path;
    path.file = std::make_shared<const std::string>(where);
    apply_override(root, path, value, id, r);
  }
  if (problems.size() != before) return std::nullopt;
  return parse_scenario_tree(root, file, problems);
}

namespace {

// "Conduct now legal under" a legalization of the same scenario: the relief reaches
// possession within the legalization's amount (and age), so a sweep of the legal limit moves
// the relief with it.
void fill_now_legal(Scenario& s, Diagnostics& problems) {
  auto fail = [&](const SourceLocation& at, std::string message, std::string hint = {}) {
    problems.push_back({at, std::move(message), std::move(hint)});
  };
  for (auto& a : s.actions) {
    Scope& scope = a.scope;
    if (scope.now_legal_under.empty()) continue;
    const Action* legal = nullptr;
    for (const auto& other : s.actions)
      if (other.id == scope.now_legal_under) legal = &other;
    if (!legal) {
      std::string ids;
      for (const auto& other : s.actions)
        if (other.mechanism == Mechanism::law_change && other.legal_possession_grams)
          ids += (ids.empty() ? "" : ", ") + other.id;
      fail(scope.now_legal_where,
           "now_legal_under names '" + scope.now_legal_under + "', which is no action of this scenario",
           ids.empty() ? "add a law_change action with legal_possession" : "expected one of: " + ids);
      continue;
    }
    if (legal->mechanism != Mechanism::law_change || !legal->legal_possession_grams) {
      fail(scope.now_legal_where,
           "now_legal_under names '" + legal->id + "', which is not a legalization with legal_possession",
           "give that action mechanism law_change and legal_possession: {max_amount: {value: 2.5, unit: ounce}}");
      continue;
    }
    if (scope.max_amount_grams) {
      fail(scope.now_legal_where, "the scope sets max_amount and now_legal_under '" + legal->id +
                                      "', which sets it from the legalization: expected one of the two");
      continue;
    }
    for (Offense o : scope.offenses)
      if (o != Offense::possession) {
        fail(scope.now_legal_where, "now_legal_under reaches possession made legal, but the scope's offenses hold " +
                                        std::string(to_string(o)),
             "remove offenses (possession is implied), or remove now_legal_under");
        break;
      }
    scope.offenses = {Offense::possession};
    scope.max_amount_grams = legal->legal_possession_grams;
    if (legal->legal_age && !scope.age_at_least) scope.age_at_least = legal->legal_age;
  }
}

std::optional<Scenario> parse_scenario_tree(const YamlNode& root, const std::string& file, Diagnostics& problems) {
  const size_t before = problems.size();
  Reader r(file, problems);
  Scenario s;
  s.file = file;
  MapView top(r, root, "a scenario file");
  if (!top.ok()) return std::nullopt;
  if (const auto* n = top.need("scenario")) {
    MapView m(r, *n, "scenario");
    if (const auto* x = m.need("id")) {
      s.id = r.text(*x, "id").value_or("");
      const bool valid = s.id.empty() || is_identifier(s.id);
      if (!valid)
        r.error(*x, "expected a scenario id of at most 80 letters, digits, '_', '-' and '.' (docs/schema.md), got '" +
                        printable(s.id) + "'");
      std::string stem = file.substr(file.find_last_of('/') + 1);
      stem = stem.substr(0, stem.find('.'));
      if (valid && !s.id.empty() && s.id != stem)
        r.error(*x, "scenario id '" + s.id + "' differs from its file name '" + stem + "'",
                "make them the same, so that 'reliefsim run " + stem + "' finds it");
    }
    if (const auto* x = m.need("title")) s.title = r.text(*x, "title").value_or("");
    if (const auto* x = m.need("description")) s.description = r.text(*x, "description").value_or("");
    if (const auto* x = m.need("as_of")) s.as_of = in_model_range(r, *x, r.date(*x, "as_of"), "as_of").value_or(Date{});
    if (const auto* x = m.need("reference")) s.reference = r.references(*x, "reference");
    if (const auto* x = m.get("extends")) s.extends = x->value;
    m.get("documentation");
    m.done();
  }
  if (const auto* n = top.need("actions")) {
    if (!n->is_sequence() || n->children.empty()) {
      r.error(*n, "expected actions as a non-empty list, got " + n->describe());
    } else {
      for (const YamlNode& item : n->children) {
        MapView m(r, item, "an action");
        if (!m.ok()) continue;
        Action a;
        a.where = r.where(item);
        if (const auto* x = m.need("id")) {
          a.id = r.text(*x, "id").value_or("");
          if (!a.id.empty() && !is_identifier(a.id))
            r.error(*x, "expected an action id of at most 80 letters, digits, '_', '-' and '.' (docs/schema.md), got '" +
                            printable(a.id) + "'");
          for (const auto& other : s.actions)
            if (other.id == a.id) r.error(*x, "duplicate action id '" + a.id + "'");
        }
        const YamlNode* provision = m.get("provision");
        if (provision) {
          a.provision = r.text(*provision, "provision").value_or("");
          if (!a.provision.empty() && a.provision.find('/') == std::string::npos)
            r.error(*provision, "expected provision as POSTAL/id such as MO/amendment_3_expungement, got '" + a.provision + "'");
          if (m.get("mechanism") || m.get("scope"))
            r.error(*provision, "an action with a provision takes its mechanism and scope from the law",
                    "remove mechanism and scope, or remove provision");
        } else {
          if (const auto* x = m.need("mechanism")) a.mechanism = r.word<Mechanism>(*x, "mechanism").value_or(Mechanism::law_change);
          if (const auto* x = m.get("scope")) a.scope = r.scope(*x, "scope");
          else if (a.mechanism != Mechanism::law_change) m.need("scope");
        }
        if (const auto* x = m.need("jurisdictions")) {
          if (!x->is_sequence() || x->children.empty()) {
            r.error(*x, "expected jurisdictions as a list of postal codes such as [MO] or [all_states], got " + x->describe());
          } else {
            for (const auto& c : x->children)
              if (auto t = r.text(c, "a jurisdiction")) {
                a.jurisdictions.push_back(*t);
                a.jurisdiction_where.push_back(r.where(c));
              }
          }
        }
        if (provision) {
          if (const auto* x = m.get("date"))
            r.error(*x, "an action with a provision takes its date from the law", "remove date");
        } else if (const auto* x = m.need("date")) {
          a.date = in_model_range(r, *x, r.date(*x, "date"), "date").value_or(Date{});
        }
        if (const auto* x = m.need("acted_by")) {
          a.acted_by = r.text(*x, "acted_by").value_or("");
          static const std::vector<std::string> kActors = {"president", "governor", "legislature", "voters",
                                                           "courts", "prosecutor", "agency"};
          if (!a.acted_by.empty() && std::find(kActors.begin(), kActors.end(), a.acted_by) == kActors.end())
            r.error(*x, "expected acted_by to be one of president, governor, legislature, voters, courts, prosecutor, agency, got '" + a.acted_by + "'",
                    did_you_mean(a.acted_by, kActors));
        }
        if (const auto* x = m.get("board_gate")) {
          MapView g(r, *x, "board_gate");
          BoardGate gate;
          if (const auto* y = g.need("probability"))
            if (auto d = r.distribution(*y, "probability")) gate.probability = *d;
          if (const auto* y = g.need("reference")) gate.reference = r.references(*y, "reference");
          g.done();
          a.board_gate = gate;
        }
        // A deadline or an end before the action's own date would count every record cleared, or
        // none, at once: it cannot be meant.
        for (auto [key, into] : {std::pair{"deadline", &a.deadline}, std::pair{"ends", &a.ends}})
          if (const auto* x = m.get(key)) {
            *into = in_model_range(r, *x, r.date(*x, key), key);
            if (*into && a.date != Date{} && **into < a.date)
              r.error(*x, std::string("expected ") + key + " on or after the action's date " + a.date.to_string() + ", got " +
                              (*into)->to_string());
          }
        if (const auto* x = m.get("enacted")) {
          a.enacted = r.date(*x, "enacted");
          if (a.enacted && *a.enacted > a.date)
            r.error(*x, "expected enacted on or before the action's date " + a.date.to_string() + " (the law is enacted, then takes effect), got " +
                            a.enacted->to_string());
        }
        if (const auto* x = m.get("fee")) {
          MapView fm(r, *x, "fee");
          if (const auto* y = fm.need("value")) a.fee_usd = r.number(*y, "the fee");
          if (const auto* y = fm.need("unit"))
            if (auto u = r.text(*y, "the fee unit"); u && *u != "usd") r.error(*y, "expected fee unit usd, got '" + *u + "'");
          fm.done();
        }
        if (const auto* x = m.get("after")) {
          if (!x->is_sequence()) r.error(*x, "expected after as a list of action ids such as [pardon], got " + x->describe());
          else
            for (const auto& id : x->children)
              if (auto t = r.text(id, "an action id")) a.after.push_back({*t, r.where(id)});
        }
        if (const auto* x = m.get("fingerprints")) a.fingerprints = r.boolean(*x, "fingerprints").value_or(false);
        if (const auto* x = m.get("hearing")) a.hearing = r.boolean(*x, "hearing").value_or(false);
        if (const auto* x = m.get("batch_every_months")) {
          a.batch_every_months = r.number(*x, "batch_every_months").value_or(0);
          if (a.batch_every_months < 1 || a.batch_every_months > 120)
            r.error(*x, "expected batch_every_months between 1 and 120 (months between batches), got " +
                            x->describe());
        }
        if (const auto* x = m.get("outreach")) a.outreach = r.boolean(*x, "outreach").value_or(false);
        if (const auto* x = m.get("free_legal_help")) a.free_legal_help = r.boolean(*x, "free_legal_help").value_or(false);
        if (const auto* x = m.get("records_updated_by_agency"))
          a.records_updated_by_agency = r.boolean(*x, "records_updated_by_agency").value_or(false);
        if (const auto* x = m.get("electronic_batch")) {
          a.electronic_batch = r.boolean(*x, "electronic_batch").value_or(false);
          // With a provision the mechanism comes from the law; resolve_actions checks it then.
          if (a.electronic_batch && a.provision.empty() && a.mechanism != Mechanism::automatic_court_expungement)
            r.error(*x, "electronic_batch applies only to mechanism automatic_court_expungement, and this one is " +
                            std::string(to_string(a.mechanism)) + ": remove electronic_batch or change the mechanism");
        }
        if (const auto* x = m.get("legal_possession")) {
          MapView lm(r, *x, "legal_possession");
          if (lm.ok()) {
            if (const auto* y = lm.need("max_amount")) a.legal_possession_grams = r.amount_grams(*y, "legal_possession.max_amount");
            if (const auto* y = lm.get("age_at_least")) a.legal_age = r.integer(*y, "legal_possession.age_at_least", 1, 99);
            lm.done();
          }
          if (a.mechanism != Mechanism::law_change || !a.provision.empty())
            r.error(*x, "legal_possession belongs to a legalization, an action with mechanism law_change, and this one is " +
                            std::string(a.provision.empty() ? to_string(a.mechanism) : "a provision"),
                    "move it to the law_change action, or change the mechanism");
        }
        if (const auto* x = m.get("identified_from")) a.identified_from = r.word<RecordSource>(*x, "identified_from");
        if (const auto* x = m.need("reference")) a.reference = r.references(*x, "reference");
        if (const auto* x = m.get("description")) a.description = r.text(*x, "description").value_or("");
        m.get("note");
        m.done();
        s.actions.push_back(std::move(a));
      }
    }
  }
  top.done();
  fill_now_legal(s, problems);
  if (problems.size() != before) return std::nullopt;
  if (!order_actions(s, problems)) return std::nullopt;
  return s;
}

}  // namespace

}  // namespace reliefsim
