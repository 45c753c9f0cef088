// `reliefsim serve` (issue 19): the server answers its page, its scenarios and projections
// equal to `reliefsim run` of the scenario file it hands out; bad requests get a 400 and the
// server keeps answering; headless Chromium opens the page with a knob changed and shows
// run's figures, with no script error and nothing fetched from outside.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "sim/serve/scenario_json.hpp"
#include "sim/serve/server.hpp"
#include "sim/load/yaml_tree.hpp"
#include "tests/test_support.hpp"

using namespace reliefsim;
namespace fs = std::filesystem;

namespace {

const fs::path kArtifacts = fs::path(RELIEFSIM_BINARY).parent_path() / "test-artifacts";
constexpr int kReplicates = 100;

// A server on a free port of 127.0.0.1, in a thread of this process, for the test's life.
class TestServer {
 public:
  explicit TestServer(std::vector<std::string> scenarios) {
    std::ostringstream log;
    app_ = ServeApp::open({RELIEFSIM_SOURCE_DIR, std::move(scenarios), 20221006, kReplicates, 0}, log);
    REQUIRE_MESSAGE(app_, log.str());
    std::mutex m;
    std::condition_variable ready;
    thread_ = std::thread([&] {
      run_server(*app_, "127.0.0.1", 0, log,
                 [&](int port) {
                   std::lock_guard<std::mutex> lock(m);
                   port_ = port;
                   ready.notify_all();
                 },
                 [&](std::function<void()> stop) { stop_ = std::move(stop); });
    });
    std::unique_lock<std::mutex> lock(m);
    ready.wait_for(lock, std::chrono::seconds(30), [&] { return port_ > 0; });
    REQUIRE(port_ > 0);
  }
  ~TestServer() {
    if (stop_) stop_();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
  }

 private:
  std::unique_ptr<ServeApp> app_;
  std::thread thread_;
  std::function<void()> stop_;
  int port_ = 0;
};

Json knobs_of(const Json& scenarios, const std::string& id) {
  for (const auto& s : scenarios["scenarios"])
    if (s["id"] == id) return s["knobs"];
  return nullptr;
}

// `reliefsim run` of `yaml` saved as DIR/<id>.yaml, as CSV.
std::string run_csv(const std::string& id, const std::string& yaml, const std::string& dir_name) {
  const fs::path dir = kArtifacts / dir_name;
  fs::create_directories(dir);
  const fs::path file = dir / (id + ".yaml");
  std::ofstream(file, std::ios::binary) << yaml;
  const auto r = testing::run_reliefsim("run '" + file.string() + "' --replicates " + std::to_string(kReplicates) +
                                        " --format csv");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out;
}

}  // namespace

