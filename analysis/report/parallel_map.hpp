// f(0), ..., f(n - 1) on every core, results in index order. Each call must depend on its index
// alone (a bootstrap seeds its own generator from what it is the interval of), so the results are
// the same whatever the number of threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace diffsweep::analysis {

template <class F>
auto parallel_map(std::size_t n, F f) -> std::vector<decltype(f(std::size_t{}))> {
  using Result = decltype(f(std::size_t{}));
  std::vector<std::optional<Result>> out(n);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  const auto work = [&] {
    for (std::size_t k; (k = next++) < n;) {
      try {
        out[k].emplace(f(k));
      } catch (...) {
        const std::lock_guard lock(failure_lock);
        if (!failure) failure = std::current_exception();
        next = n;
      }
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (failure) std::rethrow_exception(failure);
  std::vector<Result> results;
  results.reserve(n);
  for (auto& r : out) results.push_back(std::move(*r));
  return results;
}

}  // namespace diffsweep::analysis
