// Confidence tiers as ranks (Low 0, Medium 1, High 2), the order the reference uses for gates and ranking.
import type { Confidence } from './config-rules.js';

export type ConfidenceRank = 0 | 1 | 2;

export const LOW: ConfidenceRank = 0;
export const MEDIUM: ConfidenceRank = 1;
export const HIGH: ConfidenceRank = 2;

export function confidenceRank(c: Confidence): ConfidenceRank {
  return c === 'high' ? HIGH : c === 'medium' ? MEDIUM : LOW;
}

export function confidenceName(r: ConfidenceRank): Confidence {
  return r === HIGH ? 'high' : r === MEDIUM ? 'medium' : 'low';
}
