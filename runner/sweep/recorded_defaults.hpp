// A point's id covers every parameter's value, defaults included, so a diffsweep whose default
// for some parameter changed would give the points of a sweep it resumes other ids than they had
// when it started: none of its results would be found, and the sweep could not be resumed or
// extended. A results file records every parameter's default as its sweep had it (the columns'
// `default` attribute); a sweep goes on with those defaults wherever they differ from this
// diffsweep's, so its points keep their ids and their meaning. A new file, or --restart, takes
// this diffsweep's defaults.
#pragma once

#include <string>

#include "common/experiment.hpp"
#include "results_io/results_reader.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

// The parameters of `experiment` whose default `t` records otherwise than the experiment declares
// it, each with the recorded text, in the experiment's order. A recorded default that no longer
// parses is left out (the sweep then cannot match the file's, and says so).
KeyValues changed_defaults(const results::ResultsTable& t, const Experiment& experiment);

// The same for the results file at `path`, reading only its columns' attributes; empty when
// there is no such file or it cannot be read (opening it for the run reports that).
KeyValues changed_defaults(const std::string& path, const Experiment& experiment);

// "guidance_estimator = regression (this diffsweep's default: classifier), ...": the message
// part naming each changed default.
std::string describe_changed_defaults(const KeyValues& changed, const Experiment& experiment);

// As rank 0 sends them to the workers: a "name=value" line each.
std::string defaults_lines(const KeyValues& changed);
KeyValues defaults_from_lines(const std::string& lines);

}  // namespace diffsweep
