/**
 * A phone whose request cannot even open a TCP connection keeps waiting (a browser retries the SYN
 * for about two minutes) or its student taps "Join" again; Node's fetch gives up after 10 s
 * (UND_ERR_CONNECT_TIMEOUT) and the bench would count a student lost that a real phone would not
 * have lost. Importing this module makes the bots' fetch retry such a request — it never reached the
 * server, so a retry cannot do anything twice — for up to 60 s in all. Every retry is counted, so a
 * server whose accept queue overflows still shows up in the report.
 */
export const connectRetries = { count: 0 };

const RETRY_FOR_MS = 60_000;
const plainFetch = globalThis.fetch.bind(globalThis);

function isConnectTimeout(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === "UND_ERR_CONNECT_TIMEOUT";
}

globalThis.fetch = async (input, init) => {
  const started = performance.now();
  for (;;) {
    try {
      return await plainFetch(input, init);
    } catch (error) {
      if (!isConnectTimeout(error) || performance.now() - started > RETRY_FOR_MS) throw error;
      connectRetries.count++;
    }
  }
};
