// Walks every step / tab of a draft on the replica and collects what the extension showed.
import { hook, ORG_A, ORG_B, MANAGER } from './harness.mjs';

export const LAYOUTS = {
  wizard: (id, fixture) => ['capabilities', 'details', 'configure', 'test', 'submit']
    .map((step) => `https://${ORG_A}/admin/oin/integrations/${id}/edit/${step}?fixture=${fixture}`),
  article: (id, fixture) => ['general', 'saml', 'oidc', 'scim', 'ul', 'test']
    .map((tab) => `https://${ORG_B}/admin/oin/integrations/${id}/edit?tab=${tab}&fixture=${fixture}`),
  manager: (id, fixture) => ['general', 'saml', 'oidc', 'scim', 'ul', 'test']
    .map((tab) => `https://${MANAGER}/submissions/${id}/edit?tab=${tab}&fixture=${fixture}`),
};

/** Loads a page and waits until the extension has painted its summary for it. */
export async function open(page, url) {
  await page.goto(url);
  const summary = hook(page, '[data-oin-summary]');
  await summary.waitFor({ timeout: 10000 });
  // Let the page's script-driven render settle and the last check land.
  await page.waitForTimeout(250);
  return summary;
}

export async function summaryOf(page) {
  return hook(page, '[data-oin-summary]').evaluate((e) => ({
    complete: Number(e.dataset.complete),
    errors: Number(e.dataset.errors),
    warnings: Number(e.dataset.warnings),
    unknown: Number(e.dataset.unknown),
  }));
}

export async function markers(page) {
  return hook(page, '[data-oin-finding]').evaluateAll((els) => els.map((e) => ({
    field: e.dataset.field, rule: e.dataset.rule, severity: e.dataset.severity, text: e.textContent,
  })));
}

/** Every step's markers and summary, in order. */
export async function walk(page, urls) {
  const steps = [];
  for (const url of urls) {
    await open(page, url);
    steps.push({ url, summary: await summaryOf(page), markers: await markers(page) });
  }
  return steps;
}
