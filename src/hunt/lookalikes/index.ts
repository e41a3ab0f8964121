import type { Lookalike } from './lookalike.js';
import batchPipeline from './batch-pipeline.js';
import codingAgent from './coding-agent.js';
import evalHarness from './eval-harness.js';
import researchSampling from './research-sampling.js';
import resellerRelay from './reseller-relay.js';
import universityClass from './university-class.js';

/** Every legitimate pattern the hunt names. Adding one: write its file, add it here. */
export const LOOKALIKES: Lookalike[] = [universityClass, evalHarness, researchSampling, resellerRelay, batchPipeline, codingAgent];
