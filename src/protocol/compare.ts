// Messages between the host and the Compare Models panel, each direction declared once (schema.ts) and checked on
// receipt, in the envelope like the model panel's. The host sends both models (summary, epochs, where the page
// fetches each one's weights) with the metrics table, then two images of model A's dataset for the interpolation.
import { channels, pixels, pixelsFit, side } from './images';
import { messageUnion, s, type Infer, type MessageOf } from './schema';
import { decoderSource, epochMetrics, MAX_EPOCHS, modelSummary } from './summary';

export const compareSide = s.object({ summary: modelSummary, epochs: s.array(epochMetrics, MAX_EPOCHS), decoder: decoderSource });
export type CompareSide = Infer<typeof compareSide>;

/** One row of the metrics table: a figure of each model (null when it has none) and which way is better. */
export const metricRow = s.object({ name: s.string(200), a: s.nullable(s.number()), b: s.nullable(s.number()), better: s.oneOf('lower', 'higher', 'none') });
export type MetricRow = Infer<typeof metricRow>;

export const comparePair = s.refine(
  s.object({ names: s.tuple(s.string(), s.string()), height: side(), width: side(), channels: channels(), pixels: pixels() }),
  (p) => pixelsFit('pixels', p.pixels, 2, p),
);

export const hostToCompareShapes = {
  models: { a: compareSide, b: compareSide, rows: s.array(metricRow, 200) },
  /** The two images both models interpolate between, or why there are none. */
  pair: { pair: s.nullable(comparePair), reason: s.string() },
  /** The metrics job's figures for both models (Compute metrics), appended to the table; or why there are none. */
  metricRows: { rows: s.array(metricRow, 200), note: s.string() },
};
export const hostToCompare = messageUnion(hostToCompareShapes);
export type HostToCompare = MessageOf<typeof hostToCompareShapes>;

export const compareToHostShapes = {
  ready: {},
  /** Run the metrics job (I(x; z), TC, probe, sharpness, Fréchet) on both models. */
  computeMetrics: {},
};
export const compareToHost = messageUnion(compareToHostShapes);
export type CompareToHost = MessageOf<typeof compareToHostShapes>;
