/**
 * Which manifest a build emits, and for which host. Used by webpack.config.js.
 *
 * - `npm run build` (webpack --mode production --env release) needs ADDIN_HOST, the https address where dist/ will
 *   be served; dist/manifest.xml then points there. Without it the build stops with a Dutch message: a production
 *   manifest never points at localhost.
 * - A production bundle without --env release (the browser tests, the benchmark, `npm run build:dev`) keeps the
 *   dev-server URLs, and its manifest is named manifest.localhost-dev.xml, never manifest.xml.
 * - Development mode (`npm start`) serves manifest.xml as it is: it points at https://localhost:3000.
 */
const DEV_HOST = 'https://localhost:3000';
const DEV_MANIFEST = 'manifest.localhost-dev.xml';

const EXAMPLE = 'ADDIN_HOST=https://tariefwijzer.uw-organisatie.nl npm run build';

/** An Error whose stack is just its message: webpack-cli prints the stack, and a user needs only the sentence. */
function userError(message) {
  const e = new Error(message);
  e.stack = message;
  return e;
}

/** ADDIN_HOST checked (https, not this computer) without its trailing slash, or an Error with a Dutch message. */
function checkHost(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return userError(`ADDIN_HOST is geen geldig webadres: "${raw}". Voorbeeld: ${EXAMPLE}`);
  }
  if (url.protocol !== 'https:') return userError(`ADDIN_HOST moet met https:// beginnen (Office laadt invoegtoepassingen alleen via https), niet: ${raw}`);
  const name = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost') || /^127\./.test(name) || name === '::1' || name === '0.0.0.0') {
    return userError(`ADDIN_HOST wijst naar deze computer (${url.hostname}); een productiemanifest moet naar de webserver van uw organisatie wijzen.`);
  }
  if (url.search || url.hash || url.username) return userError(`ADDIN_HOST is een adres zonder ?, # of gebruikersnaam, niet: ${raw}`);
  // A sub-path is fine (dist/ under https://intranet.example.nl/tariefwijzer); no trailing slash.
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * @param {{ mode: 'production' | 'development', release: boolean, addinHost: string | undefined }} o
 * @returns {{ file: string, host: string }} the manifest's file name in the output and the host its URLs point at
 */
function manifestTarget({ mode, release, addinHost }) {
  const raw = (addinHost ?? '').trim();
  if (raw) {
    const host = checkHost(raw);
    if (host instanceof Error) throw host;
    if (mode === 'production') return { file: 'manifest.xml', host };
  }
  if (mode === 'production' && release) {
    throw userError(
      'ADDIN_HOST ontbreekt. Een productiebouw heeft het https-adres nodig waar dist/ komt te staan, zodat het manifest ' +
        `daarnaar wijst en niet naar localhost: ${EXAMPLE}\n` +
        `Alleen voor de demonstratie of een test: npm run build:dev (maakt ${DEV_MANIFEST}, geen manifest.xml).`,
    );
  }
  return { file: mode === 'production' ? DEV_MANIFEST : 'manifest.xml', host: DEV_HOST };
}

/** The manifest text with every dev-server URL moved to `host`. */
function rewriteManifest(xml, host) {
  return host === DEV_HOST ? xml : xml.split(DEV_HOST).join(host);
}

module.exports = { DEV_HOST, DEV_MANIFEST, checkHost, manifestTarget, rewriteManifest };
