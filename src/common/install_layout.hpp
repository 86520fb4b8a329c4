// Where a diffsweep program finds the files it ships with: beside itself, never in the source
// tree. An installed tree (`cmake --install`) and the build tree have the same shape:
//   bin/diffsweep, bin/diffsweep-analyze
//   share/diffsweep/plot.py, fetch_mnist.sh, mnist/ (the digits, once fetched)
// so a program that is moved together with its share/ folder keeps finding them.
#pragma once

#include <string>

namespace diffsweep {

// <folder of the running executable>/../share/diffsweep (the executable's real path, symlinks
// resolved); "share/diffsweep" relative to the working directory if the path cannot be read.
std::string shared_data_dir();

}  // namespace diffsweep
