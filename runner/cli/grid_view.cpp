#include "runner/cli/grid_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "results_io/hdf5.hpp"
#include "results_io/results_format.hpp"
#include "runner/run/clock.hpp"
#include "runner/sweep/file_sweep.hpp"

namespace diffsweep {

namespace file_attribute = results::file_attribute;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
using results::ResultsTable;

// One swept axis of a grid: the values its rows take (numbers ascending, text in sweep order).
struct GridAxis {
  std::string name;
  bool text = false;
  bool integer = false;  // an integer parameter: its coordinate is int64, as the sweep gave it
  std::vector<double> numbers;
  std::vector<std::string> texts;
  std::size_t size() const { return text ? texts.size() : numbers.size(); }
  std::size_t position(const ResultsTable& t, std::size_t row) const {
    if (text)
      return static_cast<std::size_t>(std::find(texts.begin(), texts.end(), t.text(name)[row]) -
                                      texts.begin());
    return static_cast<std::size_t>(
        std::lower_bound(numbers.begin(), numbers.end(), t.numbers(name)[row]) - numbers.begin());
  }
};

// The cells of one netCDF group: (case,) the axes, replicate; and which row fills each cell.
struct Grid {
  std::string group;               // empty: the root
  std::vector<std::string> cases;  // a `case` dimension first, when not empty
  std::vector<GridAxis> axes;
  std::size_t replicates = 0;
  std::vector<std::size_t> rows, cells;  // rows[k] fills cell cells[k]
  std::size_t size() const {
    std::size_t n = std::max<std::size_t>(1, cases.size()) * replicates;
    for (const auto& a : axes) n *= a.size();
    return n;
  }
};

// The rows a grid shows: every row of its blocks, or for an adaptive sweep the rows its rounds
// placed (a lattice value or replicate no round placed is no cell of the grid).
std::vector<std::vector<std::size_t>> block_rows(const ResultsTable& t, const Sweep& sweep,
                                                 const std::vector<const Sweep::Block*>& blocks) {
  const bool adaptive = sweep.refine || sweep.sequential;
  const auto per_block = static_cast<std::size_t>(sweep.spec.replicates);
  std::vector<std::vector<std::size_t>> out;
  for (const Sweep::Block* b : blocks) {
    std::vector<std::size_t> rows;
    for (std::size_t r = b->first; r < b->first + b->grid * per_block && r < t.sweep_rows; ++r)
      if (!adaptive || (t.status[r] != "pending" && t.status[r] != "running")) rows.push_back(r);
    out.push_back(std::move(rows));
  }
  return out;
}

Grid grid_of(const ResultsTable& t, const Sweep& sweep,
             const std::vector<const Sweep::Block*>& blocks, bool case_dimension) {
  Grid g;
  const auto rows = block_rows(t, sweep, blocks);
  const auto& replicate = t.numbers(results::column::replicate);
  for (const auto& axis : blocks.front()->axes) {
    const ParamSpec* spec = find_spec(sweep.experiment().params(), axis.key);
    GridAxis a{
        axis.key, t.columns.at(axis.key).is_text, spec && spec->type == ParamType::integer, {}, {}};
    for (const auto& block : rows)
      for (const std::size_t r : block) {
        if (a.text && std::find(a.texts.begin(), a.texts.end(), t.text(a.name)[r]) == a.texts.end())
          a.texts.push_back(t.text(a.name)[r]);
        if (!a.text && !std::isnan(t.numbers(a.name)[r])) a.numbers.push_back(t.numbers(a.name)[r]);
      }
    std::sort(a.numbers.begin(), a.numbers.end());
    a.numbers.erase(std::unique(a.numbers.begin(), a.numbers.end()), a.numbers.end());
    g.axes.push_back(std::move(a));
  }
  for (const auto& block : rows)
    for (const std::size_t r : block)
      g.replicates = std::max(g.replicates, static_cast<std::size_t>(replicate[r]) + 1);
  if (case_dimension)
    for (const auto* b : blocks) g.cases.push_back(b->name);
  for (std::size_t c = 0; c < rows.size(); ++c)
    for (const std::size_t r : rows[c]) {
      std::size_t cell = c;
      for (const auto& a : g.axes) cell = cell * a.size() + a.position(t, r);
      g.rows.push_back(r);
      g.cells.push_back(cell * g.replicates + static_cast<std::size_t>(replicate[r]));
    }
  return g;
}

// One group per case where the cases sweep different axes; else one grid, with a `case`
// dimension when there are several.
std::vector<Grid> grids_of(const ResultsTable& t, const Sweep& sweep) {
  const auto& blocks = sweep.blocks();
  const auto keys = [](const Sweep::Block& b) {
    std::vector<std::string> k;
    for (const auto& a : b.axes) k.push_back(a.key);
    return k;
  };
  bool agree = true;
  for (const auto& b : blocks) agree = agree && keys(b) == keys(blocks.front());
  std::vector<Grid> grids;
  if (agree) {
    std::vector<const Sweep::Block*> all;
    for (const auto& b : blocks) all.push_back(&b);
    grids.push_back(grid_of(t, sweep, all, blocks.size() > 1));
  } else {
    for (const auto& b : blocks) {
      grids.push_back(grid_of(t, sweep, {&b}, false));
      grids.back().group = b.name;
    }
  }
  return grids;
}

// The experiment's description goes in CF's `comment`, not `long_name`: xarray labels a figure's
// axes with the long_name, and a description is a sentence, the name a label.
void describe(hid_t set, const std::string& units, const std::string& description) {
  if (!units.empty()) h5::write_attribute(set, results::attribute::units, units);
  if (!description.empty()) h5::write_attribute(set, "comment", description);
}

h5::Handle coordinate(hid_t group, const std::string& name, const h5::Values& values,
                      const std::string& units, const std::string& description) {
  h5::Handle set = h5::write(group, name, values);
  h5::make_coordinate(set.get(), name);
  describe(set.get(), units, description);
  return set;
}

std::vector<std::int64_t> indices(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t k = 0; k < n; ++k) v[k] = static_cast<std::int64_t>(k);
  return v;
}

