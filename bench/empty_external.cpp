// An external experiment that does no work (bench/external_overhead.sh): every point's cost is
// the protocol's. It answers with its process id, so the bench can count the programs started.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main() {
  std::puts(
      R"({"protocol": "diffsweep-external-1", "summary": "empty points",)"
      R"( "params": [{"name": "x", "type": "real", "default": 1}, {"name": "y", "type": "real", "default": 1}],)"
      R"( "metrics": [{"name": "pid", "doc": "the program's process id"}]})");
  std::fflush(stdout);
  const std::string reply = R"({"metrics": {"pid": )" + std::to_string(getpid()) + "}}\n";
  char* line = nullptr;
  std::size_t capacity = 0;
  while (getline(&line, &capacity, stdin) > 0) {
    std::fputs(reply.c_str(), stdout);
    std::fflush(stdout);
  }
  std::free(line);
}
