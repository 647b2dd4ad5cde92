// The posterior-collapse remedies the panel offers (each a new training run; src/training/remedies.ts), with the
// label of each one's button.
export const REMEDY_NAMES = ['halveBeta', 'warmup', 'freeBits', 'smallerDecoder', 'fewerLatents'] as const;
export type RemedyName = (typeof REMEDY_NAMES)[number];

export const REMEDY_LABELS: Record<RemedyName, string> = {
  halveBeta: 'Halve β',
  warmup: 'Add KL warm-up',
  freeBits: 'Add free bits',
  smallerDecoder: 'Halve the hidden layers',
  fewerLatents: 'Keep only the active dimensions',
};
