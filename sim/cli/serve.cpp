// reliefsim serve [SCENARIO…] [--port N] [--host 127.0.0.1]: a local page with the knobs of
// each scenario, re-projected on every change (sim/serve/, docs/serve.md).
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/serve/server.hpp"

namespace reliefsim {

int cmd_serve(const Args& args) {
  CommonOptions o;
  std::vector<std::string> names;
  std::string host = "127.0.0.1";
  int port = 8765;
  po::options_description d("options");
  d.add_options()("help,h", "show this help")
                 ("root", po::value(&o.root), "project folder holding states/, scenarios/, data/ (default: found from the working directory)")
                 ("seed", po::value(&o.seed)->default_value(o.seed), "random seed of every projection")
                 ("replicates", po::value(&o.replicates)->default_value(o.replicates), "Monte Carlo replicates (1 to 1000000)")
                 ("threads", po::value(&o.threads)->default_value(o.threads), "worker threads (0: all cores)")
                 ("host", po::value(&host)->default_value(host), "address to listen on (default: this machine only)")
                 ("port", po::value(&port)->default_value(port), "port to listen on (0: any free port)")
                 ("scenario", po::value(&names)->multitoken(), "scenario ids or paths");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  std::optional<int> early;
  parse_options("serve",
                "usage: reliefsim serve [SCENARIO…] [--port N] [--host 127.0.0.1]\n\n"
                "Serves a page at http://HOST:PORT/ with every knob of each SCENARIO (default: every\n"
                "scenario of scenarios/): change one and the table, the map and the timeline are\n"
                "projected again, beside current law. The page works offline; it downloads the knobs\n"
                "as a scenario file that 'reliefsim run' reproduces byte for byte, and the figures as\n"
                "CSV or JSON. The HTTP API is described in docs/serve.md. Stop it with Ctrl-C.\n",
                args, d, pos, early);
  if (early) return *early;
  std::optional<Date> as_of;
  Format format = Format::table;
  if (!validate("serve", o, as_of, format)) return kExitBadInput;
  if (port < 0 || port > 65535) {
    std::cerr << "reliefsim serve: --port: expected 0 to 65535, got " << port << "\n";
    return kExitBadInput;
  }
  auto app = ServeApp::open({o.root, names, o.seed, o.replicates, o.threads}, std::cerr);
  if (!app) return kExitBadInput;
  return run_server(*app, host, port, std::cerr, [&](int bound) {
    std::cout << "serving http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":" << bound
              << "/" << std::endl;
  }) == 0 ? kExitOk : kExitBadInput;
}

}  // namespace reliefsim
