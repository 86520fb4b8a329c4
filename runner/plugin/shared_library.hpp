// A shared library opened with dlopen and closed with its owner.
#pragma once

#include <stdexcept>
#include <string>

namespace diffsweep {

// dlopen or a symbol lookup failed; the message is dlerror()'s.
class SharedLibraryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SharedLibrary {
 public:
  // RTLD_NOW: a symbol the library needs and nothing provides is an error here, not a crash at
  // some point later. RTLD_LOCAL: its symbols resolve nothing loaded after it.
  explicit SharedLibrary(const std::string& path);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The address of `name`, or nullptr when the library does not define it.
  void* symbol(const char* name) const;

 private:
  void* handle_;
};

}  // namespace diffsweep
