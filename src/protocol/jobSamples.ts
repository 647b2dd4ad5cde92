// Prior samples the job process draws for the panel (a PixelCNN decoder's, pixel by pixel): the request's limits,
// the reply, and its schema for the page (which checks what it receives).
import { channels, pixels, pixelsFit, side } from './images';
import { s, type Infer } from './schema';

/** At most this many images per request: a PixelCNN's sampling time grows with it (one pass per pixel). */
export const MAX_JOB_SAMPLES = 64;

export const jobSampleCount = () => s.number({ integer: true, min: 1, max: MAX_JOB_SAMPLES });
/** The prior's temperature T (z ~ N(0, T²·I)), as the page's slider allows. */
export const sampleTemperature = () => s.number({ min: 0.1, max: 2 });

export const jobSamplesSchema = s.refine(
  s.object({ status: s.oneOf('done'), pixels: pixels(), count: jobSampleCount(), height: side(), width: side(), channels: channels(), seconds: s.number({ min: 0 }) }),
  (r) => pixelsFit('pixels', r.pixels, r.count, r),
);
export type JobSamples = Infer<typeof jobSamplesSchema>;

/** Drawn images, or that the request was cancelled before they were. */
export type JobSamplesReply = JobSamples | { status: 'cancelled' };
