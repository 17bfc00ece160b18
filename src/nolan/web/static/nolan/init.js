// Progressive enhancement: every page works without JavaScript. Where the browser supports
// ES modules (js-enabled.js adds govuk-frontend-supported to <body>), start the GOV.UK Frontend and
// MoJ Frontend components on the page: the menu toggle, error summary focus, and so on.
import { initAll as initGovukFrontend } from "./build/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "./build/moj-frontend.min.js";

initGovukFrontend();
initMojFrontend();
