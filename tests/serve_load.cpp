// The load and fault test of `reliefsim serve` (issue 21, item 4; docs/robustness.md).
//
// Starts `reliefsim serve model_ballot_measure --port 0` as a child process, then drives it
// from 100 client threads, each on its own keep-alive connection, with 10,000 requests
// (RELIEFSIM_LOAD_REQUESTS sets another count): small-scope good projections and
// explanations of the one-state model ballot measure, the page's files, and bad requests of
// every kind the API refuses. While the load runs, other clients disconnect mid-answer. After
// it, two clients send 100 MB bodies (one with a Content-Length, one chunked). It fails when
//   - a good request fails, or two answers to the same good request differ;
//   - a bad request gets anything but a 400 whose error names where the mistake is
//     (`file:line:column:` of the scenario, the JSON's line and column, or the field);
//   - the server's resident memory after the second half of the load exceeds what it was
//     after the warm-up (the first 20%) by more than 25% + 32 MB;
//   - a 100 MB body gets anything but 413, or raises the server's peak memory (VmHWM) by
//     50 MB or more (stored, not refused);
//   - the server stops answering.
// It prints the figures docs/robustness.md records: requests a second, latency
// percentiles, memory before and after, errors. Exit 0 when all holds, 1 otherwise.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kClients = 100;
constexpr int kReplicates = 100;
constexpr double kWarmUpShare = 0.2;

pid_t server_pid = -1;

void stop_server() {
  if (server_pid > 0) {
    kill(server_pid, SIGTERM);
    int status = 0;
    waitpid(server_pid, &status, 0);
    server_pid = -1;
  }
}

// `reliefsim serve` on a free port; returns the port, or 0.
int start_server(const std::string& err_file) {
  int out[2];
  if (pipe(out) != 0) return 0;
  server_pid = fork();
  if (server_pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives the test
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    if (FILE* f = std::fopen(err_file.c_str(), "w")) dup2(fileno(f), 2);
    const std::string replicates = std::to_string(kReplicates);
    execl(RELIEFSIM_BINARY, "reliefsim", "serve", "model_ballot_measure", "--port", "0", "--root", RELIEFSIM_SOURCE_DIR,
          "--replicates", replicates.c_str(), "--threads", "1", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string text;
  const auto until = Clock::now() + std::chrono::seconds(300);
  std::smatch m;
  const std::regex serving("serving http://127\\.0\\.0\\.1:([0-9]+)/");
  while (Clock::now() < until) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0) continue;
    char buf[256];
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (std::regex_search(text, m, serving)) return std::stoi(m[1]);
  }
  return 0;
}

struct Memory {
  long rss_kb = 0, peak_kb = 0;
};

Memory memory_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  Memory m;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) m.rss_kb = std::atol(line.c_str() + 6);
    if (line.rfind("VmHWM:", 0) == 0) m.peak_kb = std::atol(line.c_str() + 6);
  }
  return m;
}

std::string mb(long kb) {
  char s[32];
  std::snprintf(s, sizeof s, "%.1f MB", static_cast<double>(kb) / 1024.0);
  return s;
}

// One kind of request: what to send and how to judge the answer ("" when right).
struct Kind {
  std::string name;
  bool good;
  int weight;
  std::function<std::string(httplib::Client&, int i, std::string& key, std::string& answer)> send;
};

std::string judge_400(const httplib::Result& r, const std::regex& says) {
  if (!r) return "no answer: " + httplib::to_string(r.error());
  if (r->status != 400) return "status " + std::to_string(r->status) + ", expected 400: " + r->body.substr(0, 200);
  Json b;
  try {
    b = Json::parse(r->body);
  } catch (const std::exception&) {
    return "a 400 whose body is not JSON: " + r->body.substr(0, 200);
  }
  if (!b.contains("error") || !b["error"].is_string()) return "a 400 without an error: " + r->body.substr(0, 200);
  const std::string e = b["error"];
  if (!std::regex_search(e, says)) return "a 400 saying \"" + e.substr(0, 200) + "\"";
  return "";
}

// A raw connection to 127.0.0.1:port, or -1.
int connect_to(int port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(s);
    return -1;
  }
  timeval tv{120, 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return s;
}

