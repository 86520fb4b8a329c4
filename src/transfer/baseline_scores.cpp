#include "transfer/baseline_scores.hpp"

#include <memory>

#include "transfer/score_model.hpp"

namespace diffsweep::transfer {

namespace {

LabelledScore score_of(std::shared_ptr<const ScoreModel> model) {
  return [model](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return score(*model, x, t, y);
  };
}

}  // namespace

LabelledScore target_only_score(const TransferPoint& point, std::mt19937_64& rng) {
  const TransferSettings& s = point.settings;
  auto model = std::make_shared<ScoreModel>(
      make_score_model(s.shape.dim, s.score_width, s.score_depth, rng, point.classes));
  model->t_min = s.t_min;
  train_score_model(*model, point.target_data, s.target_training, rng, false, point.target_labels);
  return score_of(std::move(model));
}

LabelledScore finetune_score(const TransferPoint& point, std::mt19937_64& rng) {
  auto model = std::make_shared<ScoreModel>(point.source_model.model);
  train_score_model(*model, point.target_data, point.settings.finetune_training, rng, true,
                    point.target_labels);
  return score_of(std::move(model));
}

}  // namespace diffsweep::transfer
