#include "sim/load/scenario_loader.hpp"

#include <algorithm>

#include "sim/load/reader.hpp"

namespace reliefsim {

std::optional<Scenario> load_scenario(std::string_view text, const std::string& file,
                                      Diagnostics& problems) {
  const size_t before = problems.size();
  const YamlNode root = parse_yaml(text, file, problems);
  if (problems.size() != before && root.is_null()) return std::nullopt;
  if (root.is_null()) {
    problems.push_back({{file, 1, 1}, "the file is empty; expected a scenario (docs/schema.md)", ""});
    return std::nullopt;
  }
  Reader r(file, problems);
  Scenario s;
  s.file = file;
  MapView top(r, root, "a scenario file");
  if (!top.ok()) return std::nullopt;
  if (const auto* n = top.need("scenario")) {
    MapView m(r, *n, "scenario");
    if (const auto* x = m.need("id")) {
      s.id = r.text(*x, "id").value_or("");
      std::string stem = file.substr(file.find_last_of('/') + 1);
      stem = stem.substr(0, stem.find('.'));
      if (!s.id.empty() && s.id != stem)
        r.error(*x, "scenario id '" + s.id + "' differs from its file name '" + stem + "'",
                "make them the same, so that 'reliefsim run " + stem + "' finds it");
    }
    if (const auto* x = m.need("title")) s.title = r.text(*x, "title").value_or("");
    if (const auto* x = m.need("description")) s.description = r.text(*x, "description").value_or("");
    if (const auto* x = m.need("as_of")) s.as_of = r.date(*x, "as_of").value_or(Date{});
    if (const auto* x = m.need("reference")) s.reference = r.references(*x, "reference");
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
              if (auto t = r.text(c, "a jurisdiction")) a.jurisdictions.push_back(*t);
          }
        }
        if (provision) {
          if (const auto* x = m.get("date"))
            r.error(*x, "an action with a provision takes its date from the law", "remove date");
        } else if (const auto* x = m.need("date")) {
          a.date = r.date(*x, "date").value_or(Date{});
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
        if (const auto* x = m.get("deadline")) a.deadline = r.date(*x, "deadline");
        if (const auto* x = m.get("ends")) a.ends = r.date(*x, "ends");
        if (const auto* x = m.get("fee")) {
          MapView fm(r, *x, "fee");
          if (const auto* y = fm.need("value")) a.fee_usd = r.number(*y, "the fee");
          if (const auto* y = fm.need("unit"))
            if (auto u = r.text(*y, "the fee unit"); u && *u != "usd") r.error(*y, "expected fee unit usd, got '" + *u + "'");
          fm.done();
        }
        if (const auto* x = m.get("outreach")) a.outreach = r.boolean(*x, "outreach").value_or(false);
        if (const auto* x = m.get("free_legal_help")) a.free_legal_help = r.boolean(*x, "free_legal_help").value_or(false);
        if (const auto* x = m.get("records_updated_by_agency"))
          a.records_updated_by_agency = r.boolean(*x, "records_updated_by_agency").value_or(false);
        if (const auto* x = m.need("reference")) a.reference = r.references(*x, "reference");
        m.get("description");
        m.get("note");
        m.done();
        s.actions.push_back(std::move(a));
      }
    }
  }
  top.done();
  if (problems.size() != before) return std::nullopt;
  return s;
}

}  // namespace reliefsim