TEST_CASE("a scenario as JSON and back as YAML loads to the same scenario") {
  const std::string text = testing::read_whole_file(fs::path(RELIEFSIM_SOURCE_DIR) / "scenarios/model_ballot_measure.yaml");
  Diagnostics problems;
  const YamlNode tree = parse_yaml(text, "model_ballot_measure.yaml", problems);
  REQUIRE(problems.empty());
  const Json knobs = yaml_to_json(tree);
  CHECK(knobs["actions"][0]["scope"]["max_amount"]["value"] == 2.5);
  CHECK(knobs["actions"][0]["date"] == "2026-07-01");
  CHECK(knobs["actions"][0]["outreach"] == true);
  std::string error;
  const std::string yaml = json_to_yaml(knobs, "a comment", error);
  REQUIRE(error.empty());
  CHECK(yaml.rfind("# a comment\nscenario:\n  id: model_ballot_measure\n", 0) == 0);
  CHECK(yaml.find("    jurisdictions: [KS]\n") != std::string::npos);
  const YamlNode back = parse_yaml(yaml, "back.yaml", problems);
  REQUIRE(problems.empty());
  CHECK(yaml_to_json(back) == knobs);
  // Text that YAML would read otherwise is quoted; control characters are refused by name.
  Json odd = Json::parse(R"({"scenario": {"title": "yes", "note": "a: b # c", "n": "3"}})");
  const YamlNode odd_back = parse_yaml(json_to_yaml(odd, "", error), "odd.yaml", problems);
  CHECK(yaml_to_json(odd_back) == odd);
  odd["actions"] = Json::array({Json::object({{"id", std::string("a\x01")}})});
  CHECK(json_to_yaml(odd, "", error).empty());
  CHECK(error == "actions[0].id: control characters are not allowed in text");
  // DEL too, which the YAML reader refuses: found by fuzz_serve_body (the knobs passed, and the
  // YAML written of them failed at a line of a file the sender never saw).
  odd["actions"] = Json::array({Json::object({{"id", "a"}, {"description", std::string("20\x7f" "22")}})});
  CHECK(json_to_yaml(odd, "", error).empty());
  CHECK(error == "actions[0].description: control characters are not allowed in text");
  // Keys that YAML reads as something else when plain are quoted: found by fuzz_serve_body
  // (a key "null" came back as no key).
  Json keys = Json::parse(R"({"scenario": {"null": "a", "on": 1, "123": [1], "x": {"NULL": {"true": 2}}}})");
  const std::string keys_yaml = json_to_yaml(keys, "", error);
  const YamlNode keys_back = parse_yaml(keys_yaml, "keys.yaml", problems);
  REQUIRE(problems.empty());
  CHECK(yaml_to_json(keys_back) == keys);
}

TEST_CASE("serve answers its page and scenarios, and a projection equal to run of the YAML it hands out") {
  TestServer server({"model_ballot_measure"});
  auto c = server.client();
  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<script src=\"/serve.js\"") != std::string::npos);
  CHECK(page->get_header_value("Content-Security-Policy").find("connect-src 'self'") != std::string::npos);
  CHECK(page->body.find("innerHTML") == std::string::npos);
  auto js = c.Get("/serve.js");
  REQUIRE(js);
  CHECK(js->status == 200);
  CHECK(js->body.find("innerHTML") == std::string::npos);  // input text only as text
  for (const char* asset : {"/vendor/vega.min.js", "/vendor/vega-interpreter.js", "/vendor/states-10m.json"}) {
    auto a = c.Get(asset);
    REQUIRE(a);
    CHECK_MESSAGE(a->status == 200, asset);
  }
  auto missing = c.Get("/../states/mo.yaml");
  REQUIRE(missing);
  CHECK(missing->status == 404);

  auto list = c.Get("/api/scenarios");
  REQUIRE(list);
  REQUIRE(list->status == 200);
  const Json scenarios = Json::parse(list->body);
  Json knobs = knobs_of(scenarios, "model_ballot_measure");
  REQUIRE(knobs.is_object());
  CHECK(scenarios["jurisdictions"].size() == 52);

  // A knob changed as the page changes it: a ten-year lookback.
  knobs["actions"][0]["scope"]["lookback_years"] = 10;
  auto answer = c.Post("/api/project", knobs.dump(), "application/json");
  REQUIRE(answer);
  REQUIRE_MESSAGE(answer->status == 200, answer->body);
  const Json got = Json::parse(answer->body);
  CHECK(got["file"] == "model_ballot_measure.yaml");
  const std::string csv = got["csv"];
  const std::string run = run_csv("model_ballot_measure", got["yaml"], "serve-lookback");
  CHECK(csv == run);  // byte for byte
  // The rows are the CSV's figures; against current law and the timeline come with them.
  std::smatch m;
  REQUIRE(std::regex_search(run, m, std::regex("model_ballot_measure,Total,,,eligible,records,2027-07-01,([0-9]+),")));
  bool found = false;
  for (const auto& r : got["rows"])
    if (r["jurisdiction"] == "Total" && r["measure"] == "eligible" && r["unit"] == "records") {
      CHECK(r["median"].get<long long>() == std::stoll(m[1]));
      found = true;
    }
  CHECK(found);
  CHECK(!got["against_current_law"].empty());
  CHECK(got["timeline"].size() > 10);
  // The unchanged scenario gives run's figures of the file in scenarios/.
  knobs["actions"][0]["scope"]["lookback_years"] = 30;
  auto plain = c.Post("/api/project", knobs.dump(), "application/json");
  REQUIRE(plain);
  REQUIRE(plain->status == 200);
  const auto stock = testing::run_reliefsim("run model_ballot_measure --replicates " + std::to_string(kReplicates) + " --format csv");
  CHECK(Json::parse(plain->body)["csv"] == stock.out);
  // Why: each group of Kansas's records, the rule that reaches it or keeps it out.
  auto why = c.Post("/api/explain/KS", knobs.dump(), "application/json");
  REQUIRE(why);
  REQUIRE_MESSAGE(why->status == 200, why->body);
  const Json reasons = Json::parse(why->body);
  REQUIRE(!reasons["rows"].empty());
  CHECK(reasons["rows"][0].contains("rule"));
  CHECK(reasons["rows"][0].contains("citation"));
  auto nowhere = c.Post("/api/explain/ZZ", knobs.dump(), "application/json");
  REQUIRE(nowhere);
  CHECK(nowhere->status == 400);
  // A scenario file posted as YAML gives the same answer.
  auto as_yaml = c.Post("/api/project", got["yaml"].get<std::string>(), "text/yaml");
  REQUIRE(as_yaml);
  REQUIRE(as_yaml->status == 200);
  CHECK(Json::parse(as_yaml->body)["csv"] == csv);
}

