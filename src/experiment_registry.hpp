// Every experiment diffsweep can run, by name. Built on request (no global registry), so each
// process or test owns its instances and their caches.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/experiment.hpp"

namespace diffsweep {

std::vector<std::string_view> experiment_names();
// nullptr when no experiment has that name.
std::unique_ptr<Experiment> make_experiment(std::string_view name);

}  // namespace diffsweep
