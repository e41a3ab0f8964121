// eval: scores any detector's findings against the simulator's ground truth (the only reader of truth/).
export * from './contracts.js';
export { evaluate, type EvalOptions, type EvalReport, type DetectorReport } from './evaluate.js';
export { renderEvalReport } from './render.js';
export { EvalInputError } from './read.js';
export type { DetectorScore, CampaignScore, CohortScore, ReportedCampaignScore, RelayBand } from './score.js';
export type { DetectorTimeline, CampaignTimeline, DetectionPoint } from './timeline.js';
export { TARGETS, type TargetResult } from './targets.js';
export { buildMatrix, renderMatrixMarkdown, renderMatrixText, worldResult, type Matrix, type WorldResult } from './matrix.js';
