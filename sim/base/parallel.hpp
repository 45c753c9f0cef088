// Independent jobs on a few threads, their results kept per job so that nothing depends on
// which thread ran what. Header-only.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <numeric>
#include <thread>
#include <vector>

namespace reliefsim {

/// Threads to use for `threads` (0: every hardware thread), never more than there are jobs.
inline unsigned thread_count(int threads, size_t jobs) {
  const unsigned t = threads > 0 ? static_cast<unsigned>(threads) : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<size_t>(jobs, 1, t));
}

/// Runs job(i) for every i in [0, cost.size()) on up to `threads` threads (0: every hardware
/// thread), handing out the costliest first so that a large job does not start last. Each job
/// must write only its own results. An exception from a job is rethrown after every thread
/// has finished: the one of the lowest i, as a loop over i in order would have thrown.
template <class Job>
void run_jobs(const std::vector<size_t>& cost, int threads, const Job& job) {
  const size_t n = cost.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
  std::vector<std::exception_ptr> failed(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < n;) try {
        job(order[k]);
      } catch (...) {
        failed[order[k]] = std::current_exception();
      }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < thread_count(threads, n); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
}

}  // namespace reliefsim