TEST_CASE("issue 19: serve hands out the report's own view script and stylesheet, and none of the report's page") {
  TestServer server({"model_ballot_measure"});
  auto c = server.client();
  const std::string page = c.Get("/")->body;
  const fs::path web = fs::path(RELIEFSIM_SOURCE_DIR) / "web";
  for (const char* shared : {"shared/views.js", "shared/reliefsim.css"}) {
    CHECK(page.find(std::string("\"/") + shared + "\"") != std::string::npos);
    auto got = c.Get(std::string("/") + shared);
    REQUIRE(got);
    CHECK(got->status == 200);
    // The same bytes the report inlines (tests/report_test.cpp checks that side).
    CHECK_MESSAGE(got->body == testing::read_whole_file(web / shared), shared);
  }
  for (const char* report_only : {"/report.js", "/report/report.js", "/report/index.html", "/shared/../report/report.js"}) {
    auto got = c.Get(report_only);
    REQUIRE(got);
    CHECK_MESSAGE(got->status == 404, report_only);
  }
}

TEST_CASE("bad requests get a 400 saying what was expected, and the server keeps answering") {
  TestServer server({"model_ballot_measure"});
  auto c = server.client();
  const Json knobs = knobs_of(Json::parse(c.Get("/api/scenarios")->body), "model_ballot_measure");
  auto expect_400 = [&](const std::string& body, const std::string& type, const std::string& says) {
    auto r = c.Post("/api/project", body, type);
    REQUIRE(r);
    CHECK(r->status == 400);
    const Json b = Json::parse(r->body);
    CHECK_MESSAGE(b["error"].get<std::string>().find(says) != std::string::npos, b["error"].get<std::string>());
  };
  expect_400("{\"scenario\": ", "application/json", "malformed JSON");
  expect_400("[1, 2]", "application/json", "scenario: expected an object");
  expect_400("", "application/json", "malformed JSON");
  // A number beyond a double: nlohmann throws out_of_range, not parse_error; it was a 500.
  expect_400("{\"scenario\": {\"id\": \"x\", \"n\": 1e999}}", "application/json",
             "malformed JSON: [json.exception.out_of_range.406] number overflow parsing '1e999'");
  Json bad_id = knobs;
  bad_id["scenario"]["id"] = "../../etc/passwd";
  expect_400(bad_id.dump(), "application/json", "scenario.id: expected 1 to 64 lower-case letters");
  Json bad_grade = knobs;
  bad_grade["actions"][0]["scope"]["grades"] = Json::array({"felonyy"});
  expect_400(bad_grade.dump(), "application/json", "did you mean 'felony'?");
  Json bad_date = knobs;
  bad_date["actions"][0]["date"] = "2026-13-01";
  expect_400(bad_date.dump(), "application/json", "model_ballot_measure.yaml:");
  Json bad_place = knobs;
  bad_place["actions"][0]["jurisdictions"] = Json::array({"ZZ"});
  expect_400(bad_place.dump(), "application/json", "ZZ");
  expect_400("scenario: [", "text/yaml", "request.yaml:");
  expect_400("scenario: {id: x}\nactions: [{id: a, <<: 1}]\n", "text/yaml", "");
  // A body over the limit is refused before it is read whole.
  auto big = c.Post("/api/project", std::string(3u << 20, 'x'), "application/json");
  REQUIRE(big);
  CHECK(big->status == 413);
  auto wrong = c.Post("/api/elsewhere", "{}", "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 404);
  auto rebound = c.Get("/api/scenarios", {{"Host", "attacker.example:80"}});
  REQUIRE(rebound);
  CHECK(rebound->status == 421);
  // A second server on the same port is refused, not let in beside the first.
  {
    std::ostringstream log;
    auto second = ServeApp::open({RELIEFSIM_SOURCE_DIR, {"model_ballot_measure"}, 20221006, kReplicates, 0}, log);
    REQUIRE(second);
    CHECK(run_server(*second, "127.0.0.1", server.port(), log) == 2);
    CHECK(log.str().find("cannot listen on 127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
  }
  auto still = c.Get("/api/scenarios");
  REQUIRE(still);
  CHECK(still->status == 200);
}

TEST_CASE("headless Chromium opens the page with a knob changed: run's figures, no script error, nothing from outside") {
  REQUIRE_MESSAGE(std::system("command -v chromium >/dev/null 2>&1") == 0,
                  "chromium is missing: the test command (scripts/setup.sh --for-tests) installs it");
  fs::create_directories(kArtifacts);
  TestServer server({"model_ballot_measure"});
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) +
                          "/?scenario=model_ballot_measure&knob=actions.expunge.scope.lookback_years=10";
  // A profile of its own: Chromium refuses a second instance on a profile in use.
  const fs::path profile = kArtifacts / "chromium-serve-profile";
  const fs::path err_file = kArtifacts / "chromium-serve.err";
  const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--enable-logging=stderr --v=0 --user-data-dir='" + profile.string() +
                          "' --virtual-time-budget=30000 --dump-dom '" + url + "' 2>'" + err_file.string() + "'";
  std::string dom;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) dom.append(buf, n);
    pclose(p);
  }
  const std::string err = testing::read_whole_file(err_file);
  std::string attrs;
  const std::regex body_re("<body([^>]*)>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), body_re); it != std::sregex_iterator(); ++it) attrs = (*it)[1];
  INFO("body attributes: " << attrs);
  INFO("chromium: " << err.substr(0, 4000));
  REQUIRE_FALSE(dom.empty());
  CHECK(attrs.find("data-projections=\"1\"") != std::string::npos);
  CHECK(attrs.find("data-map-states=\"51\"") != std::string::npos);
  CHECK(attrs.find("data-errors") == std::string::npos);  // no script error, nothing the policy blocked
  CHECK(err.find("Uncaught") == std::string::npos);
  // The figures shown are run's of the scenario with the same knob changed.
  auto c = server.client();
  Json knobs = knobs_of(Json::parse(c.Get("/api/scenarios")->body), "model_ballot_measure");
  knobs["actions"][0]["scope"]["lookback_years"] = 10;
  const Json got = Json::parse(c.Post("/api/project", knobs.dump(), "application/json")->body);
  const std::string run = run_csv("model_ballot_measure", got["yaml"], "serve-chromium");
  std::smatch m;
  REQUIRE(std::regex_search(run, m, std::regex("model_ballot_measure,Total,,,eligible,records,2027-07-01,([0-9]+),")));
  CHECK(attrs.find("data-total-records-eligible=\"" + std::string(m[1]) + "\"") != std::string::npos);
  // Every request the page made went to this server (the log lists any other address).
  CHECK(err.find("net::ERR_") == std::string::npos);
}

TEST_CASE("issue 21: hostile text in a title and an action id reaches the serve page as text, and runs no script") {
  REQUIRE(std::system("command -v chromium >/dev/null 2>&1") == 0);
  fs::create_directories(kArtifacts);
  TestServer server({"model_ballot_measure"});
  // %3C = <, %3E = >, %22 = ", %20 = space, %3D = =, %26 = &.
  const std::string payload = "%3Cimg%20src%3Dx%20onerror%3D%22document.body.dataset.pwned%3D1%22%3E";
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/?knob=scenario.title=" + payload +
                          "%26&knob=actions.0.id=" + payload;
  const fs::path err_file = kArtifacts / "chromium-serve-hostile.err";
  const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--user-data-dir='" + (kArtifacts / "chromium-serve-hostile-profile").string() +
                          "' --virtual-time-budget=30000 --dump-dom '" + url + "' 2>'" + err_file.string() + "'";
  std::string dom;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) dom.append(buf, n);
    pclose(p);
  }
  REQUIRE_FALSE(dom.empty());
  CHECK(dom.find("data-pwned") == std::string::npos);  // the handler never ran
  CHECK(dom.find("<img src=\"x\"") == std::string::npos);  // no element was made of the text
  CHECK(dom.find("&lt;img src=x onerror=") != std::string::npos);  // it shows as text
}

