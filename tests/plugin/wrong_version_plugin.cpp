// A plugin built for another version of the interface than the runner's.
#include <diffsweep/experiment_plugin.hpp>

extern "C" const diffsweep::PluginEntry* diffsweep_plugin_v1() {
  static const diffsweep::PluginEntry entry{diffsweep::plugin_interface_version + 1, nullptr};
  return &entry;
}
