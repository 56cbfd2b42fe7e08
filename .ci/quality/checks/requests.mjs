// No third-party requests: every request a page makes in the browser (as
// lib/browser.mjs records them, from navigation until the network is quiet,
// and in the accessibility and keyboard passes after it) goes to the site's
// own origin. data: and blob: addresses are not requests to anyone. The
// browser also aborts them, so a failing page never reaches the network.

/** thirdParty returns the requests that went to an origin other than origin. */
export function thirdParty(origin, requests) {
  return requests.filter((r) => !/^(data|blob|about):/.test(r) && new URL(r).origin !== origin);
}
