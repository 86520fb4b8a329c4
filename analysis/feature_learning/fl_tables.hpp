// The feature-learning report's tables and its R and accuracy figures, filled by each model's
// sections in turn and captioned at the end.
#pragma once

#include <string>
#include <vector>

#include "analysis/report/report.hpp"

namespace diffsweep::analysis {

struct FlInputs;

struct FlTables {
  std::vector<std::vector<std::string>> points, fits;
  Plot ratio_template{"fl_R_vs_nsnr2",
                      "Stationary ratio of signal to noise learning against $n\\,\\mathrm{SNR}^2$",
                      "$n\\,\\mathrm{SNR}^2$ (samples $\\times$ signal-to-noise ratio squared)",
                      "$R = S/N$ (signal / noise learning)",
                      true,
                      true,
                      1.0,
                      {}};
  Plot acc_plot{"fl_test_acc_vs_nsnr2",
                "Test accuracy against $n\\,\\mathrm{SNR}^2$",
                "$n\\,\\mathrm{SNR}^2$ (samples $\\times$ signal-to-noise ratio squared)",
                "test accuracy (fraction correct)",
                true,
                false,
                0.5,
                {}};
  std::vector<std::string> ratio_caption;  // one sentence per model
  std::string interval_level;              // "95%", or "nominal 95%" if any model's falls short
  std::string acc_caption;
  std::vector<Plot> ratio_plots;        // one per panel ("" when the figure has one)
  std::vector<std::string> panels;      // their panel values, "t=0.5"
  std::vector<std::string> curve_keys;  // the curves' colours, in the order met

  // The R figure of a panel ("" for the only one), made when first asked for.
  Plot& ratio_plot(const std::string& panel);
  std::vector<std::string> ratio_plot_names() const;
  // The same colour for a curve in every panel (m = 8 in t = 0.5 and in t = 2.5), keyed by its
  // model and its label within the panel.
  int curve_color(const std::string& key);
};

// Each R figure's caption, once every model has added its curves and counts.
void caption_ratio_plots(const FlInputs& in, FlTables& tables);

// The tables of R per point and of the fits, as markdown sections.
std::string fl_table_sections(const FlInputs& in, const FlTables& tables);

}  // namespace diffsweep::analysis
