// Chooses a deployment for a request without the azureml-model-deployment header, by the endpoint's traffic
// weights, deterministically: smooth weighted round-robin (as in nginx). The sequence repeats every
// sum-of-weights requests, so any window of that many requests splits exactly by the weights (90/10 over
// 100). It must never use randomness, and never pick a deployment with weight 0 or one that does not exist.

export interface TrafficRouter {
  /** The next deployment's name, or null when no existing deployment has a positive weight. */
  next(): string | null;
}

export function createTrafficRouter(traffic: Readonly<Record<string, number>>, deploymentNames: readonly string[]): TrafficRouter {
  const weights = deploymentNames
    .map((name) => ({ name, weight: Object.hasOwn(traffic, name) ? (traffic[name] ?? 0) : 0 }))
    .filter((d) => d.weight > 0);
  const total = weights.reduce((sum, d) => sum + d.weight, 0);
  const current = weights.map(() => 0);
  return {
    next() {
      if (weights.length === 0) return null;
      let best = 0;
      for (let i = 0; i < weights.length; i++) {
        current[i]! += weights[i]!.weight;
        if (current[i]! > current[best]!) best = i;
      }
      current[best]! -= total;
      return weights[best]!.name;
    },
  };
}
