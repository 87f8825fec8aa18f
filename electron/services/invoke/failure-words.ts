// Azure's scoring status codes in words (managed online endpoints, how-to-troubleshoot-online-endpoints):
// what happened and what to do. One file, so the app, the CLI and the history say the same thing.
export interface FailureWords {
  readonly title: string;
  readonly words: string;
}

const WORDS: Readonly<Record<number, FailureWords>> = {
  400: { title: 'Bad request', words: 'The endpoint or the model did not accept the request body. Check it against the schema and the samples, then send it again.' },
  401: {
    title: 'Not authorized',
    words: "The endpoint did not accept Airlock's credential (missing, expired or for another endpoint). Airlock fetched a fresh one and tried once more. If it keeps happening, check the endpoint's auth mode and your role on it.",
  },
  403: { title: 'Forbidden', words: 'Azure refused the call for your account. For a Microsoft Entra token endpoint ask for a role with onlineEndpoints/score/action on it.' },
  404: {
    title: 'No deployment answered',
    words: 'The endpoint has no deployment with traffic to take the request, or the deployment named does not exist. Pick a deployment that exists, or give one some traffic.',
  },
  408: { title: 'Model timed out', words: "The model took longer than the deployment's request timeout. Send a smaller request, or ask the owner to raise request_timeout_ms." },
  409: { title: 'Operation in progress', words: 'The endpoint is being changed right now. Wait until its update finishes, then send again.' },
  413: { title: 'Request too large', words: 'The endpoint refused the request body as too large. Send a smaller body.' },
  424: {
    title: 'The model failed',
    words: "The model's container answered with an error; its status and reason are shown with the response. Check the deployment's logs, fix the input or the scoring script, then send again.",
  },
  429: {
    title: 'Too many requests',
    words: 'The endpoint has more requests waiting than its instances can take, or hit its rate limit. Wait a moment and send again, or ask the owner to add instances.',
  },
  500: { title: 'Azure ML failed', words: 'Azure Machine Learning had an internal failure while handling the request. Send again later; if it keeps failing, check the deployment logs.' },
  502: { title: 'Model raised an error', words: "The scoring script failed in init() or run(). Check the deployment's logs for the exception." },
  503: { title: 'Service unavailable', words: 'The endpoint could not take the request now (a spike beyond what it scales to, or it is starting). Wait a moment and send again.' },
  504: { title: 'Gateway timeout', words: 'The model did not answer in time. Send a smaller request or try again later.' },
};

/** Words for a status; null for 2xx. Unknown codes get a general sentence by class. */
export function failureWords(status: number): FailureWords | null {
  if (status >= 200 && status < 300) return null;
  const known = WORDS[status];
  if (known) return known;
  if (status >= 500) return { title: `Server error ${status}`, words: 'The endpoint failed to handle the request. Send again later; if it keeps failing, check the deployment logs.' };
  if (status >= 400) return { title: `Request refused (${status})`, words: 'The endpoint refused the request. Check the body, the deployment and your access, then send again.' };
  return { title: `Unexpected answer (${status})`, words: 'The endpoint answered in a way Airlock does not expect from a scoring call (a redirect is never followed). Check the endpoint.' };
}
