// A shared library that loads but is no plugin: it does not define the entry point.
extern "C" int not_a_diffsweep_plugin() { return 1; }