TEST_CASE("issue 21: a body over the limit gets 413 however it is sent and is not kept, and the server goes on") {
  TestServer server({"model_ballot_measure"});
  auto c = server.client();
  // Chunked, with no length: cpp-httplib 0.11 stored such a body whole, whatever its size
  // (the limit held only for a Content-Length), and the answer was a 400 after it.
  const std::string block(1u << 16, 'x');
  size_t sent = 0;
  auto chunked = c.Post(
      "/api/project",
      [&](size_t, httplib::DataSink& sink) {
        if (sent < (3u << 20)) {
          sink.write(block.data(), block.size());
          sent += block.size();
        } else {
          sink.done();
        }
        return true;
      },
      "application/json");
  REQUIRE(chunked);
  CHECK(chunked->status == 413);
  CHECK(chunked->body.find("the body is larger than 1048576 bytes") != std::string::npos);
  CHECK(sent == (3u << 20));  // read to the end, so that the connection stays in step
  // The same connection answers the next request.
  auto next = c.Get("/api/scenarios");
  REQUIRE(next);
  CHECK(next->status == 200);
  // With a Content-Length over the limit: refused from the header, the body dropped unread.
  auto sized = c.Post("/api/project", std::string(2u << 20, 'x'), "application/json");
  REQUIRE(sized);
  CHECK(sized->status == 413);
  CHECK(sized->body.find("the body is larger than") != std::string::npos);
  // PUT and DELETE bodies are read the same way, then refused as methods.
  auto put = c.Put("/api/project", "{}", "application/json");
  REQUIRE(put);
  CHECK(put->status == 405);
}