bool send_all(int s, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = send(s, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string read_some(int s, size_t at_most) {
  std::string got;
  char buf[4096];
  while (got.size() < at_most) {
    const ssize_t n = recv(s, buf, std::min(sizeof buf, at_most - got.size()), 0);
    if (n <= 0) break;
    got.append(buf, static_cast<size_t>(n));
  }
  return got;
}

// Sends a 100 MB body (with a Content-Length, or chunked) and returns the status line of
// the answer, reading the answer while sending (a server may answer before the body ends).
std::string send_huge_body(int port, bool chunked) {
  const int s = connect_to(port);
  if (s < 0) return "cannot connect";
  const size_t total = 100u << 20;
  std::string head = "POST /api/project HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                     "\r\nContent-Type: application/json\r\n";
  head += chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: " + std::to_string(total) + "\r\n\r\n";
  std::string answer;
  std::thread reader([&] { answer = read_some(s, 4096); });
  const std::string block(1u << 16, 'x');
  bool ok = send_all(s, head);
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", block.size());
  for (size_t sent = 0; ok && sent < total; sent += block.size())
    ok = chunked ? send_all(s, size_line + block + "\r\n") : send_all(s, block);
  if (ok && chunked) send_all(s, "0\r\n\r\n");
  reader.join();
  close(s);
  return answer.substr(0, answer.find("\r\n"));
}

// The system's count of connections dropped because a listening queue was full
// (TcpExt ListenOverflows; every process's, so only a hint of this server's).
long listen_overflows() {
  std::ifstream in("/proc/net/netstat");
  std::string names, values;
  while (std::getline(in, names) && std::getline(in, values)) {
    if (names.rfind("TcpExt:", 0) != 0) continue;
    std::istringstream n(names), v(values);
    std::string name, value;
    while (n >> name && v >> value)
      if (name == "ListenOverflows") return std::atol(value.c_str());
  }
  return -1;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

}  // namespace

int main() {
  signal(SIGPIPE, SIG_IGN);
  int requests = 10000;
  if (const char* n = std::getenv("RELIEFSIM_LOAD_REQUESTS")) requests = std::max(1000, std::atoi(n));
  const std::string artifacts = std::string(RELIEFSIM_BUILD_DIR) + "/test-artifacts";
  std::system(("mkdir -p '" + artifacts + "'").c_str());
  const std::string err_file = artifacts + "/serve-load.err";
  const int port = start_server(err_file);
  if (port == 0) {
    std::cerr << "serve_load: the server did not start; its messages are in " << err_file << "\n";
    stop_server();
    return 1;
  }
  std::atexit(stop_server);
  const Memory started = memory_of(server_pid);
  std::vector<std::string> failures;
  std::mutex failures_lock;
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(failures_lock);
    if (failures.size() < 20) failures.push_back(what);
    else if (failures.size() == 20) failures.push_back("… (more failures not shown)");
  };

  httplib::Client setup("127.0.0.1", port);
  setup.set_read_timeout(300, 0);
  auto list = setup.Get("/api/scenarios");
  if (!list || list->status != 200) {
    std::cerr << "serve_load: GET /api/scenarios failed\n";
    return 1;
  }
  Json knobs;
  const Json offered = Json::parse(list->body);
  for (const auto& s : offered["scenarios"])
    if (s["id"] == "model_ballot_measure") knobs = s["knobs"];
  if (!knobs.is_object()) {
    std::cerr << "serve_load: model_ballot_measure is not offered\n";
    return 1;
  }

  // Good: the one-state measure with its lookback (1 to 30 years) and outreach changed, as
  // the page changes them; both keep the population built at start.
  auto variant = [&](int i) {
    Json k = knobs;
    k["actions"][0]["scope"]["lookback_years"] = 1 + i % 30;
    k["actions"][0]["outreach"] = (i / 30) % 2 == 0;
    return k;
  };
  auto with_change = [&](const std::function<void(Json&)>& change) {
    Json k = knobs;
    change(k);
    return k.dump();
  };
  const std::regex scenario_at("model_ballot_measure\\.yaml:[0-9]+:[0-9]+: ");
  const std::regex request_at("request\\.yaml:[0-9]+:[0-9]+: ");
  std::vector<Kind> kinds = {
      {"project", true, 6,
       [&](httplib::Client& c, int i, std::string& key, std::string& answer) -> std::string {
         key = "project " + std::to_string(i % 60);
         auto r = c.Post("/api/project", variant(i % 60).dump(), "application/json");
         if (!r) return "no answer: " + httplib::to_string(r.error());
         if (r->status != 200) return "status " + std::to_string(r->status) + ": " + r->body.substr(0, 300);
         answer = r->body;  // compared whole: the same request must get the same bytes
         return answer.find("\\nmodel_ballot_measure,Total,") == std::string::npos ? "no total in the CSV" : "";
       }},
      {"explain", true, 4,
       [&](httplib::Client& c, int i, std::string& key, std::string& answer) -> std::string {
         key = "explain " + std::to_string(i % 60);
         auto r = c.Post("/api/explain/KS", variant(i % 60).dump(), "application/json");
         if (!r) return "no answer: " + httplib::to_string(r.error());
         if (r->status != 200) return "status " + std::to_string(r->status) + ": " + r->body.substr(0, 300);
         answer = r->body;
         return answer.find("\"rule\":") == std::string::npos ? "no rows" : "";
       }},
      {"page", true, 45,
       [&](httplib::Client& c, int i, std::string& key, std::string& answer) -> std::string {
         static const char* paths[] = {"/", "/serve.js", "/shared/reliefsim.css", "/api/scenarios"};
         key = paths[i % 4];
         auto r = c.Get(key.c_str());
         if (!r) return "no answer: " + httplib::to_string(r.error());
         if (r->status != 200) return "status " + std::to_string(r->status);
         answer = r->body;
         return "";
       }},
      {"malformed JSON", false, 5,
       [&](httplib::Client& c, int i, std::string&, std::string&) {
         const std::string whole = knobs.dump();
         return judge_400(c.Post("/api/project", whole.substr(0, 1 + static_cast<size_t>(i) % (whole.size() - 1)),
                                 "application/json"),
                          std::regex("^malformed JSON: .*line [0-9]+, column [0-9]+"));
       }},
      {"unknown grade", false, 5,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/project", with_change([](Json& k) {
                                   k["actions"][0]["scope"]["grades"] = Json::array({"felonyy"});
                                 }),
                                 "application/json"),
                          std::regex("model_ballot_measure\\.yaml:[0-9]+:[0-9]+: .*did you mean 'felony'"));
       }},
      {"impossible date", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(
             c.Post("/api/project", with_change([](Json& k) { k["actions"][0]["date"] = "2026-13-01"; }), "application/json"),
             scenario_at);
       }},
      {"date out of range", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(
             c.Post("/api/project", with_change([](Json& k) { k["scenario"]["as_of"] = "2101-01-01"; }), "application/json"),
             scenario_at);
       }},
      {"unknown jurisdiction", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/project", with_change([](Json& k) { k["actions"][0]["jurisdictions"] = {"ZZ"}; }),
                                 "application/json"),
                          scenario_at);
       }},
      {"bad id", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/project", with_change([](Json& k) { k["scenario"]["id"] = "../../etc/passwd"; }),
                                 "application/json"),
                          std::regex("^scenario\\.id: "));
       }},
      {"control character", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/project", with_change([](Json& k) { k["scenario"]["title"] = "a\x01"; }),
                                 "application/json"),
                          std::regex("^scenario\\.title: control characters"));
       }},
      {"not a scenario", false, 3,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/project", "[1, 2]", "application/json"), std::regex("^scenario: expected an object"));
       }},
      {"bad YAML", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/project", "scenario: {id: x, title: [\n", "text/yaml"), request_at);
       }},
      {"unknown postal", false, 4,
       [&](httplib::Client& c, int, std::string&, std::string&) {
         return judge_400(c.Post("/api/explain/ZZ", knobs.dump(), "application/json"), std::regex("^/api/explain/ZZ: "));
       }},
  };
  std::vector<int> pick;  // request i is of kinds[pick[i % size]]
  for (size_t k = 0; k < kinds.size(); ++k)
    for (int w = 0; w < kinds[k].weight; ++w) pick.push_back(static_cast<int>(k));

  std::map<std::string, std::string> first_answer;  // determinism: same request, same answer
  std::mutex answers_lock;
  std::atomic<int> next{0}, done{0};
  std::vector<std::vector<double>> good_ms(kClients), bad_ms(kClients);
  std::vector<long> per_kind(kinds.size(), 0);
  std::atomic<long> good_failed{0}, bad_failed{0}, good_count{0}, bad_count{0};
  const int warm_at = static_cast<int>(kWarmUpShare * requests), mid_at = (warm_at + requests) / 2;

  // Faults during the load: clients that go away mid-request or mid-answer.
  std::atomic<bool> load_running{true};
  std::atomic<int> dropped{0};
  std::thread faults([&] {
    while (load_running && done < warm_at) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string body = variant(7).dump();
    const std::string host = "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
    for (int round = 0; round < 20 && load_running; ++round) {
      // Sends a projection request and hangs up before the answer.
      if (int s = connect_to(port); s >= 0) {
        send_all(s, "POST /api/project HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body);
        close(s);
        ++dropped;
      }
      // Reads the first kilobyte of a large file and resets the connection.
      if (int s = connect_to(port); s >= 0) {
        send_all(s, "GET /vendor/vega.min.js HTTP/1.1\r\n" + host + "\r\n");
        read_some(s, 1024);
        linger l{1, 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        close(s);
        ++dropped;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });

  // Requests [next, end) from kClients connections at once. Between phases the server is
  // idle, so that its memory is measured at rest, not with a varying number of answers in
  // the making.
  auto run_phase = [&](int end) {
    std::vector<std::thread> clients;
    for (int t = 0; t < kClients; ++t)
      clients.emplace_back([&, t] {
        httplib::Client c("127.0.0.1", port);
        c.set_keep_alive(true);
        c.set_connection_timeout(60, 0);
        c.set_read_timeout(600, 0);
        c.set_write_timeout(60, 0);
        for (int i = next++; i < end; i = next++) {
          const int k = pick[static_cast<size_t>(i) % pick.size()];
          const Kind& kind = kinds[static_cast<size_t>(k)];
          std::string key, answer;
          const auto s = Clock::now();
          std::string wrong;
          try {
            wrong = kind.send(c, i, key, answer);
          } catch (const std::exception& e) {
            wrong = std::string("unreadable answer: ") + e.what();
          }
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - s).count();
          if (wrong.empty() && kind.good) {
            std::lock_guard<std::mutex> lock(answers_lock);
            auto [it, fresh] = first_answer.emplace(key, answer);
            if (!fresh && it->second != answer) wrong = "a different answer to the same request (" + key + ")";
          }
          (kind.good ? good_ms : bad_ms)[static_cast<size_t>(t)].push_back(ms);
          (kind.good ? good_count : bad_count)++;
          if (!wrong.empty()) {
            (kind.good ? good_failed : bad_failed)++;
            fail(kind.name + " #" + std::to_string(i) + " (after " + std::to_string(static_cast<long>(ms)) + " ms): " + wrong);
          }
          std::lock_guard<std::mutex> lock(answers_lock);
          per_kind[static_cast<size_t>(k)]++;
          ++done;
        }
      });
    for (auto& c : clients) c.join();
    next = end;
  };
  const long overflows_before = listen_overflows();
  const auto t0 = Clock::now();
  run_phase(warm_at);
  const Memory warm = memory_of(server_pid);
  run_phase(mid_at);
  const Memory mid = memory_of(server_pid);
  run_phase(requests);
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  load_running = false;
  faults.join();
  const Memory after = memory_of(server_pid);

  // After the load: 100 MB bodies, refused without being stored. The server's peak memory
  // while each is sent: its VmHWM, reset first (clear_refs 5), and RSS sampled every 5 ms.
  std::string huge_report;
  for (bool chunked : {false, true}) {
    const Memory before = memory_of(server_pid);
    std::ofstream reset_peak("/proc/" + std::to_string(server_pid) + "/clear_refs");
    reset_peak << "5" << std::flush;
    const bool peak_reset = reset_peak.good();
    reset_peak.close();
    std::atomic<bool> sending{true};
    long sampled_kb = before.rss_kb;
    std::thread sampler([&] {
      while (sending) {
        sampled_kb = std::max(sampled_kb, memory_of(server_pid).rss_kb);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    const auto s = Clock::now();
    const std::string status = send_huge_body(port, chunked);
    const double took = std::chrono::duration<double>(Clock::now() - s).count();
    sending = false;
    sampler.join();
    const Memory later = memory_of(server_pid);
    const long peak_kb = peak_reset ? std::max(later.peak_kb, sampled_kb) : sampled_kb;
    const std::string how = chunked ? "100 MB chunked body" : "100 MB body with a Content-Length";
    char line[256];
    std::snprintf(line, sizeof line, "  %s: \"%s\" in %.2f s; server RSS %s before, peak while sending %s\n", how.c_str(),
                  status.c_str(), took, mb(before.rss_kb).c_str(), mb(peak_kb).c_str());
    huge_report += line;
    if (status.find(" 413 ") == std::string::npos) fail(how + ": expected 413, got \"" + status + "\"");
    if (peak_kb - before.rss_kb >= 50 * 1024)
      fail(how + ": the server's memory rose by " + mb(peak_kb - before.rss_kb) + " while it was sent (the body was kept)");
  }
  // Still answering, with the same figures.
  {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(300, 0);
    auto r = c.Post("/api/project", variant(3).dump(), "application/json");
    if (!r || r->status != 200) fail("after the load and the faults, a good request failed");
    else if (r->body != first_answer["project 3"])
      fail("after the load and the faults, a different answer to the same request");
    auto g = c.Get("/api/scenarios");
    if (!g || g->status != 200) fail("after the load and the faults, GET /api/scenarios failed");
  }
  const Memory last = memory_of(server_pid);

  std::vector<double> good, bad;
  for (int t = 0; t < kClients; ++t) {
    good.insert(good.end(), good_ms[static_cast<size_t>(t)].begin(), good_ms[static_cast<size_t>(t)].end());
    bad.insert(bad.end(), bad_ms[static_cast<size_t>(t)].begin(), bad_ms[static_cast<size_t>(t)].end());
  }
  const long limit_kb = warm.rss_kb + warm.rss_kb / 4 + 32 * 1024;
  if (after.rss_kb > limit_kb)
    fail("memory grew: " + mb(after.rss_kb) + " after the load, " + mb(warm.rss_kb) + " after the warm-up (limit " +
         mb(limit_kb) + ")");

  std::printf("serve_load: %d requests from %d concurrent connections in %.1f s: %.1f requests/s\n", requests, kClients,
              seconds, requests / seconds);
  std::printf("  server: replicates %d, --threads 1, %u cores\n", kReplicates, std::thread::hardware_concurrency());
  for (size_t k = 0; k < kinds.size(); ++k)
    std::printf("  %-22s %s %6ld\n", kinds[k].name.c_str(), kinds[k].good ? "good" : "bad ", per_kind[k]);
  std::printf("  good: %ld, failed %ld; latency p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms\n", good_count.load(),
              good_failed.load(), percentile(good, 0.5), percentile(good, 0.9), percentile(good, 0.99), percentile(good, 1.0));
  std::printf("  bad: %ld, not answered with the right 400: %ld; latency p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms\n",
              bad_count.load(), bad_failed.load(), percentile(bad, 0.5), percentile(bad, 0.9), percentile(bad, 0.99),
              percentile(bad, 1.0));
  std::printf("  dropped connections (mid-request or mid-answer): %d; listen queue overflows (whole system) %ld\n",
              dropped.load(), listen_overflows() - overflows_before);
  std::printf("  server RSS: started %s, after warm-up (%d requests) %s, at %d %s, after the load %s (limit %s), at the end %s; peak %s\n",
              mb(started.rss_kb).c_str(), warm_at, mb(warm.rss_kb).c_str(), mid_at, mb(mid.rss_kb).c_str(),
              mb(after.rss_kb).c_str(), mb(limit_kb).c_str(), mb(last.rss_kb).c_str(), mb(last.peak_kb).c_str());
  std::printf("%s", huge_report.c_str());
  for (const auto& f : failures) std::printf("FAILED: %s\n", f.c_str());
  std::printf("%s\n", failures.empty() ? "serve_load: passed" : "serve_load: FAILED");
  stop_server();
  return failures.empty() ? 0 : 1;
}
