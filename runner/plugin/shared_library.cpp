#include "runner/plugin/shared_library.hpp"

#include <dlfcn.h>

namespace diffsweep {

SharedLibrary::SharedLibrary(const std::string& path)
    : handle_(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
  if (!handle_) {
    const char* error = dlerror();
    throw SharedLibraryError(error ? error : "dlopen failed");
  }
}

SharedLibrary::~SharedLibrary() { dlclose(handle_); }

void* SharedLibrary::symbol(const char* name) const { return dlsym(handle_, name); }

}  // namespace diffsweep