TEST_CASE("issue 21: a scenario id cut inside a UTF-8 character in the message is a 400, not a 500") {
  // The message quotes the first 80 bytes of the id; a cut inside "é" made invalid UTF-8,
  // which the JSON writer threw on, and the server answered 500 (found reading the code
  // while moving it to scenario_of_body for the fuzz target).
  TestServer server({"model_ballot_measure"});
  auto c = server.client();
  Json knobs = knobs_of(Json::parse(c.Get("/api/scenarios")->body), "model_ballot_measure");
  knobs["scenario"]["id"] = std::string(79, 'a') + "\xc3\xa9";
  auto r = c.Post("/api/project", knobs.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(r->body.find("scenario.id: expected 1 to 64 lower-case letters") != std::string::npos);
}

TEST_CASE("issue 21: the server listens with a queue long enough for a burst of connections") {
  // cpp-httplib 0.11 listens with a backlog of 5; 100 clients connecting at once overflowed
  // it, and the system reset some connections unanswered (tests/serve_load.cpp saw about 20
  // of 1,500 requests fail so). `ss` shows a listening socket's backlog as its Send-Q.
  REQUIRE_MESSAGE(std::system("command -v ss >/dev/null 2>&1") == 0,
                  "ss is missing: the test command (scripts/setup.sh --for-tests) installs iproute2");
  TestServer server({"model_ballot_measure"});
  const std::string cmd = "ss -ltnH 'sport = :" + std::to_string(server.port()) + "'";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::istringstream fields(out);
  std::string state, recv_q;
  long backlog = 0;
  fields >> state >> recv_q >> backlog;
  INFO("ss: " << out);
  CHECK(state == "LISTEN");
  CHECK(backlog >= 128);
}
