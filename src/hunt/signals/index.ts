import type { Signal } from '../signal.js';
import accountNewness from './account-newness.js';
import alwaysOn from './always-on.js';
import cacheMismatch from './cache-mismatch.js';
import capabilityDivergence from './capability-divergence.js';
import clientMismatch from './client-mismatch.js';
import cotElicitation from './cot-elicitation.js';
import countryMismatch from './country-mismatch.js';
import datacenter from './datacenter.js';
import distributionShift from './distribution-shift.js';
import exitSpread from './exit-spread.js';
import ipChurn from './ip-churn.js';
import peerIndicator from './peer-indicator.js';
import proxyRotation from './proxy-rotation.js';
import instructionSynthesis from './instruction-synthesis.js';
import loadSpread from './load-spread.js';
import logitSweep from './logit-sweep.js';
import logprobSweep from './logprob-sweep.js';
import longAnswers from './long-answers.js';
import maxOutput from './max-output.js';
import maxReasoning from './max-reasoning.js';
import rateLimitPressure from './rate-limit-pressure.js';
import rateLimited from './rate-limited.js';
import reasoningHarvest from './reasoning-harvest.js';
import repeatedSampling from './repeated-sampling.js';
import rubricGrading from './rubric-grading.js';
import sharedPayment from './shared-payment.js';
import singleTurn from './single-turn.js';
import synchronisedStarts from './synchronised-starts.js';
import templateSharing from './template-sharing.js';
import timingRegularity from './timing-regularity.js';
import unreadAnswers from './unread-answers.js';
import volumeIntensity from './volume-intensity.js';

/** Every signal the hunt runs. Adding a signal: write its file, add it here. */
export const SIGNALS: Signal[] = [
  volumeIntensity,
  maxOutput,
  longAnswers,
  timingRegularity,
  alwaysOn,
  synchronisedStarts,
  rateLimitPressure,
  rateLimited,
  loadSpread,
  singleTurn,
  unreadAnswers,
  cotElicitation,
  maxReasoning,
  rubricGrading,
  instructionSynthesis,
  repeatedSampling,
  reasoningHarvest,
  capabilityDivergence,
  templateSharing,
  cacheMismatch,
  clientMismatch,
  datacenter,
  ipChurn,
  countryMismatch,
  proxyRotation,
  exitSpread,
  accountNewness,
  sharedPayment,
  logitSweep,
  logprobSweep,
  distributionShift,
  peerIndicator,
];
