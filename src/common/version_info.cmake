# Writes version_info.cpp with the project version and the current git commit. Runs at every build
# but rewrites the file only when its text changes, so an unchanged tree recompiles nothing.
execute_process(COMMAND git describe --always --dirty --abbrev=12
                WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE commit ERROR_QUIET
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT commit)
  set(commit "unknown")
endif()
set(text "#include \"common/version.hpp\"\nnamespace diffsweep {\nstd::string_view diffsweep_version() { return \"${VERSION}\"; }\nstd::string_view git_commit() { return \"${commit}\"; }\n}  // namespace diffsweep\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUT} "${text}")
endif()
