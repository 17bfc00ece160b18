// GOV.UK Frontend's page classes, set before the body is drawn so that components styled for
// JavaScript do not flash unstyled: js-enabled, and govuk-frontend-supported where the browser runs
// ES modules (init.js then starts the components). A file rather than an inline script, which the
// Content-Security-Policy refuses.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
