// Why a view that decodes in this page shows nothing for a model whose decoder the page cannot run: a PixelCNN
// decoder draws one pixel per network pass, so its images come from the job process (the section "Samples drawn
// pixel by pixel"), never from an in-page decode.
import { isAutoregressive, type ModelConfig } from '../shared/types';
import { l10n } from './l10n';

/** The reason in words, or '' when the page can decode this model. */
export function noPageDecoderReason(model: ModelConfig | null): string {
  if (!model || !isAutoregressive(model)) return '';
  return l10n.t('Not available for a PixelCNN decoder: it draws one pixel per network pass, which this page does not run. Its samples come from the job process (Samples drawn pixel by pixel).');
}
