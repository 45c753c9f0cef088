// `reliefsim serve`: a local page with a scenario's knobs, re-projected on every change
// (issue 19). Stage: serve, an edge like cli: it may include base through report, load, and
// the two files of cli that hold the pipeline of one scenario (sim/cli/workspace.hpp,
// sim/cli/pipeline.hpp); cli includes only this header of it (docs/architecture.md).
//
// ServeApp answers requests as values (method, path, body → status, type, body) and holds
// nothing that changes after it is opened: the law, the data, the scenarios' texts, the
// populations built at start and the page's files. run_server puts it behind cpp-httplib.
// The HTTP API is described in docs/serve.md.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/workspace.hpp"
#include "sim/population/record_population.hpp"
#include "sim/projection/projection.hpp"

namespace reliefsim {

struct ServeSettings {
  std::string root;                    ///< as --root; "" finds it from the working directory
  std::vector<std::string> scenarios;  ///< ids or paths offered on the page; empty: every scenario of scenarios/
  std::uint64_t seed = 20221006;
  int replicates = 1000;
  int threads = 0;
};

struct HttpAnswer {
  int status = 200;
  std::string content_type;
  std::string body;
};

/// The most dates a served timeline holds: longer ones keep every k-th month end (the as-of
/// date always), so that one request cannot ask for gigabytes of replicate figures.
inline constexpr size_t kMaxTimelineDates = 61;
/// The largest request body accepted (a scenario is a few kilobytes).
inline constexpr size_t kMaxRequestBytes = 1u << 20;

class ServeApp {
 public:
  /// Loads the law, the data, every scenario of scenarios/ (for `extends`) and those
  /// offered, builds the population of each offered scenario's as-of date and amount limits
  /// (the default scenario's only when none is named), and reads the page's libraries from
  /// web/node_modules. On a problem prints it (as `reliefsim serve: …`) and returns nullptr.
  static std::unique_ptr<ServeApp> open(const ServeSettings& settings, std::ostream& log);

  /// One request. Never throws: a bad request is a 400 with a JSON body
  /// {"error": "…", "problems": [{"file", "line", "column", "message", "hint", "text"}]}.
  HttpAnswer handle(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& content_type) const;

  /// The Content-Security-Policy every answer carries: nothing from the network but this
  /// server, no inline script or event handler, no eval.
  static const char* content_security_policy();

 private:
  struct Offered {
    std::string id, title, description, as_of;
    std::string knobs_json;  ///< the composed YAML tree as JSON
  };
  struct PopulationKey {
    std::vector<double> edges;
    Date alive_on;
    std::vector<StatusQuery> statuses;
    bool operator==(const PopulationKey&) const = default;
  };

  /// A request's scenario, loaded, with the population it needs.
  struct Request {
    Workspace ws;
    std::string yaml, file;  ///< the scenario as YAML, and the file name its id gives
    Scenario scenario;
    PopulationKey key;
    const RecordPopulation* population = nullptr;  ///< one of populations_, or built
    ReplicateDraws* draws = nullptr;  ///< the draws of that one of populations_, or none
    std::optional<RecordPopulation> built;
  };

  ServeApp() = default;
  HttpAnswer scenarios_answer() const;
  HttpAnswer project_answer(const std::string& body, const std::string& content_type) const;
  HttpAnswer explain_answer(const std::string& postal, const std::string& body, const std::string& content_type) const;
  /// Loads the scenario of a request body (JSON knobs, or YAML) into `out`; a 400 when it
  /// cannot be loaded.
  /// A population built for the request holds only the jurisdictions its actions name, and
  /// `also` (a jurisdiction to explain) when not -1.
  std::optional<HttpAnswer> load_request(const std::string& body, const std::string& content_type, Request& out,
                                         int also = -1) const;
  /// A 400 listing the problems of `r`'s workspace, with their source lines.
  HttpAnswer refuse(const Request& r, const std::string& what) const;
  /// A workspace with the loaded law and data, for one request (the pipeline writes its
  /// problems into it).
  Workspace request_workspace() const;
  ScenarioSource scenario_source() const;

  ServeSettings settings_;
  Workspace base_;  ///< law, data and the files read; constant after open
  std::vector<InputFile> input_hashes_;
  std::map<std::string, std::string> scenario_texts_;  ///< id → text of scenarios/<id>.yaml
  std::vector<Offered> offered_;
  std::string template_json_;  ///< the knobs of a new scenario: the model ballot measure
  std::vector<std::pair<PopulationKey, RecordPopulation>> populations_;
  /// The draws of each of populations_ (same index), shared by every request projected on it.
  std::vector<std::unique_ptr<ReplicateDraws>> draws_;
  std::map<std::string, std::pair<std::string, std::string>> assets_;  ///< path → {type, body}
};

/// Listens on `host`:`port` (0: a free port) and answers with `app` until stopped. Calls
/// `on_listening` with the port once it accepts connections, and `on_stop` with a function
/// that stops the server (for tests). Returns 0 when stopped, 2 when the address cannot be
/// bound (cli answers that as bad input).
int run_server(const ServeApp& app, const std::string& host, int port, std::ostream& log,
               const std::function<void(int port)>& on_listening = {},
               const std::function<void(std::function<void()> stop)>& on_stop = {});

}  // namespace reliefsim
