// A learned prior's components on the latent map: each component's mean (MoG: m_k; VampPrior: μ(u_k) of its
// pseudo-input) placed in the map's own projection, as a marked point labelled by its component and weight. PCA and
// custom axes are linear (x = (m − mean)·component); UMAP has no formula for new points, so the means are placed
// as UMAP's transform places the images it did not fit: by their nearest codes among the mapped ones.
import { nearestNeighbours } from '../engine/knn';
import { FlowPriorVae } from '../engine/models/flowPrior/flowPriorVae';
import type { VaeModel } from '../engine/models/base';
import { umapNeighbours } from '../engine/umap2';
import { placeByNeighbours } from '../engine/umapTransform';
import type { LatentMap } from '../protocol/latentMap';
import { priorKind } from '../shared/types';

type Plane = Pick<LatentMap, 'method' | 'mean' | 'components' | 'points' | 'count'>;

/** The marks for the prior's components (none for N(0, I)); `codes`: the mapped μ's, count × d. */
export async function priorOverlay(model: VaeModel, map: Plane, codes: Float32Array): Promise<LatentMap['overlay']> {
  if (!(model instanceof FlowPriorVae)) return undefined;
  const c = model.priorComponents();
  if (!c || map.count === 0) return undefined;
  const { k, d } = c;
  let xy: Float32Array;
  if (map.method === 'umap') {
    const nb = await nearestNeighbours(c.means, k, codes, map.count, d, umapNeighbours(map.count));
    xy = placeByNeighbours(nb!, k, map.points);
  } else {
    xy = new Float32Array(2 * k);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < d; i++) {
        const centred = c.means[j * d + i] - map.mean[i];
        xy[2 * j] += centred * map.components[0][i];
        xy[2 * j + 1] += centred * map.components[1][i];
      }
    }
  }
  const name = priorKind(model.config) === 'vamp' ? 'u' : 'm';
  return Array.from({ length: k }, (_, j) => ({ x: xy[2 * j], y: xy[2 * j + 1], label: `${name}${j + 1} (π ${Math.exp(c.logWeights[j]).toFixed(2)})` })).slice(0, 1000);
}
