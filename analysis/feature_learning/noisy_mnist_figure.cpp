#include "analysis/feature_learning/noisy_mnist_figure.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analysis/feature_learning/shown_run.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

constexpr int max_images = 4;  // columns per n*SNR^2

// The one of `rows` (finished noisy_mnist rows of one setting) of `model` with the given n, x and
// replicate, if any.
std::optional<std::size_t> find_row(const ResultsTable& t, const std::vector<std::size_t>& rows,
                                    const std::vector<double>& x, const std::string& model,
                                    double n, double at, double replicate) {
  for (auto i : rows)
    if (t.text(fl::param::model)[i] == model && t.numbers(fl::param::n)[i] == n && x[i] == at &&
        t.numbers(results::column::replicate)[i] == replicate)
      return i;
  return std::nullopt;
}

// A panel of a "row|column" image grid from the series `name` of row i.
std::optional<PlotSeries> image_panel(const ResultsTable& t, std::size_t i, const std::string& name,
                                      std::string label) {
  PlotSeries panel;
  panel.label = std::move(label);
  panel.y = read_series(t, i, name);
  if (panel.y.empty()) return std::nullopt;
  panel.x.resize(panel.y.size());
  for (std::size_t k = 0; k < panel.x.size(); ++k) panel.x[k] = static_cast<double>(k);
  return panel;
}

std::string column_label(double at) { return "$n\\,\\mathrm{SNR}^2$ = " + fmt(at, 3); }

// A grid of images, one panel per series labelled "row|column".
Plot image_grid(std::string name, std::string title) {
  Plot plot{std::move(name), std::move(title), "", "", false, false, std::nullopt, {}};
  plot.kind = "images";
  return plot;
}

// A row of a grid: its label, and the model and series its panels come from.
struct ImageRow {
  const char* label;
  const char* model;
  const char* series;
};

// The first filter of each model (and class bank) as an image, one column per n*SNR^2 of the
// shown run: the classifier's should turn from noise-like to digit-like as SNR grows.
void add_filter_figure(Report& r, const ResultsTable& t, const std::vector<std::size_t>& rows,
                       const std::vector<double>& x, const ShownRun& shown,
                       const std::string& others) {
  std::vector<double> at;
  for (auto i : shown.rows)
    if (std::find(at.begin(), at.end(), x[i]) == at.end()) at.push_back(x[i]);
  std::sort(at.begin(), at.end());
  Plot plot = image_grid("noisy_mnist_filters", "Noisy-MNIST ($n$ = " + fmt(shown.n) +
                                                    "): the learned filters as 28 x 28 images");
  const ImageRow figure_rows[] = {
      {"diffusion filter $w_1$", fl::models::diffusion, "filter_0"},
      {"classifier filter $w_{+1,1}$", fl::models::classification, "filter_pos_0"},
      {"classifier filter $w_{-1,1}$", fl::models::classification, "filter_neg_0"}};
  for (const auto& row : figure_rows)
    for (double v : at)
      if (const auto i = find_row(t, rows, x, row.model, shown.n, v, shown.replicate))
        if (auto panel =
                image_panel(t, *i, row.series, std::string(row.label) + "|" + column_label(v)))
          plot.series.push_back(std::move(*panel));
  if (plot.series.empty()) return;
  plot.caption =
      "One run per panel (n = " + fmt(shown.n) + others +
      ", first replicate; no replicates are summarised here), at every n SNR^2 swept. Each "
      "panel has its own colour scale, centred on 0 (red positive, blue negative): a filter's "
      "sign and scale are not what it learned, its shape is. The first filter of each model (for "
      "the classifier, of each class's bank) is shown.";
  r.plots.push_back(std::move(plot));
}

}  // namespace

void add_noisy_mnist_figure(Report& r, const ResultsTable& t, const std::vector<double>& x) {
  if (!t.has(fl::param::data) || !t.columns.at(fl::param::data).is_text || !t.has(fl::param::model))
    return;
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < t.rows; ++i)
    if (t.done(i) && t.text(fl::param::data)[i] == fl::data_sources::noisy_mnist &&
        std::isfinite(x[i]))
      rows.push_back(i);
  if (rows.empty()) return;
  // One setting of every other swept axis (m, t, digits...): the first row's, so each panel
  // differs from its neighbours only in what the figure lays out.
  std::string others;
  for (const auto& axis : t.axes)
    if (axis != fl::param::model && axis != fl::param::n && axis != fl::param::snr &&
        axis != fl::param::nsnr2 && t.has(axis)) {
      const std::string v = t.value_text(axis, rows.front());
      std::erase_if(rows, [&](std::size_t i) { return t.value_text(axis, i) != v; });
      others += ", " + axis + " = " + v;
    }

  const ShownRun shown = largest_n_first_replicate(t, rows);
  const double n_max = shown.n, rep_min = shown.replicate;
  double x_lo = 1e300, x_hi = -1e300;
  for (auto i : shown.rows) {
    x_lo = std::min(x_lo, x[i]);
    x_hi = std::max(x_hi, x[i]);
  }

  Plot plot = image_grid(
      "noisy_mnist_fig3",
      "Noisy-MNIST ($n$ = " + fmt(n_max) +
          "): clean image, noisy image $z_t$, classifier input gradient, denoised image");
  // Rows in the paper's order.
  const ImageRow figure_rows[] = {
      {"clean image $x_0$", fl::models::diffusion, "fig3_image_"},
      {"noisy image $z_t$", fl::models::diffusion, "fig3_noisy_"},
      {"classifier input gradient", fl::models::classification, "fig3_grad_"},
      {"diffusion denoised image", fl::models::diffusion, "fig3_denoised_"}};
  for (const auto& row : figure_rows) {
    for (double at : x_lo == x_hi ? std::vector<double>{x_lo} : std::vector<double>{x_lo, x_hi}) {
      const auto i = find_row(t, rows, x, row.model, n_max, at, rep_min);
      if (!i) continue;
      for (int j = 0; j < max_images; ++j)
        // "row|column": plot.py lays the panels out by these two names.
        if (auto panel = image_panel(
                t, *i, row.series + std::to_string(j),
                std::string(row.label) + "|" + column_label(at) + ", image " + std::to_string(j)))
          plot.series.push_back(std::move(*panel));
    }
  }
  plot.caption =
      "One run per column (n = " + fmt(n_max) + others +
      ", first replicate; no replicates are summarised here): the first " +
      std::to_string(max_images) +
      " shown images at the lowest and the highest n SNR^2 swept. Each panel has its own colour "
      "scale, in the bar beside it: pixel values for the images, the gradient of the classifier's "
      "output with respect to its input for the gradients (red positive, blue negative, centred "
      "on 0). The denoised image is the diffusion model's estimate of x_0 from z_t.";
  if (plot.series.empty()) {
    r.notes.push_back("noisy_mnist points have no fig3_* series (n_show = 0?): no Figure 3");
  } else {
    r.plots.push_back(std::move(plot));
  }
  add_filter_figure(r, t, rows, x, shown, others);
}

}  // namespace diffsweep::analysis