void write_grid(hid_t file, const ResultsTable& t, const Grid& g,
                const std::vector<std::pair<std::string, results::SeriesColumn>>& series) {
  h5::Handle group =
      g.group.empty() ? h5::open_group(file, "/") : h5::create_group(file, g.group, true);
  std::vector<h5::Handle> dimensions;
  if (!g.cases.empty())
    dimensions.push_back(coordinate(group.get(), "case", g.cases, "", "the sweep's [case.NAME]"));
  for (const auto& a : g.axes) {
    const results::Column& c = t.columns.at(a.name);
    if (a.text) {
      dimensions.push_back(coordinate(group.get(), a.name, a.texts, "", c.long_name));
    } else if (a.integer) {
      const std::vector<std::int64_t> values(a.numbers.begin(), a.numbers.end());
      dimensions.push_back(coordinate(group.get(), a.name, values, c.units, c.long_name));
    } else {
      dimensions.push_back(coordinate(group.get(), a.name, a.numbers, c.units, c.long_name));
    }
  }
  dimensions.push_back(coordinate(group.get(), results::column::replicate, indices(g.replicates),
                                  "", "replicate index"));
  std::vector<hid_t> dims;
  for (const auto& d : dimensions) dims.push_back(d.get());
  for (const auto& name : t.column_order) {
    const results::Column& c = t.columns.at(name);
    if (c.role != results::Role::metric) continue;
    std::vector<double> cells(g.size(), nan);
    for (std::size_t k = 0; k < g.rows.size(); ++k) cells[g.cells[k]] = c.numbers[g.rows[k]];
    h5::Handle set = h5::create_array(group.get(), name, dims, cells);
    describe(set.get(), c.units, c.long_name);
  }
  std::size_t steps = 0;
  for (const auto& [name, s] : series)
    for (const std::size_t r : g.rows) steps = std::max(steps, s.row(r).size());
  if (series.empty()) return;
  h5::Handle step = coordinate(group.get(), "step", indices(steps), "",
                               "index of the value in the point's series (as logged)");
  dims.push_back(step.get());
  for (const auto& [name, s] : series) {
    std::vector<double> cells(g.size() * steps, nan);
    for (std::size_t k = 0; k < g.rows.size(); ++k) {
      const std::vector<double> v = s.row(g.rows[k]);
      std::copy(v.begin(), v.end(),
                cells.begin() + static_cast<std::ptrdiff_t>(g.cells[k] * steps));
    }
    h5::Handle set = h5::create_array(group.get(), name + "_series", dims, cells);
    describe(set.get(), "", "series " + name + " of each point, padded with NaN");
  }
}

}  // namespace

void write_grid_view(const ResultsTable& table, const std::string& path) {
  const FileSweep f = sweep_of(table, "export as a grid");
  const std::vector<Grid> grids = grids_of(table, f.sweep);
  std::vector<std::pair<std::string, results::SeriesColumn>> series;
  for (const auto& name : results::series_names(table))
    series.emplace_back(name, results::read_series_column(table, name));
  h5::Handle file = h5::create_file(path);
  const auto copy = [&](const char* name, const std::string& suffix = {}) {
    if (const auto v = table.attribute(name)) h5::write_attribute(file.get(), name, *v + suffix);
  };
  h5::write_attribute(file.get(), file_attribute::conventions, std::string("CF-1.8"));
  h5::write_attribute(
      file.get(), file_attribute::title,
      "grid view of " +
          table.attribute(file_attribute::title).value_or("diffsweep sweep " + f.spec.name));
  copy(file_attribute::source);
  copy(file_attribute::history, "; " + utc_now_iso8601() + " diffsweep export --netcdf");
  for (const char* name : {file_attribute::experiment, file_attribute::sweep_name,
                           file_attribute::sweep_hash, file_attribute::axes})
    copy(name);
  h5::write_attribute(file.get(), "results_file", table.path);
  for (const Grid& g : grids) write_grid(file.get(), table, g, series);
  h5::flush(file.get(), "flush " + path);
}

}  // namespace diffsweep
