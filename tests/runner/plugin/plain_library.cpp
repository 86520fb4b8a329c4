// A shared library that is no plugin, for tests/runner/plugin/test_shared_library.cpp: one C
// function, and nothing that would keep the library loaded once it is closed.
extern "C" int diffsweep_test_answer() { return 42; }
