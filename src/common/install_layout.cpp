#include "common/install_layout.hpp"

#include <filesystem>
#include <system_error>

namespace diffsweep {

std::string shared_data_dir() {
  std::error_code ec;
  // Linux names the running executable here; argv[0] may be relative or a bare name on PATH.
  const auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  if (ec) return "share/diffsweep";
  return (exe.parent_path().parent_path() / "share" / "diffsweep").string();
}

}  // namespace diffsweep
