#include "analysis/noisy_mnist_figure.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analysis/row_groups.hpp"

namespace diffsweep::analysis {

namespace {

constexpr int max_images = 4;  // columns per n*SNR^2

// The finished row of `model` with the given n, x and replicate, if any.
std::optional<std::size_t> find_row(const ResultsTable& t, const std::vector<double>& x,
                                    const std::string& model, double n, double at,
                                    double replicate) {
  for (std::size_t i = 0; i < t.rows; ++i)
    if (t.done(i) && t.text("data")[i] == "noisy_mnist" && t.text("model")[i] == model &&
        t.numbers("n")[i] == n && x[i] == at && t.numbers("replicate")[i] == replicate)
      return i;
  return std::nullopt;
}

}  // namespace

void add_noisy_mnist_figure(Report& r, const ResultsTable& t, const std::vector<double>& x) {
  if (!t.has("data") || !t.columns.at("data").is_text || !t.has("model")) return;
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < t.rows; ++i)
    if (t.done(i) && t.text("data")[i] == "noisy_mnist" && std::isfinite(x[i])) rows.push_back(i);
  if (rows.empty()) return;

  const ShownRun shown = largest_n_first_replicate(t, rows);
  const double n_max = shown.n, rep_min = shown.replicate;
  double x_lo = 1e300, x_hi = -1e300;
  for (auto i : shown.rows) {
    x_lo = std::min(x_lo, x[i]);
    x_hi = std::max(x_hi, x[i]);
  }

  Plot plot{"noisy_mnist_fig3",
            "Noisy-MNIST ($n$ = " + fmt(n_max) +
                "): clean image, noisy image $z_t$, classifier input gradient, denoised image",
            "",
            "",
            false,
            false,
            std::nullopt,
            {}};
  plot.kind = "images";
  // Rows in the paper's order; each names the model and series it comes from.
  const struct {
    const char* label;
    const char* model;
    const char* series;
  } figure_rows[] = {{"clean image $x_0$", "diffusion", "fig3_image_"},
                     {"noisy image $z_t$", "diffusion", "fig3_noisy_"},
                     {"classifier input gradient", "classification", "fig3_grad_"},
                     {"diffusion denoised image", "diffusion", "fig3_denoised_"}};
  for (const auto& row : figure_rows) {
    for (double at : x_lo == x_hi ? std::vector<double>{x_lo} : std::vector<double>{x_lo, x_hi}) {
      const auto i = find_row(t, x, row.model, n_max, at, rep_min);
      if (!i) continue;
      for (int j = 0; j < max_images; ++j) {
        PlotSeries panel;
        // "row|column": plot.py lays the panels out by these two names.
        panel.label = std::string(row.label) + "|$n\\,\\mathrm{SNR}^2$ = " + fmt(at, 3) +
                      ", image " + std::to_string(j);
        panel.y = read_series(t, *i, row.series + std::to_string(j));
        if (panel.y.empty()) continue;
        panel.x.resize(panel.y.size());
        for (std::size_t k = 0; k < panel.x.size(); ++k) panel.x[k] = static_cast<double>(k);
        plot.series.push_back(std::move(panel));
      }
    }
  }
  plot.caption =
      "One run per column (n = " + fmt(n_max) +
      ", first replicate; no replicates are summarised here): the first " +
      std::to_string(max_images) +
      " shown images at the lowest and the highest n SNR^2 swept. Each panel has its own colour "
      "scale, in the bar beside it: pixel values for the images, the gradient of the classifier's "
      "output with respect to its input for the gradients (red positive, blue negative, centred "
      "on 0). The denoised image is the diffusion model's estimate of x_0 from z_t.";
  if (plot.series.empty()) {
    r.notes.push_back("noisy_mnist points have no fig3_* series (n_show = 0?): no Figure 3");
    return;
  }
  r.plots.push_back(std::move(plot));
}

}  // namespace diffsweep::analysis
