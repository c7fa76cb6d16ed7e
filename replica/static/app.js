'use strict';
// Bootstrap: fetch this page's data from the same-origin JSON endpoint, then render it,
// like a client-rendered React console (the HTML itself is an empty #root).
(function (R) {
  async function start() {
    let data;
    try {
      data = await R.api('GET', '/replica-api/page?url=' + encodeURIComponent(location.pathname + location.search));
    } catch (e) {
      R.fatal(e.message);
      return;
    }
    document.title = (data.page === 'list' ? 'Your OIN Integrations' : (data.integration && data.integration.name) || 'Okta') +
      (data.layout === 'oinm' ? ' | OIN Manager' : ' | Okta Admin Console');
    if (data.page === 'list') R.pages.list(data);
    else if (data.page === 'view') R.pages.view(data);
    else if (data.page === 'stress') R.pages.stress(data);
    else if (data.page === 'hostile') R.pages.hostile(data);
    else if (data.page === 'form' && data.layout === 'wizard') R.pages.wizardForm(data);
    else if (data.page === 'form') R.pages.tabbedForm(data);
  }
  start();
})(window.Replica);
