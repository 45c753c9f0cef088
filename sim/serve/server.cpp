#include "sim/serve/server.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <regex>
#include <set>

#include <httplib.h>

#include "sim/base/parallel.hpp"
#include "sim/base/sha256.hpp"
#include "sim/cli/pipeline.hpp"
#include "sim/eligibility/eligibility.hpp"
#include "sim/law/vocabulary.hpp"
#include "sim/projection/explanation.hpp"
#include "sim/report/web_assets.hpp"
#include "sim/serve/scenario_json.hpp"

namespace fs = std::filesystem;

namespace reliefsim {

namespace {

constexpr const char* kDefaultScenario = "us_2022_and_governors";
constexpr const char* kTemplateScenario = "model_ballot_measure";

HttpAnswer json_answer(int status, const Json& body) {
  return {status, "application/json; charset=utf-8", body.dump(-1, ' ', false, Json::error_handler_t::replace)};
}

HttpAnswer bad_request(const std::string& error, Json problems = Json::array()) {
  Json b = Json::object();
  b["error"] = error;
  b["problems"] = std::move(problems);
  return json_answer(400, b);
}

Json problem_json(const Diagnostic& d, std::string_view source) {
  Json p = Json::object();
  p["file"] = d.where.file;
  p["line"] = d.where.line;
  p["column"] = d.where.column;
  p["message"] = d.message;
  p["hint"] = d.hint;
  p["text"] = format_diagnostic(d, source);
  return p;
}

std::string type_of(const std::string& name) {
  auto ends = [&](const char* ext) { return name.size() >= std::strlen(ext) && name.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

// One tidy row as the API gives it: the CSV's columns, with numbers as numbers.
Json row_json(const ProjectionRow& r, const std::vector<JurisdictionLabel>& labels) {
  Json o = Json::object();
  if (r.jurisdiction < 0) {
    o["jurisdiction"] = "Total";
    o["postal"] = "";
    o["fips"] = "";
  } else {
    const auto& l = labels[static_cast<size_t>(r.jurisdiction)];
    o["jurisdiction"] = l.federal ? "US" : l.name;
    o["postal"] = l.postal;
    o["fips"] = l.fips;
  }
  o["measure"] = std::string(to_string(r.measure));
  o["unit"] = std::string(to_string(r.unit));
  o["as_of"] = r.as_of.to_string();
  // Rounded as the CSV rounds them, so the page shows the downloaded figures.
  o["median"] = std::stoll(whole(r.interval.median));
  o["p05"] = std::stoll(whole(r.interval.p05));
  o["p95"] = std::stoll(whole(r.interval.p95));
  return o;
}

// `p` with only the rows of `date` (copying only those: a timeline holds many more).
Projection rows_on(const Projection& p, Date date) {
  Projection q;
  q.jurisdictions = p.jurisdictions;
  q.board_gates = p.board_gates;
  q.replicates = p.replicates;
  q.seed = p.seed;
  for (const auto& r : p.rows)
    if (r.as_of == date) q.rows.push_back(r);
  return q;
}

template <class E>
Json words_json() {
  Json a = Json::array();
  for (const auto& w : enum_words<E>()) a.push_back(w);
  return a;
}

}  // namespace

const char* ServeApp::content_security_policy() {
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
         "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

std::unique_ptr<ServeApp> ServeApp::open(const ServeSettings& settings, std::ostream& log) {
  auto opened = open_workspace("serve", settings.root, Load::everything);
  if (!opened) return nullptr;
  std::unique_ptr<ServeApp> app(new ServeApp());
  app->settings_ = settings;
  app->base_ = std::move(*opened);
  Workspace& ws = app->base_;
  app->input_hashes_ = ws.input_hashes();

  // Every scenario of scenarios/, for `extends` and for the page's list.
  const std::string dir = ws.root == "." ? "scenarios" : (fs::path(ws.root) / "scenarios").string();
  std::vector<std::string> all;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") all.push_back(e.path().stem().string());
  std::sort(all.begin(), all.end());
  for (const auto& id : all)
    if (auto text = ws.read((fs::path(dir) / (id + ".yaml")).string())) app->scenario_texts_[id] = *text;

  std::vector<std::string> names = settings.scenarios;
  const bool named = !names.empty();
  if (!named) names = all;
  std::vector<Scenario> scenarios;
  for (const auto& n : names) {
    auto s = ws.load_scenario_named(n);
    if (!s) continue;
    const std::string path = s->file;
    const auto text = ws.read(path);
    if (!text) continue;
    YamlNode tree = compose_scenario_tree(*text, path, ws.problems, ws.scenario_source());
    if (tree.is_null()) continue;
    // `extends` is followed already: the knobs stand alone.
    Json knobs = yaml_to_json(tree);
    if (knobs.contains("scenario") && knobs["scenario"].is_object()) knobs["scenario"].erase("extends");
    app->offered_.push_back({s->id, s->title, s->description, s->as_of.to_string(), knobs.dump()});
    if (s->id == kTemplateScenario) app->template_json_ = app->offered_.back().knobs_json;
    scenarios.push_back(std::move(*s));
  }
  if (!ws.problems.empty()) {
    fail_with_problems("serve", ws, "the server did not start");
    return nullptr;
  }
  if (app->template_json_.empty() && app->scenario_texts_.count(kTemplateScenario)) {
    const std::string path = (fs::path(dir) / (std::string(kTemplateScenario) + ".yaml")).string();
    YamlNode tree = compose_scenario_tree(app->scenario_texts_[kTemplateScenario], path, ws.problems);
    if (!tree.is_null()) app->template_json_ = yaml_to_json(tree).dump();
    ws.problems.clear();
  }

  // The populations the offered scenarios need, built once, with exactly what `run` builds
  // them with, so that the page's figures are `run`'s.
  for (const auto& s : scenarios) {
    if (!named && s.id != kDefaultScenario) continue;
    PopulationKey key{amount_edges(ws, s), s.as_of, status_queries(ws, s)};
    if (std::any_of(app->populations_.begin(), app->populations_.end(), [&](const auto& p) { return p.first == key; }))
      continue;
    log << "reliefsim serve: building the population for " << s.id << " (" << s.as_of.to_string() << ")\n" << std::flush;
    auto pop = build_population_for(ws, key.edges, key.alive_on, key.statuses);
    if (!pop) {
      fail_with_problems("serve", ws, "the server did not start");
      return nullptr;
    }
    app->populations_.emplace_back(std::move(key), std::move(*pop));
  }
  for (const auto& [key, pop] : app->populations_)
    app->draws_.push_back(std::make_unique<ReplicateDraws>(pop, settings.seed, settings.replicates));

  // The page's own files (web/serve/ and web/shared/, which the report inlines too), embedded
  // at build time, and the libraries of web/node_modules that the report inlines too.
  for (size_t i = 0; i < kEmbeddedFileCount; ++i) {
    const std::string name = kEmbeddedFiles[i].name;
    const std::string body(reinterpret_cast<const char*>(kEmbeddedFiles[i].data), kEmbeddedFiles[i].size);
    if (name == "serve/index.html") app->assets_["/"] = {type_of(name), body};
    else if (name.rfind("serve/", 0) == 0) app->assets_["/" + name.substr(6)] = {type_of(name), body};
    else if (name.rfind("shared/", 0) == 0) app->assets_["/" + name] = {type_of(name), body};
  }
  struct Vendor {
    const char* rel;
    const char* served_as;
  };
  for (const auto& v : {Vendor{kVegaPath, "/vendor/vega.min.js"}, Vendor{kVegaLitePath, "/vendor/vega-lite.min.js"},
                        Vendor{kVegaEmbedPath, "/vendor/vega-embed.min.js"},
                        Vendor{kVegaInterpreterPath, "/vendor/vega-interpreter.js"},
                        Vendor{kUsStatesPath, "/vendor/states-10m.json"}}) {
    const std::string path = ws.root == "." ? v.rel : (fs::path(ws.root) / v.rel).string();
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string body = text.str();
    if (!in || body.empty()) {
      log << "reliefsim serve: " << path << ": the page's libraries are missing; run scripts/setup.sh, which installs them\n";
      return nullptr;
    }
    if (std::string(v.served_as) == "/vendor/vega-interpreter.js") {
      auto script = interpreter_script(body);
      if (!script) {
        log << "reliefsim serve: " << path << ": not the vega-interpreter module expected (its import or export "
            << "line changed); update sim/serve/server.cpp\n";
        return nullptr;
      }
      body = std::move(*script);
    }
    app->assets_[v.served_as] = {type_of(v.served_as), std::move(body)};
  }
  return app;
}

Workspace ServeApp::request_workspace() const {
  Workspace ws;
  ws.root = base_.root;
  ws.law = base_.law;
  ws.inputs = base_.inputs;
  return ws;
}

ScenarioSource ServeApp::scenario_source() const {
  return [this](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
    auto it = scenario_texts_.find(id);
    if (it == scenario_texts_.end()) return std::nullopt;
    return std::make_pair("scenarios/" + id + ".yaml", it->second);
  };
}

HttpAnswer ServeApp::handle(const std::string& method, const std::string& path, const std::string& body,
                            const std::string& content_type) const {
  try {
    if (method == "GET" || method == "HEAD") {
      if (path == "/api/scenarios") return scenarios_answer();
      if (auto it = assets_.find(path); it != assets_.end()) return {200, it->second.first, it->second.second};
      return {404, "text/plain; charset=utf-8", "not found: this server answers only its page, /api/scenarios and /api/project\n"};
    }
    if (method == "POST") {
      if (path == "/api/project") return project_answer(body, content_type);
      if (path.rfind("/api/explain/", 0) == 0) return explain_answer(path.substr(13), body, content_type);
      return {404, "text/plain; charset=utf-8", "not found: POST goes to /api/project or /api/explain/POSTAL\n"};
    }
    return {405, "text/plain; charset=utf-8", "method not allowed: GET or POST\n"};
  } catch (const std::exception& e) {
    Json b = Json::object();
    b["error"] = std::string("internal error: ") + e.what() + "; please report this as a bug";
    return json_answer(500, b);
  }
}

HttpAnswer ServeApp::scenarios_answer() const {
  Json b = Json::object();
  b["version"] = RELIEFSIM_VERSION;
  b["seed"] = settings_.seed;
  b["replicates"] = settings_.replicates;
  Json list = Json::array();
  for (const auto& o : offered_) {
    Json s = Json::object();
    s["id"] = o.id;
    s["title"] = o.title;
    s["description"] = o.description;
    s["as_of"] = o.as_of;
    s["knobs"] = Json::parse(o.knobs_json);
    list.push_back(std::move(s));
  }
  b["scenarios"] = std::move(list);
  b["template"] = template_json_.empty() ? Json(nullptr) : Json::parse(template_json_);
  Json vocabulary = Json::object();
  vocabulary["mechanism"] = words_json<Mechanism>();
  vocabulary["offenses"] = words_json<Offense>();
  vocabulary["grades"] = words_json<Grade>();
  vocabulary["dispositions"] = words_json<Disposition>();
  vocabulary["acted_by"] = Json::array({"president", "governor", "legislature", "voters", "courts", "prosecutor", "agency"});
  vocabulary["amount_units"] = Json::array({"ounce", "gram"});
  b["vocabulary"] = std::move(vocabulary);
  Json places = Json::array();
  for (const auto& l : base_.labels()) {
    Json j = Json::object();
    j["postal"] = l.postal;
    j["name"] = l.name;
    j["fips"] = l.fips;
    places.push_back(std::move(j));
  }
  b["jurisdictions"] = std::move(places);
  return json_answer(200, b);
}

std::optional<HttpAnswer> ServeApp::load_request(const std::string& body, const std::string& content_type, Request& out,
                                                 int also) const {
  if (body.size() > kMaxRequestBytes)
    return bad_request("the body is larger than " + std::to_string(kMaxRequestBytes) + " bytes; a scenario is a few kilobytes");
  BodyScenario read = scenario_of_body(body, content_type.find("yaml") != std::string::npos, scenario_source(),
                                       [this](const std::string& id) {
                                         return "Written by reliefsim serve. Reproduce its figures with\n  reliefsim run " +
                                                id + ".yaml --seed " + std::to_string(settings_.seed) + " --replicates " +
                                                std::to_string(settings_.replicates) + " --format csv";
                                       });
  if (!read.error.empty()) {
    Json list = Json::array();
    for (const auto& d : read.problems) list.push_back(problem_json(d, d.where.file == "request.yaml" ? body : ""));
    return bad_request(read.error, std::move(list));
  }
  out.yaml = std::move(read.yaml);
  out.file = std::move(read.file);
  const std::string& yaml = out.yaml;
  const std::string& file = out.file;

  out.ws = request_workspace();
  Workspace& ws = out.ws;
  auto scenario = load_scenario(yaml, file, ws.problems, scenario_source());
  if (!scenario || !ws.problems.empty()) return refuse(out, "the scenario does not load");
  out.scenario = std::move(*scenario);
  out.key = {amount_edges(ws, out.scenario), out.scenario.as_of, status_queries(ws, out.scenario)};
  for (size_t i = 0; i < populations_.size(); ++i)
    if (populations_[i].first == out.key) {
      out.population = &populations_[i].second;
      out.draws = draws_[i].get();
    }
  if (!out.population) {
    // Built for this request alone: only the jurisdictions it projects (or explains), a
    // fraction of a second for one state where the whole country takes several.
    std::vector<int> only = jurisdictions_of(ws, out.scenario);
    if (also >= 0 && std::find(only.begin(), only.end(), also) == only.end()) only.push_back(also);
    std::sort(only.begin(), only.end());
    out.built = build_population_for(ws, out.key.edges, out.key.alive_on, out.key.statuses, only);
    if (!out.built) return refuse(out, "the population cannot be built for this scenario");
    out.population = &*out.built;
  }
  return std::nullopt;
}

HttpAnswer ServeApp::refuse(const Request& r, const std::string& what) const {
  Json list = Json::array();
  for (const auto& d : r.ws.problems) {
    std::string_view source;
    if (d.where.file == r.file) source = r.yaml;
    for (const auto& [sid, text] : scenario_texts_)
      if (d.where.file == "scenarios/" + sid + ".yaml") source = text;
    list.push_back(problem_json(d, source));
  }
  return bad_request(r.ws.problems.empty() ? what : format_diagnostic(r.ws.problems.front()), std::move(list));
}

HttpAnswer ServeApp::project_answer(const std::string& body, const std::string& content_type) const {
  Request req;
  if (auto refused = load_request(body, content_type, req)) return *refused;
  Workspace& ws = req.ws;
  const std::string& yaml = req.yaml;
  const std::string& file = req.file;
  const Scenario* scenario = &req.scenario;
  const RecordPopulation* population = req.population;
  auto refuse = [&](const std::string& what) { return this->refuse(req, what); };
  const Date date = scenario->as_of;
  // `run --timeline`'s dates (month ends from the first action up to the as-of date, which
  // comes first), thinned to at most kMaxTimelineDates.
  std::vector<Date> dates = timeline_dates(ws, *scenario, date);
  if (dates.size() > kMaxTimelineDates) {
    const size_t step = (dates.size() - 2) / (kMaxTimelineDates - 1) + 1;
    std::vector<Date> kept = {dates.front()};
    for (size_t i = dates.size() - 1; i >= 1 && kept.size() < kMaxTimelineDates; i -= std::min(step, i)) kept.push_back(dates[i]);
    std::sort(kept.begin() + 1, kept.end());
    dates = std::move(kept);
  }
  // One projection gives the timeline (which charts records only), the figures on the
  // as-of date (the first of `dates`), and the same against current law.
  ProjectionSettings settings{settings_.seed, settings_.replicates, settings_.threads, false, true};
  settings.first_date_against_current_law_too = true;
  // Later dates: the rows the page charts (cleared in every jurisdiction, and the total's
  // eligible and legally relieved records), and no others.
  settings.later_dates = ProjectionSettings::LaterDates{Unit::records, {Measure::cleared},
                                                        {Measure::eligible, Measure::legally_relieved}};
  auto projection = project_scenario(ws, *population, *scenario, dates, settings, req.draws);
  if (!projection) return refuse("the scenario cannot be projected");

  const auto labels = base_.labels();
  const Projection main = rows_on(*projection, date);
  // What `run` states besides the figures: coverage notes, actions that reach nothing, and
  // a scenario of law changes only.
  RunInfo info;
  info.scenario_id = scenario->id;
  info.title = scenario->title;
  info.as_of = date.to_string();
  info.version = RELIEFSIM_VERSION;
  info.inputs = input_hashes_;
  info.inputs.push_back({file, sha256_hex(yaml)});
  info.adults = ws.inputs.adults;
  info.per_capita_columns = true;
  Diagnostics ignored;
  const auto resolved = resolve_actions(*scenario, *ws.law, ignored);
  // The notes `run` prints, so that the CSV and JSON handed out are byte for byte run's.
  info.notes = run_notes(ws, *scenario, *population, main, resolved, date);
  for (const auto& n : board_gate_notes(main, labels, info.as_of)) info.notes.push_back(n);

  Json b = Json::object();
  Json s = Json::object();
  s["id"] = scenario->id;
  s["title"] = scenario->title;
  s["as_of"] = info.as_of;
  b["scenario"] = std::move(s);
  b["seed"] = settings_.seed;
  b["replicates"] = settings_.replicates;
  b["version"] = RELIEFSIM_VERSION;
  b["file"] = file;
  b["command"] = "reliefsim run " + file + " --seed " + std::to_string(settings_.seed) + " --replicates " +
                 std::to_string(settings_.replicates) + " --format csv";
  // The rows, the rows against current law, the timeline and run's CSV and JSON are made
  // apart, on the server's threads, and put in the answer in this order.
  // The timeline's rows by date (the as-of date comes first in `dates`), each date's in
  // projection order.
  std::vector<const ProjectionRow*> charted;
  for (const auto& r : projection->rows)
    if (r.unit == Unit::records && (r.measure == Measure::cleared || (r.jurisdiction < 0 && (r.measure == Measure::eligible ||
                                                                                             r.measure == Measure::legally_relieved))))
      charted.push_back(&r);
  std::stable_sort(charted.begin(), charted.end(), [](const ProjectionRow* x, const ProjectionRow* y) { return x->as_of < y->as_of; });
  Json rows = Json::array(), diff = Json::array(), timeline = Json::array();
  std::string csv, json;
  run_jobs({main.rows.size(), projection->against_current_law.size(), charted.size(), main.rows.size(), main.rows.size()},
           settings_.threads, [&](size_t k) {
             if (k == 0)
               for (const auto& r : main.rows) rows.push_back(row_json(r, labels));
             if (k == 1)
               for (const auto& r : projection->against_current_law) diff.push_back(row_json(r, labels));
             if (k == 2)
               for (const ProjectionRow* r : charted) timeline.push_back(row_json(*r, labels));
             if (k == 3) csv = format_projection(main, labels, info, Format::csv);
             if (k == 4) json = format_projection(main, labels, info, Format::json);
           });
  b["rows"] = std::move(rows);
  b["against_current_law"] = std::move(diff);
  b["timeline"] = std::move(timeline);
  Json gates = Json::array();
  for (const auto& g : projection->board_gates) {
    Json x = Json::object();
    x["postal"] = labels[static_cast<size_t>(g.jurisdiction)].postal;
    x["agreed_share"] = g.agreed_share;
    gates.push_back(std::move(x));
  }
  b["board_gates"] = std::move(gates);
  b["notes"] = info.notes;
  b["yaml"] = yaml;
  b["csv"] = std::move(csv);
  b["json"] = std::move(json);
  return json_answer(200, b);
}

HttpAnswer ServeApp::explain_answer(const std::string& postal, const std::string& body,
                                    const std::string& content_type) const {
  int j = -1;
  for (size_t i = 0; i < base_.law->jurisdictions.size(); ++i)
    if (base_.law->jurisdictions[i].postal == postal) j = static_cast<int>(i);
  if (j < 0)
    return bad_request("/api/explain/" + postal.substr(0, 8) + ": expected a postal code of states/ such as MO after /api/explain/");
  Request req;
  if (auto refused = load_request(body, content_type, req, j)) return *refused;
  const auto actions = resolve_actions(req.scenario, *req.ws.law, req.ws.problems);
  if (!req.ws.problems.empty()) return refuse(req, "the scenario's actions do not resolve");
  Json rows = Json::array();
  for (const auto& r : explain_eligibility(*req.population, j, actions, req.scenario.as_of)) {
    Json o = Json::object();
    o["offense"] = r.offense;
    o["grade"] = r.grade;
    o["disposition"] = r.disposition;
    o["amount"] = r.amount;
    o["decade"] = r.decade;
    o["records"] = std::llround(r.records);
    o["eligible"] = r.eligible;
    o["rule"] = r.rule;
    o["citation"] = r.citation;
    rows.push_back(std::move(o));
  }
  Json b = Json::object();
  b["postal"] = postal;
  b["jurisdiction"] = base_.law->jurisdictions[static_cast<size_t>(j)].name;
  b["as_of"] = req.scenario.as_of.to_string();
  b["rows"] = std::move(rows);
  return json_answer(200, b);
}

int run_server(const ServeApp& app, const std::string& host, int port, std::ostream& log,
               const std::function<void(int port)>& on_listening,
               const std::function<void(std::function<void()> stop)>& on_stop) {
  httplib::Server server;
  server.set_payload_max_length(kMaxRequestBytes);
  // cpp-httplib's default also sets SO_REUSEPORT, with which a second server on a port in
  // use would silently share it; reuse the address only (a restart within TIME_WAIT).
  socket_t listening = INVALID_SOCKET;
  server.set_socket_options([&listening](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  server.set_read_timeout(10, 0);
  server.set_write_timeout(30, 0);
  int bound = port;
  // Only this server's own names: a page elsewhere that points a name of its own at
  // 127.0.0.1 (DNS rebinding) cannot read the answers.
  auto answer = [&app, &host, &bound](const httplib::Request& req, httplib::Response& res, const std::string& body) {
    const std::string at = req.get_header_value("Host");
    const std::string p = ":" + std::to_string(bound);
    if (!at.empty() && at != host + p && at != "127.0.0.1" + p && at != "localhost" + p && at != "[::1]" + p) {
      res.status = 421;
      res.set_content("this server answers only http://" + host + p + "/\n", "text/plain; charset=utf-8");
      return;
    }
    const HttpAnswer a = app.handle(req.method, req.path, body, req.get_header_value("Content-Type"));
    res.status = a.status;
    res.set_content(a.body, a.content_type.c_str());
  };
  server.Get(".*", [&answer](const httplib::Request& req, httplib::Response& res) { answer(req, res, req.body); });
  // Bodies are read here, not by cpp-httplib: 0.11 enforces the payload limit only on a
  // Content-Length (413 after discarding the body), and stores a chunked body, or one without
  // a length, whole, however large. Past the limit the rest is read and dropped, so that the
  // connection stays in step and memory stays flat; the answer is 413.
  auto with_body = [&answer](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
    std::string body;
    bool too_large = false;
    const bool read_whole = read([&](const char* data, size_t n) {
      if (too_large || body.size() + n > kMaxRequestBytes) {
        too_large = true;
        std::string().swap(body);
      } else {
        body.append(data, n);
      }
      return true;
    });
    if (too_large || res.status == 413) {
      res.status = 413;
      res.set_content(std::string("{\"error\": \"the body is larger than ") + std::to_string(kMaxRequestBytes) +
                          " bytes; a scenario is a few kilobytes\", \"problems\": []}",
                      "application/json");
      return;
    }
    if (!read_whole) {
      res.status = 400;
      res.set_content("{\"error\": \"the body could not be read (a malformed chunked encoding, or the client stopped "
                      "sending)\", \"problems\": []}",
                      "application/json");
      return;
    }
    answer(req, res, body);
  };
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Patch(".*", with_body);
  server.Delete(".*", with_body);
  // Every answer, errors included: no caching of figures, no sniffing, the page's policy.
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy", ServeApp::content_security_policy());
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content("{\"error\": \"internal error; please report this as a bug\"}", "application/json");
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413)
      res.set_content("{\"error\": \"the body is too large; a scenario is a few kilobytes\", \"problems\": []}",
                      "application/json");
  });
  if (port == 0) {
    bound = server.bind_to_any_port(host);
  } else if (!server.bind_to_port(host, port)) {
    bound = -1;
  }
  if (bound <= 0) {
    log << "reliefsim serve: cannot listen on " << host << ":" << port << " (in use, or not an address of this machine)\n";
    return 2;
  }
  // cpp-httplib 0.11 listens with a backlog of 5: a burst of connections beyond it (100 at
  // once in tests/serve_load.cpp) overflowed the queue, and some were reset unanswered.
  // Listening again on the bound socket sets the backlog the system allows.
  if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
  if (on_stop) on_stop([&server] { server.stop(); });
  if (on_listening) on_listening(bound);
  server.listen_after_bind();
  return 0;
}

}  // namespace reliefsim
