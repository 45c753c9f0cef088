#include "sim/scenario/composition.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include "sim/base/spellcheck.hpp"

namespace reliefsim {

bool order_actions(Scenario& s, Diagnostics& problems) {
  // Bidirectional, for in-degrees.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  const size_t n = s.actions.size();
  Graph g(n);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < n; ++i) index[s.actions[i].id] = i;
  std::vector<std::string> ids;
  for (const auto& a : s.actions) ids.push_back(a.id);
  bool ok = true;
  // Edge prerequisite → dependent; `link[{from, to}]` is where the dependent names it.
  std::map<std::pair<size_t, size_t>, SourceLocation> link;
  for (size_t i = 0; i < n; ++i)
    for (const auto& [name, where] : s.actions[i].after) {
      auto it = index.find(name);
      if (it == index.end()) {
        problems.push_back({where, "action '" + s.actions[i].id + "' comes after '" + name + "', which the scenario does not have",
                            did_you_mean(name, ids)});
        ok = false;
        continue;
      }
      boost::add_edge(it->second, i, g);
      link[{it->second, i}] = where;
    }
  if (!ok) return false;
  std::vector<size_t> reversed;
  try {
    boost::topological_sort(g, std::back_inserter(reversed));  // throws on a cycle
  } catch (const boost::not_a_dag&) {
    // Find one cycle by depth-first search over the same edges, to show it link by link.
    std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<size_t> stack;
    std::vector<size_t> cycle;
    std::function<bool(size_t)> dfs = [&](size_t v) {
      state[v] = 1;
      stack.push_back(v);
      for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
        const size_t w = boost::target(*e, g);
        if (state[w] == 1) {
          cycle.assign(std::find(stack.begin(), stack.end(), w), stack.end());
          return true;
        }
        if (state[w] == 0 && dfs(w)) return true;
      }
      stack.pop_back();
      state[v] = 2;
      return false;
    };
    for (size_t v = 0; v < n && cycle.empty(); ++v)
      if (state[v] == 0) dfs(v);
    std::string text = "actions come after each other in a cycle:";
    for (size_t k = 0; k < cycle.size(); ++k) {
      const size_t from = cycle[k], to = cycle[(k + 1) % cycle.size()];
      const SourceLocation& w = link.at({from, to});
      text += "\n    " + w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column) + ": '" +
              s.actions[to].id + "' comes after '" + s.actions[from].id + "'";
    }
    const SourceLocation& first = link.at({cycle[0], cycle[1 % cycle.size()]});
    problems.push_back({first, text, "remove one of these 'after' links"});
    return false;
  }
  // The graph has no cycle: order it stably (Kahn's algorithm taking the earliest-written
  // ready action first), so that actions without dependencies keep the order of the file.
  std::vector<size_t> waiting(n, 0);
  for (size_t v = 0; v < n; ++v) waiting[v] = boost::in_degree(v, g);
  std::vector<Action> ordered;
  std::vector<bool> placed(n, false);
  while (ordered.size() < n) {
    size_t next = n;
    for (size_t v = 0; v < n && next == n; ++v)
      if (!placed[v] && waiting[v] == 0) next = v;
    placed[next] = true;
    ordered.push_back(s.actions[next]);
    for (auto [e, end] = boost::out_edges(next, g); e != end; ++e) --waiting[boost::target(*e, g)];
  }
  s.actions = std::move(ordered);
  return true;
}

}  // namespace reliefsim
