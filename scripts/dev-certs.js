/**
 * The dev server's https certificate. Desktop Excel only loads a task pane from https://localhost when the
 * certificate is trusted; office-addin-dev-certs makes a local CA and a localhost certificate
 * (~/.office-addin-dev-certs/) and adds the CA to the user's trust store (Windows, macOS; on Linux with sudo).
 * Where that worked we serve with those files; otherwise with webpack-dev-server's own self-signed certificate,
 * which Excel on the web accepts once the browser has been told to (README, "Ontwikkelen").
 */
const fs = require('node:fs');

/** Installs (or renews) the trusted localhost certificate; false with the reason where that is not possible. */
async function ensureTrustedCertificates() {
  try {
    const certs = require('office-addin-dev-certs');
    await certs.ensureCertificatesAreInstalled();
    return certs.verifyCertificates() ? { ok: true } : { ok: false, reason: 'het CA-certificaat staat niet in de vertrouwde certificaten' };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

/** webpack-dev-server's `server` option: the trusted certificate when it is installed, else its own. */
function devServerHttps() {
  try {
    const certs = require('office-addin-dev-certs');
    const { localhostCertificatePath: cert, localhostKeyPath: key, caCertificatePath: ca } = require('office-addin-dev-certs/lib/defaults');
    if ([cert, key, ca].every((f) => fs.existsSync(f)) && certs.verifyCertificates()) {
      return { type: 'https', options: { cert: fs.readFileSync(cert), key: fs.readFileSync(key), ca: fs.readFileSync(ca) } };
    }
  } catch {
    // no usable certificate: fall through to webpack-dev-server's own
  }
  return 'https';
}

module.exports = { ensureTrustedCertificates, devServerHttps };
