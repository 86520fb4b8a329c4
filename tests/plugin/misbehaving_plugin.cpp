// A plugin whose points go wrong in every way an exception can: y = x + a draw from the point's
// seed, except that the point with x = 2 throws a std::runtime_error, x = 3 throws an int, x = 4
// throws when it is announced, and x = 5 returns a metric it did not declare. Each must fail its
// point alone. A point with x = gate_at creates the file `waiting` in the working directory and
// waits for a file `gate` there: a test kills a rank while it is surely inside a point.
#include <chrono>
#include <diffsweep/experiment_plugin.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

namespace {

class Misbehaving : public diffsweep::Experiment {
 public:
  std::string_view name() const override { return "misbehaving"; }
  std::string_view summary() const override { return "tests' plugin: y = x, or an exception"; }
  const std::vector<diffsweep::ParamSpec>& params() const override { return params_; }
  const std::vector<diffsweep::MetricSpec>& metrics() const override { return metrics_; }
  void announce(const diffsweep::Params& p, const diffsweep::PointContext&) override {
    if (p.real("x") == 4) throw std::invalid_argument("x = 4 refused when announced");
  }
  diffsweep::PointResult run(const diffsweep::Params& p,
                             const diffsweep::PointContext& context) override {
    const double x = p.real("x");
    if (x == p.real("gate_at")) {
      std::ofstream("waiting").close();
      while (!std::filesystem::exists("gate"))
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (x == 2) throw std::runtime_error("x = 2 is not allowed here");
    if (x == 3) throw 42;
    if (x == 5) return {{{"z", x}}, {}};
    std::mt19937_64 generator(context.seed);
    return {{{"y", x + std::normal_distribution<double>()(generator)}}, {}};
  }

 private:
  std::vector<diffsweep::ParamSpec> params_ = {
      {.name = "x", .type = diffsweep::ParamType::real, .default_value = "1"},
      {.name = "gate_at", .type = diffsweep::ParamType::real, .default_value = "-1"}};
  std::vector<diffsweep::MetricSpec> metrics_ = {{"y", "x plus a standard normal draw"}};
};

}  // namespace

DIFFSWEEP_PLUGIN(Misbehaving)
